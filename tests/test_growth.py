"""The compound-growth model: known values, identities and clear errors for bad input."""

import math

import pytest

from seckill.models import growth


def test_doubling_time_of_100_percent_is_one_year():
    assert growth.doubling_time_years(1.0) == pytest.approx(1.0)


def test_doubling_time_of_7_percent_is_about_ten_years():
    assert growth.doubling_time_years(0.07) == pytest.approx(10.245, abs=1e-3)


def test_rule_of_70_is_close_for_small_rates_and_too_short_for_large_ones():
    assert growth.rule_of_70_years(0.02) == pytest.approx(growth.doubling_time_years(0.02), rel=0.02)
    assert growth.rule_of_70_years(1.0) < 0.75 * growth.doubling_time_years(1.0)


def test_annual_growth_rate_inverts_projection():
    rate = growth.annual_growth_rate(57.1, 268.4, 5)
    projected = growth.project(57.1, 2014, rate, 2019)
    assert projected["value"].iloc[-1] == pytest.approx(268.4)
    assert list(projected["year"]) == list(range(2014, 2020))


def test_projection_doubles_after_one_doubling_time():
    rate = 0.25
    years = growth.doubling_time_years(rate)
    assert (1 + rate) ** years == pytest.approx(2.0)


def test_zero_growth_projection_is_flat():
    projected = growth.project(10.0, 2000, 0.0, 2010, value_name="gmv_rmb_bn")
    assert set(projected["gmv_rmb_bn"]) == {10.0}


def test_year_on_year_growth_leaves_gaps_as_none():
    assert growth.year_on_year_growth([100.0, 110.0, None, 121.0]) == [None, pytest.approx(0.1), None, None]


@pytest.mark.parametrize("rate", [0.0, -0.1])
def test_doubling_time_needs_positive_growth(rate):
    with pytest.raises(ValueError, match="rate must be positive"):
        growth.doubling_time_years(rate)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rate": 25.0 * 10}, "Did you pass a percentage"),
        ({"rate": -1.0}, "between"),
        ({"rate": math.nan}, "finite"),
        ({"rate": "0.2"}, "must be a number"),
        ({"base_value": 0.0}, "base_value must be greater than zero"),
        ({"base_value": -5.0}, "base_value must be greater than zero"),
        ({"end_year": 1999}, "must not be before"),
        ({"end_year": 2300}, "200 years"),
    ],
)
def test_project_rejects_bad_parameters(kwargs, message):
    arguments = {"base_value": 1.0, "base_year": 2000, "rate": 0.1, "end_year": 2010} | kwargs
    with pytest.raises(ValueError, match=message):
        growth.project(**arguments)


@pytest.mark.parametrize(
    ("start", "end", "years", "name"),
    [(0.0, 1.0, 1, "start_value"), (1.0, -1.0, 1, "end_value"), (1.0, 2.0, 0, "years")],
)
def test_annual_growth_rate_names_the_bad_argument(start, end, years, name):
    with pytest.raises(ValueError, match=name):
        growth.annual_growth_rate(start, end, years)


def test_years_to_reach_matches_doubling_time_for_a_doubling():
    assert growth.years_to_reach(5.0, 10.0, 0.2) == pytest.approx(growth.doubling_time_years(0.2))


def test_years_to_reach_is_zero_when_already_there():
    assert growth.years_to_reach(10.0, 5.0, 0.0) == 0.0


@pytest.mark.parametrize("rate", [0.0, -0.5])
def test_years_to_reach_refuses_targets_that_are_never_reached(rate):
    with pytest.raises(ValueError, match="never rises"):
        growth.years_to_reach(1.0, 2.0, rate)
