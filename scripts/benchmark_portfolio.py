"""Measure the portfolio: the CLI over 1,000 answers files, and portfolio_json in Pyodide under Node.

    python scripts/benchmark_portfolio.py                  # both, with the targets
    python scripts/benchmark_portfolio.py --files 1000 --assessments 200 --repeat 5
    python scripts/benchmark_portfolio.py --json out.json  # also write the figures as JSON

Figures:
  cli text       `mlops-handbook portfolio DIR` over --files generated answers files (a new
                 process each run: start-up, reading, scoring and the text summary), median
  cli xlsx       the same with `-o portfolio.xlsx` (the spreadsheet written too), median
  pyodide        browser.portfolio_json over --assessments answers files in Pyodide under Node,
                 after the package is installed, imported and loaded (the scorer ready), median
                 of --repeat calls; the first call is reported apart
The generated files are random answers on every route; one in five is a further assessment of a project.
Needs Node and the pyodide npm package (`npm ci`) and current wheels (`scripts/build_wheels.py`).
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from mlops_handbook.answers import Answers, dumps  # noqa: E402
from mlops_handbook.loader import load_methodology, load_raw  # noqa: E402
from mlops_handbook.model import MULTIPLE_CHOICE, Methodology  # noqa: E402

PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
TARGETS = {"cli_text_s": 5.0, "cli_xlsx_s": 5.0, "pyodide_ms": 1000.0}

# Loads the wheels into Pyodide, imports and loads the package, then calls portfolio_json on the
# files (a JS array of [name, text] pairs, as the page's worker passes them) --repeat times.
NODE_RUNNER = r"""
import { readFileSync, writeFileSync } from "node:fs";
const request = JSON.parse(readFileSync(process.argv[2], "utf8"));
const { loadPyodide } = await import(request.pyodide_module);
const pyodide = await loadPyodide({ indexURL: request.index_url, stdout: () => {}, stderr: console.error });
await pyodide.loadPackage(request.wheels, { messageCallback: () => {} });
const browser = pyodide.pyimport("mlops_handbook.browser");
browser.load(readFileSync(request.methodology_path, "utf8"));
const files = request.files.map(([name, text, asBytes]) => [name, asBytes ? new TextEncoder().encode(text) : text]);
const times = [];
let result = null;
for (let run = 0; run < request.repeat; run++) {
  const start = performance.now();
  result = browser.portfolio_json(files);
  times.push(performance.now() - start);
}
writeFileSync(request.out_path, JSON.stringify({ times, result }));
"""


def generate(methodology: Methodology, count: int, seed: int = 2026) -> list[tuple[str, str]]:
    """`count` answers files (name, JSON text): random answers, about one project in four assessed twice."""
    rng = random.Random(seed)
    files = []
    projects = max(1, count * 4 // 5)
    for index in range(count):
        project = index if index < projects else rng.randrange(projects)
        route = rng.choice(methodology.routes).id
        task_type = rng.choice(methodology.task_types).id if methodology.route_uses_task_type(route) else None
        answers = {}
        for item in methodology.items:
            if not item.scored or not item.applies_to(route):
                continue
            if item.kind == MULTIPLE_CHOICE:
                answers[item.id] = tuple(o.id for o in item.options if rng.random() < 0.6)
            else:
                answers[item.id] = rng.choice((True, True, False, None))
        date = f"2026-{1 + index % 12:02d}-{1 + rng.randrange(28):02d}"
        document = Answers(route=route, task_type=task_type, project=f"Project {project:04d}",
                           assessor="Benchmark", date=date, answers=answers)
        files.append((f"answers-{index:04d}.json", dumps(document)))
    return files


def time_cli(folder: Path, repeat: int, output: Path | None) -> list[float]:
    command = [sys.executable, "-m", "mlops_handbook.cli", "portfolio", str(folder)]
    if output is not None:
        command += ["-o", str(output)]
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        completed = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
        if completed.returncode != 0:
            raise SystemExit(f"the CLI failed (exit {completed.returncode}): {completed.stderr[-2000:]}")
    return times


def wheels() -> list[Path]:
    """The current wheels, checked as the site build and the tests check them."""
    sys.path.insert(0, str(ROOT / "scripts"))
    import build_wheels

    return build_wheels.check_wheels(ROOT / "build" / "wheels")


def pyodide_portfolio(files: list[tuple[str, str, bool]], work: Path, repeat: int = 1) -> dict:
    """portfolio_json in Pyodide under Node: {"times": [ms per call], "result": the last JSON text}.

    `files` are (name, answers JSON text, pass as bytes); raises RuntimeError if Node fails.
    """
    runner = work / "portfolio_runner.mjs"
    runner.write_text(NODE_RUNNER, encoding="utf-8")
    methodology_path = work / "methodology.json"
    methodology_path.write_text(json.dumps(load_raw(ROOT / "checklists")), encoding="utf-8")
    request = {"index_url": f"{PYODIDE_DIR}/", "pyodide_module": (PYODIDE_DIR / "pyodide.mjs").as_uri(),
               "wheels": [str(w) for w in wheels()],
               "methodology_path": str(methodology_path), "files": files, "repeat": repeat,
               "out_path": str(work / "portfolio_result.json")}
    request_path = work / "portfolio_request.json"
    request_path.write_text(json.dumps(request), encoding="utf-8")
    completed = subprocess.run(["node", str(runner), str(request_path)], cwd=ROOT, capture_output=True,
                               text=True, timeout=600)
    if completed.returncode != 0:
        raise RuntimeError(f"node failed (exit {completed.returncode}): {completed.stderr[-4000:]}")
    return json.loads((work / "portfolio_result.json").read_text(encoding="utf-8"))


def measure(files: int, assessments: int, repeat: int) -> dict:
    methodology = load_methodology()
    figures: dict = {"files": files, "assessments": assessments}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        folder = work / "answers"
        folder.mkdir()
        for name, text in generate(methodology, files):
            (folder / name).write_text(text, encoding="utf-8")
        figures["cli_text_s"] = statistics.median(time_cli(folder, repeat, None))
        figures["cli_xlsx_s"] = statistics.median(time_cli(folder, repeat, work / "portfolio.xlsx"))
        sample = [(name, text, False) for name, text in generate(methodology, assessments, seed=7)]
        run = pyodide_portfolio(sample, work, repeat + 1)
        figures["pyodide_first_ms"] = run["times"][0]
        figures["pyodide_ms"] = statistics.median(run["times"][1:])
    return figures


def table(figures: dict) -> str:
    rows = [
        (f"CLI portfolio, {figures['files']:,} files, text", f"{figures['cli_text_s']:.2f} s", "< 5 s"),
        (f"CLI portfolio, {figures['files']:,} files, -o .xlsx", f"{figures['cli_xlsx_s']:.2f} s", "< 5 s"),
        (f"portfolio_json in Pyodide, {figures['assessments']} assessments (first call)",
         f"{figures['pyodide_first_ms']:.0f} ms", ""),
        (f"portfolio_json in Pyodide, {figures['assessments']} assessments (median)",
         f"{figures['pyodide_ms']:.0f} ms", "< 1 s"),
    ]
    width = max(len(r[0]) for r in rows)
    return "\n".join(f"{name:<{width}}  {value:>9}  {target}" for name, value, target in rows)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000, help="answers files for the CLI (default 1000)")
    parser.add_argument("--assessments", type=int, default=200, help="assessments for Pyodide (default 200)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each measure (default 3)")
    parser.add_argument("--json", metavar="FILE", help="also write the figures as JSON")
    args = parser.parse_args(argv)
    figures = measure(args.files, args.assessments, args.repeat)
    print(table(figures))
    if args.json:
        Path(args.json).write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    met = all(figures[key] < limit for key, limit in TARGETS.items())
    print("all targets met" if met else "a target is missed")
    return 0 if met else 1


if __name__ == "__main__":
    sys.exit(main())
