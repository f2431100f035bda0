"""Rebalancing arithmetic: how long until household consumption reaches a target share of GDP?

Chapter 6 asks what it would take for China's household consumption, about two fifths of GDP, to
reach a higher share. If GDP grows at ``g`` a year and household consumption at ``c`` (both real,
as fractions), the share after ``t`` years is::

    share_t = share_0 * ((1 + c) / (1 + g)) ** t

so the share rises only if consumption grows faster than GDP, and the years to a target are::

    t = ln(target / share_0) / ln((1 + c) / (1 + g))

The same ``t`` says how much more households would buy: their consumption volume grows by
``(1 + c) ** t``. Everything else in GDP (investment, government, net exports) must then grow by
``(1 - target) / (1 - share_0) * (1 + g) ** t``, an identity the tests check.

Inputs are validated: shares are fractions strictly between 0 and 1 (0.39 means 39 %), growth rates
are yearly fractions between -0.5 and 0.5. A target below the current share, or growth rates with
which the share never rises, raise ``ValueError`` with a message that names the parameter, never
an infinite loop, an infinity or NaN.

The growth rates used in the book's scenarios are assumptions chosen by the reader or labelled
"assumption" in the text; only the starting share comes from data.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from seckill.i18n import mark, tr
from seckill.models.checks import (
    require_count,
    require_finite,
    require_non_negative,
    require_positive,
    require_year,
)

MIN_GROWTH = -0.5
MAX_GROWTH = 0.5
MAX_HORIZON_YEARS = 200


def _check_share(name: str, share: float) -> float:
    share = require_finite(name, share)
    if not 0 < share < 1:
        message = (
            tr(
                "{name} must be a share of GDP as a fraction strictly between 0 and 1 (0.39 means 39 %); "
                "got {share!r}. Did you pass a percentage instead of a fraction?"
            )
            if 1 <= share <= 100
            else tr(
                "{name} must be a share of GDP as a fraction strictly between 0 and 1 (0.39 means 39 %); "
                "got {share!r}."
            )
        )
        raise ValueError(message.format(name=name, share=share))
    return share


def _check_growth(name: str, growth: float) -> float:
    growth = require_finite(name, growth)
    if not MIN_GROWTH <= growth <= MAX_GROWTH:
        raise ValueError(
            tr(
                "{name} must be a yearly real growth rate as a fraction between {low} and {high} "
                "(0.05 means 5 % a year); got {growth!r}. Did you pass a percentage instead of a fraction?"
            ).format(name=name, low=MIN_GROWTH, high=MAX_GROWTH, growth=growth)
        )
    return growth


def _grow(base: float, years: float, what: str) -> float:
    """``base ** years`` for a volume multiple, or a ``ValueError`` saying it is too large to compute."""
    try:
        return base**years
    except OverflowError:
        raise ValueError(
            tr(
                "{what} after {years:,.0f} years is too large to compute; choose growth rates further apart"
            ).format(what=tr(what), years=years)
        ) from None


def _check_years(name: str, years: float) -> float:
    years = require_finite(name, years)
    if not 0 <= years <= MAX_HORIZON_YEARS:
        raise ValueError(
            tr("{name} must be between 0 and {high} years; got {years!r}").format(
                name=name, high=MAX_HORIZON_YEARS, years=years
            )
        )
    return years


def years_to_target_share(
    current_share: float, target_share: float, gdp_growth: float, consumption_growth: float
) -> float:
    """Years until the consumption share rises from ``current_share`` to ``target_share``.

    ``ln(target / current) / ln((1 + c) / (1 + g))``; 0 when the target equals the current share.
    Raises ``ValueError`` if the target is below the current share (this asks how long a rise
    takes) or if consumption does not grow faster than GDP (the share would never rise).
    """
    current_share = _check_share("current_share", current_share)
    target_share = _check_share("target_share", target_share)
    gdp_growth = _check_growth("gdp_growth", gdp_growth)
    consumption_growth = _check_growth("consumption_growth", consumption_growth)
    if target_share < current_share:
        raise ValueError(
            tr(
                "target_share ({target:.3f}) is below current_share ({current:.3f}): this calculates how "
                "long it takes to raise the share; choose a target above the current share"
            ).format(target=target_share, current=current_share)
        )
    if target_share == current_share:
        return 0.0
    if consumption_growth <= gdp_growth:
        raise ValueError(
            tr(
                "with consumption_growth {consumption:.3f} not above gdp_growth {gdp:.3f} the consumption "
                "share never rises, so it never reaches the target; household consumption must grow "
                "faster than GDP"
            ).format(consumption=consumption_growth, gdp=gdp_growth)
        )
    # Logs taken separately, so that a tiny current share does not overflow the ratio.
    return (math.log(target_share) - math.log(current_share)) / (
        math.log1p(consumption_growth) - math.log1p(gdp_growth)
    )


def required_consumption_growth(
    current_share: float, target_share: float, gdp_growth: float, years: float
) -> float:
    """Yearly real consumption growth (fraction) that reaches ``target_share`` in ``years``.

    ``(1 + g) * (target / current) ** (1 / years) - 1``: the inverse of :func:`years_to_target_share`.
    """
    current_share = _check_share("current_share", current_share)
    target_share = _check_share("target_share", target_share)
    gdp_growth = _check_growth("gdp_growth", gdp_growth)
    years = require_positive("years", years)
    _check_years("years", years)
    if target_share < current_share:
        raise ValueError(
            tr(
                "target_share ({target:.3f}) is below current_share ({current:.3f}); choose a target above "
                "the current share"
            ).format(target=target_share, current=current_share)
        )
    exponent = (math.log(target_share) - math.log(current_share)) / years
    try:
        # math.exp(inf) is inf without an error, hence the check of the exponent itself.
        factor = math.exp(exponent) if math.isfinite(exponent) else math.inf
        if not math.isfinite(factor):
            raise OverflowError
    except OverflowError:
        raise ValueError(
            f"years ({years!r}) is too short to raise the share from {current_share!r} to {target_share!r} "
            "at any growth rate a float can hold"
        ) from None
    return (1 + gdp_growth) * factor - 1


def volume_multiple(growth: float, years: float) -> float:
    """How many times larger a volume growing at ``growth`` a year is after ``years``."""
    growth = _check_growth("growth", growth)
    years = _check_years("years", years)
    return (1 + growth) ** years


@dataclass(frozen=True)
class Rebalancing:
    """The answer to one rebalancing question, with what it implies for volumes.

    Multiples compare the year the target is reached with the starting year (1.0 = unchanged).
    """

    years: float
    consumption_volume_multiple: float
    gdp_volume_multiple: float
    rest_of_gdp_volume_multiple: float
    rest_of_gdp_growth: float

    def __post_init__(self) -> None:
        if require_finite("years", self.years) < 0:
            raise ValueError(f"years must not be negative; got {self.years!r}")
        for name in ("consumption_volume_multiple", "gdp_volume_multiple", "rest_of_gdp_volume_multiple"):
            # Zero only where a shrinking volume underflows over a very long time.
            require_non_negative(name, getattr(self, name))
        require_finite("rest_of_gdp_growth", self.rest_of_gdp_growth)


def rebalance(
    current_share: float, target_share: float, gdp_growth: float, consumption_growth: float
) -> Rebalancing:
    """Years to the target and the growth in household consumption, GDP and the rest of GDP."""
    years = years_to_target_share(current_share, target_share, gdp_growth, consumption_growth)
    gdp_multiple = _grow(1 + gdp_growth, years, mark("GDP's volume"))
    rest_multiple = (1 - target_share) / (1 - current_share) * gdp_multiple
    # rest_multiple ** (1 / years) - 1, written so that a short time (a target just above the
    # current share) cannot overflow: the shares' ratio is below 1.
    rest_growth = (
        (1 + gdp_growth) * ((1 - target_share) / (1 - current_share)) ** (1 / years) - 1
        if years > 0
        else gdp_growth
    )
    return Rebalancing(
        years=years,
        consumption_volume_multiple=_grow(
            1 + consumption_growth, years, mark("household consumption's volume")
        ),
        gdp_volume_multiple=gdp_multiple,
        rest_of_gdp_volume_multiple=rest_multiple,
        rest_of_gdp_growth=rest_growth,
    )


def rebalancing_path(
    current_share: float,
    gdp_growth: float,
    consumption_growth: float,
    *,
    base_year: int,
    horizon_years: int = 40,
) -> pd.DataFrame:
    """Year-by-year path: GDP and consumption volumes (base year = 1) and the consumption share.

    Columns: ``year``, ``years_since``, ``gdp_index``, ``consumption_index``, ``share_pct``.
    The path stops early if the share would pass 100 % of GDP, which no economy can reach.
    """
    current_share = _check_share("current_share", current_share)
    gdp_growth = _check_growth("gdp_growth", gdp_growth)
    consumption_growth = _check_growth("consumption_growth", consumption_growth)
    base_year = require_year("base_year", base_year)
    horizon_years = require_count("horizon_years", horizon_years, minimum=0, maximum=MAX_HORIZON_YEARS)
    rows = []
    for t in range(horizon_years + 1):
        share = current_share * ((1 + consumption_growth) / (1 + gdp_growth)) ** t
        if share >= 1:
            break
        rows.append((base_year + t, t, (1 + gdp_growth) ** t, (1 + consumption_growth) ** t, 100 * share))
    return pd.DataFrame(rows, columns=["year", "years_since", "gdp_index", "consumption_index", "share_pct"])
