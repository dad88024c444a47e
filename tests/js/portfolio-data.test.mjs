// The Portfolio page's pure logic (portfolio-data.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { isWorkbook, itemLinks, storedNames, summaryText, withSource, withoutFileName }
  from "../../docs/assets/js/handbook/portfolio-data.js";

describe("isWorkbook", () => {
  it("tells a zip archive (an .xlsx) by its first two bytes, whatever the name", () => {
    assert.equal(isWorkbook(new Uint8Array([0x50, 0x4b, 0x03, 0x04])), true);
    assert.equal(isWorkbook(new TextEncoder().encode('{"format": "mlops-handbook-answers"}')), false);
    assert.equal(isWorkbook(new Uint8Array([0x50])), false);
    assert.equal(isWorkbook(new Uint8Array([])), false);
  });
});

describe("storedNames", () => {
  it("names each stored assessment by project and date, numbering the same name", () => {
    const names = storedNames([
      { project: "Churn", date: "2026-01-02" }, { project: "Churn", date: "2026-01-02" },
      { project: "  ", date: "" }, { project: "Churn", date: "2026-03-01" }]);
    assert.deepEqual(names, ["this browser: Churn, 2026-01-02", "this browser: Churn, 2026-01-02 (2)",
                             "this browser: unnamed project", "this browser: Churn, 2026-03-01"]);
  });
});

describe("withSource", () => {
  it("adds a file at the end, replacing an earlier one of the same name", () => {
    const sources = [{ name: "a.json", content: "1" }, { name: "b.json", content: "2" }];
    assert.deepEqual(withSource(sources, { name: "a.json", content: "3" }),
                     [{ name: "b.json", content: "2" }, { name: "a.json", content: "3" }]);
    assert.equal(sources.length, 2, "the list given is left as it was");
  });
});

describe("itemLinks", () => {
  it("maps each item id to its subphase page and anchor", () => {
    const data = { stages: [{ id: "deployment", subphases: [
      { id: "model-in-production", items: [{ id: "de-mp-01" }, { id: "de-mp-02" }] }] }] };
    assert.deepEqual(itemLinks(data), { "de-mp-01": "deployment/model-in-production/#de-mp-01",
                                        "de-mp-02": "deployment/model-in-production/#de-mp-02" });
  });
});

describe("withoutFileName", () => {
  it("drops the file's name where the package's message starts with it, and only there", () => {
    assert.equal(withoutFileName({ file: "a.json", message: "a.json, answers.x: bad. Fix: y." }), "answers.x: bad. Fix: y.");
    assert.equal(withoutFileName({ file: "a.json", message: "a.json: not JSON. Fix: y." }), "not JSON. Fix: y.");
    assert.equal(withoutFileName({ file: "a.json", message: "the scorer failed" }), "the scorer failed");
    assert.equal(withoutFileName({ file: "a", message: "a.json: x" }), "a.json: x");
  });
});

describe("summaryText", () => {
  const assessments = [{ latest: true }, { latest: false }, { latest: true }];
  it("counts projects (latest assessments), assessments and the files left out", () => {
    assert.equal(summaryText({ assessments }, 0), "2 projects (3 assessments).");
    assert.equal(summaryText({ assessments: [{ latest: true }] }, 1), "1 project (1 assessment); 1 file not counted.");
    assert.equal(summaryText({ assessments: [] }, 2), "0 projects (0 assessments); 2 files not counted.");
  });
  it("says it in Spanish on a Spanish page, each count with its own singular or plural", () => {
    const before = globalThis.document;
    globalThis.document = { documentElement: { lang: "es" } };
    try {
      assert.equal(summaryText({ assessments: [{ latest: true }] }, 2), "1 proyecto (1 evaluación); 2 archivos sin contar.");
    } finally {
      globalThis.document = before;
    }
  });
});
