"""The portfolio of the seven made-up projects (docs/assets/examples/portfolio), figures worked out by hand.

The fixtures reproduce the totals of the paper's figure 3 in points (17 to 92): see their README.
Each expected figure below is written as the arithmetic that gives it, from those totals and the
routes' published maxima, never read back from the package's output.
"""

from __future__ import annotations

import importlib.util
import io
import json
import os
import random
import shutil
from pathlib import Path

import openpyxl
import pytest

from conftest import load_script
from helpers import REAL_CHECKLISTS, real_methodology
from mlops_handbook import browser
from mlops_handbook.answers import Answers, dumps, read_file
from mlops_handbook.cli import main
from mlops_handbook.errors import HandbookError
from mlops_handbook.loader import load_raw
from mlops_handbook.portfolio import portfolio, portfolio_with_problems, summary_lines
from mlops_handbook.scoring import score
from mlops_handbook.portfolio_sheet import portfolio_workbook_bytes

M = real_methodology()
FIXTURES = Path(__file__).resolve().parents[1] / "docs" / "assets" / "examples" / "portfolio"
FILES = sorted(FIXTURES.glob("*.json"))
EARLIER = "p7-card-fraud-detection-2026-03.json"

# Project: (route, points, route maximum). The maxima are the published ones: dashboard 55,
# analytical report 76, ML model 122 (binary classification), 117 (regression), 115 (anomaly detection).
LATEST = {
    "Sales dashboard": ("dashboard", 17, 55),
    "Store sales report": ("analytical-report", 37, 76),
    "Demand forecast": ("ml-model", 82, 117),
    "Marketing mix report": ("analytical-report", 59, 76),
    "Supplier quality report": ("analytical-report", 50, 76),
    "Customer churn model": ("ml-model", 90, 122),
    "Card fraud detection": ("ml-model", 92, 115),
}
# Percentages to one decimal, halves up: 17/55 = 0.30909 -> 30.9; 37/76 = 0.48684 -> 48.7;
# 82/117 = 0.70085 -> 70.1; 59/76 = 0.77631 -> 77.6; 50/76 = 0.65789 -> 65.8;
# 90/122 = 0.73770 -> 73.8; 92/115 = 0.8 -> 80.0.
PERCENT = {"Sales dashboard": 30.9, "Store sales report": 48.7, "Demand forecast": 70.1,
           "Marketing mix report": 77.6, "Supplier quality report": 65.8, "Customer churn model": 73.8,
           "Card fraud detection": 80.0}
# Bins of 10 points, from inclusive: 30.9 -> 30-40; 48.7 -> 40-50; 65.8 -> 60-70;
# 70.1, 73.8, 77.6 -> 70-80; 80.0 -> 80-90 (not 70-80).
BIN_COUNTS = [0, 0, 0, 1, 1, 0, 1, 3, 1, 0]
# The questions of the paper's figures 4 to 8, as the fixtures answer them (no, unanswered, assessed):
# bc-vp-03 is met only by the fraud model: 4 no + 2 unanswered = 6 of 7 fail;
# bc-vp-02 is met by 3 (fraud, churn, marketing mix): 4 no = 4 of 7;
# bc-pf-01 is met by 3 (fraud, churn, forecast): 3 no + 1 unanswered = 4 of 7, after bc-vp-02 (fewer "no");
# de-mp-01 is on the ML route only (3 projects), met by none: 3 no;
# dp-cd-01 is on the dashboard and ML routes (4 projects), met by the fraud model: 2 no + 1 unanswered.
TOP_WEAK = [("bc-vp-03", 4, 2, 7), ("bc-vp-02", 4, 0, 7), ("bc-pf-01", 3, 1, 7),
            ("de-mp-01", 3, 0, 3), ("dp-cd-01", 2, 1, 4)]


def load(paths=FILES):
    return [(path.name, read_file(path, M)) for path in paths]


@pytest.fixture(scope="module")
def result():
    return portfolio(M, load())


@pytest.fixture(scope="module")
def data(result):
    return result.to_dict()


def latest_rows(data):
    return {a["project"]: a for a in data["assessments"] if a["latest"]}


