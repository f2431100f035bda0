"""The vendored Vega bundle is what VENDOR.json says it is, and matches Altair's Vega-Lite version.

The readers' package carries the same bundle, gzipped, for charts in a live kernel.
"""

import gzip
import hashlib
import json
from pathlib import Path

import altair as alt

ROOT = Path(__file__).resolve().parent.parent
WEB = ROOT / "sitebuild" / "web"
VENDOR = WEB / "vendor"
PACKAGE_COPY = ROOT / "seckill" / "charts" / "vega"


def test_bundle_matches_its_recorded_digest():
    manifest = json.loads((VENDOR / "VENDOR.json").read_text())
    bundle = (VENDOR / manifest["bundle"]).read_bytes()
    assert hashlib.sha256(bundle).hexdigest() == manifest["sha256_of_bundle"]


def test_bundle_contains_the_pinned_libraries_and_their_licences():
    manifest = json.loads((VENDOR / "VENDOR.json").read_text())
    bundle = (VENDOR / manifest["bundle"]).read_text()
    for package in manifest["packages"]:
        assert f"/* {package['name']}@{package['version']} " in bundle
        assert (VENDOR / "licenses" / f"{package['name']}.LICENSE").is_file()
    assert "sourceMappingURL" not in bundle  # would make browsers request missing .map files


def test_vega_lite_version_matches_the_schema_altair_writes():
    manifest = json.loads((VENDOR / "VENDOR.json").read_text())
    versions = {p["name"]: p["version"] for p in manifest["packages"]}
    assert "v" + versions["vega-lite"] == alt.SCHEMA_VERSION


def test_page_script_and_styles_do_not_reference_other_hosts():
    for path in [WEB / "seckill.js", WEB / "seckill.css"]:
        text = path.read_text()
        assert "http://" not in text and "https://" not in text, path.name


def test_package_carries_the_same_bundle_and_its_licences():
    # Rewrite with: python -m scripts.vendor_web_assets --package-only
    manifest = json.loads((VENDOR / "VENDOR.json").read_text())
    unpacked = gzip.decompress((PACKAGE_COPY / (manifest["bundle"] + ".gz")).read_bytes())
    assert hashlib.sha256(unpacked).hexdigest() == manifest["sha256_of_bundle"]
    for package in manifest["packages"]:
        name = f"{package['name']}.LICENSE"
        assert (PACKAGE_COPY / "licenses" / name).read_bytes() == (VENDOR / "licenses" / name).read_bytes()
