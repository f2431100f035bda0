"""Property-based tests (Hypothesis) of every public model entry point in ``seckill.models``.

For each entry point, :data:`SPECS` gives a strategy for inputs the model accepts and, per
parameter, values it must refuse. Two tests run for each:

- **accepted inputs**: the result is finite everywhere (missing values only where the model
  documents them) and obeys the invariants stated in the spec (shares in [0, 1], parts adding up,
  monotonic paths). A model may still refuse an accepted-looking combination, but only with the
  kinds of message the spec lists (``refusals``), never with another error;
- **refused inputs**: one parameter replaced by NaN, an infinity, a huge int (10**400), a
  boolean, a string, ``None`` or a value out of range raises ``ValueError`` naming it.

:func:`test_every_public_model_entry_point_has_property_tests` walks the package, so a new public
function without a spec fails. Hypothesis runs derandomized (the ``seckill`` profile in
``tests/conftest.py``), so every run tries the same examples.
"""

from __future__ import annotations

import dataclasses
import importlib
import inspect
import math
import pkgutil
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import seckill.models
from seckill.models import (
    capacity,
    cart,
    checks,
    decoupling,
    flash_sale,
    growth,
    incomes,
    parcels,
    scenarios,
    streamer,
    value_chain,
)

HUGE = 10**400  # float(HUGE) raises OverflowError
# Refused by every numeric parameter: not finite, too large for a float, or not a number at all.
NOT_NUMBERS = [math.nan, math.inf, -math.inf, HUGE, -HUGE, True, False, "1", None, [1.0]]
# Refused by every parameter that takes one of the models' objects or tables.
NOT_OBJECTS = [None, "text", 1.0, True, [1, 2]]


def floats(low: float, high: float, **options) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False, **options)


def positive(high: float = 1.7e308) -> st.SearchStrategy[float]:
    return floats(0.0, high, exclude_min=True)


@dataclass
class Spec:
    """How to call one entry point with accepted inputs, what it promises, and what it refuses.

    ``accepted`` draws keyword arguments. ``refused`` maps a parameter to values it must refuse
    besides the generic ones (:data:`NOT_NUMBERS`, or :data:`NOT_OBJECTS` for the parameters in
    ``objects``); ``generic=False`` parameters get only their listed values. ``check`` asserts the
    invariants of a result; ``refusals`` is a regex of messages the model may give for a
    combination of accepted values (e.g. "never rises"). ``call`` defaults to the entry point.
    """

    accepted: st.SearchStrategy[dict]
    refused: dict[str, list] = field(default_factory=dict)
    objects: tuple[str, ...] = ()
    not_generic: tuple[str, ...] = ()
    check: Callable[[object, dict], None] = lambda result, kwargs: None
    refusals: str | None = None
    call: Callable[..., object] | None = None
    named: Callable[[str, dict], str] = lambda parameter, kwargs: parameter
    fuzz: tuple[str, ...] | None = None  # the parameters to refuse values for; None: every one


# --------------------------------------------------------------------------- finiteness


def assert_finite(value: object, *, missing_ok: tuple[str, ...] = (), where: str = "result") -> None:
    """Every number in ``value`` is finite; NaN only in DataFrame columns or keys named in ``missing_ok``."""
    if value is None or isinstance(value, str | bool):
        return
    if isinstance(value, int | float | np.integer | np.floating):
        assert math.isfinite(value), f"{where} is {value!r}"
    elif isinstance(value, pd.DataFrame):
        for column in value.columns:
            series = value[column]
            if pd.api.types.is_numeric_dtype(series) and not pd.api.types.is_bool_dtype(series):
                numbers = series.dropna() if column in missing_ok else series
                assert np.isfinite(numbers.to_numpy(dtype=float)).all(), f"{where}[{column!r}] is not finite"
    elif isinstance(value, np.ndarray):
        assert np.isfinite(value).all(), f"{where} is not finite"
    elif isinstance(value, Mapping):
        for key, item in value.items():
            if key in missing_ok and item is None:
                continue
            assert_finite(item, missing_ok=missing_ok, where=f"{where}[{key!r}]")
    elif dataclasses.is_dataclass(value):
        for item in dataclasses.fields(value):
            assert_finite(getattr(value, item.name), missing_ok=missing_ok, where=f"{where}.{item.name}")
    elif isinstance(value, list | tuple):
        for index, item in enumerate(value):
            assert_finite(item, missing_ok=missing_ok, where=f"{where}[{index}]")
    else:
        raise AssertionError(f"{where} has an unexpected type {type(value).__name__}")


def close(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-9 * max(1.0, abs(a), abs(b)))


# --------------------------------------------------------------------------- shared strategies