class TestTotals:
    def test_latest_totals_are_the_papers(self, data):
        """The seven latest totals are the paper's figure 3 in points, each on its route's maximum."""
        rows = latest_rows(data)
        assert {p: (r["route"], r["points"], r["maximum"]) for p, r in rows.items()} == LATEST
        assert sorted(r["points"] for r in rows.values()) == [17, 37, 50, 59, 82, 90, 92]

    def test_dashboard_points_counted_in_its_file(self):
        """The dashboard's 17 points are its yes answers plus its chosen options, counted in the JSON."""
        raw = json.loads((FIXTURES / "p1-sales-dashboard.json").read_text())
        yes = sum(value is True for value in raw["answers"].values())
        options = sum(len(value) for value in raw["answers"].values() if isinstance(value, list))
        assert yes + options == 17

    def test_percentages_compare_routes(self, data):
        """Projects on different routes compare by percentage: the dashboard is lowest, the ML model highest."""
        rows = latest_rows(data)
        assert {p: r["percent"] for p, r in rows.items()} == PERCENT
        ranked = sorted(rows.values(), key=lambda r: r["percent"])
        assert (ranked[0]["project"], ranked[0]["route_title"]) == ("Sales dashboard", "Dashboard")
        assert (ranked[-1]["project"], ranked[-1]["route_title"]) == ("Card fraud detection", "ML model")

    def test_paper_core_subscore(self, data):
        """The paper-core maximum is the route's paper maximum (19 for a dashboard), the percent its share."""
        dashboard = latest_rows(data)["Sales dashboard"]
        assert dashboard["paper_maximum"] == M.paper_maximum("dashboard") == 19
        assert dashboard["paper_percent"] == round(100 * dashboard["paper_points"] / 19, 1)

    def test_stages_add_up(self, data):
        """Each assessment's stage points and maxima add up to its total; a stage without items has no percent."""
        for row in data["assessments"]:
            assert sum(s["points"] for s in row["stages"].values()) == row["points"]
            assert sum(s["maximum"] for s in row["stages"].values()) == row["maximum"]
        modeling = latest_rows(data)["Sales dashboard"]["stages"]["modeling"]
        assert modeling == {"points": 0, "maximum": 0, "percent": None}


class TestDistribution:
    def test_bins(self, data):
        """Ten bins of 10 points; the counts are those worked out above, 80.0 in 80-90."""
        bins = data["distribution"]["bins"]
        assert [(b["from"], b["to"]) for b in bins] == [(n, n + 10) for n in range(0, 100, 10)]
        assert [b["count"] for b in bins] == BIN_COUNTS
        assert bins[8]["projects"] == ["Card fraud detection"]
        assert sorted(bins[7]["projects"]) == ["Customer churn model", "Demand forecast", "Marketing mix report"]

    def test_only_latest_counted(self, data):
        """Seven projects are counted, though eight files are read (the earlier 61.7% is not in 60-70)."""
        assert len(data["assessments"]) == 8
        assert sum(b["count"] for b in data["distribution"]["bins"]) == 7


class TestWeakItems:
    def test_top_five_are_the_papers_figures_4_to_8(self, data):
        """The first five weak items are the paper's figures 4-8 questions, with the counts worked out above."""
        top = [(w["id"], w["no"], w["unanswered"], w["assessed"]) for w in data["weak_items"][:5]]
        assert top == TOP_WEAK
        assert [w["failing"] for w in data["weak_items"][:5]] == [6, 4, 4, 3, 3]

    def test_counts_from_the_files(self, data):
        """Every item's no and unanswered counts equal a direct count over the latest files' answers."""
        expected: dict[str, list[int]] = {}
        for name, answers in load():
            if name == EARLIER:
                continue
            for item in M.items:
                if not item.scored or not item.applies_to(answers.route) or item.id in answers.not_applicable:
                    continue
                value = answers.answer(item.id)
                tally = expected.setdefault(item.id, [0, 0])
                if value is None:
                    tally[1] += 1
                elif value is False or value == ():
                    tally[0] += 1
        expected = {k: v for k, v in expected.items() if sum(v)}
        assert {w["id"]: [w["no"], w["unanswered"]] for w in data["weak_items"]} == expected

    def test_ranked(self, data):
        """Ranked by failing, then no, then the methodology's order; the rest fail in at most 2 projects."""
        order = {item.id: n for n, item in enumerate(M.items)}
        keys = [(-w["failing"], -w["no"], order[w["id"]]) for w in data["weak_items"]]
        assert keys == sorted(keys)
        assert max(w["failing"] for w in data["weak_items"][5:]) == 2

    def test_not_applicable_is_not_failing(self, data):
        """The fraud model's item marked not applicable is not failing; answered no instead, it is."""
        files = [(n, a) for n, a in load() if n != EARLIER]
        index, fraud = next((i, a) for i, (n, a) in enumerate(files) if n == "p7-card-fraud-detection.json")
        (item_id,) = fraud.not_applicable
        files[index] = (files[index][0], Answers(route=fraud.route, task_type=fraud.task_type, project=fraud.project,
                                                 date=fraud.date, answers={**fraud.answers, item_id: False}))
        before = next(w for w in data["weak_items"] if w["id"] == item_id)
        after = next(w for w in portfolio(M, files).weak_items if w.id == item_id)
        assert (after.no, after.unanswered, after.assessed) == (before["no"] + 1, before["unanswered"],
                                                                 before["assessed"])


