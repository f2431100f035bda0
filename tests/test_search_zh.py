"""The Chinese edition's search language (sitebuild/search_zh.py) indexes exactly as Sphinx's
Chinese search does; only its bookkeeping of Latin words is faster."""

from __future__ import annotations

from sphinx.search.zh import SearchChinese

from sitebuild.search_zh import ChineseSearch, LatinTerms

PAGES = [
    "直播电商的GMV在2021年增长, ABS and ies were kept; the sellers were using eyes",
    "第二页: ABS again, 主播 working long hours, ies",
]


def _index_words(search) -> list[str]:
    words = []
    for page in PAGES:
        words += [search.stem(word) for word in search.split(page)]
    return words


def test_chinese_search_stems_every_word_as_sphinx_does():
    sphinx = SearchChinese({})
    sphinx.latin_terms = []  # Sphinx's list is one on its class; this test's own
    ours = ChineseSearch({})
    expected = _index_words(sphinx)
    assert _index_words(ours) == expected
    # Latin words too short once stemmed stay whole ("ies", "ABS" lower-cased), others are stemmed.
    assert "ies" in expected and "abs" in expected and "use" in expected


def test_latin_terms_answers_in_from_everything_added():
    terms = LatinTerms()
    terms.extend(iter(["ABS", "GMV"]))
    terms.append("ies")
    assert terms == ["ABS", "GMV", "ies"]
    assert "GMV" in terms and "ies" in terms and "abs" not in terms
