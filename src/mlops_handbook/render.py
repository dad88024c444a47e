"""HTML fragments for the handbook pages, one function per macro. All text is escaped here.

Each fragment is in the methodology's language (`m.language`): its texts come from the
checklists, and the renderers' own words (headings, labels, counts) from page_words.py.

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
from .model import (DERIVED, MULTIPLE_CHOICE, PAPER, SELECTS_ROUTE, SINGLE_CHOICE, YES_NO, Item, Methodology,
                    Practice, Source, Stage, Subphase)
from .page_words import decimal, word

# The id of each subphase page's "## Checklist" heading, to which the top of the page links.
CHECKLIST_ANCHOR = "checklist"


def _attr(value: str) -> str:
    return escape(value, quote=True)


def _w(m: Methodology, key: str, count: int | None = None, **fields: object) -> str:
    """One of the renderers' own words (page_words.py) in the methodology's language, its fields
    filled in with text already escaped or marked up."""
    return word(m.language, key, count, **fields)


def _source_label(m: Methodology, source: Source) -> str:
    """Where a question comes from ("Paper §3.2.1"), in the methodology's language."""
    key = {PAPER: "source_paper", DERIVED: "source_derived"}.get(source.basis, "source_added")
    return _w(m, key, places=source.places)


def _basis_titles(m: Methodology) -> dict[str, str]:
    """The title of each source basis, in the order of provenance.BASIS_TITLES."""
    from .provenance import BASIS_TITLES

    return {basis: _w(m, f"basis_{basis}") for basis in BASIS_TITLES}


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
            f"<thead><tr><th>{_w(m, 'route')}</th><th>{_w(m, 'points')}</th></tr></thead><tbody>{rows}</tbody></table>")


# Where the page code says which project and assessment the answers go to (editing-banner.js): in
# the page from the start, with its room kept, so that filling it in moves nothing below it.
EDITING_LINE = '<p class="mh-editing"></p>'


