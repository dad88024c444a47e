"""The portfolio's figures as SVG text, drawn from the portfolio dict (Portfolio.to_dict()).

The Portfolio page shows them; they are drawn here, in Python, rather than by a JavaScript
charting library: the worker already runs this package, so they cost no extra download, every
number in them is the one the package computed, and they are tested in CPython like the rest.

    distribution_svg(p)  the paper's figure 2: how many projects fall in each band of 10%
    projects_svg(p)      figure 3: each project's percent of its route maximum, the paper-core
                         subscore beside it, the route named
    weak_items_svg(p)    figures 4-8: the items most projects fail, ranked, with counts
    progress_svg(p)      percent by date for the projects assessed on several dates, on a time
                         axis (x proportional to the days between the dates)
    all_charts(p)        {"distribution", "projects", "weak_items", "progress"}: SVG text or None

Each chart is an <svg role="img"> with a <title> and a <desc>; the page puts the same figures in
tables beside it (the text alternative). Names and questions are wrapped onto a few lines
(<tspan>s), never cut short while they fit, and each label holds its whole text in a <title>. Colours come from CSS classes only (no style
attributes, which the site's Content-Security-Policy refuses), so the page's stylesheet makes
them read in light and dark schemes and in print. All text goes through ElementTree, which
escapes it.
"""

from __future__ import annotations

import datetime as _dt
import math
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from typing import Any

from .answers import calendar_date
from .messages import SPANISH, current_language, format_date, format_percent, percent_sign, t

SVG_NS = "http://www.w3.org/2000/svg"
WIDTH = 640
FONT_PX = 12
LINE_PX = 14            # the distance between two lines of a wrapped label
NAME_LINES = 3          # a project name wraps onto at most this many lines (past them it ends in "…")
QUESTION_LINES = 2      # an item's question likewise (the table beside the chart has it whole)
TICK_PX = 90            # at least this far between two dates written under the time axis
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTHS_ES = ("ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic")
WEAK_ITEMS_SHOWN = 10
SERIES_CLASSES = 4       # progress lines cycle through this many colour classes and marker shapes

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
               t("Distribution of the projects' totals"),
               t("How many of the {total} projects (latest assessment each) score in each band of {width} percent "
                 "of their route maximum: ", total=total, width=portfolio["distribution"]["bin_width"])
               + "; ".join(f"{_band(b)}: {b['count']}" for b in bins) + ".")
    _y_axis(svg, left, upper, plot_w, plot_h, top, t("projects"))
    for index, b in enumerate(bins):
        x = left + index * slot
        bar_h = plot_h * b["count"] / top
        if b["count"]:
            _el(svg, "rect", {"class": "mh-chart-bar", "x": _n(x + slot * 0.15), "y": _n(upper + plot_h - bar_h),
                              "width": _n(slot * 0.7), "height": _n(bar_h), "data-count": str(b["count"])})
            _text(svg, str(b["count"]), x + slot / 2, upper + plot_h - bar_h - 4, "middle", "mh-chart-value")
        _text(svg, _band(b), x + slot / 2, upper + plot_h + 15, "middle", "mh-chart-label")
    _text(svg, t("percent of the route maximum"), left + plot_w / 2, height - 6, "middle", "mh-chart-label")
    return _serialise(svg)


def _band(b: dict[str, Any]) -> str:
    return percent_sign(f"{b['from']}-{b['to']}")


# ---- Figure 3: each project against its route --------------------------------------------

