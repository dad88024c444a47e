/*
 * The score as every page shows it: the summary boxes (intro of stage and subphase pages), the
 * header badge, and the figures the score page shares with them. Every number comes from Python.
 */
import { bar, el, scorePage } from "./dom.js";
import { methodology, selector } from "./methodology.js";
import { subphaseLine } from "./progress.js";
import { scorer } from "./scorer-client.js";
import { PAGES_ROOT } from "./site.js";
import { visit } from "./state.js";
import { hasStoredAnswers } from "./storage.js";
import { percentText } from "./text.js";

export function routeLabel(summary) {
  return summary.route_title + (summary.task_type_title ? " \u00b7 " + summary.task_type_title : "");
}

// How many items are marked not applicable, in the whole route or in one stage.
export function naCount(summary, stageId) {
  return summary.not_applicable.filter((entry) => stageId === undefined || entry.stage_id === stageId).length;
}

// "Of what applies", as Python gives it, numbers in spans; never without the items and points
// marked not applicable beside it, nor without the package's flag when those pass a quarter.
export function applicableFigures(figures, withPoints) {
  const share = el("span", { class: "mh-na-share", text: figures.not_applicable_text });
  const flag = figures.not_applicable_flag
    ? el("span", { class: "mh-na-flag", text: figures.not_applicable_flag + "." }) : null;
  if (figures.applicable_percent === null || figures.applicable_percent === undefined) {
    return el("span", { class: "mh-applicable" }, "nothing of it applies (every check is marked not applicable: ",
      share, ")", flag ? " " : null, flag);
  }
  return el("span", { class: "mh-applicable" },
    el("span", { class: "mh-applicable-percent", text: percentText(figures.applicable_percent) }),
    " of what applies (",
    withPoints ? el("span", { class: "mh-applicable-points", text: String(figures.points) }) : null,
    withPoints ? " of " : null,
    withPoints ? el("span", { class: "mh-applicable-maximum", text: String(figures.applicable_maximum) }) : null,
    withPoints ? " points; " : null,
    share, ")", flag ? " " : null, flag);
}

// The paper-core subscore, as Python gives it.
export function paperFigures(figures, lead) {
  return el("span", { class: "mh-paper" }, lead,
    el("span", { class: "mh-paper-points", text: String(figures.paper_points) }), " of ",
    el("span", { class: "mh-paper-maximum", text: String(figures.paper_maximum) }), " points");
}

// While the ML task type is unchosen, the maximum is the top of the range: the note links to
// the question that chooses it (asked in Modeling), so it is one click from wherever it shows.
export function maximumNote(summary) {
  if (!summary.maximum_provisional) return null;
  return el("span", { class: "mh-provisional" }, " (top of the range until ", selectorLink("task-type",
    "the ML task type", "modeling/training-validation-tests/"), " is chosen)");
}

// A link to the checklist item that chooses the route or the ML task type (methodology.json's
// selectors), pointing at its subphase (and named `text`) until the methodology is read.
function selectorLink(selects, text, fallback, foundText) {
  const link = el("a", { class: "mh-selector-link", href: PAGES_ROOT + fallback, text });
  methodology().then((data) => {
    const entry = selector(data, selects);
    if (!entry) return;
    link.href = PAGES_ROOT + entry.stage + "/" + entry.subphase + "/#" + entry.item.id;
    if (foundText) link.textContent = foundText;
  }, () => {});
  return link;
}

function scoreLink(text) {
  return el("a", { href: PAGES_ROOT + "score/", text });
}

function routeChooserLink() {
  return selectorLink("route", "Business Comprehension", "business-comprehension/", "the first question of the checklist");
}

// Python's answer when no route is chosen yet: the usual first state, not a fault.
function needsRoute() {
  const result = scorer.result;
  return !visit.answers.route && result && !result.ok && result.error && result.error.place === "route";
}

export function summaryState() {
  if (scorer.state === "ready" && scorer.result) return scorer.result.ok ? "scored" : "error";
  return scorer.state;
}

function kept() {
  return visit.storageWorks && visit.saving;
}

