"""`mlops-handbook`: validate the methodology, list routes, make, score and export answers files.

Exit status: 0 done; 1 `score --fail-under` not reached; 2 a mistake in an input (the message
names the file, the place and the fix; nothing is written).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from . import __version__
from .answers import Answers, dumps, parse_bytes, template
from .errors import HandbookError
from .loader import default_checklists_dir, load_methodology
from .model import Methodology
from .scoring import Score, score

MAX_READ = 5_000_000  # read a little past the parser's limit so that its size message applies


def main(argv: Sequence[str] | None = None) -> int:
    parser = _parser()
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except HandbookError as error:
        print(f"mlops-handbook: {error.message}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="mlops-handbook", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument("--checklists", metavar="DIR", help="checklists folder (default: the one shipped with the package)")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", help="check a checklists folder and report its routes")
    validate.add_argument("directory", nargs="?", metavar="DIR", help="checklists folder (default: --checklists or the shipped one)")
    validate.set_defaults(run=_validate)

    routes = commands.add_parser("routes", help="maximum points per route, and per task type for the ML route")
    routes.add_argument("--json", action="store_true", help="print JSON")
    routes.set_defaults(run=_routes)

    make = commands.add_parser("template", help="an answers file listing every applicable item, unanswered")
    make.add_argument("--route", required=True, help="dashboard, analytical-report or ml-model")
    make.add_argument("--task-type", help="ML task type (ml-model route only)")
    make.add_argument("--project", default="", help="project name")
    make.add_argument("--assessor", default="", help="who answers")
    make.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    make.set_defaults(run=_template)

    rate = commands.add_parser("score", help="score an answers file")
    rate.add_argument("answers", metavar="ANSWERS", help="answers JSON file")
    rate.add_argument("--json", action="store_true", help="print the full score as JSON")
    rate.add_argument("--fail-under", type=float, metavar="PERCENT", help="exit 1 if the overall percentage is below PERCENT")
    rate.set_defaults(run=_score)

    export = commands.add_parser("export", help="write the score spreadsheet (.xlsx) of an answers file")
    export.add_argument("answers", metavar="ANSWERS", help="answers JSON file")
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help="spreadsheet to write")
    export.set_defaults(run=_export)
    return parser


def _methodology(args: argparse.Namespace, directory: str | None = None) -> Methodology:
    return load_methodology(directory or args.checklists or default_checklists_dir())


def _read_answers(path: str, methodology: Methodology) -> Answers:
    file = Path(path)
    if not file.is_file():
        raise HandbookError(path, "", "no such file" if not file.exists() else "this is not a file",
                            "check the path; make an answers file with `mlops-handbook template --route ROUTE -o FILE`")
    try:
        with file.open("rb") as handle:
            raw = handle.read(MAX_READ)
    except OSError as error:
        raise HandbookError(path, "", f"cannot be read ({error.strerror})", "check the file's permissions") from None
    return parse_bytes(raw, methodology, path)


def _write_atomically(path: str, data: bytes) -> None:
    """Write to a temporary file beside the target, then rename: never a half-written file."""
    target = Path(path)
    if target.is_dir():
        raise HandbookError(path, "", "this is a folder", "name a file to write, e.g. score.xlsx")
    if not target.parent.is_dir():
        raise HandbookError(path, "", f"the folder {target.parent} does not exist", "create it first or write elsewhere")
    try:
        handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, target)
    except OSError as error:
        raise HandbookError(path, "", f"cannot be written ({error.strerror})", "check the folder's permissions and free space") from None


def _validate(args: argparse.Namespace) -> int:
    methodology = _methodology(args, args.directory)
    items = methodology.items
    print(f"ok: {len(methodology.stages)} stages, {len(methodology.subphases)} subphases, "
          f"{sum(len(s.guiding_questions) for s in methodology.subphases)} guiding questions, {len(items)} items")
    for route in methodology.routes:
        low, high = methodology.maximum_range(route.id)
        print(f"  {route.id}: maximum {low if low == high else f'{low}-{high}'} points")
    return 0


def _routes_data(methodology: Methodology) -> list[dict]:
    data = []
    for route in methodology.routes:
        low, high = methodology.maximum_range(route.id)
        # "maximum" is the highest the route can reach; "maximum_range" the lowest and highest
        # over the ML task types (equal for routes without one).
        entry = {"id": route.id, "title": route.title, "maximum": high, "maximum_range": [low, high]}
        if methodology.route_uses_task_type(route.id):
            entry["task_types"] = {t.id: methodology.maximum(route.id, t.id) for t in methodology.task_types}
        data.append(entry)
    return data


def _routes(args: argparse.Namespace) -> int:
    data = _routes_data(_methodology(args))
    if args.json:
        print(json.dumps({"routes": data}, indent=2))
        return 0
    for entry in data:
        low, high = entry["maximum_range"]
        span = high if low == high else f"{low}-{high}"
        print(f"{entry['id']:<20} {span} points")
        for task, points in entry.get("task_types", {}).items():
            print(f"  {task:<28} {points}")
    return 0


def _template(args: argparse.Namespace) -> int:
    methodology = _methodology(args)
    blank = template(methodology, args.route, args.task_type)
    text = dumps(Answers(blank.route, blank.task_type, args.project, args.assessor, blank.date, blank.answers))
    if args.output:
        _write_atomically(args.output, text.encode("utf-8"))
    else:
        sys.stdout.write(text)
    return 0


def _format_score(methodology: Methodology, result: Score, answers: Answers) -> str:
    lines = []
    if answers.project:
        lines.append(f"Project: {answers.project}")
    route = methodology.route(result.route)
    task = methodology.task_type(result.task_type).title if result.task_type else None
    lines.append(f"Route: {route.title}" + (f" ({task})" if task else ""))
    maximum = f"{result.maximum}" + (" (top of range: choose the ML task type)" if result.maximum_provisional else "")
    lines.append(f"Total: {result.points} of {maximum} points, {_pct(result.percent)}; "
                 f"{result.answered} of {result.items_total} items answered")
    if result.not_applicable:
        lines.append(f"Of what applies: {result.points} of {result.applicable_maximum} points, "
                     f"{_pct(result.applicable_percent)} ({len(result.not_applicable)} marked not applicable)")
    else:
        lines.append(f"Of what applies: {_pct(result.applicable_percent)} (no item marked not applicable)")
    lines.append(f"Paper's own questions: {result.paper_points} of {result.paper_maximum} points, "
                 f"{_pct(result.paper_percent)}")
    lines.append("")
    lines.append(f"  {'Stage':<24} {'points':>9} {'%':>6}  {'of what applies':>15}  {'paper':>7}")
    for stage in result.stages:
        if stage.maximum:
            lines.append(f"  {stage.title:<24} {stage.points:>3} / {stage.maximum:<3} {_pct(stage.percent):>6}  "
                         f"{_pct(stage.applicable_percent):>15}  {stage.paper_points:>3} / {stage.paper_maximum:<3}")
    if result.missing:
        lines.append("")
        lines.append(f"Still missing ({len(result.missing)}):")
        for gap in result.missing:
            extra = f" [{', '.join(gap.missing_options)}]" if gap.status == "partial" else ""
            lines.append(f"  {gap.item_id} ({gap.status}){extra}: {gap.question}")
    if result.not_applicable:
        lines.append("")
        lines.append(f"Marked not applicable ({len(result.not_applicable)}):")
        for entry in result.not_applicable:
            lines.append(f"  {entry.item_id}: {entry.reason}")
    return "\n".join(line.rstrip() for line in lines)


def _pct(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def _score(args: argparse.Namespace) -> int:
    methodology = _methodology(args)
    answers = _read_answers(args.answers, methodology)
    result = score(methodology, answers, args.answers)
    if args.json:
        print(json.dumps(result.to_dict(), indent=2, ensure_ascii=False))
    else:
        print(_format_score(methodology, result, answers))
    if args.fail_under is not None and (result.percent or 0.0) < args.fail_under:
        print(f"mlops-handbook: {_pct(result.percent)} is below --fail-under {args.fail_under}", file=sys.stderr)
        return 1
    return 0


def _export(args: argparse.Namespace) -> int:
    from .spreadsheet import workbook_bytes

    if not args.output.lower().endswith(".xlsx"):
        raise HandbookError(args.output, "", "the spreadsheet must have the .xlsx extension", "name the output FILE.xlsx")
    methodology = _methodology(args)
    answers = _read_answers(args.answers, methodology)
    score(methodology, answers, args.answers)  # a missing route is reported against the answers file
    _write_atomically(args.output, workbook_bytes(methodology, answers))
    print(f"wrote {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
