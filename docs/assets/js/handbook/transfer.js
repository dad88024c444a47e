/*
 * The answers in and out of the browser: the score spreadsheet and the answers file downloaded,
 * an answers file uploaded (checked by the scorer first, the answers it replaces kept for Undo).
 */
import { FORMAT, canon, fileVersion, isEmptyAnswers, migrate, newerText, newerVersion, shapeProblem, withDefaults }
  from "./answers-format.js";
import { replaceAll } from "./changes.js";
import { downloadBlob } from "./dom.js";
import { sizeProblem } from "./limits.js";
import { notify } from "./notices.js";
import { readableFailure } from "./portfolio-isolate.js";
import { importWorkbook, scorer, send, startScorer } from "./scorer-client.js";
import { timings } from "./site.js";
import { visit } from "./state.js";
import { keepCopy } from "./storage.js";
import { sentence } from "./text.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
const UNCHANGED = " Your current answers are unchanged.";

function today() {
  const now = new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
}

function fileStem() {
  const slug = (visit.answers.project || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return slug || "mlops";
}

export function downloadSpreadsheet(button) {
  startScorer();
  button.disabled = true;
  notify("Preparing the spreadsheet\u2026", "info", false);
  const started = performance.now();
  scorer.ready
    .then(() => send("export", { answers: visit.answers }))
    .then((reply) => {
      downloadBlob(new Blob([reply.bytes], { type: XLSX_TYPE }), reply.filename);
      timings.lastExport = performance.now() - started;
      notify("The spreadsheet " + reply.filename + " was downloaded.", "info", false);
    }, (error) => {
      notify(scorer.state === "unavailable"
        ? "The spreadsheet needs scoring, which " + (scorer.damaged ? "cannot start" : "is unavailable in this browser") +
          " (" + scorer.reason + "). " +
          "Download the answers JSON instead and run `mlops-handbook export` on it."
        : "The spreadsheet could not be made: " + error.message, "error", false);
    })
    .then(() => { button.disabled = false; });
}

export function downloadAnswers() {
  const text = JSON.stringify(visit.answers, null, 2) + "\n";
  const filename = fileStem() + "-answers-" + today() + ".json";
  downloadBlob(new Blob([text], { type: "application/json" }), filename);
  visit.downloaded = { answers: canon(visit.answers), filename };
  notify("Your answers were downloaded as " + filename + ". Keep it to score them later with the command " +
         "line or to load them in another browser.", "info", false);
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
      ? " Your previous answers are kept in this browser's storage under \u201c" + kept.key + "\u201d. "
      : " Your previous answers could not be kept in this browser's storage; Undo brings them back while " +
        "this tab is open. ");
    parts.push({ button: "Undo", action: undoLastUpload });
  }
  if (!visit.saving || !visit.storageWorks) {
    parts.push(" They are shown here but not saved in this browser (see the notice at the top of the page).");
  }
  notify(parts, "info", false);
}

function undoLastUpload() {
  if (!visit.undoUpload) return;
  const kept = visit.undoUpload;
  visit.undoUpload = null;
  replaceAll(JSON.parse(kept.previous));
  notify("The upload was undone: your previous answers are back." +
         (kept.key ? " Their copy stays under \u201c" + kept.key + "\u201d." : ""), "info", false);
}

// Asked once the file has passed its checks, so that nobody confirms a file that is then refused.
function confirmUpload(name) {
  if (isEmptyAnswers(visit.answers)) return true;
  return window.confirm("Replace your current answers with those of \u201c" + name + "\u201d? Your current " +
                        "answers are kept under a backup key, and the message that follows offers Undo.");
}

// Without the scorer, only the format and the version of the file can be checked.
function loadUnchecked(file, text, loaded) {
  let data = null;
  let problem = null;
  try { data = JSON.parse(text); } catch (error) { problem = "it is not valid JSON (" + error.message + ")"; }
  if (!problem) problem = shapeProblem(data);
  if (problem) {
    notify("\u201c" + file.name + "\u201d was not loaded: " + problem + "." + UNCHANGED, "error", false);
    return;
  }
  if (!confirmUpload(file.name)) {
    notify("\u201c" + file.name + "\u201d was not loaded." + UNCHANGED, "info", false);
    return;
  }
  replaceAnswers(migrate(data), loaded + " Only its format and version were checked: " +
                                "full checking needs scoring, which is unavailable in this browser.",
                 keepBeforeUpload());
}

function loadChecked(file, text, loaded) {
  notify("Checking \u201c" + file.name + "\u201d\u2026", "info", false);
  return scorer.ready
    .then(() => send("check", { text }))
    .then((reply) => {
      const checked = reply.result;
      if (!checked.ok) {
        notify("\u201c" + file.name + "\u201d was not loaded. " + sentence(checked.error.problem) + ". " +
               "Fix: " + checked.error.fix + (checked.error.place ? " (at " + checked.error.place + ")" : "") +
               "." + UNCHANGED, "error", false);
        return;
      }
      if (!confirmUpload(file.name)) {
        notify("\u201c" + file.name + "\u201d was not loaded." + UNCHANGED, "info", false);
        return;
      }
      // What reading an earlier version changed (a reason the rule refuses, kept in its note), said.
      const warnings = (checked.warnings || []).join(" ");
      replaceAnswers(checked.answers, loaded + (warnings ? " " + warnings : ""), keepBeforeUpload());
    }, (error) => {
      notify("\u201c" + file.name + "\u201d could not be checked: " + error.message + "." + UNCHANGED, "error", false);
    });
}

// A filled-in score spreadsheet: the scorer reads it into answers, then the check above takes over.
function uploadWorkbook(file) {
  startScorer();
  if (scorer.state === "unavailable") {
    notify("\u201c" + file.name + "\u201d was not loaded: reading a spreadsheet needs scoring, which is unavailable " +
           "in this browser (" + scorer.reason + "). Run `mlops-handbook import` on it and upload the answers file " +
           "it writes." + UNCHANGED, "error", false);
    return;
  }
  notify("Reading \u201c" + file.name + "\u201d\u2026", "info", false);
  file.arrayBuffer()
    .then((bytes) => importWorkbook(bytes, file.name))
    .then((imported) => {
      if (!imported.ok) {
        notify("\u201c" + file.name + "\u201d was not loaded. " + sentence(imported.error.problem) + ". " +
               "Fix: " + imported.error.fix + (imported.error.place ? " (at " + imported.error.place + ")" : "") +
               "." + UNCHANGED, "error", false);
        return;
      }
      return loadChecked(file, imported.text, "Loaded the answers of the spreadsheet \u201c" + file.name + "\u201d.");
    }, (error) => {
      notify("\u201c" + file.name + "\u201d could not be read: " + readableFailure(error.message) + "." + UNCHANGED,
             "error", false);
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
      notify("\u201c" + file.name + "\u201d was not loaded: " + tooBig + "." + UNCHANGED, "error", false);
      return;
    }
    const version = fileVersion(text);
    const newer = newerVersion({ format: FORMAT, version });
    if (newer !== null) {
      notify("\u201c" + file.name + "\u201d was not loaded: it was " + newerText(newer) + ". Open it with " +
             "the newer release." + UNCHANGED, "error", false);
      return;
    }
    const loaded = "Loaded the answers of \u201c" + file.name + "\u201d" +
                   (version === 1 ? " (a file from an earlier release, updated to the current format)." : ".");
    startScorer();
    if (scorer.state === "unavailable") return loadUnchecked(file, text, loaded);
    return loadChecked(file, text, loaded);
  }, () => {
    notify("The file could not be read." + UNCHANGED, "error", false);
  });
}
