"""The language of everything the package writes for a reader: chart titles, axis and legend
titles, control labels, source lines, descriptions, table headings and explorers' messages.

English is written in the code; each other language has one gettext catalogue in the package,
``seckill/locales/<language>/LC_MESSAGES/seckill.po``. Code marks a reader-facing text with
:func:`tr` (``tr("Sales, billion yuan")``), which returns it in the current language. A text with a
value in it is translated whole and filled afterwards, so the translation can move the value::

    tr("Doubling time: {years:.1f} years").format(years=years)

The language is, in order: the one set with :func:`set_language` (a reader in a notebook:
``seckill.i18n.set_language("zh_CN")``), else the ``SECKILL_LANG`` environment variable (the book
build sets it for each edition, and notebook kernels inherit it), else English.

A text with no translation, or one marked fuzzy (its English changed since it was translated), is
an error in a non-English language, never English silently on a Chinese chart.
"""

from __future__ import annotations

import functools
import math
import os
import re
import textwrap
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import polib

SOURCE_LANGUAGE = "en"
LANGUAGES = ("en", "zh_CN")
ENVIRONMENT_VARIABLE = "SECKILL_LANG"
LOCALES = Path(__file__).resolve().parent / "locales"
DOMAIN = "seckill"

# Spellings a reader or a build may use for a language, to the catalogue's folder name.
_ALIASES = {
    "en": "en",
    "en_us": "en",
    "en_gb": "en",
    "zh": "zh_CN",
    "zh_cn": "zh_CN",
    "zh_hans": "zh_CN",
    "zh_hans_cn": "zh_CN",
}

_chosen_language: str | None = None


class MissingTranslation(LookupError):
    """A reader-facing text has no (or only a fuzzy) translation in the current language."""


def normalise_language(code: str) -> str:
    """``"zh-CN"``, ``"zh_CN"``, ``"zh"`` or ``"zh-Hans"`` to ``"zh_CN"``; ``"en"`` stays."""
    if not isinstance(code, str):
        raise TypeError(f"language must be a string such as 'zh_CN', not {type(code).__name__}")
    key = code.strip().replace("-", "_").lower()
    if key not in _ALIASES:
        raise ValueError(f"unknown language {code!r}; the book is written in {', '.join(LANGUAGES)}")
    return _ALIASES[key]


def set_language(code: str | None) -> None:
    """Choose the language of charts and tables made from now on; ``None`` goes back to the
    environment's (``SECKILL_LANG``) or English."""
    global _chosen_language
    _chosen_language = None if code is None else normalise_language(code)


def current_language() -> str:
    if _chosen_language is not None:
        return _chosen_language
    from_environment = os.environ.get(ENVIRONMENT_VARIABLE, "").strip()
    return normalise_language(from_environment) if from_environment else SOURCE_LANGUAGE


