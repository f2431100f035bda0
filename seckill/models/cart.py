"""A personal cart footprint: the parcels one shopper's orders make in a year, and what they emit.

The conclusion asks readers to trace their own shopping through the chain this book followed. The
calculator counts only what Chapter 7 could source: the **packaging** and **delivery** of each
parcel, with the same factors and the same model (:func:`seckill.models.parcels.parcel_footprint`).
The goods inside the parcels, usually the larger part of a purchase's footprint, are not counted,
because no sourced per-item factors are in the data package; so the result is a lower bound.

    parcels           = orders a year × (1 + returned share)   (ASSUMPTION: a return is one more
                                                                parcel, with its own packaging)
    footprint         = parcel_footprint(parcels, factors, population = 1)

Orders, the returned share and the reused share are the reader's own figures or assumptions.
"""

from __future__ import annotations

from seckill.models import parcels
from seckill.models.checks import require_between, require_share

MAX_ORDERS_PER_YEAR = 5000  # about 14 a day: more looks like a business, not a household


def cart_footprint(
    orders_per_year: float,
    *,
    packaging_g_per_parcel: float,
    packaging_t_co2e_per_t: float,
    transport_kg_co2e_per_parcel: float,
    returned_share: float = 0.0,
    extra_reuse_share: float = 0.0,
) -> dict[str, float]:
    """One shopper's parcels a year and their packaging and delivery footprint, in kg.

    Returns ``parcels``, ``packaging_kg`` (new packaging material), ``packaging_co2e_kg``,
    ``transport_co2e_kg`` and ``total_co2e_kg``.
    """
    orders = require_between("orders_per_year", orders_per_year, 0, MAX_ORDERS_PER_YEAR)
    returned = require_share("returned_share", returned_share)
    count = orders * (1.0 + returned)
    result = parcels.parcel_footprint(
        count,
        packaging_g_per_parcel=packaging_g_per_parcel,
        packaging_t_co2e_per_t=packaging_t_co2e_per_t,
        transport_kg_co2e_per_parcel=transport_kg_co2e_per_parcel,
        population=1,
        extra_reuse_share=require_share("extra_reuse_share", extra_reuse_share),
    )
    return {
        "parcels": count,
        "packaging_kg": result["new_packaging_t"] * 1000,
        "packaging_co2e_kg": result["packaging_co2e_t"] * 1000,
        "transport_co2e_kg": result["transport_co2e_t"] * 1000,
        "total_co2e_kg": result["total_co2e_t"] * 1000,
    }
