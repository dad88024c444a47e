"""HTML fragments for the handbook pages, one function per macro. All text is escaped here.

The checklist is plain form controls that work without JavaScript; data-* attributes tell the
page script which item, kind, routes and task types each control belongs to.
"""

from __future__ import annotations

import json
import re
from html import escape
from typing import Iterable

from .answers import REASON_MIN_LETTERS
from .maturity import covering_items, practice_anchor, top_in_reach
from .messages import t
from .model import MULTIPLE_CHOICE, SELECTS_ROUTE, SINGLE_CHOICE, YES_NO, Item, Methodology, Practice, Stage, Subphase

# The id of each subphase page's "## Checklist" heading, to which the top of the page links.
CHECKLIST_ANCHOR = "checklist"


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _route_titles(m: Methodology, route_ids: Iterable[str]) -> str:
    return ", ".join(m.route(r).title for r in route_ids)


def _points_text(low: int, high: int) -> str:
    return f"{low}" if low == high else f"{low}–{high}"


def _stage_and_subphase(m: Methodology, subphase_id: str) -> tuple[Stage, Subphase]:
    sub = m.find(subphase_id)
    if not isinstance(sub, Subphase):
        raise KeyError(f'no subphase with id "{subphase_id}" in checklists/')
    return m.find(sub.stage_id), sub


def _stage(m: Methodology, stage_id: str) -> Stage:
    stage = m.find(stage_id)
    if not isinstance(stage, Stage):
        raise KeyError(f'no stage with id "{stage_id}" in checklists/')
    return stage


def _route_points(m: Methodology, items: Iterable[Item]) -> list[tuple[str, int, int]]:
    """Per route: the title and the points these items can give (a range where task type matters)."""
    items = tuple(items)
    rows = []
    for route in m.routes:
        if m.route_uses_task_type(route.id):
            values = [sum(i.maximum(route.id, t.id) for i in items) for t in m.task_types]
            low, high = min(values), max(values)
        else:
            low = high = sum(i.maximum(route.id, None) for i in items)
        rows.append((route.title, low, high))
    return rows


def route_points_table(m: Methodology, items: Iterable[Item], caption: str) -> str:
    rows = "".join(
        f"<tr><td>{escape(title)}</td><td>{_points_text(low, high) if high else '—'}</td></tr>"
        for title, low, high in _route_points(m, items)
    )
    return (f'<table class="mh-route-points"><caption>{escape(caption)}</caption>'
            f"<thead><tr><th>Route</th><th>Points</th></tr></thead><tbody>{rows}</tbody></table>")


# Where the page code says which project and assessment the answers go to (editing-banner.js): in
# the page from the start, with its room kept, so that filling it in moves nothing below it.
EDITING_LINE = '<p class="mh-editing"></p>'


def stage_intro(m: Methodology, stage_id: str) -> str:
    stage = _stage(m, stage_id)
    return (f'{EDITING_LINE}<p class="mh-lead">{escape(stage.summary)}</p>'
            f'<p class="mh-meta">Stage {stage.number} of {len(m.stages)} · paper §{escape(stage.section)} · '
            f"{len(stage.subphases)} subphases · {len(stage.items)} checklist items</p>"
            f'<div class="mh-summary" data-stage="{_attr(stage.id)}"></div>')


def stage_overview(m: Methodology, stage_id: str) -> str:
    stage = _stage(m, stage_id)
    routes = list(m.routes)
    head = "".join(f"<th>{escape(r.title)}</th>" for r in routes)
    body = []
    for sub in stage.subphases:
        cells = "".join(
            f"<td>{_points_text(low, high) if high else '—'}</td>" for _, low, high in _route_points(m, sub.items)
        )
        body.append(f'<tr><td><a href="{_attr(sub.id)}/">{escape(sub.title)}</a><br>'
                    f'<span class="mh-purpose">{escape(sub.purpose)}</span></td>'
                    f"<td>§{escape(sub.section)}</td>{cells}</tr>")
    totals = "".join(f"<td><strong>{_points_text(low, high) if high else '—'}</strong></td>"
                     for _, low, high in _route_points(m, stage.items))
    return ('<table class="mh-overview"><caption>Subphases and the points each route can score in them'
            f"</caption><thead><tr><th>Subphase</th><th>Paper</th>{head}</tr></thead><tbody>{''.join(body)}"
            f"<tr><td><strong>Whole stage</strong></td><td></td>{totals}</tr></tbody></table>")


