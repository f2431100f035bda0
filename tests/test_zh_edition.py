"""The Chinese edition (zh-CN): built from the same sources with Sphinx's translation workflow,
published as zh/, with a language switcher on every page of every edition (sitebuild/editions.py),
the build's own texts in Chinese (sitebuild/site_locale.py), and a search that finds Chinese words.

Its build is the session fixture ``zh_site`` (tests/conftest.py).
"""

from __future__ import annotations

import html
import json
import os
import posixpath
import re
import shutil
from pathlib import Path
from types import SimpleNamespace

import pytest
import yaml
from bs4 import BeautifulSoup

from sitebuild import editions, sphinxext
from tests import site_check, zh_texts

ROOT = Path(__file__).resolve().parent.parent
SWITCH = re.compile(
    r'<p class="seckill-language"><a href="(?P<href>[^"]+)" lang="(?P<lang>[^"]+)" '
    r'hreflang="(?P<hreflang>[^"]+)">(?P<text>[^<]+)</a></p>'
)
HTML_LANG = re.compile(r'<html lang="(?P<lang>[^"]+)"')


def _resolve(page: str, href: str) -> str:
    return posixpath.normpath(posixpath.join(posixpath.dirname(page), href))


def _soup(page_html: str) -> BeautifulSoup:
    return BeautifulSoup(page_html, "html.parser")


def test_zh_config_differs_from_the_main_one_only_where_intended():
    main = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    zh = yaml.safe_load((ROOT / "_config.zh.yml").read_text(encoding="utf-8"))
    assert zh["sphinx"]["config"].pop("language") == "zh_CN"
    assert main["sphinx"]["config"].pop("language") == "en"
    assert zh["sphinx"]["config"].pop("html_search_language") == "zh"
    assert zh.pop("title") == "秒杀的是商品，还是人？"
    assert zh.pop("author") == "seckill-book贡献者"
    main.pop("title"), main.pop("author")
    assert zh == main


@pytest.mark.parametrize("page", ["book/01-buy-it", "notebooks/02-flash-sale", "genindex", "a/b/c"])
def test_the_switcher_links_each_page_to_the_same_page_in_the_other_language(page):
    # Published: English full at the root, student/ and zh/ inside it.
    english = editions.other_language_href(page, student=False, chinese=False)
    assert _resolve(f"{page}.html", english) == f"zh/{page}.html"
    student = editions.other_language_href(page, student=True, chinese=False)
    assert _resolve(f"student/{page}.html", student) == f"zh/{page}.html"
    chinese = editions.other_language_href(page, student=False, chinese=True)
    assert _resolve(f"zh/{page}.html", chinese) == f"{page}.html"
    # The Chinese (full) edition's edition line points to the English student edition.
    assert (
        _resolve(f"zh/{page}.html", editions.other_edition_href(page, False, True)) == f"student/{page}.html"
    )


def test_the_switcher_names_the_other_language_in_that_language():
    english_page = SWITCH.search(editions.language_switch("zh/x.html", chinese=False))
    assert english_page.group("text", "lang", "hreflang") == ("中文", "zh-CN", "zh-CN")
    chinese_page = SWITCH.search(editions.language_switch("../x.html", chinese=True))
    assert chinese_page.group("text", "lang", "hreflang") == ("English", "en", "en")


def test_the_build_hands_its_language_to_the_notebook_kernels(monkeypatch):
    monkeypatch.setenv("SECKILL_LANG", "en")
    sphinxext._set_reader_language(None, SimpleNamespace(language="zh_CN"))
    assert os.environ["SECKILL_LANG"] == "zh_CN"
    sphinxext._set_reader_language(None, SimpleNamespace(language="en"))
    assert os.environ["SECKILL_LANG"] == "en"
    with pytest.raises(ValueError, match="unknown language"):
        sphinxext._set_reader_language(None, SimpleNamespace(language="fr"))


def test_publish_chinese_refuses_a_missing_or_english_edition(tmp_path):
    full = tmp_path / "full"
    (full / "book").mkdir(parents=True)
    redirect = '<meta http-equiv="Refresh" content="0; url=book/index.html" />'
    (full / "index.html").write_text(redirect)
    (full / "book" / "index.html").write_text(
        '<html lang="en">' + editions.edition_line("x.html", student=False), encoding="utf-8"
    )
    with pytest.raises(FileNotFoundError, match="no Chinese edition"):
        editions.publish_chinese(full, tmp_path / "nothing")
    with pytest.raises(ValueError, match="not the Chinese edition"):
        editions.publish_chinese(full, full)
    zh = tmp_path / "zh-build"
    (zh / "book").mkdir(parents=True)
    (zh / "index.html").write_text(redirect)
    (zh / "book" / "index.html").write_text(
        f'<html lang="zh-CN"><strong>{editions.ZH_EDITION_NAME}</strong>', encoding="utf-8"
    )
    assert editions.publish_chinese(full, zh) == full / "zh"
    assert (full / "zh" / "book" / "index.html").is_file()


# The built editions --------------------------------------------------------------------------


@pytest.mark.build
def test_every_page_of_every_edition_has_its_language_and_a_switcher_to_the_same_page(
    built_site, student_site, zh_site
):
    names = site_check.pages(zh_site)
    assert len(names) > 20 and names == site_check.pages(built_site)
    for name in names:
        for site, folder, lang, other in (
            (built_site, "", "en", "zh-CN"),
            (student_site, "student/", "en", "zh-CN"),
            (zh_site, "zh/", "zh-CN", "en"),
        ):
            text = (site / name).read_text(encoding="utf-8")
            assert HTML_LANG.search(text).group("lang") == lang, (folder, name)
            switches = SWITCH.findall(text)
            assert len(switches) == 1, (folder, name)
            href, link_lang, hreflang, _text = switches[0]
            assert link_lang == hreflang == other, (folder, name)
            target = "" if other == "en" else "zh/"
            assert _resolve(f"{folder}{name}", href) == f"{target}{name}", (folder, name)


