"""Two small stylesheets per page instead of ten large ones: the theme's rules the site can use,
those the first paint needs apart.

Registered by :mod:`sitebuild.sphinxext`. Every page of the stock theme links ten stylesheets in its
``<head>`` (pydata-sphinx-theme with Bootstrap and Font Awesome inside, Sphinx's ``basic.css``
behind an ``@import``, the book theme, Pygments, MyST-NB, sphinx-design, the toggle and copy
buttons, sphinx-exercise, the book's own): 95 kB gzipped, of which Lighthouse found 91 % of the
largest unused. A browser draws nothing until every one has arrived, so on a slow phone
connection they held the first paint back by over a second.

After each HTML build, :func:`bundle_stylesheets` replaces each page's stylesheet links with one
link to a stylesheet that holds, in the same order (so the cascade is unchanged), only the rules
whose class and id names occur somewhere in the built site: in a page or in a script in
``_static/`` that may add the class at run time. Every word of a page's tags and of a script
counts as a possible name, so a rule is dropped only when nothing could ever match it. Relative
``url()`` references are rewritten for the bundle's folder, custom properties nothing reads are
dropped and a small font is written in (:func:`whole_bundle`). A theme page links only the
rules it can need before its scripts run, and loads the rest after its first paint
(:func:`split_for_first_paint`). Each bundle is named by its content (``first-paint.<hash>.css``,
``after-paint.<hash>.css``, ``site.<hash>.css`` for the whole), so a browser never keeps a stale
copy, and it is made from the original
stylesheets every build, which Sphinx copies afresh: a page left from an earlier build (an
incremental build does not rewrite it) finds its sources in a comment at the top of the bundle it
links to. The original files stay in ``_static/`` untouched (the icon-font subsetter reads one of
them); no page links them.
"""

from __future__ import annotations

import base64
import hashlib
import os
import posixpath
import re
from pathlib import Path

import tinycss2

BUNDLE_DIR = "_static/styles"
BUNDLE_NAME = re.compile(r"^_static/styles/(?:site|first-paint|after-paint)\.[0-9a-f]{12}\.css$")
# Where a theme page keeps what it loads after its first paint (book/_templates/layout.html).
AFTER_PAINT_TEMPLATE = '<template id="seckill-after-paint">'
_AFTER_PAINT_LINK = re.compile(r'\n<link rel="stylesheet" href="[^"]*" />(?=\n)')
SOURCES_COMMENT = re.compile(r"^/\* sources: (.*?) \*/\n")

_HEAD = re.compile(r"<head>.*?</head>", re.DOTALL)
_STYLESHEET_LINK = re.compile(r'[ \t]*<link\b[^>]*\brel="stylesheet"[^>]*>\n?')
_HREF = re.compile(r'\bhref="([^"]*)"')
# A stylesheet for one medium only (media="print") keeps its own link: merged, it would apply on screen.
_MEDIA = re.compile(r'\bmedia="(?!all")[^"]*"')
_WORD = re.compile(r"[A-Za-z0-9_-]+")
_TAG = re.compile(r"<[^>]*>")

# Inside :not(), :is(), :where(), :has() a name does not have to exist for the rule to match.
_FUNCTIONAL_PSEUDO = re.compile(r":[a-z-]+\((?:[^()]|\([^()]*\))*\)")
_ATTRIBUTE = re.compile(r"\[[^\]]*\]")
_NAMES = re.compile(r"[.#](-?[_a-zA-Z][_a-zA-Z0-9-]*)")
# At-rules whose body is a list of rules, each filtered in turn; any other at-rule is kept whole.
_GROUPING_AT_RULES = {"media", "supports", "container", "layer", "document"}


class StylesheetError(Exception):
    """A page links a stylesheet that is not in the built site, or one that cannot be read."""


# --- which rules the site can use -------------------------------------------------------------