def stage_intro(m: Methodology, stage_id: str) -> str:
    stage = _stage(m, stage_id)
    meta = _w(m, "stage_meta", number=stage.number, total=len(m.stages), section=escape(stage.section),
              subphases=_w(m, "subphases_count", len(stage.subphases)),
              items=_w(m, "checklist_items", len(stage.items)))
    return (f'{EDITING_LINE}<p class="mh-lead">{escape(stage.summary)}</p>'
            f'<p class="mh-meta">{meta}</p>'
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
    return (f'<table class="mh-overview"><caption>{_w(m, "overview_caption")}'
            f"</caption><thead><tr><th>{_w(m, 'subphase')}</th><th>{_w(m, 'paper')}</th>{head}</tr></thead>"
            f"<tbody>{''.join(body)}"
            f"<tr><td><strong>{_w(m, 'whole_stage')}</strong></td><td></td>{totals}</tr></tbody></table>")


def subphase_intro(m: Methodology, subphase_id: str) -> str:
    stage, sub = _stage_and_subphase(m, subphase_id)
    meta = _w(m, "subphase_meta", number=stage.number, stage=escape(stage.title), section=escape(sub.section),
              questions=_w(m, "guiding_count", len(sub.guiding_questions)))
    return (f'{EDITING_LINE}<p class="mh-lead">{escape(sub.purpose)}</p>'
            f'<p class="mh-meta">{meta}</p>'
            f'<p class="mh-to-checklist"><a href="#{CHECKLIST_ANCHOR}">{_w(m, "to_checklist")}</a> '
            f'<span class="mh-progress" data-subphase="{_attr(sub.id)}">'
            f'{_w(m, "items_count", len(sub.items))}</span></p>'
            f'<div class="mh-summary" data-stage="{_attr(stage.id)}" data-subphase="{_attr(sub.id)}"></div>')


def guiding_questions(m: Methodology, subphase_id: str) -> str:
    _, sub = _stage_and_subphase(m, subphase_id)
    entries = "".join(
        f'<li id="{_attr(q.id)}"><span class="mh-question">{escape(q.text)}</span> '
        f'<span class="mh-source mh-basis-{q.source.basis}">{escape(_source_label(m, q.source))}</span></li>'
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
            for value, label in (("yes", _w(m, "yes")), ("no", _w(m, "no")))
        )
        controls += (f'<button type="button" class="mh-clear" data-clear="{_attr(item.id)}">'
                     f"{_w(m, 'clear')}</button>")
    else:
        kind = "checkbox" if item.kind == MULTIPLE_CHOICE else "radio"
        controls = "".join(_option(m, item, option, kind, name) for option in item.options)
    if item.kind == SINGLE_CHOICE:
        scoring = _w(m, "scoring_single")
    elif item.kind == MULTIPLE_CHOICE:
        scoring = _w(m, "scoring_multiple")
    else:
        scoring = _w(m, "scoring_yes_no")
    selects = f' data-selects="{_attr(item.selects)}"' if item.selects else ""
    note = ""
    if item.scored:
        note = f"{_not_applicable(m, item)}{_note(m, item)}"
    return (
        f'<fieldset class="mh-item" id="{_attr(item.id)}" data-item="{_attr(item.id)}" data-kind="{item.kind}" '
        f'data-routes="{_attr(" ".join(item.routes))}"{selects}>'
        f'<legend><span class="mh-item-id">{escape(item.id)}</span> {escape(item.question)}</legend>'
        f'<div class="mh-controls">{controls}</div>'
        f"{_explanation(m, item.explanation)}"
        f"{_editor_note(m, item)}"
        f'<p class="mh-meta">{_w(m, "counts_for", routes=escape(_route_titles(m, item.routes)))} · {scoring} · '
        f'<span class="mh-source mh-basis-{item.source.basis}">{escape(_source_label(m, item.source))}</span></p>'
        f"{_practice_line(m, item)}{note}</fieldset>"
    )


def _practice_line(m: Methodology, item: Item) -> str:
    """The practice the item checks, one quiet line. Its link to the maps page gets its address from
    the page script (assets/js/handbook/practice-links.js): a subphase page is not an index.md, where
    MkDocs and Zensical would read a relative link in raw HTML the same way."""
    practice = m.practice_of(item)
    if practice is None:
        return ""
    return (f'<p class="mh-practice">{_w(m, "practice_line")} <a class="mh-practice-link" '
            f'data-maps="{_attr(practice_anchor(practice.id))}">{escape(practice.title)}</a></p>')


# An explanation longer than this shows its first sentence, and the rest on demand, so that an
# item reads in a few lines and the checklist stays short to scan.
FOLD_AFTER = 200
# Where a sentence ends, by the language's way of starting the next one (a Spanish one may open
# with an accented capital, ¿, ¡ or «).
_SENTENCE_END = {
    "en": re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“(])"),
    "es": re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡«\"“(])"),
}


def _explanation(m: Methodology, text: str) -> str:
    parts = _SENTENCE_END[m.language].split(text, maxsplit=1)
    if len(text) <= FOLD_AFTER or len(parts) < 2:
        return f'<div class="mh-explanation"><p>{escape(text)}</p></div>'
    return (f'<div class="mh-explanation"><p>{escape(parts[0])}</p>'
            f'<details><summary>{_w(m, "more")}</summary><p>{escape(parts[1])}</p></details></div>')


def _not_applicable(m: Methodology, item: Item) -> str:
    """The "not applicable" switch and its reason, which is required (the page script shows it)."""
    reason_id = f"na-reason-{item.id}"
    return (f'<div class="mh-na" data-na-item="{_attr(item.id)}">'
            f'<label><input type="checkbox" name="na-{_attr(item.id)}" data-na="{_attr(item.id)}"> '
            f"{_w(m, 'na')}</label>"
            f'<div class="mh-na-reason" hidden><label for="{_attr(reason_id)}">{_w(m, "na_reason")} '
            f'<span class="mh-hint">{_w(m, "na_hint", letters=REASON_MIN_LETTERS)}</span></label>'
            f'<textarea id="{_attr(reason_id)}" rows="2" data-na-reason="{_attr(item.id)}" required></textarea>'
            "</div></div>")


def _note(m: Methodology, item: Item) -> str:
    """The item's note; where the question asks for a text, labelled as that text, with room for it."""
    if item.note_asks_for:
        label = f'{escape(item.note_asks_for)} <span class="mh-hint">{_w(m, "asks_for_hint")}</span>'
        return (f'<label class="mh-note mh-note-description">{label}'
                f'<textarea name="note-{_attr(item.id)}" rows="4" data-note="{_attr(item.id)}"></textarea></label>')
    return (f'<label class="mh-note">{_w(m, "note")} <span class="mh-hint">{_w(m, "note_hint")}</span>'
            f'<textarea name="note-{_attr(item.id)}" rows="2" data-note="{_attr(item.id)}"></textarea></label>')


