"""The package's floors: what may import what, and what readers install.

Floors, bottom to top (README, "How the repository is organised"): models, data loading and
control declarations; shared calibrations and chart machinery; chapters; explorers and the page
glue. A module imports only from floors below its own, or from its own subpackage; no chapter
imports another; nothing in the readers' package imports the build-only ``sitebuild`` or Sphinx.
"""

from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "seckill"
BUILD_ONLY = ("sitebuild", "sphinx", "docutils", "myst_nb", "myst_parser", "jupyter_book", "fontTools")
# What a wheel is not built from: version control, environments, outputs of earlier builds.
NOT_COPIED = (".git", ".venv", "_build", "build", "*.egg-info", "__pycache__", ".*_cache", "node_modules")

# Each group of modules (a subpackage, or modules that belong together) and its floor.
FLOORS = {
    # The language of reader-facing texts: under everything that writes one (controls, charts).
    "seckill.i18n": ("language", 0),
    "seckill.models": ("models", 1),
    "seckill.data": ("loading", 1),
    "seckill.validate_data": ("loading", 1),
    "seckill.controls": ("controls", 1),
    "seckill.calibrations": ("calibrations", 2),
    "seckill.charts": ("charts", 2),
    "seckill.chapters": ("chapters", 3),
    "seckill.explorers": ("explorers", 4),
    "seckill.pages": ("pages", 4),
    "seckill.exercises": ("exercises", 4),
}


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def imports(path: Path) -> set[str]:
    """Every module ``path`` imports, at the top or inside a function, as absolute names."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                raise AssertionError(f"{path}: use absolute imports (from seckill... import ...)")
            found.add(node.module)
            # "from seckill.chapters import ch07" imports the module seckill.chapters.ch07
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return {name for name in found if name in MODULES or not name.startswith("seckill")}


def floor_of(name: str) -> tuple[str, int]:
    for prefix, group_and_floor in FLOORS.items():
        if name == prefix or name.startswith(prefix + "."):
            return group_and_floor
    raise AssertionError(f"{name} is on no floor: add it to FLOORS (and to the README's tree)")


def chapter_of(name: str) -> str | None:
    parts = name.split(".")
    return ".".join(parts[:3]) if parts[:2] == ["seckill", "chapters"] and len(parts) > 2 else None


def own_modules(name: str) -> set[str]:
    return {other for other in imports(MODULES[name]) if other.startswith("seckill") and other != "seckill"}


def test_every_module_is_on_a_floor():
    for name in MODULES:
        if name != "seckill":
            floor_of(name)


@pytest.mark.parametrize("name", [n for n in MODULES if n != "seckill"])
def test_a_module_imports_only_from_lower_floors_or_its_own_subpackage(name):
    group, floor = floor_of(name)
    for other in own_modules(name):
        other_group, other_floor = floor_of(other)
        assert other_floor < floor or other_group == group, (
            f"{name} (floor {floor}) imports {other} (floor {other_floor}): a lower floor never "
            "imports a higher one, nor one beside it"
        )


@pytest.mark.parametrize("name", [n for n in MODULES if chapter_of(n)])
def test_no_chapter_imports_another(name):
    for other in own_modules(name):
        if chapter_of(other):
            assert chapter_of(other) == chapter_of(name), f"{name} imports another chapter, {other}"


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("seckill.explorers.")])
def test_an_explorer_uses_the_shared_wiring_not_another_explorer(name):
    others = {o for o in own_modules(name) if o.startswith("seckill.explorers")}
    assert others <= {"seckill.explorers"}, f"{name} imports {others}"


@pytest.mark.parametrize("name", [n for n in MODULES if n.startswith("seckill.models")])
def test_models_are_pure_no_charts_no_loading(name):
    found = imports(MODULES[name])
    assert not {"altair", "seckill.data", "seckill.charts", "ipywidgets"} & found, (name, found)


def test_the_floor_test_sees_a_violation():
    """The checks above would notice a chapter importing another (so they can fail)."""
    offending = ast.parse("from seckill.chapters import ch02\n")
    node = offending.body[0]
    names = {f"{node.module}.{alias.name}" for alias in node.names}
    assert chapter_of(next(iter(names))) == "seckill.chapters.ch02" != chapter_of("seckill.chapters.ch08")
    assert floor_of("seckill.chapters.ch08")[1] > floor_of("seckill.models.growth")[1]


def test_the_readers_package_never_imports_build_machinery():
    """Import every module of the package with Sphinx, MyST-NB and sitebuild made unimportable."""
    script = f"""
import importlib, sys
BLOCKED = {BUILD_ONLY!r}
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in BLOCKED:
            raise ImportError("build-only module imported by the readers' package: " + name)
sys.meta_path.insert(0, Block())
for name in {sorted(MODULES)!r}:
    importlib.import_module(name)
loaded = sorted(m for m in sys.modules if m.split(".")[0] in BLOCKED)
assert not loaded, loaded
print("imported", len({sorted(MODULES)!r}))
"""
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0, result.stderr[-3000:]
    assert f"imported {len(MODULES)}" in result.stdout


def test_the_readers_install_holds_the_package_only(tmp_path):
    """What ``pip install .`` (Binder's postBuild, Colab's setup cell) installs: seckill, no sitebuild."""
    # Build from a copy of the repository, so setuptools' build/ and egg-info stay out of the tree.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(*NOT_COPIED))
    wheels = tmp_path / "wheels"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "-w",
            wheels,
            ".",
        ],
        cwd=source,
        check=True,
        capture_output=True,
    )
    (wheel,) = wheels.glob("seckill-*.whl")
    archive = zipfile.ZipFile(wheel)
    names = archive.namelist()
    top = {name.split("/")[0] for name in names}
    assert {t for t in top if not t.endswith(".dist-info")} == {"seckill"}, top
    assert not [n for n in names if n.endswith((".js", ".css", ".woff2"))], "web assets belong to sitebuild/"
    # ...except the Vega bundle, gzipped, with its licences: charts in a live kernel need it offline.
    vega = {n for n in names if n.startswith("seckill/charts/vega/")}
    assert vega == {
        "seckill/charts/vega/vega-bundle.min.js.gz",
        *(f"seckill/charts/vega/licenses/{name}.LICENSE" for name in ("vega", "vega-lite", "vega-embed")),
    }, vega
    metadata = next(n for n in names if n.endswith("METADATA"))
    requires = [
        line for line in archive.read(metadata).decode().splitlines() if line.startswith("Requires-Dist")
    ]
    assert requires, "the wheel names its dependencies"
    assert not [r for r in requires if "sphinx" in r.lower() or "jupyter-book" in r.lower()], requires


def test_binder_installs_no_book_building_tools():
    pins = (ROOT / "binder" / "requirements.txt").read_text().lower()
    for tool in ("sphinx", "jupyter-book", "myst", "fonttools"):
        assert tool not in pins, tool
