"""Chapter 3, "Selling poverty alleviation": the data shaping and charts behind rural live selling.

Functions named ``*_table`` return tidy DataFrames from the data package; ``*_chart`` functions
take those tables (or model defaults) and return Altair charts. The narrative page and the
notebook call the same functions, so both show the same numbers.

The two explorer charts compute the value-chain split and the capacity arithmetic in the browser
with Vega expressions that mirror :mod:`seckill.models.value_chain` and :mod:`seckill.models.capacity`; every
slider is bounded so the expressions never divide by zero, and a setting whose costs exceed the
price says so on the chart instead of drawing a negative share.
"""

from __future__ import annotations

import json

import altair as alt
import pandas as pd

from seckill import charts, data, i18n
from seckill.controls import Slider
from seckill.i18n import mark, tr
from seckill.models import capacity, value_chain

ASSUMPTION_NOTE = mark("grey-labelled inputs are assumptions")
# Headers the "Show the numbers" tables make from field names that no chart titles
# (seckill.charts.tables.readable_name), marked so that the catalogue translates them.
TABLE_HEADERS = (mark("Channel"),)

# Eight parts, eight Okabe–Ito colours: the seven of the book's categories with yellow for the seller
# in between, placed next to the maker's black so that the two shares read as one margin split.
PART_COLOURS = dict(
    zip(
        value_chain.PARTS,
        [*charts.CATEGORY_COLOURS[:6], charts.PALETTE["yellow"], charts.CATEGORY_COLOURS[6]],
        strict=True,
    )
)


# --------------------------------------------------------------------------------------------
# Data tables
# --------------------------------------------------------------------------------------------


def taobao_villages_table(villages: pd.DataFrame | None = None) -> pd.DataFrame:
    """AliResearch's Taobao village counts by year, with the cut-off of each count."""
    villages = data.load("taobao_villages") if villages is None else villages
    table = villages[["year", "as_of", "villages", "towns", "source_id", "confidence"]].copy()
    table["year"] = table["year"].astype(int)
    table["villages"] = table["villages"].astype(int)
    return table.sort_values("year").reset_index(drop=True)


def rural_retail_table(rural: pd.DataFrame | None = None, retail: pd.DataFrame | None = None) -> pd.DataFrame:
    """Full-year rural online retail sales, with the rural share of national online retail.

    The share is published only for 2016; for the other MOFCOM years it is derived here as rural
    online retail ÷ national online retail sales (goods and services, NBS, from ``retail_sales``),
    and ``share_status`` says which. Years without a national total, and the one CIEC figure (a
    different compiler), get no share.
    """
    rural = data.load("rural_online_retail") if rural is None else rural
    retail = data.load("retail_sales") if retail is None else retail
    full = rural[rural["period"] == "full year"].copy()
    national = retail[retail["measure"] == "online_retail_total"].set_index("year")["value_rmb_bn"]
    rows = []
    for row in full.itertuples(index=False):
        year = int(row.year)
        published = row.share_of_online_retail_pct
        if pd.notna(published):
            share, status = float(published), mark("published")
        elif row.compiler == "MOFCOM" and year in national.index and pd.notna(national[year]):
            share, status = 100 * float(row.value_rmb_bn) / float(national[year]), mark("derived")
        else:
            share, status = float("nan"), mark("none")
        rows.append((year, float(row.value_rmb_bn), str(row.compiler), share, status, str(row.source_id)))
    return pd.DataFrame(
        rows,
        columns=[
            "year",
            "value_rmb_bn",
            "compiler",
            "share_of_online_retail_pct",
            "share_status",
            "source_id",
        ],
    ).sort_values("year", ignore_index=True)


def key_figures(figures: pd.DataFrame | None = None) -> dict[str, float]:
    """The values of ``rural_key_figures`` by ``figure_id`` (floats)."""
    figures = data.load("rural_key_figures") if figures is None else figures
    return {str(k): float(v) for k, v in zip(figures["figure_id"], figures["value"], strict=True)}


def selling_costs(costs: pd.DataFrame | None = None) -> dict[str, float]:
    """The values of ``selling_costs`` by ``figure_id`` (floats)."""
    costs = data.load("selling_costs") if costs is None else costs
    return {str(k): float(v) for k, v in zip(costs["figure_id"], costs["value"], strict=True)}


def studies_table(studies: pd.DataFrame | None = None) -> pd.DataFrame:
    """The studies of who gains from rural e-commerce, newest first within each group."""
    studies = data.load("rural_ecommerce_studies") if studies is None else studies
    order = {"consumers": 0, "producers": 1, "sellers": 2}
    table = studies.copy()
    table["_group"] = table["who_gains"].map(order)
    return (
        table.sort_values(["_group", "year"], ascending=[True, False])
        .drop(columns="_group")
        .reset_index(drop=True)
    )


# --------------------------------------------------------------------------------------------
# Model defaults: sourced where a source exists, otherwise labelled assumptions
# --------------------------------------------------------------------------------------------


