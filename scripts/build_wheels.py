"""Put the two wheels the in-browser scorer installs into build/wheels/: ours and XlsxWriter's.

    python scripts/build_wheels.py           # build / fetch what is missing or out of date
    python scripts/build_wheels.py --check   # only report whether both wheels are there and current

Our wheel is rebuilt only when its contents differ from the source tree (src/mlops_handbook,
checklists/ and the methodology JSON that the build hook makes from them), so running this again
changes nothing. XlsxWriter comes as its published pure-Python wheel, checked against a pinned
SHA-256. The site build and the Pyodide tests use the same check (`check_wheels`) so that a
browser never runs code older than the source.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import importlib.util
import shutil
import subprocess
import sys
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WHEEL_DIR = ROOT / "build" / "wheels"
PACKAGE = "mlops_handbook"
GENERATED = f"{PACKAGE}/methodology.json"  # made at wheel build time by hatch_build.py
XLSXWRITER_VERSION = "3.3.1"
XLSXWRITER_WHEEL = f"xlsxwriter-{XLSXWRITER_VERSION}-py3-none-any.whl"
XLSXWRITER_SHA256 = "8e2c89e59d733fe59e112317218c64fbbc276d90a8c144ebd6f7fa15e7ab184a"
SETUP_COMMAND = "python scripts/build_wheels.py"


class WheelError(Exception):
    """A wheel is missing, out of date or cannot be made; the message says what to do."""


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="do not build: exit 1 if a wheel is missing or older than the source")
    args = parser.parse_args(argv)
    try:
        if not args.check:
            ensure_xlsxwriter_wheel(WHEEL_DIR)
            ensure_package_wheel(WHEEL_DIR)
        wheels = check_wheels(WHEEL_DIR)
    except WheelError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    for wheel in wheels:
        print(wheel.relative_to(ROOT))
    return 0


# ---------------------------------------------------------------- checking

def check_wheels(wheel_dir: Path = WHEEL_DIR) -> list[Path]:
    """The XlsxWriter wheel and ours, in install order; WheelError if one is missing or stale."""
    xlsxwriter = wheel_dir / XLSXWRITER_WHEEL
    if not xlsxwriter.is_file():
        raise WheelError(f"{xlsxwriter} is missing. The in-browser scorer installs XlsxWriter "
                         f"{XLSXWRITER_VERSION} from it. Run `{SETUP_COMMAND}` (it downloads the wheel "
                         "from PyPI once).")
    if _sha256(xlsxwriter) != XLSXWRITER_SHA256:
        raise WheelError(f"{xlsxwriter} is not the published XlsxWriter {XLSXWRITER_VERSION} wheel "
                         f"(its SHA-256 differs). Delete it and run `{SETUP_COMMAND}`.")
    ours = _package_wheels(wheel_dir)
    if not ours:
        raise WheelError(f"no {PACKAGE} wheel in {wheel_dir}. The in-browser scorer runs the package "
                         f"from it. Run `{SETUP_COMMAND}`.")
    if len(ours) > 1:
        raise WheelError(f"{wheel_dir} holds {len(ours)} {PACKAGE} wheels ({', '.join(p.name for p in ours)}), "
                         f"so it is unclear which to ship. Delete them and run `{SETUP_COMMAND}`.")
    stale = stale_files(ours[0])
    if stale:
        shown = ", ".join(stale[:5]) + (f" and {len(stale) - 5} more" if len(stale) > 5 else "")
        raise WheelError(f"{ours[0].name} is older than the source ({shown} differ), so the browser "
                         f"would score with old code. Run `{SETUP_COMMAND}` to rebuild it.")
    return [xlsxwriter, ours[0]]


def stale_files(wheel: Path) -> list[str]:
    """Paths (as stored in the wheel) whose bytes differ from the source tree, or exist on one side only."""
    expected = _source_files()
    with zipfile.ZipFile(wheel) as archive:
        packed = {name: archive.read(name) for name in archive.namelist()
                  if name.startswith(f"{PACKAGE}/") and not name.endswith("/")}
    return sorted(name for name in expected.keys() | packed.keys()
                  if expected.get(name) != packed.get(name))


def _source_files() -> dict[str, bytes]:
    """What our wheel must contain under mlops_handbook/, read from the source tree."""
    files: dict[str, bytes] = {}
    package_dir = ROOT / "src" / PACKAGE
    for path in sorted(package_dir.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts and path.suffix != ".pyc":
            files[f"{PACKAGE}/{path.relative_to(package_dir).as_posix()}"] = path.read_bytes()
    checklists = ROOT / "checklists"
    for path in sorted(checklists.rglob("*")):
        if path.is_file():
            files[f"{PACKAGE}/checklists/{path.relative_to(checklists).as_posix()}"] = path.read_bytes()
    files[GENERATED] = _generated_methodology()
    return files


def _generated_methodology() -> bytes:
    """What the build hook (hatch_build.py) writes into the wheel: the checklists as JSON."""
    spec = importlib.util.spec_from_file_location("hatch_build", ROOT / "hatch_build.py")
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    try:
        return hook.methodology_json(ROOT).encode("utf-8")
    except Exception as error:  # the hook reports an invalid checklist the same way
        raise WheelError(f"the methodology JSON of the wheel cannot be made from checklists/ ({error}); "
                         "run `mlops-handbook validate checklists` and fix what it reports.") from None


def _package_wheels(wheel_dir: Path) -> list[Path]:
    return sorted(wheel_dir.glob(f"{PACKAGE}-*.whl"))


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# ---------------------------------------------------------------- building

def ensure_xlsxwriter_wheel(wheel_dir: Path) -> None:
    target = wheel_dir / XLSXWRITER_WHEEL
    if target.is_file() and _sha256(target) == XLSXWRITER_SHA256:
        return
    wheel_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        requirements = Path(scratch) / "requirements.txt"
        requirements.write_text(f"xlsxwriter=={XLSXWRITER_VERSION} --hash=sha256:{XLSXWRITER_SHA256}\n")
        download = Path(scratch) / "download"
        _run([sys.executable, "-m", "pip", "download", "--only-binary", ":all:", "--no-deps",
              "--require-hashes", "-r", str(requirements), "--dest", str(download)],
             f"Could not download the XlsxWriter {XLSXWRITER_VERSION} wheel with pip (its output is above). "
             "The wheel comes from PyPI, so this step needs access to it once, and its SHA-256 must be "
             f"the pinned {XLSXWRITER_SHA256[:12]}...; check pip's connection or proxy settings, then "
             f"run `{SETUP_COMMAND}` again.")
        fetched = download / XLSXWRITER_WHEEL
        if not fetched.is_file():
            raise WheelError(f"pip did not produce {XLSXWRITER_WHEEL} (it saved "
                             f"{', '.join(p.name for p in download.iterdir()) or 'nothing'}). The browser "
                             "needs that pure-Python wheel; check that pip is not configured to use another "
                             "file for XlsxWriter.")
        shutil.move(fetched, target)


def ensure_package_wheel(wheel_dir: Path) -> None:
    existing = _package_wheels(wheel_dir)
    if len(existing) == 1 and not stale_files(existing[0]):
        return
    wheel_dir.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as scratch:
        _run(_build_command(Path(scratch)),
             f"Could not build the {PACKAGE} wheel from {ROOT}. Read pip's or build's output above; "
             "a fresh machine needs access to PyPI once to fetch the build backend "
             f"({', '.join(_build_requirements())}).")
        built = sorted(Path(scratch).glob(f"{PACKAGE}-*.whl"))
        if len(built) != 1:
            raise WheelError(f"the build produced {len(built)} {PACKAGE} wheels instead of one; "
                             "check [tool.hatch.build] in pyproject.toml.")
        for old in existing:
            old.unlink()
        shutil.move(built[0], wheel_dir / built[0].name)


def _build_requirements() -> list[str]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return list(tomllib.load(file)["build-system"]["requires"])


def _requirement_installed(requirement: str) -> bool:
    """True for an exact pin `name==version` that this interpreter has installed."""
    name, _, version = requirement.partition("==")
    try:
        return bool(version) and importlib.metadata.version(name.strip()) == version.strip()
    except importlib.metadata.PackageNotFoundError:
        return False


def _build_command(outdir: Path) -> list[str]:
    """Build without a new environment when the pinned backend is installed (works offline);
    otherwise let the frontend fetch it into an isolated one."""
    isolate = not all(_requirement_installed(r) for r in _build_requirements())
    if importlib.util.find_spec("build") is not None:
        command = [sys.executable, "-m", "build", "--wheel", "--outdir", str(outdir)]
        return command + ([] if isolate else ["--no-isolation", "--skip-dependency-check"]) + [str(ROOT)]
    command = [sys.executable, "-m", "pip", "wheel", "--no-deps", "--wheel-dir", str(outdir)]
    return command + ([] if isolate else ["--no-build-isolation"]) + [str(ROOT)]


def _run(command: list[str], failure: str) -> None:
    try:
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
    except OSError as error:
        raise WheelError(f"{failure} ({error})") from None
    if completed.returncode != 0:
        sys.stderr.write(completed.stdout[-4000:] + completed.stderr[-4000:])
        raise WheelError(f"{failure} The command was: {' '.join(command)}")


if __name__ == "__main__":
    sys.exit(main())
