/*
 * The scorer's start: Pyodide from this browser's memory snapshot when it has one of this
 * release (package imported, methodology read); else, over a fast connection, from the snapshot
 * the site ships (scorer-shipped.js); else initialised afresh, the handbook's package installed
 * and its methodology read. A start that was not from this browser's own snapshot leaves one to
 * keep for next time. Imported by scorer-worker.js.
 */
import { missingFileError, networkFetch, requestFiles, requestWheels, requestWholeStdlib, worded } from "./scorer-files.js";
import { shippedSnapshot } from "./scorer-shipped.js";
import { forgetSnapshot, readSnapshot, saveSnapshot, snapshotKey, snapshotsPossible } from "./scorer-snapshot.js";

export { readSnapshot, saveSnapshot };
export { answersText, exportWorkbook, language, portfolioFiles, portfolioWorkbook, previousText } from "./scorer-requests.js";

// Requests every file the start needs, and imports Pyodide's two modules as soon as they are
// checked, for the site whose root is root. The worker calls it as soon as it runs, for the root
// its own address gives, so that the downloads do not wait for the page's init message (which
// the page's busy thread may deliver 50-100 ms later).
export function requestStart(root) {
  var assets = root + "assets/";
  var pyodideDir = assets + "pyodide/";
  // Every file is requested at once and checked against its digest in runtime.json as soon as
  // both are in, so the first total waits for little more than loadPyodide() itself.
  var download = requestFiles(assets);
  // A module cannot be imported from bytes under the site's Content-Security-Policy, so the
  // .mjs files are fetched and checked first and then imported from the same address, which the
  // browser answers from the HTTP cache the check has just filled. Each is imported as soon as it
  // is checked, the interpreter's (pyodide.asm.mjs, 1.3 MB) while the snapshot is still read.
  var modules = {
    loader: checkedImport(download, pyodideDir, "pyodide.mjs"),
    interpreter: checkedImport(download, pyodideDir, "pyodide.asm.mjs"),
  };
  // Reported when the start awaits them, which may come later or never (no init).
  modules.loader.catch(function () {});
  modules.interpreter.catch(function () {});
  return { root: root, assets: assets, pyodideDir: pyodideDir, download: download, modules: modules };
}

// root: the site root's URL; stored: the promise of readSnapshot() (the worker starts reading at
// once); report(step, message): the loading steps, each reported once; requested: what
// requestStart gave, used if it is for the same root. Resolves with
// {browser, start: {how: "snapshot" | "shipped" | "fresh", ms}, snapshot: {key, bytes, packing?} to save,
//  or null, complete: the function that puts the whole standard library in place (see
//  installWholeStdlib) and, after a restore, writes the wheels' files (see below)}.
export async function startScorer(root, stored, report, requested) {
  checkWebAssemblyAllowed();
  var reported = new Set();
  function step(name, message) {
    if (!reported.has(name)) report(name, message);  // once, even when a restore fails and a fresh start follows
    reported.add(name);
  }
  step("runtime", "Loading the Python runtime");
  var files = requested && requested.root === root ? requested : requestStart(root);
  var assets = files.assets;
  var pyodideDir = files.pyodideDir;
  var download = files.download;
  var keep = snapshotsPossible();
  var key = download.runtime.then(snapshotKey).catch(function () { return null; });
  var start = { loader: await files.modules.loader, interpreter: files.modules.interpreter, download: download,
                pyodideDir: pyodideDir };

  // This browser's own snapshot, never another runtime's or release's; else the site's.
  var own = stored && await stored;
  var how = own && own.key === await key ? "snapshot" : "shipped";
  var snapshot = how === "snapshot" ? own : await shippedSnapshot(assets, await download.runtime.catch(function () { return null; }),
    await key, { url: await stdlibUrl(download, assets), bytes: download.stdlib });
  if (snapshot) {
    try {
      var restored = await startPyodide(start, { _loadSnapshot: snapshot.bytes });
      await download.allChecked;  // the startup library and methodology are in the snapshot, but a damaged copy is still named
      step("packages", "Installing the scoring package");
      step("methodology", "Reading the checklists");
      // methodology() raises unless the snapshot holds the methodology read: then a fresh start.
      restored.pyodide.runPython("import mlops_handbook.browser; mlops_handbook.browser.methodology(); None");
      var browser = restored.pyodide.pyimport("mlops_handbook.browser");
      // The imported modules are in the snapshot's memory; the files for whatever the package
      // imports later (the spreadsheet writer, for one) are written once the first answer is out.
      return { browser: browser, start: started(how, restored),
               snapshot: how === "shipped" && keep ? snapshot : null,
               complete: completion(restored.pyodide, assets, download) };
    } catch (error) {
      if (isFileError(error)) throw error;
      if (how === "snapshot") await forgetSnapshot(snapshot.key);  // and start the ordinary way, which saves a good one
    }
  }
  var snapshotting = keep && Boolean(await key);
  var fresh = await startPyodide(start, snapshotting ? { _makeSnapshot: true } : {});
  var memory = heapBytes(fresh.pyodide);
  var installed = await installPackage(fresh.pyodide, download, step);
  var made = null;
  // Only while memory has not grown: Pyodide cannot restore a snapshot that has (pyodide#6254).
  if (snapshotting && heapBytes(fresh.pyodide) === memory) {
    try {
      made = { key: await key, bytes: fresh.pyodide.makeMemorySnapshot() };
    } catch (error) { /* no snapshot this time; the scorer works all the same */ }
  }
  return { browser: installed, start: started("fresh", fresh), snapshot: made,
           complete: completion(fresh.pyodide, assets, download) };
}

