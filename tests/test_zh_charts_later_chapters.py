"""Chapters 4 to 9 and their explorers in Chinese: no English words left in any chart, and every
chart still builds in English (the chapters' own tests check the English texts themselves)."""

import re

import pytest

from seckill import i18n
from seckill.calibrations import carbon_budget, doughnut, income_fit, parcel_inputs
from seckill.chapters import ch04, ch05, ch06, ch07, ch08, ch09
from seckill.charts import tables
from seckill.explorers import cohort, decoupling, rebalancing
from seckill.models import rebalancing as rebalancing_model
from seckill.models import streamer
from tests.details_table import starting_values
from tests.vega_expression import evaluate
from tests.zh_texts import english_in_chart


def _decoupling_chart():
    defaults = carbon_budget.budget_defaults()
    table, _ = decoupling.scenario_table(
        defaults,
        consumption_growth=0.02,
        intensity_decline=0.03,
        rebound=0.1,
        population_growth=0.005,
        end_year=2050,
        budget_gtco2=130.0,
    )
    return decoupling.scenario_chart(table, budget_gtco2=130.0, budget_label="IGCC 2024")


def _rebalancing_chart():
    year, share = ch06.current_china_share(ch06.consumption_share_table())
    path = rebalancing_model.rebalancing_path(share / 100, 0.05, 0.065, base_year=year, horizon_years=30)
    return rebalancing.path_chart(path, target_pct=50, source=rebalancing.default_source(year))


def _with_baseline(build):
    base = ch08.baseline()
    return build(base, ch08.default_levers(base))


CHARTS = {
    "ch04 counts": lambda: ch04.counts_chart(ch04.counts_table()),
    "ch04 income": lambda: ch04.income_chart(
        income_fit.income_points_table(),
        ch04.survival_curve_table({income_fit.MAIN_SURVEY: income_fit.calibrate()}),
    ),
    "ch04 lorenz": lambda: ch04.lorenz_explorer_chart(income_fit.calibrate()),
    "ch04 calculator": lambda: ch04.calculator_chart(
        ch04.default_month_inputs(income_fit.calibrate()),
        ch04.hourly_benchmarks_table(),
        reference_benchmark=ch04.REFERENCE_BENCHMARK,
    ),
    "ch04 hours": lambda: ch04.hours_chart(ch04.hours_findings_table()),
    "ch04 working week": lambda: ch04.working_hours_chart(),
    "ch04 cohort": lambda: cohort.cohort_chart(
        cohort.cohort_table(streamer.CohortInputs(n_streamers=100, months=6)),
        streamer.CohortInputs(n_streamers=100, months=6),
    ),
    "ch05 timeline": lambda: ch05.timeline_chart(ch05.events_table(), ch05.growth_table()),
    "ch06 shares": lambda: ch06.consumption_share_chart(ch06.consumption_share_table()),
    "ch06 gap": lambda: ch06.source_gap_chart(ch06.source_gap_table(ch06.consumption_share_table())),
    "ch06 recovery": lambda: ch06.recovery_chart(ch06.recovery_table(ch06.gdp_vintages_table())),
    "ch06 rebalancing": lambda: ch06.rebalancing_explorer_chart(
        *ch06.current_china_share(ch06.consumption_share_table())
    ),
    "ch07 parcels": lambda: ch07.parcels_chart(parcel_inputs.parcels_table()),
    "ch07 singles day": lambda: ch07.singles_day_parcels_chart(
        ch07.season_comparison_table(ch07.singles_day_parcels_table(), parcel_inputs.parcels_table())
    ),
    "ch07 estimates": lambda: ch07.emission_estimates_chart(parcel_inputs.estimates_table()),
    "ch07 calculator": lambda: ch07.parcel_calculator_chart(parcel_inputs.parcel_defaults()),
    "ch07 per person": lambda: ch07.per_person_chart(ch07.per_person_table(carbon_budget.co2_table(), 2017)),
    "ch07 totals": lambda: ch07.totals_chart(carbon_budget.co2_table()),
    "ch07 decoupling": lambda: ch07.decoupling_chart(ch07.decoupling_table(carbon_budget.co2_table())),
    "ch07 budget": lambda: ch07.budget_explorer_chart(carbon_budget.budget_defaults()),
    "ch07 material": lambda: ch07.material_footprint_chart(ch07.material_footprint_table()),
    "ch07 doughnut": lambda: ch07.doughnut_chart(doughnut.doughnut_table()),
    "ch07 scenario explorer": _decoupling_chart,
    "ch06 rebalancing explorer": _rebalancing_chart,
    "ch08 scenario": lambda: ch08.scenario_explorer_chart(
        ch08.baseline(), ch08.default_levers(ch08.baseline())
    ),
    "ch08 delivery": lambda: ch08.delivery_chart(ch08.default_levers(ch08.baseline()), ch08.baseline()),
    "ch08 live share": lambda: ch08.live_share_chart(ch08.live_share_table()),
    "ch08 packaging": lambda: ch08.packaging_policy_chart(ch08.packaging_policy_table()),
    "ch09 cart": lambda: ch09.cart_calculator_chart(ch09.cart_defaults()),
}


