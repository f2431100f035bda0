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
import os
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
