"""The answers file: a small, versioned JSON document that the CLI and the browser both read.

    {
      "format": "mlops-handbook-answers",
      "version": 2,
      "project": "Churn model", "assessor": "A. Lead", "date": "2026-11-26",
      "route": "ml-model", "task_type": "binary-classification",
      "answers": {"bc-iu-02": true, "bc-ko-01": ["project-objective"], "dp-dq-01": null},
      "not_applicable": {"bc-iu-04": "On-premises only: the bank's policy forbids cloud hosting"},
      "notes": {"bc-iu-02": "Signed off on 3 March"}
    }

A yes/no item takes true, false or null (unanswered); a multiple-choice item a list of option
ids (or null); route and task type are top-level fields, not answers. `not_applicable` maps a
scored item to the reason it does not apply to this project; the reason is required, and such an
item has no answer.

What is read is bounded, so a wrong or hostile file gets a clear refusal, never a crash: at most
MAX_ANSWERS_BYTES bytes, brackets nested at most MAX_DEPTH deep (the file itself needs 3),
numbers of at most MAX_NUMBER_CHARS characters, and at most MAX_ENTRIES entries in each of
"answers", "notes" and "not_applicable" (the methodology has about 130 items). These are checked
by a scan of the text before the JSON parser runs, so the parser never recurses deeply and the
messages are the same on every Python version (and under Pyodide).

A reason for "not applicable" must say something (`reason_problem` states the rule, and
`reason_formula` is the same rule as a spreadsheet formula). Version 3 files are held to it: a
reason it refuses is an error. Earlier versions are read and migrated, so that nothing written
in them is lost: version 1 (before "not applicable") is the same file without `not_applicable`;
in version 2 (before the rule), an item whose reason the rule refuses keeps that reason in its
note and becomes unanswered, and `Answers.warnings` names the items. Any version may name an
item that a later edition merged into another (`retired_items` in methodology.yaml): its answer
moves to that item when the item has none, and otherwise it is kept in the item's note, so
nothing is lost. A note so built is kept whole, even past MAX_TEXT (a note read from a file may
have up to MAX_NOTE_TEXT characters); one that would exceed even that is refused, naming the item,
and the file is left as it was.

Every text is checked to be valid Unicode (no lone surrogate, which JSON's "\\ud800" can spell and
no file can store as UTF-8), and a date is a calendar date written YYYY-MM-DD.
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import re
import stat
from dataclasses import dataclass, field, replace
from typing import Any, Mapping

from .errors import HandbookError
from .messages import N_, format_number, t
from .model import MULTIPLE_CHOICE, SINGLE_CHOICE, YES_NO, Methodology

FORMAT = "mlops-handbook-answers"
VERSION = 3
READABLE_VERSIONS = (1, 2, 3)
# The first version whose reasons for "not applicable" are held to `reason_problem`.
REASON_RULE_VERSION = 3
MAX_ANSWERS_BYTES = 2_000_000
MAX_TEXT = 10_000
# A note read from a file may be longer than the MAX_TEXT a person types in one box: a migration
# joins the texts of merged items into one note and keeps them whole (see `_carry_retired`). The
# limit stays under the 32,767 characters a spreadsheet cell holds, so the workbook carries it.
MAX_NOTE_TEXT = 32_000
# A value quoted in an error message is cut to about this many characters.
QUOTED_CHARS = 80
MAX_DEPTH = 32
MAX_NUMBER_CHARS = 100
MAX_ENTRIES = 2_000

Answer = bool | tuple[str, ...] | None


@dataclass(frozen=True)
class Answers:
    """One project's self-assessment. `answers` maps item id to its answer; absent = unanswered."""

    route: str | None = None
    task_type: str | None = None
    project: str = ""
    assessor: str = ""
    date: str = ""
    answers: Mapping[str, Answer] = field(default_factory=dict)
    notes: Mapping[str, str] = field(default_factory=dict)
    # item id -> why the item does not apply to this project (never empty)
    not_applicable: Mapping[str, str] = field(default_factory=dict)
    # What reading an earlier version changed, one message each (see the module doc); the
    # version the file was written in (None when not read from a file).
    warnings: tuple[str, ...] = field(default=(), compare=False)
    version_read: int | None = field(default=None, compare=False)

    def answer(self, item_id: str) -> Answer:
        return self.answers.get(item_id)

    def reason_not_applicable(self, item_id: str) -> str | None:
        return self.not_applicable.get(item_id)

    def with_answer(self, item_id: str, value: Answer) -> "Answers":
        return replace(self, answers={**self.answers, item_id: value})