sales = st.builds(
    flash_sale.FlashSale,
    audience=st.integers(1, flash_sale.MAX_AUDIENCE),
    conversion_per_s=floats(0.0, 1.0),
    scarcity_boost=floats(0.0, flash_sale.MAX_SCARCITY_BOOST),
    stock_units=st.integers(1, flash_sale.MAX_STOCK_UNITS),
    session_s=positive(flash_sale.MAX_SESSION_S),
    price_rmb=positive(flash_sale.MAX_PRICE_RMB),
)
# Short sessions and small audiences, so that simulations stay quick.
small_sales = st.builds(
    flash_sale.FlashSale,
    audience=st.integers(1, 100_000),
    conversion_per_s=floats(0.0, 1.0),
    scarcity_boost=floats(0.0, 3.0),
    stock_units=st.integers(1, 200_000),
    session_s=floats(0.5, 120.0),
)
month_inputs = st.builds(
    streamer.MonthInputs,
    **{name: floats(low, high) for name, (low, high) in streamer.BOUNDS.items() if name != "sales_sigma"},
    sales_sigma=floats(incomes.MIN_SIGMA, incomes.MAX_SIGMA),
)
cohorts = st.builds(
    streamer.CohortInputs,
    n_streamers=st.integers(10, 200),
    months=st.integers(1, 24),
    median_income_rmb=floats(1.0, streamer.MAX_INCOME_RMB_MONTH),
    sigma_pull=floats(0.0, 4.0),
    sigma_month=floats(0.0, 4.0),
    quit_below_rmb=floats(0.0, streamer.MAX_INCOME_RMB_MONTH),
    patience_months=st.integers(1, 120),
    seed=st.integers(0, 2**63 - 1),
)
levers = st.builds(
    scenarios.Levers,
    **{name: floats(low, high) for name, (low, high) in scenarios.BOUNDS.items()},
    end_year=st.integers(2025, scenarios.HORIZON_YEAR),
)
baselines = st.builds(
    scenarios.Baseline,
    base_year=st.integers(2000, 2024),
    base_emissions_gtco2=floats(1.0, 100.0),
    world_population=floats(1e9, 2e10),
    world_population_growth=floats(-0.02, 0.03),
    budget_gtco2=floats(1e-3, 1e6),
    parcels_bn=floats(1.0, 1000.0),
    china_population=floats(1e8, 2e9),
    china_population_growth=floats(-0.02, 0.02),
    packaging_g_per_parcel=floats(1.0, 1000.0),
    packaging_t_co2e_per_t=floats(0.1, 10.0),
    transport_kg_co2e_per_parcel=floats(0.0, 5.0),
    live_share=floats(0.0, 1.0),
    audience=st.integers(1, flash_sale.MAX_AUDIENCE),
    conversion_per_s=floats(1e-6, 1.0),
    session_s=floats(1.0, flash_sale.MAX_SESSION_S),
    default_boost_pct=floats(*scenarios.BOUNDS["scarcity_boost_pct"]),
)
parcel_factors = {
    "packaging_g_per_parcel": positive(parcels.MAX_GRAMS_PER_PARCEL),
    "packaging_t_co2e_per_t": floats(0.0, parcels.MAX_FACTOR),
    "transport_kg_co2e_per_parcel": floats(0.0, parcels.MAX_FACTOR),
}
shares = floats(0.0, 1.0)
open_shares = floats(0.0, 1.0, exclude_min=True, exclude_max=True)  # rebalancing: shares of GDP
open_fractions = floats(incomes.MIN_OPEN_FRACTION, 1 - incomes.MIN_OPEN_FRACTION)  # incomes
sigmas = floats(incomes.MIN_SIGMA, incomes.MAX_SIGMA)
mus = floats(incomes.MIN_MU, incomes.MAX_MU)
incomes_rmb = positive(incomes.MAX_INCOME_RMB_MONTH)
years = st.integers(1900, 2300)
split_kwargs = st.fixed_dictionaries(
    {
        "price_rmb": positive(value_chain.MAX_RMB),
        "host_commission_pct": floats(0, 100),
        "slot_fee_rmb": floats(0, value_chain.MAX_RMB),
        "units_sold": st.integers(1, value_chain.MAX_UNITS_SOLD),
        "platform_fee_pct": floats(0, 100),
        "payment_fee_pct": floats(0, 100),
        "delivery_rmb_per_item": floats(0, value_chain.MAX_RMB),
        "packaging_rmb_per_item": floats(0, value_chain.MAX_RMB),
        "materials_rmb_per_item": floats(0, value_chain.MAX_RMB),
    }
)
# A split the maker keeps something of: fees well under the price.
cheap_split_kwargs = st.fixed_dictionaries(
    {
        "price_rmb": floats(10.0, 1000.0),
        "host_commission_pct": floats(0, 30),
        "slot_fee_rmb": floats(0, 1000),
        "units_sold": st.integers(1000, 10**6),
        "platform_fee_pct": floats(0, 10),
        "payment_fee_pct": floats(0, 5),
        "delivery_rmb_per_item": floats(0, 1),
        "packaging_rmb_per_item": floats(0, 1),
        "materials_rmb_per_item": floats(0, 1),
    }
)


def kw(**strategies) -> st.SearchStrategy[dict]:
    return st.fixed_dictionaries(strategies)


# --------------------------------------------------------------------------- invariants


def check_between(low: float, high: float) -> Callable[[object, dict], None]:
    def check(result, kwargs):
        assert low <= result <= high

    return check


def check_flash_outcome(result, kwargs):
    sale = kwargs["sale"]
    assert result.orders_filled <= sale.stock_units
    assert result.wanting_viewers <= sale.audience * (1 + 1e-12)
    assert 0 <= result.unserved_share <= 1
    if result.sell_out_s is not None:
        assert 0 <= result.sell_out_s <= sale.session_s * (1 + 1e-9)


def check_sessions(result, kwargs):
    assert len(result) == kwargs["n_sessions"]
    stock = kwargs["sale"].stock_units
    # A session has no sell-out time exactly when its orders did not reach the stock.
    assert (result["sell_out_s"].isna() == (result["orders_attempted"] < stock)).all()
    assert (result["orders_filled"] <= stock).all()
    assert (result["orders_filled"] + result["unserved"] == result["orders_attempted"]).all()


def check_simulation_summary(result, kwargs):
    assert 0 <= result["sold_out_share"] <= 1
    assert (result["mean_s"] is None) == (result["sold_out_share"] == 0)
    if result["mean_s"] is not None:
        assert result["p05_s"] <= result["p95_s"]


def check_projection(result, kwargs):
    assert len(result) == kwargs["end_year"] - kwargs["base_year"] + 1
    values = result[kwargs.get("value_name", "value")]
    assert (values >= 0).all()
    if kwargs["rate"] >= 0:
        assert values.is_monotonic_increasing


def check_kaya_path(result, kwargs):
    assert (result[["population", "consumption_per_person", "intensity", "emissions_t"]] >= 0).all().all()
    assert result["cumulative_gtco2"].is_monotonic_increasing
    product = result["population"] * result["consumption_per_person"] * result["intensity"]
    assert np.allclose(product, result["emissions_t"], rtol=1e-9)


def check_historical_rates(result, kwargs):
    rebuilt = (1 + result["population_growth"]) * (1 + result["gdp_per_person_growth"])
    rebuilt *= 1 - result["intensity_decline"]
    assert math.isclose(rebuilt, 1 + result["emissions_growth"], rel_tol=1e-6)


def check_lorenz(result, kwargs):
    p = np.atleast_1d(np.asarray(kwargs["p"], dtype=float))
    curve = np.atleast_1d(result)
    assert ((curve >= 0) & (curve <= 1)).all()
    assert (curve <= p + 1e-12).all()  # the poorest p never earn more than p of all income
    order = np.argsort(p)
    assert (np.diff(curve[order]) >= -1e-12).all()


def check_footprint(result, kwargs):
    assert close(result["total_co2e_t"], result["packaging_co2e_t"] + result["transport_co2e_t"])
    assert all(value >= 0 for value in result.values())
    assert result["waste_not_recycled_t"] <= result["new_packaging_t"]


def check_split(result, kwargs):
    assert list(result["part"]) == list(value_chain.PARTS)
    assert (result["rmb_per_item"] >= 0).all()
    assert math.isclose(result["rmb_per_item"].sum(), kwargs["price_rmb"], rel_tol=1e-9)


def check_plan(result, kwargs):
    assert result["made_by_deadline"] + result["unmade_by_deadline"] == kwargs["orders"]
    assert 0 <= result["made_by_deadline"] <= kwargs["orders"]
    assert result["overtime_hours_per_day"] >= 0


def check_production_path(result, kwargs):
    assert len(result) == kwargs["days"] + 1
    assert result["items_made"].is_monotonic_increasing
    assert (result["items_made"] <= kwargs["orders"]).all()


def check_cohort_summary(result, kwargs):
    assert list(result["month"]) == list(range(1, kwargs["months"] + 1))
    assert result["share_active"].between(0, 1).all()
    assert result["active"].is_monotonic_decreasing
    # Survivors' mean and median are missing exactly when nobody is left to average.
    empty = result["active"] == 0
    assert (result["survivors_mean_income_rmb"].isna() == empty).all()


def check_net_income(result, kwargs):
    assert 0 <= result["share_beating_benchmark"] <= 1
    assert result["expected_net_rmb_per_month"] >= result["median_net_rmb_per_month"]


def check_month_budget(result, kwargs):
    rows = result.set_index("step")["rmb"]
    assert close(rows["Net income"], rows.drop(["Sales (GMV)", "Net income"]).sum())


