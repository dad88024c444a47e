"""Unit tests of the methodology model on the small fixture checklist."""

import shutil

import pytest
import yaml

from helpers import FIXTURE_CHECKLISTS, fixture_methodology
from mlops_handbook.errors import HandbookError
from mlops_handbook.loader import load_methodology
from mlops_handbook.model import Item, Source, Subphase


@pytest.fixture(scope="module")
def m():
    return fixture_methodology()


class TestStructure:
    def test_stages_in_file_order(self, m):
        """Stages come in the order of their numbered files."""
        assert [s.id for s in m.stages] == ["alpha", "beta"]

    def test_find_by_id(self, m):
        """Every element is found by its id and unknown ids give None."""
        assert isinstance(m.find("alpha-one"), Subphase)
        assert isinstance(m.find("al-on-02"), Item)
        assert m.find("al-on-q1").text == "Is this quoted?"
        assert m.find("nope") is None

    def test_items_know_their_place(self, m):
        """An item records its stage and subphase."""
        item = m.find("be-on-03")
        assert (item.stage_id, item.subphase_id) == ("beta", "beta-one")

    def test_selectors(self, m):
        """The route and task-type choosers are found by what they select."""
        assert m.selector("route").id == "al-on-01"
        assert m.selector("task-type").id == "be-on-01"


class TestMaximum:
    def test_yes_no_item_counts_one_on_its_routes(self, m):
        """A yes/no item is worth 1 on its routes and 0 elsewhere."""
        item = m.find("al-on-03")
        assert item.maximum("dashboard", None) == 1
        assert item.maximum("analytical-report", None) == 0

    def test_option_routes_narrow_the_options(self, m):
        """An option limited to a route only counts on that route."""
        item = m.find("al-on-04")
        assert item.maximum("analytical-report", None) == 3
        assert item.maximum("dashboard", None) == 2

    def test_task_typed_options(self, m):
        """Task-typed options count only for their task type."""
        item = m.find("be-on-03")
        assert [o.id for o in item.applicable_options("ml-model", "binary-classification")] == ["metric-1", "metric-2"]
        assert [o.id for o in item.applicable_options("ml-model", "clustering")] == ["metric-3"]
        assert item.applicable_options("ml-model", None) == ()

    def test_single_choice_scores_nothing(self, m):
        """The route chooser is worth no points."""
        assert m.find("al-on-01").maximum("dashboard", None) == 0

    def test_route_maxima(self, m):
        """Route maxima add the items up, the ML one per task type."""
        assert m.maximum("dashboard") == 4
        assert m.maximum("analytical-report") == 5
        assert m.maximum("ml-model", "clustering") == 6
        assert m.maximum("ml-model", "binary-classification") == 7
        assert m.maximum("ml-model") == 7
        assert m.maximum_range("ml-model") == (6, 7)
        assert m.maximum_range("dashboard") == (4, 4)


class TestSourceAndCitation:
    def test_source_label(self):
        """A source says whether it is the paper's, derived from it or added, and which places it rests on."""
        assert Source(("4.2", "Fig. 7"), "paper").label == "Paper §4.2, Fig. 7"
        assert Source(("3.1.1",), "derived").label == "Derived from §3.1.1"
        assert Source(("3.2.4",), "added").label == "Added by the handbook (topic of §3.2.4)"

    def test_citation_text(self, m):
        """The citation names the authors, year, title and DOI link."""
        text = m.citation.text
        assert text.startswith("Doe, J., & Roe, R. (2020). A made-up paper.")
        assert text.endswith("https://doi.org/10.0000/fixture")


# ---------------------------------------------------------------- the practice catalogue