# ---------------------------------------------------------------- the rule for a reason

# A reason for "not applicable" says something: it is not empty, not punctuation, not "n/a".
# The rule is one that a spreadsheet formula states the same way in LibreOffice and in Excel
# (see reason_formula), hence its plain terms: spaces (not other blanks) separate words, and
# the letters counted are A to Z, upper or lower case, among the first REASON_WINDOW characters.
REASON_MIN_LETTERS = 8
REASON_WINDOW = 999
_LETTERS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
# Placeholders that are no reason, compared with the trimmed reason in lower case. Those of one
# word are refused anyway (a reason has two words); they are listed for a plainer message.
REASON_PLACEHOLDERS = ("n/a", "na", "n.a.", "none", "nothing", "nil", "-", "--", ".", "...", "?", "x",
                       "tbd", "todo", "no aplica", "not applicable", "does not apply", "not relevant")
# In English, as the spreadsheet writes it; reason_rule() gives the reader's language.
REASON_RULE = ("a reason says why the item does not apply, in at least two words and "
               f"{REASON_MIN_LETTERS} letters, and is not a placeholder such as n/a")


def reason_rule() -> str:
    """REASON_RULE in the reader's language (messages.py)."""
    return t("a reason says why the item does not apply, in at least two words and {letters} letters, and is "
             "not a placeholder such as n/a", letters=REASON_MIN_LETTERS)


def _trimmed(reason: str) -> str:
    """The reason as a spreadsheet's TRIM gives it: spaces cut at both ends, runs of spaces made one."""
    return " ".join(word for word in reason.split(" ") if word)


def reason_problem(reason: str) -> str | None:
    """What is wrong with a reason for "not applicable", or None when the rule accepts it.

    The rule: with its spaces trimmed, the reason has at least two words (separated by a
    space), at least REASON_MIN_LETTERS letters A-Z or a-z among its first REASON_WINDOW
    characters, and is not one of REASON_PLACEHOLDERS (in any case). So ".", "n/a", "none",
    a zero-width space or "On prem" are refused; "On premises" and "No personal data in the
    sources" are accepted. The CLI, the workbook import, the page and the spreadsheet's
    formulas (`reason_formula`) all apply this one rule.
    """
    text = _trimmed(reason)
    if not text:
        return t("it is empty")
    if text.lower() in REASON_PLACEHOLDERS or f"|{text.lower()}|" in _PLACEHOLDER_TEXT:
        return t('"{text}" is a placeholder, not a reason', text=text)
    if " " not in text:
        return t("it is a single word; a reason takes at least two, separated by spaces")
    letters = sum(char in _LETTERS for char in reason[:REASON_WINDOW])
    if letters < REASON_MIN_LETTERS:
        if letters == 1:
            return t("it has 1 letter; a reason takes at least {minimum} (A to Z)", minimum=REASON_MIN_LETTERS)
        return t("it has {letters} letters; a reason takes at least {minimum} (A to Z)", letters=letters,
                 minimum=REASON_MIN_LETTERS)
    return None


def reason_accepted(reason: str) -> bool:
    return reason_problem(reason) is None


# The placeholders of more than one word, as the formula searches them: "|a|b c|".
_PLACEHOLDER_TEXT = "|" + "|".join(p for p in REASON_PLACEHOLDERS if " " in p) + "|"


def reason_formula(cell: str) -> str:
    """The rule of `reason_problem` as a spreadsheet formula (no leading "=") on a reason cell.

    TRUE when the cell's text is accepted. It uses only functions that LibreOffice and Excel
    compute alike (TRIM, FIND, MID, ROW, LOWER, IFERROR, SUMPRODUCT), no array constant and no
    wildcard, and stays within the 255 characters Excel allows a data validation formula.
    """
    text = f"TRIM({cell})"
    two_words = f'ISNUMBER(FIND(" ",{text}))'
    # FIND gives 1 for "" (past the end of the text), 2 or more for a letter: "#" stands first.
    letters = (f'SUMPRODUCT(--(IFERROR(FIND(MID({cell},ROW($1:${REASON_WINDOW}),1),"#{_LETTERS}"),0)>1))'
               f">={REASON_MIN_LETTERS}")
    not_placeholder = f'ISERROR(FIND("|"&LOWER({text})&"|","{_PLACEHOLDER_TEXT}"))'
    return f"AND({two_words},{letters},{not_placeholder})"


