"""The package's texts in Chinese: the catalogue is complete, and the shared pieces (wrapping,
units, dates, glued numbers, the chart and table machinery, controls) speak the reader's language
while English stays as it was."""

from __future__ import annotations

import re
import string

import altair as alt
import pandas as pd
import polib
import pytest

from scripts import translations
from seckill import charts, i18n, pages
from seckill.charts import render, tables
from seckill.controls import Menu, Slider
from tests.zh_texts import data_field_names, english_in_chart, english_words


def _placeholders(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def _same_numbers(english: str, translation: str) -> bool:
    """The translation fills the English text's places, each by its name or, for a number named in
    millions or billions (``parcels_bn``), by its Chinese-scale name (``parcels_yi``), which the
    code passes too, as the pages' glued numbers allow."""
    wanted = _placeholders(english)
    given = _placeholders(translation)
    if len(wanted) != len(given):
        return False
    return all(
        name in given or any(other in given for other in i18n.chinese_scale_names(name)) for name in wanted
    )


# A word of code quoted in a message (an exercise's hint: "(events['year'] == 2021).sum()"), which
# its translation quotes as it is: a name next to a dot, bracket, quote, "=", "," or "|".
_CODE_WORD = re.compile(r"(?<=[._(\[{'*,|])\s*([A-Za-z_]\w*)|([A-Za-z_]\w*)(?=\s*[._()\[\]'=,|:])")


def _code_words(english: str) -> set[str]:
    return {first or second for first, second in _CODE_WORD.findall(english)}


def test_every_package_text_has_a_translation_that_keeps_its_placeholders():
    """Extract the texts the code passes to tr() and mark(), and the data's listed texts, as the
    catalogue's update does; each must be translated, not fuzzy, with the same {placeholders}."""
    template = translations.extract_package()
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(i18n.catalogue_path("zh_CN")))}
    problems = []
    for message in template:
        if not message.id:
            continue
        entry = catalogue.get(message.id)
        if entry is None or not entry.msgstr or entry.fuzzy:
            problems.append(f"untranslated or fuzzy: {message.id!r}")
        elif not _same_numbers(message.id, entry.msgstr):
            problems.append(f"placeholders differ: {message.id!r} -> {entry.msgstr!r}")
        elif set(
            english_words(re.sub(r"\{[^}]*\}|<[^>]+>", " ", entry.msgstr), data_field_names())
        ) - _code_words(message.id):
            problems.append(f"left in English: {message.id!r}")
    assert not problems, "\n".join(problems[:40]) + "\nrun: python -m scripts.translations package"
    assert len(template) > 40


def test_the_data_packages_documentation_is_in_the_catalogue():
    """The appendix shows every field's description, every dataset's sources and every source's
    publisher and note through tr(): each must be a text data-texts.csv hands the catalogue."""
    from seckill import data

    listed = {text for text, _ in translations.data_texts()}
    descriptor = data.read_descriptor()
    sources = data.sources().reset_index()
    shown = {
        field["description"] for resource in descriptor["resources"] for field in resource["schema"]["fields"]
    }
    shown |= {source["title"] for resource in descriptor["resources"] for source in resource["sources"]}
    shown |= set(sources["publisher"].dropna()) | set(sources["note"].dropna())
    missing = sorted(text for text in shown if text.strip() and text not in listed)
    assert not missing, f"{len(missing)} texts of the data package not extracted, e.g. {missing[:3]}"
    assert len(shown) > 600


def test_every_data_text_keeps_the_english_numbers():
    """A field's description or a source's note in Chinese keeps every number of the English, with
    its scale ("1.34 bn yuan" as 13.4亿元, "Jan–Sep 2021" as 2021年1—9月)."""
    catalogue = {entry.msgid: entry for entry in polib.pofile(str(i18n.catalogue_path("zh_CN")))}
    problems = []
    for text, where in translations.data_texts():
        entry = catalogue.get(text)
        if entry is None or not entry.msgstr or entry.fuzzy:
            problems.append(f"{where}: untranslated or fuzzy: {text[:60]!r}")
            continue
        problems += [
            f"{where}: {text[:60]!r}: {problem}"
            for problem in translations.check_message(text, entry.msgstr, data=True)
        ]
    assert not problems, "\n".join(problems[:20])


@pytest.mark.parametrize(
    ("english", "kept", "changed"),
    [
        (
            "1.34 bn yuan; over 700 m yuan in 2019-2020.",
            "13.4亿元；2019—2020年逾7亿元。",
            "1.34亿元；2019—2020年逾7亿元。",
        ),
        ("1.43 tn yuan (Jan–Sep 2021).", "1.43万亿元（2021年1—9月）。", "1.43万亿元（2021年1—8月）。"),
        ("about US$1.52 a day", "约合每天1.52美元", "约合每天1.5美元"),
        (
            "from 83.36 billion in 2020 to 175.08 billion",
            "从2020年的833.6亿增至1750.8亿",
            "从2021年的833.6亿增至1750.8亿",
        ),
    ],
)
def test_the_data_number_check_reads_the_datas_abbreviations_and_finds_a_changed_number(
    english, kept, changed
):
    assert translations.check_message(english, kept, data=True) == []
    assert any(
        "numbers differ" in problem for problem in translations.check_message(english, changed, data=True)
    )


