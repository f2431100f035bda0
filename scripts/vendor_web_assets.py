"""Rebuild the vendored Vega bundle in ``sitebuild/web/vendor/`` from the npm registry.

Why: the book must render its charts with no CDN (readers in mainland China, offline classrooms),
so Vega, Vega-Lite and Vega-Embed are served from the book's own files. This script makes that copy
reproducible: it downloads the pinned releases with ``npm pack`` (npm checks each tarball against the
registry's integrity hash), concatenates their minified UMD builds into one file, and records
versions, SHA-256 digests and licences in ``VENDOR.json``. ``tests/test_web_assets.py`` checks the
committed files against that record.

The readers' package carries the same bundle, gzipped, with its licences, in ``seckill/charts/vega/``:
a live kernel has no site to fetch it from, so the kernel renderer (``seckill.charts.render``) puts it
into the notebook itself. ``python -m scripts.vendor_web_assets --package-only`` rewrites that copy
from the bundle already in ``sitebuild/web/vendor/`` (no npm needed).

The pages' Content-Security-Policy forbids ``Function()``, with which Vega compiles expressions by
default. Vega-Embed's build carries Vega's expression interpreter (``vega-interpreter``, a
dependency it bundles), which the page script turns on with ``ast: true``; no separate package is
needed.

The UMD builds register as AMD modules instead of globals when require.js is on the page, which
would leave ``window.vegaEmbed`` undefined. The bundle hides ``define`` while the three libraries
load and restores it afterwards, so charts work with or without require.js.

Usage (needs Node.js/npm and the npm registry): ``python -m scripts.vendor_web_assets``
"""

from __future__ import annotations

import gzip
import hashlib
import json
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENDOR_DIR = ROOT / "sitebuild" / "web" / "vendor"
BUNDLE_NAME = "vega-bundle.min.js"
PACKAGE_COPY_DIR = ROOT / "seckill" / "charts" / "vega"
PACKAGE_BUNDLE_NAME = BUNDLE_NAME + ".gz"

# Vega-Lite is pinned to the schema version Altair writes (altair.SCHEMA_VERSION); Vega and
# Vega-Embed to the releases that Vega-Lite and Altair's templates accept.
PACKAGES = [
    ("vega", "6.4.0", "build/vega.min.js"),
    ("vega-lite", "6.4.1", "build/vega-lite.min.js"),
    ("vega-embed", "7.3.0", "build/vega-embed.min.js"),
]

PRELUDE = "/* seckill: hide AMD define so the UMD builds below set globals */\n" + (
    "window.__seckillDefine=window.define;window.define=undefined;\n"
)
POSTLUDE = "\nwindow.define=window.__seckillDefine;delete window.__seckillDefine;\n"
SOURCE_MAP = re.compile(r"^//# sourceMappingURL=.*$", re.MULTILINE)


def sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def fetch(name: str, version: str, member: str, workdir: Path) -> tuple[bytes, bytes, str]:
    """Return (minified build, licence text, tarball integrity) for one npm package."""
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


def main() -> None:
    VENDOR_DIR.mkdir(parents=True, exist_ok=True)
    manifest = {"bundle": BUNDLE_NAME, "packages": []}
    parts = [PRELUDE]
    with tempfile.TemporaryDirectory() as tmp:
        for name, version, member in PACKAGES:
            build, licence, integrity = fetch(name, version, member, Path(tmp))
            text = SOURCE_MAP.sub("", build.decode("utf-8"))
            parts.append(f"\n/* {name}@{version} ({member}), BSD-3-Clause, see licenses/{name}.LICENSE */\n")
            parts.append(text)
            (VENDOR_DIR / "licenses").mkdir(exist_ok=True)
            (VENDOR_DIR / "licenses" / f"{name}.LICENSE").write_bytes(licence)
            manifest["packages"].append(
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
    bundle = "".join(parts).encode("utf-8")
    (VENDOR_DIR / BUNDLE_NAME).write_bytes(bundle)
    manifest["sha256_of_bundle"] = sha256(bundle)
    (VENDOR_DIR / "VENDOR.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {VENDOR_DIR / BUNDLE_NAME} ({len(bundle):,} bytes)")
    write_package_copy()


def write_package_copy() -> None:
    """Copy the vendored bundle (gzipped) and its licences into the readers' package."""
    bundle = (VENDOR_DIR / BUNDLE_NAME).read_bytes()
    (PACKAGE_COPY_DIR / "licenses").mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the file byte-for-byte the same when the bundle is unchanged.
    packed = gzip.compress(bundle, compresslevel=9, mtime=0)
    (PACKAGE_COPY_DIR / PACKAGE_BUNDLE_NAME).write_bytes(packed)
    for licence in sorted((VENDOR_DIR / "licenses").glob("*.LICENSE")):
        shutil.copy2(licence, PACKAGE_COPY_DIR / "licenses" / licence.name)
    print(f"wrote {PACKAGE_COPY_DIR / PACKAGE_BUNDLE_NAME} ({len(packed):,} bytes)")


if __name__ == "__main__":
    if sys.argv[1:] == ["--package-only"]:
        write_package_copy()
        raise SystemExit(0)
    if shutil.which("npm") is None:
        raise SystemExit("npm is needed to fetch the pinned packages from the npm registry")
    main()
