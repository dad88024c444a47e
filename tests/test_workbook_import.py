"""Tests of the spreadsheet round trip: export, fill in (openpyxl, LibreOffice), import back."""

import datetime as dt
import io
import json
import os
import random
import re
import shutil
import signal
import subprocess
import zipfile
import zlib
from pathlib import Path
from xml.sax.saxutils import escape

import openpyxl
import pytest
from hypothesis import HealthCheck, assume, given, settings

from helpers import FIXTURE_CHECKLISTS
from mlops_handbook import Answers, HandbookError, score
from mlops_handbook.answers import reason_accepted
from mlops_handbook.loader import load_methodology
from mlops_handbook.spreadsheet import flag_text, workbook_bytes
from mlops_handbook.workbook_import import (
    MAX_PART_BYTES, MAX_WORKBOOK_BYTES, MESSAGES, answers_from_workbook, is_workbook,
)
from mlops_handbook.workbook_layout import MARKER_NAME, WRITTEN_VERSION, route_units, words
from test_spreadsheet import (
    REAL, SOFFICE, expected_names, libreoffice_convert, named_values, random_answers,
)

M = load_methodology(FIXTURE_CHECKLISTS)
WHEN = dt.datetime(2026, 11, 26, 9, 30, tzinfo=dt.timezone.utc)
FILE = "filled.xlsx"

ML = Answers(
    route="ml-model", task_type="binary-classification", project="Churn =model", assessor="A. Lead",
    date="2026-11-26",
    answers={"al-on-02": True, "al-on-03": False, "be-on-03": ("metric-1", "metric-3")},
    not_applicable={"al-on-04": "No parts: the client hosts it"},
    notes={"al-on-02": "Signed off\nsecond line ü 🚀\ttab", "be-on-03": "=SUM(A1)"},
)


def export(answers: Answers) -> bytes:
    return workbook_bytes(M, answers, generated_at=WHEN)


def edited(data: bytes, answers: dict | None = None, summary: dict | None = None) -> bytes:
    """The workbook with cells changed through openpyxl: {unit id: {column header: value}} on the
    Answers sheet, {cell: value} on the Summary."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheet = book["Answers"]
    headers = [c.value for c in sheet[1]]
    for unit_id, cells in (answers or {}).items():
        row = row_of(sheet, unit_id)
        for header, value in cells.items():
            sheet.cell(row, headers.index(header) + 1).value = value
    for ref, value in (summary or {}).items():
        book["Summary"][ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def row_of(sheet, unit_id: str) -> int:
    return next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 3).value == unit_id)


def held(answers: Answers) -> Answers:
    """What the workbook of these answers holds: every item's answer, reason and note, on the route
    or off it (the Off route sheet), unanswered items left out, empty notes dropped, the options of
    a multiple-choice answer in the item's order."""
    items = {i.id: i for i in M.items}
    task_type = answers.task_type if M.route_uses_task_type(answers.route) else None

    def kept(item_id, value):
        if isinstance(value, tuple):
            return tuple(o.id for o in items[item_id].options if o.id in value)
        return value

    return Answers(
        answers.route, task_type, answers.project, answers.assessor, answers.date,
        {k: kept(k, v) for k, v in answers.answers.items() if v is not None},
        {k: v for k, v in answers.notes.items() if v},
        dict(answers.not_applicable),
    )


def refusal(data: bytes) -> HandbookError:
    with pytest.raises(HandbookError) as caught:
        answers_from_workbook(data, M, FILE)
    assert caught.value.file == FILE
    return caught.value


class TestIsWorkbook:
    def test_zip_and_json(self):
        """An .xlsx starts as a zip; an answers file's text does not."""
        assert is_workbook(export(ML))
        assert not is_workbook(b'{"format": "mlops-handbook-answers"}')
        assert not is_workbook(b"")
        assert not is_workbook('{"format": "mlops-handbook-answers"}')  # text, not bytes
        assert is_workbook(memoryview(export(ML)))


class TestAsWritten:
    @pytest.mark.parametrize("answers", [
        ML,
        Answers(route="dashboard", answers={"al-on-04": ()}, not_applicable={"al-on-03": " Not part of it "}),
        Answers(route="ml-model", answers={"be-on-03": ("metric-2",)}, notes={"be-on-03": "later"}),
        Answers(route="analytical-report", project="", date="", answers={"al-on-05": False}),
    ], ids=["ml", "dashboard", "no-task-type", "report"])
    def test_same_answers_back(self, answers):
        """A workbook imported untouched gives back the answers it was written from."""
        assert answers_from_workbook(export(answers), M, FILE) == held(answers)

    def test_escape_like_text_kept(self):
        """Text that looks like the file format's escapes (_x0041_) and control characters come back as typed.

        (openpyxl saves such text unescaped, so it is checked on the written file only.)
        """
        answers = Answers(route="dashboard", notes={"al-on-02": "_x0041_ and _x005F_ \x01 \r\n end"})
        assert answers_from_workbook(export(answers), M, FILE) == answers

    @settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(random_answers())
    def test_any_answers_back(self, answers):
        """For any answers, what the workbook holds of them comes back unchanged."""
        assume(all(reason_accepted(reason) for reason in answers.not_applicable.values()))  # as the file requires
        assert answers_from_workbook(export(answers), M, FILE) == held(answers)


def everything(methodology, route: str) -> Answers:
    """An answers file with something on every item of the methodology, whatever the route: every
    item a note, every third scored item N/A with a reason the rule accepts, the others answered
    (yes or no, or some of their options, none for some)."""
    answers, not_applicable, notes = {}, {}, {}
    for n, item in enumerate(methodology.items):
        notes[item.id] = f"Note {n} on {item.id}: 🚀 ü\nsecond line"
        if not item.scored:
            continue
        if n % 3 == 0:
            not_applicable[item.id] = f"Reason number {n}: not part of this project"
        elif item.kind == "yes-no":
            answers[item.id] = n % 2 == 0
        else:
            answers[item.id] = tuple(o.id for k, o in enumerate(item.options) if (k + n) % 2)
    task_type = methodology.task_types[-1].id if methodology.route_uses_task_type(route) else None
    return Answers(route, task_type, "Every item", "A. Lead", "2026-11-26", answers, notes, not_applicable)


ROUTES = [r.id for r in M.routes]
REAL_ROUTES = [r.id for r in REAL.routes]


class TestEveryItemBack:
    @pytest.mark.parametrize("route", ROUTES)
    def test_fixture_every_item_back(self, route):
        """Answers, notes and N/A reasons on every item of the fixture, on or off the route, come back equal."""
        answers = everything(M, route)
        assert any(not i.applies_to(route) for i in M.items if i.id in answers.notes)  # off-route items are in
        assert answers_from_workbook(export(answers), M, FILE) == answers

    @pytest.mark.parametrize("route", REAL_ROUTES)
    def test_real_every_item_back(self, route):
        """The same on the real checklists: every item of every route, exported on each route, comes back equal."""
        answers = everything(REAL, route)
        assert answers_from_workbook(workbook_bytes(REAL, answers, generated_at=WHEN), REAL, FILE) == answers

    def test_off_route_rows_do_not_count(self):
        """The Off route sheet's answers change no total: the Summary's figures are those of the route's items."""
        answers = everything(M, "dashboard")
        book = openpyxl.load_workbook(io.BytesIO(export(answers)), data_only=True)
        expected = expected_names(score(M, answers))
        assert named_values(book) == pytest.approx(expected)
        sheet = book["Off route"]
        ids = [sheet.cell(r, 3).value for r in range(2, sheet.max_row + 1)]
        assert "be-on-02" in ids and "al-on-02" not in ids
        formulas = openpyxl.load_workbook(io.BytesIO(export(answers)))
        assert not any("Off route" in str(d.attr_text) for d in formulas.defined_names.values())
        assert not any(isinstance(c.value, str) and c.value.startswith("=") and "Off route" in c.value
                       for ws in formulas for row in ws.iter_rows() for c in row)

    def test_off_route_cells_typed_come_back(self):
        """An answer, N/A with its reason and a note typed on the Off route sheet import."""
        data = export(Answers(route="dashboard"))
        book = openpyxl.load_workbook(io.BytesIO(data))
        sheet = book["Off route"]
        rows = {sheet.cell(r, 3).value: r for r in range(2, sheet.max_row + 1)}
        sheet.cell(rows["be-on-02"], 6).value = "Yes"
        sheet.cell(rows["al-on-05"], 6).value = "N/A"
        sheet.cell(rows["al-on-05"], 7).value = "No model is trained here"
        sheet.cell(rows["be-on-03/metric-2"], 6).value = "Yes"
        sheet.cell(rows["be-on-03/metric-2"], 8).value = "Typed off route"
        out = io.BytesIO()
        book.save(out)
        assert answers_from_workbook(out.getvalue(), M, FILE) == Answers(
            route="dashboard", answers={"be-on-02": True, "be-on-03": ("metric-2",)},
            not_applicable={"al-on-05": "No model is trained here"}, notes={"be-on-03": "Typed off route"})

    def test_off_route_sheet_required(self):
        """A workbook of the current version without its Off route sheet is refused, naming the sheet."""
        book = openpyxl.load_workbook(io.BytesIO(export(everything(M, "dashboard"))))
        del book["Off route"]
        out = io.BytesIO()
        book.save(out)
        error = refusal(out.getvalue())
        assert error.place == "sheet Off route"

    def test_row_on_both_sheets_refused(self):
        """An id of the Answers sheet copied onto the Off route sheet is refused, naming both cells."""
        book = openpyxl.load_workbook(io.BytesIO(export(Answers(route="dashboard"))))
        book["Off route"].cell(2, 3).value = "al-on-02"
        out = io.BytesIO()
        book.save(out)
        error = refusal(out.getvalue())
        assert error.place == "Off route!C2" and "Answers!C2" in error.problem

    def test_answer_to_a_path_question_refused(self):
        """A question that only chooses a path takes a note on the Off route sheet, never an answer."""
        chooser = next(i for i in M.items if not i.scored)
        book = openpyxl.load_workbook(io.BytesIO(export(Answers(route="dashboard"))))
        sheet = book["Off route"]
        row = next(r for r in range(2, sheet.max_row + 1) if sheet.cell(r, 3).value == chooser.id)
        sheet.cell(row, 6).value = "Yes"
        out = io.BytesIO()
        book.save(out)
        assert refusal(out.getvalue()).place == f"Off route!F{row}"


