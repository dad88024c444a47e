/*
 * The answers in and out of the browser: the score spreadsheet and the answers file downloaded,
 * an answers file uploaded (checked by the scorer first, the answers it replaces kept for Undo).
 */
import { FORMAT, canon, fileVersion, isEmptyAnswers, migrate, newerText, newerVersion, shapeProblem, withDefaults }
  from "./answers-format.js";
import { replaceAll } from "./changes.js";
import { downloadBlob } from "./dom.js";
import { pageLang, t } from "./i18n.js";
import { sizeProblem } from "./limits.js";
import { notify } from "./notices.js";
import { readableFailure } from "./portfolio-isolate.js";
import { importWorkbook, scorer, send, startScorer } from "./scorer-client.js";
import { timings } from "./site.js";
import { visit } from "./state.js";
import { keepCopy } from "./storage.js";
import { sentence } from "./text.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const UNCHANGED = () => t(" Your current answers are unchanged.");

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
}

// The project's name in ASCII letters, digits and hyphens, accents dropped ("Predicción" ->
// "prediccion"), as the package names the spreadsheet.
function fileStem() {
  const slug = (visit.answers.project || "").normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
    .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug || "mlops";
}

// The package's name for the spreadsheet ("<stem>-score-<date>.xlsx") with its word in the page's language.
function spreadsheetName(filename) {
  const match = /^(.*)-score-(\d{4}-\d{2}-\d{2})\.xlsx$/.exec(filename);
  return match ? t("{stem}-score-{date}.xlsx", { stem: match[1], date: match[2] }) : filename;
}

export function downloadSpreadsheet(button) {
  startScorer();
  button.disabled = true;
  notify(t("Preparing the spreadsheet\u2026"), "info", false);
  const started = performance.now();
  scorer.ready
    .then(() => send("export", { answers: visit.answers, lang: pageLang() }))
    .then((reply) => {
      const filename = spreadsheetName(reply.filename);
      downloadBlob(new Blob([reply.bytes], { type: XLSX_TYPE }), filename);
      timings.lastExport = performance.now() - started;
      notify(t("The spreadsheet {file} was downloaded.", { file: filename }), "info", false);
    }, (error) => {
      notify(scorer.state === "unavailable"
        ? (scorer.damaged
          ? t("The spreadsheet needs scoring, which cannot start ({why}). Download the answers JSON instead and " +
              "run `mlops-handbook export` on it.", { why: scorer.reason })
          : t("The spreadsheet needs scoring, which is unavailable in this browser ({why}). Download the answers " +
              "JSON instead and run `mlops-handbook export` on it.", { why: scorer.reason }))
        : t("The spreadsheet could not be made: {problem}", { problem: error.message }), "error", false);
    })
    .then(() => { button.disabled = false; });
}

export function downloadAnswers() {
  const text = JSON.stringify(visit.answers, null, 2) + "\n";
  const filename = t("{stem}-answers-{date}.json", { stem: fileStem(), date: today() });
  downloadBlob(new Blob([text], { type: "application/json" }), filename);
  visit.downloaded = { answers: canon(visit.answers), filename };
  notify(t("Your answers were downloaded as {file}. Keep it to score them later with the command line or to " +
           "load them in another browser.", { file: filename }), "info", false);
}

// The answers an upload is about to replace: kept under a backup key, and in memory for Undo.
function keepBeforeUpload() {
  if (isEmptyAnswers(visit.answers)) return null;
  const previous = JSON.stringify(visit.answers);
  return { previous, key: keepCopy(previous, "upload") };
}

function replaceAnswers(data, message, kept) {
  replaceAll(withDefaults(data));
  visit.undoUpload = kept;
  const parts = [message];
  if (kept) {
    parts.push(kept.key
      ? t(" Your previous answers are kept in this browser's storage under \u201c{key}\u201d. ", { key: kept.key })
      : t(" Your previous answers could not be kept in this browser's storage; Undo brings them back while " +
          "this tab is open. "));
    parts.push({ button: t("Undo"), action: undoLastUpload });
  }
  if (!visit.saving || !visit.storageWorks) {
    parts.push(t(" They are shown here but not saved in this browser (see the notice at the top of the page)."));
  }
  notify(parts, "info", false);
}

function undoLastUpload() {
  if (!visit.undoUpload) return;
  const kept = visit.undoUpload;
  visit.undoUpload = null;
  replaceAll(JSON.parse(kept.previous));
  notify(t("The upload was undone: your previous answers are back.") +
         (kept.key ? t(" Their copy stays under \u201c{key}\u201d.", { key: kept.key }) : ""), "info", false);
}

// Asked once the file has passed its checks, so that nobody confirms a file that is then refused.
function confirmUpload(name) {
  if (isEmptyAnswers(visit.answers)) return true;
  return window.confirm(t("Replace your current answers with those of \u201c{name}\u201d? Your current answers " +
                          "are kept under a backup key, and the message that follows offers Undo.", { name }));
}

