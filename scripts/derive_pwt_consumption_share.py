"""Derive data/pwt_household_consumption_share.csv from Penn World Table 10.01.

Provenance
----------
The input is Penn World Table (PWT) 10.01 by Feenstra, Inklaar and Timmer (Groningen Growth and
Development Centre, https://www.rug.nl/ggdc/productivity/pwt/, CC BY 4.0), as packaged in the
CRAN package pwt10 (https://github.com/cran/pwt10, commit
957b298fd706a567af96ccb1663ad68d5e5d07ba, file data/pwt10.01.rda). The shared data-sources
folder holds a CSV conversion of that file with its key columns
(pwt10.01_key_columns.csv; values unchanged, see its SOURCE.txt).

Why
---
Chapter 6 compares China's household consumption share of GDP with other economies and shows
why two respected sources disagree. The World Bank (NE.CON.PRVT.ZS, already in the package) divides
household spending by GDP in each country's own prices. PWT's ``csh_c`` is the "share of household
consumption at current PPPs": each part of spending is valued at international (purchasing-power)
prices, and the denominator is output-side GDP at current PPPs, which also carries a residual
share for trade and statistical discrepancy. PWT has no world aggregate and ends in 2019.

The script keeps China and the United States, turns the fraction into a percentage (x 100, no
rounding), adds readable names and the source id used in data/sources.csv, and writes a tidy CSV.

Usage (from the repository root)::

    .venv/bin/python -m scripts.derive_pwt_consumption_share [RAW_CSV] [--out OUT_CSV]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.derive_common import check_economies, require_columns, resolve, run  # noqa: F401  (tests call resolve)

DEFAULT_RAW = "../shared/data-sources/cran__pwt10/data/pwt10.01_key_columns.csv"
DEFAULT_OUT = "data/pwt_household_consumption_share.csv"

VALUE_COLUMN = "csh_c"
SOURCE_ID = "pwt-10-01-csh-c"

# PWT ISO3 codes -> (lower-case code used in the package, readable name).
ECONOMIES = {
    "CHN": ("chn", "China"),
    "USA": ("usa", "United States"),
}

OUTPUT_COLUMNS = [
    "year",
    "economy_code",
    "economy",
    "household_consumption_pct_gdp_ppp",
    "source_id",
]


def load_raw(path: Path) -> pd.DataFrame:
    """Read the PWT key-columns CSV and check the columns this script needs."""
    raw = pd.read_csv(path, usecols=lambda name: name in {"isocode", "year", VALUE_COLUMN})
    require_columns(raw, {"isocode", "year", VALUE_COLUMN}, path)
    raw["year"] = pd.to_numeric(raw["year"], errors="raise").astype(int)
    raw[VALUE_COLUMN] = pd.to_numeric(raw[VALUE_COLUMN], errors="raise")
    return raw


def derive(raw: pd.DataFrame) -> pd.DataFrame:
    """Keep the chapter's economies and the years with a value; express the share in percent."""
    df = raw[raw["isocode"].isin(ECONOMIES)].dropna(subset=[VALUE_COLUMN]).copy()
    check_economies(df, "isocode", ECONOMIES, ["isocode", "year"])
    if not df[VALUE_COLUMN].between(0, 1).all():
        raise ValueError("csh_c outside 0-1: PWT shares are fractions of GDP")
    df["economy_code"] = df["isocode"].map(lambda code: ECONOMIES[code][0])
    df["economy"] = df["isocode"].map(lambda code: ECONOMIES[code][1])
    df["household_consumption_pct_gdp_ppp"] = 100 * df[VALUE_COLUMN]
    df["source_id"] = SOURCE_ID
    return df[OUTPUT_COLUMNS].sort_values(["economy_code", "year"]).reset_index(drop=True)


def main() -> None:
    run(__doc__, DEFAULT_RAW, DEFAULT_OUT, load_raw, derive)


if __name__ == "__main__":
    main()
