"""The command line on the fixture checklist: routes, template, score, export, validate."""

import json

import pytest

from helpers import FIXTURE_CHECKLISTS
from mlops_handbook import Answers, dumps
from mlops_handbook.cli import main

BASE = ["--checklists", str(FIXTURE_CHECKLISTS)]


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(dumps(Answers(route="ml-model", task_type="regression", project="Demo",
                                  answers={"al-on-02": True, "be-on-03": ("metric-2",), "al-on-03": False})))
    return path


class TestRoutes:
    def test_json(self, capsys):
        """`routes --json` gives each route's maximum and the ML maximum per task type."""
        assert main([*BASE, "routes", "--json"]) == 0
        routes = {r["id"]: r for r in json.loads(capsys.readouterr().out)["routes"]}
        assert routes["dashboard"]["maximum"] == 4
        assert routes["ml-model"]["maximum_range"] == [6, 7] and routes["ml-model"]["maximum"] == 7
        assert routes["dashboard"]["maximum_range"] == [4, 4]
        assert routes["ml-model"]["task_types"]["clustering"] == 6

    def test_text(self, capsys):
        """`routes` prints one line per route with the range of the ML route."""
        assert main([*BASE, "routes"]) == 0
        assert "ml-model             6-7 points" in capsys.readouterr().out


class TestTemplate:
    def test_writes_file(self, tmp_path):
        """`template -o` writes an answers file with every applicable item unanswered."""
        out = tmp_path / "t.json"
        assert main([*BASE, "template", "--route", "dashboard", "--project", "P", "-o", str(out)]) == 0
        data = json.loads(out.read_text())
        assert data["project"] == "P"
        assert data["answers"] == {"al-on-02": None, "al-on-03": None, "al-on-04": None}

    def test_bad_task_type(self, capsys):
        """A task type on a route without one is a user error."""
        assert main([*BASE, "template", "--route", "dashboard", "--task-type", "regression"]) == 2
        assert "has no ML task type" in capsys.readouterr().err


class TestScore:
    def test_json(self, answers_file, capsys):
        """`score --json` gives points, maximum and percentage."""
        assert main([*BASE, "score", str(answers_file), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["points"], data["maximum"], data["percent"]) == (2, 7, 28.6)

    def test_text_lists_missing(self, answers_file, capsys):
        """The text report shows the total and what is missing."""
        assert main([*BASE, "score", str(answers_file)]) == 0
        out = capsys.readouterr().out
        assert "Total: 2 of 7 points, 28.6%" in out
        assert "al-on-03 (no)" in out

    def test_fail_under(self, answers_file, capsys):
        """`--fail-under` exits 1 when the percentage is below the bar, 0 otherwise."""
        assert main([*BASE, "score", str(answers_file), "--fail-under", "50"]) == 1
        assert "below --fail-under 50" in capsys.readouterr().err
        assert main([*BASE, "score", str(answers_file), "--fail-under", "20"]) == 0


class TestExport:
    def test_writes_xlsx(self, answers_file, tmp_path, capsys):
        """`export` writes a spreadsheet and leaves no temporary file."""
        out = tmp_path / "score.xlsx"
        assert main([*BASE, "export", str(answers_file), "-o", str(out)]) == 0
        assert out.read_bytes()[:2] == b"PK"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json", "score.xlsx"]

    def test_needs_xlsx_name(self, answers_file, tmp_path, capsys):
        """An output name without .xlsx is refused before anything is written."""
        assert main([*BASE, "export", str(answers_file), "-o", str(tmp_path / "score.csv")]) == 2
        assert "must have the .xlsx extension" in capsys.readouterr().err

    def test_missing_folder(self, answers_file, tmp_path, capsys):
        """An output in a folder that does not exist is named."""
        assert main([*BASE, "export", str(answers_file), "-o", str(tmp_path / "no" / "s.xlsx")]) == 2
        assert "does not exist" in capsys.readouterr().err


class TestValidate:
    def test_fixture(self, capsys):
        """`validate` reports the counts and route maxima of a good folder."""
        assert main(["validate", str(FIXTURE_CHECKLISTS)]) == 0
        out = capsys.readouterr().out
        assert out.startswith("ok: 2 stages, 2 subphases, 6 guiding questions, 8 items")
        assert "ml-model: maximum 6-7 points" in out

    def test_default_is_shipped_methodology(self, capsys):
        """With no folder, `validate` checks the methodology shipped with the package."""
        assert main(["validate"]) == 0
        assert "ok: 5 stages, 20 subphases" in capsys.readouterr().out


class TestScoreFigures:
    @pytest.fixture
    def not_applicable_file(self, tmp_path):
        path = tmp_path / "na.json"
        path.write_text(dumps(Answers(route="dashboard", project="Demo",
                                      answers={"al-on-02": True, "al-on-04": ("part-x",)},
                                      not_applicable={"al-on-03": "No second thing: hosted on premises"})))
        return path

    def test_text_shows_both_percentages_and_the_paper_core(self, capsys, not_applicable_file):
        """`score` prints the paper's total, the percentage of what applies and the paper-core subscore."""
        assert main([*BASE, "score", str(not_applicable_file)]) == 0
        out = capsys.readouterr().out
        assert "Total: 2 of 4 points, 50.0%" in out
        assert "Of what applies: 2 of 3 points, 66.7% (1 marked not applicable)" in out
        assert "Paper's own questions: 1 of 2 points, 50.0%" in out
        assert "Marked not applicable (1):\n  al-on-03: No second thing: hosted on premises" in out

    def test_json_carries_the_same_figures(self, capsys, not_applicable_file):
        """`score --json` gives the figures the text shows, and the reason."""
        assert main([*BASE, "score", str(not_applicable_file), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["points"], data["maximum"], data["percent"]) == (2, 4, 50.0)
        assert (data["applicable_maximum"], data["applicable_percent"]) == (3, 66.7)
        assert (data["paper_points"], data["paper_maximum"], data["paper_percent"]) == (1, 2, 50.0)
        assert data["not_applicable"][0]["reason"] == "No second thing: hosted on premises"

    def test_fail_under_checks_the_paper_scale(self, capsys, not_applicable_file):
        """--fail-under compares the percentage on the paper's scale, not the one of what applies."""
        assert main([*BASE, "score", str(not_applicable_file), "--fail-under", "60"]) == 1

    def test_empty_reason_exits_2(self, capsys, tmp_path):
        """A not-applicable item without a reason stops the score with exit 2 and a one-paragraph message."""
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"format": "mlops-handbook-answers", "version": 2, "route": "dashboard",
                                    "not_applicable": {"al-on-03": " "}}))
        assert main([*BASE, "score", str(path)]) == 2
        err = capsys.readouterr().err
        assert "not_applicable.al-on-03" in err and "reason is empty" in err and "Fix:" in err
