"""Translated text belongs to its page: each node a translation brings in is moved to the page's document.

Sphinx translates a page (its ``Locale`` transform, priority 20) by parsing each translated message
as a small document of its own (``publish_msgstr``) and putting that document's nodes into the
page. Some of those nodes keep a link to the small document they were parsed in (docutils'
``node.document``), and the small document's settings hold the whole build environment. Sphinx
removes the environment from the page's own document before it saves the page (its doctree pickle),
but never from these small documents, so every saved page of the Chinese edition carried a copy of
the environment as it stood when the page was read: the saved pages grew with every page read
before them (79 MB for the book against 10 MB for the English edition), and loading them again to
write the pages took about a fifth of the Chinese build.

:class:`AdoptTranslatedNodes` runs right after ``Locale`` and points each such node at the page's
document, where the same settings and reporter are found. What a page shows does not change.
"""

from __future__ import annotations

from sphinx.transforms import SphinxTransform

# Sphinx's Locale transform runs at 20; this must follow it, before anything saves the page.
PRIORITY = 21


def adopt(document) -> int:
    """Point every node of ``document`` linked to another document at ``document``; how many were."""
    moved = 0
    for node in document.findall():
        # ``_document`` is where docutils keeps a node's own link (``node.document`` falls back to
        # the parent's); only a link to a document other than the page is changed.
        linked = node.__dict__.get("_document")
        if linked is not None and linked is not document:
            node._document = document
            moved += 1
    return moved


class AdoptTranslatedNodes(SphinxTransform):
    default_priority = PRIORITY

    def apply(self, **kwargs) -> None:
        adopt(self.document)


def setup(app):
    app.add_transform(AdoptTranslatedNodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
