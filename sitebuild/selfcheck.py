"""Self-check questions on the pages, and the question bank teachers import into an LMS.

A page asks a question with the ``self-check`` directive::

    :::{self-check}
    :kind: choice

    What did the 2020 Singles' Day figure count that the 2019 one did not?

    - [x] Eleven days of sales instead of one.
      : Right: from 2020 Alibaba counted sales from 1 to 11 November.
    - [ ] Sales of companies Alibaba had invested in.
      : That change came earlier, in 2015.
    :::

or, for a number (``:chart:`` marks a question read off the chart above it)::

    :::{self-check}
    :kind: numeric
    :answer-key: growth_2020_2021_pct
    :tolerance: 0.5
    :unit: %

    By how many per cent did the sales grow from 2020 to 2021?

    right: Yes: ...
    mistake growth_2019_2020_pct: That is the jump from 2019, when the window grew.
    wrong: Divide the 2021 figure by the 2020 one ...
    :::

A numeric answer is never typed: ``:answer-key:`` (and each ``mistake`` key) names a number of
the page's chapter, ``seckill.chapters.chNN.chapter_numbers()``, the same numbers the page's text
quotes, resolved when the book is built. A number named in an English scale (``sd_2023_per_day_bn``)
is asked in the reader's scale (:func:`seckill.i18n.reader_unit`): the Chinese edition asks in 亿
what the English asks in billions, with the answer, tolerance, slips and digits converted alike (a
slip in another scale than the answer stops the build). Anything else (no right option, an unknown key, a
malformed line) stops the build with :class:`SelfCheckError`, naming the file, line and field.

On the page a question is a plain HTML form: a fieldset whose legend is the question, radio
buttons or a text field with labels, a live region where ``sitebuild/web/seckill.js`` writes
whether an answer is right and why, and a ``<details>`` with the answer and every option's
explanation, so that without JavaScript the question still reads and can be checked.

The same questions, as collected from the pages, are written into the site as a question bank
(``question-bank/``, :mod:`sitebuild.question_bank`): GIFT for Moodle and IMS QTI 1.2 for Canvas,
per chapter and zipped together, so a quiz and the page never disagree.
"""

from __future__ import annotations

import functools
import importlib
import math
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.errors import SphinxError
from sphinx.util.docutils import SphinxDirective

from seckill import i18n
from sitebuild.site_locale import _

KINDS = ("choice", "numeric")
OPTION_LINE = re.compile(r"^- \[(?P<mark>[ xX])\]\s+(?P<text>\S.*)$")
FEEDBACK_LINE = re.compile(r"^\s+:\s+(?P<text>\S.*)$")
CONTINUATION = re.compile(r"^\s+(?P<text>\S.*)$")
NUMERIC_LINE = re.compile(r"^(?P<what>right|wrong|mistake\s+(?P<key>[A-Za-z_]\w*))\s*:\s*(?P<text>\S.*)$")
CHAPTER_PAGE = re.compile(r"(?:^|/)(?P<number>\d\d)-[^/]*$")


class SelfCheckError(SphinxError):
    category = "A self-check question is malformed; the book was not built"


@dataclass
class Choice:
    text: str
    correct: bool
    feedback: str
    line: int


@dataclass
class Mistake:
    key: str
    value: float
    feedback: str
    line: int


@dataclass
class Question:
    """One question as its page states it, in plain text (the page shows the same text with markup).

    For a numeric question ``answer`` is the value of ``answer_key`` in the chapter's numbers and
    any answer within ``tolerance`` of it is right; ``digits`` is how many decimals it is shown with.
    """

    kind: str
    stem: str
    source: str
    line: int
    chart: bool = False
    choices: list[Choice] = field(default_factory=list)
    answer_key: str = ""
    answer: float = math.nan
    tolerance: float = math.nan
    digits: int = 1
    unit: str = ""
    right_feedback: str = ""
    wrong_feedback: str = ""
    mistakes: list[Mistake] = field(default_factory=list)

    def shown_answer(self) -> str:
        return format_number(self.answer, self.digits)

    def as_dict(self) -> dict:
        return asdict(self)


def format_number(value: float, digits: int) -> str:
    return f"{value:,.{digits}f}"


