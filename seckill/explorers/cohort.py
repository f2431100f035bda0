"""Cohort explorer (Chapter 4): a class of new streamers month by month, and who quits."""

from __future__ import annotations

import dataclasses

import altair as alt
import pandas as pd

from seckill import charts
from seckill.controls import Slider
from seckill.explorers import explorer
from seckill.i18n import is_chinese, mark, tr
from seckill.models import streamer

SOURCE = mark("simulation with the reader's assumptions (seckill.models.streamer.simulate_cohort)")
SURVIVORS = mark("Mean income of those still streaming")
STARTERS = mark("Mean income of all starters, month 1")
ACTIVE = mark("Still streaming, % of starters")

# The explorer's controls, named after the streamer.CohortInputs field each sets. The page shows
# one run, not these sliders; the explorer starts them from the cohort it is given (the page's).
_COHORT = streamer.CohortInputs()
QUIT_BELOW = Slider(
    "quit_below_rmb", mark("Quit below"), mark("yuan a month"), 0, 20_000, 10, _COHORT.quit_below_rmb
)
PATIENCE = Slider("patience_months", mark("Months of patience"), "", 1, 24, 1, _COHORT.patience_months)
SIGMA_PULL = Slider(
    "sigma_pull", mark("Spread between streamers"), mark("σ"), 0.0, 3.0, 0.1, _COHORT.sigma_pull
)
SIGMA_MONTH = Slider(
    "sigma_month", mark("Month-to-month luck"), mark("σ"), 0.0, 2.0, 0.1, _COHORT.sigma_month
)
MONTHS = Slider("months", mark("Months"), "", 3, 60, 1, _COHORT.months)
COHORT_CONTROLS = (QUIT_BELOW, PATIENCE, SIGMA_PULL, SIGMA_MONTH, MONTHS)


def cohort_table(inputs: streamer.CohortInputs) -> pd.DataFrame:
    """Month-by-month summary of one simulated cohort, in long form for charting.

    Columns: month, series, value, panel. The ``income`` panel holds the survivors' mean income and
    the starters' mean (what a newcomer could expect before anyone quit); the ``active`` panel the
    share of the cohort still streaming, in %.
    """
    summary = streamer.cohort_summary(streamer.simulate_cohort(inputs), inputs.n_streamers, inputs.months)
    income = summary.melt(
        id_vars="month",
        value_vars=["survivors_mean_income_rmb", "starters_mean_income_rmb"],
        var_name="series",
        value_name="value",
    )
    income["series"] = income["series"].map(
        {
            "survivors_mean_income_rmb": SURVIVORS,
            "starters_mean_income_rmb": STARTERS,
        }
    )
    income["panel"] = "income"
    # A month in which everyone has quit has no survivors' mean: no point, rather than a NaN.
    income = income.dropna(subset=["value"])
    active = pd.DataFrame(
        {
            "month": summary["month"],
            "series": ACTIVE,
            "value": 100 * summary["share_active"],
            "panel": "active",
        }
    )
    return pd.concat([income, active], ignore_index=True)


def still_streaming_text(share_pct: float) -> str:
    """How many of the starters still stream, in words that stay true at the edges.

    0 is "nobody", not "0%"; a share that rounds to 0 % or to 100 % without being it says so.
    """
    if share_pct <= 0:
        return tr("nobody still streams")
    if share_pct < 0.5:
        return tr("under 1% still stream")
    if share_pct >= 100:
        return tr("everyone still streams")
    if share_pct > 99.5:
        return tr("over 99% still stream")
    return tr("{share:.0f}% still stream").format(share=share_pct)


def cohort_chart(table: pd.DataFrame, inputs: streamer.CohortInputs) -> alt.LayerChart:
    """Survivors' mean income against the starters' mean, with the share still streaming as labels."""
    income = table[table["panel"] == "income"]
    active = table[table["panel"] == "active"]
    last = active.sort_values("month").iloc[-1]
    series = [tr(SURVIVORS), tr(STARTERS)]
    lines = (
        alt.Chart(income[["month", "series", "value"]].assign(series=income["series"].map(tr)))
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "month:Q",
                title=tr("Months since starting"),
                axis=alt.Axis(format="d", tickMinStep=1, tickCount=6),
            ),
            y=alt.Y("value:Q", title=tr("Mean monthly income, yuan"), scale=alt.Scale(zero=True)),
            color=alt.Color("series:N", title=None, sort=series),
            strokeDash=alt.StrokeDash("series:N", title=None, sort=series),
            tooltip=[
                alt.Tooltip("month:Q", title=tr("Month")),
                alt.Tooltip("series:N", title=tr("Series")),
                alt.Tooltip("value:Q", title=tr("Yuan"), format=",.0f"),
            ],
        )
    )
    note = (
        alt.Chart(
            pd.DataFrame(
                {
                    "label": [
                        tr("After {months} months, {still_streaming}").format(
                            months=int(last["month"]), still_streaming=still_streaming_text(last["value"])
                        )
                    ]
                }
            )
        )
        .mark_text(align="left", x=8, y=12, fontSize=13, fontWeight="bold", color=charts.TEXT_COLOUR)
        .encode(text="label:N")
    )
    return charts.finish(
        alt.layer(lines, note),
        title=tr("Survivorship: the streamers who stay look richer"),
        source=tr(SOURCE),
        description=tr(
            "Simulated cohort of {n_streamers} new streamers over {months} months. One line "
            "shows the mean monthly income of those still streaming, another the mean of all "
            "starters in month 1. Streamers quit after {patience_months} months in a row below "
            "{quit_below_rmb:,.0f} yuan; at the end, {still_streaming}. All inputs are assumptions."
        ).format(
            n_streamers=inputs.n_streamers,
            months=inputs.months,
            patience_months=inputs.patience_months,
            quit_below_rmb=inputs.quit_below_rmb,
            # A screen reader reads "%" in Chinese text; English spells it out, as the book does.
            still_streaming=still_streaming_text(last["value"])
            if is_chinese()
            else still_streaming_text(last["value"]).replace("%", " percent"),
        ),
    )


def cohort_explorer(start: streamer.CohortInputs, *, benchmark_label: str):
    """Sliders for the quitting rule, the spreads and the months; redraws the cohort on every change.

    The sliders start at ``start``, the cohort the chapter page shows
    (:func:`seckill.chapters.ch04.default_cohort_inputs`); its typical income stays fixed, and its
    quitting threshold is the benchmark named by ``benchmark_label``.
    """
    from IPython.display import Markdown

    benchmark_rmb_month = start.quit_below_rmb

    def draw(**settings):
        inputs = dataclasses.replace(start, **settings)
        text = tr(
            "Quitting rule: below {quit_below:,.0f} yuan ({benchmark} is {benchmark_rmb:,.0f}) for "
            "{months} months in a row."
        ).format(
            quit_below=inputs.quit_below_rmb,
            benchmark=benchmark_label,
            benchmark_rmb=benchmark_rmb_month,
            months=inputs.patience_months,
        )
        return [cohort_chart(cohort_table(inputs), inputs), Markdown(text)]

    controls = [control.starting_at(getattr(start, control.name)) for control in COHORT_CONTROLS]
    return explorer(controls, draw, failure=mark("Cannot simulate"))
