"""Value-chain and capacity explorers (Chapter 3): who gets what from a hand-made item, and can it be made?

Both need a live kernel; in the static book they return a note. Every slider is bounded, and the
models' own validation turns an impossible setting (fees above the price) into a message, never a
wrong chart. The sliders cover more inputs than the chapter page's in-browser charts: the payment
fee, delivery and packaging can be changed here too, and a drop-down compares sales channels.
"""

from __future__ import annotations

from seckill.chapters import ch03
from seckill.explorers import in_static_book, static_placeholder
from seckill.models import capacity, value_chain

# (keyword, label, min, max, step) for the value-chain sliders; defaults come from ch03.
VALUE_CHAIN_CONTROLS = [
    ("price_rmb", "Price, yuan", 10.0, 500.0, 1.0),
    ("host_commission_pct", "Host commission, %", 0.0, 50.0, 1.0),
    ("slot_fee_rmb", "Slot fee, yuan", 0.0, 200_000.0, 100.0),
    ("units_sold", "Items sold", 50, 10_000, 50),
    ("platform_fee_pct", "Platform fee, %", 0.0, 20.0, 0.5),
    ("payment_fee_pct", "Payment fee, %", 0.0, 3.0, 0.1),
    ("delivery_rmb_per_item", "Delivery, yuan/item", 0.0, 40.0, 0.5),
    ("packaging_rmb_per_item", "Packaging, yuan/item", 0.0, 20.0, 0.5),
    ("materials_rmb_per_item", "Materials, yuan/item", 0.0, 100.0, 1.0),
    ("hours_per_item", "Hours per item", 0.5, 12.0, 0.5),
]
ALL_CHANNELS = "Compare three channels"
ONE_ITEM = "One item, the settings above"


def _slider(widgets, key, label, low, high, step, value):
    kind = widgets.IntSlider if isinstance(step, int) else widgets.FloatSlider
    return kind(
        value=value,
        min=low,
        max=high,
        step=step,
        description=label,
        style={"description_width": "initial"},
        continuous_update=False,
    )


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
                    f"The maker keeps **{earned['rmb_per_item']:.2f} yuan** per item "
                    f"({earned['share_of_price_pct']:.0f} % of the price), "
                    f"**{earned['rmb_per_hour']:.2f} yuan an hour**."
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
        return [Markdown(f"**Cannot split this price:** {error}")]


def value_chain_explorer():
    """Sliders for every value-chain input and a choice between one split and a channel comparison."""
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import display

    defaults = ch03.value_chain_defaults()
    sliders = {
        key: _slider(widgets, key, label, low, high, step, defaults[key])
        for key, label, low, high, step in VALUE_CHAIN_CONTROLS
    }
    view = widgets.Dropdown(options=[ONE_ITEM, ALL_CHANNELS], value=ONE_ITEM, description="Show")
    output = widgets.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            for item in value_chain_outputs({k: s.value for k, s in sliders.items()}, view.value):
                display(item)

    for control in [*sliders.values(), view]:
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([view, widgets.GridBox(list(sliders.values())), output])


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
        return [Markdown(f"**Cannot plan this:** {error}")]
    chart = (
        alt.Chart(path)
        .mark_line(color=charts.MAIN_COLOUR)
        .encode(
            x=alt.X("day:Q", title="Working days after the sale"),
            y=alt.Y("items_made:Q", title="Items made, number"),
        )
    )
    return [
        charts.finish(
            chart,
            title="Items made by each working day",
            source="model in seckill.models.capacity; every input is an assumption",
            description=(
                f"Line of items made per working day up to {values['orders']:,} orders, reached "
                f"after {plan['days_to_fulfil']:.1f} days."
            ),
        ),
        Markdown(
            f"All orders take **{plan['days_to_fulfil']:.1f} working days**. By day "
            f"{values['deadline_days']}, {plan['made_by_deadline']:,.0f} are made and "
            f"**{plan['unmade_by_deadline']:,.0f} are not**. Meeting the deadline takes "
            f"{plan['makers_needed']:,.0f} makers, or {plan['hours_per_day_needed']:.1f} hours "
            "a day from each of the present makers."
        ),
    ]


def capacity_explorer():
    """Sliders for orders, makers, hours and the deadline; shows the production path and the plan."""
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import display

    d = ch03.capacity_defaults()
    sliders = {
        "orders": widgets.IntSlider(value=d["orders"], min=100, max=10_000, step=100, description="Orders"),
        "makers": widgets.IntSlider(value=d["makers"], min=1, max=200, description="Makers"),
        "hours_per_item": widgets.FloatSlider(
            value=d["hours_per_item"], min=0.5, max=12, step=0.5, description="Hours/item"
        ),
        "hours_per_day": widgets.FloatSlider(
            value=d["hours_per_day"], min=1, max=16, step=1, description="Hours/day"
        ),
        "deadline_days": widgets.IntSlider(
            value=d["deadline_days"], min=1, max=60, description="Deadline, days"
        ),
    }
    output = widgets.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            for item in capacity_outputs({k: s.value for k, s in sliders.items()}):
                display(item)

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.GridBox(list(sliders.values())), output])
