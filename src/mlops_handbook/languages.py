"""The handbook's two languages: which texts an element carries, the check that every one of them
exists in both, and the data of the methodology with its texts in one language.

English is written in the element's own keys and Spanish in its `es:` mapping, with the same keys:

    - id: dp-dq-02
      question: "Has the client's data ... ?"
      explanation: >-
        Business rules ...
      es:
        question: "¿Se verificaron ... ?"
        explanation: >-
          Las reglas de negocio ...

Ids, kinds, routes, points and provenance are written once, so that scoring cannot depend on the
language. Pure Python, as the model: the browser checks and builds the same data.
"""

from __future__ import annotations

import os
import re
from typing import Any, Iterator, Mapping

from .errors import HandbookError
from .messages import N_, t

ENGLISH = "en"
SPANISH = "es"
LANGUAGES = (ENGLISH, SPANISH)
LANGUAGE_NAMES = {ENGLISH: N_("English"), SPANISH: N_("Spanish")}
# The key under which an element carries its texts in each language but the first.
TRANSLATIONS = (SPANISH,)

# The keys whose text is written in both languages.
TEXT_KEYS = frozenset({
    "title", "summary", "purpose", "text", "question", "explanation", "editor_note", "note_asks_for",
    "label", "description", "definition", "differs_from", "reason",
})
# `section` is a text only where it is a name (the ML Test Score's Data, Model, ...), not a place
# of the paper ("3.2.1").
NAMED_SECTION = "section"
# A mapping under this key is a bibliographic record (the paper, the frameworks' references) or a
# provenance (`refs`, `basis`): it stays as published, in no language of ours.
RECORD_KEY = "source"
README = 'checklists/README.md, "Two languages"'

# What a member of a list is called in a message, by the list's key.
_MEMBER = {
    "subphases": N_("subphase"), "guiding_questions": N_("guiding question"), "items": N_("item"),
    "options": N_("option"), "routes": N_("route"), "task_types": N_("task type"),
    "retired_items": N_("retired item"), "phases": N_("phase"), "tests": N_("test"),
    "maturity": N_("maturity model"), "levels": N_("level"), "practices": N_("practice"),
}


def check_language(language: Any) -> str:
    """The language code itself when the handbook is written in it; otherwise a HandbookError."""
    if language in LANGUAGES:
        return language
    shown = repr(language) if not isinstance(language, str) else f'"{language[:40]}"'
    raise HandbookError("the language", "", f"{shown} is not a language of the handbook",
                        'use "en" (English) or "es" (Spanish)')


def language_from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The reader's language from the locale, as the C library picks it: LC_ALL, then LC_MESSAGES,
    then LANG (the first one set and not empty); "es..." gives Spanish, anything else English."""
    environ = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return SPANISH if value.lower().startswith("es") else ENGLISH
    return ENGLISH


def text_keys(element: Mapping[str, Any]) -> set[str]:
    """The keys of the element whose value is a text written in both languages."""
    keys = {key for key, value in element.items() if key in TEXT_KEYS and isinstance(value, str)}
    section = element.get(NAMED_SECTION)
    if isinstance(section, str) and not section[:1].isdigit():
        keys.add(NAMED_SECTION)
    return keys


# ---------------------------------------------------------------- the check

def check_languages(data: Mapping[str, Any], head_file: str = "methodology.yaml",
                    practices_file: str = "practices.yaml") -> None:
    """Refuse a text present in one language and missing in the other, or an empty translation.

    The first problem is reported, naming the file, the element, the field and the fix, with the
    number of other elements that have one too.
    """
    documents = [(data["methodology"], data["methodology"].get("_file", head_file))]
    documents += [(stage, stage.get("_file", f"{stage.get('id')}.yaml")) for stage in data["stages"]]
    if data.get("practices"):
        documents.append((data["practices"], data["practices"].get("_file", practices_file)))
    first: tuple[str, str, str, str] | None = None
    others = 0
    for document, file in documents:
        for element, place in _elements(document):
            for language in TRANSLATIONS:
                problem = _problem(element, language)
                if problem is None:
                    continue
                if first is None:
                    first = (file, place, *problem)
                else:
                    others += 1
                break
    if first is not None:
        file, place, problem, fix = first
        if others:
            problem += (t(" ({count} other elements of the checklists lack a text in one language too)", count=others)
                        if others > 1 else
                        t(" (1 other element of the checklists lacks a text in one language too)"))
        raise HandbookError(file, place, problem, fix)


def _problem(element: Mapping[str, Any], language: str) -> tuple[str, str] | None:
    """What is wrong with the element's texts in `language` (problem, fix), or None."""
    name = t(LANGUAGE_NAMES[language])
    wanted = text_keys(element)
    in_order = [f"`{key}`" for key in element if key in wanted]  # the order of the file
    block = element.get(language)
    if not wanted:
        if language in element:
            return (t("it has an `{language}:` block but no English text to translate", language=language),
                    t("remove the `{language}:` block", language=language))
        return None
    if not isinstance(block, Mapping):
        listed = _listed(in_order)
        if language in element:
            return (t("its `{language}:` is not a mapping of texts", language=language),
                    t("write `{language}:` as a mapping with the {name} of {listed}, as in {readme}",
                      language=language, name=name, listed=listed, readme=README))
        return (t("it has no {name} texts (the `{language}:` block with {listed} is missing)", name=name,
                  language=language, listed=listed),
                t("add an `{language}:` block with the {name} of {listed}, the same keys as the English ones "
                  "({readme})", language=language, name=name, listed=listed, readme=README))
    missing = [key for key in element if key in wanted and key not in block]
    if missing:
        return (t("the {name} of {keys} is missing from its `{language}:` block", name=name,
                  keys=_listed([f"`{key}`" for key in missing]), language=language),
                t("add {keys} to the `{language}:` block, in {name}", keys=_listed([f"`{key}:`" for key in missing]),
                  language=language, name=name))
    extra = [key for key in block if key not in wanted]
    if extra:
        key = extra[0]
        return (t("its `{language}:` block has `{key}`, which has no English text beside it", language=language,
                  key=key),
                t("add the English `{key}:` to the element, or remove `{key}:` from the `{language}:` block",
                  key=key, language=language))
    for key in (key for key in element if key in wanted):
        value = block[key]
        if not isinstance(value, str) or not value.strip():
            return (t("the {name} {key} (`{language}.{key}`) is empty", name=name, key=key, language=language),
                    t("write the {name} of the English {key} there", name=name, key=key))
    return None


