/* The book's page script.
 * 1. Make every chart live when a reader reaches for it. The build puts a picture of each chart
 *    (an SVG Vega drew at build time, sitebuild/pictures.py) and its controls in its container,
 *    <div class="seckill-chart">, above an element naming the chart's spec: a small script of its
 *    own, with the spec compiled from Vega-Lite to Vega at build time, so the browser needs Vega
 *    alone (the parts of it the book's charts use, with its expression interpreter and tooltips:
 *    147 kB gzipped, the book's own copy, no request leaves the site). On a page with sliders or
 *    menus under a chart, Vega is downloaded, not run, once the page has loaded and the browser
 *    is idle, at the lowest priority (a prefetch), and from then on the spec (a few kB) of each
 *    chart with controls as it comes near the screen (prefetchVega); Vega runs and a chart goes
 *    live only when a reader first points at, taps or tabs into it or its controls. On the
 *    benchmark's throttled phone, downloading Vega at that first touch was most of the 2.0 to
 *    2.2 s from touch to live chart; downloaded ahead, with the spec, it took 0.8 to 1.1 s
 *    (scripts/benchmark.py, a nearly quiet machine; README, "Read online"). (Run
 *    ahead as well, when a chart neared the screen, Vega cost Lighthouse's performance score 15 to
 *    30 points, and touch-to-live was slower, not faster.) A reader whose browser asks to save
 *    data gets nothing ahead. The live chart is drawn out of sight, at the shown picture's
 *    height, then takes the picture's place, and the controls' values and the keyboard focus
 *    carry over. (A chart without a picture is drawn when it comes near the screen.)
 * 2. Make wide notebook tables that scroll sideways reachable by keyboard (WCAG 2.1.1).
 * 3. When the page is printed, make sure every chart's numbers are in the printout.
 * 4. Run the header's print and full-screen buttons, and put the cursor in the search page's field:
 *    the theme does both with inline scripts, which the page's Content-Security-Policy does not run
 *    (sitebuild/csp.py). The policy also forbids compiling code from strings, so Vega evaluates
 *    its expressions with its interpreter (ast: true) instead of Function().
 * 5. Check the self-check questions (sitebuild/selfcheck.py writes each as a plain form): say in
 *    the form's live region whether the answer is right, and why, from the explanations the form's
 *    "Answer and why" block carries.
 * 6. Name sphinx-togglebutton's buttons in the page's language. */
