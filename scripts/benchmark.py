"""Measure the in-browser scorer in headless Chromium, all in one run, and compare with the targets.

    python scripts/benchmark.py                    # builds the site into a temporary folder
    python scripts/benchmark.py --site SITE_DIR    # an already built site
    python scripts/benchmark.py --json out.json    # also write the figures as JSON
    python scripts/benchmark.py --throttle         # loading figures over a 10 Mbit/s, 40 ms connection

Figures:
  bare loadPyodide   page load to loadPyodide() resolved, on a page that only loads Pyodide
  first total        page load to the first total computed by Pyodide, on a page with saved answers
                     (cold: a first visit, empty cache, the interpreter initialised)
  repeat total       the same after a reload of that page once its worker has stored its memory
                     snapshot and the service worker has cached the release: the interpreter
                     restored from the snapshot, the files from the release's cache
  re-score           click on a checklist answer to the summary updated (median and p95)
  export             click on "Download spreadsheet" to the .xlsx ready (median)
  reading page       bytes a subphase page transfers when nobody touches it
Loading times are medians of --repeat runs, each in a fresh browser context (empty cache); the
bare load and the cold and repeat totals are interleaved, so that all see the same machine load.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import json
import statistics
import subprocess
import sys
import tempfile
import threading
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = "/usr/bin/chromium"
# Every host name but the local server's address resolves to nothing, so that no request leaves
# the machine; any request made is recorded (Bench.context). Routing the requests through
# Playwright instead would turn the browser's HTTP cache off, which no reader's browser does.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
READING_PAGE = "data-analysis/hypothesis/"
SCORED_PAGE = "business-comprehension/initial-understanding/"
TIMEOUT_MS = 180_000
STORAGE_KEY = "mlops-handbook:answers"
SAVED_ANSWERS = {
    "format": "mlops-handbook-answers", "version": 1, "project": "Benchmark", "assessor": "", "date": "",
    "route": "ml-model", "task_type": "binary-classification",
    "answers": {"bc-iu-02": True, "bc-iu-03": True, "bc-iu-04": False}, "notes": {},
}

# A page of the same origin that loads nothing but Pyodide; served by the benchmark, not the site.
BARE_PAGE = b"""<!doctype html><meta charset="utf-8"><title>bare loadPyodide</title>
<script type="module">
const { loadPyodide } = await import("/assets/pyodide/pyodide.mjs");
await loadPyodide({ indexURL: "/assets/pyodide/" });
window.bareLoaded = performance.now();
</script>"""
BARE_PATH = "/__benchmark/bare.html"
# Where a first total's time goes: the worker created, the interpreter started (how, in how long),
# the package ready, the total shown (ms since page load, but "ms").
MILESTONES = """() => ({worker: mhTimings.workerStart, ready: mhTimings.ready, total: mhTimings.firstScore,
                     start: mhTimings.scorerStart, ms: mhTimings.scorerStartMs})"""

# As a reader's next visit finds it: the service worker has installed the release and cached the
# scorer's runtime (it starts only once the first total is shown, not to slow it down).
RELEASE_CACHED = """async () => {
    if (!window.isSecureContext || !("serviceWorker" in navigator)) return;
    await navigator.serviceWorker.ready;
    const wasm = new URL("/assets/pyodide/pyodide.asm.wasm", location.href).href;
    for (;;) {
        for (const name of await caches.keys()) {
            if (name.startsWith("mlops-handbook-release-") && await (await caches.open(name)).match(wasm)) return;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}"""

# Chrome DevTools' network emulation for --throttle: 10 Mbit/s each way, 40 ms added to each request.
THROTTLED = {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8, "uploadThroughput": 10_000_000 / 8}

TARGETS = {
    "first_total_ratio": "<= 1.0 x bare loadPyodide",
    "repeat_total_ratio": "<= 0.3 x bare loadPyodide",
    "rescore_p95_ms": "< 50 ms",
    "export_ms": "< 1000 ms",
    "reading_page_bytes": "< 1.5 MB",
}


class _Handler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".wasm": "application/wasm", ".mjs": "text/javascript", ".js": "text/javascript",
                      ".json": "application/json"}

    def do_GET(self):
        if self.path != BARE_PATH:
            return super().do_GET()
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(BARE_PAGE)))
        self.end_headers()
        self.wfile.write(BARE_PAGE)

    def log_message(self, format, *args):  # noqa: A002 - the base class's name
        pass


def build_site(target: Path) -> Path:
    site = target / "site"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                   cwd=ROOT, check=True)
    return site


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-int(fraction * 100) * len(ordered) // 100))
    return ordered[rank - 1]


class Bench:
    def __init__(self, browser, origin: str, throttle: bool = False):
        self.browser = browser
        self.origin = origin
        self.throttle = throttle
        self.foreign: list[str] = []

    def context(self, saved_answers: dict | None = None):
        context = self.browser.new_context(accept_downloads=True)
        context.set_default_timeout(TIMEOUT_MS)
        context.on("request", self._record)
        if saved_answers is not None:
            context.add_init_script(
                f"if (!localStorage.getItem({json.dumps(STORAGE_KEY)})) "
                f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(saved_answers))});")
        return context

    def _record(self, request) -> None:
        if request.url.startswith(("http:", "https:")) and not request.url.startswith(self.origin + "/"):
            self.foreign.append(request.url)

    def new_page(self, context):
        page = context.new_page()
        if self.throttle:
            session = context.new_cdp_session(page)
            session.send("Network.enable")
            session.send("Network.emulateNetworkConditions", THROTTLED)
        return page

    def bare_load_ms(self) -> float:
        context = self.context()
        page = self.new_page(context)
        page.goto(self.origin + BARE_PATH)
        page.wait_for_function("() => window.bareLoaded !== undefined")
        value = page.evaluate("window.bareLoaded")
        context.close()
        return value

    def first_totals(self) -> dict:
        """A first visit's first total, then the same page reloaded once the worker stored its snapshot."""
        context = self.context(SAVED_ANSWERS)
        page = self.new_page(context)
        page.goto(f"{self.origin}/{SCORED_PAGE}")
        page.wait_for_function("() => window.mhTimings && window.mhTimings.firstScore !== null")
        cold = page.evaluate(MILESTONES)
        page.wait_for_function("() => window.mhTimings.snapshotSaved !== undefined")
        page.evaluate(RELEASE_CACHED)
        saved = page.evaluate("mhTimings.snapshotSaved") is not False
        page.reload()
        page.wait_for_function("() => window.mhTimings && window.mhTimings.firstScore !== null")
        repeat = page.evaluate(MILESTONES)
        context.close()
        return {"cold": cold, "repeat": repeat, "saved": saved}

    def rescore_ms(self, clicks: int) -> list[float]:
        context = self.context(SAVED_ANSWERS)
        page = self.new_page(context)
        page.goto(f"{self.origin}/{SCORED_PAGE}")
        page.wait_for_function("() => window.mhTimings && window.mhTimings.firstScore !== null")
        durations = page.evaluate(
            """async (clicks) => {
                const durations = [];
                for (let i = 0; i < clicks; i++) {
                    // The answer not chosen yet, so that every click changes the answers.
                    const input = document.querySelector("fieldset#bc-iu-02 input:not(:checked)");
                    const scored = new Promise((resolve) => document.addEventListener("mh:scored", resolve, { once: true }));
                    const start = performance.now();
                    input.click();
                    await scored;
                    durations.push(window.mhTimings.lastRender - start);
                }
                return durations;
            }""", clicks)
        context.close()
        return durations

    def export_ms(self, repeat: int) -> list[float]:
        context = self.context(SAVED_ANSWERS)
        page = context.new_page()
        page.goto(f"{self.origin}/score/")
        page.wait_for_function("() => window.mhTimings && window.mhTimings.firstScore !== null")
        values = []
        for _ in range(repeat):
            with page.expect_download() as download:
                page.click("#mh-download-xlsx")
            download.value.path()
            values.append(page.evaluate("window.mhTimings.lastExport"))
        context.close()
        return values

    def reading_page_bytes(self) -> tuple[int, list[str]]:
        context = self.context()
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        page.goto(f"{self.origin}/{READING_PAGE}", wait_until="networkidle")
        page.mouse.wheel(0, 3000)
        page.wait_for_load_state("networkidle")
        total = 0
        urls = []
        for request in finished:
            total += request.sizes()["responseBodySize"]
            urls.append(request.url)
        context.close()
        return total, urls


def measure(site: Path, clicks: int, repeat: int, throttle: bool = False) -> dict:
    from playwright.sync_api import sync_playwright

    handler = functools.partial(_Handler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            bench = Bench(browser, origin, throttle)
            bare, totals = [], []
            for _ in range(repeat):  # interleaved, so that all see the same machine load
                bare.append(bench.bare_load_ms())
                totals.append(bench.first_totals())
            bench.throttle = False  # the figures below are of the page's own work
            rescore = bench.rescore_ms(clicks)
            export = bench.export_ms(repeat)
            reading_bytes, reading_urls = bench.reading_page_bytes()
            browser.close()
    finally:
        server.shutdown()
        server.server_close()
    bare_ms = statistics.median(bare)
    first = [run["cold"]["total"] for run in totals]
    again = [run["repeat"]["total"] for run in totals]
    first_ms = statistics.median(first)
    repeat_ms = statistics.median(again)
    return {
        "throttled": THROTTLED if throttle else None,
        "bare_load_pyodide_ms": round(bare_ms, 1),
        "first_total_ms": round(first_ms, 1),
        "first_total_ratio": round(first_ms / bare_ms, 3),
        "repeat_total_ms": round(repeat_ms, 1),
        "repeat_total_ratio": round(repeat_ms / bare_ms, 3),
        # How each start went ("fresh" or "snapshot") and the interpreter's own start, in ms.
        "cold_starts": [[run["cold"]["start"], run["cold"]["ms"]] for run in totals],
        "repeat_starts": [[run["repeat"]["start"], run["repeat"]["ms"]] for run in totals],
        "snapshots_saved": sum(run["saved"] for run in totals),
        # Medians of the milestones: page load to worker created, worker created to package ready,
        # and the interpreter's own start within that.
        "cold_milestones_ms": milestones([run["cold"] for run in totals]),
        "repeat_milestones_ms": milestones([run["repeat"] for run in totals]),
        "rescore_median_ms": round(statistics.median(rescore), 2),
        "rescore_p95_ms": round(percentile(rescore, 0.95), 2),
        "rescore_clicks": len(rescore),
        "export_ms": round(statistics.median(export), 1),
        "reading_page_bytes": reading_bytes,
        "reading_page_requests": len(reading_urls),
        "pyodide_requested_by_reading_page": any("/assets/pyodide/" in url for url in reading_urls),
        "requests_to_other_hosts": bench.foreign,
        "bare_load_pyodide_runs_ms": [round(v, 1) for v in bare],
        "first_total_runs_ms": [round(v, 1) for v in first],
        "repeat_total_runs_ms": [round(v, 1) for v in again],
        "repeat": repeat,
        "targets": TARGETS,
        "met": {
            "first_total_ratio": first_ms <= 1.0 * bare_ms,
            "repeat_total_ratio": repeat_ms <= 0.3 * bare_ms and all(run["repeat"]["start"] == "snapshot" for run in totals),
            "rescore_p95_ms": percentile(rescore, 0.95) < 50,
            "export_ms": statistics.median(export) < 1000,
            "reading_page_bytes": reading_bytes < 1_500_000,
        },
    }


def milestones(runs: list[dict]) -> dict:
    return {"worker_created": round(statistics.median(run["worker"] for run in runs)),
            "worker_to_ready": round(statistics.median(run["ready"] - run["worker"] for run in runs)),
            "interpreter_start": round(statistics.median(run["ms"] for run in runs))}


def table(figures: dict) -> str:
    met = figures["met"]
    rows = [
        ("bare loadPyodide()", f"{figures['bare_load_pyodide_ms']:.0f} ms", "(reference)", ""),
        ("first total, cold (saved answers)", f"{figures['first_total_ms']:.0f} ms "
         f"({figures['first_total_ratio']:.2f} x bare)", TARGETS["first_total_ratio"], met["first_total_ratio"]),
        ("first total, repeat visit (snapshot)", f"{figures['repeat_total_ms']:.0f} ms "
         f"({figures['repeat_total_ratio']:.2f} x bare)", TARGETS["repeat_total_ratio"], met["repeat_total_ratio"]),
        ("re-score after a click, median", f"{figures['rescore_median_ms']:.1f} ms", "", ""),
        (f"re-score after a click, p95 of {figures['rescore_clicks']}", f"{figures['rescore_p95_ms']:.1f} ms",
         TARGETS["rescore_p95_ms"], met["rescore_p95_ms"]),
        ("spreadsheet export", f"{figures['export_ms']:.0f} ms", TARGETS["export_ms"], met["export_ms"]),
        ("reading page, untouched", f"{figures['reading_page_bytes'] / 1e6:.2f} MB in "
         f"{figures['reading_page_requests']} requests", TARGETS["reading_page_bytes"], met["reading_page_bytes"]),
    ]
    widths = [max(len(str(row[i])) for row in rows + [("Measure", "Measured", "Target", "")]) for i in range(3)]
    lines = [f"{'Measure':<{widths[0]}}  {'Measured':<{widths[1]}}  {'Target':<{widths[2]}}  Met"]
    lines.append("-" * len(lines[0]))
    for name, value, target, ok in rows:
        mark = "" if ok == "" else ("yes" if ok else "NO")
        lines.append(f"{name:<{widths[0]}}  {value:<{widths[1]}}  {target:<{widths[2]}}  {mark}")
    for name in ("cold", "repeat"):
        steps = figures[f"{name}_milestones_ms"]
        lines.append(f"{name}: worker created {steps['worker_created']} ms after load, ready "
                     f"{steps['worker_to_ready']} ms later, of which the interpreter's start {steps['interpreter_start']} ms")
    if figures["throttled"]:
        lines.append("loading figures (the first three) over a 10 Mbit/s connection with 40 ms latency")
    if any(start != "snapshot" for start, _ in figures["repeat_starts"]):
        lines.append(f"warning: a repeat visit did not start from the snapshot: {figures['repeat_starts']}")
    if figures["pyodide_requested_by_reading_page"]:
        lines.append("warning: the untouched reading page requested Pyodide files")
    if figures["requests_to_other_hosts"]:
        lines.append(f"warning: requests to other hosts were made (and failed): {figures['requests_to_other_hosts']}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="built site folder (default: build one in a temporary folder)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures to FILE as JSON")
    parser.add_argument("--clicks", type=int, default=50, help="clicks for the re-score figure (default 50)")
    parser.add_argument("--repeat", type=int, default=5, help="runs per loading figure (default 5)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--throttle", action="store_true",
                        help="load over an emulated 10 Mbit/s connection with 40 ms latency")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory(prefix="mlops-handbook-benchmark-") as temporary:
        site = args.site or build_site(Path(temporary))
        if not (site / "assets" / "pyodide" / "pyodide.mjs").is_file():
            parser.error(f"{site} has no assets/pyodide/: build the site with the Pyodide runtime first")
        figures = measure(site, args.clicks, args.repeat, args.throttle)
    print(table(figures))
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    return 1 if args.check and not all(figures["met"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
