"""What the package says to a Chinese reader outside its charts: the models' refusals shown by an
explorer or printed by a notebook, the notebooks' sentences, and the units (万吨, 亿吨) of the charts
the browser computes. Each message must be Chinese, keep naming the parameter it refuses (by its
code name), and the charts must compute the same values as in English, converted."""

from __future__ import annotations

import re

import pytest

from seckill import i18n
from seckill.calibrations import carbon_budget, income_fit, parcel_inputs
from seckill.chapters import ch01, ch03, ch04, ch05, ch06, ch07, ch08
from seckill.charts import render, tables
from seckill.explorers import rebalancing as rebalancing_explorer
from seckill.models import flash_sale, growth, incomes, parcels, rebalancing, scenarios, streamer
from tests.vega_expression import evaluate
from tests.zh_texts import NOTEBOOK_CODE_WORDS, data_field_names, english_words, reader_texts

HAN = re.compile(r"[\u4e00-\u9fff]")


@pytest.fixture
def chinese():
    i18n.set_language("zh_CN")
    yield
    i18n.set_language(None)


def _english_left(text: str, parameter: str = "") -> list[str]:
    # A parameter's code name (price_rmb, points[0]) stays as it is; words are what is left.
    code = data_field_names() | NOTEBOOK_CODE_WORDS | set(re.findall(r"[A-Za-z_]\w*", parameter))
    return english_words(text, code)


# --------------------------------------------------------------------------- an explorer in a kernel


@pytest.fixture
def shown(monkeypatch):
    """Widgets, not the static book's note; and what the explorer displays, in order."""
    monkeypatch.delenv(render.BUILD_ENV_VAR, raising=False)
    items: list = []
    monkeypatch.setattr("IPython.display.display", lambda *objs, **_kw: items.extend(objs))
    return items


def test_a_chinese_explorer_moved_to_a_setting_its_model_refuses_says_why_in_chinese(chinese, shown):
    # GDP growing faster than household consumption: the share never reaches the target.
    made = rebalancing_explorer.rebalancing_explorer(base_year=2023, current_share_pct=39.0)
    box, _output = made.children
    gdp, consumption, _target = box.children
    gdp.value, consumption.value = 6.0, 3.0
    message = shown[-1].data
    assert "无解" in message and "consumption_growth" in message and "gdp_growth" in message, message
    assert HAN.search(message.split("：", 1)[1]) and _english_left(message) == [], message


# --------------------------------------------------------------------------- the models' refusals

