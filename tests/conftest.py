"""Shared fixtures."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def _mkdocs_build(project_dir: Path, site_dir: Path) -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict -d site_dir` in project_dir; output merged into stdout."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # silences the theme's end-of-life banner
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-d", str(site_dir)],
        cwd=project_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=600, check=False,
    )


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The handbook built once per session with --strict; the Path of the built site."""
    site_dir = tmp_path_factory.mktemp("built-site") / "site"
    result = _mkdocs_build(REPO_ROOT, site_dir)
    if result.returncode != 0:
        pytest.fail(f"mkdocs build --strict failed (exit {result.returncode}):\n{result.stdout}", pytrace=False)
    return site_dir


@pytest.fixture(scope="session")
def browser():
    """One headless Chromium for the whole session: Playwright's sync API allows a single instance."""
    from helpers import CHROMIUM, CHROMIUM_ARGS

    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pinned in requirements.txt: a missing install fails the run instead of skipping
        pytest.fail("Playwright is not installed: `./run test` installs it from requirements.txt", pytrace=False)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield chromium
        finally:
            chromium.close()