class TestNotApplicable:
    """Each project's items and points marked N/A, and the items teams most often mark N/A."""

    @staticmethod
    def marking(names):
        """Three dashboards: each marks N/A the items named for it, with a reason that says something."""
        return [(f"{name}.json", Answers(route="dashboard", project=name, answers={"bc-iu-02": True},
                                         not_applicable={i: f"Not for {name}: no such need" for i in items}))
                for name, items in names.items()]

    def test_each_project_counts_its_not_applicable(self):
        """Each assessment carries its answered, N/A and open counts and the N/A points, the score's own."""
        files = self.marking({"A": ["bc-iu-04", "bc-iu-05"], "B": [], "C": ["bc-iu-04"]})
        result = portfolio(M, files).to_dict()
        for (name, answers), row in zip(files, result["assessments"]):
            figures = score(M, answers)
            assert (row["answered"], row["not_applicable_count"], row["open"], row["not_applicable_points"]) == \
                (figures.answered, figures.not_applicable_count, figures.open, figures.not_applicable_points)
        assert [row["not_applicable_count"] for row in result["assessments"]] == [2, 0, 1]

    def test_items_most_often_marked(self):
        """Items marked N/A are ranked by how many projects marked them, with the projects' reasons."""
        files = self.marking({"A": ["bc-iu-05", "bc-iu-04"], "B": ["bc-iu-04"], "C": ["bc-iu-04"]})
        marked = portfolio(M, files).to_dict()["not_applicable_items"]
        assert [(m["id"], m["marked"], m["assessed"]) for m in marked] == [("bc-iu-04", 3, 3), ("bc-iu-05", 1, 3)]
        assert marked[0]["reasons"][1] == {"project": "B", "reason": "Not for B: no such need"}

    def test_only_the_latest_assessment_counts(self, data):
        """The example portfolio's marked items count the latest assessments only."""
        latest = [a for n, a in load() if n != EARLIER]
        expected = {}
        for answers in latest:
            for item_id in answers.not_applicable:
                expected[item_id] = expected.get(item_id, 0) + 1
        assert {m["id"]: m["marked"] for m in data["not_applicable_items"]} == expected

    def test_text_and_spreadsheet_show_them(self, tmp_path):
        """The CLI text gives each project's N/A items and points and the items most often marked; the
        spreadsheet's Projects sheet the counts and its Not applicable sheet the items with their reasons."""
        files = self.marking({"A": ["bc-iu-05", "bc-iu-04"], "B": ["bc-iu-04"]})
        result = portfolio(M, files)
        text = "\n".join(summary_lines(result))
        assert "N/A items, points" in text
        row_a = next(line for line in text.splitlines() if line.startswith("  A "))
        assert row_a.split()[-2:] == ["2,", "2"]
        assert "Items most often marked not applicable" in text and "  bc-iu-04    2 of 2  " in text
        book = openpyxl.load_workbook(io.BytesIO(portfolio_workbook_bytes(M, result)), data_only=True)
        assert column(book["Projects"], "Items N/A") == [2, 1] and column(book["Projects"], "N/A points") == [2, 1]
        sheet = book["Not applicable"]
        assert column(sheet, "Item") == ["bc-iu-04", "bc-iu-05"] and column(sheet, "Marked N/A") == [2, 1]
        assert column(sheet, "Share (percent)") == [100.0, 50.0]
        assert "B: Not for B: no such need" in column(sheet, "Reasons given")[0]


