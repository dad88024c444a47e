"""The methodology as frozen dataclasses, built from plain data (the YAML, or its JSON copy).

`build_methodology` is pure: it takes the parsed files and checks what a JSON Schema cannot
(unique ids, options that match routes, the published maxima), so the browser, which receives
the same data as JSON, builds exactly the same objects as the CLI.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping

from .errors import HandbookError
from .languages import ENGLISH, LANGUAGE_NAMES, TRANSLATIONS, check_language, check_languages, localized
from .messages import N_, t

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
        """Where the question comes from, in the reader's language (messages.py)."""
        if self.basis == PAPER:
            return t("Paper {places}", places=self.places)
        if self.basis == DERIVED:
            return t("Derived from {places}", places=self.places)
        return t("Added by the handbook (topic of {places})", places=self.places)


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
    # Where a yes/no question asks for a text: what the text is; the item's note is where it goes.
    note_asks_for: str | None = None
    # The id of the practice (practices.yaml) this item checks; None for a single-choice item.
    practice: str | None = None

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


# ---------------------------------------------------------------- the practice catalogue

@dataclass(frozen=True)
class Phase:
    """A CRISP-DM phase."""

    id: str
    title: str


@dataclass(frozen=True)
class MlTest:
    """One of the 28 tests of the ML Test Score (Breck et al., 2017)."""

    id: str
    section: str
    title: str


@dataclass(frozen=True)
class MaturityLevel:
    level: int
    title: str
    description: str


@dataclass(frozen=True)
class MaturityModel:
    """An MLOps maturity model: its levels, from 0 (which needs no practice) up."""

    id: str
    title: str
    source: str
    levels: tuple[MaturityLevel, ...]

    @property
    def top(self) -> int:
        return self.levels[-1].level

    def level(self, number: int) -> MaturityLevel:
        return self.levels[number]


@dataclass(frozen=True)
class Practice:
    """One practice the checklists score; each scored item checks exactly one."""

    id: str
    title: str
    definition: str
    sources: tuple[str, ...]
    crisp_dm: str
    ml_test_score: tuple[str, ...] = ()
    # (model id, level) pairs, levels >= 1; a model not named leaves the practice out of its levels.
    maturity: tuple[tuple[str, int], ...] = ()
    # For two overlapping items of the paper: how this practice differs from the other's.
    differs_from: str | None = None
    # Marked as automation in the catalogue (`automation: true`): it asks for a step to run with no
    # manual action. A maturity level alone does not make a practice automation (version control,
    # a registry and monitoring have levels and are still done by people).
    automated: bool = False

    def level(self, model_id: str) -> int | None:
        return dict(self.maturity).get(model_id)

    @property
    def automation(self) -> bool:
        """Marked as automation in the catalogue."""
        return self.automated


@dataclass(frozen=True)
class Catalogue:
    """practices.yaml: the frameworks the practices are mapped to, and the practices."""

    crisp_dm_title: str = ""
    crisp_dm_source: str = ""
    phases: tuple[Phase, ...] = ()
    ml_test_score_title: str = ""
    ml_test_score_source: str = ""
    tests: tuple[MlTest, ...] = ()
    maturity: tuple[MaturityModel, ...] = ()
    practices: tuple[Practice, ...] = ()


