"""The translators' terminology (book/locales/zh_CN/terminology.csv) and the bilingual glossary agree.

Every glossary term has one Chinese rendering in the file, with its pinyin, its kind and, where
given, a web address; the glossary's own entry uses that rendering.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sitebuild.glossary_order import read_terminology

ROOT = Path(__file__).resolve().parent.parent
GLOSSARY = ROOT / "book" / "glossary.md"

COLUMNS = ["term", "zh", "pinyin", "kind", "source_url", "note"]
REQUIRED = ["term", "zh", "pinyin", "kind"]
KINDS = {"concept", "law", "agency", "programme", "platform", "person", "place", "organisation"}
HAN = re.compile("[\u3400-\u4dbf\u4e00-\u9fff]")
# Hanyu pinyin: Latin letters with tone marks, and the separators names and titles need.
PINYIN = re.compile(r"^[A-Za-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜüĀÁǍÀĒÉĚÈĪÍǏÌŌÓǑÒŪÚǓÙ' ()\-]+$")
URL = re.compile(r"^https?://[^\s/]+\.[^\s]+$")


def glossary_terms(text: str) -> list[str]:
    """The terms of the page's ``{glossary}`` block: its unindented lines, options aside."""
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.DOTALL)
    assert block, "book/glossary.md has no {glossary} block"
    return [
        line.strip()
        for line in block.group(1).splitlines()
        if line.strip() and not line.startswith((" ", "\t", ":"))
    ]


def glossary_entries(text: str) -> dict[str, str]:
    """Each term with its definition (terms listed together share one)."""
    block = re.search(r"```\{glossary\}\n(.*?)\n```", text, re.DOTALL).group(1)
    entries: dict[str, str] = {}
    pending: list[str] = []
    for line in block.splitlines():
        if not line.strip() or line.startswith(":"):
            continue
        if line.startswith((" ", "\t")):
            for term in pending:
                entries[term] = entries.get(term, "") + line.strip() + " "
            continue
        if pending and entries.get(pending[-1]):
            pending = []
        pending.append(line.strip())
    return entries


def problems(rows: list[dict[str, str]], glossary_text: str) -> list[str]:
    """Everything wrong with the file's rows, each naming its line (the header is line 1)."""
    found = []
    renderings: dict[str, str] = {}
    for line, row in enumerate(rows, start=2):
        for field in REQUIRED:
            if not (row.get(field) or "").strip():
                found.append(f"line {line}: {field} is empty")
        term, zh = row.get("term", ""), row.get("zh", "")
        if term in renderings and renderings[term] != zh:
            found.append(f"line {line}: {term!r} has two renderings, {renderings[term]!r} and {zh!r}")
        elif term in renderings:
            found.append(f"line {line}: {term!r} is listed twice")
        renderings.setdefault(term, zh)
        if zh and not HAN.search(zh):
            found.append(f"line {line}: zh {zh!r} holds no Chinese characters")
        pinyin = row.get("pinyin", "")
        if pinyin and not PINYIN.match(pinyin):
            found.append(f"line {line}: pinyin {pinyin!r} is not pinyin")
        if row.get("kind") and row["kind"] not in KINDS:
            found.append(f"line {line}: kind {row['kind']!r} is not one of {sorted(KINDS)}")
        url = (row.get("source_url") or "").strip()
        if url and not URL.match(url):
            found.append(f"line {line}: source_url {url!r} is not an http(s) address")
    entries = glossary_entries(glossary_text)
    for term in glossary_terms(glossary_text):
        if term not in renderings:
            found.append(f"glossary term {term!r} is not in the terminology file")
            continue
        rendering = renderings[term].strip("《》")
        if rendering not in entries.get(term, ""):
            found.append(f"glossary entry {term!r} does not use the file's rendering {rendering!r}")
    return found


def test_the_file_has_the_columns_translators_need():
    columns, rows = read_terminology()
    assert columns == COLUMNS
    assert rows


def test_every_glossary_term_has_one_rendering_with_its_fields():
    _, rows = read_terminology()
    found = problems(rows, GLOSSARY.read_text(encoding="utf-8"))
    assert not found, "\n".join(found)


def test_the_file_covers_the_glossary():
    terms = glossary_terms(GLOSSARY.read_text(encoding="utf-8"))
    assert len(terms) >= 60  # the glossary as it stands; a parser that finds nothing must fail
    assert {"Sec-kill", "Host", "Streamer", "E-Commerce Law"} <= set(terms)


GLOSSARY_SAMPLE = """
```{glossary}
:sorted:
Sec-kill
  秒杀 (*miǎoshā*): a flash sale.

Host
Streamer
  主播 (*zhǔbō*): the presenter.
```
"""


def _rows(*rows):
    return [dict(zip(COLUMNS, row, strict=True)) for row in rows]


GOOD = [
    ("Sec-kill", "秒杀", "miǎoshā", "concept", "", ""),
    ("Host", "主播", "zhǔbō", "concept", "", ""),
    ("Streamer", "主播", "zhǔbō", "concept", "https://example.org/x", ""),
]


def test_a_good_sample_passes():
    assert problems(_rows(*GOOD), GLOSSARY_SAMPLE) == []


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (GOOD[:2], "glossary term 'Streamer' is not in the terminology file"),
        (GOOD + [("Host", "播主", "bōzhǔ", "concept", "", "")], "'Host' has two renderings"),
        ([("Sec-kill", "", "miǎoshā", "concept", "", "")] + GOOD[1:], "line 2: zh is empty"),
        ([("Sec-kill", "秒杀", "", "concept", "", "")] + GOOD[1:], "line 2: pinyin is empty"),
        ([("Sec-kill", "秒杀", "miǎoshā", "idea", "", "")] + GOOD[1:], "kind 'idea'"),
        ([("Sec-kill", "秒杀", "miǎoshā", "concept", "www.x.cn", "")] + GOOD[1:], "not an http(s) address"),
        ([("Sec-kill", "秒杀", "秒杀", "concept", "", "")] + GOOD[1:], "is not pinyin"),
        ([("Sec-kill", "限时抢购", "xiànshí qiǎnggòu", "concept", "", "")] + GOOD[1:], "does not use"),
    ],
)
def test_each_kind_of_mistake_is_named(rows, message):
    found = problems(_rows(*rows), GLOSSARY_SAMPLE)
    assert any(message in problem for problem in found), found
