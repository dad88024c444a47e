// The service worker's pure logic (scripts/service-worker.js, the template of the site's sw.js),
// run in a bare context with a made-up manifest and no event ever dispatched.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { describe, it } from "node:test";
import vm from "node:vm";

const TEMPLATE = new URL("../../scripts/service-worker.js", import.meta.url);
const SCOPE = "https://example.org/handbook/";
const MANIFEST = {
  release: "0123456789abcdef",
  files: {
    pages: [["", "aa", 1], ["stage/", "bb", 2], ["assets/app.js", "cc", 3], ["404.html", "dd", 4]],
    runtime: [["assets/runtime.json", "ee", 5], ["assets/pyodide/pyodide.asm.wasm", "ff", 6]],
    "on-demand": [["assets/javascripts/lunr/min/lunr.de.min.js", "11", 7]],
    unverified: [["sitemap.xml", "22", 8]],
  },
};

function loadWorker() {
  const source = readFileSync(TEMPLATE, "utf8").replace("__HANDBOOK_MANIFEST__", JSON.stringify(MANIFEST));
  const self = { registration: { scope: SCOPE }, location: { href: SCOPE + "sw.js" }, addEventListener() {} };
  const context = vm.createContext({ self, URL, Map, Promise, Error, Object, Array, Uint8Array });
  vm.runInContext(source, context, { filename: "sw.js" });
  return context;
}

const worker = loadWorker();
const entries = worker.manifestEntries(MANIFEST, SCOPE);

describe("manifestEntries", () => {
  it("gives every file its absolute address under the scope, its digest and group", () => {
    assert.equal(entries.size, 8);
    assert.deepEqual({ ...entries.get(SCOPE + "stage/") },
                     { url: SCOPE + "stage/", sha256: "bb", size: 2, group: "pages" });
    assert.equal(entries.get(SCOPE).group, "pages");
    assert.equal(entries.get(SCOPE + "assets/pyodide/pyodide.asm.wasm").group, "runtime");
  });

  it("keeps no digest for a file a host may rewrite", () => {
    assert.equal(entries.get(SCOPE + "sitemap.xml").sha256, null);
  });
});

describe("entryFor", () => {
  const address = (url) => (worker.entryFor(url, entries) || { url: null }).url;

  it("finds a page by its folder, with or without index.html, a query or a fragment", () => {
    assert.equal(address(SCOPE + "stage/"), SCOPE + "stage/");
    assert.equal(address(SCOPE + "stage/index.html"), SCOPE + "stage/");
    assert.equal(address(SCOPE + "stage/?q=1#part"), SCOPE + "stage/");
    assert.equal(address(SCOPE + "index.html"), SCOPE);
  });

  it("finds nothing outside the release: another file, a folder without its slash, another site", () => {
    assert.equal(address(SCOPE + "other/"), null);
    assert.equal(address(SCOPE + "stage"), null);
    assert.equal(address("https://example.org/stage/"), null);
    assert.equal(address("https://elsewhere.example/handbook/stage/"), null);
  });
});

describe("mustDownload", () => {
  const entry = (url) => entries.get(SCOPE + url);

  it("downloads pages at every install, the runtime only for a reader who used the scorer", () => {
    assert.equal(worker.mustDownload(entry("stage/"), false), true);
    assert.equal(worker.mustDownload(entry("sitemap.xml"), false), true);
    assert.equal(worker.mustDownload(entry("assets/runtime.json"), false), false);
    assert.equal(worker.mustDownload(entry("assets/runtime.json"), true), true);
  });

  it("never downloads what is only fetched on demand", () => {
    assert.equal(worker.mustDownload(entry("assets/javascripts/lunr/min/lunr.de.min.js"), true), false);
  });
});

describe("inBatches", () => {
  it("does every item, a few at a time", async () => {
    let running = 0, most = 0;
    const done = [];
    await worker.inBatches(Array.from({ length: 20 }, (_, i) => i), async (item) => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setImmediate(resolve));
      done.push(item);
      running -= 1;
    });
    assert.equal(done.length, 20);
    assert.ok(most > 1 && most <= 6, `at most 6 at once, ran ${most}`);
  });

  it("starts nothing after a failure and throws only once the running items have ended", async () => {
    const started = [];
    let ended = 0;
    await assert.rejects(worker.inBatches(Array.from({ length: 30 }, (_, i) => i), async (item) => {
      started.push(item);
      await new Promise((resolve) => setImmediate(resolve));
      ended += 1;
      if (item === 2) throw new Error("item 2 failed");
    }), /item 2 failed/);
    assert.equal(ended, started.length, "an item was still running when the error was thrown");
    assert.ok(started.length < 30, "items kept starting after the failure");
  });
});