class TestLongNotes:
    def test_migrated_long_note_back(self):
        """A note longer than one typed in a box (as a migration joins two), on and off the route, comes back whole."""
        long_note = ("Merged note, kept whole. " * 1_300)[:30_000]
        answers = Answers(route="dashboard", notes={"al-on-02": long_note, "be-on-02": long_note + " off route"})
        assert answers_from_workbook(export(answers), M, FILE) == answers

    def test_note_over_the_file_limit_refused_at_its_cell(self):
        """A note cell past what an answers file may hold is refused, naming the cell."""
        data = edited(export(ML), answers={"al-on-02": {"Note": "x" * 32_100}})
        error = refusal(data)
        assert error.place == "Answers!J2" and "32,100 characters" in error.problem


class TestReasonBesideAnAnswer:
    @pytest.mark.parametrize("answer", ["Yes", "No"])
    def test_reason_beside_yes_or_no_refused(self, answer):
        """A reason typed beside a Yes or No row is refused at its cell with the fix, never dropped."""
        data = edited(export(ML), answers={"al-on-02": {"Answer": answer, "Reason (if N/A)": "Typed by mistake here"}})
        error = refusal(data)
        assert error.place == "Answers!G2"
        assert f"answered {answer}" in error.problem and "Answers!J2" in error.fix and "N/A" in error.fix

    def test_reason_left_beside_options_refused(self):
        """Options answered while the reason of an earlier N/A is still in a row: refused at that reason."""
        data = edited(export(ML), answers={"al-on-04/part-x": {"Answer": "Yes"}, "al-on-04/part-z": {"Answer": "No"}})
        assert refusal(data).place == "Answers!G4"


class TestEditedWithOpenpyxl:
    def test_cells_typed_in_the_sheet(self):
        """Answers, N/A with reason, options, notes, details and task type typed in the cells come back."""
        data = edited(export(ML), answers={
            "al-on-02": {"Answer": "No", "Note": None},
            "al-on-03": {"Answer": "N/A", "Reason (if N/A)": "Not in scope"},
            "al-on-04/part-x": {"Answer": "yes ", "Reason (if N/A)": None},
            "al-on-04/part-z": {"Answer": "No", "Reason (if N/A)": None},
            "be-on-02": {"Answer": "Yes", "Note": "Trained on 2026 data"},
            "be-on-03/metric-1": {"Answer": "No"},
            "be-on-03/metric-2": {"Answer": "Yes"},
        }, summary={"B4": "Renamed", "B5": "B. Other", "B6": "2026-12-01", "B8": "Regression"})
        assert answers_from_workbook(data, M, FILE) == Answers(
            route="ml-model", task_type="regression", project="Renamed", assessor="B. Other",
            date="2026-12-01",
            answers={"al-on-02": False, "al-on-04": ("part-x",), "be-on-02": True,
                     "be-on-03": ("metric-2", "metric-3")},
            not_applicable={"al-on-03": "Not in scope"},
            notes={"be-on-02": "Trained on 2026 data", "be-on-03": "=SUM(A1)"},
        )

    def test_cleared_answers_are_unanswered(self):
        """Emptying every row of an item leaves it unanswered."""
        data = edited(export(ML), answers={u: {"Answer": None} for u in (
            "al-on-02", "be-on-03/metric-1", "be-on-03/metric-2", "be-on-03/metric-3")})
        result = answers_from_workbook(data, M, FILE)
        assert "al-on-02" not in result.answers and "be-on-03" not in result.answers
        assert result.notes == ML.notes  # the notes stay with their items

    def test_multiple_choice_na_on_one_row(self):
        """N/A on one row of a multiple-choice item, the others empty, marks the whole item."""
        data = edited(export(Answers(route="dashboard")), answers={
            "al-on-04/part-z": {"Answer": "N/A", "Reason (if N/A)": "No parts in this project"}})
        assert answers_from_workbook(data, M, FILE).not_applicable == {"al-on-04": "No parts in this project"}

    @pytest.mark.parametrize("typed", ["not chosen", None])
    def test_task_type_unchosen(self, typed):
        """"not chosen" or an empty task type cell leaves the task type unchosen."""
        data = edited(export(ML), summary={"B8": typed})
        assert answers_from_workbook(data, M, FILE).task_type is None

    def test_date_stored_as_a_date(self):
        """A date the spreadsheet stored as a day number comes back as YYYY-MM-DD."""
        data = edited(export(ML), summary={"B6": dt.date(2027, 1, 31)})
        assert answers_from_workbook(data, M, FILE).date == "2027-01-31"

    def test_number_typed_as_a_note(self):
        """A number typed in a text cell is taken as its digits."""
        data = edited(export(ML), answers={"al-on-02": {"Note": 2026}}, summary={"B4": 42})
        result = answers_from_workbook(data, M, FILE)
        assert result.notes["al-on-02"] == "2026" and result.project == "42"


# ---------------------------------------------------------------- a workbook in Spanish

ES = M.in_language("es")


def export_es(answers: Answers) -> bytes:
    return workbook_bytes(ES, answers, generated_at=WHEN)


