"""A seeded fuzzer over real answers files: every mutated file is read or refused with HandbookError.

It starts from the answers files the project ships (version 1 and 2 fixtures, the made-up
portfolio, a template of each route) and mutates them in memory: bytes (flipped, inserted, cut,
duplicated), the JSON structure (a value replaced by another type, a huge or long number, deep
nesting, a long text, lone surrogates, control characters, unknown keys, other versions, dates and
routes), and the encoding (UTF-16, UTF-32, Latin-1, a byte-order mark, surrogates passed through).
Each case is read in-process as bytes (a file) or as text (the page's stored answers), and what
reads is scored and written back. Any
other exception is an internal error and fails the test, with the seed to reproduce it
(ANSWERS_FUZZ_SEED=<seed>); the seed and the counts are printed.
"""

from __future__ import annotations

import json
import os
import random
import time
import traceback

from helpers import REPO, TESTS, real_methodology
from mlops_handbook import HandbookError, dumps, parse_bytes, parse_text, score, template

M = real_methodology()
CASES = 1_200
SOURCES = [path.read_bytes() for path in sorted((TESTS / "fixtures").glob("answers-v*/*.json"))
           + sorted((REPO / "docs" / "assets" / "examples" / "portfolio").glob("*.json"))]
SOURCES += [dumps(template(M, route.id)).encode("utf-8") for route in M.routes]
ITEM_IDS = [item.id for item in M.items] + [retired.id for retired in M.retired]
OPTION_IDS = [option.id for item in M.items for option in getattr(item, "options", ())]
TEXTS = ["", " ", "\u200b", "n/a", "No personal data in the sources", "\ud800", "a\udfffb", "\ud83d\ude00",
         "\x1b[2J", "\u202e", "\x00", "x" * 10_001, "y" * 33_000, "2026-11-26", "20260101", "2026-W01-1",
         "2026-02-30", "dashboard", "ml-model", "analytical-report", "regression", "clustering", "NaN"]


def _scalar(rng: random.Random):
    kind = rng.randrange(9)
    if kind == 0:
        return rng.choice([None, True, False])
    if kind == 1:
        return rng.choice([0, -1, 3, 2**63, -(10 ** rng.randrange(1, 99)), 10 ** rng.randrange(1, 99)])
    if kind == 2:
        return rng.choice([0.5, -0.0, 1e308, 5e-324, 3.0, 1.0])
    if kind == 3:
        return rng.choice(TEXTS)
    if kind == 4:
        return rng.choice(ITEM_IDS)
    if kind == 5:
        return [rng.choice(OPTION_IDS + TEXTS[:8]) for _ in range(rng.randrange(4))]
    if kind == 6:
        return "".join(chr(rng.randrange(0x110000)) for _ in range(rng.randrange(1, 12)))
    if kind == 7:
        return {rng.choice(ITEM_IDS + TEXTS[:8]): _scalar(rng) for _ in range(rng.randrange(3))}
    depth = rng.randrange(1, 60)
    value: object = rng.choice([True, "x", 1])
    for _ in range(depth):
        value = [value] if rng.random() < 0.5 else {"k": value}
    return value


def _places(value, path=()):
    yield path
    if isinstance(value, dict):
        for key, inner in value.items():
            yield from _places(inner, (*path, key))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from _places(inner, (*path, index))


def _mutate_structure(rng: random.Random, source: bytes) -> str:
    """The JSON tree with one to three edits, written out as text (surrogates and all)."""
    data = json.loads(source.decode("utf-8-sig"))
    for _ in range(rng.randrange(1, 4)):
        places = [p for p in _places(data) if p]
        if not places:
            break
        path = rng.choice(places)
        parent = data
        for step in path[:-1]:
            parent = parent[step]
        last = path[-1]
        action = rng.randrange(6)
        if action == 0 and isinstance(parent, dict):
            del parent[last]
        elif action == 1 and isinstance(parent, dict):
            parent[rng.choice(ITEM_IDS + ["extra", "version", "not_applicable"])] = _scalar(rng)
        elif action == 2:
            parent[last] = rng.choice([1, 2, 3, 4, 0, -1, 1.0, "3", True, None])
        else:
            parent[last] = _scalar(rng)
    return json.dumps(data, ensure_ascii=rng.random() < 0.3, indent=rng.choice([None, 2]))


