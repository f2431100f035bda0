"""The vendored Vega bundles are what VENDOR.json says they are, and match Altair's Vega-Lite version.

The site carries the parts of Vega its charts use, with its expression interpreter and tooltips,
bundled from pinned npm packages (scripts/vega_site; the build compiles every chart to Vega and
checks it against what the bundle registers, tests/test_vega_support.py); the readers' package
carries Vega, Vega-Lite and Vega-Embed as released, gzipped, for charts in a live kernel
(scripts/vendor_web_assets.py rewrites both).
"""

import gzip
import hashlib
import json
import re
from pathlib import Path

import altair as alt

from sitebuild import pictures

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "sitebuild" / "web"
VENDOR = WEB / "vendor"
PACKAGE_COPY = ROOT / "seckill" / "charts" / "vega"
MANIFEST = json.loads((VENDOR / "VENDOR.json").read_text())


SITE_SOURCE = ROOT / "scripts" / "vega_site"
LOCK = json.loads((SITE_SOURCE / "package-lock.json").read_text())["packages"]
# Vega's modules that the book's charts never use (maps, networks, trees, Voronoi diagrams, word
# clouds, regressions, label placement, crossfiltering), and what Vega-Lite and vega-embed add.
LEFT_OUT = {
    "vega-geo",
    "vega-projection",
    "d3-geo",
    "vega-force",
    "vega-hierarchy",
    "vega-voronoi",
    "vega-wordcloud",
    "vega-regression",
    "vega-label",
    "vega-crossfilter",
    "vega-lite",
    "vega-embed",
}


def test_site_bundle_matches_its_recorded_digest_and_carries_its_libraries():
    site = MANIFEST["site"]
    bundle = (VENDOR / site["bundle"]).read_bytes()
    assert hashlib.sha256(bundle).hexdigest() == site["sha256_of_bundle"]
    text = bundle.decode("utf-8")
    names = {p["name"] for p in site["packages"]}
    assert {"vega-parser", "vega-view", "vega-scenegraph", "vega-interpreter", "vega-tooltip"} <= names
    assert not names & LEFT_OUT
    # Each package at the version and tarball the lock file pins, with its licence beside the bundle.
    for package in site["packages"]:
        locked = LOCK[f"node_modules/{package['name']}"]
        assert (package["version"], package["npm_integrity"]) == (locked["version"], locked["integrity"])
        assert package["license"] == locked["license"]
        assert (VENDOR / "licenses" / f"{package['name'].replace('/', '__')}.LICENSE").is_file()
    assert LOCK["node_modules/esbuild"]["version"] == site["bundler"]["version"]
    # The page script reads these globals; nothing is left to import.
    for name in ["window.vega=", "window.vegaInterpreter=", "window.vegaTooltip="]:
        assert name in text, name
    assert not re.search(r"^(import|export) ", text, re.M)
    assert "sourceMappingURL" not in text  # would make browsers request missing .map files
    assert sorted(p.name for p in (VENDOR / "licenses").iterdir()) == sorted(
        f"{p['name'].replace('/', '__')}.LICENSE" for p in site["packages"]
    )
    assert sorted(p.name for p in VENDOR.iterdir()) == ["VENDOR.json", "licenses", site["bundle"]]


def test_the_site_bundles_sources_are_pinned_exactly():
    package = json.loads((SITE_SOURCE / "package.json").read_text())
    for name, version in package["dependencies"].items():
        assert re.fullmatch(r"\d+\.\d+\.\d+", version), f"{name} {version}: pin an exact version"
        assert LOCK[f"node_modules/{name}"]["version"] == version


def test_package_bundle_matches_its_recorded_digest_and_carries_its_licences():
    package = MANIFEST["package"]
    unpacked = gzip.decompress((ROOT / package["bundle"]).read_bytes())
    assert hashlib.sha256(unpacked).hexdigest() == package["sha256_of_bundle"]
    text = unpacked.decode("utf-8")
    for library in package["packages"]:
        assert f"/* {library['name']}@{library['version']} " in text
        assert (PACKAGE_COPY / "licenses" / f"{library['name']}.LICENSE").is_file()
    assert "sourceMappingURL" not in text


def test_vega_lite_version_matches_the_schema_altair_writes_and_the_builds_compiler():
    versions = {p["name"]: p["version"] for p in MANIFEST["package"]["packages"]}
    assert "v" + versions["vega-lite"] == alt.SCHEMA_VERSION
    # The build compiles the site's charts with vl-convert's Vega-Lite of the same minor version.
    assert versions["vega-lite"].startswith(pictures.VL_VERSION + ".")
    # One Vega for the site and the package: the site's bundle is made of that release's modules.
    assert MANIFEST["site"]["vega"] == versions["vega"] == LOCK["node_modules/vega"]["version"]


def test_page_script_and_styles_do_not_reference_other_hosts():
    for path in [WEB / "seckill.js", WEB / "seckill.css"]:
        text = path.read_text()
        assert "http://" not in text and "https://" not in text, path.name
