/*
 * The scorer: the handbook's Python package in Pyodide, in a Web Worker (scorer-worker.js) that
 * starts once per visit. Its messages, and the scoring of the answers: one request at a time,
 * the latest answers win.
 */
import { canon } from "./answers-format.js";
import { pageLang, t, workerText } from "./i18n.js";
import { methodology } from "./methodology.js";
import { SITE_ROOT, timings } from "./site.js";
import { visit } from "./state.js";

const STEP_NUMBER = { runtime: 1, packages: 2, methodology: 3 };
// What each step of the worker's start is called on the page (the worker's own words are English).
const STEP_TEXT = {
  runtime: () => t("Loading the Python runtime"),
  packages: () => t("Installing the scoring package"),
  methodology: () => t("Reading the checklists"),
};

export const scorer = {
  state: "idle",                    // idle | loading | ready | unavailable
  worker: null, ready: null, nextId: 1, pending: {},
  step: 0, progress: "", reason: "", damaged: null,
  result: null,                     // the worker's last score_json answer
};
// extras(): what a score request carries besides the answers (the score page asks for its report).
const scoring = { scheduled: false, inFlight: false, dirty: false, extras: () => ({}) };
const hooks = { status() {}, methodology() {}, upgraded() {} };

// `status()` draws the scorer's state and the score wherever the page shows them;
// `methodology(data)` receives the methodology once scoring has fetched it;
// `upgraded(upgrade)` receives the scorer's {answers, warnings} for answers of an earlier version,
// when this tab's answers are still the ones it scored.
export function onScorer(callbacks) {
  Object.assign(hooks, callbacks);
}

function unavailableReason() {
  if (typeof Worker === "undefined") return t("this browser cannot run Web Workers");
  if (typeof WebAssembly === "undefined") return t("this browser cannot run WebAssembly");
  return null;
}

export function startScorer() {
  if (scorer.state !== "idle") return scorer.ready;
  const reason = unavailableReason();
  if (reason) {
    failScorer(reason);
    return scorer.ready;
  }
  scorer.state = "loading";
  scorer.progress = t("starting");
  methodology().then((data) => hooks.methodology(data), () => { /* the worker reports a missing file */ });
  const early = takeEarlyWorker();
  timings.earlyWorker = Boolean(early);
  timings.workerStart = early ? early.started : performance.now();
  performance.mark("mh-worker-start");
  try {
    // A module worker: Pyodide refuses to start in a classic one.
    scorer.worker = early ? early.worker : new Worker(SITE_ROOT + "assets/js/scorer-worker.js", { type: "module" });
  } catch (error) {
    failScorer(t("the scoring worker could not be created ({why})", { why: error.message }));
    return scorer.ready;
  }
  scorer.worker.onmessage = onWorkerMessage;
  scorer.worker.onerror = (event) => {
    event.preventDefault();
    failScorer(event.message ? t("the scoring worker stopped ({why})", { why: event.message })
                             : t("the scoring worker stopped"));
  };
  scorer.ready = (early ? adoptInit(early) : send("init", { root: SITE_ROOT })).then((reply) => {
    scorer.state = "ready";
    timings.ready = performance.now();
    // How Pyodide started ("snapshot", "shipped" or "fresh") and how long it took, for tests and the benchmark.
    timings.scorerStart = reply.start || null;
    timings.scorerStartMs = reply.startMs ?? null;
    performance.mark("mh-scorer-ready");
    hooks.status();
  }, (error) => {
    failScorer(error.message, error.damaged);
    throw error;
  });
  scorer.ready.catch(() => { /* reported on the page */ });
  hooks.status();
  return scorer.ready;
}

// The worker scorer-boot.js started from the page's head for this site, if it did; taken once.
function takeEarlyWorker() {
  const early = window.mhEarlyScorer;
  if (!early) return null;
  window.mhEarlyScorer = null;
  if (early.root === SITE_ROOT && !early.failed) return early;
  early.worker.terminate();
  return null;
}

// The early worker's init, sent before this module ran: its reply, with the replies that came in
// meanwhile handled first as if they had come now.
function adoptInit(early) {
  const ready = new Promise((resolve, reject) => { scorer.pending[early.initId] = { resolve, reject }; });
  early.received.splice(0).forEach(onWorkerMessage);
  return ready;
}

// The early worker when the page does not start the scorer after all (nothing it could score).
export function releaseEarlyWorker() {
  const early = window.mhEarlyScorer;
  if (!early) return;
  window.mhEarlyScorer = null;
  early.worker.terminate();
}

