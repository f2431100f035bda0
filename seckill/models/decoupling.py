"""Decoupling with the IPAT / Kaya identity: can efficiency outrun consumption growth?

The identity splits emissions into three factors::

    emissions = population × consumption per person × emissions per unit of consumption

(In IPAT form: impact = population × affluence × technology.) If population grows by *p* a year,
consumption per person by *g* and emissions per unit of consumption (the carbon intensity) fall
by *d*, emissions change each year by the factor (1 + *p*)(1 + *g*)(1 − *d*).

- **Relative decoupling**: emissions grow more slowly than consumption (intensity falls).
- **Absolute decoupling**: emissions fall while consumption grows. That needs
  (1 + *p*)(1 + *g*)(1 − *d*) < 1, i.e. *d* > 1 − 1 / ((1 + *p*)(1 + *g*)).

**Rebound.** Efficiency makes things cheaper, and part of the saving is spent on more
consumption. With a rebound *r* (0 = none, 1 = the whole saving is spent), only (1 − *r*) of the
intensity decline reaches emissions: the yearly factor becomes (1 + *p*)(1 + *g*)(1 − *d*(1 − *r*)).
In the path below the rebound appears where it happens, as extra consumption: consumption per
person grows by (1 + *g*) × (1 + *d r* / (1 − *d*)) a year, so the identity holds in every year.
The size of the rebound is an *assumption* set by the reader; the model does not estimate it.

Rates are fractions per year (0.02 means 2 % a year). Emissions are in tonnes of CO2 unless a
name ends in ``_gtco2`` (billion tonnes).
"""

from __future__ import annotations

import pandas as pd

from seckill.i18n import mark, tr
from seckill.models import growth
from seckill.models.checks import (
    finite_result,
    require_between,
    require_finite,
    require_frame,
    require_positive,
    require_year,
)

MAX_YEARS = 200
TONNES_PER_GT = 1e9
# Bounds far beyond any real value, chosen so that every column of a 200-year path stays within a
# float: the yearly factors are at most 1.5 (population), 4 (consumption, with a full rebound) and
# 2 (intensity), and levels at most these.
MAX_POPULATION = 1e11  # people: more than ten times today's world
MAX_LEVEL = 1e12  # consumption per person, and t CO2 per unit of it, in any unit
MAX_BASE_EMISSIONS_GTCO2 = 1000.0  # about 25 times the world's yearly CO2 today
# A fall in carbon intensity of more than half a year (a halving every year) is beyond any record;
# above it the rebound's extra consumption 1 + d r / (1 − d) grows without limit.
MAX_INTENSITY_DECLINE = 0.5


def _rate(name: str, value: object, low: float, high: float) -> float:
    value = require_finite(name, value)
    if not low <= value <= high:
        raise ValueError(
            tr(
                "{name} must be a yearly rate as a fraction between {low} and {high} "
                "(0.02 means 2 % a year); got {value!r}. Did you pass a percentage instead of a fraction?"
            ).format(name=name, low=low, high=high, value=value)
        )
    return value


def _intensity_decline(value: object) -> float:
    value = require_finite("intensity_decline", value)
    if value > MAX_INTENSITY_DECLINE:
        message = (
            tr(
                "intensity_decline must be at most {high} (intensity halving every year; a fall of 100 % "
                "or more would make emissions per unit of consumption zero or negative); got {value!r}. "
                "Did you pass a percentage?"
            )
            if value >= 1.0
            else tr(
                "intensity_decline must be at most {high} (intensity halving every year; a fall of 100 % "
                "or more would make emissions per unit of consumption zero or negative); got {value!r}."
            )
        )
        raise ValueError(message.format(high=MAX_INTENSITY_DECLINE, value=value))
    if value < -1.0:
        raise ValueError(
            tr("intensity_decline must be at least -1 (intensity doubling a year); got {value!r}").format(
                value=value
            )
        )
    return value


def _rebound(value: object) -> float:
    value = require_finite("rebound", value)
    if not 0.0 <= value <= 1.0:
        raise ValueError(
            tr(
                "{name} must be a share between 0 and 1 (0.3 means 30 % of the efficiency saving is spent "
                "on more consumption); got {value!r}"
            ).format(name="rebound", value=value)
        )
    return value


def _population_growth(value: object) -> float:
    return _rate("population_growth", value, -0.5, 0.5)


def _consumption_growth(value: object) -> float:
    return _rate("consumption_growth", value, -0.5, 1.0)


