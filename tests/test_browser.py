"""The handbook in a real browser: answers kept across pages, and the page's score equal to the CLI's.

The built site is served on 127.0.0.1 and driven with Chromium through Playwright. Every request
to any other host is aborted and recorded, and each test ends by checking that there was none.
"""

from __future__ import annotations

import html
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Iterator

import pytest

from conftest import load_script
from helpers import BROWSER_TIMEOUT_MS as TIMEOUT_MS
from helpers import follow_link, keep_to_site, wait_until
from mlops_handbook import parse_text, score
from mlops_handbook.loader import load_methodology
from mlops_handbook.model import MULTIPLE_CHOICE, SELECTS_ROUTE, SELECTS_TASK_TYPE, YES_NO

pytestmark = pytest.mark.browser


REPO_ROOT = Path(__file__).resolve().parents[1]
STORAGE_KEY = "mlops-handbook:answers"
# An upload's success message; case-sensitive, unlike :has-text(), which "was not loaded" would match.
LOADED = re.compile("Loaded the answers")
ANSWERS_V1 = REPO_ROOT / "tests" / "fixtures" / "answers-v1" / "ml-in-progress.json"
GENERATED_ON = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC")

METHODOLOGY = load_methodology(REPO_ROOT / "checklists")


def page_path(subphase) -> str:
    return f"{subphase.stage_id}/{subphase.id}/"


# ---- Serving the built site -----------------------------------------------------------------

@pytest.fixture(scope="session")
def site(built_site: Path) -> Path:
    """The built site, which must carry the browser runtime the prepare step put into docs/."""
    for needed in ("assets/pyodide/pyodide.mjs", "assets/wheels", "assets/methodology.json",
                   "assets/runtime.json", "assets/js/scorer-worker.js", "assets/js/handbook/main.js"):
        assert (built_site / needed).exists(), f"the built site lacks {needed}"
    return built_site


@pytest.fixture(scope="session")
def origin(site: Path) -> Iterator[str]:
    # The site as built: its sitemap names another address (site_url), as on any host it was not built for.
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), load_script("serve_site").handler(site))
    address = f"http://127.0.0.1:{server.server_address[1]}"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield address
    finally:
        server.shutdown()
        server.server_close()


class Visit:
    """A tab on the site with every request outside it refused: in a browser context of its own
    (its own storage), or in one shared with other visits (see the visit fixture)."""

    def __init__(self, browser, origin: str, shared: tuple | None = None):
        self.origin = origin
        self.requests: list[str] = []
        if shared is None:
            self.context = browser.new_context(accept_downloads=True)
            self.context.set_default_timeout(TIMEOUT_MS)
            self.foreign = keep_to_site(self.context, self.origin)
            self._foreign_before = 0
        else:
            self.context, self.foreign = shared
            self._foreign_before = len(self.foreign)
        self.shared = shared is not None
        self._record = lambda request: self.requests.append(request.url)
        self.context.on("request", self._record)
        self.page = self.context.new_page()

    # -- navigation

    def open(self, path: str) -> None:
        self.page.goto(f"{self.origin}/{path}")
        wait_until(self.page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")

    def follow_link(self, path: str) -> None:
        """Go to a page by clicking a link, as a reader does (instant navigation, no reload)."""
        follow_link(self.page, path)

    # -- answering

    def item(self, item_id: str):
        return self.page.locator(f"fieldset.mh-item#{item_id}")

    def choose(self, item_id: str, value: str) -> None:
        self.item(item_id).locator(f"input[value='{value}']").check()

    def unchoose(self, item_id: str, value: str) -> None:
        self.item(item_id).locator(f"input[value='{value}']").uncheck()

    def stored(self) -> dict | None:
        raw = self.page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
        return None if raw is None else json.loads(raw)

    def wait_scored(self) -> None:
        """Until the score shown reflects the last change."""
        wait_until(self.page, """() => {
                const t = window.mhTimings;
                const badge = document.querySelector(".mh-header-score");
                // On the score page, until the report is drawn too (a score made elsewhere has none).
                const report = !document.getElementById("mh-score") || badge.dataset.state === "error"
                    || document.querySelector("#mh-score-total .mh-score-overall") !== null;
                return t.renderedChange === t.changeCount && t.firstScore !== null && badge
                    && ["scored", "error"].includes(badge.dataset.state) && report;
            }""")

    def shown_total(self) -> tuple[int, int, str]:
        total = self.page.locator("#mh-score-total")
        return (int(total.locator(".mh-points").inner_text()), int(total.locator(".mh-maximum").inner_text()),
                total.locator(".mh-percent").inner_text())

    def shown_figures(self) -> dict:
        """Every figure of the score page's total box, by the class of the span that shows it."""
        return self.page.evaluate(
            """() => {
                const box = document.querySelector("#mh-score-total");
                const figures = {};
                for (const name of ["points", "maximum", "percent", "applicable-percent", "applicable-points",
                                    "applicable-maximum", "paper-points", "paper-maximum", "paper-percent"]) {
                    const span = box.querySelector(".mh-" + name);
                    if (span) figures[name] = span.textContent;
                }
                return figures;
            }""")

    def stored_raw(self) -> str | None:
        return self.page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")

    def backups(self, label: str) -> list[str]:
        return self.page.evaluate(
            "(prefix) => Object.keys(localStorage).filter(k => k.startsWith(prefix))", f"{STORAGE_KEY}:{label}:")

    def download(self, button: str, folder: Path) -> Path:
        with self.page.expect_download() as info:
            self.page.click(button)
        download = info.value
        target = folder / download.suggested_filename
        download.save_as(target)
        return target

    def close(self) -> list[str]:
        """Ends the visit; the requests it made outside the site."""
        if not self.shared:
            self.context.close()
            return self.foreign
        self.context.remove_listener("request", self._record)
        for page in self.context.pages:
            page.close()
        # The next visit finds no answers, as a new reader would; the scorer's snapshot stays.
        cleaner = self.context.new_page()
        cleaner.goto(f"{self.origin}/assets/runtime.json")
        cleaner.evaluate("() => { localStorage.clear(); sessionStorage.clear(); }")
        cleaner.close()
        return self.foreign[self._foreign_before:]


@pytest.fixture(scope="session")
def shared_context(browser, origin) -> Iterator[tuple]:
    """One browser context for the visits that change neither its scripts nor its routes: the
    scorer's memory snapshot, stored by the first start, makes each later start a restore. No
    service worker: one caching in the background would mix its requests into later tests'."""
    context = browser.new_context(accept_downloads=True, service_workers="block")
    context.set_default_timeout(TIMEOUT_MS)
    foreign = keep_to_site(context, origin)
    try:
        yield context, foreign
    finally:
        context.close()


def _visiting(current: Visit) -> Iterator[Visit]:
    try:
        yield current
    finally:
        foreign = current.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


@pytest.fixture
def visit(browser, origin, shared_context) -> Iterator[Visit]:
    """A new tab in the shared context, with the site's storage empty."""
    yield from _visiting(Visit(browser, origin, shared_context))


@pytest.fixture
def private_visit(browser, origin) -> Iterator[Visit]:
    """A visit in a context of its own, for a test that adds scripts or routes to it."""
    yield from _visiting(Visit(browser, origin))


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mlops_handbook.cli", *args], capture_output=True, text=True,
                          check=True, cwd=REPO_ROOT, timeout=120)


def subphases() -> list:
    return list(METHODOLOGY.subphases)


