"""Tests of the score spreadsheet: written with XlsxWriter, read back with openpyxl."""

import builtins
import datetime as dt
import io
import os
import re
import shutil
import signal
import subprocess
import zipfile
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from xml.etree import ElementTree

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from mlops_handbook import Answers, HandbookError, score
from mlops_handbook.answers import reason_accepted, reason_formula
from mlops_handbook.loader import load_methodology, load_raw, methodology_json
from mlops_handbook.maturity import maturity
from mlops_handbook.model import MULTIPLE_CHOICE, YES_NO, build_methodology
from mlops_handbook.spreadsheet import PROVISIONAL, encodable, flag_text, workbook_bytes
from mlops_handbook.workbook_layout import COL_PRACTICE, MARKER_NAME, WORDS, words
from openpyxl.utils import get_column_letter

FIXTURE = Path(__file__).parent / "fixtures" / "checklists"
M = load_methodology(FIXTURE)
HEADER = ["Stage", "Subphase", "Item id", "Source", "Question", "Answer", "Reason (if N/A)",
          "Points", "Maximum", "Note", "Applicable maximum", "Explanation", "Item", "Item answered",
          "Reason accepted", "Item not applicable"]
# The Answers sheet's column letters by header, e.g. COL["Answer"] == "F".
COL = {header: get_column_letter(index) for index, header in enumerate(HEADER, start=1)}
WHEN = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.timezone.utc)

# The scoring units of each route of the fixture, in sheet order. On the ML route every option
# of the task-typed item is a row whatever the task type, so the task type can change in the sheet.
ML_UNITS = ["al-on-02", "al-on-03", "al-on-04/part-x", "al-on-04/part-z", "be-on-02",
            "be-on-03/metric-1", "be-on-03/metric-2", "be-on-03/metric-3"]
UNITS = {
    ("dashboard", None): ["al-on-02", "al-on-03", "al-on-04/part-x", "al-on-04/part-z"],
    ("analytical-report", None): ["al-on-02", "al-on-04/part-x", "al-on-04/part-y",
                                  "al-on-04/part-z", "al-on-05"],
    ("ml-model", "binary-classification"): ML_UNITS,
    ("ml-model", "regression"): ML_UNITS,
    ("ml-model", "clustering"): ML_UNITS,
    ("ml-model", None): ML_UNITS,
}
# The metric rows that count for each task type (the others have a maximum of 0).
COUNTING_METRICS = {"binary-classification": {"metric-1", "metric-2"},
                    "regression": {"metric-2", "metric-3"}, "clustering": {"metric-3"}}

ML_ANSWERS = Answers(
    route="ml-model", task_type="binary-classification",
    project="=1+1", assessor="@assessor", date="2026-11-26",
    answers={"al-on-02": True, "al-on-03": False, "al-on-04": ("part-x", "part-y"),
             "be-on-03": ("metric-2", "metric-3")},
    notes={"al-on-02": "=SUM(A1:A9)", "al-on-03": "+plus", "al-on-04": "-minus",
           "be-on-02": "@at"},
)


# Answers with N/A items on every route: yes/no and multiple choice, paper's and derived.
NA_ANSWERS = dict(
    answers={"al-on-02": True, "al-on-04": ("part-x", "part-y"), "be-on-02": True},
    not_applicable={"al-on-03": "No second thing in this project", "al-on-05": "Reviewed elsewhere",
                    "be-on-03": "=No metrics yet"},
)
NAMES = ("total_points", "max_points", "overall_percent", "applicable_max_points",
         "applicable_percent", "paper_points", "paper_max_points", "paper_percent",
         "items_total", "items_answered", "items_not_applicable", "items_open",
         "not_applicable_points", "not_applicable_flag")
# The Summary's maturity figures (maturity_sheet.py): the level per model and the ML Test Score count.
MATURITY_NAMES = ("maturity_google", "maturity_microsoft", "ml_test_score_met")


def expected_names(result):
    """The score's figures that the defined names must show, percentages as fractions."""
    def fraction(points, maximum):
        return points / maximum if maximum else None

    return {
        "total_points": result.points, "max_points": result.maximum,
        "overall_percent": fraction(result.points, result.maximum),
        "applicable_max_points": result.applicable_maximum,
        "applicable_percent": fraction(result.points, result.applicable_maximum),
        "paper_points": result.paper_points, "paper_max_points": result.paper_maximum,
        "paper_percent": fraction(result.paper_points, result.paper_maximum),
        "items_total": result.items_total, "items_answered": result.answered,
        "items_not_applicable": result.not_applicable_count, "items_open": result.open,
        "not_applicable_points": result.not_applicable_points,
        # A reader without a value for an empty text (openpyxl) gives None.
        "not_applicable_flag": f"{result.not_applicable_flag}." if result.not_applicable_flag else None,
    }


class Book:
    """A written workbook, loaded twice: with formulas and with cached values."""

    def __init__(self, answers, methodology=M):
        self.answers = answers
        self.methodology = methodology
        self.data = workbook_bytes(methodology, answers, generated_at=WHEN)
        self.formulas = openpyxl.load_workbook(io.BytesIO(self.data))
        self.values = openpyxl.load_workbook(io.BytesIO(self.data), data_only=True)
        self.score = score(methodology, answers)

    def rows(self, values=False):
        sheet = (self.values if values else self.formulas)["Answers"]
        return [dict(zip(HEADER, row)) for row in sheet.iter_rows(min_row=2, values_only=True)]

    def row(self, unit_id, values=False):
        return next(r for r in self.rows(values) if r["Item id"] == unit_id)

    def named(self, name, values=True):
        """The cell a workbook-level defined name points at."""
        book = self.values if values else self.formulas
        (sheet, ref), = book.defined_names[name].destinations
        return book[sheet][ref.replace("$", "")]

    def stage_table(self, values=True, paper=False):
        """The Summary's stage rows up to Overall, as {stage: (column B, C, ...)}.

        The stage table has points, maximum, percent, maximum and percent of what applies;
        with paper=True, the paper-core table below it has points, maximum and percent.
        """
        sheet = (self.values if values else self.formulas)["Summary"]
        headers = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Stage"]
        header = headers[1 if paper else 0]
        if paper:
            assert sheet.cell(header - 1, 1).value == "Paper's own questions (paper-core subscore)"
        columns = range(2, 5 if paper else 7)
        assert [sheet.cell(header, c).value for c in columns] == [
            "Points", "Maximum", "Percentage", "Maximum of what applies",
            "Percentage of what applies"][:len(columns)]
        table = {}
        for r in range(header + 1, sheet.max_row + 1):
            label = sheet.cell(r, 1).value
            table[label] = tuple(sheet.cell(r, c).value for c in columns)
            if label == "Overall":
                return table
        raise AssertionError("no Overall row")

    def texts(self, sheet="Summary"):
        """Every text cell of a sheet, as read without recalculation."""
        return [c.value for row in self.values[sheet].iter_rows() for c in row
                if isinstance(c.value, str)]

    def summary_value(self, label):
        sheet = self.values["Summary"]
        return next(sheet.cell(r, 2).value for r in range(1, sheet.max_row + 1)
                    if sheet.cell(r, 1).value == label)


# Reasons for N/A: any text (mostly refused by the rule, so counted as No), or one that says something.
REASONS = st.text(min_size=1, max_size=30) | st.builds("Not part of it: {}".format, st.text(max_size=20))


def random_answers():
    """Answer sets on the fixture: any route and task type, any answers (stray ones too) and N/A items."""
    scored = [i for i in M.items if i.scored]

    def answer(item):
        if item.kind == YES_NO:
            return st.sampled_from([True, False, None])
        assert item.kind == MULTIPLE_CHOICE
        ids = [o.id for o in item.options]
        return st.none() | st.lists(st.sampled_from(ids), unique=True).map(tuple)

    def for_route(route):
        task = (st.none() | st.sampled_from([t.id for t in M.task_types])
                if M.route_uses_task_type(route) else st.none())
        def build(task_type, values, notes, not_applicable):
            values = {k: v for k, v in values.items() if k not in not_applicable}
            return Answers(route=route, task_type=task_type, answers=values, notes=notes,
                           not_applicable=not_applicable)

        ids = st.sampled_from([i.id for i in scored])
        return st.builds(
            build,
            task,
            st.fixed_dictionaries({}, optional={i.id: answer(i) for i in scored}),
            st.dictionaries(ids, st.text(max_size=30), max_size=3),
            st.dictionaries(ids, REASONS, max_size=3),
        )

    return st.sampled_from([r.id for r in M.routes]).flatmap(for_route)


class TestStructure:
    def test_sheets_in_order(self):
        """The workbook has Summary, Answers, Roadmap and Off route, and Summary is the active sheet."""
        book = Book(ML_ANSWERS)
        assert book.formulas.sheetnames == ["Summary", "Answers", "Roadmap", "Off route"]
        assert book.formulas.active.title == "Summary"

    def test_answers_header(self):
        """The Answers sheet starts with the sixteen column headers an import reads, then the practice."""
        sheet = Book(ML_ANSWERS).formulas["Answers"]
        assert [c.value for c in sheet[1]] == [*HEADER, "Practice"]

    def test_header_frozen_and_filtered(self):
        """The header row is frozen and the whole table has an autofilter."""
        book = Book(ML_ANSWERS)
        sheet = book.formulas["Answers"]
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{get_column_letter(COL_PRACTICE + 1)}{len(book.rows()) + 1}"

    def test_text_columns_wrap(self):
        """Question, Reason, Explanation and Note cells wrap their text."""
        answers = Answers(route="dashboard", not_applicable={"al-on-02": "No first thing"},
                          notes={"al-on-02": "A note"})
        sheet = Book(answers).formulas["Answers"]
        for header in ("Question", "Reason (if N/A)", "Explanation", "Note"):
            assert sheet[f"{COL[header]}2"].alignment.wrap_text, header

    def test_column_widths(self):
        """The question and note columns are the widest printed ones, the explanation wider on screen, and
        the answer columns narrow."""
        dims = Book(ML_ANSWERS).formulas["Answers"].column_dimensions
        printed = [dims[COL[h]].width for h in HEADER[:HEADER.index("Note") + 1]]
        assert max(printed) == dims[COL["Question"]].width >= 25 and dims[COL["Note"]].width >= 20
        assert dims[COL["Explanation"]].width >= 80
        assert dims[COL["Answer"]].width <= 12 and dims[COL["Source"]].width <= 12

    def test_long_text_rows_are_tall(self):
        """A row whose note wraps over several lines gets a matching height."""
        answers = Answers(route="dashboard", notes={"al-on-02": "word " * 100})
        sheet = Book(answers).formulas["Answers"]
        assert sheet.row_dimensions[2].height >= 15 * 10

    def test_same_input_same_bytes(self):
        """With the generation time fixed, the output is byte for byte reproducible."""
        assert workbook_bytes(M, ML_ANSWERS, generated_at=WHEN) == \
            workbook_bytes(M, ML_ANSWERS, generated_at=WHEN)

    def test_no_file_access(self, monkeypatch):
        """Writing the workbook opens no file, as it must also run in Pyodide."""
        workbook_bytes(M, ML_ANSWERS)  # let any lazy import happen first

        def refuse(*args, **kwargs):
            raise AssertionError(f"file access: {args!r}")

        monkeypatch.setattr(builtins, "open", refuse)
        monkeypatch.setattr(io, "open", refuse)
        monkeypatch.setattr(os, "open", refuse)
        assert workbook_bytes(M, ML_ANSWERS)[:2] == b"PK"

    def test_no_route_raises(self):
        """Without a route there is no score, and the HandbookError of score() propagates."""
        with pytest.raises(HandbookError, match="no route is chosen"):
            workbook_bytes(M, Answers(answers={"al-on-02": True}))


