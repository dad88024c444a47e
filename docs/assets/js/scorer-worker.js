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
 *                              -> {id, ok: true, type: "ready"}
 *   {id, type: "score", answers}  -> {id, ok: true, result}  result = score_json's answer, which
 *                              is itself {ok: true, score, summary} or {ok: false, error}
 *   {id, type: "export", answers} -> {id, ok: true, bytes: ArrayBuffer (transferred), filename}
 *   {id, type: "check", text}     -> {id, ok: true, result}  result = check_answers' answer
 * A request that cannot be carried out gets {id, ok: false, error: {message, ...}}; errors of
 * the answers themselves carry the package's fields (file, place, problem, fix, message).
 *
 * Everything is loaded from the site root's own origin; nothing is requested from another host.
 * No static import/export here, so the file also parses as a classic script.
 */
"use strict";

var MODULE_MARK = "#module";
var state = { root: null, browser: null };
var queue = Promise.resolve();

if (!isClassicWorker()) {
  self.onmessage = function (event) {
    var message = event.data || {};
    queue = queue.then(function () { return handle(message); });
  };
} else if (self.location.hash === MODULE_MARK) {
  // Asked for a module worker but got a classic one: this browser has no module workers.
  refuseAll("this browser cannot run JavaScript module workers, which the scorer needs; " +
            "use a current version of Firefox, Chrome, Edge or Safari");
} else if (typeof Worker === "undefined") {
  refuseAll("this browser cannot start the scorer's module worker from a worker; " +
            "use a current version of Firefox, Chrome, Edge or Safari");
} else {
  relayToModuleWorker();
}

// In a module worker importScripts exists but throws; in a classic one it works.
function isClassicWorker() {
  try {
    self.importScripts("data:text/javascript,");
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
    var reason = "the scorer's module worker stopped" + (event.message ? ": " + event.message : "");
    waiting.forEach(function (id) { self.postMessage({ id: id, ok: false, error: { message: reason } }); });
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
    self.postMessage({ id: (event.data || {}).id, ok: false, error: { message: reason } });
  };
}

async function handle(message) {
  var id = message.id;
  try {
    switch (message.type) {
      case "init":
        await init(message.root, id);
        self.postMessage({ id: id, ok: true, type: "ready" });
        return;
      case "score":
        self.postMessage({ id: id, ok: true, result: JSON.parse(scorer().score_json(answersText(message))) });
        return;
      case "export":
        exportWorkbook(id, message);
        return;
      case "check":
        if (typeof message.text !== "string") throw new Error("a check request needs the file's text");
        self.postMessage({ id: id, ok: true, result: JSON.parse(scorer().check_answers(message.text)) });
        return;
      default:
        throw new Error("unknown request type " + JSON.stringify(message.type));
    }
  } catch (error) {
    self.postMessage({ id: id, ok: false, error: errorObject(error) });
  }
}

// ---- Loading ----------------------------------------------------------------------------

async function init(root, id) {
  var base = siteRoot(root);
  if (state.browser && state.root === base) return;
  if (state.root !== null && state.root !== base) {
    throw new Error("the scorer was started for " + state.root + " and cannot switch to " + base);
  }
  state.root = base;
  try {
    state.browser = await load(base, id);
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
    throw new Error("init needs the absolute URL of the site root, not " + JSON.stringify(root));
  }
  if (url.origin !== self.location.origin) {
    throw new Error("the site root " + url.href + " is on another origin than the scorer (" +
                    self.location.origin + "); it only loads files from its own site");
  }
  return url.href.endsWith("/") ? url.href : url.href + "/";
}

function progress(id, step, message) {
  self.postMessage({ id: id, type: "progress", step: step, message: message });
}

async function load(root, id) {
  var assets = root + "assets/";
  progress(id, "runtime", "Loading the Python runtime");
  // The wheels and the methodology download while Pyodide starts: the first total then waits
  // for little more than loadPyodide() itself.
  var runtimeReady = fetchJson(assets + "runtime.json");
  var wheelsReady = runtimeReady.then(function (runtime) { return fetchWheels(runtime, assets); });
  var methodologyReady = fetchText(assets + "methodology.json");
  wheelsReady.catch(function () {});
  methodologyReady.catch(function () {});
  var loaderUrl = assets + "pyodide/pyodide.mjs";
  var loader;
  try {
    loader = await import(loaderUrl);
  } catch (error) {
    throw await missingFileError([loaderUrl], error);
  }
  var pyodide;
  try {
    pyodide = await Promise.race([
      loader.loadPyodide({
        indexURL: assets + "pyodide/",
        stdout: function (text) { console.log(text); },
        stderr: function (text) { console.warn(text); },
      }),
      // Without its .wasm file Pyodide never settles: fail fast with the missing URL instead.
      failIfMissing(assets + "pyodide/pyodide.asm.wasm"),
    ]);
  } catch (error) {
    throw await missingFileError(["pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"]
      .map(function (name) { return assets + "pyodide/" + name; }), error);
  }

  progress(id, "packages", "Installing the scoring package");
  var wheels = await wheelsReady;
  var sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  wheels.forEach(function (wheel) {
    pyodide.unpackArchive(wheel.bytes, "wheel", { extractDir: sitePackages });
  });

  progress(id, "methodology", "Reading the checklists");
  var methodology = await methodologyReady;
  var browser = pyodide.pyimport("mlops_handbook.browser");
  browser.load(methodology);
  return browser;
}

