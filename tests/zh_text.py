"""What a reader reads in a chart's spec, and the English words left in it (for the Chinese edition).

:func:`reader_texts` collects every text a chart puts in front of a reader: titles and subtitles
(source lines), axis and legend titles, the description, tooltip titles, the names and option
labels of controls, the "Show the numbers" table's caption and headings, the words in Vega
expressions that build text in the browser, and the data values a chart shows as text (text marks,
tooltips, axis labels and legend entries). :func:`english_words` finds the Latin-letter words in
them that are not in :data:`ALLOWED`.
"""

from __future__ import annotations

import re

# Words a Chinese chart keeps in Latin letters, each for a reason:
ALLOWED = {
    # units and symbols Chinese charts write as they are
    "kg", "g", "Mt", "Gt", "CO", "CO₂", "CO₂e", "e", "h",
    # abbreviations Chinese economics writes in Latin letters (terminology.csv keeps GMV)
    "GDP", "GMV", "PPP", "WDI", "ILOSTAT", "IGCC", "MCN", "KOL",
    # the names of data sets and publishers that have no Chinese name; cited authors stay in Latin
    # letters (BRIEF-TRANSLATE: "Names of foreign people in the bibliography sense")
    "Our", "World", "in", "Data", "Global", "Carbon", "Budget", "Indicators", "of", "Climate",
    "Change", "Gapminder", "Systema", "Globalis", "CC", "BY", "MDPI", "BOSS", "Yicai",
    "Su", "Kang", "Fanning", "O'Neill", "Neill", "Hickel", "Roux",
    # World Bank indicator and Penn World Table variable codes, quoted as identifiers
    "NE", "CON", "PRVT", "ZS", "csh_c", "csh", "c",
}
_WORD = re.compile(r"[A-Za-z][A-Za-z_']*")
_QUOTED = re.compile(r"'((?:[^'\\]|\\.)*)'")
# Inside a Vega expression, quoted strings that are not prose: number and time formats.
_FORMAT = re.compile(r"^[,.+~%$0-9a-z]*[dfegsr%]$|^%[A-Za-z%\-: ]+$")
_SHOWN_CHANNELS = ("text", "tooltip", "color", "shape", "strokeDash", "x", "y", "row", "column")


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)


def _expression_words(expression: str):
    for literal in _QUOTED.findall(expression):
        if literal and not _FORMAT.match(literal):
            yield literal.replace("\\'", "'")


def _shown_fields(node, fields: set[str]) -> None:
    """The data fields an encoding shows to the reader as text."""
    if isinstance(node, dict):
        encoding = node.get("encoding")
        if isinstance(encoding, dict):
            for channel in _SHOWN_CHANNELS:
                for item in encoding.get(channel) if isinstance(encoding.get(channel), list) else [
                    encoding.get(channel)
                ]:
                    if not isinstance(item, dict) or "field" not in item:
                        continue
                    hidden = item.get("legend", "") is None or item.get("axis", "") is None
                    if item.get("type") in ("nominal", "ordinal") and not hidden:
                        fields.add(item["field"])
        for value in node.values():
            _shown_fields(value, fields)
    elif isinstance(node, list):
        for value in node:
            _shown_fields(value, fields)


def reader_texts(spec: dict) -> list[str]:
    """Every text in ``spec`` (a Vega-Lite dict) that a reader sees or a screen reader announces."""
    texts: list[str] = []

    def walk(node, key=None):
        if isinstance(node, dict):
            for name, value in node.items():
                if name in ("title", "subtitle", "description", "caption", "labels") and not isinstance(
                    value, dict
                ):
                    texts.extend(_strings(value))
                elif name == "text" and not isinstance(value, dict):
                    texts.extend(_strings(value))
                elif name == "bind" and isinstance(value, dict):
                    texts.extend(_strings(value.get("name")))
                    texts.extend(_strings(value.get("labels")))
                elif name in ("calculate", "expr", "labelExpr", "test") and isinstance(value, str):
                    texts.extend(_expression_words(value))
                elif name == "titles" and isinstance(value, dict):  # a model table's headings
                    texts.extend(v for v in value.values() if isinstance(v, str))
                if name not in ("datasets", "data"):
                    walk(value, name)
        elif isinstance(node, list):
            for item in node:
                walk(item, key)

    walk(spec)
    fields: set[str] = set()
    _shown_fields(spec, fields)
    for rows in (spec.get("datasets") or {}).values():
        for row in rows:
            texts.extend(v for k, v in row.items() if k in fields and isinstance(v, str))
    return [text for text in texts if text]


def english_words(texts: list[str]) -> set[str]:
    """The words in ``texts`` written in Latin letters and not allowed in a Chinese chart."""
    return {word for text in texts for word in _WORD.findall(text) if word.strip("'") not in ALLOWED}
