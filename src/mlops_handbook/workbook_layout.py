"""The layout of the score workbook, shared by the writer (spreadsheet.py) and the reader
(workbook_import.py), so that what one writes the other reads back.

Nothing here needs XlsxWriter, so the reader runs in Pyodide without it.

The workbook carries a marker, a workbook-level defined name holding text such as

    mlops-handbook-workbook 1 route=ml-model rows=3f2a9c0d1b7e

(format, version, the route, and a fingerprint of the row ids the methodology gives that route),
by which an import tells one of ours from any other .xlsx, and knows the route it was made for.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .answers import reason_formula
from .model import MULTIPLE_CHOICE, YES_NO, Item, Methodology, Option

SUMMARY = "Summary"
ANSWERS = "Answers"
YES = "Yes"
NO = "No"
NA = "N/A"  # not applicable; the reason goes in the next column
NOT_CHOSEN = "not chosen"  # the ML task type cell before a task type is chosen
NO_TASK_TYPE = "not applicable to this route"

# Answers sheet: (header, width). The letters are used in the formulas. The columns up to the Note
# are the printed ones (the print area), narrow enough to print one page wide at a readable size;
# the columns after it (the applicable maximum, the explanation, the counting columns) stay on screen.
ANSWER_COLUMNS = (
    ("Stage", 13),
    ("Subphase", 13),
    ("Item id", 10),
    ("Source", 7),
    ("Question", 29),
    ("Answer", 8),
    ("Reason (if N/A)", 13),
    ("Points", 7),
    ("Maximum", 9),
    ("Note", 20),
    ("Applicable maximum", 11),
    ("Explanation", 110),  # wide, so that it seldom makes a row taller than its printed columns
    # For the Summary's counts of items: 1 on an item's first row (a multiple-choice item has a
    # row per option), and whether that item is answered (Yes, No, options; an N/A whose reason
    # the rule refuses counts as No).
    ("Item", 7),
    ("Item answered", 10),
    # 1 when the row's reason passes the rule for a reason (answers.reason_problem), and, on an
    # item's first row, whether the item counts as not applicable: N/A with such a reason.
    ("Reason accepted", 10),
    ("Item not applicable", 12),
)
COL_STAGE, COL_SUBPHASE, COL_ID, COL_SOURCE, COL_QUESTION, COL_ANSWER, COL_REASON, COL_POINTS, \
    COL_MAXIMUM, COL_NOTE, COL_APPLICABLE, COL_EXPLANATION, COL_ITEM, COL_ITEM_ANSWERED, \
    COL_REASON_ACCEPTED, COL_ITEM_NA = range(len(ANSWER_COLUMNS))
LAST_PRINTED_COL = COL_NOTE
HEADERS = tuple(header for header, _ in ANSWER_COLUMNS)
# Written after the columns above and never read back by an import: the practice each row checks.
PRACTICE_COLUMN = ("Practice", 30)
COL_PRACTICE = len(ANSWER_COLUMNS)
ROADMAP = "Roadmap"  # the sheet of the maturity levels' practices and the ML Test Score

# The "Off route" sheet: a row for every item (or option) that is not a row of the Answers sheet,
# so that the answers, reasons and notes given to items of other routes travel with the workbook
# and come back on import. No formula reads it: nothing on it counts towards the route's totals.
OFF_ROUTE = "Off route"
OFF_ROUTE_COLUMNS = (  # widths like the Answers sheet's, to print as readably
    ("Stage", 13),
    ("Subphase", 13),
    ("Item id", 10),
    ("Counts on", 12),
    ("Question", 29),
    ("Answer", 8),
    ("Reason (if N/A)", 13),
    ("Note", 20),
)
OFF_COL_ROUTES, OFF_COL_QUESTION, OFF_COL_NOTE = 3, 4, 7
OFF_ROUTE_HEADERS = tuple(header for header, _ in OFF_ROUTE_COLUMNS)
# The Item id, Answer and Reason columns are where the Answers sheet has them, so one reader reads both.
assert OFF_ROUTE_HEADERS[COL_ID] == HEADERS[COL_ID] and OFF_ROUTE_HEADERS[COL_ANSWER] == HEADERS[COL_ANSWER] \
    and OFF_ROUTE_HEADERS[COL_REASON] == HEADERS[COL_REASON]

# Summary sheet: the details block (label in column A, value in B), 0-based rows.
DETAILS_FIRST_ROW = 3
DETAIL_LABELS = ("Project", "Assessor", "Date", "Route", "ML task type", "Generated on")
ROW_PROJECT, ROW_ASSESSOR, ROW_DATE, ROW_ROUTE, ROW_TASK_TYPE, ROW_GENERATED = \
    range(DETAILS_FIRST_ROW, DETAILS_FIRST_ROW + len(DETAIL_LABELS))
TASK_TYPE_CELL = f"{SUMMARY}!$B${ROW_TASK_TYPE + 1}"  # what the formulas of the Answers sheet read

MARKER_NAME = "mlops_handbook_workbook"
MARKER_FORMAT = "mlops-handbook-workbook"
MARKER_VERSION = 4
# The Answers sheet's headers by marker version, and the column of the Note: a workbook exported by
# an earlier version still imports. Version 1 had neither "Reason accepted" nor "Item not
# applicable"; version 3 added the Off route sheet (required from then on); version 4 moved the Note
# before the applicable maximum and the explanation, so that the printed columns end with it.
_BEFORE_4 = ("Stage", "Subphase", "Item id", "Source", "Question", "Answer", "Reason (if N/A)", "Points",
             "Maximum", "Applicable maximum", "Explanation", "Note", "Item", "Item answered",
             "Reason accepted", "Item not applicable")
HEADERS_BY_VERSION = {1: _BEFORE_4[:14], 2: _BEFORE_4, 3: _BEFORE_4, 4: HEADERS}
NOTE_COL_BY_VERSION = {1: 11, 2: 11, 3: 11, 4: COL_NOTE}
assert sorted(_BEFORE_4) == sorted(HEADERS) and _BEFORE_4[COL_ID] == HEADERS[COL_ID] \
    and _BEFORE_4[COL_ANSWER] == HEADERS[COL_ANSWER] and _BEFORE_4[COL_REASON] == HEADERS[COL_REASON]
OFF_ROUTE_SINCE = 3
_MARKER = re.compile(r"(?P<format>\S+) (?P<version>\d{1,6}) route=(?P<route>\S*) rows=(?P<rows>[0-9a-f]*)")


@dataclass(frozen=True)
class Unit:
    """One row of the Answers sheet: a yes/no item, or one option of a multiple-choice item."""

    unit_id: str  # the item id, or "<item id>/<option id>"
    item: Item
    option: Option | None = None


@dataclass(frozen=True)
class Marker:
    format: str
    version: int
    route: str
    rows: str  # the fingerprint of the row ids


def route_options(item: Item, route: str) -> tuple[Option, ...]:
    """The options of a multiple-choice item that can count on the route, for any task type."""
    return tuple(o for o in item.options if route in (o.routes or item.routes))


def route_units(methodology: Methodology, route: str) -> list[Unit]:
    """The Answers sheet's rows for a route, in order: every option of a task-typed item is a
    row, whatever the task type, so that the task type can be chosen in the sheet itself."""
    units: list[Unit] = []
    for item in methodology.items:
        if not item.scored or not item.applies_to(route):
            continue
        if item.kind == YES_NO:
            units.append(Unit(item.id, item))
        else:
            assert item.kind == MULTIPLE_CHOICE
            units.extend(Unit(f"{item.id}/{o.id}", item, o) for o in route_options(item, route))
    return units


def off_route_units(methodology: Methodology, route: str) -> list[Unit]:
    """The Off route sheet's rows, in order: every unit of every item that is not a row of the
    Answers sheet (items of other routes, options that cannot count on this route), and a row for
    each question that only chooses a path (it can carry a note, never an answer)."""
    on_route = {u.unit_id for u in route_units(methodology, route)}
    units: list[Unit] = []
    for item in methodology.items:
        if item.kind == MULTIPLE_CHOICE:
            units.extend(Unit(f"{item.id}/{o.id}", item, o) for o in item.options
                         if f"{item.id}/{o.id}" not in on_route)
        elif item.id not in on_route:
            units.append(Unit(item.id, item))
    return units


def fingerprint(units: list[Unit]) -> str:
    """A short digest of the row ids: equal when the workbook and the methodology agree."""
    return hashlib.sha256("\n".join(u.unit_id for u in units).encode("utf-8")).hexdigest()[:12]


def marker_text(methodology: Methodology, route: str) -> str:
    return (f"{MARKER_FORMAT} {MARKER_VERSION} route={route} "
            f"rows={fingerprint(route_units(methodology, route))}")


def parse_marker(text: str) -> Marker | None:
    match = _MARKER.fullmatch(text.strip())
    if match is None:
        return None
    return Marker(match["format"], int(match["version"]), match["route"], match["rows"])


def _letters(col: int) -> str:
    """The column's letters, e.g. F for the 0-based column 5."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(row: int, col: int) -> str:
    return f"{_letters(col)}{row + 1}"


