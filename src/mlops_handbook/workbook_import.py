"""A filled-in score workbook read back into answers, matched by item id, never by text.

The workbook is one that `spreadsheet.workbook_bytes` wrote, as saved again by Excel or
LibreOffice after someone filled it in: the Answers sheet's Answer, Reason and Note columns, and
the Summary's project, assessor, date and ML task type. It may be in English or in Spanish
(workbook_layout.WORDS): its sheets, headers and labels are found under either language's names,
and an Answer cell may say Yes, Sí (or Si), No, N/A or No aplica, in any case, whatever the
workbook's language or the methodology's. The messages name the workbook's own sheets and words. It is read with the standard library
only (zipfile and ElementTree: shared strings, inline strings, booleans, numbers), so the same
code runs in Pyodide without another wheel.

Everything is checked before anything is returned: a file that is not an .xlsx, not one of ours
(no marker, see workbook_layout), restructured (a sheet renamed, a column moved, an id edited,
rows duplicated or for unknown ids) or holding an invalid cell raises one HandbookError naming
the sheet, the cell and the fix. Nothing is half-imported.

What is read is bounded, so a hostile file gets a refusal, never a hang or an internal error:
the file's size, the number of parts in the zip, each part's size once decompressed (read with a
bounded read, since the sizes a zip declares can lie), the rows read, the depth of the XML (at most
MAX_DEPTH, counted as it is parsed, so a deep file never builds a deep tree), the digits of a row
number, a shared-string index and a number, and no XML document type in any encoding: the XML is
parsed by expat with a handler that refuses a document type declaration or an entity, called by
expat after it has decoded the text (UTF-8, UTF-16 or any other it reads), so no entity is ever
expanded. A cell whose text holds a lone UTF-16 surrogate (written as _xD800_) is refused with its
cell. The limits are the same in CPython and in Pyodide: both run this code on their own expat.
"""

from __future__ import annotations

import datetime as _dt
import io
import os
import re
import stat
import xml.etree.ElementTree as ET
import zipfile
from xml.parsers import expat
import zlib
from dataclasses import dataclass
from typing import Any

from .answers import FORMAT, MAX_NOTE_TEXT, MAX_TEXT, REASON_RULE, VERSION, Answers, from_json_data, reason_problem
from .errors import HandbookError
from .languages import LANGUAGES
from .model import YES_NO, Item, Methodology
from .workbook_layout import (
    ANSWER_WORDS, COL_ANSWER, COL_ID, COL_NOTE, COL_REASON, DETAIL_KEYS, DETAILS_FIRST_ROW, EN, HEADERS,
    HEADER_KEYS_BY_VERSION,
    MARKER_FORMAT, MARKER_NAME, MARKER_VERSION, NA, NO, NOTE_COL_BY_VERSION, OFF_COL_NOTE,
    OFF_ROUTE_COLUMN_KEYS, OFF_ROUTE_SINCE, ROW_ASSESSOR, ROW_DATE, ROW_PROJECT, ROW_TASK_TYPE,
    YES, Marker, Unit, cell_name, fingerprint, off_route_units, parse_marker, route_units, words,
)

MAX_WORKBOOK_BYTES = 10_000_000
MAX_PART_BYTES = 30_000_000  # one decompressed part (a sheet, the shared strings)
MAX_PARTS = 2_000
MAX_ROWS = 10_000
MAX_DEPTH = 64  # a worksheet's XML nests about six deep
MAX_INDEX_DIGITS = 9  # a row number or a shared string's index (a sheet has at most 1,048,576 rows)
MAX_NUMBER_CHARS = 100  # the text of a number cell
BRIEF = 80  # at most this many characters of a bad value are quoted in a message
ZIP_MAGIC = b"PK\x03\x04"

EXPORT_AGAIN = ("export the workbook again (score page, or `mlops-handbook export`) and fill in "
                "that copy")
OURS = "import the score workbook (.xlsx) that the handbook exported and that was filled in"
UNDO = "undo the change, so that the sheet is as exported, or " + EXPORT_AGAIN
_ANSWER_WORDS = ANSWER_WORDS  # Yes, Sí, Si, No, N/A, No aplica, in any case: a workbook of either language
_CELL_REF = re.compile(r"([A-Z]{1,3})([0-9]{1,7})")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_ESCAPED = re.compile(r"_x([0-9A-Fa-f]{4})_")
_RELATIONSHIP_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"


