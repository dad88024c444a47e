"""The package's face to the browser: JSON text in, JSON text (or .xlsx bytes) out.

The page's worker runs this under Pyodide. It receives the methodology as JSON (the site build
writes `loader.load_raw(...)` to assets/methodology.json) so nothing here reads YAML or files,
and it computes every number the page shows.

    load(methodology_json)      once, before the rest (the JSON holds both languages)
    score_json(answers_json, report=False, previous_json="", lang="en")
                                -> {"ok": true, "score": {...}, "summary": {...}} | {"ok": false, "error": {...}}
                                   (and "upgraded": {"answers", "warnings"} for answers of an earlier version)
    reason_json(text)           -> {"accepted": true} | {"accepted": false, "problem", "message"}: the rule
                                   for a reason of "not applicable"
                                   (summary["maturity"]: levels, roadmaps, ML Test Score; maturity.py)
    export_xlsx(answers_json, lang="en") -> the .xlsx bytes (raises HandbookError)
    export_filename(project, today) -> "<project>-score-<today>.xlsx"
    check_answers(text)         -> {"ok": true, "answers": {...}, "warnings": [...]} | {"ok": false, "error": {...}}
    import_workbook_json(data, file) -> answers JSON text of a filled-in .xlsx (raises HandbookError)
    portfolio_json(files, lang="en") -> {"portfolio": Portfolio.to_dict(), "problems": [{"file", "message"}]}
    portfolio_xlsx(files, lang="en") -> the portfolio spreadsheet's bytes (files that could not be read on its
                                   Files sheet)
    portfolio_view_json(files, lang="en") -> portfolio_json's answer plus "charts" (SVG text, charts.py)
    import_workbook_view_json(data, file) -> {"ok": true, "text": answers JSON} | {"ok": false, "error": {...}}

An error is HandbookError.to_dict(): file, place, problem, fix, message. With no route chosen,
score_json answers ok false with error place "route"; the page can show that as "choose a route".

`lang` ("en" or "es") chooses the language of what comes back: the methodology's texts (stage
and route titles, questions, practice and level titles) and the package's own sentences (the
summary's counts and N/A texts, the report's headline, gaps and roadmap, the maturity sentences,
error messages; messages.py), with numbers and dates as that language writes them (77,8 %). The
numbers themselves never depend on it. Another value is an error, in English (score_json answers
it as ok false; the others raise HandbookError).
"""

from __future__ import annotations

import gc
import json
import re
import sys
import unicodedata
from typing import Any

from .answers import VERSION, dumps, parse_bytes, parse_text, reason_problem, reason_rule, to_json_data
from .errors import HandbookError
from .languages import ENGLISH, LANGUAGES
# Imported here, not in the functions: a start from the snapshot scores before the package's files are written.
from .maturity import Maturity, maturity, practice_anchor
from .messages import N_, t, use_language
from .model import Methodology, build_methodology
from .report import report_dict
from .scoring import Score, score

# How an error names what it is about (translated where the error is raised).
STORED_ANSWERS = N_("your answers")
UPLOADED_FILE = N_("uploaded file")
DEFAULT_FILE_STEM = "mlops"
MAX_STEM = 60

_methodology: Methodology | None = None


def load(methodology_json: str) -> None:
    """Build the methodology from the site's methodology.json and keep it for the other calls.

    Both languages are built here, so that a start from the memory snapshot (made after this
    call) has the Spanish one ready too.
    """
    global _methodology
    _methodology = build_methodology(json.loads(methodology_json))
    for language in LANGUAGES:
        _methodology.in_language(language)
    if sys.platform == "emscripten":
        # The page's interpreter: what is loaded now (modules, both methodologies) lives as long as
        # the page. Out of the cyclic collector's sight, a collection that falls on a click no
        # longer walks all of it, which made one re-score in ten several times slower. (No
        # collection first: it would add 10-20 ms to a first start, to free little.)
        gc.freeze()


