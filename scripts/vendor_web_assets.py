"""Rebuild the vendored Vega libraries from the npm registry: the site's bundle in
``sitebuild/web/vendor/`` and the readers' package copy in ``seckill/charts/vega/``.

Why: the book must render its charts with no CDN (readers in mainland China, offline classrooms),
so Vega is served from the book's own files. This script makes those copies reproducible: it
downloads the pinned releases with ``npm pack`` (npm checks each tarball against the registry's
integrity hash), concatenates their builds into one file per use, and records versions, SHA-256
digests and licences in ``VENDOR.json``. ``tests/test_web_assets.py`` checks the committed files
against that record.

Two bundles, for two ways of drawing a chart:

- **The site** (``vega-site.min.js``, about 190 kB gzipped): Vega alone, with its expression
  interpreter (``vega-interpreter``) and tooltip handler (``vega-tooltip``). The build compiles each
  chart's Vega-Lite spec to Vega (``sitebuild/pictures.py``, with vl-convert's Vega-Lite of the same
  version as the package copy's), so a reader's browser needs neither Vega-Lite nor vega-embed:
  less to fetch and to run between touching a chart and seeing it live. The two small libraries
  are published as ES modules only; the bundle turns each into a global (``vegaInterpreter``,
  ``vegaTooltip``) by replacing its one ``import`` from ``vega-util`` with the same names read
  from the ``vega`` global (Vega re-exports vega-util) and its one ``export`` with the global.
  The pages' Content-Security-Policy forbids ``Function()``, with which Vega compiles expressions
  by default: the page script gives the view the interpreter instead.
- **The readers' package** (``vega-bundle.min.js.gz``, gzipped, about 280 kB): Vega, Vega-Lite and
  Vega-Embed, for charts in a live kernel, which has no site to fetch from and no build to compile
  its specs: the kernel renderer (``seckill.charts.render``) puts it into the notebook itself.

The UMD builds register as AMD modules instead of globals when require.js is on the page (Jupyter
Notebook), which would leave ``window.vega`` undefined. Each bundle hides ``define`` while its
libraries load and restores it afterwards, so charts work with or without require.js.

Usage (needs Node.js/npm and the npm registry): ``python -m scripts.vendor_web_assets``
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = ROOT / "sitebuild" / "web" / "vendor"
SITE_BUNDLE_NAME = "vega-site.min.js"
PACKAGE_COPY_DIR = ROOT / "seckill" / "charts" / "vega"
PACKAGE_BUNDLE_NAME = "vega-bundle.min.js"

# (name, version, file in the tarball, global it sets when it is an ES module, else None).
# Vega-Lite is pinned to the schema version Altair writes (altair.SCHEMA_VERSION); Vega and
# Vega-Embed to the releases that Vega-Lite and Altair's templates accept; vega-interpreter and
# vega-tooltip to the releases that Vega-Embed 7.3.0 bundles.
SITE_PACKAGES = [
    ("vega", "6.4.0", "build/vega.min.js", None),
    ("vega-interpreter", "2.3.2", "build/vega-interpreter.js", "vegaInterpreter"),
    ("vega-tooltip", "1.1.0", "build/index.js", "vegaTooltip"),
]
PACKAGE_PACKAGES = [
    ("vega", "6.4.0", "build/vega.min.js", None),
    ("vega-lite", "6.4.1", "build/vega-lite.min.js", None),
    ("vega-embed", "7.3.0", "build/vega-embed.min.js", None),
]

PRELUDE = "/* seckill: hide AMD define so the UMD builds below set globals */\n" + (
    "window.__seckillDefine=window.define;window.define=undefined;\n"
)
POSTLUDE = "\nwindow.define=window.__seckillDefine;delete window.__seckillDefine;\n"
SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
_IMPORT = re.compile(r"^import \{([^}]*)\} from 'vega-util';$", re.MULTILINE)
_EXPORT = re.compile(r"^export \{([^}]*)\};$", re.MULTILINE)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(name: str, version: str, member: str, workdir: Path) -> tuple[bytes, bytes, str]:
    """Return (build file, licence text, tarball integrity) for one npm package."""
    out = subprocess.run(
        ["npm", "pack", f"{name}@{version}", "--json", "--pack-destination", str(workdir)],
        check=True,
        capture_output=True,
        text=True,
    )
    info = json.loads(out.stdout)[0]
    with tarfile.open(workdir / info["filename"]) as tar:
        build = tar.extractfile(f"package/{member}").read()
        licence = tar.extractfile("package/LICENSE").read()
    return build, licence, info["integrity"]


def module_as_global(text: str, global_name: str) -> str:
    """An ES module that imports only from vega-util, as a script that sets ``window[global_name]``.

    Raises ``ValueError`` unless the module has exactly one such import and one export list, the
    shape this rewriting knows: a new release of another shape must be looked at, not guessed at.
    """
    imports, exports = _IMPORT.findall(text), _EXPORT.findall(text)
    if (
        len(imports) != 1
        or len(exports) != 1
        or re.search(r"^(import|export)\b", _EXPORT.sub("", _IMPORT.sub("", text)), re.M)
    ):
        raise ValueError(f"{global_name}: not a module with one import from vega-util and one export")
    names = [n.strip() for n in imports[0].split(",") if n.strip()]
    body = _IMPORT.sub(lambda _: "var {" + ", ".join(names) + "} = window.vega;", text)
    members = []
    for item in exports[0].split(","):
        local, _, exported = item.strip().partition(" as ")
        members.append(f"{(exported or local).strip()}: {local.strip()}")
    body = _EXPORT.sub(lambda _: f"window.{global_name} = {{{', '.join(members)}}};", body)
    return "(function () {\n" + body + "\n})();\n"


def bundle(packages, workdir: Path, licence_dir: Path) -> tuple[bytes, list[dict]]:
    """The packages' builds in one script, and their records for VENDOR.json."""
    parts, records = [PRELUDE], []
    licence_dir.mkdir(parents=True, exist_ok=True)
    for name, version, member, global_name in packages:
        build, licence, integrity = fetch(name, version, member, workdir)
        text = SOURCE_MAP.sub("", build.decode("utf-8"))
        if global_name:
            text = module_as_global(text, global_name)
        parts.append(f"\n/* {name}@{version} ({member}), BSD-3-Clause, see licenses/{name}.LICENSE */\n")
        parts.append(text)
        (licence_dir / f"{name}.LICENSE").write_bytes(licence)
        record = {
            "name": name,
            "version": version,
            "file": member,
            "npm_integrity": integrity,
            "sha256_of_file": sha256(build),
            "license": "BSD-3-Clause",
        }
        if global_name:
            record["global"] = global_name
        records.append(record)
    parts.append(POSTLUDE)
    return "".join(parts).encode("utf-8"), records


