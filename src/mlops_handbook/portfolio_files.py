"""The inputs of `mlops-handbook portfolio`: the files named, and those found in the folders named.

The command line's side of the portfolio (it reads files); the portfolio itself is computed by
`portfolio.py`, which reads none and so runs in the browser too.
"""

from __future__ import annotations

import os
import stat
from typing import Sequence

from .errors import HandbookError

# The largest input read: an answers file is a few kilobytes, a score spreadsheet a few dozen
# (answers.MAX_ANSWERS_BYTES still bounds the JSON ones).
MAX_INPUT_BYTES = 20_000_000
EXTENSIONS = (".json", ".xlsx")


def find_inputs(arguments: Sequence[str], problems: list[HandbookError], output: str | None = None) -> list[str]:
    """The files named, and the .json and .xlsx files under the folders named (sorted), each once.

    Hidden files and folders, office lock files (~$name.xlsx) and the output itself are skipped;
    a folder holding none is added to `problems`.
    """
    found: list[str] = []
    for argument in arguments:
        if not os.path.isdir(argument):
            found.append(argument)
            continue
        before = len(found)
        for root, folders, files in os.walk(argument):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            found += [os.path.join(root, name) for name in sorted(files)
                      if name.lower().endswith(EXTENSIONS) and not name.startswith((".", "~$"))]
        if len(found) == before:
            problems.append(HandbookError(argument, "", "this folder holds no .json or .xlsx file",
                                          "name a folder of answers files or score spreadsheets"))
    seen: set[str] = set()
    unique = []
    for path in found:
        key = os.path.realpath(path)
        if key not in seen and not (output and same_file(path, output)):
            seen.add(key)
            unique.append(path)
    return unique


def read_input(path: str) -> bytes:
    """A regular file's bytes, its size checked first (so a pipe or a huge file is refused, not read)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise HandbookError(path, "", "no such file or folder", "check the path") from None
    except OSError as error:
        raise HandbookError(path, "", f"cannot be read ({error.strerror})", "check the path and its permissions") from None
    if not stat.S_ISREG(info.st_mode):
        raise HandbookError(path, "", "this is not a regular file", "name answers files, spreadsheets or folders")
    if info.st_size > MAX_INPUT_BYTES:
        raise HandbookError(path, "", f"the file is {info.st_size:,} bytes, more than the {MAX_INPUT_BYTES:,} read",
                            "check that this is an answers file or a score spreadsheet")
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise HandbookError(path, "", f"cannot be read ({error.strerror})", "check the file's permissions") from None


def same_file(one: str, other: str) -> bool:
    """Whether the two paths name the same file (False when either cannot be looked up)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
