/*
 * The scorer's memory snapshots: a copy of the Python interpreter with the handbook's package
 * imported and its methodology read, kept in this browser so that a later start (a reload, a new
 * tab, the next visit) restores it in a fraction of the time Pyodide takes to initialise one and
 * import the package.
 *
 * It is taken right after the methodology is read, before any answers are: Pyodide fails to
 * restore one whose memory has grown past its first 30 MB (pyodide#6254), so none is taken if it
 * has (scorer-start.js checks). It is kept in IndexedDB, which, unlike Cache Storage, exists on a
 * site served over plain HTTP too, under a key made of what is in it: the Pyodide version, the
 * SHA-256 of pyodide.asm.wasm and of the standard library it starts with, and those of the wheels and of
 * methodology.json, as runtime.json gives them. A new runtime or a new release of the site never
 * restores an old snapshot, and saving one deletes every other.
 *
 * Only the pages of memory that are not all zeros are stored (about half), with their numbers.
 *
 * Nothing here throws: a snapshot that cannot be read, checked or saved is simply not used, and
 * the scorer starts the ordinary way.
 */

const DATABASE = "mlops-handbook-snapshot";
const STORE = "snapshots";

// The key of the snapshot of this release, or null when runtime.json does not name every file
// that goes into one. The interpreter's digest is given whole; the others are shortened, enough
// to tell two releases apart.
export function snapshotKey(runtime) {
  if (!runtime || typeof runtime.pyodide_version !== "string") return null;
  const named = (name) => ((runtime.pyodide) || []).find((file) => file && file.name === name);
  const wasm = named("pyodide.asm.wasm");
  // The standard library it starts with, not the whole one (which replaces it later, see scorer-start.js).
  const loaded = [runtime.startup_stdlib].concat(runtime.wheels || [], [runtime.methodology]);
  const digest = (file) => (file && typeof file.sha256 === "string" && /^[0-9a-f]{64}$/i.test(file.sha256)
    ? file.sha256.toLowerCase() : null);
  if (!digest(wasm) || !(runtime.wheels || []).length || loaded.some((file) => !digest(file))) return null;
  return "pyodide-" + runtime.pyodide_version + "-" + digest(wasm) + "-site-" +
    loaded.map((file) => digest(file).slice(0, 16)).join("");
}

export function snapshotsPossible() {
  return typeof indexedDB !== "undefined";
}

function openDatabase() {
  return new Promise((resolve, reject) => {
    const request = indexedDB.open(DATABASE, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error("the snapshot database is blocked"));
  });
}

// Runs work(store) in one transaction; once committed, resolves with the result of the request
// work returned, if any.
async function withStore(mode, work) {
  const database = await openDatabase();
  try {
    return await new Promise((resolve, reject) => {
      const transaction = database.transaction(STORE, mode);
      let result;
      const request = work(transaction.objectStore(STORE));
      if (request) request.onsuccess = () => { result = request.result; };
      transaction.oncomplete = () => resolve(result);
      transaction.onerror = () => reject(transaction.error);
      transaction.onabort = () => reject(transaction.error || new Error("the transaction was aborted"));
    });
  } finally {
    database.close();
  }
}

// The stored snapshot, {key, bytes}, or null if there is none or it is not the one that was
// saved. Read before the worker knows which runtime it loads (there is only ever one snapshot),
// so that reading it overlaps with the downloads; the caller compares the key.
export async function readSnapshot() {
  if (!snapshotsPossible()) return null;
  let found = null;
  try {
    await withStore("readonly", (store) => {
      const request = store.openCursor();
      request.onsuccess = () => {
        if (request.result) found = { key: request.result.key, record: request.result.value };
      };
    });
    if (!found) return null;
    const record = found.record || {};
    // Kept as a Blob, which the browser reads from its own file, off this thread's way, about
    // twice as fast as an ArrayBuffer it would have to rebuild from the database.
    const packed = record.bytes instanceof Blob ? new Uint8Array(await record.bytes.arrayBuffer()) : null;
    const bytes = packed && checksum(packed) === record.checksum ? unpack(packed, record.pages, record.length) : null;
    if (bytes) return { key: found.key, bytes: bytes };
    await forgetSnapshot(found.key);  // damaged or truncated: the next fresh start saves a good one
  } catch (error) { /* unreadable: start the ordinary way */ }
  return null;
}

