"""Unit and property tests of the scoring rules on the small fixture checklist."""

from decimal import ROUND_HALF_UP, Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import FIXTURE_CHECKLISTS, fixture_methodology, real_methodology
from mlops_handbook import Answers, HandbookError, score
from mlops_handbook.loader import load_raw
from mlops_handbook.model import MULTIPLE_CHOICE, YES_NO, build_methodology
from mlops_handbook.scoring import percent

M = fixture_methodology()


class TestTotals:
    def test_nothing_answered(self):
        """No answers give zero points of the route's maximum."""
        result = score(M, Answers(route="dashboard"))
        assert (result.points, result.maximum, result.percent) == (0, 4, 0.0)
        assert result.answered == 0 and result.items_total == 3

    def test_yes_and_options_count(self):
        """Each yes and each applicable selected option gives a point."""
        answers = Answers(route="dashboard", answers={"al-on-02": True, "al-on-03": False,
                                                      "al-on-04": ("part-x", "part-y")})
        result = score(M, answers)
        assert result.points == 2  # yes + part-x; part-y is for reports only
        assert result.maximum == 4
        assert result.percent == 50.0

    def test_per_stage(self):
        """Stage scores split the total and a stage with nothing on the route has no percentage."""
        result = score(M, Answers(route="dashboard", answers={"al-on-02": True}))
        alpha, beta = result.stages
        assert (alpha.points, alpha.maximum, alpha.percent) == (1, 4, 25.0)
        assert (beta.points, beta.maximum, beta.percent) == (0, 0, None)

    def test_other_routes_answers_ignored(self):
        """An answer to an item of another route is kept but not counted."""
        answers = Answers(route="dashboard", answers={"al-on-05": True, "be-on-02": True})
        assert score(M, answers).points == 0

    def test_task_type_sets_maximum(self):
        """The ML maximum follows the chosen task type."""
        assert score(M, Answers(route="ml-model", task_type="clustering")).maximum == 6
        assert score(M, Answers(route="ml-model", task_type="regression")).maximum == 7

    def test_no_task_type_is_provisional(self):
        """Without a task type the ML maximum is the top of the range and marked provisional."""
        result = score(M, Answers(route="ml-model", answers={"be-on-03": ("metric-1",)}))
        assert result.maximum == 7 and result.maximum_provisional
        assert result.points == 0
        assert "be-on-01" in [g.item_id for g in result.missing]

    def test_metric_of_other_task_type_not_counted(self):
        """A selected metric that does not fit the task type gives no point."""
        answers = Answers(route="ml-model", task_type="clustering",
                          answers={"be-on-03": ("metric-1", "metric-3")})
        assert score(M, answers).points == 1

    def test_no_route_is_an_error(self):
        """Scoring without a route is a user error that names the fix."""
        with pytest.raises(HandbookError, match="no route is chosen"):
            score(M, Answers())

    def test_task_type_ignored_off_ml_route(self):
        """A task type left over from the ML route does not change a dashboard score."""
        result = score(M, Answers(route="dashboard", task_type="clustering"))
        assert result.task_type is None and result.maximum == 4


class TestMissing:
    def test_statuses(self):
        """Missing items say whether they are unanswered, answered no or partly done."""
        answers = Answers(route="analytical-report",
                          answers={"al-on-02": False, "al-on-04": ("part-x",)})
        missing = {g.item_id: g for g in score(M, answers).missing}
        assert missing["al-on-02"].status == "no"
        assert missing["al-on-04"].status == "partial"
        assert missing["al-on-04"].missing_options == ("part-y", "part-z")
        assert missing["al-on-05"].status == "unanswered"

    def test_complete_route_has_nothing_missing(self):
        """Answering everything on the route leaves nothing missing and gives 100%."""
        answers = Answers(route="ml-model", task_type="binary-classification", answers={
            "al-on-02": True, "al-on-03": True, "al-on-04": ("part-x", "part-z"),
            "be-on-02": True, "be-on-03": ("metric-1", "metric-2")})
        result = score(M, answers)
        assert result.missing == ()
        assert (result.points, result.maximum, result.percent) == (7, 7, 100.0)

    def test_to_dict_has_percentages(self):
        """The JSON form carries the overall and per-stage percentages."""
        data = score(M, Answers(route="dashboard", answers={"al-on-02": True})).to_dict()
        assert data["percent"] == 25.0
        assert data["stages"][0]["percent"] == 25.0
        assert data["stages"][1]["percent"] is None