def is_workbook(data: bytes) -> bool:
    """Whether the data is a zip file (an .xlsx), as opposed to the text of an answers file."""
    return isinstance(data, (bytes, bytearray, memoryview)) and bytes(data[:4]) == ZIP_MAGIC


def answers_from_workbook(data: bytes, methodology: Methodology, file: str) -> Answers:
    """The answers of one of our workbooks; raises HandbookError naming file, sheet, cell and fix."""
    book = _Book(bytes(data), file)
    marker = _marker(book, methodology, file)
    summary, answers_sheet = book.sheet("summary"), book.sheet("answers")
    details = _details(summary, methodology, marker.route, book.date1904, file)
    units = route_units(methodology, marker.route)
    headers = HEADER_KEYS_BY_VERSION.get(marker.version, HEADER_KEYS_BY_VERSION[MARKER_VERSION])
    note_col = NOTE_COL_BY_VERSION.get(marker.version, COL_NOTE)
    found = _read_rows(answers_sheet, methodology, marker, units, headers, note_col, file)
    if marker.version >= OFF_ROUTE_SINCE:
        # The items of other routes (and what else the Answers sheet has no row for).
        off = _read_rows(book.sheet("off_route"), methodology, marker, off_route_units(methodology, marker.route),
                         tuple(key for key, _ in OFF_ROUTE_COLUMN_KEYS), OFF_COL_NOTE, file,
                         elsewhere={r.unit_id: r for r in found})
        found += off
    document = {"format": FORMAT, "version": VERSION, **details, "route": marker.route,
                **_assemble(found, methodology, file)}
    return from_json_data(document, methodology, file)


def read_file(path: str | os.PathLike[str], methodology: Methodology, file: str | None = None) -> Answers:
    """Read a workbook from disk (a regular file, its size checked first) and import it."""
    name = os.fspath(path) if file is None else file
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise HandbookError(name, "", "this is not a file", "name the .xlsx file to import")
        if info.st_size > MAX_WORKBOOK_BYTES:
            raise _too_big(name, info.st_size)
        with open(path, "rb") as handle:
            data = handle.read(MAX_WORKBOOK_BYTES + 1)
    except FileNotFoundError:
        raise HandbookError(name, "", "no such file", "check the path") from None
    except OSError as error:
        raise HandbookError(name, "", f"cannot be read ({error.strerror or error})",
                            "check the path and the file's permissions") from None
    return answers_from_workbook(data, methodology, name)


def _too_big(file: str, size: int) -> HandbookError:
    return HandbookError(file, "", f"the file is {size:,} bytes; a score workbook is far smaller "
                         f"and at most {MAX_WORKBOOK_BYTES:,} are read", f"check the file, or {EXPORT_AGAIN}")


# ---------------------------------------------------------------- the zip and its XML

def _brief(text: str) -> str:
    """A value quoted in a message: at most BRIEF characters, lone surrogates made printable."""
    text = text if len(text) <= BRIEF else text[:BRIEF - 1] + "…"
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _lone_surrogate(text: str) -> bool:
    """Whether the text holds a UTF-16 surrogate that is not half of a pair (no .xlsx or JSON file
    can hold one)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        try:
            text.encode("utf-16", "surrogatepass").decode("utf-16")
        except UnicodeDecodeError:
            return True
    return False


def _joined(text: str) -> str:
    """Surrogate pairs written as two escapes (_xD83D__xDE80_) joined into their character."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "surrogatepass")


class _Refused(Exception):
    """Raised from an expat handler: what the part holds that the import does not read."""


def _qualified(name: str) -> str:
    """expat's "uri}local" as ElementTree's "{uri}local"."""
    return "{" + name if "}" in name else name