def value_chain_defaults(costs: dict[str, float] | None = None) -> dict[str, float]:
    """Default inputs for :func:`seckill.models.value_chain.split_price`, plus ``price_rmb`` and
    ``hours_per_item``.

    Sourced: the host commission (top hosts charge "20 % or more", The Information), the
    delivery cost (average express revenue per parcel, derived from State Post Bureau data) and the
    share of the margin kept by the shop or cooperative that sells the makers' work (20 % in one
    documented Dong cloth shop, China.org.cn 2018; under 20 % in one county's streams, CGTN 2019).
    The slot fee is an **assumption** scaled so that it takes the same share of sales as in the one
    documented deal (SCMP, 2020): ``share × price × units``. Everything else is an assumption from
    :data:`seckill.models.value_chain.ASSUMPTIONS`.
    """
    costs = selling_costs() if costs is None else costs
    assumed = value_chain.ASSUMPTIONS
    slot_share = costs["slot_fee_case_share_pct"] / 100
    return {
        "price_rmb": assumed["price_rmb"],
        "host_commission_pct": costs["host_commission_top_pct"],
        "slot_fee_rmb": round(slot_share * assumed["price_rmb"] * assumed["units_sold"], 2),
        "units_sold": int(assumed["units_sold"]),
        "platform_fee_pct": assumed["platform_fee_pct"],
        "payment_fee_pct": assumed["payment_fee_pct"],
        "delivery_rmb_per_item": costs["express_revenue_per_parcel_rmb"],
        "packaging_rmb_per_item": assumed["packaging_rmb_per_item"],
        "materials_rmb_per_item": assumed["materials_rmb_per_item"],
        "intermediary_pct": costs["intermediary_case_margin_share_pct"],
        "hours_per_item": assumed["hours_per_item"],
    }


# Which defaults are sourced (with their origin); every other input is an assumption.
SOURCED_INPUTS = {
    "host_commission_pct": mark("top hosts' commission, The Information"),
    "delivery_rmb_per_item": mark("average express revenue per parcel, derived from State Post Bureau data"),
    "intermediary_pct": mark("a Dong cloth shop's share of the margin, China.org.cn"),
}


def split_inputs(defaults: dict[str, float]) -> dict[str, float]:
    """The keyword arguments of :func:`seckill.models.value_chain.split_price` from a defaults dict."""
    return {k: v for k, v in defaults.items() if k not in ("price_rmb", "hours_per_item")}


def default_split(defaults: dict[str, float] | None = None) -> pd.DataFrame:
    """The value-chain split at the default inputs."""
    defaults = value_chain_defaults() if defaults is None else defaults
    return value_chain.split_price(defaults["price_rmb"], **split_inputs(defaults))


def capacity_defaults() -> dict[str, float]:
    """Default inputs for :func:`seckill.models.capacity.fulfilment_plan`; all are assumptions."""
    assumed = capacity.ASSUMPTIONS
    return {
        "orders": int(assumed["orders"]),
        "makers": int(assumed["makers"]),
        "hours_per_item": float(assumed["hours_per_item"]),
        "hours_per_day": float(assumed["hours_per_day"]),
        "deadline_days": int(assumed["deadline_days"]),
    }


# The three channels' names, in English; a chart shows them translated.
STAR_HOST_CHANNEL = mark("Star host's live stream")
OWN_SHOP_CHANNEL = mark("Maker's own shop stream")
MARKET_CHANNEL = mark("Local market stall")


def channel_settings(defaults: dict[str, float] | None = None) -> dict[str, dict[str, float]]:
    """Three ways to sell the same item, for :func:`seckill.models.value_chain.compare_channels`.

    - a star host's live stream: the sourced commission and shop share, the assumed slot and platform fees;
    - the maker's own shop stream: no host and no shop in between; same platform, payment and delivery costs;
    - a local market or tourist stall: no fees and no delivery (an **assumption** that ignores
      stall rent and travel).
    """
    d = value_chain_defaults() if defaults is None else defaults
    no_host = {"host_commission_pct": 0.0, "slot_fee_rmb": 0.0}
    online = {
        "platform_fee_pct": d["platform_fee_pct"],
        "payment_fee_pct": d["payment_fee_pct"],
        "delivery_rmb_per_item": d["delivery_rmb_per_item"],
        "packaging_rmb_per_item": d["packaging_rmb_per_item"],
    }
    return {
        STAR_HOST_CHANNEL: {
            **online,
            "host_commission_pct": d["host_commission_pct"],
            "slot_fee_rmb": d["slot_fee_rmb"],
            "intermediary_pct": d["intermediary_pct"],
        },
        OWN_SHOP_CHANNEL: {**online, **no_host},
        MARKET_CHANNEL: {
            **no_host,
            "platform_fee_pct": 0.0,
            "payment_fee_pct": 0.0,
            "delivery_rmb_per_item": 0.0,
            "packaging_rmb_per_item": 0.0,
        },
    }


# --------------------------------------------------------------------------------------------
# Charts of the data
# --------------------------------------------------------------------------------------------


