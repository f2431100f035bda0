"""The parcel footprint model: hand-checked values, identities, its data-derived factors and bad input."""

import math

import pytest

from seckill import data
from seckill.models import parcels

BASE = {
    "packaging_g_per_parcel": 200.0,
    "packaging_t_co2e_per_t": 1.5,
    "transport_kg_co2e_per_parcel": 0.3,
    "population": 1_000_000.0,
}


def test_one_billion_parcels_by_hand():
    result = parcels.parcel_footprint(1e9, **BASE)
    # 1e9 × 200 g = 200,000 t of packaging; × 1.5 = 300,000 t CO2e; transport 1e9 × 0.3 kg = 300,000 t.
    assert result["new_packaging_t"] == pytest.approx(200_000)
    assert result["packaging_co2e_t"] == pytest.approx(300_000)
    assert result["transport_co2e_t"] == pytest.approx(300_000)
    assert result["total_co2e_t"] == pytest.approx(600_000)
    assert result["co2e_kg_per_person"] == pytest.approx(600.0)  # 6e8 kg over a million people


def test_total_is_the_sum_of_components_and_components_table_agrees():
    result = parcels.parcel_footprint(3.7e9, **BASE, extra_reuse_share=0.2, distance_factor=1.4)
    assert result["total_co2e_t"] == pytest.approx(result["packaging_co2e_t"] + result["transport_co2e_t"])
    table = parcels.footprint_components(result)
    assert table["co2e_mt"].sum() == pytest.approx(result["total_co2e_t"] / 1e6)


def test_full_reuse_removes_packaging_but_not_transport():
    result = parcels.parcel_footprint(1e9, **BASE, extra_reuse_share=1.0)
    assert result["new_packaging_t"] == 0.0 and result["packaging_co2e_t"] == 0.0
    assert result["transport_co2e_t"] == pytest.approx(300_000)


def test_recycling_changes_waste_only():
    low = parcels.parcel_footprint(1e9, **BASE, recycling_share=0.0)
    high = parcels.parcel_footprint(1e9, **BASE, recycling_share=0.8)
    assert high["waste_not_recycled_t"] == pytest.approx(0.2 * low["waste_not_recycled_t"])
    assert high["total_co2e_t"] == low["total_co2e_t"]


def test_transport_scales_with_the_distance_factor():
    near = parcels.parcel_footprint(1e9, **BASE, distance_factor=0.5)
    far = parcels.parcel_footprint(1e9, **BASE, distance_factor=2.0)
    assert far["transport_co2e_t"] == pytest.approx(4 * near["transport_co2e_t"])


def test_zero_parcels_give_zero_footprint():
    result = parcels.parcel_footprint(0, **BASE)
    assert result["total_co2e_t"] == 0.0 and result["waste_not_recycled_t"] == 0.0


def test_reference_factors_come_from_the_2018_rows_of_the_data_package():
    estimates = data.load("parcel_footprint_estimates")
    counts = data.load("express_parcels")
    factors = parcels.reference_factors(estimates, counts)
    assert factors["parcels_bn_2018"] == pytest.approx(50.71)
    assert factors["packaging_g_per_parcel"] == pytest.approx(9.2 / 50.71 * 1000)
    assert factors["packaging_t_co2e_per_t"] == pytest.approx(13.2 / 9.2)
    assert factors["transport_kg_co2e_per_parcel"] == pytest.approx(0.27)


def test_the_2018_factors_reproduce_the_2018_studies():
    """With 2018's parcels and factors the model gives back the studies' own totals (an identity)."""
    factors = parcels.reference_factors(data.load("parcel_footprint_estimates"), data.load("express_parcels"))
    result = parcels.parcel_footprint(
        factors["parcels_bn_2018"] * 1e9,
        packaging_g_per_parcel=factors["packaging_g_per_parcel"],
        packaging_t_co2e_per_t=factors["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=factors["transport_kg_co2e_per_parcel"],
        population=1.4e9,
    )
    assert result["new_packaging_t"] / 1e6 == pytest.approx(9.2)
    assert result["packaging_co2e_t"] / 1e6 == pytest.approx(13.2)
    # Kang et al. give 13.7 Mt for about 50.7 billion parcels at 0.27 kg each (rounded).
    assert result["transport_co2e_t"] / 1e6 == pytest.approx(13.7, rel=0.01)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"parcels": -1.0}, "parcels must not be negative"),
        ({"packaging_g_per_parcel": 0.0}, "packaging_g_per_parcel must be greater than zero"),
        ({"population": -5.0}, "population must be greater than zero"),
        ({"extra_reuse_share": 30}, "Did you pass a percentage"),
        ({"recycling_share": -0.1}, "recycling_share must be a share"),
        ({"distance_factor": 0}, "distance_factor must be greater than zero"),
        ({"transport_kg_co2e_per_parcel": math.inf}, "finite"),
        ({"packaging_t_co2e_per_t": "1.4"}, "must be a number"),
    ],
)
def test_bad_parameters_raise_errors_that_name_them(kwargs, message):
    arguments = {"parcels": 1e9, **BASE} | kwargs
    count = arguments.pop("parcels")
    with pytest.raises(ValueError, match=message):
        parcels.parcel_footprint(count, **arguments)
