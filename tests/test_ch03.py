"""Chapter 3's tables, model defaults, charts and explorers, checked against the data package."""

import pandas as pd
import pytest

from seckill import data
from seckill.chapters import ch03
from seckill.charts import render, tables
from seckill.explorers import value_chain as value_chain_explorers
from seckill.models import capacity, value_chain
from tests.details_table import number, read_table, starting_values


def test_taobao_village_counts_are_the_sourced_rows_in_year_order():
    table = ch03.taobao_villages_table()
    raw = data.load("taobao_villages").set_index("year")["villages"]
    assert table["year"].is_monotonic_increasing
    assert dict(zip(table["year"], table["villages"], strict=True)) == {
        int(k): int(v) for k, v in raw.items()
    }


def test_rural_share_is_published_for_2016_and_derived_from_nbs_for_mofcom_years():
    table = ch03.rural_retail_table().set_index("year")
    assert table.loc[2016, "share_status"] == "published"
    online = (
        data.load("retail_sales").query("measure == 'online_retail_total'").set_index("year")["value_rmb_bn"]
    )
    assert table.loc[2020, "share_status"] == "derived"
    assert table.loc[2020, "share_of_online_retail_pct"] == pytest.approx(
        100 * table.loc[2020, "value_rmb_bn"] / online[2020]
    )
    # The CIEC figure has a different compiler, and 2025 has no national total: no share for either.
    assert table.loc[2017, "share_status"] == "none" and table.loc[2025, "share_status"] == "none"


def test_the_derived_2016_share_agrees_with_the_published_one():
    """A cross-check of two sources: MOFCOM's rural total over NBS's national total gives 17.4 %."""
    rural = data.load("rural_online_retail").query("year == 2016")["value_rmb_bn"].iloc[0]
    online = data.load("retail_sales").query("year == 2016 and measure == 'online_retail_total'")
    assert 100 * rural / online["value_rmb_bn"].iloc[0] == pytest.approx(17.4, abs=0.1)


def test_only_full_year_rows_reach_the_chart_table():
    assert ch03.rural_retail_table()["year"].is_unique


def test_sourced_defaults_come_from_the_data_and_the_slot_fee_keeps_the_documented_share():
    costs = ch03.selling_costs()
    defaults = ch03.value_chain_defaults()
    assert defaults["host_commission_pct"] == costs["host_commission_top_pct"]
    assert defaults["delivery_rmb_per_item"] == costs["express_revenue_per_parcel_rmb"]
    slot_share = 100 * defaults["slot_fee_rmb"] / (defaults["price_rmb"] * defaults["units_sold"])
    assert slot_share == pytest.approx(costs["slot_fee_case_share_pct"])
    assert set(ch03.SOURCED_INPUTS) <= set(defaults)


def test_derived_figures_match_their_inputs():
    costs = ch03.selling_costs()
    assert costs["slot_fee_case_share_pct"] == pytest.approx(
        100 * costs["slot_fee_case_rmb"] / costs["event_sales_case_rmb"]
    )
    per_parcel = costs["express_revenue_2019q1q3_rmb_bn"] / costs["express_parcels_2019q1q3_bn"]
    assert costs["express_revenue_per_parcel_rmb"] == pytest.approx(per_parcel, abs=0.05)


def test_default_split_adds_up_and_leaves_the_maker_a_share():
    defaults = ch03.value_chain_defaults()
    split = ch03.default_split(defaults)
    assert split["rmb_per_item"].sum() == pytest.approx(defaults["price_rmb"])
    assert (
        0
        < value_chain.maker_earnings(split, defaults["hours_per_item"])["rmb_per_item"]
        < defaults["price_rmb"]
    )


def test_channels_rank_as_their_fees_say():
    defaults = ch03.value_chain_defaults()
    table = value_chain.compare_channels(
        defaults["price_rmb"],
        ch03.channel_settings(defaults),
        materials_rmb_per_item=defaults["materials_rmb_per_item"],
        units_sold=defaults["units_sold"],
    )
    maker = table[table["part"] == value_chain.MAKER].set_index("channel")["rmb_per_item"]
    assert maker["Star host's live stream"] < maker["Maker's own shop stream"] < maker["Local market stall"]


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


