"""Chapter 4's data shaping, charts and explorer, checked against the data package and the models."""

import json
import math
import re

import pandas as pd
import pytest

from seckill import data
from seckill.calibrations import income_fit
from seckill.chapters import ch04
from seckill.charts import render, tables
from seckill.explorers import cohort as cohort_explorer
from seckill.models import incomes, streamer
from tests.details_table import number, read_table, starting_values
from tests.zh_texts import in_chinese


@pytest.fixture(scope="module")
def fit():
    return income_fit.calibrate()


@pytest.fixture(scope="module")
def benchmarks():
    return ch04.hourly_benchmarks_table()


def test_counts_keep_every_definition_apart():
    table = ch04.counts_table()
    assert len(table) == len(data.load("streamer_counts"))
    kinds = set(table["count_kind"])
    assert {"accounts", "active e-commerce streamers", "people (main job)"} <= kinds
    # The point of the chart: definitions differ by more than a factor of 100.
    assert table["count_m"].max() / table["count_m"].min() > 100


def test_income_points_turn_bands_into_shares_above_a_threshold():
    points = income_fit.income_points_table()
    capa = points[points["survey"] == income_fit.MAIN_SURVEY].set_index("income_rmb_month")["share_above_pct"]
    assert capa[3000] == pytest.approx(100 - 67.9)
    assert capa[8000] == pytest.approx(13.7)
    assert points["share_above_pct"].between(0, 100).all()


def test_the_two_surveys_calibrate_to_different_curves(fit):
    momo = income_fit.calibrate(income_fit.COMPARISON_SURVEY)
    assert momo.median_rmb_month > fit.median_rmb_month
    assert fit.max_error_pp <= incomes.CALIBRATION_TOLERANCE_PP


def test_calibrating_on_a_survey_with_one_threshold_is_refused():
    with pytest.raises(ValueError, match="fewer than two"):
        income_fit.calibrate("Momo 2018 streamer survey")


def test_hourly_benchmark_is_derived_from_the_sourced_wage_and_ilo_hours(benchmarks):
    wages = data.load("wage_benchmarks")
    annual = float(
        wages[wages["benchmark"] == "average annual wage, urban private units"]["value_rmb"].iloc[0]
    )
    year, weekly = ch04.latest_weekly_hours()
    row = benchmarks.set_index("benchmark").loc["Private-sector average wage"]
    assert row["status"] == "derived" and str(year) in row["derivation"]
    assert row["rmb_per_hour"] == pytest.approx(annual / 52 / weekly)
    published = benchmarks[benchmarks["status"] == "published"]
    assert set(published["rmb_per_hour"]) <= set(wages[wages["per"] == "hour"]["value_rmb"].astype(float))


def _params(spec):
    return {p["name"]: p for p in spec.get("params", [])}


def test_lorenz_slider_is_bounded_and_uses_the_model_formulas(fit):
    spec = ch04.lorenz_explorer_chart(fit).to_dict()
    bind = _params(spec)["sigma"]["bind"]
    assert bind["input"] == "range"
    assert bind["min"] >= incomes.MIN_SIGMA and bind["max"] <= incomes.MAX_SIGMA
    text = json.dumps(spec)
    assert "cumulativeNormal(quantileNormal(datum.p) - sigma)" in text
    assert "2 * cumulativeNormal(sigma / sqrt(2)) - 1" in text


def test_calibrated_lorenz_table_matches_the_model(fit):
    table = ch04.lorenz_table(fit)
    assert table["income_pct"].iloc[0] == 0 and table["income_pct"].iloc[-1] == pytest.approx(100)
    half = table.set_index("population_pct").loc[50.0, "income_pct"]
    assert half == pytest.approx(100 * float(incomes.lognormal_lorenz(0.5, fit.sigma)))


