/*
 * The score page's project switcher: which assessment is shown, and new project, rename,
 * new dated assessment, delete (with Undo). The list is read from storage afresh for every
 * change and drawing, so tabs never overwrite each other's list; the shown answers follow
 * another tab's switch through the usual merge of the answers key (storage.js).
 */
import { replaceAll, showAnswers } from "./changes.js";
import { el, scorePage } from "./dom.js";
import { notify } from "./notices.js";
import { nameForm, openForm } from "./project-form.js";
import {
  PROJECTS_KEY, assessmentLabels, createProject, currentEntry, deleteAssessment, duplicateAssessment,
  listAssessments, projectLabel, readIndex, renameProject, restoreAssessment, switchTo,
} from "./projects.js";
import { visit } from "./state.js";
import { STORAGE_KEY, keepCopy, saveAnswers, storageGet, storageRemove, storageSet } from "./storage.js";

const NOTHING_CHANGED = " Nothing was changed.";
let newer = null;                   // the version of a newer release's list, left alone

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
}

// ---- The list in storage ----------------------------------------------------------------------

// The stored list; an unreadable one is moved under a backup key (with a notice) and the shown
// answers are taken as the only project. Null when it cannot be used (a newer release's, or no
// room to move an unreadable one aside).
function storedIndex() {
  const raw = storageGet(PROJECTS_KEY);
  const read = readIndex(raw, visit.answers);
  newer = read.newer;
  if (!read.problem) return read;
  const key = PROJECTS_KEY + ":unreadable:" + new Date().toISOString();
  if (!storageSet(key, raw)) {
    notify("The list of your projects could not be read (" + read.problem + ") and there is no room to keep " +
           "a copy aside, so it was left as it is and projects cannot be changed. Free some browser storage " +
           "and reload the page.", "error", true, "projects");
    return null;
  }
  storageRemove(PROJECTS_KEY);
  notify("The list of your projects could not be read (" + read.problem + "). It was kept in this browser's " +
         "storage under \u201c" + key + "\u201d; the answers shown now are your only project.", "error", true);
  return read;
}

// At the start of a visit: a change left half-done (the tab closed between its writes) is finished.
export function loadProjects() {
  const read = storedIndex();
  if (!read || !read.live || !visit.saving) return;
  const text = JSON.stringify(read.live);
  if (storageSet(STORAGE_KEY, text) && storageSet(PROJECTS_KEY, JSON.stringify(read.index))) {
    visit.answers = read.live;
    visit.base = text;
  }
}

// Why the projects cannot be changed now, or null.
function blocked() {
  if (!visit.storageWorks) {
    return "This browser does not let the handbook store answers, so it cannot keep several projects: " +
           "download these answers (JSON) below to keep them.";
  }
  if (!visit.saving) return "Your answers are not being saved now (see the notice at the top of the page).";
  if (newer !== null) {
    return "The list of your projects was saved by a newer release of the handbook (version " + newer +
           "); open it with that release.";
  }
  return null;
}

// The three writes of a change (see projects.js); false, with everything as it was, when one fails.
function write(change) {
  const before = storageGet(PROJECTS_KEY);
  if (!storageSet(PROJECTS_KEY, JSON.stringify(change.pending))) return false;
  const text = JSON.stringify(change.live);
  if (!storageSet(STORAGE_KEY, text)) {
    if (before === null) storageRemove(PROJECTS_KEY);
    else storageSet(PROJECTS_KEY, before);
    return false;
  }
  storageSet(PROJECTS_KEY, JSON.stringify(change.done));  // if this fails, the next visit finishes it
  visit.base = text;
  return true;
}

