"""The MLOps maturity level and the ML Test Score of a set of answers, and the roadmap to the next level.

The paper's scale counts practices; it does not say whether they run by hand or automatically.
Beside it, from the practice catalogue (checklists/practices.yaml), the score says:

- per maturity model (Google's levels 0-2, Microsoft's 0-4), the level the answers reach. A
  practice is *met* when its item on the route is fully answered: yes, or every option that
  applies selected. Not applicable is not met: the practices of levels 1 and up are what those
  levels are, and marking one not applicable cannot lift a level. Level 0 needs nothing.
  Level k is *within reach* on a route when each of the levels 1 to k has at least one practice
  whose item applies to the route; the level reached is the highest k within reach whose
  practices, with those of every level below, are all met.
- the roadmap: the practices of the next level and below that are not met, in the order the
  stages take them, each with its item.
- the ML Test Score (Breck et al., 2017): a test is met when at least one item of the route
  covers it (through its practice) and every covering item of the route is met.

Pure: no I/O, standard library only, so it runs in the browser too.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from .messages import N_, format_percent, t
from .model import Item, MaturityModel, Methodology, Practice
from .scoring import ANSWERED_NO, COMPLETE, NOT_APPLICABLE, PARTIAL, UNANSWERED, Score, plain

# Where the total (or the paper-core subscore) is at least this share and a level is 0, the score
# says in words that the paper's scale counts practices, not automation.
HIGH_SHARE = Fraction(3, 4)

MET, NOT_MET, NOT_COVERED = "met", "not-met", "not-covered"

STATUS_WORDS = {
    ANSWERED_NO: N_("answered no"),
    UNANSWERED: N_("not answered yet"),
    PARTIAL: N_("options still open"),
    NOT_APPLICABLE: N_("marked not applicable (the level needs it all the same)"),
}


@dataclass(frozen=True)
class RoadmapStep:
    """A practice between the answers and the next level, with the item that checks it."""

    item_id: str
    stage_id: str
    subphase_id: str
    question: str
    practice_id: str
    practice_title: str
    level: int
    status: str  # no | unanswered | partial | not-applicable
    status_text: str


@dataclass(frozen=True)
class LevelOnRoute:
    """One level of a model on the route: its practices there, how many are met, whether it can be reached."""

    level: int
    title: str
    practices: int
    met: int
    in_reach: bool


@dataclass(frozen=True)
class ModelLevel:
    model_id: str
    model_title: str
    reached: int
    reached_title: str
    top: int  # the model's top level
    top_in_reach: int  # the highest level the route's checklist can reach
    next_level: int | None
    next_title: str | None
    levels: tuple[LevelOnRoute, ...]
    roadmap: tuple[RoadmapStep, ...]
    # In words, the same in the CLI, the JSON, the page and the spreadsheet.
    text: str  # "level 1 of 4 (DevOps but no MLOps)"
    roadmap_text: str  # "To reach level 2 (...): 3 practices" or why there is no next level
    reach_note: str | None  # which levels are out of reach on the route, and why


@dataclass(frozen=True)
class TestOnRoute:
    test_id: str
    section: str
    title: str
    status: str  # met | not-met | not-covered
    item_ids: tuple[str, ...]


@dataclass(frozen=True)
class MlTestScore:
    title: str
    met: int
    covered: int
    total: int
    tests: tuple[TestOnRoute, ...]
    text: str  # "12 of 28 tests met (24 covered by this route's checklist)"


@dataclass(frozen=True)
class Maturity:
    route: str
    models: tuple[ModelLevel, ...]
    ml_test_score: MlTestScore
    # Where the paper's scale is high and a level is 0: the sentence that says what that means.
    by_hand: str | None

    def to_dict(self) -> dict:
        return plain(self)


def practice_anchor(practice_id: str) -> str:
    """The id of a practice's entry on the maps page (maps/#practice-...)."""
    return f"practice-{practice_id}"