def methodology(lang: str = ENGLISH) -> Methodology:
    """The loaded methodology, its texts in `lang` ("en" or "es")."""
    if _methodology is None:
        raise RuntimeError("call mlops_handbook.browser.load(methodology_json) first")
    return _methodology.in_language(lang)


def score_json(answers_json: str, report: bool = False, previous_json: str = "", lang: str = ENGLISH,
               brief: bool = False) -> str:
    """Score the page's answers: the full score and a summary ready to display, or the error.

    With `report` (the score page), summary["report"] holds the report's parts (report.py), and
    with `previous_json`, an earlier assessment of the same project, what changed since it. The
    texts are in `lang`; the figures are the same in every language. `brief` (the page's own
    requests, made at each click) leaves out what the page does not read: the full score and,
    without the report, the summary's missing items and maturity levels, which only the report
    shows. A fifth of the bytes, and half the time.
    """
    with use_language(lang):
        return _score_json(answers_json, report, previous_json, lang, brief)


def _score_json(answers_json: str, report: bool, previous_json: str, lang: str, brief: bool) -> str:
    try:
        m = methodology(lang)
        answers = parse_text(answers_json, m, t(STORED_ANSWERS))
        result = score(m, answers, t(STORED_ANSWERS))
    except HandbookError as error:
        return _dumps({"ok": False, "error": error.to_dict()})
    whole = report or not brief
    levels = maturity(m, result) if whole else None
    reply: dict[str, Any] = {"ok": True, "summary": summary(m, result, levels, whole)}
    if not brief:
        reply["score"] = result.to_dict()
    if report:
        reply["summary"]["report"] = _report(m, answers, result, levels, previous_json)
    if answers.version_read is not None and answers.version_read < VERSION:
        # Answers of an earlier version (saved before an update): the page keeps these instead.
        reply["upgraded"] = {"answers": to_json_data(answers), "warnings": list(answers.warnings)}
    return _dumps(reply)


def reason_json(text: str, lang: str = ENGLISH) -> str:
    """The verdict of the rule for a reason of "not applicable" (answers.reason_problem), for the page,
    in `lang`.

    -> {"accepted": true} | {"accepted": false, "problem": "...", "message": "..."}
    """
    with use_language(lang):
        problem = reason_problem(text)
        if problem is None:
            return _dumps({"accepted": True})
        return _dumps({"accepted": False, "problem": problem,
                       "message": t("This reason is not accepted: {problem}. The rule: {rule}. Until the reason "
                                    "says why, the item counts as unanswered.", problem=problem,
                                    rule=reason_rule())})


def export_xlsx(answers_json: str, lang: str = ENGLISH) -> bytes:
    """The score spreadsheet of the page's answers, the methodology's texts in `lang`.

    Raises HandbookError (e.g. no route chosen).
    """
    from .spreadsheet import workbook_bytes

    with use_language(lang):
        m = methodology(lang)
        answers = parse_text(answers_json, m, t(STORED_ANSWERS))
        score(m, answers, t(STORED_ANSWERS))  # a missing route is reported against the page's answers
    with use_language(lang):  # the workbook writes its own words in the methodology's language
        return workbook_bytes(m, answers)


def export_filename(project: str, today: str) -> str:
    """A safe download name: the project's name in ASCII letters, digits and hyphens.

    `today` is the reader's local date (YYYY-MM-DD), which the browser knows and Python may not.
    """
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", today):
        raise ValueError(f"today must be YYYY-MM-DD, not {today!r}")
    ascii_text = unicodedata.normalize("NFKD", project).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:MAX_STEM].strip("-")
    return f"{stem or DEFAULT_FILE_STEM}-score-{today}.xlsx"


