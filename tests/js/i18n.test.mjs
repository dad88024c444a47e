// The page's language (i18n.js): every English text of the page code has its Spanish, with the
// same placeholders, and numbers, percentages and dates read as each language writes them.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { describe, it } from "node:test";

import { ES } from "../../docs/assets/js/handbook/i18n-es.js";
import {
  formatCount, formatDate, formatPercent, localized, pageLang, readerLocale, t, tn, tParts,
} from "../../docs/assets/js/handbook/i18n.js";

const HANDBOOK = new URL("../../docs/assets/js/handbook/", import.meta.url);
const SCORER = new URL("../../docs/assets/js/", import.meta.url);
const LITERAL = String.raw`"(?:[^"\\\n]|\\.)*"`;
const JOINED = String.raw`${LITERAL}(?:\s*\+\s*${LITERAL})*`;

// A string literal, or several joined with +, as the text it stands for.
function text(joined) {
  return joined.match(new RegExp(LITERAL, "g")).map((literal) => JSON.parse(literal)).join("");
}

// The page code's sources, without the translation modules themselves.
function sources() {
  return readdirSync(HANDBOOK).filter((name) => name.endsWith(".js") && !name.startsWith("i18n"))
    .map((name) => ({ name, code: readFileSync(new URL(name, HANDBOOK), "utf8") }));
}

// The scorer worker's files, whose errors give their English to worded() (the page writes them in
// its language with workerText()).
function workerSources() {
  return readdirSync(SCORER).filter((name) => /^scorer-.*\.js$/.test(name))
    .map((name) => ({ name, code: readFileSync(new URL(name, SCORER), "utf8") }));
}

