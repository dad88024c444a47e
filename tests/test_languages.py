"""The two languages: the check that every text exists in English and Spanish, the Spanish
methodology (`in_language`), scoring that never depends on the language, and the front ends'
`lang` (the browser API's and the CLI's `--lang`)."""

from __future__ import annotations

import copy
import json
import re
import shutil
from dataclasses import replace

import pytest
import yaml

from helpers import FIXTURE_CHECKLISTS, fixture_methodology, real_methodology
from mlops_handbook import Answers, browser, dumps
from mlops_handbook.answers import FORMAT, VERSION
from mlops_handbook.cli import main
from mlops_handbook.errors import HandbookError
from mlops_handbook.languages import language_from_environment, localized, source_reference
from mlops_handbook.loader import load_methodology, load_raw, methodology_json
from mlops_handbook.model import build_methodology
from mlops_handbook.scoring import score

BASE = ["--checklists", str(FIXTURE_CHECKLISTS)]


def checklists_with(tmp_path, edit):
    """A copy of the fixture checklists in tmp_path, its YAML files changed by edit(files)."""
    folder = tmp_path / "checklists"
    shutil.copytree(FIXTURE_CHECKLISTS, folder)
    files = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in folder.glob("*.yaml")}
    edit(files)
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


RAW = load_raw(FIXTURE_CHECKLISTS)


def refusal(edit) -> HandbookError:
    """The error of the fixture's data changed by edit(files), built without the files (no schema check)."""
    raw = copy.deepcopy(RAW)
    files = {"methodology.yaml": raw["methodology"], "practices.yaml": raw["practices"],
             **{stage["_file"]: stage for stage in raw["stages"]}}
    edit(files)
    with pytest.raises(HandbookError) as caught:
        build_methodology(raw)
    return caught.value


def schema_refusal(tmp_path, edit) -> HandbookError:
    """The error of the fixture's files changed by edit(files), read by the loader (schema first)."""
    with pytest.raises(HandbookError) as caught:
        load_methodology(checklists_with(tmp_path, edit))
    return caught.value


def item_of(files, item_id):
    return next(item for name, data in files.items() if name[:2].isdigit()
                for sub in data["subphases"] for item in sub["items"] if item["id"] == item_id)


