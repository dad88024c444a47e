"""Measure the in-browser scorer in headless Chromium, all in one run, and compare with the targets.

    python scripts/benchmark.py                    # builds the site as ./run build does, in a temporary folder
    python scripts/benchmark.py --site SITE_DIR    # an already built site (./run build)
    python scripts/benchmark.py --json out.json    # where to write the figures (default benchmarks/latest.json)
    python scripts/benchmark.py --throttle         # loading figures over a 10 Mbit/s, 40 ms connection
    python scripts/benchmark.py --readme FILE      # print the README's Performance rows of a saved run

Figures:
  bare loadPyodide   page load to loadPyodide() resolved, on a page that only loads Pyodide, its
                     files served by the same server, with the same encoding, as the site's
  first total        page load to the first total computed by Pyodide, on a page with saved answers
                     (cold: a first visit, empty cache, the interpreter initialised)
  repeat total       the same after a reload of that page once its worker has stored its memory
                     snapshot and the service worker has cached the release: the interpreter
                     restored from the snapshot, the files from the release's cache
  re-score           click on a checklist answer to the summary updated (median and p95)
  export             click on "Download spreadsheet" to the .xlsx ready (median)
  reading page       bytes a subphase page transfers when nobody touches it
  waterfall          every request of the first first visit and the first bare load: URL, bytes
                     on the wire, Content-Encoding, start and end in ms after the page's start
Loading times are medians of --repeat runs, each in a fresh browser context (empty cache); the
bare load and the cold and repeat totals are interleaved, so that all see the same machine load.
Every wait has a time limit: when one expires the benchmark says what did not come, prints the
figures measured so far, writes them with the error to the JSON file, and exits 2.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
import serve_site  # noqa: E402 - the site's own server, so the benchmark gets what it serves (encodings too)

CHROMIUM = "/usr/bin/chromium"
# Every host name but the local server's address resolves to nothing, so that no request leaves
# the machine; any request made is recorded (Bench.context). Routing the requests through
# Playwright instead would turn the browser's HTTP cache off, which no reader's browser does.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                 "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
READING_PAGE = "data-analysis/hypothesis/"
SCORED_PAGE = "business-comprehension/initial-understanding/"
DEFAULT_JSON = {False: ROOT / "benchmarks" / "latest.json", True: ROOT / "benchmarks" / "latest-throttled.json"}
# Time limits (seconds). Generous, since a loaded 2-core machine over an emulated 10 Mbit/s
# link takes 15-20 s for a first total; a limit that expires means something never came.
PAGE_LIMIT_S = 120
SERVICE_WORKER_LIMIT_S = 120
STEP_LIMIT_S = 60
STORAGE_KEY = "mlops-handbook:answers"
SAVED_ANSWERS = {
    "format": "mlops-handbook-answers", "version": 1, "project": "Benchmark", "assessor": "", "date": "",
    "route": "ml-model", "task_type": "binary-classification",
    "answers": {"bc-iu-02": True, "bc-iu-03": True, "bc-iu-04": False}, "notes": {},
}

# A page of the same origin that loads nothing but Pyodide; served by the benchmark, not the site.
# Its files are the site's own assets/pyodide/, so they come with the encoding the site's do.
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
FIRST_TOTAL_SHOWN = "() => !!(window.mhTimings && window.mhTimings.firstScore !== null)"

# As a reader's next visit finds it: the service worker has installed the release and cached the
# scorer's runtime (it starts only once the first total is shown, not to slow it down). Asked once
# per poll: "no-worker" when the page cannot have one, else whether the release's cache holds the runtime.
RELEASE_CACHED = """async () => {
    if (!window.isSecureContext || !("serviceWorker" in navigator)) return "no-worker";
    const wasm = new URL("/assets/pyodide/pyodide.asm.wasm", location.href).href;
    for (const name of await caches.keys()) {
        if (name.startsWith("mlops-handbook-release-") && await (await caches.open(name)).match(wasm)) return true;
    }
    return false;
}"""

# Chrome DevTools' network emulation for --throttle: 10 Mbit/s each way, 40 ms added to each request.
THROTTLED = {"offline": False, "latency": 40, "downloadThroughput": 10_000_000 / 8, "uploadThroughput": 10_000_000 / 8}

TARGETS = {
    "unthrottled": {"first_total_ratio": 0.5, "repeat_total_ratio": 0.3},
    "throttled": {"first_total_ratio": 0.8, "repeat_total_ratio": 0.1},
    "rescore_p95_ms": 20,
    "export_ms": 1000,
    "reading_page_requests": 15,
    "reading_page_bytes": 600_000,
}


class BenchmarkTimeout(RuntimeError):
    """A wait of the benchmark passed its time limit; the message says what did not come."""


def wait_for(check: Callable[[], object], never: str, limit_s: float, *, interval_s: float = 0.05,
             sleep: Callable[[float], None] = time.sleep, clock: Callable[[], float] = time.monotonic):
    """check()'s first truthy value, asked every interval_s; BenchmarkTimeout "<never> within N s" past limit_s.

    never names what did not come, e.g. "the first total never appeared on the page".
    """
    deadline = clock() + limit_s
    while True:
        value = check()
        if value:
            return value
        if clock() >= deadline:
            raise BenchmarkTimeout(f"{never} within {limit_s:g} s")
        sleep(interval_s)


def wait_in_page(page, function: str, never: str, limit_s: float = PAGE_LIMIT_S):
    """wait_for on a page function, evaluated with page.evaluate: the site's Content-Security-Policy
    forbids the eval that Playwright's wait_for_function uses. Sleeping through Playwright lets it
    keep handling the browser's events meanwhile."""
    return wait_for(lambda: page.evaluate(function), never, limit_s,
                    sleep=lambda seconds: page.wait_for_timeout(seconds * 1000))


