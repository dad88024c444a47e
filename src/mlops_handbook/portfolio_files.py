"""The inputs of `mlops-handbook portfolio`: the files named, and those found in the folders named.

The command line's side of the portfolio (it reads files); the portfolio itself is computed by
`portfolio.py`, which reads none and so runs in the browser too.
"""

from __future__ import annotations

import io
import os
import stat
import zipfile
from typing import Sequence

from .errors import HandbookError
from .messages import format_number, t

# The largest input read: an answers file is a few kilobytes, a score spreadsheet a few dozen
# (answers.MAX_ANSWERS_BYTES still bounds the JSON ones).
MAX_INPUT_BYTES = 20_000_000
EXTENSIONS = (".json", ".xlsx")
# The defined name a portfolio spreadsheet carries (portfolio_sheet), and its text.
PORTFOLIO_MARKER_NAME = "mlops_handbook_portfolio"
PORTFOLIO_MARKER = "mlops-handbook-portfolio 1"


def find_inputs(arguments: Sequence[str], problems: list[HandbookError], output: str | None = None) -> list[str]:
    """The files named, and the .json and .xlsx files under the folders named (sorted), each once.

    Hidden files and folders and office lock files (~$name.xlsx) are skipped; a folder holding
    none, or one that cannot be read (a subfolder too), is added to `problems`. The output is
    never one of the inputs: if it names one (by any path, or through a link), HandbookError,
    unless it is a portfolio spreadsheet (an earlier output), which is then left out of the inputs.
    """
    found: list[str] = []

    def unreadable(error: OSError) -> None:
        folder = error.filename if error.filename is not None else t("a folder")
        problems.append(HandbookError(str(folder), "", t("this folder cannot be read ({problem}), so the files in "
                                                         "it are left out", problem=error.strerror or error),
                                      t("check its permissions; the other files are reported without it")))

    for argument in arguments:
        if not os.path.isdir(argument):
            found.append(argument)
            continue
        before, troubles = len(found), len(problems)
        for root, folders, files in os.walk(argument, onerror=unreadable):
            folders[:] = sorted(f for f in folders if not f.startswith("."))
            found += [os.path.join(root, name) for name in sorted(files)
                      if name.lower().endswith(EXTENSIONS) and not name.startswith((".", "~$"))]
        if len(found) == before and len(problems) == troubles:
            problems.append(HandbookError(argument, "", t("this folder holds no .json or .xlsx file"),
                                          t("name a folder of answers files or score spreadsheets")))
    seen: set[str] = set()
    unique = []
    for path in found:
        key = os.path.realpath(path)
        if key in seen:
            continue
        if output and same_file(path, output):
            if not is_portfolio_workbook(output):
                raise HandbookError(output, "", t("this is one of the portfolio's inputs ({path}), so it is not "
                                                  "overwritten; nothing was written", path=path),
                                    t("write the portfolio to a new file, or to one outside the files and folders "
                                      "read"))
            continue  # an earlier portfolio spreadsheet, replaced: not an assessment
        seen.add(key)
        unique.append(path)
    return unique


def is_portfolio_workbook(path: str) -> bool:
    """Whether the file is a portfolio spreadsheet written by `mlops-handbook portfolio` (it carries
    PORTFOLIO_MARKER_NAME); False for anything else, or a file that cannot be read."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_INPUT_BYTES + 1)
        if len(data) > MAX_INPUT_BYTES:
            return False
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            info = archive.getinfo("xl/workbook.xml")
            if info.file_size > 5_000_000:
                return False
            with archive.open(info) as member:
                text = member.read(5_000_001)
    except (OSError, KeyError, ValueError, zipfile.BadZipFile, RuntimeError, NotImplementedError, EOFError):
        return False
    return f'name="{PORTFOLIO_MARKER_NAME}"'.encode() in text


def read_input(path: str) -> bytes:
    """A regular file's bytes, its size checked first (so a pipe or a huge file is refused, not read)."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise HandbookError(path, "", t("no such file or folder"), t("check the path")) from None
    except OSError as error:
        raise HandbookError(path, "", t("cannot be read ({problem})", problem=error.strerror),
                            t("check the path and its permissions")) from None
    if not stat.S_ISREG(info.st_mode):
        raise HandbookError(path, "", t("this is not a regular file"), t("name answers files, spreadsheets or folders"))
    if info.st_size > MAX_INPUT_BYTES:
        raise HandbookError(path, "", t("the file is {size} bytes, more than the {limit} read",
                                        size=format_number(info.st_size), limit=format_number(MAX_INPUT_BYTES)),
                            t("check that this is an answers file or a score spreadsheet"))
    try:
        with open(path, "rb") as handle:
            return handle.read(MAX_INPUT_BYTES + 1)
    except OSError as error:
        raise HandbookError(path, "", t("cannot be read ({problem})", problem=error.strerror),
                            t("check the file's permissions")) from None


def same_file(one: str, other: str) -> bool:
    """Whether the two paths name the same file (False when either cannot be looked up)."""
    try:
        return os.path.samefile(one, other)
    except OSError:
        return False