class TestProjectsAndProgress:
    def test_grouped_by_normalised_name(self, data):
        """The earlier file, "card  fraud DETECTION", is the same project; its latest name is shown."""
        fraud = [a for a in data["assessments"] if a["project"] == "Card fraud detection"]
        assert [(a["file"], a["latest"]) for a in fraud] == [(EARLIER, False), ("p7-card-fraud-detection.json", True)]

    def test_progress(self, data):
        """One project on two dates, oldest first: 71/115 = 61.7%, then 92/115 = 80.0%."""
        assert data["progress"] == [{"project": "Card fraud detection", "route": "ml-model", "points": [
            {"date": "2026-03-02", "percent": 61.7, "points": 71, "maximum": 115},
            {"date": "2026-09-14", "percent": 80.0, "points": 92, "maximum": 115}]}]

    def test_order_given_does_not_matter(self, data):
        """Shuffled input gives the same latest assessments, bins, weak items and progress."""
        shuffled = load()
        random.Random(3).shuffle(shuffled)
        other = portfolio(M, shuffled).to_dict()
        assert latest_rows(other) == latest_rows(data)
        for key in ("distribution", "weak_items", "progress"):
            if key == "distribution":
                assert [b["count"] for b in other[key]["bins"]] == BIN_COUNTS
            else:
                assert other[key] == data[key]

    def test_spanish_examples_are_the_same_projects_in_spanish_words(self, data):
        """The Spanish page's examples (portfolio-es/) are the English files with their project names, notes and reasons
        in Spanish: the same answers, and a portfolio of the same figures, the earlier fraud file grouped alike."""
        spanish = sorted((FIXTURES.parent / "portfolio-es").glob("*.json"))
        assert len(spanish) == len(FILES)

        def kept(path):
            raw = json.loads(path.read_text(encoding="utf-8"))
            return {key: (sorted(value) if key in ("notes", "not_applicable") else value)
                    for key, value in raw.items() if key != "project"}
        assert [kept(path) for path in spanish] == [kept(path) for path in FILES]
        other = portfolio(M.in_language("es"), load(spanish)).to_dict()

        def figures(assessments):
            return [(a["route"], a["task_type"], a["date"], a["points"], a["maximum"], a["latest"]) for a in assessments]
        assert figures(other["assessments"]) == figures(data["assessments"])
        assert [p["points"] for p in other["progress"]] == [p["points"] for p in data["progress"]]
        assert other["progress"][0]["project"] == "Detección de fraude con tarjetas"

    def test_same_date_last_given_is_latest(self):
        """Two assessments of a project on one date: the one given last is the latest, and no progress."""
        one = Answers(route="dashboard", project="P", date="2026-01-01", answers={"bc-pf-01": True})
        two = Answers(route="dashboard", project=" p ", date="2026-01-01")
        result = portfolio(M, [("a.json", one), ("b.json", two)]).to_dict()
        assert [a["latest"] for a in result["assessments"]] == [False, True]
        assert result["progress"] == []

    def test_unnamed_files_are_separate_projects(self):
        """Files without a project name are projects of their own, named after the file."""
        blank = Answers(route="dashboard")
        result = portfolio(M, [("x/a.json", blank), ("x/b.json", blank)]).to_dict()
        assert [(a["project"], a["latest"]) for a in result["assessments"]] == [("a.json", True), ("b.json", True)]

    def test_no_route_is_a_problem(self):
        """An answers file without a route is refused by name; portfolio_with_problems scores the rest."""
        files = load(FILES[:1]) + [("no-route.json", Answers(project="X"))]
        with pytest.raises(HandbookError, match="no-route.json, route"):
            portfolio(M, files)
        result, problems = portfolio_with_problems(M, files)
        assert len(result.assessments) == 1 and [p.file for p in problems] == ["no-route.json"]


class TestJsonShape:
    def test_top_level(self, data):
        """The contract's keys, format and version; stages in the methodology's order."""
        assert list(data) == ["format", "version", "stages", "assessments", "distribution", "weak_items",
                              "not_applicable_items", "progress"]
        assert (data["format"], data["version"]) == ("mlops-handbook-portfolio", 1)
        assert [s["id"] for s in data["stages"]] == [s.id for s in M.stages]
        assert data["distribution"]["bin_width"] == 10
        json.dumps(data, allow_nan=False)

    def test_entries(self, data):
        """Each assessment, bin, weak item and progress point has exactly the contract's keys."""
        assert set(data["assessments"][0]) == {
            "file", "project", "assessor", "date", "route", "route_title", "task_type", "task_type_title",
            "points", "maximum",
            "percent", "paper_points", "paper_maximum", "paper_percent", "latest", "answered",
            "not_applicable_count", "open", "not_applicable_points", "stages"}
        assert all(set(s) == {"points", "maximum", "percent"} for s in data["assessments"][0]["stages"].values())
        assert set(data["distribution"]["bins"][0]) == {"from", "to", "count", "projects"}
        assert set(data["weak_items"][0]) == {"id", "question", "section", "stage", "no", "unanswered",
                                              "failing", "assessed"}
        assert set(data["progress"][0]) == {"project", "route", "points"}
        assert set(data["not_applicable_items"][0]) == {"id", "question", "section", "stage", "marked", "assessed",
                                                        "reasons"}
        assert data["weak_items"][0]["section"] == "3.1.4"
        assert data["weak_items"][0]["stage"] == "business-comprehension"


# ---------------------------------------------------------------- the spreadsheet

