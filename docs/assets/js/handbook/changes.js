/*
 * What follows a change of the answers, wherever it was made: save them, grey out what the route
 * leaves out, score them again; and what follows a new set of answers: draw every control again.
 */
import { markRoutes, restoreControls } from "./checklist-view.js";
import { methodology, taskTypeRoutes } from "./methodology.js";
import { updateChoosers, updateScorePageFields } from "./score-form.js";
import { rescore } from "./scorer-client.js";
import { timings } from "./site.js";
import { forgetVisitState, visit } from "./state.js";
import { saveAnswers } from "./storage.js";

export function answersChanged() {
  timings.changeCount += 1;
  timings.lastChange = performance.now();
  performance.mark("mh-change");
  saveAnswers();
  markRoutes(document);
  rescore();
}

// The checklist and the score page's fields drawn again from the answers; `all` also rewrites a
// field being typed in (the whole set of answers was replaced).
export function showAnswers(all) {
  restoreControls(document);
  updateScorePageFields(all);
}

// A new route; the ML task type is dropped when the new route does not ask for it.
export function setRoute(route) {
  visit.answers.route = route || null;
  if (!visit.answers.route) return;
  methodology().then((data) => {
    if (taskTypeRoutes(data).indexOf(visit.answers.route) === -1 && visit.answers.task_type !== null) {
      visit.answers.task_type = null;
      answersChanged();
      restoreControls(document);
      updateChoosers(data);
    }
  }, () => {});
}

// A whole new set of answers (an upload, its undo, a reset) in place of this tab's.
export function replaceAll(data) {
  visit.answers = data;
  forgetVisitState();
  answersChanged();
  showAnswers(true);
}
