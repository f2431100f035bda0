"""The built book: warnings are errors, every page is self-contained, the data ships with it."""

import base64
import re
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from seckill import data
from sitebuild import stylesheets
from sitebuild.stylesheets import AFTER_PAINT_TEMPLATE
from tests import site_check

ICON_FONT = "_static/vendor/fontawesome/webfonts/fa-solid-900.woff2"

pytestmark = pytest.mark.build

OTHER_HOST = re.compile(r"""(?:src|href)=["'](?:https?:)?//(?!127\.0\.0\.1)""")
# Links a reader clicks (launch buttons, citations, sources) may point elsewhere; what the page
# itself loads (scripts, styles, images, fonts) must not.
LOADED_TAGS = re.compile(r"<(script|link|img|iframe|source)\b[^>]*>", re.IGNORECASE)


def _pages(site: Path) -> list[Path]:
    """Every page a reader opens (the browser tests' list: tests/site_check.py)."""
    return [site / page for page in site_check.pages(site)]


def test_book_builds_with_warnings_as_errors(built_site):
    assert (built_site / "book" / "01-buy-it.html").is_file()
    assert (built_site / "notebooks" / "01-buy-it.html").is_file()


def test_no_page_loads_anything_from_another_host(edition_site):
    offenders = []
    for page in _pages(edition_site):
        for tag in LOADED_TAGS.finditer(page.read_text(encoding="utf-8")):
            text = tag.group(0)
            is_link_tag = text.lower().startswith("<link")
            loads = not is_link_tag or re.search(
                r'rel="(stylesheet|preload|modulepreload|icon|prefetch)"', text
            )
            if loads and OTHER_HOST.search(text):
                offenders.append(f"{page.relative_to(edition_site)}: {text[:120]}")
    assert not offenders, "\n".join(offenders)


def test_no_table_has_a_header_row_without_text(edition_site):
    """An empty header row names nothing to a screen reader; the build leaves such a row out."""
    offenders = []
    for page in _pages(edition_site):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for row in soup.select("thead tr"):
            if not row.get_text(strip=True):
                offenders.append(f"{page.relative_to(edition_site)}: {str(row)[:100]}")
    assert not offenders, "\n".join(offenders)


def test_charts_are_written_for_the_static_renderer(built_site):
    chapter = (built_site / "book" / "01-buy-it.html").read_text(encoding="utf-8")
    assert chapter.count('class="seckill-chart"') >= 5
    assert "vendor/vega-site.min.js" in chapter
    assert "jsdelivr" not in chapter and "vega-embed@" not in chapter


def test_notebook_page_has_launch_and_download_buttons(built_site):
    page = (built_site / "notebooks" / "01-buy-it.html").read_text(encoding="utf-8")
    assert "mybinder.org/v2/gh/" in page
    assert "colab.research.google.com/github/" in page
    assert "_sources/notebooks/01-buy-it.ipynb" in page


def test_exercise_solutions_are_hidden_by_default(built_site):
    page = (built_site / "book" / "01-buy-it.html").read_text(encoding="utf-8")
    exercises = page.count('class="exercise admonition"')
    solutions = re.findall(r'class="solution[^"]*"', page)
    assert exercises >= 3
    assert len(solutions) >= exercises
    assert all("dropdown" in s for s in solutions)


def test_data_package_is_published_with_the_site(built_site):
    for resource in data.read_descriptor()["resources"]:
        assert (built_site / "data" / resource["path"]).is_file()
    assert (built_site / "data" / "datapackage.json").is_file()


def test_appendix_lists_every_dataset_and_every_source(built_site):
    page = (built_site / "book" / "data-and-sources.html").read_text(encoding="utf-8")
    for resource in data.read_descriptor()["resources"]:
        if resource["name"] != "sources":
            assert f"../data/{resource['path']}" in page
    for source_id in data.sources().index:
        assert f"<code>{source_id}</code>" in page


