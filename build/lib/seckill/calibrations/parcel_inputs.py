"""Parcel counts per person and the parcel footprint factors (Chapters 7, 8 and 9)."""

from __future__ import annotations

import pandas as pd

from seckill import data
from seckill.models import parcels


def parcels_table(counts: pd.DataFrame | None = None, population: pd.DataFrame | None = None) -> pd.DataFrame:
    """Headline express-parcel count per year, with parcels per person (derived: count ÷ population).

    Columns: year, parcels_bn, status, parcels_per_person, source_id, confidence.
    """
    counts = data.load("express_parcels") if counts is None else counts
    population = data.load("population") if population is None else population
    china = population[population["economy_code"] == "chn"].set_index("year")["population"]
    rows = counts[counts["headline"]].sort_values("year")
    table = pd.DataFrame(
        {
            "year": rows["year"].astype(int).to_numpy(),
            "parcels_bn": rows["parcels_bn"].astype(float).to_numpy(),
            "status": rows["status"].astype(str).to_numpy(),
            "source_id": rows["source_id"].astype(str).to_numpy(),
            "confidence": rows["confidence"].astype(str).to_numpy(),
        }
    )
    table["parcels_per_person"] = [
        value * 1e9 / float(china[year])
        for value, year in zip(table["parcels_bn"], table["year"], strict=True)
    ]
    return table


def estimates_table(estimates: pd.DataFrame | None = None) -> pd.DataFrame:
    """All published packaging and emission estimates, in the data package's order."""
    return data.load("parcel_footprint_estimates") if estimates is None else estimates.copy()


def parcel_defaults(
    estimates: pd.DataFrame | None = None,
    counts: pd.DataFrame | None = None,
    population: pd.DataFrame | None = None,
) -> dict[str, float]:
    """Inputs of the parcel calculator: 2018-derived factors, the latest parcel count and population.

    Adds ``parcels_bn`` and ``year`` (latest headline count), ``population`` (China, same year) and
    the model's result for them with no extra reuse, no recycling and the average distance.
    """
    estimates = estimates_table(estimates)
    counts = data.load("express_parcels") if counts is None else counts
    population = data.load("population") if population is None else population
    factors = parcels.reference_factors(estimates, counts)
    headline = counts[counts["headline"] & (counts["status"] == "published")].sort_values("year").iloc[-1]
    year = int(headline["year"])
    china = population[(population["economy_code"] == "chn") & (population["year"] == year)]
    out = dict(factors)
    out.update(
        year=year, parcels_bn=float(headline["parcels_bn"]), population=float(china["population"].iloc[0])
    )
    out.update(
        parcels.parcel_footprint(
            out["parcels_bn"] * 1e9,
            packaging_g_per_parcel=factors["packaging_g_per_parcel"],
            packaging_t_co2e_per_t=factors["packaging_t_co2e_per_t"],
            transport_kg_co2e_per_parcel=factors["transport_kg_co2e_per_parcel"],
            population=out["population"],
        )
    )
    return out