@pytest.mark.build
def test_the_chinese_edition_writes_its_own_texts_in_chinese(zh_site, built_site):
    page = (zh_site / "book" / "01-buy-it.html").read_text(encoding="utf-8")
    assert "<strong>完整版</strong>：含习题及解答。" in page
    for english in ("Check yourself", "Answer and why", "Full edition", "Printable worksheet"):
        assert english not in page, english
    assert page.count("自我检测") >= 3 and "答案与解析" in page and "可打印的练习单" in page
    script = re.search(r'<script[^>]+src="[^"]*seckill\.js[^"]*"[^>]*>', page).group(0)
    messages = json.loads(html.unescape(re.search(r'data-messages="([^"]+)"', script).group(1)))
    assert messages["Right."] == "正确。"
    worksheet = (zh_site / "worksheets" / "ch01.html").read_text(encoding="utf-8")
    assert '<html lang="zh-CN">' in worksheet and "练习单" in worksheet and "Your answer" not in worksheet
    # English pages carry no translated message for the page script.
    assert "data-messages" not in (built_site / "book" / "01-buy-it.html").read_text(encoding="utf-8")
    # Sphinx's own translations for the search page, set without compiling code (the policy).
    translations = (zh_site / "_static" / "translations.js").read_text(encoding="utf-8")
    assert "addTranslations" not in translations and "Documentation.PLURAL_EXPR = function" in translations


GLUED = re.compile(r'<span class="pasted-text">([^<]*)</span>')
FORM = re.compile(r'<form class="seckill-selfcheck".*?</form>', re.S)


@pytest.mark.build
def test_translated_messages_glue_the_same_numbers_as_the_english(built_site, zh_site):
    # Sphinx parses each translated message on its own; sitebuild/glue_i18n.py lets its glued
    # numbers come from the page's notebook. The self-checks are translated on this branch.
    compared = 0
    for page in sorted((built_site / "book").glob("[0-9][0-9]-*.html")):
        english = FORM.findall(page.read_text(encoding="utf-8"))
        chinese = FORM.findall((zh_site / "book" / page.name).read_text(encoding="utf-8"))
        assert len(english) == len(chinese), page.name
        for english_form, chinese_form in zip(english, chinese, strict=True):
            assert GLUED.findall(chinese_form) == GLUED.findall(english_form), page.name
            compared += len(GLUED.findall(english_form))
    assert compared >= 10


ANSWER = re.compile(r'data-answer="(?P<answer>[^"]+)"[^>]*data-tolerance="(?P<tolerance>[^"]+)"')


@pytest.mark.build
def test_a_self_check_asked_in_billions_is_asked_in_yi_on_the_chinese_page(built_site, zh_site):
    # Chapter 7 asks for the festival's parcels a day (sd_2023_per_day_bn): in billions in English,
    # in 亿 in Chinese, as the Chinese page counts parcels, with the answer and tolerance ×10.
    def numeric_form(site: Path) -> str:
        forms = FORM.findall((site / "book" / "07-environment.html").read_text(encoding="utf-8"))
        return next(form for form in forms if 'data-kind="numeric"' in form)

    english, chinese = numeric_form(built_site), numeric_form(zh_site)
    english_answer, chinese_answer = ANSWER.search(english), ANSWER.search(chinese)
    assert float(chinese_answer["answer"]) == pytest.approx(10 * float(english_answer["answer"]))
    assert float(chinese_answer["tolerance"]) == pytest.approx(10 * float(english_answer["tolerance"]))
    assert "亿件/天" in chinese and not zh_texts.ENGLISH_SCALE.search(chinese)


# In the browser -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def three_editions(built_site, student_site, zh_site, tmp_path_factory) -> Path:
    """A copy of the site with the student and Chinese editions published in it, as the workflow does."""
    site = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns(editions.STUDENT_DIR, editions.ZH_DIR))
    editions.publish(site, student_site)
    editions.publish_chinese(site, zh_site)
    return site


def _follow_the_switcher(page) -> list[tuple[str, str]]:
    stops = []
    for _ in range(3):
        stops.append((page.url, page.evaluate("document.documentElement.lang")))
        if len(stops) < 3:
            page.locator("p.seckill-language a").click()
            page.wait_for_load_state("load")
    return stops


@pytest.mark.build
@pytest.mark.browser
def test_the_switcher_works_served_and_from_a_folder_and_fits_a_phone(browser, three_editions):
    page_path = "book/01-buy-it.html"
    context, page, outside = site_check.open_from_folder(browser, three_editions, f"student/{page_path}")
    stops = _follow_the_switcher(page)
    context.close()
    assert [lang for _, lang in stops] == ["en", "zh-CN", "en"]
    assert stops[1][0] == (three_editions / "zh" / page_path).as_uri()
    assert stops[2][0] == (three_editions / page_path).as_uri()
    assert not outside, outside

    with site_check.serve(three_editions) as url:
        context, page, problems = site_check.open_page(
            browser, url, f"zh/{page_path}", width=site_check.PHONE_WIDTH_PX
        )
        stops = _follow_the_switcher(page)
        assert [address for address, _ in stops] == [
            f"{url}/zh/{page_path}",
            f"{url}/{page_path}",
            f"{url}/zh/{page_path}",
        ]
        bar = page.locator("div.seckill-edition-bar").bounding_box()
        assert bar["x"] >= 0 and bar["x"] + bar["width"] <= site_check.PHONE_WIDTH_PX, bar
        style = page.evaluate(
            """() => { const p = document.querySelector('article p');
                       const s = getComputedStyle(p);
                       return {align: s.textAlign, line: parseFloat(s.lineHeight) / parseFloat(s.fontSize),
                               font: getComputedStyle(document.body).fontFamily}; }"""
        )
        violations = site_check.axe_violations(page)
        context.close()
    assert style["align"] in {"start", "left"} and style["line"] >= 1.6, style
    assert "Noto Sans CJK SC" in style["font"] and "Microsoft YaHei" in style["font"], style
    assert not problems["csp"] and not problems["external"] and not problems["exceptions"], problems
    assert not violations, [(v["id"], v["nodes"][0]["html"]) for v in violations]