@pytest.mark.parametrize("name", sorted(CHARTS))
def test_a_chinese_chart_has_no_english_words(chinese, name):
    assert english_in_chart(CHARTS[name]().to_dict()) == {}


def _exercises():
    from seckill.exercises import ch01 as e1
    from seckill.exercises import ch02 as e2
    from seckill.exercises import ch03 as e3
    from seckill.exercises import ch04 as e4
    from seckill.exercises import ch05 as e5
    from seckill.exercises import ch06 as e6
    from seckill.exercises import ch07 as e7
    from seckill.exercises import ch08 as e8
    from seckill.exercises.feedback import NumberExercise

    for module in (e1, e2, e3, e4, e5, e6, e7, e8):
        for name, value in vars(module).items():
            if isinstance(value, NumberExercise):
                yield f"{module.__name__.rsplit('.', 1)[1]}.{name}", value


EXERCISES = dict(_exercises())
_CJK = re.compile(r"[\u4e00-\u9fff]")
# The feedback's own English words (its hints quote code, whose names stay as they are).
_ENGLISH_PROSE = re.compile(
    r"\b(Right|Not yet|Hint|The answer|Not answered|too (high|low)|that is|within|exactly|give|"
    r"the|and|of)\b"
)


@pytest.mark.parametrize("name", sorted(EXERCISES))
def test_an_exercise_answers_in_chinese(chinese, name):
    """Every message a student can get from an exercise (not answered, not a number, too high, too
    low, each known mistake, right, the hint) comes from the catalogue and reads in Chinese."""
    exercise = EXERCISES[name]
    target = float(exercise.expected())
    answers = [..., "12", True, [1, 2], float("nan"), target, 3 * target + 1, -3 * abs(target) - 1]
    answers += [float(wrong) for wrong, _ in exercise.mistakes()]
    for answer in answers:
        message = str(exercise.check(answer))
        i18n.set_language("en")
        english = str(exercise.check(answer))
        i18n.set_language("zh_CN")
        assert message != english and _CJK.search(message), (answer, message)
        assert not _ENGLISH_PROSE.search(message), (answer, message)
    assert _CJK.search(str(exercise.hint())) and not _ENGLISH_PROSE.search(str(exercise.hint()))


def _calculations(spec):
    """Every ``calculate`` expression in a spec, as (field, expression)."""
    for node in tables.spec_objects(spec):
        if isinstance(node.get("calculate"), str):
            yield node.get("as"), node["calculate"]


def test_the_cart_read_out_computed_in_the_browser_reads_in_chinese_with_the_models_numbers(chinese):
    """The read-out's Chinese sentence, evaluated as the browser does at the sliders' start, carries
    the numbers of the cart model (the English read-out is checked in test_ch08)."""
    defaults = ch09.cart_defaults()
    spec = ch09.cart_calculator_chart(defaults).to_dict()
    start = starting_values(spec)
    lines = [
        evaluate(expression, start, {})
        for field, expression in _calculations(spec)
        if field == "label" and _CJK.search(expression) and "datum" not in expression
    ]
    model = ch09.footprint_for(defaults, start["orders"], start["returned_pct"], start["reuse_pct"])
    assert lines[0] == f"你：{model['parcels']:,.0f}件包裹，新包装{model['packaging_kg']:,.1f} kg"
    assert lines[1].startswith("＝中国人均二氧化碳排放的") and lines[1].endswith("年）")
