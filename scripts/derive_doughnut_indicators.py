"""Derive data/doughnut_indicators.csv from Fanning et al. (2022), "The social shortfall and
ecological overshoot of nations".

Provenance
----------
The input is the article's supplementary country data (``Data_Fanning_et_al_2021_shartfallofnations.xlsx``,
first published at goodlife.leeds.ac.uk), as re-hosted in the repository
https://github.com/ripertio/Choropleth-Map-Ecologicla-Overshoot-Social-Shortfall-Data-Fanning2021-
at commit 1f5587fe0bc4b2365410191ef281238b3463fdd7 and copied into the shared data-sources folder,
where each sheet was saved as a CSV with values unchanged (see its SOURCE.txt). The article is
open access under CC BY 4.0.

The values are *normalised*: each biophysical indicator (CO2 emissions, phosphorus, nitrogen,
land-system change, ecological footprint, material footprint) is divided by the country's
per-person share of the planetary boundary, so 1 is the boundary and 2 means twice the fair share;
each social indicator is divided by its threshold, so 1 means the threshold is met.

Why
---
Chapter 7 places China, next to the United States, on the "doughnut": how far it overshoots
ecological limits and how far it meets social needs. The script keeps the historical observations
(1992-2015) for those two countries, in long format, and passes the values through unchanged;
empty cells are left out.

Usage (from the repository root)::

    .venv/bin/python -m scripts.derive_doughnut_indicators [CSV_DIR] [--out OUT_CSV]
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from scripts.derive_common import check_economies, require_columns, resolve, run  # noqa: F401  (tests call resolve)

DEFAULT_RAW = (
    "../shared/data-sources/"
    "ripertio__Choropleth-Map-Ecologicla-Overshoot-Social-Shortfall-Data-Fanning2021-/csv"
)
DEFAULT_OUT = "data/doughnut_indicators.csv"
SOURCE_ID = "fanning-2022-country-data"
SHEETS = {"biophysical": "Biophysical_Historical.csv", "social": "Social_Historical.csv"}
ECONOMIES = {"CHN": ("chn", "China"), "USA": ("usa", "United States")}
OUTPUT_COLUMNS = ["year", "economy_code", "economy", "dimension", "indicator", "ratio", "source_id"]


def load_raw(folder: Path) -> dict[str, pd.DataFrame]:
    """Read the two historical sheets; each has country, iso3c, date and one column per indicator."""
    sheets = {}
    for dimension, name in SHEETS.items():
        frame = pd.read_csv(folder / name)
        require_columns(frame, {"country", "iso3c", "date"}, folder / name)
        sheets[dimension] = frame
    return sheets


def derive(sheets: dict[str, pd.DataFrame]) -> pd.DataFrame:
    """Keep China and the United States, one row per year, indicator and value (long format)."""
    parts = []
    for dimension, frame in sheets.items():
        rows = frame[frame["iso3c"].isin(ECONOMIES.keys())]
        check_economies(rows, "iso3c", ECONOMIES, ["iso3c", "date"], dimension)
        indicators = [c for c in frame.columns if c not in {"country", "iso3c", "date"}]
        long = rows.melt(
            id_vars=["iso3c", "date"], value_vars=indicators, var_name="indicator", value_name="ratio"
        )
        long = long.dropna(subset=["ratio"])
        if (long["ratio"] < 0).any():
            raise ValueError(f"{dimension}: normalised values must not be negative")
        long["dimension"] = dimension
        parts.append(long)
    df = pd.concat(parts, ignore_index=True)
    out = pd.DataFrame(
        {
            "year": df["date"].astype(int),
            "economy_code": df["iso3c"].map(lambda code: ECONOMIES[code][0]),
            "economy": df["iso3c"].map(lambda code: ECONOMIES[code][1]),
            "dimension": df["dimension"],
            "indicator": df["indicator"],
            "ratio": df["ratio"].astype(float),
            "source_id": SOURCE_ID,
        }
    )
    return (
        out[OUTPUT_COLUMNS]
        .sort_values(["economy_code", "dimension", "indicator", "year"])
        .reset_index(drop=True)
    )


def main() -> None:
    run(__doc__, DEFAULT_RAW, DEFAULT_OUT, load_raw, derive)


if __name__ == "__main__":
    main()
