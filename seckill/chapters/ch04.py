"""Chapter 4, the gig-economy promise: the data shaping and charts behind streamers' work and pay.

Functions named ``*_table`` take the loaded data and return tidy DataFrames; functions named
``*_chart`` take those tables and return Altair charts. The narrative page and the notebook both
call them, so the two always show the same numbers.
"""

from __future__ import annotations

import dataclasses
import math

import altair as alt
import numpy as np
import pandas as pd

from seckill import charts, data
from seckill.calibrations.income_fit import COMPARISON_SURVEY, MAIN_SURVEY, calibrate
from seckill.charts import vega_text
from seckill.controls import Slider
from seckill.i18n import in_reader_units, large_number, mark, reader_unit, tr, translate_values
from seckill.models import incomes, streamer

SHORT_BODY = {
    "China Association of Performing Arts (CAPA), online performance branch": "CAPA",
    "China Association of Performing Arts (CAPA), 2024 report on streaming as a new occupation": "CAPA",
    "Ministry of Commerce (MOFCOM)": "MOFCOM",
    "China Netcasting Services Association (CNSA)": "CNSA",
}


# --------------------------------------------------------------------------- how many streamers


def counts_table(counts: pd.DataFrame | None = None) -> pd.DataFrame:
    """Published streamer counts with a short label for charts: date, counting body and kind."""
    counts = data.load("streamer_counts") if counts is None else counts
    table = counts.copy()
    short_names = {"CAPA": tr("CAPA"), "MOFCOM": tr("MOFCOM"), "CNSA": tr("CNSA")}
    table["body"] = table["counted_by"].map(SHORT_BODY).fillna(table["counted_by"]).astype(str)
    table["body"] = table["body"].map(lambda body: short_names.get(body, body))
    table["label"] = table["as_of"].astype(str) + " · " + table["body"]
    table["count_m"] = table["count_m"].astype(float)
    return table.sort_values(["count_m"], ascending=False).reset_index(drop=True)


def counts_chart(table: pd.DataFrame) -> alt.Chart:
    """Every count as a dot on a log axis, coloured by what was counted."""
    smallest, largest = table["count_m"].min(), table["count_m"].max()
    # Counts in millions in English; in 万 (×100) in Chinese.
    count = reader_unit("count_m")
    shown = translate_values(
        in_reader_units(table, [count.name]),
        ["bound", "count_kind", "definition", "counted_by", "scope", "confidence", "note"],
    )
    low = tr("Low").replace("'", "\\'")
    kinds = list(dict.fromkeys(shown["count_kind"]))
    return charts.finish(
        alt.Chart(shown)
        .mark_point(filled=True, size=110)
        .encode(
            x=alt.X(
                f"{count.field}:Q",
                title=tr("Millions counted (log scale)"),
                scale=alt.Scale(type="log", domain=[count.value(0.2), count.value(200)]),
                axis=alt.Axis(values=[count.value(v) for v in (0.3, 1, 3, 10, 30, 100)], format="~g"),
            ),
            y=alt.Y("label:N", title=None, sort=None, axis=alt.Axis(labelLimit=150)),
            color=alt.Color("count_kind:N", title=tr("What is counted"), scale=alt.Scale(domain=kinds)),
            shape=alt.Shape("count_kind:N", title=tr("What is counted"), scale=alt.Scale(domain=kinds)),
            opacity=alt.condition(f"datum.confidence == '{low}'", alt.value(0.45), alt.value(1)),
            tooltip=[
                alt.Tooltip("label:N", title=tr("Date and counting body")),
                alt.Tooltip("as_of:N", title=tr("As of")),
                alt.Tooltip(f"{count.field}:Q", title=tr("Count, millions"), format=count.format(",.2f")),
                alt.Tooltip("bound:N", title=tr("Stated as")),
                alt.Tooltip("definition:N", title=tr("Definition")),
                alt.Tooltip("counted_by:N", title=tr("Counted by")),
                alt.Tooltip("confidence:N", title=tr("Confidence")),
            ],
        ),
        title=tr("How many streamers? It depends what you count"),
        source=tr("CAPA, MOFCOM and CNSA reports as quoted by news media (see Data and sources)"),
        description=tr(
            "Dot chart on a logarithmic axis of published counts of live streamers in China, "
            "from {smallest} to {largest}. Accounts ever opened number over "
            "100 million; people who stream as their main job about 15 million; hosts active on "
            "monitored e-commerce platforms well under 3 million. A low-confidence count is "
            "faded."
        ).format(smallest=large_number(smallest * 1e6), largest=large_number(largest * 1e6)),
    )


# --------------------------------------------------------------------------- income bands


def band_check_table(fit: incomes.LognormalFit, survey: str = MAIN_SURVEY, bands=None) -> pd.DataFrame:
    """Each of a survey's bands (published and derived) beside the share the fitted curve gives it."""
    bands = data.load("streamer_income_bands") if bands is None else bands
    chosen = bands[bands["survey"] == survey]
    rows = []
    for band in chosen.itertuples():
        lower = None if pd.isna(band.lower_rmb_month) else float(band.lower_rmb_month)
        upper = None if pd.isna(band.upper_rmb_month) else float(band.upper_rmb_month)
        fitted = 100 * incomes.lognormal_band_share(lower, upper, fit.mu, fit.sigma)
        rows.append((lower, upper, float(band.share_pct), fitted, band.status))
    table = pd.DataFrame(
        rows, columns=["lower_rmb_month", "upper_rmb_month", "published_pct", "fitted_pct", "status"]
    )
    table["error_pp"] = table["fitted_pct"] - table["published_pct"]
    return table


# How far each published band is moved to see how much the fit depends on it: a tenth and a fifth
# of its share.
BAND_SHIFTS_PCT = (10.0, 20.0)


