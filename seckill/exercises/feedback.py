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

from seckill.i18n import mark, tr

NOT_ANSWERED = mark("Not answered yet: replace the ... with your answer and run the cell again.")


@dataclass(frozen=True)
class Verdict:
    """What a check found: ``correct`` is True only for a right answer; ``message`` says why."""

    correct: bool
    message: str
    answered: bool = True

    def __repr__(self) -> str:
        if not self.answered:
            return self.message
        return (tr("Right. {message}") if self.correct else tr("Not yet. {message}")).format(
            message=self.message
        )

    __str__ = __repr__

    def __bool__(self) -> bool:
        return self.correct


@dataclass(frozen=True)
class Hint:
    """A hint, shown as plain text."""

    text: str

    def __repr__(self) -> str:
        return tr("Hint: {text}").format(text=self.text)

    __str__ = __repr__


def as_number(answer: object) -> tuple[float | None, str | None]:
    """The answer as a float, or None and a message saying what is wrong with it."""
    if answer is Ellipsis:
        return None, tr(NOT_ANSWERED)
    if answer is None:
        return None, tr(
            "The answer is None: did the last line of your cell compute a number, or only print one?"
        )
    if isinstance(answer, bool | np.bool_):
        return None, tr("The answer is {answer}, a yes/no value; this question asks for a number.").format(
            answer=answer
        )
    if isinstance(answer, str):
        return None, tr("The answer is the text {answer!r}; give a number, without quotes or units.").format(
            answer=answer
        )
    if hasattr(answer, "__len__") and not isinstance(answer, numbers.Real):
        # A one-row selection from a table is a common near miss: say how to take its number.
        return None, tr(
            "The answer is a {kind} holding {n} value(s); give one number (from a one-value "
            "selection, take it with .iloc[0] or float(...))."
        ).format(kind=type(answer).__name__, n=len(answer))
    if not isinstance(answer, numbers.Real):
        return None, tr("The answer is a {kind}; give a single number.").format(kind=type(answer).__name__)
    value = float(answer)
    if math.isnan(value):
        return None, tr("The answer is NaN (not a number): a missing value or a division by zero crept in.")
    if math.isinf(value):
        return None, tr("The answer is infinite: check for a division by zero.")
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
        unit = tr(self.unit)
        if close(value, target, self.rel_tol):
            right = (
                tr("{value} {unit} (within {tolerance} of the value the book's data and models give).")
                if self.rel_tol
                else tr("{value} {unit} (exactly the value the book's data and models give).")
            )
            return Verdict(
                True, right.format(value=f"{value:,.4g}", unit=unit, tolerance=f"{self.rel_tol:.0%}")
            )
        for wrong, why in self.mistakes():
            if close(value, float(wrong), self.rel_tol) and not close(float(wrong), target, self.rel_tol):
                return Verdict(
                    False, tr("{value} {unit}: {why}").format(value=f"{value:,.4g}", unit=unit, why=why)
                )
        wrong = (
            tr("{value} {unit} is too high. {hint}")
            if value > target
            else tr("{value} {unit} is too low. {hint}")
        )
        return Verdict(False, wrong.format(value=f"{value:,.4g}", unit=unit, hint=tr(self.hint_text)))

    def hint(self) -> Hint:
        return Hint(tr(self.hint_text))
