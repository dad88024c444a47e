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
