"""Structural tests over the real checklists: schema, ids, the paper's maxima and questions."""

import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml

from helpers import REAL_CHECKLISTS, real_methodology
from paper_questions import PAPER_QUESTIONS

M = real_methodology()

SUBPHASE_SECTIONS = [
    "3.1.1", "3.1.2", "3.1.3", "3.1.4", "3.1.5",
    "3.2.1", "3.2.2", "3.2.3", "3.2.4",
    "3.3.1", "3.3.2", "3.3.3",
    "3.4.1", "3.4.2", "3.4.3",
    "3.5.1", "3.5.2", "3.5.3", "3.5.4", "3.5.5",
]


def normal(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


class TestFiles:
    @pytest.mark.parametrize("path", sorted(REAL_CHECKLISTS.glob("[0-9][0-9]-*.yaml")), ids=lambda p: p.name)
    def test_stage_file_matches_schema(self, path: Path):
        """Each stage file is valid against checklists/schema.json."""
        schema = json.loads((REAL_CHECKLISTS / "schema.json").read_text())
        jsonschema.Draft202012Validator(schema).validate(yaml.safe_load(path.read_text()))

    def test_methodology_file_matches_schema(self):
        """methodology.yaml is valid against its schema."""
        schema = json.loads((REAL_CHECKLISTS / "methodology.schema.json").read_text())
        jsonschema.Draft202012Validator(schema).validate(yaml.safe_load((REAL_CHECKLISTS / "methodology.yaml").read_text()))


class TestShape:
    def test_five_stages_twenty_subphases(self):
        """The five stages hold the paper's 20 subphases of section 3, in order."""
        assert [s.title for s in M.stages] == ["Business Comprehension", "Data Preparation", "Data Analysis",
                                              "Modeling", "Deployment"]
        assert [s.section for s in M.subphases] == SUBPHASE_SECTIONS

    def test_ids_unique(self):
        """No id is used twice across stages, subphases, guiding questions and items."""
        ids = [s.id for s in M.stages] + [s.id for s in M.subphases]
        ids += [q.id for s in M.subphases for q in s.guiding_questions] + [i.id for i in M.items]
        assert len(ids) == len(set(ids))

    def test_each_subphase_has_questions_and_items(self):
        """Every subphase has at least three guiding questions and one item."""
        for sub in M.subphases:
            assert len(sub.guiding_questions) >= 3, sub.id
            assert sub.items, sub.id

    def test_sources_fit_their_stage(self):
        """Every question's first place is in its own stage's part of section 3, or in section 4 or a figure."""
        for stage in M.stages:
            for sub in stage.subphases:
                for element in (*sub.guiding_questions, *sub.items):
                    assert element.source.refs[0].startswith((stage.section + ".", "4", "Fig.")), element.id

    def test_explanations_say_what_yes_means(self):
        """Every scored item's explanation says when to answer yes (or what to select)."""
        for item in M.items:
            if item.scored:
                assert re.search(r"\b(yes|select|tick)\b", item.explanation, re.IGNORECASE), item.id


class TestPublishedMaxima:
    def test_dashboard(self):
        """The dashboard route's maximum is the paper's 55."""
        assert M.maximum("dashboard") == 55

    def test_analytical_report(self):
        """The analytical report route's maximum is the paper's 76."""
        assert M.maximum("analytical-report") == 76

    def test_ml_model_range(self):
        """The ML route's maximum runs from 115 to 122 over the task types."""
        assert M.maximum_range("ml-model") == (115, 122)
        by_type = {t.id: M.maximum("ml-model", t.id) for t in M.task_types}
        assert min(by_type.values()) == 115 and max(by_type.values()) == 122

    def test_only_metrics_depend_on_task_type(self):
        """Only the evaluation-metrics item changes with the task type."""
        assert [i.id for i in M.items if i.depends_on_task_type] == ["mo-tv-02"]


class TestPaperQuestions:
    def test_every_paper_question_is_present(self):
        """Each question of sections 3-4 and figures 4-8 is in the checklists, quoted, in the right role and place."""
        guiding = [(q.source.refs, normal(q.text)) for s in M.subphases for q in s.guiding_questions if q.source.quoted]
        items = [(i.source.refs, normal(i.question)) for i in M.items if i.source.quoted]
        for role, refs, text in PAPER_QUESTIONS:
            pool = guiding if role == "guiding" else items
            assert (tuple(refs), normal(text)) in pool, text

    def test_section_four_questions_sit_in_their_stage(self):
        """A question of section 4.N is an item of stage N."""
        for item in M.items:
            for ref in item.source.refs:
                if item.source.quoted and ref.startswith("4."):
                    assert M.find(item.stage_id).number == int(ref[2]), item.id

    def test_figure_questions(self):
        """The questions of figures 4 to 8 are scored items."""
        refs = {ref for i in M.items if i.scored for ref in i.source.refs if ref.startswith("Fig.")}
        assert refs == {"Fig. 4", "Fig. 5", "Fig. 6", "Fig. 7", "Fig. 8"}

    def test_choosers_are_the_papers(self):
        """The route chooser quotes section 3.1.1 and the task-type chooser section 4.4."""
        assert M.selector("route").source.refs == ("3.1.1",)
        assert M.selector("task-type").source.refs == ("4.4",)


class TestRoutesCommand:
    def test_routes_json_shows_published_maxima(self, capsys):
        """`mlops-handbook routes --json` on the shipped checklists shows 55, 76 and 115-122."""
        from mlops_handbook.cli import main

        assert main(["routes", "--json"]) == 0
        routes = {r["id"]: r["maximum_range"] for r in json.loads(capsys.readouterr().out)["routes"]}
        assert routes == {"dashboard": [55, 55], "analytical-report": [76, 76], "ml-model": [115, 122]}


ALL_ROUTES = ("dashboard", "analytical-report", "ml-model")

# The evaluation metrics of mo-tv-02: option id -> task types. The ML route's published range
# (115-122) depends on them, so they change only together with the paper's figures.
METRIC_OPTIONS = {
    "accuracy": ("binary-classification",),
    "auc-roc": ("binary-classification", "anomaly-detection"),
    "auc-pr": ("binary-classification",),
    "f1-score": ("binary-classification",),
    "precision": ("binary-classification",),
    "recall": ("binary-classification",),
    "log-loss": ("binary-classification", "multiclass-classification"),
    "log-loss-reduction": ("binary-classification", "multiclass-classification"),
    "confusion-matrix": ("binary-classification", "multiclass-classification"),
    "micro-accuracy": ("multiclass-classification",),
    "macro-accuracy": ("multiclass-classification",),
    "r-squared": ("regression",),
    "mean-absolute-error": ("regression",),
    "mean-squared-error": ("regression",),
    "root-mean-squared-error": ("regression",),
    "average-distance": ("clustering",),
    "davies-bouldin-index": ("clustering",),
    "normalized-mutual-information": ("clustering",),
    "detection-rate": ("anomaly-detection",),
}


def all_ids() -> set[str]:
    ids = {s.id for s in M.stages} | {s.id for s in M.subphases} | {i.id for i in M.items}
    return ids | {q.id for s in M.subphases for q in s.guiding_questions}


class TestRetiredItems:
    def test_retired_ids_and_targets(self):
        """The items merged because they asked the same thing twice are retired into their targets."""
        assert {r.id: r.merged_into for r in M.retired} == {
            "da-in-08": "dp-dq-04", "da-hy-10": "mo-tv-11", "da-hy-08": "bc-pf-03",
            # One practice, one point: each repeated a practice that its target checks on the route.
            "bc-iu-07": "mo-ms-02", "bc-ce-06": "bc-ce-05", "dp-dv-03": "dp-dv-02", "da-ob-02": "da-ob-01",
            "da-hy-07": "bc-ce-01", "da-in-04": "da-in-03", "mo-tv-06": "mo-tv-08", "mo-tv-09": "da-hy-04",
            "mo-ms-07": "mo-ms-04", "mo-cm-03": "mo-cm-02", "mo-cm-05": "de-mr-02", "de-cs-06": "bc-ko-02",
            "de-mp-04": "de-mp-05", "de-mp-06": "dp-cd-03", "de-mr-03": "de-mr-02", "de-mf-04": "de-mf-01",
            "de-mf-08": "dp-cd-03", "da-in-09": "da-hy-03"}

    def test_targets_take_every_route_of_what_they_took_over(self):
        """A retired item's routes are all routes of its target, so no answer is carried off its route."""
        routes = {"bc-iu-07": ALL_ROUTES[2:], "bc-ce-06": ("analytical-report",), "dp-dv-03": ALL_ROUTES[1:],
                  "da-ob-02": ALL_ROUTES, "da-hy-07": ALL_ROUTES[2:], "mo-tv-09": ALL_ROUTES[2:],
                  "de-cs-06": ("dashboard", "ml-model"), "de-mp-06": ALL_ROUTES[2:], "de-mf-08": ("dashboard",)}
        for retired_id, retired_routes in routes.items():
            target = M.find(M.retired_item(retired_id).merged_into)
            assert set(retired_routes) <= set(target.routes), retired_id

    def test_retired_ids_are_not_reused(self):
        """No stage, subphase, guiding question or item uses a retired id."""
        assert not {r.id for r in M.retired} & all_ids()

    def test_each_target_is_a_scored_item(self):
        """Every merged_into names a current scored item, and every reason is written as a sentence."""
        for retired in M.retired:
            target = M.find(retired.merged_into)
            assert target is not None and target.scored, retired.id
            assert retired.reason.strip().endswith("."), retired.id

    def test_targets_cover_what_they_took_over(self):
        """Each target's wording covers the retired question: class balance, run records, KPIs."""
        assert "target classes" in M.find("dp-dq-04").question
        assert "key group" in M.find("dp-dq-04").question
        assert {"code version", "data version", "hyperparameters"} <= set(
            re.findall(r"code version|data version|hyperparameters", M.find("mo-tv-11").question))
        assert "KPI" in M.find("bc-pf-03").question and "primary metric" in M.find("mo-ms-06").explanation
        assert "baseline" not in M.find("da-hy-04").question and "baseline" in M.find("mo-ms-05").question
        assert "enough examples" in M.find("da-hy-04").question
        assert "correlation index" in M.find("da-hy-03").explanation
        assert "set aside before" in normal(M.find("mo-tv-08").question)
        assert "code commit" in M.find("de-mr-02").explanation and "artifact" in M.find("de-mr-02").explanation
        assert "technical success criteria" in normal(M.find("mo-cm-02").explanation)
        assert "retrain" in M.find("de-mf-01").explanation
        assert "real time or can wait for a batch" in normal(M.find("de-mp-05").explanation)
        assert "late refresh" in normal(M.find("dp-cd-03").explanation)

    def test_worked_example_items_keep_their_routes(self):
        """The items a worked example uses are neither retired nor re-routed."""
        expected = {"bc-iu-02": ALL_ROUTES, "bc-iu-03": ALL_ROUTES, "bc-pf-01": ALL_ROUTES,
                    "bc-vp-02": ALL_ROUTES, "bc-ko-01": ALL_ROUTES, "dp-dq-01": ALL_ROUTES,
                    "da-in-07": ("dashboard", "analytical-report")}
        for item_id, routes in expected.items():
            assert M.find(item_id).routes == routes, item_id


class TestAddedItems:
    @pytest.mark.parametrize("item_id, routes, ref", [
        ("dp-dv-04", ALL_ROUTES, "3.2.4"),
        ("dp-fe-05", ("ml-model",), "3.2.2"),
        ("mo-cm-08", ("ml-model",), "3.4.3"),
        ("mo-cm-06", ("ml-model",), "3.4.3"),
        ("mo-cm-09", ("ml-model",), "3.4.3"),
        ("mo-cm-10", ("ml-model",), "3.4.3"),
        ("dp-dv-05", ALL_ROUTES, "3.2.4"),
        ("dp-fe-06", ("ml-model",), "3.2.2"),
        ("mo-tv-13", ("ml-model",), "3.4.1"),
        ("de-mf-14", ("ml-model",), "3.5.5"),
        ("da-hy-11", ("analytical-report",), "3.3.2"),
        ("da-in-13", ("analytical-report",), "3.3.3"),
        ("de-mp-12", ("dashboard",), "3.5.3"),
    ])
    def test_added_item_in_its_place(self, item_id: str, routes: tuple, ref: str, *more_refs: str):
        """Each practice the handbook adds sits in its subphase, on its routes, marked as added."""
        item = M.find(item_id)
        assert item.source.basis == "added" and item.source.refs[0] == ref
        assert item.routes == routes and item.kind == "yes-no"

    def test_personal_data_names_the_law(self):
        """dp-dv-04 gives Colombia's Ley 1581 de 2012 and Decreto 1377 de 2013 as the example, and says when it does not apply."""
        explanation = normal(M.find("dp-dv-04").explanation)
        assert "Ley 1581 de 2012" in explanation and "Decreto 1377 de 2013" in explanation
        assert "not applicable" in explanation

    def test_prediction_time_and_subgroups(self):
        """dp-fe-05 asks about the prediction time, mo-cm-08 about business segments, mo-cm-09 about protected groups (pointing to dp-dv-04's legal basis), mo-cm-06 for a model card."""
        assert "prediction time" in M.find("dp-fe-05").question
        assert "business segments" in normal(M.find("mo-cm-08").question)
        assert "protected" in M.find("mo-cm-09").question and "dp-dv-04" in M.find("mo-cm-09").explanation
        assert "model card" in M.find("mo-cm-06").question

    def test_analogies_are_added(self):
        """Report and dashboard items that carry a model practice over by analogy are marked added."""
        for item_id in ("de-re-05", "de-re-06", "de-mp-07", "de-mp-08", "de-mp-10", "de-mr-05", "de-mp-12"):
            assert M.find(item_id).source.basis == "added", item_id


class TestEditorNotes:
    @pytest.mark.parametrize("item_id, words", [
        ("de-mf-01", "detects"),
        ("de-re-04", "gitflow"),
        ("mo-tv-01", "classification"),
        ("mo-tv-02", "confusion matrix"),
        ("mo-tv-08", "set the test set aside first"),
        ("mo-ms-06", "AIC"),
        ("da-hy-05", "final test set"),
        ("dp-fe-01", "training data"),
        ("bc-iu-04", "not applicable"),
        ("de-mp-03", "not applicable"),
        ("bc-ce-04", "any provider"),
        ("bc-vp-02", "not applicable"),
        ("dp-dq-01", "If not"),
        ("da-in-10", "belief"),
        ("de-re-01", "description"),
        ("de-mp-02", "deployment strategy"),
    ])
    def test_note_where_the_paper_is_wrong_or_unclear(self, item_id: str, words: str):
        """The items whose paper question is wrong or unclear carry an editor's note with the sound practice."""
        assert words in normal(M.find(item_id).editor_note or ""), item_id

    def test_quoted_questions_with_notes_stay_quoted(self):
        """An editor's note never replaces the paper's words: noted paper items are still in the paper's list."""
        quoted = {normal(text) for role, _, text in PAPER_QUESTIONS if role == "item"}
        for item in M.items:
            if item.editor_note and item.source.quoted:
                assert normal(item.question) in quoted, item.id


class TestMetricOptions:
    def test_option_ids_and_task_types_unchanged(self):
        """mo-tv-02 keeps its option ids and their task types, on which the published range depends."""
        item = M.find("mo-tv-02")
        assert {o.id: o.task_types for o in item.options} == METRIC_OPTIONS

    def test_ml_maximum_by_task_type(self):
        """The ML route's maximum is 115 to 122 by task type, as published."""
        assert {t.id: M.maximum("ml-model", t.id) for t in M.task_types} == {
            "anomaly-detection": 115, "clustering": 116, "regression": 117,
            "multiclass-classification": 118, "binary-classification": 122}


class TestPaperCore:
    @pytest.mark.parametrize("route", [r.id for r in M.routes])
    def test_paper_core_maximum_is_the_papers_scored_questions(self, route: str):
        """A route's paper-core maximum is one point per scored paper question (from the list copied from the paper) on it."""
        paper_items = {normal(text) for role, _, text in PAPER_QUESTIONS if role == "item"}
        on_route = [i for i in M.items if i.scored and i.applies_to(route) and normal(i.question) in paper_items]
        assert all(i.kind == "yes-no" for i in on_route)
        for task in ([t.id for t in M.task_types] if M.route_uses_task_type(route) else [None]):
            assert M.paper_maximum(route, task) == len(on_route)

    def test_the_paper_core_is_a_minority_of_every_route(self):
        """On every route most points come from derived or added items, which is why the subscore is shown."""
        for route in M.routes:
            assert 0 < M.paper_maximum(route.id) < M.maximum(route.id) / 2


AUTOMATION_ON_ML_ROUTE = {
    "automated-training-pipeline": "mo-tv-12", "triggered-retraining": "de-mf-13",
    "promotion-gate": "de-mr-06", "model-continuous-delivery": "de-mp-11",
}


class TestOnePracticeOnePoint:
    @pytest.mark.parametrize("route", [r.id for r in M.routes])
    def test_each_practice_counted_once_on_a_route(self, route: str):
        """On each route every scored item names a practice of the catalogue, and no two the same one."""
        named = [M.practice(i.practice).id for i in M.items if i.scored and i.applies_to(route)]
        assert len(named) == len(set(named))

    def test_catalogue_file_matches_schema(self):
        """practices.yaml is valid against practices.schema.json, with the 28 tests of the ML Test Score."""
        schema = json.loads((REAL_CHECKLISTS / "practices.schema.json").read_text())
        data = yaml.safe_load((REAL_CHECKLISTS / "practices.yaml").read_text())
        jsonschema.Draft202012Validator(schema).validate(data)
        assert len(data["frameworks"]["ml_test_score"]["tests"]) == 28

    def test_the_test_set_rule_is_asked_once(self):
        """Fitting only on the training data is asked by mo-tv-08; the items that used to repeat it point there."""
        for item_id in ("dp-dq-03", "dp-fe-01", "dp-fe-03", "da-in-06", "da-hy-05"):
            item = M.find(item_id)
            assert "mo-tv-08" in (item.explanation + (item.editor_note or "")), item_id
        for item_id in ("dp-dq-03", "dp-fe-01", "dp-fe-02", "dp-fe-03", "dp-fe-05", "da-in-06"):
            for sentence in re.split(r"(?<=\.) ", normal(M.find(item_id).explanation)):
                if "training data only" in sentence:  # only ever as a pointer, never as a condition
                    assert "mo-tv-08" in sentence, item_id

    def test_compound_items_ask_one_thing(self):
        """The items found asking several practices at once now ask one, the rest having items of their own."""
        assert "primary metric" not in M.find("bc-pf-03").question
        assert "skew" not in M.find("de-mf-03").question and "schema" not in M.find("de-mf-03").question
        assert "representation" not in M.find("dp-dq-05").question and "out-of-range" not in M.find("dp-dq-03").question
        assert "readers" not in M.find("bc-iu-06").question and "policy" not in M.find("de-mf-13").question
        assert "skew" in M.find("de-mf-12").question and "schema" in M.find("de-mf-11").question
        assert "transfer" not in M.find("dp-dv-04").question and "agreement" not in M.find("dp-dv-04").question
        assert "limitations" not in M.find("mo-cm-06").question
        assert "staging" not in M.find("de-re-04").question and "A/B" not in M.find("de-re-04").question
        assert "reviewed" not in M.find("dp-cd-02").question and "reviewed" in M.find("dp-cd-04").question

    def test_wording_found_wrong(self):
        """Creating features does not claim to reduce dimensionality; hosting is cloud or on-premises; folds are paired."""
        assert "dimensionality" not in M.find("dp-fe-02").question
        assert "dimensionality" not in M.find("dp-fe-q1").text
        assert "cloud or on-premises" in normal(M.find("de-re-02").question)
        assert "fold by fold" in normal(M.find("mo-ms-04").question)
        assert "paired" in normal(M.find("mo-ms-04").explanation)

    def test_ml_route_asks_for_automation(self):
        """The ML route has an item for the training pipeline, triggered retraining, gated promotion and continuous delivery."""
        for practice_id, item_id in AUTOMATION_ON_ML_ROUTE.items():
            item = M.find(item_id)
            assert item.practice == practice_id and item.applies_to("ml-model"), item_id
            assert M.practice(practice_id).automation, practice_id

    def test_ml_test_score_coverage(self):
        """At least 24 of the ML Test Score's 28 tests are covered by some item of the ML route."""
        covered = {test for i in M.items if i.scored and i.applies_to("ml-model")
                   for test in M.practice(i.practice).ml_test_score}
        assert len(covered) >= 24
        assert {"data-3", "model-4", "infra-5", "monitor-5", "monitor-1"} <= covered  # the ones no item asked before
