"""Unit and property tests of the maturity levels, the roadmap and the ML Test Score, on the fixture.

The fixture's catalogue: on the ML route, Google's level 1 is be-on-02 (training automated) and
level 2 is al-on-03 (second thing, on a schedule); Microsoft's level 1 is al-on-03 and level 2
is be-on-02, and no practice has its levels 3 or 4. On the dashboard route, only al-on-03 has
a level (Google's 2, Microsoft's 1); the report route has none.
"""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import fixture_methodology
from mlops_handbook import Answers, score
from mlops_handbook.maturity import MET, NOT_COVERED, NOT_MET, covering_items, maturity, top_in_reach
from mlops_handbook.model import MULTIPLE_CHOICE, YES_NO

M = fixture_methodology()
AUTOMATION = {"al-on-03", "be-on-02"}  # the items whose practices have a level >= 1 on the ML route
ALL_YES = {"al-on-02": True, "al-on-03": True, "al-on-04": ("part-x", "part-z"), "be-on-02": True,
           "be-on-03": ("metric-1", "metric-2")}


def levels(answers: Answers):
    result = maturity(M, score(M, answers))
    return result, {model.model_id: model for model in result.models}


def ml(answers=None, **extra) -> Answers:
    return Answers(route="ml-model", task_type="binary-classification", answers=answers or {}, **extra)


class TestReach:
    def test_levels_without_a_practice_are_out_of_reach(self):
        """A level with no practice on the route is out of reach, and so is every level above it."""
        google, microsoft = M.catalogue.maturity
        assert M.practice("second-thing").level("google") == 2  # on the dashboard, but level 1 is not
        assert top_in_reach(M, "dashboard", google) == 0
        assert top_in_reach(M, "dashboard", microsoft) == 1
        assert top_in_reach(M, "analytical-report", microsoft) == 0
        assert (top_in_reach(M, "ml-model", google), top_in_reach(M, "ml-model", microsoft)) == (2, 2)

    def test_reach_note_in_words(self):
        """The score says which levels are out of reach on the route, and why on a route without ML."""
        _, by_model = levels(Answers(route="dashboard", answers={"al-on-03": True}))
        assert by_model["google"].reach_note == ("No practice of level 1 applies to the Dashboard route, so "
                                                 "levels 1 to 2 are out of reach on it; the automation levels "
                                                 "describe ML systems.")
        assert by_model["microsoft"].reached == 1 and by_model["microsoft"].next_level is None
        _, by_model = levels(ml(ALL_YES))
        assert by_model["google"].reach_note is None
        assert by_model["microsoft"].reach_note.startswith("No practice of level 3 applies to the ML model route")
        assert "ML systems" not in by_model["microsoft"].reach_note

    def test_covering_items(self):
        """A test is covered on a route by the items whose practice names it."""
        covering = covering_items(M, "ml-model")
        assert [i.id for i in covering["data-1"]] == ["al-on-02", "al-on-03"]
        assert covering["monitor-1"] == ()
        assert [i.id for i in covering_items(M, "analytical-report")["monitor-1"]] == ["al-on-05"]


class TestLevels:
    def test_fully_manual_project_stays_below_level_1(self):
        """Yes to everything but the automation practices: 0 in both models, whatever the paper's scale says."""
        answers = {k: v for k, v in ALL_YES.items() if k not in AUTOMATION}
        result, by_model = levels(ml({**answers, "al-on-03": False, "be-on-02": False}))
        assert (by_model["google"].reached, by_model["microsoft"].reached) == (0, 0)
        assert by_model["google"].text == "level 0 of 2 (Manual process)"
        assert [s.item_id for s in by_model["google"].roadmap] == ["be-on-02"]
        assert [s.item_id for s in by_model["microsoft"].roadmap] == ["al-on-03"]

    def test_everything_met(self):
        """Every practice met: Google's top level, Microsoft's highest in reach, no roadmap."""
        _, by_model = levels(ml(ALL_YES))
        google, microsoft = by_model["google"], by_model["microsoft"]
        assert (google.reached, google.next_level, google.roadmap) == (2, None, ())
        assert google.roadmap_text == "The answers reach the model's top level."
        assert (microsoft.reached, microsoft.top_in_reach, microsoft.top, microsoft.next_level) == (2, 2, 4, None)
        assert microsoft.roadmap_text == "The answers reach the highest level this route's checklist can show."

    def test_not_applicable_does_not_lift_a_level(self):
        """An automation practice marked not applicable is not met: the level stays, and the roadmap says why."""
        answers = {k: v for k, v in ALL_YES.items() if k != "be-on-02"}
        _, by_model = levels(ml(answers, not_applicable={"be-on-02": "We train once, by hand"}))
        google = by_model["google"]
        assert google.reached == 0
        step, = google.roadmap
        assert (step.item_id, step.status, step.practice_title) == ("be-on-02", "not-applicable", "Training automated")
        assert step.status_text.startswith("marked not applicable")
        assert by_model["microsoft"].reached == 1  # its level 1 is al-on-03, met; level 2 is be-on-02

    def test_a_level_needs_every_level_below(self):
        """A practice of level 2 met without level 1's leaves the level at 0."""
        _, by_model = levels(ml({"al-on-03": True}))
        assert by_model["google"].reached == 0
        assert by_model["microsoft"].reached == 1

    def test_roadmap_to_the_next_level(self):
        """With level 1 reached, the roadmap lists the unmet practices of level 2, with their status."""
        _, by_model = levels(ml({"be-on-02": True}))
        google = by_model["google"]
        assert (google.reached, google.next_level, google.next_title) == (1, 2, "CI/CD automation")
        assert [(s.item_id, s.status, s.level) for s in google.roadmap] == [("al-on-03", "unanswered", 2)]
        assert google.roadmap_text == "To reach level 2 (CI/CD automation): 1 practice to put in place"

    def test_levels_per_level_on_the_route(self):
        """Each level of a model says how many of its practices are on the route, met, and whether it is in reach."""
        _, by_model = levels(ml({"al-on-03": True}))
        assert [(lv.level, lv.practices, lv.met, lv.in_reach) for lv in by_model["microsoft"].levels] == [
            (0, 0, 0, True), (1, 1, 1, True), (2, 1, 0, True), (3, 0, 0, False), (4, 0, 0, False)]


