"""The portfolio's SVG charts: parsed with ElementTree and measured against the figures drawn."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from datetime import date

import pytest

from mlops_handbook.charts import WEAK_ITEMS_SHOWN, all_charts, distribution_svg, progress_svg, projects_svg, \
    weak_items_svg

NS = "{http://www.w3.org/2000/svg}"
ROUTE_TITLES = {"dashboard": "Dashboard", "analytical-report": "Analytical report", "ml-model": "ML model"}


def assessment(project: str, route: str, points: int, maximum: int, paper_points: int, paper_maximum: int,
               latest: bool = True, date: str = "2023-05-01") -> dict:
    def percent(p: int, m: int) -> float | None:
        return round(100 * p / m, 1) if m else None

    return {"file": project + ".json", "project": project, "assessor": "", "date": date, "route": route,
            "route_title": ROUTE_TITLES[route], "task_type": None, "points": points, "maximum": maximum,
            "percent": percent(points, maximum), "paper_points": paper_points, "paper_maximum": paper_maximum,
            "paper_percent": percent(paper_points, paper_maximum), "latest": latest, "stages": {}}


def weak(item_id: str, no: int, unanswered: int, assessed: int, question: str = "Is there a deployment strategy?") -> dict:
    return {"id": item_id, "question": question, "section": "4.5", "stage": "deployment", "no": no,
            "unanswered": unanswered, "failing": no + unanswered, "assessed": assessed}


def portfolio(counts=(0, 1, 0, 2, 0, 4, 0, 0, 1, 0), assessments=None, weak_items=None, progress=None) -> dict:
    return {
        "format": "mlops-handbook-portfolio", "version": 1, "stages": [],
        "assessments": assessments if assessments is not None else [
            assessment("Churn model", "ml-model", 92, 122, 40, 60),
            assessment("Sales dashboard", "dashboard", 17, 55, 10, 30),
            assessment("Sales dashboard", "dashboard", 5, 55, 1, 30, latest=False, date="2023-01-01"),
            assessment("Demand report", "analytical-report", 0, 76, 0, 40),
        ],
        "distribution": {"bin_width": 10, "bins": [
            {"from": 10 * i, "to": 10 * i + 10, "count": c, "projects": []} for i, c in enumerate(counts)]},
        "weak_items": weak_items if weak_items is not None else [
            weak("de-cs-03", 4, 2, 7), weak("bc-iu-02", 3, 1, 7), weak("mo-ms-01", 0, 2, 4)],
        "progress": progress if progress is not None else [
            {"project": "Sales dashboard", "route": "dashboard", "points": [
                {"date": "2023-01-01", "percent": 9.1, "points": 5, "maximum": 55},
                {"date": "2023-05-01", "percent": 30.9, "points": 17, "maximum": 55}]},
            {"project": "Churn model", "route": "ml-model", "points": [
                {"date": "2023-02-01", "percent": 50.0, "points": 61, "maximum": 122},
                {"date": "2023-05-01", "percent": 75.4, "points": 92, "maximum": 122}]}],
    }


def parse(svg: str | None) -> ET.Element:
    assert svg is not None
    return ET.fromstring(svg)


def texts(root: ET.Element) -> list[str]:
    """Each <text> as read: a wrapped label's lines (its <tspan>s) joined by a space."""
    return [" ".join(t.text or "" for t in node.iter(NS + "tspan")) if node.find(NS + "tspan") is not None
            else node.text or "" for node in root.iter(NS + "text")]


def label_titles(root: ET.Element) -> list[str]:
    """The whole texts that the labels carry in their own <title> (the tooltip)."""
    return [title.text or "" for node in root.iter(NS + "text") for title in node.iter(NS + "title")]


def vertices(root: ET.Element) -> list[list[tuple[float, float]]]:
    """Each progress line's points as drawn, (x, y) in order."""
    return [[tuple(map(float, xy.split(","))) for xy in line.get("points").split()]
            for line in root.iter(NS + "polyline")]


def series(project: str, *dated: tuple[str, float]) -> dict:
    """A progress series of `project`: (date, percent) pairs on a 100-point route."""
    return {"project": project, "route": "dashboard", "points": [
        {"date": date, "percent": percent, "points": round(percent), "maximum": 100} for date, percent in dated]}


LONG_NAME = ("Customer lifetime value forecasting for the retail banking division of the northern region")


