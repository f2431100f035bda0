"""A new streamer's month, and a cohort of streamers who quit when it does not pay.

Chapter 4 asks whether the gig-economy promise ("a phone stand and broadband, and you are in
business") pays. Two small models answer with the reader's own assumptions:

**A month's budget.** Sales (GMV) = hours × viewers an hour × conversion × average order value.
The streamer earns a commission on sales; the platform keeps a share of that commission, the
agency (MCN) a share of the rest; equipment (spread over its life) and bought traffic are paid
out of what is left. Sales differ hugely between streamers, so viewers an hour is a *typical*
(median) streamer's figure and sales are lognormal around it with spread ``sigma``: the median
streamer nets the budget's median line, and the *expected* (average) net is higher because a
few streamers sell far more. The net is compared with a wage benchmark per hour.

**A cohort over months.** Each starter has a persistent "pull" (audience, skill, luck) and a
month-to-month wobble; a streamer quits after ``patience_months`` months in a row below a
reservation income. The survivors' average looks better than what starters could expect:
survivorship bias.

None of the default inputs here is a published figure: every one is an **assumption** for the
reader to change, and the chapter labels them so. Money is yuan (``_rmb``), time is hours or
months, rates are percent where the name ends in ``_pct``.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from statistics import NormalDist

import numpy as np
import pandas as pd

from seckill.i18n import tr
from seckill.models.checks import require_between, require_count, require_frame, require_instance
from seckill.models.incomes import check_sigma

_STANDARD_NORMAL = NormalDist()

# (low, high) bounds for every input: the static page's sliders use the same bounds, so neither
# can show a result the model would refuse.
BOUNDS: dict[str, tuple[float, float]] = {
    "hours_per_month": (10, 360),
    "viewers_per_hour": (10, 5000),
    "conversion_pct": (0.1, 10),
    "order_value_rmb": (5, 1000),
    "commission_pct": (1, 50),
    "platform_fee_pct": (0, 50),
    "agency_pct": (0, 70),
    "equipment_rmb": (0, 30000),
    "equipment_life_months": (1, 60),
    "traffic_rmb_per_month": (0, 20000),
    "sales_sigma": (0.05, 4.0),
}


# A wage benchmark above a million yuan an hour is a unit slip (yuan a year typed for an hour).
MAX_BENCHMARK_RMB_PER_HOUR = 1e6
MAX_ANNUAL_RMB = 1e12
# A starter's typical income and the quitting threshold, yuan a month: bounds far beyond any
# survey, which keep a cohort's simulated incomes (up to e^44 times the median) within a float.
MAX_INCOME_RMB_MONTH = 1e12
# A cohort's size and length: enough for smooth shares, small enough to simulate in a moment.
MAX_STREAMERS = 100_000
MAX_MONTHS = 120


def _check(name: str, value: float) -> float:
    return require_between(name, value, *BOUNDS[name])


@dataclass(frozen=True)
class MonthInputs:
    """Inputs for one month of a new streamer. Defaults are ASSUMPTIONS, not published figures.

    Hours default to 6 a day on 25 days, in line with surveys in which most daily streamers stream
    for more than 6 hours (the survey figures are in the data package; 6 × 25 is our choice).
    The agency share default sits in the 20-30 % band reported for *tipping* income, which is a
    different kind of income; no published figure was found for e-commerce. The commission default
    is the rate reported for top hosts, generous for a newcomer.
    """

    hours_per_month: float = 150
    viewers_per_hour: float = 200
    conversion_pct: float = 1.0
    order_value_rmb: float = 60
    commission_pct: float = 20
    platform_fee_pct: float = 10
    agency_pct: float = 30
    equipment_rmb: float = 3000
    equipment_life_months: float = 12
    traffic_rmb_per_month: float = 500
    sales_sigma: float = 1.56

    def __post_init__(self):
        for name, value in asdict(self).items():
            _check(name, value)
        check_sigma(self.sales_sigma, "sales_sigma")


def keep_rate(inputs: MonthInputs) -> float:
    """Fraction of sales that reaches the streamer: commission × (1 − platform fee) × (1 − agency)."""
    require_instance("inputs", inputs, MonthInputs)
    return inputs.commission_pct / 100 * (1 - inputs.platform_fee_pct / 100) * (1 - inputs.agency_pct / 100)


def costs_rmb_per_month(inputs: MonthInputs) -> float:
    """Equipment spread evenly over its life, plus traffic bought each month."""
    require_instance("inputs", inputs, MonthInputs)
    return inputs.equipment_rmb / inputs.equipment_life_months + inputs.traffic_rmb_per_month


def month_budget(inputs: MonthInputs) -> pd.DataFrame:
    """The typical (median) streamer's month, step by step, in yuan.

    Columns: ``step``, ``rmb`` (positive = money in, negative = money out), ``kind``. The last row
    is the net income, the sum of the commission and the deductions.
    """
    require_instance("inputs", inputs, MonthInputs)
    sales = (
        inputs.hours_per_month
        * inputs.viewers_per_hour
        * inputs.conversion_pct
        / 100
        * inputs.order_value_rmb
    )
    commission = sales * inputs.commission_pct / 100
    platform = commission * inputs.platform_fee_pct / 100
    agency = (commission - platform) * inputs.agency_pct / 100
    equipment = inputs.equipment_rmb / inputs.equipment_life_months
    traffic = inputs.traffic_rmb_per_month
    net = commission - platform - agency - equipment - traffic
    rows = [
        ("Sales (GMV)", sales, "sales"),
        ("Commission earned", commission, "income"),
        ("Platform's fee", -platform, "deduction"),
        ("Agency's cut", -agency, "deduction"),
        ("Equipment (spread over its life)", -equipment, "cost"),
        ("Traffic bought", -traffic, "cost"),
        ("Net income", net, "net"),
    ]
    return pd.DataFrame(rows, columns=["step", "rmb", "kind"])


def net_income(inputs: MonthInputs, *, benchmark_rmb_per_hour: float) -> dict[str, float]:
    """Median and expected net income a month and an hour, and the chance of beating the benchmark.

    Sales are lognormal with the budget's sales as median and spread ``sales_sigma``; net income is
    ``keep_rate × sales − costs``, so its median uses median sales and its expectation the mean,
    median × exp(sigma² / 2). ``share_beating_benchmark`` is the fraction of streamers whose net
    income an hour is at least ``benchmark_rmb_per_hour``.
    """
    require_instance("inputs", inputs, MonthInputs)
    benchmark = require_between(
        "benchmark_rmb_per_hour", benchmark_rmb_per_hour, 0, MAX_BENCHMARK_RMB_PER_HOUR
    )
    budget = month_budget(inputs).set_index("step")["rmb"]
    median_sales = float(budget["Sales (GMV)"])
    rate = keep_rate(inputs)
    costs = costs_rmb_per_month(inputs)
    mean_sales = median_sales * math.exp(inputs.sales_sigma**2 / 2)
    median_net = rate * median_sales - costs
    expected_net = rate * mean_sales - costs
    needed_sales = (benchmark * inputs.hours_per_month + costs) / rate
    # With no benchmark and no costs every streamer "beats" it, and the log below has no value.
    share = (
        1.0
        if needed_sales == 0
        else 1 - _STANDARD_NORMAL.cdf(math.log(needed_sales / median_sales) / inputs.sales_sigma)
    )
    return {
        "median_sales_rmb": median_sales,
        "mean_sales_rmb": mean_sales,
        "keep_rate": rate,
        "costs_rmb_per_month": costs,
        "median_net_rmb_per_month": median_net,
        "expected_net_rmb_per_month": expected_net,
        "median_net_rmb_per_hour": median_net / inputs.hours_per_month,
        "expected_net_rmb_per_hour": expected_net / inputs.hours_per_month,
        "sales_needed_for_benchmark_rmb": needed_sales,
        "share_beating_benchmark": share,
    }


def hourly_wage(annual_rmb: float, weekly_hours: float) -> float:
    """An annual wage as yuan an hour: annual ÷ (52 weeks × weekly hours)."""
    annual = require_between("annual_rmb", annual_rmb, 0, MAX_ANNUAL_RMB)
    hours = require_between("weekly_hours", weekly_hours, 1, 100)
    return annual / (52 * hours)


# --------------------------------------------------------------------------- cohort


@dataclass(frozen=True)
class CohortInputs:
    """A cohort of new streamers. Every default is an ASSUMPTION chosen for illustration.

    ``median_income_rmb`` is a typical starter's monthly income; ``sigma_pull`` the spread of
    persistent differences between streamers and ``sigma_month`` the month-to-month wobble (both
    in log income). A streamer quits after ``patience_months`` months in a row below
    ``quit_below_rmb``. ``seed`` makes a run repeatable.
    """

    n_streamers: int = 2000
    months: int = 24
    median_income_rmb: float = 1500
    sigma_pull: float = 1.3
    sigma_month: float = 0.8
    quit_below_rmb: float = 2000
    patience_months: int = 3
    seed: int = 2021

    def __post_init__(self):
        require_count("n_streamers", self.n_streamers, minimum=10, maximum=MAX_STREAMERS)
        require_count("months", self.months, minimum=1, maximum=MAX_MONTHS)
        require_count("patience_months", self.patience_months, minimum=1, maximum=MAX_MONTHS)
        if require_between("median_income_rmb", self.median_income_rmb, 0, MAX_INCOME_RMB_MONTH) == 0:
            raise ValueError(
                tr("{name} must be greater than zero; got {value}").format(
                    name="median_income_rmb", value=repr(self.median_income_rmb)
                )
            )
        require_between("sigma_pull", self.sigma_pull, 0, 4)
        require_between("sigma_month", self.sigma_month, 0, 4)
        require_between("quit_below_rmb", self.quit_below_rmb, 0, MAX_INCOME_RMB_MONTH)
        require_count("seed", self.seed, minimum=0, maximum=2**63 - 1)


def simulate_cohort(inputs: CohortInputs) -> pd.DataFrame:
    """Every streamer's income each month while active. Columns: streamer, month, income_rmb.

    Month 1 is the first month; a streamer's rows stop after the month in which they quit.
    """
    require_instance("inputs", inputs, CohortInputs)
    rng = np.random.default_rng(inputs.seed)
    pull = rng.normal(0.0, inputs.sigma_pull, inputs.n_streamers)
    wobble = rng.normal(0.0, inputs.sigma_month, (inputs.months, inputs.n_streamers))
    income = inputs.median_income_rmb * np.exp(pull + wobble)
    active = np.ones(inputs.n_streamers, dtype=bool)
    bad_run = np.zeros(inputs.n_streamers, dtype=int)
    rows = []
    for month in range(inputs.months):
        ids = np.flatnonzero(active)
        rows.append(pd.DataFrame({"streamer": ids, "month": month + 1, "income_rmb": income[month, ids]}))
        bad_run = np.where(income[month] < inputs.quit_below_rmb, bad_run + 1, 0)
        active &= bad_run < inputs.patience_months
    return pd.concat(rows, ignore_index=True)


def cohort_summary(panel: pd.DataFrame, n_streamers: int, months: int) -> pd.DataFrame:
    """Per month 1…``months``: streamers still active, share still active, the survivors' mean and median.

    Every month has a row, also after the last streamer has quit: then ``active`` and
    ``share_active`` are 0 and the survivors' mean and median are missing (NaN), because there is
    nobody left to average. ``starters_mean_income_rmb`` is the mean in month 1, when everyone is
    still there: what a new streamer could expect on average, before the quitters leave the
    statistics.
    """
    require_frame("panel", panel, ["streamer", "month", "income_rmb"])
    n_streamers = require_count("n_streamers", n_streamers, maximum=MAX_STREAMERS)
    months = require_count("months", months, maximum=MAX_MONTHS)
    if panel.empty or not (panel["month"] == 1).any():
        raise ValueError("panel must hold month 1, when every streamer is still active")
    starters = int((panel["month"] == 1).sum())
    if starters != n_streamers:
        raise ValueError(
            f"n_streamers ({n_streamers}) must be the number of streamers in month 1 ({starters})"
        )
    if not panel["month"].between(1, months).all():
        raise ValueError(f"panel's months must lie between 1 and months ({months})")
    grouped = panel.groupby("month")["income_rmb"]
    summary = pd.DataFrame(
        {
            "active": grouped.size(),
            "survivors_mean_income_rmb": grouped.mean(),
            "survivors_median_income_rmb": grouped.median(),
        }
    )
    summary = summary.reindex(pd.RangeIndex(1, months + 1, name="month"))
    summary["active"] = summary["active"].fillna(0).astype(int)
    summary = summary.reset_index()
    summary["share_active"] = summary["active"] / n_streamers
    summary["starters_mean_income_rmb"] = float(summary["survivors_mean_income_rmb"].iloc[0])
    return summary
