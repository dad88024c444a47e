"""Reads the checklists folder: the only code that reads YAML. CPython only (PyYAML, jsonschema).

The browser never calls this: it receives `load_raw(...)` as JSON and calls `build_methodology`.
"""

from __future__ import annotations

import datetime as _dt
import errno
import functools
import hashlib
import json
import os
import re
import stat
from pathlib import Path
from typing import Any

from .errors import HandbookError
from .languages import SOURCES_KEY
from .messages import N_, format_number, t
from .model import Methodology, build_methodology

STAGE_FILE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.yaml$")
MAX_FILE_BYTES = 1_000_000
# A stage file nests about 7 deep (stage, subphases, item, options, routes) and holds a few
# thousand values; these bounds refuse anything far beyond before it reaches the schema check.
MAX_YAML_DEPTH = 32
MAX_YAML_NODES = 200_000
PACKAGED_JSON = "methodology.json"  # written into the wheel at build time (hatch_build.py)
PRACTICES_FILE = "practices.yaml"  # the practice catalogue, beside methodology.yaml


def default_checklists_dir() -> Path:
    """The checklists shipped in the installed package, else those of the source tree."""
    packaged = Path(__file__).with_name("checklists")
    if packaged.is_dir():
        return packaged
    return Path(__file__).resolve().parents[2] / "checklists"


def load_methodology(directory: str | Path | None = None) -> Methodology:
    """Load, validate and build the methodology of a checklists folder (cached per folder).

    With no folder: the methodology shipped in an installed wheel, as JSON (no YAML reader
    needed), else the checklists of the source tree.
    """
    if directory is None:
        packaged = Path(__file__).with_name(PACKAGED_JSON)
        if packaged.is_file():
            return _load_packaged(str(packaged))
        directory = default_checklists_dir()
    return _load_cached(str(Path(directory).resolve()))


def methodology_json(directory: str | Path) -> str:
    """The folder's methodology as the JSON `build_methodology` reads (shipped in the wheel, read by
    the browser): both languages, each element's Spanish in its `es` block as in the YAML.

    The folder passes every check of `load_methodology` first, so no site or wheel ships data
    that the browser would refuse.
    """
    folder = Path(directory).resolve()
    return _methodology_json_cached(str(folder), _contents_digest(folder))


