"""Who gets what from one hand-made item sold in a live stream: a value-chain split of its price.

Chapter 3 asks how the price a viewer pays is divided between the host, the platform, the payment
service, the courier, the materials, the shop or cooperative that sells the maker's work, and the
maker. The model is accounting, not behaviour: the fees and costs come off the price first; of what
is left, the seller in between (a village shop owner, workshop, cooperative or agent) keeps a share
of the margin, and the maker keeps the rest. Fees that are a
percentage are charged on the price; the host's fixed slot fee (坑位费) is spread over the units the
stream sells, so the fewer items a "limited" offer sells, the more each one carries.

Money is in yuan (``_rmb``), percentages are 0–100 (``_pct``), time in hours. Inputs are validated:
nothing may be negative, percentages stay within 0–100, and fees and costs together may not exceed
the price, because then the maker would pay to sell and the split has no maker's share to show.

Defaults: the sourced ones (host commission, courier cost per parcel) come from the data package
and are assembled in :mod:`seckill.chapters.ch03`; the rest are **assumptions**, listed in
:data:`ASSUMPTIONS` with the reason for each value. Change them freely: they are there to make the
arithmetic concrete, not to describe any real seller.
"""

from __future__ import annotations

from collections.abc import Mapping

import pandas as pd

from seckill import i18n
from seckill.i18n import mark, tr
from seckill.models.capacity import check_hours_per_item
from seckill.models.checks import (
    require_between,
    require_count,
    require_frame,
    require_non_negative,
    require_percent,
    require_positive,
    shown,
)

# The parts' names, in English here; a chart shows them translated (seckill.i18n.translate_values).
HOST_COMMISSION = mark("Host commission")
SLOT_FEE = mark("Slot fee")
PLATFORM_FEE = mark("Platform fee")
PAYMENT_FEE = mark("Payment fee")
DELIVERY = mark("Delivery and packaging")
MATERIALS = mark("Materials")
INTERMEDIARY = mark("Shop or cooperative")
MAKER = mark("Maker's labour")
PARTS = (HOST_COMMISSION, SLOT_FEE, PLATFORM_FEE, PAYMENT_FEE, DELIVERY, MATERIALS, INTERMEDIARY, MAKER)
# Bounds far beyond any live-stream item, chosen so that the split stays within a float: a billion
# yuan for a price, a slot fee or a cost per item, and a billion units sold.
MAX_RMB = 1e9
MAX_UNITS_SOLD = 10**9

# Assumptions (not sourced): each is labelled "assumption" wherever it is shown.
ASSUMPTIONS: dict[str, float] = {
    # A round, typical-looking live-stream price for a small hand-made item such as a bracelet.
    "price_rmb": 99.0,
    # The essay speaks of thousands of pre-orders; 2,000 is one such order surge.
    "units_sold": 2000,
    # Platform service fee on the price; no authoritative schedule was found for the book.
    "platform_fee_pct": 5.0,
    # Payment processing on the price; no authoritative merchant rate was found for the book.
    "payment_fee_pct": 0.6,
    # Box, padding and a card for one small item.
    "packaging_rmb_per_item": 3.0,
    # Beads, thread or metal for one small item.
    "materials_rmb_per_item": 15.0,
    # Hours of skilled hand work for one item.
    "hours_per_item": 3.0,
}


def _check_rmb(name: str, value: object) -> float:
    return require_between(
        name, require_non_negative(name, value), 0, MAX_RMB, what=mark("an amount in yuan")
    )


def slot_fee_per_item_rmb(slot_fee_rmb: float, units_sold: int) -> float:
    """The host's fixed slot fee spread over the units the stream sells: ``slot_fee_rmb / units_sold``."""
    slot_fee_rmb = _check_rmb("slot_fee_rmb", slot_fee_rmb)
    units_sold = require_count("units_sold", units_sold, maximum=MAX_UNITS_SOLD)
    return slot_fee_rmb / units_sold