SEARCH_WORD = "直播电商"


@pytest.mark.build
@pytest.mark.browser
def test_searching_a_chinese_word_lists_the_pages_that_contain_it(browser, zh_site, zh_site_url):
    # The pages whose article text holds the word, read from the built pages themselves.
    holding = set()
    for name in site_check.pages(zh_site):
        if name in {"search.html", "genindex.html"}:
            continue
        soup = _soup((zh_site / name).read_text(encoding="utf-8"))
        article = soup.find("article")
        if article and SEARCH_WORD in article.get_text():
            holding.add(name)
    assert holding, f"no page of the Chinese edition contains {SEARCH_WORD}"
    context, page, problems = site_check.open_page(browser, zh_site_url, f"search.html?q={SEARCH_WORD}")
    try:
        page.wait_for_selector("#search-results ul.search li", timeout=20_000)
        page.wait_for_function(
            "() => document.querySelector('#search-results p.search-summary')?.textContent.trim()",
            timeout=20_000,
        )
        found = page.evaluate(
            """() => [...document.querySelectorAll('#search-results ul.search li a')]
                      .map(a => new URL(a.href).pathname)"""
        )
    finally:
        context.close()
    found_pages = {path.lstrip("/") for path in found}
    assert holding <= found_pages, (sorted(holding - found_pages), sorted(found_pages))
    assert not problems["console"] and not problems["csp"], problems


# English left on a Chinese page's charts and tables --------------------------------------------

# Words a Chinese page writes in Latin letters on purpose, each for a reason:
ALLOWED_LATIN = {
    # units and their symbols, written so in Chinese text and Chinese statistics
    "kg", "km", "kWh", "TWh", "GW", "Mt", "Gt", "CO", "CO₂", "CO₂e", "COe", "e", "t",
    # acronyms Chinese writing keeps (GMV is the platforms' own term: 商品交易总额/GMV)
    "GMV", "GDP", "CPI", "PPP", "RMB", "USD", "US", "OECD", "UN", "IEA", "CNNIC",
    # proper names of data sources with no Chinese name in use
    "Penn", "World", "Table", "PWT", "Our", "in", "Data", "OWID",
}  # fmt: skip
LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z₂]*")


def chart_texts(page_html: str, *, cells: bool = True, controls: bool = True) -> list[str]:
    """The texts of a page's charts: the drawn picture's text and name, the "Show the numbers"
    table (summary, caption, headers and, with ``cells``, cells), with ``controls`` the controls'
    labels, and the titles and descriptions in the chart's spec."""
    soup = _soup(page_html)
    texts = []
    for chart in soup.select("div.seckill-chart"):
        # A table's source column holds the sources' ids, links to the appendix, not words.
        for link in chart.select('a[href*="#source-"]'):
            link.extract()
        if not cells:
            for cell in chart.select("td"):
                cell.extract()
        if not controls:
            for form in chart.select("form.vega-bindings"):
                form.extract()
        for spec in chart.select("script"):
            spec.extract()
            try:
                data = json.loads(spec.string or "{}")
            except json.JSONDecodeError:
                data = {}
            texts += _spec_texts(data, controls=controls)
        texts += [chart.get_text(" ")]
        texts += [
            element.get(name, "") for element in chart.find_all(True) for name in ("aria-label", "title")
        ]
    return texts


def english_in_charts(page_html: str) -> list[str]:
    """Latin-letter words outside the allow-list in a page's charts (:func:`chart_texts`)."""
    texts = chart_texts(page_html)
    # The package's own check (tests/zh_texts.py) knows the names, units and codes a Chinese chart
    # keeps in Latin letters; this list adds the page's few.
    words = {word for text in texts for word in zh_texts.english_words(text)}
    return sorted(word for word in words if word not in ALLOWED_LATIN)


_SPEC_TEXT_KEYS = {"title", "subtitle", "description", "name", "text"}


def _spec_texts(node, controls: bool = True) -> list[str]:
    found = []
    skipped = {"data", "datasets", "field", "expr", "signal", "type", "$schema"} | (
        set() if controls else {"bind"}
    )
    if isinstance(node, dict):
        for key, value in node.items():
            if key in _SPEC_TEXT_KEYS and isinstance(value, str):
                found.append(value)
            elif key in _SPEC_TEXT_KEYS and isinstance(value, list):
                found += [item for item in value if isinstance(item, str)]
            elif key not in skipped:
                found += _spec_texts(value, controls)
    elif isinstance(node, list):
        for item in node:
            found += _spec_texts(item, controls)
    return found


ENGLISH_CHART = """<div class="seckill-chart"><svg aria-label="Singles' Day sales, billion yuan">
<text>Sales, billion yuan</text></svg><details class="seckill-chart-table"><summary>Show the numbers</summary>
<table><caption>Sales</caption><thead><tr><th>Year</th><th>GMV (RMB bn)</th></tr></thead>
<tbody><tr><td>2019</td><td>268.4</td></tr></tbody></table></details>
<script type="application/json" class="seckill-chart-spec">{"title": {"text": "Singles' Day"},
"description": "A line rising", "data": {"values": [{"Year": 2019}]}}</script></div>"""
CHINESE_CHART = """<div class="seckill-chart"><svg aria-label="双十一销售额，亿元">
<text>销售额（亿元）</text></svg><details class="seckill-chart-table"><summary>查看数据</summary>
<table><caption>销售额</caption><thead><tr><th>年份</th><th>GMV（亿元）</th></tr></thead>
<tbody><tr><td>2019</td><td>2684</td></tr></tbody></table></details>
<script type="application/json" class="seckill-chart-spec">{"title": {"text": "双十一"},
"description": "一条上升的曲线", "data": {"values": [{"Year": 2019}]}}</script></div>"""


