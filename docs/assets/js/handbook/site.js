/*
 * Where the site is, and the milestones the browser tests and the benchmark read.
 */

// The site root, from this module's own address (assets/js/handbook/site.js), so any path prefix works.
export const SITE_ROOT = new URL("../../../", import.meta.url).href;

// Milestones in performance.now() milliseconds since page load, read by the benchmark and tests.
export const timings = (window.mhTimings = {
  workerStart: null, ready: null, firstScore: null,
  changeCount: 0, renderedChange: 0, lastChange: null, lastRender: null, pageViews: 0, lastExport: null,
});
