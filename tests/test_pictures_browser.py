"""Every chart a picture first, on the built site: the picture, its match to the live chart, the swap.

The pictures are drawn by the build (sitebuild/pictures.py); these tests open the built pages in
Chromium. The live chart is drawn with the site's own Vega, the picture with vl-convert's.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.site_check import PHONE_WIDTH_PX, chart_specs, open_page, pages

pytestmark = [pytest.mark.build, pytest.mark.browser]

CHAPTER_PAGES = [f"book/0{n}-" for n in range(1, 10)]
# A chart on the built site: its picture and controls, then its spec's element, empty (the spec is
# in the script data-src names).
_CHART = re.compile(
    r'<div class="seckill-chart">(.*?)'
    r'<script type="application/json" class="seckill-chart-spec" data-src="[^"]+"></script>',
    re.S,
)
# What a chart is made of, read the same way from the picture and from the live chart: for each
# kind of mark (its class, e.g. "mark-symbol role-mark layer_1_marks"), how many items it draws,
# and the text of every text item (axis ticks and titles, legend, chart title).
DRAWING_JS = """svg => {
    const marks = {};
    for (const group of svg.querySelectorAll('g[class^="mark-"]')) {
        const key = group.getAttribute('class');
        marks[key] = (marks[key] || 0) + group.children.length;
    }
    const texts = [...svg.querySelectorAll('text')].map(t => t.textContent);
    const box = svg.getBoundingClientRect();
    // Text starting above the drawing's top edge is cut off (a title pushed out of sight).
    const cut = [...svg.querySelectorAll('text')]
        .filter(t => t.getBoundingClientRect().top < box.top - 1).map(t => t.textContent);
    const ownSize = svg.closest('div.seckill-chart').dataset.seckillSize === 'own';
    return {marks, texts, cut, ownSize, width: box.width, height: box.height};
}"""
# A live chart whose plot cannot shrink into its picture's height is drawn at its own height
# (sitebuild/web/seckill.js): it then differs in size from its picture. Only a few may.
MAX_OWN_SIZE_CHARTS = 2
# Element boxes that must not move when a chart goes live: the chart, what follows it on the page.
BOXES_JS = """chart => {
    const box = el => {
        const r = el.getBoundingClientRect();
        return [r.x, r.y + scrollY, r.width, r.height];
    };
    const after = chart.nextElementSibling || chart.parentElement.nextElementSibling;
    return {chart: box(chart), table: box(chart.querySelector('details.seckill-chart-table')),
            next: after ? box(after) : null};
}"""
# Layout shifts from now on (the theme's own, while the page loads, are not the charts').
WATCH_LAYOUT_SHIFTS_JS = """() => {
    window.__seckillShifts = [];
    new PerformanceObserver(list => { window.__seckillShifts.push(...list.getEntries().map(e => e.value)); })
        .observe({type: 'layout-shift'});
}"""


def _spec_scripts(requests: list[str]) -> list[str]:
    return [url for url in requests if "/_static/charts/" in url and url.split("?")[0].endswith(".js")]


def _chapter_pages(site) -> list[str]:
    return [p for p in pages(site) if p.startswith(tuple(CHAPTER_PAGES))]


def test_every_chart_on_every_page_has_its_picture_named_by_its_description(built_site):
    charts = 0
    for page_path in pages(built_site):
        page_html = (built_site / page_path).read_text(encoding="utf-8")
        stills = _CHART.findall(page_html)
        for still, spec in zip(stills, chart_specs(built_site / page_path), strict=True):
            charts += 1
            where = f"{page_path}: chart {spec.get('title')!r}"
            assert still.startswith('<div class="seckill-chart-view seckill-chart-still"><svg'), where
            opening = re.match(r"<div[^>]*><svg ([^>]*)>", still).group(1)
            assert 'role="img"' in opening, where
            label = re.search(r'aria-label="([^"]*)"', opening).group(1)
            assert html.unescape(label) == spec["description"], where
            # The phone picture, an image named by the same description, is a file of the site.
            phone = re.search(r'<img class="seckill-picture-phone" src="([^"]+)" alt="([^"]*)"', still)
            assert phone and html.unescape(phone.group(2)) == spec["description"], where
            assert (built_site / page_path).parent.joinpath(html.unescape(phone.group(1))).is_file(), where
            bound = [p["name"] for p in spec.get("params", []) if isinstance(p.get("bind"), dict)]
            assert sorted(re.findall(r'<(?:input|select) [^>]*name="([^"]+)"', still)) == sorted(bound), where
        assert page_html.count('<div class="seckill-chart">') == len(_CHART.findall(page_html)), page_path
    assert charts >= 40


def test_each_picture_is_the_live_chart_at_its_starting_settings(built_site, site_url, browser):
    compared, own_size = 0, []
    for page_path in _chapter_pages(built_site):
        context, page, problems = open_page(browser, site_url, page_path)
        try:
            pictures = page.eval_on_selector_all(
                "div.seckill-chart",
                f"charts => charts.map(c => ({DRAWING_JS})(c.querySelector('svg.seckill-picture')))",
            )
            page.evaluate("window.seckillCharts.drawAll()")
            live = page.eval_on_selector_all(
                "div.seckill-chart",
                f"charts => charts.map(c => ({DRAWING_JS})(c.querySelector('svg.marks')))",
            )
        finally:
            context.close()
        assert problems["console"] == [] and problems["exceptions"] == [], page_path
        for index, (picture, drawn) in enumerate(zip(pictures, live, strict=True)):
            where = f"{page_path}, chart {index + 1}"
            assert picture["marks"] == drawn["marks"], where
            # Vega may order the items of a redrawn axis differently in the document; the texts are the same
            assert sorted(picture["texts"]) == sorted(drawn["texts"]), where
            assert picture["cut"] == [] and drawn["cut"] == [], where
            if drawn["ownSize"]:
                own_size.append(where)
            else:
                assert abs(picture["width"] - drawn["width"]) <= 2, where
                assert abs(picture["height"] - drawn["height"]) <= 2, where
            compared += 1
    assert compared >= 40
    assert len(own_size) <= MAX_OWN_SIZE_CHARTS, own_size


@pytest.mark.parametrize("width", [1280, PHONE_WIDTH_PX])
def test_nothing_moves_when_the_live_chart_replaces_the_picture(built_site, site_url, browser, width):
    context, page, _problems = open_page(browser, site_url, "book/07-environment.html", width=width)
    try:
        charts = page.locator("div.seckill-chart")
        before = [charts.nth(i).evaluate(BOXES_JS) for i in range(charts.count())]
        page.evaluate(WATCH_LAYOUT_SHIFTS_JS)
        page.evaluate("window.seckillCharts.drawAll()")
        after = [charts.nth(i).evaluate(BOXES_JS) for i in range(charts.count())]
        states = page.evaluate(
            "[...document.querySelectorAll('div.seckill-chart')].map(c => c.dataset.seckillState)"
        )
        own_size = page.evaluate(
            "[...document.querySelectorAll('div.seckill-chart')].map(c => c.dataset.seckillSize === 'own')"
        )
        page.wait_for_timeout(300)  # layout-shift entries arrive after the frame
        shifts = page.evaluate("window.__seckillShifts")
    finally:
        context.close()
    assert set(states) == {"drawn"}
    assert sum(own_size) <= MAX_OWN_SIZE_CHARTS
    for index, (old, new) in enumerate(zip(before, after, strict=True)):
        if any(own_size[: index + 1]):
            break  # a chart drawn at its own height above moves what follows it
        for part in old:
            assert old[part] == pytest.approx(new[part], abs=0.5), f"chart {index + 1}: {part} moved"
    assert shifts == [] or any(own_size)


def test_with_javascript_off_every_chart_shows_its_picture_and_controls(built_site, site_url, browser):
    context = browser.new_context(
        java_script_enabled=False, viewport={"width": PHONE_WIDTH_PX, "height": 900}
    )
    try:
        page = context.new_page()
        page.goto(f"{site_url}/book/04-gig-economy.html")
        seen = page.eval_on_selector_all(
            "div.seckill-chart",
            """charts => charts.map(c => {
                // On a phone, the phone picture shows instead of the inline one.
                if (c.querySelector('svg.seckill-picture').getBoundingClientRect().height) return [0, 0, 0];
                const box = c.querySelector('img.seckill-picture-phone').getBoundingClientRect();
                return [box.width, box.height,
                        c.querySelectorAll('.seckill-chart-still input:disabled').length];
            })""",
        )
    finally:
        context.close()
    assert len(seen) >= 5
    assert all(width > 300 and height > 250 for width, height, _inputs in seen), seen
    assert sum(inputs for _w, _h, inputs in seen) >= 10


def test_a_touched_control_gives_a_live_chart_with_the_value_handed_over(built_site, site_url, browser):
    context, page, problems = open_page(browser, site_url, "book/01-buy-it.html", width=PHONE_WIDTH_PX)
    try:
        page.wait_for_load_state("networkidle")
        chart = page.locator("div.seckill-chart", has=page.locator("select[name=start_year]"))
        chart.scroll_into_view_if_needed()
        page.wait_for_timeout(300)
        # Vega may be downloaded ahead (tests/test_page_loading_browser.py), but it does not run.
        assert page.evaluate("typeof window.vega") == "undefined", "no Vega run for looking"
        chart.locator(".seckill-chart-still select[name=start_year]").select_option("2011")
        page.wait_for_function(
            "el => el.dataset.seckillState === 'drawn'", arg=chart.element_handle(), timeout=15_000
        )
        live_value = chart.locator(".vega-bindings select[name=start_year]").input_value()
        param_value = chart.evaluate("el => el.seckillView.signal('start_year')")
        still_left = chart.locator(".seckill-chart-still").count()
        specs_loaded = page.evaluate("Object.keys(window.seckillChartSpecs)")
        chart_spec = chart.evaluate(
            "el => el.querySelector('script.seckill-chart-spec').dataset.src.split('/').pop().split('.')[0]"
        )
    finally:
        context.close()
    assert [live_value, param_value] == ["2011", 2011]
    assert still_left == 0
    # The touched chart's spec came from its own script in the site.
    assert chart_spec in specs_loaded and chart_spec in " ".join(_spec_scripts(problems["requests"]))
    assert problems["external"] == [] and problems["csp"] == []
    assert problems["console"] == [] and problems["exceptions"] == []


def test_the_keyboard_focus_moves_from_the_pictures_control_to_the_live_one(built_site, site_url, browser):
    context, page, problems = open_page(browser, site_url, "book/02-flash-sale.html")
    try:
        chart = page.locator("div.seckill-chart", has=page.locator("input[name=stock_units]"))
        chart.locator(".seckill-chart-still input[name=stock_units]").focus()
        page.wait_for_function(
            "el => el.dataset.seckillState === 'drawn'", arg=chart.element_handle(), timeout=15_000
        )
        focused = page.evaluate(
            "[document.activeElement.name, !!document.activeElement.closest('.seckill-chart-still')]"
        )
    finally:
        context.close()
    assert focused == ["stock_units", False]
    assert problems["console"] == [] and problems["exceptions"] == []
