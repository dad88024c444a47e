"""The score spreadsheet, written in memory: the paper's scoring rules applied to the checklist.

The paper describes an Excel template for its questionnaire but does not publish it, so this is
not that template. It scores the handbook's checklist by the paper's rules (section 5); most of
its items are the handbook's own, derived from the paper's text (the Source column says which).

Three sheets. "Answers" has one row per scoring unit of the route (a yes/no item, or one option
of a multiple-choice item), each worth one point where it counts. Its Answer cell is Yes, No or
N/A from a drop-down (not applicable, with the reason beside it); its Points and Applicable
maximum cells are live formulas on the Answer cell. An N/A counts only with a reason that says
something, by the rule of `answers.reason_problem` written as a formula (`answers.reason_formula`,
in the Reason accepted column and as the Reason cells' data validation); an N/A whose reason
fails it counts as No, so its maximum stays in what applies. On the ML model route every option of the
metrics item is a row whatever the task type: the task type is chosen on the Summary (a
drop-down), and each metric row's Points and Maximum follow it by formula (a row of another task
type counts 0; with none chosen, the item's first row carries its highest maximum, as the score
does). "Summary" starts with the headline figures, in the order every front end shows them (the
total on the paper's scale, the maturity level per model and the ML Test Score, what applies with
the N/A beside it, the paper's own questions, the checks), each a formula on the tables below it.
Those total the Answers sheet per stage with SUMIFS formulas: the paper's scale (points, maximum,
percentage); beside it the maximum and percentage "of what applies" (N/A items score 0 on the
paper's scale and are left out of this maximum), with the items and points marked N/A, and below
the Overall row a sentence that flags it when N/A covers more than a quarter of the route's
points; then, side by side, the paper-core subscore (only the rows whose Source is Paper) and the
items answered, marked N/A and open (from the Answers sheet's Item, Item answered and Item not
applicable columns). It charts the per-stage percentages and names the overall cells (see
SummaryCells). The assessment date is a date cell (yyyy-mm-dd). Every cached value
comes from `scoring.score`, so a reader that does not recalculate shows the same numbers as the
CLI and the site; a user who changes an answer in Excel or LibreOffice sees the totals follow.
Below those tables, the MLOps maturity level per model and the ML Test Score count, by formula on
the third sheet, "Roadmap", which lists the practices each level needs (see `maturity_sheet`); the
Answers sheet's last column names each row's practice.

Printed (see MARGINS), every sheet is one page wide at 8 points or more on A4 and on US Letter:
the Summary on one page, from the details through the maturity block (the chart and the notes stay
on screen); the Answers sheet landscape with its header row on every page, its columns up to the
Note (the explanations and the counting columns stay on screen).

The workbook is also a form to fill in away from the site and import back
(`workbook_import`): the sheets are protected without a password, so ids, texts and formulas
are locked while the Answer, Reason and Note cells and the Summary's project, assessor, date and
task type stay editable; a marker name says it is ours (see `workbook_layout`).

Every word of the workbook is in the methodology's language (`Methodology.in_language`), from
`workbook_layout.WORDS`: in Spanish the sheets are Resumen, Respuestas, Hoja de ruta and Fuera de la
ruta, the drop-down offers Sí / No / No aplica, and the formulas compare the Answer cells to those
words (Sí, or Si typed without its accent). Numbers stay numbers and the date a date cell, so each
reader's spreadsheet shows them in its own locale.

Pure: no file access (XlsxWriter writes to a BytesIO), so it also runs under Pyodide.
"""

from __future__ import annotations

import datetime as _dt
import io
import re
import textwrap
from dataclasses import dataclass
from typing import Iterator

import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_rowcol_to_cell

from . import maturity_sheet
from .answers import Answers, calendar_date, reason_accepted, reason_formula
from .model import ADDED, DERIVED, MULTIPLE_CHOICE, PAPER, YES_NO, Item, Methodology
from .scoring import FLAG_SHARE, FLAG_TEXT, NOT_APPLICABLE, ItemScore, Score, StageScore, score
from .workbook_layout import (
    ANSWER_COLUMNS, COL_ANSWER, COL_APPLICABLE, COL_EXPLANATION, COL_ID, COL_ITEM,
    COL_ITEM_ANSWERED, COL_ITEM_NA, COL_MAXIMUM, COL_NOTE, COL_POINTS, COL_QUESTION, COL_REASON,
    COL_REASON_ACCEPTED, COL_SOURCE,
    COL_STAGE, COL_SUBPHASE, DETAIL_LABELS, DETAILS_FIRST_ROW, EN, LAST_PRINTED_COL, MARKER_NAME,
    ROW_DATE, ROW_TASK_TYPE, RowFormulas, Words, answer_columns, any_task_type, detail_labels, reason_rule,
    marker_text, quoted, route_options, words,
)
from .workbook_layout import COL_PRACTICE, PRACTICE_WIDTH
from .workbook_layout import (
    OFF_COL_NOTE, OFF_COL_QUESTION, OFF_COL_ROUTES, OFF_ROUTE_COLUMNS, off_route_columns, off_route_units,
)

# The Source column: where the item's question comes from (model.Source.basis), by its key in WORDS.
SOURCE_KEYS = {PAPER: "source_paper", DERIVED: "source_derived", ADDED: "source_added"}

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

WRAPPED_COLUMNS = (COL_STAGE, COL_SUBPHASE, COL_ID, COL_QUESTION, COL_REASON, COL_EXPLANATION, COL_NOTE)

LINE_HEIGHT = 15  # points, for the default 11-point font
MAX_ROW_HEIGHT = 409  # the largest row height Excel accepts, in points

# Summary sheet: the details block, the headline figures from HEADLINE_ROW (0-based), then the
# stage table, the paper-core table and the maturity block below them as the detail.
SUMMARY_WIDTHS = (22, 10)  # column A, and each of the others: a portrait A4 page wide at 8 points or more
HEADLINE_ROW = DETAILS_FIRST_ROW + len(DETAIL_LABELS) + 2  # after the provisional note and a blank row
CHART_SIZE = (480, 220)  # pixels; a default row is 20 pixels high

_SURROGATE = re.compile("[\ud800-\udfff]")