// Without the scorer, only the format and the version of the file can be checked.
function loadUnchecked(file, text, loaded) {
  let data = null;
  let problem = null;
  try {
    data = JSON.parse(text);
  } catch (error) {
    problem = t("it is not valid JSON ({why})", { why: error.message });
  }
  if (!problem) problem = shapeProblem(data);
  if (problem) {
    notify(notLoaded(file, problem), "error", false);
    return;
  }
  if (!confirmUpload(file.name)) {
    notify(t("\u201c{file}\u201d was not loaded.", { file: file.name }) + UNCHANGED(), "info", false);
    return;
  }
  replaceAnswers(migrate(data), loaded + t(" Only its format and version were checked: full checking needs " +
                                           "scoring, which is unavailable in this browser."),
                 keepBeforeUpload());
}

// "“file.json” was not loaded: <problem>. Your current answers are unchanged."
function notLoaded(file, problem) {
  return t("\u201c{file}\u201d was not loaded: {problem}.", { file: file.name, problem }) + UNCHANGED();
}

// The package's refusal of a file: its problem, its fix and where.
function refused(file, error) {
  return t("\u201c{file}\u201d was not loaded. {problem}.", { file: file.name, problem: sentence(error.problem) }) +
         " " + t("Fix: {fix}", { fix: error.fix }) +
         (error.place ? " " + t("(at {place})", { place: error.place }) : "") + "." + UNCHANGED();
}

function loadChecked(file, text, loaded) {
  notify(t("Checking \u201c{file}\u201d\u2026", { file: file.name }), "info", false);
  return scorer.ready
    .then(() => send("check", { text, lang: pageLang() }))
    .then((reply) => {
      const checked = reply.result;
      if (!checked.ok) {
        notify(refused(file, checked.error), "error", false);
        return;
      }
      if (!confirmUpload(file.name)) {
        notify(t("\u201c{file}\u201d was not loaded.", { file: file.name }) + UNCHANGED(), "info", false);
        return;
      }
      // What reading an earlier version changed (a reason the rule refuses, kept in its note), said.
      const warnings = (checked.warnings || []).join(" ");
      replaceAnswers(checked.answers, loaded + (warnings ? " " + warnings : ""), keepBeforeUpload());
    }, (error) => {
      notify(t("\u201c{file}\u201d could not be checked: {problem}.", { file: file.name, problem: error.message }) +
             UNCHANGED(), "error", false);
    });
}

// A filled-in score spreadsheet: the scorer reads it into answers, then the check above takes over.
function uploadWorkbook(file) {
  startScorer();
  if (scorer.state === "unavailable") {
    notify(t("\u201c{file}\u201d was not loaded: reading a spreadsheet needs scoring, which is unavailable in " +
             "this browser ({why}). Run `mlops-handbook import` on it and upload the answers file it writes.",
             { file: file.name, why: scorer.reason }) + UNCHANGED(), "error", false);
    return;
  }
  notify(t("Reading \u201c{file}\u201d\u2026", { file: file.name }), "info", false);
  file.arrayBuffer()
    .then((bytes) => importWorkbook(bytes, file.name))
    .then((imported) => {
      if (!imported.ok) {
        notify(refused(file, imported.error), "error", false);
        return;
      }
      return loadChecked(file, imported.text,
                         t("Loaded the answers of the spreadsheet \u201c{file}\u201d.", { file: file.name }));
    }, (error) => {
      notify(t("\u201c{file}\u201d could not be read: {problem}.", { file: file.name,
                                                                  problem: readableFailure(error.message) }) +
             UNCHANGED(), "error", false);
    });
}

export function uploadAnswers(input) {
  const file = input.files && input.files[0];
  input.value = "";
  if (!file) return;
  if (/\.xlsx$/i.test(file.name)) return uploadWorkbook(file);
  file.text().then((text) => {
    const tooBig = sizeProblem(text);
    if (tooBig) {
      notify(notLoaded(file, tooBig), "error", false);
      return;
    }
    const version = fileVersion(text);
    const newer = newerVersion({ format: FORMAT, version });
    if (newer !== null) {
      notify(t("\u201c{file}\u201d was not loaded: it was {newer}. Open it with the newer release.",
               { file: file.name, newer: newerText(newer) }) + UNCHANGED(), "error", false);
      return;
    }
    const loaded = version === 1
      ? t("Loaded the answers of \u201c{file}\u201d (a file from an earlier release, updated to the current format).",
          { file: file.name })
      : t("Loaded the answers of \u201c{file}\u201d.", { file: file.name });
    startScorer();
    if (scorer.state === "unavailable") return loadUnchecked(file, text, loaded);
    return loadChecked(file, text, loaded);
  }, () => {
    notify(t("The file could not be read.") + UNCHANGED(), "error", false);
  });
}
