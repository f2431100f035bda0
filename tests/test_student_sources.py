"""The student edition's downloadable page sources lose their solutions (sitebuild.student_sources)."""

import json

import pytest

from sitebuild.student_sources import strip_markdown, strip_notebook, strip_sources

PAGE = """## Exercises

```{exercise} One
:label: ex-one

Task one.
```

```{solution} ex-one
:class: dropdown

Answer one.
```

````{solution} ex-two
:class: dropdown

```python
answer = 2
```
````

:::{solution} ex-three
Answer three.
:::

Discussion stays.
"""


def test_solutions_are_cut_and_everything_else_kept():
    stripped = strip_markdown(PAGE)
    assert "Answer" not in stripped and "answer = 2" not in stripped and "{solution}" not in stripped
    assert "Task one." in stripped and "```{exercise} One" in stripped and "Discussion stays." in stripped
    assert strip_markdown(stripped) == stripped


def test_an_unclosed_solution_is_an_error_not_a_truncated_page():
    with pytest.raises(ValueError, match="never closed"):
        strip_markdown("````{solution} ex\nAnswer\n```\n")


def notebook(*sources):
    cells = [{"cell_type": kind, "metadata": {}, "source": text} for kind, text in sources]
    return json.dumps({"cells": cells, "metadata": {}, "nbformat": 4, "nbformat_minor": 5})


def test_a_notebook_loses_its_solution_cells_and_keeps_the_rest():
    text = notebook(
        ("markdown", "````{exercise} One\n:label: nb-one\n\nTask.\n````"),
        ("code", "answer = ...  # your code"),
        ("code", "ex.one.check(answer)"),
        ("markdown", "````{solution} nb-one\n:class: dropdown\n\n```python\nanswer = 1\n```\n````"),
    )
    cells = json.loads(strip_notebook(text))["cells"]
    assert [cell["cell_type"] for cell in cells] == ["markdown", "code", "code"]
    assert "answer = 1" not in json.dumps(cells)


def test_only_sources_are_rewritten(tmp_path):
    (tmp_path / "_sources" / "notebooks").mkdir(parents=True)
    page = tmp_path / "_sources" / "notebooks" / "01.ipynb"
    page.write_text(notebook(("markdown", "```{solution} x\nAnswer\n```\n")), encoding="utf-8")
    html = tmp_path / "01.html"
    html.write_text("```{solution} x\nAnswer\n```\n", encoding="utf-8")
    assert strip_sources(tmp_path) == [page]
    assert "Answer" not in page.read_text(encoding="utf-8")
    assert "Answer" in html.read_text(encoding="utf-8")


def test_the_full_editions_blocks_are_cut_and_other_only_blocks_kept():
    page = (
        "Guide text.\n\n"
        "`````{only} full_edition\n"
        "````{admonition} Chapter 1, question 1: a title\n"
        ":class: answer-note\n\nA teacher's note.\n````\n"
        "`````\n\n"
        "```{only} html\nShown on the web.\n```\n"
    )
    stripped = strip_markdown(page)
    assert "teacher's note" not in stripped and "full_edition" not in stripped
    assert "Guide text." in stripped and "```{only} html\nShown on the web.\n```" in stripped