def parse_xml(raw: bytes) -> ET.Element:
    """The XML as an ElementTree, parsed by expat within the limits; raises _Refused for a document
    type or an entity declaration (in whatever encoding the part is written), or elements nested
    deeper than MAX_DEPTH, and expat.ExpatError for XML that is not well-formed."""
    builder = ET.TreeBuilder()
    parser = expat.ParserCreate(namespace_separator="}")
    depth = 0

    def refuse_doctype(*_args: Any) -> None:
        raise _Refused("declares a document type")

    def refuse_entity(*_args: Any) -> None:
        raise _Refused("declares an entity")

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise _Refused(f"nests elements more than {MAX_DEPTH} deep")
        if any("}" in key for key in attributes):
            attributes = {_qualified(k): v for k, v in attributes.items()}
        builder.start(_qualified(tag), attributes)

    def end(tag: str) -> None:
        nonlocal depth
        depth -= 1
        builder.end(_qualified(tag))

    parser.StartDoctypeDeclHandler = refuse_doctype
    parser.EntityDeclHandler = refuse_entity
    parser.UnparsedEntityDeclHandler = refuse_entity
    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.CharacterDataHandler = builder.data
    parser.buffer_text = True
    parser.SetParamEntityParsing(expat.XML_PARAM_ENTITY_PARSING_NEVER)
    parser.Parse(raw, True)
    return builder.close()


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    return [child for child in element if _local(child.tag) == name]


def _unescape(text: str) -> str:
    """OOXML writes characters XML cannot hold as _xHHHH_ (and a literal "_x" as _x005F_x)."""
    return _joined(_ESCAPED.sub(lambda m: chr(int(m[1], 16)), text)) if "_x" in text else text


def _rich_text(element: ET.Element) -> str:
    """The text of a shared or inline string: its <t>, or its runs' <t>; phonetic hints left out."""
    parts = []
    for child in element:
        name = _local(child.tag)
        if name == "t":
            parts.append(child.text or "")
        elif name == "r":
            parts.extend(t.text or "" for t in _children(child, "t"))
    return _unescape("".join(parts))


