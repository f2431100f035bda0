"""The capacity model: known values, consistency between its answers, and clear errors."""

import math

import pytest

from seckill.models import capacity


def test_daily_output_is_makers_times_hours_over_hours_per_item():
    assert capacity.items_per_day(makers=10, hours_per_item=2.0, hours_per_day=8.0) == pytest.approx(40.0)


def test_a_known_order_surge():
    plan = capacity.fulfilment_plan(
        orders=2000, makers=20, hours_per_item=3.0, hours_per_day=8.0, deadline_days=15
    )
    assert plan["items_per_day"] == pytest.approx(160 / 3)
    assert plan["days_to_fulfil"] == pytest.approx(37.5)
    assert plan["made_by_deadline"] == 800  # 53.3 a day for 15 days
    assert plan["unmade_by_deadline"] == 1200
    assert plan["makers_needed"] == 50  # 6,000 hours of work in 15 eight-hour days
    assert plan["hours_per_day_needed"] == pytest.approx(20.0)
    assert plan["overtime_hours_per_day"] == pytest.approx(12.0)


def test_the_needed_makers_do_meet_the_deadline_and_one_fewer_does_not():
    kwargs = {"orders": 1234, "hours_per_item": 2.5, "hours_per_day": 7.0, "deadline_days": 10}
    needed = int(capacity.fulfilment_plan(makers=1, **kwargs)["makers_needed"])
    assert capacity.fulfilment_plan(makers=needed, **kwargs)["unmade_by_deadline"] == 0
    assert capacity.fulfilment_plan(makers=needed - 1, **kwargs)["unmade_by_deadline"] > 0


def test_a_small_order_is_made_on_time_with_no_overtime():
    plan = capacity.fulfilment_plan(
        orders=100, makers=20, hours_per_item=3.0, hours_per_day=8.0, deadline_days=15
    )
    assert plan["unmade_by_deadline"] == 0 and plan["made_by_deadline"] == 100
    assert plan["overtime_hours_per_day"] == 0.0
    assert plan["makers_needed"] == 3


def test_zero_orders_need_no_time():
    plan = capacity.fulfilment_plan(
        orders=0, makers=5, hours_per_item=1.0, hours_per_day=8.0, deadline_days=3
    )
    assert plan["days_to_fulfil"] == 0.0 and plan["unmade_by_deadline"] == 0


def test_whole_items_even_when_the_rate_is_a_fraction():
    path = capacity.production_path(orders=100, makers=1, hours_per_item=3.0, hours_per_day=8.0, days=5)
    assert list(path["items_made"]) == [0, 2, 5, 8, 10, 13]
    capped = capacity.production_path(orders=10, makers=1, hours_per_item=3.0, hours_per_day=8.0, days=5)
    assert capped["items_made"].max() == 10


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"makers": 0}, "makers must be at least 1"),
        ({"makers": 2.5}, "makers must be a whole number"),
        ({"orders": -1}, "orders must be at least 0"),
        ({"hours_per_item": 0.0}, "hours_per_item must be greater than zero"),
        ({"hours_per_day": 25.0}, "hours_per_day cannot exceed 24"),
        ({"hours_per_day": math.nan}, "hours_per_day must be finite"),
        ({"deadline_days": 0}, "deadline_days must be greater than zero"),
    ],
)
def test_bad_parameters_are_named(change, message):
    kwargs = {
        "orders": 100,
        "makers": 5,
        "hours_per_item": 2.0,
        "hours_per_day": 8.0,
        "deadline_days": 10,
    } | change
    with pytest.raises(ValueError, match=message):
        capacity.fulfilment_plan(**kwargs)


def test_path_length_is_bounded():
    with pytest.raises(ValueError, match="days must be at most"):
        capacity.production_path(orders=1, makers=1, hours_per_item=1.0, hours_per_day=8.0, days=10_000)