def edited_es(data: bytes, answers: dict | None = None, summary: dict | None = None,
              off_route: dict | None = None) -> bytes:
    """The Spanish workbook with cells typed through openpyxl: {unit id: {Spanish header: value}} on the
    Respuestas sheet (and on Fuera de la ruta), {cell: value} on the Resumen."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    for name, cells_by_unit in (("Respuestas", answers), ("Fuera de la ruta", off_route)):
        sheet = book[name]
        headers = [c.value for c in sheet[1]]
        for unit_id, cells in (cells_by_unit or {}).items():
            for header, value in cells.items():
                sheet.cell(row_of(sheet, unit_id), headers.index(header) + 1).value = value
    for ref, value in (summary or {}).items():
        book["Resumen"][ref] = value
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


# The answer words typed in any case, in either language, into a Spanish workbook, and what they say.
ES_TYPED = {
    "al-on-02": {"Respuesta": "sí"},
    "al-on-03": {"Respuesta": "NO APLICA", "Motivo (si no aplica)": "No hay segunda cosa en este proyecto"},
    "al-on-04/part-x": {"Respuesta": "Si", "Motivo (si no aplica)": None},
    "al-on-04/part-z": {"Respuesta": "no", "Motivo (si no aplica)": None},
    "be-on-02": {"Respuesta": "Yes", "Nota": "Entrenado con datos de 2026"},
    "be-on-03/metric-1": {"Respuesta": "SÍ"},
    "be-on-03/metric-2": {"Respuesta": "No"},
    "be-on-03/metric-3": {"Respuesta": " Sí "},
}
ES_TYPED_EXPECTED = Answers(
    route="ml-model", task_type="regression", project="Proyecto tecleado", assessor="A. Lead", date="2026-12-01",
    answers={"al-on-02": True, "al-on-04": ("part-x",), "be-on-02": True, "be-on-03": ("metric-1", "metric-3")},
    not_applicable={"al-on-03": "No hay segunda cosa en este proyecto", "al-on-05": "Solo el modelo está en el alcance"},
    notes={"al-on-02": ML.notes["al-on-02"], "be-on-02": "Entrenado con datos de 2026", "be-on-03": "=SUM(A1)"},
)


class TestSpanishWorkbook:
    """A workbook exported in Spanish, filled in and imported, with either language's methodology."""

    @pytest.mark.parametrize("methodology", [M, ES], ids=["english", "spanish"])
    def test_exported_in_spanish_comes_back(self, methodology):
        """A Spanish workbook as exported imports to the exported answers, whatever the methodology's language."""
        assert answers_from_workbook(export_es(ML), methodology, FILE) == held(ML)

    def test_words_typed_in_any_case_and_either_language(self):
        """Sí, si, SÍ, Si, No, no, NO APLICA (and the English Yes) typed in a Spanish workbook, a Spanish task type,
        and N/A typed on the Fuera de la ruta sheet come back as exactly those answers, reasons and notes."""
        data = edited_es(export_es(ML), ES_TYPED, {"B4": "Proyecto tecleado", "B6": "2026-12-01", "B8": "Regresión"},
                         off_route={"al-on-05": {"Respuesta": "N/A",
                                                 "Motivo (si no aplica)": "Solo el modelo está en el alcance"}})
        assert answers_from_workbook(data, M, FILE) == ES_TYPED_EXPECTED

    def test_spanish_words_in_an_english_workbook(self):
        """Sí and No aplica typed into the English workbook are read as Yes and N/A."""
        data = edited(export(ML), answers={"al-on-02": {"Answer": "Sí"},
                                           "al-on-03": {"Answer": "no aplica", "Reason (if N/A)": "Not in scope here"}})
        result = answers_from_workbook(data, M, FILE)
        assert result.answers["al-on-02"] is True and result.not_applicable["al-on-03"] == "Not in scope here"

    @pytest.mark.parametrize(("typed", "task_type"), [
        ("sin elegir", None), ("Sin Elegir", None), ("not chosen", None), ("regresión", "regression"),
        ("Regression", "regression")])
    def test_task_type_in_either_language(self, typed, task_type):
        """The task type cell takes «sin elegir» or a title in either language."""
        assert answers_from_workbook(edited_es(export_es(ML), summary={"B8": typed}), M, FILE).task_type == task_type

    def test_a_bad_answer_names_the_spanish_words(self):
        """A word that is no answer is refused at its cell of the Respuestas sheet, naming Sí, No and No aplica."""
        error = refusal(edited_es(export_es(ML), {"al-on-02": {"Respuesta": "quizás"}}))
        assert error.place == "Respuestas!F2" and "choose Sí, No or No aplica" in error.fix

    def test_renamed_sheet_named_in_spanish(self):
        """A renamed Respuestas sheet is refused, naming it."""
        book = openpyxl.load_workbook(io.BytesIO(export_es(ML)))
        book["Respuestas"].title = "Mis respuestas"
        out = io.BytesIO()
        book.save(out)
        error = refusal(out.getvalue())
        assert error.place == "sheet Respuestas" and '"Mis respuestas"' in error.problem

    def test_moved_column_named_in_spanish(self):
        """A header edited in the Spanish workbook is refused at its cell, naming the Spanish header."""
        book = openpyxl.load_workbook(io.BytesIO(export_es(ML)))
        book["Respuestas"]["F1"] = "Contestación"
        out = io.BytesIO()
        book.save(out)
        error = refusal(out.getvalue())
        assert error.place == "Respuestas!F1" and 'expected the column "Respuesta"' in error.problem


class TestSpanishMessages:
    """With the Spanish methodology (`--lang es`, the Spanish page) the import's refusals are in Spanish."""

    def refusal_es(self, data: bytes) -> HandbookError:
        with pytest.raises(HandbookError) as caught:
            answers_from_workbook(data, ES, FILE)
        return caught.value

    def test_every_message_has_its_translation_with_the_same_fields(self):
        """The Spanish messages have every key of the English ones, each with the same {fields}."""
        assert MESSAGES["es"].keys() == MESSAGES["en"].keys()
        for key, english in MESSAGES["en"].items():
            assert sorted(re.findall(r"\{[a-z_]+\}", MESSAGES["es"][key])) == \
                sorted(re.findall(r"\{[a-z_]+\}", english)), key

    def test_bad_answer_in_spanish(self):
        """A word that is no answer is refused in Spanish, at its cell, naming Sí, No and No aplica."""
        error = self.refusal_es(edited_es(export_es(ML), {"al-on-02": {"Respuesta": "quizás"}}))
        assert error.place == "Respuestas!F2" and error.problem == '"quizás" no es una respuesta'
        assert error.fix.startswith("elija Sí, No o No aplica en la lista desplegable de la celda (para No aplica, "
                                    "el motivo va en Respuestas!G2)")

    def test_na_without_reason_in_an_english_workbook(self):
        """An English workbook refused in Spanish names its own answer words (N/A)."""
        error = self.refusal_es(edited(export(ML), {"al-on-03": {"Answer": "N/A"}}))
        assert error.place == "Answers!G3" and error.problem == "el ítem al-on-03 está marcado «N/A» sin motivo"

    def test_reason_that_says_nothing_in_spanish(self):
        """A reason the rule refuses is refused with the Spanish rule."""
        error = self.refusal_es(edited_es(export_es(ML), {"al-on-03": {"Respuesta": "No aplica",
                                                                        "Motivo (si no aplica)": "n/a"}}))
        assert error.problem.startswith("el ítem al-on-03 está marcado «No aplica» con un motivo que no dice por qué")
        assert error.fix.startswith("el motivo dice por qué el ítem no aplica, con al menos dos palabras y 8 letras")

    def test_not_ours_and_too_big_in_spanish(self):
        """A workbook that is not ours, and a file too large, are refused in Spanish (thousands written 10.000.000)."""
        book = openpyxl.Workbook()
        out = io.BytesIO()
        book.save(out)
        error = self.refusal_es(out.getvalue())
        assert error.problem.startswith("este libro no lo exportó el manual de MLOps")
        assert error.fix.startswith("exporte el libro de nuevo")
        error = self.refusal_es(b"PK\x03\x04" + bytes(MAX_WORKBOOK_BYTES))
        assert "se leen como máximo 10.000.000" in error.problem

    def test_cli_import_refused_in_spanish(self, tmp_path, capsys):
        """`mlops-handbook --lang es import` refuses a bad workbook in Spanish, with exit status 2."""
        from mlops_handbook.cli import main

        bad = tmp_path / "malo.xlsx"
        bad.write_bytes(edited_es(export_es(ML), {"al-on-02": {"Respuesta": "quizás"}}))
        assert main(["--checklists", str(FIXTURE_CHECKLISTS), "--lang", "es", "import", str(bad),
                     "-o", str(tmp_path / "out.json")]) == 2
        assert '"quizás" no es una respuesta' in capsys.readouterr().err
        assert not (tmp_path / "out.json").exists()


class TestOtherEdition:
    """A workbook exported from another edition of the methodology (its row digest differs)."""

    @staticmethod
    def other_edition(data: bytes, delete_row: int | None = None, new_id: tuple | None = None) -> bytes:
        book = openpyxl.load_workbook(io.BytesIO(data))
        name = book.defined_names[MARKER_NAME]
        name.attr_text = name.attr_text[:-13] + '000000000000"'
        if delete_row:
            book["Answers"].delete_rows(delete_row)
        if new_id:
            book["Answers"][new_id[0]] = new_id[1]
        out = io.BytesIO()
        book.save(out)
        return out.getvalue()

    def test_missing_rows_are_unanswered(self):
        """An item without a row (added since) is simply unanswered; the rest imports."""
        result = answers_from_workbook(self.other_edition(export(ML), delete_row=2), M, FILE)
        assert "al-on-02" not in result.answers and result.answers["al-on-03"] is False

    def test_retired_item_is_carried(self):
        """A row of an item since merged into another is carried as the model says (here into its note)."""
        data = self.other_edition(export(Answers(route="dashboard", answers={"al-on-02": True})),
                                  new_id=("C2", "al-on-07"))
        result = answers_from_workbook(data, M, FILE)
        assert "al-on-02" not in result.answers
        assert "[Earlier item al-on-07, merged into this one] answer true" in result.notes["al-on-04"]