class TestLanguageCheck:
    def test_the_fixture_and_the_real_checklists_have_both_languages(self):
        """Every text of the fixture and of the real checklists has its Spanish (the loader accepts both)."""
        assert fixture_methodology().in_language("es").title == "Metodología de prueba"
        assert real_methodology().in_language("es").language == "es"

    def test_missing_es_block(self):
        """An item with no es block is refused, naming the file, the item and the fields to add."""
        error = refusal(lambda f: item_of(f, "al-on-02").pop("es"))
        assert error.file == "01-alpha.yaml"
        assert error.place == "subphase alpha-one, item al-on-02"
        assert "no Spanish texts" in error.problem and "`question` and `explanation`" in error.problem
        assert "add an `es:` block" in error.fix

    def test_missing_spanish_field(self):
        """An es block without one of the element's English texts is refused, naming that field."""
        error = refusal(lambda f: item_of(f, "be-on-03")["options"][2]["es"].pop("label"))
        assert error.place == "subphase beta-one, item be-on-03, option metric-3"
        assert error.problem == "the Spanish of `label` is missing from its `es:` block"
        assert error.fix == "add `label:` to the `es:` block, in Spanish"

    def test_spanish_without_english(self):
        """A Spanish text whose English is absent (an editor's note in es only) is refused."""
        error = refusal(lambda f: item_of(f, "al-on-03")["es"].update(editor_note="Nota del editor."))
        assert error.place == "subphase alpha-one, item al-on-03"
        assert "`editor_note`, which has no English text beside it" in error.problem
        assert "add the English `editor_note:`" in error.fix

    def test_blank_spanish_text(self):
        """A Spanish text of spaces only is refused as empty."""
        error = refusal(lambda f: item_of(f, "al-on-02")["es"].update(explanation="   "))
        assert error.problem == "the Spanish explanation (`es.explanation`) is empty"

    def test_empty_spanish_text_is_refused_by_the_schema(self, tmp_path):
        """An empty Spanish text is refused by the schema, at its place."""
        error = schema_refusal(tmp_path, lambda f: f["practices.yaml"]["practices"][0]["es"].update(definition=""))
        assert error.file.endswith("practices.yaml") and error.place.endswith("es.definition")

    def test_es_may_hold_only_the_text_keys_of_its_element(self, tmp_path):
        """The schema refuses an es key that is no text of the element (ids and kinds are not translated)."""
        error = schema_refusal(tmp_path, lambda f: item_of(f, "al-on-02")["es"].update(kind="sí-no"))
        assert error.place.endswith("(al-on-02).es") and "'kind' was unexpected" in error.problem

    def test_ml_test_score_section_and_catalogue_places(self):
        """The ML Test Score's section names need their Spanish too, and the place names the test."""
        error = refusal(lambda f: f["practices.yaml"]["frameworks"]["ml_test_score"]["tests"][7]["es"]
                        .pop("section"))
        assert (error.place, error.problem) == ("frameworks.ml_test_score, test model-1",
                                                "the Spanish of `section` is missing from its `es:` block")

    def test_the_count_of_other_problems(self):
        """With several elements lacking Spanish, the first is named and the others are counted."""
        def strip_routes(files):
            for route in files["methodology.yaml"]["routes"]:
                route.pop("es")
        error = refusal(strip_routes)
        assert error.place == "route dashboard"
        assert "(2 other elements of the checklists lack a text in one language too)" in error.problem

    def test_validate_command_refuses_the_folder(self, tmp_path, capsys):
        """`mlops-handbook validate` exits 2 with the one-paragraph message."""
        folder = checklists_with(tmp_path, lambda f: f["methodology.yaml"]["task_types"][2].pop("es"))
        assert main(["validate", str(folder)]) == 2
        assert "methodology.yaml, task type regression: it has no Spanish texts" in capsys.readouterr().err

    def test_bibliographic_records_are_not_translated(self):
        """The paper's record (source:) needs no Spanish, and the Spanish methodology cites it as published."""
        m = fixture_methodology()
        assert "es" not in RAW["methodology"]["source"]
        assert m.in_language("es").citation == m.citation


