"""Every text a chart puts in front of a reader, and the English words left in it (Chinese edition).

The chapters' tests build each chart with the language set to Chinese and assert that
:func:`english_words` finds nothing in :func:`reader_texts` of its spec, nor in the "Show the
numbers" table under it. A chart's reader-facing texts are its title and subtitle (the source
line), description, axis, legend and tooltip titles, the text drawn by text marks (the values of
the field they show, or the string literals of a Vega expression that builds it), the labels of
its controls and their options, legend label expressions, and its table of model values (caption,
headers and cells that are words).
"""

from __future__ import annotations

import contextlib
import html
import re

from seckill import i18n
from seckill.charts import tables


@contextlib.contextmanager
def in_chinese():
    """The package writes in Chinese inside the block, and in the default language again after it."""
    i18n.set_language("zh_CN")
    try:
        yield
    finally:
        i18n.set_language(None)


# Words a Chinese chart may keep in Latin letters, and why:
ALLOWED_WORDS = {
    # the book's abbreviations, which Chinese text writes the same way (terminology.csv keeps GMV)
    "GMV",
    "CNNIC",
    "GDP",
    "CIEC",  # China International E-commerce Center
    "PWT",  # Penn World Table
    # units and chemical formulas
    "kg",
    "km",
    "CO",
    "CO₂",
    "CO₂e",
    "kWh",
    "Mt",  # megatonnes, as Chinese climate research writes them
    "Gt",  # gigatonnes
    # statistical series and agencies known in Chinese by their Latin abbreviation
    "WDI",  # the World Bank's World Development Indicators (世界银行WDI)
    "ILOSTAT",  # the ILO's statistics database
    "IGCC",  # Indicators of Global Climate Change, cited by its abbreviation
    "MDPI",  # a publisher's name
    "MCN",  # multi-channel network: Chinese writes MCN (terminology.csv)
    "NaN",  # Python's values, named in the exercises' feedback
    "None",
    # the formats a page's download menu offers, named by their file extensions
    "ipynb",
    "md",
    "pdf",
    "Ctrl",  # the key of the search shortcut, as the keyboard names it
    # software the reader is told about (the notebook's messages)
    "Vega",
    "Python",
    "JavaScript",
    # the data appendix's documentation of the files: units and codes as the files write them,
    # file formats and identifiers, and the few abbreviations Chinese writing uses for a name
    "CO2",  # in plain digits, as the files' units write it
    "CO2e",
    "ISO3",  # the standard's country codes
    "YYYY",  # date formats of the files' fields (YYYY-MM-DD)
    "MM",
    "DD",
    "CSV",
    "DDF",  # Gapminder's data format
    "JSON",
    "PDF",
    "DOI",
    "CGDPo",  # a Penn World Table variable
    "CGTN",  # China Global Television Network: Chinese texts write CGTN
    "CNA",  # a news agency a source cites by this abbreviation only
    "CRAN",  # R's package archive
    "NBER",  # working-paper series known by their abbreviation
    "SSRN",
}
# Names kept in Latin letters in Chinese text, matched whole so that their common words ("in",
# "Data") stay forbidden elsewhere: data sets, publishers and sites with no Chinese name, licences,
# software, and cited authors (foreign authors keep their names in Latin letters).
ALLOWED_NAMES = (
    "seckill-book",  # the book's project, as its repository names it (the Chinese edition's author)
    "Our World in Data",  # the data's publishers, named as they name themselves
    "Global Carbon Budget",
    "Indicators of Global Climate Change",
    "Gapminder Systema Globalis",
    "Jing Daily",  # an English-language trade site on China's luxury market
    "What's on Weibo",  # an English-language site on Chinese social media
    "The Information",  # a technology news site
    "Adobe Analytics",
    "Yicai Global",
    "Statista",  # a data company with no Chinese name
    "ECDB",
    "Sustainability",  # a journal's title, cited as it is
    "BFFP",  # Break Free From Plastic, an NGO cited by its abbreviation
    "BOSS",  # BOSS直聘, the recruiting platform's own name
    "ILOSTAT",
    "WDI",  # the World Bank's World Development Indicators
    "CC BY",  # licence identifiers (CC BY 4.0, CC-BY-4.0)
    "CC-BY",
    "Gapminder",  # data projects and repositories, named as they name themselves
    "Systema Globalis",
    "open-numbers",
    "co2-data",
    "datasets/population",
    "IGO",
    "Su",  # authors cited
    "Kang",
    "Fanning",
    "O'Neill",
    "Hickel",
    "Roux",
    "numpy",  # software
    "Binder",
    "Colab",
    "Jupyter",
    # The data appendix: publishers and outlets with no Chinese name in use (the sources table),
    # named as they name themselves
    "Adobe",
    "AllTechAsia",
    "Archynewsy",
    "Asia Cargo News",
    "Asia Today",
    "AsiaOne",
    "Axios",
    "Bingepost",
    "Breakingviews",
    "Cambridge Core",
    "Campaign Asia",
    "CBO",
    "China Business Observer",
    "China Banking News",
    "China Economic Review",
    "China Hoje",
    "China Internet Watch",
    "China Justice Observer",
    "China Law Translate",
    "China Money Network",
    "China Plus",
    "DaoInsights",
    "Devdiscourse",
    "Digital Commerce 360",
    "DoNews",
    "EDGAR",  # the US Securities and Exchange Commission's filings database
    "eMarketer",
    "Fashionating World",
    "Focus",  # the China-Britain Business Council's magazine
    "Foodmate",
    "Forexlive",
    "Frankfurt Kurnit Klein & Selz",
    "Gadgets360",
    "Gala Law",
    "GMT Eight",
    "HomePage News",
    "IndexMundi",
    "India Today",
    "Internet Retailer",
    "IT之家",
    "Marketing Future",
    "nordot",
    "Pandaily",
    "Pandayoo",
    "Premia Partners",
    "Profit",  # a Pakistani business magazine
    "Pakistan Today",
    "RADII",
    "SHOUJIKE",
    "SIPS",
    "Scribd",
    "Seeking Alpha",
    "Small Business Trends",
    "Starke IP",
    "Substack",
    "TechNode",
    "Teller Report",
    "The Drum",
    "The SeaCleaners",
    "The Week",
    "The World of Chinese",
    "TIME100 Next",  # a magazine's list, cited by its name
    "UrduPoint",
    "Variety",
    "Ventech",
    "WAO News",
    # journals, data sets and an article cited by their titles
    "AER: Insights",
    "Earth System Science Data",
    "Nature Sustainability",
    "The social shortfall and ecological overshoot of nations",
    "Maddison Project Database",
    "Maddison Project",
    "pwt10",  # an R package
    "w24384",  # a working paper's number
    # people named by the sources (reporters, authors, officials whose characters the sources
    # do not give keep their names in Latin letters)
    "Adina-Laura Achim",
    "Charlie Campbell",
    "Chen Xia",
    "Cheng Lu",
    "Daniel Albrecht",
    "Feenstra",
    "Forster",
    "Inklaar",
    "Iris Deng",
    "James Gong",
    "Karen Ip",
    "Li Gang",
    "Lin Tao",
    "Lisa Nan",
    "Manya Koetse",
    "Mark Robinson",
    "Michael Pettis",
    "Shawn Lim",
    "Stephen Roach",
    "Timmer",
    "Tracy Qu",
)
_NAMES = re.compile(
    r"(?<![A-Za-z])(?:" + "|".join(re.escape(name) for name in ALLOWED_NAMES) + r")(?![A-Za-z])"
)
# A token that is code, not prose: a dotted or underscored identifier (a model's name such as
# seckill.models.growth.project, a field name).
_CODE = re.compile(r"^[A-Za-z_][\w]*(?:[._][\w]+)+$")
_WORD = re.compile(r"[A-Za-z][A-Za-z0-9_₀-₉]*(?:\.[A-Za-z0-9_]+)*")
# A string literal of a Vega expression that is a format specifier ('.1f', ',.0f', 'd', '%Y').
_FORMAT = re.compile(r"^[~+\-,.0-9a-z%$#(]*[a-z%]$|^(%[A-Za-z-][^A-Za-z]*)+$")
_LITERAL = re.compile(r"'((?:[^'\\]|\\.)*)'|\"((?:[^\"\\]|\\.)*)\"")