def band_sensitivity_table(
    shifts_pct: tuple[float, ...] = BAND_SHIFTS_PCT,
    survey: str = MAIN_SURVEY,
    bands: pd.DataFrame | None = None,
) -> pd.DataFrame:
    """The income fit if one published band were off: each band's share moved down and up by each
    of ``shifts_pct`` percent of itself (67.9 % becomes 54.3 % and 81.5 % at 20), the other kept.

    The CAPA bands could not be traced to CAPA's own publication (see the data), so the chapter
    shows how much its headline numbers rest on them. One row for the bands as published, then one
    per band, shift and direction. Columns ``band`` (as the survey words it), ``change_pct`` (0,
    −shift or +shift), ``share_pct`` (the band's share used), ``fits`` (False where no lognormal
    within the model's bounds passes through the moved bands: the two shares come so close that σ
    would exceed :data:`seckill.models.incomes.MAX_SIGMA`, or cross), ``median_rmb_month``,
    ``sigma``, ``gini``, ``top1_pct`` and ``top10_pct`` (NaN where it does not fit).
    """
    bands = data.load("streamer_income_bands") if bands is None else bands
    published = bands[(bands["survey"] == survey) & (bands["status"] == "published")]
    if not shifts_pct or not all(0 < shift < 100 for shift in shifts_pct):
        raise ValueError(f"shifts_pct must be percentages between 0 and 100 (of a share); got {shifts_pct!r}")
    rows = []
    for band in published.itertuples():
        if pd.isna(band.lower_rmb_month):
            rows.append((f"under {band.upper_rmb_month:,.0f} yuan", float(band.upper_rmb_month), "below"))
        elif pd.isna(band.upper_rmb_month):
            rows.append((f"over {band.lower_rmb_month:,.0f} yuan", float(band.lower_rmb_month), "above"))
    shares = {label: float(published.iloc[i]["share_pct"]) for i, (label, _, _) in enumerate(rows)}

    def fit_with(changed: dict[str, float]) -> incomes.LognormalFit:
        points = []
        for label, income, side in rows:
            share = changed.get(label, shares[label]) / 100
            points.append((income, share if side == "below" else 1 - share))
        return incomes.calibrate_lognormal(points)

    cases = [("as published", 0.0, None)]
    for label, _, _ in rows:
        for shift in sorted(shifts_pct):
            cases += [(label, -shift, label), (label, shift, label)]
    out = []
    nan = float("nan")
    for band_label, change, moved in cases:
        changed = {} if moved is None else {moved: shares[moved] * (1 + change / 100)}
        row = {
            "band": band_label,
            "change_pct": change,
            "share_pct": changed.get(moved, nan) if moved else nan,
        }
        try:
            fit = fit_with(changed)
        except ValueError:
            if moved is None:
                raise  # the bands as published must fit
            out.append(row | {"fits": False} | dict.fromkeys(["median_rmb_month", "sigma", "gini"], nan))
            out[-1] |= {"top1_pct": nan, "top10_pct": nan}
            continue
        summary = incomes.concentration_summary(fit.mu, fit.sigma)
        out.append(
            row
            | {
                "fits": True,
                "median_rmb_month": summary["median_rmb_month"],
                "sigma": fit.sigma,
                "gini": summary["gini"],
                "top1_pct": 100 * summary["top1_share"],
                "top10_pct": 100 * summary["top10_share"],
            }
        )
    return pd.DataFrame(out)


def band_sensitivity_display_table(shifts_pct: tuple[float, ...] = BAND_SHIFTS_PCT) -> pd.DataFrame:
    """:func:`band_sensitivity_table` for reading: rounded, with column names in words and units."""
    table = band_sensitivity_table(shifts_pct)

    def shown(column: str, form: str) -> pd.Series:
        return pd.Series(
            [
                format(v, form) if fits else tr("no fit")
                for v, fits in zip(table[column], table["fits"], strict=True)
            ]
        )

    return pd.DataFrame(
        {
            tr("Band moved"): table["band"].map(_band_text),
            tr("Change, % of its share"): table["change_pct"].map(
                lambda v: tr("none") if v == 0 else f"{v:+.0f}"
            ),
            tr("Its share, %"): table["share_pct"].map(lambda v: "" if pd.isna(v) else f"{v:.1f}"),
            tr("Median, yuan a month"): shown("median_rmb_month", ",.0f"),
            "σ": shown("sigma", ".2f"),
            tr("Gini"): shown("gini", ".2f"),
            tr("Top 1 % share, %"): shown("top1_pct", ".0f"),
        }
    )


def _band_text(band: str) -> str:
    """A band's name from :func:`band_sensitivity_table` ("under 3,000 yuan") in the reader's language."""
    if band == "as published":
        return tr("as published")
    side, _, amount = band.partition(" ")
    template = tr("under {amount} yuan") if side == "under" else tr("over {amount} yuan")
    return template.format(amount=amount.removesuffix(" yuan"))


def _fit_label(survey: str, fit: incomes.LognormalFit) -> str:
    if survey == MAIN_SURVEY:
        return tr("Fit to CAPA 2023, σ = {sigma:.2f}").format(sigma=fit.sigma)
    if survey == COMPARISON_SURVEY:
        return tr("Fit to Momo 2017, σ = {sigma:.2f}").format(sigma=fit.sigma)
    return tr("Fit to {survey}, σ = {sigma:.2f}").format(survey=survey, sigma=fit.sigma)


def survival_curve_table(fits: dict[str, incomes.LognormalFit]) -> pd.DataFrame:
    """Share earning more than each income, on a log grid from 300 to 100,000 yuan, for each fit."""
    grid = np.geomspace(300, 100_000, 60)
    rows = []
    for survey, fit in fits.items():
        for income in grid:
            above = 100 * (1 - incomes.lognormal_share_below(float(income), fit.mu, fit.sigma))
            rows.append((_fit_label(survey, fit), float(income), above))
    return pd.DataFrame(rows, columns=["curve", "income_rmb_month", "share_above_pct"])


def _points_in_reader_language(points: pd.DataFrame) -> pd.DataFrame:
    """:func:`seckill.calibrations.income_fit.income_points_table`'s texts in the reader's language:
    its label ("CAPA 2023, monthly income") rebuilt from the translated parts."""
    short_names = {"CAPA": tr("CAPA"), "Momo": tr("Momo"), "BOSS Zhipin": tr("BOSS Zhipin")}
    organisation = points["survey"].str.extract(r"^(CAPA|Momo|BOSS Zhipin)", expand=False)
    shown = translate_values(
        points[["survey", "survey_date", "income_measure", "income_rmb_month", "share_above_pct"]],
        ["survey", "income_measure"],
    )
    shown["survey_label"] = [
        tr("{organisation} {year}, {measure}").format(
            organisation=short_names.get(org, survey), year=str(date)[:4], measure=measure
        )
        for org, survey, date, measure in zip(
            organisation, shown["survey"], shown["survey_date"], shown["income_measure"], strict=True
        )
    ]
    return shown


