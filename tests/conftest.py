"""Shared fixtures."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]


def load_script(name: str):
    """A module of scripts/ (they are run as files, not installed)."""
    spec = importlib.util.spec_from_file_location(name, REPO_ROOT / "scripts" / f"{name}.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(autouse=True)
def _english_by_default(monkeypatch: pytest.MonkeyPatch) -> None:
    """The CLI's language follows the locale: under a Spanish one, the tests still run in English
    unless they choose (`--lang`, or a locale of their own)."""
    from mlops_handbook.languages import ENGLISH, language_from_environment

    if language_from_environment() != ENGLISH:
        monkeypatch.setenv("LC_ALL", "C.UTF-8")


def _prepare_runtime() -> None:
    """The build's first step, as ./run does it (quick when docs/assets/ is current)."""
    prepare_site = load_script("prepare_site")
    try:
        prepare_site.prepare()
    except prepare_site.PrepareError as error:
        pytest.fail(f"preparing the scorer's runtime failed: {error}", pytrace=False)


def _finish(site_dir: Path) -> None:
    finish_site = load_script("finish_site")
    finish_site.finish(site_dir)


# Each language's configuration and where its build goes in the site, as ./run build does it:
# English at the root first (a build empties its folder), then Spanish into es/.
LANGUAGE_BUILDS = (("mkdocs.yml", ""), ("mkdocs.es.yml", "es"))


def _mkdocs_build(project_dir: Path, site_dir: Path, config: str = "mkdocs.yml") -> subprocess.CompletedProcess:
    """Run `mkdocs build --strict -f config -d site_dir` in project_dir; output merged into stdout."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # silences the theme's end-of-life banner
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site_dir)],
        cwd=project_dir, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
        text=True, timeout=600, check=False,
    )


# The built sites are shared by the test processes of one run (pytest-xdist's workers): the first
# to ask builds, under a lock, and the others wait for it and use the same folder, instead of each
# building both languages with both generators again. Tests copy a site before changing it.
TEST_SITES = REPO_ROOT / "build" / "test-sites"


def _built_once(name: str, build) -> Path:
    """build(site_dir) once per test run, for every process of it; the Path of the site."""
    import fcntl
    import time

    run = os.environ.get("PYTEST_XDIST_TESTRUNUID") or f"single-{os.getpid()}"
    folder = TEST_SITES / run
    folder.mkdir(parents=True, exist_ok=True)
    for other in TEST_SITES.iterdir():  # earlier runs' sites (an hour old: no run lasts that long)
        if other != folder and other.stat().st_mtime < time.time() - 3600:
            shutil.rmtree(other, ignore_errors=True)
    site_dir, failed, done = folder / name, folder / f"{name}.failed", folder / f"{name}.built"
    with open(folder / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if failed.is_file():
            pytest.fail(failed.read_text(encoding="utf-8"), pytrace=False)
        if not done.is_file():
            shutil.rmtree(site_dir, ignore_errors=True)
            _prepare_runtime()
            problem = build(site_dir)
            if problem:
                failed.write_text(problem, encoding="utf-8")
                pytest.fail(problem, pytrace=False)
            _finish(site_dir)
            done.touch()
    return site_dir


@pytest.fixture(scope="session")
def built_site() -> Path:
    """The handbook built once per test run with --strict, in both languages; the Path of the built site."""
    def build(site_dir: Path) -> str | None:
        for config, folder in LANGUAGE_BUILDS:
            result = _mkdocs_build(REPO_ROOT, site_dir / folder, config)
            if result.returncode != 0:
                return f"mkdocs build --strict -f {config} failed (exit {result.returncode}):\n{result.stdout}"
        return None

    return _built_once("mkdocs", build)


@pytest.fixture(scope="session")
def zensical_site() -> Path:
    """The handbook built once per test run by Zensical, from the same configurations, then finished.

    Zensical writes only inside the project, so the site goes to build/ (ignored by git).
    """
    def build(site_dir: Path) -> str | None:
        for config, folder in LANGUAGE_BUILDS:
            env = dict(os.environ, SITE_DIR=str((site_dir / folder).relative_to(REPO_ROOT)))
            result = subprocess.run([sys.executable, "-m", "zensical", "build", "--strict", "-f", config],
                                    cwd=REPO_ROOT, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                                    text=True, timeout=600, check=False)
            if result.returncode != 0 or not (site_dir / folder / "index.html").is_file():
                return f"zensical build --strict -f {config} failed (exit {result.returncode}):\n{result.stdout}"
        return None

    return _built_once("zensical", build)


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