// Applies `make(index, answers)`; the change, or null (and a message) when it could not be made.
function apply(make, failure) {
  const why = blocked();
  if (why) {
    say([why + NOTHING_CHANGED], "error");
    return null;
  }
  saveAnswers();  // storage holds this tab's latest answers (another tab's merged in) before the change
  const read = storedIndex();
  if (!read || blocked()) {
    say([(blocked() || "The list of your projects cannot be used now.") + NOTHING_CHANGED], "error");
    return null;
  }
  const change = make(read.index, visit.answers);
  if (!write(change)) {
    say([failure + ": this browser's storage is full. Delete assessments you no longer need (download " +
         "them first), or free some browser storage, and try again." + NOTHING_CHANGED], "error");
    return null;
  }
  visit.undoUpload = null;  // an upload's Undo belongs to the assessment it was made in
  replaceAll(change.live);
  render(true);
  return change;
}

// ---- Drawing ----------------------------------------------------------------------------------

function say(parts, kind) {
  const region = document.getElementById("mh-project-messages");
  if (!region) return;
  region.replaceChildren(el("p", { class: "mh-message mh-" + (kind || "info") }, ...parts.map((part) => {
    if (typeof part === "string") return part;
    const button = el("button", { type: "button", class: "mh-inline-button", text: part.button });
    button.addEventListener("click", part.action);
    return button;
  })));
}

function fillChoice(select, entries) {
  const groups = [];
  entries.forEach((entry) => {
    const last = groups[groups.length - 1];
    if (last && last.projectId === entry.projectId) last.entries.push(entry);
    else groups.push({ projectId: entry.projectId, name: entry.projectName, entries: [entry] });
  });
  select.replaceChildren(...groups.map((group) => {
    const labels = assessmentLabels(group.entries.map((entry) => entry.answers));
    return el("optgroup", { label: projectLabel(group.name) }, ...group.entries.map((entry, i) =>
      el("option", { value: entry.assessmentId, text: projectLabel(group.name) + ": " + labels[i] +
                                                      (entry.current ? " (shown)" : "") })));
  }));
}

// Draws the switcher from storage; `reset` also puts the choice back on the assessment shown.
export function render(reset) {
  const page = scorePage();
  const box = page && page.querySelector("#mh-project-switcher");
  if (!box) return;
  if (!box.hasChildNodes()) build(box);
  const read = readIndex(storageGet(PROJECTS_KEY), visit.answers);
  newer = read.newer;
  const select = box.querySelector("#mh-assessment-choice");
  if (!read.index) {
    select.replaceChildren(el("option", { value: "", text: "Saved by a newer release" }));
    return;
  }
  const entries = listAssessments(read.index, read.live || visit.answers);
  const signature = JSON.stringify(entries.map((entry) => [entry.assessmentId, entry.projectName,
                                                           entry.answers.date, entry.answers.assessor, entry.current]));
  const chosen = select.value;
  if (select.getAttribute("data-signature") !== signature) {
    select.setAttribute("data-signature", signature);
    fillChoice(select, entries);
  }
  const shown = entries.filter((entry) => entry.current)[0];
  const keep = !reset && entries.some((entry) => entry.assessmentId === chosen);
  select.value = keep ? chosen : shown.assessmentId;
  box.querySelector("#mh-project-count").textContent = countText(entries);
}

function countText(entries) {
  const projects = {};
  entries.forEach((entry) => { projects[entry.projectId] = true; });
  const count = Object.keys(projects).length;
  return count + (count === 1 ? " project" : " projects") + ", " + entries.length +
         (entries.length === 1 ? " assessment" : " assessments") + " in this browser.";
}

function button(id, text, action, extra) {
  const node = el("button", Object.assign({ type: "button", id, class: "md-button", text }, extra || {}));
  node.addEventListener("click", action);
  return node;
}

function build(box) {
  const select = el("select", { id: "mh-assessment-choice", "aria-describedby": "mh-project-count" });
  const form = nameForm((mode, name) => (mode === "create" ? createNamed(name) : renameShown(name)));
  box.append(
    el("div", { class: "mh-fields" },
      el("label", { for: "mh-assessment-choice", text: "Assessment" }),
      el("div", { class: "mh-switch-row" }, select, button("mh-switch", "Show", showChosen))),
    el("p", { id: "mh-project-count", class: "mh-hint" }),
    el("div", { class: "mh-buttons" },
      button("mh-new-project", "New project", (event) => openForm(form, "create", event.currentTarget, "")),
      button("mh-rename-project", "Rename project",
             (event) => openForm(form, "rename", event.currentTarget, visit.answers.project || "")),
      button("mh-duplicate", "New assessment, dated today", duplicate),
      button("mh-delete-assessment", "Delete assessment", remove, { class: "md-button mh-button-danger" })),
    form,
    el("div", { id: "mh-project-messages", class: "mh-score-messages", role: "status", "aria-live": "polite" }));
}

