"""The score spreadsheet: the digital form of the paper's Excel template, written in memory.

Two sheets. "Answers" has one row per scoring unit of the route (a yes/no item, or one option
of a multiple-choice item), so every row is worth one point and its Points cell is a live
formula on its Answer cell. "Summary" totals the Answers sheet per stage with SUMIFS formulas,
charts the per-stage percentages and names the overall cells (`total_points`, `max_points`,
`overall_percent`). Every cached value comes from `scoring.score`, so a reader that does not
recalculate shows the same numbers as the CLI and the site; a user who changes an answer in
Excel or LibreOffice sees the totals follow.

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

from .answers import Answers
from .model import MULTIPLE_CHOICE, YES_NO, Item, Methodology
from .scoring import ItemScore, Score, score

SUMMARY = "Summary"
ANSWERS = "Answers"
YES = "Yes"
NO = "No"

WORKBOOK_OPTIONS = {
    "in_memory": True,
    "strings_to_formulas": False,
    "strings_to_numbers": False,
    "strings_to_urls": False,
}

# Answers sheet: (header, width). The letters are used in the formulas below.
ANSWER_COLUMNS = (
    ("Stage", 22),
    ("Subphase", 30),
    ("Item id", 28),
    ("Question", 60),
    ("Answer", 10),
    ("Points", 9),
    ("Maximum", 10),
    ("Explanation", 60),
    ("Note", 40),
)
COL_STAGE, COL_SUBPHASE, COL_ID, COL_QUESTION, COL_ANSWER, COL_POINTS, COL_MAXIMUM, \
    COL_EXPLANATION, COL_NOTE = range(len(ANSWER_COLUMNS))

LINE_HEIGHT = 15  # points, for the default 11-point font
MAX_ROW_HEIGHT = 409  # the largest row height Excel accepts, in points

# Summary sheet: the details block, then the stage table from TABLE_HEADER_ROW (0-based).
SUMMARY_WIDTHS = (30, 12)  # column A, and each of B to D
DETAILS_FIRST_ROW = 3
TABLE_HEADER_ROW = 11
SUMMARY_HEADERS = ("Stage", "Points", "Maximum", "Percentage")
CHART_SIZE = (480, 300)  # pixels; a default row is 20 pixels high

_SURROGATE = re.compile("[\ud800-\udfff]")

CHOOSE_TASK_TYPE_FIRST = (
    "Choose the ML task type first: this item's options depend on it, so it cannot be answered "
    "yet. Until then it counts at its highest possible maximum and scores 0 points."
)


@dataclass(frozen=True)
class AnswerRow:
    """One row of the Answers sheet."""

    stage: str
    subphase: str
    unit_id: str
    question: str
    answer: str  # "Yes", "No" or "" (unanswered)
    points: int
    maximum: int
    explanation: str
    note: str
    # False only for the placeholder of an item whose options wait for the ML task type.
    answerable: bool = True


@dataclass(frozen=True)
class SummaryCells:
    """Where the overall totals are, as absolute references on the Summary sheet."""

    total_points: str
    max_points: str
    overall_percent: str


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
    """
    result = score(methodology, answers)
    when = generated_at if generated_at is not None else _dt.datetime.now(_dt.timezone.utc)
    if when.tzinfo is not None:
        when = when.astimezone(_dt.timezone.utc)
    rows = answer_rows(methodology, answers, result)

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, dict(WORKBOOK_OPTIONS))
    workbook.set_properties({
        "title": encodable(f"{methodology.title}: self-assessment score"),
        "created": when.replace(tzinfo=None),
    })
    formats = _Formats(workbook)
    summary = workbook.add_worksheet(SUMMARY)
    sheet = workbook.add_worksheet(ANSWERS)
    _write_answers(sheet, rows, formats)
    cells = _write_summary(workbook, summary, methodology, answers, result, rows, when, formats)
    for name, ref in (("total_points", cells.total_points), ("max_points", cells.max_points),
                      ("overall_percent", cells.overall_percent)):
        workbook.define_name(name, f"={quote_sheetname(SUMMARY)}!{ref}")
    summary.activate()
    workbook.close()
    return buffer.getvalue()


