"""The methodology as frozen dataclasses, built from plain data (the YAML, or its JSON copy).

`build_methodology` is pure: it takes the parsed files and checks what a JSON Schema cannot
(unique ids, options that match routes, the published maxima), so the browser, which receives
the same data as JSON, builds exactly the same objects as the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Mapping

from .errors import HandbookError

YES_NO = "yes-no"
MULTIPLE_CHOICE = "multiple-choice"
SINGLE_CHOICE = "single-choice"
SELECTS_ROUTE = "route"
SELECTS_TASK_TYPE = "task-type"


PAPER = "paper"        # the paper's own words, quoted from the places named
DERIVED = "derived"    # the handbook's wording of what those places say
ADDED = "added"        # a practice the handbook adds; the places named discuss the topic
BASES = (PAPER, DERIVED, ADDED)


@dataclass(frozen=True)
class Source:
    """Where a question comes from: the paper's words, derived from them, or added by the handbook."""

    refs: tuple[str, ...]
    basis: str

    @property
    def quoted(self) -> bool:
        return self.basis == PAPER

    @property
    def places(self) -> str:
        return ", ".join(ref if ref.startswith("Fig.") else f"§{ref}" for ref in self.refs)

    @property
    def label(self) -> str:
        if self.basis == PAPER:
            return f"Paper {self.places}"
        if self.basis == DERIVED:
            return f"Derived from {self.places}"
        return f"Added by the handbook (topic of {self.places})"


@dataclass(frozen=True)
class Option:
    id: str
    label: str
    routes: tuple[str, ...] | None = None
    task_types: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Item:
    """One checklist question. Its points depend on the route (and, for some options, task type)."""

    id: str
    question: str
    kind: str
    routes: tuple[str, ...]
    explanation: str
    source: Source
    stage_id: str
    subphase_id: str
    options: tuple[Option, ...] = ()
    selects: str | None = None
    # Where the paper's question is wrong or unclear: the sound practice, shown beside it.
    editor_note: str | None = None

    @property
    def scored(self) -> bool:
        return self.kind != SINGLE_CHOICE

    @property
    def depends_on_task_type(self) -> bool:
        return any(option.task_types for option in self.options)

    def applies_to(self, route: str) -> bool:
        return route in self.routes

    def option(self, option_id: str) -> Option | None:
        return next((o for o in self.options if o.id == option_id), None)

    def applicable_options(self, route: str, task_type: str | None) -> tuple[Option, ...]:
        """The options that count on this route; task-typed ones only for their task type."""
        return tuple(
            o for o in self.options
            if route in (o.routes or self.routes)
            and (o.task_types is None or task_type in o.task_types)
        )

    def maximum(self, route: str, task_type: str | None) -> int:
        if not self.scored or not self.applies_to(route):
            return 0
        if self.kind == YES_NO:
            return 1
        return len(self.applicable_options(route, task_type))


@dataclass(frozen=True)
class GuidingQuestion:
    id: str
    text: str
    source: Source


@dataclass(frozen=True)
class Subphase:
    id: str
    section: str
    title: str
    purpose: str
    stage_id: str
    guiding_questions: tuple[GuidingQuestion, ...]
    items: tuple[Item, ...]


@dataclass(frozen=True)
class Stage:
    id: str
    number: int
    title: str
    section: str
    summary: str
    subphases: tuple[Subphase, ...]

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for sub in self.subphases for item in sub.items)


@dataclass(frozen=True)
class Route:
    id: str
    title: str
    description: str
    published_minimum: int
    published_maximum: int


@dataclass(frozen=True)
class TaskType:
    id: str
    title: str


@dataclass(frozen=True)
class Citation:
    authors: tuple[str, ...]
    year: int
    title: str
    journal: str
    volume: str
    issue: str
    pages: str
    doi: str
    license: str
    license_url: str

    @property
    def doi_url(self) -> str:
        return f"https://doi.org/{self.doi}"

    @property
    def text(self) -> str:
        names = ", ".join(self.authors[:-1]) + f", & {self.authors[-1]}"
        return (f"{names} ({self.year}). {self.title}. {self.journal}, {self.volume}({self.issue}), "
                f"{self.pages}. {self.doi_url}")


@dataclass(frozen=True)
class RetiredItem:
    """An item id no longer in use; its answers are carried to the item it was merged into."""

    id: str
    merged_into: str
    reason: str