class _Book:
    """The parts of the .xlsx that the import needs, read within the limits."""

    def __init__(self, data: bytes, file: str) -> None:
        self.file = file
        if len(data) > MAX_WORKBOOK_BYTES:
            raise _too_big(file, len(data))
        if not is_workbook(data):
            raise HandbookError(file, "", "this is not an .xlsx workbook (an .xlsx is a zip file)",
                                OURS)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
                NotImplementedError):
            raise self._damaged("its zip structure cannot be read") from None
        if len(self.archive.infolist()) > MAX_PARTS:
            raise self._damaged(f"it holds more than {MAX_PARTS:,} parts")
        workbook_path = self._office_document()
        workbook = self._xml(workbook_path)
        if workbook is None:
            raise HandbookError(file, "", "this zip file is not a spreadsheet (it has no workbook part)",
                                OURS)
        folder = workbook_path.rsplit("/", 1)[0] + "/" if "/" in workbook_path else ""
        targets = self._relationships(folder, workbook_path)
        self.names = {n.get("name", ""): n.text or "" for d in _children(workbook, "definedNames")
                      for n in _children(d, "definedName") if n.get("localSheetId") is None}
        self.sheets = {s.get("name", ""): targets.get(s.get(_RELATIONSHIP_ID, ""), "")
                       for d in _children(workbook, "sheets") for s in _children(d, "sheet")}
        properties = _children(workbook, "workbookPr")
        self.date1904 = bool(properties) and properties[0].get("date1904", "0") in ("1", "true")
        # The workbook's language: the one whose name its Summary sheet has (English if none has).
        self.words = next((w for w in map(words, LANGUAGES) if w.summary in self.sheets), EN)
        shared = next((t for k, t in targets.items() if k.startswith("type:") and t), None)
        strings = self._xml(shared) if shared else None
        self.shared = [_rich_text(si) for si in _children(strings, "si")] if strings is not None else []

    def _damaged(self, problem: str) -> HandbookError:
        return HandbookError(self.file, "", f"the workbook is damaged or not a spreadsheet ({problem})",
                             f"save it again as .xlsx (Excel workbook), or {EXPORT_AGAIN}")

    def _part(self, name: str) -> bytes | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise self._damaged(f"the part {name} would be {info.file_size:,} bytes once unpacked")
        try:
            with self.archive.open(info) as handle:
                raw = handle.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError,
                OSError, ValueError) as error:
            raise self._damaged(f"the part {name} cannot be unpacked: {error}") from None
        if len(raw) > MAX_PART_BYTES:
            raise self._damaged(f"the part {name} unpacks to more than {MAX_PART_BYTES:,} bytes")
        return raw

    def _xml(self, name: str) -> ET.Element | None:
        raw = self._part(name)
        if raw is None:
            return None
        if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:  # a spreadsheet part has neither
            raise self._damaged(f"the part {_brief(name)} declares a document type")
        try:
            return parse_xml(raw)
        except _Refused as refused:  # the same test after decoding, in any encoding
            raise self._damaged(f"the part {_brief(name)} {refused}") from None
        except (expat.ExpatError, ET.ParseError, LookupError, ValueError) as error:
            raise self._damaged(f"the part {_brief(name)} is not well-formed XML: {_brief(str(error))}") from None

    def _office_document(self) -> str:
        root = self._xml("_rels/.rels")
        for rel in _children(root, "Relationship") if root is not None else ():
            if rel.get("Type", "").endswith("/officeDocument"):
                return rel.get("Target", "").lstrip("/")
        return "xl/workbook.xml"

    def _relationships(self, folder: str, workbook_path: str) -> dict[str, str]:
        """Relationship id -> part path; the shared strings part also under "type:sharedStrings"."""
        name = workbook_path.rsplit("/", 1)[-1]
        root = self._xml(f"{folder}_rels/{name}.rels")
        targets: dict[str, str] = {}
        for rel in _children(root, "Relationship") if root is not None else ():
            target = rel.get("Target", "")
            path = target.lstrip("/") if target.startswith("/") else folder + target
            targets[rel.get("Id", "")] = path
            if rel.get("Type", "").endswith("/sharedStrings"):
                targets["type:sharedStrings"] = path
        return targets

    def sheet(self, key: str) -> "_Sheet":
        """The sheet of this key of WORDS ("summary", "answers", "off_route"), named in the workbook's
        language or in another."""
        names = [getattr(self.words, key)] + [getattr(words(language), key) for language in LANGUAGES]
        name = next((n for n in names if n in self.sheets), names[0])
        path = self.sheets.get(name)
        root = self._xml(path) if path else None
        if root is None:
            found = ", ".join(f'"{n}"' for n in self.sheets) or "none"
            raise HandbookError(self.file, f"sheet {name}", f'there is no sheet named "{name}" '
                                f"(the sheets are {_brief(found)})", f'rename the sheet back to "{name}", or {EXPORT_AGAIN}')
        return _Sheet(name, root, self, key)


class _Error(str):
    """A cell holding a spreadsheet error such as #N/A or #REF!."""


def _column_number(letters: str) -> int:
    number = 0
    for char in letters:
        number = number * 26 + ord(char) - 64
    return number - 1