# ---------------------------------------------------------------- rows of the Answers sheet

def answer_rows(methodology: Methodology, answers: Answers, result: Score) -> list[AnswerRow]:
    """The Answers sheet's rows, with answers and points taken from the score."""
    rows: list[AnswerRow] = []
    for item_score in result.items:
        item = methodology.find(item_score.item_id)
        rows.extend(_item_rows(methodology, answers, result, item, item_score))
    return rows


def _item_rows(methodology: Methodology, answers: Answers, result: Score, item: Item,
               item_score: ItemScore) -> Iterator[AnswerRow]:
    stage = methodology.find(item.stage_id).title
    subphase = methodology.find(item.subphase_id).title
    note = answers.notes.get(item.id, "")

    if item.kind == YES_NO:
        answer = (YES if item_score.points else NO) if item_score.answered else ""
        yield AnswerRow(stage, subphase, item.id, item.question, answer, item_score.points,
                        item_score.maximum, item.explanation, note)
        return

    if item.kind != MULTIPLE_CHOICE:
        raise ValueError(f"item {item.id}: a {item.kind} item is not scored")
    if result.maximum_provisional and item.depends_on_task_type:
        yield AnswerRow(stage, subphase, item.id, item.question, "", item_score.points,
                        item_score.maximum, CHOOSE_TASK_TYPE_FIRST, note, answerable=False)
        return

    for option_id in item_score.options:
        option = item.option(option_id)
        chosen = option_id in item_score.selected
        answer = (YES if chosen else NO) if item_score.answered else ""
        yield AnswerRow(stage, subphase, f"{item.id}/{option.id}",
                        f"{item.question} — {option.label}", answer, int(chosen), 1,
                        item.explanation, note)


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
                                  "align": "right", "valign": "top"})
        self.centered = add({"align": "center", "valign": "top"})
        self.number = add({"num_format": "0", "valign": "top"})
        self.percent = add({"num_format": "0.0%", "valign": "top"})
        self.total_label = add({"bold": True, "top": 1})
        self.total_number = add({"bold": True, "top": 1, "num_format": "0"})
        self.total_percent = add({"bold": True, "top": 1, "num_format": "0.0%"})
        self.yes = add({"bg_color": "#E2EFDA"})
        self.no = add({"bg_color": "#FCE4D6"})


# ---------------------------------------------------------------- Answers sheet

def _put(sheet, row: int, col: int, text: str, fmt) -> None:
    """Write text as text: never read as a formula, number or link, whatever it starts with."""
    sheet.write_string(row, col, encodable(text), fmt)


