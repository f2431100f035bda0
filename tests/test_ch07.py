"""Chapter 7's tables, charts and explorer, checked against the data package and the models."""

import math
import re

import pandas as pd
import pytest

from seckill import data
from seckill.calibrations import carbon_budget, doughnut, parcel_inputs
from seckill.chapters import ch07
from seckill.chapters.ch07 import budget as budget_module
from seckill.chapters.ch07 import footprint
from seckill.charts import render, tables
from seckill.explorers import decoupling as decoupling_explorer
from seckill.models import decoupling, parcels
from tests.details_table import number, read_table, starting_values
from tests.vega_expression import evaluate


@pytest.fixture(scope="module")
def co2():
    return carbon_budget.co2_table()


@pytest.fixture(scope="module")
def budget_defaults():
    return carbon_budget.budget_defaults()


@pytest.fixture(scope="module")
def parcel_defaults():
    return parcel_inputs.parcel_defaults()


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


def test_parcels_table_has_one_headline_row_per_year_and_derives_per_person():
    table = parcel_inputs.parcels_table()
    assert table["year"].is_unique and table["year"].is_monotonic_increasing
    population = data.load("population").query("economy_code == 'chn'").set_index("year")["population"]
    row = table.set_index("year").loc[2024]
    assert row["parcels_per_person"] == pytest.approx(174.5e9 / float(population[2024]))
    assert set(table.loc[table["year"] == 2021, "status"]) == {"lower bound"}


def test_singles_day_per_day_values_are_totals_over_days():
    table = ch07.singles_day_parcels_table()
    assert (table["parcels_per_day_bn"] * table["window_days"]).to_numpy() == pytest.approx(
        table["parcels_bn"].to_numpy()
    )
    assert set(table["measure"]) == {"processed", "collected"}  # the break in definitions is kept


def test_season_comparison_adds_a_derived_ordinary_day_per_year():
    season = ch07.singles_day_parcels_table()
    table = ch07.season_comparison_table(season, parcel_inputs.parcels_table())
    yearly = table[table["window"] == ch07.WHOLE_YEAR].set_index("year")
    assert set(yearly.index) == set(season["year"])
    assert yearly.loc[2024, "parcels_per_day_bn"] == pytest.approx(174.5 / 366)  # a leap year
    assert yearly.loc[2023, "parcels_per_day_bn"] == pytest.approx(132.07 / 365)
    assert yearly.loc[2021, "status"] == "lower bound"


def test_per_person_table_leaves_missing_consumption_figures_out(co2):
    long = ch07.per_person_table(co2, 2017)
    world = long[long["economy"] == "World"]
    assert set(world["measure"]) == {ch07.TERRITORIAL}
    china = long[long["economy"] == "China"].set_index("measure")["t_per_person"]
    assert china[ch07.CONSUMPTION] < china[ch07.TERRITORIAL]  # China is a net exporter of embodied CO2


def test_decoupling_table_indices_start_at_100_and_follow_the_data(co2):
    long = ch07.decoupling_table(co2)
    first = long[long["year"] == long["year"].min()]
    assert first["index"].to_numpy() == pytest.approx([100.0, 100.0, 100.0])
    china = co2[co2["economy_code"] == "chn"].set_index("year")
    last = long[long["year"] == 2016].set_index("series")["index"]
    assert last["Real GDP"] == pytest.approx(
        100 * china.loc[2016, "gdp_intl_usd_2011_bn"] / china.loc[1990, "gdp_intl_usd_2011_bn"]
    )
    # Identity: the intensity index is the CO2 index divided by the GDP index.
    assert last["CO2 per unit of GDP"] == pytest.approx(
        100 * last["CO2 emissions (territorial)"] / last["Real GDP"]
    )


def test_china_decoupled_relatively_over_the_whole_period_and_absolutely_only_briefly(co2):
    summary = ch07.decoupling_summary(co2)
    assert summary["status_1990_2016"] == "relative"
    assert summary["status_2013_2016"] == "absolute"
    assert summary["co2_2018_mt"] > summary["co2_2016_mt"]  # and emissions rose again afterwards


