/*
 * Instant navigation wherever the site is served, so the scorer starts once per visit there too.
 *
 * mkdocs-material navigates instantly (keeping this page, and with it the scorer's worker) only to
 * the addresses its sitemap.xml lists, resolved by swapping in the current protocol and host name;
 * the addresses come from site_url at build time. Served at another port or under another path,
 * every link would be a full load and the scorer would start again. This module reads the same
 * sitemap relative to its own root (the shortest <loc>) and, for a click on a link to one of its
 * pages that nothing else has taken, does what the theme's own click handler does: remember the
 * scroll offset, push the new address and emit it on the theme's location$, from which the theme
 * fetches and injects the page (back and forward it handles itself, without the sitemap).
 *
 * Clicks the theme took (at the address the site was built for) or Zensical took (it relocates
 * the sitemap itself) are left alone, as are links to another site, to a file, to another part of
 * the same page, and clicks meant for a new tab, window or download.
 */

// The pages a sitemap lists, as paths relative to its root: the shortest <loc>, which every other
// <loc> must lie under ("" is the root page itself). Null when there is no such root.
export function sitemapPages(locs) {
  const urls = [];
  for (const loc of locs) {
    try { urls.push(new URL(String(loc).trim())); } catch (error) { /* not an address: skipped */ }
  }
  if (!urls.length) return null;
  const root = urls.reduce((shortest, url) => (url.pathname.length < shortest.pathname.length ? url : shortest));
  const prefix = root.pathname.endsWith("/") ? root.pathname : `${root.pathname}/`;
  const pages = new Set();
  for (const url of urls) {
    if (url.origin !== root.origin) return null;
    if (url.pathname === root.pathname) pages.add("");
    else if (url.pathname.startsWith(prefix)) pages.add(url.pathname.slice(prefix.length));
    else return null;
  }
  return pages;
}

// The path of the page a link leads to, relative to the site root (an absolute address ending in
// "/"), or null when the link is not for instant navigation: another origin, outside the site, or
// an anchor of the page being read (`here`), which the browser scrolls to by itself.
export function linkedPage(href, siteRoot, here) {
  let url, root, current;
  try {
    url = new URL(href);
    root = new URL(siteRoot);
    current = new URL(here);
  } catch (error) {
    return null;
  }
  if (url.origin !== root.origin || !url.pathname.startsWith(root.pathname)) return null;
  if (url.hash && url.pathname === current.pathname && url.search === current.search) return null;
  return url.pathname.slice(root.pathname.length);
}

// The site root as the theme sees it, from its configuration (the text of #__config): the base,
// relative to the page first loaded (`here`), from which it fetches the sitemap too. Null when
// instant navigation is off, as nothing would then load a page emitted on location$.
export function instantRoot(configText, here) {
  try {
    const config = JSON.parse(configText);
    if (!Array.isArray(config.features) || !config.features.includes("navigation.instant")) return null;
    if (typeof config.base !== "string") return null;
    const root = new URL(config.base, here);
    if (!root.pathname.endsWith("/")) root.pathname += "/";
    root.search = root.hash = "";
    return root.href;
  } catch (error) {
    return null;
  }
}

// The theme fetches the same sitemap as the page loads: wait for its copy to come in (or for a
// while, should it not), then read it from the HTTP cache rather than download it twice.
function themeFetched(url, waitMs) {
  return new Promise((resolve) => {
    if (typeof PerformanceObserver !== "function") { resolve(); return; }
    const timer = setTimeout(done, waitMs);
    const observer = new PerformanceObserver((list) => {
      if (list.getEntries().some((entry) => entry.name === url)) done();
    });
    function done() {
      clearTimeout(timer);
      observer.disconnect();
      resolve();
    }
    try {
      observer.observe({ type: "resource", buffered: true });
    } catch (error) {
      done();
    }
  });
}

async function fetchPages(root) {
  const url = new URL("sitemap.xml", root).href;
  await themeFetched(url, 3000);
  const response = await fetch(url, { credentials: "same-origin", cache: "force-cache" });
  if (!response.ok) return null;
  const xml = new DOMParser().parseFromString(await response.text(), "text/xml");
  return sitemapPages(Array.from(xml.getElementsByTagName("loc"), (loc) => loc.textContent));
}

function wire() {
  // Read now, on the page first loaded: page changes leave #__config as it is, its base relative to this page.
  const config = document.getElementById("__config");
  const root = config && instantRoot(config.textContent, location.href);
  if (!root || location.protocol === "file:") return;  // the theme navigates instantly only over HTTP
  let pages = null;
  fetchPages(root).then((found) => { pages = found; }, () => {});

  // Bubble phase on document: the theme's own handler, on document.body, has already run.
  document.addEventListener("click", (event) => {
    const location$ = window.location$;
    if (event.defaultPrevented || !pages || !location$ || typeof location$.next !== "function") return;
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    if (!(event.target instanceof Element)) return;
    const link = event.target.closest("a[href]");
    if (!(link instanceof HTMLAnchorElement) || link.target || link.hasAttribute("download")) return;
    const page = linkedPage(link.href, root, location.href);
    if (page === null || !pages.has(page)) return;
    event.preventDefault();
    // As the theme does: keep the scroll offset for the way back, then let it load the page.
    history.replaceState({ x: Math.max(0, window.scrollX), y: Math.max(0, window.scrollY) }, "");
    history.pushState(null, "", link.href);
    location$.next(new URL(link.href));
  });
}

if (typeof document !== "undefined" && typeof window !== "undefined") wire();