@pytest.mark.parametrize(
    ("build", "sliders", "defaults"),
    [
        (ch03.value_chain_explorer_chart, ch03.VALUE_CHAIN_CONTROLS, ch03.value_chain_defaults),
        (ch03.capacity_explorer_chart, ch03.CAPACITY_CONTROLS, ch03.capacity_defaults),
    ],
)
def test_explorer_sliders_are_bounded_start_at_the_defaults_and_never_divide_by_zero(
    build, sliders, defaults
):
    params = _params(build().to_dict())
    values = defaults()
    for key, control in sliders.items():
        bind = params[control.name]["bind"]
        assert bind["input"] == "range" and (bind["min"], bind["max"]) == (control.low, control.high)
        assert params[control.name]["value"] == values[key]
    # Divisors in the browser formulas: items sold, hours per item, makers, hours per day, deadline.
    for name in (
        "vc_units",
        "vc_hours",
        "vc_price",
        "cap_makers",
        "cap_hours_item",
        "cap_hours_day",
        "cap_deadline",
    ):
        if name in params:
            assert params[name]["bind"]["min"] > 0


def test_explorer_labels_say_which_inputs_are_assumptions():
    every = ch03.VALUE_CHAIN_CONTROLS | value_chain_explorers.EXTRA_VALUE_CHAIN_CONTROLS
    for key, control in every.items():
        assert ("assumption" in control.text) == (key not in ch03.SOURCED_INPUTS), control.name
    assert all("assumption" in control.text for control in ch03.CAPACITY_CONTROLS.values())


def test_value_chain_chart_formulas_match_the_model():
    spec = str(ch03.value_chain_explorer_chart().to_dict())
    assert "vc_slot_fee / vc_units" in spec and "vc_price * vc_commission / 100" in spec
    assert "max(0, vc_price - " in spec  # the maker's bar is never negative


def test_capacity_chart_formulas_match_the_model():
    spec = str(ch03.capacity_explorer_chart().to_dict())
    assert "(cap_makers * cap_hours_day / cap_hours_item)" in spec
    plan = capacity.fulfilment_plan(**ch03.capacity_defaults())
    assert plan["unmade_by_deadline"] > 0  # the default story: hand work cannot meet the surge on time


def test_value_chain_explorer_table_is_the_model_split_at_the_sliders_starting_values():
    """Rebuilt from the chart's own slider values through the model, not from the table's code path."""
    spec = ch03.value_chain_explorer_chart().to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    start = starting_values(spec)
    fixed = ch03.value_chain_defaults()  # payment, delivery and packaging have no slider
    split = value_chain.split_price(
        start["vc_price"],
        host_commission_pct=start["vc_commission"],
        slot_fee_rmb=start["vc_slot_fee"],
        units_sold=start["vc_units"],
        platform_fee_pct=start["vc_platform"],
        payment_fee_pct=fixed["payment_fee_pct"],
        delivery_rmb_per_item=fixed["delivery_rmb_per_item"],
        packaging_rmb_per_item=fixed["packaging_rmb_per_item"],
        materials_rmb_per_item=start["vc_materials"],
        intermediary_pct=start["vc_intermediary"],
    )
    assert headers == ["Who gets it", "Yuan per item", "Share of the price, %"]
    assert [row[0] for row in rows] == [*value_chain.PARTS, "Price paid (all parts)"]
    expected = [
        *zip(split["rmb_per_item"], split["share_of_price_pct"], strict=True),
        (start["vc_price"], 100),
    ]
    for row, (rmb, share) in zip(rows, expected, strict=True):
        assert number(row[1]) == pytest.approx(rmb, abs=0.005), row
        assert number(row[2]) == pytest.approx(share, abs=0.05), row
    earned = value_chain.maker_earnings(split, start["vc_hours"])
    assert f"the maker keeps {earned['rmb_per_item']:.2f} yuan an item" in caption
    assert f"{earned['rmb_per_hour']:.2f} yuan an hour at {start['vc_hours']:g} hours" in caption
    assert "starting settings" in caption and "seckill.models.value_chain.split_price" in caption
    assert caption.endswith("its sliders change the chart, not this table.")


