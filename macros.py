"""mkdocs-macros module: registers the page macros. Each one calls one renderer of the package."""

from mkdocs.exceptions import PluginError

from mlops_handbook import HandbookError, render
from mlops_handbook.loader import load_methodology


def define_env(env):
    try:
        methodology = load_methodology(env.project_dir + "/checklists")
    except HandbookError as error:  # the validator's message, without a traceback
        raise PluginError(f"checklists are invalid: {error.message}") from None
    env.variables["methodology"] = methodology

    @env.macro
    def stage_intro(stage_id):
        return render.stage_intro(methodology, stage_id)

    @env.macro
    def stage_overview(stage_id):
        return render.stage_overview(methodology, stage_id)

    @env.macro
    def subphase_intro(subphase_id):
        return render.subphase_intro(methodology, subphase_id)

    @env.macro
    def guiding_questions(subphase_id):
        return render.guiding_questions(methodology, subphase_id)

    @env.macro
    def checklist(subphase_id):
        return render.checklist(methodology, subphase_id)

    @env.macro
    def routes_table():
        return render.routes_table(methodology)

    @env.macro
    def task_type_table():
        return render.task_type_table(methodology)

    @env.macro
    def stages_list():
        return render.stages_list(methodology)

    @env.macro
    def citation():
        return render.citation(methodology)