def answer_for(item):
    """A strategy for any valid answer to one item."""
    if item.kind == YES_NO:
        return st.sampled_from([True, False, None])
    return st.one_of(st.none(), st.lists(st.sampled_from([o.id for o in item.options]), unique=True).map(tuple))


REAL = real_methodology()


@st.composite
def scenarios(draw, methodology):
    """A methodology, a route, a task type (or none) and a random answer set for it."""
    scored = [i for i in methodology.items if i.kind in (YES_NO, MULTIPLE_CHOICE)]
    values = draw(st.fixed_dictionaries({}, optional={i.id: answer_for(i) for i in scored}))
    route = draw(st.sampled_from([r.id for r in methodology.routes]))
    task_type = draw(st.one_of(st.none(), st.sampled_from([t.id for t in methodology.task_types])))
    return methodology, scored, Answers(route=route, task_type=task_type, answers=values)


any_scenario = st.one_of(scenarios(M), scenarios(REAL))


class TestProperties:
    @settings(max_examples=200, deadline=None)
    @given(any_scenario)
    def test_never_above_maximum(self, scenario):
        """A score never exceeds its maximum, overall or per stage, on the fixture and the real checklists."""
        methodology, _, answers = scenario
        result = score(methodology, answers)
        assert 0 <= result.points <= result.maximum
        for stage in result.stages:
            assert 0 <= stage.points <= stage.maximum

    @settings(max_examples=200, deadline=None)
    @given(any_scenario, st.data())
    def test_one_more_answer_never_lowers(self, scenario, data):
        """Answering one more item (or adding an option) never lowers the score."""
        methodology, scored, answers = scenario
        before = score(methodology, answers).points
        item = data.draw(st.sampled_from(scored))
        current = answers.answers.get(item.id)
        if item.kind == YES_NO:
            if current is not None:
                return
            new = data.draw(st.booleans())
        else:
            extra = data.draw(st.sampled_from([o.id for o in item.options]))
            new = tuple(dict.fromkeys((*(current or ()), extra)))
        assert score(methodology, answers.with_answer(item.id, new)).points >= before

    @settings(max_examples=100, deadline=None)
    @given(any_scenario)
    def test_all_yes_reaches_the_maximum(self, scenario):
        """Answering yes and every option on the route reaches exactly the maximum once a task type is set."""
        methodology, scored, answers = scenario
        if answers.route == "ml-model" and answers.task_type is None:
            return
        full = {i.id: True if i.kind == YES_NO else tuple(o.id for o in i.options) for i in scored}
        result = score(methodology, Answers(route=answers.route, task_type=answers.task_type, answers=full))
        assert result.points == result.maximum == methodology.maximum(answers.route, answers.task_type)
        assert result.missing == ()


class TestNotApplicable:
    def test_scores_zero_on_the_paper_scale(self):
        """A not-applicable yes/no item scores 0 of its point, as a no would, and keeps the paper's maximum."""
        result = score(M, Answers(route="dashboard", answers={"al-on-02": True},
                                  not_applicable={"al-on-03": "No second thing on this project"}))
        assert (result.points, result.maximum, result.percent) == (1, 4, 25.0)

    def test_leaves_the_applicable_maximum(self):
        """The maximum of what applies drops by the item's points, and its percentage follows."""
        result = score(M, Answers(route="dashboard", answers={"al-on-02": True},
                                  not_applicable={"al-on-03": "No second thing on this project"}))
        assert (result.applicable_maximum, result.applicable_percent) == (3, 33.3)
        alpha = result.stages[0]
        assert (alpha.applicable_maximum, alpha.applicable_percent) == (3, 33.3)

    def test_multiple_choice_as_a_whole(self):
        """A not-applicable multiple-choice item leaves all its applicable options out."""
        result = score(M, Answers(route="analytical-report", not_applicable={"al-on-04": "No parts in this project"}))
        assert result.maximum == 5 and result.applicable_maximum == 2

    def test_listed_with_reason_not_missing(self):
        """A not-applicable item is listed with its reason, counted as not applicable (not as answered), and is
        not missing."""
        result = score(M, Answers(route="dashboard", not_applicable={"al-on-03": "Not part of this project"}))
        assert [(n.item_id, n.reason, n.maximum) for n in result.not_applicable] == \
            [("al-on-03", "Not part of this project", 1)]
        assert "al-on-03" not in [g.item_id for g in result.missing]
        assert (result.answered, result.not_applicable_count, result.open) == (0, 1, 2)
        item = next(s for s in result.items if s.item_id == "al-on-03")
        assert item.status == "not-applicable" and not item.answered and not item.open

    def test_nothing_not_applicable_keeps_both_maxima_equal(self):
        """Without not-applicable items the two percentages are the same."""
        result = score(M, Answers(route="ml-model", task_type="regression", answers={"al-on-02": True}))
        assert result.applicable_maximum == result.maximum
        assert result.applicable_percent == result.percent


