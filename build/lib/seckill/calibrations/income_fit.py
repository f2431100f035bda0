"""Streamer incomes fitted to the published income bands of the streamer surveys (Chapters 4 and 8).

The surveys publish open-ended bands ("x % earn more than y yuan a month"); each gives a point of
the income distribution, and a lognormal is fitted through them
(:func:`seckill.models.incomes.calibrate_lognormal`).
"""

from __future__ import annotations

import pandas as pd

from seckill import data
from seckill.models import incomes

# The survey whose published bands the chapter's main calibration uses, and a second one that
# shows how much the answer depends on which survey you trust.
MAIN_SURVEY = "CAPA 2024 report on streaming as an occupation"
COMPARISON_SURVEY = "Momo 2017 streamer survey"


def income_points_table(bands: pd.DataFrame | None = None) -> pd.DataFrame:
    """Published bands turned into points "share of streamers earning more than X yuan a month".

    A band with no upper edge gives its own share above its lower edge; a band with no lower edge
    gives 100 % minus its share above its upper edge. Derived middle bands give no point.
    """
    bands = data.load("streamer_income_bands") if bands is None else bands
    rows = []
    for band in bands[bands["status"] == "published"].itertuples():
        if pd.isna(band.upper_rmb_month):
            threshold, above = float(band.lower_rmb_month), float(band.share_pct)
        elif pd.isna(band.lower_rmb_month):
            threshold, above = float(band.upper_rmb_month), 100 - float(band.share_pct)
        else:
            continue
        rows.append((band.survey, band.survey_date, band.income_measure, threshold, above, band.confidence))
    columns = ["survey", "survey_date", "income_measure", "income_rmb_month", "share_above_pct", "confidence"]
    table = pd.DataFrame(rows, columns=columns)
    org = table["survey"].str.extract(r"^(CAPA|Momo|BOSS Zhipin)", expand=False).fillna(table["survey"])
    table["survey_label"] = (
        org + " " + table["survey_date"].astype(str).str[:4] + ", " + table["income_measure"]
    )
    return table


def calibration_points(bands: pd.DataFrame, survey: str) -> list[tuple[float, float]]:
    """(income, share below) pairs from one survey's published open-ended bands, for the fit."""
    points = income_points_table(bands)
    chosen = points[points["survey"] == survey]
    if len(chosen) < 2:
        raise ValueError(f"survey {survey!r} has fewer than two published thresholds to calibrate on")
    return [(row.income_rmb_month, 1 - row.share_above_pct / 100) for row in chosen.itertuples()]


def calibrate(survey: str = MAIN_SURVEY, bands: pd.DataFrame | None = None) -> incomes.LognormalFit:
    """The lognormal fitted to one survey's published income bands."""
    bands = data.load("streamer_income_bands") if bands is None else bands
    return incomes.calibrate_lognormal(calibration_points(bands, survey))