def package_figures(answers_text: str) -> dict:
    """The figures the score page should show, from the package's own score of the same answers."""
    result = score(METHODOLOGY, parse_text(answers_text, METHODOLOGY, "answers"))
    figures = {"points": str(result.points), "maximum": str(result.maximum), "percent": f"{result.percent:.1f}%",
               "applicable-percent": f"{result.applicable_percent:.1f}%",
               "paper-points": str(result.paper_points), "paper-maximum": str(result.paper_maximum),
               "paper-percent": f"{result.paper_percent:.1f}%",
               "applicable-points": str(result.points), "applicable-maximum": str(result.applicable_maximum)}
    return figures


# ---- Tests ----------------------------------------------------------------------------------

class TestAnswersPersist:
    def test_answers_survive_instant_navigation_and_reloads(self, visit):
        """Answers given on three subphase pages are restored after instant navigation, a reload and a fresh load."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "analytical-report")
        v.choose("bc-iu-02", "yes")
        v.choose("bc-iu-03", "no")
        v.item("bc-iu-02").locator("textarea[data-note]").fill("Confirmed on 3 March")
        v.follow_link("data-preparation/data-quality-check/")
        v.choose("dp-dq-01", "yes")
        v.follow_link("data-analysis/insights/")
        first_choice = v.item("da-in-01")
        kind = first_choice.get_attribute("data-kind")
        assert kind in (YES_NO, MULTIPLE_CHOICE)
        if kind == YES_NO:
            v.choose("da-in-01", "yes")
        else:
            first_choice.locator("input").first.check()

        v.follow_link("business-comprehension/initial-understanding/")
        assert v.item("bc-iu-01").locator("input[value='analytical-report']").is_checked()
        assert v.item("bc-iu-02").locator("input[value='yes']").is_checked()
        assert v.item("bc-iu-03").locator("input[value='no']").is_checked()
        assert v.item("bc-iu-02").locator("textarea[data-note]").input_value() == "Confirmed on 3 March"

        v.page.reload()
        wait_until(v.page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        assert v.item("bc-iu-02").locator("input[value='yes']").is_checked()
        v.open("data-preparation/data-quality-check/")
        assert v.item("dp-dq-01").locator("input[value='yes']").is_checked()

        stored = v.stored()
        assert stored["format"] == "mlops-handbook-answers" and stored["version"] == 3
        assert stored["not_applicable"] == {}
        assert stored["route"] == "analytical-report"
        assert stored["answers"]["bc-iu-02"] is True and stored["answers"]["bc-iu-03"] is False
        assert stored["answers"]["dp-dq-01"] is True
        assert stored["notes"] == {"bc-iu-02": "Confirmed on 3 March"}

    def test_clear_stores_null(self, visit):
        """The clear button empties the radio buttons and stores null for the item."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-02", "yes")
        v.item("bc-iu-02").locator("button.mh-clear").click()
        assert not v.item("bc-iu-02").locator("input:checked").count()
        assert v.stored()["answers"]["bc-iu-02"] is None

    def test_items_off_the_route_are_marked(self, visit):
        """After choosing the dashboard route, the items and options that do not count on it are marked."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.follow_link("business-comprehension/project-feasibility/")
        sub = METHODOLOGY.find("project-feasibility")
        assert {item.applies_to("dashboard") for item in sub.items} == {True, False}
        for item in sub.items:
            marked = "mh-not-on-route" in (v.item(item.id).get_attribute("class") or "")
            assert marked == (not item.applies_to("dashboard")), item.id


class TestRedraw:
    def test_a_rescore_that_changes_no_figure_writes_nothing(self, visit):
        """An answer changed and changed back in one action is scored again with the same figures: the summary
        box, the header badge and the navigation's marks are left as they were (the browser has nothing to
        redraw); the next answer changes them."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        v.wait_scored()
        watched = ".mh-summary, .mh-header-score, .md-nav--primary .mh-nav-mark"
        rendered = v.page.evaluate("""(watched) => {
            window.__mutations = [];
            const observer = new MutationObserver((records) => {
                records.forEach((r) => window.__mutations.push(r.type + " " + (r.attributeName || "")));
            });
            document.querySelectorAll(watched).forEach((node) => observer.observe(node,
                { subtree: true, childList: true, characterData: true, attributes: true }));
            return window.mhTimings.lastRender;
        }""", watched)
        v.page.evaluate("""() => ["no", "yes"].forEach((value) =>
            document.querySelector(`fieldset#bc-iu-02 input[value='${value}']`).click())""")
        wait_until(v.page, "(before) => window.mhTimings.lastRender > before", rendered)
        v.wait_scored()
        assert v.page.evaluate("window.__mutations") == []
        v.choose("bc-iu-03", "yes")
        v.wait_scored()
        assert v.page.evaluate("window.__mutations")


