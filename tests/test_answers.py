"""Unit tests of the answers file: template, round trip, and what a valid file may hold."""

import json
import os

import pytest

from helpers import fixture_methodology, real_methodology
from mlops_handbook import Answers, HandbookError, dumps, parse_bytes, parse_text, template
from mlops_handbook import answers as answers_module
from mlops_handbook.answers import read_file

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
        assert (data["format"], data["version"]) == ("mlops-handbook-answers", 3)

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
    data = {"format": "mlops-handbook-answers", "version": 3, "route": "dashboard"}
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
            parse_text(_file(answers={"al-on-03": False}, not_applicable={"al-on-03": "No second thing here"}),
                       M, "a.json")
        assert "null" in caught.value.fix

    def test_path_choice_cannot_be_not_applicable(self):
        """The route question only selects a path, so it cannot be marked not applicable."""
        with pytest.raises(HandbookError, match="chooses a path"):
            parse_text(_file(not_applicable={"al-on-01": "No route to choose here"}), M, "a.json")

    def test_version_1_has_no_not_applicable(self):
        """A version-1 file with not_applicable is refused with the fix: set the current version."""
        with pytest.raises(HandbookError, match="version 1") as caught:
            parse_text(_file(version=1, not_applicable={"al-on-03": "No second thing here"}), M, "a.json")
        assert '"version": 3' in caught.value.fix

    def test_newer_version_refused(self):
        """A file of a newer version than the program reads is refused, saying so."""
        with pytest.raises(HandbookError, match="newer than the version 3"):
            parse_text(_file(version=4), M, "a.json")


# Reasons the rule refuses, and reasons it accepts (the spreadsheet's formula is held to the same
# corpus in test_spreadsheet.py).
REFUSED_REASONS = [".", "n/a", "N/A", "none", "\u200b", "  ", "-", "tbd", "x", "No aplica", " Not   applicable ",
                   "does not apply", "On prem", "On\npremises", "On\u00a0premises", ". . . . . a", "123 456 789"]
ACCEPTED_REASONS = ["On premises", "No personal data in the sources", "  Not in scope  ", "Sólo en las instalaciones",
                    "No cloud: the client hosts on premises", "x x x x x x x x", "No aplica: sin datos personales"]


class TestReasonRule:
    @pytest.mark.parametrize("reason", REFUSED_REASONS)
    def test_refused(self, reason):
        """Empty, blank, punctuation, placeholders, one word and too few letters are refused, each with a problem."""
        assert answers_module.reason_problem(reason)
        assert not answers_module.reason_accepted(reason)

    @pytest.mark.parametrize("reason", ACCEPTED_REASONS)
    def test_accepted(self, reason):
        """Two words or more with eight letters, not a placeholder, are accepted."""
        assert answers_module.reason_problem(reason) is None

    def test_one_word_placeholders_fall_to_the_word_rule(self):
        """The placeholders the formula does not list are refused by its two-word rule, so both verdicts agree."""
        for placeholder in answers_module.REASON_PLACEHOLDERS:
            if " " not in placeholder:
                assert " " not in answers_module._trimmed(placeholder)
                assert f"|{placeholder}|" not in answers_module._PLACEHOLDER_TEXT

    def test_formula_fits_a_data_validation(self):
        """The formula stays within the 255 characters Excel allows a data validation, on any row."""
        assert len(answers_module.reason_formula("G9999")) <= 255

    @pytest.mark.parametrize("reason", [".", "n/a", "On prem"])
    def test_current_file_refuses_it(self, reason):
        """In a current file, a refused reason is an error naming the item, the problem and the rule."""
        with pytest.raises(HandbookError) as caught:
            parse_text(_file(not_applicable={"al-on-03": reason}), M, "a.json")
        assert caught.value.file == "a.json" and caught.value.place == "not_applicable.al-on-03"
        assert "does not say why" in caught.value.problem
        assert "two words" in caught.value.fix and "remove the item" in caught.value.fix

    def test_earlier_file_keeps_it_in_the_note(self):
        """In a version-2 file, a refused reason moves to the item's note (after the note there), the item is
        unanswered, and one warning names the item; an accepted reason stays."""
        answers = parse_text(_file(version=2, notes={"al-on-03": "Own note"},
                                   not_applicable={"al-on-03": "n/a", "al-on-04": "No parts in this project",
                                                   "al-on-05": "."}), M, "a.json")
        assert answers.not_applicable == {"al-on-04": "No parts in this project"}
        assert answers.answer("al-on-03") is None and answers.answer("al-on-05") is None
        assert answers.notes["al-on-03"].startswith("Own note\n") and '"n/a"' in answers.notes["al-on-03"]
        assert '"."' in answers.notes["al-on-05"]
        (warning,) = answers.warnings
        assert warning.startswith("a.json, not_applicable: 2 items") and "al-on-03, al-on-05" in warning
        assert "Fix:" in warning and answers.version_read == 2

    def test_migrated_file_reads_back_unchanged(self):
        """The migrated answers, written as a current file and read again, are the same, with no warning."""
        once = parse_text(_file(version=2, not_applicable={"al-on-03": "none"}), M, "a.json")
        again = parse_text(dumps(once), M, "b.json")
        assert again == once and again.notes == once.notes and again.warnings == ()

    def test_retired_item_refused_reason_goes_to_the_note(self):
        """A retired item's refused reason is not taken as the merged-into item's; it is kept in that item's note."""
        answers = parse_text(_file(version=2, not_applicable={"al-on-06": "n/a"}), M, "a.json")
        assert answers.not_applicable == {}
        assert "al-on-06" in answers.notes["al-on-03"] and "n/a" in answers.notes["al-on-03"]

    def test_rule_is_stated_once(self):
        """The rule's figures are the module's constants, so the message cannot drift from the rule."""
        assert str(answers_module.REASON_MIN_LETTERS) in answers_module.REASON_RULE
        assert str(answers_module.REASON_MIN_LETTERS) in answers_module.reason_formula("G2")


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
        answers = parse_text(_file(not_applicable={"al-on-06": "No such thing here"}), M, "a.json")
        assert answers.not_applicable == {"al-on-03": "No such thing here"}

    def test_reading_twice_changes_nothing(self):
        """A migrated file written back and read again is the same."""
        once = parse_text(_file(version=1, answers={"al-on-06": True, "al-on-03": False}), M, "a.json")
        assert parse_text(dumps(once), M, "b.json") == once