def rects(root: ET.Element, css: str) -> list[ET.Element]:
    """The rectangles of a class, not counting the legend's swatches."""
    return [r for r in root.iter(NS + "rect")
            if css in r.get("class", "").split() and "mh-chart-swatch" not in r.get("class", "").split()]


class TestDistribution:
    def test_bar_heights_are_proportional_to_the_counts(self):
        """Each drawn bar's height divided by its count is the same for every band."""
        counts = (0, 1, 0, 2, 0, 4, 0, 0, 1, 0)
        bars = rects(parse(distribution_svg(portfolio(counts))), "mh-chart-bar")
        assert [int(b.get("data-count")) for b in bars] == [c for c in counts if c]
        ratios = {round(float(b.get("height")) / int(b.get("data-count")), 1) for b in bars}
        assert len(ratios) == 1

    def test_every_band_is_labelled_and_each_count_written(self):
        """The ten bands 0-10% ... 90-100% are named under the axis and the counts above the bars."""
        shown = texts(parse(distribution_svg(portfolio((3, 0, 0, 0, 0, 0, 0, 0, 0, 5)))))
        assert [f"{10 * i}-{10 * i + 10}%" for i in range(10)] == [t for t in shown if t.endswith("%") and "-" in t]
        assert "3" in shown and "5" in shown

    def test_no_assessment_draws_nothing(self):
        """With every band empty there is no chart, and all_charts says None."""
        assert distribution_svg(portfolio((0,) * 10)) is None
        assert all_charts(portfolio((0,) * 10, assessments=[], weak_items=[], progress=[])) == {
            "distribution": None, "projects": None, "weak_items": None, "progress": None}


class TestProjects:
    def test_only_latest_assessments_are_drawn_with_widths_proportional_to_percent(self):
        """One bar per project's latest assessment; width / percent is constant, paper core included."""
        root = parse(projects_svg(portfolio()))
        main = [r for r in rects(root, "mh-chart-bar") if "mh-chart-bar-paper" not in r.get("class")]
        paper = rects(root, "mh-chart-bar-paper")
        assert [float(r.get("data-percent")) for r in main] == [75.4, 30.9]   # the 0% report draws no bar
        assert [float(r.get("data-percent")) for r in paper] == [66.7, 33.3]
        ratios = {round(float(r.get("width")) / float(r.get("data-percent")), 2) for r in main + paper}
        assert len(ratios) == 1

    def test_route_points_and_paper_core_are_written(self):
        """Beside each project: its route, points of maximum with percent, and the paper-core subscore."""
        shown = texts(parse(projects_svg(portfolio())))
        for expected in ("Churn model", "ML model", "92 / 122 \u00b7 75.4%", "paper core 66.7%",
                         "Demand report", "Analytical report", "0 / 76 \u00b7 0.0%"):
            assert expected in shown
        assert shown.count("Sales dashboard") == 1

    def test_a_route_without_maximum_says_n_a(self):
        """A null percent (maximum 0) is written n/a and draws no bar."""
        root = parse(projects_svg(portfolio(assessments=[assessment("Empty", "dashboard", 0, 0, 0, 0)])))
        assert "0 / 0 \u00b7 n/a" in texts(root) and not rects(root, "mh-chart-bar")


class TestWeakItems:
    def test_segments_are_proportional_to_no_and_unanswered_out_of_assessed(self):
        """The "no" and "not answered" segments are no/assessed and unanswered/assessed of the same track."""
        root = parse(weak_items_svg(portfolio()))
        tracks = rects(root, "mh-chart-track")
        full = float(tracks[0].get("width"))
        no = rects(root, "mh-chart-bar-no")
        assert [float(r.get("width")) / full for r in no] == pytest.approx([4 / 7, 3 / 7], abs=1e-4)
        unanswered = rects(root, "mh-chart-bar-open")
        assert [float(r.get("width")) / full for r in unanswered] == pytest.approx([2 / 7, 1 / 7, 2 / 4], abs=1e-4)

    def test_items_are_ranked_as_given_and_counts_written(self):
        """Item ids in the order of weak_items, each with "failing of assessed"."""
        shown = texts(parse(weak_items_svg(portfolio())))
        ids = [t for t in shown if t in ("de-cs-03", "bc-iu-02", "mo-ms-01")]
        assert ids == ["de-cs-03", "bc-iu-02", "mo-ms-01"]
        assert ["6 of 7", "4 of 7", "2 of 4"] == [t for t in shown if " of " in t]

    def test_only_the_first_ten_are_drawn_and_long_questions_wrapped(self):
        """A long list is cut to WEAK_ITEMS_SHOWN bars; a question wraps onto two lines, past them it ends
        with an ellipsis, and its <title> holds it whole."""
        question = "Is there a documented and agreed strategy to deploy the model? " * 4
        many = [weak(f"it-{n:02d}", 1, 0, 3, question=question.strip()) for n in range(15)]
        root = parse(weak_items_svg(portfolio(weak_items=many)))
        assert len([t for t in texts(root) if t.startswith("it-")]) == WEAK_ITEMS_SHOWN
        drawn = [node for node in root.iter(NS + "text") if node.find(NS + "tspan") is not None]
        assert [len(node.findall(NS + "tspan")) for node in drawn] == [2] * WEAK_ITEMS_SHOWN
        assert all(t.startswith("Is there a documented") and t.endswith("\u2026") for t in texts(root) if "Is" in t)
        assert label_titles(root) == [question.strip()] * WEAK_ITEMS_SHOWN


