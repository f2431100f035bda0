"""Chinese words in the English edition are marked as Chinese: ``<span lang="zh-CN">秒杀</span>``.

The pages say ``lang="en"``, so a screen reader reads 秒杀 with an English voice (or spells out
the code points) and a browser may pick a font made for Japanese, whose forms of some Chinese
characters differ. Each run of Chinese characters in a page's text is wrapped in an element that
says its language; a run with kana in it is Japanese (a source title in the data appendix) and is
marked ``ja``. Text already inside an element with a Chinese or Japanese ``lang`` is left as it is.

Two kinds of node carry a page's text, and both are handled:

- text in the document tree (paragraphs, headings, table cells, link text): a run becomes an
  ``inline`` node with the class ``language-zh-CN``, which docutils' HTML writer turns into
  ``<span lang="zh-CN">`` (it writes a ``language-`` class as the ``lang`` attribute);
- raw HTML (notebook outputs: the tables under a chart, pandas tables), whose text between tags
  is rewritten by :func:`mark_html`.

Left alone: code (literal blocks, inline code, ``<pre>``, ``<code>``), math, comments, the
content of ``<script>`` (a chart's JSON spec), ``<style>``, ``<textarea>``, ``<title>``, ``<option>``
and SVG, and every attribute value (a ``<span>`` cannot go there). The words themselves do not
change, so the search index, built from the same text, is the same. The Chinese edition
(``language: zh_CN``) is left unmarked: its pages say ``lang="zh-CN"`` as a whole.

:func:`mark_doctree` runs twice (it changes nothing the second time): as a transform when a page is
read, so headings carry the mark where the navigation and the page's table of contents copy them,
and as a post-transform before the page is written, for what arrives only then (charts, tables
and values glued from a notebook into a narrative page).
"""

from __future__ import annotations

import re

from docutils import nodes
from sphinx.transforms import SphinxTransform
from sphinx.transforms.post_transforms import SphinxPostTransform

from sitebuild.site_locale import is_chinese

CHINESE = "zh-CN"
JAPANESE = "ja"
LANG_CLASS_PREFIX = "language-"  # docutils' HTML writer writes it as the lang attribute

# Characters that make a run: CJK radicals and ideographs (with extension A and the compatibility
# block), and kana. Bopomofo is included for completeness.
_SCRIPT = (
    "\u2e80-\u2fdf\u3040-\u30ff\u3100-\u312f\u31a0-\u31bf\u31f0-\u31ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
)
# CJK punctuation and full-width forms: part of a run at its edges (《…》, “…”。) and inside it.
_PUNCTUATION = "\u3000-\u303f\ufe30-\ufe4f\uff00-\uffef"
# What may stand between two stretches of characters and still belong to the run: digits, spaces
# and punctuation, as in 2021年11月11日 or 我省8县(市)获评 or “双11”当天.
_JOINER = r"\s\d.,:;!?%()\[\]/+\-–—·“”‘’\"'"
CJK_RUN = re.compile(
    f"[{_PUNCTUATION}]*[{_SCRIPT}](?:[{_SCRIPT}{_PUNCTUATION}{_JOINER}]*[{_SCRIPT}])?[{_PUNCTUATION}]*"
)
KANA = re.compile("[\u3040-\u30ff\u31f0-\u31ff]")

# Elements whose text is not page prose, or where a <span> is not allowed.
SKIPPED_ELEMENTS = frozenset({"script", "style", "pre", "code", "textarea", "title", "option", "svg", "math"})
VOID_ELEMENTS = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)
SKIPPED_NODES = (
    nodes.FixedTextElement,  # literal blocks, doctest blocks, line blocks' raw form
    nodes.literal,
    nodes.math,
    nodes.comment,
    nodes.raw,
    nodes.substitution_definition,
)

_TOKEN = re.compile(
    r"<!--.*?-->"  # comment
    r"|<!\[CDATA\[.*?\]\]>"
    r"|<![^>]*>"  # doctype
    r"|<\?.*?>"
    r"|<(/?)([A-Za-z][A-Za-z0-9:-]*)((?:[^>\"']|\"[^\"]*\"|'[^']*')*)>",
    re.DOTALL,
)
_LANG_ATTRIBUTE = re.compile(r"""(?:^|\s)lang\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+))""", re.IGNORECASE)


def language_of(run: str) -> str:
    """``ja`` for a run with kana in it, else ``zh-CN``."""
    return JAPANESE if KANA.search(run) else CHINESE


def _is_cjk_language(lang: str | None) -> bool:
    return bool(lang) and lang.split("-")[0].lower() in {"zh", "ja"}


# ---------------------------------------------------------------------------------------------
# The document tree


def _node_language(node: nodes.Node) -> str | None:
    for cls in node.get("classes", []) if isinstance(node, nodes.Element) else []:
        if cls.startswith(LANG_CLASS_PREFIX):
            return cls[len(LANG_CLASS_PREFIX) :]
    return None


