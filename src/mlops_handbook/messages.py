"""The package's own sentences in the reader's language: the CLI's report and messages, the texts
the browser API returns for the page, and the errors about answers files and the command line.

    with use_language("es"):
        t("{points} of {maximum} points", points=60, maximum=117)   # "60 de 117 puntos"
        format_percent(77.8)                                        # "77,8 %"
        format_date("2026-12-06")                                   # "6 dic 2026"

The language is a context variable (default English), set by the entry points: the CLI's `main`
for its whole run (`--lang`), and each function of browser.py that takes `lang`, around its work.
Everything below them asks `t()` at the moment it writes a sentence.

A sentence is written in English where it is used, as a `t("...")` template (placeholders in
braces, filled with `str.format`); the Spanish catalogue (messages_es.py) is keyed by that exact
English template. An English template kept in a constant, because other modules read it, is
marked `N_("...")` where it is defined and translated with `t(CONSTANT)` where it is written. A
test reads the package's source and refuses a `t("...")` or `N_("...")` literal without its
Spanish, and a Spanish entry that no literal uses.

The methodology's own texts (titles, questions) are not here: they come in the chosen language
from `Methodology.in_language`.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
from contextvars import ContextVar
from typing import Any, Iterator

from .messages_es import SPANISH_MESSAGES

ENGLISH = "en"
SPANISH = "es"
_CATALOGUES = {SPANISH: SPANISH_MESSAGES}
_language: ContextVar[str] = ContextVar("mlops_handbook_language", default=ENGLISH)

# Spanish month abbreviations, without a dot (6 dic 2026).
_MONTHS_ES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")


def current_language() -> str:
    """The language the package writes its sentences in now ("en" or "es")."""
    return _language.get()


@contextlib.contextmanager
def use_language(lang: str) -> Iterator[str]:
    """Write the package's sentences in `lang` inside the block (English for a code the handbook is
    not written in: the caller's own check reports that code, in English)."""
    language = lang if lang == ENGLISH or lang in _CATALOGUES else ENGLISH
    token = _language.set(language)
    try:
        yield language
    finally:
        _language.reset(token)


def N_(english_template: str) -> str:
    """Mark an English template kept in a constant for the catalogue; it is translated where it is
    written, with t(CONSTANT)."""
    return english_template


def t(english_template: str, **values: Any) -> str:
    """The template in the current language, its placeholders filled with `values`.

    Braces that are text are written doubled ({{ and }}), as str.format wants them.
    """
    catalogue = _CATALOGUES.get(_language.get())
    template = catalogue.get(english_template, english_template) if catalogue else english_template
    return template.format(**values)


def format_number(value: int | float) -> str:
    """A whole number with thousands grouped: 32,000 in English, 32.000 in Spanish."""
    text = f"{value:,}"
    if _language.get() == SPANISH:
        return text.translate(str.maketrans(",.", ".,"))
    return text


def format_percent(value: float | None, decimals: int = 1) -> str:
    """A percentage to `decimals` places: 77.8% in English, 77,8 % in Spanish; "n/a" ("n/d") for None."""
    if value is None:
        return t("n/a")
    return percent_sign(format_decimal_text(f"{value:.{decimals}f}"))


def percent_sign(number_text: str) -> str:
    """A number already written in the reader's language, as a percentage: "77.8%" or "77,8 %"
    (a no-break space before the sign, as Spanish writes it and the browser's Intl does)."""
    return number_text + ("\u00a0%" if _language.get() == SPANISH else "%")


def format_decimal_text(text: str) -> str:
    """A number already written with a decimal point ("3.4188"), with the reader's decimal mark."""
    return text.replace(".", ",") if _language.get() == SPANISH else text


def format_date(iso_date: str) -> str:
    """A calendar date (YYYY-MM-DD) as the reader writes it: as it is in English, "6 dic 2026" in
    Spanish. Anything that is not such a date is given back as it is."""
    if _language.get() != SPANISH or not isinstance(iso_date, str) or len(iso_date) != 10:
        return iso_date
    try:
        day = _dt.date.fromisoformat(iso_date)
    except ValueError:
        return iso_date
    return f"{day.day} {_MONTHS_ES[day.month - 1]} {day.year}"
