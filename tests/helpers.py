"""Small shared helpers for the tests (paths and loading the fixture methodology)."""

from pathlib import Path

from mlops_handbook.loader import load_methodology

TESTS = Path(__file__).parent
REPO = TESTS.parent
FIXTURE_CHECKLISTS = TESTS / "fixtures" / "checklists"
REAL_CHECKLISTS = REPO / "checklists"


def fixture_methodology():
    return load_methodology(FIXTURE_CHECKLISTS)


def real_methodology():
    return load_methodology(REAL_CHECKLISTS)