def _fail(source: str, line: int, field_name: str, message: str) -> SelfCheckError:
    return SelfCheckError(f"{source}:{line}: self-check field '{field_name}': {message}")


def chapter_module(docname: str) -> str | None:
    """The chapter module whose numbers a page quotes (book/04-gig-economy -> seckill.chapters.ch04)."""
    match = CHAPTER_PAGE.search(docname)
    return f"seckill.chapters.ch{match.group('number')}" if match else None


@functools.cache
def chapter_numbers(module_name: str) -> dict:
    module = importlib.import_module(module_name)
    return dict(module.chapter_numbers())


def _number_named(key: str, numbers: dict | None, source: str, line: int, field_name: str) -> float:
    if numbers is None:
        raise _fail(source, line, field_name, "this page has no chapter numbers to take the answer from")
    if key not in numbers:
        raise _fail(source, line, field_name, f"no number named {key!r} in the chapter's chapter_numbers()")
    value = numbers[key]
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not math.isfinite(value):
        raise _fail(source, line, field_name, f"{key!r} is not a finite number: {value!r}")
    return float(value)


def _english_scale(name: str) -> str:
    """The scale a number's name ends in ("bn" for ``parcels_bn``, "mt" for ``waste_mt``), or ""."""
    suffix = name.rpartition("_")[2]
    return suffix if suffix in {**i18n.ENGLISH_SCALES, **i18n.ENGLISH_TONNE_SCALES} else ""


def _is_answer_line(text: str) -> bool:
    return bool(OPTION_LINE.match(text) or NUMERIC_LINE.match(text))


def parse_question(
    options: dict[str, str],
    lines: list[str],
    *,
    source: str,
    line: int,
    numbers: dict | None,
) -> Question:
    """Read one question from its directive options and body lines (``line`` is the body's first).

    ``numbers`` maps the page's number names to values (``None`` on a page with no chapter).
    Raises :class:`SelfCheckError` naming ``source``, the line and the field for anything malformed.
    """
    kind = options.get("kind", "").strip()
    if kind not in KINDS:
        raise _fail(source, line, "kind", f"must be one of {', '.join(KINDS)}; got {kind!r}")
    stem_lines: list[str] = []
    index = 0
    while index < len(lines) and not lines[index].strip():
        index += 1
    while index < len(lines) and lines[index].strip() and not _is_answer_line(lines[index]):
        stem_lines.append(lines[index].strip())
        index += 1
    if not stem_lines:
        raise _fail(source, line, "question", "the question text is missing (the body's first paragraph)")
    question = Question(
        kind=kind, stem=" ".join(stem_lines), source=source, line=line, chart="chart" in options
    )
    answer_lines = [(line + offset, text) for offset, text in enumerate(lines) if offset >= index]
    if kind == "choice":
        for name in ("answer-key", "tolerance", "unit", "digits"):
            if name in options:
                raise _fail(source, line, name, "only a numeric question takes this option")
        _parse_choices(question, answer_lines)
    else:
        _parse_numeric(question, options, answer_lines, numbers)
    return question


def _parse_choices(question: Question, answer_lines: list[tuple[int, str]]) -> None:
    source = question.source
    current: Choice | None = None
    in_feedback = False
    for number, text in answer_lines:
        if not text.strip():
            continue
        option = OPTION_LINE.match(text)
        feedback = FEEDBACK_LINE.match(text)
        continued = CONTINUATION.match(text)
        if option:
            current = Choice(option.group("text").strip(), option.group("mark") != " ", "", number)
            question.choices.append(current)
            in_feedback = False
        elif current is not None and feedback:
            if current.feedback:
                raise _fail(source, number, "option", "an option has one feedback line (': ...'), not two")
            current.feedback = feedback.group("text").strip()
            in_feedback = True
        elif current is not None and continued:
            if in_feedback:
                current.feedback += " " + continued.group("text").strip()
            else:
                current.text += " " + continued.group("text").strip()
        else:
            raise _fail(
                source, number, "option", f"expected '- [x] text' or '- [ ] text'; got {text.strip()!r}"
            )
    if len(question.choices) < 2:
        raise _fail(source, question.line, "option", "a choice question needs at least two options")
    for choice in question.choices:
        if not choice.feedback:
            raise _fail(
                source, choice.line, "option", f"option {choice.text!r} has no feedback line (': why')"
            )
    if sum(choice.correct for choice in question.choices) != 1:
        found = sum(choice.correct for choice in question.choices)
        raise _fail(source, question.line, "option", f"exactly one option must be marked [x]; found {found}")