def test_a_missing_translation_is_an_error_that_names_the_text_and_the_catalogue(chinese):
    with pytest.raises(i18n.MissingTranslation, match=r"'No such text' in .*seckill\.po"):
        i18n.tr("No such text")
    assert i18n.tr("Source: {source}") != "Source: {source}"


def test_chinese_titles_wrap_at_half_the_characters_and_never_start_a_line_with_closing_punctuation():
    title = "阿里巴巴平台上的双十一销售额（对数坐标），2009—2021年，单日与多日统计口径"
    lines = i18n.wrap(title, charts.TITLE_LINE_CHARS)
    assert "".join(lines) == title
    assert all(i18n.text_width(line) <= charts.TITLE_LINE_CHARS for line in lines)
    assert all(line[0] not in "，。、：；）" for line in lines) and all(
        line[-1] not in "（《“" for line in lines
    )
    assert max(len(line) for line in lines) <= charts.TITLE_LINE_CHARS // 2 + 2
    assert "2009—2021年" in "".join(lines[1:]) or any("2009" in line and "2021" in line for line in lines)
    english = "Singles' Day sales on Alibaba's platforms, one-day and multi-day totals, 2009 to 2021"
    assert i18n.wrap(english, 36) == __import__("textwrap").wrap(english, 36)


@pytest.mark.parametrize("width", range(14, 60, 2))
def test_chinese_wrap_keeps_a_number_with_its_unit_brackets_with_their_text_and_titles_whole(width):
    texts = [
        "到2035年，中国快递包裹的排放能否守住其在1.5 °C预算中的份额？",
        "1.5 °C预算，50%概率：130 Gt",
        "李佳琦的15,000支口红：5分钟（《时代》周刊）；5分钟内卖出15,000支（《南华早报》）",
    ]
    for text in texts:
        lines = i18n.wrap(text, width)
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")
        assert all(i18n.text_width(line) <= width for line in lines)
        assert all(line[-1] not in "（《“" and line[0] not in "，。、：；）》”" for line in lines)
        assert all(not line.endswith(("1.5", "130")) for line in lines)  # "1.5 °C" and "130 Gt" stay whole
        for title in ("《时代》", "《南华早报》"):  # whole wherever it fits with its brackets
            fits = i18n.text_width(f"（{title}）") <= width
            assert title not in text or not fits or any(title in line for line in lines)


@pytest.mark.parametrize("width", range(44, 80, 2))
def test_chinese_wrap_never_leaves_a_line_wider_than_it_must_be(width):
    """A pause early in a line must not keep what follows it with a long unbreakable piece (a code
    name in brackets): every line fits whenever each piece fits."""
    text = "资料来源：按读者假设进行的模拟（seckill.models.streamer.simulate_cohort）"
    lines = i18n.wrap(text, width)
    assert "".join(lines) == text
    assert all(i18n.text_width(line) <= width for line in lines), lines


def test_a_large_count_reads_in_yi_from_a_hundred_million_and_in_wan_below(chinese):
    assert [i18n.large_number(value) for value in (1.5e8, 1e8, 9.9e7, 3e5, 1e4, 2500)] == [
        "1.5亿",
        "1亿",
        "9900万",
        "30万",
        "1万",
        "2500",
    ]
    with pytest.raises(ValueError, match="finite"):
        i18n.large_number(float("nan"))


def test_a_large_count_reads_in_the_english_scale_asked_for():
    assert i18n.large_number(1.5e8) == "150 million"
    assert i18n.large_number(3e5) == "0.3 million"
    assert i18n.large_number(2.5e9, "billion") == "2.5 billion"
    with pytest.raises(ValueError, match="english_scale"):
        i18n.large_number(1e6, "lakh")


def test_quantities_are_shown_in_chinese_units_with_the_same_precision(chinese):
    frame = pd.DataFrame({"year": [2019], "gmv_rmb_bn": [268.4], "people_m": [560.0]})
    converted = i18n.in_reader_units(frame, ["gmv_rmb_bn", "people_m"])
    assert list(converted.columns) == ["year", "gmv_rmb_yi", "people_wan"]
    assert converted["gmv_rmb_yi"].iloc[0] == pytest.approx(2684.0)
    assert converted["people_wan"].iloc[0] == pytest.approx(56000.0)
    assert i18n.reader_unit("gmv_rmb_bn").format(",.1f") == ",.0f"
    assert i18n.reader_unit("total_rmb_tn").format(".2f") == ".2f"  # 万亿 is the same size
    assert i18n.reader_unit("co2_gt").field == "co2_yi_t"
    with pytest.raises(KeyError, match="no column"):
        i18n.in_reader_units(frame, ["gmv_usd_bn"])
    i18n.set_language("en")
    assert i18n.in_reader_units(frame, ["gmv_rmb_bn"]) is frame


