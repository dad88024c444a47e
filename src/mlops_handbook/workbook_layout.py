"""The layout of the score workbook, shared by the writer (spreadsheet.py) and the reader
(workbook_import.py), so that what one writes the other reads back.

Nothing here needs XlsxWriter, so the reader runs in Pyodide without it.

The workbook carries a marker, a workbook-level defined name holding text such as

    mlops-handbook-workbook 1 route=ml-model rows=3f2a9c0d1b7e

(format, version, the route, and a fingerprint of the row ids the methodology gives that route),
by which an import tells one of ours from any other .xlsx, and knows the route it was made for.

Every word the workbooks write themselves (sheet names, headers, labels, answer words, notes,
drop-down messages, the Summary's headline, the Roadmap, the portfolio workbook) is in WORDS, one
table per language with the same keys; the workbook takes the methodology's language
(`Methodology.in_language`). A Spanish workbook is marker version 5, an English one version 4
(see WRITTEN_VERSION).
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .answers import REASON_MIN_LETTERS, REASON_RULE, reason_formula
from .languages import ENGLISH, LANGUAGES, SPANISH
from .model import MULTIPLE_CHOICE, YES_NO, Item, Methodology, Option

# ---------------------------------------------------------------- the workbook's words

# Every word the workbooks themselves write (the score workbook, its maturity sheet and the portfolio
# workbook), one table per language; the methodology's own texts (stages, questions, practices) come
# from the methodology in its language. A text with {fields} is filled in with str.format. The
# English table is the workbook as it has always been written; the Spanish one follows the handbook's
# glossary (checklists/README.md, "Two languages").
WORDS: dict[str, dict[str, str]] = {
    "en": {
        # Sheet names, the answer words and the task type cell's own values.
        "summary": "Summary", "answers": "Answers", "roadmap": "Roadmap", "off_route": "Off route",
        "yes": "Yes", "no": "No", "na": "N/A",
        "not_chosen": "not chosen", "no_task_type": "not applicable to this route",
        # The Answers and Off route sheets' headers.
        "h_stage": "Stage", "h_subphase": "Subphase", "h_item_id": "Item id", "h_source": "Source",
        "h_question": "Question", "h_answer": "Answer", "h_reason": "Reason (if N/A)", "h_points": "Points",
        "h_maximum": "Maximum", "h_note": "Note", "h_applicable": "Applicable maximum",
        "h_explanation": "Explanation", "h_item": "Item", "h_item_answered": "Item answered",
        "h_reason_accepted": "Reason accepted", "h_item_na": "Item not applicable", "h_practice": "Practice",
        "h_counts_on": "Counts on",
        # The Summary's details block.
        "d_project": "Project", "d_assessor": "Assessor", "d_date": "Date", "d_route": "Route",
        "d_task_type": "ML task type", "d_generated": "Generated on",
        "generated": "{when} UTC by mlops-handbook {version}",
        # The Source column.
        "source_paper": "Paper", "source_derived": "Derived", "source_added": "Added",
        # The Answers sheet.
        "counts_when": "Counts when the ML task type is {titles}. ", "either_or": " or ",
        "answer_title": "Answer",
        "answer_message": "Choose {yes}, {no} or {na} (not applicable: write the reason in the next column), "
                          "or leave the cell empty if not answered yet.",
        "reason_title": "Reason for N/A",
        "reason_counts_as_no": "Until one is written, an {na} counts as {no}.",
        "reason_rule": "a reason says why the item does not apply, in at least two words and {letters} "
                       "letters, and is not a placeholder such as n/a",
        "chooses_a_path": "(chooses a path; a note only)",
        "footer": "&L&A&RPage &P of &N",
        # The Summary.
        "book_title": "{title}: self-assessment score",
        "summary_title": "Self-assessment score", "methodology": "Methodology: {citation}",
        "date_title": "Date", "date_message": "Type the date of the assessment, e.g. 2026-11-26.",
        "task_type_title": "ML task type",
        "task_type_input": "Choose the task type: the metrics that count and the maximum follow it.",
        "task_type_error": "Choose one of the task types in the list, or {not_chosen}.",
        "provisional": "The maximum is provisional: it is the highest the route can reach until the ML "
                       "task type is chosen.",
        "headline_title": "The score at a glance",
        "headline_total": "Total on the paper's scale", "headline_maturity": "MLOps maturity",
        "headline_applicable": "Of what applies", "headline_paper": "Paper's own questions",
        "headline_checks": "Checks",
        "of_points": "{points} of {maximum} points", "of": " of ", "points": " points",
        "na_items": "; N/A: ", "item": " item, ", "items": " items, ",
        # The checks in words: each count's word, said after one and after any other number.
        "answered": " answered, ", "not_applicable": " not applicable, ", "open": " open, of ",
        "answered_1": " answered, ", "not_applicable_1": " not applicable, ", "open_1": " open, of ",
        "na_text": "N/A: {count} {items}, {points} of {maximum} points", "item_1": "item", "item_n": "items",
        "flag": "N/A covers {points} of {maximum} points: more than a quarter of the route, "
                "so the percentage of what applies says little",
        "t_stage": "Stage", "t_points": "Points", "t_maximum": "Maximum", "t_percent": "Percentage",
        "t_applicable": "Maximum of what applies", "t_applicable_percent": "Percentage of what applies",
        "t_na_items": "Items N/A", "t_na_points": "N/A points", "t_items": "Items",
        "t_items_answered": "Items answered", "t_items_open": "Items open", "overall": "Overall",
        "paper_title": "Paper's own questions (paper-core subscore)",
        "checks_title": "Checks: items answered, N/A, open",
        "note_what": "This workbook applies the paper's scoring rules to the handbook's checklist (the paper "
                     "describes an Excel template but does not publish it). Most items are the handbook's own "
                     "(Source: Derived or Added on the Answers sheet); the paper's own questions say Paper.",
        "note_scales": "Points, Maximum and Percentage are on the paper's scale, where an {na} item scores 0. "
                       "The maximum and percentage of what applies leave {na} items out; the items and points "
                       "marked {na} stand beside them. An {na} counts only with a reason that says something "
                       "({rule}); with none, or another, it counts as {no}.",
        "note_paper": "The paper-core subscore counts only the paper's own questions (Source: Paper).",
        "filling_in_title": "Filling this workbook in",
        "filling_in_rows": "Each row of the Answers sheet is worth one point where it counts: set its answer to "
                           "{yes}, {no} or {na} (not applicable; give the reason beside it) and these totals "
                           "follow. On the ML model route, choose the ML task type above: the metrics that count "
                           "and the maximum follow it.",
        "filling_in_away": "To fill this workbook in away from the site, type in the unlocked cells only (answers, "
                           "reasons, notes, and the details above), keep the Item id column as it is, and import "
                           "the file on the score page or with `mlops-handbook import`. The Off route sheet keeps "
                           "what was answered on items of other routes: it counts in none of these totals and "
                           "comes back on import.",
        "chart_series": "Percentage", "chart_title": "Score per stage",
        # The maturity block on the Summary, and the Roadmap sheet (maturity_sheet.py).
        "met_format": '"met";"met";"not met"',
        "maturity_heading": "MLOps maturity with these answers",
        "level_of": "level {level} of {top} ({title})", "level": "level ",
        "tests_met": "{met} of {total} tests met ({covered} covered by this route's checklist)",
        "tests_met_tail": " of {total} tests met ({covered} covered by this route's checklist)",
        "roadmap_title": "Roadmap to the next MLOps maturity level",
        "roadmap_note": (
            "The practices of this route that the MLOps maturity levels ask for, in the order the stages take "
            "them. A practice is met when its item is answered Yes (every option that counts, for a "
            "multiple-choice item); N/A is not met, since these practices are what the levels are. The Met "
            "and next-level columns, the ML Test Score below and the levels on the Summary are live formulas on "
            "the Answers sheet: change an answer there and they follow. The next-level columns mark the "
            "practices that stand between the answers and each model's next level."),
        "maturity_note": ("The levels, the sentence and the count above follow the answers by formula; the Roadmap "
                          "sheet lists the practices each level needs and marks those that stand before the next "
                          "level."),
        "r_level_in": "Level in {model}", "r_met": "Met", "r_needed": "Needed for the next level of {model}",
        "r_no_practice": "No practice of this route belongs to a maturity level above 0.",
        "r_tests_title": "{title}: the tests this route's items cover",
        "r_test": "Test", "r_section": "Section", "r_test_title": "Test of the ML Test Score",
        "r_covered_by": "Covered by (items)", "r_not_covered": "not covered",
        "reach_note": "No practice of level {first} applies to the {route} route, so {levels} out of reach on it{why}.",
        "reach_one": "level {top} is", "reach_many": "levels {first} to {top} are",
        "reach_why": "; the automation levels describe ML systems",
        "by_hand_total": "{percent} on the paper's scale", "by_hand_paper": "{percent} of the paper's own questions",
        "by_hand_lead": " and level 0 of ", "by_hand_join": " and of ",
        "by_hand_end": ": the paper's scale counts practices, not whether they run by hand; the roadmap lists "
                       "what the next level still needs.",
        # The portfolio workbook (portfolio_sheet.py).
        "p_distribution": "Distribution", "p_projects": "Projects", "p_weak_items": "Weak items",
        "p_not_applicable": "Not applicable", "p_stages": "Stages", "p_progress": "Progress", "p_files": "Files",
        "p_book_title": "{title}: portfolio",
        "p_project": "Project", "p_route": "Route", "p_task_type": "ML task type", "p_assessor": "Assessor",
        "p_date": "Date", "p_points": "Points", "p_maximum": "Maximum", "p_percent": "Percent",
        "p_paper_points": "Paper-core points", "p_paper_maximum": "Paper-core maximum",
        "p_paper_percent": "Paper-core percent", "p_na_items": "Items N/A", "p_na_points": "N/A points",
        "p_file": "File", "p_chart_label": "Chart label",
        "p_projects_chart": "Each project's total, and its paper-core subscore (percent)",
        "p_percent_axis": "Percent of the route's maximum", "p_total": "Total", "p_paper_core": "Paper-core",
        "p_none_scored": "No answers file could be scored.",
        "p_from": "From (percent)", "p_to": "To (percent)", "p_bin": "Bin", "p_which": "Which",
        "p_bin_label": "{start}-{end}%",
        "p_distribution_chart": "Distribution of the projects' totals (latest assessment of each)",
        "p_rank": "Rank", "p_item": "Item", "p_question": "Question", "p_stage": "Stage", "p_section": "Section",
        "p_no": "No", "p_unanswered": "Unanswered", "p_failing": "Failing", "p_assessed": "Projects assessed",
        "p_no_weak_items": "No item is answered no or left unanswered in the latest assessments.",
        "p_weak_chart": "The {count} items most often failed (answered no or left unanswered)",
        "p_marked_na": "Marked N/A", "p_share": "Share (percent)", "p_reasons": "Reasons given",
        "p_no_na_items": "No item is marked not applicable in the latest assessments.",
        "p_stage_percent": "{title} (percent)", "p_stage_points": "{title} points",
        "p_stage_maximum": "{title} maximum",
        "p_empty_percent": "An empty percentage: the route has no item in that stage.",
        "p_no_progress": "No project has been assessed on two or more dates.",
        "p_progress_chart": "Progress of the projects assessed on several dates",
        "p_first_of": " (the first {count} of {total})",
        "p_latest": "Latest", "p_yes": "Yes",
        "p_unread": "Files that could not be read ({count}), left out of every view",
        "p_problem": "Problem and fix", "p_fix": "Fix:",
    },
    "es": {
        "summary": "Resumen", "answers": "Respuestas", "roadmap": "Hoja de ruta", "off_route": "Fuera de la ruta",
        "yes": "Sí", "no": "No", "na": "No aplica",
        "not_chosen": "sin elegir", "no_task_type": "no aplica a esta ruta",
        "h_stage": "Etapa", "h_subphase": "Subfase", "h_item_id": "Id del ítem", "h_source": "Origen",
        "h_question": "Pregunta", "h_answer": "Respuesta", "h_reason": "Motivo (si no aplica)", "h_points": "Puntos",
        "h_maximum": "Máximo", "h_note": "Nota", "h_applicable": "Máximo aplicable",
        "h_explanation": "Explicación", "h_item": "Ítem", "h_item_answered": "Ítem respondido",
        "h_reason_accepted": "Motivo aceptado", "h_item_na": "Ítem no aplica", "h_practice": "Práctica",
        "h_counts_on": "Cuenta en",
        "d_project": "Proyecto", "d_assessor": "Evaluador", "d_date": "Fecha", "d_route": "Ruta",
        "d_task_type": "Tipo de tarea de ML", "d_generated": "Generado el",
        "generated": "{when} UTC por mlops-handbook {version}",
        "source_paper": "Artículo", "source_derived": "Derivado", "source_added": "Agregado",
        "counts_when": "Cuenta cuando el tipo de tarea de ML es {titles}. ", "either_or": " o ",
        "answer_title": "Respuesta",
        "answer_message": "Elija {yes}, {no} o {na} (si no aplica, escriba el motivo en la columna siguiente), "
                          "o deje la celda vacía si aún no la ha respondido.",
        "reason_title": "Motivo (si no aplica)",
        "reason_counts_as_no": "Mientras no se escriba uno, un «{na}» cuenta como «{no}».",
        "reason_rule": "el motivo dice por qué el ítem no aplica, con al menos dos palabras y {letters} letras, "
                       "y no es un marcador como n/a",
        "chooses_a_path": "(elige un camino; solo lleva una nota)",
        "footer": "&L&A&RPágina &P de &N",
        "book_title": "{title}: puntaje de la autoevaluación",
        "summary_title": "Puntaje de la autoevaluación", "methodology": "Metodología: {citation}",
        "date_title": "Fecha", "date_message": "Escriba la fecha de la evaluación, p. ej. 2026-11-26.",
        "task_type_title": "Tipo de tarea de ML",
        "task_type_input": "Elija el tipo de tarea: las métricas que cuentan y el máximo lo siguen.",
        "task_type_error": "Elija uno de los tipos de tarea de la lista, o {not_chosen}.",
        "provisional": "El máximo es provisional: el más alto de la ruta mientras no se elija el tipo de tarea "
                       "de ML.",
        "headline_title": "El puntaje de un vistazo",
        "headline_total": "Total en la escala del artículo", "headline_maturity": "Madurez MLOps",
        "headline_applicable": "Sobre lo que aplica", "headline_paper": "Preguntas del artículo",
        "headline_checks": "Verificaciones",
        "of_points": "{points} de {maximum} puntos", "of": " de ", "points": " puntos",
        "na_items": "; no aplica: ", "item": " ítem, ", "items": " ítems, ",
        "answered": " respondidos, ", "not_applicable": " no aplican, ", "open": " pendientes, de ",
        "answered_1": " respondido, ", "not_applicable_1": " no aplica, ", "open_1": " pendiente, de ",
        "na_text": "no aplica: {count} {items}, {points} de {maximum} puntos", "item_1": "ítem", "item_n": "ítems",
        "flag": "Lo marcado «No aplica» cubre {points} de {maximum} puntos: más de la cuarta parte de la ruta, "
                "así que el porcentaje sobre lo que aplica dice poco",
        "t_stage": "Etapa", "t_points": "Puntos", "t_maximum": "Máximo", "t_percent": "Porcentaje",
        "t_applicable": "Máximo de lo que aplica", "t_applicable_percent": "Porcentaje de lo que aplica",
        "t_na_items": "Ítems que no aplican", "t_na_points": "Puntos que no aplican", "t_items": "Ítems",
        "t_items_answered": "Ítems respondidos", "t_items_open": "Ítems pendientes", "overall": "Total",
        "paper_title": "Preguntas propias del artículo (subpuntaje del artículo)",
        "checks_title": "Verificaciones: ítems por estado",
        "note_what": "Este libro aplica las reglas de puntaje del artículo a la lista de chequeo del manual (el "
                     "artículo describe una plantilla de Excel, pero no la publica). La mayoría de los ítems son "
                     "propios del manual (Origen: Derivado o Agregado en la hoja Respuestas); las preguntas "
                     "propias del artículo dicen Artículo.",
        "note_scales": "Puntos, Máximo y Porcentaje están en la escala del artículo, donde un ítem «{na}» suma 0. "
                       "El máximo y el porcentaje de lo que aplica dejan por fuera los ítems «{na}»; a su lado "
                       "están los ítems y los puntos marcados «{na}». Un «{na}» cuenta solo con un motivo que diga "
                       "algo ({rule}); sin motivo, o con otro, cuenta como «{no}».",
        "note_paper": "El subpuntaje del artículo cuenta solo las preguntas propias del artículo (Origen: Artículo).",
        "filling_in_title": "Cómo diligenciar este libro",
        "filling_in_rows": "Cada fila de la hoja Respuestas vale un punto donde cuenta: elija su respuesta, {yes}, "
                           "{no} o {na} (con el motivo al lado), y estos totales la siguen. En la ruta de modelo de "
                           "ML, elija arriba el tipo de tarea de ML: las métricas que cuentan y el máximo lo siguen.",
        "filling_in_away": "Para diligenciar este libro fuera del sitio, escriba solo en las celdas desbloqueadas "
                           "(respuestas, motivos, notas y los datos de arriba), deje la columna Id del ítem como "
                           "está e importe el archivo en la página del puntaje o con `mlops-handbook import`. La "
                           "hoja Fuera de la ruta guarda lo respondido en ítems de otras rutas: no cuenta en "
                           "ninguno de estos totales y vuelve al importar.",
        "chart_series": "Porcentaje", "chart_title": "Puntaje por etapa",
        "met_format": '"cumplida";"cumplida";"no cumplida"',
        "maturity_heading": "Madurez MLOps con estas respuestas",
        "level_of": "nivel {level} de {top} ({title})", "level": "nivel ",
        "tests_met": "{met} de {total} pruebas cumplidas ({covered} cubiertas por esta ruta)",
        "tests_met_tail": " de {total} pruebas cumplidas ({covered} cubiertas por esta ruta)",
        "roadmap_title": "Hoja de ruta hacia el siguiente nivel de madurez MLOps",
        "roadmap_note": (
            "Las prácticas de esta ruta que piden los niveles de madurez MLOps, en el orden en que las toman las "
            "etapas. Una práctica se cumple cuando su ítem se responde «Sí» (cada opción que cuenta, en un ítem de "
            "selección múltiple); «No aplica» no la cumple, pues estas prácticas son lo que definen los niveles. "
            "La columna Cumplida, las de siguiente nivel, el ML Test Score de abajo y los niveles del Resumen son "
            "fórmulas vivas sobre la hoja Respuestas: cambie allí una respuesta y ellas la siguen. Las columnas de "
            "siguiente nivel marcan las prácticas que están entre las respuestas y el siguiente nivel de cada "
            "modelo."),
        "maturity_note": ("Los niveles, la frase y el conteo de arriba siguen las respuestas por fórmula; la hoja "
                          "«Hoja de ruta» lista las prácticas que pide cada nivel y marca las que faltan para el "
                          "siguiente."),
        "r_level_in": "Nivel en {model}", "r_met": "Cumplida",
        "r_needed": "Necesaria para el siguiente nivel de {model}",
        "r_no_practice": "Ninguna práctica de esta ruta pertenece a un nivel de madurez por encima de 0.",
        "r_tests_title": "{title}: las pruebas que cubren los ítems de esta ruta",
        "r_test": "Prueba", "r_section": "Sección", "r_test_title": "Prueba del ML Test Score",
        "r_covered_by": "Cubierta por (ítems)", "r_not_covered": "no cubierta",
        "reach_note": "Ninguna práctica del nivel {first} aplica a la ruta {route}, así que {levels} fuera de "
                      "alcance en ella{why}.",
        "reach_one": "el nivel {top} queda", "reach_many": "los niveles {first} a {top} quedan",
        "reach_why": "; los niveles de automatización describen sistemas de ML",
        "by_hand_total": "{percent} en la escala del artículo",
        "by_hand_paper": "{percent} de las preguntas propias del artículo",
        "by_hand_lead": " y nivel 0 de ", "by_hand_join": " y de ",
        "by_hand_end": ": la escala del artículo cuenta prácticas, no si se hacen a mano; la hoja de ruta lista lo "
                       "que aún pide el siguiente nivel.",
        "p_distribution": "Distribución", "p_projects": "Proyectos", "p_weak_items": "Ítems débiles",
        "p_not_applicable": "No aplica", "p_stages": "Etapas", "p_progress": "Progreso", "p_files": "Archivos",
        "p_book_title": "{title}: portafolio",
        "p_project": "Proyecto", "p_route": "Ruta", "p_task_type": "Tipo de tarea de ML", "p_assessor": "Evaluador",
        "p_date": "Fecha", "p_points": "Puntos", "p_maximum": "Máximo", "p_percent": "Porcentaje",
        "p_paper_points": "Puntos del artículo", "p_paper_maximum": "Máximo del artículo",
        "p_paper_percent": "Porcentaje del artículo", "p_na_items": "Ítems que no aplican",
        "p_na_points": "Puntos que no aplican", "p_file": "Archivo", "p_chart_label": "Etiqueta del gráfico",
        "p_projects_chart": "Total de cada proyecto y su subpuntaje del artículo (porcentaje)",
        "p_percent_axis": "Porcentaje del máximo de la ruta", "p_total": "Total", "p_paper_core": "Artículo",
        "p_none_scored": "No se pudo calcular el puntaje de ningún archivo de respuestas.",
        "p_from": "Desde (porcentaje)", "p_to": "Hasta (porcentaje)", "p_bin": "Intervalo", "p_which": "Cuáles",
        "p_bin_label": "{start}-{end} %",
        "p_distribution_chart": "Distribución de los totales de los proyectos (última evaluación de cada uno)",
        "p_rank": "Puesto", "p_item": "Ítem", "p_question": "Pregunta", "p_stage": "Etapa", "p_section": "Sección",
        "p_no": "No", "p_unanswered": "Sin responder", "p_failing": "Fallidos", "p_assessed": "Proyectos evaluados",
        "p_no_weak_items": "Ningún ítem se respondió «no» ni quedó sin responder en las últimas evaluaciones.",
        "p_weak_chart": "Los {count} ítems que más fallan (respondidos «no» o sin responder)",
        "p_marked_na": "Marcados «No aplica»", "p_share": "Proporción (porcentaje)", "p_reasons": "Motivos dados",
        "p_no_na_items": "Ningún ítem está marcado «No aplica» en las últimas evaluaciones.",
        "p_stage_percent": "{title} (porcentaje)", "p_stage_points": "{title}: puntos",
        "p_stage_maximum": "{title}: máximo",
        "p_empty_percent": "Un porcentaje vacío: la ruta no tiene ítems en esa etapa.",
        "p_no_progress": "Ningún proyecto se ha evaluado en dos o más fechas.",
        "p_progress_chart": "Progreso de los proyectos evaluados en varias fechas",
        "p_first_of": " (los primeros {count} de {total})",
        "p_latest": "Última", "p_yes": "Sí",
        "p_unread": "Archivos que no se pudieron leer ({count}), excluidos de todas las vistas",
        "p_problem": "Problema y solución", "p_fix": "Solución:",
    },
}


class Words:
    """The workbook's words in one language, by attribute: words("es").summary == "Resumen"."""

    def __init__(self, language: str) -> None:
        self.language = language
        self.__dict__.update(WORDS[language])

    def __getattr__(self, name: str) -> str:
        """Only reached for a name that is not a key of WORDS (the keys are set as attributes above);
        declared so that type checkers take every word as a str."""
        raise AttributeError(name)


