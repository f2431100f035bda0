"""Alibaba's headline Singles' Day GMV by year, the one table of it that every chapter reads.

Alibaba counted 11 November alone until 2019 and a festival of several days from 2020, and
published no total from 2022; the table carries the counting window and the disclosure status so
that no chapter compares the two eras by mistake.
"""

from __future__ import annotations

import pandas as pd

from seckill import data
from seckill.i18n import mark

# Labels a chart shows: translated there (seckill.i18n.translate_values).
ONE_DAY = mark("one day (11 Nov)")
MULTI_DAY = mark("several days (from 2020)")
LAST_ONE_DAY_YEAR = 2019
FIRST_UNDISCLOSED_YEAR = 2022


def _window_label(days: int) -> str:
    return ONE_DAY if days == 1 else MULTI_DAY


def singles_day_table(gmv: pd.DataFrame | None = None) -> pd.DataFrame:
    """Alibaba's headline Singles' Day GMV by year, with the counting window and disclosure status.

    Columns: year, gmv_rmb_bn (NaN when not disclosed), window_days, window, status, source_id.
    """
    gmv = data.load("singles_day_gmv") if gmv is None else gmv
    rows = gmv[(gmv["platform"] == "Alibaba") & gmv["headline"]].sort_values("year")
    table = pd.DataFrame(
        {
            "year": rows["year"].astype(int).to_numpy(),
            "gmv_rmb_bn": rows["gmv_rmb_bn"].astype(float).to_numpy(),
            "window_days": rows["window_days"].astype(int).to_numpy(),
            "status": rows["status"].astype(str).to_numpy(),
            "source_id": rows["source_id"].astype(str).to_numpy(),
        }
    )
    table["window"] = table["window_days"].map(_window_label)
    return table
