"""Chapters 1-3, their explorers and the data appendix in Chinese: every text a reader sees.

Each chart is built with the language set to Chinese. Its title, source line, description, axis,
legend and tooltip titles, drawn labels, control labels, table of model values and "Show the
numbers" table must hold no English word (tests/zh_texts.py lists the few allowed), its title must
wrap to the Chinese width, and each read-out the browser computes must still evaluate, to Chinese.
The English charts are checked by the chapters' own tests, which run in English.
"""

from __future__ import annotations

import html
import re

import pytest

from seckill import charts, i18n
from seckill.calibrations import flash_sale_inputs, singles_day
from seckill.chapters import appendix, ch01, ch02, ch03
from seckill.charts import tables
from seckill.explorers import growth as growth_explorer
from seckill.explorers import value_chain as value_chain_explorer
from seckill.models import flash_sale, value_chain
from tests.vega_expression import evaluate
from tests.zh_texts import data_field_names, english_in_chart, english_words, in_chinese


@pytest.fixture(autouse=True)
def _every_test_in_chinese(chinese):
    yield


def _channels():
    d = ch03.value_chain_defaults()
    return value_chain.compare_channels(
        d["price_rmb"],
        ch03.channel_settings(d),
        materials_rmb_per_item=d["materials_rmb_per_item"],
        units_sold=d["units_sold"],
    )


def _histogram():
    sale = flash_sale_inputs.default_sale()
    return ch02.sell_out_histogram_chart(flash_sale.simulate_sessions(sale, n_sessions=200, seed=2), sale)


def _split():
    d = ch03.value_chain_defaults()
    return ch03.split_chart(
        ch03.default_split(d), price_rmb=d["price_rmb"], hours_per_item=d["hours_per_item"]
    )


def _projection():
    path, _ = growth_explorer.projection_table(2021, 540.3, 0.36, 2040, 44082.0)
    return growth_explorer.projection_chart(
        path,
        target_rmb_bn=44082.0,
        target_label="2021年全国零售总额",
        source="阿里巴巴；国家统计局",
        rate=0.36,
    )


def _capacity_outputs():
    return value_chain_explorer.capacity_outputs(ch03.capacity_defaults())[0]


CHARTS = {
    "ch01.gmv": lambda: ch01.gmv_chart(singles_day.singles_day_table()),
    "ch01.gmv_log": lambda: ch01.gmv_chart(singles_day.singles_day_table(), log_scale=True),
    "ch01.growth_explorer": lambda: ch01.growth_explorer_chart(singles_day.singles_day_table()),
    "ch01.market_size": lambda: ch01.market_size_chart(ch01.market_size_table()),
    "ch01.viewers": lambda: ch01.viewers_chart(ch01.viewers_table()),
    "ch01.retail_share": lambda: ch01.retail_share_chart(ch01.retail_share_table()),
    "ch02.presale": lambda: ch02.presale_chart(ch02.presale_table()),
    "ch02.flash_sale_explorer": lambda: ch02.flash_sale_explorer_chart(ch02.lipstick_table()),
    "ch02.stock_choice": lambda: ch02.stock_choice_chart(ch02.lipstick_table()),
    "ch02.histogram": _histogram,
    "ch03.villages": lambda: ch03.taobao_villages_chart(ch03.taobao_villages_table()),
    "ch03.rural_retail": lambda: ch03.rural_retail_chart(ch03.rural_retail_table()),
    "ch03.rural_share": lambda: ch03.rural_share_chart(ch03.rural_retail_table()),
    "ch03.split": _split,
    "ch03.channels": lambda: ch03.channels_chart(
        _channels(), price_rmb=ch03.value_chain_defaults()["price_rmb"]
    ),
    "ch03.value_chain_explorer": lambda: ch03.value_chain_explorer_chart(),
    "ch03.capacity_explorer": lambda: ch03.capacity_explorer_chart(),
    "explorers.growth_projection": _projection,
    "explorers.capacity": _capacity_outputs,
}


@pytest.fixture(scope="module")
def specs():
    with in_chinese():
        return {name: build().to_dict() for name, build in CHARTS.items()}


