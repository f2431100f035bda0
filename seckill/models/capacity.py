"""Can hand production meet a live-stream order surge? Makers, hours and days.

A stream can sell thousands of "limited" hand-made items in minutes; the makers then have to make
them. The arithmetic: a group of ``makers`` working ``hours_per_day`` each, at ``hours_per_item``
hours per item, makes ``makers × hours_per_day ÷ hours_per_item`` items a day. From that follow the
days needed for an order surge, what is still unmade by a promised shipping deadline, and the
makers or daily hours that deadline would take.

Every input is validated (counts are whole numbers of at least 1, hours are positive, a working day
is at most 24 hours), so an impossible setting raises ``ValueError`` naming the parameter instead
of returning infinity. The defaults are **assumptions** (:data:`ASSUMPTIONS`); no source gives the
size or speed of a real artisan group selling through live streams.
"""

from __future__ import annotations

import math

import pandas as pd

from seckill.i18n import tr
from seckill.models.checks import require_between, require_count, require_positive

HOURS_IN_DAY = 24.0
# Bounds far beyond any real group, chosen so that every figure of a plan stays within a float.
MAX_ORDERS = 10**12
MAX_MAKERS = 10**9
# From 3.6 seconds to ten thousand hours of hand work for one item (shared with value_chain).
MIN_HOURS_PER_ITEM = 1e-3
MAX_HOURS_PER_ITEM = 1e4
# A working day of at least 36 seconds, and a deadline from a quarter of an hour to ten years.
MIN_HOURS_PER_DAY = 0.01
MIN_DEADLINE_DAYS = 0.01
MAX_DAYS = 3650
# Floating-point slack when a product of rates should be a whole number of items.
_EPSILON = 1e-9

ASSUMPTIONS: dict[str, float] = {
    # One order surge of the size the essay describes ("thousands of pre-orders").
    "orders": 2000,
    # A village group or cooperative of makers.
    "makers": 20,
    # Hours of hand work per item (the same assumption as in seckill.models.value_chain).
    "hours_per_item": 3.0,
    # A normal working day.
    "hours_per_day": 8.0,
    # Days promised between the sale and shipping.
    "deadline_days": 15,
}


def _check_day(hours_per_day: float) -> float:
    hours_per_day = require_positive("hours_per_day", hours_per_day)
    if hours_per_day > HOURS_IN_DAY:
        raise ValueError(
            tr("hours_per_day cannot exceed {high:g}; got {value!r}").format(
                high=HOURS_IN_DAY, value=hours_per_day
            )
        )
    return require_between("hours_per_day", hours_per_day, MIN_HOURS_PER_DAY, HOURS_IN_DAY)


def check_hours_per_item(hours_per_item: object) -> float:
    """Hours of hand work per item, from :data:`MIN_HOURS_PER_ITEM` to :data:`MAX_HOURS_PER_ITEM`."""
    hours_per_item = require_positive("hours_per_item", hours_per_item)
    return require_between("hours_per_item", hours_per_item, MIN_HOURS_PER_ITEM, MAX_HOURS_PER_ITEM)


def items_per_day(makers: int, hours_per_item: float, hours_per_day: float) -> float:
    """Items the group makes in one working day: ``makers × hours_per_day ÷ hours_per_item``."""
    makers = require_count("makers", makers, maximum=MAX_MAKERS)
    hours_per_item = check_hours_per_item(hours_per_item)
    return makers * _check_day(hours_per_day) / hours_per_item


def fulfilment_plan(
    orders: int, makers: int, hours_per_item: float, hours_per_day: float, deadline_days: float
) -> dict[str, float]:
    """How an order surge meets the group's capacity and a shipping deadline.

    Keys:

    - ``items_per_day``: the group's daily output;
    - ``days_to_fulfil``: working days to make every order (a fraction: 2.5 means half-way
      through the third day);
    - ``made_by_deadline`` and ``unmade_by_deadline``: whole items made and still waiting when
      ``deadline_days`` working days have passed;
    - ``makers_needed``: the smallest group that makes every order by the deadline at
      ``hours_per_day``;
    - ``hours_per_day_needed``: the daily hours each maker would need to meet the deadline, and
      ``overtime_hours_per_day``: how far that is above ``hours_per_day`` (0 if it is not); the
      needed hours may exceed 24, which means no amount of overtime is enough.
    """
    orders = require_count("orders", orders, minimum=0, maximum=MAX_ORDERS)
    deadline_days = require_positive("deadline_days", deadline_days)
    deadline_days = require_between("deadline_days", deadline_days, MIN_DEADLINE_DAYS, MAX_DAYS)
    daily = items_per_day(makers, hours_per_item, hours_per_day)
    made = min(orders, math.floor(daily * deadline_days + _EPSILON))
    work_hours = orders * hours_per_item
    hours_needed = work_hours / (makers * deadline_days)
    return {
        "items_per_day": daily,
        "days_to_fulfil": orders / daily,
        "made_by_deadline": float(made),
        "unmade_by_deadline": float(orders - made),
        "makers_needed": float(max(1, math.ceil(work_hours / (hours_per_day * deadline_days) - _EPSILON))),
        "hours_per_day_needed": hours_needed,
        "overtime_hours_per_day": max(0.0, hours_needed - hours_per_day),
    }


def production_path(
    orders: int, makers: int, hours_per_item: float, hours_per_day: float, days: int
) -> pd.DataFrame:
    """Items made by the end of each working day 0…``days``, capped at the orders.

    Columns: ``day``, ``items_made`` (whole items), ``orders``.
    """
    orders = require_count("orders", orders, minimum=0, maximum=MAX_ORDERS)
    days = require_count("days", days)
    if days > MAX_DAYS:
        raise ValueError(
            tr("{name} must be at most {high} (ten years); got {value!r}").format(
                name="days", high=MAX_DAYS, value=days
            )
        )
    daily = items_per_day(makers, hours_per_item, hours_per_day)
    made = [min(orders, math.floor(daily * day + _EPSILON)) for day in range(days + 1)]
    return pd.DataFrame({"day": range(days + 1), "items_made": made, "orders": orders})