class TestAnswerRows:
    @pytest.mark.parametrize(("route", "task_type"), list(UNITS))
    def test_one_row_per_scoring_unit(self, route, task_type):
        """Each yes/no item and each option of a route (any task type) is one row, in order."""
        book = Book(Answers(route=route, task_type=task_type))
        assert [r["Item id"] for r in book.rows()] == UNITS[route, task_type]

    @pytest.mark.parametrize(("route", "task_type"), list(UNITS))
    def test_maximum_column_adds_up(self, route, task_type):
        """The Maximum column sums to the score's maximum on every route."""
        book = Book(Answers(route=route, task_type=task_type))
        assert sum(r["Maximum"] for r in book.rows(values=True)) == book.score.maximum

    @pytest.mark.parametrize("task_type", list(COUNTING_METRICS))
    def test_metric_rows_follow_the_task_type(self, task_type):
        """A metric row's cached maximum is 1 when it counts for the task type, else 0."""
        book = Book(Answers(route="ml-model", task_type=task_type))
        maxima = {r["Item id"].split("/")[1]: r["Maximum"] for r in book.rows(values=True)
                  if r["Item id"].startswith("be-on-03/")}
        assert maxima == {m: int(m in COUNTING_METRICS[task_type])
                          for m in ("metric-1", "metric-2", "metric-3")}

    def test_option_rows_name_the_option(self):
        """An option row's question is the item's question, a dash and the option label."""
        row = Book(ML_ANSWERS).row("be-on-03/metric-2")
        assert row["Question"] == "Which metrics were computed? — Metric 2"
        assert row["Stage"] == "Beta" and row["Subphase"] == "Beta one"
        assert row["Explanation"] == ("Counts when the ML task type is Binary classification or "
                                      "Regression. Depends on the task type.")

    def test_answers(self):
        """Yes, No and unanswered become "Yes", "No" and an empty cell, per option too."""
        book = Book(ML_ANSWERS)
        assert {r["Item id"]: r["Answer"] for r in book.rows()} == {
            "al-on-02": "Yes", "al-on-03": "No", "al-on-04/part-x": "Yes",
            "al-on-04/part-z": "No", "be-on-02": None, "be-on-03/metric-1": "No",
            "be-on-03/metric-2": "Yes", "be-on-03/metric-3": "Yes",
        }

    def test_points_are_formulas(self):
        """Every Points cell of a row that does not depend on the task type is =IF(F<row>="Yes",1,0)
        and its Maximum is 1."""
        sheet = Book(ML_ANSWERS).formulas["Answers"]
        for row in range(2, sheet.max_row + 1):
            if sheet[f"C{row}"].value.startswith("be-on-03/"):
                continue
            assert sheet[f"H{row}"].value == f'=IF(F{row}="Yes",1,0)'
            assert sheet[f"I{row}"].value == 1

    def test_metric_formulas_read_the_task_type(self):
        """A metric row's Points and Maximum read the task type chosen on the Summary (B8): the
        maximum is 1 for its task types, 0 for another, and the item's highest while none is chosen."""
        book = Book(Answers(route="ml-model"))
        sheet = book.formulas["Answers"]
        assert book.formulas["Summary"]["A8"].value == "ML task type"
        row = ML_UNITS.index("be-on-03/metric-2") + 2
        applies = 'OR(Summary!$B$8="Binary classification",Summary!$B$8="Regression")'
        chosen = "OR(" + ",".join(f'Summary!$B$8="{t.title}"' for t in M.task_types) + ")"
        assert sheet[f"H{row}"].value == f'=IF(AND(F{row}="Yes",{applies}),1,0)'
        assert sheet[f"I{row}"].value == f"=IF({applies},1,IF({chosen},0,0))"
        assert sheet[f"I{row - 1}"].value.endswith(f"IF({chosen},0,2))")  # the first row: highest 2

    def test_cached_points(self):
        """The cached points of the rows are 1 for Yes on a row that counts, else 0, and sum to the score's points."""
        book = Book(ML_ANSWERS)
        rows = book.rows(values=True)
        assert all(r["Points"] == (1 if r["Answer"] == "Yes" and r["Maximum"] else 0) for r in rows)
        assert book.row("be-on-03/metric-3", values=True)["Answer"] == "Yes"  # not for this task type
        assert sum(r["Points"] for r in rows) == book.score.points == 3

    def test_notes_on_every_row_of_their_item(self):
        """A note is shown on its item's row, and on each of its option rows."""
        book = Book(ML_ANSWERS)
        assert book.row("al-on-02")["Note"] == "=SUM(A1:A9)"
        assert book.row("al-on-04/part-x")["Note"] == book.row("al-on-04/part-z")["Note"] == "-minus"
        assert book.row("be-on-03/metric-1")["Note"] is None

    def test_task_type_missing(self):
        """Without a task type, a task-typed item's rows show the stored answer, score 0, and its
        first row carries the item's highest maximum."""
        answers = Answers(route="ml-model", answers={"be-on-03": ("metric-1",)},
                          notes={"be-on-03": "chosen later"})
        book = Book(answers)
        rows = [book.row(f"be-on-03/metric-{n}", values=True) for n in (1, 2, 3)]
        item_score = next(s for s in book.score.items if s.item_id == "be-on-03")
        assert book.score.maximum_provisional
        assert [r["Answer"] for r in rows] == ["Yes", "No", "No"]
        assert [r["Points"] for r in rows] == [0, 0, 0]
        assert [r["Maximum"] for r in rows] == [item_score.maximum, 0, 0] == [2, 0, 0]
        assert all(r["Note"] == "chosen later" for r in rows)
        assert rows[0]["Item answered"] == 0  # as in the score: it counts once the type is chosen

    def test_not_applicable_rows(self):
        """An N/A item's row, or each of its option rows, shows N/A and its reason and scores 0."""
        book = Book(Answers(route="ml-model", task_type="binary-classification", **NA_ANSWERS))
        rows = {r["Item id"]: r for r in book.rows(values=True)}
        expected = {"al-on-03": "No second thing in this project",
                    "be-on-03/metric-1": "=No metrics yet", "be-on-03/metric-2": "=No metrics yet",
                    "be-on-03/metric-3": "=No metrics yet"}
        for unit_id, row in rows.items():
            if unit_id in expected:
                assert row["Answer"] == "N/A" and row["Reason (if N/A)"] == expected[unit_id]
                maximum = 0 if unit_id == "be-on-03/metric-3" else 1  # not for this task type
                assert (row["Points"], row["Maximum"], row["Applicable maximum"]) == (0, maximum, 0)
            else:
                assert row["Answer"] != "N/A" and row["Reason (if N/A)"] is None
                assert row["Applicable maximum"] == row["Maximum"] == 1
        assert sum(r["Applicable maximum"] for r in rows.values()) == book.score.applicable_maximum

    def test_reason_is_text(self):
        """A reason that looks like a formula is stored as a string."""
        book = Book(Answers(route="ml-model", task_type="regression", **NA_ANSWERS))
        cell = book.formulas["Answers"][f"{COL['Reason (if N/A)']}8"]
        assert book.formulas["Answers"]["C8"].value == "be-on-03/metric-2"
        assert cell.value == "=No metrics yet" and cell.data_type == "s"

    def test_not_applicable_without_task_type(self):
        """Without a task type, an N/A task-typed item's rows show N/A and its reason, the first
        carrying its highest maximum, and 0 of what applies."""
        book = Book(Answers(route="ml-model", **NA_ANSWERS))
        rows = [book.row(f"be-on-03/metric-{n}", values=True) for n in (1, 2, 3)]
        assert all(r["Answer"] == "N/A" and r["Reason (if N/A)"] == "=No metrics yet" for r in rows)
        assert [(r["Points"], r["Maximum"], r["Applicable maximum"]) for r in rows] == \
            [(0, 2, 0), (0, 0, 0), (0, 0, 0)]

    def test_applicable_maximum_formulas(self):
        """A yes/no row's Applicable maximum (column K) is 0 when it says N/A with an accepted reason (column O); an
        option row's when a row of its item says N/A and one has an accepted reason (not applicable as a whole)."""
        sheet = Book(Answers(route="ml-model", **NA_ANSWERS)).formulas["Answers"]
        last = sheet.max_row
        for row in range(2, last + 1):
            unit_id = sheet[f"C{row}"].value
            assert sheet[f"O{row}"].value == f"=IF({reason_formula(f'G{row}')},1,0)"
            if "/" in unit_id:
                item_id = unit_id.split("/")[0]
                assert sheet[f"K{row}"].value == \
                    (f'=IF(AND(COUNTIFS($C$2:$C${last},"{item_id}/*",$F$2:$F${last},"N/A")>0,'
                     f'COUNTIFS($C$2:$C${last},"{item_id}/*",$O$2:$O${last},1)>0),0,I{row})')
            else:
                assert sheet[f"K{row}"].value == f'=IF(AND(F{row}="N/A",O{row}=1),0,I{row})'

    def test_reason_validation(self):
        """The Reason column's data validation is the rule's formula, within Excel's 255 characters, with a
        message that states the rule; a refused reason beside N/A is marked."""
        book = Book(ML_ANSWERS)
        sheet = book.formulas["Answers"]
        validation = next(v for v in sheet.data_validations.dataValidation if v.type == "custom")
        assert str(validation.sqref) == f"G2:G{len(book.rows()) + 1}"
        assert validation.formula1 == reason_formula("G2") and len(validation.formula1) <= 255
        assert validation.allow_blank and validation.showErrorMessage
        assert "two words" in validation.error and "counts as No" in validation.error
        formats = {str(cf.sqref): cf.rules for cf in sheet.conditional_formatting}
        (rule,) = formats[f"G2:G{len(book.rows()) + 1}"]
        assert rule.formula == ['AND($F2="N/A",$O2=0)']

    def test_source_column(self):
        """The Source column names each item's basis: Paper, Derived or Added."""
        raw = load_raw(FIXTURE)
        raw["stages"][0]["subphases"][0]["items"][2]["source"]["basis"] = "added"  # al-on-03
        book = Book(Answers(route="dashboard"), build_methodology(raw))
        assert {r["Item id"]: r["Source"] for r in book.rows()} == {
            "al-on-02": "Paper", "al-on-03": "Added", "al-on-04/part-x": "Derived",
            "al-on-04/part-z": "Derived"}

    def test_answer_colours(self):
        """The Answer column is coloured by conditional formats for Yes, No and N/A."""
        book = Book(ML_ANSWERS)
        formats = {str(cf.sqref): cf.rules for cf in book.formulas["Answers"].conditional_formatting}
        rules = formats[f"F2:F{len(book.rows()) + 1}"]
        assert [(r.type, r.operator, r.formula) for r in rules] == [
            ("cellIs", "equal", ['"Yes"']), ("cellIs", "equal", ['"No"']),
            ("cellIs", "equal", ['"N/A"'])]

    @pytest.mark.parametrize(("route", "greyed"), [("ml-model", True), ("dashboard", False)])
    def test_rows_that_do_not_count_are_greyed(self, route, greyed):
        """On the ML route, rows whose Maximum is 0 (metrics of another task type) are greyed."""
        book = Book(Answers(route=route))
        formats = {str(cf.sqref): cf.rules for cf in book.formulas["Answers"].conditional_formatting}
        rows = len(book.rows()) + 1
        assert (f"A2:L{rows}" in formats) == greyed
        if greyed:
            (rule,) = formats[f"A2:L{rows}"]
            assert rule.type == "expression" and rule.formula == ["$I2=0"]

    def test_data_validation(self):
        """The Answer column offers a Yes/No/N/A drop-down on every answerable row."""
        book = Book(ML_ANSWERS)
        validations = book.formulas["Answers"].data_validations.dataValidation
        assert len(validations) == 2
        validation = next(v for v in validations if v.type == "list")
        assert validation.type == "list"
        assert validation.formula1 == '"Yes,No,N/A"'
        assert validation.allow_blank
        assert str(validation.sqref) == f"F2:F{len(book.rows()) + 1}"

    def test_metric_rows_have_the_drop_down_before_a_task_type(self):
        """Without a task type, every metric row still has the drop-down."""
        book = Book(Answers(route="ml-model"))
        validation = next(v for v in book.formulas["Answers"].data_validations.dataValidation if v.type == "list")
        assert str(validation.sqref) == f"F2:F{len(ML_UNITS) + 1}"

    def test_task_type_drop_down(self):
        """On the ML route the Summary's task type cell offers "not chosen" and the five task types."""
        sheet = Book(Answers(route="ml-model")).formulas["Summary"]
        (validation,) = (v for v in sheet.data_validations.dataValidation if v.type == "list")
        assert str(validation.sqref) == "B8"
        assert validation.formula1 == '"' + ",".join(["not chosen", *(t.title for t in M.task_types)]) + '"'

    def test_no_task_type_drop_down_off_the_ml_route(self):
        """On a route without task types the cell says so and offers no choice."""
        sheet = Book(Answers(route="dashboard")).formulas["Summary"]
        assert [v.type for v in sheet.data_validations.dataValidation] == ["date"]
        assert sheet["B8"].value == "not applicable to this route"