class TestRefused:
    """Each refusal names the file, the sheet and cell (or part) and the fix."""

    def test_json_text(self):
        """An answers file's text is not a workbook."""
        error = refusal(b'{"format": "mlops-handbook-answers", "version": 2}')
        assert "not an .xlsx workbook" in error.message and "Fix:" in error.message

    def test_zip_without_workbook(self):
        """A zip that is not a spreadsheet is refused."""
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w") as archive:
            archive.writestr("hello.txt", "hi")
        assert "not a spreadsheet" in refusal(out.getvalue()).message

    def test_truncated_zip(self):
        """A cut-off download is refused as damaged."""
        assert "damaged" in refusal(export(ML)[:3000]).message

    def test_not_ours(self):
        """Any other .xlsx (no marker name) is refused as not the handbook's."""
        out = io.BytesIO()
        book = openpyxl.Workbook()
        book.active.title = "Summary"
        book.create_sheet("Answers")
        book.save(out)
        error = refusal(out.getvalue())
        assert "not exported by the MLOps handbook" in error.message and "export the workbook again" in error.fix

    def test_newer_version(self):
        """A marker of a later version is refused, saying so."""
        book = openpyxl.load_workbook(io.BytesIO(export(ML)))
        text = book.defined_names[MARKER_NAME].attr_text
        book.defined_names[MARKER_NAME].attr_text = text.replace(f"workbook {WRITTEN_VERSION['en']} ", "workbook 9 ")
        out = io.BytesIO()
        book.save(out)
        assert "version 9, newer" in refusal(out.getvalue()).message

    @pytest.mark.parametrize("version", [1, 3])
    def test_earlier_versions_still_import(self, version):
        """A workbook exported before the Reason accepted and Item not applicable columns (marker version 1),
        or before the Note moved ahead of the applicable maximum and the explanation and the date became a date
        (version 3), imports as it did; the same layout under the current marker is refused as restructured."""
        book = openpyxl.load_workbook(io.BytesIO(export(ML)))
        for row in book["Answers"].iter_rows():  # Applicable maximum, Explanation, Note as they were
            cells = [(c.value, c.data_type) for c in row[9:12]]
            for cell, (value, data_type) in zip(row[9:12], cells[1:] + cells[:1]):
                cell.value, cell.data_type = value, data_type  # a note such as "=SUM(A1)" stays text
        if version == 1:
            book["Answers"].delete_cols(15, 2)
        book["Summary"]["B6"] = ML.date  # the date as text, as those versions wrote it
        book["Summary"]["B6"].number_format = "@"
        text = book.defined_names[MARKER_NAME].attr_text
        book.defined_names[MARKER_NAME].attr_text = text.replace(f"workbook {WRITTEN_VERSION['en']} ", f"workbook {version} ")
        out = io.BytesIO()
        book.save(out)
        assert ML.notes and answers_from_workbook(out.getvalue(), M, FILE) == held(ML)
        book.defined_names[MARKER_NAME].attr_text = text
        out = io.BytesIO()
        book.save(out)
        assert refusal(out.getvalue()).place == "Answers!J1"

    def test_sheet_renamed(self):
        """A renamed Answers sheet is named in the refusal."""
        book = openpyxl.load_workbook(io.BytesIO(export(ML)))
        book["Answers"].title = "Antworten"
        out = io.BytesIO()
        book.save(out)
        error = refusal(out.getvalue())
        assert error.place == "sheet Answers" and '"Antworten"' in error.problem

    def test_columns_moved(self):
        """Swapped columns are refused at the first header out of place."""
        book = openpyxl.load_workbook(io.BytesIO(export(ML)))
        sheet = book["Answers"]
        sheet["F1"], sheet["G1"] = "Reason (if N/A)", "Answer"
        out = io.BytesIO()
        book.save(out)
        error = refusal(out.getvalue())
        assert error.place == "Answers!F1" and '"Answer"' in error.problem and "undo" in error.fix

    def test_id_edited_to_unknown(self):
        """An id edited to one the methodology lacks is refused at its cell."""
        data = edited(export(ML), answers={"al-on-03": {"Item id": "al-on-99"}})
        error = refusal(data)
        assert error.place == "Answers!C3" and '"al-on-99" is not an item id' in error.problem

    def test_duplicated_id(self):
        """An id edited to another row's id is refused, naming both cells."""
        data = edited(export(ML), answers={"al-on-03": {"Item id": "al-on-02"}})
        error = refusal(data)
        assert error.place == "Answers!C3" and "Answers!C2" in error.problem

    def test_row_deleted(self):
        """A deleted row is refused: the row of its item is missing."""
        book = openpyxl.load_workbook(io.BytesIO(export(ML)))
        book["Answers"].delete_rows(3)
        out = io.BytesIO()
        book.save(out)
        error = refusal(out.getvalue())
        assert error.place == "sheet Answers" and '"al-on-03" is missing' in error.problem

    def test_maybe(self):
        """"maybe" is not an answer: the cell and the drop-down's choices are named."""
        error = refusal(edited(export(ML), answers={"al-on-03": {"Answer": "maybe"}}))
        assert error.message.startswith(f'{FILE}, Answers!F3: "maybe" is not an answer. Fix: choose Yes, No or N/A')

    def test_boolean_answer(self):
        """TRUE typed in an answer cell is refused."""
        error = refusal(edited(export(ML), answers={"al-on-03": {"Answer": True}}))
        assert error.place == "Answers!F3" and '"TRUE"' in error.problem

    def test_na_without_reason(self):
        """N/A without a reason is refused at the reason's cell."""
        error = refusal(edited(export(ML), answers={"al-on-02": {"Answer": "N/A"}}))
        assert error.place == "Answers!G2" and "without a reason" in error.problem

    @pytest.mark.parametrize("reason", [".", "n/a", "none", "\u200b", "On prem"])
    def test_na_with_a_reason_that_says_nothing(self, reason):
        """N/A whose reason the rule refuses is refused at the reason's cell, with the rule in the fix."""
        error = refusal(edited(export(ML), answers={"al-on-02": {"Answer": "N/A", "Reason (if N/A)": reason}}))
        assert error.place == "Answers!G2" and "does not say why" in error.problem
        assert "counts it as No" in error.problem and "two words" in error.fix and "Answers!F2" in error.fix

    def test_multiple_choice_reason_refused_at_its_row(self):
        """A multiple-choice item's refused reason is named at the row that holds it."""
        data = edited(export(Answers(route="dashboard")), answers={
            "al-on-04/part-x": {"Answer": "N/A"}, "al-on-04/part-z": {"Reason (if N/A)": "n/a"}})
        assert refusal(data).place == "Answers!G5"

    def test_na_mixed_with_answers(self):
        """N/A on one option row and Yes on another is refused."""
        error = refusal(edited(export(ML), answers={"al-on-04/part-z": {"Answer": "Yes"}}))
        assert error.place == "Answers!F5" and "Answers!F4" in error.problem

    def test_different_reasons(self):
        """Two option rows of one item giving different reasons are refused."""
        error = refusal(edited(export(ML), answers={"al-on-04/part-z": {"Reason (if N/A)": "Other"}}))
        assert error.place == "Answers!G5" and "Answers!G4" in error.problem

    def test_reason_without_na(self):
        """A reason typed for an unanswered item (N/A forgotten) is refused."""
        error = refusal(edited(export(ML), answers={"be-on-02": {"Reason (if N/A)": "No model"}}))
        assert error.place == "Answers!G6" and "choose N/A in Answers!F6" in error.fix

    def test_unknown_task_type(self):
        """A task type not in the list is refused at its Summary cell, listing the choices."""
        error = refusal(edited(export(ML), summary={"B8": "Deep learning"}))
        assert error.place == "Summary!B8" and "Binary classification" in error.fix

    def test_bad_date(self):
        """A date not written as YYYY-MM-DD is refused."""
        error = refusal(edited(export(ML), summary={"B6": "yesterday"}))
        assert error.place == "Summary!B6" and "YYYY-MM-DD" in error.fix

    def test_details_moved(self):
        """An edited label of the details block is refused."""
        error = refusal(edited(export(ML), summary={"A4": "Name"}))
        assert error.place == "Summary!A4" and '"Project"' in error.problem

    def test_too_large(self):
        """A file over the size limit is refused before it is unpacked."""
        assert "at most" in refusal(b"PK\x03\x04" + bytes(MAX_WORKBOOK_BYTES)).message

    def test_zip_bomb(self):
        """A part that would unpack beyond the limit is refused, not unpacked."""
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(export(ML))) as source, \
                zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
            for info in source.infolist():
                body = source.read(info)
                if info.filename == "xl/worksheets/sheet2.xml":
                    body = body + b" " * (MAX_PART_BYTES + 1)
                target.writestr(info, body, zipfile.ZIP_DEFLATED)
        assert len(out.getvalue()) < MAX_WORKBOOK_BYTES
        assert "unpack" in refusal(out.getvalue()).message

    @pytest.mark.parametrize("seed", range(4))
    def test_damaged_files_are_refused_cleanly(self, seed):
        """Workbooks with random bytes changed, in the zip or inside its XML parts, either import
        or raise HandbookError: never another exception."""
        rng = random.Random(seed)
        sources = (export(ML), edited(export(ML), answers={"al-on-02": {"Answer": "No"}}))
        for attempt in range(150):
            data = sources[attempt % 2]
            if attempt % 3 == 0:
                damaged = bytearray(data)
                for _ in range(rng.randint(1, 10)):
                    damaged[rng.randrange(len(damaged))] = rng.randrange(256)
                data = bytes(damaged)
            else:
                data = self.with_xml_damaged(data, rng)
            try:
                answers_from_workbook(data, M, FILE)
            except HandbookError as error:
                assert error.file == FILE and error.fix

    @staticmethod
    def with_xml_damaged(data: bytes, rng: random.Random) -> bytes:
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                body = bytearray(source.read(info))
                if info.filename.endswith(".xml") and body and rng.random() < 0.5:
                    for _ in range(rng.randint(1, 5)):
                        body[rng.randrange(len(body))] = rng.choice(b'<>"=/0123456789 abrstvnx\x00\xff\xc3')
                target.writestr(info.filename, bytes(body))
        return out.getvalue()

    def test_unknown_xml_encoding(self):
        """A part declaring an encoding that does not exist is refused as damaged."""
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(export(ML))) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                body = source.read(info)
                if info.filename == "xl/sharedStrings.xml":
                    body = body.replace(b'encoding="UTF-8"', b'encoding="U0F-8"', 1)
                target.writestr(info, body)
        assert "not well-formed XML" in refusal(out.getvalue()).message

    def test_unsupported_zip_version(self):
        """A zip entry asking for a later zip version is refused as damaged."""
        data = bytearray(export(ML))
        central = data.index(b"PK\x01\x02")
        data[central + 6:central + 8] = (0xCB).to_bytes(2, "little")  # version needed: 20.3
        assert "zip structure" in refusal(bytes(data)).message

    def test_entities(self):
        """A part with a document type (entity expansion) is refused."""
        out = io.BytesIO()
        with zipfile.ZipFile(io.BytesIO(export(ML))) as source, zipfile.ZipFile(out, "w") as target:
            for info in source.infolist():
                body = source.read(info)
                if info.filename == "xl/sharedStrings.xml":
                    body = body.replace(b"?>", b'?><!DOCTYPE x [<!ENTITY a "aaaa">]>', 1)
                target.writestr(info, body)
        assert "document type" in refusal(out.getvalue()).message


