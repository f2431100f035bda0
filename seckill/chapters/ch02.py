"""Chapter 2, the flash-sale machine: records of star hosts, and the flash-sale model on the page.

Functions named ``*_table`` take the loaded data and return tidy DataFrames; functions named
``*_chart`` return Altair charts. The two interactive charts run the closed form of
:mod:`seckill.models.flash_sale` in the browser (Vega-Lite parameters bound to sliders), so they
work on the static page. Their controls are declared once in
:mod:`seckill.calibrations.flash_sale_inputs`, whose
:func:`~seckill.calibrations.flash_sale_inputs.sale_from_controls` turns the same control values into
a :class:`~seckill.models.flash_sale.FlashSale`, so the page, the notebook and the tests agree.
"""

from __future__ import annotations

import math
from dataclasses import replace

import altair as alt
import numpy as np
import pandas as pd

from seckill import charts, data, i18n
from seckill.calibrations.flash_sale_inputs import (
    AUDIENCE_M,
    BOOST_PCT,
    CONVERSION_PCT_MIN,
    SESSION_MIN,
    STOCK_UNITS,
    default_sale,
)
from seckill.calibrations.singles_day import singles_day_table
from seckill.i18n import mark, tr
from seckill.models import flash_sale

PRESALE_2021_DATE = "2021-10-20"
LIPSTICK_RECORD = "Lipstick sales record"


TIME_DOMAIN_S = (0.1, 1800.0)  # the longest session option, 30 minutes
STOCK_DOMAIN = (10.0, 10_000_000.0)
SELL_OUT_DOMAIN_S = (0.001, 1800.0)

MODEL_NOTE = mark("model with assumed parameters (see text)")
# What the chart calls each part of the order curve (the browser computes which part a time is in).
FILLED = mark("filled")
TURNED_AWAY = mark("turned away (sold out)")
# The outlets that report this chapter's records, by the short name records_table gives them.
OUTLETS = (
    mark("Jiemian"),
    mark("Jing Daily"),
    mark("South China Morning Post"),
    mark("TIME"),
    mark("What's on Weibo"),
    mark("Handelsblatt"),
    mark("Hujiang English"),
)
TAOSJ_NOTE = " (Taosj.com data)"
# Headers the "Show the numbers" tables make from field names that no chart titles
# (seckill.charts.tables.readable_name), marked so that the catalogue translates them.
TABLE_HEADERS = (
    mark("Seller"),
    mark("Orders attempted"),
    mark("Orders filled"),
    mark("Unserved"),
    mark("Peak orders per second"),
)

READOUT_LINE_PX = 17  # between the lines of text the charts compute from the controls


# ---------------------------------------------------------------------------------------------
# Records


def records_table(records: pd.DataFrame | None = None) -> pd.DataFrame:
    """The documented records, with the outlet that reported each figure named in ``reported_by``."""
    records = data.load("live_sale_records") if records is None else records
    publishers = data.sources()["publisher"]
    table = records.copy()

    def reported_by(row) -> str:
        # The short name of each outlet: the publisher up to its first bracket or comma.
        outlets = [
            str(publishers[i]).split(" (")[0].split(",")[0] for i in data.split_source_ids(row["source_id"])
        ]
        names = " and ".join(dict.fromkeys(outlets))
        return names + (TAOSJ_NOTE if row["kind"] == "third-party estimate" else "")

    table["reported_by"] = table.apply(reported_by, axis=1)
    return table


def reported_by_text(reported_by: str) -> str:
    """A ``reported_by`` cell of :func:`records_table` in the reader's language: each outlet's name
    (translated where Chinese has one) and the note on tracker data, written as the language lists."""
    if not i18n.is_chinese():
        return reported_by
    tracker = reported_by.endswith(TAOSJ_NOTE)
    outlets = reported_by.removesuffix(TAOSJ_NOTE).split(" and ")
    names = i18n.join_words([tr(outlet) for outlet in outlets])
    return tr("{outlets} (Taosj.com data)").format(outlets=names) if tracker else names


def _records_for_reader(table: pd.DataFrame, texts: list[str], quantities: list[str]) -> pd.DataFrame:
    """A table of records as a chart shows it: texts translated, quantities in the reader's unit."""
    shown = i18n.translate_values(i18n.in_reader_units(table, quantities), texts)
    if "reported_by" in shown.columns:
        shown["reported_by"] = shown["reported_by"].map(reported_by_text)
    return shown


def lipstick_table(records: pd.DataFrame | None = None) -> pd.DataFrame:
    """Li Jiaqi's lipstick record in each version found, with the average order rate it implies.

    ``implied_orders_per_s`` = units ÷ (minutes × 60): derived here, assuming one lipstick per order.
    """
    table = records_table(records)
    rows = table[(table["event"] == LIPSTICK_RECORD) & (table["metric"] == "units_sold")]
    out = pd.DataFrame(
        {
            "record_id": rows["record_id"].astype(str).to_numpy(),
            "units": rows["value"].astype(float).to_numpy(),
            "minutes": rows["duration_min"].astype(float).to_numpy(),
            "reported_by": rows["reported_by"].astype(str).to_numpy(),
            "confidence": rows["confidence"].astype(str).to_numpy(),
            "source_id": rows["source_id"].astype(str).to_numpy(),
        }
    )
    out["seconds"] = out["minutes"] * 60
    out["implied_orders_per_s"] = out["units"] / out["seconds"]
    out["label"] = out["units"].map("{:,.0f}".format) + " in " + out["minutes"].map("{:.0f} min".format)
    return out.sort_values("minutes").reset_index(drop=True)