async function fetchWheels(runtime, assets) {
  var urls = (runtime.wheels || []).map(function (wheel) { return new URL(wheel.path, assets).href; });
  if (urls.length === 0) throw new Error(assets + "runtime.json lists no wheels to install");
  urls.forEach(function (url) {
    if (new URL(url).origin !== self.location.origin) {
      throw new Error(assets + "runtime.json lists " + url + ", which is on another host; the scorer " +
                      "only loads files from its own site");
    }
  });
  return Promise.all(urls.map(async function (url) {
    var response;
    try {
      // Wheel paths carry their hash, so the HTTP cache may keep them.
      response = await fetch(url, { credentials: "same-origin" });
    } catch (error) {
      throw await missingFileError([url], error);
    }
    if (!response.ok) throw httpError(url, response);
    return { url: url, bytes: new Uint8Array(await response.arrayBuffer()) };
  }));
}

async function fetchText(url) {
  var response;
  try {
    // Revalidate: these small files change with every site update.
    response = await fetch(url, { cache: "no-cache", credentials: "same-origin" });
  } catch (error) {
    throw await missingFileError([url], error);
  }
  if (!response.ok) throw httpError(url, response);
  return response.text();
}

async function fetchJson(url) {
  var text = await fetchText(url);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error("could not read " + url + ": it is not valid JSON (" + error.message + ")");
  }
}

function httpError(url, response) {
  var error = new Error("could not load " + url + ": the server answered HTTP " + response.status +
                        (response.statusText ? " " + response.statusText : "") +
                        (response.status === 404 ? ". The site may have been built without the scorer's files" : ""));
  error.url = url;
  error.status = response.status;
  return error;
}

// Rejects if the server lacks the file; otherwise never settles (for Promise.race).
async function failIfMissing(url) {
  var response;
  try {
    response = await fetch(url, { method: "HEAD", cache: "no-cache", credentials: "same-origin" });
  } catch (error) {
    return new Promise(function () {});  // offline or refused: loadPyodide reports it itself
  }
  if (!response.ok) throw httpError(url, response);
  return new Promise(function () {});
}

// Pyodide's own errors seldom name the file; on failure, find the first one the server lacks.
async function missingFileError(urls, cause) {
  for (var i = 0; i < urls.length; i++) {
    var response = null;
    try {
      response = await fetch(urls[i], { method: "HEAD", cache: "no-cache", credentials: "same-origin" });
    } catch (error) {
      var unreachable = new Error("could not load " + urls[i] + ": " + (error.message || "the request failed") +
                                  ". Check the connection to the site");
      unreachable.url = urls[i];
      return unreachable;
    }
    if (!response.ok) return httpError(urls[i], response);
  }
  var error = new Error("the scorer could not start: " + ((cause && cause.message) || String(cause)));
  if (urls.length === 1) error.url = urls[0];
  return error;
}

// ---- Requests ---------------------------------------------------------------------------

function scorer() {
  if (!state.browser) throw new Error("the scorer is not ready: send init first (or it failed to load)");
  return state.browser;
}

function answersText(message) {
  if (!message.answers || typeof message.answers !== "object") {
    throw new Error("the request needs the answers as a JSON object");
  }
  return JSON.stringify(message.answers);
}

function exportWorkbook(id, message) {
  var browser = scorer();
  var text = answersText(message);
  // Scoring first turns a problem with the answers (e.g. no route) into the package's error.
  var checked = JSON.parse(browser.score_json(text));
  if (!checked.ok) {
    self.postMessage({ id: id, ok: false, error: checked.error });
    return;
  }
  var proxy = browser.export_xlsx(text);
  var bytes;
  try {
    bytes = proxy.toJs();
  } finally {
    proxy.destroy();
  }
  var buffer = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength
    ? bytes.buffer : bytes.slice().buffer;
  var filename = browser.export_filename(String(message.answers.project || ""), localDate());
  self.postMessage({ id: id, ok: true, bytes: buffer, filename: filename }, [buffer]);
}

function localDate() {
  var now = new Date();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
}

function errorObject(error) {
  var message = (error && error.message) || String(error);
  if (error && error.type) {
    // A PythonError's message is a traceback; its last line names the exception and says why.
    var lines = message.trim().split("\n");
    message = "the scorer failed: " + lines[lines.length - 1];
  }
  var result = { message: message };
  if (error && error.url) result.url = error.url;
  if (error && error.status) result.status = error.status;
  if (error && error.type) result.type = error.type;  // a PythonError's exception class
  return result;
}
