/*
 * The list of projects in storage, for every page that changes it (the score page's switcher, the
 * home page's start form, a checklist page's name form): read afresh for every change, so that
 * tabs never overwrite each other's list, and written in the three steps projects.js describes.
 */
import { replaceAll } from "./changes.js";
import { t } from "./i18n.js";
import { notify } from "./notices.js";
import { PROJECTS_KEY, readIndex } from "./projects.js";
import { visit } from "./state.js";
import { STORAGE_KEY, saveAnswers, storageGet, storageRemove, storageSet } from "./storage.js";

export const NOTHING_CHANGED = () => t(" Nothing was changed.");
let newer = null;                   // the version of a newer release's list, left alone

// The list as stored now, with the shown answers (read only: nothing is moved or written).
export function currentIndex() {
  const read = readIndex(storageGet(PROJECTS_KEY), visit.answers);
  newer = read.newer;
  return read;
}

// The stored list; an unreadable one is moved under a backup key (with a notice) and the shown
// answers are taken as the only project. Null when it cannot be used (a newer release's, or no
// room to move an unreadable one aside).
export function storedIndex() {
  const raw = storageGet(PROJECTS_KEY);
  const read = readIndex(raw, visit.answers);
  newer = read.newer;
  if (!read.problem) return read;
  const key = PROJECTS_KEY + ":unreadable:" + new Date().toISOString();
  if (!storageSet(key, raw)) {
    notify(t("The list of your projects could not be read ({problem}) and there is no room to keep a copy " +
             "aside, so it was left as it is and projects cannot be changed. Free some browser storage and " +
             "reload the page.", { problem: read.problem }), "error", true, "projects");
    return null;
  }
  storageRemove(PROJECTS_KEY);
  notify(t("The list of your projects could not be read ({problem}). It was kept in this browser's storage " +
           "under \u201c{key}\u201d; the answers shown now are your only project.", { problem: read.problem, key }),
         "error", true);
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
export function blocked() {
  if (!visit.storageWorks) {
    return t("This browser does not let the handbook store answers, so it cannot keep several projects: " +
             "download these answers (JSON) on Your score to keep them.");
  }
  if (!visit.saving) return t("Your answers are not being saved now (see the notice at the top of the page).");
  if (newer !== null) {
    return t("The list of your projects was saved by a newer release of the handbook (version {version}); open " +
             "it with that release.", { version: newer });
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

// The stored list a change starts from, with this tab's latest answers saved first (another tab's
// merged in); null, after `refuse(text)` is given the reason, when no change can be made now.
function listForChange(refuse) {
  const why = blocked();
  if (why) {
    refuse(why + NOTHING_CHANGED());
    return null;
  }
  saveAnswers();
  const read = storedIndex();
  if (!read || !read.index || blocked()) {
    refuse((blocked() || t("The list of your projects cannot be used now.")) + NOTHING_CHANGED());
    return null;
  }
  return read;
}

// Applies `make(index, answers)`, a change that shows an assessment; the change, or null when it
// could not be made (`refuse(text)` is given the reason, which ends with "Nothing was changed.").
export function applyChange(make, failure, refuse) {
  const read = listForChange(refuse);
  if (!read) return null;
  const change = make(read.index, visit.answers);
  if (!write(change)) {
    refuse(t("{failure}: this browser's storage is full. Delete assessments you no longer need (download them " +
             "first), or free some browser storage, and try again.", { failure }) + NOTHING_CHANGED());
    return null;
  }
  visit.undoUpload = null;  // an upload's Undo belongs to the assessment it was made in
  replaceAll(change.live);
  return change;
}

// Applies `make(index, answers)`, a change of the list only ({done, live}: a rename, a name);
// true when made.
export function applyListChange(make, failure, refuse) {
  const read = listForChange(refuse);
  if (!read) return false;
  const change = make(read.index, visit.answers);
  if (!storageSet(PROJECTS_KEY, JSON.stringify(change.done))) {
    refuse(t("{failure}: this browser's storage is full.", { failure }) + NOTHING_CHANGED());
    return false;
  }
  visit.answers = change.live;
  saveAnswers();
  return true;
}
