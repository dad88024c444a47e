/*
 * The score page's form drawn from the answers: the project fields and the route and ML task-type
 * choosers (filled from the methodology).
 */
import { el, scorePage } from "./dom.js";
import { localized, t } from "./i18n.js";
import { methodologyRequested, taskTypeRoutes } from "./methodology.js";
import { visit } from "./state.js";
import { hasStoredAnswers, saveAnswers } from "./storage.js";

function fillSelect(select, entries, chosen, emptyLabel) {
  select.replaceChildren(el("option", { value: "", text: emptyLabel }),
    ...entries.map((entry) => el("option", { value: entry.id, text: localized(entry, "title") })));
  select.value = chosen || "";
}

export function updateChoosers(data) {
  const page = scorePage();
  if (!page || !data) return;
  const route = page.querySelector("#mh-route");
  const task = page.querySelector("#mh-task-type");
  fillSelect(route, data.methodology.routes, visit.answers.route, t("Choose the deliverable\u2026"));
  fillSelect(task, data.methodology.task_types, visit.answers.task_type, t("Choose the ML task type\u2026"));
  const usesTaskType = taskTypeRoutes(data).indexOf(visit.answers.route) !== -1;
  task.disabled = !usesTaskType;
  page.querySelector("#mh-task-type-hint").hidden = usesTaskType;
}

// A field being typed in keeps its text, unless the whole set of answers was replaced (`all`).
export function updateScorePageFields(all) {
  const page = scorePage();
  if (!page) return;
  page.querySelectorAll("input[data-field]").forEach((input) => {
    if (all || document.activeElement !== input) input.value = visit.answers[input.getAttribute("data-field")] || "";
  });
  defaultDateToToday(page.querySelector("input[data-field='date']"));
  const requested = methodologyRequested();
  if (requested) requested.then(updateChoosers, () => {});
}

// The assessment's date is today unless one was given. It is saved with answers that exist, so
// the downloads carry it; with none yet it is only shown, and saved with the first answer.
function defaultDateToToday(input) {
  if (!input || visit.answers.date) return;
  const now = new Date();
  const today = [now.getFullYear(), now.getMonth() + 1, now.getDate()]
    .map((part, index) => String(part).padStart(index ? 2 : 4, "0")).join("-");
  input.value = today;
  if (hasStoredAnswers()) {
    visit.answers.date = today;
    saveAnswers();
  }
}
