/*
 * The handbook's service worker: every page of a visited release, and the scorer once it has
 * been used, keep working with the network off.
 *
 * One release, one cache ("mlops-handbook-release-" + the release id), filled from the manifest
 * that scripts/service_worker.py writes into this file:
 *   install    every page and page asset ("pages", checked against its sha256; "unverified" as
 *              served). All or nothing: if one fails, this release's cache is deleted and the
 *              previous release stays in charge. A file whose digest is unchanged is copied from
 *              the previous release's cache instead of downloaded, and the scorer's runtime is
 *              included only if the previous release had it (this reader uses the scorer).
 *   on demand  the search's language support, when the theme asks for it; and
 *   scorer     the runtime ("runtime": Pyodide, wheels, methodology) when the scorer requests it,
 *              or when a page says that its scorer started (its first start may precede this
 *              worker); a reader who only reads never downloads it.
 *   activate   on the first visit at once; later only when a page asks (its Reload button) or
 *              once no page of the old release is open. Deletes older releases' caches only:
 *              other caches of the site (the scorer's memory snapshot) are not this worker's.
 * Every file of the release is answered from its cache, never from the network when cached, so
 * a page never mixes releases; a file the network gives with another digest is refused (503).
 */
"use strict";

const MANIFEST = __HANDBOOK_MANIFEST__;
const CACHE_PREFIX = "mlops-handbook-release-";
const CACHE_NAME = CACHE_PREFIX + MANIFEST.release;
const DIGEST_HEADER = "X-Handbook-SHA256";
const PARALLEL_DOWNLOADS = 6;
const SCOPE = (self.registration && self.registration.scope) || self.location.href.replace(/[^/]*$/, "");

// Address (absolute URL) -> {url, sha256, size, group}.
function manifestEntries(manifest, scope) {
  const entries = new Map();
  for (const [group, files] of Object.entries(manifest.files)) {
    for (const [address, sha256, size] of files) {
      const url = new URL(address, scope).href;
      entries.set(url, { url, sha256: group === "unverified" ? null : sha256, size, group });
    }
  }
  return entries;
}

const ENTRIES = manifestEntries(MANIFEST, SCOPE);

// The manifest address a request asks for: no query or fragment, "page/index.html" as "page/";
// null for an address this release does not have.
function entryFor(requestUrl, entries) {
  const url = new URL(requestUrl);
  url.search = "";
  url.hash = "";
  if (entries.has(url.href)) return entries.get(url.href);
  if (url.pathname.endsWith("/index.html")) {
    url.pathname = url.pathname.slice(0, -"index.html".length);
    if (entries.has(url.href)) return entries.get(url.href);
  }
  return null;
}

function hex(buffer) {
  return Array.from(new Uint8Array(buffer), (byte) => byte.toString(16).padStart(2, "0")).join("");
}

// A copy of the entry from any cache of ours that holds it with the same digest, or null.
async function cachedCopy(entry, cacheNames) {
  for (const name of cacheNames) {
    if (!(await caches.has(name))) continue;  // opening would create it
    const response = await (await caches.open(name)).match(entry.url);
    if (response && (entry.sha256 === null || response.headers.get(DIGEST_HEADER) === entry.sha256)) {
      return response;
    }
  }
  return null;
}

function releaseMismatch(entry) {
  const error = new Error(entry.url + " on the server differs from this release of the handbook");
  error.mismatch = true;
  return error;
}

// The entry's bytes from the network, checked against its digest. The HTTP cache may answer
// first; if what it gives is outdated, the file is asked for again from the server. A file with
// no digest to check (one the host may rewrite) is always revalidated with the server.
async function download(entry) {
  let lastDigest = null;
  for (const mode of entry.sha256 === null ? ["no-cache"] : ["default", "reload"]) {
    const response = await fetch(entry.url, { cache: mode, credentials: "same-origin" });
    if (!response.ok) throw new Error(entry.url + " could not be fetched (HTTP " + response.status + ")");
    const bytes = await response.arrayBuffer();
    const digest = hex(await crypto.subtle.digest("SHA-256", bytes));
    if (entry.sha256 === null || digest === entry.sha256) {
      const headers = { [DIGEST_HEADER]: digest };
      const type = response.headers.get("Content-Type");
      if (type) headers["Content-Type"] = type;
      return new Response(bytes, { status: 200, headers });
    }
    lastDigest = digest;
  }
  throw Object.assign(releaseMismatch(entry), { digest: lastDigest });
}

// One download per file at a time, however many requests and messages ask for it.
const inFlight = new Map();

function store(entry, cacheName) {
  const key = cacheName + " " + entry.url;
  if (!inFlight.has(key)) {
    const stored = download(entry).then(async (response) => {
      await (await caches.open(cacheName)).put(entry.url, response.clone());
      return response;
    });
    inFlight.set(key, stored);
    stored.then(() => inFlight.delete(key), () => inFlight.delete(key));
  }
  return inFlight.get(key).then((response) => response.clone());
}

