"""The vendored Vega bundles are what VENDOR.json says they are, and match Altair's Vega-Lite version.

The site carries Vega alone, with its expression interpreter and tooltips (the build compiles every
chart to Vega); the readers' package carries Vega, Vega-Lite and Vega-Embed, gzipped, for charts in
a live kernel (scripts/vendor_web_assets.py rewrites both).
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


def test_site_bundle_matches_its_recorded_digest_and_carries_its_libraries():
    site = MANIFEST["site"]
    bundle = (VENDOR / site["bundle"]).read_bytes()
    assert hashlib.sha256(bundle).hexdigest() == site["sha256_of_bundle"]
    text = bundle.decode("utf-8")
    assert [p["name"] for p in site["packages"]] == ["vega", "vega-interpreter", "vega-tooltip"]
    for package in site["packages"]:
        assert f"/* {package['name']}@{package['version']} " in text
        assert (VENDOR / "licenses" / f"{package['name']}.LICENSE").is_file()
    # The ES modules are turned into the globals the page script reads, with nothing left to import.
    assert "window.vegaInterpreter = {" in text and "window.vegaTooltip = {" in text
    assert not re.search(r"^(import|export) ", text, re.M)
    assert "sourceMappingURL" not in text  # would make browsers request missing .map files
    # Nothing of Vega-Lite or vega-embed goes to the site, nor a licence for them.
    assert sorted(p.name for p in (VENDOR / "licenses").iterdir()) == sorted(
        f"{p['name']}.LICENSE" for p in site["packages"]
    )
    assert sorted(p.name for p in VENDOR.iterdir()) == ["VENDOR.json", "licenses", site["bundle"]]


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
    # One Vega for the site and the package.
    site = {p["name"]: p["version"] for p in MANIFEST["site"]["packages"]}
    assert site["vega"] == versions["vega"]


def test_page_script_and_styles_do_not_reference_other_hosts():
    for path in [WEB / "seckill.js", WEB / "seckill.css"]:
        text = path.read_text()
        assert "http://" not in text and "https://" not in text, path.name
