"""The browser API (mlops_handbook.browser) in CPython: its JSON shapes, errors and file names."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest

from mlops_handbook import browser
from mlops_handbook.answers import FORMAT, VERSION
from mlops_handbook.errors import HandbookError
from mlops_handbook.loader import load_raw

ROOT = Path(__file__).resolve().parents[1]


def _answers(**fields) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, **fields})


@pytest.fixture(scope="module")
def api():
    browser.load(json.dumps(load_raw(ROOT / "checklists")))
    return browser


class TestScoreJson:
    def test_summary_has_the_documented_fields(self, api):
        """The summary carries titles, totals, per-stage rows and links to what is missing."""
        result = json.loads(api.score_json(_answers(route="ml-model", task_type="regression",
                                                    answers={"bc-iu-02": True})))
        assert result["ok"] is True
        summary = result["summary"]
        figures = {"points", "maximum", "percent", "applicable_maximum", "applicable_percent",
                   "paper_points", "paper_maximum", "paper_percent", "answered", "not_applicable_count", "open",
                   "items_total", "not_applicable_points", "not_applicable_flag", "counts_text",
                   "not_applicable_text"}
        assert set(summary) == {"route_title", "task_type_title", "maximum_provisional", "stages", "subphases",
                                "missing", "not_applicable", "maturity"} | figures
        assert summary["task_type_title"] == "Regression"
        assert summary["points"] == result["score"]["points"] == 1
        assert summary["paper_points"] == 1 and summary["answered"] == 1
        assert set(summary["stages"][0]) == {"id", "title"} | figures
        assert all(set(gap) == {"item_id", "stage_id", "subphase_id", "question", "status", "url"}
                   for gap in summary["missing"])
        assert "bc-iu-02" not in {gap["item_id"] for gap in summary["missing"]}

    def test_brief_leaves_out_only_what_the_page_does_not_read(self, api):
        """The page's requests (brief) carry no full score, and, but for the score page's report, neither the
        items missing nor the maturity levels; every figure is the one of the whole answer."""
        text = _answers(route="ml-model", task_type="regression", answers={"bc-iu-02": True, "bc-iu-03": False},
                        not_applicable={"bc-iu-04": "On premises only"})
        whole = json.loads(api.score_json(text))
        brief = json.loads(api.score_json(text, brief=True))
        assert set(whole) - set(brief) == {"score"}
        assert set(whole["summary"]) - set(brief["summary"]) == {"missing", "maturity"}
        assert all(brief["summary"][key] == value for key, value in whole["summary"].items()
                   if key not in ("missing", "maturity"))
        report = json.loads(api.score_json(text, report=True, brief=True))
        assert "score" not in report and report["summary"]["missing"] == whole["summary"]["missing"]
        assert report["summary"]["maturity"] == whole["summary"]["maturity"] and "report" in report["summary"]
        assert len(json.dumps(brief)) * 4 < len(json.dumps(whole))

    def test_subphase_progress_counts_answers_and_points_to_the_next(self, api):
        """Each subphase says how many of its route's items are answered and links the next unanswered one."""
        summary = json.loads(api.score_json(_answers(
            route="dashboard", answers={"bc-iu-02": True, "bc-iu-03": False},
            not_applicable={"bc-iu-04": "On premises only"})))["summary"]
        first = summary["subphases"][0]
        assert (first["id"], first["stage_id"]) == ("initial-understanding", "business-comprehension")
        # Yes and no count as answered, N/A apart; all three are done; the next is the first item open.
        assert (first["answered"], first["not_applicable"], first["done"]) == (2, 1, 3)
        assert first["open"] == first["items_total"] - 3 and first["items_total"] > 3
        assert first["next_open"] == "bc-iu-05"
        assert first["next_url"] == "business-comprehension/initial-understanding/#bc-iu-05"
        assert sum(p["answered"] for p in summary["subphases"]) == summary["answered"] == 2
        assert sum(p["not_applicable"] for p in summary["subphases"]) == summary["not_applicable_count"] == 1
        assert summary["counts_text"] == f"2 answered, 1 not applicable, {summary['items_total'] - 3} open"
        assert sum(p["items_total"] for p in summary["subphases"]) == summary["items_total"]
        assert len(summary["subphases"]) == 20

    def test_missing_links_point_to_the_item_on_its_page(self, api):
        """Each missing item links to <stage>/<subphase>/#<item>, the page that asks it."""
        summary = json.loads(api.score_json(_answers(route="dashboard")))["summary"]
        gap = summary["missing"][0]
        assert gap["url"] == f'{gap["stage_id"]}/{gap["subphase_id"]}/#{gap["item_id"]}'
        assert (ROOT / "docs" / gap["stage_id"] / f'{gap["subphase_id"]}.md').is_file()

    def test_no_route_is_an_error_at_route(self, api):
        """Without a route there is no total: the answer is ok false with the error placed at route."""
        result = json.loads(api.score_json(_answers()))
        assert result["ok"] is False
        assert result["error"]["place"] == "route"
        assert result["error"]["file"] == browser.STORED_ANSWERS

    def test_lone_surrogate_note_survives_as_ascii_json(self, api):
        """A note with a lone surrogate (possible in a JS string) does not break the JSON reply."""
        text = api.score_json(_answers(route="dashboard", notes={"bc-iu-02": "\ud800"}))
        assert text.isascii()
        assert json.loads(text)["ok"] is True