// Runs work on every item, a few at a time. After a failure no new item starts, and the first
// error is thrown once the running ones have ended, so that nothing writes after the caller's cleanup.
async function inBatches(items, work) {
  const queue = items.slice();
  let failure = null;
  const workers = Array.from({ length: Math.min(PARALLEL_DOWNLOADS, queue.length) }, async () => {
    while (queue.length && !failure) {
      try {
        await work(queue.shift());
      } catch (error) {
        failure = failure || error;
      }
    }
  });
  await Promise.all(workers);
  if (failure) throw failure;
}

async function releaseCaches() {
  return (await caches.keys()).filter((name) => name.startsWith(CACHE_PREFIX));
}

// What an install downloads: pages always, the runtime if the reader used the scorer. Anything
// else is only copied, when a previous release's cache has it with the same digest.
function mustDownload(entry, previousHadRuntime) {
  return entry.group === "pages" || entry.group === "unverified" || (entry.group === "runtime" && previousHadRuntime);
}

async function install() {
  const others = (await releaseCaches()).filter((name) => name !== CACHE_NAME);
  const runtimeProbe = Array.from(ENTRIES.values()).find((entry) => entry.url.endsWith("/assets/runtime.json"));
  let previousHadRuntime = false;
  for (const name of others) {
    if (runtimeProbe && await (await caches.open(name)).match(runtimeProbe.url)) previousHadRuntime = true;
  }
  const cache = await caches.open(CACHE_NAME);
  try {
    await inBatches(Array.from(ENTRIES.values()), async (entry) => {
      // A file a host may rewrite is fetched afresh: there is no digest to compare.
      const copy = entry.sha256 !== null && await cachedCopy(entry, [CACHE_NAME].concat(others));
      if (copy) await cache.put(entry.url, copy);
      else if (mustDownload(entry, previousHadRuntime)) await store(entry, CACHE_NAME);
    });
  } catch (error) {
    await caches.delete(CACHE_NAME);  // no half-filled release: the previous one stays in charge
    throw error;
  }
}

async function cacheRuntime() {
  const runtime = Array.from(ENTRIES.values()).filter((entry) => entry.group === "runtime");
  await inBatches(runtime, async (entry) => {
    if (!(await cachedCopy(entry, [CACHE_NAME]))) await store(entry, CACHE_NAME);
  });
}

async function respond(entry, request) {
  const cached = await cachedCopy(entry, [CACHE_NAME]);
  if (cached) return cached;
  try {
    return await store(entry, CACHE_NAME);
  } catch (error) {
    if (!error.mismatch) throw error;
    // The server has moved on to another release: never mix its file into this one's pages,
    // and fetch the new sw.js now, so that the pages can offer the new release.
    self.registration.update().catch(() => {});
    return new Response("This file belongs to another release of the handbook: reload the page.",
                        { status: 503, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
}

// An address this release does not have: the network, or the release's 404 page when offline.
async function notInRelease(request) {
  try {
    return await fetch(request);
  } catch (error) {
    const missing = ENTRIES.get(new URL("404.html", SCOPE).href);
    const page = missing && await cachedCopy(missing, [CACHE_NAME]);
    if (!page) throw error;
    return new Response(page.body, { status: 404, headers: { "Content-Type": "text/html; charset=utf-8" } });
  }
}

self.addEventListener("install", (event) => {
  addCacheRoute(event);
  event.waitUntil(install());
});

// Where the browser has static routes (Chromium), a file of the site that this release's cache
// holds is answered from it without starting this worker, so a reload or the next visit does
// not wait for the worker's start (about a quarter of a second on a small machine). Addresses
// with a query and files not cached yet still come here, or go to the network.
function addCacheRoute(event) {
  if (typeof event.addRoutes !== "function" || typeof URLPattern !== "function") return;
  const scope = new URL(SCOPE);
  const sameSite = new URLPattern({ protocol: scope.protocol.slice(0, -1), hostname: scope.hostname,
                                    port: scope.port, pathname: scope.pathname + "*", search: "" });
  event.waitUntil(event.addRoutes([
    { condition: { urlPattern: sameSite, requestMethod: "GET" }, source: { cacheName: CACHE_NAME } },
  ]).catch(() => { /* every request comes to the fetch handler, as without routes */ }));
}

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const older = (await releaseCaches()).filter((name) => name !== CACHE_NAME);
    await Promise.all(older.map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("message", (event) => {
  const type = event.data && event.data.type;
  if (type === "activate-release") {
    event.waitUntil(self.skipWaiting());
  } else if (type === "scorer-started") {
    event.waitUntil(cacheRuntime().catch(() => { /* the next start tries again */ }));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(SCOPE)) return;
  const entry = entryFor(request.url, ENTRIES);
  if (entry) event.respondWith(respond(entry, request));
  else if (request.mode === "navigate") event.respondWith(notInRelease(request));
});
