"""Keep the page translations in step with the English pages.

The English pages are the source. `./dev.sh translations` runs Sphinx's gettext builder (`jupyter-book
build . --builder custom --custom-builder gettext --path-output _build/translations`, in a folder of
its own: Sphinx cannot share parsed pages between the gettext and HTML builders), which writes one
template (.pot) per page into _build/translations/_build/gettext, then `update`; this script brings
each language's catalogue (book/locales/<language>/LC_MESSAGES/<page>.po) up to date with those templates, and
gives translators the messages still to do and a way to fill them in.

    python -m scripts.translations update [--pot-dir _build/translations/_build/gettext] [--language zh_CN]
        new English messages appear untranslated; a changed one keeps its old translation marked
        fuzzy (to be reviewed); a removed one is dropped
    python -m scripts.translations todo PO
        the messages of one catalogue that are untranslated or fuzzy, as JSON lines
    python -m scripts.translations apply PO TRANSLATIONS.json
        set the translations given as a JSON object {English message: translation}; a message that
        is not in the catalogue is an error, and an applied message is no longer fuzzy
    python -m scripts.translations stats [--language zh_CN]
        messages translated, fuzzy and untranslated per catalogue
    python -m scripts.translations check [PO ...]
        each translated message keeps the English one's markup and numbers (see check_message);
        without arguments, every catalogue of every language
    python -m scripts.translations package [--language zh_CN]
        the package's own catalogue (seckill/locales/<language>/LC_MESSAGES/seckill.po) brought up
        to date with the texts the code passes to tr() or mark() (pybabel extract) and the
        reader-facing texts of the data listed in seckill/locales/data-texts.csv; a changed text
        keeps its old translation marked fuzzy, a removed one is dropped
"""

from __future__ import annotations

import argparse
import csv
import datetime
import json
import re
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po
from markdown_it import MarkdownIt

from seckill.i18n import chinese_scale_names

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "book" / "locales"
PACKAGE_DIR = ROOT / "seckill"
DATA_TEXTS = PACKAGE_DIR / "locales" / "data-texts.csv"
# The functions whose literal first argument is a reader-facing text (seckill/i18n.py).
PACKAGE_KEYWORDS = ("tr", "mark")
PACKAGE_CATALOGUE_DATE = datetime.datetime(2026, 12, 1, tzinfo=datetime.UTC)
DEFAULT_LANGUAGE = "zh_CN"
POT_DIR = ROOT / "_build" / "translations" / "_build" / "gettext"
# The width babel and sphinx-intl wrap at, so a rewritten file changes only where a message did.
PO_WIDTH = 76


