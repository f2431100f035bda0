"""Chapter 8's notebook exercises: live commerce's share, a greener scenario, and the budget."""

from __future__ import annotations

from seckill.chapters import ch08
from seckill.exercises.feedback import NumberExercise
from seckill.i18n import mark, tr
from seckill.models import scenarios


def _shares_pct() -> list[float]:
    return sorted(float(share) for share in ch08.live_share_table()["share_pct"].dropna())


def _run(**changes) -> dict:
    base = ch08.baseline()
    return scenarios.run(ch08.default_levers(base, **changes), base)


largest_live_share = NumberExercise(
    expected=lambda: _shares_pct()[-1],
    unit=mark("% of online retail"),
    hint_text=mark("Take the largest value in the share_pct column of ch08.live_share_table()."),
    mistakes=lambda: [
        (_shares_pct()[-1] / 100, tr("that is a fraction; the column is already a percentage.")),
        (_shares_pct()[0], tr("that is the smallest share; the question asks for the largest.")),
    ],
)

emissions_with_efficiency = NumberExercise(
    expected=lambda: _run(efficiency_pct=4.0)["emissions_end_gt"],
    unit=mark("Gt CO2 a year"),
    hint_text=mark("scenarios.run(ch08.default_levers(base, efficiency_pct=4.0), base)['emissions_end_gt']."),
    mistakes=lambda: [
        (_run()["emissions_end_gt"], tr("that is the trend scenario; set efficiency_pct=4.0.")),
        (
            _run(efficiency_pct=4.0)["emissions_base_gt"],
            tr("that is the base year's emissions, not the end year's."),
        ),
    ],
)

trend_budget_used = NumberExercise(
    expected=lambda: _run()["budget_used_share"],
    unit=mark("(fraction of the budget)"),
    hint_text=mark("scenarios.run(ch08.default_levers(base), base)['budget_used_share']."),
    mistakes=lambda: [
        (
            _run()["budget_used_share"] * 100,
            tr("that is a percentage; give a fraction (1.0 is the whole budget)."),
        ),
        (
            _run(efficiency_pct=4.0)["budget_used_share"],
            tr("that is the greener scenario; use the trend levers."),
        ),
    ],
)
