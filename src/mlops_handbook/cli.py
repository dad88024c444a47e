"""`mlops-handbook`: validate the methodology, list routes, make, score and export answers files.

Exit status: 0 done; 1 `score --fail-under` not reached; 2 a mistake in an input or the command
line, or a file the system will not let us read or write (one message names the file, the place
and the fix; nothing is written); 3 an internal error, a bug in mlops-handbook; 130 interrupted;
141 the reader of the output closed it early. No traceback for anything a user or the system does.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import math
import os
import secrets
import stat
import sys
from dataclasses import replace
from fractions import Fraction
from pathlib import Path
from typing import Sequence

from . import __version__
from .answers import Answers, dumps, quoted, read_file, template, unicode_problem
from .errors import HandbookError
from .languages import ENGLISH, LANGUAGES, language_from_environment
from .loader import default_checklists_dir, load_methodology
from .maturity import Maturity, maturity
from .messages import N_, current_language, format_date, format_decimal_text, format_percent, percent_sign, t, use_language
from .model import MULTIPLE_CHOICE, Methodology
from .report import ORDER_TEXT, Comparison, compare, gaps, headline, report_dict
from .portfolio_files import same_file
from .scoring import Score, score


DONE, BELOW_FAIL_UNDER, USER_ERROR, INTERNAL_ERROR, INTERRUPTED, PIPE_CLOSED = 0, 1, 2, 3, 130, 141

EXIT_STATUS = N_("""\
exit status:
  0    done
  1    score: the total is below --fail-under
  2    a mistake in an input or in the command line, or a file that cannot be read or
       written; the message names the file, the place and the fix, and nothing is written
  3    an internal error: a bug in mlops-handbook (please report it with the command)
  130  interrupted (Ctrl-C); no file is left half-written
  141  the reader of the output closed it early (as `| head -1` does)""")

YAML_EXTRA = 'pip install "mlops-handbook[yaml]"'


def main(argv: Sequence[str] | None = None) -> int:
    # Every sentence of the run, argparse's own refusals included, in the language of --lang (or
    # the locale's): read from the arguments before argparse sees them.
    with use_language(_language_of(sys.argv[1:] if argv is None else argv)):
        return _main_guarded(argv)


def _language_of(argv: Sequence[str]) -> str:
    """The last valid `--lang X` or `--lang=X` of the arguments (before a bare `--`), else the locale's."""
    chosen = language_from_environment()
    arguments = list(argv)
    for index, argument in enumerate(arguments):
        if argument == "--":
            break
        value = None
        if argument == "--lang" and index + 1 < len(arguments):
            value = arguments[index + 1]
        elif isinstance(argument, str) and argument.startswith("--lang="):
            value = argument.split("=", 1)[1]
        if value in LANGUAGES:
            chosen = value
    return chosen


def _main_guarded(argv: Sequence[str] | None) -> int:
    try:
        return _main(argv)
    except BrokenPipeError:
        # What the Python docs advise for a closed pipe: send the rest of the output to devnull
        # (so that the flush at exit cannot fail again) and end quietly.
        _silence_stdout()
        return PIPE_CLOSED
    except KeyboardInterrupt:
        return INTERRUPTED