_WORDS_BY_LANGUAGE: dict[str, Words] = {}


def words(language: str = ENGLISH) -> Words:
    """The workbook's words in the language ("en" or "es"), built once."""
    if language not in _WORDS_BY_LANGUAGE:
        _WORDS_BY_LANGUAGE[language] = Words(language)
    return _WORDS_BY_LANGUAGE[language]


assert all(WORDS[language].keys() == WORDS[ENGLISH].keys() for language in WORDS), "a word is missing in a language"


def reason_rule(w: Words) -> str:
    """The rule for a reason for N/A in the words' language (answers.REASON_RULE in English)."""
    if w.language == ENGLISH:
        return REASON_RULE
    return w.reason_rule.format(letters=REASON_MIN_LETTERS)
assert set(WORDS) == set(LANGUAGES)
EN = words(ENGLISH)

SUMMARY = EN.summary
ANSWERS = EN.answers
YES = EN.yes
NO = EN.no
NA = EN.na  # not applicable; the reason goes in the next column
NOT_CHOSEN = EN.not_chosen  # the ML task type cell before a task type is chosen
NO_TASK_TYPE = EN.no_task_type
# The words an import takes in an Answer cell, in any case and either language, and what each means.
ANSWER_WORDS = {"yes": YES, "sí": YES, "si": YES, "no": NO, "n/a": NA, "no aplica": NA}
assert all(w.yes.casefold() in ANSWER_WORDS and w.na.casefold() in ANSWER_WORDS and w.no.casefold() in ANSWER_WORDS
           for w in map(words, LANGUAGES))