def _ancestors(node: nodes.Node):
    parent = node.parent
    while parent is not None:
        yield parent
        parent = parent.parent


def _inside_cjk_language(node: nodes.Node) -> bool:
    return any(_is_cjk_language(_node_language(parent)) for parent in _ancestors(node))


def _text_to_mark(text: nodes.Text) -> bool:
    """Prose that is not already marked Chinese or Japanese (code, math, raw HTML are not prose)."""
    return not any(isinstance(parent, SKIPPED_NODES) for parent in _ancestors(text)) and not (
        _inside_cjk_language(text)
    )


def _split(text: nodes.Text) -> list[nodes.Node] | None:
    """The text as plain and marked pieces, or None when it has no run."""
    source = str(text)
    pieces: list[nodes.Node] = []
    end = 0
    for run in CJK_RUN.finditer(source):
        if run.start() > end:
            pieces.append(nodes.Text(source[end : run.start()]))
        language = LANG_CLASS_PREFIX + language_of(run.group())
        pieces.append(nodes.inline(run.group(), run.group(), classes=[language]))
        end = run.end()
    if not pieces:
        return None
    if end < len(source):
        pieces.append(nodes.Text(source[end:]))
    return pieces


def mark_doctree(doctree: nodes.Node) -> None:
    """Wrap each run of Chinese (or Japanese) characters in the tree's text and raw HTML."""
    for text in list(doctree.findall(nodes.Text)):
        if not CJK_RUN.search(text) or not _text_to_mark(text):
            continue
        pieces = _split(text)
        if pieces:
            text.parent.replace(text, pieces)
    for raw in doctree.findall(nodes.raw):
        if "html" not in raw.get("format", "").split() or not CJK_RUN.search(raw.astext()):
            continue
        if _inside_cjk_language(raw):
            continue
        marked = mark_html(raw.astext())
        if marked != raw.astext():
            raw[:] = [nodes.Text(marked)]


# ---------------------------------------------------------------------------------------------
# Raw HTML


def _wrap_runs(text: str) -> str:
    return CJK_RUN.sub(lambda run: f'<span lang="{language_of(run.group())}">{run.group()}</span>', text)


def mark_html(html: str) -> str:
    """The HTML with each run of CJK characters in its text wrapped in ``<span lang=...>``.

    Only text between tags changes. Text inside an element with a Chinese or Japanese ``lang``, or
    inside one of :data:`SKIPPED_ELEMENTS`, is kept as it is, as are tags, attribute values and
    comments. The HTML may be a fragment; an end tag with no open element is passed through.
    """
    if not CJK_RUN.search(html):
        return html
    out: list[str] = []
    # Open elements, each with whether text inside it is left alone.
    stack: list[tuple[str, bool]] = []
    position = 0
    while position < len(html):
        token = _TOKEN.search(html, position)
        text_end = token.start() if token else len(html)
        text = html[position:text_end]
        if text:
            leave = stack and stack[-1][1]
            out.append(text if leave else _wrap_runs(text))
        if token is None:
            break
        out.append(token.group())
        position = token.end()
        closing, name = token.group(1), (token.group(2) or "").lower()
        if not name:
            continue  # comment, doctype, CDATA
        if closing:
            for depth in range(len(stack) - 1, -1, -1):
                if stack[depth][0] == name:
                    del stack[depth:]
                    break
            continue
        if name in VOID_ELEMENTS or token.group(3).rstrip().endswith("/"):
            continue
        inherited = bool(stack) and stack[-1][1]
        lang = _LANG_ATTRIBUTE.search(token.group(3))
        lang_value = next((group for group in lang.groups() if group is not None), None) if lang else None
        stack.append((name, inherited or name in SKIPPED_ELEMENTS or _is_cjk_language(lang_value)))
        if name in {"script", "style", "textarea", "title"}:
            # Raw text: it runs to its end tag whatever it holds (a JSON spec may contain "<b>").
            end = re.compile(f"</{name}\\s*>", re.IGNORECASE).search(html, position)
            stop = end.start() if end else len(html)
            out.append(html[position:stop])
            position = stop
    return "".join(out)


class MarkChineseText(SphinxTransform):
    """When a page is read: headings and text carry the mark wherever Sphinx copies them."""

    # Before Sphinx's doctree-read event (880), where the titles for the navigation are collected.
    default_priority = 870

    def apply(self, **kwargs) -> None:
        if not is_chinese(self.config):  # its pages say lang="zh-CN" themselves
            mark_doctree(self.document)


class MarkChineseOutputs(SphinxPostTransform):
    """Before the page is written: glued values, charts and tables from notebooks, raw HTML."""

    default_priority = 900  # after MyST-NB has put glued outputs in place
    formats = ("html",)

    def run(self, **kwargs) -> None:
        if not is_chinese(self.config):
            mark_doctree(self.document)


def setup(app):
    app.add_transform(MarkChineseText)
    app.add_post_transform(MarkChineseOutputs)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
