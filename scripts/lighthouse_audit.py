"""Lighthouse scores of the built site, served compressed as a production host would.

    python scripts/lighthouse_audit.py [SITE_DIR] [--json FILE]     (./run bench runs it too)
    python scripts/lighthouse_audit.py --readme FILE                 the README's table of a saved run

Audits the home, a subphase and the score page with the pinned Lighthouse (scripts/lighthouse/,
installed by `npm ci --prefix scripts/lighthouse`) in Debian's Chromium, with Lighthouse's
default mobile profile and simulated throttling. The site is served from memory with gzip for
every compressible type, as any web server does when asked. The scores, with the date, the
machine and the versions, go to --json FILE (default benchmarks/lighthouse-latest.json). Targets: accessibility, best
practices, SEO and performance at least 95; exit status 1 if one is missed.
"""

from __future__ import annotations

import argparse
import datetime
import gzip
import http.server
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CLI = ROOT / "scripts" / "lighthouse" / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = "/usr/bin/chromium"
PAGES = ("", "data-preparation/data-quality-check/", "score/")
DEFAULT_JSON = ROOT / "benchmarks" / "lighthouse-latest.json"
PAGE_NAMES = {"/": "home", "data-preparation/data-quality-check/": "a subphase (data quality check)",
              "score/": "score page (no answers)"}
TARGETS = {"performance": 95, "accessibility": 95, "best-practices": 95, "seo": 95}
TYPES = {".html": "text/html; charset=utf-8", ".css": "text/css", ".js": "text/javascript",
         ".mjs": "text/javascript", ".json": "application/json", ".xml": "application/xml",
         ".svg": "image/svg+xml", ".wasm": "application/wasm", ".zip": "application/zip",
         ".whl": "application/zip", ".png": "image/png", ".ico": "image/x-icon", ".txt": "text/plain"}
COMPRESSED = {".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".wasm", ".txt"}


def compressed_handler(site: Path):
    """A handler serving site/ with gzip when the client accepts it; bodies compressed once."""
    cache: dict[Path, bytes] = {}

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            path = (site / self.path.split("?")[0].split("#")[0].lstrip("/")).resolve()
            if path.is_dir():
                path = path / "index.html"
            if site.resolve() not in path.parents or not path.is_file():
                self.send_error(404)
                return
            body = path.read_bytes()
            self.send_response(200)
            self.send_header("Content-Type", TYPES.get(path.suffix, "application/octet-stream"))
            self.send_header("Cache-Control", "max-age=3600")
            if path.suffix in COMPRESSED and "gzip" in self.headers.get("Accept-Encoding", ""):
                if path not in cache:
                    cache[path] = gzip.compress(body, compresslevel=6)
                body = cache[path]
                self.send_header("Content-Encoding", "gzip")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format, *args):  # noqa: A002 - the base class's name
            pass

    return Handler


def audit(url: str, work: Path) -> dict[str, int]:
    """Lighthouse's four category scores (0-100) for one page."""
    report = work / "report.json"
    command = ["node", str(CLI), url, "--quiet", "--output=json", f"--output-path={report}",
               "--only-categories=" + ",".join(TARGETS),
               "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    subprocess.run(command, check=True, timeout=300, env={**os.environ, "CHROME_PATH": CHROMIUM},
                   stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    categories = json.loads(report.read_text(encoding="utf-8"))["categories"]
    return {name: round(categories[name]["score"] * 100) for name in TARGETS}


def run(site: Path) -> dict[str, dict[str, int]]:
    if not CLI.is_file():
        raise SystemExit("lighthouse_audit: Lighthouse is not installed; run "
                         "`npm ci --prefix scripts/lighthouse` (./run bench does it).")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), compressed_handler(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        with tempfile.TemporaryDirectory() as work:
            return {page or "/": audit(origin + page, Path(work)) for page in PAGES}
    finally:
        server.shutdown()
        server.server_close()


def missed(scores: dict[str, dict[str, int]]) -> list[str]:
    return [f"{page} {name} {score} < {TARGETS[name]}" for page, row in scores.items()
            for name, score in row.items() if score < TARGETS[name]]


def saved(scores: dict[str, dict[str, int]]) -> dict:
    """The scores with when, where and with what they were measured."""
    model = next((line.split(":", 1)[1].strip() for line in Path("/proc/cpuinfo").read_text().splitlines()
                  if line.startswith("model name")), None) if Path("/proc/cpuinfo").is_file() else None
    chromium = subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True, timeout=60).stdout.strip()
    lighthouse = json.loads((CLI.parents[1] / "package.json").read_text(encoding="utf-8"))["version"]
    return {"date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "cpu_model": model, "chromium": chromium,
                        "load_average_at_start": [round(value, 2) for value in os.getloadavg()]},
            "lighthouse": lighthouse, "served": "gzip for every compressible type", "scores": scores}


def readme_table(result: dict, source: str) -> list[str]:
    """The README's Lighthouse lines for a saved run (tests/test_benchmark.py checks the README has them)."""
    found = result["machine"]
    lines = [f"`{source}`: {result['date'][:10]}, {found['cpus']} × {found['cpu_model']}, {found['chromium']}, "
             f"Lighthouse {result['lighthouse']}.", "",
             "| Page | Performance | Accessibility | Best practices | SEO |", "|---|---|---|---|---|"]
    for page, row in result["scores"].items():
        lines.append(f"| {PAGE_NAMES.get(page, page)} | " + " | ".join(str(row[name]) for name in TARGETS) + " |")
    lines.append("| target | " + " | ".join(f"≥ {TARGETS[name]}" for name in TARGETS) + " |")
    return lines


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site_dir", nargs="?", type=Path, default=ROOT / "site")
    parser.add_argument("--json", type=Path, default=DEFAULT_JSON,
                        help="write the scores to this file (default benchmarks/lighthouse-latest.json)")
    parser.add_argument("--readme", type=Path, metavar="FILE", help="print the README's table of a saved run and exit")
    args = parser.parse_args(argv)
    if args.readme:
        print("\n".join(readme_table(json.loads(args.readme.read_text(encoding="utf-8")), args.readme.as_posix())))
        return 0
    started = time.monotonic()
    scores = run(args.site_dir)
    for page, row in scores.items():
        print(f"{page:40} " + "  ".join(f"{name} {score}" for name, score in row.items()))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(saved(scores), indent=1) + "\n", encoding="utf-8")
    print(f"scores written to {args.json} ({time.monotonic() - started:.0f} s)")
    problems = missed(scores)
    for problem in problems:
        print(f"target missed: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
