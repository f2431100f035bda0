"""The scenario model: its numbers are the chapter models' numbers for the same inputs."""

import math

import pytest

from seckill.models import decoupling, flash_sale, incomes, parcels, scenarios

BASE = scenarios.Baseline(
    base_year=2024,
    base_emissions_gtco2=40.0,
    world_population=8e9,
    world_population_growth=0.01,
    budget_gtco2=130.0,
    parcels_bn=170.0,
    china_population=1.4e9,
    china_population_growth=-0.001,
    packaging_g_per_parcel=180.0,
    packaging_t_co2e_per_t=1.4,
    transport_kg_co2e_per_parcel=0.27,
    live_share=0.2,
    audience=1_000_000,
    conversion_per_s=0.01 / 60,
    session_s=1200.0,
    default_boost_pct=50,
)


def levers(**changes):
    values = (
        dict(
            growth_pct=2.0,
            efficiency_pct=3.0,
            grams_per_parcel=150.0,
            scarcity_boost_pct=20.0,
            income_sigma=1.2,
            sufficiency_pct=1.0,
            rebound_pct=25.0,
            reuse_pct=40.0,
            end_year=2035,
        )
        | changes
    )
    return scenarios.Levers(**values)


def test_world_numbers_are_the_decoupling_models():
    chosen = levers()
    result = scenarios.run(chosen, BASE)
    path = decoupling.calibrated_path(
        base_year=2024,
        end_year=scenarios.HORIZON_YEAR,
        base_emissions_gtco2=40.0,
        base_population=8e9,
        population_growth=0.01,
        consumption_growth=1.02 * 0.99 - 1,
        intensity_decline=0.03,
        rebound=0.25,
    ).set_index("year")
    assert result["emissions_end_gt"] == pytest.approx(path.loc[2035, "emissions_gtco2"])
    assert result["cumulative_end_gt"] == pytest.approx(path.loc[2035, "cumulative_gtco2"])
    assert result["exhaustion_year"] == decoupling.budget_exhaustion_year(path.reset_index(), 130.0)
    # The identity: yearly factor (1 + p)(1 + goods growth)(1 − d(1 − r)).
    factor = decoupling.emissions_growth_factor(0.01, 1.02 * 0.99 - 1, 0.03, 0.25)
    assert result["emissions_end_gt"] == pytest.approx(40.0 * factor**11)


def test_parcel_numbers_are_the_parcel_and_flash_sale_models():
    chosen = levers()
    result = scenarios.run(chosen, BASE)
    sale = lambda boost: flash_sale.FlashSale(  # noqa: E731
        audience=1_000_000, conversion_per_s=0.01 / 60, scarcity_boost=boost, stock_units=1, session_s=1200.0
    )
    ratio = flash_sale.expected_orders(sale(0.2), 1200.0) / flash_sale.expected_orders(sale(0.5), 1200.0)
    assert result["live_orders_ratio"] == pytest.approx(ratio)
    # Consumption per person rises by goods growth and the rebound, (1 + g)(1 − s)(1 + d r / (1 − d)).
    consumption = (1.02 * 0.99 * decoupling.rebound_consumption_factor(0.03, 0.25)) ** 11
    parcels_end = 170.0 * 0.999**11 * consumption * (1 - 0.2 + 0.2 * ratio)
    assert result["parcels_end_bn"] == pytest.approx(parcels_end)
    footprint = parcels.parcel_footprint(
        parcels_end * 1e9,
        packaging_g_per_parcel=150.0,
        packaging_t_co2e_per_t=1.4 * 0.97**11,
        transport_kg_co2e_per_parcel=0.27 * 0.97**11,
        population=1.4e9 * 0.999**11,
        extra_reuse_share=0.4,
    )
    assert result["parcel_co2e_end_mt"] == pytest.approx(footprint["total_co2e_t"] / 1e6)
    assert result["new_packaging_end_mt"] == pytest.approx(footprint["new_packaging_t"] / 1e6)


def test_income_numbers_are_the_income_models():
    result = scenarios.run(levers(income_sigma=0.8), BASE)
    assert result["gini"] == incomes.lognormal_gini(0.8)
    assert result["top1_share"] == incomes.lognormal_top_share(0.01, 0.8)
    assert result["top10_share"] == incomes.lognormal_top_share(0.10, 0.8)


