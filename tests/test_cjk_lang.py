"""Chinese words in the English edition carry lang="zh-CN" (sitebuild/cjk_lang.py).

The unit tests give the marker HTML and document trees by hand; the built-site tests read every
page a reader opens and find each run of Chinese or Japanese characters in its text, which must
stand inside an element whose lang says so.
"""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from docutils import nodes
from docutils.core import publish_doctree, publish_from_doctree

from sitebuild import cjk_lang
from tests import site_check

# Written out here, not taken from the module under test: ideographs (with extension A) and kana.
HAN_OR_KANA = re.compile("[\u3400-\u4dbf\u4e00-\u9fff\u3040-\u30ff]")
KANA = re.compile("[\u3040-\u30ff]")
# Text a reader does not read as prose, or that a span cannot hold: see the module's docstring.
NOT_PROSE = {"script", "style", "pre", "code", "textarea", "title", "option", "svg", "math"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


# -------------------------------------------------------------------------------------------------
# Raw HTML


def test_a_run_in_text_is_wrapped_and_the_rest_is_kept():
    html = "<p>A flash sale, 秒杀 (<em>miǎoshā</em>), sells out.</p>"
    assert cjk_lang.mark_html(html) == (
        '<p>A flash sale, <span lang="zh-CN">秒杀</span> (<em>miǎoshā</em>), sells out.</p>'
    )


def test_digits_and_punctuation_between_characters_stay_in_one_run():
    marked = cjk_lang.mark_html("<td>“双11”当天全国处理快件6.96亿件</td>")
    assert marked == '<td>“<span lang="zh-CN">双11”当天全国处理快件6.96亿件</span></td>'
    assert cjk_lang.mark_html("<li>《中华人民共和国电子商务法》</li>") == (
        '<li><span lang="zh-CN">《中华人民共和国电子商务法》</span></li>'
    )


def test_a_run_with_kana_is_japanese():
    assert cjk_lang.mark_html("<a href='x'>2025年の農村オンライン小売額</a>") == (
        "<a href='x'>2025<span lang=\"ja\">年の農村オンライン小売額</span></a>"
    )


def test_chart_specs_code_attributes_and_comments_are_left_alone():
    html = (
        '<div title="前瞻产业研究院"><script type="application/json">{"label": "</div>前瞻", "x": 1}</script>'
        "<pre>print('秒杀')</pre><code>淘宝</code><!-- 注释 --><style>/* 字 */</style>"
        "<select><option>选项</option></select></div>"
    )
    assert cjk_lang.mark_html(html) == html


def test_text_already_marked_chinese_is_left_alone_and_marking_twice_changes_nothing():
    html = '<p lang="zh-Hans">已经<b>标明</b></p><p>主播 host</p>'
    once = cjk_lang.mark_html(html)
    assert once == '<p lang="zh-Hans">已经<b>标明</b></p><p><span lang="zh-CN">主播</span> host</p>'
    assert cjk_lang.mark_html(once) == once


def test_an_element_in_another_language_does_not_stop_the_mark():
    assert cjk_lang.mark_html('<p lang="en">直播</p>') == '<p lang="en"><span lang="zh-CN">直播</span></p>'


def test_a_fragment_with_a_stray_end_tag_and_void_elements_is_handled():
    html = "</div>快递<br><img alt='x'>包裹</td>"
    assert cjk_lang.mark_html(html) == (
        '</div><span lang="zh-CN">快递</span><br><img alt=\'x\'><span lang="zh-CN">包裹</span></td>'
    )


def test_ascii_only_html_is_returned_unchanged():
    html = '<p class="x">Plain <em>English</em> &amp; <code>x < 1</code></p><script>a = "<p>";</script>'
    assert cjk_lang.mark_html(html) == html


# -------------------------------------------------------------------------------------------------
# The document tree


SOURCE = """\
Sec-kill
========

A flash sale is 秒杀 (*miǎoshā*). See **淘宝直播** and ``代码``.

.. code-block:: python

   print("秒杀")

.. raw:: html

   <td>中商产业研究院 (industry report)</td><script type="application/json">{"a": "中"}</script>
"""


def _doctree(source: str) -> nodes.document:
    return publish_doctree(source, settings_overrides={"report_level": 5})


def test_the_tree_marks_prose_and_raw_html_but_not_code():
    doctree = _doctree(SOURCE)
    cjk_lang.mark_doctree(doctree)
    marked = [node.astext() for node in doctree.findall(nodes.inline) if "language-zh-CN" in node["classes"]]
    assert marked == ["秒杀", "淘宝直播"]
    assert [node.astext() for node in doctree.findall(nodes.literal)] == ["代码"]
    assert 'print("秒杀")' in next(doctree.findall(nodes.literal_block)).astext()
    raw = next(doctree.findall(nodes.raw)).astext()
    assert '<td><span lang="zh-CN">中商产业研究院</span> (industry report)</td>' in raw
    assert '{"a": "中"}' in raw


def test_the_html_writer_turns_the_mark_into_a_lang_attribute():
    doctree = _doctree(SOURCE)
    cjk_lang.mark_doctree(doctree)
    html = publish_from_doctree(doctree, writer_name="html5").decode("utf-8")
    assert '<span lang="zh-CN">秒杀</span>' in html
    assert '<strong><span lang="zh-CN">淘宝直播</span></strong>' in html


def test_marking_the_tree_twice_changes_nothing_and_an_ascii_tree_not_at_all():
    doctree = _doctree(SOURCE)
    cjk_lang.mark_doctree(doctree)
    once = doctree.pformat()
    cjk_lang.mark_doctree(doctree)
    assert doctree.pformat() == once
    ascii_tree = _doctree("Title\n=====\n\nPlain *text* and ``code``.\n\n.. raw:: html\n\n   <b>x</b>\n")
    before = ascii_tree.pformat()
    cjk_lang.mark_doctree(ascii_tree)
    assert ascii_tree.pformat() == before


# -------------------------------------------------------------------------------------------------
# The built site


class _UnmarkedRuns(HTMLParser):
    """Text in <body> holding Chinese or Japanese characters with no matching lang around it."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, str | None]] = []
        self.in_body = False
        self.unmarked: list[str] = []

    def handle_starttag(self, tag, attrs):
        if tag == "body":
            self.in_body = True
        if tag not in VOID:
            self.stack.append((tag, dict(attrs).get("lang")))

    def handle_startendtag(self, tag, attrs):
        pass

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, -1, -1):
            if self.stack[depth][0] == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        if not self.in_body or not HAN_OR_KANA.search(data):
            return
        if any(tag in NOT_PROSE for tag, _ in self.stack):
            return
        lang = next((value for _, value in reversed(self.stack) if value), "")
        wanted = "ja" if KANA.search(data) else "zh"
        if lang.split("-")[0] != wanted:
            self.unmarked.append(f"{data.strip()[:40]!r} (lang={lang!r})")


def _pages(site: Path) -> list[Path]:
    return [site / page for page in site_check.pages(site)]


@pytest.mark.build
def test_every_run_of_chinese_in_every_page_is_marked(built_site):
    problems = []
    marked_pages = 0
    for page in _pages(built_site):
        html = page.read_text(encoding="utf-8")
        parser = _UnmarkedRuns()
        parser.feed(html)
        problems += [f"{page.relative_to(built_site)}: {run}" for run in parser.unmarked[:5]]
        marked_pages += 'lang="zh-CN"' in html
    assert not problems, "\n".join(problems)
    # The glossary, the data appendix and several chapters hold Chinese words.
    assert marked_pages >= 5


@pytest.mark.build
def test_chart_specs_keep_their_chinese_text_unwrapped(built_site):
    specs = site_check.chart_specs(built_site / "book" / "01-buy-it.html")
    texts = [json.dumps(spec, ensure_ascii=False) for spec in specs]
    assert any("中商产业研究院" in text for text in texts)
    assert not any("<span" in text for text in texts)
