"""Compound growth: growth rates, doubling times and projections.

Chapter 1 asks how fast Singles' Day and live-stream commerce grew. Everything here is the
arithmetic of compound growth, ``value_t = value_0 * (1 + g) ** t``, with inputs checked so that
a slider or a typo gives a clear error instead of a silently wrong chart.

Rates are fractions per year (0.25 means 25 % a year) unless a name ends in ``_pct``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import pandas as pd

from seckill.i18n import mark, tr
from seckill.models.checks import finite_result, require_finite, require_positive, require_year, shown

# A rate of -100 % or lower has no doubling time and no meaningful projection; rates far above
# what any economic series shows are almost always a percent/fraction mix-up (25 typed for 0.25).
MIN_RATE = -0.99
MAX_RATE = 10.0
# Growth over a period is computed as exp(ln(end / start) / years). A yearly factor beyond e^±30
# (ten trillion times, far past any series) is a unit slip; refusing it also keeps 1 + rate
# representable and non-zero, which callers divide by.
_MAX_LOG_FACTOR = 30.0
# A reader meets these in an explorer or a notebook, so they are written in the reader's language.
NO_DOUBLING = mark("rate must be positive for a doubling time; got {rate!r}")
TOO_SMALL = mark("rate {rate!r} is too small")


def _check_rate(name: str, rate: float) -> float:
    rate = require_finite(name, rate)
    if not MIN_RATE <= rate <= MAX_RATE:
        raise ValueError(
            tr(
                "{name} must be a yearly growth rate as a fraction between {low} and {high} "
                "(0.25 means 25 % a year); got {rate!r}. Did you pass a percentage instead of a fraction?"
            ).format(name=name, low=MIN_RATE, high=MAX_RATE, rate=rate)
        )
    return rate


def annual_growth_rate(start_value: float, end_value: float, years: float) -> float:
    """Compound annual growth rate (CAGR) between two positive values ``years`` apart.

    Returns a fraction per year: ``(end / start) ** (1 / years) - 1``.
    """
    start_value = require_positive("start_value", start_value)
    end_value = require_positive("end_value", end_value)
    years = require_positive("years", years)
    # In logs, so that a tiny start and a huge end do not overflow before the root is taken.
    log_factor = (math.log(end_value) - math.log(start_value)) / years
    if abs(log_factor) > _MAX_LOG_FACTOR:
        raise ValueError(
            f"start_value {start_value!r}, end_value {end_value!r} and years {years!r} imply a yearly "
            "growth factor beyond a float's range; check the units of the three"
        )
    return math.expm1(log_factor)


def doubling_time_years(rate: float) -> float:
    """Years for a quantity growing at ``rate`` a year to double: ``ln 2 / ln(1 + rate)``.

    Only positive rates double; zero or negative growth raises ``ValueError``.
    """
    rate = _check_rate("rate", rate)
    if rate <= 0:
        raise ValueError(tr(NO_DOUBLING).format(rate=rate))
    return finite_result(
        tr("the doubling time"), math.log(2.0) / math.log1p(rate), tr(TOO_SMALL).format(rate=rate)
    )


def rule_of_70_years(rate: float) -> float:
    """The mental-arithmetic shortcut for doubling time: 70 divided by the rate in percent.

    Close to :func:`doubling_time_years` for small rates and increasingly too short for large ones,
    which is why the book shows both.
    """
    rate = _check_rate("rate", rate)
    if rate <= 0:
        raise ValueError(tr(NO_DOUBLING).format(rate=rate))
    return finite_result(
        tr("the rule-of-70 doubling time"), 70.0 / (rate * 100.0), tr(TOO_SMALL).format(rate=rate)
    )


def year_on_year_growth(values: Sequence[float]) -> list[float | None]:
    """Growth of each value over the previous one, as fractions; the first entry is ``None``.

    Missing values (``None`` or NaN) give ``None`` for their own growth and the next one, so a gap in
    a series never becomes a fake rate. Every other value must be a positive finite number.
    """
    if isinstance(values, str | bytes) or not isinstance(values, Sequence | pd.Series):
        raise ValueError(f"values must be a sequence of numbers; got {shown(values)}")
    checked: list[float | None] = []
    for index, value in enumerate(list(values)):
        missing = value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value))
        checked.append(None if missing else require_positive(f"values[{index}]", value))
    out: list[float | None] = [None] if checked else []
    for previous, current in zip(checked[:-1], checked[1:], strict=True):
        if previous is None or current is None:
            out.append(None)
            continue
        ratio = finite_result(
            tr("the growth from one value to the next"), current / previous, tr("the values differ too much")
        )
        out.append(ratio - 1.0)
    return out


def project(
    base_value: float, base_year: int, rate: float, end_year: int, *, value_name: str = "value"
) -> pd.DataFrame:
    """Project ``base_value`` forward at a constant yearly ``rate`` from ``base_year`` to ``end_year``.

    Returns a DataFrame with columns ``year`` and ``value_name``, one row per year, inclusive.
    """
    base_value = require_positive("base_value", base_value)
    rate = _check_rate("rate", rate)
    base_year = require_year("base_year", base_year)
    end_year = require_year("end_year", end_year)
    if not isinstance(value_name, str) or not value_name or value_name == "year":
        raise ValueError(f"value_name must be a column name other than 'year'; got {shown(value_name)}")
    if end_year < base_year:
        raise ValueError(
            tr("end_year ({end_year}) must not be before base_year ({base_year})").format(
                end_year=end_year, base_year=base_year
            )
        )
    if end_year - base_year > 200:
        raise ValueError(tr("projections longer than 200 years are not supported"))
    years = list(range(base_year, end_year + 1))
    values = [base_value * (1.0 + rate) ** (year - base_year) for year in years]
    finite_result(
        tr("the projected value in {year}").format(year=end_year),
        values[-1],
        tr("lower base_value or rate, or shorten the projection"),
    )
    return pd.DataFrame({"year": years, value_name: values})


def years_to_reach(current_value: float, target_value: float, rate: float) -> float:
    """Years until ``current_value`` growing at ``rate`` a year reaches ``target_value``.

    ``log(target / current) / log(1 + rate)``; 0 if the target is already reached. A target above the
    current value with zero or negative growth is never reached, which raises ``ValueError`` instead
    of returning infinity or NaN.
    """
    current_value = require_positive("current_value", current_value)
    target_value = require_positive("target_value", target_value)
    rate = _check_rate("rate", rate)
    if target_value <= current_value:
        return 0.0
    if rate <= 0:
        raise ValueError(
            tr(
                "with a growth rate of {rate!r} the value never rises from {current!r} to {target!r}; "
                "choose a positive rate"
            ).format(rate=rate, current=current_value, target=target_value)
        )
    years = (math.log(target_value) - math.log(current_value)) / math.log1p(rate)
    return finite_result(tr("the years to reach the target"), years, tr(TOO_SMALL).format(rate=rate))