def template(methodology: Methodology, route: str, task_type: str | None = None) -> Answers:
    """Every scored item that applies to the route, unanswered."""
    _check_route(methodology, route, task_type, t("the command line"), "--route", "--task-type")
    return Answers(
        route=route, task_type=task_type, date=_dt.date.today().isoformat(),
        answers={i.id: None for i in methodology.items if i.scored and i.applies_to(route)},
    )


def to_json_data(answers: Answers) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "project": answers.project,
        "assessor": answers.assessor,
        "date": answers.date,
        "route": answers.route,
        "task_type": answers.task_type,
        "answers": {k: (list(v) if isinstance(v, tuple) else v) for k, v in answers.answers.items()},
        "not_applicable": dict(answers.not_applicable),
        "notes": dict(answers.notes),
    }


def dumps(answers: Answers) -> str:
    return json.dumps(to_json_data(answers), indent=2, ensure_ascii=False) + "\n"


def read_file(path: str | os.PathLike[str], methodology: Methodology, file: str | None = None) -> Answers:
    """Read and parse an answers file from disk: a regular file, its size checked before reading."""
    name = os.fspath(path) if file is None else file
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise HandbookError(name, "", t("no such file"),
                            t("check the path; make an answers file with `mlops-handbook template --route ROUTE -o FILE`")) from None
    except OSError as error:
        raise HandbookError(name, "", t("cannot be read ({problem})", problem=error.strerror),
                            t("check the path and the file's permissions")) from None
    if not stat.S_ISREG(info.st_mode):
        raise HandbookError(name, "", t("this is not a file"),
                            t("check the path; make an answers file with `mlops-handbook template --route ROUTE -o FILE`"))
    _check_size(info.st_size, name)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_ANSWERS_BYTES + 1)
    except OSError as error:
        raise HandbookError(name, "", t("cannot be read ({problem})", problem=error.strerror),
                            t("check the file's permissions")) from None
    return parse_bytes(raw, methodology, name)


def _check_size(size: int, file: str) -> None:
    if size > MAX_ANSWERS_BYTES:
        raise HandbookError(file, "", t("the file is {size} bytes; an answers file is a few kilobytes and at most "
                                        "{limit} are read", size=format_number(size),
                                        limit=format_number(MAX_ANSWERS_BYTES)),
                            t("check that this is an answers file (make one with `mlops-handbook template`)"))


def parse_bytes(raw: bytes, methodology: Methodology, file: str) -> Answers:
    """Decode and parse an answers file, with a readable error for every way it can be wrong."""
    _check_size(len(raw), file)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise HandbookError(file, t("byte {position}", position=error.start), t("the file is not UTF-8 text"),
                            t("save the answers file as UTF-8 JSON")) from None
    return parse_text(text, methodology, file, refuse_lone_surrogates=True)