class TestInLanguage:
    def test_spanish_texts_come_from_the_es_blocks(self):
        """Every kind of element takes its Spanish text: stage, subphase, question, item, option, catalogue."""
        es = fixture_methodology().in_language("es")
        item = es.find("al-on-04")
        assert (es.stages[0].title, es.stages[0].summary) == ("Alfa", "La primera etapa de prueba.")
        assert (es.find("alpha-one").purpose, es.find("al-on-q1").text) == (
            "Tiene un ítem de cada tipo con puntaje.", "¿Esto es una cita?")
        assert (item.question, item.explanation, item.options[1].label) == (
            "¿Qué partes hay?", "Un punto por parte.", "Parte Y")
        assert (es.route("analytical-report").description, es.task_type("regression").title) == (
            "Un informe.", "Regresión")
        assert es.retired[0].reason == "Volvía a preguntar lo segundo."
        assert es.catalogue.tests[0].section == "Datos" and es.phase("modeling").title == "Modelado"
        assert es.maturity_model("google").level(1).title == "Automatización del pipeline"
        assert es.practice("second-thing").differs_from.startswith("Lo primero se hace a mano")

    def test_the_same_shape_in_both_languages(self):
        """Ids, kinds, routes, options, practices and maxima are those of the English methodology."""
        en = real_methodology()
        es = en.in_language("es")

        def shape(m):
            return ([(i.id, i.kind, i.routes, i.practice, i.source, i.selects,
                      [(o.id, o.routes, o.task_types) for o in i.options]) for i in m.items],
                    [(s.id, s.section, [q.id for q in s.guiding_questions]) for s in m.subphases],
                    [(p.id, p.crisp_dm, p.ml_test_score, p.maturity, p.automated)
                     for p in m.catalogue.practices],
                    [(r.id, m.maximum_range(r.id)) for r in m.routes],
                    [(r.id, r.merged_into) for r in m.retired], [t.id for t in m.catalogue.tests])
        assert shape(es) == shape(en)
        assert es.find("dp-dq-02").question != en.find("dp-dq-02").question

    @pytest.mark.parametrize("english, spanish", [
        ("Paper §3.2.1, §3.5.5", "Artículo, §3.2.1, §3.5.5"),
        ("Paper §4.2, Fig. 7", "Artículo, §4.2, fig. 7"),
        ("Paper Fig. 4", "Artículo, fig. 4"),
        ("Added by the handbook (topic of §3.2.3, §2.1.5)", "Agregado por el manual (tema del §3.2.3, §2.1.5)"),
        ("ML Test Score, Infra 2 and Data 7", "ML Test Score, Infra 2 y Data 7"),
        ("ML Test Score, Monitor 4", "ML Test Score, Monitor 4"),
        ("Google MLOps level 1 (metadata)", "Google MLOps, nivel 1 (metadatos)"),
        ("Microsoft level 3 (A/B testing of models)", "Microsoft, nivel 3 (pruebas A/B de modelos)"),
        ("Microsoft level 2", "Microsoft, nivel 2"),
        ("Ley 1581 de 2012", "Ley 1581 de 2012"),
    ])
    def test_a_practice_source_reads_in_spanish_from_its_shape(self, english, spanish):
        """A practice's sources are written once, in English; the Spanish edition reads each from its shape."""
        assert source_reference(english, "es") == spanish and source_reference(english, "en") == english

    def test_the_real_practices_sources_hold_no_english_in_spanish(self):
        """Every source of the real catalogue has a Spanish reading with none of the English shapes' words."""
        en = real_methodology()
        pairs = zip(en.catalogue.practices, en.in_language("es").catalogue.practices)
        english = re.compile(r"\b(Paper|Added|handbook|topic|level|and|metadata|monitoring|testing)\b")
        left = [(p.id, s) for p, q in pairs for s in q.sources if english.search(s)]
        assert not left and len(en.catalogue.practices) > 100

    def test_a_source_of_another_shape_is_refused_naming_the_practice(self, tmp_path):
        """A source the handbook could not write in Spanish is refused by the schema check, with the fix."""
        def edit(files):
            files["practices.yaml"]["practices"][0]["sources"] = ["Wikipedia"]
        error = schema_refusal(tmp_path, edit)
        assert "sources[0]" in error.place and '"Wikipedia" is not a source reference' in error.problem
        assert 'checklists/README.md lists under "Sources"' in error.fix

    def test_editions_are_kept(self):
        """Each language is built once; English gives itself back, from either edition."""
        en = fixture_methodology()
        es = en.in_language("es")
        assert en.in_language("es") is es and es.in_language("en") is en and en.in_language("en") is en
        assert (en.language, es.language) == ("en", "es")

    def test_unknown_language(self):
        """A language the handbook is not written in is a HandbookError that says which are."""
        with pytest.raises(HandbookError, match='"fr" is not a language of the handbook. Fix: use "en"'):
            fixture_methodology().in_language("fr")

    def test_a_copy_made_in_code_has_no_other_language(self):
        """A Methodology changed with dataclasses.replace says it has no Spanish rather than give stale texts."""
        with pytest.raises(HandbookError, match="built without its Spanish texts"):
            replace(fixture_methodology(), title="Changed").in_language("es")

    def test_later_changes_to_the_data_do_not_reach_the_spanish(self):
        """The Spanish is taken from the data when the methodology is built, not when it is asked for."""
        raw = copy.deepcopy(RAW)
        m = build_methodology(raw)
        raw["stages"][0]["es"]["title"] = "Cambiado"
        assert m.in_language("es").stages[0].title == "Alfa"

    def test_localized_data_leaves_the_english_untouched(self):
        """The Spanish copy of the data holds no es block, and the data itself keeps its English."""
        raw = copy.deepcopy(RAW)
        spanish = localized(raw, "es")
        assert "es" not in spanish["stages"][0] and spanish["stages"][0]["title"] == "Alfa"
        assert raw["stages"][0]["title"] == "Alpha" and localized(raw, "en") is raw


