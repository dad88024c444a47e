"""The assessment report: what a lead hands a client, computed once for every front end.

- `headline`: the figures of a score in one order, each once and labelled: the total on the
  paper's scale first, then what explains it (maturity, ML Test Score, of what applies, the
  paper's own questions, the checks). The score page, its printed report and the CLI show them
  in this order; the spreadsheet's Summary sheet follows it too.
- `gaps`: what still lacks points, split into "answered no" (no, or some options left) and "not
  yet assessed", each ordered by what matters most (PRIORITY_ORDER below), with the item's note.
- `compare`: what changed since an earlier assessment of the same project: every item of the
  route whose answer changed, as gained, lost or changed without points, and both totals.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from .answers import Answers, reason_accepted
from .maturity import Maturity
from .messages import N_, format_percent, t
from .model import PAPER, Methodology
from .scoring import ANSWERED_NO, PARTIAL, UNANSWERED, Score, plain, score

# What matters most first: a practice on the roadmap to a maturity model's next level, then the
# paper's own questions, then the rest; within each, the stages' order.
ROADMAP, PAPER_QUESTION, OTHER = "roadmap", "paper", "other"
PRIORITY_ORDER = (ROADMAP, PAPER_QUESTION, OTHER)
ORDER_TEXT = N_("Ordered by what matters most: first the practices on the roadmap to the next maturity level, "
              "then the paper's own questions, then the rest; in the stages' order within each.")


@dataclass(frozen=True)
class Figure:
    key: str    # total | maturity | ml-test-score | applicable | paper | checks
    label: str
    text: str


@dataclass(frozen=True)
class Gap:
    item_id: str
    stage_id: str
    subphase_id: str
    stage_title: str
    subphase_title: str
    question: str
    status: str        # no | partial | unanswered
    status_text: str
    points_missing: int
    practice_title: str | None
    priority: str      # roadmap | paper | other
    priority_text: str
    note: str


@dataclass(frozen=True)
class Change:
    item_id: str
    stage_id: str
    subphase_id: str
    question: str
    before: str        # the answer in words: "yes", "no", "2 of 5 options", "not applicable", "not answered"
    after: str
    points_before: int
    points_after: int


@dataclass(frozen=True)
class Comparison:
    previous_date: str
    points_before: int
    maximum_before: int
    percent_before: float | None
    points_after: int
    maximum_after: int
    percent_after: float | None
    # Set when the earlier assessment was on another route: its total is on that route.
    previous_route_title: str | None
    gained: tuple[Change, ...]
    lost: tuple[Change, ...]
    changed: tuple[Change, ...]  # the answer changed, the points did not

    @property
    def changed_items(self) -> tuple[str, ...]:
        return tuple(c.item_id for c in (*self.gained, *self.lost, *self.changed))


def headline(result: Score, levels: Maturity) -> tuple[Figure, ...]:
    """The score's figures in the one order every front end shows them."""
    if result.maximum_provisional:
        total = t("{points} of {maximum} points (top of the range until the ML task type is chosen), {percent}",
                  points=result.points, maximum=result.maximum, percent=_pct(result.percent))
    else:
        total = t("{points} of {maximum} points, {percent}", points=result.points, maximum=result.maximum,
                  percent=_pct(result.percent))
    figures = [Figure("total", t("Total on the paper's scale"), total)]
    figures.append(Figure("maturity", t("MLOps maturity"),
                          "; ".join(f"{m.model_title}: {m.text}" for m in levels.models)))
    figures.append(Figure("ml-test-score", levels.ml_test_score.title, levels.ml_test_score.text))
    if result.applicable_percent is None:
        applicable = t("nothing of it applies ({not_applicable})", not_applicable=result.not_applicable_text)
    else:
        applicable = t("{percent} ({points} of {maximum} points; {not_applicable})",
                       percent=_pct(result.applicable_percent), points=result.points,
                       maximum=result.applicable_maximum, not_applicable=result.not_applicable_text)
    if result.not_applicable_flag:
        applicable += f". {result.not_applicable_flag}."
    figures.append(Figure("applicable", t("Of what applies"), applicable))
    figures.append(Figure("paper", t("Paper's own questions"),
                          t("{points} of {maximum} points, {percent}", points=result.paper_points,
                            maximum=result.paper_maximum, percent=_pct(result.paper_percent))))
    figures.append(Figure("checks", t("Checks"), t("{counts}, of {total}", counts=result.counts_text,
                                                    total=result.items_total)))
    return tuple(figures)