# Printing. No paper size is set, so each reader's printer default is used: the printed columns
# are made to fit one page wide, at 8 points or more, on the narrower of A4 and US Letter (215.9 x
# 279.4 mm against 210 x 297 mm: Letter's 279.4 mm is the landscape width and A4's 210 mm the
# portrait width to design for); fit to width then only shrinks them on a narrower paper.
MARGINS = {"left": 0.3, "right": 0.3, "top": 0.6, "bottom": 0.6}  # inches
FOOTER = EN.footer  # the sheet's name, and the page

PROVISIONAL = EN.provisional


@dataclass(frozen=True)
class AnswerRow:
    """One row of the Answers sheet."""

    stage: str
    subphase: str
    unit_id: str
    source: str  # "Paper", "Derived" or "Added" (in the workbook's language)
    question: str
    answer: str  # "Yes", "No", "N/A" or "" (unanswered), in the workbook's language
    reason: str  # why the item does not apply; "" unless the answer is N/A
    points: int
    maximum: int
    applicable_maximum: int  # 0 when the answer is N/A, else the maximum
    explanation: str
    note: str
    # The row that stands for its item in the count of answered items, and that item's state.
    first_of_item: bool = True
    item_answered: bool = False
    # An option of an item whose options depend on the ML task type: the titles of the task
    # types it counts for, and the maximum the row carries while no task type is chosen.
    counts_for: tuple[str, ...] | None = None
    provisional_maximum: int = 0
    # The title of the practice the item checks (practices.yaml).
    practice: str = ""
    # Whether the item counts as not applicable (N/A with a reason the rule accepts).
    item_not_applicable: bool = False


@dataclass(frozen=True)
class SummaryCells:
    """Where the overall figures are, as absolute references on the Summary sheet."""

    total_points: str
    max_points: str
    overall_percent: str
    applicable_max_points: str
    applicable_percent: str
    paper_points: str
    paper_max_points: str
    paper_percent: str
    items_total: str
    items_answered: str
    items_not_applicable: str
    items_open: str
    not_applicable_points: str
    # The sentence that flags the percentage of what applies ("" when N/A covers a quarter or less).
    not_applicable_flag: str


def encodable(text: str) -> str:
    """The text unchanged, except UTF-16 surrogates: pairs are joined, lone ones become U+FFFD.

    A JSON answers file can carry a lone surrogate (e.g. "\\ud800"), which no .xlsx can store.
    """
    if not _SURROGATE.search(text):
        return text
    return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")


def workbook_bytes(methodology: Methodology, answers: Answers, *,
                   generated_at: _dt.datetime | None = None) -> bytes:
    """The .xlsx file of the answers' score. Raises HandbookError when no route is chosen.

    `generated_at` (default: now; a naive value is taken as UTC) is shown on the Summary sheet
    and stored as the file's creation time; with it fixed, the same inputs give the same bytes.
    Every word of the workbook is in the methodology's language (`Methodology.in_language`).
    """
    w = words(methodology.language)
    result = score(methodology, answers)
    when = generated_at if generated_at is not None else _dt.datetime.now(_dt.timezone.utc)
    if when.tzinfo is not None:
        when = when.astimezone(_dt.timezone.utc)
    rows = answer_rows(methodology, answers, result, w)

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, dict(WORKBOOK_OPTIONS))
    workbook.set_properties({
        "title": encodable(w.book_title.format(title=methodology.title)),
        "created": when.replace(tzinfo=None),
    })
    formats = _Formats(workbook)
    summary = workbook.add_worksheet(w.summary)
    sheet = workbook.add_worksheet(w.answers)
    roadmap = workbook.add_worksheet(w.roadmap)
    off_route = workbook.add_worksheet(w.off_route)
    _write_answers(sheet, rows, tuple(t.title for t in methodology.task_types), formats, w)
    levels = maturity_sheet.plan(methodology, result, [row.unit_id for row in rows])
    cells = _write_summary(workbook, summary, methodology, answers, result, rows, when, formats, levels, w)
    maturity_sheet.write_roadmap(workbook, roadmap, levels, formats, _print_setup)
    _write_off_route(off_route, methodology, answers, result.route, formats, w)
    for name, ref in vars(cells).items():
        workbook.define_name(name, f"={quote_sheetname(w.summary)}!{ref}")
    for name, ref in maturity_sheet.defined_names(levels).items():
        workbook.define_name(name, f"={ref}")
    # The marker by which an import knows the workbook and its route (see workbook_layout).
    workbook.define_name(MARKER_NAME, f'="{marker_text(methodology, result.route)}"')
    summary.activate()
    workbook.close()
    return buffer.getvalue()


# ---------------------------------------------------------------- rows of the Answers sheet

def answer_rows(methodology: Methodology, answers: Answers, result: Score, w: Words = EN) -> list[AnswerRow]:
    """The Answers sheet's rows, with answers and points taken from the score, in `w`'s words."""
    rows: list[AnswerRow] = []
    for item_score in result.items:
        item = methodology.find(item_score.item_id)
        rows.extend(_item_rows(methodology, answers, result, item, item_score, w))
    return rows


