"""Sentences that a chart builds in the browser, written whole so that they can be translated.

A read-out such as "You keep 42.0% of sales" is a Vega expression that joins quoted text and
computed numbers. Gluing the pieces in the code would give a translator fragments ("You keep ",
"% of sales") in an order English fixes. Instead the whole sentence is one translatable template
with ``{named}`` places, and :func:`vega_text` turns the (translated) template into the expression,
each place filled by a Vega expression for its value::

    vega_text(tr("You keep {share}% of sales"), share="format(datum.keep, '.1f')")
    # -> "'You keep ' + (format(datum.keep, '.1f')) + '% of sales'"
"""

from __future__ import annotations

import string


def _quoted(text: str) -> str:
    """``text`` as a Vega string literal."""
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'"


def vega_text(template: str, **expressions: str) -> str:
    """The Vega expression that writes ``template`` with each ``{name}`` replaced by the value of
    the Vega expression ``expressions[name]``.

    A place may not carry a Python format (``{share:.1f}``): the number is formatted in the
    browser, by the expression. A place without an expression, or an expression without a place,
    is an error, so a translation cannot silently drop or invent a value.
    """
    parts: list[str] = []
    used: set[str] = set()
    for literal, name, spec, conversion in string.Formatter().parse(template):
        if literal:
            parts.append(_quoted(literal))
        if name is None:
            continue
        if spec or conversion:
            raise ValueError(f"{template!r}: place {{{name}}} must not carry a format; format it in Vega")
        if name not in expressions:
            raise ValueError(f"{template!r}: no Vega expression given for {{{name}}}")
        parts.append(f"({expressions[name]})")
        used.add(name)
    unused = sorted(set(expressions) - used)
    if unused:
        raise ValueError(f"{template!r} has no place for {unused}")
    return " + ".join(parts) if parts else "''"
