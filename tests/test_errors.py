"""The error corpus: every broken checklist or answers file gives exit 2 and its own clear message.

Each case names the file, the place and the fix in one paragraph, prints no traceback, and
writes nothing.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from helpers import FIXTURE_CHECKLISTS, TESTS
from mlops_handbook import loader
from mlops_handbook.cli import main
from mlops_handbook.errors import HandbookError
from mlops_handbook.loader import load_raw

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
    "unquoted-date--01-alpha.yaml": ["section", "2026-03-01 is read as a date", "put the value in quotes"],
    "impossible-date--01-alpha.yaml": ["invalid YAML value", "month must be in 1..12"],
    "number-as-key--01-alpha.yaml": ["the key 2 is not text", "quote a key"],
    "deep-nesting--01-alpha.yaml": ["summary", "nests more than 32 levels deep"],
    "broken-json--schema.json": ["/schema.json, line ", "the schema is not valid JSON", "restore the file"],
    "not-a-json-schema--methodology.schema.json": ["type", "not a valid JSON Schema", "restore the file"],
}

ANSWERS_CASES = {
    "truncated.json": ["ends too early", "truncated", "line "],
    "trailing-comma.json": ["a comma stands before a closing bracket", "line 10, column 21"],
    "future-version.json": ["version 4, newer than the version 3", "newer release"],
    "missing-version.json": ["version is missing", '"version": 3'],
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
    "version-true.json": ["version", "missing or not a whole number", '"version": 3'],
    "version-zero.json": ["version 0 does not exist", '"version": 3'],
    "reason-dot.json": ["not_applicable.al-on-03", "does not say why", '"." is a placeholder', "two words"],
    "reason-n-a.json": ["not_applicable.al-on-03", '"n/a" is a placeholder', "remove the item"],
    "reason-too-short.json": ["not_applicable.al-on-04", "it has 6 letters", "8 letters"],
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


@contextlib.contextmanager
def time_limit(seconds: float):
    """Fail instead of hanging when a call blocks (a pipe opened for reading) or never ends."""
    def expire(signum, frame):
        raise AssertionError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def fixture_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "checklists"
    shutil.copytree(FIXTURE_CHECKLISTS, folder)
    return folder


def refusal(folder: Path) -> HandbookError:
    with time_limit(20), pytest.raises(HandbookError) as caught:
        load_raw(folder)
    return caught.value


class TestUnusualChecklistFiles:
    def test_fifo_refused_without_waiting(self, tmp_path):
        """A named pipe in a stage file's place is refused by its type, without waiting for a writer."""
        folder = fixture_copy(tmp_path)
        (folder / "01-alpha.yaml").unlink()
        os.mkfifo(folder / "01-alpha.yaml")
        error = refusal(folder)
        assert error.file.endswith("01-alpha.yaml") and "not a regular file" in error.problem

    def test_link_to_an_endless_device_refused(self, tmp_path):
        """A stage file linked to /dev/zero is refused by its type instead of being read without end."""
        folder = fixture_copy(tmp_path)
        (folder / "01-alpha.yaml").unlink()
        (folder / "01-alpha.yaml").symlink_to("/dev/zero")
        assert "not a regular file" in refusal(folder).problem

    def test_folder_in_a_stage_files_place(self, tmp_path):
        """A folder named like a stage file is refused as a folder."""
        folder = fixture_copy(tmp_path)
        (folder / "01-alpha.yaml").unlink()
        (folder / "01-alpha.yaml").mkdir()
        error = refusal(folder)
        assert "this is a folder" in error.problem and "put the YAML file itself here" in error.fix

    def test_folder_in_place_of_methodology_yaml(self, tmp_path):
        """A folder named methodology.yaml is refused as a folder, not reported as missing."""
        folder = fixture_copy(tmp_path)
        (folder / "methodology.yaml").unlink()
        (folder / "methodology.yaml").mkdir()
        error = refusal(folder)
        assert error.file.endswith("methodology.yaml") and "this is a folder" in error.problem

    def test_symlink_loop(self, tmp_path):
        """A stage file that is a symbolic link to itself is named as a loop."""
        folder = fixture_copy(tmp_path)
        (folder / "01-alpha.yaml").unlink()
        (folder / "01-alpha.yaml").symlink_to("01-alpha.yaml")
        assert "loops back on itself" in refusal(folder).problem

    def test_broken_symlink(self, tmp_path):
        """A stage file that links to nothing is named as such."""
        folder = fixture_copy(tmp_path)
        (folder / "01-alpha.yaml").unlink()
        (folder / "01-alpha.yaml").symlink_to("gone.yaml")
        assert "symbolic link to nothing" in refusal(folder).problem

    @pytest.mark.parametrize("name", ["02-beta.yaml", "schema.json", "methodology.schema.json"])
    def test_unreadable_file(self, name, tmp_path, monkeypatch):
        """A stage file or schema that cannot be opened (permission denied) is named with the fix."""
        folder = fixture_copy(tmp_path)
        real_open = open

        def denied(path, *args, **kwargs):
            if Path(path).name == name:
                raise PermissionError(13, "Permission denied", str(path))
            return real_open(path, *args, **kwargs)

        monkeypatch.setattr(loader, "open", denied, raising=False)
        error = refusal(folder)
        assert Path(error.file).name == name and "permission denied" in error.problem

    @pytest.mark.parametrize("name", ["schema.json", "methodology.schema.json"])
    def test_schema_that_is_not_an_object(self, name, tmp_path):
        """A schema holding a JSON list instead of an object is refused, naming the file."""
        folder = fixture_copy(tmp_path)
        (folder / name).write_text("[]", encoding="utf-8")
        error = refusal(folder)
        assert Path(error.file).name == name and "not a JSON object" in error.problem

    def test_folder_in_place_of_a_schema(self, tmp_path):
        """A folder named schema.json is refused as a folder."""
        folder = fixture_copy(tmp_path)
        (folder / "schema.json").unlink()
        (folder / "schema.json").mkdir()
        assert "this is a folder" in refusal(folder).problem