// What the start leaves: the wheels and the whole standard library, requested by the function's
// `prefetch` (the worker calls it once the first total is out: nothing competes with that) or by
// the function itself, which installs them when the worker calls it. A failed download is
// requested again by the next call.
function completion(pyodide, assets, download) {
  var files = null;
  var request = function () {
    if (!files) {
      files = Promise.all([requestWheels(assets, download.runtime), requestWholeStdlib(assets, download.runtime)]);
      files.catch(function () { /* reported by the call that needs them */ });
    }
    return files;
  };
  var complete = async function () {
    var later;
    try {
      later = await request();
    } catch (error) {
      files = null;
      throw error;
    }
    installWholeStdlib(pyodide, later[1], later[0]);
  };
  complete.prefetch = function () { request(); };
  return complete;
}

async function stdlibUrl(download, assets) {
  var runtime = await download.runtime.catch(function () { return null; });
  return runtime && runtime.startup_stdlib ? new URL(String(runtime.startup_stdlib.path), assets).href : "";
}

// The interpreter starts with only the modules a first total imports (runtime.json's
// "startup_stdlib", the package's among them). Before anything may import another, the whole
// standard library takes the startup one's place, in the same file: the packages already imported
// then find their other modules where they look for them, and the import system reads the file's
// new index. Then the wheels are installed (installing one imports modules of the whole library),
// and the package, imported from that file, looks for its other modules where its wheel went.
function installWholeStdlib(pyodide, stdlib, wheels) {
  var library = pyodide.runPython("import sys; next(entry for entry in sys.path if entry.endswith('.zip'))");
  pyodide.FS.writeFile(library, stdlib);
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  unpackWheels(pyodide, wheels);
  pyodide.runPython("import os, sysconfig, mlops_handbook; " +
                    "mlops_handbook.__path__[:] = [os.path.join(sysconfig.get_path('purelib'), 'mlops_handbook')]");
}

async function checkedImport(download, pyodideDir, name) {
  await download.files[name];
  try {
    return await import(pyodideDir + name);
  } catch (error) {
    throw await missingFileError([pyodideDir + name], error);
  }
}

function heapBytes(pyodide) {
  return pyodide._module.HEAP8.length;
}

function started(how, result) {
  return { how: how, ms: Math.round(result.ms) };
}

function isFileError(error) {
  return Boolean(error.damaged || error.status || error.url);
}

