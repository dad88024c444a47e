"""The score spreadsheet, written in memory: the paper's scoring rules applied to the checklist.

The paper describes an Excel template for its questionnaire but does not publish it, so this is
not that template. It scores the handbook's checklist by the paper's rules (section 5); most of
its items are the handbook's own, derived from the paper's text (the Source column says which).

Two sheets. "Answers" has one row per scoring unit of the route (a yes/no item, or one option
of a multiple-choice item), so every row is worth one point. Its Answer cell is Yes, No or N/A
(not applicable, with the reason beside it); its Points and Applicable maximum cells are live
formulas on the Answer cell. "Summary" totals the Answers sheet per stage with SUMIFS formulas:
the paper's scale (points, maximum, percentage) as the headline; beside it the maximum and
percentage "of what applies" (N/A items score 0 on the paper's scale and are left out of this
maximum); below it the paper-core subscore (only the rows whose Source is Paper). It charts the
per-stage percentages and names the overall cells (`total_points`, `max_points`,
`overall_percent`, `applicable_max_points`, `applicable_percent`, `paper_points`,
`paper_max_points`, `paper_percent`), and counts the items answered per stage and overall
(`items_total`, `items_answered`: an item is one row of the Answers sheet, or one row per
option of a multiple-choice item, whose Item and Item answered columns say so). Every cached value comes from `scoring.score`, so a reader
that does not recalculate shows the same numbers as the CLI and the site; a user who changes an
answer in Excel or LibreOffice sees the totals follow.

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
from .model import ADDED, DERIVED, MULTIPLE_CHOICE, PAPER, YES_NO, Item, Methodology
from .scoring import NOT_APPLICABLE, ItemScore, Score, StageScore, score

SUMMARY = "Summary"
ANSWERS = "Answers"
YES = "Yes"
NO = "No"
NA = "N/A"  # not applicable; the reason goes in the next column

# The Source column: where the item's question comes from (model.Source.basis).
SOURCE_LABELS = {PAPER: "Paper", DERIVED: "Derived", ADDED: "Added"}

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
    ("Source", 9),
    ("Question", 60),
    ("Answer", 10),
    ("Reason (if N/A)", 30),
    ("Points", 9),
    ("Maximum", 10),
    ("Applicable maximum", 12),
    ("Explanation", 60),
    ("Note", 40),
    # For the Summary's count of answered items: 1 on an item's first row (a multiple-choice
    # item has a row per option), and whether that item is answered (or marked N/A).
    ("Item", 7),
    ("Item answered", 10),
)
COL_STAGE, COL_SUBPHASE, COL_ID, COL_SOURCE, COL_QUESTION, COL_ANSWER, COL_REASON, COL_POINTS, \
    COL_MAXIMUM, COL_APPLICABLE, COL_EXPLANATION, COL_NOTE, COL_ITEM, COL_ITEM_ANSWERED = \
    range(len(ANSWER_COLUMNS))
WRAPPED_COLUMNS = (COL_QUESTION, COL_REASON, COL_EXPLANATION, COL_NOTE)

LINE_HEIGHT = 15  # points, for the default 11-point font
MAX_ROW_HEIGHT = 409  # the largest row height Excel accepts, in points

# Summary sheet: the details block, then the stage table from TABLE_HEADER_ROW (0-based), then
# the paper-core table. Widths fit a portrait page at 100%.
SUMMARY_WIDTHS = (26, 12)  # column A, and each of B to F
DETAILS_FIRST_ROW = 3
TABLE_HEADER_ROW = 11
PAPER_TITLE = "Paper's own questions (paper-core subscore)"
CHART_SIZE = (480, 260)  # pixels; a default row is 20 pixels high

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
    source: str  # "Paper", "Derived" or "Added"
    question: str
    answer: str  # "Yes", "No", "N/A" or "" (unanswered)
    reason: str  # why the item does not apply; "" unless the answer is N/A
    points: int
    maximum: int
    applicable_maximum: int  # 0 when the answer is N/A, else the maximum
    explanation: str
    note: str
    # False only for the placeholder of an item whose options wait for the ML task type.
    answerable: bool = True
    # The row that stands for its item in the count of answered items, and that item's state.
    first_of_item: bool = True
    item_answered: bool = False


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
    for name, ref in vars(cells).items():
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
    source = SOURCE_LABELS[item.source.basis]
    note = answers.notes.get(item.id, "")
    not_applicable = item_score.status == NOT_APPLICABLE
    reason = (answers.reason_not_applicable(item.id) or "") if not_applicable else ""

    def answer(chosen: bool) -> str:
        if not_applicable:
            return NA
        return (YES if chosen else NO) if item_score.answered else ""

    def row(unit_id: str, question: str, chosen: bool, points: int, maximum: int,
            explanation: str, answerable: bool = True, first: bool = True) -> AnswerRow:
        return AnswerRow(stage, subphase, unit_id, source, question, answer(chosen), reason,
                         points, maximum, 0 if not_applicable else maximum, explanation, note,
                         answerable, first, item_score.answered)

    if item.kind == YES_NO:
        yield row(item.id, item.question, item_score.points > 0, item_score.points,
                  item_score.maximum, item.explanation)
        return

    if item.kind != MULTIPLE_CHOICE:
        raise ValueError(f"item {item.id}: a {item.kind} item is not scored")
    if result.maximum_provisional and item.depends_on_task_type:
        # One row for the whole item: Yes and No would be meaningless, but N/A is shown.
        yield row(item.id, item.question, False, item_score.points, item_score.maximum,
                  CHOOSE_TASK_TYPE_FIRST, answerable=False)
        return

    for index, option_id in enumerate(item_score.options):
        option = item.option(option_id)
        chosen = option_id in item_score.selected
        yield row(f"{item.id}/{option.id}", f"{item.question} — {option.label}", chosen,
                  int(chosen), 1, item.explanation, first=index == 0)


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
        self.percent = add({"num_format": "0.0%", "valign": "top"})
        self.total_label = add({"bold": True, "top": 1})
        self.total_number = add({"bold": True, "top": 1, "num_format": "0"})
        self.total_percent = add({"bold": True, "top": 1, "num_format": "0.0%"})
        self.yes = add({"bg_color": "#E2EFDA"})
        self.no = add({"bg_color": "#FCE4D6"})
        self.not_applicable = add({"bg_color": "#EDEDED", "font_color": "#595959"})


# ---------------------------------------------------------------- Answers sheet

def _put(sheet, row: int, col: int, text: str, fmt) -> None:
    """Write text as text: never read as a formula, number or link, whatever it starts with."""
    sheet.write_string(row, col, encodable(text), fmt)


def _write_answers(sheet, rows: list[AnswerRow], f: _Formats) -> None:
    numeric = (COL_POINTS, COL_MAXIMUM, COL_APPLICABLE, COL_ITEM, COL_ITEM_ANSWERED)
    for col, (header, width) in enumerate(ANSWER_COLUMNS):
        _put(sheet, 0, col, header, f.header_number if col in numeric else f.header)
        sheet.set_column(col, col, width, f.wrap if col in WRAPPED_COLUMNS else f.text)
    _fit_row(sheet, 0, max(_line_count(header, width) for header, width in ANSWER_COLUMNS))

    answer_col = xl_col_to_name(COL_ANSWER)
    maximum_col = xl_col_to_name(COL_MAXIMUM)
    for index, row in enumerate(rows, start=1):
        excel_row = index + 1
        _put(sheet, index, COL_STAGE, row.stage, f.text)
        _put(sheet, index, COL_SUBPHASE, row.subphase, f.text)
        _put(sheet, index, COL_ID, row.unit_id, f.text)
        _put(sheet, index, COL_SOURCE, row.source, f.text)
        _put(sheet, index, COL_QUESTION, row.question, f.wrap)
        if row.answer:
            _put(sheet, index, COL_ANSWER, row.answer, f.centered)
        else:
            sheet.write_blank(index, COL_ANSWER, None, f.centered)
        if row.reason:
            _put(sheet, index, COL_REASON, row.reason, f.wrap)
        if row.answerable:
            sheet.write_formula(index, COL_POINTS, f'=IF({answer_col}{excel_row}="{YES}",1,0)',
                                f.number, row.points)
        else:
            sheet.write_number(index, COL_POINTS, row.points, f.number)
        sheet.write_number(index, COL_MAXIMUM, row.maximum, f.number)
        sheet.write_formula(index, COL_APPLICABLE,
                            f'=IF({answer_col}{excel_row}="{NA}",0,{maximum_col}{excel_row})',
                            f.number, row.applicable_maximum)
        _put(sheet, index, COL_EXPLANATION, row.explanation, f.wrap)
        if row.note:
            _put(sheet, index, COL_NOTE, row.note, f.wrap)
        _write_item_columns(sheet, index, row, len(rows), f)
        _fit_row(sheet, index, max(
            _line_count(text, ANSWER_COLUMNS[col][1])
            for col, text in ((COL_QUESTION, row.question), (COL_REASON, row.reason),
                              (COL_EXPLANATION, row.explanation), (COL_NOTE, row.note))
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
            "source": [YES, NO, NA],
            "multi_range": " ".join(_column_range(COL_ANSWER, a, b) for a, b in ranges),
            "error_title": "Answer",
            "error_message": f"Choose {YES}, {NO} or {NA} (not applicable: write the reason in "
                             "the next column), or leave the cell empty if not answered yet.",
        })
    if rows:
        # Over every row, the placeholder too: it can show N/A.
        for fmt, value in ((f.yes, YES), (f.no, NO), (f.not_applicable, NA)):
            sheet.conditional_format(1, COL_ANSWER, len(rows), COL_ANSWER, {
                "type": "cell", "criteria": "==", "value": f'"{value}"', "format": fmt,
            })


def _write_item_columns(sheet, index: int, row: AnswerRow, last_index: int, f: _Formats) -> None:
    """Item and Item answered: an item answered (or N/A) is one whose rows have any answer."""
    if not row.first_of_item:
        sheet.write_number(index, COL_ITEM, 0, f.number)
        sheet.write_number(index, COL_ITEM_ANSWERED, 0, f.number)
        return
    sheet.write_number(index, COL_ITEM, 1, f.number)
    answer_cell = xl_rowcol_to_cell(index, COL_ANSWER)
    if "/" not in row.unit_id:
        formula = f'=IF({answer_cell}<>"",1,0)'
    else:
        # Every option row of a multiple-choice item: the ids "<item>/<option>".
        item_id = row.unit_id.split("/", 1)[0]
        ids = xl_rowcol_to_cell(1, COL_ID, True, True) + ":" + xl_rowcol_to_cell(last_index, COL_ID, True, True)
        answers = (xl_rowcol_to_cell(1, COL_ANSWER, True, True) + ":"
                   + xl_rowcol_to_cell(last_index, COL_ANSWER, True, True))
        formula = f'=IF(COUNTIFS({ids},"{item_id}/*",{answers},"<>")>0,1,0)'
    sheet.write_formula(index, COL_ITEM_ANSWERED, formula, f.number, int(row.item_answered))


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

@dataclass(frozen=True)
class _Sum:
    """A Summary column that adds up one Answers column per stage; `figure` is the score's own."""

    header: str
    answers_col: int
    figure: str  # the attribute of StageScore and Score that gives the cached value


