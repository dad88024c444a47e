// The scorer's memory snapshot: its key names everything in it (a new runtime or release never restores an old one), its checksum, and the packing of its memory.
import assert from "node:assert/strict";
import { test } from "node:test";

import {
  SHIPPED_DOWNLOAD_BUDGET_MS, checksum, pack, snapshotKey, unpack, worthDownloading,
} from "../../docs/assets/js/scorer-snapshot.js";

const digest = (char) => char.repeat(64);
const runtime = () => ({
  pyodide_version: "314.0.7",
  pyodide: [
    { name: "pyodide.asm.wasm", sha256: digest("a") },
    { name: "python_stdlib.zip", sha256: digest("9") },
  ],
  startup_stdlib: { name: "python_stdlib_startup.zip", sha256: digest("b") },
  wheels: [{ name: "xlsxwriter.whl", sha256: digest("c") }, { name: "mlops_handbook.whl", sha256: digest("d") }],
  methodology: { name: "methodology.json", sha256: digest("e") },
});

test("the key gives the version, the interpreter's digest and the loaded files' digests", () => {
  assert.equal(snapshotKey(runtime()),
    "pyodide-314.0.7-" + digest("a") + "-site-" + ["b", "c", "d", "e"].map((c) => c.repeat(16)).join(""));
});

test("a change to any file in the snapshot changes the key, and only to those", () => {
  const keys = new Set([snapshotKey(runtime())]);
  for (const change of [
    (r) => { r.pyodide_version = "314.0.8"; },
    (r) => { r.pyodide[0].sha256 = digest("f"); },
    (r) => { r.startup_stdlib.sha256 = digest("f"); },
    (r) => { r.wheels[1].sha256 = digest("f"); },
    (r) => { r.methodology.sha256 = digest("f"); },
    (r) => { r.wheels.push({ name: "another.whl", sha256: digest("f") }); },
  ]) {
    const changed = runtime();
    change(changed);
    keys.add(snapshotKey(changed));
  }
  assert.equal(keys.size, 7);
  const wholeLibrary = runtime();
  wholeLibrary.pyodide[1].sha256 = digest("f");  // replaces the startup library only after the snapshot is taken
  assert.equal(snapshotKey(wholeLibrary), snapshotKey(runtime()));
});

test("no key when runtime.json does not name every file that goes in", () => {
  for (const change of [
    (r) => { delete r.pyodide_version; },
    (r) => { r.pyodide.shift(); },
    (r) => { delete r.startup_stdlib; },
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

test("only pages not all zeros are stored, and unpacking gives the bytes back", () => {
  const PAGE = 65536;
  const bytes = new Uint8Array(3 * PAGE + 100);
  bytes[5] = 1;                  // page 0
  bytes[2 * PAGE + 7] = 2;       // page 2; page 1 stays zeros
  bytes[3 * PAGE + 99] = 3;      // the last, partial page
  const { packed, pages } = pack(bytes);
  assert.deepEqual(pages, [0, 2, 3]);
  assert.equal(packed.length, 2 * PAGE + 100);
  assert.deepEqual(unpack(packed, pages, bytes.length), bytes);
});

test("a packed snapshot that does not fit its page list is refused", () => {
  const bytes = new Uint8Array(2 * 65536).fill(9);
  const { packed, pages } = pack(bytes);
  assert.equal(unpack(packed.subarray(0, packed.length - 1), pages, bytes.length), null);  // truncated
  assert.equal(unpack(packed, [1, 0], bytes.length), null);                               // out of order
  assert.equal(unpack(packed, [0, 2], bytes.length), null);                               // past the end
  assert.equal(unpack(packed, [0], bytes.length), null);                                  // bytes left over
  assert.equal(unpack(packed, "0,1", bytes.length), null);
});

// A download of 9.6 MB (pyodide.asm.wasm) whose body took `ms` to arrive over the network.
const wasmTiming = (ms, overrides = {}) => Object.assign(
  { encodedBodySize: 9_600_000, transferSize: 9_600_300, responseStart: 500, responseEnd: 500 + ms }, overrides);

test("the shipped snapshot is downloaded when the runtime came fast enough to bring it within the budget", () => {
  // 6.5 MB at the wasm's rate: 100 ms on a local network, 680 ms at 9.6 MB/s (about 77 Mbit/s).
  assert.equal(worthDownloading(wasmTiming(150), 6_500_000), true);
  assert.equal(worthDownloading(wasmTiming(1000), 6_500_000), true);
  assert.equal(worthDownloading(wasmTiming(0), 6_500_000), true);
  assert.equal(SHIPPED_DOWNLOAD_BUDGET_MS, 1000);
});

test("over a slow connection the shipped snapshot is not downloaded", () => {
  // 10 Mbit/s: the wasm took 7.7 s, so 6.5 MB would take about 5 s.
  assert.equal(worthDownloading(wasmTiming(7700), 6_500_000), false);
  // Either side of the budget: 1478 ms of wasm gives 1000.7 ms for 6.5 MB, 1476 ms 999.4 ms.
  assert.equal(worthDownloading(wasmTiming(1478), 6_500_000), false);
  assert.equal(worthDownloading(wasmTiming(1476), 6_500_000), true);
});

test("without a measurement of the network the shipped snapshot is not downloaded", () => {
  assert.equal(worthDownloading(undefined, 6_500_000), false);
  assert.equal(worthDownloading(wasmTiming(10, { transferSize: 0 }), 6_500_000), false);  // from a cache
  assert.equal(worthDownloading(wasmTiming(10, { transferSize: 310 }), 6_500_000), false);  // revalidated: 304
  assert.equal(worthDownloading(wasmTiming(10, { encodedBodySize: 0, transferSize: 0 }), 6_500_000), false);  // sizes hidden
  assert.equal(worthDownloading(wasmTiming(10), 0), false);
  assert.equal(worthDownloading(wasmTiming(10), undefined), false);
});
