"""Property-based fuzzing: whatever the input, the readers raise HandbookError and nothing else.

The answers parser gets random JSON documents, random bytes and random edits of a valid file;
the checklists loader gets random edits of the fixture's YAML files. Example counts stay modest
so that each test takes a few seconds.
"""

import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import FIXTURE_CHECKLISTS, fixture_methodology
from mlops_handbook import Answers, HandbookError, dumps, parse_bytes, parse_text
from mlops_handbook.answers import FORMAT
from mlops_handbook.loader import load_raw
from mlops_handbook.model import build_methodology

M = fixture_methodology()
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
ITEM_IDS = ["al-on-01", "al-on-02", "al-on-03", "al-on-04", "al-on-05", "al-on-06", "al-on-07",
            "be-on-01", "be-on-02", "be-on-03", "alpha", "alpha-one", "al-on-q1", "x"]
VALID = dumps(Answers(route="ml-model", task_type="regression", project="P", date="2026-11-26",
                      answers={"al-on-02": True, "al-on-04": ("part-x",), "be-on-03": ("metric-2",)},
                      not_applicable={"al-on-03": "Not part of this project"}, notes={"al-on-02": "Signed"}))
# Characters that matter to JSON and YAML, to be inserted by the mutations.
SPECIAL = list('{}[],:"\\\'-#&*!|>%@`?\n\t ') + ["\x00", "\ufeff", "\ud800", "é", "1e999", "NaN", "true", "null"]

scalars = (st.none() | st.booleans() | st.integers(-10**30, 10**30)
           | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=20)
           | st.sampled_from(ITEM_IDS + ["part-x", "metric-2", "dashboard", "ml-model", "regression",
                                         FORMAT, "2026-11-26", "", " "]))
json_values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4)
                           | st.dictionaries(st.sampled_from(ITEM_IDS) | st.text(max_size=8), inner, max_size=4),
                           max_leaves=20)
# Documents shaped like an answers file, with any value in any field.
documents = st.fixed_dictionaries(
    {},
    optional={
        "format": st.just(FORMAT) | json_values, "version": st.sampled_from([1, 2, 3, 0, True]) | json_values,
        "project": json_values, "assessor": json_values, "date": json_values,
        "route": st.sampled_from(["dashboard", "analytical-report", "ml-model"]) | json_values,
        "task_type": st.sampled_from(["regression", "clustering"]) | json_values,
        "answers": st.dictionaries(st.sampled_from(ITEM_IDS), json_values, max_size=5) | json_values,
        "notes": st.dictionaries(st.sampled_from(ITEM_IDS), json_values, max_size=5) | json_values,
        "not_applicable": st.dictionaries(st.sampled_from(ITEM_IDS), json_values, max_size=5) | json_values,
        "extra": json_values,
    },
)


def _mutate(text: str, data) -> str:
    """One to four random edits: delete, insert, duplicate or swap a slice, or cut the text."""
    for _ in range(data.draw(st.integers(1, 4))):
        if not text:
            break
        start = data.draw(st.integers(0, len(text) - 1))
        end = data.draw(st.integers(start, min(len(text), start + 40)))
        kind = data.draw(st.sampled_from(["delete", "insert", "duplicate", "cut", "replace"]))
        if kind == "delete":
            text = text[:start] + text[end:]
        elif kind == "insert":
            text = text[:start] + data.draw(st.sampled_from(SPECIAL) | st.text(max_size=5)) + text[start:]
        elif kind == "duplicate":
            text = text[:end] + text[start:end] * data.draw(st.integers(1, 50)) + text[end:]
        elif kind == "cut":
            text = text[:start]
        else:
            text = text[:start] + data.draw(st.sampled_from(SPECIAL)) + text[end:]
    return text


def _only_handbook_errors(call) -> None:
    try:
        call()
    except HandbookError as error:
        assert error.file and error.problem and error.fix
        assert "\n" not in error.place


class TestAnswersParser:
    @SETTINGS
    @given(documents)
    def test_random_documents(self, document):
        """Any JSON document shaped like an answers file is read or refused with a HandbookError."""
        _only_handbook_errors(lambda: parse_text(json.dumps(document), M, "a.json"))

    @SETTINGS
    @given(json_values)
    def test_random_json(self, value):
        """Any JSON value at all is read or refused with a HandbookError."""
        _only_handbook_errors(lambda: parse_text(json.dumps(value), M, "a.json"))

    @SETTINGS
    @given(st.binary(max_size=200) | st.builds(lambda raw: VALID.encode()[:len(raw)] + raw, st.binary(max_size=50)))
    def test_random_bytes(self, raw):
        """Any bytes, alone or after the start of a valid file, are read or refused with a HandbookError."""
        _only_handbook_errors(lambda: parse_bytes(raw, M, "a.json"))

    @SETTINGS
    @given(st.data())
    def test_mutated_valid_file(self, data):
        """Random edits of a valid answers file are read or refused with a HandbookError."""
        text = _mutate(VALID, data)
        _only_handbook_errors(lambda: parse_bytes(text.encode("utf-8", "surrogatepass"), M, "a.json"))

    def test_the_valid_file_is_valid(self):
        """The file the mutations start from is read, so the mutations test more than a broken file."""
        assert parse_text(VALID, M, "a.json").answers["al-on-02"] is True


@pytest.fixture(scope="module")
def folder(tmp_path_factory):
    target = tmp_path_factory.mktemp("fuzz") / "checklists"
    shutil.copytree(FIXTURE_CHECKLISTS, target)
    return target


class TestChecklistsLoader:
    @settings(max_examples=120, deadline=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
    @given(st.data(), st.sampled_from(["01-alpha.yaml", "02-beta.yaml", "methodology.yaml"]))
    def test_mutated_yaml(self, folder, data, name):
        """Random edits of a fixture YAML file are loaded or refused with a HandbookError."""
        path = folder / name
        original = (FIXTURE_CHECKLISTS / name).read_text(encoding="utf-8")
        path.write_bytes(_mutate(original, data).encode("utf-8", "surrogatepass"))
        try:
            _only_handbook_errors(lambda: build_methodology(load_raw(folder)))
        finally:
            path.write_text(original, encoding="utf-8")

    def test_the_fixture_loads(self, folder):
        """The files the mutations start from load, so the mutations test more than a broken folder."""
        assert [stage["id"] for stage in load_raw(folder)["stages"]] == ["alpha", "beta"]
