/*
 * The score as every page shows it: the summary boxes (intro of stage and subphase pages), the
 * header badge, and the figures the score page shares with them. Every number comes from Python.
 */
import { bar, el, replaceChildrenIfChanged, scorePage, setAttribute } from "./dom.js";
import { methodology, selector } from "./methodology.js";
import { subphaseLine } from "./progress.js";
import { scorer } from "./scorer-client.js";
import { PAGES_ROOT } from "./site.js";
import { visit } from "./state.js";
import { t, tParts } from "./i18n.js";
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
    return el("span", { class: "mh-applicable" },
      ...tParts("nothing of it applies (every check is marked not applicable: {share})", { share }),
      flag ? " " : null, flag);
  }
  const percent = el("span", { class: "mh-applicable-percent", text: percentText(figures.applicable_percent) });
  return el("span", { class: "mh-applicable" },
    ...(withPoints
      ? tParts("{percent} of what applies ({points} of {maximum} points; {share})", {
        percent, share,
        points: el("span", { class: "mh-applicable-points", text: String(figures.points) }),
        maximum: el("span", { class: "mh-applicable-maximum", text: String(figures.applicable_maximum) }) })
      : tParts("{percent} of what applies ({share})", { percent, share })),
    flag ? " " : null, flag);
}

// The paper-core subscore, as Python gives it.
export function paperFigures(figures, lead) {
  return el("span", { class: "mh-paper" }, lead, ...tParts("{points} of {maximum} points", {
    points: el("span", { class: "mh-paper-points", text: String(figures.paper_points) }),
    maximum: el("span", { class: "mh-paper-maximum", text: String(figures.paper_maximum) }) }));
}

// While the ML task type is unchosen, the maximum is the top of the range: the note links to
// the question that chooses it (asked in Modeling), so it is one click from wherever it shows.
export function maximumNote(summary) {
  if (!summary.maximum_provisional) return null;
  return el("span", { class: "mh-provisional" }, ...tParts(" (top of the range until {link} is chosen)", {
    link: selectorLink("task-type", t("the ML task type"), "modeling/training-validation-tests/") }));
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
  return selectorLink("route", t("Business Comprehension"), "business-comprehension/",
                      t("the first question of the checklist"));
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
    const why = scorer.reason.replace(/\.+$/, "");
    const reason = scorer.damaged ? t("Scoring cannot start: {why}. ", { why })
                                  : t("Scoring is unavailable in this browser: {why}. ", { why });
    const rest = scorePage()
      ? [kept() ? t("Your answers are still saved here and can be downloaded as a JSON file below.")
                : t("Your answers are kept in this tab and can be downloaded as a JSON file below.")]
      : kept() ? tParts("Your answers are still saved here, and you can download them from {link}.",
                        { link: scoreLink(t("Your score")) })
               : tParts("Your answers are kept in this tab, and you can download them from {link}.",
                        { link: scoreLink(t("Your score")) });
    return [el("p", { class: "mh-summary-message" }, reason, ...rest)];
  }
  if (scorer.state === "idle") {
    return [el("p", { class: "mh-summary-message" },
      t("No answers yet. Answer a checklist item and your score appears here."))];
  }
  if (scorer.state === "loading" || !result) {
    const progress = el("progress", { max: "3", "aria-label": t("Loading the scorer") });
    if (scorer.step) progress.value = scorer.step;
    return [el("p", { class: "mh-summary-message" }, progress,
      t(" Loading the scorer (once per visit): {step}\u2026 ", { step: scorer.progress }) +
      (kept() ? t("Your answers are saved meanwhile.") : t("Your answers are kept meanwhile.")))];
  }
  if (!result.ok) {
    if (needsRoute()) {
      if (scorePage()) {
        return [el("p", { class: "mh-summary-message" }, ...tParts("Choose the deliverable (the route) in {link} to see your score.",
          { link: el("a", { href: "#mh-route", text: t("Route, under Project") }) }))];
      }
      return [el("p", { class: "mh-summary-message" },
        ...tParts("Choose the deliverable (the route) in {link} to see your score.", { link: routeChooserLink() }))];
    }
    return [el("p", { class: "mh-summary-message mh-error" },
      t("Your answers cannot be scored: {problem}", { problem: result.error ? result.error.message : t("unknown error") }))];
  }
  const summary = result.summary;
  const parts = [
    el("p", { class: "mh-summary-total" },
      ...tParts("{route}: {points} of {maximum} points{note}, {percent} on the paper's scale", {
        route: el("strong", { text: routeLabel(summary) }),
        points: el("span", { class: "mh-points", text: String(summary.points) }),
        maximum: el("span", { class: "mh-maximum", text: String(summary.maximum) }),
        note: maximumNote(summary),
        percent: el("span", { class: "mh-percent", text: percentText(summary.percent) }) })),
    bar(summary.percent, t("Overall {percent}", { percent: percentText(summary.percent) })),
  ];
  const subphase = box ? subphaseLine(box.getAttribute("data-subphase")) : null;
  if (subphase && !compact) parts.push(subphase);
  const stage = summary.stages.filter((s) => s.id === stageId)[0];
  if (stage && !compact) {
    const stageNa = naCount(summary, stage.id);
    parts.push(el("p", { class: "mh-summary-stage" },
      stage.maximum ? t("This stage: {points} of {maximum} points, {percent}; ", {
        points: stage.points, maximum: stage.maximum, percent: percentText(stage.percent) })
        : t("This stage has no checks on this route. "),
      stage.maximum && stageNa ? applicableFigures(stage, true) : null,
      stage.maximum && stageNa ? "; " : null,
      stage.maximum ? el("span", { class: "mh-summary-counts", text: stage.counts_text }) : null,
      stage.maximum ? ". " : null,
      scoreLink(t("Your score and what is missing"))));
  }
  return parts;
}

