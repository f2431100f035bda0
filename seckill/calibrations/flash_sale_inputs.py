"""The flash-sale model's controls and the sale they start from (Chapters 2 and 8).

Every control is bounded so that the browser formulas stay finite: the rate is never 0, the stock
is at least 100 units and the audience at least 100,000, so no division by zero and no logarithm
of zero or of a negative number can occur (tested in tests/test_ch02.py).
"""

from __future__ import annotations

from seckill.controls import Menu, Slider
from seckill.i18n import mark
from seckill.models import flash_sale

# Labels, units and notes in English, marked for the catalogue; shown translated (seckill.controls).
AUDIENCE_M = Slider("audience_m", mark("Viewers watching"), mark("millions"), 0.1, 50.0, 0.1, 1.0)
CONVERSION_PCT_MIN = Slider(
    "conversion_pct_min",
    mark("Viewers who order"),
    mark("% a minute"),
    0.1,
    10.0,
    0.1,
    1.0,
    note=mark("assumption"),
)
BOOST_PCT = Slider(
    "boost_pct", mark("Scarcity cues raise that by"), "%", 0, 300, 10, 50, note=mark("assumption")
)
STOCK_UNITS = Slider("stock_units", mark("Units in stock"), "", 100, 200_000, 100, 15_000)
SESSION_MIN = Menu(
    "session_min", mark("Link open for"), mark("minutes"), (2, 5, 10, 20, 30), 20, note=mark("assumption")
)
SALE_CONTROLS = (AUDIENCE_M, CONVERSION_PCT_MIN, BOOST_PCT, STOCK_UNITS, SESSION_MIN)


def sale_from_controls(
    audience_m: float,
    conversion_pct_min: float,
    boost_pct: float,
    stock_units: int,
    session_min: float,
    price_rmb: float = 100.0,
) -> flash_sale.FlashSale:
    """The model sale for the values of the page's controls (percent per minute becomes a rate per second)."""
    return flash_sale.FlashSale(
        audience=round(audience_m * 1_000_000),
        conversion_per_s=conversion_pct_min / 100 / 60,
        scarcity_boost=boost_pct / 100,
        stock_units=stock_units,
        session_s=session_min * 60,
        price_rmb=price_rmb,
    )


def default_sale(**changes) -> flash_sale.FlashSale:
    """The sale with every control at its default value; keyword arguments change some of them."""
    values = {control.name: control.default for control in SALE_CONTROLS} | changes
    return sale_from_controls(**values)