class TestForm:
    """The workbook as a form to fill in and import back."""

    def test_answers_sheet_locked_but_inputs(self):
        """The Answers sheet is protected without a password; only Answer, Reason and Note cells are unlocked."""
        book = Book(Answers(route="ml-model", **NA_ANSWERS))
        sheet = book.formulas["Answers"]
        assert sheet.protection.sheet and not sheet.protection.password
        assert not sheet.protection.autoFilter  # the filter still works
        for row in range(2, sheet.max_row + 1):
            for header in HEADER:
                locked = sheet[f"{COL[header]}{row}"].protection.locked
                assert locked == (header not in ("Answer", "Reason (if N/A)", "Note")), (header, row)

    @pytest.mark.parametrize(("route", "inputs"), [
        ("ml-model", {"B4", "B5", "B6", "B8"}), ("dashboard", {"B4", "B5", "B6"})])
    def test_summary_inputs(self, route, inputs):
        """On the Summary, project, assessor, date and (on the ML route) the task type are unlocked."""
        sheet = Book(Answers(route=route)).formulas["Summary"]
        assert sheet.protection.sheet
        unlocked = {c.coordinate for row in sheet.iter_rows(max_row=20, max_col=2) for c in row
                    if not c.protection.locked}
        assert unlocked == inputs
        assert sheet["B6"].number_format == "yyyy-mm-dd"  # a date typed there is a date, shown in one format

    def test_marker_names_format_version_and_route(self):
        """The marker name holds the format, the version, the route and a digest of the row ids."""
        def marker(route):
            return Book(Answers(route=route)).formulas.defined_names[MARKER_NAME].attr_text

        assert re.fullmatch(r'"mlops-handbook-workbook 4 route=ml-model rows=[0-9a-f]{12}"', marker("ml-model"))
        assert marker("dashboard").split()[-1] != marker("analytical-report").split()[-1]

    def test_provisional_note_is_a_formula(self):
        """The provisional-maximum note follows the task type cell."""
        sheet = Book(Answers(route="ml-model")).formulas["Summary"]
        assert sheet["A10"].value.startswith('=IF(OR(Summary!$B$8="Binary classification",')
        assert sheet["A10"].value.endswith(f',"","{PROVISIONAL}")')