// ---- Actions ------------------------------------------------------------------------------------

function shownName() {
  return projectLabel(visit.answers.project);
}

function showChosen() {
  const select = document.getElementById("mh-assessment-choice");
  const target = select.value;
  const read = readIndex(storageGet(PROJECTS_KEY), visit.answers);
  if (!read.index || target === read.index.current) return;
  if (apply((index, live) => switchTo(index, live, target), "The assessment could not be shown")) {
    say(["Now showing " + shownName() + ", " + assessmentLabels([visit.answers])[0] + ": every checklist, " +
         "the score and the downloads are this assessment's."]);
  }
}

function duplicate() {
  if (apply((index, live) => duplicateAssessment(index, live, today()), "The new assessment could not be made")) {
    say(["A new assessment of " + shownName() + ", dated " + visit.answers.date + ", starts from a copy of " +
         "the previous one's answers; that one is kept as it was."]);
  }
}

function remove() {
  const deleted = JSON.parse(JSON.stringify(visit.answers));
  const label = shownName() + ", " + assessmentLabels([deleted])[0];
  const change = apply((index, live) => deleteAssessment(index, live, index.current, today()),
                       "The assessment could not be deleted");
  if (!change) return;
  const key = keepCopy(JSON.stringify(deleted), "deleted");
  say(["Deleted " + label + ". " + (key
    ? "A copy is kept in this browser's storage under \u201c" + key + "\u201d. "
    : "No copy could be kept in this browser's storage; Undo brings it back while this tab is open. "),
       { button: "Undo", action: () => undo(change.removed, key) }]);
  const undoButton = document.querySelector("#mh-project-messages button");
  if (undoButton) undoButton.focus();
}

function undo(removed, key) {
  if (apply((index, live) => restoreAssessment(index, live, removed), "The deletion could not be undone")) {
    if (key) storageRemove(key);
    say(["The deletion was undone: " + shownName() + ", " + assessmentLabels([visit.answers])[0] +
         " is back and shown."]);
    document.getElementById("mh-assessment-choice").focus();
  }
}

function createNamed(name) {
  const change = apply((index, live) => createProject(index, live, name, today()), "The project could not be made");
  if (change) {
    say(["Created " + projectLabel(name) + ", shown now with no answers; the previous project is kept. " +
         "Its route, assessor and date are under Project below."]);
  }
  return change;
}

function renameShown(name) {
  const why = blocked();
  if (why) {
    say([why + NOTHING_CHANGED], "error");
    return false;
  }
  saveAnswers();
  const read = storedIndex();
  if (!read) return false;
  const change = renameProject(read.index, visit.answers, currentEntry(read.index).project.id, name);
  if (!storageSet(PROJECTS_KEY, JSON.stringify(change.done))) {
    say(["The project could not be renamed: this browser's storage is full." + NOTHING_CHANGED], "error");
    return false;
  }
  visit.answers = change.live;
  saveAnswers();
  showAnswers(true);
  render(true);
  say(["The project is now called " + projectLabel(name) + ", in each of its assessments."]);
  return true;
}

// ---- Wiring -------------------------------------------------------------------------------------

// Once per visit: another tab's changes to the list, and the score page's project name field,
// redraw the switcher.
export function wireProjects() {
  window.addEventListener("storage", (event) => {
    if (event.key === PROJECTS_KEY || event.key === STORAGE_KEY || event.key === null) render(false);
  });
  document.addEventListener("change", (event) => {
    if (event.target.matches && event.target.matches("#mh-score input[data-field]")) render(false);
  });
}