def check_answers(text: str, lang: str = ENGLISH) -> str:
    """Read an uploaded answers file: its normalised content, or why it cannot be used (in `lang`)."""
    with use_language(lang):
        m = methodology()
        try:
            # Lone surrogates (possible in a JS string) become invalid UTF-8, reported by byte.
            answers = parse_bytes(text.encode("utf-8", "surrogatepass"), m, t(UPLOADED_FILE))
        except HandbookError as error:
            return _dumps({"ok": False, "error": error.to_dict()})
        return _dumps({"ok": True, "answers": to_json_data(answers), "warnings": list(answers.warnings)})


def import_workbook_json(data: bytes, file: str, lang: str = ENGLISH) -> str:
    """A filled-in score workbook (.xlsx bytes, in either language) as the text of an answers file, version 2.

    Raises HandbookError naming the file, the sheet, the cell and the fix, in `lang`; nothing half-read.
    """
    from .workbook_import import answers_from_workbook

    with use_language(lang):
        return dumps(answers_from_workbook(from_js(data), methodology(lang), file))


def portfolio_json(files: Any, lang: str = ENGLISH) -> str:
    """The portfolio of [name, content] pairs (content: answers JSON text, or .xlsx bytes).

    A file that cannot be read or scored is listed in "problems" and the rest are still counted.
    Stage titles and questions are in `lang`.
    """
    with use_language(lang):
        result, problems = _portfolio_of(files, lang)
        return _dumps({"portfolio": result.to_dict(),
                       "problems": [{"file": p.file, "message": p.message} for p in problems]})


def portfolio_xlsx(files: Any, lang: str = ENGLISH) -> bytes:
    """The portfolio spreadsheet of [name, content] pairs, as portfolio_json reads them."""
    from .portfolio_sheet import portfolio_workbook_bytes

    with use_language(lang):
        result, problems = _portfolio_of(files, lang)
    with use_language(lang):  # the workbook writes its own words in the methodology's language
        return portfolio_workbook_bytes(methodology(lang), result, problems)


def _portfolio_of(files: Any, lang: str):
    from .portfolio import portfolio_with_problems, read_assessment

    m = methodology(lang)
    read, problems = [], []
    for name, content in from_js(files):
        try:
            read.append((name, read_assessment(content, m, name)))
        except HandbookError as error:
            problems.append(error)
    result, unscored = portfolio_with_problems(m, read)
    return result, problems + unscored


def portfolio_view_json(files: Any, lang: str = ENGLISH) -> str:
    """What the Portfolio page shows: portfolio_json's answer plus the charts drawn from it.

    -> {"portfolio": {...}, "problems": [{"file", "message"}], "charts": {name: SVG text or None}}
    """
    from .charts import all_charts

    with use_language(lang):
        result = json.loads(portfolio_json(from_js(files), lang))
        result["charts"] = all_charts(result["portfolio"])
        return _dumps(result)


def import_workbook_view_json(data: Any, file: str, lang: str = ENGLISH) -> str:
    """An uploaded .xlsx as answers: {"ok": true, "text": answers JSON} or {"ok": false, "error": {...}}."""
    try:
        text = import_workbook_json(from_js(data), file, lang)
    except HandbookError as error:
        return _dumps({"ok": False, "error": error.to_dict()})
    return _dumps({"ok": True, "text": text})


def from_js(value: Any) -> Any:
    """A value from the page's worker as plain Python: a JS array becomes a list, a Uint8Array bytes.

    Strings and numbers arrive converted already; arrays and typed arrays arrive as proxies.
    """
    if hasattr(value, "to_bytes"):        # a typed array or ArrayBuffer (JsBuffer)
        return value.to_bytes()
    if hasattr(value, "to_py"):           # any other JS object, converted deeply
        value = value.to_py()
    if isinstance(value, memoryview):
        return value.tobytes()
    if isinstance(value, (list, tuple)):
        return [from_js(entry) for entry in value]
    return value