def check_run(result, kwargs):
    assert 0 <= result["gini"] <= 1
    assert 0 <= result["top1_share"] <= result["top10_share"] <= 1
    assert result["parcels_end_bn"] >= 0 and result["budget_used_share"] >= 0


# --------------------------------------------------------------------------- composite inputs


@st.composite
def lognormal_points(draw):
    n = draw(st.integers(2, 4))
    income = sorted(set(draw(st.lists(floats(100.0, 1e6), min_size=n, max_size=n, unique=True))))
    share = sorted(
        set(draw(st.lists(floats(0.01, 0.99), min_size=len(income), max_size=len(income), unique=True)))
    )
    if len(income) < 2 or len(share) != len(income):
        income, share = [1000.0, 5000.0], [0.3, 0.8]
    return list(zip(income, share, strict=True))


@st.composite
def lognormal_fits(draw):
    return dataclasses.asdict(incomes.calibrate_lognormal([(1000.0, 0.3), (draw(floats(2000.0, 1e5)), 0.8)]))


@st.composite
def reference_tables(draw):
    values = [draw(floats(1e-3, 1e6)) for _ in range(3)]
    estimates = pd.DataFrame({"estimate_id": list(parcels.REFERENCE_ESTIMATE_ID.values()), "value": values})
    table = pd.DataFrame(
        {
            "headline": [True, False],
            "year": [parcels.REFERENCE_YEAR] * 2,
            "parcels_bn": [draw(floats(1e-3, 1e6)), 1.0],
        }
    )
    return {"estimates": estimates, "parcels": table}


@st.composite
def sessions_tables(draw):
    sale = draw(small_sales)
    return {"sessions": flash_sale.simulate_sessions(sale, n_sessions=draw(st.integers(1, 30)), seed=1)}


@st.composite
def cohort_panels(draw):
    inputs = draw(cohorts)
    return {
        "panel": streamer.simulate_cohort(inputs),
        "n_streamers": inputs.n_streamers,
        "months": inputs.months,
    }


@st.composite
def kaya_paths(draw):
    path = decoupling.calibrated_path(
        base_year=2024,
        end_year=draw(st.integers(2024, 2100)),
        base_emissions_gtco2=draw(floats(1.0, 100.0)),
        base_population=8e9,
        population_growth=0.01,
        consumption_growth=draw(floats(-0.03, 0.06)),
        intensity_decline=draw(floats(0.0, 0.15)),
    )
    return {"path": path, "budget_gtco2": draw(positive(1e4))}


@st.composite
def project_kwargs(draw):
    base_year = draw(st.integers(1900, 2300))
    return {
        "base_value": draw(positive()),
        "base_year": base_year,
        "rate": draw(floats(growth.MIN_RATE, growth.MAX_RATE)),
        "end_year": draw(st.integers(base_year, min(base_year + 200, checks.MAX_YEAR))),
        "value_name": draw(st.sampled_from(["value", "gmv_rmb_bn"])),
    }


@st.composite
def path_kwargs(draw, calibrated: bool):
    base_year = draw(st.integers(1900, 2200))
    kwargs = {
        "base_year": base_year,
        "end_year": draw(st.integers(base_year, base_year + decoupling.MAX_YEARS)),
        "population_growth": draw(floats(-0.5, 0.5)),
        "consumption_growth": draw(floats(-0.5, 1.0)),
        "intensity_decline": draw(floats(-1.0, decoupling.MAX_INTENSITY_DECLINE)),
        "rebound": draw(shares),
    }
    if calibrated:
        kwargs["base_emissions_gtco2"] = draw(positive(decoupling.MAX_BASE_EMISSIONS_GTCO2))
        kwargs["base_population"] = draw(floats(1.0, decoupling.MAX_POPULATION))
    else:
        kwargs["population"] = draw(positive(decoupling.MAX_POPULATION))
        kwargs["consumption_per_person"] = draw(floats(0.0, decoupling.MAX_LEVEL))
        kwargs["intensity"] = draw(floats(0.0, decoupling.MAX_LEVEL))
    return kwargs


def _outcome_fields(sale):
    return dataclasses.asdict(flash_sale.outcome(sale))


def _with_result(kwargs):
    footprint = parcels.parcel_footprint(kwargs.pop("parcels"), population=kwargs.pop("population"), **kwargs)
    return {"result": footprint}


def _split_and_hours(draw_kwargs):
    return draw_kwargs


def _check_name(parameter, kwargs):
    return kwargs["name"] if parameter == "value" else parameter


# --------------------------------------------------------------------------- the specs

CHECK_VALUES = {
    "require_finite": floats(-1e308, 1e308),
    "require_positive": positive(),
    "require_non_negative": floats(0, 1e308),
    "require_percent": floats(0, 100),
    "require_share": shares,
}

