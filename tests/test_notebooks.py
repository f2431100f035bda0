"""Every notebook is stored without outputs, runs top to bottom in a fresh kernel, and draws its
charts with no other host: the executed outputs reference none, and open in Chromium offline.

Each notebook runs as a reader would run it: in a live kernel, not a book build. A cell gets
:data:`CELL_TIMEOUT_S`; one that takes longer fails the test, naming the notebook and the cell.

The client listens to the kernel in short waits (:class:`PromptKernelClient`). With one long wait,
as nbclient makes it, the kernel's reply to an explorer cell (which sends the client a burst of
widget messages) was now and then left unnoticed in the client's socket until the cell's timeout
ended the wait, when the client found it and the test passed: 300 s lost in three of five full
runs, reproduced here with the notebooks run beside a Chromium session on a loaded machine.
"""

from __future__ import annotations

import functools
import json
import os
import re
import time
from pathlib import Path
from queue import Empty

import nbformat
import pytest
from jupyter_client.asynchronous import AsyncKernelClient
from jupyter_client.channels import AsyncZMQSocketChannel
from jupyter_client.manager import AsyncKernelManager
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError, CellTimeoutError
from traitlets import Type

from seckill.charts import render
from tests import site_check

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))
# The slowest cell takes a few seconds on a loaded 2-core machine; a minute means something hangs.
CELL_TIMEOUT_S = 60

# The longest a message the kernel has sent can sit unnoticed in the client's socket.
WAKE_S = 0.5

# What would make a browser fetch something from another host, in an output's HTML or JavaScript.
EXTERNAL_LOAD = re.compile(
    r"""(?:\bsrc\s*=\s*["']?|<link\b[^>]*\bhref\s*=\s*["']?|@import\s+(?:url\()?["']?|\burl\(\s*["']?"""
    r"""|\bimport\s*\(?\s*["']|\bfetch\(\s*["']|"url"\s*:\s*")(?:https?:)?//""",
    re.IGNORECASE,
)
CDN = re.compile(r"cdn\.jsdelivr|unpkg\.com|cdnjs|jsdelivr\.net", re.IGNORECASE)


def test_there_are_notebooks():
    assert NOTEBOOKS, "no notebooks found in notebooks/"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_is_stored_without_outputs(path):
    notebook = nbformat.read(path, as_version=4)
    with_outputs = [i for i, c in enumerate(notebook.cells) if c.cell_type == "code" and c.outputs]
    assert not with_outputs, f"cells {with_outputs} have outputs; clear them before committing"


class PromptChannel(AsyncZMQSocketChannel):
    """A kernel channel that waits for a message in short steps, looking again after each.

    A socket's readiness reaches the client's event loop as an edge-triggered signal, and one
    that is missed leaves a message unread until the wait ends; looking again every
    :data:`WAKE_S` bounds that delay, while the caller's timeout still counts as a whole.
    """

    async def get_msg(self, timeout: float | None = None) -> dict:
        deadline = None if timeout is None else time.monotonic() + timeout
        while True:
            left = None if deadline is None else max(0.0, deadline - time.monotonic())
            try:
                return await super().get_msg(timeout=WAKE_S if left is None else min(WAKE_S, left))
            except Empty:
                if left is not None and left <= WAKE_S:
                    raise


class PromptKernelClient(AsyncKernelClient):
    shell_channel_class = Type(PromptChannel)
    iopub_channel_class = Type(PromptChannel)


class PromptKernelManager(AsyncKernelManager):
    """Starts kernels as nbclient's default manager does, with :class:`PromptKernelClient`."""

    def client(self, **kwargs):
        self.client_factory = PromptKernelClient
        return super().client(**kwargs)


def _first_line(source: str) -> str:
    return next((line for line in source.splitlines() if line.strip()), "")[:80]