SHEETS = ["Distribution", "Projects", "Weak items", "Not applicable", "Stages", "Progress", "Files"]


@pytest.fixture(scope="module")
def workbook_data(result):
    problem = HandbookError("broken.json", "line 1, column 2", "the JSON ends too early", "repair it")
    return portfolio_workbook_bytes(M, result, [problem])


def column(sheet, header):
    """The values under a header of row 1, down to the first empty cell."""
    col = next(c.column for c in sheet[1] if c.value == header)
    values = []
    for row in range(2, sheet.max_row + 1):
        value = sheet.cell(row, col).value
        if value is None:
            break
        values.append(value)
    return values


class TestWorkbook:
    def test_sheets_and_charts(self, workbook_data):
        """One sheet per view, each view's chart on it (histogram, bars, bars, line)."""
        book = openpyxl.load_workbook(io.BytesIO(workbook_data))
        assert book.sheetnames == SHEETS
        kinds = {name: [type(chart).__name__ for chart in book[name]._charts] for name in SHEETS}
        assert kinds == {"Distribution": ["BarChart"], "Projects": ["BarChart"], "Weak items": ["BarChart"],
                         "Not applicable": [], "Stages": [], "Progress": ["LineChart"], "Files": []}

    def test_formulas(self, workbook_data):
        """Percent, counts and failing are live formulas on the cells beside them."""
        book = openpyxl.load_workbook(io.BytesIO(workbook_data))
        assert book["Projects"]["H2"].value == '=IF(G2=0,"",ROUND(100*F2/G2,1))'
        assert book["Distribution"]["D5"].value == \
            "=COUNTIFS(Projects!$H$2:$H$8,\">=\"&A5,Projects!$H$2:$H$8,\"<\"&B5)"
        assert book["Distribution"]["D11"].value.count('"<="&B11') == 1  # the last bin includes 100
        assert book["Weak items"]["H2"].value == "=F2+G2"
        assert book["Stages"]["C2"].value.startswith("=IF(")

    def test_cached_values_are_the_packages(self, workbook_data, data):
        """A reader that does not recalculate sees the package's figures."""
        book = openpyxl.load_workbook(io.BytesIO(workbook_data), data_only=True)
        assert dict(zip(column(book["Projects"], "Project"), column(book["Projects"], "Percent"))) == PERCENT
        assert column(book["Distribution"], "Projects") == BIN_COUNTS
        assert column(book["Weak items"], "Failing")[:5] == [6, 4, 4, 3, 3]
        assert column(book["Progress"], "Percent") == [61.7, 80.0]
        assert len(column(book["Files"], "File")) == len(data["assessments"])
        assert [c.value for c in book["Files"]["A"] if c.value][-1] == "broken.json"

    def test_empty_portfolio(self):
        """No assessment at all still gives a workbook, with a note instead of charts."""
        book = openpyxl.load_workbook(io.BytesIO(portfolio_workbook_bytes(M, portfolio(M, []))))
        assert book["Projects"]["A2"].value == "No answers file could be scored."
        assert book["Distribution"]["D2"].value == "=0"


SOFFICE = shutil.which("soffice")


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory, workbook_data):
    """The workbook saved through openpyxl (no cached values) and recalculated by LibreOffice."""
    from test_spreadsheet import libreoffice_convert

    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is not installed: `./run test` installs libreoffice-calc-nogui",
                    pytrace=False)
    work = tmp_path_factory.mktemp("portfolio-libreoffice")
    (work / "in").mkdir()
    (work / "out").mkdir()
    source = work / "in" / "portfolio.xlsx"
    openpyxl.load_workbook(io.BytesIO(workbook_data)).save(source)
    (converted,) = libreoffice_convert([source], work / "out", work)
    return openpyxl.load_workbook(converted, data_only=True)


class TestLibreOffice:
    def test_every_formula_recalculates_to_the_cached_value(self, workbook_data, recalculated):
        """Recalculated from scratch, each of the workbook's formulas gives the package's figure."""
        formulas = openpyxl.load_workbook(io.BytesIO(workbook_data))
        cached = openpyxl.load_workbook(io.BytesIO(workbook_data), data_only=True)
        checked = 0
        for sheet in formulas:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        expected = cached[sheet.title][cell.coordinate].value
                        got = recalculated[sheet.title][cell.coordinate].value
                        assert (got or None) == (expected or None), (sheet.title, cell.coordinate, cell.value)
                        checked += 1
        assert checked > 150

    def test_recalculated_figures(self, recalculated):
        """LibreOffice's percentages and bin counts are the ones worked out by hand."""
        assert dict(zip(column(recalculated["Projects"], "Project"),
                        column(recalculated["Projects"], "Percent"))) == PERCENT
        assert column(recalculated["Distribution"], "Projects") == BIN_COUNTS