def _site_texts(outdir: Path) -> tuple[list[str], list[str]]:
    """(the tags of every page, every script) in the built site."""
    tags, scripts = [], []
    for path in sorted(outdir.rglob("*")):
        if not path.is_file():
            continue
        if path.suffix == ".html":
            # Names sit in a page's tags; its text (the build status page's run times, say) does not
            # decide which rules a page can use, so two builds of the same pages keep the same rules.
            tags.append("".join(_TAG.findall(path.read_text(encoding="utf-8"))))
        elif path.suffix == ".js":
            # Every script, the Vega bundle too: it makes the chart controls the book's stylesheet styles.
            scripts.append(path.read_text(encoding="utf-8", errors="replace"))
    return tags, scripts


def site_words(outdir: Path) -> set[str]:
    """Every word in the site's page tags and scripts: the class and id names that can occur."""
    tags, scripts = _site_texts(outdir)
    return _words(tags + scripts)


def _words(texts: list[str]) -> set[str]:
    return {word for text in texts for word in _WORD.findall(text)}


def selector_can_match(selector: str, words: set[str]) -> bool:
    """False only when the selector needs a class or id that no page or script names."""
    if "\\" in selector:
        return True  # escaped names: keep rather than parse them
    required = _ATTRIBUTE.sub("", _FUNCTIONAL_PSEUDO.sub("", selector))
    return all(name in words for name in _NAMES.findall(required))


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas (not those inside :is(...) or [...])."""
    parts, depth, start = [], 0, 0
    for index, char in enumerate(prelude):
        if char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index])
            start = index + 1
    parts.append(prelude[start:])
    return [part.strip() for part in parts if part.strip()]


def _css_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\a ") + '"'


def _rebase_urls(tokens, source_dir: str, bundle_dir: str) -> None:
    """Rewrite relative url() references in place, from the source's folder to the bundle's."""

    def rebase(url: str) -> str:
        if re.match(r"^([a-z][a-z0-9+.-]*:|/|#)", url, re.IGNORECASE):
            return url  # data:, http:, absolute or fragment: the same from anywhere
        return posixpath.relpath(posixpath.normpath(posixpath.join(source_dir, url)), bundle_dir)

    for token in tokens or []:
        if token.type == "url":
            token.representation = f"url({_css_string(rebase(token.value))})"
        elif token.type == "function" and token.lower_name == "url":
            for argument in token.arguments:
                if argument.type == "string":
                    argument.representation = _css_string(rebase(argument.value))
        elif token.type == "function":
            _rebase_urls(token.arguments, source_dir, bundle_dir)
        elif token.type in {"() block", "[] block", "{} block"}:
            _rebase_urls(token.content, source_dir, bundle_dir)


def _serialize(tokens) -> str:
    return tinycss2.serialize(tokens or [])


def _purge_rules(rules, words: set[str], source_dir: str, bundle_dir: str) -> list[str]:
    kept = []
    for rule in rules:
        if rule.type == "qualified-rule":
            selectors = [
                s for s in _split_selectors(_serialize(rule.prelude)) if selector_can_match(s, words)
            ]
            if selectors:
                _rebase_urls(rule.content, source_dir, bundle_dir)
                kept.append(",".join(selectors) + "{" + _serialize(rule.content).strip() + "}")
        elif rule.type == "at-rule":
            if rule.lower_at_keyword == "charset":
                continue
            if rule.lower_at_keyword == "import":
                raise StylesheetError(f"an @import reached the bundle: {_serialize(rule.prelude)}")
            prelude = _serialize(rule.prelude).strip()
            if rule.content is None:
                kept.append(f"@{rule.at_keyword} {prelude};")
            elif rule.lower_at_keyword in _GROUPING_AT_RULES:
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                body = _purge_rules(inner, words, source_dir, bundle_dir)
                if body:
                    kept.append(f"@{rule.at_keyword} {prelude}{{{''.join(body)}}}")
            else:  # @font-face, @keyframes, @page, @property: kept whole
                _rebase_urls(rule.content, source_dir, bundle_dir)
                kept.append(f"@{rule.at_keyword} {prelude}{{{_serialize(rule.content).strip()}}}")
        elif rule.type == "error":
            raise StylesheetError(f"unreadable CSS near line {rule.source_line}: {rule.message}")
    return kept


def _import_address(prelude: list) -> str | None:
    """The address an ``@import`` names, in any of its three spellings (``"a.css"``, ``url(a.css)``,
    ``url("a.css")``, the last one a function to tinycss2); None if it has conditions (media
    queries, layers) or names nothing."""
    tokens = [token for token in prelude if token.type != "whitespace"]
    if len(tokens) != 1:
        return None
    token = tokens[0]
    if token.type in {"string", "url"}:
        return token.value
    if token.type == "function" and token.lower_name == "url":
        arguments = [argument for argument in token.arguments if argument.type != "whitespace"]
        if len(arguments) == 1 and arguments[0].type == "string":
            return arguments[0].value
    return None


def _with_imports(outdir: Path, source: str, seen: tuple[str, ...] = ()) -> list[tuple[str, list]]:
    """The rules of ``source`` (relative to ``outdir``), with each ``@import`` replaced by the
    imported file's rules in its place: [(folder the rules' urls are relative to, rules)]."""
    path = outdir / source
    if not path.is_file():
        raise StylesheetError(f"a page links {source}, which is not in the built site")
    if source in seen:
        raise StylesheetError(f"{source} imports itself through {' -> '.join(seen)}")
    rules = tinycss2.parse_stylesheet(
        path.read_text(encoding="utf-8"), skip_comments=True, skip_whitespace=True
    )
    folder = posixpath.dirname(source)
    parts, pending = [], []
    for rule in rules:
        if rule.type == "at-rule" and rule.lower_at_keyword == "import":
            address = _import_address(rule.prelude)
            if address is None:
                raise StylesheetError(f"{source}: an @import with conditions: {_serialize(rule.prelude)}")
            if pending:
                parts.append((folder, pending))
                pending = []
            imported = posixpath.normpath(posixpath.join(folder, address))
            parts.extend(_with_imports(outdir, imported, (*seen, source)))
        else:
            pending.append(rule)
    if pending:
        parts.append((folder, pending))
    return parts


def bundle_css(outdir: Path, sources: list[str], words: set[str]) -> str:
    """The rules of ``sources`` (in order) that can match something in the site, as one stylesheet."""
    rules = []
    for source in sources:
        for folder, part in _with_imports(outdir, source):
            rules.extend(_purge_rules(part, words, folder, BUNDLE_DIR))
    return f"/* sources: {' '.join(sources)} */\n" + "\n".join(rules) + "\n"


# A font file this small travels inside the stylesheet (sitebuild/iconfont.py cuts the icon font
# to about 3 kB): fetched on its own, it was one more request after the stylesheet before the
# header's icons could be drawn, and a page opened from file:// cannot ask for a font ahead.
MAX_INLINE_FONT_BYTES = 8_000
_FONT_URL = re.compile(r'url\("([^"]+\.woff2)"\)')


def inline_small_fonts(css: str, outdir: Path) -> str:
    """``css`` (a bundle in :data:`BUNDLE_DIR`) with each ``@font-face`` WOFF2 file of at most
    :data:`MAX_INLINE_FONT_BYTES` written into it as a ``data:`` URL."""

    def inline(match: re.Match) -> str:
        path = outdir / posixpath.normpath(posixpath.join(BUNDLE_DIR, match.group(1)))
        if "://" in match.group(1) or not path.is_file() or path.stat().st_size > MAX_INLINE_FONT_BYTES:
            return match.group(0)
        return f'url("data:font/woff2;base64,{base64.b64encode(path.read_bytes()).decode("ascii")}")'

    return re.sub(r"@font-face\s*\{[^}]*\}", lambda face: _FONT_URL.sub(inline, face.group(0)), css)


_CUSTOM_PROPERTY = re.compile(r"--[A-Za-z0-9_-]+")
_VAR = re.compile(r"var\(\s*(--[A-Za-z0-9_-]+)")


def custom_properties_used(css: str, texts: list[str]) -> set[str]:
    """The custom properties that something reads: a ``var()`` in a declaration that is itself
    read (or is not a custom property), or a name a page or script writes (which may read it)."""
    declared: dict[str, set[str]] = {}  # property -> the custom properties its values read
    used = {name for text in texts for name in _CUSTOM_PROPERTY.findall(text)}
    for rule in tinycss2.parse_stylesheet(css, skip_comments=True, skip_whitespace=True):
        for block in _declaration_blocks(rule):
            for item in tinycss2.parse_blocks_contents(block, skip_comments=True, skip_whitespace=True):
                if item.type != "declaration":
                    continue
                reads = set(_VAR.findall(_serialize(item.value)))
                if item.name.startswith("--"):
                    declared.setdefault(item.name, set()).update(reads)
                else:
                    used |= reads
    pending = list(used)
    while pending:  # what a read property's value reads is read too
        for name in declared.get(pending.pop(), ()):
            if name not in used:
                used.add(name)
                pending.append(name)
    return used


def _declaration_blocks(rule) -> list:
    """Every block of declarations in a rule: a style rule's, those of the rules inside a media
    query or a @keyframes, and an at-rule's own (@font-face, @page)."""
    if rule.type == "qualified-rule":
        return [rule.content]
    if rule.type != "at-rule" or rule.content is None:
        return []
    if rule.lower_at_keyword in _GROUPING_AT_RULES or rule.lower_at_keyword.endswith("keyframes"):
        inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
        return [block for child in inner for block in _declaration_blocks(child)]
    return [rule.content]