def subphase_intro(m: Methodology, subphase_id: str) -> str:
    stage, sub = _stage_and_subphase(m, subphase_id)
    return (f'{EDITING_LINE}<p class="mh-lead">{escape(sub.purpose)}</p>'
            f'<p class="mh-meta">Stage {stage.number}, {escape(stage.title)} · paper §{escape(sub.section)} · '
            f"{len(sub.guiding_questions)} guiding questions</p>"
            f'<p class="mh-to-checklist"><a href="#{CHECKLIST_ANCHOR}">Go to the checklist</a> '
            f'<span class="mh-progress" data-subphase="{_attr(sub.id)}">({len(sub.items)} items)</span></p>'
            f'<div class="mh-summary" data-stage="{_attr(stage.id)}" data-subphase="{_attr(sub.id)}"></div>')


def guiding_questions(m: Methodology, subphase_id: str) -> str:
    _, sub = _stage_and_subphase(m, subphase_id)
    entries = "".join(
        f'<li id="{_attr(q.id)}"><span class="mh-question">{escape(q.text)}</span> '
        f'<span class="mh-source mh-basis-{q.source.basis}">{escape(q.source.label)}</span></li>'
        for q in sub.guiding_questions
    )
    return f'<ol class="mh-guiding">{entries}</ol>'


def checklist(m: Methodology, subphase_id: str) -> str:
    _, sub = _stage_and_subphase(m, subphase_id)
    items = "".join(_item(m, item) for item in sub.items)
    # The routes and where the route is chosen, for the form that asks for them before the first
    # answer (editing-banner.js), so that an untouched page need not fetch the methodology.
    routes = json.dumps([[route.id, route.title] for route in m.routes])
    route_subphase = m.selector(SELECTS_ROUTE).subphase_id
    return (f'<form class="mh-checklist" data-subphase="{_attr(sub.id)}" data-routes="{_attr(routes)}" '
            f'data-route-subphase="{_attr(route_subphase)}" autocomplete="off">{items}</form>')


def _item(m: Methodology, item: Item) -> str:
    name = f"answer-{item.id}"
    if item.kind == YES_NO:
        controls = "".join(
            f'<label><input type="radio" name="{_attr(name)}" value="{value}"> {label}</label>'
            for value, label in (("yes", "Yes"), ("no", "No"))
        )
        controls += (f'<button type="button" class="mh-clear" data-clear="{_attr(item.id)}">'
                     "Clear answer</button>")
    else:
        kind = "checkbox" if item.kind == MULTIPLE_CHOICE else "radio"
        controls = "".join(_option(m, item, option, kind, name) for option in item.options)
    if item.kind == SINGLE_CHOICE:
        scoring = "Chooses the path; scores no points"
    elif item.kind == MULTIPLE_CHOICE:
        scoring = "1 point per option that applies"
    else:
        scoring = "1 point for yes"
    selects = f' data-selects="{_attr(item.selects)}"' if item.selects else ""
    note = ""
    if item.scored:
        note = f"{_not_applicable(item)}{_note(item)}"
    return (
        f'<fieldset class="mh-item" id="{_attr(item.id)}" data-item="{_attr(item.id)}" data-kind="{item.kind}" '
        f'data-routes="{_attr(" ".join(item.routes))}"{selects}>'
        f'<legend><span class="mh-item-id">{escape(item.id)}</span> {escape(item.question)}</legend>'
        f'<div class="mh-controls">{controls}</div>'
        f"{_explanation(item.explanation)}"
        f"{_editor_note(item)}"
        f'<p class="mh-meta">Counts for: {escape(_route_titles(m, item.routes))} · {scoring} · '
        f'<span class="mh-source mh-basis-{item.source.basis}">{escape(item.source.label)}</span></p>'
        f"{_practice_line(m, item)}{note}</fieldset>"
    )


