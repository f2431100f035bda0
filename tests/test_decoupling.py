"""The IPAT/Kaya decoupling model: identities, flat paths, known values, rebound and bad input."""

import math

import pytest

from seckill.models import decoupling

PATH = {
    "base_year": 2024,
    "end_year": 2050,
    "population": 8e9,
    "consumption_per_person": 10_000.0,
    "intensity": 0.0005,
    "population_growth": 0.009,
    "consumption_growth": 0.02,
    "intensity_decline": 0.03,
    "rebound": 0.25,
}


def test_identity_holds_in_every_year():
    path = decoupling.kaya_path(**PATH)
    product = path["population"] * path["consumption_per_person"] * path["intensity"]
    assert (product - path["emissions_t"]).abs().max() <= 1e-9 * path["emissions_t"].max()
    assert path["emissions_gtco2"].iloc[0] == pytest.approx(8e9 * 10_000 * 0.0005 / 1e9)


def test_path_grows_by_the_emissions_growth_factor_each_year():
    path = decoupling.kaya_path(**PATH)
    factor = decoupling.emissions_growth_factor(0.009, 0.02, 0.03, 0.25)
    ratios = path["emissions_t"].iloc[1:].to_numpy() / path["emissions_t"].iloc[:-1].to_numpy()
    assert ratios == pytest.approx([factor] * len(ratios))
    assert factor == pytest.approx(1.009 * 1.02 * (1 - 0.03 * 0.75))


def test_zero_growth_and_zero_improvement_give_a_flat_path():
    flat = PATH | {"population_growth": 0.0, "consumption_growth": 0.0, "intensity_decline": 0.0}
    path = decoupling.kaya_path(**flat)
    assert path["emissions_t"].nunique() == 1
    years_after_base = len(path) - 1
    assert path["cumulative_gtco2"].iloc[-1] == pytest.approx(
        years_after_base * path["emissions_gtco2"].iloc[0]
    )


def test_cumulative_counts_only_years_after_the_base_year():
    path = decoupling.kaya_path(**PATH)
    assert path["cumulative_gtco2"].iloc[0] == 0.0
    assert path["cumulative_gtco2"].iloc[-1] == pytest.approx(path["emissions_gtco2"].iloc[1:].sum())


def test_rebound_spends_the_saving_on_consumption():
    no_rebound = decoupling.kaya_path(**(PATH | {"rebound": 0.0}))
    full_rebound = decoupling.kaya_path(**(PATH | {"rebound": 1.0}))
    # With a full rebound the efficiency gain is eaten entirely: emissions grow as if intensity were flat.
    flat_intensity = decoupling.kaya_path(**(PATH | {"intensity_decline": 0.0}))
    assert full_rebound["emissions_t"].to_numpy() == pytest.approx(flat_intensity["emissions_t"].to_numpy())
    assert full_rebound["consumption_per_person"].iloc[-1] > no_rebound["consumption_per_person"].iloc[-1]
    assert decoupling.rebound_consumption_factor(0.5, 1.0) == pytest.approx(2.0)  # (1 − 0.5) × 2 = 1


def test_required_decline_is_exactly_the_absolute_decoupling_threshold():
    needed = decoupling.required_intensity_decline(0.01, 0.03)
    assert needed == pytest.approx(1 - 1 / (1.01 * 1.03))
    assert decoupling.emissions_growth_factor(0.01, 0.03, needed) == pytest.approx(1.0)
    assert decoupling.emissions_growth_factor(0.01, 0.03, needed + 0.001) < 1.0
    with_rebound = decoupling.required_intensity_decline(0.01, 0.03, rebound=0.5)
    assert with_rebound == pytest.approx(2 * needed)
    assert decoupling.emissions_growth_factor(0.01, 0.03, with_rebound, 0.5) == pytest.approx(1.0)


def test_no_decline_is_needed_without_growth():
    assert decoupling.required_intensity_decline(0.0, 0.0) == 0.0
    assert decoupling.required_intensity_decline(0.0, -0.02) == 0.0