def playwright_limit(action: Callable[[], object], never: str, limit_s: float):
    """action(), which takes Playwright's timeout, with its TimeoutError turned into a BenchmarkTimeout."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        return action()
    except PlaywrightTimeout:
        raise BenchmarkTimeout(f"{never} within {limit_s:g} s") from None


def build_site(target: Path) -> Path:
    """The site as ./run build makes it: MkDocs, then the finishing step (service worker, policy, early start)."""
    site = target / "site"
    for command in ([sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-d", str(site)],
                    [sys.executable, str(ROOT / "scripts" / "finish_site.py"), str(site)]):
        subprocess.run(command, cwd=ROOT, check=True, timeout=600,
                       env={**os.environ, "NO_MKDOCS_2_WARNING": "1"})
    return site


def site_handler(site: Path):
    """serve_site's handler for the site, which also serves the bare page at BARE_PATH."""
    served = serve_site.handler(site)
    base = served.func

    class BenchmarkHandler(base):
        def do_GET(self):
            if self.path != BARE_PATH:
                return super().do_GET()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(BARE_PAGE)))
            self.end_headers()
            self.wfile.write(BARE_PAGE)

    return lambda *args, **kwargs: BenchmarkHandler(*args, **{**served.keywords, **kwargs})


def machine(chromium_version: str | None = None) -> dict:
    """What the figures were measured on."""
    model = None
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8").splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"cpus": os.cpu_count(), "cpu_model": model, "chromium": chromium_version,
            "python": platform.python_version(), "system": platform.platform(),
            "load_average_at_start": [round(value, 2) for value in os.getloadavg()]}


