"""Derive data/working_hours.csv from ILOSTAT weekly working hours, as packaged by Gapminder.

Provenance
----------
The input is Gapminder's Systema Globalis indicator ``working_hours_per_week`` ("Total amount of
yearly working hours divided by 52 weeks", source ILOSTAT), in the open-numbers DDF repository
(https://github.com/open-numbers/ddf--gapminder--systema_globalis, file
countries-etc-datapoints/ddf--datapoints--working_hours_per_week--by--geo--time.csv at commit
c63631abeb62af6db3910f68be7c2b443beca50b, CC BY 4.0). A byte-for-byte copy and its SOURCE.txt
live in the shared data-sources folder. For China the series has 11 observations, 2005-2016.

Why
---
Chapter 4 sets streamers' reported hours against the average hours worked in China, with the
United States for comparison. The script keeps those two economies, adds names and the source id
used in data/sources.csv, and writes a tidy, sorted CSV. Values pass through unchanged.

Usage (from the repository root)::

    .venv/bin/python -m scripts.derive_working_hours [RAW_CSV] [--out OUT_CSV]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.derive_common import check_economies, require_columns, resolve, run  # noqa: F401  (tests call resolve)

DEFAULT_RAW = (
    "../shared/data-sources/open-numbers__ddf--gapminder--systema_globalis/countries-etc-datapoints/"
    "ddf--datapoints--working_hours_per_week--by--geo--time.csv"
)
DEFAULT_OUT = "data/working_hours.csv"

VALUE_COLUMN = "working_hours_per_week"
SOURCE_ID = "ilostat-gapminder-working-hours"

# Gapminder geo codes (lowercase ISO3) -> names.
ECONOMIES = {"chn": "China", "usa": "United States"}

# A week has 168 hours; an average above 80 worked hours is a unit error, not a fact.
MAX_PLAUSIBLE_HOURS = 80.0

OUTPUT_COLUMNS = ["year", "economy_code", "economy", "weekly_hours", "source_id"]


def load_raw(path: Path) -> pd.DataFrame:
    """Read the DDF datapoints file and check its columns and value types."""
    raw = pd.read_csv(path, dtype={"geo": "string"})
    expected = {"geo", "time", VALUE_COLUMN}
    require_columns(raw, expected, path)
    raw["time"] = pd.to_numeric(raw["time"], errors="raise").astype(int)
    raw[VALUE_COLUMN] = pd.to_numeric(raw[VALUE_COLUMN], errors="raise")
    return raw


def derive(raw: pd.DataFrame) -> pd.DataFrame:
    """Keep the chapter's economies, rename to tidy columns and sort."""
    df = raw[raw["geo"].isin(ECONOMIES.keys())].copy()
    check_economies(df, "geo", ECONOMIES, ["geo", "time"])
    if not df[VALUE_COLUMN].between(0, MAX_PLAUSIBLE_HOURS).all():
        raise ValueError(f"weekly hours outside 0-{MAX_PLAUSIBLE_HOURS:.0f}")
    df = df.rename(columns={"geo": "economy_code", "time": "year", VALUE_COLUMN: "weekly_hours"})
    df["economy"] = df["economy_code"].map(ECONOMIES)
    df["source_id"] = SOURCE_ID
    return df[OUTPUT_COLUMNS].sort_values(["economy_code", "year"]).reset_index(drop=True)


def main() -> None:
    run(__doc__, DEFAULT_RAW, DEFAULT_OUT, load_raw, derive)


if __name__ == "__main__":
    main()