def test_english_in_charts_finds_english_and_passes_a_chart_made_chinese():
    assert english_in_charts(CHINESE_CHART) == []
    # From the picture, its name, the table (GMV and RMB are allowed; single letters are not
    # words) and the spec's title and description; not from the spec's data.
    expected = [
        "Day",
        "Sales",
        "Show",
        "Singles",
        "Year",
        "billion",
        "bn",
        "line",
        "numbers",
        "rising",
        "sales",
        "the",
        "yuan",
    ]
    assert english_in_charts(ENGLISH_CHART) == expected


@pytest.mark.build
def test_no_chart_on_a_chinese_page_carries_english_words(zh_site):
    found = {}
    for name in site_check.pages(zh_site):
        words = english_in_charts((zh_site / name).read_text(encoding="utf-8"))
        if words:
            found[name] = words
    assert not found, "\n".join(f"{name}: {words[:15]}" for name, words in found.items())


ENGLISH_SCALE = zh_texts.ENGLISH_SCALE  # 十亿, 百万, Mt and Gt


def english_scales_in_charts(page_html: str) -> list[str]:
    """Texts of a page's charts that count in an English scale: titles, axes, legends, tooltips,
    read-outs, descriptions, table captions and headers. Not the table's cells, where a source's
    note keeps its own digits and unit ("Stated standard deviation 2.2 Mt", as the data appendix
    quotes it), nor the controls: a slider sets a model's input in the model's unit (viewers in
    millions, parcels in billions), which its label names (百万人, 十亿件)."""
    texts = {" ".join(text.split()) for text in chart_texts(page_html, cells=False, controls=False)}
    # Each scale with a few characters either side, to say where it is.
    return sorted(
        {text[max(0, m.start() - 12) : m.end() + 6] for text in texts for m in ENGLISH_SCALE.finditer(text)}
    )


def english_scales_in_notebook_tables(page_html: str) -> list[str]:
    """Column and row headers of the tables a notebook page's code displayed that count in an
    English scale (a table of results has its quantities as row headers). A table of the data as
    the data files hold it is code, and its headers are field names (``parcels_bn``), which this
    does not read as a scale."""
    soup = _soup(page_html)
    headers = {
        " ".join(header.get_text(" ").split())
        for output in soup.select("div.cell_output")
        for header in output.select("table th")
    }
    return sorted(header for header in headers if ENGLISH_SCALE.search(header))


def test_the_scale_checks_find_english_scales_and_pass_chinese_ones():
    assert english_scales_in_charts(CHINESE_CHART) == []
    chart = CHINESE_CHART.replace("GMV（亿元）", "GMV（十亿元）").replace("一条上升的曲线", "排放，Mt CO₂e")
    found = english_scales_in_charts(chart)
    assert len(found) == 2 and "GMV（十亿元）" in found[0] and "排放，Mt CO₂e" in found[1], found
    # A cell keeps a source's own unit; a field name is code.
    assert english_scales_in_charts(CHINESE_CHART.replace("<td>2684</td>", "<td>2.2 Mt</td>")) == []
    assert english_scales_in_notebook_tables(CHINESE_OUTPUT) == []
    with_header = CHINESE_OUTPUT.replace(
        "<th>year</th>", "<th>人口，十亿</th><th>parcels_bn</th><th>gmt</th>"
    )
    assert english_scales_in_notebook_tables(with_header) == ["人口，十亿"]
    assert english_scales_in_notebook_tables(CHINESE_OUTPUT.replace("万吨</th>", "Mt</th>")) == [
        "2035年包裹排放，Mt"
    ]


@pytest.mark.build
def test_no_chart_or_table_on_a_chinese_page_counts_in_billions_millions_mt_or_gt(zh_site):
    """Chinese counts in 万 and 亿: 亿元, 万吨, 亿吨, 亿件, never 十亿元, 百万吨, Mt or Gt."""
    found = {}
    for name in site_check.pages(zh_site):
        page = (zh_site / name).read_text(encoding="utf-8")
        texts = english_scales_in_charts(page)
        if name.startswith("notebooks/"):
            texts += english_scales_in_notebook_tables(page)
        if texts:
            found[name] = texts
    assert not found, "\n".join(f"{name}: {texts[:8]}" for name, texts in found.items())


def appendix_english(page_html: str) -> dict[str, list[str]]:
    """English words (outside tests/zh_texts.py's allow-list) in the data appendix's documentation
    of the data: each field's meaning, each dataset's facts (file, licence, sources), and each
    source's publisher and note. A source's title is a citation and keeps its own language."""
    soup = _soup(page_html)
    texts = []
    for dataset in soup.select("section.seckill-dataset"):
        texts += [row.find_all("td")[2].get_text(" ") for row in dataset.select("tbody tr")]
        texts += [paragraph.get_text(" ") for paragraph in dataset.find_all("p")]
    for row in soup.select("table.seckill-sources tbody tr"):
        cells = row.find_all("td")
        texts += [cells[1].get_text(" "), cells[5].get_text(" ")]
    fields = zh_texts.data_field_names()
    return {text: words for text in texts if (words := zh_texts.english_words(text, fields))}


def test_appendix_english_finds_an_english_note_and_passes_a_chinese_one():
    def page(note: str) -> str:
        return (
            "<table class='seckill-sources'><tbody><tr><td><code>x-2020</code></td><td>新华社</td>"
            f"<td><a href='https://example.org' lang='en'>A title in English</a></td><td></td><td>是</td>"
            f"<td>{note}</td></tr></tbody></table>"
        )

    assert appendix_english(page("Mirror of the NBS release.")) == {
        "Mirror of the NBS release.": ["Mirror", "of", "the", "NBS", "release"]
    }
    assert appendix_english(page("国家统计局发布稿的转载（转载于ablewa.com）；'published'。")) == {}


def chinese_titles(bibtex: str) -> list[str]:
    """The titles in a BibTeX file written in Chinese, without their bracketed English translation
    ("三部门：… [Three departments: …]") and BibTeX's case-protecting braces."""
    titles = re.findall(r"^\s*title\s*=\s*\{(.*)\},?\s*$", bibtex, flags=re.M)
    return [
        re.sub(r"[{}]", "", title).split(" [")[0].strip()
        for title in titles
        if re.search("[\u4e00-\u9fff]", title)
    ]


