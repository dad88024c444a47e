/*
 * How much is answered, where a reader looks for it: beside "Go to the checklist" at the top of
 * a subphase page, in its summary box, and as a mark per subphase in the navigation. The counts
 * are Python's (summary.subphases: items of the route answered, marked not applicable, open; done
 * is the first two); none is computed here. Before a route is chosen there is no count, and
 * nothing is marked.
 */
import { el } from "./dom.js";
import { scorer } from "./scorer-client.js";
import { SITE_ROOT } from "./site.js";
import { hasStoredAnswers } from "./storage.js";

const MARKS = {
  all: { glyph: "\u25cf", text: "all answered or not applicable" },
  some: { glyph: "\u25d0", text: "some answered or not applicable" },
  none: { glyph: "\u25cb", text: "none answered yet" },
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
  if (!progress.items_total) return "no checks on this route";
  if (!progress.not_applicable) return progress.answered + " of " + progress.items_total + " answered";
  return progress.answered + " answered, " + progress.not_applicable + " not applicable, of " + progress.items_total;
}

// The subphase summary's line: the count, and the next item to answer one click away.
export function subphaseLine(subphaseId) {
  const progress = subphaseProgress(subphaseId);
  if (!progress || !progress.items_total) return null;
  return el("p", { class: "mh-summary-subphase" },
    "This subphase: ", el("span", { class: "mh-subphase-answered", text: progressText(progress) }),
    progress.next_open
      ? el("span", {}, ". Next to answer: ",
        el("a", { href: "#" + progress.next_open, class: "mh-next-unanswered",
                  text: progress.next_open }), ".")
      : progress.not_applicable ? ". Every check here is answered or marked not applicable."
                                : ". Every check here is answered.");
}

function renderTopCounts(root) {
  root.querySelectorAll(".mh-progress[data-subphase]").forEach((span) => {
    if (!span.hasAttribute("data-items")) span.setAttribute("data-items", span.textContent);
    const progress = subphaseProgress(span.getAttribute("data-subphase"));
    span.textContent = progress ? "(" + progressText(progress) + ")" : span.getAttribute("data-items");
  });
}

// The subphase a navigation link leads to, from its address under the site root.
export function linkedSubphase(href, siteRoot) {
  if (!href.startsWith(siteRoot) || href.includes("#")) return null;
  const parts = href.slice(siteRoot.length).split(/[?#]/)[0].split("/").filter(Boolean);
  return parts.length === 2 ? parts[1] : null;
}

function renderNavMarks() {
  // The site navigation only: the table of contents links to this page's own headings.
  document.querySelectorAll(".md-nav--primary .md-nav__link[href]").forEach((link) => {
    const subphase = linkedSubphase(link.href, SITE_ROOT);
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
    mark.setAttribute("data-progress", state);
    mark.firstChild.textContent = MARKS[state].glyph;
    mark.lastChild.textContent = " (" + MARKS[state].text + ")";
  });
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
  link.href = SITE_ROOT + (next ? next.next_url : "score/");
}

export function renderProgress(root) {
  renderTopCounts(root);
  renderNavMarks();
  renderContinue(root);
}