def split_price(
    price_rmb: float,
    *,
    host_commission_pct: float,
    slot_fee_rmb: float,
    units_sold: int,
    platform_fee_pct: float,
    payment_fee_pct: float,
    delivery_rmb_per_item: float,
    packaging_rmb_per_item: float,
    materials_rmb_per_item: float,
    intermediary_pct: float = 0.0,
) -> pd.DataFrame:
    """Split one item's retail price into the parts in :data:`PARTS`, the maker's labour last.

    ``intermediary_pct`` is the share of the margin (the price less every fee and cost) that the
    seller between the maker and the stream keeps: a village shop, workshop, cooperative or agent.
    0 means the maker sells directly and keeps the whole margin.

    Returns a DataFrame with columns ``part``, ``rmb_per_item`` and ``share_of_price_pct``; the
    parts add up to the price. Raises ``ValueError`` naming the parameter for a negative value, a
    percentage outside 0–100, a units count below 1, or fees and costs that exceed ``price_rmb``.
    """
    price_rmb = _check_rmb("price_rmb", require_positive("price_rmb", price_rmb))
    commission = price_rmb * require_percent("host_commission_pct", host_commission_pct) / 100
    slot = slot_fee_per_item_rmb(slot_fee_rmb, units_sold)
    platform = price_rmb * require_percent("platform_fee_pct", platform_fee_pct) / 100
    payment = price_rmb * require_percent("payment_fee_pct", payment_fee_pct) / 100
    delivery = _check_rmb("delivery_rmb_per_item", delivery_rmb_per_item) + _check_rmb(
        "packaging_rmb_per_item", packaging_rmb_per_item
    )
    materials = _check_rmb("materials_rmb_per_item", materials_rmb_per_item)
    intermediary_pct = require_percent("intermediary_pct", intermediary_pct)
    taken = [commission, slot, platform, payment, delivery, materials]
    left = price_rmb - sum(taken)
    # Rounding in the sum can leave -1e-12 when the costs exactly use up the price.
    if left < -1e-9 * price_rmb:
        # A reader of the explorer can reach this with the sliders, so it is written in their language.
        detail = i18n.join_items(
            [
                tr("{part} {rmb:.2f}").format(part=tr(part) if i18n.is_chinese() else part.lower(), rmb=value)
                for part, value in zip(PARTS, taken, strict=False)
            ]
        )
        raise ValueError(
            tr(
                "fees and costs ({costs:.2f} yuan per item: {detail}) exceed price_rmb "
                "({price:.2f} yuan); the maker would pay to sell. Raise the price or lower a fee or cost."
            ).format(costs=sum(taken), detail=detail, price=price_rmb)
        )
    margin = max(left, 0.0)
    intermediary = margin * intermediary_pct / 100
    amounts = [*taken, intermediary, margin - intermediary]
    return pd.DataFrame(
        {
            "part": list(PARTS),
            "rmb_per_item": amounts,
            "share_of_price_pct": [100 * amount / price_rmb for amount in amounts],
        }
    )


def maker_earnings(split: pd.DataFrame, hours_per_item: float) -> dict[str, float]:
    """What the maker keeps from a :func:`split_price` table: per item, as a share, and per hour.

    Keys: ``rmb_per_item``, ``share_of_price_pct``, ``rmb_per_hour`` (per item ÷ ``hours_per_item``).
    """
    split = require_frame("split", split, ["part", "rmb_per_item", "share_of_price_pct"])
    hours_per_item = check_hours_per_item(hours_per_item)
    makers_rows = split[split["part"] == MAKER]
    if len(makers_rows) != 1:
        raise ValueError(
            f"split must hold one {MAKER!r} row, as split_price returns; found {len(makers_rows)}"
        )
    row = makers_rows.iloc[0]
    per_item = _check_rmb("split's maker rmb_per_item", row["rmb_per_item"])
    return {
        "rmb_per_item": per_item,
        "share_of_price_pct": require_percent("split's maker share_of_price_pct", row["share_of_price_pct"]),
        "rmb_per_hour": per_item / hours_per_item,
    }


def compare_channels(
    price_rmb: float, channels: Mapping[str, Mapping[str, float]], **shared: float
) -> pd.DataFrame:
    """Split the same price through several sales channels, one :func:`split_price` per channel.

    ``channels`` maps a channel name to the keyword arguments that differ (commission, fees,
    delivery); ``shared`` holds the ones every channel has in common (materials, units sold). The
    same price in every channel isolates what the channel takes; in reality prices differ too.
    Returns the long table of :func:`split_price` with a ``channel`` column first.
    """
    if not isinstance(channels, Mapping):
        raise ValueError(f"channels must map a name to each channel's settings; got {shown(channels)}")
    if not channels:
        raise ValueError("channels must name at least one sales channel")
    tables = []
    for name, settings in channels.items():
        if not isinstance(name, str) or not isinstance(settings, Mapping):
            raise ValueError(
                f"channels must map a name (str) to a dict of settings; got {shown(name)}: {shown(settings)}"
            )
        table = split_price(price_rmb, **({**shared, **settings}))
        table.insert(0, "channel", name)
        tables.append(table)
    return pd.concat(tables, ignore_index=True)
