/*
 * The page's language: the words the page code writes, and its numbers and dates, in English or
 * Spanish as the page's <html lang> says (one site build per language). Pure (Intl only), so
 * Node's tests run it.
 *
 * t("English text with {name}", {name}) gives the text in the page's language: the English as
 * written, or its Spanish from i18n-es.js, which is keyed by the exact English. Every call names
 * its English as a literal, so a test can check that each has its Spanish.
 */
import { ES } from "./i18n-es.js";
import { pageLanguage } from "./languages.js";

// The page's language, as its <html lang> says: "es" (es, es-CO...) or "en" (anything else).
// Read at each call, so that Node's tests can set it.
export function pageLang() {
  const root = globalThis.document && globalThis.document.documentElement;
  return pageLanguage(root && root.lang);
}

// The language asked for (a tag), or the page's.
function chosen(lang) {
  return lang ? pageLanguage(lang) : pageLang();
}

function filled(template, values) {
  if (!values) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
}

// The text of `english` in the page's language (or `lang`), its {name} placeholders filled.
export function t(english, values, lang) {
  const spanish = chosen(lang) === "es" ? ES[english] : undefined;
  return filled(spanish === undefined ? english : spanish, values);
}

// A text the scorer's worker wrote (its error's English template and values, see scorer-files.js's
// worded()), in the page's language; its English as the worker filled it when it gave no template.
export function workerText(details, lang) {
  if (!details || typeof details.text !== "string") return (details && details.message) || "";
  return t(details.text, details.values || {}, lang);
}

// One of two texts by a count, the count as {n}: tn(3, "{n} file", "{n} files"); in Spanish the
// count is grouped as formatCount writes it.
export function tn(count, one, many, values, lang) {
  const n = chosen(lang) === "es" ? formatCount(count, "es") : String(count);
  return t(count === 1 ? one : many, Object.assign({ n }, values || {}), lang);
}

// The parts of a text whose placeholders stand for elements, in the order the language writes
// them: strings between the values as they are (a value may be any object, e.g. a DOM node).
export function tParts(english, values, lang) {
  const spanish = chosen(lang) === "es" ? ES[english] : undefined;
  const template = spanish === undefined ? english : spanish;
  const parts = [];
  let last = 0;
  template.replace(/\{(\w+)\}/g, (whole, name, at) => {
    if (at > last) parts.push(template.slice(last, at));
    const value = values && name in values ? values[name] : whole;
    if (value !== null && value !== undefined) parts.push(typeof value === "number" ? String(value) : value);
    last = at + whole.length;
    return whole;
  });
  if (last < template.length) parts.push(template.slice(last));
  return parts;
}

// The Intl locale dates are written in: English day first (en-GB), as most readers outside the
// US write it; Spanish as "es", whose short months and percent sign read "6 dic 2026" and
// "77,8 %" (es-CO would give "6 de dic de 2026" and "77,8%"); another tag as it is.
export function readerLocale(lang) {
  const tag = String(lang || pageLang()).trim() || "en";
  if (/^en(-US)?$/i.test(tag)) return "en-GB";
  return /^es(-|$)/i.test(tag) ? "es" : tag;
}

// A whole count: "9,000" in English, "9.000" in Spanish, grouped from four digits on as the
// handbook's Spanish writes them (and the package does), where Intl's "es" alone would start at five.
export function formatCount(n, lang) {
  if (chosen(lang) !== "es") return Number(n).toLocaleString("en");
  return new Intl.NumberFormat("es", { useGrouping: "always", maximumFractionDigits: 3 }).format(Number(n));
}

// A number with `digits` decimals: "2.5" in English, "2,5" in Spanish.
export function formatDecimal(value, digits, lang) {
  if (chosen(lang) !== "es") return value.toFixed(digits);
  return new Intl.NumberFormat("es", { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
}

// A percentage the package computed (0-100, or null when nothing applies): "77.8%", "77,8 %".
export function formatPercent(value, lang) {
  const spanish = chosen(lang) === "es";
  if (value === null || value === undefined) return spanish ? "n/d" : "n/a";
  if (!spanish) return value.toFixed(1) + "%";
  return new Intl.NumberFormat("es", { minimumFractionDigits: 1, maximumFractionDigits: 1, useGrouping: false })
    .format(value) + "\u00a0%";
}

function dateParts(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

// "2026-12-06" -> "6 Dec 2026" / "6 dic 2026"; a missing or odd date as "undated". Spanish short
// months are written as the package writes them (charts, command line): three letters, no dot
// ("sep", where Intl's data says "sept", or "dic." in older data), no "de".
export function formatDate(iso, lang) {
  const date = dateParts(iso);
  if (!date) return t("undated", null, chosen(lang));
  const where = readerLocale(lang);
  let text;
  try {
    text = new Intl.DateTimeFormat(where, { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" })
      .format(date);
  } catch (error) {
    return iso;  // a page language Intl does not know: the ISO date, which no reader misreads
  }
  return where === "es" ? text.replace(/\.(?=\s|$)/g, "").replace(/ de /g, " ").replace(/\bsept\b/, "sep") : text;
}

// An ISO timestamp's time of day, local, "14:05".
export function formatTime(timestamp, lang) {
  const date = new Date(timestamp);
  if (!timestamp || Number.isNaN(date.getTime())) return null;
  try {
    return new Intl.DateTimeFormat(readerLocale(lang), { hour: "2-digit", minute: "2-digit", hourCycle: "h23" })
      .format(date);
  } catch (error) {
    return null;
  }
}

// A text of the methodology (methodology.json) in the page's language: its Spanish under "es".
export function localized(entry, field, lang) {
  if (chosen(lang) === "es" && entry.es && typeof entry.es[field] === "string") return entry.es[field];
  return entry[field];
}
