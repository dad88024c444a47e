/*
 * The answers in localStorage, shared by every page and tab: read (older versions migrated, an
 * unreadable or oversized value moved aside), written, and merged with another tab's writes.
 * Nothing stored is erased without a copy under a backup key.
 */
import { emptyAnswers, migrate, newerText, newerVersion, same, shapeProblem, withDefaults } from "./answers-format.js";
import { formatCount, t, tParts } from "./i18n.js";
import { cutLongTexts, sizeProblem } from "./limits.js";
import { conflictMessage, currentAnswers, mergeAnswers } from "./merge.js";
import { notify, renderNotices, withdraw } from "./notices.js";
import { serialised } from "./save-lock.js";
import { visit } from "./state.js";

export const STORAGE_KEY = "mlops-handbook:answers";

let redraw = () => {};              // shows the answers again after another tab's changes came in

// What to call once another tab's changes are merged into this tab's answers.
export function onMerged(callback) {
  redraw = callback;
}

export function storageGet(key) {
  try { return window.localStorage.getItem(key); } catch (error) { storageRefused(); return null; }
}

export function storageSet(key, value) {
  try { window.localStorage.setItem(key, value); return true; } catch (error) { return false; }
}

export function storageRemove(key) {
  try { window.localStorage.removeItem(key); } catch (error) { /* nothing stored then */ }
}

export function hasStoredAnswers() {
  return storageGet(STORAGE_KEY) !== null;
}

// Whether this browser lets the page write at all (site data blocked makes every write throw).
export function storageWritable() {
  const probe = STORAGE_KEY + ":probe";
  if (!storageSet(probe, "1")) return false;
  storageRemove(probe);
  return true;
}

// Answers that cannot be written live only in this tab: say so on every page, with the remedy.
export function storageRefused() {
  visit.storageWorks = false;
  notify(tParts("Your answers are not being saved: this browser does not let the handbook store them (site " +
                "data is blocked, or its storage is full). They are kept only while this tab is open; a reload " +
                "or closing the tab loses them. To keep them, use \u201cDownload answers (JSON)\u201d on {link} " +
                "(it works from this tab's memory), and upload the file later to continue.",
                { link: { link: "score/", text: t("the score page") } }),
         "error", true, "storage");
}

function storageRecovered() {
  if (visit.storageWorks) return;
  visit.storageWorks = true;
  withdraw("storage");
}

// Keeps a copy of a stored value under its own key; the key, or null when there is no room.
export function keepCopy(raw, label) {
  const key = STORAGE_KEY + ":" + label + ":" + new Date().toISOString();
  return storageSet(key, raw) ? key : null;
}

// Moves the stored answers under another key; when there is no room for a second copy, the value
// is written again under the new key after the old one is freed, and put back if even that fails.
function moveAside(raw, label) {
  let key = keepCopy(raw, label);
  if (key) {
    storageRemove(STORAGE_KEY);
    return key;
  }
  storageRemove(STORAGE_KEY);
  key = keepCopy(raw, label);
  if (!key) storageSet(STORAGE_KEY, raw);
  return key;
}

// Never erases a stored value without a copy: an unreadable, too big or too deep one is moved
// under another key, a version-1 one is copied before its migration is saved, one with a text
// over the limit is copied before the text is shortened, a newer release's one is left alone.
// `replacing`: another tab wrote the value, and this tab's answers are written in its place.
export function readStoredAnswers(replacing) {
  const raw = storageGet(STORAGE_KEY);
  visit.saving = true;
  visit.base = raw;
  if (raw === null) return emptyAnswers();
  let data;
  let problem = sizeProblem(raw);
  if (!problem) {
    try { data = JSON.parse(raw); } catch (error) { problem = t("it is not valid JSON"); }
  }
  const newer = problem ? null : newerVersion(data);
  if (newer !== null) {
    visit.saving = false;
    notify(t("Your saved answers were {newer}. They were left as they are, and answers given on these pages " +
             "are not saved while they are there. Open them with the newer release; or, to start afresh with " +
             "this one, use \u201cReset answers\u201d on the score page, which keeps them under a backup key.",
             { newer: newerText(newer) }), "error", true, "newer");
    return emptyAnswers();
  }
  if (!problem) problem = shapeProblem(data);
  if (!problem) {
    const long = cutLongTexts(data);
    if (long.length) return shortenStored(raw, data, long);
    return data.version === 1 ? migrateStored(raw, data) : withDefaults(data);
  }
  const key = moveAside(raw, "unreadable");
  visit.saving = key !== null;
  visit.base = key ? null : raw;
  notify(key
    ? (replacing ? t("Your saved answers could not be read ({problem}). They were kept in this browser's storage " +
                     "under \u201c{key}\u201d and this tab's answers were saved in their place.", { problem, key })
                 : t("Your saved answers could not be read ({problem}). They were kept in this browser's storage " +
                     "under \u201c{key}\u201d and a new, empty set of answers was started.", { problem, key }))
    : t("Your saved answers could not be read ({problem}) and there is no room to keep a copy aside, so they " +
        "were left as they are and new answers are not saved. Free some browser storage and reload the page.",
        { problem }),
    "error", true);
  return emptyAnswers();
}

