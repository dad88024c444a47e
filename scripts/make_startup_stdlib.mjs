// Makes the library the scorer starts with: only the modules that Pyodide's start, the handbook's
// package and a first total import, compiled ahead of time, the package's own among them. The
// whole python_stdlib.zip is 2.5 MB of deflated sources that Pyodide compiles as it imports them,
// and the package's wheel needs installing; this one zip is about a third of the standard
// library's modules as bytecode without docstrings (as `python -OO` compiles them; the standard
// library supports that mode) and the package's modules as bytecode, so a first visit downloads
// half as much and the interpreter starts in a third of the time. The worker installs the wheels
// and puts the whole standard library in this zip's place once the first total is out
// (scorer-start.js), before anything that may import more. scripts/prepare_site.py runs it and
// lists the result in runtime.json as "startup_stdlib".
//
//   node scripts/make_startup_stdlib.mjs ASSETS_DIR OUT_FILE < runtime.json
//
// Reads what runtime.json will say from standard input and the files it lists from ASSETS_DIR;
// writes OUT_FILE (a zip of .pyc files, each deflated: hosts do not compress zips, so it is
// served as it is, which also lets its download measure the connection, see scorer-shipped.js)
// and prints {"modules", "bytes"} as JSON. It then starts Pyodide again with only that zip, no
// wheel installed, and makes the same requests: a module missing from it fails here, with exit
// status 1, not in a reader's browser.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [assets, out] = process.argv.slice(2);
if (!assets || !out) {
  console.error("usage: node scripts/make_startup_stdlib.mjs ASSETS_DIR OUT_FILE");
  process.exit(2);
}
const assetsDir = path.resolve(assets);
const pyodideDir = path.join(assetsDir, "pyodide") + path.sep;
const { loadPyodide } = await import(pathToFileURL(path.join(pyodideDir, "pyodide.mjs")).href);
const runtime = JSON.parse(readFileSync(0, "utf8"));
const examples = path.join(path.dirname(new URL(import.meta.url).pathname), "..", "docs", "assets", "examples", "portfolio");
const PACKAGE = "mlops_handbook";
const packageWheel = runtime.wheels.find((wheel) => wheel.name.startsWith(PACKAGE + "-"));

// What a first total asks of the package, the way the worker asks it: the score page's report
// against an earlier assessment in either language, a checklist page's score, and the answers a
// reader can get wrong.
const FIRST_REQUESTS = `
import json
from mlops_handbook import browser
browser.load(open("/tmp/startup/methodology.json").read())
current = open("/tmp/startup/current.json").read()
earlier = open("/tmp/startup/earlier.json").read()
for call in (lambda: browser.score_json(current, True, earlier), lambda: browser.score_json(current),
             lambda: browser.score_json(current, True, earlier, "es"), lambda: browser.score_json(current, False, "", "es"),
             lambda: browser.score_json("{not json"), lambda: browser.score_json('{"version": 99}'),
             lambda: browser.score_json("{not json", False, "", "es"),
             lambda: browser.check_answers(current), lambda: browser.check_answers("[]"),
             lambda: browser.reason_json("The client hosts it on premises"), lambda: browser.reason_json("")):
    json.loads(call())
`;

// The package is imported straight from its wheel (a zip, so the import system reads it as one),
// as the browser imports it from the startup zip: nothing installs it before the first total.
async function startScorer(options, fromWheel) {
  const pyodide = await loadPyodide({ indexURL: pyodideDir, stdout: () => {}, stderr: (text) => console.error(text),
                                      ...options });
  pyodide.FS.mkdirTree("/tmp/startup");
  pyodide.FS.writeFile("/tmp/startup/methodology.json", readFileSync(path.join(assetsDir, runtime.methodology.path)));
  pyodide.FS.writeFile("/tmp/startup/current.json", readFileSync(path.join(examples, "p7-card-fraud-detection.json")));
  pyodide.FS.writeFile("/tmp/startup/earlier.json", readFileSync(path.join(examples, "p7-card-fraud-detection-2026-03.json")));
  if (fromWheel) {
    pyodide.FS.writeFile("/tmp/startup/package.whl", readFileSync(path.join(assetsDir, packageWheel.path)));
    pyodide.runPython("import sys; sys.path.insert(0, '/tmp/startup/package.whl')");
  }
  pyodide.runPython(FIRST_REQUESTS);
  return pyodide;
}

// Every module imported so far whose file is in the standard library's zip or the package's wheel,
// with the packages above it, compiled to unchecked hash-based .pyc (valid without their sources):
// the standard library's at optimization level 2, the package's as they are (it may assert).
// In name order with a fixed date, so the same runtime gives the same zip.
const BUILD_ZIP = `
import importlib._bootstrap_external as external, importlib.util, sys, zipfile
library = next(entry for entry in sys.path if entry.endswith(".zip") and entry.startswith("/lib/"))
sources = {library: 2, "/tmp/startup/package.whl": 0}
compiled = {}
for archive, optimize in sources.items():
    with zipfile.ZipFile(archive) as whole:
        present = set(whole.namelist())
        for name in list(sys.modules):
            parts = name.split(".")
            for depth in range(1, len(parts) + 1):
                stem = "/".join(parts[:depth])
                for path in (stem + ".py", stem + "/__init__.py"):
                    if path in present and path + "c" not in compiled:
                        source = whole.read(path)
                        code = compile(source, library + "/" + path, "exec", dont_inherit=True, optimize=optimize)
                        compiled[path + "c"] = external._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
with zipfile.ZipFile("/tmp/startup/startup.zip", "w") as startup:
    for path in sorted(compiled):
        startup.writestr(zipfile.ZipInfo(path, date_time=(1980, 1, 1, 0, 0, 0)), bytes(compiled[path]),
                         compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
len(compiled)
`;

const traced = await startScorer({}, true);
const modules = traced.runPython(BUILD_ZIP);
const bytes = traced.FS.readFile("/tmp/startup/startup.zip");
writeFileSync(out, bytes);

try {
  await startScorer({ stdLibURL: out }, false);
} catch (error) {
  console.error(`the startup library lacks a module a first total needs: ${String(error.message).trim().split("\n").pop()}`);
  process.exit(1);
}
console.log(JSON.stringify({ modules, bytes: bytes.length }));
