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

Some starting values (and a few bounds) come from the data, which a module should not load when
it is imported. Such a control is declared with ``default=None`` and given its value where the
chart or explorer is made, with :meth:`Slider.starting_at` (or :func:`dataclasses.replace` for a
bound); both forms then take it from the same call, and a control still without a starting value
refuses to make either form.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from numbers import Integral, Real

from seckill import i18n

# ipywidgets lays the description out in a fixed narrow box unless told to size it to its text.
WIDGET_STYLE = {"description_width": "initial"}
# The labels are the page's full sentences, so a widget takes the notebook's width (up to a
# readable line) and its track keeps room beside a long label.
WIDGET_WIDTH = {"width": "100%", "max_width": "44rem"}
# A slider's read-out shows at most this many decimals, so a computed start (0.7000000000000001)
# does not print as noise.
MAX_READOUT_DECIMALS = 3


def _label_text(name: str, label: str, unit: str, note: str) -> str:
    """The control's text without the trailing colon: "Viewers who order, % a minute (assumption)",
    in the reader's language. The declaration keeps the English (marked with
    :func:`seckill.i18n.mark`), so a language chosen after import still applies."""
    if not label.strip():
        raise ValueError(f"{name}: a control needs a label")
    parts = {
        "label": i18n.tr(label),
        "unit": i18n.tr(unit) if unit else "",
        "note": i18n.tr(note) if note else "",
    }
    if unit and note:
        return i18n.tr("{label}, {unit} ({note})").format(**parts)
    if unit:
        return i18n.tr("{label}, {unit}").format(**parts)
    if note:
        return i18n.tr("{label} ({note})").format(**parts)
    return parts["label"]


def _bind_name(text: str) -> str:
    """The text before an input on the page: the label and a colon."""
    return i18n.tr("{control}: ").format(control=text)


def _check_name(name: object) -> None:
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"control name {name!r} must be an identifier (Vega reads it)")


def _is_whole(value: object) -> bool:
    return isinstance(value, Integral) and not isinstance(value, bool)


def _decimals(value: float) -> int:
    """The fewest decimals (up to :data:`MAX_READOUT_DECIMALS`) that write ``value`` exactly."""
    for places in range(MAX_READOUT_DECIMALS):
        if abs(round(value, places) - value) < 1e-9:
            return places
    return MAX_READOUT_DECIMALS


@dataclass(frozen=True)
class Slider:
    """A bounded number: ``low`` to ``high`` in steps of ``step``, starting at ``default``.

    ``name`` is the Vega parameter's name (the chart's expressions read it) and the keyword the
    explorer passes to its drawing function; ``label`` says what the number is and ``unit`` its
    unit ("" for a count of things named in the label); ``note`` is a word or two shown in
    parentheses after the unit, most often "assumption". ``default=None`` means the starting value
    comes from the data: :meth:`starting_at` gives the control one.
    """

    name: str
    label: str
    unit: str
    low: float
    high: float
    step: float
    default: float | None
    note: str = ""

    def __post_init__(self):
        _check_name(self.name)
        for part in ("low", "high", "step", "default"):
            value = getattr(self, part)
            if part == "default" and value is None:
                continue
            if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
                raise ValueError(f"{self.name}: {part} must be a finite number; got {value!r}")
        if not self.low < self.high:
            raise ValueError(f"{self.name}: low ({self.low}) must be below high ({self.high})")
        if not self.step > 0:
            raise ValueError(f"{self.name}: step must be positive; got {self.step}")
        if self.step > self.high - self.low:
            raise ValueError(
                f"{self.name}: step {self.step} is wider than the range {self.low} to {self.high}"
            )
        if self.default is not None:
            self._check_start(self.default)
        if not self.label.strip():
            raise ValueError(f"{self.name}: a control needs a label")

    def _check_start(self, value: float) -> None:
        # A reader who calls an explorer with a value of their own sees these, so they are translated.
        if isinstance(value, bool) or not isinstance(value, Real) or not math.isfinite(value):
            raise ValueError(
                i18n.tr("{name}: starting value must be a finite number; got {value!r}").format(
                    name=self.name, value=value
                )
            )
        if not self.low <= value <= self.high:
            raise ValueError(
                i18n.tr("{name}: starting value {value} is outside {low} to {high}").format(
                    name=self.name, value=value, low=self.low, high=self.high
                )
            )

    def _start(self, value: float | None) -> float:
        start = self.default if value is None else value
        if start is None:
            raise ValueError(
                f"{self.name}: no starting value; it comes from the data, so give one with starting_at()"
            )
        self._check_start(start)
        return start

    @property
    def text(self) -> str:
        """The label with its unit and note, as the reader sees it next to the control."""
        return _label_text(self.name, self.label, self.unit, self.note)

    @property
    def whole_numbers(self) -> bool:
        """True when every value the slider can take, and its start, is a whole number."""
        parts = [self.low, self.high, self.step] + ([] if self.default is None else [self.default])
        return all(_is_whole(part) for part in parts)

    def starting_at(self, value: float) -> Slider:
        """The same control starting at ``value`` (checked against the bounds)."""
        return dataclasses.replace(self, default=value)

    def param(self, value: float | None = None):
        """The Vega-Lite parameter bound to a range input, starting at ``value`` (or the default)."""
        import altair as alt

        return alt.param(
            name=self.name,
            value=self._start(value),
            bind=alt.binding_range(min=self.low, max=self.high, step=self.step, name=_bind_name(self.text)),
        )

    def widget(self, value: float | None = None):
        """The ipywidgets slider (whole numbers give an ``IntSlider``), redrawn when released."""
        import ipywidgets as widgets

        start = self._start(value)
        common = {
            "value": start,
            "min": self.low,
            "max": self.high,
            "step": self.step,
            "description": self.text,
            "style": WIDGET_STYLE,
            "layout": widgets.Layout(**WIDGET_WIDTH),
            "continuous_update": False,
        }
        if self.whole_numbers and _is_whole(start):
            return widgets.IntSlider(**common)
        places = max(_decimals(self.step), _decimals(start))
        return widgets.FloatSlider(**common, readout_format=f".{places}f")


