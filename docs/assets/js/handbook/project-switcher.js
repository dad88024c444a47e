/*
 * The score page's project switcher: every assessment listed with its whole label (a list that
 * wraps, not a select that cuts), which one is shown, and new project, rename, a name for the
 * assessment, new dated assessment, delete (with Undo). The list is read from storage afresh for
 * every change and drawing (project-store.js); the shown answers follow another tab's switch
 * through the usual merge of the answers key (storage.js).
 */
import { labelEntries, projectLabel, todayText } from "./assessment-labels.js";
import { showAnswers } from "./changes.js";
import { el, scorePage } from "./dom.js";
import { pageLang, t, tn } from "./i18n.js";
import { nameForm, openForm } from "./project-form.js";
import { applyChange, applyListChange, currentIndex, loadProjects } from "./project-store.js";
import {
  PROJECTS_KEY, createProject, currentEntry, deleteAssessment, duplicateAssessment, labelAssessment,
  listAssessments, renameProject, restoreAssessment, switchTo,
} from "./projects.js";
import { visit } from "./state.js";
import { STORAGE_KEY, keepCopy, storageRemove } from "./storage.js";

export { loadProjects };

// The anchor that "Change" links to from every checklist page.
export const SWITCHER_ANCHOR = "mh-projects-heading";

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

const refuse = (text) => say([text], "error");

// The entries of the list with their labels; null when a newer release's list is stored.
function labelled() {
  const read = currentIndex();
  if (!read.index) return null;
  return labelEntries(listAssessments(read.index, read.live || visit.answers), pageLang());
}

function shownEntry() {
  const entries = labelled();
  return entries ? entries.filter((entry) => entry.current)[0] : null;
}

// One line per assessment, grouped by project; the shown one says so, each other has "Show".
function fillList(list, entries) {
  const groups = [];
  entries.forEach((entry) => {
    const last = groups[groups.length - 1];
    if (last && last.projectId === entry.projectId) last.entries.push(entry);
    else groups.push({ projectId: entry.projectId, name: entry.projectName, entries: [entry] });
  });
  list.replaceChildren(...groups.map((group) => el("li", { class: "mh-project-group" },
    el("span", { class: "mh-project-title", text: projectLabel(group.name) }),
    el("ul", {}, ...group.entries.map((entry) => {
      const row = el("li", { class: "mh-assessment-entry", "data-assessment": entry.assessmentId },
        el("span", { class: "mh-assessment-label", text: entry.shortLabel, tabindex: "-1" }));
      if (entry.current) {
        row.classList.add("mh-assessment-shown");
        row.append(" ", el("strong", { class: "mh-shown-mark", text: t("(shown)") }));
      } else {
        const show = el("button", { type: "button", class: "mh-show-assessment", text: t("Show"),
                                    "aria-label": t("Show {assessment}", { assessment: entry.wholeLabel }) });
        show.addEventListener("click", () => showAssessment(entry.assessmentId));
        row.append(" ", show);
      }
      return row;
    })))));
}

// Draws the switcher from storage.
export function render() {
  const page = scorePage();
  const box = page && page.querySelector("#mh-project-switcher");
  if (!box) return;
  if (!box.hasChildNodes()) build(box);
  const list = box.querySelector("#mh-assessment-list");
  const entries = labelled();
  if (!entries) {
    list.replaceChildren(el("li", { text: t("The list was saved by a newer release of the handbook.") }));
    return;
  }
  const signature = JSON.stringify(entries.map((entry) => [entry.assessmentId, entry.wholeLabel, entry.current]));
  if (list.getAttribute("data-signature") !== signature) {
    list.setAttribute("data-signature", signature);
    fillList(list, entries);
  }
  box.querySelector("#mh-project-count").textContent = countText(entries);
}

function countText(entries) {
  const projects = {};
  entries.forEach((entry) => { projects[entry.projectId] = true; });
  const count = Object.keys(projects).length;
  return t("{projects}, {assessments} in this browser.", {
    projects: tn(count, "{n} project", "{n} projects"),
    assessments: tn(entries.length, "{n} assessment", "{n} assessments") });
}

function button(id, text, action, extra) {
  const node = el("button", Object.assign({ type: "button", id, class: "md-button", text }, extra || {}));
  node.addEventListener("click", action);
  return node;
}

