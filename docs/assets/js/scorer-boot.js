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
 *
 * The theme's site search waits too: as the page loads, it requests the whole search index
 * (search/search_index.json, the largest file of a reading page) and builds it in a worker of its
 * own, which on a two-core machine took 150-300 ms from the scorer's first total, and as much
 * from the reader's next clicks. The index is requested and the worker made when the reader turns
 * to the search box (or the address asks for a search), and, when the scorer starts here, once
 * the first total is shown and no answer has been scored for a second (the page's "mh:scored"
 * event), so that the search is ready by the time the reader wants it; on a slow link a fixed
 * delay would compete with the first start. What the theme sends the worker meanwhile is kept and
 * passed on. A reader who never searches never downloads the index (the service worker keeps it
 * for offline use). window.mhSearchWorker = {created: null | ms since page load, why: null |
 * "scored" | "search"}.
 */
(function () {
  "use strict";
  var ANSWERS_KEY = "mlops-handbook:answers";  // storage.js's STORAGE_KEY
  // The page code will fill in the lines it draws (the summary box, the assessment being edited):
  // their room is kept from the first paint (handbook.css, score.css), so nothing moves later.
  document.documentElement.classList.add("mh-js");
  if (window.mhSearchWorker) return;  // run once per page (instant navigation keeps the head)
  var releaseSearch = deferSearchWorker();
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
  var quiet = null;
  document.addEventListener("mh:scored", function () {
    clearTimeout(quiet);
    quiet = setTimeout(releaseSearch, 1000, "scored");
  });

  function deferSearchWorker() {
    var RealWorker = window.Worker;
    if (typeof RealWorker === "undefined") return function () {};
    var SEARCH_WORKER = /\/assets\/javascripts\/workers\/search\.[^/]*\.js$/;
    var SEARCH_INDEX = /\/search\/search_index\.json$/;
    var state = { created: null, why: null };
    var waiting = [];
    window.mhSearchWorker = state;
    window.Worker = function (url, options) {
      if (!SEARCH_WORKER.test(new URL(String(url), document.baseURI).pathname)) return new RealWorker(url, options);
      // A stand-in with the worker's interface as the theme uses it (postMessage, terminate, and
      // "message" and "error" events, as listeners or, in Zensical, as onmessage and onerror), until
      // the worker is made.
      var standIn = new EventTarget();
      var kept = [];
      standIn.postMessage = function (message) { if (kept) kept.push(message); };
      standIn.terminate = function () { kept = null; };
      waiting.push(function () {
        if (!kept) return;
        var worker = new RealWorker(url, options);
        worker.addEventListener("message", function (event) {
          pass("onmessage", new MessageEvent("message", { data: event.data }));
        });
        worker.addEventListener("error", function () { pass("onerror", new Event("error", { cancelable: true })); });
        standIn.postMessage = function (message) { worker.postMessage(message); };
        standIn.terminate = function () { worker.terminate(); };
        kept.splice(0).forEach(standIn.postMessage);
      });
      function pass(handler, event) {
        standIn.dispatchEvent(event);
        if (typeof standIn[handler] === "function") standIn[handler](event);
      }
      return standIn;
    };
    // The theme requests the index itself (an XMLHttpRequest) as soon as it runs: that request is
    // sent when the worker is made; to the theme it is only slower to answer.
    var request = XMLHttpRequest.prototype;
    var realOpen = request.open;
    var realSend = request.send;
    request.open = function (method, url) {
      this.mhSearchIndex = SEARCH_INDEX.test(new URL(String(url), document.baseURI).pathname);
      return realOpen.apply(this, arguments);
    };
    request.send = function () {
      if (!this.mhSearchIndex || state.created !== null) return realSend.apply(this, arguments);
      var xhr = this;
      var body = arguments;
      waiting.push(function () { realSend.apply(xhr, body); });
    };
    function release(why) {
      if (state.created !== null) return;
      state.created = performance.now();
      state.why = why;
      window.Worker = RealWorker;
      request.open = realOpen;
      request.send = realSend;
      waiting.splice(0).forEach(function (create) { create(); });
    }
    // The search box (mkdocs-material), or Zensical's search button or its dialog, which it draws in
    // a shadow root (opened by the button or by Ctrl+K).
    document.addEventListener("focusin", function (event) {
      var path = event.composedPath ? event.composedPath() : [event.target];
      for (var i = 0; i < path.length; i++) {
        var node = path[i];
        if ((node.closest && node.closest("[data-md-component='search']"))
            || (node.localName === "dialog" && node.getRootNode() !== document)) {
          release("search");
          return;
        }
      }
    });
    if (new URLSearchParams(window.location.search).has("q")) release("search");  // a shared search link
    return release;
  }
})();
