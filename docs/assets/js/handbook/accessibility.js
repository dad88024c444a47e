/*
 * What the theme leaves out for assistive technology, added on every page view: a name for its
 * search dialog, a distinct name for each section of the navigation, its page-loading bar kept
 * out of the accessibility tree (a visual cue only: the new page's heading takes focus, which
 * announces it), and, after an instant navigation (which keeps focus where the old page was),
 * focus on the new page's heading, as a full load would give. The element the address's #fragment
 * names is marked too (class mh-target), since the theme's navigation, which changes the address
 * with history.pushState, leaves CSS's :target on the element of the page's first load, or none.
 */

import { t } from "./i18n.js";

function fixThemeWidgets() {
  document.querySelectorAll(".md-search:not([aria-label])").forEach((dialog) => {
    dialog.setAttribute("aria-label", t("Search the handbook"));
  });
  document.querySelectorAll(".md-progress").forEach((bar) => { bar.setAttribute("aria-hidden", "true"); });
  // A section's navigation is named by its label, which for a section with an index page is the
  // same as the index link's: "<section> pages" tells the two landmarks apart.
  document.querySelectorAll("nav.md-nav[aria-labelledby]").forEach((nav) => {
    const label = document.getElementById(nav.getAttribute("aria-labelledby"));
    const link = nav.parentElement && nav.parentElement.querySelector("a.md-nav__link");
    const title = ((label && label.textContent.trim()) || (link && link.textContent.trim()) || "").replace(/\s+/g, " ");
    if (!title) return;
    nav.setAttribute("aria-label", t("{section} pages", { section: title }));
    nav.removeAttribute("aria-labelledby");
  });
}

// The page's h1 takes focus without scrolling, so the next Tab starts at the top of the content
// and a screen reader announces the new page. Not on the first view: that is a full load.
function focusHeading() {
  const heading = document.querySelector(".md-content h1");
  if (!heading) return;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus({ preventScroll: true });
}

// The element the address's fragment names, marked for the styles (handbook.css) as :target is.
function markTarget() {
  const id = decodeURIComponent(location.hash.slice(1));
  const target = id ? document.getElementById(id) : null;
  document.querySelectorAll(".mh-target").forEach((element) => {
    if (element !== target) element.classList.remove("mh-target");
  });
  if (target) target.classList.add("mh-target");
}

let views = 0;

export function onPageView() {
  views += 1;
  fixThemeWidgets();
  markTarget();
  if (views > 1) focusHeading();
}

// A link to another place on the same page: the theme's navigation answers it with pushState (no
// hashchange), and announces the new address on its location$.
window.addEventListener("hashchange", markTarget);
window.addEventListener("popstate", markTarget);
if (window.location$ && typeof window.location$.subscribe === "function") window.location$.subscribe(markTarget);
