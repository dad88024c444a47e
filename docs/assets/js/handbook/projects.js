/*
 * Several projects in one browser: a list of projects, each with one or more assessments (an
 * assessment is one answers file), and which assessment is shown.
 *
 * The shown assessment's answers stay under the answers key, exactly as in the single-project
 * layout (storage.js reads, merges and saves them); the list, under its own key, holds the others.
 * So the single-project layout needs no rewrite: without a list, the stored answers are the one
 * assessment of the one project, and the list is first written when a project is added.
 *
 * A change of the shown assessment writes three values in turn: the list with the new one marked
 * current and still holding its answers ("pending"), the answers key, then the list without that
 * copy. A visit that finds a pending list (the tab was closed between the writes) finishes it.
 *
 * Pure (allAssessments(), which reads localStorage, is stored-assessments.js's).
 */
import { emptyAnswers, isPlainObject, migrate, shapeProblem, withDefaults } from "./answers-format.js";
import { t } from "./i18n.js";

export const PROJECTS_KEY = "mlops-handbook:projects";
export const PROJECTS_FORMAT = "mlops-handbook-projects";
export const PROJECTS_VERSION = 1;

const copy = (value) => JSON.parse(JSON.stringify(value));

const now = () => new Date().toISOString();

export function newId(prefix) {
  return prefix + Date.now().toString(36) + Math.random().toString(36).slice(2, 8);
}

// Any stored answers file as this release's full shape (version 1 migrated, missing fields filled).
export function fullAnswers(data) {
  return withDefaults(migrate(data));
}

// The list of the single-project layout: the shown answers are its one project's one assessment.
// Its ids are fixed, so that the list read twice before it is first written is the same list.
export function singleProject(live) {
  return { format: PROJECTS_FORMAT, version: PROJECTS_VERSION, current: "a-1", pending: false,
           projects: [{ id: "p-1", name: (live && live.project) || "", assessments: [{ id: "a-1", answers: null }] }] };
}

// The version of a list written by a newer release than this one, else null.
export function newerIndexVersion(data) {
  return isPlainObject(data) && data.format === PROJECTS_FORMAT && Number.isInteger(data.version) &&
         data.version > PROJECTS_VERSION ? data.version : null;
}

function assessmentProblem(assessment, seen, where) {
  if (!isPlainObject(assessment) || typeof assessment.id !== "string" || !assessment.id) {
    return t("{where} has no id", { where });
  }
  if (seen[assessment.id]) return t("the id {id} is used twice", { id: JSON.stringify(assessment.id) });
  seen[assessment.id] = true;
  if (assessment.label !== undefined && typeof assessment.label !== "string") {
    return t("{where}'s name is not text", { where });
  }
  if (assessment.answers === null) return null;
  const problem = shapeProblem(assessment.answers);
  return problem ? t("the answers of {where} cannot be read: {problem}", { where, problem }) : null;
}

// What keeps a parsed value from being a list this page can use, else null.
export function indexProblem(data) {
  if (!isPlainObject(data)) return t("it is not a JSON object");
  if (data.format !== PROJECTS_FORMAT) return t("it does not have \"format\": \"{format}\"", { format: PROJECTS_FORMAT });
  if (data.version !== PROJECTS_VERSION) return t("it is version {version}", { version: JSON.stringify(data.version) });
  if (!Array.isArray(data.projects) || !data.projects.length) return t("it has no project");
  const seen = {};
  for (let p = 0; p < data.projects.length; p++) {
    const project = data.projects[p];
    const where = t("project {n}", { n: p + 1 });
    if (!isPlainObject(project) || typeof project.id !== "string" || typeof project.name !== "string") {
      return t("{where} has no id or name", { where });
    }
    if (!Array.isArray(project.assessments) || !project.assessments.length) {
      return t("{where} has no assessment", { where });
    }
    for (let a = 0; a < project.assessments.length; a++) {
      const problem = assessmentProblem(project.assessments[a], seen,
                                        t("assessment {n} of {where}", { n: a + 1, where }));
      if (problem) return problem;
    }
  }
  const current = locate(data, data.current);
  if (!current) return t("the assessment shown is not in the list");
  if (data.pending ? current.assessment.answers === null : current.assessment.answers !== null) {
    return t("the assessment shown is stored twice, or not at all");
  }
  const stashed = data.projects.every((project) => project.assessments.every((assessment) =>
    assessment.id === data.current || assessment.answers !== null));
  return stashed ? null : t("an assessment other than the one shown has no answers");
}