def test_every_source_link_in_a_chart_table_lands_on_a_source_in_the_appendix(built_site):
    """A table of a chart's numbers links each source_id to its row in "Data and sources"; every
    link, resolved from the page it is on, names an existing page and an id on that page."""
    link = re.compile(r'<a href="([^"#]*data-and-sources\.html)#([^"]+)"')
    anchors: dict[Path, set[str]] = {}
    checked, broken = 0, []
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        for block in re.findall(r'<details class="seckill-chart-table">.*?</details>', text, re.S):
            for href, anchor in link.findall(block):
                target = (page.parent / href).resolve()
                if target not in anchors:
                    html_text = target.read_text(encoding="utf-8") if target.is_file() else ""
                    anchors[target] = set(re.findall(r'\bid="([^"]+)"', html_text))
                checked += 1
                if anchor not in anchors[target]:
                    broken.append(f"{page.relative_to(built_site)}: {href}#{anchor}")
    assert checked > 0, "no chart table links to a source"
    assert not broken, "\n".join(sorted(set(broken))[:20])


def test_glossary_has_enough_terms_and_each_is_linked_from_a_page(built_site):
    glossary = (built_site / "book" / "glossary.html").read_text(encoding="utf-8")
    anchors = re.findall(r'<dt id="(term-[^"]+)"', glossary)
    assert len(anchors) >= 25
    linking = "".join(
        p.read_text(encoding="utf-8")
        for p in _pages(built_site)
        if p.name not in {"glossary.html", "genindex.html"}
    )
    unlinked = [a for a in anchors if f"glossary.html#{a}" not in linking]
    assert not unlinked, f"glossary terms no page links to: {unlinked}"


def test_the_page_script_names_the_vega_bundle_it_fetches(built_site):
    # seckill.js fetches the bundle itself when a chart nears the screen (tests/test_page_loading_browser.py).
    for page in _pages(built_site):
        html = page.read_text(encoding="utf-8")
        tag = re.search(
            r'<script data-vega-bundle="([^"?]+)\?v=[0-9a-f]+"[^>]*src="([^"?]+)seckill\.js', html
        )
        assert tag, f"{page.relative_to(built_site)}: no page script naming the Vega bundle"
        bundle = (page.parent / tag.group(2) / tag.group(1)).resolve()
        assert bundle.is_file() and bundle.stat().st_size > 100_000, bundle
        assert "vega-site.min.js" not in html.replace(tag.group(0), ""), "the bundle is loaded up front"


HEAD_SCRIPT = re.compile(r"<script\b([^>]*)\bsrc=\"([^\"]+)\"")


def test_head_scripts_do_not_block_the_first_paint(built_site):
    """Only one settings file of a few hundred bytes runs before the page is drawn: Sphinx's settings
    and what the theme wrote inline (sitebuild/csp.py; the reader's colour mode among them); the
    search index only on search."""
    for page in _pages(built_site):
        html = page.read_text(encoding="utf-8")
        head = html[: html.index("</head>")]
        name = page.relative_to(built_site).as_posix()
        if name == "search.html":
            assert "searchindex.js" in html
            continue
        blocking = [
            src for attrs, src in HEAD_SCRIPT.findall(head) if "defer" not in attrs and "async" not in attrs
        ]
        names = [
            re.sub(r"\.[0-9a-f]{12}\.js$", ".js", src.split("?")[0].rsplit("/", 1)[-1]) for src in blocking
        ]
        assert names == ["page-settings.js"], f"{name}: {blocking}"
        assert "searchindex.js" not in html, name


def test_deferred_scripts_wait_after_the_page_content_until_its_first_paint(built_site):
    """In <head> the browser asks for a script with the stylesheet the first paint waits for; in the
    <template> after the content it does not ask for it at all until sitebuild/after-paint.js copies
    it into the page, after the first paint. They run in page order: the book's and the
    extensions' before the theme's own (bootstrap.js, pydata-sphinx-theme.js)."""
    for page in _pages(built_site):
        html = page.read_text(encoding="utf-8")
        name = page.relative_to(built_site).as_posix()
        content_end = html.index(AFTER_PAINT_TEMPLATE)
        assert content_end > html.index("</main>") and html.index("</template>", content_end) > html.rindex(
            "<script"
        ), name
        deferred = [
            (match.start(), match.group(2).split("?")[0].rsplit("/", 1)[-1])
            for match in HEAD_SCRIPT.finditer(html)
            if re.search(r"\b(defer|async)\b", match.group(1))
        ]
        early = [script for place, script in deferred if place < content_end]
        assert not early, f"{name}: deferred scripts before the content: {early}"
        order = [script for _, script in deferred]
        assert order[-2:] == ["bootstrap.js", "pydata-sphinx-theme.js"], f"{name}: {order}"
        assert "seckill.js" in order, f"{name}: {order}"
        # The search page keeps the theme's blocking scripts (sitebuild/theme_fixes.py), in <head>.
        assert name == "search.html" or "togglebutton.js" in order, f"{name}: {order}"