def _parse_numeric(
    question: Question, options: dict[str, str], answer_lines: list[tuple[int, str]], numbers: dict | None
) -> None:
    source, line = question.source, question.line
    key = options.get("answer-key", "").strip()
    if not key:
        raise _fail(
            source, line, "answer-key", "a numeric question names its answer in the chapter's numbers"
        )
    question.answer_key = key
    question.answer = _number_named(key, numbers, source, line, "answer-key")
    # A number named in an English scale is asked in the reader's (seckill.i18n.reader_unit): the
    # Chinese edition asks for sd_2023_per_day_bn in 亿 (×10), as its text writes parcels, so the
    # answer, the tolerance, the slips and the digits shown are converted alike.
    unit = i18n.reader_unit(key)
    question.answer = unit.value(question.answer)
    try:
        question.tolerance = float(options.get("tolerance", ""))
    except ValueError:
        raise _fail(
            source, line, "tolerance", f"must be a number; got {options.get('tolerance', '')!r}"
        ) from None
    if not math.isfinite(question.tolerance) or question.tolerance < 0:
        raise _fail(source, line, "tolerance", f"must be a finite number >= 0; got {question.tolerance}")
    # Rounded: 0.02 × 10 is 0.2, not 0.20000000000000004.
    question.tolerance = round(unit.value(question.tolerance), 12)
    digits = options.get("digits", "1").strip()
    if not digits.isdigit() or int(digits) > 6:
        raise _fail(source, line, "digits", f"must be a whole number from 0 to 6; got {digits!r}")
    question.digits = unit.decimals(int(digits))
    question.unit = options.get("unit", "").strip()
    last: str | None = None
    for number, text in answer_lines:
        if not text.strip():
            continue
        match = NUMERIC_LINE.match(text)
        continued = CONTINUATION.match(text)
        if match:
            what, body = match.group("what"), match.group("text").strip()
            if what == "right" and not question.right_feedback:
                question.right_feedback, last = body, "right"
            elif what == "wrong" and not question.wrong_feedback:
                question.wrong_feedback, last = body, "wrong"
            elif what.startswith("mistake"):
                mistake_key = match.group("key")
                if _english_scale(mistake_key) != _english_scale(key):
                    raise _fail(
                        source,
                        number,
                        "mistake",
                        f"{mistake_key!r} is not in the answer's scale ({key!r}): name both in the same unit",
                    )
                value = unit.value(_number_named(mistake_key, numbers, source, number, "mistake"))
                if abs(value - question.answer) <= question.tolerance:
                    raise _fail(
                        source, number, "mistake", f"{mistake_key!r} is within the tolerance of the answer"
                    )
                question.mistakes.append(Mistake(mistake_key, value, body, number))
                last = "mistake"
            else:
                raise _fail(source, number, what, "given twice")
        elif continued and last is not None:
            extra = " " + continued.group("text").strip()
            if last == "right":
                question.right_feedback += extra
            elif last == "wrong":
                question.wrong_feedback += extra
            else:
                question.mistakes[-1].feedback += extra
        else:
            raise _fail(
                source,
                number,
                "feedback",
                f"expected 'right: ...', 'wrong: ...' or 'mistake KEY: ...'; got {text.strip()!r}",
            )
    for name, value in (("right", question.right_feedback), ("wrong", question.wrong_feedback)):
        if not value:
            raise _fail(source, line, name, f"a numeric question needs a '{name}: ...' feedback line")


# Docutils nodes: an HTML element with attributes, whose children are ordinary inline nodes ------


class selfcheck_element(nodes.Element):  # noqa: N801 (docutils names nodes in lower case)
    """An HTML element (``tag``, ``attributes``) around parsed text; other builders show the text."""