// The list as stored (`raw`, null when there is none) with the shown answers (`live`):
// {index, problem, newer, live}. `live` is set when a pending change was finished (those answers
// go under the answers key); `problem` says why a stored list could not be used (the caller keeps
// it aside); `newer` is the version of a newer release's list (left alone, index null).
export function readIndex(raw, live) {
  if (raw === null) return { index: singleProject(live), problem: null, newer: null, live: null };
  let data;
  try { data = JSON.parse(raw); } catch (error) {
    return { index: singleProject(live), problem: t("it is not valid JSON"), newer: null, live: null };
  }
  const newer = newerIndexVersion(data);
  if (newer !== null) return { index: null, problem: null, newer, live: null };
  const problem = indexProblem(data);
  if (problem) return { index: singleProject(live), problem, newer: null, live: null };
  if (!data.pending) return { index: data, problem: null, newer: null, live: null };
  return { index: finished(data), problem: null, newer: null, live: fullAnswers(currentEntry(data).assessment.answers) };
}

// {project, projectPos, assessment, assessmentPos} of an assessment id, or null.
export function locate(index, assessmentId) {
  for (let p = 0; p < index.projects.length; p++) {
    const assessments = index.projects[p].assessments;
    for (let a = 0; a < assessments.length; a++) {
      if (assessments[a].id === assessmentId) {
        return { project: index.projects[p], projectPos: p, assessment: assessments[a], assessmentPos: a };
      }
    }
  }
  return null;
}

export function currentEntry(index) {
  return locate(index, index.current);
}

// Whether any item is answered, marked not applicable or has a note (the route, the date and the
// names are not answers: a reader may set them first).
export function hasAnswers(answers) {
  const given = (map) => Object.keys(map || {}).some((id) => map[id] !== null && map[id] !== undefined);
  return given(answers.answers) || given(answers.not_applicable) || given(answers.notes);
}

// A project's name: the shown answers' for the project shown (the score page's field edits it).
export function projectName(index, project, live) {
  const shown = project.assessments.some((assessment) => assessment.id === index.current);
  return shown && live ? live.project || "" : project.name;
}

// Every assessment, in the list's order: {projectId, projectName, assessmentId, current, answers,
// label, created}, `answers` a full answers file carrying its project's name, `label` the
// assessment's optional name and `created` when it was started (both kept in the list only: an
// answers file has no place for them, and a list without them is read as it was).
export function listAssessments(index, live) {
  const entries = [];
  index.projects.forEach((project) => {
    const name = projectName(index, project, live);
    project.assessments.forEach((assessment) => {
      const current = assessment.id === index.current;
      const answers = fullAnswers(copy(current && !index.pending ? live || emptyAnswers() : assessment.answers));
      answers.project = name;
      entries.push({ projectId: project.id, projectName: name, assessmentId: assessment.id, current, answers,
                     label: assessment.label || "", created: assessment.created || null });
    });
  });
  return entries;
}

// ---- Changes: each returns {pending, done, live} (the three writes), or for a rename {done, live} ----

// A copy of the list with the shown answers in it and every name equal to its project's.
function stashLive(index, live) {
  const stashed = copy(index);
  stashed.pending = false;
  const shown = currentEntry(stashed);
  if (shown) {
    shown.project.name = live.project || "";
    shown.assessment.answers = copy(live);
  }
  stashed.projects.forEach((project) => {
    project.assessments.forEach((assessment) => { assessment.answers.project = project.name; });
  });
  return stashed;
}

function finished(index) {
  const done = copy(index);
  done.pending = false;
  currentEntry(done).assessment.answers = null;
  return done;
}

function plan(stashed, targetId) {
  const pending = copy(stashed);
  pending.current = targetId;
  pending.pending = true;
  return { pending, done: finished(pending), live: fullAnswers(copy(currentEntry(pending).assessment.answers)) };
}

export function switchTo(index, live, assessmentId) {
  if (!locate(index, assessmentId)) throw new Error("no assessment " + assessmentId);
  return plan(stashLive(index, live), assessmentId);
}

// A new project, with one empty assessment dated `date`, shown at once.
export function createProject(index, live, name, date) {
  const stashed = stashLive(index, live);
  const answers = Object.assign(emptyAnswers(), { project: name, date });
  const assessmentId = newId("a-");
  stashed.projects.push({ id: newId("p-"), name, assessments: [{ id: assessmentId, answers, created: now() }] });
  return plan(stashed, assessmentId);
}

// The shown assessment copied as a new one of the same project, dated `date`, shown at once.
export function duplicateAssessment(index, live, date) {
  const stashed = stashLive(index, live);
  const shown = currentEntry(stashed);
  const answers = Object.assign(copy(shown.assessment.answers), { date });
  const assessmentId = newId("a-");
  shown.project.assessments.splice(shown.assessmentPos + 1, 0, { id: assessmentId, answers, created: now() });
  return plan(stashed, assessmentId);
}