SPECS: dict[str, Spec] = {
    # checks: the shared checks themselves
    **{
        f"checks.{name}": Spec(
            kw(name=st.just("rate_pct"), value=values),
            refused={"value": [-1e-300] if name != "require_finite" else []},
            not_generic=(),
            named=_check_name,
            fuzz=("value",),
            check=lambda result, kwargs: result == float(kwargs["value"]),
            call=getattr(checks, name),
        )
        for name, values in CHECK_VALUES.items()
    },
    "checks.require_between": Spec(
        kw(name=st.just("gdp_growth"), value=floats(-0.5, 0.5), low=st.just(-0.5), high=st.just(0.5)),
        refused={"value": [0.51, -0.51]},
        named=_check_name,
        fuzz=("value",),
        check=check_between(-0.5, 0.5),
    ),
    "checks.require_count": Spec(
        kw(name=st.just("makers"), value=st.integers(1, 10**6), maximum=st.just(10**6)),
        refused={"value": [0, 1.0, 10**6 + 1]},
        named=_check_name,
        fuzz=("value",),
    ),
    "checks.require_whole": Spec(
        kw(name=st.just("audience"), value=st.integers(1, 10**9), minimum=st.just(1), maximum=st.just(10**9)),
        refused={"value": [0, 1.5, 10**9 + 1]},
        named=_check_name,
        fuzz=("value",),
    ),
    "checks.require_year": Spec(
        kw(name=st.just("base_year"), value=st.integers(checks.MIN_YEAR, checks.MAX_YEAR)),
        refused={"value": [2024.0, checks.MIN_YEAR - 1, checks.MAX_YEAR + 1]},
        named=_check_name,
        fuzz=("value",),
    ),
    "checks.require_frame": Spec(
        kw(name=st.just("path"), value=st.just(pd.DataFrame({"year": [2024]})), columns=st.just(["year"])),
        refused={"value": [pd.DataFrame({"t": [1]}), {"year": [2024]}, None, "year"]},
        not_generic=("value",),
        named=_check_name,
        fuzz=("value",),
    ),
    "checks.require_instance": Spec(
        kw(name=st.just("sale"), value=sales, kind=st.just(flash_sale.FlashSale)),
        refused={"value": NOT_OBJECTS + [{"audience": 1}]},
        not_generic=("value",),
        named=_check_name,
        fuzz=("value",),
    ),
    "checks.shown": Spec(
        kw(value=st.one_of(st.integers(-(10**500), 10**500), st.floats(), st.text(max_size=500))),
        fuzz=(),
        check=lambda result, kwargs: isinstance(result, str) and len(result) <= 60,
    ),
    "checks.finite_result": Spec(
        kw(what=st.just("the doubling time"), value=floats(-1e308, 1e308), advice=st.just("lower it")),
        refused={"value": [math.inf, -math.inf, math.nan]},
        not_generic=("value",),
        named=lambda parameter, kwargs: "the doubling time",
        fuzz=("value",),
    ),
    # growth
    "growth.annual_growth_rate": Spec(
        kw(start_value=positive(), end_value=positive(), years=positive()),
        refused={"start_value": [0, -1.0], "end_value": [0, -1.0], "years": [0, -1.0]},
        refusals="beyond a float's range",
        check=lambda result, kwargs: (
            result > -1 and (result >= 0) == (kwargs["end_value"] >= kwargs["start_value"])
        ),
    ),
    "growth.doubling_time_years": Spec(
        kw(rate=floats(0, growth.MAX_RATE, exclude_min=True)),
        refused={"rate": [0.0, -0.5, growth.MAX_RATE + 1, -1.0]},
        refusals="too large to compute",
        check=lambda result, kwargs: (
            result > 0 and result >= growth.doubling_time_years(min(growth.MAX_RATE, 2 * kwargs["rate"]))
        ),
    ),
    "growth.rule_of_70_years": Spec(
        kw(rate=floats(0, growth.MAX_RATE, exclude_min=True)),
        refused={"rate": [0.0, -0.5, growth.MAX_RATE + 1]},
        refusals="too large to compute",
        check=lambda result, kwargs: result > 0,
    ),
    "growth.year_on_year_growth": Spec(
        kw(values=st.lists(st.one_of(st.none(), st.just(math.nan), positive()), max_size=8)),
        refused={"values": ["12", 5.0, None, [1.0, -1.0], [1.0, True], [1.0, math.inf], [1.0, HUGE]]},
        not_generic=("values",),
        named=lambda parameter, kwargs: "values",
        refusals="too large to compute",
        check=lambda result, kwargs: (
            len(result) == len(kwargs["values"])
            and all(r is None or r >= -1 for r in result)  # -1: a huge fall, rounded
        ),
    ),
    "growth.project": Spec(
        project_kwargs(),
        refused={
            "base_value": [0, -1.0],
            "rate": [-1.0, growth.MAX_RATE + 1],
            "base_year": [2000.0, 1800],
            "end_year": [2000.0, 3000],
            "value_name": ["year", 3, None],
        },
        not_generic=("value_name",),
        refusals="too large to compute",
        check=check_projection,
    ),
    "growth.years_to_reach": Spec(
        kw(current_value=positive(), target_value=positive(), rate=floats(growth.MIN_RATE, growth.MAX_RATE)),
        refused={"current_value": [0, -1.0], "target_value": [0, -2.0], "rate": [-1.0, 25.0]},
        refusals="never rises|too large to compute",
        check=lambda result, kwargs: result >= 0,
    ),
    # flash_sale
    "flash_sale.FlashSale": Spec(
        kw(
            audience=st.one_of(st.integers(1, flash_sale.MAX_AUDIENCE), st.just(2e6)),
            conversion_per_s=shares,
            scarcity_boost=floats(0, flash_sale.MAX_SCARCITY_BOOST),
            stock_units=st.integers(1, flash_sale.MAX_STOCK_UNITS),
            session_s=positive(flash_sale.MAX_SESSION_S),
            price_rmb=positive(flash_sale.MAX_PRICE_RMB),
        ),
        refused={
            "audience": [0, 1.5, flash_sale.MAX_AUDIENCE + 1],
            "conversion_per_s": [-0.1, 1.5],
            "scarcity_boost": [-0.1, 11.0],
            "stock_units": [0, 2.5, flash_sale.MAX_STOCK_UNITS + 1],
            "session_s": [0, -1.0, 1e6],
            "price_rmb": [0, -1.0, 1e300],
        },
        check=lambda result, kwargs: math.isfinite(result.rate_per_s),
    ),
    "flash_sale.FlashSaleOutcome": Spec(
        sales.map(_outcome_fields),
        refused={
            "peak_orders_per_s": [-1.0],
            "wanting_viewers": [-1.0],
            "orders_filled": [-1.0],
            "unserved_viewers": [-1.0],
            "unserved_share": [1.5, -0.1],
            "revenue_rmb": [-1.0],
            "sells_out": [1, "yes", None],
            "sell_out_s": [math.nan, math.inf, HUGE, "1"],
        },
        not_generic=("sells_out", "sell_out_s"),
    ),
    "flash_sale.expected_orders": Spec(
        kw(sale=sales, time_s=floats(0, 1e12)),
        refused={"time_s": [-1.0]},
        objects=("sale",),
        check=lambda result, kwargs: (
            0 <= result <= kwargs["sale"].audience
            and result <= flash_sale.expected_orders(kwargs["sale"], 2 * kwargs["time_s"])
        ),
    ),
    "flash_sale.order_rate_per_s": Spec(
        kw(sale=sales, time_s=floats(0, 1e12)),
        refused={"time_s": [-1.0]},
        objects=("sale",),
        check=lambda result, kwargs: 0 <= result <= kwargs["sale"].audience * kwargs["sale"].rate_per_s,
    ),
    "flash_sale.sell_out_time_s": Spec(
        kw(sale=sales),
        objects=("sale",),
        check=lambda result, kwargs: result is None or 0 <= result <= kwargs["sale"].session_s * (1 + 1e-9),
    ),
    "flash_sale.stock_selling_out_in": Spec(
        kw(sale=sales, target_s=st.just(None)).map(
            lambda k: {"sale": k["sale"], "target_s": k["sale"].session_s / 2 or k["sale"].session_s}
        ),
        refused={"target_s": [0, -1.0, 1e9]},
        objects=("sale",),
        check=lambda result, kwargs: 0 <= result <= kwargs["sale"].audience,
    ),
    "flash_sale.outcome": Spec(kw(sale=sales), objects=("sale",), check=check_flash_outcome),
    "flash_sale.order_curve": Spec(
        kw(sale=sales, points=st.integers(2, 300)),
        refused={"points": [1, 2.5, 10**6]},
        objects=("sale",),
        check=lambda result, kwargs: (
            (result["orders_per_s"] >= 0).all()
            and result["time_s"].between(0, kwargs["sale"].session_s).all()
        ),
    ),
    "flash_sale.simulate_sessions": Spec(
        kw(sale=small_sales, n_sessions=st.integers(1, 30), seed=st.integers(0, 2**63 - 1)),
        refused={"n_sessions": [0, 2.5, flash_sale.MAX_SIMULATED_SESSIONS + 1], "seed": [-1, 2**63, 1.5]},
        objects=("sale",),
        check=check_sessions,
    ),
    "flash_sale.summarise_simulation": Spec(
        sessions_tables(),
        refused={"sessions": [pd.DataFrame({"t": [1.0]}), pd.DataFrame({"sell_out_s": []})]},
        objects=("sessions",),
        check=check_simulation_summary,
    ),
    # decoupling
    "decoupling.kaya_emissions": Spec(
        kw(
            population=positive(decoupling.MAX_POPULATION),
            consumption_per_person=floats(0, decoupling.MAX_LEVEL),
            intensity=floats(0, decoupling.MAX_LEVEL),
        ),
        refused={
            "population": [0, -1.0, 1e12],
            "consumption_per_person": [-1.0, 1e13],
            "intensity": [-1.0, 1e13],
        },
        check=lambda result, kwargs: result >= 0,
    ),
    "decoupling.rebound_consumption_factor": Spec(
        kw(intensity_decline=floats(-1.0, decoupling.MAX_INTENSITY_DECLINE), rebound=shares),
        refused={"intensity_decline": [0.51, 1.0, -1.1], "rebound": [-0.1, 1.1]},
        check=lambda result, kwargs: (
            result > 0
            and close(
                (1 - kwargs["intensity_decline"]) * result,
                1 - kwargs["intensity_decline"] * (1 - kwargs["rebound"]),
            )
        ),
    ),
    "decoupling.emissions_growth_factor": Spec(
        kw(
            population_growth=floats(-0.5, 0.5),
            consumption_growth=floats(-0.5, 1.0),
            intensity_decline=floats(-1.0, decoupling.MAX_INTENSITY_DECLINE),
            rebound=shares,
        ),
        refused={
            "population_growth": [0.6, -0.6],
            "consumption_growth": [1.5, -0.6],
            "intensity_decline": [0.6, -1.5],
            "rebound": [1.5, -0.5],
        },
        check=lambda result, kwargs: result > 0,
    ),
    "decoupling.required_intensity_decline": Spec(
        kw(population_growth=floats(-0.5, 0.5), consumption_growth=floats(-0.5, 1.0), rebound=shares),
        refused={"population_growth": [0.6], "consumption_growth": [1.5], "rebound": [1.5]},
        refusals="rebound of 100 %|no intensity decline below 100 %",
        check=lambda result, kwargs: (
            0 <= result < 1
            and (
                result == 0
                or decoupling.emissions_growth_factor(
                    kwargs["population_growth"],
                    kwargs["consumption_growth"],
                    min(result, 0.5),
                    kwargs["rebound"],
                )
                <= 1 + 1e-9
                or result > 0.5
            )
        ),
    ),
    "decoupling.kaya_path": Spec(
        path_kwargs(calibrated=False),
        refused={
            "base_year": [2024.0, 1800],
            "end_year": [2024.5, 3000],
            "population": [0, 1e12],
            "consumption_per_person": [-1.0],
            "intensity": [-1.0],
            "population_growth": [0.6],
            "consumption_growth": [1.5],
            "intensity_decline": [0.6],
            "rebound": [1.5],
        },
        check=check_kaya_path,
    ),
    "decoupling.calibrated_path": Spec(
        path_kwargs(calibrated=True),
        refused={
            "base_year": [2024.0],
            "end_year": [3000],
            "base_emissions_gtco2": [0, 1e4],
            "base_population": [0.5, 1e12],
            "population_growth": [0.6],
            "consumption_growth": [1.5],
            "intensity_decline": [0.6],
            "rebound": [1.5],
        },
        check=check_kaya_path,
    ),
    "decoupling.budget_exhaustion_year": Spec(
        kaya_paths(),
        refused={"path": [pd.DataFrame({"year": [2024]})], "budget_gtco2": [0, -1.0]},
        objects=("path",),
        check=lambda result, kwargs: result is None or result in set(kwargs["path"]["year"]),
    ),
    "decoupling.historical_rates": Spec(
        kw(
            start_population=positive(),
            end_population=positive(),
            start_gdp=positive(),
            end_gdp=positive(),
            start_emissions=positive(),
            end_emissions=positive(),
            years=floats(0.5, 200),
        ),
        refused={name: [0, -1.0] for name in ("start_population", "end_gdp", "end_emissions", "years")},
        refusals="beyond a float's range",
        check=check_historical_rates,
    ),
    "decoupling.decoupling_status": Spec(
        kw(gdp_growth=floats(-1e308, 1e308), emissions_growth=floats(-1e308, 1e308)),
        check=lambda result, kwargs: result in {"absolute", "relative", "none", "no growth"},
    ),
    "decoupling.years_of_budget_at_current_rate": Spec(
        kw(budget_gtco2=positive(), emissions_gtco2_per_year=positive()),
        refused={"budget_gtco2": [0, -1.0], "emissions_gtco2_per_year": [0, -1.0]},
        refusals="too large to compute",
        check=lambda result, kwargs: result >= 0,  # a tiny budget over huge emissions rounds to 0
    ),
    # incomes
    "incomes.check_sigma": Spec(
        kw(sigma=sigmas),
        refused={"sigma": [0.0, 4.5]},
        fuzz=("sigma",),
        check=check_between(incomes.MIN_SIGMA, incomes.MAX_SIGMA),
    ),
    "incomes.check_mu": Spec(
        kw(mu=mus),
        refused={"mu": [-1.0, 1000.0]},
        fuzz=("mu",),
        check=check_between(incomes.MIN_MU, incomes.MAX_MU),
    ),
    "incomes.LognormalFit": Spec(
        lognormal_fits(),
        refused={
            "mu": [1000.0],
            "sigma": [9.0],
            "max_error_pp": [-1.0],
            "points": [(), "ab"],
            "fitted_below": [()],
        },
        not_generic=("points", "fitted_below"),
    ),
    "incomes.lognormal_share_below": Spec(
        kw(income_rmb_month=incomes_rmb, mu=mus, sigma=sigmas),
        refused={"income_rmb_month": [0, -1.0, 1e300], "mu": [1e3], "sigma": [0.0]},
        check=check_between(0, 1),
    ),
    "incomes.lognormal_band_share": Spec(
        kw(
            lower_rmb_month=st.one_of(st.none(), floats(1.0, 1e4)),
            upper_rmb_month=st.one_of(st.none(), floats(1e4, 1e6)),
            mu=mus,
            sigma=sigmas,
        ),
        refused={"lower_rmb_month": [0, -1.0], "upper_rmb_month": [0, -1.0], "mu": [1e3], "sigma": [0.0]},
        not_generic=("lower_rmb_month", "upper_rmb_month"),
        check=check_between(0, 1),
    ),
    "incomes.calibrate_lognormal": Spec(
        kw(points=lognormal_points()),
        refused={
            "points": [
                5,
                "ab",
                [(1.0, 0.5)],
                [(1000.0, 0.5), (2000.0, math.nan)],
                [(1000.0, 0.5, 1)],
                [(HUGE, 0.5), (1.0, 0.2)],
            ]
        },
        not_generic=("points",),
        named=lambda parameter, kwargs: "points",
        refusals="no lognormal the book can use",
        check=lambda result, kwargs: result.max_error_pp >= 0,
    ),
    "incomes.lognormal_lorenz": Spec(
        kw(p=st.one_of(shares, st.lists(shares, min_size=1, max_size=20)), sigma=sigmas),
        refused={"p": [1.5, -0.1, [0.5, math.nan], [0.5, True], "0.5", [0.2, HUGE], None], "sigma": [0.0]},
        not_generic=("p",),
        check=check_lorenz,
    ),
    "incomes.lognormal_gini": Spec(
        kw(sigma=sigmas),
        refused={"sigma": [0.0, 5.0]},
        check=lambda result, kwargs: (
            0 <= result <= 1
            and result <= incomes.lognormal_gini(min(incomes.MAX_SIGMA, kwargs["sigma"] + 0.1))
        ),
    ),
    "incomes.lognormal_top_share": Spec(
        kw(top_fraction=open_fractions, sigma=sigmas),
        refused={"top_fraction": [0.0, 1.0], "sigma": [0.0]},
        check=lambda result, kwargs: kwargs["top_fraction"] - 1e-12 <= result <= 1,
    ),
    "incomes.mean_to_median_ratio": Spec(
        kw(sigma=sigmas), refused={"sigma": [0.0]}, check=lambda result, kwargs: result >= 1
    ),
    "incomes.sigma_for_top_share": Spec(
        kw(top_fraction=open_fractions, share=open_fractions),
        refused={"top_fraction": [0.0, 1.0], "share": [0.0, 1.0]},
        refusals="must exceed top_fraction|implies sigma",
        check=check_between(incomes.MIN_SIGMA, incomes.MAX_SIGMA),
    ),
    "incomes.concentration_summary": Spec(
        kw(mu=mus, sigma=sigmas),
        refused={"mu": [1e3, -5.0], "sigma": [0.0]},
        check=lambda result, kwargs: (
            result["mean_rmb_month"] >= result["median_rmb_month"]
            and 0 <= result["top1_share"] <= result["top10_share"] <= 1
        ),
    ),
    # parcels and cart
    "parcels.parcel_footprint": Spec(
        kw(
            parcels=floats(0, parcels.MAX_PARCELS),
            population=floats(1, parcels.MAX_POPULATION),
            extra_reuse_share=shares,
            recycling_share=shares,
            distance_factor=positive(parcels.MAX_FACTOR),
            **parcel_factors,
        ),
        refused={
            "parcels": [-1.0, 1e16],
            "population": [0, 0.5, 1e12],
            "extra_reuse_share": [1.5, -0.1],
            "recycling_share": [30.0],
            "distance_factor": [0, 1e5],
            "packaging_g_per_parcel": [0, 1e7],
            "packaging_t_co2e_per_t": [-1.0, 1e5],
            "transport_kg_co2e_per_parcel": [-1.0, 1e5],
        },
        check=check_footprint,
    ),
    "parcels.reference_factors": Spec(
        reference_tables(),
        refused={
            "estimates": [pd.DataFrame({"estimate_id": ["su2020-waste"], "value": [1.0]})],
            "parcels": [
                pd.DataFrame({"headline": [True], "year": [parcels.REFERENCE_YEAR], "parcels_bn": [math.nan]})
            ],
        },
        objects=("estimates", "parcels"),
        named=lambda parameter, kwargs: {"estimates": "estimate", "parcels": "parcels"}[parameter],
        check=lambda result, kwargs: all(value > 0 for value in result.values()),
    ),
    "parcels.footprint_components": Spec(
        kw(
            parcels=floats(0, parcels.MAX_PARCELS),
            population=floats(1, parcels.MAX_POPULATION),
            **parcel_factors,
        ).map(_with_result),
        refused={
            "result": [{"packaging_co2e_t": 1.0}, {"packaging_co2e_t": math.nan, "transport_co2e_t": 1.0}]
        },
        objects=("result",),
        check=lambda result, kwargs: (result["co2e_mt"] >= 0).all(),
    ),
    "cart.cart_footprint": Spec(
        kw(
            orders_per_year=floats(0, cart.MAX_ORDERS_PER_YEAR),
            returned_share=shares,
            extra_reuse_share=shares,
            **parcel_factors,
        ),
        refused={
            "orders_per_year": [-1.0, 1e6],
            "returned_share": [1.5],
            "extra_reuse_share": [-0.5],
            "packaging_g_per_parcel": [0],
            "packaging_t_co2e_per_t": [-1.0],
            "transport_kg_co2e_per_parcel": [-1.0],
        },
        check=lambda result, kwargs: (
            close(result["total_co2e_kg"], result["packaging_co2e_kg"] + result["transport_co2e_kg"])
            and result["parcels"] >= kwargs["orders_per_year"]
        ),
    ),
    # rebalancing
    "rebalancing.years_to_target_share": Spec(
        kw(
            current_share=open_shares,
            target_share=open_shares,
            gdp_growth=floats(-0.5, 0.5),
            consumption_growth=floats(-0.5, 0.5),
        ),
        refused={
            "current_share": [0.0, 1.0, 39.0],
            "target_share": [0.0, 1.0],
            "gdp_growth": [0.6],
            "consumption_growth": [-0.6],
        },
        refusals="is below current_share|never rises",
        check=lambda result, kwargs: result >= 0,
    ),
    "rebalancing.required_consumption_growth": Spec(
        kw(
            current_share=open_shares,
            target_share=open_shares,
            gdp_growth=floats(-0.5, 0.5),
            years=floats(0, 200, exclude_min=True),
        ),
        refused={
            "current_share": [0.0],
            "target_share": [1.0],
            "gdp_growth": [0.6],
            "years": [0, -1.0, 201.0],
        },
        refusals="is below current_share|too short",
        check=lambda result, kwargs: result >= kwargs["gdp_growth"] - 1e-12,
    ),
    "rebalancing.volume_multiple": Spec(
        kw(growth=floats(-0.5, 0.5), years=floats(0, 200)),
        refused={"growth": [0.6, -0.6], "years": [-1.0, 201.0]},
        check=lambda result, kwargs: result >= 0 and (result >= 1 if kwargs["growth"] >= 0 else result <= 1),
    ),
    "rebalancing.Rebalancing": Spec(
        kw(
            years=floats(0, 1e6),
            consumption_volume_multiple=positive(),
            gdp_volume_multiple=positive(),
            rest_of_gdp_volume_multiple=positive(),
            rest_of_gdp_growth=floats(-1, 1e3),
        ),
        refused={"years": [-1.0], "gdp_volume_multiple": [-1e-9], "consumption_volume_multiple": [-1.0]},
    ),
    "rebalancing.rebalance": Spec(
        kw(
            current_share=open_shares,
            target_share=open_shares,
            gdp_growth=floats(-0.5, 0.5),
            consumption_growth=floats(-0.5, 0.5),
        ),
        refused={
            "current_share": [0.0],
            "target_share": [1.0],
            "gdp_growth": [0.6],
            "consumption_growth": [-0.6],
        },
        refusals="is below current_share|never rises|too large to compute",
        check=lambda result, kwargs: result.years >= 0 and result.consumption_volume_multiple >= 0,
    ),
    "rebalancing.rebalancing_path": Spec(
        kw(
            current_share=open_shares,
            gdp_growth=floats(-0.5, 0.5),
            consumption_growth=floats(-0.5, 0.5),
            base_year=st.integers(1900, 2100),
            horizon_years=st.integers(0, 200),
        ),
        refused={"current_share": [1.0], "base_year": [2024.0], "horizon_years": [-1, 201, 40.0]},
        check=lambda result, kwargs: (
            result["share_pct"].between(0, 100).all() and len(result) <= kwargs["horizon_years"] + 1
        ),
    ),
    # scenarios
    "scenarios.Levers": Spec(
        kw(**{name: floats(low, high) for name, (low, high) in scenarios.BOUNDS.items()}, end_year=years),
        refused={
            **{name: [high + 1, low - 1] for name, (low, high) in scenarios.BOUNDS.items()},
            "end_year": [2035.0, 1800],
        },
    ),
    "scenarios.Baseline": Spec(
        baselines.map(dataclasses.asdict),
        refused={
            "base_year": [2024.0, 2100],
            "base_emissions_gtco2": [0, 1e4],
            "world_population": [0, 1e12],
            "world_population_growth": [0.6],
            "budget_gtco2": [0, 1e-9],
            "parcels_bn": [0, 1e9],
            "china_population": [0.5],
            "china_population_growth": [-0.6],
            "packaging_g_per_parcel": [0],
            "packaging_t_co2e_per_t": [-1.0],
            "transport_kg_co2e_per_parcel": [-1.0],
            "live_share": [1.5],
            "audience": [0, 1.5],
            "conversion_per_s": [0, 1.5, -0.1],
            "session_s": [0, 1e9],
            "default_boost_pct": [-1.0, 301.0],
        },
    ),
    "scenarios.goods_growth": Spec(
        kw(
            growth_pct=floats(*scenarios.BOUNDS["growth_pct"]),
            sufficiency_pct=floats(*scenarios.BOUNDS["sufficiency_pct"]),
        ),
        refused={"growth_pct": [7.0], "sufficiency_pct": [-1.0]},
        check=lambda result, kwargs: result > -1,
    ),
    "scenarios.live_orders_ratio": Spec(
        kw(base=baselines, scarcity_boost_pct=floats(*scenarios.BOUNDS["scarcity_boost_pct"])),
        refused={"scarcity_boost_pct": [-1.0, 400.0]},
        objects=("base",),
        check=lambda result, kwargs: result > 0,
    ),
    "scenarios.world_path": Spec(
        kw(levers=levers, base=baselines),
        objects=("levers", "base"),
        check=check_kaya_path,
    ),
    "scenarios.run": Spec(
        kw(levers=levers, base=baselines),
        objects=("levers", "base"),
        refusals="end_year must be after the base year|leaves the parcel model's range",
        check=check_run,
    ),
    "scenarios.delivery_budget_mt": Spec(
        kw(base=baselines),
        objects=("base",),
        check=lambda result, kwargs: result > 0,
    ),
    "scenarios.delivery_path": Spec(
        kw(levers=levers, base=baselines),
        objects=("levers", "base"),
        refusals="leaves the parcel model's range",
        check=lambda result, kwargs: (
            result["year"].iloc[-1] == kwargs["levers"].end_year
            and result["cumulative_mt"].is_monotonic_increasing
            and (result["parcel_co2e_mt"] >= 0).all()
        ),
    ),
    "scenarios.delivery_verdict": Spec(
        kw(levers=levers, base=baselines),
        objects=("levers", "base"),
        refusals="leaves the parcel model's range",
        check=lambda result, kwargs: (
            result["budget_mt"] > 0
            and result["budget_used_share"] >= 0
            and (result["used_up_year"] is None) == (result["budget_used_share"] < 1)
        ),
    ),
    "scenarios.compare": Spec(
        kw(
            scenarios=st.dictionaries(
                st.text(min_size=1, max_size=5),
                levers.filter(lambda lv: lv.end_year > 2024),
                min_size=1,
                max_size=3,
            ),
            base=baselines,
        ),
        refused={"scenarios": [{}, [1], {"a": 1}]},
        objects=("scenarios", "base"),
        refusals="leaves the parcel model's range",
        check=lambda result, kwargs: len(result) == len(kwargs["scenarios"]),
    ),
    # streamer
    "streamer.MonthInputs": Spec(
        kw(**{name: floats(low, high) for name, (low, high) in streamer.BOUNDS.items()}),
        refused={name: [low - 1, high + 1] for name, (low, high) in streamer.BOUNDS.items()},
    ),
    "streamer.keep_rate": Spec(
        kw(inputs=month_inputs), objects=("inputs",), check=lambda result, kwargs: 0 < result <= 1
    ),
    "streamer.costs_rmb_per_month": Spec(
        kw(inputs=month_inputs), objects=("inputs",), check=lambda result, kwargs: result >= 0
    ),
    "streamer.month_budget": Spec(kw(inputs=month_inputs), objects=("inputs",), check=check_month_budget),
    "streamer.net_income": Spec(
        kw(inputs=month_inputs, benchmark_rmb_per_hour=floats(0, streamer.MAX_BENCHMARK_RMB_PER_HOUR)),
        refused={"benchmark_rmb_per_hour": [-1.0, 1e300]},
        objects=("inputs",),
        check=check_net_income,
    ),
    "streamer.hourly_wage": Spec(
        kw(annual_rmb=floats(0, streamer.MAX_ANNUAL_RMB), weekly_hours=floats(1, 100)),
        refused={"annual_rmb": [-1.0, 1e300], "weekly_hours": [0.5, 101.0]},
        check=lambda result, kwargs: result >= 0,
    ),
    "streamer.CohortInputs": Spec(
        kw(
            n_streamers=st.integers(10, 100_000),
            months=st.integers(1, 120),
            median_income_rmb=positive(streamer.MAX_INCOME_RMB_MONTH),
            sigma_pull=floats(0, 4),
            sigma_month=floats(0, 4),
            quit_below_rmb=floats(0, streamer.MAX_INCOME_RMB_MONTH),
            patience_months=st.integers(1, 120),
            seed=st.integers(0, 2**63 - 1),
        ),
        refused={
            "n_streamers": [9, 100.0, 10**6],
            "months": [0, 121, 12.0],
            "median_income_rmb": [0, -1.0, 1e300],
            "sigma_pull": [-0.1, 4.5],
            "sigma_month": [5.0],
            "quit_below_rmb": [-1.0, 1e300],
            "patience_months": [0, 3.0],
            "seed": [-1, 1.5],
        },
    ),
    "streamer.simulate_cohort": Spec(
        kw(inputs=cohorts),
        objects=("inputs",),
        check=lambda result, kwargs: (result["income_rmb"] > 0).all(),
    ),
    "streamer.cohort_summary": Spec(
        cohort_panels(),
        refused={"panel": [pd.DataFrame({"month": [1]})], "n_streamers": [0, 5.0], "months": [0, 2.0]},
        objects=("panel",),
        check=check_cohort_summary,
    ),
    # value chain and capacity
    "value_chain.slot_fee_per_item_rmb": Spec(
        kw(
            slot_fee_rmb=floats(0, value_chain.MAX_RMB), units_sold=st.integers(1, value_chain.MAX_UNITS_SOLD)
        ),
        refused={"slot_fee_rmb": [-1.0, 1e300], "units_sold": [0, 2.0, 10**10]},
        check=lambda result, kwargs: 0 <= result <= kwargs["slot_fee_rmb"],
    ),
    "value_chain.split_price": Spec(
        split_kwargs,
        refused={
            "price_rmb": [0, -1.0, 1e300],
            "host_commission_pct": [101.0, -1.0],
            "slot_fee_rmb": [-1.0],
            "units_sold": [0, 2.0],
            "platform_fee_pct": [101.0],
            "payment_fee_pct": [-1.0],
            "delivery_rmb_per_item": [-1.0, 1e300],
            "packaging_rmb_per_item": [-1.0],
            "materials_rmb_per_item": [-1.0],
        },
        refusals="exceed price_rmb",
        check=check_split,
    ),
    "value_chain.maker_earnings": Spec(
        st.fixed_dictionaries(
            {
                "split": cheap_split_kwargs.map(lambda k: value_chain.split_price(**k)),
                "hours_per_item": floats(1e-3, 1e4),
            }
        ),
        refused={"split": [pd.DataFrame({"part": ["Maker's labour"]})], "hours_per_item": [0, 1e-9, 1e5]},
        objects=("split",),
        check=lambda result, kwargs: result["rmb_per_item"] >= 0 and result["rmb_per_hour"] >= 0,
    ),
    "value_chain.compare_channels": Spec(
        cheap_split_kwargs.map(
            lambda k: {
                "price_rmb": k.pop("price_rmb"),
                "channels": {
                    "live": {"host_commission_pct": k.pop("host_commission_pct")},
                    "shop": {"host_commission_pct": 0.0},
                },
                **k,
            }
        ),
        refused={"price_rmb": [0, 1e300], "channels": [{}, [1], {"live": 5}]},
        objects=("channels",),
        check=lambda result, kwargs: set(result["channel"]) == {"live", "shop"},
    ),
    "capacity.check_hours_per_item": Spec(
        kw(hours_per_item=floats(capacity.MIN_HOURS_PER_ITEM, capacity.MAX_HOURS_PER_ITEM)),
        refused={"hours_per_item": [0, 1e-9, 1e5]},
        check=check_between(capacity.MIN_HOURS_PER_ITEM, capacity.MAX_HOURS_PER_ITEM),
    ),
    "capacity.items_per_day": Spec(
        kw(
            makers=st.integers(1, capacity.MAX_MAKERS),
            hours_per_item=floats(capacity.MIN_HOURS_PER_ITEM, capacity.MAX_HOURS_PER_ITEM),
            hours_per_day=floats(capacity.MIN_HOURS_PER_DAY, capacity.HOURS_IN_DAY),
        ),
        refused={"makers": [0, 2.0, 10**10], "hours_per_item": [0, 1e5], "hours_per_day": [0, 25.0]},
        check=lambda result, kwargs: result > 0,
    ),
    "capacity.fulfilment_plan": Spec(
        kw(
            orders=st.integers(0, capacity.MAX_ORDERS),
            makers=st.integers(1, capacity.MAX_MAKERS),
            hours_per_item=floats(capacity.MIN_HOURS_PER_ITEM, capacity.MAX_HOURS_PER_ITEM),
            hours_per_day=floats(capacity.MIN_HOURS_PER_DAY, capacity.HOURS_IN_DAY),
            deadline_days=floats(capacity.MIN_DEADLINE_DAYS, capacity.MAX_DAYS),
        ),
        refused={
            "orders": [-1, 2.0, 10**13],
            "makers": [0],
            "hours_per_item": [0],
            "hours_per_day": [0, 30.0],
            "deadline_days": [0, 1e-9, 1e5],
        },
        check=check_plan,
    ),
    "capacity.production_path": Spec(
        kw(
            orders=st.integers(0, capacity.MAX_ORDERS),
            makers=st.integers(1, capacity.MAX_MAKERS),
            hours_per_item=floats(capacity.MIN_HOURS_PER_ITEM, capacity.MAX_HOURS_PER_ITEM),
            hours_per_day=floats(capacity.MIN_HOURS_PER_DAY, capacity.HOURS_IN_DAY),
            days=st.integers(1, 60),
        ),
        refused={"orders": [-1, 10**13], "days": [0, 3651, 5.0]},
        check=check_production_path,
    ),
}