AS_STATED = mark("as stated")


def presale_table(records: pd.DataFrame | None = None) -> pd.DataFrame:
    """Sales reported for each host on the first presale evening of Singles' Day 2021, one row per source."""
    table = records_table(records)
    rows = table[(table["event_date"] == PRESALE_2021_DATE) & (table["metric"] == "sales")]
    out = rows[["seller", "qualifier", "value", "kind", "reported_by", "confidence", "source_id"]].copy()
    out = out.rename(columns={"value": "sales_rmb_bn"})
    out["sales_rmb_bn"] = out["sales_rmb_bn"].astype(float)
    out["qualifier"] = out["qualifier"].astype(object).where(out["qualifier"].notna(), AS_STATED)
    return out.sort_values(["seller", "sales_rmb_bn"]).reset_index(drop=True)


def presale_chart(table: pd.DataFrame) -> alt.LayerChart:
    """One dot per reported figure, per host: the spread shows how far the sources disagree."""
    sales = i18n.reader_unit("sales_rmb_bn")
    table = _records_for_reader(table, ["seller", "qualifier", "kind", "confidence"], [sales.name])
    order = table.groupby("seller")[sales.field].max().sort_values(ascending=False).index.tolist()
    y = alt.Y("seller:N", title=None, sort=order)
    spread = table.groupby("seller")[sales.field].agg(low="min", high="max").reset_index()
    bars = (
        alt.Chart(spread)
        .mark_rule(strokeWidth=6, opacity=0.25, color=charts.MAIN_COLOUR)
        .encode(
            y=y,
            x="low:Q",
            x2="high:Q",
            tooltip=[
                alt.Tooltip("seller:N", title=tr("Host")),
                alt.Tooltip(
                    "low:Q", title=tr("Lowest figure reported (bn yuan)"), format=sales.format(",.2f")
                ),
                alt.Tooltip(
                    "high:Q", title=tr("Highest figure reported (bn yuan)"), format=sales.format(",.2f")
                ),
            ],
        )
    )
    dots = (
        alt.Chart(table)
        .mark_point(size=110, filled=True, opacity=0.9)
        .encode(
            y=y,
            x=alt.X(
                f"{sales.field}:Q", title=tr("Sales in one evening, billion yuan"), scale=alt.Scale(zero=True)
            ),
            color=alt.Color("reported_by:N", title=tr("Figure reported by")),
            shape=alt.Shape("kind:N", title=tr("Kind of figure")),
            tooltip=[
                alt.Tooltip("seller:N", title=tr("Host")),
                alt.Tooltip(f"{sales.field}:Q", title=tr("Sales (bn yuan)"), format=sales.format(",.2f")),
                alt.Tooltip("qualifier:N", title=tr("Stated as")),
                alt.Tooltip("reported_by:N", title=tr("Reported by")),
                alt.Tooltip("kind:N", title=tr("Kind")),
                alt.Tooltip("confidence:N", title=tr("Confidence")),
            ],
        )
    )
    leader = spread.sort_values("high").iloc[-1]
    decimals = sales.format(".2f")[1:-1]
    return charts.finish(
        alt.layer(bars, dots).properties(height=180),
        title=tr("Three hosts, one evening: sales reported for {date}").format(
            date=i18n.format_date(PRESALE_2021_DATE)
        ),
        source=tr("Jiemian; Jing Daily citing Taosj.com via Bloomberg; South China Morning Post"),
        description=tr(
            "Dot chart of the sales reported for three live-stream hosts on the first presale evening of "
            "Singles' Day 2021, in billion yuan, one dot per outlet. "
            "{host}'s figures range from {low} to {high} billion "
            "yuan; the third host is far behind. No figure comes from Alibaba; some are tracker estimates."
        ).format(
            host=leader["seller"], low=f"{leader['low']:.{decimals}f}", high=f"{leader['high']:.{decimals}f}"
        ),
    )


def record_value(records: pd.DataFrame, record_id: str) -> float:
    """The value of one record by its id (a KeyError names a missing id)."""
    rows = records.set_index("record_id")["value"]
    return float(rows[record_id])


def concentration_summary(
    records: pd.DataFrame | None = None, alibaba_gmv: pd.DataFrame | None = None
) -> dict:
    """The few public figures on how much of live selling a handful of hosts account for.

    Shares are **derived** here from separately reported figures. The 2019 count of hosts "over
    a billion" is reported but not used for a share: it cannot be squared with the day's total
    (see the row's note in ``data/live_sale_records.csv``).
    """
    records = data.load("live_sale_records") if records is None else records
    gmv = (singles_day_table() if alibaba_gmv is None else alibaba_gmv).set_index("year")["gmv_rmb_bn"]
    live_2019 = record_value(records, "taobao-live-2019-sd-sales")
    hosts = record_value(records, "taobao-live-2019-sd-top-hosts")
    presale = presale_table(records)
    by_host = presale.groupby("seller")["sales_rmb_bn"].agg(["min", "max"])
    top_two = by_host.loc[["Li Jiaqi", "Viya"]]
    return {
        "taobao_live_2019_rmb_bn": live_2019,
        "taobao_live_2019_share_of_alibaba": live_2019 / float(gmv[2019]),
        "hosts_over_1bn": hosts,
        "li_2021_low_rmb_bn": float(by_host.loc["Li Jiaqi", "min"]),
        "li_2021_high_rmb_bn": float(by_host.loc["Li Jiaqi", "max"]),
        "viya_2021_low_rmb_bn": float(by_host.loc["Viya", "min"]),
        "viya_2021_high_rmb_bn": float(by_host.loc["Viya", "max"]),
        "top_two_2021_low_rmb_bn": float(top_two["min"].sum()),
        "top_two_2021_high_rmb_bn": float(top_two["max"].sum()),
        "alibaba_2021_rmb_bn": float(gmv[2021]),
        "top_two_2021_low_share": float(top_two["min"].sum()) / float(gmv[2021]),
        "top_two_2021_high_share": float(top_two["max"].sum()) / float(gmv[2021]),
        "third_host_2021_rmb_bn": float(by_host.drop(["Li Jiaqi", "Viya"])["max"].max()),
    }


