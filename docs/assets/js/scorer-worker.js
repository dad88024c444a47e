/*
 * The scorer: the handbook's Python package (mlops_handbook.browser) running in Pyodide, in a
 * Web Worker so the page stays responsive while it loads and computes.
 *
 * Start it either way:
 *   new Worker(SITE_ROOT + "assets/js/scorer-worker.js", { type: "module" })   (direct)
 *   new Worker(SITE_ROOT + "assets/js/scorer-worker.js")                       (classic)
 * Pyodide 314 runs only in module workers, so a classic start runs this same file again as a
 * module worker inside and relays every message both ways; the protocol is the same.
 *
 * Messages (answered in the order received; every reply carries the request's id):
 *   {id, type: "init", root}   root = absolute URL of the site root; repeated inits are answered
 *                              at once.  While loading: {id, type: "progress", step, message}
 *                              with step "runtime" | "packages" | "methodology".
 *                              -> {id, ok: true, type: "ready", start, startMs}  start = "snapshot"
 *                              when the interpreter was restored from this browser's memory
 *                              snapshot (scorer-snapshot.js), "shipped" when from the one the site
 *                              ships (scorer-shipped.js), "fresh" when it was initialised;
 *                              startMs = how long that took.  After a start that was not from this
 *                              browser's own snapshot, the worker saves one once the first other
 *                              request is answered, and says so: {type: "snapshot", saved: true |
 *                              false} (no id).
 *   {id, type: "score", answers, report, previous, lang}  -> {id, ok: true, result}  result = score_json's
 *                              brief answer, which is itself {ok: true, summary} or {ok: false, error};
 *                              with report: true (the score page) summary.report holds the report's
 *                              parts, with the items missing and the maturity levels, and with previous
 *                              (an earlier assessment's answers) what changed
 *   {id, type: "export", answers, lang} -> {id, ok: true, bytes: ArrayBuffer (transferred), filename}
 *   {id, type: "check", text, lang} -> {id, ok: true, result}  result = check_answers' answer
 *   {id, type: "reason", text, lang} -> {id, ok: true, result}  result = reason_json's answer, the rule's
 *                              verdict on a reason for "not applicable"
 *   {id, type: "portfolio", files, lang}  files = [[name, content], ...], content the text of an answers
 *                              file or the ArrayBuffer of an .xlsx -> {id, ok: true, result}
 *                              result = portfolio_view_json's answer: {portfolio, problems, charts}
 *   {id, type: "portfolio-xlsx", files, lang} -> {id, ok: true, bytes: ArrayBuffer (transferred), filename}
 *   {id, type: "import-workbook", bytes: ArrayBuffer, name, lang} -> {id, ok: true, result}  result =
 *                              {ok: true, text: answers JSON} or {ok: false, error} (the package's)
 * lang ("en" or "es", English when absent) is the page's language, for the package's texts.
 * A request that cannot be carried out gets {id, ok: false, error: {message, ...}}; errors of
 * the answers themselves carry the package's fields (file, place, problem, fix, message).
 *
 * Everything is loaded from the site root's own origin; nothing is requested from another host.
 * No static import/export here, so the file also parses as a classic script; the module worker
 * imports the start (scorer-start.js, which imports scorer-files.js, scorer-snapshot.js,
 * scorer-shipped.js and, for the requests that need more than one call, scorer-requests.js).
 */
"use strict";

var MODULE_MARK = "#module";
var state = { root: null, browser: null, startModule: null, requested: null, stored: null, start: null, snapshot: null,
              complete: null, completed: null };
var queue = Promise.resolve();
// The work a start leaves (saving its snapshot, writing the package's files) waits for this long
// without a request, so that it does not slow the answers to a reader's clicks; or, after init,
// for the first request and as long again.
var QUIET_MS = 1000;
var quietWork = null;

if (!isClassicWorker()) {
  state.startModule = importStart();
  state.startModule.catch(function () { /* reported by init */ });
  // The files are requested and the stored snapshot is read at once, while the page sends init:
  // this file is at <site root>/assets/js/, which gives the root the init will most likely name.
  state.requested = state.startModule.then(function (start) {
    return start.requestStart(new URL("../../", self.location.href).href);
  }).catch(function () { return null; });
  state.stored = state.startModule.then(function (start) { return start.readSnapshot(); }).catch(function () { return null; });
  self.onmessage = function (event) {
    var message = event.data || {};
    queue = queue.then(function () { return handle(message); });
  };
} else if (self.location.hash === MODULE_MARK) {
  // Asked for a module worker but got a classic one: this browser has no module workers.
  refuseAll(worded("this browser cannot run JavaScript module workers, which the scorer needs; " +
                   "use a current version of Firefox, Chrome, Edge or Safari"));
} else if (typeof Worker === "undefined") {
  refuseAll(worded("this browser cannot start the scorer's module worker from a worker; " +
                   "use a current version of Firefox, Chrome, Edge or Safari"));
} else {
  relayToModuleWorker();
}

