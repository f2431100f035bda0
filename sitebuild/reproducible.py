"""Two builds of the same commit publish the same bytes (what may still differ: tests/test_reproducible.py).

Registered by :mod:`sitebuild.sphinxext`. Left alone, a clean build differs from the last one in

- the ``.ipynb`` download of every narrative page: MyST-NB turns the page's text into a notebook
  whose cells get random ids (nbformat's ``random_cell_id``), and writes it with its outputs and
  the kernel's ``language_info`` when it ran the page, without them when it took the outputs from
  its cache. :func:`_reproducible_notebook_download` gives the cells ids made from their text and
  writes the notebook without outputs, as the stored notebooks are (``tests/test_notebooks.py``
  checks every stored cell has an id), and without the run's metadata. Its outputs were the
  static site's chart containers, which draw nothing in Jupyter; readers run it to see them;
- the stylesheets MyST-NB and sphinx-exercise write when the build has finished: a page written
  before they exist (every page of a clean build) asks for them without Sphinx's ``?v=``
  checksum, a page rewritten later with it. :func:`_write_late_stylesheets_first` writes them
  before any page;
- the search index: the build status page's table lists when each page last ran and for how
  long, and Sphinx indexes every word of a page. :class:`NotIndexed` keeps that table out of the
  index (Sphinx never indexes comments, and this node is one that the HTML writer still draws),
  so only the status page itself says when pages ran.

- a cell's printed text: the kernel sends what a cell prints in as many stream messages as its
  output buffer happened to flush, and MyST-NB's merge (``nb_merge_streams``) strips each message
  and ends it with a line break, so ``print("a"); print("b")`` came out as "a\nb" in one build and
  "a\n\nb" in another when a message ended between a text and its newline.
  :func:`join_stream_chunks` joins each stream's messages exactly as written first.

Styled pandas tables get fixed ids from :func:`seckill.charts.table_style`, and the icon font keeps
the theme font's timestamps (:mod:`sitebuild.iconfont`).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import nbformat
from docutils import nodes
from myst_nb.core import render as myst_nb_render
from myst_nb.ext.execution_tables import ExecutionStatsNode
from sphinx.transforms.post_transforms import SphinxPostTransform

TEXT_NOTEBOOK_SUFFIXES = {".md"}
RUN_METADATA = ("language_info", "widgets")


def cell_ids_from_text(notebook: nbformat.NotebookNode) -> None:
    """Give each cell an id made from its type and text (numbered when two cells are alike)."""
    seen: dict[str, int] = {}
    for cell in notebook.cells:
        digest = hashlib.sha256(f"{cell.cell_type}\0{cell.source}".encode()).hexdigest()[:8]
        seen[digest] = seen.get(digest, 0) + 1
        cell["id"] = digest if seen[digest] == 1 else f"{digest}-{seen[digest]}"


def _reproducible_notebook_download(app, doctree) -> None:
    """Rewrite the notebook MyST-NB wrote for a narrative page: fixed cell ids, no outputs."""
    docname = app.env.docname
    if Path(app.env.doc2path(docname)).suffix not in TEXT_NOTEBOOK_SUFFIXES:
        return
    written = Path(app.env.mystnb_config.output_folder, *docname.split("/")).with_name(
        docname.split("/")[-1] + ".ipynb"
    )
    if not written.is_file():
        return  # a page MyST-NB read as plain Markdown: no notebook
    notebook = nbformat.reads(written.read_text(encoding="utf-8"), as_version=nbformat.NO_CONVERT)
    cell_ids_from_text(notebook)
    for cell in notebook.cells:
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
    # What the kernel said about itself when it ran (absent when the outputs came from the cache).
    for key in RUN_METADATA:
        notebook.metadata.pop(key, None)
    # The same serialisation MyST-NB writes (myst_nb.sphinx_.Parser.parse).
    written.write_bytes(nbformat.writes(notebook).encode("utf-8"))


def _write_late_stylesheets_first(app, builder) -> None:
    """Write MyST-NB's and sphinx-exercise's stylesheets before the pages (they do it again after)."""
    if builder.format != "html":
        return
    from myst_nb.sphinx_ext import add_global_html_resources
    from sphinx_exercise import copy_asset_files

    Path(app.outdir, "_static").mkdir(parents=True, exist_ok=True)
    add_global_html_resources(app, None)
    copy_asset_files(app, None)


class NotIndexed(nodes.comment):
    """Content the page shows but the search index leaves out (Sphinx skips comment nodes)."""


def _visit_not_indexed(translator, node) -> None:
    """Draw the children as usual; only the search indexer treats this node as a comment."""


def _depart_not_indexed(translator, node) -> None:
    pass


class KeepRunTimesOutOfSearch(SphinxPostTransform):
    """Wrap the build status table (filled in by MyST-NB just after this) in :class:`NotIndexed`."""

    default_priority = 7  # MyST-NB's ExecutionStatsPostTransform, priority 8, fills it in
    formats = ("html",)

    def run(self, **kwargs) -> None:
        for node in list(self.document.findall(ExecutionStatsNode)):
            wrapper = NotIndexed()
            node.replace_self(wrapper)
            wrapper += node


def join_stream_chunks(outputs: list) -> list:
    """Join each stream's messages (stdout, stderr) into its first, with nothing added or removed.

    The result is what the cell wrote, however the kernel split it; MyST-NB's own merge then
    tidies it as before.
    """
    joined: list = []
    first_of_stream: dict[str, nbformat.NotebookNode] = {}
    for output in outputs:
        if output.get("output_type") != "stream":
            joined.append(output)
        elif output["name"] in first_of_stream:
            first_of_stream[output["name"]]["text"] += output["text"]
        else:
            first_of_stream[output["name"]] = nbformat.NotebookNode(output, text=str(output["text"]))
            joined.append(first_of_stream[output["name"]])
    return joined


def _merge_streams_after_joining(outputs: list, merge=myst_nb_render.coalesce_streams) -> list:
    return merge(join_stream_chunks(outputs))


def setup(app):
    # MyST-NB calls the merge through its render module's name for it; the page renderer has no
    # hook for outputs, so the joining step goes in front of that name (the original merge is
    # bound as the default argument when this module is imported, so setting it twice is harmless).
    myst_nb_render.coalesce_streams = _merge_streams_after_joining
    app.connect("doctree-read", _reproducible_notebook_download)
    app.connect("write-started", _write_late_stylesheets_first)
    app.add_node(NotIndexed, html=(_visit_not_indexed, _depart_not_indexed))
    app.add_post_transform(KeepRunTimesOutOfSearch)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
