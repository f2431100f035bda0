"""The Chinese edition's catalogues: complete, faithful to the English markup, and in step with it.

Fast, no build, except the last test, which compares the catalogues with the templates of a
gettext build of the current English pages (the session fixture ``gettext_templates``).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
import yaml
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

from scripts import translations
from sitebuild import site_locale

ROOT = Path(__file__).resolve().parent.parent
LANGUAGE = "zh_CN"
PAGE_CATALOGUES = translations.catalogue_dir(LANGUAGE)


def _page_catalogues(folder: Path = PAGE_CATALOGUES) -> list[Path]:
    return sorted(folder.rglob("*.po"))


def unfinished(po_paths: list[Path], root: Path) -> list[str]:
    """Every message that is untranslated or fuzzy, as ``file: "message"``."""
    found = []
    for po_path in po_paths:
        for message in translations.read_catalogue(po_path):
            if not message.id:
                continue
            state = "fuzzy" if message.fuzzy else "untranslated" if not message.string else None
            if state:
                found.append(f"{po_path.relative_to(root)}: {state}: {message.id[:70]!r}")
    return found


def test_there_is_a_catalogue_for_every_page():
    toc_pages = {path.relative_to(ROOT).with_suffix("") for path in (ROOT / "book").glob("*.md")} | {
        path.relative_to(ROOT).with_suffix("") for path in (ROOT / "notebooks").glob("[0-9][0-9]-*.ipynb")
    }
    catalogues = {path.relative_to(PAGE_CATALOGUES).with_suffix("") for path in _page_catalogues()}
    assert toc_pages - catalogues == set()


def test_every_page_catalogue_is_fully_translated_and_none_fuzzy():
    left = unfinished(_page_catalogues(), ROOT)
    assert not left, f"{len(left)} messages untranslated or fuzzy, the first:\n" + "\n".join(left[:40])


def _fill(po_path: Path) -> None:
    """Give every message of a catalogue a translation (its own text, which keeps every rule)."""
    catalogue = translations.read_catalogue(po_path)
    for message in catalogue:
        if message.id:
            message.string = message.id
            message.flags.discard("fuzzy")
    translations.write_catalogue(po_path, catalogue)


def test_the_completeness_check_passes_a_translated_copy_and_names_file_and_message(tmp_path):
    copy = tmp_path / "LC_MESSAGES"
    shutil.copytree(PAGE_CATALOGUES, copy)
    for po_path in _page_catalogues(copy):
        _fill(po_path)
    assert unfinished(_page_catalogues(copy), tmp_path) == []

    page = copy / "book" / "01-buy-it.po"
    catalogue = translations.read_catalogue(page)
    messages = [message for message in catalogue if message.id]
    messages[1].string = ""
    messages[2].flags.add("fuzzy")
    translations.write_catalogue(page, catalogue)
    assert unfinished(_page_catalogues(copy), tmp_path) == [
        f"LC_MESSAGES/book/01-buy-it.po: untranslated: {messages[1].id[:70]!r}",
        f"LC_MESSAGES/book/01-buy-it.po: fuzzy: {messages[2].id[:70]!r}",
    ]


def test_every_translated_message_keeps_the_english_markup_and_numbers(capsys):
    problems = translations.check(_page_catalogues())
    assert problems == 0, capsys.readouterr().out[-4000:]


# Each rule of check_message: a faithful translation passes, one that breaks the rule fails, and the
# problem says which rule.
RULES = [
    (
        "glued number kept",
        "Sales reached {glue:text}`gmv_2019_rmb_bn:,.1f` billion yuan.",
        "销售额达到{glue:text}`gmv_2019_rmb_yi:,.0f`亿元。",
        "销售额达到{glue:text}`gmv_2020_rmb_yi:,.0f`亿元。",
        "glued numbers",
    ),
    (
        "glued number not typed",
        "Sales reached {glue:text}`gmv_2019_rmb_bn:,.1f` billion yuan.",
        "销售额达到{glue:text}`gmv_2019_rmb_bn:,.1f`亿元。",
        "销售额达到2684亿元。",
        "glued numbers",
    ),
    (
        "term target kept",
        "On {term}`Singles' Day` prices fall.",
        "{term}`双十一 <Singles' Day>`当天价格下降。",
        "{term}`双十一 <Double Eleven>`当天价格下降。",
        "roles differ",
    ),
    (
        "doc target kept",
        "See {doc}`the argument <argument>`.",
        "见{doc}`论证 <argument>`。",
        "见{doc}`论证 <glossary>`。",
        "roles differ",
    ),
    (
        "citation key kept",
        "As {cite:t}`ji2021` argues.",
        "正如{cite:t}`ji2021`所说。",
        "正如纪所说。",
        "roles differ",
    ),
    (
        "link address kept",
        "Read [the law](https://www.npc.gov.cn/).",
        "阅读[该法](https://www.npc.gov.cn/)。",
        "阅读[该法](https://example.org/)。",
        "link addresses",
    ),
    (
        "inline code kept",
        "Run `chapter_numbers()` first.",
        "先运行`chapter_numbers()`。",
        "先运行章节数字函数。",
        "inline code",
    ),
    ("maths kept", "The share is $s = c / y$.", "份额为$s = c / y$。", "份额为$s = c$。", "maths"),
    ("HTML tag kept", "CO<sub>2</sub> emissions", "CO<sub>2</sub>排放", "CO2排放", "HTML tags"),
    (
        "typed number kept, scale word may change",
        "About 600 million people watched in 2020.",
        "2020年约有6亿人观看。",
        "2020年约有5亿人观看。",
        "numbers differ",
    ),
    (
        "a date's month in words is its number",
        "Vouchers counted by 8 May 2020.",
        "截至2020年5月8日统计的消费券。",
        "截至2020年6月8日统计的消费券。",
        "numbers differ",
    ),
    ("no number added", "Sales in the nineties", "九十年代的销售", "1990年代的销售", "numbers differ"),
    (
        "emphasis renders",
        "The **sec-kill** sale.",
        "“**秒杀**”式销售。",
        "**“秒杀”**式销售。",
        "emphasis",
    ),
    ("no private-use character", "Sales", "销售", "销售\ue000", "private-use"),
]


@pytest.mark.parametrize(
    ("english", "kept", "broken", "problem"), [rule[1:] for rule in RULES], ids=[r[0] for r in RULES]
)
def test_check_message_passes_a_faithful_translation_and_names_each_broken_rule(
    english, kept, broken, problem
):
    assert translations.check_message(english, kept) == []
    found = translations.check_message(english, broken)
    assert any(problem in text for text in found), found


def _write(path: Path, messages: dict[str, str], fuzzy: tuple[str, ...] = ()) -> None:
    catalogue = Catalog(locale=LANGUAGE)
    for msgid, msgstr in messages.items():
        catalogue.add(msgid, msgstr, flags=("fuzzy",) if msgid in fuzzy else ())
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        write_po(handle, catalogue)


def test_update_marks_a_changed_english_message_fuzzy_adds_new_ones_and_drops_removed_ones(
    tmp_path, monkeypatch
):
    pots, locales = tmp_path / "gettext", tmp_path / "locales"
    monkeypatch.setattr(translations, "LOCALES", locales)
    monkeypatch.setattr(translations, "ROOT", tmp_path)
    _write(
        locales / LANGUAGE / "LC_MESSAGES" / "book" / "page.po",
        {
            "Sales grew fast in 2020.": "2020年销售增长很快。",
            "Kept as it was.": "保持原样。",
            "A sentence the page no longer has.": "页面已删去的一句。",
        },
    )
    _write(
        pots / "book" / "page.pot",
        {"Sales grew very fast in 2020.": "", "Kept as it was.": "", "A new sentence.": ""},
    )
    translations.update(pots, LANGUAGE)
    with (locales / LANGUAGE / "LC_MESSAGES" / "book" / "page.po").open("rb") as handle:
        updated = {message.id: message for message in read_po(handle) if message.id}
    assert set(updated) == {"Sales grew very fast in 2020.", "Kept as it was.", "A new sentence."}
    changed = updated["Sales grew very fast in 2020."]
    assert changed.fuzzy and changed.string == "2020年销售增长很快。"
    assert not updated["Kept as it was."].fuzzy and updated["Kept as it was."].string == "保持原样。"
    assert updated["A new sentence."].string == "" and not updated["A new sentence."].fuzzy


def catalogue_differences(wanted: dict[Path, set[str]], folder: Path = PAGE_CATALOGUES) -> list[str]:
    """What the catalogues in ``folder`` lack or hold beyond the English pages' messages."""
    differences = []
    for relative, messages in sorted(wanted.items()):
        po_path = folder / relative
        if not po_path.exists():
            differences.append(f"{relative}: no catalogue for this page")
            continue
        held = {message.id for message in translations.read_catalogue(po_path) if message.id}
        differences += [f"{relative}: missing {msgid[:70]!r}" for msgid in sorted(messages - held)]
        differences += [f"{relative}: obsolete {msgid[:70]!r}" for msgid in sorted(held - messages)]
    differences += [
        f"{path.relative_to(folder)}: no such page any more"
        for path in _page_catalogues(folder)
        if path.relative_to(folder) not in wanted
    ]
    return differences


