"""Scores a set of answers. The paper's rules give the headline; two figures sit beside it.

The paper's rules (section 5): a yes/no item gives 1 point for yes; a multiple-choice item
1 point per selected option that applies; a single choice (route, ML task type) only selects a
path. These give the total "on the paper's scale": points out of the route's published maximum.

Beside it, two figures the handbook adds (neither changes the total):
- "of what applies": an item marked not applicable (with its reason) scores 0 on the paper's
  scale, as in the paper; this second maximum leaves those items out. It never goes without how
  many items and points are marked not applicable (`not_applicable_count`,
  `not_applicable_points`), and `not_applicable_flag` says in words when those points are more
  than a quarter of the maximum, where the percentage says little.
- the paper-core subscore: the points from the paper's own questions (items whose source basis
  is "paper") out of their maximum, so a reader sees how much of a total rests on the paper.

Items are counted apart: `answered` (yes, no or options given), `not_applicable_count` and
`open` (neither). A reason that `answers.reason_problem` refuses does not make an item not
applicable: it counts as answered no, as in the spreadsheet (the answers file refuses such a
reason anyway; this keeps an Answers built in code from inflating a score).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, fields, is_dataclass
from fractions import Fraction
from typing import Any

from .answers import Answers, reason_accepted
from .errors import HandbookError
from .messages import t
from .model import MULTIPLE_CHOICE, PAPER, SELECTS_TASK_TYPE, YES_NO, Item, Methodology

UNANSWERED = "unanswered"
ANSWERED_NO = "no"
PARTIAL = "partial"
COMPLETE = "complete"
NOT_APPLICABLE = "not-applicable"


@dataclass(frozen=True)
class ItemScore:
    item_id: str
    stage_id: str
    subphase_id: str
    points: int
    maximum: int
    # True once answered yes or no, or with options (not when marked not applicable).
    answered: bool
    # unanswered | no | partial | complete | not-applicable
    status: str
    # True when the question is the paper's own (it counts in the paper-core subscore).
    paper: bool
    # Multiple choice only: the options that count here, and those of them selected.
    options: tuple[str, ...] = ()
    selected: tuple[str, ...] = ()

    @property
    def applicable_maximum(self) -> int:
        return 0 if self.status == NOT_APPLICABLE else self.maximum

    @property
    def open(self) -> bool:
        """Neither answered nor marked not applicable."""
        return self.status == UNANSWERED


@dataclass(frozen=True)
class MissingItem:
    """An applicable item that still lacks points: unanswered, answered no, or options left."""

    item_id: str
    stage_id: str
    subphase_id: str
    question: str
    status: str
    missing_options: tuple[str, ...] = ()


@dataclass(frozen=True)
class NotApplicableItem:
    """An item the assessor marked not applicable, with the reason given."""

    item_id: str
    stage_id: str
    subphase_id: str
    question: str
    reason: str
    maximum: int


# When the points marked not applicable are more than this share of the maximum, the
# percentage of what applies is flagged in words.
FLAG_SHARE = Fraction(1, 4)
# (In English, as the spreadsheet's formulas write it; the score's own words are in the reader's language.)
FLAG_TEXT = ("N/A covers {points} of {maximum} points: more than a quarter of the {whole}, "
             "so the percentage of what applies says little")


class _Percentages:
    """The three percentages of a stage or a whole route, from its points and maxima, and the
    share marked not applicable beside the one of what applies."""

    points: int
    maximum: int
    applicable_maximum: int
    paper_points: int
    paper_maximum: int
    answered: int
    not_applicable_count: int
    open: int
    items_total: int
    _whole = "route"

    @property
    def not_applicable_points(self) -> int:
        """The points of the items marked not applicable, which "of what applies" leaves out."""
        return self.maximum - self.applicable_maximum

    @property
    def not_applicable_flag(self) -> str | None:
        """The words that flag the percentage of what applies when N/A covers over a quarter of the points."""
        if self.not_applicable_points <= FLAG_SHARE * self.maximum:
            return None
        if self._whole == "stage":
            return t("N/A covers {points} of {maximum} points: more than a quarter of the stage, "
                     "so the percentage of what applies says little",
                     points=self.not_applicable_points, maximum=self.maximum)
        return t("N/A covers {points} of {maximum} points: more than a quarter of the route, "
                 "so the percentage of what applies says little",
                 points=self.not_applicable_points, maximum=self.maximum)

    @property
    def counts_text(self) -> str:
        """E.g. "60 answered, 43 not applicable, 0 open": the items counted apart."""
        return t("{answered} answered, {not_applicable} not applicable, {open} open", answered=self.answered,
                 not_applicable=self.not_applicable_count, open=self.open)

    @property
    def not_applicable_text(self) -> str:
        """E.g. "N/A: 43 items, 32 of 122 points": what "of what applies" leaves out, said beside it."""
        if self.not_applicable_count == 1:
            return t("N/A: {count} item, {points} of {maximum} points", count=1,
                     points=self.not_applicable_points, maximum=self.maximum)
        return t("N/A: {count} items, {points} of {maximum} points", count=self.not_applicable_count,
                 points=self.not_applicable_points, maximum=self.maximum)

    @property
    def percent(self) -> float | None:
        return percent(self.points, self.maximum)

    @property
    def applicable_percent(self) -> float | None:
        return percent(self.points, self.applicable_maximum)

    @property
    def paper_percent(self) -> float | None:
        return percent(self.paper_points, self.paper_maximum)


@dataclass(frozen=True)
class StageScore(_Percentages):
    stage_id: str
    title: str
    points: int
    maximum: int
    applicable_maximum: int
    paper_points: int
    paper_maximum: int
    # Scored items of the stage on the route: answered (yes, no, options), marked not
    # applicable, open (neither), and in all.
    answered: int
    not_applicable_count: int
    open: int
    items_total: int
    _whole = "stage"


@dataclass(frozen=True)
class SubphaseProgress:
    """How much of one subphase's checklist is done (scored items of the route only): answered,
    marked not applicable, and open; `done` is the first two, what progress marks count."""

    stage_id: str
    subphase_id: str
    answered: int
    not_applicable: int
    open: int
    items_total: int
    # The first open item (neither answered nor marked not applicable), in the page's order;
    # None when none is open.
    next_open: str | None

    @property
    def done(self) -> int:
        return self.answered + self.not_applicable


@dataclass(frozen=True)
class Score(_Percentages):
    route: str
    task_type: str | None
    points: int
    maximum: int
    # True while the ML task type is unchosen: the maximum is then the top of the route's range.
    maximum_provisional: bool
    # The maximum without the items marked not applicable ("of what applies").
    applicable_maximum: int
    # The paper-core subscore: points and maximum of the paper's own questions.
    paper_points: int
    paper_maximum: int
    # Scored items of the route: answered (yes, no, options), marked not applicable, open
    # (neither), and in all.
    answered: int
    not_applicable_count: int
    open: int
    items_total: int
    stages: tuple[StageScore, ...]
    subphases: tuple[SubphaseProgress, ...]
    items: tuple[ItemScore, ...]
    missing: tuple[MissingItem, ...]
    not_applicable: tuple[NotApplicableItem, ...]

    def to_dict(self) -> dict:
        data = plain(self)
        for name in ("percent", "applicable_percent", "paper_percent", "not_applicable_points",
                     "not_applicable_flag"):
            data[name] = getattr(self, name)
            for stage, raw in zip(self.stages, data["stages"]):
                raw[name] = getattr(stage, name)
        for progress, raw in zip(self.subphases, data["subphases"]):
            raw["done"] = progress.done
        return data


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}
_SCALARS = frozenset((str, int, float, bool, type(None)))


def plain(value: Any) -> Any:
    """dataclasses.asdict for the package's own results (dataclasses, tuples, lists, dicts and plain
    values), several times faster: a re-score turns a few thousand of them into JSON."""
    kind = type(value)
    if kind in _SCALARS:
        return value
    names = _FIELD_NAMES.get(kind)
    if names is not None:
        return {name: plain(getattr(value, name)) for name in names}
    if kind is tuple:
        return tuple([plain(entry) for entry in value])
    if kind is list:
        return [plain(entry) for entry in value]
    if kind is dict:
        return {key: plain(entry) for key, entry in value.items()}
    if is_dataclass(value) and not isinstance(value, type):
        _FIELD_NAMES[kind] = tuple(f.name for f in fields(value))
        return plain(value)
    return value


def percent(points: int, maximum: int) -> float | None:
    """Percentage to one decimal, halves rounded up on the exact value; None where nothing can be scored.

    The rule of a spreadsheet's 0.0% format, so the CLI, the JSON, the browser and the workbook
    show the same figure: 1 of 16 is 6.3% (Python's round(6.25, 1) would give 6.2), 2 of 3 is 66.7%.
    """
    if not maximum:
        return None
    tenths = math.floor(Fraction(1000 * points, maximum) + Fraction(1, 2))
    return tenths / 10


def score(methodology: Methodology, answers: Answers, file: str = "answers") -> Score:
    """Score the answers on their route. Answers to items of other routes are kept but not counted."""
    route = answers.route
    if route is None or methodology.route(route) is None:
        raise HandbookError(file, "route", t("no route is chosen, so there is no total to compute"),
                            t("set the route to one of {routes}", routes=", ".join(r.id for r in methodology.routes)))
    task_type = answers.task_type if methodology.route_uses_task_type(route) else None
    provisional = task_type is None and methodology.route_uses_task_type(route)

    item_scores: list[ItemScore] = []
    missing: list[MissingItem] = []
    not_applicable: list[NotApplicableItem] = []
    for item in methodology.items:
        if not item.applies_to(route):
            continue
        if item.selects == SELECTS_TASK_TYPE and provisional:
            missing.append(MissingItem(item.id, item.stage_id, item.subphase_id, item.question, UNANSWERED))
        if not item.scored:
            continue
        result, gap = _score_item(methodology, item, answers, route, task_type)
        item_scores.append(result)
        if gap is not None:
            missing.append(gap)
        if result.status == NOT_APPLICABLE:
            not_applicable.append(NotApplicableItem(item.id, item.stage_id, item.subphase_id, item.question,
                                                    answers.reason_not_applicable(item.id), result.maximum))

    stages = tuple(_stage_score(stage.id, stage.title, [s for s in item_scores if s.stage_id == stage.id])
                   for stage in methodology.stages)
    return Score(
        route=route, task_type=task_type,
        points=sum(s.points for s in stages), maximum=sum(s.maximum for s in stages),
        maximum_provisional=provisional,
        applicable_maximum=sum(s.applicable_maximum for s in stages),
        paper_points=sum(s.paper_points for s in stages), paper_maximum=sum(s.paper_maximum for s in stages),
        answered=sum(s.answered for s in stages),
        not_applicable_count=sum(s.not_applicable_count for s in stages),
        open=sum(s.open for s in stages), items_total=sum(s.items_total for s in stages),
        stages=stages, subphases=_subphase_progress(methodology, item_scores),
        items=tuple(item_scores), missing=tuple(missing),
        not_applicable=tuple(not_applicable),
    )


def _subphase_progress(methodology: Methodology, scores: list[ItemScore]) -> tuple[SubphaseProgress, ...]:
    progress = []
    for stage in methodology.stages:
        for subphase in stage.subphases:
            mine = [s for s in scores if s.subphase_id == subphase.id]
            still_open = [s.item_id for s in mine if s.open]
            progress.append(SubphaseProgress(
                stage.id, subphase.id, answered=sum(s.answered for s in mine),
                not_applicable=sum(s.status == NOT_APPLICABLE for s in mine), open=len(still_open),
                items_total=len(mine), next_open=still_open[0] if still_open else None))
    return tuple(progress)


def _stage_score(stage_id: str, title: str, scores: list[ItemScore]) -> StageScore:
    paper = [s for s in scores if s.paper]
    return StageScore(
        stage_id, title,
        points=sum(s.points for s in scores),
        maximum=sum(s.maximum for s in scores),
        applicable_maximum=sum(s.applicable_maximum for s in scores),
        paper_points=sum(s.points for s in paper),
        paper_maximum=sum(s.maximum for s in paper),
        answered=sum(s.answered for s in scores),
        not_applicable_count=sum(s.status == NOT_APPLICABLE for s in scores),
        open=sum(s.open for s in scores),
        items_total=len(scores),
    )


def _score_item(methodology: Methodology, item: Item, answers: Answers, route: str,
                task_type: str | None) -> tuple[ItemScore, MissingItem | None]:
    value = answers.answer(item.id)
    paper = item.source.basis == PAPER

    def result(points: int, maximum: int, status: str, left: tuple[str, ...] = (),
               options: tuple[str, ...] = (), selected: tuple[str, ...] = ()):
        gap = None if status in (COMPLETE, NOT_APPLICABLE) else MissingItem(
            item.id, item.stage_id, item.subphase_id, item.question, status, left)
        return ItemScore(item.id, item.stage_id, item.subphase_id, points, maximum,
                         status not in (UNANSWERED, NOT_APPLICABLE), status, paper, options, selected), gap

    reason = answers.reason_not_applicable(item.id)
    not_applicable = reason is not None and reason_accepted(reason)
    if reason is not None and not not_applicable:
        value = False if item.kind == YES_NO else ()  # a reason that says nothing counts as no

    if item.kind == YES_NO:
        if not_applicable:
            return result(0, 1, NOT_APPLICABLE)
        if value is None:
            return result(0, 1, UNANSWERED)
        return result(1, 1, COMPLETE) if value is True else result(0, 1, ANSWERED_NO)

    assert item.kind == MULTIPLE_CHOICE
    if task_type is None and item.depends_on_task_type:
        # No task type yet: the options cannot be told apart, so the item counts at its highest.
        maximum = max(item.maximum(route, t.id) for t in methodology.task_types)
        if not_applicable:
            return result(0, maximum, NOT_APPLICABLE)
        return result(0, maximum, UNANSWERED)
    options = tuple(o.id for o in item.applicable_options(route, task_type))
    if not_applicable:
        return result(0, len(options), NOT_APPLICABLE, (), options)
    chosen = set(value or ())
    selected = tuple(o for o in options if o in chosen)
    left = tuple(o for o in options if o not in chosen)
    if value is None:
        return result(0, len(options), UNANSWERED, left, options)
    return result(len(selected), len(options), PARTIAL if left else COMPLETE, left, options, selected)