def _item_rows(methodology: Methodology, answers: Answers, result: Score, item: Item,
               item_score: ItemScore, w: Words) -> Iterator[AnswerRow]:
    stage = methodology.find(item.stage_id).title
    subphase = methodology.find(item.subphase_id).title
    source = getattr(w, SOURCE_KEYS[item.source.basis])
    note = answers.notes.get(item.id, "")
    not_applicable = item_score.status == NOT_APPLICABLE
    # Shown N/A with its reason even when the reason says nothing; the formulas then count a No.
    reason = answers.reason_not_applicable(item.id) or ""
    # The answer as stored, shown even while it does not count yet (no task type chosen).
    value = answers.answer(item.id)
    practice = methodology.practice_of(item).title

    def answer(chosen: bool) -> str:
        if reason:
            return w.na
        return (w.yes if chosen else w.no) if value is not None else ""

    if item.kind == YES_NO:
        yield AnswerRow(stage, subphase, item.id, source, item.question, answer(value is True),
                        reason, item_score.points, item_score.maximum,
                        item_score.applicable_maximum, item.explanation, note,
                        item_answered=item_score.answered, practice=practice,
                        item_not_applicable=not_applicable)
        return

    if item.kind != MULTIPLE_CHOICE:
        raise ValueError(f"item {item.id}: a {item.kind} item is not scored")
    titles = {t.id: t.title for t in methodology.task_types}
    highest = max((item.maximum(result.route, t) for t in titles), default=0)
    for index, option in enumerate(route_options(item, result.route)):
        counts_for = explanation = None
        if item.depends_on_task_type:
            counts_for = tuple(titles[t] for t in option.task_types or titles)
            explanation = w.counts_when.format(titles=_either(counts_for, w)) + item.explanation
        if result.maximum_provisional and item.depends_on_task_type:
            # The item counts at its highest maximum, carried by its first row, until chosen.
            maximum = item_score.maximum if index == 0 else 0
        else:
            maximum = int(option.id in item_score.options)
        yield AnswerRow(
            stage, subphase, f"{item.id}/{option.id}", source, f"{item.question} — {option.label}",
            answer(option.id in (value or ())), reason, int(option.id in item_score.selected),
            maximum, 0 if not_applicable else maximum, explanation or item.explanation, note,
            index == 0, item_score.answered, counts_for, highest if index == 0 else 0, practice,
            not_applicable,
        )


def _either(titles: tuple[str, ...], w: Words) -> str:
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + w.either_or + titles[-1]


# ---------------------------------------------------------------- formats

class _Formats:
    def __init__(self, workbook: xlsxwriter.Workbook) -> None:
        add = workbook.add_format
        self.title = add({"bold": True, "font_size": 14})
        self.label = add({"bold": True, "valign": "top"})
        self.text = add({"valign": "top"})
        self.wrap = add({"text_wrap": True, "valign": "top"})
        self.small_wrap = add({"italic": True, "font_color": "#595959", "valign": "top",
                               "text_wrap": True})
        self.header = add({"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "valign": "top",
                           "text_wrap": True})
        self.header_number = add({"bold": True, "bg_color": "#DDEBF7", "bottom": 1,
                                  "align": "right", "valign": "top", "text_wrap": True})
        self.heading = add({"bold": True, "valign": "bottom"})
        self.centered = add({"align": "center", "valign": "top"})
        self.number = add({"num_format": "0", "valign": "top"})
        # The Answers sheet's one-digit figures, centred under their headers, apart from the next column's text.
        self.centered_number = add({"num_format": "0", "valign": "top", "align": "center"})
        self.header_centered = add({"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "align": "center",
                                    "valign": "top", "text_wrap": True})
        self.percent = add({"num_format": "0.0%", "valign": "top"})
        self.total_label = add({"bold": True, "top": 1})
        self.total_number = add({"bold": True, "top": 1, "num_format": "0"})
        self.total_percent = add({"bold": True, "top": 1, "num_format": "0.0%"})
        self.yes = add({"bg_color": "#E2EFDA"})
        self.no = add({"bg_color": "#FCE4D6"})
        self.not_applicable = add({"bg_color": "#EDEDED", "font_color": "#595959"})
        self.not_counted = add({"font_color": "#808080"})
        # The cells a reader fills in stay unlocked when the sheets are protected.
        self.answer_input = add({"align": "center", "valign": "top", "locked": False})
        self.text_input = add({"text_wrap": True, "valign": "top", "locked": False})
        self.detail_input = add({"text_wrap": True, "valign": "top", "locked": False,
                                 "num_format": "@", "bg_color": "#FFF2CC"})
        # A date in one format every locale reads the same way, left-aligned like the text above.
        self.date_input = add({"valign": "top", "align": "left", "locked": False,
                               "num_format": "yyyy-mm-dd", "bg_color": "#FFF2CC"})
        self.headline_label = add({"bold": True, "valign": "top", "text_wrap": True})
        self.headline_percent = add({"bold": True, "valign": "top", "num_format": "0.0%"})
        self.headline_text = add({"valign": "top", "text_wrap": True})


# ---------------------------------------------------------------- Answers sheet

def _put(sheet, row: int, col: int, text: str, fmt) -> None:
    """Write text as text: never read as a formula, number or link, whatever it starts with."""
    sheet.write_string(row, col, encodable(text), fmt)


