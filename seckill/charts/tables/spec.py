"""Reading a chart's Vega-Lite spec: which datasets its views draw from, how, and under what names.

Altair stores a chart's rows in the spec's top-level ``datasets`` and has a view point at them with
``data: {"name": ...}``. The view may be the top-level spec or any ``layer``, ``vconcat``,
``hconcat`` or ``concat`` child, or the inner ``spec`` of a ``facet`` or ``repeat``; a child that
names no data draws from its parent's. Rows may also sit in the view itself (``data: {"values":
[...]}``), and a ``lookup`` transform joins in a second dataset. :func:`datasets_in_use` walks all of
these and returns each dataset once, in the order the chart first draws from it, with the marks it
is drawn as (for the table's caption) and, per column, the titles the chart's axes, legends and
tooltips give it (for the table's headers).

Not every dataset holds numbers a reader would look up. :func:`is_helper` picks out the ones that
only help to draw: data none of whose columns any channel maps (an ``{"anchor": 0}`` row placing a
note whose text the browser computes, a counter of text lines, a grid feeding a formula), and a
single value (one row and one column: the 0 of a zero line, a one-line note).

Two more facts come from the spec: the controls bound to its parameters (:func:`bound_controls`),
which decide whether a caption must say the table holds the chart's starting numbers, and the
chart's title on one line (:func:`chart_name`), which names the details and its tables. Whatever
looks anywhere in a spec, at any depth, walks it with :func:`spec_objects`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from seckill.i18n import mark

# Channels whose title is an axis or legend title (with units): preferred over tooltip titles.
_CHANNEL_PRIORITY = ("x", "y", "x2", "y2", "theta", "radius", "longitude", "latitude", "color", "fill")
# Channels that sort or group marks without showing the field's value to the reader.
_UNSHOWN_CHANNELS = ("order", "detail")
_SUB_SPEC_KEYS = ("layer", "vconcat", "hconcat", "concat")
_MARK_WORDS = {  # how a caption names a mark: "Drawn as lines and points." (translated there)
    "line": mark("lines"),
    "trail": mark("lines"),
    "point": mark("points"),
    "circle": mark("points"),
    "square": mark("points"),
    "bar": mark("bars"),
    "rect": mark("rectangles"),
    "area": mark("shaded areas"),
    "rule": mark("straight lines"),
    "tick": mark("ticks"),
    "text": mark("text labels"),
    "arc": mark("slices"),
    "geoshape": mark("shapes"),
    "image": mark("images"),
}


@dataclass
class DatasetUse:
    """One dataset of a chart and how the chart uses it."""

    key: str
    rows: list[dict]
    marks: list[str] = field(default_factory=list)
    # field name -> titles the chart gives it, in order of preference (axis/legend before tooltip)
    titles: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    encoded_fields: set[str] = field(default_factory=set)
    # fields whose value a channel shows (every encoded field but those only in order or detail)
    shown_fields: set[str] = field(default_factory=set)

    @property
    def columns(self) -> list[str]:
        """Column names in the dataset's order (first appearance over all rows)."""
        names: dict[str, None] = {}
        for row in self.rows:
            if isinstance(row, dict):
                names.update(dict.fromkeys(row))
        return list(names)


def _mark_type(view: dict) -> str | None:
    mark = view.get("mark")
    return mark.get("type") if isinstance(mark, dict) else mark


def _title_text(title) -> str | None:
    if isinstance(title, list):
        # Lines wrapped by seckill.charts.finish; textwrap breaks after the hyphen of "hand-made", and
        # Chinese lines join with no space (seckill.i18n.wrap breaks between characters).
        text = ""
        for part in (str(part).strip() for part in title):
            joined = not text or re.search(r"\w-$", text) or _wide(text[-1]) or (part and _wide(part[0]))
            text += part if joined else f" {part}"
        title = text
    return title.strip() if isinstance(title, str) and title.strip() else None


def _wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


def _field_name(definition: dict) -> str | None:
    name = definition.get("field")
    # Vega-Lite escapes dots and brackets in field names with a backslash.
    return name.replace("\\", "") if isinstance(name, str) else None