# The English scales a Chinese reader does not count in: 十亿 and 百万 (Chinese counts in 万 and 亿:
# 亿元, 万人, 亿件) and the symbols Mt and Gt (万吨, 亿吨). Field names (parcels_bn) are code.
ENGLISH_SCALE = re.compile(r"十亿|百万|(?<![A-Za-z])[MG]t(?![A-Za-z])")


def data_field_names() -> set[str]:
    """Every field name of the data package: a description names a column by it, as code."""
    return {name for _, fields in tables.package_fields() for name in fields}


# A web address (https://...), a path (scripts/derive_population.py, datasets/population), a
# commit hash (01a174d), a host name (ts-vln.com), a file name (population.csv) or a source's id
# (nbs-2017-02-ablewa): code, not prose.
_PATH = re.compile(
    r"https?://\S+|[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+"
    r"|(?<![0-9A-Za-z])(?=[0-9a-f]*\d)[0-9a-f]{7,40}(?![0-9A-Za-z])"
    r"|(?<![A-Za-z0-9_.-])[A-Za-z0-9][A-Za-z0-9_-]*(?:\.[A-Za-z0-9_-]+)*"
    r"\.(?:com|cn|net|org|info|io|in|us|dk|ca|cc|my|csv|rda|py)(?![A-Za-z0-9_-])"
    r"|(?<![A-Za-z0-9_-])[a-z]+(?:-[a-z0-9]+)*-\d[a-z0-9-]*(?![A-Za-z0-9_-])"
)
# A value quoted as a data file writes it ('published', 'more than', 'reporter's count'), in
# ASCII quotes in Chinese text that otherwise quotes with “”: code, not prose.
_QUOTED = re.compile(r"(?<![A-Za-z])'[A-Za-z][\w '%-]*?'(?![A-Za-z])")


