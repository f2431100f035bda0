"""Chapter 5's notebook exercises: counting rules and actions, a fine in proportion, a period."""

from __future__ import annotations

from seckill.chapters import ch05
from seckill.exercises.feedback import NumberExercise
from seckill.i18n import mark, tr


def _events_in(first_year: int, last_year: int) -> float:
    return float(len(ch05.events_between(ch05.events_table(), first_year, last_year)))


def _largest_fine() -> tuple[float, float]:
    """The largest fine with a stated basis: (amount, basis), in bn yuan."""
    events = ch05.events_table()
    fines = events[events["fine_basis_rmb_bn"].notna()].sort_values("amount_rmb_bn")
    return float(fines["amount_rmb_bn"].iloc[-1]), float(fines["fine_basis_rmb_bn"].iloc[-1])


def _largest_fine_pct() -> float:
    amount, basis = _largest_fine()
    return 100 * amount / basis


events_in_2021 = NumberExercise(
    expected=lambda: _events_in(2021, 2021),
    unit=mark("events"),
    rel_tol=0.0,
    hint_text=mark(
        "Count the rows of ch05.events_table() whose year is 2021: (events['year'] == 2021).sum()."
    ),
    mistakes=lambda: [
        (float(len(ch05.events_table())), tr("that counts every year; keep only 2021.")),
        (_events_in(2020, 2020), tr("that is 2020; the question asks for 2021.")),
    ],
)

largest_fine_pct = NumberExercise(
    expected=_largest_fine_pct,
    unit=mark("% of the basis"),
    hint_text=mark(
        "Among the events with a fine_basis_rmb_bn, take the largest amount_rmb_bn and divide "
        "it by its basis; multiply by 100 for a percentage."
    ),
    mistakes=lambda: [
        (_largest_fine_pct() / 100, tr("that is a fraction; multiply by 100 for a percentage.")),
        (
            100 * _largest_fine()[1] / _largest_fine()[0],
            tr("that divides the basis by the fine; divide the fine by the basis."),
        ),
    ],
)

events_2016_to_2020 = NumberExercise(
    expected=lambda: _events_in(2016, 2020),
    unit=mark("events"),
    rel_tol=0.0,
    hint_text=mark("len(ch05.events_between(events, 2016, 2020)): both years are included."),
    mistakes=lambda: [
        (_events_in(2016, 2019), tr("that stops at 2019; the period includes 2020.")),
        (_events_in(2016, 2021), tr("that includes 2021; stop at 2020.")),
    ],
)