class TestMaturityView:
    def test_manual_project_gets_level_0_and_its_roadmap(self, api):
        """Yes to every practice but automation: level 0 in each model, the roadmap linking each item and practice."""
        m = api.methodology()
        answers = {i.id: True if i.kind == "yes-no" else [o.id for o in i.options]
                   for p, i in m.route_practices("ml-model") if not p.automation}
        summary = json.loads(api.score_json(_answers(route="ml-model", task_type="regression",
                                                     answers=answers)))["summary"]
        view = summary["maturity"]
        assert [model["reached"] for model in view["models"]] == [0] * len(m.catalogue.maturity)
        assert view["by_hand"] and view["ml_test_score"]["total"] == 28
        google = view["models"][0]
        level_1 = [i.id for p, i in m.route_practices("ml-model") if p.level(google["model_id"]) == 1 and p.automation]
        assert [step["item_id"] for step in google["roadmap"]] == level_1
        step = google["roadmap"][0]
        assert step["url"] == f"{step['stage_id']}/{step['subphase_id']}/#{step['item_id']}"
        assert step["practice_url"] == f"maps/#practice-{step['practice_id']}"


class TestExport:
    def test_export_is_a_workbook(self, api):
        """export_xlsx returns .xlsx bytes with the Summary, Answers, Roadmap and Off route sheets."""
        data = api.export_xlsx(_answers(route="analytical-report", project="P"))
        workbook = openpyxl.load_workbook(io.BytesIO(data))
        assert workbook.sheetnames == ["Summary", "Answers", "Roadmap", "Off route"]

    def test_export_without_route_raises(self, api):
        """Exporting answers without a route raises the package's error for the page's answers."""
        with pytest.raises(HandbookError, match="no route is chosen") as caught:
            api.export_xlsx(_answers())
        assert caught.value.file == browser.STORED_ANSWERS

    @pytest.mark.parametrize(("project", "expected"), [
        ("Churn Model v2", "churn-model-v2-score-2026-11-26.xlsx"),
        ("  Predicción: ventas / 2026 ", "prediccion-ventas-2026-score-2026-11-26.xlsx"),
        ("", "mlops-score-2026-11-26.xlsx"),
        ("東京", "mlops-score-2026-11-26.xlsx"),
        ("../../etc/passwd", "etc-passwd-score-2026-11-26.xlsx"),
        ("x" * 200, "x" * 60 + "-score-2026-11-26.xlsx"),
    ])
    def test_filename_is_safe(self, api, project, expected):
        """The download name keeps ASCII letters and digits of the project, or falls back to mlops."""
        assert api.export_filename(project, "2026-11-26") == expected

    def test_filename_rejects_a_bad_date(self, api):
        """The date part must be YYYY-MM-DD, so a caller's mistake cannot produce an odd name."""
        with pytest.raises(ValueError):
            api.export_filename("p", "26/11/2026")