def english_words(text: str, code_words: set[str] = frozenset()) -> list[str]:
    """Words of Latin letters in ``text`` that are neither allowed nor code (``code_words`` adds
    names that are code in this text, such as the data package's field names)."""
    found = []
    text = _PATH.sub(" ", _QUOTED.sub(" ", str(text)))
    for word in _WORD.findall(_NAMES.sub(" ", text)):
        if word in ALLOWED_WORDS or word in code_words or _CODE.match(word) or len(word) == 1:
            continue
        found.append(word)
    return found


def expression_texts(expression: str) -> list[str]:
    """The string literals of a Vega expression that a reader may see (not format specifiers)."""
    texts = []
    for single, double in _LITERAL.findall(expression):
        literal = single or double
        if literal.strip() and not _FORMAT.match(literal.strip()):
            texts.append(literal)
    return texts


def _title_texts(title) -> list[str]:
    if isinstance(title, dict):
        return _title_texts(title.get("text")) + _title_texts(title.get("subtitle"))
    if isinstance(title, list):  # a wrapped title: its lines read as one text (a name may span two)
        return [" ".join(str(part) for part in title)]
    return [title] if isinstance(title, str) else []


def reader_texts(spec: dict) -> list[str]:
    """Every reader-facing text in a Vega-Lite spec (see the module docstring)."""
    texts: list[str] = []
    datasets = spec.get("datasets") or {}
    texts += _title_texts(spec.get("title"))
    if isinstance(spec.get("description"), str):
        texts.append(spec["description"])

    def rows_of(view) -> list[dict]:
        data = view.get("data") if isinstance(view, dict) else None
        if isinstance(data, dict) and isinstance(data.get("values"), list):
            return data["values"]
        if isinstance(data, dict) and data.get("name") in datasets:
            return datasets[data["name"]]
        return []

    def walk(node, rows: list[dict]) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item, rows)
            return
        if not isinstance(node, dict):
            return
        rows = rows_of(node) or rows
        for key, value in node.items():
            if key == "title" and node is not spec:
                texts.extend(_title_texts(value))
            elif (
                key in ("labelExpr", "expr")
                and isinstance(value, str)
                or key == "calculate"
                and isinstance(value, str)
            ):
                texts.extend(expression_texts(value))
            elif key == "bind" and isinstance(value, dict):
                texts.extend(str(value.get(part)) for part in ("name",) if value.get(part))
                texts.extend(str(label) for label in value.get("labels") or [])
            elif key == "text" and isinstance(value, dict) and "field" in value:
                field = str(value["field"]).replace("\\", "")
                texts.extend(str(row[field]) for row in rows if isinstance(row.get(field), str))
            elif key == "text" and isinstance(value, dict) and "value" in value:
                texts.extend(_title_texts(value["value"]))
            elif key == "mark" and isinstance(value, dict) and isinstance(value.get("text"), str | list):
                texts.extend(_title_texts(value["text"]))
            walk(value, rows)

    walk({key: value for key, value in spec.items() if key != "datasets"}, [])
    # Legend, axis and tooltip labels: the values of every field a channel shows (source ids aside).
    for use in tables.datasets_in_use(spec):
        for name in use.shown_fields - {tables.SOURCE_FIELD}:
            for row in use.rows:
                value = row.get(name) if isinstance(row, dict) else None
                if isinstance(value, str) and not _CODE.match(value) and not _ISO_DATE.match(value):
                    texts.append(value)
    meta = tables.model_table(spec)
    if meta is not None:
        texts.append(meta["caption"])
        texts += [column["title"] for column in meta["columns"]]
        texts += [cell for row in meta["rows"] for cell in row.values() if isinstance(cell, str)]
    return texts