def rewritten(data: bytes, part: str, change) -> bytes:
    """The workbook with one part's bytes changed by `change` (the zip written again)."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            body = source.read(info)
            target.writestr(info.filename, change(body) if info.filename == part else body)
    return out.getvalue()


def _utf16_entity(body: bytes) -> bytes:
    text = body.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1)
    text = text.replace("?>", '?><!DOCTYPE sst [<!ENTITY a "Injected by an entity">]>', 1)
    return text.replace("<t>Churn =model</t>", "<t>&a;</t>", 1).encode("utf-16")


def _index_of_project(body: bytes, digits: bytes) -> bytes:
    return re.sub(rb'(<c r="B4"[^>]*t="s"><v>)[0-9]+', lambda m: m[1] + digits, body, count=1)


SUMMARY_PART, STRINGS_PART = "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml"
# Workbooks a hostile or careless user could hand the import, with what the refusal must say (its
# place, or words of its message). The same corpus runs in Pyodide (test_import_in_pyodide).
HOSTILE = {
    "utf16-entity": (lambda: rewritten(export(ML), STRINGS_PART, _utf16_entity), "document type"),
    "nested-100000": (lambda: rewritten(export(ML), SUMMARY_PART, lambda b: b.replace(
        b"</worksheet>", b"<x>" * 100_000 + b"</x>" * 100_000 + b"</worksheet>")), "more than 64 deep"),
    "nested-65": (lambda: rewritten(export(ML), SUMMARY_PART, lambda b: b.replace(
        b"</worksheet>", b"<x>" * 64 + b"</x>" * 64 + b"</worksheet>")), "more than 64 deep"),
    "surrogate-escape": (lambda: rewritten(export(ML), STRINGS_PART, lambda b: b.replace(
        b"<t>Churn =model</t>", b"<t>Churn _xD800_ model</t>")), "Summary!B4"),
    "row-5000-digits": (lambda: rewritten(export(ML), SUMMARY_PART, lambda b: b.replace(
        b'<row r="4"', b'<row r="' + b"9" * 5000 + b'"', 1)), "is numbered"),
    "index-5000-digits": (lambda: rewritten(export(ML), SUMMARY_PART, lambda b: _index_of_project(b, b"9" * 5000)),
                          "missing shared string"),
    "number-5000-digits": (lambda: rewritten(export(ML), SUMMARY_PART, lambda b: re.sub(
        rb"(<c r=\"B4\"[^>]*?) t=\"s\"><v>[0-9]+", lambda m: m[1] + b"><v>" + b"9" * 5000, b, count=1)),
        "holds the number"),
    "long-answer": (lambda: edited(export(ML), answers={"al-on-03": {"Answer": "maybe " * 300_000}}), "Answers!F3"),
    "week-date": (lambda: edited(export(ML), summary={"B6": "2026-W01-1"}), "Summary!B6"),
    "compact-date": (lambda: edited(export(ML), summary={"B6": "20260101"}), "Summary!B6"),
}


class TestHostileParts:
    @pytest.mark.parametrize("name", sorted(HOSTILE))
    def test_refused_with_a_short_message(self, name):
        """Each hostile workbook is refused with the package's error (never an internal one), its
        place or problem named, in a message of at most a few hundred characters."""
        make, expected = HOSTILE[name]
        error = refusal(make())
        assert expected in error.place or expected in error.message
        assert len(error.message) < 600
        error.message.encode("utf-8")  # printable: no lone surrogate in the message

    def test_utf16_entity_is_never_expanded(self):
        """A UTF-16 part with an internal entity is refused; its text never becomes the project's name."""
        error = refusal(HOSTILE["utf16-entity"][0]())
        assert "Injected" not in error.message and "sharedStrings" in error.message

    def test_utf16_without_doctype_still_reads(self):
        """A part re-encoded as UTF-16 with no document type imports as the UTF-8 one does: it is the
        document type that is refused, not the encoding."""
        def utf16(body):
            return body.decode("utf-8").replace('encoding="UTF-8"', 'encoding="UTF-16"', 1).encode("utf-16")
        assert answers_from_workbook(rewritten(export(ML), STRINGS_PART, utf16), M, FILE) == held(ML)

    def test_nesting_within_the_limit_reads(self):
        """Elements nested 60 deep inside a sheet (within the limit) import: the limit is the depth, not the content."""
        data = rewritten(export(ML), SUMMARY_PART, lambda b: b.replace(
            b"</worksheet>", b"<x>" * 58 + b"</x>" * 58 + b"</worksheet>"))
        assert answers_from_workbook(data, M, FILE) == held(ML)

    def test_surrogate_pair_escapes_join(self):
        """A character written as two escapes of a surrogate pair (_xD83D__xDE80_) is read as that character."""
        data = rewritten(export(ML), STRINGS_PART, lambda b: b.replace(
            b"<t>Churn =model</t>", b"<t>Rocket _xD83D__xDE80_</t>"))
        assert answers_from_workbook(data, M, FILE).project == "Rocket \U0001F680"


# ---------------------------------------------------------------- LibreOffice

# Typed in the sheets (through openpyxl), then the file saved again by LibreOffice.
LO_EDITS = {
    "al-on-02": {"Answer": "No", "Note": "Changed in LibreOffice — ü"},
    "al-on-03": {"Answer": "N/A", "Reason (if N/A)": "Not in scope\nfor this client"},
    "be-on-02": {"Answer": "Yes"},
    "be-on-03/metric-1": {"Answer": "No"},
    "be-on-03/metric-2": {"Answer": "Yes"},
}
LO_SUMMARY = {"B4": "Saved by LibreOffice", "B8": "Clustering"}
LO_EXPECTED = Answers(
    route="ml-model", task_type="clustering", project="Saved by LibreOffice", assessor="A. Lead",
    date="2026-11-26",
    answers={"al-on-02": False, "be-on-02": True, "be-on-03": ("metric-2", "metric-3")},
    not_applicable={"al-on-03": "Not in scope\nfor this client", "al-on-04": "No parts: the client hosts it"},
    notes={"al-on-02": "Changed in LibreOffice — ü", "be-on-03": "=SUM(A1)"},
)


