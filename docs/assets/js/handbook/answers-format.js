/*
 * The answers file as this page keeps it: its format and version, the minimal shape the page
 * relies on (the worker's Python checks everything else), the migration of version 1, and a
 * canonical form to compare two sets of answers. Pure: no DOM, no storage. Version 2 answers
 * (whose reasons for "not applicable" may fail the rule) are migrated by the scorer, which alone
 * applies the rule: see upgrade.js.
 */

import { t } from "./i18n.js";

export const FORMAT = "mlops-handbook-answers";
export const VERSION = 3;           // the answers file's version; 1 and 2 are read and migrated
export const FIELDS = ["project", "assessor", "date", "route", "task_type"];
// Each field's name in a message, in the page's language.
export const FIELD_LABEL = {
  project: () => t("the project name"), assessor: () => t("the assessor"), date: () => t("the date"),
  route: () => t("the route"), task_type: () => t("the ML task type"),
};

export function emptyAnswers() {
  return { format: FORMAT, version: VERSION, project: "", assessor: "", date: "",
           route: null, task_type: null, answers: {}, not_applicable: {}, notes: {} };
}

export function isPlainObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

// The version of an answers file written by a newer release than this one, else null.
export function newerVersion(data) {
  const newer = isPlainObject(data) && data.format === FORMAT && Number.isInteger(data.version) &&
                data.version > VERSION;
  return newer ? data.version : null;
}

export function newerText(version) {
  return t("saved by a newer release of the handbook (answers file version {version}); this release reads " +
           "versions 1 to {current}", { version, current: VERSION });
}

// What keeps a parsed value from being an answers file this page can hold, else null.
export function shapeProblem(data) {
  if (!isPlainObject(data)) return t("it is not a JSON object");
  if (data.format !== FORMAT) return t("it does not have \"format\": \"{format}\"", { format: FORMAT });
  if (!Number.isInteger(data.version) || data.version < 1 || data.version > VERSION) {
    return t("it is version {version}, not 1 to {current}", { version: JSON.stringify(data.version), current: VERSION });
  }
  if (data.answers != null && !isPlainObject(data.answers)) return t("{key} is not an object", { key: '"answers"' });
  if (data.notes != null && !isPlainObject(data.notes)) return t("{key} is not an object", { key: '"notes"' });
  if (data.not_applicable != null && !isPlainObject(data.not_applicable)) {
    return t("{key} is not an object", { key: '"not_applicable"' });
  }
  return null;
}

// Version 1 is the current version without "not applicable": the same answers, none marked not
// applicable. (Version 2 holds reasons that only the scorer can judge: it is left as it is here.)
export function migrate(data) {
  if (data.version !== 1) return data;
  return Object.assign({}, data, { version: VERSION, not_applicable: {} });
}

// Every field of the file, those missing or null in `data` at their empty value.
export function withDefaults(data) {
  const full = emptyAnswers();
  Object.keys(data).forEach((key) => { if (data[key] != null) full[key] = data[key]; });
  return full;
}

// JSON with the keys of every object sorted, so that equal answers compare equal.
export function canon(value) {
  if (Array.isArray(value)) return "[" + value.map(canon).join(",") + "]";
  if (isPlainObject(value)) {
    return "{" + Object.keys(value).sort().map((key) => JSON.stringify(key) + ":" + canon(value[key])).join(",") + "}";
  }
  return value === undefined ? "undefined" : JSON.stringify(value);
}

export function same(a, b) {
  return canon(a) === canon(b);
}

// Nothing given, whatever the version of the file.
export function isEmptyAnswers(data) {
  return same(Object.assign(withDefaults(data), { version: VERSION }), emptyAnswers());
}

// An upload's version, read only to tell a newer release's file and a version-1 file apart.
export function fileVersion(text) {
  try {
    const data = JSON.parse(text);
    return isPlainObject(data) && data.format === FORMAT ? data.version : null;
  } catch (error) {
    return null;
  }
}