function build(box) {
  const form = nameForm((mode, name) => (mode === "create" ? createNamed(name)
                                         : mode === "label" ? labelShown(name) : renameShown(name)));
  box.append(
    el("p", { id: "mh-assessment-list-label", class: "mh-list-label", text: t("Assessments in this browser") }),
    el("ul", { id: "mh-assessment-list", class: "mh-assessment-list", tabindex: "-1",
               "aria-labelledby": "mh-assessment-list-label", "aria-describedby": "mh-project-count" }),
    el("p", { id: "mh-project-count", class: "mh-hint" }),
    el("div", { class: "mh-buttons" },
      button("mh-new-project", t("New project"), (event) => openForm(form, "create", event.currentTarget, "")),
      button("mh-rename-project", t("Rename project"),
             (event) => openForm(form, "rename", event.currentTarget, visit.answers.project || "")),
      button("mh-label-assessment", t("Name this assessment"), (event) => {
        const shown = shownEntry();
        openForm(form, "label", event.currentTarget, shown ? shown.label : "");
      }),
      button("mh-duplicate", t("New assessment, dated today"), duplicate),
      button("mh-delete-assessment", t("Delete assessment"), remove, { class: "md-button mh-button-danger" })),
    form,
    el("div", { id: "mh-project-messages", class: "mh-score-messages", role: "status", "aria-live": "polite" }));
}

// After a change the focus goes to the shown assessment's line (the button pressed may be gone).
export function focusShown() {
  const label = document.querySelector("#mh-assessment-list .mh-assessment-shown .mh-assessment-label");
  if (label) label.focus();
}

// ---- Actions ------------------------------------------------------------------------------------

function shownLabel() {
  const shown = shownEntry();
  return shown ? shown.wholeLabel : projectLabel(visit.answers.project);
}

function changed(change) {
  if (change) render();
  return change;
}

function showAssessment(target) {
  if (changed(applyChange((index, live) => switchTo(index, live, target), t("The assessment could not be shown"),
                          refuse))) {
    say([t("Now showing {assessment}: every checklist, the score and the downloads are this assessment's.",
           { assessment: shownLabel() })]);
    focusShown();
  }
}

function duplicate() {
  if (changed(applyChange((index, live) => duplicateAssessment(index, live, todayText()),
                          t("The new assessment could not be made"), refuse))) {
    say([t("A new assessment, {assessment}, starts from a copy of the previous one's answers; that one is kept " +
           "as it was. Give it a name (Name this assessment) to tell it from others.", { assessment: shownLabel() })]);
  }
}

function remove() {
  const deleted = JSON.parse(JSON.stringify(visit.answers));
  const label = shownLabel();
  const change = changed(applyChange((index, live) => deleteAssessment(index, live, index.current, todayText()),
                                     t("The assessment could not be deleted"), refuse));
  if (!change) return;
  const key = keepCopy(JSON.stringify(deleted), "deleted");
  say([t("Deleted {assessment}. ", { assessment: label }) + (key
    ? t("A copy is kept in this browser's storage under \u201c{key}\u201d. ", { key })
    : t("No copy could be kept in this browser's storage; Undo brings it back while this tab is open. ")),
       { button: t("Undo"), action: () => undo(change.removed, key) }]);
  const undoButton = document.querySelector("#mh-project-messages button");
  if (undoButton) undoButton.focus();
}

function undo(removed, key) {
  if (changed(applyChange((index, live) => restoreAssessment(index, live, removed),
                          t("The deletion could not be undone"), refuse))) {
    if (key) storageRemove(key);
    say([t("The deletion was undone: {assessment} is back and shown.", { assessment: shownLabel() })]);
    focusShown();
  }
}

function createNamed(name) {
  const change = changed(applyChange((index, live) => createProject(index, live, name, todayText()),
                                     t("The project could not be made"), refuse));
  if (change) {
    say([t("Created {project}, shown now with no answers; the previous project is kept. Its route, assessor and " +
           "date are under Project below.", { project: projectLabel(name) })]);
  }
  return change;
}

function renameShown(name) {
  const made = applyListChange((index, live) => renameProject(index, live, currentEntry(index).project.id, name),
                               t("The project could not be renamed"), refuse);
  if (!made) return false;
  showAnswers(true);
  render();
  say([t("The project is now called {project}, in each of its assessments.", { project: projectLabel(name) })]);
  return true;
}

function labelShown(label) {
  const made = applyListChange((index, live) => labelAssessment(index, live, index.current, label),
                               t("The assessment could not be named"), refuse);
  if (!made) return false;
  render();
  say([label ? t("The assessment shown is now {assessment}.", { assessment: shownLabel() })
             : t("The assessment shown has no name now: {assessment}.", { assessment: shownLabel() })]);
  return true;
}

// ---- Wiring -------------------------------------------------------------------------------------

// Once per visit: another tab's changes to the list, and the score page's project fields,
// redraw the switcher.
export function wireProjects() {
  window.addEventListener("storage", (event) => {
    if (event.key === PROJECTS_KEY || event.key === STORAGE_KEY || event.key === null) render();
  });
  document.addEventListener("change", (event) => {
    if (event.target.matches && event.target.matches("#mh-score input[data-field]")) render();
  });
}