def test_the_comparison_names_a_missing_and_an_obsolete_message(tmp_path):
    _write(tmp_path / "book" / "page.po", {"Kept.": "保留。", "Gone from the page.": "已删。"})
    _write(tmp_path / "book" / "old-page.po", {"Old.": "旧。"})
    wanted = {Path("book/page.po"): {"Kept.", "New on the page."}, Path("book/new-page.po"): {"New."}}
    assert catalogue_differences(wanted, tmp_path) == [
        "book/new-page.po: no catalogue for this page",
        "book/page.po: missing 'New on the page.'",
        "book/page.po: obsolete 'Gone from the page.'",
        "book/old-page.po: no such page any more",
    ]


@pytest.mark.build
def test_the_catalogues_hold_exactly_the_messages_of_the_current_english_pages(built_site):
    # The messages the gettext builder would extract, read from the parsed pages of the English build
    # the suite makes anyway (no gettext build of its own).
    wanted = translations.messages_from_doctrees(ROOT / "_build" / ".doctrees")
    assert len(wanted) >= 26 and all(wanted.values())
    # An exercise's title is a message of its page (sitebuild/page_messages.py).
    assert "Growth in the one-day years" in wanted[Path("book/01-buy-it.po")]
    differences = catalogue_differences(wanted)
    assert not differences, "run ./dev.sh translations:\n" + "\n".join(differences[:40])


