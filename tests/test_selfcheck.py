"""The self-check directive's parser and the question-bank writers, without a book build.

A malformed question must stop the build with a message naming the file, the line and the field;
a numeric answer must come from the chapter's numbers, never from the page's text.
"""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
from docutils import nodes

from sitebuild import question_bank
from sitebuild.selfcheck import (
    SelfCheckError,
    _place_numbers_in_units,
    _unnest_unit_brackets,
    chapter_module,
    element,
    parse_question,
    selfcheck_text,
)

ROOT = Path(__file__).resolve().parent.parent
NUMBERS = {"share_pct": 27.6, "old_share_pct": 12.6, "name": "a text"}
CHOICE = [
    "",
    "Which is right?",
    "",
    "- [x] This one.",
    "  : Because it is.",
    "- [ ] That one,",
    "  carried on.",
    "  : Because it",
    "  is not.",
]
NUMERIC = [
    "What share?",
    "",
    "right: Read it off the chart.",
    "mistake old_share_pct: That is the old share.",
    "wrong: Read the last point",
    "  of the line.",
]
NUMERIC_OPTIONS = {"kind": "numeric", "answer-key": "share_pct", "tolerance": "1.5", "unit": "%", "chart": ""}


def parse(options, lines, numbers=NUMBERS):
    return parse_question(options, lines, source="book/01-x.md", line=10, numbers=numbers)


def test_a_choice_question_reads_options_feedback_and_continuations():
    question = parse({"kind": "choice"}, CHOICE)
    assert question.stem == "Which is right?"
    assert [c.correct for c in question.choices] == [True, False]
    assert question.choices[1].text == "That one, carried on."
    assert question.choices[1].feedback == "Because it is not."
    assert question.choices[1].line == 15  # the body starts on line 10


def test_a_numeric_answer_and_its_slips_come_from_the_chapter_numbers():
    question = parse(NUMERIC_OPTIONS, NUMERIC)
    assert question.answer == NUMBERS["share_pct"]
    assert question.tolerance == 1.5 and question.chart and question.unit == "%"
    assert [(m.key, m.value) for m in question.mistakes] == [("old_share_pct", NUMBERS["old_share_pct"])]
    assert question.wrong_feedback == "Read the last point of the line."
    # Another chapter's numbers give another answer: nothing is copied from the page.
    assert parse(NUMERIC_OPTIONS, NUMERIC, {**NUMBERS, "share_pct": 40.0}).answer == 40.0


SCALED_NUMBERS = {"per_day_bn": 1.234, "ordinary_day_bn": 0.482, "ordinary_day_m": 482.0}
SCALED = ["How many a day?", "", "right: Yes.", "mistake ordinary_day_bn: An ordinary day.", "wrong: No."]
SCALED_OPTIONS = {"kind": "numeric", "answer-key": "per_day_bn", "tolerance": "0.02", "digits": "2"}


def test_a_numeric_answer_in_billions_is_asked_in_yi_in_chinese(chinese):
    question = parse(SCALED_OPTIONS, SCALED, SCALED_NUMBERS)
    # 1.234 billion a day is 12.34亿: the answer, tolerance and slip ten times the English, one
    # decimal fewer shown, so the question asks as precisely as the English page does.
    assert question.answer == pytest.approx(12.34)
    assert question.tolerance == 0.2 and question.digits == 1
    assert question.shown_answer() == "12.3"
    assert [(m.key, m.value) for m in question.mistakes] == [("ordinary_day_bn", pytest.approx(4.82))]


def test_a_numeric_answer_in_billions_stays_in_billions_in_english():
    question = parse(SCALED_OPTIONS, SCALED, SCALED_NUMBERS)
    assert (question.answer, question.tolerance, question.digits) == (1.234, 0.02, 2)
    assert question.mistakes[0].value == 0.482


def test_a_slip_in_another_scale_than_the_answer_is_refused():
    lines = [line.replace("ordinary_day_bn", "ordinary_day_m") for line in SCALED]
    with pytest.raises(SelfCheckError, match="mistake.*'ordinary_day_m' is not in the answer's scale"):
        parse(SCALED_OPTIONS, lines, SCALED_NUMBERS)