class TestScoreMatchesCli:
    def test_page_total_equals_cli_score(self, visit, tmp_path):
        """With ml-model and a task type chosen and answers across pages, the total shown equals `score --json`."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "ml-model")
        v.choose("bc-iu-02", "yes")
        v.choose("bc-iu-04", "no")
        v.follow_link("modeling/training-validation-tests/")
        v.choose("mo-tv-01", "regression")
        v.choose("mo-tv-02", "r-squared")
        v.choose("mo-tv-02", "mean-absolute-error")
        v.choose("mo-tv-02", "accuracy")  # not a regression metric: kept, but no point
        v.follow_link("deployment/monitoring-feedback/")
        for item in METHODOLOGY.find("monitoring-feedback").items[:3]:
            if item.kind == YES_NO:
                v.choose(item.id, "yes")
        v.follow_link("score/")
        v.wait_scored()
        points, maximum, percent = v.shown_total()

        answers_file = v.download("#mh-download-json", tmp_path)
        cli = json.loads(run_cli("score", "--json", str(answers_file)).stdout)
        assert (points, maximum) == (cli["points"], cli["maximum"])
        assert percent == f"{cli['percent']:.1f}%"
        assert cli["route"] == "ml-model" and cli["task_type"] == "regression"
        for stage in cli["stages"]:
            if stage["maximum"]:
                figures = v.page.locator(f".mh-stage-score[data-stage='{stage['stage_id']}'] .mh-stage-figures")
                assert figures.inner_text() == f"{stage['points']} / {stage['maximum']} · {stage['percent']:.1f}%"
        shown_missing = v.page.locator("#mh-score-missing li").evaluate_all("(items) => items.map((li) => li.dataset.item)")
        report = cli["report"]
        assert shown_missing == [gap["item_id"] for gap in report["answered_no"] + report["not_assessed"]]
        assert sorted(shown_missing) == sorted(gap["item_id"] for gap in cli["missing"])
        # The headline's figures in the package's order, each once, labelled as the CLI labels them.
        shown = v.page.locator("#mh-score-total dt").evaluate_all("(terms) => terms.map((dt) => [dt.dataset.figure, dt.textContent])")
        assert shown == [[f["key"], f["label"]] for f in report["headline"][1:]]
        # With no earlier assessment to compare with, the place for the comparison stays empty.
        assert v.page.locator("#mh-report-change-summary").text_content() == ""

    def test_a_spanish_page_writes_spanish_with_the_same_total(self, visit):
        """On a page of the Spanish build the page code writes Spanish, the package names the route in
        Spanish, and the total and its percentage are the package's, written 0,8 %."""
        v = visit
        v.open("es/business-comprehension/initial-understanding/")
        assert v.page.evaluate("document.documentElement.lang") == "es"
        box = v.page.locator(".mh-summary")
        assert "Aún no hay respuestas" in box.inner_text()
        assert v.page.locator(".mh-editing-lead").inner_text().startswith("Editando")
        v.choose("bc-iu-01", "ml-model")
        v.choose("bc-iu-02", "yes")
        v.wait_scored()
        result = score(METHODOLOGY, parse_text(json.dumps(v.stored()), METHODOLOGY, "answers"))
        assert box.locator("strong").first.inner_text() == "Modelo de ML"
        assert f"{result.points} de {result.maximum} puntos" in box.inner_text()
        assert box.locator(".mh-percent").text_content() == f"{result.percent:.1f}".replace(".", ",") + "\u00a0%"
        assert "en la escala del artículo" in box.inner_text()
        # The package's verdict on a reason comes in the page's language too.
        item = v.item("bc-iu-03")
        item.locator("input[data-na]").check()
        item.locator("textarea[data-na-reason]").fill("x")
        item.locator(".mh-na-required", has_text="Este motivo no se acepta").wait_for()
        # This Chromium's Intl, through the page's helpers: the same words as Node's and the package's.
        assert v.page.evaluate("() => import('../../../assets/js/handbook/i18n.js').then((m) => "
                               "[m.formatDate('2026-12-06'), m.formatDate('2026-09-14'), m.formatCount(9000)])") == \
            ["6 dic 2026", "14 sep 2026", "9.000"]

    def test_worker_reports_its_loading_steps_in_order(self, private_visit):
        """While starting, the worker reports the runtime, the packages and the checklists, in that order, then ready."""
        v = private_visit
        v.context.add_init_script("""
            window.__workerMessages = [];
            const NativeWorker = window.Worker;
            window.Worker = function (url, options) {
              const worker = new NativeWorker(url, options);
              worker.addEventListener("message", (event) => {
                const data = event.data || {};
                if (data.type === "progress" || data.type === "ready") {
                  window.__workerMessages.push([data.type, data.step || "", data.message || ""]);
                }
              });
              return worker;
            };
        """)
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-02", "yes")  # the first answer starts the scorer
        wait_until(v.page, "() => window.__workerMessages.some((m) => m[0] === 'ready')")
        messages = v.page.evaluate("window.__workerMessages")
        assert [step for kind, step, _ in messages if kind == "progress"] == ["runtime", "packages", "methodology"]
        assert messages[-1][0] == "ready"
        assert all(text for kind, _, text in messages if kind == "progress"), "each step has a message to show"

    def test_summary_box_follows_each_answer(self, visit):
        """The summary box shows the new total after each answer, and the header badge shows it on other pages."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.wait_scored()
        box = v.page.locator(".mh-summary")
        before = int(box.locator(".mh-points").inner_text())
        v.choose("bc-iu-02", "yes")
        v.wait_scored()
        assert int(box.locator(".mh-points").inner_text()) == before + 1
        assert box.locator(".mh-maximum").inner_text() == str(METHODOLOGY.maximum("dashboard", None))
        assert "Dashboard" in box.inner_text()
        shown = (f"{box.locator('.mh-points').inner_text()} / {box.locator('.mh-maximum').inner_text()} · "
                 f"{box.locator('.mh-percent').inner_text()}")
        v.follow_link("references/")
        assert v.page.locator(".mh-header-score").inner_text() == shown


class TestSpanishEdition:
    def test_switching_language_keeps_the_answers_and_the_spanish_total_equals_cli_score(self, visit, tmp_path):
        """Answers given on an English page and then on the Spanish one, after the header's language switch,
        are all kept, and the Spanish score page shows the total `score --json` gives, in Spanish figures."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        v.wait_scored()
        switch = v.page.locator("a.md-select__link[hreflang='es']")
        spanish_page = "/es/business-comprehension/initial-understanding/"
        assert switch.get_attribute("href").split("#")[0].endswith(spanish_page)  # the same page, its anchor kept
        with v.page.expect_navigation(url=lambda url: spanish_page in url, wait_until="load"):
            switch.evaluate("(link) => link.click()")  # in the header's menu, which opens on hover
        wait_until(v.page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        assert v.page.evaluate("document.documentElement.lang") == "es"
        assert v.item("bc-iu-02").locator("input[value='yes']").is_checked()
        v.choose("bc-iu-03", "yes")
        v.choose("bc-iu-04", "no")
        v.follow_link("es/score/")
        v.wait_scored()
        points, maximum, percent = v.shown_total()
        answers_file = v.download("#mh-download-json", tmp_path)
        stored = json.loads(answers_file.read_text(encoding="utf-8"))["answers"]
        assert {item: stored[item] for item in ("bc-iu-02", "bc-iu-03", "bc-iu-04")} == \
            {"bc-iu-02": True, "bc-iu-03": True, "bc-iu-04": False}
        cli = json.loads(run_cli("score", "--json", str(answers_file)).stdout)
        assert (points, maximum) == (cli["points"], cli["maximum"])
        assert percent.replace("\u00a0", " ") == f"{cli['percent']:.1f} %".replace(".", ",")


class TestWholeRoute:
    # Ticks the given controls the way a click does (checked, then a bubbling change event, so the
    # page's own handler stores each answer) and reports which items and options the page marks as
    # not counted, all in one call per page.
    ANSWER_PAGE = """(plan) => {
        for (const [itemId, values] of plan) {
            for (const value of values) {
                const input = document.querySelector(`fieldset#${itemId} input[value="${value}"]`);
                input.checked = true;
                input.dispatchEvent(new Event("input", {bubbles: true}));
                input.dispatchEvent(new Event("change", {bubbles: true}));
            }
        }
        const marked = (node) => node.classList.contains("mh-not-on-route");
        return Array.from(document.querySelectorAll("fieldset.mh-item"), (fieldset) => [
            fieldset.dataset.item, marked(fieldset),
            Array.from(fieldset.querySelectorAll("label.mh-option"), (label) =>
                [label.querySelector("input").value, marked(label)]),
        ]);
    }"""

    def answer_everything(self, v: Visit, task_type: str) -> None:
        """Every ml-model check answered yes and every option of the task type ticked, page by page."""
        v.open(page_path(subphases()[0]))
        for number, sub in enumerate(subphases()):
            if number:
                v.follow_link(page_path(sub))
            # The route and task type first, so that the page marks the rest before they are checked.
            choosers = [(i.id, ["ml-model" if i.selects == SELECTS_ROUTE else task_type])
                        for i in sub.items if i.selects in (SELECTS_ROUTE, SELECTS_TASK_TYPE)]
            v.page.evaluate(self.ANSWER_PAGE, choosers)
            plan = []
            for item in sub.items:
                if item.selects or not item.applies_to("ml-model"):
                    continue
                plan.append((item.id, ["yes"] if item.kind == YES_NO
                             else [o.id for o in item.applicable_options("ml-model", task_type)]))
            shown = {item_id: (off, dict(options)) for item_id, off, options in v.page.evaluate(self.ANSWER_PAGE, plan)}
            for item in sub.items:
                off, options = shown[item.id]
                assert off == (not item.applies_to("ml-model")), item.id
                if item.applies_to("ml-model") and item.kind == MULTIPLE_CHOICE:
                    applicable = {o.id for o in item.applicable_options("ml-model", task_type)}
                    assert options == {o.id: o.id not in applicable for o in item.options}, item.id

    def test_every_ml_model_check_gives_122_then_anomaly_detection_115(self, visit):
        """Every ml-model check and binary-classification option answered shows 122 of 122; anomaly detection then shows a maximum of 115."""
        v = visit
        self.answer_everything(v, "binary-classification")
        v.follow_link("score/")
        v.wait_scored()
        assert v.shown_total() == (122, 122, "100.0%")
        assert v.page.locator("#mh-score-missing li").count() == 0
        stored = v.stored()
        assert stored["route"] == "ml-model" and stored["task_type"] == "binary-classification"
        assert all(stored["answers"][item.id] not in (None, []) for sub in subphases() for item in sub.items
                   if item.scored and item.applies_to("ml-model"))

        v.page.select_option("#mh-task-type", "anomaly-detection")
        v.wait_scored()
        assert v.shown_total()[1] == 115
        assert v.stored()["task_type"] == "anomaly-detection"


class TestSpreadsheet:
    @staticmethod
    def cell_values(path: Path, data_only: bool) -> dict:
        import openpyxl
        book = openpyxl.load_workbook(path, data_only=data_only)
        values = {}
        for sheet in book.worksheets:
            for row in sheet.iter_rows():
                for cell in row:
                    if cell.value is None:
                        continue
                    if isinstance(cell.value, str) and GENERATED_ON.match(cell.value):
                        continue  # when the file was made
                    values[(sheet.title, cell.coordinate)] = cell.value
        return values

    def test_downloaded_xlsx_matches_cli_export(self, visit, tmp_path):
        """The spreadsheet the page downloads has the same cells as `mlops-handbook export` of the same answers."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "ml-model")
        v.choose("bc-iu-02", "yes")
        v.choose("bc-iu-03", "no")
        v.item("bc-iu-02").locator("textarea[data-note]").fill("Signed off")
        v.follow_link("modeling/training-validation-tests/")
        v.choose("mo-tv-01", "clustering")
        v.follow_link("score/")
        v.page.fill("#mh-project", "Churn model")
        v.page.fill("#mh-assessor", "A. Lead")
        v.page.fill("#mh-date", "2026-11-26")
        v.wait_scored()

        answers_file = v.download("#mh-download-json", tmp_path)
        from_page = v.download("#mh-download-xlsx", tmp_path)
        assert from_page.name.startswith("churn-model-score-") and from_page.suffix == ".xlsx"
        from_cli = tmp_path / "cli.xlsx"
        run_cli("export", str(answers_file), "-o", str(from_cli))
        assert json.loads(answers_file.read_text())["project"] == "Churn model"
        for data_only in (False, True):
            page_cells = self.cell_values(from_page, data_only)
            assert page_cells == self.cell_values(from_cli, data_only)
            assert ("Summary", "A1") in page_cells


class TestUpload:
    BROKEN_FILES = [
        ('{"format": "mlops-handbook-answers", "version": 1, "route": "dashb', "truncated"),
        ('{"format": "something-else", "version": 1}', "format"),
        ('{"format": "mlops-handbook-answers", "version": 1, "answers": {"bc-iu-02": "maybe"}}', "true, false or null"),
        ('{"format": "mlops-handbook-answers", "version": 4, "answers": {}}', "newer release of the handbook"),
    ]

    def test_broken_uploads_leave_answers_intact(self, visit):
        """Each broken answers file is refused with a message that says why, and the saved answers stay as they were.

        One page takes the four files in turn (one scorer start instead of four).
        """
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        v.open("score/")
        v.wait_scored()
        before = v.stored()  # with the date the score page gave it (today)
        for number, (content, expected) in enumerate(self.BROKEN_FILES):
            v.page.set_input_files("#mh-upload-file", files=[
                {"name": f"answers-{number}.json", "mimeType": "application/json", "buffer": content.encode()}])
            message = v.page.locator(f"#mh-score-messages .mh-error:has-text('answers-{number}.json')")
            message.wait_for()
            assert "was not loaded" in message.inner_text(), expected
            assert expected in message.inner_text()
            assert "unchanged" in message.inner_text()
            assert v.stored() == before, expected

    def test_good_upload_replaces_answers(self, visit, tmp_path):
        """A valid answers file replaces the answers and the score follows it."""
        v = visit
        blank = json.loads(run_cli("template", "--route", "analytical-report", "--project", "Sales").stdout)
        blank["answers"]["bc-iu-02"] = True
        v.open("score/")
        v.page.set_input_files("#mh-upload-file", files=[
            {"name": "sales.json", "mimeType": "application/json", "buffer": json.dumps(blank).encode()}])
        v.page.locator("#mh-score-messages .mh-message").filter(has_text=LOADED).wait_for()
        v.wait_scored()
        assert v.stored()["project"] == "Sales"
        assert v.page.input_value("#mh-project") == "Sales"
        assert v.shown_total()[:2] == (1, METHODOLOGY.maximum("analytical-report", None))


    def test_version_1_upload_is_migrated(self, visit):
        """An answers file of version 1 is loaded, stored in the current version and scored as the package scores it."""
        v = visit
        v.open("score/")
        v.page.set_input_files("#mh-upload-file", files=[
            {"name": "v1.json", "mimeType": "application/json", "buffer": ANSWERS_V1.read_bytes()}])
        v.page.locator("#mh-score-messages .mh-message").filter(has_text=LOADED).wait_for()
        v.wait_scored()
        stored = v.stored()
        assert stored["version"] == 3 and stored["not_applicable"] == {}
        assert stored["project"] == json.loads(ANSWERS_V1.read_text())["project"]
        assert v.shown_figures() == package_figures(ANSWERS_V1.read_text())


class TestNotApplicable:
    def test_reason_given_scores_as_the_package_does(self, visit):
        """An item marked not applicable with a reason gives the package's total, share of what applies and paper-core figures."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "ml-model")
        v.choose("bc-iu-02", "yes")
        v.choose("bc-iu-04", "no")
        item = v.item("bc-iu-04")
        item.locator("input[data-na]").check()
        reason = item.locator("textarea[data-na-reason]")
        assert reason.is_visible() and reason.evaluate("(area) => area === document.activeElement")
        assert item.locator("input[name='answer-bc-iu-04']").first.is_disabled()
        v.page.keyboard.type("On premises only: the bank forbids cloud hosting")
        # Stored once the package has judged the reason as typed (through the scorer).
        wait_until(v.page, "(key) => JSON.parse(localStorage.getItem(key)).not_applicable['bc-iu-04'] === "
                           "'On premises only: the bank forbids cloud hosting'", STORAGE_KEY)
        assert v.stored()["not_applicable"] == {"bc-iu-04": "On premises only: the bank forbids cloud hosting"}
        assert v.stored()["answers"]["bc-iu-04"] is None
        v.follow_link("score/")
        v.wait_scored()
        assert v.shown_figures() == package_figures(v.stored_raw())
        assert v.shown_figures()["applicable-maximum"] == str(METHODOLOGY.maximum("ml-model", None) - 1)
        listed = v.page.locator("#mh-score-na li")
        assert listed.count() == 1 and "the bank forbids cloud hosting" in listed.inner_text()
        assert "bc-iu-04" not in v.page.locator("#mh-score-missing li a").all_text_contents()

        v.follow_link("business-comprehension/initial-understanding/")
        assert item.locator("input[data-na]").is_checked() and reason.input_value().startswith("On premises")
        assert item.locator("input[value='no']").is_disabled()

    def test_empty_reason_leaves_the_item_unanswered(self, visit):
        """Without a reason the item is not stored as not applicable, the page says so, and unticking restores the answer."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        item = v.item("bc-iu-02")
        item.locator("input[data-na]").check()
        v.page.keyboard.type("   ")
        message = item.locator(".mh-na-required")
        assert message.is_visible() and "counts as unanswered" in message.inner_text()
        assert item.locator("textarea[data-na-reason]").get_attribute("aria-describedby") == message.get_attribute("id")
        assert v.stored()["not_applicable"] == {} and v.stored()["answers"]["bc-iu-02"] is None
        assert item.locator("button.mh-clear").is_disabled()
        v.wait_scored()
        result = score(METHODOLOGY, parse_text(v.stored_raw(), METHODOLOGY, "answers"))
        assert [i.status for i in result.items if i.item_id == "bc-iu-02"] == ["unanswered"]
        assert v.page.locator(".mh-summary .mh-points").inner_text() == str(result.points)

        item.locator("input[data-na]").uncheck()
        assert item.locator("input[value='yes']").is_checked() and item.locator("input[value='yes']").is_enabled()
        assert v.stored()["answers"]["bc-iu-02"] is True and v.stored()["not_applicable"] == {}
        assert message.is_hidden()


class TestStoredVersions:
    def test_version_1_answers_are_migrated_with_a_copy(self, visit):
        """Version-1 answers in storage open unchanged, are stored in the current version with the original kept, and score as the package scores them."""
        v = visit
        original = ANSWERS_V1.read_text()
        v.open("how-to-use/")
        v.page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, original])
        v.open("business-comprehension/initial-understanding/")
        assert v.item("bc-iu-01").locator("input[value='ml-model']").is_checked()
        assert v.item("bc-iu-02").locator("input[value='yes']").is_checked()
        assert v.item("bc-iu-04").locator("input[value='no']").is_checked()
        assert not v.item("bc-iu-03").locator("input:checked").count()
        assert v.item("bc-iu-04").locator("textarea[data-note]").input_value() == "On-premises by bank policy"

        stored = v.stored()
        assert stored == {**json.loads(original), "version": 3, "not_applicable": {}}
        backups = v.backups("version-1")
        assert len(backups) == 1
        assert v.page.evaluate("(key) => localStorage.getItem(key)", backups[0]) == original
        assert backups[0] in v.page.locator(".mh-notices").inner_text()

        v.follow_link("score/")
        v.wait_scored()
        assert v.shown_figures() == package_figures(original)

    def test_newer_version_is_left_alone(self, visit):
        """Answers saved by a newer release are not overwritten, even after an answer, and the reader is told."""
        v = visit
        newer = json.dumps({"format": "mlops-handbook-answers", "version": 4, "route": "dashboard", "answers": {}})
        v.open("how-to-use/")
        v.page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, newer])
        v.open("business-comprehension/initial-understanding/")
        notice = v.page.locator(".mh-notices .mh-notice")
        notice.wait_for()
        assert "newer release of the handbook" in notice.inner_text() and "version 4" in notice.inner_text()
        v.choose("bc-iu-02", "yes")
        wait_until(v.page, "() => window.mhTimings.changeCount > 0")
        assert v.stored_raw() == newer


class TestStorageRecovery:
    def test_unreadable_saved_answers_are_moved_aside(self, visit):
        """A corrupt stored value is kept under another key and the reader is told so."""
        v = visit
        v.open("how-to-use/")
        v.page.evaluate(f"localStorage.setItem('{STORAGE_KEY}', '{{\"format\": \"mlops-handbook-answ')")
        v.page.reload()
        notice = v.page.locator(".mh-notices .mh-notice")
        notice.wait_for()
        assert "could not be read" in notice.inner_text()
        kept = v.page.evaluate(
            """() => Object.keys(localStorage).filter(k => k.startsWith("mlops-handbook:answers:unreadable:"))""")
        assert len(kept) == 1 and kept[0] in notice.inner_text()
        assert v.page.evaluate("(key) => localStorage.getItem(key)", kept[0]) == '{"format": "mlops-handbook-answ'
        assert v.stored() is None

    def test_reset_moves_answers_aside(self, visit):
        """Reset asks first, then keeps the previous answers under a backup key and empties the checklist."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.open("score/")
        wait_until(v.page, "() => document.querySelector('#mh-date').value !== ''")
        before = v.stored()  # with the date the score page gave it (today)
        v.page.once("dialog", lambda dialog: dialog.accept())
        v.page.click("#mh-reset")
        v.page.locator("#mh-score-messages .mh-message:has-text('reset')").wait_for()
        backups = v.page.evaluate(
            """() => Object.keys(localStorage).filter(k => k.startsWith("mlops-handbook:answers:reset:"))""")
        assert len(backups) == 1
        assert json.loads(v.page.evaluate("(key) => localStorage.getItem(key)", backups[0])) == before
        assert v.stored()["route"] is None and v.stored()["answers"] == {}


class TestNothingLost:
    # A browser whose storage refuses every write, as with site data blocked.
    BLOCKED = """Storage.prototype.setItem = function () {
        throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
    };"""
    # Fills this origin's storage to the last character, halving the filler until nothing more fits.
    FILL = """() => {
        let size = 1 << 22, count = 0;
        while (size >= 1) {
            try { localStorage.setItem("filler:" + count, "x".repeat(size)); count += 1; }
            catch (error) { size = Math.floor(size / 2); }
        }
        return count;
    }"""

    def test_blocked_storage_is_said_on_every_page_and_download_works(self, private_visit, tmp_path):
        """With storage refusing writes, every page says the answers are not saved and links the score page, whose download gives them from memory."""
        v = private_visit
        v.context.add_init_script(self.BLOCKED)
        v.open("business-comprehension/initial-understanding/")
        notice = v.page.locator(".mh-notices .mh-notice[data-topic='storage']")
        assert "not being saved" in notice.inner_text() and "reload" in notice.inner_text()
        assert notice.locator("a").get_attribute("href") == f"{v.origin}/score/"
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        v.follow_link("data-preparation/data-quality-check/")
        assert notice.count() == 1 and "not being saved" in notice.inner_text()
        v.choose("dp-dq-01", "yes")
        notice.locator("a").click()
        v.page.wait_for_url(f"{v.origin}/score/")
        assert v.page.evaluate("window.__sameDocument === true")
        assert notice.count() == 1
        saved = json.loads(v.download("#mh-download-json", tmp_path).read_text())
        assert saved["route"] == "dashboard" and saved["answers"] == {"bc-iu-02": True, "dp-dq-01": True}
        assert v.stored() is None

    def test_reset_with_full_storage_keeps_the_answers(self, visit, tmp_path):
        """With no room for the backup, reset erases nothing and offers the download; after the download it resets."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        v.follow_link("score/")
        wait_until(v.page, "() => document.querySelector('#mh-date').value !== ''")
        before = v.stored()  # with the date the score page gave it (today)
        assert v.page.evaluate(self.FILL) > 0
        v.page.once("dialog", lambda dialog: dialog.accept())
        v.page.click("#mh-reset")
        message = v.page.locator("#mh-score-messages .mh-error")
        assert "not reset" in message.inner_text() and "never erases" in message.inner_text()
        assert v.stored() == before and v.backups("reset") == []
        assert v.page.input_value("#mh-route") == "dashboard" or v.page.locator("#mh-route option").count() == 1

        with v.page.expect_download() as info:
            message.locator("button", has_text="Download answers").click()
        target = tmp_path / info.value.suggested_filename
        info.value.save_as(target)
        assert json.loads(target.read_text()) == before
        v.page.once("dialog", lambda dialog: dialog.accept())
        v.page.click("#mh-reset")
        done = v.page.locator("#mh-score-messages .mh-message:has-text('were reset')")
        assert target.name in done.inner_text() and "upload it" in done.inner_text()
        assert v.stored()["answers"] == {} and v.stored()["route"] is None

    def test_upload_asks_keeps_a_backup_and_undo_restores(self, visit):
        """An upload over answers asks first, keeps them under a backup key, and Undo brings them back exactly."""
        v = visit
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        v.item("bc-iu-02").locator("textarea[data-note]").fill("Signed off")
        v.follow_link("score/")
        v.page.fill("#mh-project", "Churn")
        before = v.stored_raw()
        upload = json.loads(run_cli("template", "--route", "analytical-report", "--project", "Sales").stdout)
        files = [{"name": "sales.json", "mimeType": "application/json", "buffer": json.dumps(upload).encode()}]
        asked = []
        v.page.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
        v.page.set_input_files("#mh-upload-file", files=files)
        v.page.locator("#mh-score-messages .mh-message:has-text('was not loaded')").wait_for()
        assert "Replace your current answers" in asked[0] and v.stored_raw() == before

        v.page.once("dialog", lambda dialog: dialog.accept())
        v.page.set_input_files("#mh-upload-file", files=files)
        loaded = v.page.locator("#mh-score-messages .mh-message").filter(has_text=LOADED)
        loaded.wait_for()
        assert v.stored()["project"] == "Sales" and v.page.input_value("#mh-project") == "Sales"
        kept = v.backups("upload")
        assert len(kept) == 1 and kept[0] in loaded.inner_text()
        assert json.loads(v.page.evaluate("(key) => localStorage.getItem(key)", kept[0])) == json.loads(before)
        loaded.locator("button", has_text="Undo").click()
        v.page.locator("#mh-score-messages .mh-message:has-text('undone')").wait_for()
        assert v.stored() == json.loads(before) and v.page.input_value("#mh-project") == "Churn"
        v.follow_link("business-comprehension/initial-understanding/")
        assert v.item("bc-iu-02").locator("textarea[data-note]").input_value() == "Signed off"

    def test_two_tabs_keep_each_others_answers_and_announce_a_conflict(self, visit):
        """Two tabs changing different items and fields both keep both; a tab that changes an item the other just changed says so, naming it."""
        v = visit
        path = "business-comprehension/initial-understanding/"
        # While window.__deaf is set, this tab hears nothing of the other's writes (as if busy).
        v.page.add_init_script("""(() => {
            const add = window.addEventListener;
            window.addEventListener = function (type, listener, options) {
                const heard = type !== "storage" ? listener
                    : function (event) { if (!window.__deaf) return listener.call(this, event); };
                return add.call(this, type, heard, options);
            };
        })()""")
        v.open(path)
        other = v.context.new_page()
        other.goto(f"{v.origin}/{path}")
        wait_until(other, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        v.choose("bc-iu-02", "yes")
        other.locator("fieldset#bc-iu-03 input[value='no']").check()
        v.page.locator("fieldset#bc-iu-03 input[value='no']:checked").wait_for()
        other.locator("fieldset#bc-iu-02 input[value='yes']:checked").wait_for()
        assert v.stored()["answers"] == {"bc-iu-02": True, "bc-iu-03": False}

        # The first tab hears of the other's writes late, so both change bc-iu-02 before either knows.
        v.page.evaluate("window.__deaf = true")
        other.locator("fieldset#bc-iu-02 input[value='no']").check()
        other.locator("fieldset#bc-iu-04 input[value='yes']").check()
        v.item("bc-iu-02").locator("button.mh-clear").click()
        v.page.evaluate("window.__deaf = false")
        notice = v.page.locator(".mh-notices .mh-notice:has-text('same answer')")
        assert "bc-iu-02" in notice.inner_text() and "replacing no from the other tab" in notice.inner_text()
        assert v.stored()["answers"] == {"bc-iu-02": None, "bc-iu-03": False, "bc-iu-04": True}
        assert v.item("bc-iu-04").locator("input[value='yes']").is_checked()
        other.locator("fieldset#bc-iu-02 input[value='no']:not(:checked)").wait_for()
        assert other.locator("fieldset#bc-iu-04 input[value='yes']").is_checked()

        # Project fields likewise: a name typed in the other tab survives this tab's next answer.
        other.goto(f"{v.origin}/score/")
        v.page.evaluate("window.__deaf = true")
        other.fill("#mh-project", "Churn")
        v.choose("bc-iu-05", "yes")
        assert v.stored()["project"] == "Churn" and v.stored()["answers"]["bc-iu-05"] is True
        other.close()

    def test_values_that_would_stop_the_scorer_are_set_aside(self, visit):
        """A deeply nested stored value is moved aside with a message, a note over a note's limit is cut with its full text kept, and scoring works."""
        v = visit
        deep = ('{"format": "mlops-handbook-answers", "version": 2, "route": "dashboard", "answers": {"bc-iu-02": '
                + "[" * 100_000 + "]" * 100_000 + "}}")
        v.open("how-to-use/")
        v.page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, deep])
        v.open("business-comprehension/initial-understanding/")
        notice = v.page.locator(".mh-notices .mh-notice:has-text('could not be read')")
        assert "levels deep" in notice.inner_text()
        kept = v.backups("unreadable")
        assert len(kept) == 1 and kept[0] in notice.inner_text()
        assert v.page.evaluate("(key) => localStorage.getItem(key).length", kept[0]) == len(deep)
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        v.wait_scored()
        assert v.page.locator(".mh-summary .mh-points").inner_text() == "1"

        long = json.dumps({"format": "mlops-handbook-answers", "version": 2, "route": "dashboard",
                           "answers": {"bc-iu-02": True}, "notes": {"bc-iu-02": "n" * 33_000}})
        v.page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, long])
        v.page.reload()
        notice = v.page.locator(".mh-notices .mh-notice:has-text('longer than such a text may be')")
        assert "the note on bc-iu-02 (33,000 characters, over 32,000)" in notice.inner_text()
        kept = v.backups("long-text")
        assert len(kept) == 1 and kept[0] in notice.inner_text()
        assert v.page.evaluate("(key) => localStorage.getItem(key)", kept[0]) == long
        note = v.item("bc-iu-02").locator("textarea[data-note]")
        # A note read from a file keeps up to 32,000 characters (a migration may join two); one
        # typed here stops at 10,000.
        assert note.get_attribute("maxlength") == "10000" and len(note.input_value()) == 32_000
        counter = v.page.locator("#count-note-bc-iu-02")
        assert "32,000 of 10,000 characters" in counter.inner_text()
        assert counter.get_attribute("id") in note.get_attribute("aria-describedby")
        assert v.item("bc-iu-03").locator("textarea[data-na-reason]").get_attribute("maxlength") == "10000"
        v.item("bc-iu-03").locator("textarea[data-note]").fill("m" * 10_050)
        assert len(v.stored()["notes"]["bc-iu-03"]) == 10_000
        v.wait_scored()
        result = score(METHODOLOGY, parse_text(v.stored_raw(), METHODOLOGY, "answers"))
        assert v.page.locator(".mh-summary .mh-points").inner_text() == str(result.points) == "1"