def taobao_villages_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Taobao villages by year as bars, labelled with the count."""
    first, last = table.iloc[0], table.iloc[-1]
    base = alt.Chart(i18n.translate_values(table, ["confidence"])).encode(
        x=alt.X("year:O", title=tr("Year of the count"), axis=alt.Axis(labelAngle=0, labelOverlap=True)),
        y=alt.Y("villages:Q", title=tr("Taobao villages, number")),
        tooltip=[
            alt.Tooltip("year:O", title=tr("Year")),
            alt.Tooltip("as_of:N", title=tr("Count as of")),
            alt.Tooltip("villages:Q", title=tr("Villages"), format=","),
            alt.Tooltip("towns:Q", title=tr("Towns"), format=","),
            alt.Tooltip("confidence:N", title=tr("Confidence")),
        ],
    )
    bars = base.mark_bar(color=charts.MAIN_COLOUR)
    labels = base.mark_text(dy=-6, fontSize=10, color=charts.TEXT_COLOUR).encode(
        text=alt.Text("villages:Q", format=",")
    )
    return charts.finish(
        alt.layer(bars, labels),
        title=tr("Villages that met AliResearch's 'Taobao village' test"),
        source=tr("AliResearch and Nanjing University counts via Xinhua and others (see Data and sources)"),
        description=tr(
            "Bar chart of the number of Taobao villages counted each year, from "
            "{first} in {first_year} to {last:,} in "
            "{last_year}. Counts have different cut-off months and the definition was "
            "tightened in 2020."
        ).format(
            first=int(first["villages"]),
            first_year=int(first["year"]),
            last=int(last["villages"]),
            last_year=int(last["year"]),
        ),
    )


def rural_retail_chart(table: pd.DataFrame) -> alt.Chart:
    """Rural online retail sales by year; colour says who compiled each figure."""
    first, last = table.iloc[0], table.iloc[-1]
    value = i18n.reader_unit("value_rmb_bn")
    shown = i18n.translate_values(i18n.in_reader_units(table, [value.name]), ["compiler", "share_status"])
    return charts.finish(
        alt.Chart(shown)
        .mark_bar()
        .encode(
            x=alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0)),
            y=alt.Y(f"{value.field}:Q", title=tr("Rural online retail sales, billion yuan")),
            color=alt.Color(
                "compiler:N",
                title=tr("Compiled by"),
                scale=alt.Scale(
                    domain=[tr("MOFCOM"), tr("CIEC")], range=[charts.MAIN_COLOUR, charts.PALETTE["orange"]]
                ),
            ),
            tooltip=[
                alt.Tooltip("year:O", title=tr("Year")),
                alt.Tooltip(f"{value.field}:Q", title=tr("Billion yuan"), format=value.format(",.0f")),
                alt.Tooltip("compiler:N", title=tr("Compiled by")),
            ],
        ),
        title=tr("Online retail sales in rural China"),
        source=tr("Ministry of Commerce (MOFCOM) and CIEC, via Xinhua and others (see Data and sources)"),
        description=tr(
            "Bar chart of online retail sales by rural sellers in billion yuan, from "
            "{first:,.0f} in {first_year} to {last:,.0f} in "
            "{last_year}; years without a published full-year figure are left out."
        ).format(
            first=value.value(first["value_rmb_bn"]),
            first_year=int(first["year"]),
            last=value.value(last["value_rmb_bn"]),
            last_year=int(last["year"]),
        ),
    )


def rural_share_chart(table: pd.DataFrame) -> alt.LayerChart:
    """Rural online retail as a share of national online retail; derived values drawn hollow."""
    shares = table[table["share_status"] != "none"]
    published, derived = tr("published"), tr("derived")
    # The sales are not drawn, only listed in the table and the tooltip, in the reader's unit (亿元).
    value = i18n.reader_unit("value_rmb_bn")
    shown = i18n.translate_values(i18n.in_reader_units(shares, [value.name]), ["compiler", "share_status"])
    base = alt.Chart(shown).encode(
        x=alt.X("year:O", title=tr("Year"), axis=alt.Axis(labelAngle=0)),
        y=alt.Y(
            "share_of_online_retail_pct:Q",
            title=tr("Rural share of all online retail, %"),
            scale=alt.Scale(domain=[0, 30]),
        ),
    )
    line = base.mark_line(color=charts.MAIN_COLOUR)
    # The theme fills points, so the outline is set explicitly: derived values keep only it.
    points = base.mark_point(
        size=90, filled=True, strokeWidth=2, color=charts.MAIN_COLOUR, stroke=charts.MAIN_COLOUR
    ).encode(
        shape=alt.Shape(
            "share_status:N",
            title=tr("Value"),
            scale=alt.Scale(domain=[published, derived], range=["circle", "diamond"]),
        ),
        fillOpacity=alt.condition(f"datum.share_status == '{derived}'", alt.value(0), alt.value(1)),
        tooltip=[
            alt.Tooltip("year:O", title=tr("Year")),
            alt.Tooltip("share_of_online_retail_pct:Q", title=tr("Share (%)"), format=".1f"),
            alt.Tooltip("share_status:N", title=tr("Value is")),
            alt.Tooltip(
                f"{value.field}:Q",
                title=tr("Rural online retail sales, billion yuan"),
                format=value.format(",.1f"),
            ),
        ],
    )
    low, high = shares["share_of_online_retail_pct"].min(), shares["share_of_online_retail_pct"].max()
    return charts.finish(
        alt.layer(line, points),
        title=tr("Rural sellers' share of China's online retail"),
        source=tr("MOFCOM (2016 share); derived here as rural ÷ national online retail (MOFCOM, NBS)"),
        description=tr(
            "Line chart of rural online retail sales as a percentage of national online retail sales, "
            "between {low:.1f} and {high:.1f} percent in every year shown; the 2016 value is "
            "published, the others are derived and drawn hollow."
        ).format(low=low, high=high),
    )


def _parts() -> list[str]:
    """The value chain's parts in the reader's language, in the model's order."""
    return [tr(part) for part in value_chain.PARTS]


