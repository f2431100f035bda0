// A stand-in for d3-geo in the site's Vega bundle (index.js): vega-functions imports these three
// for its map functions (geoArea, geoBounds, geoCentroid), which the bundle unregisters, so Vega's
// parser refuses them by name before anything could call these.
function absent() {
  throw new Error("maps are not in this site's Vega bundle");
}

export { absent as geoArea, absent as geoBounds, absent as geoCentroid };
