/*
 * The Portfolio page: the files to compare (dropped, picked, or the assessments stored in this
 * browser), the portfolio the scorer computes from them (portfolio-views.js draws it), and its
 * two downloads. The chosen files stay in this module while the visit lasts, so leaving the page
 * and coming back shows the same portfolio.
 */
import { downloadBlob, el } from "./dom.js";
import { t, tn } from "./i18n.js";
import { methodology } from "./methodology.js";
import { isWorkbook, itemLinks, storedNames, withSource } from "./portfolio-data.js";
import { failureText, isolateFailing } from "./portfolio-isolate.js";
import { drawPortfolio } from "./portfolio-views.js";
import { allAssessments } from "./projects.js";
import { portfolioView, portfolioWorkbook, scorer, startScorer } from "./scorer-client.js";
import { SITE_ROOT } from "./site.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const EXAMPLES = "assets/examples/";

const state = {
  sources: [],       // [{name, content: text or ArrayBuffer}] in the order added
  unreadable: [],    // [{file, message}] files the browser itself could not read
  failing: [],       // [{file, message}] files that stopped the scorer, left out of the portfolio
  result: null,      // the scorer's {portfolio, problems, charts}
  links: {},         // item id -> page address, once the methodology is here
  computing: 0,      // the number of the last computation asked for
};

// A printed portfolio holds every item, those behind the disclosure too.
window.addEventListener("beforeprint", () => {
  document.querySelectorAll("details.mh-portfolio-more:not([open])").forEach((details) => {
    details.open = true;
  });
});

export function portfolioPage() {
  return document.getElementById("mh-portfolio");
}

// Wires the page's controls (each instant navigation brings a new page) and redraws what it had.
export function wirePortfolioPage(page) {
  if (page.getAttribute("data-wired") === "true") return;
  page.setAttribute("data-wired", "true");
  const input = page.querySelector("#mh-portfolio-files");
  page.querySelector("#mh-portfolio-pick").addEventListener("click", () => { input.click(); });
  input.addEventListener("change", () => {
    const files = Array.from(input.files || []);
    input.value = "";
    addFiles(files);
  });
  page.querySelector("#mh-portfolio-stored").addEventListener("click", addStored);
  const examples = page.querySelector("#mh-portfolio-examples");
  examples.addEventListener("click", () => {
    addExamples(examples.dataset.examples.split(" "), examples.dataset.folder || "portfolio/");
  });
  page.querySelector("#mh-portfolio-clear").addEventListener("click", startAgain);
  wireDrop(page.querySelector("#mh-portfolio-drop"));
  redraw();
}

function wireDrop(zone) {
  zone.addEventListener("dragover", (event) => {
    event.preventDefault();
    zone.setAttribute("data-over", "true");
  });
  zone.addEventListener("dragleave", () => { zone.removeAttribute("data-over"); });
  zone.addEventListener("drop", (event) => {
    event.preventDefault();
    zone.removeAttribute("data-over");
    addFiles(Array.from((event.dataTransfer && event.dataTransfer.files) || []));
  });
}

// ---- The files ---------------------------------------------------------------------------

// An .xlsx stays bytes; anything else is read as text (an answers file, or the package says why not).
function readFile(file) {
  return file.arrayBuffer().then((buffer) => {
    const workbook = isWorkbook(new Uint8Array(buffer, 0, Math.min(2, buffer.byteLength)));
    return { name: file.name, content: workbook ? buffer : new TextDecoder().decode(buffer) };
  });
}

function addFiles(files) {
  if (!files.length) return;
  say(tn(files.length, "Reading {n} file\u2026", "Reading {n} files\u2026"), "info");
  Promise.all(files.map((file) => readFile(file).then((source) => ({ source }), (error) => ({
    problem: { file: file.name, message: t("the browser could not read it ({why})", { why: error.message || error }) },
  })))).then(addRead);
}

// Files read ({source}) join the portfolio; those that could not be ({problem}) are listed.
function addRead(read) {
  read.forEach((entry) => {
    if (entry.source) addSource(entry.source);
    else state.unreadable.push(entry.problem);
  });
  compute();
}

