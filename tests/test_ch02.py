"""Chapter 2's records, charts and explorer, checked against the data package and the model."""

import itertools
import math

import pandas as pd
import pytest

from seckill import data
from seckill.calibrations import flash_sale_inputs as sale_inputs
from seckill.chapters import ch02
from seckill.charts import render, tables
from seckill.explorers import flash_sale as flash_sale_explorer
from seckill.models import flash_sale
from tests.details_table import number, read_table, starting_values


@pytest.fixture(scope="module")
def records():
    return ch02.records_table()


@pytest.fixture(scope="module")
def lipstick(records):
    return ch02.lipstick_table()


def test_both_versions_of_the_lipstick_record_are_kept(lipstick):
    assert list(lipstick["minutes"]) == [5.0, 15.0]
    assert set(lipstick["units"]) == {15_000.0}
    assert lipstick["implied_orders_per_s"].tolist() == pytest.approx([50.0, 15_000 / 900])
    assert lipstick["source_id"].nunique() == 2  # each version from its own sources


def test_presale_rows_keep_every_outlet_separately():
    table = ch02.presale_table()
    raw = data.load("live_sale_records")
    expected = raw[(raw["event_date"] == ch02.PRESALE_2021_DATE) & (raw["metric"] == "sales")]
    assert len(table) == len(expected)
    assert (table.groupby("seller").size() >= 1).all()
    assert table[table["seller"] == "Viya"]["reported_by"].nunique() == 3
    assert "third-party estimate" in set(table["kind"])
    assert table["qualifier"].notna().all()


def test_every_record_names_a_known_source(records):
    sources = data.sources()
    for cell in records["source_id"]:
        for source_id in data.split_source_ids(cell):
            assert source_id in sources.index


def test_concentration_shares_are_derived_from_the_rows(records):
    summary = ch02.concentration_summary(records)
    values = records.set_index("record_id")["value"]
    assert summary["hosts_over_1bn"] == values["taobao-live-2019-sd-top-hosts"]
    # Reported, and not squared with the day's total: ten hosts at a billion each would be half of
    # it. The chapter therefore derives no share from the count.
    assert values["taobao-live-2019-sd-top-hosts"] * 1.0 >= values["taobao-live-2019-sd-sales"] / 2
    assert not any(key.startswith("top_hosts") for key in summary)
    assert summary["top_two_2021_low_rmb_bn"] <= summary["top_two_2021_high_rmb_bn"]
    assert summary["top_two_2021_low_rmb_bn"] == pytest.approx(
        min(values["li-2021-presale-sales-jiemian"], values["li-2021-presale-sales-taosj"])
        + min(
            values["viya-2021-presale-sales-jiemian"],
            values["viya-2021-presale-sales-taosj"],
            values["viya-2021-presale-sales-scmp"],
        )
    )
    assert 0 < summary["top_two_2021_low_share"] < summary["top_two_2021_high_share"] < 1


def test_controls_map_to_the_model_units():
    sale = sale_inputs.sale_from_controls(2.0, 3.0, 50, 1_000, 10)
    assert sale.audience == 2_000_000
    assert sale.conversion_per_s == pytest.approx(0.03 / 60)
    assert sale.scarcity_boost == pytest.approx(0.5)
    assert sale.session_s == 600


def test_every_corner_of_the_controls_gives_finite_outputs():
    """The browser evaluates the same formulas; at every extreme they must stay finite."""
    sliders = [
        sale_inputs.AUDIENCE_M,
        sale_inputs.CONVERSION_PCT_MIN,
        sale_inputs.BOOST_PCT,
        sale_inputs.STOCK_UNITS,
    ]
    corners = itertools.product(*[(s.low, s.high) for s in sliders], list(sale_inputs.SESSION_MIN.options))
    for audience, conversion, boost, stock, session in corners:
        sale = sale_inputs.sale_from_controls(audience, conversion, boost, int(stock), session)
        result = flash_sale.outcome(sale)
        numbers = [result.peak_orders_per_s, result.wanting_viewers, result.unserved_share]
        numbers += [flash_sale.stock_selling_out_in(sale, 10.0), flash_sale.stock_selling_out_in(sale, 60.0)]
        if result.sell_out_s is not None:
            numbers.append(result.sell_out_s)
            assert result.sell_out_s >= ch02.SELL_OUT_DOMAIN_S[0] / 10
        assert all(math.isfinite(n) for n in numbers)
        assert result.peak_orders_per_s > 0  # the rate never reaches zero, so no division by zero


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