# ---------------------------------------------------------------------------------------------
# The model in the browser


def _with_model(chart: alt.Chart, *, with_stock: bool = True) -> alt.Chart:
    """Add the closed form of :mod:`seckill.models.flash_sale` as Vega expressions, field by field.

    n = audience, r = effective rate per second, wanting = n (1 − e^(−r T)), tstar = sell-out time
    −ln(1 − S / n) / r (only used when the stock sells out, where S < n, so it is finite).
    """
    chart = chart.transform_calculate(
        n="audience_m * 1000000",
        r="conversion_pct_min / 6000 * (1 + boost_pct / 100)",
        session="session_min * 60",
    ).transform_calculate(wanting="datum.n * (1 - exp(-datum.r * datum.session))")
    if not with_stock:  # the stock-choice chart varies the stock along its x axis instead
        return chart
    return chart.transform_calculate(sold="stock_units <= datum.wanting").transform_calculate(
        tstar="datum.sold ? -log(1 - stock_units / datum.n) / datum.r : datum.session"
    )


def _duration_text() -> str:
    """A Vega expression writing the sell-out time in seconds, or in minutes from two minutes."""
    return (
        "(datum.tstar < 1 ? "
        + charts.vega_text(tr("{seconds} seconds"), seconds="format(datum.tstar, '.2~r')")
        + " : datum.tstar < 120 ? "
        + charts.vega_text(tr("{seconds} seconds"), seconds="format(datum.tstar, '.3~r')")
        + " : "
        + charts.vega_text(tr("{minutes} minutes"), minutes="format(datum.tstar / 60, '.3~r')")
        + ")"
    )


def _lipstick_versions(lipstick: pd.DataFrame) -> str:
    """The versions of the lipstick record, with who reported each: "15,000 in 5 min (TIME and …), …"."""
    return i18n.join_items(
        [
            tr("{units:,.0f} in {minutes:.0f} min ({outlets})").format(
                units=row.units, minutes=row.minutes, outlets=reported_by_text(row.reported_by)
            )
            for row in lipstick.itertuples()
        ]
    )


