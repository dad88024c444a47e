"""Unit tests of the answers file: template, round trip, and what a valid file may hold."""

import json

import pytest

from helpers import fixture_methodology
from mlops_handbook import Answers, HandbookError, dumps, parse_bytes, parse_text, template

M = fixture_methodology()


class TestTemplate:
    def test_lists_applicable_scored_items(self):
        """A template lists every scored item of the route, unanswered."""
        blank = template(M, "dashboard")
        assert blank.answers == {"al-on-02": None, "al-on-03": None, "al-on-04": None}
        assert blank.route == "dashboard" and blank.task_type is None

    def test_ml_template_with_task_type(self):
        """The ML template carries its task type and the model items."""
        blank = template(M, "ml-model", "regression")
        assert blank.task_type == "regression"
        assert "be-on-03" in blank.answers and "al-on-05" not in blank.answers

    def test_unknown_route(self):
        """An unknown route is refused with the list of routes."""
        with pytest.raises(HandbookError, match="dashboard, analytical-report, ml-model"):
            template(M, "website")


class TestRoundTrip:
    def test_dump_then_parse_is_identity(self):
        """Writing then reading an answers file gives the same answers."""
        answers = Answers(route="ml-model", task_type="clustering", project="Churn", assessor="Ana",
                          date="2026-11-26", answers={"al-on-02": True, "be-on-03": ("metric-3",), "al-on-03": None},
                          notes={"al-on-02": "=SUM(A1)"})
        assert parse_text(dumps(answers), M, "a.json") == answers

    def test_versioned_format(self):
        """The file states its format and version."""
        data = json.loads(dumps(Answers(route="dashboard")))
        assert (data["format"], data["version"]) == ("mlops-handbook-answers", 2)

    def test_byte_order_mark_accepted(self):
        """A UTF-8 file with a byte order mark (as some editors save) is read."""
        raw = b"\xef\xbb\xbf" + dumps(Answers(route="dashboard", project="Año")).encode("utf-8")
        assert parse_bytes(raw, M, "a.json").project == "Año"

    def test_duplicate_options_collapse(self):
        """An option listed twice counts once."""
        text = dumps(Answers(route="dashboard")).replace('"answers": {}', '"answers": {"al-on-04": ["part-x", "part-x"]}')
        assert parse_text(text, M, "a.json").answers["al-on-04"] == ("part-x",)

    def test_empty_notes_dropped_and_nulls_kept(self):
        """Empty notes are dropped; a null answer stays unanswered."""
        text = json.dumps({"format": "mlops-handbook-answers", "version": 1, "route": "dashboard",
                           "answers": {"al-on-02": None}, "notes": {"al-on-02": ""}})
        parsed = parse_text(text, M, "a.json")
        assert parsed.notes == {} and parsed.answers == {"al-on-02": None}

    def test_answers_of_other_routes_are_kept(self):
        """Answers to items of another route survive a route change."""
        text = dumps(Answers(route="dashboard", answers={"be-on-02": True}))
        assert parse_text(text, M, "a.json").answers == {"be-on-02": True}