def execute(path: Path, notebook: nbformat.NotebookNode | None = None) -> nbformat.NotebookNode:
    """Run the notebook (the one at ``path``, or ``notebook``, a changed copy of it, run from its
    folder) in a fresh kernel, as a reader would, and return it with its outputs.

    Fails the test, naming the notebook and the cell, when a cell raises or runs past
    :data:`CELL_TIMEOUT_S`.
    """
    notebook = nbformat.read(path, as_version=4) if notebook is None else notebook
    running = {}
    client = NotebookClient(
        notebook,
        timeout=CELL_TIMEOUT_S,
        kernel_name="python3",
        kernel_manager_class=PromptKernelManager,
        resources={"metadata": {"path": str(path.parent)}},
        on_cell_execute=lambda cell, cell_index: running.update(index=cell_index, cell=cell),
    )
    # The kernel inherits this environment: a reader's kernel, not a book build's.
    env = {name: value for name, value in os.environ.items() if name != render.BUILD_ENV_VAR}
    try:
        client.execute(env=env)
    except CellTimeoutError:
        where = f"{path.name}, cell {running['index']} ({_first_line(running['cell'].source)!r})"
        pytest.fail(f"{where} did not finish within {CELL_TIMEOUT_S} s", pytrace=False)
    except CellExecutionError as error:
        where = f"{path.name}, cell {running['index']} ({_first_line(running['cell'].source)!r})"
        pytest.fail(f"{where} raised an error:\n{error}", pytrace=False)
    return notebook


@functools.cache
def executed(path: Path) -> nbformat.NotebookNode:
    """One run per notebook and test session, shared by the tests that read its outputs."""
    return execute(path)


def html_outputs(notebook: nbformat.NotebookNode) -> list[str]:
    """The HTML of every output that has some, in order (what a front end puts on the page)."""
    return [
        output["data"]["text/html"]
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.outputs
        if "text/html" in output.get("data", {})
    ]


def external_loads(notebook: nbformat.NotebookNode) -> list[str]:
    """Every place in an output that would make a browser ask another host for something."""
    found = []
    for index, cell in enumerate(notebook.cells):
        for output in cell.get("outputs", []):
            for mime, value in output.get("data", {}).items():
                text = value if isinstance(value, str) else str(value)
                found += [f"cell {index} {mime}: {m.group(0)}" for m in EXTERNAL_LOAD.finditer(text)]
                found += [f"cell {index} {mime}: {m.group(0)}" for m in CDN.finditer(text)]
    return found


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_every_cell_has_a_stored_id_of_its_own(path):
    # A cell without one gets a random id whenever the notebook is read, so each build would
    # publish a different .ipynb download. Raw JSON: nbformat's reader would add the ids itself.
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    missing = [i for i, cell in enumerate(cells) if not cell.get("id")]
    assert not missing, f"cells {missing} have no id"
    ids = [cell["id"] for cell in cells]
    assert len(set(ids)) == len(ids), "two cells share an id"


@pytest.mark.notebooks
@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.name)
def test_notebook_runs_in_a_fresh_kernel_and_its_outputs_need_no_other_host(path):
    notebook = executed(path)
    errors = [
        o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"
    ]
    assert not errors
    assert not external_loads(notebook)
    charts = [html for html in html_outputs(notebook) if "seckill-kernel-chart" in html]
    assert charts, f"{path.name} shows no chart of the book's renderer"


def test_the_external_load_check_finds_what_altairs_default_renderer_writes():
    # The check above must be able to fail: Altair's own output loads Vega from a CDN.
    import altair as alt
    import pandas as pd

    chart = alt.Chart(pd.DataFrame({"x": [1]})).mark_point().encode(x="x:Q")
    with alt.renderers.enable("default"):
        bundle = chart._repr_mimebundle_()
    data = bundle[0] if isinstance(bundle, tuple) else bundle
    notebook = nbformat.v4.new_notebook(
        cells=[nbformat.v4.new_code_cell(outputs=[nbformat.v4.new_output("display_data", data=data)])]
    )
    assert external_loads(notebook)
    render.enable()


def _page(outputs: list[str], *, require_js: bool) -> str:
    # Classic Jupyter Notebook pages carry require.js, whose define() the Vega bundle must not use.
    amd = "<script>window.define = function () {}; window.define.amd = {};</script>" if require_js else ""
    body = "".join(f'<div class="output">{html}</div>' for html in outputs)
    return (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">{amd}</head><body>{body}</body></html>'
    )


def _chart_states(frame) -> list[tuple[str | None, bool]]:
    states = frame.evaluate(
        """() => [...document.querySelectorAll('div.seckill-kernel-chart')].map(
            c => [c.dataset.seckillState || null, !!c.querySelector('svg.marks, canvas.marks')])"""
    )
    return [tuple(state) for state in states]


def _wait_until_drawn(frame, timeout_ms: int = 20_000) -> None:
    frame.wait_for_function(
        """() => [...document.querySelectorAll('div.seckill-kernel-chart')]
                 .every(c => ['drawn', 'failed'].includes(c.dataset.seckillState))""",
        timeout=timeout_ms,
    )


