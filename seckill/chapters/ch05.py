"""Chapter 5, "Regulation outpaced": the timeline of platform growth against rules and enforcement.

``*_table`` functions shape the data package into tidy DataFrames; ``*_chart`` functions turn them
into Altair charts (always through :func:`seckill.charts.finish`). The narrative page and the
notebook call the same functions, so they always show the same numbers.
"""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts, data, i18n
from seckill.calibrations.singles_day import LAST_ONE_DAY_YEAR
from seckill.charts import tables, vega_text
from seckill.controls import Slider
from seckill.i18n import mark, tr, translate_values

# Seven categories in the data are grouped into three for the chart, so that colour and shape stay
# readable for colour-blind readers and on a phone.
GROUPS = {
    "law": "Laws, codes and rules",
    "industry code": "Laws, codes and rules",
    "regulator guidance": "Laws, codes and rules",
    "multi-agency rules": "Laws, codes and rules",
    "code of conduct": "Laws, codes and rules",
    "antitrust": "Antitrust action",
    "tax enforcement": "Tax enforcement",
}
GROUP_ORDER = ["Laws, codes and rules", "Antitrust action", "Tax enforcement"]
GROUP_COLOURS = [charts.MAIN_COLOUR, charts.HIGHLIGHT_COLOUR, charts.PALETTE["green"]]
GROUP_SHAPES = ["circle", "square", "triangle-up"]
ALIBABA = mark("Alibaba")
SINGLES_DAY = mark("Singles' Day sales, Alibaba")
LIVE_MARKET = mark("Live-commerce market, one estimate")
FIRST_YEAR = 2016
LAST_YEAR = 2023
# The period the timeline lists when no brush is drawn (2020 to 2021 at first); the notebook's
# period explorer has the same two sliders.
FROM_YEAR = Slider("from_year", mark("From"), "", FIRST_YEAR, LAST_YEAR, 1, 2020, note=mark("year"))
TO_YEAR = Slider("to_year", mark("To"), "", FIRST_YEAR, LAST_YEAR, 1, 2021, note=mark("year"))
PLOT_HEIGHT_PX = 230
LIST_X_PX = -62  # the event list starts left of the plot area, under the y axis, to fit a phone
# The period's summary and event list are drawn under the plot, in the same view, rather than in a
# second, concatenated view: Vega-Lite cannot fit concatenated views to the container's width, and
# one view can. Offsets are pixels below the plot area (clear of the date axis) or between rows.
HEADING_BELOW_PLOT_PX = 96
SUMMARY_ABOVE_HEADING_PX = 32
CAVEAT_ABOVE_HEADING_PX = 16
EMPTY_NOTE_BELOW_HEADING_PX = 20
LIST_ROW_PX = 50 / 3  # rows 16.7 px apart, as in the two-view layout
LIST_ROWS = 18  # room kept for this many rows (17 events in the data)
DATE_AXIS_PX = 40  # height of the date axis's labels and title, which the legend is placed under
LEGEND_GAP_PX = 18  # between the list's room and the legend (Vega's default legend offset)


