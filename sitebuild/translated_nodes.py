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

Parsing the messages is the other cost: about 4,300 small documents for the book (Sphinx's
``Locale`` parses most messages twice). For each one MyST's renderer also made a spare document
with docutils' default settings (``options.get("document", make_document())`` builds the default
even when a document is given, and building docutils' default settings is a whole option parser),
at about a third of the time ``Locale`` took. :func:`_make_document` gives MyST the same document
from default settings worked out once per parser and copied for each document; MyST offers no
setting for this, so its ``make_document`` is replaced (as the English build makes only about 50,
the Chinese edition is the one it speeds up).
"""

from __future__ import annotations

import functools

from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser as RSTParser
from docutils.utils import DependencyList, new_document
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


@functools.cache
def _default_settings(parser_cls):
    return get_default_settings(parser_cls)


def _make_document(source_path="notset", parser_cls=RSTParser):
    """What ``myst_parser.mdit_to_docutils.base.make_document`` returns: a new document with the
    parser's default settings (a copy of its own, as each document of MyST's had its own)."""
    settings = _default_settings(parser_cls).copy()
    # The one default value that is an object to fill in: each document lists its own files.
    settings.record_dependencies = DependencyList()
    return new_document(source_path, settings=settings)


def _reuse_default_settings() -> None:
    from myst_parser.mdit_to_docutils import base

    base.make_document = _make_document


def setup(app):
    _reuse_default_settings()
    app.add_transform(AdoptTranslatedNodes)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