# --------------------------------------------------------------------------- the tests


def public_entry_points() -> set[str]:
    """Every public function and class defined in a ``seckill.models`` module, as "module.name"."""
    found = set()
    for info in pkgutil.iter_modules(seckill.models.__path__):
        module = importlib.import_module(f"seckill.models.{info.name}")
        for name, value in vars(module).items():
            if name.startswith("_") or not (inspect.isfunction(value) or inspect.isclass(value)):
                continue
            if value.__module__ == module.__name__:
                found.add(f"{info.name}.{name}")
    return found


def entry_point(key: str) -> Callable[..., object]:
    spec = SPECS[key]
    if spec.call is not None:
        return spec.call
    module, name = key.split(".")
    return getattr(importlib.import_module(f"seckill.models.{module}"), name)


def test_every_public_model_entry_point_has_property_tests():
    found = public_entry_points()
    assert not found - set(SPECS), (
        f"public model entry points without a property test: {sorted(found - set(SPECS))}"
    )
    assert not set(SPECS) - found, (
        f"property tests for entry points that do not exist: {sorted(set(SPECS) - found)}"
    )


def refused_cases(key: str) -> list[tuple[str, object]]:
    spec = SPECS[key]
    if spec.fuzz is None:
        signature = inspect.signature(entry_point(key))
        parameters = [p.name for p in signature.parameters.values() if p.kind is not p.VAR_KEYWORD]
    else:
        parameters = list(spec.fuzz)
    cases = []
    for parameter in parameters:
        generic = []
        if parameter in spec.objects:
            generic = NOT_OBJECTS
        elif parameter not in spec.not_generic:
            generic = NOT_NUMBERS
        cases += [(parameter, value) for value in [*generic, *spec.refused.get(parameter, [])]]
    return cases


