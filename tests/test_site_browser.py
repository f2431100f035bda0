"""The built book, as a reader offline or behind a firewall sees it, in headless Chromium.

Every request to a host other than the local server is blocked and recorded. For every page:
no console error, no uncaught exception, no violation of the page's Content-Security-Policy, no
Vega warning that a scale found no valid values, no request to another host, every chart drawn by Vega
(and the Vega bundle fetched only where there is a chart), every chart with a collapsed "Show the
numbers" table that opens on a click (with a caption, column headers and data rows, and a summary
no other chart on the page shares), and no serious or critical axe-core accessibility violation
with those tables open. At a phone's width no page scrolls
sideways, tables open. On every page, moving a slider or menu bound to a Vega parameter must
redraw its chart.

Every check runs on both languages: the English full edition and the Chinese one (``zh``).
"""

from __future__ import annotations

import pytest

from tests.site_check import PHONE_WIDTH_PX, axe_violations, draw_every_chart, open_page, pages

pytestmark = [pytest.mark.build, pytest.mark.browser]


@pytest.fixture(scope="module", params=["en", "zh"])
def edition(request):
    """(the built site, its served address, its language) for each language's edition in turn."""
    if request.param == "en":
        return request.getfixturevalue("built_site"), request.getfixturevalue("site_url"), "en"
    return request.getfixturevalue("zh_site"), request.getfixturevalue("zh_site_url"), "zh"


CHAPTER_1 = "book/01-buy-it.html"
BLOCKING_IMPACTS = {"serious", "critical"}
# Vega's warning when a scale has no valid value to span: an axis drawn from invalid dates or
# numbers (what vega-interpreter's datetime(<milliseconds>) did to Chapter 5's timeline).
NO_VALID_VALUES = "Infinite extent"


# What each chart's table of numbers looks like in the page (read before and after opening them).
_CHART_TABLES_JS = """() => [...document.querySelectorAll('div.seckill-chart')].map(chart => {
    const details = chart.querySelector(':scope > details.seckill-chart-table');
    return {
        details: Boolean(details),
        open: Boolean(details && details.open),
        summary: details ? details.querySelector('summary').innerText.trim() : '',
        tables: details ? [...details.querySelectorAll('table')].map(table => ({
            caption: table.caption ? table.caption.innerText.trim() : '',
            headers: table.querySelectorAll('thead th[scope=col]').length,
            rows: table.querySelectorAll('tbody tr').length,
            shown: table.getBoundingClientRect().height > 0,
        })) : [],
    };
})"""
SUMMARY_PREFIX = "Show the numbers: "


def _open_chart_tables(page) -> tuple[list[dict], list[dict]]:
    """Click every chart's "Show the numbers" summary, as a reader does; return the tables before, after."""
    closed = page.evaluate(_CHART_TABLES_JS)
    for summary in page.query_selector_all("div.seckill-chart > details.seckill-chart-table > summary"):
        summary.scroll_into_view_if_needed()
        summary.click()
    return closed, page.evaluate(_CHART_TABLES_JS)


def _chart_table_problems(
    page_path: str, closed: list[dict], opened: list[dict], language: str = "en"
) -> list[str]:
    """Every chart has a collapsed, distinctly named details that opens onto captioned tables with rows."""
    problems = []
    summaries = [chart["summary"] for chart in closed]
    if len(set(summaries)) != len(summaries):
        problems.append(f"{page_path}: charts share a table summary: {summaries}")
    for number, (before, after) in enumerate(zip(closed, opened, strict=True), start=1):
        where = f"{page_path}, chart {number} ({before['summary'][:70]!r})"
        if not before["details"]:
            problems.append(f"{where}: no details with the chart's numbers")
            continue
        if before["open"] or not after["open"]:
            problems.append(f"{where}: should start collapsed and open on a click")
        # The Chinese edition's summary is the package's translation of the prefix (seckill.i18n).
        if not before["summary"] or (language == "en" and not before["summary"].startswith(SUMMARY_PREFIX)):
            problems.append(f"{where}: the summary does not say what it holds")
        if not after["tables"]:
            problems.append(f"{where}: no table")
        for table in after["tables"]:
            if not (table["caption"] and table["headers"] and table["rows"] >= 1 and table["shown"]):
                problems.append(f"{where}: table without caption, headers or rows, or not shown: {table}")
    return problems


# axe's table and contrast rules take seconds per hundred table rows, and a chapter's open tables
# hold up to 300 rows each. Every row is written by the same code, so the first rows stand for all.
AXE_TABLE_ROWS = 5


def _trim_chart_tables(page) -> None:
    page.evaluate(
        """n => document.querySelectorAll('details.seckill-chart-table tbody').forEach(body => {
            while (body.rows.length > n) body.deleteRow(-1);
        })""",
        AXE_TABLE_ROWS,
    )