@pytest.mark.build
def test_chinese_sources_keep_their_chinese_titles_in_the_chinese_bibliography(zh_site):
    titles = chinese_titles((ROOT / "book" / "references.bib").read_text(encoding="utf-8"))
    assert len(titles) >= 2
    page = html.unescape((zh_site / "book" / "bibliography.html").read_text(encoding="utf-8"))
    missing = [title for title in titles if title not in page]
    assert not missing, missing


@pytest.mark.build
def test_the_chinese_appendix_documents_the_data_in_chinese(zh_site):
    page = (zh_site / "book" / "data-and-sources.html").read_text(encoding="utf-8")
    soup = _soup(page)
    assert len(soup.select("section.seckill-dataset")) >= 30
    assert len(soup.select("table.seckill-sources tbody tr")) >= 200
    found = appendix_english(page)
    assert not found, "\n".join(f"{words[:8]}: {text[:80]!r}" for text, words in list(found.items())[:20])
    # Nothing in the data's documentation is marked English any more; sources' titles keep theirs.
    assert not soup.select("section.seckill-dataset [lang='en'], table.seckill-sources td[lang='en']")
    titles = soup.select("table.seckill-sources a[lang]")
    assert {"zh", "en"} <= {title["lang"] for title in titles}


@pytest.mark.build
@pytest.mark.browser
def test_a_chinese_self_check_answers_in_chinese_and_reads_full_width_digits(browser, zh_site_url):
    context, page, problems = site_check.open_page(browser, zh_site_url, "book/01-buy-it.html")
    try:
        choice = page.locator('form.seckill-selfcheck[data-kind="choice"]').first
        right = choice.locator('.seckill-selfcheck-answer li[data-correct="true"]').get_attribute(
            "data-option"
        )
        wrong = choice.locator('.seckill-selfcheck-answer li[data-correct="false"]').first.get_attribute(
            "data-option"
        )
        verdicts = []
        for option in (wrong, right):
            choice.locator(f'input[value="{option}"]').check()
            choice.locator(".seckill-selfcheck-check").click()
            verdicts.append(choice.locator(".seckill-selfcheck-result strong").inner_text())
        number = page.locator('form.seckill-selfcheck[data-kind="numeric"]').first
        field = number.locator("input[data-answer]")
        answer = float(field.get_attribute("data-answer"))
        field.fill("不知道")
        number.locator(".seckill-selfcheck-check").click()
        verdicts.append(number.locator(".seckill-selfcheck-result strong").inner_text())
        # The answer typed with a Chinese input method's full-width digits.
        typed = f"{answer:.2f}".translate(str.maketrans("0123456789.-", "０１２３４５６７８９．－"))
        field.fill(typed)
        number.locator(".seckill-selfcheck-check").click()
        verdicts.append(number.locator(".seckill-selfcheck-result strong").inner_text())
    finally:
        context.close()
    assert verdicts == ["不太对。", "正确。", "请输入一个数字，例如12.5。", "正确。"]
    assert not problems["console"] and not problems["exceptions"] and not problems["csp"], problems


# English left in what a Chinese notebook page's code printed or displayed --------------------------


def english_in_notebook_outputs(page_html: str) -> list[str]:
    """Latin-letter words outside the allow-lists in a notebook page's cell outputs: what the code
    printed, the sentences and messages it displayed, and the headers of the tables it showed.
    Charts are left to :func:`english_in_charts`; a table's cells hold the data's own values (which
    the reader's code selects by, so they stay as the data writes them), and the names of the
    data's fields and of the code's variables (underscored names, classes) are code."""
    soup = _soup(page_html)
    texts = []
    for output in soup.select("div.cell_output"):
        # A row's label (tbody th) is the data's key for it, like its cells.
        for element in output.select("div.seckill-chart, td, tbody th"):
            element.decompose()
        for header in output.select("th"):
            if zh_texts.COLUMN_NAME.match(header.get_text()):
                header.decompose()
        texts.append(output.get_text(" "))
    code = zh_texts.data_field_names() | zh_texts.NOTEBOOK_CODE_WORDS | zh_texts.model_parameter_names()
    words = {
        word for text in texts for word in zh_texts.english_words(zh_texts.CODE_IN_REPR.sub(" ", text), code)
    }
    return sorted(words)


ENGLISH_OUTPUT = """<div class="cell_output docutils container"><div class="output stream highlight-myst-ansi
notranslate"><div class="highlight"><pre><span></span>Growth 2014-2019: 35.2% a year
</pre></div></div><div class="output text_html"><table class="dataframe"><thead><tr><th>year</th>
<th>Parcel CO2e 2035, Mt</th></tr></thead><tbody><tr><td>2035</td><td>Past trend</td></tr></tbody>
</table></div></div>"""
CHINESE_OUTPUT = """<div class="cell_output docutils container"><div class="output stream highlight-myst-ansi
notranslate"><div class="highlight"><pre><span></span>2014—2019年增长：每年35.2%
ValueError: rate必须是一个数，而收到的是'36'（str）
{'sold_out_share': 0.5}  FlashSaleOutcome(sells_out=True)
</pre></div></div><div class="output text_html"><table class="dataframe"><thead><tr><th>year</th>
<th>2035年包裹排放，万吨</th></tr></thead><tbody><tr><td>2035</td><td>Past trend</td></tr></tbody>
</table></div></div>"""


def test_english_in_notebook_outputs_finds_printed_english_and_passes_chinese_output():
    assert english_in_notebook_outputs(CHINESE_OUTPUT) == []
    # From the printed line and the table's header; not from the data's cells ("Past trend"), nor
    # from a column's name (year) or a unit or symbol a Chinese page keeps (Mt, CO2e).
    assert english_in_notebook_outputs(ENGLISH_OUTPUT) == ["Growth", "Parcel"]


