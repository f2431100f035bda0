"""The flash-sale model: known values, identities, the simulation against the closed form, bad input."""

import math

import numpy as np
import pytest

from seckill.models import flash_sale as fs


def sale(**changes):
    inputs = {
        "audience": 1_000_000,
        "conversion_per_s": 0.0002,
        "scarcity_boost": 0.5,
        "stock_units": 15_000,
        "session_s": 600.0,
        "price_rmb": 80.0,
    } | changes
    return fs.FlashSale(**inputs)


def test_effective_rate_includes_the_scarcity_boost():
    assert sale().rate_per_s == pytest.approx(0.0003)
    assert sale(scarcity_boost=0.0).rate_per_s == pytest.approx(0.0002)


def test_sell_out_time_known_value():
    # -ln(1 - 15,000 / 1,000,000) / 0.0003 s
    assert fs.sell_out_time_s(sale()) == pytest.approx(-math.log(0.985) / 0.0003)


def test_small_stock_sells_out_in_proportion_to_its_size():
    one = fs.sell_out_time_s(sale(stock_units=100))
    ten = fs.sell_out_time_s(sale(stock_units=1_000))
    assert ten / one == pytest.approx(10, rel=1e-3)
    assert one == pytest.approx(100 / (1_000_000 * 0.0003), rel=1e-3)  # ≈ S / (N r)


def test_stock_selling_out_in_inverts_sell_out_time():
    model = sale()
    stock = fs.stock_selling_out_in(model, 42.0)
    assert fs.sell_out_time_s(sale(stock_units=round(stock))) == pytest.approx(42.0, rel=1e-4)


def test_outcome_identities():
    result = fs.outcome(sale())
    assert result.sells_out
    assert result.peak_orders_per_s == pytest.approx(1_000_000 * 0.0003)
    assert result.wanting_viewers == pytest.approx(1_000_000 * (1 - math.exp(-0.0003 * 600)))
    assert result.orders_filled == 15_000
    assert result.orders_filled + result.unserved_viewers == pytest.approx(result.wanting_viewers)
    assert result.unserved_share == pytest.approx(result.unserved_viewers / result.wanting_viewers)
    assert result.revenue_rmb == pytest.approx(15_000 * 80.0)


def test_stock_larger_than_demand_never_sells_out_and_serves_everyone():
    result = fs.outcome(sale(stock_units=500_000))
    assert not result.sells_out and result.sell_out_s is None
    assert result.unserved_viewers == 0 and result.unserved_share == 0
    assert result.orders_filled == pytest.approx(result.wanting_viewers)


def test_zero_conversion_means_no_orders_and_no_sell_out():
    result = fs.outcome(sale(conversion_per_s=0.0))
    assert result.sell_out_s is None
    assert result.peak_orders_per_s == 0 and result.wanting_viewers == 0 and result.unserved_share == 0


def test_order_curve_integrates_to_the_expected_orders_and_splits_at_sell_out():
    model = sale()
    curve = fs.order_curve(model, points=20_001)
    area = np.trapezoid(curve["orders_per_s"], curve["time_s"])
    assert area == pytest.approx(fs.expected_orders(model, model.session_s), rel=1e-6)
    filled = curve[curve["status"] == "filled"]
    assert filled["time_s"].max() == pytest.approx(fs.sell_out_time_s(model))
    assert curve["orders_per_s"].is_monotonic_decreasing


def test_simulation_mean_matches_the_closed_form_within_one_percent():
    model = sale()
    sessions = fs.simulate_sessions(model, n_sessions=1_000, seed=7)
    expected = fs.outcome(model)
    summary = fs.summarise_simulation(sessions)
    assert summary["sold_out_share"] == 1.0
    assert summary["mean_s"] == pytest.approx(expected.sell_out_s, rel=0.01)
    assert sessions["orders_attempted"].mean() == pytest.approx(expected.wanting_viewers, rel=0.01)
    assert sessions["unserved"].mean() == pytest.approx(expected.unserved_viewers, rel=0.01)
    assert (sessions["orders_filled"] == model.stock_units).all()


def test_simulation_is_reproducible_with_a_seed_and_varies_without_it():
    model = sale(stock_units=200)
    first = fs.simulate_sessions(model, n_sessions=50, seed=3)
    assert first.equals(fs.simulate_sessions(model, n_sessions=50, seed=3))
    assert not first.equals(fs.simulate_sessions(model, n_sessions=50, seed=4))


def test_simulated_sell_out_falls_inside_its_second_and_the_session():
    model = sale(stock_units=300, session_s=90.5)
    sessions = fs.simulate_sessions(model, n_sessions=300, seed=1)
    times = sessions["sell_out_s"].dropna()
    assert len(times) == 300
    assert ((times > 0) & (times <= model.session_s)).all()


def test_simulation_of_a_stock_too_large_never_sells_out():
    sessions = fs.simulate_sessions(sale(stock_units=900_000), n_sessions=20, seed=0)
    assert sessions["sell_out_s"].isna().all()
    assert fs.summarise_simulation(sessions)["mean_s"] is None


@pytest.mark.parametrize(
    ("changes", "name"),
    [
        ({"stock_units": 0}, "stock_units"),
        ({"stock_units": -5}, "stock_units"),
        ({"stock_units": 10.5}, "stock_units"),
        ({"stock_units": math.inf}, "stock_units"),
        ({"conversion_per_s": 1.5}, "conversion_per_s"),
        ({"conversion_per_s": -0.01}, "conversion_per_s"),
        ({"conversion_per_s": math.nan}, "conversion_per_s"),
        ({"scarcity_boost": -0.1}, "scarcity_boost"),
        ({"scarcity_boost": 50.0}, "scarcity_boost"),
        ({"audience": 0}, "audience"),
        ({"audience": math.inf}, "audience"),
        ({"audience": "many"}, "audience"),
        ({"session_s": 0.0}, "session_s"),
        ({"session_s": 1e9}, "session_s"),
        ({"price_rmb": -1.0}, "price_rmb"),
    ],
)
def test_bad_parameters_raise_value_error_naming_them(changes, name):
    with pytest.raises(ValueError, match=name):
        sale(**changes)


@pytest.mark.parametrize(("kwargs", "name"), [({"n_sessions": 0}, "n_sessions"), ({"seed": -1}, "seed")])
def test_simulation_rejects_bad_arguments(kwargs, name):
    with pytest.raises(ValueError, match=name):
        fs.simulate_sessions(sale(), **kwargs)


def test_target_time_must_be_within_the_session():
    with pytest.raises(ValueError, match="target_s"):
        fs.stock_selling_out_in(sale(), 601.0)
