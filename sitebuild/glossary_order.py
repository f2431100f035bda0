"""The Chinese glossary in pinyin order, as a Chinese dictionary or textbook index lists its terms.

The glossary is written ``:sorted:``, so Sphinx orders it by each term's text. In the Chinese
edition that text is Chinese, and ordering by code point puts 《中华人民共和国电子商务法》 first and
scatters the rest (主 before 买 before 二 ...), an order no reader can search by eye. Each term's
pinyin is in the translators' terminology file, ``book/locales/zh_CN/terminology.csv`` (a test keeps
every glossary term there), so this transform re-sorts the Chinese glossary by pinyin, letters first
and tones ignored, as dictionaries do. A term whose pinyin is missing stops the build, naming it.

This transform and ``tests/test_terminology.py`` both read the file with :func:`read_terminology`.
"""

from __future__ import annotations

import csv
import re
import unicodedata
from pathlib import Path

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import ExtensionError
from sphinx.transforms import SphinxTransform

from sitebuild.site_locale import is_chinese

TERMINOLOGY = Path(__file__).resolve().parent.parent / "book" / "locales" / "zh_CN" / "terminology.csv"


def term_id(term: str) -> str:
    """The id Sphinx gives a glossary term: ``Singles' Day`` is ``term-Singles-Day``."""
    return "term-" + re.sub(r"[^A-Za-z0-9]+", "-", term).strip("-")


def read_terminology(path: Path = TERMINOLOGY) -> tuple[list[str], list[dict[str, str]]]:
    """The terminology file's columns, and its rows as written, each by column name."""
    with path.open(encoding="utf-8", newline="") as file:
        reader = csv.DictReader(file)
        return list(reader.fieldnames or []), list(reader)


def pinyin_by_term_id(path: Path = TERMINOLOGY) -> dict[str, str]:
    _columns, rows = read_terminology(path)
    return {term_id(row["term"]): row["pinyin"].strip() for row in rows}


def pinyin_sort_key(pinyin: str) -> str:
    """``Shuāng Shíyī`` sorts as ``shuangshiyi``: letters only, tone marks and spaces dropped."""
    # ü (also with a tone, ǜ) is written v, as pinyin input does, so lü sorts after lu.
    letters = unicodedata.normalize("NFD", pinyin.lower()).replace("u\u0308", "v")
    return re.sub(r"[^a-z]", "", "".join(c for c in letters if not unicodedata.combining(c)).lower())


def item_key(item: nodes.Element, pinyin: dict[str, str], source: str) -> tuple[str, str]:
    term = next(iter(item.findall(nodes.term)), None)
    ids = [i for i in (term["ids"] if term is not None else []) if i.startswith("term-")]
    found = next((pinyin[i] for i in ids if pinyin.get(i)), None)
    if found is None:
        shown = term.astext() if term is not None else item.astext()[:40]
        raise ExtensionError(f"{source}: the glossary term {shown!r} has no pinyin in {TERMINOLOGY.name}")
    return pinyin_sort_key(found), term.astext()


class ChineseGlossaryOrder(SphinxTransform):
    # After Sphinx's translation of the page (priority 20), before the doctree is stored.
    default_priority = 860

    def apply(self, **kwargs) -> None:
        if not is_chinese(self.config):
            return
        glossaries = list(self.document.findall(addnodes.glossary))
        if not glossaries:
            return
        self.env.note_dependency(str(TERMINOLOGY))
        pinyin = pinyin_by_term_id()
        for glossary in glossaries:
            for entries in glossary.findall(nodes.definition_list):
                entries[:] = sorted(
                    entries.children, key=lambda item: item_key(item, pinyin, self.env.docname)
                )


def setup(app):
    app.add_transform(ChineseGlossaryOrder)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
