"""What the package says to a Chinese reader outside its charts: the models' refusals shown by an
explorer or printed by a notebook, the notebooks' sentences, and the units (万吨, 亿吨) of the charts
the browser computes. Each message must be Chinese, keep naming the parameter it refuses (by its
code name), and the charts must compute the same values as in English, converted."""

from __future__ import annotations

import math
import re

import pytest

from seckill.calibrations import carbon_budget, income_fit, parcel_inputs
from seckill.chapters import ch01, ch02, ch03, ch04, ch05, ch06, ch07, ch08
from seckill.charts import render, tables
from seckill.explorers import decoupling as decoupling_explorer
from seckill.explorers import rebalancing as rebalancing_explorer
from seckill.explorers import regulation as regulation_explorer
from seckill.explorers import scenarios as scenario_explorer
from seckill.models import flash_sale, growth, incomes, parcels, rebalancing, scenarios, streamer
from tests.vega_expression import evaluate
from tests.zh_texts import (
    ENGLISH_SCALE,
    NOTEBOOK_CODE_WORDS,
    data_field_names,
    english_words,
    in_chinese,
    reader_texts,
)

HAN = re.compile(r"[\u4e00-\u9fff]")


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
    with in_chinese():
        chinese_parcels = _calculations(ch07.parcel_calculator_chart(defaults).to_dict())
        chinese_budget = _calculations(ch07.budget_explorer_chart(carbon_budget.budget_defaults()).to_dict())
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


# ---------------------------------------------------------------- tables and read-outs in 亿 and 万

SCALED_CHARTS = {
    "published parcel emissions": lambda: ch07.emission_estimates_chart(parcel_inputs.estimates_table()),
    "reusable packaging": lambda: ch08.packaging_policy_chart(ch08.packaging_policy_table()),
    "chapter 8 scenario": lambda: ch08.scenario_explorer_chart(
        ch08.baseline(), ch08.default_levers(ch08.baseline())
    ),
    "flash sale": lambda: ch02.flash_sale_explorer_chart(ch02.lipstick_table()),
    "stock choice": lambda: ch02.stock_choice_chart(ch02.lipstick_table()),
    "decoupling scenario in a kernel": lambda: decoupling_explorer.scenario_chart(
        _decoupling_table(), budget_gtco2=130.0, budget_label="IGCC 2024"
    ),
}


def _decoupling_table():
    defaults = carbon_budget.budget_defaults()
    table, _summary = decoupling_explorer.scenario_table(
        defaults,
        consumption_growth=0.01,
        intensity_decline=0.05,
        rebound=0.3,
        population_growth=defaults["population_growth"],
        end_year=2050,
        budget_gtco2=defaults["budget_50"],
    )
    return table


def _without_controls(node):
    """A spec without its controls' bindings: a slider sets a model's input in the model's unit
    (viewers in millions), which its label names, and is left as it is."""
    if isinstance(node, dict):
        return {key: _without_controls(value) for key, value in node.items() if key != "bind"}
    if isinstance(node, list):
        return [_without_controls(item) for item in node]
    return node


@pytest.mark.parametrize("name", sorted(SCALED_CHARTS))
def test_a_chinese_chart_counts_in_wan_and_yi_not_in_millions_billions_mt_or_gt(chinese, name):
    texts = [str(text) for text in reader_texts(_without_controls(SCALED_CHARTS[name]().to_dict()))]
    assert [text for text in texts if ENGLISH_SCALE.search(text)] == []
    assert any(re.search("[万亿]", text) for text in texts), texts


def _numbers(table) -> list[list[float | None]]:
    """Each cell of ``table`` as a number, or None for a text or a missing value."""

    def number(cell):
        try:
            value = float(str(cell).replace(",", ""))
        except ValueError:
            return None
        return value if math.isfinite(value) else None

    return [[number(cell) for cell in row] for row in table.astype(object).to_numpy()]


def _in_both_languages(make):
    english = make()
    with in_chinese():
        return english, make()


def _events_and_growth():
    return ch05.events_table(), ch05.growth_table()


# Each table, and the factor of each of its columns (by position) from the English to the Chinese
# unit: 亿元 and 亿件 ten times billions, 万吨 a hundred times Mt, 亿吨 ten times Gt.
SCALED_TABLES = {
    "chapter 5 fines": (lambda: ch05.fines_table(ch05.events_table()), {2: 10, 3: 10}),
    "chapter 5 period explorer": (
        lambda: regulation_explorer.period_tables(*_events_and_growth(), ch05.FIRST_YEAR, ch05.LAST_YEAR)[0],
        {4: 10},
    ),
    "chapter 6 campaigns": (ch06.campaigns_table, {2: 10}),
    "chapter 8 presets": (lambda: ch08.presets_display_table(ch08.baseline()).T, {5: 10, 6: 100, 7: 10}),
    "chapter 7 scenario by hand": (
        lambda: decoupling_explorer.shown_table(
            _decoupling_table(), carbon_budget.budget_defaults()["base_year"]
        ),
        {1: 10, 4: 10, 5: 10},
    ),
}


@pytest.mark.parametrize("name", sorted(SCALED_TABLES))
def test_a_chinese_table_shows_exactly_ten_or_a_hundred_times_the_english_numbers(name):
    make, factors = SCALED_TABLES[name]
    english, chinese = _in_both_languages(make)
    assert english.shape == chinese.shape
    assert [header for header in map(str, chinese.columns) if ENGLISH_SCALE.search(header)] == []
    scaled = 0
    for english_row, chinese_row in zip(_numbers(english), _numbers(chinese), strict=True):
        for column, (english_value, chinese_value) in enumerate(zip(english_row, chinese_row, strict=True)):
            if english_value is None:
                continue
            factor = factors.get(column, 1)
            assert chinese_value == pytest.approx(factor * english_value), (column, english_value)
            scaled += factor > 1 and english_value != 0
    assert scaled, "no converted number compared"


def test_the_chapter_8_explorers_results_read_in_wan_tonnes(chinese):
    base = ch08.baseline()
    levers = ch08.default_levers(base)
    result = scenarios.delivery_verdict(levers, base)
    table = scenario_explorer.summary_table(result, levers, base)
    cells = [str(cell) for cell in table.to_numpy().ravel()]
    assert [cell for cell in cells if ENGLISH_SCALE.search(cell)] == []
    assert f"{100 * result['budget_mt']:,.0f}万吨CO₂e" in cells
    assert any(cell.startswith(f"{100 * result['cumulative_end_mt']:,.0f}万吨＝") for cell in cells), cells


def test_the_chapter_7_explorers_read_out_is_in_yi_tonnes(chinese, shown):
    decoupling_explorer.scenario_explorer(carbon_budget.budget_defaults())
    texts = [item.data for item in shown if isinstance(getattr(item, "data", None), str)]
    assert texts and all("亿吨" in text and not ENGLISH_SCALE.search(text) for text in texts), texts
