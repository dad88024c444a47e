// The snapshot's key names everything in it: a new runtime or a new release never restores an old one.
import assert from "node:assert/strict";
import { test } from "node:test";

import { checksum, snapshotKey } from "../../docs/assets/js/scorer-snapshot.js";

const digest = (char) => char.repeat(64);
const runtime = () => ({
  pyodide_version: "314.0.7",
  pyodide: [
    { name: "pyodide.asm.wasm", sha256: digest("a") },
    { name: "python_stdlib.zip", sha256: digest("b") },
  ],
  wheels: [{ name: "xlsxwriter.whl", sha256: digest("c") }, { name: "mlops_handbook.whl", sha256: digest("d") }],
  methodology: { name: "methodology.json", sha256: digest("e") },
});

test("the key gives the version, the interpreter's digest and the loaded files' digests", () => {
  assert.equal(snapshotKey(runtime()),
    "pyodide-314.0.7-" + digest("a") + "-site-" + ["b", "c", "d", "e"].map((c) => c.repeat(16)).join(""));
});

test("a change to any file in the snapshot changes the key", () => {
  const keys = new Set([snapshotKey(runtime())]);
  for (const change of [
    (r) => { r.pyodide_version = "314.0.8"; },
    (r) => { r.pyodide[0].sha256 = digest("f"); },
    (r) => { r.pyodide[1].sha256 = digest("f"); },
    (r) => { r.wheels[1].sha256 = digest("f"); },
    (r) => { r.methodology.sha256 = digest("f"); },
    (r) => { r.wheels.push({ name: "another.whl", sha256: digest("f") }); },
  ]) {
    const changed = runtime();
    change(changed);
    keys.add(snapshotKey(changed));
  }
  assert.equal(keys.size, 7);
});

test("no key when runtime.json does not name every file that goes in", () => {
  for (const change of [
    (r) => { delete r.pyodide_version; },
    (r) => { r.pyodide.shift(); },
    (r) => { r.pyodide.pop(); },
    (r) => { r.wheels = []; },
    (r) => { delete r.methodology; },
    (r) => { r.wheels[0].sha256 = "not a digest"; },
  ]) {
    const changed = runtime();
    change(changed);
    assert.equal(snapshotKey(changed), null);
  }
  assert.equal(snapshotKey(null), null);
});

test("the checksum tells a changed byte and a truncated copy", () => {
  const bytes = new Uint8Array(4099).map((_, i) => (i * 7) & 0xff);
  const changed = bytes.slice();
  changed[2049] ^= 1;
  assert.notEqual(checksum(changed), checksum(bytes));
  assert.notEqual(checksum(bytes.subarray(0, 4096)), checksum(bytes));
  assert.equal(checksum(bytes.slice()), checksum(bytes));
});
