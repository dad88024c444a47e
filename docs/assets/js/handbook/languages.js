/*
 * The site's languages and where their pages are: English at the site root, every other language
 * in a folder of its own named after it (es/), each page at the same path in every language.
 * The page code, the styles and the scorer's runtime are the root's, for the pages of every
 * language (mkdocs.es.yml loads them from there).
 */

// Each language's folder under the site root.
export const LANGUAGES = Object.freeze({ en: "", es: "es/" });

// A page's language from its <html lang> ("es", "es-CO"), English when it is none of the site's.
export function pageLanguage(lang) {
  const code = String(lang || "").trim().toLowerCase().split("-")[0];
  return Object.prototype.hasOwnProperty.call(LANGUAGES, code) ? code : "en";
}

// The root of a language's pages, from the site root (an absolute address ending in "/").
export function languageRoot(siteRoot, language) {
  return new URL(LANGUAGES[pageLanguage(language)], siteRoot).href;
}

// The address of the page `here` (in language `from`) in language `to`: the same path under the
// other language's root, with the same query and fragment (checklist items keep their ids in
// every language). Null when `here` is not a page of `from` under this site root.
export function samePageIn(here, siteRoot, from, to) {
  let url, fromRoot, toRoot;
  try {
    url = new URL(here);
    fromRoot = new URL(languageRoot(siteRoot, from));
    toRoot = new URL(languageRoot(siteRoot, to));
  } catch (error) {
    return null;
  }
  if (url.origin !== fromRoot.origin || !url.pathname.startsWith(fromRoot.pathname)) return null;
  const path = url.pathname.slice(fromRoot.pathname.length);
  // An English page's path never starts with another language's folder (that would be that language's page).
  if (pageLanguage(from) === "en" && Object.values(LANGUAGES).some((folder) => folder && path.startsWith(folder))) {
    return null;
  }
  const target = new URL(path, toRoot);
  target.search = url.search;
  target.hash = url.hash;
  return target.href;
}
