"""The portfolio: many assessments side by side, the paper's figures 2 to 8 computed.

The paper (section 4) scored 7 projects with its questionnaire and compared them: a histogram of
the totals (figure 2), each project's total against what its route allows (figure 3), and the
questions most projects fail (figures 4 to 8). `portfolio` computes the same for any set of
answers files, every number from `scoring.score`:

- each assessment's total, paper-core subscore and per-stage figures, with its route;
- "latest": a project's most recent assessment (by date, then the order given). Projects are
  told apart by the answers file's "project" name, case and spaces ignored (a file without a
  name is a project of its own, named after the file); every assessment of a project carries
  the name as its latest file writes it. The distribution, the comparison and the weak items
  use only the latest assessment of each project; a project assessed on two or more dates also
  gets its progress, oldest first;
- the distribution: how many projects' percentages (one decimal, as shown) fall in each
  10-point bin, 0-10 ... 90-100 (the last bin includes 100);
- the weak items: for each scored item, over the latest assessments whose route has it, how
  many answered no (0 points although answered) and how many left it unanswered (not marked not
  applicable), ranked by those two together, then by "no", then in the methodology's order;
- the items marked not applicable, counted apart: for each scored item, over the same latest
  assessments, how many marked it not applicable (with the reasons given), ranked by that count,
  then in the methodology's order; and each assessment's own count of items and points marked
  not applicable beside its total.

Projects on different routes are compared by percentage, since their maxima differ (55, 76,
115 to 122 points); the route is shown beside each. Pure: no file access, so it runs in Pyodide.
"""

from __future__ import annotations

import datetime as _dt
import re
from dataclasses import dataclass
from typing import Any, Sequence

from .answers import Answers, calendar_date, parse_bytes
from .errors import HandbookError
from .messages import format_date, format_percent, percent_sign, t
from .model import Methodology
from .scoring import NOT_APPLICABLE, UNANSWERED, Score, percent, score
from .workbook_import import answers_from_workbook, is_workbook

FORMAT = "mlops-handbook-portfolio"
VERSION = 1
BIN_WIDTH = 10
WEAK_ITEMS_LISTED = 10


@dataclass(frozen=True)
class Figures:
    """Points of a maximum; `percent` with the score's rounding (None when the maximum is 0)."""

    points: int
    maximum: int

    @property
    def percent(self) -> float | None:
        return percent(self.points, self.maximum)

    def to_dict(self) -> dict[str, Any]:
        return {"points": self.points, "maximum": self.maximum, "percent": self.percent}


@dataclass(frozen=True)
class Assessment:
    """One answers file scored: who, when, which route, and its figures."""

    file: str
    project: str
    assessor: str
    date: str
    route: str
    route_title: str
    task_type: str | None
    task_type_title: str | None  # in the methodology's language, as route_title
    total: Figures
    paper: Figures
    # (stage id, figures), in the methodology's order
    stages: tuple[tuple[str, Figures], ...]
    latest: bool
    # Items answered (yes, no, options), marked not applicable and open; the points marked N/A.
    answered: int = 0
    not_applicable_count: int = 0
    open: int = 0
    not_applicable_points: int = 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "file": self.file, "project": self.project, "assessor": self.assessor, "date": self.date,
            "route": self.route, "route_title": self.route_title, "task_type": self.task_type,
            "task_type_title": self.task_type_title,
            "points": self.total.points, "maximum": self.total.maximum, "percent": self.total.percent,
            "paper_points": self.paper.points, "paper_maximum": self.paper.maximum,
            "paper_percent": self.paper.percent, "latest": self.latest,
            "answered": self.answered, "not_applicable_count": self.not_applicable_count, "open": self.open,
            "not_applicable_points": self.not_applicable_points,
            "stages": {stage_id: figures.to_dict() for stage_id, figures in self.stages},
        }


@dataclass(frozen=True)
class Bin:
    """Projects whose percentage is at least `start` and below `end` (the last bin: up to 100)."""

    start: int
    end: int
    projects: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.start, "to": self.end, "count": len(self.projects), "projects": list(self.projects)}


