"""Where each route's points come from: the paper's own questions, derived ones, added ones.

Pure functions over the methodology, used by the provenance page and its tests, so that the
page never carries a hand-typed number.
"""

from __future__ import annotations

from dataclasses import dataclass

from .messages import N_, t
from .model import ADDED, BASES, DERIVED, MULTIPLE_CHOICE, PAPER, YES_NO, Item, Methodology, Practice

# In English; t(BASIS_TITLES[basis]) gives the reader's language.
BASIS_TITLES = {
    PAPER: N_("The paper's own questions"),
    DERIVED: N_("Derived from the paper's text"),
    ADDED: N_("Added by the handbook"),
}


@dataclass(frozen=True)
class Points:
    """Points by basis; a (low, high) range over the ML task types where they change it."""

    by_basis: dict[str, tuple[int, int]]

    @property
    def total(self) -> tuple[int, int]:
        return (sum(low for low, _ in self.by_basis.values()),
                sum(high for _, high in self.by_basis.values()))


def _task_types(m: Methodology, route_id: str) -> list[str | None]:
    return [t.id for t in m.task_types] if m.route_uses_task_type(route_id) else [None]


def points_by_basis(m: Methodology, route_id: str, items: tuple[Item, ...] | None = None) -> Points:
    """The points that `items` (default: all) can give on the route, split by source basis."""
    items = m.items if items is None else items
    by_basis = {}
    for basis in BASES:
        values = [sum(i.maximum(route_id, t) for i in items if i.source.basis == basis)
                  for t in _task_types(m, route_id)]
        by_basis[basis] = (min(values), max(values))
    return Points(by_basis)


def item_counts(m: Methodology) -> dict[str, int]:
    """How many checklist items (scored or not) have each source basis."""
    return {basis: sum(1 for i in m.items if i.source.basis == basis) for basis in BASES}


@dataclass(frozen=True)
class MaximumPart:
    """One line of how a route's maximum adds up: yes/no items, or one multiple-choice item."""

    label: str
    item_ids: tuple[str, ...]
    points: tuple[int, int]


def maximum_breakdown(m: Methodology, route_id: str) -> list[MaximumPart]:
    """The route's maximum as yes/no items (1 point each) plus each multiple-choice item's options."""
    on_route = [i for i in m.items if i.scored and i.applies_to(route_id)]
    yes_no = tuple(i.id for i in on_route if i.kind == YES_NO)
    parts = [MaximumPart(t("{count} yes/no items, 1 point each", count=len(yes_no)), yes_no,
                         (len(yes_no), len(yes_no)))]
    for item in on_route:
        if item.kind != MULTIPLE_CHOICE:
            continue
        values = [item.maximum(route_id, t) for t in _task_types(m, route_id)]
        low, high = min(values), max(values)
        span = str(low) if low == high else t("{low} to {high}", low=low, high=high)
        parts.append(MaximumPart(t("{item}: {span} options that apply, 1 point each", item=item.id, span=span),
                                 (item.id,), (low, high)))
    return parts


def metrics_by_task_type(m: Methodology) -> list[tuple[str, tuple[str, ...], int]]:
    """Per ML task type: its title, the evaluation-metric options that count, and the route maximum."""
    route = next(r.id for r in m.routes if m.route_uses_task_type(r.id))
    item = next(i for i in m.items if i.depends_on_task_type)
    return [(t.title, tuple(o.label for o in item.applicable_options(route, t.id)), m.maximum(route, t.id))
            for t in m.task_types]


@dataclass(frozen=True)
class PracticePoints:
    """One practice of a route, the one item that checks it there, and its points (a range over task types)."""

    practice: Practice
    item: Item
    points: tuple[int, int]


def practice_points(m: Methodology, route_id: str) -> list[PracticePoints]:
    """The route's practices in the stages' order, each counted once (the validator refuses a route
    where two items check one practice)."""
    rows = []
    for practice, item in m.route_practices(route_id):
        values = [item.maximum(route_id, t) for t in _task_types(m, route_id)]
        rows.append(PracticePoints(practice, item, (min(values), max(values))))
    return rows