class TestReasonRule:
    @pytest.mark.parametrize("reason", [".", "n/a", "none", "\u200b", "On prem"])
    def test_refused_with_a_message(self, api, reason):
        """A reason the rule refuses gets the package's problem and a message the page shows as it is."""
        from mlops_handbook.answers import reason_problem

        verdict = json.loads(api.reason_json(reason))
        assert verdict["accepted"] is False and verdict["problem"] == reason_problem(reason)
        assert verdict["problem"] in verdict["message"] and "counts as unanswered" in verdict["message"]

    def test_accepted(self, api):
        """A reason that says something is accepted, with nothing more to show."""
        assert json.loads(api.reason_json("No personal data in the sources")) == {"accepted": True}

    def test_earlier_answers_come_back_upgraded(self, api):
        """Scoring version-2 answers with a refused reason gives the migrated answers and the warning to keep."""
        result = json.loads(api.score_json(json.dumps({
            "format": FORMAT, "version": 2, "route": "dashboard", "answers": {"bc-iu-02": True},
            "not_applicable": {"bc-iu-04": "n/a", "bc-iu-05": "Agreed by phone only"}})))
        upgraded = result["upgraded"]
        assert upgraded["answers"]["version"] == VERSION
        assert upgraded["answers"]["not_applicable"] == {"bc-iu-05": "Agreed by phone only"}
        assert '"n/a"' in upgraded["answers"]["notes"]["bc-iu-04"]
        assert len(upgraded["warnings"]) == 1 and "bc-iu-04" in upgraded["warnings"][0]
        assert result["score"]["not_applicable"][0]["item_id"] == "bc-iu-05"

    def test_current_answers_are_not_upgraded(self, api):
        """Answers already of the current version get no upgrade to keep."""
        assert "upgraded" not in json.loads(api.score_json(_answers(route="dashboard")))

    def test_current_answers_with_a_refused_reason_cannot_be_scored(self, api):
        """Current answers holding a refused reason are an error naming the item, as in the CLI."""
        result = json.loads(api.score_json(_answers(route="dashboard", not_applicable={"bc-iu-04": "."})))
        assert result["ok"] is False and result["error"]["place"] == "not_applicable.bc-iu-04"


class TestCheckAnswers:
    def test_valid_upload_is_normalised(self, api):
        """A valid upload comes back complete, with duplicate options and empty notes dropped."""
        result = json.loads(api.check_answers(
            '\ufeff' + _answers(answers={"bc-ko-01": ["phases", "phases"]}, notes={"bc-iu-02": ""})))
        assert result == {"ok": True, "answers": {
            "format": FORMAT, "version": VERSION, "project": "", "assessor": "", "date": "",
            "route": None, "task_type": None, "answers": {"bc-ko-01": ["phases"]}, "not_applicable": {},
            "notes": {}}, "warnings": []}

    def test_broken_upload_names_the_uploaded_file(self, api):
        """A broken upload is rejected with the place, the problem and the fix, naming the upload."""
        result = json.loads(api.check_answers('{"format": "mlops-handbook-answers", "version": "1"}'))
        assert result["ok"] is False
        assert result["error"]["file"] == browser.UPLOADED_FILE
        assert result["error"]["place"] == "version"

    def test_oversized_upload_is_refused(self, api):
        """An upload far larger than any answers file is refused before parsing."""
        result = json.loads(api.check_answers(" " * 2_000_001))
        assert result["ok"] is False
        assert "bytes" in result["error"]["problem"]


class TestBrowserImports:
    def test_calls_before_load_say_what_to_do(self):
        """Using the API before load() fails with a message naming load()."""
        code = ("import mlops_handbook.browser as b\n"
                "try:\n    b.score_json('{}')\nexcept RuntimeError as e:\n    print(e)\n")
        completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
        assert "load(" in completed.stdout

    def test_scoring_path_imports_no_yaml_or_jsonschema(self):
        """The package, the browser API and the spreadsheet import without PyYAML or jsonschema."""
        code = ("import sys\n"
                "sys.modules['yaml'] = None\nsys.modules['jsonschema'] = None\n"
                "import mlops_handbook, mlops_handbook.browser, mlops_handbook.spreadsheet\n"
                "print('ok')\n")
        completed = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
        assert completed.returncode == 0, completed.stderr
        assert completed.stdout.strip() == "ok"
