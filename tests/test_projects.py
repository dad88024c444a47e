"""Several projects and assessments in one browser, in real Chromium: the single-project layout
carried over, new projects, switching, a dated copy, delete and Undo, and a reload keeping all.

One browser context walks the whole story (each context is a fresh start of the scorer).
"""

from __future__ import annotations

import datetime
import json

import pytest

from helpers import wait_until
from test_accessibility import AXE, audit_both_schemes
from test_browser import STORAGE_KEY, Visit, origin, package_figures, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

PROJECTS_KEY = "mlops-handbook:projects"
IU = "business-comprehension/initial-understanding/"
TV = "modeling/training-validation-tests/"
# Answers as the single-project layout stored them: every kind of answer, a note and a reason.
OLD_LAYOUT = {
    "format": "mlops-handbook-answers", "version": 2, "project": "Churn model", "assessor": "Ana",
    "date": "2026-01-10", "route": "ml-model", "task_type": "binary-classification",
    "answers": {"bc-iu-02": True, "bc-iu-03": False, "bc-iu-04": None, "mo-tv-02": ["accuracy", "auc-roc"]},
    "not_applicable": {"bc-iu-05": "Agreed by phone only"}, "notes": {"bc-iu-02": "Signed off by the sponsor"},
}
ALL_ASSESSMENTS = """async () => {
    const { allAssessments } = await import("/assets/js/handbook/projects.js");
    return allAssessments();
}"""


@pytest.fixture
def v(browser, origin):
    current = Visit(browser, origin)
    # axe-core served from the site's own address, which the Content-Security-Policy allows.
    current.context.route(f"{origin}/__axe.min.js", lambda route: route.fulfill(
        path=str(AXE), headers={"Content-Type": "text/javascript"}))
    try:
        yield current
    finally:
        foreign = current.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


def choices(v) -> list[str]:
    """Every assessment the switcher lists, as "project: label", the shown one marked."""
    return v.page.evaluate("""() => [...document.querySelectorAll('#mh-assessment-list .mh-assessment-entry')]
        .map((row) => row.closest('.mh-project-group').querySelector('.mh-project-title').textContent + ': ' +
             row.querySelector('.mh-assessment-label').textContent +
             (row.classList.contains('mh-assessment-shown') ? ' (shown)' : ''))""")


def shown(v) -> str:
    return next(choice for choice in choices(v) if choice.endswith(" (shown)"))


def show(v, label: str) -> None:
    """Presses the Show button of the assessment whose whole label is `label`."""
    v.page.click(f"#mh-assessment-list button[aria-label='Show {label}']")


def date_text(v, iso: str) -> str:
    """A date as the page writes it (its format is tested in tests/js/assessment-labels.test.mjs)."""
    return v.page.evaluate("async (iso) => (await import('/assets/js/handbook/assessment-labels.js'))"
                           ".formatDate(iso, document.documentElement.lang)", iso)


def checked(v, item_id: str) -> list[str]:
    return v.item(item_id).locator("input[name^='answer-']:checked").evaluate_all("inputs => inputs.map(i => i.value)")


def wait_figures(v, answers: dict) -> None:
    v.wait_scored()
    assert v.shown_figures() == package_figures(json.dumps(answers))


def assert_old_layout_on_checklists(v) -> None:
    v.follow_link(IU)
    assert checked(v, "bc-iu-01") == ["ml-model"]
    assert checked(v, "bc-iu-02") == ["yes"] and checked(v, "bc-iu-03") == ["no"] and checked(v, "bc-iu-04") == []
    assert v.item("bc-iu-02").locator("textarea[data-note]").input_value() == "Signed off by the sponsor"
    assert v.item("bc-iu-05").locator("input[data-na]").is_checked()
    assert v.item("bc-iu-05").locator("textarea[data-na-reason]").input_value() == "Agreed by phone only"
    v.follow_link(TV)
    assert checked(v, "mo-tv-01") == ["binary-classification"]
    assert sorted(checked(v, "mo-tv-02")) == ["accuracy", "auc-roc"]


