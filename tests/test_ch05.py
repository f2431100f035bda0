"""Chapter 5's timeline tables, chart and period explorer, checked against the data package."""

import ipywidgets
import pandas as pd
import pytest

from seckill import data
from seckill.chapters import ch05
from seckill.charts import render, tables
from seckill.explorers import regulation
from tests.zh_texts import english_words, in_chinese


@pytest.fixture(scope="module")
def events():
    return ch05.events_table()


@pytest.fixture(scope="module")
def growth():
    return ch05.growth_table()


def test_events_are_dated_sorted_and_grouped(events):
    raw = data.load("regulation_events")
    assert len(events) == len(raw)
    assert events["date"].is_monotonic_increasing
    assert set(events["group"]) == set(ch05.GROUP_ORDER)
    law = events[events["event"] == "E-Commerce Law adopted"].iloc[0]
    assert law["date_iso"] == "2018-08-31" and law["group"] == "Laws, codes and rules"
    # Month-precision dates are shown as months, never as an invented day.
    month_only = events[events["date_precision"] == "month"]
    assert (month_only["date_iso"].str.len() == 7).all()


def test_unknown_category_is_refused():
    raw = data.load("regulation_events")
    raw.loc[0, "category"] = "rumour"
    with pytest.raises(ValueError, match="rumour"):
        ch05.events_table(raw)


def test_growth_table_takes_published_alibaba_totals_and_full_year_yuan_estimates(growth):
    sd = growth[growth["series"] == ch05.SINGLES_DAY].set_index("year")["value_rmb_bn"]
    gmv = data.load("singles_day_gmv")
    headline = gmv[gmv["headline"] & gmv["gmv_rmb_bn"].notna()].set_index("year")["gmv_rmb_bn"]
    assert sd[2019] == headline[2019] and sd[2021] == headline[2021]
    assert 2022 not in sd.index  # no total was published
    live = growth[growth["series"] == ch05.LIVE_MARKET]
    market = data.load("live_commerce_market_size")
    expected = market[(market["currency"] == "RMB") & (market["period"] == "full year")]
    expected = expected[expected["year"] >= ch05.FIRST_YEAR]
    assert len(live) == len(expected)
    assert growth["year"].min() >= ch05.FIRST_YEAR


def test_events_between_and_counts(events):
    chosen = ch05.events_between(events, 2021, 2021)
    assert set(chosen["year"]) == {2021}
    counts = ch05.counts_by_group(chosen)
    assert sum(counts.values()) == len(chosen)
    assert list(counts) == ch05.GROUP_ORDER
    with pytest.raises(ValueError, match="start_year"):
        ch05.events_between(events, 2022, 2020)


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


def test_timeline_has_a_brush_and_bounded_year_sliders(events, growth):
    spec = ch05.timeline_chart(events, growth).to_dict()
    params = _params(spec)
    assert params["period"]["select"]["type"] == "interval"
    for name in ("from_year", "to_year"):
        bind = params[name]["bind"]
        assert bind["input"] == "range"
        assert (bind["min"], bind["max"]) == (ch05.FIRST_YEAR, ch05.LAST_YEAR)
    assert spec["title"]["subtitle"][0].startswith("Source: ")
    assert spec["description"]
    # One view that takes the container's width (a fixed-width concatenation cannot): wide on a
    # desktop, narrow on a phone. The browser test measures the drawn width.
    assert "vconcat" not in spec and spec["width"] == "container"


def test_timeline_carries_every_event(events, growth):
    spec = ch05.timeline_chart(events, growth).to_dict()
    datasets = spec["datasets"].values()
    lines = {row.get("line") for rows in datasets for row in rows}
    assert set(events["line"]) <= lines


def test_period_tables_match_the_years(events, growth):
    shown_events, shown_growth = regulation.period_tables(events, growth, 2021, 2021)
    assert set(shown_events["Date"].str[:4]) == {"2021"}
    assert set(shown_growth["Year"]) <= {"2021"}
    assert isinstance(shown_events, pd.DataFrame)


def _cells(table: pd.DataFrame) -> list[str]:
    return [str(cell) for cell in table.to_numpy().ravel()]


