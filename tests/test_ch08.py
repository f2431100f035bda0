"""Chapters 8 and 9: the scenario explorer's numbers are the chapter models' numbers; charts are complete."""

import math
from statistics import NormalDist
from types import SimpleNamespace

import pytest

from seckill import data
from seckill.calibrations import carbon_budget, flash_sale_inputs, income_fit, parcel_inputs
from seckill.chapters import ch08, ch09
from seckill.charts import render, tables
from seckill.explorers import scenarios as scenario_explorer
from seckill.models import cart, decoupling, scenarios
from tests.details_table import number, read_table, starting_values

_NORMAL = NormalDist()
VEGA_FUNCTIONS = {
    "exp": math.exp,
    "pow": pow,
    "sqrt": math.sqrt,
    "cumulativeNormal": _NORMAL.cdf,
    "quantileNormal": _NORMAL.inv_cdf,
}


@pytest.fixture(scope="module")
def base():
    return ch08.baseline()


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


def _vega(expression, values, t=None):
    return eval(expression, dict(VEGA_FUNCTIONS), dict(values, datum=SimpleNamespace(t=t)))


def test_baseline_comes_from_the_data_and_the_earlier_chapters(base):
    budget, parcel = carbon_budget.budget_defaults(), parcel_inputs.parcel_defaults()
    assert base.base_emissions_gtco2 == budget["base_emissions_gtco2"]
    assert base.budget_gtco2 == budget["budget_50"]
    assert base.parcels_bn == parcel["parcels_bn"] and base.china_population == parcel["population"]
    shares = data.load("live_commerce_share")
    mofcom = shares[shares["estimator"] == ch08.LIVE_SHARE_ESTIMATOR]
    assert base.live_share == pytest.approx(float(mofcom["share_pct"].iloc[-1]) / 100)
    sale = flash_sale_inputs.default_sale()
    assert (base.audience, base.conversion_per_s, base.session_s) == (
        sale.audience,
        sale.conversion_per_s,
        sale.session_s,
    )


def test_the_past_trend_repeats_chapter_7_and_chapter_4(base):
    trend = ch08.default_levers(base)
    budget = carbon_budget.budget_defaults()
    assert trend.growth_pct == pytest.approx(100 * budget["consumption_growth"], abs=0.05)
    assert trend.efficiency_pct == pytest.approx(100 * budget["intensity_decline"], abs=0.05)
    assert trend.income_sigma == pytest.approx(income_fit.calibrate().sigma, abs=0.005)
    result = scenarios.run(trend, base)
    # With the Chapter 2 default cues and baseline packaging, 2024 parcel CO2e is Chapter 7's.
    assert result["parcel_co2e_base_mt"] == pytest.approx(
        parcel_inputs.parcel_defaults()["total_co2e_t"] / 1e6
    )
    path = decoupling.calibrated_path(
        base_year=2024,
        end_year=trend.end_year,
        base_emissions_gtco2=budget["base_emissions_gtco2"],
        base_population=budget["base_population"],
        population_growth=budget["population_growth"],
        consumption_growth=trend.growth_pct / 100,
        intensity_decline=trend.efficiency_pct / 100,
    )
    assert result["emissions_end_gt"] == pytest.approx(path["emissions_gtco2"].iloc[-1])


SETTINGS = [
    {},
    {"growth_pct": -3, "sufficiency_pct": 10, "efficiency_pct": 15, "rebound_pct": 100},
    {"growth_pct": 6, "sufficiency_pct": 0, "efficiency_pct": 0, "scarcity_boost_pct": 300, "reuse_pct": 90},
    {"growth_pct": 1.3, "sufficiency_pct": 2.5, "efficiency_pct": 7.4, "rebound_pct": 35},
    {"scarcity_boost_pct": 0, "reuse_pct": 45},
]


def _slider_values(levers):
    return {control.name: getattr(levers, control.name) for control in ch08.SCENARIO_CONTROLS}


