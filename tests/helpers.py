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


# Debian's Chromium, started the same way by every browser test (one browser per test session).
CHROMIUM = "/usr/bin/chromium"
# 127.0.0.1 under a name the browser does not trust as it trusts 127.0.0.1: a page served there
# over plain HTTP is not a secure context (no crypto.subtle), as on an intranet host.
INSECURE_HOST = "handbook.test"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-quic", "--no-first-run",
                 f"--host-resolver-rules=MAP {INSECURE_HOST} 127.0.0.1"]