# Every refusal a notebook shows on purpose, and others a reader meets: (call, parameter named).
REFUSALS = {
    "growth rate typed as a percentage": (lambda: growth.doubling_time_years(36), "rate"),
    "no doubling without growth": (lambda: growth.rule_of_70_years(0.0), "rate"),
    "target never reached": (lambda: growth.years_to_reach(10.0, 20.0, -0.1), "rate"),
    "conversion as a percentage": (
        lambda: flash_sale.FlashSale(1000, 5, 0.5, 100, 600),
        "conversion_per_s",
    ),
    "a string for a number": (lambda: flash_sale.FlashSale("100万", 0.01, 0.5, 100, 600), "audience"),
    "shares typed as percentages": (
        lambda: incomes.calibrate_lognormal([(3000, 67.9), (8000, 86.3)]),
        "points[0]",
    ),
    "agency cut too large": (lambda: streamer.MonthInputs(agency_pct=95), "agency_pct"),
    "reuse as a percentage": (
        lambda: parcels.parcel_footprint(
            1e9,
            population=1.4e9,
            packaging_g_per_parcel=100,
            packaging_t_co2e_per_t=2,
            transport_kg_co2e_per_parcel=0.1,
            extra_reuse_share=30,
        ),
        "extra_reuse_share",
    ),
    "target below the current share": (
        lambda: rebalancing.years_to_target_share(0.39, 0.30, 0.05, 0.065),
        "target_share",
    ),
    "consumption not outgrowing GDP": (
        lambda: rebalancing.years_to_target_share(0.39, 0.50, 0.06, 0.05),
        "consumption_growth",
    ),
    "events from a later year to an earlier one": (
        lambda: ch05.events_between(ch05.events_table(), 2022, 2020),
        "start_year",
    ),
    "a lever out of bounds": (
        lambda: ch08.default_levers(ch08.baseline(), efficiency_pct=30),
        "efficiency_pct",
    ),
    "a count that is not whole": (
        lambda: streamer.CohortInputs(n_streamers=2.5),
        "n_streamers",
    ),
    "an end year before the start": (
        lambda: scenarios.run(ch08.default_levers(ch08.baseline(), end_year=2000), ch08.baseline()),
        "end_year",
    ),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_models_refusal_reads_in_chinese_and_still_names_the_parameter(chinese, case):
    call, parameter = REFUSALS[case]
    with pytest.raises(ValueError) as refused:
        call()
    message = str(refused.value)
    assert parameter in message, message
    assert HAN.search(message) and _english_left(message, parameter) == [], message


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_the_same_refusal_in_english_is_english(case):
    call, parameter = REFUSALS[case]
    with pytest.raises(ValueError) as refused:
        call()
    message = str(refused.value).replace("'100万'", "")  # the value typed, quoted as it was
    assert parameter in message and not HAN.search(message), message


# --------------------------------------------------------------------------- the notebooks' sentences


def _sentences():
    fit = income_fit.calibrate()
    base = ch08.baseline()
    earned = {"rmb_per_item": 50.0, "rmb_per_hour": 16.7}
    net = {"median_net_rmb_per_hour": 4.2, "expected_net_rmb_per_hour": 11.0, "share_beating_benchmark": 0.2}
    rates = {
        "population_growth": 0.007,
        "gdp_per_person_growth": 0.09,
        "intensity_decline": 0.05,
        "gdp_growth": 0.1,
        "emissions_growth": 0.045,
    }
    answer = rebalancing.rebalance(0.39, 0.5, 0.05, 0.065)
    footprint = parcels.parcel_footprint(
        1e11,
        population=1.4e9,
        packaging_g_per_parcel=150,
        packaging_t_co2e_per_t=2,
        transport_kg_co2e_per_parcel=0.1,
    )
    return [
        ch01.doubling_summary(0.36, 2014, 2019),
        ch01.doubling_line(0.1),
        ch01.start_and_target_text(540.3, 44082.0, 2021),
        ch01.retail_target_label(2021),
        ch01.projection_source(),
        ch01.years_to_retail_text(36, 12.0),
        ch03.sourced_inputs_text(),
        ch03.derived_share_text(8.1, 8.0),
        ch03.maker_keeps_text(earned),
        ch03.makers_line(10, 30.0, 2000),
        ch04.fit_text(fit),
        ch04.net_income_text(net, 20.1),
        ch04.minimum_wage_label(2023),
        ch06.rebalance_text(answer, 0.39, 0.5, 2023),
        ch06.required_growth_text(0.08, 0.05),
        ch07.footprint_text(footprint),
        ch07.kaya_check_text(rates),
        ch07.decoupling_text(rates, 1990, 2016),
        ch07.required_decline_line(0.25, 0.06, 0.05),
        ch08.emissions_check_text(38.1, 38.1),
        ch08.gini_check_text(0.6, 0.6),
        ch08.orders_check_text(0.7, 0.7),
        ch08.presets_display_table(base).to_string(),
    ]


def test_what_a_chinese_notebook_prints_is_chinese(chinese):
    for sentence in _sentences():
        assert HAN.search(sentence) and _english_left(sentence) == [], sentence


def test_the_notebooks_masses_are_in_wan_tonnes_in_chinese(chinese):
    footprint = {"new_packaging_t": 2.5e6, "packaging_co2e_t": 5e6, "transport_co2e_t": 1.2e7}
    assert ch07.footprint_text(footprint).splitlines() == [
        "包装：材料250万吨，排放500万吨CO₂e",
        "运输：排放1,200万吨CO₂e",
    ]
    assert ch08.emissions_check_text(38.123, 38.1).splitlines()[0] == "脱钩模型：381.23亿吨"


# --------------------------------------------------------------------------- 万吨 and 亿吨 in the browser

MASS_UNIT = re.compile(r"(?<![A-Za-z])(Mt|Gt)(?![A-Za-z])")
BROWSER_CHARTS = {
    "carbon budget": lambda: ch07.budget_explorer_chart(carbon_budget.budget_defaults()),
    "parcel calculator": lambda: ch07.parcel_calculator_chart(parcel_inputs.parcel_defaults()),
    "chapter 8 scenario": lambda: ch08.scenario_explorer_chart(
        ch08.baseline(), ch08.default_levers(ch08.baseline())
    ),
    "chapter 8 scenario in a kernel": lambda: ch08.delivery_chart(
        ch08.default_levers(ch08.baseline()), ch08.baseline()
    ),
}


@pytest.mark.parametrize("name", sorted(BROWSER_CHARTS))
def test_a_chinese_chart_computed_in_the_browser_writes_no_mt_or_gt(chinese, name):
    spec = BROWSER_CHARTS[name]().to_dict()
    found = [text for text in reader_texts(spec) if MASS_UNIT.search(str(text))]
    assert found == [], found
    assert any("万吨" in str(text) or "亿吨" in str(text) for text in reader_texts(spec))


def _calculations(spec: dict) -> dict[str, str]:
    found = {}
    for node in tables.spec_objects(spec):
        for step in node.get("transform", []):
            if "calculate" in step:
                found.setdefault(step["as"], step["calculate"])
    return found


def test_the_browser_computes_the_same_numbers_in_chinese_units():
    settings = {"parcels_bn": 120.0, "grams": 150.0, "reuse_pct": 30.0, "recycle_pct": 45.0, "distance": 1.7}
    budget = {"growth_pct": 2.0, "decline_pct": 3.0, "rebound_pct": 20.0}
    defaults = parcel_inputs.parcel_defaults()
    english_parcels = _calculations(ch07.parcel_calculator_chart(defaults).to_dict())
    english_budget = _calculations(ch07.budget_explorer_chart(carbon_budget.budget_defaults()).to_dict())
    i18n.set_language("zh_CN")
    try:
        chinese_parcels = _calculations(ch07.parcel_calculator_chart(defaults).to_dict())
        chinese_budget = _calculations(ch07.budget_explorer_chart(carbon_budget.budget_defaults()).to_dict())
    finally:
        i18n.set_language(None)
    for packaging in (True, False):
        row = {"packaging": packaging}
        english = evaluate(english_parcels["co2e_mt"], settings, row)
        assert english > 0
        assert evaluate(chinese_parcels["co2e_mt"], settings, row) == pytest.approx(
            100 * english
        )  # Mt → 万吨
    english = evaluate(english_budget["cumulative"], budget, {"t": 10})
    assert english > 0
    assert evaluate(chinese_budget["cumulative"], budget, {"t": 10}) == pytest.approx(
        10 * english
    )  # Gt → 亿吨