_ISO_DATE = re.compile(r"^\d{4}(-\d{2}){0,2}$")
# Cells of a source_id column are ids that link to the appendix: names, not words.
_SOURCE_CELL = re.compile(r'<td[^>]*><a href="[^"]*#source-[^"]*">.*?</td>', re.S)


def table_text(spec: dict) -> str:
    """The text of the "Show the numbers" details under the chart, without its tags or source ids."""
    markup = _SOURCE_CELL.sub(" ", tables.details_html(spec))
    return html.unescape(re.sub(r"<[^>]+>", " ", markup))


def english_in_chart(spec: dict) -> dict[str, list[str]]:
    """{text: its English words} for every reader-facing text of the chart and its table that has
    any; empty when the chart is all in the reader's language."""
    found = {}
    for text in [*reader_texts(spec), table_text(spec)]:
        words = english_words(text)
        if words:
            found[str(text)[:120]] = words
    return found


# What a notebook page's code printed or displayed (tests/test_zh_edition.py) ------------------------

# Words that are code in a notebook's output, for a reader who runs it: Python's own names (a
# message gives a value's type: "got '100万' (str)") and the names pandas gives a summary's rows.
NOTEBOOK_CODE_WORDS = {"True", "False", "ValueError", "str", "int", "float", "bool"}
NOTEBOOK_CODE_WORDS |= {"count", "mean", "std", "min", "max"}
# In a value's repr, a class or function (Baseline(base_year=2024, ...)) and a quoted name (a dict's
# key: {'gini': 0.61}) are code.
CODE_IN_REPR = re.compile(r"\b[A-Za-z_]\w*(?=\()|'[A-Za-z_]\w*'")
# A table's header that is one name (gmv_rmb_bn, window) is a column the reader's code selects.
COLUMN_NAME = re.compile(r"^\s*[A-Za-z_]\w*\s*$")


def model_parameter_names() -> set[str]:
    """The names of the models' parameters (rate, points, rebound), which their messages give as
    code: the reader passes them by those names."""
    import importlib
    import inspect
    import pkgutil

    import seckill.models

    names = set()
    for module_info in pkgutil.iter_modules(seckill.models.__path__):
        module = importlib.import_module(f"seckill.models.{module_info.name}")
        for _, member in inspect.getmembers(module, lambda m: inspect.isfunction(m) or inspect.isclass(m)):
            try:
                names |= set(inspect.signature(member).parameters)
            except (TypeError, ValueError):
                continue
    return names