@dataclass(frozen=True)
class Menu:
    """A choice among ``options``, starting at ``default``; ``labels`` (optional) name each option."""

    name: str
    label: str
    unit: str
    options: Sequence = field(default_factory=tuple)
    default: object = None
    note: str = ""
    labels: Sequence[str] = ()

    def __post_init__(self):
        _check_name(self.name)
        if isinstance(self.options, str | bytes | Mapping):
            raise ValueError(f"{self.name}: options must be a sequence of values; got {self.options!r}")
        object.__setattr__(self, "options", tuple(self.options))
        object.__setattr__(self, "labels", tuple(self.labels))
        if len(self.options) < 2:
            raise ValueError(f"{self.name}: a menu needs at least two options")
        if len(set(self.options)) != len(self.options):
            raise ValueError(f"{self.name}: an option appears twice in {list(self.options)}")
        if self.labels and len(self.labels) != len(self.options):
            raise ValueError(
                f"{self.name}: {len(self.labels)} labels for {len(self.options)} options; give one each"
            )
        self._check_start(self.default)
        if not self.label.strip():
            raise ValueError(f"{self.name}: a control needs a label")

    def _check_start(self, value: object) -> None:
        if value not in self.options:
            raise ValueError(
                i18n.tr("{name}: starting value {value!r} is not among {options}").format(
                    name=self.name, value=value, options=list(self.options)
                )
            )

    def _start(self, value: object) -> object:
        start = self.default if value is None else value
        self._check_start(start)
        return start

    @property
    def text(self) -> str:
        """The label with its unit and note, as the reader sees it next to the control."""
        return _label_text(self.name, self.label, self.unit, self.note)

    @property
    def option_labels(self) -> list[str]:
        """The options' names in the reader's language (declared in English with ``mark``)."""
        return [i18n.tr(label) for label in self.labels]

    def starting_at(self, value: object) -> Menu:
        """The same menu starting at ``value`` (which must be one of the options)."""
        return dataclasses.replace(self, default=value)

    def param(self, value: object = None):
        """The Vega-Lite parameter bound to a drop-down menu."""
        import altair as alt

        labels = {"labels": self.option_labels} if self.labels else {}
        return alt.param(
            name=self.name,
            value=self._start(value),
            bind=alt.binding_select(options=list(self.options), name=_bind_name(self.text), **labels),
        )

    def widget(self, value: object = None):
        """The ipywidgets drop-down (showing the labels, when given, for the options)."""
        import ipywidgets as widgets

        options = (
            list(zip(self.option_labels, self.options, strict=True)) if self.labels else list(self.options)
        )
        return widgets.Dropdown(
            options=options,
            value=self._start(value),
            description=self.text,
            style=WIDGET_STYLE,
        )


Control = Slider | Menu


def defaults(controls: Sequence[Control]) -> dict[str, object]:
    """The starting value of each control, by name (the keywords a model takes)."""
    names = [control.name for control in controls]
    if len(set(names)) != len(names):
        raise ValueError(f"two controls share a name: {names}")
    missing = [control.name for control in controls if control.default is None]
    if missing:
        raise ValueError(f"no starting value for {missing}; give one with starting_at()")
    return {control.name: control.default for control in controls}