class TestTwoTabsAtOnce:
    # Yes-or-no items of one page, given in pairs: one to each tab in each round.
    PATH = "data-analysis/insights/"
    ITEMS = ["da-in-01", "da-in-02", "da-in-03", "da-in-05", "da-in-06", "da-in-10",
             "da-in-11", "da-in-12", "da-in-13", "da-in-14", "da-in-15", "da-in-16"]
    # In each tab: on the signal, a Yes to the item and a note typed on it, in the same task.
    ARM = """(item) => {
        const channel = new BroadcastChannel("mh-test-signal");
        channel.onmessage = () => {
            channel.close();
            document.querySelector(`fieldset#${item} input[value='yes']`).click();
            const note = document.querySelector(`fieldset#${item} textarea[data-note]`);
            note.value = "Note of " + item;
            note.dispatchEvent(new Event("input", { bubbles: true }));
        };
    }"""

    def test_answers_and_notes_given_in_two_tabs_at_one_instant_are_all_kept(self, visit):
        """Two tabs answering and typing a note on the same signal, six times over, keep every answer and note in storage and on both screens."""
        v = visit
        v.open(self.PATH)
        other = v.context.new_page()
        other.goto(f"{v.origin}/{self.PATH}")
        wait_until(other, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        signal = v.context.new_page()
        signal.goto(f"{v.origin}/assets/runtime.json")
        given: list[str] = []
        for mine, theirs in zip(self.ITEMS[::2], self.ITEMS[1::2]):
            v.page.evaluate(self.ARM, mine)
            other.evaluate(self.ARM, theirs)
            signal.evaluate("() => new BroadcastChannel('mh-test-signal').postMessage('go')")
            given += [mine, theirs]
            expected = {item: True for item in given}
            # Until both tabs' storage holds the same text with every answer given so far (a tab slowed
            # by a loaded machine may answer late), but no longer than 10 s: a lost answer never comes.
            for _ in range(200):
                raw = v.stored_raw()
                if raw == other.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") and raw is not None \
                        and json.loads(raw)["notes"].keys() == set(given):
                    break
                v.page.wait_for_timeout(50)
            assert v.stored()["answers"] == expected
            assert v.stored()["notes"] == {item: f"Note of {item}" for item in given}
        for page in (v.page, other):
            wait_until(page, """(items) => items.every((item) =>
                    document.querySelector(`fieldset#${item} input[value='yes']`).checked &&
                    document.querySelector(`fieldset#${item} textarea[data-note]`).value === "Note of " + item)""",
                       given)
        assert json.loads(other.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")) == v.stored()
        assert v.page.locator(".mh-notices .mh-notice:has-text('same answer')").count() == 0


class TestLazyLoading:
    def test_untouched_reading_page_loads_no_pyodide(self, visit):
        """A subphase page that nobody touches fetches no Pyodide file; answering an item starts the download."""
        v = visit
        v.open("data-analysis/hypothesis/")
        v.page.wait_for_load_state("networkidle")
        v.page.mouse.wheel(0, 2000)
        v.page.wait_for_load_state("networkidle")
        assert not [url for url in v.requests if "/assets/pyodide/" in url or "/assets/wheels/" in url]
        assert v.page.locator(".mh-header-score").is_hidden()

        first = METHODOLOGY.find("hypothesis").items[0]
        v.item(first.id).locator("input").first.check()
        wait_until(v.page, "() => window.mhTimings.workerStart !== null")
        v.wait_scored()
        assert [url for url in v.requests if "/assets/pyodide/" in url]


    def test_score_page_without_answers_loads_no_pyodide(self, visit):
        """The score page with nothing to score says so and fetches no Pyodide file."""
        v = visit
        v.open("score/")
        v.page.wait_for_load_state("networkidle")
        assert not [url for url in v.requests if "/assets/pyodide/" in url or "/assets/wheels/" in url]
        assert "No answers yet" in v.page.locator("#mh-score-total").inner_text()


class TestSiteSearch:
    SAVED = {"format": "mlops-handbook-answers", "version": 2, "project": "Search", "assessor": "", "date": "",
             "route": "dashboard", "task_type": None, "answers": {"bc-iu-02": True}, "not_applicable": {}, "notes": {}}

    def search_results(self, v: Visit, query: str) -> int:
        v.page.keyboard.press("/")
        v.page.keyboard.type(query)
        v.page.locator(".md-search-result__item").first.wait_for()
        return v.page.locator(".md-search-result__item").count()

    def test_search_waits_for_the_first_total_and_works_at_once_when_asked(self, visit):
        """With answers to score, the theme's search worker is made only once the first total is shown and
        the page has been quiet for a second; a reader who turns to the search box at once gets results."""
        v = visit
        v.open("")
        v.page.evaluate(f"localStorage.setItem({json.dumps(STORAGE_KEY)}, {json.dumps(json.dumps(self.SAVED))})")
        v.open("data-analysis/hypothesis/")
        v.wait_scored()
        assert v.page.evaluate("window.mhSearchWorker.created") is None
        wait_until(v.page, "() => window.mhSearchWorker.created !== null")
        created, why, first = v.page.evaluate(
            "[window.mhSearchWorker.created, window.mhSearchWorker.why, window.mhTimings.lastRender]")
        assert why == "scored" and created - first >= 900, "the search worker was made before a quiet second"
        assert self.search_results(v, "hypothesis") > 0

        v.page.reload()  # the reader goes to the search before the first total
        assert self.search_results(v, "deployment") > 0
        assert v.page.evaluate("window.mhSearchWorker.why") == "search"


class TestWithoutPyodide:
    def test_checklist_saves_and_says_scoring_is_unavailable(self, private_visit, tmp_path):
        """With the Pyodide files missing, answers are still saved and downloadable, and the page says scoring is unavailable."""
        v = private_visit
        v.context.route("**/assets/pyodide/**", lambda route: route.abort())
        v.open("business-comprehension/initial-understanding/")
        v.choose("bc-iu-01", "dashboard")
        v.choose("bc-iu-02", "yes")
        box = v.page.locator(".mh-summary[data-state='unavailable']")
        box.wait_for()
        assert "Scoring is unavailable" in box.inner_text()
        assert v.stored()["answers"]["bc-iu-02"] is True

        v.follow_link("score/")
        v.page.locator("#mh-score-total[data-state='unavailable']").wait_for()
        answers_file = v.download("#mh-download-json", tmp_path)
        saved = json.loads(answers_file.read_text())
        assert saved["route"] == "dashboard" and saved["answers"] == {"bc-iu-02": True}
        v.page.click("#mh-download-xlsx")
        assert "unavailable" in v.page.locator("#mh-score-messages .mh-error").inner_text()


class TestMaturity:
    def test_manual_project_shows_level_0_and_the_automation_roadmap(self, visit):
        """Yes to every practice but automation: the score page shows level 0 after the total, the sentence,
        and the roadmap of each model lists its level-1 practices with their items, as the package does."""
        from mlops_handbook.maturity import maturity

        answers = {i.id: True if i.kind == YES_NO else [o.id for o in i.options]
                   for p, i in METHODOLOGY.route_practices("ml-model") if not p.automation}
        # Version 2, which every release since "not applicable" reads.
        text = json.dumps({"format": "mlops-handbook-answers", "version": 2, "route": "ml-model",
                           "task_type": "binary-classification", "answers": answers})
        expected = maturity(METHODOLOGY, score(METHODOLOGY, parse_text(text, METHODOLOGY, "answers")))
        assert [m.reached for m in expected.models] == [0, 0] and expected.by_hand
        v = visit
        v.open("how-to-use/")
        v.page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, text])
        v.open("score/")
        v.wait_scored()
        block = v.page.locator("#mh-score-total")
        # Right after the paper's total, in the headline's order.
        assert block.locator("dt").all_text_contents()[:2] == ["MLOps maturity", "ML Test Score"]
        assert block.locator(".mh-maturity-level").all_text_contents() == \
            [f"level 0 of {m.top} ({m.reached_title})" for m in expected.models]
        assert block.locator(".mh-by-hand").inner_text() == expected.by_hand
        assert expected.ml_test_score.text in block.locator(".mh-ml-test-score").inner_text()
        block = v.page.locator("#mh-report-roadmap")
        for model in expected.models:
            roadmap = block.locator(f".mh-roadmap-model[data-model='{model.model_id}']")
            # What stands before level 1 is that level's automation, every other practice being yes.
            level_1 = [i.id for p, i in METHODOLOGY.route_practices("ml-model")
                       if p.level(model.model_id) == 1 and p.automation]
            assert level_1 and [s.item_id for s in model.roadmap] == level_1
            assert roadmap.locator("li").evaluate_all("(items) => items.map((li) => li.dataset.item)") == level_1
            assert roadmap.locator(".mh-roadmap-practice").all_text_contents() == [s.practice_title for s in model.roadmap]
            assert model.roadmap_text in roadmap.locator(".mh-roadmap-line").inner_text()
            assert roadmap.locator("li").first.is_visible()
        first = block.locator(".mh-roadmap-model li a:not(.mh-roadmap-practice)").first
        step = expected.models[0].roadmap[0]
        assert first.get_attribute("href") == f"{v.origin}/{step.stage_id}/{step.subphase_id}/#{step.item_id}"

    def test_practice_line_links_to_the_maps_page(self, visit):
        """The practice under a checklist item links to its row on the maps page, reached by instant navigation."""
        v = visit
        v.open("modeling/training-validation-tests/")
        item = METHODOLOGY.find("training-validation-tests").items[-1]
        practice = METHODOLOGY.practice_of(item)
        link = v.item(item.id).locator("a.mh-practice-link")
        assert link.inner_text() == practice.title
        assert link.get_attribute("href") == f"{v.origin}/maps/#practice-{practice.id}"
        link.click()
        wait_until(v.page, "(id) => location.pathname === '/maps/' && document.getElementById(id) !== null",
                   f"practice-{practice.id}")
        assert v.page.locator(f"#practice-{practice.id} th").inner_text() == practice.title


