"""Unit tests of the methodology model on the small fixture checklist."""

import pytest

from helpers import fixture_methodology
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
