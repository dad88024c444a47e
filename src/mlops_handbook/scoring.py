"""Scores a set of answers: the paper's rules, and nothing else, compute every number shown.

Rules (paper, section 5): a yes/no item gives 1 point for yes; a multiple-choice item 1 point
per selected option that applies; a single choice (route, ML task type) only selects a path.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from .answers import Answers
from .errors import HandbookError
from .model import MULTIPLE_CHOICE, SELECTS_TASK_TYPE, YES_NO, Item, Methodology

UNANSWERED = "unanswered"
ANSWERED_NO = "no"
PARTIAL = "partial"


@dataclass(frozen=True)
class ItemScore:
    item_id: str
    stage_id: str
    subphase_id: str
    points: int
    maximum: int
    answered: bool
    # Multiple choice only: the options that count here, and those of them selected.
    options: tuple[str, ...] = ()
    selected: tuple[str, ...] = ()


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
class StageScore:
    stage_id: str
    title: str
    points: int
    maximum: int
    answered: int
    applicable: int

    @property
    def percent(self) -> float | None:
        return percent(self.points, self.maximum)


@dataclass(frozen=True)
class Score:
    route: str
    task_type: str | None
    points: int
    maximum: int
    # True while the ML task type is unchosen: the maximum is then the top of the route's range.
    maximum_provisional: bool
    answered: int
    applicable: int
    stages: tuple[StageScore, ...]
    items: tuple[ItemScore, ...]
    missing: tuple[MissingItem, ...]

    @property
    def percent(self) -> float | None:
        return percent(self.points, self.maximum)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["percent"] = self.percent
        for stage, raw in zip(self.stages, data["stages"]):
            raw["percent"] = stage.percent
        return data


def percent(points: int, maximum: int) -> float | None:
    """Percentage rounded to one decimal; None where nothing can be scored."""
    return round(100.0 * points / maximum, 1) if maximum else None


def score(methodology: Methodology, answers: Answers, file: str = "answers") -> Score:
    """Score the answers on their route. Answers to items of other routes are kept but not counted."""
    route = answers.route
    if route is None or methodology.route(route) is None:
        raise HandbookError(file, "route", "no route is chosen, so there is no total to compute",
                            f"set the route to one of {', '.join(r.id for r in methodology.routes)}")
    task_type = answers.task_type if methodology.route_uses_task_type(route) else None
    provisional = task_type is None and methodology.route_uses_task_type(route)

    item_scores: list[ItemScore] = []
    missing: list[MissingItem] = []
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

    stages = tuple(
        StageScore(
            stage.id, stage.title,
            points=sum(s.points for s in item_scores if s.stage_id == stage.id),
            maximum=sum(s.maximum for s in item_scores if s.stage_id == stage.id),
            answered=sum(s.answered for s in item_scores if s.stage_id == stage.id),
            applicable=sum(1 for s in item_scores if s.stage_id == stage.id),
        )
        for stage in methodology.stages
    )
    return Score(
        route=route, task_type=task_type,
        points=sum(s.points for s in stages), maximum=sum(s.maximum for s in stages),
        maximum_provisional=provisional,
        answered=sum(s.answered for s in stages), applicable=sum(s.applicable for s in stages),
        stages=stages, items=tuple(item_scores), missing=tuple(missing),
    )


def _score_item(methodology: Methodology, item: Item, answers: Answers, route: str,
                task_type: str | None) -> tuple[ItemScore, MissingItem | None]:
    value = answers.answer(item.id)
    answered = value is not None

    def result(points: int, maximum: int, status: str | None, left: tuple[str, ...] = (),
               options: tuple[str, ...] = (), selected: tuple[str, ...] = ()):
        gap = None if status is None else MissingItem(
            item.id, item.stage_id, item.subphase_id, item.question, status, left)
        return ItemScore(item.id, item.stage_id, item.subphase_id, points, maximum, answered,
                         options, selected), gap

    if item.kind == YES_NO:
        if value is None:
            return result(0, 1, UNANSWERED)
        return result(1, 1, None) if value is True else result(0, 1, ANSWERED_NO)

    assert item.kind == MULTIPLE_CHOICE
    if task_type is None and item.depends_on_task_type:
        # No task type yet: the options cannot be told apart, so the item counts at its highest.
        maximum = max(item.maximum(route, t.id) for t in methodology.task_types)
        return result(0, maximum, UNANSWERED)
    options = tuple(o.id for o in item.applicable_options(route, task_type))
    chosen = set(value or ())
    selected = tuple(o for o in options if o in chosen)
    left = tuple(o for o in options if o not in chosen)
    if value is None:
        return result(0, len(options), UNANSWERED, left, options)
    return result(len(selected), len(options), PARTIAL if left else None, left, options, selected)
