"""Unit tests of the page renderers (render.py) on the fixture checklist, without a site build."""

from __future__ import annotations

import copy
import json
import re
from html import unescape
from html.parser import HTMLParser

import pytest

from helpers import FIXTURE_CHECKLISTS
from mlops_handbook import render
from mlops_handbook.loader import load_raw
from mlops_handbook.model import build_methodology

RAW = load_raw(FIXTURE_CHECKLISTS)
M = build_methodology(RAW)


def _with_item_fields(item_id: str, **fields) -> object:
    """The fixture methodology with one item's fields replaced (in English and in Spanish)."""
    raw = copy.deepcopy(RAW)
    for stage in raw["stages"]:
        for sub in stage["subphases"]:
            for item in sub["items"]:
                if item["id"] == item_id:
                    item.update(fields)
                    item["es"].update(fields)  # the same text in both languages
    return build_methodology(raw)


class _Collect(HTMLParser):
    """Start tags with their attributes, and the text that follows each input up to the next tag."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict[str, str]]] = []
        self.label_after: dict[str, str] = {}
        self._last_input: str | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        self.tags.append((tag, attributes))
        self._last_input = f'{attributes.get("name")}={attributes.get("value")}' if tag == "input" else None

    def handle_data(self, data):
        if self._last_input and data.strip():
            self.label_after[self._last_input] = data.strip()
            self._last_input = None


def _parse(html: str) -> _Collect:
    parser = _Collect()
    parser.feed(html)
    return parser


class TestChecklist:
    def test_yes_and_no_labels_match_their_values(self):
        """The radio whose value is yes is labelled Yes, and the one whose value is no is labelled No."""
        parsed = _parse(render.checklist(M, "alpha-one"))
        assert parsed.label_after["answer-al-on-02=yes"] == "Yes"
        assert parsed.label_after["answer-al-on-02=no"] == "No"

    def test_question_and_explanation_are_escaped(self):
        """Markup in a question, an explanation or an editor's note is shown as text, never as markup."""
        m = _with_item_fields("al-on-02", question='Is <b>bold</b> & "quoted"?',
                              explanation="<script>alert(1)</script> yes", editor_note="<img src=x onerror=1>")
        html = render.checklist(m, "alpha-one")
        assert "<b>bold</b>" not in html and "<script>" not in html and "<img" not in html
        assert "Is &lt;b&gt;bold&lt;/b&gt; &amp; &quot;quoted&quot;?" in html
        assert "&lt;script&gt;" in html and "&lt;img src=x onerror=1&gt;" in html

    def test_the_checklist_names_the_routes_and_where_the_route_is_chosen(self):
        """The checklist carries every route's id and title and the subphase of the route question, as data."""
        html = render.checklist(M, "alpha-one")
        routes = re.search(r'data-routes="([^"]*)"', html).group(1)
        assert json.loads(unescape(routes)) == [[r.id, r.title] for r in M.routes]
        assert f'data-route-subphase="{M.selector("route").subphase_id}"' in html

    def test_a_note_that_holds_the_asked_text_is_labelled_for_it(self):
        """An item whose question asks for a text labels its note with that text (escaped) and gives it room."""
        m = _with_item_fields("al-on-02", note_asks_for="Your description: the <plan>")
        html = render.checklist(m, "alpha-one")
        label = re.search(r'<label class="mh-note mh-note-description">(.*?)</label>', html, re.S).group(1)
        assert label.startswith("Your description: the &lt;plan&gt;") and 'rows="4" data-note="al-on-02"' in label
        assert html.count("mh-note-description") == 1 and "(evidence, owner, date)" in html

    def test_options_become_inputs_of_their_kind(self):
        """A multiple-choice item has one checkbox per option; a path choice has one radio per option."""
        parsed = _parse(render.checklist(M, "alpha-one"))
        boxes = [a["value"] for t, a in parsed.tags if t == "input" and a.get("name") == "answer-al-on-04"]
        assert boxes == ["part-x", "part-y", "part-z"]
        assert {a["type"] for t, a in parsed.tags if t == "input" and a.get("name") == "answer-al-on-04"} == {"checkbox"}
        radios = [a for t, a in parsed.tags if t == "input" and a.get("name") == "answer-al-on-01"]
        assert [a["type"] for a in radios] == ["radio"] * 3

    def test_not_applicable_only_for_scored_items(self):
        """Every scored item has a not-applicable switch and a required reason; a path choice has none."""
        parsed = _parse(render.checklist(M, "alpha-one"))
        switches = {a["data-na"] for t, a in parsed.tags if t == "input" and "data-na" in a}
        reasons = {a["data-na-reason"]: a for t, a in parsed.tags if t == "textarea" and "data-na-reason" in a}
        assert switches == {"al-on-02", "al-on-03", "al-on-04", "al-on-05"}
        assert set(reasons) == switches and all("required" in a for a in reasons.values())

    def test_option_limited_to_a_route_says_so(self):
        """An option that counts on one route only carries that route, shown and as data for the page."""
        html = render.checklist(M, "alpha-one")
        label = re.search(r'<label class="mh-option" data-routes="analytical-report">.*?</label>', html)
        assert label and "Analytical report" in label.group(0)

    def test_source_labels(self):
        """Each item shows where it comes from, with a class naming its basis."""
        html = render.checklist(M, "alpha-one")
        assert '<span class="mh-source mh-basis-paper">Paper §4.1, Fig. 4</span>' in html
        assert '<span class="mh-source mh-basis-derived">Derived from §3.1.1</span>' in html

    def test_editor_note_only_where_there_is_one(self):
        """An editor's note is rendered for the item that has one, and for no other."""
        m = _with_item_fields("al-on-03", editor_note="The paper means the second thing.")
        html = render.checklist(m, "alpha-one")
        assert html.count('class="mh-editor-note"') == 1
        assert re.search(r'id="al-on-03".*?mh-editor-note.*?</fieldset>', html, re.S)

    def test_no_inline_event_handlers(self):
        """The checklist markup carries no inline event handler, so a strict Content-Security-Policy holds."""
        html = render.checklist(M, "alpha-one") + render.checklist(M, "beta-one")
        assert not re.search(r"\son[a-z]+=", html)


