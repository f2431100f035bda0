"""Chapter 6's consumption-share tables and charts, the rebalancing chart and its explorer."""

import math

import ipywidgets
import pytest

from seckill import data
from seckill.chapters import ch06
from seckill.charts import render, tables
from seckill.explorers import rebalancing as rebalancing_explorer
from seckill.models import rebalancing
from tests.details_table import number, read_table, starting_values
from tests.zh_texts import english_words, in_chinese


@pytest.fixture(scope="module")
def shares():
    return ch06.consumption_share_table()


def test_share_table_passes_both_sources_through(shares):
    wb = data.load("household_consumption_share").set_index(["economy", "year"])
    pwt = data.load("pwt_household_consumption_share").set_index(["economy", "year"])
    assert (
        ch06.share_in(shares, "China", ch06.WORLD_BANK, 2019)
        == wb.loc[("China", 2019), "household_consumption_pct_gdp"]
    )
    assert (
        ch06.share_in(shares, "United States", ch06.PWT, 2019)
        == pwt.loc[("United States", 2019), "household_consumption_pct_gdp_ppp"]
    )
    assert set(shares[shares["source"] == ch06.PWT]["economy"]) == {"China", "United States"}
    with pytest.raises(KeyError):
        ch06.share_in(shares, "World", ch06.PWT, 2019)  # PWT has no world aggregate


def test_source_gap_is_world_bank_minus_pwt(shares):
    gap = ch06.source_gap_table(shares).set_index(["economy", "year"])["gap_pp"]
    expected = ch06.share_in(shares, "United States", ch06.WORLD_BANK, 2019) - ch06.share_in(
        shares, "United States", ch06.PWT, 2019
    )
    assert gap[("United States", 2019)] == pytest.approx(expected)
    assert "World" not in gap.index.get_level_values("economy")


def test_gdp_revisions_are_kept_as_separate_rows():
    vintages = ch06.gdp_vintages_table()
    preliminary, final = ch06.revision(vintages, 2020)
    raw = data.load("gdp_growth_vintages")
    rows_2020 = raw[raw["year"] == 2020].set_index("estimate")["gdp_growth_pct"]
    assert (preliminary, final) == (rows_2020["preliminary"], rows_2020["final"])
    assert preliminary != final


def test_recovery_table_uses_the_latest_gdp_estimate_and_nominal_retail():
    vintages = ch06.gdp_vintages_table()
    table = ch06.recovery_table(vintages).set_index(["measure", "year"])["growth_pct"]
    _preliminary, final = ch06.revision(vintages, 2020)
    assert table[("Real GDP (latest NBS estimate)", 2020)] == final
    retail = data.load("retail_sales")
    total = retail[retail["measure"] == "total_retail_sales_consumer_goods"].set_index("year")["yoy_pct"]
    assert table[("Retail sales of consumer goods (nominal)", 2020)] == total[2020]


def test_campaign_table_keeps_every_row_with_its_confidence():
    table = ch06.campaigns_table()
    raw = data.load("consumption_campaigns")
    assert len(table) == len(raw)
    assert set(table["Confidence"]) <= {"High", "Medium", "Low"}
    assert table["Date"].is_monotonic_increasing


@pytest.mark.parametrize(
    "build",
    [
        lambda s: ch06.consumption_share_chart(s),
        lambda s: ch06.source_gap_chart(ch06.source_gap_table(s)),
        lambda s: ch06.recovery_chart(ch06.recovery_table(ch06.gdp_vintages_table())),
        lambda s: ch06.rebalancing_explorer_chart(*ch06.current_china_share(s)),
    ],
)
def test_every_chapter_chart_has_title_source_and_description(shares, build):
    spec = build(shares).to_dict()
    assert spec["title"]["text"] and spec["description"]
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


def test_rebalancing_sliders_are_bounded_and_labelled_assumptions(shares):
    year, share = ch06.current_china_share(shares)
    spec = ch06.rebalancing_explorer_chart(year, share).to_dict()
    params = _params(spec)
    target = params["target_pct"]["bind"]
    assert target["min"] > share  # the static chart can never ask for a fall
    assert target["max"] < 100
    for name in ("gdp_growth_pct", "consumption_growth_pct"):
        bind = params[name]["bind"]
        assert 0 <= bind["min"] < bind["max"] <= 12
        assert "assumption" in bind["name"]
    text = str(spec)
    # The browser's answer is guarded: 'never' when the share cannot rise, a bound past the horizon.
    assert "Never" in text and f"Not within {ch06.EXPLORER_HORIZON_YEARS} years" in text


def test_rebalancing_chart_starts_from_the_data(shares):
    year, share = ch06.current_china_share(shares)
    assert year == 2019
    assert share == ch06.share_in(shares, "China", ch06.WORLD_BANK, 2019)
    with pytest.raises(ValueError, match="current_share"):
        ch06.rebalancing_explorer_chart(year, 120.0)


