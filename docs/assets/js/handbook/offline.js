/*
 * Offline use: registers the site's service worker (sw.js at the site root), which keeps every
 * page of this release, and the scorer once used, working with the network off.
 *
 * Only in a secure context (HTTPS or localhost): elsewhere browsers have no service workers, and
 * the site works online as before. A new release is installed beside the one in use and waits:
 * a notice offers to reload into it. Pressing Reload activates it and every open tab of the
 * handbook reloads at once, so that no page of the old release goes on running beside the new
 * one's files (answers are saved as they are typed: a reload loses nothing). Without it, the new
 * release takes over once every tab of the handbook has been closed.
 */
import { t } from "./i18n.js";
import { notify } from "./notices.js";
import { SITE_ROOT, timings } from "./site.js";

const SCRIPT = SITE_ROOT + "sw.js";
const UPDATE_CHECK_MS = 5 * 60 * 1000;
const SCORER_WAIT_MS = 20 * 1000;  // instant navigation is no navigation to the browser
const QUIET_MS = 1000;  // this long without a score, the reader is reading rather than answering
const AFTER_LOAD_MS = 1000;  // a page that starts no scorer: what it loads late (the sitemap, images) comes first
const IDLE_WAIT_MS = 3000;   // ... and then the browser's next idle moment, or this long at most
const CACHE_PREFIX = "mlops-handbook-release-";  // as in the service worker

const offline = { registration: null, offered: false, reloading: false, lastCheck: 0 };

function reload() {
  if (offline.reloading) return;
  offline.reloading = true;
  window.location.reload();
}

function activateWaiting() {
  const waiting = offline.registration && offline.registration.waiting;
  if (!waiting) {
    reload();  // another tab has activated it already
    return;
  }
  waiting.postMessage({ type: "activate-release" });  // controllerchange then reloads every tab
}

function offerNewRelease() {
  if (offline.offered || !navigator.serviceWorker.controller) return;  // a first install is no update
  offline.offered = true;
  notify([t("A new version of the handbook is available. Reload to use it. "),
          { button: t("Reload"), action: activateWaiting }], "info", true, "new-release");
}

function watchInstalls(registration) {
  if (registration.waiting) offerNewRelease();
  registration.addEventListener("updatefound", () => {
    const installing = registration.installing;
    if (!installing) return;
    installing.addEventListener("statechange", () => {
      if (installing.state === "installed") offerNewRelease();
    });
  });
}

// A site served without sw.js (e.g. by `mkdocs serve` at the address a built copy was served at)
// must not stay behind the worker and caches of a release it no longer has: drop them and reload.
// The browser itself keeps a registration whose script has gone.
async function dropIfRemoved() {
  let response;
  try {
    response = await fetch(SCRIPT, { method: "HEAD", cache: "no-store" });
  } catch (error) {
    return;  // offline: keep what works
  }
  if (response.status !== 404) return;
  const registration = await navigator.serviceWorker.getRegistration(SITE_ROOT);
  if (!registration) return;
  await registration.unregister();
  for (const name of await caches.keys()) {
    if (name.startsWith(CACHE_PREFIX)) await caches.delete(name);
  }
  reload();  // the page shown came from the dropped cache
}

// The scorer's first start may come before the worker controls the page: tell it, once the
// files are in the browser's HTTP cache, so it can keep them without downloading them again.
function onScorerReady(callback) {
  if (typeof PerformanceObserver === "undefined") return;
  const observer = new PerformanceObserver((list) => {
    if (list.getEntries().some((entry) => entry.name === "mh-scorer-ready")) {
      observer.disconnect();
      callback();
    }
  });
  observer.observe({ type: "mark", buffered: true });
}

// Installing a release downloads and checks every page and asset (a few megabytes), which on a
// small machine or a slow link slows whatever else runs: it waits until the page has loaded and,
// when the scorer is starting, until it is ready and no answer has been scored for QUIET_MS (or
// SCORER_WAIT_MS have passed), not to delay the reader's first total or the answers to the
// clicks that follow it; on a page without the scorer, until the browser is idle after the load.
function whenQuiet(callback) {
  let done = false;
  const once = () => {
    if (!done) callback();
    done = true;
  };
  const afterLoad = () => {
    if (timings.workerStart === null) {
      whenIdle(() => (timings.workerStart === null ? once() : afterLoad()));  // the reader may start it meanwhile
      return;
    }
    if (timings.ready !== null) {
      once();
      return;
    }
    onScorerReady(() => afterScoringPauses(once));
    setTimeout(once, SCORER_WAIT_MS);
  };
  if (document.readyState === "complete") afterLoad();
  else window.addEventListener("load", afterLoad, { once: true });
}

function whenIdle(callback) {
  setTimeout(() => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(callback, { timeout: IDLE_WAIT_MS });
    else callback();
  }, AFTER_LOAD_MS);
}

function afterScoringPauses(callback) {
  let timer = setTimeout(paused, QUIET_MS);
  const scored = () => {
    clearTimeout(timer);
    timer = setTimeout(paused, QUIET_MS);
  };
  function paused() {
    document.removeEventListener("mh:scored", scored);
    callback();
  }
  document.addEventListener("mh:scored", scored);
}

function checkForUpdate() {
  const now = Date.now();
  if (!offline.registration || now - offline.lastCheck < UPDATE_CHECK_MS) return;
  offline.lastCheck = now;
  offline.registration.update().catch(() => { /* offline: check again later */ });
}

function start() {
  const workers = navigator.serviceWorker;
  let controlled = Boolean(workers.controller);
  workers.addEventListener("controllerchange", () => {
    // The first install taking charge changes nothing on the page; a new release does.
    if (controlled) reload();
    controlled = true;
  });
  const wasControlled = controlled;
  whenQuiet(() => workers.register(SCRIPT, { scope: SITE_ROOT, updateViaCache: "none" }).then((registration) => {
    offline.registration = registration;
    offline.lastCheck = Date.now();
    watchInstalls(registration);
    if (wasControlled) dropIfRemoved();  // this page may come from a cache whose site has gone
  }, () => dropIfRemoved()));
  onScorerReady(() => {
    workers.ready.then((registration) => registration.active.postMessage({ type: "scorer-started" }));
  });
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(checkForUpdate);
  }
}

if (window.isSecureContext && "serviceWorker" in navigator) start();
