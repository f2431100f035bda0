"""Evaluate the small subset of Vega's expression language the book's charts use, in Python.

Read-outs on the pages are Vega expressions that run in the reader's browser. To test what they
say at the edges (a zero, an empty selection, 0 / 0) without a browser, this evaluator follows
JavaScript's rules where they differ from Python's: division by zero gives ±Infinity or NaN
instead of raising, ``+`` joins a string with a number, ``||`` and ``&&`` return an operand, and
``format`` uses d3-format's minus sign (−). Supported: numbers, 'strings', names (parameters),
``datum.field``, calls of the functions in :data:`FUNCTIONS`, unary ``-`` and ``!``, ``* / %``,
``+ -``, comparisons, ``== != === !==``, ``&&``, ``||`` and ``a ? b : c``.
"""

from __future__ import annotations

import math
import re
from types import SimpleNamespace

_TOKEN = re.compile(
    r"\s*(?:(?P<number>\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+)|(?P<string>'(?:[^'\\]|\\.)*')"
    r"|(?P<name>[A-Za-z_][A-Za-z_0-9]*)|(?P<op>===|!==|==|!=|<=|>=|&&|\|\||[-+*/%<>!?:(),.]))"
)


def _format(value, specifier: str) -> str:
    """d3-format for the specifiers the book uses (",.0f", ".1f", "+.0%", "d")."""
    if isinstance(value, float) and math.isnan(value):
        return "NaN"
    if isinstance(value, float) and math.isinf(value):
        return "Infinity" if value > 0 else "−Infinity"
    if specifier.endswith("~r"):  # d3's significant digits with trailing zeros trimmed
        digits = int(specifier[1:-2])
        text = f"{float(f'{value:.{digits}g}'):f}".rstrip("0").rstrip(".")
        return text.replace("-", "−")
    text = format(round(value) if specifier == "d" else value, specifier.replace("d", "d"))
    return text.replace("-", "−")


FUNCTIONS = {
    "format": _format,
    "abs": abs,
    "pow": lambda a, b: _power(a, b),
    "min": min,
    "max": max,
    "round": lambda x: math.floor(x + 0.5),
    "floor": math.floor,
    "ceil": math.ceil,
    "log": lambda x: math.log(x) if x > 0 else (-math.inf if x == 0 else math.nan),
    "exp": math.exp,
    "isValid": lambda x: x is not None and not (isinstance(x, float) and math.isnan(x)),
    "isFinite": lambda x: isinstance(x, int | float) and math.isfinite(x),
}


def _power(a: float, b: float) -> float:
    try:
        return float(a) ** float(b)
    except OverflowError:
        return math.inf
    except ZeroDivisionError:
        return math.inf


def _tokens(expression: str) -> list[tuple[str, str]]:
    tokens, position = [], 0
    expression = expression.strip()
    while position < len(expression):
        match = _TOKEN.match(expression, position)
        if not match or match.end() == position:
            raise ValueError(f"cannot read the expression at {expression[position : position + 20]!r}")
        kind = match.lastgroup
        tokens.append((kind, match.group(kind)))
        position = match.end()
    return tokens


def _truthy(value) -> bool:
    if isinstance(value, float) and math.isnan(value):
        return False
    return bool(value)


def _divide(a: float, b: float) -> float:
    if b == 0:
        if a == 0 or (isinstance(a, float) and math.isnan(a)):
            return math.nan
        return math.copysign(math.inf, a) * (1 if math.copysign(1, b) > 0 else -1)
    return a / b


def _add(a, b):
    if isinstance(a, str) or isinstance(b, str):
        return _text(a) + _text(b)
    return a + b


def _text(value) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return "null"
    if isinstance(value, float):
        if math.isnan(value):
            return "NaN"
        if math.isinf(value):
            return "Infinity" if value > 0 else "-Infinity"
        if value == int(value) and abs(value) < 1e21:
            return str(int(value))
    return str(value)


