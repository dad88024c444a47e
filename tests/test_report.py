"""Unit tests of the report's parts (report.py): the headline's order, the gaps, the comparison.

The fixture's ML route: al-on-03 and be-on-02 are its automation practices, on the roadmap to
the next maturity level (see test_maturity.py); al-on-02 and be-on-03 are the paper's own.
"""

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import REPO, fixture_methodology, real_methodology
from mlops_handbook import Answers, score
from mlops_handbook.answers import parse_bytes
from mlops_handbook.maturity import maturity
from mlops_handbook.report import OTHER, PAPER_QUESTION, PRIORITY_ORDER, ROADMAP, compare, gaps, headline

M = fixture_methodology()
EXAMPLES = REPO / "docs" / "assets" / "examples" / "portfolio"


def ml(answers=None, **extra) -> Answers:
    return Answers(route="ml-model", task_type="binary-classification", answers=answers or {}, **extra)


def report_parts(answers: Answers):
    result = score(M, answers)
    levels = maturity(M, result)
    return result, levels


class TestHeadline:
    def test_the_total_first_then_each_figure_once(self):
        """The headline starts with the total on the paper's scale and names each other figure once, in one order."""
        result, levels = report_parts(ml({"al-on-02": True}, not_applicable={"be-on-02": "Trained once by the vendor"}))
        figures = headline(result, levels)
        assert [f.key for f in figures] == ["total", "maturity", "ml-test-score", "applicable", "paper", "checks"]
        assert figures[0].text == f"{result.points} of {result.maximum} points, {result.percent:.1f}%"
        assert result.not_applicable_text in figures[3].text
        assert figures[5].text == f"{result.counts_text}, of {result.items_total}"

    def test_a_provisional_maximum_says_so(self):
        """Without the ML task type the total says its maximum is the top of the range."""
        result, levels = report_parts(Answers(route="ml-model", answers={"al-on-02": True}))
        assert "top of the range until the ML task type is chosen" in headline(result, levels)[0].text


class TestGaps:
    def test_split_by_answered_and_ordered_by_priority(self):
        """Answered-no and partly answered items go in one list, unanswered in the other, roadmap first, then the paper's."""
        answers = ml({"al-on-02": False, "al-on-03": False, "al-on-04": ("part-x",)},
                     notes={"al-on-03": "Owner: Ana, due 2027-01-15"})
        result, levels = report_parts(answers)
        answered_no, not_assessed = gaps(M, answers, result, levels)
        assert {g.item_id for g in answered_no} == {"al-on-02", "al-on-03", "al-on-04"}
        assert {g.status for g in answered_no} == {"no", "partial"}
        assert all(g.status == "unanswered" for g in not_assessed)
        assert {g.item_id for g in (*answered_no, *not_assessed)} == {m.item_id for m in result.missing}
        for part in (answered_no, not_assessed):
            ranks = [PRIORITY_ORDER.index(g.priority) for g in part]
            assert ranks == sorted(ranks)
        assert answered_no[0].item_id == "al-on-03" and answered_no[0].priority == ROADMAP
        assert answered_no[0].note == "Owner: Ana, due 2027-01-15"

    @settings(max_examples=40, deadline=None)
    @given(st.dictionaries(st.sampled_from(["al-on-02", "al-on-03", "be-on-02"]), st.booleans()))
    def test_priority_follows_the_roadmap_and_the_source(self, given_answers):
        """A gap is on the roadmap exactly when a model's roadmap names its item, else the paper's when quoted."""
        answers = ml(given_answers)
        result, levels = report_parts(answers)
        on_roadmap = {s.item_id for model in levels.models for s in model.roadmap}
        for gap in (*gaps(M, answers, result, levels)[0], *gaps(M, answers, result, levels)[1]):
            expected = ROADMAP if gap.item_id in on_roadmap else (
                PAPER_QUESTION if M.find(gap.item_id).source.basis == "paper" else OTHER)
            assert gap.priority == expected, gap


def answer_state(data: dict, item_id: str):
    """What an answers file holds for an item, raw: its answer, and whether it carries a reason."""
    value = data.get("answers", {}).get(item_id)
    return (sorted(value) if isinstance(value, list) else value, item_id in data.get("not_applicable", {}))


class TestComparison:
    def test_lists_exactly_the_items_whose_answers_changed(self):
        """Between two dated assessments of one project, the changed items are those whose answers differ in the files."""
        m = real_methodology()
        before_text = (EXAMPLES / "p7-card-fraud-detection-2026-03.json").read_bytes()
        after_text = (EXAMPLES / "p7-card-fraud-detection.json").read_bytes()
        before, after = parse_bytes(before_text, m, "before"), parse_bytes(after_text, m, "after")
        result = score(m, after)
        comparison = compare(m, before, after, result)
        raw_before, raw_after = json.loads(before_text), json.loads(after_text)
        route_items = [s.item_id for s in result.items]
        expected = [i for i in route_items if answer_state(raw_before, i) != answer_state(raw_after, i)]
        assert expected and sorted(comparison.changed_items) == sorted(expected)
        assert (comparison.points_before, comparison.points_after) == (score(m, before).points, result.points)
        assert comparison.points_after - comparison.points_before == \
            sum(c.points_after - c.points_before for c in (*comparison.gained, *comparison.lost))
        assert all(c.points_after > c.points_before for c in comparison.gained)
        assert comparison.previous_date == raw_before["date"]

    def test_same_answers_change_nothing(self):
        """An assessment compared with itself lists no change and the same total."""
        answers = ml({"al-on-02": True, "be-on-03": ("metric-1",)}, date="2026-12-01")
        result = score(M, answers)
        comparison = compare(M, answers, answers, result)
        assert comparison.changed_items == () and comparison.points_before == comparison.points_after

    @pytest.mark.parametrize("before, after, group", [
        ({"al-on-02": False}, {"al-on-02": True}, "gained"),
        ({"al-on-02": True}, {}, "lost"),
        ({}, {"al-on-02": False}, "changed"),
    ])
    def test_each_change_in_its_group(self, before, after, group):
        """A yes gained, a yes lost, and a first no each land in their own group."""
        comparison = compare(M, ml(before), ml(after), score(M, ml(after)))
        assert [c.item_id for c in getattr(comparison, group)] == ["al-on-02"]
        assert comparison.changed_items == ("al-on-02",)

    def test_another_route_is_named(self):
        """An earlier assessment on another route keeps its own total, and the route is named."""
        before = Answers(route="dashboard", answers={"al-on-02": True})
        comparison = compare(M, before, ml({"al-on-02": True}), score(M, ml({"al-on-02": True})))
        assert comparison.previous_route_title == M.route("dashboard").title
        assert comparison.maximum_before == score(M, before).maximum