def test_capacity_explorer_table_is_the_model_path_at_the_sliders_starting_values():
    spec = ch03.capacity_explorer_chart().to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    start = starting_values(spec)
    inputs = {
        "orders": start["cap_orders"],
        "makers": start["cap_makers"],
        "hours_per_item": start["cap_hours_item"],
        "hours_per_day": start["cap_hours_day"],
    }
    path = capacity.production_path(**inputs, days=ch03.CAPACITY_HORIZON_DAYS)
    assert headers == ["Working days after the sale", "Items made, number"]
    assert [[number(cell) for cell in row] for row in rows] == path[["day", "items_made"]].values.tolist()
    plan = capacity.fulfilment_plan(**inputs, deadline_days=start["cap_deadline"])
    assert f"All orders take {plan['days_to_fulfil']:.1f} working days" in caption
    assert f"on day {start['cap_deadline']}, {plan['unmade_by_deadline']:,.0f} orders are not made" in caption
    assert f"{plan['makers_needed']:,.0f} makers, or {plan['hours_per_day_needed']:.1f} hours" in caption
    assert "seckill.models.capacity" in caption and "its sliders change the chart, not this table." in caption


def test_slider_defaults_outside_their_range_are_refused():
    bad = ch03.value_chain_defaults() | {"price_rmb": 5000.0}
    with pytest.raises(ValueError, match="vc_price: starting value 5000.0 is outside 10 to 500"):
        ch03.value_chain_explorer_chart(bad)


@pytest.mark.parametrize(
    "build",
    [
        lambda: ch03.taobao_villages_chart(ch03.taobao_villages_table()),
        lambda: ch03.rural_retail_chart(ch03.rural_retail_table()),
        lambda: ch03.rural_share_chart(ch03.rural_retail_table()),
        lambda: ch03.split_chart(ch03.default_split(), price_rmb=99.0, hours_per_item=3.0),
        ch03.value_chain_explorer_chart,
        ch03.capacity_explorer_chart,
    ],
)
def test_every_chapter_chart_has_title_source_and_description(build):
    spec = build().to_dict()
    assert spec["title"]["text"] and spec["description"]
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def test_studies_cover_both_sides_and_resolve_to_the_bibliography(root):
    studies = ch03.studies_table()
    assert {"consumers", "producers"} <= set(studies["who_gains"])
    bib = (root / "book" / "references.bib").read_text(encoding="utf-8")
    for key in studies["citation_key"].dropna():
        assert "{" + key + "," in bib, f"{key} is not in references.bib"


def test_key_figures_are_read_from_the_data():
    figures = ch03.key_figures()
    raw = data.load("rural_key_figures").set_index("figure_id")["value"]
    assert figures["poverty_counties_removed"] == raw["poverty_counties_removed"]
    assert isinstance(figures["poverty_people_lifted_m"], float)


def test_explorers_are_notes_in_the_book_and_widgets_in_a_kernel(monkeypatch):
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    for explorer in (value_chain_explorers.value_chain_explorer, value_chain_explorers.capacity_explorer):
        assert "needs a live Python kernel" in explorer().data
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    import ipywidgets

    widget = value_chain_explorers.value_chain_explorer()
    assert isinstance(widget, ipywidgets.VBox)
    sliders = {s.description: s for s in widget.children[0].children}
    commission = sliders["Host commission, % of price"]
    assert (commission.min, commission.max) == (0, 50)
    planner = value_chain_explorers.capacity_explorer()
    assert isinstance(planner, ipywidgets.VBox)
    assert all(s.min > 0 for s in planner.children[0].children)


