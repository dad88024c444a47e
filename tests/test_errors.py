"""The error corpus: every broken checklist or answers file gives exit 2 and its own clear message.

Each case names the file, the place and the fix in one paragraph, prints no traceback, and
writes nothing.
"""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURE_CHECKLISTS, TESTS
from mlops_handbook.cli import main

CORPUS = TESTS / "error_corpus"

# case file -> words the message must contain (besides the file name and "Fix:")
CHECKLIST_CASES = {
    "bad-indentation--01-alpha.yaml": ["invalid YAML", "line 3"],
    "unknown-kind--01-alpha.yaml": ["'yesno' is not one of", "subphases[0] (alpha-one).items[1] (al-on-02).kind", "use one of: yes-no"],
    "missing-explanation--01-alpha.yaml": ["'explanation' is a required property", "items[1] (al-on-02)"],
    "duplicate-id--01-alpha.yaml": ['the id "al-on-02" is already used', "item al-on-02"],
    "maximum-off--01-alpha.yaml": ["methodology.yaml", "routes, dashboard", "maximum of 3 points but the paper publishes 4"],
    "option-route-outside-item--01-alpha.yaml": ["option part-y", "lists a route its item does not apply to"],
    "bad-id--01-alpha.yaml": ["'Al_On_05' does not match", "lower-case words joined by hyphens"],
    "unknown-key--01-alpha.yaml": ["'owner' was unexpected", "remove or rename the unexpected key"],
    "not-a-mapping--01-alpha.yaml": ["does not hold a YAML mapping"],
    "id-differs-from-file--01-alpha.yaml": ['the stage id "alfa" differs from the file name', "01-alfa.yaml"],
    "latin1--01-alpha.yaml": ["not valid UTF-8", "save the file as UTF-8"],
    "two-route-choosers--02-beta.yaml": ["2 items have `selects: route`"],
    "two-guiding-questions--02-beta.yaml": ["guiding_questions", "is too short"],
    "unknown-task-type--02-beta.yaml": ["'ranking' is not one of"],
    "wrong-number--02-beta.yaml": ["the stage number is 3 but the file is stage 2"],
    "bad-ref--02-beta.yaml": ["'section four' does not match"],
}

ANSWERS_CASES = {
    "truncated.json": ["ends too early", "truncated", "line "],
    "trailing-comma.json": ["a comma stands before a closing bracket", "line 10, column 21"],
    "future-version.json": ["version 3, newer than the version 2", "newer release"],
    "missing-version.json": ["version is missing", '"version": 2'],
    "unknown-item.json": ['"al-on-99" is not an item id', "answers.al-on-99"],
    "yes-no-as-text.json": ['takes true, false or null, not "yes"', "answers.al-on-02"],
    "options-not-a-list.json": ["takes a list of option ids", '["part-x"]'],
    "unknown-option.json": ['"part-q" is not an option', "part-x, part-y, part-z"],
    "latin1.json": ["not UTF-8", "byte "],
    "wrong-format.json": ['expected "format": "mlops-handbook-answers"'],
    "unknown-route.json": ['unknown route "website"', "dashboard, analytical-report, ml-model"],
    "task-type-on-dashboard.json": ['the route "dashboard" has no ML task type'],
    "bad-date.json": ['"31/01/2026" is not a date', "YYYY-MM-DD"],
    "route-as-answer.json": ['set the top-level "route"'],
    "array.json": ["the JSON is not an object"],
    "extra-key.json": ["score", "not part of an answers file"],
    "note-not-text.json": ["notes.al-on-02", "a note must be text"],
    "no-route.json": ["no route is chosen", "set the route"],
    "version-true.json": ["version", "missing or not a whole number", '"version": 2'],
    "version-zero.json": ["version 0 does not exist", '"version": 2'],
    "note-unknown-item.json": ['"al-on-99" is not an item id', "notes.al-on-99"],
    "huge-number.json": ["line 3, column 14", "a number of 5,000 characters", "at most 100"],
    "deep-nesting.json": ["line 10, column 47", "nests brackets more than 32 deep", "needs 3"],
    "trailing-comma-in-list.json": ["a comma stands before a closing bracket", "line 12, column 15"],
    "truncated-in-note.json": ["ends too early", "truncated", "line 14, column 36"],
}


def checklists_with(case: str, tmp_path: Path) -> Path:
    folder = tmp_path / "checklists"
    shutil.copytree(FIXTURE_CHECKLISTS, folder)
    target = case.split("--", 1)[1]
    (folder / target).write_bytes((CORPUS / "checklists" / case).read_bytes())
    return folder


def assert_clear(message: str, file_part: str, words: list[str]) -> None:
    assert file_part in message
    assert "Fix:" in message
    assert "Traceback" not in message
    assert message.count("\n") <= 1, "one paragraph"
    for word in words:
        assert word in message