@pytest.mark.notebooks
@pytest.mark.browser
@pytest.mark.parametrize("require_js", [False, True], ids=["lab", "classic-notebook"])
def test_executed_notebook_draws_its_charts_in_chromium_offline(browser, tmp_path, require_js):
    """All outputs on one page, as Jupyter Notebook, JupyterLab and VS Code show them."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    outputs = html_outputs(executed(ROOT / "notebooks" / "01-buy-it.ipynb"))
    charts = sum("vega" in html.lower() for html in outputs)  # a chart output, whichever renderer
    (tmp_path / "notebook.html").write_text(_page(outputs, require_js=require_js))
    with site_check.serve(tmp_path) as url:
        context, page, problems = site_check.open_page(browser, url, "notebook.html")
        try:
            page.wait_for_function(
                "n => document.querySelectorAll('svg.marks, canvas.marks').length >= n",
                arg=charts,
                timeout=20_000,
            )
        except PlaywrightTimeout:
            pass  # the assertions below say what is missing
        finally:
            drawn = page.locator("svg.marks, canvas.marks").count()
            states = _chart_states(page)
            context.close()
    assert not problems["external"], "requests to other hosts"
    assert charts >= 2 and drawn == charts, f"{drawn} of {charts} charts drawn"
    assert states == [("drawn", True)] * charts
    assert not problems["console"] and not problems["exceptions"]


@pytest.mark.browser
def test_in_colab_each_output_draws_in_a_frame_of_its_own(browser, tmp_path, monkeypatch):
    """Colab shows each output in its own frame, so each chart brings the Vega bundle."""
    import sys
    import types

    from seckill.calibrations import singles_day
    from seckill.chapters import ch01

    monkeypatch.delenv(render.BUILD_ENV_VAR, raising=False)
    monkeypatch.setitem(sys.modules, "google.colab", types.ModuleType("google.colab"))
    render.enable()
    series = singles_day.singles_day_table()
    outputs = []
    for chart in (ch01.gmv_chart(series), ch01.gmv_chart(series, log_scale=True)):
        bundle = chart._repr_mimebundle_()
        outputs.append((bundle[0] if isinstance(bundle, tuple) else bundle)["text/html"])
    render.enable()
    for number, html in enumerate(outputs):
        (tmp_path / f"output{number}.html").write_text(_page([html], require_js=False))
    frames = "".join(f'<iframe src="output{n}.html" width="700" height="600"></iframe>' for n in range(2))
    (tmp_path / "colab.html").write_text(f"<!DOCTYPE html><html><body>{frames}</body></html>")
    with site_check.serve(tmp_path) as url:
        context, page, problems = site_check.open_page(browser, url, "colab.html")
        try:
            frames = [frame for frame in page.frames if frame != page.main_frame]
            for frame in frames:
                _wait_until_drawn(frame)
            states = [state for frame in frames for state in _chart_states(frame)]
        finally:
            context.close()
    assert states == [("drawn", True)] * 2
    assert not problems["external"] and not problems["console"] and not problems["exceptions"]


@pytest.mark.browser
def test_a_chart_whose_bundle_is_missing_says_how_to_draw_it(browser, tmp_path, monkeypatch):
    """A notebook saved after its first chart's output was cleared: the others cannot draw."""
    import altair as alt
    import pandas as pd

    monkeypatch.delenv(render.BUILD_ENV_VAR, raising=False)
    monkeypatch.delitem(__import__("sys").modules, "google.colab", raising=False)
    render.enable()
    chart = alt.Chart(pd.DataFrame({"x": [1, 2]})).mark_point().encode(x="x:Q")
    chart._repr_mimebundle_()  # the first chart, with the bundle, is not on the page
    bundle = chart._repr_mimebundle_()
    html = (bundle[0] if isinstance(bundle, tuple) else bundle)["text/html"]
    (tmp_path / "saved.html").write_text(_page([html], require_js=False))
    with site_check.serve(tmp_path) as url:
        context, page, problems = site_check.open_page(browser, url, "saved.html")
        try:
            page.wait_for_function(
                "() => document.querySelector('.seckill-chart-status').textContent.length > 0", timeout=10_000
            )
            status = page.text_content(".seckill-chart-status")
        finally:
            context.close()
    assert status == render.WAITING_NOTE
    assert not problems["external"] and not problems["exceptions"]