def percentile(values: list[float], fraction: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    rank = max(1, -(-int(fraction * 100) * len(ordered) // 100))
    return ordered[rank - 1]


class Waterfall:
    """The requests a browser context makes (its pages' and its workers'), read once the page is done."""

    def __init__(self, context):
        self.finished: list = []
        self.failed: list = []
        context.on("requestfinished", lambda request: self.finished.append(request))
        context.on("requestfailed", lambda request: self.failed.append(request))

    def rows(self, origin: str, time_origin_ms: float) -> list[dict]:
        """Each finished request in the order it started: path, bytes on the wire, encoding, start and end
        in ms after the page's start (performance.timeOrigin)."""
        rows = []
        for request in self.finished:
            response = request.response()
            sizes = request.sizes()
            timing = request.timing
            start = timing["startTime"] - time_origin_ms
            rows.append({
                "url": request.url.removeprefix(origin),
                "type": request.resource_type,
                "status": response.status if response else None,
                # Body as it came (compressed if it was) plus the response's headers.
                "bytes": sizes["responseBodySize"] + sizes["responseHeadersSize"],
                "body_bytes": sizes["responseBodySize"],
                "encoding": (response.headers.get("content-encoding") if response else None) or "identity",
                "start_ms": round(start, 1),
                "end_ms": round(start + timing["responseEnd"], 1) if timing["responseEnd"] >= 0 else None,
            })
        rows += [{"url": request.url.removeprefix(origin), "type": request.resource_type, "failed": request.failure,
                  "start_ms": round(request.timing["startTime"] - time_origin_ms, 1)} for request in self.failed]
        return sorted(rows, key=lambda row: row["start_ms"])

    def accept_encoding(self, path_end: str) -> str | None:
        """What the browser said it accepts, on the request whose URL ends with path_end."""
        for request in self.finished:
            if request.url.endswith(path_end):
                return request.all_headers().get("accept-encoding")
        return None


# What the worker's decision to download the shipped snapshot saw: how its largest runtime files
# came in (Resource Timing in the worker, where they were fetched).
WORKER_TIMINGS = """() => Object.fromEntries(performance.getEntriesByType("resource")
    .filter((entry) => /(pyodide[.]asm[.]wasm|python_stdlib[.]zip)$/.test(entry.name))
    .map((entry) => [entry.name.split("/").pop(), {transfer: entry.transferSize, encoded: entry.encodedBodySize,
                     decoded: entry.decodedBodySize, body_ms: Math.round(entry.responseEnd - entry.responseStart)}]))"""


def worker_timings(page) -> dict:
    """WORKER_TIMINGS from the page's scorer worker (empty if it cannot be read)."""
    for worker in page.workers:
        if worker.url.endswith("/scorer-worker.js"):
            try:
                return worker.evaluate(WORKER_TIMINGS)
            except Exception:  # noqa: BLE001 - a figure for diagnosis only; the run goes on without it
                return {}
    return {}


class Bench:
    def __init__(self, browser, origin: str, throttle: bool = False):
        self.browser = browser
        self.origin = origin
        self.throttle = throttle
        self.foreign: list[str] = []

    def context(self, saved_answers: dict | None = None):
        context = self.browser.new_context(accept_downloads=True)
        context.set_default_timeout(PAGE_LIMIT_S * 1000)
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

    def goto(self, page, path: str) -> None:
        playwright_limit(lambda: page.goto(self.origin + path, timeout=PAGE_LIMIT_S * 1000),
                         f"the page {path} never loaded", PAGE_LIMIT_S)

    def first_total(self, page, what: str) -> None:
        wait_in_page(page, FIRST_TOTAL_SHOWN, f"the first total never appeared on the {what}")

    def bare_load(self, waterfall: bool = False) -> tuple[float, list[dict] | None, str | None]:
        """ms to loadPyodide() resolved; with waterfall, the page's requests and the browser's Accept-Encoding."""
        context = self.context()
        recorded = Waterfall(context) if waterfall else None
        page = self.new_page(context)
        self.goto(page, BARE_PATH)
        value = wait_in_page(page, "() => window.bareLoaded", "loadPyodide() never resolved on the bare page")
        rows = recorded.rows(self.origin, page.evaluate("performance.timeOrigin")) if recorded else None
        accepted = recorded.accept_encoding("/pyodide.asm.wasm") if recorded else None
        context.close()
        return value, rows, accepted

    def first_totals(self, found: dict, waterfall: bool = False) -> None:
        """A first visit's first total, then the same page reloaded once the worker stored its snapshot
        and the service worker cached the release; with waterfall, the first visit's requests. Each
        figure goes into found as it comes ("cold", "waterfall", "saved", "repeat")."""
        context = self.context(SAVED_ANSWERS)
        recorded = Waterfall(context) if waterfall else None
        page = self.new_page(context)
        self.goto(page, f"/{SCORED_PAGE}")
        self.first_total(page, "first visit")
        cold = found["cold"] = page.evaluate(MILESTONES)
        cold["runtime_timing"] = worker_timings(page)
        if recorded:  # what the first total waited for: the requests begun before it was shown
            found["waterfall"] = [row for row in recorded.rows(self.origin, page.evaluate("performance.timeOrigin"))
                                  if row["start_ms"] <= cold["total"]]
        wait_in_page(page, "() => window.mhTimings.snapshotSaved !== undefined",
                     "the scorer never said whether it saved its memory snapshot", STEP_LIMIT_S)
        found["saved"] = page.evaluate("mhTimings.snapshotSaved") is not False
        cached = wait_in_page(page, RELEASE_CACHED, "the service worker never cached the release's runtime",
                              SERVICE_WORKER_LIMIT_S)
        if cached == "no-worker":
            raise BenchmarkTimeout("the page cannot have a service worker (not a secure context), so a repeat "
                                   "visit cannot be measured")
        playwright_limit(lambda: page.reload(timeout=PAGE_LIMIT_S * 1000), "the reloaded page never loaded",
                         PAGE_LIMIT_S)
        wait_in_page(page, "() => !!(navigator.serviceWorker && navigator.serviceWorker.controller)",
                     "the service worker never took control of the reloaded page", SERVICE_WORKER_LIMIT_S)
        self.first_total(page, "repeat visit")
        found["repeat"] = page.evaluate(MILESTONES)
        context.close()

    def rescore_ms(self, clicks: int) -> list[list[float]]:
        """Per click: [click to summary updated, click to request sent, request to reply (the worker's part),
        reply to summary updated], in milliseconds."""
        context = self.context(SAVED_ANSWERS)
        page = self.new_page(context)
        self.goto(page, f"/{SCORED_PAGE}")
        self.first_total(page, "page measured for re-scores")
        page.evaluate("() => { window.__rescores = null; }")
        # Started without awaiting it, so that the wait below keeps its time limit.
        page.evaluate(
            """(clicks) => { (async () => {
                const durations = [];
                for (let i = 0; i < clicks; i++) {
                    // The answer not chosen yet, so that every click changes the answers.
                    const input = document.querySelector("fieldset#bc-iu-02 input:not(:checked)");
                    const scored = new Promise((resolve) => document.addEventListener("mh:scored", resolve, { once: true }));
                    const start = performance.now();
                    input.click();
                    await scored;
                    const t = window.mhTimings;
                    durations.push([t.lastRender - start, t.lastScoreSent - start, t.lastScoreReply - t.lastScoreSent,
                                    t.lastRender - t.lastScoreReply]);
                }
                window.__rescores = durations;
            })(); }""", clicks)
        durations = wait_in_page(page, "() => window.__rescores",
                                 f"the summary was never updated after each of {clicks} clicks", STEP_LIMIT_S)
        context.close()
        return durations

    def export_ms(self, repeat: int) -> list[float]:
        context = self.context(SAVED_ANSWERS)
        page = context.new_page()
        self.goto(page, "/score/")
        self.first_total(page, "score page")
        values = []
        for _ in range(repeat):
            def download():
                with page.expect_download(timeout=STEP_LIMIT_S * 1000) as info:
                    page.click("#mh-download-xlsx")
                info.value.path()
            playwright_limit(download, "the spreadsheet download never came", STEP_LIMIT_S)
            values.append(page.evaluate("window.mhTimings.lastExport"))
        context.close()
        return values

    def reading_page(self) -> tuple[int, list[str]]:
        """Bytes on the wire and the URLs of an untouched reading page, scrolled to its end."""
        context = self.context()
        page = context.new_page()
        finished = []
        page.on("requestfinished", lambda request: finished.append(request))
        playwright_limit(lambda: page.goto(f"{self.origin}/{READING_PAGE}", wait_until="networkidle",
                                           timeout=PAGE_LIMIT_S * 1000),
                         "the reading page never became idle", PAGE_LIMIT_S)
        page.mouse.wheel(0, 3000)
        playwright_limit(lambda: page.wait_for_load_state("networkidle", timeout=STEP_LIMIT_S * 1000),
                         "the reading page never became idle after scrolling", STEP_LIMIT_S)
        total = 0
        urls = []
        for request in finished:
            sizes = request.sizes()
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            urls.append(request.url.removeprefix(self.origin))
        context.close()
        return total, urls


def measure(site: Path, clicks: int, repeat: int, throttle: bool, result: dict) -> None:
    """Fills result["runs"] (and the rest of result) as the figures come, so that a failure keeps them."""
    import http.server

    from playwright.sync_api import sync_playwright

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), site_handler(site))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    runs = result["runs"]
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
            result["machine"]["chromium"] = browser.version
            bench = Bench(browser, origin, throttle)
            result["requests_to_other_hosts"] = bench.foreign
            for run in range(repeat):  # interleaved, so that all see the same machine load
                bare, bare_rows, accepted = bench.bare_load(waterfall=run == 0)
                runs["bare_load_pyodide_ms"].append(round(bare, 1))
                if run == 0:
                    result["waterfall"] = {"bare": bare_rows, "bare_loaded_ms": round(bare)}
                    result["conditions"]["accept_encoding"] = accepted
                found: dict = {}
                try:
                    bench.first_totals(found, waterfall=run == 0)
                finally:  # what came before a wait that expired counts too
                    keep_first_totals(result, found)
                print(f"run {run + 1} of {repeat}: bare {bare:.0f} ms, first total {found['cold']['total']:.0f} ms "
                      f"({found['cold']['start']}), repeat {found['repeat']['total']:.0f} ms "
                      f"({found['repeat']['start']})", flush=True)
            bench.throttle = False  # the figures below are of the page's own work
            rescores = bench.rescore_ms(clicks)
            runs["rescore_ms"] = [round(parts[0], 2) for parts in rescores]
            runs["rescore_worker_ms"] = [round(parts[2], 2) for parts in rescores]
            runs["export_ms"] = [round(value, 1) for value in bench.export_ms(repeat)]
            reading_bytes, reading_urls = bench.reading_page()
            result["reading_page"] = {"bytes": reading_bytes, "requests": len(reading_urls), "urls": reading_urls}
            browser.close()
    finally:
        server.shutdown()
        server.server_close()


def keep_first_totals(result: dict, found: dict) -> None:
    """Adds what Bench.first_totals found to result, however far it came."""
    runs = result["runs"]
    if "waterfall" in found:
        result["waterfall"].update(first_visit=found["waterfall"], first_total_ms=round(found["cold"]["total"]))
        result["conditions"]["encoding"] = served_encodings(result["waterfall"])
    if "cold" in found:
        runs["first_total_ms"].append(round(found["cold"]["total"], 1))
        runs["cold_milestones"].append(found["cold"])
    if "saved" in found:
        runs["snapshots_saved"].append(found["saved"])
    if "repeat" in found:
        runs["repeat_total_ms"].append(round(found["repeat"]["total"], 1))
        runs["repeat_milestones"].append(found["repeat"])


def served_encodings(waterfall: dict) -> dict:
    """The Content-Encoding the site's largest file and the bare page's copy of it came with."""
    def of(rows):
        found = [row.get("encoding") for row in rows or [] if row["url"].endswith("/pyodide.asm.wasm")]
        return found[0] if found else None
    return {"site": of(waterfall.get("first_visit")), "bare": of(waterfall.get("bare"))}


def summarise(result: dict) -> dict:
    """The figures from the runs measured so far: medians, ratios, and the targets met."""
    runs = result["runs"]
    figures: dict = {}
    if runs["bare_load_pyodide_ms"]:
        figures["bare_load_pyodide_ms"] = round(statistics.median(runs["bare_load_pyodide_ms"]), 1)
    for name in ("first_total", "repeat_total"):
        if runs[f"{name}_ms"]:
            figures[f"{name}_ms"] = round(statistics.median(runs[f"{name}_ms"]), 1)
            figures[f"{name}_ratio"] = round(figures[f"{name}_ms"] / figures["bare_load_pyodide_ms"], 3)
    for name in ("cold", "repeat"):
        if runs[f"{name}_milestones"]:
            figures[f"{name}_starts"] = [run["start"] for run in runs[f"{name}_milestones"]]
            figures[f"{name}_milestones_ms"] = milestones(runs[f"{name}_milestones"])
    if runs["rescore_ms"]:
        figures["rescore_median_ms"] = round(statistics.median(runs["rescore_ms"]), 2)
        figures["rescore_p95_ms"] = round(percentile(runs["rescore_ms"], 0.95), 2)
        figures["rescore_clicks"] = len(runs["rescore_ms"])
    if runs.get("rescore_worker_ms"):  # the worker's part of each: the request to its reply
        figures["rescore_worker_median_ms"] = round(statistics.median(runs["rescore_worker_ms"]), 2)
        figures["rescore_worker_p95_ms"] = round(percentile(runs["rescore_worker_ms"], 0.95), 2)
    if runs["export_ms"]:
        figures["export_ms"] = round(statistics.median(runs["export_ms"]), 1)
    if "reading_page" in result:
        figures["reading_page_bytes"] = result["reading_page"]["bytes"]
        figures["reading_page_requests"] = result["reading_page"]["requests"]
    result["figures"] = figures
    limits = TARGETS["throttled" if result["conditions"]["throttled"] else "unthrottled"]
    checks = {
        "first_total_ratio": lambda value: value <= limits["first_total_ratio"],
        "repeat_total_ratio": lambda value: value <= limits["repeat_total_ratio"],
        "rescore_p95_ms": lambda value: value < TARGETS["rescore_p95_ms"],
        "export_ms": lambda value: value < TARGETS["export_ms"],
        "reading_page_requests": lambda value: value <= TARGETS["reading_page_requests"],
        "reading_page_bytes": lambda value: value <= TARGETS["reading_page_bytes"],
    }
    result["met"] = {name: check(figures[name]) for name, check in checks.items() if name in figures}
    if "repeat_starts" in figures:
        result["met"]["repeat_total_ratio"] = (result["met"]["repeat_total_ratio"]
                                               and all(start == "snapshot" for start in figures["repeat_starts"]))
    return result


def milestones(runs: list[dict]) -> dict:
    return {"worker_created": round(statistics.median(run["worker"] for run in runs)),
            "worker_to_ready": round(statistics.median(run["ready"] - run["worker"] for run in runs)),
            "interpreter_start": round(statistics.median(run["ms"] for run in runs))}


def target_text(name: str, throttled: bool) -> str:
    limits = TARGETS["throttled" if throttled else "unthrottled"]
    return {"first_total_ratio": f"≤ {limits['first_total_ratio']} × bare",
            "repeat_total_ratio": f"≤ {limits['repeat_total_ratio']} × bare",
            "rescore_p95_ms": f"< {TARGETS['rescore_p95_ms']} ms",
            "export_ms": f"< {TARGETS['export_ms']} ms",
            "reading_page_requests": f"≤ {TARGETS['reading_page_requests']} requests",
            "reading_page_bytes": f"≤ {TARGETS['reading_page_bytes'] / 1e6:g} MB"}[name]


def table(result: dict) -> str:
    """The figures measured so far as a plain-text table, with the targets."""
    figures, met, throttled = result["figures"], result["met"], result["conditions"]["throttled"]
    rows = []

    def row(name, label, value):
        rows.append((label, value, target_text(name, throttled) if name else "",
                     "" if name not in met else ("yes" if met[name] else "NO")))

    if "bare_load_pyodide_ms" in figures:
        row(None, "bare loadPyodide()", f"{figures['bare_load_pyodide_ms']:.0f} ms")
    if "first_total_ms" in figures:
        row("first_total_ratio", "first total, cold (saved answers)",
            f"{figures['first_total_ms']:.0f} ms ({figures['first_total_ratio']:.2f} x bare)")
    if "repeat_total_ms" in figures:
        row("repeat_total_ratio", "first total, repeat visit (snapshot)",
            f"{figures['repeat_total_ms']:.0f} ms ({figures['repeat_total_ratio']:.2f} x bare)")
    if "rescore_p95_ms" in figures:
        row(None, "re-score after a click, median", f"{figures['rescore_median_ms']:.1f} ms")
        if "rescore_worker_median_ms" in figures:
            row(None, "  of which the worker's reply, median / p95",
                f"{figures['rescore_worker_median_ms']:.1f} / {figures['rescore_worker_p95_ms']:.1f} ms")
        row("rescore_p95_ms", f"re-score after a click, p95 of {figures['rescore_clicks']}",
            f"{figures['rescore_p95_ms']:.1f} ms")
    if "export_ms" in figures:
        row("export_ms", "spreadsheet export", f"{figures['export_ms']:.0f} ms")
    if "reading_page_bytes" in figures:
        row("reading_page_requests", "reading page, untouched: requests", str(figures["reading_page_requests"]))
        row("reading_page_bytes", "reading page, untouched: bytes", f"{figures['reading_page_bytes'] / 1e6:.2f} MB")
    if not rows:
        return "(no figure measured)"
    header = ("Measure", "Measured", "Target", "")
    widths = [max(len(str(line[i])) for line in rows + [header]) for i in range(3)]
    lines = [f"{'Measure':<{widths[0]}}  {'Measured':<{widths[1]}}  {'Target':<{widths[2]}}  Met"]
    lines.append("-" * len(lines[0]))
    for name, value, target, mark in rows:
        lines.append(f"{name:<{widths[0]}}  {value:<{widths[1]}}  {target:<{widths[2]}}  {mark}")
    for name in ("cold", "repeat"):
        if f"{name}_milestones_ms" in figures:
            steps = figures[f"{name}_milestones_ms"]
            lines.append(f"{name}: worker created {steps['worker_created']} ms after load, ready "
                         f"{steps['worker_to_ready']} ms later, of which the interpreter's start "
                         f"{steps['interpreter_start']} ms ({', '.join(figures[f'{name}_starts'])})")
    conditions = result["conditions"]
    lines.append(("over an emulated 10 Mbit/s connection with 40 ms latency (the loading figures)"
                  if throttled else "unthrottled") + f"; encoding served: {conditions.get('encoding')}")
    if any(start != "snapshot" for start in figures.get("repeat_starts", [])):
        lines.append(f"warning: a repeat visit did not start from the snapshot: {figures['repeat_starts']}")
    if any("/assets/pyodide/" in url for url in result.get("reading_page", {}).get("urls", [])):
        lines.append("warning: the untouched reading page requested Pyodide files")
    if result.get("requests_to_other_hosts"):
        lines.append(f"warning: requests to other hosts were made (and failed): {result['requests_to_other_hosts']}")
    return "\n".join(lines)


def waterfall_summary(waterfall: dict | None, count: int = 8) -> str:
    """The largest files of a first visit, and the last to arrive, with their encoding and times."""
    rows = (waterfall or {}).get("first_visit")
    if not rows:
        return ""
    done = [row for row in rows if row.get("end_ms") is not None]
    runtime = [row for row in done if "/assets/pyodide/" in row["url"] and row["bytes"] > 0]
    by_encoding: dict[str, int] = {}
    for row in done:
        by_encoding[row["encoding"]] = by_encoding.get(row["encoding"], 0) + row["bytes"]

    def line(row):
        return (f"  {row['bytes'] / 1e6:6.2f} MB  {row['encoding']:<8}  {row['start_ms']:7.0f} -> "
                f"{row['end_ms']:7.0f} ms  {row['url']}")

    lines = [f"first visit, requests begun before its first total ({waterfall['first_total_ms']} ms): {len(rows)}, "
             f"{sum(row.get('bytes', 0) for row in rows) / 1e6:.2f} MB on the wire ("
             + ", ".join(f"{encoding} {size / 1e6:.2f} MB" for encoding, size in sorted(by_encoding.items())) + ")"]
    if runtime:
        lines.append(f"Pyodide's files requested from {min(row['start_ms'] for row in runtime):.0f} ms, "
                     f"all in at {max(row['end_ms'] for row in runtime):.0f} ms")
    lines.append("the largest:")
    lines += [line(row) for row in sorted(done, key=lambda row: -row["bytes"])[:count]]
    lines.append("the last to arrive:")
    lines += [line(row) for row in sorted(done, key=lambda row: row["end_ms"])[-count:]]
    return "\n".join(lines)


def readme_caption(result: dict, source: str) -> str:
    """The line that says where, when and under what a README table's figures were measured."""
    found = result["machine"]
    conditions = result["conditions"]
    network = "over an emulated 10 Mbit/s connection with 40 ms latency" if conditions["throttled"] else "unthrottled"
    encoding = conditions.get("encoding") or {}
    return (f"`{source}`: {result['date'][:10]}, {found['cpus']} × {found['cpu_model']}, Chromium "
            f"{found['chromium']}, Python {found['python']}, load average {found['load_average_at_start'][0]:g} "
            f"at the start; {network}, Pyodide served with Content-Encoding "
            f"{encoding.get('site') or 'identity'} (bare page: {encoding.get('bare') or 'identity'}); "
            f"medians of {result['repeat']} interleaved runs.")


def readme_rows(result: dict) -> list[str]:
    """The README's Performance table rows for one saved run (tests/test_benchmark.py checks the README has them)."""
    figures = result["figures"]
    throttled = result["conditions"]["throttled"]
    rows = [f"| bare `loadPyodide()` (a page that only loads Pyodide, empty cache) | "
            f"{figures['bare_load_pyodide_ms']:.0f} ms | reference |",
            f"| first visit: page load to the first total (saved answers, empty cache) | "
            f"{figures['first_total_ms']:.0f} ms, {figures['first_total_ratio']:.2f} × bare "
            f"({', '.join(sorted(set(figures['cold_starts'])))}) | {target_text('first_total_ratio', throttled)} |",
            f"| repeat visit: the same page reloaded (the browser's own snapshot) | "
            f"{figures['repeat_total_ms']:.0f} ms, {figures['repeat_total_ratio']:.2f} × bare | "
            f"{target_text('repeat_total_ratio', throttled)} |"]
    if not throttled:
        worker = (f" (the worker's reply: {figures['rescore_worker_median_ms']:.1f} / "
                  f"{figures['rescore_worker_p95_ms']:.1f} ms)" if "rescore_worker_median_ms" in figures else "")
        rows += [f"| re-score after a click, median / 95th percentile of {figures['rescore_clicks']}, "
                 f"clicked one after another | "
                 f"{figures['rescore_median_ms']:.1f} ms / {figures['rescore_p95_ms']:.1f} ms{worker} | "
                 f"{target_text('rescore_p95_ms', throttled)} |",
                 f"| spreadsheet export (.xlsx written in Pyodide) | {figures['export_ms']:.0f} ms | "
                 f"{target_text('export_ms', throttled)} |",
                 f"| a reading page nobody touches | {figures['reading_page_requests']} requests, "
                 f"{figures['reading_page_bytes'] / 1e6:.2f} MB | "
                 f"{target_text('reading_page_requests', throttled)}, {target_text('reading_page_bytes', throttled)} |"]
    return rows


def readme_waterfall(result: dict, count: int = 8) -> list[str]:
    """The README's table of a saved run's first visit: its largest files, in the order they were asked for."""
    waterfall = result["waterfall"]
    rows = [row for row in waterfall["first_visit"] if row.get("end_ms") is not None]
    largest = sorted(sorted(rows, key=lambda row: -row["bytes"])[:count], key=lambda row: row["start_ms"])
    lines = ["| File | On the wire | Encoding | Asked for → in (ms after the page's start) |", "|---|---|---|---|"]
    lines += [f"| `{row['url']}` | {row['bytes'] / 1e6:.2f} MB | {row['encoding']} | "
              f"{row['start_ms']:.0f} → {row['end_ms']:.0f} |" for row in largest]
    total = sum(row["bytes"] for row in rows)
    lines.append(f"| all {len(rows)} requests begun before the first total ({waterfall['first_total_ms']} ms) | "
                 f"{total / 1e6:.2f} MB | | |")
    return lines


def new_result(throttle: bool, repeat: int, clicks: int) -> dict:
    return {
        "date": datetime.datetime.now(datetime.timezone.utc).isoformat(timespec="seconds"),
        "machine": machine(),
        "conditions": {"throttled": throttle, "network": THROTTLED if throttle else None},
        "repeat": repeat, "clicks": clicks,
        "runs": {"bare_load_pyodide_ms": [], "first_total_ms": [], "repeat_total_ms": [], "cold_milestones": [],
                 "repeat_milestones": [], "snapshots_saved": [], "rescore_ms": [], "rescore_worker_ms": [],
                 "export_ms": []},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="built site folder (default: build one in a temporary folder)")
    parser.add_argument("--json", type=Path, metavar="FILE",
                        help="write the figures to FILE as JSON (default benchmarks/latest.json, "
                             "with --throttle benchmarks/latest-throttled.json)")
    parser.add_argument("--clicks", type=int, default=50, help="clicks for the re-score figure (default 50)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per loading figure (default 3)")
    parser.add_argument("--check", action="store_true", help="exit 1 if a target is missed")
    parser.add_argument("--throttle", action="store_true",
                        help="load over an emulated 10 Mbit/s connection with 40 ms latency")
    parser.add_argument("--readme", type=Path, metavar="FILE",
                        help="print the README's Performance rows of a saved run (FILE) and exit")
    args = parser.parse_args(argv)
    args.json = args.json or DEFAULT_JSON[args.throttle]
    if args.readme:
        try:
            saved = json.loads(args.readme.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            parser.error(f"cannot read {args.readme} ({error}): give a JSON file this benchmark wrote")
        print(readme_caption(saved, args.readme.as_posix()))
        print("\n".join(readme_rows(saved)))
        print("\n".join(["", *readme_waterfall(saved)]))
        return 0

    result = new_result(args.throttle, args.repeat, args.clicks)
    error = None
    with tempfile.TemporaryDirectory(prefix="mlops-handbook-benchmark-") as temporary:
        site = args.site or build_site(Path(temporary))
        for needed in ("assets/pyodide/pyodide.mjs", "sw.js"):
            if not (site / needed).is_file():
                parser.error(f"{site} has no {needed}: build the site as ./run build does "
                             "(mkdocs build, then scripts/finish_site.py), or leave out --site")
        from playwright.sync_api import Error as PlaywrightError

        try:
            measure(site, args.clicks, args.repeat, args.throttle, result)
        except (BenchmarkTimeout, PlaywrightError) as failure:
            error = str(failure).splitlines()[0]
            result["error"] = error
    summarise(result)
    print(table(result))
    print(waterfall_summary(result.get("waterfall")))
    args.json.parent.mkdir(parents=True, exist_ok=True)
    args.json.write_text(json.dumps(result, indent=1) + "\n", encoding="utf-8")
    print(f"figures written to {args.json}")
    if error:
        print(f"benchmark: {error}; the figures above are those measured before it.", file=sys.stderr)
        return 2
    return 1 if args.check and not all(result["met"].values()) else 0


if __name__ == "__main__":
    sys.exit(main())