def _report(m: Methodology, answers, result: Score, levels: Maturity, previous_json: str) -> dict[str, Any]:
    previous, problem = None, None
    if previous_json:
        try:
            previous = parse_text(previous_json, m, t("the previous assessment"))
        except HandbookError as error:
            problem = error.message
    data = report_dict(m, answers, result, levels, previous)
    data["comparison_problem"] = problem
    for part in ("answered_no", "not_assessed"):
        for gap in data[part]:
            gap["url"] = f"{gap['stage_id']}/{gap['subphase_id']}/#{gap['item_id']}"
    return data


def summary(m: Methodology, result: Score, levels: Maturity | None = None, whole: bool = True) -> dict[str, Any]:
    """What the score page shows, with titles looked up and links to the items concerned.

    Beside the paper's total: the percentage "of what applies" (not-applicable items left out
    of the maximum) and the paper-core subscore (the paper's own questions only). Without
    `whole`, the items still missing and the maturity levels are left out (see score_json).
    """
    route = m.route(result.route)
    task_type = m.task_type(result.task_type) if result.task_type else None

    def figures(source) -> dict[str, Any]:
        return {"points": source.points, "maximum": source.maximum, "percent": source.percent,
                "applicable_maximum": source.applicable_maximum,
                "applicable_percent": source.applicable_percent,
                "paper_points": source.paper_points, "paper_maximum": source.paper_maximum,
                "paper_percent": source.paper_percent,
                # Items counted apart, and what "of what applies" leaves out, in the package's words.
                "answered": source.answered, "not_applicable_count": source.not_applicable_count,
                "open": source.open, "items_total": source.items_total,
                "not_applicable_points": source.not_applicable_points,
                "not_applicable_flag": source.not_applicable_flag,
                "counts_text": source.counts_text, "not_applicable_text": source.not_applicable_text}

    def link(entry) -> str:
        return f"{entry.stage_id}/{entry.subphase_id}/#{entry.item_id}"

    view: dict[str, Any] = {
        "route_title": route.title if route else result.route,
        "task_type_title": task_type.title if task_type else None,
        **figures(result),
        "maximum_provisional": result.maximum_provisional,
        "stages": [{"id": s.stage_id, "title": s.title, **figures(s)} for s in result.stages],
        # Per subphase: how many of its items are answered, marked not applicable and open (done:
        # the first two), and the next open one.
        "subphases": [
            {"id": p.subphase_id, "stage_id": p.stage_id, "answered": p.answered,
             "not_applicable": p.not_applicable, "open": p.open, "done": p.done, "items_total": p.items_total,
             "next_open": p.next_open,
             "next_url": f"{p.stage_id}/{p.subphase_id}/#{p.next_open}" if p.next_open else None}
            for p in result.subphases
        ],
        "not_applicable": [
            {"item_id": n.item_id, "stage_id": n.stage_id, "subphase_id": n.subphase_id,
             "question": n.question, "reason": n.reason, "maximum": n.maximum, "url": link(n)}
            for n in result.not_applicable
        ],
    }
    if whole:
        view["missing"] = [
            {"item_id": g.item_id, "stage_id": g.stage_id, "subphase_id": g.subphase_id,
             "question": g.question, "status": g.status, "url": link(g)}
            for g in result.missing
        ]
        # The maturity level per model, the roadmap to the next one and the ML Test Score (maturity.py).
        view["maturity"] = maturity_view(m, result, levels)
    return view


def maturity_view(m: Methodology, result: Score, levels: Maturity | None = None) -> dict[str, Any]:
    """maturity.maturity() as the score page shows it: each roadmap step links to its item and practice."""
    data = (levels or maturity(m, result)).to_dict()
    for model in data["models"]:
        for step in model["roadmap"]:
            step["url"] = f"{step['stage_id']}/{step['subphase_id']}/#{step['item_id']}"
            step["practice_url"] = f"maps/#{practice_anchor(step['practice_id'])}"
    return data


def _dumps(data: dict[str, Any]) -> str:
    # ASCII escapes keep a lone surrogate from a note intact on its way to JavaScript.
    return json.dumps(data)
