/*
 * The checklist on stage and subphase pages: what the reader ticks, types and clears goes into
 * the answers. One listener per kind of event on the document covers every page, including those
 * reached by instant navigation.
 */
import { answersChanged, setRoute } from "./changes.js";
import { answerInputs, listed, restoreControls, restoreNotApplicable, updateCounter } from "./checklist-view.js";
import { t } from "./i18n.js";
import { notify, renderNotices } from "./notices.js";
import { updateScorePageFields } from "./score-form.js";
import { checkReason, startScorer } from "./scorer-client.js";
import { visit } from "./state.js";
import { saveAnswers } from "./storage.js";

const ANSWER_INPUT = "form.mh-checklist fieldset.mh-item input[name^='answer-']";
const NA_BOX = "form.mh-checklist fieldset.mh-item input[data-na]";

function fieldsetAnswer(fieldset) {
  const id = fieldset.getAttribute("data-item");
  const kind = fieldset.getAttribute("data-kind");
  const checked = Array.from(answerInputs(fieldset, id)).filter((input) => input.checked);
  if (kind === "yes-no") return checked.length ? checked[0].value === "yes" : null;
  return checked.map((input) => input.value);
}

function onChecklistChange(input) {
  const fieldset = input.closest("fieldset.mh-item");
  const id = fieldset.getAttribute("data-item");
  const selects = fieldset.getAttribute("data-selects");
  if (selects === "route") {
    setRoute(input.value);
  } else if (selects === "task-type") {
    if (!listed(fieldset, "data-routes", visit.answers.route)) {
      input.checked = false;
      notify(t("The ML task type only applies to the ML model route. Choose that route first."), "info", false);
      renderNotices();
      return;
    }
    visit.answers.task_type = input.value;
  } else {
    visit.answers.answers[id] = fieldsetAnswer(fieldset);
  }
  answersChanged();
  updateScorePageFields();
}

// The item counts as not applicable only once its reason says something, as the package's rule
// judges it (asked through the scorer: the page has no copy of the rule). Until the verdict on the
// text as it now stands comes back, the item keeps what it had; a refused reason leaves it
// unanswered, with the package's message under the field.
function applyReason(id, text, fieldset) {
  const reason = text.trim();
  delete visit.naRefused[id];
  if (!reason) {
    delete visit.answers.not_applicable[id];
    visit.naPending[id] = true;
    return;
  }
  if (typeof visit.answers.not_applicable[id] !== "string") visit.naPending[id] = true;  // ticked, waiting
  checkReason(reason).then((verdict) => {
    const box = fieldset.querySelector("input[data-na]");
    if (!box || !box.checked || (visit.naDraft[id] || "").trim() !== reason) return;  // typed on, or unticked
    if (verdict.accepted) {
      visit.answers.not_applicable[id] = reason;
      delete visit.naPending[id];
    } else {
      delete visit.answers.not_applicable[id];
      visit.naPending[id] = true;
      visit.naRefused[id] = verdict.message;
    }
    answersChanged();
    restoreNotApplicable(fieldset);
  });
}

function onNotApplicableToggle(box) {
  const answers = visit.answers;
  const fieldset = box.closest("fieldset.mh-item");
  const id = box.getAttribute("data-na");
  const area = fieldset.querySelector("textarea[data-na-reason]");
  if (box.checked) {
    if (answers.answers[id] != null) visit.naPrevious[id] = answers.answers[id];
    answers.answers[id] = null;
    answerInputs(fieldset, id).forEach((input) => { input.checked = false; });
    applyReason(id, visit.naDraft[id] || "", fieldset);
  } else {
    delete answers.not_applicable[id];
    delete visit.naPending[id];
    delete visit.naRefused[id];
    if (id in visit.naPrevious) {
      answers.answers[id] = visit.naPrevious[id];
      delete visit.naPrevious[id];
    }
  }
  answersChanged();
  restoreControls(fieldset.closest("form.mh-checklist") || document);
  if (box.checked && area) area.focus();
}

function onReasonInput(area) {
  const id = area.getAttribute("data-na-reason");
  const fieldset = area.closest("fieldset.mh-item");
  const box = fieldset && fieldset.querySelector("input[data-na]");
  if (!box || !box.checked) return;
  visit.naDraft[id] = area.value;
  applyReason(id, area.value, fieldset);
  answersChanged();
  restoreNotApplicable(fieldset);
}

function onNoteInput(area) {
  const id = area.getAttribute("data-note");
  if (area.value) visit.answers.notes[id] = area.value;
  else delete visit.answers.notes[id];
  updateCounter(area);
  saveAnswers();
}

function onClear(button) {
  const id = button.getAttribute("data-clear");
  visit.answers.answers[id] = null;
  const fieldset = button.closest("fieldset.mh-item");
  if (fieldset) fieldset.querySelectorAll("input").forEach((input) => { input.checked = false; });
  answersChanged();
}

// Listens on the document, once per visit.
export function wireChecklist() {
  document.addEventListener("change", (event) => {
    const input = event.target;
    if (!input.matches) return;
    if (input.matches(ANSWER_INPUT)) onChecklistChange(input);
    else if (input.matches(NA_BOX)) onNotApplicableToggle(input);
  });

  document.addEventListener("input", (event) => {
    const target = event.target;
    if (!target.matches) return;
    if (target.matches("form.mh-checklist textarea[data-note]")) onNoteInput(target);
    else if (target.matches("form.mh-checklist textarea[data-na-reason]")) onReasonInput(target);
  });

  document.addEventListener("click", (event) => {
    const button = event.target.closest && event.target.closest("button.mh-clear[data-clear]");
    if (button) onClear(button);
  });

  // Start loading as soon as someone reaches for a checklist control, before they answer.
  ["focusin", "pointerdown"].forEach((type) => {
    document.addEventListener(type, (event) => {
      if (event.target.closest && event.target.closest("form.mh-checklist")) startScorer();
    });
  });
}
