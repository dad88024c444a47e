// Makes the memory snapshot the site ships for a reader's first start: Pyodide initialised in
// Node with the startup library (the package compiled in it), the package imported and the methodology read, exactly as the
// browser's worker does it (docs/assets/js/scorer-start.js), then the memory's pages that are
// not all zeros, gzip-compressed. scripts/prepare_site.py runs it and lists the result in
// runtime.json; the worker restores it only when this runtime's digests give the same key.
//
//   node scripts/make_snapshot.mjs ASSETS_DIR OUT_FILE < runtime.json
//
// Reads what runtime.json will say from standard input (the prepare step writes the file itself
// only once the snapshot is made, so that a build never copies one without it) and the files it
// lists from ASSETS_DIR. Writes OUT_FILE and prints
// {"key", "length", "pages"} as JSON. Exit status 3, with a message, when the package's start
// grows Pyodide's memory: such a snapshot cannot be restored (pyodide#6254), so none is shipped.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { pathToFileURL } from "node:url";

const [assets, out] = process.argv.slice(2);
if (!assets || !out) {
  console.error("usage: node scripts/make_snapshot.mjs ASSETS_DIR OUT_FILE");
  process.exit(2);
}
const assetsDir = path.resolve(assets);
const { loadPyodide } = await import(pathToFileURL(path.join(assetsDir, "pyodide", "pyodide.mjs")).href);
// The site's own packing and key, as the worker uses them.
const { pack, snapshotKey } = await import(new URL("../docs/assets/js/scorer-snapshot.js", import.meta.url).href);

const runtime = JSON.parse(readFileSync(0, "utf8"));
const key = snapshotKey(runtime);
if (!key) {
  console.error("the runtime given does not name every file a snapshot is made of");
  process.exit(2);
}

// With the standard library the worker starts with (runtime.json's "startup_stdlib"): a snapshot
// holds the import system's view of that zip, so it is restored with the same one.
const pyodide = await loadPyodide({ indexURL: path.join(assetsDir, "pyodide") + path.sep, _makeSnapshot: true,
                                    stdLibURL: path.join(assetsDir, runtime.startup_stdlib.path),
                                    stdout: () => {}, stderr: (text) => console.error(text) });
const memory = pyodide._module.HEAP8.length;
// The package is imported from that zip too: the wheels are installed after the first total.
const browser = pyodide.pyimport("mlops_handbook.browser");
browser.load(readFileSync(path.join(assetsDir, runtime.methodology.path), "utf8"));
if (pyodide._module.HEAP8.length !== memory) {
  console.error(`starting the package grew Pyodide's memory from ${memory} to ${pyodide._module.HEAP8.length} bytes, ` +
                "so a snapshot of it could not be restored (pyodide#6254)");
  process.exit(3);
}
const bytes = pyodide.makeMemorySnapshot();
const { packed, pages } = pack(bytes);
writeFileSync(out, gzipSync(packed, { level: 9 }));
console.log(JSON.stringify({ key, length: bytes.length, pages }));
