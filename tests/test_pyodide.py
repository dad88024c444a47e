"""The browser API under Pyodide (Node, the npm package's runtime) gives what CPython gives.

One Node process runs the whole corpus (tests/pyodide_runner.mjs); each test compares one kind
of call with the CPython result for the same input.
"""

from __future__ import annotations

import importlib.util
import json
import random
import shutil
import subprocess
from pathlib import Path
from typing import Any

import openpyxl
import pytest

import mlops_handbook
from mlops_handbook import browser
from mlops_handbook.answers import FORMAT, VERSION, parse_bytes, parse_text, reason_accepted, to_json_data
from mlops_handbook.errors import HandbookError
from mlops_handbook.loader import load_raw
from mlops_handbook.model import MULTIPLE_CHOICE, YES_NO, Methodology, build_methodology
from mlops_handbook.scoring import score

pytestmark = pytest.mark.pyodide

ROOT = Path(__file__).resolve().parents[1]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
RUNNER = Path(__file__).with_name("pyodide_runner.mjs")
SETUP = "run `npm ci` and `.venv/bin/python scripts/build_wheels.py` in the repository root"
RUNNER_TIMEOUT_S = 600
GENERATED_ON = "Generated on"
NOTE_SAMPLES = (
    "Signed off on 3 March", "Ünïcode — “quotes” & <tags>", "=SUM(A1:A3)", "line one\nline two",
    "emoji 🚀 and tab\tinside", "   leading spaces", "+1 555 0100", "http://example.invalid/x",
)


def _document(route: str | None, task_type: str | None = None, answers: dict | None = None,
              notes: dict | None = None, project: str = "Churn model",
              not_applicable: dict | None = None) -> dict[str, Any]:
    return {"format": FORMAT, "version": VERSION, "project": project, "assessor": "A. Lead",
            "date": "2026-11-26", "route": route, "task_type": task_type,
            "answers": answers or {}, "not_applicable": not_applicable or {}, "notes": notes or {}}


def _some_not_applicable(m: Methodology, route: str, seed: int) -> tuple[dict, dict]:
    """Random answers with about a third of the answered items marked not applicable instead."""
    answers, _ = _random_answers(m, route, seed)
    rng = random.Random(seed)
    samples = [text for text in NOTE_SAMPLES if reason_accepted(text)] + ["Does not apply to this project"]
    reasons = {item_id: rng.choice(samples)
               for item_id, value in answers.items() if value is not None and rng.random() < 0.33}
    return {k: (None if k in reasons else v) for k, v in answers.items()}, reasons


def _applicable(m: Methodology, route: str):
    return [item for item in m.items if item.scored and item.applies_to(route)]


def _all_answers(m: Methodology, route: str, value: bool) -> dict[str, Any]:
    return {item.id: (value if item.kind == YES_NO else ([o.id for o in item.options] if value else []))
            for item in _applicable(m, route)}


def _random_answers(m: Methodology, route: str, seed: int) -> tuple[dict, dict]:
    rng = random.Random(seed)
    answers: dict[str, Any] = {}
    notes: dict[str, str] = {}
    for item in m.items:
        if not item.scored or rng.random() < 0.15:
            continue
        if item.kind == YES_NO:
            answers[item.id] = rng.choice([True, False, None])
        else:
            assert item.kind == MULTIPLE_CHOICE
            options = [o.id for o in item.options]
            answers[item.id] = None if rng.random() < 0.2 else rng.sample(options, rng.randint(0, len(options)))
        if rng.random() < 0.3:
            notes[item.id] = rng.choice(NOTE_SAMPLES)
    return answers, notes