def _editor_note(m: Methodology, item: Item) -> str:
    if not item.editor_note:
        return ""
    return (f'<aside class="mh-editor-note" aria-label="{_w(m, "editor_note_on", item=_attr(item.id))}">'
            f"<strong>{_w(m, 'editor_note')}</strong> {escape(item.editor_note)}</aside>")


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
    return (f'<table class="mh-routes"><thead><tr><th>{_w(m, "route")}</th><th>{_w(m, "delivered")}</th>'
            f"<th>{_w(m, 'maximum_points')}</th></tr></thead><tbody>{''.join(rows)}</tbody></table>")


def task_type_table(m: Methodology) -> str:
    route = next(r for r in m.routes if m.route_uses_task_type(r.id))
    rows = "".join(f"<tr><td>{escape(t.title)}</td><td>{m.maximum(route.id, t.id)}</td></tr>"
                   for t in m.task_types)
    return (f'<table class="mh-task-types"><thead><tr><th>{_w(m, "task_type")}</th>'
            f"<th>{_w(m, 'task_type_maximum', route=escape(route.title))}</th></tr></thead>"
            f"<tbody>{rows}</tbody></table>")


def stages_list(m: Methodology) -> str:
    """The five stages as cards (the home page), in order, each linking to its page."""
    entries = "".join(
        f'<li class="mh-card"><a class="mh-card-title" href="{_attr(stage.id)}/">'
        f'<span class="mh-card-number">{stage.number}</span> {escape(stage.title)}</a>'
        f'<p>{escape(stage.summary)}</p><p class="mh-meta">{_w(m, "subphases_count", len(stage.subphases))}</p></li>'
        for stage in m.stages
    )
    return f'<ol class="mh-stages mh-cards">{entries}</ol>'


def route_cards(m: Methodology) -> str:
    """The three routes as cards (the home page), each with its maximum."""
    entries = "".join(
        f'<li class="mh-card" data-route="{_attr(route.id)}"><p class="mh-card-title">{escape(route.title)}</p>'
        f"<p>{escape(route.description)}</p>"
        f'<p class="mh-meta">{_w(m, "route_maximum", points=_points_text(*m.maximum_range(route.id)))}</p></li>'
        for route in m.routes
    )
    return f'<ul class="mh-route-cards mh-cards">{entries}</ul>'


def citation(m: Methodology) -> str:
    c = m.citation
    return (f'<p class="mh-citation">{escape(c.text.removesuffix(c.doi_url))}'
            f'<a href="{_attr(c.doi_url)}">{escape(c.doi_url)}</a>. {_w(m, "licensed")} '
            f'<a href="{_attr(c.license_url)}">{escape(c.license)}</a>.</p>')


# ---------------------------------------------------------------- the provenance page

def _span(points: tuple[int, int]) -> str:
    return _points_text(*points)


