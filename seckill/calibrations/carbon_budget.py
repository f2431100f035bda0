"""CO2 tables and the emissions-path starting point against the 1.5 °C budget (Chapters 7, 8, 9)."""

from __future__ import annotations

import pandas as pd

from seckill import data
from seckill.models import decoupling

# The emissions-path explorer starts from the Global Carbon Budget 2024 world total and the budget
# from the start of 2025 (Indicators of Global Climate Change 2024); see :func:`budget_defaults`.
MODEL_BASE_YEAR = 2024
MODEL_END_YEAR = 2050
BUDGET_ESTIMATE = "Indicators of Global Climate Change 2024"
HISTORY_START, HISTORY_END = 1990, 2016  # the years with both GDP and CO2 in the OWID file


def co2_table(emissions: pd.DataFrame | None = None) -> pd.DataFrame:
    """The OWID CO2 table with plain float columns and readable economy names."""
    emissions = data.load("co2_emissions") if emissions is None else emissions
    table = emissions.copy()
    for column in [
        "co2_territorial_mt",
        "co2_consumption_mt",
        "co2_territorial_t_per_person",
        "co2_consumption_t_per_person",
        "gdp_intl_usd_2011_bn",
    ]:
        table[column] = table[column].astype("float64")
    table["year"] = table["year"].astype(int)
    return table


def rates_between(table: pd.DataFrame, economy_code: str, start: int, end: int) -> dict[str, float]:
    """One economy's yearly growth of population, GDP, CO2 and CO2 per GDP from ``start`` to ``end``.

    ``table`` is :func:`co2_table`'s (territorial CO2, GDP in 2011 international dollars); the rates
    are :func:`seckill.models.decoupling.historical_rates` of the two years' rows.
    """
    rows = table[table["economy_code"] == economy_code].set_index("year")
    return decoupling.historical_rates(
        start_population=float(rows.loc[start, "population"]),
        end_population=float(rows.loc[end, "population"]),
        start_gdp=float(rows.loc[start, "gdp_intl_usd_2011_bn"]),
        end_gdp=float(rows.loc[end, "gdp_intl_usd_2011_bn"]),
        start_emissions=float(rows.loc[start, "co2_territorial_mt"]),
        end_emissions=float(rows.loc[end, "co2_territorial_mt"]),
        years=end - start,
    )


def budget_table(budgets: pd.DataFrame | None = None) -> pd.DataFrame:
    """The carbon budget estimates, in the data package's order."""
    return data.load("carbon_budgets") if budgets is None else budgets.copy()


def budget_defaults(
    emissions: pd.DataFrame | None = None,
    population: pd.DataFrame | None = None,
    world: pd.DataFrame | None = None,
    budgets: pd.DataFrame | None = None,
) -> dict[str, float]:
    """Starting point and default scenario of the emissions-path explorer, all from the data package.

    - ``base_emissions_gtco2``: world total CO2 (fossil and land use) in 2024, Global Carbon Budget 2024;
    - ``base_population`` and ``population_growth``: world population 2024 and its 2023-2024 growth;
    - ``consumption_growth`` and ``intensity_decline``: the world's GDP per person growth and fall
      in CO2 per unit of GDP, 1990-2016 (derived from OWID) -- the default scenario is "the next
      years go as the last quarter-century did";
    - ``budget_50``, ``budget_67``, ``budget_83``: remaining 1.5 °C budgets from the start of 2025.
    """
    emissions = co2_table(emissions)
    population = data.load("population") if population is None else population
    world = data.load("global_co2_emissions") if world is None else world
    budgets = budget_table(budgets)
    wld = population[population["economy_code"] == "wld"].set_index("year")["population"]
    total = world[
        (world["year"] == MODEL_BASE_YEAR) & (world["component"] == "total (fossil and land-use change)")
    ]
    rates = rates_between(emissions, "wld", HISTORY_START, HISTORY_END)
    chosen = budgets[(budgets["estimate"] == BUDGET_ESTIMATE) & (budgets["warming_c"] == 1.5)].set_index(
        "probability_pct"
    )["budget_gtco2"]
    out = {
        "base_year": MODEL_BASE_YEAR,
        "end_year": MODEL_END_YEAR,
        "base_emissions_gtco2": float(total["gtco2"].iloc[0]),
        "base_population": float(wld[MODEL_BASE_YEAR]),
        "population_growth": float(wld[MODEL_BASE_YEAR]) / float(wld[MODEL_BASE_YEAR - 1]) - 1.0,
        "consumption_growth": rates["gdp_per_person_growth"],
        "intensity_decline": rates["intensity_decline"],
        "history_emissions_growth": rates["emissions_growth"],
        "history_population_growth": rates["population_growth"],
    }
    for probability in (50, 67, 83):
        out[f"budget_{probability}"] = float(chosen[probability])
    return out
