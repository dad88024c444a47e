"""The Portfolio page in Chromium, and the score page reading a filled-in spreadsheet.

One browser context serves every test here (one scorer start): the seven made-up projects of
docs/assets/examples/portfolio/ (one of them as a score spreadsheet) and a broken file are picked with
the keyboard alone, then the views, the downloads, accessibility, the stored assessments and the
score page's spreadsheet upload are checked in turn, each against the command line's answer for
the same files. The tests run in file order and build on each other's page.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from helpers import BROWSER_TIMEOUT_MS, follow_link, keep_to_site, wait_until
from mlops_handbook import parse_text, score
from test_accessibility import AXE, audit_both_schemes
from test_browser import METHODOLOGY, REPO_ROOT, STORAGE_KEY, origin, site  # noqa: F401 - fixtures

pytestmark = pytest.mark.browser

FIXTURES = REPO_ROOT / "docs" / "assets" / "examples" / "portfolio"
AS_SPREADSHEET = "p2-store-sales-report"      # this one is given as the CLI's score spreadsheet
BROKEN = ("broken.json", '{"format": "mlops-handbook-answers", "version": 2, "answers": {"bc-iu-02": "maybe"}}')
GENERATED_ON = re.compile(r"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}")
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
FOCUSABLE = "button:not([disabled]), a[href], summary, [tabindex='0']"
# A control named by what does not change when it gets focus or is busy.
CONTROL_KEY = "(el) => el.tagName + '#' + el.id + ' ' + (el.getAttribute('aria-label') || el.textContent.trim())"


def cli(*args: str, cwd: Path = REPO_ROOT) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "mlops_handbook.cli", *args], capture_output=True, text=True,
                          cwd=cwd, timeout=120, check=False)


def plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def cell_values(path: Path, data_only: bool) -> dict:
    import openpyxl

    values = {}
    for sheet in openpyxl.load_workbook(path, data_only=data_only).worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.value is not None and not (isinstance(cell.value, str) and GENERATED_ON.match(cell.value)):
                    values[(sheet.title, cell.coordinate)] = cell.value
    return values


@pytest.fixture(scope="module")
def inputs(tmp_path_factory) -> Path:
    """The files to compare: the fixtures (one exported as .xlsx by the CLI) and a broken one."""
    folder = tmp_path_factory.mktemp("portfolio-inputs")
    for source in FIXTURES.glob("*.json"):
        if source.stem == AS_SPREADSHEET:
            exported = cli("export", str(source), "-o", str(folder / f"{source.stem}.xlsx"))
            assert exported.returncode == 0, exported.stderr
        else:
            shutil.copy(source, folder / source.name)
    (folder / BROKEN[0]).write_text(BROKEN[1], encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def expected(inputs, tmp_path_factory) -> SimpleNamespace:
    """What `mlops-handbook portfolio` says of the same files: its --json and its -o spreadsheet."""
    out = tmp_path_factory.mktemp("portfolio-cli") / "cli-portfolio.xlsx"
    names = sorted(path.name for path in inputs.iterdir())
    result = cli("portfolio", *names, "--json", "-o", str(out), cwd=inputs)
    assert result.returncode == 2 and BROKEN[0] in result.stderr, result.stderr   # a broken file: exit 2
    data = json.loads(result.stdout)
    return SimpleNamespace(json=data, portfolio=data["portfolio"], xlsx=out, files=[inputs / n for n in names])


@pytest.fixture(scope="module")
def session(browser, origin):  # noqa: F811 - the fixture imported above
    """One context for the module, with the site's Content-Security-Policy in force.

    Service workers are blocked so that every request goes through the context's routes: axe-core
    is served from the site's own origin, which the policy allows, instead of being inlined.
    """
    context = browser.new_context(accept_downloads=True, service_workers="block", color_scheme="light")
    context.set_default_timeout(BROWSER_TIMEOUT_MS)
    foreign = keep_to_site(context, origin)
    context.route(f"{origin}/__axe.js", lambda route: route.fulfill(path=str(AXE), content_type="text/javascript"))
    page = context.new_page()
    refused: list[str] = []
    page.on("console", lambda message: refused.append(message.text)
            if "Content Security Policy" in message.text else None)
    try:
        yield SimpleNamespace(page=page, origin=origin, refused=refused)
    finally:
        context.close()
    assert foreign == [], f"requests to other hosts: {foreign}"


def table_rows(page, section: str) -> list[list[list[str]]]:
    """The body rows of each table in a view, as cell texts."""
    return page.evaluate("""(section) => Array.from(document.querySelectorAll(section + " table")).map((table) =>
        Array.from(table.tBodies[0].rows).map((row) => Array.from(row.cells).map((c) => c.textContent.trim())))""",
                         section)


def focused(page, selector: str) -> bool:
    return page.evaluate("(selector) => document.activeElement.matches(selector)", selector)


def press_for_download(page, folder: Path) -> Path:
    with page.expect_download() as info:
        page.keyboard.press("Enter")
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


class TestPortfolioPage:
    def test_keyboard_alone_picks_the_files_reaches_every_control_and_downloads(self, session, expected, tmp_path):
        """Tab to "Choose files", Space, pick all; then Tab through every control of the results, each with a
        visible focus ring, pressing Enter on the two downloads, which equal the CLI's JSON and spreadsheet."""
        page = session.page
        # Listened for from the start: Playwright turns the browser's file-chooser interception on
        # without waiting, and a key pressed right after asking for it could come first (seen under load).
        choosers = []

        def chosen(chooser) -> None:
            choosers.append(chooser)

        page.on("filechooser", chosen)
        page.goto(f"{session.origin}/portfolio/")
        wait_until(page, "() => window.mhTimings !== undefined && window.mhTimings.pageViews > 0")
        page.evaluate("document.activeElement.blur(); window.scrollTo(0, 0)")
        for _ in range(150):
            page.keyboard.press("Tab")
            if focused(page, "#mh-portfolio-pick"):
                break
        assert focused(page, "#mh-portfolio-pick"), "Tab never reached Choose files"
        # Space: the click that Enter makes, as Playwright sends it, does not count as the user's
        # gesture that opening a file chooser needs in headless Chromium.
        page.keyboard.press("Space")
        for _ in range(BROWSER_TIMEOUT_MS // 50):
            if choosers:
                break
            page.wait_for_timeout(50)
        assert len(choosers) == 1, "Space on Choose files opened no file chooser"
        page.remove_listener("filechooser", chosen)
        choosers[0].set_files([str(path) for path in expected.files])
        page.locator("#mh-portfolio-summary").wait_for()

        controls = page.evaluate(f"""(selector) => Array.from(document.querySelector("#mh-portfolio")
            .querySelectorAll(selector)).filter((el) => el.checkVisibility()).map({CONTROL_KEY})""", FOCUSABLE)
        reached, rings, downloads = set(), [], {}
        for _ in range(len(controls) + 40):
            page.keyboard.press("Tab")
            state = page.evaluate(f"""() => {{
                const el = document.activeElement;
                const style = getComputedStyle(el);
                return {{key: ({CONTROL_KEY})(el), inside: !!el.closest("#mh-portfolio"), id: el.id,
                         ring: style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0}};
            }}""")
            if not state["inside"]:
                if reached:
                    break
                continue
            reached.add(state["key"])
            rings.append(state["ring"])
            if state["id"] in ("mh-portfolio-xlsx", "mh-portfolio-json"):
                downloads[state["id"]] = press_for_download(page, tmp_path)
        assert set(controls) - {"BUTTON#mh-portfolio-pick Choose files\u2026"} == reached
        assert all(rings), "a control showed no focus ring"

        assert json.loads(downloads["mh-portfolio-json"].read_text(encoding="utf-8")) == expected.json
        workbook = downloads["mh-portfolio-xlsx"]
        assert workbook.name.startswith("portfolio-") and workbook.suffix == ".xlsx"
        for data_only in (False, True):
            assert cell_values(workbook, data_only) == cell_values(expected.xlsx, data_only)

    def test_views_show_the_figures_of_the_cli(self, session, expected):
        """Each table holds the CLI's figures (each project's N/A count and the items most often marked N/A too);
        each chart draws them, every label inside its chart; the broken file is named with its problem."""
        page, p = session.page, expected.portfolio
        latest = [a for a in p["assessments"] if a["latest"]]

        def shown_date(iso):
            """The CLI's ISO date as the page writes dates (the month in words, in the page's language)."""
            assert iso is None or re.fullmatch(r"\d{4}-\d{2}-\d{2}", iso)
            return page.evaluate("(iso) => iso ? import('/assets/js/handbook/assessment-labels.js')"
                                 ".then((m) => m.formatDate(iso, document.documentElement.lang)) : ''", iso)

        assert page.inner_text("#mh-portfolio-summary") == (
            f"{len(latest)} projects ({len(p['assessments'])} assessments); 1 file not counted.")
        problem = page.locator(f"#mh-portfolio-views li[data-file='{BROKEN[0]}']")
        assert "true, false or null" in problem.inner_text() and "Fix:" in problem.inner_text()

        bins = p["distribution"]["bins"]
        assert table_rows(page, "#mh-portfolio-distribution") == [[
            [f"{b['from']}-{b['to']}%", str(b["count"]), ", ".join(b["projects"])] for b in bins]]
        assert table_rows(page, "#mh-portfolio-projects")[0] == [
            [a["project"], a["route_title"] + (f" ({a['task_type_title']})" if a["task_type"] else ""), shown_date(a["date"]),
             f"{a['points']} / {a['maximum']}", percent(a["percent"]),
             f"{a['paper_points']} / {a['paper_maximum']} \u00b7 {percent(a['paper_percent'])}",
             f"{plural(a['not_applicable_count'], 'item')}, {plural(a['not_applicable_points'], 'point')}"]
            for a in latest]
        assert any(a["not_applicable_count"] for a in latest)
        assert table_rows(page, "#mh-portfolio-not-applicable") == [[
            [m["id"], m["question"], f"{m['marked']} of {m['assessed']}",
             "".join(f"{r['project']}: {r['reason']}" for r in m["reasons"])] for m in p["not_applicable_items"]]]
        assert table_rows(page, "#mh-portfolio-stages")[0] == [
            [a["project"]] + [f"{s['points']} / {s['maximum']} \u00b7 {percent(s['percent'])}" if s["maximum"]
                              else "no checks on this route" for s in (a["stages"][st["id"]] for st in p["stages"])]
            for a in latest]
        weak = [[w["id"], w["question"], str(w["no"]), str(w["unanswered"]), f"{w['failing']} of {w['assessed']}"]
                for w in p["weak_items"]]
        assert sum(table_rows(page, "#mh-portfolio-weak-items"), []) == weak
        assert table_rows(page, "#mh-portfolio-progress")[0] == [
            [s["project"], shown_date(point["date"]), f"{point['points']} / {point['maximum']}", percent(point["percent"])]
            for s in p["progress"] for point in s["points"]]

        drawn = page.evaluate("""() => ({
            charts: Array.from(document.querySelectorAll("#mh-portfolio svg.mh-chart")).map((svg) =>
                [svg.getAttribute("role"), svg.querySelector("title").textContent]),
            counts: Array.from(document.querySelectorAll(".mh-chart-distribution rect[data-count]"))
                .map((r) => Number(r.dataset.count)),
            percents: Array.from(document.querySelectorAll(".mh-chart-projects rect[data-percent]"))
                .filter((r) => !r.classList.contains("mh-chart-bar-paper")).map((r) => Number(r.dataset.percent)),
            weak: Array.from(document.querySelectorAll(".mh-chart-weak-items rect.mh-chart-bar-no[data-count]"))
                .map((r) => Number(r.dataset.count)),
            overflowing: Array.from(document.querySelectorAll("#mh-portfolio svg.mh-chart text")).filter((t) => {
                const box = t.getBBox(), view = t.ownerSVGElement.viewBox.baseVal;
                return box.x < 0 || box.x + box.width > view.width || box.y < 0 || box.y + box.height > view.height;
            }).map((t) => t.textContent),
        })""")
        assert [role for role, _ in drawn["charts"]] == ["img"] * 4
        assert drawn["overflowing"] == [], "a chart's label runs out of its chart in the page's font"
        assert drawn["counts"] == [b["count"] for b in bins if b["count"]]
        assert drawn["percents"] == [a["percent"] for a in latest if a["percent"]]
        assert drawn["weak"] == [w["no"] for w in p["weak_items"][:10] if w["no"]]
        assert session.refused == [], "the page broke its Content-Security-Policy"

    def test_no_accessibility_violation_in_light_and_dark(self, session):
        """axe-core finds nothing on the page with every view shown (the disclosure opened too)."""
        page = session.page
        page.evaluate("document.querySelectorAll('details.mh-portfolio-more').forEach((d) => { d.open = true; })")
        page.add_script_tag(url=f"{session.origin}/__axe.js")
        assert audit_both_schemes(page) == {}

    def test_printing_shows_the_charts_and_tables_without_the_controls(self, session):
        """In print, every chart and table is laid out and the drop zone, Remove and download buttons are not."""
        page = session.page
        page.emulate_media(media="print")
        try:
            shown = page.evaluate("""() => {
                const visible = (selector) => Array.from(document.querySelectorAll(selector))
                    .map((el) => el.getBoundingClientRect().height > 0);
                return {charts: visible("svg.mh-chart"), tables: visible("#mh-portfolio-views > section table"),
                        controls: visible("#mh-portfolio-drop, .mh-portfolio-remove, .mh-portfolio-downloads")};
            }""")
        finally:
            page.emulate_media(media="screen")
        assert shown["charts"] == [True] * 4 and len(shown["tables"]) == 8 and all(shown["tables"])
        assert shown["controls"] and not any(shown["controls"])

    def test_a_file_dropped_on_the_zone_joins_the_portfolio(self, session):
        """Leaving the page and coming back keeps the portfolio; a file dropped on the drop zone (a drag from
        the desktop, as the page receives it) is then added to it."""
        page = session.page
        summary = page.inner_text("#mh-portfolio-summary")
        follow_link(page, "how-to-use/")
        follow_link(page, "portfolio/")
        assert page.inner_text("#mh-portfolio-summary") == summary
        assert page.locator("svg.mh-chart").count() == 4
        dropped = json.loads((FIXTURES / "p1-sales-dashboard.json").read_text(encoding="utf-8"))
        dropped["project"] = "Dropped dashboard"
        page.evaluate("""(text) => {
            const transfer = new DataTransfer();
            transfer.items.add(new File([text], "dropped.json", {type: "application/json"}));
            const zone = document.querySelector("#mh-portfolio-drop");
            zone.dispatchEvent(new DragEvent("dragover", {dataTransfer: transfer, bubbles: true, cancelable: true}));
            zone.dispatchEvent(new DragEvent("drop", {dataTransfer: transfer, bubbles: true, cancelable: true}));
        }""", json.dumps(dropped))
        wait_until(page, "() => document.querySelector('#mh-portfolio-summary').textContent.startsWith('8 projects')")
        rows = {row[0]: row for row in table_rows(page, "#mh-portfolio-projects")[0]}
        assert rows["Dropped dashboard"][1:] == rows["Sales dashboard"][1:]   # the same answers, another name

    def test_stored_assessments_join_the_portfolio(self, session):
        """"Add the assessments stored in this browser" adds the stored answers, scored as the package does."""
        page = session.page
        stored = json.loads(cli("template", "--route", "dashboard", "--project", "Kept in the browser").stdout)
        stored.update(date="2026-10-01", answers={"bc-iu-02": True, "bc-iu-03": True, "dp-dq-01": True})
        page.evaluate("([key, value]) => localStorage.setItem(key, value)", [STORAGE_KEY, json.dumps(stored)])
        page.click("#mh-portfolio-stored")
        wait_until(page, "() => document.querySelector('#mh-portfolio-summary').textContent.startsWith('9 projects')")
        result = score(METHODOLOGY, parse_text(json.dumps(stored), METHODOLOGY, "stored"))
        rows = {row[0]: row for row in table_rows(page, "#mh-portfolio-projects")[0]}
        assert rows["Kept in the browser"][3:5] == [f"{result.points} / {result.maximum}", percent(result.percent)]
        assert "this browser: Kept in the browser, 2026-10-01" in page.inner_text("#mh-portfolio-sources")


    def test_remove_and_start_again_with_the_keyboard_keep_the_focus(self, session):
        """Enter on a file's Remove takes it out and focuses the next Remove; Enter on Start again empties the
        page and focuses Choose files."""
        page = session.page
        page.focus("button[aria-label='Remove broken.json']")
        next_label = page.evaluate("""() => {
            const buttons = Array.from(document.querySelectorAll(".mh-portfolio-remove"));
            const at = buttons.indexOf(document.activeElement);
            return buttons[at + 1].getAttribute("aria-label");
        }""")
        page.keyboard.press("Enter")
        wait_until(page, "() => !document.querySelector('#mh-portfolio-views li[data-file=\"broken.json\"]')")
        assert page.inner_text("#mh-portfolio-summary").endswith("assessments).")   # no file left out
        assert page.evaluate("document.activeElement.getAttribute('aria-label')") == next_label
        page.focus("#mh-portfolio-clear")
        page.keyboard.press("Enter")
        assert focused(page, "#mh-portfolio-pick")
        assert page.inner_text("#mh-portfolio-views") == "" and page.inner_text("#mh-portfolio-sources") == ""
        assert page.is_disabled("#mh-portfolio-clear")

    def test_the_example_projects_join_with_one_button(self, session):
        """"Add the seven example projects" adds the site's example files: the CLI's figures for that folder."""
        page = session.page
        if page.is_enabled("#mh-portfolio-clear"):
            page.click("#mh-portfolio-clear")
        page.click("#mh-portfolio-examples")
        result = cli("portfolio", "--json", str(FIXTURES))
        assert result.returncode == 0, result.stderr
        p = json.loads(result.stdout)["portfolio"]
        latest = [a for a in p["assessments"] if a["latest"]]
        wait_until(page, "(text) => document.querySelector('#mh-portfolio-summary').textContent.startsWith(text)",
                   f"{len(latest)} projects ({len(p['assessments'])} assessments)")
        assert len(latest) == 7 and len(p["assessments"]) == len(list(FIXTURES.glob("*.json")))
        shown = {row[0]: row[3:5] for row in table_rows(page, "#mh-portfolio-projects")[0]}
        assert shown == {a["project"]: [f"{a['points']} / {a['maximum']}", percent(a["percent"])] for a in latest}

    def test_the_spanish_page_adds_the_examples_written_in_spanish(self, session):
        """On the Spanish page the same button adds the examples written in Spanish (portfolio-es/): the figures, routes and
        task types of `--lang es portfolio` for that folder, in Spanish words and numbers."""
        page = session.page
        page.goto(f"{session.origin}/es/portfolio/")
        if page.is_enabled("#mh-portfolio-clear"):  # the portfolio kept from the English page
            page.click("#mh-portfolio-clear")
        page.click("#mh-portfolio-examples")
        result = cli("--lang", "es", "portfolio", "--json", str(FIXTURES.parent / "portfolio-es"))
        assert result.returncode == 0, result.stderr
        latest = [a for a in json.loads(result.stdout)["portfolio"]["assessments"] if a["latest"]]
        wait_until(page, "(text) => (document.querySelector('#mh-portfolio-summary') || {textContent: ''})"
                         ".textContent.startsWith(text)", f"{len(latest)} proyectos")
        shown = {row[0]: [row[1], *row[3:5]] for row in table_rows(page, "#mh-portfolio-projects")[0]}
        assert shown == {a["project"]: [
            a["route_title"] + (f" ({a['task_type_title']})" if a["task_type_title"] else ""),
            f"{a['points']} / {a['maximum']}", f"{a['percent']:.1f}".replace(".", ",") + "\u00a0%"] for a in latest}
        assert "Detección de fraude con tarjetas" in shown and "Modelo de ML (Regresión)" in shown["Pronóstico de demanda"]
        page.click("#mh-portfolio-clear")
        page.goto(f"{session.origin}/portfolio/")  # the English pages, for the tests after this one


class TestScorePageSpreadsheetUpload:
    def test_a_filled_in_spreadsheet_is_refused_if_tampered_and_applied_if_not(self, session, tmp_path):
        """An .xlsx exported, filled in with openpyxl and uploaded on the score page gives its answers; the same
        with an item id changed is refused with the package's message, the answers unchanged."""
        import openpyxl

        page = session.page
        template = tmp_path / "answers.json"
        template.write_text(cli("template", "--route", "dashboard", "--project", "Filled offline").stdout)
        exported = tmp_path / "exported.xlsx"
        assert cli("export", str(template), "-o", str(exported)).returncode == 0

        def filled(name: str, tamper: bool) -> bytes:
            book = openpyxl.load_workbook(exported)
            sheet = book["Answers"]
            header = [cell.value for cell in sheet[1]]
            id_column, answer_column = header.index("Item id") + 1, header.index("Answer") + 1
            for row in range(2, sheet.max_row + 1):
                item = sheet.cell(row, id_column).value
                if item in ("bc-iu-02", "bc-iu-03"):
                    sheet.cell(row, answer_column).value = "Yes" if item == "bc-iu-02" else "No"
                    if tamper and item == "bc-iu-03":
                        sheet.cell(row, id_column).value = "bc-iu-99"
            book.save(tmp_path / name)
            return (tmp_path / name).read_bytes()

        follow_link(page, "score/")
        before = page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')")
        page.set_input_files("#mh-upload-file", files=[
            {"name": "tampered.xlsx", "mimeType": XLSX_TYPE, "buffer": filled("tampered.xlsx", tamper=True)}])
        refused = page.locator("#mh-score-messages .mh-error:has-text('tampered.xlsx')")
        refused.wait_for()
        assert "was not loaded" in refused.inner_text() and "bc-iu-99" in refused.inner_text()
        assert "(at Answers!" in refused.inner_text()   # the sheet and the cell
        assert "unchanged" in refused.inner_text()
        assert page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')") == before

        page.once("dialog", lambda dialog: dialog.accept())   # replace the answers stored by the test above
        page.set_input_files("#mh-upload-file", files=[
            {"name": "filled.xlsx", "mimeType": XLSX_TYPE, "buffer": filled("filled.xlsx", tamper=False)}])
        page.locator("#mh-score-messages .mh-message:has-text('Loaded the answers of the spreadsheet')").wait_for()
        stored = json.loads(page.evaluate(f"localStorage.getItem('{STORAGE_KEY}')"))
        assert stored["project"] == "Filled offline" and stored["route"] == "dashboard"
        assert stored["answers"]["bc-iu-02"] is True and stored["answers"]["bc-iu-03"] is False
        assert page.input_value("#mh-project") == "Filled offline"
        assert session.refused == []


def damaged_workbook(exported: Path, target: Path, change) -> bytes:
    """A copy of an exported score workbook whose first sheet's XML is changed by `change`."""
    import zipfile

    with zipfile.ZipFile(exported) as source, zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as copy:
        for name in source.namelist():
            data = source.read(name)
            copy.writestr(name, change(data.decode("utf-8")).encode("utf-8") if name == "xl/worksheets/sheet1.xml"
                          else data)
    return target.read_bytes()


class TestDamagedFiles:
    def test_files_that_trip_the_scorer_are_named_and_the_rest_reported(self, session, tmp_path):
        """A workbook with a 5,000-digit row number and one with 100,000 nested elements are each named with a
        readable reason, while the good file is still reported; the score page names the nested one too."""
        page = session.page
        answers = tmp_path / "deep.json"
        answers.write_text(cli("template", "--route", "dashboard", "--project", "Deep").stdout)
        exported = tmp_path / "exported.xlsx"
        assert cli("export", str(answers), "-o", str(exported)).returncode == 0
        digits = damaged_workbook(exported, tmp_path / "digits.xlsx",
                                  lambda xml: re.sub(r'<row r="2"', '<row r="' + "9" * 5000 + '"', xml, count=1))
        deep = damaged_workbook(exported, tmp_path / "nested.xlsx",
                                lambda xml: xml.replace("</worksheet>", "<x>" * 100_000 + "</x>" * 100_000
                                                        + "</worksheet>"))
        good = (FIXTURES / "p1-sales-dashboard.json").read_bytes()
        follow_link(page, "portfolio/")
        if page.is_enabled("#mh-portfolio-clear"):
            page.click("#mh-portfolio-clear")
        page.set_input_files("#mh-portfolio-files", files=[
            {"name": "digits.xlsx", "mimeType": XLSX_TYPE, "buffer": digits},
            {"name": "good.json", "mimeType": "application/json", "buffer": good},
            {"name": "nested.xlsx", "mimeType": XLSX_TYPE, "buffer": deep}])
        wait_until(page, "() => document.querySelectorAll('.mh-portfolio-problems li').length === 2")
        summary = page.inner_text("#mh-portfolio-summary")
        assert summary.startswith("1 project (1 assessment)"), summary
        assert [row[0] for row in table_rows(page, "#mh-portfolio-projects")[0]] == ["Sales dashboard"]
        problems = {li.get_attribute("data-file"): li.inner_text()
                    for li in page.locator(".mh-portfolio-problems li").all()}
        assert sorted(problems) == ["digits.xlsx", "nested.xlsx"]
        for text in problems.values():
            assert "call stack" not in text and "scorer failed" not in text and len(text) < 600, text
        assert "could not be computed" not in page.inner_text("#mh-portfolio-messages")

        follow_link(page, "score/")
        page.set_input_files("#mh-upload-file", files=[
            {"name": "nested.xlsx", "mimeType": XLSX_TYPE, "buffer": deep}])
        refused = page.locator("#mh-score-messages .mh-error:has-text('nested.xlsx')")
        refused.wait_for()
        assert "call stack" not in refused.inner_text() and "unchanged" in refused.inner_text()
