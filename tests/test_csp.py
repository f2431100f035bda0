"""The pages' Content-Security-Policy (sitebuild/csp.py): shipped on every page, nothing on a page
needs more than it allows, and everything still works under it in Chromium.

The static tests read the built HTML: every page carries the policy as the first thing in its
<head> that loads anything; no page has an inline script (JSON data blocks aside), an inline event
handler or a javascript: link; every link that opens a new tab carries rel="noopener". The browser
tests show that the policy is in force (so the other browser tests' "no violation" means
something), and that what moved out of inline scripts still runs. Every page drawing every chart,
and every control redrawing its chart, with no violation, is in tests/test_site_browser.py.
"""

from __future__ import annotations

import json
import os
import stat
from html.parser import HTMLParser
from pathlib import Path
from types import SimpleNamespace

import pytest
from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ExtensionError

from sitebuild import csp
from sitebuild.pictures import live_specs
from tests.site_check import add_script, draw_every_chart, open_page, pages, wait_for_page_scripts

CHAPTER_1 = "book/01-buy-it.html"
NOTEBOOK_1 = "notebooks/01-buy-it.html"
# Script types a browser never runs: data for the page script (each chart's Vega-Lite spec).
DATA_SCRIPT_TYPES = {"application/json"}
# Elements before which the policy must stand: a meta policy covers only what comes after it.
LOADING_TAGS = {"script", "link", "style", "img", "iframe", "object", "embed", "base"}