def projects_svg(portfolio: Portfolio) -> str | None:
    """A bar per project (percent of its route maximum) and a thinner one for the paper core."""
    rows = [a for a in portfolio["assessments"] if a["latest"]]
    if not rows:
        return None
    left, right, upper = 240, 130, 24
    plot_w = WIDTH - left - right
    svg = _svg("projects", 0,
               t("Each project's total against its route maximum"),
               t("Percent of the route maximum and, on the thinner bar, percent of the paper's own questions: ")
               + "; ".join(t("{project} ({route}): {points} of {maximum} points, {percent}, paper core {paper}",
                             project=a["project"], route=a["route_title"], points=a["points"], maximum=a["maximum"],
                             percent=_percent(a["percent"]), paper=_percent(a["paper_percent"])) for a in rows)
               + ".")
    grid = _el(svg, "g", {"class": "mh-chart-grid-lines"})   # drawn first, behind the bars; sized below
    y = upper
    for a in rows:
        lines = _label(svg, a["project"], left - 8, y + 14, "end", "mh-chart-label", left - 16)
        _text(svg, a["route_title"], left - 8, y + 14 + LINE_PX * lines, "end", "mh-chart-label mh-chart-muted")
        _hbar(svg, "mh-chart-bar", left, y + 4, plot_w, 14, a["percent"])
        _hbar(svg, "mh-chart-bar mh-chart-bar-paper", left, y + 21, plot_w, 7, a["paper_percent"])
        _text(svg, f"{a['points']} / {a['maximum']} \u00b7 {_percent(a['percent'])}", left + plot_w + 8, y + 15,
              "start", "mh-chart-value")
        _text(svg, t("paper core {percent}", percent=_percent(a["paper_percent"])), left + plot_w + 8, y + 28, "start",
              "mh-chart-label mh-chart-muted")
        y += max(40, LINE_PX * (lines + 1) + 12)
    _x_percent_axis(grid, left, upper, plot_w, y - upper)
    _legend(svg, left, y + 16, [("mh-chart-bar", t("percent of the route maximum")),
                                ("mh-chart-bar mh-chart-bar-paper", t("paper core"))])
    _size(svg, y + 24)
    return _serialise(svg)


# ---- Figures 4-8: the items most projects fail -------------------------------------------

def weak_items_svg(portfolio: Portfolio, shown: int = WEAK_ITEMS_SHOWN) -> str | None:
    """A bar per item (the first `shown`), out of the projects it applies to: "no", then unanswered."""
    items = portfolio["weak_items"][:shown]
    if not items:
        return None
    left, right, upper = 250, 70, 24
    plot_w = WIDTH - left - right
    svg = _svg("weak_items", 0,
               t("The items most projects fail"),
               t("The {count} items failed by the most projects (latest assessments whose route has the item), "
                 "answered no, then left unanswered: ", count=len(items))
               + "; ".join(f"{i['id']} {i['question']}: "
                           + t("{failing} of {assessed} ({no} no, {unanswered} unanswered)", failing=i["failing"],
                               assessed=i["assessed"], no=i["no"], unanswered=i["unanswered"]) for i in items)
               + ".")
    axis = _el(svg, "line", {"class": "mh-chart-axis", "x1": _n(left), "y1": _n(upper - 4), "x2": _n(left)})
    y = upper
    for item in items:
        scale = plot_w / item["assessed"] if item["assessed"] else 0
        _text(svg, item["id"], left - 8, y + 12, "end", "mh-chart-label")
        lines = _label(svg, item["question"], left - 8, y + 26, "end", "mh-chart-label mh-chart-muted", left - 16,
                       QUESTION_LINES)
        _el(svg, "rect", {"class": "mh-chart-track", "x": _n(left), "y": _n(y + 5), "width": _n(plot_w),
                          "height": "16"})
        no_w, open_w = item["no"] * scale, item["unanswered"] * scale
        if no_w:
            _el(svg, "rect", {"class": "mh-chart-bar mh-chart-bar-no", "x": _n(left), "y": _n(y + 5),
                              "width": _n(no_w), "height": "16", "data-count": str(item["no"])})
        if open_w:
            _el(svg, "rect", {"class": "mh-chart-bar mh-chart-bar-open", "x": _n(left + no_w), "y": _n(y + 5),
                              "width": _n(open_w), "height": "16", "data-count": str(item["unanswered"])})
        _text(svg, t("{marked} of {assessed}", marked=item["failing"], assessed=item["assessed"]),
              left + plot_w + 8, y + 17, "start",
              "mh-chart-value")
        y += LINE_PX * (lines + 1) + 8
    axis.set("y2", _n(y))
    _legend(svg, left, y + 16, [("mh-chart-bar mh-chart-bar-no", t("answered no")),
                                ("mh-chart-bar mh-chart-bar-open", t("not answered"))])
    _size(svg, y + 30)
    return _serialise(svg)