class TestTables:
    def test_task_type_table_shows_each_maximum(self):
        """The task-type table gives each task type its own maximum, not the top of the range."""
        html = render.task_type_table(M)
        rows = dict(re.findall(r"<tr><td>([^<]+)</td><td>(\d+)</td></tr>", html))
        assert rows == {t.title: str(M.maximum("ml-model", t.id)) for t in M.task_types}
        assert rows["Clustering"] == "6" and rows["Regression"] == "7"

    def test_routes_table_shows_ranges(self):
        """The routes table shows a single maximum, or a range where the task type matters."""
        html = render.routes_table(M)
        assert "<td>4</td>" in html and "<td>6–7</td>" in html

    def test_provenance_summary_splits_every_route(self):
        """The provenance table's basis cells add up to each route's maximum."""
        html = render.provenance_summary(M)
        for route in M.routes:
            row = re.search(rf'<tr data-route="{route.id}">(.*?)</tr>', html).group(1)
            cells = dict(re.findall(r'<td data-basis="(\w+)">([^<]+)</td>', row))
            if "–" in cells["total"]:
                continue
            assert int(cells["total"]) == sum(int(cells[b]) for b in ("paper", "derived", "added"))
            assert int(cells["total"]) == M.maximum(route.id)

    def test_retired_items_listed(self):
        """Each retired item is listed with the item that took it over and the reason."""
        html = render.retired_items(M)
        assert "<code>al-on-06</code> is now part of <code>al-on-03</code>" in html

    @pytest.mark.parametrize("name", ["stage_intro", "stage_overview"])
    def test_unknown_stage_is_an_error(self, name):
        """A macro given an unknown stage id fails loudly instead of rendering nothing."""
        with pytest.raises(KeyError, match="no stage"):
            getattr(render, name)(M, "gamma")


