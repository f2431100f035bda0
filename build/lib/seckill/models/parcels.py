"""Parcel footprint: packaging material, waste and CO2 of a year's express parcels.

Chapter 7 asks what "sold out in seconds" weighs once the orders are boxed and driven across the
country. The model multiplies a number of parcels by packaging mass and emission factors::

    new packaging (t)       = parcels × packaging mass per parcel × (1 − extra reuse share)
    packaging CO2e (t)      = new packaging × packaging emission factor (t CO2e per t)
    transport CO2e (t)      = parcels × transport CO2e per parcel × distance factor
    waste not recycled (t)  = new packaging × (1 − recycling share)
    CO2e per person (kg)    = (packaging CO2e + transport CO2e) × 1000 ÷ population

Where each factor comes from (see :func:`reference_factors`, which computes them from the data
package so that no number is typed in here):

- **packaging mass per parcel** is *derived*: Su et al. (2020) estimate 9.2 Mt of express
  packaging waste in 2018, and the State Post Bureau counted 50.71 billion parcels that year;
  9.2 Mt ÷ 50.71 bn ≈ 181 g per parcel.
- **packaging emission factor** is *derived* from the same study: 13.2 Mt CO2e over the life cycle
  of 9.2 Mt of packaging (raw materials, manufacturing, end of life) ≈ 1.43 t CO2e per tonne. It
  reflects 2018 practice, including that year's recycling.
- **transport CO2e per parcel** is *sourced*: 0.27 kg CO2e, the 2018 average of Kang et al. (2021).
- **distance factor** is an *assumption*: 1 means the average 2018 delivery; the model assumes
  transport emissions scale in proportion to distance.
- **extra reuse share** is an *assumption* set by the reader: the share of parcels sent in reused
  packaging beyond 2018 practice (when under 5 % of boxes were reused), each one assumed to need
  no new material.
- **recycling share** is an *assumption* set by the reader: the share of new packaging recycled
  after use. It changes the waste left over, not the emissions, because the emission factor above
  already includes 2018 end-of-life treatment.

Masses are in tonnes (t), emissions in tonnes of CO2-equivalent (t CO2e), parcels in units.
"""

from __future__ import annotations

import pandas as pd

from seckill.models.checks import require_finite, require_positive

GRAMS_PER_TONNE = 1_000_000.0
KG_PER_TONNE = 1_000.0
# Rows of parcel_footprint_estimates.csv the default factors are computed from (2018 studies).
REFERENCE_ESTIMATE_ID = {
    "packaging_mass": "su2020-waste",
    "packaging_co2e": "su2020-co2e",
    "transport_per_parcel": "kang2021-per-parcel",
}
REFERENCE_YEAR = 2018


def _share(name: str, value: object) -> float:
    value = require_finite(name, value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(
            f"{name} must be a share between 0 and 1 (0.3 means 30 %); got {value!r}. "
            "Did you pass a percentage instead of a fraction?"
        )
    return value


def _non_negative(name: str, value: object) -> float:
    value = require_finite(name, value)
    if value < 0:
        raise ValueError(f"{name} must not be negative; got {value!r}")
    return value


def parcel_footprint(
    parcels: float,
    *,
    packaging_g_per_parcel: float,
    packaging_t_co2e_per_t: float,
    transport_kg_co2e_per_parcel: float,
    population: float,
    extra_reuse_share: float = 0.0,
    recycling_share: float = 0.0,
    distance_factor: float = 1.0,
) -> dict[str, float]:
    """Packaging, waste and emissions of ``parcels`` express parcels in a year.

    Returns a dict with ``parcels``, ``new_packaging_t``, ``waste_not_recycled_t``,
    ``packaging_co2e_t``, ``transport_co2e_t``, ``total_co2e_t`` and ``co2e_kg_per_person``.
    See the module docstring for the formulas and which inputs are sourced, derived or assumed.
    """
    parcels = _non_negative("parcels", parcels)
    grams = require_positive("packaging_g_per_parcel", packaging_g_per_parcel)
    packaging_factor = _non_negative("packaging_t_co2e_per_t", packaging_t_co2e_per_t)
    transport_kg = _non_negative("transport_kg_co2e_per_parcel", transport_kg_co2e_per_parcel)
    population = require_positive("population", population)
    reuse = _share("extra_reuse_share", extra_reuse_share)
    recycling = _share("recycling_share", recycling_share)
    distance = require_positive("distance_factor", distance_factor)

    new_packaging_t = parcels * grams * (1.0 - reuse) / GRAMS_PER_TONNE
    packaging_co2e_t = new_packaging_t * packaging_factor
    transport_co2e_t = parcels * transport_kg * distance / KG_PER_TONNE
    total_co2e_t = packaging_co2e_t + transport_co2e_t
    return {
        "parcels": parcels,
        "new_packaging_t": new_packaging_t,
        "waste_not_recycled_t": new_packaging_t * (1.0 - recycling),
        "packaging_co2e_t": packaging_co2e_t,
        "transport_co2e_t": transport_co2e_t,
        "total_co2e_t": total_co2e_t,
        "co2e_kg_per_person": total_co2e_t * KG_PER_TONNE / population,
    }


def reference_factors(estimates: pd.DataFrame, parcels: pd.DataFrame) -> dict[str, float]:
    """The model's default factors, computed from the data package (2018 studies and parcel count).

    ``estimates`` is the ``parcel_footprint_estimates`` table and ``parcels`` the
    ``express_parcels`` table. Returns ``packaging_g_per_parcel`` (derived),
    ``packaging_t_co2e_per_t`` (derived) and ``transport_kg_co2e_per_parcel`` (sourced), plus the
    inputs they came from (``packaging_mt_2018``, ``packaging_co2e_mt_2018``, ``parcels_bn_2018``).
    """
    by_id = estimates.set_index("estimate_id")["value"].astype(float)
    headline = parcels[parcels["headline"] & (parcels["year"] == REFERENCE_YEAR)]
    if len(headline) != 1:
        raise ValueError(f"expected one headline parcel count for {REFERENCE_YEAR}, found {len(headline)}")
    parcels_bn = float(headline["parcels_bn"].iloc[0])
    packaging_mt = float(by_id[REFERENCE_ESTIMATE_ID["packaging_mass"]])
    packaging_co2e_mt = float(by_id[REFERENCE_ESTIMATE_ID["packaging_co2e"]])
    return {
        "packaging_mt_2018": packaging_mt,
        "packaging_co2e_mt_2018": packaging_co2e_mt,
        "parcels_bn_2018": parcels_bn,
        # Mt ÷ bn parcels = 1e12 g ÷ 1e9 parcels, so × 1000 gives grams per parcel.
        "packaging_g_per_parcel": packaging_mt / parcels_bn * 1000.0,
        "packaging_t_co2e_per_t": packaging_co2e_mt / packaging_mt,
        "transport_kg_co2e_per_parcel": float(by_id[REFERENCE_ESTIMATE_ID["transport_per_parcel"]]),
    }


def footprint_components(result: dict[str, float]) -> pd.DataFrame:
    """The two emission components of a :func:`parcel_footprint` result as tidy rows (Mt CO2e)."""
    return pd.DataFrame(
        {
            "component": ["Packaging", "Transport"],
            "co2e_mt": [result["packaging_co2e_t"] / 1e6, result["transport_co2e_t"] / 1e6],
        }
    )