def drop_unread_custom_properties(css: str, used: set[str]) -> str:
    """``css`` without the custom property declarations nobody reads (``used`` says who does),
    and without the rules left empty. The theme and Bootstrap define hundreds of colours and sizes
    for components the book never shows; a browser parses each one before the first paint."""

    def rule_text(rule) -> str | None:
        if rule.type == "qualified-rule":
            kept = [
                item
                for item in tinycss2.parse_blocks_contents(
                    rule.content, skip_comments=True, skip_whitespace=True
                )
                if not (item.type == "declaration" and item.name.startswith("--") and item.name not in used)
            ]
            if not kept:
                return None
            body = ";".join(_serialize([item]).strip().rstrip(";") for item in kept)
            return f"{_serialize(rule.prelude).strip()}{{{body}}}"
        if (
            rule.type == "at-rule"
            and rule.content is not None
            and rule.lower_at_keyword in _GROUPING_AT_RULES
        ):
            inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
            body = [text for text in map(rule_text, inner) if text]
            return (
                f"@{rule.at_keyword} {_serialize(rule.prelude).strip()}{{{''.join(body)}}}" if body else None
            )
        return _serialize([rule]).strip()

    header, _, rules = css.partition("\n")
    kept = [text for text in map(rule_text, tinycss2.parse_stylesheet(rules, skip_whitespace=True)) if text]
    return header + "\n" + "\n".join(kept) + "\n"