# ---------------------------------------------------------------- what the route's checklist can reach

def level_practices(m: Methodology, route_id: str, model: MaturityModel) -> dict[int, list[tuple[Practice, Item]]]:
    """The route's practices of each level 1..top of the model, with their items, in the stages' order
    (kept by the methodology: read it, do not change it)."""
    def compute() -> dict[int, list[tuple[Practice, Item]]]:
        levels: dict[int, list[tuple[Practice, Item]]] = {k: [] for k in range(1, model.top + 1)}
        for practice, item in m.route_practices(route_id):
            level = practice.level(model.id)
            if level is not None:
                levels[level].append((practice, item))
        return levels
    return m.derived(("level_practices", route_id, model.id), compute)


def top_in_reach(m: Methodology, route_id: str, model: MaturityModel) -> int:
    """The highest level whose levels 1..k each have a practice on the route (0 if level 1 has none)."""
    levels = level_practices(m, route_id, model)
    top = 0
    while top < model.top and levels[top + 1]:
        top += 1
    return top


def covering_items(m: Methodology, route_id: str) -> dict[str, tuple[Item, ...]]:
    """Per ML Test Score test (in the catalogue's order): the route's items whose practice covers it."""
    def compute() -> dict[str, tuple[Item, ...]]:
        covering: dict[str, list[Item]] = {t.id: [] for t in m.catalogue.tests}
        for practice, item in m.route_practices(route_id):
            for test in practice.ml_test_score:
                covering[test].append(item)
        return {test: tuple(items) for test, items in covering.items()}
    return dict(m.derived(("covering_items", route_id), compute))


# ---------------------------------------------------------------- what the answers reach

def maturity(m: Methodology, result: Score) -> Maturity:
    """The maturity levels, roadmaps and ML Test Score of a scored set of answers."""
    status = {s.item_id: s.status for s in result.items}
    route = m.route(result.route)
    ml_route = m.route_uses_task_type(result.route)
    models = tuple(_model_level(m, result.route, route.title, ml_route, model, status)
                   for model in m.catalogue.maturity)
    return Maturity(result.route, models, _ml_test_score(m, result.route, status), _by_hand(result, models))


def _met(item: Item, status: dict[str, str]) -> bool:
    return status.get(item.id) == COMPLETE


def _model_level(m: Methodology, route_id: str, route_title: str, ml_route: bool, model: MaturityModel,
                 status: dict[str, str]) -> ModelLevel:
    levels = level_practices(m, route_id, model)
    reach = top_in_reach(m, route_id, model)
    reached = 0
    while reached < reach and all(_met(item, status) for _, item in levels[reached + 1]):
        reached += 1
    next_level = reached + 1 if reached < reach else None
    roadmap: tuple[RoadmapStep, ...] = ()
    if next_level is not None:
        due = {item.id for k in range(1, next_level + 1) for _, item in levels[k] if not _met(item, status)}
        roadmap = tuple(
            RoadmapStep(item.id, item.stage_id, item.subphase_id, item.question, practice.id, practice.title,
                        practice.level(model.id), status.get(item.id, UNANSWERED),
                        _status_words(status.get(item.id, UNANSWERED)))
            for practice, item in m.route_practices(route_id) if item.id in due
        )
    on_route = tuple(
        LevelOnRoute(level.level, level.title, len(levels.get(level.level, ())),
                     sum(_met(item, status) for _, item in levels.get(level.level, ())),
                     level.level <= reach)
        for level in model.levels
    )
    reached_title = model.level(reached).title
    next_title = model.level(next_level).title if next_level is not None else None
    return ModelLevel(
        model.id, model.title, reached, reached_title, model.top, reach, next_level, next_title, on_route, roadmap,
        text=t("level {reached} of {top} ({title})", reached=reached, top=model.top, title=reached_title),
        roadmap_text=_roadmap_text(model, reached, reach, next_level, next_title, len(roadmap)),
        reach_note=_reach_note(model, reach, route_title, ml_route),
    )