def test_tables_do_not_change_the_loaded_data():
    before = data.load("rural_online_retail")
    ch03.rural_retail_table()
    pd.testing.assert_frame_equal(before, data.load("rural_online_retail"))


def test_explorer_outputs_give_a_message_for_an_impossible_setting_and_charts_otherwise():
    values = ch03.value_chain_defaults()
    ok = value_chain_explorers.value_chain_outputs(values)
    assert ok[0].to_dict()["title"]["text"] and "yuan an hour" in ok[1].data
    channels = value_chain_explorers.value_chain_outputs(values, value_chain_explorers.ALL_CHANNELS)
    assert len(channels) == 1 and channels[0].to_dict()["description"].count("yuan") == 3
    too_cheap = value_chain_explorers.value_chain_outputs(values | {"price_rmb": 10.0})
    assert len(too_cheap) == 1 and "Cannot split this price" in too_cheap[0].data
    plan = value_chain_explorers.capacity_outputs(ch03.capacity_defaults())
    assert "orders" in plan[0].to_dict()["description"] and "are not" in plan[1].data
    bad = value_chain_explorers.capacity_outputs(ch03.capacity_defaults() | {"hours_per_day": 30.0})
    assert "Cannot plan this" in bad[0].data


def test_chapter_numbers_agree_with_the_models_they_quote():
    figures = ch03.chapter_numbers()
    defaults = ch03.value_chain_defaults()
    # The exercise's answer really halves the maker's share when put back into the model.
    halved = defaults | {"host_commission_pct": figures["ex_commission_halving_pct"]}
    kept = value_chain.maker_earnings(ch03.default_split(halved), defaults["hours_per_item"])["rmb_per_item"]
    assert kept == pytest.approx(figures["maker_rmb_per_item"] / 2)
    small = defaults | {"units_sold": int(figures["ex_units_small"])}
    small_kept = value_chain.maker_earnings(ch03.default_split(small), defaults["hours_per_item"])[
        "rmb_per_item"
    ]
    assert figures["ex_maker_small_rmb_per_item"] == pytest.approx(small_kept)
    assert figures["maker_rmb_per_day"] == pytest.approx(
        figures["maker_rmb_per_hour"] * figures["cap_hours_per_day"]
    )
    assert figures["poverty_line_rmb_per_day"] == pytest.approx(figures["poverty_line_rmb_per_year"] / 365)
    assert figures["studies_consumers_n"] + figures["studies_income_n"] == figures["studies_n"]
    assert figures["channel_host_rmb"] == pytest.approx(figures["maker_rmb_per_item"])


def test_chapter_numbers_are_all_finite_numbers():
    import math

    assert all(math.isfinite(v) for v in ch03.chapter_numbers().values())


def test_every_value_chain_default_is_sourced_or_a_labelled_assumption():
    """Each default traces to a row of selling_costs (sourced) or to value_chain.ASSUMPTIONS."""
    defaults = ch03.value_chain_defaults()
    costs = ch03.selling_costs()
    assumed = value_chain.ASSUMPTIONS
    for key, value in defaults.items():
        if key in ch03.SOURCED_INPUTS:
            assert value in costs.values(), key
        elif key == "slot_fee_rmb":  # anchored: the documented deal's share of sales
            share = 100 * value / (defaults["price_rmb"] * defaults["units_sold"])
            assert share == pytest.approx(costs["slot_fee_case_share_pct"]), key
        else:
            assert value == assumed[key], key


def test_the_page_says_who_gets_more_the_host_or_the_maker():
    """The page says the maker keeps less than the host; that must hold at the defaults."""
    numbers = ch03.chapter_numbers()
    assert numbers["maker_rmb_per_item"] < numbers["host_total_rmb_per_item"]
    assert numbers["intermediary_rmb_per_item"] > 0
    # The own-shop channel, with neither host nor seller in between, leaves the maker more.
    assert numbers["channel_own_rmb"] > numbers["maker_rmb_per_item"]