@pytest.mark.build
def test_no_chinese_notebook_page_prints_or_displays_english(zh_site):
    found = {}
    for page in sorted((zh_site / "notebooks").glob("*.html")):
        words = english_in_notebook_outputs(page.read_text(encoding="utf-8"))
        if words:
            found[page.name] = words
    assert not found, "\n".join(f"{name}: {words[:20]}" for name, words in found.items())


HEADING = re.compile(r"<(h[1-4])\b[^>]*>(.*?)</\1>", re.S)
NAV_LINK = re.compile(r'<a class="reference internal" href="[^"]*">(.*?)</a>', re.S)
HAN = re.compile(r"[\u4e00-\u9fff]")


def _text(fragment: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("#", "").strip()


@pytest.mark.build
def test_every_heading_and_chapter_link_on_a_chinese_page_is_in_chinese(zh_site):
    # A translated title is parsed on its own: "1. …" read as a numbered list once left every
    # chapter's title, and so the chapter list beside each page, in English.
    untranslated = []
    for page in sorted([*(zh_site / "book").glob("*.html"), *(zh_site / "notebooks").glob("*.html")]):
        text = page.read_text(encoding="utf-8")
        headings = [_text(match.group(2)) for match in HEADING.finditer(text)]
        nav = text.split('<nav class="bd-docs-nav', 1)[-1].split("</nav>", 1)[0]
        links = [_text(match) for match in NAV_LINK.findall(nav)]
        for words in [*headings, *links]:
            if re.search(r"[A-Za-z]{3,}", words) and not HAN.search(words):
                untranslated.append(f"{page.relative_to(zh_site)}: {words!r}")
    assert not untranslated, "\n".join(untranslated[:20])


# The page's chrome: exercise titles, the sidebar, the search box ---------------------------------

EXERCISE_HEADING = re.compile(
    r'<div class="(?:exercise|solution)[^"]*admonition"[^>]*>\s*<p class="admonition-title">(.*?)</p>', re.S
)


def _exercise_headings(page: Path) -> list[str]:
    return [_text(heading) for heading in EXERCISE_HEADING.findall(page.read_text(encoding="utf-8"))]


def _not_chinese(texts) -> list[str]:
    return [text for text in texts if zh_texts.english_words(text) or not HAN.search(text)]


@pytest.mark.build
def test_exercise_titles_and_solution_labels_are_chinese_on_pages_and_worksheets(built_site, zh_site):
    # sphinx-exercise's titles are messages of their page's catalogue (sitebuild/page_messages.py);
    # the worksheets are written from the same nodes as the pages.
    compared, untranslated = 0, []
    for folder in ("book", "notebooks", "worksheets"):
        for page in sorted((zh_site / folder).glob("*.html")):
            headings = _exercise_headings(page)
            assert len(headings) == len(_exercise_headings(built_site / folder / page.name)), page.name
            compared += len(headings)
            untranslated += [f"{folder}/{page.name}: {text!r}" for text in _not_chinese(headings)]
    assert compared >= 150  # 59 exercises on the pages and in the worksheets, and their solutions
    assert not untranslated, "\n".join(untranslated[:20])


CHROME_PAGES = ["book/01-buy-it.html", "notebooks/01-buy-it.html", "book/glossary.html", "search.html"]
# The parts of a page around its text: header buttons and menus, the sidebars (book title, search,
# part captions, chapter list, "on this page"), previous and next, the footer (author, copyright).
CHROME = (
    ".bd-header-article, .bd-sidebar-primary, .bd-sidebar-secondary, .prev-next-footer, .bd-footer-content"
)


@pytest.mark.build
@pytest.mark.parametrize("name", CHROME_PAGES)
def test_the_chrome_around_a_chinese_page_is_chinese(zh_site, name):
    soup = _soup((zh_site / name).read_text(encoding="utf-8"))
    captions = [caption.get_text(" ", strip=True) for caption in soup.select("nav.bd-docs-nav p.caption")]
    assert len(captions) == 4 and _not_chinese(captions) == [], captions
    boxes = soup.select('input[type="search"]')
    labels = [box[attribute] for box in boxes for attribute in ("placeholder", "aria-label")]
    assert boxes and _not_chinese(labels) == [], labels
    for hidden in soup.select("script, style, template"):
        hidden.decompose()
    texts = [text.strip() for part in soup.select(CHROME) for text in part.find_all(string=True)]
    english = [text for text in texts if zh_texts.english_words(text)]
    assert len(texts) > 20 and english == [], english


@pytest.mark.build
def test_both_editions_show_the_copyright_line_from_the_builds_catalogue(built_site, zh_site):
    # book/_templates/copyright.html shows the line sitebuild/site_locale.py writes, in each language.
    year = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["copyright"]
    line = re.compile(r'<p class="copyright">\s*(.*?)\s*<br/>', re.S)
    english = line.findall((built_site / "book" / "01-buy-it.html").read_text(encoding="utf-8"))
    chinese = line.findall((zh_site / "book" / "01-buy-it.html").read_text(encoding="utf-8"))
    assert english == [f"© Copyright {year}."] and chinese == [f"版权所有 © {year}"]


@pytest.mark.build
def test_the_chinese_build_status_table_has_chinese_headings(zh_site, built_site):
    """MyST-NB writes the status table's headings in English; the Chinese edition translates them."""

    def headings(site: Path) -> list[str]:
        page = (site / "book" / "status.html").read_text(encoding="utf-8")
        return [
            re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<th[^>]*>(.*?)</th>", page, re.S)
        ]

    assert headings(built_site) == ["Document", "Modified", "Method", "Run Time (s)", "Status"]
    chinese = headings(zh_site)
    assert len(chinese) == 5 and not [h for h in chinese if re.search(r"[A-Za-z]", h)], chinese

    def methods(site: Path) -> set[str]:
        """The third column's cells: how each notebook was run (MyST-NB's execution mode)."""
        page = (site / "book" / "status.html").read_text(encoding="utf-8")
        rows = re.findall(r"<tr[^>]*>(.*?)</tr>", page.split("<tbody>", 1)[1], re.S)
        return {
            re.sub(r"<[^>]+>", "", re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)[2]).strip() for row in rows
        }

    assert methods(built_site) == {"cache"} and methods(zh_site) == {"缓存"}