def test_every_book_page_has_a_title_and_a_search_description(built_site):
    # Search engines and link previews show these; Lighthouse's SEO audit asks for both.
    generated = {"search.html", "genindex.html"}
    for page in _pages(built_site):
        name = page.relative_to(built_site).as_posix()
        if name in generated:
            continue
        html = page.read_text(encoding="utf-8")
        description = re.search(r'<meta content="([^"]*)" name="description"', html)
        assert description and 50 <= len(description.group(1)) <= 300, name
        assert re.search(r"<title>[^<]{10,}</title>", html), name


def _bundle_link(stem: str) -> re.Pattern:
    return re.compile(
        rf'<link rel="stylesheet" href="((?:\.\./)*_static/styles/{stem}\.[0-9a-f]{{12}}\.css)" />'
    )


def test_every_page_links_its_first_paint_rules_and_the_whole_bundle_after_it(built_site):
    # sitebuild/stylesheets.py: in <head>, the rules a page can use before its scripts run (instead
    # of the theme's ten stylesheets); the whole bundle first in the after-paint template, before
    # the scripts; no <link rel="preload"> of scripts that the page asks for after its first paint.
    problems = []
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        head = text[: text.index("</head>")]
        template = text[text.index(AFTER_PAINT_TEMPLATE) :]
        name = page.relative_to(built_site)
        for where, stem, part in [("<head>", "first-paint", head), ("template", "after-paint", template)]:
            links = re.findall(r'<link\b[^>]*\brel="stylesheet"[^>]*>', part)
            bundle = _bundle_link(stem).fullmatch(links[0]) if len(links) == 1 else None
            if not bundle:
                problems.append(f"{name}: {where} links {links}")
            elif not (page.parent / bundle.group(1)).is_file():
                problems.append(f"{name}: links {bundle.group(1)}, which is not in the site")
        if template.index("<link") > template.index("<script"):
            problems.append(f"{name}: a script before the whole stylesheet")
        if re.search(r'<link\b[^>]*\brel="preload"[^>]*\bas="script"', head):
            problems.append(f"{name}: preloads a script")
    assert not problems, "\n".join(problems[:10])


def test_the_first_paint_rules_carry_the_cut_down_icon_font_and_no_page_preloads_one(built_site):
    # sitebuild/stylesheets.py writes the small icon font into the bundle as a data: URL, so the
    # header's icons need no request after the stylesheet, from a web server or from file://.
    font = (built_site / ICON_FONT).read_bytes()
    assert len(font) <= stylesheets.MAX_INLINE_FONT_BYTES, "precondition: the cut-down icon font"
    page = built_site / "book" / "01-buy-it.html"
    text = page.read_text(encoding="utf-8")
    css = (page.parent / _bundle_link("first-paint").search(text).group(1)).read_text(encoding="utf-8")
    solid = re.search(r"@font-face\s*\{[^}]*font-weight:\s*900[^}]*\}", css).group(0)
    inlined = re.search(r'url\("data:font/woff2;base64,([^"]+)"\)', solid)
    assert inlined and base64.b64decode(inlined.group(1)) == font
    later = (page.parent / _bundle_link("after-paint").search(text).group(1)).read_text(encoding="utf-8")
    assert "@font-face" not in later
    for page in _pages(built_site):
        assert 'rel="preload"' not in page.read_text(encoding="utf-8").split("</head>")[0], page


def test_pages_load_the_copy_button_script_only_where_there_is_code_and_no_tab_script(built_site):
    # sitebuild/theme_fixes.py leaves out scripts that would find nothing to work on.
    chapter = (built_site / "book" / "01-buy-it.html").read_text(encoding="utf-8")
    notebook = (built_site / "notebooks" / "01-buy-it.html").read_text(encoding="utf-8")
    assert 'class="highlight' not in chapter and 'class="highlight' in notebook
    assert "copybutton.js" not in chapter and "clipboard.min.js" not in chapter
    assert "copybutton.js" in notebook and "clipboard.min.js" in notebook
    # The search page keeps the theme's scripts: its body is filled in the browser.
    for page in _pages(built_site):
        text = page.read_text(encoding="utf-8")
        if page.name != "search.html":
            assert "design-tabs.js" not in text or "sd-tab-set" in text, page
