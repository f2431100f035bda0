"""Chapter 1's notebook exercises: reading the Singles' Day table, projecting growth, early growth."""

from __future__ import annotations

import math

from seckill import data
from seckill.calibrations import singles_day
from seckill.exercises.feedback import NumberExercise
from seckill.i18n import mark, tr
from seckill.models import growth


def _headline_rmb_bn() -> dict[int, float]:
    series = singles_day.singles_day_table()
    return {int(year): float(value) for year, value in zip(series["year"], series["gmv_rmb_bn"], strict=True)}


def _retail_2021_rmb_bn() -> float:
    retail = data.load("retail_sales")
    row = retail.query("year == 2021 and measure == 'total_retail_sales_consumer_goods'")
    return float(row["value_rmb_bn"].iloc[0])


def _years_to_retail(rate: float) -> float:
    return growth.years_to_reach(_headline_rmb_bn()[2021], _retail_2021_rmb_bn(), rate)


def _rate_2009_2014() -> float:
    one_day = _headline_rmb_bn()
    return growth.annual_growth_rate(one_day[2009], one_day[2014], years=5)


gmv_2019 = NumberExercise(
    expected=lambda: _headline_rmb_bn()[2019],
    unit=mark("bn yuan"),
    hint_text=mark(
        "Read the row for 2019 in the headline series (singles_day.singles_day_table()), column gmv_rmb_bn."
    ),
    mistakes=lambda: [
        (
            _headline_rmb_bn()[2020],
            tr("that is the 2020 total, counted over eleven days, not the one-day 2019 total."),
        ),
        (_headline_rmb_bn()[2018], tr("that is the 2018 total; look one row further down.")),
        (_headline_rmb_bn()[2019] * 1e9, tr("that is in yuan; the question asks for billions of yuan.")),
    ],
)

years_to_retail_at_20_pct = NumberExercise(
    expected=lambda: _years_to_retail(0.20),
    unit=mark("years"),
    hint_text=mark(
        "Use growth.years_to_reach(start, target, rate) with the 2021 total as the start, all "
        "retail sales in 2021 as the target, and a rate of 0.20 (a fraction, not 20)."
    ),
    mistakes=lambda: [
        (_years_to_retail(0.36), tr("that is the answer at 36 % a year; change the rate to 0.20.")),
        (
            math.log(_retail_2021_rmb_bn() / _headline_rmb_bn()[2021]) / 0.20,
            tr("that divides by the rate itself; compound growth divides by log(1 + rate)."),
        ),
    ],
)

rate_2009_2014 = NumberExercise(
    expected=_rate_2009_2014,
    unit=mark("(fraction a year)"),
    hint_text=mark("Use growth.annual_growth_rate(value_2009, value_2014, years=5) on the one-day totals."),
    mistakes=lambda: [
        (_rate_2009_2014() * 100, tr("that is a percentage; give the rate as a fraction (3.0 for 300 %).")),
        (
            _headline_rmb_bn()[2014] / _headline_rmb_bn()[2009] - 1,
            tr("that is the growth over all five years together, not the rate for one year."),
        ),
        (
            (_headline_rmb_bn()[2014] / _headline_rmb_bn()[2009] - 1) / 5,
            tr("that splits the five-year growth evenly between the years, which ignores compounding."),
        ),
    ],
)
