// Which links instant navigation takes at any address the site is served from (instant-anywhere.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { instantRoot, linkedPage, sitemapPages } from "../../docs/assets/js/handbook/instant-anywhere.js";

const BUILT_FOR = "http://127.0.0.1:8000/";
const locs = (root, pages) => pages.map((page) => root + page);
const SITE_PAGES = ["", "how-to-use/", "modeling/", "modeling/chosen-model/", "score/"];

describe("sitemapPages", () => {
  it("gives each page relative to the shortest <loc>, in any order", () => {
    const pages = sitemapPages(locs(BUILT_FOR, [...SITE_PAGES].reverse()));
    assert.deepEqual([...pages].sort(), [...SITE_PAGES].sort());
  });

  it("reads a site built under a path prefix the same way", () => {
    const pages = sitemapPages(locs("https://docs.example.org/mlops/", SITE_PAGES));
    assert.deepEqual([...pages].sort(), [...SITE_PAGES].sort());
  });

  it("reads a root <loc> given without its final slash", () => {
    const pages = sitemapPages(["https://example.org/mlops", "https://example.org/mlops/score/"]);
    assert.deepEqual([...pages].sort(), ["", "score/"]);
  });

  it("ignores spaces around an address and skips what is no address", () => {
    const pages = sitemapPages(["\n  http://h/x/  \n", "not an address", " http://h/x/score/ "]);
    assert.deepEqual([...pages].sort(), ["", "score/"]);
  });

  it("is null for an empty sitemap", () => {
    assert.equal(sitemapPages([]), null);
    assert.equal(sitemapPages(["nothing here"]), null);
  });

  it("is null when a <loc> lies outside the shortest one, or on another host", () => {
    assert.equal(sitemapPages(["http://h/docs/", "http://h/other/page/"]), null);
    assert.equal(sitemapPages(["http://h/docs/", "http://h/docsmore/"]), null);
    assert.equal(sitemapPages(["http://h/docs/", "http://elsewhere/docs/a/"]), null);
  });
});

describe("linkedPage", () => {
  const root = "http://127.0.0.1:5000/intranet/handbook/";
  const here = root + "modeling/chosen-model/";

  it("gives the path of a page of the site relative to its root, without query or fragment", () => {
    assert.equal(linkedPage(root + "score/", root, here), "score/");
    assert.equal(linkedPage(root, root, here), "");
    assert.equal(linkedPage(root + "deployment/model-registry/?h=registry#top", root, here),
      "deployment/model-registry/");
  });

  it("takes another page's anchor, and the page being read without one", () => {
    assert.equal(linkedPage(root + "score/#mh-score-total", root, here), "score/");
    assert.equal(linkedPage(here, root, here), "modeling/chosen-model/");
  });

  it("leaves an anchor of the page being read to the browser", () => {
    assert.equal(linkedPage(here + "#questions", root, here), null);
    assert.equal(linkedPage(here + "#questions", root, here + "#checklist"), null);
  });

  it("is null for another origin: host, port or scheme", () => {
    assert.equal(linkedPage("http://example.org/intranet/handbook/score/", root, here), null);
    assert.equal(linkedPage("http://127.0.0.1:8000/intranet/handbook/score/", root, here), null);
    assert.equal(linkedPage("https://127.0.0.1:5000/intranet/handbook/score/", root, here), null);
    assert.equal(linkedPage("mailto:someone@example.org", root, here), null);
  });

  it("is null outside the site root, and for what is no address", () => {
    assert.equal(linkedPage("http://127.0.0.1:5000/intranet/other/", root, here), null);
    assert.equal(linkedPage("http://127.0.0.1:5000/intranet/handbook", root, here), null);
    assert.equal(linkedPage("not an address", root, here), null);
  });

  it("gives a file's path too, which the sitemap then does not list", () => {
    const page = linkedPage(root + "assets/methodology.json", root, here);
    assert.equal(page, "assets/methodology.json");
    assert.equal(sitemapPages(locs(BUILT_FOR, SITE_PAGES)).has(page), false);
  });
});

describe("instantRoot", () => {
  const config = (base, features = ["navigation.instant", "search.suggest"]) => JSON.stringify({ base, features });
  const site = "http://127.0.0.1:5000/intranet/handbook/";

  it("resolves the theme's base against the page first loaded", () => {
    assert.equal(instantRoot(config("."), site), site);
    assert.equal(instantRoot(config(".."), site + "score/"), site);
    assert.equal(instantRoot(config("../.."), site + "modeling/chosen-model/?h=model#checklist"), site);
  });

  it("gives the root with its final slash, whatever the base", () => {
    assert.equal(instantRoot(config("/intranet/handbook"), site + "score/"), site);
  });

  it("is null with instant navigation off, or a configuration it cannot read", () => {
    assert.equal(instantRoot(config(".", ["search.suggest"]), site), null);
    assert.equal(instantRoot(JSON.stringify({ base: "." }), site), null);
    assert.equal(instantRoot(JSON.stringify({ features: ["navigation.instant"] }), site), null);
    assert.equal(instantRoot("{", site), null);
  });
});