def test_budget_defaults_come_from_the_data(budget_defaults):
    world = data.load("global_co2_emissions").set_index(["year", "component"])["gtco2"]
    assert budget_defaults["base_emissions_gtco2"] == world[(2024, "total (fossil and land-use change)")]
    budgets = data.load("carbon_budgets")
    chosen = budgets[budgets["estimate"] == carbon_budget.BUDGET_ESTIMATE].set_index("probability_pct")[
        "budget_gtco2"
    ]
    assert budget_defaults["budget_50"] == chosen[50]
    # The default scenario reproduces the world's 1990-2016 emissions growth when population grows as then.
    factor = decoupling.emissions_growth_factor(
        budget_defaults["history_population_growth"],
        budget_defaults["consumption_growth"],
        budget_defaults["intensity_decline"],
    )
    assert factor - 1 == pytest.approx(budget_defaults["history_emissions_growth"])


def test_explorer_factor_expression_matches_the_model(budget_defaults):
    p = budget_defaults["population_growth"]
    expression = ch07.emissions_factor_expression(p)
    for growth_pct, decline_pct, rebound_pct in [(2.2, 1.6, 0), (-3, 15, 100), (6, 0, 50), (0, 7.5, 35)]:
        value = eval(
            expression, {}, {"growth_pct": growth_pct, "decline_pct": decline_pct, "rebound_pct": rebound_pct}
        )
        expected = decoupling.emissions_growth_factor(
            p, growth_pct / 100, decline_pct / 100, rebound_pct / 100
        )
        assert value == pytest.approx(expected)


ZERO_PERCENT = re.compile(r"(?<![0-9])0\.0 ?%")


@pytest.mark.parametrize(
    ("needed", "text"),
    [
        (None, "No fall in intensity stops emissions rising"),
        (0.0, "Emissions do not rise even with intensity flat"),
        (0.0004, "To fall: intensity must fall, under 0.1% a year"),
        (0.0123, "To fall: intensity −1.2% a year"),
    ],
)
def test_required_decline_is_said_in_words_at_zero_and_never_as_0_0_percent(needed, text):
    assert budget_module.required_decline_text(needed) == text
    assert not ZERO_PERCENT.search(budget_module.required_decline_text(needed))


def _required_decline_text(p, growth_pct, rebound_pct):
    try:
        needed = decoupling.required_intensity_decline(p, growth_pct / 100, rebound_pct / 100)
    except ValueError:
        needed = None
    return budget_module.required_decline_text(needed)


def test_page_read_out_of_the_required_decline_says_what_the_model_says(budget_defaults):
    # Every slider setting: the browser's words are the Python model's, including no growth (no
    # fall needed, whatever the rebound), a full rebound and growth no fall can offset.
    p = budget_defaults["population_growth"]
    expression = budget_module.required_decline_expression(p)
    for growth_tenths in range(-30, 61):
        for rebound_pct in range(0, 101, 5):
            growth_pct = growth_tenths / 10
            shown = evaluate(expression, {"growth_pct": growth_pct, "rebound_pct": rebound_pct})
            assert shown == _required_decline_text(p, growth_pct, rebound_pct), (growth_pct, rebound_pct)
            assert not ZERO_PERCENT.search(shown)
    # The chart's read-out uses that expression.
    spec = ch07.budget_explorer_chart(budget_defaults).to_dict()
    calculations = [
        step["calculate"]
        for layer in spec["layer"]
        for step in layer.get("transform", [])
        if "calculate" in step
    ]
    assert expression in calculations


def test_budget_explorer_sliders_are_bounded_so_the_path_stays_finite(budget_defaults):
    spec = ch07.budget_explorer_chart(budget_defaults).to_dict()
    params = _params(spec)
    assert set(params) == {"growth_pct", "decline_pct", "rebound_pct"}
    bounds = {name: (p["bind"]["min"], p["bind"]["max"]) for name, p in params.items()}
    assert bounds["decline_pct"][1] < 100 and bounds["rebound_pct"] == (0, 100)
    assert "assumption" in params["rebound_pct"]["bind"]["name"]
    # At every corner of the slider box the yearly factor is positive and the 2050 value finite.
    p = budget_defaults["population_growth"]
    for g in bounds["growth_pct"]:
        for d in bounds["decline_pct"]:
            for r in bounds["rebound_pct"]:
                factor = decoupling.emissions_growth_factor(p, g / 100, d / 100, r / 100)
                assert factor > 0 and math.isfinite(budget_defaults["base_emissions_gtco2"] * factor**26)


