"""One table cell as text: numbers written for reading, the same mark for every missing value.

The rows of a spec are JSON, so a cell is a number, a string, a boolean, null or (rarely) a list or
object. Numbers are written so a reader can take them in at a glance and a machine's rounding does
not show: an integer stays an integer, also when it is stored as a float (2021.0 is the year
2021), and its digits are grouped only from :data:`GROUP_DIGITS_FROM` up, so four-digit years and
counts stay unbroken; any other number keeps at most :data:`SIGNIFICANT_DIGITS` significant
digits, which turns ``0.30000000000000004`` back into 0.3. Strings, ISO dates among them, are shown
as they are. A missing value (null or NaN) is :data:`MISSING` in every table.

Escaping the text for HTML is the writer's job (:mod:`seckill.charts.tables.details`).
"""

from __future__ import annotations

import json
import math

import pandas as pd

from seckill import i18n

SIGNIFICANT_DIGITS = 6
# Grouping digits from 10,000 up keeps years (2021) and four-digit counts unbroken.
GROUP_DIGITS_FROM = 10_000
MISSING = "–"  # en dash, the same in every table


def format_value(value) -> tuple[str, bool]:
    """The text of one cell and whether it is a number (columns of numbers are right-aligned)."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return MISSING, False
    if isinstance(value, bool):
        return (i18n.tr("yes") if value else i18n.tr("no")), False
    if isinstance(value, int) or (isinstance(value, float) and value.is_integer() and abs(value) < 1e15):
        number = int(value)
        return (f"{number:,}" if abs(number) >= GROUP_DIGITS_FROM else str(number)), True
    if isinstance(value, float):
        if math.isinf(value):
            return ("∞" if value > 0 else "−∞"), True
        magnitude = math.floor(math.log10(abs(value)))
        decimals = min(15, max(0, SIGNIFICANT_DIGITS - 1 - magnitude))
        grouping = "," if abs(value) >= GROUP_DIGITS_FROM else ""
        text = f"{value:{grouping}.{decimals}f}"
        if "." in text:
            text = text.rstrip("0").rstrip(".")
        return text, True
    if isinstance(value, str):
        return value, False
    return json.dumps(value, ensure_ascii=False), False


def text_table(frame: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with every cell written as :func:`format_value` writes it: missing values are
    :data:`MISSING`, never "NaN" or "None", when a notebook or an explorer shows the table."""
    return frame.astype(object).apply(lambda column: column.map(lambda value: format_value(value)[0]))