@pytest.mark.parametrize(
    ("options", "lines", "line", "field", "words"),
    [
        ({"kind": "choice"}, [x.replace("[x]", "[ ]") for x in CHOICE], 10, "option", "exactly one option"),
        ({"kind": "choice"}, CHOICE[:5] + ["- [x] Also right.", "  : Why."], 10, "option", "found 2"),
        (
            {"kind": "choice"},
            CHOICE[:5] + ["* [ ] A malformed option"],
            15,
            "option",
            "expected '- [x] text'",
        ),
        ({"kind": "choice"}, CHOICE[:4] + ["- [ ] No feedback."], 13, "option", "no feedback line"),
        ({"kind": "choice"}, CHOICE[:5], 10, "option", "at least two options"),
        ({"kind": "quiz"}, CHOICE, 10, "kind", "must be one of"),
        ({"kind": "choice"}, ["", "- [x] No question."], 10, "question", "question text is missing"),
        ({**NUMERIC_OPTIONS, "answer-key": "no_such_pct"}, NUMERIC, 10, "answer-key", "no number named"),
        ({**NUMERIC_OPTIONS, "answer-key": "name"}, NUMERIC, 10, "answer-key", "not a finite number"),
        ({k: v for k, v in NUMERIC_OPTIONS.items() if k != "answer-key"}, NUMERIC, 10, "answer-key", "names"),
        ({**NUMERIC_OPTIONS, "tolerance": "about one"}, NUMERIC, 10, "tolerance", "must be a number"),
        ({**NUMERIC_OPTIONS, "tolerance": "-1"}, NUMERIC, 10, "tolerance", ">= 0"),
        ({**NUMERIC_OPTIONS, "digits": "two"}, NUMERIC, 10, "digits", "whole number"),
        (NUMERIC_OPTIONS, NUMERIC[:3] + ["mistake share_pct: The answer itself."], 13, "mistake", "within"),
        (NUMERIC_OPTIONS, NUMERIC[:3] + ["mistake gone_pct: Unknown."], 13, "mistake", "no number named"),
        (NUMERIC_OPTIONS, NUMERIC[:3] + ["right: Twice."], 13, "right", "given twice"),
        (NUMERIC_OPTIONS, NUMERIC[:3], 10, "wrong", "needs a 'wrong: ...'"),
        (NUMERIC_OPTIONS, NUMERIC[:2] + ["- [x] An option"], 12, "feedback", "expected 'right: ...'"),
        ({"kind": "choice", "answer-key": "share_pct"}, CHOICE, 10, "answer-key", "only a numeric"),
    ],
)
def test_a_malformed_question_names_file_line_and_field(options, lines, line, field, words):
    with pytest.raises(SelfCheckError) as raised:
        parse(options, lines)
    message = str(raised.value)
    assert message.startswith(f"book/01-x.md:{line}: self-check field '{field}':"), message
    assert words in message


def test_a_numeric_question_on_a_page_without_chapter_numbers_is_refused():
    with pytest.raises(SelfCheckError, match="no chapter numbers"):
        parse(NUMERIC_OPTIONS, NUMERIC, numbers=None)


def test_pages_map_to_their_chapter_modules():
    assert chapter_module("book/04-gig-economy") == "seckill.chapters.ch04"
    assert chapter_module("book/instructor-guide") is None


def _page():
    choice = parse({"kind": "choice"}, CHOICE).as_dict()
    numeric = parse(NUMERIC_OPTIONS, NUMERIC).as_dict()
    choice["section"], numeric["section"] = "A: section {with} #marks", "Charts"
    return {"title": "1. A chapter", "questions": [choice, numeric]}


def test_gift_escapes_its_special_characters():
    text = question_bank.gift_file("book/01-x", _page())
    assert "::01.1 A\\: section \\{with\\} \\#marks::Which is right? {" in text
    assert "\t=36.0" not in text and "\t=27.6:1.5#Read it off the chart." in text
    assert "\t=%0%12.6:1.5#That is the old share." in text


def test_qti_package_holds_a_manifest_and_one_assessment_per_chapter():
    pages = {"book/01-x": _page(), "book/02-y": _page()}
    archive = zipfile.ZipFile(io.BytesIO(question_bank.qti_package(sorted(pages), pages)))
    names = archive.namelist()
    assert names == ["imsmanifest.xml", "seckill-01-x/seckill-01-x.xml", "seckill-02-y/seckill-02-y.xml"]
    manifest = ET.fromstring(archive.read("imsmanifest.xml"))
    hrefs = [r.get("href") for r in manifest.iter(f"{{{question_bank.MANIFEST_NS}}}resource")]
    assert hrefs == names[1:]
    # The same bytes every time: members carry a fixed date.
    assert question_bank.qti_package(sorted(pages), pages) == question_bank.qti_package(sorted(pages), pages)