def _nested(depth: int) -> str:
    """An answers file whose note for al-on-02 is `depth - 2` nested lists (the object and notes make 2)."""
    inner = depth - 2
    return _file(notes="@").replace('"@"', '{"al-on-02": ' + "[" * inner + "]" * inner + "}")


class TestVersion:
    @pytest.mark.parametrize("version", ["true", "false", "0", "-1", "1.5", "2.0", '"2"', "null", "NaN", "1e400"])
    def test_not_a_readable_version(self, version):
        """A version that is a boolean, zero, negative, fractional, text or not a number is refused, never read as 1, 2 or 3."""
        text = _file().replace('"version": 3', f'"version": {version}')
        with pytest.raises(HandbookError) as caught:
            parse_text(text, M, "a.json")
        assert caught.value.place == "version"
        assert '"version": 3' in caught.value.fix

    @pytest.mark.parametrize("version", [1, 2, 3])
    def test_readable_versions(self, version):
        """Versions 1, 2 and 3 are read."""
        assert parse_text(_file(version=version), M, "a.json").route == "dashboard"


class TestUnknownIds:
    @pytest.mark.parametrize("key", ["answers", "notes", "not_applicable"])
    def test_unknown_item_refused_in_every_mapping(self, key):
        """An id that is no item of the methodology is refused in answers, notes and not_applicable alike."""
        value = {"answers": True, "notes": "A note", "not_applicable": "A reason"}[key]
        with pytest.raises(HandbookError, match='"al-on-99" is not an item id') as caught:
            parse_text(_file(**{key: {"al-on-99": value}}), M, "a.json")
        assert caught.value.place == f"{key}.al-on-99"

    def test_note_for_a_stage_id_refused(self):
        """A note keyed by a stage or subphase id (ids that exist, but of no item) is refused."""
        with pytest.raises(HandbookError, match='"alpha-one" is not an item id'):
            parse_text(_file(notes={"alpha-one": "A note"}), M, "a.json")