def test_calculator_sliders_are_the_model_inputs_within_the_model_bounds(fit, benchmarks):
    defaults = streamer.MonthInputs(sales_sigma=round(fit.sigma, 2))
    spec = ch04.calculator_chart(
        defaults, benchmarks, reference_benchmark="Private-sector average wage"
    ).to_dict()
    params = _params(spec)
    assert set(params) == {control.name for control in ch04.CALCULATOR_CONTROLS}
    for name, param in params.items():
        low, high = streamer.BOUNDS[name]
        assert param["bind"]["input"] == "range"
        assert (param["bind"]["min"], param["bind"]["max"]) == (low, high)
        assert param["value"] == getattr(defaults, name)


def _eval_calculator_expression(expression: str, values: dict) -> float:
    """Evaluate one of the calculator's Vega expressions in Python, for the given slider values."""
    from statistics import NormalDist

    namespace = {"cumulativeNormal": NormalDist().cdf, "log": math.log, "exp": math.exp, **values}
    return eval(expression, {"__builtins__": {}}, namespace)  # noqa: S307 - our own expression


def test_calculator_page_formula_agrees_with_the_python_model(fit, benchmarks):
    defaults = streamer.MonthInputs(sales_sigma=round(fit.sigma, 2), hours_per_month=120, agency_pct=40)
    spec = ch04.calculator_chart(
        defaults, benchmarks, reference_benchmark="Private-sector average wage"
    ).to_dict()
    calculate = next(
        t["calculate"]
        for layer in spec["layer"]
        for t in layer.get("transform", [])
        if t.get("as") == "value"
    )
    median_expr = calculate.split(" ? ", 1)[1].split(" : datum.kind")[0]
    values = {control.name: getattr(defaults, control.name) for control in ch04.CALCULATOR_CONTROLS}
    reference = float(benchmarks.set_index("benchmark").loc["Private-sector average wage", "rmb_per_hour"])
    expected = streamer.net_income(defaults, benchmark_rmb_per_hour=reference)
    assert _eval_calculator_expression(median_expr, values) == pytest.approx(
        expected["median_net_rmb_per_hour"]
    )


def test_hours_findings_keep_the_sources_wording():
    table = ch04.hours_findings_table()
    assert (table["topic"] == "hours").all()
    nearly = table[table["qualifier"] == "nearly"]
    assert nearly["value_label"].str.startswith("nearly ").all()


@pytest.mark.parametrize(
    "build",
    [
        lambda f, b: ch04.counts_chart(ch04.counts_table()),
        lambda f, b: ch04.income_chart(
            income_fit.income_points_table(), ch04.survival_curve_table({income_fit.MAIN_SURVEY: f})
        ),
        lambda f, b: ch04.lorenz_explorer_chart(f, claim_top1_pct=80, claim_label="claim"),
        lambda f, b: ch04.calculator_chart(
            streamer.MonthInputs(), b, reference_benchmark="Private-sector average wage"
        ),
        lambda f, b: ch04.hours_chart(ch04.hours_findings_table()),
        lambda f, b: ch04.working_hours_chart(),
        lambda f, b: cohort_explorer.cohort_chart(
            cohort_explorer.cohort_table(streamer.CohortInputs(n_streamers=100, months=6)),
            streamer.CohortInputs(n_streamers=100, months=6),
        ),
    ],
)
def test_every_chapter_chart_has_title_source_and_description(fit, benchmarks, build):
    spec = build(fit, benchmarks).to_dict()
    assert spec["title"]["text"] and spec["description"]
    assert spec["title"]["subtitle"][0].startswith("Source: ")


def test_cohort_table_shares_and_starters_line():
    inputs = streamer.CohortInputs(n_streamers=200, months=8, quit_below_rmb=0)
    table = cohort_explorer.cohort_table(inputs)
    active = table[table["panel"] == "active"]["value"]
    assert (active == 100).all()  # nobody quits with a zero bar
    income = table[table["panel"] == "income"].pivot(index="month", columns="series", values="value")
    assert isinstance(income, pd.DataFrame) and len(income) == 8