def income_chart(points: pd.DataFrame, curves: pd.DataFrame) -> alt.LayerChart:
    """Published "share earning more than X" points from every survey, with the fitted curves."""
    x = alt.X(
        "income_rmb_month:Q",
        title=tr("Monthly income, yuan (log scale)"),
        scale=alt.Scale(type="log", domain=[300, 100_000]),
        axis=alt.Axis(values=[300, 1000, 3000, 10000, 30000, 100000], format="~s"),
    )
    y = alt.Y("share_above_pct:Q", title=tr("Share earning more, %"), scale=alt.Scale(domain=[0, 100]))
    curve_names = list(dict.fromkeys(curves["curve"]))
    lines = (
        alt.Chart(curves)
        .mark_line(color=charts.PALETTE["black"], strokeWidth=2)
        .encode(
            x=x,
            y=y,
            strokeDash=alt.StrokeDash(
                "curve:N", legend=None, scale=alt.Scale(domain=curve_names, range=[[1, 0], [6, 4]])
            ),
            tooltip=[alt.Tooltip("curve:N", title=tr("Fitted curve"))],
        )
    )
    # Label each curve on the chart (two legends side by side would overflow a phone).
    anchors = []
    for number, name in enumerate(curve_names):
        rows = curves[curves["curve"] == name]
        target = 1000 if number == 0 else 1500
        nearest = rows.iloc[(rows["income_rmb_month"] - target).abs().argmin()]
        anchors.append((name, float(nearest["income_rmb_month"]), float(nearest["share_above_pct"])))
    curve_labels = (
        alt.Chart(pd.DataFrame(anchors, columns=["curve", "income_rmb_month", "share_above_pct"]))
        .mark_text(align="left", dx=8, dy=-4, fontSize=12, color=charts.TEXT_COLOUR)
        .encode(x=x, y=y, text=alt.Text("curve:N", title=tr("Fitted curve")))
    )
    points = _points_in_reader_language(points)
    surveys = list(dict.fromkeys(points["survey_label"]))
    dots = (
        alt.Chart(points)
        .mark_point(filled=True, size=90, opacity=0.95)
        .encode(
            x=x,
            y=y,
            color=alt.Color(
                "survey_label:N", title=tr("Published survey figure"), scale=alt.Scale(domain=surveys)
            ),
            shape=alt.Shape(
                "survey_label:N", title=tr("Published survey figure"), scale=alt.Scale(domain=surveys)
            ),
            tooltip=[
                alt.Tooltip("survey:N", title=tr("Survey")),
                alt.Tooltip("survey_date:N", title=tr("Data for")),
                alt.Tooltip("income_measure:N", title=tr("Income measured")),
                alt.Tooltip("income_rmb_month:Q", title=tr("More than (yuan a month)"), format=",.0f"),
                alt.Tooltip("share_above_pct:Q", title=tr("Share (%)"), format=".1f"),
            ],
        )
    )
    chart = charts.finish(
        alt.layer(lines, curve_labels, dots),
        title=tr("How many streamers earn more than a given income?"),
        source=tr("CAPA, Momo and BOSS Zhipin surveys via news reports; lognormal fits by the book"),
        description=tr(
            "Chart with a logarithmic income axis from 300 to 100,000 yuan a month and the share "
            "of streamers earning more, in percent. Dots are published survey figures; a solid "
            "curve is a lognormal fitted to the CAPA full-time streamer bands for 2023 and a "
            "dashed curve one fitted to Momo's 2017 survey, which reports higher incomes."
        ),
    )
    return chart


# --------------------------------------------------------------------------- Lorenz explorer


def lorenz_grid() -> list[float]:
    """Population shares for drawing a Lorenz curve: even steps, denser near the top where it bends."""
    grid = set(np.round(np.linspace(0, 1, 101), 4).tolist())
    grid |= {0.991, 0.993, 0.995, 0.997, 0.998, 0.999, 0.9995}
    return sorted(grid)


def lorenz_table(fit: incomes.LognormalFit) -> pd.DataFrame:
    """The calibrated Lorenz curve on :func:`lorenz_grid`, as population and income shares in %."""
    grid = lorenz_grid()
    return pd.DataFrame(
        {
            "population_pct": [100 * p for p in grid],
            "income_pct": 100 * incomes.lognormal_lorenz(grid, fit.sigma),
        }
    )


# Vega expressions, the same formulas as seckill.models.incomes, so the page needs no Python.
_LORENZ_EXPR = (
    "datum.p <= 0 ? 0 : datum.p >= 1 ? 100 : 100 * cumulativeNormal(quantileNormal(datum.p) - sigma)"
)
_GINI_EXPR = "2 * cumulativeNormal(sigma / sqrt(2)) - 1"
_TOP_EXPR = "100 * (1 - cumulativeNormal(quantileNormal({q}) - sigma))"
# The spread of log income; it starts at the calibrated sigma, so the chart gives the start.
SIGMA = Slider("sigma", mark("Spread of log income"), mark("σ"), 0.1, 3.5, 0.01, None)


def survey_claim_label(year: int, top1_pct: float) -> str:
    """The label of a survey's claim on the Lorenz explorer: "2016 survey: top 1% took 80%"."""
    return tr("{year} survey: top 1% took {share:.0f}%").format(year=year, share=top1_pct)


