/*
 * The home page's choice: start a new, named assessment (a new project, or a new dated assessment
 * of a stored one), or continue one of the stored assessments, each listed with its whole label.
 * Starting asks the project's name, the date (today unless changed) and the route, then opens the
 * first checklist page; continuing shows that assessment and opens its next open item (the first
 * stage when the scorer cannot say). The form is part of the page, not a dialog: Escape or Cancel
 * folds it and gives the focus back to the button that opened it.
 */
import { labelEntries, projectLabel, todayText } from "./assessment-labels.js";
import { el } from "./dom.js";
import { formatDate, localized, pageLang, t } from "./i18n.js";
import { methodology, selector, taskTypeRoutes } from "./methodology.js";
import { applyChange, currentIndex } from "./project-store.js";
import { hasAnswers, listAssessments, startAssessment, switchTo } from "./projects.js";
import { scorer } from "./scorer-client.js";
import { PAGES_ROOT } from "./site.js";
import { visit } from "./state.js";

const SCORE_WAIT_MS = 8000;  // how long "Continue" waits for the next open item before the first stage
let known = null;            // {routes: [{id, title}], firstPage, taskTypeRoutes}

function loadKnown() {
  methodology().then((data) => {
    const entry = selector(data, "route");
    known = { routes: data.methodology.routes.map((route) => ({ id: route.id, title: localized(route, "title") })),
              taskTypeRoutes: taskTypeRoutes(data),
              firstPage: entry ? entry.stage + "/" + entry.subphase + "/" : data.stages[0].id + "/" };
    renderStart(document);
  }, () => {});
}

// The stored assessments worth listing: any but an empty, unnamed one.
function storedEntries() {
  const read = currentIndex();
  if (!read.index) return [];
  const entries = listAssessments(read.index, read.live || visit.answers)
    .filter((entry) => entry.projectName || hasAnswers(entry.answers));
  return labelEntries(entries, pageLang());
}

function routeTitle(id) {
  const route = known && known.routes.filter((candidate) => candidate.id === id)[0];
  return route ? route.title : t("route not chosen");
}

// Opens a page of the site as a click on a link would (instant navigation keeps the scorer).
function go(path) {
  const link = el("a", { href: PAGES_ROOT + path, hidden: "" });
  document.body.append(link);
  link.click();
  link.remove();
}

// ---- The form -----------------------------------------------------------------------------------

function row(id, text, control, hint) {
  return [el("label", { for: id, text }), el("div", { class: "mh-form-field" }, control, hint || null)];
}

function projectChoice(projects) {
  if (!projects.length) return null;
  const option = (value, text, checked) => el("label", { class: "mh-start-choice" },
    el("input", Object.assign({ type: "radio", name: "mh-start-project", value }, checked ? { checked: "" } : {})),
    " " + text);
  return el("fieldset", { class: "mh-start-projects" }, el("legend", { text: t("Project") }),
    option("", t("A new project"), true),
    ...projects.map((project) => option(project.id, t("A new assessment of {project}", {
      project: projectLabel(project.name) }), false)));
}

function buildForm(panel, entries) {
  const projects = [];
  entries.forEach((entry) => {
    if (!projects.some((project) => project.id === entry.projectId)) {
      projects.push({ id: entry.projectId, name: entry.projectName, route: entry.answers.route });
    }
  });
  const date = el("input", { id: "mh-start-date", type: "date", value: todayText(), required: "",
                             "aria-describedby": "mh-start-date-shown" });
  const shownDate = el("span", { id: "mh-start-date-shown", class: "mh-hint" });
  const showDate = () => { shownDate.textContent = formatDate(date.value, pageLang()); };
  date.addEventListener("input", showDate);
  showDate();
  const route = el("select", { id: "mh-start-route" }, el("option", { value: "", text: t("Choose the deliverable\u2026") }),
    ...known.routes.map((entry) => el("option", { value: entry.id, text: entry.title })));
  const copy = el("label", { class: "mh-start-copy", hidden: "" },
    el("input", { type: "checkbox", id: "mh-start-copy", checked: "" }),
    t(" Start from a copy of its latest answers (the earlier assessment stays as it was)"));
  const form = el("form", { id: "mh-start-form", class: "mh-start-form", hidden: "", novalidate: "",
                            "aria-labelledby": "mh-start-form-title" },
    el("p", { id: "mh-start-form-title", class: "mh-start-form-title", text: t("Start a new assessment") }),
    projectChoice(projects),
    el("div", { class: "mh-form-grid" },
      ...row("mh-start-name", t("Project name"), el("input", { id: "mh-start-name", type: "text", maxlength: "200",
        autocomplete: "off", "aria-describedby": "mh-start-name-error" }),
        el("p", { id: "mh-start-name-error", class: "mh-form-error", hidden: "" })),
      ...row("mh-start-label", t("Name of this assessment (optional)"), el("input", { id: "mh-start-label",
        type: "text", maxlength: "200", autocomplete: "off", placeholder: t("for example: Before release") })),
      ...row("mh-start-date", t("Date"), date, shownDate),
      ...row("mh-start-route", t("Route (deliverable)"), route)),
    copy,
    el("div", { class: "mh-buttons" },
      el("button", { type: "submit", class: "md-button md-button--primary", text: t("Start") }),
      el("button", { type: "button", class: "md-button", id: "mh-start-cancel", text: t("Cancel") })),
    el("div", { id: "mh-start-messages", role: "status", "aria-live": "polite" }));
  form.addEventListener("change", (event) => {
    if (event.target.name !== "mh-start-project") return;
    const project = projects.filter((entry) => entry.id === event.target.value)[0];
    form.querySelector("#mh-start-name").closest(".mh-form-field").previousElementSibling.hidden = Boolean(project);
    form.querySelector("#mh-start-name").closest(".mh-form-field").hidden = Boolean(project);
    copy.hidden = !project;
    if (project && project.route) route.value = project.route;
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    start(form);
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Escape") fold(panel);
  });
  form.querySelector("#mh-start-cancel").addEventListener("click", () => fold(panel));
  return form;
}

