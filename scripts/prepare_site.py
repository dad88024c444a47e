"""Prepare the in-browser scorer's runtime inside docs/, before the site is built.

    python scripts/prepare_site.py        (./run build, ./run serve and ./run test do it)

Any generator that copies docs/ into the site (MkDocs, Zensical) then serves it as it is, so no
build hook is needed. It writes, under docs/assets/ (ignored by git):

    pyodide/            the Pyodide files a browser loads (from node_modules/pyodide)
    wheels/<hash>/      XlsxWriter's wheel and ours; the folder is named after the wheel's
                        content, so a browser never keeps running a cached older wheel
    methodology.json    loader.methodology_json("checklists"), the same JSON the wheel ships
    stdlib/<hash>/python_stdlib_startup.zip  the library the scorer starts with: the modules of
                        the standard library and of the package that a first total imports,
                        compiled (made by scripts/make_startup_stdlib.mjs in Node; the worker
                        installs the wheels and puts the whole python_stdlib.zip in its place once
                        the first total is out)
    snapshots/<hash>.bin  the memory snapshot shipped for a reader's first start (made by
                        scripts/make_snapshot.mjs in Node: the package imported, the methodology
                        read; its memory pages that are not all zeros, gzip-compressed)
    runtime.json        {"pyodide_version",
                         "pyodide": [{"name", "path", "sha256"}],   the files in PYODIDE_FILES
                         "wheels": [{"name", "path", "sha256"}],    in install order (after the
                                                                    first total: the package's modules
                                                                    a first total imports are compiled
                                                                    into the startup library)
                         "methodology": {"name", "path", "sha256"},
                         "startup_stdlib": {"name", "path", "sha256", "made_from", "modules"},
                         "snapshot": {"name", "path", "sha256", "size", "key", "length", "pages"}}
                        paths relative to assets/; the worker checks every file it loads against
                        its sha256 before using it. The snapshot's key names what it was made of
                        (as scorer-snapshot.js's snapshotKey gives it); "snapshot" is left out,
                        with a warning, if this package's start cannot be snapshotted.

It rebuilds our wheel first when the package or the checklists changed. A missing or outdated
input stops it with one message naming the command that fixes it, and exit status 2.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import json
import os
import runpy
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))  # the package, also when it is not installed

from mlops_handbook import HandbookError  # noqa: E402
from mlops_handbook.loader import methodology_json  # noqa: E402

PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
WHEEL_DIR = ROOT / "build" / "wheels"
CHECKLISTS = ROOT / "checklists"
ASSETS = ROOT / "docs" / "assets"
# What the (module) worker loads: the loader, the runtime module it imports, the interpreter,
# the standard library and the lock file loadPyodide reads. Pyodide 314 has no classic-worker
# build, so pyodide.js is not needed.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
# What this step writes under docs/assets/, and nothing else (.gitignore lists the same).
GENERATED = ("pyodide", "wheels", "stdlib", "snapshots", "methodology.json", "runtime.json")
MAKE_SNAPSHOT = ROOT / "scripts" / "make_snapshot.mjs"
MAKE_STARTUP_STDLIB = ROOT / "scripts" / "make_startup_stdlib.mjs"
STARTUP_STDLIB_NAME = "python_stdlib_startup.zip"
SNAPSHOT_NAME = "scorer-snapshot.bin"
SNAPSHOT_CANNOT_RESTORE = 3  # make_snapshot.mjs's exit status when the package's start grows the memory
NPM_SETUP = "npm ci"
HASH_DIGITS = 16


class PrepareError(Exception):
    """An input is missing or outdated; the message says which and what to run."""


def prepare(assets: Path = ASSETS) -> dict:
    """Write the runtime under assets/ and return what runtime.json says."""
    check_pyodide()
    wheels = package_wheels()
    try:
        methodology = methodology_json(CHECKLISTS)
    except HandbookError as error:
        raise PrepareError(f"checklists are invalid: {error.message}") from None

    assets.mkdir(parents=True, exist_ok=True)
    pyodide_files = [{"name": name, "path": f"pyodide/{name}",
                      "sha256": _copy_if_changed(PYODIDE_DIR / name, assets / "pyodide" / name)}
                     for name in PYODIDE_FILES]
    listed = []
    for wheel in wheels:
        digest = sha256(wheel)
        relative = f"wheels/{digest[:HASH_DIGITS]}/{wheel.name}"
        _copy_if_changed(wheel, assets / relative)
        listed.append({"name": wheel.name, "path": relative, "sha256": digest})
    _remove_other_wheels(assets / "wheels", {entry["path"] for entry in listed})

    _write_atomically(assets / "methodology.json", methodology.encode("utf-8"))
    runtime = {
        "pyodide_version": pinned_pyodide_version(),
        "pyodide": pyodide_files,
        "wheels": listed,
        "methodology": {"name": "methodology.json", "path": "methodology.json",
                        "sha256": sha256(assets / "methodology.json")},
    }
    previous = _read_runtime(assets / "runtime.json")
    runtime["startup_stdlib"] = startup_stdlib(assets, runtime, previous.get("startup_stdlib"))
    snapshot = shipped_snapshot(assets, runtime, previous.get("snapshot"))
    if snapshot:
        runtime["snapshot"] = snapshot
    _write_atomically(assets / "runtime.json",
                      json.dumps(runtime, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return runtime


def snapshot_key(runtime: dict) -> str:
    """The key scorer-snapshot.js's snapshotKey gives: the runtime and the release a snapshot is of."""
    named = {entry["name"]: entry["sha256"] for entry in runtime["pyodide"]}
    loaded = [runtime["startup_stdlib"]["sha256"]] + [wheel["sha256"] for wheel in runtime["wheels"]]
    loaded.append(runtime["methodology"]["sha256"])
    return (f"pyodide-{runtime['pyodide_version']}-{named['pyodide.asm.wasm']}-site-"
            + "".join(digest[:HASH_DIGITS] for digest in loaded))