# Answers sheet: (header, width), the header by its key in WORDS. The letters are used in the
# formulas. The columns up to the Note are the printed ones (the print area), narrow enough to print
# one page wide at a readable size; the columns after it (the applicable maximum, the explanation,
# the counting columns) stay on screen.
ANSWER_COLUMN_KEYS = (
    ("h_stage", 13),
    ("h_subphase", 13),
    ("h_item_id", 10),
    ("h_source", 7),
    ("h_question", 29),
    ("h_answer", 8),
    ("h_reason", 13),
    ("h_points", 7),
    ("h_maximum", 9),
    ("h_note", 20),
    ("h_applicable", 11),
    ("h_explanation", 110),  # wide, so that it seldom makes a row taller than its printed columns
    # For the Summary's counts of items: 1 on an item's first row (a multiple-choice item has a
    # row per option), and whether that item is answered (Yes, No, options; an N/A whose reason
    # the rule refuses counts as No).
    ("h_item", 7),
    ("h_item_answered", 10),
    # 1 when the row's reason passes the rule for a reason (answers.reason_problem), and, on an
    # item's first row, whether the item counts as not applicable: N/A with such a reason.
    ("h_reason_accepted", 10),
    ("h_item_na", 12),
)


def answer_columns(w: Words) -> tuple[tuple[str, int], ...]:
    """The Answers sheet's (header, width) in the words' language."""
    return tuple((getattr(w, key), width) for key, width in ANSWER_COLUMN_KEYS)