def test_parcel_expressions_match_the_model(parcel_defaults):
    expressions = ch07.parcel_expressions(parcel_defaults)
    values = {"parcels_bn": 120.0, "grams": 150.0, "reuse_pct": 30.0, "recycle_pct": 45.0, "distance": 1.7}
    result = parcels.parcel_footprint(
        values["parcels_bn"] * 1e9,
        packaging_g_per_parcel=values["grams"],
        packaging_t_co2e_per_t=parcel_defaults["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=parcel_defaults["transport_kg_co2e_per_parcel"],
        population=parcel_defaults["population"],
        extra_reuse_share=values["reuse_pct"] / 100,
        recycling_share=values["recycle_pct"] / 100,
        distance_factor=values["distance"],
    )
    evaluated = {name: eval(expr, {}, dict(values)) for name, expr in expressions.items()}
    assert evaluated["new_packaging_mt"] == pytest.approx(result["new_packaging_t"] / 1e6)
    assert evaluated["waste_not_recycled_mt"] == pytest.approx(result["waste_not_recycled_t"] / 1e6)
    assert evaluated["packaging_mt"] == pytest.approx(result["packaging_co2e_t"] / 1e6)
    assert evaluated["transport_mt"] == pytest.approx(result["transport_co2e_t"] / 1e6)
    assert evaluated["kg_per_person"] == pytest.approx(result["co2e_kg_per_person"])


def test_parcel_calculator_labels_its_assumptions_and_fits_its_axis(parcel_defaults):
    spec = ch07.parcel_calculator_chart(parcel_defaults).to_dict()
    params = _params(spec)
    for name in ("reuse_pct", "recycle_pct", "distance"):
        assert "(assumption)" in params[name]["bind"]["name"]
    assert "assumptions" in " ".join(spec["title"]["subtitle"])
    # The largest bar the sliders allow stays inside the fixed axis.
    expressions = ch07.parcel_expressions(parcel_defaults)
    most = {name: p["bind"]["max"] for name, p in params.items()} | {"reuse_pct": 0, "recycle_pct": 0}
    assert eval(expressions["packaging_mt"], {}, most) <= ch07.CALCULATOR_MAX_MT
    assert eval(expressions["transport_mt"], {}, most) <= ch07.CALCULATOR_MAX_MT


def test_parcel_calculator_table_is_the_model_at_the_sliders_starting_values(parcel_defaults):
    """Rebuilt from the chart's own slider values through the model, not from the table's code path."""
    spec = ch07.parcel_calculator_chart(parcel_defaults).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    start = starting_values(spec)
    result = parcels.parcel_footprint(
        start["parcels_bn"] * 1e9,
        packaging_g_per_parcel=start["grams"],
        packaging_t_co2e_per_t=parcel_defaults["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=parcel_defaults["transport_kg_co2e_per_parcel"],
        population=parcel_defaults["population"],
        extra_reuse_share=start["reuse_pct"] / 100,
        recycling_share=start["recycle_pct"] / 100,
        distance_factor=start["distance"],
    )
    assert headers[:2] == ["Emissions from", "Mt CO2e a year"] and headers[2].startswith("kg CO2e per person")
    assert [row[0] for row in rows] == ["Packaging", "Transport", "Total"]
    for row, key in zip(rows, ("packaging_co2e_t", "transport_co2e_t", "total_co2e_t"), strict=True):
        assert number(row[1]) == pytest.approx(result[key] / 1e6, abs=0.05), row
        assert number(row[2]) == pytest.approx(result[key] * 1000 / parcel_defaults["population"], abs=0.05)
    assert number(rows[2][2]) == pytest.approx(result["co2e_kg_per_person"], abs=0.05)
    assert f"{result['new_packaging_t'] / 1e6:.1f} Mt of new packaging" in caption
    assert f"{result['waste_not_recycled_t'] / 1e6:.1f} Mt of it not recycled" in caption
    assert f"at {start['grams']:g} g of packaging each" in caption
    assert "seckill.models.parcels.parcel_footprint" in caption
    assert caption.endswith("its sliders change the chart, not this table.")


def test_parcel_defaults_use_the_latest_published_count(parcel_defaults):
    assert parcel_defaults["year"] == 2024 and parcel_defaults["parcels_bn"] == 174.5
    assert parcel_defaults["total_co2e_t"] == pytest.approx(
        parcel_defaults["packaging_co2e_t"] + parcel_defaults["transport_co2e_t"]
    )


@pytest.mark.parametrize(
    "build",
    [
        lambda c, b, p: ch07.parcels_chart(parcel_inputs.parcels_table()),
        lambda c, b, p: ch07.singles_day_parcels_chart(
            ch07.season_comparison_table(ch07.singles_day_parcels_table(), parcel_inputs.parcels_table())
        ),
        lambda c, b, p: ch07.emission_estimates_chart(parcel_inputs.estimates_table()),
        lambda c, b, p: ch07.parcel_calculator_chart(p),
        lambda c, b, p: ch07.per_person_chart(ch07.per_person_table(c, 2017)),
        lambda c, b, p: ch07.totals_chart(c),
        lambda c, b, p: ch07.decoupling_chart(ch07.decoupling_table(c)),
        lambda c, b, p: ch07.budget_explorer_chart(b),
        lambda c, b, p: ch07.material_footprint_chart(ch07.material_footprint_table()),
        lambda c, b, p: ch07.doughnut_chart(doughnut.doughnut_table()),
    ],
)
def test_every_chapter_chart_has_title_source_and_description(co2, budget_defaults, parcel_defaults, build):
    spec = build(co2, budget_defaults, parcel_defaults).to_dict()
    assert spec["title"]["text"] and spec["description"]
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def test_scenario_table_and_summary(budget_defaults):
    table, summary = decoupling_explorer.scenario_table(
        budget_defaults,
        consumption_growth=0.0,
        intensity_decline=0.0,
        rebound=0.0,
        population_growth=0.0,
        end_year=2040,
        budget_gtco2=130.0,
    )
    assert list(table["Year"]) == [2024, 2029, 2034, 2039, 2040]
    assert table["CO2, Gt a year"].nunique() == 1 and summary["change_vs_base"] == pytest.approx(0.0)
    assert summary["required_decline"] == 0.0
    base = budget_defaults["base_emissions_gtco2"]
    assert summary["exhaustion_year"] == 2024 + math.ceil(130.0 / base)
    _, impossible = decoupling_explorer.scenario_table(
        budget_defaults,
        consumption_growth=0.02,
        intensity_decline=0.05,
        rebound=1.0,
        population_growth=0.01,
        end_year=2040,
        budget_gtco2=130.0,
    )
    assert impossible["required_decline"] is None
    with pytest.raises(ValueError, match="intensity_decline"):
        decoupling_explorer.scenario_table(
            budget_defaults,
            consumption_growth=0.02,
            intensity_decline=1.0,
            rebound=0.0,
            population_growth=0.01,
            end_year=2040,
            budget_gtco2=130.0,
        )


def test_explorer_is_a_note_in_the_book_and_bounded_widgets_in_a_kernel(monkeypatch, budget_defaults):
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    note = decoupling_explorer.scenario_explorer(budget_defaults)
    assert "needs a live Python kernel" in note.data
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    import ipywidgets

    widget = decoupling_explorer.scenario_explorer(budget_defaults)
    assert isinstance(widget, ipywidgets.VBox)
    kinds = (ipywidgets.FloatSlider, ipywidgets.IntSlider)
    sliders = [c for c in widget.children[0].children if isinstance(c, kinds)]
    assert len(sliders) == 5
    decline = sliders[1]
    assert decline.max < 100  # a fall of 100 % a year or more cannot be chosen
    assert isinstance(widget.children[-1], ipywidgets.Output)


def test_estimates_keep_disagreeing_scopes_apart():
    estimates = parcel_inputs.estimates_table()
    emissions_2018 = estimates[(estimates["quantity"] == "emissions") & (estimates["year"] == 2018)]
    assert len(emissions_2018) >= 3
    assert isinstance(emissions_2018, pd.DataFrame)
    assert {"Packaging", "Transport"} == {footprint._scope_group(s) for s in emissions_2018["scope"]}


def test_doughnut_table_is_one_year_with_both_dimensions_and_the_charts_counts_follow_the_data():
    table = doughnut.doughnut_table()
    assert table["year"].nunique() == 1 and set(table["dimension"]) == {"biophysical", "social"}
    china = table[table["economy"] == "China"]
    over = int(((china["dimension"] == "biophysical") & (china["ratio"] > 1)).sum())
    description = ch07.doughnut_chart(table).to_dict()["description"]
    assert f"China exceeds {over} of" in description
    assert table["ratio"].between(0.25, 16).all()  # inside the chart's fixed log axis


def test_material_footprint_keeps_only_published_years():
    table = ch07.material_footprint_table()
    assert table["material_footprint_t_per_person"].notna().all()
    assert set(table["economy"]) == {"China", "United States", "World"}


def test_budget_explorer_table_is_the_model_path_at_the_sliders_starting_values(budget_defaults):
    """Rebuilt from the chart's own slider values and budget lines through the model."""
    spec = ch07.budget_explorer_chart(budget_defaults).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    start = starting_values(spec)
    base_year = int(budget_defaults["base_year"])
    path = decoupling.calibrated_path(
        base_year=base_year,
        end_year=carbon_budget.MODEL_END_YEAR,
        base_emissions_gtco2=budget_defaults["base_emissions_gtco2"],
        base_population=budget_defaults["base_population"],
        population_growth=budget_defaults["population_growth"],
        consumption_growth=start["growth_pct"] / 100,
        intensity_decline=start["decline_pct"] / 100,
        rebound=start["rebound_pct"] / 100,
    ).set_index("year")
    # The budgets as the chart draws them: the data behind its dashed lines.
    budgets = [row["budget"] for rows_ in spec["datasets"].values() for row in rows_ if "budget" in row]
    assert sorted(budgets) == sorted(budget_defaults[f"budget_{p}"] for p in (50, 67, 83))
    gone = {b: int(path.index[path["cumulative_gtco2"] >= b][0]) for b in budgets}
    assert headers == ["Year", "Gt CO2 that year", f"Gt CO2 from {base_year + 1}", "1.5 °C budget used up"]
    years = [int(number(row[0])) for row in rows]
    every_fifth = set(range(base_year + 1, carbon_budget.MODEL_END_YEAR + 1, 5))
    assert years == sorted({base_year, *gone.values(), *every_fifth})
    for year, (_, annual, cumulative, note) in zip(years, rows, strict=True):
        assert number(annual) == pytest.approx(path.loc[year, "emissions_gtco2"], abs=0.051), year
        if year == base_year:
            assert cumulative == "–"
        else:
            assert number(cumulative) == pytest.approx(path.loc[year, "cumulative_gtco2"], abs=0.051), year
        used_up = [b for b, y in gone.items() if y == year]
        assert (note == "–") == (not used_up), year
        for budget in used_up:
            assert f"({budget:.0f} Gt)" in note
    end = path.loc[carbon_budget.MODEL_END_YEAR, "emissions_gtco2"]
    change = end / path.loc[base_year, "emissions_gtco2"] - 1
    assert f"{carbon_budget.MODEL_END_YEAR}: {end:.1f} Gt a year ({change:+.0%} vs {base_year})" in caption
    assert f"50% budget gone in {gone[budget_defaults['budget_50']]}" in caption
    needed = decoupling.required_intensity_decline(
        budget_defaults["population_growth"], start["growth_pct"] / 100, start["rebound_pct"] / 100
    )
    assert f"to fall: intensity −{100 * needed:.1f}% a year" in caption
    assert "seckill.models.decoupling.calibrated_path" in caption
    assert caption.endswith("its sliders change the chart, not this table.")