@dataclass(frozen=True)
class _Ratio:
    """A Summary column that divides two columns of its table (0-based sheet columns)."""

    header: str
    points_col: int
    maximum_col: int


# The stage table: the paper's scale, then "of what applies" beside it.
STAGE_TABLE = (
    _Sum("Points", COL_POINTS, "points"),
    _Sum("Maximum", COL_MAXIMUM, "maximum"),
    _Ratio("Percentage", 1, 2),
    _Sum("Maximum of what applies", COL_APPLICABLE, "applicable_maximum"),
    _Ratio("Percentage of what applies", 1, 4),
    _Sum("Items", COL_ITEM, "items_total"),
    _Sum("Items answered", COL_ITEM_ANSWERED, "answered"),
)
# The paper-core table: the same sums over the rows whose Source is Paper.
PAPER_TABLE = (
    _Sum("Points", COL_POINTS, "paper_points"),
    _Sum("Maximum", COL_MAXIMUM, "paper_maximum"),
    _Ratio("Percentage", 1, 2),
)
SUMMARY_LAST_COL = len(STAGE_TABLE)  # column A holds the stage titles


def _write_summary(workbook, sheet, methodology: Methodology, answers: Answers, result: Score,
                   rows: list[AnswerRow], when: _dt.datetime, f: _Formats) -> SummaryCells:
    from . import __version__

    sheet.set_column(0, 0, SUMMARY_WIDTHS[0])
    sheet.set_column(1, SUMMARY_LAST_COL, SUMMARY_WIDTHS[1])
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

    stages = [s for s in result.stages if s.maximum > 0]
    last_answer_row = max(len(rows), 1) + 1  # 1-based; at least row 2 so the range is valid
    total = _write_table(sheet, TABLE_HEADER_ROW, STAGE_TABLE, stages, result, last_answer_row,
                         paper_only=False, f=f)
    _merged_text(sheet, total + 2, 0, PAPER_TITLE, f.heading)
    paper_total = _write_table(sheet, total + 3, PAPER_TABLE, stages, result, last_answer_row,
                               paper_only=True, f=f)

    chart_row = paper_total + 2
    notes_row = chart_row + (CHART_SIZE[1] // 20 + 2 if stages else 0)
    notes = (
        "This workbook applies the paper's scoring rules to the handbook's checklist (the paper "
        "describes an Excel template but does not publish it). Most items are the handbook's own "
        "(Source: Derived or Added on the Answers sheet); the paper's own questions say Paper.",
        f"Each row of the Answers sheet is worth one point: set its answer to {YES}, {NO} or "
        f"{NA} (not applicable; give the reason beside it) and these totals follow.",
        f"Points, Maximum and Percentage are on the paper's scale, where an {NA} item scores 0. "
        f"The maximum and percentage of what applies leave {NA} items out.",
        "The paper-core subscore counts only the paper's own questions (Source: Paper).",
        f"Methodology: {methodology.citation.text}",
    )
    for offset, text in enumerate(notes):
        _merged_text(sheet, notes_row + offset, 0, text, f.small_wrap)

    if stages:
        _add_chart(workbook, sheet, TABLE_HEADER_ROW + 1, total - 1, chart_row)

    def absolute(row: int, col: int) -> str:
        return xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)

    return SummaryCells(
        total_points=absolute(total, 1), max_points=absolute(total, 2),
        overall_percent=absolute(total, 3),
        applicable_max_points=absolute(total, 4), applicable_percent=absolute(total, 5),
        paper_points=absolute(paper_total, 1), paper_max_points=absolute(paper_total, 2),
        paper_percent=absolute(paper_total, 3),
        items_total=absolute(total, 6), items_answered=absolute(total, 7),
    )


