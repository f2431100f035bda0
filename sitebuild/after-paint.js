// The page's scripts (Sphinx's, the theme's and the book's) wait in <template id="seckill-after-paint">
// until the page's first paint is on screen, then run in their order. Nothing they do is needed
// to read the page, and asked for any earlier they shared a slow phone connection with the
// stylesheet that the first paint waits for. Nothing inside a <template> is fetched, so a
// browser asks for them only when this code copies them into the page. The page's whole
// stylesheet waits there too (the <head> links only the rules the page needs before any script
// has run, sitebuild/stylesheets.py): it comes first, and the scripts, whose classes it styles,
// run once it has arrived.
// When the last one has run, <html> carries data-seckill-scripts="run" and the document gets a
// "seckill:scripts-run" event (sitebuild/web/seckill.js waits for it).
(function () {
  "use strict";
  var SCRIPTS = "seckill-after-paint";
  var root = document.documentElement;
  var painted = false;
  var parsed = false;
  var started = false;

  function runScripts() {
    if (started || !painted || !parsed) return;
    started = true;
    var template = document.getElementById(SCRIPTS);
    if (!template) {
      root.dataset.seckillScripts = "run";
      return;
    }
    root.dataset.seckillScripts = "loading";
    var stylesheet = template.content.querySelector('link[rel="stylesheet"]');
    if (!stylesheet) {
      addScripts(template.content.querySelectorAll("script"));
      return;
    }
    var link = document.importNode(stylesheet, false);
    // The scripts come whether the stylesheet arrived or not (a failed one is named in the console).
    link.addEventListener("load", function () {
      addScripts(template.content.querySelectorAll("script"));
    });
    link.addEventListener("error", function () {
      addScripts(template.content.querySelectorAll("script"));
    });
    document.head.appendChild(link);
  }

  function finished() {
    root.dataset.seckillScripts = "run";
    document.dispatchEvent(new Event("seckill:scripts-run"));
  }

  function addScripts(waiting) {
    if (!waiting.length) {
      finished();
      return;
    }
    var left = waiting.length;
    function oneDone() {
      left -= 1;
      if (!left) finished();
    }
    waiting.forEach(function (original) {
      var script = document.createElement("script");
      for (var i = 0; i < original.attributes.length; i += 1) {
        var attribute = original.attributes[i];
        if (attribute.name !== "defer" && attribute.name !== "async") {
          script.setAttribute(attribute.name, attribute.value);
        }
      }
      // An added script runs as soon as it arrives unless told otherwise; these must run in the
      // page's order, as deferred scripts did (the theme's after Bootstrap, for one).
      script.async = false;
      // A script that fails to load still counts, so the event comes (and the console names it).
      script.addEventListener("load", oneDone);
      script.addEventListener("error", oneDone);
      document.body.appendChild(script);
    });
  }

  function afterPaint() {
    if (painted) return;
    painted = true;
    // A task of its own, after the observer's, so the frame that showed the page is done.
    window.setTimeout(runScripts, 0);
  }

  var paintTiming =
    window.PerformanceObserver &&
    PerformanceObserver.supportedEntryTypes &&
    PerformanceObserver.supportedEntryTypes.indexOf("paint") >= 0;
  if (paintTiming) {
    new PerformanceObserver(function (list, observer) {
      if (list.getEntriesByName("first-contentful-paint").length) {
        observer.disconnect();
        afterPaint();
      }
    }).observe({ type: "paint", buffered: true });
  }
  // A browser without paint timing, and a page opened in a background tab (it paints nothing
  // until shown): the scripts run a little after the page has loaded.
  window.addEventListener("load", function () {
    window.setTimeout(afterPaint, paintTiming ? 3000 : 0);
  });

  function whenParsed() {
    parsed = true;
    runScripts();
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", whenParsed);
  else whenParsed();
})();