class TestChecklistLimits:
    @staticmethod
    def _summary_nested(tmp_path: Path, lists: int) -> Path:
        """The fixture with alpha's summary replaced by `lists` nested lists: depth 1 + lists."""
        folder = fixture_copy(tmp_path)
        path = folder / "01-alpha.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("summary: The first fixture stage.",
                                     "summary: " + "[" * lists + "]" * lists), encoding="utf-8")
        return folder

    @pytest.mark.parametrize("depth", [loader.MAX_YAML_DEPTH - 1, loader.MAX_YAML_DEPTH])
    def test_depth_at_and_under_the_limit_reaches_the_schema(self, depth, tmp_path):
        """Nesting up to the limit passes to the schema check, which then names the summary's type."""
        error = refusal(self._summary_nested(tmp_path, depth - 1))
        assert error.place == "summary" and "is not of type 'string'" in error.problem

    @pytest.mark.parametrize("depth", [loader.MAX_YAML_DEPTH + 1, 100_000])
    def test_depth_over_the_limit_refused(self, depth, tmp_path):
        """Nesting beyond the limit (100,000 levels would exhaust Python's recursion) is refused by its depth."""
        error = refusal(self._summary_nested(tmp_path, depth - 1))
        assert f"nests more than {loader.MAX_YAML_DEPTH} levels deep" in error.problem

    def test_anchors_that_multiply_are_refused(self, tmp_path):
        """Aliases that make a billion values from a few lines are refused by the count, not walked."""
        folder = fixture_copy(tmp_path)
        lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x, x]"]
        lines += [f"a{n}: &a{n} [" + ", ".join([f"*a{n - 1}"] * 10) + "]" for n in range(1, 10)]
        (folder / "01-alpha.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        assert f"more than {loader.MAX_YAML_NODES:,} values" in refusal(folder).problem

    @staticmethod
    def _padded(tmp_path: Path, size: int) -> Path:
        folder = fixture_copy(tmp_path)
        path = folder / "01-alpha.yaml"
        text = path.read_bytes()
        path.write_bytes(text + b"#" * (size - len(text) - 1) + b"\n")
        assert path.stat().st_size == size
        return folder

    def test_size_at_the_limit_read(self, tmp_path):
        """A stage file of exactly the size limit is read."""
        folder = self._padded(tmp_path, loader.MAX_FILE_BYTES)
        assert [stage["id"] for stage in load_raw(folder)["stages"]] == ["alpha", "beta"]

    def test_size_over_the_limit_refused_with_its_size(self, tmp_path):
        """A stage file one byte over the limit is refused, stating its size and the limit."""
        error = refusal(self._padded(tmp_path, loader.MAX_FILE_BYTES + 1))
        assert f"{loader.MAX_FILE_BYTES + 1:,} bytes, larger than the {loader.MAX_FILE_BYTES:,}" in error.problem


class TestAnswersLimitsThroughTheCommand:
    def test_hundred_thousand_nested_arrays(self, tmp_path, capsys):
        """100,000 nested arrays (a RecursionError for the JSON parser) give one clear line and exit 2."""
        path = tmp_path / "deep.json"
        path.write_text('{"format": "mlops-handbook-answers", "version": 2, "notes": '
                        + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
        assert main(["--checklists", str(FIXTURE_CHECKLISTS), "score", str(path)]) == 2
        assert_clear(capsys.readouterr().err, "deep.json", ["more than 32 deep"])