def _input(sheet, row: int, col: int, text: str, fmt) -> None:
    """An input cell: its text, or a blank cell (formatted, so unlocked) when there is none."""
    if text:
        _put(sheet, row, col, text, fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def _write_answers(sheet, rows: list[AnswerRow], task_titles: tuple[str, ...], f: _Formats, w: Words) -> None:
    numeric = (COL_POINTS, COL_MAXIMUM, COL_APPLICABLE, COL_ITEM, COL_ITEM_ANSWERED, COL_REASON_ACCEPTED,
               COL_ITEM_NA)
    inputs = {COL_ANSWER: f.answer_input, COL_REASON: f.text_input, COL_NOTE: f.text_input}
    columns = answer_columns(w)
    for col, (header, width) in enumerate(columns):
        _put(sheet, 0, col, header, f.header_centered if col in numeric else f.header)
        default = inputs.get(col) or (f.wrap if col in WRAPPED_COLUMNS else f.text)
        sheet.set_column(col, col, width, default)
    _fit_row(sheet, 0, max(_line_count(header, width) for header, width in columns))
    _put(sheet, 0, COL_PRACTICE, w.h_practice, f.header)
    sheet.set_column(COL_PRACTICE, COL_PRACTICE, PRACTICE_WIDTH, f.wrap)

    formulas = RowFormulas(len(rows), task_titles, w)
    for index, row in enumerate(rows, start=1):
        _put(sheet, index, COL_STAGE, row.stage, f.wrap)
        _put(sheet, index, COL_SUBPHASE, row.subphase, f.wrap)
        _put(sheet, index, COL_ID, row.unit_id, f.wrap)
        _put(sheet, index, COL_SOURCE, row.source, f.text)
        _put(sheet, index, COL_QUESTION, row.question, f.wrap)
        _input(sheet, index, COL_ANSWER, row.answer, f.answer_input)
        _input(sheet, index, COL_REASON, row.reason, f.text_input)
        sheet.write_formula(index, COL_POINTS, formulas.points(index, row), f.centered_number, row.points)
        maximum = formulas.maximum(row)
        if maximum is None:
            sheet.write_number(index, COL_MAXIMUM, row.maximum, f.centered_number)
        else:
            sheet.write_formula(index, COL_MAXIMUM, maximum, f.centered_number, row.maximum)
        sheet.write_formula(index, COL_APPLICABLE, formulas.applicable(index, row), f.centered_number,
                            row.applicable_maximum)
        _put(sheet, index, COL_EXPLANATION, row.explanation, f.wrap)
        _input(sheet, index, COL_NOTE, row.note, f.text_input)
        _put(sheet, index, COL_PRACTICE, row.practice, f.wrap)
        sheet.write_number(index, COL_ITEM, int(row.first_of_item), f.centered_number)
        sheet.write_formula(index, COL_REASON_ACCEPTED, formulas.reason_accepted(index), f.centered_number,
                            int(reason_accepted(row.reason)))
        if row.first_of_item:
            sheet.write_formula(index, COL_ITEM_ANSWERED, formulas.item_answered(index, row),
                                f.centered_number, int(row.item_answered))
            sheet.write_formula(index, COL_ITEM_NA, formulas.item_not_applicable(index, row),
                                f.centered_number, int(row.item_not_applicable))
        else:
            sheet.write_number(index, COL_ITEM_ANSWERED, 0, f.centered_number)
            sheet.write_number(index, COL_ITEM_NA, 0, f.centered_number)
        _fit_row(sheet, index, max(
            _line_count(text, ANSWER_COLUMNS[col][1])
            for col, text in ((COL_STAGE, row.stage), (COL_SUBPHASE, row.subphase), (COL_ID, row.unit_id),
                              (COL_QUESTION, row.question), (COL_REASON, row.reason),
                              (COL_EXPLANATION, row.explanation), (COL_NOTE, row.note))
        ))

    last = max(len(rows), 1)
    sheet.freeze_panes(1, 0)
    sheet.autofilter(0, 0, last, COL_PRACTICE)
    # Printed: the columns up to the Note (the explanations and counting columns stay on screen),
    # landscape, the header row on every page.
    _print_setup(sheet, landscape=True, footer=w.footer)
    sheet.print_area(0, 0, last, LAST_PRINTED_COL)
    sheet.repeat_rows(0)
    if rows:
        sheet.data_validation(1, COL_ANSWER, len(rows), COL_ANSWER, {
            "validate": "list",
            "source": [w.yes, w.no, w.na],
            "error_title": w.answer_title,
            "error_message": w.answer_message.format(yes=w.yes, no=w.no, na=w.na),
        })
        # A reason is held to the rule as it is typed (Excel and LibreOffice refuse one that fails),
        # and one that fails beside an N/A is marked, since the item then counts as No.
        sheet.data_validation(1, COL_REASON, len(rows), COL_REASON, {
            "validate": "custom",
            "value": reason_formula(xl_rowcol_to_cell(1, COL_REASON)),
            "ignore_blank": True,
            "error_title": w.reason_title,
            "error_message": f"{_capitalized(reason_rule(w))}. " + w.reason_counts_as_no.format(na=w.na, no=w.no),
        })
        sheet.conditional_format(1, COL_REASON, len(rows), COL_REASON, {
            "type": "formula", "format": f.no,
            "criteria": f'=AND(${xl_col_to_name(COL_ANSWER)}2="{w.na}",${xl_col_to_name(COL_REASON_ACCEPTED)}2=0)',
        })
        # In Spanish, Si typed without its accent counts as Sí (workbook_layout.is_yes), and is coloured so.
        spelt = ((f.yes, "Si"),) if w.language != EN.language else ()
        for fmt, value in ((f.yes, w.yes), (f.no, w.no), (f.not_applicable, w.na), *spelt):
            sheet.conditional_format(1, COL_ANSWER, len(rows), COL_ANSWER, {
                "type": "cell", "criteria": "==", "value": f'"{value}"', "format": fmt,
            })
        if any(row.counts_for for row in rows):
            # The metric rows that do not count for the chosen task type are greyed.
            sheet.conditional_format(1, COL_STAGE, len(rows), max(COL_NOTE, COL_EXPLANATION), {
                "type": "formula", "criteria": f"=${xl_col_to_name(COL_MAXIMUM)}2=0",
                "format": f.not_counted,
            })
    _protect(sheet)


def _write_off_route(sheet, methodology: Methodology, answers: Answers, route: str, f: _Formats,
                     w: Words) -> None:
    """The Off route sheet: every item or option that is not a row of the Answers sheet, with the
    answer, reason and note the answers give it, so that a change of route in the answers file
    loses nothing on the way through the workbook. No formula reads these rows."""
    for col, (header, width) in enumerate(off_route_columns(w)):
        _put(sheet, 0, col, header, f.header)
        default = {COL_ANSWER: f.answer_input, COL_REASON: f.text_input, OFF_COL_NOTE: f.text_input}.get(col)
        sheet.set_column(col, col, width, default or f.wrap)
    units = off_route_units(methodology, route)
    route_titles = {r.id: r.title for r in methodology.routes}
    for index, unit in enumerate(units, start=1):
        item = unit.item
        stage, subphase = methodology.find(item.stage_id).title, methodology.find(item.subphase_id).title
        _put(sheet, index, COL_STAGE, stage, f.wrap)
        _put(sheet, index, COL_SUBPHASE, subphase, f.wrap)
        _put(sheet, index, COL_ID, unit.unit_id, f.wrap)
        routes = (unit.option.routes if unit.option is not None and unit.option.routes else item.routes)
        counts_on = (", ".join(route_titles.get(r, r) for r in routes) if item.scored
                     else w.chooses_a_path)
        _put(sheet, index, OFF_COL_ROUTES, counts_on, f.wrap)
        question = item.question + (f" — {unit.option.label}" if unit.option is not None else "")
        _put(sheet, index, OFF_COL_QUESTION, question, f.wrap)
        reason = answers.reason_not_applicable(item.id) or ""
        value = answers.answer(item.id)
        note = answers.notes.get(item.id, "")
        if item.scored and item.applies_to(route):
            # An option of an item of the route that cannot count on it: only whether it is chosen;
            # the item's N/A, reason and note are on its rows of the Answers sheet.
            reason = note = ""
        if not item.scored:
            answer = ""
        elif reason:
            answer = w.na
        elif value is None:
            answer = ""
        elif unit.option is None:
            answer = w.yes if value is True else w.no
        else:
            answer = w.yes if unit.option.id in value else w.no
        if item.scored:
            _input(sheet, index, COL_ANSWER, answer, f.answer_input)
            _input(sheet, index, COL_REASON, reason, f.text_input)
        else:
            sheet.write_blank(index, COL_ANSWER, None, f.text)
            sheet.write_blank(index, COL_REASON, None, f.text)
        _input(sheet, index, OFF_COL_NOTE, note, f.text_input)
        _fit_row(sheet, index, max(_line_count(text, OFF_ROUTE_COLUMNS[col][1])
                                   for col, text in ((COL_STAGE, stage), (COL_SUBPHASE, subphase),
                                                     (COL_ID, unit.unit_id), (OFF_COL_ROUTES, counts_on),
                                                     (OFF_COL_QUESTION, question), (COL_REASON, reason),
                                                     (OFF_COL_NOTE, note))))
    sheet.freeze_panes(1, 0)
    _print_setup(sheet, landscape=True, footer=w.footer)
    sheet.repeat_rows(0)
    if units:
        sheet.autofilter(0, 0, len(units), len(OFF_ROUTE_COLUMNS) - 1)
        sheet.data_validation(1, COL_ANSWER, len(units), COL_ANSWER, {
            "validate": "list", "source": [w.yes, w.no, w.na], "error_title": w.answer_title,
            "error_message": w.answer_message.format(yes=w.yes, no=w.no, na=w.na),
        })
        sheet.data_validation(1, COL_REASON, len(units), COL_REASON, {
            "validate": "custom", "value": reason_formula(xl_rowcol_to_cell(1, COL_REASON)),
            "ignore_blank": True, "error_title": w.reason_title,
            "error_message": f"{_capitalized(reason_rule(w))}.",
        })
    _protect(sheet)


def _capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def _print_setup(sheet, *, landscape: bool, pages_tall: int = 0, footer: str = FOOTER) -> None:
    """One page wide (and `pages_tall` pages tall, 0 for as many as needed), the margins, the footer."""
    if landscape:
        sheet.set_landscape()
    else:
        sheet.set_portrait()
    sheet.set_margins(**MARGINS)
    sheet.set_footer(footer)
    sheet.fit_to_pages(1, pages_tall)


def _protect(sheet) -> None:
    """Lock the ids, texts and formulas (no password: it guards against slips, not people);
    the unlocked input cells stay editable, and columns, rows and the filter stay usable."""
    sheet.protect("", {"format_columns": True, "format_rows": True, "autofilter": True})


def _line_count(text: str, width: int) -> int:
    """About how many lines the text takes when wrapped in a column `width` characters wide.

    A column's width counts digit widths; average text is a little narrower, hence the 1.1.
    """
    per_line = max(int(width * 1.1), 1)
    return sum(len(textwrap.wrap(part, per_line, break_on_hyphens=False)) or 1
               for part in text.split("\n"))


def _fit_row(sheet, row: int, lines: int) -> None:
    """Make a row tall enough for its wrapped text.

    Neither Excel nor LibreOffice reliably fits a row to wrapped text when it opens a written
    file, so the height is set from an estimate of the lines.
    """
    if lines > 1:
        sheet.set_row(row, min(LINE_HEIGHT * lines, MAX_ROW_HEIGHT))


# ---------------------------------------------------------------- Summary sheet

@dataclass(frozen=True)
class _Sum:
    """A Summary column that adds up one Answers column per stage; `figure` is the score's own."""

    header: str  # its key in WORDS
    answers_col: int
    figure: str  # the attribute of StageScore and Score that gives the cached value
    paper: bool = False  # only the rows whose Source is Paper


@dataclass(frozen=True)
class _Ratio:
    """A Summary column that divides two columns of its table (0-based sheet columns)."""

    header: str  # its key in WORDS
    points_col: int
    maximum_col: int


@dataclass(frozen=True)
class _Less:
    """A Summary column: a column of its table less others (0-based sheet columns), row by row."""

    header: str  # its key in WORDS
    from_col: int
    less_cols: tuple[int, ...]
    figure: str


# The stage table: the paper's scale, then "of what applies" with the items and points marked
# N/A beside it.
STAGE_TABLE = (
    _Sum("t_points", COL_POINTS, "points"),
    _Sum("t_maximum", COL_MAXIMUM, "maximum"),
    _Ratio("t_percent", 1, 2),
    _Sum("t_applicable", COL_APPLICABLE, "applicable_maximum"),
    _Ratio("t_applicable_percent", 1, 4),
    _Sum("t_na_items", COL_ITEM_NA, "not_applicable_count"),
    _Less("t_na_points", 2, (4,), "not_applicable_points"),
)
# Below it, side by side (so that each table fits a printed page's width at a readable size): the
# paper-core subscore, the same sums over the rows whose Source is Paper, and the checks, the items
# counted apart.
PAPER_TABLE = (
    _Sum("t_points", COL_POINTS, "paper_points", paper=True),
    _Sum("t_maximum", COL_MAXIMUM, "paper_maximum", paper=True),
    _Ratio("t_percent", 1, 2),
)
CHECKS_TABLE = (
    _Sum("t_items", COL_ITEM, "items_total"),
    _Sum("t_items_answered", COL_ITEM_ANSWERED, "answered"),
    _Sum("t_na_items", COL_ITEM_NA, "not_applicable_count"),
    _Less("t_items_open", 4, (5, 6), "open"),
)
CHECKS_COL = len(PAPER_TABLE) + 1  # the sheet column of the checks' first column (Items)
SUMMARY_LAST_COL = len(STAGE_TABLE)  # column A holds the stage titles


def _write_summary(workbook, sheet, methodology: Methodology, answers: Answers, result: Score,
                   rows: list[AnswerRow], when: _dt.datetime, f: _Formats,
                   levels: maturity_sheet.Plan, w: Words) -> SummaryCells:
    sheet.set_column(0, 0, SUMMARY_WIDTHS[0])
    sheet.set_column(1, SUMMARY_LAST_COL, SUMMARY_WIDTHS[1])
    _print_setup(sheet, landscape=False, pages_tall=1, footer=w.footer)
    _put(sheet, 0, 0, w.summary_title, f.title)
    _merged_text(sheet, 1, 0, w.methodology.format(citation=methodology.citation.text), f.small_wrap)

    _write_details(sheet, methodology, answers, result, when, f, w)
    # Every stage with rows: its maximum may be 0 now and follow a task type chosen later.
    stages = [s for s in result.stages if s.items_total > 0]
    last_answer_row = max(len(rows), 1) + 1  # 1-based; at least row 2 so the range is valid
    # The headline figures come first; they refer to the tables below, written first.
    table_header_row = HEADLINE_ROW + 1 + HEADLINE_ROWS_BESIDE_MATURITY + len(levels.levels.models) + 1
    total = _write_table(sheet, table_header_row, STAGE_TABLE, stages, result, last_answer_row, f, w)
    _write_flag(sheet, total, result, f, w)
    sheet.merge_range(total + 3, 0, total + 3, len(PAPER_TABLE), "", f.heading)
    _put(sheet, total + 3, 0, w.paper_title, f.heading)
    sheet.merge_range(total + 3, len(PAPER_TABLE) + 1, total + 3, SUMMARY_LAST_COL, "", f.heading)
    _put(sheet, total + 3, len(PAPER_TABLE) + 1, w.checks_title, f.heading)
    _fit_row(sheet, total + 3, max(
        _line_count(w.paper_title, SUMMARY_WIDTHS[0] + SUMMARY_WIDTHS[1] * len(PAPER_TABLE)),
        _line_count(w.checks_title, SUMMARY_WIDTHS[1] * (SUMMARY_LAST_COL - len(PAPER_TABLE)))))
    paper_total = _write_table(sheet, total + 4, PAPER_TABLE + CHECKS_TABLE, stages, result, last_answer_row, f, w)
    # Then the maturity level per model and the ML Test Score (maturity_sheet.py).
    maturity_end = maturity_sheet.write_summary_block(
        sheet, paper_total + 2, levels, xl_rowcol_to_cell(total, 3, row_abs=True, col_abs=True),
        xl_rowcol_to_cell(paper_total, 3, row_abs=True, col_abs=True), f, _merged_text, SUMMARY_WIDTHS[0])

    _write_headline(sheet, result, levels, total, paper_total, f, w)

    # The printed page ends here: the details, the headline figures and their detail fit one page at a
    # readable size. The chart, what the figures mean and how to fill the workbook in follow on screen.
    sheet.print_area(0, 0, maturity_end - 1, SUMMARY_LAST_COL)
    chart_row = maturity_end + 1
    notes_row = chart_row + (CHART_SIZE[1] // 20 + 2 if stages else 0)
    notes = (
        w.note_what,
        w.note_scales.format(na=w.na, no=w.no, rule=reason_rule(w)),
        w.note_paper,
    )
    filling_in = (w.filling_in_rows.format(yes=w.yes, no=w.no, na=w.na), w.filling_in_away)
    for offset, text in enumerate(notes):
        _merged_text(sheet, notes_row + offset, 0, text, f.small_wrap)
    filling_in_row = notes_row + len(notes) + 1
    _merged_text(sheet, filling_in_row, 0, w.filling_in_title, f.heading)
    for offset, text in enumerate(filling_in, start=filling_in_row + 1):
        _merged_text(sheet, offset, 0, text, f.small_wrap)

    if stages:
        _add_chart(workbook, sheet, table_header_row + 1, total - 1, chart_row, w)
    _protect(sheet)

    def absolute(row: int, col: int) -> str:
        return xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)

    return SummaryCells(
        total_points=absolute(total, 1), max_points=absolute(total, 2),
        overall_percent=absolute(total, 3),
        applicable_max_points=absolute(total, 4), applicable_percent=absolute(total, 5),
        paper_points=absolute(paper_total, 1), paper_max_points=absolute(paper_total, 2),
        paper_percent=absolute(paper_total, 3),
        items_total=absolute(paper_total, CHECKS_COL), items_answered=absolute(paper_total, CHECKS_COL + 1),
        items_not_applicable=absolute(total, 6), items_open=absolute(paper_total, CHECKS_COL + 3),
        not_applicable_points=absolute(total, 7), not_applicable_flag=absolute(total + 1, 0),
    )


# The headline figures, in the order every front end shows them (report.headline): the total on the
# paper's scale, the maturity level per model (a row each) and the ML Test Score, what applies, the
# paper's own questions, the checks: five rows and one per maturity model.
HEADLINE_ROWS_BESIDE_MATURITY = 5


def _write_headline(sheet, result: Score, levels: maturity_sheet.Plan, total: int, paper_total: int,
                    f: _Formats, w: Words) -> None:
    """The headline figures from HEADLINE_ROW: a label, the percentage where there is one, the figure
    in words; every one a formula on the tables and the maturity block below, so it follows edits
    (whole numbers joined into text, which reads the same in every locale; percentages as numbers)."""
    def at(row: int, col: int) -> str:
        return xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)

    def points_of(row: int, maximum_col: int) -> str:
        return f'{at(row, 1)}&"{w.of}"&{at(row, maximum_col)}&"{w.points}"'

    def percent(row: int, col: int, points: int, maximum: int) -> tuple[str, float | str]:
        """A reference to a table's percentage cell, cached as that cell is."""
        return f"={at(row, col)}", (points / maximum if maximum else "")

    na_items = at(total, 6)
    figures = [(w.headline_total, percent(total, 3, result.points, result.maximum),
                f"={points_of(total, 2)}", w.of_points.format(points=result.points, maximum=result.maximum))]
    for index, model in enumerate(levels.levels.models):
        figures.append((w.headline_maturity if index == 0 else "", None,
                        f'="{quoted(model.model_title)}: "&{levels.level_text_cells[model.model_id]}',
                        f"{model.model_title}: {maturity_sheet.level_text(model, w)}"))
    mlts = levels.levels.ml_test_score
    na_count = result.not_applicable_count
    figures += [
        (mlts.title, None, f"={levels.tests_text_cell}", maturity_sheet.tests_text(mlts, w)),
        (w.headline_applicable, percent(total, 5, result.points, result.applicable_maximum),
         f'={at(total, 1)}&"{w.of}"&{at(total, 4)}&"{w.points}{w.na_items}"&{na_items}'
         f'&IF({na_items}=1,"{w.item}","{w.items}")&{at(total, 7)}&"{w.of}"&{at(total, 2)}&"{w.points}"',
         w.of_points.format(points=result.points, maximum=result.applicable_maximum) + "; " + w.na_text.format(
             count=na_count, items=w.item_1 if na_count == 1 else w.item_n, points=result.not_applicable_points,
             maximum=result.maximum)),
        (w.headline_paper, percent(paper_total, 3, result.paper_points, result.paper_maximum),
         f"={points_of(paper_total, 2)}", w.of_points.format(points=result.paper_points, maximum=result.paper_maximum)),
        (w.headline_checks, None, "=" + "&".join(f"{cell}&{_counted(cell, key, w)}" for cell, key in (
            (at(paper_total, CHECKS_COL + 1), "answered"), (na_items, "not_applicable"),
            (at(paper_total, CHECKS_COL + 3), "open"))) + f"&{at(paper_total, CHECKS_COL)}",
         "".join(f"{count}{_counted(count, key, w)}" for count, key in (
             (result.answered, "answered"), (na_count, "not_applicable"), (result.open, "open")))
         + str(result.items_total)),
    ]
    assert len(figures) == HEADLINE_ROWS_BESIDE_MATURITY + len(levels.levels.models)
    _merged_text(sheet, HEADLINE_ROW, 0, w.headline_title, f.heading)
    for row, (label, share, formula, cached) in enumerate(figures, start=HEADLINE_ROW + 1):
        if label:
            _put(sheet, row, 0, label, f.headline_label)
        if share is not None:
            sheet.write_formula(row, 1, share[0], f.headline_percent, share[1])
        sheet.merge_range(row, 2, row, SUMMARY_LAST_COL, "", f.headline_text)
        sheet.write_formula(row, 2, formula, f.headline_text, cached)
        _fit_row(sheet, row, max(_line_count(cached, SUMMARY_WIDTHS[1] * (SUMMARY_LAST_COL - 1)),
                                 _line_count(label, SUMMARY_WIDTHS[0])))