// Pyodide is handed the checked bytes wherever it can take them: the lock file as its text,
// the interpreter and the standard library through this worker's fetch (Pyodide has no option
// for their bytes, and blob: URLs would need 'blob:' in the site's Content-Security-Policy).
async function startPyodide(start, options) {
  var files = start.download.files;
  var dir = start.pyodideDir;
  var served = new WeakSet();
  var restoreFetch = serveChecked({
    [dir + "pyodide.asm.wasm"]: { bytes: files["pyodide.asm.wasm"], type: "application/wasm" },
    [dir + "python_stdlib.zip"]: { bytes: start.download.stdlib, type: "application/zip" },  // the startup one
  }, served);
  var restoreInstantiate = instantiateCompiled(served, start.download.compiledWasm);
  var began = performance.now();
  try {
    var pyodide = await Promise.race([
      start.loader.loadPyodide(Object.assign({
        indexURL: dir,
        packageBaseUrl: dir,
        lockFileContents: files["pyodide-lock.json"].then(function (bytes) { return new TextDecoder().decode(bytes); }),
        createPyodideModule: function (settings) {
          return start.interpreter.then(function (module) { return module.default(settings); });
        },
        stdout: function (text) { console.log(text); },
        stderr: function (text) { console.warn(text); },
      }, options)),
      // A damaged or missing file fails here at once; Pyodide itself would wait for ever.
      start.download.allChecked.then(function () { return new Promise(function () {}); }),
    ]);
    return { pyodide: pyodide, ms: performance.now() - began };
  } catch (error) {
    if (isFileError(error)) throw error;
    throw worded("the scorer could not start: {why}", { why: error.message || String(error) });
  } finally {
    restoreFetch();
    restoreInstantiate();
  }
}

// Pyodide instantiates the interpreter from the response it fetched (served by serveChecked):
// while it starts, such a response is instantiated from the module compiled during the download
// (scorer-files.js), not compiled a second time. Pyodide has no option to hand it the module.
function instantiateCompiled(served, compiledWasm) {
  var original = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async function (source, imports) {
    var response = await source;
    var module = served.has(response) ? await compiledWasm : null;
    if (!module) return original.call(WebAssembly, response, imports);
    return { module: module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return function () { WebAssembly.instantiateStreaming = original; };
}

async function installPackage(pyodide, download, step) {
  step("packages", "Installing the scoring package");  // compiled into the startup library
  step("methodology", "Reading the checklists");
  var methodology = await download.methodology;
  var browser = pyodide.pyimport("mlops_handbook.browser");
  browser.load(methodology);
  return browser;
}

function unpackWheels(pyodide, wheels) {
  var sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  wheels.forEach(function (wheel) {
    pyodide.unpackArchive(wheel.bytes, "wheel", { extractDir: sitePackages });
  });
  pyodide.runPython("import importlib; importlib.invalidate_caches()");  // files the import system has not seen
}

// Under a Content-Security-Policy without 'wasm-unsafe-eval' Pyodide would wait for ever: say so.
function checkWebAssemblyAllowed() {
  try {
    new WebAssembly.Module(new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00]));  // an empty module
  } catch (error) {
    throw worded("the site's Content-Security-Policy forbids WebAssembly, which the scorer needs ({why}). " +
                 "Whoever hosts the site should send the policy in {file}, which allows it with 'wasm-unsafe-eval'",
                 { why: error.message, file: "assets/content-security-policy.txt" });
  }
}

// While Pyodide starts, requests for these addresses get the checked bytes; any other request,
// and each of these after its first, goes to the network as usual
// (each kept in responses, to be told from others).
function serveChecked(served, responses) {
  self.fetch = function (input, init) {
    var url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
    var file = served[url];
    if (!file) return networkFetch(input, init);
    delete served[url];
    return file.bytes.then(function (bytes) {
      var response = new Response(bytes, { status: 200, headers: { "Content-Type": file.type } });
      responses.add(response);
      return response;
    });
  };
  return function () { self.fetch = networkFetch; };
}