@dataclass(frozen=True)
class WeakItem:
    id: str
    question: str
    section: str
    stage: str
    # Of the latest assessments whose route has the item: answered no, left unanswered, all.
    no: int
    unanswered: int
    assessed: int

    @property
    def failing(self) -> int:
        return self.no + self.unanswered

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "section": self.section, "stage": self.stage,
                "no": self.no, "unanswered": self.unanswered, "failing": self.failing, "assessed": self.assessed}


@dataclass(frozen=True)
class MarkedItem:
    """An item some projects marked not applicable: how many, of those whose route has it, and why."""

    id: str
    question: str
    section: str
    stage: str
    marked: int
    assessed: int
    # (project, reason), in the order of the projects
    reasons: tuple[tuple[str, str], ...]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "question": self.question, "section": self.section, "stage": self.stage,
                "marked": self.marked, "assessed": self.assessed,
                "reasons": [{"project": project, "reason": reason} for project, reason in self.reasons]}


@dataclass(frozen=True)
class ProgressPoint:
    date: str
    figures: Figures

    def to_dict(self) -> dict[str, Any]:
        return {"date": self.date, "percent": self.figures.percent,
                "points": self.figures.points, "maximum": self.figures.maximum}


@dataclass(frozen=True)
class Progress:
    """A project assessed on two or more dates: its totals, oldest first."""

    project: str
    route: str
    points: tuple[ProgressPoint, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"project": self.project, "route": self.route, "points": [p.to_dict() for p in self.points]}


@dataclass(frozen=True)
class Portfolio:
    # (stage id, title), in the methodology's order
    stages: tuple[tuple[str, str], ...]
    # in the order given; `latest` marks what the views below use
    assessments: tuple[Assessment, ...]
    bins: tuple[Bin, ...]
    weak_items: tuple[WeakItem, ...]
    progress: tuple[Progress, ...]
    bin_width: int = BIN_WIDTH
    not_applicable_items: tuple[MarkedItem, ...] = ()

    @property
    def latest(self) -> tuple[Assessment, ...]:
        return tuple(a for a in self.assessments if a.latest)

    @property
    def ranked(self) -> tuple[Assessment, ...]:
        """The latest assessments in the order every table lists projects: see `rank_key`."""
        return tuple(sorted(self.latest, key=rank_key))

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT, "version": VERSION,
            "stages": [{"id": stage_id, "title": title} for stage_id, title in self.stages],
            "assessments": [a.to_dict() for a in self.assessments],
            "distribution": {"bin_width": self.bin_width, "bins": [b.to_dict() for b in self.bins]},
            "weak_items": [w.to_dict() for w in self.weak_items],
            "not_applicable_items": [m.to_dict() for m in self.not_applicable_items],
            "progress": [p.to_dict() for p in self.progress],
        }


def rank_key(assessment: Assessment) -> tuple:
    """The order of the projects in the text, the spreadsheet and the page: the highest percentage of
    the route's maximum first, then by name (case and spaces ignored), then in the order given."""
    return (-(assessment.total.percent or 0), project_key(assessment.project))


def date_key(text: str) -> _dt.date:
    """An assessment's date as a date, to compare by (no date, or one that is not a calendar date, first)."""
    return calendar_date(text) or _dt.date.min


def portfolio(methodology: Methodology, assessments: Sequence[tuple[str, Answers]]) -> Portfolio:
    """The portfolio of the assessments, each (file or label, answers). Raises HandbookError if one has no route."""
    result, problems = portfolio_with_problems(methodology, assessments)
    if problems:
        raise problems[0]
    return result


def portfolio_with_problems(methodology: Methodology, assessments: Sequence[tuple[str, Answers]]
                            ) -> tuple[Portfolio, list[HandbookError]]:
    """The portfolio of those that can be scored, and the errors of those that cannot (no route)."""
    scored: list[tuple[str, Answers, Score]] = []
    problems: list[HandbookError] = []
    for file, answers in assessments:
        try:
            scored.append((file, answers, score(methodology, answers, file)))
        except HandbookError as error:
            problems.append(error)
        except Exception as error:  # a bug: this file is named and left out, the others still reported
            problems.append(internal_problem(file, error))
    return _build(methodology, scored), problems


def project_key(name: str) -> str:
    """The name that groups assessments into a project: case and runs of spaces ignored."""
    return " ".join(name.split()).casefold()