// A file added again (same name) replaces the earlier copy.
function addSource(source) {
  state.sources = withSource(state.sources, source);
  state.unreadable = state.unreadable.filter((problem) => problem.file !== source.name);
  state.failing = [];   // each file is tried again with the new one
}

function addStored() {
  const stored = allAssessments();
  if (!stored.length) {
    say(t("No assessment is stored in this browser yet: answer the checklists first, or add files."), "info");
    return;
  }
  const names = storedNames(stored);
  stored.forEach((answers, index) => { addSource({ name: names[index], content: JSON.stringify(answers) }); });
  compute();
}

// The site's own example answers files (in assets/examples/, `folder` portfolio/ in English and
// portfolio-es/ in Spanish), as if they had been picked.
function addExamples(names, folder) {
  say(t("Reading the examples\u2026"), "info");
  Promise.all(names.map((name) => fetch(SITE_ROOT + EXAMPLES + folder + name).then((response) => {
    if (!response.ok) throw new Error("HTTP " + response.status);
    return response.text();
  }).then((content) => ({ source: { name, content } }), (error) => ({
    problem: { file: name, message: t("the example could not be fetched ({why})", { why: error.message || error }) },
  })))).then(addRead);
}

// Focus goes back to "Choose files", since the button pressed is now disabled.
function startAgain() {
  state.sources = [];
  state.unreadable = [];
  state.failing = [];
  state.result = null;
  state.computing += 1;
  say("", "info");
  redraw();
  focusOn("#mh-portfolio-pick");
}

// Focus moves to the next file's Remove button (or the last one's), else to "Choose files".
function removeSource(name) {
  const index = state.sources.findIndex((source) => source.name === name);
  state.sources = state.sources.filter((source) => source.name !== name);
  state.failing = state.failing.filter((problem) => problem.file !== name);
  compute();
  const buttons = document.querySelectorAll("#mh-portfolio-sources .mh-portfolio-remove");
  if (buttons.length) buttons[Math.min(index, buttons.length - 1)].focus();
  else focusOn("#mh-portfolio-pick");
}

function focusOn(selector) {
  const target = document.querySelector(selector);
  if (target) target.focus();
}

// The files the scorer is given: those that stopped it are left out (and listed as such).
function filesForScorer() {
  const failing = state.failing.map((problem) => problem.file);
  return state.sources.filter((source) => failing.indexOf(source.name) === -1)
    .map((source) => [source.name, source.content]);
}

function leftOut() {
  return state.unreadable.concat(state.failing);
}

// ---- Computing and drawing ---------------------------------------------------------------

// `isolated`: the files that stop the scorer were found and left out already.
function compute(isolated) {
  const number = ++state.computing;
  if (!filesForScorer().length) {
    state.result = null;
    redraw();
    if (leftOut().length) {
      say(t("No file could be read: {files}.", { files: leftOut().map((p) => p.file + ", " + p.message).join("; ") }),
          "error");
    }
    return;
  }
  redrawSources();
  startScorer();
  if (scorer.state === "unavailable") {
    say(t("The portfolio needs the scorer, which is unavailable in this browser ({why}). Run " +
          "`mlops-handbook portfolio` on the files instead.", { why: scorer.reason }), "error");
    return;
  }
  const files = tn(state.sources.length, "{n} file", "{n} files");
  say(scorer.state === "ready" ? t("Computing the portfolio of {files}\u2026", { files })
                               : t("Computing the portfolio of {files} (starting the scorer first)\u2026", { files }),
      "info");
  loadLinks();
  portfolioView(filesForScorer()).then((result) => {
    if (number !== state.computing) return;  // files changed meanwhile: a newer result follows
    state.result = result;
    say(t("The portfolio of {files} is shown below.", { files: tn(state.sources.length, "{n} file", "{n} files") }),
        "info");
    redraw();
  }, (error) => {
    if (number !== state.computing) return;
    if (isolated || scorer.state === "unavailable" || filesForScorer().length < 2) {
      const one = filesForScorer().length === 1 ? filesForScorer()[0][0] + ": " : "";
      say(t("The portfolio could not be computed: {problem}.", { problem: one + failureText(error.message) }), "error");
      return;
    }
    // One file stopped the scorer: each is tried alone, and those that stop it are left out.
    isolateFailing(filesForScorer(), portfolioView).then((tried) => {
      if (number !== state.computing) return;
      state.failing = tried.failing;
      compute(true);
    });
  });
}

