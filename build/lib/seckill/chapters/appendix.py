"""The "Data and sources" appendix, written from ``datapackage.json`` and ``sources.csv`` at build time.

Generating it means the appendix cannot drift from the data: a new table or source appears in the
book as soon as it is in the package.
"""

from __future__ import annotations

import html
from pathlib import Path

from seckill import data
from seckill.charts.tables import SOURCE_ANCHOR_PREFIX

# The built site carries a copy of the data folder (see sitebuild.sphinxext), one level above pages.
DOWNLOAD_PREFIX = "../data/"


def _link(url: str, text: str) -> str:
    return f'<a href="{html.escape(url)}">{html.escape(text)}</a>'


def resource_html(resource: dict, data_dir: Path | None = None) -> str:
    """One dataset: what it is, its licence and sources, a download link and its fields with units."""
    frame = data.load(resource["name"], data_dir)
    sources = "; ".join(
        _link(s["path"], s["title"]) if s.get("path") else html.escape(s["title"])
        for s in resource["sources"]
    )
    licences = ", ".join(_link(lic["path"], lic["name"]) for lic in resource["licenses"])
    rows = "".join(
        f"<tr><td><code>{html.escape(f['name'])}</code></td><td>{html.escape(f.get('type', 'string'))}</td>"
        f"<td>{html.escape(f.get('description', ''))}</td></tr>"
        for f in resource["schema"]["fields"]
    )
    return (
        f'<section class="seckill-dataset" aria-label="{html.escape(resource["title"])}">'
        f"<h3>{html.escape(resource['title'])}</h3>"
        f"<p>{html.escape(resource['description'])}</p>"
        f"<p><strong>File:</strong> {_link(DOWNLOAD_PREFIX + resource['path'], resource['path'])} "
        f"({len(frame)} rows). <strong>Licence:</strong> {licences}. <strong>Sources:</strong> {sources}.</p>"
        f"<table><caption>Fields of {html.escape(resource['path'])}</caption>"
        "<thead><tr><th scope='col'>Field</th><th scope='col'>Type</th><th scope='col'>Meaning and unit</th>"
        f"</tr></thead><tbody>{rows}</tbody></table></section>"
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
    rows = []
    for row in table.itertuples(index=False):
        published = "" if row.published is None or str(row.published) == "<NA>" else str(row.published)
        note = "" if row.note is None or str(row.note) == "<NA>" else str(row.note)
        rows.append(
            # The id lets a chart's table of numbers link each source_id here (seckill.charts.tables).
            f'<tr id="{html.escape(SOURCE_ANCHOR_PREFIX + row.source_id)}">'
            f"<td><code>{html.escape(row.source_id)}</code></td><td>{html.escape(row.publisher)}</td>"
            f"<td>{_link(row.url, row.title)}</td><td>{html.escape(published)}</td>"
            f"<td>{html.escape(row.verified)}</td><td>{html.escape(note)}</td></tr>"
        )
    return (
        "<table class='seckill-sources'><caption>Sources of every figure (accessed 2026-11-26 unless "
        "noted)</caption><thead><tr><th scope='col'>Id</th><th scope='col'>Publisher</th>"
        "<th scope='col'>Title</th><th scope='col'>Published</th><th scope='col'>Re-verified</th>"
        f"<th scope='col'>Note</th></tr></thead><tbody>{''.join(rows)}</tbody></table>"
    )