# ---- Progress: projects assessed on several dates ----------------------------------------

def progress_svg(portfolio: Portfolio) -> str | None:
    """A line per project: its percent at each date it was assessed, on a time axis.

    x is proportional to the calendar date (days), so March to September is six times as wide as
    November to December. Markers of one date that would cover each other are drawn side by
    side, and a note under the axis says so. The projects are named in full in a legend below.
    """
    series = [s for s in portfolio["progress"] if _dated(s["points"])]
    if not series:
        return None
    days = [day for s in series for day, _ in _dated(s["points"])]
    first, last = min(days), max(days)
    left, right, upper, plot_h = 64, 24, 28, 200
    plot_w = WIDTH - left - right
    axis = _TimeAxis(first, last, left, plot_w)
    base = upper + plot_h
    svg = _svg("progress", 0,
               t("Progress of the projects assessed several times"),
               t("Percent of the route maximum at each assessment, by date: ")
               + "; ".join(f"{s['project']}: " + ", ".join(f"{_date_text(p['date'])} {_percent(p['percent'])}"
                                                          for p in s["points"]) for s in series) + ".")
    _text(svg, t("percent of the route maximum"), 0, 12, "start", "mh-chart-label")
    for tick in range(0, 101, 25):
        y = base - plot_h * tick / 100
        _el(svg, "line", {"class": "mh-chart-grid", "x1": _n(left), "y1": _n(y), "x2": _n(left + plot_w), "y2": _n(y)})
        _text(svg, percent_sign(str(tick)), left - 6, y + 4, "end", "mh-chart-label")
    for day, label in axis.ticks():
        x = axis.x(day)
        _el(svg, "line", {"class": "mh-chart-grid", "x1": _n(x), "y1": _n(upper), "x2": _n(x), "y2": _n(base)})
        _el(svg, "line", {"class": "mh-chart-axis", "x1": _n(x), "y1": _n(base), "x2": _n(x), "y2": _n(base + 4)})
        _text(svg, label, x, base + 17, "middle", "mh-chart-label")
    _el(svg, "line", {"class": "mh-chart-axis", "x1": _n(left), "y1": _n(base), "x2": _n(left + plot_w), "y2": _n(base)})
    _text(svg, t("date of the assessment"), left + plot_w / 2, base + 36, "middle", "mh-chart-label")

    marks = [[_Mark(axis.x(day), base - plot_h * (point["percent"] or 0) / 100, day, point)
              for day, point in _dated(s["points"])] for s in series]
    y = base + 36
    if _side_by_side([mark for line in marks for mark in line]):
        y += 16
        _text(svg, t("Markers of one date at about the same percent are drawn side by side."),
              left + plot_w / 2, y, "middle", "mh-chart-label mh-chart-muted")
    for number, (s, line) in enumerate(zip(series, marks)):
        css = f"mh-chart-series mh-chart-series-{number % SERIES_CLASSES}"
        _el(svg, "polyline", {"class": css, "points": " ".join(f"{_n(m.x)},{_n(m.y)}" for m in line)})
        for mark in line:
            marker = _marker(svg, number, mark.x, mark.y, css + " mh-chart-point")
            marker.set("data-date", mark.day.isoformat())
            _el(marker, "title", {}).text = (
                f"{s['project']}, {_date_text(mark.point['date'])}: {mark.point['points']} / "
                f"{mark.point['maximum']} \u00b7 {_percent(mark.point['percent'])}")
    y += 14
    for number, s in enumerate(series):
        css = f"mh-chart-series mh-chart-series-{number % SERIES_CLASSES}"
        y += 14
        _el(svg, "line", {"class": css, "x1": _n(left), "y1": _n(y - 4), "x2": _n(left + 24), "y2": _n(y - 4)})
        _marker(svg, number, left + 12, y - 4, css + " mh-chart-point mh-chart-swatch")
        lines = _label(svg, s["project"], left + 32, y, "start", "mh-chart-label", WIDTH - left - 40)
        y += LINE_PX * (lines - 1)
    _size(svg, y + 10)
    return _serialise(svg)


