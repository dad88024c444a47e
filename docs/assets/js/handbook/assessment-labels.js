/*
 * How an assessment is named wherever it is listed: its project, its date in the reader's format
 * ("6 Dec 2026", never the US month-first order), its assessor, its optional name, and, when two
 * of one project share a date and have no names to tell them apart, the time each was started.
 *
 * Pure (Intl only), so Node's tests run it.
 */

import { formatDate, formatTime, pageLang, readerLocale, t } from "./i18n.js";

export { formatDate, formatTime, pageLang, readerLocale };

// Today as the answers file writes a date, "2026-12-06", in the reader's own time zone.
export function todayText(now) {
  const day = now || new Date();
  const pad = (n) => String(n).padStart(2, "0");
  return day.getFullYear() + "-" + pad(day.getMonth() + 1) + "-" + pad(day.getDate());
}

export function projectLabel(name) {
  return name || t("Untitled project");
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
    if (time) return base + " \u00b7 " + t("started {time}", { time }, lang);
    const timed = group.filter((j) => formatTime(entries[j].created, lang)).map((j) => entries[j].created).sort();
    const untimed = group.filter((j) => !formatTime(entries[j].created, lang));
    if (timed.length && untimed.length === 1) {
      return base + " \u00b7 " + t("started before {time}", { time: formatTime(timed[0], lang) }, lang);
    }
    return base + " \u00b7 " + t("no. {n} of that date", { n: untimed.indexOf(i) + 1 }, lang);
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