// What a summary box (or, `compact`, the score page's total) says in the scorer's current state.
export function statusContent(box, compact) {
  const stageId = box ? box.getAttribute("data-stage") : null;
  const result = scorer.result;
  if (scorer.state === "unavailable") {
    // A damaged copy of the site is not this browser's fault: say what the worker found.
    const reason = (scorer.damaged ? "Scoring cannot start: " : "Scoring is unavailable in this browser: ") +
                   scorer.reason.replace(/\.+$/, "") + ". Your " +
                   (kept() ? "answers are still saved here" : "answers are kept in this tab");
    return [el("p", { class: "mh-summary-message" }, reason,
      scorePage() ? " and can be downloaded as a JSON file below." : ", and you can download them from ",
      scorePage() ? null : scoreLink("Your score"), scorePage() ? null : ".")];
  }
  if (scorer.state === "idle") {
    return [el("p", { class: "mh-summary-message" },
      "No answers yet. Answer a checklist item and your score appears here.")];
  }
  if (scorer.state === "loading" || !result) {
    const progress = el("progress", { max: "3", "aria-label": "Loading the scorer" });
    if (scorer.step) progress.value = scorer.step;
    return [el("p", { class: "mh-summary-message" }, progress,
      " Loading the scorer (once per visit): " + scorer.progress + "\u2026 " +
      (kept() ? "Your answers are saved meanwhile." : "Your answers are kept meanwhile."))];
  }
  if (!result.ok) {
    if (needsRoute()) {
      if (scorePage()) {
        return [el("p", { class: "mh-summary-message" }, "Choose the deliverable (the route) in ",
          el("a", { href: "#mh-route", text: "Route, under Project" }), " to see your score.")];
      }
      return [el("p", { class: "mh-summary-message" },
        "Choose the deliverable (the route) in ", routeChooserLink(), " to see your score.")];
    }
    return [el("p", { class: "mh-summary-message mh-error" },
      "Your answers cannot be scored: " + (result.error ? result.error.message : "unknown error"))];
  }
  const summary = result.summary;
  const parts = [
    el("p", { class: "mh-summary-total" },
      el("strong", { text: routeLabel(summary) }), ": ",
      el("span", { class: "mh-points", text: String(summary.points) }), " of ",
      el("span", { class: "mh-maximum", text: String(summary.maximum) }), " points",
      maximumNote(summary), ", ",
      el("span", { class: "mh-percent", text: percentText(summary.percent) }),
      " on the paper's scale"),
    bar(summary.percent, "Overall " + percentText(summary.percent)),
  ];
  const subphase = box ? subphaseLine(box.getAttribute("data-subphase")) : null;
  if (subphase && !compact) parts.push(subphase);
  const stage = summary.stages.filter((s) => s.id === stageId)[0];
  if (stage && !compact) {
    const stageNa = naCount(summary, stage.id);
    parts.push(el("p", { class: "mh-summary-stage" },
      stage.maximum ? "This stage: " + stage.points + " of " + stage.maximum + " points, " +
                      percentText(stage.percent) + "; " : "This stage has no checks on this route. ",
      stage.maximum && stageNa ? applicableFigures(stage, true) : null,
      stage.maximum && stageNa ? "; " : null,
      stage.maximum ? el("span", { class: "mh-summary-counts", text: stage.counts_text }) : null,
      stage.maximum ? ". " : null,
      scoreLink("Your score and what is missing")));
  }
  return parts;
}

export function renderSummaryBoxes(root) {
  root.querySelectorAll(".mh-summary").forEach((box) => {
    if (!box.hasAttribute("role")) {
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
    }
    box.setAttribute("data-state", summaryState());
    box.replaceChildren(...statusContent(box, false));
  });
}

// A small badge in the header, so the total stays in view while answering far down a page.
export function renderHeaderBadge() {
  const header = document.querySelector(".md-header__inner");
  if (!header) return;
  let badge = header.querySelector(".mh-header-score");
  if (!badge) {
    badge = el("a", { class: "mh-header-score", href: PAGES_ROOT + "score/" });
    const search = header.querySelector(".md-search");
    header.insertBefore(badge, search || null);
  }
  badge.href = PAGES_ROOT + "score/";
  const state = summaryState();
  badge.setAttribute("data-state", state);
  // Nothing to show before the scorer starts, nor when it started for something else (the
  // Portfolio page) with no answers of this browser's to score.
  badge.hidden = state === "idle" || (state === "ready" && !hasStoredAnswers());
  let text;
  let points = null;  // on a phone only the percentage shows, so the page title keeps its room
  if (state === "scored") {
    const summary = scorer.result.summary;
    points = summary.points + " / " + summary.maximum + " \u00b7 ";
    text = percentText(summary.percent);
    badge.title = "Your score: " + routeLabel(summary) +
                  (summary.applicable_percent === null ? ""
                    : "; " + percentText(summary.applicable_percent) + " of what applies (" +
                      summary.not_applicable_text + ")") +
                  (summary.not_applicable_flag ? ". " + summary.not_applicable_flag : "") +
                  "; checks: " + summary.counts_text;
  } else if (state === "unavailable") {
    text = "Scoring unavailable";
    badge.title = scorer.reason;
  } else if (state === "error") {
    text = needsRoute() ? "Score: choose a route" : "Score: see the problem";
    badge.title = "Your score";
  } else {
    text = state === "ready" ? "Scoring\u2026" : "Loading scorer\u2026";
    badge.title = scorer.progress;
  }
  badge.setAttribute("aria-label", "Your score: " + (points || "") + text +
    (state === "scored" ? "; checks: " + scorer.result.summary.counts_text : ""));
  badge.replaceChildren(points ? el("span", { class: "mh-badge-points", text: points }) : "", text);
}