@pytest.mark.parametrize(
    ("build", "stock"),
    [(ch02.flash_sale_explorer_chart, "stock_units"), (ch02.stock_choice_chart, "datum.stock")],
)
def test_interactive_charts_have_bounded_controls_matching_the_module(lipstick, build, stock):
    spec = build(lipstick).to_dict()
    params = _params(spec)
    for slider in (
        sale_inputs.AUDIENCE_M,
        sale_inputs.CONVERSION_PCT_MIN,
        sale_inputs.BOOST_PCT,
    ):
        bind = params[slider.name]["bind"]
        assert bind["input"] == "range"
        assert (bind["min"], bind["max"]) == (slider.low, slider.high)
        assert bind["min"] > 0 or slider is sale_inputs.BOOST_PCT
    assert params["session_min"]["bind"]["options"] == list(sale_inputs.SESSION_MIN.options)
    # The browser computes the sell-out time with the closed form of seckill.models.flash_sale.
    assert f"-log(1 - {stock} / datum.n) / datum.r" in str(spec)


def test_explorer_chart_has_a_stock_slider_and_marks_both_records(lipstick):
    spec = ch02.flash_sale_explorer_chart(lipstick).to_dict()
    stock = _params(spec)["stock_units"]["bind"]
    assert (stock["min"], stock["max"]) == (
        sale_inputs.STOCK_UNITS.low,
        sale_inputs.STOCK_UNITS.high,
    )
    assert stock["min"] >= 1
    text = str(spec)
    assert "record: 5 min" in text and "record: 15 min" in text
    assert "assumption" in text  # the controls say which inputs are assumed


@pytest.mark.parametrize(
    "build",
    [
        lambda lip: ch02.presale_chart(ch02.presale_table()),
        ch02.flash_sale_explorer_chart,
        ch02.stock_choice_chart,
        lambda lip: ch02.sell_out_histogram_chart(
            flash_sale.simulate_sessions(sale_inputs.default_sale(), n_sessions=50, seed=1),
            sale_inputs.default_sale(),
        ),
    ],
)
def test_every_chapter_chart_has_title_source_and_description(lipstick, build):
    spec = build(lipstick).to_dict()
    assert spec["title"]["text"] and spec["description"]
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def test_simulation_report_matches_the_closed_form():
    sale = sale_inputs.default_sale(stock_units=5_000)
    sessions, summary, text = flash_sale_explorer.simulation_report(sale, n_sessions=400, seed=5)
    assert summary["mean_s"] == pytest.approx(flash_sale.sell_out_time_s(sale), rel=0.01)
    assert len(sessions) == 400 and "closed form" in text


def test_simulation_report_when_nothing_sells_out():
    sale = sale_inputs.default_sale(stock_units=sale_inputs.STOCK_UNITS.high, audience_m=0.1)
    _sessions, summary, text = flash_sale_explorer.simulation_report(sale, n_sessions=20)
    assert summary["sold_out_share"] == 0 and "None of the 20 sessions sold out" in text


def test_explorer_is_a_note_in_the_book_and_widgets_in_a_kernel(monkeypatch):
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    note = flash_sale_explorer.sell_out_explorer()
    assert "needs a live Python kernel" in note.data
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    import ipywidgets

    widget = flash_sale_explorer.sell_out_explorer()
    assert isinstance(widget, ipywidgets.VBox)
    controls = widget.children[0].children
    stock = controls[3]
    assert (stock.min, stock.max) == (sale_inputs.STOCK_UNITS.low, sale_inputs.STOCK_UNITS.high)
    sessions = controls[5]
    assert sessions.max <= flash_sale_explorer.MAX_EXPLORER_SESSIONS


def test_records_table_loads_with_schema_types(records):
    assert str(records["value"].dtype) == "Float64"
    assert pd.api.types.is_string_dtype(records["reported_by"])


