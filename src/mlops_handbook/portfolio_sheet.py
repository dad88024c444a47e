"""The portfolio as a spreadsheet: one sheet per view, native charts, live formulas.

    Distribution  projects per 10-point bin of their percentage (the paper's figure 2): COUNTIFS
                  over the Projects sheet's Percent column, and a histogram (column chart)
    Projects      each project's latest total against its route's maximum, with the paper-core
                  subscore (figure 3): Percent = ROUND(100 * Points / Maximum, 1), and a bar chart
    Weak items    the items most projects answer no or leave unanswered (figures 4 to 8):
                  Failing = No + Unanswered, and a bar chart of the first ten
    Not applicable  the items most projects mark not applicable, with the reasons given; each
                  project's items and points marked N/A stand on the Projects sheet
    Stages        projects x stages percentages, each a formula on the points and maxima beside it
    Progress      the totals of projects assessed on two or more dates, and a line chart
    Files         every assessment read (latest or earlier), and the files that could not be read

The sheets are named as above in English; in Spanish (the methodology's language, from
workbook_layout.WORDS) Distribución, Proyectos, Ítems débiles, No aplica, Etapas, Progreso, Archivos.
Percentages are numbers from 0 to 100 with one decimal, as in the package's JSON; every formula
caches the package's figure, so a reader that does not recalculate shows the same numbers, and
one that does (Excel, LibreOffice) finds them again. Pure: XlsxWriter writes to a BytesIO, so
this also runs under Pyodide.
"""

from __future__ import annotations

import datetime as _dt
import io
from typing import Any, Sequence

import xlsxwriter
from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_rowcol_to_cell

from .errors import HandbookError
from .model import Methodology
from .portfolio import Assessment, Figures, Portfolio, date_key
from .portfolio_files import PORTFOLIO_MARKER, PORTFOLIO_MARKER_NAME
from .spreadsheet import WORKBOOK_OPTIONS, encodable
from .workbook_layout import Words, words

# The sheets by their keys in workbook_layout.WORDS, whose words the workbook takes in the methodology's language.
SHEET_KEYS = ("p_distribution", "p_projects", "p_weak_items", "p_not_applicable", "p_stages", "p_progress", "p_files")
WEAK_ITEMS_CHARTED = 10
PROGRESS_CHARTED = 12  # lines in the progress chart; the table lists every project
CHART_SIZE = {"width": 760, "height": 420}
MAX_CHART_HEIGHT = 1600
LABEL_LENGTH = 60

# Projects sheet: the columns the formulas and the Distribution sheet refer to.
P_PROJECT, P_ROUTE, P_TASK, P_ASSESSOR, P_DATE, P_POINTS, P_MAXIMUM, P_PERCENT, \
    P_PAPER_POINTS, P_PAPER_MAXIMUM, P_PAPER_PERCENT, P_NA_ITEMS, P_NA_POINTS, P_FILE, P_LABEL = range(15)
PROJECT_COLUMN_KEYS = (("p_project", 28), ("p_route", 18), ("p_task_type", 22), ("p_assessor", 18), ("p_date", 11),
                       ("p_points", 8), ("p_maximum", 9), ("p_percent", 9), ("p_paper_points", 10),
                       ("p_paper_maximum", 10), ("p_paper_percent", 10), ("p_na_items", 8), ("p_na_points", 8),
                       ("p_file", 36), ("p_chart_label", 40))


def _columns(w: Words, keys) -> tuple[tuple[str, int], ...]:
    """(header, width) pairs from (key in WORDS, width) pairs."""
    return tuple((getattr(w, key), width) for key, width in keys)



class _Formats:
    def __init__(self, workbook) -> None:
        add = workbook.add_format
        self.header = add({"bold": True, "bg_color": "#DDEBF7", "bottom": 1, "valign": "top", "text_wrap": True})
        self.text = add({"valign": "top"})
        self.wrap = add({"valign": "top", "text_wrap": True})
        self.number = add({"num_format": "0", "valign": "top"})
        self.percent = add({"num_format": "0.0", "valign": "top"})
        self.note = add({"italic": True, "font_color": "#595959"})


