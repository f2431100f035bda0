"""Glued numbers in translated text: ``{glue:text}`gmv_2019_rmb_yi:,.0f`亿元`` works in a translation.

Sphinx translates a page (its ``Locale`` transform, once the page is parsed) by parsing each
translated message as a small document of its own. MyST-NB looks a glued value up in the notebook
of the document being parsed, which it keeps on the document only while the page itself is parsed;
the small document has none, so every glued number in a translation failed ("No key ... found in
glue data for this document"), though the same number works in the English message.

So, while a page is read, the glue lookups remember the page's notebook (every glued number of a
translation is one the English message glues too, so the page's own parse looks it up first), and
a lookup in a translated message of the same page (a document with no notebook of its own, whose
source MyST-NB marks ``<translated>``) is answered from it: the same values the English text shows.
MyST-NB offers no setting for this, so its two glue lookups (roles and directives) are wrapped; the
wrapper changes nothing for a document that has its own notebook.
"""

from __future__ import annotations

RENDERER_KEY = "nb_renderer"  # where MyST-NB keeps, during a page's parse, the page's notebook
TRANSLATED = "<translated>"  # how Sphinx names the source of a translated message
# The page last parsed in this process, and its notebook (pages are read one at a time per process).
_last_page: dict[str, object] = {}


def _docname(document) -> str | None:
    env = getattr(document.settings, "env", None)
    return getattr(env, "docname", None)


def _with_page_notebook(retrieve):
    def retrieve_glue_data(document, key):
        docname = _docname(document)
        if RENDERER_KEY in document:
            _last_page.clear()
            _last_page[docname] = document[RENDERER_KEY]
        elif str(document.get("source", "")).endswith(TRANSLATED) and docname in _last_page:
            # Lent for this one lookup only: the translated nodes keep a link to their small
            # document, which must stay picklable with the page.
            document[RENDERER_KEY] = _last_page[docname]
            try:
                return retrieve(document, key)
            finally:
                del document[RENDERER_KEY]
        return retrieve(document, key)

    retrieve_glue_data.seckill_wrapped = True
    return retrieve_glue_data


def _wrap_glue_lookups() -> None:
    from myst_nb.ext.glue import directives, roles

    for module in (roles, directives):
        if not getattr(module.retrieve_glue_data, "seckill_wrapped", False):
            module.retrieve_glue_data = _with_page_notebook(module.retrieve_glue_data)


def setup(app):
    _wrap_glue_lookups()
    return {"parallel_read_safe": True, "parallel_write_safe": True}