def test_every_page_is_self_contained_error_free_and_accessible(edition, browser):
    built_site, site_url, language = edition
    page_paths = pages(built_site)
    assert CHAPTER_1 in page_paths, f"{CHAPTER_1} was not built"
    failures = []
    charts_seen = 0
    for page_path in page_paths:
        context, page, problems = open_page(browser, site_url, page_path)
        try:
            charts, drawn = draw_every_chart(page)
            charts_seen += charts
            closed, opened = _open_chart_tables(page)
            failures += _chart_table_problems(page_path, closed, opened, language)
            # Copy what the reader's visit produced before axe runs: axe's own stylesheet fetches
            # resolve @import paths against the site root and would add false 404s.
            problems = {key: list(items) for key, items in problems.items()}
            _trim_chart_tables(page)
            violations = axe_violations(page)
        finally:
            context.close()
        serious = [
            f"{v['id']} ({v['impact']}) at {[n['target'] for n in v['nodes']][:3]}"
            for v in violations
            if v["impact"] in BLOCKING_IMPACTS
        ]
        for label, items in [
            ("console errors", problems["console"]),
            ("uncaught exceptions", problems["exceptions"]),
            ("Content-Security-Policy violations", problems["csp"]),
            ("scales with no valid values", [w for w in problems["warnings"] if NO_VALID_VALUES in w]),
            ("requests to other hosts", problems["external"]),
            ("missing files (HTTP 4xx/5xx)", problems["missing"]),
            ("serious/critical axe violations", serious),
        ]:
            if items:
                failures.append(f"{page_path}: {label}: {items[:5]}")
        if drawn != charts:
            failures.append(f"{page_path}: {drawn} of {charts} charts drawn")
        if charts == 0 and any("vega-site" in url for url in problems["requests"]):
            failures.append(f"{page_path}: fetched the Vega bundle without a chart to draw")
    assert not failures, "\n".join(failures)
    assert charts_seen > 0, "no chart containers found on any page"


def _move_every_control(page) -> list[str]:
    """Move each slider bound to a Vega parameter to its far end, and each menu to its next choice;
    list the ones that change nothing in their chart."""
    stuck = []
    charts = page.query_selector_all("div.seckill-chart")
    for number, chart in enumerate(charts, start=1):
        for control in chart.query_selector_all(".vega-bindings input[type=range], .vega-bindings select"):
            before = chart.query_selector("svg.marks").inner_html()
            if control.evaluate("el => el.tagName") == "SELECT":
                control.evaluate(
                    """el => { el.selectedIndex = (el.selectedIndex + 1) % el.options.length;
                               el.dispatchEvent(new Event('change', {bubbles: true})); }"""
                )
            else:
                low, high = float(control.get_attribute("min")), float(control.get_attribute("max"))
                current = float(control.input_value())
                target = high if current < (low + high) / 2 else low
                # Playwright cannot fill() a range input; set it and fire the event a drag would fire.
                control.evaluate(
                    "(el, v) => { el.value = v; el.dispatchEvent(new Event('input', {bubbles: true})); }",
                    str(target),
                )
            # Wait for Vega to finish the dataflow and redraw, not for a fixed time.
            chart.evaluate("async el => { await el.seckillView.runAsync(); }")
            if chart.query_selector("svg.marks").inner_html() == before:
                name = control.evaluate("el => el.name || el.closest('label')?.innerText || '?'")
                stuck.append(f"chart {number}, control {name!r}")
    return stuck


def test_chapter_1_has_a_growth_slider(edition, browser):
    _site, site_url, _language = edition
    context, page, _problems = open_page(browser, site_url, CHAPTER_1)
    try:
        draw_every_chart(page)
        sliders = page.query_selector_all("div.seckill-chart .vega-bindings input[type=range]")
    finally:
        context.close()
    assert sliders, "Chapter 1 should let the reader set a growth rate with a slider"


# The controls are the same Vega parameters in both languages (only their labels differ, which the
# first test covers), so this minute-long check runs on the English edition only.
@pytest.mark.parametrize("edition", ["en"], indirect=True)
def test_every_bound_control_redraws_its_chart(edition, browser):
    """Under the page's Content-Security-Policy (Vega's expression interpreter), as readers see it."""
    built_site, site_url, _language = edition
    failures = []
    for page_path in pages(built_site):
        context, page, problems = open_page(browser, site_url, page_path)
        try:
            draw_every_chart(page)
            failures += [f"{page_path}: {item}" for item in _move_every_control(page)]
            failures += [f"{page_path}: error after moving a control: {e}" for e in problems["exceptions"]]
            failures += [
                f"{page_path}: after moving a control: {e}" for e in problems["console"] + problems["csp"]
            ]
        finally:
            context.close()
    assert not failures, "\n".join(failures)


# Text a chart draws (labels, legends, read-outs) that runs past its own drawing's left or right
# edge: the SVG clips it, so a reader on a phone sees a cut-off word, and the page does not scroll.
CLIPPED_CHART_TEXT_JS = """() => [...document.querySelectorAll('div.seckill-chart')].flatMap((chart, i) => {
    const svg = chart.querySelector('svg.marks');
    if (!svg) return [];
    const box = svg.getBoundingClientRect();
    return [...svg.querySelectorAll('text')].filter(text => text.textContent.trim()).flatMap(text => {
        const r = text.getBoundingClientRect();
        const over = Math.max(box.left - r.left, r.right - box.right);
        const words = text.textContent.slice(0, 50);
        return over > 1 ? [`chart ${i + 1}: "${words}" cut by ${Math.round(over)} px`] : [];
    });
})"""


def test_no_page_scrolls_sideways_on_a_phone(edition, browser):
    """At a 390 px wide viewport the page itself never scrolls sideways (tables may, inside),
    also with every chart's table of numbers open, and no chart's text is cut off at its edge."""
    built_site, site_url, _language = edition
    too_wide, clipped = [], []
    for page_path in pages(built_site):
        context, page, _problems = open_page(browser, site_url, page_path, width=PHONE_WIDTH_PX)
        try:
            draw_every_chart(page)
            clipped += [f"{page_path}: {item}" for item in page.evaluate(CLIPPED_CHART_TEXT_JS)]
            _open_chart_tables(page)
            width = page.evaluate("document.documentElement.scrollWidth")
        finally:
            context.close()
        if width > PHONE_WIDTH_PX:
            too_wide.append(f"{page_path}: {width} px")
    assert not too_wide, "\n".join(too_wide)
    assert not clipped, "\n".join(clipped)
