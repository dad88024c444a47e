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
    try { return window.localStorage.getItem(key); } catch (error) { storageWorks = false; return null; }
  }

  function storageSet(key, value) {
    try { window.localStorage.setItem(key, value); return true; } catch (error) { return false; }
  }

  function storageRemove(key) {
    try { window.localStorage.removeItem(key); } catch (error) { /* nothing stored then */ }
  }

  // Keeps a copy of a stored value under its own key; the key, or null when there is no room.
  function keepCopy(raw, label) {
    var key = STORAGE_KEY + ":" + label + ":" + new Date().toISOString();
    return storageSet(key, raw) ? key : null;
  }

  function moveAside(raw, label) {
    var key = keepCopy(raw, label);
    if (key) storageRemove(STORAGE_KEY);
    return key;
  }

  // Never erases a stored value without a copy: an unreadable one is moved under another key, a
  // version-1 one is copied before its migration is saved, a newer release's one is left alone.
  function readStoredAnswers() {
    var raw = storageGet(STORAGE_KEY);
    saving = true;
    if (raw === null) return emptyAnswers();
    var data;
    var problem = null;
    try { data = JSON.parse(raw); } catch (error) { problem = "it is not valid JSON"; }
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
    if (!problem) return data.version === 1 ? migrateStored(raw, data) : withDefaults(data);
    var key = moveAside(raw, "unreadable");
    saving = key !== null;
    notify(key
      ? "Your saved answers could not be read (" + problem + "). They were kept in this browser's storage " +
        "under \u201c" + key + "\u201d and a new, empty set of answers was started."
      : "Your saved answers could not be read (" + problem + ") and there is no room to keep a copy " +
        "aside, so they were left as they are and new answers are not saved. Free some browser storage " +
        "and reload the page.",
      "error", true);
    return emptyAnswers();
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
    notify("Your saved answers came from an earlier release of the handbook and were updated to the " +
           "current format, which lets you mark an item not applicable. No answer changed. The original is " +
           "kept in this browser's storage under \u201c" + key + "\u201d.", "info", true);
    return migrated;
  }

  function hasStoredAnswers() {
    return storageGet(STORAGE_KEY) !== null;
  }

  function saveAnswers() {
    if (!saving) return;
    if (!storageSet(STORAGE_KEY, JSON.stringify(answers)) && storageWorks) {
      storageWorks = false;
      notify("This browser does not let the handbook save answers (storage is full or blocked). " +
             "Download your answers from the score page before you leave.", "error", true);
    }
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
      failScorer(error.message);
      throw error;
    });
    scorer.ready.catch(function () { /* reported on the page */ });
    renderStatus();
    return scorer.ready;
  }

  function failScorer(reason) {
    scorer.state = "unavailable";
    scorer.reason = reason;
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
    else waiting.reject(new Error((message.error && message.error.message) || "the scorer failed"));
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
      var reason = "Scoring is unavailable in this browser: " + scorer.reason.replace(/\.+$/, "") +
                   ". Your answers are still saved here";
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
        "Your answers are saved meanwhile.")];
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

  // topic names a lasting notice that a later event withdraws (e.g. "newer" after a reset).
  function notify(text, kind, persistent, topic) {
    // The same lasting notice again (another tab saved, say) is not shown twice.
    if (persistent && notices.some(function (n) { return n.text === text; })) return;
    var notice = { id: ++noticeCounter, text: text, kind: kind || "info", topic: topic || null };
    if (persistent) notices.push(notice);
    else showMessage(notice);
    renderNotices();
  }

  function showMessage(notice) {
    var region = document.getElementById("mh-score-messages");
    if (region) {
      region.replaceChildren(el("p", { class: "mh-message mh-" + notice.kind, text: notice.text }));
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
      return el("div", { class: "mh-notice mh-" + notice.kind },
        el("p", { text: notice.text }), dismiss);
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
      restoreNotApplicable(fieldset);
    });
    markRoutes(root);
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
    if (waiting) {
      area.setAttribute("aria-describedby", message.id);
      area.setAttribute("aria-invalid", "true");
    } else {
      area.removeAttribute("aria-describedby");
      area.removeAttribute("aria-invalid");
    }
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

  // Another tab changed the answers: take them over and show them.
  window.addEventListener("storage", function (event) {
    if (event.key !== STORAGE_KEY && event.key !== null) return;
    answers = readStoredAnswers();
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

  function updateScorePageFields() {
    var page = scorePage();
    if (!page) return;
    page.querySelectorAll("input[data-field]").forEach(function (input) {
      if (document.activeElement !== input) input.value = answers[input.getAttribute("data-field")] || "";
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

  function downloadAnswers() {
    var text = JSON.stringify(answers, null, 2) + "\n";
    downloadBlob(new Blob([text], { type: "application/json" }), fileStem() + "-answers-" + today() + ".json");
    notify("Your answers were downloaded as a JSON file. Keep it to score them later with the command line " +
           "or to load them in another browser.", "info", false);
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
          ? "The spreadsheet needs scoring, which is unavailable in this browser (" + scorer.reason + "). " +
            "Download the answers JSON instead and run `mlops-handbook export` on it."
          : "The spreadsheet could not be made: " + error.message, "error", false);
      })
      .then(function () { button.disabled = false; });
  }

  function replaceAnswers(data, message) {
    answers = withDefaults(data);
    forgetVisitState();
    answersChanged();
    restoreControls(document);
    updateScorePageFields();
    notify(message + (saving ? "" : " They are shown here but not saved in this browser (see the notice " +
                                     "at the top of the page)."), "info", false);
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
        replaceAnswers(migrate(data), loaded + " Only its format and version were checked: " +
                                      "full checking needs scoring, which is unavailable in this browser.");
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
          replaceAnswers(checked.answers, loaded);
        }, function (error) {
          notify("\u201c" + file.name + "\u201d could not be checked: " + error.message + "." + unchanged, "error", false);
        });
    }, function () {
      notify("The file could not be read." + unchanged, "error", false);
    });
  }

  function resetAnswers() {
    if (!window.confirm("Reset all answers? The current answers are kept in this browser's storage under " +
                        "a backup key, and the checklist starts empty.")) return;
    var raw = storageGet(STORAGE_KEY);
    var key = raw === null ? null : moveAside(raw, "reset");
    if (raw === null || key) {
      saving = true;  // also lifts the pause set by a newer release's answers, now kept aside
      notices = notices.filter(function (notice) { return notice.topic !== "newer"; });
    }
    answers = emptyAnswers();
    forgetVisitState();
    answersChanged();
    restoreControls(document);
    updateScorePageFields();
    notify(key ? "The answers were reset. The previous ones are kept in this browser's storage under \u201c" +
                 key + "\u201d." : "The answers were reset.", "info", false);
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
  if (hasStoredAnswers()) rescore();

  // mkdocs-material emits document$ on the first load and after every instant navigation.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(onPage);
  } else {
    onPage();  // this script is loaded at the end of the body, so the page is already there
  }
})();
