"""The personal cart footprint is the parcel model for one person."""

import pytest

from seckill.models import cart, parcels

FACTORS = dict(packaging_g_per_parcel=180.0, packaging_t_co2e_per_t=1.4, transport_kg_co2e_per_parcel=0.27)


def test_one_shoppers_parcels_are_the_parcel_model_with_population_one():
    result = cart.cart_footprint(100, returned_share=0.2, extra_reuse_share=0.5, **FACTORS)
    model = parcels.parcel_footprint(120, population=1, extra_reuse_share=0.5, **FACTORS)
    assert result["parcels"] == pytest.approx(120)
    assert result["total_co2e_kg"] == pytest.approx(model["co2e_kg_per_person"])
    assert result["packaging_kg"] == pytest.approx(model["new_packaging_t"] * 1000)


def test_known_values_for_one_parcel():
    one = cart.cart_footprint(1, **FACTORS)
    assert one["packaging_kg"] == pytest.approx(0.18)
    assert one["packaging_co2e_kg"] == pytest.approx(0.18 * 1.4)
    assert one["transport_co2e_kg"] == pytest.approx(0.27)
    assert one["total_co2e_kg"] == pytest.approx(0.18 * 1.4 + 0.27)
    assert cart.cart_footprint(0, **FACTORS)["total_co2e_kg"] == 0


@pytest.mark.parametrize(
    "kwargs, name",
    [
        ({"orders_per_year": -1}, "orders_per_year"),
        ({"orders_per_year": 10**6}, "orders_per_year"),
        ({"orders_per_year": 10, "returned_share": 20}, "returned_share"),
        ({"orders_per_year": 10, "extra_reuse_share": -0.1}, "extra_reuse_share"),
        ({"orders_per_year": "ten"}, "orders_per_year"),
    ],
)
def test_bad_input_names_the_parameter(kwargs, name):
    with pytest.raises(ValueError, match=name):
        cart.cart_footprint(**kwargs, **FACTORS)