class TestSummary:
    def test_details(self):
        """The Summary names the project, assessor, date, route, task type and generation."""
        book = Book(ML_ANSWERS)
        assert book.values["Summary"]["A1"].value == "Self-assessment score"
        assert book.summary_value("Project") == "=1+1"
        assert book.summary_value("Assessor") == "@assessor"
        assert book.summary_value("Date") == dt.datetime(2026, 11, 26)
        assert book.summary_value("Route") == "ML model"
        assert book.summary_value("ML task type") == "Binary classification"
        assert book.summary_value("Generated on").startswith("2026-11-26 09:30 UTC")

    @pytest.mark.parametrize(("route", "expected"), [
        ("ml-model", "not chosen"), ("dashboard", "not applicable to this route")])
    def test_task_type_not_chosen(self, route, expected):
        """Without a task type the Summary says so, or that the route has none."""
        assert Book(Answers(route=route)).summary_value("ML task type") == expected

    def test_stage_formulas(self):
        """Each stage row sums the Answers sheet by stage title with SUMIFS."""
        book = Book(ML_ANSWERS)
        sheet = book.formulas["Summary"]
        last = len(book.rows()) + 1
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Alpha")
        assert sheet.cell(row, 2).value == \
            f"=SUMIFS(Answers!$H$2:$H${last},Answers!$A$2:$A${last},$A{row})"
        assert sheet.cell(row, 3).value == \
            f"=SUMIFS(Answers!$I$2:$I${last},Answers!$A$2:$A${last},$A{row})"
        assert sheet.cell(row, 4).value == f'=IF(C{row}=0,"",B{row}/C{row})'
        assert sheet.cell(row, 4).number_format == "0.0%"

    def test_overall_formulas(self):
        """The Overall row sums the stage rows and divides points by maximum."""
        table = Book(ML_ANSWERS).stage_table(values=False)
        points, maximum, percent, applicable, applicable_percent = table["Overall"]
        match = re.fullmatch(r"=SUM\(B(\d+):B(\d+)\)", points)
        assert match and int(match[2]) - int(match[1]) + 1 == len(table) - 1
        assert maximum == points.replace("B", "C")
        assert applicable == points.replace("B", "E")
        assert re.fullmatch(r'=IF\(C(\d+)=0,"",B\1/C\1\)', percent)
        assert re.fullmatch(r'=IF\(E(\d+)=0,"",B\1/E\1\)', applicable_percent)

    @pytest.mark.parametrize(("route", "task_type"), list(UNITS))
    def test_cached_values_are_the_score(self, route, task_type):
        """With N/A items, every cached value of both tables is the score's, percentages as fractions."""
        book = Book(Answers(route=route, task_type=task_type, **NA_ANSWERS))
        result = book.score
        assert result.not_applicable and result.applicable_maximum < result.maximum

        def fraction(points, maximum):
            return points / maximum if maximum else None

        figures = [s for s in result.stages if s.maximum > 0]
        expected = {s.title: (s.points, s.maximum, fraction(s.points, s.maximum), s.applicable_maximum,
                              fraction(s.points, s.applicable_maximum)) for s in figures}
        expected["Overall"] = (result.points, result.maximum, fraction(result.points, result.maximum),
                               result.applicable_maximum,
                               fraction(result.points, result.applicable_maximum))
        assert book.stage_table() == expected
        paper = {s.title: (s.paper_points, s.paper_maximum, fraction(s.paper_points, s.paper_maximum))
                 for s in figures}
        paper["Overall"] = (result.paper_points, result.paper_maximum,
                            fraction(result.paper_points, result.paper_maximum))
        assert book.stage_table(paper=True) == paper
        assert {name: book.named(name).value for name in NAMES} == expected_names(result)

    @pytest.mark.parametrize(("route", "task_type"), list(UNITS))
    def test_percentages_round_to_the_score(self, route, task_type):
        """The cached percentages, shown to one decimal (halves up, as the 0.0% format does), are the score's three percentages."""
        book = Book(Answers(route=route, task_type=task_type, **NA_ANSWERS))
        for name, percent in (("overall_percent", book.score.percent),
                              ("applicable_percent", book.score.applicable_percent),
                              ("paper_percent", book.score.paper_percent)):
            assert book.named(name).number_format == "0.0%"
            shown = (Decimal(repr(book.named(name).value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
            assert float(shown) == percent, name

    def test_all_not_applicable(self):
        """When nothing applies, the maximum of what applies is 0 and its percentage is empty."""
        answers = Answers(route="dashboard", not_applicable={
            "al-on-02": "Not part of it at all", "al-on-03": "Not part of this project", "al-on-04": "No parts at all"})
        book = Book(answers)
        assert book.score.applicable_percent is None
        assert book.stage_table()["Overall"] == (0, 4, 0.0, 0, None)
        assert book.named("applicable_percent").value is None

    def test_applicable_formulas(self):
        """Each stage's maximum of what applies sums the Applicable maximum column by stage."""
        book = Book(ML_ANSWERS)
        sheet = book.formulas["Summary"]
        last = len(book.rows()) + 1
        row = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Beta")
        assert sheet.cell(row, 5).value == \
            f"=SUMIFS(Answers!$K$2:$K${last},Answers!$A$2:$A${last},$A{row})"
        assert sheet.cell(row, 6).value == f'=IF(E{row}=0,"",B{row}/E{row})'
        assert sheet.cell(row, 6).number_format == "0.0%"

    def test_paper_formulas(self):
        """The paper-core table sums Points and Maximum by stage over the rows whose Source is Paper."""
        book = Book(ML_ANSWERS)
        table = book.stage_table(values=False, paper=True)
        last = len(book.rows()) + 1
        row = int(re.search(r"\$A(\d+)", table["Alpha"][0])[1])
        paper = f',Answers!$D$2:$D${last},"Paper")'
        assert table["Alpha"][0] == f"=SUMIFS(Answers!$H$2:$H${last},Answers!$A$2:$A${last},$A{row}{paper}"
        assert table["Alpha"][1] == f"=SUMIFS(Answers!$I$2:$I${last},Answers!$A$2:$A${last},$A{row}{paper}"
        assert table["Alpha"][2] == f'=IF(C{row}=0,"",B{row}/C{row})'
        assert table["Overall"][0] == f"=SUM(B{row}:B{row + 1})"

    def test_stage_without_maximum_left_out(self):
        """A stage with nothing to score on the route has no row."""
        assert list(Book(Answers(route="dashboard")).stage_table()) == ["Alpha", "Overall"]

    def test_defined_names(self):
        """The ten names point at the Overall cells of the stage table and the paper-core table."""
        book = Book(ML_ANSWERS)
        sheet = book.formulas["Summary"]
        overall, paper_overall = [r for r in range(1, sheet.max_row + 1)
                                  if sheet.cell(r, 1).value == "Overall"]
        for name, column, row in (
                ("total_points", "B", overall), ("max_points", "C", overall),
                ("overall_percent", "D", overall), ("applicable_max_points", "E", overall),
                ("applicable_percent", "F", overall), ("paper_points", "B", paper_overall),
                ("paper_max_points", "C", paper_overall), ("paper_percent", "D", paper_overall),
                ("items_total", "E", paper_overall), ("items_answered", "F", paper_overall),
                ("items_not_applicable", "G", overall), ("not_applicable_points", "H", overall),
                ("items_open", "H", paper_overall), ("not_applicable_flag", "A", overall + 1)):
            assert book.formulas.defined_names[name].attr_text == f"Summary!${column}${row}"
        assert sorted(book.formulas.defined_names) == sorted([*NAMES, *MATURITY_NAMES, MARKER_NAME])
        assert book.named("total_points").value == book.score.points
        assert book.named("max_points").value == book.score.maximum
        assert book.named("overall_percent").value == pytest.approx(
            book.score.points / book.score.maximum)

    def test_notes_say_what_the_workbook_is(self):
        """The notes say it applies the paper's rules to the handbook's checklist and explain both extra figures."""
        notes = " ".join(Book(ML_ANSWERS).texts())
        assert "applies the paper's scoring rules to the handbook's checklist" in notes
        assert "does not publish it" in notes and "Source" in notes
        assert "scores 0" in notes and "of what applies leave N/A items out" in notes
        assert "counts only the paper's own questions" in notes
        assert "Off route sheet keeps what was answered on items of other routes" in notes
        assert "digital form" not in notes

    def test_portrait_one_page(self):
        """The Summary prints in portrait on one page, from the methodology's citation through the maturity
        block; the chart and the notes on the figures and on filling it in stay on screen."""
        book = Book(ML_ANSWERS)
        sheet = book.formulas["Summary"]
        assert sheet.page_setup.orientation == "portrait"
        assert sheet.sheet_properties.pageSetUpPr.fitToPage
        assert sheet.page_setup.fitToWidth in (None, 1) and sheet.page_setup.fitToHeight in (None, 1)  # absent: 1
        labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
        last = labels.index("The levels, the sentence and the count above follow the answers by formula; the Roadmap "
                            "sheet lists the practices each level needs and marks those that stand before the next level.")
        assert sheet.print_area == f"'Summary'!$A$1:$H${last + 1}"
        assert sheet["A2"].value == f"Methodology: {M.citation.text}"
        assert sheet._charts[0].anchor._from.row > last  # the chart after the printed page

    def test_provisional_maximum_noted(self):
        """Without a task type the ML maximum is marked provisional on the Summary."""
        sheet = Book(Answers(route="ml-model")).values["Summary"]
        texts = [c.value for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
        assert any("provisional" in text for text in texts)


class TestHeadline:
    """The headline figures near the top of the Summary, in the one order every front end shows them."""

    @staticmethod
    def headline(book, values=True):
        """The rows under "The score at a glance": (label, percentage cell, words cell), up to the blank row;
        `book` a Book, or a workbook loaded by openpyxl."""
        sheet = (book if isinstance(book, openpyxl.Workbook) else book.values if values else book.formulas)["Summary"]
        top = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "The score at a glance")
        rows = []
        for r in range(top + 1, sheet.max_row + 1):
            if sheet.cell(r, 3).value is None:
                return top, rows
            rows.append(tuple(sheet.cell(r, c).value for c in (1, 2, 3)))
        raise AssertionError("no blank row after the headline")

    def test_figures_in_the_one_order(self):
        """Total, maturity per model, ML Test Score, what applies with the N/A beside it, the paper's own
        questions, the checks: each once, labelled, cached as the package's figures."""
        book = Book(Answers(route="ml-model", task_type="binary-classification", **NA_ANSWERS))
        result, levels = book.score, maturity_of(book)
        assert result.not_applicable_count and len(levels.models) == 2
        first, second = levels.models
        _, rows = self.headline(book)
        assert rows == [
            ("Total on the paper's scale", result.points / result.maximum, f"{result.points} of {result.maximum} points"),
            ("MLOps maturity", None, f"{first.model_title}: {first.text}"),
            (None, None, f"{second.model_title}: {second.text}"),
            (levels.ml_test_score.title, None, levels.ml_test_score.text),
            ("Of what applies", result.points / result.applicable_maximum,
             f"{result.points} of {result.applicable_maximum} points; {result.not_applicable_text}"),
            ("Paper's own questions", result.paper_points / result.paper_maximum,
             f"{result.paper_points} of {result.paper_maximum} points"),
            ("Checks", None, f"{result.counts_text}, of {result.items_total}"),
        ]

    def test_near_the_top_above_the_tables(self):
        """The headline comes right after the details, before the stage table and the maturity block."""
        book = Book(ML_ANSWERS)
        sheet = book.values["Summary"]
        top, rows = self.headline(book)
        labels = [sheet.cell(r, 1).value for r in range(1, sheet.max_row + 1)]
        assert top == labels.index("Generated on") + 1 + 3  # the provisional note's row and a blank row between
        assert top + len(rows) < labels.index("Stage") + 1 < labels.index("MLOps maturity with these answers") + 1

    def test_formulas_refer_to_the_figures_below(self):
        """Every headline figure is a formula on the cells of the tables and the maturity block: the
        percentages are the named overall cells, the words join the named counts."""
        book = Book(Answers(route="ml-model", task_type="binary-classification", **NA_ANSWERS))
        _, rows = self.headline(book, values=False)

        def ref(name):
            (_, cell), = book.formulas.defined_names[name].destinations
            return cell

        assert [row[1] for row in rows] == [f"={ref('overall_percent')}", None, None, None,
                                            f"={ref('applicable_percent')}", f"={ref('paper_percent')}", None]
        assert rows[0][2] == f'={ref("total_points")}&" of "&{ref("max_points")}&" points"'
        assert rows[6][2] == (f'={ref("items_answered")}&" answered, "&{ref("items_not_applicable")}&" not applicable, "'
                              f'&{ref("items_open")}&" open, of "&{ref("items_total")}')
        level_cells = {ref(name) for name in ("maturity_google", "maturity_microsoft")}
        for _, _, formula in rows[1:4]:
            (cell,) = re.findall(r"\$C\$\d+", formula)  # the maturity block's words beside each level
            assert cell.replace("C", "B") in level_cells or formula == f"={cell}"
        assert all(not re.search(r"(?<![$A-Z\d])\d", re.sub(r'"[^"]*"|=1,', "", row[2])) for row in rows), \
            "a figure typed into a formula instead of referred to (only a test for one N/A item, =1, says 'item')"


class TestChart:
    def test_chart_part_exists(self):
        """The xlsx holds a native chart drawn on the Summary sheet."""
        with zipfile.ZipFile(io.BytesIO(Book(ML_ANSWERS).data)) as archive:
            names = archive.namelist()
            drawing = archive.read("xl/drawings/_rels/drawing1.xml.rels").decode()
            sheet_rels = archive.read("xl/worksheets/_rels/sheet1.xml.rels").decode()
        assert "xl/charts/chart1.xml" in names
        assert "../charts/chart1.xml" in drawing
        assert "../drawings/drawing1.xml" in sheet_rels

    def test_chart_plots_stage_percentages(self):
        """The chart's series are the stage titles and the Percentage cells of the stage table."""
        book = Book(ML_ANSWERS)
        sheet = book.formulas["Summary"]
        rows = [r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value in ("Alpha", "Beta")]
        rows = rows[:2]  # the stage table, not the paper-core table below it
        with zipfile.ZipFile(io.BytesIO(book.data)) as archive:
            chart = archive.read("xl/charts/chart1.xml").decode()
        assert "<c:barChart>" in chart and '<c:barDir val="col"/>' in chart
        assert f"<c:f>Summary!$A${rows[0]}:$A${rows[-1]}</c:f>" in chart
        assert f"<c:f>Summary!$D${rows[0]}:$D${rows[-1]}</c:f>" in chart


class TestUserText:
    @pytest.mark.parametrize("text", ["=1+1", "+x", "-x", "@x", "=HYPERLINK(\"http://e.x\")"])
    def test_typed_text_stays_text(self, text):
        """Project, assessor and notes that look like formulas are stored as text."""
        answers = Answers(route="dashboard", project=text, assessor=text,
                          notes={"al-on-02": text, "al-on-04": text})
        book = Book(answers)
        cells = [c for sheet in book.formulas for row in sheet.iter_rows() for c in row
                 if c.value == text]
        assert len(cells) == 5  # project, assessor, one yes/no row, two option rows
        assert all(c.data_type == "s" for c in cells)

    def test_formula_like_note_is_not_a_formula(self):
        """A note starting with = is a string cell whose value starts with =."""
        cell = next(c for c in Book(ML_ANSWERS).formulas["Answers"][COL["Note"]] if c.value == "=SUM(A1:A9)")
        assert cell.data_type == "s" and cell.value.startswith("=")

    def test_text_kept_as_typed(self):
        """Typed text is not trimmed or otherwise altered."""
        text = "  Ümlaut — 🚀 <b>&amp;</b>\nsecond line  "
        book = Book(Answers(route="dashboard", project=text, notes={"al-on-02": text}))
        assert book.summary_value("Project") == text
        assert book.row("al-on-02")["Note"] == text

    def test_lone_surrogate(self):
        """A lone surrogate, which no xlsx can store, becomes U+FFFD instead of failing."""
        book = Book(Answers(route="dashboard", project="a\ud800b"))
        assert book.summary_value("Project") == "a\ufffdb"

    def test_encodable(self):
        """Ordinary text is unchanged and a split surrogate pair is joined."""
        assert encodable("plain — ü") == "plain — ü"
        assert encodable("\ud83d\ude80") == "🚀"
        assert encodable("\udc00x") == "\ufffdx"


class TestStageTitles:
    def test_wildcard_titles_matched_exactly(self):
        """Stage titles with SUMIFS wildcards or operators are matched as escaped literals."""
        raw = load_raw(FIXTURE)
        raw["stages"][0]["title"] = "Al*"
        raw["stages"][1]["title"] = "=Al?~"
        methodology = build_methodology(raw)
        book = Book(Answers(route="ml-model", task_type="regression",
                            answers={"al-on-02": True, "be-on-02": True}), methodology)
        table = book.stage_table(values=False)
        assert table["Al*"][0].endswith(',"=Al~*")')
        assert table["=Al?~"][0].endswith(',"==Al~?~~")')
        assert book.stage_table()["Al*"][:2] == (1, 4)


class TestProperty:
    @settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(random_answers())
    def test_overall_figures_are_the_score(self, answers):
        """For any answer set, the cells of the eight defined names hold score()'s figures."""
        book = Book(answers)
        assert {name: book.named(name).value for name in NAMES} == expected_names(book.score)
        rows = book.rows(values=True)
        assert sum(r["Points"] for r in rows) == book.score.points
        assert sum(r["Applicable maximum"] for r in rows) == book.score.applicable_maximum
        # Every N/A is shown, with its reason; only those whose reason the rule accepts leave the maximum.
        assert {r["Item id"].split("/")[0] for r in rows if r["Answer"] == "N/A"} == \
            {i for i in answers.not_applicable if i in {s.item_id for s in book.score.items}}
        assert {r["Item id"].split("/")[0] for r in rows if r["Item not applicable"]} == \
            {n.item_id for n in book.score.not_applicable}


# ---------------------------------------------------------------- in Spanish

ES = M.in_language("es")
ES_WORDS = words("es")
ES_HEADER = ["Etapa", "Subfase", "Id del ítem", "Origen", "Pregunta", "Respuesta", "Motivo (si no aplica)", "Puntos",
             "Máximo", "Nota", "Máximo aplicable", "Explicación", "Ítem", "Ítem respondido", "Motivo aceptado",
             "Ítem no aplica"]
ES_NA_ANSWERS = Answers(route="ml-model", task_type="binary-classification", **NA_ANSWERS)


def all_text(data: bytes) -> str:
    """The words a reader can meet in an .xlsx: the text and attribute values of its XML parts (cells, formulas,
    drop-down messages, chart titles, footers, the title), not the names of its elements or its defined names."""
    archive = zipfile.ZipFile(io.BytesIO(data))
    texts = []
    for name in archive.namelist():
        if not name.endswith(".xml") or name == "docProps/app.xml":  # app.xml lists the defined names too
            continue
        for element in ElementTree.fromstring(archive.read(name)).iter():
            texts.append(element.text or "")
            texts += [value for key, value in element.attrib.items() if not element.tag.endswith("definedName")]
    return "\n".join(texts)


def expected_names_es(result):
    """expected_names with the flag sentence in Spanish."""
    names = expected_names(result)
    names["not_applicable_flag"] = flag_text(result.not_applicable_points, result.maximum, ES_WORDS)
    return names


class TestSpanish:
    """The workbook exported from the Spanish methodology: every word in Spanish, the same figures."""

    def test_sheet_names_headers_and_labels(self):
        """The sheets, the Answers and Off route headers and the Summary's labels are in Spanish."""
        book = Book(ML_ANSWERS, ES)
        assert book.formulas.sheetnames == ["Resumen", "Respuestas", "Hoja de ruta", "Fuera de la ruta"]
        assert [c.value for c in book.formulas["Respuestas"][1]] == [*ES_HEADER, "Práctica"]
        assert [c.value for c in book.formulas["Fuera de la ruta"][1]] == [
            "Etapa", "Subfase", "Id del ítem", "Cuenta en", "Pregunta", "Respuesta", "Motivo (si no aplica)", "Nota"]
        summary = book.values["Resumen"]
        assert summary["A1"].value == "Puntaje de la autoevaluación"
        assert [summary.cell(r, 1).value for r in range(4, 10)] == [
            "Proyecto", "Evaluador", "Fecha", "Ruta", "Tipo de tarea de ML", "Generado el"]
        assert (summary["B7"].value, summary["B8"].value) == ("Modelo de ML", ES.task_type("binary-classification").title)
        assert summary["B9"].value.startswith("2026-11-26 09:30 UTC por mlops-handbook ")

    def test_rows_in_spanish(self):
        """The Answers rows carry the Spanish stage, question, option label and source, and the answer words."""
        book = Book(Answers(route="ml-model", task_type="binary-classification", **NA_ANSWERS), ES)
        rows = {row[2]: dict(zip(ES_HEADER, row)) for row in book.values["Respuestas"].iter_rows(min_row=2, values_only=True)}
        item = ES.find("al-on-04")
        assert rows["al-on-04/part-x"]["Pregunta"] == f"{item.question} — {item.option('part-x').label}"
        assert (rows["al-on-02"]["Etapa"], rows["al-on-02"]["Origen"], rows["al-on-02"]["Respuesta"]) == ("Alfa", "Artículo", "Sí")
        assert (rows["al-on-03"]["Respuesta"], rows["al-on-03"]["Motivo (si no aplica)"]) == ("No aplica", NA_ANSWERS["not_applicable"]["al-on-03"])
        assert rows["be-on-03/metric-1"]["Explicación"].startswith("Cuenta cuando el tipo de tarea de ML es ")

    def test_drop_downs_offer_the_spanish_words(self):
        """The Answer cells offer Sí / No / No aplica (on both sheets), the task type «sin elegir» and the Spanish titles."""
        book = Book(Answers(route="ml-model"), ES)
        for name in ("Respuestas", "Fuera de la ruta"):
            (answer,) = (v for v in book.formulas[name].data_validations.dataValidation if v.type == "list")
            assert answer.formula1 == '"Sí,No,No aplica"' and answer.error.startswith("Elija Sí, No o No aplica")
            (reason,) = (v for v in book.formulas[name].data_validations.dataValidation if v.type == "custom")
            assert reason.errorTitle == "Motivo (si no aplica)" and reason.error.startswith("El motivo dice por qué")
        (task,) = (v for v in book.formulas["Resumen"].data_validations.dataValidation if v.type == "list")
        assert task.formula1 == '"' + ",".join(["sin elegir", *(t.title for t in ES.task_types)]) + '"'
        assert book.values["Resumen"]["B8"].value == "sin elegir"

    def test_formulas_compare_the_cells_to_the_spanish_words(self):
        """Points, what applies, the checks and the maturity compare the Answer cells to Sí (or Si) and No aplica,
        never to the English words; the task type formulas read the Resumen sheet."""
        book = Book(ES_NA_ANSWERS, ES)
        formulas = [c.value for name in ("Resumen", "Respuestas", "Hoja de ruta")
                    for row in book.formulas[name].iter_rows() for c in row if c.data_type == "f"]
        assert '=IF(OR(F2="Sí",F2="Si"),1,0)' in formulas
        assert any('"No aplica"' in f for f in formulas) and any("Resumen!$B$8" in f for f in formulas)
        assert any("OR('Respuestas'!$F$" in f or "OR(Respuestas!$F$" in f for f in formulas)
        assert not [f for f in formulas if re.search(r'"(Yes|N/A)"|Summary!|Answers!', f)]

    def test_same_figures_numbers_stay_numbers(self):
        """The figures are the English workbook's; percentages are numbers in a number format, the date a date."""
        spanish, english = Book(ES_NA_ANSWERS, ES), Book(ES_NA_ANSWERS)
        for name in NAMES[:-1] + MATURITY_NAMES:
            assert spanish.named(name).value == english.named(name).value, name
        assert spanish.named("overall_percent").number_format == "0.0%"
        assert isinstance(spanish.named("overall_percent").value, float)
        date = Book(Answers(route="dashboard", date="2026-11-26"), ES).values["Resumen"]["B6"]
        assert date.is_date and date.value == dt.datetime(2026, 11, 26) and date.number_format == "yyyy-mm-dd"

    def test_headline_in_spanish(self):
        """The headline block says the figures in Spanish, in the one order."""
        book = Book(ES_NA_ANSWERS, ES)
        result = book.score
        levels = maturity(ES, score(ES, ES_NA_ANSWERS))
        sheet = book.values["Resumen"]
        top = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "El puntaje de un vistazo")
        rows = [tuple(sheet.cell(r, c).value for c in (1, 3)) for r in range(top + 1, top + 8)]
        first, second = levels.models
        na = result.not_applicable_count
        assert rows == [
            ("Total en la escala del artículo", f"{result.points} de {result.maximum} puntos"),
            ("Madurez MLOps", f"{first.model_title}: nivel {first.reached} de {first.top} ({first.reached_title})"),
            (None, f"{second.model_title}: nivel {second.reached} de {second.top} ({second.reached_title})"),
            (levels.ml_test_score.title, f"{levels.ml_test_score.met} de {levels.ml_test_score.total} pruebas cumplidas "
                                         f"({levels.ml_test_score.covered} cubiertas por esta ruta)"),
            ("Sobre lo que aplica", f"{result.points} de {result.applicable_maximum} puntos; no aplica: {na} "
                                    f"{'ítem' if na == 1 else 'ítems'}, {result.not_applicable_points} de {result.maximum} puntos"),
            ("Preguntas del artículo", f"{result.paper_points} de {result.paper_maximum} puntos"),
            ("Verificaciones", f"{result.answered} respondido{'s' * (result.answered != 1)}, {na} no aplica{'n' * (na != 1)}, "
                               f"{result.open} pendiente{'s' * (result.open != 1)}, de {result.items_total}"),
        ]

    def test_no_english_word_of_the_workbook_left(self):
        """No text of the English workbook's own (a sheet name, header, label, note, message, chart title, footer)
        is in the Spanish workbook: only the methodology's texts and ids could be English, and the fixture's are not."""
        for answers in (ES_NA_ANSWERS, Answers(route="dashboard", **GAMED_PARTS)):
            text = all_text(workbook_bytes(ES, answers, generated_at=WHEN))
            # Left alone: the name ML Test Score, and the placeholders the reason rule refuses in any language.
            text = re.sub(r'"\|[^"]*\|"', "", text.replace("ML Test Score", ""))
            left = set()
            for key, english in WORDS["en"].items():
                if english == WORDS["es"][key]:
                    continue
                for part in re.split(r"\{[a-z_]+\}|&[A-Z]", english):
                    part = part.strip(" ,.;:()")
                    if len(part) >= 4 and re.search(r"[A-Za-z]{3}", part) and part in text:
                        left.add((key, part))
            assert not left

    def test_every_word_has_its_translation_with_the_same_fields(self):
        """The Spanish table has every key of the English one, each with the same {fields}, and no empty word."""
        assert WORDS["es"].keys() == WORDS["en"].keys()
        for key, english in WORDS["en"].items():
            assert sorted(re.findall(r"\{[a-z_]+\}", WORDS["es"][key])) == sorted(re.findall(r"\{[a-z_]+\}", english)), key
            assert WORDS["es"][key].strip(), key

    def test_marker_says_version_5(self):
        """A Spanish workbook carries marker version 5 (version 4's layout in Spanish); the English one stays 4."""
        assert Book(Answers(route="dashboard"), ES).formulas.defined_names[MARKER_NAME].attr_text.startswith(
            '"mlops-handbook-workbook 5 route=dashboard ')

    def test_cli_export_in_spanish(self, tmp_path):
        """`mlops-handbook --lang es export` writes the Spanish workbook, and `export --lang en` the English one."""
        from mlops_handbook.cli import main

        source = tmp_path / "answers.json"
        source.write_text('{"format": "mlops-handbook-answers", "version": 3, "route": "dashboard", "answers": {}}',
                          encoding="utf-8")
        checklists = ["--checklists", str(FIXTURE)]
        assert main([*checklists, "--lang", "es", "export", str(source), "-o", str(tmp_path / "es.xlsx")]) == 0
        assert main([*checklists, "export", "--lang", "en", str(source), "-o", str(tmp_path / "en.xlsx")]) == 0
        assert openpyxl.load_workbook(tmp_path / "es.xlsx").sheetnames[0] == "Resumen"
        assert openpyxl.load_workbook(tmp_path / "en.xlsx").sheetnames[0] == "Summary"

    def test_portfolio_workbook_in_spanish(self):
        """The portfolio workbook of the Spanish methodology names its sheets and headers in Spanish."""
        from mlops_handbook.portfolio import portfolio
        from mlops_handbook.portfolio_sheet import portfolio_workbook_bytes

        data = portfolio_workbook_bytes(ES, portfolio(ES, [("a.json", ES_NA_ANSWERS)]), generated_at=WHEN)
        book = openpyxl.load_workbook(io.BytesIO(data))
        assert book.sheetnames == ["Distribución", "Proyectos", "Ítems débiles", "No aplica", "Etapas", "Progreso",
                                   "Archivos"]
        assert [c.value for c in book["Proyectos"][1]][:8] == ["Proyecto", "Ruta", "Tipo de tarea de ML", "Evaluador",
                                                              "Fecha", "Puntos", "Máximo", "Porcentaje"]
        assert book["Archivos"]["E2"].value == "Sí"
        text = all_text(data)
        left = {part for key, english in WORDS["en"].items() if key.startswith("p_") and english != WORDS["es"][key]
                for part in re.split(r"\{[a-z_]+\}", english) if len(part.strip()) >= 4 and part.strip() in text}
        assert not left

    def test_browser_exports_in_spanish_and_reads_a_spanish_workbook(self):
        """The page's export_xlsx and portfolio_xlsx with lang "es" write Spanish workbooks, and the portfolio
        reads a Spanish score workbook as an assessment."""
        import json

        from mlops_handbook import browser

        before = browser._methodology  # put back after, for the other tests of the process
        browser.load(methodology_json(FIXTURE))
        try:
            answers = json.dumps({"format": "mlops-handbook-answers", "version": 3, "project": "P",
                                  "route": "dashboard", "answers": {"al-on-02": True}})
            score_book = bytes(browser.export_xlsx(answers, lang="es"))
            data = bytes(browser.portfolio_xlsx([["p.xlsx", score_book]], lang="es"))
        finally:
            browser._methodology = before
        assert openpyxl.load_workbook(io.BytesIO(score_book)).sheetnames[0] == "Resumen"
        projects = openpyxl.load_workbook(io.BytesIO(data), data_only=True)["Proyectos"]
        assert (projects["A2"].value, projects["B2"].value, projects["F2"].value) == ("P", "Dashboard", 1)
        assert openpyxl.load_workbook(io.BytesIO(data))["Archivos"]["A2"].value == "p.xlsx"


GAMED_PARTS = dict(answers={"al-on-02": True},
                   not_applicable={"al-on-03": "Not part of this project", "al-on-04": "No parts in this project"})


# ---------------------------------------------------------------- LibreOffice

SOFFICE = shutil.which("soffice")

# LibreOffice keeps the cached results of an .xlsx by default ("never recalculate" for files
# not saved by LibreOffice itself). The profile below sets it to recalculate always, and the
# files are also saved through openpyxl, which stores formulas without cached results.
RECALC_ALWAYS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
  xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def libreoffice_convert(files, out_dir, work_dir):
    """Convert .xlsx files to .xlsx with LibreOffice in a fresh profile; retry once."""
    for attempt in range(2):
        profile = work_dir / f"profile-{attempt}"
        (profile / "user").mkdir(parents=True)
        (profile / "user" / "registrymodifications.xcu").write_text(RECALC_ALWAYS, encoding="utf-8")
        command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless",
                   "--norestore", "--calc", "--convert-to", "xlsx", "--outdir", str(out_dir),
                   *map(str, files)]
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                   start_new_session=True)
        try:
            stdout, stderr = process.communicate(timeout=120)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            stdout, stderr = process.communicate()
        outputs = [out_dir / Path(f).name for f in files]
        if process.returncode == 0 and all(p.is_file() for p in outputs):
            return outputs
    raise AssertionError(f"soffice failed ({process.returncode}): {stdout!r} {stderr!r}")


