"""Fixes for the stock Jupyter Book 1 theme (Sphinx 7.4, docutils 0.21): console errors and axe issues.

Registered by :mod:`sitebuild.sphinxext`. Template-level fixes live in ``book/_templates/``.
"""

import os

import sphinx
from docutils import nodes
from sphinx.builders.html._assets import _JavaScript

# Inline scripts in the theme's <head> read DOCUMENTATION_OPTIONS as soon as they run, so the file
# that defines it must stay a blocking script (it is 400 bytes).
KEEP_BLOCKING = {"_static/documentation_options.js"}


def _normalize_inline_js(app):
    """Backport of sphinx-doc/sphinx#13402 (fixed in Sphinx 8.2).

    ``app.add_js_file(None, body=...)`` called after the builder is initialised
    (sphinx-thebe does it in env-before-read-docs, sphinx-togglebutton in
    builder-inited) reaches the builder as filename ``None``; the builder later
    re-adds the registry copy as ``''``, the two don't compare equal, so the inline
    script is emitted twice -> "Identifier 'THEBE_JS_URL' has already been declared".
    """
    builder = app.builder
    add = getattr(builder, "add_js_file", None)
    if add is None or sphinx.version_info >= (8, 2):
        return

    def add_js_file(filename, **kwargs):
        return add(filename or "", **kwargs)

    builder.add_js_file = add_js_file


def _fix_citation_role(app, pagename, templatename, context, doctree):
    """docutils 0.21 writes citations as <div role="list"><div role="doc-biblioentry">.

    doc-biblioentry is deprecated in ARIA 1.2, so axe reports the list as having no
    listitem children (aria-required-children, critical). Use role="listitem".
    """
    body = context.get("body")
    if body and 'role="doc-biblioentry"' in body:
        context["body"] = body.replace('role="doc-biblioentry"', 'role="listitem"')


def _drop_empty_table_heads(app, doctree, docname):
    """Give a table whose header row holds no text no header row at all.

    A Markdown table must have a header row, so a table of labelled rows (each notebook's overview:
    time to learn, prerequisites, what you will use) is written with an empty one. Header cells
    with no text name nothing to a screen reader (axe: empty-table-header).
    """
    for thead in list(doctree.findall(nodes.thead)):
        if not thead.astext().strip():
            thead.parent.remove(thead)


def _defer_head_scripts(app, pagename, templatename, context, doctree):
    """Load the theme's and extensions' script files with ``defer`` instead of blocking the page.

    Sphinx puts them in <head> as plain ``<script src>``, so the browser stops drawing the page
    until each has arrived and run: on a slow phone connection that held the first paint back by
    about two seconds (Lighthouse, simulated mobile). None of them has to run before the page is
    drawn: they set up copy buttons, toggles, tabs and search-word highlighting once the document
    is parsed. Deferred scripts still run in their original order, after the inline scripts that
    define their settings (``toggleHintShow`` and similar), so nothing sees a missing name.
    """
    scripts = context.get("script_files")
    # The search page runs Sphinx's searchtools.js as a plain script in its body, and that calls
    # doctools.js at once; there the theme's order has to stay as it is.
    if not scripts or pagename == "search":
        return
    deferred = []
    for script in scripts:
        attributes = dict(getattr(script, "attributes", {}))
        filename = getattr(script, "filename", "")
        loads_a_file = bool(filename) and "src" not in attributes and "body" not in attributes
        if loads_a_file and filename not in KEEP_BLOCKING and not {"async", "defer"} & attributes.keys():
            attributes["defer"] = "defer"
            script = _JavaScript(filename, priority=script.priority, **attributes)
        deferred.append(script)
    context["script_files"] = deferred


# Scripts that extensions put on every page, and what a page must hold for each to do anything:
# sphinx-copybutton (with the clipboard library it calls) adds a button to each code block, and
# sphinx-design's tab script drives tab sets, which no page of the book has.
PAGE_SCRIPTS_NEEDING = {
    "clipboard.min.js": 'class="highlight',
    "copybutton.js": 'class="highlight',
    "design-tabs.js": "sd-tab-set",
}


def _drop_scripts_the_page_does_not_use(app, pagename, templatename, context, doctree):
    """Leave out the scripts that would find nothing to work on in this page's body.

    Each is a request and a few dozen milliseconds of a phone's time while the page first loads;
    a chapter's narrative page shows no code and no tabs. The search page is left as it is: its
    body is filled in the browser.
    """
    scripts = context.get("script_files")
    body = context.get("body", "")
    if not scripts or pagename == "search":
        return
    context["script_files"] = [
        script
        for script in scripts
        if PAGE_SCRIPTS_NEEDING.get(os.path.basename(getattr(script, "filename", "") or ""), "") in body
    ]


def setup(app):
    # The pages' Content-Security-Policy, and the changes the theme needs to run under it.
    app.setup_extension("sitebuild.csp")
    app.connect("builder-inited", _normalize_inline_js, priority=100)
    app.connect("html-page-context", _fix_citation_role)
    app.connect("doctree-resolved", _drop_empty_table_heads)
    # After every other handler has added its page scripts.
    app.connect("html-page-context", _defer_head_scripts, priority=900)
    app.connect("html-page-context", _drop_scripts_the_page_does_not_use, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
