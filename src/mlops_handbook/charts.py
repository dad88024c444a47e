"""The portfolio's figures as SVG text, drawn from the portfolio dict (Portfolio.to_dict()).

The Portfolio page shows them; they are drawn here, in Python, rather than by a JavaScript
charting library: the worker already runs this package, so they cost no extra download, every
number in them is the one the package computed, and they are tested in CPython like the rest.

    distribution_svg(p)  the paper's figure 2: how many projects fall in each band of 10%
    projects_svg(p)      figure 3: each project's percent of its route maximum, the paper-core
                         subscore beside it, the route named
    weak_items_svg(p)    figures 4-8: the items most projects fail, ranked, with counts
    progress_svg(p)      percent by date for the projects assessed on several dates
    all_charts(p)        {"distribution", "projects", "weak_items", "progress"}: SVG text or None

Each chart is an <svg role="img"> with a <title> and a <desc>; the page puts the same figures in
tables beside it (the text alternative). Colours come from CSS classes only (no style
attributes, which the site's Content-Security-Policy refuses), so the page's stylesheet makes
them read in light and dark schemes and in print. All text goes through ElementTree, which
escapes it.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from typing import Any

from .portfolio import date_key

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 640
FONT_PX = 12
LABEL_CHARS = 34         # longer project names and questions are cut in the chart (the table has them whole)
WEAK_ITEMS_SHOWN = 10
SERIES_CLASSES = 4       # progress lines cycle through this many colour classes

Portfolio = dict[str, Any]


def all_charts(portfolio: Portfolio) -> dict[str, str | None]:
    """Every chart of the Portfolio page; None where there is nothing to draw."""
    return {
        "distribution": distribution_svg(portfolio),
        "projects": projects_svg(portfolio),
        "weak_items": weak_items_svg(portfolio),
        "progress": progress_svg(portfolio),
    }


# ---- Figure 2: the distribution of totals ------------------------------------------------

def distribution_svg(portfolio: Portfolio) -> str | None:
    """Vertical bars, one per band of percent, as high as the number of projects in it."""
    bins = portfolio["distribution"]["bins"]
    total = sum(b["count"] for b in bins)
    if not total:
        return None
    top = max(b["count"] for b in bins)
    left, right, upper, lower = 36, 8, 30, 40
    height = 240
    plot_w, plot_h = WIDTH - left - right, height - upper - lower
    slot = plot_w / len(bins)
    svg = _svg("distribution", height,
               "Distribution of the projects' totals",
               f"How many of the {total} projects (latest assessment each) score in each band of "
               f"{portfolio['distribution']['bin_width']} percent of their route maximum: "
               + "; ".join(f"{_band(b)}: {b['count']}" for b in bins) + ".")
    _y_axis(svg, left, upper, plot_w, plot_h, top, "projects")
    for index, b in enumerate(bins):
        x = left + index * slot
        bar_h = plot_h * b["count"] / top
        if b["count"]:
            _el(svg, "rect", {"class": "mh-chart-bar", "x": _n(x + slot * 0.15), "y": _n(upper + plot_h - bar_h),
                              "width": _n(slot * 0.7), "height": _n(bar_h), "data-count": str(b["count"])})
            _text(svg, str(b["count"]), x + slot / 2, upper + plot_h - bar_h - 4, "middle", "mh-chart-value")
        _text(svg, _band(b), x + slot / 2, upper + plot_h + 15, "middle", "mh-chart-label")
    _text(svg, "percent of the route maximum", left + plot_w / 2, height - 6, "middle", "mh-chart-label")
    return _serialise(svg)


def _band(b: dict[str, Any]) -> str:
    return f"{b['from']}-{b['to']}%"


# ---- Figure 3: each project against its route --------------------------------------------

def projects_svg(portfolio: Portfolio) -> str | None:
    """A bar per project (percent of its route maximum) and a thinner one for the paper core."""
    rows = [a for a in portfolio["assessments"] if a["latest"]]
    if not rows:
        return None
    left, right, upper, row_h = 210, 150, 24, 40
    plot_w = WIDTH - left - right
    height = upper + row_h * len(rows) + 24
    svg = _svg("projects", height,
               "Each project's total against its route maximum",
               "Percent of the route maximum and, on the thinner bar, percent of the paper's own questions: "
               + "; ".join(f"{a['project']} ({a['route_title']}): {a['points']} of {a['maximum']} points, "
                           f"{_percent(a['percent'])}, paper core {_percent(a['paper_percent'])}" for a in rows)
               + ".")
    _x_percent_axis(svg, left, upper, plot_w, row_h * len(rows))
    for index, a in enumerate(rows):
        y = upper + index * row_h
        _text(svg, _cut(a["project"]), left - 8, y + 14, "end", "mh-chart-label")
        _text(svg, a["route_title"], left - 8, y + 28, "end", "mh-chart-label mh-chart-muted")
        _hbar(svg, "mh-chart-bar", left, y + 4, plot_w, 14, a["percent"])
        _hbar(svg, "mh-chart-bar mh-chart-bar-paper", left, y + 21, plot_w, 7, a["paper_percent"])
        _text(svg, f"{a['points']} / {a['maximum']} \u00b7 {_percent(a['percent'])}", left + plot_w + 8, y + 15,
              "start", "mh-chart-value")
        _text(svg, f"paper core {_percent(a['paper_percent'])}", left + plot_w + 8, y + 28, "start",
              "mh-chart-label mh-chart-muted")
    _legend(svg, left, upper + row_h * len(rows) + 16, [("mh-chart-bar", "percent of the route maximum"),
                                                          ("mh-chart-bar mh-chart-bar-paper", "paper core")])
    return _serialise(svg)


# ---- Figures 4-8: the items most projects fail -------------------------------------------

def weak_items_svg(portfolio: Portfolio, shown: int = WEAK_ITEMS_SHOWN) -> str | None:
    """A bar per item (the first `shown`), out of the projects it applies to: "no", then unanswered."""
    items = portfolio["weak_items"][:shown]
    if not items:
        return None
    left, right, upper, row_h = 250, 70, 24, 34
    plot_w = WIDTH - left - right
    height = upper + row_h * len(items) + 30
    svg = _svg("weak_items", height,
               "The items most projects fail",
               f"The {len(items)} items failed by the most projects (latest assessments whose route has the item), "
               "answered no, then left unanswered: "
               + "; ".join(f"{i['id']} {i['question']}: {i['failing']} of {i['assessed']} "
                           f"({i['no']} no, {i['unanswered']} unanswered)" for i in items) + ".")
    _el(svg, "line", {"class": "mh-chart-axis", "x1": _n(left), "y1": _n(upper - 4), "x2": _n(left),
                      "y2": _n(upper + row_h * len(items))})
    for index, item in enumerate(items):
        y = upper + index * row_h
        scale = plot_w / item["assessed"] if item["assessed"] else 0
        _text(svg, item["id"], left - 8, y + 12, "end", "mh-chart-label")
        _text(svg, _cut(item["question"]), left - 8, y + 25, "end", "mh-chart-label mh-chart-muted")
        _el(svg, "rect", {"class": "mh-chart-track", "x": _n(left), "y": _n(y + 5), "width": _n(plot_w),
                          "height": "16"})
        no_w, open_w = item["no"] * scale, item["unanswered"] * scale
        if no_w:
            _el(svg, "rect", {"class": "mh-chart-bar mh-chart-bar-no", "x": _n(left), "y": _n(y + 5),
                              "width": _n(no_w), "height": "16", "data-count": str(item["no"])})
        if open_w:
            _el(svg, "rect", {"class": "mh-chart-bar mh-chart-bar-open", "x": _n(left + no_w), "y": _n(y + 5),
                              "width": _n(open_w), "height": "16", "data-count": str(item["unanswered"])})
        _text(svg, f"{item['failing']} of {item['assessed']}", left + plot_w + 8, y + 17, "start",
              "mh-chart-value")
    legend_y = upper + row_h * len(items) + 16
    _legend(svg, left, legend_y, [("mh-chart-bar mh-chart-bar-no", "answered no"),
                                  ("mh-chart-bar mh-chart-bar-open", "not answered")])
    return _serialise(svg)


# ---- Progress: projects assessed on several dates ----------------------------------------

def progress_svg(portfolio: Portfolio) -> str | None:
    """A line per project: its percent at each date it was assessed (dates evenly spaced)."""
    series = portfolio["progress"]
    if not series:
        return None
    dates = sorted({point["date"] for s in series for point in s["points"]}, key=date_key)
    left, right, upper, lower = 64, 170, 16, 44
    height = 260
    plot_w, plot_h = WIDTH - left - right, height - upper - lower
    step = plot_w / max(len(dates) - 1, 1)
    svg = _svg("progress", height,
               "Progress of the projects assessed several times",
               "Percent of the route maximum at each assessment: "
               + "; ".join(f"{s['project']}: " + ", ".join(f"{p['date']} {_percent(p['percent'])}" for p in s["points"])
                           for s in series) + ".")
    for tick in range(0, 101, 25):
        y = upper + plot_h - plot_h * tick / 100
        _el(svg, "line", {"class": "mh-chart-grid", "x1": _n(left), "y1": _n(y), "x2": _n(left + plot_w), "y2": _n(y)})
        _text(svg, f"{tick}%", left - 6, y + 4, "end", "mh-chart-label")
    for index, date in enumerate(dates):
        _text(svg, date, left + index * step, upper + plot_h + 16, "middle", "mh-chart-label")
    for number, s in enumerate(series):
        css = f"mh-chart-series mh-chart-series-{number % SERIES_CLASSES}"
        xy = [(left + dates.index(p["date"]) * step, upper + plot_h - plot_h * (p["percent"] or 0) / 100)
              for p in s["points"]]
        _el(svg, "polyline", {"class": css, "points": " ".join(f"{_n(x)},{_n(y)}" for x, y in xy)})
        for x, y in xy:
            _el(svg, "circle", {"class": css + " mh-chart-point", "cx": _n(x), "cy": _n(y), "r": "4"})
        last_x, last_y = xy[-1]
        _text(svg, _cut(s["project"], 24), left + plot_w + 10, last_y + 4 + 13 * _crowding(series, number),
              "start", css + " mh-chart-series-label")
    _text(svg, "date of the assessment", left + plot_w / 2, height - 6, "middle", "mh-chart-label")
    return _serialise(svg)


def _crowding(series: list[dict[str, Any]], number: int) -> int:
    """How many earlier lines end within a label's height of this one (their labels would overlap)."""
    mine = series[number]["points"][-1]["percent"] or 0
    return sum(1 for s in series[:number] if abs((s["points"][-1]["percent"] or 0) - mine) < 6)


