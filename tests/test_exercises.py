"""The notebooks' exercises: every check accepts a right answer, explains a wrong one, and never
raises on a student's input; every notebook carries at least three checked exercises with hidden
solutions.

Each right answer below is worked out here the way a student would, from the book's data and
models, not by asking the exercise for its own expected value.
"""

from __future__ import annotations

import json
import math
import re
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from seckill import data
from seckill.calibrations import carbon_budget, flash_sale_inputs, income_fit, parcel_inputs, singles_day
from seckill.chapters import ch02, ch03, ch05, ch06, ch08
from seckill.exercises import ch01 as ex01
from seckill.exercises import ch02 as ex02
from seckill.exercises import ch03 as ex03
from seckill.exercises import ch04 as ex04
from seckill.exercises import ch05 as ex05
from seckill.exercises import ch06 as ex06
from seckill.exercises import ch07 as ex07
from seckill.exercises import ch08 as ex08
from seckill.exercises.feedback import NOT_ANSWERED, NumberExercise
from seckill.models import decoupling, flash_sale, parcels, scenarios, streamer, value_chain

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("0[1-8]-*.ipynb"))
MODULES = {f"{n:02d}": module for n, module in enumerate([ex01, ex02, ex03, ex04, ex05, ex06, ex07, ex08], 1)}


# --- Answers worked out independently -------------------------------------------------------------


def one_day_rmb_bn():
    return singles_day.singles_day_table().set_index("year")["gmv_rmb_bn"]


def retail_2021_rmb_bn():
    retail = data.load("retail_sales")
    return float(
        retail.query("year == 2021 and measure == 'total_retail_sales_consumer_goods'")["value_rmb_bn"].iloc[
            0
        ]
    )


def years_to_retail(rate):
    return math.log(retail_2021_rmb_bn() / one_day_rmb_bn()[2021]) / math.log(1 + rate)


def sell_out_s(**changes):
    return flash_sale.sell_out_time_s(flash_sale_inputs.default_sale(**changes))


def maker_per_hour(**changes):
    settings = ch03.value_chain_defaults() | changes
    split = ch03.default_split(settings)
    return value_chain.maker_earnings(split, hours_per_item=settings["hours_per_item"])


def hours_of_work():
    settings = ch03.capacity_defaults()
    return settings["orders"] * settings["hours_per_item"]


def newcomer(viewers):
    fit = income_fit.calibrate()
    month = streamer.MonthInputs(
        viewers_per_hour=viewers, conversion_pct=1.0, sales_sigma=round(fit.sigma, 2)
    )
    return streamer.net_income(month, benchmark_rmb_per_hour=20.0)  # the benchmark moves no net income


def china_share():
    shares = ch06.consumption_share_table()
    return ch06.current_china_share(shares)[1] / 100


def co2_2017_china():
    co2 = carbon_budget.co2_table()
    return co2[(co2["year"] == 2017) & (co2["economy"] == "China")].iloc[0]