# The edits made in the sheet before recalculating: a yes/no row set to Yes, another to N/A.
EDITS = {"be-on-02": ("Yes", None), "al-on-03": ("N/A", "Typed in the sheet")}


@pytest.fixture(scope="module")
def recalculated(tmp_path_factory):
    """Workbooks with N/A items saved through openpyxl (one edited), recalculated by LibreOffice."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is not installed: `./run test` installs libreoffice-calc-nogui", pytrace=False)
    work = tmp_path_factory.mktemp("libreoffice")
    source, out = work / "in", work / "out"
    source.mkdir()
    out.mkdir()

    edited = Book(Answers(route="ml-model", task_type="regression",
                          answers={"al-on-02": True, "be-on-03": ("metric-2",)},
                          not_applicable={"al-on-04": "No parts in this project"}))
    sheet = edited.formulas["Answers"]
    for unit_id, (answer, reason) in EDITS.items():
        row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"C{r}"].value == unit_id)
        assert sheet[f"{COL['Answer']}{row}"].value is None
        sheet[f"{COL['Answer']}{row}"] = answer
        sheet[f"{COL['Reason (if N/A)']}{row}"] = reason
    edited.formulas.save(source / "edited.xlsx")

    raw = load_raw(FIXTURE)
    raw["stages"][0]["title"] = "Al*"
    raw["stages"][1]["title"] = "=Al?~"
    unchanged = Book(Answers(route="ml-model", task_type="binary-classification", **NA_ANSWERS),
                     build_methodology(raw))
    unchanged.formulas.save(source / "unchanged.xlsx")

    # Exported unanswered, then every row typed: Yes but No for the automation item be-on-02.
    manual = Book(Answers(route="ml-model", task_type="binary-classification"))
    sheet = manual.formulas["Answers"]
    for row in range(2, sheet.max_row + 1):
        sheet[f"{COL['Answer']}{row}"] = "No" if sheet[f"C{row}"].value in MANUAL_NO else "Yes"
    manual.formulas.save(source / "manual.xlsx")

    # The real checklists: yes to every practice but automation, as exported.
    real = Book(real_manual_answers(), REAL)
    real.formulas.save(source / "real-manual.xlsx")

    # One Yes, every other item N/A with a reason that says something: the N/A share and the flag.
    gamed = Book(GAMED)
    gamed.formulas.save(source / "gamed.xlsx")

    # N/A typed with no reason, and with a placeholder reason: each must count as No.
    reasonless = Book(Answers(route="dashboard", answers={"al-on-02": True}))
    sheet = reasonless.formulas["Answers"]
    for unit_id, reason in REASONLESS.items():
        row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"C{r}"].value == unit_id)
        sheet[f"{COL['Answer']}{row}"] = "N/A"
        sheet[f"{COL['Reason (if N/A)']}{row}"] = reason
    reasonless.formulas.save(source / "reasonless.xlsx")

    # The rule's formula on a corpus of reasons, one per row, beside Python's verdict.
    corpus = openpyxl.Workbook()
    sheet = corpus.active
    for row, reason in enumerate(REASON_CORPUS, start=1):
        sheet.cell(row, 1).value = reason
        sheet.cell(row, 1).data_type = "s"
        sheet.cell(row, 2).value = f"=IF({reason_formula(f'A{row}')},1,0)"
    corpus.save(source / "corpus.xlsx")

    # The same in Spanish, in the same LibreOffice run: Sí, si and No aplica typed into an exported workbook; one
    # as exported with N/A items; the real checklists' manual project (its sentence says a percentage in Spanish);
    # one Yes and the rest N/A (the flag sentence).
    es_edited = Book(ES_EDITED_FROM, ES)
    sheet = es_edited.formulas["Respuestas"]
    for unit_id, (answer, reason) in ES_EDITS.items():
        row = next(r for r in range(2, sheet.max_row + 1) if sheet[f"C{r}"].value == unit_id)
        sheet[f"{COL['Answer']}{row}"] = answer
        sheet[f"{COL['Reason (if N/A)']}{row}"] = reason
    es_edited.formulas.save(source / "es-edited.xlsx")
    es_unchanged = Book(ES_NA_ANSWERS, ES)
    es_unchanged.formulas.save(source / "es-unchanged.xlsx")
    es_real = Book(real_manual_answers(), REAL.in_language("es"))
    es_real.formulas.save(source / "es-real-manual.xlsx")
    es_gamed = Book(GAMED, ES)
    es_gamed.formulas.save(source / "es-gamed.xlsx")

    names = ("edited", "unchanged", "manual", "real-manual", "gamed", "reasonless", "corpus",
             "es-edited", "es-unchanged", "es-real-manual", "es-gamed")
    books = (edited, unchanged, manual, real, gamed, reasonless, None, es_edited, es_unchanged, es_real, es_gamed)
    outputs = libreoffice_convert([source / f"{name}.xlsx" for name in names], out, work)
    return {name: (book, openpyxl.load_workbook(path, data_only=True))
            for name, book, path in zip(names, books, outputs)}


# The Spanish workbook's edits: Sí typed as "si" and "Sí" on two rows, No aplica with a reason on a third.
ES_EDITED_FROM = Answers(route="ml-model", task_type="regression", answers={"al-on-02": True, "be-on-03": ("metric-2",)},
                         not_applicable={"al-on-04": "No parts in this project"})
ES_EDITS = {"be-on-02": ("si", None), "be-on-03/metric-3": ("Sí", None), "al-on-03": ("No aplica", "Escrito en la hoja")}
ES_EDITED = Answers(route="ml-model", task_type="regression",
                    answers={"al-on-02": True, "be-on-02": True, "be-on-03": ("metric-2", "metric-3")},
                    not_applicable={"al-on-04": "No parts in this project", "al-on-03": "Escrito en la hoja"})
GAMED = Answers(route="dashboard", answers={"al-on-02": True},
                not_applicable={"al-on-03": "Not part of this project", "al-on-04": "No parts in this project"})
REASONLESS = {"al-on-03": None, "al-on-04/part-x": "n/a"}
# Reasons in the cells as typed, with Python's rule and LibreOffice's formula to agree on each.
REASON_CORPUS = [
    ".", "n/a", "N/A", "none", "None", "\u200b", "  ", "-", "x", "tbd", "no aplica", "No Aplica", "Not applicable",
    "  not   applicable  ", "does not apply", "not relevant", "n/a n/a", "On prem", "On premises", "  On premises  ",
    "On\npremises", "On\tpremises", "On\u00a0premises", "No personal data in the sources",
    "Sólo en las instalaciones del cliente", "Ελληνικά κείμενα εδώ", "Данные не нужны здесь", "数据 不需要",
    ". . . . . . . a", "x x x x x x x x", "x x x x x x x", "abcdefg h", "abcdefgh", "123 456 789 000",
    "=1+1 is not a reason", "No aplica|not applicable", "no aplica|x", "a" * 990 + " bcdefghi",
    " " * 995 + "ab cdefgh", "🚀🚀 rocket launch", "Ǆ ǅǆ ﬁ ß ﬀ letters",
]


class TestNotApplicableInLibreOffice:
    def test_python_and_libreoffice_agree_on_the_reasons(self, recalculated):
        """On a corpus of reasons (placeholders, blanks, one word, few letters, other scripts, long texts),
        LibreOffice's recalculation of the rule's formula gives Python's verdict on each."""
        _, book = recalculated["corpus"]
        sheet = book.active
        verdicts = {reason: sheet.cell(row, 2).value for row, reason in enumerate(REASON_CORPUS, start=1)}
        assert verdicts == {reason: int(reason_accepted(reason)) for reason in REASON_CORPUS}
        assert set(verdicts.values()) == {0, 1}

    def test_reasonless_na_counts_as_no(self, recalculated):
        """An N/A typed with no reason, or with "n/a", counts as No after LibreOffice's recalculation: the
        maximum of what applies keeps its points, the items count as answered, none as N/A."""
        book, result = recalculated["reasonless"]
        assert named_value(result, "applicable_max_points") == named_value(result, "max_points") == book.score.maximum
        assert named_value(result, "items_answered") == 3 and named_value(result, "items_not_applicable") == 0
        assert named_value(result, "not_applicable_points") == 0
        assert named_value(result, "total_points") == 1
        as_no = Answers(route="dashboard", answers={"al-on-02": True, "al-on-03": False, "al-on-04": ()})
        assert named_values(result) == pytest.approx(expected_names(score(M, as_no)))

    def test_one_yes_and_the_rest_na_shows_the_share_and_the_flag(self, recalculated):
        """One Yes with every other item N/A: after LibreOffice's recalculation, beside 100% of what applies,
        the N/A items and points and the flag sentence, the package's own words."""
        book, result = recalculated["gamed"]
        assert named_value(result, "applicable_percent") == 1
        assert (named_value(result, "items_not_applicable"), named_value(result, "not_applicable_points")) == (2, 3)
        assert named_value(result, "not_applicable_flag") == book.score.not_applicable_flag + "."
        assert book.score.not_applicable_flag.startswith("N/A covers 3 of 4 points: more than a quarter")
        assert named_values(result) == pytest.approx(expected_names(book.score))


