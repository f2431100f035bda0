"""What the site's Vega bundle can draw, and the check that no chart needs more.

The site's bundle (``sitebuild/web/vendor/vega-site.min.js``) carries only the parts of Vega the
book's charts use (``scripts/vega_site/index.js``). When it is made, ``scripts/vendor_web_assets.py``
reads back from the built file what it registers (transform types, mark types, scale types and
expression functions) into ``VENDOR.json`` (``site.registers``). A chart that needed anything else
would show its picture and then fail in the reader's browser the moment it was touched; so the
build checks every chart's compiled Vega spec against that list (:func:`missing`) and stops,
naming the page, the chart and each missing piece (:class:`ChartNeedsMoreVega`, raised from
:mod:`sitebuild.sphinxext`). The fix is to add what the chart needs to the bundle's sources and
rebuild the bundle, or to draw the chart another way.
"""

from __future__ import annotations

import functools
import json
import re
from pathlib import Path

from sphinx.errors import SphinxError

VENDOR_JSON = Path(__file__).parent / "web" / "vendor" / "VENDOR.json"

# Keys whose string values are Vega expressions: a signal's update and init, an event handler's
# update, a value given as a signal, a production rule's test, a filter's or formula's expr.
EXPRESSION_KEYS = frozenset({"signal", "update", "init", "expr", "test"})
# Inline data: its strings are data, never expressions (a field may be called "signal").
DATA_KEYS = frozenset({"values"})
_STRING_LITERAL = re.compile(r"'(?:[^'\\]|\\.)*'|\"(?:[^\"\\]|\\.)*\"")
# A call of a named function: not a method (Vega's expressions have none but of their own).
_CALL = re.compile(r"(?<![\w$.])([A-Za-z_$][\w$]*)\s*\(")


class ChartNeedsMoreVega(SphinxError):
    category = "A chart needs what the site's Vega bundle does not have; the book was not built"


@functools.cache
def registered() -> dict[str, frozenset[str]]:
    """What the site's bundle registers, by kind (``transforms``, ``marks``, ``scales``,
    ``functions``), as recorded when the bundle was made."""
    manifest = json.loads(VENDOR_JSON.read_text(encoding="utf-8"))
    registers = manifest["site"]["registers"]
    return {kind: frozenset(names) for kind, names in registers.items()}


def expression_functions(expression: str) -> set[str]:
    """The names of the functions an expression calls."""
    return set(_CALL.findall(_STRING_LITERAL.sub("''", expression)))


def _expressions(node, key: str | None = None):
    """Every expression string in a part of a spec."""
    if isinstance(node, dict):
        for child_key, child in node.items():
            if child_key not in DATA_KEYS:
                yield from _expressions(child, child_key)
    elif isinstance(node, list):
        for child in node:
            yield from _expressions(child, key)
    elif isinstance(node, str) and key in EXPRESSION_KEYS:
        yield node


def _uses(spec: dict) -> dict[str, set[str]]:
    """What a Vega spec uses, by kind (transform types lower-cased, as Vega looks them up)."""
    used: dict[str, set[str]] = {"transforms": set(), "marks": set(), "scales": set(), "functions": set()}

    def scope(node: dict) -> None:
        for data in node.get("data", []):
            used["transforms"] |= {step["type"].lower() for step in data.get("transform", [])}
        for scale in node.get("scales", []):
            # A scale without a type is linear (Vega's default).
            used["scales"].add(scale.get("type", "linear"))
        if node.get("projections"):
            used["transforms"].add("projection")  # a map projection is an operator of vega-geo
        for mark in node.get("marks", []):
            used["marks"].add(mark["type"])
            used["transforms"] |= {step["type"].lower() for step in mark.get("transform", [])}
            if "facet" in mark.get("from", {}):
                used["transforms"].add("facet")
            if mark["type"] == "group":
                scope(mark)

    scope(spec)
    for expression in _expressions(spec):
        used["functions"] |= expression_functions(expression)
    return used


def missing(spec: dict, registers: dict[str, frozenset[str]] | None = None) -> list[str]:
    """What a compiled Vega spec uses that the bundle does not register, each as
    "<kind> '<name>'" (empty when the bundle can draw the chart)."""
    registers = registered() if registers is None else registers
    kinds = {
        "transforms": "transform",
        "marks": "mark",
        "scales": "scale type",
        "functions": "expression function",
    }
    found = []
    for kind, names in _uses(spec).items():
        for name in sorted(names - registers[kind]):
            found.append(f"{kinds[kind]} {name!r}")
    return found


def check(specs: dict, page: str, title, registers: dict[str, frozenset[str]] | None = None) -> None:
    """Stop the build if the bundle cannot draw one of a chart's live specs (:func:`sitebuild.
    pictures.live_specs`: the one fitted to the picture and the one at its own height)."""
    gaps = sorted({gap for spec in specs.values() for gap in missing(spec, registers)})
    if gaps:
        raise ChartNeedsMoreVega(
            f"page {page}, chart {title!r}: the site's Vega bundle has no {', no '.join(gaps)} "
            "(sitebuild/web/vendor/VENDOR.json lists what it has; scripts/vega_site/index.js "
            "chooses it and python -m scripts.vendor_web_assets rebuilds it)"
        )