def _dated(points: list[dict[str, Any]]) -> list[tuple[_dt.date, dict[str, Any]]]:
    """The points that have a calendar date (the only ones a time axis can place), with that date."""
    return [(day, point) for point in points if (day := calendar_date(point["date"])) is not None]


@dataclass
class _Mark:
    """A point of a progress line where it is drawn: x from its date, y from its percent."""

    x: float
    y: float
    day: _dt.date
    point: dict[str, Any]


def _side_by_side(marks: list[_Mark], apart: float = 9) -> bool:
    """Spread the marks of one date that would cover each other (less than `apart` px apart in
    height) sideways, `apart` px from each other around their date; True if any was moved."""
    by_day: dict[_dt.date, list[_Mark]] = {}
    for mark in marks:
        by_day.setdefault(mark.day, []).append(mark)
    moved = False
    for same_day in by_day.values():
        same_day.sort(key=lambda mark: mark.y)
        clusters = [[same_day[0]]]
        for mark in same_day[1:]:
            if mark.y - clusters[-1][-1].y < apart:
                clusters[-1].append(mark)
            else:
                clusters.append([mark])
        for cluster in (c for c in clusters if len(c) > 1):
            moved = True
            for order, mark in enumerate(cluster):
                mark.x += (order - (len(cluster) - 1) / 2) * apart
    return moved


