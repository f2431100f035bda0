// What a built site bundle registers, as JSON on standard output: every transform, mark, scale
// type and expression function a chart's Vega spec may use (scripts/vendor_web_assets.py writes it
// into sitebuild/web/vendor/VENDOR.json; sitebuild/vega_support.py checks every chart against it).
// Read from the bundle itself, run here as a browser would run it (window is the global object),
// so the list can never claim what the bundle lacks.
"use strict";
const fs = require("fs");
const vm = require("vm");

const bundle = fs.readFileSync(process.argv[2], "utf8");
// What a browser's window offers that the bundle reads as it loads.
const sandbox = { console, setTimeout, clearTimeout, setInterval, clearInterval, URL, TextEncoder };
sandbox.window = sandbox;
vm.createContext(sandbox);
vm.runInContext(bundle, sandbox, { filename: process.argv[2] });
if (!sandbox.vega || typeof sandbox.vega.registered !== "function") {
  throw new Error("the bundle set no window.vega.registered()");
}
process.stdout.write(JSON.stringify(sandbox.vega.registered(), null, 1) + "\n");
