/*
 * The score page's maturity block, right after the paper's total: the level each maturity model
 * reaches, the sentence for a high total at level 0, the ML Test Score, and the roadmap to each
 * model's next level. Every word and number is Python's (maturity.py, through the summary).
 */
import { el } from "./dom.js";
import { SITE_ROOT } from "./site.js";

export function renderMaturity(page, summary) {
  const section = page.querySelector("#mh-score-maturity");
  if (!section) return;
  const maturity = summary && summary.maturity;
  section.hidden = !maturity;
  if (!maturity) return;
  section.querySelector("#mh-maturity-levels").replaceChildren(...maturity.models.map((model) =>
    el("li", { "data-model": model.model_id },
      el("span", { class: "mh-maturity-model", text: model.model_title + ": " }),
      el("strong", { class: "mh-maturity-level", text: model.text }),
      model.reach_note ? el("span", { class: "mh-hint mh-maturity-reach", text: model.reach_note }) : null)));
  const tests = maturity.ml_test_score;
  section.querySelector("#mh-maturity-notes").replaceChildren(
    maturity.by_hand ? el("p", { class: "mh-by-hand", text: maturity.by_hand }) : null,
    el("p", { class: "mh-ml-test-score" }, el("span", { class: "mh-maturity-model", text: tests.title + ": " }),
      el("strong", { text: tests.text })));
  // Each model's list folds under its line, so the page's actions stay a few Tab presses away;
  // it opens for printing.
  section.querySelector("#mh-roadmap").replaceChildren(...maturity.models.map((model) => {
    const line = [el("strong", { text: model.model_title }), ". " + model.roadmap_text];
    if (!model.roadmap.length) return el("p", { class: "mh-roadmap-model", "data-model": model.model_id }, ...line);
    return el("details", { class: "mh-roadmap-model", "data-model": model.model_id },
      el("summary", {}, ...line),
      el("ol", {}, ...model.roadmap.map((step) => el("li", { "data-item": step.item_id },
        el("a", { href: SITE_ROOT + step.url, text: step.item_id }), " ",
        el("a", { class: "mh-roadmap-practice", href: SITE_ROOT + step.practice_url, text: step.practice_title }),
        ": " + step.question + " ",
        el("span", { class: "mh-status mh-status-" + step.status, text: "(" + step.status_text + ")" })))));
  }));
}

window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details.mh-roadmap-model").forEach((details) => { details.open = true; });
});