@pytest.mark.parametrize("changes", SETTINGS)
def test_browser_formulas_give_the_models_numbers(base, changes):
    levers = ch08.default_levers(base, **changes)
    result = scenarios.run(levers, base)
    expressions = ch08.scenario_expressions(base, levers.end_year)
    values = _slider_values(levers)
    for key in ("parcels_end_bn", "parcel_co2e_end_mt", "goods_growth", "live_orders_ratio"):
        assert _vega(expressions[key], values) == pytest.approx(result[key]), key
    # Year by year, the browser's line is the model's path, and so is the answer read from it.
    path = scenarios.delivery_path(levers, base)
    verdict = scenarios.delivery_verdict(levers, base)
    cumulative, first = 0.0, None
    for t, row in enumerate(path.itertuples(index=False)):
        if t == 0:
            continue
        assert _vega(expressions["parcels_t_bn"], values, t) == pytest.approx(row.parcels_bn)
        yearly = _vega(expressions["parcel_co2e_t_mt"], values, t)
        assert yearly == pytest.approx(row.parcel_co2e_mt)
        cumulative += yearly
        if first is None and cumulative >= verdict["budget_mt"]:
            first = base.base_year + t
    assert cumulative == pytest.approx(verdict["cumulative_end_mt"])
    assert first == verdict["used_up_year"]


@pytest.mark.parametrize("control", ch08.SCENARIO_CONTROLS, ids=lambda c: c.name)
def test_every_control_moves_the_explorers_answer(base, control):
    """Each slider, moved from its low to its high end with the others at the trend, changes the
    parcels' emissions summed to the end year: in the model, and in the chart's browser formula."""
    low, high = scenarios.BOUNDS[control.name]
    answers, browser = [], []
    for value in (low, high):
        levers = ch08.default_levers(base, **{control.name: value})
        answers.append(scenarios.delivery_verdict(levers, base)["cumulative_end_mt"])
        expression = ch08.scenario_expressions(base)["parcel_co2e_t_mt"]
        browser.append(sum(_vega(expression, _slider_values(levers), t) for t in range(1, 12)))
    assert answers[0] != pytest.approx(answers[1], rel=1e-3), control.name
    assert browser == pytest.approx(answers)


def test_every_page_control_is_read_by_the_charts_transforms(base):
    """A slider whose parameter no transform reads would drive nothing."""
    spec = ch08.scenario_explorer_chart(base, ch08.default_levers(base)).to_dict()
    used = set()
    for layer in spec["layer"]:
        for transform in layer.get("transform", []):
            text = str(transform)
            used |= {name for name in _params(spec) if name in text}
    assert used == set(_params(spec))


def test_scenario_explorer_table_is_the_model_at_the_sliders_starting_values(base):
    """Rebuilt from the chart's own slider values through the model, not from the table's code path."""
    spec = ch08.scenario_explorer_chart(base, ch08.default_levers(base)).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    start = starting_values(spec)
    # The packaging grams and the income spread have no slider on the page.
    trend = ch08.default_levers(base)
    levers = scenarios.Levers(
        **start, grams_per_parcel=base.packaging_g_per_parcel, income_sigma=trend.income_sigma, end_year=2035
    )
    path = scenarios.delivery_path(levers, base)
    verdict = scenarios.delivery_verdict(levers, base)
    assert headers == ["Year", "Parcels, billion", "Parcel CO2e that year, Mt", "Emitted since 2024, Mt"]
    assert [int(number(row[0])) for row in rows] == list(range(2024, 2036))
    for row, expected in zip(rows, path.itertuples(index=False), strict=True):
        assert number(row[1]) == pytest.approx(expected.parcels_bn, abs=0.05)
        assert number(row[2]) == pytest.approx(expected.parcel_co2e_mt, abs=0.05)
        assert number(row[3]) == pytest.approx(expected.cumulative_mt, abs=0.05)
    assert f"2025–2035: {verdict['cumulative_end_mt']:,.0f} Mt" in caption
    assert (
        f"{verdict['budget_used_share']:.0%} of the parcels' {verdict['budget_mt']:,.0f} Mt share" in caption
    )
    assert f"used up in {verdict['used_up_year']}" in caption
    assert "seckill.models.scenarios.delivery_path" in caption and caption.endswith(
        "its sliders change the chart, not this table."
    )


