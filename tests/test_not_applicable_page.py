""""Not applicable" on the pages, in Chromium: the reason held to the package's rule (through the
scorer, the page having no copy of it), the share marked N/A and its flag beside every "of what
applies", and saved answers of an earlier version whose reasons the rule refuses.
"""

from __future__ import annotations

import json
from typing import Iterator

import pytest

from helpers import wait_until
from mlops_handbook import browser, parse_text, score
from test_browser import METHODOLOGY, STORAGE_KEY, Visit, origin, site, shared_context  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PAGE = "business-comprehension/initial-understanding/"


@pytest.fixture
def visit(browser, origin, shared_context) -> Iterator[Visit]:  # noqa: F811 - the fixtures imported above
    current = Visit(browser, origin, shared_context)
    try:
        yield current
    finally:
        assert current.close() == []


def seed(v: Visit, data: dict) -> str:
    """Stores the answers as this browser's saved ones; their text."""
    text = json.dumps(data)
    v.open("how-to-use/")
    v.page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, text])
    return text


class TestReasonOnThePage:
    def test_reasons_that_say_nothing_are_refused_with_the_packages_message(self, visit):
        """".", "n/a" and "On prem" are refused under the field with the package's own message, the item left
        unanswered; a reason that says why is stored, and the message goes."""
        v = visit
        v.open(PAGE)
        v.choose("bc-iu-01", "dashboard")
        item = v.item("bc-iu-04")
        item.locator("input[data-na]").check()
        area = item.locator("textarea[data-na-reason]")
        message = item.locator(".mh-na-required")
        for reason in (".", "n/a", "On prem"):
            area.fill(reason)
            expected = json.loads(browser.reason_json(reason))["message"]
            wait_until(v.page, "(text) => document.querySelector('#bc-iu-04 .mh-na-required').textContent === text",
                       expected)
            assert message.is_visible() and area.get_attribute("aria-invalid") == "true"
            assert "bc-iu-04" not in v.stored()["not_applicable"]
        area.fill("On premises only: the bank forbids cloud hosting")
        wait_until(v.page, "(key) => JSON.parse(localStorage.getItem(key)).not_applicable['bc-iu-04'] !== undefined",
                   STORAGE_KEY)
        assert v.stored()["not_applicable"] == {"bc-iu-04": "On premises only: the bank forbids cloud hosting"}
        assert message.is_hidden() and area.get_attribute("aria-invalid") is None


def gamed_answers() -> dict:
    """One Yes on the dashboard route, and every other item of it marked not applicable with a reason."""
    items = [i for i in METHODOLOGY.items if i.scored and i.applies_to("dashboard")]
    return {"format": "mlops-handbook-answers", "version": 3, "route": "dashboard",
            "answers": {"bc-iu-02": True},
            "not_applicable": {i.id: "Not part of this dashboard project" for i in items if i.id != "bc-iu-02"}}


class TestShareBesideWhatApplies:
    def test_one_yes_and_the_rest_not_applicable(self, visit):
        """One Yes with the rest N/A: the score page shows 100% of what applies only with the package's N/A share
        and flag beside it, and the checks counted apart; the checklist's summary shows the stage's likewise."""
        v = visit
        text = seed(v, gamed_answers())
        result = score(METHODOLOGY, parse_text(text, METHODOLOGY, "answers"))
        assert result.applicable_percent == 100.0 and result.not_applicable_flag
        v.open("score/")
        v.wait_scored()
        total = v.page.locator("#mh-score-total")
        applies = total.locator(".mh-applicable")
        assert applies.locator(".mh-applicable-percent").inner_text() == "100.0%"
        assert applies.locator(".mh-na-share").inner_text() == result.not_applicable_text
        assert applies.locator(".mh-na-flag").inner_text() == result.not_applicable_flag + "."
        assert total.locator(".mh-answered").inner_text() == "1"
        assert total.locator(".mh-na-count").inner_text() == str(result.not_applicable_count)
        assert total.locator(".mh-open").inner_text() == "0"
        stage = next(s for s in result.stages if s.stage_id == "business-comprehension")
        row = v.page.locator(".mh-stage-score[data-stage='business-comprehension']")
        assert row.locator(".mh-stage-answered").inner_text() == stage.counts_text
        assert row.locator(".mh-na-share").inner_text() == stage.not_applicable_text

        v.follow_link(PAGE)
        box = v.page.locator(".mh-summary").first
        box.locator(".mh-na-flag").first.wait_for()
        # The checklist's box gives the total and this stage; the route's other figures are on the score page only.
        assert box.locator(".mh-summary-total").count() == 1 and box.locator(".mh-summary-more").count() == 0
        assert box.locator(".mh-summary-stage .mh-na-flag").inner_text() == stage.not_applicable_flag + "."
        assert box.locator(".mh-summary-stage .mh-na-share").inner_text() == stage.not_applicable_text
        assert box.locator(".mh-summary-counts").inner_text() == stage.counts_text


class TestSavedEarlierAnswers:
    def test_version_2_reason_the_rule_refuses_is_kept_in_the_note(self, visit):
        """Saved version-2 answers with "n/a" as a reason: the item becomes unanswered with the reason in its note,
        the accepted reason stays, the original is kept under a backup key, and the notice names the item."""
        v = visit
        original = seed(v, {"format": "mlops-handbook-answers", "version": 2, "route": "dashboard",
                            "answers": {"bc-iu-02": True}, "notes": {"bc-iu-04": "Own note"},
                            "not_applicable": {"bc-iu-04": "n/a", "bc-iu-05": "Agreed by phone with the sponsor"}})
        v.open(PAGE)
        wait_until(v.page, "(key) => JSON.parse(localStorage.getItem(key)).version === 3", STORAGE_KEY)
        stored = v.stored()
        assert stored["not_applicable"] == {"bc-iu-05": "Agreed by phone with the sponsor"}
        assert stored["notes"]["bc-iu-04"].startswith("Own note\n") and '"n/a"' in stored["notes"]["bc-iu-04"]
        assert stored["answers"]["bc-iu-02"] is True and stored["answers"].get("bc-iu-04") is None
        backups = v.backups("version-2")
        assert len(backups) == 1 and v.page.evaluate("(key) => localStorage.getItem(key)", backups[0]) == original
        notice = v.page.locator(".mh-notices").inner_text()
        assert "bc-iu-04" in notice and "no longer accepts" in notice and backups[0] in notice
        item = v.item("bc-iu-04")
        assert not item.locator("input[data-na]").is_checked()
        assert '"n/a"' in item.locator("textarea[data-note]").input_value()
        assert v.item("bc-iu-05").locator("input[data-na]").is_checked()
