"""The pages' self-check questions as a question bank a teacher imports into an LMS quiz.

Written by the build into ``question-bank/`` of the site, from the questions the pages carry
(:mod:`sitebuild.selfcheck` collects them while the pages are read), so a quiz and the page never
disagree:

- ``gift/NN-page.gift.txt``: Moodle's GIFT text format, one file per chapter, and
  ``seckill-gift-all.zip`` with all of them;
- ``qti/NN-page.zip``: an IMS QTI 1.2 content package as Canvas imports it ("QTI .zip file"), one
  per chapter, and ``seckill-qti-all.zip``, one package holding every chapter's quiz.

Zip members carry a fixed date, so two builds of the same questions write the same bytes.
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

from sitebuild.site_locale import _

BANK_DIR = "question-bank"
ALL_GIFT = "seckill-gift-all.zip"
ALL_QTI = "seckill-qti-all.zip"
FIXED_DATE = (2020, 1, 1, 0, 0, 0)
GIFT_SPECIAL = re.compile(r"([~=#{}:\\])")


def slug(docname: str) -> str:
    return docname.rsplit("/", 1)[-1]


def stem_for_lms(question: dict, page_title: str) -> str:
    """The question as an LMS shows it: one that reads a chart says which chart, in which chapter."""
    if question.get("chart"):
        return str(_('{stem} (Read it off the chart in the section "{section}" of {page}.)')).format(
            stem=question["stem"], section=question["section"], page=page_title
        )
    return question["stem"]


# GIFT ------------------------------------------------------------------------------------------


def gift_escape(text: str) -> str:
    return GIFT_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _gift_number(value: float) -> str:
    return repr(float(value))


def gift_question(question: dict, name: str, page_title: str) -> str:
    head = f"::{gift_escape(name)}::{gift_escape(stem_for_lms(question, page_title))}"
    if question["kind"] == "choice":
        lines = [head + " {"]
        for choice in question["choices"]:
            mark = "=" if choice["correct"] else "~"
            lines.append(f"\t{mark}{gift_escape(choice['text'])}#{gift_escape(choice['feedback'])}")
        lines.append("}")
        return "\n".join(lines)
    unit = str(_("(in {unit})")).format(unit=question["unit"]) if question["unit"] else ""
    lines = [head + (" " + gift_escape(unit) if unit else "") + " {#"]
    tolerance = _gift_number(question["tolerance"])
    lines.append(
        f"\t={_gift_number(question['answer'])}:{tolerance}#{gift_escape(question['right_feedback'])}"
    )
    for mistake in question["mistakes"]:
        lines.append(f"\t=%0%{_gift_number(mistake['value'])}:{tolerance}#{gift_escape(mistake['feedback'])}")
    # GIFT has no "any other answer" for numbers: the general feedback, shown after any attempt.
    lines.append(f"\t####{gift_escape(question['wrong_feedback'])}")
    lines.append("}")
    return "\n".join(lines)


def gift_file(docname: str, page: dict) -> str:
    title = page["title"]
    header = str(_("{title}: self-check questions from the book's page {page}")).format(
        title=title, page=slug(docname)
    )
    parts = [f"// {header}", ""]
    # Moodle reads the category line as it stands (no escapes); "/" would start a subcategory.
    category = " ".join(title.replace("/", "-").split())
    book = str(_("Sec-killing the products, or the people"))
    parts.append(f"$CATEGORY: $course$/{book}/{category}")
    parts.append("")
    for number, question in enumerate(page["questions"], start=1):
        parts.append(gift_question(question, question_name(docname, number, question), title))
        parts.append("")
    return "\n".join(parts)


def question_name(docname: str, number: int, question: dict) -> str:
    chapter = slug(docname).split("-", 1)[0]
    return f"{chapter}.{number} {question['section']}".strip()


# QTI 1.2, as Canvas imports it -------------------------------------------------------------------

QTI_NS = "http://www.imsglobal.org/xsd/ims_qtiasiv1p2"
MANIFEST_NS = "http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1"


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attributes: str) -> ET.Element:
    child = ET.SubElement(parent, tag, {k.rstrip("_"): v for k, v in attributes.items()})
    if text is not None:
        child.text = text
    return child


def _material(parent: ET.Element, text: str) -> None:
    _sub(_sub(parent, "material"), "mattext", text, texttype="text/plain")


def _feedback(item: ET.Element, ident: str, text: str) -> None:
    block = _sub(_sub(item, "itemfeedback", ident=ident), "flow_mat")
    _material(block, text)


def _metadata(item: ET.Element, question_type: str) -> None:
    fields = _sub(_sub(item, "itemmetadata"), "qtimetadata")
    for label, entry in (("question_type", question_type), ("points_possible", "1.0")):
        field = _sub(fields, "qtimetadatafield")
        _sub(field, "fieldlabel", label)
        _sub(field, "fieldentry", entry)


def _qti_item(section: ET.Element, ident: str, title: str, question: dict, page_title: str) -> None:
    item = _sub(section, "item", ident=ident, title=title)
    choice = question["kind"] == "choice"
    _metadata(item, "multiple_choice_question" if choice else "numerical_question")
    presentation = _sub(item, "presentation")
    _material(presentation, stem_for_lms(question, page_title))
    processing = _sub(item, "resprocessing")
    _sub(
        _sub(processing, "outcomes"),
        "decvar",
        maxvalue="100",
        minvalue="0",
        varname="SCORE",
        vartype="Decimal",
    )
    if choice:
        response = _sub(presentation, "response_lid", ident="response1", rcardinality="Single")
        render = _sub(response, "render_choice")
        for number, option in enumerate(question["choices"], start=1):
            label = _sub(render, "response_label", ident=f"{ident}-{number}")
            _material(label, option["text"])
        for number in range(1, len(question["choices"]) + 1):
            condition = _sub(processing, "respcondition", continue_="Yes")
            _sub(_sub(condition, "conditionvar"), "varequal", f"{ident}-{number}", respident="response1")
            _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"{ident}-{number}-fb")
        for number, option in enumerate(question["choices"], start=1):
            if option["correct"]:
                condition = _sub(processing, "respcondition", continue_="No")
                _sub(_sub(condition, "conditionvar"), "varequal", f"{ident}-{number}", respident="response1")
                _sub(condition, "setvar", "100", action="Set", varname="SCORE")
        for number, option in enumerate(question["choices"], start=1):
            _feedback(item, f"{ident}-{number}-fb", option["feedback"])
        return
    response = _sub(presentation, "response_str", ident="response1", rcardinality="Single")
    _sub(response, "render_fib", fibtype="Decimal")
    tolerance = question["tolerance"]

    def in_range(condition: ET.Element, value: float) -> None:
        either = _sub(_sub(condition, "conditionvar"), "or")
        _sub(either, "varequal", repr(float(value)), respident="response1")
        both = _sub(either, "and")
        _sub(both, "vargte", repr(float(value - tolerance)), respident="response1")
        _sub(both, "varlte", repr(float(value + tolerance)), respident="response1")

    condition = _sub(processing, "respcondition", continue_="No")
    in_range(condition, question["answer"])
    _sub(condition, "setvar", "100", action="Set", varname="SCORE")
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid="correct_fb")
    for number, mistake in enumerate(question["mistakes"], start=1):
        condition = _sub(processing, "respcondition", continue_="No")
        in_range(condition, mistake["value"])
        _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid=f"mistake{number}_fb")
    condition = _sub(processing, "respcondition", continue_="No")
    _sub(_sub(condition, "conditionvar"), "other")
    _sub(condition, "displayfeedback", feedbacktype="Response", linkrefid="general_incorrect_fb")
    _feedback(item, "correct_fb", question["right_feedback"])
    for number, mistake in enumerate(question["mistakes"], start=1):
        _feedback(item, f"mistake{number}_fb", mistake["feedback"])
    _feedback(item, "general_incorrect_fb", question["wrong_feedback"])


def _xml_bytes(root: ET.Element) -> bytes:
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def qti_assessment(docname: str, page: dict) -> bytes:
    ET.register_namespace("", QTI_NS)
    root = ET.Element("questestinterop", {"xmlns": QTI_NS})
    ident = f"seckill-{slug(docname)}"
    assessment = _sub(root, "assessment", ident=ident, title=page["title"])
    section = _sub(assessment, "section", ident=f"{ident}-section")
    for number, question in enumerate(page["questions"], start=1):
        _qti_item(
            section, f"{ident}-q{number}", question_name(docname, number, question), question, page["title"]
        )
    return _xml_bytes(root)


def qti_manifest(docnames: list[str], pages: dict) -> bytes:
    root = ET.Element("manifest", {"identifier": "seckill-question-bank", "xmlns": MANIFEST_NS})
    _sub(root, "organizations")
    resources = _sub(root, "resources")
    for docname in docnames:
        ident = f"seckill-{slug(docname)}"
        resource = _sub(
            resources, "resource", identifier=ident, type="imsqti_xmlv1p2", href=f"{ident}/{ident}.xml"
        )
        _sub(resource, "file", href=f"{ident}/{ident}.xml")
    return _xml_bytes(root)


def qti_package(docnames: list[str], pages: dict) -> bytes:
    members = {"imsmanifest.xml": qti_manifest(docnames, pages)}
    for docname in docnames:
        ident = f"seckill-{slug(docname)}"
        members[f"{ident}/{ident}.xml"] = qti_assessment(docname, pages[docname])
    return _zip(members)


# Writing ---------------------------------------------------------------------------------------


def _zip(members: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(members):
            info = zipfile.ZipInfo(name, date_time=FIXED_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, members[name])
    return buffer.getvalue()


def write_bank(outdir: Path, pages: dict) -> list[Path]:
    """Write every format into ``outdir/question-bank``; ``pages`` is ``selfcheck.collected(env)``."""
    bank = outdir / BANK_DIR
    (bank / "gift").mkdir(parents=True, exist_ok=True)
    (bank / "qti").mkdir(parents=True, exist_ok=True)
    written = []
    gift_members = {}
    docnames = sorted(pages)
    for docname in docnames:
        text = gift_file(docname, pages[docname]).encode("utf-8")
        name = f"{slug(docname)}.gift.txt"
        gift_members[name] = text
        written.append(_write(bank / "gift" / name, text))
        written.append(_write(bank / "qti" / f"{slug(docname)}.zip", qti_package([docname], pages)))
    written.append(_write(bank / ALL_GIFT, _zip(gift_members)))
    written.append(_write(bank / ALL_QTI, qti_package(docnames, pages)))
    return written


def _write(path: Path, content: bytes) -> Path:
    path.write_bytes(content)
    return path
