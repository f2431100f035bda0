"""Rebuild the vendored Vega libraries from the npm registry: the site's bundle in
``sitebuild/web/vendor/`` and the readers' package copy in ``seckill/charts/vega/``.

Why: the book must render its charts with no CDN (readers in mainland China, offline classrooms),
so Vega is served from the book's own files. This script makes those copies reproducible from
pinned npm packages (npm checks each tarball against the registry's integrity hash) and records
versions, integrity hashes, SHA-256 digests and licences in ``VENDOR.json``.
``tests/test_web_assets.py`` checks the committed files against that record.

Two bundles, for two ways of drawing a chart:

- **The site** (``vega-site.min.js``): the parts of Vega the book's charts use, with its expression
  interpreter (``vega-interpreter``) and tooltip handler (``vega-tooltip``), bundled and minified
  by esbuild from the Vega modules themselves (``scripts/vega_site/``: ``index.js`` says what is
  in and what is left out, ``package.json`` and ``package-lock.json`` pin every package and
  esbuild). The build compiles each chart's Vega-Lite spec to Vega (``sitebuild/pictures.py``), so
  a reader's browser needs neither Vega-Lite nor vega-embed, and Vega's modules for maps,
  networks, trees, Voronoi diagrams, word clouds, regressions, label placement and crossfiltering
  draw none of the book's charts: a reader who touches a chart downloads and runs less before it
  is live. What the bundle registers (transforms, marks, scale types, expression functions) is
  read back from the built file with Node (``scripts/vega_site/registry.cjs``) into
  ``VENDOR.json``, and the book's build refuses a chart that needs anything else
  (``sitebuild/vega_support.py``). The pages' Content-Security-Policy forbids ``Function()``,
  with which Vega compiles expressions by default: the page script gives the view the interpreter.
- **The readers' package** (``vega-bundle.min.js.gz``, gzipped, about 280 kB): Vega, Vega-Lite and
  Vega-Embed as released (``npm pack``), for charts in a live kernel, which has no site to fetch
  from and no build to compile its specs: the kernel renderer (``seckill.charts.render``) puts it
  into the notebook itself. The UMD builds register as AMD modules instead of globals when
  require.js is on the page (Jupyter Notebook), which would leave ``window.vega`` undefined, so the
  bundle hides ``define`` while its libraries load and restores it afterwards.

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
SITE_SOURCE_DIR = ROOT / "scripts" / "vega_site"
PACKAGE_COPY_DIR = ROOT / "seckill" / "charts" / "vega"
PACKAGE_BUNDLE_NAME = "vega-bundle.min.js"

# (name, version, file in the tarball). Vega-Lite is pinned to the schema version Altair writes
# (altair.SCHEMA_VERSION); Vega and Vega-Embed to the releases that Vega-Lite and Altair's
# templates accept. The site's bundle takes the same Vega release (scripts/vega_site/package.json).
PACKAGE_PACKAGES = [
    ("vega", "6.4.0", "build/vega.min.js"),
    ("vega-lite", "6.4.1", "build/vega-lite.min.js"),
    ("vega-embed", "7.3.0", "build/vega-embed.min.js"),
]

# esbuild's options for the site bundle: one script that sets its globals when it runs (an IIFE,
# so require.js on a page cannot capture it), minified, for the browsers the book supports; the
# licences go to licenses/ beside it instead of into the file every reader downloads.
ESBUILD_OPTIONS = [
    "--bundle",
    "--format=iife",
    "--minify",
    "--target=es2020",
    "--legal-comments=none",
    "--charset=utf8",
    # vega-functions' map functions, unregistered in index.js, draw on d3-geo; nothing else does.
    "--alias:d3-geo=./stubs/d3-geo.js",
]

PRELUDE = "/* seckill: hide AMD define so the UMD builds below set globals */\n" + (
    "window.__seckillDefine=window.define;window.define=undefined;\n"
)
POSTLUDE = "\nwindow.define=window.__seckillDefine;delete window.__seckillDefine;\n"
SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)
LICENCE_FILES = ("LICENSE", "LICENSE.md", "LICENSE.txt", "license", "LICENCE")


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


def package_bundle(workdir: Path, licence_dir: Path) -> tuple[bytes, list[dict]]:
    """The readers' package bundle: the released builds in one script, and their records."""
    parts, records = [PRELUDE], []
    licence_dir.mkdir(parents=True, exist_ok=True)
    for name, version, member in PACKAGE_PACKAGES:
        build, licence, integrity = fetch(name, version, member, workdir)
        text = SOURCE_MAP.sub("", build.decode("utf-8"))
        parts.append(f"\n/* {name}@{version} ({member}), BSD-3-Clause, see licenses/{name}.LICENSE */\n")
        parts.append(text)
        (licence_dir / f"{name}.LICENSE").write_bytes(licence)
        records.append(
            {
                "name": name,
                "version": version,
                "file": member,
                "npm_integrity": integrity,
                "sha256_of_file": sha256(build),
                "license": "BSD-3-Clause",
            }
        )
    parts.append(POSTLUDE)
    return "".join(parts).encode("utf-8"), records