def test_explorer_describes_the_model_answer():
    result = rebalancing.rebalance(0.389, 0.5, 0.05, 0.065)
    text = rebalancing_explorer.describe(result, 2019)
    assert f"{result.years:.1f} years" in text
    assert f"{result.consumption_volume_multiple:.2f} times" in text


def test_explorer_is_a_note_in_the_book_and_bounded_widgets_in_a_kernel(monkeypatch):
    kwargs = {"base_year": 2019, "current_share_pct": 38.9, "source": "test"}
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    assert "needs a live Python kernel" in rebalancing_explorer.rebalancing_explorer(**kwargs).data
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    widget = rebalancing_explorer.rebalancing_explorer(**kwargs)
    assert isinstance(widget, ipywidgets.VBox)
    gdp, consumption, target = widget.children[0].children
    assert (gdp.min, gdp.max) == (0, 10) and (consumption.min, consumption.max) == (0, 12)
    assert (target.min, target.max) == (39, 70)  # as on the page: from just above the current share

    # Settings the model refuses give a message to show, not an exception or a wrong chart.
    result, text = rebalancing_explorer.answer(38.9, 30, 5, 7, 2019)
    assert result is None and "below current_share" in text
    result, text = rebalancing_explorer.answer(38.9, 50, 6, 5, 2019)
    assert result is None and "never rises" in text
    result, text = rebalancing_explorer.answer(38.9, 50, 5, 6.5, 2019)
    assert result is not None and text == rebalancing_explorer.describe(result, 2019)


def test_rebalancing_explorer_table_is_the_model_path_at_the_sliders_starting_values(shares):
    """Rebuilt from the chart's own slider values and starting point through the model."""
    year, share = ch06.current_china_share(shares)
    spec = ch06.rebalancing_explorer_chart(year, share).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    start = starting_values(spec)
    g, c = start["gdp_growth_pct"] / 100, start["consumption_growth_pct"] / 100
    assert headers == ["Year", "% of GDP", f"Consumption ({year} = 1)", f"GDP ({year} = 1)"]
    years = [int(number(row[0])) for row in rows]
    # Every fifth year of the horizon while the share stays below 100 %, as the chart's line.
    below = [
        t for t in range(0, ch06.EXPLORER_HORIZON_YEARS + 1, 5) if share * ((1 + c) / (1 + g)) ** t < 100
    ]
    assert years == [year + t for t in below]
    for t, row in zip(below, rows, strict=True):
        assert number(row[1]) == pytest.approx(share * ((1 + c) / (1 + g)) ** t, abs=0.051)
        assert number(row[2]) == pytest.approx((1 + c) ** t, abs=0.0051)
        assert number(row[3]) == pytest.approx((1 + g) ** t, abs=0.0051)
    years_needed = rebalancing.years_to_target_share(share / 100, start["target_pct"] / 100, g, c)
    assert years_needed <= ch06.EXPLORER_HORIZON_YEARS  # the starting settings give an answer
    assert f"Target {start['target_pct']:g}% of GDP: reached in {years_needed:.0f} years" in caption
    assert f"(around {year + years_needed:.0f})" in caption
    assert f"buy {math.pow(1 + c, years_needed):.1f} × the {year} volume" in caption
    assert "seckill.models.rebalancing.rebalancing_path" in caption
    assert caption.endswith("its sliders change the chart, not this table.")


def test_the_vintages_and_campaigns_tables_are_in_the_readers_language():
    vintages = ch06.gdp_vintages_table()
    assert {"preliminary", "final"} <= set(ch06.gdp_vintages_listing(vintages)["estimate"])
    with in_chinese():
        estimates = ch06.gdp_vintages_listing(vintages)["estimate"]
        campaigns = ch06.campaigns_table()
    assert {"初步核算数", "最终核实数"} <= set(estimates)
    assert set(campaigns["可信度"]) <= {"高", "中", "低"}
    texts = [*estimates, *campaigns.columns, *campaigns.select_dtypes(["object", "str"]).to_numpy().ravel()]
    assert [text for text in texts if english_words(text)] == []


def test_the_pages_vintages_table_is_headed_and_worded_in_the_readers_language():
    vintages = ch06.gdp_vintages_table()
    english = ch06.gdp_vintages_page_table(vintages)
    assert list(english.columns) == ["Year", "Estimate", "Published", "Real GDP growth, %"]
    assert "as cited in January 2021" in set(english["Estimate"])
    with in_chinese():
        chinese = ch06.gdp_vintages_page_table(vintages)
    assert list(chinese.columns) == ["年份", "数据版本", "发布日期", "实际GDP增长率（%）"]
    assert list(chinese["实际GDP增长率（%）"]) == list(english["Real GDP growth, %"])
    assert [text for text in [*chinese.columns, *chinese["数据版本"]] if english_words(text)] == []