class TestCountedApart:
    def test_answered_not_applicable_and_open(self):
        """Yes, no and options count as answered; N/A on its own; what is neither is open; the three add up."""
        result = score(M, Answers(route="analytical-report", answers={"al-on-02": False, "al-on-04": ()},
                                  not_applicable={"al-on-05": "Reviewed by the client elsewhere"}))
        assert (result.answered, result.not_applicable_count, result.open, result.items_total) == (2, 1, 0, 3)
        assert result.counts_text == "2 answered, 1 not applicable, 0 open"
        assert (sum(s.answered for s in result.stages), sum(s.not_applicable_count for s in result.stages),
                sum(s.open for s in result.stages)) == (2, 1, 0)

    def test_subphase_progress_keeps_not_applicable_apart(self):
        """A subphase's progress counts answered and N/A apart; both are done, and the next open item skips them."""
        result = score(M, Answers(route="dashboard", answers={"al-on-02": True},
                                  not_applicable={"al-on-03": "Not part of this project"}))
        (progress,) = [p for p in result.subphases if p.items_total]
        assert (progress.answered, progress.not_applicable, progress.open, progress.done) == (1, 1, 1, 2)
        assert progress.next_open == "al-on-04"
        assert result.to_dict()["subphases"][0]["done"] == 2

    def test_points_marked_not_applicable_beside_what_applies(self):
        """The N/A points are the maximum less the maximum of what applies, in the text and the JSON."""
        result = score(M, Answers(route="analytical-report", not_applicable={"al-on-04": "No parts in this project"}))
        assert (result.not_applicable_points, result.maximum, result.applicable_maximum) == (3, 5, 2)
        assert result.not_applicable_text == "N/A: 1 item, 3 of 5 points"
        data = result.to_dict()
        assert (data["not_applicable_count"], data["not_applicable_points"]) == (1, 3)


class TestNotApplicableFlag:
    def test_one_yes_and_the_rest_not_applicable_is_flagged(self):
        """One Yes with every other item N/A: 100% of what applies, flagged in words with the N/A share."""
        answers = Answers(route="dashboard", answers={"al-on-02": True},
                          not_applicable={"al-on-03": "Not part of this project", "al-on-04": "No parts in this project"})
        result = score(M, answers)
        assert result.applicable_percent == 100.0
        assert result.not_applicable_flag == ("N/A covers 3 of 4 points: more than a quarter of the route, "
                                              "so the percentage of what applies says little")
        assert result.to_dict()["not_applicable_flag"] == result.not_applicable_flag
        assert result.stages[0].not_applicable_flag.startswith("N/A covers 3 of 4 points: more than a quarter of the stage")

    @pytest.mark.parametrize(("na_points", "maximum", "flagged"), [(1, 4, False), (2, 7, True), (1, 5, False), (0, 0, False)])
    def test_a_quarter_exactly_is_not_flagged(self, na_points, maximum, flagged):
        """The flag comes when the N/A points are more than a quarter of the maximum, not at a quarter."""
        from mlops_handbook.scoring import StageScore

        stage = StageScore("s", "S", 0, maximum, maximum - na_points, 0, 0, 0, 0, 0, 0)
        assert (stage.not_applicable_flag is not None) == flagged


class TestReasonThatSaysNothing:
    @pytest.mark.parametrize("reason", [".", "n/a", "On prem"])
    def test_counts_as_no(self, reason):
        """Answers built in code with a reason the rule refuses: the item counts as answered no, maximum kept."""
        result = score(M, Answers(route="analytical-report", answers={"al-on-02": True},
                                  not_applicable={"al-on-05": reason, "al-on-04": reason}))
        assert result.not_applicable == () and result.applicable_maximum == result.maximum == 5
        statuses = {s.item_id: s.status for s in result.items}
        assert statuses["al-on-05"] == "no" and statuses["al-on-04"] == "partial"
        assert (result.answered, result.not_applicable_count, result.open) == (3, 0, 0)


