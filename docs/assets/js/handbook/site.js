/*
 * Where the site is, and the milestones the browser tests and the benchmark read.
 */
import { languageRoot, pageLanguage } from "./languages.js";

// The site root, from this module's own address (assets/js/handbook/site.js), so any path prefix works.
// The page code, the styles and the scorer's runtime are there, for the pages of every language.
export const SITE_ROOT = new URL("../../../", import.meta.url).href;

// The page's language (its <html lang>, from the build's theme.language) and the root of that
// language's pages, where every link the page code writes leads: SITE_ROOT for English, es/ in it for Spanish.
export const LANGUAGE = pageLanguage(document.documentElement.lang);
export const PAGES_ROOT = languageRoot(SITE_ROOT, LANGUAGE);

// Milestones in performance.now() milliseconds since page load, read by the benchmark and tests.
export const timings = (window.mhTimings = {
  workerStart: null, ready: null, firstScore: null,
  changeCount: 0, renderedChange: 0, lastChange: null, lastRender: null, pageViews: 0, lastExport: null,
  lastScoreSent: null, lastScoreReply: null,
});
