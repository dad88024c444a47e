/*
 * The package's limits, checked before anything is handed to the scorer: the size of an answers
 * file, the nesting of its values (far beyond the file's own 3 levels) and the length of a text
 * (note, reason, project field). Pure: no DOM, no storage.
 */
import { FIELD_LABEL, isPlainObject } from "./answers-format.js";
import { formatCount, formatDecimal, t } from "./i18n.js";

export const MAX_TEXT = 10000;
// A note read from a file may be longer than one typed here: a migration joins the notes of merged
// items whole, up to the package's MAX_NOTE_TEXT.
export const MAX_NOTE_TEXT = 32000;
export const MAX_BYTES = 2000000;
export const MAX_DEPTH = 20;
export const COUNT_FROM = 9000;     // a note's character count shows from here on

// The largest nesting of arrays and objects in a JSON text, counted without parsing it; stops
// counting past the limit, so a value nested a hundred thousand levels costs one quick scan.
export function nestingDepth(text, limit) {
  let depth = 0;
  let deepest = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 92) i++;                 // backslash: skip the escaped character
      else if (c === 34) inString = false;
    } else if (c === 34) {
      inString = true;
    } else if (c === 91 || c === 123) {  // [ {
      depth++;
      if (depth > deepest) deepest = depth;
      if (deepest > limit) return deepest;
    } else if (c === 93 || c === 125) {  // ] }
      depth--;
    }
  }
  return deepest;
}

// What makes a JSON text too big or too deep to hand to the scorer, else null. Checked before
// parsing, for stored answers and uploads alike, so the scorer never receives such a value.
export function sizeProblem(text) {
  const bytes = text.length > MAX_BYTES / 3 ? new Blob([text]).size : text.length;
  if (bytes > MAX_BYTES) {
    return t("it is {size} MB, over the {limit} MB an answers file may have", {
      size: formatDecimal(bytes / 1e6, 1), limit: formatCount(MAX_BYTES / 1e6) });
  }
  if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) {
    return t("it nests arrays or objects more than {n} levels deep, and an answers file needs 3", { n: MAX_DEPTH });
  }
  return null;
}

// Notes, reasons and project fields over the package's limit, which would stop the score of the
// whole set: the places, each with its limit, and the text cut to it in `data` (the caller keeps
// the original).
export function cutLongTexts(data) {
  const places = [];
  ["project", "assessor", "date"].forEach((key) => {
    if (typeof data[key] === "string" && data[key].length > MAX_TEXT) {
      places.push({ label: FIELD_LABEL[key](), length: data[key].length, limit: MAX_TEXT });
      data[key] = data[key].slice(0, MAX_TEXT);
    }
  });
  [["notes", (id) => t("the note on {item}", { item: id }), MAX_NOTE_TEXT],
   ["not_applicable", (id) => t("the not-applicable reason of {item}", { item: id }), MAX_TEXT]]
    .forEach(([section, label, limit]) => {
    const texts = data[section];
    if (!isPlainObject(texts)) return;
    Object.keys(texts).forEach((id) => {
      if (typeof texts[id] === "string" && texts[id].length > limit) {
        places.push({ label: label(id), length: texts[id].length, limit });
        texts[id] = texts[id].slice(0, limit);
      }
    });
  });
  return places;
}

// The count shown under a note or a reason of `length` characters: whether it shows, whether the
// box is full, and its text.
export function textCount(length) {
  const full = length >= MAX_TEXT;
  return {
    shown: length >= COUNT_FROM,
    full,
    text: t("{length} of {limit} characters", { length: formatCount(length), limit: formatCount(MAX_TEXT) }) +
          (full ? t(": the limit. Keep a longer text elsewhere and link to it here.") : ""),
  };
}
