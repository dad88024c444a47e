/*
 * The score page as a report to hand a client: its header (project, assessor, date, route), what
 * changed since the previous assessment, the gaps in two lists (answered no, not yet assessed)
 * with each item's note, and the items marked not applicable with their reasons. Every word and
 * number about the answers is Python's (report.py, through summary.report).
 */
import { el } from "./dom.js";
import { PAGES_ROOT } from "./site.js";
import { visit } from "./state.js";
import { formatDate, pageLang, t, tn } from "./i18n.js";
import { percentText } from "./text.js";

// A YYYY-MM-DD date as every list of assessments writes it, in the page's language.
function dateText(iso) {
  return iso ? formatDate(iso, pageLang()) : "";
}

// The report's title and details, from the answers shown (so they follow the form at once).
export function renderReportHeader(page, summary) {
  const answers = visit.answers;
  const title = page.querySelector("#mh-report-title");
  title.textContent = answers.project || t("Untitled project");
  const details = [[t("Assessor"), answers.assessor || t("not given")],
                   [t("Date"), dateText(answers.date) || t("not given")]];
  if (summary) {
    details.push([t("Route"), summary.route_title]);
    if (summary.task_type_title || summary.maximum_provisional) {
      details.push([t("ML task type"), summary.task_type_title || t("not chosen yet")]);
    }
  }
  page.querySelector("#mh-report-details").replaceChildren(...details.flatMap(([label, value]) =>
    [el("dt", { text: label }), el("dd", { text: value })]));
}

// Printed or saved as PDF, the report is named after the project (the browser offers the title
// as the file's name); the page's own title comes back afterwards.
let pageTitle = null;
window.addEventListener("beforeprint", () => {
  if (!document.getElementById("mh-report") || pageTitle !== null) return;
  pageTitle = document.title;
  document.title = (visit.answers.project ? visit.answers.project + " - " : "") + t("MLOps self-assessment");
});
window.addEventListener("afterprint", () => {
  if (pageTitle !== null) document.title = pageTitle;
  pageTitle = null;
});

function itemLink(entry) {
  return el("a", { class: "mh-gap-question", href: PAGES_ROOT + entry.url, text: entry.question });
}

function note(text) {
  return text ? el("p", { class: "mh-gap-note" }, el("span", { class: "mh-gap-note-label", text: t("Note: ") }),
                   el("span", { class: "mh-gap-note-text", text })) : null;
}

function gapEntry(gap) {
  const facts = [gap.stage_title + " \u203a " + gap.subphase_title, gap.item_id,
                 tn(gap.points_missing, "{n} point", "{n} points")];
  if (gap.status === "partial") facts.push(gap.status_text);
  return el("li", { class: "mh-gap", "data-item": gap.item_id, "data-priority": gap.priority },
    itemLink(gap),
    el("p", { class: "mh-gap-facts" },
      gap.priority_text ? el("strong", { class: "mh-gap-priority", text: gap.priority_text + " \u00b7 " }) : null,
      facts.join(" \u00b7 ")),
    note(gap.note));
}

function gapList(id, heading, gaps, empty) {
  return el("section", { class: "mh-gap-group", id, "aria-labelledby": id + "-heading" },
    el("h3", { id: id + "-heading", class: "mh-report-section", text: heading + " (" + gaps.length + ")" }),
    gaps.length ? el("ol", { class: "mh-gap-list" }, ...gaps.map(gapEntry)) : el("p", { text: empty }));
}

export function renderGaps(section, summary) {
  const report = summary.report;
  if (!summary.missing.length) {
    section.replaceChildren(el("p", { text: summary.not_applicable.length
      ? t("Nothing is missing: every check of this route that applies scores its points.")
      : t("Nothing is missing: every check of this route scores its points.") }));
    return;
  }
  section.replaceChildren(
    el("p", { class: "mh-hint mh-gap-order", text: report.order_text }),
    gapList("mh-answered-no", t("Answered no"), report.answered_no, t("No item is answered no.")),
    gapList("mh-not-assessed", t("Not yet assessed"), report.not_assessed, t("Every item is answered.")));
}