class TestPaperCore:
    def test_counts_only_the_papers_questions(self):
        """The paper-core subscore counts the items whose basis is the paper, and no other."""
        answers = Answers(route="dashboard", answers={"al-on-02": True, "al-on-04": ("part-x", "part-z")})
        result = score(M, answers)
        paper_items = [i for i in M.items if i.scored and i.applies_to("dashboard") and i.source.basis == "paper"]
        assert result.paper_maximum == sum(i.maximum("dashboard", None) for i in paper_items) == 2
        assert (result.paper_points, result.paper_percent) == (1, 50.0)
        assert result.points == 3

    def test_equals_the_methodology_paper_maximum(self):
        """The score's paper-core maximum is the methodology's, on every route and task type."""
        for route in M.routes:
            for task in ([t.id for t in M.task_types] if M.route_uses_task_type(route.id) else [None]):
                result = score(M, Answers(route=route.id, task_type=task))
                assert result.paper_maximum == M.paper_maximum(route.id, task)

    @settings(max_examples=40, deadline=None)
    @given(st.data())
    def test_bounds_and_sums_hold_with_not_applicable(self, data):
        """For any answers: paper points <= points <= applicable maximum <= maximum; stages add up."""
        route = data.draw(st.sampled_from([r.id for r in M.routes]))
        answers, not_applicable = {}, {}
        for item in M.items:
            if not item.scored:
                continue
            choice = data.draw(st.sampled_from(["none", "value", "na"]))
            if choice == "na":
                not_applicable[item.id] = "Not part of this project"
            elif choice == "value":
                answers[item.id] = (data.draw(st.booleans()) if item.kind == YES_NO else
                                    tuple(data.draw(st.lists(st.sampled_from([o.id for o in item.options]),
                                                             unique=True))))
        result = score(M, Answers(route=route, task_type="regression" if route == "ml-model" else None,
                                  answers=answers, not_applicable=not_applicable))
        assert result.paper_points <= result.points <= result.applicable_maximum <= result.maximum
        assert result.paper_points <= result.paper_maximum
        assert result.applicable_maximum == sum(s.applicable_maximum for s in result.stages)
        assert result.paper_points == sum(s.paper_points for s in result.stages)


class TestPercentRounding:
    @pytest.mark.parametrize(("points", "maximum", "expected"), [
        (1, 16, 6.3), (3, 16, 18.8), (5, 16, 31.3), (11, 16, 68.8), (1, 80, 1.3), (1, 400, 0.3),
        (1, 3, 33.3), (2, 3, 66.7), (1, 7, 14.3), (6249, 100_000, 6.2), (6251, 100_000, 6.3),
        (1249, 20_000, 6.2), (0, 5, 0.0), (5, 5, 100.0), (1, 2000, 0.1), (1, 2001, 0.0),
    ])
    def test_half_up_on_the_exact_value(self, points, maximum, expected):
        """A percentage ending in a half rounds up (6.25 to 6.3, as a 0.0% cell shows it); others to the nearest tenth."""
        assert percent(points, maximum) == expected

    def test_nothing_to_score(self):
        """A maximum of zero has no percentage."""
        assert percent(0, 0) is None

    @settings(max_examples=200, deadline=None)
    @given(st.integers(0, 10_000), st.integers(1, 10_000))
    def test_agrees_with_decimal_half_up(self, points, maximum):
        """For any points and maximum, the percent is the exact ratio rounded half up to a tenth, as printed with one decimal."""
        exact = Decimal(points) * 100 / Decimal(maximum)
        expected = exact.quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
        assert f"{percent(points, maximum):.1f}" == str(expected)

    def test_score_uses_the_rule(self):
        """The score's percentages follow the same rule: 1 of 16 points is 6.3%."""
        raw = load_raw(FIXTURE_CHECKLISTS)
        item = next(i for i in raw["stages"][0]["subphases"][0]["items"] if i["id"] == "al-on-04")
        item["options"] += [{"id": f"part-{n}", "label": f"Part {n}", "es": {"label": f"Parte {n}"}}
                         for n in range(1, 13)]
        for route in raw["methodology"]["routes"]:
            maximum = route["published_maximum"]
            route["published_maximum"] = [m + 12 for m in maximum] if isinstance(maximum, list) else maximum + 12
        result = score(build_methodology(raw), Answers(route="dashboard", answers={"al-on-02": True}))
        assert (result.points, result.maximum, result.percent) == (1, 16, 6.3)
        assert result.to_dict()["stages"][0]["percent"] == 6.3