@pytest.mark.parametrize("key", sorted(SPECS))
def test_accepted_inputs_give_finite_results(key):
    spec = SPECS[key]
    function = entry_point(key)

    @given(kwargs=spec.accepted)
    def accepted(kwargs):
        kwargs = dict(kwargs)
        try:
            result = function(**dict(kwargs))
        except ValueError as error:
            assert spec.refusals and re.search(spec.refusals, str(error)), f"unexpected refusal: {error}"
            return
        # Missing values only where a model documents them: a session that did not sell out, a
        # month with no survivors, a summary of sessions none of which sold out.
        assert_finite(
            result,
            missing_ok=(
                "sell_out_s",
                "survivors_mean_income_rmb",
                "survivors_median_income_rmb",
                "mean_s",
                "p05_s",
                "p95_s",
            ),
        )
        assert spec.check(result, kwargs) is not False

    accepted()


@pytest.mark.parametrize("key", sorted(SPECS))
def test_refused_inputs_raise_an_error_naming_the_parameter(key):
    spec = SPECS[key]
    function = entry_point(key)
    cases = refused_cases(key)
    if not cases:
        pytest.skip("accepts any value: nothing to refuse")

    # Every refused value is tried in every example, so none is left out by chance.
    @settings(max_examples=10)
    @given(kwargs=spec.accepted)
    def refused(kwargs):
        for parameter, value in cases:
            changed = dict(kwargs) | {parameter: value}
            with pytest.raises(ValueError) as error:
                function(**changed)
            name = spec.named(parameter, changed)
            assert name in str(error.value), f"{parameter}={checks.shown(value)}: {error.value}"

    refused()
