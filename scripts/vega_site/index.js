// The site's Vega bundle (sitebuild/web/vendor/vega-site.min.js): the parts of Vega the book's
// charts use, with its expression interpreter and tooltips, bundled by esbuild from the pinned npm
// packages of package.json (scripts/vendor_web_assets.py builds it and says why).
//
// Vega's own build registers the transforms of every Vega module. This one registers those of
// vega-transforms (filter, aggregate, bin, fold, window, ... ), vega-view-transforms (layout,
// bounds, rendering) and vega-encode (scales, axes, legends, stack, ...), which the charts Vega-Lite
// compiles use, and leaves out the modules for maps (vega-geo, vega-projection and d3-geo),
// networks (vega-force), trees (vega-hierarchy), Voronoi diagrams, word clouds, regression and
// loess lines, label placement and crossfiltering. vega-functions, which every Vega needs for its
// expressions, also defines the map functions (geoArea, geoShape, ...) over d3-geo: the build
// gives it a stand-in for d3-geo (stubs/d3-geo.js) and the functions are unregistered below, so
// Vega's own parser refuses them by name. What the bundle registers is read back from it
// (registered(), registry.cjs) into VENDOR.json, and the book's build refuses a chart that needs
// anything else (sitebuild/vega_support.py).
import { extend, logger, Warn } from "vega-util";
import { transforms } from "vega-dataflow";
import * as dataTransforms from "vega-transforms";
import * as viewTransforms from "vega-view-transforms";
import * as encodeTransforms from "vega-encode";
import { View } from "vega-view";
import { parse } from "vega-parser";
import { codeGenerator, expressionFunction, functionContext } from "vega-functions";
import { scale } from "vega-scale";
import { Marks } from "vega-scenegraph";
import { expressionInterpreter } from "vega-interpreter";
import { Handler } from "vega-tooltip";

extend(transforms, dataTransforms, viewTransforms, encodeTransforms);

// The expression functions drawn on d3-geo, which this bundle does not carry.
const MAP_FUNCTIONS = ["geoArea", "geoBounds", "geoCentroid", "geoShape", "geoScale", "geoTranslate"];
for (const name of MAP_FUNCTIONS) {
  delete functionContext[name];
  delete codeGenerator.functions[name];
}

// Every scale type Vega 6 defines (vega-scale); registered() keeps those this bundle has.
const SCALE_TYPES = [
  "identity", "linear", "log", "pow", "sqrt", "symlog", "time", "utc", "sequential",
  "sequential-linear", "sequential-log", "sequential-pow", "sequential-sqrt", "sequential-symlog",
  "diverging", "diverging-linear", "diverging-log", "diverging-pow", "diverging-sqrt",
  "diverging-symlog", "quantile", "quantize", "threshold", "ordinal", "point", "band",
  "bin-ordinal",
];

// What a chart's Vega spec may use: transform types, mark types, scale types, expression functions.
function registered() {
  return {
    transforms: Object.keys(transforms).sort(),
    marks: Object.keys(Marks).sort(),
    scales: SCALE_TYPES.filter((type) => typeof scale(type) === "function").sort(),
    functions: Object.keys(codeGenerator.functions).sort(),
  };
}

window.vega = { parse, View, expressionFunction, logger, Warn, registered };
window.vegaInterpreter = { expressionInterpreter };
window.vegaTooltip = { Handler };