def parse_text(text: str, methodology: Methodology, file: str, *, refuse_lone_surrogates: bool = False) -> Answers:
    """Parse the text of an answers file (bounded as the module doc says), then check its content.

    A file (`parse_bytes`, so the CLI and the page's uploads) must hold only text that can be
    written back as UTF-8: a lone surrogate, which JSON spells "\\ud800", is refused. The page's
    own stored answers are a JavaScript string, where one can stand (an emoji cut in two), and are
    read as they are (`refuse_lone_surrogates` False, the default here).
    """
    if len(text) > MAX_ANSWERS_BYTES:
        raise HandbookError(file, "", t("the text has {count} characters; an answers file is a few kilobytes and "
                                        "at most {limit} are read", count=format_number(len(text)),
                                        limit=format_number(MAX_ANSWERS_BYTES)),
                            t("check that this is an answers file (make one with `mlops-handbook template`)"))
    scan = _scan(text, file)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        pos = error.pos
        if scan.trailing_comma is not None and pos >= scan.trailing_comma:
            problem, pos = t("invalid JSON: a comma stands before a closing bracket"), scan.trailing_comma
        elif scan.ends_cut(pos, text):
            problem, pos = t("the JSON ends too early (the file looks truncated)"), len(text.rstrip())
        else:
            problem = t("invalid JSON: {problem}", problem=t(error.msg) if error.msg in _JSON_PROBLEMS else error.msg)
        raise HandbookError(file, _line_column(text, pos), problem,
                            t("repair the JSON or download the answers again")) from None
    except (ValueError, RecursionError) as error:  # not expected after the scan: kept as a last guard
        raise HandbookError(file, "", t("the JSON cannot be read ({problem})", problem=type(error).__name__),
                            t("repair the JSON or download the answers again")) from None
    return from_json_data(data, methodology, file, refuse_lone_surrogates=refuse_lone_surrogates)


# What Python's JSON parser says of the ways a text can fail to be JSON (json.decoder), in our words.
_JSON_PROBLEMS = frozenset((
    N_("Expecting value"), N_("Expecting property name enclosed in double quotes"),
    N_("Expecting ':' delimiter"), N_("Expecting ',' delimiter"), N_("Extra data"),
    N_("Unterminated string starting at"), N_("Invalid control character at"), N_("Invalid \\escape"),
    N_("Invalid \\uXXXX escape"),
))


# The tokens the scan needs, and only those (a short number or an ordinary comma is skipped in C):
# a string (closed or cut off), a bracket, a comma before a closing bracket, a number that may be
# too long (every number over the limit matches whole, with its sign; `_scan` checks the length).
_TOKEN = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*(?P<closed>")?|[{}\[\]]|,(?=[ \t\r\n]*[}\]])'
                    r'|-?[0-9][0-9.eE+-]{%d,}' % (MAX_NUMBER_CHARS - 1), re.DOTALL)
_CUT_VALUE = re.compile(r"[\sA-Za-z0-9.+-]*")


class _Scan:
    """What the scan of the text found: the first trailing comma, and how the text ends."""

    def __init__(self, trailing_comma: int | None, open_string: int | None, open_brackets: bool) -> None:
        self.trailing_comma = trailing_comma
        self.open_string = open_string
        self.open_brackets = open_brackets

    def ends_cut(self, pos: int, text: str) -> bool:
        """True when the parser's error at `pos` comes from the text being cut off, not from a mistake."""
        if self.open_string is not None:
            return pos >= self.open_string
        return self.open_brackets and _CUT_VALUE.fullmatch(text, pos) is not None


def _scan(text: str, file: str) -> _Scan:
    """One linear pass over the JSON tokens: refuse deep nesting and long numbers before parsing.

    Also notes the first comma directly before a closing bracket, and whether the text ends inside
    a string or with brackets left open (a cut-off file); `parse_text` words those errors itself.
    """
    depth = 0
    trailing_comma: int | None = None
    open_string: int | None = None
    for token in _TOKEN.finditer(text):
        char = token.group()[0]
        start = token.start()
        if char == '"':
            if token.group("closed") is None:
                open_string = start
        elif char in "{[":
            depth += 1
            if depth > MAX_DEPTH:
                raise HandbookError(file, _line_column(text, start),
                                    t("the JSON nests brackets more than {depth} deep; an answers file needs 3",
                                      depth=MAX_DEPTH),
                                    t("check that this is an answers file (make one with `mlops-handbook template`)"))
        elif char in "}]":
            depth -= 1
        elif char == ",":
            if trailing_comma is None:
                trailing_comma = start
        elif len(token.group()) > MAX_NUMBER_CHARS:
            raise HandbookError(file, _line_column(text, start),
                                t("a number of {count} characters; numbers in an answers file are short (at most "
                                  "{limit} characters are read)", count=format_number(len(token.group())),
                                  limit=MAX_NUMBER_CHARS),
                                t("check that this is an answers file (make one with `mlops-handbook template`)"))
    return _Scan(trailing_comma, open_string, depth > 0)