// The project may be new (`projectId` null) or stored; `copyLatest` starts from a copy of that
// project's latest answers (with the new date and route), else the new assessment is empty.
// `dropTaskType` clears the ML task type, for a route that does not ask for one. The shown
// assessment, when it is an unnamed project's only one and has no answer (as on a first visit),
// is filled in, or dropped for a stored project's new assessment, rather than kept as "Untitled".
// {projectId, name, date, route, label, copyLatest, dropTaskType} -> the change, shown at once.
export function startAssessment(index, live, spec) {
  const stashed = stashLive(index, live);
  const fields = { date: spec.date, route: spec.route || null };
  const entry = { id: newId("a-"), answers: null, created: now() };
  if (spec.label) entry.label = spec.label;
  const shown = currentEntry(stashed);
  const blank = !shown.project.name && shown.project.assessments.length === 1 && !hasAnswers(live);
  if (spec.projectId === null) {
    entry.answers = Object.assign(emptyAnswers(), fields, { project: spec.name });
    if (blank) {
      shown.project.name = spec.name;
      shown.project.assessments = [entry];
    } else {
      stashed.projects.push({ id: newId("p-"), name: spec.name, assessments: [entry] });
    }
    return plan(stashed, entry.id);
  }
  const project = stashed.projects.filter((candidate) => candidate.id === spec.projectId)[0];
  if (!project) throw new Error("no project " + spec.projectId);
  if (blank && shown.project !== project) stashed.projects.splice(shown.projectPos, 1);
  const latest = project.assessments[project.assessments.length - 1].answers;
  entry.answers = Object.assign(spec.copyLatest ? copy(latest) : emptyAnswers(), fields, { project: project.name });
  if (spec.dropTaskType) entry.answers.task_type = null;
  project.assessments.push(entry);
  return plan(stashed, entry.id);
}

// An assessment's optional name (kept in the list only); {done, live} as for a rename.
export function labelAssessment(index, live, assessmentId, label) {
  const done = stashLive(index, live);
  const place = locate(done, assessmentId);
  if (!place) throw new Error("no assessment " + assessmentId);
  if (label) place.assessment.label = label;
  else delete place.assessment.label;
  return { done: finished(done), live };
}

export function renameProject(index, live, projectId, name) {
  const done = stashLive(index, live);
  const project = done.projects.filter((entry) => entry.id === projectId)[0];
  if (!project) throw new Error("no project " + projectId);
  project.name = name;
  project.assessments.forEach((assessment) => { assessment.answers.project = name; });
  const shownHere = project.assessments.some((assessment) => assessment.id === done.current);
  return { done: finished(done), live: shownHere ? Object.assign(copy(live), { project: name }) : live };
}

// One assessment taken out; a project left without any goes too, and a list left empty gets a
// new empty project. The assessment shown next is a neighbour in the same project, else the first.
// `removed` holds what restoreAssessment needs to put it back.
export function deleteAssessment(index, live, assessmentId, date) {
  const stashed = stashLive(index, live);
  const place = locate(stashed, assessmentId);
  if (!place) throw new Error("no assessment " + assessmentId);
  const removed = { assessment: copy(place.assessment), assessmentPos: place.assessmentPos,
                    project: { id: place.project.id, name: place.project.name }, projectPos: place.projectPos };
  place.project.assessments.splice(place.assessmentPos, 1);
  if (!place.project.assessments.length) stashed.projects.splice(place.projectPos, 1);
  if (!stashed.projects.length) {
    stashed.projects.push({ id: newId("p-"), name: "", assessments: [{ id: newId("a-"),
                                                                       answers: Object.assign(emptyAnswers(), { date }) }] });
  }
  let next = stashed.current;
  if (next === assessmentId) {
    const siblings = place.project.assessments;
    next = siblings.length ? siblings[Math.min(place.assessmentPos, siblings.length - 1)].id
                           : stashed.projects[0].assessments[0].id;
  }
  return Object.assign(plan(stashed, next), { removed });
}

// A deleted assessment back in its place (its project too, if it went with it), shown at once.
export function restoreAssessment(index, live, removed) {
  const stashed = stashLive(index, live);
  if (locate(stashed, removed.assessment.id)) return plan(stashed, removed.assessment.id);
  let project = stashed.projects.filter((entry) => entry.id === removed.project.id)[0];
  if (!project) {
    project = { id: removed.project.id, name: removed.project.name, assessments: [] };
    stashed.projects.splice(Math.min(removed.projectPos, stashed.projects.length), 0, project);
  }
  const assessment = copy(removed.assessment);
  assessment.answers.project = project.name;
  project.assessments.splice(Math.min(removed.assessmentPos, project.assessments.length), 0, assessment);
  return plan(stashed, assessment.id);
}

// For other pages (the portfolio): every stored assessment as an answers file.
export { allAssessments } from "./stored-assessments.js";