# ---------------------------------------------------------------- the command line


class TestCli:
    def test_text(self, capsys):
        """The text summary: histogram, projects with route and percent, weak items, progress."""
        assert main(["portfolio", str(FIXTURES)]) == 0
        out = capsys.readouterr().out
        assert "Portfolio: 7 projects (8 assessments" in out
        assert "  70-80%   3 ###  " in out
        assert "Sales dashboard              Dashboard" in out and "17 / 55  30.9%" in out
        assert "bc-vp-03    6 of 7   (4 no, 2 unanswered)" in out
        assert "Card fraud detection: 2026-03-02 61.7% (71 / 115) -> 2026-09-14 80.0% (92 / 115)" in out

    def test_json_is_the_packages(self, capsys):
        """--json prints the package's portfolio of the files found, in sorted order, and no problems."""
        assert main(["portfolio", "--json", str(FIXTURES)]) == 0
        printed = json.loads(capsys.readouterr().out)
        expected = portfolio(M, [(str(FIXTURES / path.name), answers) for path, (_, answers)
                                 in zip(FILES, load())]).to_dict()
        assert printed == {"portfolio": expected, "problems": []}

    def test_output_spreadsheet(self, tmp_path, capsys):
        """-o writes the spreadsheet: the same sheets and cached figures as the package's."""
        out = tmp_path / "portfolio.xlsx"
        assert main(["portfolio", str(FIXTURES), "-o", str(out)]) == 0
        assert f"wrote {out}" in capsys.readouterr().out
        book = openpyxl.load_workbook(out, data_only=True)
        assert book.sheetnames == SHEETS
        assert dict(zip(column(book["Projects"], "Project"), column(book["Projects"], "Percent"))) == PERCENT
        assert sum(len(book[name]._charts) for name in SHEETS) == 4

    def test_broken_file_among_good_ones(self, tmp_path, capsys):
        """A broken file is named with its problem on stderr, the others still reported, exit 2."""
        for path in FILES:
            shutil.copy(path, tmp_path / path.name)
        (tmp_path / "broken.json").write_text('{"format": "mlops-handbook-answers", "version": 2,')
        (tmp_path / "no-route.json").write_text(dumps(Answers(project="Unrouted")))
        (tmp_path / ".hidden.json").write_text("not read")
        (tmp_path / "~$lock.xlsx").write_text("not read")
        (tmp_path / "notes.txt").write_text("not read")
        out = tmp_path / "out.xlsx"
        assert main(["portfolio", str(tmp_path), "-o", str(out)]) == 2
        captured = capsys.readouterr()
        errors = captured.err.splitlines()
        assert len(errors) == 2
        assert errors[0].startswith(f"mlops-handbook: {tmp_path / 'broken.json'}, line 1")
        assert errors[1].startswith(f"mlops-handbook: {tmp_path / 'no-route.json'}, route: no route is chosen")
        assert "Portfolio: 7 projects (8 assessments" in captured.out
        files = openpyxl.load_workbook(out, data_only=True)["Files"]
        listed = [Path(c.value).name for c in files["A"][1:] if c.value and c.value.startswith(str(tmp_path))]
        assert listed == [path.name for path in FILES] + ["broken.json", "no-route.json"]

    def test_nothing_readable(self, tmp_path, capsys):
        """With no readable file at all: each problem, then a refusal; exit 2 and nothing written."""
        (tmp_path / "a.json").write_text("[]")
        out = tmp_path / "out.xlsx"
        assert main(["portfolio", str(tmp_path / "a.json"), str(tmp_path / "missing"), "-o", str(out)]) == 2
        errors = capsys.readouterr().err.splitlines()
        assert "a.json, top level: the JSON is not an object" in errors[0]
        assert "missing: no such file or folder" in errors[1]
        assert "no answers file or score spreadsheet could be read" in errors[2]
        assert not out.exists()

    def test_output_must_be_xlsx(self, capsys):
        """-o names a .xlsx file, or the command is refused before reading anything."""
        assert main(["portfolio", str(FIXTURES), "-o", "portfolio.csv"]) == 2
        assert "must have the .xlsx extension" in capsys.readouterr().err

    @pytest.mark.skipif(importlib.util.find_spec("mlops_handbook.workbook_import") is None,
                        reason="spreadsheets are read by mlops_handbook.workbook_import, not in this tree")
    def test_reads_score_spreadsheets(self, tmp_path, capsys):
        """A score spreadsheet (.xlsx) counts as the answers file it was exported from."""
        from mlops_handbook.spreadsheet import workbook_bytes

        for path in FILES[1:]:
            shutil.copy(path, tmp_path / path.name)
        first = read_file(FILES[0], M)
        (tmp_path / "p1-sales-dashboard.xlsx").write_bytes(workbook_bytes(M, first))
        assert main(["portfolio", "--json", str(tmp_path)]) == 0
        printed = json.loads(capsys.readouterr().out)["portfolio"]
        dashboard = latest_rows(printed)["Sales dashboard"]
        assert (dashboard["points"], dashboard["maximum"], dashboard["percent"]) == (17, 55, 30.9)