def _write_answers(sheet, rows: list[AnswerRow], f: _Formats) -> None:
    for col, (header, width) in enumerate(ANSWER_COLUMNS):
        _put(sheet, 0, col, header, f.header)
        wrapped = col in (COL_QUESTION, COL_EXPLANATION, COL_NOTE)
        sheet.set_column(col, col, width, f.wrap if wrapped else f.text)

    answer_col = xl_col_to_name(COL_ANSWER)
    for index, row in enumerate(rows, start=1):
        excel_row = index + 1
        _put(sheet, index, COL_STAGE, row.stage, f.text)
        _put(sheet, index, COL_SUBPHASE, row.subphase, f.text)
        _put(sheet, index, COL_ID, row.unit_id, f.text)
        _put(sheet, index, COL_QUESTION, row.question, f.wrap)
        if row.answer:
            _put(sheet, index, COL_ANSWER, row.answer, f.centered)
        else:
            sheet.write_blank(index, COL_ANSWER, None, f.centered)
        if row.answerable:
            sheet.write_formula(index, COL_POINTS, f'=IF({answer_col}{excel_row}="{YES}",1,0)',
                                f.number, row.points)
        else:
            sheet.write_number(index, COL_POINTS, row.points, f.number)
        sheet.write_number(index, COL_MAXIMUM, row.maximum, f.number)
        _put(sheet, index, COL_EXPLANATION, row.explanation, f.wrap)
        if row.note:
            _put(sheet, index, COL_NOTE, row.note, f.wrap)
        _fit_row(sheet, index, max(
            _line_count(text, ANSWER_COLUMNS[col][1])
            for col, text in ((COL_QUESTION, row.question), (COL_EXPLANATION, row.explanation),
                              (COL_NOTE, row.note))
        ))

    last = max(len(rows), 1)
    sheet.freeze_panes(1, 0)
    sheet.set_landscape()
    sheet.fit_to_pages(1, 0)
    sheet.repeat_rows(0)
    sheet.autofilter(0, 0, last, len(ANSWER_COLUMNS) - 1)
    ranges = _answerable_ranges(rows)
    if ranges:
        sheet.data_validation(ranges[0][0], COL_ANSWER, ranges[0][1], COL_ANSWER, {
            "validate": "list",
            "source": [YES, NO],
            "multi_range": " ".join(_column_range(COL_ANSWER, a, b) for a, b in ranges),
            "error_title": "Answer",
            "error_message": f"Choose {YES} or {NO}, or leave the cell empty if not answered yet.",
        })
        for fmt, value in ((f.yes, YES), (f.no, NO)):
            sheet.conditional_format(ranges[0][0], COL_ANSWER, ranges[-1][1], COL_ANSWER, {
                "type": "cell", "criteria": "==", "value": f'"{value}"', "format": fmt,
            })


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


def _answerable_ranges(rows: list[AnswerRow]) -> list[tuple[int, int]]:
    """Runs of answerable rows as (first, last) 0-based sheet rows."""
    runs: list[tuple[int, int]] = []
    for index, row in enumerate(rows, start=1):
        if not row.answerable:
            continue
        if runs and runs[-1][1] == index - 1:
            runs[-1] = (runs[-1][0], index)
        else:
            runs.append((index, index))
    return runs


def _column_range(col: int, first_row: int, last_row: int) -> str:
    start = xl_rowcol_to_cell(first_row, col)
    end = xl_rowcol_to_cell(last_row, col)
    return start if start == end else f"{start}:{end}"


# ---------------------------------------------------------------- Summary sheet

