"""Version-1 answers files, written by the version-1 program and kept as fixtures, read by today's."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import TESTS, real_methodology
from mlops_handbook import dumps, parse_text, score
from mlops_handbook.browser import check_answers, load

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

    def test_written_back_as_version_2(self, path):
        """Written back, the file is version 2 and reads the same."""
        _, answers = _read(path)
        text = dumps(answers)
        assert json.loads(text)["version"] == 2
        assert parse_text(text, M, "again.json") == answers

    def test_command_line_scores_it(self, path):
        """`mlops-handbook score --json` reads the version-1 file and gives the package's score."""
        _, answers = _read(path)
        run = subprocess.run([sys.executable, "-m", "mlops_handbook.cli", "score", str(path), "--json"],
                             capture_output=True, text=True, check=False)
        assert run.returncode == 0, run.stderr
        assert json.loads(run.stdout) == json.loads(json.dumps(score(M, answers, path.name).to_dict()))

    def test_browser_upload_migrates_it(self, path):
        """The page's upload check accepts the version-1 file and returns it as version 2."""
        from mlops_handbook.loader import load_raw
        from helpers import REAL_CHECKLISTS

        load(json.dumps(load_raw(REAL_CHECKLISTS)))
        reply = json.loads(check_answers(path.read_text(encoding="utf-8")))
        assert reply["ok"] is True and reply["answers"]["version"] == 2


def test_a_fixture_answers_merged_items():
    """At least one version-1 fixture answers items that this edition merged, so the carrying is exercised."""
    raw = json.loads((TESTS / "fixtures" / "answers-v1" / "ml-in-progress.json").read_text())
    merged = [i for i, v in raw["answers"].items() if v is not None and M.retired_item(i) is not None]
    assert len(merged) >= 2
