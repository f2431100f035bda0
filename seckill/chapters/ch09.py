"""The conclusion, "The personal is political-ecological": a personal cart footprint calculator.

The calculator runs :func:`seckill.models.cart.cart_footprint` in the browser: Vega-Lite parameters bound
to sliders, with the same formula written as Vega expressions (:func:`cart_expressions`), which the
tests evaluate in Python against the model. The factors are Chapter 7's: packaging per parcel and
its emissions derived from Su et al. (2020) and the 2018 parcel count, transport from Kang et al.
(2021). A reader's parcels are compared with the average resident of China in the latest year.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.calibrations import carbon_budget, parcel_inputs
from seckill.charts import vega_text
from seckill.controls import Slider
from seckill.i18n import mark, tr
from seckill.models import cart

# Slider bounds; the axis is fixed so that bars never run off it (tests check the worst case).
ORDERS_MAX = 500
RETURNED_MAX_PCT = 50
REUSE_MAX_PCT = 90
AXIS_MAX_KG = 400
# The calculator's sliders. The orders start near the average resident's parcels (from the data).
ORDERS = Slider("orders", mark("Your online orders a year"), "", 0, ORDERS_MAX, 5, None)
RETURNED_PCT = Slider(
    "returned_pct", mark("Sent back"), mark("% of orders"), 0, RETURNED_MAX_PCT, 5, 0, note=mark("assumption")
)
REUSE_PCT = Slider(
    "reuse_pct",
    mark("Delivered in reused packaging"),
    mark("%"),
    0,
    REUSE_MAX_PCT,
    5,
    0,
    note=mark("assumption"),
)


def cart_defaults() -> dict[str, float]:
    """The factors (Chapter 7) and the average resident of China in the latest year with a count.

    ``average_parcels`` = the year's parcels ÷ population (derived); ``average_co2e_kg`` is the
    Chapter 7 model's footprint per person for that year; ``consumption_co2_t`` is China's
    consumption-based CO2 per person in the latest year with that figure (Our World in Data).
    """
    parcel = parcel_inputs.parcel_defaults()
    co2 = carbon_budget.co2_table()
    china = co2[(co2["economy_code"] == "chn") & co2["co2_consumption_t_per_person"].notna()]
    latest = china.sort_values("year").iloc[-1]
    return {
        "year": int(parcel["year"]),
        "packaging_g_per_parcel": parcel["packaging_g_per_parcel"],
        "packaging_t_co2e_per_t": parcel["packaging_t_co2e_per_t"],
        "transport_kg_co2e_per_parcel": parcel["transport_kg_co2e_per_parcel"],
        "average_parcels": parcel["parcels_bn"] * 1e9 / parcel["population"],
        "average_co2e_kg": parcel["co2e_kg_per_person"],
        "consumption_co2_year": int(latest["year"]),
        "consumption_co2_t": float(latest["co2_consumption_t_per_person"]),
    }


def footprint_for(defaults: dict[str, float], orders: float, returned_pct: float = 0, reuse_pct: float = 0):
    """:func:`seckill.models.cart.cart_footprint` with Chapter 7's factors; percentages as on the sliders."""
    return cart.cart_footprint(
        orders,
        packaging_g_per_parcel=defaults["packaging_g_per_parcel"],
        packaging_t_co2e_per_t=defaults["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=defaults["transport_kg_co2e_per_parcel"],
        returned_share=returned_pct / 100,
        extra_reuse_share=reuse_pct / 100,
    )


def cart_expressions(defaults: dict[str, float]) -> dict[str, str]:
    """The calculator's formulas as Vega expressions over ``orders``, ``returned_pct``, ``reuse_pct``.

    Pure arithmetic, so the tests can evaluate them in Python against :func:`footprint_for`.
    """
    parcels = "(orders * (1 + returned_pct / 100))"
    packaging_kg = f"({parcels} * {defaults['packaging_g_per_parcel']!r} * (1 - reuse_pct / 100) / 1000)"
    packaging_co2e = f"({packaging_kg} * {defaults['packaging_t_co2e_per_t']!r})"
    transport_co2e = f"({parcels} * {defaults['transport_kg_co2e_per_parcel']!r})"
    return {
        "parcels": parcels,
        "packaging_kg": packaging_kg,
        "packaging_co2e_kg": packaging_co2e,
        "transport_co2e_kg": transport_co2e,
        "total_co2e_kg": f"({packaging_co2e} + {transport_co2e})",
    }


def cart_calculator_chart(defaults: dict[str, float]) -> alt.LayerChart:
    """Three sliders (orders a year, returned share, reused share); a bar beside the average resident."""
    year = int(defaults["year"])
    orders = round(defaults["average_parcels"] / 10) * 10  # the slider starts near the average
    params = [ORDERS.param(orders), RETURNED_PCT.param(), REUSE_PCT.param()]
    expr = cart_expressions(defaults)
    you, average = _who(year)
    rows = pd.DataFrame({"who": [you, average], "average": [0.0, defaults["average_co2e_kg"]]})
    values = (
        alt.Chart(rows)
        .transform_calculate(kg=f"datum.who == '{you}' ? {expr['total_co2e_kg']} : datum.average")
        .transform_calculate(
            label=vega_text(tr("{who}: {kg} kg CO2e"), who="datum.who", kg="format(datum.kg, ',.1f')")
        )
    )
    # Names and values above the bars instead of axis labels, so the bars keep a phone's width.
    y = alt.Y("who:N", title=None, sort=[you, average], axis=None, scale=alt.Scale(paddingInner=0.9))
    bars = values.mark_bar().encode(
        y=y,
        x=alt.X(
            "kg:Q",
            title=tr("Packaging and delivery, kg CO2e a year"),
            scale=alt.Scale(domain=[0, AXIS_MAX_KG]),
        ),
        color=alt.Color(
            "who:N",
            legend=None,
            scale=alt.Scale(domain=[you, average], range=[charts.HIGHLIGHT_COLOUR, charts.MAIN_COLOUR]),
        ),
        tooltip=[
            alt.Tooltip("who:N", title=tr("Who")),
            alt.Tooltip("kg:Q", title=tr("kg CO2e"), format=",.1f"),
        ],
    )
    labels = values.mark_text(
        align="left", baseline="bottom", dy=-6, x=2, fontSize=12, color=charts.TEXT_COLOUR
    ).encode(y=y, text="label:N")
    share = f"{expr['total_co2e_kg']} / ({defaults['consumption_co2_t']!r} * 1000)"
    year_of_co2 = defaults["consumption_co2_year"]
    readout = charts.readout(
        [
            vega_text(
                tr("You: {parcels} parcels, {packaging_kg} kg new packaging"),
                parcels=f"format({expr['parcels']}, ',.0f')",
                packaging_kg=f"format({expr['packaging_kg']}, ',.1f')",
            ),
            vega_text(
                tr("= {share} of CO2 per head in China ({year})"),
                share=f"format({share}, '.1%')",
                year=f"'{year_of_co2}'",
            ),
        ],
        # Below the x axis, clear of the bars.
        y_px="height + 44",
        bold="all",
        baseline="top",
    )
    chart = charts.finish(
        alt.layer(bars, labels, *readout).add_params(*params).properties(height=140),
        title=tr("Your cart's parcels: packaging and delivery"),
        source=tr(
            "Chapter 7's factors (Su et al. 2020, Kang et al. 2021, State Post Bureau); World Bank "
            "population; Our World in Data; returns and reuse are assumptions"
        ),
        description=tr(
            "Interactive bar chart. Sliders set how many online orders you make a year, the share you "
            "send back and the share delivered in reused packaging. One bar shows the packaging and "
            "delivery emissions of your parcels in kilograms of CO2-equivalent a year, the other the "
            "average resident of China in {year}. Text gives your parcels, the new packaging they use, and "
            "their emissions as a share of a China resident's consumption-based CO2."
        ).format(year=year),
    )
    return charts.with_model_table(
        chart,
        cart_start_table(defaults, orders),
        caption=tr(
            "Parcels a year, their new packaging, and their packaging and delivery emissions, for you "
            "at the starting settings ({orders:g} orders a year, none sent back, none in reused "
            "packaging) and for the average resident of China in {year} ({year}'s parcels divided by "
            "the population); the last column compares the emissions with China's consumption-based "
            "CO2 per person in {co2_year}. The goods inside the parcels are not counted"
        ).format(orders=orders, year=year, co2_year=year_of_co2),
        titles={
            "who": tr("Who"),
            "parcels": tr("Parcels a year"),
            "packaging_kg": tr("New packaging, kg"),
            "total_co2e_kg": tr("kg CO2e a year"),
            "share_pct": tr("% of CO2 per head ({year})").format(year=year_of_co2),
        },
        model="seckill.models.cart.cart_footprint",
    )


def _who(year: int) -> tuple[str, str]:
    """The calculator's two bars, by name: the reader's parcels and the average resident's."""
    return tr("Your parcels"), tr("Average resident of China, {year}").format(year=year)


def cart_start_table(defaults: dict[str, float], orders: float) -> pd.DataFrame:
    """The calculator's two bars at ``orders`` a year (nothing returned or reused) and the average.

    :func:`footprint_for` for you and for the average resident's parcels, rounded to one decimal;
    ``share_pct`` is the footprint over China's consumption-based CO2 per person.
    """
    rows = []
    you, average = _who(int(defaults["year"]))
    for who, count in ((you, orders), (average, defaults["average_parcels"])):
        result = footprint_for(defaults, count)
        share = 100 * result["total_co2e_kg"] / (defaults["consumption_co2_t"] * 1000)
        rows.append((who, result["parcels"], result["packaging_kg"], result["total_co2e_kg"], share))
    table = pd.DataFrame(rows, columns=["who", "parcels", "packaging_kg", "total_co2e_kg", "share_pct"])
    return table.round(1)


def chapter_numbers() -> dict[str, float]:
    """Every number the conclusion quotes, by name, as floats, from the data package and the models.

    The keys of :func:`cart_defaults`, then the cart model's footprints: ``ten_orders_kg`` (kg
    CO2e a year) and ``ten_orders_packaging_kg`` (kg of new packaging) for ten orders a year;
    ``average_check_kg``, kg CO2e for the average resident's parcels, and ``average_share_pct``,
    that as a percentage of China's consumption-based CO2 per person; ``per_parcel_g_co2e``, grams
    of CO2e for one parcel.
    """
    defaults = cart_defaults()
    numbers = {key: float(value) for key, value in defaults.items()}
    ten = footprint_for(defaults, 10)
    numbers["ten_orders_kg"] = ten["total_co2e_kg"]
    numbers["ten_orders_packaging_kg"] = ten["packaging_kg"]
    average = footprint_for(defaults, defaults["average_parcels"])
    numbers["average_check_kg"] = average["total_co2e_kg"]
    numbers["average_share_pct"] = 100 * average["total_co2e_kg"] / (defaults["consumption_co2_t"] * 1000)
    numbers["per_parcel_g_co2e"] = footprint_for(defaults, 1)["total_co2e_kg"] * 1000
    # Plain floats: the page formats each one, and numpy scalars would not format.
    return {key: float(value) for key, value in numbers.items()}