# argparse's own words (usage, headings, refusals), which it asks gettext for: given in the
# reader's language while the command line is read (_argparse_in_language).
_ARGPARSE_WORDS = (
    N_("usage: "), N_("options"), N_("positional arguments"), N_("show this help message and exit"),
    N_("%(prog)s: error: %(message)s\n"), N_("argument %(argument_name)s: %(message)s"),
    N_("the following arguments are required: %s"), N_("unrecognized arguments: %s"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"), N_("invalid %(type)s value: %(value)r"),
    N_("expected one argument"), N_("expected at least one argument"), N_("expected at most one argument"),
    N_("expected %s argument"), N_("expected %s arguments"), N_("ignored explicit argument %r"),
    N_("ambiguous option: %(option)s could match %(matches)s"), N_("one of the arguments %s is required"),
    N_("not allowed with argument %s"), N_("unexpected option string: %s"),
)


@contextlib.contextmanager
def _argparse_in_language():
    """While the parser is built and the command line read, argparse's gettext gives our words."""
    if current_language() == ENGLISH:
        yield
        return
    saved = argparse._, argparse.ngettext
    argparse._ = lambda message: t(message)
    argparse.ngettext = lambda singular, plural, count: t(singular if count == 1 else plural)
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved


def _main(argv: Sequence[str] | None) -> int:
    try:
        with _argparse_in_language():
            parser = _parser()
            args = parser.parse_args(argv)
    except HandbookError as error:  # --help or --version could not be written
        _report(error.message)
        return USER_ERROR
    except SystemExit:  # --help, --version or a usage error: argparse has printed and chosen the status
        try:
            _flush_stdout()
        except HandbookError as error:
            _report(error.message)
            raise SystemExit(USER_ERROR) from None
        raise
    try:
        code = args.run(args)
        _flush_stdout()
        return code
    except HandbookError as error:
        _report(error.message)
        return USER_ERROR
    except (BrokenPipeError, KeyboardInterrupt):
        raise
    except OSError as error:  # the system refused to read or write something: not a bug here
        where = error.filename if error.filename is not None else t("a file")
        _report(t("{where}: {problem}. Fix: check the path, its permissions and the free space.", where=where,
                  problem=error.strerror or error))
        return USER_ERROR
    except Exception as error:
        detail = f"{type(error).__name__}: {error}" if str(error) else type(error).__name__
        _report(t("internal error, a bug in mlops-handbook {version} ({detail}). "
                  "Please report it to the handbook's maintainers, with the command that failed.",
                  version=__version__, detail=detail))
        return INTERNAL_ERROR


def _report(message: str) -> None:
    """One line on standard error; a closed or broken standard error is no reason for a traceback."""
    with contextlib.suppress(OSError, ValueError):
        print(f"mlops-handbook: {_printable(message)}", file=sys.stderr, flush=True)


def _out(text: str) -> None:
    """Print to standard output and flush, so that a closed pipe or a full disk shows up here."""
    if sys.stdout is None:
        raise HandbookError(t("standard output"), "", t("it is closed"),
                            t("run the command with its output going to a terminal, a file or a pipe"))
    try:
        sys.stdout.write(text)
    except BrokenPipeError:
        raise
    except OSError as error:
        _silence_stdout()
        raise _stdout_error(error) from None
    _flush_stdout()


def _flush_stdout() -> None:
    if sys.stdout is None:
        return
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        raise
    except OSError as error:
        _silence_stdout()
        raise _stdout_error(error) from None


def _stdout_error(error: OSError) -> HandbookError:
    return HandbookError(t("standard output"), "",
                         t("it cannot be written ({problem}); what was printed before is incomplete",
                           problem=error.strerror or error),
                         t("free some space where the output goes, or write the file with -o"))


def _silence_stdout() -> None:
    """Point standard output at os.devnull, so that the flush at exit writes nowhere instead of failing."""
    with contextlib.suppress(AttributeError, OSError, ValueError):  # no real file behind it (tests)
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)


