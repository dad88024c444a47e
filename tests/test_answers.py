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


def _file(**fields) -> str:
    data = {"format": "mlops-handbook-answers", "version": 2, "route": "dashboard"}
    data.update(fields)
    return json.dumps(data)


class TestNotApplicable:
    def test_read_with_its_reason(self):
        """A not-applicable item is read with its reason and written back the same."""
        answers = parse_text(_file(not_applicable={"al-on-03": "No second thing here"}), M, "a.json")
        assert answers.not_applicable == {"al-on-03": "No second thing here"}
        assert json.loads(dumps(answers))["not_applicable"] == {"al-on-03": "No second thing here"}

    @pytest.mark.parametrize("reason", ["", "   \n\t"])
    def test_empty_reason_refused(self, reason):
        """A not-applicable item without a reason is refused, naming the item and the fix."""
        with pytest.raises(HandbookError) as caught:
            parse_text(_file(not_applicable={"al-on-03": reason}), M, "a.json")
        assert caught.value.place == "not_applicable.al-on-03"
        assert "reason is empty" in caught.value.problem and "write why" in caught.value.fix

    def test_reason_must_be_text(self):
        """A reason that is not text is refused."""
        with pytest.raises(HandbookError, match="the reason must be text"):
            parse_text(_file(not_applicable={"al-on-03": True}), M, "a.json")

    def test_answered_and_not_applicable_refused(self):
        """An item cannot be both answered and not applicable: the message says how to keep one."""
        with pytest.raises(HandbookError, match="answered and also marked not applicable") as caught:
            parse_text(_file(answers={"al-on-03": False}, not_applicable={"al-on-03": "r"}), M, "a.json")
        assert "null" in caught.value.fix

    def test_path_choice_cannot_be_not_applicable(self):
        """The route question only selects a path, so it cannot be marked not applicable."""
        with pytest.raises(HandbookError, match="chooses a path"):
            parse_text(_file(not_applicable={"al-on-01": "r"}), M, "a.json")

    def test_version_1_has_no_not_applicable(self):
        """A version-1 file with not_applicable is refused with the fix: set version 2."""
        with pytest.raises(HandbookError, match="version 1") as caught:
            parse_text(_file(version=1, not_applicable={"al-on-03": "r"}), M, "a.json")
        assert '"version": 2' in caught.value.fix

    def test_newer_version_refused(self):
        """A file of a newer version than the program reads is refused, saying so."""
        with pytest.raises(HandbookError, match="newer than the version 2"):
            parse_text(_file(version=3), M, "a.json")


class TestRetiredItems:
    def test_answer_moves_to_a_free_item(self):
        """An answer to a retired item becomes the answer of the item it was merged into, if that has none."""
        answers = parse_text(_file(version=1, answers={"al-on-06": True}), M, "a.json")
        assert answers.answers == {"al-on-03": True}
        assert "al-on-06" in answers.notes["al-on-03"]

    def test_answer_kept_in_the_note_when_the_item_is_answered(self):
        """When the merged-into item already has an answer, the retired one is kept in its note."""
        answers = parse_text(_file(version=1, answers={"al-on-06": True, "al-on-03": False},
                                   notes={"al-on-03": "Own note", "al-on-06": "Old note"}), M, "a.json")
        assert answers.answers == {"al-on-03": False}
        note = answers.notes["al-on-03"]
        assert note.startswith("Own note") and "al-on-06" in note and "true" in note and "Old note" in note

    def test_answer_of_another_kind_kept_in_the_note(self):
        """An answer that does not fit the merged-into item's kind is kept in its note, not lost."""
        answers = parse_text(_file(answers={"al-on-07": True}), M, "a.json")
        assert answers.answers == {}
        assert "true" in answers.notes["al-on-04"]

    def test_not_applicable_moves_too(self):
        """A retired item's not-applicable reason moves to a free merged-into item."""
        answers = parse_text(_file(not_applicable={"al-on-06": "No such thing"}), M, "a.json")
        assert answers.not_applicable == {"al-on-03": "No such thing"}

    def test_reading_twice_changes_nothing(self):
        """A migrated file written back and read again is the same."""
        once = parse_text(_file(version=1, answers={"al-on-06": True, "al-on-03": False}), M, "a.json")
        assert parse_text(dumps(once), M, "b.json") == once
