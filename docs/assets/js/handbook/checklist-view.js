/*
 * The checklist's controls drawn from the answers: the choices ticked, the notes, "not
 * applicable" with its reason, the character count near a text's limit, and what does not
 * count on the chosen route greyed out.
 */
import { el } from "./dom.js";
import { t } from "./i18n.js";
import { MAX_TEXT, textCount } from "./limits.js";
import { visit } from "./state.js";

const REQUIRED_TEXT = () => t("A reason is required. Until you write one, this item counts as unanswered.");

export function itemFieldsets(root) {
  return root.querySelectorAll("form.mh-checklist fieldset.mh-item");
}

export function answerInputs(fieldset, id) {
  return fieldset.querySelectorAll('input[name="answer-' + id + '"]');
}

export function restoreControls(root) {
  const answers = visit.answers;
  itemFieldsets(root).forEach((fieldset) => {
    const id = fieldset.getAttribute("data-item");
    const kind = fieldset.getAttribute("data-kind");
    const selects = fieldset.getAttribute("data-selects");
    const value = answers.answers[id];
    answerInputs(fieldset, id).forEach((input) => {
      if (selects === "route") input.checked = input.value === answers.route;
      else if (selects === "task-type") input.checked = input.value === answers.task_type;
      else if (kind === "yes-no") input.checked = value === true ? input.value === "yes"
                                                  : value === false ? input.value === "no" : false;
      else input.checked = Array.isArray(value) && value.indexOf(input.value) !== -1;
    });
    const note = fieldset.querySelector("textarea[data-note]");
    if (note && document.activeElement !== note) note.value = answers.notes[id] || "";
    if (note) updateCounter(note);
    restoreNotApplicable(fieldset);
  });
  markRoutes(root);
}

function describedBy(element, id, on) {
  const ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter((token) => token && token !== id);
  if (on) ids.push(id);
  if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
  else element.removeAttribute("aria-describedby");
}

// The box refuses text past the package's limit; near it, a count says how much is left.
export function updateCounter(area) {
  area.maxLength = MAX_TEXT;
  const id = "count-" + (area.getAttribute("data-note") !== null ? "note-" + area.getAttribute("data-note")
                                                                : "reason-" + area.getAttribute("data-na-reason"));
  let counter = document.getElementById(id);
  if (!counter) {
    counter = el("p", { class: "mh-count", id });
    area.after(counter);
  }
  const count = textCount(area.value.length);
  counter.hidden = !count.shown;
  counter.classList.toggle("mh-count-full", count.full);
  counter.textContent = count.text;
  describedBy(area, id, count.shown);
}

// ---- "Not applicable": a reason that says something is required (the package judges it), the
// answer controls rest meanwhile ---------------------------------------------------------------

function answerControls(fieldset, id) {
  return fieldset.querySelectorAll('input[name="answer-' + id + '"], button.mh-clear');
}

// The inline "reason required" message, made once per item and linked to the reason field.
function requiredMessage(fieldset, id, area) {
  let message = fieldset.querySelector(".mh-na-required");
  if (!message) {
    message = el("p", { class: "mh-na-required", id: "na-required-" + id, text: REQUIRED_TEXT() });
    area.after(message);
  }
  return message;
}

export function restoreNotApplicable(fieldset) {
  const box = fieldset.querySelector("input[data-na]");
  const area = fieldset.querySelector("textarea[data-na-reason]");
  if (!box || !area) return;
  const id = box.getAttribute("data-na");
  // The switch sits right under the answers it stands in for (and next to them in tab order).
  const switcher = box.closest(".mh-na");
  const controls = fieldset.querySelector(".mh-controls");
  if (controls && switcher && controls.nextElementSibling !== switcher) controls.after(switcher);
  const reason = visit.answers.not_applicable[id];
  const marked = typeof reason === "string";
  if (marked || visit.answers.answers[id] != null) delete visit.naPending[id];
  const ticked = marked || visit.naPending[id] === true;
  box.checked = ticked;
  area.closest(".mh-na-reason").hidden = !ticked;
  if (document.activeElement !== area) area.value = marked ? reason : (visit.naDraft[id] || "");
  const waiting = ticked && !marked;
  // The package's message for a refused reason; while a typed reason is being checked, none.
  const shown = waiting ? visit.naRefused[id] || ((visit.naDraft[id] || "").trim() ? "" : REQUIRED_TEXT()) : "";
  const message = requiredMessage(fieldset, id, area);
  message.textContent = shown;
  message.hidden = !shown;
  describedBy(area, message.id, Boolean(shown));
  if (shown) area.setAttribute("aria-invalid", "true");
  else area.removeAttribute("aria-invalid");
  updateCounter(area);
  answerControls(fieldset, id).forEach((control) => { control.disabled = ticked; });
  fieldset.classList.toggle("mh-not-applicable", marked);
  fieldset.classList.toggle("mh-na-waiting", waiting);
}

// ---- Routes ---------------------------------------------------------------------------------

// Whether an element's space-separated list (of routes, of task types) takes `value`; no list,
// or no value chosen yet, takes everything.
export function listed(element, attribute, value) {
  const list = element.getAttribute(attribute);
  return list === null || value === null || list.split(/\s+/).indexOf(value) !== -1;
}

// Greys out what does not count on the chosen route (and ML task type).
export function markRoutes(root) {
  const route = visit.answers.route;
  const taskType = visit.answers.task_type;
  itemFieldsets(root).forEach((fieldset) => {
    fieldset.classList.toggle("mh-not-on-route", !listed(fieldset, "data-routes", route));
    fieldset.querySelectorAll(".mh-option").forEach((option) => {
      const optionOff = !listed(option, "data-routes", route) || !listed(option, "data-task-types", taskType);
      option.classList.toggle("mh-not-on-route", optionOff);
    });
  });
}
