"""The page modules' pure logic (tests/js/*.test.mjs) passes under Node's own test runner."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
JS_TESTS = ROOT / "tests" / "js"
NODE_TIMEOUT_S = 300


class TestNodeUnitTests:
    def test_node_test_runner_passes(self):
        """`node --test tests/js/` passes; a failure shows Node's report."""
        node = shutil.which("node")
        if node is None:
            pytest.fail("Node.js 20 or newer is needed to run tests/js/ (apt-get install nodejs)", pytrace=False)
        assert sorted(JS_TESTS.glob("*.test.mjs")), "tests/js/ has no *.test.mjs file"
        # The modules are plain .js files under a package.json without "type": Node reads them as
        # ES modules by their syntax, and would otherwise warn about it once per file.
        result = subprocess.run(
            [node, "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", "--test", "--test-reporter=spec", "tests/js/"],
            cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            timeout=NODE_TIMEOUT_S, check=False,
        )
        if result.returncode != 0:
            pytest.fail(f"node --test tests/js/ failed (exit {result.returncode}):\n{result.stdout}", pytrace=False)


class TestLimitsAgree:
    def test_text_limits_are_the_packages(self):
        """The page's text limits (limits.js) are the package's: a typed text and a note read from a file."""
        import re

        from mlops_handbook.answers import MAX_NOTE_TEXT, MAX_TEXT

        source = (ROOT / "docs" / "assets" / "js" / "handbook" / "limits.js").read_text(encoding="utf-8")
        constants = {name: int(value) for name, value in re.findall(r"export const (MAX_\w+) = (\d+);", source)}
        assert constants["MAX_TEXT"] == MAX_TEXT and constants["MAX_NOTE_TEXT"] == MAX_NOTE_TEXT