class _Parser(argparse.ArgumentParser):
    """argparse, except that help or a version that cannot be written to standard output is an error.

    (argparse itself ignores the failed write, so `--help > /dev/full` would exit 0.)
    """

    def _print_message(self, message: str, file=None) -> None:  # type: ignore[override]
        if message and file is not None and file is sys.stdout:
            _out(message)
            return
        super()._print_message(message, file)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="mlops-handbook",
                     description=t("`mlops-handbook`: validate the methodology, list routes, make, score and export "
                                   "answers files."),
                     epilog=t(EXIT_STATUS), formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}",
                        help=t("show program's version number and exit"))
    parser.add_argument("--checklists", metavar="DIR", help=t("checklists folder (default: the one shipped with the package)"))
    parser.add_argument("--lang", choices=LANGUAGES, default=language_from_environment(),
                        help=t("language of the methodology's texts (stages, questions, practices) and of the "
                               "command's messages: en or es (default: from the locale, LC_ALL, LC_MESSAGES or LANG; "
                               "here %(default)s)"))
    # Also accepted after the command (`score --lang es a.json`); given nowhere, the default above holds.
    language = argparse.ArgumentParser(add_help=False)
    language.add_argument("--lang", choices=LANGUAGES, default=argparse.SUPPRESS,
                          help=t("language of the methodology's texts: en or es (as before the command)"))
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    validate = commands.add_parser("validate", parents=[language], help=t("check a checklists folder and report its routes"))
    validate.add_argument("directory", nargs="?", metavar="DIR", help=t("checklists folder (default: --checklists or the shipped one)"))
    validate.set_defaults(run=_validate)

    routes = commands.add_parser("routes", parents=[language], help=t("maximum points per route, and per task type for the ML route"))
    routes.add_argument("--json", action="store_true", help=t("print JSON"))
    routes.set_defaults(run=_routes)

    make = commands.add_parser("template", parents=[language], help=t("an answers file listing every applicable item, unanswered"))
    make.add_argument("--route", required=True, help=t("dashboard, analytical-report or ml-model"))
    make.add_argument("--task-type", help=t("ML task type (ml-model route only)"))
    make.add_argument("--project", default="", help=t("project name"))
    make.add_argument("--assessor", default="", help=t("who answers"))
    make.add_argument("-o", "--output", metavar="FILE", help=t("write here instead of standard output"))
    make.set_defaults(run=_template)

    rate = commands.add_parser("score", parents=[language], help=t("score an answers file"))
    rate.add_argument("answers", metavar="ANSWERS", help=t("answers JSON file"))
    rate.add_argument("--json", action="store_true", help=t("print the full score as JSON"))
    rate.add_argument("--previous", metavar="ANSWERS",
                      help=t("an earlier assessment of the same project: also show what changed since it"))
    rate.add_argument("--fail-under", type=_fail_under, metavar="PERCENT",
                      help=t("exit 1 if the total (on the paper's scale, unrounded) is below PERCENT, a number from 0 to 100"))
    rate.set_defaults(run=_score)

    export = commands.add_parser("export", parents=[language], help=t("write the score spreadsheet (.xlsx) of an answers file"))
    export.add_argument("answers", metavar="ANSWERS", help=t("answers JSON file"))
    export.add_argument("-o", "--output", required=True, metavar="FILE.xlsx", help=t("spreadsheet to write"))
    export.set_defaults(run=_export)

    bring_back = commands.add_parser("import", parents=[language], help=t("read a filled-in score spreadsheet (.xlsx) back into an answers file"))
    bring_back.add_argument("workbook", metavar="FILE.xlsx", help=t("score spreadsheet exported by the handbook, filled in"))
    bring_back.add_argument("-o", "--output", metavar="FILE", help=t("answers file to write instead of standard output"))
    bring_back.set_defaults(run=_import)

    compare = commands.add_parser("portfolio", parents=[language], help=t("compare many assessments: distribution, projects, weak items, progress"))
    compare.add_argument("inputs", nargs="+", metavar="FILE|DIR",
                         help=t("answers files (.json), score spreadsheets (.xlsx), or folders holding them"))
    compare.add_argument("--json", action="store_true", help=t("print the portfolio as JSON"))
    compare.add_argument("-o", "--output", metavar="FILE.xlsx", help=t("also write the portfolio spreadsheet"))
    compare.set_defaults(run=_portfolio)
    return parser


def _methodology(args: argparse.Namespace) -> Methodology:
    """The --checklists folder (YAML), else the methodology shipped with the package, in --lang."""
    if args.checklists:
        return _load_yaml(args.checklists).in_language(args.lang)
    try:
        return load_methodology().in_language(args.lang)
    except ModuleNotFoundError as error:  # a source checkout without the YAML reader
        raise _needs_yaml(error, str(default_checklists_dir())) from None


def _load_yaml(directory: str | Path) -> Methodology:
    try:
        return load_methodology(directory)
    except ModuleNotFoundError as error:
        raise _needs_yaml(error, str(directory)) from None


def _needs_yaml(error: ModuleNotFoundError, directory: str) -> HandbookError:
    return HandbookError(directory, "", t("reading the checklists' YAML needs PyYAML and jsonschema "
                                          "(the module {module} is not installed)", module=error.name or error),
                         t("install them with `{command}`; score, template, routes and export work "
                           "without them, on the methodology shipped with the package", command=YAML_EXTRA))


