/*
 * The practice named under each checklist item links to its entry on the maps page. The address
 * is made here, from the site root: a subphase page is not an index.md, and MkDocs and Zensical
 * read a relative link in its raw HTML differently (README, "Links in raw HTML").
 */
import { PAGES_ROOT } from "./site.js";

export function linkPractices(root) {
  root.querySelectorAll("a.mh-practice-link[data-maps]:not([href])").forEach((link) => {
    link.setAttribute("href", PAGES_ROOT + "maps/#" + link.getAttribute("data-maps"));
  });
}