def test_the_builds_own_texts_are_all_in_its_catalogue_translated():
    extracted = site_locale.extract_messages()
    assert "Check yourself" in extracted and "Full edition" in extracted
    catalogue = site_locale.LOCALE_DIR / LANGUAGE / "LC_MESSAGES" / f"{site_locale.DOMAIN}.po"
    held = {message.id: message for message in translations.read_catalogue(catalogue) if message.id}
    assert [message for message in extracted if message not in held] == []
    left = [msgid for msgid, message in held.items() if message.fuzzy or not message.string]
    assert left == []
    # A translation keeps the English message's placeholders ({link}, {spread}...).
    placeholders = re.compile(r"\{\w+\}")
    changed = [
        msgid
        for msgid, message in held.items()
        if sorted(placeholders.findall(message.string)) != sorted(placeholders.findall(msgid))
    ]
    assert changed == []


def test_the_chinese_book_title_is_the_same_in_the_configuration_and_on_its_pages():
    """The site's title (``_config.zh.yml``) and the landing page's translated title are one name."""
    english_title = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["title"]
    chinese_title = yaml.safe_load((ROOT / "_config.zh.yml").read_text(encoding="utf-8"))["title"]
    index = {m.id: m.string for m in translations.read_catalogue(PAGE_CATALOGUES / "book" / "index.po")}
    assert index[english_title] == chinese_title
    cited = translations.read_catalogue(PAGE_CATALOGUES / "book" / "cite-and-reuse.po")
    naming = [m.string for m in cited if m.string and "中文书名" in m.string]
    assert naming and all(f"《{chinese_title.rstrip('？')}" in text for text in naming)


