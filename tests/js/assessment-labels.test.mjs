// How assessments are named (assessment-labels.js): dates in the reader's order, whole labels.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import {
  assessmentLabels, formatDate, labelEntries, readerLocale, todayText, wholeLabel,
} from "../../docs/assets/js/handbook/assessment-labels.js";

describe("formatDate", () => {
  it("writes the day first in English, never the US month-first order", () => {
    assert.equal(readerLocale("en"), "en-GB");
    assert.equal(readerLocale("en-US"), "en-GB");
    assert.equal(formatDate("2026-12-06", "en"), "6 Dec 2026");
    assert.equal(formatDate("2026-12-06", "en-US"), "6 Dec 2026");
  });

  it("follows the page's language otherwise", () => {
    assert.equal(formatDate("2026-12-06", "es"), "6 dic 2026");
  });

  it("says undated for a missing or malformed date, and keeps an ISO date for an unknown language", () => {
    assert.equal(formatDate(null, "en"), "undated");
    assert.equal(formatDate("12/06/2026", "en"), "undated");
    assert.equal(formatDate("2026-12-06", "not a language!"), "2026-12-06");
  });
});

describe("assessmentLabels", () => {
  const entry = (date, extra) => ({ answers: { date, assessor: "Ana" }, label: "", created: null, ...extra });

  it("names each by date, assessor and its own name", () => {
    assert.deepEqual(assessmentLabels([entry("2026-01-10"), entry("2026-03-05", { label: "Before release" })], "en"),
                     ["10 Jan 2026 \u00b7 Ana", "5 Mar 2026 \u00b7 Ana \u00b7 Before release"]);
  });

  it("tells two of one day apart by the time each was started, not by a bare rank", () => {
    const created = (hour) => new Date(2026, 11, 6, hour, 5).toISOString();
    const labels = assessmentLabels([entry("2026-12-06", { created: created(9) }),
                                     entry("2026-12-06", { created: created(14) })], "en");
    assert.deepEqual(labels, ["6 Dec 2026 \u00b7 Ana \u00b7 started 09:05", "6 Dec 2026 \u00b7 Ana \u00b7 started 14:05"]);
    assert.ok(labels.every((label) => !/\(\d\)/.test(label)));
  });

  it("says one made by an earlier release (no start time) was started before the others", () => {
    const labels = assessmentLabels([entry("2026-12-06"),
                                     entry("2026-12-06", { created: new Date(2026, 11, 6, 14, 5).toISOString() })], "en");
    assert.deepEqual(labels, ["6 Dec 2026 \u00b7 Ana \u00b7 started before 14:05",
                              "6 Dec 2026 \u00b7 Ana \u00b7 started 14:05"]);
  });

  it("keeps names that already differ as they are", () => {
    assert.deepEqual(assessmentLabels([entry("2026-12-06", { label: "Kickoff" }),
                                       entry("2026-12-06", { label: "Review" })], "en"),
                     ["6 Dec 2026 \u00b7 Ana \u00b7 Kickoff", "6 Dec 2026 \u00b7 Ana \u00b7 Review"]);
  });
});

describe("whole labels", () => {
  it("name the project, Untitled when it has no name, and label within each project", () => {
    assert.equal(wholeLabel("", "6 Dec 2026"), "Untitled project: 6 Dec 2026");
    const entries = labelEntries([
      { projectId: "p-1", projectName: "Churn", answers: { date: "2026-12-06" }, label: "", created: null },
      { projectId: "p-2", projectName: "Sales", answers: { date: "2026-12-06" }, label: "", created: null },
    ], "en");
    assert.deepEqual(entries.map((e) => e.wholeLabel), ["Churn: 6 Dec 2026", "Sales: 6 Dec 2026"]);
  });

  it("today is written as an answers file writes a date", () => {
    assert.equal(todayText(new Date(2026, 0, 5, 23, 30)), "2026-01-05");
  });
});

describe("item names", async () => {
  const { shortItemText } = await import("../../docs/assets/js/handbook/item-names.js");

  it("name an item by its practice, else by its question cut at a word", () => {
    assert.equal(shortItemText("Have the requirements been understood?", "Requirements understood"),
                 "Requirements understood");
    assert.equal(shortItemText("Is the data available?", ""), "Is the data available?");
    const cut = shortItemText("Have the requirements or needs of the client/company and the project objective " +
                              "been fully understood?", "");
    assert.equal(cut, "Have the requirements or needs of the client/company and the project\u2026");
    assert.ok(cut.length <= 71);
  });
});