def startup_stdlib(assets: Path, runtime: dict, previous: dict | None) -> dict:
    """runtime.json's "startup_stdlib" entry: the one made before if it was made from the same runtime,
    wheels and methodology and is still there, else a new one made by make_startup_stdlib.mjs
    (a few seconds, in Node)."""
    named = {entry["name"]: entry["sha256"] for entry in runtime["pyodide"]}
    made_from = "".join(digest[:HASH_DIGITS] for digest in [
        named["pyodide.asm.wasm"], named["python_stdlib.zip"], *(wheel["sha256"] for wheel in runtime["wheels"]),
        runtime["methodology"]["sha256"], sha256(MAKE_STARTUP_STDLIB)])
    folder = assets / "stdlib"
    if _still_valid(assets, previous, "made_from", made_from):
        return previous
    with _temporary_in(folder) as temporary:
        made = _run_node(MAKE_STARTUP_STDLIB, assets, temporary, runtime)
        if made.returncode != 0:
            raise PrepareError("could not make the scorer's startup standard library with "
                               f"scripts/make_startup_stdlib.mjs (Node exited with {made.returncode}): "
                               f"{made.stderr.strip()[-600:]}")
        digest = sha256(Path(temporary))
        relative = f"stdlib/{digest[:HASH_DIGITS]}/{STARTUP_STDLIB_NAME}"
        _move_into_place(temporary, assets / relative)
    _remove_others(folder, {Path(relative).parent.name})
    return {"name": STARTUP_STDLIB_NAME, "path": relative, "sha256": digest, "made_from": made_from,
            "modules": json.loads(made.stdout)["modules"]}


def _still_valid(assets: Path, previous: dict | None, field: str, value: str) -> bool:
    """Whether runtime.json's earlier entry was made from the same inputs (its `field` is `value`) and
    its file is still there with the same bytes."""
    return bool(previous and previous.get(field) == value and (assets / previous.get("path", "-")).is_file()
                and sha256(assets / previous["path"]) == previous.get("sha256"))


@contextlib.contextmanager
def _temporary_in(folder: Path):
    """A hidden file's path in folder for a Node script to write, removed afterwards unless moved into place."""
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=folder, prefix=".new-")
    os.close(handle)
    try:
        yield temporary
    finally:
        Path(temporary).unlink(missing_ok=True)


def _move_into_place(temporary: str, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    os.chmod(temporary, 0o644)
    os.replace(temporary, target)


def _run_node(script: Path, assets: Path, out: str, runtime: dict) -> subprocess.CompletedProcess:
    """Run one of the prepare step's Node scripts on assets/, with what runtime.json will say on its input."""
    return subprocess.run(["node", "--disable-warning=MODULE_TYPELESS_PACKAGE_JSON", str(script), str(assets), out],
                          input=json.dumps(runtime), capture_output=True, text=True, check=False)


def shipped_snapshot(assets: Path, runtime: dict, previous: dict | None) -> dict | None:
    """runtime.json's "snapshot" entry: the one made before if it is of the same runtime and release
    and still there, else a new one made by make_snapshot.mjs (a few seconds); None if none can be."""
    key = snapshot_key(runtime)
    folder = assets / "snapshots"
    if _still_valid(assets, previous, "key", key):
        return previous
    with _temporary_in(folder) as temporary:
        made = _run_node(MAKE_SNAPSHOT, assets, temporary, runtime)
        if made.returncode == SNAPSHOT_CANNOT_RESTORE:
            print(f"prepare_site: warning: no snapshot is shipped for first starts: {made.stderr.strip()}",
                  file=sys.stderr)
            _remove_others(folder, set())
            return None
        if made.returncode != 0:
            raise PrepareError("could not make the scorer's memory snapshot with scripts/make_snapshot.mjs "
                               f"(Node exited with {made.returncode}): {made.stderr.strip()[-600:]}")
        described = json.loads(made.stdout)
        if described["key"] != key:
            raise PrepareError(f"scripts/make_snapshot.mjs made the snapshot under {described['key']}, but this "
                               f"runtime's key is {key}: snapshot_key() and scorer-snapshot.js disagree.")
        digest = sha256(Path(temporary))
        relative = f"snapshots/{digest[:HASH_DIGITS]}.bin"
        _move_into_place(temporary, assets / relative)
    _remove_others(folder, {Path(relative).name})
    return {"name": SNAPSHOT_NAME, "path": relative, "sha256": digest, "size": (assets / relative).stat().st_size,
            "key": key, "length": described["length"], "pages": described["pages"]}


def _read_runtime(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}



def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pinned_pyodide_version() -> str:
    package = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))
    return package["dependencies"]["pyodide"]