def _line_column(text: str, pos: int) -> str:
    line = text.count("\n", 0, pos) + 1
    column = pos - (text.rfind("\n", 0, pos) + 1) + 1
    return t("line {line}, column {column}", line=line, column=column)


def from_json_data(data: Any, methodology: Methodology, file: str, *, refuse_lone_surrogates: bool = True) -> Answers:
    if not isinstance(data, dict):
        raise HandbookError(file, t("top level"), t("the JSON is not an object"),
                            t('an answers file starts with {{"format": "mlops-handbook-answers", ...}}'))
    if data.get("format") != FORMAT:
        raise HandbookError(file, "format", t('expected "format": "{format}"', format=FORMAT),
                            t("check that this is an answers file (make one with `mlops-handbook template`)"))
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise HandbookError(file, "version", t("the version is missing or not a whole number"),
                            t('add "version": {version}', version=VERSION))
    if version > VERSION:
        raise HandbookError(file, "version", t("the file is version {version}, newer than the version {readable} "
                                               "that this release of mlops-handbook reads",
                                               version=version, readable=VERSION),
                            t("open it with a newer release of the handbook (or its command line), "
                              "or ask whoever sent it for a file of an earlier version"))
    if version not in READABLE_VERSIONS:
        raise HandbookError(file, "version", t("version {version} does not exist", version=version),
                            t('set "version": {version}', version=VERSION))
    known = {"format", "version", "project", "assessor", "date", "route", "task_type", "answers", "notes"}
    if version >= 2:
        known.add("not_applicable")
    extra = sorted(set(data) - known)
    if extra:
        if extra[0] == "not_applicable":
            raise HandbookError(file, "not_applicable", t('version 1 files have no "not applicable" answers'),
                                t('set "version": {version} to use them', version=VERSION))
        raise HandbookError(file, extra[0], t("this key is not part of an answers file"),
                            t("remove it; the keys are {keys}", keys=", ".join(sorted(known))))

    texts = {key: _text(data, key, file) for key in ("project", "assessor", "date")}
    if texts["date"] and calendar_date(texts["date"]) is None:
        raise HandbookError(file, "date", t("{value} is not a date (a calendar date is written YYYY-MM-DD)",
                                            value=quoted(texts["date"])),
                            t('write the date as YYYY-MM-DD, e.g. "2026-11-26", or leave it empty'))
    route = _optional_text(data, "route", file)
    task_type = _optional_text(data, "task_type", file)
    if route is not None:
        _check_route(methodology, route, task_type, file, "route", "task_type")
    elif task_type is not None and methodology.task_type(task_type) is None:
        raise HandbookError(file, "task_type", t("unknown task type {value}", value=quoted(task_type)),
                            t("use one of {ids}", ids=", ".join(task.id for task in methodology.task_types)))

    raw_answers = _mapping(data, "answers", file)
    raw_notes = _mapping(data, "notes", file)
    raw_not_applicable = _mapping(data, "not_applicable", file)
    answers = {item_id: _answer(methodology, item_id, value, file)
               for item_id, value in raw_answers.items() if methodology.retired_item(item_id) is None}
    notes = {item_id: _note(methodology, item_id, note, file)
             for item_id, note in raw_notes.items() if methodology.retired_item(item_id) is None}
    not_applicable = {item_id: _reason(methodology, item_id, reason, file, version)
                      for item_id, reason in raw_not_applicable.items()
                      if methodology.retired_item(item_id) is None}
    if refuse_lone_surrogates:
        for key, text in texts.items():
            _check_unicode(text, file, key)
        for section, values in (("notes", raw_notes), ("not_applicable", raw_not_applicable)):
            for item_id, text in values.items():
                if isinstance(text, str):
                    _check_unicode(text, file, f"{section}.{item_id}")
        # A retired item's answer is carried into a note as written, so its text is checked too.
        for item_id, value in raw_answers.items():
            for text in (value if isinstance(value, list) else [value]):
                if isinstance(text, str):
                    _check_unicode(text, file, f"answers.{item_id}")
    for item_id in not_applicable:
        if answers.get(item_id) is not None:
            raise HandbookError(file, f"not_applicable.{item_id}",
                                t("this item is answered and also marked not applicable"),
                                t('keep one: set "answers.{item}" to null, or remove the item from "not_applicable"',
                                  item=item_id))
    warnings = _keep_refused_reasons(file, not_applicable, notes)
    _carry_retired(methodology, file, raw_answers, raw_notes, raw_not_applicable, answers, notes, not_applicable)
    return Answers(route, task_type, texts["project"], texts["assessor"], texts["date"], answers,
                   {k: v for k, v in notes.items() if v}, not_applicable, warnings, version)