ANSWER_COLUMNS = answer_columns(EN)
COL_STAGE, COL_SUBPHASE, COL_ID, COL_SOURCE, COL_QUESTION, COL_ANSWER, COL_REASON, COL_POINTS, \
    COL_MAXIMUM, COL_NOTE, COL_APPLICABLE, COL_EXPLANATION, COL_ITEM, COL_ITEM_ANSWERED, \
    COL_REASON_ACCEPTED, COL_ITEM_NA = range(len(ANSWER_COLUMNS))
LAST_PRINTED_COL = COL_NOTE
HEADERS = tuple(header for header, _ in ANSWER_COLUMNS)
# Written after the columns above and never read back by an import: the practice each row checks.
PRACTICE_WIDTH = 30
PRACTICE_COLUMN = (EN.h_practice, PRACTICE_WIDTH)
COL_PRACTICE = len(ANSWER_COLUMNS)
ROADMAP = EN.roadmap  # the sheet of the maturity levels' practices and the ML Test Score

# The "Off route" sheet: a row for every item (or option) that is not a row of the Answers sheet,
# so that the answers, reasons and notes given to items of other routes travel with the workbook
# and come back on import. No formula reads it: nothing on it counts towards the route's totals.
OFF_ROUTE = EN.off_route
OFF_ROUTE_COLUMN_KEYS = (  # widths like the Answers sheet's, to print as readably
    ("h_stage", 13),
    ("h_subphase", 13),
    ("h_item_id", 10),
    ("h_counts_on", 12),
    ("h_question", 29),
    ("h_answer", 8),
    ("h_reason", 13),
    ("h_note", 20),
)