class TestNestingLimit:
    def test_limit_is_small(self):
        """The documented nesting limit is far below Python's recursion limit and above the file's own 3."""
        assert 3 < answers_module.MAX_DEPTH <= 64

    @pytest.mark.parametrize("depth", [answers_module.MAX_DEPTH - 1, answers_module.MAX_DEPTH])
    def test_at_and_under_the_limit_parsed(self, depth):
        """Nesting up to the limit is parsed, so the error is about the value (a note must be text)."""
        with pytest.raises(HandbookError, match="a note must be text"):
            parse_text(_nested(depth), M, "a.json")

    @pytest.mark.parametrize("depth", [answers_module.MAX_DEPTH + 1, 1_000, 100_000])
    def test_over_the_limit_refused(self, depth):
        """Nesting beyond the limit is refused by the scan, naming the limit, before the parser can recurse."""
        with pytest.raises(HandbookError) as caught:
            parse_text(_nested(depth), M, "a.json")
        assert f"more than {answers_module.MAX_DEPTH} deep" in caught.value.problem
        assert caught.value.place.startswith("line 1, column ")

    def test_brackets_inside_strings_do_not_count(self):
        """Brackets inside a string (a note about lists) are text, not nesting."""
        note = "[" * 100 + '"{' * 50
        assert parse_text(_file(notes={"al-on-02": note}), M, "a.json").notes["al-on-02"] == note


class TestNumberLimit:
    @pytest.mark.parametrize("digits", [answers_module.MAX_NUMBER_CHARS - 1, answers_module.MAX_NUMBER_CHARS])
    def test_at_and_under_the_limit_parsed(self, digits):
        """A number up to the limit is parsed, so the error is about the value (a note must be text)."""
        with pytest.raises(HandbookError, match="a note must be text"):
            parse_text(_file(notes="@").replace('"@"', '{"al-on-02": ' + "9" * digits + "}"), M, "a.json")

    @pytest.mark.parametrize("digits", [answers_module.MAX_NUMBER_CHARS + 1, 5_000, 1_000_000])
    def test_over_the_limit_refused(self, digits):
        """A longer number (Python refuses integers of over 4,300 digits) is refused with a clear message."""
        with pytest.raises(HandbookError) as caught:
            parse_text(_file(version="@").replace('"@"', "1" * digits), M, "a.json")
        assert f"a number of {digits:,} characters" in caught.value.problem

    @pytest.mark.parametrize("sign", ["-", ""])
    def test_boundary_with_and_without_a_sign(self, sign):
        """The limit counts the sign: a number of exactly the limit is parsed, one character more is refused."""
        at_limit = sign + "9" * (answers_module.MAX_NUMBER_CHARS - len(sign))
        with pytest.raises(HandbookError, match="a note must be text"):
            parse_text(_file(notes="@").replace('"@"', '{"al-on-02": ' + at_limit + "}"), M, "a.json")
        with pytest.raises(HandbookError, match=f"a number of {answers_module.MAX_NUMBER_CHARS + 1} characters"):
            parse_text(_file(notes="@").replace('"@"', '{"al-on-02": ' + at_limit + "9}"), M, "a.json")

    def test_long_float_refused_too(self):
        """A long decimal number is refused like a long integer."""
        with pytest.raises(HandbookError, match="a number of 5,002 characters"):
            parse_text(_file(version="@").replace('"@"', "1." + "0" * 5_000), M, "a.json")


class TestEntryLimit:
    @staticmethod
    def _many(key: str, count: int) -> str:
        value = {"answers": "true", "notes": '"n"', "not_applicable": '"r"'}[key]
        entries = ", ".join(f'"x-{n}": {value}' for n in range(count))
        return _file(**{key: "@"}).replace('"@"', "{" + entries + "}")

    @pytest.mark.parametrize("key", ["answers", "notes", "not_applicable"])
    def test_at_the_limit_read_entry_by_entry(self, key):
        """At the limit the entries are read one by one, so the first unknown id is the error."""
        with pytest.raises(HandbookError, match='"x-0" is not an item id'):
            parse_text(self._many(key, answers_module.MAX_ENTRIES), M, "a.json")

    @pytest.mark.parametrize("key", ["answers", "notes", "not_applicable"])
    def test_over_the_limit_refused(self, key):
        """One entry more than the limit is refused by the count, naming the mapping."""
        count = answers_module.MAX_ENTRIES + 1
        with pytest.raises(HandbookError) as caught:
            parse_text(self._many(key, count), M, "a.json")
        assert caught.value.place == key
        assert f"{count:,} entries, more than the {answers_module.MAX_ENTRIES:,}" in caught.value.problem

    def test_limit_leaves_room_for_the_real_methodology(self):
        """The limit is well above the number of items of the real methodology."""
        assert answers_module.MAX_ENTRIES >= 10 * len(real_methodology().items)


