"""Read back the table in a chart's "Show the numbers" details, as a reader (or a screen reader) gets it.

Shared by the chapter tests that check a chart's table of model values against the model.
"""

from __future__ import annotations

import html
import re


def read_table(details: str) -> tuple[str, list[str], list[list[str]]]:
    """The caption, headers and body rows (cell texts) of the one table in ``details``."""
    tables = re.findall(r"<table>(.*?)</table>", details, re.S)
    assert len(tables) == 1, f"expected one table, found {len(tables)}"
    table = tables[0]
    caption = html.unescape(re.search(r"<caption>(.*?)</caption>", table, re.S).group(1))
    headers = [html.unescape(text) for text in re.findall(r"<th(?: [^>]*)?>(.*?)</th>", table)]
    body = re.search(r"<tbody>(.*?)</tbody>", table, re.S).group(1)
    rows = [
        [html.unescape(text) for text in re.findall(r"<td(?: [^>]*)?>(.*?)</td>", row)]
        for row in re.findall(r"<tr>(.*?)</tr>", body)
    ]
    return caption, headers, rows


def number(text: str) -> float:
    """A cell's number: thousands separators dropped, a Unicode minus read as a minus."""
    return float(text.replace(",", "").replace("−", "-"))


def starting_values(spec: dict) -> dict[str, float]:
    """The starting value of every parameter bound to an input (slider or menu) in a chart's spec."""
    return {
        param["name"]: param["value"]
        for param in spec.get("params", [])
        if isinstance(param.get("bind"), dict) and "input" in param["bind"]
    }
