/*
 * How an assessment is named wherever it is listed: its project, its date in the reader's format
 * ("6 Dec 2026", never the US month-first order), its assessor, its optional name, and, when two
 * of one project share a date and have no names to tell them apart, the time each was started.
 *
 * Pure (Intl only), so Node's tests run it.
 */

// The locale dates are written in: the page's language, with plain English written day first
// (en-GB), as is the habit of most readers outside the US and of the paper's setting.
export function readerLocale(lang) {
  const tag = String(lang || "en").trim() || "en";
  return /^en(-US)?$/i.test(tag) ? "en-GB" : tag;
}

function dateParts(iso) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(String(iso || ""));
  if (!match) return null;
  const date = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return Number.isNaN(date.getTime()) ? null : date;
}

// "2026-12-06" -> "6 Dec 2026" (in the page's language); a missing or odd date as "undated".
export function formatDate(iso, lang) {
  const date = dateParts(iso);
  if (!date) return "undated";
  try {
    return new Intl.DateTimeFormat(readerLocale(lang), { day: "numeric", month: "short", year: "numeric",
                                                        timeZone: "UTC" }).format(date);
  } catch (error) {
    return iso;  // a page language Intl does not know: the ISO date, which no reader misreads
  }
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

// Today as the answers file writes a date, "2026-12-06", in the reader's own time zone.
export function todayText(now) {
  const day = now || new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
}

export function projectLabel(name) {
  return name || "Untitled project";
}

// The assessments of one project, each {answers, label, created}: "6 Dec 2026 · Ana · Before
// release". Two with the same text get the time each was started. One made by an earlier release
// has no start time: it was started before any that has one; among several such, their order.
export function assessmentLabels(entries, lang) {
  const bases = entries.map((entry) => {
    const answers = entry.answers || {};
    return [formatDate(answers.date, lang), answers.assessor, entry.label].filter(Boolean).join(" \u00b7 ");
  });
  const groups = {};
  bases.forEach((base, i) => { (groups[base] = groups[base] || []).push(i); });
  return bases.map((base, i) => {
    const group = groups[base];
    if (group.length === 1) return base;
    const time = formatTime(entries[i].created, lang);
    if (time) return base + " \u00b7 started " + time;
    const timed = group.filter((j) => formatTime(entries[j].created, lang)).map((j) => entries[j].created).sort();
    const untimed = group.filter((j) => !formatTime(entries[j].created, lang));
    if (timed.length && untimed.length === 1) return base + " \u00b7 started before " + formatTime(timed[0], lang);
    return base + " \u00b7 no. " + (untimed.indexOf(i) + 1) + " of that date";
  });
}

// "Churn model: 6 Dec 2026 · Ana", the label that names an assessment on its own.
export function wholeLabel(projectName, label) {
  return projectLabel(projectName) + ": " + label;
}

// Every entry of listAssessments (projects.js) with its whole label, labelled within its project.
export function labelEntries(entries, lang) {
  const byProject = {};
  entries.forEach((entry) => { (byProject[entry.projectId] = byProject[entry.projectId] || []).push(entry); });
  const labels = new Map();
  Object.keys(byProject).forEach((projectId) => {
    const group = byProject[projectId];
    assessmentLabels(group, lang).forEach((label, i) => labels.set(group[i], label));
  });
  return entries.map((entry) => Object.assign({}, entry, {
    shortLabel: labels.get(entry), wholeLabel: wholeLabel(entry.projectName, labels.get(entry)),
  }));
}

// The page's language, as its <html lang> says.
export function pageLang() {
  return (globalThis.document && document.documentElement.lang) || "en";
}