def events_table(events: pd.DataFrame | None = None) -> pd.DataFrame:
    """Dated events with their group and a short 'YYYY-MM  label' line for lists.

    Columns: date (Timestamp), date_iso, month, year, category, group, event, detail, issuer,
    amount_rmb_bn, fine_basis_rmb_bn, fine_pct_of_basis, line, source_id, confidence. Sorted by date.
    """
    events = data.load("regulation_events") if events is None else events
    table = pd.DataFrame(
        {
            "date": pd.to_datetime(events["date"].astype(str), format="%Y-%m-%d").to_numpy(),
            "date_precision": events["date_precision"].astype(str).to_numpy(),
            "category": events["category"].astype(str).to_numpy(),
            "event": events["event"].astype(str).to_numpy(),
            "detail": events["detail"].astype(str).to_numpy(),
            "issuer": events["issuer"].astype(str).to_numpy(),
            "amount_rmb_bn": events["amount_rmb_bn"].astype(float).to_numpy(),
            "fine_basis_rmb_bn": events["fine_basis_rmb_bn"].astype(float).to_numpy(),
            "fine_pct_of_basis": events["fine_pct_of_basis"].astype(float).to_numpy(),
            "source_id": events["source_id"].astype(str).to_numpy(),
            "confidence": events["confidence"].astype(str).to_numpy(),
        }
    )
    unknown = set(table["category"]) - set(GROUPS)
    if unknown:
        raise ValueError(f"categories without a chart group: {sorted(unknown)}")
    table["group"] = table["category"].map(GROUPS)
    table["year"] = table["date"].dt.year
    table["month"] = table["date"].dt.strftime("%Y-%m")
    table["date_iso"] = [
        d.strftime("%Y-%m") if p == "month" else d.strftime("%Y-%m-%d")
        for d, p in zip(table["date"], table["date_precision"], strict=True)
    ]
    table["line"] = table["month"] + "  " + table["event"]
    return table.sort_values("date", kind="stable").reset_index(drop=True)


def events_listing(events: pd.DataFrame) -> pd.DataFrame:
    """The events as the page lists them (date, category, group, event, issuer, source), with the
    texts in the reader's language. ``events_table`` itself stays in English: the chapter's numbers
    and charts look events up by their English names."""
    shown = events[["date_iso", "category", "group", "event", "issuer", "source_id"]]
    return translate_values(shown, ["category", "group", "event", "issuer"])


def events_page_table(events: pd.DataFrame) -> pd.DataFrame:
    """The chapter page's list of events: date, event and kind, headed and worded in the reader's
    language. Three columns keep it readable on a phone; issuers and details are in the notebook."""
    shown = events_listing(events)[["date_iso", "event", "group"]]
    return shown.rename(columns={"date_iso": tr("Date"), "event": tr("Event"), "group": tr("Kind")})


def growth_table(
    gmv: pd.DataFrame | None = None, market: pd.DataFrame | None = None, *, first_year: int = FIRST_YEAR
) -> pd.DataFrame:
    """Platform growth to set against the rules, long format, from ``first_year``.

    - Alibaba's headline Singles' Day sales, dated 11 November (one day to 2019, several days in
      2020 and 2021; none published after 2021);
    - full-year yuan estimates of the live-commerce market, each dated 1 July of its year because
      they describe the whole year (forecasts and estimates alike; each row names its estimator).

    Columns: date (Timestamp), year, series, value_rmb_bn, who, note.
    """
    gmv = data.load("singles_day_gmv") if gmv is None else gmv
    market = data.load("live_commerce_market_size") if market is None else market
    alibaba = gmv[(gmv["platform"] == "Alibaba") & gmv["headline"] & gmv["gmv_rmb_bn"].notna()]
    alibaba = alibaba[alibaba["year"] >= first_year]
    sd = pd.DataFrame(
        {
            "date": pd.to_datetime([f"{int(y)}-11-11" for y in alibaba["year"]]),
            "year": alibaba["year"].astype(int).to_numpy(),
            "series": SINGLES_DAY,
            "value_rmb_bn": alibaba["gmv_rmb_bn"].astype(float).to_numpy(),
            "who": ALIBABA,
            "note": [
                tr("one day (11 Nov)") if int(d) == 1 else tr("{days} days").format(days=int(d))
                for d in alibaba["window_days"]
            ],
        }
    )
    full = market[
        (market["currency"] == "RMB") & (market["period"] == "full year") & (market["year"] >= first_year)
    ]
    lc = pd.DataFrame(
        {
            "date": pd.to_datetime([f"{int(y)}-07-01" for y in full["year"]]),
            "year": full["year"].astype(int).to_numpy(),
            "series": LIVE_MARKET,
            "value_rmb_bn": full["value"].astype(float).to_numpy(),
            "who": full["estimator"].astype(str).to_numpy(),
            "note": [tr(kind) for kind in full["kind"].astype(str)],
        }
    )
    return pd.concat([sd, lc], ignore_index=True).sort_values(["series", "date"]).reset_index(drop=True)