def flash_sale_explorer_chart(lipstick: pd.DataFrame) -> alt.LayerChart:
    """Orders per second after the link opens, for the reader's audience, conversion, boost and stock.

    The shaded part is orders that get a unit; after the sell-out (vertical line) orders are turned
    away. Dashed grey lines mark the two versions of Li Jiaqi's lipstick record (5 and 15 minutes).
    """
    t_min, t_max = TIME_DOMAIN_S
    filled, turned_away = tr(FILLED), tr(TURNED_AWAY)
    grid = pd.DataFrame({"time_s": np.geomspace(t_min, t_max, 241)})
    x = alt.X(
        "time_s:Q",
        title=tr("Seconds since the link opened (log scale)"),
        scale=alt.Scale(type="log", domain=list(TIME_DOMAIN_S)),
        axis=alt.Axis(format="~g", values=[0.1, 1, 10, 100, 1000]),
    )
    # Head room above the highest rate keeps the read-out clear of the curve.
    y_scale = alt.Scale(
        domainMin=0,
        domainMax=alt.ExprRef("2 * audience_m * 1000000 * conversion_pct_min / 6000 * (1 + boost_pct / 100)"),
    )
    curve = (
        _with_model(alt.Chart(grid))
        .transform_filter("datum.time_s <= datum.session")
        .transform_calculate(orders_per_s="datum.n * datum.r * exp(-datum.r * datum.time_s)")
        .transform_calculate(
            phase="datum.sold && datum.time_s > datum.tstar ? "
            f"{charts.vega_text(turned_away)} : {charts.vega_text(filled)}"
        )
    )
    phase_colour = alt.Color(
        "phase:N",
        title=tr("Orders"),
        scale=alt.Scale(domain=[filled, turned_away], range=[charts.MAIN_COLOUR, charts.HIGHLIGHT_COLOUR]),
    )
    area = (
        curve.transform_filter(f"datum.phase == {charts.vega_text(filled)}")
        .mark_area(opacity=0.3, color=charts.MAIN_COLOUR)
        .encode(x=x, y=alt.Y("orders_per_s:Q", title=tr("Orders per second"), scale=y_scale))
    )
    line = curve.mark_line().encode(
        x=x,
        y=alt.Y("orders_per_s:Q", scale=y_scale),
        color=phase_colour,
        strokeDash=alt.StrokeDash(
            "phase:N",
            title=tr("Orders"),
            scale=alt.Scale(domain=[filled, turned_away], range=[[1, 0], [6, 3]]),
        ),
        tooltip=[
            alt.Tooltip("time_s:Q", title=tr("Seconds after opening"), format=".3~r"),
            alt.Tooltip("orders_per_s:Q", title=tr("Orders per second"), format=",.0f"),
            alt.Tooltip("phase:N", title=tr("Orders")),
        ],
    )
    sell_out_rule = (
        _with_model(alt.Chart(pd.DataFrame({"anchor": [0]})))
        .transform_filter("datum.sold && datum.tstar >= 0.1")
        .mark_rule(color=charts.HIGHLIGHT_COLOUR, strokeWidth=2)
        .encode(x=alt.X("tstar:Q", scale=alt.Scale(type="log", domain=list(TIME_DOMAIN_S))))
    )
    records = _records_for_reader(lipstick, ["confidence"], []).assign(
        label=[tr("record: {minutes:.0f} min").format(minutes=minutes) for minutes in lipstick["minutes"]]
    )
    record_rules = (
        alt.Chart(records)
        .mark_rule(strokeDash=[4, 4], color=charts.MUTED_TEXT_COLOUR)
        .encode(x=alt.X("seconds:Q", scale=alt.Scale(type="log", domain=list(TIME_DOMAIN_S))))
    )
    record_labels = (
        alt.Chart(records)
        .mark_text(
            angle=270,
            align="left",
            baseline="bottom",
            dx=4,
            dy=-3,
            fontSize=11,
            color=charts.MUTED_TEXT_COLOUR,
        )
        .encode(
            x=alt.X("seconds:Q", scale=alt.Scale(type="log", domain=list(TIME_DOMAIN_S))),
            y=alt.value(300 - 6),
            text="label:N",
        )
    )
    readout = charts.readout(
        [
            "datum.sold ? "
            + charts.vega_text(tr("Sold out after {duration}"), duration=_duration_text())
            + " : "
            + charts.vega_text(
                tr("Not sold out: {sold} of {stock} sold"),
                sold="format(datum.wanting, ',.0f')",
                stock="format(stock_units, ',')",
            ),
            charts.vega_text(
                tr("Busiest second: {orders} orders"), orders="format(datum.n * datum.r, ',.0f')"
            ),
            "datum.sold ? "
            + charts.vega_text(
                tr("Turned away: {share}% of {tried} who tried"),
                share="format(100 * (datum.wanting - stock_units) / datum.wanting, '.0f')",
                tried="format(datum.wanting, ',.0f')",
            )
            + " : "
            + charts.vega_text(tr("Everyone who tried got one")),
        ],
        frame=_with_model(alt.Chart(pd.DataFrame({"anchor": [0]}))),
        x_px=8,
        y_px=12,
        line_height_px=READOUT_LINE_PX,
        font_size_px=13,
    )
    record_units = float(lipstick["units"].iloc[0])
    minutes = sorted(lipstick["minutes"])
    chart = charts.finish(
        alt.layer(area, line, sell_out_rule, record_rules, record_labels, *readout).add_params(
            AUDIENCE_M.param(),
            CONVERSION_PCT_MIN.param(),
            BOOST_PCT.param(),
            STOCK_UNITS.param(),
            SESSION_MIN.param(),
        ),
        title=tr("Try it: how fast does a flash sale sell out?"),
        source=tr("{model}; records: Li Jiaqi's lipsticks, {records}").format(
            model=tr(MODEL_NOTE), records=_lipstick_versions(lipstick)
        ),
        description=tr(
            "Interactive chart. A curve shows the model's orders per second after a flash-sale link opens, "
            "on a logarithmic time axis; the part before the stock runs out is shaded and a vertical line "
            "marks the sell-out. Sliders set the audience, the conversion rate, the boost from scarcity "
            "cues and the stock; a menu sets how long the link stays open. Text on the chart gives the "
            "sell-out time, the busiest second's orders and the share of would-be buyers turned away. "
            "Dashed grey lines mark Li Jiaqi's {units:,.0f}-lipstick record as told in two versions, "
            "{fast:.0f} and {slow:.0f} minutes."
        ).format(units=record_units, fast=minutes[0], slow=minutes[-1]),
    )
    sale = default_sale()
    result = flash_sale.outcome(sale)
    settings = {
        "audience_m": AUDIENCE_M.default,
        "audience_wan": 100 * AUDIENCE_M.default,  # the same in 万, for a Chinese translation
        "conversion": CONVERSION_PCT_MIN.default,
        "boost": BOOST_PCT.default,
        "stock": STOCK_UNITS.default,
        "session": SESSION_MIN.default,
    }
    if result.sells_out:
        caption = tr(
            "Orders at chosen moments of the model sale the chart starts from: "
            "{audience_m:g} million viewers, {conversion:g}% of them ordering a "
            "minute, raised {boost:g}% by scarcity cues, {stock:,} units, the "
            "link open {session} minutes. Seconds since the link opened; orders so far count "
            "every order placed, those turned away too. "
            "Sold out after {sell_out_s:.3g} seconds; busiest second (when the link opens): "
            "{peak:,.0f} orders; turned away: {unserved_pct:.0f}% "
            "of {wanting:,.0f} who tried"
        ).format(
            **settings,
            sell_out_s=result.sell_out_s,
            peak=result.peak_orders_per_s,
            unserved_pct=100 * result.unserved_share,
            wanting=result.wanting_viewers,
        )
    else:
        caption = tr(
            "Orders at chosen moments of the model sale the chart starts from: "
            "{audience_m:g} million viewers, {conversion:g}% of them ordering a "
            "minute, raised {boost:g}% by scarcity cues, {stock:,} units, the "
            "link open {session} minutes. Seconds since the link opened; orders so far count "
            "every order placed, those turned away too. "
            "Not sold out: {wanting:,.0f} of {stock:,} sold; busiest second "
            "(when the link opens): {peak:,.0f} orders"
        ).format(**settings, peak=result.peak_orders_per_s, wanting=result.wanting_viewers)
    return charts.with_model_table(
        chart,
        explorer_start_table(lipstick),
        caption=caption,
        titles={
            "moment": tr("Moment"),
            "time_s": tr("Seconds"),
            "orders_per_s": tr("Orders a second"),
            "orders_so_far": tr("Orders so far"),
            "phase": tr("Orders"),
        },
        model="seckill.models.flash_sale.outcome, order_rate_per_s and expected_orders",
    )


