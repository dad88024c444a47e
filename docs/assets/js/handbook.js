/*
 * The page side of the self-assessment: keeps the checklist answers in localStorage and shows
 * the score that the handbook's Python package computes in a Web Worker (Pyodide).
 *
 * No number is computed here: every total, maximum and percentage comes from the worker.
 * Pyodide is only started when someone uses the checklist, opens the score page, or already
 * has saved answers, so reading the handbook costs nothing extra.
 */
(function () {
  "use strict";

  var STORAGE_KEY = "mlops-handbook:answers";
  var FORMAT = "mlops-handbook-answers";
  var VERSION = 2;                  // the answers file's version; 1 is read and migrated
  var XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
  var STEP_NUMBER = { runtime: 1, packages: 2, methodology: 3 };
  var STATUS_TEXT = { unanswered: "not answered", no: "answered no", partial: "options still open" };
  // The package's limits: a text (note, reason, project field) and the answers file as a whole; and
  // a nesting far beyond the file's own 3 levels, refused before the scorer is handed the value.
  var MAX_TEXT = 10000;
  var MAX_BYTES = 2000000;
  var MAX_DEPTH = 20;
  var COUNT_FROM = 9000;            // a note's character count shows from here on
  var FIELDS = ["project", "assessor", "date", "route", "task_type"];
  var FIELD_LABEL = { project: "the project name", assessor: "the assessor", date: "the date",
                      route: "the route", task_type: "the ML task type" };
  var REQUIRED_TEXT = "A reason is required. Until you write one, this item counts as unanswered.";

  // The site root, from this script's own address (assets/js/handbook.js), so any path prefix works.
  var SITE_ROOT = (function () {
    var script = document.currentScript;
    if (script && script.src) return new URL("../../", script.src).href;
    if (window.__md_scope) return new URL(".", window.__md_scope).href;
    return new URL("/", location.href).href;
  })();

  // Milestones in performance.now() milliseconds since page load, read by the benchmark and tests.
  var timings = (window.mhTimings = {
    workerStart: null, ready: null, firstScore: null,
    changeCount: 0, renderedChange: 0, lastChange: null, lastRender: null, pageViews: 0, lastExport: null,
  });

  // ---- State that lives as long as the visit (instant navigation keeps it) ----------------

  var storageWorks = true;
  var saving = true;                // false while an unreadable stored value could not be moved aside
  var answers = null;               // the answers file as a plain object
  var base = null;                  // the stored text as this tab last read or wrote it (for merges)
  var downloaded = null;            // the answers as last downloaded (canonical JSON), for a reset without room
  var undoUpload = null;            // {previous, key}: the answers an upload replaced
  var scorer = {
    state: "idle",                  // idle | loading | ready | unavailable
    worker: null, ready: null, nextId: 1, pending: {},
    step: 0, progress: "", reason: "",
  };
  var result = null;                // the worker's last score_json answer
  var scoring = { scheduled: false, inFlight: false, dirty: false };
  var methodologyPromise = null;
  var missingOpen = {};             // stage id -> whether its "still missing" group is open
  var notices = [];                 // [{id, text, kind}], shown on every page until dismissed
  var noticeCounter = 0;
  // "Not applicable" during the visit: the answer an item had before it was marked (restored when
  // the box is unticked), the reason as typed, and the items ticked whose reason is still empty
  // (those are stored as unanswered, not as not applicable).
  var naPrevious = {};
  var naDraft = {};
  var naPending = {};

  // ---- Answers in localStorage -------------------------------------------------------------

  function emptyAnswers() {
    return { format: FORMAT, version: VERSION, project: "", assessor: "", date: "",
             route: null, task_type: null, answers: {}, not_applicable: {}, notes: {} };
  }

  function isPlainObject(value) {
    return value !== null && typeof value === "object" && !Array.isArray(value);
  }

  // The version of an answers file written by a newer release than this one, else null.
  function newerVersion(data) {
    var newer = isPlainObject(data) && data.format === FORMAT && Number.isInteger(data.version) &&
                data.version > VERSION;
    return newer ? data.version : null;
  }

  // The minimal shape this script relies on; the worker's Python checks everything else.
  function shapeProblem(data) {
    if (!isPlainObject(data)) return "it is not a JSON object";
    if (data.format !== FORMAT) return 'it does not have "format": "' + FORMAT + '"';
    if (data.version !== 1 && data.version !== VERSION) {
      return "it is version " + JSON.stringify(data.version) + ", not 1 or " + VERSION;
    }
    if (data.answers != null && !isPlainObject(data.answers)) return '"answers" is not an object';
    if (data.notes != null && !isPlainObject(data.notes)) return '"notes" is not an object';
    if (data.not_applicable != null && !isPlainObject(data.not_applicable)) return '"not_applicable" is not an object';
    return null;
  }

  // Version 1 is version 2 without "not applicable": the same answers, none marked not applicable.
  function migrate(data) {
    if (data.version !== 1) return data;
    return Object.assign({}, data, { version: VERSION, not_applicable: {} });
  }

  function newerText(version) {
    return "saved by a newer release of the handbook (answers file version " + version + "); this release " +
           "reads versions 1 and " + VERSION;
  }

  function withDefaults(data) {
    var full = emptyAnswers();
    Object.keys(data).forEach(function (key) { if (data[key] != null) full[key] = data[key]; });
    return full;
  }

  function storageGet(key) {
    try { return window.localStorage.getItem(key); } catch (error) { storageRefused(); return null; }
  }

  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); return true; } catch (error) { return false; }
  }

  function storageRemove(key) {
    try { window.localStorage.removeItem(key); } catch (error) { /* nothing stored then */ }
  }

  // Whether this browser lets the page write at all (site data blocked makes every write throw).
  function storageWritable() {
    var probe = STORAGE_KEY + ":probe";
    if (!storageSet(probe, "1")) return false;
    storageRemove(probe);
    return true;
  }

  // Answers that cannot be written live only in this tab: say so on every page, with the remedy.
  function storageRefused() {
    storageWorks = false;
    notify(["Your answers are not being saved: this browser does not let the handbook store them (site data " +
            "is blocked, or its storage is full). They are kept only while this tab is open; a reload or " +
            "closing the tab loses them. To keep them, use \u201cDownload answers (JSON)\u201d on ",
            { link: "score/", text: "the score page" },
            " (it works from this tab's memory), and upload the file later to continue."],
           "error", true, "storage");
  }

  function storageRecovered() {
    if (storageWorks) return;
    storageWorks = true;
    withdraw("storage");
  }

  // Keeps a copy of a stored value under its own key; the key, or null when there is no room.
  function keepCopy(raw, label) {
    var key = STORAGE_KEY + ":" + label + ":" + new Date().toISOString();
    return storageSet(key, raw) ? key : null;
  }

  // Moves the stored answers under another key; when there is no room for a second copy, the value
  // is written again under the new key after the old one is freed, and put back if even that fails.
  function moveAside(raw, label) {
    var key = keepCopy(raw, label);
    if (key) {
      storageRemove(STORAGE_KEY);
      return key;
    }
    storageRemove(STORAGE_KEY);
    key = keepCopy(raw, label);
    if (!key) storageSet(STORAGE_KEY, raw);
    return key;
  }

  // The largest nesting of arrays and objects in a JSON text, counted without parsing it; stops
  // counting past the limit, so a value nested a hundred thousand levels costs one quick scan.
  function nestingDepth(text, limit) {
    var depth = 0;
    var deepest = 0;
    var inString = false;
    for (var i = 0; i < text.length; i++) {
      var c = text.charCodeAt(i);
      if (inString) {
        if (c === 92) i++;                 // backslash: skip the escaped character
        else if (c === 34) inString = false;
      } else if (c === 34) {
        inString = true;
      } else if (c === 91 || c === 123) {  // [ {
        depth++;
        if (depth > deepest) deepest = depth;
        if (deepest > limit) return deepest;
      } else if (c === 93 || c === 125) {  // ] }
        depth--;
      }
    }
    return deepest;
  }

  // What makes a JSON text too big or too deep to hand to the scorer, else null. Checked before
  // parsing, for stored answers and uploads alike, so the scorer never receives such a value.
  function sizeProblem(text) {
    var bytes = text.length > MAX_BYTES / 3 ? new Blob([text]).size : text.length;
    if (bytes > MAX_BYTES) {
      return "it is " + (bytes / 1e6).toFixed(1) + " MB, over the " + (MAX_BYTES / 1e6) + " MB an answers file " +
             "may have";
    }
    if (nestingDepth(text, MAX_DEPTH) > MAX_DEPTH) {
      return "it nests arrays or objects more than " + MAX_DEPTH + " levels deep, and an answers file needs 3";
    }
    return null;
  }

  // Notes, reasons and project fields over the package's limit, which would stop the score of the
  // whole set: the places, with the text cut to the limit in `data` (the caller keeps the original).
  function cutLongTexts(data) {
    var places = [];
    ["project", "assessor", "date"].forEach(function (key) {
      if (typeof data[key] === "string" && data[key].length > MAX_TEXT) {
        places.push({ label: FIELD_LABEL[key], length: data[key].length });
        data[key] = data[key].slice(0, MAX_TEXT);
      }
    });
    [["notes", "the note on "], ["not_applicable", "the not-applicable reason of "]].forEach(function (pair) {
      var texts = data[pair[0]];
      if (!isPlainObject(texts)) return;
      Object.keys(texts).forEach(function (id) {
        if (typeof texts[id] === "string" && texts[id].length > MAX_TEXT) {
          places.push({ label: pair[1] + id, length: texts[id].length });
          texts[id] = texts[id].slice(0, MAX_TEXT);
        }
      });
    });
    return places;
  }

  // Never erases a stored value without a copy: an unreadable, too big or too deep one is moved
  // under another key, a version-1 one is copied before its migration is saved, one with a text
  // over the limit is copied before the text is shortened, a newer release's one is left alone.
  // `replacing`: another tab wrote the value, and this tab's answers are written in its place.
  function readStoredAnswers(replacing) {
    var raw = storageGet(STORAGE_KEY);
    saving = true;
    base = raw;
    if (raw === null) return emptyAnswers();
    var data;
    var problem = sizeProblem(raw);
    if (!problem) {
      try { data = JSON.parse(raw); } catch (error) { problem = "it is not valid JSON"; }
    }
    var newer = problem ? null : newerVersion(data);
    if (newer !== null) {
      saving = false;
      notify("Your saved answers were " + newerText(newer) + ". They were left as they are, and answers " +
             "given on these pages are not saved while they are there. Open them with the newer release; or, " +
             "to start afresh with this one, use \u201cReset answers\u201d on the score page, which keeps " +
             "them under a backup key.", "error", true, "newer");
      return emptyAnswers();
    }
    if (!problem) problem = shapeProblem(data);
    if (!problem) {
      var long = cutLongTexts(data);
      if (long.length) return shortenStored(raw, data, long);
      return data.version === 1 ? migrateStored(raw, data) : withDefaults(data);
    }
    var key = moveAside(raw, "unreadable");
    saving = key !== null;
    base = key ? null : raw;
    notify(key
      ? "Your saved answers could not be read (" + problem + "). They were kept in this browser's storage " +
        "under \u201c" + key + "\u201d and " +
        (replacing ? "this tab's answers were saved in their place." : "a new, empty set of answers was started.")
      : "Your saved answers could not be read (" + problem + ") and there is no room to keep a copy " +
        "aside, so they were left as they are and new answers are not saved. Free some browser storage " +
        "and reload the page.",
      "error", true);
    return emptyAnswers();
  }

  // A text over the limit: the whole stored value is copied aside, then the shortened one is saved.
  function shortenStored(raw, data, long) {
    var shortened = withDefaults(migrate(data));
    var where = long.map(function (place) {
      return place.label + " (" + place.length.toLocaleString("en") + " characters)";
    }).join(", ");
    var key = keepCopy(raw, "long-text");
    var saved = key !== null && storageSet(STORAGE_KEY, JSON.stringify(shortened));
    if (saved) base = JSON.stringify(shortened);
    else saving = false;
    notify("A text in your saved answers is longer than the " + MAX_TEXT.toLocaleString("en") + " characters " +
           "an answer may have: " + where + ". It was cut to " + MAX_TEXT.toLocaleString("en") + " characters " +
           "here so that your answers can be scored" +
           (saved ? "; the full text is kept in this browser's storage under \u201c" + key + "\u201d."
                  : ". There is no room to keep the full text aside, so your saved answers were left as they are " +
                    "and new answers are not saved; download them from the score page to keep them."),
           "error", true);
    return shortened;
  }

  function migrateStored(raw, data) {
    var migrated = withDefaults(migrate(data));
    var key = keepCopy(raw, "version-1");
    if (!key) {
      saving = false;
      notify("Your saved answers are from an earlier release of the handbook (answers file version 1) and " +
             "there is no room to keep a copy of them before updating them, so they were left as they are and " +
             "new answers are not saved. Free some browser storage and reload the page.", "error", true);
      return migrated;
    }
    if (!storageSet(STORAGE_KEY, JSON.stringify(migrated))) {
      saving = false;
      notify("Your saved answers are from an earlier release of the handbook (answers file version 1) and " +
             "could not be updated (storage is full or blocked), so they were left as they are and new answers " +
             "are not saved. Download your answers from the score page before you leave.", "error", true);
      return migrated;
    }
    base = JSON.stringify(migrated);
    notify("Your saved answers came from an earlier release of the handbook and were updated to the " +
           "current format, which lets you mark an item not applicable. No answer changed. The original is " +
           "kept in this browser's storage under \u201c" + key + "\u201d.", "info", true);
    return migrated;
  }

  function hasStoredAnswers() {
    return storageGet(STORAGE_KEY) !== null;
  }

  // Writes this tab's answers; another tab's write since this tab last read is merged in first.
  function saveAnswers() {
    if (!saving) return;
    var raw = storageGet(STORAGE_KEY);
    if (raw !== base) {
      takeStored(raw, "mine");
      restoreControls(document);
      updateScorePageFields();
    }
    if (!saving) return;
    var text = JSON.stringify(answers);
    if (storageSet(STORAGE_KEY, text)) {
      base = text;
      storageRecovered();
    } else {
      storageRefused();
    }
  }

  // ---- Two tabs at once: another tab's writes are merged item by item ----------------------

  // JSON with the keys of every object sorted, so that equal answers compare equal.
  function canon(value) {
    if (Array.isArray(value)) return "[" + value.map(canon).join(",") + "]";
    if (isPlainObject(value)) {
      return "{" + Object.keys(value).sort().map(function (key) {
        return JSON.stringify(key) + ":" + canon(value[key]);
      }).join(",") + "}";
    }
    return value === undefined ? "undefined" : JSON.stringify(value);
  }

  function same(a, b) {
    return canon(a) === canon(b);
  }

  // The stored text as this release's answers, or null when it needs what a fresh load does.
  function currentAnswers(raw) {
    if (raw === null) return emptyAnswers();
    if (sizeProblem(raw)) return null;
    var data;
    try { data = JSON.parse(raw); } catch (error) { return null; }
    if (shapeProblem(data) || data.version !== VERSION) return null;
    if (cutLongTexts(JSON.parse(raw)).length) return null;
    return withDefaults(data);
  }

  function describe(section, value) {
    if (value === undefined || value === null) return section === "answers" ? "no answer" : "empty";
    if (value === true) return "yes";
    if (value === false) return "no";
    if (Array.isArray(value)) return value.length ? value.join(", ") : "no option";
    var text = String(value);
    return "\u201c" + (text.length > 60 ? text.slice(0, 60) + "\u2026" : text) + "\u201d";
  }

  function slotLabel(section, key) {
    if (section === null) return FIELD_LABEL[key] || key;
    var legend = document.querySelector('fieldset.mh-item[data-item="' + key + '"] legend');
    var question = legend ? " (" + legend.textContent.replace(/^\s*\S+\s*/, "").trim() + ")" : "";
    if (section === "notes") return "the note on " + key + question;
    if (section === "not_applicable") return "the not-applicable reason of " + key + question;
    return "the answer to " + key + question;
  }

  // Three-way merge of another tab's answers (`theirs`) into this tab's, against what this tab last
  // read or wrote (`baseText`): what only one side changed is kept; where both changed an item
  // differently, the later write wins ("mine" when this tab is writing now, "theirs" when the other
  // tab's write has just arrived) and the reader is told which item and what was replaced.
  function mergeAnswers(theirs, baseText, winner) {
    var before = currentAnswers(baseText) || emptyAnswers();
    var conflicts = [];
    function resolve(section, key, b, t, m) {
      if (same(m, b) || same(t, m)) return t;
      if (same(t, b)) return m;
      var kept = winner === "mine" ? m : t;
      conflicts.push(sentence(slotLabel(section, key)) + ": " + describe(section, kept) + " is kept (saved last), " +
                     "replacing " + describe(section, winner === "mine" ? t : m) + " from " +
                     (winner === "mine" ? "the other tab" : "this tab"));
      return kept;
    }
    FIELDS.forEach(function (key) {
      answers[key] = resolve(null, key, before[key], theirs[key], answers[key]);
    });
    ["answers", "notes", "not_applicable"].forEach(function (section) {
      var b = before[section] || {};
      var t = theirs[section] || {};
      var m = answers[section];
      var keys = {};
      [b, t, m].forEach(function (side) { Object.keys(side).forEach(function (key) { keys[key] = true; }); });
      Object.keys(keys).forEach(function (key) {
        var value = resolve(section, key, b[key], t[key], m[key]);
        if (value === undefined) delete m[key];
        else m[key] = value;
      });
    });
    if (conflicts.length) {
      notify("This tab and another tab of the handbook changed the same " +
             (conflicts.length === 1 ? "answer" : "answers") + " at once. " + conflicts.join(". ") + ". " +
             "Every other change of either tab is kept.", "error", true);
    }
  }

  // Another tab wrote: its changes are merged in; a value this release cannot take as it is (an
  // earlier or later version, unreadable, too big) is dealt with as on a fresh load, while this
  // tab's answers stay on screen.
  function takeStored(raw, winner) {
    var baseText = base;
    var theirs = currentAnswers(raw);
    if (theirs) {
      mergeAnswers(theirs, baseText, winner);
      base = raw;
      return;
    }
    var read = readStoredAnswers(true);
    if (saving && base !== null) mergeAnswers(read, baseText, winner);
  }

  // After a merge, this tab's own changes go to storage too, unless it already holds the same.
  function saveMerged() {
    var stored = currentAnswers(storageGet(STORAGE_KEY));
    if (saving && (!stored || !same(stored, answers))) saveAnswers();
  }

  // ---- The methodology (routes, task types), only fetched once scoring starts --------------

  function methodology() {
    if (!methodologyPromise) {
      methodologyPromise = fetch(SITE_ROOT + "assets/methodology.json").then(function (response) {
        if (!response.ok) throw new Error("assets/methodology.json: HTTP " + response.status);
        return response.json();
      });
      methodologyPromise.catch(function () { methodologyPromise = null; });
    }
    return methodologyPromise;
  }

  function allItems(data) {
    var items = [];
    data.stages.forEach(function (stage) {
      stage.subphases.forEach(function (sub) {
        sub.items.forEach(function (item) {
          items.push({ item: item, stage: stage.id, subphase: sub.id });
        });
      });
    });
    return items;
  }

  function selector(data, selects) {
    return allItems(data).filter(function (entry) { return entry.item.selects === selects; })[0] || null;
  }

  // The routes on which the ML task-type question is asked.
  function taskTypeRoutes(data) {
    var entry = selector(data, "task-type");
    return entry ? entry.item.routes : [];
  }

  // ---- The scorer worker ------------------------------------------------------------------

  function unavailableReason() {
    if (typeof Worker === "undefined") return "this browser cannot run Web Workers";
    if (typeof WebAssembly === "undefined") return "this browser cannot run WebAssembly";
    return null;
  }

  function startScorer() {
    if (scorer.state !== "idle") return scorer.ready;
    var reason = unavailableReason();
    if (reason) {
      failScorer(reason);
      return scorer.ready;
    }
    scorer.state = "loading";
    scorer.progress = "starting";
    timings.workerStart = performance.now();
    performance.mark("mh-worker-start");
    methodology().then(updateChoosers, function () { /* the worker reports a missing file */ });
    try {
      // A module worker: Pyodide refuses to start in a classic one.
      scorer.worker = new Worker(SITE_ROOT + "assets/js/scorer-worker.js", { type: "module" });
    } catch (error) {
      failScorer("the scoring worker could not be created (" + error.message + ")");
      return scorer.ready;
    }
    scorer.worker.onmessage = onWorkerMessage;
    scorer.worker.onerror = function (event) {
      event.preventDefault();
      failScorer("the scoring worker stopped" + (event.message ? " (" + event.message + ")" : ""));
    };
    scorer.ready = send("init", { root: SITE_ROOT }).then(function () {
      scorer.state = "ready";
      timings.ready = performance.now();
      performance.mark("mh-scorer-ready");
      renderStatus();
    }, function (error) {
      failScorer(error.message, error.damaged);
      throw error;
    });
    scorer.ready.catch(function () { /* reported on the page */ });
    renderStatus();
    return scorer.ready;
  }

  function failScorer(reason, damaged) {
    scorer.state = "unavailable";
    scorer.reason = reason;
    scorer.damaged = damaged || null;
    if (!scorer.ready) {
      scorer.ready = Promise.reject(new Error(reason));
      scorer.ready.catch(function () {});
    }
    if (scorer.worker) scorer.worker.terminate();
    Object.keys(scorer.pending).forEach(function (id) {
      scorer.pending[id].reject(new Error(reason));
      delete scorer.pending[id];
    });
    renderStatus();
  }

  function send(type, payload, transfer) {
    return new Promise(function (resolve, reject) {
      if (scorer.state === "unavailable") {
        reject(new Error(scorer.reason));
        return;
      }
      var id = scorer.nextId++;
      scorer.pending[id] = { resolve: resolve, reject: reject };
      var message = Object.assign({ id: id, type: type }, payload || {});
      scorer.worker.postMessage(message, transfer || []);
    });
  }

  // The worker's error as an Error; `damaged` names a shipped file whose digest did not match.
  function workerError(details) {
    var error = new Error((details && details.message) || "the scorer failed");
    error.damaged = (details && details.damaged) || null;
    return error;
  }

  function onWorkerMessage(event) {
    var message = event.data || {};
    if (message.type === "progress") {
      scorer.step = STEP_NUMBER[message.step] || scorer.step;
      scorer.progress = message.message || message.step;
      renderStatus();
      return;
    }
    var waiting = scorer.pending[message.id];
    if (!waiting) return;
    delete scorer.pending[message.id];
    if (message.ok) waiting.resolve(message);
    else waiting.reject(workerError(message.error));
  }

  // ---- Scoring: one request at a time, the latest answers win ------------------------------

  function answersChanged() {
    timings.changeCount += 1;
    timings.lastChange = performance.now();
    performance.mark("mh-change");
    saveAnswers();
    markRoutes(document);
    rescore();
  }

  function rescore() {
    if (scorer.state === "idle") startScorer();
    scoring.dirty = true;
    if (scoring.scheduled || scoring.inFlight) return;
    scoring.scheduled = true;
    setTimeout(runScore, 0);
  }

  function runScore() {
    scoring.scheduled = false;
    if (scoring.inFlight || !scoring.dirty) return;
    scoring.dirty = false;
    scoring.inFlight = true;
    var change = timings.changeCount;
    scorer.ready
      .then(function () { return send("score", { answers: answers }); })
      .then(function (reply) {
        result = reply.result;
        if (timings.firstScore === null) {
          timings.firstScore = performance.now();
          performance.mark("mh-first-score");
        }
        renderStatus();
        timings.renderedChange = change;
        timings.lastRender = performance.now();
        performance.mark("mh-score-rendered");
        document.dispatchEvent(new CustomEvent("mh:scored", { detail: { change: change } }));
      }, function () { renderStatus(); })
      .then(function () {
        scoring.inFlight = false;
        if (scoring.dirty) runScore();
      });
  }

  // ---- Small DOM helpers ------------------------------------------------------------------

  function el(tag, attributes) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      if (name === "text") node.textContent = attributes[name];
      else node.setAttribute(name, attributes[name]);
    });
    for (var i = 2; i < arguments.length; i++) {
      var child = arguments[i];
      if (child == null) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
    return node;
  }

  function sentence(text) {
    return text ? text.charAt(0).toUpperCase() + text.slice(1) : "";
  }

  function percentText(value) {
    return value === null || value === undefined ? "n/a" : value.toFixed(1) + "%";
  }

  function bar(percent, label) {
    var fill = el("span", { class: "mh-bar-fill" });
    fill.style.width = (percent || 0) + "%";
    return el("div", { class: "mh-bar", role: "img", "aria-label": label }, fill);
  }

  function routeLabel(summary) {
    return summary.route_title + (summary.task_type_title ? " \u00b7 " + summary.task_type_title : "");
  }

  // "Of what applies" and the paper-core subscore, as Python gives them; numbers in spans.
  function naCount(summary, stageId) {
    return summary.not_applicable.filter(function (entry) {
      return stageId === undefined || entry.stage_id === stageId;
    }).length;
  }

  function applicableFigures(figures, withPoints) {
    if (figures.applicable_percent === null || figures.applicable_percent === undefined) {
      return el("span", { class: "mh-applicable" }, "nothing of it applies (every check is marked not applicable)");
    }
    return el("span", { class: "mh-applicable" },
      el("span", { class: "mh-applicable-percent", text: percentText(figures.applicable_percent) }),
      " of what applies",
      withPoints ? " (" : null,
      withPoints ? el("span", { class: "mh-applicable-points", text: String(figures.points) }) : null,
      withPoints ? " of " : null,
      withPoints ? el("span", { class: "mh-applicable-maximum", text: String(figures.applicable_maximum) }) : null,
      withPoints ? " points)" : null);
  }

  function paperFigures(figures, lead) {
    return el("span", { class: "mh-paper" }, lead,
      el("span", { class: "mh-paper-points", text: String(figures.paper_points) }), " of ",
      el("span", { class: "mh-paper-maximum", text: String(figures.paper_maximum) }), " points");
  }

  function maximumNote(summary) {
    return summary.maximum_provisional ? " (top of the range until the ML task type is chosen)" : "";
  }

  function scoreLink(text) {
    return el("a", { href: SITE_ROOT + "score/", text: text });
  }

  function downloadBlob(blob, filename) {
    var url = URL.createObjectURL(blob);
    var link = el("a", { href: url, download: filename });
    link.hidden = true;
    document.body.appendChild(link);
    link.click();
    link.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 10000);
  }

  // ---- Summary boxes (intro of stage and subphase pages) and the header badge -------------

  function routeChooserLink() {
    var link = el("a", { href: SITE_ROOT + "business-comprehension/", text: "Business Comprehension" });
    methodology().then(function (data) {
      var entry = selector(data, "route");
      if (entry) {
        link.href = SITE_ROOT + entry.stage + "/" + entry.subphase + "/#" + entry.item.id;
        link.textContent = "the first question of the checklist";
      }
    }, function () {});
    return link;
  }

  function statusContent(box, compact) {
    var stageId = box ? box.getAttribute("data-stage") : null;
    if (scorer.state === "unavailable") {
      // A damaged copy of the site is not this browser's fault: say what the worker found.
      var reason = (scorer.damaged ? "Scoring cannot start: " : "Scoring is unavailable in this browser: ") +
                   scorer.reason.replace(/\.+$/, "") + ". Your " +
                   (storageWorks && saving ? "answers are still saved here" : "answers are kept in this tab");
      return [el("p", { class: "mh-summary-message" }, reason,
        scorePage() ? " and can be downloaded as a JSON file below." : ", and you can download them from ",
        scorePage() ? null : scoreLink("Your score"), scorePage() ? null : ".")];
    }
    if (scorer.state === "idle") {
      return [el("p", { class: "mh-summary-message" },
        "No answers yet. Answer a checklist item and your score appears here.")];
    }
    if (scorer.state === "loading" || !result) {
      var progress = el("progress", { max: "3", "aria-label": "Loading the scorer" });
      if (scorer.step) progress.value = scorer.step;
      return [el("p", { class: "mh-summary-message" }, progress,
        " Loading the scorer (once per visit): " + scorer.progress + "\u2026 " +
        (storageWorks && saving ? "Your answers are saved meanwhile." : "Your answers are kept meanwhile."))];
    }
    if (!result.ok) {
      if (needsRoute()) {
        return [el("p", { class: "mh-summary-message" },
          "Choose the deliverable (the route) in ", routeChooserLink(), " to see your score.")];
      }
      return [el("p", { class: "mh-summary-message mh-error" },
        "Your answers cannot be scored: " + (result.error ? result.error.message : "unknown error"))];
    }
    var summary = result.summary;
    var parts = [
      el("p", { class: "mh-summary-total" },
        el("strong", { text: routeLabel(summary) }), ": ",
        el("span", { class: "mh-points", text: String(summary.points) }), " of ",
        el("span", { class: "mh-maximum", text: String(summary.maximum) }), " points",
        maximumNote(summary), ", ",
        el("span", { class: "mh-percent", text: percentText(summary.percent) })),
      bar(summary.percent, "Overall " + percentText(summary.percent)),
      el("p", { class: "mh-summary-more" },
        applicableFigures(summary, naCount(summary) > 0), " \u00b7 ",
        paperFigures(summary, "paper's own questions: ")),
    ];
    var stage = summary.stages.filter(function (s) { return s.id === stageId; })[0];
    if (stage && !compact) {
      var stageNa = naCount(summary, stage.id);
      parts.push(el("p", { class: "mh-summary-stage" },
        stage.maximum
          ? "This stage: " + stage.points + " of " + stage.maximum + " points, " + percentText(stage.percent) +
            (stageNa && stage.applicable_percent !== null
              ? "; " + percentText(stage.applicable_percent) + " of what applies (" + stage.points + " of " +
                stage.applicable_maximum + " points)"
              : "") + ". "
          : "This stage has no checks on this route. ",
        scoreLink("Your score and what is missing")));
    }
    return parts;
  }

  function renderSummaryBoxes(root) {
    root.querySelectorAll(".mh-summary").forEach(function (box) {
      if (!box.hasAttribute("role")) {
        box.setAttribute("role", "status");
        box.setAttribute("aria-live", "polite");
      }
      box.setAttribute("data-state", summaryState());
      box.replaceChildren.apply(box, statusContent(box, false));
    });
  }

  // Python's answer when no route is chosen yet: the usual first state, not a fault.
  function needsRoute() {
    return !answers.route && result && !result.ok && result.error && result.error.place === "route";
  }

  function summaryState() {
    if (scorer.state === "ready" && result) return result.ok ? "scored" : "error";
    return scorer.state;
  }

  // A small badge in the header, so the total stays in view while answering far down a page.
  function renderHeaderBadge() {
    var header = document.querySelector(".md-header__inner");
    if (!header) return;
    var badge = header.querySelector(".mh-header-score");
    if (!badge) {
      badge = el("a", { class: "mh-header-score", href: SITE_ROOT + "score/" });
      var search = header.querySelector(".md-search");
      header.insertBefore(badge, search || null);
    }
    badge.href = SITE_ROOT + "score/";
    var state = summaryState();
    badge.setAttribute("data-state", state);
    badge.hidden = state === "idle";
    var text;
    if (state === "scored") {
      text = result.summary.points + " / " + result.summary.maximum + " \u00b7 " + percentText(result.summary.percent);
      badge.title = "Your score: " + routeLabel(result.summary) +
                    (result.summary.applicable_percent === null ? ""
                      : "; " + percentText(result.summary.applicable_percent) + " of what applies");
    } else if (state === "unavailable") {
      text = "Scoring unavailable";
      badge.title = scorer.reason;
    } else if (state === "error") {
      text = needsRoute() ? "Score: choose a route" : "Score: see the problem";
      badge.title = "Your score";
    } else {
      text = "Loading scorer\u2026";
      badge.title = scorer.progress;
    }
    badge.setAttribute("aria-label", "Your score: " + text);
    badge.textContent = text;
  }

  function renderStatus() {
    renderSummaryBoxes(document);
    renderHeaderBadge();
    renderScorePage();
  }

  // ---- Notices (unreadable storage, upload problems, reset) ---------------------------------

  // A notice's content is a string or a list of parts: strings, {link: path from the site root,
  // text} and {button: label, action: function}; parts are drawn afresh on each page.
  function plainText(content) {
    return (Array.isArray(content) ? content : [content]).map(function (part) {
      return typeof part === "string" ? part : part.text || part.button;
    }).join("");
  }

  function drawParts(content) {
    return (Array.isArray(content) ? content : [content]).map(function (part) {
      if (typeof part === "string") return part;
      if (part.link !== undefined) return el("a", { href: SITE_ROOT + part.link, text: part.text });
      var button = el("button", { type: "button", class: "mh-inline-button", text: part.button });
      button.addEventListener("click", part.action);
      return button;
    });
  }

  // topic names a lasting notice that a later event withdraws (e.g. "newer" after a reset).
  function notify(content, kind, persistent, topic) {
    var text = plainText(content);
    // The same lasting notice again (another tab saved, say) is not shown twice.
    if (persistent && notices.some(function (n) { return n.text === text; })) return;
    var notice = { id: ++noticeCounter, text: text, content: content, kind: kind || "info", topic: topic || null };
    if (persistent) notices.push(notice);
    else showMessage(notice);
    renderNotices();
  }

  function withdraw(topic) {
    notices = notices.filter(function (notice) { return notice.topic !== topic; });
    renderNotices();
  }

  function showMessage(notice) {
    var region = document.getElementById("mh-score-messages");
    if (region) {
      region.replaceChildren(el.apply(null, ["p", { class: "mh-message mh-" + notice.kind }]
                                              .concat(drawParts(notice.content))));
    } else {
      notices.push(notice);
    }
  }

  function renderNotices() {
    if (!document.body) return;
    var content = document.querySelector(".md-content__inner") || document.body;
    var region = content.querySelector(".mh-notices");
    if (!region) {
      region = el("div", { class: "mh-notices", role: "alert" });
      var heading = content.querySelector("h1");
      if (heading) heading.after(region);
      else content.prepend(region);
    }
    // Only redraw when the notices changed, so that screen readers announce each one once.
    var shown = notices.map(function (notice) { return notice.id; }).join(" ");
    if (region.getAttribute("data-shown") === shown) return;
    region.setAttribute("data-shown", shown);
    region.replaceChildren.apply(region, notices.map(function (notice) {
      var dismiss = el("button", { type: "button", class: "mh-dismiss", text: "Dismiss" });
      dismiss.addEventListener("click", function () {
        notices = notices.filter(function (n) { return n.id !== notice.id; });
        renderNotices();
      });
      return el("div", { class: "mh-notice mh-" + notice.kind, "data-topic": notice.topic || "" },
        el.apply(null, ["p", {}].concat(drawParts(notice.content))), dismiss);
    }));
    region.hidden = notices.length === 0;
  }

  // ---- Checklist controls <-> answers -----------------------------------------------------

  function itemFieldsets(root) {
    return root.querySelectorAll("form.mh-checklist fieldset.mh-item");
  }

  function restoreControls(root) {
    itemFieldsets(root).forEach(function (fieldset) {
      var id = fieldset.getAttribute("data-item");
      var kind = fieldset.getAttribute("data-kind");
      var selects = fieldset.getAttribute("data-selects");
      var value = answers.answers[id];
      fieldset.querySelectorAll('input[name="answer-' + id + '"]').forEach(function (input) {
        if (selects === "route") input.checked = input.value === answers.route;
        else if (selects === "task-type") input.checked = input.value === answers.task_type;
        else if (kind === "yes-no") input.checked = value === true ? input.value === "yes"
                                                    : value === false ? input.value === "no" : false;
        else input.checked = Array.isArray(value) && value.indexOf(input.value) !== -1;
      });
      var note = fieldset.querySelector("textarea[data-note]");
      if (note && document.activeElement !== note) note.value = answers.notes[id] || "";
      if (note) updateCounter(note);
      restoreNotApplicable(fieldset);
    });
    markRoutes(root);
  }

  // ---- The limit of a note or a reason, shown where it is typed -----------------------------

  function describedBy(element, id, on) {
    var ids = (element.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (token) {
      return token && token !== id;
    });
    if (on) ids.push(id);
    if (ids.length) element.setAttribute("aria-describedby", ids.join(" "));
    else element.removeAttribute("aria-describedby");
  }

  // The box refuses text past the package's limit; near it, a count says how much is left.
  function updateCounter(area) {
    area.maxLength = MAX_TEXT;
    var id = "count-" + (area.getAttribute("data-note") !== null ? "note-" + area.getAttribute("data-note")
                                                                  : "reason-" + area.getAttribute("data-na-reason"));
    var counter = document.getElementById(id);
    if (!counter) {
      counter = el("p", { class: "mh-count", id: id });
      area.after(counter);
    }
    var length = area.value.length;
    var near = length >= COUNT_FROM;
    counter.hidden = !near;
    counter.classList.toggle("mh-count-full", length >= MAX_TEXT);
    counter.textContent = length.toLocaleString("en") + " of " + MAX_TEXT.toLocaleString("en") + " characters" +
      (length >= MAX_TEXT ? ": the limit. Keep a longer text elsewhere and link to it here." : "");
    describedBy(area, id, near);
  }

  // ---- "Not applicable": a reason is required, the answer controls rest meanwhile ----------

  function answerControls(fieldset, id) {
    return fieldset.querySelectorAll('input[name="answer-' + id + '"], button.mh-clear');
  }

  // The inline "reason required" message, made once per item and linked to the reason field.
  function requiredMessage(fieldset, id, area) {
    var messageId = "na-required-" + id;
    var message = fieldset.querySelector(".mh-na-required");
    if (!message) {
      message = el("p", { class: "mh-na-required", id: messageId, text: REQUIRED_TEXT });
      area.after(message);
    }
    return message;
  }

  function restoreNotApplicable(fieldset) {
    var box = fieldset.querySelector("input[data-na]");
    var area = fieldset.querySelector("textarea[data-na-reason]");
    if (!box || !area) return;
    var id = box.getAttribute("data-na");
    // The switch sits right under the answers it stands in for (and next to them in tab order).
    var switcher = box.closest(".mh-na");
    var controls = fieldset.querySelector(".mh-controls");
    if (controls && switcher && controls.nextElementSibling !== switcher) controls.after(switcher);
    var reason = answers.not_applicable[id];
    var marked = typeof reason === "string";
    if (marked || answers.answers[id] != null) delete naPending[id];
    var ticked = marked || naPending[id] === true;
    box.checked = ticked;
    area.closest(".mh-na-reason").hidden = !ticked;
    if (document.activeElement !== area) area.value = marked ? reason : (naDraft[id] || "");
    var waiting = ticked && !marked;
    var message = requiredMessage(fieldset, id, area);
    message.hidden = !waiting;
    describedBy(area, message.id, waiting);
    if (waiting) area.setAttribute("aria-invalid", "true");
    else area.removeAttribute("aria-invalid");
    updateCounter(area);
    answerControls(fieldset, id).forEach(function (control) { control.disabled = ticked; });
    fieldset.classList.toggle("mh-not-applicable", marked);
    fieldset.classList.toggle("mh-na-waiting", waiting);
  }

  // The item counts as not applicable only once its reason has some text.
  function applyReason(id, text) {
    var reason = text.trim();
    if (reason) {
      answers.not_applicable[id] = reason;
      delete naPending[id];
    } else {
      delete answers.not_applicable[id];
      naPending[id] = true;
    }
  }

  function onNotApplicableToggle(box) {
    var fieldset = box.closest("fieldset.mh-item");
    var id = box.getAttribute("data-na");
    var area = fieldset.querySelector("textarea[data-na-reason]");
    if (box.checked) {
      if (answers.answers[id] != null) naPrevious[id] = answers.answers[id];
      answers.answers[id] = null;
      fieldset.querySelectorAll('input[name="answer-' + id + '"]').forEach(function (input) { input.checked = false; });
      applyReason(id, naDraft[id] || "");
    } else {
      delete answers.not_applicable[id];
      delete naPending[id];
      if (id in naPrevious) {
        answers.answers[id] = naPrevious[id];
        delete naPrevious[id];
      }
    }
    answersChanged();
    restoreControls(fieldset.closest("form.mh-checklist") || document);
    if (box.checked && area) area.focus();
  }

  function onReasonInput(area) {
    var id = area.getAttribute("data-na-reason");
    var fieldset = area.closest("fieldset.mh-item");
    var box = fieldset && fieldset.querySelector("input[data-na]");
    if (!box || !box.checked) return;
    naDraft[id] = area.value;
    applyReason(id, area.value);
    answersChanged();
    restoreNotApplicable(fieldset);
  }

  function forgetVisitState() {
    naPrevious = {};
    naDraft = {};
    naPending = {};
  }

  function listed(element, attribute, value) {
    var list = element.getAttribute(attribute);
    return list === null || value === null || list.split(/\s+/).indexOf(value) !== -1;
  }

  // Greys out what does not count on the chosen route (and ML task type).
  function markRoutes(root) {
    var route = answers.route;
    var taskType = answers.task_type;
    itemFieldsets(root).forEach(function (fieldset) {
      var off = !listed(fieldset, "data-routes", route);
      fieldset.classList.toggle("mh-not-on-route", off);
      fieldset.querySelectorAll(".mh-option").forEach(function (option) {
        var optionOff = !listed(option, "data-routes", route) || !listed(option, "data-task-types", taskType);
        option.classList.toggle("mh-not-on-route", optionOff);
      });
    });
  }

  function fieldsetAnswer(fieldset) {
    var id = fieldset.getAttribute("data-item");
    var kind = fieldset.getAttribute("data-kind");
    var inputs = Array.prototype.slice.call(fieldset.querySelectorAll('input[name="answer-' + id + '"]'));
    var checked = inputs.filter(function (input) { return input.checked; });
    if (kind === "yes-no") return checked.length ? checked[0].value === "yes" : null;
    return checked.map(function (input) { return input.value; });
  }

  function setRoute(route) {
    answers.route = route || null;
    if (!answers.route) return;
    methodology().then(function (data) {
      if (taskTypeRoutes(data).indexOf(answers.route) === -1 && answers.task_type !== null) {
        answers.task_type = null;
        answersChanged();
        restoreControls(document);
        updateChoosers(data);
      }
    }, function () {});
  }

  function onChecklistChange(input) {
    var fieldset = input.closest("fieldset.mh-item");
    var id = fieldset.getAttribute("data-item");
    var selects = fieldset.getAttribute("data-selects");
    if (selects === "route") {
      setRoute(input.value);
    } else if (selects === "task-type") {
      if (!listed(fieldset, "data-routes", answers.route)) {
        input.checked = false;
        notify("The ML task type only applies to the ML model route. Choose that route first.", "info", false);
        renderNotices();
        return;
      }
      answers.task_type = input.value;
    } else {
      answers.answers[id] = fieldsetAnswer(fieldset);
    }
    answersChanged();
    updateScorePageFields();
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (input.matches && input.matches("form.mh-checklist fieldset.mh-item input[name^='answer-']")) {
      onChecklistChange(input);
    } else if (input.matches && input.matches("form.mh-checklist fieldset.mh-item input[data-na]")) {
      onNotApplicableToggle(input);
    } else if (input.closest && input.closest("#mh-score") && input.matches("select")) {
      onScoreSelect(input);
    }
  });

  document.addEventListener("input", function (event) {
    var target = event.target;
    if (target.matches && target.matches("form.mh-checklist textarea[data-note]")) {
      var id = target.getAttribute("data-note");
      if (target.value) answers.notes[id] = target.value;
      else delete answers.notes[id];
      updateCounter(target);
      saveAnswers();
    } else if (target.matches && target.matches("form.mh-checklist textarea[data-na-reason]")) {
      onReasonInput(target);
    } else if (target.matches && target.matches("#mh-score input[data-field]")) {
      answers[target.getAttribute("data-field")] = target.value;
      saveAnswers();
    }
  });

  document.addEventListener("click", function (event) {
    var button = event.target.closest && event.target.closest("button.mh-clear[data-clear]");
    if (!button) return;
    var id = button.getAttribute("data-clear");
    answers.answers[id] = null;
    var fieldset = button.closest("fieldset.mh-item");
    if (fieldset) fieldset.querySelectorAll("input").forEach(function (input) { input.checked = false; });
    answersChanged();
  });

  // Start loading as soon as someone reaches for a checklist control, before they answer.
  ["focusin", "pointerdown"].forEach(function (type) {
    document.addEventListener(type, function (event) {
      if (event.target.closest && event.target.closest("form.mh-checklist")) startScorer();
    });
  });

  // Another tab wrote the answers: its changes are merged item by item with this tab's own.
  window.addEventListener("storage", function (event) {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    var raw = storageGet(STORAGE_KEY);
    if (raw === base) return;
    takeStored(raw, "theirs");
    saveMerged();
    restoreControls(document);
    updateScorePageFields();
    renderNotices();
    if (hasStoredAnswers() || scorer.state !== "idle") rescore();
  });

  // ---- The score page ---------------------------------------------------------------------

  function scorePage() {
    return document.getElementById("mh-score");
  }

  function fillSelect(select, entries, chosen, emptyLabel) {
    var options = [el("option", { value: "", text: emptyLabel })].concat(entries.map(function (entry) {
      return el("option", { value: entry.id, text: entry.title });
    }));
    select.replaceChildren.apply(select, options);
    select.value = chosen || "";
  }

  function updateChoosers(data) {
    var page = scorePage();
    if (!page || !data) return;
    var route = page.querySelector("#mh-route");
    var task = page.querySelector("#mh-task-type");
    fillSelect(route, data.methodology.routes, answers.route, "Choose the deliverable\u2026");
    fillSelect(task, data.methodology.task_types, answers.task_type, "Choose the ML task type\u2026");
    var usesTaskType = taskTypeRoutes(data).indexOf(answers.route) !== -1;
    task.disabled = !usesTaskType;
    page.querySelector("#mh-task-type-hint").hidden = usesTaskType;
  }

  // A field being typed in keeps its text, unless the whole set of answers was replaced (`all`).
  function updateScorePageFields(all) {
    var page = scorePage();
    if (!page) return;
    page.querySelectorAll("input[data-field]").forEach(function (input) {
      if (all || document.activeElement !== input) input.value = answers[input.getAttribute("data-field")] || "";
    });
    if (methodologyPromise) methodologyPromise.then(updateChoosers, function () {});
  }

  function onScoreSelect(select) {
    if (select.id === "mh-route") {
      setRoute(select.value);
    } else if (select.id === "mh-task-type") {
      answers.task_type = select.value || null;
    }
    answersChanged();
    restoreControls(document);
    updateScorePageFields();
  }

  function renderScorePage() {
    var page = scorePage();
    if (!page) return;
    var total = page.querySelector("#mh-score-total");
    var stages = page.querySelector("#mh-score-stages");
    var missing = page.querySelector("#mh-score-missing");
    var notApplicable = page.querySelector("#mh-score-na");
    total.setAttribute("data-state", summaryState());
    if (summaryState() !== "scored") {
      total.replaceChildren.apply(total, statusContent(null, true));
      stages.replaceChildren();
      missing.replaceChildren();
      if (notApplicable) notApplicable.replaceChildren();
      return;
    }
    var summary = result.summary;
    var naTotal = naCount(summary);
    total.replaceChildren(
      el("p", { class: "mh-score-route", text: routeLabel(summary) }),
      el("p", { class: "mh-score-overall" },
        el("span", { class: "mh-percent", text: percentText(summary.percent) }), " ",
        el("span", { class: "mh-score-points" },
          el("span", { class: "mh-points", text: String(summary.points) }), " of ",
          el("span", { class: "mh-maximum", text: String(summary.maximum) }), " points" + maximumNote(summary))),
      bar(summary.percent, "Overall " + percentText(summary.percent)),
      el("ul", { class: "mh-score-figures" },
        el("li", {}, applicableFigures(summary, naTotal > 0),
          naTotal ? ", leaving out " + naTotal + (naTotal === 1 ? " item" : " items") + " marked not applicable"
                  : ": no item is marked not applicable"),
        el("li", {}, paperFigures(summary, "Paper's own questions: "), " (",
          el("span", { class: "mh-paper-percent", text: percentText(summary.paper_percent) }),
          "); the rest are derived from its text or added by the handbook"),
        el("li", {}, el("span", { class: "mh-answered", text: String(summary.answered) }), " of ",
          el("span", { class: "mh-items-total", text: String(summary.items_total) }),
          " checks answered or marked not applicable")));

    stages.replaceChildren.apply(stages, summary.stages.map(function (stage) {
      var stageNa = naCount(summary, stage.id);
      return el("li", { class: "mh-stage-score", "data-stage": stage.id },
        el("a", { class: "mh-stage-title", href: SITE_ROOT + stage.id + "/", text: stage.title }),
        el("span", { class: "mh-stage-numbers" },
          stage.maximum
            ? el("span", { class: "mh-stage-figures",
                           text: stage.points + " / " + stage.maximum + " \u00b7 " + percentText(stage.percent) })
            : el("span", { class: "mh-stage-figures", text: "no checks on this route" }),
          stageNa && stage.maximum && stage.applicable_percent !== null
            ? el("span", { class: "mh-stage-applicable",
                           text: percentText(stage.applicable_percent) + " of what applies (" + stage.points +
                                 " / " + stage.applicable_maximum + ")" })
            : null),
        bar(stage.percent, stage.title + " " + percentText(stage.percent)));
    }));

    renderNotApplicable(notApplicable, summary);
    if (!summary.missing.length) {
      missing.replaceChildren(el("p", { text: naTotal
        ? "Nothing is missing: every check of this route that applies scores its points."
        : "Nothing is missing: every check of this route scores its points." }));
      return;
    }
    var first = true;
    var groups = summary.stages.map(function (stage) {
      var gaps = summary.missing.filter(function (gap) { return gap.stage_id === stage.id; });
      if (!gaps.length) return null;
      var group = el("details", { class: "mh-missing-stage", "data-stage": stage.id },
        el("summary", { text: stage.title + " (" + gaps.length + ")" }),
        el.apply(null, ["ul", {}].concat(gaps.map(function (gap) {
          return el("li", {},
            el("a", { href: SITE_ROOT + gap.url, text: gap.item_id }), " ",
            gap.question + " ",
            el("span", { class: "mh-status mh-status-" + gap.status, text: "(" + (STATUS_TEXT[gap.status] || gap.status) + ")" }));
        }))));
      // Re-rendering after each answer keeps the groups the reader opened or closed.
      var open = stage.id in missingOpen ? missingOpen[stage.id] : first;
      if (open) group.setAttribute("open", "");
      group.addEventListener("toggle", function () { missingOpen[stage.id] = group.open; });
      first = false;
      return group;
    }).filter(Boolean);
    missing.replaceChildren.apply(missing, [
      el("h2", { id: "still-missing", text: "Still missing (" + summary.missing.length + ")" }),
    ].concat(groups));
  }

  // The items marked not applicable, each with its reason; they are not in "Still missing".
  function renderNotApplicable(section, summary) {
    if (!section) return;
    var entries = summary.not_applicable;
    if (!entries.length) {
      section.replaceChildren();
      return;
    }
    section.replaceChildren(
      el("h2", { id: "marked-not-applicable", text: "Marked not applicable (" + entries.length + ")" }),
      el("p", { class: "mh-hint", text: "These score no points on the paper's scale and are left out of " +
                                        "the percentage of what applies." }),
      el.apply(null, ["ul", { class: "mh-na-list" }].concat(entries.map(function (entry) {
        return el("li", { "data-item": entry.item_id },
          el("a", { href: SITE_ROOT + entry.url, text: entry.item_id }), " ",
          el("span", { class: "mh-na-question", text: entry.question }), " ",
          el("span", { class: "mh-na-points",
                       text: "(" + entry.maximum + (entry.maximum === 1 ? " point" : " points") + ")" }),
          el("span", { class: "mh-na-why" }, el("span", { class: "mh-na-why-label", text: "Reason: " }),
            el("span", { class: "mh-na-why-text", text: entry.reason })));
      }))));
  }

  function today() {
    var now = new Date();
    var pad = function (n) { return String(n).padStart(2, "0"); };
    return now.getFullYear() + "-" + pad(now.getMonth() + 1) + "-" + pad(now.getDate());
  }

  function fileStem() {
    var slug = (answers.project || "").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return slug || "mlops";
  }

  function downloadSpreadsheet(button) {
    startScorer();
    button.disabled = true;
    notify("Preparing the spreadsheet\u2026", "info", false);
    var started = performance.now();
    scorer.ready
      .then(function () { return send("export", { answers: answers }); })
      .then(function (reply) {
        downloadBlob(new Blob([reply.bytes], { type: XLSX_TYPE }), reply.filename);
        timings.lastExport = performance.now() - started;
        notify("The spreadsheet " + reply.filename + " was downloaded.", "info", false);
      }, function (error) {
        notify(scorer.state === "unavailable"
          ? "The spreadsheet needs scoring, which " + (scorer.damaged ? "cannot start" : "is unavailable in this browser") +
            " (" + scorer.reason + "). " +
            "Download the answers JSON instead and run `mlops-handbook export` on it."
          : "The spreadsheet could not be made: " + error.message, "error", false);
      })
      .then(function () { button.disabled = false; });
  }

  function downloadAnswers() {
    var text = JSON.stringify(answers, null, 2) + "\n";
    var filename = fileStem() + "-answers-" + today() + ".json";
    downloadBlob(new Blob([text], { type: "application/json" }), filename);
    downloaded = { answers: canon(answers), filename: filename };
    notify("Your answers were downloaded as " + filename + ". Keep it to score them later with the command " +
           "line or to load them in another browser.", "info", false);
  }

  function isEmptyAnswers(data) {
    return same(withDefaults(data), emptyAnswers());
  }

  // The answers an upload is about to replace: kept under a backup key, and in memory for Undo.
  function keepBeforeUpload() {
    if (isEmptyAnswers(answers)) return null;
    var previous = JSON.stringify(answers);
    return { previous: previous, key: keepCopy(previous, "upload") };
  }

  function replaceAnswers(data, message, kept) {
    answers = withDefaults(data);
    forgetVisitState();
    answersChanged();
    restoreControls(document);
    updateScorePageFields(true);
    undoUpload = kept;
    var parts = [message];
    if (kept) {
      parts.push(kept.key
        ? " Your previous answers are kept in this browser's storage under \u201c" + kept.key + "\u201d. "
        : " Your previous answers could not be kept in this browser's storage; Undo brings them back while " +
          "this tab is open. ");
      parts.push({ button: "Undo", action: undoLastUpload });
    }
    if (!saving || !storageWorks) {
      parts.push(" They are shown here but not saved in this browser (see the notice at the top of the page).");
    }
    notify(parts, "info", false);
  }

  function undoLastUpload() {
    if (!undoUpload) return;
    var kept = undoUpload;
    undoUpload = null;
    answers = JSON.parse(kept.previous);
    forgetVisitState();
    answersChanged();
    restoreControls(document);
    updateScorePageFields(true);
    notify("The upload was undone: your previous answers are back." +
           (kept.key ? " Their copy stays under \u201c" + kept.key + "\u201d." : ""), "info", false);
  }

  // Asked once the file has passed its checks, so that nobody confirms a file that is then refused.
  function confirmUpload(name) {
    if (isEmptyAnswers(answers)) return true;
    return window.confirm("Replace your current answers with those of \u201c" + name + "\u201d? Your current " +
                          "answers are kept under a backup key, and the message that follows offers Undo.");
  }

  // Uploads are read as JSON once here only to tell a newer release's file and a version-1 file apart.
  function fileVersion(text) {
    try {
      var data = JSON.parse(text);
      return isPlainObject(data) && data.format === FORMAT ? data.version : null;
    } catch (error) {
      return null;
    }
  }

  function uploadAnswers(input) {
    var file = input.files && input.files[0];
    input.value = "";
    if (!file) return;
    var unchanged = " Your current answers are unchanged.";
    file.text().then(function (text) {
      var tooBig = sizeProblem(text);
      if (tooBig) {
        notify("\u201c" + file.name + "\u201d was not loaded: " + tooBig + "." + unchanged, "error", false);
        return;
      }
      var version = fileVersion(text);
      var newer = newerVersion({ format: FORMAT, version: version });
      if (newer !== null) {
        notify("\u201c" + file.name + "\u201d was not loaded: it was " + newerText(newer) + ". Open it with " +
               "the newer release." + unchanged, "error", false);
        return;
      }
      var loaded = "Loaded the answers of \u201c" + file.name + "\u201d" +
                   (version === 1 ? " (a file from an earlier release, updated to the current format)." : ".");
      startScorer();
      if (scorer.state === "unavailable") {
        var data = null;
        var problem = null;
        try { data = JSON.parse(text); } catch (error) { problem = "it is not valid JSON (" + error.message + ")"; }
        if (!problem) problem = shapeProblem(data);
        if (problem) {
          notify("\u201c" + file.name + "\u201d was not loaded: " + problem + "." + unchanged, "error", false);
          return;
        }
        if (!confirmUpload(file.name)) {
          notify("\u201c" + file.name + "\u201d was not loaded." + unchanged, "info", false);
          return;
        }
        replaceAnswers(migrate(data), loaded + " Only its format and version were checked: " +
                                      "full checking needs scoring, which is unavailable in this browser.",
                       keepBeforeUpload());
        return;
      }
      notify("Checking \u201c" + file.name + "\u201d\u2026", "info", false);
      return scorer.ready
        .then(function () { return send("check", { text: text }); })
        .then(function (reply) {
          var checked = reply.result;
          if (!checked.ok) {
            notify("\u201c" + file.name + "\u201d was not loaded. " + sentence(checked.error.problem) + ". " +
                   "Fix: " + checked.error.fix + (checked.error.place ? " (at " + checked.error.place + ")" : "") +
                   "." + unchanged, "error", false);
            return;
          }
          if (!confirmUpload(file.name)) {
            notify("\u201c" + file.name + "\u201d was not loaded." + unchanged, "info", false);
            return;
          }
          replaceAnswers(checked.answers, loaded, keepBeforeUpload());
        }, function (error) {
          notify("\u201c" + file.name + "\u201d could not be checked: " + error.message + "." + unchanged, "error", false);
        });
    }, function () {
      notify("The file could not be read." + unchanged, "error", false);
    });
  }

  // Reset never erases answers without a copy the reader can restore: a backup key, or else a file
  // the reader has just downloaded; without either, nothing is reset and the page says why.
  function resetAnswers() {
    if (!window.confirm("Reset all answers? The current answers are kept in this browser's storage under " +
                        "a backup key, and the checklist starts empty.")) return;
    var raw = storageGet(STORAGE_KEY);
    var stored = raw === null ? null : currentAnswers(raw);
    var keys = [];
    var rawKept = raw === null;
    if (raw !== null) {
      var rawKey = keepCopy(raw, "reset");
      if (rawKey) keys.push(rawKey);
      rawKept = rawKey !== null;
    }
    // This tab's answers need a copy of their own when they are not the stored ones (not saved).
    var memoryKept = isEmptyAnswers(answers) || (stored !== null && same(stored, answers));
    if (!memoryKept) {
      var memoryKey = keepCopy(JSON.stringify(answers), "reset");
      if (memoryKey) keys.push(memoryKey);
      memoryKept = memoryKey !== null;
    }
    var inFile = downloaded !== null && downloaded.answers === canon(answers);
    if ((!rawKept || !memoryKept) && !inFile) {
      keys.forEach(storageRemove);
      notify(["The answers were not reset: this browser's storage has no room for the backup copy a reset " +
              "keeps (it is full, or site data is blocked), and a reset never erases answers without a copy. ",
              { button: "Download answers (JSON)", action: downloadAnswers },
              " first; then \u201cReset answers\u201d clears them, and the downloaded file is your copy " +
              "(upload it here to get them back)."], "error", false);
      return;
    }
    // The stored value goes once it has a copy, or when it is exactly what was downloaded.
    if (raw !== null && (rawKept || (stored !== null && inFile && same(stored, answers)))) {
      storageRemove(STORAGE_KEY);
      base = null;
      saving = true;  // also lifts the pause set by a newer release's answers, now kept aside
      withdraw("newer");
    }
    var fromFile = !rawKept || !memoryKept;
    answers = emptyAnswers();
    forgetVisitState();
    answersChanged();
    restoreControls(document);
    updateScorePageFields(true);
    notify(fromFile
      ? "The answers were reset. No backup copy could be kept in this browser's storage; the file you " +
        "downloaded, \u201c" + downloaded.filename + "\u201d, is your copy: upload it here to get them back." +
        (saving ? "" : " The answers a newer release saved stay stored as they were.")
      : keys.length
        ? "The answers were reset. The previous ones are kept in this browser's storage under " +
          keys.map(function (key) { return "\u201c" + key + "\u201d"; }).join(" and ") + "."
        : "The answers were reset.", "info", false);
  }

  function wireScorePage(page) {
    if (page.getAttribute("data-wired")) return;
    page.setAttribute("data-wired", "true");
    page.querySelector("#mh-download-xlsx").addEventListener("click", function (event) {
      downloadSpreadsheet(event.currentTarget);
    });
    page.querySelector("#mh-download-json").addEventListener("click", downloadAnswers);
    var file = page.querySelector("#mh-upload-file");
    page.querySelector("#mh-upload").addEventListener("click", function () { file.click(); });
    file.addEventListener("change", function () { uploadAnswers(file); });
    page.querySelector("#mh-reset").addEventListener("click", resetAnswers);
  }

  // ---- Every page view (first load and each instant navigation) ---------------------------

  function onPage() {
    timings.pageViews += 1;
    restoreControls(document);
    renderNotices();
    var page = scorePage();
    if (page) {
      wireScorePage(page);
      updateScorePageFields();
      startScorer();
      if (!result && scorer.state !== "unavailable") rescore();
    }
    renderStatus();
  }

  answers = readStoredAnswers();
  if (!storageWritable()) storageRefused();
  if (hasStoredAnswers()) rescore();

  // mkdocs-material emits document$ on the first load and after every instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    onPage();  // this script is loaded at the end of the body, so the page is already there
  }
})();