# What "–" means in the tables of events, fines and their bases: the record has no such figure.
_NO_AMOUNT = mark(
    "{missing} means the record gives no single sum: a law, rule, guidance or probe, or fines whose "
    "amounts are not published as one figure."
)
_NO_BASIS = mark(
    "{missing} means the regulator stated no basis for the fine, so its share of one cannot be "
    "computed from public figures."
)
NO_AMOUNT_NOTE = _NO_AMOUNT.format(missing=tables.MISSING)
NO_BASIS_NOTE = _NO_BASIS.format(missing=tables.MISSING)


def no_amount_note() -> str:
    """:data:`NO_AMOUNT_NOTE` in the reader's language."""
    return tr(_NO_AMOUNT).format(missing=tables.MISSING)


def no_basis_note() -> str:
    """:data:`NO_BASIS_NOTE` in the reader's language."""
    return tr(_NO_BASIS).format(missing=tables.MISSING)


def fines_table(events: pd.DataFrame) -> pd.DataFrame:
    """The events with an amount, the basis the regulator stated, and the fine as a share of it.

    Columns: Date, Event, Fine (bn yuan), Basis (bn yuan), Stated % of basis, Computed % of basis
    (fine ÷ basis × 100, derived). Cells are text; where no basis was stated the last three read
    :data:`~seckill.charts.tables.MISSING` (see :data:`NO_BASIS_NOTE`), never "NaN".
    """
    fines = events[events["amount_rmb_bn"].notna()]
    basis = fines["fine_basis_rmb_bn"]
    computed = (100 * fines["amount_rmb_bn"] / basis).where(basis > 0)
    amount = i18n.reader_unit("amount_rmb_bn")  # 亿元 (×10) in Chinese, as the headers say
    shown = pd.DataFrame(
        {
            tr("Date"): fines["date_iso"],
            tr("Event"): fines["event"].map(tr),
            tr("Fine (bn yuan)"): amount.value(fines["amount_rmb_bn"]),
            tr("Basis (bn yuan)"): amount.value(basis),
            tr("Stated % of basis"): fines["fine_pct_of_basis"],
            tr("Computed % of basis"): computed.round(2),
        }
    )
    return tables.text_table(shown.reset_index(drop=True))


def events_between(events: pd.DataFrame, start_year: int, end_year: int) -> pd.DataFrame:
    """The events dated in ``start_year`` to ``end_year`` inclusive (what the chart's sliders show)."""
    if start_year > end_year:
        raise ValueError(
            tr("start_year ({start_year}) must not be after end_year ({end_year})").format(
                start_year=start_year, end_year=end_year
            )
        )
    return events[(events["year"] >= start_year) & (events["year"] <= end_year)]


def counts_by_group(events: pd.DataFrame) -> dict[str, int]:
    """Number of events per chart group (every group present, zero if none)."""
    counts = events["group"].value_counts()
    return {group: int(counts.get(group, 0)) for group in GROUP_ORDER}


def _json_ready(frame: pd.DataFrame) -> pd.DataFrame:
    """Dates as ISO strings and NaN as None, so the spec is plain JSON for the static renderer."""
    out = frame.copy()
    for column in out.columns:
        if pd.api.types.is_datetime64_any_dtype(out[column]):
            out[column] = out[column].dt.strftime("%Y-%m-%d")
    return out.astype(object).where(out.notna(), None)


def _ms(day: str) -> int:
    """Milliseconds since 1970 (UTC) for a YYYY-MM-DD day, as Vega measures time."""
    return int(pd.Timestamp(day, tz="UTC").timestamp() * 1000)


def _group_names() -> dict[str, str]:
    """Each of the chart's three groups of events, by its English name, in the reader's language."""
    names = {
        "Laws, codes and rules": tr("Laws, codes and rules"),
        "Antitrust action": tr("Antitrust action"),
        "Tax enforcement": tr("Tax enforcement"),
    }
    return {group: names[group] for group in GROUP_ORDER}