ITEM_ID = re.compile(r"\b[a-z]{2}-[a-z]{2}-\d\d\b")


def _pairs(m):
    """Each item and guiding question of the real methodology with its Spanish twin."""
    es = m.in_language("es")
    for english in (*m.items, *(q for sub in m.subphases for q in sub.guiding_questions)):
        yield english, es.find(english.id)


class TestRealSpanishTexts:
    def test_every_question_stays_as_many_questions(self):
        """A Spanish question asks as many questions as the English one, each opened with ¿."""
        wrong = []
        for english, spanish in _pairs(real_methodology()):
            before = getattr(english, "question", None) or english.text
            after = getattr(spanish, "question", None) or spanish.text
            if not before.count("?") == after.count("?") == after.count("¿"):
                wrong.append(english.id)
        assert not wrong, f"questions split, merged or without ¿ in Spanish: {wrong}"

    def test_items_named_in_explanations_are_kept(self):
        """An explanation or editor's note names the same other items in Spanish as in English."""
        def named(item):
            return set(ITEM_ID.findall(item.explanation + (item.editor_note or "")))
        m = real_methodology()
        wrong = [item.id for item in m.items if named(item) != named(m.in_language("es").find(item.id))]
        assert not wrong, f"explanations that name other items than their English: {wrong}"

    def test_answer_yes_is_answer_si(self):
        """Where the English says when to answer yes, the Spanish says when to answer «sí»."""
        m = real_methodology()
        wrong = [item.id for item in m.items if "Answer yes" in item.explanation
                 and "«sí»" not in m.in_language("es").find(item.id).explanation]
        assert not wrong, f"explanations without «sí» where the English says when to answer yes: {wrong}"


def _all_answers(m, route: str, task_type: str | None, pick: int) -> Answers:
    """Answers to the scored items of the route: yes, no, some options, not applicable or none, in turn."""
    answers, reasons = {}, {}
    for index, item in enumerate(i for i in m.items if i.scored and i.applies_to(route)):
        turn = (index + pick) % 5
        if turn == 3:
            reasons[item.id] = "The client runs this step outside the project."
        elif turn == 4:
            continue
        elif item.kind == "yes-no":
            answers[item.id] = turn == 0
        else:
            answers[item.id] = tuple(o.id for o in item.options[::turn + 1])
    return Answers(route=route, task_type=task_type, answers=answers, not_applicable=reasons)


class TestScoringAcrossLanguages:
    @pytest.mark.parametrize(("route", "task_type", "pick"), [
        ("dashboard", None, 0), ("analytical-report", None, 1), ("ml-model", "binary-classification", 2),
        ("ml-model", "anomaly-detection", 3)])
    def test_same_answers_same_score(self, route, task_type, pick):
        """The same answers score the same in both languages: totals, stages, missing and N/A items."""
        en = real_methodology()
        es = en.in_language("es")
        answers = _all_answers(en, route, task_type, pick)
        a, b = score(en, answers), score(es, answers)

        def figures(result):
            return ((result.points, result.maximum, result.percent, result.applicable_maximum,
                     result.paper_points, result.paper_maximum, result.not_applicable_points),
                    [(s.stage_id, s.points, s.maximum, s.applicable_maximum, s.paper_points) for s in result.stages],
                    [g.item_id for g in result.missing], [n.item_id for n in result.not_applicable])
        assert figures(a) == figures(b)
        assert a.points and a.missing and a.not_applicable
        assert [s.title for s in a.stages] != [s.title for s in b.stages]


