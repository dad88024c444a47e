"""The package's own sentences in the reader's language (messages.py): the catalogue, the number
and date formats, and the Spanish CLI report, errors and browser summary."""

from __future__ import annotations

import ast
import json
import string
from pathlib import Path

import pytest

import mlops_handbook
from mlops_handbook.messages import format_date, format_number, format_percent, t, use_language
from mlops_handbook.messages_es import SPANISH_MESSAGES

PACKAGE = Path(mlops_handbook.__file__).parent


def templates_in_source() -> dict[str, str]:
    """Every literal given to t() or N_() in the package's source, with the file it is in."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("t", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, path.name)
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class TestCatalogue:
    def test_every_template_has_its_spanish(self):
        """A t("...") or N_("...") literal of the package without a Spanish entry is listed."""
        missing = {text: file for text, file in templates_in_source().items() if text not in SPANISH_MESSAGES}
        assert not missing, "no Spanish for:\n" + "\n".join(f"{file}: {text!r}" for text, file in missing.items())

    def test_every_spanish_entry_is_used(self):
        """A Spanish entry whose English template no t() or N_() of the package writes is listed."""
        unused = set(SPANISH_MESSAGES) - set(templates_in_source())
        assert not unused, "unused entries:\n" + "\n".join(sorted(unused))

    def test_spanish_fills_the_same_placeholders(self):
        """Each Spanish template names exactly the placeholders of its English one."""
        wrong = [english for english, spanish in SPANISH_MESSAGES.items() if fields(english) != fields(spanish)]
        assert not wrong, wrong