def _growth_in_reader_language(growth: pd.DataFrame) -> pd.DataFrame:
    """:func:`growth_table`'s series names and notes in the reader's language."""
    series = {SINGLES_DAY: tr(SINGLES_DAY), LIVE_MARKET: tr(LIVE_MARKET)}
    return translate_values(growth.assign(series=growth["series"].map(series)), ["who"])


def _label_at(growth: pd.DataFrame, series: str, label: str, *, first: bool) -> dict:
    """Where to write a series' name on the chart: beside its first (or last) point."""
    rows = growth[growth["series"] == series].sort_values("date")
    row = rows.iloc[0] if first else rows.iloc[-1]
    value = i18n.reader_unit("value_rmb_bn").field
    return {"date": row["date"], value: row[value], "label": label}


def timeline_chart(
    events: pd.DataFrame,
    growth: pd.DataFrame,
    *,
    start_year: int = FROM_YEAR.default,
    end_year: int = TO_YEAR.default,
) -> alt.LayerChart:
    """Growth and rules on one time axis (top); the events and growth of a chosen period (below).

    Drag across the top chart to brush a period. Keyboard and touch users can use the two sliders,
    which choose the period whenever no brush is drawn. All filtering runs in the browser (Vega
    parameters), so the static book needs no Python.
    """
    # Sales in the reader's unit: billions of yuan in English, 亿元 (×10) in Chinese.
    value = i18n.reader_unit("value_rmb_bn")
    growth = _json_ready(i18n.in_reader_units(_growth_in_reader_language(growth), [value.name]))
    events = _json_ready(events[["date", "date_iso", "group", "event", "line", "detail", "issuer"]])
    groups = _group_names()
    events = translate_values(events.assign(group=events["group"].map(groups)), ["event", "detail", "issuer"])
    events["line"] = events["date_iso"].str[:7] + "  " + events["event"]
    singles_day, live_market = tr(SINGLES_DAY), tr(LIVE_MARKET)
    start_param = FROM_YEAR.param(start_year)
    end_param = TO_YEAR.param(end_year)
    # Vega-Lite's default drag, except that it must start in the plot: the list under the plot is
    # part of the same view, and a finger scrolling the page over it must not draw a brush. Event
    # filters cannot read signals such as `height`, hence the constant; a list item sits below it.
    starts_in_plot = (
        f"!event.item || event.item.mark.marktype === 'group' || event.item.y <= {PLOT_HEIGHT_PX}"
    )
    brush = alt.selection_interval(
        name="period",
        encodings=["x"],
        on=f"[pointerdown[{starts_in_plot}], window:pointerup] > window:pointermove!",
    )
    # One expression decides what is "in the period": the brush if drawn, else the sliders.
    in_period = (
        "isValid(period) && isValid(period.t) ? (datum.t >= period.t[0] && datum.t <= period.t[1]) "
        ": (year(datum.t) >= from_year && year(datum.t) <= to_year)"
    )
    # Timestamps (ms, UTC): Vega-Lite warns about conflicting domains when given date objects here.
    domain = [_ms(f"{FIRST_YEAR}-01-01"), _ms(f"{LAST_YEAR}-12-31")]
    x = alt.X(
        "t:T",
        title=tr("Date"),
        scale=alt.Scale(domain=domain),
        axis=alt.Axis(format="%Y", tickCount="year", labelOverlap=True),
    )
    # Only the first layer (the event rules) states the domain: Vega-Lite warns about conflicting
    # domains when other layers repeat it or when a layer with x2 comes first.
    x_shared = alt.X("t:T")
    group_order = [groups[group] for group in GROUP_ORDER]
    group_colour = alt.Scale(domain=group_order, range=GROUP_COLOURS)
    group_shape = alt.Scale(domain=group_order, range=GROUP_SHAPES)
    to_time = {"t": "toDate(datum.date)"}

    window = (
        alt.Chart(pd.DataFrame({"anchor": [0]}))
        .transform_calculate(
            t="datetime(from_year, 0, 1)", t2="datetime(to_year, 11, 31)", show="!isValid(period.t)"
        )
        .transform_filter("datum.show && from_year <= to_year")
        .mark_rect(color=charts.PALETTE["sky_blue"], opacity=0.2)
        .encode(x=x_shared, x2="t2:T")
    )
    rules = (
        alt.Chart(events)
        .transform_calculate(**to_time)
        .mark_rule(strokeWidth=1.5, opacity=0.8)
        .encode(
            x=x,
            # Same field, scale and title as the listed events' markers: one legend serves both.
            color=alt.Color("group:N", scale=group_colour, title=tr("Kind of event")),
            tooltip=[
                alt.Tooltip("date_iso:N", title=tr("Date")),
                alt.Tooltip("event:N", title=tr("Event")),
                alt.Tooltip("issuer:N", title=tr("By")),
            ],
        )
    )
    y = alt.Y(
        f"{value.field}:Q",
        title=tr("Sales, billion yuan (log scale)"),
        scale=alt.Scale(type="log", domain=[value.value(10), value.value(10000)]),
    )
    growth_base = alt.Chart(growth).transform_calculate(**to_time)
    growth_tooltip = [
        alt.Tooltip("series:N", title=tr("Series")),
        alt.Tooltip("year:Q", title=tr("Year"), format="d"),
        alt.Tooltip(f"{value.field}:Q", title=tr("Bn yuan"), format=value.format(",.0f")),
        alt.Tooltip("who:N", title=tr("By")),
        alt.Tooltip("note:N", title=tr("Note")),
    ]
    sd_line = (
        growth_base.transform_filter(alt.datum.series == singles_day)
        .mark_line(
            color=charts.PALETTE["black"],
            point=alt.OverlayMarkDef(filled=True, size=40, color=charts.PALETTE["black"]),
        )
        .encode(x=x_shared, y=y, tooltip=growth_tooltip)
    )
    lc_points = (
        growth_base.transform_filter(alt.datum.series == live_market)
        .mark_point(shape="diamond", filled=False, size=60, strokeWidth=1.5, color=charts.PALETTE["purple"])
        .encode(x=x_shared, y=y, tooltip=growth_tooltip)
    )
    label_rows = pd.DataFrame(
        [
            _label_at(growth, singles_day, tr("Singles' Day (Alibaba)"), first=True),
            _label_at(growth, live_market, tr("Live-commerce estimates"), first=True),
        ]
    )
    labels = (
        alt.Chart(label_rows)
        .transform_calculate(**to_time)
        .mark_text(align="left", dx=4, dy=-10, fontSize=11, color=charts.TEXT_COLOUR)
        .encode(x=x_shared, y=y, text=alt.Text("label:N", title=tr("Series")))
    )
    growth_layers = [rules, window, sd_line, lc_points, labels]

    # Under the plot: a list of the events in the period, with a growth summary above it.
    heading_y = f"height + {HEADING_BELOW_PLOT_PX}"
    listed = (
        alt.Chart(events)
        .transform_calculate(**to_time)
        .transform_filter(in_period)
        .transform_window(rank="row_number()", sort=[alt.SortField("t", order="ascending")])
        .transform_calculate(row_y_px=f"{heading_y} + datum.rank * {LIST_ROW_PX!r}")
    )
    row_y = alt.Y("row_y_px:Q", scale=None)
    # A "bottom" legend is placed under the date axis, not under marks drawn below it: push it down
    # past the list's room. Being a legend, not a mark, it holds the chart's height (and the page
    # below) still however long the list is.
    legend = alt.Legend(offset=HEADING_BELOW_PLOT_PX + LIST_ROWS * LIST_ROW_PX - DATE_AXIS_PX + LEGEND_GAP_PX)
    marks = listed.mark_point(filled=True, size=50, x=LIST_X_PX + 6).encode(
        y=row_y,
        # Colour and shape share one legend (same field and title).
        color=alt.Color("group:N", scale=group_colour, title=tr("Kind of event"), legend=legend),
        shape=alt.Shape("group:N", scale=group_shape, title=tr("Kind of event"), legend=legend),
        tooltip=[
            alt.Tooltip("date_iso:N", title=tr("Date")),
            alt.Tooltip("event:N", title=tr("Event")),
            alt.Tooltip("detail:N", title=tr("What it did")),
            alt.Tooltip("issuer:N", title=tr("By")),
        ],
    )
    lines = listed.mark_text(align="left", x=LIST_X_PX + 16, fontSize=11, color=charts.TEXT_COLOUR).encode(
        y=row_y,
        text=alt.Text("line:N", title=tr("Date and event")),
        tooltip=[alt.Tooltip("detail:N", title=tr("What it did"))],
    )
    counted = (
        alt.Chart(events)
        .transform_calculate(**to_time)
        .transform_filter(in_period)
        .transform_aggregate(n="count()")
    )
    heading = counted.transform_calculate(
        label="datum.n == 1 ? "
        + vega_text(tr("1 event in the period"))
        + " : "
        + vega_text(tr("{n} events in the period"), n="datum.n")
    ).mark_text(
        align="left",
        x=LIST_X_PX,
        y=alt.ExprRef(heading_y),
        fontSize=12,
        fontWeight="bold",
        color=charts.TEXT_COLOUR,
    )
    heading = heading.encode(text="label:N")
    sd_summary = (
        growth_base.transform_filter(alt.datum.series == singles_day)
        .transform_filter(in_period)
        .transform_aggregate(first="argmin(t)", last="argmax(t)", n="count()")
        .transform_calculate(
            label=(
                "datum.n == 0 ? "
                + vega_text(tr("Singles' Day: no published total in the period"))
                + " : datum.n == 1 ? "
                + vega_text(
                    tr("Singles' Day {year}: {value} bn yuan"),
                    year="datum.first.year",
                    value=f"format(datum.first.{value.field}, '{value.format(',.0f')}')",
                )
                + " : "
                + vega_text(
                    tr("Singles' Day {first_year}-{last_year}: {first_value} to {last_value} bn yuan"),
                    first_year="datum.first.year",
                    last_year="datum.last.year",
                    first_value=f"format(datum.first.{value.field}, '{value.format(',.0f')}')",
                    last_value=f"format(datum.last.{value.field}, '{value.format(',.0f')}')",
                )
            ),
            # Alibaba counted one day up to 2019 and eleven days from 2020 (see Chapter 1).
            caveat=(
                f"datum.n > 1 && datum.first.year <= {LAST_ONE_DAY_YEAR} && "
                f"datum.last.year > {LAST_ONE_DAY_YEAR} ? "
                + vega_text(
                    tr("(not like for like: the window grew in {year})").format(year=LAST_ONE_DAY_YEAR + 1)
                )
                + " : ''"
            ),
        )
    )
    sd_line_text = sd_summary.mark_text(
        align="left",
        x=LIST_X_PX,
        y=alt.ExprRef(f"{heading_y} - {SUMMARY_ABOVE_HEADING_PX}"),
        fontSize=12,
        color=charts.TEXT_COLOUR,
    ).encode(text="label:N")
    sd_caveat = sd_summary.mark_text(
        align="left",
        x=LIST_X_PX,
        y=alt.ExprRef(f"{heading_y} - {CAVEAT_ABOVE_HEADING_PX}"),
        fontSize=11,
        color=charts.MUTED_TEXT_COLOUR,
    ).encode(text="caveat:N")
    empty_note = (
        alt.Chart(pd.DataFrame({"anchor": [0]}))
        .transform_filter("from_year > to_year && !(isValid(period) && isValid(period.t))")
        .mark_text(
            align="left",
            x=LIST_X_PX,
            y=alt.ExprRef(f"{heading_y} + {EMPTY_NOTE_BELOW_HEADING_PX}"),
            fontSize=12,
            color=charts.HIGHLIGHT_COLOUR,
        )
        .encode(text=alt.value(tr("'From' is after 'To': move the sliders")))
    )
    layers = [*growth_layers, sd_line_text, sd_caveat, heading, marks, lines, empty_note]
    first_event, last_event = events["date_iso"].iloc[0], events["date_iso"].iloc[-1]
    chart = charts.finish(
        alt.layer(*layers).add_params(brush, start_param, end_param).properties(height=PLOT_HEIGHT_PX),
        title=tr("Growth first, rules later: live selling and its regulation"),
        source=tr(
            "Alibaba and estimators via news reports; laws, regulators and courts as in Data and sources"
        ),
        description=tr(
            "Interactive timeline in two parts. Top: Alibaba's Singles' Day sales and estimates "
            "of the live-commerce market in billion yuan on a logarithmic axis, {FIRST_YEAR} to "
            "{LAST_YEAR}, with a vertical line for each law, rule, antitrust action or tax case "
            "from {first_event} to {last_event}. Drag across it to choose a period, or use the "
            "two year sliders. Bottom: the events in the chosen period, listed by date, and "
            "Alibaba's Singles' Day sales at the start and end of the period."
        ).format(
            FIRST_YEAR=FIRST_YEAR,
            LAST_YEAR=LAST_YEAR,
            first_event=first_event,
            last_event=last_event,
        ),
    )
    # Vega-Lite gives the two marks that draw the brush no accessible name (an axe 'serious'
    # violation). vega-embed applies a JSON Patch from the spec's usermeta to the compiled Vega:
    # name both marks. The "test" operations make a changed layout fail loudly (the chart is not
    # drawn, which the browser test reports) instead of labelling the wrong marks.
    brush_index = len(layers) + 2  # the background mark, each layer, sd_line's points
    patch = []
    for index, suffix, label in [
        (0, "_brush_bg", tr("Shaded period chosen by dragging across the chart")),
        (brush_index, "_brush", tr("The chosen period: drag it to move it, double-click to clear it")),
    ]:
        path = f"/marks/{index}"
        patch.append({"op": "test", "path": f"{path}/name", "value": f"{brush.name}{suffix}"})
        patch.append({"op": "add", "path": f"{path}/description", "value": label})
    return chart.properties(usermeta={"embedOptions": {"patch": patch}})