@dataclass(frozen=True)
class Methodology:
    title: str
    citation: Citation
    routes: tuple[Route, ...]
    task_types: tuple[TaskType, ...]
    stages: tuple[Stage, ...]
    retired: tuple[RetiredItem, ...] = ()
    catalogue: Catalogue = field(default_factory=Catalogue)
    # The language of every text above ("en" or "es"); ids, routes and points are the same in both.
    language: str = ENGLISH
    _index: Mapping[str, Any] = field(default_factory=dict, repr=False, compare=False)
    _practices: Mapping[str, Practice] = field(default_factory=dict, repr=False, compare=False)
    # What the methods below derive from this immutable data, kept: a re-score asks it of every route.
    # Not shared with a copy (dataclasses.replace, another language): its items are other objects.
    _derived: dict[Any, Any] = field(default_factory=dict, init=False, repr=False, compare=False)
    # Shared by the editions of one methodology: language -> its Methodology, or its data until built.
    _editions: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        index: dict[str, Any] = {}
        for stage in self.stages:
            index[stage.id] = stage
            for sub in stage.subphases:
                index[sub.id] = sub
                for element in (*sub.guiding_questions, *sub.items):
                    index[element.id] = element
        object.__setattr__(self, "_index", index)
        object.__setattr__(self, "_practices", {p.id: p for p in self.catalogue.practices})

    def derived(self, key: Any, compute: Callable[[], Any]) -> Any:
        """compute(), once per key for this methodology (the data never changes)."""
        try:
            return self._derived[key]
        except KeyError:
            value = self._derived[key] = compute()
            return value

    def in_language(self, language: str) -> Methodology:
        """The same methodology with every text in `language` ("en" or "es"): the same ids, kinds,
        routes, options, practices and maxima, so that it scores any answers exactly as this one.

        Built once per language and kept; asked for its own language, a methodology returns itself.
        """
        check_language(language)
        if language == self.language:
            return self
        edition = self._editions.get(language)
        if isinstance(edition, Methodology):
            return edition
        if edition is None:
            raise HandbookError("the methodology", "", f"it was built without its {LANGUAGE_NAMES[language]} texts",
                                "build it with build_methodology from the checklists' data, which holds both languages")
        built = _assemble(edition, language)
        object.__setattr__(built, "_editions", self._editions)
        self._editions[language] = built
        return built

    @property
    def items(self) -> tuple[Item, ...]:
        return self.derived("items", lambda: tuple(item for stage in self.stages for item in stage.items))

    @property
    def subphases(self) -> tuple[Subphase, ...]:
        return self.derived("subphases", lambda: tuple(sub for stage in self.stages for sub in stage.subphases))

    def find(self, element_id: str) -> Any:
        """The stage, subphase, guiding question or item with this id, or None."""
        return self._index.get(element_id)

    def practice(self, practice_id: str | None) -> Practice | None:
        return self._practices.get(practice_id) if practice_id is not None else None

    def practice_of(self, item: Item) -> Practice | None:
        """The practice the item checks (None for a single-choice item)."""
        return self.practice(item.practice)

    def items_of_practice(self, practice_id: str, route_id: str | None = None) -> tuple[Item, ...]:
        """The items that check the practice (on one route: at most one), in the stages' order."""
        return tuple(i for i in self.items if i.practice == practice_id
                     and (route_id is None or i.applies_to(route_id)))

    def route_practices(self, route_id: str) -> tuple[tuple[Practice, Item], ...]:
        """Each practice of the route with the one item that checks it there, in the stages' order."""
        return self.derived(("route_practices", route_id), lambda: tuple(
            (self.practice(i.practice), i) for i in self.items
            if i.scored and i.applies_to(route_id) and i.practice is not None))

    def maturity_model(self, model_id: str) -> MaturityModel | None:
        return next((mm for mm in self.catalogue.maturity if mm.id == model_id), None)

    def phase(self, phase_id: str) -> Phase | None:
        return next((ph for ph in self.catalogue.phases if ph.id == phase_id), None)

    def ml_test(self, test_id: str) -> MlTest | None:
        return next((t for t in self.catalogue.tests if t.id == test_id), None)

    def retired_item(self, item_id: str) -> RetiredItem | None:
        return next((r for r in self.retired if r.id == item_id), None)

    def route(self, route_id: str) -> Route | None:
        return next((r for r in self.routes if r.id == route_id), None)

    def task_type(self, task_type_id: str) -> TaskType | None:
        return next((t for t in self.task_types if t.id == task_type_id), None)

    def selector(self, selects: str) -> Item:
        return next(item for item in self.items if item.selects == selects)

    def route_uses_task_type(self, route_id: str) -> bool:
        return self.derived(("uses_task_type", route_id), lambda: any(
            i.applies_to(route_id) and i.depends_on_task_type for i in self.items))

    def maximum(self, route_id: str, task_type: str | None = None) -> int:
        """The route's maximum; with no task type where one matters, the highest it can be."""
        if task_type is None and self.route_uses_task_type(route_id):
            return max(self.maximum(route_id, t.id) for t in self.task_types)
        return self.derived(("maximum", route_id, task_type), lambda: sum(
            item.maximum(route_id, task_type) for item in self.items))

    def paper_maximum(self, route_id: str, task_type: str | None = None) -> int:
        """The points the paper's own questions can give on the route (the paper-core maximum)."""
        return self.derived(("paper_maximum", route_id, task_type), lambda: sum(
            i.maximum(route_id, task_type) for i in self.items if i.source.basis == PAPER))

    def maximum_range(self, route_id: str) -> tuple[int, int]:
        if not self.route_uses_task_type(route_id):
            value = self.maximum(route_id)
            return value, value
        values = [self.maximum(route_id, t.id) for t in self.task_types]
        return min(values), max(values)