// Every English text given to t(), tParts() and tn() in the page code, with the files using it.
function englishTexts() {
  const found = new Map();
  const add = (english, name) => found.set(english, (found.get(english) || new Set()).add(name));
  const problems = [];
  sources().forEach(({ name, code }) => {
    const calls = (code.match(/\b(?:t|tParts|tn)\(/g) || []).length;
    let literal = 0;
    for (const match of code.matchAll(new RegExp(String.raw`\b(?:t|tParts)\(\s*(${JOINED})\s*[,)]`, "g"))) {
      add(text(match[1]), name);
      literal += 1;
    }
    for (const match of code.matchAll(new RegExp(String.raw`\btn\([^"]*?,\s*(${JOINED})\s*,\s*(${JOINED})\s*[,)]`,
                                                 "g"))) {
      add(text(match[1]), name);
      add(text(match[2]), name);
      literal += 1;
    }
    if (literal !== calls) problems.push(name + ": " + (calls - literal) + " call(s) without literal English");
  });
  workerSources().forEach(({ name, code }) => {
    const calls = (code.match(/(?<!function )\bworded\(/g) || []).length;
    let literal = 0;
    for (const match of code.matchAll(new RegExp(String.raw`(?<!function )\bworded\(\s*(${JOINED})\s*[,)]`, "g"))) {
      add(text(match[1]), name);
      literal += 1;
    }
    if (literal !== calls) problems.push(name + ": " + (calls - literal) + " worded() call(s) without literal English");
  });
  return { found, problems };
}

const placeholders = (template) => [...template.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the Spanish catalogue", () => {
  const { found, problems } = englishTexts();

  it("is asked for each text by a literal English text, never by one built at run time", () => {
    assert.deepEqual(problems, []);
    assert.ok(found.size > 100, "the scan found only " + found.size + " texts");
  });

  it("has a Spanish text for every English text of the page code", () => {
    const missing = [...found.keys()].filter((english) => !(english in ES));
    assert.deepEqual(missing, [], "add these to i18n-es.js");
  });

  it("has no entry that the page code no longer uses", () => {
    assert.deepEqual(Object.keys(ES).filter((english) => !found.has(english)), []);
  });

  it("keeps each text's placeholders, and writes no English word where Spanish is due", () => {
    const differing = Object.keys(ES).filter((english) => placeholders(english).join() !== placeholders(ES[english]).join());
    assert.deepEqual(differing, []);
    assert.deepEqual(Object.keys(ES).filter((english) => !ES[english].trim() && english.trim()), []);
  });

  it("keeps a text's spaces at its ends, which join it to what comes before and after", () => {
    const ends = (s) => [/^\s/.test(s), /\s$/.test(s)].join();
    assert.deepEqual(Object.keys(ES).filter((english) => ends(english) !== ends(ES[english])), []);
  });
});

describe("t", () => {
  const withPage = (lang, run) => {
    const before = globalThis.document;
    globalThis.document = { documentElement: { lang } };
    try { return run(); } finally { globalThis.document = before; }
  };

  it("reads the page's language from <html lang>: Spanish for es and es-*, else English", () => {
    assert.equal(pageLang(), "en");
    assert.equal(withPage("es", pageLang), "es");
    assert.equal(withPage("es-CO", pageLang), "es");
    assert.equal(withPage("fr", pageLang), "en");
    assert.equal(withPage("", pageLang), "en");
  });

  it("gives the English as written on an English page and the Spanish on a Spanish one, placeholders filled", () => {
    assert.equal(t("started {time}", { time: "14:05" }), "started 14:05");
    assert.equal(withPage("es", () => t("started {time}", { time: "14:05" })), "iniciada a las 14:05");
    assert.equal(withPage("es", () => t("an English text with no Spanish")), "an English text with no Spanish");
    assert.equal(t("started {time}", { time: "14:05" }, "es-CO"), "iniciada a las 14:05");
  });

  it("counts with the right one of two texts, the count grouped in Spanish and as it is in English", () => {
    assert.equal(tn(1, "{n} file", "{n} files"), "1 file");
    assert.equal(tn(12000, "{n} file", "{n} files"), "12000 files");
    assert.equal(tn(12000, "{n} file", "{n} files", null, "es"), "12.000 archivos");
    assert.equal(tn(1, "{n} file", "{n} files", null, "es"), "1 archivo");
  });

  it("places elements where the language's sentence puts them", () => {
    const node = { node: true };
    assert.deepEqual(tParts("Choose the deliverable (the route) in {link} to see your score.", { link: node }),
                     ["Choose the deliverable (the route) in ", node, " to see your score."]);
    assert.deepEqual(tParts("{points} of {maximum} points{note}, {percent}", { points: 1, maximum: 2, note: null,
                                                                                percent: "50.0%" }),
                     ["1", " of ", "2", " points", ", ", "50.0%"]);
  });
});

describe("numbers and dates", () => {
  it("write a percentage as each language does", () => {
    assert.equal(formatPercent(77.8, "en"), "77.8%");
    assert.equal(formatPercent(77.8, "es"), "77,8\u00a0%");
    assert.equal(formatPercent(100, "es"), "100,0\u00a0%");
    assert.equal(formatPercent(null, "en"), "n/a");
    assert.equal(formatPercent(null, "es"), "n/d");
  });

  it("write a count with each language's grouping, Spanish from four digits as the package does", () => {
    assert.equal(formatCount(10000, "en"), "10,000");
    assert.equal(formatCount(10000, "es"), "10.000");
    assert.equal(formatCount(9000, "es"), "9.000");
    assert.equal(formatCount(12, "es"), "12");
  });

  it("write a date day first with a short month, in Spanish three letters with no dot as the package does", () => {
    assert.equal(formatDate("2026-12-06", "en"), "6 Dec 2026");
    assert.equal(formatDate("2026-09-14", "en"), "14 Sept 2026");
    assert.equal(formatDate("2026-12-06", "es"), "6 dic 2026");
    assert.equal(formatDate("2026-09-14", "es"), "14 sep 2026");
    assert.equal(formatDate("2026-12-06", "es-CO"), "6 dic 2026");
    assert.equal(readerLocale("es-CO"), "es");
    assert.equal(formatDate(null, "es"), "sin fecha");
  });

  it("take a methodology text in Spanish from its es entry, else the English", () => {
    const route = { title: "ML model", es: { title: "Modelo de ML" } };
    assert.equal(localized(route, "title", "es"), "Modelo de ML");
    assert.equal(localized(route, "title", "en"), "ML model");
    assert.equal(localized({ title: "Dashboard" }, "title", "es"), "Dashboard");
  });
});