def explorer_start_table(lipstick: pd.DataFrame, sale: flash_sale.FlashSale | None = None) -> pd.DataFrame:
    """The flash-sale explorer's curve at chosen moments, for the sale its controls start from.

    Rows: the link opening (the busiest second), 1 and 10 seconds, the sell-out, each version of
    the lipstick record (the chart's dashed lines) and the link closing, in time order; moments after
    the link closes are left out, as the chart leaves them out. Columns: ``moment``, ``time_s``
    (seconds, 3 significant digits), ``orders_per_s`` and ``orders_so_far`` (order attempts,
    whole numbers, stock aside) and ``phase`` ("filled" or "turned away", the chart's legend
    without its "(sold out)"). Texts are in the reader's language.
    """
    sale = default_sale() if sale is None else sale
    sell_out = flash_sale.sell_out_time_s(sale)
    moments = [(tr("Link opens"), 0.0), (tr("1 second"), 1.0), (tr("10 seconds"), 10.0)]
    if sell_out is not None:
        moments.append((tr("Sold out"), sell_out))
    moments += [
        (tr("Record, {minutes:g}-minute version").format(minutes=row.minutes), row.seconds)
        for row in lipstick.itertuples()
    ]
    moments.append((tr("Link closes"), sale.session_s))
    rows = []
    for moment, time_s in sorted(moments, key=lambda item: item[1]):
        if time_s > sale.session_s:
            continue
        turned_away = sell_out is not None and time_s > sell_out
        rows.append(
            {
                "moment": moment,
                "time_s": float(f"{time_s:.3g}"),
                "orders_per_s": round(flash_sale.order_rate_per_s(sale, time_s)),
                "orders_so_far": round(flash_sale.expected_orders(sale, time_s)),
                "phase": tr("turned away") if turned_away else tr(FILLED),
            }
        )
    return pd.DataFrame(rows)


