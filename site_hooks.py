"""MkDocs hooks: put the in-browser scorer's runtime into the built site.

After the build, <site>/assets/ gets
    pyodide/            the Pyodide files a browser loads (from node_modules/pyodide)
    wheels/<hash>/      XlsxWriter's wheel and ours; the folder is named after the wheel's
                        content, so a browser never keeps running a cached older wheel
    methodology.json    loader.load_raw("checklists"), which the package rebuilds in the browser
    runtime.json        {"pyodide_version", "wheels": [{"name", "path", "sha256"}]}, install order

Missing or outdated inputs stop the build before any page is written, naming the setup command.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import shutil
from pathlib import Path

from mkdocs.exceptions import PluginError

from mlops_handbook import HandbookError
from mlops_handbook.loader import load_raw

ROOT = Path(__file__).resolve().parent
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
WHEEL_DIR = ROOT / "build" / "wheels"
# What the (module) worker loads: the loader, the runtime module it imports, the interpreter,
# the standard library and the lock file loadPyodide reads. Pyodide 314 has no classic-worker
# build, so pyodide.js is not needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
NPM_SETUP = "npm ci"
HASH_DIGITS = 16


def on_pre_build(config) -> None:
    _check_pyodide()
    _wheels()


def on_post_build(config) -> None:
    assets = Path(config["site_dir"]) / "assets"
    runtime_dir = assets / "pyodide"
    if runtime_dir.exists():
        shutil.rmtree(runtime_dir)
    runtime_dir.mkdir(parents=True)
    for name in PYODIDE_FILES:
        shutil.copyfile(PYODIDE_DIR / name, runtime_dir / name)

    wheels_dir = assets / "wheels"
    if wheels_dir.exists():
        shutil.rmtree(wheels_dir)
    listed = []
    for wheel in _wheels():
        digest = hashlib.sha256(wheel.read_bytes()).hexdigest()
        relative = f"wheels/{digest[:HASH_DIGITS]}/{wheel.name}"
        (assets / relative).parent.mkdir(parents=True)
        shutil.copyfile(wheel, assets / relative)
        listed.append({"name": wheel.name, "path": relative, "sha256": digest})

    checklists = Path(config["config_file_path"]).resolve().parent / "checklists"
    try:
        methodology = load_raw(checklists)
    except HandbookError as error:
        raise PluginError(f"checklists are invalid: {error.message}") from None
    _write_json(assets / "methodology.json", methodology)
    _write_json(assets / "runtime.json", {"pyodide_version": _pinned_pyodide_version(), "wheels": listed})


def _write_json(path: Path, data) -> None:
    path.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")), encoding="utf-8")


def _pinned_pyodide_version() -> str:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return package["dependencies"]["pyodide"]


def _check_pyodide() -> None:
    pinned = _pinned_pyodide_version()
    installed_file = PYODIDE_DIR / "package.json"
    if not installed_file.is_file():
        raise PluginError(f"The in-browser scorer needs Pyodide {pinned} from npm, but {PYODIDE_DIR} is "
                          f"missing. Run `{NPM_SETUP}` in {ROOT}, then build again.")
    installed = json.loads(installed_file.read_text(encoding="utf-8")).get("version")
    if installed != pinned:
        raise PluginError(f"node_modules holds Pyodide {installed}, but package.json pins {pinned}. "
                          f"Run `{NPM_SETUP}` in {ROOT} to install the pinned version, then build again.")
    missing = [name for name in PYODIDE_FILES if not (PYODIDE_DIR / name).is_file()]
    if missing:
        raise PluginError(f"{', '.join(missing)} missing from {PYODIDE_DIR}; the in-browser scorer cannot "
                          f"start without them. Run `{NPM_SETUP}` in {ROOT} to reinstall, then build again.")


def _wheels() -> list[Path]:
    spec = importlib.util.spec_from_file_location("build_wheels", ROOT / "scripts" / "build_wheels.py")
    build_wheels = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_wheels)
    try:
        if WHEEL_DIR.is_dir():
            # An edit to the package or the checklists (e.g. under `mkdocs serve`) rebuilds our
            # wheel here, so the browser never scores with old code.
            build_wheels.ensure_package_wheel(WHEEL_DIR)
        return build_wheels.check_wheels(WHEEL_DIR)
    except build_wheels.WheelError as error:
        raise PluginError(str(error)) from None