def _sale_at_start(spec: dict) -> flash_sale.FlashSale:
    """The model sale for a chart's starting control values, converted here, not by ch02's helpers."""
    start = starting_values(spec)
    return flash_sale.FlashSale(
        audience=round(start["audience_m"] * 1_000_000),
        conversion_per_s=start["conversion_pct_min"] / 100 / 60,
        scarcity_boost=start["boost_pct"] / 100,
        stock_units=int(start.get("stock_units", 1)),
        session_s=start["session_min"] * 60,
    )


def test_flash_sale_explorer_table_is_the_model_at_the_controls_starting_values(lipstick):
    """Rebuilt from the chart's own control values through the model, not from the table's code path."""
    spec = ch02.flash_sale_explorer_chart(lipstick).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    sale = _sale_at_start(spec)
    result = flash_sale.outcome(sale)
    assert result.sells_out  # the starting settings show a sell-out, so the table has that row
    assert headers == ["Moment", "Seconds", "Orders a second", "Orders so far", "Orders"]
    expected_times = {
        "Link opens": 0.0,
        "1 second": 1.0,
        "10 seconds": 10.0,
        "Sold out": result.sell_out_s,
        "Record, 5-minute version": 300.0,
        "Record, 15-minute version": 900.0,
        "Link closes": sale.session_s,
    }
    assert sorted(row[0] for row in rows) == sorted(expected_times)
    times = [number(row[1]) for row in rows]
    assert times == sorted(times)
    for moment, seconds, per_s, so_far, phase in rows:
        t = expected_times[moment]
        assert number(seconds) == pytest.approx(t, rel=5e-3), moment
        assert number(per_s) == pytest.approx(
            sale.audience * sale.rate_per_s * math.exp(-sale.rate_per_s * t), abs=0.5
        )
        assert number(so_far) == pytest.approx(sale.audience * (1 - math.exp(-sale.rate_per_s * t)), abs=0.5)
        assert phase == ("turned away" if t > result.sell_out_s else "filled"), moment
    (opening,) = [row for row in rows if row[0] == "Link opens"]
    assert number(opening[2]) == pytest.approx(result.peak_orders_per_s, abs=0.5)
    (sold_out,) = [row for row in rows if row[0] == "Sold out"]
    assert number(sold_out[3]) == sale.stock_units
    assert f"Sold out after {result.sell_out_s:.3g} seconds" in caption
    assert f"busiest second (when the link opens): {result.peak_orders_per_s:,.0f} orders" in caption
    assert (
        f"turned away: {100 * result.unserved_share:.0f}% of {result.wanting_viewers:,.0f} who tried"
        in caption
    )
    assert "seckill.models.flash_sale.outcome" in caption
    assert caption.endswith("its sliders and menu change the chart, not this table.")


def test_stock_choice_table_is_the_model_at_the_controls_starting_values(lipstick):
    spec = ch02.stock_choice_chart(lipstick).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    sale = _sale_at_start(spec)
    assert headers == ["Which stock", "Units", "Seconds to sell out"]
    units = [number(row[1]) for row in rows]
    assert units == sorted(units)
    axis = [number(row[1]) for row in rows if row[0] == "On the chart's axis"]
    assert axis == [10.0**k for k in range(1, 8)]  # the powers of ten of the chart's stock axis
    named = {row[0]: row for row in rows if row[0] != "On the chart's axis"}
    for label, target_s in (
        ("Sells out in 10 seconds", 10.0),
        ("Sells out in 1 minute", 60.0),
        ("Most that sells out at all", sale.session_s),
    ):
        wanting = sale.audience * (1 - math.exp(-sale.rate_per_s * target_s))
        assert number(named[label][1]) == round(wanting), label
        assert number(named[label][2]) == pytest.approx(target_s), label
    assert number(named["Li Jiaqi's record"][1]) == 15_000
    for label, stock, seconds in rows:
        if label in ("Sells out in 10 seconds", "Sells out in 1 minute", "Most that sells out at all"):
            continue
        wanting = sale.audience * (1 - math.exp(-sale.rate_per_s * sale.session_s))
        if number(stock) > wanting:
            assert seconds == "–", label
        else:
            closed_form = -math.log(1 - number(stock) / sale.audience) / sale.rate_per_s
            assert number(seconds) == pytest.approx(closed_form, rel=5e-3), (label, stock)
    assert "seckill.models.flash_sale.sell_out_time_s" in caption
    assert caption.endswith("its sliders and menu change the chart, not this table.")