def _keep_refused_reasons(file: str, not_applicable: dict[str, str], notes: dict[str, str]) -> tuple[str, ...]:
    """An earlier file's reasons that the rule refuses: each kept in its item's note, the item
    left unanswered; one warning names them all. (A version 3 file never gets here with one.)"""
    refused = [item_id for item_id, reason in not_applicable.items() if not reason_accepted(reason)]
    for item_id in refused:
        reason = not_applicable.pop(item_id)
        kept = t('[Marked not applicable with the reason "{reason}", which the handbook no longer accepts]',
                 reason=reason)
        notes[item_id] = _joined_note(file, item_id, notes.get(item_id, ""), kept)
    if not refused:
        return ()
    listed = ", ".join(refused[:10])
    if len(refused) > 10:
        listed = t("{listed} and {count} more", listed=listed, count=len(refused) - 10)
    if len(refused) == 1:
        problem = t("1 item was marked not applicable with a reason that the handbook no longer accepts "
                    "({listed}): each reason is kept in its item's note, and the item is unanswered now",
                    listed=listed)
    else:
        problem = t("{count} items were marked not applicable with a reason that the handbook no longer accepts "
                    "({listed}): each reason is kept in its item's note, and the items are unanswered now",
                    count=len(refused), listed=listed)
    return (HandbookError(
        file, "not_applicable", problem,
        t("answer each, or mark it not applicable again with a reason that says why ({rule})",
          rule=reason_rule())).message,)


def _joined_note(file: str, item_id: str, note: str, added: str) -> str:
    """A note with a migration's text added, whole: never cut. Refused past MAX_NOTE_TEXT."""
    joined = (note + "\n" + added).strip()
    if len(joined) > MAX_NOTE_TEXT:
        raise HandbookError(file, f"notes.{item_id}",
                            t("bringing this file to version {version} joins the texts of items merged into {item} "
                              "into its note, and that note would have {count} characters, over the {limit} a note "
                              "may have; nothing was changed", version=VERSION, item=item_id,
                              count=format_number(len(joined)), limit=format_number(MAX_NOTE_TEXT)),
                            t("shorten the notes or reasons of {item} and of the items merged into it in the file, "
                              "keeping longer documents elsewhere, then read it again", item=item_id))
    return joined


def _note(methodology: Methodology, item_id: str, note: Any, file: str) -> str:
    _known_item(methodology, item_id, file, f"notes.{item_id}")
    if not isinstance(note, str):
        raise HandbookError(file, f"notes.{item_id}", t("a note must be text"),
                            t("write the note as a JSON string in double quotes"))
    if len(note) > MAX_NOTE_TEXT:
        raise HandbookError(file, f"notes.{item_id}", t("the note has {count} characters, over {limit}",
                                                        count=format_number(len(note)),
                                                        limit=format_number(MAX_NOTE_TEXT)),
                            t("shorten it and keep longer documents elsewhere, linked from the note"))
    return note


def _reason(methodology: Methodology, item_id: str, reason: Any, file: str, version: int) -> str:
    """The reason an item does not apply: required, so an empty one is refused; from version 3
    on, one that `reason_problem` refuses too (earlier ones are kept, see _keep_refused_reasons)."""
    place = f"not_applicable.{item_id}"
    item = _known_item(methodology, item_id, file, place)
    if not item.scored:
        raise HandbookError(file, place, t("this question chooses a path and cannot be marked not applicable"),
                            t('remove it from "not_applicable"'))
    if not isinstance(reason, str):
        raise HandbookError(file, place, t("the reason must be text"),
                            t('write why the item does not apply, e.g. "{item}": "No cloud: the client hosts on '
                              'premises"', item=item_id))
    if not reason.strip():
        raise HandbookError(file, place, t("the reason is empty; an item is marked not applicable only with a reason"),
                            t('write why the item does not apply to this project, or remove it from "not_applicable"'))
    if len(reason) > MAX_TEXT:
        raise HandbookError(file, place, t("the reason has {count} characters, over {limit}",
                                           count=format_number(len(reason)), limit=format_number(MAX_TEXT)),
                            t("shorten it and keep longer documents elsewhere, linked from the reason"))
    problem = reason_problem(reason)
    if problem is not None and version >= REASON_RULE_VERSION:
        raise HandbookError(file, place, t("the reason does not say why the item does not apply: {problem}",
                                           problem=problem),
                            t('{rule}; write one, e.g. "{item}": "No personal data: the sources are sensor '
                              'readings", or remove the item from "not_applicable" and answer it',
                              rule=reason_rule(), item=item_id))
    return reason