# ---- Drawing helpers ---------------------------------------------------------------------

def _svg(name: str, height: float, title: str, description: str) -> ET.Element:
    key = name.replace("_", "-")
    svg = ET.Element("svg", {
        "xmlns": SVG_NS, "viewBox": f"0 0 {WIDTH} {_n(height)}", "width": str(WIDTH), "height": _n(height),
        "class": f"mh-chart mh-chart-{key}", "role": "img",
        "aria-labelledby": f"mh-chart-{key}-title mh-chart-{key}-desc", "font-size": str(FONT_PX),
    })
    _el(svg, "title", {"id": f"mh-chart-{key}-title"}).text = title
    _el(svg, "desc", {"id": f"mh-chart-{key}-desc"}).text = description
    return svg


def _el(parent: ET.Element, tag: str, attributes: dict[str, str]) -> ET.Element:
    return ET.SubElement(parent, tag, attributes)


def _text(parent: ET.Element, text: str, x: float, y: float, anchor: str, css: str) -> ET.Element:
    node = _el(parent, "text", {"class": css, "x": _n(x), "y": _n(y), "text-anchor": anchor})
    node.text = text
    return node


def _hbar(svg: ET.Element, css: str, x: float, y: float, full: float, height: float, percent: float | None) -> None:
    _el(svg, "rect", {"class": "mh-chart-track", "x": _n(x), "y": _n(y), "width": _n(full), "height": _n(height)})
    if percent:
        _el(svg, "rect", {"class": css, "x": _n(x), "y": _n(y), "width": _n(full * percent / 100),
                          "height": _n(height), "data-percent": str(percent)})