def test_cohort_that_all_quits_reaches_zero_and_says_so():
    # Incomes far below the bar and no patience: everyone quits after month 1. Every month still has
    # a row, the share falls to 0 and stays there, and the chart says nobody streams, not "100 %".
    inputs = streamer.CohortInputs(
        n_streamers=50,
        months=6,
        median_income_rmb=10,
        sigma_pull=0,
        sigma_month=0,
        quit_below_rmb=1000,
        patience_months=1,
    )
    table = cohort_explorer.cohort_table(inputs)
    active = table[table["panel"] == "active"].set_index("month")["value"]
    assert list(active.index) == [1, 2, 3, 4, 5, 6]
    assert active[1] == 100 and (active.loc[2:] == 0).all()
    assert not table["value"].isna().any()
    spec = cohort_explorer.cohort_chart(table, inputs).to_dict()
    labels = [row["label"] for data in spec["datasets"].values() for row in data if "label" in row]
    assert labels == ["After 6 months, nobody still streams"]
    assert "nobody still streams" in spec["description"]


@pytest.mark.parametrize(
    ("share_pct", "text"),
    [
        (0, "nobody still streams"),
        (0.3, "under 1% still stream"),
        (42.4, "42% still stream"),
        (99.7, "over 99% still stream"),
        (100, "everyone still streams"),
    ],
)
def test_still_streaming_text_is_true_at_the_edges(share_pct, text):
    assert cohort_explorer.still_streaming_text(share_pct) == text


def test_cohort_explorer_is_a_note_in_the_book_and_bounded_widgets_in_a_kernel(monkeypatch):
    start = streamer.CohortInputs(median_income_rmb=1450.0, quit_below_rmb=2690.0)
    monkeypatch.setenv(render.BUILD_ENV_VAR, "1")
    note = cohort_explorer.cohort_explorer(start, benchmark_label="test")
    assert "needs a live Python kernel" in note.data
    monkeypatch.delenv(render.BUILD_ENV_VAR)
    import ipywidgets

    widget = cohort_explorer.cohort_explorer(start, benchmark_label="test")
    assert isinstance(widget, ipywidgets.VBox)
    sliders = widget.children[0].children
    assert all(s.min >= 0 for s in sliders)
    assert sliders[0].value == 2690  # the benchmark itself, as in the page's cohort


def test_chapter_numbers_are_finite_and_consistent():
    numbers = ch04.chapter_numbers()
    assert all(math.isfinite(value) for value in numbers.values())
    bands = numbers["capa_below_3000_pct"] + numbers["capa_3000_8000_pct"] + numbers["capa_above_8000_pct"]
    assert bands == pytest.approx(100.0)
    assert numbers["fit_error_pp"] <= numbers["tolerance_pp"]
    assert numbers["calc_viewers_needed"] * numbers["calc_sales_per_viewer"] == pytest.approx(
        numbers["calc_sales_needed_rmb"]
    )
    assert numbers["calc_median_per_hour"] < numbers["calc_expected_per_hour"]
    assert numbers["cohort_survivors_mean_rmb"] > numbers["cohort_starters_mean_rmb"]


def test_calculator_table_is_the_bars_at_the_sliders_starting_values(fit, benchmarks):
    """Net income an hour worked out by hand from the sliders' starting values in the spec."""
    defaults = streamer.MonthInputs(sales_sigma=round(fit.sigma, 2), hours_per_month=120, agency_pct=40)
    spec = ch04.calculator_chart(defaults, benchmarks, reference_benchmark=ch04.REFERENCE_BENCHMARK).to_dict()
    caption, headers, rows = read_table(tables.details_html(spec))
    s = starting_values(spec)
    sales = s["hours_per_month"] * s["viewers_per_hour"] * s["conversion_pct"] / 100 * s["order_value_rmb"]
    keep = s["commission_pct"] / 100 * (1 - s["platform_fee_pct"] / 100) * (1 - s["agency_pct"] / 100)
    costs = s["equipment_rmb"] / defaults.equipment_life_months + s["traffic_rmb_per_month"]
    typical = (keep * sales - costs) / s["hours_per_month"]
    average = (keep * sales * math.exp(defaults.sales_sigma**2 / 2) - costs) / s["hours_per_month"]
    assert headers == ["Bar", "Net income, yuan an hour"]
    shown = {row[0]: number(row[1]) for row in rows}
    assert shown.pop("Typical new streamer (assumed)") == pytest.approx(typical, abs=0.051)
    assert shown.pop("Average new streamer (assumed)") == pytest.approx(average, abs=0.051)
    expected_benchmarks = {f"{b.benchmark}, {b.year}": b.rmb_per_hour for b in benchmarks.itertuples()}
    assert shown == pytest.approx(expected_benchmarks, abs=0.051)
    assert f"Typical sales: {sales:,.0f} yuan a month" in caption
    assert f"keeps {100 * keep:.1f}% of sales" in caption


