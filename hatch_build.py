"""Wheel build hook: ship the methodology as JSON, so that an installed package needs no YAML reader.

At wheel build time the package's own loader reads and schema-checks checklists/ (PyYAML and
jsonschema are build requirements, pinned in pyproject.toml) and the JSON it gives is written into
the wheel as mlops_handbook/methodology.json. `loader.load_methodology()` reads that file when it
is there; a source checkout (or an editable install) reads the YAML of the source tree instead.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

TARGET = "mlops_handbook/methodology.json"


def methodology_json(root: Path) -> str:
    """The JSON of root/checklists made by the package in root/src (not by any installed copy)."""
    source = root / "src"
    sys.path.insert(0, str(source))
    try:
        from mlops_handbook import loader
    finally:
        sys.path.remove(str(source))
    if not Path(loader.__file__).resolve().is_relative_to(source.resolve()):
        raise RuntimeError(f"mlops_handbook was imported from {loader.__file__}, not from {source}: "
                           "build the wheel in a process that has not imported another copy")
    return loader.methodology_json(root / "checklists")


class MethodologyJsonHook(BuildHookInterface):
    PLUGIN_NAME = "methodology-json"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel" or version == "editable":
            return  # an editable install reads the source tree's YAML
        self._scratch = tempfile.mkdtemp(prefix="mlops-handbook-build-")
        generated = Path(self._scratch) / "methodology.json"
        generated.write_text(methodology_json(Path(self.root)), encoding="utf-8")
        build_data["force_include"][str(generated)] = TARGET

    def finalize(self, version: str, build_data: dict, artifact_path: str) -> None:
        scratch = getattr(self, "_scratch", None)
        if scratch:
            shutil.rmtree(scratch, ignore_errors=True)