def _score_workbook(path: Path) -> bytes:
    """A score spreadsheet exported from the first made-up project, written at `path`."""
    from mlops_handbook.spreadsheet import workbook_bytes

    data = workbook_bytes(M, read_file(FILES[0], M))
    path.write_bytes(data)
    return data


class TestOutputIsNeverAnInput:
    """`portfolio ... -o FILE` refuses a FILE that is one of its inputs, by any path, and leaves it as it was."""

    @pytest.mark.parametrize("how", ["the workbook", "a JSON input's hard link", "a link to an input", "another path"])
    def test_refused_and_kept(self, tmp_path, capsys, how):
        """The output named as an input (itself, a JSON file, through a link, by another path) exits 2, writes nothing."""
        folder = tmp_path / "team"
        folder.mkdir()
        shutil.copy(FILES[1], folder / FILES[1].name)
        before = _score_workbook(folder / "q.xlsx")
        output = {"the workbook": folder / "q.xlsx", "a JSON input's hard link": tmp_path / "hard.xlsx",
                  "a link to an input": tmp_path / "link.xlsx",
                  "another path": tmp_path / "team" / ".." / "team" / "q.xlsx"}[how]
        if how == "a link to an input":
            output.symlink_to(folder / "q.xlsx")
        if how == "a JSON input's hard link":
            os.link(folder / FILES[1].name, output)
        kept = {path: path.read_bytes() for path in folder.iterdir()}
        assert main(["portfolio", str(folder), "-o", str(output)]) == 2
        err = capsys.readouterr().err
        assert "is one of the portfolio's inputs" in err and "nothing was written" in err
        assert {path: path.read_bytes() for path in folder.iterdir()} == kept
        assert (folder / "q.xlsx").read_bytes() == before

    def test_an_earlier_portfolio_is_replaced(self, tmp_path, capsys):
        """An earlier portfolio spreadsheet inside the folder is replaced and not read as an assessment."""
        for path in FILES:
            shutil.copy(path, tmp_path / path.name)
        out = tmp_path / "portfolio.xlsx"
        assert main(["portfolio", str(tmp_path), "-o", str(out)]) == 0
        assert main(["portfolio", str(tmp_path), "-o", str(out)]) == 0
        assert capsys.readouterr().err == ""


class TestDamagedInputs:
    """A file that trips a bug, or a folder that cannot be read, is named; the rest are reported."""

    def test_internal_error_in_one_workbook(self, tmp_path, capsys, monkeypatch):
        """A workbook whose reading raises an unexpected error is named (exit 2, not 3); the others are reported."""
        import mlops_handbook.portfolio as portfolio_module

        for path in FILES:
            shutil.copy(path, tmp_path / path.name)
        _score_workbook(tmp_path / "z-bad.xlsx")

        def broken(*args, **kwargs):
            raise ValueError("Exceeds the limit (4300 digits) for integer string conversion")

        monkeypatch.setattr(portfolio_module, "answers_from_workbook", broken)
        assert main(["portfolio", str(tmp_path)]) == 2
        captured = capsys.readouterr()
        (line,) = captured.err.splitlines()
        assert line.startswith(f"mlops-handbook: {tmp_path / 'z-bad.xlsx'}: an internal error")
        assert "ValueError" in line and "the other files are reported" in line
        assert "Portfolio: 7 projects (8 assessments" in captured.out

    def test_internal_error_on_the_page(self, monkeypatch):
        """The page's portfolio lists such a file among its problems instead of failing as a whole."""
        import mlops_handbook.portfolio as portfolio_module

        browser.load(json.dumps(load_raw(REAL_CHECKLISTS)))
        monkeypatch.setattr(portfolio_module, "answers_from_workbook",
                            lambda *args: (_ for _ in ()).throw(RecursionError("deep")))
        files = [[path.name, path.read_text(encoding="utf-8")] for path in FILES]
        reply = json.loads(browser.portfolio_json(files + [["x.xlsx", b"PK\x03\x04rest"]]))
        assert [p["file"] for p in reply["problems"]] == ["x.xlsx"]
        assert len(reply["portfolio"]["assessments"]) == len(FILES)

    def test_unreadable_subfolder_is_named(self, tmp_path, capsys, monkeypatch):
        """A subfolder that cannot be listed is named on standard error (exit 2), not skipped silently."""
        for path in FILES:
            shutil.copy(path, tmp_path / path.name)
        locked = tmp_path / "locked"
        locked.mkdir()
        shutil.copy(FILES[0], locked / "hidden-from-us.json")
        real_scandir = os.scandir

        def scandir(path="."):
            if os.fspath(path) == str(locked):
                raise PermissionError(13, "Permission denied", str(locked))
            return real_scandir(path)

        monkeypatch.setattr(os, "scandir", scandir)
        assert main(["portfolio", str(tmp_path)]) == 2
        captured = capsys.readouterr()
        assert captured.err.startswith(f"mlops-handbook: {locked}: this folder cannot be read (Permission denied)")
        assert "Portfolio: 7 projects (8 assessments" in captured.out