class _Parser:
    def __init__(self, expression: str, names: dict):
        self.tokens = _tokens(expression)
        self.index = 0
        self.names = names

    def peek(self) -> str | None:
        return self.tokens[self.index][1] if self.index < len(self.tokens) else None

    def take(self, expected: str | None = None) -> tuple[str, str]:
        token = self.tokens[self.index]
        if expected is not None and token[1] != expected:
            raise ValueError(f"expected {expected!r}, got {token[1]!r}")
        self.index += 1
        return token

    # Each level parses lazily: it returns a function, so that ?:, && and || evaluate only the
    # branch JavaScript would.
    def parse(self):
        node = self.ternary()
        if self.index != len(self.tokens):
            raise ValueError(f"unexpected {self.peek()!r}")
        return node

    def ternary(self):
        condition = self.logical_or()
        if self.peek() == "?":
            self.take("?")
            yes = self.ternary()
            self.take(":")
            no = self.ternary()
            return lambda: yes() if _truthy(condition()) else no()
        return condition

    def logical_or(self):
        left = self.logical_and()
        while self.peek() == "||":
            self.take()
            right, before = self.logical_and(), left
            left = lambda before=before, right=right: (lambda a: a if _truthy(a) else right())(before())  # noqa: E731
        return left

    def logical_and(self):
        left = self.equality()
        while self.peek() == "&&":
            self.take()
            right, before = self.equality(), left
            left = lambda before=before, right=right: (lambda a: right() if _truthy(a) else a)(before())  # noqa: E731
        return left

    def equality(self):
        left = self.comparison()
        while self.peek() in ("==", "!=", "===", "!=="):
            op = self.take()[1]
            right, before = self.comparison(), left
            if op in ("==", "==="):
                left = lambda before=before, right=right: before() == right()  # noqa: E731
            else:
                left = lambda before=before, right=right: before() != right()  # noqa: E731
        return left

    def comparison(self):
        left = self.additive()
        operators = {
            "<": lambda a, b: a < b,
            ">": lambda a, b: a > b,
            "<=": lambda a, b: a <= b,
            ">=": lambda a, b: a >= b,
        }
        while self.peek() in operators:
            compare = operators[self.take()[1]]
            right, before = self.additive(), left
            left = lambda before=before, right=right, compare=compare: compare(before(), right())  # noqa: E731
        return left

    def additive(self):
        left = self.multiplicative()
        while self.peek() in ("+", "-"):
            op = self.take()[1]
            right, before = self.multiplicative(), left
            if op == "+":
                left = lambda before=before, right=right: _add(before(), right())  # noqa: E731
            else:
                left = lambda before=before, right=right: before() - right()  # noqa: E731
        return left

    def multiplicative(self):
        left = self.unary()
        while self.peek() in ("*", "/", "%"):
            op = self.take()[1]
            right, before = self.unary(), left
            if op == "*":
                left = lambda before=before, right=right: before() * right()  # noqa: E731
            elif op == "/":
                left = lambda before=before, right=right: _divide(before(), right())  # noqa: E731
            else:
                left = lambda before=before, right=right: math.fmod(before(), right())  # noqa: E731
        return left

    def unary(self):
        if self.peek() == "-":
            self.take()
            operand = self.unary()
            return lambda: -operand()
        if self.peek() == "!":
            self.take()
            operand = self.unary()
            return lambda: not _truthy(operand())
        return self.postfix()

    def postfix(self):
        node = self.primary()
        while self.peek() == ".":
            self.take()
            attribute = self.take()[1]
            node = lambda node=node, attribute=attribute: getattr(node(), attribute)  # noqa: E731
        return node

    def primary(self):
        kind, text = self.take()
        if kind == "number":
            value = float(text)
            return lambda: value
        if kind == "string":
            value = bytes(text[1:-1], "utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
            return lambda: value
        if text == "(":
            node = self.ternary()
            self.take(")")
            return node
        if kind == "name":
            if self.peek() == "(":
                self.take("(")
                arguments = []
                while self.peek() != ")":
                    arguments.append(self.ternary())
                    if self.peek() == ",":
                        self.take(",")
                self.take(")")
                function = FUNCTIONS[text]
                return lambda: function(*(argument() for argument in arguments))
            if text in ("true", "false"):
                return lambda: text == "true"
            names = self.names
            return lambda: names[text]
        raise ValueError(f"unexpected {text!r}")


def evaluate(expression: str, values: dict | None = None, datum: dict | None = None):
    """The value of a Vega ``expression`` with parameters ``values`` and the row ``datum``."""
    names = dict(values or {})
    names["datum"] = SimpleNamespace(**(datum or {}))
    return _Parser(expression, names).parse()()
