"""How pages load: text and chart pictures first, Vega downloaded once the page is idle and run when a
reader reaches for a chart, a small icon font.

These are the behaviours behind the book's speed targets (the numbers themselves are measured
by ``python -m scripts.benchmark``, not asserted here).
"""

from __future__ import annotations

import re

import pytest
from fontTools.ttLib import TTFont

from sitebuild import stylesheets
from tests.site_check import PHONE_WIDTH_PX, only_requests_to, open_page, wait_for_page_scripts

pytestmark = [pytest.mark.build, pytest.mark.browser]

# A chapter whose first chart sits several phone screens below the top of the page.
LONG_INTRO_PAGE = "book/02-flash-sale.html"
ICON_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"
CHAPTER_1 = "book/01-buy-it.html"


# What the page has downloaded, by how: "link" for a prefetch, "script" for a script it ran.
DOWNLOADS_JS = """pattern => performance.getEntriesByType('resource')
    .filter(entry => new RegExp(pattern).test(entry.name)).map(entry => entry.initiatorType)"""
SPEC_SCRIPT = r"/_static/charts/[0-9a-f]+\.js"
SAVE_DATA_JS = "Object.defineProperty(navigator, 'connection', {value: {saveData: true}})"
CHARTS_WITH_CONTROLS = "div.seckill-chart:has(.seckill-chart-still input, .seckill-chart-still select)"


def test_vega_is_downloaded_once_the_page_is_idle_and_run_only_when_a_reader_reaches_for_a_chart(
    built_site, site_url, browser
):
    context, page, problems = open_page(browser, site_url, LONG_INTRO_PAGE, width=PHONE_WIDTH_PX)
    try:
        page.wait_for_load_state("networkidle")
        first_chart_top_px, screen_px = page.evaluate(
            "[document.querySelector('div.seckill-chart').getBoundingClientRect().top, innerHeight]"
        )
        assert first_chart_top_px > screen_px, "precondition: pick a page with a long intro"
        # Downloaded at the lowest priority once the page is idle.
        page.wait_for_function(f"({DOWNLOADS_JS})('vega-site').length > 0", timeout=15_000)
        assert page.evaluate(DOWNLOADS_JS, "vega-site") == ["link"]
        charts = page.locator("div.seckill-chart")
        for index in range(charts.count()):
            charts.nth(index).scroll_into_view_if_needed()
        with_controls = page.evaluate(f"document.querySelectorAll('{CHARTS_WITH_CONTROLS}').length")
        assert 0 < with_controls < charts.count(), "precondition: charts with and without controls"
        page.wait_for_function(f"({DOWNLOADS_JS})({SPEC_SCRIPT!r}).length >= {with_controls}", timeout=15_000)
        page.wait_for_timeout(500)
        # The spec (a few kB) of each chart with controls, loaded as it came near the screen; the
        # others' wait for a reader to point at them. Vega not run for looking.
        assert page.evaluate(DOWNLOADS_JS, SPEC_SCRIPT) == ["script"] * with_controls
        assert page.evaluate("typeof window.vega") == "undefined"
        assert page.evaluate("document.querySelectorAll('div.seckill-chart[data-seckill-state]').length") == 0

        charts.first.locator("svg.seckill-picture").dispatch_event("pointerdown")
        page.wait_for_function(
            "() => document.querySelector('div.seckill-chart').dataset.seckillState === 'drawn'"
        )
        assert page.evaluate(DOWNLOADS_JS, "vega-site") == ["link", "script"]
        last_state = page.evaluate(
            "[...document.querySelectorAll('div.seckill-chart')].at(-1).dataset.seckillState"
        )
        assert last_state is None, "a chart nobody reached for stays a picture"
    finally:
        context.close()
    assert problems["console"] == [] and problems["exceptions"] == []


