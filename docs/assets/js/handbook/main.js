/*
 * The page side of the self-assessment: keeps the checklist answers in localStorage and shows
 * the score that the handbook's Python package computes in a Web Worker (Pyodide).
 *
 * No number is computed here: every total, maximum and percentage comes from the worker.
 * Pyodide is only started when someone uses the checklist, opens the score page, or already
 * has saved answers, so reading the handbook costs nothing extra.
 *
 * This entry module wires the others once per visit and draws every page view (the first load
 * and each instant navigation, which mkdocs-material announces on document$).
 */
import { onPageView as accessibleView } from "./accessibility.js";
import { showAnswers } from "./changes.js";
import { wireChecklist } from "./checklist.js";
import { restoreControls } from "./checklist-view.js";
import { scorePage } from "./dom.js";
import { renderEditing } from "./editing-banner.js";
import "./instant-anywhere.js";  // instant navigation at any address the site is served from
import { updateLanguageLinks } from "./language-switch.js";
import { renderNotices } from "./notices.js";
import { portfolioPage, wirePortfolioPage } from "./portfolio-page.js";
import { linkPractices } from "./practice-links.js";
import { renderProgress } from "./progress.js";
import { loadProjects, render as renderProjects, wireProjects } from "./project-switcher.js";
import "./offline.js";
import { updateChoosers, updateScorePageFields } from "./score-form.js";
import { renderScorePage, wireScoreForm, wireScorePage } from "./score-page.js";
import { renderHeaderBadge, renderSummaryBoxes } from "./score-status.js";
import { onScorer, releaseEarlyWorker, rescore, scorer } from "./scorer-client.js";
import { timings } from "./site.js";
import { visit } from "./state.js";
import { renderStart } from "./start-assessment.js";
import { applyUpgrade } from "./upgrade.js";
import { hasStoredAnswers, onMerged, readStoredAnswers, storageRefused, storageWritable, watchOtherTabs }
  from "./storage.js";

function renderStatus() {
  renderSummaryBoxes(document);
  renderProgress(document);
  renderHeaderBadge();
  renderScorePage();
  renderProjects(false);
  renderEditing(document);  // which project and assessment a checklist page edits
  renderStart(document);    // the home page's start and continue
}

function onPage() {
  timings.pageViews += 1;
  accessibleView();
  updateLanguageLinks(document);  // the header's language switch leads to this page
  restoreControls(document);
  linkPractices(document);
  renderNotices();
  const page = scorePage();
  if (page) {
    wireScorePage(page);
    renderProjects(true);
    updateScorePageFields();
    // With nothing to score the page says so; an upload or a download starts the scorer itself.
    if (hasStoredAnswers() && !scorer.result && scorer.state !== "unavailable") rescore();
  }
  const portfolio = portfolioPage();
  if (portfolio) wirePortfolioPage(portfolio);
  renderStatus();
}

onScorer({ status: renderStatus, methodology: updateChoosers, upgraded: applyUpgrade });
onMerged(() => showAnswers());
wireChecklist();
wireScoreForm();
watchOtherTabs(() => {
  if (hasStoredAnswers() || scorer.state !== "idle") rescore();
});

visit.answers = readStoredAnswers();
loadProjects();  // the shown assessment of the stored projects (a change left half-done is finished)
wireProjects();
if (!storageWritable()) storageRefused();
if (hasStoredAnswers()) rescore();
else releaseEarlyWorker();

// mkdocs-material emits document$ on the first load and after every instant navigation.
if (window.document$ && typeof window.document$.subscribe === "function") {
  window.document$.subscribe(onPage);
} else {
  onPage();  // a module runs once the page is parsed, so the page is already there
}