# A real Sphinx build of a one-page project with the extension ----------------------------------

PAGE = """# A page

## A section

:::{self-check}
:kind: choice

Which is right?

- [x] This one.
  : Because it is.
%s
:::
"""


def _build_page(tmp_path, page_text: str) -> subprocess.CompletedProcess:
    source = tmp_path / "src"
    source.mkdir()
    (source / "conf.py").write_text(
        "import sys\n"
        f"sys.path.insert(0, {str(ROOT)!r})\n"
        "extensions = ['myst_parser', 'sitebuild.selfcheck']\n"
        "myst_enable_extensions = ['colon_fence']\n",
        encoding="utf-8",
    )
    (source / "index.md").write_text(page_text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-W", str(source), str(tmp_path / "out")],
        capture_output=True,
        text=True,
    )


def test_the_build_writes_a_form_and_the_bank(tmp_path):
    result = _build_page(tmp_path, PAGE % "- [ ] That one.\n  : Because it is not.")
    assert result.returncode == 0, result.stderr
    html = (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    assert '<form class="seckill-selfcheck" id="selfcheck-1" data-kind="choice" novalidate>' in html
    assert 'data-correct="true"' in html and "Because it is not." in html
    assert (tmp_path / "out" / "question-bank" / "gift" / "index.gift.txt").is_file()


def test_a_malformed_option_stops_the_build_naming_file_line_and_field(tmp_path):
    result = _build_page(tmp_path, PAGE % "* [ ] A malformed option")
    assert result.returncode != 0
    assert "index.md:12: self-check field 'option': expected '- [x] text'" in result.stderr, result.stderr
    assert not (tmp_path / "out" / "index.html").exists()


NUMERIC_PAGE = """# A page

:::{self-check}
:kind: numeric
:answer-key: no_such_number
:tolerance: 1
:unit: %

What share?

right: Read it.
wrong: Read again.
:::
"""


def test_an_unknown_answer_key_stops_the_build_naming_file_line_and_field(tmp_path):
    # A page with no chapter behind it has no numbers at all; the message says so, at the body's line.
    result = _build_page(tmp_path, NUMERIC_PAGE)
    assert result.returncode != 0
    assert "index.md:9: self-check field 'answer-key': this page has no chapter numbers" in result.stderr


def _answer_label(unit: str) -> str:
    """The answer field's label for ``unit``, as the page reads once its text is final."""
    label = element("label", nodes.Text("Your answer ("), selfcheck_text(unit, unit), nodes.Text(")"))
    label["seckill_unit_label"] = "Your answer"
    page = nodes.section()
    page += label
    _unnest_unit_brackets(None, page)
    return "".join(child.astext() for child in label.children)


def test_a_unit_with_brackets_of_its_own_is_not_put_in_brackets_again():
    assert _answer_label("% of the price") == "Your answer (% of the price)"
    assert _answer_label("%") == "Your answer (%)"
    assert _answer_label("%（占价格）") == "Your answer: %（占价格）"
    assert _answer_label("% (of the price)") == "Your answer: % (of the price)"


def _number_with_unit(number: str, unit: str) -> str:
    """An answer's number with its unit as the page reads once the unit's translation is in."""
    strong = element("strong", nodes.Text(f"{number} "), selfcheck_text(unit, unit), nodes.Text(""))
    strong["seckill_number"] = number
    page = nodes.section()
    page += strong
    _place_numbers_in_units(None, page)
    return "".join(child.astext() for child in strong.children)


def test_a_number_goes_where_a_worded_units_percent_sign_is():
    # The unit as Chinese words a share: the share's words first, then the number with its "%".
    assert _number_with_unit("12", "占价格的%") == "占价格的12%"
    assert _number_with_unit("0.03", "占社会消费品零售总额的%") == "占社会消费品零售总额的0.03%"
    # A unit that starts with "%", or has none, follows the number as written.
    assert _number_with_unit("12", "% of the price") == "12 % of the price"
    assert _number_with_unit("35.2", "%/年") == "35.2 %/年"
    assert _number_with_unit("7", "分钟") == "7 分钟"