class TestCorpusSize:
    def test_at_least_fifteen_cases_each(self):
        """The corpus holds at least 15 broken files of each kind, and every file has a case."""
        assert len(CHECKLIST_CASES) >= 15 and len(ANSWERS_CASES) >= 15
        assert sorted(p.name for p in (CORPUS / "checklists").iterdir()) == sorted(CHECKLIST_CASES)
        assert sorted(p.name for p in (CORPUS / "answers").iterdir()) == sorted(ANSWERS_CASES)


class TestBrokenChecklists:
    @pytest.mark.parametrize("case", sorted(CHECKLIST_CASES))
    def test_validate_reports(self, case, tmp_path, capsys):
        """`validate` on a broken checklist folder exits 2 with the case's message."""
        folder = checklists_with(case, tmp_path)
        assert main(["validate", str(folder)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        file_part = "methodology.yaml" if case.startswith("maximum-off") else case.split("--", 1)[1]
        assert_clear(captured.err, file_part, CHECKLIST_CASES[case])

    def test_missing_folder(self, tmp_path, capsys):
        """A folder that does not exist is named with the fix."""
        assert main(["validate", str(tmp_path / "nowhere")]) == 2
        assert_clear(capsys.readouterr().err, "nowhere", ["does not exist"])


class TestBrokenAnswers:
    @pytest.mark.parametrize("case", sorted(ANSWERS_CASES))
    def test_score_reports(self, case, capsys):
        """`score` on a broken answers file exits 2 with the case's message."""
        path = CORPUS / "answers" / case
        assert main(["--checklists", str(FIXTURE_CHECKLISTS), "score", str(path)]) == 2
        captured = capsys.readouterr()
        assert captured.out == ""
        assert_clear(captured.err, case, ANSWERS_CASES[case])

    @pytest.mark.parametrize("case", sorted(ANSWERS_CASES))
    def test_export_writes_nothing(self, case, tmp_path, capsys):
        """`export` of a broken answers file exits 2 and leaves an existing spreadsheet as it was."""
        target = tmp_path / "score.xlsx"
        target.write_bytes(b"previous spreadsheet")
        code = main(["--checklists", str(FIXTURE_CHECKLISTS), "export", str(CORPUS / "answers" / case), "-o", str(target)])
        assert code == 2
        assert target.read_bytes() == b"previous spreadsheet"
        assert [p.name for p in tmp_path.iterdir()] == ["score.xlsx"]
        assert_clear(capsys.readouterr().err, case, ANSWERS_CASES[case])

    def test_thirty_megabytes(self, tmp_path, capsys):
        """A 30 MB file is refused by its size without being parsed."""
        path = tmp_path / "huge.json"
        path.write_bytes(b'{"format": "mlops-handbook-answers", "notes": "' + b"x" * 30_000_000 + b'"}')
        assert main(["--checklists", str(FIXTURE_CHECKLISTS), "score", str(path)]) == 2
        assert_clear(capsys.readouterr().err, "huge.json", ["an answers file is a few kilobytes"])

    def test_missing_file(self, tmp_path, capsys):
        """A path to nothing is named with how to make an answers file."""
        assert main(["--checklists", str(FIXTURE_CHECKLISTS), "score", str(tmp_path / "none.json")]) == 2
        assert_clear(capsys.readouterr().err, "none.json", ["no such file", "mlops-handbook template"])

    def test_folder_instead_of_file(self, tmp_path, capsys):
        """A folder given as the answers file is refused."""
        assert main(["--checklists", str(FIXTURE_CHECKLISTS), "score", str(tmp_path)]) == 2
        assert_clear(capsys.readouterr().err, str(tmp_path), ["this is not a file"])


class TestRealEntryPoint:
    def test_no_traceback_from_the_installed_command(self, tmp_path):
        """The installed command prints one line and exits 2 on a truncated answers file."""
        process = subprocess.run(
            [sys.executable, "-m", "mlops_handbook.cli", "--checklists", str(FIXTURE_CHECKLISTS), "score",
             str(CORPUS / "answers" / "truncated.json")],
            capture_output=True, text=True, timeout=60,
        )
        assert process.returncode == 2
        assert process.stdout == ""
        assert process.stderr.startswith("mlops-handbook: ")
        assert "Traceback" not in process.stderr


class TestAnswersLimitsThroughTheCommand:
    def test_hundred_thousand_nested_arrays(self, tmp_path, capsys):
        """100,000 nested arrays (a RecursionError for the JSON parser) give one clear line and exit 2."""
        path = tmp_path / "deep.json"
        path.write_text('{"format": "mlops-handbook-answers", "version": 2, "notes": '
                        + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
        assert main(["--checklists", str(FIXTURE_CHECKLISTS), "score", str(path)]) == 2
        assert_clear(capsys.readouterr().err, "deep.json", ["more than 32 deep"])