// In a module worker importScripts exists but throws; in a classic one, with no address, it
// does nothing (a data: address would break the site's Content-Security-Policy).
function isClassicWorker() {
  try {
    self.importScripts();
    return true;
  } catch (error) {
    return false;
  }
}

function relayToModuleWorker() {
  var inner = new Worker(self.location.href.split("#")[0] + MODULE_MARK, { type: "module" });
  var waiting = new Set();
  inner.onmessage = function (event) {
    var message = event.data || {};
    if (message.type !== "progress") waiting.delete(message.id);
    self.postMessage(message, message.bytes instanceof ArrayBuffer ? [message.bytes] : []);
  };
  inner.onerror = function (event) {
    event.preventDefault();
    var reason = errorObject(event.message ? worded("the scorer's module worker stopped: {why}", { why: event.message })
                                           : worded("the scorer's module worker stopped"));
    waiting.forEach(function (id) { self.postMessage({ id: id, ok: false, error: reason }); });
    waiting.clear();
  };
  self.onmessage = function (event) {
    var message = event.data || {};
    waiting.add(message.id);
    inner.postMessage(message);
  };
}

function refuseAll(reason) {
  self.onmessage = function (event) {
    self.postMessage({ id: (event.data || {}).id, ok: false, error: errorObject(reason) });
  };
}

async function handle(message) {
  var id = message.id;
  // A snapshot waiting to be saved (see keepSnapshot) and what the start left to complete (see
  // completeRuntime) wait for a quiet moment, not to hold up the reader's clicks.
  if (message.type !== "init") afterQuiet(QUIET_MS);
  var firstTotal = message.type === "init" || message.type === "score" || message.type === "check" || message.type === "reason";
  try {
    // A request that may import more of the package or of the standard library waits for them.
    if (!firstTotal) await completeRuntime(true);
    await answer(message, id);
    // The first answer is out: what a later request may need is downloaded meanwhile.
    if (message.type !== "init" && state.complete && state.complete.prefetch) state.complete.prefetch();
  } catch (error) {
    // What a first total imports is in the startup library (checked when it is made); should a
    // reader's answers reach a module it lacks, the request is answered once the whole one is in.
    if (firstTotal && message.type !== "init" && error && error.type === "ModuleNotFoundError" && state.completed !== true) {
      try {
        await completeRuntime(true);
        await answer(message, id);
        return;
      } catch (again) {
        error = again;
      }
    }
    self.postMessage({ id: id, ok: false, error: errorObject(error) });
  }
}

async function answer(message, id) {
  var requests = await state.startModule;  // scorer-requests.js, through scorer-start.js
  switch (message.type) {
    case "init":
      await init(message.root, id);
      self.postMessage({ id: id, ok: true, type: "ready", start: state.start.how, startMs: state.start.ms });
      afterQuiet(3 * QUIET_MS);  // should no other request come soon
      return;
    case "score":
      // Brief: what the page reads, not the whole score (see score_json).
      self.postMessage({ id: id, ok: true, result: JSON.parse(scorer().score_json(requests.answersText(message),
        message.report === true, requests.previousText(message), requests.language(message), true)) });
      return;
    case "export":
      reply(id, requests.exportWorkbook(scorer(), message));
      return;
    case "check":
      if (typeof message.text !== "string") throw worded("a check request needs the file's text");
      self.postMessage({ id: id, ok: true, result: JSON.parse(scorer().check_answers(message.text,
        requests.language(message))) });
      return;
    case "reason":
      if (typeof message.text !== "string") throw worded("a reason request needs the reason's text");
      self.postMessage({ id: id, ok: true, result: JSON.parse(scorer().reason_json(message.text,
        requests.language(message))) });
      return;
    case "portfolio":
      self.postMessage({ id: id, ok: true, result: JSON.parse(scorer().portfolio_view_json(requests.portfolioFiles(message),
        requests.language(message))) });
      return;
    case "portfolio-xlsx":
      reply(id, requests.portfolioWorkbook(scorer(), message));
      return;
    case "import-workbook":
      if (!(message.bytes instanceof ArrayBuffer)) throw worded("an import-workbook request needs the file's bytes");
      self.postMessage({ id: id, ok: true, result: JSON.parse(scorer().import_workbook_view_json(
        new Uint8Array(message.bytes), String(message.name || "uploaded workbook"), requests.language(message))) });
      return;
    default:
      throw worded("unknown request type {type}", { type: JSON.stringify(message.type) });
  }
}

// ---- Loading ----------------------------------------------------------------------------

