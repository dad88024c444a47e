/*
 * The score page: the report (its header, the headline figures in Python's order, the stages,
 * the roadmap, what changed, the gaps and what is marked not applicable, as Python computed
 * them); its form (project fields, route, ML task type) and its buttons (print, spreadsheet,
 * answers file, upload, reset).
 */
import { answersChanged, setRoute } from "./changes.js";
import { restoreControls } from "./checklist-view.js";
import { bar, el, scorePage } from "./dom.js";
import { t, tParts } from "./i18n.js";
import { previousAnswers } from "./report-previous.js";
import { renderChanges, renderGaps, renderNotApplicable, renderReportHeader } from "./report-view.js";
import { resetAnswers } from "./reset.js";
import { maturityLevels, renderRoadmap } from "./score-maturity.js";
import { updateScorePageFields } from "./score-form.js";
import { applicableFigures, maximumNote, naCount, paperFigures, statusContent, summaryState }
  from "./score-status.js";
import { rescore, scorer, setScoreExtras } from "./scorer-client.js";
import { PAGES_ROOT } from "./site.js";
import { visit } from "./state.js";
import { saveAnswers } from "./storage.js";
import { percentText } from "./text.js";
import { downloadAnswers, downloadSpreadsheet, uploadAnswers } from "./transfer.js";

// On the score page a score request asks for the report too, and what changed since the
// previous assessment of the same project.
setScoreExtras(() => (scorePage() ? { report: true, previous: previousAnswers() } : {}));

// The figures after the total, keyed as Python's headline names them (report.py).
const FIGURES = {
  maturity: (summary) => maturityLevels(summary.maturity),
  "ml-test-score": (summary) => el("span", { class: "mh-ml-test-score", text: summary.maturity.ml_test_score.text }),
  applicable: (summary) => applicableFigures(summary, true),
  paper: (summary) => el("span", {}, ...tParts("{points} ({percent}); the rest are derived from its text or added " +
                                               "by the handbook", {
    points: paperFigures(summary, ""),
    percent: el("span", { class: "mh-paper-percent", text: percentText(summary.paper_percent) }) })),
  checks: (summary) => el("span", {}, ...tParts("{answered} answered, {na} not applicable, {open} open, of {total}", {
    answered: el("span", { class: "mh-answered", text: String(summary.answered) }),
    na: el("span", { class: "mh-na-count", text: String(summary.not_applicable_count) }),
    open: el("span", { class: "mh-open", text: String(summary.open) }),
    total: el("span", { class: "mh-items-total", text: String(summary.items_total) }) })),
};

function headline(summary) {
  const figures = summary.report.headline;
  const total = figures[0];
  return [
    el("p", { class: "mh-score-overall" },
      el("span", { class: "mh-figure-label", text: total.label + ": " }),
      ...tParts("{points} of {maximum} points{note}, {percent}", {
        points: el("span", { class: "mh-points", text: String(summary.points) }),
        maximum: el("span", { class: "mh-maximum", text: String(summary.maximum) }),
        note: maximumNote(summary),
        percent: el("span", { class: "mh-percent", text: percentText(summary.percent) }) })),
    bar(summary.percent, t("Overall {percent}", { percent: percentText(summary.percent) })),
    el("dl", { class: "mh-score-figures" }, ...figures.slice(1).flatMap((figure) => [
      el("dt", { "data-figure": figure.key, text: figure.label }),
      el("dd", { "data-figure": figure.key }, FIGURES[figure.key] ? FIGURES[figure.key](summary) : figure.text)])),
    summary.maturity.by_hand ? el("p", { class: "mh-by-hand", text: summary.maturity.by_hand }) : null,
  ].filter(Boolean);
}

function clearReport(page) {
  ["#mh-score-stages", "#mh-score-missing", "#mh-score-na", "#mh-report-change-summary", "#mh-report-changes"]
    .forEach((selector) => page.querySelector(selector).replaceChildren());
  renderRoadmap(page, null);
}

export function renderScorePage() {
  const page = scorePage();
  if (!page) return;
  const total = page.querySelector("#mh-score-total");
  total.setAttribute("data-state", summaryState());
  const summary = summaryState() === "scored" ? scorer.result.summary : null;
  renderReportHeader(page, summary);
  if (!summary || !summary.report) {
    total.replaceChildren(...statusContent(null, true));
    clearReport(page);
    // A score made on another page has no report: ask for one.
    if (summary) rescore();
    return;
  }
  total.replaceChildren(...headline(summary));
  renderRoadmap(page, summary);
  page.querySelector("#mh-score-stages").replaceChildren(...summary.stages.map((stage) => {
    const stageNa = naCount(summary, stage.id);
    return el("li", { class: "mh-stage-score", "data-stage": stage.id },
      el("a", { class: "mh-stage-title", href: PAGES_ROOT + stage.id + "/", text: stage.title }),
      el("span", { class: "mh-stage-numbers" },
        stage.maximum
          ? el("span", { class: "mh-stage-figures",
                         text: stage.points + " / " + stage.maximum + " \u00b7 " + percentText(stage.percent) })
          : el("span", { class: "mh-stage-figures", text: t("no checks on this route") }),
        stage.items_total
          ? el("span", { class: "mh-stage-answered", text: stage.counts_text })
          : null,
        stageNa && stage.maximum
          ? el("span", { class: "mh-stage-applicable" }, applicableFigures(stage, true))
          : null),
      bar(stage.percent, stage.title + " " + percentText(stage.percent)));
  }));
  renderChanges(page.querySelector("#mh-report-change-summary"), page.querySelector("#mh-report-changes"), summary);
  renderGaps(page.querySelector("#mh-score-missing"), summary);
  renderNotApplicable(page.querySelector("#mh-score-na"), summary);
}

function onScoreSelect(select) {
  if (select.id === "mh-route") {
    setRoute(select.value);
  } else if (select.id === "mh-task-type") {
    visit.answers.task_type = select.value || null;
  }
  answersChanged();
  restoreControls(document);
  updateScorePageFields();
}

// The buttons of this view of the score page, once per view.
export function wireScorePage(page) {
  if (page.getAttribute("data-wired")) return;
  page.setAttribute("data-wired", "true");
  page.querySelector("#mh-download-xlsx").addEventListener("click", (event) => {
    downloadSpreadsheet(event.currentTarget);
  });
  page.querySelector("#mh-download-json").addEventListener("click", downloadAnswers);
  const file = page.querySelector("#mh-upload-file");
  page.querySelector("#mh-upload").addEventListener("click", () => { file.click(); });
  file.addEventListener("change", () => { uploadAnswers(file); });
  page.querySelector("#mh-reset").addEventListener("click", resetAnswers);
  const print = document.getElementById("mh-print");
  if (print) print.addEventListener("click", () => { window.print(); });
}

// The form's fields and choosers, listened to on the document, once per visit.
export function wireScoreForm() {
  document.addEventListener("change", (event) => {
    const input = event.target;
    if (input.closest && input.closest("#mh-score") && input.matches("select")) onScoreSelect(input);
  });
  document.addEventListener("input", (event) => {
    const target = event.target;
    if (target.matches && target.matches("#mh-score input[data-field]")) {
      visit.answers[target.getAttribute("data-field")] = target.value;
      saveAnswers();
      renderReportHeader(scorePage(), summaryState() === "scored" ? scorer.result.summary : null);
    }
  });
}