# --------------------------------------------------------------------------- the page's numbers


def long_date(stamp: pd.Timestamp) -> str:
    """A date as the text writes it: "31 August 2018", or 2018年8月31日 in Chinese."""
    return i18n.format_date(stamp)


def chapter_numbers() -> dict[str, float | str]:
    """Every number and date the Chapter 5 page quotes, by name, from the data package.

    Counts of events are ints (``n_*``, and the complaint counts ``complaints_*_n``); dates are
    texts written out (:func:`long_date`); the rest are floats: fines and market sizes in billion
    yuan (``*_rmb_bn``; ``deal_fine_rmb_k`` in thousand yuan), percentages (``*_pct``) and ratios.
    """
    events = events_table()
    growth = growth_table()
    numbers: dict[str, float | str] = {"n_events": len(events)}
    for group, n in counts_by_group(events).items():
        # "Laws, codes and rules" -> n_laws, "Antitrust action" -> n_antitrust, "Tax ..." -> n_tax
        numbers[f"n_{group.split()[0].lower().rstrip(',')}"] = n

    by_event = events.set_index("event")

    def date_of(event: str) -> str:
        return long_date(by_event.loc[event, "date"])

    numbers["law_adopted"] = date_of("E-Commerce Law adopted")
    numbers["law_in_force"] = date_of("E-Commerce Law takes effect")
    numbers["caa_code"] = date_of("Advertising body's live-selling code")
    numbers["measures_issued"] = date_of("Seven agencies' live-selling rules")
    numbers["measures_in_force"] = date_of("Live-selling rules take effect")
    numbers["host_code"] = date_of("Code of conduct for online hosts")
    numbers["viya_date"] = date_of("Viya fined 1.34 bn yuan for tax")

    alibaba_fine = float(by_event.loc["Alibaba fined 18.2 bn yuan", "amount_rmb_bn"])
    meituan_fine = float(by_event.loc["Meituan fined 3.44 bn yuan", "amount_rmb_bn"])
    viya_fine = float(by_event.loc["Viya fined 1.34 bn yuan for tax", "amount_rmb_bn"])
    deal_fine = float(by_event.loc["Fines for three unreported takeovers", "amount_rmb_bn"])
    numbers["alibaba_fine_rmb_bn"] = alibaba_fine
    numbers["meituan_fine_rmb_bn"] = meituan_fine
    numbers["viya_fine_rmb_bn"] = viya_fine
    numbers["deal_fine_rmb_k"] = 1e6 * deal_fine
    alibaba_base = float(by_event.loc["Alibaba fined 18.2 bn yuan", "fine_basis_rmb_bn"])
    meituan_pct = float(by_event.loc["Meituan fined 3.44 bn yuan", "fine_pct_of_basis"])
    numbers["alibaba_base_rmb_bn"] = alibaba_base
    numbers["alibaba_stated_pct"] = float(by_event.loc["Alibaba fined 18.2 bn yuan", "fine_pct_of_basis"])
    numbers["alibaba_fine_share_pct"] = 100 * alibaba_fine / alibaba_base
    numbers["meituan_stated_pct"] = meituan_pct
    # The fine is a stated share of Meituan's 2020 revenue in China, so that revenue is implied.
    numbers["meituan_implied_revenue_rmb_bn"] = meituan_fine / (meituan_pct / 100)
    numbers["viya_over_alibaba_pct"] = 100 * viya_fine / alibaba_fine

    market = growth[growth["series"] == LIVE_MARKET]
    est_2019 = market[market["year"] == 2019]["value_rmb_bn"]
    est_2020 = market[market["year"] == 2020]["value_rmb_bn"]
    est_2021 = market[market["year"] == 2021]["value_rmb_bn"]
    numbers["market_2019_low_rmb_bn"] = float(est_2019.min())
    numbers["market_2019_high_rmb_bn"] = float(est_2019.max())
    numbers["market_2020_low_rmb_bn"] = float(est_2020.min())
    numbers["market_2020_high_rmb_bn"] = float(est_2020.max())
    numbers["market_2021_rmb_bn"] = float(est_2021.iloc[0])
    numbers["market_2021_over_2019"] = float(est_2021.iloc[0] / est_2019.max())
    # The lowest and highest growth the estimates allow: the lowest 2020 estimate over the highest
    # 2019 one, and the highest over the lowest.
    numbers["market_growth_2019_2020_low_pct"] = float(100 * (est_2020.min() / est_2019.max() - 1))
    numbers["market_growth_2019_2020_high_pct"] = float(100 * (est_2020.max() / est_2019.min() - 1))
    sd = growth[growth["series"] == SINGLES_DAY].set_index("year")["value_rmb_bn"]
    numbers["sd_2018"] = float(sd[2018])

    complaints = data.load("live_commerce_complaints").set_index("year")
    numbers["complaints_2020_n"] = int(complaints.loc[2020, "complaints"])
    numbers["complaints_2020_yoy_pct"] = float(complaints.loc[2020, "yoy_pct"])
    numbers["complaints_2024_n"] = int(complaints.loc[2024, "complaints"])
    numbers["complaints_2024_yoy_pct"] = float(complaints.loc[2024, "yoy_pct"])

    in_2021 = events_between(events, 2021, 2021)
    before = events_between(events, 2018, 2020)
    numbers["n_2021"] = len(in_2021)
    numbers["n_2018_2020"] = len(before)
    numbers["n_2021_enforcement"] = int((in_2021["group"] != "Laws, codes and rules").sum())
    return numbers


def events_per_year(events: pd.DataFrame) -> pd.DataFrame:
    """How many events of each group fall in each year (rows: years; columns: the groups, named
    in the reader's language)."""
    return translate_values(events, ["group"]).groupby(["year", "group"]).size().unstack(fill_value=0)