class _Bar(Fraction):
    """The --fail-under percentage, exact, with the text it was given as (printed as given)."""

    text = ""


def _fail_under(text: str) -> Fraction:
    """A finite percentage from 0 to 100, kept exact (3.41 is 341/100, not the nearest float)."""
    try:
        value = float(text)
    except ValueError:
        value = math.nan
    if math.isfinite(value):
        try:
            exact = Fraction(text.strip())
        except ValueError:  # a spelling float() reads and Fraction() does not
            exact = Fraction(value)
        if 0 <= exact <= 100:
            bar = _Bar(exact)
            bar.text = text.strip()
            return bar
    raise argparse.ArgumentTypeError(t("expected a number from 0 to 100, e.g. 70, not {value}", value=quoted(text)))


def _read_answers(path: str, methodology: Methodology) -> Answers:
    # A regular file only, its size checked before reading, so a pipe never blocks the command.
    answers = read_file(path, methodology)
    for warning in answers.warnings:  # what reading an earlier version changed: said, not an error
        _report(warning)
    return answers


def _write_atomically(path: str, data: bytes, example: str, reading: str | None = None) -> None:
    """Write a regular file all at once: a temporary file beside it, on disk, then renamed over it.

    A new file gets the permissions the umask gives; an existing one keeps its mode. After an
    error or an interrupt no temporary file is left and the target is as it was.
    """
    target = _output_target(path, example, reading)
    try:
        mode = stat.S_IMODE(os.stat(target).st_mode)
    except FileNotFoundError:
        mode = None
    except OSError as error:
        raise _write_error(path, error) from None
    temporary = None
    try:
        handle, temporary = _create_beside(target)
        try:
            if mode is not None:
                os.fchmod(handle, mode)
            view = memoryview(data)
            while view:
                view = view[os.write(handle, view):]
            os.fsync(handle)
        finally:
            os.close(handle)
        os.replace(temporary, target)
        temporary = None
    except OSError as error:
        raise _write_error(path, error) from None
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
    with contextlib.suppress(OSError):  # make the rename itself durable where the system allows
        folder = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(folder)
        finally:
            os.close(folder)


def _create_beside(target: Path) -> tuple[int, str]:
    """A new, empty file next to the target, created with mode 0o666 less the umask."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        name = str(target.with_name(f".{target.name}.{secrets.token_hex(4)}.tmp"))
        try:
            return os.open(name, flags, 0o666), name
        except FileExistsError:
            continue
    raise FileExistsError(t("no free temporary name beside {target}", target=target))


def _write_error(path: str, error: OSError) -> HandbookError:
    return HandbookError(path, "", t("cannot be written ({problem}); it is left as it was",
                                     problem=error.strerror or error),
                         t("check the folder's permissions and free space"))


def _output_target(path: str, example: str, reading: str | None) -> Path:
    """Where to write for `-o path`: only a regular file (new or existing), never the input itself.

    A symbolic link is followed, so the file it names is replaced and the link kept.
    """
    try:
        info = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as error:
        raise HandbookError(path, "", t("cannot be checked ({problem})", problem=error.strerror or error),
                            t("check the path and the permissions of its folders")) from None
    target = Path(os.path.realpath(path))
    if info is None:
        if not target.parent.is_dir():
            if os.path.islink(path):  # a dangling link: name where it points, not the link's folder
                raise HandbookError(path, "", t("this is a symbolic link to {link}, whose folder {folder} does "
                                                "not exist", link=os.readlink(path),
                                                folder=_missing_folder(target.parent)),
                                    t("create that folder first, or write elsewhere"))
            raise HandbookError(path, "", t("the folder {folder} does not exist",
                                            folder=_missing_folder(Path(path).parent)),
                                t("create it first or write elsewhere"))
        return target
    if stat.S_ISDIR(info.st_mode):
        raise HandbookError(path, "", t("this is a folder"),
                            t("name a file to write, e.g. {example}", example=os.path.join(path, example)))
    if not stat.S_ISREG(info.st_mode):
        raise HandbookError(path, "", t("this is {kind}, not a regular file, so it is not written",
                                        kind=_file_kind(info.st_mode)),
                            t("name a regular file to write, e.g. {example}", example=example))
    if reading is not None and same_file(path, reading):
        raise HandbookError(path, "", t("this is the answers file being read ({file})", file=reading),
                            t("write to another file, e.g. {example}", example=example))
    if not os.access(path, os.W_OK):
        raise HandbookError(path, "", t("the file is read-only"), t("make it writable or write another file"))
    return target


def _missing_folder(folder: Path) -> Path:
    """The first folder of `folder`'s path that does not exist (or is not a folder)."""
    while not folder.parent.is_dir() and folder.parent != folder:
        folder = folder.parent
    return folder