@dataclass(frozen=True)
class Methodology:
    title: str
    citation: Citation
    routes: tuple[Route, ...]
    task_types: tuple[TaskType, ...]
    stages: tuple[Stage, ...]
    retired: tuple[RetiredItem, ...] = ()
    _index: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Any] = {}
        for stage in self.stages:
            index[stage.id] = stage
            for sub in stage.subphases:
                index[sub.id] = sub
                for element in (*sub.guiding_questions, *sub.items):
                    index[element.id] = element
        object.__setattr__(self, "_index", index)

    @property
    def items(self) -> tuple[Item, ...]:
        return tuple(item for stage in self.stages for item in stage.items)

    @property
    def subphases(self) -> tuple[Subphase, ...]:
        return tuple(sub for stage in self.stages for sub in stage.subphases)

    def find(self, element_id: str) -> Any:
        """The stage, subphase, guiding question or item with this id, or None."""
        return self._index.get(element_id)

    def retired_item(self, item_id: str) -> RetiredItem | None:
        return next((r for r in self.retired if r.id == item_id), None)

    def route(self, route_id: str) -> Route | None:
        return next((r for r in self.routes if r.id == route_id), None)

    def task_type(self, task_type_id: str) -> TaskType | None:
        return next((t for t in self.task_types if t.id == task_type_id), None)

    def selector(self, selects: str) -> Item:
        return next(item for item in self.items if item.selects == selects)

    def route_uses_task_type(self, route_id: str) -> bool:
        return any(i.applies_to(route_id) and i.depends_on_task_type for i in self.items)

    def maximum(self, route_id: str, task_type: str | None = None) -> int:
        """The route's maximum; with no task type where one matters, the highest it can be."""
        if task_type is None and self.route_uses_task_type(route_id):
            return max(self.maximum(route_id, t.id) for t in self.task_types)
        return sum(item.maximum(route_id, task_type) for item in self.items)

    def paper_maximum(self, route_id: str, task_type: str | None = None) -> int:
        """The points the paper's own questions can give on the route (the paper-core maximum)."""
        return sum(i.maximum(route_id, task_type) for i in self.items if i.source.basis == PAPER)

    def maximum_range(self, route_id: str) -> tuple[int, int]:
        if not self.route_uses_task_type(route_id):
            value = self.maximum(route_id)
            return value, value
        values = [self.maximum(route_id, t.id) for t in self.task_types]
        return min(values), max(values)


# ---------------------------------------------------------------- building from plain data

def build_methodology(data: Mapping[str, Any]) -> Methodology:
    """Build and cross-check the methodology from {"methodology": {...}, "stages": [...]}.

    Each stage dict may carry "_file" (its file name) so that errors name the right file.
    """
    head = data["methodology"]
    head_file = head.get("_file", "methodology.yaml")
    routes = tuple(_route(r) for r in head["routes"])
    task_types = tuple(TaskType(t["id"], t["title"]) for t in head["task_types"])
    source = head["source"]
    citation = Citation(
        authors=tuple(source["authors"]), year=int(source["year"]), title=source["title"],
        journal=source["journal"], volume=str(source["volume"]), issue=str(source["issue"]),
        pages=str(source["pages"]), doi=source["doi"], license=source["license"],
        license_url=source["license_url"],
    )
    stages = tuple(_stage(s) for s in data["stages"])
    retired = tuple(RetiredItem(r["id"], r["merged_into"], r["reason"]) for r in head.get("retired_items", ()))
    methodology = Methodology(head["title"], citation, routes, task_types, stages, retired)
    _check(methodology, data, head_file)
    return methodology


def _route(raw: Mapping[str, Any]) -> Route:
    published = raw["published_maximum"]
    low, high = (published, published) if isinstance(published, int) else published
    return Route(raw["id"], raw["title"], raw["description"], int(low), int(high))


def _source(raw: Mapping[str, Any]) -> Source:
    return Source(tuple(raw["refs"]), raw["basis"])


def _tuple_or_none(values: Any) -> tuple[str, ...] | None:
    return tuple(values) if values else None


def _stage(raw: Mapping[str, Any]) -> Stage:
    subphases = []
    for sub in raw["subphases"]:
        items = tuple(
            Item(
                id=it["id"], question=it["question"], kind=it["kind"], routes=tuple(it["routes"]),
                explanation=it["explanation"], source=_source(it["source"]),
                stage_id=raw["id"], subphase_id=sub["id"], selects=it.get("selects"),
                editor_note=it.get("editor_note"),
                options=tuple(
                    Option(o["id"], o["label"], _tuple_or_none(o.get("routes")),
                           _tuple_or_none(o.get("task_types")))
                    for o in it.get("options", ())
                ),
            )
            for it in sub["items"]
        )
        questions = tuple(GuidingQuestion(q["id"], q["text"], _source(q["source"]))
                          for q in sub["guiding_questions"])
        subphases.append(Subphase(sub["id"], sub["section"], sub["title"], sub["purpose"],
                                  raw["id"], questions, items))
    return Stage(raw["id"], int(raw["number"]), raw["title"], raw["section"], raw["summary"],
                 tuple(subphases))


