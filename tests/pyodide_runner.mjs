// Runs the package's browser API under Pyodide in Node for a whole corpus in one process
// (Pyodide's start-up is the slow part), and writes what each call returned.
//
//   node tests/pyodide_runner.mjs REQUEST.json
//
// REQUEST: {index_url, wheels: [paths, install order], methodology_path, out_dir,
//           score_cases: {name: answers JSON text}, export_cases: {...}, uploads: {name: text}}
// Writes out_dir/result.json: {python_version, importable, loaded, scores, exports, checks};
// each export's bytes go to out_dir/<name>.xlsx.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadPyodide } from "pyodide";

const request = JSON.parse(readFileSync(process.argv[2], "utf8"));

const pyodide = await loadPyodide({ indexURL: request.index_url, stdout: () => {}, stderr: console.error });

// The same call the page's worker makes, with local paths in place of URLs.
const loadErrors = [];
const loaded = await pyodide.loadPackage(request.wheels, {
  messageCallback: () => {},
  errorCallback: (message) => loadErrors.push(message),
});
if (loadErrors.length || loaded.length !== request.wheels.length) {
  throw new Error(`could not install the wheels: ${loadErrors.join("; ")}`);
}

const info = pyodide.runPython(`
import importlib.util, json, sys
json.dumps({
    "python_version": list(sys.version_info[:2]),
    "importable": {name: importlib.util.find_spec(name) is not None
                   for name in ("yaml", "jsonschema", "xlsxwriter", "mlops_handbook")},
})
`);

const browser = pyodide.pyimport("mlops_handbook.browser");
browser.load(readFileSync(request.methodology_path, "utf8"));

const scores = {};
for (const [name, answers] of Object.entries(request.score_cases)) {
  scores[name] = browser.score_json(answers);
}

const exports = {};
for (const [name, answers] of Object.entries(request.export_cases)) {
  let proxy;
  try {
    proxy = browser.export_xlsx(answers);
  } catch (error) {
    // A PythonError: keep the exception type and its final line (the message without traceback).
    const lines = String(error.message).trimEnd().split("\n");
    exports[name] = { ok: false, type: error.type, message: lines[lines.length - 1] };
    continue;
  }
  const file = path.join(request.out_dir, `${name}.xlsx`);
  writeFileSync(file, proxy.toJs());
  proxy.destroy();
  exports[name] = { ok: true, file };
}

const checks = {};
for (const [name, text] of Object.entries(request.uploads)) {
  checks[name] = browser.check_answers(text);
}

const result = {
  ...JSON.parse(info),
  loaded: loaded.map((entry) => entry.fileName),
  scores,
  exports,
  checks,
};
writeFileSync(path.join(request.out_dir, "result.json"), JSON.stringify(result));
