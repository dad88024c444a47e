/*
 * Two tabs at once: another tab's answers are merged into this tab's item by item, against what
 * this tab last read or wrote. Pure: no DOM, no storage (the caller reads and writes the texts).
 */
import { FIELD_LABEL, FIELDS, VERSION, emptyAnswers, same, shapeProblem, withDefaults } from "./answers-format.js";
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
  if (value === undefined || value === null) return section === "answers" ? "no answer" : "empty";
  if (value === true) return "yes";
  if (value === false) return "no";
  if (Array.isArray(value)) return value.length ? value.join(", ") : "no option";
  const text = String(value);
  return "\u201c" + (text.length > 60 ? text.slice(0, 60) + "\u2026" : text) + "\u201d";
}

// The name of a field or of an item's answer, note or reason; `question(id)` gives the item's
// question as the page shows it, or null.
export function slotLabel(section, key, question) {
  if (section === null) return FIELD_LABEL[key] || key;
  const asked = question ? question(key) : null;
  const suffix = asked == null ? "" : " (" + asked + ")";
  if (section === "notes") return "the note on " + key + suffix;
  if (section === "not_applicable") return "the not-applicable reason of " + key + suffix;
  return "the answer to " + key + suffix;
}

// Three-way merge of another tab's answers (`theirs`) into this tab's (`mine`, changed in place),
// against what this tab last read or wrote (`baseText`): what only one side changed is kept; where
// both changed an item differently, the later write wins ("mine" when this tab is writing now,
// "theirs" when the other tab's write has just arrived). Returns one sentence per such conflict,
// naming the item and what was replaced.
export function mergeAnswers(mine, theirs, baseText, winner, question) {
  const before = currentAnswers(baseText) || emptyAnswers();
  const conflicts = [];
  function resolve(section, key, b, t, m) {
    if (same(m, b) || same(t, m)) return t;
    if (same(t, b)) return m;
    const kept = winner === "mine" ? m : t;
    conflicts.push(sentence(slotLabel(section, key, question)) + ": " + describe(section, kept) +
                   " is kept (saved last), replacing " + describe(section, winner === "mine" ? t : m) + " from " +
                   (winner === "mine" ? "the other tab" : "this tab"));
    return kept;
  }
  FIELDS.forEach((key) => {
    mine[key] = resolve(null, key, before[key], theirs[key], mine[key]);
  });
  SECTIONS.forEach((section) => {
    const b = before[section] || {};
    const t = theirs[section] || {};
    const m = mine[section];
    const keys = {};
    [b, t, m].forEach((side) => { Object.keys(side).forEach((key) => { keys[key] = true; }); });
    Object.keys(keys).forEach((key) => {
      const value = resolve(section, key, b[key], t[key], m[key]);
      if (value === undefined) delete m[key];
      else m[key] = value;
    });
  });
  return conflicts;
}

// The notice that tells the reader about the conflicts of a merge, or null when there were none.
export function conflictMessage(conflicts) {
  if (!conflicts.length) return null;
  return "This tab and another tab of the handbook changed the same " +
         (conflicts.length === 1 ? "answer" : "answers") + " at once. " + conflicts.join(". ") + ". " +
         "Every other change of either tab is kept.";
}