@pytest.fixture(scope="module")
def saved_by_libreoffice(tmp_path_factory):
    """Workbooks saved again by LibreOffice: one edited, one untouched, one per route with something on
    every item (the fixture's and the real checklists'); with LibreOffice's figures."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is not installed: `./run test` installs libreoffice-calc-nogui", pytrace=False)
    work = tmp_path_factory.mktemp("libreoffice-import")
    source, out = work / "in", work / "out"
    source.mkdir()
    out.mkdir()
    (source / "edited.xlsx").write_bytes(edited(export(ML), LO_EDITS, LO_SUMMARY))
    (source / "untouched.xlsx").write_bytes(export(ML))
    unchosen = Answers(route="ml-model", answers={"al-on-02": True, "be-on-03": ("metric-1", "metric-3")})
    (source / "chosen.xlsx").write_bytes(edited(export(unchosen), summary={"B8": "Binary classification"}))
    for route in ROUTES:
        (source / f"every-{route}.xlsx").write_bytes(export(everything(M, route)))
    for route in REAL_ROUTES:
        (source / f"real-{route}.xlsx").write_bytes(workbook_bytes(REAL, everything(REAL, route), generated_at=WHEN))
    names = ("edited", "untouched", "chosen", *(f"every-{r}" for r in ROUTES), *(f"real-{r}" for r in REAL_ROUTES))
    paths = libreoffice_convert([source / f"{name}.xlsx" for name in names], out, work)
    return {path.stem: path.read_bytes() for path in paths}


class TestSavedByLibreOffice:
    def test_edited_cells_come_back_exactly(self, saved_by_libreoffice):
        """Cells typed, then saved by LibreOffice, import to exactly the answers typed."""
        assert answers_from_workbook(saved_by_libreoffice["edited"], M, FILE) == LO_EXPECTED

    def test_untouched_comes_back(self, saved_by_libreoffice):
        """A workbook only opened and saved by LibreOffice imports to the exported answers."""
        assert answers_from_workbook(saved_by_libreoffice["untouched"], M, FILE) == held(ML)

    @pytest.mark.parametrize("route", ROUTES)
    def test_every_item_back_after_libreoffice(self, saved_by_libreoffice, route):
        """Answers, notes and reasons on every item of the fixture, saved again by LibreOffice, import equal."""
        assert answers_from_workbook(saved_by_libreoffice[f"every-{route}"], M, FILE) == everything(M, route)

    @pytest.mark.parametrize("route", REAL_ROUTES)
    def test_real_every_item_back_after_libreoffice(self, saved_by_libreoffice, route):
        """The same on the real checklists, on each route, after LibreOffice saved the workbook again."""
        assert answers_from_workbook(saved_by_libreoffice[f"real-{route}"], REAL, FILE) == everything(REAL, route)

    def test_figures_follow_the_task_type_chosen_in_the_sheet(self, saved_by_libreoffice):
        """LibreOffice's totals, after the task type was changed in the sheet, are the score of the
        imported answers: the maximum and the metric rows followed the task type."""
        imported = answers_from_workbook(saved_by_libreoffice["edited"], M, FILE)
        book = openpyxl.load_workbook(io.BytesIO(saved_by_libreoffice["edited"]), data_only=True)
        expected = expected_names(score(M, imported))
        assert expected["max_points"] == M.maximum("ml-model", "clustering") != M.maximum("ml-model", "binary-classification")
        assert named_values(book) == pytest.approx(expected)

    def test_task_type_chosen_in_the_sheet_after_export(self, saved_by_libreoffice):
        """Exported before the task type was chosen, then chosen in the sheet: LibreOffice's figures
        are the score of the imported answers, no longer provisional."""
        imported = answers_from_workbook(saved_by_libreoffice["chosen"], M, FILE)
        assert imported == Answers(route="ml-model", task_type="binary-classification",
                                   answers={"al-on-02": True, "be-on-03": ("metric-1", "metric-3")})
        result = score(M, imported)
        assert result.points == 2 and not result.maximum_provisional
        book = openpyxl.load_workbook(io.BytesIO(saved_by_libreoffice["chosen"]), data_only=True)
        assert named_values(book) == pytest.approx(expected_names(result))
        assert book["Summary"]["A10"].value in (None, "")  # the provisional note is gone



def basic_text(text: str) -> str:
    """A LibreOffice Basic string expression for the text (quotes doubled, newlines as Chr(10))."""
    return " & Chr(10) & ".join('"' + part.replace('"', '""') + '"' for part in text.split("\n"))


def typing_macro(jobs: list[tuple[Path, Path, list[tuple[str, str, str]]]],
                 prints: list[tuple[Path, Path]] = ()) -> str:
    """A Basic macro that, for each (source, target, edits), opens the workbook, enters each text as
    typed into its cell (setFormula, as the input line does), and saves the workbook as .xlsx; then,
    for each (source, target) of `prints`, prints the workbook to a PDF as LibreOffice prints it."""
    lines = ["Sub Main",
             "    Dim args(0) As New com.sun.star.beans.PropertyValue",
             '    args(0).Name = "Hidden"',
             "    args(0).Value = True",
             "    Dim save(0) As New com.sun.star.beans.PropertyValue",
             '    save(0).Name = "FilterName"',
             '    save(0).Value = "Calc MS Excel 2007 XML"',
             "    Dim pdf(0) As New com.sun.star.beans.PropertyValue",
             '    pdf(0).Name = "FilterName"',
             '    pdf(0).Value = "calc_pdf_Export"']
    for source, target, edits in jobs:
        lines.append(f'    doc = StarDesktop.loadComponentFromURL(ConvertToURL({basic_text(str(source))}), "_blank", 0, '
                     "args())")
        lines += [f"    doc.Sheets.getByName({basic_text(sheet)}).getCellRangeByName({basic_text(ref)})"
                  f".setFormula({basic_text(value)})" for sheet, ref, value in edits]
        lines += [f"    doc.storeToURL(ConvertToURL({basic_text(str(target))}), save())", "    doc.close(True)"]
    for source, target in prints:
        lines += [f'    doc = StarDesktop.loadComponentFromURL(ConvertToURL({basic_text(str(source))}), "_blank", 0, '
                  "args())",
                  f"    doc.storeToURL(ConvertToURL({basic_text(str(target))}), pdf())", "    doc.close(True)"]
    return "\n".join([*lines, "End Sub", ""])


def run_soffice(profile: Path, *arguments: str) -> None:
    command = [SOFFICE, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore", *arguments]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    try:
        process.communicate(timeout=120)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.communicate()
        raise AssertionError(f"soffice did not finish: {arguments}") from None


# Typed in LibreOffice itself, cell by cell, by a Basic macro: (sheet, unit id or cell, column, text).
TYPED = [
    ("Answers", "al-on-02", "Answer", "No"),
    ("Answers", "al-on-02", "Note", 'Typed in LibreOffice — ü\n"second" line'),
    ("Answers", "al-on-03", "Answer", "N/A"),
    ("Answers", "al-on-03", "Reason (if N/A)", "Not in scope"),
    ("Answers", "al-on-04/part-x", "Answer", "Yes"),
    ("Answers", "al-on-04/part-x", "Reason (if N/A)", ""),
    ("Answers", "al-on-04/part-z", "Answer", "No"),
    ("Answers", "al-on-04/part-z", "Reason (if N/A)", ""),
    ("Answers", "be-on-02", "Answer", "Yes"),
    ("Answers", "be-on-03/metric-2", "Answer", "No"),
    ("Off route", "al-on-05", "Answer", "N/A"),
    ("Off route", "al-on-05", "Reason (if N/A)", "Only the model is in scope"),
    ("Off route", "al-on-01", "Note", "Typed off route"),
    ("Summary", "B4", None, "Typed project 🚀"),
    ("Summary", "B6", None, "2026-12-24"),
    ("Summary", "B8", None, "Regression"),
]
TYPED_EXPECTED = Answers(
    route="ml-model", task_type="regression", project="Typed project 🚀", assessor="A. Lead",
    date="2026-12-24",
    answers={"al-on-02": False, "al-on-04": ("part-x",), "be-on-02": True, "be-on-03": ("metric-1", "metric-3")},
    not_applicable={"al-on-03": "Not in scope", "al-on-05": "Only the model is in scope"},
    notes={"al-on-02": 'Typed in LibreOffice — ü\n"second" line', "be-on-03": "=SUM(A1)", "al-on-01": "Typed off route"},
)


# Typed in LibreOffice into the Spanish workbook of the same answers: the Spanish words, the Spanish task type.
TYPED_ES = [
    ("Respuestas", "al-on-02", "Respuesta", "No"),
    ("Respuestas", "al-on-02", "Nota", "Escrita en LibreOffice — ñ\n«segunda» línea"),
    ("Respuestas", "al-on-03", "Respuesta", "No aplica"),
    ("Respuestas", "al-on-03", "Motivo (si no aplica)", "Fuera del alcance del cliente"),
    ("Respuestas", "al-on-04/part-x", "Respuesta", "Sí"),
    ("Respuestas", "al-on-04/part-x", "Motivo (si no aplica)", ""),
    ("Respuestas", "al-on-04/part-z", "Respuesta", "No"),
    ("Respuestas", "al-on-04/part-z", "Motivo (si no aplica)", ""),
    ("Respuestas", "be-on-02", "Respuesta", "sí"),
    ("Respuestas", "be-on-03/metric-2", "Respuesta", "No"),
    ("Fuera de la ruta", "al-on-05", "Respuesta", "No aplica"),
    ("Fuera de la ruta", "al-on-05", "Motivo (si no aplica)", "Solo el modelo está en el alcance"),
    ("Resumen", "B4", None, "Proyecto tecleado"),
    ("Resumen", "B6", None, "2026-12-24"),
    ("Resumen", "B8", None, "Regresión"),
]
TYPED_ES_EXPECTED = Answers(
    route="ml-model", task_type="regression", project="Proyecto tecleado", assessor="A. Lead", date="2026-12-24",
    answers={"al-on-02": False, "al-on-04": ("part-x",), "be-on-02": True, "be-on-03": ("metric-1", "metric-3")},
    not_applicable={"al-on-03": "Fuera del alcance del cliente", "al-on-05": "Solo el modelo está en el alcance"},
    notes={"al-on-02": "Escrita en LibreOffice — ñ\n«segunda» línea", "be-on-03": "=SUM(A1)"},
)


# Typed in LibreOffice into a dashboard workbook: N/A with no reason, and N/A with "n/a".
TYPED_REASONLESS = [
    ("Answers", "al-on-02", "Answer", "Yes"),
    ("Answers", "al-on-03", "Answer", "N/A"),
    ("Answers", "al-on-04/part-x", "Answer", "N/A"),
    ("Answers", "al-on-04/part-x", "Reason (if N/A)", "n/a"),
]


@pytest.fixture(scope="module")
def typed_workbooks(tmp_path_factory):
    """Exported workbooks with cells typed in LibreOffice (one Basic macro run headless), saved as .xlsx:
    {"typed": ..., "reasonless": ...}; and, in the same run, the real ML workbook of PRINTED printed to
    PDF on the printer's default paper and on each paper of PAPERS: {"letter.pdf": ..., "a4.pdf": ...}; and a
    Spanish workbook with Sí, sí, No and No aplica typed in it, {"typed-es": ...}, and the real one printed on
    Letter, {"es-letter.pdf": ...}."""
    if SOFFICE is None:
        pytest.fail("LibreOffice (soffice) is not installed: `./run test` installs libreoffice-calc-nogui", pytrace=False)
    work = tmp_path_factory.mktemp("libreoffice-typed")
    profile = work / "profile"
    jobs = []
    for name, data, typed in (("typed", export(ML), TYPED), ("reasonless", export(Answers(route="dashboard")), TYPED_REASONLESS),
                              ("typed-es", export_es(ML), TYPED_ES)):
        source, target = work / f"{name}-exported.xlsx", work / f"{name}.xlsx"
        source.write_bytes(data)
        book = openpyxl.load_workbook(io.BytesIO(data))

        def cell(sheet_name, ref, column):
            if column is None:
                return ref
            sheet = book[sheet_name]
            headers = [c.value for c in sheet[1]]
            return f"{openpyxl.utils.get_column_letter(headers.index(column) + 1)}{row_of(sheet, ref)}"

        edits = [(sheet_name, cell(sheet_name, ref, column), text) for sheet_name, ref, column, text in typed]
        jobs.append((source, target, edits))
    prints = []
    # In Spanish on Letter only: the columns are as wide in both languages, and Letter's shorter page is where
    # the Resumen's longer words could make it shrink to fit one page.
    for prefix, methodology, paper in (*(("", REAL, paper) for paper in PAPERS), ("es-", REAL.in_language("es"), "letter")):
        source, target = work / f"print-{prefix}{paper}.xlsx", work / f"{prefix}{paper}.pdf"
        source.write_bytes(on_paper(workbook_bytes(methodology, PRINTED, generated_at=WHEN), PAPERS[paper]))
        prints.append((source, target))
    run_soffice(profile, "--terminate_after_init")  # makes the profile and its macro library
    module = profile / "user" / "basic" / "Standard" / "Module1.xba"
    module.write_text(
        '<?xml version="1.0" encoding="UTF-8"?>\n<!DOCTYPE script:module PUBLIC "-//OpenOffice.org//DTD '
        'OfficeDocument 1.0//EN" "module.dtd">\n<script:module xmlns:script="http://openoffice.org/2000/script" '
        'script:name="Module1" script:language="StarBasic">' + escape(typing_macro(jobs, prints))
        + "</script:module>\n", encoding="utf-8")
    run_soffice(profile, "macro:///Standard.Module1.Main")
    for target in [job[1] for job in jobs] + [target for _, target in prints]:
        assert target.is_file(), f"the macro did not save {target.name}"
    return {**{target.stem: target.read_bytes() for _, target, _ in jobs},
            **{target.name: target.read_bytes() for _, target in prints}}


@pytest.fixture(scope="module")
def typed_in_libreoffice(typed_workbooks):
    return typed_workbooks["typed"]


class TestTypedInLibreOffice:
    def test_exactly_the_answers_typed(self, typed_in_libreoffice):
        """Cells typed in LibreOffice and saved there import to exactly the answers typed."""
        assert answers_from_workbook(typed_in_libreoffice, M, FILE) == TYPED_EXPECTED

    def test_libreoffice_totals_are_the_score_of_the_answers_typed(self, typed_in_libreoffice):
        """The totals LibreOffice saved after the typing are the package's score of those answers."""
        book = openpyxl.load_workbook(io.BytesIO(typed_in_libreoffice), data_only=True)
        assert named_values(book) == pytest.approx(expected_names(score(M, TYPED_EXPECTED)))

    def test_reasonless_na_typed_counts_as_no(self, typed_workbooks):
        """N/A typed in LibreOffice with no reason, and with "n/a", counts as No in LibreOffice's totals
        (what applies keeps the points, the items are answered, none is N/A)."""
        book = openpyxl.load_workbook(io.BytesIO(typed_workbooks["reasonless"]), data_only=True)
        as_no = Answers(route="dashboard", answers={"al-on-02": True, "al-on-03": False, "al-on-04": ()})
        expected = expected_names(score(M, as_no))
        assert expected["applicable_max_points"] == expected["max_points"] == 4
        assert (expected["items_answered"], expected["items_not_applicable"]) == (3, 0)
        assert named_values(book) == pytest.approx(expected)

    def test_spanish_words_typed_come_back_exactly(self, typed_workbooks):
        """Sí, sí, No and No aplica typed in LibreOffice into the Spanish workbook and saved there import to exactly
        those answers, reasons and notes, with the English or the Spanish methodology."""
        assert answers_from_workbook(typed_workbooks["typed-es"], M, FILE) == TYPED_ES_EXPECTED
        assert answers_from_workbook(typed_workbooks["typed-es"], ES, FILE) == TYPED_ES_EXPECTED

    def test_spanish_libreoffice_totals_are_the_score(self, typed_workbooks):
        """The totals LibreOffice saved after typing into the Spanish workbook are the package's score of those answers."""
        book = openpyxl.load_workbook(io.BytesIO(typed_workbooks["typed-es"]), data_only=True)
        result = score(M, TYPED_ES_EXPECTED)
        assert named_values(book) == pytest.approx(
            {**expected_names(result), "not_applicable_flag": flag_text(result.not_applicable_points, result.maximum,
                                                                        words("es"))})

    def test_reasonless_na_typed_is_refused_by_the_import(self, typed_workbooks):
        """The import of that workbook is refused at the first N/A's reason cell, with the fix."""
        error = refusal(typed_workbooks["reasonless"])
        assert error.place == "Answers!G3" and "without a reason" in error.problem


