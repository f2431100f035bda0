"""The "Data and sources" appendix, written from ``datapackage.json`` and ``sources.csv`` at build time.

Generating it means the appendix cannot drift from the data: a new table or source appears in the
book as soon as it is in the package.

In a language other than English the appendix's own words and the data package's documentation
are translated: each dataset's title, description and sources, each field's description, and each
source's publisher and note (they reach the package's catalogue through
``seckill/locales/data-texts.csv``). A source's title is a citation and keeps its own language
(``lang`` from its ``language`` field); ids, field names, licence identifiers and addresses are code
and stay as they are.
"""

from __future__ import annotations

import html
from pathlib import Path

from seckill import data, i18n
from seckill.charts.tables import SOURCE_ANCHOR_PREFIX
from seckill.i18n import mark, tr

# The built site carries a copy of the data folder (see sitebuild.sphinxext), one level above pages.
DOWNLOAD_PREFIX = "../data/"
# Table Schema's field types, as the fields table names them.
FIELD_TYPES = {
    "string": mark("string"),
    "number": mark("number"),
    "integer": mark("integer"),
    "boolean": mark("boolean"),
    "date": mark("date"),
}
# The day the sources were last accessed, unless a source's row says otherwise.
ACCESSED = "2026-11-26"


def _link(url: str, text: str, language: str | None = None) -> str:
    lang = f' lang="{html.escape(language)}"' if language else ""
    return f'<a href="{html.escape(url)}"{lang}>{html.escape(text)}</a>'


def _in_translation() -> bool:
    """Whether the page is in a language other than the one the data package is written in."""
    return i18n.current_language() != i18n.SOURCE_LANGUAGE


def _text(value) -> str:
    """A text of the data package in the reader's language; an empty or missing one stays empty
    (the catalogue holds no empty message)."""
    text = "" if value is None or str(value) == "<NA>" else str(value)
    return tr(text) if text.strip() else text


def _type(field: dict) -> str:
    """A field's type in the reader's language (Table Schema's name in English)."""
    name = field.get("type", "string")
    return tr(FIELD_TYPES[name]) if name in FIELD_TYPES else name


def resource_html(resource: dict, data_dir: Path | None = None) -> str:
    """One dataset: what it is, its licence and sources, a download link and its fields with units."""
    frame = data.load(resource["name"], data_dir)
    sources = "; ".join(
        _link(s["path"], _text(s["title"])) if s.get("path") else html.escape(_text(s["title"]))
        for s in resource["sources"]
    )
    licences = ", ".join(_link(lic["path"], lic["name"]) for lic in resource["licenses"])
    rows = "".join(
        f"<tr><td><code>{html.escape(f['name'])}</code></td><td>{html.escape(_type(f))}</td>"
        f"<td>{html.escape(_text(f.get('description')))}</td></tr>"
        for f in resource["schema"]["fields"]
    )
    # The data package's titles and descriptions reach the catalogue through data-texts.csv.
    title, description = resource["title"], resource["description"]
    title, description = tr(title), tr(description)
    facts = tr(
        "<strong>File:</strong> {file} ({rows} rows). <strong>Licence:</strong> {licences}. "
        "<strong>Sources:</strong> {sources}."
    ).format(
        file=_link(DOWNLOAD_PREFIX + resource["path"], resource["path"]),
        rows=len(frame),
        licences=licences,
        sources=sources,
    )
    caption = tr("Fields of {file}").format(file=resource["path"])
    head = "".join(
        f"<th scope='col'>{html.escape(header)}</th>"
        for header in (tr("Field"), tr("Type"), tr("Meaning and unit"))
    )
    return (
        f'<section class="seckill-dataset" aria-label="{html.escape(title)}">'
        f"<h3>{html.escape(title)}</h3>"
        f"<p>{html.escape(description)}</p>"
        f"<p>{facts}</p>"
        f"<table><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table></section>"
    )


def datasets_html(data_dir: Path | None = None) -> str:
    """Every dataset in the package except the sources table, in package order."""
    resources = data.read_descriptor(data_dir)["resources"]
    return "".join(resource_html(r, data_dir) for r in resources if r["name"] != "sources")


def sources_html(data_dir: Path | None = None) -> str:
    """The full sources table: id, publisher, linked title, date, and whether it was re-verified.

    Each row has the id ``source-<source_id>``, the target of the links in charts' tables.
    """
    table = data.sources(data_dir).reset_index()
    translated = _in_translation()
    rows = []
    for row in table.itertuples(index=False):
        published = "" if row.published is None or str(row.published) == "<NA>" else str(row.published)
        language = None if not translated or str(row.language) == "<NA>" else str(row.language)
        rows.append(
            # The id lets a chart's table of numbers link each source_id here (seckill.charts.tables).
            f'<tr id="{html.escape(SOURCE_ANCHOR_PREFIX + row.source_id)}">'
            f"<td><code>{html.escape(row.source_id)}</code></td><td>{html.escape(_text(row.publisher))}</td>"
            f"<td>{_link(row.url, row.title, language)}</td><td>{html.escape(published)}</td>"
            f"<td>{html.escape(tr(row.verified))}</td><td>{html.escape(_text(row.note))}</td></tr>"
        )
    headers = [tr("Id"), tr("Publisher"), tr("Title"), tr("Published"), tr("Re-verified"), tr("Note")]
    caption = tr("Sources of every figure (accessed {date} unless noted)").format(
        date=i18n.format_date(ACCESSED) if translated else ACCESSED
    )
    head = "".join(f"<th scope='col'>{html.escape(header)}</th>" for header in headers)
    return (
        f"<table class='seckill-sources'><caption>{html.escape(caption)}</caption>"
        f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