def _counted(count: int | str, key: str, w: Words) -> str:
    """The word after a count of the checks: for a number, the one it takes; for a cell, a formula
    giving it (just the word where the language says it alike after 1 and after any other number)."""
    one, other = getattr(w, key + "_1"), getattr(w, key)
    if isinstance(count, int):
        return one if count == 1 else other
    if one == other:
        return f'"{other}"'
    return f'IF({count}=1,"{one}","{other}")'


def flag_text(points: int, maximum: int, w: Words = EN) -> str | None:
    """The sentence that flags the percentage of what applies (scoring.FLAG_TEXT, with its full stop), in
    the words' language; None when N/A covers a quarter of the route's points or less."""
    if points <= FLAG_SHARE * maximum:
        return None
    return w.flag.format(points=points, maximum=maximum) + "."


def _write_flag(sheet, total: int, result: Score, f: _Formats, w: Words) -> None:
    """Below the Overall row: the score's flag sentence when N/A covers over a quarter of the
    route's points, by formula on the Overall row's N/A points and maximum (else empty)."""
    points, maximum = xl_rowcol_to_cell(total, 7), xl_rowcol_to_cell(total, 2)
    words = w.flag.format(points=f'"&{points}&"', maximum=f'"&{maximum}&"')
    cached = flag_text(result.not_applicable_points, result.maximum, w) or ""
    _merged_text(sheet, total + 1, 0, w.flag.format(points=999, maximum=999) + ".", f.wrap)
    sheet.write_formula(total + 1, 0, f'=IF({FLAG_SHARE.denominator}*{points}>{FLAG_SHARE.numerator}*{maximum},'
                                      f'"{words}.","")', f.wrap, cached)