@pytest.fixture
def api():
    """The browser API with the fixture methodology loaded from its JSON; the earlier one put back after."""
    before = browser._methodology
    browser.load(methodology_json(FIXTURE_CHECKLISTS))
    yield browser
    browser._methodology = before


def without_texts(data):
    """The data with every title and question left out: what must not depend on the language."""
    if isinstance(data, dict):
        return {k: without_texts(v) for k, v in data.items() if k not in ("title", "question")}
    if isinstance(data, list):
        return [without_texts(v) for v in data]
    return data


def _page_answers(**fields) -> str:
    return json.dumps({"format": FORMAT, "version": VERSION, **fields})


class TestBrowserLanguage:
    def test_methodology_json_carries_both_languages(self):
        """The JSON the wheel and the site ship holds the es blocks as they are in the YAML."""
        data = json.loads(methodology_json(FIXTURE_CHECKLISTS))
        item = data["stages"][0]["subphases"][0]["items"][1]
        assert (item["question"], item["es"]["question"]) == ("Is the first thing done?", "¿Se hizo lo primero?")
        assert build_methodology(data).in_language("es").find("al-on-02").question == "¿Se hizo lo primero?"

    def test_score_json_texts_follow_lang(self, api):
        """score_json gives stage titles, questions, route and practice titles in lang; the figures are equal."""
        answers = _page_answers(route="ml-model", task_type="regression", answers={"al-on-02": True})
        en = json.loads(api.score_json(answers, report=True))
        es = json.loads(api.score_json(answers, report=True, lang="es"))
        assert without_texts(es["score"]) == without_texts(en["score"])
        summary = es["summary"]
        assert (summary["route_title"], summary["task_type_title"]) == ("Modelo de ML", "Regresión")
        assert [s["title"] for s in summary["stages"]] == ["Alfa", "Beta"]
        assert {g["item_id"]: g["question"] for g in summary["missing"]}["be-on-02"] == "¿Se entrenó el modelo?"
        gaps = summary["report"]["not_assessed"]
        assert {g["item_id"]: g["practice_title"] for g in gaps}["be-on-02"] == "Entrenamiento automatizado"
        steps = [s for model in summary["maturity"]["models"] for s in model["roadmap"]]
        assert {s["practice_title"] for s in steps} <= {"Lo segundo hecho", "Entrenamiento automatizado"}
        assert en["summary"]["stages"][0]["title"] == "Alpha"

    def test_score_json_unknown_lang(self, api):
        """An unknown lang answers ok false with an error that names the languages."""
        reply = json.loads(api.score_json(_page_answers(route="dashboard"), lang="fr"))
        assert reply["ok"] is False and 'use "en" (English) or "es" (Spanish)' in reply["error"]["message"]

    def test_spanish_workbook_imports_back(self, api):
        """A workbook exported in Spanish (its ML task type in Spanish) imports back to the same answers."""
        answers = _page_answers(route="ml-model", task_type="regression",
                                answers={"al-on-02": True, "be-on-03": ["metric-2"]})
        data = api.export_xlsx(answers, lang="es")
        read = json.loads(api.import_workbook_json(data, "puntaje.xlsx"))
        assert (read["task_type"], read["answers"]["al-on-02"], read["answers"]["be-on-03"]) == (
            "regression", True, ["metric-2"])

    def test_portfolio_json_follows_lang(self, api):
        """The portfolio's stage titles and weak items' questions are in lang."""
        files = [["a.json", dumps(Answers(route="dashboard", answers={"al-on-02": False}))]]
        portfolio = json.loads(api.portfolio_json(files, lang="es"))["portfolio"]
        assert "Alfa" in json.dumps(portfolio, ensure_ascii=False)
        assert "Alpha" not in json.dumps(portfolio, ensure_ascii=False)