def _carry_retired(methodology: Methodology, file: str, raw_answers: Mapping[str, Any],
                   raw_notes: Mapping[str, Any], raw_not_applicable: Mapping[str, Any],
                   answers: dict[str, Answer], notes: dict[str, str], not_applicable: dict[str, str]) -> None:
    """Move what was given for retired items to the items they were merged into (see the module doc)."""
    for retired in methodology.retired:
        rid, target = retired.id, retired.merged_into
        if rid not in raw_answers and rid not in raw_notes and rid not in raw_not_applicable:
            continue
        kept: list[str] = []
        value = raw_answers.get(rid)
        if value is not None:
            try:
                converted = _answer(methodology, target, value, file)
            except HandbookError:
                converted = None
            free = answers.get(target) is None and target not in not_applicable
            if converted is not None and free:
                answers[target] = converted
                kept.append(t("answer {value}, taken as this item's answer",
                              value=json.dumps(value, ensure_ascii=False)))
            else:
                kept.append(t("answer {value}", value=json.dumps(value, ensure_ascii=False)))
        note = raw_notes.get(rid)
        if isinstance(note, str) and note:
            kept.append(t("note: {note}", note=note))
        reason = raw_not_applicable.get(rid)
        if isinstance(reason, str) and reason.strip():
            if answers.get(target) is None and target not in not_applicable and reason_accepted(reason):
                not_applicable[target] = reason
                kept.append(t("not applicable, taken for this item"))
            else:
                kept.append(t("not applicable: {reason}", reason=reason))
        if kept:
            carried = t("[Earlier item {item}, merged into this one] ", item=rid) + "; ".join(kept)
            notes[target] = _joined_note(file, target, notes.get(target, ""), carried)


_CALENDAR_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def calendar_date(text: str) -> _dt.date | None:
    """The date that `text` writes as YYYY-MM-DD (a real day), else None.

    Python's `date.fromisoformat` also reads "20260101" and "2026-W01-1"; an answers file, the
    workbook and the portfolio take only the calendar form, the one every reader understands.
    """
    if not isinstance(text, str) or _CALENDAR_DATE.fullmatch(text) is None:
        return None
    try:
        return _dt.date.fromisoformat(text)
    except ValueError:
        return None


def quoted(value: Any, limit: int = QUOTED_CHARS) -> str:
    """A value for an error message: JSON-quoted, cut to about `limit` characters, always printable.

    A lone surrogate is spelt as its escape, so the message can be printed and written anywhere.
    """
    text = value if isinstance(value, str) else None
    if text is None:
        try:
            text = json.dumps(value, ensure_ascii=False)
        except (TypeError, ValueError, RecursionError):
            text = type(value).__name__
        cut = text if len(text) <= limit else text[:limit - 1] + "…"
        return cut.encode("utf-8", "backslashreplace").decode("utf-8")
    cut = text if len(text) <= limit else text[:limit - 1] + "…"
    shown = json.dumps(cut, ensure_ascii=False)
    return shown.encode("utf-8", "backslashreplace").decode("utf-8")