def provenance_summary(m: Methodology) -> str:
    """Per route: the maximum, and how many of its points each source basis gives."""
    from .provenance import points_by_basis

    titles = _basis_titles(m)
    head = "".join(f'<th scope="col">{escape(title)}</th>' for title in titles.values())
    rows = []
    for route in m.routes:
        points = points_by_basis(m, route.id)
        cells = "".join(f'<td data-basis="{basis}">{_span(points.by_basis[basis])}</td>' for basis in titles)
        rows.append(f'<tr data-route="{_attr(route.id)}"><th scope="row">{escape(route.title)}</th>'
                    f'<td data-basis="total">{_span(points.total)}</td>{cells}</tr>')
    return (f'<table class="mh-provenance mh-provenance-summary"><caption>{_w(m, "summary_caption")}'
            f'</caption><thead><tr><th scope="col">{_w(m, "route")}</th><th scope="col">{_w(m, "maximum")}</th>'
            f"{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def provenance_by_stage(m: Methodology, route_id: str) -> str:
    """One route's points per stage, split by source basis."""
    from .provenance import points_by_basis

    route = m.route(route_id)
    titles = _basis_titles(m)
    head = "".join(f'<th scope="col">{escape(title)}</th>' for title in titles.values())
    rows = []
    for stage in m.stages:
        points = points_by_basis(m, route_id, stage.items)
        if not points.total[1]:
            continue
        cells = "".join(f'<td data-basis="{basis}">{_span(points.by_basis[basis])}</td>' for basis in titles)
        rows.append(f'<tr data-stage="{_attr(stage.id)}"><th scope="row"><a href="../{_attr(stage.id)}/">'
                    f'{escape(stage.title)}</a></th><td data-basis="total">{_span(points.total)}</td>{cells}</tr>')
    whole = points_by_basis(m, route_id)
    cells = "".join(f'<td data-basis="{basis}"><strong>{_span(whole.by_basis[basis])}</strong></td>'
                    for basis in titles)
    rows.append(f'<tr data-stage="total"><th scope="row">{_w(m, "whole_route")}</th>'
                f'<td data-basis="total"><strong>{_span(whole.total)}</strong></td>{cells}</tr>')
    caption = _w(m, "by_stage_caption", route=escape(route.title))
    return (f'<table class="mh-provenance" data-route="{_attr(route_id)}"><caption>{caption}'
            f'</caption><thead><tr><th scope="col">{_w(m, "stage")}</th>'
            f'<th scope="col">{_w(m, "all_points")}</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def item_counts_text(m: Methodology) -> str:
    """A sentence with the number of items of each source basis."""
    from .provenance import item_counts

    counts = item_counts(m)
    sentence = _w(m, "item_counts", total=f"<strong>{len(m.items)}</strong>",
                  **{basis: f'<span data-basis="{basis}">{count}</span>' for basis, count in counts.items()})
    return f'<p class="mh-item-counts">{sentence}</p>'


def maximum_breakdown(m: Methodology) -> str:
    """How each route's maximum adds up, item kind by item kind."""
    from .provenance import maximum_breakdown as parts_of

    blocks = []
    for route in m.routes:
        parts = parts_of(m, route.id)
        entries = "".join(f"<li>{escape(_part_label(m, part))}: {_span(part.points)}</li>" for part in parts)
        low, high = m.maximum_range(route.id)
        published = _points_text(route.published_minimum, route.published_maximum)
        total = _w(m, "breakdown_route", points=_points_text(low, high), published=published)
        blocks.append(f'<li data-route="{_attr(route.id)}"><strong>{escape(route.title)}</strong>: '
                      f"{total}<ul>{entries}</ul></li>")
    return f'<ul class="mh-maximum-breakdown">{"".join(blocks)}</ul>'


def _part_label(m: Methodology, part) -> str:
    """A line of provenance.maximum_breakdown in the methodology's language: the yes/no items, or
    one multiple-choice item's options that apply."""
    item = m.find(part.item_ids[0]) if len(part.item_ids) == 1 else None
    if item is None or item.kind != MULTIPLE_CHOICE:
        return _w(m, "breakdown_yes_no", len(part.item_ids))
    low, high = part.points
    span = str(low) if low == high else _w(m, "span", low=low, high=high)
    return _w(m, "breakdown_options", high, item=item.id, span=span)


def metrics_table(m: Methodology) -> str:
    """Per ML task type: the evaluation metrics that count, their number and the route maximum."""
    from .provenance import metrics_by_task_type

    rows = "".join(
        f"<tr><th scope=\"row\">{escape(title)}</th><td>{escape(', '.join(labels))}</td>"
        f"<td>{len(labels)}</td><td>{maximum}</td></tr>"
        for title, labels, maximum in metrics_by_task_type(m)
    )
    return (f'<table class="mh-provenance mh-metrics"><caption>{_w(m, "metrics_caption")}'
            f'</caption><thead><tr><th scope="col">{_w(m, "task_type")}</th><th scope="col">{_w(m, "metrics")}</th>'
            f'<th scope="col">{_w(m, "points")}</th><th scope="col">{_w(m, "route_max")}</th></tr></thead>'
            f"<tbody>{rows}</tbody></table>")


def retired_items(m: Methodology) -> str:
    """The items merged into others, so that old answers files and links can be followed."""
    if not m.retired:
        return f"<p>{_w(m, 'no_retired')}</p>"
    entries = "".join(
        "<li>" + _w(m, "retired", old=f"<code>{escape(r.id)}</code>", new=f"<code>{escape(r.merged_into)}</code>",
                    reason=escape(r.reason)) + "</li>"
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
        tags.append(_w(m, "level_tag", model=m.maturity_model(model_id).title, level=level))
    if practice.automated:
        tags.append(_w(m, "automation"))
    return f'<br><span class="mh-hint">{escape(" · ".join(tags))}</span>' if tags else ""


def _crisp_dm_map(m: Methodology) -> str:
    c = m.catalogue
    groups = []
    for phase in c.phases:
        practices = _practices_in_stage_order(m, (p for p in c.practices if p.crisp_dm == phase.id))
        rows = []
        for practice in practices:
            differs = (f'<br><span class="mh-differs"><strong>{_w(m, "differs")}</strong> '
                       f'{escape(practice.differs_from)}</span>' if practice.differs_from else "")
            rows.append(
                f'<tr id="{_attr(practice_anchor(practice.id))}" data-practice="{_attr(practice.id)}">'
                f'<th scope="row">{escape(practice.title)}</th>'
                f"<td>{escape(practice.definition)}{differs}"
                f'<br><span class="mh-sources">{_w(m, "sources", sources=escape("; ".join(practice.sources)))}</span>'
                f'{_tags(m, practice)}</td>'
                f"<td>{_items_cell(m, m.items_of_practice(practice.id))}</td></tr>")
        count = _w(m, "practice_count", len(practices))
        groups.append(f'<tbody data-phase="{_attr(phase.id)}"><tr class="mh-map-group"><th scope="colgroup" colspan="3">'
                      f"{escape(phase.title)} ({count})</th></tr>{''.join(rows)}</tbody>")
    return (f'<p class="mh-map-source">{escape(c.crisp_dm_title)}: {escape(c.crisp_dm_source)}</p>'
            f'<table class="mh-map mh-map-crisp-dm"><caption>{_w(m, "crisp_caption", crisp_dm=escape(c.crisp_dm_title))}'
            f'</caption><thead><tr><th scope="col">{_w(m, "practice")}</th>'
            f'<th scope="col">{_w(m, "definition")}</th><th scope="col">{_w(m, "items")}</th></tr></thead>'
            f"{''.join(groups)}</table>")


def _ml_test_score_map(m: Methodology) -> str:
    c = m.catalogue
    routes = list(m.routes)
    covering = {route.id: covering_items(m, route.id) for route in routes}
    route_heads = "".join(f'<th scope="col">{escape(r.title)}</th>' for r in routes)
    covered, not_covered = _w(m, "covered"), _w(m, "not_covered")
    rows = []
    for test in c.tests:
        practices = _practices_in_stage_order(m, (p for p in c.practices if test.id in p.ml_test_score))
        items = [i for p in practices for i in m.items_of_practice(p.id)]
        cells = "".join(f"<td>{covered if covering[r.id][test.id] else not_covered}</td>" for r in routes)
        rows.append(f'<tr data-test="{_attr(test.id)}"><th scope="row">{escape(test.id)}: {escape(test.title)}</th>'
                    f"<td>{_list([_practice_link(p) for p in practices], _w(m, 'none_covers'))}</td>"
                    f"<td>{_items_cell(m, items) if items else '—'}</td>{cells}</tr>")
    totals = "".join(f'<td data-route="{_attr(r.id)}">'
                     f'{_w(m, "of_total", sum(1 for v in covering[r.id].values() if v), total=len(c.tests))}</td>'
                     for r in routes)
    return (f'<p class="mh-map-source">{escape(c.ml_test_score_title)}: {escape(c.ml_test_score_source)}</p>'
            f'<table class="mh-map mh-map-ml-test-score"><caption>'
            f'{_w(m, "tests_caption", len(c.tests), title=escape(c.ml_test_score_title))}'
            f'</caption><thead><tr><th scope="col">{_w(m, "test")}</th><th scope="col">{_w(m, "practices")}</th>'
            f'<th scope="col">{_w(m, "items")}</th>{route_heads}</tr></thead><tbody>{"".join(rows)}</tbody>'
            f'<tfoot><tr><th scope="row">{_w(m, "tests_covered")}</th><td></td><td></td>{totals}</tr></tfoot></table>')


def _maturity_map(m: Methodology, model) -> str:
    routes = list(m.routes)
    reach = {route.id: top_in_reach(m, route.id, model) for route in routes}
    rows = []
    for level in model.levels:
        practices = _practices_in_stage_order(m, (p for p in m.catalogue.practices if p.level(model.id) == level.level))
        items = [i for p in practices for i in m.items_of_practice(p.id)]
        reached_by = [r.title for r in routes if reach[r.id] >= level.level]
        if level.level == 0:
            practices_cell, items_cell = _w(m, "level_zero"), "—"
        else:
            practices_cell = _list([_practice_link(p) for p in practices])
            items_cell = _items_cell(m, items) if items else "—"
        rows.append(f'<tr data-level="{level.level}"><th scope="row">'
                    f'{_w(m, "level", level=level.level, title=escape(level.title))}'
                    f'<br><span class="mh-hint">{escape(level.description)}</span></th>'
                    f"<td>{practices_cell}</td><td>{items_cell}</td>"
                    f"<td>{escape(_list(reached_by, _w(m, 'no_route')))}</td></tr>")
    return (f'<p class="mh-map-source">{escape(model.title)}: {escape(model.source)}</p>'
            f'<table class="mh-map mh-map-maturity" data-model="{_attr(model.id)}"><caption>'
            f'{_w(m, "maturity_caption", model=escape(model.title))}</caption><thead><tr>'
            f'<th scope="col">{_w(m, "level_head")}</th>'
            f'<th scope="col">{_w(m, "practices")}</th><th scope="col">{_w(m, "items")}</th>'
            f'<th scope="col">{_w(m, "reach")}</th></tr></thead><tbody>{"".join(rows)}</tbody></table>')


# ---------------------------------------------------------------- practices per route (provenance page)

def practice_points(m: Methodology, route_id: str) -> str:
    """One route's practices, each counted once, with their item and points, and the share of the
    route's points that automation practices give (those marked `automation: true` in the catalogue)."""
    from .provenance import practice_points as rows_of
    from .scoring import percent

    route = m.route(route_id)
    table = rows_of(m, route_id)
    low, high = m.maximum_range(route_id)
    automation = [row for row in table if row.practice.automation]
    auto_low = sum(row.points[0] for row in automation)
    auto_high = sum(row.points[1] for row in automation)
    share_low, share_high = percent(auto_low, high), percent(auto_high, low)
    value = (decimal(m.language, share_low) if share_low == share_high
             else f"{decimal(m.language, share_low)}–{decimal(m.language, share_high)}")
    share = _w(m, "percent", value=value)
    titles = _basis_titles(m)
    yes = _w(m, "yes_cell")
    body = "".join(
        f'<tr data-practice="{_attr(row.practice.id)}"><th scope="row">{_practice_link(row.practice, "../maps/")}</th>'
        f"<td>{_item_link(row.item)}</td><td>{escape(titles[row.item.source.basis])}</td>"
        f"<td>{_points_text(*row.points)}</td>"
        f"<td>{yes if row.practice.automation else ''}</td></tr>"
        for row in table)
    sentence = _w(m, "practices_sentence", route=f"<strong>{escape(route.title)}</strong>",
                  practices=f'<span data-count="practices">{len(table)}</span>', points=_points_text(low, high),
                  automation=f'<span data-count="automation">{len(automation)}</span>',
                  auto_points=_points_text(auto_low, auto_high), share=f'<span data-share="automation">{share}</span>')
    return (f'<p class="mh-practice-share" data-route="{_attr(route_id)}">{sentence}</p>'
            f'<details class="mh-practice-points"><summary>'
            f'{_w(m, "practices_summary", len(table), route=escape(route.title))}</summary>'
            f'<table class="mh-provenance mh-practices" data-route="{_attr(route_id)}"><caption>'
            f'{_w(m, "practices_caption", route=escape(route.title))}</caption><thead><tr>'
            f'<th scope="col">{_w(m, "practice")}</th>'
            f'<th scope="col">{_w(m, "item")}</th><th scope="col">{_w(m, "source")}</th>'
            f'<th scope="col">{_w(m, "points")}</th>'
            f'<th scope="col">{_w(m, "automation_head")}</th></tr></thead><tbody>{body}</tbody></table></details>')