def _encoded_fields(view: dict, encoding: dict):
    """Yield (field, title or None, priority, channel) for each field an encoding (or facet) maps."""
    channels = dict(encoding)
    facet = view.get("facet")
    if isinstance(facet, dict):
        channels.update({"facet": facet} if "field" in facet else facet)
    for channel, definitions in channels.items():
        rank = _CHANNEL_PRIORITY.index(channel) if channel in _CHANNEL_PRIORITY else len(_CHANNEL_PRIORITY)
        if channel == "tooltip":
            rank += 1  # tooltip titles are often abbreviated; axis and legend titles win
        for definition in definitions if isinstance(definitions, list) else [definitions]:
            if isinstance(definition, dict) and _field_name(definition):
                yield _field_name(definition), _title_text(definition.get("title")), rank, channel


def _walk_views(view: dict, inherited_data: dict | None, inherited_encoding: dict):
    """Yield (view, the data it draws from, its encoding) for the spec and all its sub-specs.

    Layers inherit their parent's data and encoding (a layer's own channels win).
    """
    data = view.get("data", inherited_data)
    encoding = inherited_encoding | (view.get("encoding") or {})
    yield view, data, encoding
    for key in _SUB_SPEC_KEYS:
        for sub in view.get(key) or []:
            if isinstance(sub, dict):
                # Concatenated views share data but not encodings; layers share both.
                yield from _walk_views(sub, data, encoding if key == "layer" else {})
    if isinstance(view.get("spec"), dict):  # facet and repeat
        yield from _walk_views(view["spec"], data, {})


def datasets_in_use(spec: dict) -> list[DatasetUse]:
    """Every dataset the chart's views draw from, in order of first use, with marks and titles."""
    named = spec.get("datasets") or {}
    uses: dict[str, DatasetUse] = {}

    def use_of(data) -> DatasetUse | None:
        if not isinstance(data, dict):
            return None
        if isinstance(data.get("name"), str) and isinstance(named.get(data["name"]), list):
            key, rows = data["name"], named[data["name"]]
        elif isinstance(data.get("values"), list):
            key, rows = f"inline-{id(data['values'])}", data["values"]
        else:  # a URL or a generator: nothing to show from the spec
            return None
        return uses.setdefault(key, DatasetUse(key=key, rows=rows))

    for view, data, encoding in _walk_views(spec, None, {}):
        drawn_from = [use_of(data)]
        for step in view.get("transform") or []:
            if isinstance(step, dict) and "lookup" in step:
                drawn_from.append(use_of((step.get("from") or {}).get("data")))
        mark = _mark_type(view)
        for use in filter(None, drawn_from):
            if mark is None and "facet" not in view:
                continue  # a layer or concat parent: its children say how the data is drawn
            word = _MARK_WORDS.get(mark, mark)
            if word and word not in use.marks:
                use.marks.append(word)
            columns = set(use.columns)
            for name, title, rank, channel in _encoded_fields(view, encoding):
                if name in columns:
                    use.encoded_fields.add(name)
                    if channel not in _UNSHOWN_CHANNELS:
                        use.shown_fields.add(name)
                    if title:
                        use.titles.setdefault(name, []).append((rank, title))
    return list(uses.values())


def is_helper(use: DatasetUse) -> bool:
    """True for data that only helps draw the chart and holds no numbers a reader would look up.

    Either no column is mapped to an encoding channel (everything drawn from it is computed in the
    browser: an anchor row for a text note, a counter of text lines, a grid of model inputs), or it
    is a single value (one row, one column: the zero behind a reference line, a one-line note).
    """
    single_value = len(use.rows) == 1 and len(use.columns) == 1
    return not use.encoded_fields or single_value


def spec_objects(node):
    """Yield every object (dict) in a spec, at any depth: the spec itself first, then what each of
    its values holds, in order."""
    if isinstance(node, dict):
        yield node
        for value in node.values():
            yield from spec_objects(value)
    elif isinstance(node, list):
        for value in node:
            yield from spec_objects(value)


def bound_controls(spec: dict) -> dict[str, int]:
    """Count the inputs bound to Vega parameters anywhere in the spec, by kind ("range", "select")."""
    counts: dict[str, int] = {}
    for node in spec_objects(spec):
        params = node.get("params")
        for param in params if isinstance(params, list) else []:
            bind = param.get("bind") if isinstance(param, dict) else None
            # bind: "scales" (zoom) and "legend" change the view, not values; only inputs count.
            if isinstance(bind, dict) and "input" in bind:
                counts[bind["input"]] = counts.get(bind["input"], 0) + 1
    return counts


def chart_name(spec: dict) -> str:
    """The chart's title on one line (titles are wrapped into lines by :func:`seckill.charts.finish`)."""
    title = spec.get("title")
    if isinstance(title, dict):
        title = title.get("text")
    return _title_text(title) or _title_text(spec.get("description")) or "chart"
