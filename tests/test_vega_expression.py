"""The test helper that evaluates the pages' Vega expressions follows JavaScript where Python differs."""

import math

import pytest

from tests.vega_expression import evaluate


@pytest.mark.parametrize(
    ("expression", "expected"),
    [
        ("1 / 0", math.inf),
        ("-1 / 0", -math.inf),
        ("'n: ' + 3", "n: 3"),
        ("'n: ' + 2.5", "n: 2.5"),
        ("x > 1 ? 'big' : x > 0 ? 'small' : 'none'", "small"),
        ("0 || 'fallback'", "fallback"),
        ("x && 'shown'", "shown"),
        ("format(-0.25, '+.0%')", "−25%"),
        ("format(1234.25, ',.1f')", "1,234.2"),
        ("'It\\'s ' + datum.n", "It's 4"),
        ("!isValid(datum.missing)", True),
    ],
)
def test_expressions_evaluate_as_in_the_browser(expression, expected):
    assert evaluate(expression, {"x": 0.5}, {"n": 4, "missing": None}) == expected


def test_zero_over_zero_is_nan_and_a_branch_not_taken_is_not_evaluated():
    assert math.isnan(evaluate("0 / 0"))
    assert evaluate("x == 0 ? 'none' : format(1 / x, '.1f')", {"x": 0}) == "none"