def kaya_emissions(population: float, consumption_per_person: float, intensity: float) -> float:
    """Emissions = population × consumption per person × emissions per unit of consumption.

    The units multiply: people × units per person × t CO2 per unit gives t CO2.
    """
    population = require_positive("population", population)
    population = require_between("population", population, 0, MAX_POPULATION, what=mark("a number of people"))
    consumption_per_person = require_between("consumption_per_person", consumption_per_person, 0, MAX_LEVEL)
    intensity = require_between("intensity", intensity, 0, MAX_LEVEL)
    return population * consumption_per_person * intensity


def rebound_consumption_factor(intensity_decline: float, rebound: float) -> float:
    """Extra yearly consumption growth caused by the rebound: 1 + d r / (1 − d).

    Chosen so that (1 − d) times this factor equals 1 − d (1 − r): the rebound gives back a share
    ``rebound`` of the efficiency saving as extra consumption.
    """
    d = _intensity_decline(intensity_decline)
    r = _rebound(rebound)
    return 1.0 + d * r / (1.0 - d)


def emissions_growth_factor(
    population_growth: float, consumption_growth: float, intensity_decline: float, rebound: float = 0.0
) -> float:
    """The yearly factor by which emissions change: (1 + p)(1 + g)(1 − d(1 − r))."""
    p = _population_growth(population_growth)
    g = _consumption_growth(consumption_growth)
    d = _intensity_decline(intensity_decline)
    r = _rebound(rebound)
    return (1.0 + p) * (1.0 + g) * (1.0 - d * (1.0 - r))


def required_intensity_decline(
    population_growth: float, consumption_growth: float, rebound: float = 0.0
) -> float:
    """The smallest yearly fall in carbon intensity that stops emissions rising (absolute decoupling).

    ``(1 − 1 / ((1 + p)(1 + g))) / (1 − r)``; 0 when population × consumption does not grow. With a
    rebound of 100 %, or if the answer would be a fall of 100 % or more a year, no efficiency gain
    can offset the growth, which raises ``ValueError`` instead of returning an impossible number.
    """
    p = _population_growth(population_growth)
    g = _consumption_growth(consumption_growth)
    r = _rebound(rebound)
    scale = (1.0 + p) * (1.0 + g)
    if scale <= 1.0:
        return 0.0
    if r >= 1.0:
        raise ValueError(
            tr("with a rebound of 100 % efficiency never reduces emissions; choose {name} < 1").format(
                name="rebound"
            )
        )
    needed = (1.0 - 1.0 / scale) / (1.0 - r)
    if needed >= 1.0:
        raise ValueError(
            tr(
                "no intensity decline below 100 % a year offsets this growth with a rebound of {rebound:.0%}"
            ).format(rebound=r)
        )
    return needed


def kaya_path(
    *,
    base_year: int,
    end_year: int,
    population: float,
    consumption_per_person: float,
    intensity: float,
    population_growth: float,
    consumption_growth: float,
    intensity_decline: float,
    rebound: float = 0.0,
) -> pd.DataFrame:
    """Year-by-year population, consumption, intensity and emissions from ``base_year`` to ``end_year``.

    Columns: ``year``, ``population``, ``consumption_per_person``, ``intensity`` (t CO2 per unit),
    ``emissions_t`` (= the product of the three, in every row), ``emissions_gtco2`` and
    ``cumulative_gtco2``: emissions summed over the years *after* the base year, which is how a
    carbon budget "from the start of" the next year is counted.
    """
    base_year = require_year("base_year", base_year)
    end_year = require_year("end_year", end_year)
    if end_year < base_year:
        raise ValueError(
            tr("end_year ({end_year}) must not be before base_year ({base_year})").format(
                end_year=end_year, base_year=base_year
            )
        )
    if end_year - base_year > MAX_YEARS:
        raise ValueError(tr("paths longer than {years} years are not supported").format(years=MAX_YEARS))
    kaya_emissions(population, consumption_per_person, intensity)  # validates the levels
    population = float(population)
    consumption_per_person = float(consumption_per_person)
    intensity = float(intensity)
    p = _population_growth(population_growth)
    g = _consumption_growth(consumption_growth)
    d = _intensity_decline(intensity_decline)
    consumption_step = (1.0 + g) * rebound_consumption_factor(d, rebound)

    rows = []
    cumulative = 0.0
    for t in range(end_year - base_year + 1):
        pop_t = population * (1.0 + p) ** t
        cons_t = consumption_per_person * consumption_step**t
        int_t = intensity * (1.0 - d) ** t
        emissions_t = pop_t * cons_t * int_t
        gt = emissions_t / TONNES_PER_GT
        if t > 0:
            cumulative += gt
        rows.append((base_year + t, pop_t, cons_t, int_t, emissions_t, gt, cumulative))
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "population",
            "consumption_per_person",
            "intensity",
            "emissions_t",
            "emissions_gtco2",
            "cumulative_gtco2",
        ],
    )


