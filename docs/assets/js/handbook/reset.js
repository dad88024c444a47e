/*
 * "Reset answers" on the score page. A reset never erases answers without a copy the reader can
 * restore: a backup key, or else a file the reader has just downloaded; without either, nothing
 * is reset and the page says why.
 */
import { canon, emptyAnswers, isEmptyAnswers, same } from "./answers-format.js";
import { replaceAll } from "./changes.js";
import { currentAnswers } from "./merge.js";
import { t, tParts } from "./i18n.js";
import { notify, withdraw } from "./notices.js";
import { visit } from "./state.js";
import { STORAGE_KEY, keepCopy, storageGet, storageRemove } from "./storage.js";
import { downloadAnswers } from "./transfer.js";

export function resetAnswers() {
  if (!window.confirm(t("Reset all answers? The current answers are kept in this browser's storage under a " +
                        "backup key, and the checklist starts empty."))) return;
  const answers = visit.answers;
  const raw = storageGet(STORAGE_KEY);
  const stored = raw === null ? null : currentAnswers(raw);
  const keys = [];
  let rawKept = raw === null;
  if (raw !== null) {
    const rawKey = keepCopy(raw, "reset");
    if (rawKey) keys.push(rawKey);
    rawKept = rawKey !== null;
  }
  // This tab's answers need a copy of their own when they are not the stored ones (not saved).
  let memoryKept = isEmptyAnswers(answers) || (stored !== null && same(stored, answers));
  if (!memoryKept) {
    const memoryKey = keepCopy(JSON.stringify(answers), "reset");
    if (memoryKey) keys.push(memoryKey);
    memoryKept = memoryKey !== null;
  }
  const inFile = visit.downloaded !== null && visit.downloaded.answers === canon(answers);
  if ((!rawKept || !memoryKept) && !inFile) {
    keys.forEach(storageRemove);
    notify(tParts("The answers were not reset: this browser's storage has no room for the backup copy a reset " +
                  "keeps (it is full, or site data is blocked), and a reset never erases answers without a copy. " +
                  "{download} first; then \u201cReset answers\u201d clears them, and the downloaded file is " +
                  "your copy (upload it here to get them back).",
                  { download: { button: t("Download answers (JSON)"), action: downloadAnswers } }), "error", false);
    return;
  }
  // The stored value goes once it has a copy, or when it is exactly what was downloaded.
  if (raw !== null && (rawKept || (stored !== null && inFile && same(stored, answers)))) {
    storageRemove(STORAGE_KEY);
    visit.base = null;
    visit.saving = true;  // also lifts the pause set by a newer release's answers, now kept aside
    withdraw("newer");
  }
  const fromFile = !rawKept || !memoryKept;
  replaceAll(emptyAnswers());
  notify(fromFile
    ? t("The answers were reset. No backup copy could be kept in this browser's storage; the file you " +
        "downloaded, \u201c{file}\u201d, is your copy: upload it here to get them back.",
        { file: visit.downloaded.filename }) +
      (visit.saving ? "" : t(" The answers a newer release saved stay stored as they were."))
    : keys.length
      ? t("The answers were reset. The previous ones are kept in this browser's storage under {keys}.", {
        keys: keys.map((key) => "\u201c" + key + "\u201d").join(t(" and ")) })
      : t("The answers were reset."), "info", false);
}
