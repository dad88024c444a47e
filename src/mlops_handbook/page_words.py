"""The words the page renderers (render.py) write themselves, in each language of the handbook.

The methodology's own texts (titles, questions, explanations...) come from the checklists; these
are the rest: headings, table headers, the checklist form's labels, provenance labels, counts.
One table per language, with the same keys. A word is plain text, inserted as it is: it holds
no markup and none of < > & ", and the renderer escapes whatever it puts into its {fields}.
A word that changes with a count is a pair (one, more); a plain text serves every count.
"""

from __future__ import annotations

WORDS: dict[str, dict[str, object]] = {
    "en": {
        # Tables of points per route
        "route": "Route",
        "points": "Points",
        "maximum": "Maximum",
        "maximum_points": "Maximum points",
        # Stage and subphase pages
        "stage_meta": "Stage {number} of {total} · paper §{section} · {subphases} · {items}",
        "subphases_count": "{count} subphases",
        "checklist_items": "{count} checklist items",
        "overview_caption": "Subphases and the points each route can score in them",
        "subphase": "Subphase",
        "paper": "Paper",
        "whole_stage": "Whole stage",
        "subphase_meta": "Stage {number}, {stage} · paper §{section} · {questions}",
        "guiding_count": "{count} guiding questions",
        "to_checklist": "Go to the checklist",
        "items_count": "({count} items)",
        # The checklist form
        "yes": "Yes",
        "no": "No",
        "clear": "Clear answer",
        "scoring_single": "Chooses the path; scores no points",
        "scoring_multiple": "1 point per option that applies",
        "scoring_yes_no": "1 point for yes",
        "counts_for": "Counts for: {routes}",
        "practice_line": "Practice:",
        "more": "More on this check",
        "na": "Not applicable to this project",
        "na_reason": "Why it does not apply",
        "na_hint": "(required: at least two words and {letters} letters, not a placeholder such as n/a)",
        "asks_for_hint": "(what the question asks for; answer yes once it is written here)",
        "note": "Note",
        "note_hint": "(evidence, owner, date)",
        "editor_note_on": "Editor's note on {item}",
        "editor_note": "Editor's note.",
        # Where a question comes from
        "source_paper": "Paper {places}",
        "source_derived": "Derived from {places}",
        "source_added": "Added by the handbook (topic of {places})",
        "basis_paper": "The paper's own questions",
        "basis_derived": "Derived from the paper's text",
        "basis_added": "Added by the handbook",
        # Home page
        "delivered": "What is delivered",
        "task_type": "ML task type",
        "task_type_maximum": "Maximum points ({route} route)",
        "route_maximum": "Maximum {points} points",
        "licensed": "Licensed under",
        # Provenance page
        "summary_caption": "Points of each route by where their question comes from",
        "by_stage_caption": "{route}: points per stage by where the question comes from",
        "stage": "Stage",
        "all_points": "All points",
        "whole_route": "Whole route",
        "item_counts": ("The checklists hold {total} items: {paper} quote the paper's own questions, "
                        "{derived} are derived from its text and {added} are added by the handbook."),
        "breakdown_route": "{points} points (the paper publishes {published})",
        "breakdown_yes_no": "{count} yes/no items, 1 point each",
        "breakdown_options": "{item}: {span} options that apply, 1 point each",
        "span": "{low} to {high}",
        "metrics_caption": "Evaluation metrics that count per ML task type",
        "metrics": "Metrics",
        "route_max": "Route maximum",
        "no_retired": "No item has been retired.",
        "retired": "{old} is now part of {new}: {reason}",
        "practices_sentence": ("{route}: {practices} practices, each checked by one item, give the route's "
                               "{points} points; {automation} of them are automation and give {auto_points} "
                               "points ({share})."),
        "practices_summary": "The {count} practices of the {route} route",
        "practices_caption": "{route}: each practice, the item that checks it and its points",
        "item": "Item",
        "source": "Source",
        "automation_head": "Automation",
        "yes_cell": "yes",
        # Maps page
        "level_tag": "{model}: level {level}",
        "automation": "automation",
        "differs": "How it differs:",
        "sources": "Sources: {sources}",
        "practice_count": ("{count} practice", "{count} practices"),
        "crisp_caption": "Every practice the checklists score, by {crisp_dm} phase",
        "practice": "Practice",
        "definition": "Definition and sources",
        "items": "Items",
        "covered": "covered",
        "not_covered": "not covered",
        "none_covers": "Not covered",
        "of_total": "{count} of {total}",
        "tests_caption": ("The {count} tests of the {title}, the practices that cover them, and whether each "
                          "route's checklist does"),
        "test": "Test",
        "practices": "Practices",
        "tests_covered": "Tests covered",
        "level_zero": "None: every project is at least at this level",
        "level": "Level {level}: {title}",
        "no_route": "No route",
        "maturity_caption": "{model}: the practices of each level",
        "level_head": "Level",
        "reach": "Routes that can reach it",
        # Numbers
        "decimal_point": ".",
        "percent": "{value}%",
    },
    "es": {
        "route": "Ruta",
        "points": "Puntos",
        "maximum": "Máximo",
        "maximum_points": "Máximo de puntos",
        "stage_meta": "Etapa {number} de {total} · artículo, §{section} · {subphases} · {items}",
        "subphases_count": ("{count} subfase", "{count} subfases"),
        "checklist_items": ("{count} ítem de la lista de chequeo", "{count} ítems de la lista de chequeo"),
        "overview_caption": "Subfases y los puntos que cada ruta puede obtener en ellas",
        "subphase": "Subfase",
        "paper": "Artículo",
        "whole_stage": "Toda la etapa",
        "subphase_meta": "Etapa {number}, {stage} · artículo, §{section} · {questions}",
        "guiding_count": ("{count} pregunta orientadora", "{count} preguntas orientadoras"),
        "to_checklist": "Ir a la lista de chequeo",
        "items_count": ("({count} ítem)", "({count} ítems)"),
        "yes": "Sí",
        "no": "No",
        "clear": "Borrar la respuesta",
        "scoring_single": "Define el camino; no da puntos",
        "scoring_multiple": "1 punto por cada opción que aplique",
        "scoring_yes_no": "1 punto por «sí»",
        "counts_for": "Cuenta para: {routes}",
        "practice_line": "Práctica:",
        "more": "Más sobre esta verificación",
        "na": "No aplica a este proyecto",
        "na_reason": "Por qué no aplica",
        "na_hint": "(obligatorio: al menos dos palabras y {letters} letras, no un relleno como n/a o «no aplica»)",
        "asks_for_hint": "(lo que pide la pregunta; responda «sí» cuando esté escrito aquí)",
        "note": "Nota",
        "note_hint": "(evidencia, responsable, fecha)",
        "editor_note_on": "Nota del editor sobre {item}",
        "editor_note": "Nota del editor.",
        "source_paper": "Artículo, {places}",
        "source_derived": "Derivado del {places}",
        "source_added": "Agregado por el manual (tema del {places})",
        "basis_paper": "Las preguntas propias del artículo",
        "basis_derived": "Derivadas del texto del artículo",
        "basis_added": "Agregadas por el manual",
        "delivered": "Qué se entrega",
        "task_type": "Tipo de tarea de ML",
        "task_type_maximum": "Máximo de puntos (ruta {route})",
        "route_maximum": "Máximo: {points} puntos",
        "licensed": "Publicado con licencia",
        "summary_caption": "Puntos de cada ruta según el origen de sus preguntas",
        "by_stage_caption": "{route}: puntos por etapa según el origen de la pregunta",
        "stage": "Etapa",
        "all_points": "Todos los puntos",
        "whole_route": "Toda la ruta",
        "item_counts": ("Las listas de chequeo tienen {total} ítems: {paper} son preguntas propias del artículo, "
                        "{derived} se derivan de su texto y {added} son agregados por el manual."),
        "breakdown_route": "{points} puntos (el artículo publica {published})",
        "breakdown_yes_no": ("{count} ítem de sí o no, 1 punto", "{count} ítems de sí o no, 1 punto cada uno"),
        "breakdown_options": ("{item}: {span} opción que aplique, 1 punto",
                              "{item}: {span} opciones que apliquen, 1 punto cada una"),
        "span": "de {low} a {high}",
        "metrics_caption": "Métricas de evaluación que cuentan por tipo de tarea de ML",
        "metrics": "Métricas",
        "route_max": "Máximo de la ruta",
        "no_retired": "No se ha retirado ningún ítem.",
        "retired": "{old} ahora forma parte de {new}: {reason}",
        "practices_sentence": ("{route}: {practices} prácticas, cada una verificada por un ítem, dan los {points} "
                               "puntos de la ruta; {automation} de ellas son de automatización y dan {auto_points} "
                               "puntos ({share})."),
        "practices_summary": "Las {count} prácticas de la ruta {route}",
        "practices_caption": "{route}: cada práctica, el ítem que la verifica y sus puntos",
        "item": "Ítem",
        "source": "Origen",
        "automation_head": "Automatización",
        "yes_cell": "sí",
        "level_tag": "{model}: nivel {level}",
        "automation": "automatización",
        "differs": "En qué se diferencia:",
        "sources": "Fuentes: {sources}",
        "practice_count": ("{count} práctica", "{count} prácticas"),
        "crisp_caption": "Cada práctica que puntúan las listas de chequeo, por fase de {crisp_dm}",
        "practice": "Práctica",
        "definition": "Definición y fuentes",
        "items": "Ítems",
        "covered": "cubierta",
        "not_covered": "no cubierta",
        "none_covers": "Ninguna práctica la cubre",
        "of_total": "{count} de {total}",
        "tests_caption": ("Las {count} pruebas del {title}, las prácticas que las cubren y si la lista de chequeo "
                          "de cada ruta las cubre"),
        "test": "Prueba",
        "practices": "Prácticas",
        "tests_covered": "Pruebas cubiertas",
        "level_zero": "Ninguna: todo proyecto está al menos en este nivel",
        "level": "Nivel {level}: {title}",
        "no_route": "Ninguna ruta",
        "maturity_caption": "{model}: las prácticas de cada nivel",
        "level_head": "Nivel",
        "reach": "Rutas que pueden alcanzarlo",
        "decimal_point": ",",
        "percent": "{value}\u00a0%",  # a space that does not break between the number and its sign
    },
}


def word(language: str, key: str, count: int | None = None, **fields: object) -> str:
    """The word `key` in `language`, its {fields} filled in; `count` picks the form of a pair
    (one, more) and fills {count}."""
    text = WORDS[language][key]
    if isinstance(text, tuple):
        text = text[0] if count == 1 else text[1]
    if count is not None:
        fields["count"] = count
    return text.format(**fields) if fields else text


def decimal(language: str, value: float) -> str:
    """A number with one decimal, written as the language writes it (77.8, 77,8)."""
    return f"{value:.1f}".replace(".", WORDS[language]["decimal_point"])