def catalogue_dir(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES"


def read_catalogue(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


def new_catalogue(language: str, project: str) -> Catalog:
    """An empty catalogue for ``language``, its header naming ``project`` and the book's contributors."""
    contributors = "The seckill-book contributors"
    return Catalog(
        locale=language,
        project=project,
        copyright_holder=contributors,
        last_translator=contributors,
        language_team=contributors,
        charset="utf-8",
        fuzzy=False,
    )


def write_catalogue(path: Path, catalogue: Catalog) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue, width=PO_WIDTH, omit_header=False, include_previous=False)


def _messages(catalogue: Catalog):
    return (message for message in catalogue if message.id)


def update(pot_dir: Path, language: str) -> None:
    templates = sorted(pot_dir.rglob("*.pot"))
    if not templates:
        raise SystemExit(f"no .pot files under {pot_dir}: run the gettext build first")
    for template_path in templates:
        relative = template_path.relative_to(pot_dir).with_suffix(".po")
        if relative.name == "sphinx.po":
            continue  # Sphinx's own interface strings come translated with Sphinx
        template = read_catalogue(template_path)
        po_path = catalogue_dir(language) / relative
        if po_path.exists():
            catalogue = read_catalogue(po_path, language)
            catalogue.update(template, no_fuzzy_matching=False)
            catalogue.obsolete.clear()
        else:
            catalogue = new_catalogue(language, "seckill-book")
            for message in _messages(template):
                catalogue.add(message.id, "", flags=message.flags)
        write_catalogue(po_path, catalogue)
        print(f"{po_path.relative_to(ROOT)}: {_summary(catalogue)}")


def messages_from_doctrees(doctree_dir: Path) -> dict[Path, set[str]]:
    """The messages of every page, as the gettext builder extracts them (Sphinx's own
    ``extract_messages``, from each page's doctree and its table-of-contents entries), read from the
    parsed pages an English HTML build keeps in ``doctree_dir``: {``book/01-buy-it.po``: messages}.

    So a test can compare the catalogues with the current English without a gettext build of its own.
    """
    import pickle

    from sphinx import addnodes
    from sphinx.util.nodes import extract_messages

    with (doctree_dir / "environment.pickle").open("rb") as handle:
        env = pickle.load(handle)
    if env.config.language not in (None, "en"):
        raise ValueError(
            f"{doctree_dir} holds a {env.config.language} build; the messages are the English ones"
        )
    found: dict[Path, set[str]] = {}

    def kept(pairs) -> set[str]:
        return {
            message
            for node, message in pairs
            if message and type(node).__name__ not in NODES_THE_GETTEXT_BUILDER_SKIPS
        }

    for docname in sorted(env.found_docs):
        doctree = pickle.loads((doctree_dir / f"{docname}.doctree").read_bytes())
        messages = found.setdefault(Path(f"{docname}.po"), set())
        for toctree in env.tocs[docname].findall(addnodes.toctree):
            messages |= kept(extract_messages(toctree))
        messages |= kept(extract_messages(doctree))
    return found


# The gettext builder collects a page's messages once sphinx-exercise has rewritten each exercise's
# heading ("Exercise" and its title, "Solution to"), so it never sees these two nodes, which the
# English HTML build's parsed pages hold; the exercise's own title (its exercise_subtitle node) is a
# message of the page (sitebuild/page_messages.py). tests/test_translations.py compares these
# messages with catalogues the gettext builder made, so a difference shows there.
NODES_THE_GETTEXT_BUILDER_SKIPS = frozenset({"exercise_title", "solution_title"})


def _summary(catalogue: Catalog) -> str:
    messages = list(_messages(catalogue))
    fuzzy = sum(message.fuzzy for message in messages)
    empty = sum(not message.string for message in messages)
    return f"{len(messages)} messages, {fuzzy} fuzzy, {empty} untranslated"


def todo(po_path: Path) -> None:
    catalogue = read_catalogue(po_path)
    for message in _messages(catalogue):
        if message.fuzzy or not message.string:
            record = {"msgid": message.id, "fuzzy": message.fuzzy, "msgstr": message.string}
            print(json.dumps(record, ensure_ascii=False))


def apply(po_path: Path, translations_path: Path) -> None:
    translations = json.loads(translations_path.read_text(encoding="utf-8"))
    if not isinstance(translations, dict):
        raise SystemExit(f"{translations_path}: expected a JSON object {{English: translation}}")
    catalogue = read_catalogue(po_path)
    unknown = [msgid for msgid in translations if msgid not in catalogue]
    if unknown:
        listed = "\n  ".join(repr(msgid[:80]) for msgid in unknown)
        raise SystemExit(f"{translations_path}: not messages of {po_path}:\n  {listed}")
    for msgid, msgstr in translations.items():
        if not isinstance(msgstr, str) or not msgstr.strip():
            raise SystemExit(f"{translations_path}: empty translation for {msgid[:80]!r}")
        message = catalogue[msgid]
        message.string = msgstr
        message.flags.discard("fuzzy")
    write_catalogue(po_path, catalogue)
    print(f"{po_path}: {_summary(catalogue)}")


def extract_package() -> Catalog:
    """Every text of the package in English: the literals passed to tr() or mark(), then the data's
    texts listed in seckill/locales/data-texts.csv."""
    from babel.messages.frontend import CommandLineInterface

    with tempfile.TemporaryDirectory() as folder:
        pot = Path(folder) / "seckill.pot"
        keywords = [argument for keyword in PACKAGE_KEYWORDS for argument in ("-k", keyword)]
        CommandLineInterface().run(
            ["pybabel", "-q", "extract", "--no-default-keywords", *keywords, "--no-location"]
            + ["--sort-output", "--project", "seckill", "-o", str(pot), str(PACKAGE_DIR)]
        )
        template = read_catalogue(pot)
    for text, where in data_texts():
        if text not in template:
            template.add(text, auto_comments=[f"data: {where}"])
    return template


# The texts of one resource of the data package that data-texts.csv can name without a field:
# (text, what it is). The sources table's description is the appendix's own page text, not shown.
RESOURCE_TEXTS = {
    "resource-title": lambda resource: [(resource["title"], "title")],
    "resource-description": lambda resource: (
        [] if resource["name"] == "sources" else [(resource["description"], "description")]
    ),
    "resource-sources": lambda resource: [(source["title"], "source") for source in resource["sources"]],
    "field-description": lambda resource: [
        (field.get("description", ""), f"{field['name']} description")
        for field in resource["schema"]["fields"]
    ],
}


def data_texts() -> list[tuple[str, str]]:
    """(English text, where it comes from) for each reader-facing text of the data package named in
    seckill/locales/data-texts.csv: a row ``resource,field,values`` gives every value of the field,
    ``resource,field,title`` the header a table gives the field (seckill.charts.tables.field_header),
    ``resource,,resource-title`` the resource's title, ``resource,,resource-description`` its
    description, ``resource,,resource-sources`` the titles of its sources and
    ``resource,,field-description`` the description of each of its fields (``*`` for every
    resource)."""
    from seckill import data
    from seckill.charts.tables import field_header

    descriptor = data.read_descriptor()
    resources = {resource["name"]: resource for resource in descriptor["resources"]}
    texts: dict[str, str] = {}
    with DATA_TEXTS.open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{DATA_TEXTS.relative_to(ROOT)}:{line}"
            if row["what"] in RESOURCE_TEXTS:
                named = resources.values() if row["resource"] == "*" else [resources.get(row["resource"])]
                if None in named:
                    raise SystemExit(f"{where}: no resource {row['resource']!r}")
                for resource in named:
                    for text, origin in RESOURCE_TEXTS[row["what"]](resource):
                        if text and text.strip():
                            texts.setdefault(text, f"{resource['name']} ({origin})")
                continue
            resource = resources.get(row["resource"])
            fields = {field["name"]: field for field in resource["schema"]["fields"]} if resource else {}
            if row["field"] not in fields:
                raise SystemExit(f"{where}: no field {row['field']!r} in resource {row['resource']!r}")
            if row["what"] == "values":
                column = data.load(row["resource"])[row["field"]]
                found = [value for value in column.dropna().unique() if isinstance(value, str)]
            elif row["what"] == "title":
                header = field_header(fields[row["field"]])
                if header is None:
                    raise SystemExit(f"{where}: the field has no title or short description")
                found = [header]
            else:
                raise SystemExit(
                    f"{where}: 'what' must be 'values', 'title' or one of {sorted(RESOURCE_TEXTS)}, "
                    f"not {row['what']!r}"
                )
            for text in found:
                if text.strip():
                    texts.setdefault(text, f"{row['resource']}.{row['field']}")
    return sorted(texts.items())


def update_package(language: str) -> Path:
    """Bring the package's catalogue for ``language`` up to date with the code and the data."""
    from seckill.i18n import catalogue_path

    template = extract_package()
    po_path = catalogue_path(language)
    catalogue = read_catalogue(po_path, language) if po_path.exists() else new_catalogue(language, "seckill")
    catalogue.update(template, no_fuzzy_matching=False)
    catalogue.obsolete.clear()
    # Fixed dates: two branches that each update the catalogue then differ only in their messages.
    catalogue.creation_date = catalogue.revision_date = PACKAGE_CATALOGUE_DATE
    write_catalogue(po_path, catalogue)
    print(f"{po_path.relative_to(ROOT)}: {_summary(catalogue)}")
    return po_path


def stats(language: str) -> None:
    for po_path in sorted(catalogue_dir(language).rglob("*.po")):
        print(f"{po_path.relative_to(ROOT)}: {_summary(read_catalogue(po_path))}")


# MyST roles: {name}`content`. For the roles below the reader sees a text that a translation
# rewrites, and only the target ("text <target>", or the whole content) must stay.
ROLE = re.compile(r"\{([\w:.-]+)\}`([^`]*)`")
ROLES_WITH_TEXT = {"term", "doc", "ref", "numref", "download", "any", "abbr"}
TARGET = re.compile(r"^(.*?)\s*<([^<>]+)>$", re.DOTALL)
LINK_URL = re.compile(r"\]\(([^)\s]+)\)|<(https?://[^>\s]+)>")
INLINE_CODE = re.compile(r"`[^`]+`")
MATH = re.compile(r"\$[^$]+\$")
HTML_TAG = re.compile(r"</?([a-zA-Z][a-zA-Z0-9]*)\b[^>]*>")
NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|万亿|亿|万)?"
)
SCALE_WORDS = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "万": 1e4,
    "亿": 1e8,
    "万亿": 1e12,
}
_COMMONMARK = MarkdownIt("commonmark")