def test_with_no_change_the_world_and_parcels_stand_still():
    still = scenarios.Baseline(
        **{**BASE.__dict__, "world_population_growth": 0.0, "china_population_growth": 0.0}
    )
    chosen = levers(
        growth_pct=0, efficiency_pct=0, sufficiency_pct=0, rebound_pct=0, reuse_pct=0, scarcity_boost_pct=50
    )
    result = scenarios.run(chosen, still)
    assert result["emissions_change"] == pytest.approx(0.0)
    assert result["parcels_change"] == pytest.approx(0.0)
    assert result["live_orders_ratio"] == pytest.approx(1.0)
    assert result["cumulative_end_gt"] == pytest.approx(40.0 * 11)
    assert result["exhaustion_year"] == 2024 + math.ceil(130.0 / 40.0)
    # Packaging of 150 g instead of the baseline's 180 g is the only change in parcel emissions.
    per_parcel = lambda grams: grams / 1e6 * 1.4 + 0.27 / 1000  # noqa: E731  t CO2e per parcel
    assert result["parcel_co2e_change"] == pytest.approx(per_parcel(150) / per_parcel(180) - 1)


def test_sufficiency_acts_on_the_volume_of_goods_like_slower_growth():
    assert scenarios.goods_growth(2.0, 0.0) == pytest.approx(0.02)
    assert scenarios.goods_growth(0.0, 2.0) == pytest.approx(-0.02)
    a = scenarios.run(levers(growth_pct=2.0, sufficiency_pct=2.0), BASE)
    b = scenarios.run(levers(growth_pct=(1.02 * 0.98 - 1) * 100, sufficiency_pct=0.0), BASE)
    assert a["emissions_end_gt"] == pytest.approx(b["emissions_end_gt"])
    assert a["parcels_end_bn"] == pytest.approx(b["parcels_end_bn"])


def test_banning_scarcity_cues_cuts_live_orders_and_only_the_live_share_of_parcels():
    ratio = scenarios.live_orders_ratio(BASE, 0)
    assert 0 < ratio < 1
    with_cues = scenarios.run(levers(scarcity_boost_pct=50), BASE)
    without = scenarios.run(levers(scarcity_boost_pct=0), BASE)
    assert without["parcels_end_bn"] / with_cues["parcels_end_bn"] == pytest.approx(1 - 0.2 * (1 - ratio))


def test_compare_runs_each_scenario():
    table = scenarios.compare({"a": levers(), "b": levers(efficiency_pct=10)}, BASE)
    assert list(table["scenario"]) == ["a", "b"]
    assert table.loc[1, "emissions_end_gt"] < table.loc[0, "emissions_end_gt"]


@pytest.mark.parametrize(
    "name, value",
    [
        ("growth_pct", 7.0),
        ("efficiency_pct", 100.0),
        ("sufficiency_pct", -1.0),
        ("rebound_pct", 101.0),
        ("reuse_pct", 95.0),
        ("grams_per_parcel", 0.0),
        ("scarcity_boost_pct", float("nan")),
        ("income_sigma", 5.0),
    ],
)
def test_bad_levers_raise_errors_naming_them(name, value):
    with pytest.raises(ValueError, match=name):
        levers(**{name: value})


def test_bad_years_and_shares_are_refused():
    with pytest.raises(ValueError, match="end_year"):
        levers(end_year=2035.5)
    with pytest.raises(ValueError, match="end_year"):
        scenarios.run(levers(end_year=2024), BASE)
    with pytest.raises(ValueError, match="end_year"):
        scenarios.run(levers(end_year=2101), BASE)
    with pytest.raises(ValueError, match="live_share"):
        scenarios.Baseline(**{**BASE.__dict__, "live_share": 18.0})


def test_the_parcels_budget_share_and_path_add_up():
    path = scenarios.delivery_path(levers(), BASE)
    budget = scenarios.delivery_budget_mt(BASE)
    # Their share of the budget is their share of world CO2 in the base year.
    assert budget / (1000 * BASE.budget_gtco2) == pytest.approx(
        path["parcel_co2e_mt"].iloc[0] / (1000 * BASE.base_emissions_gtco2)
    )
    assert path["cumulative_mt"].iloc[0] == 0
    assert path["cumulative_mt"].iloc[-1] == pytest.approx(path["parcel_co2e_mt"].iloc[1:].sum())
    verdict = scenarios.delivery_verdict(levers(), BASE)
    assert verdict["co2e_end_mt"] == pytest.approx(scenarios.run(levers(), BASE)["parcel_co2e_end_mt"])