def off_route_columns(w: Words) -> tuple[tuple[str, int], ...]:
    return tuple((getattr(w, key), width) for key, width in OFF_ROUTE_COLUMN_KEYS)


OFF_ROUTE_COLUMNS = off_route_columns(EN)
OFF_COL_ROUTES, OFF_COL_QUESTION, OFF_COL_NOTE = 3, 4, 7
OFF_ROUTE_HEADERS = tuple(header for header, _ in OFF_ROUTE_COLUMNS)
# The Item id, Answer and Reason columns are where the Answers sheet has them, so one reader reads both.
assert OFF_ROUTE_HEADERS[COL_ID] == HEADERS[COL_ID] and OFF_ROUTE_HEADERS[COL_ANSWER] == HEADERS[COL_ANSWER] \
    and OFF_ROUTE_HEADERS[COL_REASON] == HEADERS[COL_REASON]

# Summary sheet: the details block (label in column A, value in B), 0-based rows.
DETAILS_FIRST_ROW = 3
DETAIL_KEYS = ("d_project", "d_assessor", "d_date", "d_route", "d_task_type", "d_generated")


def detail_labels(w: Words) -> tuple[str, ...]:
    return tuple(getattr(w, key) for key in DETAIL_KEYS)


DETAIL_LABELS = detail_labels(EN)
ROW_PROJECT, ROW_ASSESSOR, ROW_DATE, ROW_ROUTE, ROW_TASK_TYPE, ROW_GENERATED = \
    range(DETAILS_FIRST_ROW, DETAILS_FIRST_ROW + len(DETAIL_LABELS))