def _split_base(table: pd.DataFrame, y: alt.Y) -> alt.Chart:
    return (
        alt.Chart(i18n.translate_values(table, [column for column in ("part", "channel") if column in table]))
        .mark_bar()
        .encode(
            x=alt.X("rmb_per_item:Q", title=tr("Yuan per item"), stack="zero"),
            y=y,
            color=alt.Color(
                "part:N",
                title=tr("Who gets it"),
                scale=alt.Scale(domain=_parts(), range=list(PART_COLOURS.values())),
            ),
            order=alt.Order("part_order:Q"),
            tooltip=[
                alt.Tooltip("part:N", title=tr("Part")),
                alt.Tooltip("rmb_per_item:Q", title=tr("Yuan per item"), format=".2f"),
                alt.Tooltip("share_of_price_pct:Q", title=tr("Share of price (%)"), format=".1f"),
            ],
        )
    )


def split_chart(split: pd.DataFrame, *, price_rmb: float, hours_per_item: float) -> alt.Chart:
    """One item's price split as a stacked bar (static; for the notebook and the explorer)."""
    table = split.assign(part_order=[value_chain.PARTS.index(p) for p in split["part"]])
    earnings = value_chain.maker_earnings(split, hours_per_item)
    base = _split_base(table, alt.Y("item:N", title=None, axis=None)).transform_calculate(item="'item'")
    return charts.finish(
        base.properties(height=90),
        title=tr("Who gets what from a {price:,.0f}-yuan hand-made item").format(price=price_rmb),
        source=tr("model in seckill.models.value_chain; {note} (see the chapter)").format(
            note=tr(ASSUMPTION_NOTE)
        ),
        description=tr(
            "Stacked bar splitting a price of {price:,.2f} yuan into host commission, slot fee, "
            "platform and payment fees, delivery and packaging, materials, the shop or cooperative's "
            "share of the margin and the maker's labour; "
            "the maker keeps {rmb:.2f} yuan, {share:.0f} "
            "percent, or {per_hour:.2f} yuan an hour."
        ).format(
            price=price_rmb,
            rmb=earnings["rmb_per_item"],
            share=earnings["share_of_price_pct"],
            per_hour=earnings["rmb_per_hour"],
        ),
    )


def channels_chart(table: pd.DataFrame, *, price_rmb: float) -> alt.Chart:
    """The same price split through several channels, one stacked bar per channel."""
    table = table.assign(part_order=[value_chain.PARTS.index(p) for p in table["part"]])
    maker = table[table["part"] == value_chain.MAKER].set_index("channel")["rmb_per_item"]
    channels = list(dict.fromkeys(table["channel"]))
    y = alt.Y("channel:N", title=None, sort=[tr(name) for name in channels], axis=alt.Axis(labelLimit=160))
    kept = i18n.join_items(
        [tr("{channel}: {rmb:.2f} yuan").format(channel=tr(name), rmb=maker[name]) for name in channels], "; "
    )
    return charts.finish(
        _split_base(table, y).properties(height=40 * len(channels) + 30),
        title=tr("The same {price:,.0f}-yuan item sold three ways").format(price=price_rmb),
        source=tr(
            "model in seckill.models.value_chain; channel settings are assumptions except the commission"
        ),
        description=tr(
            "Stacked bars of the price split for each sales channel. The maker keeps {kept}."
        ).format(kept=kept),
    )


# --------------------------------------------------------------------------------------------
# Explorer charts: Vega parameters bound to sliders, computed in the browser
# --------------------------------------------------------------------------------------------

# The value-chain chart's sliders, keyed by the model input each one sets (a key of
# value_chain_defaults). The names are the chart's Vega parameters, which its expressions read;
# the starting values come from the data, so each is given where the chart or explorer is made.
VALUE_CHAIN_CONTROLS: dict[str, Slider] = {
    "price_rmb": Slider("vc_price", mark("Price"), mark("yuan"), 10, 500, 1, None, note=mark("assumption")),
    "host_commission_pct": Slider(
        "vc_commission", mark("Host commission"), mark("% of price"), 0, 50, 1, None
    ),
    "slot_fee_rmb": Slider(
        "vc_slot_fee",
        mark("Slot fee for the stream"),
        mark("yuan"),
        0,
        200_000,
        100,
        None,
        note=mark("assumption"),
    ),
    "units_sold": Slider(
        "vc_units", mark("Items sold in the stream"), "", 50, 10_000, 50, None, note=mark("assumption")
    ),
    "platform_fee_pct": Slider(
        "vc_platform", mark("Platform fee"), mark("%"), 0, 20, 0.5, None, note=mark("assumption")
    ),
    "materials_rmb_per_item": Slider(
        "vc_materials", mark("Materials"), mark("yuan per item"), 0, 100, 1, None, note=mark("assumption")
    ),
    "intermediary_pct": Slider(
        "vc_intermediary", mark("Shop or cooperative keeps"), mark("% of the margin"), 0, 80, 1, None
    ),
    "hours_per_item": Slider(
        "vc_hours", mark("Hours of work per item"), "", 0.5, 12, 0.5, None, note=mark("assumption")
    ),
}


def value_chain_controls(defaults: dict[str, float] | None = None) -> dict[str, Slider]:
    """The value-chain sliders starting at ``defaults`` (by model input; :func:`value_chain_defaults`)."""
    d = value_chain_defaults() if defaults is None else defaults
    return {key: control.starting_at(d[key]) for key, control in VALUE_CHAIN_CONTROLS.items()}


