"""Derive data/material_footprint.csv from UNDP's Human Development Report composite indices.

Provenance
----------
The input is ``HDR23-24_Composite_indices_complete_time_series.csv``, the UNDP Human Development
Report Office's 2023/2024 time-series download, as re-hosted unmodified in the repository
https://github.com/Ethanchu-bot/week4 at commit eda8b9588f319cc258c238e9edc8f6579bf3e024 and
copied byte for byte into the shared data-sources folder (see its SOURCE.txt). Its ``mf_YYYY``
columns are material footprint per capita in tonnes, which UNDP takes from the UNEP International
Resource Panel's Global Material Flows Database. UNDP allows reuse with attribution; its exact
licence terms should be checked before republishing the file itself.

Why
---
Chapter 7 compares the raw materials extracted worldwide for what China's residents consume with
the United States and the world. The script keeps those three rows, turns the wide ``mf_YYYY``
columns into one row per year and passes the values through unchanged; years without a value are
left out, not filled.

Usage (from the repository root)::

    .venv/bin/python -m scripts.derive_material_footprint [RAW_CSV] [--out OUT_CSV]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.derive_common import check_economies, resolve, run  # noqa: F401  (tests call resolve)

DEFAULT_RAW = "../shared/data-sources/Ethanchu-bot__week4/HDR23-24_Composite_indices_complete_time_series.csv"
DEFAULT_OUT = "data/material_footprint.csv"
SOURCE_ID = "undp-hdr-2023-24-mf"
PREFIX = "mf_"

# UNDP codes -> (our lower-case code, name)
ECONOMIES = {"CHN": ("chn", "China"), "USA": ("usa", "United States"), "ZZK.WORLD": ("wld", "World")}
OUTPUT_COLUMNS = ["year", "economy_code", "economy", "material_footprint_t_per_person", "source_id"]


def load_raw(path: Path) -> pd.DataFrame:
    """Read the UNDP file (UTF-8 with a byte-order mark) and check it has the needed columns."""
    raw = pd.read_csv(path, encoding="utf-8-sig", low_memory=False)
    if "iso3" not in raw.columns or not any(c.startswith(PREFIX) for c in raw.columns):
        raise ValueError(f"{path}: expected an 'iso3' column and '{PREFIX}YYYY' columns")
    return raw


def derive(raw: pd.DataFrame) -> pd.DataFrame:
    """Keep China, the United States and the world; one row per economy and year with a value."""
    rows = raw[raw["iso3"].isin(ECONOMIES.keys())]
    check_economies(rows, "iso3", ECONOMIES, ["iso3"])
    columns = [c for c in raw.columns if c.startswith(PREFIX) and c[len(PREFIX) :].isdigit()]
    long = rows.melt(id_vars="iso3", value_vars=columns, var_name="column", value_name="value").dropna()
    long["value"] = pd.to_numeric(long["value"], errors="raise")
    if (long["value"] < 0).any():
        raise ValueError("material footprint must not be negative")
    out = pd.DataFrame(
        {
            "year": long["column"].str[len(PREFIX) :].astype(int),
            "economy_code": long["iso3"].map(lambda code: ECONOMIES[code][0]),
            "economy": long["iso3"].map(lambda code: ECONOMIES[code][1]),
            "material_footprint_t_per_person": long["value"].astype(float),
            "source_id": SOURCE_ID,
        }
    )
    return out[OUTPUT_COLUMNS].sort_values(["economy_code", "year"]).reset_index(drop=True)


def main() -> None:
    run(__doc__, DEFAULT_RAW, DEFAULT_OUT, load_raw, derive)


if __name__ == "__main__":
    main()
