/* The book's page script.
 * 1. Draw every chart that seckill.render wrote into the page, from the book's own Vega copy.
 *    Each chart is <div class="seckill-chart"> holding its Vega-Lite spec as JSON. No network.
 * 2. Make wide notebook tables that scroll sideways reachable by keyboard (WCAG 2.1.1). */
(function () {
  "use strict";

  function showError(container, message) {
    var note = document.createElement("p");
    note.className = "seckill-chart-error";
    note.setAttribute("role", "alert");
    note.textContent = "This chart could not be drawn: " + message;
    container.appendChild(note);
  }

  // Returns a promise that settles when the chart is drawn (or has failed).
  function draw(container) {
    if (container.dataset.seckillState) return Promise.resolve(); // drawn or failed already
    var specNode = container.querySelector("script.seckill-chart-spec");
    if (!specNode) return Promise.resolve();
    container.dataset.seckillState = "drawing";
    var view = document.createElement("div");
    view.className = "seckill-chart-view";
    container.insertBefore(view, specNode);
    if (typeof window.vegaEmbed !== "function") {
      container.dataset.seckillState = "failed";
      showError(container, "the Vega libraries did not load.");
      return Promise.resolve();
    }
    var spec = JSON.parse(specNode.textContent);
    // actions: false removes the export menu, whose <details> has no accessible name.
    return window
      .vegaEmbed(view, spec, { actions: false, renderer: "svg" })
      .then(function (result) {
        container.dataset.seckillState = "drawn";
        container.seckillView = result.view;
      })
      .catch(function (error) {
        container.dataset.seckillState = "failed";
        showError(container, String(error && error.message ? error.message : error));
      });
  }

  // Charts nearest the top first, one at a time, each in its own task: the page stays responsive
  // while a long chapter's charts are drawn (no single long task blocks scrolling or typing).
  function drawAll() {
    var queue = Array.prototype.slice.call(document.querySelectorAll("div.seckill-chart"));
    function next() {
      var container = queue.shift();
      if (!container) return;
      draw(container).then(function () {
        window.setTimeout(next, 0);
      });
    }
    next();
  }

  // The theme lets wide output tables scroll inside themselves. A keyboard user can only scroll a
  // region that takes focus, so wrap each such table in a named, focusable region (the table keeps
  // its own semantics) and let the wrapper do the scrolling.
  function wrapScrollableTables() {
    document.querySelectorAll("div.cell_output table, div.output table").forEach(function (table) {
      var overflow = window.getComputedStyle(table).overflowX;
      if (overflow !== "auto" && overflow !== "scroll") return;
      if (table.parentNode.classList.contains("seckill-scroll")) return;
      var wrapper = document.createElement("div");
      wrapper.className = "seckill-scroll";
      wrapper.tabIndex = 0;
      wrapper.setAttribute("role", "region");
      wrapper.setAttribute("aria-label", "Table (scroll sideways to see all columns)");
      table.parentNode.insertBefore(wrapper, table);
      wrapper.appendChild(table);
    });
  }

  function onReady() {
    drawAll();
    wrapScrollableTables();
  }

  window.seckillCharts = { drawAll: drawAll };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }
})();