class selfcheck_text(nodes.TextElement):  # noqa: N801
    """A text of a question as its page writes it (the stem, an option, a feedback, the unit).

    Its ``rawsource`` is the page's MyST text, so the gettext builder extracts it into the page's
    catalogue and Sphinx's i18n transform (``Locale``, when the page is read) replaces its children
    with the parsed translation, as it does for a paragraph. It renders as its children only.
    ``selfcheck_field`` says which text of the question it is (``stem``, ``choices.0.text``), so
    the question bank takes the text in the edition's language (:func:`_collect`).
    """


def _visit_html(self, node: selfcheck_element) -> None:
    attributes = "".join(
        f' {name}="{self.attval(str(value))}"' if value is not True else f" {name}"
        for name, value in node["attributes"]
    )
    self.body.append(f"<{node['tag']}{attributes}>")


def _depart_html(self, node: selfcheck_element) -> None:
    if node["tag"] not in ("input",):
        self.body.append(f"</{node['tag']}>")


def _pass(self, node) -> None:
    pass


def element(tag: str, *children: nodes.Node, **attributes: object) -> selfcheck_element:
    ordered = [
        (name.rstrip("_").replace("_", "-"), value) for name, value in attributes.items() if value is not None
    ]
    node = selfcheck_element(tag=tag, attributes=ordered)
    node.extend(children)
    return node