function loadLinks() {
  if (Object.keys(state.links).length) return;
  methodology().then((data) => {
    state.links = itemLinks(data);
    if (state.result) redraw();
  }, () => { /* items are then shown without a link */ });
}

// The list of files and the "Start again" button, at once; the views when the scorer answers.
function redrawSources() {
  const page = portfolioPage();
  if (!page) return;
  page.querySelector("#mh-portfolio-clear").disabled = !state.sources.length && !state.unreadable.length;
  drawSources(page.querySelector("#mh-portfolio-sources"));
}

function redraw() {
  const page = portfolioPage();
  if (!page) return;
  redrawSources();
  const views = page.querySelector("#mh-portfolio-views");
  if (!state.result) {
    views.replaceChildren();
    return;
  }
  drawPortfolio(views, state.result, leftOut(), state.links,
                { workbook: downloadWorkbook, json: downloadJson });
}

// Redrawn only when the files change, so that a focused Remove button keeps the focus.
function drawSources(region) {
  const names = JSON.stringify(state.sources.map((source) => source.name));
  if (region.getAttribute("data-names") === names) return;
  region.setAttribute("data-names", names);
  if (!state.sources.length) {
    region.replaceChildren();
    return;
  }
  region.replaceChildren(
    el("h3", { id: "mh-portfolio-sources-heading",
               text: t("Files in this portfolio ({n})", { n: state.sources.length }) }),
    el("ul", { class: "mh-portfolio-source-list", "aria-labelledby": "mh-portfolio-sources-heading" },
      ...state.sources.map((source) => {
        const remove = el("button", { type: "button", class: "mh-portfolio-remove", text: t("Remove"),
                                      "aria-label": t("Remove {file}", { file: source.name }) });
        remove.addEventListener("click", () => { removeSource(source.name); });
        return el("li", {}, source.name + " ", remove);
      })));
}

function say(text, kind) {
  const region = document.getElementById("mh-portfolio-messages");
  if (!region) return;
  region.replaceChildren(...(text ? [el("p", { class: "mh-message mh-" + kind, text })] : []));
}

// ---- Downloads ---------------------------------------------------------------------------

function downloadWorkbook(button) {
  button.disabled = true;
  say(t("Preparing the portfolio spreadsheet\u2026"), "info");
  portfolioWorkbook(filesForScorer()).then((reply) => {
    // The worker's name, "portfolio-<date>.xlsx", with its word in the page's language.
    const date = /\d{4}-\d{2}-\d{2}/.exec(reply.filename);
    const filename = date ? t("portfolio-{date}.xlsx", { date: date[0] }) : reply.filename;
    downloadBlob(new Blob([reply.bytes], { type: XLSX_TYPE }), filename);
    say(t("The portfolio spreadsheet {file} was downloaded.", { file: filename }), "info");
  }, (error) => {
    say(t("The portfolio spreadsheet could not be made: {problem}", { problem: error.message }), "error");
  }).then(() => { button.disabled = false; });
}

// The portfolio and the files left out, as the command line's --json writes them.
function downloadJson() {
  const data = { portfolio: state.result.portfolio, problems: state.failing.concat(state.result.problems) };
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  const filename = t("portfolio-{date}.json", {
    date: now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate()) });
  downloadBlob(new Blob([JSON.stringify(data, null, 2) + "\n"], { type: "application/json" }), filename);
  say(t("The portfolio was downloaded as {file}.", { file: filename }), "info");
}