def _write_details(sheet, methodology: Methodology, answers: Answers, result: Score,
                   when: _dt.datetime, f: _Formats, w: Words) -> None:
    """Project, assessor and date to fill in; the route; the ML task type to choose from a
    drop-down where the route has one, with the maximum and the metrics rows following it."""
    from . import __version__

    route = methodology.route(result.route)
    uses_task_type = methodology.route_uses_task_type(result.route)
    titles = tuple(t.title for t in methodology.task_types)
    if not uses_task_type:
        task_type = w.no_task_type
    elif result.task_type is None:
        task_type = w.not_chosen
    else:
        task_type = methodology.task_type(result.task_type).title
    # When the workbook was made stays text: two exports of the same answers differ only there, and the
    # comparisons of workbooks (page and CLI) recognise that text.
    values = (answers.project, answers.assessor, "", route.title, task_type,
              w.generated.format(when=f"{when:%Y-%m-%d %H:%M}", version=__version__))
    inputs = {w.d_project, w.d_assessor} | ({w.d_task_type} if uses_task_type else set())
    for offset, (label, value) in enumerate(zip(detail_labels(w), values)):
        _put(sheet, DETAILS_FIRST_ROW + offset, 0, label, f.label)
        if DETAILS_FIRST_ROW + offset != ROW_DATE:
            _merged_text(sheet, DETAILS_FIRST_ROW + offset, 1, value,
                         f.detail_input if label in inputs else f.wrap)
    # The date as a date (a day number shown yyyy-mm-dd), or an empty cell whose typed date becomes one.
    sheet.merge_range(ROW_DATE, 1, ROW_DATE, SUMMARY_LAST_COL, "", f.date_input)
    day = calendar_date(answers.date)
    if day is not None:
        sheet.write_datetime(ROW_DATE, 1, _dt.datetime(day.year, day.month, day.day), f.date_input)
    elif answers.date:
        _put(sheet, ROW_DATE, 1, answers.date, f.date_input)
    sheet.data_validation(ROW_DATE, 1, ROW_DATE, 1, {
        "validate": "date", "criteria": ">=", "value": _dt.date(1900, 1, 1), "ignore_blank": True,
        "error_title": w.date_title, "error_message": w.date_message,
    })
    if not uses_task_type:
        return
    sheet.data_validation(ROW_TASK_TYPE, 1, ROW_TASK_TYPE, 1, {
        "validate": "list", "source": [w.not_chosen, *titles], "ignore_blank": True,
        "input_title": w.task_type_title,
        "input_message": w.task_type_input,
        "error_title": w.task_type_title,
        "error_message": w.task_type_error.format(not_chosen=w.not_chosen),
    })
    provisional_row = DETAILS_FIRST_ROW + len(DETAIL_LABELS)
    _merged_text(sheet, provisional_row, 0, w.provisional, f.small_wrap)
    sheet.write_formula(provisional_row, 0, f'=IF({any_task_type(titles, w)},"","{quoted(w.provisional)}")',
                        f.small_wrap, w.provisional if result.maximum_provisional else "")