MANUAL_NO = {"be-on-02"}  # the fixture's practice of Google's level 1 (and Microsoft's 2)
REAL = load_methodology(Path(__file__).parent.parent / "checklists")


def real_manual_answers():
    """On the real ML route: yes to every practice (every option) but the automation ones."""
    answers = {i.id: True if i.kind == YES_NO else tuple(o.id for o in i.options)
               for p, i in REAL.route_practices("ml-model") if not p.automation}
    return Answers(route="ml-model", task_type="binary-classification", answers=answers)


def assert_formulas_as_written(book, result, sheets) -> None:
    """Every formula of the sheets, recalculated by LibreOffice (result), has the value XlsxWriter wrote
    beside it (an empty text read back as None)."""
    for sheet in sheets:
        for row in book.formulas[sheet].iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    expected = book.values[sheet][cell.coordinate].value
                    assert result[sheet][cell.coordinate].value == pytest.approx(expected) \
                        or (expected == "" and result[sheet][cell.coordinate].value is None), \
                        (sheet, cell.coordinate, cell.value)


def named_value(workbook, name):
    (sheet, ref), = workbook.defined_names[name].destinations
    return workbook[sheet][ref.replace("$", "")].value


def named_values(workbook):
    return {name: named_value(workbook, name) for name in NAMES}