// The items marked not applicable, each with its reason and note; they are not among the gaps.
export function renderNotApplicable(section, summary) {
  const entries = summary.not_applicable;
  if (!entries.length) {
    section.replaceChildren();
    return;
  }
  section.replaceChildren(
    el("h3", { id: "marked-not-applicable", class: "mh-report-section",
               text: t("Marked not applicable ({n})", { n: entries.length }) }),
    el("p", { class: "mh-hint", text: t("These score no points on the paper's scale and are left out of " +
                                        "the percentage of what applies.") }),
    el("ul", { class: "mh-na-list" }, ...entries.map((entry) => el("li", { class: "mh-gap", "data-item": entry.item_id },
      itemLink(entry),
      el("p", { class: "mh-gap-facts", text: entry.item_id + " \u00b7 " +
                                             tn(entry.maximum, "{n} point", "{n} points") }),
      el("p", { class: "mh-na-why" }, el("span", { class: "mh-na-why-label", text: t("Reason: ") }),
        el("span", { class: "mh-na-why-text", text: entry.reason })),
      note(summary.report.notes[entry.item_id])))));
}

function totalText(points, maximum, percent) {
  return t("{points} of {maximum} points ({percent})", { points, maximum, percent: percentText(percent) });
}

function changeEntry(change) {
  return el("li", { class: "mh-change", "data-item": change.item_id },
    el("a", { href: PAGES_ROOT + change.stage_id + "/" + change.subphase_id + "/#" + change.item_id,
              text: change.question }),
    el("p", { class: "mh-gap-facts", text: change.item_id + " \u00b7 " + change.before + " \u2192 " + change.after }));
}

// One line on the summary page, the items in the detail.
export function renderChanges(summaryBox, section, summary) {
  const comparison = summary.report.comparison;
  if (!comparison) {
    const problem = summary.report.comparison_problem;
    // replaceChildren(null) would write the text "null": no problem, no children.
    summaryBox.replaceChildren(...(problem
      ? [el("p", { class: "mh-hint mh-screen-only",
                   text: t("The previous assessment of this project cannot be compared: {problem}", { problem }) })]
      : []));
    section.replaceChildren();
    return;
  }
  const since = t("Since the previous assessment ({date})", { date: dateText(comparison.previous_date) || t("undated") });
  const delta = comparison.points_after - comparison.points_before;
  const counts = t("{gained} items gained, {lost} lost, {changed} changed without points", {
    gained: comparison.gained.length, lost: comparison.lost.length, changed: comparison.changed.length });
  summaryBox.replaceChildren(
    el("h4", { text: since }),
    el("p", { class: "mh-change-totals" },
      totalText(comparison.points_before, comparison.maximum_before, comparison.percent_before) +
      (comparison.previous_route_title ? t(" on the {route} route", { route: comparison.previous_route_title }) : "") +
      " \u2192 " + totalText(comparison.points_after, comparison.maximum_after, comparison.percent_after) +
      " " + t("({delta} points); {counts}.", { delta: (delta > 0 ? "+" : "") + delta, counts })));
  const groups = [[t("Gained"), comparison.gained], [t("Lost"), comparison.lost],
                  [t("Changed without points"), comparison.changed]].filter(([, list]) => list.length);
  section.replaceChildren(
    el("h3", { id: "mh-changes-heading", class: "mh-report-section",
               text: since + ": " + t("{n} items changed", { n: comparison.changed_items.length }) }),
    ...(groups.length ? groups.map(([title, list]) => el("div", { class: "mh-change-group" },
      el("h4", { text: title + " (" + list.length + ")" }),
      el("ul", { class: "mh-change-list" }, ...list.map(changeEntry))))
      : [el("p", { text: t("No answer changed.") })]));
}
