"""How much is answered, as the pages show it: the counts are the package's, the same as the CLI's.

In Chromium: the count beside "Go to the checklist", the subphase summary with its link to the
next item to answer, the marks in the navigation, and the score page's count per stage; the score
page on a phone's first screen and in print.
"""

from __future__ import annotations

import json
from typing import Iterator

import pytest

from helpers import wait_until
from test_accessibility import AXE, audit_both_schemes
from test_browser import METHODOLOGY, REPO_ROOT, Visit, origin, run_cli, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGE = "business-comprehension/initial-understanding/"


@pytest.fixture
def visit(browser, origin) -> Iterator[Visit]:  # noqa: F811 - the fixture of this module
    current = Visit(browser, origin)
    try:
        yield current
    finally:
        assert current.close() == []


@pytest.fixture
def page_axe(origin):
    """Serves axe-core at the site's own address (which the Content-Security-Policy allows)."""
    def serve(v: Visit) -> None:
        v.context.route(f"{origin}/__axe.min.js", lambda route: route.fulfill(
            path=str(AXE), headers={"Content-Type": "text/javascript"}))
    return serve


def cli_progress(stored: dict, tmp_path) -> dict:
    """The CLI's own figures for the answers the page stored."""
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(stored), encoding="utf-8")
    return json.loads(run_cli("score", str(answers), "--json").stdout)


