/*
 * The header's language switch (the theme's extra.alternate selector) keeps the page: its links
 * lead to the language's home page as built, and are turned here into the page being read, in
 * that language, on every page view. A click on one is kept from the theme's own handler, which
 * would look the page up in sitemaps written for the address the site was built for and,
 * elsewhere (another port, a path prefix), fall back to the language's home page.
 */
import { samePageIn } from "./languages.js";
import { LANGUAGE, SITE_ROOT } from "./site.js";

const SWITCH_LINKS = "a.md-select__link[hreflang]";

export function updateLanguageLinks(root) {
  root.querySelectorAll(SWITCH_LINKS).forEach((link) => {
    const target = samePageIn(location.href, SITE_ROOT, LANGUAGE, link.getAttribute("hreflang"));
    if (target) link.href = target;
  });
}

// Capture phase on document: before the theme's handlers (on document.body), which it stops;
// the browser then follows the link as any other, a full load of the other language's page.
document.addEventListener("click", (event) => {
  const link = event.target instanceof Element ? event.target.closest(SWITCH_LINKS) : null;
  if (!link) return;
  updateLanguageLinks(document);
  event.stopPropagation();
}, true);
