"""The build's renaming of charts that share a title on one page (sitebuild/chart_names.py)."""

import re

import altair as alt
import pandas as pd

from seckill import charts
from seckill.charts import render
from sitebuild.chart_names import name_repeated_charts


def _chart_html(title: str) -> str:
    data = pd.DataFrame({"year": [2020], "value": [1]})
    chart = alt.Chart(data).mark_bar().encode(x="year:O", y="value:Q")
    return render.static_html(charts.finish(chart, title=title, source="s", description="d").to_dict())


def test_charts_with_the_same_title_on_one_page_get_distinct_names():
    same, other = _chart_html("Sales of a shop"), _chart_html("Other")
    page = name_repeated_charts(f"<p>intro</p>{same}{other}<p>text</p>{same}")
    summaries = re.findall(r"<summary>(.*?)</summary>", page)
    assert summaries == [
        "Show the numbers: Sales of a shop (chart 1 on this page)",
        "Show the numbers: Other",
        "Show the numbers: Sales of a shop (chart 3 on this page)",
    ]
    labels = re.findall(r'role="region" aria-label="([^"]*)"', page)
    assert len(set(labels)) == 3
    assert page.startswith("<p>intro</p>") and page.endswith("</details></div>")


def test_a_page_whose_charts_are_already_distinct_is_left_as_it_is():
    page = _chart_html("Sales of a shop") + _chart_html("Other")
    assert name_repeated_charts(page) == page
    assert name_repeated_charts("<p>no charts</p>") == "<p>no charts</p>"