@pytest.mark.parametrize(
    ("page_path", "save_data"),
    [
        (LONG_INTRO_PAGE, True),  # a reader whose browser asks to save data
        ("notebooks/02-flash-sale.html", False),  # charts without sliders or menus
    ],
)
def test_no_vega_is_downloaded_ahead_for_a_reader_saving_data_or_for_charts_without_controls(
    built_site, site_url, browser, page_path, save_data
):
    context = browser.new_context(viewport={"width": PHONE_WIDTH_PX, "height": 900})
    try:
        if save_data:
            context.add_init_script(SAVE_DATA_JS)
        page = context.new_page()
        page.goto(f"{site_url}/{page_path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        charts = page.evaluate("document.querySelectorAll('div.seckill-chart-still').length")
        with_controls = page.evaluate(f"document.querySelectorAll('{CHARTS_WITH_CONTROLS}').length")
        page.wait_for_timeout(2000)  # the page script downloads ahead once the page is idle
        downloads = page.evaluate(DOWNLOADS_JS, f"vega-site|{SPEC_SCRIPT}")
    finally:
        context.close()
    assert charts > 0 and (with_controls > 0) == save_data, "precondition: the page's charts"
    assert downloads == []


def test_draw_all_draws_every_chart_without_scrolling(built_site, site_url, browser):
    context, page, _problems = open_page(browser, site_url, "book/07-environment.html")
    try:
        states = page.evaluate(
            """async () => {
                await window.seckillCharts.drawAll();
                return [...document.querySelectorAll('div.seckill-chart')].map(c => c.dataset.seckillState);
            }"""
        )
    finally:
        context.close()
    assert len(states) >= 5 and set(states) == {"drawn"}, states


def test_every_icon_the_pages_draw_is_in_the_cut_down_font(built_site, site_url, browser):
    shipped = set(TTFont(built_site / ICON_FONT).getBestCmap())
    pages = ["book/index.html", "book/01-buy-it.html", "notebooks/01-buy-it.html", "search.html"]
    drawn_with_icon_font: set[int] = set()
    for page_path in pages:
        context, page, _problems = open_page(browser, site_url, page_path)
        try:
            # Every element's ::before and ::after, hidden ones included (the dark-mode icon is
            # hidden in light mode), whose font is Font Awesome's: the code points it draws.
            points = page.evaluate(
                """() => {
                    const points = [];
                    for (const el of document.querySelectorAll('*')) {
                        for (const pseudo of ['::before', '::after']) {
                            const style = getComputedStyle(el, pseudo);
                            if (!style.fontFamily.includes('Font Awesome')) continue;
                            const match = /^"(.*)"$/.exec(style.content);
                            if (!match) continue;
                            for (const ch of match[1]) points.push(ch.codePointAt(0));
                        }
                    }
                    return points;
                }"""
            )
        finally:
            context.close()
        drawn_with_icon_font |= set(points)
    assert len(drawn_with_icon_font) >= 10, "expected the theme's icons on these pages"
    missing = sorted(hex(p) for p in drawn_with_icon_font - shipped)
    assert not missing, f"icons drawn but cut from the font: {missing}"
    assert (built_site / ICON_FONT).stat().st_size < 20_000


def test_the_launch_menus_logos_wait_until_the_menu_opens(built_site, site_url, browser):
    # They sit in a closed menu: fetched with the first view, they took bandwidth from the stylesheet.
    context, page, problems = open_page(browser, site_url, CHAPTER_1, width=PHONE_WIDTH_PX)
    try:
        page.wait_for_load_state("networkidle")
        logos = [url for url in problems["requests"] if "/_static/images/logo_" in url]
        assert logos == [], logos
        page.locator(".dropdown-launch-buttons button.dropdown-toggle").click()
        page.wait_for_function(
            """() => [...document.querySelectorAll('.dropdown-launch-buttons img')]
                .every(img => img.complete && img.naturalWidth > 0)"""
        )
        shown = [url.rsplit("/", 1)[-1] for url in problems["requests"] if "/_static/images/logo_" in url]
    finally:
        context.close()
    assert sorted(shown) == ["logo_binder.svg", "logo_colab.png"], shown


def test_search_from_a_chapter_page_finds_results(built_site, site_url, browser):
    # Chapter pages no longer load the search index; the search page must still work.
    context, page, problems = open_page(browser, site_url, "book/01-buy-it.html")
    try:
        page.keyboard.press("Control+k")
        field = page.locator("#pst-search-dialog input[name=q]")
        field.fill("Singles")
        field.press("Enter")
        page.wait_for_url("**/search.html?q=Singles*")
        page.wait_for_function(
            "() => document.querySelectorAll('#search-results li').length > 0", timeout=15_000
        )
        results = page.locator("#search-results li").count()
    finally:
        context.close()
    assert results >= 3
    assert problems["console"] == [] and problems["exceptions"] == []


def test_printing_keeps_the_pictures_and_runs_no_vega(built_site, site_url, browser):
    context, page, problems = open_page(browser, site_url, LONG_INTRO_PAGE, width=PHONE_WIDTH_PX)
    try:
        page.wait_for_load_state("networkidle")
        pictures = page.evaluate("document.querySelectorAll('div.seckill-chart svg.seckill-picture').length")
        assert pictures >= 2, "precondition: a page with charts"
        page.evaluate("window.dispatchEvent(new Event('beforeprint'))")
        page.wait_for_timeout(300)
        open_tables = page.evaluate("document.querySelectorAll('details.seckill-chart-table[open]').length")
        page.evaluate("window.dispatchEvent(new Event('afterprint'))")
        vega_run = page.evaluate("typeof window.vega")
    finally:
        context.close()
    assert open_tables == 0, "a picture prints as it is; its table stays as the reader left it"
    assert vega_run == "undefined"
    assert problems["exceptions"] == []


SLIDER_ROW = ".seckill-chart-view .vega-bindings:has(input)"


def test_the_one_stylesheet_styles_the_theme_the_dark_mode_and_the_chart_controls(
    built_site, site_url, browser
):
    # sitebuild/stylesheets.py keeps only the rules whose names the site uses; these rules name
    # classes that only a script adds (dark mode from the theme's script, the slider row from the
    # Vega bundle), so a purge that missed the scripts would lose them.
    context, page, _problems = open_page(browser, site_url, "book/01-buy-it.html")
    try:
        light = page.evaluate("getComputedStyle(document.body).backgroundColor")
        layout = page.evaluate("getComputedStyle(document.querySelector('.bd-header-article')).display")
        page.evaluate(
            "() => { localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark'); }"
        )
        page.reload(wait_until="load")
        wait_for_page_scripts(page)
        dark = page.evaluate("getComputedStyle(document.body).backgroundColor")
        page.evaluate("window.seckillCharts.drawAll()")
        page.wait_for_selector(SLIDER_ROW, state="attached")
        controls = page.evaluate(f"getComputedStyle(document.querySelector('{SLIDER_ROW}')).display")
    finally:
        context.close()
    assert light == "rgb(255, 255, 255)" and dark != light, (light, dark)
    assert layout == "flex", "the theme's header rules are missing"
    assert controls == "flex", "the book's rule for Vega's slider row is missing"


def test_code_on_a_notebook_page_still_gets_its_copy_buttons(built_site, site_url, browser):
    context, page, problems = open_page(browser, site_url, "notebooks/01-buy-it.html")
    try:
        page.wait_for_load_state("load")
        code_blocks = page.locator("div.highlight pre").count()
        buttons = page.locator("div.highlight button.copybtn").count()
    finally:
        context.close()
    assert code_blocks >= 3 and buttons == code_blocks
    assert problems["console"] == [] and problems["exceptions"] == []


# Lighthouse's mobile screen, on which the benchmark measures cumulative layout shift.
LIGHTHOUSE_PHONE = {"viewport": {"width": 412, "height": 823}, "device_scale_factor": 1.75, "is_mobile": True}
RECORD_LAYOUT_SHIFTS_JS = """
window.__seckillShifts = [];
new PerformanceObserver(list => {
    for (const entry of list.getEntries()) {
        window.__seckillShifts.push({
            value: entry.value,
            moved: entry.sources.map(source => source.node
                ? `${source.node.nodeName} ${(source.node.textContent || '').trim().slice(0, 40)}`
                : '?'),
        });
    }
}).observe({type: 'layout-shift', buffered: true});
"""


@pytest.mark.parametrize("page_path", ["book/01-buy-it.html", "notebooks/01-buy-it.html"])
def test_nothing_moves_while_a_page_loads_on_a_phone(built_site, site_url, browser, page_path):
    # Two causes found: the header's icons widened when the icon font arrived, and borders in the
    # theme's colours appeared only once the theme's script had chosen light or dark.
    context = browser.new_context(**LIGHTHOUSE_PHONE)
    try:
        only_requests_to(context, site_url)
        context.add_init_script(RECORD_LAYOUT_SHIFTS_JS)
        page = context.new_page()
        page.goto(f"{site_url}/{page_path}", wait_until="load")
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready")
        page.wait_for_timeout(500)  # the theme's script and late layout-shift entries
        shifts = page.evaluate("window.__seckillShifts")
        icons_loaded = page.evaluate("[...document.fonts].some(f => f.status === 'loaded')")
    finally:
        context.close()
    assert icons_loaded, "precondition: the icon font arrived while the page was watched"
    assert shifts == [], shifts


# When each file was asked for, against the page's first contentful paint (ms since navigation).
TIMELINE_JS = """() => ({
    paint: performance.getEntriesByName('first-contentful-paint')[0].startTime,
    files: performance.getEntriesByType('resource').map(e => [e.name, e.startTime, e.initiatorType]),
})"""


@pytest.mark.parametrize("page_path", [CHAPTER_1, "notebooks/02-flash-sale.html"])
def test_the_page_scripts_and_the_whole_stylesheet_are_asked_for_after_the_first_paint(
    built_site, site_url, browser, page_path
):
    context, page, problems = open_page(browser, site_url, page_path, width=PHONE_WIDTH_PX)
    try:
        timeline = page.evaluate(TIMELINE_JS)
        toggles = page.evaluate("document.querySelectorAll('button.toggle-button').length")
        theme_ran = page.evaluate("document.documentElement.dataset.theme")
    finally:
        context.close()
    paint_ms, files = timeline["paint"], timeline["files"]
    scripts = [(name, start) for name, start, _how in files if name.split("?")[0].endswith(".js")]
    after = [name for name, start in scripts if start >= paint_ms]
    before = [name for name, start in scripts if start < paint_ms]
    # The settings file is the one script in <head> (it sets the colour mode before the paint).
    assert [name.split("/")[-1].split(".")[0] for name in before] == ["page-settings"], before
    assert any("bootstrap.js" in name for name in after) and any("seckill.js" in name for name in after)
    sheets = {name.split("/")[-1].split(".")[0]: start for name, start, _how in files if ".css" in name}
    assert sheets["first-paint"] < paint_ms <= sheets["after-paint"], (sheets, paint_ms)
    # The icon font comes inside the first stylesheet: no request of its own.
    assert not [name for name, _start, _how in files if ".woff" in name or ".ttf" in name]
    # And the scripts did run, in order: togglebutton's buttons exist, the theme chose its colours.
    assert toggles > 0 and theme_ran in {"light", "dark"}
    assert not problems["console"] and not problems["csp"] and not problems["exceptions"], problems


# Every element's computed style (and its ::before and ::after content), in document order. Custom
# properties are left out: the whole stylesheet defines more of them, for the rules of what only
# scripts add, and a value nothing reads changes nothing on the page.
COMPUTED_STYLES_JS = """() => {
    // An animation (a solution fading in) is read at its end, not at whatever moment it is at.
    for (const animation of document.getAnimations()) {
        try { animation.finish(); } catch (endless) { animation.cancel(); }
    }
    return [...document.querySelectorAll('html, html *')]
    .filter(el => !el.closest('template, script, style, head'))
    .map(el => {
        const style = getComputedStyle(el);
        const values = [];
        for (let i = 0; i < style.length; i++) {
            if (!style[i].startsWith('--')) values.push(style[i] + ':' + style.getPropertyValue(style[i]));
        }
        for (const pseudo of ['::before', '::after']) {
            const p = getComputedStyle(el, pseudo);
            values.push(pseudo + p.content + p.display + p.fontFamily);
        }
        return [el.tagName + (el.id ? '#' + el.id : '') + '.' + el.className, values.join(';')];
    });
}"""


def _styles_before_and_after_adding(page, url: str) -> tuple[list, list]:
    before = page.evaluate(COMPUTED_STYLES_JS)
    page.add_style_tag(url=url)
    return before, page.evaluate(COMPUTED_STYLES_JS)


def _changed(first: list, second: list) -> list:
    assert len(first) == len(second) > 1000, "precondition: the same elements, a whole page of them"
    changed = [(tag, a, b) for (tag, a), (_, b) in zip(first, second, strict=True) if a != b]
    return [(tag, sorted(set(a.split(";")) ^ set(b.split(";")))[:6]) for tag, a, b in changed[:3]]


def test_before_any_script_the_rules_that_wait_change_no_element(built_site, site_url, browser):
    # sitebuild/stylesheets.py: the first paint waits only for the rules that can match a page
    # before its scripts have run. Here the scripts and the other rules are held back, the styles
    # read, the other rules added, and the styles read again: nothing may change.
    context = browser.new_context(viewport={"width": PHONE_WIDTH_PX, "height": 900})
    try:
        page = context.new_page()
        held_back = []

        def hold_back(route):
            held_back.append(route.request.url)
            route.abort()

        page.route("**/_static/styles/after-paint.*.css", hold_back)
        page.route(
            "**/*.js*",
            lambda route: hold_back(route) if "page-settings" not in route.request.url else route.continue_(),
        )
        page.goto(f"{site_url}/book/04-gig-economy.html", wait_until="load")
        wait_for_page_scripts(page)
        later = page.evaluate(
            "document.querySelector('template#seckill-after-paint').content"
            ".querySelector('link[rel=stylesheet]').href"
        )
        page.unroute("**/_static/styles/after-paint.*.css")
        first, second = _styles_before_and_after_adding(page, later)
    finally:
        context.close()
    assert any("after-paint." in url for url in held_back) and any("bootstrap" in url for url in held_back)
    assert not _changed(first, second)


def test_once_the_scripts_have_run_the_two_stylesheets_style_every_element_as_the_whole_bundle(
    built_site, site_url, browser
):
    # The rules that wait come after every first-paint rule; where that could reverse which of two
    # rules wins, the later one is repeated (stylesheets.split_for_first_paint). Adding the whole
    # bundle, every rule in its first order, after both must then change nothing.
    page_path = "notebooks/02-flash-sale.html"
    text = (built_site / page_path).read_text(encoding="utf-8")
    first_paint = re.search(r'href="([^"]*first-paint\.[0-9a-f]+\.css)"', text).group(1)
    header = (built_site / "notebooks" / first_paint).read_text(encoding="utf-8").split("\n", 1)[0]
    sources = stylesheets.SOURCES_COMMENT.match(header + "\n").group(1).split(" ")
    whole = stylesheets.whole_bundle(built_site, sources)
    context, page, _problems = open_page(browser, site_url, page_path)
    try:
        page.route(
            "**/_static/styles/whole-for-the-test.css",
            lambda route: route.fulfill(body=whole, content_type="text/css"),
        )
        first, second = _styles_before_and_after_adding(
            page, f"{site_url}/_static/styles/whole-for-the-test.css"
        )
    finally:
        context.close()
    assert not _changed(first, second)