# Attributes a reader hears (screen readers) or sees on hover.
SPOKEN_ATTRIBUTES = re.compile(r'\b(aria-label|title|alt|placeholder|data-bs-title)="([^"]*)"')


def english_names_and_tooltips(page: str) -> list[str]:
    """Screen-reader names and tooltips of a page with an English word and no Chinese, except a
    citation's tooltip (the cited work's own title, which stays in its language)."""
    found = []
    for tag in re.findall(r"<[a-zA-Z][^>]*>", page):
        if 'class="reference internal"' in tag and "bibliography.html#" in tag:
            continue
        for attribute, value in SPOKEN_ATTRIBUTES.findall(tag):
            text = html.unescape(value)
            if re.search(r"[A-Za-z]{3,}", text) and not re.search(r"[\u4e00-\u9fff]", text):
                found.append(f"{attribute}={text!r}")
    return found


def test_english_names_and_tooltips_are_found_but_citations_are_not():
    page = (
        '<button title="Toggle primary sidebar"></button><a aria-label="全书目录" title="链接到此标题"></a>'
        '<a class="reference internal" href="../bibliography.html#id3" title="Wanyi Ji. Live-stream"></a>'
    )
    assert english_names_and_tooltips(page) == ["title='Toggle primary sidebar'"]


@pytest.mark.build
def test_a_chinese_pages_screen_reader_names_and_tooltips_are_chinese(zh_site):
    pages = ["book/index", "book/01-buy-it", "notebooks/02-flash-sale", "book/glossary", "search"]
    left = {
        page: english_names_and_tooltips((zh_site / f"{page}.html").read_text(encoding="utf-8"))
        for page in pages
    }
    assert not any(left.values()), left


@pytest.mark.build
def test_a_chinese_answer_label_never_nests_brackets(zh_site):
    page = (zh_site / "book" / "03-selling-poverty-alleviation.html").read_text(encoding="utf-8")
    labels = [_text(label) for label in re.findall(r"<label[^>]*>.*?</label>", page, re.S)]
    answers = [label for label in labels if label.startswith("你的答案")]
    # The unit as Chinese words a share: a bracket of its own would have to nest.
    assert "你的答案（占价格的%）" in answers
    assert [label for label in answers if re.search(r"（[^）]*（", label)] == []
    # The answer puts its number at the unit's % sign.
    assert re.search(r"<strong>占价格的\d+%</strong>", page)
    # The question bank says the unit in brackets too, never nested.
    bank = "".join(
        path.read_text(encoding="utf-8") for path in (zh_site / "question-bank" / "gift").glob("*.txt")
    )
    units = re.findall(r"（单位：[^{]*", bank)
    assert "（单位：占GDP的%）" in [unit.strip() for unit in units]
    assert [unit for unit in units if re.search(r"（[^）]*（", unit)] == []


# The last English chrome: exercise titles' brackets, the toggle buttons, short table cells -------

ASCII_BRACKETS, FULL_WIDTH_BRACKETS = (" (", ")"), ("（", "）")


def test_an_exercise_titles_brackets_become_the_editions_own():
    from docutils import nodes

    from sitebuild.page_messages import rebracket

    # A numbered exercise's heading, as sphinx-exercise writes it: " (", the title's nodes, ")".
    heading = nodes.title("", "", nodes.Text(" ("), nodes.emphasis("", "增长"), nodes.Text(")"))
    assert rebracket(heading, ASCII_BRACKETS, FULL_WIDTH_BRACKETS)
    assert heading.astext() == "（增长）"
    # A solution's link to its exercise: the number first, then the bracketed title; a bracket of
    # the title's own stays as it is.
    link = nodes.reference(
        "", "", nodes.Text(" 练习 2"), nodes.Text(" ("), nodes.Text("f(x)"), nodes.Text(")")
    )
    assert rebracket(link, ASCII_BRACKETS, FULL_WIDTH_BRACKETS)
    assert link.astext() == " 练习 2（f(x)）"
    # An exercise without a title of its own has no brackets to change.
    untitled = nodes.title("", "", nodes.Text("练习"))
    assert not rebracket(untitled, ASCII_BRACKETS, FULL_WIDTH_BRACKETS)
    assert untitled.astext() == "练习"


def test_the_space_after_an_exercises_number_goes_before_a_full_width_bracket_only():
    from sitebuild.page_messages import close_number_gap

    chinese = '<p class="admonition-title"><span class="caption-number">练习 1 </span>（增长）</p>'
    assert close_number_gap(chinese, "（") == (
        '<p class="admonition-title"><span class="caption-number">练习 1</span>（增长）</p>'
    )
    english = '<p class="admonition-title"><span class="caption-number">Exercise 1 </span> (Growth)</p>'
    assert close_number_gap(english, " (") == english
    # A figure's number before other text keeps its space.
    figure = '<span class="caption-number">图 1 </span>增长'
    assert close_number_gap(figure, "（") == figure


def test_a_short_cell_is_one_whose_every_piece_between_spaces_is_short():
    from sitebuild.cjk_tables import is_short

    assert is_short("第1章") and is_short("A课") and is_short("约60 + 60分钟") and is_short("第10章")
    # Longer pieces may wrap anywhere, so that long cells beside them keep their room.
    assert not is_short("一次90分钟的课") and not is_short("页面约60分钟 + 笔记本约45分钟")
    assert not is_short("第1章和第2章的笔记本（各约45分钟）")
    assert not is_short("") and not is_short("  ")


