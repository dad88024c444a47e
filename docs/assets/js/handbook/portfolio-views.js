/*
 * The Portfolio page's views, drawn from the scorer's answer {portfolio, problems, charts}: each
 * chart (SVG text the package drew) with a table of the same figures beside it, the files left
 * out with their problem, and the download buttons. Every number comes from the package.
 */
import { el } from "./dom.js";
import { formatDate, pageLang, t, tn } from "./i18n.js";
import { summaryText, withoutFileName } from "./portfolio-data.js";
import { PAGES_ROOT } from "./site.js";
import { percentText } from "./text.js";

const WEAK_ITEMS_SHOWN = 10;   // as many as the chart draws (charts.py)

// actions = {workbook(button), json()}: what the download buttons do.
export function drawPortfolio(container, result, unreadable, links, actions) {
  const portfolio = result.portfolio;
  const latest = portfolio.assessments.filter((a) => a.latest);
  const problems = unreadable.concat(result.problems || []);
  const parts = [summary(portfolio, problems), problemList(problems)];
  if (latest.length) {
    parts.push(downloads(actions),
      view("distribution", t("Distribution of totals"), t("The paper's figure 2"), result.charts.distribution,
           distributionTable(portfolio)),
      view("projects", t("Each project against its route"), t("The paper's figure 3"), result.charts.projects,
           projectsTable(latest)),
      view("stages", t("Projects by stage"), t("Added by the handbook"), null, stagesTable(portfolio, latest)),
      view("weak-items", t("Items most projects fail"), t("The paper's figures 4 to 8"), result.charts.weak_items,
           weakItemsTable(portfolio.weak_items, links)),
      view("not-applicable", t("Items most often marked not applicable"), t("Added by the handbook"), null,
           markedItemsTable(portfolio.not_applicable_items, links)),
      view("progress", t("Progress"), t("Added by the handbook"), result.charts.progress,
           progressTable(portfolio.progress)),
      view("assessments", t("Every assessment read"), null, null, assessmentsTable(portfolio.assessments)));
  }
  container.replaceChildren(...parts.filter(Boolean));
  reachableScrolling(container);
}

// A table wider than the page scrolls sideways; keyboard users reach it with Tab to scroll it.
function reachableScrolling(container) {
  container.querySelectorAll(".mh-portfolio-table").forEach((wrapper) => {
    if (wrapper.scrollWidth <= wrapper.clientWidth) return;
    wrapper.setAttribute("tabindex", "0");
    wrapper.setAttribute("role", "region");
    wrapper.setAttribute("aria-label", wrapper.querySelector("caption").textContent);
  });
}

function summary(portfolio, problems) {
  return el("p", { id: "mh-portfolio-summary", class: "mh-portfolio-summary",
                   text: summaryText(portfolio, problems.length) });
}

function problemList(problems) {
  if (!problems.length) return null;
  return el("section", { class: "mh-portfolio-problems", "aria-labelledby": "mh-portfolio-problems-heading" },
    el("h2", { id: "mh-portfolio-problems-heading", text: t("Files not counted ({n})", { n: problems.length }) }),
    el("ul", {}, ...problems.map((problem) => el("li", { "data-file": problem.file },
      el("strong", { text: problem.file }), ": " + withoutFileName(problem)))));
}

function downloads(actions) {
  const workbook = el("button", { type: "button", id: "mh-portfolio-xlsx", class: "md-button md-button--primary",
                                  text: t("Download the portfolio spreadsheet (.xlsx)") });
  workbook.addEventListener("click", () => { actions.workbook(workbook); });
  const json = el("button", { type: "button", id: "mh-portfolio-json", class: "md-button",
                              text: t("Download the portfolio (JSON)") });
  json.addEventListener("click", () => { actions.json(); });
  return el("div", { class: "mh-portfolio-downloads" }, workbook, json);
}

// A view: heading, where it comes from, its chart (if any) and its table.
function view(key, title, origin, svgText, table) {
  if (!table) return null;
  const chart = svgText ? svgNode(svgText) : null;
  return el("section", { id: "mh-portfolio-" + key, class: "mh-portfolio-view",
                         "aria-labelledby": "mh-portfolio-" + key + "-heading" },
    el("h2", { id: "mh-portfolio-" + key + "-heading", text: title }),
    origin ? el("p", { class: "mh-hint", text: origin + "." }) : null,
    chart ? el("figure", { class: "mh-chart-figure" }, chart) : null,
    table);
}

// The package's SVG text as a node (parsed as XML: nothing in it runs).
function svgNode(text) {
  const parsed = new DOMParser().parseFromString(text, "image/svg+xml");
  const root = parsed.documentElement;
  return root && root.localName === "svg" ? document.importNode(root, true) : null;
}

// A table as the theme styles them (it styles only tables without a class), scrolling sideways if wide.
function table(caption, headings, rows, numeric) {
  return el("div", { class: "mh-portfolio-table" }, el("table", {},
    el("caption", { text: caption }),
    el("thead", {}, el("tr", {}, ...headings.map((heading, index) =>
      el("th", Object.assign({ scope: "col", text: heading }, numberClass(numeric, index)))))),
    el("tbody", {}, ...rows.map((cells) => el("tr", {}, ...cells.map((cell, index) => (index === 0
      ? el("th", { scope: "row" }, cell)
      : el("td", numberClass(numeric, index), cell))))))));
}