def sheet_reference(name: str) -> str:
    """A sheet's name as a formula refers to it: quoted unless it is letters, digits and underscores."""
    if re.fullmatch(r"[^\W\d]\w*", name):
        return name
    return "'" + name.replace("'", "''") + "'"


def task_type_cell(w: Words) -> str:
    """The Summary's ML task type cell, which the formulas of the Answers sheet read."""
    return f"{sheet_reference(w.summary)}!$B${ROW_TASK_TYPE + 1}"


TASK_TYPE_CELL = task_type_cell(EN)

MARKER_NAME = "mlops_handbook_workbook"
MARKER_FORMAT = "mlops-handbook-workbook"
MARKER_VERSION = 5
# The version each language's workbook is written as: the oldest layout that describes it, so that a
# release that reads it imports it and an older one says it is newer. Version 5 is the layout of
# version 4 in another language (the sheets' names, headers, labels and answer words in Spanish); an
# English workbook is exactly a version-4 one.
WRITTEN_VERSION = {ENGLISH: 4, SPANISH: 5}
# The Answers sheet's headers by marker version (as keys of WORDS), and the column of the Note: a
# workbook exported by an earlier version still imports. Version 1 had neither "Reason accepted" nor
# "Item not applicable"; version 3 added the Off route sheet (required from then on); version 4 moved
# the Note before the applicable maximum and the explanation, so that the printed columns end with it.
_KEYS = tuple(key for key, _ in ANSWER_COLUMN_KEYS)
_BEFORE_4 = ("h_stage", "h_subphase", "h_item_id", "h_source", "h_question", "h_answer", "h_reason", "h_points",
             "h_maximum", "h_applicable", "h_explanation", "h_note", "h_item", "h_item_answered",
             "h_reason_accepted", "h_item_na")