def _corpus(m: Methodology) -> dict[str, dict[str, Any]]:
    """Answer sets covering every route, each task type (and none), empty, full and mixed."""
    cases: dict[str, dict[str, Any]] = {"no-route": _document(None, answers={})}
    task_types = [t.id for t in m.task_types]
    for route in (r.id for r in m.routes):
        cases[f"{route}-empty"] = _document(route)
        cases[f"{route}-all-yes"] = _document(route, answers=_all_answers(m, route, True))
        cases[f"{route}-all-no"] = _document(route, answers=_all_answers(m, route, False))
        for seed in range(3):
            answers, notes = _random_answers(m, route, seed)
            cases[f"{route}-random-{seed}"] = _document(route, answers=answers, notes=notes)
    for task_type in task_types:
        cases[f"ml-model-{task_type}-all-yes"] = _document(
            "ml-model", task_type, _all_answers(m, "ml-model", True))
        answers, notes = _random_answers(m, "ml-model", 100 + len(cases))
        cases[f"ml-model-{task_type}-random"] = _document("ml-model", task_type, answers, notes)
    multiple_choice = [item for item in _applicable(m, "ml-model") if item.kind == MULTIPLE_CHOICE]
    partial = {item.id: [o.id for o in item.options][: max(1, len(item.options) // 2)] for item in multiple_choice}
    cases["ml-model-multiple-choice-partial"] = _document("ml-model", task_types[0], partial)
    cases["ml-model-no-task-type-partial"] = _document("ml-model", None, partial)
    for route in (r.id for r in m.routes):
        answers, reasons = _some_not_applicable(m, route, 7)
        cases[f"{route}-not-applicable"] = _document(route, "regression" if route == "ml-model" else None,
                                                     answers, not_applicable=reasons)
    cases["dashboard-answers-of-other-routes"] = _document("dashboard", None, _all_answers(m, "ml-model", True))
    # An earlier version whose reasons the rule refuses: migrated (reasons to notes), with warnings.
    earlier = _document("dashboard", not_applicable={"bc-iu-04": "n/a", "bc-iu-05": "Agreed by phone only"})
    cases["dashboard-version-2-placeholder-reasons"] = {**earlier, "version": 2}
    cases["dashboard-placeholder-reason"] = _document("dashboard", not_applicable={"bc-iu-04": "."})
    cases["unicode-project"] = _document("analytical-report", project="Predicción 東京 🚀",
                                         notes={_applicable(m, "analytical-report")[0].id: "nota ✓"})
    return cases


UPLOADS = {
    "truncated": '{"format": "mlops-handbook-answers", "version": 1, "answers": {',
    "not-json": "route: ml-model\n",
    "wrong-format": '{"format": "something-else", "version": 1}',
    "newer-version": '{"format": "mlops-handbook-answers", "version": 4}',
    "placeholder-reason": ('{"format": "mlops-handbook-answers", "version": 3, "route": "dashboard", '
                           '"not_applicable": {"bc-iu-04": "n/a"}}'),
    "version-2-placeholder-reason": ('{"format": "mlops-handbook-answers", "version": 2, "route": "dashboard", '
                                     '"not_applicable": {"bc-iu-04": "n/a"}}'),
    "empty-reason": ('{"format": "mlops-handbook-answers", "version": 2, "route": "dashboard", '
                     '"not_applicable": {"bc-iu-04": "  "}}'),
    "unknown-item": '{"format": "mlops-handbook-answers", "version": 1, "answers": {"no-such-item": true}}',
    "bad-yes-no": '{"format": "mlops-handbook-answers", "version": 1, "answers": {"bc-iu-02": "yes"}}',
    "bad-option": '{"format": "mlops-handbook-answers", "version": 1, "answers": {"bc-ko-01": ["nope"]}}',
    "unknown-route": '{"format": "mlops-handbook-answers", "version": 1, "route": "spreadsheet"}',
    "task-type-on-dashboard": ('{"format": "mlops-handbook-answers", "version": 1, "route": "dashboard", '
                               '"task_type": "regression"}'),
    "bad-date": '{"format": "mlops-handbook-answers", "version": 1, "date": "26/11/2026"}',
    "lone-surrogate": '{"format": "mlops-handbook-answers", "version": 1, "project": "\ud800"}',
    "valid-with-duplicates": ('\ufeff{"format": "mlops-handbook-answers", "version": 1, "route": "ml-model", '
                              '"answers": {"bc-ko-01": ["phases", "phases", "work-team"], "bc-iu-02": true}, '
                              '"notes": {"bc-iu-02": "ok", "bc-ko-01": ""}}'),
}


def _require_setup() -> list[Path]:
    if shutil.which("node") is None:
        pytest.fail(f"Node.js is not installed; the Pyodide tests need it. Install Node 18 or newer, then {SETUP}.")
    if not (PYODIDE_DIR / "pyodide.mjs").is_file():
        pytest.fail(f"{PYODIDE_DIR} is missing: {SETUP}.")
    spec = importlib.util.spec_from_file_location("build_wheels", ROOT / "scripts" / "build_wheels.py")
    build_wheels = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_wheels)
    try:
        return build_wheels.check_wheels(ROOT / "build" / "wheels")
    except build_wheels.WheelError as error:
        pytest.fail(str(error))


@pytest.fixture(scope="module")
def methodology_data() -> dict[str, Any]:
    return load_raw(ROOT / "checklists")


@pytest.fixture(scope="module")
def methodology(methodology_data) -> Methodology:
    return build_methodology(methodology_data)


@pytest.fixture(scope="module")
def corpus(methodology) -> dict[str, str]:
    return {name: json.dumps(doc, ensure_ascii=False) for name, doc in _corpus(methodology).items()}


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory, methodology_data, corpus) -> dict[str, Any]:
    """The runner's result for the whole corpus, from one Node process."""
    wheels = _require_setup()
    work = tmp_path_factory.mktemp("pyodide")
    methodology_path = work / "methodology.json"
    methodology_path.write_text(json.dumps(methodology_data), encoding="utf-8")
    request = {
        "index_url": f"{PYODIDE_DIR}/",
        "wheels": [str(wheel) for wheel in wheels],
        "methodology_path": str(methodology_path),
        "out_dir": str(work),
        "score_cases": corpus,
        "export_cases": corpus,
        "uploads": UPLOADS,
    }
    request_path = work / "request.json"
    request_path.write_text(json.dumps(request), encoding="utf-8")
    completed = subprocess.run(["node", str(RUNNER), str(request_path)], cwd=ROOT, capture_output=True,
                               text=True, timeout=RUNNER_TIMEOUT_S)
    if completed.returncode != 0:
        pytest.fail(f"the Pyodide runner failed (exit {completed.returncode}):\n{completed.stderr[-4000:]}")
    return json.loads((work / "result.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def cpython_browser(methodology_data):
    browser.load(json.dumps(methodology_data))
    return browser


def _cells(data: bytes, data_only: bool) -> dict[str, list[list[Any]]]:
    """Every cell of every sheet (formulas, or cached values), with the generation time blanked."""
    import io

    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=data_only)
    sheets = {}
    for sheet in workbook.worksheets:
        rows = [list(row) for row in sheet.iter_rows(values_only=True)]
        for row in rows:
            if row and row[0] == GENERATED_ON:
                row[1:] = [None] * (len(row) - 1)
        sheets[sheet.title] = rows
    sheets["defined names"] = sorted((name, str(value.value)) for name, value in workbook.defined_names.items())
    return sheets


class TestPyodideRuntime:
    def test_python_is_3_14(self, pyodide_run):
        """Pyodide 314 runs Python 3.14, the version the browser scorer is written for."""
        assert pyodide_run["python_version"] == [3, 14]

    def test_only_the_runtime_dependencies_are_present(self, pyodide_run):
        """The package runs without PyYAML and jsonschema, which the browser does not ship."""
        assert pyodide_run["importable"] == {"yaml": False, "jsonschema": False,
                                             "xlsxwriter": True, "mlops_handbook": True}

    def test_both_wheels_install(self, pyodide_run):
        """loadPackage installs XlsxWriter's wheel and ours, as the worker does."""
        loaded = sorted(pyodide_run["loaded"])  # installed concurrently, so in no fixed order
        assert loaded[0].startswith(f"mlops_handbook-{mlops_handbook.__version__}-")
        assert loaded[1] == "xlsxwriter-3.3.1-py3-none-any.whl"


class TestScoreInPyodide:
    def test_scores_equal_cpython(self, pyodide_run, corpus, methodology, cpython_browser):
        """score_json in Pyodide returns exactly CPython's score and summary (and upgrade) for every answer set."""
        for name, answers in corpus.items():
            result = json.loads(pyodide_run["scores"][name])
            try:
                expected = score(methodology, parse_text(answers, methodology, browser.STORED_ANSWERS),
                                 browser.STORED_ANSWERS)
            except HandbookError as error:
                assert result == {"ok": False, "error": error.to_dict()}, name
                continue
            assert result["ok"] is True, name
            assert result["score"] == json.loads(json.dumps(expected.to_dict())), name
            assert result["summary"] == json.loads(json.dumps(browser.summary(methodology, expected))), name
            assert result.get("upgraded") == json.loads(cpython_browser.score_json(answers)).get("upgraded"), name

    def test_reasons_held_to_the_rule(self, pyodide_run):
        """In Pyodide, a current file's "." is refused at its item, and an earlier file's "n/a" is migrated with a warning."""
        refused = json.loads(pyodide_run["scores"]["dashboard-placeholder-reason"])
        assert refused["ok"] is False and refused["error"]["place"] == "not_applicable.bc-iu-04"
        upgraded = json.loads(pyodide_run["scores"]["dashboard-version-2-placeholder-reasons"])["upgraded"]
        assert upgraded["answers"]["not_applicable"] == {"bc-iu-05": "Agreed by phone only"}
        assert len(upgraded["warnings"]) == 1 and "bc-iu-04" in upgraded["warnings"][0]

    def test_corpus_reaches_full_and_partial_scores(self, pyodide_run, methodology):
        """The corpus is not trivial: full marks, zero, partial and the no-route error all occur."""
        results = {name: json.loads(text) for name, text in pyodide_run["scores"].items()}
        assert results["no-route"]["ok"] is False
        assert results["no-route"]["error"]["place"] == "route"
        for route in methodology.routes:
            if not methodology.route_uses_task_type(route.id):
                full = results[f"{route.id}-all-yes"]["summary"]
                assert full["points"] == full["maximum"] == route.published_maximum
            assert results[f"{route.id}-empty"]["summary"]["points"] == 0
        for task_type in methodology.task_types:
            full = results[f"ml-model-{task_type.id}-all-yes"]["summary"]
            assert full["points"] == full["maximum"] == methodology.maximum("ml-model", task_type.id)
        partial = results["ml-model-multiple-choice-partial"]["summary"]
        assert 0 < partial["points"] < partial["maximum"]
        assert any(gap["status"] == "partial" for gap in partial["missing"])
        assert results["ml-model-empty"]["summary"]["maximum_provisional"] is True


class TestExportInPyodide:
    def test_workbooks_equal_cpython(self, pyodide_run, corpus, cpython_browser):
        """The .xlsx made in Pyodide has the same cells, formulas and cached values as CPython's."""
        for name, answers_text in corpus.items():
            exported = pyodide_run["exports"][name]
            try:
                expected = cpython_browser.export_xlsx(answers_text)
            except HandbookError as error:
                assert exported == {"ok": False, "type": "HandbookError",
                                    "message": f"mlops_handbook.errors.HandbookError: {error}"}, name
                continue
            assert exported["ok"] is True, name
            actual = Path(exported["file"]).read_bytes()
            for data_only in (False, True):
                assert _cells(actual, data_only) == _cells(expected, data_only), (name, data_only)

    def test_export_without_route_fails(self, pyodide_run):
        """Exporting answers with no route raises the package's error, not a broken file."""
        assert pyodide_run["exports"]["no-route"]["ok"] is False
        assert "no route is chosen" in pyodide_run["exports"]["no-route"]["message"]


class TestCheckAnswersInPyodide:
    def test_uploads_match_cpython(self, pyodide_run, methodology):
        """check_answers in Pyodide accepts and rejects uploads exactly as CPython's parser does."""
        for name, text in UPLOADS.items():
            result = json.loads(pyodide_run["checks"][name])
            try:
                expected = parse_bytes(text.encode("utf-8", "surrogatepass"), methodology, browser.UPLOADED_FILE)
            except HandbookError as error:
                assert result == {"ok": False, "error": error.to_dict()}, name
                continue
            assert result == {"ok": True, "answers": json.loads(json.dumps(to_json_data(expected))),
                              "warnings": list(expected.warnings)}, name

    def test_broken_upload_names_the_uploaded_file(self, pyodide_run):
        """A truncated upload is rejected with a message that names the uploaded file and the fix."""
        result = json.loads(pyodide_run["checks"]["truncated"])
        assert result["ok"] is False
        assert result["error"]["message"].startswith("uploaded file, line 1")
        assert "truncated" in result["error"]["problem"]
