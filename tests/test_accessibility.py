"""WCAG 2.2 AA, checked by axe-core (pinned with npm) in Chromium, in light and dark.

Every page is audited before any answer, then with answers stored and scored (the state with
the most on screen: the summaries, the header badge, the navigation marks, the score page's
report), and the score page once more in print media (the report as printed). No violation of impact serious or
critical is allowed, and a moderate or minor one only if it is listed in ACCEPTED with the
reason it stays (none is, today).
"""

from __future__ import annotations

import json
from pathlib import Path

import openpyxl
import pytest

from helpers import follow_link, keep_to_site, wait_until
from mlops_handbook.workbook_layout import WORDS
from test_browser import REPO_ROOT, STORAGE_KEY, origin, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# rule id -> why it stays; only moderate or minor rules may be listed.
ACCEPTED: dict[str, str] = {}
ANSWERS = {
    "format": "mlops-handbook-answers", "version": 2, "project": "Churn model", "route": "ml-model",
    "task_type": "binary-classification",
    "answers": {"bc-iu-02": True, "bc-iu-03": False, "dp-dq-01": True, "mo-tv-02": ["accuracy"]},
    "not_applicable": {"bc-iu-04": "On premises only"}, "notes": {"bc-iu-02": "Signed off"},
}


def all_pages(site: Path) -> list[str]:
    return sorted("" if p.parent == site else p.parent.relative_to(site).as_posix() + "/"
                  for p in site.rglob("index.html") if not p.parent.name.startswith("assets"))


# Each language's home page; instant navigation stays within a language's build.
LANGUAGE_HOMES = ("", "es/")


def pages_by_language(site: Path) -> list[tuple[str, list[str]]]:
    """Each language's home and its pages, the home first."""
    pages = all_pages(site)
    return [(home, sorted((path for path in pages if path.startswith("es/") == (home == "es/")),
                          key=lambda path: path != home)) for home in LANGUAGE_HOMES]


# What a colour scheme changes (the toggle restyles the page; its content and structure stay): the
# rules that read colours. A page's other scheme is audited by these alone.
COLOUR_RULES = ["color-contrast", "link-in-text-block"]


def audit(page, colours_only: bool = False) -> list[dict]:
    if not page.evaluate("typeof window.axe === 'object'"):
        page.add_script_tag(path=str(AXE))
    return page.evaluate("""async ([tags, rules]) => {
        const only = rules ? {type: "rule", values: rules} : {type: "tag", values: tags};
        // Only the violations are listed: axe then records one node per passed rule, not each node.
        const result = await axe.run(document, {runOnly: only, resultTypes: ["violations"]});
        return result.violations.map((v) => ({id: v.id, impact: v.impact,
            nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ") + ": " + (n.failureSummary || ""))}));
    }""", [RULES, COLOUR_RULES if colours_only else None])


def problems(violations: list[dict]) -> list[dict]:
    return [v for v in violations
            if v["impact"] in ("serious", "critical") or v["id"] not in ACCEPTED]


SCHEMES = ("light", "dark")


# The toggle's title in each language: the Spanish pages name it in Spanish.
TOGGLE = {"dark": ("Switch to dark mode", "Cambiar a modo oscuro"),
          "light": ("Switch to light mode", "Cambiar a modo claro")}
THEME_SCHEME = {"light": "default", "dark": "slate"}


def switch_scheme(page, scheme: str) -> None:
    """As a reader does: a click on the header's light/dark toggle (the one shown), given in the page,
    which spares Playwright's checks before a click (a third of a second a page on a loaded machine)."""
    page.evaluate("""([titles, name]) => {
        if (document.body.getAttribute("data-md-color-scheme") === name) return;
        const shown = Array.from(document.querySelectorAll("label[title]"))
            .filter((label) => titles.includes(label.title) && label.getClientRects().length > 0);
        if (shown.length !== 1) throw new Error(shown.length + " toggles titled " + titles.join(" or ") + " are shown");
        shown[0].click();
    }""", [list(TOGGLE[scheme]), THEME_SCHEME[scheme]])
    wait_until(page, "(name) => document.body.getAttribute('data-md-color-scheme') === name", THEME_SCHEME[scheme])


def shown_scheme(page) -> str:
    shown = page.evaluate("() => document.body.getAttribute('data-md-color-scheme')")
    return next(scheme for scheme, name in THEME_SCHEME.items() if name == shown)


def audit_schemes(page, order) -> dict[str, list[dict]]:
    """Each scheme of `order` in turn, on the page as loaded (the toggle restyles it, nothing reloads):
    the first with every rule, the others with the rules that read colours."""
    found = {}
    for index, scheme in enumerate(order):
        switch_scheme(page, scheme)
        bad = problems(audit(page, colours_only=index > 0))
        if bad:
            found[scheme] = bad
    return found


def audit_both_schemes(page) -> dict[str, list[dict]]:
    """Light, then dark, back to light."""
    found = audit_schemes(page, SCHEMES)
    switch_scheme(page, "light")
    return found


def audit_shown_scheme_first(page) -> dict[str, list[dict]]:
    """The scheme shown, then the other: consecutive pages alternate, so each costs one switch."""
    return audit_schemes(page, sorted(SCHEMES, key=lambda scheme: scheme != shown_scheme(page)))


@pytest.fixture
def page(browser, origin):
    # The policy is bypassed only to inject axe-core; tests/test_csp.py checks the policy itself.
    context = browser.new_context(color_scheme="light", bypass_csp=True, service_workers="block")
    keep_to_site(context, origin)
    try:
        yield context.new_page()
    finally:
        context.close()