class TestByHand:
    def test_high_total_at_level_0_says_so(self):
        """85.7% on the paper's scale at Google's level 0 is said in words; Microsoft's level 1 is not named."""
        answers = {k: v for k, v in ALL_YES.items() if k != "be-on-02"}
        result, _ = levels(ml({**answers, "be-on-02": False}))
        assert result.by_hand == ("85.7% on the paper's scale and level 0 of Google's levels: the paper's scale "
                                  "counts practices, not whether they run by hand; the roadmap lists what the next level still needs.")

    def test_low_total_says_nothing(self):
        """Below three quarters on both scales, no sentence."""
        result, by_model = levels(ml({"al-on-02": True}))
        assert by_model["google"].reached == 0 and result.by_hand is None

    def test_level_above_0_says_nothing(self):
        """Every practice met: no sentence."""
        assert levels(ml(ALL_YES))[0].by_hand is None

    def test_route_without_automation_levels_says_nothing(self):
        """On the report route no level is within reach, so a full score is not called manual."""
        answers = Answers(route="analytical-report", answers={"al-on-02": True, "al-on-05": True,
                                                              "al-on-04": ("part-x", "part-y", "part-z")})
        assert score(M, answers).percent == 100.0
        assert levels(answers)[0].by_hand is None


class TestMlTestScore:
    def test_all_met(self):
        """Every covering item met: each covered test is met; the others are not covered."""
        result, _ = levels(ml(ALL_YES))
        mlts = result.ml_test_score
        assert (mlts.met, mlts.covered, mlts.total) == (5, 5, 28)
        assert mlts.text == "5 of 28 tests met (5 covered by this route's checklist)"
        assert {t.test_id for t in mlts.tests if t.status == MET} == {"data-1", "data-2", "model-1", "model-2", "infra-1"}

    def test_every_covering_item_must_be_met(self):
        """A test covered by two items is not met while one of them is answered no."""
        result, _ = levels(ml({**ALL_YES, "al-on-03": False}))
        data_1 = next(t for t in result.ml_test_score.tests if t.test_id == "data-1")
        assert (data_1.status, data_1.item_ids) == (NOT_MET, ("al-on-02", "al-on-03"))
        assert result.ml_test_score.met == 4

    def test_partly_selected_options_are_not_met(self):
        """A multiple-choice item with an applicable option left open does not meet its test."""
        result, _ = levels(ml({**ALL_YES, "al-on-04": ("part-x",)}))
        data_2 = next(t for t in result.ml_test_score.tests if t.test_id == "data-2")
        assert data_2.status == NOT_MET

    def test_task_type_not_chosen(self):
        """Without a task type the metrics item is not yet answered, so its test is not met."""
        result, _ = levels(Answers(route="ml-model", answers=ALL_YES))
        model_2 = next(t for t in result.ml_test_score.tests if t.test_id == "model-2")
        assert model_2.status == NOT_MET

    def test_report_route(self):
        """On the report route only its own items cover tests."""
        result, _ = levels(Answers(route="analytical-report"))
        covered = {t.test_id for t in result.ml_test_score.tests if t.status != NOT_COVERED}
        assert covered == {"data-1", "data-2", "monitor-1"}


def random_ml_answers():
    """Any answers on the fixture's ML route: yes, no, unanswered or N/A for each item."""
    scored = [i for i in M.items if i.scored and i.applies_to("ml-model")]

    def value(item):
        if item.kind == YES_NO:
            return st.sampled_from([True, False, None, "n/a"])
        assert item.kind == MULTIPLE_CHOICE
        return st.sampled_from([None, "n/a"]) | st.lists(st.sampled_from([o.id for o in item.options]),
                                                          unique=True).map(tuple)

    def build(values, task_type):
        not_applicable = {k: "Not in this project" for k, v in values.items() if v == "n/a"}
        return Answers(route="ml-model", task_type=task_type, not_applicable=not_applicable,
                       answers={k: v for k, v in values.items() if v not in ("n/a", None)})

    return st.builds(build, st.fixed_dictionaries({i.id: value(i) for i in scored}),
                     st.sampled_from([None, "binary-classification", "regression"]))


class TestProperty:
    @settings(max_examples=150, deadline=None)
    @given(random_ml_answers())
    def test_level_is_the_highest_with_every_practice_below_met(self, answers):
        """The level reached is the highest k in reach whose practices of levels 1..k are all complete;
        the roadmap is exactly the incomplete practices of the next level and below."""
        result = score(M, answers)
        complete = {s.item_id for s in result.items if s.status == "complete"}
        for model in maturity(M, result).models:
            on_route = [(p.level(model.model_id), i.id) for p, i in M.route_practices("ml-model")
                        if p.level(model.model_id)]
            expected = 0
            for k in range(1, model.top_in_reach + 1):
                if all(item in complete for level, item in on_route if level <= k):
                    expected = k
                else:
                    break
            assert model.reached == expected
            if model.next_level is None:
                assert model.roadmap == ()
            else:
                assert [s.item_id for s in model.roadmap] == [
                    item for level, item in on_route if level <= model.next_level and item not in complete]
