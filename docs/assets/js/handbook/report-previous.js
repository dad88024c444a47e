/*
 * The earlier assessment the report compares with: of the same project, the latest one dated
 * before the assessment shown (on the same date, the one listed before it). previousOf is pure.
 */
import { PROJECTS_KEY, listAssessments, readIndex } from "./projects.js";
import { visit } from "./state.js";
import { storageGet } from "./storage.js";

// entries: listAssessments()'s, in the list's order. The entry compared with, or null.
export function previousOf(entries) {
  const shownAt = entries.findIndex((entry) => entry.current);
  if (shownAt < 0) return null;
  const shown = entries[shownAt];
  const date = shown.answers.date || "";
  let best = null;
  entries.forEach((entry, at) => {
    if (entry.current || entry.projectId !== shown.projectId) return;
    const other = entry.answers.date || "";
    const earlier = date ? (other && (other < date || (other === date && at < shownAt))) : at < shownAt;
    if (!earlier) return;
    // The latest of the earlier ones; on equal dates the one listed last.
    if (!best || other > (best.answers.date || "") || other === (best.answers.date || "")) best = entry;
  });
  return best;
}

// The earlier assessment's answers file, or null (none, or a list a newer release wrote).
export function previousAnswers() {
  const read = readIndex(storageGet(PROJECTS_KEY), visit.answers);
  if (!read.index) return null;
  const entry = previousOf(listAssessments(read.index, read.live || visit.answers));
  return entry ? entry.answers : null;
}
