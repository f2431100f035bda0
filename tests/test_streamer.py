"""A new streamer's month and the cohort model: budgets add up, known values, bad input refused."""

import math

import pytest

from seckill.models import streamer


def test_budget_adds_up_to_the_net_income():
    budget = streamer.month_budget(streamer.MonthInputs()).set_index("step")["rmb"]
    parts = budget.drop(["Sales (GMV)", "Net income"]).sum()
    assert budget["Net income"] == pytest.approx(parts)


def test_budget_of_a_hand_worked_month():
    inputs = streamer.MonthInputs(
        hours_per_month=100,
        viewers_per_hour=100,
        conversion_pct=2,
        order_value_rmb=50,
        commission_pct=20,
        platform_fee_pct=10,
        agency_pct=50,
        equipment_rmb=1200,
        equipment_life_months=12,
        traffic_rmb_per_month=300,
    )
    budget = streamer.month_budget(inputs).set_index("step")["rmb"]
    # 100 h x 100 viewers x 2 % x 50 yuan = 10,000 yuan of sales; 20 % = 2,000 commission;
    # platform 200; agency half of 1,800 = 900; equipment 100; traffic 300; net 500.
    assert budget["Sales (GMV)"] == pytest.approx(10_000)
    assert budget["Commission earned"] == pytest.approx(2_000)
    assert budget["Platform's fee"] == pytest.approx(-200)
    assert budget["Agency's cut"] == pytest.approx(-900)
    assert budget["Net income"] == pytest.approx(500)
    result = streamer.net_income(inputs, benchmark_rmb_per_hour=5.0)
    assert result["median_net_rmb_per_hour"] == pytest.approx(5.0)
    # Exactly at the median, half of all streamers beat the benchmark.
    assert result["share_beating_benchmark"] == pytest.approx(0.5)


def test_expected_net_is_the_mean_of_lognormal_sales():
    inputs = streamer.MonthInputs(sales_sigma=1.0)
    result = streamer.net_income(inputs, benchmark_rmb_per_hour=20)
    assert result["mean_sales_rmb"] == pytest.approx(result["median_sales_rmb"] * math.exp(0.5))
    gap = result["expected_net_rmb_per_month"] - result["median_net_rmb_per_month"]
    assert gap == pytest.approx(result["keep_rate"] * (result["mean_sales_rmb"] - result["median_sales_rmb"]))


def test_a_higher_benchmark_is_beaten_by_fewer_streamers():
    inputs = streamer.MonthInputs()
    shares = [
        streamer.net_income(inputs, benchmark_rmb_per_hour=w)["share_beating_benchmark"] for w in (0, 20, 50)
    ]
    assert shares == sorted(shares, reverse=True)
    assert all(0 <= s <= 1 for s in shares)


def test_hourly_wage_of_a_known_salary():
    assert streamer.hourly_wage(52 * 40 * 25, 40) == pytest.approx(25.0)


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("hours_per_month", 0),
        ("viewers_per_hour", -5),
        ("conversion_pct", 50),
        ("commission_pct", 0),
        ("platform_fee_pct", 100),
        ("agency_pct", 95),
        ("traffic_rmb_per_month", float("nan")),
        ("sales_sigma", 9),
    ],
)
def test_month_inputs_reject_out_of_bounds_values_by_name(name, value):
    with pytest.raises(ValueError, match=name):
        streamer.MonthInputs(**{name: value})


def test_net_income_rejects_a_negative_benchmark():
    with pytest.raises(ValueError, match="benchmark_rmb_per_hour"):
        streamer.net_income(streamer.MonthInputs(), benchmark_rmb_per_hour=-1)


def _summary(**kwargs):
    inputs = streamer.CohortInputs(n_streamers=500, months=12, **kwargs)
    return streamer.cohort_summary(streamer.simulate_cohort(inputs), inputs.n_streamers, inputs.months)


def test_nobody_quits_when_the_bar_is_zero_and_survivors_are_everyone():
    summary = _summary(quit_below_rmb=0)
    assert (summary["active"] == 500).all()


def test_everyone_quits_after_their_patience_when_the_bar_is_unreachable():
    summary = _summary(quit_below_rmb=1e12, patience_months=2)
    # Months 1 and 2 streamed, then all gone: the later months are still there, with nobody active
    # and no survivors' mean to show.
    assert list(summary["month"]) == list(range(1, 13))
    assert list(summary["active"]) == [500, 500] + [0] * 10
    assert (summary["share_active"].iloc[2:] == 0).all()
    assert summary["survivors_mean_income_rmb"].iloc[2:].isna().all()
    assert summary["survivors_mean_income_rmb"].iloc[:2].notna().all()


def test_the_cohort_only_shrinks_and_survivors_look_richer():
    summary = _summary(quit_below_rmb=2000, patience_months=3)
    assert summary["active"].is_monotonic_decreasing
    last = summary.iloc[-1]
    assert last["survivors_mean_income_rmb"] > last["starters_mean_income_rmb"]


def test_a_simulation_is_repeatable_with_its_seed():
    first = streamer.simulate_cohort(streamer.CohortInputs(n_streamers=100, months=6, seed=7))
    again = streamer.simulate_cohort(streamer.CohortInputs(n_streamers=100, months=6, seed=7))
    assert first.equals(again)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"n_streamers": 5}, "n_streamers"),
        ({"months": 0}, "months"),
        ({"patience_months": 2.5}, "patience_months"),
        ({"median_income_rmb": 0}, "median_income_rmb"),
        ({"sigma_pull": -1}, "sigma_pull"),
        ({"quit_below_rmb": -10}, "quit_below_rmb"),
    ],
)
def test_cohort_inputs_reject_bad_values_by_name(kwargs, message):
    with pytest.raises(ValueError, match=message):
        streamer.CohortInputs(**kwargs)