# --- the rules a first paint needs, and the rest ----------------------------------------------

# Properties that one declaration can set together: a shorthand and its longhands, a logical and
# a physical property, two names for one property. Two declarations may clash when they share a
# family; most families are the name's first word (margin, margin-top, margin-inline-start).
_FAMILY_OF = {
    **dict.fromkeys(["top", "right", "bottom", "left"], {"inset"}),
    **dict.fromkeys(["width", "height", "inline-size", "block-size"], {"size"}),
    **dict.fromkeys(["min-width", "min-height", "min-inline-size", "min-block-size"], {"min-size"}),
    **dict.fromkeys(["max-width", "max-height", "max-inline-size", "max-block-size"], {"max-size"}),
    **dict.fromkeys(
        ["row-gap", "column-gap", "grid-gap", "grid-row-gap", "grid-column-gap"], {"gap", "grid"}
    ),
    "columns": {"column"},
    "word-wrap": {"overflow"},
    "line-height": {"line", "font"},
    "place-content": {"place", "align", "justify"},
    "place-items": {"place", "align", "justify"},
    "place-self": {"place", "align", "justify"},
}


def _families(name: str) -> set[str]:
    """The families of a declared property (``"*"`` for ``all``, which sets nearly every one)."""
    if name.startswith("--"):
        return {name}
    name = re.sub(r"^-[a-z]+-", "", name.lower())  # -webkit-box-shadow is box-shadow
    if name == "all":
        return {"*"}
    return _FAMILY_OF.get(name, {name.split("-")[0]})


