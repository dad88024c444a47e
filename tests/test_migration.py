"""Earlier answers files, written by the version-1 and version-2 programs and kept as fixtures, read by today's."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import TESTS, real_methodology
from mlops_handbook import dumps, parse_text, score
from mlops_handbook.answers import VERSION, reason_accepted
from mlops_handbook.browser import check_answers, load
from mlops_handbook.maturity import maturity
from mlops_handbook.report import report_dict

M = real_methodology()
V1_FILES = sorted((TESTS / "fixtures" / "answers-v1").glob("*.json"))


def _read(path: Path):
    return json.loads(path.read_text(encoding="utf-8")), parse_text(path.read_text(encoding="utf-8"), M, path.name)


@pytest.mark.parametrize("path", V1_FILES, ids=lambda p: p.name)
class TestVersion1Files:
    def test_they_are_version_1(self, path):
        """The fixtures are genuine version-1 files."""
        assert json.loads(path.read_text())["version"] == 1

    def test_fields_unchanged(self, path):
        """Project, assessor, date, route and task type read as written."""
        raw, answers = _read(path)
        for key in ("project", "assessor", "date", "route", "task_type"):
            assert getattr(answers, key) == (raw[key] or ("" if key in ("project", "assessor", "date") else None))

    def test_current_items_unchanged(self, path):
        """Every answer and note of an item still in use reads as written; nothing is marked not applicable."""
        raw, answers = _read(path)
        for item_id, value in raw["answers"].items():
            if M.retired_item(item_id) is None and value is not None:
                expected = tuple(value) if isinstance(value, list) else value
                assert answers.answer(item_id) == expected, item_id
        for item_id, note in raw["notes"].items():
            if M.retired_item(item_id) is None:
                assert answers.notes[item_id].startswith(note), item_id
        assert answers.not_applicable == {}

    def test_retired_items_carried_over(self, path):
        """An answer or note given to a merged item is the merged-into item's answer, or kept in its note."""
        raw, answers = _read(path)
        for item_id in set(raw["answers"]) | set(raw["notes"]):
            retired = M.retired_item(item_id)
            value = raw["answers"].get(item_id)
            if retired is None or (value is None and not raw["notes"].get(item_id)):
                continue
            target_note = answers.notes.get(retired.merged_into, "")
            assert item_id in target_note, item_id
            if value is not None:
                carried = answers.answer(retired.merged_into) == (tuple(value) if isinstance(value, list) else value)
                assert carried or json.dumps(value) in target_note, item_id
            if raw["notes"].get(item_id):
                assert raw["notes"][item_id] in target_note

    def test_written_back_as_the_current_version(self, path):
        """Written back, the file is of the current version and reads the same."""
        _, answers = _read(path)
        text = dumps(answers)
        assert json.loads(text)["version"] == VERSION
        assert parse_text(text, M, "again.json") == answers

    def test_command_line_scores_it(self, path):
        """`mlops-handbook score --json` reads the version-1 file and gives the package's score."""
        _, answers = _read(path)
        run = subprocess.run([sys.executable, "-m", "mlops_handbook.cli", "score", str(path), "--json"],
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        result = score(M, answers, path.name)
        levels = maturity(M, result)
        expected = {**result.to_dict(), "maturity": levels.to_dict(), "report": report_dict(M, answers, result, levels)}
        assert json.loads(run.stdout) == json.loads(json.dumps(expected))

    def test_browser_upload_migrates_it(self, path):
        """The page's upload check accepts the version-1 file and returns it in the current version."""
        from mlops_handbook.loader import load_raw
        from helpers import REAL_CHECKLISTS

        load(json.dumps(load_raw(REAL_CHECKLISTS)))
        reply = json.loads(check_answers(path.read_text(encoding="utf-8")))
        assert reply["ok"] is True and reply["answers"]["version"] == VERSION


def test_a_fixture_answers_merged_items():
    """At least one version-1 fixture answers items that this edition merged, so the carrying is exercised."""
    raw = json.loads((TESTS / "fixtures" / "answers-v1" / "ml-in-progress.json").read_text())
    merged = [i for i, v in raw["answers"].items() if v is not None and M.retired_item(i) is not None]
    assert len(merged) >= 2


V2_FILE = TESTS / "fixtures" / "answers-v2" / "placeholder-reasons.json"


class TestVersion2PlaceholderReasons:
    """A version-2 file whose reasons for "not applicable" the current rule refuses ("." "n/a" "none" "-")."""

    def test_it_is_version_2_with_refused_reasons(self):
        """The fixture is a version-2 file holding reasons the rule refuses, and one it accepts."""
        raw = json.loads(V2_FILE.read_text())
        assert raw["version"] == 2
        verdicts = [reason_accepted(r) for r in raw["not_applicable"].values()]
        assert verdicts.count(True) == 1 and verdicts.count(False) >= 3

    def test_refused_reasons_kept_in_notes(self):
        """Each refused reason is in its item's note (or, for a retired item, its successor's), after the note
        already there; the item is unanswered; the accepted reason stays; one warning names the items."""
        raw = json.loads(V2_FILE.read_text())
        answers = parse_text(V2_FILE.read_text(), M, V2_FILE.name)
        for item_id, reason in raw["not_applicable"].items():
            retired = M.retired_item(item_id)
            target = retired.merged_into if retired else item_id
            if reason_accepted(reason):
                assert answers.not_applicable[target] == reason
                continue
            assert target not in answers.not_applicable and answers.answer(target) is None
            assert f'"{reason}"' in answers.notes[target] or f"not applicable: {reason}" in answers.notes[target]
            if raw["notes"].get(item_id):
                assert answers.notes[target].startswith(raw["notes"][item_id])
        (warning,) = answers.warnings
        for item_id, reason in raw["not_applicable"].items():
            if not reason_accepted(reason) and M.retired_item(item_id) is None:
                assert item_id in warning

    def test_command_line_warns_and_scores(self):
        """`mlops-handbook score` reads it (exit 0), says on standard error which items it changed, and scores it."""
        run = subprocess.run([sys.executable, "-m", "mlops_handbook.cli", "--checklists", str(TESTS.parent / "checklists"),
                              "score", str(V2_FILE), "--json"], capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        assert "no longer accepts" in run.stderr and "bc-iu-04" in run.stderr
        assert json.loads(run.stdout)["points"] == score(M, parse_text(V2_FILE.read_text(), M, "x")).points

    def test_browser_upload_says_so(self):
        """The page's upload check returns the migrated answers and the warning to show."""
        from mlops_handbook.loader import load_raw
        from helpers import REAL_CHECKLISTS

        load(json.dumps(load_raw(REAL_CHECKLISTS)))
        reply = json.loads(check_answers(V2_FILE.read_text(encoding="utf-8")))
        assert reply["ok"] is True and reply["answers"]["version"] == VERSION
        assert "bc-iu-04" not in reply["answers"]["not_applicable"]
        assert len(reply["warnings"]) == 1 and "bc-iu-04" in reply["warnings"][0]


LONG_NOTES = TESTS / "fixtures" / "answers-v1" / "long-merged-notes.json"


class TestLongMergedNotes:
    """A version-1 file whose merged items (da-in-08 into dp-dq-04) both carry a 9,000-character note."""

    def test_fixture_holds_two_long_merged_notes(self):
        """The fixture is version 1, and both the retired item and the item it was merged into have a 9,000-character note."""
        raw = json.loads(LONG_NOTES.read_text(encoding="utf-8"))
        assert raw["version"] == 1 and M.retired_item("da-in-08").merged_into == "dp-dq-04"
        assert [len(raw["notes"][i]) for i in ("dp-dq-04", "da-in-08")] == [9000, 9000]

    def test_both_notes_kept_whole(self):
        """The joined note holds both texts whole, the retired one after the item's own, longer than one box's limit."""
        raw = json.loads(LONG_NOTES.read_text(encoding="utf-8"))
        answers = parse_text(LONG_NOTES.read_text(encoding="utf-8"), M, LONG_NOTES.name)
        joined = answers.notes["dp-dq-04"]
        assert joined.startswith(raw["notes"]["dp-dq-04"])
        assert raw["notes"]["da-in-08"] in joined and joined.endswith(raw["notes"]["da-in-08"])
        assert len(joined) > 18_000 and answers.answer("dp-dq-04") is False

    def test_written_back_reads_the_same(self):
        """The migrated file, written in the current version, reads back equal: the long note is accepted."""
        answers = parse_text(LONG_NOTES.read_text(encoding="utf-8"), M, LONG_NOTES.name)
        assert parse_text(dumps(answers), M, "again.json").notes == answers.notes

    def test_browser_upgrade_keeps_both(self):
        """The page's upload check (the same Python) returns the current version with both notes whole."""
        from mlops_handbook.loader import load_raw
        from helpers import REAL_CHECKLISTS

        raw = json.loads(LONG_NOTES.read_text(encoding="utf-8"))
        load(json.dumps(load_raw(REAL_CHECKLISTS)))
        reply = json.loads(check_answers(LONG_NOTES.read_text(encoding="utf-8")))
        assert reply["ok"] is True
        assert raw["notes"]["da-in-08"] in reply["answers"]["notes"]["dp-dq-04"]
        assert reply["answers"]["notes"]["dp-dq-04"].startswith(raw["notes"]["dp-dq-04"])

    def test_command_line_export_and_import_keep_both(self, tmp_path, capsys):
        """`export` then `import` of the version-1 file gives back the joined note whole, with no warning."""
        from mlops_handbook.cli import main

        raw = json.loads(LONG_NOTES.read_text(encoding="utf-8"))
        workbook, back = tmp_path / "score.xlsx", tmp_path / "back.json"
        assert main(["export", str(LONG_NOTES), "-o", str(workbook)]) == 0
        assert main(["import", str(workbook), "-o", str(back)]) == 0
        assert capsys.readouterr().err == ""
        note = json.loads(back.read_text(encoding="utf-8"))["notes"]["dp-dq-04"]
        assert note.startswith(raw["notes"]["dp-dq-04"]) and note.endswith(raw["notes"]["da-in-08"])

    def test_too_long_to_join_is_refused_not_cut(self):
        """A migration whose joined note would pass the note limit is refused, naming the item: nothing is cut."""
        from mlops_handbook import HandbookError
        from mlops_handbook.answers import MAX_NOTE_TEXT

        raw = json.loads(LONG_NOTES.read_text(encoding="utf-8"))
        raw["notes"] = {"dp-dq-04": "a" * 9_000}
        raw["answers"] = {"da-in-08": True, "da-hy-10": None}
        raw["version"] = 2
        raw["not_applicable"] = {"da-in-08": "b " * 4_999}
        raw["notes"]["da-in-08"] = "c" * 9_000
        raw["notes"]["dp-dq-04"] = "d" * (MAX_NOTE_TEXT - 15_000)
        with pytest.raises(HandbookError) as caught:
            parse_text(json.dumps(raw), M, "big.json")
        assert caught.value.place == "notes.dp-dq-04" and "nothing was changed" in caught.value.problem