function numberClass(numeric, index) {
  return numeric.includes(index) ? { class: "mh-number" } : {};
}

function pointsText(points, maximum, percent) {
  return points + " / " + maximum + " \u00b7 " + percentText(percent);
}

function distributionTable(portfolio) {
  const bins = portfolio.distribution.bins;
  return table(t("Projects per band of percent of their route maximum (latest assessment of each)"),
    [t("Band"), t("Projects"), t("Which")],
    bins.map((b) => [t("{from}-{to}%", { from: b.from, to: b.to }), String(b.count), b.projects.join(", ")]), [1]);
}

// A YYYY-MM-DD date as the charts and the lists of assessments write it; none as "".
function dateText(iso) {
  return iso ? formatDate(iso, pageLang()) : "";
}

function projectsTable(latest) {
  return table(t("Each project's latest assessment against its route maximum"),
    [t("Project"), t("Route"), t("Date"), t("Points"), t("Percent"), t("Paper core"), t("Marked not applicable")],
    latest.map((a) => [a.project, a.route_title + (a.task_type_title ? " (" + a.task_type_title + ")" : ""), dateText(a.date),
                       a.points + " / " + a.maximum, percentText(a.percent),
                       pointsText(a.paper_points, a.paper_maximum, a.paper_percent),
                       tn(a.not_applicable_count, "{n} item", "{n} items") + ", " +
                       tn(a.not_applicable_points, "{n} point", "{n} points")]),
    [3, 4, 5, 6]);
}

// The items marked not applicable, most often first, with every reason given.
function markedItemsTable(items, links) {
  if (!items || !items.length) {
    return el("p", { text: t("No item is marked not applicable in any project's latest assessment.") });
  }
  return table(t("Items marked not applicable, by how many projects marked them, over the projects whose route " +
                 "has them"), [t("Item"), t("Question"), t("Marked not applicable"), t("Reasons given")],
    items.map((item) => [
      links[item.id] ? el("a", { href: PAGES_ROOT + links[item.id], text: item.id }) : item.id,
      item.question, t("{n} of {total}", { n: item.marked, total: item.assessed }),
      el("ul", { class: "mh-portfolio-reasons" }, ...item.reasons.map((entry) =>
        el("li", {}, el("strong", { text: entry.project }), ": " + entry.reason)))]),
    [2]);
}

function stagesTable(portfolio, latest) {
  return table(t("Percent of each stage's maximum, per project (latest assessment)"),
    [t("Project")].concat(portfolio.stages.map((stage) => stage.title)),
    latest.map((a) => [a.project].concat(portfolio.stages.map((stage) => {
      const figures = a.stages[stage.id];
      return figures && figures.maximum ? pointsText(figures.points, figures.maximum, figures.percent)
                                        : t("no checks on this route");
    }))),
    portfolio.stages.map((_, index) => index + 1));
}

// The items of the chart in a table; the rest, often many, in a second one behind a disclosure.
function weakItemsTable(items, links) {
  if (!items.length) {
    return el("p", { text: t("No item is answered no or left unanswered in any project's latest assessment.") });
  }
  const shown = items.slice(0, WEAK_ITEMS_SHOWN);
  const rest = items.slice(WEAK_ITEMS_SHOWN);
  const first = weakTable(t("The {items} failed by the most projects: answered no or left unanswered, over the " +
                            "projects whose route has them", { items: tn(shown.length, "{n} item", "{n} items") }),
                          shown, links);
  if (!rest.length) return first;
  return el("div", {}, first, el("details", { class: "mh-portfolio-more" },
    el("summary", { text: t("The other {items} failed by at least one project", {
      items: tn(rest.length, "{n} item", "{n} items") }) }),
    weakTable(t("Further items failed by at least one project"), rest, links)));
}

function weakTable(caption, items, links) {
  return table(caption, [t("Item"), t("Question"), t("Answered no"), t("Not answered"), t("Failing")],
    items.map((item) => [
      links[item.id] ? el("a", { href: PAGES_ROOT + links[item.id], text: item.id }) : item.id,
      item.question, String(item.no), String(item.unanswered), t("{n} of {total}", { n: item.failing, total: item.assessed })]),
    [2, 3, 4]);
}

function progressTable(progress) {
  if (!progress.length) {
    return el("p", { text: t("No project is assessed on more than one date. Add earlier assessments of the same " +
                             "project (the same project name) to see its progress.") });
  }
  const rows = [];
  progress.forEach((series) => {
    series.points.forEach((point) => {
      rows.push([series.project, dateText(point.date), point.points + " / " + point.maximum, percentText(point.percent)]);
    });
  });
  return table(t("Each assessment of the projects assessed on several dates, oldest first"),
    [t("Project"), t("Date"), t("Points"), t("Percent")], rows, [2, 3]);
}

function assessmentsTable(assessments) {
  return table(t("Every assessment read, with the file it came from"),
    [t("File"), t("Project"), t("Assessor"), t("Date"), t("Route"), t("Points"), t("Counted as latest")],
    assessments.map((a) => [a.file, a.project, a.assessor || "", dateText(a.date), a.route_title,
                            pointsText(a.points, a.maximum, a.percent), a.latest ? t("yes") : t("no (an earlier one)")]),
    [5]);
}
