"""Two builds of the same commit publish the same bytes, apart from the files listed here.

The build test compares a clean build of a fresh copy of the book (the ``clean_copy_site`` fixture)
with the suite's main build (``_build/html``, the ``built_site`` fixture): byte for byte, every
file either build publishes (pages, scripts, styles, fonts, data, search index, notebook
downloads). In CI the main build is a clean build too; on a working copy it is incremental, so the
test also shows that an incremental build publishes what a clean one does. What keeps the bytes
equal: sitebuild/reproducible.py.
"""

from __future__ import annotations

import filecmp
import re
from pathlib import Path
from unittest import mock

import nbformat
import pytest
from myst_nb.core import render as myst_nb_render

from sitebuild import editions, reproducible

ROOT = Path(__file__).resolve().parent.parent

# The one list of published files that may differ between two builds of the same commit, and why.
# The README's "Build and test" section points here.
ALLOWED_DIFFERENCES = {
    "book/status.html": "the build status table says when each page last ran and how long it took",
}

# A pandas Styler names its table's HTML ids after a random uuid unless given one.
STYLER_WITHOUT_ID = re.compile(r"\.style\.(?!set_uuid\()")
STYLER_ID = re.compile(r"\.style\.set_uuid\(\\?[\"']([^\"'\\]+)")
CODE = [
    *sorted((ROOT / "book").glob("*.md")),
    *sorted((ROOT / "notebooks").glob("*.ipynb")),
    *sorted((ROOT / "seckill").rglob("*.py")),
]


def _files(site: Path) -> set[str]:
    # The student edition is another build, copied in as student/ by `./dev.sh editions` (after
    # the tests in CI; a working copy may hold one from an earlier `./dev.sh build`).
    return {
        path.relative_to(site).as_posix()
        for path in site.rglob("*")
        if path.is_file() and not path.relative_to(site).as_posix().startswith(f"{editions.STUDENT_DIR}/")
    }


def _differences(first: Path, second: Path) -> list[str]:
    found = []
    first_files, second_files = _files(first), _files(second)
    found += [f"only in {first}: {name}" for name in sorted(first_files - second_files)]
    found += [f"only in {second}: {name}" for name in sorted(second_files - first_files)]
    for name in sorted(first_files & second_files):
        if not filecmp.cmp(first / name, second / name, shallow=False) and name not in ALLOWED_DIFFERENCES:
            found.append(f"differs: {name}")
    return found


def test_every_styled_table_has_a_fixed_id_unique_on_its_page():
    offenders, repeated = [], []
    for path in CODE:
        text = path.read_text(encoding="utf-8")
        offenders += [f"{path.relative_to(ROOT)}: {m.group(0)}" for m in STYLER_WITHOUT_ID.finditer(text)]
        names = STYLER_ID.findall(text)
        repeated += [f"{path.relative_to(ROOT)}: {name}" for name in set(names) if names.count(name) > 1]
    assert not offenders, "call .style.set_uuid(...) first:\n" + "\n".join(offenders)
    assert not repeated, "\n".join(repeated)


def _stream(text: str, name: str = "stdout") -> nbformat.NotebookNode:
    return nbformat.v4.new_output("stream", name=name, text=text)


# print("a"); print("b") writes "a", "\n", "b", "\n"; the kernel sends them in as many messages as
# its buffer happened to flush. Every split must give the page the same text.
@pytest.mark.parametrize(
    "chunks",
    [
        ["a\nb\n"],
        ["a", "\nb\n"],
        ["a\n", "b", "\n"],
        ["a", "\n", "b", "\n"],
        ["label:", " 3", "\n", "b\n"],
    ],
)
def test_a_cells_printed_text_does_not_depend_on_how_the_kernel_split_it(chunks):
    written = "".join(chunks)
    outputs = [_stream(chunk) for chunk in chunks] + [_stream("warning\n", name="stderr")]
    merged = reproducible._merge_streams_after_joining(outputs)
    assert [output["text"] for output in merged] == [written.rstrip() + "\n", "warning\n"]
    # and the build uses it: the extension's setup puts it in front of MyST-NB's merge
    reproducible.setup(mock.Mock())
    assert myst_nb_render.coalesce_streams is reproducible._merge_streams_after_joining


def test_myst_nb_alone_would_add_a_blank_line_where_a_message_ends_before_its_newline():
    """The case the joining step exists for: MyST-NB's merge strips each message and ends it."""
    original = reproducible._merge_streams_after_joining.__defaults__[0]
    assert original([_stream("a"), _stream("\nb\n")])[0]["text"] == "a\n\nb\n"


def test_a_narrative_pages_notebook_gets_cell_ids_from_its_text():
    def notebook():
        return nbformat.v4.new_notebook(
            cells=[
                nbformat.v4.new_markdown_cell("# A page"),
                nbformat.v4.new_code_cell("x = 1"),
                nbformat.v4.new_code_cell("x = 1"),
            ]
        )

    first, second = notebook(), notebook()
    assert [c.id for c in first.cells] != [c.id for c in second.cells]  # nbformat's random ids
    reproducible.cell_ids_from_text(first)
    reproducible.cell_ids_from_text(second)
    ids = [c.id for c in first.cells]
    assert ids == [c.id for c in second.cells]
    assert len(set(ids)) == 3 and ids[2] == f"{ids[1]}-2"
    nbformat.validate(first)


def test_the_comparison_sees_a_changed_byte(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    for site in (first, second):
        (site / "book").mkdir(parents=True)
        (site / "book" / "status.html").write_text(f"run in {site.name}", encoding="utf-8")
        (site / "index.html").write_text("same", encoding="utf-8")
    assert _differences(first, second) == []
    (second / "index.html").write_text("samE", encoding="utf-8")
    (second / "extra.js").write_text("", encoding="utf-8")
    assert _differences(first, second) == [f"only in {second}: extra.js", "differs: index.html"]


@pytest.mark.build
def test_a_clean_build_publishes_the_same_bytes_as_the_main_build(built_site, clean_copy_site):
    # clean_copy_site: a fresh copy of the book (tests/book_copy.py), built with warnings as errors
    # in the background while the session's first tests run (tests/conftest.py).
    differences = _differences(clean_copy_site, built_site)
    assert not differences, (
        "two builds of the same files differ (a file only in the main build may be left over from "
        "an earlier build: remove _build/html and build again):\n" + "\n".join(differences)
    )
