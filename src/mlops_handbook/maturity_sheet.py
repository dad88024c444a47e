"""The score workbook's maturity: a block on the Summary and the Roadmap sheet, all live formulas.

The Summary gets, below the paper-core subscore, the level each maturity model reaches, the
sentence for a high total at level 0, and how many ML Test Score tests are met. The Roadmap
sheet lists the route's practices that belong to a maturity level (levels 1 and up), in the
order the stages take them, each with its item, its levels, whether it is met, and the next
level it stands before; then the 28 tests of the ML Test Score with the items that cover them.

Every figure is a formula on the Answers sheet's Answer, Points and Maximum cells, so a reader
who types answers in Excel or LibreOffice sees the levels, the roadmap and the count follow;
the cached values are those of `maturity.maturity`, by the same rules (see maturity.py): a
practice is met when its item is answered Yes (every option that counts, for a multiple-choice
item); N/A is not met; level k needs every practice of levels 1 to k met.

Pure, like spreadsheet.py: XlsxWriter only, no file access.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field

from xlsxwriter.utility import quote_sheetname, xl_col_to_name, xl_rowcol_to_cell

from .maturity import (HIGH_SHARE, MET, NOT_COVERED, Maturity, MlTestScore, ModelLevel, covering_items,
                       high_share, maturity)
from .model import YES_NO, Item, Methodology, Practice
from .scoring import COMPLETE, Score
from .workbook_layout import COL_ANSWER, COL_MAXIMUM, COL_POINTS, EN, Words, is_yes, quoted, words

HIGH = float(HIGH_SHARE)  # a total this high at level 0 is said in words (exact: 3/4)
# The words are the workbook's (workbook_layout.WORDS), in the methodology's language; the Met cells
# show 1 as "met" and 0 as "not met" (WORDS' met_format).
# Narrow enough to print one page wide, landscape, at a readable size (see spreadsheet.MARGINS).
WIDTHS = (13, 14, 20, 34, 10, 10, 8, 11, 11)  # B: item ids, and the tests' sections
LINE_HEIGHT = 15  # points, for the default 11-point font
PRACTICE_HEADER_ROW = 3


def _absolute(sheet: str, row: int, col: int) -> str:
    return f"{quote_sheetname(sheet)}!{xl_rowcol_to_cell(row, col, row_abs=True, col_abs=True)}"


def _text(value: str) -> str:
    return f'"{quoted(value)}"'


@dataclass
class Plan:
    """Where everything goes, worked out before any of it is written (the Summary and the Roadmap
    sheet refer to each other's cells)."""

    methodology: Methodology
    result: Score
    levels: Maturity
    # Item id -> its first and last row on the Answers sheet (0-based).
    item_rows: dict[str, tuple[int, int]]
    practices: list[tuple[Practice, Item]]
    tests_header_row: int = 0
    # Filled in by write_summary_block: each model's level cell on the Summary, and the count of tests met;
    # and, on the Summary (no sheet name), the cells that say them in words, for the headline figures.
    level_cells: dict[str, str] = field(default_factory=dict)
    tests_met_cell: str = ""
    level_text_cells: dict[str, str] = field(default_factory=dict)
    tests_text_cell: str = ""
    w: Words = EN  # the workbook's words, in the methodology's language

    def __post_init__(self) -> None:
        first = PRACTICE_HEADER_ROW + 1 + max(len(self.practices), 1) + 2
        self.tests_header_row = first

    # Roadmap sheet columns: Stage, Item id, Practice, Question, one level column per model, Met,
    # one next-level column per model.
    def level_col(self, index: int) -> int:
        return 4 + index

    @property
    def met_col(self) -> int:
        return 4 + len(self.levels.models)

    def next_col(self, index: int) -> int:
        return self.met_col + 1 + index

    def practice_range(self, col: int) -> str:
        first = PRACTICE_HEADER_ROW + 1
        last = first + max(len(self.practices), 1) - 1
        letter = xl_col_to_name(col)
        return f"{quote_sheetname(self.w.roadmap)}!${letter}${first + 1}:${letter}${last + 1}"

    def tests_met_range(self) -> str:
        first = self.tests_header_row + 1
        last = first + len(self.levels.ml_test_score.tests) - 1
        return f"{quote_sheetname(self.w.roadmap)}!$E${first + 1}:$E${last + 1}"

    def met_expression(self, item: Item) -> str:
        """True when the item is fully answered Yes, read from its rows of the Answers sheet."""
        first, last = self.item_rows[item.id]
        if item.kind == YES_NO:
            return is_yes(_absolute(self.w.answers, first, COL_ANSWER), self.w)

        def column(col: int) -> str:
            return f"{_absolute(self.w.answers, first, col)}:{xl_rowcol_to_cell(last, col, row_abs=True, col_abs=True)}"

        points, maximum, answers = column(COL_POINTS), column(COL_MAXIMUM), column(COL_ANSWER)
        return f'AND(SUM({maximum})>0,SUM({points})=SUM({maximum}),COUNTIF({answers},"{self.w.na}")=0)'


def defined_names(p: Plan) -> dict[str, str]:
    """Workbook names for the Summary's maturity figures: maturity_<model id> and ml_test_score_met."""
    names = {f"maturity_{model_id.replace('-', '_')}": ref for model_id, ref in p.level_cells.items()}
    names["ml_test_score_met"] = p.tests_met_cell
    return names


def plan(methodology: Methodology, result: Score, unit_ids: list[str]) -> Plan:
    """The plan for a route's workbook whose Answers rows (from row 1) have these unit ids."""
    item_rows: dict[str, tuple[int, int]] = {}
    for index, unit_id in enumerate(unit_ids, start=1):
        item_id = unit_id.split("/", 1)[0]
        first, _ = item_rows.get(item_id, (index, index))
        item_rows[item_id] = (first, index)
    levels = maturity(methodology, result)
    practices = [(p, i) for p, i in methodology.route_practices(result.route) if p.maturity]
    return Plan(methodology, result, levels, item_rows, practices, w=words(methodology.language))


# ---------------------------------------------------------------- the maturity texts in the workbook's language

def level_text(model: ModelLevel, w: Words = EN) -> str:
    """E.g. "level 1 of 4 (DevOps but no MLOps)": ModelLevel.text in the words' language."""
    return w.level_of.format(level=model.reached, top=model.top, title=model.reached_title)


def tests_text(mlts: MlTestScore, w: Words = EN) -> str:
    """E.g. "12 of 28 tests met (24 covered by this route's checklist)": MlTestScore.text in the words' language."""
    return w.tests_met.format(met=mlts.met, total=mlts.total, covered=mlts.covered)


def reach_note(model: ModelLevel, route_title: str, ml_route: bool, w: Words = EN) -> str | None:
    """Which levels are out of reach on the route, and why: ModelLevel.reach_note in the words' language."""
    reach = model.top_in_reach
    if reach == model.top:
        return None
    levels = (w.reach_one.format(top=model.top) if reach + 1 == model.top
              else w.reach_many.format(first=reach + 1, top=model.top))
    return w.reach_note.format(first=reach + 1, route=route_title, levels=levels, why="" if ml_route else w.reach_why)


def percent_words(percent: float, w: Words = EN) -> str:
    """A percentage (already to one decimal) in the sentence below the levels: 77.8% in English, 77,8 % in
    Spanish."""
    shown = f"{percent:.1f}"
    return f"{shown}%" if w.language == EN.language else shown.replace(".", ",") + " %"


def by_hand_text(p: Plan) -> str | None:
    """maturity.Maturity.by_hand (a high total at level 0) in the words' language."""
    levels, result, w = p.levels, p.result, p.w
    if w.language == EN.language or levels.by_hand is None:
        return levels.by_hand
    at_zero = [m.model_title for m in levels.models if m.reached == 0 and m.top_in_reach >= 1]
    lead = (w.by_hand_total.format(percent=percent_words(result.percent, w))
            if high_share(result.points, result.maximum)
            else w.by_hand_paper.format(percent=percent_words(result.paper_percent, w)))
    return f"{lead}{w.by_hand_lead}{w.by_hand_join.join(at_zero)}{w.by_hand_end}"


# ---------------------------------------------------------------- the Summary's block

def write_summary_block(sheet, row: int, p: Plan, overall_percent: str, paper_percent: str, f, merged,
                        label_width: int) -> int:
    """The level per model, the sentence and the ML Test Score count from `row`; returns the next free row.

    `overall_percent` and `paper_percent` are the Summary's cells of the two percentages;
    `merged(sheet, row, first_col, text, fmt)` writes text across the Summary's columns;
    `label_width` is the width of the Summary's column A, where a model's title may wrap.
    """
    w = p.w
    merged(sheet, row, 0, w.maturity_heading, f.heading)
    row += 1
    level_of = {}
    route = p.methodology.route(p.result.route)
    ml_route = p.methodology.route_uses_task_type(p.result.route)
    for index, model in enumerate(p.levels.models):
        catalogue_model = p.methodology.maturity_model(model.model_id)
        level_cell = xl_rowcol_to_cell(row, 1, row_abs=True, col_abs=True)
        level_of[model.model_id] = level_cell
        p.level_cells[model.model_id] = f"{quote_sheetname(w.summary)}!{level_cell}"
        sheet.write_string(row, 0, model.model_title, f.wrap)
        sheet.set_row(row, LINE_HEIGHT * _lines(model.model_title, label_width))  # set, as no reader fits it
        sheet.write_formula(row, 1, _level_formula(p, index, model.top_in_reach), f.number, model.reached)
        titles = ",".join(_text(level.title) for level in catalogue_model.levels)
        merged(sheet, row, 2, "", f.wrap)
        sheet.write_formula(row, 2, f'="{w.level}"&{level_cell}&"{w.of}{model.top} ("&CHOOSE({level_cell}+1,{titles})&")"',
                            f.wrap, level_text(model, w))
        p.level_text_cells[model.model_id] = xl_rowcol_to_cell(row, 2, row_abs=True, col_abs=True)
        row += 1
        note = reach_note(model, route.title, ml_route, w)
        if note:
            merged(sheet, row, 0, note, f.small_wrap)
            row += 1
    sentence = by_hand_text(p) or ""
    longest = (w.by_hand_paper.format(percent=percent_words(100.0, w)) + w.by_hand_lead
               + w.by_hand_join.join(m.model_title for m in p.levels.models) + w.by_hand_end)
    merged(sheet, row, 0, longest, f.wrap)  # the row sized for the sentence, which the formula may show
    sheet.write_formula(row, 0, _by_hand_formula(p, level_of, overall_percent, paper_percent), f.wrap, sentence)
    row += 1
    mlts = p.levels.ml_test_score
    sheet.write_string(row, 0, mlts.title, f.wrap)
    count_cell = xl_rowcol_to_cell(row, 1, row_abs=True, col_abs=True)
    p.tests_met_cell = f"{quote_sheetname(w.summary)}!{count_cell}"
    sheet.write_formula(row, 1, f"=COUNTIF({p.tests_met_range()},1)", f.number, mlts.met)
    merged(sheet, row, 2, "", f.wrap)
    tail = quoted(w.tests_met_tail.format(total=mlts.total, covered=mlts.covered))
    sheet.write_formula(row, 2, f'={count_cell}&"{tail}"', f.wrap, tests_text(mlts, w))
    p.tests_text_cell = xl_rowcol_to_cell(row, 2, row_abs=True, col_abs=True)
    row += 1
    merged(sheet, row, 0, w.maturity_note, f.small_wrap)
    return row + 1


def _level_formula(p: Plan, index: int, top_in_reach: int) -> str:
    """The highest level k <= top_in_reach whose practices of levels 1..k are all met."""
    if not p.practices or top_in_reach == 0:
        return "=0"
    levels, met = p.practice_range(p.level_col(index)), p.practice_range(p.met_col)
    formula = str(top_in_reach)
    for k in range(top_in_reach, 0, -1):
        formula = f'IF(COUNTIFS({levels},">=1",{levels},"<={k}",{met},0)>0,{k - 1},{formula})'
    return "=" + formula


def _by_hand_formula(p: Plan, level_of: dict[str, str], overall: str, paper: str) -> str:
    """maturity.by_hand_sentence as a formula: shown when either percentage is high and a level in reach is 0."""
    w = p.w
    at_zero = [(level_of[m.model_id], m.model_title) for m in p.levels.models if m.top_in_reach >= 1]
    if not at_zero:
        return '=""'
    high = f"OR(N({overall})>={HIGH},N({paper})>={HIGH})"
    any_zero = "OR(" + ",".join(f"{cell}=0" for cell, _ in at_zero) + ")"

    def shown(cell: str) -> str:
        """The percentage as percent_words gives it. In Spanish, FIXED writes the decimal separator of the
        reader's locale (77.8 or 77,8), made a comma whatever it is; TEXT's format codes would depend on
        the locale too."""
        if w.language == EN.language:
            return f'TEXT({cell},"0.0%")'
        return f'SUBSTITUTE(FIXED(100*{cell},1,TRUE),".",",")&" %"'

    def after(template: str) -> str:
        assert template.startswith("{percent}")
        return _text(template[len("{percent}"):])

    lead = (f'IF(N({overall})>={HIGH},{shown(overall)}&{after(w.by_hand_total)},'
            f'{shown(paper)}&{after(w.by_hand_paper)})')
    names = "&".join(f'IF({cell}=0,{_text(w.by_hand_join + title)},"")' for cell, title in at_zero)
    return (f'=IF(AND({high},{any_zero}),{lead}&{_text(w.by_hand_lead)}&MID({names},{len(w.by_hand_join) + 1},999)'
            f'&{_text(w.by_hand_end)},"")')


# ---------------------------------------------------------------- the Roadmap sheet

def _lines(text: str, width: int) -> int:
    """About how many lines the text takes wrapped in a column `width` characters wide."""
    return max(1, len(textwrap.wrap(text, max(width, 1), break_on_hyphens=False)))


def write_roadmap(workbook, sheet, p: Plan, f, print_setup) -> None:
    """The Roadmap sheet; `print_setup(sheet, landscape=..., footer=...)` sets its page like the other sheets'."""
    w = p.w
    met_format = workbook.add_format({"num_format": w.met_format, "valign": "top", "align": "center"})
    for col, width in enumerate(WIDTHS):
        sheet.set_column(col, col, width)
    sheet.write_string(0, 0, w.roadmap_title, f.title)
    sheet.merge_range(1, 0, 1, len(WIDTHS) - 1, "", f.small_wrap)
    sheet.write_string(1, 0, w.roadmap_note, f.small_wrap)
    sheet.set_row(1, LINE_HEIGHT * _lines(w.roadmap_note, sum(WIDTHS)))
    models = p.levels.models
    headers = [w.h_stage, w.h_item_id, w.h_practice, w.h_question,
               *(w.r_level_in.format(model=m.model_title) for m in models), w.r_met,
               *(w.r_needed.format(model=m.model_title) for m in models)]
    for col, header in enumerate(headers):
        sheet.write_string(PRACTICE_HEADER_ROW, col, header, f.header)
    # Bold headers are wider than average text: their lines estimated on a narrower column.
    sheet.set_row(PRACTICE_HEADER_ROW, LINE_HEIGHT * max(_lines(h, WIDTHS[col] - 2) for col, h in enumerate(headers)))
    roadmap_items = [{step.item_id for step in m.roadmap} for m in models]
    status = {s.item_id: s.status for s in p.result.items}
    if not p.practices:
        sheet.write_string(PRACTICE_HEADER_ROW + 1, 0, w.r_no_practice, f.small_wrap)
    for row, (practice, item) in enumerate(p.practices, start=PRACTICE_HEADER_ROW + 1):
        stage_title = p.methodology.find(item.stage_id).title
        sheet.write_string(row, 0, stage_title, f.wrap)
        sheet.write_string(row, 1, item.id, f.text)
        sheet.write_string(row, 2, practice.title, f.wrap)
        sheet.write_string(row, 3, item.question, f.wrap)
        for index, model in enumerate(models):
            level = practice.level(model.model_id)
            if level is not None:
                sheet.write_number(row, p.level_col(index), level, f.number)
        met_cell = xl_rowcol_to_cell(row, p.met_col)
        sheet.write_formula(row, p.met_col, f"=IF({p.met_expression(item)},1,0)", met_format,
                            int(status.get(item.id) == COMPLETE))
        for index, model in enumerate(models):
            level_cell = xl_rowcol_to_cell(row, p.level_col(index))
            reached = p.level_cells[model.model_id]
            sheet.write_formula(
                row, p.next_col(index),
                f'=IF(AND({met_cell}=0,N({level_cell})>=1,N({level_cell})<={reached}+1,{reached}<{model.top_in_reach}),'
                f'"{w.level}"&({reached}+1),"")',
                f.text, f"{w.level}{model.next_level}" if item.id in roadmap_items[index] else "")
        sheet.set_row(row, LINE_HEIGHT * max(_lines(stage_title, WIDTHS[0]), _lines(practice.title, WIDTHS[2]),
                                             _lines(item.question, WIDTHS[3])))

    header = p.tests_header_row
    mlts = p.levels.ml_test_score
    sheet.write_string(header - 1, 0, w.r_tests_title.format(title=mlts.title), f.heading)
    titles = (w.r_test, w.r_section, w.r_test_title, w.r_covered_by, w.r_met)
    for col, title in enumerate(titles):
        sheet.write_string(header, col, title, f.header)
    sheet.set_row(header, LINE_HEIGHT * max(_lines(t, WIDTHS[col] - 2) for col, t in enumerate(titles)))
    covering = covering_items(p.methodology, p.result.route)
    for row, test in enumerate(mlts.tests, start=header + 1):
        sheet.write_string(row, 0, test.test_id, f.text)
        sheet.write_string(row, 1, test.section, f.wrap)
        sheet.write_string(row, 2, test.title, f.wrap)
        items = covering[test.test_id]
        sheet.set_row(row, LINE_HEIGHT * max(_lines(test.section, WIDTHS[1]), _lines(test.title, WIDTHS[2]),
                                             _lines(", ".join(i.id for i in items), WIDTHS[3])))
        if test.status == NOT_COVERED:
            sheet.write_string(row, 3, w.r_not_covered, f.text)
            continue
        sheet.write_string(row, 3, ", ".join(i.id for i in items), f.wrap)
        expressions = ",".join(p.met_expression(i) for i in items)
        sheet.write_formula(row, 4, f"=IF(AND({expressions}),1,0)", met_format, int(test.status == MET))
    sheet.freeze_panes(PRACTICE_HEADER_ROW + 1, 0)
    print_setup(sheet, landscape=True, footer=w.footer)
    sheet.set_h_pagebreaks([header - 1])  # the ML Test Score's table starts a page of its own
    sheet.protect("", {"format_columns": True, "format_rows": True})
