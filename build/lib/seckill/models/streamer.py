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

from seckill.models.checks import require_between, require_finite
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
    return inputs.commission_pct / 100 * (1 - inputs.platform_fee_pct / 100) * (1 - inputs.agency_pct / 100)


def costs_rmb_per_month(inputs: MonthInputs) -> float:
    """Equipment spread evenly over its life, plus traffic bought each month."""
    return inputs.equipment_rmb / inputs.equipment_life_months + inputs.traffic_rmb_per_month


def month_budget(inputs: MonthInputs) -> pd.DataFrame:
    """The typical (median) streamer's month, step by step, in yuan.

    Columns: ``step``, ``rmb`` (positive = money in, negative = money out), ``kind``. The last row
    is the net income, the sum of the commission and the deductions.
    """
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
    benchmark = require_finite("benchmark_rmb_per_hour", benchmark_rmb_per_hour)
    if benchmark < 0:
        raise ValueError(f"benchmark_rmb_per_hour must not be negative; got {benchmark!r}")
    budget = month_budget(inputs).set_index("step")["rmb"]
    median_sales = float(budget["Sales (GMV)"])
    rate = keep_rate(inputs)
    costs = costs_rmb_per_month(inputs)
    mean_sales = median_sales * math.exp(inputs.sales_sigma**2 / 2)
    median_net = rate * median_sales - costs
    expected_net = rate * mean_sales - costs
    needed_sales = (benchmark * inputs.hours_per_month + costs) / rate
    share = 1 - _STANDARD_NORMAL.cdf(math.log(needed_sales / median_sales) / inputs.sales_sigma)
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
    annual = require_finite("annual_rmb", annual_rmb)
    hours = require_finite("weekly_hours", weekly_hours)
    if annual < 0:
        raise ValueError(f"annual_rmb must not be negative; got {annual!r}")
    if not 1 <= hours <= 100:
        raise ValueError(f"weekly_hours must be between 1 and 100; got {hours!r}")
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
        for name, low, high in [
            ("n_streamers", 10, 100_000),
            ("months", 1, 120),
            ("patience_months", 1, 120),
        ]:
            value = getattr(self, name)
            if isinstance(value, bool) or not isinstance(value, int) or not low <= value <= high:
                raise ValueError(f"{name} must be a whole number between {low} and {high}; got {value!r}")
        if require_finite("median_income_rmb", self.median_income_rmb) <= 0:
            raise ValueError(f"median_income_rmb must be greater than zero; got {self.median_income_rmb!r}")
        if not 0 <= require_finite("sigma_pull", self.sigma_pull) <= 4:
            raise ValueError(f"sigma_pull must be between 0 and 4; got {self.sigma_pull!r}")
        if not 0 <= require_finite("sigma_month", self.sigma_month) <= 4:
            raise ValueError(f"sigma_month must be between 0 and 4; got {self.sigma_month!r}")
        if require_finite("quit_below_rmb", self.quit_below_rmb) < 0:
            raise ValueError(f"quit_below_rmb must not be negative; got {self.quit_below_rmb!r}")
        if isinstance(self.seed, bool) or not isinstance(self.seed, int):
            raise ValueError(f"seed must be a whole number; got {self.seed!r}")


def simulate_cohort(inputs: CohortInputs) -> pd.DataFrame:
    """Every streamer's income each month while active. Columns: streamer, month, income_rmb.

    Month 1 is the first month; a streamer's rows stop after the month in which they quit.
    """
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


def cohort_summary(panel: pd.DataFrame, n_streamers: int) -> pd.DataFrame:
    """Per month: streamers still active, share still active, and the survivors' mean and median income.

    ``starters_mean_income_rmb`` is the mean in month 1, when everyone is still there: what a new
    streamer could expect on average, before the quitters leave the statistics.
    """
    if n_streamers < 1:
        raise ValueError("n_streamers must be at least 1")
    grouped = panel.groupby("month")["income_rmb"]
    summary = pd.DataFrame(
        {
            "active": grouped.size(),
            "survivors_mean_income_rmb": grouped.mean(),
            "survivors_median_income_rmb": grouped.median(),
        }
    ).reset_index()
    summary["share_active"] = summary["active"] / n_streamers
    summary["starters_mean_income_rmb"] = float(summary["survivors_mean_income_rmb"].iloc[0])
    return summary