def _write_table(sheet, header_row: int, columns: tuple[_Sum | _Ratio | _Less, ...],
                 stages: list[StageScore], result: Score, last_answer_row: int, f: _Formats, w: Words) -> int:
    """A stage table with live formulas and the score's figures cached; returns the Overall row.

    Each stage row adds up the Answers sheet with SUMIFS by stage title (and, for the paper-core
    columns, Source = Paper); the Overall row adds up the stage rows.
    """
    answers_ref = quote_sheetname(w.answers)

    def answers_range(col: int) -> str:
        letter = xl_col_to_name(col)
        return f"{answers_ref}!${letter}$2:${letter}${last_answer_row}"

    headers = (w.t_stage, *(getattr(w, column.header) for column in columns))
    for col, header in enumerate(headers):
        _put(sheet, header_row, col, header, f.header if col == 0 else f.header_number)
    # Bold headers are wider than average text: estimate their lines on a narrower column.
    _fit_row(sheet, header_row, max(_line_count(h, SUMMARY_WIDTHS[1] - 2) for h in headers[1:]))

    def cached(column: _Ratio, figures: StageScore | Score) -> float | str:
        points = getattr(figures, columns[column.points_col - 1].figure)
        maximum = getattr(figures, columns[column.maximum_col - 1].figure)
        return points / maximum if maximum else ""

    paper_criterion = f',{answers_range(COL_SOURCE)},"{w.source_paper}"'
    first = header_row + 1
    for row, stage in enumerate(stages, start=first):
        criterion = _criterion(stage.title, xl_rowcol_to_cell(row, 0, col_abs=True))
        _put(sheet, row, 0, stage.title, f.text)
        for col, column in enumerate(columns, start=1):
            if isinstance(column, _Sum):
                sheet.write_formula(row, col, f"=SUMIFS({answers_range(column.answers_col)},"
                                    f"{answers_range(COL_STAGE)},{criterion}"
                                    f"{paper_criterion if column.paper else ''})",
                                    f.number, getattr(stage, column.figure))
            elif isinstance(column, _Less):
                formula = "=" + xl_rowcol_to_cell(row, column.from_col) + "".join(
                    "-" + xl_rowcol_to_cell(row, less) for less in column.less_cols)
                sheet.write_formula(row, col, formula, f.number, getattr(stage, column.figure))
            else:
                sheet.write_formula(row, col, _percent_formula(row, column), f.percent,
                                    cached(column, stage))

    total = first + len(stages)
    _put(sheet, total, 0, w.overall, f.total_label)
    for col, column in enumerate(columns, start=1):
        if isinstance(column, _Ratio):
            sheet.write_formula(total, col, _percent_formula(total, column), f.total_percent,
                                cached(column, result))
            continue
        if stages:
            formula = f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(total - 1, col)})"
        else:
            formula = "=0"
        sheet.write_formula(total, col, formula, f.total_number, getattr(result, column.figure))
    return total