def stock_choice_chart(lipstick: pd.DataFrame) -> alt.LayerChart:
    """Sell-out time against stock for the reader's audience and conversion: the stock sets the clock."""
    s_min, s_max = STOCK_DOMAIN
    grid = pd.DataFrame({"stock": np.geomspace(s_min, s_max, 241)})
    x_scale = alt.Scale(type="log", domain=list(STOCK_DOMAIN))
    y_scale = alt.Scale(type="log", domain=list(SELL_OUT_DOMAIN_S))
    curve = (
        _with_model(alt.Chart(grid), with_stock=False)
        .transform_filter("datum.stock <= datum.wanting")
        .transform_calculate(sell_out_s="-log(1 - datum.stock / datum.n) / datum.r")
        .transform_filter(f"datum.sell_out_s >= {SELL_OUT_DOMAIN_S[0]}")
        .mark_line(color=charts.MAIN_COLOUR)
        .encode(
            x=alt.X(
                "stock:Q",
                title=tr("Units in stock (log scale)"),
                scale=x_scale,
                axis=charts.large_number_axis(log_scale=True),
            ),
            y=alt.Y(
                "sell_out_s:Q",
                title=tr("Seconds until sold out (log scale)"),
                scale=y_scale,
                axis=alt.Axis(format="~g", values=[0.001, 0.01, 0.1, 1, 10, 100, 1000]),
            ),
            tooltip=[
                alt.Tooltip("stock:Q", title=tr("Units in stock"), format=",.0f"),
                alt.Tooltip("sell_out_s:Q", title=tr("Seconds until sold out"), format=".3~r"),
            ],
        )
    )
    if i18n.is_chinese():
        outlets = lipstick["reported_by"].map(reported_by_text)
    else:
        outlets = lipstick["reported_by"].str.replace(" and ", ", ")
    records = _records_for_reader(lipstick, ["confidence"], []).assign(
        version=[
            tr("in {minutes:.0f} min ({outlets})").format(minutes=minutes, outlets=names)
            for minutes, names in zip(lipstick["minutes"], outlets, strict=True)
        ]
    )
    record_units = float(lipstick["units"].iloc[0])
    points = (
        alt.Chart(records)
        .mark_point(size=90, filled=True, color=charts.PALETTE["orange"], stroke=charts.PALETTE["black"])
        .encode(
            x=alt.X("units:Q", scale=x_scale),
            y=alt.Y("seconds:Q", scale=y_scale),
            shape=alt.Shape(
                "version:N",
                title=tr("Li Jiaqi's {units:,.0f} lipsticks, as reported").format(units=record_units),
            ),
            tooltip=[
                alt.Tooltip("version:N", title=tr("Record")),
                alt.Tooltip("implied_orders_per_s:Q", title=tr("Average orders per second"), format=",.1f"),
            ],
        )
    )
    lines = [
        charts.vega_text(
            tr("Sells out in 10 seconds: {units} units"),
            units="format(datum.n * (1 - exp(-10 * datum.r)), ',.0f')",
        ),
        charts.vega_text(
            tr("Sells out in 1 minute: {units} units"),
            units="format(datum.n * (1 - exp(-60 * datum.r)), ',.0f')",
        ),
        charts.vega_text(tr("Most that sells out at all: {units}"), units="format(datum.wanting, ',.0f')"),
    ]
    # In the bottom right corner, where the curve never runs; positions follow the plot's size, so
    # the text stays inside it on a phone.
    readout = charts.readout(
        lines,
        frame=_with_model(alt.Chart(pd.DataFrame({"anchor": [0]})), with_stock=False),
        align="right",
        x_px="width - 6",
        y_px=f"height - {10 + READOUT_LINE_PX * (len(lines) - 1)}",
        line_height_px=READOUT_LINE_PX,
        font_size_px=13,
    )
    minutes = sorted(lipstick["minutes"])
    chart = charts.finish(
        alt.layer(curve, points, *readout).add_params(
            AUDIENCE_M.param(), CONVERSION_PCT_MIN.param(), BOOST_PCT.param(), SESSION_MIN.param()
        ),
        title=tr("Same viewers, same eagerness: the stock sets the clock"),
        source=tr("{model}; record: as for the chart above").format(model=tr(MODEL_NOTE)),
        description=tr(
            "Interactive chart on logarithmic axes: for the audience, conversion rate, scarcity boost and "
            "session length chosen with the controls, a line shows how many seconds the model takes to "
            "sell out each stock size, from 10 units to 10 million. Small stocks sell out in fractions of "
            "a second and large ones in minutes, with demand unchanged. Text gives the stock that sells "
            "out in 10 seconds and in one minute. Two points mark Li Jiaqi's {units:,.0f}-lipstick record in "
            "its {fast:.0f}-minute and {slow:.0f}-minute versions."
        ).format(units=record_units, fast=minutes[0], slow=minutes[-1]),
    )
    return charts.with_model_table(
        chart,
        stock_choice_start_table(lipstick),
        caption=tr(
            "Seconds until each stock sells out, for the sale the chart starts from: "
            "{audience_m:g} million viewers, {conversion:g}% of them ordering a "
            "minute, raised {boost:g}% by scarcity cues, the link open {session} "
            "minutes. Rows: the powers of ten on the chart's stock axis, Li Jiaqi's record ({units:,.0f} "
            "lipsticks, reported sold in {fast:.0f} and in {slow:.0f} minutes), and the three stocks the "
            "chart's text names. A stock that outlasts the session has no sell-out time (–)"
        ).format(
            audience_m=AUDIENCE_M.default,
            audience_wan=100 * AUDIENCE_M.default,  # the same in 万, for a Chinese translation
            conversion=CONVERSION_PCT_MIN.default,
            boost=BOOST_PCT.default,
            session=SESSION_MIN.default,
            units=record_units,
            fast=minutes[0],
            slow=minutes[-1],
        ),
        titles={"stock": tr("Which stock"), "units": tr("Units"), "sell_out_s": tr("Seconds to sell out")},
        model="seckill.models.flash_sale.sell_out_time_s and stock_selling_out_in",
    )


def stock_choice_start_table(
    lipstick: pd.DataFrame, sale: flash_sale.FlashSale | None = None
) -> pd.DataFrame:
    """The stock-choice chart at its starting settings: sell-out seconds for chosen stocks.

    Rows, in order of stock: each power of ten on the chart's axis, the lipstick record's stock,
    and the three stocks the chart's text names: those that sell out in 10 seconds, in one minute
    and at the link's closing (the most that sells out at all), in whole units as the chart shows
    them, with the time they were found for (the inverse of the sell-out time, so rounding the
    stock cannot push it past the closing). ``sell_out_s`` (3 significant digits) is None for a
    stock that outlasts the session.
    """
    sale = default_sale() if sale is None else sale
    rows = []
    for units in np.geomspace(*STOCK_DOMAIN, 7).round().astype(int):
        rows.append(
            (
                tr("On the chart's axis"),
                int(units),
                flash_sale.sell_out_time_s(replace(sale, stock_units=units)),
            )
        )
    record_units = int(lipstick["units"].iloc[0])
    rows.append(
        (
            tr("Li Jiaqi's record"),
            record_units,
            flash_sale.sell_out_time_s(replace(sale, stock_units=record_units)),
        )
    )
    for label, target_s in (
        (tr("Sells out in 10 seconds"), 10.0),
        (tr("Sells out in 1 minute"), 60.0),
        (tr("Most that sells out at all"), sale.session_s),
    ):
        rows.append((label, round(flash_sale.stock_selling_out_in(sale, target_s)), target_s))
    table = pd.DataFrame(rows, columns=["stock", "units", "sell_out_s"])
    table["sell_out_s"] = [None if t is None else float(f"{t:.3g}") for t in table["sell_out_s"]]
    return table.sort_values("units", kind="stable").reset_index(drop=True)


# ---------------------------------------------------------------------------------------------
# The simulation (notebook)