def lorenz_explorer_chart(
    fit: incomes.LognormalFit, *, claim_top1_pct: float | None = None, claim_label: str = ""
) -> alt.LayerChart:
    """A slider sets the spread sigma; the Lorenz curve, Gini and top shares follow in the browser.

    The calibrated curve stays as a reference. If ``claim_top1_pct`` is given, a marked point shows
    where a curve would have to pass for the top 1 % to earn that share.
    """
    sigma = SIGMA.param(round(fit.sigma, 2))
    calibrated_name = tr("Calibrated to CAPA bands (σ = {sigma:.2f})").format(sigma=fit.sigma)
    chosen_name = tr("Your σ (slider)")
    colour = alt.Color(
        "curve:N",
        title=tr("Lorenz curve"),
        scale=alt.Scale(
            domain=[calibrated_name, chosen_name], range=[charts.MAIN_COLOUR, charts.HIGHLIGHT_COLOUR]
        ),
    )
    x = alt.X(
        "population_pct:Q",
        title=tr("Poorest share of streamers, %"),
        scale=alt.Scale(domain=[0, 100]),
        axis=alt.Axis(values=[0, 25, 50, 75, 100]),
    )
    y = alt.Y("income_pct:Q", title=tr("Share of all their income, %"), scale=alt.Scale(domain=[0, 100]))
    equality = (
        alt.Chart(pd.DataFrame({"population_pct": [0, 100], "income_pct": [0, 100]}))
        .mark_line(color=charts.MUTED_TEXT_COLOUR, strokeDash=[2, 3], strokeWidth=1.5)
        .encode(x=x, y=y)
    )
    calibrated = (
        alt.Chart(lorenz_table(fit).assign(curve=calibrated_name))
        .mark_line(strokeWidth=2)
        .encode(x=x, y=y, color=colour)
    )
    chosen = (
        alt.Chart(pd.DataFrame({"p": lorenz_grid()}))
        .transform_calculate(
            population_pct="100 * datum.p", income_pct=_LORENZ_EXPR, curve=f"'{chosen_name}'"
        )
        .mark_line(strokeWidth=3)
        .encode(x=x, y=y, color=colour)
    )
    readout = charts.readout(
        [
            vega_text(
                tr("σ = {sigma}: Gini {gini}"),
                sigma="format(sigma, '.2f')",
                gini="format(datum.gini, '.2f')",
            ),
            vega_text(
                tr("Top 1% earn {top1}%, top 10% earn {top10}%"),
                top1="format(datum.top1, '.0f')",
                top10="format(datum.top10, '.0f')",
            ),
            vega_text(tr("Mean income is {ratio} × the median"), ratio="format(datum.ratio, '.1f')"),
        ],
        frame=alt.Chart(pd.DataFrame({"anchor": [0]})).transform_calculate(
            gini=_GINI_EXPR,
            top1=_TOP_EXPR.format(q=0.99),
            top10=_TOP_EXPR.format(q=0.9),
            ratio="exp(sigma * sigma / 2)",
        ),
        x_px=8,
        y_px=14,
        font_size_px=13,
        bold="all",
    )
    layers = [equality, calibrated, chosen, *readout]
    if claim_top1_pct is not None:
        claim = pd.DataFrame(
            {"population_pct": [99.0], "income_pct": [100 - claim_top1_pct], "label": [claim_label]}
        )
        layers.append(
            alt.Chart(claim)
            .mark_point(shape="diamond", size=140, filled=True, color=charts.PALETTE["black"])
            .encode(x=x, y=y, tooltip=[alt.Tooltip("label:N", title=tr("Claim"))])
        )
        layers.append(
            alt.Chart(claim)
            .mark_text(align="right", dx=-10, dy=4, fontSize=12, color=charts.TEXT_COLOUR)
            .encode(x=x, y=y, text="label:N")
        )
    return charts.finish(
        alt.layer(*layers).add_params(sigma),
        title=tr("Winner takes all? Move the spread and watch the Lorenz curve"),
        source=tr(
            "lognormal calibrated to CAPA's 2023 income bands (via news reports); formulas in the text"
        ),
        description=tr(
            "Interactive Lorenz curve. The horizontal axis is the poorest share of streamers in "
            "percent, the vertical axis their share of all streamer income. A dotted diagonal "
            "marks equal incomes; a blue curve is the lognormal calibrated to CAPA's bands (Gini "
            "{lognormal_gini:.2f}); an orange curve follows the slider for the spread sigma, and "
            "text gives its Gini coefficient, the shares of the top 1 and 10 percent and the "
            "ratio of mean to median income."
        ).format(lognormal_gini=incomes.lognormal_gini(fit.sigma)),
    )


# --------------------------------------------------------------------------- wage benchmarks


def latest_weekly_hours(hours: pd.DataFrame | None = None, economy_code: str = "chn") -> tuple[int, float]:
    """The latest ILOSTAT average weekly hours for an economy: (year, hours)."""
    hours = data.load("working_hours") if hours is None else hours
    rows = hours[hours["economy_code"] == economy_code].sort_values("year")
    if rows.empty:
        raise ValueError(f"no working hours for economy {economy_code!r}")
    last = rows.iloc[-1]
    return int(last["year"]), float(last["weekly_hours"])


