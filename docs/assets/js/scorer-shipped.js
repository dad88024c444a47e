/*
 * The memory snapshot shipped with the site (assets/snapshots/, made at build time by
 * scripts/make_snapshot.mjs and listed in runtime.json as "snapshot"): Pyodide with the
 * handbook's package imported and its methodology read, for a reader's first start, before this
 * browser has a snapshot of its own. Fetched only over a fast connection (worthDownloading in
 * scorer-snapshot.js), checked against its digest, unzipped and unpacked. Imported by
 * scorer-start.js.
 *
 * Nothing here throws: a snapshot that is not listed, not of this runtime and release, too slow
 * to fetch, damaged or missing gives null, and the scorer starts the ordinary way.
 */
import { networkFetch, sha256Hex } from "./scorer-files.js";
import { unpack, worthDownloading } from "./scorer-snapshot.js";

// assets: the URL of assets/; runtime: runtime.json's content; key: this runtime's snapshot key;
// probe: {url, bytes: the promise of the checked bytes} of the file whose download measures the
// connection, the startup standard library: the largest file no host compresses (a zip of
// deflated files), so its rate is the network's. pyodide.asm.wasm's is not: sent as Brotli, a
// quarter of its size, its rate over a fast link is that of the browser decoding it.
// Resolves with {key, bytes: the interpreter's memory, packing: {packed, pages}, as pack() gives
// them, to store it without packing it again} or null.
export async function shippedSnapshot(assets, runtime, key, probe) {
  const listed = runtime && runtime.snapshot;
  if (!listed || !key || listed.key !== key || typeof DecompressionStream !== "function") return null;
  try {
    const url = new URL(String(listed.path), assets);
    if (url.origin !== self.location.origin) return null;
    await probe.bytes;
    if (!worthDownloading(await resourceTiming(probe.url), listed.size)) return null;
    // Named by its digest, so the HTTP cache may keep it.
    const response = await networkFetch(url.href, { credentials: "same-origin" });
    if (!response.ok) return null;
    const zipped = new Uint8Array(await response.arrayBuffer());
    if ((await sha256Hex(zipped)) !== String(listed.sha256).toLowerCase()) return null;
    const stream = new Blob([zipped]).stream().pipeThrough(new DecompressionStream("gzip"));
    const packed = new Uint8Array(await new Response(stream).arrayBuffer());
    const bytes = unpack(packed, listed.pages, listed.length);
    return bytes ? { key: key, bytes: bytes, packing: { packed: packed, pages: listed.pages } } : null;
  } catch (error) {
    return null;
  }
}

// The browser records a download's timing as it ends, which may be just after its bytes arrive.
async function resourceTiming(url) {
  if (typeof performance === "undefined" || typeof performance.getEntriesByName !== "function") return undefined;
  for (let attempt = 0; attempt < 3; attempt++) {
    const entries = performance.getEntriesByName(url, "resource");
    if (entries.length) return entries[entries.length - 1];
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return undefined;
}