def test_dates_are_written_as_each_language_writes_them(chinese):
    assert i18n.format_date("2021-11-11") == "2021年11月11日"
    assert i18n.format_date("2020-03-01", "month") == "2020年3月"
    i18n.set_language("en")
    assert i18n.format_date("2021-11-11") == "11 November 2021"
    with pytest.raises(ValueError, match="precision"):
        i18n.format_date("2021-11-11", "week")


def test_glued_numbers_also_get_their_chinese_scale_names_and_a_collision_stops_the_build():
    glued = pages.with_chinese_scales({"gmv_2019_rmb_bn": 268.4, "share_pct": 3.2, "name": "Tmall"})
    assert glued["gmv_2019_rmb_yi"] == pytest.approx(2684.0)
    assert glued["gmv_2019_rmb_wanyi"] == pytest.approx(0.2684)
    assert glued["share_pct"] == 3.2 and "share_pct_yi" not in glued
    with pytest.raises(ValueError, match="gmv_rmb_yi"):
        pages.with_chinese_scales({"gmv_rmb_bn": 1.0, "gmv_rmb_yi": 10.0})
    with pytest.raises(ValueError, match="both be glued"):
        pages.with_chinese_scales({"people_k": 1.0, "people_m": 2.0})  # both give people_wan


def _chart():
    frame = pd.DataFrame({"year": [2020, 2021], "gmv_rmb_bn": [1.0, 2.0], "flag": [True, False]})
    rate = Slider("rate_pct", i18n.mark("Growth rate"), "%", 1, 10, 1, 5, note=i18n.mark("assumption"))
    menu = Menu("pick", i18n.mark("Start the curve in"), "", [2020, 2021], 2020)
    chart = (
        alt.Chart(frame)
        .mark_line()
        .encode(x="year:O", y="gmv_rmb_bn:Q")
        .add_params(rate.param(), menu.param())
    )
    return charts.finish(chart, title="标题", source="国家统计局", description="一张折线图。")


def test_the_chart_machinery_and_its_table_speak_chinese(chinese, monkeypatch):
    # The table's headers must be the chart's: a Chinese chart with untitled fields is an error.
    with pytest.raises(i18n.MissingTranslation, match="header the table makes from the field 'gmv_rmb_bn'"):
        tables.details_html(_chart().to_dict())
    frame = pd.DataFrame({"year": [2020, 2021], "v": [1.0, 2.0], "ok": [True, False]})
    chart = (
        alt.Chart(frame)
        .mark_line()
        .encode(
            x=alt.X("year:O", title="年份"),
            y=alt.Y("v:Q", title="数值"),
            tooltip=[alt.Tooltip("ok:N", title="是否")],
        )
    )
    rate = Slider("rate_pct", i18n.mark("Growth rate"), "%", 1, 10, 1, 5, note=i18n.mark("assumption"))
    spec = charts.finish(
        chart.add_params(rate.param()), title="标题", source="国家统计局", description="图。"
    ).to_dict()
    assert spec["title"]["subtitle"] == ["资料来源：国家统计局"]
    assert spec["config"]["locale"]["time"]["months"][10] == "11月"
    assert english_in_chart(spec) == {}
    html = render.static_html(spec)
    assert "查看数字：标题" in html and "需要启用JavaScript" in html
    assert "<td>是</td>" in tables.details_html(spec)
    kernel = render.kernel_html(spec, with_bundle=False)
    assert i18n.tr(render.WAITING_NOTE) in kernel and i18n.tr(render.NOT_DRAWN_NOTE) in kernel


def test_controls_speak_the_language_chosen_after_they_were_declared(chinese):
    rate = Slider("rate_pct", i18n.mark("Growth rate"), "%", 1, 10, 1, 5, note=i18n.mark("assumption"))
    assert rate.text == f"{i18n.tr('Growth rate')}（%；{i18n.tr('assumption')}）"
    assert rate.param().param.bind.name.endswith("：")
    with pytest.raises(ValueError, match="超出"):
        rate.param(50)
    i18n.set_language("en")
    assert rate.text == "Growth rate, % (assumption)"
    assert rate.param().param.bind.name == "Growth rate, % (assumption): "


def test_the_english_chart_has_no_locale_and_english_sentences():
    spec = _chart().to_dict()
    assert "locale" not in spec.get("config", {})
    assert spec["title"]["subtitle"] == ["Source: 国家统计局"]
    assert "Show the numbers: 标题" in tables.details_html(spec)
