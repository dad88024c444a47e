/*
 * A portfolio the scorer could not compute as a whole: each file is tried alone, so that those
 * that stop the scorer are named, with what stopped it, and the others are still reported. Pure:
 * no DOM (the caller passes the scorer's call).
 */

import { t } from "./i18n.js";

const QUOTED = 80;   // characters of the scorer's message quoted at most

// The scorer's message for an input that stopped it, in words a reader can act on: a JavaScript
// stack overflow (the input nests too deeply) said as such, any other message quoted short.
function failure(message) {
  const text = String(message || "").replace(/^the scorer failed:\s*/, "").trim();
  if (/maximum call stack|too much recursion|stack overflow|RecursionError/i.test(text)) {
    return { stopped: false, text: t("it nests its content too deeply for the scorer to read (the browser ran out " +
                                     "of stack space); save it again from the spreadsheet program, or export it " +
                                     "again from the score page") };
  }
  return { stopped: true, text: t("the scorer stopped on it ({why})", {
    why: text.length > QUOTED ? text.slice(0, QUOTED - 1) + "\u2026" : text || t("no reason given") }) };
}

export function readableFailure(message) {
  return failure(message).text;
}

// The same for a file of a portfolio, which is left out while the others are reported.
export function failureText(message) {
  const found = failure(message);
  return found.text + t("; it is left out and the other files are reported") +
         (found.stopped ? t(". Check the file, or export it again; if it keeps failing, please report it to the " +
                            "handbook's maintainers") : "");
}

// `files`: [[name, content]]; `view(files)`: the scorer's portfolio of them (a promise). Tries each
// file alone, in order: {kept: the files it read, failing: [{file, message}] for the others}.
export function isolateFailing(files, view) {
  const kept = [];
  const failing = [];
  return files.reduce((done, file) => done.then(() => view([file]).then(
    () => { kept.push(file); },
    (error) => { failing.push({ file: file[0], message: failureText(error && error.message) }); })),
  Promise.resolve()).then(() => ({ kept, failing }));
}