def _practice_line(m: Methodology, item: Item) -> str:
    """The practice the item checks, one quiet line. Its link to the maps page gets its address from
    the page script (assets/js/handbook/practice-links.js): a subphase page is not an index.md, where
    MkDocs and Zensical would read a relative link in raw HTML the same way."""
    practice = m.practice_of(item)
    if practice is None:
        return ""
    return (f'<p class="mh-practice">Practice: <a class="mh-practice-link" '
            f'data-maps="{_attr(practice_anchor(practice.id))}">{escape(practice.title)}</a></p>')


# An explanation longer than this shows its first sentence, and the rest on demand, so that an
# item reads in a few lines and the checklist stays short to scan.
FOLD_AFTER = 200
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])")


def _explanation(text: str) -> str:
    parts = _SENTENCE_END.split(text, maxsplit=1)
    if len(text) <= FOLD_AFTER or len(parts) < 2:
        return f'<div class="mh-explanation"><p>{escape(text)}</p></div>'
    return (f'<div class="mh-explanation"><p>{escape(parts[0])}</p>'
            f'<details><summary>More on this check</summary><p>{escape(parts[1])}</p></details></div>')


def _not_applicable(item: Item) -> str:
    """The "not applicable" switch and its reason, which is required (the page script shows it)."""
    reason_id = f"na-reason-{item.id}"
    return (f'<div class="mh-na" data-na-item="{_attr(item.id)}">'
            f'<label><input type="checkbox" name="na-{_attr(item.id)}" data-na="{_attr(item.id)}"> '
            "Not applicable to this project</label>"
            f'<div class="mh-na-reason" hidden><label for="{_attr(reason_id)}">Why it does not apply '
            f'<span class="mh-hint">(required: at least two words and {REASON_MIN_LETTERS} letters, '
            'not a placeholder such as n/a)</span></label>'
            f'<textarea id="{_attr(reason_id)}" rows="2" data-na-reason="{_attr(item.id)}" required></textarea>'
            "</div></div>")


def _note(item: Item) -> str:
    """The item's note; where the question asks for a text, labelled as that text, with room for it."""
    if item.note_asks_for:
        label = (f'{escape(item.note_asks_for)} <span class="mh-hint">(what the question asks for; answer yes once '
                 f'it is written here)</span>')
        return (f'<label class="mh-note mh-note-description">{label}'
                f'<textarea name="note-{_attr(item.id)}" rows="4" data-note="{_attr(item.id)}"></textarea></label>')
    return (f'<label class="mh-note">Note <span class="mh-hint">(evidence, owner, date)</span>'
            f'<textarea name="note-{_attr(item.id)}" rows="2" data-note="{_attr(item.id)}"></textarea></label>')


def _editor_note(item: Item) -> str:
    if not item.editor_note:
        return ""
    return (f'<aside class="mh-editor-note" aria-label="Editor\'s note on {_attr(item.id)}">'
            f"<strong>Editor's note.</strong> {escape(item.editor_note)}</aside>")


def _option(m: Methodology, item: Item, option, kind: str, name: str) -> str:
    data = ""
    detail = []
    if option.routes:
        data += f' data-routes="{_attr(" ".join(option.routes))}"'
        detail.append(_route_titles(m, option.routes))
    if option.task_types:
        data += f' data-task-types="{_attr(" ".join(option.task_types))}"'
        detail.append(", ".join(m.task_type(t).title for t in option.task_types))
    hint = f' <span class="mh-hint">({escape("; ".join(detail))})</span>' if detail else ""
    return (f'<label class="mh-option"{data}><input type="{kind}" name="{_attr(name)}" '
            f'value="{_attr(option.id)}"> {escape(option.label)}{hint}</label>')


