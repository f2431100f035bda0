"""Derive data/population.csv from the World Bank's population series.

Provenance
----------
The input is ``data/population.csv`` from https://github.com/datasets/population at commit
425fc447a53a26c767a15a7de60c4cc2478a0595 (6 March 2026), copied byte for byte into the shared
data-sources folder (see its SOURCE.txt). It repackages World Bank World Development Indicators
series SP.POP.TOTL, "Population, total" (mid-year estimates), 1960-2024. Licence of the
repackaging: ODC-PDDL-1.0; the World Bank data: CC BY 4.0.

Why
---
Chapter 7 turns national totals (parcels, packaging, CO2) into amounts per person, and its
emissions model starts from the world's population. The OWID CO2 file ends in 2018, so the
chapter takes population from this longer series. The script keeps China, the United States and
the world from 1990 and passes the values through unchanged.

Usage (from the repository root)::

    .venv/bin/python -m scripts.derive_population [RAW_CSV] [--out OUT_CSV]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.derive_common import check_economies, require_columns, resolve, run  # noqa: F401  (tests call resolve)

DEFAULT_RAW = "../shared/data-sources/datasets__population/data/population.csv"
DEFAULT_OUT = "data/population.csv"
SOURCE_ID = "worldbank-wdi-sp-pop-totl"
FIRST_YEAR = 1990

# World Bank codes -> (our lower-case code, name)
ECONOMIES = {"CHN": ("chn", "China"), "USA": ("usa", "United States"), "WLD": ("wld", "World")}
OUTPUT_COLUMNS = ["year", "economy_code", "economy", "population", "source_id"]


def load_raw(path: Path) -> pd.DataFrame:
    """Read the datasets/population file (Country Name, Country Code, Year, Value)."""
    raw = pd.read_csv(path)
    expected = {"Country Name", "Country Code", "Year", "Value"}
    require_columns(raw, expected, path)
    return raw


def derive(raw: pd.DataFrame) -> pd.DataFrame:
    """Keep the chapter's economies from 1990, with tidy column names."""
    df = raw[raw["Country Code"].isin(ECONOMIES.keys()) & (raw["Year"] >= FIRST_YEAR)].copy()
    check_economies(df, "Country Code", ECONOMIES, ["Country Code", "Year"])
    if not (df["Value"] > 0).all():
        raise ValueError("population must be positive")
    out = pd.DataFrame(
        {
            "year": df["Year"].astype(int),
            "economy_code": df["Country Code"].map(lambda code: ECONOMIES[code][0]),
            "economy": df["Country Code"].map(lambda code: ECONOMIES[code][1]),
            "population": df["Value"].astype("int64"),
            "source_id": SOURCE_ID,
        }
    )
    return out[OUTPUT_COLUMNS].sort_values(["economy_code", "year"]).reset_index(drop=True)


def main() -> None:
    run(__doc__, DEFAULT_RAW, DEFAULT_OUT, load_raw, derive)


if __name__ == "__main__":
    main()
