// Where the header's language switch leads (languages.js): the same page in the other language.
import assert from "node:assert/strict";
import { describe, it } from "node:test";

import { languageRoot, pageLanguage, samePageIn } from "../../docs/assets/js/handbook/languages.js";

const ROOT = "https://docs.example.org/mlops/";

describe("pageLanguage", () => {
  it("reads the site's languages from <html lang>, region or case aside", () => {
    assert.equal(pageLanguage("es"), "es");
    assert.equal(pageLanguage("es-CO"), "es");
    assert.equal(pageLanguage("EN"), "en");
  });

  it("is English for a language the site does not have, or none", () => {
    assert.equal(pageLanguage("fr"), "en");
    assert.equal(pageLanguage(""), "en");
    assert.equal(pageLanguage(undefined), "en");
  });
});

describe("languageRoot", () => {
  it("is the site root for English and its es/ folder for Spanish", () => {
    assert.equal(languageRoot(ROOT, "en"), ROOT);
    assert.equal(languageRoot(ROOT, "es"), ROOT + "es/");
  });
});

describe("samePageIn", () => {
  it("leads from an English page to the Spanish one and back", () => {
    const english = ROOT + "business-comprehension/kickoff/";
    const spanish = ROOT + "es/business-comprehension/kickoff/";
    assert.equal(samePageIn(english, ROOT, "en", "es"), spanish);
    assert.equal(samePageIn(spanish, ROOT, "es", "en"), english);
  });

  it("leads between the home pages", () => {
    assert.equal(samePageIn(ROOT, ROOT, "en", "es"), ROOT + "es/");
    assert.equal(samePageIn(ROOT + "es/", ROOT, "es", "en"), ROOT);
  });

  it("keeps the query and the item the address points at", () => {
    assert.equal(samePageIn(ROOT + "modeling/chosen-model/?h=x#mo-cm-02", ROOT, "en", "es"),
      ROOT + "es/modeling/chosen-model/?h=x#mo-cm-02");
  });

  it("leads to the page itself in its own language", () => {
    assert.equal(samePageIn(ROOT + "es/score/", ROOT, "es", "es"), ROOT + "es/score/");
  });

  it("is null for an address outside the language's pages", () => {
    assert.equal(samePageIn("https://docs.example.org/other/", ROOT, "en", "es"), null);
    assert.equal(samePageIn("https://elsewhere.org/mlops/score/", ROOT, "en", "es"), null);
    assert.equal(samePageIn(ROOT + "score/", ROOT, "es", "en"), null);
    assert.equal(samePageIn(ROOT + "es/score/", ROOT, "en", "es"), null);
    assert.equal(samePageIn("not an address", ROOT, "en", "es"), null);
  });
});