// A text over the limit: the whole stored value is copied aside, then the shortened one is saved.
function shortenStored(raw, data, long) {
  const shortened = withDefaults(migrate(data));
  const where = long.map((place) => t("{place} ({length} characters, over {limit})", {
    place: place.label, length: formatCount(place.length), limit: formatCount(place.limit) })).join(", ");
  const key = keepCopy(raw, "long-text");
  const saved = key !== null && storageSet(STORAGE_KEY, JSON.stringify(shortened));
  if (saved) visit.base = JSON.stringify(shortened);
  else visit.saving = false;
  notify(t("A text in your saved answers is longer than such a text may be: {where}. It was cut to that length " +
           "here so that your answers can be scored", { where }) +
         (saved ? t("; the full text is kept in this browser's storage under \u201c{key}\u201d.", { key })
                : t(". There is no room to keep the full text aside, so your saved answers were left as they are " +
                    "and new answers are not saved; download them from the score page to keep them.")),
         "error", true);
  return shortened;
}

function migrateStored(raw, data) {
  const migrated = withDefaults(migrate(data));
  const key = keepCopy(raw, "version-1");
  if (!key) {
    visit.saving = false;
    notify(t("Your saved answers are from an earlier release of the handbook (answers file version 1) and there " +
             "is no room to keep a copy of them before updating them, so they were left as they are and new " +
             "answers are not saved. Free some browser storage and reload the page."), "error", true);
    return migrated;
  }
  if (!storageSet(STORAGE_KEY, JSON.stringify(migrated))) {
    visit.saving = false;
    notify(t("Your saved answers are from an earlier release of the handbook (answers file version 1) and could " +
             "not be updated (storage is full or blocked), so they were left as they are and new answers are not " +
             "saved. Download your answers from the score page before you leave."), "error", true);
    return migrated;
  }
  visit.base = JSON.stringify(migrated);
  notify(t("Your saved answers came from an earlier release of the handbook and were updated to the current " +
           "format, which lets you mark an item not applicable. No answer changed. The original is kept in this " +
           "browser's storage under \u201c{key}\u201d.", { key }), "info", true);
  return migrated;
}

// Writes this tab's answers at once, then again in this tab's turn of the answers' lock
// (save-lock.js); each time, another tab's write since this tab last read is merged in first.
// From this tab's write until its turn is over (`unsettled`), while storage is known to hold that
// write (`written`), another tab's write is merged against `settled`, the text this tab had read
// before its write: the other tab may have written without seeing it, and then its lack of this
// tab's change is no removal.
// The window lasts SETTLE_MS after this tab's last write and its turn: another tab's write of the
// same instant reaches this tab well within it, even on a busy machine.
const SETTLE_MS = 2000;
let unsettled = false;
let settled = null;
let written = null;
let lastWrite = 0;
const writer = serialised(typeof navigator !== "undefined" && navigator.locks ? navigator.locks : null,
                          STORAGE_KEY, writeAnswers, () => { setTimeout(settle, SETTLE_MS); });

function settle() {
  if (!writer.waiting && performance.now() - lastWrite >= SETTLE_MS - 1) unsettled = false;
}

function mergeBase() {
  return unsettled && visit.base === written ? settled : visit.base;
}

export function saveAnswers() {
  if (!visit.saving) return;
  writeAnswers();
  writer.request();
}

function writeAnswers() {
  if (!visit.saving) return;
  const raw = storageGet(STORAGE_KEY);
  if (raw !== visit.base) {
    takeStored(raw, "mine");
    redraw();
  }
  if (!visit.saving) return;
  const text = JSON.stringify(visit.answers);
  if (!unsettled || visit.base !== written) settled = visit.base;
  unsettled = true;
  lastWrite = performance.now();
  if (storageSet(STORAGE_KEY, text)) {
    visit.base = text;
    written = text;
    storageRecovered();
  } else {
    storageRefused();
  }
}

// An item's question as its checklist shows it, for the message about a conflict.
function itemQuestion(id) {
  const legend = document.querySelector('fieldset.mh-item[data-item="' + id + '"] legend');
  return legend ? legend.textContent.replace(/^\s*\S+\s*/, "").trim() : null;
}

function mergeIn(theirs, baseText, winner) {
  const message = conflictMessage(mergeAnswers(visit.answers, theirs, baseText, winner, itemQuestion));
  if (message) notify(message, "error", true);
}

// Another tab wrote: its changes are merged in; a value this release cannot take as it is (an
// earlier or later version, unreadable, too big) is dealt with as on a fresh load, while this
// tab's answers stay on screen.
function takeStored(raw, winner) {
  const baseText = mergeBase();
  const theirs = currentAnswers(raw);
  if (theirs) {
    mergeIn(theirs, baseText, winner);
    visit.base = raw;
    return;
  }
  const read = readStoredAnswers(true);
  if (visit.saving && visit.base !== null) mergeIn(read, baseText, winner);
}

// After a merge, this tab's own changes go to storage too, unless it already holds the same.
function saveMerged() {
  const stored = currentAnswers(storageGet(STORAGE_KEY));
  if (visit.saving && (!stored || !same(stored, visit.answers))) saveAnswers();
}

// Another tab wrote the answers: its changes are merged item by item with this tab's own, then
// `afterwards` is called.
export function watchOtherTabs(afterwards) {
  window.addEventListener("storage", (event) => {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    const raw = storageGet(STORAGE_KEY);
    if (raw === visit.base) return;
    takeStored(raw, "theirs");
    saveMerged();
    redraw();
    renderNotices();
    afterwards();
  });
}