def _role_signature(name: str, content: str) -> tuple[str, str]:
    if name.startswith("glue"):
        return name, content.split(":", 1)[0].strip()
    if name in ROLES_WITH_TEXT:
        match = TARGET.match(content)
        return name, (match.group(2) if match else content).strip()
    return name, content


def _roles(text: str) -> Counter:
    return Counter(_role_signature(name, content) for name, content in ROLE.findall(text))


def _glue_names_allowed(english_roles: Counter) -> set[str]:
    allowed = set()
    for name, key in english_roles:
        if name.startswith("glue"):
            allowed.add(key)
            allowed.update(chinese_scale_names(key))
    return allowed


def _prose(text: str, maths: bool = True) -> str:
    """The text without roles, code, maths, link addresses and tags: where typed numbers live.
    With ``maths=False`` a dollar sign is a currency ("US$1.52"), not the start of maths."""
    for pattern in (ROLE, INLINE_CODE, MATH, LINK_URL, HTML_TAG):
        if pattern is not MATH or maths:
            text = pattern.sub(" ", text)
    return text


def _tags(text: str) -> Counter:
    return Counter(HTML_TAG.findall(LINK_URL.sub(" ", ROLE.sub(" ", text))))


MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
# English names a month in words ("8 May 2020", "as of June"); Chinese writes it in digits
# (2020年5月8日, 截至6月), so a named month counts as its number typed in the English.
NAMED_MONTH = re.compile(rf"\b({'|'.join(MONTHS)})\b")
# "65.55 and 27.67 million": the scale word after the last number counts for the ones before it.
SHARED_SCALE = re.compile(r"^\s*(?:,|and|or|to|–|—|-)\s*$")


