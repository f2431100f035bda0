"""Chapter 7, the footprint of a parcel: published estimates, and the parcel calculator on the page.

The calculator is interactive on the static page (Vega-Lite parameters bound to sliders); its
formulas are those of :func:`seckill.models.parcels.parcel_footprint`, written as Vega expressions
(:func:`parcel_expressions`), and the tests check the two agree."""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.charts import vega_text
from seckill.controls import Slider
from seckill.i18n import in_reader_units, mark, reader_unit, tr, translate_values
from seckill.models import parcels

CALCULATOR_MAX_MT = 200  # top of the parcel calculator's axis; the sliders cannot exceed it
# The calculator's sliders. Parcels and grams start at the year's figures (given with the data);
# reuse, recycling and distance are the reader's assumptions: none extra, none, the 2018 average.
PARCELS_BN = Slider("parcels_bn", mark("Parcels a year"), mark("billions"), 10, 250, 0.5, None)
GRAMS = Slider("grams", mark("Packaging per parcel"), mark("grams"), 50, 400, 1, None)
REUSE_PCT = Slider(
    "reuse_pct", mark("Extra reuse"), mark("% of parcels"), 0, 90, 5, 0, note=mark("assumption")
)
RECYCLE_PCT = Slider(
    "recycle_pct", mark("Recycled"), mark("% of packaging"), 0, 100, 5, 0, note=mark("assumption")
)
DISTANCE = Slider(
    "distance", mark("Distance"), mark("× 2018 average"), 0.5, 2.5, 0.1, 1.0, note=mark("assumption")
)


# The names _short_study gives the studies in the data, marked for the catalogue: a chart shows
# them translated (a study added to the data needs its short name here).
SHORT_STUDY_NAMES = (
    mark("Greenpeace 2019"),
    mark("Kang et al. 2021"),
    mark("MDPI"),
    mark("SCMP 2021"),
    mark("Su et al. 2020"),
)


def _short_study(study: str) -> str:
    """A label short enough for a phone: the study's name without its parenthesis, NGOs abbreviated."""
    short = study.split(" (")[0].replace("Greenpeace East Asia / ACEF / BFFP China", "Greenpeace et al.")
    return short.replace("Sustainability 17(11):5102", "MDPI").replace("Greenpeace et al.", "Greenpeace")


def _scope_group(scope: str) -> str:
    return tr("Transport") if "transport" in scope.lower() else tr("Packaging")


# The units of the emissions estimates, as the chart writes them: in 万吨 in Chinese, like its values.
ESTIMATE_UNITS = {"Mt CO2": mark("Mt CO2 a year"), "Mt CO2e": mark("Mt CO2e a year")}


def emission_estimates_chart(estimates: pd.DataFrame) -> alt.Chart:
    """Each published emissions estimate (Mt CO2 or CO2e) as a dot, by study, scope and kind.

    The values are shown in the reader's unit (万吨, ×100, in Chinese), so the unit each row
    states is written in it too (:data:`ESTIMATE_UNITS`); a unit not listed there stops the chart.
    """
    rows = estimates[estimates["quantity"] == "emissions"].copy()
    unknown = sorted(set(rows["unit"]) - set(ESTIMATE_UNITS))
    if unknown:
        raise ValueError(f"emissions estimates in {unknown}: add the unit to ESTIMATE_UNITS")
    value = reader_unit("value_mt")
    rows = in_reader_units(
        rows.rename(columns={"value": value.name}).astype({value.name: float}), [value.name]
    )
    rows["unit"] = rows["unit"].map(lambda unit: tr(ESTIMATE_UNITS[unit]))
    rows["scope_group"] = [_scope_group(s) for s in rows["scope"]]
    # The kind goes into the label, not a second legend, so the chart fits a phone's width.
    rows["label"] = [
        (tr("{study}: {year} (proj.)") if k == "projection" else tr("{study}: {year}")).format(
            study=tr(_short_study(s)), year=y
        )
        for s, y, k in zip(rows["study"], rows["year"], rows["kind"], strict=True)
    ]
    # The estimate's id is the data's key, not a text for the reader.
    rows = translate_values(
        rows.drop(columns=["estimate_id"]),
        ["study", "quantity", "scope", "method", "kind", "confidence", "note"],
    )
    kinds = [tr("estimate"), tr("projection")]
    chart = (
        alt.Chart(rows)
        .mark_point(size=110, filled=True)
        .encode(
            x=alt.X(f"{value.field}:Q", title=tr("Mt CO2 or CO2e a year"), scale=alt.Scale(zero=True)),
            y=alt.Y("label:N", title=None, sort=alt.EncodingSortField("year"), axis=alt.Axis(labelLimit=220)),
            color=alt.Color("scope_group:N", title=tr("What is counted")),
            shape=alt.Shape(
                "kind:N",
                scale=alt.Scale(domain=kinds, range=["circle", "triangle-up"]),
                legend=None,
            ),
            tooltip=[
                alt.Tooltip("label:N", title=tr("Study and year")),
                alt.Tooltip("study:N", title=tr("Study")),
                alt.Tooltip("year:Q", title=tr("Year"), format="d"),
                alt.Tooltip(f"{value.field}:Q", title=tr("Value"), format=value.format(",.1f")),
                alt.Tooltip("unit:N", title=tr("Unit")),
                alt.Tooltip("scope:N", title=tr("Scope")),
                alt.Tooltip("method:N", title=tr("Method")),
                alt.Tooltip("kind:N", title=tr("Kind")),
            ],
        )
    )
    return charts.finish(
        chart,
        title=tr("Published estimates of express delivery's emissions in China"),
        source=tr("Su et al. 2020; Kang et al. 2021; Greenpeace East Asia et al. 2019; MDPI 2025; SCMP 2021"),
        description=tr(
            "Dot chart of {rows} published estimates of emissions from China's express delivery, "
            "in million tonnes of CO2 or CO2-equivalent, labelled by study and year; colour "
            "shows whether packaging or transport is counted, and triangles mark projections."
        ).format(rows=len(rows)),
    )


