/* The book's page script.
 * 1. Draw every chart that seckill.charts.render wrote into the page, from the book's own Vega copy.
 *    Each chart is <div class="seckill-chart"> holding its Vega-Lite spec as JSON. No network
 *    request leaves the site.
 * 2. Make wide notebook tables that scroll sideways reachable by keyboard (WCAG 2.1.1).
 * 3. When the page is printed, make sure every chart's numbers are in the printout.
 * 4. Run the header's print and full-screen buttons, and put the cursor in the search page's field:
 *    the theme does both with inline scripts, which the page's Content-Security-Policy does not run
 *    (sitebuild/csp.py). The policy also forbids compiling code from strings, so Vega evaluates
 *    its expressions with its interpreter (ast: true) instead of Function().
 * 5. Check the self-check questions (sitebuild/selfcheck.py writes each as a plain form): say in
 *    the form's live region whether the answer is right, and why, from the explanations the form's
 *    "Answer and why" block carries.
 *
 * Charts are drawn when they come near the screen, and the Vega bundle (280 kB gzipped) is
 * fetched when the first chart does. A reader on a slow phone connection gets the text first,
 * and a page whose charts are never scrolled to costs no Vega at all. */
(function () {
  "use strict";

  // How far ahead of the screen to start: about one phone screen, so a chart is usually drawn
  // by the time the reader reaches it.
  var DRAW_AHEAD = "800px 0px";
  // The bundle's address, relative to this script; the Sphinx extension writes it (with a
  // version query, so an updated bundle is not served stale from the browser cache).
  var thisScript = document.currentScript;
  var bundleAddress =
    thisScript && thisScript.dataset.vegaBundle
      ? new URL(thisScript.dataset.vegaBundle, thisScript.src).href
      : null;
  var vegaLoading = null;

  // Vega-Lite writes a temporal scale's domain given in timestamps as datetime(<milliseconds>).
  // Vega's compiled expressions read that as new Date(milliseconds); vega-interpreter 2.3.2 reads
  // it as new Date(year, 0, 1), an invalid date, and the axis collapses to nothing. This is
  // Vega's own meaning, for every number of arguments.
  function datetime() {
    return Reflect.construct(Date, Array.prototype.slice.call(arguments));
  }

  var EMBED_OPTIONS = {
    // actions: false removes the export menu, whose <details> has no accessible name.
    actions: false,
    renderer: "svg",
    // The page's Content-Security-Policy forbids Function(), with which Vega compiles its
    // expressions by default; ast: true has vega-embed evaluate them with the interpreter its
    // build carries (vega-interpreter) instead.
    ast: true,
    expressionFunctions: { datetime: datetime },
  };

  function showError(container, message) {
    var note = document.createElement("p");
    note.className = "seckill-chart-error";
    note.setAttribute("role", "alert");
    note.textContent = "This chart could not be drawn: " + message;
    container.appendChild(note);
  }

  // Resolves when window.vegaEmbed exists; rejects with a reader-facing message otherwise.
  function loadVega() {
    if (typeof window.vegaEmbed === "function") return Promise.resolve();
    if (vegaLoading) return vegaLoading;
    vegaLoading = new Promise(function (resolve, reject) {
      if (!bundleAddress) {
        reject(new Error("the page does not say where the Vega libraries are."));
        return;
      }
      var script = document.createElement("script");
      script.src = bundleAddress;
      script.onload = function () {
        if (typeof window.vegaEmbed === "function") resolve();
        else reject(new Error("the Vega libraries did not load."));
      };
      script.onerror = function () {
        reject(new Error("the Vega libraries did not load."));
      };
      document.head.appendChild(script);
    });
    return vegaLoading;
  }

  // Returns a promise that settles when the chart is drawn (or has failed).
  function draw(container) {
    if (container.dataset.seckillState) return Promise.resolve(); // drawn, drawing or failed
    var specNode = container.querySelector("script.seckill-chart-spec");
    if (!specNode) return Promise.resolve();
    container.dataset.seckillState = "drawing";
    var view = document.createElement("div");
    view.className = "seckill-chart-view";
    container.insertBefore(view, specNode);
    return loadVega()
      .then(function () {
        var spec = JSON.parse(specNode.textContent);
        return window.vegaEmbed(view, spec, EMBED_OPTIONS);
      })
      .then(function (result) {
        container.dataset.seckillState = "drawn";
        container.seckillView = result.view;
      })
      .catch(function (error) {
        container.dataset.seckillState = "failed";
        showError(container, String(error && error.message ? error.message : error));
      });
  }

  // Charts are drawn one at a time, each in its own task, in the order they came into view: the
  // page stays responsive while several charts are drawn (no single long task blocks scrolling).
  var queue = [];
  var drawing = false;

  // A promise per chart that settles once the chart is drawn or has failed.
  function finished(container) {
    if (!container.seckillFinished) {
      container.seckillFinished = new Promise(function (resolve) {
        container.seckillResolve = resolve;
      });
    }
    return container.seckillFinished;
  }

  function drawNext() {
    var container = queue.shift();
    if (!container) {
      drawing = false;
      return;
    }
    drawing = true;
    draw(container).then(function () {
      finished(container);
      container.seckillResolve();
      window.setTimeout(drawNext, 0);
    });
  }

  function enqueue(container) {
    var promise = finished(container);
    if (!container.dataset.seckillState && queue.indexOf(container) === -1) {
      queue.push(container);
      if (!drawing) drawNext();
    }
    return promise;
  }

  // Draw every chart now, wherever it is on the page; resolves when all are drawn or failed.
  function drawAll() {
    var charts = document.querySelectorAll("div.seckill-chart");
    return Promise.all(Array.prototype.map.call(charts, enqueue));
  }

  function drawWhenNearTheScreen() {
    var charts = document.querySelectorAll("div.seckill-chart");
    if (!charts.length) return;
    if (!("IntersectionObserver" in window)) {
      drawAll();
      return;
    }
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          enqueue(entry.target);
        });
      },
      { rootMargin: DRAW_AHEAD }
    );
    charts.forEach(function (container) {
      observer.observe(container);
    });
  }

  // A printout is laid out at once, but a chart far down the page may not be drawn yet, and
  // drawing takes longer than the browser waits. So when printing starts, open the table of
  // numbers under every chart not yet drawn (the printout carries its numbers either way), start
  // drawing them all, and close those tables again when printing is over.
  var openedForPrint = [];

  function beforePrint() {
    document.querySelectorAll("div.seckill-chart").forEach(function (container) {
      if (container.dataset.seckillState === "drawn") return;
      var details = container.querySelector("details.seckill-chart-table");
      if (details && !details.open) {
        details.open = true;
        openedForPrint.push(details);
      }
    });
    drawAll();
  }

  function afterPrint() {
    openedForPrint.forEach(function (details) {
      details.open = false;
    });
    openedForPrint = [];
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

  // What each header button does, by the name sitebuild/csp.py (BUTTON_ACTIONS) gives it.
  var HEADER_ACTIONS = {
    print: function () {
      window.print();
    },
    fullscreen: function () {
      window.toggleFullScreen(); // defined by sphinx-book-theme.js
    },
  };

  function wireHeaderButtons() {
    document.querySelectorAll("[data-seckill-action]").forEach(function (button) {
      var action = HEADER_ACTIONS[button.dataset.seckillAction];
      if (action) button.addEventListener("click", action);
    });
  }

  // On the search page, the reader can type at once (as the theme's inline script did).
  function focusSearchField() {
    var field = document.querySelector(".bd-search-container form.bd-search input");
    if (field) {
      field.focus();
      field.select();
    }
  }

  // Self-check questions. The form says what is right; this only compares and shows the
  // explanation that belongs to the reader's answer.
  var THOUSANDS = /^-?\d{1,3}(,\d{3})+(\.\d+)?$/;

  // A number as a reader types it: "23.5", "23,5", "1,234.5", "-3", with spaces or a unit after it.
  function readNumber(text) {
    var cleaned = text.replace(/\s+/g, "").replace(/(%|[A-Za-z\u4e00-\u9fff]+)$/, "");
    if (THOUSANDS.test(cleaned)) cleaned = cleaned.replace(/,/g, "");
    else cleaned = cleaned.replace(",", ".");
    if (!/^[-+]?(\d+\.?\d*|\.\d+)$/.test(cleaned)) return null;
    return parseFloat(cleaned);
  }

  function explanation(form, selector) {
    var item = form.querySelector(".seckill-selfcheck-answer " + selector);
    return item ? item.querySelector(".seckill-selfcheck-why") : null;
  }

  function say(form, verdict, why) {
    var result = form.querySelector(".seckill-selfcheck-result");
    result.textContent = "";
    var strong = document.createElement("strong");
    strong.textContent = verdict;
    result.appendChild(strong);
    if (why) {
      result.appendChild(document.createTextNode(" "));
      Array.prototype.forEach.call(why.childNodes, function (child) {
        result.appendChild(child.cloneNode(true));
      });
    }
    result.dataset.outcome = verdict === "Right." ? "right" : "wrong";
  }

  function checkChoice(form) {
    var chosen = form.querySelector("input[type=radio]:checked");
    if (!chosen) {
      say(form, "Choose an answer first.", null);
      return;
    }
    var item = '[data-option="' + chosen.value + '"]';
    var right = form.querySelector(".seckill-selfcheck-answer " + item).dataset.correct === "true";
    say(form, right ? "Right." : "Not quite.", explanation(form, item));
  }

  function checkNumber(form) {
    var field = form.querySelector("input[data-answer]");
    var value = readNumber(field.value);
    if (value === null) {
      say(form, "Type a number, such as 12.5.", null);
      return;
    }
    var tolerance = parseFloat(field.dataset.tolerance);
    if (Math.abs(value - parseFloat(field.dataset.answer)) <= tolerance) {
      say(form, "Right.", explanation(form, '[data-outcome="right"]'));
      return;
    }
    var slips = form.querySelectorAll('.seckill-selfcheck-answer [data-outcome="mistake"]');
    for (var i = 0; i < slips.length; i++) {
      if (Math.abs(value - parseFloat(slips[i].dataset.value)) <= tolerance) {
        say(form, "Not quite.", slips[i].querySelector(".seckill-selfcheck-why"));
        return;
      }
    }
    say(form, "Not quite.", explanation(form, '[data-outcome="wrong"]'));
  }

  function wireSelfChecks() {
    document.querySelectorAll("form.seckill-selfcheck").forEach(function (form) {
      var button = form.querySelector(".seckill-selfcheck-check");
      if (button) button.hidden = false;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        if (form.dataset.kind === "choice") checkChoice(form);
        else checkNumber(form);
      });
    });
  }

  function onReady() {
    drawWhenNearTheScreen();
    wrapScrollableTables();
    wireHeaderButtons();
    focusSearchField();
    wireSelfChecks();
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
  }

  window.seckillCharts = { drawAll: drawAll, readNumber: readNumber };
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", onReady);
  } else {
    onReady();
  }
})();
