// The wording helpers shared by messages and score views (text.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { percentText, sentence } from "../../docs/assets/js/handbook/text.js";

describe("sentence", () => {
  it("capitalises the first letter and keeps the rest", () => {
    assert.equal(sentence("the answer to bc-iu-02"), "The answer to bc-iu-02");
    assert.equal(sentence(""), "");
    assert.equal(sentence(undefined), "");
  });
});

describe("percentText", () => {
  it("gives one decimal and n/a for a percentage Python could not compute", () => {
    assert.equal(percentText(42.06), "42.1%");
    assert.equal(percentText(0), "0.0%");
    assert.equal(percentText(null), "n/a");
    assert.equal(percentText(undefined), "n/a");
  });
});