# The data package's own texts (sources' notes, field descriptions) abbreviate scales ("1.34 bn
# yuan", "700 m yuan", "101.36 tn") and months ("Jan–Sep 2021", "Oct 24 - Nov 11"), which Chinese
# writes as 13.4亿元 and 2021年1—9月: with ``data=True`` these count as the words they stand for.
DATA_NUMBER = re.compile(
    r"(?<![A-Za-z0-9_.])(\d[\d,]*(?:\.\d+)?)\s*(thousand|million|billion|trillion|万亿|亿|万|bn\b|tn\b|m\b)?"
)
DATA_SCALE_WORDS = {"bn": 1e9, "tn": 1e12, "m": 1e6}
YEAR = re.compile(r"(19|20)\d\d")
ABBREVIATED_MONTH = re.compile(r"\b(Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\b")


def _numbers(text: str, months_in_words: bool = False, data: bool = False) -> set[float]:
    prose = _prose(text, maths=not data)
    values = set()
    if months_in_words:
        values |= {float(MONTHS.index(month) + 1) for month in NAMED_MONTH.findall(prose)}
        if data:
            values |= {
                float([month[:3] for month in MONTHS].index(month[:3]) + 1)
                for month in ABBREVIATED_MONTH.findall(prose)
            }
    scale_words = SCALE_WORDS | DATA_SCALE_WORDS if data else SCALE_WORDS
    matches = list((DATA_NUMBER if data else NUMBER).finditer(prose))
    scales = [match.group(2) or "" for match in matches]
    for index in range(len(matches) - 2, -1, -1):
        between = prose[matches[index].end() : matches[index + 1].start()]
        if not scales[index] and scales[index + 1] and SHARED_SCALE.match(between):
            if data and YEAR.fullmatch(matches[index].group(1)):
                continue  # "83.36 billion in 2020 to 175.08 billion": a year, not 2020 billion
            scales[index] = scales[index + 1]
    for match, scale in zip(matches, scales, strict=True):
        value = float(match.group(1).replace(",", "")) * scale_words.get(scale, 1.0)
        values.add(float(f"{value:.9g}"))
    return values


def _stray_emphasis(text: str) -> bool:
    """Asterisks left in the text once it is rendered: an emphasis that did not close, as when
    full-width punctuation sits just inside the markers next to a Chinese character."""
    rendered = _COMMONMARK.render(ROLE.sub("x", text))
    return "*" in re.sub(r"<code>.*?</code>", "", rendered, flags=re.DOTALL)


