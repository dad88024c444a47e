"""A filled-in score workbook read back into answers, matched by item id, never by text.

The workbook is one that `spreadsheet.workbook_bytes` wrote, as saved again by Excel or
LibreOffice after someone filled it in: the Answers sheet's Answer, Reason and Note columns, and
the Summary's project, assessor, date and ML task type. It may be in English or in Spanish
(workbook_layout.WORDS): its sheets, headers and labels are found under either language's names,
and an Answer cell may say Yes, Sí (or Si), No, N/A or No aplica, in any case, whatever the
workbook's language or the methodology's. The messages are in the methodology's language (MESSAGES:
the reader's, `--lang` or the page's) and name the workbook's own sheets and words. It is read with the standard library
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

from .answers import FORMAT, MAX_NOTE_TEXT, MAX_TEXT, VERSION, Answers, from_json_data, reason_problem
from .errors import HandbookError
from .languages import ENGLISH, LANGUAGES, SPANISH
from .model import YES_NO, Item, Methodology
from .workbook_layout import (
    ANSWER_WORDS, Words, reason_rule, COL_ANSWER, COL_ID, COL_NOTE, COL_REASON, DETAIL_KEYS, DETAILS_FIRST_ROW, EN, HEADERS,
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
# The import's messages, one table per language with the same keys, in the methodology's language (the
# language the reader chose: `--lang`, or the page's). A text with {fields} is filled in with str.format;
# {again}, {ours} and {undo} are the common fixes below. Numbers are written by _number.
MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        "again": EXPORT_AGAIN, "ours": OURS, "undo": "undo the change, so that the sheet is as exported, or {again}",
        "not_a_file": "this is not a file", "not_a_file_fix": "name the .xlsx file to import",
        "no_such_file": "no such file", "no_such_file_fix": "check the path",
        "cannot_read": "cannot be read ({reason})", "cannot_read_fix": "check the path and the file's permissions",
        "too_big": "the file is {size} bytes; a score workbook is far smaller and at most {limit} are read",
        "too_big_fix": "check the file, or {again}",
        "not_xlsx": "this is not an .xlsx workbook (an .xlsx is a zip file)",
        "no_workbook_part": "this zip file is not a spreadsheet (it has no workbook part)",
        "damaged": "the workbook is damaged or not a spreadsheet ({problem})",
        "damaged_fix": "save it again as .xlsx (Excel workbook), or {again}",
        "d_zip": "its zip structure cannot be read", "d_parts": "it holds more than {count} parts",
        "d_part_size": "the part {name} would be {size} bytes once unpacked",
        "d_unpack": "the part {name} cannot be unpacked: {error}",
        "d_part_over": "the part {name} unpacks to more than {count} bytes",
        "d_doctype": "the part {name} declares a document type", "d_refused": "the part {name} {refused}",
        "r_doctype": "declares a document type", "r_entity": "declares an entity",
        "r_deep": "nests elements more than {depth} deep",
        "d_xml": "the part {name} is not well-formed XML: {error}",
        "d_row": "a row of the sheet {name} is numbered {number}", "d_digits": " ({count} digits)",
        "d_shared": "a cell of {ref} names a missing shared string", "d_number": "the cell {ref} holds the number {text}",
        "no_sheet": 'there is no sheet named "{name}" (the sheets are {found})',
        "no_sheet_fix": 'rename the sheet back to "{name}", or {again}',
        "too_many_rows": "the sheet has more than {count} rows",
        "too_many_rows_fix": "remove the rows below the table, or {again}",
        "surrogate": "the cell's text holds a character that no file can store (a lone UTF-16 surrogate, written in "
                     "the file as an escape such as _xD800_)",
        "surrogate_fix": "retype the text in the cell",
        "cell_error": "the cell shows the error {value}", "cell_error_fix": "type the text in the cell instead of a formula",
        "too_long": "the text has {length} characters, over {limit}",
        "too_long_fix": "shorten it and keep longer documents elsewhere, linked from the cell",
        "not_ours": "this workbook was not exported by the MLOps handbook (it lacks the workbook-level name {marker} "
                    "that marks the handbook's score workbook)",
        "newer": "the workbook is of version {version}, newer than the version {ours_version} this release of "
                 "mlops-handbook reads",
        "newer_fix": "import it with a newer release of the handbook",
        "unknown_route": 'the workbook was made for the route "{route}", which this methodology does not have',
        "empty_cell": "an empty cell",
        "label": 'expected the label "{label}" here, found {found}: the details block was moved or edited',
        "task_type": '"{value}" is not an ML task type',
        "task_type_fix": "choose one from the cell's drop-down: {titles}, or {not_chosen}",
        "date": '"{value}" is not a date',
        "date_fix": "write the date as YYYY-MM-DD, e.g. 2026-11-26, or leave the cell empty",
        "column": 'expected the column "{header}" here, found {found}: the columns were moved, renamed or removed',
        "no_id": "this row has no item id",
        "keep_ids": "the Item id column must stay as exported (rows are matched by it): {undo}",
        "duplicate": 'the item id "{id}" is also in {other}: a row was copied or an id edited',
        "duplicate_fix": "keep one row per item id: {undo}",
        "path_question": "the question {item} chooses a path (the route or the ML task type) and takes no answer or "
                         "reason here, only a note",
        "path_question_fix": "empty this cell (the route is the one the workbook was exported for; the ML task type "
                             "is chosen on the Summary)",
        "missing_row": 'the row of "{id}" is missing', "missing_more": " (and {count} more)",
        "missing_row_fix": "put the deleted rows back: {undo}",
        "unknown_id": '"{id}" is not an item id of this methodology',
        "not_answer": '"{value}" is not an answer',
        "not_answer_fix": "choose {yes}, {no} or {na} from the cell's drop-down (for {na}, the reason in {reason_cell}), "
                          "or empty the cell if not answered yet",
        "mixed": "the item {item} is marked {na} in {cell} but answered here; an item is not applicable as a whole",
        "mixed_fix": "either mark it {na} (its other rows {na} or empty, with the reason beside), or answer its rows "
                     "{yes} or {no} only",
        "no_reason": "the item {item} is marked {na} without a reason",
        "no_reason_fix": "write why the item does not apply to this project in this cell, or choose another answer "
                         "in {cell}",
        "bad_reason": "the item {item} is marked {na} with a reason that does not say why it does not apply: "
                      "{problem} (the sheet counts it as {no})",
        "bad_reason_fix": "{rule}: write one in this cell, or choose another answer in {cell}",
        "reason_beside": "a reason for {na} is given but the item {item} is answered {answer} in {cell}; only an {na} "
                         "keeps a reason",
        "reason_beside_fix": "choose {na} in {cell} if the item does not apply, or move the text to the note in "
                             "{note_cell}, or empty this cell",
        "reason_alone": "a reason is given but the item {item} is not marked {na}",
        "reason_alone_fix": "choose {na} in {cell}, or empty the reason",
        "different": "the rows of the item {item} give different {what} here and in {other}; an item has one",
        "different_fix": "make them the same, or empty all but one", "reasons": "reasons", "notes": "notes",
    },
    "es": {
        "again": "exporte el libro de nuevo (página del puntaje, o `mlops-handbook export`) y diligencie esa copia",
        "ours": "importe el libro de puntaje (.xlsx) que exportó el manual y que se diligenció",
        "undo": "deshaga el cambio, para que la hoja quede como se exportó, o {again}",
        "not_a_file": "esto no es un archivo", "not_a_file_fix": "indique el archivo .xlsx que quiere importar",
        "no_such_file": "el archivo no existe", "no_such_file_fix": "revise la ubicación del archivo",
        "cannot_read": "no se puede leer ({reason})", "cannot_read_fix": "revise la ubicación del archivo y sus permisos",
        "too_big": "el archivo tiene {size} bytes; un libro de puntaje es mucho más pequeño y se leen como máximo {limit}",
        "too_big_fix": "revise el archivo, o {again}",
        "not_xlsx": "esto no es un libro .xlsx (un .xlsx es un archivo zip)",
        "no_workbook_part": "este archivo zip no es una hoja de cálculo (no tiene la parte del libro)",
        "damaged": "el libro está dañado o no es una hoja de cálculo ({problem})",
        "damaged_fix": "guárdelo de nuevo como .xlsx (libro de Excel), o {again}",
        "d_zip": "no se puede leer su estructura zip", "d_parts": "tiene más de {count} partes",
        "d_part_size": "la parte {name} ocuparía {size} bytes al descomprimirla",
        "d_unpack": "la parte {name} no se puede descomprimir: {error}",
        "d_part_over": "la parte {name} ocupa más de {count} bytes al descomprimirla",
        "d_doctype": "la parte {name} declara un tipo de documento", "d_refused": "la parte {name} {refused}",
        "r_doctype": "declara un tipo de documento", "r_entity": "declara una entidad",
        "r_deep": "anida elementos a más de {depth} niveles",
        "d_xml": "la parte {name} no es XML bien formado: {error}",
        "d_row": "una fila de la hoja {name} tiene el número {number}", "d_digits": " ({count} dígitos)",
        "d_shared": "una celda de {ref} remite a una cadena compartida que no existe",
        "d_number": "la celda {ref} contiene el número {text}",
        "no_sheet": 'no hay ninguna hoja llamada "{name}" (las hojas son {found})',
        "no_sheet_fix": 'devuélvale a la hoja el nombre "{name}", o {again}',
        "too_many_rows": "la hoja tiene más de {count} filas",
        "too_many_rows_fix": "borre las filas que hay debajo de la tabla, o {again}",
        "surrogate": "el texto de la celda tiene un carácter que ningún archivo puede guardar (un sustituto UTF-16 "
                     "suelto, escrito en el archivo como un escape del tipo _xD800_)",
        "surrogate_fix": "vuelva a escribir el texto de la celda",
        "cell_error": "la celda muestra el error {value}", "cell_error_fix": "escriba el texto en la celda en lugar de una fórmula",
        "too_long": "el texto tiene {length} caracteres, más de {limit}",
        "too_long_fix": "acórtelo y guarde los documentos más largos en otro lugar, con un enlace desde la celda",
        "not_ours": "este libro no lo exportó el manual de MLOps (le falta el nombre de libro {marker}, que marca el "
                    "libro de puntaje del manual)",
        "newer": "el libro es de la versión {version}, más reciente que la versión {ours_version} que lee esta versión "
                 "de mlops-handbook",
        "newer_fix": "impórtelo con una versión más reciente del manual",
        "unknown_route": 'el libro se hizo para la ruta "{route}", que esta metodología no tiene',
        "empty_cell": "una celda vacía",
        "label": 'aquí se esperaba la etiqueta "{label}" y se encontró {found}: el bloque de datos se movió o se editó',
        "task_type": '"{value}" no es un tipo de tarea de ML',
        "task_type_fix": "elija uno de la lista desplegable de la celda: {titles}, o {not_chosen}",
        "date": '"{value}" no es una fecha',
        "date_fix": "escriba la fecha como AAAA-MM-DD, p. ej. 2026-11-26, o deje la celda vacía",
        "column": 'aquí se esperaba la columna "{header}" y se encontró {found}: las columnas se movieron, se '
                  "renombraron o se borraron",
        "no_id": "esta fila no tiene id del ítem",
        "keep_ids": "la columna Id del ítem debe quedar como se exportó (las filas se emparejan por ella): {undo}",
        "duplicate": 'el id del ítem "{id}" también está en {other}: se copió una fila o se editó un id',
        "duplicate_fix": "deje una sola fila por id del ítem: {undo}",
        "path_question": "la pregunta {item} elige un camino (la ruta o el tipo de tarea de ML) y aquí no lleva "
                         "respuesta ni motivo, solo una nota",
        "path_question_fix": "vacíe esta celda (la ruta es aquella para la que se exportó el libro; el tipo de tarea de "
                             "ML se elige en la hoja Resumen)",
        "missing_row": 'falta la fila de "{id}"', "missing_more": " (y {count} más)",
        "missing_row_fix": "vuelva a poner las filas borradas: {undo}",
        "unknown_id": '"{id}" no es un id de ítem de esta metodología',
        "not_answer": '"{value}" no es una respuesta',
        "not_answer_fix": "elija {yes}, {no} o {na} en la lista desplegable de la celda (para {na}, el motivo va en "
                          "{reason_cell}), o vacíe la celda si aún no la ha respondido",
        "mixed": "el ítem {item} está marcado «{na}» en {cell} pero aquí está respondido; un ítem no aplica como un todo",
        "mixed_fix": "márquelo «{na}» (sus otras filas «{na}» o vacías, con el motivo al lado), o responda sus filas "
                     "solo «{yes}» o «{no}»",
        "no_reason": "el ítem {item} está marcado «{na}» sin motivo",
        "no_reason_fix": "escriba en esta celda por qué el ítem no aplica a este proyecto, o elija otra respuesta en "
                         "{cell}",
        "bad_reason": "el ítem {item} está marcado «{na}» con un motivo que no dice por qué no aplica: {problem} (la "
                      "hoja lo cuenta como «{no}»)",
        "bad_reason_fix": "{rule}: escriba uno en esta celda, o elija otra respuesta en {cell}",
        "reason_beside": "se da un motivo para «{na}» pero el ítem {item} está respondido «{answer}» en {cell}; solo "
                         "un «{na}» lleva motivo",
        "reason_beside_fix": "elija «{na}» en {cell} si el ítem no aplica, o pase el texto a la nota en {note_cell}, "
                             "o vacíe esta celda",
        "reason_alone": "se da un motivo pero el ítem {item} no está marcado «{na}»",
        "reason_alone_fix": "elija «{na}» en {cell}, o vacíe el motivo",
        "different": "las filas del ítem {item} dan {what} que no coinciden aquí y en {other}; un ítem tiene uno solo",
        "different_fix": "escriba el mismo texto en todas, o vacíe todas las celdas menos una",
        "reasons": "motivos", "notes": "notas",
    },
}
assert all(MESSAGES[language].keys() == MESSAGES["en"].keys() for language in MESSAGES)


def _number(count: int, language: str) -> str:
    """A count with its thousands marked: 10,000,000 in English, 10.000.000 in Spanish."""
    text = f"{count:,}"
    return text.replace(",", ".") if language == SPANISH else text


def _say(language: str, key: str, **fields: Any) -> str:
    """The message of this key in the language (English for a language without messages), filled in."""
    table = MESSAGES.get(language, MESSAGES["en"])
    again = table["again"]
    common = {"again": again, "ours": table["ours"], "undo": table["undo"].format(again=again)}
    return table[key].format(**{**common, **fields})


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
    book = _Book(bytes(data), file, methodology.language)
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
                **_assemble(found, methodology, file, book.words)}
    return from_json_data(document, methodology, file)


def read_file(path: str | os.PathLike[str], methodology: Methodology, file: str | None = None) -> Answers:
    """Read a workbook from disk (a regular file, its size checked first) and import it."""
    name = os.fspath(path) if file is None else file
    language = methodology.language
    try:
        info = os.stat(path)
        if not stat.S_ISREG(info.st_mode):
            raise HandbookError(name, "", _say(language, "not_a_file"), _say(language, "not_a_file_fix"))
        if info.st_size > MAX_WORKBOOK_BYTES:
            raise _too_big(name, info.st_size, language)
        with open(path, "rb") as handle:
            data = handle.read(MAX_WORKBOOK_BYTES + 1)
    except FileNotFoundError:
        raise HandbookError(name, "", _say(language, "no_such_file"), _say(language, "no_such_file_fix")) from None
    except OSError as error:
        raise HandbookError(name, "", _say(language, "cannot_read", reason=error.strerror or error),
                            _say(language, "cannot_read_fix")) from None
    return answers_from_workbook(data, methodology, name)


def _too_big(file: str, size: int, language: str) -> HandbookError:
    return HandbookError(file, "", _say(language, "too_big", size=_number(size, language),
                                        limit=_number(MAX_WORKBOOK_BYTES, language)), _say(language, "too_big_fix"))


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
    """Raised from an expat handler: what the part holds that the import does not read (its message in
    English; `key` names it in MESSAGES)."""

    def __init__(self, key: str) -> None:
        super().__init__(_say(ENGLISH, key, depth=MAX_DEPTH))
        self.key = key


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
        raise _Refused("r_doctype")

    def refuse_entity(*_args: Any) -> None:
        raise _Refused("r_entity")

    def start(tag: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > MAX_DEPTH:
            raise _Refused("r_deep")
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

    def __init__(self, data: bytes, file: str, language: str = ENGLISH) -> None:
        self.file = file
        self.language = language  # of the messages: the methodology's (the workbook's may be another)
        if len(data) > MAX_WORKBOOK_BYTES:
            raise _too_big(file, len(data), language)
        if not is_workbook(data):
            raise HandbookError(file, "", _say(language, "not_xlsx"), _say(language, "ours"))
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(data))
        except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, EOFError,
                NotImplementedError):
            raise self._damaged(self._say("d_zip")) from None
        if len(self.archive.infolist()) > MAX_PARTS:
            raise self._damaged(self._say("d_parts", count=_number(MAX_PARTS, language)))
        workbook_path = self._office_document()
        workbook = self._xml(workbook_path)
        if workbook is None:
            raise HandbookError(file, "", _say(language, "no_workbook_part"), _say(language, "ours"))
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

    def _say(self, key: str, **fields: Any) -> str:
        return _say(self.language, key, **fields)

    def _damaged(self, problem: str) -> HandbookError:
        return HandbookError(self.file, "", self._say("damaged", problem=problem), self._say("damaged_fix"))

    def _part(self, name: str) -> bytes | None:
        try:
            info = self.archive.getinfo(name)
        except KeyError:
            return None
        if info.file_size > MAX_PART_BYTES:
            raise self._damaged(self._say("d_part_size", name=name, size=_number(info.file_size, self.language)))
        try:
            with self.archive.open(info) as handle:
                raw = handle.read(MAX_PART_BYTES + 1)
        except (zipfile.BadZipFile, zlib.error, NotImplementedError, RuntimeError, EOFError,
                OSError, ValueError) as error:
            raise self._damaged(self._say("d_unpack", name=name, error=error)) from None
        if len(raw) > MAX_PART_BYTES:
            raise self._damaged(self._say("d_part_over", name=name, count=_number(MAX_PART_BYTES, self.language)))
        return raw

    def _xml(self, name: str) -> ET.Element | None:
        raw = self._part(name)
        if raw is None:
            return None
        if b"<!DOCTYPE" in raw or b"<!ENTITY" in raw:  # a spreadsheet part has neither
            raise self._damaged(self._say("d_doctype", name=_brief(name)))
        try:
            return parse_xml(raw)
        except _Refused as refused:  # the same test after decoding, in any encoding
            raise self._damaged(self._say("d_refused", name=_brief(name),
                                          refused=self._say(refused.key, depth=MAX_DEPTH))) from None
        except (expat.ExpatError, ET.ParseError, LookupError, ValueError) as error:
            raise self._damaged(self._say("d_xml", name=_brief(name), error=_brief(str(error)))) from None

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
            raise HandbookError(self.file, f"sheet {name}", self._say("no_sheet", name=name, found=_brief(found)),
                                self._say("no_sheet_fix", name=name))
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
        self.words = book.words  # the workbook's words
        self.language = book.language  # the messages' language
        self.cells: dict[tuple[int, int], Any] = {}
        for data in _children(root, "sheetData"):
            row_number = -1
            for row in _children(data, "row"):
                number = row.get("r", str(row_number + 2))
                if not (number.isascii() and number.isdigit()) or len(number) > MAX_INDEX_DIGITS:
                    raise book._damaged(book._say("d_row", name=name, number=repr(_brief(number[:20])))
                                        + (book._say("d_digits", count=_number(len(number), book.language))
                                           if len(number) > 20 else ""))
                row_number = int(number) - 1
                if row_number >= MAX_ROWS:
                    raise HandbookError(book.file, f"sheet {name}",
                                        book._say("too_many_rows", count=_number(MAX_ROWS, book.language)),
                                        book._say("too_many_rows_fix"))
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
                raise HandbookError(book.file, cell_name(self.name, row_number, col), book._say("surrogate"),
                                    book._say("surrogate_fix"))
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
                raise book._damaged(book._say("d_shared", ref=_brief(cell.get('r', '?'))))
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
            raise book._damaged(book._say("d_number", ref=_brief(cell.get('r', '?')),
                                          text=repr(_brief(text[:20])))) from None

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
        raise HandbookError(file, sheet.name_of(row, col), _say(sheet.language, "cell_error", value=value),
                            _say(sheet.language, "cell_error_fix"))
    text = _shown(value)
    if len(text) > limit:
        raise HandbookError(file, sheet.name_of(row, col),
                            _say(sheet.language, "too_long", length=_number(len(text), sheet.language),
                                 limit=_number(limit, sheet.language)), _say(sheet.language, "too_long_fix"))
    return text


def _marker(book: _Book, methodology: Methodology, file: str) -> Marker:
    raw = book.names.get(MARKER_NAME)
    marker = parse_marker(raw.lstrip("=").strip().strip('"')) if raw is not None else None
    if marker is None or marker.format != MARKER_FORMAT:
        raise HandbookError(file, "", book._say("not_ours", marker=MARKER_NAME), book._say("again"))
    if marker.version > MARKER_VERSION:
        raise HandbookError(file, f"name {MARKER_NAME}", book._say("newer", version=marker.version,
                                                                    ours_version=MARKER_VERSION), book._say("newer_fix"))
    if methodology.route(marker.route) is None:
        raise HandbookError(file, f"name {MARKER_NAME}", book._say("unknown_route", route=_brief(marker.route)),
                            book._say("again"))
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
                                _say(summary.language, "label", label=label, found=_quote(found, summary.language)),
                                _say(summary.language, "undo"))
    task_type = None
    if methodology.route_uses_task_type(route):
        task_type = _task_type(summary, methodology, file)
    return {"project": _text(summary, ROW_PROJECT, 1, file),
            "assessor": _text(summary, ROW_ASSESSOR, 1, file),
            "date": _date(summary, date1904, file), "task_type": task_type}


def _quote(value: Any, language: str) -> str:
    return _say(language, "empty_cell") if value is None else f'"{_brief(_shown(value))}"'


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
    raise HandbookError(file, summary.name_of(ROW_TASK_TYPE, 1), _say(summary.language, "task_type", value=_brief(_shown(value))),
                        _say(summary.language, "task_type_fix", titles=titles, not_chosen=summary.words.not_chosen))


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
            raise HandbookError(file, place, _say(summary.language, "date", value=_brief(text)),
                                _say(summary.language, "date_fix")) from None
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
            raise HandbookError(file, sheet.name_of(0, col), _say(sheet.language, "column", header=header,
                                                                   found=_quote(found, sheet.language)),
                                _say(sheet.language, "undo"))
    seen: dict[str, int] = {}
    rows = []
    for row in sorted({r for r, _ in sheet.cells if r > 0}):
        unit_id = _text(sheet, row, COL_ID, file).strip()
        if not unit_id:
            raise HandbookError(file, sheet.name_of(row, COL_ID), _say(sheet.language, "no_id"),
                                _say(sheet.language, "keep_ids"))
        if unit_id in seen:
            raise HandbookError(file, sheet.name_of(row, COL_ID),
                                _say(sheet.language, "duplicate", id=_brief(unit_id), other=sheet.name_of(seen[unit_id], COL_ID)),
                                _say(sheet.language, "duplicate_fix"))
        if unit_id in elsewhere:
            other = cell_name(elsewhere[unit_id].sheet, elsewhere[unit_id].row, COL_ID)
            raise HandbookError(file, sheet.name_of(row, COL_ID),
                                _say(sheet.language, "duplicate", id=_brief(unit_id), other=other),
                                _say(sheet.language, "duplicate_fix"))
        seen[unit_id] = row
        item_id, _, option_id = unit_id.partition("/")
        scored = _check_unit(sheet, row, methodology, item_id, option_id or None, file)
        found = _Row(row, sheet.name, item_id, option_id or None, _answer(sheet, row, file),
                     _text(sheet, row, COL_REASON, file), _text(sheet, row, note_col, file, MAX_NOTE_TEXT), note_col)
        if not scored and (found.answer or found.reason.strip()):
            col = COL_ANSWER if found.answer else COL_REASON
            raise HandbookError(file, sheet.name_of(row, col), _say(sheet.language, "path_question", item=item_id),
                                _say(sheet.language, "path_question_fix"))
        rows.append(found)
    if marker.rows == fingerprint(units):  # made from this edition: no row may be missing
        missing = [u.unit_id for u in units if u.unit_id not in seen]
        if missing:
            raise HandbookError(file, f"sheet {sheet.name}", _say(sheet.language, "missing_row", id=missing[0])
                                + (_say(sheet.language, "missing_more", count=len(missing) - 1) if len(missing) > 1 else ""),
                                _say(sheet.language, "missing_row_fix"))
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
    raise HandbookError(file, sheet.name_of(row, COL_ID), _say(sheet.language, "unknown_id", id=_brief(unit_id)),
                        _say(sheet.language, "keep_ids"))


def _answer(sheet: _Sheet, row: int, file: str) -> str:
    value = sheet.get(row, COL_ANSWER)
    if value is None:
        return ""
    word = _ANSWER_WORDS.get(" ".join(value.split()).casefold()) if isinstance(value, str) else None
    if word is None:
        w = sheet.words
        raise HandbookError(file, sheet.name_of(row, COL_ANSWER), _say(sheet.language, "not_answer", value=_brief(_shown(value))),
                            _say(sheet.language, "not_answer_fix", yes=w.yes, no=w.no, na=w.na,
                                 reason_cell=sheet.name_of(row, COL_REASON)))
    return word


def _assemble(rows: list[_Row], methodology: Methodology, file: str, w: Words = EN) -> dict[str, dict[str, Any]]:
    """The answers, reasons and notes of the items, from their rows; the messages in the methodology's
    language, naming the answers in the workbook's words `w`."""
    language = methodology.language

    def say(key: str, **fields: Any) -> str:
        return _say(language, key, yes=w.yes, no=w.no, na=w.na, **fields)

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
            raise HandbookError(file, _cell(answered[0], COL_ANSWER),
                                say("mixed", item=item_id, cell=_cell(marked[0], COL_ANSWER)), say("mixed_fix"))
        reason = _one_text(item_rows, COL_REASON, "reasons", file, language)
        if marked:
            if not reason.strip():
                raise HandbookError(file, _cell(marked[0], COL_REASON), say("no_reason", item=item_id),
                                    say("no_reason_fix", cell=_cell(marked[0], COL_ANSWER)))
            problem = reason_problem(reason)
            if problem is not None:
                given = next(r for r in item_rows if r.reason == reason)
                raise HandbookError(file, _cell(given, COL_REASON), say("bad_reason", item=item_id, problem=problem),
                                    say("bad_reason_fix", rule=reason_rule(words(language)),
                                        cell=_cell(marked[0], COL_ANSWER)))
            not_applicable[item_id] = reason
        elif answered:
            if reason.strip():
                # Kept nowhere else (an answered item has no reason), so refused rather than dropped.
                given = next(r for r in item_rows if r.reason.strip())
                answer = w.yes if answered[0].answer == YES else w.no
                raise HandbookError(file, _cell(given, COL_REASON),
                                    say("reason_beside", item=item_id, answer=answer, cell=_cell(answered[0], COL_ANSWER)),
                                    say("reason_beside_fix", cell=_cell(answered[0], COL_ANSWER),
                                        note_cell=_cell(given, given.note_col)))
            item = methodology.find(item_id)
            order = {o.id: n for n, o in enumerate(item.options)} if isinstance(item, Item) else {}
            answers[item_id] = (sorted((r.option_id for r in item_rows if r.answer == YES),
                                       key=lambda o: order.get(o, len(order))) if multiple
                                else answered[0].answer == YES)
        elif reason.strip():
            given = next(r for r in item_rows if r.reason.strip())
            raise HandbookError(file, _cell(given, COL_REASON), say("reason_alone", item=item_id),
                                say("reason_alone_fix", cell=_cell(given, COL_ANSWER)))
        note = _one_text(item_rows, COL_NOTE, "notes", file, language)
        if note:
            notes[item_id] = note
    return {"answers": answers, "not_applicable": not_applicable, "notes": notes}


def _cell(row: _Row, col: int) -> str:
    return cell_name(row.sheet, row.row, col)


def _one_text(rows: list[_Row], col: int, what: str, file: str, language: str = ENGLISH) -> str:
    """An item's reason or note (`what`: "reasons" or "notes"): the rows of a multiple-choice item may
    repeat it, not differ."""
    texts = [(r, r.reason if col == COL_REASON else r.note) for r in rows]
    col_of = (lambda r: COL_REASON) if col == COL_REASON else (lambda r: r.note_col)
    given = [(r, t) for r, t in texts if t]
    for row, text in given[1:]:
        if text != given[0][1]:
            raise HandbookError(file, _cell(row, col_of(row)),
                                _say(language, "different", item=row.item_id, what=_say(language, what),
                                     other=_cell(given[0][0], col_of(given[0][0]))),
                                _say(language, "different_fix"))
    return given[0][1] if given else ""