def _write_table(sheet, header_row: int, columns: tuple[_Sum | _Ratio, ...],
                 stages: list[StageScore], result: Score, last_answer_row: int, *,
                 paper_only: bool, f: _Formats) -> int:
    """A stage table with live formulas and the score's figures cached; returns the Overall row.

    Each stage row adds up the Answers sheet with SUMIFS by stage title (and, for the paper-core
    table, Source = Paper); the Overall row adds up the stage rows.
    """
    answers_ref = quote_sheetname(ANSWERS)

    def answers_range(col: int) -> str:
        letter = xl_col_to_name(col)
        return f"{answers_ref}!${letter}$2:${letter}${last_answer_row}"

    headers = ("Stage", *(column.header for column in columns))
    for col, header in enumerate(headers):
        _put(sheet, header_row, col, header, f.header if col == 0 else f.header_number)
    # Bold headers are wider than average text: estimate their lines on a narrower column.
    _fit_row(sheet, header_row, max(_line_count(h, SUMMARY_WIDTHS[1] - 2) for h in headers[1:]))

    def cached(column: _Ratio, figures: StageScore | Score) -> float | str:
        points = getattr(figures, columns[column.points_col - 1].figure)
        maximum = getattr(figures, columns[column.maximum_col - 1].figure)
        return points / maximum if maximum else ""

    paper_criterion = f',{answers_range(COL_SOURCE)},"{SOURCE_LABELS[PAPER]}"' if paper_only else ""
    first = header_row + 1
    for row, stage in enumerate(stages, start=first):
        criterion = _criterion(stage.title, xl_rowcol_to_cell(row, 0, col_abs=True))
        _put(sheet, row, 0, stage.title, f.text)
        for col, column in enumerate(columns, start=1):
            if isinstance(column, _Sum):
                sheet.write_formula(row, col, f"=SUMIFS({answers_range(column.answers_col)},"
                                    f"{answers_range(COL_STAGE)},{criterion}{paper_criterion})",
                                    f.number, getattr(stage, column.figure))
            else:
                sheet.write_formula(row, col, _percent_formula(row, column), f.percent,
                                    cached(column, stage))

    total = first + len(stages)
    _put(sheet, total, 0, "Overall", f.total_label)
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
    """Text wrapped across columns A (or B) to the last column, the row made tall enough.

    Excel does not fit a row's height to wrapped text in merged cells, so it is estimated.
    """
    width = (SUMMARY_WIDTHS[0] if first_col == 0 else 0) + SUMMARY_WIDTHS[1] * SUMMARY_LAST_COL
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
