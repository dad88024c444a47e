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

// The Pyodide files the worker loads, in the order runtime.json lists them.
var PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json"];
var networkFetch = self.fetch.bind(self);

async function load(root, id) {
  checkWebAssemblyAllowed();
  var assets = root + "assets/";
  var pyodideDir = assets + "pyodide/";
  progress(id, "runtime", "Loading the Python runtime");
  // Every file is requested at once and checked against its digest in runtime.json as soon as
  // both are in, so the first total waits for little more than loadPyodide() itself.
  var runtimeReady = fetchJson(assets + "runtime.json");
  var files = {};
  PYODIDE_FILES.forEach(function (name) {
    // Revalidated: these keep their names from one release of the site to the next.
    files[name] = checkedFile(runtimeReady, name, pyodideDir + name, "no-cache", function (runtime) {
      return listedFile(runtime.pyodide, name);
    });
  });
  var wheelsReady = runtimeReady.then(function (runtime) { return fetchWheels(runtime, assets); });
  var methodologyReady = checkedFile(runtimeReady, "methodology.json", assets + "methodology.json", "no-cache",
    function (runtime) { return runtime.methodology; }).then(function (bytes) { return new TextDecoder().decode(bytes); });
  var allChecked = Promise.all(PYODIDE_FILES.map(function (name) { return files[name]; }).concat([wheelsReady, methodologyReady]));
  allChecked.catch(function () {});

  // Pyodide is handed the checked bytes wherever it can take them: the lock file as its text,
  // the interpreter and the standard library through this worker's fetch (Pyodide has no option
  // for their bytes, and blob: URLs would need 'blob:' in the site's Content-Security-Policy).
  // A module cannot be imported from bytes under that policy either, so the two .mjs files are
  // fetched and checked first and then imported from the same address, which the browser
  // answers from the HTTP cache the check has just filled.
  var loader;
  await files["pyodide.mjs"];
  try {
    loader = await import(pyodideDir + "pyodide.mjs");
  } catch (error) {
    throw await missingFileError([pyodideDir + "pyodide.mjs"], error);
  }
  var restoreFetch = serveChecked({
    [pyodideDir + "pyodide.asm.wasm"]: { bytes: files["pyodide.asm.wasm"], type: "application/wasm" },
    [pyodideDir + "python_stdlib.zip"]: { bytes: files["python_stdlib.zip"], type: "application/zip" },
  });
  var pyodide;
  try {
    pyodide = await Promise.race([
      loader.loadPyodide({
        indexURL: pyodideDir,
        packageBaseUrl: pyodideDir,
        lockFileContents: files["pyodide-lock.json"].then(function (bytes) { return new TextDecoder().decode(bytes); }),
        createPyodideModule: function (settings) {
          return files["pyodide.asm.mjs"].then(function () { return import(pyodideDir + "pyodide.asm.mjs"); })
            .then(function (module) { return module.default(settings); });
        },
        stdout: function (text) { console.log(text); },
        stderr: function (text) { console.warn(text); },
      }),
      // A damaged or missing file fails here at once; Pyodide itself would wait for ever.
      allChecked.then(function () { return new Promise(function () {}); }),
    ]);
  } catch (error) {
    if (error.damaged || error.status || error.url) throw error;
    throw new Error("the scorer could not start: " + (error.message || String(error)));
  } finally {
    restoreFetch();
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
function serveChecked(served) {
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

function listedFile(list, name) {
  return (list || []).filter(function (file) { return file && file.name === name; })[0];
}

// The file's bytes, once their SHA-256 equals the digest runtime.json gives for it.
async function checkedFile(runtimeReady, name, url, cacheMode, entryOf) {
  var bytes = await fetchBytes(url, cacheMode);
  var entry = entryOf(await runtimeReady);
  if (!entry || typeof entry.sha256 !== "string") {
    var unlisted = new Error("runtime.json gives no digest for " + name + ", so the file cannot be checked. " +
                             "The site's copy is incomplete: ask whoever hosts it to copy the site again");
    unlisted.url = url;
    throw unlisted;
  }
  if ((await sha256Hex(bytes)) !== entry.sha256.toLowerCase()) throw damagedError(name, url);
  return bytes;
}

async function sha256Hex(bytes) {
  var digest = self.crypto && self.crypto.subtle
    ? new Uint8Array(await self.crypto.subtle.digest("SHA-256", bytes))
    : sha256(bytes);  // crypto.subtle exists only in secure contexts, e.g. not on plain-http intranet hosts
  return Array.prototype.map.call(digest, function (byte) { return (byte < 16 ? "0" : "") + byte.toString(16); }).join("");
}

// SHA-256 (FIPS 180-4) in plain JavaScript, for pages served without HTTPS.
var SHA256_K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
  0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
  0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
  0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
  0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

function sha256(bytes) {
  var length = bytes.length;
  var padded = new Uint8Array(((length + 9 + 63) >> 6) << 6);
  padded.set(bytes);
  padded[length] = 0x80;
  var tail = new DataView(padded.buffer);
  tail.setUint32(padded.length - 8, Math.floor(length / 0x20000000));
  tail.setUint32(padded.length - 4, (length << 3) >>> 0);
  var h = new Int32Array([0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19]);
  var w = new Int32Array(64);
  for (var offset = 0; offset < padded.length; offset += 64) {
    for (var i = 0; i < 16; i++) w[i] = tail.getInt32(offset + 4 * i);
    for (i = 16; i < 64; i++) {
      var x = w[i - 15], y = w[i - 2];
      var s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      var s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16] + s0 + w[i - 7] + s1) | 0;
    }
    var a = h[0], b = h[1], c = h[2], d = h[3], e = h[4], f = h[5], g = h[6], k = h[7];
    for (i = 0; i < 64; i++) {
      var t1 = (k + (((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7))) +
                ((e & f) ^ (~e & g)) + SHA256_K[i] + w[i]) | 0;
      var t2 = ((((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10))) +
                ((a & b) ^ (a & c) ^ (b & c))) | 0;
      k = g; g = f; f = e; e = (d + t1) | 0; d = c; c = b; b = a; a = (t1 + t2) | 0;
    }
    h[0] += a; h[1] += b; h[2] += c; h[3] += d; h[4] += e; h[5] += f; h[6] += g; h[7] += k;
  }
  var digest = new Uint8Array(32);
  var out = new DataView(digest.buffer);
  for (i = 0; i < 8; i++) out.setInt32(4 * i, h[i]);
  return digest;
}

function damagedError(name, url) {
  var error = new Error(name + " is damaged: its content differs from the one this site was built with. " +
                        "Reload the page; if this persists, the site's copy is damaged: ask whoever hosts it " +
                        "to copy the site again");
  error.url = url;
  error.damaged = name;
  return error;
}

async function fetchBytes(url, cacheMode) {
  var response;
  try {
    response = await networkFetch(url, { cache: cacheMode, credentials: "same-origin" });
  } catch (error) {
    throw await missingFileError([url], error);
  }
  if (!response.ok) throw httpError(url, response);
  return new Uint8Array(await response.arrayBuffer());
}

async function fetchWheels(runtime, assets) {
  var wheels = runtime.wheels || [];
  if (wheels.length === 0) throw new Error(assets + "runtime.json lists no wheels to install");
  var urls = wheels.map(function (wheel) { return new URL(wheel.path, assets).href; });
  urls.forEach(function (url) {
    if (new URL(url).origin !== self.location.origin) {
      throw new Error(assets + "runtime.json lists " + url + ", which is on another host; the scorer " +
                      "only loads files from its own site");
    }
  });
  return Promise.all(wheels.map(async function (wheel, index) {
    // Wheel paths carry their hash, so the HTTP cache may keep them.
    var bytes = await checkedFile(Promise.resolve(runtime), wheel.name, urls[index], "default",
                                  function () { return wheel; });
    return { url: urls[index], bytes: bytes };
  }));
}

async function fetchText(url) {
  var response;
  try {
    // Revalidate: these small files change with every site update.
    response = await networkFetch(url, { cache: "no-cache", credentials: "same-origin" });
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

// Pyodide's own errors seldom name the file; on failure, find the first one the server lacks.
async function missingFileError(urls, cause) {
  for (var i = 0; i < urls.length; i++) {
    var response = null;
    try {
      response = await networkFetch(urls[i], { method: "HEAD", cache: "no-cache", credentials: "same-origin" });
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
  if (error && error.damaged) result.damaged = error.damaged;  // the file's name
  if (error && error.type) result.type = error.type;  // a PythonError's exception class
  return result;
}
