"""A plain install: the wheel built from this tree, installed into a fresh virtual environment that
holds only XlsxWriter, runs every command without PyYAML or jsonschema.

One wheel and one environment per session (a few seconds); no network: the build uses the pinned
backend installed here (--no-isolation) and XlsxWriter comes from build/wheels/.
"""

import importlib.util
import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from helpers import REPO
from mlops_handbook.cli import main
from mlops_handbook.loader import methodology_json

pytestmark = pytest.mark.install

WHEELS = REPO / "build" / "wheels"
XLSXWRITER = WHEELS / "xlsxwriter-3.3.1-py3-none-any.whl"


@pytest.fixture(scope="session")
def wheel(tmp_path_factory) -> Path:
    """Our wheel, built from the source tree as `pip install .` would build it."""
    out = tmp_path_factory.mktemp("wheel")
    process = subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--skip-dependency-check",
                              "--outdir", str(out), str(REPO)], capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stdout[-3000:] + process.stderr[-3000:]
    (built,) = out.glob("mlops_handbook-*.whl")
    return built


@pytest.fixture(scope="session")
def environment(wheel, tmp_path_factory) -> Path:
    """A new virtual environment with the wheel and XlsxWriter installed, nothing else; its bin folder."""
    if not XLSXWRITER.is_file():
        pytest.fail(f"{XLSXWRITER.name} is missing: run `python scripts/build_wheels.py` first", pytrace=False)
    venv = tmp_path_factory.mktemp("plain-install") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True, timeout=120)
    bin_dir = venv / "bin"
    process = subprocess.run([sys.executable, "-m", "pip", "--python", str(bin_dir / "python"), "install",
                              "--quiet", "--disable-pip-version-check", "--no-index", "--find-links", str(WHEELS),
                              str(wheel)], capture_output=True, text=True, timeout=300)
    assert process.returncode == 0, process.stdout[-3000:] + process.stderr[-3000:]
    return bin_dir


def clean_env() -> dict[str, str]:
    """The environment without PYTHON* variables, so nothing outside the virtual environment is imported."""
    return {key: value for key, value in os.environ.items() if not key.startswith("PYTHON")}


def run(bin_dir: Path, *args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(bin_dir / "mlops-handbook"), *args], capture_output=True, text=True,
                          timeout=60, cwd=cwd, env=clean_env())


class TestWheel:
    def test_ships_the_methodology_as_json(self, wheel):
        """The wheel holds mlops_handbook/methodology.json, equal to what the loader makes of checklists/."""
        with zipfile.ZipFile(wheel) as archive:
            shipped = archive.read("mlops_handbook/methodology.json").decode("utf-8")
        assert shipped == methodology_json(REPO / "checklists")

    def test_is_current_for_the_browser_check(self, wheel):
        """scripts/build_wheels.py finds a freshly built wheel current, generated file included."""
        spec = importlib.util.spec_from_file_location("build_wheels", REPO / "scripts" / "build_wheels.py")
        build_wheels = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(build_wheels)
        assert build_wheels.stale_files(wheel) == []

    def test_build_requirements_are_pinned(self):
        """[build-system] requires pins the backend and what the build hook needs to read the YAML."""
        import tomllib

        requires = tomllib.loads((REPO / "pyproject.toml").read_text())["build-system"]["requires"]
        names = {r.split("==")[0].lower() for r in requires if "==" in r}
        assert len(names) == len(requires) and {"hatchling", "pyyaml", "jsonschema"} <= names


class TestPlainInstall:
    def test_nothing_but_xlsxwriter_besides(self, environment, tmp_path):
        """The environment has no PyYAML and no jsonschema, and imports the package from itself."""
        code = ("import importlib.util as u, mlops_handbook as m; "
                "print(u.find_spec('yaml') is None, u.find_spec('jsonschema') is None, m.__file__)")
        process = subprocess.run([str(environment / "python"), "-c", code], capture_output=True, text=True,
                                 timeout=60, cwd=tmp_path, env=clean_env())
        no_yaml, no_jsonschema, location = process.stdout.split()
        assert (no_yaml, no_jsonschema) == ("True", "True")
        assert Path(location).is_relative_to(environment.parent)

    def test_routes_match_the_source(self, environment, tmp_path, capsys):
        """`routes --json` in the plain install gives what the source tree's YAML gives."""
        process = run(environment, "routes", "--json", cwd=tmp_path)
        assert process.returncode == 0, process.stderr
        assert main(["routes", "--json"]) == 0
        assert json.loads(process.stdout) == json.loads(capsys.readouterr().out)

    def test_template_score_export(self, environment, tmp_path):
        """`template`, `score` and `export` work in the plain install."""
        made = run(environment, "template", "--route", "dashboard", "-o", "a.json", cwd=tmp_path)
        assert made.returncode == 0, made.stderr
        scored = run(environment, "score", "a.json", cwd=tmp_path)
        assert scored.returncode == 0, scored.stderr
        assert "Total on the paper's scale: 0 of 55 points, 0.0%" in scored.stdout
        exported = run(environment, "export", "a.json", "-o", "score.xlsx", cwd=tmp_path)
        assert exported.returncode == 0, exported.stderr
        assert (tmp_path / "score.xlsx").read_bytes()[:2] == b"PK"

    def test_validate_says_what_to_install(self, environment, tmp_path):
        """`validate` without PyYAML exits 2 with one line naming the extra to install, no traceback."""
        process = run(environment, "validate", cwd=tmp_path)
        assert process.returncode == 2
        assert process.stderr.count("\n") == 1 and "Traceback" not in process.stderr
        assert 'pip install "mlops-handbook[yaml]"' in process.stderr