# ---------------------------------------------------------------- printed by LibreOffice

PDFTOTEXT = shutil.which("pdftotext")
# The real checklists' ML workbook, with something on every item (a two-line note each, every third
# item N/A), printed on US Letter and on A4 (the paper sizes of the .xlsx format's pageSetup).
PRINTED = everything(REAL, "ml-model")
PAPERS = {"letter": 1, "a4": 9}
READABLE = 8  # points: the smallest text a printed sheet may have


def on_paper(data: bytes, paper_size: int) -> bytes:
    """The workbook with every sheet set to print on this paper size."""
    source, out = zipfile.ZipFile(io.BytesIO(data)), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            part = source.read(info)
            if info.filename.startswith("xl/worksheets/sheet"):
                assert part.count(b"<pageSetup ") == 1, info.filename
                part = part.replace(b"<pageSetup ", f'<pageSetup paperSize="{paper_size}" '.encode())
            target.writestr(info, part)
    return out.getvalue()


def printed_pages(pdf: bytes) -> list[tuple[str, str, list[float]]]:
    """Each page of LibreOffice's PDF of a workbook, in order: (its sheet, named by the page footer; its
    text; the font sizes its text is set in). LibreOffice sets each run of text at its printed size (the
    sheet's print scale applied), so the operands of the Tf operators are the sizes a reader sees."""
    objects = {int(m[1]): m.end() for m in re.finditer(rb"(?<![0-9])([0-9]+) 0 obj\b", pdf)}

    def body(number: int) -> bytes:
        return pdf[objects[number]:pdf.index(b"endobj", objects[number])]

    def stream(number: int) -> bytes:
        start = objects[number]
        head = pdf[start:pdf.index(b"stream", start)]
        length = re.search(rb"/Length\s+([0-9]+)(\s+0\s+R)?", head)
        size = int(body(int(length[1])).strip()) if length[2] else int(length[1])
        data_start = re.compile(rb"stream\r?\n").search(pdf, start).end()
        return zlib.decompress(pdf[data_start:data_start + size])

    def pages(number: int):
        node = body(number)
        if re.search(rb"/Type\s*/Pages\b", node):
            for kid in re.findall(rb"([0-9]+) 0 R", re.search(rb"/Kids\s*\[([^\]]*)\]", node)[1]):
                yield from pages(int(kid))
        else:
            yield number

    root = int(re.findall(rb"/Root\s+([0-9]+) 0 R", pdf)[-1])
    sizes = []
    for page in pages(int(re.search(rb"/Pages\s+([0-9]+) 0 R", body(root))[1])):
        contents = re.findall(rb"([0-9]+) 0 R", re.search(rb"/Contents\s*(\[[^\]]*\]|[0-9]+ 0 R)", body(page))[1])
        operators = b"".join(stream(int(c)) for c in contents)
        sizes.append([float(size) for size in re.findall(rb"/F[0-9]+\s+([0-9.]+)\s+Tf", operators)])
    texts = subprocess.run([PDFTOTEXT, "-layout", "-", "-"], input=pdf, capture_output=True, check=True,
                           timeout=60).stdout.decode("utf-8").split("\f")[:len(sizes)]
    assert len(texts) == len(sizes)
    footers = [next(line for line in reversed(text.splitlines()) if line.strip()).strip() for text in texts]
    sheets = [re.fullmatch(r"(.+?)\s{2,}(?:Page [0-9]+ of|Página [0-9]+ de) [0-9]+", footer) for footer in footers]
    assert all(sheets), footers
    return [(sheet[1], text, size) for sheet, text, size in zip(sheets, texts, sizes)]