// Keeps bytes as the one snapshot of this origin: every other (older runtimes) is deleted.
// packing: what pack(bytes) gives, when the caller has it already (the shipped snapshot).
export async function saveSnapshot(key, bytes, packing) {
  if (!key || !snapshotsPossible()) return false;
  try {
    const { packed, pages } = packing || pack(bytes);
    const record = { bytes: new Blob([packed]), pages: pages, length: bytes.length, checksum: checksum(packed),
                     saved: new Date().toISOString() };
    await withStore("readwrite", (store) => { store.clear(); return store.put(record, key); });
    return true;
  } catch (error) {
    return false;
  }
}

export async function forgetSnapshot(key) {
  try {
    await withStore("readwrite", (store) => store.delete(key));
  } catch (error) { /* nothing more to do */ }
}

// Nearly half of a fresh interpreter's memory is pages of zeros: only the others are stored, so
// that reading the snapshot back, on the way to the first total, reads half as much.
const PAGE = 65536;

// {packed: the pages not all zeros, one after the other, pages: their numbers}.
export function pack(bytes) {
  const pages = [];
  let size = 0;
  for (let start = 0, page = 0; start < bytes.length; start += PAGE, page++) {
    const end = Math.min(start + PAGE, bytes.length);
    for (let i = start; i < end; i++) {
      if (bytes[i] !== 0) {
        pages.push(page);
        size += end - start;
        break;
      }
    }
  }
  const packed = new Uint8Array(size);
  let at = 0;
  for (const page of pages) {
    const part = bytes.subarray(page * PAGE, Math.min((page + 1) * PAGE, bytes.length));
    packed.set(part, at);
    at += part.length;
  }
  return { packed, pages };
}

// The length bytes that pack() gave packed and pages for, or null if they do not fit together.
export function unpack(packed, pages, length) {
  if (!Array.isArray(pages) || !Number.isInteger(length) || length <= 0) return null;
  const bytes = new Uint8Array(length);
  let at = 0;
  let previous = -1;
  for (const page of pages) {
    if (!Number.isInteger(page) || page <= previous || page * PAGE >= length) return null;
    const size = Math.min(PAGE, length - page * PAGE);
    if (at + size > packed.length) return null;
    bytes.set(packed.subarray(at, at + size), page * PAGE);
    at += size;
    previous = page;
  }
  return at === packed.length ? bytes : null;
}

// A fast checksum (FNV-1a over 32-bit words, in four interleaved lanes, with the length), to
// notice a damaged or truncated copy before restoring it; not a defence against deliberate
// changes, which anyone who can write this origin's storage could make to the page itself.
export function checksum(bytes) {
  const aligned = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const words = new Uint32Array(aligned.buffer, aligned.byteOffset, aligned.byteLength >>> 2);
  const prime = 0x01000193;
  let a = 0x811c9dc5 | 0, b = 0x050c5d1f | 0, c = 0x2f8e1a3b | 0, d = aligned.byteLength | 0;
  const end = words.length - (words.length % 4);
  for (let i = 0; i < end; i += 4) {
    a = Math.imul(a ^ words[i], prime);
    b = Math.imul(b ^ words[i + 1], prime);
    c = Math.imul(c ^ words[i + 2], prime);
    d = Math.imul(d ^ words[i + 3], prime);
  }
  for (let i = end * 4; i < aligned.byteLength; i++) a = Math.imul(a ^ aligned[i], prime);
  return [a, b, c, d].map((lane) => (lane >>> 0).toString(16).padStart(8, "0")).join("");
}

// The site ships a snapshot for a reader's first start (runtime.json's "snapshot", 6-7 MB), which
// saves the interpreter's initialisation (2-3 s on a laptop) but costs its download. Measured over
// 10 Mbit/s it made the first total slower, so it is downloaded only when the connection is fast
// enough to bring it in this long, judged from how fast the startup standard library came in (the
// largest file sent as it is: a compressed file's rate over a fast link is that of its decoding).
export const SHIPPED_DOWNLOAD_BUDGET_MS = 1000;

// timing: the PerformanceResourceTiming of a file just downloaded (or undefined); size: the bytes
// of the snapshot to download. True when they would take at most the budget at the same rate.
export function worthDownloading(timing, size, budget = SHIPPED_DOWNLOAD_BUDGET_MS) {
  if (!timing || !(size > 0) || !(timing.encodedBodySize > 0)) return false;
  // Unless its whole body came over the network, the download measured nothing: from a cache
  // (transferSize 0), or revalidated (a 304's headers only), or with its sizes hidden.
  if (!(timing.transferSize >= timing.encodedBodySize)) return false;
  const duration = Math.max(0, timing.responseEnd - timing.responseStart);
  return (size * duration) / timing.encodedBodySize <= budget;
}
