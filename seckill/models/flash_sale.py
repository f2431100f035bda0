"""A flash sale ("sec-kill", 秒杀) as a race between an audience and a fixed stock.

Chapter 2 asks what "sold out in seconds" tells us. The model is deliberately small:

- ``audience`` viewers are watching when the link to the item opens (time 0);
- each viewer who has not yet ordered places an order at ``conversion_per_s`` per second
  (a hazard rate: the chance per second, for small values);
- scarcity cues (the countdown, "only N left") raise that rate by a fraction ``scarcity_boost``,
  so the effective rate is ``conversion_per_s * (1 + scarcity_boost)``;
- ``stock_units`` units are on sale; orders after the last unit is gone are turned away;
- the link stays open for ``session_s`` seconds; the item sells at ``price_rmb`` yuan.

Every parameter is an **assumption** chosen by the reader: no public source reports conversion
rates or the effect of a countdown for a real session. The documented records in
``data/live_sale_records.csv`` are only used to compare the model's outputs with.

With the effective rate written *r* and the audience *N*, the expected number of order attempts
by time *t* is N (1 − e^(−r t)); the order rate, N r e^(−r t), is highest when the link opens.
The stock *S* runs out when the attempts reach *S*: at t* = −ln(1 − S / N) / r, if that is
within the session. For a stock small next to the audience, t* ≈ S / (N r): the sell-out time is
proportional to the stock, which is the seller's choice.

Two forms: :func:`outcome` is the closed form (the same formulas run in the browser on the
chapter page); :func:`simulate_sessions` draws random sessions from a Poisson process with the
same expected orders in every second (seeded numpy), whose averages match the closed form.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import pandas as pd

from seckill.i18n import tr
from seckill.models.checks import (
    require_between,
    require_count,
    require_finite,
    require_frame,
    require_instance,
    require_positive,
    require_whole,
)

# Bounds that catch typos and unit slips (a percentage typed as a fraction, minutes as seconds).
MAX_AUDIENCE = 2_000_000_000  # more people than use the internet in China
MAX_SCARCITY_BOOST = 10.0  # cues multiplying the rate by more than 11 would be a typo
MAX_SESSION_S = 24 * 3600.0  # one item's link open for more than a day is not a flash sale
MAX_SIMULATED_SESSIONS = 20_000
MAX_STOCK_UNITS = 10**12  # a trillion units: far more than any sale, and exact as a float
MAX_PRICE_RMB = 10_000_000.0  # ten million yuan for one unit; keeps revenue within a float
# The simulation draws orders second by second; chunks keep memory small for long sessions.
_SIMULATION_CELLS_PER_CHUNK = 2_000_000


def _require_fraction(name: str, value: object) -> float:
    number = require_finite(name, value)
    if not 0.0 <= number <= 1.0:
        raise ValueError(
            tr(
                "{name} must be a rate between 0 and 1 per second (0.001 means 0.1 % a second); got "
                "{value!r}. Did you pass a percentage instead of a fraction?"
            ).format(name=name, value=value)
        )
    return number


@dataclass(frozen=True)
class FlashSale:
    """The inputs of one flash sale, checked on creation (a bad value raises ``ValueError`` naming it).

    Attributes
    ----------
    audience : int
        Viewers watching when the link opens (people), 1 to ``MAX_AUDIENCE``. Assumption.
    conversion_per_s : float
        Rate per second at which a viewer who has not ordered yet places an order, 0 to 1, before
        scarcity cues. Assumption.
    scarcity_boost : float
        Fractional rise in that rate caused by scarcity cues (0.5 means +50 %), 0 to
        ``MAX_SCARCITY_BOOST``. Assumption.
    stock_units : int
        Units on sale, 1 to ``MAX_STOCK_UNITS``. The seller's choice.
    session_s : float
        Seconds the link stays open, more than 0 and at most ``MAX_SESSION_S``. Assumption.
    price_rmb : float
        Price of one unit in yuan, more than 0 and at most ``MAX_PRICE_RMB``. Assumption; only
        revenue depends on it.
    """

    audience: int
    conversion_per_s: float
    scarcity_boost: float
    stock_units: int
    session_s: float
    price_rmb: float = 100.0

    def __post_init__(self) -> None:
        object.__setattr__(self, "audience", require_whole("audience", self.audience, 1, MAX_AUDIENCE))
        object.__setattr__(
            self, "conversion_per_s", _require_fraction("conversion_per_s", self.conversion_per_s)
        )
        boost = require_finite("scarcity_boost", self.scarcity_boost)
        if not 0.0 <= boost <= MAX_SCARCITY_BOOST:
            raise ValueError(
                tr(
                    "scarcity_boost must be a fractional rise between 0 and {high} (0.5 means +50 %); "
                    "got {value!r}"
                ).format(high=MAX_SCARCITY_BOOST, value=self.scarcity_boost)
            )
        object.__setattr__(self, "scarcity_boost", boost)
        object.__setattr__(
            self, "stock_units", require_whole("stock_units", self.stock_units, 1, MAX_STOCK_UNITS)
        )
        session = require_positive("session_s", self.session_s)
        if session > MAX_SESSION_S:
            raise ValueError(
                tr(
                    "session_s must be at most {high:,.0f} seconds (one day); got {value!r}. "
                    "Did you pass milliseconds?"
                ).format(high=MAX_SESSION_S, value=self.session_s)
            )
        object.__setattr__(self, "session_s", session)
        price = require_positive("price_rmb", self.price_rmb)
        object.__setattr__(self, "price_rmb", require_between("price_rmb", price, 0, MAX_PRICE_RMB))

    @property
    def rate_per_s(self) -> float:
        """Effective conversion rate per second, with the scarcity cues: rate × (1 + boost)."""
        return self.conversion_per_s * (1.0 + self.scarcity_boost)


@dataclass(frozen=True)
class FlashSaleOutcome:
    """What the closed-form model expects for one sale.

    ``sell_out_s`` is ``None`` when the stock outlasts the session. ``peak_orders_per_s`` is the
    order rate when the link opens, the highest it gets (the load the platform must carry).
    ``wanting_viewers`` would have ordered within the session had stock been unlimited;
    ``unserved_viewers`` of them got nothing, a share ``unserved_share`` of the wanting.
    """

    sells_out: bool
    sell_out_s: float | None
    peak_orders_per_s: float
    wanting_viewers: float
    orders_filled: float
    unserved_viewers: float
    unserved_share: float
    revenue_rmb: float

    def __post_init__(self) -> None:
        if not isinstance(self.sells_out, bool):
            raise ValueError(f"sells_out must be True or False; got {self.sells_out!r}")
        if (self.sell_out_s is None) == self.sells_out:
            raise ValueError("sell_out_s must be a time exactly when sells_out is True")
        if self.sell_out_s is not None:
            require_finite("sell_out_s", self.sell_out_s)
        for name in (
            "peak_orders_per_s",
            "wanting_viewers",
            "orders_filled",
            "unserved_viewers",
            "revenue_rmb",
        ):
            if require_finite(name, getattr(self, name)) < 0:
                raise ValueError(f"{name} must not be negative; got {getattr(self, name)!r}")
        require_between("unserved_share", self.unserved_share, 0.0, 1.0)


def expected_orders(sale: FlashSale, time_s: float) -> float:
    """Expected order attempts from the link opening to ``time_s`` seconds, stock aside: N (1 − e^(−rt))."""
    require_instance("sale", sale, FlashSale)
    time_s = require_finite("time_s", time_s)
    if time_s < 0:
        raise ValueError(f"time_s must not be negative; got {time_s!r}")
    return sale.audience * -math.expm1(-sale.rate_per_s * time_s)


def order_rate_per_s(sale: FlashSale, time_s: float) -> float:
    """Expected order attempts per second at ``time_s``: N r e^(−r t)."""
    require_instance("sale", sale, FlashSale)
    time_s = require_finite("time_s", time_s)
    if time_s < 0:
        raise ValueError(f"time_s must not be negative; got {time_s!r}")
    return sale.audience * sale.rate_per_s * math.exp(-sale.rate_per_s * time_s)


def sell_out_time_s(sale: FlashSale) -> float | None:
    """Seconds until the stock is gone, −ln(1 − S / N) / r, or ``None`` if it outlasts the session.

    A stock as large as the audience never sells out: the expected attempts only approach N.
    """
    require_instance("sale", sale, FlashSale)
    if sale.stock_units >= sale.audience or sale.stock_units > expected_orders(sale, sale.session_s):
        return None
    return -math.log1p(-sale.stock_units / sale.audience) / sale.rate_per_s


def stock_selling_out_in(sale: FlashSale, target_s: float) -> float:
    """The stock that would sell out after exactly ``target_s`` seconds, other inputs unchanged.

    The inverse of :func:`sell_out_time_s`: N (1 − e^(−r t)). It shows that a seller who knows the
    audience can pick the sell-out time by picking the stock.
    """
    require_instance("sale", sale, FlashSale)
    target_s = require_positive("target_s", target_s)
    if target_s > sale.session_s:
        raise ValueError(f"target_s ({target_s!r}) must be within the session ({sale.session_s!r} s)")
    return expected_orders(sale, target_s)


def outcome(sale: FlashSale) -> FlashSaleOutcome:
    """The closed-form (expected) outcome of a flash sale; see :class:`FlashSaleOutcome`."""
    require_instance("sale", sale, FlashSale)
    wanting = expected_orders(sale, sale.session_s)
    sell_out = sell_out_time_s(sale)
    filled = min(float(sale.stock_units), wanting)
    unserved = max(wanting - sale.stock_units, 0.0)
    return FlashSaleOutcome(
        sells_out=sell_out is not None,
        sell_out_s=sell_out,
        peak_orders_per_s=order_rate_per_s(sale, 0.0),
        wanting_viewers=wanting,
        orders_filled=filled,
        unserved_viewers=unserved,
        unserved_share=unserved / wanting if wanting > 0 else 0.0,
        revenue_rmb=filled * sale.price_rmb,
    )


def order_curve(sale: FlashSale, points: int = 200) -> pd.DataFrame:
    """Expected orders per second over the session: 'filled' before the sell-out, 'turned away' after.

    Columns: ``time_s``, ``orders_per_s``, ``status``. Times are evenly spaced from 0 to the end of
    the session, with the sell-out moment added so the two parts meet.
    """
    require_instance("sale", sale, FlashSale)
    points = require_whole("points", points, 2, 100_000)
    sell_out = sell_out_time_s(sale)
    times = np.linspace(0.0, sale.session_s, points)
    if sell_out is not None:
        times = np.unique(np.append(times, sell_out))
    rates = sale.audience * sale.rate_per_s * np.exp(-sale.rate_per_s * times)
    if sell_out is None:
        status = np.full(len(times), "filled")
    else:
        status = np.where(times <= sell_out, "filled", "turned away")
    return pd.DataFrame({"time_s": times, "orders_per_s": rates, "status": status})


def simulate_sessions(sale: FlashSale, n_sessions: int = 1000, seed: int = 0) -> pd.DataFrame:
    """Random sessions: orders arrive as a Poisson process with the closed form's expected rate.

    Orders are drawn second by second (numpy's seeded generator, so a seed gives the same result
    every time). Within the second in which the stock runs out, the exact moment is drawn from the
    arrival times of that second's orders. One row per session, with columns:

    - ``sell_out_s``: seconds until the last unit went (NaN if the stock outlasted the session);
    - ``orders_attempted``: orders placed during the session, including those turned away;
    - ``orders_filled`` and ``unserved``: orders that got a unit, and those that did not;
    - ``peak_orders_per_s``: orders in the busiest whole second.
    """
    require_instance("sale", sale, FlashSale)
    n_sessions = require_whole("n_sessions", n_sessions, 1, MAX_SIMULATED_SESSIONS)
    seed = require_count("seed", seed, minimum=0, maximum=2**63 - 1)
    rng = np.random.default_rng(seed)
    rate = sale.rate_per_s
    edges = np.arange(0.0, math.ceil(sale.session_s) + 1.0)
    edges[-1] = sale.session_s  # the last "second" may be a fraction of one
    starts, ends = edges[:-1], edges[1:]
    # Expected orders in each second: N (e^(−r a) − e^(−r b)), written to keep precision for tiny r.
    expected = sale.audience * np.exp(-rate * starts) * -np.expm1(-rate * (ends - starts))
    chunk = max(1, _SIMULATION_CELLS_PER_CHUNK // len(expected))
    frames = []
    for first in range(0, n_sessions, chunk):
        size = min(chunk, n_sessions - first)
        counts = rng.poisson(expected, size=(size, len(expected)))
        frames.append(_summarise_sessions(counts, starts, ends, rate, sale.stock_units, rng))
    return pd.concat(frames, ignore_index=True)


def _summarise_sessions(counts, starts, ends, rate, stock, rng) -> pd.DataFrame:
    totals = counts.sum(axis=1)
    sell_out = np.full(len(totals), np.nan)
    sold = np.flatnonzero(totals >= stock)
    if len(sold):
        cumulative = counts[sold].cumsum(axis=1)
        second = np.argmax(cumulative >= stock, axis=1)
        before = np.where(second > 0, cumulative[np.arange(len(sold)), second - 1], 0)
        in_second = counts[sold, second]
        needed = stock - before  # which arrival of that second took the last unit (1-based)
        # The k-th of n arrival times in a second is the k-th order statistic: Beta(k, n - k + 1)
        # on the arrivals' cumulative distribution, which is inverted for the exponential rate.
        u = rng.beta(needed, in_second - needed + 1)
        start, width = starts[second], ends[second] - starts[second]
        sell_out[sold] = start - np.log1p(u * np.expm1(-rate * width)) / rate
    return pd.DataFrame(
        {
            "sell_out_s": sell_out,
            "orders_attempted": totals,
            "orders_filled": np.minimum(totals, stock),
            "unserved": np.maximum(totals - stock, 0),
            "peak_orders_per_s": counts.max(axis=1),
        }
    )


def summarise_simulation(sessions: pd.DataFrame) -> dict[str, float | None]:
    """Share of sessions that sold out, and the mean and 5th–95th percentiles of their sell-out times.

    The times are ``None`` when no session sold out: there is no sell-out time to average.
    """
    require_frame("sessions", sessions, ["sell_out_s"])
    if sessions.empty:
        raise ValueError("sessions must hold at least one simulated session")
    times = sessions["sell_out_s"].dropna()
    if times.empty:
        return {"sold_out_share": 0.0, "mean_s": None, "p05_s": None, "p95_s": None}
    return {
        "sold_out_share": len(times) / len(sessions),
        "mean_s": float(times.mean()),
        "p05_s": float(times.quantile(0.05)),
        "p95_s": float(times.quantile(0.95)),
    }
