"""Translated text belongs to its page (sitebuild/translated_nodes.py): no saved page of the
Chinese edition links to the small documents its translations were parsed in, which carried the
whole build environment into every saved page."""

from __future__ import annotations

import pickle

import pytest
from docutils import nodes
from docutils.frontend import get_default_settings
from docutils.parsers.rst import Parser
from docutils.utils import new_document

from sitebuild.translated_nodes import adopt


def _document(name: str):
    return new_document(name, get_default_settings(Parser))


def _linked_elsewhere(document) -> list:
    return [node for node in document.findall() if node.__dict__.get("_document") not in (None, document)]


def test_adopt_moves_nodes_parsed_elsewhere_to_the_page_and_leaves_its_own():
    page = _document("page.md")
    page.settings.big = "x" * 100_000  # stands for the environment a message's settings hold
    message = _document("page.md:3:<translated>")
    message.settings = page.settings
    own = nodes.paragraph("", "own text")
    translated = nodes.paragraph("", "")
    text = nodes.Text("译文")
    translated += text
    page += [own, translated]
    # As Sphinx's Locale leaves them: the translated nodes still linked to their message's document.
    translated.document = message
    text.document = message
    page.settings = page.settings.copy()
    page.settings.big = None  # what Sphinx does to the page's own document before saving it

    assert len(pickle.dumps(translated)) > 100_000
    assert adopt(page) == 2
    assert _linked_elsewhere(page) == []
    assert own.document is page and text.document is page
    assert len(pickle.dumps(page)) < 10_000


@pytest.mark.build
def test_no_saved_chinese_page_links_to_another_document(zh_site):
    doctrees = sorted((zh_site.parent / ".doctrees").rglob("*.doctree"))
    assert len(doctrees) > 20
    for path in doctrees:
        document = pickle.loads(path.read_bytes())
        assert _linked_elsewhere(document) == [], path.name


def test_myst_gets_documents_with_default_settings_of_their_own():
    from docutils.parsers.rst import Parser as RSTParser

    from sitebuild.translated_nodes import _make_document

    first, second = _make_document("a.md"), _make_document("b.md")
    defaults = vars(get_default_settings(RSTParser))
    made = vars(first.settings)
    assert made.keys() == defaults.keys()
    assert {k: v for k, v in made.items() if k != "record_dependencies"} == {
        k: v for k, v in defaults.items() if k != "record_dependencies"
    }
    assert first.settings.record_dependencies is not second.settings.record_dependencies
    assert first["source"] == "a.md" and second["source"] == "b.md"
    first.settings.language_code = "zh_CN"
    assert second.settings.language_code == "en"
    assert _make_document().settings.language_code == "en"
