/*
 * On every stage and subphase page: which project and assessment the answers go to ("Editing:
 * Churn model · assessment of 6 Dec 2026 · ML model — Change"), just under the page title; and,
 * while the shown assessment has neither a project name nor an answer, a short form above the
 * checklist that asks for the name, the date and the route first. The form can be skipped:
 * answering is never blocked, and the name can be given later on Your score.
 *
 * Drawn again with the score (main.js's renderStatus), so a switch of assessment and another
 * tab's change show here. It is no live region: it changes only when the assessment does.
 */
import { projectLabel, todayText } from "./assessment-labels.js";
import { answersChanged, setRoute, showAnswers } from "./changes.js";
import { el, scorePage } from "./dom.js";
import { formatDate, localized, pageLang, t, tParts } from "./i18n.js";
import { methodology, selector } from "./methodology.js";
import { currentIndex } from "./project-store.js";
import { SWITCHER_ANCHOR } from "./project-switcher.js";
import { currentEntry, hasAnswers } from "./projects.js";
import { PAGES_ROOT } from "./site.js";
import { visit } from "./state.js";

const CHANGE_HREF = "score/#" + SWITCHER_ANCHOR;
let known = null;  // {routes: {id: title}, routeItem: {subphase, ...}}: from the checklist page, or the methodology

function loadKnown() {
  methodology().then((data) => {
    const routes = {};
    data.methodology.routes.forEach((route) => { routes[route.id] = localized(route, "title"); });
    known = { routes, routeItem: selector(data, "route") };
    renderEditing(document);
  }, () => {});
}

// The shown assessment's optional name, kept in the projects list.
function shownName() {
  const read = currentIndex();
  const entry = read.index ? currentEntry(read.index) : null;
  return entry && entry.assessment.label ? entry.assessment.label : "";
}

function routeText(route) {
  if (!route) return t("route not chosen yet");
  return known && known.routes[route] ? known.routes[route] : route;
}

// The banner's parts: [project, assessment, route], each a short text.
export function editingParts(answers, label, lang, route) {
  const named = label ? " \u201c" + label + "\u201d" : "";
  return [projectLabel(answers.project),
          (answers.date ? t("assessment of {date}", { date: formatDate(answers.date, lang) }, lang)
                        : t("assessment not dated yet", null, lang)) + named,
          route];
}

function banner(article) {
  let bar = article.querySelector(".mh-editing");
  if (!bar) {
    bar = el("p", { class: "mh-editing" });
    const title = article.querySelector("h1");
    if (title) title.after(bar);
    else article.prepend(bar);
  }
  return bar;
}

function drawBanner(article) {
  const answers = visit.answers;
  const parts = editingParts(answers, shownName(), pageLang(), routeText(answers.route));
  const bar = banner(article);
  const signature = JSON.stringify(parts);
  if (bar.getAttribute("data-signature") === signature) return;
  bar.setAttribute("data-signature", signature);
  bar.replaceChildren(
    el("span", { class: "mh-editing-lead", text: t("Editing: ") }),
    el("strong", { class: "mh-editing-project", text: parts[0] }), " \u00b7 ",
    el("span", { class: "mh-editing-assessment", text: parts[1] }), " \u00b7 ",
    el("span", { class: "mh-editing-route", text: parts[2] }), " \u2014 ",
    el("a", { class: "mh-editing-change", href: PAGES_ROOT + CHANGE_HREF, text: t("Change"),
              title: t("Choose, start or rename an assessment on Your score") }));
}

// ---- The name, date and route asked first -------------------------------------------------------

function field(id, text, control, hint) {
  return [el("label", { for: id, text }), el("div", { class: "mh-form-field" }, control, hint || null)];
}