def portfolio_workbook_bytes(methodology: Methodology, portfolio: Portfolio,
                             problems: Sequence[HandbookError] = (), *,
                             generated_at: _dt.datetime | None = None) -> bytes:
    """The .xlsx of the portfolio; `problems` are the files that could not be read (listed on Files).

    `generated_at` (default: now) is stored as the file's creation time; with it fixed, the same
    inputs give the same bytes. Its words are in the methodology's language.
    """
    w = words(methodology.language)
    when = generated_at if generated_at is not None else _dt.datetime.now(_dt.timezone.utc)
    if when.tzinfo is not None:
        when = when.astimezone(_dt.timezone.utc)
    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(buffer, dict(WORKBOOK_OPTIONS))
    workbook.set_properties({"title": encodable(w.p_book_title.format(title=methodology.title)),
                             "created": when.replace(tzinfo=None)})
    # Says what the file is, so that `portfolio DIR -o DIR/this.xlsx` may replace it (portfolio_files).
    workbook.define_name(PORTFOLIO_MARKER_NAME, f'="{PORTFOLIO_MARKER}"')
    formats = _Formats(workbook)
    sheets = {key: workbook.add_worksheet(getattr(w, key)) for key in SHEET_KEYS}
    for sheet in sheets.values():  # printed: landscape, one page wide
        sheet.set_landscape()
        sheet.fit_to_pages(1, 0)
    latest = list(portfolio.ranked)  # the order of the text summary
    last_project_row = _write_projects(workbook, sheets["p_projects"], methodology, latest, formats, w)
    _write_distribution(workbook, sheets["p_distribution"], portfolio, last_project_row, formats, w)
    _write_weak_items(workbook, sheets["p_weak_items"], methodology, portfolio, formats, w)
    _write_not_applicable(sheets["p_not_applicable"], methodology, portfolio, formats, w)
    _write_stages(sheets["p_stages"], portfolio, latest, formats, w)
    _write_progress(workbook, sheets["p_progress"], methodology, portfolio, formats, w)
    _write_files(sheets["p_files"], portfolio, problems, formats, w)
    sheets["p_distribution"].activate()
    workbook.close()
    return buffer.getvalue()


# ---------------------------------------------------------------- helpers

def _put(sheet, row: int, col: int, text: str | None, fmt) -> None:
    """Text as text (never read as a formula, number or link), or an empty cell for None."""
    if text:
        sheet.write_string(row, col, encodable(text), fmt)
    else:
        sheet.write_blank(row, col, None, fmt)


def _headers(sheet, columns: Sequence[tuple[str, int]], f: _Formats, row: int = 0, first_col: int = 0) -> None:
    for col, (header, width) in enumerate(columns, start=first_col):
        _put(sheet, row, col, header, f.header)
        sheet.set_column(col, col, width)
    sheet.set_row(row, 30)


def _percent_cell(sheet, row: int, col: int, points_col: int, maximum_col: int, figures: Figures,
                  f: _Formats) -> None:
    """=ROUND(100 * points / maximum, 1), the score's rounding; empty when the maximum is 0."""
    points = xl_rowcol_to_cell(row, points_col)
    maximum = xl_rowcol_to_cell(row, maximum_col)
    cached: Any = "" if figures.percent is None else figures.percent
    sheet.write_formula(row, col, f'=IF({maximum}=0,"",ROUND(100*{points}/{maximum},1))', f.percent, cached)


def _label(text: str) -> str:
    return text if len(text) <= LABEL_LENGTH else text[:LABEL_LENGTH - 1].rstrip() + "…"


def _chart(workbook, kind: str, title: str, **axes: dict):
    chart = workbook.add_chart(kind if isinstance(kind, dict) else {"type": kind})
    chart.set_title({"name": title})
    for axis, options in axes.items():
        getattr(chart, f"set_{axis}")(options)
    chart.set_size(CHART_SIZE)
    return chart