def _merged_text(sheet, row: int, first_col: int, text: str, fmt) -> None:
    """Text wrapped across columns A (or another) to the last column, the row made tall enough.

    Excel does not fit a row's height to wrapped text in merged cells, so it is estimated.
    """
    width = ((SUMMARY_WIDTHS[0] if first_col == 0 else 0)
             + SUMMARY_WIDTHS[1] * (SUMMARY_LAST_COL - max(first_col, 1) + 1))
    sheet.merge_range(row, first_col, row, SUMMARY_LAST_COL, "", fmt)
    _put(sheet, row, first_col, text, fmt)
    _fit_row(sheet, row, _line_count(text, width))


def _percent_formula(row: int, column: _Ratio) -> str:
    points = xl_rowcol_to_cell(row, column.points_col)
    maximum = xl_rowcol_to_cell(row, column.maximum_col)
    return f'=IF({maximum}=0,"",{points}/{maximum})'


def _criterion(title: str, cell: str) -> str:
    """The SUMIFS criterion that matches exactly this stage title.

    A plain title is matched through its cell on the Summary sheet. SUMIFS reads wildcards
    (* ? ~) and a leading comparison (= < >) in a criterion, so such a title is matched with an
    escaped literal instead.
    """
    if title.strip() and not any(ch in title for ch in "*?~") \
            and not title.startswith(("=", "<", ">")):
        return cell
    escaped = encodable(title).replace("~", "~~").replace("*", "~*").replace("?", "~?")
    literal = ("=" + escaped).replace('"', '""')
    return f'"{literal}"'


def _add_chart(workbook, sheet, first_row: int, last_row: int, at_row: int, w: Words) -> None:
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({
        "name": w.chart_series,
        "categories": [w.summary, first_row, 0, last_row, 0],
        "values": [w.summary, first_row, 3, last_row, 3],
        "fill": {"color": "#4472C4"},
        "data_labels": {"value": True, "num_format": "0.0%"},
    })
    chart.set_title({"name": w.chart_title})
    chart.set_legend({"none": True})
    chart.set_y_axis({"min": 0, "max": 1, "major_unit": 0.25, "num_format": "0%",
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_size({"width": CHART_SIZE[0], "height": CHART_SIZE[1]})
    sheet.insert_chart(at_row, 0, chart, {"object_position": 3})
