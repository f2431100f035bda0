"""Growth projection explorer (Chapter 1): when would steady growth reach a target?"""

from __future__ import annotations

import altair as alt
import pandas as pd

from seckill import charts
from seckill.explorers import in_static_book, static_placeholder
from seckill.models import growth


def projection_table(
    base_year: int, base_value_rmb_bn: float, rate: float, end_year: int, target_rmb_bn: float
) -> tuple[pd.DataFrame, float]:
    """Projected GMV by year and the (fractional) number of years until it reaches ``target_rmb_bn``."""
    path = growth.project(base_value_rmb_bn, base_year, rate, end_year, value_name="gmv_rmb_bn")
    return path, growth.years_to_reach(base_value_rmb_bn, target_rmb_bn, rate)


def projection_chart(
    path: pd.DataFrame, *, target_rmb_bn: float, target_label: str, source: str, rate: float
) -> alt.LayerChart:
    """The projected path on a log axis with the target as a horizontal line."""
    line = (
        alt.Chart(path)
        .mark_line(color=charts.HIGHLIGHT_COLOUR, point=True)
        .encode(
            x=alt.X("year:Q", title="Year", axis=alt.Axis(format="d")),
            y=alt.Y(
                "gmv_rmb_bn:Q", title="Sales (GMV), billion yuan — log scale", scale=alt.Scale(type="log")
            ),
            tooltip=[alt.Tooltip("year:Q", format="d"), alt.Tooltip("gmv_rmb_bn:Q", format=",.0f")],
        )
    )
    target = (
        alt.Chart(pd.DataFrame({"target": [target_rmb_bn], "label": [target_label]}))
        .mark_rule(color=charts.MAIN_COLOUR, strokeDash=[6, 3])
        .encode(y="target:Q")
    )
    label = (
        alt.Chart(pd.DataFrame({"target": [target_rmb_bn], "label": [target_label]}))
        .mark_text(align="left", x=4, dy=-8, color=charts.MAIN_COLOUR)
        .encode(y="target:Q", text="label:N")
    )
    return charts.finish(
        alt.layer(line, target, label),
        title=f"Singles' Day GMV projected at {rate:.0%} a year",
        source=source,
        description=(
            f"Projection of Singles' Day sales growing {rate:.0%} a year on a log axis, with a horizontal "
            f"line at {target_label}."
        ),
    )


def projection_explorer(
    *, base_year: int, base_value_rmb_bn: float, target_rmb_bn: float, target_label: str, source: str
):
    """Sliders for the growth rate and the horizon; shows the path and when it meets the target."""
    if in_static_book():
        return static_placeholder()
    import ipywidgets as widgets
    from IPython.display import Markdown, display

    rate_pct = widgets.IntSlider(
        value=36,
        min=1,
        max=150,
        step=1,
        description="Growth, % a year",
        style={"description_width": "initial"},
    )
    end_year = widgets.IntSlider(
        value=base_year + 20,
        min=base_year + 1,
        max=base_year + 60,
        step=1,
        description="Project to year",
        style={"description_width": "initial"},
    )
    output = widgets.Output()

    def redraw(_change=None):
        output.clear_output(wait=True)
        with output:
            rate = rate_pct.value / 100
            try:
                path, years = projection_table(
                    base_year, base_value_rmb_bn, rate, end_year.value, target_rmb_bn
                )
            except ValueError as error:
                display(Markdown(f"**Cannot project:** {error}"))
                return
            display(
                projection_chart(
                    path, target_rmb_bn=target_rmb_bn, target_label=target_label, source=source, rate=rate
                )
            )
            display(
                Markdown(
                    f"At {rate_pct.value} % a year the festival doubles every "
                    f"{growth.doubling_time_years(rate):.1f} years and reaches {target_label} after "
                    f"**{years:.1f} years**, around **{base_year + years:.0f}**."
                )
            )

    rate_pct.observe(redraw, names="value")
    end_year.observe(redraw, names="value")
    redraw()
    return widgets.VBox([widgets.HBox([rate_pct, end_year]), output])