def _mutate_bytes(rng: random.Random, raw: bytes) -> bytes:
    data = bytearray(raw)
    for _ in range(rng.randrange(1, 5)):
        if not data:
            break
        at = rng.randrange(len(data))
        action = rng.randrange(7)
        if action == 0:
            data[at] = rng.randrange(256)
        elif action == 1:
            data[at:at] = bytes(rng.randrange(256) for _ in range(rng.randrange(1, 8)))
        elif action == 2:
            del data[at:at + rng.randrange(1, 40)]
        elif action == 3:
            del data[at:]
        elif action == 4:
            data[at:at] = data[at:at + rng.randrange(1, 200)]
        elif action == 5:
            data[at:at] = rng.choice([b"[" * rng.randrange(30, 5_000), b"1" * rng.randrange(90, 5_000),
                                      b"1e99999", b"-0", b'"\\ud800"', b"\\u0000", b",", b"\xef\xbb\xbf",
                                      b"\xed\xa0\x80", b"NaN", b"Infinity", b"}" * 40])
        else:
            data[at:at] = rng.choice(TEXTS[:12]).encode("utf-8", "surrogatepass")
    return bytes(data)


def _encode(rng: random.Random, text: str) -> bytes:
    encoding = rng.choice(["utf-16", "utf-16-le", "utf-32", "latin-1", "cp1252", "utf-8-sig", "utf-8"])
    return text.encode(encoding if encoding != "utf-8" else "utf-8", "surrogatepass"
                       if encoding.startswith("utf") else "replace")


def _case(rng: random.Random) -> tuple[str, bytes | str]:
    """One mutated input: its kind and its bytes (or, for text given to parse_text, its text)."""
    source = rng.choice(SOURCES)
    kind = rng.choice(["bytes", "structure", "structure-text", "encoding", "structure-bytes"])
    if kind == "bytes":
        return kind, _mutate_bytes(rng, source)
    if kind == "encoding":
        return kind, _encode(rng, source.decode("utf-8-sig"))
    text = _mutate_structure(rng, source)
    if kind == "structure-text":
        return kind, text
    if kind == "structure-bytes":
        return kind, _mutate_bytes(rng, text.encode("utf-8", "surrogatepass"))
    return kind, text.encode("utf-8", "surrogatepass")


def _run(content: bytes | str) -> str:
    """Read one input as the CLI and the page do; what reads is scored and written back. -> outcome."""
    answers = parse_text(content, M, "fuzz.json") if isinstance(content, str) else parse_bytes(content, M, "fuzz.json")
    written = dumps(answers)
    if isinstance(content, bytes):
        written.encode("utf-8")  # what a file gives can be saved again: no lone surrogate in it
    again = parse_text(written, M, "again.json")
    assert again == answers, "written back, the answers read differently"
    if answers.route is not None:
        score(M, answers, "fuzz.json").to_dict()
    return "read"


from test_fuzz import _seed  # noqa: E402  (one rule for both fuzzers' seeds)


class TestAnswersFuzzer:
    def test_mutated_answers_files_read_or_refused(self, capsys):
        """At least 1,000 seeded mutations of real answers files: each reads or is refused, never an internal error."""
        seed = _seed("ANSWERS_FUZZ_SEED")  # fixed by default; "random" explores further
        rng = random.Random(seed)
        counts: dict[str, int] = {"read": 0, "refused": 0}
        kinds: dict[str, int] = {}
        failures: list[str] = []
        started = time.perf_counter()
        for index in range(CASES):
            kind, content = _case(rng)
            kinds[kind] = kinds.get(kind, 0) + 1
            try:
                counts[_run(content)] += 1
            except HandbookError as error:
                error.message.encode("utf-8")  # printable and writable anywhere
                counts["refused"] += 1
            except Exception as error:  # an internal error: recorded with what reproduces it
                failures.append(f"case {index} ({kind}): {type(error).__name__}: {str(error)[:200]}\n"
                                + "".join(traceback.format_exception(error)[-3:]))
        took = time.perf_counter() - started
        report = (f"answers fuzzer: seed {seed}, {CASES} cases ({', '.join(f'{k} {v}' for k, v in sorted(kinds.items()))}): "
                  f"{counts['read']} read, {counts['refused']} refused, {len(failures)} internal errors, {took:.1f} s")
        with capsys.disabled():
            print(f"\n{report}")
        assert CASES >= 1_000 and counts["read"] + counts["refused"] + len(failures) == CASES
        assert counts["read"] > 0 and counts["refused"] > 0, report
        assert not failures, report + " (ANSWERS_FUZZ_SEED=" + str(seed) + ")\n" + "\n".join(failures[:5])