def _build(methodology: Methodology, scored: list[tuple[str, Answers, Score]]) -> Portfolio:
    keys = [project_key(answers.project) or f"\0{index}" for index, (_, answers, _) in enumerate(scored)]
    groups: dict[str, list[int]] = {}
    for index, key in enumerate(keys):
        groups.setdefault(key, []).append(index)
    # A project's latest: the greatest date, the last given among equal dates (max keeps the first).
    latest_of = {key: max(reversed(members), key=lambda i: date_key(scored[i][1].date))
                 for key, members in groups.items()}
    names = {key: _display_name(scored[index][0], scored[index][1]) for key, index in latest_of.items()}
    latest_indexes = set(latest_of.values())
    assessments = tuple(_assessment(methodology, file, names[key], answers, result, index in latest_indexes)
                        for index, ((file, answers, result), key) in enumerate(zip(scored, keys)))
    latest = [(assessments[i], scored[i][2]) for i in sorted(latest_indexes)]
    return Portfolio(
        stages=tuple((stage.id, stage.title) for stage in methodology.stages),
        assessments=assessments,
        bins=_bins([a for a, _ in latest]),
        weak_items=_weak_items(methodology, [s for _, s in latest]),
        not_applicable_items=_marked_items(methodology, [(a.project, scored[i][1], scored[i][2])
                                                          for i, a in enumerate(assessments) if a.latest]),
        progress=tuple(_progress(assessments, members) for members in groups.values()
                       if len({assessments[i].date for i in members if assessments[i].date}) >= 2),
    )


def _display_name(file: str, answers: Answers) -> str:
    """The project's name as its latest file writes it (spaces tidied), else the file's name."""
    return " ".join(answers.project.split()) or re.split(r"[\\/]", file)[-1]


def _assessment(methodology: Methodology, file: str, project: str, answers: Answers, result: Score,
                latest: bool) -> Assessment:
    route = methodology.route(result.route)
    task_type = methodology.task_type(result.task_type) if result.task_type else None
    return Assessment(
        file=file, project=project, assessor=answers.assessor, date=answers.date,
        route=result.route, route_title=route.title if route else result.route, task_type=result.task_type,
        task_type_title=task_type.title if task_type else result.task_type,
        total=Figures(result.points, result.maximum), paper=Figures(result.paper_points, result.paper_maximum),
        stages=tuple((s.stage_id, Figures(s.points, s.maximum)) for s in result.stages),
        latest=latest, answered=result.answered, not_applicable_count=result.not_applicable_count,
        open=result.open, not_applicable_points=result.not_applicable_points,
    )