export function renderSummaryBoxes(root) {
  root.querySelectorAll(".mh-summary").forEach((box) => {
    if (!box.hasAttribute("role")) {
      box.setAttribute("role", "status");
      box.setAttribute("aria-live", "polite");
    }
    setAttribute(box, "data-state", summaryState());
    replaceChildrenIfChanged(box, statusContent(box, false));
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
  setAttribute(badge, "href", PAGES_ROOT + "score/");
  const state = summaryState();
  setAttribute(badge, "data-state", state);
  // Nothing to show before the scorer starts, nor when it started for something else (the
  // Portfolio page) with no answers of this browser's to score.
  badge.hidden = state === "idle" || (state === "ready" && !hasStoredAnswers());
  let text;
  let title;
  let points = null;  // on a phone only the percentage shows, so the page title keeps its room
  if (state === "scored") {
    const summary = scorer.result.summary;
    points = summary.points + " / " + summary.maximum + " \u00b7 ";
    text = percentText(summary.percent);
    title = t("Your score: {route}", { route: routeLabel(summary) }) +
            (summary.applicable_percent === null ? ""
              : "; " + t("{percent} of what applies ({share})", {
                percent: percentText(summary.applicable_percent), share: summary.not_applicable_text })) +
            (summary.not_applicable_flag ? ". " + summary.not_applicable_flag : "") +
            "; " + t("checks: {counts}", { counts: summary.counts_text });
  } else if (state === "unavailable") {
    text = t("Scoring unavailable");
    title = scorer.reason;
  } else if (state === "error") {
    text = needsRoute() ? t("Score: choose a route") : t("Score: see the problem");
    title = t("Your score");
  } else {
    text = state === "ready" ? t("Scoring\u2026") : t("Loading scorer\u2026");
    title = scorer.progress;
  }
  setAttribute(badge, "title", title);
  setAttribute(badge, "aria-label", t("Your score: {route}", { route: (points || "") + text }) +
    (state === "scored" ? "; " + t("checks: {counts}", { counts: scorer.result.summary.counts_text }) : ""));
  replaceChildrenIfChanged(badge, points ? [el("span", { class: "mh-badge-points", text: points }), text] : [text]);
}
