/*
 * Answers of an earlier version brought up to date by the scorer: version 2 answers may hold a
 * reason for "not applicable" that the rule refuses, and only the package applies the rule. When
 * the scorer reads such answers it answers with the migrated set (each refused reason kept in its
 * item's note, the item unanswered) and the warnings that name the items; this tab then keeps that
 * set, saves it, and says what changed. The stored text is first copied under a backup key, so
 * nothing is lost; a set whose content would not change is left as it is.
 */
import { same, withDefaults } from "./answers-format.js";
import { showAnswers } from "./changes.js";
import { t } from "./i18n.js";
import { notify } from "./notices.js";
import { visit } from "./state.js";
import { STORAGE_KEY, keepCopy, saveAnswers, storageGet } from "./storage.js";

// upgrade = {answers, warnings}, the scorer's reply for this tab's answers as they still are.
export function applyUpgrade(upgrade) {
  const before = visit.answers;
  const after = withDefaults(upgrade.answers);
  // Nothing but the version would change: the answers stay as they are, and every release reads them.
  if (same(Object.assign({}, before, { version: after.version }), after)) return;
  const raw = storageGet(STORAGE_KEY);
  const key = raw !== null ? keepCopy(raw, "version-" + before.version) : null;
  if (raw !== null && key === null) {
    notify(t("Your saved answers are from an earlier release of the handbook, and some of them change in this " +
             "one: {warnings} There is no room in this browser's storage to keep a copy of them first, so they " +
             "were left as they are. Free some browser storage and reload the page.",
             { warnings: upgrade.warnings.join(" ") }), "error", true);
    return;
  }
  visit.answers = after;
  saveAnswers();
  showAnswers(true);
  if (!upgrade.warnings.length) return;  // answers of retired items moved, as every reading does
  notify(t("Your saved answers came from an earlier release of the handbook.") + " " + upgrade.warnings.join(" ") +
         (key ? t(" Your answers as they were are kept in this browser's storage under \u201c{key}\u201d.", { key }) : ""),
         "info", true);
}