_PSEUDO_ELEMENT = re.compile(
    r"::?(?:before|after|first-line|first-letter|marker|placeholder|selection)\b|::[\w-]+"
)
_FUNCTION = re.compile(r":([\w-]+)\(((?:[^()]|\([^()]*\))*)\)")
_ID_NAME = re.compile(r"#-?[_a-zA-Z][\w-]*")
_CLASS_LIKE = re.compile(r"\.-?[_a-zA-Z][\w-]*|\[[^\]]*\]|:[\w-]+")
_TYPE = re.compile(r"(?:^|(?<=[\s>+~(]))(?:[a-zA-Z][\w-]*|\*)")


def specificity(selector: str) -> tuple[int, int, int] | None:
    """A selector's specificity (ids, classes, types), or None when it is not read here (an
    escaped name, a function beyond :not/:is/:has/:where)."""
    if "\\" in selector:
        return None
    ids = classes = types = 0
    for match in _FUNCTION.finditer(selector):
        name = match.group(1).lower()
        if name == "where":
            continue
        if name not in {"not", "is", "has", "matches"}:
            if name in {"nth-child", "nth-last-child", "nth-of-type", "nth-last-of-type", "lang", "dir"}:
                classes += 1  # an argument, not a selector ("2n+1", "zh-CN")
                continue
            return None
        inner = [specificity(part) for part in _split_selectors(match.group(2))]
        if not inner or None in inner:
            return None
        best = max(inner)
        ids, classes, types = ids + best[0], classes + best[1], types + best[2]
    rest = _FUNCTION.sub(" ", selector)
    types += len(_PSEUDO_ELEMENT.findall(rest))
    rest = _PSEUDO_ELEMENT.sub(" ", rest)
    ids += len(_ID_NAME.findall(rest))
    rest = _ID_NAME.sub(" ", rest)
    classes += len(_CLASS_LIKE.findall(rest))
    rest = _CLASS_LIKE.sub(" ", rest)
    types += len([t for t in _TYPE.findall(rest) if t != "*"])
    return (ids, classes, types)


def _declared_families(block) -> set[str]:
    families: set[str] = set()
    for item in tinycss2.parse_blocks_contents(block, skip_comments=True, skip_whitespace=True):
        if item.type == "declaration":
            families |= _families(item.name)
    return families