async function init(root, id) {
  var base = siteRoot(root);
  if (state.browser && state.root === base) return;
  if (state.root !== null && state.root !== base) {
    throw worded("the scorer was started for {root} and cannot switch to {other}", { root: state.root, other: base });
  }
  state.root = base;
  var stored = state.stored;
  state.stored = null;  // a later init (after a failed start) finds none, and starts fresh
  try {
    var requested = state.requested;
    state.requested = null;  // a later init starts its downloads afresh
    var started = await (await state.startModule).startScorer(base, stored, function (step, message) {
      progress(id, step, message);
    }, await requested);
    state.browser = started.browser;
    state.start = started.start;
    state.snapshot = started.snapshot;
    state.complete = started.complete;
  } catch (error) {
    state.root = null;  // a later init may try again, e.g. after the files were restored
    throw error;
  }
}

function siteRoot(root) {
  var url;
  try {
    url = new URL(String(root));
  } catch (error) {
    throw worded("init needs the absolute URL of the site root, not {root}", { root: JSON.stringify(root) });
  }
  if (url.origin !== self.location.origin) {
    throw worded("the site root {root} is on another origin than the scorer ({origin}); it only loads files " +
                 "from its own site", { root: url.href, origin: self.location.origin });
  }
  return url.href.endsWith("/") ? url.href : url.href + "/";
}

function progress(id, step, message) {
  self.postMessage({ id: id, type: "progress", step: step, message: message });
}

// The start's module (scorer-start.js, with the modules it imports), requested
// as soon as the worker runs, not when init arrives.
function importStart() {
  var url = new URL("scorer-start.js", self.location.href).href;
  return import(url).catch(function (error) {
    throw worded("could not load {url} or a module it imports: {why}", { url: url, why: error.message || String(error) },
                 { url: url });
  });
}

function afterQuiet(ms) {
  clearTimeout(quietWork);
  quietWork = setTimeout(function () {
    keepSnapshot();
    queue = queue.then(function () { return completeRuntime(false); });
  }, ms);
}

// Saves the snapshot a start left (taken at a fresh start, or the shipped one restored), once the
// reader has the first answer and a quiet moment: the copy into IndexedDB takes a while that
// should delay no answer.
function keepSnapshot() {
  var pending = state.snapshot;
  if (!pending) return;
  state.snapshot = null;
  state.startModule.then(function (start) { return start.saveSnapshot(pending.key, pending.bytes, pending.packing); })
    .then(function (saved) { self.postMessage({ type: "snapshot", saved: saved }); });
}

// What a start leaves to do before a request may import more than a first total does: the whole
// standard library and, after a start from a snapshot, the package's files (scorer-start.js's
// complete). Done once, in a quiet moment or for the first request that needs it. Should it
// fail (the connection dropped), that request says why and the next one tries again.
function completeRuntime(needed) {
  if (!state.completed && state.complete) {
    var complete = state.complete;
    state.completed = complete().then(function () { state.completed = true; }, function (error) {
      state.completed = null;
      throw error;
    });
  }
  if (!state.completed || state.completed === true) return Promise.resolve();
  return needed ? state.completed : state.completed.catch(function () { /* the request that needs it says why */ });
}

// ---- Requests ---------------------------------------------------------------------------

function scorer() {
  if (!state.browser) throw worded("the scorer is not ready: send init first (or it failed to load)");
  return state.browser;
}

// A reply the package's bytes go with: {ok: false, error} or {ok: true, bytes, filename}, sent
// with its ArrayBuffer transferred.
function reply(id, result) {
  self.postMessage(Object.assign({ id: id }, result), result.bytes ? [result.bytes] : []);
}

// An Error whose message is `english` with its {name} placeholders filled from `values`, and
// `fields` set on it; as scorer-files.js's, which this file cannot import (it also runs as a
// classic script).
function worded(english, values, fields) {
  values = values || {};
  var error = new Error(english.replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); }));
  error.text = english;
  error.values = values;
  return Object.assign(error, fields || {});
}

function errorObject(error) {
  if (error && error.type && !error.text) {
    // A PythonError's message is a traceback; its last line names the exception and says why.
    var lines = String(error.message).trim().split("\n");
    var python = error;
    error = worded("the scorer failed: {why}", { why: lines[lines.length - 1] });
    error.type = python.type;
  }
  var result = { message: (error && error.message) || String(error) };
  // The English template and its values, which the page writes in its language (see worded).
  if (error && error.text) {
    result.text = error.text;
    result.values = error.values;
  }
  if (error && error.url) result.url = error.url;
  if (error && error.status) result.status = error.status;
  if (error && error.damaged) result.damaged = error.damaged;  // the file's name
  if (error && error.type) result.type = error.type;  // a PythonError's exception class
  return result;
}
