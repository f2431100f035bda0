"""A laptop's path: the readers' requirements give a JupyterLab that runs offline and draws widgets.

``jupyter lab`` is started headless on a free port with a token, in a temporary folder holding one
notebook; Chromium opens it with every other host blocked, runs it, and the ipywidgets slider must be
drawn by the widget manager (the lab extension that ``jupyterlab_widgets`` ships). Without the
extension, JupyterLab shows the slider's text form instead.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlparse

import nbformat
import pytest

pytestmark = pytest.mark.browser

JUPYTER = Path(sys.executable).parent / "jupyter"
TOKEN = "seckill-test-token"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _isolated_env(folder: Path) -> dict[str, str]:
    """Keep the server's settings, workspaces and runtime files out of the user's home."""
    env = dict(os.environ)
    for name, sub in [
        ("JUPYTER_CONFIG_DIR", "config"),
        ("JUPYTER_RUNTIME_DIR", "runtime"),
        ("JUPYTERLAB_SETTINGS_DIR", "settings"),
        ("JUPYTERLAB_WORKSPACES_DIR", "workspaces"),
        ("IPYTHONDIR", "ipython"),
    ]:
        env[name] = str(folder / sub)
    return env


@pytest.fixture
def jupyter_lab(tmp_path):
    """A running ``jupyter lab`` serving tmp_path/work; yields (base URL, work folder)."""
    work = tmp_path / "work"
    work.mkdir()
    port = _free_port()
    log = open(tmp_path / "server.log", "wb")  # noqa: SIM115 (closed when the server has stopped)
    server = subprocess.Popen(
        [
            str(JUPYTER),
            "lab",
            "--no-browser",
            f"--ServerApp.port={port}",
            "--ServerApp.ip=127.0.0.1",
            f"--IdentityProvider.token={TOKEN}",
            f"--ServerApp.root_dir={work}",
            "--LabApp.expose_app_in_browser=True",  # lets the test run the notebook's cells
            *(["--allow-root"] if os.geteuid() == 0 else []),  # containers often run tests as root
        ],
        env=_isolated_env(tmp_path),
        stdout=subprocess.DEVNULL,
        stderr=log,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                with urllib.request.urlopen(f"{base}/api/status?token={TOKEN}", timeout=5) as answer:
                    if answer.status == 200:
                        break
            except (urllib.error.URLError, ConnectionError):
                pass
            if server.poll() is not None or time.monotonic() > deadline:
                pytest.fail("jupyter lab did not start:\n" + (tmp_path / "server.log").read_text()[-3000:])
            time.sleep(0.5)
        yield base, work
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()


def test_jupyter_lab_lists_the_widgets_extension():
    version = subprocess.run([str(JUPYTER), "lab", "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip()[0].isdigit()
    extensions = subprocess.run(
        [str(JUPYTER), "labextension", "list"], capture_output=True, text=True, check=True
    )
    listing = extensions.stdout + extensions.stderr
    assert "@jupyter-widgets/jupyterlab-manager" in listing and "jupyterlab_widgets" in listing


def test_jupyter_lab_serves_a_notebook_and_draws_its_widget_offline(jupyter_lab, browser):
    base, work = jupyter_lab
    notebook = nbformat.v4.new_notebook()
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    notebook.cells = [
        nbformat.v4.new_code_cell(
            "import ipywidgets\nipywidgets.IntSlider(value=7, min=0, max=10, description='probe')"
        )
    ]
    nbformat.write(notebook, work / "probe.ipynb")

    with urllib.request.urlopen(f"{base}/lab?token={TOKEN}", timeout=30) as answer:
        assert answer.status == 200 and "JupyterLab" in answer.read().decode()

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    external = []

    def route(route):
        if urlparse(route.request.url).netloc == urlparse(base).netloc or route.request.url.startswith(
            ("data:", "blob:")
        ):
            route.continue_()
        else:
            external.append(route.request.url)
            route.abort()

    page.route("**/*", route)
    try:
        page.goto(f"{base}/lab/tree/probe.ipynb?token={TOKEN}", wait_until="load", timeout=90_000)
        page.wait_for_function(
            "() => window.jupyterapp && document.querySelector('.jp-Notebook .jp-Cell')", timeout=90_000
        )
        # Wait for the kernel, then run the notebook as a reader would with Shift+Enter.
        page.wait_for_function(
            """() => {
                const panel = window.jupyterapp.shell.currentWidget;
                const kernel = panel && panel.sessionContext && panel.sessionContext.session
                    && panel.sessionContext.session.kernel;
                return kernel && kernel.status === 'idle';
            }""",
            timeout=90_000,
        )
        page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
        output = page.locator(".jp-OutputArea-output").first
        output.wait_for(timeout=60_000)
        slider = page.locator(".jp-OutputArea-output .widget-slider")
        slider.wait_for(timeout=30_000)
        assert "probe" in slider.inner_text()
        assert page.locator(".jp-OutputArea-output .widget-readout").inner_text().strip() == "7"
        assert external == [], f"JupyterLab asked other hosts: {external}"
    finally:
        context.close()
