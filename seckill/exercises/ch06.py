"""Chapter 6's notebook exercises: China's consumption share and the arithmetic of rebalancing."""

from __future__ import annotations

from seckill.chapters import ch06
from seckill.exercises.feedback import NumberExercise
from seckill.i18n import mark, tr
from seckill.models import rebalancing

GDP_GROWTH = 0.05  # the notebook's assumption, which the exercises keep


def _share_pct() -> float:
    return float(ch06.current_china_share(ch06.consumption_share_table())[1])


def _years_to_half(consumption_growth: float) -> float:
    return rebalancing.rebalance(_share_pct() / 100, 0.50, GDP_GROWTH, consumption_growth).years


def _needed_growth() -> float:
    share = _share_pct() / 100
    return rebalancing.required_consumption_growth(share, share + 0.10, GDP_GROWTH, 10)


current_share_pct = NumberExercise(
    expected=_share_pct,
    unit=mark("% of GDP"),
    hint_text=mark("ch06.current_china_share(shares) returns (year, share in %); take the share."),
    mistakes=lambda: [
        (_share_pct() / 100, tr("that is a fraction; the question asks for a percentage of GDP."))
    ],
)

years_to_half_at_7_pct = NumberExercise(
    expected=lambda: _years_to_half(0.07),
    unit=mark("years"),
    hint_text=mark(
        "rebalancing.rebalance(share, 0.50, 0.05, 0.07).years, with share as a fraction (share_pct / 100)."
    ),
    mistakes=lambda: [
        (_years_to_half(0.065), tr("that is with consumption growing 6.5 % a year; use 7 %.")),
    ],
)

needed_consumption_growth = NumberExercise(
    expected=_needed_growth,
    unit=mark("(fraction a year)"),
    hint_text=mark("rebalancing.required_consumption_growth(share, share + 0.10, 0.05, 10)."),
    mistakes=lambda: [
        (_needed_growth() * 100, tr("that is a percentage; give a fraction (0.07 for 7 %).")),
        (
            _needed_growth() - GDP_GROWTH,
            tr("that is how much faster than GDP; give consumption's own growth rate."),
        ),
    ],
)
