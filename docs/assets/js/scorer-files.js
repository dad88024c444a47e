/*
 * The scorer's files: every file the worker starts with (the Pyodide runtime, the library it
 * starts with, methodology.json), requested at once and each checked against the SHA-256 digest that
 * assets/runtime.json gives for it. A file that differs, or that the server lacks, gives an error
 * that names it. Imported by scorer-worker.js.
 */

// The Pyodide files the worker starts with, in the order runtime.json lists them. The standard
// library it starts with is runtime.json's "startup_stdlib" (the modules a first total imports,
// compiled); the whole python_stdlib.zip comes after the first total (requestWholeStdlib).
export var PYODIDE_FILES = ["pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "pyodide-lock.json"];
export var WHOLE_STDLIB = "python_stdlib.zip";
// The browser's own fetch, kept before the worker stands in for it while Pyodide starts.
export var networkFetch = self.fetch.bind(self);

// Starts every download; each promise gives checked bytes (or text), or fails naming the file.
export function requestFiles(assets) {
  var pyodideDir = assets + "pyodide/";
  var runtime = fetchJson(assets + "runtime.json");
  var files = {};
  var wasm = compilingFetch();
  PYODIDE_FILES.forEach(function (name) {
    // Revalidated: these keep their names from one release of the site to the next.
    files[name] = checkedFile(runtime, name, pyodideDir + name, "no-cache", function (listed) {
      return listedFile(listed.pyodide, name);
    }, name === "pyodide.asm.wasm" ? wasm.fetch : fetchBytes);
  });
  // The interpreter compiled as it came in, once its bytes are checked; null if it could not be.
  var compiledWasm = Promise.all([files["pyodide.asm.wasm"], wasm.module]).then(function (both) { return both[1]; },
                                                                                 function () { return null; });
  // Named by its digest, so the HTTP cache may keep it.
  var stdlib = runtime.then(function (listed) {
    var entry = listed.startup_stdlib;
    if (!entry || typeof entry.path !== "string") throw unlistedError("python_stdlib_startup.zip", assets + "runtime.json");
    return checkedFile(runtime, entry.name, new URL(entry.path, assets).href, "default", function () { return entry; });
  });
  var methodology = checkedFile(runtime, "methodology.json", assets + "methodology.json", "no-cache",
    function (listed) { return listed.methodology; }).then(function (bytes) { return new TextDecoder().decode(bytes); });
  var allChecked = Promise.all(PYODIDE_FILES.map(function (name) { return files[name]; }).concat([stdlib, methodology]));
  allChecked.catch(function () {});
  return { runtime: runtime, files: files, compiledWasm: compiledWasm, stdlib: stdlib, methodology: methodology,
           allChecked: allChecked };
}

// Fetches pyodide.asm.wasm and compiles it while its bytes arrive, as a plain loadPyodide() does
// (9.6 MB: compiling it after the download would add its whole compile time to the start); the
// bytes are kept for the digest check, and the module is used only once that has passed.
function compilingFetch() {
  var compiled = {};
  compiled.module = new Promise(function (resolve) { compiled.resolve = resolve; });
  compiled.fetch = async function (url, cacheMode) {
    var response = await fetchResponse(url, cacheMode);
    if (typeof WebAssembly.compileStreaming !== "function" || typeof response.clone !== "function") {
      compiled.resolve(null);
      return new Uint8Array(await response.arrayBuffer());
    }
    // The response itself is compiled, not a copy: the browser then keeps the compiled code with
    // the cached file (V8's code cache), and a later visit skips most of the compiling.
    var copy = response.clone();
    compiled.resolve(WebAssembly.compileStreaming(response).catch(function () { return null; }));
    return new Uint8Array(await copy.arrayBuffer());
  };
  return compiled;
}

// What a first total does not need, checked: the wheels (the package's modules a first total
// imports are compiled into the startup library; the wheels bring the rest of it and XlsxWriter,
// for the spreadsheets) and the whole standard library.
export function requestWheels(assets, runtime) {
  return runtime.then(function (listed) { return fetchWheels(listed, assets); });
}

export function requestWholeStdlib(assets, runtime) {
  return checkedFile(runtime, WHOLE_STDLIB, assets + "pyodide/" + WHOLE_STDLIB, "no-cache", function (listed) {
    return listedFile(listed.pyodide, WHOLE_STDLIB);
  });
}

function listedFile(list, name) {
  return (list || []).filter(function (file) { return file && file.name === name; })[0];
}

// The file's bytes, once their SHA-256 equals the digest runtime.json gives for it.
async function checkedFile(runtimeReady, name, url, cacheMode, entryOf, fetcher) {
  var bytes = await (fetcher || fetchBytes)(url, cacheMode);
  var entry = entryOf(await runtimeReady);
  if (!entry || typeof entry.sha256 !== "string") throw unlistedError(name, url);
  if ((await sha256Hex(bytes)) !== entry.sha256.toLowerCase()) throw damagedError(name, url);
  return bytes;
}

function unlistedError(name, url) {
  return worded("runtime.json gives no digest for {name}, so the file cannot be checked. " +
                 "The site's copy is incomplete: ask whoever hosts it to copy the site again", { name: name }, { url: url });
}

export async function sha256Hex(bytes) {
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
  return worded("{name} is damaged: its content differs from the one this site was built with. " +
                 "Reload the page; if this persists, the site's copy is damaged: ask whoever hosts it " +
                 "to copy the site again", { name: name }, { url: url, damaged: name });
}

async function fetchBytes(url, cacheMode) {
  return new Uint8Array(await (await fetchResponse(url, cacheMode)).arrayBuffer());
}

async function fetchResponse(url, cacheMode) {
  var response;
  try {
    response = await networkFetch(url, { cache: cacheMode, credentials: "same-origin" });
  } catch (error) {
    throw await missingFileError([url], error);
  }
  if (!response.ok) throw httpError(url, response);
  return response;
}

async function fetchWheels(runtime, assets) {
  var wheels = runtime.wheels || [];
  if (wheels.length === 0) throw worded("{file} lists no wheels to install", { file: assets + "runtime.json" });
  var urls = wheels.map(function (wheel) { return new URL(wheel.path, assets).href; });
  urls.forEach(function (url) {
    if (new URL(url).origin !== self.location.origin) {
      throw worded("{file} lists {url}, which is on another host; the scorer only loads files from its own site",
                   { file: assets + "runtime.json", url: url });
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
    throw worded("could not read {url}: it is not valid JSON ({why})", { url: url, why: error.message }, { url: url });
  }
}

function httpError(url, response) {
  var values = { url: url, status: (response.status + " " + (response.statusText || "")).trim() };
  var fields = { url: url, status: response.status };
  return response.status === 404
    ? worded("could not load {url}: the server answered HTTP {status}. The site may have been built without the " +
             "scorer's files", values, fields)
    : worded("could not load {url}: the server answered HTTP {status}", values, fields);
}

// Pyodide's own errors seldom name the file; on failure, find the first one the server lacks.
export async function missingFileError(urls, cause) {
  for (var i = 0; i < urls.length; i++) {
    var response = null;
    try {
      response = await networkFetch(urls[i], { method: "HEAD", cache: "no-cache", credentials: "same-origin" });
    } catch (error) {
      return worded("could not load {url}: {why}. Check the connection to the site",
                    { url: urls[i], why: error.message || "the request failed" }, { url: urls[i] });
    }
    if (!response.ok) return httpError(urls[i], response);
  }
  return worded("the scorer could not start: {why}", { why: (cause && cause.message) || String(cause) },
                urls.length === 1 ? { url: urls[0] } : {});
}

// An Error whose message is `english` with its {name} placeholders filled from `values`, and
// `fields` set on it. It keeps the template and the values (error.text, error.values), which the
// page writes in its own language: i18n-es.js has each of these texts, and a test finds every
// call of worded in the scorer's files.
export function worded(english, values, fields) {
  values = values || {};
  var error = new Error(english.replace(/\{(\w+)\}/g, function (whole, name) { return String(values[name]); }));
  error.text = english;
  error.values = values;
  return Object.assign(error, fields || {});
}