class TestCliLanguage:
    @pytest.fixture
    def answers_file(self, tmp_path):
        path = tmp_path / "answers.json"
        path.write_text(dumps(Answers(route="ml-model", task_type="regression",
                                      answers={"al-on-02": True, "be-on-03": ("metric-2",)})))
        return path

    def test_lang_es_prints_the_spanish_content(self, answers_file, capsys):
        """`--lang es score` prints the route, stages and questions in Spanish, with the same figures."""
        assert main([*BASE, "--lang", "en", "score", str(answers_file)]) == 0
        english = capsys.readouterr().out
        assert main([*BASE, "--lang", "es", "score", str(answers_file)]) == 0
        spanish = capsys.readouterr().out
        assert "Modelo de ML (Regresión)" in spanish and "¿Se entrenó el modelo?" in spanish
        assert "Alpha" not in spanish and "Alpha" in english
        # The same figures, written with a decimal comma in Spanish (50,0 % for 50.0%).
        digits = [re.findall(r"\d+(?:[.,]\d+)?", line.replace(",", ".")) for line in spanish.splitlines()
                  if line.startswith("  Alfa")]
        assert digits and digits == [re.findall(r"\d+(?:[.,]\d+)?", line) for line in english.splitlines()
                                     if line.startswith("  Alpha")]

    def test_json_figures_equal_across_languages(self, answers_file, capsys):
        """`score --json` gives the same figures in both languages."""
        outputs = []
        for lang in ("en", "es"):
            assert main([*BASE, "--lang", lang, "score", str(answers_file), "--json"]) == 0
            outputs.append(json.loads(capsys.readouterr().out))
        en, es = outputs
        assert (en["points"], en["maximum"], en["percent"]) == (es["points"], es["maximum"], es["percent"])
        assert [g["item_id"] for g in en["missing"]] == [g["item_id"] for g in es["missing"]]

    def test_exit_status_does_not_depend_on_the_language(self, answers_file, capsys):
        """--fail-under and a refused file give the same exit statuses in Spanish."""
        assert main([*BASE, "--lang", "es", "score", str(answers_file), "--fail-under", "90"]) == 1
        assert main([*BASE, "--lang", "es", "score", str(answers_file.with_name("none.json"))]) == 2

    def test_lang_after_the_command(self, capsys):
        """`routes --lang es` works as `--lang es routes`, and wins over the option before the command."""
        assert main([*BASE, "--lang", "en", "routes", "--lang", "es", "--json"]) == 0
        assert json.loads(capsys.readouterr().out)["routes"][2]["title"] == "Modelo de ML"

    def test_unknown_lang_is_a_usage_error(self, capsys):
        """`--lang fr` is refused by the command line with status 2."""
        with pytest.raises(SystemExit) as caught:
            main([*BASE, "--lang", "fr", "routes"])
        assert caught.value.code == 2 and "invalid choice: 'fr'" in capsys.readouterr().err

    def test_default_follows_the_locale(self, monkeypatch, capsys):
        """With no --lang, a Spanish locale gives the Spanish texts."""
        monkeypatch.setenv("LC_ALL", "es_CO.UTF-8")
        assert main([*BASE, "routes", "--json"]) == 0
        assert [r["title"] for r in json.loads(capsys.readouterr().out)["routes"]] == [
            "Dashboard", "Informe analítico", "Modelo de ML"]

    @pytest.mark.parametrize(("environ", "expected"), [
        ({}, "en"), ({"LANG": "es_CO.UTF-8"}, "es"), ({"LANG": "es"}, "es"), ({"LANG": "C.UTF-8"}, "en"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "es_CO.UTF-8"}, "en"),
        ({"LC_ALL": "", "LC_MESSAGES": "es_ES.UTF-8", "LANG": "en_GB"}, "es"),
        ({"LC_MESSAGES": "fr_FR", "LANG": "es_CO"}, "en")])
    def test_language_from_environment(self, environ, expected):
        """LC_ALL, then LC_MESSAGES, then LANG decide: the first set and not empty; "es..." is Spanish."""
        assert language_from_environment(environ) == expected