def sell_out_histogram_chart(sessions: pd.DataFrame, sale: flash_sale.FlashSale) -> alt.LayerChart:
    """Distribution of simulated sell-out times, with the closed form's value as a vertical line."""
    sold = sessions.dropna(subset=["sell_out_s"])
    expected = flash_sale.sell_out_time_s(sale)
    bars = (
        alt.Chart(sold)
        .mark_bar(color=charts.MAIN_COLOUR, opacity=0.8)
        .encode(
            x=alt.X("sell_out_s:Q", bin=alt.Bin(maxbins=40), title=tr("Seconds until sold out")),
            y=alt.Y("count():Q", title=tr("Simulated sessions")),
        )
    )
    layers = [bars]
    if expected is not None:
        layers.append(
            alt.Chart(pd.DataFrame({"expected": [expected]}))
            .mark_rule(color=charts.HIGHLIGHT_COLOUR, strokeWidth=2)
            .encode(x="expected:Q")
        )
    share = len(sold) / len(sessions) if len(sessions) else 0.0
    description = (
        tr(
            "Histogram of the sell-out times of {sessions:,} simulated flash sales; "
            "{share:.0%} sold out. A vertical line marks the closed-form sell-out time (never)."
        )
        if expected is None
        else tr(
            "Histogram of the sell-out times of {sessions:,} simulated flash sales; "
            "{share:.0%} sold out. A vertical line marks the closed-form sell-out time "
            "(after {closed_s:.3g} s)."
        )
    )
    return charts.finish(
        alt.layer(*layers),
        title=tr("{sessions:,} simulated sessions: when did the stock run out?").format(
            sessions=len(sessions)
        ),
        source=tr("{model}; Poisson simulation with numpy").format(model=tr(MODEL_NOTE)),
        description=description.format(sessions=len(sessions), share=share, closed_s=expected),
    )


# ---------------------------------------------------------------------------------------------
# The page's numbers

# Exercise 1 asks what conversion rate sells the fastest lipstick record to this many viewers.
EXERCISE_VIEWERS = 1_000_000
# The headline a seller may want ("sold out in 10 seconds"), and the louder cues of Exercise 3.
HEADLINE_S = 10
EXERCISE_BOOST_PCT = 200
# The share of simulated sessions the page's interval covers (from the 5th to the 95th percentile).
SIM_INTERVAL_PCT = 90