def _write_summary(workbook, sheet, methodology: Methodology, answers: Answers, result: Score,
                   rows: list[AnswerRow], when: _dt.datetime, f: _Formats) -> SummaryCells:
    from . import __version__

    sheet.set_column(0, 0, SUMMARY_WIDTHS[0])
    sheet.set_column(1, 3, SUMMARY_WIDTHS[1])
    sheet.set_portrait()
    sheet.fit_to_pages(1, 0)
    _put(sheet, 0, 0, "Self-assessment score", f.title)
    _merged_text(sheet, 1, 0, methodology.title, f.small_wrap)

    route = methodology.route(result.route)
    if not methodology.route_uses_task_type(result.route):
        task_type = "not applicable to this route"
    elif result.task_type is None:
        task_type = "not chosen"
    else:
        task_type = methodology.task_type(result.task_type).title
    details = (
        ("Project", answers.project),
        ("Assessor", answers.assessor),
        ("Date", answers.date),
        ("Route", route.title),
        ("ML task type", task_type),
        ("Generated on", f"{when:%Y-%m-%d %H:%M} UTC by mlops-handbook {__version__}"),
    )
    for offset, (label, value) in enumerate(details):
        _put(sheet, DETAILS_FIRST_ROW + offset, 0, label, f.label)
        _merged_text(sheet, DETAILS_FIRST_ROW + offset, 1, value, f.wrap)
    if result.maximum_provisional:
        _merged_text(sheet, DETAILS_FIRST_ROW + len(details), 0,
                     "The maximum is provisional: it is the highest the route can reach until "
                     "the ML task type is chosen.", f.small_wrap)

    for col, header in enumerate(SUMMARY_HEADERS):
        _put(sheet, TABLE_HEADER_ROW, col, header, f.header if col == 0 else f.header_number)

    last_answer_row = max(len(rows), 1) + 1  # 1-based; at least row 2 so the range is valid
    answers_ref = quote_sheetname(ANSWERS)

    def answers_range(col: int) -> str:
        letter = xl_col_to_name(col)
        return f"{answers_ref}!${letter}$2:${letter}${last_answer_row}"

    stages = [s for s in result.stages if s.maximum > 0]
    first = TABLE_HEADER_ROW + 1
    for offset, stage in enumerate(stages):
        row = first + offset
        criterion = _criterion(stage.title, xl_rowcol_to_cell(row, 0, col_abs=True))
        _put(sheet, row, 0, stage.title, f.text)
        sheet.write_formula(row, 1, f"=SUMIFS({answers_range(COL_POINTS)},"
                            f"{answers_range(COL_STAGE)},{criterion})", f.number, stage.points)
        sheet.write_formula(row, 2, f"=SUMIFS({answers_range(COL_MAXIMUM)},"
                            f"{answers_range(COL_STAGE)},{criterion})", f.number, stage.maximum)
        sheet.write_formula(row, 3, _percent_formula(row), f.percent,
                            stage.points / stage.maximum)

    total = first + len(stages)
    _put(sheet, total, 0, "Overall", f.total_label)
    for col, value in ((1, result.points), (2, result.maximum)):
        if stages:
            formula = f"=SUM({xl_rowcol_to_cell(first, col)}:{xl_rowcol_to_cell(total - 1, col)})"
        else:
            formula = "=0"
        sheet.write_formula(total, col, formula, f.total_number, value)
    sheet.write_formula(total, 3, _percent_formula(total), f.total_percent,
                        result.points / result.maximum if result.maximum else "")

    chart_row = total + 2
    notes_row = chart_row + (CHART_SIZE[1] // 20 + 2 if stages else 0)
    _merged_text(sheet, notes_row, 0, "Each row of the Answers sheet is worth one point: set its "
                 f"answer to {YES} or {NO} there and these totals follow.", f.small_wrap)
    _merged_text(sheet, notes_row + 1, 0, f"Methodology: {methodology.citation.text}", f.small_wrap)

    if stages:
        _add_chart(workbook, sheet, first, total - 1, chart_row)

    def absolute(col: int) -> str:
        return xl_rowcol_to_cell(total, col, row_abs=True, col_abs=True)

    return SummaryCells(absolute(1), absolute(2), absolute(3))


def _merged_text(sheet, row: int, first_col: int, text: str, fmt) -> None:
    """Text wrapped across columns A (or B) to D, the row made tall enough to show it.

    Excel does not fit a row's height to wrapped text in merged cells, so it is estimated.
    """
    width = (SUMMARY_WIDTHS[0] if first_col == 0 else 0) + SUMMARY_WIDTHS[1] * 3
    sheet.merge_range(row, first_col, row, 3, "", fmt)
    _put(sheet, row, first_col, text, fmt)
    _fit_row(sheet, row, _line_count(text, width))


def _percent_formula(row: int) -> str:
    points = xl_rowcol_to_cell(row, 1)
    maximum = xl_rowcol_to_cell(row, 2)
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


def _add_chart(workbook, sheet, first_row: int, last_row: int, at_row: int) -> None:
    chart = workbook.add_chart({"type": "column"})
    chart.add_series({
        "name": "Percentage",
        "categories": [SUMMARY, first_row, 0, last_row, 0],
        "values": [SUMMARY, first_row, 3, last_row, 3],
        "fill": {"color": "#4472C4"},
        "data_labels": {"value": True, "num_format": "0.0%"},
    })
    chart.set_title({"name": "Score per stage"})
    chart.set_legend({"none": True})
    chart.set_y_axis({"min": 0, "max": 1, "major_unit": 0.25, "num_format": "0%",
                      "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.set_size({"width": CHART_SIZE[0], "height": CHART_SIZE[1]})
    sheet.insert_chart(at_row, 0, chart, {"object_position": 3})
