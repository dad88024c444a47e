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
 *                              snapshot (scorer-snapshot.js), "fresh" when it was initialised;
 *                              startMs = how long that took.  After a fresh start the worker
 *                              saves a snapshot once the first other request is answered, and
 *                              says so: {type: "snapshot", saved: true | false} (no id).
 *   {id, type: "score", answers}  -> {id, ok: true, result}  result = score_json's answer, which
 *                              is itself {ok: true, score, summary} or {ok: false, error}
 *   {id, type: "export", answers} -> {id, ok: true, bytes: ArrayBuffer (transferred), filename}
 *   {id, type: "check", text}     -> {id, ok: true, result}  result = check_answers' answer
 * A request that cannot be carried out gets {id, ok: false, error: {message, ...}}; errors of
 * the answers themselves carry the package's fields (file, place, problem, fix, message).
 *
 * Everything is loaded from the site root's own origin; nothing is requested from another host.
 * No static import/export here, so the file also parses as a classic script; the module worker
 * imports its parts: scorer-files.js (downloads and digests) and scorer-snapshot.js.
 */
"use strict";

var MODULE_MARK = "#module";
var state = { root: null, browser: null, modules: null, stored: null, start: null, snapshot: null, reported: new Set() };
var queue = Promise.resolve();

if (!isClassicWorker()) {
  state.modules = importModules();
  state.modules.catch(function () { /* reported by init */ });
  // The stored snapshot is read at once, while the page sends init and the files download.
  state.stored = state.modules.then(function (modules) {
    return modules.snapshots && modules.snapshots.readSnapshot();
  }).catch(function () { return null; });
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
        self.postMessage({ id: id, ok: true, type: "ready", start: state.start.how, startMs: state.start.ms });
        setTimeout(keepSnapshot, 3000);  // should no other request come soon
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
  if (message.type !== "init") setTimeout(keepSnapshot, 0);
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

// Each step is reported once, even when a start from a snapshot fails and the ordinary one follows.
function progress(id, step, message) {
  if (state.reported.has(step)) return;
  state.reported.add(step);
  self.postMessage({ id: id, type: "progress", step: step, message: message });
}

// The worker's own modules, requested as soon as it runs (not waiting for init). Without the
// snapshot module the scorer still starts, the ordinary way.
function importModules() {
  var filesUrl = new URL("scorer-files.js", self.location.href).href;
  return Promise.all([
    import(filesUrl).catch(function (error) {
      var missing = new Error("could not load " + filesUrl + ": " + (error.message || String(error)));
      missing.url = filesUrl;
      throw missing;
    }),
    import(new URL("scorer-snapshot.js", self.location.href).href).catch(function () { return null; }),
  ]).then(function (modules) { return { files: modules[0], snapshots: modules[1] }; });
}

async function load(root, id) {
  checkWebAssemblyAllowed();
  var modules = await state.modules;
  var pyodideDir = root + "assets/pyodide/";
  state.reported = new Set();
  progress(id, "runtime", "Loading the Python runtime");
  // Every file is requested at once and checked against its digest in runtime.json as soon as
  // both are in, so the first total waits for little more than loadPyodide() itself.
  var download = modules.files.requestFiles(root + "assets/");
  var snapshots = modules.snapshots && modules.snapshots.snapshotsPossible() ? modules.snapshots : null;
  var key = snapshots ? download.runtime.then(snapshots.snapshotKey).catch(function () { return null; }) : null;
  var stored = state.stored;
  state.stored = null;  // a later init (after a failed start) finds none, and starts fresh

  // A module cannot be imported from bytes under the site's Content-Security-Policy, so the
  // .mjs files are fetched and checked first and then imported from the same address, which the
  // browser answers from the HTTP cache the check has just filled.
  var loader;
  await download.files["pyodide.mjs"];
  try {
    loader = await import(pyodideDir + "pyodide.mjs");
  } catch (error) {
    throw await modules.files.missingFileError([pyodideDir + "pyodide.mjs"], error);
  }
  var start = { loader: loader, download: download, pyodideDir: pyodideDir, fetch: modules.files.networkFetch };

  var snapshot = stored && await stored;
  if (snapshot && snapshot.key === await key) {  // never another runtime's
    try {
      return await installPackage(id, await startPyodide(start, { _loadSnapshot: snapshot.bytes }, "snapshot"), download);
    } catch (error) {
      if (error.damaged || error.status || error.url) throw error;
      await snapshots.forgetSnapshot(await key);  // and start the ordinary way, which saves a good one
    }
  }
  var pyodide = await startPyodide(start, snapshots && await key ? { _makeSnapshot: true } : {}, "fresh");
  if (snapshots && await key) {
    try {
      // Now, before anything is imported, or the snapshot could not be restored (pyodide#6254).
      state.snapshot = { bytes: pyodide.makeMemorySnapshot(), key: await key, save: snapshots.saveSnapshot };
    } catch (error) { /* no snapshot this time; the scorer works all the same */ }
  }
  return installPackage(id, pyodide, download);
}

// Pyodide is handed the checked bytes wherever it can take them: the lock file as its text,
// the interpreter and the standard library through this worker's fetch (Pyodide has no option
// for their bytes, and blob: URLs would need 'blob:' in the site's Content-Security-Policy).
async function startPyodide(start, options, how) {
  var files = start.download.files;
  var dir = start.pyodideDir;
  var restoreFetch = serveChecked(start.fetch, {
    [dir + "pyodide.asm.wasm"]: { bytes: files["pyodide.asm.wasm"], type: "application/wasm" },
    [dir + "python_stdlib.zip"]: { bytes: files["python_stdlib.zip"], type: "application/zip" },
  });
  var began = performance.now();
  try {
    var pyodide = await Promise.race([
      start.loader.loadPyodide(Object.assign({
        indexURL: dir,
        packageBaseUrl: dir,
        lockFileContents: files["pyodide-lock.json"].then(function (bytes) { return new TextDecoder().decode(bytes); }),
        createPyodideModule: function (settings) {
          return files["pyodide.asm.mjs"].then(function () { return import(dir + "pyodide.asm.mjs"); })
            .then(function (module) { return module.default(settings); });
        },
        stdout: function (text) { console.log(text); },
        stderr: function (text) { console.warn(text); },
      }, options)),
      // A damaged or missing file fails here at once; Pyodide itself would wait for ever.
      start.download.allChecked.then(function () { return new Promise(function () {}); }),
    ]);
    state.start = { how: how, ms: Math.round(performance.now() - began) };
    return pyodide;
  } catch (error) {
    if (error.damaged || error.status || error.url) throw error;
    throw new Error("the scorer could not start: " + (error.message || String(error)));
  } finally {
    restoreFetch();
  }
}

async function installPackage(id, pyodide, download) {
  progress(id, "packages", "Installing the scoring package");
  var wheels = await download.wheels;
  var sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  wheels.forEach(function (wheel) {
    pyodide.unpackArchive(wheel.bytes, "wheel", { extractDir: sitePackages });
  });
  progress(id, "methodology", "Reading the checklists");
  var methodology = await download.methodology;
  var browser = pyodide.pyimport("mlops_handbook.browser");
  browser.load(methodology);
  return browser;
}

// Saves the snapshot taken at a fresh start, once the reader has the first answer: the copy
// into IndexedDB takes a moment that should not delay it.
function keepSnapshot() {
  var pending = state.snapshot;
  if (!pending) return;
  state.snapshot = null;
  pending.save(pending.key, pending.bytes).then(function (saved) {
    self.postMessage({ type: "snapshot", saved: saved });
  });
}

// Under a Content-Security-Policy without 'wasm-unsafe-eval' Pyodide would wait for ever: say so.
function checkWebAssemblyAllowed() {
  try {
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));  // an empty module
  } catch (error) {
    throw new Error("the site's Content-Security-Policy forbids WebAssembly, which the scorer needs (" +
                    error.message + "). Whoever hosts the site should send the policy in " +
                    "assets/content-security-policy.txt, which allows it with 'wasm-unsafe-eval'");
  }
}

// While Pyodide starts, requests for these addresses get the checked bytes; any other request,
// and each of these after its first, goes to the network as usual.
function serveChecked(networkFetch, served) {
  self.fetch = function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    var file = served[url];
    if (!file) return networkFetch(input, init);
    delete served[url];
    return file.bytes.then(function (bytes) {
      return new Response(bytes, { status: 200, headers: { "Content-Type": file.type } });
    });
  };
  return function () { self.fetch = networkFetch; };
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
  if (error && error.damaged) result.damaged = error.damaged;  // the file's name
  if (error && error.type) result.type = error.type;  // a PythonError's exception class
  return result;
}
