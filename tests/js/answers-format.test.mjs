// The answers file's shape, version and migration as the page checks them (answers-format.js).
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  FORMAT, VERSION, canon, emptyAnswers, fileVersion, isEmptyAnswers, isPlainObject, migrate, newerText,
  newerVersion, same, shapeProblem, withDefaults,
} from "../../docs/assets/js/handbook/answers-format.js";

const v2 = (extra = {}) => ({ format: FORMAT, version: 2, ...extra });
const v3 = (extra = {}) => ({ format: FORMAT, version: 3, ...extra });

describe("emptyAnswers", () => {
  it("is a version-3 file with every field empty", () => {
    assert.equal(VERSION, 3);
    assert.deepEqual(emptyAnswers(), {
      format: "mlops-handbook-answers", version: 3, project: "", assessor: "", date: "",
      route: null, task_type: null, answers: {}, not_applicable: {}, notes: {},
    });
  });

  it("gives a new object each time, so that changing one set leaves the next untouched", () => {
    const first = emptyAnswers();
    first.answers.x = true;
    assert.deepEqual(emptyAnswers().answers, {});
  });
});

describe("isPlainObject", () => {
  it("takes objects and refuses null, arrays and scalars", () => {
    assert.equal(isPlainObject({}), true);
    for (const value of [null, [], "x", 1, true, undefined]) assert.equal(isPlainObject(value), false);
  });
});

describe("newerVersion", () => {
  it("gives the version of a newer release's file", () => {
    assert.equal(newerVersion(v2({ version: VERSION + 1 })), VERSION + 1);
  });

  it("is null for this release's versions, other formats, and versions that are not integers", () => {
    assert.equal(newerVersion(v3()), null);
    assert.equal(newerVersion(v2()), null);
    assert.equal(newerVersion(v2({ version: 1 })), null);
    assert.equal(newerVersion({ format: "other", version: 9 }), null);
    assert.equal(newerVersion(v2({ version: 3.5 })), null);
    assert.equal(newerVersion(v2({ version: "3" })), null);
    assert.equal(newerVersion([]), null);
  });

  it("is named with the versions this release reads", () => {
    assert.equal(newerText(4), "saved by a newer release of the handbook (answers file version 4); this " +
                                "release reads versions 1 to 3");
  });
});

describe("shapeProblem", () => {
  it("accepts versions 1, 2 and 3 with their sections objects or missing", () => {
    assert.equal(shapeProblem(v3()), null);
    assert.equal(shapeProblem(v2()), null);
    assert.equal(shapeProblem(v2({ version: 1, answers: {}, notes: null })), null);
    assert.equal(shapeProblem(v2({ answers: {}, notes: {}, not_applicable: {} })), null);
  });

  it("names what is wrong, one problem at a time", () => {
    assert.equal(shapeProblem([]), "it is not a JSON object");
    assert.equal(shapeProblem({ version: 2 }), 'it does not have "format": "mlops-handbook-answers"');
    assert.equal(shapeProblem(v2({ version: 7 })), "it is version 7, not 1 to 3");
    assert.equal(shapeProblem(v2({ version: 0 })), "it is version 0, not 1 to 3");
    assert.equal(shapeProblem(v2({ version: 2.5 })), "it is version 2.5, not 1 to 3");
    assert.equal(shapeProblem(v2({ version: "2" })), 'it is version "2", not 1 to 3');
    assert.equal(shapeProblem(v2({ answers: [] })), '"answers" is not an object');
    assert.equal(shapeProblem(v2({ notes: "x" })), '"notes" is not an object');
    assert.equal(shapeProblem(v2({ not_applicable: 1 })), '"not_applicable" is not an object');
  });
});

describe("migrate", () => {
  it("makes a version-1 file of the current version with nothing marked not applicable, keeping every answer", () => {
    const old = { format: FORMAT, version: 1, project: "P", answers: { a: true }, notes: { a: "n" } };
    assert.deepEqual(migrate(old), { format: FORMAT, version: 3, project: "P", answers: { a: true },
                                     notes: { a: "n" }, not_applicable: {} });
    assert.equal(old.version, 1, "the original is left as it was");
  });

  it("returns a version-2 file as it is: only the scorer judges its reasons", () => {
    const earlier = v2({ not_applicable: { a: "n/a" } });
    assert.equal(migrate(earlier), earlier);
  });

  it("returns a current file as it is", () => {
    const current = v3({ not_applicable: { a: "No personal data in the sources" } });
    assert.equal(migrate(current), current);
  });
});

describe("withDefaults", () => {
  it("fills missing and null fields and keeps the given ones", () => {
    const full = withDefaults({ format: FORMAT, version: 3, project: "P", route: null, notes: { a: "n" } });
    assert.deepEqual(full, { ...emptyAnswers(), project: "P", notes: { a: "n" } });
  });
});

describe("canon and same", () => {
  it("sorts the keys of every object, at any depth, and keeps the order of lists", () => {
    assert.equal(canon({ b: 1, a: { d: [2, 1], c: null } }), '{"a":{"c":null,"d":[2,1]},"b":1}');
    assert.equal(same({ a: 1, b: 2 }, { b: 2, a: 1 }), true);
    assert.equal(same(["x", "y"], ["y", "x"]), false);
  });

  it("tells a missing value from null", () => {
    assert.equal(canon(undefined), "undefined");
    assert.equal(same(undefined, null), false);
  });
});

describe("isEmptyAnswers", () => {
  it("is true for an empty set, with or without its empty fields", () => {
    assert.equal(isEmptyAnswers(emptyAnswers()), true);
    assert.equal(isEmptyAnswers({ format: FORMAT, version: 3 }), true);
    assert.equal(isEmptyAnswers({ format: FORMAT, version: 2 }), true);
  });

  it("is false once anything is given", () => {
    assert.equal(isEmptyAnswers({ ...emptyAnswers(), route: "dashboard" }), false);
    assert.equal(isEmptyAnswers({ ...emptyAnswers(), answers: { a: null } }), false);
  });
});

describe("fileVersion", () => {
  it("reads the version of an answers file, whatever it is", () => {
    assert.equal(fileVersion(JSON.stringify(v2({ version: 1 }))), 1);
    assert.equal(fileVersion(JSON.stringify(v2({ version: 9 }))), 9);
  });

  it("is null for invalid JSON, another format or a value that is not an object", () => {
    assert.equal(fileVersion("{"), null);
    assert.equal(fileVersion('{"format": "other", "version": 2}'), null);
    assert.equal(fileVersion("[1]"), null);
  });
});