def test_static_sliders_use_the_models_bounds_and_label_assumptions(base):
    spec = ch08.scenario_explorer_chart(base, ch08.default_levers(base)).to_dict()
    params = _params(spec)
    assert set(params) == {control.name for control in ch08.SCENARIO_CONTROLS}
    for name, param in params.items():
        assert (param["bind"]["min"], param["bind"]["max"]) == scenarios.BOUNDS[name]
    for name in ("sufficiency_pct", "rebound_pct", "reuse_pct", "scarcity_boost_pct"):
        assert "(assumption)" in params[name]["bind"]["name"]
    # The parcels' yearly growth factor stays positive at the corners of the slider box: no NaN.
    growth = ch08.scenario_expressions(base)["parcels_t_bn"]
    for g in scenarios.BOUNDS["growth_pct"]:
        for s in scenarios.BOUNDS["sufficiency_pct"]:
            for d in scenarios.BOUNDS["efficiency_pct"]:
                for r in scenarios.BOUNDS["rebound_pct"]:
                    values = dict(growth_pct=g, sufficiency_pct=s, efficiency_pct=d, rebound_pct=r)
                    values |= dict(reuse_pct=0, scarcity_boost_pct=0)
                    assert _vega(growth, values, 1) > 0


def test_presets_are_labelled_and_ordered(base):
    table = ch08.presets_table(base)
    assert list(table["Scenario"]) == ["Past trend", "Efficiency (green growth)", "Sufficiency", "Policy mix"]
    parcels_col = [c for c in table.columns if c.startswith("Parcels ")][0]
    co2_col = [c for c in table.columns if c.startswith("World CO2 ")][0]
    trend, mix = table.iloc[0], table.iloc[3]
    assert mix[parcels_col] < trend[parcels_col] and mix[co2_col] < trend[co2_col]
    shown = ch08.presets_display_table(base)
    assert list(shown.columns) == list(table["Scenario"])
    assert shown.loc[parcels_col, "Past trend"] == str(int(trend[parcels_col]))


def test_reuse_scale_divides_items_by_the_years_parcels():
    policy = ch08.packaging_policy_table()
    scale = ch08.reuse_scale_table(policy, parcel_inputs.parcels_table())
    row = scale[(scale["year"] == 2023) & (scale["kind"] == "target")].iloc[0]
    assert row["share_of_parcels_pct"] == pytest.approx(100 * row["value"] * 1e6 / (132.07e9))
    assert set(policy["bound"]) == {"exact", "lower bound"}


def test_cart_formulas_match_the_model_and_fit_the_axis():
    defaults = ch09.cart_defaults()
    expressions = ch09.cart_expressions(defaults)
    for orders, returned, reuse in [(0, 0, 0), (120, 10, 30), (500, 50, 0)]:
        model = ch09.footprint_for(defaults, orders, returned, reuse)
        values = {"orders": orders, "returned_pct": returned, "reuse_pct": reuse}
        for key, expression in expressions.items():
            assert _vega(expression, values) == pytest.approx(model[key]), key
    most = {"orders": ch09.ORDERS_MAX, "returned_pct": ch09.RETURNED_MAX_PCT, "reuse_pct": 0}
    assert _vega(expressions["total_co2e_kg"], most) <= ch09.AXIS_MAX_KG
    assert defaults["average_co2e_kg"] < ch09.AXIS_MAX_KG
    # The average resident's parcels through the cart model give Chapter 7's footprint per person.
    assert ch09.footprint_for(defaults, defaults["average_parcels"])["total_co2e_kg"] == pytest.approx(
        defaults["average_co2e_kg"]
    )