class TestLibreOffice:
    def test_changed_answer_adds_a_point(self, recalculated):
        """Setting one more answer to Yes raises LibreOffice's Overall points by one."""
        book, result = recalculated["edited"]
        assert named_value(result, "total_points") == book.score.points + 1
        assert named_value(result, "overall_percent") == pytest.approx(
            (book.score.points + 1) / book.score.maximum)

    def test_headline_follows_the_edits(self, recalculated):
        """After the edits, LibreOffice's headline says the new total and what applies, in words and percentages."""
        book, result = recalculated["edited"]
        points, maximum, applicable = book.score.points + 1, book.score.maximum, book.score.applicable_maximum - 1
        _, rows = TestHeadline.headline(result)
        assert rows[0][1:] == (pytest.approx(points / maximum), f"{points} of {maximum} points")
        assert rows[4][0] == "Of what applies" and rows[4][1] == pytest.approx(points / applicable)
        assert rows[4][2].startswith(f"{points} of {applicable} points; N/A: ")

    def test_answer_set_to_na_lowers_what_applies(self, recalculated):
        """Setting an answer to N/A lowers the maximum of what applies by the row's maximum, not the paper's maximum."""
        book, result = recalculated["edited"]
        row = book.row("al-on-03", values=True)
        assert row["Maximum"] == 1
        assert named_value(result, "max_points") == book.score.maximum
        assert named_value(result, "applicable_max_points") == \
            book.score.applicable_maximum - row["Maximum"]
        assert named_value(result, "paper_max_points") == book.score.paper_maximum

    def test_edited_figures_are_the_score_of_the_edits(self, recalculated):
        """After the edits, all eight figures are score()'s for the answers the edits stand for."""
        book, result = recalculated["edited"]
        answers = book.answers
        edited = Answers(route=answers.route, task_type=answers.task_type,
                         answers={**answers.answers, "be-on-02": True},
                         not_applicable={**answers.not_applicable, "al-on-03": EDITS["al-on-03"][1]})
        expected = expected_names(score(M, edited))
        assert expected["paper_points"] == book.score.paper_points + 1
        assert named_values(result) == pytest.approx(expected)

    def test_recalculation_matches_cached_values(self, recalculated):
        """Recalculated from scratch, every formula gives the cached value the score wrote."""
        book, result = recalculated["unchanged"]
        for sheet in ("Summary", "Answers", "Roadmap"):
            for row in book.formulas[sheet].iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        expected = book.values[sheet][cell.coordinate].value
                        assert result[sheet][cell.coordinate].value == pytest.approx(expected), \
                            (sheet, cell.coordinate, cell.value)

    def test_recalculated_figures_are_the_score(self, recalculated):
        """With N/A items, LibreOffice's two percentages and paper-core subscore are score()'s."""
        book, result = recalculated["unchanged"]
        assert book.score.not_applicable and book.score.paper_maximum
        assert named_values(result) == pytest.approx(expected_names(book.score))


class TestSpanishInLibreOffice:
    """The Spanish workbook recalculated by LibreOffice (in the same run as the English ones)."""

    def test_typed_spanish_words_are_the_score(self, recalculated):
        """With Sí, si and No aplica typed, LibreOffice's totals are the package's score of the answers they say."""
        book, result = recalculated["es-edited"]
        assert score(M, ES_EDITED).points == book.score.points + 2
        assert named_values(result) == pytest.approx(expected_names_es(score(M, ES_EDITED)))

    @pytest.mark.parametrize("name", ["es-unchanged", "es-gamed"])
    def test_recalculation_matches_cached_values(self, recalculated, name):
        """Recalculated from scratch, every formula of the Spanish workbook (the texts in Spanish too) gives the
        cached value the package wrote."""
        book, result = recalculated[name]
        for sheet in ("Resumen", "Respuestas", "Hoja de ruta"):
            for row in book.formulas[sheet].iter_rows():
                for cell in row:
                    if cell.data_type == "f":
                        expected = book.values[sheet][cell.coordinate].value
                        got = result[sheet][cell.coordinate].value
                        assert got == pytest.approx(expected) or (expected is None and got == ""), \
                            (sheet, cell.coordinate, cell.value)
        assert named_values(result) == pytest.approx(expected_names_es(book.score))

    def test_flag_sentence_in_spanish(self, recalculated):
        """One Yes with every other item N/A: LibreOffice shows the Spanish flag sentence."""
        _, result = recalculated["es-gamed"]
        assert named_value(result, "not_applicable_flag").startswith("Lo marcado «No aplica» cubre 3 de 4 puntos: ")

    def test_real_manual_project_sentence_in_spanish(self, recalculated):
        """On the real checklists, yes to all but automation: LibreOffice's levels are 0 and its sentence is the
        package's, with the percentage written 77,8 % (a comma, whatever the locale)."""
        book, result = recalculated["es-real-manual"]
        assert [named_value(result, f"maturity_{m}") for m in ("google", "microsoft")] == [0, 0]
        sentences = [c.value for row in result["Resumen"].iter_rows() for c in row
                     if isinstance(c.value, str) and c.value.endswith("lo que aún pide el siguiente nivel.")]
        assert sentences == [f"{book.score.percent:.1f} %".replace(".", ",") + " en la escala del artículo y nivel 0 de "
                             + " y de ".join(m.model_title for m in maturity(REAL.in_language("es"), book.score).models)
                             + ": la escala del artículo cuenta prácticas, no si se hacen a mano; la hoja de ruta lista "
                               "lo que aún pide el siguiente nivel."]
        assert_formulas_as_written(book, result, ("Resumen", "Hoja de ruta"))


def sixteen_point_methodology():
    """The fixture with twelve more parts on al-on-04: the dashboard's maximum is 16, so 1 of 16 is 6.25%."""
    raw = load_raw(FIXTURE)
    item = next(i for i in raw["stages"][0]["subphases"][0]["items"] if i["id"] == "al-on-04")
    item["options"] += [{"id": f"part-{n}", "label": f"Part {n}", "es": {"label": f"Parte {n}"}}
                        for n in range(1, 13)]
    for route in raw["methodology"]["routes"]:
        maximum = route["published_maximum"]
        route["published_maximum"] = [m + 12 for m in maximum] if isinstance(maximum, list) else maximum + 12
    return build_methodology(raw)


# Answers on the 16-point dashboard whose percentages end in a half: 1, 3 and 5 of 16.
HALVES = {
    "one": {"al-on-02": True},
    "three": {"al-on-02": True, "al-on-04": ("part-1", "part-2")},
    "five": {"al-on-02": True, "al-on-04": ("part-1", "part-2", "part-3", "part-4")},
}