HEADER_KEYS_BY_VERSION = {1: _BEFORE_4[:14], 2: _BEFORE_4, 3: _BEFORE_4, 4: _KEYS, 5: _KEYS}
HEADERS_BY_VERSION = {version: tuple(getattr(EN, key) for key in keys)
                      for version, keys in HEADER_KEYS_BY_VERSION.items()}
NOTE_COL_BY_VERSION = {1: 11, 2: 11, 3: 11, 4: COL_NOTE, 5: COL_NOTE}
assert sorted(_BEFORE_4) == sorted(_KEYS) and _BEFORE_4[COL_ID] == _KEYS[COL_ID] \
    and _BEFORE_4[COL_ANSWER] == _KEYS[COL_ANSWER] and _BEFORE_4[COL_REASON] == _KEYS[COL_REASON]
OFF_ROUTE_SINCE = 3
_MARKER = re.compile(r"(?P<format>\S+) (?P<version>\d{1,6}) route=(?P<route>\S*) rows=(?P<rows>[0-9a-f]*)")


@dataclass(frozen=True)
class Unit:
    """One row of the Answers sheet: a yes/no item, or one option of a multiple-choice item."""

    unit_id: str  # the item id, or "<item id>/<option id>"
    item: Item
    option: Option | None = None


@dataclass(frozen=True)
class Marker:
    format: str
    version: int
    route: str
    rows: str  # the fingerprint of the row ids


def route_options(item: Item, route: str) -> tuple[Option, ...]:
    """The options of a multiple-choice item that can count on the route, for any task type."""
    return tuple(o for o in item.options if route in (o.routes or item.routes))


def route_units(methodology: Methodology, route: str) -> list[Unit]:
    """The Answers sheet's rows for a route, in order: every option of a task-typed item is a
    row, whatever the task type, so that the task type can be chosen in the sheet itself."""
    units: list[Unit] = []
    for item in methodology.items:
        if not item.scored or not item.applies_to(route):
            continue
        if item.kind == YES_NO:
            units.append(Unit(item.id, item))
        else:
            assert item.kind == MULTIPLE_CHOICE
            units.extend(Unit(f"{item.id}/{o.id}", item, o) for o in route_options(item, route))
    return units


def off_route_units(methodology: Methodology, route: str) -> list[Unit]:
    """The Off route sheet's rows, in order: every unit of every item that is not a row of the
    Answers sheet (items of other routes, options that cannot count on this route), and a row for
    each question that only chooses a path (it can carry a note, never an answer)."""
    on_route = {u.unit_id for u in route_units(methodology, route)}
    units: list[Unit] = []
    for item in methodology.items:
        if item.kind == MULTIPLE_CHOICE:
            units.extend(Unit(f"{item.id}/{o.id}", item, o) for o in item.options
                         if f"{item.id}/{o.id}" not in on_route)
        elif item.id not in on_route:
            units.append(Unit(item.id, item))
    return units


def fingerprint(units: list[Unit]) -> str:
    """A short digest of the row ids: equal when the workbook and the methodology agree."""
    return hashlib.sha256("\n".join(u.unit_id for u in units).encode("utf-8")).hexdigest()[:12]


def marker_text(methodology: Methodology, route: str) -> str:
    """The marker of the route's workbook in the methodology's language (its version says the language's layout)."""
    return (f"{MARKER_FORMAT} {WRITTEN_VERSION[methodology.language]} route={route} "
            f"rows={fingerprint(route_units(methodology, route))}")