def hourly_benchmarks_table(
    wages: pd.DataFrame | None = None, hours: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Wage yardsticks in yuan an hour: hourly minimum wages as published, and the private-sector
    average wage turned into an hourly figure (derived: annual ÷ 52 weeks ÷ ILO weekly hours).
    """
    wages = data.load("wage_benchmarks") if wages is None else wages
    year, weekly = latest_weekly_hours(hours)
    rows = []
    for wage in wages.itertuples():
        if wage.per == "hour":
            rows.append((f"{wage.area} minimum wage", float(wage.value_rmb), int(wage.year), "published", ""))
        elif wage.per == "year" and "private" in wage.benchmark and "non-private" not in wage.benchmark:
            rows.append(
                (
                    "Private-sector average wage",
                    streamer.hourly_wage(float(wage.value_rmb), weekly),
                    int(wage.year),
                    "derived",
                    f"{float(wage.value_rmb):,.0f} yuan a year ÷ 52 weeks ÷ {weekly:g} hours a week "
                    f"(ILOSTAT average for China, {year})",
                )
            )
    return pd.DataFrame(rows, columns=["benchmark", "rmb_per_hour", "year", "status", "derivation"])


# On a phone a long axis label leaves no room for the bars, so bar charts put each row's label
# above its bar, across the full width, instead of in an axis.
BAR_ROW_PX = 42


def _labelled_bars(base: alt.Chart, *, x: alt.X, order: list[str], colour) -> list[alt.Chart]:
    """Bars for the rows of ``base`` (field ``row``) with the text field ``text`` above each bar."""
    y = alt.Y("row:N", title=None, sort=order, axis=None)
    bars = base.mark_bar(height=14).encode(x=x, y=y, color=colour)
    text = base.mark_text(
        align="left", baseline="bottom", dy=-9, fontSize=12, color=charts.TEXT_COLOUR
    ).encode(x=alt.value(0), y=y, text="text:N")
    return [bars, text]


# --------------------------------------------------------------------------- calculator

# The calculator's sliders: bounds from streamer.BOUNDS, so the page and the model accept the same
# inputs, and starting values the model's assumed defaults (the chart is given the ones to use).
_MONTH = streamer.MonthInputs()


# A control's note is translated where it is shown, so it must be a catalogue text as it stands.
# The book uses the model's default equipment life, whose note is in the catalogue; another life
# gets its note in English, which a Chinese chart refuses with MissingTranslation.
_DEFAULT_EQUIPMENT_NOTE = mark("spread over 12 months")


def _equipment_note(months: float) -> str:
    """The equipment slider's note: over how many months the equipment is paid off."""
    note = f"spread over {months:g} months"
    return _DEFAULT_EQUIPMENT_NOTE if note == _DEFAULT_EQUIPMENT_NOTE else note


def _month_slider(name: str, label: str, unit: str, step: float, note: str = "") -> Slider:
    low, high = streamer.BOUNDS[name]
    return Slider(name, label, unit, low, high, step, getattr(_MONTH, name), note=note)


CALCULATOR_CONTROLS = (
    _month_slider("hours_per_month", mark("Hours streamed a month"), "", 5),
    _month_slider("viewers_per_hour", mark("Viewers an hour"), "", 10, note=mark("typical")),
    _month_slider("conversion_pct", mark("Viewers who buy"), mark("%"), 0.1),
    _month_slider("order_value_rmb", mark("Average order"), mark("yuan"), 5),
    _month_slider("commission_pct", mark("Commission on sales"), mark("%"), 1),
    _month_slider("platform_fee_pct", mark("Platform's share of commission"), mark("%"), 1),
    _month_slider("agency_pct", mark("Agency's share of the rest"), mark("%"), 1),
    # The note says over how many months the equipment is paid off; calculator_chart rewrites it
    # for the inputs it is given.
    _month_slider(
        "equipment_rmb",
        mark("Equipment"),
        mark("yuan"),
        100,
        note=_equipment_note(_MONTH.equipment_life_months),
    ),
    _month_slider("traffic_rmb_per_month", mark("Traffic bought"), mark("yuan a month"), 100),
)


def calculator_controls(defaults: streamer.MonthInputs) -> tuple[Slider, ...]:
    """The calculator's sliders starting at ``defaults``, the equipment's months named in its note."""
    life = _equipment_note(defaults.equipment_life_months)
    return tuple(
        dataclasses.replace(
            control,
            default=getattr(defaults, control.name),
            note=life if control.name == "equipment_rmb" else control.note,
        )
        for control in CALCULATOR_CONTROLS
    )


def _benchmark_row(benchmark) -> str:
    """A wage benchmark's bar label, "Shanghai minimum wage, 2023", in the reader's language."""
    name = benchmark.benchmark
    if name == REFERENCE_BENCHMARK:
        name = tr("Private-sector average wage")
    elif name.endswith(" minimum wage"):
        name = tr("{area} minimum wage").format(area=tr(name.removesuffix(" minimum wage")))
    return tr("{benchmark}, {year}").format(benchmark=name, year=benchmark.year)


def calculator_start_table(
    defaults: streamer.MonthInputs, benchmarks: pd.DataFrame, *, reference_benchmark: str
) -> tuple[pd.DataFrame, dict[str, float]]:
    """The calculator's bars at its starting settings, and the figures of its read-out.

    Rows as the chart's bars: the typical (median) and average (expected) new streamer's net income
    an hour from :func:`seckill.models.streamer.net_income`, then each wage benchmark. Columns ``row`` and
    ``rmb_per_hour`` (1 decimal). The dict is ``net_income``'s result against the reference wage.
    """
    reference = float(benchmarks.set_index("benchmark").loc[reference_benchmark, "rmb_per_hour"])
    result = streamer.net_income(defaults, benchmark_rmb_per_hour=reference)
    rows = [
        (tr("Typical new streamer (assumed)"), result["median_net_rmb_per_hour"]),
        (tr("Average new streamer (assumed)"), result["expected_net_rmb_per_hour"]),
    ]
    rows += [(_benchmark_row(b), float(b.rmb_per_hour)) for b in benchmarks.itertuples()]
    table = pd.DataFrame(rows, columns=["row", "rmb_per_hour"]).round({"rmb_per_hour": 1})
    return table, result


def calculator_chart(
    defaults: streamer.MonthInputs, benchmarks: pd.DataFrame, *, reference_benchmark: str
) -> alt.LayerChart:
    """ "Should I become a streamer?": sliders for every input; bars compare net yuan an hour.

    The formulas are those of :mod:`seckill.models.streamer`, written as Vega expressions so the page works
    with no Python. Every slider is bounded by ``streamer.BOUNDS``; with those bounds no result can
    be infinite or undefined (hours, viewers, conversion, order value and commission are all > 0,
    and the platform and agency shares stay below 100 %).
    """
    params = [control.param() for control in calculator_controls(defaults)]
    sigma = defaults.sales_sigma
    reference = float(benchmarks.set_index("benchmark").loc[reference_benchmark, "rmb_per_hour"])
    keep = "commission_pct / 100 * (1 - platform_fee_pct / 100) * (1 - agency_pct / 100)"
    sales = "hours_per_month * viewers_per_hour * conversion_pct / 100 * order_value_rmb"
    costs = f"equipment_rmb / {float(defaults.equipment_life_months)!r} + traffic_rmb_per_month"
    median_hour = f"(({keep}) * ({sales}) - ({costs})) / hours_per_month"
    expected_hour = f"(({keep}) * ({sales}) * {math.exp(sigma**2 / 2)!r} - ({costs})) / hours_per_month"
    needed = f"({reference!r} * hours_per_month + ({costs})) / ({keep})"
    share_beating = f"100 * (1 - cumulativeNormal(log(({needed}) / ({sales})) / {sigma!r}))"

    rows = [
        (tr("Typical new streamer (assumed)"), "median", 0.0),
        (tr("Average new streamer (assumed)"), "expected", 0.0),
    ]
    rows += [(_benchmark_row(b), "benchmark", float(b.rmb_per_hour)) for b in benchmarks.itertuples()]
    bars_data = pd.DataFrame(rows, columns=["row", "kind", "benchmark_value"])
    order = bars_data["row"].tolist()
    # Coloured by bar (the typical, the average, then every benchmark alike), so that no category
    # name of the code's reaches the reader's table.
    colours = [charts.HIGHLIGHT_COLOUR, charts.PALETTE["orange"]] + [charts.MAIN_COLOUR] * (len(order) - 2)
    colour = alt.Color("row:N", scale=alt.Scale(domain=order, range=colours), legend=None)
    base = alt.Chart(bars_data).transform_calculate(
        value=f"datum.kind == 'median' ? {median_hour} : datum.kind == 'expected' ? {expected_hour}"
        " : datum.benchmark_value",
        text=vega_text(tr("{row}: {value} yuan"), row="datum.row", value="format(datum.value, ',.1f')"),
    )
    x = alt.X("value:Q", title=tr("Net income, yuan an hour"))
    layers = _labelled_bars(base, x=x, order=order, colour=colour)
    zero = alt.Chart(pd.DataFrame({"value": [0]})).mark_rule(color=charts.TEXT_COLOUR).encode(x="value:Q")
    readout = charts.readout(
        [
            vega_text(tr("Typical sales: {sales} yuan a month"), sales=f"format({sales}, ',.0f')"),
            vega_text(
                tr("You keep {keep}% of sales, minus {costs} yuan of costs"),
                keep=f"format(100 * ({keep}), '.1f')",
                costs=f"format({costs}, ',.0f')",
            ),
            vega_text(
                tr("Beating the private-sector wage: {share}% of starters"),
                share=f"format({share_beating}, '.0f')",
            ),
        ],
        y_px=-52,
        line_height_px=17,
        bold="all",
    )
    start_table, start = calculator_start_table(defaults, benchmarks, reference_benchmark=reference_benchmark)
    chart = charts.with_model_table(
        alt.layer(zero, *layers, *readout).add_params(*params).properties(height=BAR_ROW_PX * len(order)),
        start_table,
        caption=tr(
            "The bars the chart starts from. Typical sales: {median_sales_rmb:,.0f} yuan a "
            "month; the streamer keeps {keep_rate:.1f}% of sales, minus "
            "{costs_rmb_per_month:,.0f} yuan of costs; {share_beating_benchmark:.0f}% of "
            "starters would beat the private-sector wage"
        ).format(
            median_sales_rmb=start["median_sales_rmb"],
            keep_rate=100 * start["keep_rate"],
            costs_rmb_per_month=start["costs_rmb_per_month"],
            share_beating_benchmark=100 * start["share_beating_benchmark"],
        ),
        titles={"row": tr("Bar"), "rmb_per_hour": tr("Net income, yuan an hour")},
        model="seckill.models.streamer.net_income",
    )
    return charts.finish(
        chart,
        title=tr("Should I become a streamer? Net income an hour"),
        source=tr(
            "every slider is an assumption; wages: NBS 2023 (private units), minimum wages 2023, "
            "ILOSTAT hours; spread of sales from the CAPA calibration"
        ),
        description=tr(
            "Interactive bar chart of net income in yuan an hour. Sliders set hours streamed, "
            "viewers, the share who buy, order value, commission, the platform's and agency's "
            "shares, equipment and bought traffic. Two bars show a typical (median) and an "
            "average new streamer's net income an hour under those assumptions; others show "
            "sourced wage benchmarks. Text gives the typical monthly sales, the share of sales "
            "the streamer keeps, and the share of new streamers who would beat the "
            "private-sector average wage."
        ),
    )


# --------------------------------------------------------------------------- hours


def hours_findings_table(findings: pd.DataFrame | None = None) -> pd.DataFrame:
    """Survey findings on hours, with the source's wording (over, nearly) kept in the text."""
    findings = data.load("streamer_survey_findings") if findings is None else findings
    hours = findings[findings["topic"] == "hours"].copy()
    wording = {
        "exact": tr("{value}%"),
        "more than": tr("over {value}%"),
        "nearly": tr("nearly {value}%"),
        "about": tr("about {value}%"),
    }
    hours["value_label"] = [
        wording.get(qualifier, wording["exact"]).format(value=f"{value:.0f}")
        for qualifier, value in zip(hours["qualifier"], hours["value"], strict=True)
    ]
    short_names = {"CAPA": tr("CAPA"), "Momo": tr("Momo"), "BOSS Zhipin": tr("BOSS Zhipin")}
    survey_short = hours["survey"].str.extract(r"^(CAPA|Momo|BOSS Zhipin)", expand=False)
    hours["row"] = [
        tr("{finding} ({survey}, {year})").format(
            finding=tr(label), survey=short_names.get(survey, tr("survey")), year=date[:4]
        )
        for label, survey, date in zip(hours["label"], survey_short, hours["survey_date"], strict=True)
    ]
    hours["text"] = hours["value_label"] + " · " + hours["row"]
    return hours.reset_index(drop=True)


def hours_chart(table: pd.DataFrame) -> alt.LayerChart:
    """One bar per survey finding on hours; the wording (over, nearly) is kept in the labels."""
    order = table["row"].tolist()
    x = alt.X("value:Q", title=tr("Share of those surveyed, %"), scale=alt.Scale(domain=[0, 100]))
    shown = translate_values(
        table.drop(columns=["text"]),
        ["topic", "finding", "label", "survey", "population", "qualifier", "unit", "confidence", "note"],
    )
    # The bar's text is built in the browser, so the table under the chart does not repeat it.
    base = (
        alt.Chart(shown)
        .transform_calculate(text="datum.value_label + ' · ' + datum.row")
        .encode(
            tooltip=[
                alt.Tooltip("row:N", title=tr("Finding (survey, year)")),
                alt.Tooltip("finding:N", title=tr("Finding")),
                alt.Tooltip("survey:N", title=tr("Survey")),
                alt.Tooltip("population:N", title=tr("Who")),
                alt.Tooltip("value_label:N", title=tr("Share")),
            ]
        )
    )
    layers = _labelled_bars(base, x=x, order=order, colour=alt.value(charts.MAIN_COLOUR))
    return charts.finish(
        alt.layer(*layers).properties(height=BAR_ROW_PX * len(order)),
        title=tr("Long days on camera, and not for everyone"),
        source=tr("CAPA, Momo and BOSS Zhipin surveys via news reports (see Data and sources)"),
        description=tr(
            "Bar chart of survey findings on streamers' hours, in percent of those surveyed: {findings}."
        ).format(
            findings=tr("; ").join(
                tr("{row}: {value}").format(row=r.row, value=r.value_label) for r in table.itertuples()
            )
        ),
    )


def working_hours_chart(hours: pd.DataFrame | None = None) -> alt.LayerChart:
    """ILOSTAT average weekly hours, China and the United States."""
    hours = data.load("working_hours") if hours is None else hours
    hours = hours.assign(weekly_hours=hours["weekly_hours"].astype(float), year=hours["year"].astype(int))
    hours = hours[hours["year"] >= 2000]
    shown = translate_values(hours[["year", "economy", "weekly_hours", "source_id"]], ["economy"])
    base = alt.Chart(shown).encode(
        x=alt.X("year:Q", title=tr("Year"), axis=alt.Axis(format="d", tickMinStep=1)),
        y=alt.Y("weekly_hours:Q", title=tr("Average hours worked a week"), scale=alt.Scale(domain=[30, 50])),
        color=alt.Color("economy:N", title=tr("Economy")),
        tooltip=[
            alt.Tooltip("economy:N", title=tr("Economy")),
            alt.Tooltip("year:Q", title=tr("Year"), format="d"),
            alt.Tooltip("weekly_hours:Q", title=tr("Hours a week"), format=".1f"),
        ],
    )
    chn = hours[hours["economy_code"] == "chn"].sort_values("year")
    return charts.finish(
        alt.layer(base.mark_line(), base.mark_point(filled=True, size=50)),
        title=tr("Average working week, China and the United States"),
        source=tr("ILO, ILOSTAT, via Gapminder Systema Globalis (CC BY 4.0)"),
        description=tr(
            "Line chart of average hours worked per week since 2000. China, with data for {min} "
            "to {max}, ranges from {min2:.1f} to {max2:.1f} hours; the United States stays near "
            "38 hours."
        ).format(
            min=int(chn["year"].min()),
            max=int(chn["year"].max()),
            min2=chn["weekly_hours"].min(),
            max2=chn["weekly_hours"].max(),
        ),
    )


# --------------------------------------------------------------------------- the page's numbers

REFERENCE_BENCHMARK = "Private-sector average wage"


def default_month_inputs(fit: incomes.LognormalFit) -> streamer.MonthInputs:
    """The calculator's starting point: the model's assumed defaults, with the calibrated spread."""
    return streamer.MonthInputs(sales_sigma=round(fit.sigma, 2))


def default_cohort_inputs(fit: incomes.LognormalFit, quit_below_rmb: float) -> streamer.CohortInputs:
    """The cohort shown on the page: a calibrated typical income, assumed spreads and quitting rule."""
    return streamer.CohortInputs(
        median_income_rmb=round(fit.median_rmb_month, -1), quit_below_rmb=quit_below_rmb
    )


def chapter_numbers() -> dict[str, float]:
    """Every number the chapter's prose quotes, computed from the data package and the models.

    The narrative page glues each one into the text, so no figure is typed by hand.
    """
    numbers: dict[str, float] = {}
    counts = data.load("streamer_counts")

    def count(as_of: str, kind: str) -> float:
        row = counts[(counts["as_of"] == as_of) & (counts["count_kind"] == kind)]
        return float(row["count_m"].iloc[0])

    numbers["accounts_2020_m"] = count("2020-12", "accounts")
    numbers["accounts_2022_m"] = count("2022-12", "accounts")
    numbers["active_accounts_2021_m"] = count("2021-12", "active accounts")
    numbers["main_job_2023_m"] = count("2023-12", "people (main job)")
    numbers["professional_2024_m"] = count("2024-12", "people (professional)")
    numbers["mofcom_2020_m"] = count("2020-06", "active e-commerce streamers")
    numbers["mofcom_2023_m"] = count("2023-06", "active e-commerce streamers")
    numbers["accounts_per_ecommerce_host"] = numbers["accounts_2022_m"] / numbers["mofcom_2023_m"]

    bands = data.load("streamer_income_bands")

    def band(survey: str, lower, upper) -> float:
        rows = bands[bands["survey"] == survey]
        lower_ok = rows["lower_rmb_month"].isna() if lower is None else rows["lower_rmb_month"] == lower
        upper_ok = rows["upper_rmb_month"].isna() if upper is None else rows["upper_rmb_month"] == upper
        return float(rows[lower_ok & upper_ok]["share_pct"].iloc[0])

    # The band edges the page names, read from the bands themselves.
    capa = bands[bands["survey"] == MAIN_SURVEY]
    numbers["capa_low_rmb"] = float(capa["upper_rmb_month"].min())
    numbers["capa_high_rmb"] = float(capa["lower_rmb_month"].max())
    momo2018 = bands[bands["survey"] == "Momo 2018 streamer survey"]
    numbers["momo2018_threshold_rmb"] = float(momo2018["lower_rmb_month"].iloc[0])
    numbers["capa_below_3000_pct"] = band(MAIN_SURVEY, None, 3000)
    numbers["capa_3000_8000_pct"] = band(MAIN_SURVEY, 3000, 8000)
    numbers["capa_above_8000_pct"] = band(MAIN_SURVEY, 8000, None)
    numbers["momo2017_above_8000_pct"] = band(COMPARISON_SURVEY, 8000, None)
    numbers["momo2017_above_30000_pct"] = band(COMPARISON_SURVEY, 30000, None)
    numbers["momo2018_above_10000_pct"] = band("Momo 2018 streamer survey", 10000, None)

    findings = data.load("streamer_survey_findings")

    def finding(label: str, column: str = "value") -> float:
        return float(findings[findings["label"] == label][column].iloc[0])

    numbers["boss2019_avg_pay_rmb"] = finding("Average pay, all live-selling jobs")
    numbers["boss2020_avg_pay_rmb"] = finding("Average pay of hosts")
    numbers["daily_over_6h_pct"] = finding("Daily streamers: over 6 h a day")
    numbers["over_8h_pct"] = finding("Stream over 8 h a day")
    numbers["holidays_pct"] = finding("Work on public holidays")
    numbers["work_8_12h_pct"] = finding("Work 8-12 h a day")
    numbers["six_h_or_less_pct"] = finding("Stream 6 h or less a day")
    numbers["under_6_months_pct"] = finding("In the trade under 6 months")
    numbers["considering_change_pct"] = finding("Considering a job change")
    numbers["countryside_pct"] = finding("From the countryside")
    numbers["born_60s_70s_pct"] = finding("Born in the 1960s or 1970s")
    numbers["tips_low_pct"] = finding("Tips' share of income")
    numbers["tips_high_pct"] = finding("Tips' share of income", "value_high")
    numbers["netease_top1_pct"] = finding("Top 1%'s share of income")
    numbers["slot_fee_rmb"] = finding("Slot fee (one event)")
    numbers["event_commission_pct"] = finding("Host's commission (one event)")
    numbers["top_star_commission_pct"] = finding("Top stars' commission")
    numbers["tips_platform_pct"] = finding("Platform's share of tips")
    numbers["tips_agency_low_pct"] = finding("Agency's cut of tips")
    numbers["tips_agency_high_pct"] = finding("Agency's cut of tips", "value_high")

    fit = calibrate()
    summary = incomes.concentration_summary(fit.mu, fit.sigma)
    numbers["sigma"] = fit.sigma
    numbers["median_rmb"] = summary["median_rmb_month"]
    numbers["mean_rmb"] = summary["mean_rmb_month"]
    numbers["mean_to_median"] = summary["mean_to_median"]
    numbers["gini"] = summary["gini"]
    numbers["top1_pct"] = 100 * summary["top1_share"]
    numbers["top10_pct"] = 100 * summary["top10_share"]
    numbers["bottom50_pct"] = 100 * summary["bottom50_share"]
    numbers["fit_error_pp"] = max(abs(band_check_table(fit)["error_pp"]))
    numbers["tolerance_pp"] = incomes.CALIBRATION_TOLERANCE_PP
    numbers["fit_above_10000_pct"] = 100 * (1 - incomes.lognormal_share_below(10000, fit.mu, fit.sigma))
    momo = calibrate(COMPARISON_SURVEY)
    numbers["momo_sigma"] = momo.sigma
    numbers["momo_median_rmb"] = momo.median_rmb_month
    numbers["momo_gini"] = incomes.lognormal_gini(momo.sigma)
    numbers["momo_above_10000_pct"] = 100 * (1 - incomes.lognormal_share_below(10000, momo.mu, momo.sigma))
    sensitivity = band_sensitivity_table()
    small, large = min(BAND_SHIFTS_PCT), max(BAND_SHIFTS_PCT)
    within = sensitivity[sensitivity["change_pct"].abs() <= small]
    numbers["band_shift_small_pct"] = small
    numbers["band_shift_large_pct"] = large
    numbers["sens_no_fit_n"] = int((~sensitivity["fits"]).sum())
    numbers["sens_small_gini_min"] = float(within["gini"].min())
    numbers["sens_small_gini_max"] = float(within["gini"].max())
    numbers["sens_small_top1_min_pct"] = float(within["top1_pct"].min())
    numbers["sens_small_top1_max_pct"] = float(within["top1_pct"].max())
    numbers["sens_small_median_min_rmb"] = float(within["median_rmb_month"].min())
    numbers["sens_small_median_max_rmb"] = float(within["median_rmb_month"].max())
    numbers["sens_gini_min"] = float(sensitivity["gini"].min())
    numbers["sens_gini_max"] = float(sensitivity["gini"].max())
    numbers["sens_top1_min_pct"] = float(sensitivity["top1_pct"].min())
    numbers["sens_top1_max_pct"] = float(sensitivity["top1_pct"].max())
    numbers["sens_median_min_rmb"] = float(sensitivity["median_rmb_month"].min())
    numbers["sens_median_max_rmb"] = float(sensitivity["median_rmb_month"].max())
    netease_sigma = incomes.sigma_for_top_share(0.01, numbers["netease_top1_pct"] / 100)
    numbers["netease_sigma"] = netease_sigma
    numbers["netease_gini"] = incomes.lognormal_gini(netease_sigma)

    year, weekly = latest_weekly_hours()
    hours = data.load("working_hours")
    numbers["ilo_year"] = year
    numbers["ilo_china_hours"] = weekly
    usa = hours[(hours["economy_code"] == "usa") & (hours["year"] == year)]["weekly_hours"]
    numbers["ilo_usa_hours"] = float(usa.iloc[0])
    numbers["six_hours_every_day_per_week"] = 6 * 7

    wages = data.load("wage_benchmarks").set_index(["benchmark", "area"])["value_rmb"]
    numbers["private_wage_rmb"] = float(wages[("average annual wage, urban private units", "China")])
    numbers["nonprivate_wage_rmb"] = float(wages[("average annual wage, urban non-private units", "China")])
    numbers["shanghai_min_month_rmb"] = float(wages[("monthly minimum wage, full-time", "Shanghai")])
    benchmarks = hourly_benchmarks_table()
    per_hour = benchmarks.set_index("benchmark")["rmb_per_hour"]
    numbers["private_wage_per_hour"] = float(per_hour[REFERENCE_BENCHMARK])
    numbers["shanghai_min_hour"] = float(per_hour["Shanghai minimum wage"])
    numbers["beijing_min_hour"] = float(per_hour["Beijing minimum wage"])

    month = default_month_inputs(fit)
    result = streamer.net_income(month, benchmark_rmb_per_hour=numbers["private_wage_per_hour"])
    numbers["calc_hours"] = month.hours_per_month
    numbers["calc_viewers"] = month.viewers_per_hour
    numbers["calc_conversion_pct"] = month.conversion_pct
    numbers["calc_order_rmb"] = month.order_value_rmb
    numbers["calc_commission_pct"] = month.commission_pct
    numbers["calc_platform_pct"] = month.platform_fee_pct
    numbers["calc_agency_pct"] = month.agency_pct
    numbers["calc_equipment_rmb"] = month.equipment_rmb
    numbers["calc_traffic_rmb"] = month.traffic_rmb_per_month
    numbers["calc_sales_rmb"] = result["median_sales_rmb"]
    numbers["calc_keep_pct"] = 100 * result["keep_rate"]
    numbers["calc_median_net_month"] = result["median_net_rmb_per_month"]
    numbers["calc_median_per_hour"] = result["median_net_rmb_per_hour"]
    numbers["calc_expected_per_hour"] = result["expected_net_rmb_per_hour"]
    numbers["calc_share_beating_pct"] = 100 * result["share_beating_benchmark"]
    numbers["calc_sales_needed_rmb"] = result["sales_needed_for_benchmark_rmb"]
    numbers["calc_equipment_life"] = month.equipment_life_months
    numbers["calc_costs_rmb"] = result["costs_rmb_per_month"]
    per_viewer = month.hours_per_month * month.conversion_pct / 100 * month.order_value_rmb
    numbers["calc_sales_per_viewer"] = per_viewer
    numbers["calc_viewers_needed"] = result["sales_needed_for_benchmark_rmb"] / per_viewer

    cohort_inputs = default_cohort_inputs(fit, numbers["shanghai_min_month_rmb"])
    cohort = streamer.cohort_summary(
        streamer.simulate_cohort(cohort_inputs), cohort_inputs.n_streamers, cohort_inputs.months
    )
    last = cohort.iloc[-1]
    numbers["cohort_months"] = cohort_inputs.months
    numbers["cohort_patience"] = cohort_inputs.patience_months
    numbers["cohort_active_pct"] = 100 * float(last["share_active"])
    numbers["cohort_survivors_mean_rmb"] = float(last["survivors_mean_income_rmb"])
    numbers["cohort_starters_mean_rmb"] = float(last["starters_mean_income_rmb"])
    return numbers


# --- The notebook's sentences ----------------------------------------------------------------------
# What the notebook prints, written here so that a Chinese kernel prints it in Chinese.


def fit_text(fit: incomes.LognormalFit) -> str:
    """A lognormal fit in one line: its median and mean (yuan a month) and its sigma."""
    return tr("median {median:,.0f} yuan a month, mean {mean:,.0f}, sigma {sigma:.2f}").format(
        median=fit.median_rmb_month, mean=fit.mean_rmb_month, sigma=fit.sigma
    )


def net_income_text(result: dict[str, float], benchmark_rmb_per_hour: float) -> str:
    """Three lines from :func:`seckill.models.streamer.net_income`: the typical and the average
    newcomer's net yuan an hour, and the share of newcomers who beat the benchmark wage."""
    return "\n".join(
        [
            tr("typical newcomer: {rmb:.1f} yuan an hour").format(rmb=result["median_net_rmb_per_hour"]),
            tr("average newcomer: {rmb:.1f} yuan an hour").format(rmb=result["expected_net_rmb_per_hour"]),
            tr("share of newcomers beating {wage:.1f} yuan an hour: {share:.0%}").format(
                wage=benchmark_rmb_per_hour, share=result["share_beating_benchmark"]
            ),
        ]
    )


def minimum_wage_label(year: int) -> str:
    """The cohort explorer's name for its quitting threshold: Shanghai's monthly minimum wage."""
    return tr("Shanghai's monthly minimum wage ({year})").format(year=year)
