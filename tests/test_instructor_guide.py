"""The instructor guide has an answer note for every discussion question, for teachers only.

Each chapter page ends with numbered "Discussion questions"; the guide answers each one in an
admonition titled "Chapter N, question Q: ..." inside an ``{only} full_edition`` block, which the
student edition leaves out (``sitebuild.sphinxext`` tags the edition). A question added to a page
without a note, a note for a question that no longer exists, or a note outside such a block fails
here. The built editions are checked in ``tests/test_student_edition.py``.
"""

from __future__ import annotations

import re
from pathlib import Path
from types import SimpleNamespace

import pytest

from tests.test_prose_numbers import unsourced_numerals

BOOK = Path(__file__).resolve().parent.parent / "book"
GUIDE = BOOK / "instructor-guide.md"
CHAPTER_PAGES = sorted(BOOK.glob("[0-9][0-9]-*.md"))

NOTE_TITLE = re.compile(r"^(`{3,}|:{3,})\{admonition\} Chapter (\d+), question (\d+): \S")
ONLY_FULL = re.compile(r"^(`{3,}|:{3,})\{only\}\s*full_edition\s*$")
QUESTION = re.compile(r"^(\d+)\. \S")


def discussion_questions(page: Path) -> list[tuple[int, int]]:
    """(chapter, question) for each numbered item of the page's "Discussion questions" section."""
    chapter = int(page.name[:2])
    found, inside = [], False
    for line in page.read_text(encoding="utf-8").splitlines():
        if line.startswith("## "):
            inside = line.strip() == "## Discussion questions"
            continue
        match = QUESTION.match(line) if inside else None
        if match:
            found.append((chapter, int(match.group(1))))
    return found


def answer_notes(text: str) -> list[tuple[int, int, bool, str]]:
    """(chapter, question, inside a full_edition block, the note's text) for each answer note."""
    notes = []
    only_closing: str | None = None
    note: dict | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if note is not None:
            if stripped == note["closing"]:
                notes.append((note["chapter"], note["question"], note["hidden"], "\n".join(note["lines"])))
                note = None
            else:
                note["lines"].append(line)
            continue
        if only_closing is not None and stripped == only_closing:
            only_closing = None
            continue
        opened = ONLY_FULL.match(stripped)
        if opened:
            only_closing = opened.group(1)
            continue
        title = NOTE_TITLE.match(stripped)
        if title:
            note = {
                "closing": title.group(1),
                "chapter": int(title.group(2)),
                "question": int(title.group(3)),
                "hidden": only_closing is not None,
                "lines": [stripped],
            }
    assert note is None, "an answer note is never closed"
    return notes


def test_the_chapter_pages_have_discussion_questions():
    assert len(CHAPTER_PAGES) == 9
    for page in CHAPTER_PAGES:
        questions = [q for _, q in discussion_questions(page)]
        assert len(questions) >= 3, page.name
        assert questions == list(range(1, len(questions) + 1)), page.name


def test_every_discussion_question_has_exactly_one_answer_note():
    asked = [key for page in CHAPTER_PAGES for key in discussion_questions(page)]
    notes = answer_notes(GUIDE.read_text(encoding="utf-8"))
    noted = [(chapter, question) for chapter, question, _, _ in notes]
    missing = sorted(set(asked) - set(noted))
    extra = sorted(set(noted) - set(asked))
    twice = sorted({key for key in noted if noted.count(key) > 1})
    assert not missing, f"discussion questions without an answer note in the guide: {missing}"
    assert not extra, f"answer notes for questions no page asks: {extra}"
    assert not twice, f"questions with more than one answer note: {twice}"


def test_every_answer_note_is_for_the_full_edition_only():
    shown = [(c, q) for c, q, hidden, _ in answer_notes(GUIDE.read_text(encoding="utf-8")) if not hidden]
    assert not shown, f"answer notes outside an {{only}} full_edition block: {shown}"


def test_answer_notes_type_no_number_the_book_computes():
    # The guide's timings are not scanned (tests/test_prose_numbers.py), but its answer notes speak
    # of the subject, so they follow the pages' rule: point to the page's figure, never retype it.
    found = []
    for chapter, question, _, text in answer_notes(GUIDE.read_text(encoding="utf-8")):
        body = "\n".join(text.splitlines()[1:])  # the title names the chapter and question
        found += [(chapter, question, numeral, line) for _, numeral, line in unsourced_numerals(body)]
    assert not found, "numbers neither glued nor cited in answer notes:\n" + "\n".join(map(str, found))


def test_the_parsers_count_what_they_should():
    # A guard against parsers that find nothing and so pass everything above.
    text = "\n".join(
        [
            "````{only} full_edition",
            "```{admonition} Chapter 2, question 1: One",
            ":class: answer-note",
            "",
            "Hidden note, 42 units.",
            "```",
            "````",
            "",
            "```{admonition} Chapter 2, question 2: Two",
            "Shown note.",
            "```",
        ]
    )
    notes = answer_notes(text)
    assert [(c, q, hidden) for c, q, hidden, _ in notes] == [(2, 1, True), (2, 2, False)]
    assert [numeral for _, numeral, _ in unsourced_numerals(notes[0][3])] == ["42"]


EDITIONS = [(True, "student_edition"), (False, "full_edition"), (None, "full_edition")]


@pytest.mark.parametrize(("hide_solutions", "tag"), EDITIONS)
def test_the_build_is_tagged_with_its_edition(hide_solutions, tag):
    from sitebuild import sphinxext  # imported here: the other tests need no Sphinx

    tags: set[str] = set()
    app = SimpleNamespace(tags=SimpleNamespace(add=tags.add))
    config = SimpleNamespace() if hide_solutions is None else SimpleNamespace(hide_solutions=hide_solutions)
    sphinxext._tag_edition(app, config)
    assert tags == {tag}