def check_message(english: str, translation: str, data: bool = False) -> list[str]:
    """What a translation changed that it must keep: roles and their targets, glued numbers'
    names (a Chinese-scale name such as gmv_2019_rmb_yi may replace gmv_2019_rmb_bn), citation
    keys, link addresses, inline code, maths, HTML tags, every number typed in the text (with
    its scale word: "600 million" may become "6亿"; with ``data=True`` also the data package's
    abbreviations, "1.34 bn" and "Jan–Sep") and emphasis that renders."""
    problems = []
    english_roles, translated_roles = _roles(english), _roles(translation)
    allowed_glue = _glue_names_allowed(english_roles)
    glue_english = sorted(key for name, key in english_roles.elements() if name.startswith("glue"))
    glue_translated = sorted(key for name, key in translated_roles.elements() if name.startswith("glue"))
    unknown_glue = [key for key in glue_translated if key not in allowed_glue]
    if unknown_glue or len(glue_english) != len(glue_translated):
        problems.append(f"glued numbers {glue_translated} do not match {glue_english}")
    other_english = Counter({sig: n for sig, n in english_roles.items() if not sig[0].startswith("glue")})
    other_translated = Counter(
        {sig: n for sig, n in translated_roles.items() if not sig[0].startswith("glue")}
    )
    if other_english != other_translated:
        missing = sorted((other_english - other_translated).elements())
        extra = sorted((other_translated - other_english).elements())
        problems.append(f"roles differ: missing {missing}, unexpected {extra}")
    for label, pattern in (("link addresses", LINK_URL), ("maths", MATH))[: 1 if data else 2]:
        if Counter(map(str, pattern.findall(english))) != Counter(map(str, pattern.findall(translation))):
            problems.append(f"{label} differ")
    code_english = Counter(INLINE_CODE.findall(ROLE.sub(" ", english)))
    code_translated = Counter(INLINE_CODE.findall(ROLE.sub(" ", translation)))
    if code_english != code_translated:
        problems.append(f"inline code differs: {sorted(code_english)} vs {sorted(code_translated)}")
    if _tags(english) != _tags(translation):
        problems.append("HTML tags differ")
    english_numbers = _numbers(english, months_in_words=True, data=data)
    translated_numbers = _numbers(translation, data=data)
    if english_numbers != translated_numbers:
        problems.append(
            f"numbers differ: only in English {sorted(english_numbers - translated_numbers)}, "
            f"only in the translation {sorted(translated_numbers - english_numbers)}"
        )
    if _stray_emphasis(translation) and not _stray_emphasis(english):
        problems.append("an emphasis does not render (move full-width punctuation outside * or **)")
    if any(unicodedata.category(ch) == "Co" for ch in translation):
        problems.append("private-use character")
    return problems


def check(po_paths: list[Path]) -> int:
    failures = 0
    for po_path in po_paths:
        for message in _messages(read_catalogue(po_path)):
            if not message.string:
                continue
            for problem in check_message(message.id, message.string):
                failures += 1
                print(f"{po_path}: {message.id[:70]!r}: {problem}")
    return failures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    update_parser = commands.add_parser("update")
    update_parser.add_argument("--pot-dir", type=Path, default=POT_DIR)
    update_parser.add_argument("--language", default=DEFAULT_LANGUAGE)
    todo_parser = commands.add_parser("todo")
    todo_parser.add_argument("po", type=Path)
    apply_parser = commands.add_parser("apply")
    apply_parser.add_argument("po", type=Path)
    apply_parser.add_argument("translations", type=Path)
    stats_parser = commands.add_parser("stats")
    stats_parser.add_argument("--language", default=DEFAULT_LANGUAGE)
    check_parser = commands.add_parser("check")
    check_parser.add_argument("po", type=Path, nargs="*")
    package_parser = commands.add_parser("package")
    package_parser.add_argument("--language", default=DEFAULT_LANGUAGE)
    args = parser.parse_args(argv)
    if args.command == "update":
        update(args.pot_dir, args.language)
    elif args.command == "todo":
        todo(args.po)
    elif args.command == "apply":
        apply(args.po, args.translations)
    elif args.command == "package":
        update_package(args.language)
    elif args.command == "check":
        paths = args.po or sorted(LOCALES.rglob("*.po"))
        failures = check(paths)
        print(f"{len(paths)} catalogues checked, {failures} problems")
        sys.exit(1 if failures else 0)
    else:
        stats(args.language)


if __name__ == "__main__":
    main(sys.argv[1:])