def test_the_theme_texts_the_build_translates_are_translated_and_each_domain_has_its_file():
    folder = site_locale.LOCALE_DIR / LANGUAGE / "LC_MESSAGES"
    for domain in site_locale.THEME_DOMAINS:
        held = [message for message in translations.read_catalogue(folder / f"{domain}.po") if message.id]
        assert held, domain
        assert [m.id for m in held if m.fuzzy or not m.string] == [], domain


# A glued number (or a range of them) written with an English scale word after it.
SCALED_GLUE = re.compile(
    r"((?:\{glue:text\}`[a-z0-9_]+(?::[^`]*)?`\s*(?:–|-|to)\s*)*)"
    r"\{glue:text\}`([a-z0-9_]+)(?::[^`]*)?`\s*(?:billion|million|Mt\b)"
)
GLUE_NAME = re.compile(r"\{glue:text\}`([a-z0-9_]+)")


def scaled_names_without_a_chinese_scale(text: str) -> list[str]:
    """Names of glued numbers the English writes in millions, billions or Mt whose name has no
    scale suffix, so that the Chinese cannot glue them in 万 or 亿 (``chinese_scale_names``)."""
    names = []
    for match in SCALED_GLUE.finditer(text):
        names += GLUE_NAME.findall(match.group(1)) + [match.group(2)]
    return [name for name in names if not translations.chinese_scale_names(name)]


def test_a_number_written_in_millions_or_billions_has_a_name_the_chinese_can_rescale():
    assert scaled_names_without_a_chinese_scale(
        "were {glue:text}`low:,.0f`–{glue:text}`high_rmb_bn:,.0f` billion yuan, "
        "{glue:text}`per_hour_rmb_m:,.0f` million an hour and {glue:text}`waste:.1f` Mt"
    ) == ["low", "waste"]
    unscaled = {
        page.name: names
        for page in sorted((ROOT / "book").glob("*.md"))
        if (names := scaled_names_without_a_chinese_scale(page.read_text(encoding="utf-8")))
    }
    assert unscaled == {}


# A glued number (or a range of them) that a Chinese message writes in an English scale: 十亿 or
# 百万 (十亿元, 百万吨) or the symbols Mt and Gt, where Chinese counts in 万 and 亿 (亿元, 万吨, 亿吨).
GLUE_IN_ENGLISH_SCALE = re.compile(
    r"\{glue:text\}`([a-z0-9_]+)(?::[^`]*)?`\s*(十亿|百万|(?<![A-Za-z])[MG]t(?![A-Za-z]))"
)


def glued_in_english_scales(text: str) -> list[str]:
    """``name scale`` for each glued number ``text`` writes in 十亿, 百万, Mt or Gt."""
    return [f"{name} {scale}" for name, scale in GLUE_IN_ENGLISH_SCALE.findall(text)]


def test_a_chinese_page_writes_its_glued_numbers_in_wan_and_yi():
    assert glued_in_english_scales(
        "约{glue:text}`parcel_co2e_base_mt:.0f`百万吨，{glue:text}`budget_gt:.0f` Gt，"
        "{glue:text}`sales_rmb_bn:.1f`十亿元；{glue:text}`budget_wan_t:,.0f`万吨，"
        "{glue:text}`sales_rmb_yi:.0f`亿元，{glue:text}`items_m:.0f` Mtoe"
    ) == ["parcel_co2e_base_mt 百万", "budget_gt Gt", "sales_rmb_bn 十亿"]
    found = {
        f"{path.relative_to(PAGE_CATALOGUES)}: {glued}"
        for path in _page_catalogues()
        for message in translations.read_catalogue(path)
        if message.id and isinstance(message.string, str)
        for glued in glued_in_english_scales(message.string)
    }
    assert found == set()