def _file_kind(mode: int) -> str:
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return t("a device")
    if stat.S_ISFIFO(mode):
        return t("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return t("a socket")
    return t("a special file")


def _validate(args: argparse.Namespace) -> int:
    directory = args.directory or args.checklists or default_checklists_dir()
    methodology = _load_yaml(directory)
    items = methodology.items
    lines = [t("ok: {stages} stages, {subphases} subphases, {questions} guiding questions, {items} items",
               stages=len(methodology.stages), subphases=len(methodology.subphases),
               questions=sum(len(s.guiding_questions) for s in methodology.subphases), items=len(items))]
    for route in methodology.routes:
        low, high = methodology.maximum_range(route.id)
        lines.append("  " + t("{route}: maximum {points} points", route=route.id,
                              points=low if low == high else f"{low}-{high}"))
    _out(_printable_lines(lines))
    return DONE


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
        _out(json.dumps({"routes": data}, indent=2, ensure_ascii=False) + "\n")
        return DONE
    lines = []
    for entry in data:
        low, high = entry["maximum_range"]
        span = high if low == high else f"{low}-{high}"
        lines.append(f"{entry['id']:<20} " + t("{points} points", points=span))
        for task, points in entry.get("task_types", {}).items():
            lines.append(f"  {task:<28} {points}")
    _out(_printable_lines(lines))
    return DONE


def _template(args: argparse.Namespace) -> int:
    for option, value in (("--project", args.project), ("--assessor", args.assessor)):
        problem = unicode_problem(value)
        if problem is not None:  # a byte that is not UTF-8 on the command line
            raise HandbookError(t("the command line"), option, t("the text is not valid UTF-8 ({problem})",
                                                                 problem=problem),
                                t("type the name again in a UTF-8 terminal, or leave it out and edit the file"))
    methodology = _methodology(args)
    blank = template(methodology, args.route, args.task_type)
    text = dumps(Answers(blank.route, blank.task_type, args.project, args.assessor, blank.date, blank.answers,
                         notes=_option_notes(methodology, blank)))
    if args.output:
        _write_atomically(args.output, text.encode("utf-8"), "answers.json")
    else:
        _out(text)
    return DONE


def _option_notes(methodology: Methodology, blank: Answers) -> dict[str, str]:
    """For each multiple-choice item of a template, a note naming its option ids (the answer is a list of them)."""
    notes = {}
    for item_id in blank.answers:
        item = methodology.find(item_id)
        if getattr(item, "kind", None) != MULTIPLE_CHOICE:
            continue
        options = [o for o in item.options if blank.route in (o.routes or item.routes)
                   and (blank.task_type is None or o.task_types is None or blank.task_type in o.task_types)]
        notes[item_id] = t("Answer with a list of the option ids that apply, [] for none: {options}. "
                           "(This note is a hint; replace it with yours.)",
                           options=", ".join(option.id for option in options))
    return notes


def _with_open_items(methodology: Methodology, answers: Answers) -> Answers:
    """The answers with every item of the route listed, null where unanswered, as a template lists them."""
    if answers.route is None:
        return answers
    listed = {item.id: None for item in methodology.items if item.scored and item.applies_to(answers.route)}
    return replace(answers, answers={**listed, **answers.answers})


def _format_score(methodology: Methodology, result: Score, answers: Answers, previous: Answers | None = None) -> str:
    levels = maturity(methodology, result)
    lines = []
    if answers.project:
        lines.append(t("Project: {project}", project=answers.project))
    if answers.assessor:
        lines.append(t("Assessor: {assessor}", assessor=answers.assessor))
    if answers.date:
        lines.append(t("Date: {date}", date=format_date(answers.date)))
    route = methodology.route(result.route)
    task = methodology.task_type(result.task_type).title if result.task_type else None
    if task:
        lines.append(t("Route: {route} ({task_type})", route=route.title, task_type=task))
    else:
        lines.append(t("Route: {route}", route=route.title))
    lines.append("")
    # The total first, then the figures that explain it, once each, in the order of every front end.
    lines.extend(f"{figure.label}: {figure.text}" for figure in headline(result, levels))
    lines.extend(f"  {model.model_title}: {model.reach_note}" for model in levels.models if model.reach_note)
    if levels.by_hand:
        lines.append(f"  {levels.by_hand}")
    lines.append("")
    lines.extend(_stage_lines(result))
    lines.extend(_roadmap_lines(levels))
    if previous is not None:
        lines.extend(_comparison_lines(compare(methodology, previous, answers, result)))
    answered_no, not_assessed = gaps(methodology, answers, result, levels)
    if answered_no or not_assessed:
        lines.append("")
        lines.append(t(ORDER_TEXT))
    for title, entries in ((t("Answered no ({count}):", count=len(answered_no)), answered_no),
                           (t("Not yet assessed ({count}):", count=len(not_assessed)), not_assessed)):
        if not entries:
            continue
        lines.append("")
        lines.append(title)
        for gap in entries:
            lead = f"[{gap.priority_text}] " if gap.priority_text else ""
            extra = f" ({gap.status_text})" if gap.status == "partial" else ""
            lines.append(f"  {gap.item_id}{extra}: {lead}{gap.question}")
            if gap.note:
                lines.append("    " + t("Note: {note}", note=gap.note))
    if result.not_applicable:
        lines.append("")
        lines.append(t("Marked not applicable ({count}):", count=len(result.not_applicable)))
        for entry in result.not_applicable:
            lines.append(f"  {entry.item_id}: {entry.reason}")
    return _printable_lines(lines)


def _stage_lines(result: Score) -> list[str]:
    """The stages' table: points, percentages and what is marked not applicable, per stage.

    Each column is as wide as its heading in the reader's language needs (at least as in English).
    """
    heads = (t("Stage"), t("points"), "%", t("of what applies"), t("N/A items, points"), t("paper"))
    stage_w, points_w = max(24, len(heads[0])), max(9, len(heads[1]))
    pct_w = max(6, len(_pct(100.0)))
    applies_w, na_w, paper_w = max(15, len(heads[3])), max(17, len(heads[4])), max(7, len(heads[5]))
    lines = [f"  {heads[0]:<{stage_w}} {heads[1]:>{points_w}} {heads[2]:>{pct_w}}  {heads[3]:>{applies_w}}  "
             f"{heads[4]:>{na_w}}  {heads[5]:>{paper_w}}"]
    flagged = False
    for stage in result.stages:
        if stage.maximum:
            mark = "!" if stage.not_applicable_flag else " "
            flagged = flagged or bool(stage.not_applicable_flag)
            points = f"{stage.points:>3} / {stage.maximum:<3}"
            lines.append(f"  {stage.title:<{stage_w}} {points:>{points_w}} {_pct(stage.percent):>{pct_w}}  "
                         f"{_pct(stage.applicable_percent):>{applies_w - 1}}{mark}  "
                         f"{stage.not_applicable_count:>{na_w - 9}}, {stage.not_applicable_points:>6}  "
                         f"{stage.paper_points:>3} / {stage.paper_maximum:<3}")
    if flagged:
        lines.append("  " + t("! N/A covers more than a quarter of the stage's points, so its percentage of what "
                              "applies says little."))
    return lines


def _roadmap_lines(levels: Maturity) -> list[str]:
    """The roadmap to each model's next level, in the stages' order."""
    lines = ["", t("Roadmap to the next level:")]
    for model in levels.models:
        lines.append(f"  {model.model_title}. {model.roadmap_text}")
        for step in model.roadmap:
            lines.append(f"    {step.item_id} ({step.status_text}) {step.practice_title}: {step.question}")
    return lines


def _comparison_lines(comparison: Comparison) -> list[str]:
    """What changed since the earlier assessment: both totals, then every item whose answer changed."""
    delta = comparison.points_after - comparison.points_before
    values = {"date": format_date(comparison.previous_date) if comparison.previous_date else t("undated"),
              "before": comparison.points_before, "maximum_before": comparison.maximum_before,
              "percent_before": _pct(comparison.percent_before), "after": comparison.points_after,
              "maximum_after": comparison.maximum_after, "percent_after": _pct(comparison.percent_after),
              "delta": f"{delta:+d}", "route": comparison.previous_route_title}
    if comparison.previous_route_title:
        headline_text = t("Since the previous assessment ({date}): {before} of {maximum_before} points "
                          "({percent_before}) on the {route} route -> {after} of {maximum_after} points "
                          "({percent_after}), {delta} points", **values)
    else:
        headline_text = t("Since the previous assessment ({date}): {before} of {maximum_before} points "
                          "({percent_before}) -> {after} of {maximum_after} points ({percent_after}), "
                          "{delta} points", **values)
    lines = ["", headline_text]
    for title, changes in ((t("Gained ({count}):", count=len(comparison.gained)), comparison.gained),
                           (t("Lost ({count}):", count=len(comparison.lost)), comparison.lost),
                           (t("Changed without points ({count}):", count=len(comparison.changed)),
                            comparison.changed)):
        if changes:
            lines.append(f"  {title}")
            lines.extend(f"    {c.item_id}: {c.before} -> {c.after}" for c in changes)
    if not comparison.changed_items:
        lines.append("  " + t("No answer changed."))
    return lines


# Shown escaped in the terminal: C0 and C1 controls, DEL, the line and paragraph separators and
# the bidirectional embeddings, overrides and isolates, which a crafted file could use to move
# the cursor, rewrite a line or reorder what is shown (a fake total).
_VISIBLE_ESCAPES = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}
_HIDDEN = frozenset([*map(chr, range(0x00, 0x20)), *map(chr, range(0x7F, 0xA0)), "\u2028", "\u2029",
                     *map(chr, range(0x202A, 0x202F)), *map(chr, range(0x2066, 0x206A))])