class _Sheet:
    """The values of the first columns of a sheet: (0-based row, column) -> value."""

    def __init__(self, name: str, root: ET.Element, book: _Book, key: str = "") -> None:
        self.name = name
        self.key = key  # which sheet it is: its key in WORDS
        self.words = book.words
        self.cells: dict[tuple[int, int], Any] = {}
        for data in _children(root, "sheetData"):
            row_number = -1
            for row in _children(data, "row"):
                number = row.get("r", str(row_number + 2))
                if not (number.isascii() and number.isdigit()) or len(number) > MAX_INDEX_DIGITS:
                    raise book._damaged(f"a row of the sheet {name} is numbered {_brief(number[:20])!r}"
                                        + (f" ({len(number):,} digits)" if len(number) > 20 else ""))
                row_number = int(number) - 1
                if row_number >= MAX_ROWS:
                    raise HandbookError(book.file, f"sheet {name}", f"the sheet has more than {MAX_ROWS:,} rows",
                                        f"remove the rows below the table, or {EXPORT_AGAIN}")
                self._read_row(row, row_number, book)

    def _read_row(self, row: ET.Element, row_number: int, book: _Book) -> None:
        col = -1
        for cell in _children(row, "c"):
            match = _CELL_REF.fullmatch(cell.get("r", ""))
            col = _column_number(match[1]) if match else col + 1
            if col >= len(HEADERS):
                continue
            value = self._value(cell, book)
            if isinstance(value, str) and _lone_surrogate(value):
                raise HandbookError(book.file, cell_name(self.name, row_number, col), "the cell's text holds a "
                                    "character that no file can store (a lone UTF-16 surrogate, written in the "
                                    "file as an escape such as _xD800_)", "retype the text in the cell")
            if value is not None and value != "":
                self.cells[row_number, col] = value

    @staticmethod
    def _value(cell: ET.Element, book: _Book) -> Any:
        kind = cell.get("t", "n")
        if kind == "inlineStr":
            inline = _children(cell, "is")
            return _rich_text(inline[0]) if inline else None
        values = _children(cell, "v")
        text = values[0].text if values else None
        if text is None:
            return None
        if kind == "s":
            digits = text.strip()
            index = int(digits) if digits.isascii() and digits.isdigit() and len(digits) <= MAX_INDEX_DIGITS else -1
            if not 0 <= index < len(book.shared):
                raise book._damaged(f"a cell of {_brief(cell.get('r', '?'))} names a missing shared string")
            return book.shared[index]
        if kind in ("str", "d"):
            return _unescape(text)
        if kind == "b":
            return text.strip() in ("1", "true")
        if kind == "e":
            return _Error(text)
        try:
            if len(text) > MAX_NUMBER_CHARS:
                raise ValueError
            return float(text)
        except ValueError:
            raise book._damaged(f"the cell {_brief(cell.get('r', '?'))} holds the number {_brief(text[:20])!r}") from None

    def get(self, row: int, col: int) -> Any:
        return self.cells.get((row, col))

    def name_of(self, row: int, col: int) -> str:
        return cell_name(self.name, row, col)


# ---------------------------------------------------------------- what the cells mean