# ---------------------------------------------------------------- building from plain data

def build_methodology(data: Mapping[str, Any]) -> Methodology:
    """Build and cross-check the methodology from {"methodology": {...}, "stages": [...], "practices": {...}}.

    Each stage dict may carry "_file" (its file name) so that errors name the right file. The
    methodology is the English one; `in_language("es")` gives the Spanish one, built from the
    `es:` blocks of the same data, which every element with English texts must carry.
    """
    head = data["methodology"]
    head_file = head.get("_file", "methodology.yaml")
    methodology = _assemble(data, ENGLISH)
    _check(methodology, data, head_file)
    check_languages(data, head_file, PRACTICES_FILE)
    # A copy of the data in each other language, taken now: the caller may change its data later.
    methodology._editions.update({language: localized(data, language) for language in TRANSLATIONS})
    methodology._editions[ENGLISH] = methodology
    return methodology


def _assemble(data: Mapping[str, Any], language: str) -> Methodology:
    """The Methodology of data already checked, with no check: each language's texts are built alike."""
    head = data["methodology"]
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
    catalogue = _catalogue(data.get("practices") or {})
    return Methodology(head["title"], citation, routes, task_types, stages, retired, catalogue, language)


def _catalogue(raw: Mapping[str, Any]) -> Catalogue:
    if not raw:
        return Catalogue()
    frameworks = raw["frameworks"]
    crisp, tests = frameworks["crisp_dm"], frameworks["ml_test_score"]
    return Catalogue(
        crisp_dm_title=crisp["title"], crisp_dm_source=crisp["source"],
        phases=tuple(Phase(p["id"], p["title"]) for p in crisp["phases"]),
        ml_test_score_title=tests["title"], ml_test_score_source=tests["source"],
        tests=tuple(MlTest(t["id"], t["section"], t["title"]) for t in tests["tests"]),
        maturity=tuple(
            MaturityModel(mm["id"], mm["title"], mm["source"],
                          tuple(MaturityLevel(int(lv["level"]), lv["title"], lv["description"])
                                for lv in mm["levels"]))
            for mm in frameworks["maturity"]
        ),
        practices=tuple(
            Practice(p["id"], p["title"], p["definition"], tuple(p["sources"]), p["crisp_dm"],
                     tuple(p.get("ml_test_score", ())),
                     tuple((model, int(level)) for model, level in (p.get("maturity") or {}).items()),
                     p.get("differs_from"), bool(p.get("automation", False)))
            for p in raw["practices"]
        ),
    )


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
                editor_note=it.get("editor_note"), note_asks_for=it.get("note_asks_for"), practice=it.get("practice"),
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
            raise HandbookError(file, place, t('the id "{id}" is already used in {place}', id=element_id,
                                               place=seen[element_id]),
                                t("give this element a new id that no other stage, subphase, question or item uses"))
        seen[element_id] = f"{file} ({place})"

    for number, stage in enumerate(m.stages, start=1):
        file = files[stage.id]
        if stage.number != number:
            raise HandbookError(file, "number", t("the stage number is {number} but the file is stage {order} in order",
                                                  number=stage.number, order=number),
                                t("number the stage files 01, 02, ... without gaps and make `number` match"))
        unique(stage.id, file, "id")
        for s_index, sub in enumerate(stage.subphases):
            sub_place = t("subphase {id}", id=sub.id)
            unique(sub.id, file, f"subphases[{s_index}]")
            for q in sub.guiding_questions:
                unique(q.id, file, t("{subphase}, guiding question {id}", subphase=sub_place, id=q.id))
            for item in sub.items:
                place = t("{subphase}, item {id}", subphase=sub_place, id=item.id)
                unique(item.id, file, place)
                _check_item(item, file, place, route_ids, task_ids)

    for selects, expected in ((SELECTS_ROUTE, route_ids), (SELECTS_TASK_TYPE, task_ids)):
        selectors = [i for i in m.items if i.selects == selects]
        if len(selectors) > 1:
            first, second = selectors[:2]
            raise HandbookError(files[second.stage_id], t("item {id}", id=second.id),
                                t("{count} items have `selects: {selects}` (also {first}); exactly one must",
                                  count=len(selectors), selects=selects, first=first.id),
                                t("keep a single single-choice item with `selects: {selects}`", selects=selects))
        if not selectors:
            raise HandbookError(head_file, "stages", t("no item has `selects: {selects}`", selects=selects),
                                t("add a single-choice item with `selects: {selects}` whose options are the ids "
                                  "declared here", selects=selects))
        options = sorted(o.id for o in selectors[0].options)
        if options != sorted(expected):
            raise HandbookError(files[selectors[0].stage_id], t("item {id}", id=selectors[0].id),
                                t("its options {options} differ from the {selects} ids {expected} of {file}",
                                  options=options, selects=selects, expected=sorted(expected), file=head_file),
                                t("make the option ids the same as those declared in methodology.yaml"))

    for index, retired in enumerate(m.retired):
        place = f"retired_items[{index}] ({retired.id})"
        if retired.id in seen:
            raise HandbookError(head_file, place, t('the retired id "{id}" is in use again in {place}', id=retired.id,
                                                    place=seen[retired.id]),
                                t("never reuse a retired id: give the new element an id of its own"))
        target = m.find(retired.merged_into)
        if not isinstance(target, Item) or not target.scored:
            raise HandbookError(head_file, place, t('merged_into "{id}" is not a scored item', id=retired.merged_into),
                                t("name the current item that took over this one's question"))
        if [r.id for r in m.retired].count(retired.id) > 1:
            raise HandbookError(head_file, place, t('"{id}" is listed twice', id=retired.id),
                                t("list each retired id once"))

    task_routes = set(m.selector(SELECTS_TASK_TYPE).routes)
    for item in m.items:
        if item.depends_on_task_type and not set(item.routes) <= task_routes:
            raise HandbookError(files[item.stage_id], t("item {id}", id=item.id),
                                t("it has options limited to task types but applies to a route with no task type"),
                                t("limit the item's routes to {routes}", routes=sorted(task_routes)))

    for route in m.routes:
        low, high = m.maximum_range(route.id)
        if (low, high) != (route.published_minimum, route.published_maximum):
            got = str(low) if low == high else f"{low}-{high}"
            want = (str(route.published_maximum) if route.published_minimum == route.published_maximum
                    else f"{route.published_minimum}-{route.published_maximum}")
            raise HandbookError(head_file, f"routes, {route.id}",
                                t("the items give a maximum of {got} points but the paper publishes {want}", got=got,
                                  want=want),
                                t("add or remove items (or their routes) so the points add up, or correct "
                                  "published_maximum"))

    _check_practices(m, data, files)