def _printable(text: str) -> str:
    """The text with every control character spelt out (\\x1b, \\n, \\u202e); other Unicode as is."""
    if not any(char in _HIDDEN for char in text):
        return text
    return "".join(_escape(char) if char in _HIDDEN else char for char in text)


def _escape(char: str) -> str:
    code = ord(char)
    return _VISIBLE_ESCAPES.get(char) or (f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}")


def _printable_lines(lines: list[str]) -> str:
    """Lines for the terminal: each escaped, trailing spaces removed, a newline after each."""
    return "".join(_printable(line).rstrip() + "\n" for line in lines)


def _pct(value: float | None) -> str:
    return format_percent(value)


def _score(args: argparse.Namespace) -> int:
    methodology = _methodology(args)
    answers = _read_answers(args.answers, methodology)
    previous = _read_answers(args.previous, methodology) if args.previous else None
    result = score(methodology, answers, args.answers)
    if args.json:
        levels = maturity(methodology, result)
        data = {**result.to_dict(), "maturity": levels.to_dict(),
                "report": report_dict(methodology, answers, result, levels, previous)}
        _out(json.dumps(data, indent=2, ensure_ascii=False) + "\n")
    else:
        _out(_format_score(methodology, result, answers, previous))
    if args.fail_under is not None and _below(result.points, result.maximum, args.fail_under):
        _report(t("the total, {points} of {maximum} points ({percent}), is below --fail-under {bar}",
                  points=result.points, maximum=result.maximum,
                  percent=_exact_pct(result.points, result.maximum), bar=_fraction_text(args.fail_under)))
        return BELOW_FAIL_UNDER
    return DONE


