"""Chapter 2's notebook exercises: the lipstick record, the scarcity boost, and who is turned away."""

from __future__ import annotations

from seckill.calibrations import flash_sale_inputs
from seckill.chapters import ch02
from seckill.exercises.feedback import NumberExercise
from seckill.i18n import mark, tr
from seckill.models import flash_sale


def _implied_rates() -> list[float]:
    return sorted(float(rate) for rate in ch02.lipstick_table()["implied_orders_per_s"])


def _sell_out_s(**changes) -> float:
    seconds = flash_sale.sell_out_time_s(flash_sale_inputs.default_sale(**changes))
    if seconds is None:  # the exercise's settings must sell out, or the question has no answer
        raise ValueError(f"the default sale with {changes} does not sell out")
    return seconds


def _unserved_share(**changes) -> float:
    return flash_sale.outcome(flash_sale_inputs.default_sale(**changes)).unserved_share


lipstick_fast_rate = NumberExercise(
    expected=lambda: _implied_rates()[-1],
    unit=mark("orders a second"),
    hint_text=mark(
        "In ch02.lipstick_table(), take implied_orders_per_s for the shorter (faster) version of the record."
    ),
    mistakes=lambda: [
        (
            _implied_rates()[0],
            tr("that is the slower version of the record; the question asks for the faster one."),
        ),
        (_implied_rates()[-1] * 60, tr("that is orders a minute; the table gives orders a second.")),
    ],
)

sell_out_without_boost = NumberExercise(
    expected=lambda: _sell_out_s(boost_pct=0),
    unit=mark("s"),
    hint_text=mark(
        "Make the sale with flash_sale_inputs.default_sale(boost_pct=0) and pass it to "
        "flash_sale.sell_out_time_s."
    ),
    mistakes=lambda: [
        (_sell_out_s(), tr("that is the default sale, with its scarcity boost; set boost_pct=0.")),
        (_sell_out_s(boost_pct=0) / 60, tr("that is in minutes; the model gives seconds.")),
    ],
)

unserved_small_stock = NumberExercise(
    expected=lambda: _unserved_share(stock_units=1_000),
    unit=mark("(fraction of would-be buyers)"),
    hint_text=mark("flash_sale.outcome(flash_sale_inputs.default_sale(stock_units=1_000)).unserved_share."),
    mistakes=lambda: [
        (
            _unserved_share(stock_units=1_000) * 100,
            tr("that is a percentage; give a fraction between 0 and 1."),
        ),
        (_unserved_share(), tr("that is the default stock; set stock_units=1_000.")),
        (
            1 - _unserved_share(stock_units=1_000),
            tr("that is the share who got the product, not the share turned away."),
        ),
    ],
)
