"""A strict Content-Security-Policy on every page, and what the theme needs to run under it.

The policy (:data:`POLICY`) lets a page run scripts, load styles, images and fonts, and fetch data
from the site itself only, and never compile code from a string (no ``'unsafe-eval'``): an
injected script or a tampered mirror cannot run code or send a reader's data elsewhere. It ships as
a ``<meta http-equiv="Content-Security-Policy">`` tag first in every page's ``<head>``, so it holds
on any static host, which may not let the book set HTTP headers. Vega draws the charts without
``Function()`` through its expression interpreter (``ast: true`` in ``sitebuild/web/seckill.js``).

The stock theme and its extensions do not run under ``script-src 'self'`` as they are; this module
and the templates in ``book/_templates/`` change that, each for a reason given where it is done:

- the settings that extensions write as inline ``<script>`` bodies, and the theme's colour-mode
  script, move into one file in ``_static/``, with Sphinx's ``documentation_options.js`` first
  (:func:`_move_inline_scripts`);
- the header's print and full-screen buttons carry ``data-seckill-action`` instead of an
  ``onclick`` attribute, and the page script listens for their clicks (:func:`_name_button_actions`);
- sphinx-thebe's settings and loader are left out of the pages (:func:`_drop_thebe`);
- in a translated edition, Sphinx's ``_static/translations.js`` hands its plural rule to
  ``Documentation.addTranslations``, which compiles it with ``new Function``; it is rewritten to set
  the same messages and the rule as a plain function (:func:`_translations_without_eval`).
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
from pathlib import Path

from sphinx.builders.html._assets import _JavaScript
from sphinx.errors import ExtensionError

POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        # Vega, the theme and the pages set style attributes, and vega-embed adds a <style> element.
        # Images fall back to default-src: Bootstrap's data: SVG icons (form switches, carousels,
        # accordions) appear on no page; if one ever does, the browser tests see the violation.
        "style-src 'self' 'unsafe-inline'",
        # The icon font comes inside the stylesheet as a data: URL (sitebuild/stylesheets.py); a
        # font draws glyphs, it cannot run code or send anything anywhere.
        "font-src 'self' data:",
        "object-src 'none'",
        "base-uri 'self'",
        "form-action 'self'",
    ]
)
META_TAG = f'<meta http-equiv="Content-Security-Policy" content="{POLICY}" />'

# What the theme's header buttons run, and the name the page script knows each action by
# (sitebuild/web/seckill.js, HEADER_ACTIONS). A button with any other script stops the build.
BUTTON_ACTIONS = {"window.print()": "print", "toggleFullScreen()": "fullscreen"}

# The one per-page value among the inline settings: the theme's page name. It is read from the
# settings file's own tag instead, so every page shares one file (cached after the first page).
PAGENAME_BODY = re.compile(r"^DOCUMENTATION_OPTIONS\.pagename = '([^']*)';$")
PAGENAME_FROM_TAG = "DOCUMENTATION_OPTIONS.pagename = document.currentScript.dataset.pagename;"

# Sphinx's settings (DOCUMENTATION_OPTIONS), which goes first into the page's settings file.
DOCUMENTATION_OPTIONS_JS = "_static/documentation_options.js"
# What runs the page's other scripts once its first paint is on screen (they wait in a <template>,
# book/_templates/layout.html); it goes last into the settings file, the one script a page runs first.
AFTER_PAINT_JS = Path(__file__).with_name("after-paint.js")

THEBE_CONFIG = re.compile(r'\s*<script type="text/x-thebe-config">.*?</script>', re.DOTALL)
THEBE_KERNEL = re.compile(r"\s*<script>kernelName = '[^']*'</script>")


def _is_inline(script) -> bool:
    return not getattr(script, "filename", "") and "body" in getattr(script, "attributes", {})


def _is_blocking(script) -> bool:
    return not {"async", "defer"} & getattr(script, "attributes", {}).keys()


def _theme_mode_body(default_mode: str) -> str:
    """pydata-sphinx-theme 0.17's colour-mode script (layout.html), which book/_templates/layout.html
    takes out of the page: it applies the reader's saved light or dark mode before the page is drawn.

    The theme's script, which runs later, turns the theme "auto" into "light" or "dark" as the
    system prefers; its colours are defined only for those two. Until then a border drawn in a
    theme colour had no width, and the text inside it moved when the colours arrived (a layout
    shift), so the choice is made here, the theme's way, before the first paint.
    """
    mode = json.dumps(default_mode or "")
    return (
        f'document.documentElement.dataset.mode = localStorage.getItem("mode") || {mode};\n'
        f'document.documentElement.dataset.theme = localStorage.getItem("theme") || {mode};\n'
        'if (!["light", "dark"].includes(document.documentElement.dataset.theme)) {\n'
        '  const dark = window.matchMedia("(prefers-color-scheme: dark)").matches;\n'
        '  document.documentElement.dataset.theme = dark ? "dark" : "light";\n'
        "}"
    )


def _write_once(path: Path, content: bytes) -> None:
    """Write ``content`` to ``path`` unless it is there already (parallel writers see whole files)."""
    if path.is_file() and path.read_bytes() == content:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".settings-")
    with os.fdopen(handle, "wb") as file:
        file.write(content)
    os.chmod(temporary, 0o644)  # mkstemp makes it private; a web server must be able to read it
    os.replace(temporary, path)


def _move_inline_scripts(app, pagename, templatename, context, doctree) -> None:
    """Put Sphinx's settings file and the page's inline script bodies into one file in ``_static/``.

    Extensions register settings as inline scripts (``app.add_js_file(None, body=...)``:
    sphinx-togglebutton's hint texts, pydata-sphinx-theme's page name); ``script-src 'self'`` does not
    run them. Sphinx's ``documentation_options.js`` (``DOCUMENTATION_OPTIONS``, which the page name
    extends) goes first in the same file, which stands where it stood: a blocking script, so its
    settings are defined while the page is parsed and before every deferred script, as they were;
    the colour mode is set before the page is first drawn, and the code that runs the page's other
    scripts after its first paint (``sitebuild/after-paint.js``) is ready. One blocking file, as
    each one the first paint waits for is a request of its own, which on a slow phone connection
    shares the bandwidth with the stylesheet (measured with Lighthouse). Named by its content, so an
    edition's pages share it and a changed setting never comes from a stale cache.
    """
    if app.builder.format != "html":
        return
    scripts = list(context.get("script_files") or [])
    bodies = [_theme_mode_body(context.get("default_mode", ""))]
    attributes = {}
    first_inline = None  # (place in the list, priority): Sphinx sorts the list by priority later
    kept = []
    for script in scripts:
        if getattr(script, "filename", "") == DOCUMENTATION_OPTIONS_JS and _is_blocking(script):
            # Sphinx copies its static files before it writes any page, so the file is there.
            options = Path(app.outdir) / DOCUMENTATION_OPTIONS_JS
            if not options.is_file():
                raise ExtensionError(f"{pagename}: {options} is not written yet; it goes into page-settings")
            bodies.insert(0, options.read_text(encoding="utf-8").strip())
            first_inline = (len(kept), script.priority)
            continue
        if not _is_inline(script):
            kept.append(script)
            continue
        if first_inline is None:
            first_inline = (len(kept), script.priority)
        body = script.attributes["body"].strip()
        page_name = PAGENAME_BODY.match(body)
        if page_name:
            attributes["data-pagename"] = page_name.group(1)
            body = PAGENAME_FROM_TAG
        bodies.append(body)
    bodies.append(AFTER_PAINT_JS.read_text(encoding="utf-8").strip())
    content = ("\n".join(bodies) + "\n").encode("utf-8")
    filename = f"_static/page-settings.{hashlib.sha256(content).hexdigest()[:12]}.js"
    _write_once(Path(app.outdir) / filename, content)
    place, priority = first_inline or (len(kept), kept[-1].priority if kept else 500)
    kept.insert(place, _JavaScript(filename, priority=priority, **attributes))
    context["script_files"] = kept


def _named_actions(buttons: list[dict]) -> list[dict]:
    named = []
    for button in buttons:
        button = dict(button)
        if button.get("type") == "group":
            button["buttons"] = _named_actions(button.get("buttons", []))
        elif button.get("type") == "javascript":
            script = button.pop("javascript")
            if script not in BUTTON_ACTIONS:
                raise ExtensionError(
                    f"header button {button.get('label', '?')!r} runs {script!r}, which the page's "
                    "Content-Security-Policy forbids as an inline handler; add it to "
                    "sitebuild.csp.BUTTON_ACTIONS and to HEADER_ACTIONS in sitebuild/web/seckill.js"
                )
            button["action"] = BUTTON_ACTIONS[script]
        named.append(button)
    return named


def _name_button_actions(app, pagename, templatename, context, doctree) -> None:
    """sphinx-book-theme writes its print and full-screen buttons with ``onclick="..."``, which the
    policy does not run. Give each the name of its action instead; ``book/_templates/seckill-buttons.html``
    writes it as ``data-seckill-action`` and ``seckill.js`` runs it on a click."""
    if "header_buttons" in context:
        context["header_buttons"] = _named_actions(context["header_buttons"])


def _refuse_thebe(app) -> None:
    options = app.config.html_theme_options or {}
    if (options.get("launch_buttons") or {}).get("thebe"):
        raise ExtensionError(
            "launch_buttons.thebe is on, but Thebe loads its code from unpkg.com and the pages' "
            "Content-Security-Policy (sitebuild/csp.py) runs scripts from the site only"
        )


def _drop_thebe(app, pagename, templatename, context, doctree) -> None:
    """Jupyter Book always loads sphinx-thebe, which adds its settings as inline scripts, a loader
    (sphinx-thebe.js) and its stylesheet to every page, and a kernel setting to every notebook page.
    The book offers no Thebe button (``launch_buttons.thebe`` is off, and :func:`_refuse_thebe` keeps
    it so), so none of it can run: leave it out."""
    context["script_files"] = [
        script
        for script in context.get("script_files") or []
        if not os.fspath(getattr(script, "filename", "") or "").endswith("sphinx-thebe.js")
        and not (_is_inline(script) and script.attributes["body"].startswith("const THEBE_JS_URL"))
    ]
    context["css_files"] = [
        css
        for css in context.get("css_files") or []
        if not os.fspath(getattr(css, "filename", "") or "").endswith("sphinx-thebe.css")
    ]
    body = context.get("body")
    if body and ("x-thebe-config" in body or "kernelName" in body):
        context["body"] = THEBE_KERNEL.sub("", THEBE_CONFIG.sub("", body))


def _add_policy(app, pagename, templatename, context, doctree) -> None:
    """The meta tag goes first in ``metatags``, which the theme writes straight after ``<meta charset>``:
    a policy in a meta tag covers only what comes after it."""
    context["metatags"] = META_TAG + "\n" + context.get("metatags", "")


TRANSLATIONS_JS = Path("_static") / "translations.js"
# Plural rules written as JavaScript functions, by the rule Sphinx's catalogue gives; a language
# whose rule is not here stops the build rather than break its search page's messages.
PLURAL_FUNCTIONS = {"0": "function (n) { return 0; }", "(n != 1)": "function (n) { return n != 1 ? 1 : 0; }"}


def translations_without_eval(script: str) -> str:
    """Sphinx's ``translations.js`` (``Documentation.addTranslations({...})``), as a script that sets
    the same messages, locale and plural rule without compiling code from a string."""
    match = re.fullmatch(r"\s*Documentation\.addTranslations\((?P<catalog>\{.*\})\);?\s*", script, re.S)
    if match is None:
        raise ValueError("translations.js is not one Documentation.addTranslations({...}) call")
    catalog = json.loads(match["catalog"])
    rule = catalog.get("plural_expr", "0").strip()
    if rule not in PLURAL_FUNCTIONS:
        raise ValueError(f"no JavaScript function for the plural rule {rule!r}; add it to PLURAL_FUNCTIONS")
    return (
        "// Sphinx's translations, set without new Function() (sitebuild/csp.py).\n"
        f"Object.assign(Documentation.TRANSLATIONS, {json.dumps(catalog['messages'], ensure_ascii=False)});\n"
        f"Documentation.PLURAL_EXPR = {PLURAL_FUNCTIONS[rule]};\n"
        f"Documentation.LOCALE = {json.dumps(catalog['locale'])};\n"
    )


def _translations_without_eval(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    path = Path(app.outdir) / TRANSLATIONS_JS
    if path.exists() and "addTranslations" in (text := path.read_text(encoding="utf-8")):
        path.write_text(translations_without_eval(text), encoding="utf-8")


def setup(app):
    app.connect("builder-inited", _refuse_thebe)
    app.connect("build-finished", _translations_without_eval)
    app.connect("html-page-context", _add_policy)
    app.connect("html-page-context", _name_button_actions, priority=900)
    # After every other handler has added its scripts (sitebuild.theme_fixes defers at 900).
    app.connect("html-page-context", _drop_thebe, priority=940)
    app.connect("html-page-context", _move_inline_scripts, priority=950)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
