/*
 * The Portfolio page's pure logic: which files are spreadsheets, what the stored assessments are
 * called, where each item's page is, and the wording of the summary. Pure: no DOM, no storage.
 */

import { t, tn } from "./i18n.js";

const ZIP_MAGIC = [0x50, 0x4b];     // "PK": an .xlsx is a zip archive

// Whether the file's first bytes are a zip archive's (an .xlsx), whatever its name says.
export function isWorkbook(bytes) {
  return bytes.length >= 2 && bytes[0] === ZIP_MAGIC[0] && bytes[1] === ZIP_MAGIC[1];
}

// A name per stored assessment ("this browser: project, date"), the same one twice numbered.
export function storedNames(answersList) {
  const seen = {};
  return answersList.map((answers) => {
    const project = (answers.project || "").trim() || t("unnamed project");
    const name = answers.date ? t("this browser: {project}, {date}", { project, date: answers.date })
                              : t("this browser: {project}", { project });
    seen[name] = (seen[name] || 0) + 1;
    return seen[name] > 1 ? name + " (" + seen[name] + ")" : name;
  });
}

// The sources with one added: a source of the same name is replaced, in its new place at the end.
export function withSource(sources, source) {
  return sources.filter((known) => known.name !== source.name).concat([source]);
}

// item id -> its page and anchor from the site root, from the methodology JSON.
export function itemLinks(data) {
  const links = {};
  data.stages.forEach((stage) => {
    stage.subphases.forEach((sub) => {
      sub.items.forEach((item) => { links[item.id] = stage.id + "/" + sub.id + "/#" + item.id; });
    });
  });
  return links;
}

// The package's message starts with the file's name, which the list of problems shows already.
export function withoutFileName(problem) {
  const message = problem.message;
  for (const joint of [", ", ": "]) {
    if (message.startsWith(problem.file + joint)) return message.slice(problem.file.length + joint.length);
  }
  return message;
}

// "7 projects (8 assessments); 1 file not counted."
export function summaryText(portfolio, problemCount) {
  const projects = tn(portfolio.assessments.filter((a) => a.latest).length, "{n} project", "{n} projects");
  const assessments = tn(portfolio.assessments.length, "{n} assessment", "{n} assessments");
  return problemCount
    ? t("{projects} ({assessments}); {files} not counted.", {
      projects, assessments, files: tn(problemCount, "{n} file", "{n} files") })
    : t("{projects} ({assessments}).", { projects, assessments });
}