def main() -> None:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    PACKAGE_COPY_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        site, site_records = bundle(SITE_PACKAGES, Path(tmp), VENDOR_DIR / "licenses")
        package, package_records = bundle(PACKAGE_PACKAGES, Path(tmp), PACKAGE_COPY_DIR / "licenses")
    (VENDOR_DIR / SITE_BUNDLE_NAME).write_bytes(site)
    # mtime=0 keeps the file byte-for-byte the same when the bundle is unchanged.
    packed = gzip.compress(package, compresslevel=9, mtime=0)
    (PACKAGE_COPY_DIR / (PACKAGE_BUNDLE_NAME + ".gz")).write_bytes(packed)
    manifest = {
        "site": {"bundle": SITE_BUNDLE_NAME, "packages": site_records, "sha256_of_bundle": sha256(site)},
        "package": {
            "bundle": f"seckill/charts/vega/{PACKAGE_BUNDLE_NAME}.gz",
            "packages": package_records,
            "sha256_of_bundle": sha256(package),
        },
    }
    (VENDOR_DIR / "VENDOR.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {VENDOR_DIR / SITE_BUNDLE_NAME} ({len(site):,} bytes)")
    print(f"wrote {PACKAGE_COPY_DIR / PACKAGE_BUNDLE_NAME}.gz ({len(packed):,} bytes)")


if __name__ == "__main__":
    if shutil.which("npm") is None:
        raise SystemExit("npm is needed to fetch the pinned packages from the npm registry")
    main()