def checklists_with(tmp_path, edit):
    """A copy of the fixture checklists in tmp_path, its YAML files changed by edit(files)."""
    folder = tmp_path / "checklists"
    shutil.copytree(FIXTURE_CHECKLISTS, folder)
    files = {path.name: yaml.safe_load(path.read_text(encoding="utf-8")) for path in folder.glob("*.yaml")}
    edit(files)
    for name, data in files.items():
        (folder / name).write_text(yaml.safe_dump(data, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return folder


def item_of(files, item_id):
    return next(item for name, data in files.items() if name[:2].isdigit()
                for sub in data["subphases"] for item in sub["items"] if item["id"] == item_id)


def practice_entry(files, practice_id):
    return next(p for p in files["practices.yaml"]["practices"] if p["id"] == practice_id)


def refusal(tmp_path, edit) -> str:
    with pytest.raises(HandbookError) as caught:
        load_methodology(checklists_with(tmp_path, edit))
    return caught.value.message


class TestPracticeCatalogue:
    def test_items_know_their_practice(self, m):
        """Each scored item names its practice; the route chooser names none."""
        assert m.find("al-on-02").practice == "first-thing"
        assert m.practice_of(m.find("be-on-03")).title == "Metrics computed"
        assert m.find("al-on-01").practice is None and m.practice_of(m.find("al-on-01")) is None

    def test_route_practices_in_stage_order(self, m):
        """A route's practices come with the item that checks them there, in the stages' order."""
        assert [(p.id, i.id) for p, i in m.route_practices("dashboard")] == [
            ("first-thing", "al-on-02"), ("second-thing", "al-on-03"), ("parts-listed", "al-on-04")]
        assert m.items_of_practice("automated-training", "dashboard") == ()

    def test_frameworks_are_read(self, m):
        """The catalogue holds the six CRISP-DM phases, 28 tests and the two maturity models with their levels."""
        c = m.catalogue
        assert len(c.phases) == 6 and len(c.tests) == 28
        assert [(mm.id, mm.top) for mm in c.maturity] == [("google", 2), ("microsoft", 4)]
        assert m.maturity_model("google").level(1).title == "Pipeline automation"
        practice = m.practice("second-thing")
        assert (practice.level("google"), practice.level("microsoft"), practice.automation) == (2, 1, True)
        assert m.practice("first-thing").level("google") is None and not m.practice("first-thing").automation
        assert m.phase(practice.crisp_dm).title == "Data understanding"
        assert m.ml_test("infra-1").section == "Infrastructure"

    def test_automation_flag(self, tmp_path):
        """`automation: true` marks a practice as automation, with or without a maturity level."""
        m = load_methodology(checklists_with(
            tmp_path, lambda files: practice_entry(files, "report-reviewed").update(automation=True)))
        assert m.practice("report-reviewed").automation and m.practice("report-reviewed").maturity == ()

    def test_two_items_on_one_practice_on_a_route(self, tmp_path):
        """A route with two items on one practice is refused, naming both items, the route and the fix."""
        def share(files):
            item_of(files, "al-on-03")["practice"] = "first-thing"

        message = refusal(tmp_path, share)
        assert "01-alpha.yaml" in message and "item al-on-03" in message
        assert 'the practice "first-thing", which item al-on-02 (01-alpha.yaml) already checks on the route dashboard' \
            in message
        assert "give one of the two items a practice of its own" in message

    def test_validate_command_refuses_the_folder(self, tmp_path, capsys):
        """`mlops-handbook validate` on such a folder exits 2 with the one-paragraph message."""
        from mlops_handbook.cli import main

        folder = checklists_with(tmp_path, lambda files: item_of(files, "al-on-03").update(practice="first-thing"))
        assert main(["validate", str(folder)]) == 2
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "item al-on-02" in err and "route dashboard" in err and "Fix:" in err

    def test_items_on_disjoint_routes_may_share(self, tmp_path):
        """Two items that never meet on a route may check the same practice."""
        def share(files):
            item_of(files, "al-on-05")["practice"] = "second-thing"  # reports only; al-on-03 is never on them
            files["practices.yaml"]["practices"] = [p for p in files["practices.yaml"]["practices"]
                                                    if p["id"] != "report-reviewed"]

        m = load_methodology(checklists_with(tmp_path, share))
        assert [i.id for i in m.items_of_practice("second-thing")] == ["al-on-03", "al-on-05"]

    def test_unknown_practice(self, tmp_path):
        """An item naming a practice the catalogue lacks is refused, with the file and item."""
        message = refusal(tmp_path, lambda files: item_of(files, "be-on-02").update(practice="no-such-practice"))
        assert "02-beta.yaml" in message and "item be-on-02" in message
        assert '"no-such-practice", which practices.yaml does not declare' in message

    def test_unused_practice(self, tmp_path):
        """A practice that no item names is refused in practices.yaml."""
        def add(files):
            files["practices.yaml"]["practices"].append(dict(practice_entry(files, "first-thing"), id="orphan"))

        message = refusal(tmp_path, add)
        assert "practices.yaml" in message and "(orphan)" in message and "no item names this practice" in message

    def test_scored_item_without_practice(self, tmp_path):
        """A scored item with no practice is refused."""
        message = refusal(tmp_path, lambda files: item_of(files, "al-on-04").pop("practice"))
        assert "item al-on-04" in message and "names no practice" in message

    def test_single_choice_with_practice(self, tmp_path):
        """The route chooser may not name a practice."""
        message = refusal(tmp_path, lambda files: item_of(files, "al-on-01").update(practice="first-thing"))
        assert "item al-on-01" in message and "checks no practice" in message

    def test_unknown_crisp_dm_phase(self, tmp_path):
        """A practice placed in a phase CRISP-DM does not have is refused."""
        message = refusal(tmp_path, lambda files: practice_entry(files, "parts-listed").update(crisp_dm="testing"))
        assert "practices[2] (parts-listed).crisp_dm" in message and '"testing" is not a CRISP-DM phase' in message

    def test_unknown_ml_test_score_id(self, tmp_path):
        """A practice covering an ML Test Score test that is not listed is refused."""
        message = refusal(tmp_path, lambda files: practice_entry(files, "metrics-computed").update(
            ml_test_score=["model-2", "model-8"]))
        assert "(metrics-computed).ml_test_score" in message and '"model-8" is not a test' in message

    @pytest.mark.parametrize("maturity, words", [
        ({"google": 3}, "level 3 is not a level of Google's levels"),
        ({"microsoft": 5}, "level 5 is not a level of Microsoft's model"),
        ({"gartner": 1}, '"gartner" is not a maturity model'),
    ])
    def test_unknown_maturity_level(self, tmp_path, maturity, words):
        """A maturity level beyond the model's top, or a model not declared, is refused."""
        message = refusal(tmp_path, lambda files: practice_entry(files, "second-thing").update(maturity=maturity))
        assert "(second-thing).maturity" in message and words in message

    def test_level_zero_is_refused_by_the_schema(self, tmp_path):
        """Level 0 needs no practice, so a practice may not name it."""
        message = refusal(tmp_path, lambda files: practice_entry(files, "second-thing").update(maturity={"google": 0}))
        assert "practices.yaml" in message and "maturity" in message and "less than the minimum of 1" in message

    def test_exactly_28_ml_test_score_tests(self, tmp_path):
        """A catalogue that lists 27 tests of the ML Test Score is refused."""
        message = refusal(tmp_path, lambda files: files["practices.yaml"]["frameworks"]["ml_test_score"]["tests"].pop())
        assert "frameworks.ml_test_score.tests" in message and "it lists 27 tests" in message

    def test_catalogue_file_missing(self, tmp_path):
        """A checklists folder without practices.yaml is refused, naming the file."""
        folder = checklists_with(tmp_path, lambda files: None)
        (folder / "practices.yaml").unlink()
        with pytest.raises(HandbookError, match="practices.yaml is missing"):
            load_methodology(folder)