def _bins(latest: list[Assessment]) -> tuple[Bin, ...]:
    members: list[list[str]] = [[] for _ in range(100 // BIN_WIDTH)]
    for assessment in latest:
        value = assessment.total.percent
        if value is not None:
            # The shown percentage decides the bin, so 79.96% (shown 80.0%) counts in 80-90.
            members[min(int(value // BIN_WIDTH), len(members) - 1)].append(assessment.project)
    return tuple(Bin(i * BIN_WIDTH, (i + 1) * BIN_WIDTH, tuple(names)) for i, names in enumerate(members))


def _weak_items(methodology: Methodology, latest: list[Score]) -> tuple[WeakItem, ...]:
    tallies: dict[str, list[int]] = {}  # item id -> [no, unanswered, assessed]
    for result in latest:
        for item in result.items:
            tally = tallies.setdefault(item.item_id, [0, 0, 0])
            tally[2] += 1
            if item.status == UNANSWERED:
                tally[1] += 1
            elif item.status != NOT_APPLICABLE and item.points == 0:
                tally[0] += 1  # answered and worth nothing: "no", or no option chosen
    weak = []
    for order, item in enumerate(methodology.items):
        no, unanswered, assessed = tallies.get(item.id, (0, 0, 0))
        if no + unanswered:
            subphase = methodology.find(item.subphase_id)
            weak.append((order, WeakItem(item.id, item.question, subphase.section, item.stage_id,
                                         no, unanswered, assessed)))
    weak.sort(key=lambda entry: (-entry[1].failing, -entry[1].no, entry[0]))
    return tuple(w for _, w in weak)


def _marked_items(methodology: Methodology, latest: list[tuple[str, Answers, Score]]) -> tuple[MarkedItem, ...]:
    """The items marked not applicable in the latest assessments, most often first."""
    assessed: dict[str, int] = {}
    reasons: dict[str, list[tuple[str, str]]] = {}
    for project, answers, result in latest:
        for item in result.items:
            assessed[item.item_id] = assessed.get(item.item_id, 0) + 1
        for entry in result.not_applicable:
            reasons.setdefault(entry.item_id, []).append((project, entry.reason))
    marked = []
    for order, item in enumerate(methodology.items):
        if item.id in reasons:
            subphase = methodology.find(item.subphase_id)
            marked.append((order, MarkedItem(item.id, item.question, subphase.section, item.stage_id,
                                             len(reasons[item.id]), assessed[item.id], tuple(reasons[item.id]))))
    marked.sort(key=lambda entry: (-entry[1].marked, entry[0]))
    return tuple(m for _, m in marked)


def _progress(assessments: tuple[Assessment, ...], members: list[int]) -> Progress:
    by_date: dict[str, Assessment] = {}
    for index in members:  # in the order given: the last of a date wins, as for "latest"
        if assessments[index].date:
            by_date[assessments[index].date] = assessments[index]
    latest = next(assessments[i] for i in members if assessments[i].latest)
    return Progress(latest.project, latest.route,
                    tuple(ProgressPoint(date, by_date[date].total) for date in sorted(by_date, key=date_key)))


# ---------------------------------------------------------------- reading an assessment


def read_assessment(content: bytes | str, methodology: Methodology, file: str) -> Answers:
    """The answers of one input: an answers file (JSON text or its bytes) or one of our score spreadsheets."""
    try:
        if isinstance(content, str):
            # Lone surrogates (possible in a JavaScript string) become invalid UTF-8, reported by byte.
            content = content.encode("utf-8", "surrogatepass")
        if not is_workbook(content):
            return parse_bytes(content, methodology, file)
        return answers_from_workbook(content, methodology, file)
    except HandbookError:
        raise
    except Exception as error:  # a bug in a reader: this file is named and left out, the others still reported
        raise internal_problem(file, error) from None


def internal_problem(file: str, error: Exception) -> HandbookError:
    """A file that tripped a bug: named, so that a portfolio still reports the other files."""
    detail = str(error)
    detail = f"{type(error).__name__}: {detail[:77] + '…' if len(detail) > 80 else detail}" if detail \
        else type(error).__name__
    detail = detail.encode("utf-8", "backslashreplace").decode("utf-8")
    return HandbookError(file, "", t("an internal error, a bug in mlops-handbook, stopped reading this file "
                                     "({detail}); it is left out and the other files are reported", detail=detail),
                         t("please report it to the handbook's maintainers with the file if you can share it; "
                           "meanwhile check the file, or export it again"))


# ---------------------------------------------------------------- the text summary


def summary_lines(portfolio: Portfolio, weak_items_listed: int = WEAK_ITEMS_LISTED) -> list[str]:
    """The portfolio as plain text: distribution, projects, weak items, stages and progress, in the
    reader's language (messages.py)."""
    latest = portfolio.latest
    projects = (t("1 project", count=1) if len(latest) == 1 else t("{count} projects", count=len(latest)))
    assessments = (t("1 assessment", count=1) if len(portfolio.assessments) == 1
                   else t("{count} assessments", count=len(portfolio.assessments)))
    lines = [t("Portfolio: {projects} ({assessments}; each project's latest is compared)", projects=projects,
               assessments=assessments)]
    if not latest:
        return lines
    lines += ["", t("Distribution of the totals (percent of the route's maximum):")]
    bin_w = max(7, len(percent_sign("90-100")))
    for b in portfolio.bins:
        names = f"  {', '.join(b.projects)}" if b.projects else ""
        lines.append(f"  {percent_sign(f'{b.start}-{b.end}'):>{bin_w}} {len(b.projects):>3} "
                     f"{'#' * len(b.projects)}{names}")
    heads = (t("Project"), t("Route"), t("Date"), t("Points"), "%", t("Paper-core"), t("N/A items, points"))
    date_w = max(10, len(heads[2]), *(len(_date(a.date)) for a in portfolio.ranked))
    pct_w = max(6, len(_pct(100.0)))
    core_w, na_w = max(16, len(heads[5])), max(17, len(heads[6]))
    lines += ["", t("Projects, by percentage of their route's maximum:"),
              f"  {heads[0]:<28} {heads[1]:<18} {heads[2]:<{date_w}} {heads[3]:>9} {heads[4]:>{pct_w}}  "
              f"{heads[5]:>{core_w}}  {heads[6]:>{na_w}}"]
    for a in portfolio.ranked:
        core = f"{_fraction(a.paper):>9} {_pct(a.paper.percent):>{pct_w}}"
        lines.append(f"  {_cut(a.project, 28):<28} {_cut(a.route_title, 18):<18} {_date(a.date):<{date_w}} "
                     f"{_fraction(a.total):>9} {_pct(a.total.percent):>{pct_w}}  "
                     f"{core:>{core_w}}  "
                     f"{a.not_applicable_count:>{na_w - 9}}, {a.not_applicable_points:>6}")
    lines += _weak_lines(portfolio, weak_items_listed)
    lines += _marked_lines(portfolio, weak_items_listed)
    lines += _stage_lines(portfolio)
    if portfolio.progress:
        lines += ["", t("Progress (projects assessed on two or more dates):")]
        for progress in portfolio.progress:
            steps = " -> ".join(f"{_date(p.date)} {_pct(p.figures.percent)} ({_fraction(p.figures)})"
                                for p in progress.points)
            lines.append(f"  {progress.project}: {steps}")
    return lines


def _weak_lines(portfolio: Portfolio, listed: int) -> list[str]:
    if not portfolio.weak_items:
        return ["", t("No item is answered no or left unanswered.")]
    lines = ["", t("Items most often failed (answered no or left unanswered), of the projects whose route has "
                   "the item:")]
    for w in portfolio.weak_items[:listed]:
        counts = t("{failing} of {assessed} ({no} no, {unanswered} unanswered)", failing=f"{w.failing:>3}",
                   assessed=f"{w.assessed:<3}", no=w.no, unanswered=w.unanswered)
        lines.append(f"  {w.id:<9} {counts}  {_cut(w.question, 70)}")
    if len(portfolio.weak_items) > listed:
        lines.append("  " + t("... {count} more items failed by at least one project (--json or the spreadsheet "
                              "lists them all)", count=len(portfolio.weak_items) - listed))
    return lines


def _marked_lines(portfolio: Portfolio, listed: int) -> list[str]:
    if not portfolio.not_applicable_items:
        return ["", t("No item is marked not applicable.")]
    lines = ["", t("Items most often marked not applicable (with a reason), of the projects whose route has the "
                   "item:")]
    for m in portfolio.not_applicable_items[:listed]:
        counts = t("{marked} of {assessed}", marked=f"{m.marked:>3}", assessed=f"{m.assessed:<3}")
        lines.append(f"  {m.id:<9} {counts}  {_cut(m.question, 70)}")
    if len(portfolio.not_applicable_items) > listed:
        lines.append("  " + t("... {count} more items marked not applicable by at least one project (--json or the "
                              "spreadsheet lists them all, with the reasons)",
                              count=len(portfolio.not_applicable_items) - listed))
    return lines


def _stage_lines(portfolio: Portfolio) -> list[str]:
    legend = ", ".join(f"{n} {title}" for n, (_, title) in enumerate(portfolio.stages, start=1))
    width = max(7, len(_pct(100.0)) + 1)
    lines = ["", t("Percent per stage ({legend}; - where the route has no item in the stage):", legend=legend),
             f"  {t('Project'):<28}" + "".join(f"{n:>{width}}" for n in range(1, len(portfolio.stages) + 1))]
    for a in portfolio.ranked:
        figures = dict(a.stages)
        lines.append(f"  {_cut(a.project, 28):<28}"
                     + "".join(f"{_pct(figures[stage_id].percent, '-'):>{width}}" for stage_id, _ in portfolio.stages))
    return lines


def _date(date: str) -> str:
    """An assessment's date in the reader's language ("-" for none)."""
    return format_date(date) if date else "-"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[:width - 1] + "…"


def _fraction(figures: Figures) -> str:
    return f"{figures.points} / {figures.maximum}"


def _pct(value: float | None, missing: str | None = None) -> str:
    return format_percent(value) if value is not None or missing is None else missing