def _contents_digest(folder: Path) -> str:
    """The SHA-256 of the folder's files, names and bytes: what methodology_json is made of."""
    digest = hashlib.sha256()
    for file in sorted(folder.glob("*")):
        if file.is_file():
            digest.update(file.name.encode("utf-8") + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


# A site build asks once per page (Zensical runs the macros' setup for each); the folder's bytes
# are the key, so an edited file is read again.
@functools.lru_cache(maxsize=4)
def _methodology_json_cached(directory: str, contents: str) -> str:
    raw = load_raw(directory)
    _build(raw, directory)
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


@functools.lru_cache(maxsize=1)
def _load_packaged(path: str) -> Methodology:
    return build_methodology(json.loads(Path(path).read_text(encoding="utf-8")))


@functools.lru_cache(maxsize=8)
def _load_cached(directory: str) -> Methodology:
    return _build(load_raw(directory), directory)


def _build(raw: dict[str, Any], directory: str) -> Methodology:
    try:
        return build_methodology(raw)
    except HandbookError as error:  # the cross-checks know a file's name only: name it with its folder
        if not error.file or os.sep in error.file or "/" in error.file:
            raise
        raise HandbookError(str(Path(directory) / error.file), error.place, error.problem, error.fix) from None


def load_raw(directory: str | Path) -> dict[str, Any]:
    """The folder's files, schema-checked, as {"methodology": {...}, "stages": [...], "practices": {...}}."""
    folder = Path(directory)
    if not folder.is_dir():
        raise HandbookError(str(folder), "", t("this checklists folder does not exist"),
                            t("pass the folder that holds methodology.yaml and the NN-<stage>.yaml files"))
    head_path = folder / "methodology.yaml"
    if not os.path.lexists(head_path):
        raise HandbookError(str(folder), "", t("methodology.yaml is missing"),
                            t("restore methodology.yaml (routes, task types, source) in this folder"))
    head = _read_yaml(head_path)
    _validate(head, _schema(folder, "methodology.schema.json"), head_path)
    head["_file"] = head_path.name

    stage_schema = _schema(folder, "schema.json")
    stages = []
    for stage_path in sorted(folder.glob("*.yaml")):
        if stage_path.name in ("methodology.yaml", PRACTICES_FILE):
            continue
        match = STAGE_FILE.match(stage_path.name)
        if not match:
            raise HandbookError(str(stage_path), t("file name"), t("a stage file must be named NN-<stage-id>.yaml"),
                                t('rename it, e.g. "01-business-comprehension.yaml", or move it out of the folder'))
        stage = _read_yaml(stage_path)
        _validate(stage, stage_schema, stage_path)
        if stage["id"] != match.group(2):
            raise HandbookError(str(stage_path), "id", t('the stage id "{id}" differs from the file name', id=stage["id"]),
                                t("name the file {name} or change the id back",
                                  name=f'{match.group(1)}-{stage["id"]}.yaml'))
        stage["_file"] = stage_path.name
        stages.append(stage)
    if not stages:
        raise HandbookError(str(folder), "", t("no stage files (NN-<stage-id>.yaml) were found"),
                            t("add the stage files or point to the right folder"))
    practices_path = folder / PRACTICES_FILE
    if not os.path.lexists(practices_path):
        raise HandbookError(str(folder), "", t("{file} is missing", file=PRACTICES_FILE),
                            t("restore {file} (the practice catalogue that every scored item names) in this folder",
                              file=PRACTICES_FILE))
    practices = _read_yaml(practices_path)
    _validate(practices, _schema(folder, "practices.schema.json"), practices_path)
    practices["_file"] = practices_path.name
    return {"methodology": head, "stages": stages, "practices": practices}


def _read_bytes(path: Path, what: str) -> bytes:
    """A regular file's bytes, at most MAX_FILE_BYTES: checked with os.stat before it is opened.

    `what` is the file's kind in English ("YAML file"), marked N_ where it is named."""
    what = t(what)
    try:
        info = os.stat(path)
    except OSError as error:
        raise HandbookError(str(path), "", _os_problem(error), t("replace it with the {what} itself", what=what)) from None
    if not stat.S_ISREG(info.st_mode):
        if stat.S_ISDIR(info.st_mode):
            problem = t("this is a folder, not a {what}", what=what)
        else:
            problem = t("this is not a regular file (a device, a pipe or a socket), not a {what}", what=what)
        raise HandbookError(str(path), "", problem,
                            t("put the {what} itself here, or move this out of the checklists folder", what=what))
    _check_size(path, info.st_size, what)
    try:
        with open(path, "rb") as handle:
            raw = handle.read(MAX_FILE_BYTES + 1)
    except OSError as error:
        raise HandbookError(str(path), "", _os_problem(error), t("check that the {what} can be read", what=what)) from None
    _check_size(path, len(raw), what)
    return raw


def _os_problem(error: OSError) -> str:
    if error.errno == errno.ELOOP:
        return t("the file is a symbolic link that loops back on itself")
    if error.errno == errno.ENOENT:
        return t("the file is a symbolic link to nothing")
    if error.errno in (errno.EACCES, errno.EPERM):
        return t("the file cannot be read (permission denied)")
    return t("the file cannot be read ({problem})", problem=error.strerror or type(error).__name__)


def _check_size(path: Path, size: int, what: str) -> None:
    if size > MAX_FILE_BYTES:
        raise HandbookError(str(path), "", t("the file is {size} bytes, larger than the {limit} allowed",
                                             size=format_number(size), limit=format_number(MAX_FILE_BYTES)),
                            t("a {what} is a few dozen kilobytes: check that this is the right file", what=what))


def _read_text(path: Path) -> str:
    raw = _read_bytes(path, N_("YAML file"))
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise HandbookError(str(path), t("byte {position}", position=error.start), t("the file is not valid UTF-8 text"),
                            t("save the file as UTF-8")) from None


def _read_yaml(path: Path) -> dict[str, Any]:
    import yaml

    text = _read_text(path)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        place = t("line {line}, column {column}", line=mark.line + 1, column=mark.column + 1) if mark else ""
        problem = getattr(error, "problem", None) or t("the YAML cannot be parsed")
        raise HandbookError(str(path), place, t("invalid YAML: {problem}", problem=problem),
                            t("check the indentation and quote any text containing ': ' or starting with a special "
                              "character")) from None
    except RecursionError:
        raise HandbookError(str(path), "", t("the YAML nests more than {depth} levels deep", depth=MAX_YAML_DEPTH),
                            t("a stage file nests about 7 levels: check that this is the right file")) from None
    except (ValueError, OverflowError) as error:
        # PyYAML converts plain values itself: a date such as 2026-13-45, an integer of 5,000 digits.
        raise HandbookError(str(path), "", t("invalid YAML value: {problem}", problem=_short(str(error))),
                            t("quote the value to keep it as text, or correct it")) from None
    if not isinstance(data, dict):
        raise HandbookError(str(path), "", t("the file does not hold a YAML mapping"),
                            t("start the file with `id:` and the other top-level keys (see checklists/README.md)"))
    _check_tree(data, path)
    return data


def _check_tree(data: Any, path: Path) -> None:
    """Walk the parsed YAML without recursion: bounded depth and size, text keys, JSON-like values.

    A refusal names the top-level key it is under (the schema check then names places in full).

    A date or a timestamp written without quotes is refused here (the schema and the browser's
    JSON know only text, numbers, booleans, lists and mappings).
    """
    top = t("top level")
    stack: list[tuple[Any, int, str]] = [(data, 1, top)]
    nodes = 0
    while stack:
        node, depth, place = stack.pop()
        nodes += 1
        if nodes > MAX_YAML_NODES:
            raise HandbookError(str(path), "", t("the YAML holds more than {limit} values (counting each use of an "
                                                 "&anchor)", limit=format_number(MAX_YAML_NODES)),
                                t("a stage file holds a few thousand: check that this is the right file"))
        if depth > MAX_YAML_DEPTH:
            raise HandbookError(str(path), place, t("the YAML nests more than {depth} levels deep", depth=MAX_YAML_DEPTH),
                                t("a stage file nests about 7 levels: check that this is the right file"))
        if isinstance(node, dict):
            for key, value in node.items():
                if not isinstance(key, str):
                    raise HandbookError(str(path), place, t("the key {key} is not text", key=_short(repr(key))),
                                        t("write keys as words, e.g. `id:` (quote a key that looks like a number)"))
                stack.append((value, depth + 1, key if place == top else place))
        elif isinstance(node, list):
            stack.extend((value, depth + 1, place) for value in node)
        elif isinstance(node, float):
            # JSON Schema counts 55.0 as an integer; every number in the checklists is a whole one.
            raise HandbookError(str(path), place, t("the value {value} is a decimal number, and the checklists' numbers "
                                                    "(points, maxima, levels, stage numbers) are whole numbers",
                                                    value=_short(repr(node))),
                                t("write it without a decimal point, e.g. {whole}", whole=int(node)) if node.is_integer()
                                else t("write it without a decimal point"))
        elif isinstance(node, (_dt.date, _dt.datetime, bytes)):
            raise HandbookError(str(path), place, t("the value {value} is read as a date or binary data, not text",
                                                    value=_short(str(node))),
                                t("put the value in quotes to keep it as text"))


@functools.lru_cache(maxsize=4)
def _schema_cached(path: str) -> dict[str, Any]:
    import jsonschema

    file = Path(path)
    raw = _read_bytes(file, N_("JSON schema"))
    fix = t("restore the file from the handbook's repository")
    try:
        schema = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError as error:
        raise HandbookError(path, t("byte {position}", position=error.start), t("the schema is not UTF-8 text"),
                            fix) from None
    except json.JSONDecodeError as error:
        raise HandbookError(path, t("line {line}, column {column}", line=error.lineno, column=error.colno),
                            t("the schema is not valid JSON: {problem}", problem=error.msg), fix) from None
    except (ValueError, RecursionError) as error:
        raise HandbookError(path, "", t("the schema cannot be read ({problem})", problem=type(error).__name__),
                            fix) from None
    if not isinstance(schema, dict):
        raise HandbookError(path, t("top level"), t("the schema is not a JSON object"), fix)
    try:
        jsonschema.Draft202012Validator.check_schema(schema)
    except jsonschema.exceptions.SchemaError as error:
        raise HandbookError(path, _describe_place(schema, error.absolute_path) if error.absolute_path else "",
                            t("the schema is not a valid JSON Schema: {problem}", problem=_short(error.message)),
                            fix) from None
    except RecursionError:
        raise HandbookError(path, "", t("the schema nests too deeply to be checked"), fix) from None
    return schema


def _schema(folder: Path, name: str) -> dict[str, Any]:
    path = folder / name
    if not os.path.lexists(path):
        raise HandbookError(str(folder), "", t("{file} is missing", file=name),
                            t("restore {file} beside the YAML files", file=name))
    return _schema_cached(str(path.absolute()))


def _validate(data: dict[str, Any], schema: dict[str, Any], path: Path) -> None:
    import jsonschema

    validator = jsonschema.Draft202012Validator(schema)
    error = jsonschema.exceptions.best_match(validator.iter_errors(data))
    if error is None:
        return
    raise HandbookError(str(path), _describe_place(data, error.absolute_path), _problem(error), _fix_for(error))


def _problem(error: Any) -> str:
    if error.validator == "minItems" and isinstance(error.instance, list):
        # jsonschema's own message repeats the whole list, too long to read.
        return t("the list has {count} entries and is too short: at least {minimum} are needed",
                 count=len(error.instance), minimum=error.validator_value)
    if _is_source_reference(error):
        return t("{reference} is not a source reference of a shape the handbook can write in both languages",
                 reference=_short(json.dumps(error.instance, ensure_ascii=False)))
    return _short(error.message)


def _is_source_reference(error: Any) -> bool:
    """A practice's `sources` member that matches none of the shapes languages.py translates."""
    return error.validator == "pattern" and SOURCES_KEY in list(error.absolute_path)


def _describe_place(data: Any, path: Any) -> str:
    """A JSON path in words, naming ids where there are some: `subphase x, item y, kind`."""
    parts: list[str] = []
    node = data
    for key in path:
        if isinstance(key, int) and isinstance(node, list) and key < len(node):
            node = node[key]
            label = node.get("id") if isinstance(node, dict) else None
            parts[-1] = f"{parts[-1]}[{key}]" + (f" ({label})" if isinstance(label, str) else "")
        else:
            parts.append(str(key))
            node = node.get(key) if isinstance(node, dict) else None
    return ".".join(parts) or t("top level")


def _short(message: str) -> str:
    return message if len(message) <= 200 else message[:197] + "..."


def _fix_for(error: Any) -> str:
    validator = error.validator
    if validator == "required":
        return t("add the missing key (checklists/README.md lists the keys of each element)")
    if validator == "additionalProperties":
        return t("remove or rename the unexpected key; checklists/README.md lists the allowed ones")
    if validator == "enum":
        return t("use one of: {ids}", ids=", ".join(map(str, error.validator_value)))
    if _is_source_reference(error):
        return t('write it in one of the shapes checklists/README.md lists under "Sources" (such as "Paper §3.2.1", '
                 '"ML Test Score, Data 1" or "Microsoft level 2"), or add a shape there, to the schema\'s pattern '
                 'and to its Spanish in languages.py')
    if validator == "pattern":
        return t("ids are lower-case words joined by hyphens, e.g. data-quality-check")
    if validator in ("minItems", "minLength"):
        return t("fill it in: it may not be empty")
    if validator == "type":
        return t("write a value of type {type}", type=error.validator_value)
    return t("correct the value as checklists/schema.json describes")