class _TimeAxis:
    """x for a date, linear in days from a little before the first date to a little after the last;
    one date alone is centred. Ticks fall on whole days, months or years, at most one per TICK_PX."""

    def __init__(self, first: _dt.date, last: _dt.date, left: float, width: float) -> None:
        span = (last - first).days
        pad = span * 0.05 if span else 15
        self.start = first.toordinal() - max(pad, 1)
        self.end = last.toordinal() + max(pad, 1)
        self.left, self.width = left, width

    def x(self, day: _dt.date) -> float:
        return self.left + (day.toordinal() - self.start) / (self.end - self.start) * self.width

    def ticks(self) -> list[tuple[_dt.date, str]]:
        most = max(2, int(self.width // TICK_PX))
        first = _dt.date.fromordinal(max(math.ceil(self.start), 1))
        last = _dt.date.fromordinal(min(math.floor(self.end), _dt.date.max.toordinal()))
        for every in ("day", "2 days", "week", "half month") if (last - first).days < 16 * most else ():
            days = [first + _dt.timedelta(d) for d in range((last - first).days + 1)]
            days = {"day": days, "2 days": days[::2], "week": [d for d in days if d.weekday() == 0],
                    "half month": [d for d in days if d.day in (1, 15)]}[every]
            if len(days) <= most:
                return [(d, _date_text(d.isoformat())) for d in days]
        for months in (1, 2, 3, 6):
            starts = []
            year, month = first.year, first.month
            while (day := _dt.date(year, month, 1)) <= last and len(starts) <= most:
                if day >= first and (month - 1) % months == 0:
                    starts.append(day)
                year, month = (year + 1, 1) if month == 12 else (year, month + 1)
            if len(starts) <= most:
                months_of = MONTHS_ES if current_language() == SPANISH else MONTHS
                return [(d, f"{months_of[d.month - 1]} {d.year}") for d in starts]
        first_year = first.year if (first.month, first.day) == (1, 1) else first.year + 1
        for years in (1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000):
            ticks = range(-(-first_year // years) * years, last.year + 1, years)
            if len(ticks) <= most:
                return [(_dt.date(year, 1, 1), str(year)) for year in ticks]
        return []


def _date_text(text: str) -> str:
    """A calendar date as "6 Dec 2026" ("6 dic 2026" in Spanish), read the same everywhere; anything
    else as given."""
    day = calendar_date(text)
    if day and current_language() == SPANISH:
        return format_date(text)
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}" if day else text


def _marker(parent: ET.Element, number: int, x: float, y: float, css: str) -> ET.Element:
    """The series' marker shape (circle, square, triangle, diamond), so lines differ by more than colour."""
    shape = number % SERIES_CLASSES
    if shape == 0:
        return _el(parent, "circle", {"class": css, "cx": _n(x), "cy": _n(y), "r": "4"})
    outline = {1: [(-3.6, -3.6), (3.6, -3.6), (3.6, 3.6), (-3.6, 3.6)],
               2: [(0, -5), (4.6, 3.5), (-4.6, 3.5)],
               3: [(0, -5), (5, 0), (0, 5), (-5, 0)]}[shape]
    return _el(parent, "path", {"class": css, "d": "M" + " L".join(f"{_n(x + dx)},{_n(y + dy)}" for dx, dy in outline)
                                + " Z"})


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
        _text(svg, percent_sign(str(tick)), x, upper - 8, "middle", "mh-chart-label")


def _legend(svg: ET.Element, x: float, y: float, entries: list[tuple[str, str]]) -> None:
    for css, label in entries:
        _el(svg, "rect", {"class": css + " mh-chart-swatch", "x": _n(x), "y": _n(y - 9), "width": "10", "height": "10"})
        _text(svg, label, x + 14, y, "start", "mh-chart-label")
        x += 24 + 7 * len(label)


def _size(svg: ET.Element, height: float) -> None:
    """The chart's height, known once its rows (as high as their wrapped labels) are drawn."""
    svg.set("viewBox", f"0 0 {WIDTH} {_n(height)}")
    svg.set("height", _n(height))


def _label(parent: ET.Element, text: str, x: float, y: float, anchor: str, css: str, width: float,
           most: int = NAME_LINES) -> int:
    """`text` wrapped to `width` px on at most `most` lines (one <tspan> each), the whole text in its
    <title> (shown on hover); returns the number of lines."""
    lines = _wrap(text, width, most)
    node = _el(parent, "text", {"class": css, "x": _n(x), "y": _n(y), "text-anchor": anchor})
    _el(node, "title", {}).text = text
    for number, line in enumerate(lines):
        _el(node, "tspan", {"x": _n(x), "dy": "0" if number == 0 else str(LINE_PX)}).text = line
    return len(lines)


def _wrap(text: str, width: float, most: int) -> list[str]:
    """Lines of at most `width` px, broken between words (inside a word only when it is longer than a
    line); past `most` lines the last one ends with an ellipsis."""
    lines: list[str] = []
    line = ""
    for word in text.split():
        if _width(f"{line} {word}" if line else word) <= width:
            line = f"{line} {word}" if line else word
            continue
        if line:
            lines.append(line)
        while _width(word) > width and len(lines) <= most:
            fits = _fitting(word, width)
            lines.append(word[:fits])
            word = word[fits:]
        line = word
        if len(lines) > most:
            break   # enough to know it is cut: a very long name costs no more
    if line:
        lines.append(line)
    if len(lines) > most:
        last = lines[most - 1]
        while " " in last and _width(last + "\u2026") > width:
            last = last.rsplit(" ", 1)[0]   # end on a whole word where one fits
        last = last[:_fitting(last, width - _width("\u2026"))]
        lines = lines[:most - 1] + [last.rstrip(" ,;:") + "\u2026"]
    return lines or [""]


def _fitting(word: str, width: float) -> int:
    """How many of the first characters of `word` fit in `width` px (at least one)."""
    used = 0.0
    for count, ch in enumerate(word):
        used += _width(ch)
        if used > width:
            return max(count, 1)
    return len(word)


# The width of characters in em, at least that of the widest usual sans-serif font (DejaVu Sans;
# Helvetica and Arial are narrower; the site loads no font of its own), so a line is never longer
# than estimated.
_EM = {**dict.fromkeys("fijlI.,;:'!|()[] -", 0.36), **dict.fromkeys("rt", 0.42), **dict.fromkeys("mwMW@%", 1.0)}


def _width(text: str) -> float:
    """The width of `text` in px at FONT_PX, estimated per character (Python cannot measure the page's font)."""
    return FONT_PX * sum(_EM.get(ch, 0.78 if ch.isupper() else 0.64) for ch in text)


def _percent(value: float | None) -> str:
    return format_percent(value)


def _n(value: float) -> str:
    """A coordinate with at most two decimals and no trailing zeros."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def _serialise(svg: ET.Element) -> str:
    return ET.tostring(svg, encoding="unicode")
