// Another tab's answers merged into this tab's, item by item (merge.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { emptyAnswers } from "../../docs/assets/js/handbook/answers-format.js";
import { MAX_NOTE_TEXT, MAX_TEXT } from "../../docs/assets/js/handbook/limits.js";
import {
  conflictMessage, currentAnswers, describe as describeValue, mergeAnswers, slotLabel,
} from "../../docs/assets/js/handbook/merge.js";

const answers = (extra = {}) => ({ ...emptyAnswers(), ...extra });
const copy = (value) => JSON.parse(JSON.stringify(value));

describe("currentAnswers", () => {
  it("reads nothing stored as an empty set", () => {
    assert.deepEqual(currentAnswers(null), emptyAnswers());
  });

  it("reads a version-3 text with its missing fields filled", () => {
    const stored = { format: "mlops-handbook-answers", version: 3, route: "dashboard", answers: { a: true } };
    assert.deepEqual(currentAnswers(JSON.stringify(stored)), answers({ route: "dashboard", answers: { a: true } }));
  });

  it("reads a version-2 text as it is, its version kept for the scorer to upgrade", () => {
    const stored = { format: "mlops-handbook-answers", version: 2, route: "dashboard", not_applicable: { a: "n/a" } };
    assert.deepEqual(currentAnswers(JSON.stringify(stored)),
                     answers({ version: 2, route: "dashboard", not_applicable: { a: "n/a" } }));
  });

  it("is null for what a fresh load must deal with: invalid, version 1, newer, too deep, a text too long", () => {
    const base = { format: "mlops-handbook-answers" };
    assert.equal(currentAnswers("{"), null);
    assert.equal(currentAnswers(JSON.stringify({ ...base, version: 1 })), null);
    assert.equal(currentAnswers(JSON.stringify({ ...base, version: 4 })), null);
    assert.equal(currentAnswers("[".repeat(30) + "]".repeat(30)), null);
    assert.equal(currentAnswers(JSON.stringify({ ...base, version: 2, notes: { a: "x".repeat(MAX_NOTE_TEXT + 1) } })), null);
    assert.equal(currentAnswers(JSON.stringify({ ...base, version: 2, not_applicable: { a: "x ".repeat(MAX_TEXT) } })), null);
  });
});

describe("describe", () => {
  it("says each kind of value as the reader knows it", () => {
    assert.equal(describeValue("answers", undefined), "no answer");
    assert.equal(describeValue("answers", null), "no answer");
    assert.equal(describeValue("notes", null), "empty");
    assert.equal(describeValue(null, null), "empty");
    assert.equal(describeValue("answers", true), "yes");
    assert.equal(describeValue("answers", false), "no");
    assert.equal(describeValue("answers", ["accuracy", "f1-score"]), "accuracy, f1-score");
    assert.equal(describeValue("answers", []), "no option");
    assert.equal(describeValue("notes", "Signed off"), "\u201cSigned off\u201d");
  });

  it("cuts a long text to 60 characters", () => {
    assert.equal(describeValue("notes", "x".repeat(61)), "\u201c" + "x".repeat(60) + "\u2026\u201d");
  });
});

describe("slotLabel", () => {
  it("names fields, answers, notes and reasons, with the question when the page shows one", () => {
    const question = (id) => (id === "bc-iu-02" ? "Is the problem defined?" : null);
    assert.equal(slotLabel(null, "project"), "the project name");
    assert.equal(slotLabel(null, "unknown"), "unknown");
    assert.equal(slotLabel("answers", "bc-iu-02", question), "the answer to bc-iu-02 (Is the problem defined?)");
    assert.equal(slotLabel("notes", "bc-iu-02", question), "the note on bc-iu-02 (Is the problem defined?)");
    assert.equal(slotLabel("not_applicable", "bc-iu-03", question), "the not-applicable reason of bc-iu-03");
    assert.equal(slotLabel("answers", "bc-iu-03"), "the answer to bc-iu-03");
  });
});

describe("mergeAnswers", () => {
  const before = answers({ project: "P", answers: { a: true, b: false }, notes: { a: "old" } });
  const baseText = JSON.stringify(before);

  it("keeps what only one side changed, from either side", () => {
    const mine = copy(before);
    mine.answers.a = false;
    mine.notes.c = "mine";
    const theirs = copy(before);
    theirs.answers.b = true;
    theirs.route = "dashboard";
    delete theirs.notes.a;
    const conflicts = mergeAnswers(mine, theirs, baseText, "theirs");
    assert.deepEqual(conflicts, []);
    assert.deepEqual(mine, answers({ project: "P", route: "dashboard", answers: { a: false, b: true },
                                     notes: { c: "mine" } }));
  });

  it("takes a change both sides made alike without a conflict", () => {
    const mine = copy(before);
    const theirs = copy(before);
    mine.answers.c = ["x", "y"];
    theirs.answers.c = ["x", "y"];
    assert.deepEqual(mergeAnswers(mine, theirs, baseText, "mine"), []);
    assert.deepEqual(mine.answers.c, ["x", "y"]);
  });

  it("keeps this tab's value where both changed an item and this tab writes last, and says so", () => {
    const mine = copy(before);
    const theirs = copy(before);
    mine.answers.a = false;
    theirs.answers.a = null;
    const conflicts = mergeAnswers(mine, theirs, baseText, "mine", () => "Is it?");
    assert.equal(mine.answers.a, false);
    assert.deepEqual(conflicts, ["The answer to a (Is it?): no is kept (saved last), replacing no answer from the other tab"]);
  });

  it("keeps the other tab's value where both changed an item and its write arrived last, and says so", () => {
    const mine = copy(before);
    const theirs = copy(before);
    mine.project = "Mine";
    theirs.project = "Theirs";
    mine.notes.a = "from here";
    theirs.notes.a = "from there";
    const conflicts = mergeAnswers(mine, theirs, baseText, "theirs");
    assert.equal(mine.project, "Theirs");
    assert.equal(mine.notes.a, "from there");
    assert.deepEqual(conflicts, [
      "The project name: \u201cTheirs\u201d is kept (saved last), replacing \u201cMine\u201d from this tab",
      "The note on a: \u201cfrom there\u201d is kept (saved last), replacing \u201cfrom here\u201d from this tab",
    ]);
  });

  it("merges against an empty set when this tab had read nothing or something unreadable", () => {
    for (const unread of [null, "{"]) {
      const mine = answers({ answers: { a: true } });
      const theirs = answers({ answers: { b: true } });
      assert.deepEqual(mergeAnswers(mine, theirs, unread, "theirs"), []);
      assert.deepEqual(mine.answers, { a: true, b: true });
    }
  });

  it("removes an item one side removed and the other left alone", () => {
    const mine = copy(before);
    const theirs = copy(before);
    delete theirs.answers.b;
    mergeAnswers(mine, theirs, baseText, "mine");
    assert.equal("b" in mine.answers, false);
  });
});

describe("conflictMessage", () => {
  it("is null without conflicts", () => {
    assert.equal(conflictMessage([]), null);
  });

  it("lists the conflicts, in the singular or the plural", () => {
    assert.equal(conflictMessage(["A"]), "This tab and another tab of the handbook changed the same answer at " +
                                         "once. A. Every other change of either tab is kept.");
    assert.equal(conflictMessage(["A", "B"]), "This tab and another tab of the handbook changed the same answers " +
                                              "at once. A. B. Every other change of either tab is kept.");
  });
});
