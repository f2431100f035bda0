"""The Chinese glossary is in pinyin order (sitebuild/glossary_order.py)."""

from __future__ import annotations

import re

import pytest
from docutils import nodes
from sphinx.errors import ExtensionError

from sitebuild import glossary_order


def test_pinyin_keys_drop_tones_and_spaces_and_sort_as_a_dictionary_does():
    assert glossary_order.pinyin_sort_key("Shuāng Shíyī") == "shuangshiyi"
    assert glossary_order.pinyin_sort_key("lǜsè zēngzhǎng") == "lvsezengzhang"
    words = ["Shuāng Shíyī", "miǎoshā", "ǎi", "zhíbō diànshāng", "Bā"]
    assert sorted(words, key=glossary_order.pinyin_sort_key) == [
        "ǎi",
        "Bā",
        "miǎoshā",
        "Shuāng Shíyī",
        "zhíbō diànshāng",
    ]


def test_term_ids_are_sphinx_glossary_ids():
    assert glossary_order.term_id("Singles' Day") == "term-Singles-Day"
    assert glossary_order.term_id("CO2-equivalent") == "term-CO2-equivalent"


def _item(term_text: str, english: str) -> nodes.definition_list_item:
    term = nodes.term(term_text, term_text, ids=[glossary_order.term_id(english)])
    return nodes.definition_list_item("", term, nodes.definition())


def test_items_sort_by_their_pinyin_and_a_term_without_pinyin_stops_the_build():
    pinyin = {glossary_order.term_id("Sec-kill"): "miǎoshā", glossary_order.term_id("Buy it"): "mǎi tā"}
    items = [_item("秒杀", "Sec-kill"), _item("买它", "Buy it")]
    ordered = sorted(items, key=lambda i: glossary_order.item_key(i, pinyin, "book/glossary"))
    assert [i[0].astext() for i in ordered] == ["买它", "秒杀"]
    with pytest.raises(ExtensionError, match=r"book/glossary: the glossary term '新词' has no pinyin"):
        glossary_order.item_key(_item("新词", "New word"), pinyin, "book/glossary")


@pytest.mark.build
def test_the_chinese_glossary_is_in_pinyin_order(zh_site):
    page = (zh_site / "book" / "glossary.html").read_text(encoding="utf-8")
    ids = re.findall(r'<dt[^>]*\bid="(term-[^"]+)"', page)
    pinyin = glossary_order.pinyin_by_term_id()
    assert len(ids) > 50 and all(i in pinyin for i in ids)
    keys = [glossary_order.pinyin_sort_key(pinyin[i]) for i in ids]
    assert keys == sorted(keys), "the Chinese glossary is not in pinyin order"