def test_full_rebound_makes_decoupling_impossible():
    with pytest.raises(ValueError, match="rebound of 100 %"):
        decoupling.required_intensity_decline(0.01, 0.02, rebound=1.0)


def test_calibrated_path_starts_from_observed_emissions():
    path = decoupling.calibrated_path(
        base_year=2024,
        end_year=2030,
        base_emissions_gtco2=41.6,
        base_population=8.14e9,
        population_growth=0.0,
        consumption_growth=0.0,
        intensity_decline=0.0,
    )
    assert path["emissions_gtco2"].to_numpy() == pytest.approx([41.6] * 7)
    assert path["cumulative_gtco2"].iloc[-1] == pytest.approx(6 * 41.6)


def test_budget_exhaustion_year_on_a_flat_path():
    path = decoupling.calibrated_path(
        base_year=2024,
        end_year=2050,
        base_emissions_gtco2=40.0,
        base_population=8e9,
        population_growth=0.0,
        consumption_growth=0.0,
        intensity_decline=0.0,
    )
    # 130 Gt at 40 Gt a year from 2025: 120 by the end of 2027, 160 by the end of 2028.
    assert decoupling.budget_exhaustion_year(path, 130.0) == 2028
    assert decoupling.budget_exhaustion_year(path, 5000.0) is None
    assert decoupling.years_of_budget_at_current_rate(130.0, 40.0) == pytest.approx(3.25)


def test_historical_rates_reproduce_emissions_growth():
    rates = decoupling.historical_rates(
        start_population=100.0,
        end_population=110.0,
        start_gdp=1000.0,
        end_gdp=2000.0,
        start_emissions=50.0,
        end_emissions=80.0,
        years=10,
    )
    rebuilt = (1 + rates["population_growth"]) * (1 + rates["gdp_per_person_growth"])
    rebuilt *= 1 - rates["intensity_decline"]
    assert rebuilt == pytest.approx(1 + rates["emissions_growth"])
    assert rates["emissions_growth"] == pytest.approx(1.6**0.1 - 1)


@pytest.mark.parametrize(
    ("gdp", "emissions", "status"),
    [(0.05, -0.01, "absolute"), (0.05, 0.02, "relative"), (0.05, 0.06, "none"), (-0.01, -0.02, "no growth")],
)
def test_decoupling_status(gdp, emissions, status):
    assert decoupling.decoupling_status(gdp, emissions) == status


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"intensity_decline": 1.0}, "intensity_decline must be at most 0.5"),
        ({"intensity_decline": 1.5}, "intensity_decline must be at most 0.5"),
        ({"intensity_decline": 3.0}, "Did you pass a percentage"),
        ({"population": -8e9}, "population must be greater than zero"),
        ({"population": 0}, "population must be greater than zero"),
        ({"consumption_per_person": -1.0}, "consumption_per_person must be between 0 and"),
        ({"intensity": -0.1}, "intensity must be between 0 and"),
        ({"consumption_growth": 2.0}, "consumption_growth must be a yearly rate"),
        ({"population_growth": math.nan}, "finite"),
        ({"rebound": 1.2}, "rebound must be a share"),
        ({"end_year": 2000}, "must not be before"),
        ({"end_year": 2300}, "longer than 200 years"),
        ({"base_year": 2024.5}, "base_year must be a whole year"),
    ],
)
def test_bad_inputs_raise_clear_errors(change, message):
    with pytest.raises(ValueError, match=message):
        decoupling.kaya_path(**(PATH | change))


def test_calibrated_path_rejects_non_positive_emissions():
    with pytest.raises(ValueError, match="base_emissions_gtco2"):
        decoupling.calibrated_path(
            base_year=2024,
            end_year=2030,
            base_emissions_gtco2=0.0,
            base_population=8e9,
            population_growth=0.0,
            consumption_growth=0.0,
            intensity_decline=0.0,
        )