class TestDatesAndOrder:
    """Dates are calendar dates compared as dates; the text and the spreadsheet list projects in one order."""

    @pytest.mark.parametrize("date", ["20260101", "2026-W01-1", "2026-02-30", "2026-1-05"])
    def test_other_date_forms_are_named(self, tmp_path, capsys, date):
        """A file dated in another form than YYYY-MM-DD is named with its problem and left out."""
        data = json.loads(FILES[0].read_text(encoding="utf-8"))
        data["date"] = date
        (tmp_path / "odd.json").write_text(json.dumps(data))
        shutil.copy(FILES[1], tmp_path / FILES[1].name)
        assert main(["portfolio", str(tmp_path)]) == 2
        assert f'odd.json, date: "{date}" is not a date' in capsys.readouterr().err

    def test_progress_in_date_order(self):
        """Progress and latest follow the calendar, whatever order the files are given in."""
        first, second = (Answers(route="dashboard", project="P", date=d, answers={"bc-iu-02": v})
                         for d, v in (("2026-12-01", True), ("2026-11-30", None)))
        result = portfolio(M, [("a.json", first), ("b.json", second)])
        assert [p.date for p in result.progress[0].points] == ["2026-11-30", "2026-12-01"]
        assert [a.latest for a in result.assessments] == [True, False]

    def test_text_and_spreadsheet_list_projects_alike(self, result):
        """The text's two project tables and the spreadsheet's Projects and Stages sheets list projects in one order."""
        lines = summary_lines(result)
        ranked = [a.project for a in result.ranked]
        assert ranked == sorted(PERCENT, key=lambda name: -PERCENT[name])
        projects_at = lines.index(next(line for line in lines if line.startswith("Projects, by percentage")))
        stages_at = lines.index(next(line for line in lines if line.startswith("Percent per stage")))
        in_text = [[name for line in lines[start + 2:start + 2 + len(ranked)] for name in ranked
                    if line.startswith(f"  {name} ")] for start in (projects_at, stages_at)]
        assert in_text == [ranked, ranked]
        book = openpyxl.load_workbook(io.BytesIO(portfolio_workbook_bytes(M, result)), data_only=True)
        assert [c for c in column(book["Projects"], "Project") if c] == ranked
        assert [c for c in column(book["Stages"], "Project") if c] == ranked


# ---------------------------------------------------------------- in Pyodide


@pytest.mark.pyodide
def test_portfolio_json_in_pyodide_equals_cpython(tmp_path):
    """Under Pyodide (Node), portfolio_json of the fixtures (one passed as bytes) equals CPython's."""
    benchmark = load_script("benchmark_portfolio")
    if shutil.which("node") is None or not (benchmark.PYODIDE_DIR / "pyodide.mjs").is_file():
        pytest.fail("Node and the pyodide npm package are needed: run `npm ci`", pytrace=False)
    try:
        benchmark.wheels()
    except Exception as error:  # build_wheels.WheelError: out of date or missing
        pytest.fail(f"{error}", pytrace=False)
    files = [(path.name, path.read_text(encoding="utf-8"), index == 0) for index, path in enumerate(FILES)]
    files.append(("broken.json", "{", False))
    run = benchmark.pyodide_portfolio(files, tmp_path)
    browser.load(json.dumps(load_raw(REAL_CHECKLISTS)))
    expected = browser.portfolio_json([[name, text.encode() if as_bytes else text]
                                       for name, text, as_bytes in files])
    assert json.loads(run["result"]) == json.loads(expected)
    assert [p["file"] for p in json.loads(expected)["problems"]] == ["broken.json"]