def parcel_expressions(defaults: dict[str, float]) -> dict[str, str]:
    """The calculator's formulas as Vega expressions over its slider parameters.

    Parameters: ``parcels_bn``, ``grams``, ``reuse_pct``, ``recycle_pct`` and ``distance``. The
    expressions use only arithmetic, so the tests can evaluate them in Python and compare them with
    :func:`seckill.models.parcels.parcel_footprint`.
    """
    # Billions of parcels × grams = thousands of tonnes, so ÷ 1000 gives million tonnes (Mt).
    new_packaging_mt = "(parcels_bn * grams * (1 - reuse_pct / 100) / 1000)"
    packaging_mt = f"({new_packaging_mt} * {defaults['packaging_t_co2e_per_t']!r})"
    transport_mt = f"(parcels_bn * {defaults['transport_kg_co2e_per_parcel']!r} * distance)"
    total_mt = f"({packaging_mt} + {transport_mt})"
    return {
        "new_packaging_mt": new_packaging_mt,
        "waste_not_recycled_mt": f"({new_packaging_mt} * (1 - recycle_pct / 100))",
        "packaging_mt": packaging_mt,
        "transport_mt": transport_mt,
        "total_mt": total_mt,
        "kg_per_person": f"({total_mt} * 1e9 / {defaults['population']!r})",
    }


