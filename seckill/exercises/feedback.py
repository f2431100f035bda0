"""Checking a student's answer and saying why it is wrong.

An exercise computes its expected answer when it is checked, from the book's data and models, so
the answer lives in no file a student could copy. A check never raises on a student's input: a
missing, empty or mistyped answer gets a message saying so. A verdict shows itself as plain text,
which every kernel (Binder, Colab, JupyterLab, a terminal) displays the same way.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

NOT_ANSWERED = "Not answered yet: replace the ... with your answer and run the cell again."


@dataclass(frozen=True)
class Verdict:
    """What a check found: ``correct`` is True only for a right answer; ``message`` says why."""

    correct: bool
    message: str
    answered: bool = True

    def __repr__(self) -> str:
        if not self.answered:
            return self.message
        return ("Right. " if self.correct else "Not yet. ") + self.message

    __str__ = __repr__

    def __bool__(self) -> bool:
        return self.correct


@dataclass(frozen=True)
class Hint:
    """A hint, shown as plain text."""

    text: str

    def __repr__(self) -> str:
        return "Hint: " + self.text

    __str__ = __repr__


def as_number(answer: object) -> tuple[float | None, str | None]:
    """The answer as a float, or None and a message saying what is wrong with it."""
    if answer is Ellipsis:
        return None, NOT_ANSWERED
    if answer is None:
        return None, "The answer is None: did the last line of your cell compute a number, or only print one?"
    if isinstance(answer, bool | np.bool_):
        return None, f"The answer is {answer}, a yes/no value; this question asks for a number."
    if isinstance(answer, str):
        return None, f"The answer is the text {answer!r}; give a number, without quotes or units."
    if hasattr(answer, "__len__") and not isinstance(answer, numbers.Real):
        # A one-row selection from a table is a common near miss: say how to take its number.
        return None, (
            f"The answer is a {type(answer).__name__} holding {len(answer)} value(s); give one number "
            "(from a one-value selection, take it with .iloc[0] or float(...))."
        )
    if not isinstance(answer, numbers.Real):
        return None, f"The answer is a {type(answer).__name__}; give a single number."
    value = float(answer)
    if math.isnan(value):
        return None, "The answer is NaN (not a number): a missing value or a division by zero crept in."
    if math.isinf(value):
        return None, "The answer is infinite: check for a division by zero."
    return value, None


def close(value: float, target: float, rel_tol: float) -> bool:
    return math.isclose(value, target, rel_tol=rel_tol, abs_tol=1e-12)


@dataclass(frozen=True)
class NumberExercise:
    """A question whose answer is one number.

    ``expected`` computes the right answer from the book's data and models. ``mistakes`` computes
    plausible wrong answers, each with what it would mean; an answer that matches one gets that
    explanation. ``rel_tol`` is the stated tolerance (relative), so rounding is accepted.
    """

    expected: Callable[[], float]
    hint_text: str
    unit: str
    rel_tol: float = 0.01
    mistakes: Callable[[], Sequence[tuple[float, str]]] = field(default=lambda: ())

    def check(self, answer: object) -> Verdict:
        value, problem = as_number(answer)
        if problem:
            return Verdict(False, problem, answered=answer is not Ellipsis)
        target = float(self.expected())
        if close(value, target, self.rel_tol):
            accepted = f"within {self.rel_tol:.0%} of" if self.rel_tol else "exactly"
            return Verdict(
                True, f"{value:,.4g} {self.unit} ({accepted} the value the book's data and models give)."
            )
        for wrong, why in self.mistakes():
            if close(value, float(wrong), self.rel_tol) and not close(float(wrong), target, self.rel_tol):
                return Verdict(False, f"{value:,.4g} {self.unit}: {why}")
        direction = "too high" if value > target else "too low"
        return Verdict(False, f"{value:,.4g} {self.unit} is {direction}. {self.hint_text}")

    def hint(self) -> Hint:
        return Hint(self.hint_text)