ML_TEST_SCORE_TESTS = 28  # Breck et al. (2017): four sections of seven tests
PRACTICES_FILE = "practices.yaml"


def _check_practices(m: Methodology, data: Mapping[str, Any], files: Mapping[str, str]) -> None:
    """The catalogue's own consistency, then the items' practices: every scored item names one
    practice, no route has two items on one practice, and every practice is named by an item."""
    raw = data.get("practices")
    file = raw.get("_file", PRACTICES_FILE) if raw else PRACTICES_FILE
    if not raw:
        raise HandbookError(file, "", t("the practice catalogue is missing"),
                            t("restore practices.yaml beside methodology.yaml (every scored item names one of its "
                              "practices)"))
    c = m.catalogue

    def no_repeats(ids: list[str], place: str, what: str) -> None:
        for index, value in enumerate(ids):
            if value in ids[:index]:
                raise HandbookError(file, f"{place}[{index}] ({value})",
                                    t('the {what} id "{id}" is declared twice', what=t(what), id=value),
                                    t("give each {what} its own id", what=t(what)))

    no_repeats([p.id for p in c.phases], "frameworks.crisp_dm.phases", N_("CRISP-DM phase"))
    no_repeats([test.id for test in c.tests], "frameworks.ml_test_score.tests", N_("ML Test Score test"))
    if len(c.tests) != ML_TEST_SCORE_TESTS:
        raise HandbookError(file, "frameworks.ml_test_score.tests",
                            t("it lists {count} tests; the ML Test Score has {total}", count=len(c.tests),
                              total=ML_TEST_SCORE_TESTS),
                            t("list exactly the {total} tests of Breck et al. (2017), seven per section",
                              total=ML_TEST_SCORE_TESTS))
    no_repeats([mm.id for mm in c.maturity], "frameworks.maturity", N_("maturity model"))
    for index, model in enumerate(c.maturity):
        numbers = [level.level for level in model.levels]
        if numbers != list(range(len(numbers))):
            raise HandbookError(file, f"frameworks.maturity[{index}] ({model.id}).levels",
                                t("the levels are numbered {numbers}", numbers=numbers),
                                t("number the levels 0, 1, 2, ... in order, without gaps"))
    no_repeats([p.id for p in c.practices], "practices", N_("practice"))

    phases = [p.id for p in c.phases]
    tests = [t.id for t in c.tests]
    for index, practice in enumerate(c.practices):
        place = f"practices[{index}] ({practice.id})"
        if practice.crisp_dm not in phases:
            raise HandbookError(file, f"{place}.crisp_dm", t('"{value}" is not a CRISP-DM phase of frameworks.crisp_dm',
                                                            value=practice.crisp_dm),
                                t("use one of: {ids}", ids=", ".join(phases)))
        for test in practice.ml_test_score:
            if test not in tests:
                raise HandbookError(file, f"{place}.ml_test_score",
                                    t('"{value}" is not a test of frameworks.ml_test_score', value=test),
                                    t("use the ids of the tests listed there ({first} to {last})", first=tests[0],
                                      last=tests[-1]))
        for model_id, level in practice.maturity:
            model = m.maturity_model(model_id)
            if model is None:
                raise HandbookError(file, f"{place}.maturity.{model_id}",
                                    t('"{value}" is not a maturity model of frameworks.maturity', value=model_id),
                                    t("use one of: {ids}", ids=", ".join(mm.id for mm in c.maturity)))
            if not 1 <= level <= model.top:
                raise HandbookError(file, f"{place}.maturity.{model_id}",
                                    t("level {level} is not a level of {model} that a practice can belong to",
                                      level=level, model=model.title),
                                    t("use a level from 1 to {top} (level 0 needs no practice: leave the model out)",
                                      top=model.top))

    for stage in m.stages:
        for item in stage.items:
            item_file = files[stage.id]
            place = t("{subphase}, item {id}", subphase=t("subphase {id}", id=item.subphase_id), id=item.id)
            if not item.scored:
                if item.practice is not None:
                    raise HandbookError(item_file, place, t("a single-choice item only chooses a path and checks no "
                                                            "practice"),
                                        t("remove its `practice:` key"))
                continue
            if item.practice is None:
                raise HandbookError(item_file, place, t("the item names no practice"),
                                    t("add `practice: <id>` naming the practice of {file} it checks (add the practice "
                                      "there first if no practice fits)", file=file))
            if m.practice(item.practice) is None:
                raise HandbookError(item_file, place, t('it names the practice "{id}", which {file} does not declare',
                                                        id=item.practice, file=file),
                                    t("use the id of a practice of {file}, or add the practice there with its "
                                      "definition and sources", file=file))

    for route in m.routes:
        first: dict[str, Item] = {}
        for practice, item in m.route_practices(route.id):
            other = first.setdefault(practice.id, item)
            if other is not item:
                raise HandbookError(
                    files[item.stage_id],
                    t("{subphase}, item {id}", subphase=t("subphase {id}", id=item.subphase_id), id=item.id),
                    t('it checks the practice "{practice}", which item {other} ({file}) already checks on the route '
                      "{route}", practice=practice.id, other=other.id, file=files[other.stage_id], route=route.id),
                    t("give one of the two items a practice of its own, or retire one of them (retired_items in "
                      "methodology.yaml)"))

    named = {item.practice for item in m.items}
    for index, practice in enumerate(c.practices):
        if practice.id not in named:
            raise HandbookError(file, f"practices[{index}] ({practice.id})", t("no item names this practice"),
                                t("name it in the `practice:` of the item that checks it, or remove it from the "
                                  "catalogue"))


def _check_item(item: Item, file: str, place: str, route_ids: list[str], task_ids: list[str]) -> None:
    unknown = [r for r in item.routes if r not in route_ids]
    if unknown:
        raise HandbookError(file, place, t("unknown route {value}", value=repr(unknown[0])),
                            t("use one of {ids}", ids=route_ids))
    option_ids = [o.id for o in item.options]
    duplicated = sorted({o for o in option_ids if option_ids.count(o) > 1})
    if duplicated:
        raise HandbookError(file, place, t('the option id "{id}" appears twice', id=duplicated[0]),
                            t("give every option of an item its own id"))
    for option in item.options:
        if option.routes and not set(option.routes) <= set(item.routes):
            raise HandbookError(file, t("{place}, option {id}", place=place, id=option.id),
                                t("the option lists a route its item does not apply to"),
                                t("limit the option's routes to the item's routes"))
        if option.task_types:
            bad = [t for t in option.task_types if t not in task_ids]
            if bad:
                raise HandbookError(file, t("{place}, option {id}", place=place, id=option.id),
                                    t("unknown task type {value}", value=repr(bad[0])), t("use one of {ids}", ids=task_ids))