class TestSizeLimit:
    @staticmethod
    def _sized(size: int) -> bytes:
        head = _file(project="@")
        filler = size - len(head.encode()) + 1  # "@" becomes the filler
        return head.replace("@", " " * filler).encode()

    def test_at_the_limit_read(self):
        """A file of exactly the limit is read (its project name is then too long)."""
        raw = self._sized(answers_module.MAX_ANSWERS_BYTES)
        assert len(raw) == answers_module.MAX_ANSWERS_BYTES
        with pytest.raises(HandbookError, match="the text has"):
            parse_bytes(raw, M, "a.json")

    def test_one_byte_over_refused_with_its_size(self):
        """A file one byte over the limit is refused, stating its real size and the limit."""
        raw = self._sized(answers_module.MAX_ANSWERS_BYTES + 1)
        with pytest.raises(HandbookError) as caught:
            parse_bytes(raw, M, "a.json")
        assert f"the file is {len(raw):,} bytes" in caught.value.problem
        assert f"at most {answers_module.MAX_ANSWERS_BYTES:,} are read" in caught.value.problem


class TestReadFile:
    def test_real_size_of_a_large_file(self, tmp_path):
        """A 30,000,000-byte file is refused by its size on disk, stated exactly, without reading it."""
        path = tmp_path / "huge.json"
        with path.open("wb") as handle:
            handle.truncate(30_000_000)
        with pytest.raises(HandbookError) as caught:
            read_file(path, M)
        assert caught.value.file == str(path)
        assert "the file is 30,000,000 bytes" in caught.value.problem

    def test_reads_a_valid_file(self, tmp_path):
        """A valid file on disk is read as its text would be."""
        path = tmp_path / "a.json"
        path.write_text(_file(project="Churn"), encoding="utf-8")
        assert read_file(path, M).project == "Churn"

    def test_folder_refused(self, tmp_path):
        """A folder in place of the file is refused as not a file."""
        with pytest.raises(HandbookError, match="this is not a file"):
            read_file(tmp_path, M)

    def test_fifo_refused_without_blocking(self, tmp_path):
        """A named pipe is refused by its type before it is opened (opening it would wait for a writer)."""
        path = tmp_path / "pipe.json"
        os.mkfifo(path)
        with pytest.raises(HandbookError, match="this is not a file"):
            read_file(path, M)

    def test_missing_file(self, tmp_path):
        """A path to nothing says so, with how to make an answers file."""
        with pytest.raises(HandbookError, match="no such file") as caught:
            read_file(tmp_path / "none.json", M, file="none.json")
        assert caught.value.file == "none.json" and "template" in caught.value.fix


# The refusals whose wording the JSON parser of another Python version could change, or that
# could crash Pyodide (a RecursionError there is fatal): uploads that Pyodide must refuse exactly
# as CPython does.
LIMIT_UPLOADS = {
    "deep-100000": '{"format": "mlops-handbook-answers", "version": 2, "notes": ' + "[" * 100_000 + "]" * 100_000 + "}",
    "deep-33": _nested(33),
    "deep-32": _nested(32),
    "integer-5000-digits": '{"format": "mlops-handbook-answers", "version": ' + "1" * 5_000 + "}",
    "trailing-comma-object": '{"format": "mlops-handbook-answers", "version": 2,\n "answers": {"al-on-02": true,}}',
    "trailing-comma-list": '{"format": "mlops-handbook-answers", "version": 2, "answers": {"al-on-04": ["part-x",\n]}}',
    "truncated-in-string": '{"format": "mlops-handbook-answers", "version": 2, "notes": {"al-on-02": "Sig',
    "truncated-in-literal": '{"format": "mlops-handbook-answers", "version": 2, "answers": {"al-on-02": tr',
    "truncated-after-comma": '{"format": "mlops-handbook-answers", "version": 2,',
    "version-true": '{"format": "mlops-handbook-answers", "version": true}',
    "entries-over": TestEntryLimit._many("notes", answers_module.MAX_ENTRIES + 1),
}