def _y_axis(svg: ET.Element, left: float, upper: float, plot_w: float, plot_h: float, top: int, unit: str) -> None:
    """Integer ticks from 0 to `top`, at most five of them, with grid lines."""
    every = max(1, -(-top // 5))
    for tick in range(0, top + 1, every):
        y = upper + plot_h - plot_h * tick / top
        _el(svg, "line", {"class": "mh-chart-grid", "x1": _n(left), "y1": _n(y), "x2": _n(left + plot_w), "y2": _n(y)})
        _text(svg, str(tick), left - 6, y + 4, "end", "mh-chart-label")
    _text(svg, unit, 0, 12, "start", "mh-chart-label")


def _x_percent_axis(svg: ET.Element, left: float, upper: float, plot_w: float, plot_h: float) -> None:
    for tick in range(0, 101, 25):
        x = left + plot_w * tick / 100
        _el(svg, "line", {"class": "mh-chart-grid", "x1": _n(x), "y1": _n(upper), "x2": _n(x), "y2": _n(upper + plot_h)})
        _text(svg, f"{tick}%", x, upper - 8, "middle", "mh-chart-label")


def _legend(svg: ET.Element, x: float, y: float, entries: list[tuple[str, str]]) -> None:
    for css, label in entries:
        _el(svg, "rect", {"class": css + " mh-chart-swatch", "x": _n(x), "y": _n(y - 9), "width": "10", "height": "10"})
        _text(svg, label, x + 14, y, "start", "mh-chart-label")
        x += 24 + 7 * len(label)


def _cut(text: str, limit: int = LABEL_CHARS) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def _percent(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.1f}%"


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _serialise(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode")