def catalogue_path(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES" / f"{DOMAIN}.po"


@functools.cache
def _catalogue(language: str) -> dict[str, str]:
    """The translated messages of one language; fuzzy and empty ones are left out."""
    path = catalogue_path(language)
    if not path.exists():
        raise MissingTranslation(f"no catalogue for {language}: {path} does not exist")
    return {
        entry.msgid: entry.msgstr
        for entry in polib.pofile(str(path))
        if entry.msgstr and not entry.fuzzy and not entry.obsolete
    }


def tr(message: str) -> str:
    """``message`` (English, as written in the code) in the current language."""
    language = current_language()
    if language == SOURCE_LANGUAGE:
        return message
    try:
        return _catalogue(language)[message]
    except KeyError:
        raise MissingTranslation(
            f"no {language} translation of {message!r} in {catalogue_path(language)} "
            "(or it is marked fuzzy); add it there"
        ) from None


# A quantity named in millions or billions (``viewers_2022_06_m``, ``gmv_2019_rmb_bn``) reads in
# Chinese in 万 (10^4), 亿 (10^8) or 万亿 (10^12). Every such glued number therefore also exists
# under the Chinese scale's name, so a translation writes ``{glue:text}`gmv_2019_rmb_yi:,.0f`亿元``
# instead of retyping a converted number. Masses in kilo-, mega- and gigatonnes get ``_wan_t``,
# ``_yi_t`` and ``_wanyi_t``.
ENGLISH_SCALES = {"k": 1e3, "m": 1e6, "bn": 1e9, "tn": 1e12}
ENGLISH_TONNE_SCALES = {"kt": 1e3, "mt": 1e6, "gt": 1e9}
CHINESE_SCALES = {"wan": 1e4, "yi": 1e8, "wanyi": 1e12}


def chinese_scale_names(name: str) -> dict[str, float]:
    """The names a number called ``name`` also has in Chinese scales, each with the factor that
    converts the value: ``gmv_2019_rmb_bn`` gives ``{"gmv_2019_rmb_wan": 1e5, "gmv_2019_rmb_yi":
    10.0, "gmv_2019_rmb_wanyi": 1e-3}``; a name with no scale suffix gives ``{}``."""
    stem, _, suffix = name.rpartition("_")
    if not stem:
        return {}
    if suffix in ENGLISH_SCALES:
        scale, unit = ENGLISH_SCALES[suffix], ""
    elif suffix in ENGLISH_TONNE_SCALES:
        scale, unit = ENGLISH_TONNE_SCALES[suffix], "_t"
    else:
        return {}
    return {f"{stem}_{chinese}{unit}": scale / size for chinese, size in CHINESE_SCALES.items()}


def mark(message: str) -> str:
    """``message`` unchanged, marked for the catalogue: a text declared before the language is
    known (a control's label in a module constant) and passed through :func:`tr` where it is
    shown, so a reader who calls :func:`set_language` after importing still gets it translated."""
    return message


def is_chinese() -> bool:
    return current_language() == "zh_CN"


# --------------------------------------------------------------------------- lists and wrapping


def join_words(words: list[str]) -> str:
    """Words as a list in a sentence: "lines and points" in English, "线条、点和……" in Chinese."""
    words = [str(word) for word in words]
    if not is_chinese() or len(words) < 2:
        return " and ".join(words)
    return "、".join(words[:-1]) + "和" + words[-1]


def join_items(items: list[str], separator: str = ", ") -> str:
    """Items that each may hold commas, one after another: joined by ``separator`` in English
    ("a, b" or "a; b"), by "；" in Chinese."""
    return ("；" if is_chinese() else separator).join(str(item) for item in items)


# Characters a line of Chinese must not start with (closing punctuation), and ones it must not end
# with (opening punctuation): the usual rules of Chinese typesetting.
_NO_LINE_START = set("，。、：；！？）》」』”’…—%％·,.:;!?)]")
_NO_LINE_END = set("（《「『“‘([")


def _is_wide(character: str) -> bool:
    return unicodedata.east_asian_width(character) in ("W", "F")


def text_width(text: str) -> int:
    """Width in columns of Latin letters: a Chinese character (or full-width sign) counts two."""
    return sum(2 if _is_wide(character) else 1 for character in text)


def wrap(text: str, width: int) -> list[str]:
    """``text`` in lines of at most ``width`` columns of Latin letters.

    English text wraps as :func:`textwrap.wrap` wraps it. Text with Chinese characters counts
    each of them as two columns (so a line holds about half as many of them) and may break between
    any two Chinese characters, but never inside a Latin word or a number, between a number and
    its unit ("1.5 °C", "130 Gt") or inside a title in 《》 that fits on a line; a line never
    starts with closing punctuation nor ends with opening punctuation. A line ends, where it can,
    after its last pause (a comma, a colon) unless that leaves a stub of less than a fifth of it.
    """
    if not any(_is_wide(character) for character in text):
        return textwrap.wrap(text, width)
    lines: list[str] = []
    line: list[str] = []  # the current line's pieces, each unbreakable
    for piece in _pieces(text.strip(), width):
        if line and text_width("".join(line) + piece.rstrip()) > width:
            cut = _best_cut(line, width)
            # A pause earlier in the line is no use if what follows it still does not fit with
            # this piece (a long bracketed code name, say): then the whole line ends here.
            if text_width("".join(line[cut:]) + piece.rstrip()) > width:
                cut = len(line)
            lines.append("".join(line[:cut]).rstrip())
            line = line[cut:]
            while line and line[0].isspace():
                line.pop(0)
        if line or not piece.isspace():
            line.append(piece)
    if "".join(line).strip():
        lines.append("".join(line).rstrip())
    return lines


# Unbreakable runs: a title in 《》, a number with its unit (a space between is allowed), a run of
# Latin letters, digits and their signs, white space, or any other single character.
_RUNS = re.compile(
    r"《[^《》]*》"
    r"|\d[\d.,]*\s?(?:°[CF]|[A-Za-z]{1,4}(?![A-Za-z]))"
    r"|[A-Za-z0-9₀-₉⁰-⁹.,%+\-–/'’&_°]+"
    r"|\s+|."
)


def _pieces(text: str, width: int, split: frozenset[str] = frozenset()) -> list[str]:
    """``text`` as the pieces a line may break between: opening punctuation joined to what follows
    it, closing punctuation to what precedes it; a title that does not fit on a line with its
    brackets is split into characters (the titles in ``split``, found by a first pass)."""
    runs: list[str] = []
    for run in _RUNS.findall(text):
        runs += list(run) if run in split else [run]
    pieces: list[str] = []
    opening = ""
    for run in runs:
        if run[0] in _NO_LINE_START and pieces and not opening:
            pieces[-1] += run
        elif run in _NO_LINE_END:
            opening += run
        else:
            pieces.append(opening + run)
            opening = ""
    if opening:
        pieces.append(opening)
    too_wide = frozenset(
        title for piece in pieces if text_width(piece) > width for title in re.findall(r"《[^《》]*》", piece)
    )
    return _pieces(text, width, split | too_wide) if too_wide - split else pieces


# A line of Chinese breaks best after one of these (a pause), if one falls late enough in it.
_SOFT_BREAKS = set("，。、：；！？）” ")


def _best_cut(line: list[str], width: int) -> int:
    """How many of a full line's pieces to keep: up to its last pause (or before an opening
    bracket) unless that leaves a stub of less than a fifth of the width, else all of them."""
    for cut in range(len(line) - 1, 0, -1):
        kept = "".join(line[:cut])
        if text_width(kept) < width // 5:
            break
        if kept.rstrip()[-1:] in _SOFT_BREAKS or kept[-1].isspace() or line[cut][0] in _NO_LINE_END:
            return cut
    return len(line)


# --------------------------------------------------------------------------- dates and units

_ENGLISH_MONTHS = ("January", "February", "March", "April", "May", "June") + (
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


def format_date(value, precision: str = "day") -> str:
    """A date as the reader's language writes it: "11 November 2021" or "2021年11月11日";
    ``precision`` "month" gives "November 2021" / "2021年11月", "year" gives "2021" / "2021年"."""
    import pandas as pd

    stamp = pd.Timestamp(value)
    if pd.isna(stamp):
        raise ValueError(f"not a date: {value!r}")
    if precision not in ("day", "month", "year"):
        raise ValueError(f"precision must be 'day', 'month' or 'year', not {precision!r}")
    if is_chinese():
        text = f"{stamp.year}年"
        if precision in ("month", "day"):
            text += f"{stamp.month}月"
        if precision == "day":
            text += f"{stamp.day}日"
        return text
    month = _ENGLISH_MONTHS[stamp.month - 1]
    return {"day": f"{stamp.day} {month} {stamp.year}", "month": f"{month} {stamp.year}"}.get(
        precision, str(stamp.year)
    )


_ENGLISH_SCALE_WORDS = {"thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


def large_number(value: float, english_scale: str = "million") -> str:
    """A large count for running text: in English in ``english_scale`` ("150 million"), in
    Chinese in 亿 from 10^8 and in 万 from 10^4 ("1.5亿", "30万"), never "15000万"."""
    if english_scale not in _ENGLISH_SCALE_WORDS:
        raise ValueError(f"english_scale must be one of {list(_ENGLISH_SCALE_WORDS)}, not {english_scale!r}")
    if not math.isfinite(value):
        raise ValueError(f"a count to write must be a finite number, not {value!r}")
    if not is_chinese():
        return f"{value / _ENGLISH_SCALE_WORDS[english_scale]:g} {english_scale}"
    for unit, size in (("亿", 1e8), ("万", 1e4)):
        if abs(value) >= size:
            return f"{value / size:g}{unit}"
    return f"{value:g}"


# English scales to the Chinese one a chart shows them in: billions of yuan as 亿元, millions of
# people as 万人, trillions as 万亿, thousands as 万, megatonnes as 万吨, gigatonnes as 亿吨.
_READER_SCALE = {"k": "wan", "m": "wan", "bn": "yi", "tn": "wanyi", "mt": "wan_t", "gt": "yi_t"}


@dataclass(frozen=True)
class ReaderUnit:
    """How a quantity named with an English scale (``gmv_rmb_bn``) is shown in the current
    language: under ``field`` (``gmv_rmb_yi`` in Chinese), its values multiplied by ``factor``."""

    name: str
    field: str
    factor: float

    def format(self, d3_format: str) -> str:
        """A d3 number format (``",.1f"``) with its decimals moved so the precision stays the
        same: ×10 drops one decimal (``",.0f"``), ÷1000 adds three."""
        match = re.fullmatch(r"(.*\.)(\d+)([a-z%])", d3_format)
        if not match or self.factor == 1:
            return d3_format
        return f"{match[1]}{self.decimals(int(match[2]))}{match[3]}"

    def decimals(self, places: int) -> int:
        """The decimals that keep the precision of ``places`` decimals of the English unit."""
        return max(0, places - round(math.log10(self.factor)))

    def value(self, number: float) -> float:
        return number * self.factor

    def expression(self, vega: str) -> str:
        """A Vega expression of the English unit (``datum.total_mt``) in the reader's unit: itself
        in English, multiplied by the factor in Chinese, so a chart the browser computes shows
        万吨 and 亿吨 like the charts computed in Python."""
        return vega if self.factor == 1 else f"({vega}) * {self.factor!r}"


def reader_unit(name: str) -> ReaderUnit:
    """The field and factor a quantity called ``name`` is shown with (see :class:`ReaderUnit`);
    in English, and for a name with no scale suffix, the name itself and 1."""
    if not is_chinese():
        return ReaderUnit(name, name, 1.0)
    stem, _, suffix = name.rpartition("_")
    if suffix not in _READER_SCALE:
        return ReaderUnit(name, name, 1.0)
    field = f"{stem}_{_READER_SCALE[suffix]}"
    return ReaderUnit(name, field, chinese_scale_names(name)[field])


def in_reader_units(frame, names):
    """``frame`` with each column in ``names`` converted to the reader's unit and renamed
    (:func:`reader_unit`); in English, ``frame`` itself."""
    units = [reader_unit(name) for name in names]
    missing = [unit.name for unit in units if unit.name not in frame.columns]
    if missing:
        raise KeyError(f"no column {missing} to convert; the frame has {list(frame.columns)}")
    if all(unit.field == unit.name for unit in units):
        return frame
    converted = frame.copy()
    for unit in units:
        converted[unit.name] = converted[unit.name] * unit.factor
    return converted.rename(columns={unit.name: unit.field for unit in units})


def translate_values(frame, columns):
    """``frame`` with the texts in ``columns`` translated (:func:`tr`): category values that come
    from the data (an estimator's kind, a status) or from the code. Missing values stay missing.

    Values read from the data package reach the catalogue through ``seckill/locales/data-texts.csv``
    (``python -m scripts.translations package`` adds every value of each field listed there)."""
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        raise KeyError(f"no column {missing} to translate; the frame has {list(frame.columns)}")
    if not is_chinese():
        return frame
    translated = frame.copy()
    for column in columns:
        translated[column] = translated[column].map(lambda text: tr(text) if isinstance(text, str) else text)
    return translated


# Vega's number and time locale (d3-format, d3-time-format) for each language but English, so axes
# of dates read "2021年11月" and weekdays "星期一". Read by seckill.charts.finish.
VEGA_LOCALES = {
    "zh_CN": {
        "number": {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["¥", ""]},
        "time": {
            "dateTime": "%x %A %X",
            "date": "%Y年%-m月%-d日",
            "time": "%H:%M:%S",
            "periods": ["上午", "下午"],
            "days": ["星期日", "星期一", "星期二", "星期三", "星期四", "星期五", "星期六"],
            "shortDays": ["周日", "周一", "周二", "周三", "周四", "周五", "周六"],
            "months": [f"{month}月" for month in range(1, 13)],
            "shortMonths": [f"{month}月" for month in range(1, 13)],
        },
    }
}


def vega_locale() -> dict | None:
    """The Vega-Lite ``config.locale`` of the current language, or None for English."""
    return VEGA_LOCALES.get(current_language())