def _below(points: int, maximum: int, bar: Fraction) -> bool:
    """Whether points/maximum, unrounded, is below bar percent (an empty maximum counts as 0%)."""
    return points * 100 < bar * maximum if maximum else bar > 0


def _exact_pct(points: int, maximum: int) -> str:
    """The percentage cut (not rounded) to four decimals, so it never reads as reaching a bar it misses."""
    if not maximum:
        return percent_sign("0")
    tenths_of_thousandths = points * 1_000_000 // maximum
    whole, part = divmod(tenths_of_thousandths, 10_000)
    return percent_sign(format_decimal_text(f"{whole}.{part:04d}".rstrip("0").rstrip(".")))


def _fraction_text(value: Fraction) -> str:
    """The bar as it was given on the command line (1e-400 stays 1e-400, never "0")."""
    given = getattr(value, "text", "")
    if given:
        return given if len(given) <= 80 else given[:79] + "…"
    return str(value.numerator) if value.denominator == 1 else str(float(value))


def _export(args: argparse.Namespace) -> int:
    from .spreadsheet import workbook_bytes

    if not args.output.lower().endswith(".xlsx"):
        raise HandbookError(args.output, "", t("the spreadsheet must have the .xlsx extension"),
                            t("name the output FILE.xlsx"))
    methodology = _methodology(args)
    answers = _read_answers(args.answers, methodology)
    score(methodology, answers, args.answers)  # a missing route is reported against the answers file
    with use_language(ENGLISH):  # the workbook's own words are the spreadsheet modules' (in English here)
        data = workbook_bytes(methodology, answers)
    _write_atomically(args.output, data, "score.xlsx", reading=args.answers)
    _out(_printable_lines([t("wrote {file}", file=args.output)]))
    return DONE