class _Rows(HTMLParser):
    """The rows of the tables in a fragment: (the tr's attributes, its cells' text, its links)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[dict[str, str], list[str], list[str]]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        attributes = {k: v or "" for k, v in attrs}
        if tag == "tr":
            self.rows.append((attributes, [], []))
        elif tag in ("td", "th") and self.rows:
            self._cell = []
        elif tag == "a" and self.rows:
            self.rows[-1][2].append(attributes.get("href", ""))

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1][1].append(" ".join("".join(self._cell).split()))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def _rows(html: str, attribute: str) -> dict[str, tuple[list[str], list[str]]]:
    """The rows that carry a data attribute, by its value: (cells' text, link targets)."""
    parser = _Rows()
    parser.feed(html)
    return {attrs[attribute]: (cells, links) for attrs, cells, links in parser.rows if attribute in attrs}


class TestPracticeLine:
    def test_each_scored_item_names_its_practice(self):
        """A scored item shows its practice's title, marked with its entry on the maps page; a path choice shows none."""
        html = render.checklist(M, "alpha-one")
        lines = re.findall(r'<fieldset[^>]* id="([a-z0-9-]+)".*?(?:<p class="mh-practice">(.*?)</p>|</fieldset>)', html)
        practices = {item: line for item, line in lines}
        assert practices["al-on-01"] == ""
        assert practices["al-on-03"] == ('Practice: <a class="mh-practice-link" data-maps="practice-second-thing">'
                                         "Second thing done</a>")

    def test_link_gets_its_address_from_the_page(self):
        """The practice link has no href in the HTML: the page script gives it one from the site root."""
        html = render.checklist(M, "beta-one")
        assert 'data-maps="practice-automated-training"' in html
        assert not re.search(r'class="mh-practice-link"[^>]*href=', html)


class TestMaps:
    def test_crisp_dm_map_shows_every_practice_once(self):
        """Every practice has one row, under its phase, with its definition, sources, maps and items."""
        html = render.practice_map(M, "crisp-dm")
        rows = _rows(html, "data-practice")
        assert sorted(rows) == sorted(p.id for p in M.catalogue.practices)
        assert html.count('id="practice-') == len(M.catalogue.practices)
        cells, links = rows["second-thing"]
        assert cells[0] == "Second thing done"
        assert "The second thing is done, by a scheduled job." in cells[1]
        assert "Sources: Paper §4.1, Fig. 4" in cells[1]
        spanish = _rows(render.practice_map(M.in_language("es"), "crisp-dm"), "data-practice")["second-thing"][0]
        assert "Fuentes: Artículo, §4.1, fig. 4" in spanish[1]
        assert "How it differs: The first thing is done by hand" in cells[1]
        assert "Google's levels: level 2" in cells[1] and "ML Test Score: data-1" in cells[1]
        assert links == ["../alpha/alpha-one/#al-on-03"]
        phases = re.findall(r'<tbody data-phase="([a-z-]+)">', html)
        assert phases == [p.id for p in M.catalogue.phases]
        assert re.search(r'data-phase="modeling">.*?Modeling \(1 practice\).*?data-practice="automated-training"', html)

    def test_ml_test_score_map_covers_the_28_tests(self):
        """All 28 tests have a row, with the practices covering them, their items and per route whether it covers them."""
        html = render.practice_map(M, "ml-test-score")
        rows = _rows(html, "data-test")
        assert list(rows) == [t.id for t in M.catalogue.tests]
        cells, links = rows["data-1"]
        assert cells[1:3] == ["First thing done, Second thing done",
                              "al-on-02 (Dashboard, Analytical report, ML model), al-on-03 (Dashboard, ML model)"]
        assert cells[3:] == ["covered", "covered", "covered"]
        assert links[:2] == ["#practice-first-thing", "#practice-second-thing"]
        assert rows["monitor-1"][0][1:] == ["Report reviewed", "al-on-05", "not covered", "covered", "not covered"]
        assert rows["monitor-7"][0][1:] == ["Not covered", "—", "not covered", "not covered", "not covered"]
        counted = dict(re.findall(r'<td data-route="([a-z-]+)">(\d+) of 28</td>', html))
        assert counted == {"dashboard": "2", "analytical-report": "3", "ml-model": "5"}

    def test_maturity_map_gives_each_level_and_the_routes_that_reach_it(self):
        """Each model's levels list their practices; a level is reached only by routes with a practice at every level up to it."""
        html = render.practice_map(M, "maturity")
        google, microsoft = re.findall(r'<table class="mh-map mh-map-maturity".*?</table>', html)
        rows = _rows(google, "data-level")
        assert rows["0"][0][1:] == ["None: every project is at least at this level", "—", "Dashboard, Analytical report, ML model"]
        assert rows["1"][0][1:] == ["Training automated", "be-on-02", "ML model"]
        assert rows["2"][0][1:] == ["Second thing done", "al-on-03", "ML model"]  # on the dashboard, out of its reach
        rows = _rows(microsoft, "data-level")
        assert rows["1"][0][3] == "Dashboard, ML model"
        assert rows["3"][0][1:] == ["—", "—", "No route"]

    def test_unknown_map_is_an_error(self):
        """A map name the renderer does not know fails loudly."""
        with pytest.raises(KeyError, match="no map"):
            render.practice_map(M, "gartner")


class TestPracticePoints:
    def test_each_practice_once_with_its_points(self):
        """A route's table lists each of its practices once, with its item and points adding up to the maximum."""
        html = render.practice_points(M, "dashboard")
        rows = _rows(html, "data-practice")
        assert list(rows) == ["first-thing", "second-thing", "parts-listed"]
        assert [cells[3] for cells, _ in rows.values()] == ["1", "1", "2"]
        assert sum(int(cells[3]) for cells, _ in rows.values()) == M.maximum("dashboard")
        assert rows["second-thing"][0][1:] == ["al-on-03", "The paper's own questions", "1", "yes"]
        assert rows["first-thing"][1] == ["../maps/#practice-first-thing", "../alpha/alpha-one/#al-on-02"]

    def test_share_of_automation(self):
        """The sentence gives the practices, the automation ones and their share of the route's points."""
        html = render.practice_points(M, "ml-model")
        # be-on-02 and al-on-03 are automation: 2 points of 6 to 7.
        assert '<span data-count="practices">5</span> practices' in html
        assert '<span data-count="automation">2</span> of them are automation and give 2 points' in html
        assert '<span data-share="automation">28.6–33.3%</span>' in html
        assert render.practice_points(M, "analytical-report").count('data-share="automation">0.0%') == 1


# ---------------------------------------------------------------- the pages in Spanish

# The fixture with an editor's note, a note that asks for a text and an explanation long enough to
# fold, so that every word of the checklist form is rendered; and its Spanish edition.
M_FULL = _with_item_fields(
    "al-on-03", editor_note="Nota de prueba.", note_asks_for="Descripción de prueba",
    explanation=("Primera oración de la explicación, larga a propósito para que se pliegue la parte que sigue "
                 "y la página muestre solo el comienzo del texto. ¿Segunda oración? Sigue aquí, con más palabras "
                 "para pasar los doscientos caracteres."))
ES = M_FULL.in_language("es")

# Every renderer, with arguments that reach its words on the fixture.
CALLS = {
    "stage_intro": ("alpha",), "stage_overview": ("alpha",), "subphase_intro": ("alpha-one",),
    "guiding_questions": ("alpha-one",), "checklist": ("alpha-one",), "checklist/beta": ("beta-one",),
    "route_points_table": (), "routes_table": (), "route_cards": (), "task_type_table": (), "stages_list": (),
    "citation": (), "provenance_summary": (), "provenance_by_stage": ("ml-model",), "item_counts_text": (),
    "maximum_breakdown": (), "metrics_table": (), "retired_items": (), "practice_map": ("crisp-dm",),
    "practice_map/tests": ("ml-test-score",), "practice_map/maturity": ("maturity",),
    "practice_points": ("ml-model",),
}

# The English words the renderers write themselves (not the methodology's texts), which no Spanish
# page may show.
ENGLISH_WORDS = (
    "Route", "route", "Points", "points", "point", "Maximum", "Stage", "Subphase", "subphases", "Paper", "paper",
    "Whole stage", "checklist", "checklists", "guiding questions", "Go to the checklist", "items", "Items", "Item",
    "Yes", "yes", "Clear answer", "Chooses the path", "Counts for", "Practice", "Practices", "practice",
    "practices", "More on this check", "Not applicable", "Why it does not apply", "required", "placeholder",
    "what the question asks for", "Note", "evidence", "owner", "date", "Editor's note", "What is delivered",
    "ML task type", "Licensed under", "Derived from", "Added by the handbook", "topic of", "comes from",
    "All points", "Whole route", "quote", "derived", "added", "yes/no", "options that apply", "publishes",
    "Evaluation metrics", "Metrics", "retired", "is now part of", "level", "Level", "automation", "Automation",
    "How it differs", "Sources", "Definition", "covered", "Not covered", "of", "tests", "Tests covered", "None",
    "every project", "No route", "Routes that can reach it", "each", "Source", "give", "them", "the", "The",
)
_ENGLISH = re.compile(r"(?<![\w'])(" + "|".join(re.escape(w) for w in sorted(ENGLISH_WORDS, key=len, reverse=True))
                      + r")(?![\w'])")


def _render(m, call: str) -> str:
    name = call.split("/")[0]
    if name == "route_points_table":
        return render.route_points_table(m, m.items, "")
    return getattr(render, name)(m, *CALLS[call])


class _Shown(HTMLParser):
    """The text a reader gets from a fragment: its text and its aria-label, title and placeholder attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.parts: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.parts.extend(v or "" for k, v in attrs if k in ("aria-label", "title", "placeholder"))

    def handle_data(self, data):
        self.parts.append(data)


def _shown(m, html: str) -> str:
    """The fragment's shown text without the records that stay as published (citation, sources)."""
    parser = _Shown()
    parser.feed(html)
    text = " ".join(parser.parts)
    c = m.catalogue
    published = [m.citation.text.removesuffix(m.citation.doi_url), c.crisp_dm_source, c.ml_test_score_source,
                 *(model.source for model in c.maturity), *("; ".join(p.sources) for p in c.practices)]
    for record in sorted(published, key=len, reverse=True):
        text = text.replace(record, " ")
    return text


def _structure(html: str) -> list[tuple[str, dict[str, str]]]:
    """The fragment's tags and attributes, without the words: aria-label dropped, the form's list
    of routes reduced to their ids."""
    parser = _Collect()
    parser.feed(html)
    tags = []
    for tag, attributes in parser.tags:
        attributes = {k: v for k, v in attributes.items() if k != "aria-label"}
        if tag == "form":
            attributes["data-routes"] = [route_id for route_id, _ in json.loads(attributes["data-routes"])]
        tags.append((tag, attributes))
    return tags


class TestSpanishPages:
    def test_every_renderer_is_checked(self):
        """Every public renderer of render.py is among the calls checked in Spanish, so a new one cannot skip them."""
        renderers = {name for name, f in vars(render).items()
                     if callable(f) and not name.startswith("_") and getattr(f, "__module__", "") == render.__name__}
        assert renderers == {call.split("/")[0] for call in CALLS}

    @pytest.mark.parametrize("call", CALLS)
    def test_no_english_word_left(self, call):
        """The renderer writes its own words in English for the English methodology, and none of them in Spanish."""
        english = _ENGLISH.findall(_shown(M_FULL, _render(M_FULL, call)))
        spanish = _ENGLISH.findall(_shown(ES, _render(ES, call)))
        assert english and spanish == []

    @pytest.mark.parametrize("call", CALLS)
    def test_same_structure_in_both_languages(self, call):
        """The Spanish fragment has the English one's tags, ids, classes, links and data attributes, in order."""
        assert _structure(_render(ES, call)) == _structure(_render(M_FULL, call))

    @pytest.mark.parametrize("subphase", ["alpha-one", "beta-one"])
    def test_answers_are_ids_in_both_languages(self, subphase):
        """The Spanish form's inputs and text boxes carry the English names and values: answers are ids, not words."""
        def fields(m):
            parsed = _parse(render.checklist(m, subphase))
            return [(t, a.get("type"), a.get("name"), a.get("value")) for t, a in parsed.tags
                    if t in ("input", "textarea")]
        spanish = fields(ES)
        assert spanish == fields(M_FULL) and len(spanish) > 5
        values = {value for tag, kind, _, value in spanish if kind == "radio"}
        assert values and values <= {"yes", "no", *(o.id for i in ES.items for o in i.options)}

    def test_checklist_form_words(self):
        """The Spanish form says Sí / No, «No aplica» and its reason, the note's hint and the editor's note in Spanish."""
        html = render.checklist(ES, "alpha-one")
        parsed = _parse(html)
        assert parsed.label_after["answer-al-on-02=yes"] == "Sí" and parsed.label_after["answer-al-on-02=no"] == "No"
        assert parsed.label_after["na-al-on-02=None"] == "No aplica a este proyecto"
        assert "Por qué no aplica" in html and "(evidencia, responsable, fecha)" in html
        assert 'aria-label="Nota del editor sobre al-on-03"><strong>Nota del editor.</strong>' in html
        assert "<summary>Más sobre esta verificación</summary><p>¿Segunda oración?" in html

    def test_source_labels(self):
        """Each basis reads as the glossary says: Artículo, §x; Derivado del §x; Agregado por el manual (tema del §x)."""
        from mlops_handbook.model import Source

        html = render.checklist(ES, "alpha-one")
        assert '<span class="mh-source mh-basis-paper">Artículo, §4.1, Fig. 4</span>' in html
        assert '<span class="mh-source mh-basis-derived">Derivado del §3.1.1</span>' in html
        assert render._source_label(ES, Source(("3.5.4",), "added")) == "Agregado por el manual (tema del §3.5.4)"

    def test_numbers_take_a_decimal_comma(self):
        """A share of points reads 28,6–33,3 % in Spanish, and a count of one takes the singular noun."""
        assert '<span data-share="automation">28,6–33,3\u00a0%</span>' in render.practice_points(ES, "ml-model")
        assert '<span data-share="automation">0,0\u00a0%</span>' in render.practice_points(ES, "analytical-report")
        assert "1 subfase · 5 ítems de la lista de chequeo" in render.stage_intro(ES, "alpha")

    def test_word_tables_agree(self):
        """Both languages have the same words, each form of a word with the same fields, and no word holds markup."""
        from string import Formatter

        from mlops_handbook.page_words import WORDS

        def forms(text):
            return text if isinstance(text, tuple) else (text,)

        assert WORDS["es"].keys() == WORDS["en"].keys()
        for key in WORDS["en"]:
            every = [form for language in ("en", "es") for form in forms(WORDS[language][key])]
            assert len({frozenset(f for _, f, _, _ in Formatter().parse(form) if f) for form in every}) == 1, key
            assert not any(re.search(r'[<>&"]', form) for form in every), key
