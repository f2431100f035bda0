"""Chapter 3's notebook exercises: Taobao villages, the host's commission, and making in time."""

from __future__ import annotations

from seckill.chapters import ch03
from seckill.exercises.feedback import NumberExercise
from seckill.i18n import mark, tr
from seckill.models import capacity, value_chain


def _village_counts() -> list[float]:
    """The counts in time order (one count a year)."""
    villages = ch03.taobao_villages_table().sort_values("year")
    return [float(count) for count in villages["villages"]]


def _maker_earnings(**changes) -> dict[str, float]:
    settings = ch03.value_chain_defaults() | changes
    return value_chain.maker_earnings(ch03.default_split(settings), hours_per_item=settings["hours_per_item"])


def _plan(**changes) -> dict[str, float]:
    return capacity.fulfilment_plan(**(ch03.capacity_defaults() | changes))


latest_villages = NumberExercise(
    expected=lambda: _village_counts()[-1],
    unit=mark("villages"),
    hint_text=mark(
        "Sort the table by year, villages.sort_values('year'), and read the villages column of its last row."
    ),
    rel_tol=0.0,
    mistakes=lambda: [
        (_village_counts()[0], tr("that is the earliest count; the question asks for the latest.")),
        (_village_counts()[-2], tr("that is the count before the latest one.")),
    ],
)

maker_hourly_without_commission = NumberExercise(
    expected=lambda: _maker_earnings(host_commission_pct=0.0)["rmb_per_hour"],
    unit=mark("yuan an hour"),
    hint_text=mark(
        "Change host_commission_pct to 0.0 in a copy of ch03.value_chain_defaults(), split the "
        "price with ch03.default_split and pass it to value_chain.maker_earnings."
    ),
    mistakes=lambda: [
        (
            _maker_earnings()["rmb_per_hour"],
            tr("that is with the default commission; set host_commission_pct to 0."),
        ),
        (
            _maker_earnings(host_commission_pct=0.0)["rmb_per_item"],
            tr("that is yuan an item; divide by the hours an item takes to get yuan an hour."),
        ),
    ],
)

days_with_double_makers = NumberExercise(
    expected=lambda: _plan(makers=2 * ch03.capacity_defaults()["makers"])["days_to_fulfil"],
    unit=mark("working days"),
    hint_text=mark(
        "capacity.fulfilment_plan(**(settings | {'makers': 2 * settings['makers']})), key "
        "days_to_fulfil, with settings = ch03.capacity_defaults()."
    ),
    mistakes=lambda: [
        (_plan()["days_to_fulfil"], tr("that is the default group; double the number of makers.")),
        (
            _plan(makers=2 * ch03.capacity_defaults()["makers"])["days_to_fulfil"]
            * ch03.capacity_defaults()["hours_per_day"],
            tr("that is hours of work; the question asks for working days."),
        ),
    ],
)
