"""Cohort explorer (Chapter 4): a class of new streamers month by month, and who quits."""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.explorers import in_static_book, static_placeholder
from seckill.models import streamer

SOURCE = "simulation with the reader's assumptions (seckill.models.streamer.simulate_cohort)"


def cohort_table(inputs: streamer.CohortInputs) -> pd.DataFrame:
    """Month-by-month summary of one simulated cohort, in long form for charting.

    Columns: month, series, value, panel. The ``income`` panel holds the survivors' mean income and
    the starters' mean (what a newcomer could expect before anyone quit); the ``active`` panel the
    share of the cohort still streaming, in %.
    """
    summary = streamer.cohort_summary(streamer.simulate_cohort(inputs), inputs.n_streamers)
    income = summary.melt(
        id_vars="month",
        value_vars=["survivors_mean_income_rmb", "starters_mean_income_rmb"],
        var_name="series",
        value_name="value",
    )
    income["series"] = income["series"].map(
        {
            "survivors_mean_income_rmb": "Mean income of those still streaming",
            "starters_mean_income_rmb": "Mean income of all starters, month 1",
        }
    )
    income["panel"] = "income"
    active = pd.DataFrame(
        {
            "month": summary["month"],
            "series": "Still streaming, % of starters",
            "value": 100 * summary["share_active"],
            "panel": "active",
        }
    )
    return pd.concat([income, active], ignore_index=True)


def cohort_chart(table: pd.DataFrame, inputs: streamer.CohortInputs) -> alt.LayerChart:
    """Survivors' mean income against the starters' mean, with the share still streaming as labels."""
    income = table[table["panel"] == "income"]
    active = table[table["panel"] == "active"]
    last = active.sort_values("month").iloc[-1]
    lines = (
        alt.Chart(income)
        .mark_line(point=True)
        .encode(
            x=alt.X(
                "month:Q",
                title="Months since starting",
                axis=alt.Axis(format="d", tickMinStep=1, tickCount=6),
            ),
            y=alt.Y("value:Q", title="Mean monthly income, yuan", scale=alt.Scale(zero=True)),
            color=alt.Color("series:N", title=None),
            strokeDash=alt.StrokeDash("series:N", title=None),
            tooltip=[
                alt.Tooltip("month:Q", title="Month"),
                alt.Tooltip("series:N"),
                alt.Tooltip("value:Q", title="Yuan", format=",.0f"),
            ],
        )
    )
    note = (
        alt.Chart(
            pd.DataFrame({"label": [f"After {int(last['month'])} months, {last['value']:.0f}% still stream"]})
        )
        .mark_text(align="left", x=8, y=12, fontSize=13, fontWeight="bold", color=charts.TEXT_COLOUR)
        .encode(text="label:N")
    )
    return charts.finish(
        alt.layer(lines, note),
        title="Survivorship: the streamers who stay look richer",
        source=SOURCE,
        description=(
            f"Simulated cohort of {inputs.n_streamers} new streamers over {inputs.months} months. One line "
            "shows the mean monthly income of those still streaming, another the mean of all starters in "
            f"month 1. Streamers quit after {inputs.patience_months} months in a row below "
            f"{inputs.quit_below_rmb:,.0f} yuan; {last['value']:.0f} percent remain at the end. "
            "All inputs are assumptions."
        ),
    )


def cohort_explorer(*, median_income_rmb: float, benchmark_rmb_month: float, benchmark_label: str):
    """Sliders for the quitting rule and the spread of incomes; redraws the cohort on every change.

    ``median_income_rmb`` is the typical starter's income (the chapter passes its calibrated
    median); ``benchmark_rmb_month`` the default income below which streamers give up.
    """
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    style = {"description_width": "initial"}
    quit_below = widgets.IntSlider(
        value=int(round(benchmark_rmb_month, -2)),
        min=0,
        max=20000,
        step=100,
        description="Quit below, yuan a month",
        style=style,
    )
    patience = widgets.IntSlider(value=3, min=1, max=24, description="Months of patience", style=style)
    sigma_pull = widgets.FloatSlider(
        value=1.3, min=0.0, max=3.0, step=0.1, description="Spread between streamers (σ)", style=style
    )
    sigma_month = widgets.FloatSlider(
        value=0.8, min=0.0, max=2.0, step=0.1, description="Month-to-month luck (σ)", style=style
    )
    months = widgets.IntSlider(value=24, min=3, max=60, description="Months", style=style)
    output = widgets.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            try:
                inputs = streamer.CohortInputs(
                    months=months.value,
                    median_income_rmb=median_income_rmb,
                    sigma_pull=sigma_pull.value,
                    sigma_month=sigma_month.value,
                    quit_below_rmb=float(quit_below.value),
                    patience_months=patience.value,
                )
            except ValueError as error:
                display(Markdown(f"**Cannot simulate:** {error}"))
                return
            display(cohort_chart(cohort_table(inputs), inputs))
            display(
                Markdown(
                    f"Quitting rule: below {quit_below.value:,} yuan ({benchmark_label} is "
                    f"{benchmark_rmb_month:,.0f}) for {patience.value} months in a row."
                )
            )

    controls = [quit_below, patience, sigma_pull, sigma_month, months]
    for control in controls:
        control.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.VBox(controls), output])
