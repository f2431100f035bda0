"""The numbers behind a chart, as HTML tables the static book puts under it.

Every chart in the static book is followed by a collapsed ``<details>`` ("Show the numbers: <chart
title>") with the numbers it draws, built in Python from the chart's Vega-Lite spec when the page
is built. Nothing in it needs JavaScript, so readers without scripts, screen readers and search
engines get the numbers as well as those who see the chart. The static renderer
(:mod:`seckill.charts.render`) calls :func:`details_html` for each chart.

One module per step, in the order a table is made:

- :mod:`~seckill.charts.tables.spec`: which datasets the chart's views draw from, as what marks
  and under which titles; which of them only help to draw; the chart's controls and name;
- :mod:`~seckill.charts.tables.columns`: which columns a table shows and their headers, from the
  chart's titles, the data package (``data/datapackage.json``) or the field names;
- :mod:`~seckill.charts.tables.values`: each cell's text, so numbers read cleanly;
- :mod:`~seckill.charts.tables.model_values`: the table of model values an explorer's chart
  carries in its spec, since what it draws is computed in the browser;
- :mod:`~seckill.charts.tables.details`: captions, the row cap, links to the sources and the HTML.

Each chart's summary and table regions are named after its title, and the names must differ on a
page; the renderer sees one chart at a time, so charts with the same title are told apart once the
page is assembled, by the book build (``sitebuild/chart_names.py``).

The names below are what the rest of the book uses. The constants are copies: each is read in the
module that defines it, so a test that changes one patches that module.
"""

from seckill.charts.tables.columns import (
    HEADER_MAX_CHARS,
    MIN_SHARED_FIELDS,
    SOURCE_FIELD,
    SOURCE_HEADER,
    Column,
    field_header,
    matching_resource,
    package_fields,
    readable_name,
    table_columns,
)
from seckill.charts.tables.details import (
    DETAILS_CLASS,
    LONG_TEXT_CHARS,
    LONG_TEXT_CLASS,
    MAX_ROWS,
    SOURCE_ANCHOR_PREFIX,
    SOURCES_PAGE,
    SUMMARY_PREFIX,
    controls_note,
    details_html,
    source_link,
)
from seckill.charts.tables.model_values import MODEL_TABLE_KEY, model_table, model_table_meta
from seckill.charts.tables.spec import (
    DatasetUse,
    bound_controls,
    chart_name,
    datasets_in_use,
    is_helper,
    spec_objects,
)
from seckill.charts.tables.values import (
    GROUP_DIGITS_FROM,
    MISSING,
    SIGNIFICANT_DIGITS,
    format_value,
    text_table,
)

__all__ = [
    "DETAILS_CLASS",
    "GROUP_DIGITS_FROM",
    "HEADER_MAX_CHARS",
    "LONG_TEXT_CHARS",
    "LONG_TEXT_CLASS",
    "MAX_ROWS",
    "MIN_SHARED_FIELDS",
    "MISSING",
    "MODEL_TABLE_KEY",
    "SIGNIFICANT_DIGITS",
    "SOURCES_PAGE",
    "SOURCE_ANCHOR_PREFIX",
    "SOURCE_FIELD",
    "SOURCE_HEADER",
    "SUMMARY_PREFIX",
    "Column",
    "DatasetUse",
    "bound_controls",
    "chart_name",
    "controls_note",
    "datasets_in_use",
    "details_html",
    "field_header",
    "format_value",
    "text_table",
    "is_helper",
    "matching_resource",
    "model_table",
    "model_table_meta",
    "package_fields",
    "readable_name",
    "source_link",
    "spec_objects",
    "table_columns",
]
