"""mkdocs-macros module: registers the page macros. Each one calls one renderer of the package."""

import functools
import hashlib
import json
from pathlib import Path

from mkdocs.exceptions import PluginError

from mlops_handbook import HandbookError, render
from mlops_handbook.loader import load_methodology, methodology_json

PREPARE = "python scripts/prepare_site.py"
# The languages a build can be in: its configuration's extra.lang (mkdocs.yml: en, mkdocs.es.yml: es).
LANGUAGES = ("en", "es")

# Macro name = renderer name in mlops_handbook.render; each takes the methodology first.
MACROS = ("stage_intro", "stage_overview", "subphase_intro", "guiding_questions", "checklist",
          "routes_table", "route_cards", "task_type_table", "stages_list", "citation",
          "provenance_summary", "provenance_by_stage", "item_counts_text", "maximum_breakdown",
          "metrics_table", "retired_items", "practice_map", "practice_points")


def define_env(env):
    try:
        methodology = load_methodology(env.project_dir + "/checklists")
    except HandbookError as error:  # the validator's message, without a traceback
        raise PluginError(f"checklists are invalid: {error.message}") from None
    check_prepared_runtime(Path(env.project_dir))
    # The renderers write the methodology's texts and their own words in its language.
    methodology = methodology.in_language(page_language(env.conf.get("extra") or {}))
    for name in MACROS:
        env.macro(functools.partial(getattr(render, name), methodology), name)


def page_language(extra) -> str:
    """The language of the build's pages: extra.lang of its configuration, English when unset."""
    lang = extra.get("lang", "en")
    if lang not in LANGUAGES:
        raise PluginError(f"extra.lang is {lang!r} in the site's configuration (mkdocs.yml or mkdocs.es.yml), "
                          f"but the handbook is written in {' and '.join(LANGUAGES)}: set it to one of them.")
    return lang


def check_prepared_runtime(project: Path) -> None:
    """Stop the build when the scorer's runtime in docs/ is missing or older than the checklists.

    The runtime is not made by the build (any generator only copies docs/): a separate step
    writes it, and without that step the pages would show a checklist that cannot be scored.
    """
    runtime_file = project / "docs" / "assets" / "runtime.json"
    if not runtime_file.is_file():
        raise PluginError(f"docs/assets/runtime.json is missing: the in-browser scorer's runtime is not prepared. "
                          f"Run `{PREPARE}` (./run build does it), then build again.")
    listed = json.loads(runtime_file.read_text(encoding="utf-8"))["methodology"]["sha256"]
    current = hashlib.sha256(methodology_json(project / "checklists").encode("utf-8")).hexdigest()
    if listed != current:
        raise PluginError("docs/assets/runtime.json was prepared from other checklists than these, so the "
                          f"scorer would count other questions than the pages show. Run `{PREPARE}`, then build again.")
