"""Scenarios for Chapter 8: growth, efficiency, sufficiency and policy, run through the book's models.

The chapter asks what would change if the economy leaned less on ever more consumption. This module
writes no new physics: it turns a reader's settings ("levers") into inputs for the models the
earlier chapters built, and reads their outputs side by side.

- **Decoupling** (:mod:`seckill.models.decoupling`, Chapter 7): world CO2 from the Kaya identity, from the
  base year to 2100, against the remaining 1.5 °C budget.
- **Parcels and packaging** (:mod:`seckill.models.parcels`, Chapter 7): China's express parcels in the
  end year and the CO2e of their packaging and transport.
- **Flash-sale demand** (:mod:`seckill.models.flash_sale`, Chapter 2): how much a ban on, or more of,
  scarcity cues changes the orders a live stream draws when the stock follows demand.
- **Streamer incomes** (:mod:`seckill.models.incomes`, Chapter 4): the Gini coefficient and the top 1 %'s
  share for a lognormal spread of incomes.

How the levers enter (each rate is percent a year; every link marked ASSUMPTION is ours, not a
published finding):

- growth ``g`` and sufficiency ``s``: goods bought per person change by (1 + g)(1 − s) a year, the
  consumption growth passed to the Kaya path. Sufficiency (fewer, longer-lived goods) is a cut in
  the volume bought, so in the identity it acts exactly like slower growth; what differs is who
  chooses it and what people get instead (the chapter discusses that).
- efficiency ``d`` and rebound ``r``: passed to the Kaya path unchanged. The same yearly fall in
  CO2 per unit is applied to the parcel emission factors (ASSUMPTION: parcels get cleaner at the
  pace of the whole economy).
- parcels per person change in proportion to consumption per person from the Kaya path, rebound
  included (ASSUMPTION: one more unit of goods means as many more parcels); China's population
  changes at its last observed rate (ASSUMPTION).
- live streams carry a share ``live_share`` of parcels (ASSUMPTION: their share of online sales
  value, 18 % in January-September 2023 per MOFCOM, is also their share of parcels). Their orders
  scale with the flash-sale model's expected order attempts, stock aside, at the reader's scarcity
  boost relative to the Chapter 2 default (ASSUMPTION: the stock follows demand, as with presales
  ordered in bulk; where the stock is fixed, cues change only the speed of the sale).
- reuse and grams of packaging per parcel: passed to the parcel model (circular packaging rules).
- the spread ``income_sigma`` of streamers' log incomes: a lever for labour and platform rules, set
  by the reader (ASSUMPTION: the book has no evidence on how far any rule would narrow it).

Rates are percent where a name ends in ``_pct``; emissions are Gt CO2 (``_gt``) or Mt CO2e
(``_mt``); parcels are billions (``_bn``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

import pandas as pd

from seckill.i18n import mark, tr
from seckill.models import decoupling, flash_sale, incomes, parcels
from seckill.models.checks import (
    require_between,
    require_instance,
    require_positive,
    require_share,
    require_whole,
    require_year,
    shown,
)

# The last year the emissions path is run to, so that a budget lasting past the end year is still
# dated; beyond it, "not used up by 2100".
HORIZON_YEAR = 2100

# (low, high) for every lever: the static page's sliders and the notebook's widgets use the same
# bounds, so neither can show a result the model refuses. The bounds keep every yearly factor
# positive: (1 + g)(1 − s) ≥ 0.97 × 0.9 and 1 − d(1 − r) ≥ 0.85.
BOUNDS: dict[str, tuple[float, float]] = {
    "growth_pct": (-3.0, 6.0),
    "sufficiency_pct": (0.0, 10.0),
    "efficiency_pct": (0.0, 15.0),
    "rebound_pct": (0.0, 100.0),
    "reuse_pct": (0.0, 90.0),
    "grams_per_parcel": (50.0, 400.0),
    "scarcity_boost_pct": (0.0, 300.0),
    "income_sigma": (0.1, 3.5),
}


def _check(name: str, value: object) -> float:
    return require_between(name, value, *BOUNDS[name])


@dataclass(frozen=True)
class Levers:
    """The reader's scenario. Each value is checked on creation against :data:`BOUNDS`.

    No default stands for a figure: the chapter builds its starting levers from the data
    (:func:`seckill.chapters.ch08.default_levers`); sufficiency, rebound and extra reuse start at zero.

    ``end_year`` is the year whose parcels and emissions are reported (the budget is followed to
    :data:`HORIZON_YEAR` regardless).
    """

    growth_pct: float
    efficiency_pct: float
    grams_per_parcel: float
    scarcity_boost_pct: float
    income_sigma: float
    sufficiency_pct: float = 0.0
    rebound_pct: float = 0.0
    reuse_pct: float = 0.0
    end_year: int = 2035

    def __post_init__(self):
        for name, value in asdict(self).items():
            if name != "end_year":
                _check(name, value)
        require_year("end_year", self.end_year)


@dataclass(frozen=True)
class Baseline:
    """The starting point, every number from the data package or an earlier chapter's model.

    World: ``base_year``, ``base_emissions_gtco2``, ``world_population``, ``world_population_growth``
    and ``budget_gtco2`` (the remaining 1.5 °C budget from the start of the next year). China:
    ``parcels_bn`` and ``china_population`` in the base year, ``china_population_growth``, the
    parcel factors (``packaging_g_per_parcel``, ``packaging_t_co2e_per_t``,
    ``transport_kg_co2e_per_parcel``) and ``live_share``.
    Flash sale (Chapter 2 defaults, assumptions): ``audience``, ``conversion_per_s``, ``session_s``
    and ``default_boost_pct``.
    """

    base_year: int
    base_emissions_gtco2: float
    world_population: float
    world_population_growth: float
    budget_gtco2: float
    parcels_bn: float
    china_population: float
    china_population_growth: float
    packaging_g_per_parcel: float
    packaging_t_co2e_per_t: float
    transport_kg_co2e_per_parcel: float
    live_share: float
    audience: int
    conversion_per_s: float
    session_s: float
    default_boost_pct: float

    def __post_init__(self):
        require_year("base_year", self.base_year)
        if self.base_year >= HORIZON_YEAR:
            raise ValueError(
                tr("base_year must be before {year}; got {value!r}").format(
                    year=HORIZON_YEAR, value=self.base_year
                )
            )
        # The levels' upper bounds are far beyond any real value; they keep every result finite.
        for name, high in [
            ("base_emissions_gtco2", decoupling.MAX_BASE_EMISSIONS_GTCO2),
            ("budget_gtco2", 1e6),  # from 1 Mt (below) to a million Gt
            ("parcels_bn", parcels.MAX_PARCELS / 1e9),
        ]:
            low = 1e-3 if name == "budget_gtco2" else 0  # the share used divides by the budget
            require_between(name, require_positive(name, getattr(self, name)), low, high)
        for name in ("world_population", "china_population"):
            require_between(
                name, getattr(self, name), 1, decoupling.MAX_POPULATION, what=mark("a number of people")
            )
        for name in ("world_population_growth", "china_population_growth"):
            # Fractions a year, within the decoupling model's bounds for population growth.
            require_between(
                name, getattr(self, name), -0.5, 0.5, what=mark("a yearly growth rate as a fraction")
            )
        base_footprint = parcels.parcel_footprint(  # checks the parcel factors under their own names
            self.parcels_bn * 1e9,
            packaging_g_per_parcel=self.packaging_g_per_parcel,
            packaging_t_co2e_per_t=self.packaging_t_co2e_per_t,
            transport_kg_co2e_per_parcel=self.transport_kg_co2e_per_parcel,
            population=self.china_population,
        )
        if base_footprint["total_co2e_t"] <= 0:
            raise ValueError(
                "packaging_t_co2e_per_t and transport_kg_co2e_per_parcel give the base year's parcels no "
                f"CO2e at all ({self.packaging_t_co2e_per_t!r}, {self.transport_kg_co2e_per_parcel!r}): "
                "there is nothing to compare a scenario's parcel CO2e with"
            )
        require_share("live_share", self.live_share)
        require_whole("audience", self.audience, 1, flash_sale.MAX_AUDIENCE)
        require_positive("conversion_per_s", self.conversion_per_s)
        require_between("default_boost_pct", self.default_boost_pct, *BOUNDS["scarcity_boost_pct"])
        # The sale's own checks (conversion at most 1 a second, session at most a day), and it must
        # draw some orders: the live-orders ratio divides by them.
        if flash_sale.expected_orders(_sale(self, self.default_boost_pct), self.session_s) <= 0:
            raise ValueError(
                f"conversion_per_s ({self.conversion_per_s!r}) and session_s ({self.session_s!r}) are too "
                "small for the default sale to draw any orders"
            )


def goods_growth(growth_pct: float, sufficiency_pct: float) -> float:
    """Yearly change in goods bought per person, as a fraction: (1 + g)(1 − s) − 1."""
    g = _check("growth_pct", growth_pct) / 100
    s = _check("sufficiency_pct", sufficiency_pct) / 100
    return (1 + g) * (1 - s) - 1


def _sale(base: Baseline, boost_pct: float) -> flash_sale.FlashSale:
    return flash_sale.FlashSale(
        audience=base.audience,
        conversion_per_s=base.conversion_per_s,
        scarcity_boost=boost_pct / 100,
        stock_units=1,  # unused: orders are counted before the stock limit
        session_s=base.session_s,
    )


def live_orders_ratio(base: Baseline, scarcity_boost_pct: float) -> float:
    """Orders a live stream draws at ``scarcity_boost_pct``, relative to the Chapter 2 default.

    The flash-sale model's expected order attempts over the session, stock aside:
    N (1 − e^(−r (1 + b) T)) divided by the same at the default boost. 1 at the default.
    """
    require_instance("base", base, Baseline)
    boost = _check("scarcity_boost_pct", scarcity_boost_pct)
    chosen = flash_sale.expected_orders(_sale(base, boost), base.session_s)
    default = flash_sale.expected_orders(_sale(base, base.default_boost_pct), base.session_s)
    return chosen / default


def world_path(levers: Levers, base: Baseline) -> pd.DataFrame:
    """The Kaya path of world CO2 from the base year to :data:`HORIZON_YEAR` for these levers."""
    require_instance("levers", levers, Levers)
    require_instance("base", base, Baseline)
    return decoupling.calibrated_path(
        base_year=base.base_year,
        end_year=HORIZON_YEAR,
        base_emissions_gtco2=base.base_emissions_gtco2,
        base_population=base.world_population,
        population_growth=base.world_population_growth,
        consumption_growth=goods_growth(levers.growth_pct, levers.sufficiency_pct),
        intensity_decline=levers.efficiency_pct / 100,
        rebound=levers.rebound_pct / 100,
    )


def run(levers: Levers, base: Baseline) -> dict[str, float | int | None]:
    """Every model's answer for one scenario, in one dictionary.

    Keys: ``goods_growth``; world ``emissions_base_gt``, ``emissions_end_gt``,
    ``emissions_change`` (fraction), ``cumulative_end_gt`` (since the start of base year + 1),
    ``budget_used_share`` (of ``base.budget_gtco2`` by the end year) and ``exhaustion_year``
    (None if the budget lasts past :data:`HORIZON_YEAR`); China ``parcels_base_bn``,
    ``parcels_end_bn``, ``parcels_change``, ``live_orders_ratio``, ``parcel_co2e_base_mt``,
    ``parcel_co2e_end_mt``, ``parcel_co2e_change``, ``new_packaging_end_mt``; streamers ``gini``,
    ``top1_share`` and ``top10_share``.
    """
    require_instance("levers", levers, Levers)
    require_instance("base", base, Baseline)
    if not base.base_year < levers.end_year <= HORIZON_YEAR:
        raise ValueError(
            tr("end_year must be after the base year {base_year} and at most {last}; got {value!r}").format(
                base_year=base.base_year, last=HORIZON_YEAR, value=levers.end_year
            )
        )
    years = levers.end_year - base.base_year
    path = world_path(levers, base).set_index("year")
    end = path.loc[levers.end_year]
    base_row = path.loc[base.base_year]

    ratio = live_orders_ratio(base, levers.scarcity_boost_pct)
    live_factor = 1 - base.live_share + base.live_share * ratio
    parcels_end_bn = (
        base.parcels_bn
        * (1 + base.china_population_growth) ** years
        * float(end["consumption_per_person"])  # an index, 1 in the base year
        * live_factor
    )
    cleaner = (1 - levers.efficiency_pct / 100) ** years
    china_population_end = base.china_population * (1 + base.china_population_growth) ** years
    try:
        footprint_end = parcels.parcel_footprint(
            parcels_end_bn * 1e9,
            packaging_g_per_parcel=levers.grams_per_parcel,
            packaging_t_co2e_per_t=base.packaging_t_co2e_per_t * cleaner,
            transport_kg_co2e_per_parcel=base.transport_kg_co2e_per_parcel * cleaner,
            population=china_population_end,
            extra_reuse_share=levers.reuse_pct / 100,
        )
    except ValueError as error:
        raise ValueError(
            tr(
                "by {year} this scenario leaves the parcel model's range ({parcels_bn:.3g} bn parcels for "
                "{people:.3g} people): {error}. Choose an earlier end_year or slower growth"
            ).format(
                year=levers.end_year,
                parcels_bn=parcels_end_bn,
                parcels_yi=10 * parcels_end_bn,  # in 亿 (10^8), for a Chinese translation
                people=china_population_end,
                error=error,
            )
        ) from None
    parcel_co2e_base_mt = _base_parcel_co2e_mt(base)
    sigma = levers.income_sigma
    cumulative = float(end["cumulative_gtco2"])
    return {
        "goods_growth": goods_growth(levers.growth_pct, levers.sufficiency_pct),
        "emissions_base_gt": float(base_row["emissions_gtco2"]),
        "emissions_end_gt": float(end["emissions_gtco2"]),
        "emissions_change": float(end["emissions_gtco2"] / base_row["emissions_gtco2"]) - 1,
        "cumulative_end_gt": cumulative,
        "budget_used_share": cumulative / base.budget_gtco2,
        "exhaustion_year": decoupling.budget_exhaustion_year(path.reset_index(), base.budget_gtco2),
        "parcels_base_bn": base.parcels_bn,
        "parcels_end_bn": parcels_end_bn,
        "parcels_change": parcels_end_bn / base.parcels_bn - 1,
        "live_orders_ratio": ratio,
        "parcel_co2e_base_mt": parcel_co2e_base_mt,
        "parcel_co2e_end_mt": footprint_end["total_co2e_t"] / 1e6,
        "parcel_co2e_change": footprint_end["total_co2e_t"] / 1e6 / parcel_co2e_base_mt - 1,
        "new_packaging_end_mt": footprint_end["new_packaging_t"] / 1e6,
        "gini": incomes.lognormal_gini(sigma),
        "top1_share": incomes.lognormal_top_share(0.01, sigma),
        "top10_share": incomes.lognormal_top_share(0.10, sigma),
    }


def delivery_budget_mt(base: Baseline) -> float:
    """China's parcel deliveries' share of the remaining 1.5 °C budget, in Mt CO2e.

    ASSUMPTION (an allocation rule, not a published figure): the parcels get the same share of the
    budget as their share of world CO2 in the base year (parcel CO2e ÷ world CO2), "equal cuts for
    every sector". Parcel CO2e counts a few non-CO2 gases that world CO2 leaves out, so the share
    is slightly generous to the parcels.
    """
    require_instance("base", base, Baseline)
    base_mt = _base_parcel_co2e_mt(base)
    return base_mt * base.budget_gtco2 / base.base_emissions_gtco2


def delivery_path(levers: Levers, base: Baseline) -> pd.DataFrame:
    """China's parcel CO2e year by year from the base year to ``levers.end_year``, and its running sum.

    Columns ``year``, ``parcels_bn``, ``parcel_co2e_mt`` (that year's emissions; the base year is
    the baseline's) and ``cumulative_mt`` (emitted from the start of base year + 1, so 0 in the base
    year, as the budget is counted). Each later year is :func:`run` with that year as the end year.
    """
    require_instance("levers", levers, Levers)
    require_instance("base", base, Baseline)
    rows = [(base.base_year, base.parcels_bn, _base_parcel_co2e_mt(base))]
    for year in range(base.base_year + 1, levers.end_year + 1):
        result = run(replace(levers, end_year=year), base)
        rows.append((year, result["parcels_end_bn"], result["parcel_co2e_end_mt"]))
    path = pd.DataFrame(rows, columns=["year", "parcels_bn", "parcel_co2e_mt"])
    path["cumulative_mt"] = path["parcel_co2e_mt"].where(path["year"] > base.base_year, 0.0).cumsum()
    return path


def delivery_verdict(levers: Levers, base: Baseline) -> dict[str, float | int | None]:
    """The one question of Chapter 8's explorer: do China's parcels stay within their budget share?

    Keys: ``budget_mt`` (:func:`delivery_budget_mt`), ``cumulative_end_mt`` (emitted from base year
    + 1 to the end year), ``budget_used_share``, ``used_up_year`` (first year the running sum
    reaches the share, None if it lasts past the end year), ``co2e_end_mt``, ``co2e_change``
    (end year against the base year, a fraction) and ``parcels_end_bn``.
    """
    path = delivery_path(levers, base)
    budget = delivery_budget_mt(base)
    over = path[path["cumulative_mt"] >= budget]
    end = path.iloc[-1]
    return {
        "budget_mt": budget,
        "cumulative_end_mt": float(end["cumulative_mt"]),
        "budget_used_share": float(end["cumulative_mt"]) / budget,
        "used_up_year": int(over["year"].iloc[0]) if len(over) else None,
        "co2e_end_mt": float(end["parcel_co2e_mt"]),
        "co2e_change": float(end["parcel_co2e_mt"]) / float(path["parcel_co2e_mt"].iloc[0]) - 1,
        "parcels_end_bn": float(end["parcels_bn"]),
    }


def _base_parcel_co2e_mt(base: Baseline) -> float:
    footprint = parcels.parcel_footprint(
        base.parcels_bn * 1e9,
        packaging_g_per_parcel=base.packaging_g_per_parcel,
        packaging_t_co2e_per_t=base.packaging_t_co2e_per_t,
        transport_kg_co2e_per_parcel=base.transport_kg_co2e_per_parcel,
        population=base.china_population,
    )
    return footprint["total_co2e_t"] / 1e6


def compare(scenarios: dict[str, Levers], base: Baseline) -> pd.DataFrame:
    """:func:`run` for several named scenarios, one row each (the scenario name in ``scenario``)."""
    if not isinstance(scenarios, dict) or not scenarios:
        raise ValueError(f"scenarios must map at least one name to its Levers; got {shown(scenarios)}")
    for name, levers in scenarios.items():
        require_instance(f"scenarios[{name!r}]", levers, Levers)
    rows = [{"scenario": name, **run(levers, base)} for name, levers in scenarios.items()]
    return pd.DataFrame(rows)