def test_counts_and_marks_equal_the_clis(visit, tmp_path):
    v = visit
    v.open(PAGE)
    v.choose("bc-iu-01", "dashboard")
    v.choose("bc-iu-02", "yes")
    v.choose("bc-iu-03", "no")
    v.wait_scored()
    wait_until(v.page, "() => document.querySelector('.mh-summary-subphase') !== null")
    result = cli_progress(v.stored(), tmp_path)
    mine = next(p for p in result["subphases"] if p["subphase_id"] == "initial-understanding")
    expected = f"{mine['answered']} of {mine['items_total']} answered"

    assert v.page.locator(".mh-to-checklist .mh-progress").inner_text() == f"({expected})"
    assert v.page.locator(".mh-subphase-answered").inner_text() == expected
    # The next item to answer is one click away, named by its practice with its id after it.
    nxt = v.page.locator("a.mh-next-unanswered")
    practice = v.item(mine["next_open"]).locator(".mh-practice-link").inner_text()
    assert nxt.inner_text() == f"{practice} ({mine['next_open']})"
    nxt.click()
    # Marked whether the theme's navigation took the click (pushState, which leaves :target as it was) or not.
    wait_until(v.page, "(id) => location.hash === '#' + id && document.querySelector('fieldset.mh-item.mh-target') !== null",
               mine["next_open"])
    assert v.page.evaluate("[...document.querySelectorAll('.mh-target')].map((e) => e.id)") == [mine["next_open"]]
    assert v.page.evaluate("getComputedStyle(document.querySelector('.mh-target')).boxShadow") != "none"
    # Another item named in the address (a link from elsewhere on the page, as the theme follows it) moves the mark.
    v.page.evaluate("() => { history.pushState(null, '', '#bc-iu-01'); window.location$.next(new URL(location.href)); }")
    assert v.page.evaluate("[...document.querySelectorAll('.mh-target')].map((e) => e.id)") == ["bc-iu-01"]

    # A mark per subphase in the navigation: some answered here, none elsewhere on the route.
    marks = v.page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.md-nav--primary .md-nav__link .mh-nav-mark')].map(m => [m.closest('a').getAttribute('href'),
        [m.dataset.progress, m.textContent]]))""")
    states = {p["subphase_id"]: p for p in result["subphases"] if p["items_total"]}
    assert len(marks) == len(states)
    here = [state for href, state in marks.items() if "initial-understanding" in href or href in ("./", ".")]
    assert here == [["some", "\u25d0 (some answered or not applicable)"]]
    assert sum(state[0] == "none" for state in marks.values()) == len(states) - 1
    # Each mark has a tooltip, and a folded legend under the navigation says what each one means.
    assert v.page.locator(".mh-nav-mark[data-progress='some']").first.get_attribute("title") == (
        "Some answered or not applicable")
    legend = v.page.locator(".md-nav--primary details.mh-nav-legend")
    assert legend.locator("summary").inner_text() == "What the dots mean"
    assert legend.locator("li").all_text_contents() == [
        "\u25cf All answered or not applicable", "\u25d0 Some answered or not applicable",
        "\u25cb None answered yet"]

    # The score page: per stage and overall, the CLI's counts.
    v.follow_link("score/")
    wait_until(v.page, "() => document.querySelectorAll('.mh-stage-answered').length > 0")
    shown = v.page.evaluate("""() => Object.fromEntries([...document.querySelectorAll('.mh-stage-score')].map(
        li => [li.dataset.stage, (li.querySelector('.mh-stage-answered') || {}).textContent || null]))""")
    for stage in result["stages"]:
        text = (f"{stage['answered']} answered, {stage['not_applicable_count']} not applicable, {stage['open']} open"
                if stage["items_total"] else None)
        assert shown[stage["stage_id"]] == text, stage["stage_id"]
    assert v.page.locator(".mh-answered").inner_text() == str(result["answered"])

    # On a 390x844 phone the total is on the first screen; printing shows every missing item
    # and no button.
    v.page.set_viewport_size({"width": 390, "height": 844})
    v.page.evaluate("window.scrollTo(0, 0)")
    bottom = v.page.evaluate(
        "document.querySelector('#mh-score-total .mh-score-overall').getBoundingClientRect().bottom")
    assert 0 < bottom <= 844, f"the total ends {bottom} px down, below the first screen"
    v.page.emulate_media(media="print")
    printed = v.page.evaluate("""() => [...document.querySelectorAll('#mh-score-missing li')]
        .filter((li) => li.getClientRects().length > 0).length""")
    assert printed == len(result["missing"]) > 0
    assert v.page.locator("#mh-download-xlsx").is_hidden() and v.page.locator("#mh-reset").is_hidden()
    v.page.emulate_media(media="screen")
    v.page.set_viewport_size({"width": 1280, "height": 720})

    # The home page's "Continue" leads to the first item still to answer.
    v.follow_link("")
    first = next(p for p in result["subphases"] if p["next_open"])
    wait_until(v.page, "() => !document.querySelector('.mh-start .mh-continue').hidden")
    assert v.page.locator(".mh-start .mh-continue").get_attribute("href") == (
        f"{v.origin}/{first['stage_id']}/{first['subphase_id']}/#{first['next_open']}")


def test_no_count_before_a_route_then_named_assessments_from_home(visit, page_axe):
    """Before a route is chosen there is no count and no mark; the unnamed assessment is asked its
    name above the first item without blocking an answer; a description item labels its note; the
    home page starts a named assessment and continues stored ones, with the keyboard and axe clean."""
    v = visit
    page_axe(v)
    v.open(PAGE)
    ask = v.page.locator("form#mh-name-first")
    ask.wait_for()
    assert ask.evaluate("(form) => form.nextElementSibling.matches('form.mh-checklist')")
    assert "Projects and assessments" in ask.inner_text() and ask.locator("#mh-first-route").count() == 0
    assert v.page.locator(".mh-editing").inner_text() == (
        "Editing: Untitled project \u00b7 assessment not dated yet \u00b7 route not chosen yet \u2014 Change")
    v.choose("bc-iu-02", "yes")
    v.wait_scored()
    assert v.stored()["project"] == "" and v.stored()["answers"] == {"bc-iu-02": True}
    total = len(next(s for s in METHODOLOGY.subphases if s.id == "initial-understanding").items)
    assert v.page.locator(".mh-to-checklist .mh-progress").inner_text() == f"({total} items)"
    assert v.page.locator(".mh-nav-mark").count() == 0 and v.page.locator(".mh-nav-legend").count() == 0
    assert ask.is_visible()  # skipped, it stays on this page until left

    # An item whose question asks for a text says, at its note, that the text goes there.
    v.follow_link("deployment/model-in-production/")
    assert v.item("de-mp-02").locator("label.mh-note").inner_text().startswith("Your description")
    assert v.item("de-mp-03").locator("label.mh-note").inner_text().startswith("Note")
    assert "Your description" in v.item("de-mp-02").locator(".mh-explanation").inner_text()

    # The home page: "Start a new assessment" unfolds a form (no dialog), which Escape folds back.
    v.follow_link("")
    opener = v.page.locator("#mh-start-open")
    assert v.page.locator(".mh-start a.mh-start-new").count() == 0  # the script made it a button
    assert opener.inner_text() == "Start a new assessment" and opener.get_attribute("aria-expanded") == "false"
    opener.focus()
    v.page.keyboard.press("Enter")
    assert opener.get_attribute("aria-expanded") == "true"
    assert v.page.evaluate("document.activeElement.value") == ""  # "A new project", checked
    v.page.add_script_tag(url="/__axe.min.js")
    assert audit_both_schemes(v.page) == {}
    v.page.focus("#mh-start-name")  # the audit's scheme switch took the focus
    v.page.keyboard.press("Escape")
    assert v.page.locator("#mh-start-form").is_hidden() and v.page.evaluate("document.activeElement.id") == (
        "mh-start-open")

    # A new, named project: refused without a name, then started on the first checklist page.
    opener.click()
    v.page.click("#mh-start-form button[type=submit]")
    assert v.page.get_attribute("#mh-start-name", "aria-invalid") == "true"
    v.page.fill("#mh-start-name", "Churn model")
    v.page.fill("#mh-start-label", "Kickoff")
    v.page.fill("#mh-start-date", "2026-12-06")
    assert v.page.inner_text("#mh-start-date-shown") == "6 Dec 2026"
    v.page.select_option("#mh-start-route", "dashboard")
    v.page.click("#mh-start-form button[type=submit]")
    v.page.locator(".mh-editing-project:text('Churn model')").wait_for()
    assert v.page.evaluate("location.pathname") == "/" + PAGE
    assert v.page.inner_text(".mh-editing") == ("Editing: Churn model \u00b7 assessment of 6 Dec 2026 "
                                                "\u201cKickoff\u201d \u00b7 Dashboard \u2014 Change")
    assert v.page.locator(".mh-editing a").get_attribute("href").endswith("/score/#mh-projects-heading")
    assert v.page.locator("#mh-name-first").count() == 0
    assert v.page.locator("fieldset#bc-iu-01 input[value='dashboard']").is_checked()
    v.choose("bc-iu-02", "yes")
    v.wait_scored()

    # Continue the first, unnamed one from the list (no route: its first page), then this one at its
    # next open item, by the keyboard.
    v.follow_link("")
    assert v.page.inner_text(".mh-start .mh-continue") == "Continue: Churn model: 6 Dec 2026 \u00b7 Kickoff"
    others = v.page.locator("#mh-continue-list button")
    assert others.all_inner_texts() == ["Untitled project: undated \u00b7 route not chosen"]
    others.first.click()
    v.page.locator(".mh-editing-project:text('Untitled project')").wait_for()
    assert v.page.evaluate("location.pathname") == "/" + PAGE and v.stored()["answers"] == {"bc-iu-02": True}
    v.follow_link("")
    others.first.wait_for()
    assert others.all_inner_texts() == ["Churn model: 6 Dec 2026 \u00b7 Kickoff \u00b7 Dashboard"]
    others.first.focus()
    v.page.keyboard.press("Enter")
    wait_until(v.page, "() => location.hash === '#bc-iu-03'")
    assert v.stored()["project"] == "Churn model"
