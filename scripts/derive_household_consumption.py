"""Derive data/household_consumption_share.csv from a World Bank WDI extract.

Provenance
----------
The input is a small extract of World Bank World Development Indicators (WDI)
series NE.CON.PRVT.ZS, "Households and NPISHs final consumption expenditure
(% of GDP)", as packaged by the open-numbers DDF repository
(https://github.com/open-numbers/ddf--world_bank--world_development_indicators,
file datapoints/ddf--datapoints--ne_con_prvt_zs--by--economy--year.csv at
commit 01a174d9a01e6c4ece1e69a9775997978c87e963). The extract and its
SOURCE.txt live in the shared data-sources folder; the extract is a manual
transcription of a few economies, so this script checks its shape before use.
That WDI vintage ends in 2019; newer World Bank vintages revise some values.

Why
---
Chapter 1 compares China's household consumption share of GDP with the
United States, the world, and the upper-middle-income and high-income groups.
The script keeps only those economies, adds readable names and the source id
used in data/sources.csv, and writes a tidy, sorted CSV. Values are passed
through unchanged (no rounding, no interpolation).

Usage (from the repository root)::

    .venv/bin/python -m scripts.derive_household_consumption [RAW_CSV] [--out OUT_CSV]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.derive_common import check_economies, require_columns, resolve, run  # noqa: F401  (tests call resolve)

DEFAULT_RAW = (
    "../shared/data-sources/open-numbers__ddf--world_bank--world_development_indicators/"
    "datapoints/ddf--datapoints--ne_con_prvt_zs--by--economy--year__extract_chn_usa_wld_hic_umc.csv"
)
DEFAULT_OUT = "data/household_consumption_share.csv"

VALUE_COLUMN = "ne_con_prvt_zs"
SOURCE_ID = "worldbank-wdi-ne-con-prvt-zs"

# DDF economy codes (lowercase ISO3 / World Bank aggregate codes) -> names.
ECONOMIES = {
    "chn": "China",
    "usa": "United States",
    "wld": "World",
    "umc": "Upper middle income",
    "hic": "High income",
}

OUTPUT_COLUMNS = [
    "year",
    "economy_code",
    "economy",
    "household_consumption_pct_gdp",
    "source_id",
]


def load_raw(path: Path) -> pd.DataFrame:
    """Read the DDF datapoints extract and check the columns and value types."""
    raw = pd.read_csv(path, dtype={"economy": "string"})
    expected = {"economy", "year", VALUE_COLUMN}
    require_columns(raw, expected, path)
    raw["year"] = pd.to_numeric(raw["year"], errors="raise").astype(int)
    raw[VALUE_COLUMN] = pd.to_numeric(raw[VALUE_COLUMN], errors="raise")
    return raw


def derive(raw: pd.DataFrame) -> pd.DataFrame:
    """Keep the chapter's economies, rename to tidy columns and sort."""
    df = raw[raw["economy"].isin(ECONOMIES.keys())].copy()
    check_economies(df, "economy", ECONOMIES, ["economy", "year"])
    if not df[VALUE_COLUMN].between(0, 100).all():
        raise ValueError("household consumption share outside 0-100% of GDP")

    df = df.rename(columns={"economy": "economy_code", VALUE_COLUMN: "household_consumption_pct_gdp"})
    df["economy"] = df["economy_code"].map(ECONOMIES)
    df["source_id"] = SOURCE_ID
    return df[OUTPUT_COLUMNS].sort_values(["economy_code", "year"]).reset_index(drop=True)


def main() -> None:
    run(__doc__, DEFAULT_RAW, DEFAULT_OUT, load_raw, derive)


if __name__ == "__main__":
    main()