def pdf_pages(pdf: bytes, folder: Path) -> list[tuple[str, float]]:
    """Each page of a PDF: its text with whitespace made single spaces, and how far down the page
    its lowest line of text ends (0 to 1), read by poppler's pdftotext."""
    path = folder / "report.pdf"
    path.write_bytes(pdf)
    boxes = subprocess.run(["pdftotext", "-bbox", str(path), "-"], capture_output=True, text=True, check=True).stdout
    pages = []
    for page in re.findall(r"<page (.*?)</page>", boxes, re.S):
        height = float(re.search(r'height="([\d.]+)"', page).group(1))
        words = re.findall(r'yMax="([\d.]+)">(.*?)</word>', page)
        text = " ".join(word for _, word in words)
        bottom = max((float(y) for y, _ in words), default=0.0) / height
        pages.append((html.unescape(text), bottom))
    return pages


def flat(text: str) -> str:
    return " ".join(text.split())


class TestClientReport:
    EXAMPLES = REPO_ROOT / "docs" / "assets" / "examples" / "portfolio"

    def test_printed_report_and_the_changes_since_the_previous_assessment(self, visit, tmp_path):
        """Printed on A4 and Letter, the score page is a report: a one-page summary naming the project, date, total
        and maturity level, then every answered-no item with its note under one heading and every unanswered one
        under another; no page under a third full but the last; no navigation, button or website sentence. Its
        changes list exactly the items whose answers differ between the two answers files."""
        from mlops_handbook.maturity import maturity
        from mlops_handbook.report import gaps

        before_text = (self.EXAMPLES / "p7-card-fraud-detection-2026-03.json").read_text()
        after = json.loads((self.EXAMPLES / "p7-card-fraud-detection.json").read_text())
        after["notes"] = {"mo-tv-11": "Owner: Ana Ruiz; evidence: tracking server demo on 3 Nov",
                          "de-cs-01": "Chosen model to be confirmed with the client's risk team"}
        answers = parse_text(json.dumps(after), METHODOLOGY, "after")
        result = score(METHODOLOGY, answers)
        answered_no, not_assessed = gaps(METHODOLOGY, answers, result, maturity(METHODOLOGY, result))
        assert answered_no and not_assessed
        index = {"format": "mlops-handbook-projects", "version": 1, "current": "a-2", "pending": False,
                 "projects": [{"id": "p-1", "name": after["project"],
                               "assessments": [{"id": "a-1", "answers": json.loads(before_text)},
                                               {"id": "a-2", "answers": None}]}]}
        v = visit
        v.open("how-to-use/")
        v.page.evaluate("([key, text, index]) => { localStorage.setItem(key, text);"
                        " localStorage.setItem('mlops-handbook:projects', index); }",
                        [STORAGE_KEY, json.dumps(after), json.dumps(index)])
        v.open("score/")
        v.wait_scored()
        v.page.locator("#mh-report-changes li").first.wait_for()

        # The changes: exactly the route's items whose answer or N/A differs between the two files.
        before = json.loads(before_text)

        def state(data, item_id):
            value = data["answers"].get(item_id)
            return sorted(value) if isinstance(value, list) else value, item_id in data.get("not_applicable", {})

        expected = {s.item_id for s in result.items if state(before, s.item_id) != state(after, s.item_id)}
        shown = v.page.locator("#mh-report-changes li").evaluate_all("(items) => items.map((li) => li.dataset.item)")
        assert expected and sorted(shown) == sorted(expected)
        assert f"{score(METHODOLOGY, parse_text(before_text, METHODOLOGY, 'before')).points} of" in \
            v.page.locator("#mh-report-change-summary").inner_text()

        v.page.emulate_media(media="print")
        level = maturity(METHODOLOGY, result).models[0].text
        # The date in the reader's format, as the lists of assessments write it: the month in words.
        date = v.page.evaluate("() => import('./../assets/js/handbook/assessment-labels.js')"
                               ".then((m) => m.formatDate('2026-09-14', document.documentElement.lang))")
        assert "2026" in date and "Sep" in date
        for paper in ("A4", "Letter"):
            pages = pdf_pages(v.page.pdf(format=paper), tmp_path)
            summary = pages[0][0]
            for needed in (after["project"], date, f"{result.points} of {result.maximum} points", level):
                assert needed in summary, (paper, needed)
            assert "Answered no" not in summary, f"{paper}: the detail starts on the summary page"
            whole = flat(" ".join(text for text, _ in pages))
            no_at, open_at = whole.index(f"Answered no ({len(answered_no)})"), whole.index(f"Not yet assessed ({len(not_assessed)})")
            for gap in answered_no:
                at = whole.index(flat(gap.question), no_at)
                assert at < open_at, (paper, gap.item_id)
                if gap.note:
                    assert whole.index(flat(gap.note), at) < open_at
            for gap in not_assessed:
                assert whole.index(flat(gap.question), open_at), (paper, gap.item_id)
            for number, (_, bottom) in enumerate(pages[:-1], 1):
                assert bottom > 1 / 3, f"{paper} page {number} is {bottom:.0%} full"
            for website in ("nothing is sent anywhere", "Download spreadsheet", "Print the report", "Reset answers",
                            "Projects and assessments", "How the score is counted", "Back to top", "Skip to content",
                            "Your score and report", "Practices and frameworks"):
                assert website not in whole, (paper, website)
        v.page.emulate_media(media="screen")
