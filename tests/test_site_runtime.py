"""The scorer's runtime in the built site (site_hooks.py) and the wheel checks it relies on."""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
import zipfile
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError

from mlops_handbook.loader import load_raw

pytestmark = pytest.mark.site

ROOT = Path(__file__).resolve().parents[1]


def _load(name: str, path: Path):
    spec = importlib.util.spec_from_file_location(name, path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def hooks():
    return _load("site_hooks", ROOT / "site_hooks.py")


@pytest.fixture(scope="module")
def build_wheels():
    return _load("build_wheels", ROOT / "scripts" / "build_wheels.py")


class TestRuntimeAssets:
    def test_pyodide_files_are_copied_unchanged(self, built_site, hooks):
        """Every Pyodide file the worker loads is in assets/pyodide/, byte for byte, and nothing else."""
        copied = built_site / "assets" / "pyodide"
        assert sorted(p.name for p in copied.iterdir()) == sorted(hooks.PYODIDE_FILES)
        for name in hooks.PYODIDE_FILES:
            assert (copied / name).read_bytes() == (hooks.PYODIDE_DIR / name).read_bytes(), name

    def test_runtime_json_lists_the_wheels_in_install_order(self, built_site):
        """runtime.json names XlsxWriter's wheel, then ours, at paths that hold exactly those bytes."""
        runtime = json.loads((built_site / "assets" / "runtime.json").read_text(encoding="utf-8"))
        assert runtime["pyodide_version"] == json.loads((ROOT / "package.json").read_text())["dependencies"]["pyodide"]
        names = [wheel["name"] for wheel in runtime["wheels"]]
        assert names[0].startswith("xlsxwriter-3.3.1-") and names[1].startswith("mlops_handbook-")
        for wheel in runtime["wheels"]:
            data = (built_site / "assets" / wheel["path"]).read_bytes()
            assert hashlib.sha256(data).hexdigest() == wheel["sha256"]
            assert wheel["path"] == f'wheels/{wheel["sha256"][:16]}/{wheel["name"]}'
            assert data == (ROOT / "build" / "wheels" / wheel["name"]).read_bytes()

    def test_methodology_json_is_the_loaders_data(self, built_site):
        """assets/methodology.json is exactly loader.load_raw of the checklists."""
        written = json.loads((built_site / "assets" / "methodology.json").read_text(encoding="utf-8"))
        assert written == json.loads(json.dumps(load_raw(ROOT / "checklists")))


class TestBuildStopsWithoutRuntime:
    def test_missing_pyodide_names_npm_ci(self, hooks, monkeypatch, tmp_path):
        """Without node_modules/pyodide the build stops and says to run npm ci."""
        monkeypatch.setattr(hooks, "PYODIDE_DIR", tmp_path / "pyodide")
        with pytest.raises(PluginError, match="npm ci"):
            hooks.on_pre_build({})

    def test_wrong_pyodide_version_is_refused(self, hooks, monkeypatch, tmp_path):
        """A Pyodide other than the pinned one stops the build with both versions named."""
        fake = tmp_path / "pyodide"
        fake.mkdir()
        (fake / "package.json").write_text('{"version": "0.1.0"}')
        monkeypatch.setattr(hooks, "PYODIDE_DIR", fake)
        with pytest.raises(PluginError, match=r"0\.1\.0.*pins"):
            hooks.on_pre_build({})

    def test_missing_wheels_name_the_script(self, hooks, monkeypatch, tmp_path):
        """Without the wheels the build stops and names scripts/build_wheels.py."""
        monkeypatch.setattr(hooks, "WHEEL_DIR", tmp_path)
        with pytest.raises(PluginError, match="build_wheels.py"):
            hooks.on_pre_build({})


class TestWheelChecks:
    def _copy_wheels(self, build_wheels, target: Path) -> Path:
        wheels = build_wheels.check_wheels(ROOT / "build" / "wheels")
        for wheel in wheels:
            shutil.copy2(wheel, target / wheel.name)
        return target / wheels[1].name

    def test_current_wheels_pass(self, build_wheels, tmp_path):
        """The wheels in build/wheels match the source tree."""
        ours = self._copy_wheels(build_wheels, tmp_path)
        assert build_wheels.stale_files(ours) == []

    def test_changed_module_makes_the_wheel_stale(self, build_wheels, tmp_path):
        """A wheel whose module differs from the source is reported stale, naming the file."""
        ours = self._copy_wheels(build_wheels, tmp_path)
        with zipfile.ZipFile(ours) as archive:
            contents = {name: archive.read(name) for name in archive.namelist()}
        contents["mlops_handbook/scoring.py"] += b"\n# changed\n"
        ours.unlink()
        with zipfile.ZipFile(ours, "w") as archive:
            for name, data in contents.items():
                archive.writestr(name, data)
        assert build_wheels.stale_files(ours) == ["mlops_handbook/scoring.py"]
        with pytest.raises(build_wheels.WheelError, match="older than the source"):
            build_wheels.check_wheels(tmp_path)

    def test_altered_xlsxwriter_wheel_is_refused(self, build_wheels, tmp_path):
        """An XlsxWriter wheel with other bytes than the published one is refused."""
        self._copy_wheels(build_wheels, tmp_path)
        with open(tmp_path / build_wheels.XLSXWRITER_WHEEL, "ab") as file:
            file.write(b"\0")
        with pytest.raises(build_wheels.WheelError, match="SHA-256"):
            build_wheels.check_wheels(tmp_path)
