/*
 * Every assessment stored in this browser, read straight from localStorage, for pages that only
 * read them (the portfolio, the home page's list).
 */
import { emptyAnswers, shapeProblem } from "./answers-format.js";
import { PROJECTS_KEY, fullAnswers, listAssessments, readIndex, singleProject } from "./projects.js";

// storage.js's STORAGE_KEY (storage.js needs a page, so this module, run by Node's tests, repeats it).
const ANSWERS_KEY = "mlops-handbook:answers";

function storedText(key) {
  try { return globalThis.localStorage.getItem(key); } catch (error) { return null; }
}

function storedLive(raw) {
  if (raw === null) return null;
  try {
    const data = JSON.parse(raw);
    return shapeProblem(data) ? null : fullAnswers(data);
  } catch (error) {
    return null;
  }
}

// allAssessments() -> Array of answers files (format "mlops-handbook-answers", version 2 or 3, with
// project, assessor, date, route, task_type, answers, notes, not_applicable): every assessment
// stored in this browser, the shown one included, in the switcher's order. Empty when nothing is
// stored; a list this release cannot read counts as absent (the shown answers alone).
export function allAssessments() {
  const rawIndex = storedText(PROJECTS_KEY);
  const rawLive = storedText(ANSWERS_KEY);
  if (rawIndex === null && rawLive === null) return [];
  const live = storedLive(rawLive) || emptyAnswers();
  const read = readIndex(rawIndex, live);
  const index = read.index || singleProject(live);
  return listAssessments(index, read.live || live).map((entry) => entry.answers);
}