def _percent_axis(name: str) -> dict:
    return {"name": name, "min": 0, "max": 100, "major_unit": 10, "num_format": "0",
            "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}}


# ---------------------------------------------------------------- Projects (figure 3)

def _write_projects(workbook, sheet, methodology: Methodology, latest: list[Assessment], f: _Formats,
                    w: Words) -> int:
    """One row per project (its latest assessment); returns the last row used (0-based)."""
    _headers(sheet, _columns(w, PROJECT_COLUMN_KEYS), f)
    sheet.freeze_panes(1, 1)
    for row, a in enumerate(latest, start=1):
        _put(sheet, row, P_PROJECT, a.project, f.text)
        _put(sheet, row, P_ROUTE, a.route_title, f.text)
        task_type = methodology.task_type(a.task_type) if a.task_type else None
        _put(sheet, row, P_TASK, task_type.title if task_type else a.task_type, f.text)
        _put(sheet, row, P_ASSESSOR, a.assessor, f.text)
        _put(sheet, row, P_DATE, a.date, f.text)
        sheet.write_number(row, P_POINTS, a.total.points, f.number)
        sheet.write_number(row, P_MAXIMUM, a.total.maximum, f.number)
        _percent_cell(sheet, row, P_PERCENT, P_POINTS, P_MAXIMUM, a.total, f)
        sheet.write_number(row, P_PAPER_POINTS, a.paper.points, f.number)
        sheet.write_number(row, P_PAPER_MAXIMUM, a.paper.maximum, f.number)
        _percent_cell(sheet, row, P_PAPER_PERCENT, P_PAPER_POINTS, P_PAPER_MAXIMUM, a.paper, f)
        sheet.write_number(row, P_NA_ITEMS, a.not_applicable_count, f.number)
        sheet.write_number(row, P_NA_POINTS, a.not_applicable_points, f.number)
        _put(sheet, row, P_FILE, a.file, f.text)
        _put(sheet, row, P_LABEL, _label(f"{a.project} ({a.route_title})"), f.text)
    last = len(latest)
    if latest:
        chart = _chart(workbook, "bar", w.p_projects_chart,
                       x_axis=_percent_axis(w.p_percent_axis), y_axis={"reverse": True, "crossing": "max"})
        for col, name, color in ((P_PERCENT, w.p_total, "#4472C4"), (P_PAPER_PERCENT, w.p_paper_core, "#A5A5A5")):
            chart.add_series({"name": name, "categories": [w.p_projects, 1, P_LABEL, last, P_LABEL],
                              "values": [w.p_projects, 1, col, last, col], "fill": {"color": color},
                              "data_labels": {"value": True, "num_format": "0.0"}})
        chart.set_size({"width": CHART_SIZE["width"],
                        "height": min(max(CHART_SIZE["height"], 60 + 48 * last), MAX_CHART_HEIGHT)})
        sheet.insert_chart(last + 2, 0, chart)
    else:
        _put(sheet, 1, 0, w.p_none_scored, f.note)
    return last


# ---------------------------------------------------------------- Distribution (figure 2)

def _write_distribution(workbook, sheet, portfolio: Portfolio, last_project_row: int, f: _Formats,
                        w: Words) -> None:
    _headers(sheet, _columns(w, (("p_from", 10), ("p_to", 10), ("p_bin", 12), ("p_projects", 10), ("p_which", 70))), f)
    column = xl_col_to_name(P_PERCENT)
    percents = f"{quote_sheetname(w.p_projects)}!${column}$2:${column}${max(last_project_row + 1, 2)}"
    last_bin = len(portfolio.bins)
    for row, b in enumerate(portfolio.bins, start=1):
        sheet.write_number(row, 0, b.start, f.number)
        sheet.write_number(row, 1, b.end, f.number)
        _put(sheet, row, 2, w.p_bin_label.format(start=b.start, end=b.end), f.text)
        upper = "<=" if row == last_bin else "<"  # the last bin includes 100
        formula = (f'=COUNTIFS({percents},">="&A{row + 1},{percents},"{upper}"&B{row + 1})'
                   if last_project_row else "=0")
        sheet.write_formula(row, 3, formula, f.number, len(b.projects))
        _put(sheet, row, 4, ", ".join(b.projects), f.wrap)
    chart = _chart(workbook, "column", w.p_distribution_chart,
                   x_axis={"name": w.p_percent_axis},
                   y_axis={"name": w.p_projects, "min": 0, "major_unit": 1, "num_format": "0",
                           "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}})
    chart.add_series({"name": w.p_projects, "categories": [w.p_distribution, 1, 2, last_bin, 2],
                      "values": [w.p_distribution, 1, 3, last_bin, 3], "gap": 0,
                      "fill": {"color": "#4472C4"}, "border": {"color": "#FFFFFF"}})
    chart.set_legend({"none": True})
    sheet.insert_chart(last_bin + 2, 0, chart)


# ---------------------------------------------------------------- Weak items (figures 4 to 8)

def _item_columns(sheet, row: int, entry, methodology: Methodology, f: _Formats) -> None:
    """The first five columns of an item's row, shared by the weak and the not-applicable items:
    rank, id, question, stage and section."""
    stage = methodology.find(entry.stage)
    sheet.write_number(row, 0, row, f.number)
    _put(sheet, row, 1, entry.id, f.text)
    _put(sheet, row, 2, entry.question, f.text)
    _put(sheet, row, 3, stage.title if stage else entry.stage, f.text)
    _put(sheet, row, 4, entry.section, f.text)


def _write_weak_items(workbook, sheet, methodology: Methodology, portfolio: Portfolio, f: _Formats,
                      w: Words) -> None:
    _headers(sheet, _columns(w, (("p_rank", 6), ("p_item", 10), ("p_question", 60), ("p_stage", 22), ("p_section", 8),
                                 ("p_no", 6), ("p_unanswered", 11), ("p_failing", 8), ("p_assessed", 10),
                                 ("p_chart_label", 40))), f)
    sheet.freeze_panes(1, 2)
    for row, weak in enumerate(portfolio.weak_items, start=1):
        _item_columns(sheet, row, weak, methodology, f)
        sheet.write_number(row, 5, weak.no, f.number)
        sheet.write_number(row, 6, weak.unanswered, f.number)
        sheet.write_formula(row, 7, f"=F{row + 1}+G{row + 1}", f.number, weak.failing)
        sheet.write_number(row, 8, weak.assessed, f.number)
        _put(sheet, row, 9, _label(f"{weak.id}: {weak.question}"), f.text)
    charted = min(len(portfolio.weak_items), WEAK_ITEMS_CHARTED)
    if not charted:
        _put(sheet, 1, 0, w.p_no_weak_items, f.note)
        return
    chart = _chart(workbook, {"type": "bar", "subtype": "stacked"}, w.p_weak_chart.format(count=charted),
                   x_axis={"name": w.p_projects, "min": 0, "major_unit": 1, "num_format": "0",
                           "major_gridlines": {"visible": True, "line": {"color": "#D9D9D9"}}},
                   y_axis={"reverse": True, "crossing": "max"})
    for col, name, color in ((5, w.p_no, "#C55A11"), (6, w.p_unanswered, "#F4B183")):
        chart.add_series({"name": name, "categories": [w.p_weak_items, 1, 9, charted, 9],
                          "values": [w.p_weak_items, 1, col, charted, col], "fill": {"color": color}})
    chart.set_size({"width": CHART_SIZE["width"], "height": max(CHART_SIZE["height"], 60 + 36 * charted)})
    sheet.insert_chart(1, 11, chart)


# ---------------------------------------------------------------- Not applicable

def _write_not_applicable(sheet, methodology: Methodology, portfolio: Portfolio, f: _Formats, w: Words) -> None:
    """The items marked not applicable, most often first: how many projects did, of those whose
    route has the item, the share (a formula) and every reason given."""
    _headers(sheet, _columns(w, (("p_rank", 6), ("p_item", 10), ("p_question", 60), ("p_stage", 22), ("p_section", 8),
                                 ("p_marked_na", 9), ("p_assessed", 10), ("p_share", 10), ("p_reasons", 70))), f)
    sheet.freeze_panes(1, 2)
    for row, m in enumerate(portfolio.not_applicable_items, start=1):
        _item_columns(sheet, row, m, methodology, f)
        sheet.write_number(row, 5, m.marked, f.number)
        sheet.write_number(row, 6, m.assessed, f.number)
        _percent_cell(sheet, row, 7, 5, 6, Figures(m.marked, m.assessed), f)
        _put(sheet, row, 8, "\n".join(f"{project}: {reason}" for project, reason in m.reasons), f.wrap)
    if not portfolio.not_applicable_items:
        _put(sheet, 1, 0, w.p_no_na_items, f.note)


# ---------------------------------------------------------------- Stages (projects x stages)

def _write_stages(sheet, portfolio: Portfolio, latest: list[Assessment], f: _Formats, w: Words) -> None:
    """Percent per stage (columns C on), each a formula on the stage's points and maximum further right."""
    stages = portfolio.stages
    first_raw = 3 + len(stages)  # one empty column between the percentages and the points
    _headers(sheet, ((w.p_project, 28), (w.p_route, 18),
                     *((w.p_stage_percent.format(title=title), 14) for _, title in stages)), f)
    _headers(sheet, tuple(pair for _, title in stages
                          for pair in ((w.p_stage_points.format(title=title), 10),
                                       (w.p_stage_maximum.format(title=title), 10))), f, first_col=first_raw)
    sheet.set_column(2 + len(stages), 2 + len(stages), 3)
    sheet.freeze_panes(1, 1)
    for row, a in enumerate(latest, start=1):
        _put(sheet, row, 0, a.project, f.text)
        _put(sheet, row, 1, a.route_title, f.text)
        figures = dict(a.stages)
        for index, (stage_id, _) in enumerate(stages):
            points_col = first_raw + 2 * index
            sheet.write_number(row, points_col, figures[stage_id].points, f.number)
            sheet.write_number(row, points_col + 1, figures[stage_id].maximum, f.number)
            _percent_cell(sheet, row, 2 + index, points_col, points_col + 1, figures[stage_id], f)
    if latest:
        _put(sheet, len(latest) + 2, 0, w.p_empty_percent, f.note)


# ---------------------------------------------------------------- Progress

def _write_progress(workbook, sheet, methodology: Methodology, portfolio: Portfolio, f: _Formats, w: Words) -> None:
    """The totals by date (A:F), and the same percentages by date x project (H on) for the line chart."""
    _headers(sheet, _columns(w, (("p_project", 28), ("p_route", 18), ("p_date", 11), ("p_points", 8),
                                 ("p_maximum", 9), ("p_percent", 9))), f)
    if not portfolio.progress:
        _put(sheet, 1, 0, w.p_no_progress, f.note)
        return
    where: dict[tuple[int, str], int] = {}  # (project index, date) -> row of its percent
    row = 0
    for index, progress in enumerate(portfolio.progress):
        for point in progress.points:
            row += 1
            _put(sheet, row, 0, progress.project, f.text)
            route = methodology.route(progress.route)
            _put(sheet, row, 1, route.title if route else progress.route, f.text)
            _put(sheet, row, 2, point.date, f.text)
            sheet.write_number(row, 3, point.figures.points, f.number)
            sheet.write_number(row, 4, point.figures.maximum, f.number)
            _percent_cell(sheet, row, 5, 3, 4, point.figures, f)
            where[(index, point.date)] = row
    dates = sorted({date for _, date in where}, key=date_key)
    _headers(sheet, ((w.p_date, 11), *((p.project, 16) for p in portfolio.progress)), f, first_col=7)
    for date_row, date in enumerate(dates, start=1):
        _put(sheet, date_row, 7, date, f.text)
        for index, progress in enumerate(portfolio.progress):
            source = where.get((index, date))
            if source is not None:
                point = next(p for p in progress.points if p.date == date)
                cached: Any = "" if point.figures.percent is None else point.figures.percent
                sheet.write_formula(date_row, 8 + index, f"=F{source + 1}", f.percent, cached)
    charted = portfolio.progress[:PROGRESS_CHARTED]
    title = w.p_progress_chart
    if len(charted) < len(portfolio.progress):
        title += w.p_first_of.format(count=len(charted), total=len(portfolio.progress))
    chart = _chart(workbook, "line", title, x_axis={"name": w.p_date},
                   y_axis=_percent_axis(w.p_percent_axis))
    for index, progress in enumerate(charted):
        chart.add_series({"name": [w.p_progress, 0, 8 + index], "categories": [w.p_progress, 1, 7, len(dates), 7],
                          "values": [w.p_progress, 1, 8 + index, len(dates), 8 + index],
                          "marker": {"type": "circle", "size": 7}, "data_labels": {"value": True, "num_format": "0.0"}})
    chart.show_blanks_as("span")
    sheet.insert_chart(max(row, len(dates)) + 2, 0, chart)


# ---------------------------------------------------------------- Files

def _write_files(sheet, portfolio: Portfolio, problems: Sequence[HandbookError], f: _Formats, w: Words) -> None:
    _headers(sheet, _columns(w, (("p_file", 40), ("p_project", 28), ("p_date", 11), ("p_route", 18), ("p_latest", 8),
                                 ("p_points", 8), ("p_maximum", 9), ("p_percent", 9))), f)
    for row, a in enumerate(portfolio.assessments, start=1):
        _put(sheet, row, 0, a.file, f.text)
        _put(sheet, row, 1, a.project, f.text)
        _put(sheet, row, 2, a.date, f.text)
        _put(sheet, row, 3, a.route_title, f.text)
        _put(sheet, row, 4, w.p_yes if a.latest else w.p_no, f.text)
        sheet.write_number(row, 5, a.total.points, f.number)
        sheet.write_number(row, 6, a.total.maximum, f.number)
        _percent_cell(sheet, row, 7, 5, 6, a.total, f)
    if not problems:
        return
    start = len(portfolio.assessments) + 2
    _put(sheet, start, 0, w.p_unread.format(count=len(problems)), f.header)
    _put(sheet, start, 1, w.p_problem, f.header)
    for row, problem in enumerate(problems, start=start + 1):
        _put(sheet, row, 0, problem.file, f.text)
        _put(sheet, row, 1, f"{problem.place}: {problem.problem}. {w.p_fix} {problem.fix}." if problem.place
             else f"{problem.problem}. {w.p_fix} {problem.fix}.", f.wrap)
    sheet.set_column(1, 1, 28)