def check_pyodide(pyodide_dir: Path | None = None) -> None:
    pyodide_dir = pyodide_dir or PYODIDE_DIR
    pinned = pinned_pyodide_version()
    installed_file = pyodide_dir / "package.json"
    if not installed_file.is_file():
        raise PrepareError(f"The in-browser scorer needs Pyodide {pinned} from npm, but node_modules/pyodide is "
                           f"missing. Run `{NPM_SETUP}` in the repository, then prepare again.")
    installed = json.loads(installed_file.read_text(encoding="utf-8")).get("version")
    if installed != pinned:
        raise PrepareError(f"node_modules holds Pyodide {installed}, but package.json pins {pinned}. Run "
                           f"`{NPM_SETUP}` in the repository to install the pinned version, then prepare again.")
    missing = [name for name in PYODIDE_FILES if not (pyodide_dir / name).is_file()]
    if missing:
        raise PrepareError(f"{', '.join(missing)} missing from node_modules/pyodide; the in-browser scorer "
                           f"cannot start without them. Run `{NPM_SETUP}` in the repository to reinstall, "
                           "then prepare again.")


def package_wheels(wheel_dir: Path | None = None) -> list[Path]:
    """The browser's wheels in install order, ours rebuilt first if the source changed."""
    wheel_dir = wheel_dir or WHEEL_DIR
    spec = importlib.util.spec_from_file_location("build_wheels", ROOT / "scripts" / "build_wheels.py")
    build_wheels = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build_wheels)
    try:
        if wheel_dir.is_dir():
            build_wheels.ensure_package_wheel(wheel_dir)
        return build_wheels.check_wheels(wheel_dir)
    except build_wheels.WheelError as error:
        raise PrepareError(str(error)) from None


def _copy_if_changed(source: Path, target: Path) -> str:
    """Copy source to target unless target already holds the same bytes; the sha256 of both."""
    digest = sha256(source)
    if not (target.is_file() and sha256(target) == digest):
        _write_atomically(target, source.read_bytes())
    return digest


def _remove_other_wheels(wheels_dir: Path, kept: set[str]) -> None:
    if wheels_dir.is_dir():
        _remove_others(wheels_dir, {path.split("/")[1] for path in kept})


def _remove_others(folder: Path, kept: set[str]) -> None:
    """Remove every entry of folder not named in kept (an older release's files), but the hidden
    files that another preparation running at the same time may be writing."""
    for entry in folder.iterdir():
        if entry.name not in kept and not entry.name.startswith("."):
            shutil.rmtree(entry) if entry.is_dir() else entry.unlink()


def _write_atomically(target: Path, data: bytes) -> None:
    """Write beside the target, then rename: a build running meanwhile sees the old or the new file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.chmod(temporary, 0o644)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def main() -> int:
    try:
        runtime = prepare()
    except PrepareError as error:
        print(f"prepare_site: {error}", file=sys.stderr)
        return 2
    print(f"Prepared the scorer's runtime in docs/assets/: Pyodide {runtime['pyodide_version']}, "
          + ", ".join(entry["name"] for entry in runtime["wheels"]))
    if os.environ.get("COMPRESS", "1") != "0":
        # The runtime's compressed copies, made once per runtime version (Brotli 11 on the
        # WebAssembly takes most of a minute), so that builds and test runs find them ready.
        fill_cache = runpy.run_path(str(Path(__file__).with_name("compress_site.py")))["fill_cache"]
        pyodide = sorted(path for path in (ASSETS / "pyodide").iterdir() if path.is_file())
        if fill_cache(pyodide):
            print("Compressed the Pyodide runtime for the build's .br and .gz copies (kept in build/compressed/)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