def gaps(m: Methodology, answers: Answers, result: Score, levels: Maturity) -> tuple[tuple[Gap, ...], tuple[Gap, ...]]:
    """(answered no, not yet assessed): the route's items that still lack points, most important first."""
    roadmap: dict[str, str] = {}
    for model in levels.models:
        for step in model.roadmap:
            roadmap.setdefault(step.item_id, t("Roadmap: {model}, level {level}", model=model.model_title,
                                               level=step.level))
    item_scores = {s.item_id: s for s in result.items}
    position = {item.id: n for n, item in enumerate(m.items)}
    answered_no: list[Gap] = []
    not_assessed: list[Gap] = []
    for missing in result.missing:
        item = m.find(missing.item_id)
        stage, subphase = m.find(missing.stage_id), m.find(missing.subphase_id)
        practice = m.practice_of(item)
        scored = item_scores.get(item.id)
        if item.id in roadmap:
            priority, priority_text = ROADMAP, roadmap[item.id]
        elif item.source.basis == PAPER:
            priority, priority_text = PAPER_QUESTION, t("The paper's own question")
        else:
            priority, priority_text = OTHER, ""
        gap = Gap(item.id, stage.id, subphase.id, stage.title, subphase.title, item.question, missing.status,
                  _status_text(missing.status, missing.missing_options),
                  scored.maximum - scored.points if scored else 0,
                  practice.title if practice else None, priority, priority_text, answers.notes.get(item.id, ""))
        (not_assessed if missing.status == UNANSWERED else answered_no).append(gap)

    def key(gap: Gap) -> tuple[int, int]:
        return PRIORITY_ORDER.index(gap.priority), position[gap.item_id]

    return tuple(sorted(answered_no, key=key)), tuple(sorted(not_assessed, key=key))


def compare(m: Methodology, previous: Answers, current: Answers, result: Score) -> Comparison:
    """What changed from `previous` to `current` (scored as `result`) on the current route."""
    before_total = score(m, previous, t("previous assessment")) if previous.route else None
    # Item by item, the earlier answers are read on the current route and task type.
    before = score(m, replace(previous, route=result.route, task_type=current.task_type), t("previous assessment"))
    before_items = {s.item_id: s for s in before.items}
    gained, lost, changed = [], [], []
    for now in result.items:
        then = before_items[now.item_id]
        was, is_ = _answer_text(m, previous, now.item_id), _answer_text(m, current, now.item_id)
        if was == is_:
            continue
        item = m.find(now.item_id)
        change = Change(item.id, item.stage_id, item.subphase_id, item.question, was, is_, then.points, now.points)
        (gained if now.points > then.points else lost if now.points < then.points else changed).append(change)
    other_route = previous.route is not None and previous.route != result.route
    shown = before_total or before
    return Comparison(
        previous_date=previous.date, points_before=shown.points, maximum_before=shown.maximum,
        percent_before=shown.percent, points_after=result.points, maximum_after=result.maximum,
        percent_after=result.percent,
        previous_route_title=m.route(previous.route).title if other_route and m.route(previous.route) else None,
        gained=tuple(gained), lost=tuple(lost), changed=tuple(changed))


def report_dict(m: Methodology, answers: Answers, result: Score, levels: Maturity,
                previous: Answers | None = None) -> dict:
    """Everything the report shows beyond the summary, as plain data for the page."""
    answered_no, not_assessed = gaps(m, answers, result, levels)
    return {
        "headline": [plain(f) for f in headline(result, levels)],
        "order_text": t(ORDER_TEXT),
        "answered_no": [plain(g) for g in answered_no],
        "not_assessed": [plain(g) for g in not_assessed],
        "notes": {n.item_id: answers.notes.get(n.item_id, "") for n in result.not_applicable},
        "comparison": _comparison_dict(compare(m, previous, answers, result)) if previous is not None else None,
    }


def _comparison_dict(comparison: Comparison) -> dict:
    data = plain(comparison)
    data["changed_items"] = list(comparison.changed_items)
    return data


def _status_text(status: str, options_left: tuple[str, ...]) -> str:
    if status == PARTIAL:
        count = len(options_left)
        if count == 1:
            return t("answered, {count} option still open", count=count)
        return t("answered, {count} options still open", count=count)
    if status == ANSWERED_NO:
        return t("answered no")
    if status == UNANSWERED:
        return t("not answered yet")
    return status


def _answer_text(m: Methodology, answers: Answers, item_id: str) -> str:
    """An item's answer in words, so two assessments compare by what was answered."""
    reason = answers.reason_not_applicable(item_id)
    if reason is not None and reason_accepted(reason):
        return t("not applicable")
    value = answers.answer(item_id)
    if value is None:
        return t("not answered") if reason is None else t("no")
    if value is True:
        return t("yes")
    if value is False:
        return t("no")
    item = m.find(item_id)
    chosen = [o.label for o in item.options if o.id in set(value)]
    return ", ".join(chosen) if chosen else t("no option chosen")


def _pct(value: float | None) -> str:
    return format_percent(value)