def test_cart_calculator_table_is_the_model_at_the_sliders_starting_values():
    defaults = ch09.cart_defaults()
    spec = ch09.cart_calculator_chart(defaults).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    start = starting_values(spec)
    factors = parcel_inputs.parcel_defaults()
    you = cart.cart_footprint(
        start["orders"],
        packaging_g_per_parcel=factors["packaging_g_per_parcel"],
        packaging_t_co2e_per_t=factors["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=factors["transport_kg_co2e_per_parcel"],
        returned_share=start["returned_pct"] / 100,
        extra_reuse_share=start["reuse_pct"] / 100,
    )
    # The average resident's bar is the one number the chart's data holds.
    (shown_average,) = [
        row["average"] for data_ in spec["datasets"].values() for row in data_ if row.get("average")
    ]
    co2_per_head_kg = defaults["consumption_co2_t"] * 1000
    assert headers == [
        "Who",
        "Parcels a year",
        "New packaging, kg",
        "kg CO2e a year",
        "% of CO2 per head (2017)",
    ]
    assert [row[0] for row in rows] == ["Your parcels", "Average resident of China, 2024"]
    mine, average = ([number(cell) for cell in row[1:]] for row in rows)
    assert mine == pytest.approx(
        [
            you["parcels"],
            you["packaging_kg"],
            you["total_co2e_kg"],
            100 * you["total_co2e_kg"] / co2_per_head_kg,
        ],
        abs=0.05,
    )
    assert average[0] == pytest.approx(factors["parcels_bn"] * 1e9 / factors["population"], abs=0.05)
    assert average[2] == pytest.approx(shown_average, abs=0.05)
    assert average[3] == pytest.approx(100 * shown_average / co2_per_head_kg, abs=0.05)
    assert (
        f"({start['orders']:g} orders a year" in caption and "seckill.models.cart.cart_footprint" in caption
    )
    assert caption.endswith("its sliders change the chart, not this table.")


@pytest.mark.parametrize(
    "build",
    [
        lambda b: ch08.scenario_explorer_chart(b, ch08.default_levers(b)),
        lambda b: ch08.delivery_chart(ch08.default_levers(b), b),
        lambda b: ch08.live_share_chart(ch08.live_share_table()),
        lambda b: ch08.packaging_policy_chart(ch08.packaging_policy_table()),
        lambda b: ch09.cart_calculator_chart(ch09.cart_defaults()),
    ],
)
def test_every_chart_has_title_source_and_description(base, build):
    spec = build(base).to_dict()
    assert spec["title"]["text"] and spec["description"]
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def test_chapter_numbers_are_finite(base):
    for numbers in (ch08.chapter_numbers(), ch09.chapter_numbers()):
        assert all(math.isfinite(float(v)) for v in numbers.values())


def test_explorer_is_a_note_in_the_book_and_bounded_widgets_in_a_kernel(monkeypatch, base):
    start = ch08.default_levers(base)
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    assert "needs a live Python kernel" in scenario_explorer.scenario_explorer(base, start).data
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    import ipywidgets

    widget = scenario_explorer.scenario_explorer(base, start)
    sliders = [c for c in widget.children[0].children if isinstance(c, ipywidgets.FloatSlider)]
    controls = scenario_explorer.explorer_controls(base, start)[:-1]  # the last is the year reported
    assert len(sliders) == len(controls)
    for slider, control in zip(sliders, controls, strict=True):
        assert (slider.min, slider.max) == scenarios.BOUNDS[control.name]
    assert isinstance(widget.children[-1], ipywidgets.Output)


def test_summary_table_reports_the_run(base):
    levers = ch08.default_levers(base)
    result = scenarios.delivery_verdict(levers, base)
    table = scenario_explorer.summary_table(result, levers, base)
    assert len(table) == 5 and table["Value"].str.len().min() > 0
    assert f"{result['cumulative_end_mt']:,.0f} Mt" in table["Value"].iloc[2]


def test_the_pages_reading_of_the_explorer_holds(base):
    """The page says: every preset overshoots the parcels' budget share; efficiency and sufficiency at
    their far ends still overshoot; adding near-full reuse brings the line under the share."""
    for levers in ch08.presets(base).values():
        assert scenarios.delivery_verdict(levers, base)["budget_used_share"] > 1
    ends = {"efficiency_pct": scenarios.BOUNDS["efficiency_pct"][1]}
    ends |= {"sufficiency_pct": scenarios.BOUNDS["sufficiency_pct"][1]}
    assert scenarios.delivery_verdict(ch08.default_levers(base, **ends), base)["budget_used_share"] > 1
    deep = ends | {"reuse_pct": scenarios.BOUNDS["reuse_pct"][1], "scarcity_boost_pct": 0}
    assert scenarios.delivery_verdict(ch08.default_levers(base, **deep), base)["budget_used_share"] < 1