class _Page(HTMLParser):
    """Every start tag of a page, in order, with its attributes and whether it is in <head>."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str], bool]] = []
        self.inline_scripts: list[tuple[dict[str, str], str]] = []
        self._in_head = False
        self._script: dict[str, str] | None = None
        self._body: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = {name: value or "" for name, value in attrs}
        if tag == "head":
            self._in_head = True
        self.tags.append((tag, attributes, self._in_head))
        if tag == "script" and "src" not in attributes:
            self._script, self._body = attributes, []

    def handle_endtag(self, tag):
        if tag == "head":
            self._in_head = False
        if tag == "script" and self._script is not None:
            self.inline_scripts.append((self._script, "".join(self._body)))
            self._script = None

    def handle_data(self, data):
        if self._script is not None:
            self._body.append(data)


def _parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def _directives(policy: str) -> dict[str, list[str]]:
    parts = [part.split() for part in policy.split(";") if part.strip()]
    return {part[0]: part[1:] for part in parts}


# --- the pages as built ---------------------------------------------------------------------------


@pytest.mark.build
def test_every_page_carries_a_strict_policy_before_anything_it_loads(edition_site):
    failures = []
    for name in pages(edition_site):
        tags = _parse(edition_site / name).tags
        metas = [
            (index, attributes)
            for index, (tag, attributes, _) in enumerate(tags)
            if tag == "meta" and attributes.get("http-equiv", "").lower() == "content-security-policy"
        ]
        if len(metas) != 1:
            failures.append(f"{name}: {len(metas)} Content-Security-Policy meta tags")
            continue
        index, attributes = metas[0]
        if not tags[index][2]:
            failures.append(f"{name}: the policy is not in <head>")
        loaded_before = [tag for tag, _, _ in tags[:index] if tag in LOADING_TAGS]
        if loaded_before:
            failures.append(f"{name}: {loaded_before} come before the policy, which does not cover them")
        directives = _directives(attributes["content"])
        if directives.get("script-src") != ["'self'"]:
            failures.append(f"{name}: script-src is {directives.get('script-src')}, not 'self' alone")
        if directives.get("default-src") != ["'self'"]:
            failures.append(f"{name}: default-src is {directives.get('default-src')}, not 'self' alone")
        if "'unsafe-eval'" in attributes["content"]:
            failures.append(f"{name}: the policy allows eval")
        if directives.get("object-src") != ["'none'"] or "base-uri" not in directives:
            failures.append(f"{name}: plugins or a <base> elsewhere are allowed: {directives}")
    assert not failures, "\n".join(failures)


@pytest.mark.build
def test_no_page_has_an_inline_script_handler_or_javascript_link(edition_site):
    failures = []
    for name in pages(edition_site):
        page = _parse(edition_site / name)
        for attributes, body in page.inline_scripts:
            if attributes.get("type", "").lower() not in DATA_SCRIPT_TYPES:
                failures.append(f"{name}: inline script {attributes} {body.strip()[:60]!r}")
        for tag, attributes, _ in page.tags:
            handlers = [attribute for attribute in attributes if attribute.startswith("on")]
            if handlers:
                failures.append(f"{name}: <{tag}> has inline handlers {handlers}")
            for attribute in ("href", "src", "action", "formaction"):
                if attributes.get(attribute, "").strip().lower().startswith("javascript:"):
                    failures.append(f"{name}: <{tag} {attribute}={attributes[attribute]!r}>")
    assert not failures, "\n".join(failures)


@pytest.mark.build
def test_links_that_open_a_new_tab_carry_noopener(edition_site):
    failures, new_tab_links = [], 0
    for name in pages(edition_site):
        for tag, attributes, _ in _parse(edition_site / name).tags:
            if tag in {"a", "area", "form"} and attributes.get("target", "_self") not in {
                "_self",
                "_top",
                "_parent",
            }:
                new_tab_links += 1
                if "noopener" not in attributes.get("rel", "").split():
                    failures.append(
                        f"{name}: <{tag} href={attributes.get('href', '')!r}> without rel=noopener"
                    )
    assert not failures, "\n".join(failures)
    # The launch buttons (Binder, Colab) and the repository button open new tabs.
    assert new_tab_links >= len(pages(edition_site)), "expected the theme's new-tab buttons on every page"


@pytest.mark.build
def test_the_settings_file_each_page_runs_is_there_and_readable_by_a_web_server(edition_site):
    for name in pages(edition_site):
        sources = [
            attributes["src"]
            for tag, attributes, _ in _parse(edition_site / name).tags
            if tag == "script" and "page-settings." in attributes.get("src", "")
        ]
        assert len(sources) == 1, f"{name}: {sources}"
        path = (edition_site / name).parent / sources[0].split("?")[0]
        assert path.is_file(), f"{name}: {path} missing"
        assert os.stat(path).st_mode & stat.S_IROTH, f"{path} is not readable by others"


# --- in Chromium ----------------------------------------------------------------------------------

# A script of the site's own origin (allowed) that tries what the policy forbids.
_PROBE_JS = """
window.cspProbe = {};
try { window.cspProbe.eval = String(eval('1 + 1')); } catch (error) { window.cspProbe.eval = error.name; }
try { window.cspProbe.function = String(new Function('return 2')()); }
catch (error) { window.cspProbe.function = error.name; }
const inline = document.createElement('script');
inline.textContent = 'window.cspProbe.inline = "ran"';
document.head.appendChild(inline);
"""


@pytest.mark.build
@pytest.mark.browser
def test_the_policy_is_in_force_in_chromium(built_site, site_url, browser):
    """Without this, "no violation" on every page could mean the policy was never applied."""
    context, page, problems = open_page(browser, site_url, CHAPTER_1)
    try:
        add_script(page, "csp-probe.js", _PROBE_JS)
        probe = page.evaluate("() => window.cspProbe")
    finally:
        context.close()
    assert probe == {"eval": "EvalError", "function": "EvalError"}, probe
    refused = " ".join(problems["csp"])
    assert "script-src-elem refused inline" in refused and "script-src refused eval" in refused, refused


@pytest.mark.build
@pytest.mark.browser
def test_what_moved_out_of_inline_scripts_still_runs(built_site, site_url, browser):
    # The reader's saved colour mode, the theme's page name, and the toggle buttons' settings.
    context, page, problems = open_page(browser, site_url, CHAPTER_1)
    try:
        page.evaluate(
            "() => { localStorage.setItem('mode', 'dark'); localStorage.setItem('theme', 'dark'); }"
        )
        page.reload(wait_until="load")
        wait_for_page_scripts(page)
        state = page.evaluate(
            """() => ({mode: document.documentElement.dataset.mode,
                       theme: document.documentElement.dataset.theme,
                       pagename: DOCUMENTATION_OPTIONS.pagename,
                       toggles: document.querySelectorAll('button.toggle-button').length})"""
        )
    finally:
        context.close()
    assert state["mode"] == "dark" and state["theme"] == "dark", state
    assert state["pagename"] == "book/01-buy-it", state
    assert state["toggles"] >= 1, "the exercise solutions lost their toggle buttons"
    assert not problems["console"] and not problems["csp"], problems["console"] + problems["csp"]


@pytest.mark.build
@pytest.mark.browser
def test_header_buttons_print_and_go_full_screen(built_site, site_url, browser):
    context, page, problems = open_page(browser, site_url, NOTEBOOK_1)
    try:
        # Count the calls instead of opening a print dialog or going full screen.
        page.evaluate(
            """() => { window.calls = [];
                       window.print = () => window.calls.push('print');
                       window.toggleFullScreen = () => window.calls.push('fullscreen'); }"""
        )
        actions = page.evaluate(
            "() => [...document.querySelectorAll('[data-seckill-action]')].map(b => b.dataset.seckillAction)"
        )
        page.evaluate("() => document.querySelectorAll('[data-seckill-action]').forEach(b => b.click())")
        calls = page.evaluate("() => window.calls")
    finally:
        context.close()
    assert sorted(actions) == ["fullscreen", "print"], actions
    assert sorted(calls) == ["fullscreen", "print"], calls
    assert not problems["csp"], problems["csp"]


@pytest.mark.build
@pytest.mark.browser
def test_the_search_page_puts_the_cursor_in_its_field(built_site, site_url, browser):
    context, page, problems = open_page(browser, site_url, "search.html")
    try:
        focused = page.evaluate("() => document.activeElement.closest('.bd-search-container') !== null")
    finally:
        context.close()
    assert focused
    assert not problems["csp"], problems["csp"]


# Altair writes an explicit temporal domain in milliseconds, which Vega-Lite turns into
# datetime(<milliseconds>); Chapter 5's timeline has one.
_TIMESTAMP_DOMAIN_SPEC = {
    "$schema": "https://vega.github.io/schema/vega-lite/v6.json",
    "data": {"values": [{"date": "2018-06-01", "value": 1}, {"date": "2021-06-01", "value": 2}]},
    "mark": "point",
    "encoding": {
        "x": {"field": "date", "type": "temporal", "scale": {"domain": [1451606400000, 1703980800000]}},
        "y": {"field": "value", "type": "quantitative"},
    },
}


@pytest.mark.build
@pytest.mark.browser
def test_a_temporal_domain_in_milliseconds_spans_those_dates_under_the_policy(built_site, site_url, browser):
    """Vega's interpreter (the only way to draw under the policy) must read datetime() as Vega does."""
    context, page, problems = open_page(browser, site_url, CHAPTER_1)
    try:
        draw_every_chart(page)
        domain = page.evaluate(
            """async spec => {
                const chart = document.createElement('div');
                chart.className = 'seckill-chart';
                const data = document.createElement('script');
                data.type = 'application/json';
                data.className = 'seckill-chart-spec';
                data.textContent = spec;
                chart.appendChild(data);
                document.querySelector('main').appendChild(chart);
                await window.seckillCharts.drawAll();
                return chart.seckillView.scale('x').domain().map(date => date.getTime());
            }""",
            # As the build publishes a chart: compiled to Vega (sitebuild/pictures.py).
            json.dumps(live_specs(_TIMESTAMP_DOMAIN_SPEC, 300)),
        )
    finally:
        context.close()
    assert domain == _TIMESTAMP_DOMAIN_SPEC["encoding"]["x"]["scale"]["domain"]
    assert not problems["csp"], problems["csp"]