def value_chain_explorer_chart(defaults: dict[str, float] | None = None) -> alt.LayerChart:
    """Sliders for price, commission, slot fee, units, platform fee, materials and hours per item.

    The payment fee and delivery and packaging cost stay at their defaults here (the notebook
    varies them). The split is computed in the browser with the formulas of
    :func:`seckill.models.value_chain.split_price`. When fees and costs exceed the price, the maker's bar is
    empty and the text says by how much the price falls short; the dashed rule marks the price.
    """
    d = value_chain_defaults() if defaults is None else defaults
    params = [control.param() for control in value_chain_controls(d).values()]
    payment_pct = d["payment_fee_pct"]
    delivery = d["delivery_rmb_per_item"] + d["packaging_rmb_per_item"]
    costs = (
        f"(vc_price * (vc_commission + vc_platform + {payment_pct}) / 100 + vc_slot_fee / vc_units"
        f" + {delivery} + vc_materials)"
    )
    formulas = {
        value_chain.HOST_COMMISSION: "vc_price * vc_commission / 100",
        value_chain.SLOT_FEE: "vc_slot_fee / vc_units",
        value_chain.PLATFORM_FEE: "vc_price * vc_platform / 100",
        value_chain.PAYMENT_FEE: f"vc_price * {payment_pct} / 100",
        value_chain.DELIVERY: f"{delivery}",
        value_chain.MATERIALS: "vc_materials",
        value_chain.INTERMEDIARY: f"max(0, vc_price - {costs}) * vc_intermediary / 100",
        value_chain.MAKER: f"max(0, vc_price - {costs}) * (1 - vc_intermediary / 100)",
    }
    expression = "0"
    for part, formula in reversed(formulas.items()):
        # JSON quoting, because "Maker's labour" has an apostrophe.
        expression = f"datum.part == {json.dumps(tr(part), ensure_ascii=False)} ? {formula} : {expression}"
    parts = pd.DataFrame({"part": _parts(), "part_order": range(len(value_chain.PARTS))})
    bars = (
        alt.Chart(parts)
        .transform_calculate(rmb_per_item=expression)
        .transform_window(end="sum(rmb_per_item)", sort=[alt.SortField("part_order")], frame=[None, 0])
        .transform_calculate(
            start="datum.end - datum.rmb_per_item", share="100 * datum.rmb_per_item / vc_price"
        )
        .mark_bar()
        .encode(
            x=alt.X("start:Q", title=tr("Yuan per item")),
            x2="end:Q",
            y=alt.value(92),
            y2=alt.value(140),
            color=alt.Color(
                "part:N",
                title=tr("Who gets it"),
                scale=alt.Scale(domain=_parts(), range=list(PART_COLOURS.values())),
            ),
            tooltip=[
                alt.Tooltip("part:N", title=tr("Part")),
                alt.Tooltip("rmb_per_item:Q", title=tr("Yuan per item"), format=".2f"),
                alt.Tooltip("share:Q", title=tr("Share of price (%)"), format=".1f"),
            ],
        )
    )
    anchor = alt.Chart(pd.DataFrame({"anchor": [0]}))
    price_rule = (
        anchor.transform_calculate(price="vc_price")
        .mark_rule(strokeDash=[5, 3], color=charts.TEXT_COLOUR, strokeWidth=1.5)
        .encode(x=alt.X("price:Q", title=tr("Yuan per item")), y=alt.value(84), y2=alt.value(148))
    )
    margin = f"(vc_price - {costs})"
    maker = f"({margin} * (1 - vc_intermediary / 100))"
    # Short lines: the chart must stay readable at a phone's 390 px.
    line1 = (
        f"{margin} >= 0 ? "
        + charts.vega_text(
            tr("Maker keeps {rmb} yuan an item ({pct}%)"),
            rmb=f"format({maker}, '.2f')",
            pct=f"format(100 * {maker} / vc_price, '.0f')",
        )
        + " : "
        + charts.vega_text(tr("Costs exceed the price by {rmb} yuan:"), rmb=f"format(-{margin}, '.2f')")
    )
    line2 = (
        f"{margin} >= 0 ? "
        + charts.vega_text(
            tr("= {rmb} yuan an hour at {hours} h an item"),
            rmb=f"format({maker} / vc_hours, '.2f')",
            hours="vc_hours",
        )
        + " : "
        + charts.vega_text(tr("the maker pays to sell each item"))
    )
    texts = charts.readout([line1, line2], x_px=4, y_px=16, line_height_px=20, font_size_px=13)
    # One sentence on two short lines, each a whole message so a translation can balance them.
    fixed = [
        tr("Fixed here: payment fee {pct:g}% (assumption),").format(pct=payment_pct),
        tr("delivery {delivery:.2f} + packaging {packaging:.2f} yuan (assumption)").format(
            delivery=d["delivery_rmb_per_item"], packaging=d["packaging_rmb_per_item"]
        ),
    ]
    notes = [
        anchor.mark_text(align="left", x=4, y=y, fontSize=11, color=charts.MUTED_TEXT_COLOUR).encode(
            text=alt.value(line)
        )
        for line, y in zip(fixed, (58, 72), strict=True)
    ]
    chart = charts.finish(
        alt.layer(bars, price_rule, *texts, *notes).add_params(*params).properties(height=170),
        title=tr("Try it: who gets what from one hand-made item"),
        source=tr(
            "commission: The Information; delivery: SPB via Xinhua (derived); shop's share: "
            "China.org.cn; the rest assumptions"
        ),
        description=tr(
            "Interactive stacked bar of one item's price split into host commission, slot fee, platform "
            "fee, payment fee, delivery and packaging, materials, the shop or cooperative's share of the "
            "margin and the maker's labour, with a dashed line at the price. Sliders set the price, "
            "commission, slot fee, items sold, platform fee, materials, the shop's share and hours of "
            "work; text gives what the maker keeps per item and per hour."
        ),
    )
    split = i18n.translate_values(value_chain_start_table(d), ["part"])
    earned = value_chain.maker_earnings(default_split(d), d["hours_per_item"])
    return charts.with_model_table(
        chart,
        split,
        caption=tr(
            "Who gets what from one {price:,.0f}-yuan item; the maker keeps "
            "{rmb:.2f} yuan an item, {per_hour:.2f} yuan an hour at "
            "{hours:g} hours of work an item"
        ).format(
            price=d["price_rmb"],
            rmb=earned["rmb_per_item"],
            per_hour=earned["rmb_per_hour"],
            hours=d["hours_per_item"],
        ),
        titles={
            "part": tr("Who gets it"),
            "rmb_per_item": tr("Yuan per item"),
            "share_of_price_pct": tr("Share of the price, %"),
        },
        model="seckill.models.value_chain.split_price",
    )


