"""The self-check questions on every chapter page, in Chromium with every other host blocked, and
the question bank the build writes from them.

On each chapter page every question is answered by keyboard, wrongly and then rightly (and with
each likely slip a numeric question names), and the live region must then hold the verdict and
the explanation the page gives for that answer; the page has no console errors and no axe
violations afterwards. The page's GIFT file, parsed back with gift-pegjs (the GIFT parser on npm,
vendored in tests/vendor/gift-pegjs, MIT), and its QTI package, read back as XML, must hold the
same questions, options, answers, tolerances and feedback as the page.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from sitebuild import question_bank
from tests.site_check import add_script, axe_violations, open_page

pytestmark = [pytest.mark.build, pytest.mark.browser]

ROOT = Path(__file__).resolve().parent.parent
CHAPTERS = sorted(path.stem for path in (ROOT / "book").glob("0[1-9]-*.md"))
GIFT_PARSER = ROOT / "tests" / "vendor" / "gift-pegjs" / "gift-parser-globals.js"
QTI = f"{{{question_bank.QTI_NS}}}"

# What each form on the page says, read from its HTML as a reader's browser has it.
READ_FORMS = """() => [...document.querySelectorAll('form.seckill-selfcheck')].map(form => {
    const text = el => el ? el.textContent.replace(/\\s+/g, ' ').trim() : '';
    const why = item => text(item.querySelector('.seckill-selfcheck-why'));
    const legend = form.querySelector('legend').cloneNode(true);
    legend.querySelector('.seckill-selfcheck-label').remove();
    const items = [...form.querySelectorAll('.seckill-selfcheck-answer li')];
    const field = form.querySelector('input[data-answer]');
    return {
        id: form.id, kind: form.dataset.kind, stem: text(legend),
        options: [...form.querySelectorAll('.seckill-selfcheck-option label')].map(text),
        correct: items.filter(i => i.dataset.option).map(i => i.dataset.correct === 'true'),
        feedback: items.filter(i => i.dataset.option).map(why),
        answer: field ? parseFloat(field.dataset.answer) : null,
        tolerance: field ? parseFloat(field.dataset.tolerance) : null,
        right: items.filter(i => i.dataset.outcome === 'right').map(why)[0] || null,
        wrong: items.filter(i => i.dataset.outcome === 'wrong').map(why)[0] || null,
        mistakes: items.filter(i => i.dataset.outcome === 'mistake')
                       .map(i => ({value: parseFloat(i.dataset.value), feedback: why(i)})),
    };
})"""


def _result(page, form_id: str) -> str:
    return " ".join(page.locator(f"#{form_id} .seckill-selfcheck-result").inner_text().split())


def _choose_by_keyboard(page, form: dict, option: int) -> str:
    """Select option ``option`` (1-based) with Space and the arrow keys, Tab to Check, press Enter."""
    page.locator(f"#{form['id']}-option-1").focus()
    page.keyboard.press("Space")
    for _ in range(option - 1):
        page.keyboard.press("ArrowDown")
    assert page.locator(f"#{form['id']}-option-{option}").is_checked()
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "seckill-selfcheck-check"
    page.keyboard.press("Enter")
    return _result(page, form["id"])


def _type_by_keyboard(page, form: dict, value: str) -> str:
    field = page.locator(f"#{form['id']}-answer")
    field.focus()
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(value)
    page.keyboard.press("Enter")  # submits the form, as in any text field with a submit button
    return _result(page, form["id"])


def _check_answers(page, form: dict) -> None:
    if form["kind"] == "choice":
        for number, (right, why) in enumerate(zip(form["correct"], form["feedback"], strict=True), start=1):
            said = _choose_by_keyboard(page, form, number)
            assert said == f"{'Right.' if right else 'Not quite.'} {why}", (form["id"], number, said)
        return
    answer, tolerance = form["answer"], form["tolerance"]
    shown = f"{answer:.{max(1, len(str(tolerance).split('.')[-1]))}f}"
    assert _type_by_keyboard(page, form, shown) == f"Right. {form['right']}", form["id"]
    for mistake in form["mistakes"]:
        said = _type_by_keyboard(page, form, f"{mistake['value']:.3f}")
        assert said == f"Not quite. {mistake['feedback']}", (form["id"], said)
    far = answer + 10 * tolerance + 1000
    assert _type_by_keyboard(page, form, f"{far:.2f}") == f"Not quite. {form['wrong']}", form["id"]
    assert _type_by_keyboard(page, form, "lots").startswith("Type a number"), form["id"]


def _same_text(bank: str, page: str) -> bool:
    return " ".join(bank.split()) == page


def _check_gift(questions: list[dict], forms: list[dict]) -> None:
    assert questions[0]["type"] == "Category"
    questions = questions[1:]
    assert len(questions) == len(forms)
    for question, form in zip(questions, forms, strict=True):
        assert question["stem"]["text"].startswith(form["stem"]), (question["stem"], form["stem"])
        if form["kind"] == "choice":
            assert question["type"] == "MC"
            assert [c["text"]["text"] for c in question["choices"]] == form["options"]
            assert [c["isCorrect"] for c in question["choices"]] == form["correct"]
            assert [c["feedback"]["text"] for c in question["choices"]] == form["feedback"]
            continue
        assert question["type"] == "Numerical"
        right, *slips = question["choices"]
        assert (right["text"]["number"], right["text"]["range"]) == (form["answer"], form["tolerance"])
        assert right["isCorrect"] and right["weight"] is None and right["feedback"]["text"] == form["right"]
        assert [(s["text"]["number"], s["weight"], s["feedback"]["text"]) for s in slips] == [
            (m["value"], 0, m["feedback"]) for m in form["mistakes"]
        ]
        assert question["globalFeedback"]["text"] == form["wrong"]


def _texts(element) -> list[str]:
    return [" ".join((m.text or "").split()) for m in element.iter(f"{QTI}mattext")]


def _check_qti(package: bytes, forms: list[dict]) -> None:
    archive = zipfile.ZipFile(io.BytesIO(package))
    assessment_name = [name for name in archive.namelist() if name != "imsmanifest.xml"]
    assert len(assessment_name) == 1
    root = ET.fromstring(archive.read(assessment_name[0]))
    items = list(root.iter(f"{QTI}item"))
    assert len(items) == len(forms)
    for item, form in zip(items, forms, strict=True):
        kind = [e.text for e in item.iter(f"{QTI}fieldentry")][0]
        presentation = item.find(f"{QTI}presentation")
        assert _texts(presentation)[0].startswith(form["stem"])
        feedback = {f.get("ident"): _texts(f)[0] for f in item.findall(f"{QTI}itemfeedback")}
        if form["kind"] == "choice":
            assert kind == "multiple_choice_question"
            assert _texts(presentation)[1:] == form["options"]
            scored = [c for c in item.iter(f"{QTI}respcondition") if c.find(f"{QTI}setvar") is not None]
            right = [c.find(f".//{QTI}varequal").text for c in scored]
            labels = [label.get("ident") for label in presentation.iter(f"{QTI}response_label")]
            assert [label in right for label in labels] == form["correct"]
            assert [feedback[f"{label}-fb"] for label in labels] == form["feedback"]
            continue
        assert kind == "numerical_question"
        conditions = list(item.iter(f"{QTI}respcondition"))
        low, high = (float(conditions[0].find(f".//{QTI}{tag}").text) for tag in ("vargte", "varlte"))
        assert low == pytest.approx(form["answer"] - form["tolerance"])
        assert high == pytest.approx(form["answer"] + form["tolerance"])
        assert feedback["correct_fb"] == form["right"] and feedback["general_incorrect_fb"] == form["wrong"]
        assert [feedback[f"mistake{n}_fb"] for n in range(1, len(form["mistakes"]) + 1)] == [
            m["feedback"] for m in form["mistakes"]
        ]


@pytest.mark.parametrize("chapter", CHAPTERS)
def test_self_checks_answer_by_keyboard_and_match_the_question_bank(browser, built_site, site_url, chapter):
    context, page, problems = open_page(browser, site_url, f"book/{chapter}.html")
    try:
        forms = page.evaluate(READ_FORMS)
        assert len(forms) >= 2, f"{chapter} has {len(forms)} self-check questions"
        for form in forms:
            assert page.locator(f"#{form['id']} .seckill-selfcheck-check").is_visible()
            _check_answers(page, form)
        assert not problems["console"] and not problems["exceptions"] and not problems["csp"], problems
        assert not problems["external"], problems["external"]
        violations = axe_violations(page)
        assert not violations, [(v["id"], [n["target"] for n in v["nodes"]]) for v in violations]

        bank = built_site / question_bank.BANK_DIR
        add_script(page, "gift-parser-for-the-test.js", GIFT_PARSER.read_text(encoding="utf-8"))
        gift = (bank / "gift" / f"{chapter}.gift.txt").read_text(encoding="utf-8")
        _check_gift(page.evaluate("text => giftParser.parse(text)", gift), forms)
        _check_qti((bank / "qti" / f"{chapter}.zip").read_bytes(), forms)
    finally:
        context.close()


def test_without_javascript_a_question_still_reads_and_keeps_its_answer(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{site_url}/book/{CHAPTERS[0]}.html")
        form = page.locator("form.seckill-selfcheck").first
        assert not form.locator(".seckill-selfcheck-check").is_visible()  # nothing to press
        form.locator("summary").click()
        assert re.search(r"\(Right\.\)", form.locator(".seckill-selfcheck-answer").inner_text())
    finally:
        context.close()


def test_the_bank_zips_hold_every_chapter(built_site):
    bank = built_site / question_bank.BANK_DIR
    gift = zipfile.ZipFile(bank / question_bank.ALL_GIFT)
    assert gift.namelist() == [f"{chapter}.gift.txt" for chapter in CHAPTERS]
    for chapter in CHAPTERS:
        assert gift.read(f"{chapter}.gift.txt") == (bank / "gift" / f"{chapter}.gift.txt").read_bytes()
    qti = zipfile.ZipFile(bank / question_bank.ALL_QTI)
    assert sorted(qti.namelist()) == sorted(
        ["imsmanifest.xml"] + [f"seckill-{chapter}/seckill-{chapter}.xml" for chapter in CHAPTERS]
    )
    guide = (built_site / "book" / "instructor-guide.html").read_text(encoding="utf-8")
    for target in [question_bank.ALL_GIFT, question_bank.ALL_QTI] + [f"gift/{c}.gift.txt" for c in CHAPTERS]:
        assert f'href="../{question_bank.BANK_DIR}/{target}"' in guide, target
