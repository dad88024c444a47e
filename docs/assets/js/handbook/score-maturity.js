/*
 * The maturity figures of the score page's headline (the level each model reaches, with why a
 * level is out of reach on the route, and the ML Test Score), the sentence for a high total at
 * level 0, and the report's roadmap to each model's next level. Every word and number is
 * Python's (maturity.py, through the summary).
 */
import { el } from "./dom.js";
import { PAGES_ROOT } from "./site.js";

// The maturity figure's value: one line per model.
export function maturityLevels(maturity) {
  return el("ul", { class: "mh-maturity-levels" }, ...maturity.models.map((model) =>
    el("li", { "data-model": model.model_id },
      el("span", { class: "mh-maturity-model", text: model.model_title + ": " }),
      el("strong", { class: "mh-maturity-level", text: model.text }),
      model.reach_note ? el("span", { class: "mh-hint mh-maturity-reach", text: " " + model.reach_note }) : null)));
}

// The roadmap section of the report: each model's line, then its steps in the stages' order.
// Plain lists, not folded, so that every step prints.
export function renderRoadmap(page, summary) {
  const section = page.querySelector("#mh-report-roadmap");
  if (!section) return;
  const maturity = summary && summary.maturity;
  section.hidden = !maturity;
  if (!maturity) return;
  section.querySelector("#mh-roadmap").replaceChildren(...maturity.models.map((model) =>
    el("div", { class: "mh-roadmap-model", "data-model": model.model_id },
      el("p", { class: "mh-roadmap-line" }, el("strong", { text: model.model_title }), ". " + model.roadmap_text),
      model.roadmap.length ? el("ol", {}, ...model.roadmap.map((step) => el("li", { "data-item": step.item_id },
        el("a", { class: "mh-roadmap-practice", href: PAGES_ROOT + step.practice_url, text: step.practice_title }),
        ": ", el("a", { href: PAGES_ROOT + step.url, text: step.question }), " ",
        el("span", { class: "mh-status mh-status-" + step.status, text: "(" + step.item_id + ", " + step.status_text + ")" }))))
        : null)));
}
