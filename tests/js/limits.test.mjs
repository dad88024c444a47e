// The size, depth and text-length limits checked before the scorer sees a value (limits.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  COUNT_FROM, MAX_BYTES, MAX_DEPTH, MAX_NOTE_TEXT, MAX_TEXT, cutLongTexts, nestingDepth, sizeProblem, textCount,
} from "../../docs/assets/js/handbook/limits.js";

describe("nestingDepth", () => {
  it("counts the deepest nesting of arrays and objects", () => {
    assert.equal(nestingDepth("1", 20), 0);
    assert.equal(nestingDepth('{"a": [1, {"b": []}], "c": {}}', 20), 4);
  });

  it("ignores brackets inside strings, escaped quotes included", () => {
    assert.equal(nestingDepth('{"a": "[[[{{{"}', 20), 1);
    assert.equal(nestingDepth('{"a": "\\"[[[", "b": "\\\\"}', 20), 1);
  });

  it("stops counting past the limit, so a huge nesting costs one short scan", () => {
    const deep = "[".repeat(100000) + "]".repeat(100000);
    assert.equal(nestingDepth(deep, 20), 21);
  });
});

describe("sizeProblem", () => {
  it("accepts an ordinary answers file", () => {
    assert.equal(sizeProblem(JSON.stringify({ format: "mlops-handbook-answers", answers: { a: ["x"] } })), null);
  });

  it("refuses a text over the byte limit, counting bytes and not characters", () => {
    assert.equal(MAX_BYTES, 2000000);
    assert.equal(sizeProblem('"' + "x".repeat(MAX_BYTES) + '"'),
                 "it is 2.0 MB, over the 2 MB an answers file may have");
    // 700,000 three-byte characters are 2.1 MB though fewer than 2,000,000 characters.
    assert.equal(sizeProblem('"' + "\u20ac".repeat(700000) + '"'),
                 "it is 2.1 MB, over the 2 MB an answers file may have");
  });

  it("refuses a nesting deeper than the limit and accepts one at it", () => {
    assert.equal(sizeProblem("[".repeat(MAX_DEPTH) + "]".repeat(MAX_DEPTH)), null);
    assert.equal(sizeProblem("[".repeat(MAX_DEPTH + 1) + "]".repeat(MAX_DEPTH + 1)),
                 "it nests arrays or objects more than 20 levels deep, and an answers file needs 3");
  });
});

describe("cutLongTexts", () => {
  it("leaves texts at the limit alone and reports nothing", () => {
    const data = { project: "p".repeat(MAX_TEXT), notes: { a: "n".repeat(MAX_NOTE_TEXT), b: "m".repeat(18000) } };
    assert.deepEqual(cutLongTexts(data), []);
    assert.equal(data.project.length, MAX_TEXT);
  });

  it("cuts project fields, notes and reasons over the limit, and names each with its length", () => {
    const data = {
      project: "p".repeat(MAX_TEXT + 1), assessor: "A", date: "d".repeat(MAX_TEXT + 5),
      notes: { "bc-iu-02": "n".repeat(MAX_NOTE_TEXT + 2), "bc-iu-03": "short" },
      not_applicable: { "bc-iu-04": "r".repeat(MAX_TEXT + 3) },
    };
    assert.deepEqual(cutLongTexts(data), [
      { label: "the project name", length: MAX_TEXT + 1, limit: MAX_TEXT },
      { label: "the date", length: MAX_TEXT + 5, limit: MAX_TEXT },
      { label: "the note on bc-iu-02", length: MAX_NOTE_TEXT + 2, limit: MAX_NOTE_TEXT },
      { label: "the not-applicable reason of bc-iu-04", length: MAX_TEXT + 3, limit: MAX_TEXT },
    ]);
    assert.equal(data.project.length, MAX_TEXT);
    assert.equal(data.date.length, MAX_TEXT);
    assert.equal(data.notes["bc-iu-02"].length, MAX_NOTE_TEXT);
    assert.equal(data.notes["bc-iu-03"], "short");
    assert.equal(data.not_applicable["bc-iu-04"].length, MAX_TEXT);
  });

  it("skips sections that are missing or not objects, and values that are not strings", () => {
    assert.deepEqual(cutLongTexts({ notes: null, not_applicable: ["x".repeat(MAX_TEXT + 1)], project: 5 }), []);
  });
});

describe("textCount", () => {
  it("is hidden below the point where it shows", () => {
    assert.deepEqual(textCount(COUNT_FROM - 1),
                     { shown: false, full: false, text: "8,999 of 10,000 characters" });
  });

  it("shows from that point on, and at the limit says what to do", () => {
    assert.deepEqual(textCount(COUNT_FROM), { shown: true, full: false, text: "9,000 of 10,000 characters" });
    assert.deepEqual(textCount(MAX_TEXT), {
      shown: true, full: true,
      text: "10,000 of 10,000 characters: the limit. Keep a longer text elsewhere and link to it here.",
    });
  });
});
