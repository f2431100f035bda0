"""The student edition: the same book with every exercise and no solution.

Its build is the session fixture ``student_site`` (tests/conftest.py).
"""

import re
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.build


def test_student_config_differs_from_the_main_one_only_where_intended():
    main = yaml.safe_load((ROOT / "_config.yml").read_text())
    student = yaml.safe_load((ROOT / "_config.student.yml").read_text())
    assert student["sphinx"]["config"].pop("hide_solutions") is True
    assert student.pop("title").endswith("(student edition)")
    main.pop("title")
    assert student == main


def _chapter_pages(site: Path):
    return sorted((site / "book").glob("[0-9][0-9]-*.html"))


def test_student_edition_has_every_exercise_and_no_solution(student_site, built_site):
    pages = _chapter_pages(built_site)
    assert pages
    for page in pages:
        teacher = page.read_text(encoding="utf-8")
        student = (student_site / "book" / page.name).read_text(encoding="utf-8")
        exercises = teacher.count('class="exercise admonition"')
        assert exercises >= 3, page.name
        assert student.count('class="exercise admonition"') == exercises, page.name
        assert teacher.count('class="solution') >= exercises, page.name
        assert 'class="solution' not in student and "Solution to" not in student, page.name


def test_student_edition_keeps_the_notebooks_exercises_and_drops_their_solutions(student_site, built_site):
    pages = sorted((built_site / "notebooks").glob("[0-9][0-9]-*.html"))
    assert len(pages) == 8
    for page in pages:
        teacher = page.read_text(encoding="utf-8")
        student = (student_site / "notebooks" / page.name).read_text(encoding="utf-8")
        exercises = teacher.count('class="exercise admonition"')
        assert exercises >= 3, page.name
        assert student.count('class="exercise admonition"') == exercises, page.name
        assert teacher.count('class="solution') == exercises, page.name
        assert 'class="solution' not in student and "Solution to" not in student, page.name
        # Built with the placeholders, every check says so rather than failing the build.
        assert student.count("Not answered yet") == exercises, page.name


def test_student_editions_downloads_carry_no_solution(student_site, built_site):
    sources = sorted((built_site / "_sources").rglob("[0-9][0-9]-*.*"))
    assert any(path.suffix == ".ipynb" for path in sources)
    for path in sources:
        relative = path.relative_to(built_site)
        assert "{solution}" in path.read_text(encoding="utf-8"), relative  # the full edition keeps them
        assert "{solution}" not in (student_site / relative).read_text(encoding="utf-8"), relative


def test_the_guides_answer_notes_are_in_the_full_edition_only(student_site, built_site):
    from tests.test_instructor_guide import CHAPTER_PAGES, discussion_questions

    n_questions = sum(len(discussion_questions(page)) for page in CHAPTER_PAGES)
    guide = Path("book") / "instructor-guide.html"
    teacher = (built_site / guide).read_text(encoding="utf-8")
    student = (student_site / guide).read_text(encoding="utf-8")
    note = re.compile(r'class="[^"]*\banswer-note\b[^"]*"')
    assert len(note.findall(teacher)) == n_questions
    assert "answer-note" not in student
    # The rest of the guide is in both editions.
    assert "Chapter 3 lesson plan" in student
    source = Path("_sources") / "book" / "instructor-guide.md"
    assert "{only} full_edition" in (built_site / source).read_text(encoding="utf-8")
    assert "full_edition" not in (student_site / source).read_text(encoding="utf-8")


def test_student_edition_keeps_the_self_checks_and_the_question_bank(student_site, built_site):
    # Self-checks are feedback for the student, not solutions: both editions carry the same ones.
    for page in _chapter_pages(built_site):
        teacher = page.read_text(encoding="utf-8")
        student = (student_site / "book" / page.name).read_text(encoding="utf-8")
        forms = re.findall(r'<form class="seckill-selfcheck".*?</form>', teacher, re.DOTALL)
        assert len(forms) >= 3, page.name
        assert re.findall(r'<form class="seckill-selfcheck".*?</form>', student, re.DOTALL) == forms, (
            page.name
        )
    bank = sorted(path.relative_to(built_site) for path in (built_site / "question-bank").rglob("*.*"))
    assert bank
    for name in bank:
        assert (student_site / name).read_bytes() == (built_site / name).read_bytes(), name
