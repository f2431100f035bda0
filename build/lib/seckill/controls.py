"""The controls of the book's interactive charts, each declared once.

A control (a slider or a menu) is declared once, with its name, label, unit, bounds, step and
starting value, and both of its forms are made from that one declaration:

- :meth:`Slider.param` / :meth:`Menu.param`: a Vega-Lite parameter bound to an input element, so
  the chart responds on the static page with no Python running;
- :meth:`Slider.widget` / :meth:`Menu.widget`: the ipywidget an explorer shows in a live kernel
  (Jupyter, Binder, Colab).

So the page and the notebook start from the same settings and keep the same bounds. Declaring a
control checks it: bounds in order, a positive step, a starting value inside the bounds (or among
the options), so a control can never offer a value its model rejects without saying so.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real

# ipywidgets lays the description out in a fixed narrow box unless told to size it to its text.
WIDGET_STYLE = {"description_width": "initial"}


def _label_text(label: str, unit: str, note: str) -> str:
    """The control's text without the trailing colon: "Viewers who order, % a minute (assumption)"."""
    if not label.strip():
        raise ValueError("a control needs a label")
    text = label + (f", {unit}" if unit else "")
    return text + (f" ({note})" if note else "")


def _is_whole(value: object) -> bool:
    return isinstance(value, Integral) and not isinstance(value, bool)


@dataclass(frozen=True)
class Slider:
    """A bounded number: ``low`` to ``high`` in steps of ``step``, starting at ``default``.

    ``name`` is the Vega parameter's name (the chart's expressions read it) and the keyword the
    Python model takes; ``label`` says what the number is and ``unit`` its unit ("" for a count of
    things named in the label); ``note`` marks an assumption, shown in parentheses.
    """

    name: str
    label: str
    unit: str
    low: float
    high: float
    step: float
    default: float
    note: str = ""

    def __post_init__(self):
        if not self.name.isidentifier():
            raise ValueError(f"control name {self.name!r} must be an identifier (Vega reads it)")
        for part in ("low", "high", "step", "default"):
            value = getattr(self, part)
            if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
                raise ValueError(f"{self.name}: {part} must be a finite number; got {value!r}")
        if not self.low < self.high:
            raise ValueError(f"{self.name}: low ({self.low}) must be below high ({self.high})")
        if not self.step > 0:
            raise ValueError(f"{self.name}: step must be positive; got {self.step}")
        if not self.low <= self.default <= self.high:
            raise ValueError(
                f"{self.name}: starting value {self.default} is outside {self.low} to {self.high}"
            )
        _label_text(self.label, self.unit, self.note)

    @property
    def text(self) -> str:
        """The label with its unit and note, as the reader sees it next to the control."""
        return _label_text(self.label, self.unit, self.note)

    @property
    def whole_numbers(self) -> bool:
        """True when every value the slider can take is a whole number."""
        return all(_is_whole(getattr(self, part)) for part in ("low", "high", "step", "default"))

    def param(self, value: float | None = None):
        """The Vega-Lite parameter bound to a range input, starting at ``value`` (or the default)."""
        import altair as alt

        start = self.default if value is None else value
        if not self.low <= start <= self.high:
            raise ValueError(f"{self.name}: starting value {start} is outside {self.low} to {self.high}")
        return alt.param(
            name=self.name,
            value=start,
            bind=alt.binding_range(min=self.low, max=self.high, step=self.step, name=f"{self.text}: "),
        )

    def widget(self, value: float | None = None):
        """The ipywidgets slider (whole numbers give an ``IntSlider``), redrawn when released."""
        import ipywidgets as widgets

        kind = widgets.IntSlider if self.whole_numbers else widgets.FloatSlider
        return kind(
            value=self.default if value is None else value,
            min=self.low,
            max=self.high,
            step=self.step,
            description=self.text,
            style=WIDGET_STYLE,
            continuous_update=False,
        )


@dataclass(frozen=True)
class Menu:
    """A choice among ``options``, starting at ``default``."""

    name: str
    label: str
    unit: str
    options: Sequence = field(default_factory=tuple)
    default: object = None
    note: str = ""

    def __post_init__(self):
        if not self.name.isidentifier():
            raise ValueError(f"control name {self.name!r} must be an identifier (Vega reads it)")
        if len(self.options) < 2:
            raise ValueError(f"{self.name}: a menu needs at least two options")
        if self.default not in self.options:
            raise ValueError(
                f"{self.name}: starting value {self.default!r} is not among {list(self.options)}"
            )
        object.__setattr__(self, "options", tuple(self.options))
        _label_text(self.label, self.unit, self.note)

    @property
    def text(self) -> str:
        return _label_text(self.label, self.unit, self.note)

    def param(self, value: object = None):
        """The Vega-Lite parameter bound to a drop-down menu."""
        import altair as alt

        start = self.default if value is None else value
        if start not in self.options:
            raise ValueError(f"{self.name}: starting value {start!r} is not among {list(self.options)}")
        return alt.param(
            name=self.name,
            value=start,
            bind=alt.binding_select(options=list(self.options), name=f"{self.text}: "),
        )

    def widget(self, value: object = None):
        """The ipywidgets drop-down."""
        import ipywidgets as widgets

        return widgets.Dropdown(
            options=list(self.options),
            value=self.default if value is None else value,
            description=self.text,
            style=WIDGET_STYLE,
        )


def defaults(controls: Sequence[Slider | Menu]) -> dict[str, object]:
    """The starting value of each control, by name (the keywords a model takes)."""
    names = [control.name for control in controls]
    if len(set(names)) != len(names):
        raise ValueError(f"two controls share a name: {names}")
    return {control.name: control.default for control in controls}