(function () {
  "use strict";

  // How far ahead of the screen to start: about one phone screen, so a chart is usually drawn
  // by the time the reader reaches it.
  var DRAW_AHEAD = "800px 0px";
  // The sliders and menus under a chart's picture.
  var CONTROLS_ON_A_PICTURE = "div.seckill-chart-still input, div.seckill-chart-still select";
  // The bundle's address, relative to this script; the Sphinx extension writes it (with a
  // version query, so an updated bundle is not served stale from the browser cache).
  var thisScript = document.currentScript;
  var bundleAddress =
    thisScript && thisScript.dataset.vegaBundle
      ? new URL(thisScript.dataset.vegaBundle, thisScript.src).href
      : null;
  var vegaLoading = null;
  // The messages this script writes, in the page's language: the Sphinx extension writes their
  // translations as JSON in the script's data-messages (sitebuild/sphinxext.py); English pages
  // have none, and the English text is shown.
  var messages = {};
  try {
    messages = JSON.parse((thisScript && thisScript.dataset.messages) || "{}");
  } catch (error) {
    messages = {};
  }
  function t(text) {
    return Object.prototype.hasOwnProperty.call(messages, text) ? messages[text] : text;
  }

  // Vega-Lite writes a temporal scale's domain given in timestamps as datetime(<milliseconds>).
  // Vega's compiled expressions read that as new Date(milliseconds); vega-interpreter 2.3.2 reads
  // it as new Date(year, 0, 1), an invalid date, and the axis collapses to nothing. This is
  // Vega's own meaning, for every number of arguments.
  function datetime() {
    return Reflect.construct(Date, Array.prototype.slice.call(arguments));
  }

  var vegaReady = false;
  var tooltips = null;

  // Draw a Vega spec into an element, as vega-embed did for the Vega-Lite spec (in SVG, with
  // tooltips and the spec's bindings). The page's Content-Security-Policy forbids Function(), with
  // which Vega compiles its expressions by default: they are parsed to syntax trees (ast: true)
  // and evaluated by Vega's interpreter (vega-interpreter) instead.
  function embed(element, spec) {
    var vega = window.vega;
    if (!vegaReady) {
      vega.expressionFunction("datetime", datetime);
      vegaReady = true;
    }
    if (!tooltips) tooltips = new window.vegaTooltip.Handler();
    var runtime = vega.parse(spec, {}, { ast: true });
    var view = new vega.View(runtime, {
      renderer: "svg",
      expr: window.vegaInterpreter.expressionInterpreter,
      logger: vega.logger(vega.Warn),
    });
    view.tooltip(tooltips.call);
    element.classList.add("vega-embed");
    return view
      .initialize(element)
      .runAsync()
      .then(function () {
        return { view: view, finalize: view.finalize.bind(view) };
      });
  }

  function vegaLoaded() {
    return !!(window.vega && window.vegaInterpreter && window.vegaTooltip);
  }

  function showError(container, message) {
    var note = document.createElement("p");
    note.className = "seckill-chart-error";
    note.setAttribute("role", "alert");
    note.textContent = t("This chart could not be drawn: ") + message;
    container.appendChild(note);
  }

  // Resolves when Vega is loaded; rejects with a reader-facing message otherwise.
  function loadVega() {
    if (vegaLoaded()) return Promise.resolve();
    if (vegaLoading) return vegaLoading;
    vegaLoading = new Promise(function (resolve, reject) {
      if (!bundleAddress) {
        reject(new Error("the page does not say where the Vega libraries are."));
        return;
      }
      var script = document.createElement("script");
      script.src = bundleAddress;
      script.onload = function () {
        if (vegaLoaded()) resolve();
        else reject(new Error("the Vega libraries did not load."));
      };
      script.onerror = function () {
        reject(new Error("the Vega libraries did not load."));
      };
      document.head.appendChild(script);
    });
    vegaLoading.catch(function () {
      vegaLoading = null; // the next reach tries again
    });
    return vegaLoading;
  }

  // A chart's live specs, in its element or in the script it names (sitebuild/pictures.py spec_script),
  // which registers them in window.seckillChartSpecs under its file name: its Vega spec fitted to
  // the picture's height ("fit") and at its own height ("own", without the data "fit" has).
  // Loaded as a script, not fetched: a page opened from file:// may run a script beside it but
  // not fetch a file. Each call returns a fresh copy (liveSpec changes it).
  var specsLoading = {};

  function readSpec(specNode) {
    var address = specNode.dataset.src;
    // In the page: the same live specs as JSON (a page written by hand, a test).
    if (!address) return Promise.resolve(JSON.parse(specNode.textContent));
    var url = new URL(address, document.baseURI).href;
    var key = url.split("/").pop().replace(/\.js([?#].*)?$/, "");
    if (!specsLoading[url]) {
      specsLoading[url] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = url;
        script.onload = function () {
          var specs = window.seckillChartSpecs || {};
          if (specs[key]) resolve(JSON.stringify(specs[key]));
          else reject(new Error("the chart's spec did not load."));
        };
        script.onerror = function () {
          reject(new Error("the chart's spec did not load."));
        };
        document.head.appendChild(script);
      });
      specsLoading[url].catch(function () {
        delete specsLoading[url];
      });
    }
    return specsLoading[url].then(JSON.parse);
  }

  // The starting value a reader set on a picture's control, typed as the spec's parameter is.
  function controlValue(param, control) {
    if (control.type === "range") return Number(control.value);
    var options = (param.bind && param.bind.options) || [];
    for (var i = 0; i < options.length; i += 1) {
      if (String(options[i]) === control.value) return options[i];
    }
    return param.value;
  }

  // The picture the reader sees: the inline one, or on a narrow screen the phone picture.
  function shownPicture(still) {
    var shown = null;
    still.querySelectorAll("svg.seckill-picture, img.seckill-picture-phone").forEach(function (picture) {
      if (!shown && picture.getBoundingClientRect().height > 0) shown = picture;
    });
    return shown;
  }

  // The Vega spec the live chart draws: fitted to the picture's height, so the live chart takes
  // exactly the picture's room (nothing moves), or at its own height; with the values of the
  // picture's controls.
  function liveSpec(specs, still, fitToPicture) {
    var spec = fitToPicture && still ? specs.fit : specs.own;
    if (spec === specs.own) {
      var values = {};
      (specs.fit.data || []).forEach(function (entry) {
        if (entry.values) values[entry.name] = entry.values;
      });
      (spec.data || []).forEach(function (entry) {
        if (!entry.values && values[entry.name]) entry.values = values[entry.name];
      });
    }
    if (!still) return spec;
    var picture = shownPicture(still);
    if (picture && spec === specs.fit) {
      // The build fitted the drawing to the desktop picture's height; the picture a phone shows is
      // drawn for its width, and as tall as its box is there.
      spec.height = Math.round(picture.getBoundingClientRect().height);
    }
    (spec.signals || []).forEach(function (signal) {
      if (!signal.bind) return;
      var control = still.querySelector('[name="' + CSS.escape(signal.name) + '"]');
      if (control) signal.value = controlValue(signal, control);
    });
    return spec;
  }

  // Whether any text of a drawn chart starts above the drawing's top edge, where it cannot be seen.
  function textAboveTheTop(view) {
    var drawing = view.querySelector("svg");
    if (!drawing) return false;
    var top = drawing.getBoundingClientRect().top;
    return Array.prototype.some.call(drawing.querySelectorAll("text"), function (text) {
      return text.getBoundingClientRect().top < top - 1;
    });
  }

  // Download the Vega bundle ahead, without running it: once the page has loaded and the browser
  // has nothing else to do, at the lowest priority (a prefetch), only on a page with a chart whose
  // picture has sliders or menus, and not for a reader who has asked to save data. The browser
  // keeps it in its cache, so the first touch of a control runs Vega without waiting for the
  // network (on a slow phone connection the download was most of the wait). From then on, the
  // spec of each chart with controls (a few kB) is loaded as the chart comes near the screen, so
  // a touch waits for neither file. Charts without controls (most notebook pages' charts) go live
  // only for their tooltips, and fetch both when a reader points at them, as before: ahead,
  // they put a notebook page's first visit over 300 kB (320 kB on notebooks/02, 125 kB without).
  // The spec is loaded as its script, not prefetched: a touch while it is still on its way then
  // waits for that one download (readSpec) instead of a second request queued behind the first.
  function loadSpecsNearTheScreen(charts) {
    if (!("IntersectionObserver" in window)) return;
    var observer = new IntersectionObserver(
      function (entries) {
        entries.forEach(function (entry) {
          if (!entry.isIntersecting) return;
          observer.unobserve(entry.target);
          var specNode = entry.target.querySelector("script.seckill-chart-spec[data-src]");
          if (specNode && !entry.target.dataset.seckillState) {
            readSpec(specNode).catch(function () {}); // a touch tries again
          }
        });
      },
      { rootMargin: DRAW_AHEAD }
    );
    charts.forEach(function (container) {
      observer.observe(container);
    });
  }

  function prefetchVega() {
    if (!bundleAddress || vegaLoading || vegaLoaded()) return;
    if (navigator.connection && navigator.connection.saveData) return;
    var charts = [];
    document.querySelectorAll("div.seckill-chart").forEach(function (container) {
      if (container.querySelector(CONTROLS_ON_A_PICTURE)) charts.push(container);
    });
    if (!charts.length) return;
    var link = document.createElement("link");
    link.rel = "prefetch";
    link.href = bundleAddress;
    document.head.appendChild(link);
    loadSpecsNearTheScreen(charts);
  }

  function whenLoadedAndIdle(work) {
    function idle() {
      if (window.requestIdleCallback) window.requestIdleCallback(work, { timeout: 5000 });
      else window.setTimeout(work, 1000);
    }
    if (document.readyState === "complete") idle();
    else window.addEventListener("load", idle, { once: true });
  }

  // Returns a promise that settles when the chart is drawn (or has failed).
  function draw(container) {
    if (container.dataset.seckillState) return Promise.resolve(); // drawn, drawing or failed
    var specNode = container.querySelector("script.seckill-chart-spec");
    if (!specNode) return Promise.resolve();
    container.dataset.seckillState = "drawing";
    var still = container.querySelector("div.seckill-chart-still");
    var view = document.createElement("div");
    view.className = "seckill-chart-view";
    // Drawn out of sight over the picture, then swapped in one step.
    if (still) view.classList.add("seckill-chart-offstage");
    container.insertBefore(view, specNode);
    var specText = null;
    // The spec and Vega load side by side.
    return Promise.all([loadVega(), readSpec(specNode)])
      .then(function (loaded) {
        specText = JSON.stringify(loaded[1]);
        return embed(view, liveSpec(loaded[1], still, true));
      })
      .then(function (result) {
        if (!still || !textAboveTheTop(view)) return result;
        // The plot could not shrink into the picture's height (parts of fixed size under it), and
        // Vega pushed the title out of the drawing's top edge: draw the chart at its own height.
        result.finalize();
        view.textContent = "";
        container.dataset.seckillSize = "own";
        return embed(view, liveSpec(JSON.parse(specText), still, false));
      })
      .then(function (result) {
        if (still) {
          var focused = still.contains(document.activeElement) ? document.activeElement.name : null;
          still.remove();
          view.classList.remove("seckill-chart-offstage");
          var control = focused && view.querySelector('[name="' + CSS.escape(focused) + '"]');
          if (control) control.focus();
        }
        container.dataset.seckillState = "drawn";
        container.seckillView = result.view;
      })
      .catch(function (error) {
        container.dataset.seckillState = "failed";
        view.remove();
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

  // A chart with a picture becomes live when a reader reaches for it: a mouse pointing at it (for
  // its tooltips), a finger or pen touching it, the keyboard focus entering its controls, or a
  // control changed by other means (assistive technology may set a value without focusing it).
  var REACHING = ["pointerover", "pointerdown", "focusin", "input", "change"];

  function drawWhenReachedFor(container) {
    function reached() {
      REACHING.forEach(function (type) {
        container.removeEventListener(type, reached);
      });
      enqueue(container);
    }
    REACHING.forEach(function (type) {
      container.addEventListener(type, reached);
    });
  }

  function drawWhenNearTheScreen(charts) {
    if (!charts.length) return;
    if (!("IntersectionObserver" in window)) {
      charts.forEach(enqueue);
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

  function wireCharts() {
    var withoutPicture = [];
    document.querySelectorAll("div.seckill-chart").forEach(function (container) {
      var still = container.querySelector("div.seckill-chart-still");
      if (!still) {
        withoutPicture.push(container);
        return;
      }
      // The picture's controls come disabled: without this script they would do nothing.
      still.querySelectorAll("input, select").forEach(function (control) {
        control.disabled = false;
      });
      drawWhenReachedFor(container);
    });
    drawWhenNearTheScreen(withoutPicture);
  }

  // A chart with a picture prints as that picture. A chart without one may not be drawn yet when
  // printing starts, and drawing takes longer than the browser waits: so open the table of numbers
  // under each such chart (the printout carries its numbers either way), start drawing them, and
  // close those tables again when printing is over.
  // A table wider than the text column (a notebook's data frame, a chart's numbers) would lose its
  // right-hand columns at the paper's edge, so it is scaled down to the column's width for print.
  var openedForPrint = [];
  var scaledForPrint = [];

  function fitWideTables() {
    var tables = document.querySelectorAll("div.cell_output table, .seckill-chart-table-scroll > table");
    tables.forEach(function (table) {
      var room = table.parentNode.clientWidth;
      var needed = table.scrollWidth;
      if (!room || needed <= room) return;
      table.style.zoom = (Math.floor((room / needed) * 1000) / 1000).toString();
      scaledForPrint.push(table);
    });
  }

  function beforePrint() {
    var unseen = [];
    document.querySelectorAll("div.seckill-chart").forEach(function (container) {
      // A picture prints as it is, a vector drawing at its starting settings.
      if (container.dataset.seckillState === "drawn") return;
      if (container.querySelector("div.seckill-chart-still")) return;
      unseen.push(container);
      var details = container.querySelector("details.seckill-chart-table");
      if (details && !details.open) {
        details.open = true;
        openedForPrint.push(details);
      }
    });
    fitWideTables();
    return Promise.all(unseen.map(enqueue));
  }

  function afterPrint() {
    openedForPrint.forEach(function (details) {
      details.open = false;
    });
    openedForPrint = [];
    scaledForPrint.forEach(function (table) {
      table.style.zoom = "";
    });
    scaledForPrint = [];
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
      wrapper.setAttribute("aria-label", t("Table (scroll sideways to see all columns)"));
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
    // A Chinese input method may type full-width digits and signs (１２．５％): read them as ASCII.
    var ascii = text.replace(/[\uff05\uff0b-\uff0e\uff10-\uff19]/g, function (c) {
      return String.fromCharCode(c.charCodeAt(0) - 0xfee0);
    });
    var cleaned = ascii.replace(/\s+/g, "").replace(/(%|[A-Za-z\u4e00-\u9fff]+)$/, "");
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
    result.dataset.outcome = verdict === t("Right.") ? "right" : "wrong";
  }

  function checkChoice(form) {
    var chosen = form.querySelector("input[type=radio]:checked");
    if (!chosen) {
      say(form, t("Choose an answer first."), null);
      return;
    }
    var item = '[data-option="' + chosen.value + '"]';
    var right = form.querySelector(".seckill-selfcheck-answer " + item).dataset.correct === "true";
    say(form, right ? t("Right.") : t("Not quite."), explanation(form, item));
  }

  function checkNumber(form) {
    var field = form.querySelector("input[data-answer]");
    var value = readNumber(field.value);
    if (value === null) {
      say(form, t("Type a number, such as 12.5."), null);
      return;
    }
    var tolerance = parseFloat(field.dataset.tolerance);
    if (Math.abs(value - parseFloat(field.dataset.answer)) <= tolerance) {
      say(form, t("Right."), explanation(form, '[data-outcome="right"]'));
      return;
    }
    var slips = form.querySelectorAll('.seckill-selfcheck-answer [data-outcome="mistake"]');
    for (var i = 0; i < slips.length; i++) {
      if (Math.abs(value - parseFloat(slips[i].dataset.value)) <= tolerance) {
        say(form, t("Not quite."), slips[i].querySelector(".seckill-selfcheck-why"));
        return;
      }
    }
    say(form, t("Not quite."), explanation(form, '[data-outcome="wrong"]'));
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

  // sphinx-togglebutton's script gives each folded solution's button the name "Toggle hidden
  // content" in English, whatever the page's language: name it in the page's language (its
  // hints, beside the button, come translated from the build's settings).
  var TOGGLE_NAME = "Toggle hidden content";
  function nameToggleButtons() {
    if (t(TOGGLE_NAME) === TOGGLE_NAME) return;
    document.querySelectorAll("button.toggle-button").forEach(function (button) {
      if (button.getAttribute("aria-label") === TOGGLE_NAME) {
        button.setAttribute("aria-label", t(TOGGLE_NAME));
      }
    });
  }
  // Its script runs after this one and adds the buttons as it runs: onReady waits for it.

  function onReady() {
    nameToggleButtons();
    wireCharts();
    whenLoadedAndIdle(prefetchVega);
    wrapScrollableTables();
    wireHeaderButtons();
    focusSearchField();
    wireSelfChecks();
    window.addEventListener("beforeprint", beforePrint);
    window.addEventListener("afterprint", afterPrint);
  }

  // drawAll: make every chart live now; draw(container): make one live (both resolve when done);
  // prepareForPrint: what printing does, resolving when the charts it starts are drawn (the PDF
  // editions, scripts/pdf_editions.py, wait for it).
  window.seckillCharts = { drawAll: drawAll, draw: enqueue, prepareForPrint: beforePrint };
  // The work above waits until the page has been painted once: run before it, reading the tables'
  // styles (wrapScrollableTables) made the browser lay the whole page out first, and held back
  // the first paint of the text (Lighthouse counted about half a second of it on a slowed phone).
  // A frame, then a task: the task runs after that frame's paint. A page in a background tab
  // gets no frames, so a timer starts the work there.
  var started = false;
  function start() {
    if (started) return;
    started = true;
    onReady();
  }

  function afterFirstPaint() {
    if (window.requestAnimationFrame) {
      window.requestAnimationFrame(function () {
        window.setTimeout(start, 0);
      });
    }
    window.setTimeout(start, 1000);
  }

  // sitebuild/after-paint.js runs this script after the page's first paint, with the page's other
  // scripts, in their order; the work waits until the last of them has run (togglebutton's buttons,
  // the theme's menus).
  if (document.documentElement.dataset.seckillScripts === "loading") {
    document.addEventListener("seckill:scripts-run", afterFirstPaint, { once: true });
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", afterFirstPaint);
  } else {
    afterFirstPaint();
  }
})();
