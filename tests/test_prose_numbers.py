"""Every number in the book's prose is glued from a chapter's numbers or carries a citation.

The scanner reads each page of ``book/`` as a reader sees its text and reports every numeral that
is neither glued (``{glue:text}``), nor in a paragraph with a ``{cite:p}``/``{cite:t}`` citation,
nor one of the kinds that need no source: a year (1900–2100), the number of a chapter, link,
section, list item, exercise or question, or part of a name or unit (CO2, 11.11, 618, Web 2.0).
Left out of the scan: front matter, code cells and code blocks, a directive's options, maths,
inline code, link targets, and the contents of roles (glue, cite, term, ref, doc). The pages
write formulas in plain text, not as $maths$, because MathJax would load from another host; a
numeral next to an operator is taken as a formula's constant.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

BOOK = Path(__file__).resolve().parent.parent / "book"
# The instructor guide is a teaching plan: its numbers are session timings, word counts and
# rubric points the book sets itself, not statements about the subject. The page on running the
# notebooks locally is a set of instructions: its numbers are download sizes and versions.
NOT_NARRATIVE = {"instructor-guide.md", "run-locally.md"}
PAGES = sorted(page for page in BOOK.glob("*.md") if page.name not in NOT_NARRATIVE)

# Fenced blocks whose body is not prose: code, maths, raw output, the table of contents.
NOT_PROSE = {"code-cell", "code", "code-block", "math", "raw", "toctree", "bibliography", "glue:figure"}
FENCE = re.compile(r"^(?P<fence>`{3,}|:{3,})\s*(?:\{(?P<name>[^}]*)\})?")
OPTION = re.compile(r"^:[\w-]+:")
ROLE = re.compile(r"\{[\w:-]+\}`[^`]*`")
INLINE_CODE = re.compile(r"`[^`]*`")
MATH = re.compile(r"\$\$.*?\$\$|\$[^$\n]+\$")
LINK_TARGET = re.compile(r"\]\([^)]*\)|<https?://[^>]*>|https?://\S+")
SUPERSCRIPT = re.compile(r"\d*<sup>.*?</sup>")  # 10<sup>9</sup>, (…)<sup>1/n</sup>: maths
HTML = re.compile(r"<!--.*?-->|<[^>]+>")
CITED = re.compile(r"\{cite:[pt]\}`")
NUMERAL = re.compile(r"(?<![\w.])\d+(?:[.,]\d+)*")

# Numbers that name things rather than state a quantity: units, events, versions, hotlines, the
# 1.5 °C target and its budgets' odds, percentile groups ("the top 1 %"), the days of a date.
MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
NAMES = re.compile(
    r"CO2e?|CO₂e?|PM2\.5|11\.11|\b618\b|Web 2\.0|Double 11|1\.5 °C|2 °C|World3|pyworld3|rule of 70"
    r"|\bG20\b|\b[345]G\b|\bQ[1-4]\b|\bH[12]\b|Python 3(?:\.\d+)?|\b12315\b|24-hour"
    r"|\bCC BY(?:-[A-Z]+)* \d\.\d\b|\bPWT \d+\.\d+|\b[Vv]ersion \d+(?:\.\d+)*"
    r"|\b\d+ % (?:chance|budget)|\b(?:top|bottom|poorest|richest) \d+ %"
    rf"|\b\d{{1,2}}(?:\s*(?:–|-|to|and)\s*\d{{1,2}})?\s+{MONTH}|{MONTH}\s+\d{{1,2}}\b"
)
# A numeral next to an operator is a constant of a formula written in the text, "(1 + g)".
OPERATORS = "+−-×÷/=√≈()·^<>"
# "Chapter 4", "Chapters 2 and 4", "links 1–8", "Exercise 3", "question 2", "step 1".
REFERENCE = re.compile(
    r"\b(?:chapters?|links?|sections?|parts?|exercises?|questions?|steps?|tables?|figures?|appendix|"
    r"items?|lines?|rows?|columns?|cells?)\s+\d+(?:\s*(?:[–,-]|and|or|to)\s*\d+)*",
    re.IGNORECASE,
)
# A numbered item starts a line, a heading or a table's first cell ("| **2.** The streamer is").
LIST_ITEM = re.compile(r"^\s*(?:\|\s*)?(?:(?:\*\*)?\d+[.)](?:\*\*)?\s|#+\s+\d+(?:\.\d+)*\.?\s)")
TIME_TO_LEARN = re.compile(r"\*\*Time to learn:\*\*")


def _is_year(text: str) -> bool:
    return re.fullmatch(r"\d{4}", text) is not None and 1900 <= int(text) <= 2100


def _in_formula(text: str, match: re.Match) -> bool:
    """True if the nearest character on either side (spaces and * italics aside) is an operator,
    or the numeral follows ln or exp."""
    before = text[: match.start()].rstrip(" *")
    after = text[match.end() :].lstrip(" *")
    if before.endswith(("ln", "exp", "Φ")):
        return True
    return bool(before and before[-1] in OPERATORS) or bool(after and after[0] in OPERATORS + "Φ")


def _prose_lines(text: str) -> list[tuple[int, str]]:
    """(line number, text) for the lines a reader reads as prose; other lines become blank."""
    lines = text.split("\n")
    out: list[tuple[int, str]] = []
    skipping_to: str | None = None  # the closing fence of a non-prose block
    in_front_matter = bool(lines) and lines[0].strip() == "---"
    directive_options = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if in_front_matter:
            if number > 1 and stripped == "---":
                in_front_matter = False
            out.append((number, ""))
            continue
        if skipping_to is not None:
            if stripped == skipping_to:
                skipping_to = None
            out.append((number, ""))
            continue
        fence = FENCE.match(stripped)
        if fence:
            name = (fence.group("name") or "").strip()
            if stripped == fence.group("fence"):  # a closing fence
                out.append((number, ""))
                continue
            if not name or name in NOT_PROSE:
                skipping_to = fence.group("fence")
                out.append((number, ""))
                continue
            # A prose directive (exercise, solution, admonition...): its title is prose.
            directive_options = True
            out.append((number, stripped[fence.end() :]))
            continue
        if directive_options and OPTION.match(stripped):
            out.append((number, ""))
            continue
        directive_options = False
        if stripped.startswith("(") and stripped.endswith(")=") or stripped.startswith("+++"):
            out.append((number, ""))  # a label or a cell break
            continue
        out.append((number, line))
    return out


def _paragraphs(lines: list[tuple[int, str]]) -> list[list[tuple[int, str]]]:
    paragraphs, current = [], []
    for number, line in lines:
        if line.strip():
            current.append((number, line))
        elif current:
            paragraphs.append(current)
            current = []
    if current:
        paragraphs.append(current)
    return paragraphs


def unsourced_numerals(text: str) -> list[tuple[int, str, str]]:
    """(line, numeral, the line's text) for each numeral in ``text`` that is not glued or cited."""
    found = []
    for paragraph in _paragraphs(_prose_lines(text)):
        joined = " ".join(line for _, line in paragraph)
        if CITED.search(MATH.sub(" ", joined)):
            continue
        for number, line in paragraph:
            if TIME_TO_LEARN.search(line):
                continue  # the page's own reading time, not a claim about the world
            plain = line
            for pattern in (ROLE, INLINE_CODE, MATH, LINK_TARGET, SUPERSCRIPT, HTML, NAMES, REFERENCE):
                plain = pattern.sub(" ", plain)
            plain = LIST_ITEM.sub(" ", plain)
            for match in NUMERAL.finditer(plain):
                numeral = match.group(0)
                if _is_year(numeral) or _in_formula(plain, match):
                    continue
                found.append((number, numeral, line.strip()))
    return found


def test_the_scanner_finds_a_bare_number_and_passes_glued_cited_and_named_ones():
    page = "\n".join(
        [
            "---",
            "jupytext: {version: 1}",
            "---",
            "# 3. A chapter",
            "",
            "Sales rose 41 % in 2020, as Chapter 4 shows for links 1–8.",
            "",
            "Sales rose {glue:text}`rise_pct:.0f` % on 11.11 and CO2 fell; see [2021](https://x.org/9).",
            "",
            "A study found 57 % {cite:p}`someone2020`.",
            "",
            "```{code-cell} ipython3",
            "x = 12345",
            "```",
            "",
            "```{exercise} Try 2 things",
            ":label: ex-99",
            "",
            "1. Hosts work 8 hours, `f(7)` and $3 x$.",
            "```",
        ]
    )
    found = unsourced_numerals(page)
    assert [(line, numeral) for line, numeral, _ in found] == [(6, "41"), (16, "2"), (19, "8")]


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_every_number_in_the_prose_is_glued_or_cited(page):
    found = unsourced_numerals(page.read_text(encoding="utf-8"))
    report = "\n".join(f"book/{page.name}:{line}: {numeral!r} in: {text}" for line, numeral, text in found)
    assert not found, f"numbers neither glued nor cited:\n{report}"
