"""Fixes for the stock Jupyter Book 1 theme (Sphinx 7.4, docutils 0.21): console errors and axe issues.

Registered by :mod:`seckill.sphinxext`. Template-level fixes live in ``book/_templates/``.
"""

import sphinx


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


def setup(app):
    app.connect("builder-inited", _normalize_inline_js, priority=100)
    app.connect("html-page-context", _fix_citation_role)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