class SelfCheckDirective(SphinxDirective):
    has_content = True
    option_spec = {
        "kind": directives.unchanged_required,
        "answer-key": directives.unchanged_required,
        "tolerance": directives.unchanged_required,
        "digits": directives.unchanged_required,
        "unit": directives.unchanged,
        "chart": directives.flag,
    }

    def run(self) -> list[nodes.Node]:
        source, _line = self.get_source_info()
        source = _relative_source(source, self.env.srcdir)
        module = chapter_module(self.env.docname)
        numbers = None
        if module is not None:
            try:
                numbers = chapter_numbers(module)
            except ModuleNotFoundError:
                numbers = None
        options = {name: ("" if value is None else str(value)) for name, value in self.options.items()}
        first_body_line = self._first_body_line()
        question = parse_question(
            options, list(self.content), source=source, line=first_body_line, numbers=numbers
        )
        counter = self.env.temp_data.setdefault("seckill_selfcheck_count", 0) + 1
        self.env.temp_data["seckill_selfcheck_count"] = counter
        return [self._render(question, f"selfcheck-{counter}")]

    def _first_body_line(self) -> int:
        """The file's line number of the body's first line, for error messages.

        Docutils gives ``content_offset`` as the 0-based line of the body in the file; MyST gives it
        relative to the directive's first line (the fence is ``lineno``, the body starts after the
        fence and the options).
        """
        from myst_parser.mocking import MockState

        if isinstance(self.state, MockState):
            return self.lineno + 1 + self.content_offset
        return self.content_offset + 1

    def _inline(self, text: str) -> list[nodes.Node]:
        parsed, messages = self.state.inline_text(text, self.lineno)
        return parsed + messages

    def _text(self, text: str, field_name: str) -> selfcheck_text:
        """A translatable text of the question (see :class:`selfcheck_text`)."""
        node = selfcheck_text(text, "", *self._inline(text), selfcheck_field=field_name)
        self.set_source_info(node)
        return node

    def _with_unit(
        self, before: str, question: Question, template: str = "{before} {unit}"
    ) -> list[nodes.Node]:
        """``before`` followed by the question's unit, in the edition's words and order."""
        if not question.unit:
            return [nodes.Text(before)]
        start, _unit, end = str(template).partition("{unit}")
        return [nodes.Text(start.format(before=before)), self._text(question.unit, "unit"), nodes.Text(end)]

    def _number_with_unit(self, number: str, question: Question) -> selfcheck_element:
        """A number of the answer with the question's unit, in bold (see _place_numbers_in_units)."""
        strong = element("strong", *self._with_unit(number, question))
        strong["seckill_number"] = number
        return strong

    def _plain(self, text: str) -> str:
        """The text as a reader reads it (glued numbers filled in, roles as their text), for an LMS."""
        return " ".join("".join(node.astext() for node in self._inline(text)).split())

    def _plain_question(self, question: Question) -> dict:
        plain = question.as_dict()
        for name in ("stem", "right_feedback", "wrong_feedback"):
            plain[name] = self._plain(plain[name]) if plain[name] else ""
        for entry in plain["choices"] + plain["mistakes"]:
            for name in ("text", "feedback"):
                if name in entry:
                    entry[name] = self._plain(entry[name])
        return plain

    def _render(self, question: Question, ident: str) -> nodes.Node:
        legend = element(
            "legend",
            element("span", nodes.Text(_("Check yourself")), class_="seckill-selfcheck-label"),
            nodes.Text(" "),
            self._text(question.stem, "stem"),
        )
        body: list[nodes.Node] = [legend]
        if question.chart:
            body.append(
                element(
                    "p",
                    nodes.Text(_("Read the answer off the chart above.")),
                    class_="seckill-selfcheck-hint",
                )
            )
        explanations: list[nodes.Node] = []
        if question.kind == "choice":
            for number, choice in enumerate(question.choices, start=1):
                option_id = f"{ident}-option-{number}"
                where = f"choices.{number - 1}"
                body.append(
                    element(
                        "div",
                        element("input", type="radio", name=ident, id=option_id, value=str(number)),
                        element("label", self._text(choice.text, f"{where}.text"), for_=option_id),
                        class_="seckill-selfcheck-option",
                    )
                )
                verdict = _("(Right.)") if choice.correct else _("(Not right.)")
                explanations.append(
                    element(
                        "li",
                        element("strong", self._text(choice.text, f"{where}.text")),
                        nodes.Text(f" {verdict} "),
                        element(
                            "span",
                            self._text(choice.feedback, f"{where}.feedback"),
                            class_="seckill-selfcheck-why",
                        ),
                        data_option=str(number),
                        data_correct="true" if choice.correct else "false",
                    )
                )
        else:
            field_id = f"{ident}-answer"
            label = element(
                "label", *self._with_unit(_("Your answer"), question, _("{before} ({unit})")), for_=field_id
            )
            label["seckill_unit_label"] = str(_("Your answer"))  # see _unnest_unit_brackets
            body.append(
                element(
                    "div",
                    label,
                    element(
                        "input",
                        type="text",
                        inputmode="decimal",
                        autocomplete="off",
                        id=field_id,
                        name=ident,
                        data_answer=repr(question.answer),
                        data_tolerance=repr(question.tolerance),
                    ),
                    class_="seckill-selfcheck-number",
                )
            )
            spread = format_number(question.tolerance, max(question.digits, _decimals(question.tolerance)))
            explanations.append(
                element(
                    "li",
                    self._number_with_unit(question.shown_answer(), question),
                    nodes.Text(
                        " " + str(_("(anything within {spread} of it is right.)")).format(spread=spread) + " "
                    ),
                    element(
                        "span",
                        self._text(question.right_feedback, "right_feedback"),
                        class_="seckill-selfcheck-why",
                    ),
                    data_outcome="right",
                )
            )
            for index, mistake in enumerate(question.mistakes):
                slip = format_number(mistake.value, question.digits)
                explanations.append(
                    element(
                        "li",
                        self._number_with_unit(slip, question),
                        nodes.Text(" " + str(_("(a likely slip.)")) + " "),
                        element(
                            "span",
                            self._text(mistake.feedback, f"mistakes.{index}.feedback"),
                            class_="seckill-selfcheck-why",
                        ),
                        data_outcome="mistake",
                        data_value=repr(mistake.value),
                    )
                )
            explanations.append(
                element(
                    "li",
                    element("strong", nodes.Text(_("Another answer"))),
                    nodes.Text(" "),
                    element(
                        "span",
                        self._text(question.wrong_feedback, "wrong_feedback"),
                        class_="seckill-selfcheck-why",
                    ),
                    data_outcome="wrong",
                )
            )
        # The button is hidden until the page script runs: without it there is nothing to check
        # with, and the answer below still reads.
        body.append(
            element(
                "button", nodes.Text(_("Check")), type="submit", class_="seckill-selfcheck-check", hidden=True
            )
        )
        body.append(element("p", class_="seckill-selfcheck-result", role="status", aria_live="polite"))
        fieldset = element("fieldset", *body)
        answer = element(
            "details",
            element("summary", nodes.Text(_("Answer and why"))),
            element("ul", *explanations),
            class_="seckill-selfcheck-answer",
        )
        form = element(
            "form",
            fieldset,
            answer,
            class_="seckill-selfcheck",
            id=ident,
            data_kind=question.kind,
            novalidate=True,
        )
        container = nodes.container("", form, classes=["seckill-selfcheck-block"])
        container["seckill_question"] = self._plain_question(question)
        self.set_source_info(container)
        return container