class TestProgress:
    def test_one_line_per_project_with_y_proportional_to_percent(self):
        """Each project is a polyline through its dates; a point's height above the base is its percent."""
        root = parse(progress_svg(portfolio()))
        lines = list(root.iter(NS + "polyline"))
        assert len(lines) == 2
        points = [[tuple(map(float, xy.split(","))) for xy in line.get("points").split()] for line in lines]
        percents = [(9.1, 30.9), (50.0, 75.4)]
        drawn = sorted((percent, y) for line, values in zip(points, percents) for (_, y), percent in zip(line, values))
        # y falls linearly as the percent grows: the same slope between any two points.
        slopes = {round((y2 - y1) / (p2 - p1), 3) for (p1, y1), (p2, y2) in zip(drawn, drawn[1:])}
        assert len(slopes) == 1 and slopes.pop() < 0

    def test_x_is_proportional_to_the_days_between_the_dates(self):
        """Assessments on 1 March, 1 September, 1 November and 1 December lie as far apart as their days."""
        dates = ["2026-03-01", "2026-09-01", "2026-11-01", "2026-12-01"]
        root = parse(progress_svg(portfolio(progress=[series("Churn model", *zip(dates, (10, 30, 45, 60)))])))
        xs = [x for x, _ in vertices(root)[0]]
        days = [(date.fromisoformat(d) - date.fromisoformat(dates[0])).days for d in dates]
        px_per_day = (xs[-1] - xs[0]) / days[-1]
        assert px_per_day > 1
        assert [x - xs[0] for x in xs] == pytest.approx([d * px_per_day for d in days], abs=1)

    def test_axis_is_dated_by_month_and_labelled(self):
        """Ticks on the first of every other month, written "Mar 2026", in order, and the axis named."""
        root = parse(progress_svg(portfolio(progress=[series("Churn model", ("2026-03-01", 10), ("2026-12-01", 60))])))
        shown = texts(root)
        assert [t for t in shown if t.endswith(" 2026")] == ["Mar 2026", "May 2026", "Jul 2026", "Sep 2026",
                                                            "Nov 2026"]
        assert "date of the assessment" in shown and "percent of the route maximum" in shown
        assert "1 Mar 2026 10.0%" in root.find(NS + "desc").text

    def test_a_short_span_is_dated_by_day_and_one_date_is_centred(self):
        """Two assessments three days apart get a tick a day (a day of margin either side) written "6 Dec 2026";
        a lone date sits mid-axis."""
        short = texts(parse(progress_svg(portfolio(progress=[
            series("A", ("2026-12-04", 10), ("2026-12-07", 20))]))))
        assert [t for t in short if t.endswith(" Dec 2026")] == [f"{d} Dec 2026" for d in range(3, 9)]
        lone = parse(progress_svg(portfolio(progress=[series("A", ("2026-12-06", 10))])))
        (x, _), = vertices(lone)[0]
        left = min(float(n.get("x1")) for n in lone.iter(NS + "line") if n.get("class") == "mh-chart-axis")
        right = max(float(n.get("x2")) for n in lone.iter(NS + "line") if n.get("class") == "mh-chart-axis")
        assert x == pytest.approx((left + right) / 2, abs=1)

    def test_same_day_markers_are_drawn_side_by_side_with_a_note(self):
        """Two projects at the same percent on the same day: their markers sit apart around that date, noted."""
        root = parse(progress_svg(portfolio(progress=[
            series("A", ("2026-03-01", 20), ("2026-06-01", 50)), series("B", ("2026-06-01", 50), ("2026-09-01", 70))])))
        (_, (a_x, a_y)), ((b_x, b_y), _) = vertices(root)
        assert a_y == b_y and abs(a_x - b_x) >= 8
        markers = [m for m in root.iter() if "mh-chart-point" in m.get("class", "").split()
                   and m.get("data-date") == "2026-06-01"]
        assert len(markers) == 2
        assert any("side by side" in t for t in texts(root))
        apart = parse(progress_svg(portfolio(progress=[
            series("A", ("2026-03-01", 20), ("2026-06-01", 10)), series("B", ("2026-06-01", 50), ("2026-09-01", 70))])))
        assert not any("side by side" in t for t in texts(apart))

    def test_project_names_are_in_the_legend(self):
        """Each project is named in the legend below, with its line's marker."""
        shown = texts(parse(progress_svg(portfolio())))
        assert "Sales dashboard" in shown and "Churn model" in shown

    def test_no_repeated_project_draws_nothing(self):
        """Progress is only drawn for projects assessed on several dates."""
        assert progress_svg(portfolio(progress=[])) is None


