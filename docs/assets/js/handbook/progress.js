/*
 * How much is answered, where a reader looks for it: beside "Go to the checklist" at the top of
 * a subphase page, in its summary box, and as a mark per subphase in the navigation. The counts
 * are Python's (summary.subphases: items of the route answered, marked not applicable, open; done
 * is the first two); none is computed here. Before a route is chosen there is no count, and
 * nothing is marked.
 */
import { el, setAttribute, setText } from "./dom.js";
import { t, tParts } from "./i18n.js";
import { shortItemText } from "./item-names.js";
import { scorer } from "./scorer-client.js";
import { PAGES_ROOT } from "./site.js";
import { hasStoredAnswers } from "./storage.js";

const MARKS = {
  all: { glyph: "\u25cf", text: () => t("all answered or not applicable") },
  some: { glyph: "\u25d0", text: () => t("some answered or not applicable") },
  none: { glyph: "\u25cb", text: () => t("none answered yet") },
};

// subphase id -> {answered, not_applicable, open, done, items_total, next_open, next_url}, or null
// before a score.
export function subphaseProgress(subphaseId) {
  const result = scorer.result;
  if (!result || !result.ok || !result.summary.subphases) return null;
  return result.summary.subphases.filter((entry) => entry.id === subphaseId)[0] || null;
}

export function progressState(progress) {
  if (!progress || !progress.items_total) return null;
  if (!progress.open) return "all";
  return progress.done ? "some" : "none";
}

// "2 of 5 answered", or with items marked not applicable "2 answered, 1 not applicable, of 5".
export function progressText(progress) {
  if (!progress.items_total) return t("no checks on this route");
  if (!progress.not_applicable) {
    return t("{answered} of {total} answered", { answered: progress.answered, total: progress.items_total });
  }
  return t("{answered} answered, {na} not applicable, of {total}", {
    answered: progress.answered, na: progress.not_applicable, total: progress.items_total });
}

// The item of this page named by its practice or its question (read from its fieldset).
function itemText(itemId) {
  const fieldset = document.getElementById(itemId);
  if (!fieldset) return itemId;
  const practice = fieldset.querySelector(".mh-practice-link");
  const legend = fieldset.querySelector("legend");
  const question = legend ? legend.textContent.replace(itemId, "") : "";
  return shortItemText(question, practice ? practice.textContent.trim() : "") || itemId;
}

// The subphase summary's line: the count, and the next item to answer one click away.
export function subphaseLine(subphaseId) {
  const progress = subphaseProgress(subphaseId);
  if (!progress || !progress.items_total) return null;
  return el("p", { class: "mh-summary-subphase" },
    t("This subphase: "), el("span", { class: "mh-subphase-answered", text: progressText(progress) }),
    progress.next_open
      ? el("span", {}, ...tParts(". Next to answer: {item}.", { item:
        el("a", { href: "#" + progress.next_open, class: "mh-next-unanswered" },
          el("span", { class: "mh-next-text", text: itemText(progress.next_open) }),
          " ", el("span", { class: "mh-item-ref", text: "(" + progress.next_open + ")" })) }))
      : progress.not_applicable ? t(". Every check here is answered or marked not applicable.")
                                : t(". Every check here is answered."));
}

function renderTopCounts(root) {
  root.querySelectorAll(".mh-progress[data-subphase]").forEach((span) => {
    if (!span.hasAttribute("data-items")) span.setAttribute("data-items", span.textContent);
    const progress = subphaseProgress(span.getAttribute("data-subphase"));
    setText(span, progress ? "(" + progressText(progress) + ")" : span.getAttribute("data-items"));
  });
}

// The subphase a navigation link leads to, from its address under the root of the page's language.
export function linkedSubphase(href, siteRoot) {
  if (!href.startsWith(siteRoot) || href.includes("#")) return null;
  const parts = href.slice(siteRoot.length).split(/[?#]/)[0].split("/").filter(Boolean);
  return parts.length === 2 ? parts[1] : null;
}

function renderNavMarks() {
  // The site navigation only: the table of contents links to this page's own headings.
  document.querySelectorAll(".md-nav--primary .md-nav__link[href]").forEach((link) => {
    const subphase = linkedSubphase(link.href, PAGES_ROOT);
    if (!subphase) return;
    const state = progressState(subphaseProgress(subphase));
    let mark = link.querySelector(".mh-nav-mark");
    if (!state) {
      if (mark) mark.remove();
      return;
    }
    if (!mark) {
      mark = el("span", { class: "mh-nav-mark" },
        el("span", { "aria-hidden": "true", class: "mh-nav-glyph" }),
        el("span", { class: "mh-visually-hidden" }));
      link.appendChild(mark);
    }
    setAttribute(mark, "data-progress", state);
    setAttribute(mark, "title", sentenceCase(MARKS[state].text()));
    setText(mark.firstChild, MARKS[state].glyph);
    setText(mark.lastChild, " (" + MARKS[state].text() + ")");
  });
  renderLegend();
}

const sentenceCase = (text) => text.charAt(0).toUpperCase() + text.slice(1);

// Under the navigation, once marks are shown: a folded line saying what each mark means.
function renderLegend() {
  const nav = document.querySelector(".md-nav--primary");
  if (!nav) return;
  const marked = nav.querySelector(".mh-nav-mark") !== null;
  let legend = nav.querySelector(".mh-nav-legend");
  if (!marked) {
    if (legend) legend.remove();
    return;
  }
  if (legend) return;
  legend = el("details", { class: "mh-nav-legend" },
    el("summary", { text: t("What the dots mean") }),
    el("p", { text: t("Beside each subphase, for the assessment shown, on its route:") }),
    el("ul", {}, ...Object.keys(MARKS).map((state) => el("li", { "data-progress": state },
      el("span", { class: "mh-nav-glyph", "aria-hidden": "true", text: MARKS[state].glyph }),
      " " + sentenceCase(MARKS[state].text())))),
    el("p", { text: t("No dot: the subphase has no checks on that route, or no route is chosen yet.") }));
  nav.append(legend);
}

// The home page's "Continue" appears once answers exist and leads to the next item to answer
// (the score page when every item is answered or before a score).
function renderContinue(root) {
  const link = root.querySelector(".mh-start .mh-continue");
  if (!link) return;
  link.hidden = !hasStoredAnswers();
  const result = scorer.result;
  const next = result && result.ok && result.summary.subphases
    ? result.summary.subphases.filter((entry) => entry.next_url)[0] : null;
  link.href = PAGES_ROOT + (next ? next.next_url : "score/");
}

export function renderProgress(root) {
  renderTopCounts(root);
  renderNavMarks();
  renderContinue(root);
}