function failScorer(reason, damaged) {
  scorer.state = "unavailable";
  scorer.reason = reason;
  scorer.damaged = damaged || null;
  if (!scorer.ready) {
    scorer.ready = Promise.reject(new Error(reason));
    scorer.ready.catch(() => {});
  }
  if (scorer.worker) scorer.worker.terminate();
  Object.keys(scorer.pending).forEach((id) => {
    scorer.pending[id].reject(new Error(reason));
    delete scorer.pending[id];
  });
  hooks.status();
}

// One request to the worker; its reply, or an Error with the worker's message.
export function send(type, payload, transfer) {
  return new Promise((resolve, reject) => {
    if (scorer.state === "unavailable") {
      reject(new Error(scorer.reason));
      return;
    }
    const id = scorer.nextId++;
    scorer.pending[id] = { resolve, reject };
    scorer.worker.postMessage(Object.assign({ id, type }, payload || {}), transfer || []);
  });
}

// The worker's error as an Error; `damaged` names a shipped file whose digest did not match.
function workerError(details) {
  const error = new Error(workerText(details) || t("the scorer failed"));
  error.damaged = (details && details.damaged) || null;
  return error;
}

function onWorkerMessage(event) {
  const message = event.data || {};
  if (message.type === "snapshot") {
    timings.snapshotSaved = message.saved ? performance.now() : false;
    return;
  }
  if (message.type === "progress") {
    scorer.step = STEP_NUMBER[message.step] || scorer.step;
    scorer.progress = STEP_TEXT[message.step] ? STEP_TEXT[message.step]() : message.message || message.step;
    hooks.status();
    return;
  }
  const waiting = scorer.pending[message.id];
  if (!waiting) return;
  delete scorer.pending[message.id];
  if (message.ok) waiting.resolve(message);
  else waiting.reject(workerError(message.error));
}

export function setScoreExtras(extras) {
  scoring.extras = extras;
}

// Asks for a score of the current answers; requests made while one runs become one more after it,
// and those made in one task (several fields changed by one action) one request at its end: a
// microtask, not a timer, so that no frame is drawn between a click and its request.
export function rescore() {
  if (scorer.state === "idle") startScorer();
  scoring.dirty = true;
  if (scoring.scheduled || scoring.inFlight) return;
  scoring.scheduled = true;
  queueMicrotask(runScore);
}

function runScore() {
  scoring.scheduled = false;
  if (scoring.inFlight || !scoring.dirty) return;
  scoring.dirty = false;
  scoring.inFlight = true;
  const change = timings.changeCount;
  let sent = null;
  scorer.ready
    .then(() => {
      sent = canon(visit.answers);
      timings.lastScoreSent = performance.now();
      return send("score", Object.assign({ answers: visit.answers, lang: pageLang() }, scoring.extras()));
    })
    .then((reply) => {
      timings.lastScoreReply = performance.now();
      scorer.result = reply.result;
      if (reply.result.ok && reply.result.upgraded && canon(visit.answers) === sent) {
        hooks.upgraded(reply.result.upgraded);
      }
      if (timings.firstScore === null) {
        timings.firstScore = performance.now();
        performance.mark("mh-first-score");
      }
      hooks.status();
      timings.renderedChange = change;
      timings.lastRender = performance.now();
      performance.mark("mh-score-rendered");
      document.dispatchEvent(new CustomEvent("mh:scored", { detail: { change } }));
    }, () => { hooks.status(); })
    .then(() => {
      scoring.inFlight = false;
      if (scoring.dirty) runScore();
    });
}

// The rule's verdict on a reason for "not applicable", from the package: {accepted: true} or
// {accepted: false, problem, message}. Without the scorer nothing can judge it: the reason is
// taken as typed ({accepted: true, unchecked: true}), and the command line checks it later.
export function checkReason(text) {
  startScorer();
  return scorer.ready.then(() => send("reason", { text, lang: pageLang() })).then((reply) => reply.result,
    () => ({ accepted: true, unchecked: true }));
}

// The Portfolio page's requests; files = [[name, answers text or .xlsx ArrayBuffer], ...].
// Each starts the scorer if needed; the buffers are copied, so the page can send them again.
export function portfolioView(files) {
  startScorer();
  return scorer.ready.then(() => send("portfolio", { files, lang: pageLang() })).then((reply) => reply.result);
}

export function portfolioWorkbook(files) {
  startScorer();
  return scorer.ready.then(() => send("portfolio-xlsx", { files, lang: pageLang() }));
}

// A filled-in .xlsx as answers: {ok: true, text} (answers JSON) or {ok: false, error}.
export function importWorkbook(bytes, name) {
  startScorer();
  return scorer.ready.then(() => send("import-workbook", { bytes, name, lang: pageLang() }, [bytes]))
    .then((reply) => reply.result);
}