# --- the build steps, without a build -------------------------------------------------------------


def _context(scripts, pagename="book/01-buy-it"):
    return {"script_files": scripts, "default_mode": "auto", "pagename": pagename}


def test_inline_scripts_and_sphinx_settings_become_one_shared_file(tmp_path):
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), outdir=str(tmp_path))
    (tmp_path / "_static").mkdir()
    (tmp_path / "_static" / "documentation_options.js").write_text(
        "const DOCUMENTATION_OPTIONS = {\n    LANGUAGE: 'en',\n};\n", encoding="utf-8"
    )

    def scripts(pagename):
        return [
            _JavaScript("_static/documentation_options.js", priority=200),
            _JavaScript("_static/doctools.js", priority=200, defer="defer"),
            _JavaScript("", priority=500, body="let toggleHintShow = 'Click to show';"),
            _JavaScript("_static/togglebutton.js", priority=500, defer="defer"),
            _JavaScript("", priority=500, body=f"DOCUMENTATION_OPTIONS.pagename = '{pagename}';"),
        ]

    contexts = [_context(scripts(name), name) for name in ("book/01-buy-it", "book/02-flash-sale")]
    for context in contexts:
        csp._move_inline_scripts(app, context["pagename"], "page.html", context, None)
    first, second = (context["script_files"] for context in contexts)
    # Where Sphinx's settings stood, with its priority: before every deferred script.
    settings = first[0]
    assert settings.filename.startswith("_static/page-settings.") and settings.priority == 200
    assert settings.attributes == {"data-pagename": "book/01-buy-it"}
    assert [script.filename for script in first[1:]] == ["_static/doctools.js", "_static/togglebutton.js"]
    assert not any("body" in script.attributes for script in first)
    # Two pages, one file: only the page name differs, and it travels on the tag.
    assert second[0].filename == settings.filename
    assert second[0].attributes == {"data-pagename": "book/02-flash-sale"}
    text = (tmp_path / settings.filename).read_text(encoding="utf-8")
    assert text.index("const DOCUMENTATION_OPTIONS") < text.index('localStorage.getItem("mode") || "auto"')
    assert text.index('localStorage.getItem("mode") || "auto"') < text.index("toggleHintShow")
    assert text.index("toggleHintShow") < text.index("DOCUMENTATION_OPTIONS.pagename")
    assert "document.currentScript.dataset.pagename" in text and "book/01-buy-it" not in text