class TestSeveralProjects:
    def test_old_layout_kept_then_projects_created_switched_copied_deleted_and_restored(self, v):
        """The single-project layout's answers are all there; a second project keeps its own answers
        and score through switches; a dated copy, a delete and its Undo (by keyboard) lose nothing;
        a reload shows the same list."""
        iso_today = datetime.date.today().isoformat()
        v.open("")
        v.page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, json.dumps(OLD_LAYOUT)])

        # Carried over: one project, one assessment, every answer, note and reason; nothing rewritten.
        v.open("score/")
        today = date_text(v, iso_today)
        assert choices(v) == ["Churn model: 10 Jan 2026 \u00b7 Ana (shown)"]
        assert v.page.inner_text("#mh-project-count") == "1 project, 1 assessment in this browser."
        wait_figures(v, OLD_LAYOUT)
        assert_old_layout_on_checklists(v)
        assert v.stored() == OLD_LAYOUT
        assert v.page.evaluate(ALL_ASSESSMENTS) == [OLD_LAYOUT]

        # A second project, made with the keyboard alone, starts empty and keeps its own answers.
        v.follow_link("score/")
        v.page.focus("#mh-new-project")
        v.page.keyboard.press("Enter")
        assert v.page.evaluate("document.activeElement.id") == "mh-project-form-name"
        v.page.keyboard.type("Sales dashboard")
        v.page.keyboard.press("Enter")
        assert shown(v) == f"Sales dashboard: {today} (shown)"
        assert v.page.input_value("#mh-project") == "Sales dashboard"
        assert v.page.evaluate("document.activeElement.textContent") == today
        v.follow_link(IU)
        assert checked(v, "bc-iu-01") == [] and checked(v, "bc-iu-02") == []
        assert not v.item("bc-iu-05").locator("input[data-na]").is_checked()
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "no")
        v.choose("bc-iu-03", "yes")
        v.wait_scored()
        sales = v.stored()
        assert sales["project"] == "Sales dashboard" and sales["answers"] == {"bc-iu-02": False, "bc-iu-03": True}
        v.follow_link("score/")
        wait_figures(v, sales)
        assert v.page.locator(".mh-header-score").get_attribute("aria-label").startswith(
            "Your score: " + package_figures(json.dumps(sales))["points"] + " / ")

        # Back to the first project: its answers on every checklist, its score, its badge; another
        # tab open on a checklist follows.
        other = v.context.new_page()
        other.goto(f"{v.origin}/{IU}")
        other.locator("fieldset#bc-iu-02 input[value='no']:checked").wait_for()
        show(v, "Churn model: 10 Jan 2026 \u00b7 Ana")
        assert shown(v) == "Churn model: 10 Jan 2026 \u00b7 Ana (shown)"
        other.locator("fieldset#bc-iu-02 input[value='yes']:checked").wait_for()
        other.locator(".mh-editing-project:text('Churn model')").wait_for()  # the banner follows too
        assert "assessment of 10 Jan 2026 \u00b7 ML model" in other.inner_text(".mh-editing")
        assert other.locator("fieldset#bc-iu-01 input[value='ml-model']").is_checked()
        other.close()
        wait_figures(v, OLD_LAYOUT)
        assert v.stored() == OLD_LAYOUT
        assert_old_layout_on_checklists(v)
        v.follow_link("score/")
        show(v, f"Sales dashboard: {today}")
        wait_figures(v, sales)
        show(v, "Churn model: 10 Jan 2026 \u00b7 Ana")
        wait_figures(v, OLD_LAYOUT)

        # A new dated assessment of the same project: today's date, the same answers; the first kept.
        v.page.click("#mh-duplicate")
        copy = dict(OLD_LAYOUT, date=iso_today)
        assert shown(v) == f"Churn model: {today} \u00b7 Ana (shown)"
        assert v.stored() == copy and v.page.input_value("#mh-date") == iso_today
        wait_figures(v, copy)
        assert v.page.evaluate(ALL_ASSESSMENTS) == [OLD_LAYOUT, copy, sales]
        assert v.page.inner_text("#mh-project-count") == "2 projects, 3 assessments in this browser."

        # Delete it: a message with Undo, which has the focus; Enter brings it back, shown again.
        v.page.click("#mh-delete-assessment")
        message = v.page.locator("#mh-project-messages .mh-message")
        assert f"Deleted Churn model: {today} \u00b7 Ana." in message.inner_text()
        assert v.page.evaluate("document.activeElement.textContent") == "Undo"
        assert v.page.evaluate(ALL_ASSESSMENTS) == [OLD_LAYOUT, sales]
        assert v.stored() == OLD_LAYOUT and shown(v) == "Churn model: 10 Jan 2026 \u00b7 Ana (shown)"
        kept = v.backups("deleted")
        assert len(kept) == 1 and json.loads(v.page.evaluate("(key) => localStorage.getItem(key)", kept[0])) == copy
        v.page.keyboard.press("Enter")
        assert "undone" in message.inner_text()
        assert v.page.evaluate(ALL_ASSESSMENTS) == [OLD_LAYOUT, copy, sales]
        assert v.stored() == copy and shown(v) == f"Churn model: {today} \u00b7 Ana (shown)"

        # Renamed: every assessment of the project carries the new name.
        v.page.click("#mh-rename-project")
        v.page.fill("#mh-project-form-name", "Churn model v2")
        v.page.click("#mh-project-form-save")
        assert v.page.input_value("#mh-project") == "Churn model v2"
        renamed = [dict(OLD_LAYOUT, project="Churn model v2"), dict(copy, project="Churn model v2"), sales]
        assert v.page.evaluate(ALL_ASSESSMENTS) == renamed

        # The shown assessment gets a name of its own, kept in the list, not in its answers file.
        v.page.click("#mh-label-assessment")
        v.page.fill("#mh-project-form-name", "Before release")
        v.page.click("#mh-project-form-save")
        assert shown(v) == f"Churn model v2: {today} \u00b7 Ana \u00b7 Before release (shown)"
        assert v.page.evaluate(ALL_ASSESSMENTS) == renamed

        # The name form open and a message shown: WCAG 2.2 AA in light and dark; Escape closes the form.
        v.page.focus("#mh-new-project")
        v.page.keyboard.press("Enter")
        v.page.add_script_tag(url="/__axe.min.js")
        assert audit_both_schemes(v.page) == {}
        v.page.focus("#mh-project-form-name")
        v.page.keyboard.press("Escape")
        assert v.page.is_hidden("#mh-project-form")
        assert v.page.evaluate("document.activeElement.id") == "mh-new-project"

        # A reload keeps the list, the shown assessment and its score.
        v.page.reload()
        wait_until(v.page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        assert choices(v) == ["Churn model v2: 10 Jan 2026 \u00b7 Ana",
                              f"Churn model v2: {today} \u00b7 Ana \u00b7 Before release (shown)",
                              f"Sales dashboard: {today}"]
        assert v.page.evaluate(ALL_ASSESSMENTS) == renamed
        wait_figures(v, renamed[1])
        stored_list = json.loads(v.page.evaluate("(key) => localStorage.getItem(key)", PROJECTS_KEY))
        assert stored_list["pending"] is False and len(stored_list["projects"]) == 2

        # An unreadable list is moved under a backup key, with a notice; the answers shown stay.
        broken = '{"format": "mlops-handbook-projects", "version": 1, "projects": 7}'
        v.page.evaluate("([key, text]) => localStorage.setItem(key, text)", [PROJECTS_KEY, broken])
        v.page.reload()
        wait_until(v.page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        notice = v.page.locator(".mh-notices .mh-notice:has-text('list of your projects could not be read')")
        kept = v.page.evaluate("() => Object.keys(localStorage).filter(k => k.startsWith('mlops-handbook:projects:'))")
        assert len(kept) == 1 and kept[0] in notice.inner_text() and "it has no project" in notice.inner_text()
        assert v.page.evaluate("(key) => localStorage.getItem(key)", kept[0]) == broken
        assert choices(v) == [f"Churn model v2: {today} \u00b7 Ana (shown)"] and v.stored() == renamed[1]