def test_every_page_in_light_and_dark(page, origin, site):
    """Every page of both languages before any answer, in both schemes, then every page with answers
    stored and scored, in the two schemes in turn, each reached by instant navigation within its
    language as a reader does."""
    found = {}
    for home, paths in pages_by_language(site):
        page.goto(f"{origin}/{home}")
        wait_until(page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        for path in paths:
            if path != home:
                follow_link(page, path)
            for scheme, bad in audit_shown_scheme_first(page).items():
                found[f"{scheme} /{path} (unanswered)"] = bad

    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(ANSWERS)])
    for home, paths in reversed(pages_by_language(site)):  # English last: its score page is printed below
        page.goto(f"{origin}/{home}")
        for path in paths:
            if path != home:
                follow_link(page, path)
            wait_until(page, """() => {
                const badge = document.querySelector(".mh-header-score");
                return badge && badge.dataset.state === "scored"
                    && window.mhTimings.renderedChange === window.mhTimings.changeCount
                    && (!document.getElementById("mh-score") || document.querySelector("#mh-answered-no") !== null);
            }""")
            if path.endswith("score/"):  # the report: in both schemes
                for scheme, bad in audit_shown_scheme_first(page).items():
                    found[f"{scheme} /{path}"] = bad
                continue
            # Every page was audited in both schemes unanswered; answered, each in one, the two in turn
            # from page to page, so that what answers add is audited in both across the pages.
            scheme = shown_scheme(page)
            bad = problems(audit(page))
            if bad:
                found[f"{scheme} /{path}"] = bad
            switch_scheme(page, next(other for other in SCHEMES if other != scheme))
    # The score page as printed: the client report alone.
    if not page.url.endswith("/score/"):
        follow_link(page, "score/")
    wait_until(page, "() => document.querySelector('#mh-answered-no') !== null")
    for scheme in sorted(SCHEMES, key=lambda scheme: scheme != shown_scheme(page)):
        page.emulate_media(media="screen")  # the toggle is not printed
        switch_scheme(page, scheme)
        page.emulate_media(media="print")
        bad = problems(audit(page))
        if bad:
            found[f"{scheme} /score/ (print)"] = bad
    page.emulate_media(media="screen")
    assert found == {}


def tab_to(page, predicate: str, limit: int = 120) -> int:
    """Press Tab until the focused element satisfies predicate (a JS function of it); the presses."""
    for presses in range(1, limit + 1):
        page.keyboard.press("Tab")
        if page.evaluate(f"(({predicate}))(document.activeElement)"):
            return presses
    raise AssertionError(f"Tab never reached the element ({predicate}) in {limit} presses")


def test_keyboard_only_answer_switch_language_score_and_download(browser, origin, tmp_path):
    """Answer an item, switch to Spanish in the header, answer another, go to the score page and download the
    spreadsheet, with the keyboard alone: the Spanish page keeps the first answer and the workbook is Spanish."""
    context = browser.new_context(accept_downloads=True, service_workers="block")
    keep_to_site(context, origin)
    page = context.new_page()
    try:
        page.goto(f"{origin}/business-comprehension/initial-understanding/")
        wait_until(page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        tab_to(page, "(el) => el.name === 'answer-bc-iu-01'")
        page.keyboard.press("Space")
        wait_until(page, "() => document.querySelector('.mh-header-score').dataset.state === 'scored'")

        # The header's language switch: its button, then the Spanish link in the menu it opens on focus.
        page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        tab_to(page, "(el) => el.matches('a.md-select__link[hreflang=es]')")
        with page.expect_navigation():  # the other language's site: a whole page load
            page.keyboard.press("Enter")
        wait_until(page, "() => document.documentElement.lang === 'es' && location.pathname.endsWith("
                         "'/es/business-comprehension/initial-understanding/') && window.mhTimings "
                         "&& window.mhTimings.pageViews > 0")
        assert page.evaluate("document.querySelector(\"input[name='answer-bc-iu-01']:checked\") !== null")
        tab_to(page, "(el) => el.name === 'answer-bc-iu-02' && el.value === 'yes'")
        page.keyboard.press("Space")
        assert page.evaluate("document.querySelector(\"input[name='answer-bc-iu-02'][value='yes']\").checked")
        wait_until(page, "() => document.querySelector('.mh-header-score').dataset.state === 'scored'")

        # Back to the top of the page, then the first link to the score page (the header badge).
        page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        tab_to(page, "(el) => el.matches('a.mh-header-score')")
        page.keyboard.press("Enter")
        wait_until(page, "() => location.pathname.endsWith('/score/') && document.querySelector('#mh-download-xlsx')")
        # After the instant navigation focus is on the new page's heading, not lost on <body>.
        wait_until(page, "() => document.activeElement.matches('.md-content h1')")
        presses = tab_to(page, "(el) => el.id === 'mh-download-xlsx'", limit=30)
        focus = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
        assert focus == "solid", "the focused button shows no focus ring"
        wait_until(page, "() => document.querySelector('.mh-score-overall') !== null")
        with page.expect_download() as info:
            page.keyboard.press("Enter")
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.suffix == ".xlsx" and saved.stat().st_size > 5000
        assert openpyxl.load_workbook(saved, read_only=True).sheetnames[:2] == [WORDS["es"]["summary"],
                                                                               WORDS["es"]["answers"]]
        assert presses <= 25
    finally:
        context.close()