def routes_table(m: Methodology) -> str:
    rows = []
    for route in m.routes:
        low, high = m.maximum_range(route.id)
        rows.append(f"<tr><td><strong>{escape(route.title)}</strong></td><td>{escape(route.description)}</td>"
                    f"<td>{_points_text(low, high)}</td></tr>")
    return ('<table class="mh-routes"><thead><tr><th>Route</th><th>What is delivered</th>'
            f"<th>Maximum points</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def task_type_table(m: Methodology) -> str:
    route = next(r for r in m.routes if m.route_uses_task_type(r.id))
    rows = "".join(f"<tr><td>{escape(t.title)}</td><td>{m.maximum(route.id, t.id)}</td></tr>"
                   for t in m.task_types)
    return (f'<table class="mh-task-types"><thead><tr><th>ML task type</th><th>Maximum points '
            f"({escape(route.title)} route)</th></tr></thead><tbody>{rows}</tbody></table>")


def stages_list(m: Methodology) -> str:
    """The five stages as cards (the home page), in order, each linking to its page."""
    entries = "".join(
        f'<li class="mh-card"><a class="mh-card-title" href="{_attr(stage.id)}/">'
        f'<span class="mh-card-number">{stage.number}</span> {escape(stage.title)}</a>'
        f'<p>{escape(stage.summary)}</p><p class="mh-meta">{len(stage.subphases)} subphases</p></li>'
        for stage in m.stages
    )
    return f'<ol class="mh-stages mh-cards">{entries}</ol>'


def route_cards(m: Methodology) -> str:
    """The three routes as cards (the home page), each with its maximum."""
    entries = "".join(
        f'<li class="mh-card" data-route="{_attr(route.id)}"><p class="mh-card-title">{escape(route.title)}</p>'
        f"<p>{escape(route.description)}</p>"
        f'<p class="mh-meta">Maximum {_points_text(*m.maximum_range(route.id))} points</p></li>'
        for route in m.routes
    )
    return f'<ul class="mh-route-cards mh-cards">{entries}</ul>'


def citation(m: Methodology) -> str:
    c = m.citation
    return (f'<p class="mh-citation">{escape(c.text.removesuffix(c.doi_url))}'
            f'<a href="{_attr(c.doi_url)}">{escape(c.doi_url)}</a>. Licensed under '
            f'<a href="{_attr(c.license_url)}">{escape(c.license)}</a>.</p>')


# ---------------------------------------------------------------- the provenance page

def _span(points: tuple[int, int]) -> str:
    return _points_text(*points)


def provenance_summary(m: Methodology) -> str:
    """Per route: the maximum, and how many of its points each source basis gives."""
    from .provenance import BASIS_TITLES, points_by_basis

    head = "".join(f'<th scope="col">{escape(t(title))}</th>' for title in BASIS_TITLES.values())
    rows = []
    for route in m.routes:
        points = points_by_basis(m, route.id)
        cells = "".join(f'<td data-basis="{basis}">{_span(points.by_basis[basis])}</td>' for basis in BASIS_TITLES)
        rows.append(f'<tr data-route="{_attr(route.id)}"><th scope="row">{escape(route.title)}</th>'
                    f'<td data-basis="total">{_span(points.total)}</td>{cells}</tr>')
    return ('<table class="mh-provenance mh-provenance-summary"><caption>Points of each route by where their '
            'question comes from</caption><thead><tr><th scope="col">Route</th><th scope="col">Maximum</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def provenance_by_stage(m: Methodology, route_id: str) -> str:
    """One route's points per stage, split by source basis."""
    from .provenance import BASIS_TITLES, points_by_basis

    route = m.route(route_id)
    head = "".join(f'<th scope="col">{escape(t(title))}</th>' for title in BASIS_TITLES.values())
    rows = []
    for stage in m.stages:
        points = points_by_basis(m, route_id, stage.items)
        if not points.total[1]:
            continue
        cells = "".join(f'<td data-basis="{basis}">{_span(points.by_basis[basis])}</td>' for basis in BASIS_TITLES)
        rows.append(f'<tr data-stage="{_attr(stage.id)}"><th scope="row"><a href="../{_attr(stage.id)}/">'
                    f'{escape(stage.title)}</a></th><td data-basis="total">{_span(points.total)}</td>{cells}</tr>')
    whole = points_by_basis(m, route_id)
    cells = "".join(f'<td data-basis="{basis}"><strong>{_span(whole.by_basis[basis])}</strong></td>'
                    for basis in BASIS_TITLES)
    rows.append(f'<tr data-stage="total"><th scope="row">Whole route</th>'
                f'<td data-basis="total"><strong>{_span(whole.total)}</strong></td>{cells}</tr>')
    return (f'<table class="mh-provenance" data-route="{_attr(route_id)}"><caption>{escape(route.title)}: points '
            f'per stage by where the question comes from</caption><thead><tr><th scope="col">Stage</th>'
            f'<th scope="col">All points</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def item_counts_text(m: Methodology) -> str:
    """A sentence with the number of items of each source basis."""
    from .provenance import item_counts

    counts = item_counts(m)
    return (f'<p class="mh-item-counts">The checklists hold <strong>{len(m.items)}</strong> items: '
            f'<span data-basis="paper">{counts["paper"]}</span> quote the paper\'s own questions, '
            f'<span data-basis="derived">{counts["derived"]}</span> are derived from its text and '
            f'<span data-basis="added">{counts["added"]}</span> are added by the handbook.</p>')


def maximum_breakdown(m: Methodology) -> str:
    """How each route's maximum adds up, item kind by item kind."""
    from .provenance import maximum_breakdown as parts_of

    blocks = []
    for route in m.routes:
        parts = parts_of(m, route.id)
        entries = "".join(f"<li>{escape(part.label)}: {_span(part.points)}</li>" for part in parts)
        low, high = m.maximum_range(route.id)
        published = _points_text(route.published_minimum, route.published_maximum)
        blocks.append(f'<li data-route="{_attr(route.id)}"><strong>{escape(route.title)}</strong>: '
                      f"{_points_text(low, high)} points (the paper publishes {published})<ul>{entries}</ul></li>")
    return f'<ul class="mh-maximum-breakdown">{"".join(blocks)}</ul>'


def metrics_table(m: Methodology) -> str:
    """Per ML task type: the evaluation metrics that count, their number and the route maximum."""
    from .provenance import metrics_by_task_type

    rows = "".join(
        f"<tr><th scope=\"row\">{escape(title)}</th><td>{escape(', '.join(labels))}</td>"
        f"<td>{len(labels)}</td><td>{maximum}</td></tr>"
        for title, labels, maximum in metrics_by_task_type(m)
    )
    return ('<table class="mh-provenance mh-metrics"><caption>Evaluation metrics that count per ML task type'
            '</caption><thead><tr><th scope="col">ML task type</th><th scope="col">Metrics</th>'
            '<th scope="col">Points</th><th scope="col">Route maximum</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def retired_items(m: Methodology) -> str:
    """The items merged into others, so that old answers files and links can be followed."""
    if not m.retired:
        return "<p>No item has been retired.</p>"
    entries = "".join(
        f'<li><code>{escape(r.id)}</code> is now part of <code>{escape(r.merged_into)}</code>: {escape(r.reason)}</li>'
        for r in m.retired
    )
    return f'<ul class="mh-retired">{entries}</ul>'


# ---------------------------------------------------------------- the maps page (maps/index.md)

MAPS = ("crisp-dm", "ml-test-score", "maturity")


def _item_link(item: Item) -> str:
    """A link from a page one folder deep (an index.md) to the item on its subphase page."""
    return f'<a href="../{_attr(item.stage_id)}/{_attr(item.subphase_id)}/#{_attr(item.id)}">{escape(item.id)}</a>'


def _practice_link(practice: Practice, prefix: str = "") -> str:
    return f'<a href="{prefix}#{_attr(practice_anchor(practice.id))}">{escape(practice.title)}</a>'


def _items_cell(m: Methodology, items: Iterable[Item]) -> str:
    """Item links; where a practice has items on different routes, each says its routes."""
    items = tuple(items)
    if len(items) == 1:
        return _item_link(items[0])
    return ", ".join(f'{_item_link(i)} <span class="mh-hint">({escape(_route_titles(m, i.routes))})</span>'
                     for i in items)


def _practices_in_stage_order(m: Methodology, practices: Iterable[Practice]) -> list[Practice]:
    first = {}
    for index, item in enumerate(m.items):
        first.setdefault(item.practice, index)
    return sorted(practices, key=lambda p: first.get(p.id, len(first)))


def _list(entries: list[str], empty: str = "—") -> str:
    return ", ".join(entries) if entries else empty


def practice_map(m: Methodology, kind: str) -> str:
    """One map of the practice catalogue as a table: "crisp-dm" (every practice, with its definition
    and sources, by CRISP-DM phase), "ml-test-score" (the 28 tests and what covers them on each
    route) or "maturity" (each maturity model's levels and their practices)."""
    if kind == "crisp-dm":
        return _crisp_dm_map(m)
    if kind == "ml-test-score":
        return _ml_test_score_map(m)
    if kind == "maturity":
        return "".join(_maturity_map(m, model) for model in m.catalogue.maturity)
    raise KeyError(f'no map "{kind}": use one of {", ".join(MAPS)}')


def _tags(m: Methodology, practice: Practice) -> str:
    tags = []
    if practice.ml_test_score:
        tags.append(f"{m.catalogue.ml_test_score_title}: " + ", ".join(practice.ml_test_score))
    for model_id, level in practice.maturity:
        tags.append(f"{m.maturity_model(model_id).title}: level {level}")
    if practice.automated:
        tags.append("automation")
    return f'<br><span class="mh-hint">{escape(" · ".join(tags))}</span>' if tags else ""


def _crisp_dm_map(m: Methodology) -> str:
    c = m.catalogue
    groups = []
    for phase in c.phases:
        practices = _practices_in_stage_order(m, (p for p in c.practices if p.crisp_dm == phase.id))
        rows = []
        for practice in practices:
            differs = (f'<br><span class="mh-differs"><strong>How it differs:</strong> {escape(practice.differs_from)}</span>'
                       if practice.differs_from else "")
            rows.append(
                f'<tr id="{_attr(practice_anchor(practice.id))}" data-practice="{_attr(practice.id)}">'
                f'<th scope="row">{escape(practice.title)}</th>'
                f"<td>{escape(practice.definition)}{differs}"
                f'<br><span class="mh-sources">Sources: {escape("; ".join(practice.sources))}</span>{_tags(m, practice)}</td>'
                f"<td>{_items_cell(m, m.items_of_practice(practice.id))}</td></tr>")
        count = f"{len(practices)} {'practice' if len(practices) == 1 else 'practices'}"
        groups.append(f'<tbody data-phase="{_attr(phase.id)}"><tr class="mh-map-group"><th scope="colgroup" colspan="3">'
                      f"{escape(phase.title)} ({count})</th></tr>{''.join(rows)}</tbody>")
    return (f'<p class="mh-map-source">{escape(c.crisp_dm_title)}: {escape(c.crisp_dm_source)}</p>'
            f'<table class="mh-map mh-map-crisp-dm"><caption>Every practice the checklists score, by '
            f'{escape(c.crisp_dm_title)} phase</caption><thead><tr><th scope="col">Practice</th>'
            f'<th scope="col">Definition and sources</th><th scope="col">Items</th></tr></thead>'
            f"{''.join(groups)}</table>")


def _ml_test_score_map(m: Methodology) -> str:
    c = m.catalogue
    routes = list(m.routes)
    covering = {route.id: covering_items(m, route.id) for route in routes}
    route_heads = "".join(f'<th scope="col">{escape(r.title)}</th>' for r in routes)
    rows = []
    for test in c.tests:
        practices = _practices_in_stage_order(m, (p for p in c.practices if test.id in p.ml_test_score))
        items = [i for p in practices for i in m.items_of_practice(p.id)]
        cells = "".join(f"<td>{'covered' if covering[r.id][test.id] else 'not covered'}</td>" for r in routes)
        rows.append(f'<tr data-test="{_attr(test.id)}"><th scope="row">{escape(test.id)}: {escape(test.title)}</th>'
                    f"<td>{_list([_practice_link(p) for p in practices], 'Not covered')}</td>"
                    f"<td>{_items_cell(m, items) if items else '—'}</td>{cells}</tr>")
    totals = "".join(f'<td data-route="{_attr(r.id)}">{sum(1 for v in covering[r.id].values() if v)} of {len(c.tests)}</td>'
                     for r in routes)
    return (f'<p class="mh-map-source">{escape(c.ml_test_score_title)}: {escape(c.ml_test_score_source)}</p>'
            f'<table class="mh-map mh-map-ml-test-score"><caption>The {len(c.tests)} tests of the '
            f"{escape(c.ml_test_score_title)}, the practices that cover them, and whether each route's checklist "
            f'does</caption><thead><tr><th scope="col">Test</th><th scope="col">Practices</th>'
            f'<th scope="col">Items</th>{route_heads}</tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">Tests covered</th><td></td><td></td>{totals}</tr></tfoot></table>')


def _maturity_map(m: Methodology, model) -> str:
    routes = list(m.routes)
    reach = {route.id: top_in_reach(m, route.id, model) for route in routes}
    rows = []
    for level in model.levels:
        practices = _practices_in_stage_order(m, (p for p in m.catalogue.practices if p.level(model.id) == level.level))
        items = [i for p in practices for i in m.items_of_practice(p.id)]
        reached_by = [r.title for r in routes if reach[r.id] >= level.level]
        if level.level == 0:
            practices_cell, items_cell = "None: every project is at least at this level", "—"
        else:
            practices_cell = _list([_practice_link(p) for p in practices])
            items_cell = _items_cell(m, items) if items else "—"
        rows.append(f'<tr data-level="{level.level}"><th scope="row">Level {level.level}: {escape(level.title)}'
                    f'<br><span class="mh-hint">{escape(level.description)}</span></th>'
                    f"<td>{practices_cell}</td><td>{items_cell}</td>"
                    f"<td>{escape(_list(reached_by, 'No route'))}</td></tr>")
    return (f'<p class="mh-map-source">{escape(model.title)}: {escape(model.source)}</p>'
            f'<table class="mh-map mh-map-maturity" data-model="{_attr(model.id)}"><caption>{escape(model.title)}: '
            f"the practices of each level</caption><thead><tr><th scope=\"col\">Level</th>"
            f'<th scope="col">Practices</th><th scope="col">Items</th><th scope="col">Routes that can reach it</th>'
            f'</tr></thead><tbody>{"".join(rows)}</tbody></table>')


# ---------------------------------------------------------------- practices per route (provenance page)

def practice_points(m: Methodology, route_id: str) -> str:
    """One route's practices, each counted once, with their item and points, and the share of the
    route's points that automation practices give (those marked `automation: true` in the catalogue)."""
    from .provenance import BASIS_TITLES, practice_points as rows_of
    from .scoring import percent

    route = m.route(route_id)
    table = rows_of(m, route_id)
    low, high = m.maximum_range(route_id)
    automation = [row for row in table if row.practice.automation]
    auto_low = sum(row.points[0] for row in automation)
    auto_high = sum(row.points[1] for row in automation)
    share_low, share_high = percent(auto_low, high), percent(auto_high, low)
    share = f"{share_low:.1f}%" if share_low == share_high else f"{share_low:.1f}–{share_high:.1f}%"
    body = "".join(
        f'<tr data-practice="{_attr(row.practice.id)}"><th scope="row">{_practice_link(row.practice, "../maps/")}</th>'
        f"<td>{_item_link(row.item)}</td><td>{escape(t(BASIS_TITLES[row.item.source.basis]))}</td>"
        f"<td>{_points_text(*row.points)}</td>"
        f"<td>{'yes' if row.practice.automation else ''}</td></tr>"
        for row in table)
    return (f'<p class="mh-practice-share" data-route="{_attr(route_id)}"><strong>{escape(route.title)}</strong>: '
            f'<span data-count="practices">{len(table)}</span> practices, each checked by one item, give the route\'s '
            f"{_points_text(low, high)} points; <span data-count=\"automation\">{len(automation)}</span> of them are "
            f"automation and give {_points_text(auto_low, auto_high)} points "
            f'(<span data-share="automation">{share}</span>).</p>'
            f'<details class="mh-practice-points"><summary>The {len(table)} practices of the {escape(route.title)} '
            f"route</summary>"
            f'<table class="mh-provenance mh-practices" data-route="{_attr(route_id)}"><caption>{escape(route.title)}: '
            f'each practice, the item that checks it and its points</caption><thead><tr><th scope="col">Practice</th>'
            f'<th scope="col">Item</th><th scope="col">Source</th><th scope="col">Points</th>'
            f'<th scope="col">Automation</th></tr></thead><tbody>{body}</tbody></table></details>')