@pytest.fixture(scope="module", params=list(PAPERS))
def printed(request, typed_workbooks):
    """The pages of the printed workbook on one paper: {sheet: [(text, font sizes) of each page]}."""
    if PDFTOTEXT is None:
        pytest.fail("Poppler (pdftotext) is not installed: `./run test` installs poppler-utils", pytrace=False)
    sheets: dict[str, list[tuple[str, list[float]]]] = {}
    for sheet, text, sizes in printed_pages(typed_workbooks[f"{request.param}.pdf"]):
        sheets.setdefault(sheet, []).append((text, sizes))
    return sheets


class TestPrintedByLibreOffice:
    """LibreOffice's PDF of the real ML workbook, answered throughout, on US Letter and on A4."""

    def test_answers_sheet_at_8_points_or_more(self, printed):
        """Every printed Answers page sets its text at 8 points or more, and holds every item's row but
        not the explanations, which stay on screen."""
        pages = printed["Answers"]
        assert min(size for _, sizes in pages for size in sizes) >= READABLE
        text = "".join(text for text, _ in pages)
        assert all(unit.unit_id in text for unit in route_units(REAL, "ml-model") if "/" not in unit.unit_id)
        assert "Note" in text and "Explanation" not in text and "Applicable" not in text
        explanation = REAL.find("bc-iu-02").explanation
        assert explanation[:30] not in " ".join(text.split())

    def test_answers_header_on_every_page(self, printed):
        """The Answers sheet's header row is printed at the top of each of its pages."""
        pages = printed["Answers"]
        assert len(pages) > 1
        first_lines = [next(line for line in text.splitlines() if line.strip()) for text, _ in pages]
        assert all(line.lstrip().startswith("Stage") and "Reason (if N/A)" in line for line in first_lines)

    def test_summary_on_one_page_readably(self, printed):
        """The Summary prints on one page, all its text at 8 points or more, with the headline figures in
        their order."""
        (text, sizes), = printed["Summary"]
        assert min(sizes) >= READABLE
        labels = ["The score at a glance", "Total on the", "MLOps maturity", "ML Test Score",
                  "Of what applies", "Paper's own questions", "Checks", "Stage"]
        positions = [text.find(label) for label in labels]
        assert -1 not in positions and positions == sorted(positions)

    @pytest.mark.parametrize("sheet", ["Roadmap", "Off route"])
    def test_other_sheets_at_8_points_or_more(self, printed, sheet):
        """The Roadmap and Off route sheets print one page wide at 8 points or more too."""
        assert min(size for _, sizes in printed[sheet] for size in sizes) >= READABLE


@pytest.fixture(scope="module")
def printed_es(typed_workbooks):
    """The pages of the Spanish workbook printed on US Letter: {sheet: [(text, font sizes) of each page]}."""
    if PDFTOTEXT is None:
        pytest.fail("Poppler (pdftotext) is not installed: `./run test` installs poppler-utils", pytrace=False)
    sheets: dict[str, list[tuple[str, list[float]]]] = {}
    for sheet, text, sizes in printed_pages(typed_workbooks["es-letter.pdf"]):
        sheets.setdefault(sheet, []).append((text, sizes))
    return sheets


class TestSpanishPrintedByLibreOffice:
    """LibreOffice's PDF of the same workbook in Spanish (longer words), on US Letter."""

    def test_every_sheet_at_8_points_or_more(self, printed_es):
        """Every sheet prints one page wide at 8 points or more, with its Spanish footer."""
        assert set(printed_es) == {"Resumen", "Respuestas", "Hoja de ruta", "Fuera de la ruta"}
        assert min(size for pages in printed_es.values() for _, sizes in pages for size in sizes) >= READABLE

    def test_summary_on_one_page(self, printed_es):
        """The Resumen prints on one page, with the headline figures in their order."""
        (text, _), = printed_es["Resumen"]
        labels = ["El puntaje de un vistazo", "Total en la escala", "Madurez MLOps", "ML Test Score",
                  "Sobre lo que aplica", "Preguntas del artículo", "Verificaciones", "Etapa"]
        positions = [text.find(label) for label in labels]
        assert -1 not in positions and positions == sorted(positions)


# ---------------------------------------------------------------- Pyodide

PYODIDE_DIR = Path(__file__).resolve().parents[1] / "node_modules" / "pyodide"
PYODIDE_SCRIPT = """
import { readFileSync, writeFileSync } from "node:fs";
import { loadPyodide } from "%(module)s";
const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const pyodide = await loadPyodide({ indexURL: request.index_url, stdout: () => {}, stderr: console.error });
await pyodide.loadPackage(request.wheels, { messageCallback: () => {} });
const browser = pyodide.pyimport("mlops_handbook.browser");
browser.load(readFileSync(request.methodology, "utf8"));
const result = {};
for (const [name, file] of Object.entries(request.workbooks)) {
  result[name] = browser.import_workbook_view_json(new Uint8Array(readFileSync(file)), name + ".xlsx");
}
result.direct = browser.import_workbook_json(new Uint8Array(readFileSync(request.workbooks.edited)), "x.xlsx");
writeFileSync(request.out, JSON.stringify(result));
"""


@pytest.mark.pyodide
def test_import_in_pyodide(tmp_path):
    """import_workbook_json under Pyodide gives CPython's answers JSON (of a Spanish workbook too), and the same
    refusals for the hostile corpus (the same limits: document types in any encoding, depth, digits, surrogates)."""
    from test_pyodide import _require_setup

    from mlops_handbook import browser
    from mlops_handbook.loader import load_raw

    wheels = _require_setup()
    methodology = tmp_path / "methodology.json"
    methodology.write_text(json.dumps(load_raw(FIXTURE_CHECKLISTS)), encoding="utf-8")
    browser.load(methodology.read_text(encoding="utf-8"))
    workbooks = {"edited": edited(export(ML), LO_EDITS, LO_SUMMARY),
                 "maybe": edited(export(ML), answers={"al-on-03": {"Answer": "maybe"}}),
                 "every": export(everything(M, "dashboard")),
                 "spanish": edited_es(export_es(ML), ES_TYPED, {"B8": "Regresión"}),
                 **{name: make() for name, (make, _) in HOSTILE.items()}}
    for name, data in workbooks.items():
        (tmp_path / f"{name}.xlsx").write_bytes(data)
    script = tmp_path / "run.mjs"
    script.write_text(PYODIDE_SCRIPT % {"module": (PYODIDE_DIR / "pyodide.mjs").as_uri()}, encoding="utf-8")
    request = {"index_url": f"{PYODIDE_DIR}/", "wheels": [str(w) for w in wheels],
               "methodology": str(methodology), "out": str(tmp_path / "out.json"),
               "workbooks": {name: str(tmp_path / f"{name}.xlsx") for name in workbooks}}
    (tmp_path / "request.json").write_text(json.dumps(request), encoding="utf-8")
    completed = subprocess.run([shutil.which("node") or "node", str(script), str(tmp_path / "request.json")],
                               capture_output=True, text=True, timeout=600)
    assert completed.returncode == 0, completed.stderr[-3000:]
    result = json.loads((tmp_path / "out.json").read_text(encoding="utf-8"))
    for name, data in workbooks.items():
        assert json.loads(result[name]) == json.loads(browser.import_workbook_view_json(data, f"{name}.xlsx"))
    assert json.loads(result["edited"])["ok"] is True
    assert json.loads(result["maybe"])["error"]["place"] == "Answers!F3"
    assert json.loads(result["spanish"])["ok"] is True
    for name in HOSTILE:
        assert json.loads(result[name])["ok"] is False, name
    assert result["direct"] == browser.import_workbook_json(workbooks["edited"], "x.xlsx")