def chapter_numbers() -> dict[str, float]:
    """Every number the Chapter 2 page quotes, by name, as floats, from the records and the model.

    Record figures come from the data package (``*_m`` millions of people, ``*_usd_m`` million US
    dollars, ``*_min``/``*_s``/``*_hours`` durations, ``*_rate`` orders a second, ``*_pct``
    percent); the keys of :func:`concentration_summary` are included with its shares as fractions
    and as ``*_pct``. Keys starting ``default_``, ``small_``, ``large_``, ``sim_``, ``stock_in_``
    and ``ex*_`` come from :mod:`seckill.models.flash_sale` at the chart controls' starting values,
    which are assumptions, not data.
    """
    numbers: dict[str, float] = {}
    records = records_table()
    value = records.set_index("record_id")["value"].astype(float)
    minutes = records.set_index("record_id")["duration_min"].astype(float)

    lipstick = lipstick_table()
    fast, slow = lipstick.iloc[0], lipstick.iloc[-1]
    numbers["lipstick_units"] = float(fast["units"])
    numbers["lipstick_fast_min"] = float(fast["minutes"])
    numbers["lipstick_fast_s"] = float(fast["seconds"])
    numbers["lipstick_slow_min"] = float(slow["minutes"])
    numbers["lipstick_fast_rate"] = float(fast["implied_orders_per_s"])
    numbers["lipstick_slow_rate"] = float(slow["implied_orders_per_s"])

    numbers["products_2021"] = value["li-2021-presale-products"]
    numbers["products_2021_hours"] = minutes["li-2021-presale-products"] / 60
    numbers["minutes_per_product_2021"] = (
        minutes["li-2021-presale-products"] / value["li-2021-presale-products"]
    )
    numbers["products_2023"] = value["li-2023-sd-products"]
    numbers["products_2023_hours"] = minutes["li-2023-sd-products"] / 60
    numbers["minutes_per_product_2023"] = minutes["li-2023-sd-products"] / value["li-2023-sd-products"]
    numbers["viewers_2021_m"] = value["li-2021-presale-viewers"]
    numbers["viewers_li_2019_m"] = value["li-2019-sd-viewers"]
    numbers["viewers_viya_2019_m"] = value["viya-2019-sd-viewers"]
    numbers["li_2019_sales_usd_m"] = 1000 * value["li-2019-sd-sales"]
    numbers["viewers_return_2022_m"] = value["li-2022-return-viewers"]
    # Sales per hour of one star's show: one report's total over that report's own duration.
    jiemian = "li-2021-presale-sales-jiemian"
    numbers["li_2021_jiemian_rmb_bn"] = value[jiemian]
    numbers["li_2021_jiemian_hours"] = minutes[jiemian] / 60
    numbers["li_2021_sales_per_hour_rmb_m"] = 1000 * value[jiemian] / (minutes[jiemian] / 60)
    numbers["li_2021_sales_rmb_per_s"] = 1e9 * value[jiemian] / (minutes[jiemian] * 60)

    concentration = concentration_summary(records)
    numbers |= concentration
    numbers["taobao_live_2019_share_pct"] = 100 * concentration["taobao_live_2019_share_of_alibaba"]
    numbers["top_two_2021_low_share_pct"] = 100 * concentration["top_two_2021_low_share"]
    numbers["top_two_2021_high_share_pct"] = 100 * concentration["top_two_2021_high_share"]

    peak = value["alibaba-2019-sd-peak-orders"]
    numbers["alibaba_peak_orders"] = peak
    numbers["peak_in_lipstick_records"] = peak / float(fast["implied_orders_per_s"])

    # The model at the chart's default settings (all assumptions).
    sale = default_sale()
    result = flash_sale.outcome(sale)
    numbers["default_audience_m"] = AUDIENCE_M.default
    numbers["default_conversion_pct_min"] = CONVERSION_PCT_MIN.default
    numbers["default_boost_pct"] = float(BOOST_PCT.default)
    numbers["default_stock"] = float(STOCK_UNITS.default)
    numbers["default_session_min"] = float(SESSION_MIN.default)
    numbers["default_sell_out_s"] = result.sell_out_s
    numbers["default_peak"] = result.peak_orders_per_s
    numbers["default_wanting"] = result.wanting_viewers
    numbers["default_unserved_pct"] = 100 * result.unserved_share
    numbers["headline_s"] = HEADLINE_S
    numbers["stock_in_10_s"] = flash_sale.stock_selling_out_in(sale, float(HEADLINE_S))
    numbers["stock_in_60_s"] = flash_sale.stock_selling_out_in(sale, 60.0)
    small, large = default_sale(stock_units=1_000), default_sale(stock_units=100_000)
    numbers["small_stock"] = float(small.stock_units)
    numbers["large_stock"] = float(large.stock_units)
    numbers["small_sell_out_s"] = flash_sale.sell_out_time_s(small)
    numbers["large_sell_out_min"] = flash_sale.sell_out_time_s(large) / 60
    numbers["small_unserved_pct"] = 100 * flash_sale.outcome(small).unserved_share
    numbers["large_unserved_pct"] = 100 * flash_sale.outcome(large).unserved_share

    # The same sale simulated many times (seeded, so the page is reproducible).
    sessions = flash_sale.simulate_sessions(sale, n_sessions=1000, seed=2)
    simulated = flash_sale.summarise_simulation(sessions)
    numbers["sim_sessions"] = float(len(sessions))
    numbers["sim_mean_s"] = simulated["mean_s"]
    numbers["sim_p05_s"] = simulated["p05_s"]
    numbers["sim_p95_s"] = simulated["p95_s"]
    numbers["sim_gap_pct"] = 100 * abs(simulated["mean_s"] / result.sell_out_s - 1)
    numbers["sim_interval_pct"] = SIM_INTERVAL_PCT

    # Exercise 1: the conversion rate that sells the fastest record's units in its time to
    # EXERCISE_VIEWERS viewers (the share that buys is 1 − exp(−rate × seconds)).
    needed = -math.log1p(-float(fast["units"]) / EXERCISE_VIEWERS) / float(fast["seconds"])
    numbers["ex1_rate_pct_min"] = 100 * 60 * needed
    numbers["ex1_share_pct"] = 100 * float(fast["units"]) / EXERCISE_VIEWERS
    numbers["ex1_viewers"] = EXERCISE_VIEWERS
    numbers["ex1_viewers_m"] = EXERCISE_VIEWERS / 1e6
    numbers["ex1_viewers_tenfold_m"] = 10 * EXERCISE_VIEWERS / 1e6
    # Exercise 3: halving the stock or raising the boost.
    half = default_sale(stock_units=STOCK_UNITS.default // 2)
    boosted = default_sale(boost_pct=EXERCISE_BOOST_PCT)
    numbers["ex3_boost_pct"] = EXERCISE_BOOST_PCT
    numbers["ex3_factor_default"] = 1 + numbers["default_boost_pct"] / 100
    numbers["ex3_factor_boosted"] = 1 + EXERCISE_BOOST_PCT / 100
    numbers["ex3_half_stock_s"] = flash_sale.sell_out_time_s(half)
    numbers["ex3_boost_200_s"] = flash_sale.sell_out_time_s(boosted)
    numbers["ex3_half_wanting"] = flash_sale.outcome(half).wanting_viewers
    numbers["ex3_half_unserved"] = flash_sale.outcome(half).unserved_viewers
    numbers["ex3_boost_unserved"] = flash_sale.outcome(boosted).unserved_viewers
    numbers["ex3_boost_wanting"] = flash_sale.outcome(boosted).wanting_viewers
    # Exercise 2: turned away when the stock is chosen for a 10-second or a one-minute sell-out.
    for seconds in (HEADLINE_S, 60):
        chosen = default_sale(stock_units=round(flash_sale.stock_selling_out_in(sale, float(seconds))))
        numbers[f"ex2_unserved_{seconds}_pct"] = 100 * flash_sale.outcome(chosen).unserved_share
    # Plain floats: the page formats each one, and numpy scalars would not format.
    return {key: float(number) for key, number in numbers.items()}


# --- The notebook's sentences ----------------------------------------------------------------------
# What the notebook prints, written here so that a Chinese kernel prints it in Chinese.


def stock_line(stock_units: int, result: flash_sale.FlashSaleOutcome) -> str:
    """One line for a stock size: when it sells out and the share of wanting viewers who got none."""
    if result.sell_out_s is None:
        return tr("{stock:>7,} units: not sold out; {unserved:.0%} got none").format(
            stock=stock_units, unserved=result.unserved_share
        )
    return tr("{stock:>7,} units: sold out in {seconds:6.1f} s; {unserved:.0%} got none").format(
        stock=stock_units, seconds=result.sell_out_s, unserved=result.unserved_share
    )


def closed_form_text(sale: flash_sale.FlashSale) -> str:
    """The closed-form sell-out time of ``sale``, to set beside a simulation's summary."""
    seconds = flash_sale.sell_out_time_s(sale)
    if seconds is None:
        return tr("closed form: the stock outlasts the session")
    return tr("closed form: sold out after {seconds:.1f} s").format(seconds=seconds)