def parse_marker(text: str) -> Marker | None:
    match = _MARKER.fullmatch(text.strip())
    if match is None:
        return None
    return Marker(match["format"], int(match["version"]), match["route"], match["rows"])


def _letters(col: int) -> str:
    """The column's letters, e.g. F for the 0-based column 5."""
    letters = ""
    col += 1
    while col:
        col, rest = divmod(col - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _cell(row: int, col: int) -> str:
    return f"{_letters(col)}{row + 1}"


def cell_name(sheet: str, row: int, col: int) -> str:
    """E.g. Answers!F17 for the 0-based row 16, column 5."""
    return f"{sheet}!{_cell(row, col)}"


# ---------------------------------------------------------------- the formulas of the Answers rows

class RowFormulas:
    """The live formulas of an Answers row (a spreadsheet.AnswerRow), on its Answer cell and the
    ML task type chosen on the Summary, comparing the cells to the answer words of `w`'s language."""

    def __init__(self, last_index: int, task_titles: tuple[str, ...], w: Words = EN) -> None:
        self.w = w
        def column(col: int) -> str:
            return f"${_letters(col)}$2:${_letters(col)}${max(last_index, 1) + 1}"

        self.ids, self.answers = column(COL_ID), column(COL_ANSWER)
        self.accepted = column(COL_REASON_ACCEPTED)
        self.chosen = any_task_type(task_titles, w)

    def _count(self, row, criterion: str) -> str:
        """How many rows of the row's item (ids "<item>/<option>") have this answer."""
        item_id = row.unit_id.split("/", 1)[0]
        return f'COUNTIFS({self.ids},"{item_id}/*",{self.answers},"{criterion}")'

    def points(self, index: int, row) -> str:
        answer = is_yes(_cell(index, COL_ANSWER), self.w)
        if row.counts_for is None:
            return f'=IF({answer},1,0)'
        return f'=IF(AND({answer},{any_task_type(row.counts_for, self.w)}),1,0)'

    def maximum(self, row) -> str | None:
        """None for a fixed maximum of 1; else it follows the task type chosen on the Summary."""
        if row.counts_for is None:
            return None
        applies = any_task_type(row.counts_for, self.w)
        return f"=IF({applies},1,IF({self.chosen},0,{row.provisional_maximum}))"

    def reason_accepted(self, index: int) -> str:
        """1 when the row's reason passes the rule for a reason (the same rule as the score's)."""
        return f"=IF({reason_formula(_cell(index, COL_REASON))},1,0)"

    def _not_applicable(self, index: int, row) -> str:
        """TRUE when the row's item counts as not applicable: N/A with a reason the rule accepts
        (a multiple-choice item as a whole: N/A on one of its rows, an accepted reason on one)."""
        if "/" not in row.unit_id:
            return f'AND({_cell(index, COL_ANSWER)}="{self.w.na}",{_cell(index, COL_REASON_ACCEPTED)}=1)'
        item_id = row.unit_id.split("/", 1)[0]
        return (f'AND({self._count(row, self.w.na)}>0,'
                f'COUNTIFS({self.ids},"{item_id}/*",{self.accepted},1)>0)')

    def applicable(self, index: int, row) -> str:
        """The row's maximum, or 0 when its item counts as not applicable; an N/A whose reason
        says nothing keeps the maximum, as a No does."""
        return f"=IF({self._not_applicable(index, row)},0,{_cell(index, COL_MAXIMUM)})"

    def item_not_applicable(self, index: int, row) -> str:
        return f"=IF({self._not_applicable(index, row)},1,0)"

    def item_answered(self, index: int, row) -> str:
        """An item is answered when its rows have any answer and it does not count as not
        applicable (an N/A whose reason says nothing counts as No); a task-typed item's answer
        counts only once the task type is chosen, as in the score."""
        given = (f'{_cell(index, COL_ANSWER)}<>""' if "/" not in row.unit_id
                 else f'{self._count(row, "<>")}>0')
        if row.counts_for is not None:
            given = f"AND({self.chosen},{given})"
        return f"=IF(AND(NOT({self._not_applicable(index, row)}),{given}),1,0)"


def any_task_type(titles: tuple[str, ...], w: Words = EN) -> str:
    """True when the Summary's ML task type is one of these titles."""
    tests = [f'{task_type_cell(w)}="{quoted(title)}"' for title in titles]
    if not tests:
        return "FALSE"
    return tests[0] if len(tests) == 1 else f"OR({','.join(tests)})"


def quoted(text: str) -> str:
    return text.replace('"', '""')


def is_yes(cell: str, w: Words = EN) -> str:
    """True when the Answer cell says yes: Yes in English; in Spanish Sí, or Si typed without its accent
    (which the import takes as Sí too). A comparison with = ignores case in Excel and LibreOffice."""
    if w.language == ENGLISH:
        return f'{cell}="{w.yes}"'
    return f'OR({cell}="{w.yes}",{cell}="Si")'