class TestFullProjectNames:
    @pytest.mark.parametrize("name", ["projects", "progress"])
    def test_a_90_character_name_is_drawn_whole_on_several_lines_and_in_its_title(self, name):
        """The name's wrapped lines (its <tspan>s) join into the whole name, and the label's <title> holds it."""
        assert len(LONG_NAME) == 90
        data = portfolio(assessments=[assessment(LONG_NAME, "ml-model", 92, 122, 40, 60)],
                         progress=[series(LONG_NAME, ("2026-03-01", 10), ("2026-12-01", 60))])
        root = parse(all_charts(data)[name])
        assert LONG_NAME in texts(root) and LONG_NAME in label_titles(root)

    def test_a_long_name_wraps_within_the_label_area(self):
        """In the projects chart the name takes two or three lines and pushes the next row down."""
        data = portfolio(assessments=[assessment(LONG_NAME, "ml-model", 92, 122, 40, 60),
                                      assessment("Short", "dashboard", 17, 55, 10, 30)])
        root = parse(projects_svg(data))
        label = next(n for n in root.iter(NS + "text") if n.find(NS + "tspan") is not None)
        assert 2 <= len(label.findall(NS + "tspan")) <= 3
        bars = [float(r.get("y")) for r in rects(root, "mh-chart-bar") if "mh-chart-bar-paper" not in r.get("class")]
        assert bars[1] - bars[0] >= 14 * 4


class TestAccessibilityAndSafety:
    @pytest.mark.parametrize("name", ["distribution", "projects", "weak_items", "progress"])
    def test_each_chart_is_an_image_named_by_its_title_and_description(self, name):
        """role=img, labelled by its own <title> and <desc> (the first two children), which say the figures."""
        root = parse(all_charts(portfolio())[name])
        assert root.get("role") == "img"
        title, desc = list(root)[:2]
        assert (title.tag, desc.tag) == (NS + "title", NS + "desc")
        assert root.get("aria-labelledby").split() == [title.get("id"), desc.get("id")]
        assert title.text and any(ch.isdigit() for ch in desc.text)

    @pytest.mark.parametrize("name", ["distribution", "projects", "weak_items", "progress"])
    def test_colours_come_from_classes_only(self, name):
        """No style attribute (refused by the site's policy) and no fixed colour: classes carry them."""
        root = parse(all_charts(portfolio())[name])
        for node in root.iter():
            assert "style" not in node.attrib
            assert "fill" not in node.attrib and "stroke" not in node.attrib
            if node.tag in (NS + "rect", NS + "polyline", NS + "circle", NS + "text"):
                assert node.get("class", "").startswith("mh-chart")

    def test_text_is_escaped(self):
        """Markup in a project name or a question stays text: the SVG parses and gives it back whole."""
        name = '<script>alert("x")</script> & co'
        data = portfolio(assessments=[assessment(name, "dashboard", 10, 55, 5, 30)],
                         weak_items=[weak("bc-iu-02", 1, 0, 1, question="A <b> & \"c\"")],
                         progress=[{"project": name, "route": "dashboard", "points": [
                             {"date": "2023-01-01", "percent": 1.0, "points": 1, "maximum": 55},
                             {"date": "2023-02-01", "percent": 18.2, "points": 10, "maximum": 55}]}])
        for svg in all_charts(data).values():
            if svg is None:
                continue
            root = parse(svg)
            assert "<script" not in svg
            assert not list(root.iter("script")) and not list(root.iter(NS + "script"))
        assert name in texts(parse(projects_svg(data)))
        assert 'A <b> & "c"' in texts(parse(weak_items_svg(data)))
        assert name in parse(progress_svg(data)).find(NS + "desc").text