def unicode_problem(text: str) -> str | None:
    """Why `text` is not valid Unicode (a lone surrogate, as "\\ud800" in JSON or a byte that is not
    UTF-8 on a command line gives), else None."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError as error:
        code = ord(text[error.start])
        return t("character {position} is the lone surrogate {escape}, which is not a character and cannot be "
                 "saved as UTF-8", position=error.start + 1, escape=f"\\u{code:04x}")
    return None


def _check_unicode(text: str, file: str, place: str) -> None:
    problem = unicode_problem(text)
    if problem is not None:
        raise HandbookError(file, place, t("the text is not valid Unicode: {problem}", problem=problem),
                            t("retype the text, or save the file again as UTF-8 from an editor"))


def _check_route(methodology: Methodology, route: str, task_type: str | None,
                 file: str, route_key: str, task_key: str) -> None:
    if methodology.route(route) is None:
        raise HandbookError(file, route_key, t("unknown route {value}", value=quoted(route)),
                            t("use one of {ids}", ids=", ".join(r.id for r in methodology.routes)))
    if task_type is None:
        return
    if methodology.task_type(task_type) is None:
        raise HandbookError(file, task_key, t("unknown task type {value}", value=quoted(task_type)),
                            t("use one of {ids}", ids=", ".join(task.id for task in methodology.task_types)))
    if not methodology.route_uses_task_type(route):
        raise HandbookError(file, task_key, t('the route "{route}" has no ML task type', route=route),
                            t("remove the task type, or choose the ml-model route"))


def _text(data: Mapping[str, Any], key: str, file: str) -> str:
    value = data.get(key, "")
    if value is None:
        return ""
    if not isinstance(value, str):
        raise HandbookError(file, key, t("this value must be text"),
                            t('write it as a JSON string, e.g. "{key}": "..."', key=key))
    if len(value) > MAX_TEXT:
        raise HandbookError(file, key, t("the text has {count} characters, over {limit}",
                                         count=format_number(len(value)), limit=format_number(MAX_TEXT)),
                            t("shorten it"))
    return value


def _optional_text(data: Mapping[str, Any], key: str, file: str) -> str | None:
    return _text(data, key, file) or None


def _mapping(data: Mapping[str, Any], key: str, file: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise HandbookError(file, key, t("this must be an object mapping item ids to values"),
                            t('write it as "{key}": {{"bc-iu-02": ...}}', key=key))
    if len(value) > MAX_ENTRIES:
        raise HandbookError(file, key, t("it has {count} entries, more than the {limit} read; the methodology has "
                                         "far fewer items", count=format_number(len(value)),
                                         limit=format_number(MAX_ENTRIES)),
                            t("keep one entry per item id (make a fresh file with `mlops-handbook template`)"))
    return value


def _known_item(methodology: Methodology, item_id: str, file: str, place: str):
    item = methodology.find(item_id)
    if item is None or not hasattr(item, "kind"):
        if len(item_id) > 40 or unicode_problem(item_id) is not None:  # quoted, not echoed whole
            place = t("{section}, the key {key}", section=place.split(".", 1)[0], key=quoted(item_id, 40))
        raise HandbookError(file, place, t("{value} is not an item id of this methodology", value=quoted(item_id)),
                            t("correct the id (see `mlops-handbook template`) or remove the entry"))
    return item


def _answer(methodology: Methodology, item_id: str, value: Any, file: str) -> Answer:
    place = f"answers.{item_id}"
    item = _known_item(methodology, item_id, file, place)
    if item.kind == SINGLE_CHOICE:
        key = "route" if item.selects == "route" else "task_type"
        raise HandbookError(file, place, t("this question chooses a path and is not answered here"),
                            t('set the top-level "{key}" instead and remove this entry', key=key))
    if value is None:
        return None
    if item.kind == YES_NO:
        if not isinstance(value, bool):
            raise HandbookError(file, place, t("a yes/no item takes true, false or null, not {value}",
                                               value=quoted(value)),
                                t("write true for yes, false for no, or null if not answered yet"))
        return value
    assert item.kind == MULTIPLE_CHOICE
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise HandbookError(file, place, t("a multiple-choice item takes a list of option ids, not {value}",
                                           value=quoted(value)),
                            t('write a list such as ["{option}"], [] for none, or null if not answered yet',
                              option=item.options[0].id))
    for option_id in value:
        if item.option(option_id) is None:
            raise HandbookError(file, place, t("{value} is not an option of this item", value=quoted(option_id)),
                                t("use option ids among: {ids}", ids=", ".join(o.id for o in item.options)))
    return tuple(dict.fromkeys(value))
