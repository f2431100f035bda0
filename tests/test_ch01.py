"""Chapter 1's data shaping, charts and explorer, checked against the data package."""

import pandas as pd
import pytest

from seckill import data
from seckill.calibrations import singles_day
from seckill.chapters import ch01
from seckill.charts import render, tables
from seckill.explorers import growth as growth_explorer
from seckill.models import growth
from tests.details_table import number, read_table, starting_values


@pytest.fixture(scope="module")
def table():
    return singles_day.singles_day_table()


def test_headline_series_is_alibaba_one_row_per_year(table):
    assert table["year"].is_unique and table["year"].is_monotonic_increasing
    gmv = data.load("singles_day_gmv")
    headline = gmv[gmv["headline"]].set_index("year")["gmv_rmb_bn"]
    for row in table.itertuples():
        expected = headline[row.year]
        assert (pd.isna(expected) and pd.isna(row.gmv_rmb_bn)) or expected == row.gmv_rmb_bn


def test_window_and_disclosure_breaks_are_where_the_sources_put_them(table):
    by_year = table.set_index("year")
    assert set(by_year.loc[:2019, "window_days"]) == {1}
    assert (by_year.loc[2020:, "window_days"] > 1).all()
    assert set(by_year.loc[2022:, "status"]) == {"not disclosed"}
    assert by_year.loc[2022:, "gmv_rmb_bn"].isna().all()


def test_growth_summary_uses_only_one_day_totals(table):
    summary = ch01.growth_summary(table)
    values = table.set_index("year")["gmv_rmb_bn"]
    assert summary["cagr_2014_2019"] == pytest.approx((values[2019] / values[2014]) ** 0.2 - 1)
    assert summary["doubling_2014_2019_years"] == pytest.approx(
        growth.doubling_time_years(summary["cagr_2014_2019"])
    )
    assert summary["cagr_2014_2019"] < summary["cagr_2009_2019"]  # growth slowed


def test_projection_grid_starts_from_recorded_values(table):
    grid = ch01.projection_grid(table)
    recorded = table.set_index("year")["gmv_rmb_bn"]
    starts = grid[grid["years_since"] == 0]
    for row in starts.itertuples():
        assert row.base_value == recorded[row.start_year]
    assert grid["start_year"].max() < singles_day.LAST_ONE_DAY_YEAR


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


def test_growth_explorer_has_bounded_controls_and_the_doubling_formula(table):
    spec = ch01.growth_explorer_chart(table).to_dict()
    params = _params(spec)
    rate = params["growth_pct"]["bind"]
    assert rate["input"] == "range" and rate["min"] >= 1 and rate["max"] <= 150
    assert set(params["start_year"]["bind"]["options"]) <= set(table["year"])
    assert "log(2) / log(1 + growth_pct / 100)" in str(spec)


@pytest.mark.parametrize(
    "build",
    [
        lambda t: ch01.gmv_chart(t),
        lambda t: ch01.gmv_chart(t, log_scale=True),
        lambda t: ch01.growth_explorer_chart(t),
        lambda t: ch01.market_size_chart(ch01.market_size_table()),
        lambda t: ch01.viewers_chart(ch01.viewers_table()),
        lambda t: ch01.retail_share_chart(ch01.retail_share_table(gmv_table=t)),
    ],
)
def test_every_chapter_chart_has_title_source_and_description(table, build):
    spec = build(table).to_dict()
    assert spec["title"]["text"] and spec["description"]
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def test_market_size_keeps_estimates_separate():
    table = ch01.market_size_table()
    assert (table["year"] == 2020).sum() >= 4  # the disagreeing 2020 estimates are all there
    assert set(table["kind"]) >= {"estimate", "forecast"}


def test_viewers_table_drops_missing_values_and_marks_derived_ones():
    table = ch01.viewers_table()
    assert table["people_m"].notna().all()
    assert set(table["status"]) == {"published", "derived"}


def test_retail_share_derivation_is_gmv_over_total_retail(table):
    shares = ch01.retail_share_table(gmv_table=table)
    derived = shares[shares["status"] == "derived"].set_index("year")["share_pct"]
    retail = data.load("retail_sales")
    total = retail[retail["measure"] == "total_retail_sales_consumer_goods"].set_index("year")["value_rmb_bn"]
    gmv = table.set_index("year")["gmv_rmb_bn"]
    assert derived[2019] == pytest.approx(100 * gmv[2019] / total[2019])


def test_projection_table_and_its_errors():
    path, years = growth_explorer.projection_table(2021, 100.0, 0.5, 2030, 400.0)
    assert years == pytest.approx(growth.years_to_reach(100.0, 400.0, 0.5))
    assert path["year"].iloc[-1] == 2030
    with pytest.raises(ValueError):
        growth_explorer.projection_table(2021, 100.0, 0.0, 2030, 400.0)


def test_explorer_is_a_note_in_the_book_and_widgets_in_a_kernel(monkeypatch):
    kwargs = {
        "base_year": 2021,
        "base_value_rmb_bn": 540.3,
        "target_rmb_bn": 44082.3,
        "target_label": "all retail",
        "source": "test",
    }
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    note = growth_explorer.projection_explorer(**kwargs)
    assert "needs a live Python kernel" in note.data
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    import ipywidgets

    widget = growth_explorer.projection_explorer(**kwargs)
    assert isinstance(widget, ipywidgets.VBox)
    rate_slider = widget.children[0].children[0]
    assert (rate_slider.min, rate_slider.max) == (1, 150)


def test_growth_explorer_table_is_the_curve_at_the_controls_starting_values(table):
    """Rebuilt from the chart's own starting rate and start year: compound growth by hand."""
    spec = ch01.growth_explorer_chart(table).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    start = starting_values(spec)
    rate, start_year = start["growth_pct"] / 100, int(start["start_year"])
    by_year = table.set_index("year")
    base = by_year.loc[start_year, "gmv_rmb_bn"]
    assert headers == ["Year", "Curve, bn yuan", "Recorded, bn yuan", "Counting window"]
    years = [int(number(row[0])) for row in rows]
    assert years[0] == start_year and years == list(range(start_year, years[-1] + 1))
    for year, (_, curve, recorded, window) in zip(years, rows, strict=True):
        expected = base * (1 + rate) ** (year - start_year)
        assert expected <= ch01.EXPLORER_MAX_GMV_RMB_BN
        assert number(curve) == pytest.approx(expected, abs=0.051), year
        published = by_year.loc[year, "gmv_rmb_bn"] if year in by_year.index else float("nan")
        if pd.isna(published):
            assert recorded == "–" and window == "–", year
        else:
            assert number(recorded) == pytest.approx(published) and window == by_year.loc[year, "window"]
    # The next year would leave the axis (or the chart ends), so the table stops where the curve does.
    next_value = base * (1 + rate) ** (years[-1] + 1 - start_year)
    assert next_value > ch01.EXPLORER_MAX_GMV_RMB_BN or years[-1] == ch01.EXPLORER_END_YEAR
    assert f"double them every {growth.doubling_time_years(rate):.1f} years" in caption.replace(
        "doubles", "double"
    )