def test_a_deferred_sphinx_settings_file_stays_where_it_is(tmp_path):
    # Only a blocking documentation_options.js is folded in: one already deferred keeps its own tag.
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), outdir=str(tmp_path))
    deferred = _JavaScript("_static/documentation_options.js", priority=200, defer="defer")
    context = _context([deferred, _JavaScript("", priority=500, body="let toggleHintShow = 'x';")])
    csp._move_inline_scripts(app, context["pagename"], "page.html", context, None)
    assert context["script_files"][0] is deferred
    assert context["script_files"][1].filename.startswith("_static/page-settings.")


def test_a_missing_sphinx_settings_file_stops_the_build(tmp_path):
    app = SimpleNamespace(builder=SimpleNamespace(format="html"), outdir=str(tmp_path))
    context = _context([_JavaScript("_static/documentation_options.js", priority=200)])
    with pytest.raises(ExtensionError, match="documentation_options.js"):
        csp._move_inline_scripts(app, context["pagename"], "page.html", context, None)


def test_a_header_button_with_an_unknown_script_stops_the_build():
    known = {"type": "group", "buttons": [{"type": "javascript", "javascript": "window.print()"}]}
    context = {"header_buttons": [known]}
    csp._name_button_actions(None, "page", "page.html", context, None)
    assert context["header_buttons"][0]["buttons"][0] == {"type": "javascript", "action": "print"}
    unknown = {"header_buttons": [{"type": "javascript", "javascript": "alert(1)", "label": "x"}]}
    with pytest.raises(ExtensionError, match="alert"):
        csp._name_button_actions(None, "page", "page.html", unknown, None)


def test_turning_thebe_on_stops_the_build_with_the_reason():
    app = SimpleNamespace(config=SimpleNamespace(html_theme_options={"launch_buttons": {"thebe": True}}))
    with pytest.raises(ExtensionError, match="unpkg.com"):
        csp._refuse_thebe(app)
    app.config.html_theme_options["launch_buttons"]["thebe"] = False
    csp._refuse_thebe(app)