function nameFirstForm(checklist) {
  const onRoutePage = known.routeItem && checklist.getAttribute("data-subphase") === known.routeItem.subphase;
  const date = el("input", { id: "mh-first-date", type: "date", value: visit.answers.date || todayText(),
                             "aria-describedby": "mh-first-date-shown" });
  const shownDate = el("span", { id: "mh-first-date-shown", class: "mh-hint" });
  const showDate = () => { shownDate.textContent = formatDate(date.value, pageLang()); };
  date.addEventListener("input", showDate);
  showDate();
  const route = onRoutePage
    ? el("p", { class: "mh-hint", text: t("The route is the first question of the checklist, just below.") })
    : el("select", { id: "mh-first-route" }, el("option", { value: "", text: t("Choose the deliverable\u2026") }),
      ...Object.keys(known.routes).map((id) => el("option", { value: id, text: known.routes[id] })));
  if (!onRoutePage) route.value = visit.answers.route || "";
  const form = el("form", { id: "mh-name-first", class: "mh-name-first", "aria-labelledby": "mh-name-first-title",
                            novalidate: "" },
    el("p", { id: "mh-name-first-title", class: "mh-name-first-title", text: t("First, name this assessment") }),
    el("p", { class: "mh-hint", id: "mh-name-first-why" },
      ...tParts("So that these answers are filed under your project, not \u201cUntitled\u201d. You may skip this " +
                "and answer below; you can name it later under {link} on Your score.",
                { link: el("a", { href: PAGES_ROOT + CHANGE_HREF, text: t("Projects and assessments") }) })),
    el("div", { class: "mh-form-grid" },
      ...field("mh-first-name", t("Project name"), el("input", { id: "mh-first-name", type: "text", maxlength: "200",
        autocomplete: "off", "aria-describedby": "mh-first-name-error" }),
        el("p", { id: "mh-first-name-error", class: "mh-form-error", hidden: "" })),
      ...field("mh-first-date", t("Date of the assessment"), date, shownDate),
      ...(onRoutePage ? [el("span", { class: "mh-form-label", text: t("Route") }), route]
                      : field("mh-first-route", t("Route (deliverable)"), route))),
    el("div", { class: "mh-buttons" },
      el("button", { type: "submit", class: "md-button md-button--primary", text: t("Save and start") })));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    saveNameFirst(form);
  });
  return form;
}

function saveNameFirst(form) {
  const input = form.querySelector("#mh-first-name");
  const error = form.querySelector("#mh-first-name-error");
  const name = input.value.trim();
  if (!name) {
    error.textContent = t("Write the project's name, or skip this form and answer below.");
    error.hidden = false;
    input.setAttribute("aria-invalid", "true");
    input.focus();
    return;
  }
  const answers = visit.answers;
  answers.project = name;
  answers.date = form.querySelector("#mh-first-date").value || answers.date || todayText();
  const route = form.querySelector("#mh-first-route");
  if (route && route.value) setRoute(route.value);
  answersChanged();
  showAnswers();
  const done = el("p", { class: "mh-name-first-done", tabindex: "-1" },
    ...tParts("Saved: the answers on every checklist now go to {name}. You can change the name, the date and " +
              "the route under {link} on Your score.", {
      name: el("strong", { text: name }),
      link: el("a", { href: PAGES_ROOT + CHANGE_HREF, text: t("Projects and assessments") }) }));
  form.replaceWith(done);
  renderEditing(document);
  done.focus();
}

function drawNameFirst(article) {
  const checklist = article.querySelector("form.mh-checklist");
  if (!checklist || !known) return;
  const form = article.querySelector("#mh-name-first");
  const unnamed = !visit.answers.project;
  if (form) {
    // Named elsewhere (another tab, an upload): the form has nothing left to ask.
    if (!unnamed && !form.contains(document.activeElement)) form.remove();
    return;
  }
  if (unnamed && !hasAnswers(visit.answers) && !article.querySelector(".mh-name-first-done")) {
    checklist.before(nameFirstForm(checklist));
  }
}

// The routes as a checklist page gives them (render.py), so that an untouched page fetches nothing.
function knownFromPage(article) {
  const checklist = article.querySelector("form.mh-checklist[data-routes]");
  if (!checklist) return null;
  const routes = {};
  JSON.parse(checklist.getAttribute("data-routes")).forEach(([id, title]) => { routes[id] = title; });
  return { routes, routeItem: { subphase: checklist.getAttribute("data-route-subphase") } };
}

// Every stage and subphase page (those with a summary box); not the score page, which has its own.
export function renderEditing(root) {
  const article = root.querySelector("article.md-content__inner");
  if (!article || !article.querySelector(".mh-summary") || scorePage() || !visit.answers) return;
  // A stage page has no checklist: its banner needs the methodology only to name a chosen route.
  if (!known) known = knownFromPage(article);
  if (!known && visit.answers.route) loadKnown();
  drawBanner(article);
  drawNameFirst(article);
}