def split_for_first_paint(css: str, words_in_pages: set[str]) -> tuple[str, str]:
    """(the rules a page needs before its scripts run, the rules that must follow them) of a bundle.

    A rule belongs to the first paint when every name it needs occurs in the site's pages; a
    selector that needs a name only a script writes (an open menu, a copy button, a tooltip) can
    match nothing before the scripts run, and waits. But the cascade goes by order: a waiting rule,
    loaded after every first-paint rule, would beat a first-paint rule that came after it and set
    the same property. So such a later rule is repeated after it, among the waiting rules, and so
    on down the bundle: once both stylesheets are loaded, every element is styled exactly as by the
    bundle alone. Only rules of equal :func:`specificity` can be reordered so (between unequal
    ones the higher wins wherever it stands), and "the same property" is read broadly
    (:data:`_FAMILY_OF`): a shorthand and its longhands, a logical and a physical property.
    @font-face, @keyframes and the like stay with the first paint only.
    """
    header, _, rules = css.partition("\n")
    # What the waiting rules set, by their selectors' specificity (None: not worked out, so it may
    # be any): two rules of different specificity never clash, whatever their order.
    waiting: dict[tuple[int, int, int] | None, set[str]] = {}

    def clashes(families: set[str], specificities: set) -> bool:
        def meets(kept: set[str]) -> bool:
            return bool(kept) and ("*" in kept or "*" in families or bool(families & kept))

        if None in specificities:
            return any(meets(kept) for kept in waiting.values())
        return any(meets(waiting.get(key, set())) for key in (*specificities, None))

    def wait(families: set[str], specificities: set) -> None:
        for key in specificities:
            waiting.setdefault(key, set()).update(families)

    def split(rule_list) -> tuple[list[str], list[str]]:
        first, later = [], []
        for rule in rule_list:
            if rule.type == "qualified-rule":
                selectors = _split_selectors(_serialize(rule.prelude))
                now = [s for s in selectors if selector_can_match(s, words_in_pages)]
                waits = [s for s in selectors if s not in now]
                body = _serialize(rule.content).strip()
                families = _declared_families(rule.content)
                if now:
                    first.append(",".join(now) + "{" + body + "}")
                repeated = bool(now) and clashes(families, {specificity(s) for s in now})
                if waits or repeated:
                    later.append(",".join(selectors if repeated else waits) + "{" + body + "}")
                    wait(families, {specificity(s) for s in (selectors if repeated else waits)})
            elif (
                rule.type == "at-rule"
                and rule.content is not None
                and rule.lower_at_keyword in _GROUPING_AT_RULES
            ):
                inner = tinycss2.parse_rule_list(rule.content, skip_comments=True, skip_whitespace=True)
                inner_first, inner_later = split(inner)
                prelude = f"@{rule.at_keyword} {_serialize(rule.prelude).strip()}"
                if inner_first:
                    first.append(prelude + "{" + "".join(inner_first) + "}")
                if inner_later:
                    later.append(prelude + "{" + "".join(inner_later) + "}")
            else:
                first.append(_serialize([rule]).strip())
        return first, later

    first, later = split(tinycss2.parse_stylesheet(rules, skip_comments=True, skip_whitespace=True))
    return header + "\n" + "\n".join(first) + "\n", header + "\n" + "\n".join(later) + "\n"


# --- the pages --------------------------------------------------------------------------------


def _linked_sources(outdir: Path, page: Path, hrefs: list[str]) -> list[str]:
    """The site paths of a page's stylesheets; a link to an earlier bundle stands for its sources."""
    sources = []
    for href in hrefs:
        target = posixpath.normpath(
            posixpath.join(page.parent.relative_to(outdir).as_posix(), href.split("?")[0])
        )
        if BUNDLE_NAME.match(target):
            bundle = outdir / target
            found = SOURCES_COMMENT.match(bundle.read_text(encoding="utf-8")) if bundle.is_file() else None
            if not found:
                raise StylesheetError(f"{page.relative_to(outdir)} links {target}, which is gone")
            sources.extend(found.group(1).split(" "))
        else:
            sources.append(target)
    return sources


def _write_bundle(outdir: Path, stem: str, css: str) -> str:
    name = f"{BUNDLE_DIR}/{stem}.{hashlib.sha256(css.encode('utf-8')).hexdigest()[:12]}.css"
    _write_if_changed(outdir / name, css)
    return name


def whole_bundle(outdir: Path, sources: list[str], texts: tuple[list[str], list[str]] | None = None) -> str:
    """Every rule of ``sources`` that the site can use, without the custom properties nobody
    reads and with its small fonts inside (``texts``: the site's page tags and scripts, read from
    ``outdir`` when not given)."""
    tags, scripts = texts or _site_texts(outdir)
    css = bundle_css(outdir, sources, _words(tags + scripts))
    css = drop_unread_custom_properties(css, custom_properties_used(css, tags + scripts))
    return inline_small_fonts(css, outdir)


