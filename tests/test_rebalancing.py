"""Rebalancing arithmetic: known values, identities, edge cases and bad input."""

import math

import pytest

from seckill.models import rebalancing


def test_years_to_target_known_value():
    # From 40 % to 50 % when consumption outgrows GDP by exactly ln(1.25) per year -> one year.
    ratio = 1.25
    years = rebalancing.years_to_target_share(0.40, 0.50, 0.0, ratio - 1)
    assert years == pytest.approx(1.0)
    # Hand calculation: ln(0.5 / 0.4) / ln(1.07 / 1.05).
    expected = math.log(0.5 / 0.4) / math.log(1.07 / 1.05)
    assert rebalancing.years_to_target_share(0.40, 0.50, 0.05, 0.07) == pytest.approx(expected)


def test_years_and_required_growth_are_inverses():
    years = rebalancing.years_to_target_share(0.389, 0.50, 0.05, 0.065)
    growth = rebalancing.required_consumption_growth(0.389, 0.50, 0.05, years)
    assert growth == pytest.approx(0.065)
    # And the share after that many years, share_0 ((1 + c) / (1 + g)) ** t, is the target.
    assert 0.389 * (1.065 / 1.05) ** years == pytest.approx(0.50)


def test_target_equal_to_current_share_takes_no_time():
    assert rebalancing.years_to_target_share(0.40, 0.40, 0.05, 0.07) == 0.0


def test_rebalance_volumes_satisfy_the_gdp_identity():
    current, target = 0.389, 0.50
    result = rebalancing.rebalance(current, target, 0.05, 0.065)
    gdp, consumption, rest = (
        result.gdp_volume_multiple,
        result.consumption_volume_multiple,
        result.rest_of_gdp_volume_multiple,
    )
    # GDP at the end = consumption + everything else, in base-year GDP units.
    assert gdp == pytest.approx(current * consumption + (1 - current) * rest)
    assert target == pytest.approx(current * consumption / gdp)
    # The rest of GDP must grow more slowly than GDP for the consumption share to rise.
    assert result.rest_of_gdp_growth < 0.05
    assert (1 + result.rest_of_gdp_growth) ** result.years == pytest.approx(rest)


def test_path_starts_at_the_current_share_and_stops_below_100_percent():
    path = rebalancing.rebalancing_path(0.389, 0.0, 0.10, base_year=2019, horizon_years=60)
    assert path.iloc[0]["year"] == 2019 and path.iloc[0]["share_pct"] == pytest.approx(38.9)
    assert (path["share_pct"] < 100).all()
    assert len(path) < 61  # 10 % a year more than GDP passes 100 % within 60 years, so it stops
    assert path["gdp_index"].iloc[0] == 1.0 and path["consumption_index"].iloc[0] == 1.0


def test_target_below_current_share_is_a_clear_error():
    with pytest.raises(ValueError, match="target_share .* below current_share"):
        rebalancing.years_to_target_share(0.40, 0.35, 0.05, 0.07)


@pytest.mark.parametrize("gdp, consumption", [(0.05, 0.05), (0.06, 0.04), (0.0, -0.01)])
def test_rates_that_never_reach_the_target_are_a_clear_error(gdp, consumption):
    with pytest.raises(ValueError, match="never rises"):
        rebalancing.years_to_target_share(0.40, 0.50, gdp, consumption)


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"current_share": 39.0}, "current_share"),  # a percentage, not a fraction
        ({"target_share": 1.0}, "target_share"),
        ({"current_share": 0.0}, "current_share"),
        ({"gdp_growth": 5.0}, "gdp_growth"),  # 5 typed for 5 %
        ({"consumption_growth": float("nan")}, "consumption_growth"),
        ({"gdp_growth": "5%"}, "gdp_growth"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    args = {"current_share": 0.39, "target_share": 0.5, "gdp_growth": 0.05, "consumption_growth": 0.07}
    args.update(kwargs)
    with pytest.raises(ValueError, match=name):
        rebalancing.years_to_target_share(**args)


def test_percentage_hint_for_shares():
    with pytest.raises(ValueError, match="percentage instead of a fraction"):
        rebalancing.years_to_target_share(39, 0.5, 0.05, 0.07)


def test_horizon_and_years_are_bounded():
    with pytest.raises(ValueError, match="horizon_years"):
        rebalancing.rebalancing_path(0.39, 0.05, 0.07, base_year=2019, horizon_years=1000)
    with pytest.raises(ValueError, match="years"):
        rebalancing.required_consumption_growth(0.39, 0.5, 0.05, 0)
    with pytest.raises(ValueError, match="base_year"):
        rebalancing.rebalancing_path(0.39, 0.05, 0.07, base_year=2019.5)


def test_volume_multiple_is_compound_growth():
    assert rebalancing.volume_multiple(0.07, 10) == pytest.approx(1.07**10)
    assert rebalancing.volume_multiple(0.0, 50) == 1.0


def test_a_time_too_short_for_a_finite_growth_rate_is_refused_not_infinite():
    # ln(2) / 5e-324 is infinite and math.exp(inf) returns inf without an error: the model must say so.
    with pytest.raises(ValueError, match=r"years \(5e-324\) is too short"):
        rebalancing.required_consumption_growth(0.25, 0.5, 0.0, 5e-324)
