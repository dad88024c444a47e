// Several projects and assessments in one browser (projects.js): the list, its reading, its changes.
import assert from "node:assert/strict";
import { afterEach, describe, it } from "node:test";

import { emptyAnswers } from "../../docs/assets/js/handbook/answers-format.js";
import { assessmentLabels } from "../../docs/assets/js/handbook/assessment-labels.js";
import {
  PROJECTS_KEY, allAssessments, createProject, currentEntry, deleteAssessment, duplicateAssessment,
  hasAnswers, indexProblem, labelAssessment, listAssessments, readIndex, renameProject, restoreAssessment,
  singleProject, startAssessment, switchTo,
} from "../../docs/assets/js/handbook/projects.js";

const answers = (extra = {}) => ({ ...emptyAnswers(), ...extra });
const churn = answers({ project: "Churn", assessor: "Ana", date: "2026-01-10", route: "ml-model",
                        answers: { "bc-iu-02": true, "bc-iu-03": false }, notes: { "bc-iu-02": "signed" },
                        not_applicable: { "bc-iu-04": "on premises" } });

// What the page does with a change: the pending list, the answers key, the finished list.
function apply(change) {
  assert.equal(indexProblem(change.pending), null);
  assert.equal(indexProblem(change.done), null);
  return { index: change.done, live: change.live };
}

// The single-project layout with a second project "Sales" (a dashboard) created and answered.
function twoProjects() {
  let state = { index: singleProject(churn), live: churn };
  state = apply(createProject(state.index, state.live, "Sales", "2026-02-01"));
  state.live = { ...state.live, route: "dashboard", answers: { "bc-iu-02": false } };
  return state;
}

describe("readIndex", () => {
  it("makes the single-project layout one project with one assessment, the stored answers, untouched", () => {
    const read = readIndex(null, churn);
    assert.equal(read.problem, null);
    assert.equal(read.live, null);
    assert.equal(indexProblem(read.index), null);
    const all = listAssessments(read.index, churn);
    assert.equal(all.length, 1);
    assert.deepEqual(all[0].answers, churn);
    assert.equal(all[0].projectName, "Churn");
    assert.equal(all[0].current, true);
  });

  it("reads a stored list back as it was", () => {
    const { index, live } = twoProjects();
    const read = readIndex(JSON.stringify(index), live);
    assert.deepEqual(read.index, index);
    assert.deepEqual(listAssessments(read.index, live).map((entry) => entry.projectName), ["Churn", "Sales"]);
  });

  it("says why an unreadable list cannot be used, and falls back to the shown answers alone", () => {
    for (const [raw, expected] of [["{", /not valid JSON/], ["[]", /not a JSON object/],
                                   ['{"format": "x"}', /format/],
                                   [JSON.stringify({ ...singleProject(churn), projects: [] }), /no project/],
                                   [JSON.stringify({ ...singleProject(churn), current: "nope" }), /not in the list/]]) {
      const read = readIndex(raw, churn);
      assert.match(read.problem, expected);
      assert.deepEqual(listAssessments(read.index, churn).map((entry) => entry.answers), [churn]);
    }
  });

  it("refuses a list whose stored answers are not an answers file", () => {
    const { index, live } = twoProjects();
    index.projects[0].assessments[0].answers = { format: "something else" };
    assert.match(readIndex(JSON.stringify(index), live).problem, /answers of assessment 1 of project 1/);
  });

  it("leaves a newer release's list alone", () => {
    const read = readIndex(JSON.stringify({ format: "mlops-handbook-projects", version: 7 }), churn);
    assert.equal(read.newer, 7);
    assert.equal(read.index, null);
  });

  it("finishes a change interrupted after its first write: the new assessment's answers go live", () => {
    const { index, live } = twoProjects();
    const target = index.projects[0].assessments[0].id;
    const change = switchTo(index, live, target);
    const read = readIndex(JSON.stringify(change.pending), live);  // the answers key still holds Sales
    assert.deepEqual(read.live, churn);
    assert.deepEqual(read.index, change.done);
    const all = listAssessments(read.index, read.live);
    assert.deepEqual(all.map((entry) => entry.answers.route), ["ml-model", "dashboard"]);
    assert.deepEqual(all[1].answers.answers, { "bc-iu-02": false });
  });
});