def test_band_sensitivity_refits_the_model_with_each_band_moved():
    """Rebuilt independently: the published bands read from the data, moved by hand, fitted again."""
    bands = data.load("streamer_income_bands")
    capa = bands[(bands["survey"] == income_fit.MAIN_SURVEY) & (bands["status"] == "published")]
    under = float(capa[capa["lower_rmb_month"].isna()]["share_pct"].iloc[0]) / 100
    over = float(capa[capa["upper_rmb_month"].isna()]["share_pct"].iloc[0]) / 100
    table = ch04.band_sensitivity_table((10.0, 20.0))
    assert len(table) == 1 + 2 * 2 * 2
    base = table.iloc[0]
    fit = income_fit.calibrate()
    assert base["band"] == "as published" and base["sigma"] == pytest.approx(fit.sigma)
    assert base["gini"] == pytest.approx(incomes.lognormal_gini(fit.sigma))
    expected = {
        ("under 3,000 yuan", -10.0): [(3000, under * 0.9), (8000, 1 - over)],
        ("over 8,000 yuan", 20.0): [(3000, under), (8000, 1 - over * 1.2)],
    }
    for (band, change), points in expected.items():
        row = table[(table["band"] == band) & (table["change_pct"] == change)].iloc[0]
        refit = incomes.calibrate_lognormal(points)
        assert row["fits"] and row["sigma"] == pytest.approx(refit.sigma)
        assert row["median_rmb_month"] == pytest.approx(refit.median_rmb_month)
    # More people above 8,000 yuan with the lower band kept: a wider spread, a higher Gini.
    over_rows = table[table["band"] == "over 8,000 yuan"].sort_values("change_pct")
    assert over_rows["gini"].is_monotonic_increasing
    # A fifth more people under 3,000 yuan leaves the two bands too close for a lognormal to fit.
    assert not table[(table["band"] == "under 3,000 yuan") & (table["change_pct"] == 20.0)]["fits"].iloc[0]


def test_the_pages_reading_of_the_band_sensitivity_holds():
    """The page says: in every row that fits, the median stays under the lower band edge and the
    richest tenth earns more than a third of all income."""
    table = ch04.band_sensitivity_table()
    fitted = table[table["fits"]]
    numbers = ch04.chapter_numbers()
    assert (fitted["median_rmb_month"] < numbers["capa_low_rmb"]).all()
    assert (fitted["top10_pct"] > 100 / 3).all()
    with pytest.raises(ValueError, match="shifts_pct"):
        ch04.band_sensitivity_table((0.0,))


def test_the_counts_description_writes_a_count_over_a_hundred_million_in_yi():
    table = ch04.counts_table()
    largest_m = table["count_m"].max()
    assert largest_m >= 100  # the case this checks: a count of over 1亿
    english = ch04.counts_chart(table).to_dict()["description"]
    assert f"to {largest_m:g} million." in english
    with in_chinese():
        chinese = ch04.counts_chart(table).to_dict()["description"]
    assert f"到{largest_m / 100:g}亿不等" in chinese
    assert not re.search(r"\d{5,}万", chinese)
