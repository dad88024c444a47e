/*
 * The score page as a report to hand a client: its header (project, assessor, date, route), what
 * changed since the previous assessment, the gaps in two lists (answered no, not yet assessed)
 * with each item's note, and the items marked not applicable with their reasons. Every word and
 * number about the answers is Python's (report.py, through summary.report).
 */
import { el } from "./dom.js";
import { PAGES_ROOT } from "./site.js";
import { visit } from "./state.js";
import { formatDate } from "./assessment-labels.js";
import { percentText } from "./text.js";

// A YYYY-MM-DD date as every list of assessments writes it, in the page's language.
function dateText(iso) {
  return iso ? formatDate(iso, document.documentElement.lang) : "";
}

const UNTITLED = "Untitled project";

// The report's title and details, from the answers shown (so they follow the form at once).
export function renderReportHeader(page, summary) {
  const answers = visit.answers;
  const title = page.querySelector("#mh-report-title");
  title.textContent = answers.project || UNTITLED;
  const details = [["Assessor", answers.assessor || "not given"], ["Date", dateText(answers.date) || "not given"]];
  if (summary) {
    details.push(["Route", summary.route_title]);
    if (summary.task_type_title || summary.maximum_provisional) {
      details.push(["ML task type", summary.task_type_title || "not chosen yet"]);
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
  document.title = (visit.answers.project ? visit.answers.project + " - " : "") + "MLOps self-assessment";
});
window.addEventListener("afterprint", () => {
  if (pageTitle !== null) document.title = pageTitle;
  pageTitle = null;
});

function itemLink(entry) {
  return el("a", { class: "mh-gap-question", href: PAGES_ROOT + entry.url, text: entry.question });
}

function note(text) {
  return text ? el("p", { class: "mh-gap-note" }, el("span", { class: "mh-gap-note-label", text: "Note: " }),
                   el("span", { class: "mh-gap-note-text", text })) : null;
}

function gapEntry(gap) {
  const facts = [gap.stage_title + " \u203a " + gap.subphase_title, gap.item_id,
                 gap.points_missing === 1 ? "1 point" : gap.points_missing + " points"];
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
      ? "Nothing is missing: every check of this route that applies scores its points."
      : "Nothing is missing: every check of this route scores its points." }));
    return;
  }
  section.replaceChildren(
    el("p", { class: "mh-hint mh-gap-order", text: report.order_text }),
    gapList("mh-answered-no", "Answered no", report.answered_no, "No item is answered no."),
    gapList("mh-not-assessed", "Not yet assessed", report.not_assessed, "Every item is answered."));
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
               text: "Marked not applicable (" + entries.length + ")" }),
    el("p", { class: "mh-hint", text: "These score no points on the paper's scale and are left out of " +
                                      "the percentage of what applies." }),
    el("ul", { class: "mh-na-list" }, ...entries.map((entry) => el("li", { class: "mh-gap", "data-item": entry.item_id },
      itemLink(entry),
      el("p", { class: "mh-gap-facts", text: entry.item_id + " \u00b7 " +
                                             (entry.maximum === 1 ? "1 point" : entry.maximum + " points") }),
      el("p", { class: "mh-na-why" }, el("span", { class: "mh-na-why-label", text: "Reason: " }),
        el("span", { class: "mh-na-why-text", text: entry.reason })),
      note(summary.report.notes[entry.item_id])))));
}

function totalText(points, maximum, percent) {
  return points + " of " + maximum + " points (" + percentText(percent) + ")";
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
    summaryBox.replaceChildren(problem
      ? el("p", { class: "mh-hint mh-screen-only", text: "The previous assessment of this project cannot be compared: " + problem })
      : null);
    section.replaceChildren();
    return;
  }
  const since = "Since the previous assessment (" + (dateText(comparison.previous_date) || "undated") + ")";
  const delta = comparison.points_after - comparison.points_before;
  const counts = comparison.gained.length + " items gained, " + comparison.lost.length + " lost, " +
                 comparison.changed.length + " changed without points";
  summaryBox.replaceChildren(
    el("h4", { text: since }),
    el("p", { class: "mh-change-totals" },
      totalText(comparison.points_before, comparison.maximum_before, comparison.percent_before) +
      (comparison.previous_route_title ? " on the " + comparison.previous_route_title + " route" : "") +
      " \u2192 " + totalText(comparison.points_after, comparison.maximum_after, comparison.percent_after) +
      " (" + (delta > 0 ? "+" : "") + delta + " points); " + counts + "."));
  const groups = [["Gained", comparison.gained], ["Lost", comparison.lost],
                  ["Changed without points", comparison.changed]].filter(([, list]) => list.length);
  section.replaceChildren(
    el("h3", { id: "mh-changes-heading", class: "mh-report-section",
               text: since + ": " + comparison.changed_items.length + " items changed" }),
    ...(groups.length ? groups.map(([title, list]) => el("div", { class: "mh-change-group" },
      el("h4", { text: title + " (" + list.length + ")" }),
      el("ul", { class: "mh-change-list" }, ...list.map(changeEntry))))
      : [el("p", { text: "No answer changed." })]));
}