def calibrated_path(
    *,
    base_year: int,
    end_year: int,
    base_emissions_gtco2: float,
    base_population: float,
    population_growth: float,
    consumption_growth: float,
    intensity_decline: float,
    rebound: float = 0.0,
) -> pd.DataFrame:
    """:func:`kaya_path` started from observed emissions and population.

    Consumption per person is an index (1 in the base year), so the base intensity is the base
    emissions per person: only the *changes* in consumption and intensity matter for the path.
    """
    base_emissions_gtco2 = require_positive("base_emissions_gtco2", base_emissions_gtco2)
    base_emissions_gtco2 = require_between(
        "base_emissions_gtco2", base_emissions_gtco2, 0, MAX_BASE_EMISSIONS_GTCO2
    )
    base_population = require_between("base_population", base_population, 1, MAX_POPULATION)
    return kaya_path(
        base_year=base_year,
        end_year=end_year,
        population=base_population,
        consumption_per_person=1.0,
        intensity=base_emissions_gtco2 * TONNES_PER_GT / base_population,
        population_growth=population_growth,
        consumption_growth=consumption_growth,
        intensity_decline=intensity_decline,
        rebound=rebound,
    )


def budget_exhaustion_year(path: pd.DataFrame, budget_gtco2: float) -> int | None:
    """The first year in ``path`` by whose end cumulative emissions reach ``budget_gtco2``; else None."""
    path = require_frame("path", path, ["year", "cumulative_gtco2"])
    budget_gtco2 = require_positive("budget_gtco2", budget_gtco2)
    reached = path[path["cumulative_gtco2"] >= budget_gtco2]
    return None if reached.empty else int(reached["year"].iloc[0])


def historical_rates(
    *,
    start_population: float,
    end_population: float,
    start_gdp: float,
    end_gdp: float,
    start_emissions: float,
    end_emissions: float,
    years: float,
) -> dict[str, float]:
    """Yearly rates of the three Kaya factors between two observed years.

    Returns ``population_growth``, ``gdp_per_person_growth``, ``intensity_decline`` (fall in
    emissions per unit of GDP), ``gdp_growth`` and ``emissions_growth``, as fractions per year.
    The three factor rates reproduce the emissions growth: (1 + p)(1 + g)(1 − d) = 1 + e.
    """
    values = {
        "start_population": start_population,
        "end_population": end_population,
        "start_gdp": start_gdp,
        "end_gdp": end_gdp,
        "start_emissions": start_emissions,
        "end_emissions": end_emissions,
        "years": years,
    }
    for name, value in values.items():
        require_positive(name, value)
    rates = {}
    for factor in ("population", "gdp", "emissions"):
        try:
            rates[factor] = growth.annual_growth_rate(
                values[f"start_{factor}"], values[f"end_{factor}"], years
            )
        except ValueError as error:
            raise ValueError(f"start_{factor}, end_{factor} and years: {error}") from None
    population_growth, gdp_growth, emissions_growth = rates["population"], rates["gdp"], rates["emissions"]
    gdp_per_person_growth = (1.0 + gdp_growth) / (1.0 + population_growth) - 1.0
    intensity_decline = 1.0 - (1.0 + emissions_growth) / (1.0 + gdp_growth)
    return {
        "population_growth": population_growth,
        "gdp_per_person_growth": gdp_per_person_growth,
        "intensity_decline": intensity_decline,
        "gdp_growth": gdp_growth,
        "emissions_growth": emissions_growth,
    }


def decoupling_status(gdp_growth: float, emissions_growth: float) -> str:
    """Name the relation between GDP growth and emissions growth over a period.

    ``"absolute"``: the economy grew while emissions fell; ``"relative"``: emissions grew, but
    more slowly than the economy; ``"none"``: emissions grew as fast as the economy or faster;
    ``"no growth"``: the economy did not grow, so decoupling is not the question.
    """
    gdp_growth = require_finite("gdp_growth", gdp_growth)
    emissions_growth = require_finite("emissions_growth", emissions_growth)
    if gdp_growth <= 0:
        return "no growth"
    if emissions_growth < 0:
        return "absolute"
    if emissions_growth < gdp_growth:
        return "relative"
    return "none"


def years_of_budget_at_current_rate(budget_gtco2: float, emissions_gtco2_per_year: float) -> float:
    """How many years a budget lasts if emissions stay at today's level: budget ÷ yearly emissions."""
    budget_gtco2 = require_positive("budget_gtco2", budget_gtco2)
    emissions = require_positive("emissions_gtco2_per_year", emissions_gtco2_per_year)
    return finite_result(
        tr("the years the budget lasts"),
        budget_gtco2 / emissions,
        tr("emissions_gtco2_per_year is too small"),
    )
