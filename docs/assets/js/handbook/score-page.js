/*
 * The score page: the total, the stages, what is still missing and what is marked not
 * applicable, as Python computed them; its form (project fields, route, ML task type) and its
 * buttons (spreadsheet, answers file, upload, reset).
 */
import { answersChanged, setRoute } from "./changes.js";
import { restoreControls } from "./checklist-view.js";
import { bar, el, scorePage } from "./dom.js";
import { resetAnswers } from "./reset.js";
import { renderMaturity } from "./score-maturity.js";
import { updateScorePageFields } from "./score-form.js";
import { applicableFigures, maximumNote, naCount, paperFigures, routeLabel, statusContent, summaryState }
  from "./score-status.js";
import { scorer } from "./scorer-client.js";
import { SITE_ROOT } from "./site.js";
import { visit } from "./state.js";
import { saveAnswers } from "./storage.js";
import { percentText } from "./text.js";
import { downloadAnswers, downloadSpreadsheet, uploadAnswers } from "./transfer.js";

const STATUS_TEXT = { unanswered: "not answered", no: "answered no", partial: "options still open" };

export function renderScorePage() {
  const page = scorePage();
  if (!page) return;
  const total = page.querySelector("#mh-score-total");
  const stages = page.querySelector("#mh-score-stages");
  const missing = page.querySelector("#mh-score-missing");
  const notApplicable = page.querySelector("#mh-score-na");
  total.setAttribute("data-state", summaryState());
  if (summaryState() !== "scored") {
    total.replaceChildren(...statusContent(null, true));
    stages.replaceChildren();
    missing.replaceChildren();
    if (notApplicable) notApplicable.replaceChildren();
    renderMaturity(page, null);
    return;
  }
  const summary = scorer.result.summary;
  const naTotal = naCount(summary);
  total.replaceChildren(
    el("p", { class: "mh-score-route", text: routeLabel(summary) }),
    el("p", { class: "mh-score-overall" },
      el("span", { class: "mh-percent", text: percentText(summary.percent) }), " ",
      el("span", { class: "mh-score-points" },
        el("span", { class: "mh-points", text: String(summary.points) }), " of ",
        el("span", { class: "mh-maximum", text: String(summary.maximum) }), " points" + maximumNote(summary))),
    bar(summary.percent, "Overall " + percentText(summary.percent)),
    el("ul", { class: "mh-score-figures" },
      el("li", {}, applicableFigures(summary, true)),
      el("li", {}, paperFigures(summary, "Paper's own questions: "), " (",
        el("span", { class: "mh-paper-percent", text: percentText(summary.paper_percent) }),
        "); the rest are derived from its text or added by the handbook"),
      el("li", {}, "Checks: ", el("span", { class: "mh-answered", text: String(summary.answered) }), " answered, ",
        el("span", { class: "mh-na-count", text: String(summary.not_applicable_count) }), " not applicable, ",
        el("span", { class: "mh-open", text: String(summary.open) }), " open, of ",
        el("span", { class: "mh-items-total", text: String(summary.items_total) }))));
  renderMaturity(page, summary);

  stages.replaceChildren(...summary.stages.map((stage) => {
    const stageNa = naCount(summary, stage.id);
    return el("li", { class: "mh-stage-score", "data-stage": stage.id },
      el("a", { class: "mh-stage-title", href: SITE_ROOT + stage.id + "/", text: stage.title }),
      el("span", { class: "mh-stage-numbers" },
        stage.maximum
          ? el("span", { class: "mh-stage-figures",
                         text: stage.points + " / " + stage.maximum + " \u00b7 " + percentText(stage.percent) })
          : el("span", { class: "mh-stage-figures", text: "no checks on this route" }),
        stage.items_total
          ? el("span", { class: "mh-stage-answered", text: stage.counts_text })
          : null,
        stageNa && stage.maximum
          ? el("span", { class: "mh-stage-applicable" }, applicableFigures(stage, true))
          : null),
      bar(stage.percent, stage.title + " " + percentText(stage.percent)));
  }));

  renderNotApplicable(notApplicable, summary);
  renderMissing(missing, summary, naTotal);
}

function renderMissing(missing, summary, naTotal) {
  if (!summary.missing.length) {
    missing.replaceChildren(el("p", { text: naTotal
      ? "Nothing is missing: every check of this route that applies scores its points."
      : "Nothing is missing: every check of this route scores its points." }));
    return;
  }
  // Every group shown at once (and so printed): a heading per stage, its items below.
  const groups = summary.stages.map((stage) => {
    const gaps = summary.missing.filter((gap) => gap.stage_id === stage.id);
    if (!gaps.length) return null;
    return el("div", { class: "mh-missing-stage", "data-stage": stage.id },
      el("h3", { text: stage.title + " (" + gaps.length + ")" }),
      el("ul", {}, ...gaps.map((gap) => el("li", {},
        el("a", { href: SITE_ROOT + gap.url, text: gap.item_id }), " ",
        gap.question + " ",
        el("span", { class: "mh-status mh-status-" + gap.status,
                     text: "(" + (STATUS_TEXT[gap.status] || gap.status) + ")" })))));
  }).filter(Boolean);
  missing.replaceChildren(el("h2", { id: "still-missing", text: "Still missing (" + summary.missing.length + ")" }),
                          ...groups);
}

// The items marked not applicable, each with its reason; they are not in "Still missing".
function renderNotApplicable(section, summary) {
  if (!section) return;
  const entries = summary.not_applicable;
  if (!entries.length) {
    section.replaceChildren();
    return;
  }
  section.replaceChildren(
    el("h2", { id: "marked-not-applicable", text: "Marked not applicable (" + entries.length + ")" }),
    el("p", { class: "mh-hint", text: "These score no points on the paper's scale and are left out of " +
                                      "the percentage of what applies." }),
    el("ul", { class: "mh-na-list" }, ...entries.map((entry) => el("li", { "data-item": entry.item_id },
      el("a", { href: SITE_ROOT + entry.url, text: entry.item_id }), " ",
      el("span", { class: "mh-na-question", text: entry.question }), " ",
      el("span", { class: "mh-na-points",
                   text: "(" + entry.maximum + (entry.maximum === 1 ? " point" : " points") + ")" }),
      el("span", { class: "mh-na-why" }, el("span", { class: "mh-na-why-label", text: "Reason: " }),
        el("span", { class: "mh-na-why-text", text: entry.reason }))))));
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
    }
  });
}
