"""Derive data/co2_emissions.csv from Our World in Data's CO2 dataset.

Provenance
----------
The input is ``owid-co2-data.csv`` from the repository https://github.com/owid/co2-data at
commit 4c85d0fb22f8671d6a660dc2293f06c4f115ee08 (8 February 2021), copied byte for byte into the
shared data-sources folder (see its SOURCE.txt). Our World in Data (OWID) compiles it from the
Global Carbon Project (territorial CO2 from fossil fuels and cement from 1959, consumption-based
CO2 from 1990), CDIAC (earlier years), UN and Gapminder population and the Maddison Project
Database (real GDP in 2011 international dollars). Licence: CC BY 4.0. This vintage ends in 2018
(consumption-based CO2 in 2017, GDP in 2016); newer OWID releases revise earlier years slightly.

Why
---
Chapter 7 compares China's territorial and consumption-based CO2, in total and per person, with
the United States and the world, and sets China's CO2 against its GDP (relative and absolute
decoupling). The script keeps those three economies from 1990, renames the columns to say their
units, converts GDP from dollars to billions of dollars and passes every other value through
unchanged (no rounding, no interpolation, no filling of gaps).

Usage (from the repository root)::

    .venv/bin/python -m scripts.derive_co2_emissions [RAW_CSV] [--out OUT_CSV]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.derive_common import check_economies, require_columns, resolve, run  # noqa: F401  (tests call resolve)

DEFAULT_RAW = "../shared/data-sources/owid__co2-data/owid-co2-data.csv"
DEFAULT_OUT = "data/co2_emissions.csv"
SOURCE_ID = "owid-co2-data-2021"
FIRST_YEAR = 1990

# OWID ISO codes -> (our lower-case code, name)
ECONOMIES = {"CHN": ("chn", "China"), "USA": ("usa", "United States"), "OWID_WRL": ("wld", "World")}

RENAME = {
    "co2": "co2_territorial_mt",
    "consumption_co2": "co2_consumption_mt",
    "co2_per_capita": "co2_territorial_t_per_person",
    "consumption_co2_per_capita": "co2_consumption_t_per_person",
    "population": "population",
}
OUTPUT_COLUMNS = [
    "year",
    "economy_code",
    "economy",
    "co2_territorial_mt",
    "co2_consumption_mt",
    "co2_territorial_t_per_person",
    "co2_consumption_t_per_person",
    "population",
    "gdp_intl_usd_2011_bn",
    "source_id",
]


def load_raw(path: Path) -> pd.DataFrame:
    """Read the OWID file and check that the columns this script uses are there."""
    raw = pd.read_csv(path)
    needed = {"iso_code", "country", "year", "gdp", *RENAME}
    require_columns(raw, needed, path)
    return raw


def derive(raw: pd.DataFrame) -> pd.DataFrame:
    """Keep China, the United States and the world from 1990; tidy names and units."""
    df = raw[raw["iso_code"].isin(ECONOMIES.keys()) & (raw["year"] >= FIRST_YEAR)].copy()
    check_economies(df, "iso_code", ECONOMIES, ["iso_code", "year"])
    if (df[["co2", "population"]] <= 0).any().any():
        raise ValueError("CO2 emissions and population must be positive")

    df = df.rename(columns=RENAME)
    df["economy_code"] = df["iso_code"].map(lambda code: ECONOMIES[code][0])
    df["economy"] = df["iso_code"].map(lambda code: ECONOMIES[code][1])
    df["year"] = df["year"].astype(int)
    df["population"] = df["population"].round().astype("Int64")
    df["gdp_intl_usd_2011_bn"] = df["gdp"] / 1e9
    df["source_id"] = SOURCE_ID
    return df[OUTPUT_COLUMNS].sort_values(["economy_code", "year"]).reset_index(drop=True)


def main() -> None:
    run(__doc__, DEFAULT_RAW, DEFAULT_OUT, load_raw, derive)


if __name__ == "__main__":
    main()
