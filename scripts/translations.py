"""Keep the page translations in step with the English pages.

The English pages are the source. `jupyter-book build . --builder custom --custom-builder gettext`
writes one template (.pot) per page into _build/gettext; this script brings each language's
catalogue (book/locales/<language>/LC_MESSAGES/<page>.po) up to date with those templates, and
gives translators the messages still to do and a way to fill them in.

    python -m scripts.translations update [--pot-dir _build/gettext] [--language zh_CN]
        new English messages appear untranslated; a changed one keeps its old translation marked
        fuzzy (to be reviewed); a removed one is dropped
    python -m scripts.translations todo PO
        the messages of one catalogue that are untranslated or fuzzy, as JSON lines
    python -m scripts.translations apply PO TRANSLATIONS.json
        set the translations given as a JSON object {English message: translation}; a message that
        is not in the catalogue is an error, and an applied message is no longer fuzzy
    python -m scripts.translations stats [--language zh_CN]
        messages translated, fuzzy and untranslated per catalogue
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parent.parent
LOCALES = ROOT / "book" / "locales"
DEFAULT_LANGUAGE = "zh_CN"
# The width babel and sphinx-intl wrap at, so a rewritten file changes only where a message did.
PO_WIDTH = 76


def catalogue_dir(language: str) -> Path:
    return LOCALES / language / "LC_MESSAGES"


def read_catalogue(path: Path, language: str | None = None) -> Catalog:
    with path.open("rb") as handle:
        return read_po(handle, locale=language)


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
            catalogue = Catalog(
                locale=language,
                project="seckill-book",
                copyright_holder="The seckill-book contributors",
                last_translator="The seckill-book contributors",
                language_team="The seckill-book contributors",
                charset="utf-8",
                fuzzy=False,
            )
            for message in _messages(template):
                catalogue.add(message.id, "", flags=message.flags)
        write_catalogue(po_path, catalogue)
        print(f"{po_path.relative_to(ROOT)}: {_summary(catalogue)}")


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


def stats(language: str) -> None:
    for po_path in sorted(catalogue_dir(language).rglob("*.po")):
        print(f"{po_path.relative_to(ROOT)}: {_summary(read_catalogue(po_path))}")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    update_parser = commands.add_parser("update")
    update_parser.add_argument("--pot-dir", type=Path, default=ROOT / "_build" / "gettext")
    update_parser.add_argument("--language", default=DEFAULT_LANGUAGE)
    todo_parser = commands.add_parser("todo")
    todo_parser.add_argument("po", type=Path)
    apply_parser = commands.add_parser("apply")
    apply_parser.add_argument("po", type=Path)
    apply_parser.add_argument("translations", type=Path)
    stats_parser = commands.add_parser("stats")
    stats_parser.add_argument("--language", default=DEFAULT_LANGUAGE)
    args = parser.parse_args(argv)
    if args.command == "update":
        update(args.pot_dir, args.language)
    elif args.command == "todo":
        todo(args.po)
    elif args.command == "apply":
        apply(args.po, args.translations)
    else:
        stats(args.language)


if __name__ == "__main__":
    main(sys.argv[1:])