PRICE_PAID = mark("Price paid (all parts)")


def value_chain_start_table(defaults: dict[str, float] | None = None) -> pd.DataFrame:
    """The value-chain explorer's bar at its starting settings, rounded as the chart shows them.

    Columns ``part``, ``rmb_per_item`` (yuan, 2 decimals) and ``share_of_price_pct`` (1 decimal),
    one row per part of :func:`seckill.models.value_chain.split_price` and a last row for the whole price.
    """
    d = value_chain_defaults() if defaults is None else defaults
    split = default_split(d)
    total = pd.DataFrame(
        {"part": [PRICE_PAID], "rmb_per_item": [d["price_rmb"]], "share_of_price_pct": [100.0]}
    )
    table = pd.concat([split, total], ignore_index=True)
    return table.round({"rmb_per_item": 2, "share_of_price_pct": 1})


# The capacity chart's sliders, keyed by the input of capacity.fulfilment_plan each one sets; all
# are assumptions, and they start at capacity_defaults() (or the defaults the chart is given).
CAPACITY_CONTROLS: dict[str, Slider] = {
    "orders": Slider(
        "cap_orders", mark("Orders from the stream"), "", 100, 10_000, 100, None, note=mark("assumption")
    ),
    "makers": Slider("cap_makers", mark("Makers"), "", 1, 200, 1, None, note=mark("assumption")),
    "hours_per_item": Slider(
        "cap_hours_item", mark("Hours of work per item"), "", 0.5, 12, 0.5, None, note=mark("assumption")
    ),
    "hours_per_day": Slider(
        "cap_hours_day", mark("Working hours per day"), "", 1, 16, 1, None, note=mark("assumption")
    ),
    "deadline_days": Slider(
        "cap_deadline", mark("Days until shipping is due"), "", 1, 60, 1, None, note=mark("assumption")
    ),
}


def capacity_controls(defaults: dict[str, float] | None = None) -> dict[str, Slider]:
    """The capacity sliders starting at ``defaults`` (by model input; :func:`capacity_defaults`)."""
    d = capacity_defaults() if defaults is None else defaults
    return {key: control.starting_at(d[key]) for key, control in CAPACITY_CONTROLS.items()}


CAPACITY_HORIZON_DAYS = 60


