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
    # The next item to answer is one click away, and the link shows it.
    nxt = v.page.locator("a.mh-next-unanswered")
    assert nxt.inner_text() == mine["next_open"]
    nxt.click()
    wait_until(v.page, "(id) => location.hash === '#' + id", mine["next_open"])
    assert v.page.evaluate("document.querySelector('fieldset.mh-item:target').id") == mine["next_open"]

    # A mark per subphase in the navigation: some answered here, none elsewhere on the route.
    marks = v.page.evaluate("""() => Object.fromEntries([...document.querySelectorAll(
        '.md-nav--primary .md-nav__link .mh-nav-mark')].map(m => [m.closest('a').getAttribute('href'),
        [m.dataset.progress, m.textContent]]))""")
    states = {p["subphase_id"]: p for p in result["subphases"] if p["items_total"]}
    assert len(marks) == len(states)
    here = [state for href, state in marks.items() if "initial-understanding" in href or href in ("./", ".")]
    assert here == [["some", "\u25d0 (some answered or not applicable)"]]
    assert sum(state[0] == "none" for state in marks.values()) == len(states) - 1

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


def test_no_count_before_a_route(visit):
    """Before a route is chosen the page shows the number of items, and no mark claims progress."""
    v = visit
    v.open(PAGE)
    v.choose("bc-iu-02", "yes")
    v.wait_scored()
    total = len(next(s for s in METHODOLOGY.subphases if s.id == "initial-understanding").items)
    assert v.page.locator(".mh-to-checklist .mh-progress").inner_text() == f"({total} items)"
    assert v.page.locator(".mh-nav-mark").count() == 0


def test_home_starts_and_continues(visit):
    """A first visit offers to start at the route question; "Continue" appears only once answers exist."""
    v = visit
    v.open("")
    start = v.page.locator(".mh-start a").first
    assert start.inner_text() == "Start an assessment" and start.is_visible()
    assert v.page.locator(".mh-start .mh-continue").is_hidden()
    start.click()
    wait_until(v.page, "() => location.hash === '#bc-iu-01'")
    v.choose("bc-iu-02", "yes")
    v.follow_link("")
    assert v.page.locator(".mh-start .mh-continue").is_visible()