def _decimals(value: float) -> int:
    text = f"{value:.6f}".rstrip("0")
    return len(text.split(".")[1]) if "." in text else 0


def _relative_source(source: str, srcdir: str) -> str:
    try:
        return str(Path(source).resolve().relative_to(Path(srcdir).resolve()))
    except ValueError:
        return source


# Collecting the questions for the question bank ------------------------------------------------

ENV_KEY = "seckill_selfchecks"


OPENING_BRACKETS = "(（"


def _unnest_unit_brackets(app, doctree) -> None:
    """ "Your answer (unit)", unless the unit, as this edition words it, has brackets of its own
    ("%（占价格）"): then "Your answer: unit", never brackets inside brackets. The unit's words are
    known only once the page's translation has replaced them, hence after the page is read."""
    for label in doctree.findall(selfcheck_element):
        before = label.get("seckill_unit_label")
        units = [child for child in label.children if isinstance(child, selfcheck_text)]
        if before is None or not units or not any(c in units[0].astext() for c in OPENING_BRACKETS):
            continue
        start, _unit, end = str(_("{before}: {unit}")).partition("{unit}")
        label.children = [nodes.Text(start.format(before=before)), units[0], nodes.Text(end)]
        for child in label.children:
            child.parent = label


def _place_numbers_in_units(app, doctree) -> None:
    """A number in the answer, shown with a unit that this edition words as a share with words
    before its "%" ("占价格的%", the price's %), goes where the "%" is: 占价格的12%, never
    "12 占价格的%". A unit that starts with "%" or has none ("% of the price", "%/年", "分钟")
    follows the number as written. Known only once the page's translation is in, as for the label."""
    for strong in doctree.findall(selfcheck_element):
        number = strong.get("seckill_number")
        units = [child for child in strong.children if isinstance(child, selfcheck_text)]
        if number is None or not units:
            continue
        words, percent, after = units[0].astext().partition("%")
        if not percent or not words.strip():
            continue
        # The label keeps the unit's own node, from which the question bank takes the unit.
        strong.children = [nodes.Text(f"{words}{number}%{after}")]
        strong.children[0].parent = strong


def _collect(app, doctree) -> None:
    """Keep the page's questions, in page order, with the page's and section's titles."""
    env = app.env
    found = []
    for node in doctree.findall(nodes.container):
        question = node.get("seckill_question")
        if question is None:
            continue
        # The main section (under the page's title) the question closes, not a subsection of it.
        section, ancestor = None, node.parent
        while ancestor is not None:
            if isinstance(ancestor, nodes.section) and isinstance(ancestor.parent, nodes.section):
                section = ancestor
            ancestor = ancestor.parent
        title = section.next_node(nodes.title).astext() if section is not None else ""
        # The texts as this edition's page shows them (translated by Sphinx's i18n transform).
        for text in node.findall(selfcheck_text):
            _set_field(question, text["selfcheck_field"], " ".join(text.astext().split()))
        found.append({**question, "section": title})
        del node["seckill_question"]
    store = getattr(env, ENV_KEY, None)
    if store is None:
        store = {}
        setattr(env, ENV_KEY, store)
    if found:
        page_title = doctree.next_node(nodes.title)
        store[env.docname] = {"title": page_title.astext() if page_title else env.docname, "questions": found}
    else:
        store.pop(env.docname, None)


def _set_field(question: dict, path: str, value: str) -> None:
    """Set ``question["choices"][0]["text"]`` for the path ``choices.0.text``."""
    *parents, last = path.split(".")
    target = question
    for part in parents:
        target = target[int(part)] if isinstance(target, list) else target[part]
    target[last] = value


def _purge(app, env, docname) -> None:
    getattr(env, ENV_KEY, {}).pop(docname, None)


