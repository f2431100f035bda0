"""No stale pages: a build re-runs what depends on an input that changed since the last build.

Registered by :mod:`sitebuild.sphinxext`. Sphinx re-reads a page, and MyST-NB's execution cache
(jupyter-cache) re-runs a notebook, only when the page's own text changes: jupyter-cache keys a
cached run on the notebook's code cells and kernel name alone. But what a page shows also depends
on files outside it, and a plain ``jupyter-book build .`` would otherwise publish the old chart
after a CSV in ``data/`` changed. Two digests close that gap:

- **Execution inputs**: the ``seckill`` package the kernels import, the data package they read
  (``data/``) and the versions of the installed Python packages. The execution cache lives in a
  folder named after this digest (``_build/.jupyter_cache/inputs-<digest>/``), so a cached run
  can only ever be reused by a build with the same inputs; a build with other inputs starts an
  empty cache and runs every executed page again. The folders of other digests are removed.
- **Page inputs**: the build-only ``sitebuild/`` (this extension, the theme fixes, the page
  script and styles), and the bibliography files (``bibtex_bibfiles``): every page that cites an
  entry copies it into its citations' tooltips, and sphinxcontrib-bibtex re-reads only the
  bibliography page when an entry changes. They change how pages are read and written, not what
  the kernels compute, so a change re-reads and re-writes every page but serves the notebooks
  from the cache.

Both digests are Sphinx configuration values that ask for a re-read when they change, so Sphinx
itself notices a change (its log says ``[config changed ('seckill_execution_inputs')]``).

Every executed page imports ``seckill`` and reads ``data/`` through it, so a change to either
re-runs all of them: tracing which page reads which module or table would need the kernels to
report what they touched, and a wrong trace would publish a stale page. Pages without code
(glossary, bibliography...) are re-read, which costs well under a second each, and never run.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
from collections.abc import Iterable
from pathlib import Path

import seckill
from seckill import data

EXECUTION_INPUTS = "seckill_execution_inputs"
PAGE_INPUTS = "seckill_page_inputs"
CACHE_PREFIX = "inputs-"
SITEBUILD_DIR = Path(__file__).resolve().parent


def _files(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if path.is_file() and "__pycache__" not in path.parts)


def _digest(folders: Iterable[tuple[str, Path]], extra: Iterable[str] = ()) -> str:
    sha = hashlib.sha256()
    for label, folder in folders:
        for path in _files(folder):
            sha.update(f"{label}/{path.relative_to(folder).as_posix()}\0".encode())
            sha.update(hashlib.sha256(path.read_bytes()).digest())
    for line in extra:
        sha.update(f"{line}\n".encode())
    return sha.hexdigest()


def _installed_packages() -> list[str]:
    return sorted(
        f"{dist.metadata['Name']}=={dist.version}".lower() for dist in importlib.metadata.distributions()
    )


def execution_inputs_digest(srcdir: Path) -> str:
    """What the kernels' outputs depend on besides each page's own text.

    The package is the one this process imports (the kernels the build starts inherit its
    environment, so they import the same one); a ``seckill/`` beside the book, if another, too.
    """
    package = Path(seckill.__file__).resolve().parent
    folders = [("seckill", package), ("data", data.find_data_dir(srcdir))]
    beside = (srcdir / "seckill").resolve()
    if beside.is_dir() and beside != package:
        folders.append(("seckill-beside-book", beside))
    return _digest(folders, _installed_packages())


def page_inputs_digest(bibliographies: Iterable[Path] = ()) -> str:
    """What the reading and writing of every page depends on besides its own text."""
    return _digest(
        [("sitebuild", SITEBUILD_DIR)],
        (
            f"bibliography {path.name} {hashlib.sha256(path.read_bytes()).hexdigest()}"
            for path in bibliographies
        ),
    )


def _follow_bibliographies(app, config) -> None:
    """Add the bibliography files to the page inputs (their names are only known once configured)."""
    names = getattr(config, "bibtex_bibfiles", None) or []
    files = [Path(app.srcdir, name) for name in names if Path(app.srcdir, name).is_file()]
    setattr(config, PAGE_INPUTS, page_inputs_digest(files))


def _use_cache_for_these_inputs(app, config) -> None:
    """Point MyST-NB's execution cache at the folder for this build's execution inputs."""
    if "nb_execution_cache_path" not in config:
        return  # a project without MyST-NB executes nothing, so it has no cache to point
    digest = config[EXECUTION_INPUTS][:16]
    base = Path(config.nb_execution_cache_path or Path(app.outdir).parent / ".jupyter_cache")
    cache = base / f"{CACHE_PREFIX}{digest}"
    config.nb_execution_cache_path = str(cache)
    if base.is_dir():
        for other in base.glob(f"{CACHE_PREFIX}*"):
            if other != cache and other.is_dir():
                shutil.rmtree(other)


def setup(app):
    srcdir = Path(app.srcdir)
    app.add_config_value(EXECUTION_INPUTS, execution_inputs_digest(srcdir), "env", str)
    app.add_config_value(PAGE_INPUTS, page_inputs_digest(), "env", str)
    # MyST-NB reads its settings at builder-inited; this runs before that.
    app.connect("config-inited", _use_cache_for_these_inputs)
    app.connect("config-inited", _follow_bibliographies)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