class TestPercentDisplay:
    def test_libreoffice_shows_the_packages_percentages(self, tmp_path):
        """The 0.0% cells as LibreOffice displays them (6.25% shown as 6.3%) read as the package's percentages."""
        if SOFFICE is None:
            pytest.fail("LibreOffice (soffice) is not installed: `./run test` installs libreoffice-calc-nogui", pytrace=False)
        methodology = sixteen_point_methodology()
        expected = {}
        for name, answers in HALVES.items():
            answers = Answers(route="dashboard", answers=answers, not_applicable={"al-on-03": "Not part of it"})
            (tmp_path / f"{name}.xlsx").write_bytes(workbook_bytes(methodology, answers, generated_at=WHEN))
            result = score(methodology, answers)
            expected[name] = [f"{result.percent:.1f}%", f"{result.applicable_percent:.1f}%"]
        assert expected["one"] == ["6.3%", "6.7%"] and expected["five"] == ["31.3%", "33.3%"]
        profile = tmp_path / "profile"
        (profile / "user").mkdir(parents=True)
        # CSV of the first sheet (Summary), each cell as shown: the filter's ninth option.
        command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore",
                   "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true",
                   "--outdir", str(tmp_path / "out"), *(str(tmp_path / f"{n}.xlsx") for n in HALVES)]
        subprocess.run(command, capture_output=True, timeout=180, check=True)
        for name in HALVES:
            rows = (tmp_path / "out" / f"{name}.csv").read_text(encoding="utf-8").splitlines()
            overall = next(row.split(",") for row in rows if row.startswith("Overall,"))
            assert [overall[3], overall[5]] == expected[name], name

    @pytest.mark.parametrize("name", list(HALVES))
    def test_cached_fraction_rounds_half_up_to_the_percent(self, name):
        """The cached fraction, rounded half up on its decimal digits as the 0.0% format does, is the package's percent."""
        methodology = sixteen_point_methodology()
        book = Book(Answers(route="dashboard", answers=HALVES[name]), methodology)
        cached = book.named("overall_percent")
        assert cached.number_format == "0.0%"
        shown = (Decimal(repr(cached.value)) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert float(shown) == book.score.percent
        assert str(shown).endswith(("3", "8"))  # 6.25, 18.75, 31.25: each a half, rounded up


class TestFiguresCountedByHand:
    def test_named_totals_on_a_small_dashboard(self):
        """On the fixture dashboard, counted by hand: 2 of 4 points, 2 of 3 that apply, 1 of 2 from the paper,
        2 items answered (yes, one option of two chosen), 1 N/A worth 1 point, none open."""
        # al-on-02 yes (paper, 1), al-on-03 N/A (paper, 1 point left out), al-on-04 part-x of x, z (derived, 2).
        book = Book(Answers(route="dashboard", answers={"al-on-02": True, "al-on-04": ("part-x",)},
                            not_applicable={"al-on-03": "Not part of this project"}))
        shown = {name: book.named(name).value for name in NAMES}
        assert shown == {"total_points": 2, "max_points": 4, "overall_percent": 0.5,
                         "applicable_max_points": 3, "applicable_percent": 2 / 3,
                         "paper_points": 1, "paper_max_points": 2, "paper_percent": 0.5,
                         "items_total": 3, "items_answered": 2, "items_not_applicable": 1, "items_open": 0,
                         "not_applicable_points": 1, "not_applicable_flag": None}


# ---------------------------------------------------------------- maturity (maturity_sheet.py)

def maturity_of(book):
    return maturity(book.methodology, book.score)


def roadmap_rows(book, values=True, workbook=None):
    """The Roadmap sheet's practice table (of the book, or of a workbook read back), as dicts by header."""
    sheet = (workbook or (book.values if values else book.formulas))["Roadmap"]
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Stage")
    names = [sheet.cell(header, c).value for c in range(1, sheet.max_column + 1)]
    rows = []
    for r in range(header + 1, sheet.max_row + 1):
        if not sheet.cell(r, 2).value:
            break
        rows.append(dict(zip(names, (sheet.cell(r, c).value for c in range(1, len(names) + 1)))))
    return rows


def mlts_table(book, values=True):
    sheet = (book.values if values else book.formulas)["Roadmap"]
    header = next(r for r in range(1, sheet.max_row + 1) if sheet.cell(r, 1).value == "Test")
    return {sheet.cell(r, 1).value: (sheet.cell(r, 4).value, sheet.cell(r, 5).value)
            for r in range(header + 1, sheet.max_row + 1)}


MANUAL_FIXTURE = Answers(route="ml-model", task_type="binary-classification", answers={
    "al-on-02": True, "al-on-03": True, "al-on-04": ("part-x", "part-z"), "be-on-02": False,
    "be-on-03": ("metric-1", "metric-2")})


class TestMaturitySheet:
    def test_summary_gives_the_level_after_the_paper_core(self):
        """Below the paper-core table: each model's level with its title, the sentence and the ML Test Score."""
        book = Book(MANUAL_FIXTURE)
        levels = maturity_of(book)
        texts = book.texts()
        assert texts.index("MLOps maturity with these answers") > texts.index(
            "Paper's own questions (paper-core subscore)")
        assert [book.named(f"maturity_{m.model_id}").value for m in levels.models] == [0, 1]
        assert "level 0 of 2 (Manual process)" in texts and "level 1 of 4 (DevOps but no MLOps)" in texts
        assert levels.by_hand in texts and levels.by_hand.startswith("85.7% on the paper's scale")
        assert book.named("ml_test_score_met").value == levels.ml_test_score.met == 3
        assert levels.ml_test_score.text in texts

    def test_level_formulas_read_the_roadmap_sheet(self):
        """The level cells are formulas over the Roadmap sheet's level and Met columns."""
        book = Book(MANUAL_FIXTURE)
        formula = book.named("maturity_google", values=False).value
        assert formula.startswith("=IF(COUNTIFS(Roadmap!") and ',"<=2",' in formula
        assert book.named("ml_test_score_met", values=False).value.startswith("=COUNTIF(Roadmap!$E$")

    def test_roadmap_lists_the_levels_practices_in_stage_order(self):
        """The Roadmap sheet has the route's practices with a level, their item, levels, Met and next level."""
        book = Book(MANUAL_FIXTURE)
        levels = maturity_of(book)
        rows = roadmap_rows(book)
        assert [r["Item id"] for r in rows] == ["al-on-03", "be-on-02"]
        assert [(r["Level in Google's levels"], r["Level in Microsoft's model"], r["Met"]) for r in rows] == \
            [(2, 1, 1), (1, 2, 0)]
        google, microsoft = levels.models
        assert [r["Item id"] for r in rows if r["Needed for the next level of Google's levels"]] == \
            [s.item_id for s in google.roadmap] == ["be-on-02"]
        assert rows[1]["Needed for the next level of Microsoft's model"] == "level 2"

    def test_met_formula_of_a_multiple_choice_item(self):
        """A multiple-choice item is met when its points equal its maximum and none of its rows is N/A."""
        book = Book(MANUAL_FIXTURE)
        met = mlts_table(book, values=False)["data-2"][1]
        assert "SUM(Answers!$I$4:$I$5)>0" in met and 'COUNTIF(Answers!$F$4:$F$5,"N/A")=0' in met
        assert mlts_table(book)["data-2"] == ("al-on-04", 1)

    def test_ml_test_score_table(self):
        """All 28 tests are listed; those no item of the route covers say so."""
        table = mlts_table(Book(MANUAL_FIXTURE))
        assert len(table) == 28
        assert table["monitor-1"] == ("not covered", None)
        assert table["data-1"] == ("al-on-02, al-on-03", 1) and table["infra-1"] == ("be-on-02", 0)

    def test_answers_sheet_names_the_practice(self):
        """Each row of the Answers sheet shows the title of its item's practice."""
        sheet = Book(MANUAL_FIXTURE).formulas["Answers"]
        column = get_column_letter(COL_PRACTICE + 1)
        practices = {sheet[f"C{r}"].value: sheet[f"{column}{r}"].value for r in range(2, sheet.max_row + 1)}
        assert practices["be-on-02"] == "Training automated"
        assert practices["be-on-03/metric-2"] == "Metrics computed"

    def test_import_ignores_the_practice_column(self):
        """A workbook with the practice column imports back to the same answers."""
        from mlops_handbook.workbook_import import answers_from_workbook

        book = Book(MANUAL_FIXTURE)
        read = answers_from_workbook(book.data, M, "score.xlsx")
        assert read.answers == {k: v for k, v in MANUAL_FIXTURE.answers.items()}

    def test_route_without_levels_in_reach(self):
        """On the report route no level is within reach: the levels are 0 and the sheet says why."""
        book = Book(Answers(route="analytical-report"))
        assert book.named("maturity_google").value == 0
        assert any(text.startswith("No practice of level 1 applies to the Analytical report route")
                   for text in book.texts())
        assert roadmap_rows(book) == []


class TestMaturityAfterLibreOffice:
    def test_typed_manual_project_stays_at_level_0(self, recalculated):
        """Yes typed everywhere but the automation item: LibreOffice gives Google's level 0, the sentence and the count."""
        _, result = recalculated["manual"]
        typed = Answers(route="ml-model", task_type="binary-classification", answers={
            "al-on-02": True, "al-on-03": True, "al-on-04": ("part-x", "part-z"), "be-on-02": False,
            "be-on-03": ("metric-1", "metric-2", "metric-3")})
        expected = maturity(M, score(M, typed))
        assert [named_value(result, f"maturity_{m.model_id}") for m in expected.models] == [0, 1]
        assert named_value(result, "ml_test_score_met") == expected.ml_test_score.met
        sentence = [c.value for row in result["Summary"].iter_rows() for c in row
                    if isinstance(c.value, str) and c.value.endswith("what the next level still needs.")]
        assert sentence == [expected.by_hand]

    def test_typed_yes_lifts_the_level(self, recalculated):
        """Yes typed on the automation item raises Google's level from the exported 0 to 1, and the roadmap follows."""
        book, result = recalculated["edited"]
        assert book.named("maturity_google").value == 0
        assert named_value(result, "maturity_google") == 1
        marks = {r["Item id"]: r["Needed for the next level of Google's levels"]
                 for r in roadmap_rows(None, workbook=result)}
        assert marks == {"al-on-03": "level 2", "be-on-02": None}

    def test_real_manual_project_below_the_automated_levels(self, recalculated):
        """On the real checklists, yes to all but automation: LibreOffice's levels are 0 and every formula is the score's."""
        book, result = recalculated["real-manual"]
        levels = maturity_of(book)
        assert [named_value(result, f"maturity_{m.model_id}") for m in levels.models] == [0, 0]
        assert book.score.percent >= 75 and levels.by_hand
        assert_formulas_as_written(book, result, ("Summary", "Roadmap"))