def _import(args: argparse.Namespace) -> int:
    from .workbook_import import read_file as read_workbook

    methodology = _methodology(args)
    with use_language(ENGLISH):  # the workbook reader's words are the spreadsheet modules' (in English here)
        imported = read_workbook(args.workbook, methodology)
    text = dumps(_with_open_items(methodology, imported))
    if args.output:
        _write_atomically(args.output, text.encode("utf-8"), "answers.json", reading=args.workbook)
        _out(_printable_lines([t("wrote {file}", file=args.output)]))
    else:
        _out(text)
    return DONE


def _portfolio(args: argparse.Namespace) -> int:
    """Read every input (a broken one is reported and left out), then report the portfolio of the rest."""
    from .portfolio import portfolio_with_problems, read_assessment, summary_lines
    from .portfolio_files import find_inputs, read_input

    if args.output and not args.output.lower().endswith(".xlsx"):
        raise HandbookError(args.output, "", t("the spreadsheet must have the .xlsx extension"),
                            t("name the output FILE.xlsx"))
    methodology = _methodology(args)
    read: list[tuple[str, Answers]] = []
    problems: list[HandbookError] = []
    for path in find_inputs(args.inputs, problems, args.output):
        try:
            read.append((path, read_assessment(read_input(path), methodology, path)))
            for warning in read[-1][1].warnings:
                _report(warning)
        except HandbookError as error:
            problems.append(error)
    result, unscored = portfolio_with_problems(methodology, read)
    problems += unscored
    for problem in problems:
        _report(problem.message)
    if not result.assessments:
        raise HandbookError(", ".join(args.inputs), "", t("no answers file or score spreadsheet could be read"),
                            t("name answers files (.json), score spreadsheets (.xlsx) or folders holding them"))
    if args.output:
        from .portfolio_sheet import portfolio_workbook_bytes

        with use_language(ENGLISH):  # the workbook's own words are the spreadsheet modules' (in English here)
            data = portfolio_workbook_bytes(methodology, result, problems)
        _write_atomically(args.output, data, "portfolio.xlsx")
    if args.json:
        _out(json.dumps({"portfolio": result.to_dict(),
                         "problems": [{"file": p.file, "message": p.message} for p in problems]},
                        indent=2, ensure_ascii=False) + "\n")
    else:
        _out(_printable_lines(summary_lines(result) + (["", t("wrote {file}", file=args.output)] if args.output else [])))
    return USER_ERROR if problems else DONE


if __name__ == "__main__":
    sys.exit(main())
