"""Value-chain and capacity explorers (Chapter 3): who gets what from a hand-made item, and can it be made?

Both need a live kernel; in the static book they return a note. Their sliders are the chapter
page's (:data:`seckill.chapters.ch03.VALUE_CHAIN_CONTROLS` and ``CAPACITY_CONTROLS``): same labels,
bounds and starting values. The value-chain explorer adds the inputs the page holds fixed (payment
fee, delivery, packaging) and a drop-down that compares sales channels. Every slider is bounded,
and the models' own validation turns an impossible setting (fees above the price) into a message,
never a wrong chart.
"""

from __future__ import annotations

from seckill.chapters import ch03
from seckill.controls import Menu, Slider
from seckill.explorers import explorer
from seckill.i18n import mark, tr
from seckill.models import capacity, value_chain

# Inputs the page's chart holds fixed and this explorer can change, keyed by model input like
# ch03.VALUE_CHAIN_CONTROLS; they start at ch03.value_chain_defaults() too.
EXTRA_VALUE_CHAIN_CONTROLS: dict[str, Slider] = {
    "payment_fee_pct": Slider(
        "payment_fee_pct", mark("Payment fee"), mark("%"), 0, 3, 0.1, None, note=mark("assumption")
    ),
    "delivery_rmb_per_item": Slider(
        "delivery_rmb_per_item", mark("Delivery"), mark("yuan per item"), 0, 40, 0.5, None
    ),
    "packaging_rmb_per_item": Slider(
        "packaging_rmb_per_item",
        mark("Packaging"),
        mark("yuan per item"),
        0,
        20,
        0.5,
        None,
        note=mark("assumption"),
    ),
}
ALL_CHANNELS = mark("Compare three channels")
ONE_ITEM = mark("One item, the settings above")
# The options' values stay English (the code compares them); the menu shows them translated.
VIEW = Menu("view", mark("Show"), "", (ONE_ITEM, ALL_CHANNELS), ONE_ITEM, labels=(ONE_ITEM, ALL_CHANNELS))
CANNOT_SPLIT = mark("Cannot split this price")
CANNOT_PLAN = mark("Cannot plan this")


def value_chain_outputs(values: dict[str, float], view: str = ONE_ITEM) -> list:
    """What the value-chain explorer shows for one setting of its controls: charts and text.

    An impossible setting (fees and costs above the price) gives one Markdown message instead.
    """
    from IPython.display import Markdown

    settings = dict(values)
    price, hours = settings.pop("price_rmb"), settings.pop("hours_per_item")
    try:
        if view == ONE_ITEM:
            split = value_chain.split_price(price, **settings)
            earned = value_chain.maker_earnings(split, hours)
            return [
                ch03.split_chart(split, price_rmb=price, hours_per_item=hours),
                Markdown(
                    tr(
                        "The maker keeps **{rmb:.2f} yuan** per item "
                        "({share:.0f} % of the price), **{per_hour:.2f} yuan an hour**."
                    ).format(
                        rmb=earned["rmb_per_item"],
                        share=earned["share_of_price_pct"],
                        per_hour=earned["rmb_per_hour"],
                    )
                ),
            ]
        channels = ch03.channel_settings(values)
        shared = {
            "materials_rmb_per_item": settings["materials_rmb_per_item"],
            "units_sold": settings["units_sold"],
        }
        table = value_chain.compare_channels(price, channels, **shared)
        return [ch03.channels_chart(table, price_rmb=price)]
    except ValueError as error:
        return [Markdown(tr("**{failure}:** {error}").format(failure=tr(CANNOT_SPLIT), error=error))]


def value_chain_controls(defaults: dict[str, float] | None = None) -> dict[str, Slider]:
    """Every value-chain slider, keyed by model input in the model's order: the page's and the extras."""
    d = ch03.value_chain_defaults() if defaults is None else defaults
    shared = ch03.value_chain_controls(d)
    extra = {key: control.starting_at(d[key]) for key, control in EXTRA_VALUE_CHAIN_CONTROLS.items()}
    every = shared | extra
    return {key: every[key] for key in d if key in every}


def value_chain_explorer():
    """Sliders for every value-chain input and a choice between one split and a channel comparison."""
    sliders = value_chain_controls()

    def draw(view, **named):
        return value_chain_outputs({key: named[control.name] for key, control in sliders.items()}, view)

    return explorer([VIEW, *sliders.values()], draw, failure=CANNOT_SPLIT)


def capacity_outputs(values: dict[str, float]) -> list:
    """What the capacity explorer shows for one setting: the production path and the plan in words."""
    import altair as alt
    from IPython.display import Markdown

    from seckill import charts

    try:
        plan = capacity.fulfilment_plan(**values)
        path = capacity.production_path(
            values["orders"],
            values["makers"],
            values["hours_per_item"],
            values["hours_per_day"],
            days=ch03.CAPACITY_HORIZON_DAYS,
        )
    except ValueError as error:
        return [Markdown(tr("**{failure}:** {error}").format(failure=tr(CANNOT_PLAN), error=error))]
    chart = (
        alt.Chart(path)
        .mark_line(color=charts.MAIN_COLOUR)
        .encode(
            x=alt.X("day:Q", title=tr("Working days after the sale")),
            y=alt.Y("items_made:Q", title=tr("Items made, number")),
        )
    )
    return [
        charts.finish(
            chart,
            title=tr("Items made by each working day"),
            source=tr("model in seckill.models.capacity; every input is an assumption"),
            description=tr(
                "Line of items made per working day up to {orders:,} orders, reached after {days:.1f} days."
            ).format(orders=values["orders"], days=plan["days_to_fulfil"]),
        ),
        Markdown(
            tr(
                "All orders take **{days:.1f} working days**. By day "
                "{deadline}, {made:,.0f} are made and "
                "**{unmade:,.0f} are not**. Meeting the deadline takes "
                "{makers:,.0f} makers, or {hours:.1f} hours "
                "a day from each of the present makers."
            ).format(
                days=plan["days_to_fulfil"],
                deadline=values["deadline_days"],
                made=plan["made_by_deadline"],
                unmade=plan["unmade_by_deadline"],
                makers=plan["makers_needed"],
                hours=plan["hours_per_day_needed"],
            )
        ),
    ]


def capacity_explorer():
    """The page chart's sliders for orders, makers, hours and the deadline; the path and the plan."""
    sliders = ch03.capacity_controls()

    def draw(**named):
        return capacity_outputs({key: named[control.name] for key, control in sliders.items()})

    return explorer(list(sliders.values()), draw, failure=CANNOT_PLAN)