def bundle_stylesheets(outdir: Path) -> dict[tuple[str, ...], str]:
    """Give every page of the built site its bundled stylesheets; return {sources: the bundle a
    page with them links in its ``<head>``}.

    A theme page (one with the after-paint template, book/_templates/layout.html) links in its
    ``<head>`` only the rules that can match it before any script has run
    (``first-paint.<hash>.css``); the rest follow in the template, with the page's scripts
    (``after-paint.<hash>.css``, which ``sitebuild/after-paint.js`` loads before it runs them), as
    :func:`split_for_first_paint` divides them. The first paint waited for 29 kB gzipped of rules,
    a third of them for what only a script adds (menus, tooltips, copy buttons); on a slow phone
    connection every round trip of it counted. A page without the template (a printable
    worksheet) links the whole bundle, ``site.<hash>.css``, in its ``<head>``.
    """
    outdir = Path(outdir)
    pages = {}
    for page in sorted(outdir.rglob("*.html")):
        text = page.read_text(encoding="utf-8")
        head = _HEAD.search(text)
        links = [
            link
            for link in (_STYLESHEET_LINK.findall(head.group(0)) if head else [])
            if not _MEDIA.search(link)
        ]
        if links:
            hrefs = [_HREF.search(link).group(1) for link in links]
            pages[page] = (text, head, links, tuple(_linked_sources(outdir, page, hrefs)))
    tags, scripts = _site_texts(outdir)
    words_in_pages = _words(tags)
    bundles: dict[tuple[str, ...], str] = {}
    first_paint: dict[tuple[str, ...], str] = {}
    after_paint: dict[tuple[str, ...], str] = {}
    for sources in sorted({entry[3] for entry in pages.values()}):
        # Pruned as one: a rule that waits may read a property that a first-paint rule defines.
        whole = whole_bundle(outdir, list(sources), (tags, scripts))
        if any(entry[3] == sources and AFTER_PAINT_TEMPLATE not in entry[0] for entry in pages.values()):
            bundles[sources] = _write_bundle(outdir, "site", whole)
        first, later = split_for_first_paint(whole, words_in_pages)
        first_paint[sources] = _write_bundle(outdir, "first-paint", first)
        after_paint[sources] = _write_bundle(outdir, "after-paint", later)
    for page, (text, head, links, sources) in pages.items():
        folder = page.parent.relative_to(outdir).as_posix()
        has_template = AFTER_PAINT_TEMPLATE in text
        in_head = first_paint[sources] if has_template else bundles[sources]
        indent = re.match(r"[ \t]*", links[0]).group(0)
        new_head = head.group(0).replace(
            links[0], f'{indent}<link rel="stylesheet" href="{posixpath.relpath(in_head, folder)}" />\n', 1
        )
        for link in links[1:]:
            new_head = new_head.replace(link, "", 1)
        body = text[head.end() :]
        if has_template:
            start = body.index(AFTER_PAINT_TEMPLATE) + len(AFTER_PAINT_TEMPLATE)
            # A page rewritten by an earlier build has its link there already: replace it.
            rest = (
                _AFTER_PAINT_LINK.sub("", body[start:], count=1)
                if body[start:].startswith("\n<link")
                else body[start:]
            )
            later = posixpath.relpath(after_paint[sources], folder)
            body = f'{body[:start]}\n<link rel="stylesheet" href="{later}" />{rest}'
        _write_if_changed(page, text[: head.start()] + new_head + body)
    # Bundles of earlier builds that no page links any more.
    wanted = {outdir / name for kept in (bundles, first_paint, after_paint) for name in kept.values()}
    for old in (outdir / BUNDLE_DIR).glob("*.css"):
        if BUNDLE_NAME.match(old.relative_to(outdir).as_posix()) and old not in wanted:
            old.unlink()
    return {**first_paint, **bundles}


def _write_if_changed(path: Path, text: str) -> None:
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def _bundle_after_build(app, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    bundle_stylesheets(Path(app.outdir))


def setup(app):
    # After the other build-finished handlers (the icon font reads the theme's original stylesheet).
    app.connect("build-finished", _bundle_after_build, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
