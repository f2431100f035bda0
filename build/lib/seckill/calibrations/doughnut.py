"""Fanning et al.'s doughnut indicators for one year: China's social floors and ecological ceilings."""

from __future__ import annotations

import pandas as pd

from seckill import data

DIMENSION_LABELS = {
    "biophysical": "Ecological (1 = boundary)",
    "social": "Social (1 = threshold)",
}


def doughnut_table(indicators: pd.DataFrame | None = None, year: int | None = None) -> pd.DataFrame:
    """Fanning et al.'s normalised indicators for one year (the latest by default), with plain dtypes."""
    indicators = data.load("doughnut_indicators") if indicators is None else indicators
    table = indicators.copy()
    table["year"] = table["year"].astype(int)
    table["ratio"] = table["ratio"].astype(float)
    year = int(table["year"].max()) if year is None else year
    table = table[table["year"] == year].reset_index(drop=True)
    table["group"] = table["dimension"].map(DIMENSION_LABELS)
    return table
