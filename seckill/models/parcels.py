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

from collections.abc import Mapping

import pandas as pd

from seckill.i18n import mark
from seckill.models.checks import (
    require_between,
    require_frame,
    require_non_negative,
    require_positive,
    require_share,
    shown,
)

GRAMS_PER_TONNE = 1_000_000.0
KG_PER_TONNE = 1_000.0
# Rows of parcel_footprint_estimates.csv the default factors are computed from (2018 studies).
REFERENCE_ESTIMATE_ID = {
    "packaging_mass": "su2020-waste",
    "packaging_co2e": "su2020-co2e",
    "transport_per_parcel": "kang2021-per-parcel",
}
REFERENCE_YEAR = 2018
# Upper bounds far beyond any real value (China sent 132 bn parcels in 2023), chosen so that every
# product in the model stays within a float. A bound is named in the error a larger value raises.
MAX_PARCELS = 1e15
MAX_GRAMS_PER_PARCEL = 1e6  # a tonne of packaging for one parcel
MAX_FACTOR = 1e4  # t CO2e per t of packaging, kg CO2e per parcel, or times the average distance
MAX_POPULATION = 1e11


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
    parcels = require_non_negative("parcels", parcels)
    parcels = require_between("parcels", parcels, 0, MAX_PARCELS, what=mark("a number of parcels"))
    grams = require_positive("packaging_g_per_parcel", packaging_g_per_parcel)
    grams = require_between("packaging_g_per_parcel", grams, 0, MAX_GRAMS_PER_PARCEL)
    packaging_factor = require_between("packaging_t_co2e_per_t", packaging_t_co2e_per_t, 0, MAX_FACTOR)
    transport_kg = require_between(
        "transport_kg_co2e_per_parcel", transport_kg_co2e_per_parcel, 0, MAX_FACTOR
    )
    population = require_positive("population", population)
    population = require_between("population", population, 1, MAX_POPULATION, what=mark("a number of people"))
    reuse = require_share("extra_reuse_share", extra_reuse_share)
    recycling = require_share("recycling_share", recycling_share)
    distance = require_positive("distance_factor", distance_factor)
    distance = require_between("distance_factor", distance, 0, MAX_FACTOR)

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
    require_frame("estimates", estimates, ["estimate_id", "value"])
    require_frame("parcels", parcels, ["headline", "year", "parcels_bn"])
    by_id = estimates.set_index("estimate_id")["value"]

    def estimate(key: str) -> float:
        estimate_id = REFERENCE_ESTIMATE_ID[key]
        rows = by_id[by_id.index == estimate_id]
        if len(rows) != 1:
            raise ValueError(
                f"estimates must hold one row with estimate_id {estimate_id!r}; found {len(rows)}"
            )
        return require_positive(f"estimates value of {estimate_id!r}", rows.iloc[0])

    headline = parcels[(parcels["headline"] == True) & (parcels["year"] == REFERENCE_YEAR)]  # noqa: E712
    if len(headline) != 1:
        raise ValueError(f"expected one headline parcel count for {REFERENCE_YEAR}, found {len(headline)}")
    parcels_bn = require_positive(
        f"parcels_bn of the {REFERENCE_YEAR} headline row", headline["parcels_bn"].iloc[0]
    )
    packaging_mt = estimate("packaging_mass")
    packaging_co2e_mt = estimate("packaging_co2e")
    return {
        "packaging_mt_2018": packaging_mt,
        "packaging_co2e_mt_2018": packaging_co2e_mt,
        "parcels_bn_2018": parcels_bn,
        # Mt ÷ bn parcels = 1e12 g ÷ 1e9 parcels, so × 1000 gives grams per parcel.
        "packaging_g_per_parcel": packaging_mt / parcels_bn * 1000.0,
        "packaging_t_co2e_per_t": packaging_co2e_mt / packaging_mt,
        "transport_kg_co2e_per_parcel": estimate("transport_per_parcel"),
    }


def footprint_components(result: dict[str, float]) -> pd.DataFrame:
    """The two emission components of a :func:`parcel_footprint` result as tidy rows (Mt CO2e)."""
    if not isinstance(result, Mapping):
        raise ValueError(f"result must be a parcel_footprint result (a dict); got {shown(result)}")
    amounts = []
    for key in ("packaging_co2e_t", "transport_co2e_t"):
        if key not in result:
            raise ValueError(f"result is missing {key!r}: pass what parcel_footprint returns")
        amounts.append(require_between(f"result[{key!r}]", result[key], 0, float("inf")) / 1e6)
    return pd.DataFrame({"component": ["Packaging", "Transport"], "co2e_mt": amounts})
