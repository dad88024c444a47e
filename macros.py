"""mkdocs-macros module: registers the page macros. Each one calls one renderer of the package."""

import functools

from mkdocs.exceptions import PluginError

from mlops_handbook import HandbookError, render
from mlops_handbook.loader import load_methodology

# Macro name = renderer name in mlops_handbook.render; each takes the methodology first.
MACROS = ("stage_intro", "stage_overview", "subphase_intro", "guiding_questions", "checklist",
          "routes_table", "task_type_table", "stages_list", "citation",
          "provenance_summary", "provenance_by_stage", "item_counts_text", "maximum_breakdown",
          "metrics_table", "retired_items")


def define_env(env):
    try:
        methodology = load_methodology(env.project_dir + "/checklists")
    except HandbookError as error:  # the validator's message, without a traceback
        raise PluginError(f"checklists are invalid: {error.message}") from None
    for name in MACROS:
        env.macro(functools.partial(getattr(render, name), methodology), name)