def _check(m: Methodology, data: Mapping[str, Any], head_file: str) -> None:
    """The rules a JSON Schema cannot state. Each failure names its file and place."""
    files = {s["id"]: s.get("_file", f"{s['id']}.yaml") for s in data["stages"]}
    route_ids = [r.id for r in m.routes]
    task_ids = [t.id for t in m.task_types]
    seen: dict[str, str] = {}

    def unique(element_id: str, file: str, place: str) -> None:
        if element_id in seen:
            raise HandbookError(file, place, f'the id "{element_id}" is already used in {seen[element_id]}',
                                "give this element a new id that no other stage, subphase, question or item uses")
        seen[element_id] = f"{file} ({place})"

    for number, stage in enumerate(m.stages, start=1):
        file = files[stage.id]
        if stage.number != number:
            raise HandbookError(file, "number", f"the stage number is {stage.number} but the file is stage {number} in order",
                                "number the stage files 01, 02, ... without gaps and make `number` match")
        unique(stage.id, file, "id")
        for s_index, sub in enumerate(stage.subphases):
            sub_place = f"subphase {sub.id}"
            unique(sub.id, file, f"subphases[{s_index}]")
            for q in sub.guiding_questions:
                unique(q.id, file, f"{sub_place}, guiding question {q.id}")
            for item in sub.items:
                place = f"{sub_place}, item {item.id}"
                unique(item.id, file, place)
                _check_item(item, file, place, route_ids, task_ids)

    for selects, expected in ((SELECTS_ROUTE, route_ids), (SELECTS_TASK_TYPE, task_ids)):
        selectors = [i for i in m.items if i.selects == selects]
        if len(selectors) > 1:
            first, second = selectors[:2]
            raise HandbookError(files[second.stage_id], f"item {second.id}",
                                f"{len(selectors)} items have `selects: {selects}` (also {first.id}); exactly one must",
                                f"keep a single single-choice item with `selects: {selects}`")
        if not selectors:
            raise HandbookError(head_file, "stages", f"no item has `selects: {selects}`",
                                f"add a single-choice item with `selects: {selects}` whose options are the ids declared here")
        options = sorted(o.id for o in selectors[0].options)
        if options != sorted(expected):
            raise HandbookError(files[selectors[0].stage_id], f"item {selectors[0].id}",
                                f"its options {options} differ from the {selects} ids {sorted(expected)} of {head_file}",
                                "make the option ids the same as those declared in methodology.yaml")

    for index, retired in enumerate(m.retired):
        place = f"retired_items[{index}] ({retired.id})"
        if retired.id in seen:
            raise HandbookError(head_file, place, f'the retired id "{retired.id}" is in use again in {seen[retired.id]}',
                                "never reuse a retired id: give the new element an id of its own")
        target = m.find(retired.merged_into)
        if not isinstance(target, Item) or not target.scored:
            raise HandbookError(head_file, place, f'merged_into "{retired.merged_into}" is not a scored item',
                                "name the current item that took over this one's question")
        if [r.id for r in m.retired].count(retired.id) > 1:
            raise HandbookError(head_file, place, f'"{retired.id}" is listed twice', "list each retired id once")

    task_routes = set(m.selector(SELECTS_TASK_TYPE).routes)
    for item in m.items:
        if item.depends_on_task_type and not set(item.routes) <= task_routes:
            raise HandbookError(files[item.stage_id], f"item {item.id}",
                                "it has options limited to task types but applies to a route with no task type",
                                f"limit the item's routes to {sorted(task_routes)}")

    for route in m.routes:
        low, high = m.maximum_range(route.id)
        if (low, high) != (route.published_minimum, route.published_maximum):
            got = str(low) if low == high else f"{low}-{high}"
            want = (str(route.published_maximum) if route.published_minimum == route.published_maximum
                    else f"{route.published_minimum}-{route.published_maximum}")
            raise HandbookError(head_file, f"routes, {route.id}",
                                f"the items give a maximum of {got} points but the paper publishes {want}",
                                "add or remove items (or their routes) so the points add up, or correct published_maximum")


def _check_item(item: Item, file: str, place: str, route_ids: list[str], task_ids: list[str]) -> None:
    unknown = [r for r in item.routes if r not in route_ids]
    if unknown:
        raise HandbookError(file, place, f"unknown route {unknown[0]!r}", f"use one of {route_ids}")
    option_ids = [o.id for o in item.options]
    duplicated = sorted({o for o in option_ids if option_ids.count(o) > 1})
    if duplicated:
        raise HandbookError(file, place, f'the option id "{duplicated[0]}" appears twice',
                            "give every option of an item its own id")
    for option in item.options:
        if option.routes and not set(option.routes) <= set(item.routes):
            raise HandbookError(file, f"{place}, option {option.id}",
                                "the option lists a route its item does not apply to",
                                "limit the option's routes to the item's routes")
        if option.task_types:
            bad = [t for t in option.task_types if t not in task_ids]
            if bad:
                raise HandbookError(file, f"{place}, option {option.id}", f"unknown task type {bad[0]!r}",
                                    f"use one of {task_ids}")