describe("changes", () => {
  it("creates a project, empty and dated, shown at once; the previous answers are kept in the list", () => {
    const change = createProject(singleProject(churn), churn, "Sales", "2026-02-01");
    assert.deepEqual(change.live, answers({ project: "Sales", date: "2026-02-01" }));
    const all = listAssessments(change.done, change.live);
    assert.deepEqual(all.map((entry) => [entry.projectName, entry.current]), [["Churn", false], ["Sales", true]]);
    assert.deepEqual(all[0].answers, churn);
    assert.equal(currentEntry(change.pending).assessment.answers.project, "Sales");
  });

  it("switches back and forth without losing either project's answers", () => {
    let { index, live } = twoProjects();
    const sales = live;
    const [first, second] = listAssessments(index, live).map((entry) => entry.assessmentId);
    ({ index, live } = apply(switchTo(index, live, first)));
    assert.deepEqual(live, churn);
    ({ index, live } = apply(switchTo(index, live, second)));
    assert.deepEqual(live, sales);
    assert.deepEqual(listAssessments(index, live).map((entry) => entry.answers), [churn, sales]);
  });

  it("duplicates the shown assessment as a new dated one of the same project, right after it", () => {
    const start = singleProject(churn);
    const { index, live } = apply(duplicateAssessment(start, churn, "2026-03-05"));
    assert.deepEqual(live, { ...churn, date: "2026-03-05" });
    const all = listAssessments(index, live);
    assert.equal(all.length, 2);
    assert.equal(all[0].projectId, all[1].projectId);
    assert.deepEqual(all[0].answers, churn);
    assert.equal(all[1].current, true);
    assert.deepEqual(assessmentLabels(all, "en"), ["10 Jan 2026 \u00b7 Ana", "5 Mar 2026 \u00b7 Ana"]);
    assert.equal(typeof all[1].created, "string");
  });

  it("renames a project in every assessment of it, the shown answers too", () => {
    let { index, live } = apply(duplicateAssessment(singleProject(churn), churn, "2026-03-05"));
    const projectId = currentEntry(index).project.id;
    ({ done: index, live } = renameProject(index, live, projectId, "Churn v2"));
    assert.equal(live.project, "Churn v2");
    assert.deepEqual(listAssessments(index, live).map((entry) => entry.answers.project), ["Churn v2", "Churn v2"]);
    assert.equal(indexProblem(index), null);
  });

  it("takes the shown answers' project name as the project's (the score page's field edits it)", () => {
    const { index, live } = twoProjects();
    const edited = { ...live, project: "Sales EMEA" };
    assert.deepEqual(listAssessments(index, edited).map((entry) => entry.projectName), ["Churn", "Sales EMEA"]);
    const back = apply(switchTo(index, edited, listAssessments(index, edited)[0].assessmentId));
    assert.equal(listAssessments(back.index, back.live)[1].answers.project, "Sales EMEA");
  });

  it("deletes the shown assessment, shows a neighbour, and puts it back in its place on undo", () => {
    let { index, live } = twoProjects();
    const before = listAssessments(index, live);
    const change = deleteAssessment(index, live, before[1].assessmentId, "2026-04-01");
    ({ index, live } = apply(change));
    assert.deepEqual(live, churn);
    assert.deepEqual(listAssessments(index, live).map((entry) => entry.projectName), ["Churn"]);
    ({ index, live } = apply(restoreAssessment(index, live, change.removed)));
    const after = listAssessments(index, live);
    assert.deepEqual(after.map((entry) => [entry.assessmentId, entry.projectId, entry.answers]),
                     before.map((entry) => [entry.assessmentId, entry.projectId, entry.answers]));
    assert.equal(after[1].current, true);
  });

  it("deletes an assessment that is not shown, keeping the shown one", () => {
    const { index, live } = twoProjects();
    const churnId = listAssessments(index, live)[0].assessmentId;
    const next = apply(deleteAssessment(index, live, churnId, "2026-04-01"));
    assert.deepEqual(next.live, live);
    assert.deepEqual(listAssessments(next.index, next.live).map((entry) => entry.projectName), ["Sales"]);
  });

  it("deleting the last assessment leaves one new empty project", () => {
    const index = singleProject(churn);
    const change = deleteAssessment(index, churn, index.current, "2026-04-01");
    const { index: left, live } = apply(change);
    assert.deepEqual(live, answers({ date: "2026-04-01" }));
    assert.equal(listAssessments(left, live).length, 1);
    const back = apply(restoreAssessment(left, live, change.removed));
    assert.deepEqual(listAssessments(back.index, back.live).map((entry) => entry.answers), [churn, live]);
  });
});

