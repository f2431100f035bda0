"""The value-chain model: the parts add up to the price, known splits, and clear errors."""

import math

import pytest

from seckill.models import value_chain

BASE = {
    "host_commission_pct": 20.0,
    "slot_fee_rmb": 10_000.0,
    "units_sold": 1000,
    "platform_fee_pct": 5.0,
    "payment_fee_pct": 1.0,
    "delivery_rmb_per_item": 8.0,
    "packaging_rmb_per_item": 2.0,
    "materials_rmb_per_item": 15.0,
}


def _amounts(split):
    return split.set_index("part")["rmb_per_item"]


def test_known_split_of_a_100_yuan_item():
    amounts = _amounts(value_chain.split_price(100.0, **BASE))
    assert amounts[value_chain.HOST_COMMISSION] == pytest.approx(20.0)
    assert amounts[value_chain.SLOT_FEE] == pytest.approx(10.0)  # 10,000 yuan over 1,000 items
    assert amounts[value_chain.PLATFORM_FEE] == pytest.approx(5.0)
    assert amounts[value_chain.PAYMENT_FEE] == pytest.approx(1.0)
    assert amounts[value_chain.DELIVERY] == pytest.approx(10.0)
    assert amounts[value_chain.MATERIALS] == pytest.approx(15.0)
    assert amounts[value_chain.MAKER] == pytest.approx(39.0)


@pytest.mark.parametrize("price", [40.0, 99.0, 480.0])
def test_parts_add_up_to_the_price_and_shares_to_100(price):
    split = value_chain.split_price(price, **(BASE | {"slot_fee_rmb": 0.0}))
    assert split["rmb_per_item"].sum() == pytest.approx(price)
    assert split["share_of_price_pct"].sum() == pytest.approx(100.0)
    assert list(split["part"]) == list(value_chain.PARTS)


def test_with_no_fees_or_costs_the_maker_keeps_the_whole_price():
    nothing = dict.fromkeys(BASE, 0.0) | {"units_sold": 1}
    assert _amounts(value_chain.split_price(50.0, **nothing))[value_chain.MAKER] == pytest.approx(50.0)


def test_costs_that_exactly_use_up_the_price_leave_the_maker_nothing():
    split = value_chain.split_price(
        20.0, **(dict.fromkeys(BASE, 0.0) | {"units_sold": 1}) | {"materials_rmb_per_item": 20.0}
    )
    assert _amounts(split)[value_chain.MAKER] == 0.0


def test_selling_fewer_units_loads_more_slot_fee_on_each():
    few = value_chain.slot_fee_per_item_rmb(20_000.0, 200)
    many = value_chain.slot_fee_per_item_rmb(20_000.0, 2000)
    assert few == pytest.approx(100.0) and many == pytest.approx(10.0)


def test_maker_earnings_per_hour():
    split = value_chain.split_price(100.0, **BASE)
    earnings = value_chain.maker_earnings(split, hours_per_item=3.0)
    assert earnings["rmb_per_item"] == pytest.approx(39.0)
    assert earnings["share_of_price_pct"] == pytest.approx(39.0)
    assert earnings["rmb_per_hour"] == pytest.approx(13.0)


def test_fees_above_the_price_are_refused_with_the_price_named():
    with pytest.raises(ValueError, match="exceed price_rmb"):
        value_chain.split_price(40.0, **BASE)  # 45.40 yuan of fees and costs on a 40-yuan item


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"host_commission_pct": 120.0}, "host_commission_pct must be a percentage"),
        ({"platform_fee_pct": -1.0}, "platform_fee_pct must be a percentage"),
        ({"payment_fee_pct": math.nan}, "payment_fee_pct must be finite"),
        ({"slot_fee_rmb": -5.0}, "slot_fee_rmb must not be negative"),
        ({"units_sold": 0}, "units_sold must be at least 1"),
        ({"units_sold": 2.5}, "units_sold must be a whole number"),
        ({"delivery_rmb_per_item": -1.0}, "delivery_rmb_per_item must not be negative"),
        ({"materials_rmb_per_item": "15"}, "materials_rmb_per_item must be a number"),
    ],
)
def test_bad_parameters_are_named(change, message):
    with pytest.raises(ValueError, match=message):
        value_chain.split_price(100.0, **(BASE | change))


@pytest.mark.parametrize("price", [0.0, -10.0, math.inf])
def test_price_must_be_positive_and_finite(price):
    with pytest.raises(ValueError, match="price_rmb"):
        value_chain.split_price(price, **BASE)


def test_hours_per_item_must_be_positive():
    split = value_chain.split_price(100.0, **BASE)
    with pytest.raises(ValueError, match="hours_per_item"):
        value_chain.maker_earnings(split, hours_per_item=0)


def test_channels_differ_only_in_what_they_take():
    shared = {"materials_rmb_per_item": 15.0, "units_sold": 500, "packaging_rmb_per_item": 2.0}
    no_fees = {
        "host_commission_pct": 0.0,
        "slot_fee_rmb": 0.0,
        "platform_fee_pct": 0.0,
        "payment_fee_pct": 0.0,
    }
    channels = {
        "host": no_fees | {"host_commission_pct": 20.0, "delivery_rmb_per_item": 10.0},
        "market": no_fees | {"delivery_rmb_per_item": 0.0},
    }
    table = value_chain.compare_channels(80.0, channels, **shared)
    maker = table[table["part"] == value_chain.MAKER].set_index("channel")["rmb_per_item"]
    assert maker["market"] - maker["host"] == pytest.approx(16.0 + 10.0)
    assert list(table["channel"].unique()) == ["host", "market"]
    with pytest.raises(ValueError, match="at least one"):
        value_chain.compare_channels(80.0, {}, **shared)


def test_the_seller_in_between_takes_its_share_of_the_margin_not_of_the_price():
    inputs = dict(
        host_commission_pct=10.0,
        slot_fee_rmb=0.0,
        units_sold=1,
        platform_fee_pct=0.0,
        payment_fee_pct=0.0,
        delivery_rmb_per_item=10.0,
        packaging_rmb_per_item=0.0,
        materials_rmb_per_item=30.0,
    )
    direct = _amounts(value_chain.split_price(100.0, **inputs))
    via_shop = _amounts(value_chain.split_price(100.0, **inputs, intermediary_pct=25.0))
    # Margin 100 - 10 - 10 - 30 = 50: the shop keeps a quarter of it, 12.5; the maker the rest.
    assert direct[value_chain.INTERMEDIARY] == 0.0 and direct[value_chain.MAKER] == pytest.approx(50.0)
    assert via_shop[value_chain.INTERMEDIARY] == pytest.approx(12.5)
    assert via_shop[value_chain.MAKER] == pytest.approx(37.5)
    with pytest.raises(ValueError, match="intermediary_pct"):
        value_chain.split_price(100.0, **inputs, intermediary_pct=120.0)