function fold(panel) {
  const form = panel.querySelector("#mh-start-form");
  const opener = document.getElementById("mh-start-open");
  form.hidden = true;
  if (opener) {
    opener.setAttribute("aria-expanded", "false");
    opener.focus();
  }
}

function unfold() {
  const form = document.getElementById("mh-start-form");
  if (!form) return;
  form.hidden = false;
  document.getElementById("mh-start-open").setAttribute("aria-expanded", "true");
  const first = form.querySelector("input[name='mh-start-project']:checked") || form.querySelector("#mh-start-name");
  first.focus();
}

function refuse(text) {
  const region = document.getElementById("mh-start-messages");
  if (region) region.replaceChildren(el("p", { class: "mh-message mh-error", text }));
}

function start(form) {
  const chosen = form.querySelector("input[name='mh-start-project']:checked");
  const projectId = chosen && chosen.value ? chosen.value : null;
  const nameInput = form.querySelector("#mh-start-name");
  const error = form.querySelector("#mh-start-name-error");
  const name = nameInput.value.trim();
  if (projectId === null && !name) {
    error.textContent = t("Write the project's name: it names the assessment on every page and in the downloads.");
    error.hidden = false;
    nameInput.setAttribute("aria-invalid", "true");
    nameInput.focus();
    return;
  }
  const route = form.querySelector("#mh-start-route").value || null;
  const spec = { projectId, name, route, date: form.querySelector("#mh-start-date").value || todayText(),
                 label: form.querySelector("#mh-start-label").value.trim(),
                 copyLatest: form.querySelector("#mh-start-copy").checked,
                 dropTaskType: known.taskTypeRoutes.indexOf(route) === -1 };
  if (applyChange((index, live) => startAssessment(index, live, spec), t("The assessment could not be started"),
                  refuse)) {
    go(known.firstPage);
  }
}

// ---- Continue -----------------------------------------------------------------------------------

// The shown assessment's next open item once a score of it has come back, else the first stage.
function goToNextOpen() {
  let left = false;
  const leave = () => {
    if (left) return;
    left = true;
    document.removeEventListener("mh:scored", onScored);
    const result = scorer.result;
    const next = result && result.ok && result.summary.subphases
      ? result.summary.subphases.filter((entry) => entry.next_url)[0] : null;
    go(next ? next.next_url : known.firstPage);
  };
  const onScored = () => leave();
  document.addEventListener("mh:scored", onScored);
  if (scorer.state === "unavailable") leave();
  setTimeout(leave, SCORE_WAIT_MS);
}

function continueWith(assessmentId) {
  if (applyChange((index, live) => switchTo(index, live, assessmentId), t("The assessment could not be shown"),
                  refuse)) {
    goToNextOpen();
  }
}

function drawContinue(panel, entries) {
  const others = entries.filter((entry) => !entry.current);
  const list = panel.querySelector("#mh-continue-list");
  const signature = JSON.stringify(others.map((entry) => [entry.assessmentId, entry.wholeLabel, entry.answers.route]));
  if (list.getAttribute("data-signature") === signature) return;
  list.setAttribute("data-signature", signature);
  list.closest(".mh-continue-others").hidden = !others.length;
  list.replaceChildren(...others.map((entry) => {
    const choice = el("button", { type: "button", class: "mh-link-button",
                                  text: entry.wholeLabel + " \u00b7 " + routeTitle(entry.answers.route) });
    choice.addEventListener("click", () => continueWith(entry.assessmentId));
    return el("li", {}, choice);
  }));
}

// The home page only; drawn on each page view and with each score.
export function renderStart(root) {
  const start = root.querySelector(".mh-start");
  if (!start || !visit.answers) return;
  if (!known) {
    loadKnown();
    return;
  }
  const panel = root.querySelector("#mh-start-panel");
  if (!panel) return;
  const entries = storedEntries();
  if (!panel.hasChildNodes()) {
    const link = start.querySelector("a.mh-start-new");
    const opener = el("button", { type: "button", id: "mh-start-open", class: "md-button md-button--primary",
                                  "aria-expanded": "false", "aria-controls": "mh-start-form", text: link.textContent });
    opener.addEventListener("click", () => (opener.getAttribute("aria-expanded") === "true" ? fold(panel) : unfold()));
    link.replaceWith(opener);
    panel.append(buildForm(panel, entries),
      el("div", { class: "mh-continue-others", hidden: "" },
        el("p", { id: "mh-continue-title", class: "mh-continue-title", text: t("Or continue another stored assessment:") }),
        el("ul", { id: "mh-continue-list", class: "mh-continue-list", "aria-labelledby": "mh-continue-title" })));
  }
  const shown = entries.filter((entry) => entry.current)[0];
  const continueLink = start.querySelector(".mh-continue");
  if (continueLink) {
    continueLink.textContent = shown ? t("Continue: {assessment}", { assessment: shown.wholeLabel })
                                     : t("Continue the assessment shown");
  }
  drawContinue(panel, entries);
}