def test_period_tables_show_a_dash_not_nan_for_events_without_an_amount(events, growth):
    shown_events, shown_growth = regulation.period_tables(events, growth, ch05.FIRST_YEAR, ch05.LAST_YEAR)
    for table in (shown_events, shown_growth):
        assert not {"nan", "NaN", "None", "<NA>"} & set(_cells(table))
    amounts = shown_events.set_index("Event")["Amount (bn yuan)"]
    assert amounts["E-Commerce Law adopted"] == tables.MISSING
    assert amounts["Alibaba fined 18.2 bn yuan"] == "18.228"
    assert ch05.NO_AMOUNT_NOTE.startswith(tables.MISSING)


def test_fines_table_computes_shares_where_a_basis_is_stated_and_shows_a_dash_elsewhere(events):
    fines = ch05.fines_table(events).set_index("Event")
    assert len(fines) == events["amount_rmb_bn"].notna().sum()
    assert not {"nan", "NaN", "None", "<NA>"} & set(_cells(fines))
    # The computed share is the fine over its stated basis, and matches the announced percentage.
    by_event = events.set_index("event")
    for event in ("Alibaba fined 18.2 bn yuan", "Meituan fined 3.44 bn yuan"):
        row = by_event.loc[event]
        computed = 100 * row["amount_rmb_bn"] / row["fine_basis_rmb_bn"]
        assert float(fines.loc[event, "Computed % of basis"]) == pytest.approx(computed, abs=0.005)
        assert float(fines.loc[event, "Computed % of basis"]) == pytest.approx(
            row["fine_pct_of_basis"], abs=0.05
        )
    for event in ("Viya fined 1.34 bn yuan for tax", "Fines for three unreported takeovers"):
        assert list(fines.loc[event, ["Basis (bn yuan)", "Computed % of basis"]]) == [tables.MISSING] * 2


def test_period_explorer_is_a_note_in_the_book_and_widgets_in_a_kernel(monkeypatch, events, growth):
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    assert "needs a live Python kernel" in regulation.period_explorer(events, growth).data
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    widget = regulation.period_explorer(events, growth)
    assert isinstance(widget, ipywidgets.VBox)
    for years in widget.children[0].children:
        assert (years.min, years.max) == (ch05.FIRST_YEAR, ch05.LAST_YEAR)


def test_brush_marks_get_names_through_a_guarded_patch(events, growth):
    spec = ch05.timeline_chart(events, growth).to_dict()
    patch = spec["usermeta"]["embedOptions"]["patch"]
    tests = [op for op in patch if op["op"] == "test"]
    adds = [op for op in patch if op["op"] == "add"]
    assert {op["value"] for op in tests} == {"period_brush_bg", "period_brush"}
    assert all(op["path"].endswith("/description") and op["value"] for op in adds)


def test_the_events_listing_is_in_the_readers_language():
    events = ch05.events_table()
    english = ch05.events_listing(events)
    assert list(english.columns) == ["date_iso", "category", "group", "event", "issuer", "source_id"]
    assert "E-Commerce Law adopted" in set(english["event"])
    with in_chinese():
        chinese = ch05.events_listing(events)
    assert "《电子商务法》通过" in set(chinese["event"])
    assert "法律、规范与规章" in set(chinese["group"])
    shown = chinese[["category", "group", "event", "issuer"]].to_numpy().ravel()
    assert [text for text in shown if english_words(text)] == []
    assert events["event"].iloc[0] == english["event"].iloc[0]  # the table the numbers use stays English


def test_the_pages_event_table_is_headed_and_worded_in_the_readers_language():
    events = ch05.events_table()
    english = ch05.events_page_table(events)
    assert list(english.columns) == ["Date", "Event", "Kind"]
    assert len(english) == len(events) and "E-Commerce Law adopted" in set(english["Event"])
    with in_chinese():
        chinese = ch05.events_page_table(events)
    assert list(chinese.columns) == ["日期", "事件", "类型"]
    assert list(chinese["日期"]) == list(english["Date"])  # dates as the data writes them
    shown = chinese[["事件", "类型"]].to_numpy().ravel()
    assert [text for text in shown if english_words(text)] == []