def parcel_calculator_chart(defaults: dict[str, float]) -> alt.LayerChart:
    """A parcel footprint calculator that runs in the browser: five sliders, two bars and a readout.

    Same formulas as :func:`seckill.models.parcels.parcel_footprint`. The packaging factors are derived
    from Su et al. (2020) and the 2018 parcel count, the transport factor is Kang et al.'s (2021);
    reuse, recycling and distance are the reader's assumptions and the sliders say so.
    """
    grams_default = round(defaults["packaging_g_per_parcel"])
    params = [
        PARCELS_BN.param(defaults["parcels_bn"]),
        GRAMS.param(grams_default),
        REUSE_PCT.param(),
        RECYCLE_PCT.param(),
        DISTANCE.param(),
    ]
    expr = parcel_expressions(defaults)
    new_packaging_mt, packaging_mt, transport_mt = (
        expr["new_packaging_mt"],
        expr["packaging_mt"],
        expr["transport_mt"],
    )
    total, per_person = expr["total_mt"], expr["kg_per_person"]
    # Million tonnes in English, 万吨 (×100) in Chinese: the browser converts what it shows.
    mt = reader_unit("co2e_mt")
    # Short labels so that the plot keeps its width on a phone.
    components = pd.DataFrame({"component": [tr("Packaging"), tr("Transport")], "packaging": [True, False]})
    bars = (
        alt.Chart(components)
        .transform_calculate(co2e_mt=mt.expression(f"datum.packaging ? {packaging_mt} : {transport_mt}"))
        .mark_bar()
        .encode(
            y=alt.Y(
                "component:N",
                title=None,
                axis=alt.Axis(labelLimit=200),
                # Room above the bars for the two lines of the readout.
                scale=alt.Scale(paddingOuter=0.9, paddingInner=0.25),
            ),
            x=alt.X(
                "co2e_mt:Q",
                title=tr("Emissions, Mt CO2e a year"),
                scale=alt.Scale(domain=[0, mt.value(CALCULATOR_MAX_MT)]),
                axis=alt.Axis(tickCount=5),
            ),
            color=alt.Color("component:N", title=None, legend=None),
            tooltip=[
                alt.Tooltip("component:N", title=tr("Emissions from")),
                alt.Tooltip("co2e_mt:Q", title=tr("Mt CO2e"), format=mt.format(",.1f")),
            ],
        )
    )
    readout = charts.readout(
        [
            vega_text(
                tr("Total {total} Mt CO2e, {per_person} kg/person"),
                total=f"format({mt.expression(total)}, '{mt.format(',.1f')}')",
                per_person=f"format({per_person}, ',.0f')",
            ),
            vega_text(
                tr("Packaging {new} Mt, {unrecycled} Mt unrecycled"),
                new=f"format({mt.expression(new_packaging_mt)}, '{mt.format(',.1f')}')",
                unrecycled=f"format({mt.expression(expr['waste_not_recycled_mt'])}, '{mt.format(',.1f')}')",
            ),
        ],
        x_px=4,
        y_px=6,
        bold="all",
        baseline="top",
    )
    chart = charts.finish(
        alt.layer(bars, *readout).add_params(*params).properties(height=220),
        title=tr("Parcel footprint calculator"),
        source=tr(
            "factors derived from Su et al. 2020 and the 2018 parcel count; transport from Kang "
            "et al. 2021; population World Bank {year}; reuse, recycling and distance are "
            "assumptions"
        ).format(year=int(defaults["year"])),
        description=tr(
            "Interactive bar chart. Sliders set parcels a year, grams of packaging per parcel, "
            "and three assumptions: extra reuse, recycling and delivery distance. Two bars show "
            "emissions from making new packaging and from transport, in million tonnes of "
            "CO2-equivalent, and text gives the total, the amount per person and the packaging "
            "left unrecycled."
        ),
    )
    start = parcel_calculator_start(defaults)
    table = in_reader_units(
        pd.DataFrame(
            {
                "component": [tr("Packaging"), tr("Transport"), tr("Total")],
                "co2e_mt": [
                    start[key] / 1e6 for key in ("packaging_co2e_t", "transport_co2e_t", "total_co2e_t")
                ],
                "kg_per_person": [
                    start[key] * 1000 / defaults["population"]
                    for key in ("packaging_co2e_t", "transport_co2e_t", "total_co2e_t")
                ],
            }
        ),
        [mt.name],
    ).round({mt.field: mt.decimals(1), "kg_per_person": 1})
    return charts.with_model_table(
        chart,
        table,
        caption=tr(
            "Emissions of {parcels_bn:g} billion parcels a year ({year}) at {grams_default} g of "
            "packaging each, no extra reuse or recycling and the 2018 average distance; they use "
            "{new_packaging_mt:.1f} Mt of new packaging, {waste_not_recycled_mt:.1f} Mt of it not "
            "recycled"
        ).format(
            parcels_bn=defaults["parcels_bn"],
            parcels_yi=defaults["parcels_bn"] * 10,  # in 亿 (10^8), for a Chinese translation
            year=int(defaults["year"]),
            grams_default=grams_default,
            # In Mt, and in 万吨 for a Chinese translation (i18n.chinese_scale_names).
            new_packaging_mt=start["new_packaging_t"] / 1e6,
            new_packaging_wan_t=start["new_packaging_t"] / 1e4,
            waste_not_recycled_mt=start["waste_not_recycled_t"] / 1e6,
            waste_not_recycled_wan_t=start["waste_not_recycled_t"] / 1e4,
        ),
        titles={
            "component": tr("Emissions from"),
            mt.field: tr("Mt CO2e a year"),
            "kg_per_person": tr("kg CO2e per person"),
        },
        model="seckill.models.parcels.parcel_footprint",
    )


def parcel_calculator_start(defaults: dict[str, float]) -> dict[str, float]:
    """:func:`seckill.models.parcels.parcel_footprint` at the calculator's starting settings.

    Those are the latest parcel count, the packaging grams rounded to the slider's whole grams, no
    extra reuse or recycling and the 2018 average distance. Tonnes and kg as the model returns them.
    """
    return parcels.parcel_footprint(
        defaults["parcels_bn"] * 1e9,
        packaging_g_per_parcel=round(defaults["packaging_g_per_parcel"]),
        packaging_t_co2e_per_t=defaults["packaging_t_co2e_per_t"],
        transport_kg_co2e_per_parcel=defaults["transport_kg_co2e_per_parcel"],
        population=defaults["population"],
    )


# --- The notebook's sentences ----------------------------------------------------------------------


def footprint_text(result: dict[str, float]) -> str:
    """Two lines from :func:`seckill.models.parcels.parcel_footprint`: the new packaging and its
    CO2e, and the transport's CO2e (million tonnes; 万吨 in Chinese)."""
    amounts = {
        "material": result["new_packaging_t"],
        "packaging": result["packaging_co2e_t"],
        "transport": result["transport_co2e_t"],
    }
    # Each amount in Mt, and in 万吨 for a Chinese translation (i18n.chinese_scale_names).
    values = {f"{name}_mt": tonnes / 1e6 for name, tonnes in amounts.items()}
    values |= {f"{name}_wan_t": tonnes / 1e4 for name, tonnes in amounts.items()}
    return "\n".join(
        [
            tr("Packaging: {material_mt:.1f} Mt of material, {packaging_mt:.1f} Mt CO2e").format(**values),
            tr("Transport: {transport_mt:.1f} Mt CO2e").format(**values),
        ]
    )