describe("starting an assessment", () => {
  const spec = (extra) => ({ projectId: null, name: "Fraud", date: "2026-05-02", route: "ml-model", label: "",
                             copyLatest: false, dropTaskType: false, ...extra });

  it("fills in the empty, unnamed project of a first visit instead of keeping an Untitled one", () => {
    const blank = answers({ route: "dashboard" });
    const { index, live } = apply(startAssessment(singleProject(blank), blank, spec({ label: "Kickoff" })));
    const all = listAssessments(index, live);
    assert.equal(all.length, 1);
    assert.deepEqual(live, answers({ project: "Fraud", date: "2026-05-02", route: "ml-model" }));
    assert.equal(all[0].label, "Kickoff");
  });

  it("adds a new project beside one that has answers, and shows it", () => {
    const { index, live } = apply(startAssessment(singleProject(churn), churn, spec()));
    assert.deepEqual(listAssessments(index, live).map((entry) => [entry.projectName, entry.current]),
                     [["Churn", false], ["Fraud", true]]);
    assert.deepEqual(listAssessments(index, live)[0].answers, churn);
  });

  it("adds a dated assessment to a stored project, empty or from a copy of its latest answers", () => {
    const start = singleProject(churn);
    const projectId = start.projects[0].id;
    const empty = apply(startAssessment(start, churn, spec({ projectId, name: "", route: "dashboard",
                                                             dropTaskType: true })));
    assert.deepEqual(empty.live, answers({ project: "Churn", date: "2026-05-02", route: "dashboard" }));
    const copied = apply(startAssessment(start, churn, spec({ projectId, name: "", copyLatest: true })));
    assert.deepEqual(copied.live, { ...churn, date: "2026-05-02" });
    assert.deepEqual(listAssessments(copied.index, copied.live).map((entry) => entry.projectId),
                     [projectId, projectId]);
  });

  it("drops an empty, unnamed project when a stored project gets the new assessment", () => {
    let state = apply(createProject(singleProject(churn), churn, "", "2026-04-01"));  // shown: empty, unnamed
    const churnId = state.index.projects[0].id;
    state = apply(startAssessment(state.index, state.live, spec({ projectId: churnId, name: "" })));
    assert.deepEqual(listAssessments(state.index, state.live).map((entry) => entry.projectName), ["Churn", "Churn"]);
  });

  it("names an assessment in the list only, which a list without names still reads", () => {
    const index = singleProject(churn);
    const { done, live } = labelAssessment(index, churn, index.current, "Before release");
    assert.equal(live, churn);
    assert.equal(indexProblem(done), null);
    assert.equal(listAssessments(done, churn)[0].label, "Before release");
    assert.match(indexProblem({ ...done, projects: [{ ...done.projects[0],
      assessments: [{ ...done.projects[0].assessments[0], label: 7 }] }] }), /name is not text/);
  });

  it("counts an item answered, marked not applicable or noted as an answer, not the names or the route", () => {
    assert.equal(hasAnswers(answers({ project: "X", route: "dashboard", date: "2026-01-01" })), false);
    assert.equal(hasAnswers(answers({ answers: { "bc-iu-02": null } })), false);
    assert.equal(hasAnswers(answers({ answers: { "bc-iu-02": false } })), true);
    assert.equal(hasAnswers(answers({ notes: { "bc-iu-02": "draft" } })), true);
  });
});

describe("allAssessments", () => {
  const saved = globalThis.localStorage;
  afterEach(() => { globalThis.localStorage = saved; });

  function storage(values) {
    globalThis.localStorage = { getItem: (key) => (key in values ? values[key] : null) };
  }

  it("is empty when nothing is stored", () => {
    storage({});
    assert.deepEqual(allAssessments(), []);
  });

  it("gives the single-project layout's answers, a version-1 file migrated", () => {
    storage({ "mlops-handbook:answers": JSON.stringify({ ...churn, version: 1, not_applicable: undefined }) });
    assert.deepEqual(allAssessments(), [{ ...churn, not_applicable: {} }]);
  });

  it("gives every stored assessment as an answers file, the shown one from the answers key", () => {
    const { index, live } = twoProjects();
    storage({ "mlops-handbook:answers": JSON.stringify(live), [PROJECTS_KEY]: JSON.stringify(index) });
    assert.deepEqual(allAssessments(), [churn, live]);
  });

  it("does not fail when storage is blocked", () => {
    globalThis.localStorage = { getItem() { throw new Error("SecurityError"); } };
    assert.deepEqual(allAssessments(), []);
  });
});