def _merge(app, env, docnames, other) -> None:
    store = getattr(env, ENV_KEY, None)
    if store is None:
        store = {}
        setattr(env, ENV_KEY, store)
    for docname in docnames:
        if docname in getattr(other, ENV_KEY, {}):
            store[docname] = getattr(other, ENV_KEY)[docname]


def collected(env) -> dict:
    """{docname: {"title": ..., "questions": [...]}} for every page with questions."""
    return dict(sorted(getattr(env, ENV_KEY, {}).items()))


def setup(app):
    app.add_node(
        selfcheck_element,
        html=(_visit_html, _depart_html),
        latex=(_pass, _pass),
        text=(_pass, _pass),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
    app.add_node(
        selfcheck_text,
        html=(_pass, _pass),
        latex=(_pass, _pass),
        text=(_pass, _pass),
        man=(_pass, _pass),
        texinfo=(_pass, _pass),
    )
    app.add_directive("self-check", SelfCheckDirective)
    app.connect("doctree-read", _unnest_unit_brackets)
    app.connect("doctree-read", _place_numbers_in_units)
    app.connect("doctree-read", _collect)
    app.connect("env-purge-doc", _purge)
    app.connect("env-merge-info", _merge)
    _setup_downloads(app)
    return {"parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}


# The list of downloads in the instructor guide ---------------------------------------------------


class question_bank_list(nodes.General, nodes.Element):  # noqa: N801
    """Where the downloads go; filled in once every page has been read (see :func:`_fill_downloads`)."""


class QuestionBankDirective(SphinxDirective):
    """``{question-bank}``: a table of each chapter's question-bank files and the two zips."""

    has_content = False

    def run(self) -> list[nodes.Node]:
        return [question_bank_list()]


def _fill_downloads(app, doctree, docname) -> None:
    from sitebuild import question_bank

    places = list(doctree.findall(question_bank_list))
    if not places:
        return
    up = "../" * docname.count("/")
    base = f"{up}{question_bank.BANK_DIR}/"

    def link(target: str, text: str) -> nodes.Node:
        return nodes.reference("", text, refuri=base + target, internal=False)

    for place in places:
        table = nodes.table(classes=["seckill-question-bank"])
        group = nodes.tgroup(cols=4)
        table += group
        for _column in range(4):
            group += nodes.colspec(colwidth=1)
        head = nodes.thead()
        group += head
        row = nodes.row()
        for text in (_("Chapter"), _("Questions"), "Moodle (GIFT)", "Canvas (QTI 1.2)"):
            row += nodes.entry("", nodes.paragraph(text=str(text)))
        head += row
        body = nodes.tbody()
        group += body
        for page_name, page in collected(app.env).items():
            slug = question_bank.slug(page_name)
            row = nodes.row()
            row += nodes.entry("", nodes.paragraph(text=page["title"]))
            row += nodes.entry("", nodes.paragraph(text=str(len(page["questions"]))))
            row += nodes.entry("", nodes.paragraph("", "", link(f"gift/{slug}.gift.txt", f"{slug}.gift.txt")))
            row += nodes.entry("", nodes.paragraph("", "", link(f"qti/{slug}.zip", f"{slug}.zip")))
            body += row
        # One message for the sentence, the two links in the places the language puts them.
        sentence = str(
            _(
                "All chapters at once: {gift} (GIFT files, Moodle) and {qti} "
                "(one QTI package with a quiz per chapter, Canvas)."
            )
        )
        every = nodes.paragraph()
        for part in re.split(r"(\{gift\}|\{qti\})", sentence):
            if part == "{gift}":
                every += link(question_bank.ALL_GIFT, question_bank.ALL_GIFT)
            elif part == "{qti}":
                every += link(question_bank.ALL_QTI, question_bank.ALL_QTI)
            elif part:
                every += nodes.Text(part)
        place.replace_self([table, every])


def _write_bank(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    from sitebuild import question_bank

    question_bank.write_bank(Path(app.outdir), collected(app.env))


def _setup_downloads(app) -> None:
    app.add_node(question_bank_list)
    app.add_directive("question-bank", QuestionBankDirective)
    app.connect("doctree-resolved", _fill_downloads)
    app.connect("build-finished", _write_bank)