class TestFromThePackagesPortfolio:
    def test_the_seven_made_up_projects_draw_the_figures_of_their_portfolio(self):
        """Drawn from portfolio().to_dict() of docs/assets/examples/portfolio: every chart, the bars as its figures."""
        from helpers import REPO, real_methodology
        from mlops_handbook.answers import parse_bytes
        from mlops_handbook.portfolio import portfolio as build

        m = real_methodology()
        files = sorted((REPO / "docs" / "assets" / "examples" / "portfolio").glob("*.json"))
        data = build(m, [(f.name, parse_bytes(f.read_bytes(), m, f.name)) for f in files]).to_dict()
        charts = all_charts(data)
        assert all(charts.values())
        counts = [int(r.get("data-count")) for r in rects(parse(charts["distribution"]), "mh-chart-bar")]
        assert counts == [b["count"] for b in data["distribution"]["bins"] if b["count"]]
        shown = texts(parse(charts["projects"]))
        for a in (a for a in data["assessments"] if a["latest"]):
            assert f"{a['points']} / {a['maximum']} \u00b7 {a['percent']:.1f}%" in shown
        assert [t for t in texts(parse(charts["weak_items"])) if t in {w["id"] for w in data["weak_items"]}] == [
            w["id"] for w in data["weak_items"][:WEAK_ITEMS_SHOWN]]
        assert len(list(parse(charts["progress"]).iter(NS + "polyline"))) == len(data["progress"])


@pytest.fixture(scope="module")
def api():
    """The browser API with the handbook's own methodology loaded, as the worker loads it."""
    from helpers import REAL_CHECKLISTS
    from mlops_handbook import browser
    from mlops_handbook.loader import load_raw

    browser.load(json.dumps(load_raw(REAL_CHECKLISTS)))
    return browser


class TestBrowserEntryPoints:
    """The worker's calls for the Portfolio page and the score page's spreadsheet upload, in CPython."""

    def test_portfolio_view_is_portfolio_json_with_its_charts(self, api):
        """portfolio_view_json = portfolio_json's answer plus all_charts of its portfolio; a broken file listed."""
        from helpers import REPO

        files = [[f.name, f.read_text(encoding="utf-8")]
                 for f in sorted((REPO / "docs" / "assets" / "examples" / "portfolio").glob("*.json"))]
        files.append(["broken.json", "{not json"])
        view = json.loads(api.portfolio_view_json(files))
        plain = json.loads(api.portfolio_json(files))
        assert view.pop("charts") == all_charts(plain["portfolio"])
        assert view == plain and [p["file"] for p in view["problems"]] == ["broken.json"]

    def test_workbook_import_gives_answers_or_the_packages_error(self, api):
        """An exported workbook comes back as answers JSON text; anything else as {ok: false, error} naming it."""
        answers = json.dumps({"format": "mlops-handbook-answers", "version": 2, "project": "Round trip",
                              "route": "dashboard", "answers": {"bc-iu-02": True, "bc-iu-03": False}})
        workbook = api.export_xlsx(answers)
        imported = json.loads(api.import_workbook_view_json(memoryview(workbook), "filled.xlsx"))
        assert imported["ok"] is True
        data = json.loads(imported["text"])
        assert data["project"] == "Round trip" and data["answers"]["bc-iu-02"] is True
        assert data["answers"]["bc-iu-03"] is False
        refused = json.loads(api.import_workbook_view_json(b"PK\x03\x04 not a workbook", "odd.xlsx"))
        assert refused["ok"] is False and refused["error"]["file"] == "odd.xlsx" and refused["error"]["fix"]

    def test_from_js_turns_nested_lists_and_buffers_into_python(self, api):
        """Lists (and tuples) of [name, content] come out as lists; memoryviews as bytes; text unchanged."""
        assert api.from_js(("a", [memoryview(b"PK"), "text"])) == ["a", [b"PK", "text"]]