@pytest.mark.pyodide
class TestLimitsInPyodide:
    def test_refusals_equal_cpython(self, tmp_path):
        """Under Pyodide (Python 3.14) each limit and JSON error gives CPython's HandbookError, never a crash."""
        import subprocess

        from helpers import REPO, real_methodology
        from mlops_handbook import browser
        from mlops_handbook.loader import load_raw
        from test_pyodide import PYODIDE_DIR, RUNNER, RUNNER_TIMEOUT_S, _require_setup

        wheels = _require_setup()
        data = load_raw(REPO / "checklists")
        (tmp_path / "methodology.json").write_text(json.dumps(data), encoding="utf-8")
        request = {"index_url": f"{PYODIDE_DIR}/", "wheels": [str(w) for w in wheels],
                   "methodology_path": str(tmp_path / "methodology.json"), "out_dir": str(tmp_path),
                   "score_cases": {}, "export_cases": {}, "uploads": LIMIT_UPLOADS}
        (tmp_path / "request.json").write_text(json.dumps(request), encoding="utf-8")
        completed = subprocess.run(["node", str(RUNNER), str(tmp_path / "request.json")], cwd=REPO,
                                   capture_output=True, text=True, timeout=RUNNER_TIMEOUT_S)
        assert completed.returncode == 0, completed.stderr[-4000:]
        checks = json.loads((tmp_path / "result.json").read_text(encoding="utf-8"))["checks"]
        methodology = real_methodology()
        for name, text in LIMIT_UPLOADS.items():
            with pytest.raises(HandbookError) as caught:
                parse_bytes(text.encode("utf-8"), methodology, browser.UPLOADED_FILE)
            assert json.loads(checks[name]) == {"ok": False, "error": caught.value.to_dict()}, name


class TestCalendarDates:
    """A date is a calendar date written YYYY-MM-DD; Python's other ISO forms are refused."""

    @pytest.mark.parametrize("date", ["20260101", "2026-W01-1", "2026-W01", "2026-001", "2026-02-30", "2026-1-5",
                                      "２０２６-01-01", "2026-01-01T00:00"])
    def test_other_forms_refused(self, date):
        """Basic, week and ordinal ISO forms, impossible days and non-ASCII digits are refused, naming the date."""
        with pytest.raises(HandbookError) as caught:
            parse_text(_file(date=date), M, "a.json")
        assert caught.value.place == "date" and "YYYY-MM-DD" in caught.value.problem

    def test_calendar_date_accepted(self):
        """2026-02-28 is read as written."""
        assert parse_text(_file(date="2026-02-28"), M, "a.json").date == "2026-02-28"


class TestUnicodeText:
    """Text that no UTF-8 file can hold (a lone surrogate) is refused in a file, naming the field, in every text field."""

    @pytest.mark.parametrize("field, place", [
        ({"project": "A\ud800"}, "project"), ({"assessor": "\udfff"}, "assessor"),
        ({"notes": {"al-on-02": "x\udc80"}}, "notes.al-on-02"),
        ({"not_applicable": {"al-on-02": "No second thing here \ud83d"}}, "not_applicable.al-on-02"),
        # a retired item's answer is carried into a note as written (found by the answers fuzzer)
        ({"answers": {"al-on-06": "a\udfffb"}}, "answers.al-on-06")])
    def test_lone_surrogate_refused(self, field, place):
        """The field is named and the surrogate spelt as its escape."""
        with pytest.raises(HandbookError) as caught:
            parse_bytes(_file(**field).encode(), M, "a.json")
        assert caught.value.place == place and "lone surrogate" in caught.value.problem
        caught.value.message.encode("utf-8")  # printable anywhere

    def test_page_text_keeps_it(self):
        """The page's stored answers (a JavaScript string, parse_text) keep a lone surrogate, as before."""
        assert parse_text(_file(notes={"al-on-02": "cut \ud83d"}), M, "stored").notes == {"al-on-02": "cut \ud83d"}

    def test_surrogate_pair_is_a_character(self):
        """A proper pair ("\\ud83d\\ude00", an emoji) is an ordinary character, kept."""
        assert parse_text(_file(project="\ud83d\ude00"), M, "a.json").project == "\U0001f600"

    def test_surrogate_in_an_unknown_id_is_quoted_printably(self):
        """An unknown item id holding a surrogate is refused with a message that can be written as UTF-8."""
        with pytest.raises(HandbookError) as caught:
            parse_text(json.dumps({"format": "mlops-handbook-answers", "version": 3, "answers": {"\ud800": True}}),
                       M, "a.json")
        caught.value.message.encode("utf-8")