def _package_folder(source: str) -> str | None:
    """``node_modules/<package>`` of a file esbuild read, or None for the bundle's own sources."""
    match = re.match(r"node_modules/((?:@[^/]+/)?[^/]+)/", source)
    return f"node_modules/{match.group(1)}" if match else None


def _licence(folder: Path) -> bytes:
    for name in LICENCE_FILES:
        if (folder / name).is_file():
            return (folder / name).read_bytes()
    raise SystemExit(f"{folder.name}: no licence file in the package; look before bundling it")


def site_bundle(licence_dir: Path) -> tuple[bytes, list[dict], dict, dict]:
    """The site bundle built from ``scripts/vega_site``: (bytes, a record per bundled package, the
    bundler's record, what the bundle registers)."""
    source = SITE_SOURCE_DIR
    # npm ci installs exactly what the lock file says, each tarball checked against its integrity.
    subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--silent"], cwd=source, check=True)
    lock = json.loads((source / "package-lock.json").read_text(encoding="utf-8"))["packages"]
    with tempfile.TemporaryDirectory() as tmp:
        out, meta = Path(tmp) / SITE_BUNDLE_NAME, Path(tmp) / "meta.json"
        esbuild = source / "node_modules" / ".bin" / "esbuild"
        command = [str(esbuild), "index.js", *ESBUILD_OPTIONS, f"--outfile={out}", f"--metafile={meta}"]
        subprocess.run(command, cwd=source, check=True)
        inputs = json.loads(meta.read_text(encoding="utf-8"))["inputs"]
        body = out.read_bytes()
        registers = json.loads(
            subprocess.run(
                ["node", str(source / "registry.cjs"), str(out)], check=True, capture_output=True, text=True
            ).stdout
        )
    folders = sorted({folder for folder in map(_package_folder, inputs) if folder})
    licence_dir.mkdir(parents=True, exist_ok=True)
    for old in licence_dir.glob("*.LICENSE"):
        old.unlink()
    records = []
    for folder in folders:
        entry = lock[folder]
        name = folder.removeprefix("node_modules/")
        records.append(
            {
                "name": name,
                "version": entry["version"],
                "npm_integrity": entry["integrity"],
                "license": entry["license"],
            }
        )
        (licence_dir / f"{name.replace('/', '__')}.LICENSE").write_bytes(_licence(source / folder))
    bundler = lock["node_modules/esbuild"]
    bundler_record = {
        "name": "esbuild",
        "version": bundler["version"],
        "npm_integrity": bundler["integrity"],
        "options": ESBUILD_OPTIONS,
    }
    vega = lock["node_modules/vega"]["version"]
    header = (
        f"/* seckill's Vega bundle: modules of vega@{vega} with vega-interpreter "
        f"and vega-tooltip, built by esbuild@{bundler['version']} (scripts/vega_site); the packages and "
        "their licences: VENDOR.json and licenses/ beside this file */\n"
    )
    return header.encode("utf-8") + body, records, bundler_record, registers


def main() -> None:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    PACKAGE_COPY_DIR.mkdir(parents=True, exist_ok=True)
    site, site_records, bundler, registers = site_bundle(VENDOR_DIR / "licenses")
    sources = json.loads((SITE_SOURCE_DIR / "package.json").read_text(encoding="utf-8"))
    vega_release = sources["dependencies"]["vega"]
    with tempfile.TemporaryDirectory() as tmp:
        package, package_records = package_bundle(Path(tmp), PACKAGE_COPY_DIR / "licenses")
    (VENDOR_DIR / SITE_BUNDLE_NAME).write_bytes(site)
    # mtime=0 keeps the file byte-for-byte the same when the bundle is unchanged.
    packed = gzip.compress(package, compresslevel=9, mtime=0)
    (PACKAGE_COPY_DIR / (PACKAGE_BUNDLE_NAME + ".gz")).write_bytes(packed)
    manifest = {
        "site": {
            "bundle": SITE_BUNDLE_NAME,
            # The Vega release whose modules (at the versions it depends on) the bundle is made of.
            "vega": vega_release,
            "bundler": bundler,
            "packages": site_records,
            "sha256_of_bundle": sha256(site),
            "registers": registers,
        },
        "package": {
            "bundle": f"seckill/charts/vega/{PACKAGE_BUNDLE_NAME}.gz",
            "packages": package_records,
            "sha256_of_bundle": sha256(package),
        },
    }
    (VENDOR_DIR / "VENDOR.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    gzipped = len(gzip.compress(site, compresslevel=9))
    print(f"wrote {VENDOR_DIR / SITE_BUNDLE_NAME} ({len(site):,} bytes, {gzipped:,} gzipped)")
    print(f"wrote {PACKAGE_COPY_DIR / PACKAGE_BUNDLE_NAME}.gz ({len(packed):,} bytes)")


if __name__ == "__main__":
    if shutil.which("npm") is None or shutil.which("node") is None:
        raise SystemExit("Node.js and npm are needed to fetch the pinned packages from the npm registry")
    main()
