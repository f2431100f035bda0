"""Chapter 5's timeline in headless Chromium: dragging across the top chart (a brush) must change
the list of events below it, the brush's marks must be named for screen readers, and the chart
must use a desktop's column width yet fit a phone."""

from __future__ import annotations

import pytest

from tests.site_check import PHONE_WIDTH_PX, draw_every_chart, open_page

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHAPTER_5 = "book/05-regulation.html"
LIST_TEXT = """(chart) => [...chart.querySelectorAll('svg .role-mark text')]
    .map((t) => t.textContent).filter((t) => /events? in the period|^20\\d\\d-\\d\\d  /.test(t))"""


def _timeline(page):
    for chart in page.query_selector_all("div.seckill-chart"):
        if chart.query_selector(".period_brush"):
            return chart
    raise AssertionError("no chart with a 'period' brush on the Chapter 5 page")


def _plot_area(chart):
    """The plot area: the view's background, the first path in the chart's root group."""
    return chart.query_selector("g.mark-group.role-frame > g > path.background")


def test_brushing_a_period_changes_the_event_list(built_site, site_url, browser):
    context, page, problems = open_page(browser, site_url, CHAPTER_5)
    try:
        draw_every_chart(page)
        chart = _timeline(page)
        before = chart.evaluate(LIST_TEXT)
        # The mouse can only drag what is on screen.
        plot = _plot_area(chart)
        plot.scroll_into_view_if_needed()
        box = plot.bounding_box()
        y = box["y"] + box["height"] / 2
        page.mouse.move(box["x"] + box["width"] * 0.05, y)
        page.mouse.down()
        page.mouse.move(box["x"] + box["width"] * 0.45, y, steps=8)
        page.mouse.up()
        page.wait_for_timeout(300)
        after = chart.evaluate(LIST_TEXT)
        labels = chart.evaluate(
            "(c) => [...c.querySelectorAll('.period_brush_bg, .period_brush')]"
            ".map(e => e.getAttribute('aria-label'))"
        )
    finally:
        context.close()
    assert before and after and before != after, "brushing did not change the event list"
    # Brushing the early years lists the 2018 law, which the default period (2020-2021) does not.
    assert any("E-Commerce Law adopted" in line for line in after)
    assert not any("E-Commerce Law adopted" in line for line in before)
    assert all(labels) and len(labels) == 2
    assert not problems["exceptions"], problems["exceptions"]


DESKTOP_WIDTH_PX = 1280
WIDE_PLOT_PX = 400  # the fixed-width version drew a 250 px plot; a 1280 px window gives about 600


def test_timeline_is_wide_on_a_desktop_and_fits_a_phone(built_site, site_url, browser):
    measured = {}
    for viewport_px in (DESKTOP_WIDTH_PX, PHONE_WIDTH_PX):
        context, page, _problems = open_page(browser, site_url, CHAPTER_5, width=viewport_px)
        try:
            draw_every_chart(page)
            chart = _timeline(page)
            chart.scroll_into_view_if_needed()
            drawn = chart.query_selector("svg").bounding_box()
            measured[viewport_px] = {
                "plot": _plot_area(chart).bounding_box()["width"],
                "chart_right": drawn["x"] + drawn["width"],
                "page": page.evaluate("document.documentElement.scrollWidth"),
            }
        finally:
            context.close()
    desktop, phone = measured[DESKTOP_WIDTH_PX], measured[PHONE_WIDTH_PX]
    assert desktop["plot"] > WIDE_PLOT_PX, f"plot only {desktop['plot']:.0f} px wide on a desktop"
    assert phone["chart_right"] <= PHONE_WIDTH_PX, f"chart ends at {phone['chart_right']:.0f} px on a phone"
    assert phone["page"] <= PHONE_WIDTH_PX, f"the page scrolls sideways on a phone ({phone['page']} px)"