def waste_2018_mt(recycling_share):
    defaults = parcel_inputs.parcel_defaults()
    population = data.load("population").query("economy_code == 'chn' and year == 2018")["population"].iloc[0]
    result = parcels.parcel_footprint(
        defaults["parcels_bn_2018"] * 1e9,
        packaging_g_per_parcel=defaults["packaging_g_per_parcel"],
        packaging_t_co2e_per_t=defaults["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=defaults["transport_kg_co2e_per_parcel"],
        population=float(population),
        recycling_share=recycling_share,
    )
    return result["waste_not_recycled_t"] / 1e6


def china_1990_2016():
    co2 = carbon_budget.co2_table()
    china = co2[co2["economy_code"] == "chn"].set_index("year")
    years = 26
    population_growth = (china.loc[2016, "population"] / china.loc[1990, "population"]) ** (1 / years) - 1
    gdp_growth = (china.loc[2016, "gdp_intl_usd_2011_bn"] / china.loc[1990, "gdp_intl_usd_2011_bn"]) ** (
        1 / years
    ) - 1
    return population_growth, (1 + gdp_growth) / (1 + population_growth) - 1


def needed_decline(rebound):
    population_growth, per_person_growth = china_1990_2016()
    return decoupling.required_intensity_decline(population_growth, per_person_growth, rebound=rebound)


def scenario(**changes):
    base = ch08.baseline()
    return scenarios.run(ch08.default_levers(base, **changes), base)


def largest_fine():
    events = ch05.events_table()
    with_basis = events[events["fine_basis_rmb_bn"].notna()]
    row = with_basis.loc[with_basis["amount_rmb_bn"].idxmax()]
    return float(row["amount_rmb_bn"]), float(row["fine_basis_rmb_bn"])


def events_in(first, last):
    years = ch05.events_table()["year"]
    return int(((years >= first) & (years <= last)).sum())


# exercise -> (right answer, [(plausible wrong answer, words its message must carry)])
CASES = {
    (ex01, "gmv_2019"): (
        lambda: one_day_rmb_bn()[2019],
        [(lambda: one_day_rmb_bn()[2020], "eleven days"), (lambda: one_day_rmb_bn()[2019] * 1e9, "in yuan")],
    ),
    (ex01, "years_to_retail_at_20_pct"): (
        lambda: years_to_retail(0.20),
        [
            (lambda: years_to_retail(0.36), "36 %"),
            (lambda: math.log(retail_2021_rmb_bn() / one_day_rmb_bn()[2021]) / 0.20, "log(1 + rate)"),
        ],
    ),
    (ex01, "rate_2009_2014"): (
        lambda: (one_day_rmb_bn()[2014] / one_day_rmb_bn()[2009]) ** (1 / 5) - 1,
        [
            (lambda: 100 * ((one_day_rmb_bn()[2014] / one_day_rmb_bn()[2009]) ** (1 / 5) - 1), "percentage"),
            (lambda: one_day_rmb_bn()[2014] / one_day_rmb_bn()[2009] - 1, "all five years together"),
        ],
    ),
    (ex02, "lipstick_fast_rate"): (
        lambda: ch02.lipstick_table()["implied_orders_per_s"].max(),
        [
            (lambda: ch02.lipstick_table()["implied_orders_per_s"].min(), "slower version"),
            (lambda: 60 * ch02.lipstick_table()["implied_orders_per_s"].max(), "orders a minute"),
        ],
    ),
    (ex02, "sell_out_without_boost"): (
        lambda: sell_out_s(boost_pct=0),
        [(lambda: sell_out_s(), "boost_pct=0"), (lambda: sell_out_s(boost_pct=0) / 60, "minutes")],
    ),
    (ex02, "unserved_small_stock"): (
        lambda: flash_sale.outcome(flash_sale_inputs.default_sale(stock_units=1000)).unserved_share,
        [
            (lambda: flash_sale.outcome(flash_sale_inputs.default_sale()).unserved_share, "default stock"),
            (
                lambda: (
                    1 - flash_sale.outcome(flash_sale_inputs.default_sale(stock_units=1000)).unserved_share
                ),
                "share who got the product",
            ),
        ],
    ),
    (ex03, "latest_villages"): (
        lambda: ch03.taobao_villages_table().sort_values("year")["villages"].iloc[-1],
        [(lambda: ch03.taobao_villages_table().sort_values("year")["villages"].iloc[0], "earliest")],
    ),
    (ex03, "maker_hourly_without_commission"): (
        lambda: maker_per_hour(host_commission_pct=0.0)["rmb_per_hour"],
        [
            (lambda: maker_per_hour()["rmb_per_hour"], "default commission"),
            (lambda: maker_per_hour(host_commission_pct=0.0)["rmb_per_item"], "yuan an item"),
        ],
    ),
    (ex03, "days_with_double_makers"): (
        lambda: (
            hours_of_work()
            / (2 * ch03.capacity_defaults()["makers"] * ch03.capacity_defaults()["hours_per_day"])
        ),
        [
            (
                lambda: (
                    hours_of_work()
                    / (ch03.capacity_defaults()["makers"] * ch03.capacity_defaults()["hours_per_day"])
                ),
                "double the number of makers",
            ),
            (lambda: hours_of_work() / (2 * ch03.capacity_defaults()["makers"]), "hours of work"),
        ],
    ),
    (ex04, "largest_count"): (
        lambda: data.load("streamer_counts")["count_m"].max(),
        [
            (lambda: data.load("streamer_counts")["count_m"].max() * 1e6, "in millions"),
            (lambda: data.load("streamer_counts")["count_m"].min(), "smallest"),
        ],
    ),
    (ex04, "median_net_at_400_viewers"): (
        lambda: newcomer(400)["median_net_rmb_per_hour"],
        [
            (lambda: newcomer(200)["median_net_rmb_per_hour"], "200 viewers"),
            (lambda: newcomer(400)["expected_net_rmb_per_hour"], "average newcomer"),
        ],
    ),
    (ex04, "gini_capa"): (
        # The Gini of a lognormal is 2 Φ(σ / √2) − 1 = erf(σ / 2).
        lambda: math.erf(income_fit.calibrate().sigma / 2),
        [
            (lambda: 100 * math.erf(income_fit.calibrate().sigma / 2), "0-100 scale"),
            (lambda: math.erf(income_fit.calibrate(income_fit.COMPARISON_SURVEY).sigma / 2), "Momo"),
        ],
    ),
    (ex05, "events_in_2021"): (
        lambda: events_in(2021, 2021),
        [(lambda: len(ch05.events_table()), "every year"), (lambda: events_in(2020, 2020), "2020")],
    ),
    (ex05, "largest_fine_pct"): (
        lambda: 100 * largest_fine()[0] / largest_fine()[1],
        [
            (lambda: largest_fine()[0] / largest_fine()[1], "fraction"),
            (lambda: 100 * largest_fine()[1] / largest_fine()[0], "divides the basis by the fine"),
        ],
    ),
    (ex05, "events_2016_to_2020"): (
        lambda: events_in(2016, 2020),
        [(lambda: events_in(2016, 2019), "stops at 2019"), (lambda: events_in(2016, 2021), "includes 2021")],
    ),
    (ex06, "current_share_pct"): (
        lambda: 100 * china_share(),
        [(lambda: china_share(), "fraction")],
    ),
    (ex06, "years_to_half_at_7_pct"): (
        # share × ((1 + c) / (1 + g))^t = 0.5
        lambda: math.log(0.5 / china_share()) / math.log(1.07 / 1.05),
        [(lambda: math.log(0.5 / china_share()) / math.log(1.065 / 1.05), "6.5 %")],
    ),
    (ex06, "needed_consumption_growth"): (
        lambda: 1.05 * ((china_share() + 0.10) / china_share()) ** (1 / 10) - 1,
        [
            (lambda: 100 * (1.05 * ((china_share() + 0.10) / china_share()) ** (1 / 10) - 1), "percentage"),
            (lambda: 1.05 * ((china_share() + 0.10) / china_share()) ** (1 / 10) - 1.05, "faster than GDP"),
        ],
    ),
    (ex07, "china_consumption_co2"): (
        lambda: co2_2017_china()["co2_consumption_t_per_person"],
        [(lambda: co2_2017_china()["co2_territorial_t_per_person"], "territorial")],
    ),
    (ex07, "waste_with_half_recycled"): (
        lambda: waste_2018_mt(0.5),
        [(lambda: waste_2018_mt(0.0), "nothing recycled"), (lambda: waste_2018_mt(0.5) * 1e6, "in tonnes")],
    ),
    (ex07, "decline_needed_with_rebound"): (
        lambda: needed_decline(0.25),
        [(lambda: needed_decline(0.0), "no rebound"), (lambda: 100 * needed_decline(0.25), "percentage")],
    ),
    (ex08, "largest_live_share"): (
        lambda: ch08.live_share_table()["share_pct"].max(),
        [
            (lambda: ch08.live_share_table()["share_pct"].max() / 100, "fraction"),
            (lambda: ch08.live_share_table()["share_pct"].min(), "smallest"),
        ],
    ),
    (ex08, "emissions_with_efficiency"): (
        lambda: scenario(efficiency_pct=4.0)["emissions_end_gt"],
        [(lambda: scenario()["emissions_end_gt"], "trend scenario")],
    ),
    (ex08, "trend_budget_used"): (
        lambda: scenario()["cumulative_end_gt"] / ch08.baseline().budget_gtco2,
        [(lambda: 100 * scenario()["budget_used_share"], "percentage")],
    ),
}

IDS = [f"{module.__name__.rsplit('.', 1)[1]}.{name}" for module, name in CASES]


def all_exercises():
    return {
        (module, name)
        for module in MODULES.values()
        for name, value in vars(module).items()
        if isinstance(value, NumberExercise)
    }


def test_every_exercise_has_test_cases():
    assert all_exercises() == set(CASES)


@pytest.mark.parametrize(("key", "case"), CASES.items(), ids=IDS)
def test_a_right_answer_is_accepted(key, case):
    module, name = key
    right, _ = case
    verdict = getattr(module, name).check(right())
    assert verdict.correct, verdict
    assert repr(verdict).startswith("Right.")


@pytest.mark.parametrize(("key", "case"), CASES.items(), ids=IDS)
def test_a_right_answer_rounded_to_three_figures_is_accepted_unless_it_is_a_count(key, case):
    module, name = key
    exercise = getattr(module, name)
    value = float(case[0]())
    rounded = float(f"{value:.3g}")
    assert exercise.check(rounded).correct == (exercise.rel_tol > 0 or rounded == value)


@pytest.mark.parametrize(("key", "case"), CASES.items(), ids=IDS)
def test_a_plausible_wrong_answer_is_refused_with_the_reason(key, case):
    module, name = key
    _, wrongs = case
    for wrong, words in wrongs:
        verdict = getattr(module, name).check(wrong())
        assert not verdict.correct, (wrong(), verdict)
        assert repr(verdict).startswith("Not yet.")
        assert words in verdict.message, (words, verdict.message)


@pytest.mark.parametrize(("key", "case"), CASES.items(), ids=IDS)
def test_a_hint_names_what_to_use(key, case):
    module, name = key
    hint = repr(getattr(module, name).hint())
    assert hint.startswith("Hint: ")
    assert re.search(r"\w+\.\w+\(|\w+_\w+", hint), hint  # names a function or a column to use


@pytest.mark.parametrize(
    ("answer", "words"),
    [
        (..., NOT_ANSWERED),
        (None, "None"),
        (float("nan"), "NaN"),
        (np.nan, "NaN"),
        (float("inf"), "infinite"),
        ("268.4", "text"),
        ("about 268 bn", "text"),
        (True, "yes/no"),
        (pd.Series([268.4]), ".iloc[0]"),
        ([268.4, 498.2], "2 value(s)"),
        (np.array([1.0, 2.0, 3.0]), "3 value(s)"),
        (pd.DataFrame({"gmv_rmb_bn": [268.4]}), "1 value(s)"),
        ({"answer": 1}, "1 value(s)"),
        (object(), "give a single number"),
    ],
)
@pytest.mark.parametrize(("key"), CASES, ids=IDS)
def test_bad_input_gets_a_message_not_a_traceback(key, answer, words):
    module, name = key
    verdict = getattr(module, name).check(answer)
    assert not verdict.correct
    assert words in verdict.message
    # A placeholder is not a wrong answer: it is not called one.
    assert repr(verdict).startswith("Not answered yet" if answer is Ellipsis else "Not yet. ")


def test_numpy_and_pandas_scalars_are_numbers():
    value = one_day_rmb_bn()[2019]  # a numpy float64, as a notebook's .loc gives it
    assert isinstance(value, np.floating)
    assert ex01.gmv_2019.check(value).correct
    assert ex05.events_in_2021.check(np.int64(events_in(2021, 2021))).correct


def test_an_answer_outside_the_tolerance_is_refused():
    right = one_day_rmb_bn()[2019]
    assert ex01.gmv_2019.check(right * 1.009).correct
    assert not ex01.gmv_2019.check(right * 1.02).correct
    assert "too high" in ex01.gmv_2019.check(right * 1.02).message


# --- The notebooks ----------------------------------------------------------------------------------


def cells(path: Path):
    return [
        (cell["cell_type"], "".join(cell["source"])) for cell in json.loads(path.read_text("utf-8"))["cells"]
    ]


CHECK_CALL = re.compile(r"^ex\.(\w+)\.check\((\w+)\)$")


def test_there_are_eight_notebooks():
    assert [path.name[:2] for path in NOTEBOOKS] == list(MODULES)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_notebook_has_at_least_three_checked_exercises_before_its_summary(path):
    found = cells(path)
    sources = [source for _, source in found]
    exercises_at = sources.index(next(s for s in sources if s.startswith("## Exercises")))
    summary_at = sources.index(next(s for s in sources if s.startswith("## Summary")))
    assert exercises_at < summary_at
    assert found[exercises_at + 1] == ("code", f"from seckill.exercises import ch{path.name[:2]} as ex")
    module = MODULES[path.name[:2]]
    checks = [
        CHECK_CALL.match(source) for kind, source in found if kind == "code" and source.startswith("ex.")
    ]
    assert len(checks) >= 3 and all(checks), path.name
    used = {match.group(1) for match in checks}
    assert used == {name for m, name in all_exercises() if m is module}, "every exercise is used, once"
    for match in checks:
        assert isinstance(getattr(module, match.group(1)), NumberExercise)
        # The student's cell just before the check: a placeholder for the variable the check reads.
        answer_cell = sources[sources.index(match.group(0)) - 1]
        assert answer_cell.startswith(f"{match.group(2)} = ...  # ")


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_exercise_in_a_notebook_has_a_hidden_solution(path):
    sources = [source for kind, source in cells(path) if kind == "markdown"]
    labels = [
        re.search(r"^:label: (\S+)$", s, re.M).group(1) for s in sources if s.startswith("````{exercise}")
    ]
    solutions = [s for s in sources if s.startswith("````{solution}")]
    assert len(labels) >= 3
    assert [re.match(r"````\{solution\} (\S+)", s).group(1) for s in solutions] == labels
    for solution in solutions:
        assert ":class: dropdown" in solution.splitlines()[1]
        assert "```python\n" in solution
    assert all(label.startswith(f"nb{path.name[:2]}-ex-") for label in labels)


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_a_notebooks_own_solutions_pass_its_checks(path):
    """Put each solution's code in place of its placeholder, run the notebook, read every verdict."""
    import nbformat

    # The notebook tests' runner: it listens to the kernel in short waits, so a missed reply
    # cannot hold a cell until a long timeout, and a failing cell is named.
    from tests.test_notebooks import execute

    notebook = nbformat.read(path, as_version=4)
    for index, cell in enumerate(notebook.cells):
        if cell.cell_type == "code" and re.match(r"^\w+ = \.\.\.", cell.source):
            solution = next(c.source for c in notebook.cells[index:] if c.source.startswith("````{solution}"))
            cell.source = re.search(r"```python\n(.*?)\n```", solution, re.S).group(1)
    execute(path, notebook)
    verdicts = [
        "".join(output.get("data", {}).get("text/plain", "") for output in cell.outputs)
        for cell in notebook.cells
        if cell.cell_type == "code" and CHECK_CALL.match(cell.source)
    ]
    assert len(verdicts) >= 3
    assert all(verdict.startswith("Right.") for verdict in verdicts), verdicts
