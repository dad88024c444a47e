"""The benchmark's figures in the README and its time limits, without a browser.

The README's Performance section quotes the runs committed under benchmarks/ (written by
scripts/benchmark.py); these tests fail when a quoted figure is not the saved run's, and check that
every wait of the benchmark ends with a message naming what did not come.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import load_script

REPO = Path(__file__).resolve().parents[1]
BENCHMARKS = REPO / "benchmarks"
benchmark = load_script("benchmark")
lighthouse_audit = load_script("lighthouse_audit")


def performance_section() -> str:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    start = readme.index("\n## Performance\n")
    return readme[start:readme.index("\n## ", start + 1)]


def saved_run(name: str) -> dict:
    return json.loads((BENCHMARKS / name).read_text(encoding="utf-8"))


class TestReadmeFigures:
    @pytest.mark.parametrize("name", ["unthrottled.json", "throttled.json"])
    def test_readme_quotes_the_saved_run(self, name):
        """Each row of the README's scorer table, and its line naming date and machine, is the saved run's, as
        scripts/benchmark.py --readme prints them."""
        section = performance_section()
        run = saved_run(name)
        expected = [benchmark.readme_caption(run, f"benchmarks/{name}"), *benchmark.readme_rows(run)]
        if run["conditions"]["throttled"]:
            expected += benchmark.readme_waterfall(run)
        missing = [line for line in expected if line not in section]
        assert not missing, (f"README.md's Performance section does not quote benchmarks/{name}; replace its "
                             f"lines with `python scripts/benchmark.py --readme benchmarks/{name}`:\n"
                             + "\n".join(missing))

    def test_readme_quotes_the_saved_lighthouse_scores(self):
        """The README's Lighthouse table, and its line naming date and machine, is benchmarks/lighthouse.json's."""
        run = saved_run("lighthouse.json")
        expected = lighthouse_audit.readme_table(run, "benchmarks/lighthouse.json")
        assert "\n".join(expected) in performance_section(), (
            "README.md's Lighthouse table is not benchmarks/lighthouse.json's; replace it with "
            "`python scripts/lighthouse_audit.py --readme benchmarks/lighthouse.json`")

    @pytest.mark.parametrize("name", ["unthrottled.json", "throttled.json"])
    def test_saved_run_is_whole(self, name):
        """A saved run finished without error, with its machine, conditions and every run of each loading figure."""
        run = saved_run(name)
        assert "error" not in run
        assert run["machine"]["cpus"] and run["machine"]["chromium"] and run["machine"]["python"]
        assert run["conditions"]["throttled"] is (name == "throttled.json")
        for figure in ("bare_load_pyodide_ms", "first_total_ms", "repeat_total_ms"):
            assert len(run["runs"][figure]) == run["repeat"]
        assert run["waterfall"]["first_visit"] and run["waterfall"]["bare"]


class TestWaitFor:
    def test_returns_the_first_truthy_value(self):
        """The wait ends as soon as the check gives a truthy value, and gives it back."""
        answers = iter([None, False, {"done": 1}])
        assert benchmark.wait_for(lambda: next(answers), "never", 5, sleep=lambda _: None) == {"done": 1}

    def test_wait_past_its_limit_names_what_did_not_come(self):
        """A check that never succeeds raises BenchmarkTimeout naming what did not come, once the limit has passed."""
        now = [0.0]

        def sleep(seconds):
            now[0] += seconds

        with pytest.raises(benchmark.BenchmarkTimeout,
                           match=r"^the service worker never took control of the page within 60 s$"):
            benchmark.wait_for(lambda: False, "the service worker never took control of the page", 60,
                               interval_s=1, sleep=sleep, clock=lambda: now[0])
        assert 60 <= now[0] <= 61