def capacity_explorer_chart(defaults: dict[str, float] | None = None) -> alt.LayerChart:
    """Items made day by day against the orders, with the shipping deadline; all inputs on sliders.

    The formulas are those of :func:`seckill.models.capacity.fulfilment_plan`: daily output is
    makers × hours per day ÷ hours per item, whole items only, capped at the orders.
    """
    d = capacity_defaults() if defaults is None else defaults
    params = [control.param() for control in capacity_controls(d).values()]
    daily = "(cap_makers * cap_hours_day / cap_hours_item)"
    days = pd.DataFrame({"day": range(CAPACITY_HORIZON_DAYS + 1)})
    x = alt.X(
        "day:Q",
        title=tr("Working days after the sale"),
        scale=alt.Scale(domain=[0, CAPACITY_HORIZON_DAYS]),
        axis=alt.Axis(tickMinStep=1),
    )
    y_title = tr("Items, number")
    made = (
        alt.Chart(days)
        .transform_calculate(made=f"min(cap_orders, floor({daily} * datum.day + 1e-9))")
        .mark_line(color=charts.MAIN_COLOUR)
        .encode(
            x=x,
            y=alt.Y("made:Q", title=y_title),
            tooltip=[
                alt.Tooltip("day:Q", title=tr("Day")),
                alt.Tooltip("made:Q", title=tr("Items made"), format=","),
            ],
        )
    )
    anchor = alt.Chart(pd.DataFrame({"anchor": [0]}))
    orders_rule = (
        anchor.transform_calculate(orders="cap_orders")
        .mark_rule(color=charts.HIGHLIGHT_COLOUR, strokeDash=[6, 3], strokeWidth=2)
        .encode(y=alt.Y("orders:Q", title=y_title))
    )
    orders_label = (
        anchor.transform_calculate(
            orders="cap_orders",
            label=charts.vega_text(tr("orders: {orders}"), orders="format(cap_orders, ',')"),
        )
        .mark_text(align="right", dy=-7, x="width", color=charts.HIGHLIGHT_COLOUR, fontSize=12)
        .encode(y=alt.Y("orders:Q", title=y_title), text="label:N")
    )
    deadline_rule = (
        anchor.transform_calculate(deadline="cap_deadline")
        .mark_rule(color=charts.TEXT_COLOUR, strokeDash=[2, 3])
        .encode(x=alt.X("deadline:Q", title=tr("Working days after the sale")))
    )
    # An invisible point keeps head-room above the orders line for the text.
    headroom = (
        anchor.transform_calculate(top="cap_orders * 1.7")
        .mark_point(opacity=0)
        .encode(x=alt.value(0), y=alt.Y("top:Q", title=y_title))
    )
    on_time = f"min(cap_orders, floor({daily} * cap_deadline + 1e-9))"
    days_needed = f"cap_orders / {daily}"
    makers_needed = "max(1, ceil(cap_orders * cap_hours_item / (cap_hours_day * cap_deadline) - 1e-9))"
    # Short lines: the chart must stay readable at a phone's 390 px.
    lines = [
        charts.vega_text(tr("All orders take {days} working days"), days=f"format({days_needed}, '.1f')"),
        (
            f"{on_time} >= cap_orders ? "
            + charts.vega_text(tr("Day {day}: every order is made"), day="cap_deadline")
            + " : "
            + charts.vega_text(
                tr("Day {day}: {orders} orders not made"),
                day="cap_deadline",
                orders=f"format(cap_orders - {on_time}, ',')",
            )
        ),
        charts.vega_text(
            tr("On time: {makers} makers, or {hours} h a day"),
            makers=f"format({makers_needed}, ',')",
            hours="format(cap_orders * cap_hours_item / (cap_makers * cap_deadline), '.1f')",
        ),
    ]
    texts = charts.readout(lines, x_px=4, y_px=14, font_size_px=12.5)
    chart = charts.finish(
        alt.layer(headroom, made, orders_rule, orders_label, deadline_rule, *texts).add_params(*params),
        title=tr("Try it: can hand-makers fill a live-stream order surge?"),
        source=tr("model in seckill.models.capacity; every input is an assumption"),
        description=tr(
            "Interactive line chart of hand-made items finished by each working day, against a dashed "
            "line at the number of orders and a dotted line at the shipping deadline. Sliders set the "
            "orders, makers, hours per item, working hours per day and the deadline; text gives the "
            "days needed, the orders still unmade at the deadline and the makers or daily hours needed."
        ),
    )
    plan = capacity.fulfilment_plan(**d)
    return charts.with_model_table(
        chart,
        capacity_start_table(d),
        caption=tr(
            "Items made by the end of each working day: {makers:,} makers working "
            "{hours_per_day:g} hours a day at {hours_per_item:g} hours an item make "
            "{items_per_day:.1f} items a day, against {orders:,} orders due on day "
            "{deadline}. All orders take {days:.1f} working days; on day "
            "{deadline}, {unmade:,.0f} orders are not made; making them "
            "all on time takes {makers_needed:,.0f} makers, or "
            "{hours_needed:.1f} hours a day each"
        ).format(
            makers=d["makers"],
            hours_per_day=d["hours_per_day"],
            hours_per_item=d["hours_per_item"],
            items_per_day=plan["items_per_day"],
            orders=d["orders"],
            deadline=d["deadline_days"],
            days=plan["days_to_fulfil"],
            unmade=plan["unmade_by_deadline"],
            makers_needed=plan["makers_needed"],
            hours_needed=plan["hours_per_day_needed"],
        ),
        titles={"day": tr("Working days after the sale"), "items_made": tr("Items made, number")},
        model="seckill.models.capacity.production_path and fulfilment_plan",
    )


def capacity_start_table(defaults: dict[str, float] | None = None) -> pd.DataFrame:
    """The capacity explorer's line at its starting settings: ``day`` 0…60 and ``items_made``."""
    d = capacity_defaults() if defaults is None else defaults
    path = capacity.production_path(
        d["orders"], d["makers"], d["hours_per_item"], d["hours_per_day"], CAPACITY_HORIZON_DAYS
    )
    return path[["day", "items_made"]]


# --------------------------------------------------------------------------------------------
# Every number the chapter's text quotes, computed in one place
# --------------------------------------------------------------------------------------------

DAYS_PER_YEAR = 365
EXERCISE_UNITS_SOLD = 500  # a smaller "limited" run for the slot-fee exercise