def _listed(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + t(" and {last}", last=words[-1])


def _elements(document: Mapping[str, Any]) -> Iterator[tuple[Mapping[str, Any], str]]:
    """Every mapping of a file that may carry texts, with its place in words, in the file's order."""
    is_stage = isinstance(document.get("subphases"), list) and isinstance(document.get("id"), str)
    yield document, (t("stage {id}", id=document["id"]) if is_stage else t("top level"))
    yield from _inside(document, "")


def _inside(node: Mapping[str, Any], place: str) -> Iterator[tuple[Mapping[str, Any], str]]:
    for key, value in node.items():
        if key == RECORD_KEY or key in TRANSLATIONS:
            continue
        if isinstance(value, Mapping):
            # frameworks.crisp_dm; after a named member: practice x, maturity
            where = key if not place else (
                f"{place}.{key}" if " " not in place.rsplit(", ", 1)[-1] else f"{place}, {key}")
            yield value, where
            yield from _inside(value, where)
        elif isinstance(value, list):
            for index, member in enumerate(value):
                if isinstance(member, Mapping):
                    name = _member_name(key, member, index)
                    where = f"{place}, {name}" if place else name
                    yield member, where
                    yield from _inside(member, where)


def _member_name(key: str, value: Mapping[str, Any], index: int) -> str:
    member = _MEMBER.get(key)
    label = value.get("id", value.get("level"))
    if member and isinstance(label, (str, int)) and not isinstance(label, bool):
        return f"{t(member)} {label}"
    return f"{key}[{index}]"


# ---------------------------------------------------------------- one language's data

def localized(data: Any, language: str) -> Any:
    """A copy of the methodology's data whose texts are those of `language` (the data itself for
    English); the `es:` blocks are left out. The data is assumed checked (check_languages)."""
    check_language(language)
    if language == ENGLISH:
        return data
    return _localized(data, language, None)


def _localized(node: Any, language: str, key: str | None) -> Any:
    if key == SOURCES_KEY and isinstance(node, list):
        return [source_reference(value, language) if isinstance(value, str) else value for value in node]
    if isinstance(node, list):
        return [_localized(value, language, key) for value in node]
    if not isinstance(node, Mapping):
        return node
    if key == RECORD_KEY:
        return {k: _localized(v, language, k) for k, v in node.items()}
    copy = {k: _localized(v, language, k) for k, v in node.items() if k not in TRANSLATIONS}
    block = node.get(language)
    if isinstance(block, Mapping):
        copy.update((k, v) for k, v in block.items() if k in copy)
    return copy


# ---------------------------------------------------------------- a practice's sources

# A practice's `sources` are references of a few fixed shapes (practices.schema.json's pattern
# says which), written in English once and read in either language from this table, so that no
# second text has to be kept beside them: the paper's places, the topic the handbook added, a test
# of the ML Test Score, a level of a maturity model (with what it is about), a law.
SOURCES_KEY = "sources"
_PLACES = r"(?:§[0-9.]+|Fig\. [0-9]+)(?:, (?:§[0-9.]+|Fig\. [0-9]+))*"
_SOURCE_SHAPES: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(rf"Paper ({_PLACES})"), "Artículo, {0}"),
    (re.compile(rf"Added by the handbook \(topic of ({_PLACES})\)"), "Agregado por el manual (tema del {0})"),
    (re.compile(r"ML Test Score, ((?:Data|Model|Infra|Monitor) [1-7])(?: and ((?:Data|Model|Infra|Monitor) [1-7]))?"),
     "ML Test Score, {0}{and_1}"),
    (re.compile(r"(Google MLOps|Microsoft) level ([0-9])(?: \((metadata|monitoring|A/B testing of models)\))?"),
     "{0}, nivel {1}{about_2}"),
    (re.compile(r"(Ley [0-9]+ de [0-9]{4})"), "{0}"),
)
# What a maturity level's reference is about, in Spanish.
_ABOUT = {"metadata": "metadatos", "monitoring": "monitoreo", "A/B testing of models": "pruebas A/B de modelos"}


def source_reference(reference: str, language: str) -> str:
    """A practice's source reference in `language` ("Paper §3.2.1" -> "Artículo, §3.2.1"); a
    reference of no known shape as it is (the schema refuses those before they get here)."""
    if check_language(language) == ENGLISH:
        return reference
    for shape, spanish in _SOURCE_SHAPES:
        match = shape.fullmatch(reference)
        if match:
            parts = [part or "" for part in match.groups()]
            return spanish.format(*[part.replace("Fig. ", "fig. ") for part in parts],
                                  and_1=f" y {parts[1]}" if len(parts) > 1 and parts[1] else "",
                                  about_2=f" ({_ABOUT[parts[2]]})" if len(parts) > 2 and parts[2] else "")
    return reference