def cell_name(sheet: str, row: int, col: int) -> str:
    """E.g. Answers!F17 for the 0-based row 16, column 5."""
    return f"{sheet}!{_cell(row, col)}"


# ---------------------------------------------------------------- the formulas of the Answers rows

class RowFormulas:
    """The live formulas of an Answers row (a spreadsheet.AnswerRow), on its Answer cell and the
    ML task type chosen on the Summary."""

    def __init__(self, last_index: int, task_titles: tuple[str, ...]) -> None:
        def column(col: int) -> str:
            return f"${_letters(col)}$2:${_letters(col)}${max(last_index, 1) + 1}"

        self.ids, self.answers = column(COL_ID), column(COL_ANSWER)
        self.accepted = column(COL_REASON_ACCEPTED)
        self.chosen = any_task_type(task_titles)

    def _count(self, row, criterion: str) -> str:
        """How many rows of the row's item (ids "<item>/<option>") have this answer."""
        item_id = row.unit_id.split("/", 1)[0]
        return f'COUNTIFS({self.ids},"{item_id}/*",{self.answers},"{criterion}")'

    def points(self, index: int, row) -> str:
        answer = _cell(index, COL_ANSWER)
        if row.counts_for is None:
            return f'=IF({answer}="{YES}",1,0)'
        return f'=IF(AND({answer}="{YES}",{any_task_type(row.counts_for)}),1,0)'

    def maximum(self, row) -> str | None:
        """None for a fixed maximum of 1; else it follows the task type chosen on the Summary."""
        if row.counts_for is None:
            return None
        applies = any_task_type(row.counts_for)
        return f"=IF({applies},1,IF({self.chosen},0,{row.provisional_maximum}))"

    def reason_accepted(self, index: int) -> str:
        """1 when the row's reason passes the rule for a reason (the same rule as the score's)."""
        return f"=IF({reason_formula(_cell(index, COL_REASON))},1,0)"

    def _not_applicable(self, index: int, row) -> str:
        """TRUE when the row's item counts as not applicable: N/A with a reason the rule accepts
        (a multiple-choice item as a whole: N/A on one of its rows, an accepted reason on one)."""
        if "/" not in row.unit_id:
            return f'AND({_cell(index, COL_ANSWER)}="{NA}",{_cell(index, COL_REASON_ACCEPTED)}=1)'
        item_id = row.unit_id.split("/", 1)[0]
        return (f'AND({self._count(row, NA)}>0,'
                f'COUNTIFS({self.ids},"{item_id}/*",{self.accepted},1)>0)')

    def applicable(self, index: int, row) -> str:
        """The row's maximum, or 0 when its item counts as not applicable; an N/A whose reason
        says nothing keeps the maximum, as a No does."""
        return f"=IF({self._not_applicable(index, row)},0,{_cell(index, COL_MAXIMUM)})"

    def item_not_applicable(self, index: int, row) -> str:
        return f"=IF({self._not_applicable(index, row)},1,0)"

    def item_answered(self, index: int, row) -> str:
        """An item is answered when its rows have any answer and it does not count as not
        applicable (an N/A whose reason says nothing counts as No); a task-typed item's answer
        counts only once the task type is chosen, as in the score."""
        given = (f'{_cell(index, COL_ANSWER)}<>""' if "/" not in row.unit_id
                 else f'{self._count(row, "<>")}>0')
        if row.counts_for is not None:
            given = f"AND({self.chosen},{given})"
        return f"=IF(AND(NOT({self._not_applicable(index, row)}),{given}),1,0)"


def any_task_type(titles: tuple[str, ...]) -> str:
    """True when the Summary's ML task type is one of these titles."""
    tests = [f'{TASK_TYPE_CELL}="{quoted(title)}"' for title in titles]
    if not tests:
        return "FALSE"
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def quoted(text: str) -> str:
    return text.replace('"', '""')
