"""Chapter 2's interactive charts in headless Chromium: the browser's formulas agree with the model,
and no setting of the bounded controls makes a chart show NaN or Infinity.
"""

from __future__ import annotations

import itertools
import re

import pytest

from seckill.calibrations import flash_sale_inputs as sale_inputs
from seckill.models import flash_sale
from tests.site_check import draw_every_chart, open_page

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHAPTER_2 = "book/02-flash-sale.html"


def _chart_with_text(page, needle: str):
    for chart in page.query_selector_all("div.seckill-chart"):
        if needle in chart.query_selector("svg.marks").text_content():
            return chart
    raise AssertionError(f"no chart on {CHAPTER_2} shows {needle!r}")


def _set(chart, name: str, value) -> None:
    """Set a Vega-bound control by parameter name and fire the events a reader's change would fire."""
    control = chart.query_selector(f".vega-bindings [name='{name}']")
    assert control is not None, f"no control bound to {name!r}"
    control.evaluate(
        """(el, v) => { el.value = v;
                        el.dispatchEvent(new Event('input', {bubbles: true}));
                        el.dispatchEvent(new Event('change', {bubbles: true})); }""",
        str(value),
    )
    chart.evaluate("async el => { await el.seckillView.runAsync(); }")  # wait for the redraw


def test_explorer_read_out_matches_the_python_model(built_site, site_url, browser):
    context, page, _problems = open_page(browser, site_url, CHAPTER_2)
    try:
        draw_every_chart(page)
        text = _chart_with_text(page, "Sold out after").query_selector("svg.marks").text_content()
    finally:
        context.close()
    shown = float(re.search(r"Sold out after ([0-9.]+) seconds", text).group(1))
    assert shown == pytest.approx(flash_sale.sell_out_time_s(sale_inputs.default_sale()), rel=0.005)
    busiest = float(re.search(r"Busiest second: ([0-9,]+) orders", text).group(1).replace(",", ""))
    assert busiest == pytest.approx(flash_sale.outcome(sale_inputs.default_sale()).peak_orders_per_s, abs=1)


@pytest.mark.parametrize(
    ("needle", "sliders"),
    [
        (
            "Busiest second",
            [
                sale_inputs.AUDIENCE_M,
                sale_inputs.CONVERSION_PCT_MIN,
                sale_inputs.BOOST_PCT,
                sale_inputs.STOCK_UNITS,
            ],
        ),
        (
            "Sells out in 10 seconds",
            list(sale_inputs.SALE_CONTROLS[:3]),
        ),
    ],
)
def test_no_setting_of_the_controls_shows_nan_or_infinity(built_site, site_url, browser, needle, sliders):
    context, page, problems = open_page(browser, site_url, CHAPTER_2)
    bad = []
    try:
        draw_every_chart(page)
        chart = _chart_with_text(page, needle)
        extremes = [(s.low, s.high) for s in sliders]
        sessions = (
            min(sale_inputs.SESSION_MIN.options),
            max(sale_inputs.SESSION_MIN.options),
        )
        for values in itertools.product(*extremes, sessions):
            for slider, setting in zip(sliders, values[:-1], strict=True):
                _set(chart, slider.name, setting)
            _set(chart, "session_min", values[-1])
            text = chart.query_selector("svg.marks").text_content()
            if "NaN" in text or "Infinity" in text or needle not in text:
                bad.append(f"{values}: {text[:200]!r}")
    finally:
        context.close()
    assert not bad, "\n".join(bad[:5])
    assert not problems["exceptions"]
