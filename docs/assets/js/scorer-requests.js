/*
 * The worker's requests that need more than one call into the package (mlops_handbook.browser,
 * given as `browser`): the answers as the package reads them, and the two spreadsheets as bytes
 * to transfer to the page. Imported by scorer-start.js for scorer-worker.js.
 */
import { worded } from "./scorer-files.js";

export function answersText(message) {
  if (!message.answers || typeof message.answers !== "object") {
    throw worded("the request needs the answers as a JSON object");
  }
  return JSON.stringify(message.answers);
}

// The language the page asked for ("en" or "es"), for the package's texts; English when none.
export function language(message) {
  return message.lang === "es" ? "es" : "en";
}

// An earlier assessment's answers for the report's comparison, as text; "" when there is none.
export function previousText(message) {
  return message.previous && typeof message.previous === "object" ? JSON.stringify(message.previous) : "";
}

// The spreadsheet of the answers: {ok: true, bytes: ArrayBuffer, filename} or the package's error.
export function exportWorkbook(browser, message) {
  var text = answersText(message);
  // Scoring first turns a problem with the answers (e.g. no route) into the package's error.
  var checked = JSON.parse(browser.score_json(text, false, "", language(message)));
  if (!checked.ok) return { ok: false, error: checked.error };
  var buffer = transferableBytes(browser.export_xlsx(text, language(message)));
  return { ok: true, bytes: buffer, filename: browser.export_filename(String(message.answers.project || ""), localDate()) };
}

// [[name, text or ArrayBuffer], ...] with each ArrayBuffer as a Uint8Array, which Python reads as bytes.
export function portfolioFiles(message) {
  if (!Array.isArray(message.files)) throw worded("a portfolio request needs its files as [name, content] pairs");
  return message.files.map(function (pair) {
    var content = pair[1] instanceof ArrayBuffer ? new Uint8Array(pair[1]) : String(pair[1]);
    return [String(pair[0]), content];
  });
}

// The portfolio spreadsheet of the files: {ok: true, bytes: ArrayBuffer, filename}.
export function portfolioWorkbook(browser, message) {
  var files = browser.from_js(portfolioFiles(message));
  var proxy;
  try {
    proxy = browser.portfolio_xlsx(files, language(message));
  } finally {
    files.destroy();
  }
  return { ok: true, bytes: transferableBytes(proxy), filename: "portfolio-" + localDate() + ".xlsx" };
}

// Python bytes (a proxy, destroyed here) as an ArrayBuffer of their own, to transfer to the page.
function transferableBytes(proxy) {
  var bytes;
  try {
    bytes = proxy.toJs();
  } finally {
    proxy.destroy();
  }
  return bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength ? bytes.buffer : bytes.slice().buffer;
}

function localDate() {
  var now = new Date();
  function two(n) { return (n < 10 ? "0" : "") + n; }
  return now.getFullYear() + "-" + two(now.getMonth() + 1) + "-" + two(now.getDate());
}