@pytest.mark.parametrize("name", CHARTS)
def test_every_text_of_the_chart_and_its_table_is_chinese(specs, name):
    assert english_in_chart(specs[name]) == {}


@pytest.mark.parametrize("name", CHARTS)
def test_titles_wrap_to_the_chinese_width_and_the_chart_reads_dates_and_numbers_in_chinese(specs, name):
    spec = specs[name]
    lines = spec["title"]["text"] + spec["title"]["subtitle"]
    assert all(i18n.text_width(line) <= charts.style.SUBTITLE_LINE_CHARS for line in lines)
    assert all(i18n.text_width(line) <= charts.TITLE_LINE_CHARS for line in spec["title"]["text"])
    assert spec["title"]["subtitle"][0].startswith("资料来源：")
    assert spec["config"]["locale"] == i18n.VEGA_LOCALES["zh_CN"]


def _readouts(spec):
    """Every Vega expression that builds a text the reader sees: text marks' calculated labels."""
    for node in tables.spec_objects(spec):
        if node.get("mark") in ("text", {"type": "text"}) or (
            isinstance(node.get("mark"), dict) and node["mark"].get("type") == "text"
        ):
            for step in node.get("transform") or []:
                if step.get("as") == "label":
                    yield step["calculate"]


@pytest.mark.parametrize(
    "name",
    [
        "ch01.growth_explorer",
        "ch02.flash_sale_explorer",
        "ch02.stock_choice",
        "ch03.value_chain_explorer",
        "ch03.capacity_explorer",
    ],
)
@pytest.mark.parametrize("sold", [True, False])
def test_read_outs_computed_in_the_browser_evaluate_to_chinese(specs, name, sold):
    spec = specs[name]
    values = {param["name"]: param["value"] for param in spec.get("params", []) if "value" in param}
    expressions = list(_readouts(spec))
    assert expressions
    for expression in expressions:
        datum = {field: 2.0 for field in re.findall(r"datum\.(\w+)", expression)} | {"sold": sold}
        text = evaluate(expression, values, datum)
        assert isinstance(text, str) and re.search(r"[\u4e00-\u9fff]", text), (expression, text)
        assert english_words(text) == [], text


def test_the_growth_chart_shows_sales_in_yi_yuan_converted_from_billions():
    english = ch01.gmv_chart(singles_day.singles_day_table())
    spec = english.to_dict()
    rows = next(rows for rows in spec["datasets"].values() if rows and "gmv_rmb_yi" in rows[0])
    table = singles_day.singles_day_table().set_index("year")["gmv_rmb_bn"]
    assert all(row["gmv_rmb_yi"] == pytest.approx(10 * table[row["year"]]) for row in rows)
    assert "亿元" in spec["layer"][1]["encoding"]["y"]["title"]


def test_a_reader_who_sets_a_control_outside_its_bounds_is_told_so_in_chinese():
    with pytest.raises(ValueError, match="超出了"):
        ch01.GROWTH_PCT.param(500)


def test_the_appendix_speaks_chinese_and_translates_the_data_packages_documentation():
    page = appendix.datasets_html() + appendix.sources_html()
    assert "<strong>文件：</strong>" in page and "每个数字的来源" in page and "2026年11月26日" in page
    # Field descriptions, datasets' sources, publishers and notes are in Chinese: nothing is left
    # marked as English. Only a source's title, a citation, keeps its own language.
    assert 'lang="en"' not in re.sub(r"<a [^>]*>.*?</a>", " ", page, flags=re.S)
    assert "国家统计局" in page and "百万吨" in page and "转载于" in page
    citations = re.sub(r'<a [^>]*lang="[a-z]+"[^>]*>.*?</a>', " ", page, flags=re.S)
    visible = html.unescape(re.sub(r"<code>.*?</code>|<[^>]+>", " ", citations))
    assert english_words(visible, data_field_names()) == []


def test_an_impossible_setting_in_the_value_chain_explorer_is_explained_in_chinese():
    values = ch03.value_chain_defaults() | {"price_rmb": 20.0, "host_commission_pct": 50.0}
    (message,) = value_chain_explorer.value_chain_outputs(values)
    assert "倒贴" in message.data and "无法拆分这一价格" in message.data
    assert english_words(message.data) == []