def chapter_numbers() -> dict[str, float]:
    """The numbers quoted on the Chapter 3 page, by name, all from the data package and the models.

    Derived values say how they were derived in their name or in the page text: ``*_per_day`` from
    a yearly figure ÷ 365, ``*_ratio`` from one figure ÷ another.
    """
    out: dict[str, float] = {}
    villages = taobao_villages_table().set_index("year")
    first_year, last_year = int(villages.index.min()), int(villages.index.max())
    out |= {
        "villages_first_year": first_year,
        "villages_first": villages.loc[first_year, "villages"],
        "villages_2019": villages.loc[2019, "villages"],
        "villages_last_year": last_year,
        "villages_last": villages.loc[last_year, "villages"],
        "towns_last": villages.loc[last_year, "towns"],
    }
    retail = rural_retail_table().set_index("year")
    shares = retail[retail["share_status"] != "none"]["share_of_online_retail_pct"]
    out |= {
        "rural_2014_rmb_bn": retail.loc[2014, "value_rmb_bn"],
        "rural_2016_rmb_bn": retail.loc[2016, "value_rmb_bn"],
        "rural_2020_rmb_tn": retail.loc[2020, "value_rmb_bn"] / 1000,
        "rural_2022_rmb_tn": retail.loc[2022, "value_rmb_bn"] / 1000,
        "rural_2024_rmb_tn": retail.loc[2024, "value_rmb_bn"] / 1000,
        "rural_2014_2024_ratio": retail.loc[2024, "value_rmb_bn"] / retail.loc[2014, "value_rmb_bn"],
        "rural_share_2016_pct": retail.loc[2016, "share_of_online_retail_pct"],
        "rural_share_min_pct": shares.min(),
        "rural_share_max_pct": shares.max(),
    }
    figures = key_figures()
    out |= {key: figures[key] for key in figures}
    out["poverty_line_rmb_per_day"] = figures["poverty_line_rmb_per_year"] / DAYS_PER_YEAR

    costs = selling_costs()
    out |= {key: costs[key] for key in costs}

    defaults = value_chain_defaults(costs)
    out |= {f"vc_{key}": float(value) for key, value in defaults.items()}
    split = default_split(defaults)
    earned = value_chain.maker_earnings(split, defaults["hours_per_item"])
    hours_per_day = float(capacity.ASSUMPTIONS["hours_per_day"])
    out |= {
        "maker_rmb_per_item": earned["rmb_per_item"],
        "maker_share_pct": earned["share_of_price_pct"],
        "maker_rmb_per_hour": earned["rmb_per_hour"],
        "maker_rmb_per_day": earned["rmb_per_hour"] * hours_per_day,
        "slot_rmb_per_item": value_chain.slot_fee_per_item_rmb(
            defaults["slot_fee_rmb"], defaults["units_sold"]
        ),
        "host_total_rmb_per_item": float(
            split.set_index("part")
            .loc[[value_chain.HOST_COMMISSION, value_chain.SLOT_FEE], "rmb_per_item"]
            .sum()
        ),
    }
    # Exercise: the same slot fee over a smaller run.
    small_run = defaults | {"units_sold": EXERCISE_UNITS_SOLD}
    small_split = value_chain.split_price(small_run["price_rmb"], **split_inputs(small_run))
    out |= {
        "ex_units_small": EXERCISE_UNITS_SOLD,
        "ex_slot_small_rmb_per_item": value_chain.slot_fee_per_item_rmb(
            defaults["slot_fee_rmb"], EXERCISE_UNITS_SOLD
        ),
        "ex_maker_small_rmb_per_item": value_chain.maker_earnings(small_split, defaults["hours_per_item"])[
            "rmb_per_item"
        ],
    }
    parts = split.set_index("part")["rmb_per_item"]
    margin = float(parts[value_chain.INTERMEDIARY] + parts[value_chain.MAKER])
    out |= {
        "host_total_share_pct": 100 * out["host_total_rmb_per_item"] / defaults["price_rmb"],
        "intermediary_rmb_per_item": float(parts[value_chain.INTERMEDIARY]),
        "margin_rmb_per_item": margin,
    }
    # Exercise: the commission at which the maker's share halves. The maker gets a fixed fraction of
    # the margin, so the margin must halve; each point of commission takes price / 100 yuan from it.
    out["ex_commission_halving_pct"] = defaults["host_commission_pct"] + (margin / 2) / (
        defaults["price_rmb"] / 100
    )

    channels = value_chain.compare_channels(
        defaults["price_rmb"],
        channel_settings(defaults),
        materials_rmb_per_item=defaults["materials_rmb_per_item"],
        units_sold=defaults["units_sold"],
    )
    maker = channels[channels["part"] == value_chain.MAKER].set_index("channel")["rmb_per_item"]
    out |= {
        "channel_host_rmb": maker["Star host's live stream"],
        "channel_own_rmb": maker["Maker's own shop stream"],
        "channel_market_rmb": maker["Local market stall"],
    }

    cap = capacity_defaults()
    plan = capacity.fulfilment_plan(**cap)
    out |= {f"cap_{key}": float(value) for key, value in cap.items()}
    out |= {f"plan_{key}": float(value) for key, value in plan.items()}

    studies = studies_table()
    out |= {
        "studies_n": len(studies),
        "studies_consumers_n": int((studies["who_gains"] == "consumers").sum()),
        "studies_income_n": int(studies["who_gains"].isin(["producers", "sellers"]).sum()),
    }
    return {key: float(value) for key, value in out.items()}


# --- The notebook's sentences ----------------------------------------------------------------------
# What the notebook prints, written here so that a Chinese kernel prints it in Chinese.


def sourced_inputs_text() -> str:
    """The sourced defaults, one a line: the input's name (code) and where its value comes from."""
    return "\n".join(
        tr("Sourced: {name} ({origin})").format(name=name, origin=tr(origin))
        for name, origin in SOURCED_INPUTS.items()
    )


def derived_share_text(derived_pct: float, published_pct: float) -> str:
    """A share of online retail derived from two published totals, beside the one published with them."""
    return tr("Derived 2016 share: {derived:.1f} % (published: {published:.1f} %)").format(
        derived=derived_pct, published=published_pct
    )


def maker_keeps_text(earned: dict[str, float]) -> str:
    """What the maker keeps, from :func:`seckill.models.value_chain.maker_earnings`."""
    return tr("The maker keeps {rmb:.2f} yuan an item, {per_hour:.2f} an hour").format(
        rmb=earned["rmb_per_item"], per_hour=earned["rmb_per_hour"]
    )


def makers_line(makers: int, days: float, orders: int) -> str:
    """One line: how many working days ``makers`` makers need for ``orders`` orders."""
    return tr("{makers:>4} makers: {days:5.1f} working days for {orders:,} orders").format(
        makers=makers, days=days, orders=orders
    )
