// Makes the standard library the scorer starts with: only the modules that Pyodide's start, the
// handbook's package and a first total import, compiled ahead of time. The whole
// python_stdlib.zip is 2.5 MB of deflated sources that Pyodide compiles as it imports them; this
// one is about a third of the modules as bytecode without docstrings (as `python -OO` compiles
// them; the standard library supports that mode), 1.3 MB, so a first visit downloads half as much
// of it and the interpreter starts in a third of the time. The worker puts the whole library in its place once
// the first total is out (scorer-start.js), before anything that may import more.
// scripts/prepare_site.py runs it and lists the result in runtime.json as "startup_stdlib".
//
//   node scripts/make_startup_stdlib.mjs ASSETS_DIR OUT_FILE < runtime.json
//
// Reads what runtime.json will say from standard input and the files it lists from ASSETS_DIR;
// writes OUT_FILE (a zip of .pyc files, each deflated: hosts do not compress zips, so it is
// served as it is, which also lets its download measure the connection, see scorer-shipped.js)
// and prints {"modules", "bytes"} as JSON. It then starts Pyodide again with only
// that zip and runs the same requests: a module missing from it fails here, with exit status 1,
// not in a reader's browser.

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

// What a first total asks of the package, the way the worker asks it: the score page's report
// against an earlier assessment, a checklist page's score, and the answers a reader can get wrong.
const FIRST_REQUESTS = `
import json
from mlops_handbook import browser
current = open("/tmp/startup/current.json").read()
earlier = open("/tmp/startup/earlier.json").read()
for call in (lambda: browser.score_json(current, True, earlier), lambda: browser.score_json(current),
             lambda: browser.score_json("{not json"), lambda: browser.score_json('{"version": 99}'),
             lambda: browser.check_answers(current), lambda: browser.check_answers("[]"),
             lambda: browser.reason_json("The client hosts it on premises"), lambda: browser.reason_json("")):
    json.loads(call())
`;

async function startScorer(options) {
  const pyodide = await loadPyodide({ indexURL: pyodideDir, stdout: () => {}, stderr: (text) => console.error(text),
                                      ...options });
  const sitePackages = pyodide.runPython("import sysconfig; sysconfig.get_path('purelib')");
  for (const wheel of runtime.wheels.filter((listed) => !listed.deferred)) {
    pyodide.unpackArchive(new Uint8Array(readFileSync(path.join(assetsDir, wheel.path))), "wheel",
                          { extractDir: sitePackages });
  }
  pyodide.runPython("import importlib; importlib.invalidate_caches()");
  pyodide.pyimport("mlops_handbook.browser").load(readFileSync(path.join(assetsDir, runtime.methodology.path), "utf8"));
  pyodide.FS.mkdirTree("/tmp/startup");
  pyodide.FS.writeFile("/tmp/startup/current.json", readFileSync(path.join(examples, "p7-card-fraud-detection.json")));
  pyodide.FS.writeFile("/tmp/startup/earlier.json", readFileSync(path.join(examples, "p7-card-fraud-detection-2026-03.json")));
  pyodide.runPython(FIRST_REQUESTS);
  return pyodide;
}

// Every module imported so far whose file is in the standard library's zip, with the packages
// above it, compiled at optimization level 2 to unchecked hash-based .pyc (valid without their
// sources), in name order
// with a fixed date, so the same runtime gives the same zip.
const BUILD_ZIP = `
import importlib._bootstrap_external as external, importlib.util, sys, zipfile
library = next(entry for entry in sys.path if entry.endswith(".zip"))
with zipfile.ZipFile(library) as whole:
    present = set(whole.namelist())
    wanted = set()
    for name in list(sys.modules):
        parts = name.split(".")
        for depth in range(1, len(parts) + 1):
            stem = "/".join(parts[:depth])
            wanted.update(path for path in (stem + ".py", stem + "/__init__.py") if path in present)
    with zipfile.ZipFile("/tmp/startup/startup.zip", "w") as startup:
        for source_path in sorted(wanted):
            source = whole.read(source_path)
            code = compile(source, library + "/" + source_path, "exec", dont_inherit=True, optimize=2)
            data = external._code_to_hash_pyc(code, importlib.util.source_hash(source), checked=False)
            startup.writestr(zipfile.ZipInfo(source_path + "c", date_time=(1980, 1, 1, 0, 0, 0)), bytes(data),
                             compress_type=zipfile.ZIP_DEFLATED, compresslevel=9)
len(wanted)
`;

const traced = await startScorer({});
const modules = traced.runPython(BUILD_ZIP);
const bytes = traced.FS.readFile("/tmp/startup/startup.zip");
writeFileSync(out, bytes);

try {
  await startScorer({ stdLibURL: out });
} catch (error) {
  console.error(`the startup standard library lacks a module a first total needs: ${String(error.message).trim().split("\n").pop()}`);
  process.exit(1);
}
console.log(JSON.stringify({ modules, bytes: bytes.length }));
