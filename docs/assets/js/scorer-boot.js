/*
 * Starts the scorer's worker from the page's <head>, while the rest of the page is still being
 * read, when the page will score at once: when this browser has saved answers (the condition
 * main.js starts the scorer on). The page code, which runs only once the whole page and its
 * modules are in, then adopts this worker (scorer-client.js) instead of starting one, so Pyodide
 * loads while the page does. Without saved answers this does nothing, and reading the handbook
 * costs nothing extra.
 *
 * scripts/finish_site.py writes this file's code into every page's <head>, after the module
 * preloads (an inline script runs at once, where a script file would wait for its download and
 * for the parser; the site's Content-Security-Policy allows it by its digest). The site root is
 * found from the preload of the entry module, assets/js/handbook/main.js. It leaves on
 * window.mhEarlyScorer:
 *   {worker, root, initId, started, received: [message events so far], failed: reason | null}
 * The worker was sent {id: initId, type: "init", root}; its replies wait in `received` until the
 * page code takes them over.
 */
(function () {
  "use strict";
  var ANSWERS_KEY = "mlops-handbook:answers";  // storage.js's STORAGE_KEY
  var entry = document.querySelector('link[rel="modulepreload"][href$="assets/js/handbook/main.js"]');
  if (!entry || window.mhEarlyScorer || typeof Worker === "undefined" || typeof WebAssembly === "undefined") return;
  try {
    if (window.localStorage.getItem(ANSWERS_KEY) === null) return;
  } catch (error) {
    return;  // storage blocked: the page code says so, and starts the scorer when it is asked to
  }
  var root = new URL("../../../", entry.href).href;
  var early = { worker: null, root: root, initId: 0, started: performance.now(), received: [], failed: null };
  try {
    early.worker = new Worker(root + "assets/js/scorer-worker.js", { type: "module" });
  } catch (error) {
    return;  // the page code tries again and says why it cannot
  }
  early.worker.onmessage = function (event) { early.received.push(event); };
  early.worker.onerror = function (event) {
    event.preventDefault();
    early.failed = "the scoring worker stopped" + (event.message ? " (" + event.message + ")" : "");
  };
  early.worker.postMessage({ id: early.initId, type: "init", root: root });
  window.mhEarlyScorer = early;
})();
