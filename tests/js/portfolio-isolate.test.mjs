// A portfolio the scorer could not compute as a whole: the files that stop it are found one by one
// and named, in words a reader can act on (portfolio-isolate.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { failureText, isolateFailing, readableFailure } from "../../docs/assets/js/handbook/portfolio-isolate.js";

describe("readableFailure", () => {
  it("says a stack overflow is a file nested too deeply, without the browser's words", () => {
    for (const message of ["the scorer failed: RangeError: Maximum call stack size exceeded",
                           "InternalError: too much recursion", "RecursionError: maximum recursion depth exceeded"]) {
      const text = readableFailure(message);
      assert.match(text, /nests its content too deeply/);
      assert.doesNotMatch(text, /call stack|recursion|Error/);
    }
  });

  it("quotes any other message to at most 80 characters", () => {
    const text = readableFailure("the scorer failed: ValueError: " + "9".repeat(5000));
    assert.equal(text, "the scorer stopped on it (ValueError: " + "9".repeat(67) + "\u2026)");
    assert.equal(readableFailure(undefined), "the scorer stopped on it (no reason given)");
  });
});

describe("isolateFailing", () => {
  it("names the files that stop the scorer alone and keeps the others, in order", async () => {
    const tried = [];
    const view = (files) => {
      tried.push(files.map(([name]) => name));
      return files[0][0].startsWith("bad") ? Promise.reject(new Error("the scorer failed: ValueError: no"))
                                           : Promise.resolve({ portfolio: {} });
    };
    const files = [["a.json", "{}"], ["bad-1.xlsx", new ArrayBuffer(2)], ["b.json", "{}"], ["bad-2.xlsx", "x"]];
    const { kept, failing } = await isolateFailing(files, view);
    assert.deepEqual(tried, [["a.json"], ["bad-1.xlsx"], ["b.json"], ["bad-2.xlsx"]]);
    assert.deepEqual(kept.map(([name]) => name), ["a.json", "b.json"]);
    assert.deepEqual(failing.map((problem) => problem.file), ["bad-1.xlsx", "bad-2.xlsx"]);
    assert.equal(failing[0].message, failureText("the scorer failed: ValueError: no"));
    assert.match(failing[0].message, /\(ValueError: no\); it is left out and the other files are reported\. /);
  });
});