def _status_words(status: str) -> str:
    """A roadmap step's status in words, in the reader's language."""
    return t(STATUS_WORDS[status]) if status in STATUS_WORDS else status


def _roadmap_text(model: MaturityModel, reached: int, reach: int, next_level: int | None, next_title: str | None,
                  steps: int) -> str:
    if next_level is not None:
        if steps == 1:
            return t("To reach level {level} ({title}): {steps} practice to put in place", level=next_level,
                     title=next_title, steps=steps)
        return t("To reach level {level} ({title}): {steps} practices to put in place", level=next_level,
                 title=next_title, steps=steps)
    if reached == model.top:
        return t("The answers reach the model's top level.")
    return t("The answers reach the highest level this route's checklist can show.")


def _reach_note(model: MaturityModel, reach: int, route_title: str, ml_route: bool) -> str | None:
    if reach == model.top:
        return None
    values = {"level": reach + 1, "top": model.top, "route": route_title}
    if reach + 1 == model.top:
        if ml_route:
            return t("No practice of level {level} applies to the {route} route, so level {top} is out of reach "
                     "on it.", **values)
        return t("No practice of level {level} applies to the {route} route, so level {top} is out of reach "
                 "on it; the automation levels describe ML systems.", **values)
    if ml_route:
        return t("No practice of level {level} applies to the {route} route, so levels {level} to {top} are out "
                 "of reach on it.", **values)
    return t("No practice of level {level} applies to the {route} route, so levels {level} to {top} are out of "
             "reach on it; the automation levels describe ML systems.", **values)


def _ml_test_score(m: Methodology, route_id: str, status: dict[str, str]) -> MlTestScore:
    covering = covering_items(m, route_id)
    tests = []
    for test in m.catalogue.tests:
        items = covering[test.id]
        state = NOT_COVERED if not items else MET if all(_met(i, status) for i in items) else NOT_MET
        tests.append(TestOnRoute(test.id, test.section, test.title, state, tuple(i.id for i in items)))
    met = sum(t.status == MET for t in tests)
    covered = sum(t.status != NOT_COVERED for t in tests)
    total = len(tests)
    return MlTestScore(m.catalogue.ml_test_score_title, met, covered, total, tuple(tests),
                       t("{met} of {total} tests met ({covered} covered by this route's checklist)", met=met,
                         total=total, covered=covered))


def high_share(points: int, maximum: int) -> bool:
    return bool(maximum) and Fraction(points, maximum) >= HIGH_SHARE


def _by_hand(result: Score, models: tuple[ModelLevel, ...]) -> str | None:
    """The sentence for a high total at level 0: the paper's scale counts practices, not automation."""
    at_zero = [model.model_title for model in models if model.reached == 0 and model.top_in_reach >= 1]
    total_high = high_share(result.points, result.maximum)
    if not at_zero or not (total_high or high_share(result.paper_points, result.paper_maximum)):
        return None
    if total_high:
        lead = t("{percent} on the paper's scale", percent=format_percent(result.percent))
    else:
        lead = t("{percent} of the paper's own questions", percent=format_percent(result.paper_percent))
    return t("{lead} and level 0 of {models}: the paper's scale counts practices, not whether they run by hand; "
             "the roadmap lists what the next level still needs.", lead=lead,
             models=t(" and of ").join(at_zero))


# In English, as the spreadsheet's formulas write the sentence (maturity_sheet.py); the score's
# own sentence is in the reader's language (_by_hand).
BY_HAND_JOIN = " and of "
BY_HAND_END = ": the paper's scale counts practices, not whether they run by hand; the roadmap lists what the next level still needs."


def by_hand_sentence(lead: str, model_titles: list[str]) -> str:
    return f"{lead} and level 0 of {BY_HAND_JOIN.join(model_titles)}{BY_HAND_END}"