@pytest.mark.build
def test_exercise_titles_wear_full_width_brackets_in_chinese_and_ascii_ones_in_english(built_site, zh_site):
    # Headings and solution labels on the pages and the worksheets (sitebuild/page_messages.py).
    titled = 0
    for folder in ("book", "notebooks", "worksheets"):
        for page in sorted((zh_site / folder).glob("*.html")):
            english = _exercise_headings(built_site / folder / page.name)
            for chinese_heading, english_heading in zip(_exercise_headings(page), english, strict=True):
                if not english_heading.endswith(")"):
                    continue  # an exercise without a title of its own
                titled += 1
                assert re.search(r" \(.+\)$", english_heading), english_heading
                assert re.search(r"练习(?: \d+)?（.+）$", chinese_heading), (page.name, chinese_heading)
                assert " (" not in chinese_heading, (page.name, chinese_heading)
    assert titled >= 100  # the titled exercises' headings and solution labels, pages and worksheets


def _page_settings(site: Path, page: str) -> str:
    text = (site / page).read_text(encoding="utf-8")
    settings = re.search(r'src="([^"?]*page-settings\.[0-9a-f]+\.js)[?"]', text).group(1)
    return (site / posixpath.dirname(page) / settings).read_text(encoding="utf-8")


@pytest.mark.build
def test_the_toggle_buttons_hints_are_in_the_editions_language(built_site, zh_site):
    chinese = _page_settings(zh_site, "book/01-buy-it.html")
    assert "let toggleHintShow = '点击显示';" in chinese and "let toggleHintHide = '点击隐藏';" in chinese
    english = _page_settings(built_site, "book/01-buy-it.html")
    assert "let toggleHintShow = 'Click to show';" in english


@pytest.mark.build
@pytest.mark.browser
def test_a_chinese_pages_folded_solutions_are_named_and_hinted_in_chinese(browser, zh_site_url):
    context, page, problems = site_check.open_page(browser, zh_site_url, "book/01-buy-it.html")
    try:
        page.wait_for_selector("button.toggle-button")
        page.wait_for_function(
            "() => [...document.querySelectorAll('button.toggle-button')]"
            ".every(b => b.getAttribute('aria-label') !== 'Toggle hidden content')",
            timeout=10_000,
        )
        buttons = page.evaluate(
            """() => [...document.querySelectorAll('button.toggle-button')].map(b => [
                b.getAttribute('aria-label'), b.dataset.toggleHint])"""
        )
        page.locator("button.toggle-button").first.click()
        opened = page.locator("button.toggle-button").first.get_attribute("data-toggle-hint")
    finally:
        context.close()
    assert len(buttons) >= 3 and set(map(tuple, buttons)) == {("显示或隐藏内容", "点击显示")}, buttons
    assert opened == "点击隐藏"
    assert not problems["console"] and not problems["exceptions"] and not problems["csp"], problems


# Lines of each cell's text at a phone's width, and whether the page scrolls sideways.
_CELL_LINES_JS = """(texts) => {
    const cells = [...document.querySelectorAll('article table td, article table th')];
    const lines = (cell) => {
        // The tops of the line pieces of the cell's text (not of its paragraph's box).
        const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
        const tops = new Set();
        for (let text = walker.nextNode(); text; text = walker.nextNode()) {
            const range = document.createRange();
            range.selectNodeContents(text);
            [...range.getClientRects()].forEach(r => { if (r.width > 0) tops.add(Math.round(r.top)); });
        }
        return tops.size;
    };
    return {
        cells: texts.map(text => {
            const cell = cells.find(c => c.innerText.trim() === text);
            const marked = cell && cell.classList.contains('seckill-short-cell');
            return cell ? [text, lines(cell), marked] : [text, 0, false];
        }),
        page: document.documentElement.scrollWidth,
    };
}"""


@pytest.mark.build
@pytest.mark.browser
def test_short_table_cells_keep_their_words_whole_on_a_chinese_phone(browser, zh_site_url):
    # The instructor guide's four-week plan: five columns at 390 px (sitebuild/cjk_tables.py).
    context, page, _problems = site_check.open_page(
        browser, zh_site_url, "book/instructor-guide.html", width=site_check.PHONE_WIDTH_PX
    )
    try:
        found = page.evaluate(_CELL_LINES_JS, ["第1章", "第8章", "A课", "B课", "课后作业"])
        # A long cell of the same table still wraps.
        long_cell = page.evaluate(
            _CELL_LINES_JS, ["第7章和第8章的笔记本（约45 + 45分钟）；结语页面（约40分钟）；提交书面作业"]
        )
    finally:
        context.close()
    for text, lines, marked in found["cells"]:
        assert marked and lines == 1, (text, lines, marked)
    [(_text, lines, marked)] = long_cell["cells"]
    assert not marked and lines > 1, long_cell
    assert found["page"] <= site_check.PHONE_WIDTH_PX, found["page"]
    # A table a page's code shows (pandas' own HTML): its column headings stay whole too.
    context, page, _problems = site_check.open_page(
        browser, zh_site_url, "book/06-consumption-duty.html", width=site_check.PHONE_WIDTH_PX
    )
    try:
        headings = page.evaluate(_CELL_LINES_JS, ["年份", "数据版本", "发布日期"])
    finally:
        context.close()
    assert [lines for _text, lines, _marked in headings["cells"]] == [1, 1, 1], headings


@pytest.mark.build
def test_the_tables_on_chinese_chapter_pages_are_in_chinese(zh_site):
    # Tables a chapter page shows from its code (chapter 5's events, chapter 6's GDP estimates):
    # headers and cells, charts' tables aside (test_no_chart_on_a_chinese_page_carries_english_words).
    from bs4 import BeautifulSoup

    found, tables = {}, 0
    for page in sorted((zh_site / "book").glob("[0-9][0-9]-*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for chart in soup.select("div.seckill-chart"):
            chart.decompose()
        for table in soup.select("div.cell_output table"):
            tables += 1
            words = [
                word for cell in table.select("th, td") for word in zh_texts.english_words(cell.get_text(" "))
            ]
            if words:
                found.setdefault(page.name, []).extend(words)
    assert tables >= 2
    assert not found, found
