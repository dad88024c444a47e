/*
 * Two tabs at once: another tab's answers are merged into this tab's item by item, against what
 * this tab last read or wrote. Pure: no DOM, no storage (the caller reads and writes the texts).
 */
import { FIELD_LABEL, FIELDS, VERSION, emptyAnswers, same, shapeProblem, withDefaults } from "./answers-format.js";
import { t } from "./i18n.js";
import { cutLongTexts, sizeProblem } from "./limits.js";
import { sentence } from "./text.js";

const SECTIONS = ["answers", "notes", "not_applicable"];

// The stored text as this release's answers, or null when it needs what a fresh load does
// (version 1 or a later version, unreadable, too big or too deep, a text over the limit).
// Version 2 is taken as it is: the scorer upgrades it (upgrade.js).
export function currentAnswers(raw) {
  if (raw === null) return emptyAnswers();
  if (sizeProblem(raw)) return null;
  let data;
  try { data = JSON.parse(raw); } catch (error) { return null; }
  if (shapeProblem(data) || data.version < VERSION - 1) return null;
  if (cutLongTexts(JSON.parse(raw)).length) return null;
  return withDefaults(data);
}

// A value as the reader knows it, for a conflict message.
export function describe(section, value) {
  if (value === undefined || value === null) return section === "answers" ? t("no answer") : t("empty");
  if (value === true) return t("yes");
  if (value === false) return t("no");
  if (Array.isArray(value)) return value.length ? value.join(", ") : t("no option");
  const text = String(value);
  return "\u201c" + (text.length > 60 ? text.slice(0, 60) + "\u2026" : text) + "\u201d";
}

// The name of a field or of an item's answer, note or reason; `question(id)` gives the item's
// question as the page shows it, or null.
export function slotLabel(section, key, question) {
  if (section === null) return FIELD_LABEL[key] ? FIELD_LABEL[key]() : key;
  const asked = question ? question(key) : null;
  const suffix = asked == null ? "" : " (" + asked + ")";
  if (section === "notes") return t("the note on {item}", { item: key }) + suffix;
  if (section === "not_applicable") return t("the not-applicable reason of {item}", { item: key }) + suffix;
  return t("the answer to {item}", { item: key }) + suffix;
}

// Three-way merge of another tab's answers (`theirs`) into this tab's (`mine`, changed in place),
// against what this tab last read or wrote (`baseText`): what only one side changed is kept; where
// both changed an item differently, the later write wins ("mine" when this tab is writing now,
// "theirs" when the other tab's write has just arrived). Returns one sentence per such conflict,
// naming the item and what was replaced.
export function mergeAnswers(mine, theirs, baseText, winner, question) {
  const before = currentAnswers(baseText) || emptyAnswers();
  const conflicts = [];
  function resolve(section, key, b, th, m) {
    if (same(m, b) || same(th, m)) return th;
    if (same(th, b)) return m;
    const kept = winner === "mine" ? m : th;
    const values = { slot: sentence(slotLabel(section, key, question)), kept: describe(section, kept),
                     replaced: describe(section, winner === "mine" ? th : m) };
    conflicts.push(winner === "mine" ? t("{slot}: {kept} is kept (saved last), replacing {replaced} from the other tab", values)
                                     : t("{slot}: {kept} is kept (saved last), replacing {replaced} from this tab", values));
    return kept;
  }
  FIELDS.forEach((key) => {
    mine[key] = resolve(null, key, before[key], theirs[key], mine[key]);
  });
  SECTIONS.forEach((section) => {
    const b = before[section] || {};
    const th = theirs[section] || {};
    const m = mine[section];
    const keys = {};
    [b, th, m].forEach((side) => { Object.keys(side).forEach((key) => { keys[key] = true; }); });
    Object.keys(keys).forEach((key) => {
      const value = resolve(section, key, b[key], th[key], m[key]);
      if (value === undefined) delete m[key];
      else m[key] = value;
    });
  });
  return conflicts;
}

// The notice that tells the reader about the conflicts of a merge, or null when there were none.
export function conflictMessage(conflicts) {
  if (!conflicts.length) return null;
  return (conflicts.length === 1 ? t("This tab and another tab of the handbook changed the same answer at once.")
                                  : t("This tab and another tab of the handbook changed the same answers at once.")) +
         " " + conflicts.join(". ") + ". " + t("Every other change of either tab is kept.");
}
