"""Chapter 6's rebalancing chart in headless Chromium: the browser's answer agrees with the model,
and no setting of the bounded sliders makes the chart show NaN or Infinity."""

from __future__ import annotations

import itertools
import re

import pytest

from seckill.chapters import ch06
from seckill.models import rebalancing
from tests.site_check import draw_every_chart, open_page

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHAPTER_6 = "book/06-consumption-duty.html"


def _rebalancing_chart(page):
    for chart in page.query_selector_all("div.seckill-chart"):
        if chart.query_selector(".vega-bindings [name='target_pct']"):
            return chart
    raise AssertionError(f"no chart on {CHAPTER_6} has a target slider")


def _set(chart, name: str, value) -> None:
    control = chart.query_selector(f".vega-bindings [name='{name}']")
    assert control is not None, f"no control bound to {name!r}"
    control.evaluate(
        "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }", str(value)
    )


def _text(chart) -> str:
    return chart.query_selector("svg.marks").text_content()


def test_browser_answer_matches_the_model_and_never_shows_nan(built_site, site_url, browser):
    context, page, _problems = open_page(browser, site_url, CHAPTER_6)
    try:
        draw_every_chart(page)
        chart = _rebalancing_chart(page)
        bounds = {
            name: (float(el.get_attribute("min")), float(el.get_attribute("max")))
            for name in ("gdp_growth_pct", "consumption_growth_pct", "target_pct")
            for el in [chart.query_selector(f".vega-bindings [name='{name}']")]
        }
        seen = []
        for gdp, consumption, target in itertools.product(*bounds.values()):
            _set(chart, "gdp_growth_pct", gdp)
            _set(chart, "consumption_growth_pct", consumption)
            _set(chart, "target_pct", target)
            page.wait_for_timeout(100)
            seen.append(((gdp, consumption, target), _text(chart)))
        # One setting the model can answer, checked against seckill.models.rebalancing.
        _set(chart, "gdp_growth_pct", 5)
        _set(chart, "consumption_growth_pct", 7)
        _set(chart, "target_pct", 50)
        page.wait_for_timeout(100)
        answer_text = _text(chart)
    finally:
        context.close()
    for setting, text in seen:
        assert not re.search(r"NaN|Infinity|undefined", text), f"{setting}: {text[:200]}"
    year, share = ch06.current_china_share()
    years = rebalancing.years_to_target_share(share / 100, 0.50, 0.05, 0.07)
    assert f"Reached in {years:.0f} years (around {year + years:.0f})" in answer_text