def _shown(value: Any) -> str:
    """A cell's value as a spreadsheet shows it, for messages."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return str(value)


def _text(sheet: _Sheet, row: int, col: int, file: str, limit: int = MAX_TEXT) -> str:
    """A text cell as typed (a number typed there is taken as its digits), of at most `limit`
    characters (a note: the longer limit of a note read from a file, which a migration may fill)."""
    value = sheet.get(row, col)
    if value is None:
        return ""
    if isinstance(value, _Error):
        raise HandbookError(file, sheet.name_of(row, col), f"the cell shows the error {value}",
                            "type the text in the cell instead of a formula")
    text = _shown(value)
    if len(text) > limit:
        raise HandbookError(file, sheet.name_of(row, col), f"the text has {len(text):,} characters, over {limit:,}",
                            "shorten it and keep longer documents elsewhere, linked from the cell")
    return text


def _marker(book: _Book, methodology: Methodology, file: str) -> Marker:
    raw = book.names.get(MARKER_NAME)
    marker = parse_marker(raw.lstrip("=").strip().strip('"')) if raw is not None else None
    if marker is None or marker.format != MARKER_FORMAT:
        raise HandbookError(file, "", "this workbook was not exported by the MLOps handbook (it lacks the "
                            f"workbook-level name {MARKER_NAME} that marks the handbook's score workbook)",
                            EXPORT_AGAIN)
    if marker.version > MARKER_VERSION:
        raise HandbookError(file, f"name {MARKER_NAME}", f"the workbook is of version {marker.version}, newer "
                            f"than the version {MARKER_VERSION} this release of mlops-handbook reads",
                            "import it with a newer release of the handbook")
    if methodology.route(marker.route) is None:
        raise HandbookError(file, f"name {MARKER_NAME}", f'the workbook was made for the route "{_brief(marker.route)}", '
                            "which this methodology does not have", EXPORT_AGAIN)
    return marker


def _in_either_language(key: str) -> set[str]:
    """The word of this key of WORDS in every language."""
    return {getattr(words(language), key) for language in LANGUAGES}


def _details(summary: _Sheet, methodology: Methodology, route: str, date1904: bool,
             file: str) -> dict[str, Any]:
    for offset, key in enumerate(DETAIL_KEYS):
        found = summary.get(DETAILS_FIRST_ROW + offset, 0)
        label = getattr(summary.words, key)
        if found not in _in_either_language(key):
            raise HandbookError(file, summary.name_of(DETAILS_FIRST_ROW + offset, 0),
                                f'expected the label "{label}" here, found '
                                f'{_quote(found)}: the details block was moved or edited', UNDO)
    task_type = None
    if methodology.route_uses_task_type(route):
        task_type = _task_type(summary, methodology, file)
    return {"project": _text(summary, ROW_PROJECT, 1, file),
            "assessor": _text(summary, ROW_ASSESSOR, 1, file),
            "date": _date(summary, date1904, file), "task_type": task_type}


def _quote(value: Any) -> str:
    return "an empty cell" if value is None else f'"{_brief(_shown(value))}"'


def _task_type(summary: _Sheet, methodology: Methodology, file: str) -> str | None:
    value = summary.get(ROW_TASK_TYPE, 1)
    text = _shown(value).strip().casefold() if value is not None else ""
    if text == "" or text in {word.casefold() for word in _in_either_language("not_chosen")}:
        return None
    for task_type in methodology.task_types:
        # A workbook exported in either language: the title in each one, or the id.
        titles = {_task_title(methodology, language, task_type.id) for language in LANGUAGES}
        if text in titles or text == task_type.id:
            return task_type.id
    language = summary.words.language
    titles = ", ".join(_task_title(methodology, language, t.id, casefold=False) for t in methodology.task_types)
    raise HandbookError(file, summary.name_of(ROW_TASK_TYPE, 1), f'"{_brief(_shown(value))}" is not an ML task type',
                        f"choose one from the cell's drop-down: {titles}, or {summary.words.not_chosen}")


def _task_title(methodology: Methodology, language: str, task_type_id: str, casefold: bool = True) -> str:
    try:
        edition = methodology.in_language(language)
    except HandbookError:  # a methodology built without its other language: its own titles only
        edition = methodology
    title = edition.task_type(task_type_id).title
    return title.casefold() if casefold else title


def _date(summary: _Sheet, date1904: bool, file: str) -> str:
    value = summary.get(ROW_DATE, 1)
    place = summary.name_of(ROW_DATE, 1)
    if isinstance(value, float) and not isinstance(value, bool) and 0 < value < 2_958_466:
        # A date the spreadsheet recognised and stored as a day count.
        epoch = _dt.date(1904, 1, 1) if date1904 else _dt.date(1899, 12, 30)
        return (epoch + _dt.timedelta(days=int(value))).isoformat()
    text = _text(summary, ROW_DATE, 1, file).strip()
    if text:
        try:
            if not _DATE.fullmatch(text):  # a calendar date: fromisoformat also takes 20260101, 2026-W01-1
                raise ValueError
            _dt.date.fromisoformat(text)
        except ValueError:
            raise HandbookError(file, place, f'"{_brief(text)}" is not a date',
                                "write the date as YYYY-MM-DD, e.g. 2026-11-26, or leave the cell empty") from None
    return text


@dataclass(frozen=True)
class _Row:
    """What one row of the Answers sheet says about its item."""

    row: int  # 0-based
    sheet: str
    item_id: str
    option_id: str | None
    answer: str  # YES, NO, NA or ""
    reason: str
    note: str
    note_col: int

    @property
    def unit_id(self) -> str:
        return self.item_id + (f"/{self.option_id}" if self.option_id else "")


def _read_rows(sheet: _Sheet, methodology: Methodology, marker: Marker, units: list[Unit],
               headers: tuple[str, ...], note_col: int, file: str,
               elsewhere: dict[str, _Row] | None = None) -> list[_Row]:
    """The rows of the Answers sheet (or of the Off route sheet, whose ids must not repeat those
    of `elsewhere`, the Answers sheet's rows). `headers` are the columns' keys in WORDS: each header
    may be in either language."""
    elsewhere = elsewhere or {}
    for col, key in enumerate(headers):
        found = sheet.get(0, col)
        header = getattr(sheet.words, key)
        if found not in _in_either_language(key):
            raise HandbookError(file, sheet.name_of(0, col), f'expected the column "{header}" here, found '
                                f"{_quote(found)}: the columns were moved, renamed or removed", UNDO)
    seen: dict[str, int] = {}
    rows = []
    for row in sorted({r for r, _ in sheet.cells if r > 0}):
        unit_id = _text(sheet, row, COL_ID, file).strip()
        if not unit_id:
            raise HandbookError(file, sheet.name_of(row, COL_ID), "this row has no item id",
                                "the Item id column must stay as exported (rows are matched by it): " + UNDO)
        if unit_id in seen:
            raise HandbookError(file, sheet.name_of(row, COL_ID), f'the item id "{_brief(unit_id)}" is also in '
                                f"{sheet.name_of(seen[unit_id], COL_ID)}: a row was copied or an id edited",
                                "keep one row per item id: " + UNDO)
        if unit_id in elsewhere:
            raise HandbookError(file, sheet.name_of(row, COL_ID), f'the item id "{_brief(unit_id)}" is also in '
                                f"{cell_name(elsewhere[unit_id].sheet, elsewhere[unit_id].row, COL_ID)}: "
                                "a row was copied or an id edited", "keep one row per item id: " + UNDO)
        seen[unit_id] = row
        item_id, _, option_id = unit_id.partition("/")
        scored = _check_unit(sheet, row, methodology, item_id, option_id or None, file)
        found = _Row(row, sheet.name, item_id, option_id or None, _answer(sheet, row, file),
                     _text(sheet, row, COL_REASON, file), _text(sheet, row, note_col, file, MAX_NOTE_TEXT), note_col)
        if not scored and (found.answer or found.reason.strip()):
            col = COL_ANSWER if found.answer else COL_REASON
            raise HandbookError(file, sheet.name_of(row, col), f"the question {item_id} chooses a path (the "
                                "route or the ML task type) and takes no answer or reason here, only a note",
                                "empty this cell (the route is the one the workbook was exported for; the ML "
                                "task type is chosen on the Summary)")
        rows.append(found)
    if marker.rows == fingerprint(units):  # made from this edition: no row may be missing
        missing = [u.unit_id for u in units if u.unit_id not in seen]
        if missing:
            raise HandbookError(file, f"sheet {sheet.name}", f'the row of "{missing[0]}" is missing'
                                + (f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""),
                                "put the deleted rows back: " + UNDO)
    return rows


def _check_unit(sheet: _Sheet, row: int, methodology: Methodology, item_id: str,
                option_id: str | None, file: str) -> bool:
    """The id names a scored item (or one of its options), or an item since retired: True; or,
    on the Off route sheet, a question that chooses a path (it may carry a note): False."""
    item = methodology.find(item_id)
    if methodology.retired_item(item_id) is not None:
        return True
    if isinstance(item, Item) and item.scored:
        if option_id is None and item.kind == YES_NO:
            return True
        if option_id is not None and item.kind != YES_NO and item.option(option_id) is not None:
            return True
    if isinstance(item, Item) and not item.scored and option_id is None and sheet.key == "off_route":
        return False
    unit_id = item_id + (f"/{option_id}" if option_id else "")
    raise HandbookError(file, sheet.name_of(row, COL_ID), f'"{_brief(unit_id)}" is not an item id of this methodology',
                        "the Item id column must stay as exported (rows are matched by it): " + UNDO)


def _answer(sheet: _Sheet, row: int, file: str) -> str:
    value = sheet.get(row, COL_ANSWER)
    if value is None:
        return ""
    word = _ANSWER_WORDS.get(" ".join(value.split()).casefold()) if isinstance(value, str) else None
    if word is None:
        w = sheet.words
        raise HandbookError(file, sheet.name_of(row, COL_ANSWER), f'"{_brief(_shown(value))}" is not an answer',
                            f"choose {w.yes}, {w.no} or {w.na} from the cell's drop-down (for {w.na}, the reason "
                            f"in {sheet.name_of(row, COL_REASON)}), or empty the cell if not answered yet")
    return word


def _assemble(rows: list[_Row], methodology: Methodology, file: str) -> dict[str, dict[str, Any]]:
    """The answers, reasons and notes of the items, from their rows."""
    by_item: dict[str, list[_Row]] = {}
    for row in rows:
        by_item.setdefault(row.item_id, []).append(row)
    answers: dict[str, Any] = {}
    not_applicable: dict[str, str] = {}
    notes: dict[str, str] = {}
    for item_id, item_rows in by_item.items():
        multiple = item_rows[0].option_id is not None
        marked = [r for r in item_rows if r.answer == NA]
        answered = [r for r in item_rows if r.answer in (YES, NO)]
        if marked and answered:
            raise HandbookError(file, _cell(answered[0], COL_ANSWER), f"the item {item_id} is marked {NA} in "
                                f"{_cell(marked[0], COL_ANSWER)} but answered here; an item is not applicable "
                                "as a whole", f"either mark it {NA} (its other rows {NA} or empty, with the reason "
                                f"beside), or answer its rows {YES} or {NO} only")
        reason = _one_text(item_rows, COL_REASON, "reasons", file)
        if marked:
            if not reason.strip():
                raise HandbookError(file, _cell(marked[0], COL_REASON), f"the item {item_id} is marked {NA} "
                                    "without a reason", "write why the item does not apply to this project "
                                    f"in this cell, or choose another answer in {_cell(marked[0], COL_ANSWER)}")
            problem = reason_problem(reason)
            if problem is not None:
                given = next(r for r in item_rows if r.reason == reason)
                raise HandbookError(file, _cell(given, COL_REASON), f"the item {item_id} is marked {NA} with a "
                                    f"reason that does not say why it does not apply: {problem} (the sheet counts "
                                    f"it as {NO})", f"{REASON_RULE}: write one in this cell, or choose another "
                                    f"answer in {_cell(marked[0], COL_ANSWER)}")
            not_applicable[item_id] = reason
        elif answered:
            if reason.strip():
                # Kept nowhere else (an answered item has no reason), so refused rather than dropped.
                given = next(r for r in item_rows if r.reason.strip())
                raise HandbookError(file, _cell(given, COL_REASON), f"a reason for {NA} is given but the item "
                                    f"{item_id} is answered {answered[0].answer} in {_cell(answered[0], COL_ANSWER)}; "
                                    f"only an {NA} keeps a reason", f"choose {NA} in {_cell(answered[0], COL_ANSWER)} "
                                    f"if the item does not apply, or move the text to the note in "
                                    f"{_cell(given, given.note_col)}, or empty this cell")
            item = methodology.find(item_id)
            order = {o.id: n for n, o in enumerate(item.options)} if isinstance(item, Item) else {}
            answers[item_id] = (sorted((r.option_id for r in item_rows if r.answer == YES),
                                       key=lambda o: order.get(o, len(order))) if multiple
                                else answered[0].answer == YES)
        elif reason.strip():
            given = next(r for r in item_rows if r.reason.strip())
            raise HandbookError(file, _cell(given, COL_REASON), f"a reason is given but the item {item_id} "
                                f"is not marked {NA}", f"choose {NA} in {_cell(given, COL_ANSWER)}, or empty "
                                "the reason")
        note = _one_text(item_rows, COL_NOTE, "notes", file)
        if note:
            notes[item_id] = note
    return {"answers": answers, "not_applicable": not_applicable, "notes": notes}


def _cell(row: _Row, col: int) -> str:
    return cell_name(row.sheet, row.row, col)


def _one_text(rows: list[_Row], col: int, what: str, file: str) -> str:
    """An item's reason or note: the rows of a multiple-choice item may repeat it, not differ."""
    texts = [(r, r.reason if col == COL_REASON else r.note) for r in rows]
    col_of = (lambda r: COL_REASON) if col == COL_REASON else (lambda r: r.note_col)
    given = [(r, t) for r, t in texts if t]
    for row, text in given[1:]:
        if text != given[0][1]:
            raise HandbookError(file, _cell(row, col_of(row)), f"the rows of the item {row.item_id} give different "
                                f"{what} here and in {_cell(given[0][0], col_of(given[0][0]))}; an item has one",
                                f"make them the same, or empty all but one")
    return given[0][1] if given else ""
