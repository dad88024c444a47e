"""The Spanish of the package's own sentences, keyed by the exact English template (messages.py).

Written as a Colombian data science team writes for a client (usted), with the terms of the
Spanish edition's glossary (checklists/README.md, "Two languages"): «sí», «no» and «No aplica» for
the answers, «ítem», «ruta», «etapa», «puntaje», «hoja de ruta», «archivo de respuestas». A path on
disk is «la ruta del archivo», never bare «ruta», which is the methodology's route.
"""

SPANISH_MESSAGES: dict[str, str] = {
    # ---------------------------------------------------------------- errors.py, messages.py
    "{where}: {problem}. Fix: {fix}.": "{where}: {problem}. Solución: {fix}.",
    "n/a": "n/d",

    # ---------------------------------------------------------------- scoring.py
    "N/A covers {points} of {maximum} points: more than a quarter of the route, so the percentage of what "
    "applies says little":
        "los ítems que no aplican suman {points} de {maximum} puntos: más de la cuarta parte de la ruta, así que "
        "el porcentaje sobre lo que aplica dice poco",
    "N/A covers {points} of {maximum} points: more than a quarter of the stage, so the percentage of what "
    "applies says little":
        "los ítems que no aplican suman {points} de {maximum} puntos: más de la cuarta parte de la etapa, así que "
        "el porcentaje sobre lo que aplica dice poco",
    "{answered} answered, {not_applicable} not applicable, {open} open":
        "respondidos: {answered}, no aplican: {not_applicable}, pendientes: {open}",
    "N/A: {count} item, {points} of {maximum} points": "No aplica: {count} ítem, {points} de {maximum} puntos",
    "N/A: {count} items, {points} of {maximum} points": "No aplica: {count} ítems, {points} de {maximum} puntos",
    "no route is chosen, so there is no total to compute": "no se ha elegido una ruta, así que no hay total que calcular",
    "set the route to one of {routes}": "elija como ruta una de estas: {routes}",

    # ---------------------------------------------------------------- report.py
    "Ordered by what matters most: first the practices on the roadmap to the next maturity level, then the "
    "paper's own questions, then the rest; in the stages' order within each.":
        "Ordenados por importancia: primero las prácticas de la hoja de ruta hacia el siguiente nivel de madurez, "
        "luego las preguntas propias del artículo y después el resto; dentro de cada grupo, en el orden de las etapas.",
    "{points} of {maximum} points (top of the range until the ML task type is chosen), {percent}":
        "{points} de {maximum} puntos (el máximo del rango, hasta que se elija el tipo de tarea de ML), {percent}",
    "{points} of {maximum} points, {percent}": "{points} de {maximum} puntos, {percent}",
    "Total on the paper's scale": "Total en la escala del artículo",
    "MLOps maturity": "Madurez MLOps",
    "nothing of it applies ({not_applicable})": "no aplica nada de la ruta ({not_applicable})",
    "{percent} ({points} of {maximum} points; {not_applicable})":
        "{percent} ({points} de {maximum} puntos; {not_applicable})",
    "Of what applies": "Sobre lo que aplica",
    "Paper's own questions": "Preguntas propias del artículo",
    "Checks": "Verificaciones",
    "{counts}, of {total}": "{counts}, de {total}",
    "Roadmap: {model}, level {level}": "Hoja de ruta: {model}, nivel {level}",
    "The paper's own question": "Pregunta propia del artículo",
    "previous assessment": "evaluación anterior",
    "answered, {count} option still open": "respondido, {count} opción aún pendiente",
    "answered, {count} options still open": "respondido, {count} opciones aún pendientes",
    "answered no": "respondido «no»",
    "not answered yet": "aún sin responder",
    "not applicable": "no aplica",
    "not answered": "sin responder",
    "yes": "sí",
    "no": "no",
    "no option chosen": "ninguna opción elegida",

    # ---------------------------------------------------------------- maturity.py
    "options still open": "opciones aún pendientes",
    "marked not applicable (the level needs it all the same)":
        "marcado como «No aplica» (el nivel lo exige de todos modos)",
    "level {reached} of {top} ({title})": "nivel {reached} de {top} ({title})",
    "To reach level {level} ({title}): {steps} practice to put in place":
        "Para llegar al nivel {level} ({title}): {steps} práctica por implementar",
    "To reach level {level} ({title}): {steps} practices to put in place":
        "Para llegar al nivel {level} ({title}): {steps} prácticas por implementar",
    "The answers reach the model's top level.": "Las respuestas alcanzan el nivel más alto del modelo.",
    "The answers reach the highest level this route's checklist can show.":
        "Las respuestas alcanzan el nivel más alto que la lista de chequeo de esta ruta puede mostrar.",
    "No practice of level {level} applies to the {route} route, so level {top} is out of reach on it.":
        "Ninguna práctica del nivel {level} aplica a la ruta {route}, así que el nivel {top} está fuera de su alcance.",
    "No practice of level {level} applies to the {route} route, so level {top} is out of reach on it; the "
    "automation levels describe ML systems.":
        "Ninguna práctica del nivel {level} aplica a la ruta {route}, así que el nivel {top} está fuera de su "
        "alcance; los niveles de automatización describen sistemas de ML.",
    "No practice of level {level} applies to the {route} route, so levels {level} to {top} are out of reach on it.":
        "Ninguna práctica del nivel {level} aplica a la ruta {route}, así que los niveles {level} a {top} están "
        "fuera de su alcance.",
    "No practice of level {level} applies to the {route} route, so levels {level} to {top} are out of reach on "
    "it; the automation levels describe ML systems.":
        "Ninguna práctica del nivel {level} aplica a la ruta {route}, así que los niveles {level} a {top} están "
        "fuera de su alcance; los niveles de automatización describen sistemas de ML.",
    "{met} of {total} tests met ({covered} covered by this route's checklist)":
        "{met} de {total} pruebas cumplidas ({covered} cubiertas por la lista de chequeo de esta ruta)",
    "{percent} on the paper's scale": "{percent} en la escala del artículo",
    "{percent} of the paper's own questions": "{percent} de las preguntas propias del artículo",
    "{lead} and level 0 of {models}: the paper's scale counts practices, not whether they run by hand; the "
    "roadmap lists what the next level still needs.":
        "{lead} y nivel 0 de {models}: la escala del artículo cuenta prácticas, no si se ejecutan a mano; la hoja "
        "de ruta indica lo que aún necesita el siguiente nivel.",
    " and of ": " y de ",

    # ---------------------------------------------------------------- model.py, provenance.py
    "Paper {places}": "Artículo, {places}",
    "Derived from {places}": "Derivado del {places}",
    "Added by the handbook (topic of {places})": "Agregado por el manual (tema del {places})",
    "The paper's own questions": "Las preguntas propias del artículo",
    "Derived from the paper's text": "Derivadas del texto del artículo",
    "Added by the handbook": "Agregadas por el manual",
    "{count} yes/no items, 1 point each": "{count} ítems de sí/no, 1 punto cada uno",
    "{low} to {high}": "{low} a {high}",
    "{item}: {span} options that apply, 1 point each": "{item}: {span} opciones que aplican, 1 punto cada una",

    # ---------------------------------------------------------------- answers.py: the rule for a reason
    "a reason says why the item does not apply, in at least two words and {letters} letters, and is not a "
    "placeholder such as n/a":
        "un motivo dice por qué el ítem no aplica, con al menos dos palabras y {letters} letras, y no es un texto "
        "de relleno como n/a",
    "it is empty": "está vacío",
    '"{text}" is a placeholder, not a reason': "«{text}» es un texto de relleno, no un motivo",
    "it is a single word; a reason takes at least two, separated by spaces":
        "es una sola palabra; un motivo lleva al menos dos, separadas por espacios",
    "it has 1 letter; a reason takes at least {minimum} (A to Z)":
        "tiene 1 letra; un motivo lleva al menos {minimum} (de la A a la Z)",
    "it has {letters} letters; a reason takes at least {minimum} (A to Z)":
        "tiene {letters} letras; un motivo lleva al menos {minimum} (de la A a la Z)",

    # ---------------------------------------------------------------- answers.py: reading a file
    "the command line": "la línea de comandos",
    "no such file": "el archivo no existe",
    "this is not a file": "esto no es un archivo",
    "check the path; make an answers file with `mlops-handbook template --route ROUTE -o FILE`":
        "revise la ruta del archivo; cree un archivo de respuestas con "
        "`mlops-handbook template --route ROUTE -o FILE`",
    "cannot be read ({problem})": "no se puede leer ({problem})",
    "check the path and the file's permissions": "revise la ruta del archivo y sus permisos",
    "check the file's permissions": "revise los permisos del archivo",
    "the file is {size} bytes; an answers file is a few kilobytes and at most {limit} are read":
        "el archivo tiene {size} bytes; un archivo de respuestas ocupa unos pocos kilobytes y se leen como "
        "máximo {limit}",
    "check that this is an answers file (make one with `mlops-handbook template`)":
        "verifique que sea un archivo de respuestas (cree uno con `mlops-handbook template`)",
    "byte {position}": "byte {position}",
    "the file is not UTF-8 text": "el archivo no es texto UTF-8",
    "save the answers file as UTF-8 JSON": "guarde el archivo de respuestas como JSON en UTF-8",
    "the text has {count} characters; an answers file is a few kilobytes and at most {limit} are read":
        "el texto tiene {count} caracteres; un archivo de respuestas ocupa unos pocos kilobytes y se leen como "
        "máximo {limit}",
    "invalid JSON: a comma stands before a closing bracket":
        "JSON no válido: hay una coma antes de un corchete o una llave de cierre",
    "the JSON ends too early (the file looks truncated)": "el JSON termina antes de tiempo (el archivo parece cortado)",
    "invalid JSON: {problem}": "JSON no válido: {problem}",
    "repair the JSON or download the answers again": "corrija el JSON o descargue de nuevo las respuestas",
    "the JSON cannot be read ({problem})": "el JSON no se puede leer ({problem})",
    "Expecting value": "se esperaba un valor",
    "Expecting property name enclosed in double quotes": "se esperaba un nombre de campo entre comillas dobles",
    "Expecting ':' delimiter": "se esperaba el separador ':'",
    "Expecting ',' delimiter": "se esperaba el separador ','",
    "Extra data": "sobran datos después del final",
    "Unterminated string starting at": "texto sin cerrar que empieza en",
    "Invalid control character at": "carácter de control no válido en",
    "Invalid \\escape": "secuencia de escape \\ no válida",
    "Invalid \\uXXXX escape": "escape \\uXXXX no válido",
    "the JSON nests brackets more than {depth} deep; an answers file needs 3":
        "el JSON anida corchetes o llaves más de {depth} niveles; un archivo de respuestas necesita 3",
    "a number of {count} characters; numbers in an answers file are short (at most {limit} characters are read)":
        "un número de {count} caracteres; los números de un archivo de respuestas son cortos (se leen como "
        "máximo {limit} caracteres)",
    "line {line}, column {column}": "línea {line}, columna {column}",
    "top level": "nivel superior",
    "the JSON is not an object": "el JSON no es un objeto",
    'an answers file starts with {{"format": "mlops-handbook-answers", ...}}':
        'un archivo de respuestas empieza con {{"format": "mlops-handbook-answers", ...}}',
    'expected "format": "{format}"': 'se esperaba "format": "{format}"',
    "the version is missing or not a whole number": "falta la versión o no es un número entero",
    'add "version": {version}': 'agregue "version": {version}',
    "the file is version {version}, newer than the version {readable} that this release of mlops-handbook reads":
        "el archivo es de la versión {version}, más nueva que la versión {readable}, la que lee esta versión de "
        "mlops-handbook",
    "open it with a newer release of the handbook (or its command line), or ask whoever sent it for a file of "
    "an earlier version":
        "ábralo con una versión más reciente del manual (o de su línea de comandos), o pídale a quien se lo envió "
        "un archivo de una versión anterior",
    "version {version} does not exist": "la versión {version} no existe",
    'set "version": {version}': 'escriba "version": {version}',
    'version 1 files have no "not applicable" answers': "los archivos de la versión 1 no tienen respuestas «No aplica»",
    'set "version": {version} to use them': 'escriba "version": {version} para usarlas',
    "this key is not part of an answers file": "este campo no es parte de un archivo de respuestas",
    "remove it; the keys are {keys}": "quítelo; los campos son {keys}",
    "{value} is not a date (a calendar date is written YYYY-MM-DD)":
        "{value} no es una fecha (una fecha se escribe AAAA-MM-DD)",
    'write the date as YYYY-MM-DD, e.g. "2026-11-26", or leave it empty':
        'escriba la fecha como AAAA-MM-DD, p. ej. "2026-11-26", o déjela vacía',
    "this item is answered and also marked not applicable":
        "este ítem está respondido y además marcado como «No aplica»",
    'keep one: set "answers.{item}" to null, or remove the item from "not_applicable"':
        'deje solo uno: ponga "answers.{item}" en null, o quite el ítem de "not_applicable"',
    '[Marked not applicable with the reason "{reason}", which the handbook no longer accepts]':
        "[Marcado como «No aplica» con el motivo «{reason}», que el manual ya no acepta]",
    "{listed} and {count} more": "{listed} y {count} más",
    "1 item was marked not applicable with a reason that the handbook no longer accepts ({listed}): each reason "
    "is kept in its item's note, and the item is unanswered now":
        "1 ítem estaba marcado como «No aplica» con un motivo que el manual ya no acepta ({listed}): el motivo se "
        "conserva en la nota del ítem, y el ítem queda ahora sin responder",
    "{count} items were marked not applicable with a reason that the handbook no longer accepts ({listed}): each "
    "reason is kept in its item's note, and the items are unanswered now":
        "{count} ítems estaban marcados como «No aplica» con un motivo que el manual ya no acepta ({listed}): cada "
        "motivo se conserva en la nota de su ítem, y los ítems quedan ahora sin responder",
    "answer each, or mark it not applicable again with a reason that says why ({rule})":
        "responda cada uno, o márquelo de nuevo como «No aplica» con un motivo que diga por qué ({rule})",
    "bringing this file to version {version} joins the texts of items merged into {item} into its note, and "
    "that note would have {count} characters, over the {limit} a note may have; nothing was changed":
        "al llevar este archivo a la versión {version}, los textos de los ítems fusionados en {item} se unen en su "
        "nota, y esa nota tendría {count} caracteres, más de los {limit} que admite una nota; no se cambió nada",
    "shorten the notes or reasons of {item} and of the items merged into it in the file, keeping longer "
    "documents elsewhere, then read it again":
        "acorte en el archivo las notas o los motivos de {item} y de los ítems fusionados en él, deje los "
        "documentos más largos en otro lugar y vuelva a leerlo",
    "a note must be text": "una nota debe ser texto",
    "write the note as a JSON string in double quotes": "escriba la nota como una cadena JSON entre comillas dobles",
    "the note has {count} characters, over {limit}": "la nota tiene {count} caracteres, más de {limit}",
    "shorten it and keep longer documents elsewhere, linked from the note":
        "acórtela y deje los documentos más largos en otro lugar, enlazados desde la nota",
    "this question chooses a path and cannot be marked not applicable":
        "esta pregunta elige un camino y no se puede marcar como «No aplica»",
    'remove it from "not_applicable"': 'quítela de "not_applicable"',
    "the reason must be text": "el motivo debe ser texto",
    'write why the item does not apply, e.g. "{item}": "No cloud: the client hosts on premises"':
        'escriba por qué el ítem no aplica, p. ej. "{item}": "Sin nube: el cliente aloja todo on-premises"',
    "the reason is empty; an item is marked not applicable only with a reason":
        "el motivo está vacío; un ítem solo se marca como «No aplica» con un motivo",
    'write why the item does not apply to this project, or remove it from "not_applicable"':
        'escriba por qué el ítem no aplica a este proyecto, o quítelo de "not_applicable"',
    "the reason has {count} characters, over {limit}": "el motivo tiene {count} caracteres, más de {limit}",
    "shorten it and keep longer documents elsewhere, linked from the reason":
        "acórtelo y deje los documentos más largos en otro lugar, enlazados desde el motivo",
    "the reason does not say why the item does not apply: {problem}":
        "el motivo no dice por qué el ítem no aplica: {problem}",
    '{rule}; write one, e.g. "{item}": "No personal data: the sources are sensor readings", or remove the item '
    'from "not_applicable" and answer it':
        '{rule}; escriba uno, p. ej. "{item}": "Sin datos personales: las fuentes son lecturas de sensores", o '
        'quite el ítem de "not_applicable" y respóndalo',
    "answer {value}, taken as this item's answer": "respuesta {value}, tomada como respuesta de este ítem",
    "answer {value}": "respuesta {value}",
    "note: {note}": "nota: {note}",
    "not applicable, taken for this item": "«No aplica», tomado para este ítem",
    "not applicable: {reason}": "no aplica: {reason}",
    "[Earlier item {item}, merged into this one] ": "[Ítem anterior {item}, fusionado en este] ",
    "character {position} is the lone surrogate {escape}, which is not a character and cannot be saved as UTF-8":
        "el carácter {position} es el sustituto suelto {escape}, que no es un carácter y no se puede guardar "
        "como UTF-8",
    "the text is not valid Unicode: {problem}": "el texto no es Unicode válido: {problem}",
    "retype the text, or save the file again as UTF-8 from an editor":
        "vuelva a escribir el texto, o guarde de nuevo el archivo como UTF-8 desde un editor",
    "unknown route {value}": "ruta desconocida: {value}",
    "use one of {ids}": "use alguno de estos valores: {ids}",
    "unknown task type {value}": "tipo de tarea desconocido: {value}",
    'the route "{route}" has no ML task type': 'la ruta "{route}" no tiene tipo de tarea de ML',
    "remove the task type, or choose the ml-model route": "quite el tipo de tarea, o elija la ruta ml-model",
    "this value must be text": "este valor debe ser texto",
    'write it as a JSON string, e.g. "{key}": "..."': 'escríbalo como una cadena JSON, p. ej. "{key}": "..."',
    "the text has {count} characters, over {limit}": "el texto tiene {count} caracteres, más de {limit}",
    "shorten it": "acórtelo",
    "this must be an object mapping item ids to values": "esto debe ser un objeto que asocie ids de ítems con valores",
    'write it as "{key}": {{"bc-iu-02": ...}}': 'escríbalo como "{key}": {{"bc-iu-02": ...}}',
    "it has {count} entries, more than the {limit} read; the methodology has far fewer items":
        "tiene {count} entradas, más de las {limit} que se leen; la metodología tiene muchos menos ítems",
    "keep one entry per item id (make a fresh file with `mlops-handbook template`)":
        "deje una entrada por id de ítem (cree un archivo nuevo con `mlops-handbook template`)",
    "{section}, the key {key}": "{section}, el campo {key}",
    "{value} is not an item id of this methodology": "{value} no es un id de ítem de esta metodología",
    "correct the id (see `mlops-handbook template`) or remove the entry":
        "corrija el id (vea `mlops-handbook template`) o quite la entrada",
    "this question chooses a path and is not answered here": "esta pregunta elige un camino y no se responde aquí",
    'set the top-level "{key}" instead and remove this entry':
        'defina en su lugar el campo "{key}" del nivel superior y quite esta entrada',
    "a yes/no item takes true, false or null, not {value}": "un ítem de sí/no lleva true, false o null, no {value}",
    "write true for yes, false for no, or null if not answered yet":
        "escriba true para «sí», false para «no», o null si aún no se ha respondido",
    "a multiple-choice item takes a list of option ids, not {value}":
        "un ítem de selección múltiple lleva una lista de ids de opciones, no {value}",
    'write a list such as ["{option}"], [] for none, or null if not answered yet':
        'escriba una lista como ["{option}"], [] si no aplica ninguna, o null si aún no se ha respondido',
    "{value} is not an option of this item": "{value} no es una opción de este ítem",
    "use option ids among: {ids}": "use ids de opciones entre: {ids}",

    # ---------------------------------------------------------------- browser.py
    "your answers": "sus respuestas",
    "uploaded file": "archivo cargado",
    "the previous assessment": "la evaluación anterior",
    "This reason is not accepted: {problem}. The rule: {rule}. Until the reason says why, the item counts as "
    "unanswered.":
        "Este motivo no se acepta: {problem}. La regla: {rule}. Mientras el motivo no diga por qué, el ítem cuenta "
        "como sin responder.",

    # ---------------------------------------------------------------- cli.py: the score report
    "Project: {project}": "Proyecto: {project}",
    "Assessor: {assessor}": "Evaluador: {assessor}",
    "Date: {date}": "Fecha: {date}",
    "Route: {route}": "Ruta: {route}",
    "Route: {route} ({task_type})": "Ruta: {route} ({task_type})",
    "Stage": "Etapa",
    "points": "puntos",
    "of what applies": "sobre lo que aplica",
    "N/A items, points": "No aplica: ítems, puntos",
    "paper": "artículo",
    "! N/A covers more than a quarter of the stage's points, so its percentage of what applies says little.":
        "! Los ítems que no aplican suman más de la cuarta parte de los puntos de la etapa, así que su porcentaje "
        "sobre lo que aplica dice poco.",
    "Roadmap to the next level:": "Hoja de ruta hacia el siguiente nivel:",
    "Answered no ({count}):": "Respondidos «no» ({count}):",
    "Not yet assessed ({count}):": "Aún sin evaluar ({count}):",
    "Note: {note}": "Nota: {note}",
    "Marked not applicable ({count}):": "Marcados como «No aplica» ({count}):",
    "undated": "sin fecha",
    "Since the previous assessment ({date}): {before} of {maximum_before} points ({percent_before}) -> {after} "
    "of {maximum_after} points ({percent_after}), {delta} points":
        "Desde la evaluación anterior ({date}): {before} de {maximum_before} puntos ({percent_before}) -> {after} "
        "de {maximum_after} puntos ({percent_after}), {delta} puntos",
    "Since the previous assessment ({date}): {before} of {maximum_before} points ({percent_before}) on the "
    "{route} route -> {after} of {maximum_after} points ({percent_after}), {delta} points":
        "Desde la evaluación anterior ({date}): {before} de {maximum_before} puntos ({percent_before}) en la ruta "
        "{route} -> {after} de {maximum_after} puntos ({percent_after}), {delta} puntos",
    "Gained ({count}):": "Ganados ({count}):",
    "Lost ({count}):": "Perdidos ({count}):",
    "Changed without points ({count}):": "Cambiados sin efecto en los puntos ({count}):",
    "No answer changed.": "Ninguna respuesta cambió.",
    "the total, {points} of {maximum} points ({percent}), is below --fail-under {bar}":
        "el total, {points} de {maximum} puntos ({percent}), está por debajo de --fail-under {bar}",

    # ---------------------------------------------------------------- cli.py: the other commands
    "ok: {stages} stages, {subphases} subphases, {questions} guiding questions, {items} items":
        "ok: {stages} etapas, {subphases} subfases, {questions} preguntas orientadoras, {items} ítems",
    "{route}: maximum {points} points": "{route}: máximo {points} puntos",
    "{points} points": "{points} puntos",
    "Answer with a list of the option ids that apply, [] for none: {options}. (This note is a hint; replace it "
    "with yours.)":
        "Responda con una lista de los ids de las opciones que aplican, [] si no aplica ninguna: {options}. (Esta "
        "nota es una ayuda; reemplácela por la suya.)",
    "wrote {file}": "se escribió {file}",

    # ---------------------------------------------------------------- cli.py: errors
    "a file": "un archivo",
    "{where}: {problem}. Fix: check the path, its permissions and the free space.":
        "{where}: {problem}. Solución: revise la ruta del archivo, sus permisos y el espacio libre.",
    "internal error, a bug in mlops-handbook {version} ({detail}). Please report it to the handbook's "
    "maintainers, with the command that failed.":
        "error interno, una falla de mlops-handbook {version} ({detail}). Por favor, repórtela a los mantenedores del "
        "manual, con el comando que falló.",
    "standard output": "la salida estándar",
    "it is closed": "está cerrada",
    "run the command with its output going to a terminal, a file or a pipe":
        "ejecute el comando con su salida hacia una terminal, un archivo o una tubería (pipe)",
    "it cannot be written ({problem}); what was printed before is incomplete":
        "no se puede escribir ({problem}); lo que se imprimió antes está incompleto",
    "free some space where the output goes, or write the file with -o":
        "libere espacio donde va la salida, o escriba el archivo con -o",
    "reading the checklists' YAML needs PyYAML and jsonschema (the module {module} is not installed)":
        "leer el YAML de las listas de chequeo requiere PyYAML y jsonschema (el módulo {module} no está instalado)",
    "install them with `{command}`; score, template, routes and export work without them, on the methodology "
    "shipped with the package":
        "instálelos con `{command}`; score, template, routes y export funcionan sin ellos, con la metodología que "
        "trae el paquete",
    "expected a number from 0 to 100, e.g. 70, not {value}": "se esperaba un número de 0 a 100, p. ej. 70, no {value}",
    "no free temporary name beside {target}": "no hay un nombre temporal libre junto a {target}",
    "cannot be written ({problem}); it is left as it was": "no se puede escribir ({problem}); queda como estaba",
    "check the folder's permissions and free space": "revise los permisos de la carpeta y el espacio libre",
    "cannot be checked ({problem})": "no se puede verificar ({problem})",
    "check the path and the permissions of its folders": "revise la ruta del archivo y los permisos de sus carpetas",
    "this is a symbolic link to {link}, whose folder {folder} does not exist":
        "esto es un enlace simbólico a {link}, cuya carpeta {folder} no existe",
    "create that folder first, or write elsewhere": "cree primero esa carpeta, o escriba en otro lugar",
    "the folder {folder} does not exist": "la carpeta {folder} no existe",
    "create it first or write elsewhere": "créela primero o escriba en otro lugar",
    "this is a folder": "esto es una carpeta",
    "name a file to write, e.g. {example}": "indique un archivo para escribir, p. ej. {example}",
    "this is {kind}, not a regular file, so it is not written":
        "esto es {kind}, no un archivo regular, así que no se escribe",
    "name a regular file to write, e.g. {example}": "indique un archivo regular para escribir, p. ej. {example}",
    "this is the answers file being read ({file})": "este es el archivo de respuestas que se está leyendo ({file})",
    "write to another file, e.g. {example}": "escriba en otro archivo, p. ej. {example}",
    "the file is read-only": "el archivo es de solo lectura",
    "make it writable or write another file": "dele permiso de escritura o escriba otro archivo",
    "a device": "un dispositivo",
    "a named pipe (FIFO)": "una tubería con nombre (FIFO)",
    "a socket": "un socket",
    "a special file": "un archivo especial",
    "the text is not valid UTF-8 ({problem})": "el texto no es UTF-8 válido ({problem})",
    "type the name again in a UTF-8 terminal, or leave it out and edit the file":
        "escriba de nuevo el nombre en una terminal UTF-8, o déjelo por fuera y edite el archivo",
    "the spreadsheet must have the .xlsx extension": "la hoja de cálculo debe tener la extensión .xlsx",
    "name the output FILE.xlsx": "nombre el archivo de salida ARCHIVO.xlsx",
    "no answers file or score spreadsheet could be read":
        "no se pudo leer ningún archivo de respuestas ni hoja de cálculo de puntaje",
    "name answers files (.json), score spreadsheets (.xlsx) or folders holding them":
        "indique archivos de respuestas (.json), hojas de cálculo de puntaje (.xlsx) o carpetas que los contengan",

    # ---------------------------------------------------------------- cli.py: help and argparse's words
    "`mlops-handbook`: validate the methodology, list routes, make, score and export answers files.":
        "`mlops-handbook`: valida la metodología, lista las rutas, crea archivos de respuestas, calcula su puntaje "
        "y los exporta.",
    "exit status:\n"
    "  0    done\n"
    "  1    score: the total is below --fail-under\n"
    "  2    a mistake in an input or in the command line, or a file that cannot be read or\n"
    "       written; the message names the file, the place and the fix, and nothing is written\n"
    "  3    an internal error: a bug in mlops-handbook (please report it with the command)\n"
    "  130  interrupted (Ctrl-C); no file is left half-written\n"
    "  141  the reader of the output closed it early (as `| head -1` does)":
        "estado de salida:\n"
        "  0    terminado\n"
        "  1    score: el total está por debajo de --fail-under\n"
        "  2    un error en una entrada o en la línea de comandos, o un archivo que no se puede leer\n"
        "       ni escribir; el mensaje indica el archivo, el lugar y la solución, y no se escribe nada\n"
        "  3    un error interno: una falla de mlops-handbook (por favor, repórtela con el comando)\n"
        "  130  interrumpido (Ctrl-C); ningún archivo queda escrito a medias\n"
        "  141  quien leía la salida la cerró antes de tiempo (como hace `| head -1`)",
    "show program's version number and exit": "muestra la versión del programa y termina",
    "checklists folder (default: the one shipped with the package)":
        "carpeta de las listas de chequeo (por defecto: la que trae el paquete)",
    "language of the methodology's texts (stages, questions, practices) and of the command's messages: en or es "
    "(default: from the locale, LC_ALL, LC_MESSAGES or LANG; here %(default)s)":
        "idioma de los textos de la metodología (etapas, preguntas, prácticas) y de los mensajes del comando: en o "
        "es (por defecto, el de la configuración regional: LC_ALL, LC_MESSAGES o LANG; aquí %(default)s)",
    "language of the methodology's texts: en or es (as before the command)":
        "idioma de los textos de la metodología: en o es (como antes del comando)",
    "check a checklists folder and report its routes": "verifica una carpeta de listas de chequeo e informa sus rutas",
    "checklists folder (default: --checklists or the shipped one)":
        "carpeta de listas de chequeo (por defecto: --checklists o la que trae el paquete)",
    "maximum points per route, and per task type for the ML route":
        "puntos máximos por ruta, y por tipo de tarea en la ruta de ML",
    "print JSON": "imprime JSON",
    "an answers file listing every applicable item, unanswered":
        "un archivo de respuestas con todos los ítems que aplican, sin responder",
    "dashboard, analytical-report or ml-model": "dashboard, analytical-report o ml-model",
    "ML task type (ml-model route only)": "tipo de tarea de ML (solo en la ruta ml-model)",
    "project name": "nombre del proyecto",
    "who answers": "quién responde",
    "write here instead of standard output": "escribe aquí en lugar de la salida estándar",
    "score an answers file": "calcula el puntaje de un archivo de respuestas",
    "answers JSON file": "archivo JSON de respuestas",
    "print the full score as JSON": "imprime el puntaje completo como JSON",
    "an earlier assessment of the same project: also show what changed since it":
        "una evaluación anterior del mismo proyecto: muestra también qué cambió desde entonces",
    "exit 1 if the total (on the paper's scale, unrounded) is below PERCENT, a number from 0 to 100":
        "termina con estado 1 si el total (en la escala del artículo, sin redondear) está por debajo de PERCENT, un "
        "número de 0 a 100",
    "write the score spreadsheet (.xlsx) of an answers file":
        "escribe la hoja de cálculo de puntaje (.xlsx) de un archivo de respuestas",
    "spreadsheet to write": "hoja de cálculo que se escribe",
    "read a filled-in score spreadsheet (.xlsx) back into an answers file":
        "lee una hoja de cálculo de puntaje (.xlsx) diligenciada y la vuelve a convertir en archivo de respuestas",
    "score spreadsheet exported by the handbook, filled in": "hoja de cálculo de puntaje exportada por el manual, ya diligenciada",
    "answers file to write instead of standard output":
        "archivo de respuestas que se escribe en lugar de la salida estándar",
    "compare many assessments: distribution, projects, weak items, progress":
        "compara muchas evaluaciones: distribución, proyectos, ítems débiles, avance",
    "answers files (.json), score spreadsheets (.xlsx), or folders holding them":
        "archivos de respuestas (.json), hojas de cálculo de puntaje (.xlsx) o carpetas que los contengan",
    "print the portfolio as JSON": "imprime el portafolio como JSON",
    "also write the portfolio spreadsheet": "escribe también la hoja de cálculo del portafolio",
    "usage: ": "uso: ",
    "options": "opciones",
    "positional arguments": "argumentos posicionales",
    "show this help message and exit": "muestra esta ayuda y termina",
    "%(prog)s: error: %(message)s\n": "%(prog)s: error: %(message)s\n",
    "argument %(argument_name)s: %(message)s": "argumento %(argument_name)s: %(message)s",
    "the following arguments are required: %s": "faltan estos argumentos obligatorios: %s",
    "unrecognized arguments: %s": "argumentos no reconocidos: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "valor no válido: %(value)r (elija entre %(choices)s)",
    "invalid %(type)s value: %(value)r": "valor %(type)s no válido: %(value)r",
    "expected one argument": "se esperaba un argumento",
    "expected at least one argument": "se esperaba al menos un argumento",
    "expected at most one argument": "se esperaba como máximo un argumento",
    "expected %s argument": "se esperaba %s argumento",
    "expected %s arguments": "se esperaban %s argumentos",
    "ignored explicit argument %r": "se ignoró el argumento explícito %r",
    "ambiguous option: %(option)s could match %(matches)s": "opción ambigua: %(option)s podría ser %(matches)s",
    "one of the arguments %s is required": "se requiere uno de los argumentos %s",
    "not allowed with argument %s": "no se permite junto con el argumento %s",
    "unexpected option string: %s": "opción inesperada: %s",

    # ---------------------------------------------------------------- portfolio.py, portfolio_files.py
    "an internal error, a bug in mlops-handbook, stopped reading this file ({detail}); it is left out and the "
    "other files are reported":
        "un error interno, una falla de mlops-handbook, interrumpió la lectura de este archivo ({detail}); queda por "
        "fuera y se reportan los demás archivos",
    "please report it to the handbook's maintainers with the file if you can share it; meanwhile check the "
    "file, or export it again":
        "por favor, repórtela a los mantenedores del manual con el archivo, si puede compartirlo; mientras tanto "
        "revise el archivo o expórtelo de nuevo",
    "1 project": "1 proyecto",
    "{count} projects": "{count} proyectos",
    "1 assessment": "1 evaluación",
    "{count} assessments": "{count} evaluaciones",
    "Portfolio: {projects} ({assessments}; each project's latest is compared)":
        "Portafolio: {projects} ({assessments}; se compara la más reciente de cada proyecto)",
    "Distribution of the totals (percent of the route's maximum):":
        "Distribución de los totales (porcentaje del máximo de la ruta):",
    "Project": "Proyecto",
    "Route": "Ruta",
    "Date": "Fecha",
    "Points": "Puntos",
    "Paper-core": "Núcleo del artículo",
    "Projects, by percentage of their route's maximum:": "Proyectos, por porcentaje del máximo de su ruta:",
    "Items most often failed (answered no or left unanswered), of the projects whose route has the item:":
        "Ítems que más proyectos no cumplen (respondidos «no» o sin responder), entre los proyectos cuya ruta "
        "tiene el ítem:",
    "{failing} of {assessed} ({no} no, {unanswered} unanswered)":
        "{failing} de {assessed} ({no} «no», {unanswered} sin responder)",
    "... {count} more items failed by at least one project (--json or the spreadsheet lists them all)":
        "... {count} ítems más que al menos un proyecto no cumple (--json o la hoja de cálculo los listan todos)",
    "No item is answered no or left unanswered.": "Ningún ítem está respondido «no» ni sin responder.",
    "Items most often marked not applicable (with a reason), of the projects whose route has the item:":
        "Ítems marcados con más frecuencia como «No aplica» (con motivo), entre los proyectos cuya ruta tiene el "
        "ítem:",
    "{marked} of {assessed}": "{marked} de {assessed}",
    "... {count} more items marked not applicable by at least one project (--json or the spreadsheet lists "
    "them all, with the reasons)":
        "... {count} ítems más marcados como «No aplica» por al menos un proyecto (--json o la hoja de cálculo "
        "los listan todos, con los motivos)",
    "No item is marked not applicable.": "Ningún ítem está marcado como «No aplica».",
    "Percent per stage ({legend}; - where the route has no item in the stage):":
        "Porcentaje por etapa ({legend}; - donde la ruta no tiene ítems en la etapa):",
    "Progress (projects assessed on two or more dates):": "Avance (proyectos evaluados en dos o más fechas):",
    "a folder": "una carpeta",
    "this folder cannot be read ({problem}), so the files in it are left out":
        "esta carpeta no se puede leer ({problem}), así que sus archivos quedan por fuera",
    "check its permissions; the other files are reported without it":
        "revise sus permisos; los demás archivos se reportan sin ella",
    "this folder holds no .json or .xlsx file": "esta carpeta no tiene archivos .json ni .xlsx",
    "name a folder of answers files or score spreadsheets":
        "indique una carpeta de archivos de respuestas o de hojas de cálculo de puntaje",
    "this is one of the portfolio's inputs ({path}), so it is not overwritten; nothing was written":
        "este es uno de los archivos de entrada del portafolio ({path}), así que no se sobrescribe; no se "
        "escribió nada",
    "write the portfolio to a new file, or to one outside the files and folders read":
        "escriba el portafolio en un archivo nuevo, o en uno fuera de los archivos y carpetas que se leen",
    "no such file or folder": "no existe el archivo ni la carpeta",
    "check the path": "revise la ruta del archivo",
    "check the path and its permissions": "revise la ruta del archivo y sus permisos",
    "this is not a regular file": "esto no es un archivo regular",
    "name answers files, spreadsheets or folders": "indique archivos de respuestas, hojas de cálculo o carpetas",
    "the file is {size} bytes, more than the {limit} read": "el archivo tiene {size} bytes, más de los {limit} que se leen",
    "check that this is an answers file or a score spreadsheet":
        "verifique que sea un archivo de respuestas o una hoja de cálculo de puntaje",

    # ---------------------------------------------------------------- charts.py (the Portfolio page)
    "Distribution of the projects' totals": "Distribución de los totales de los proyectos",
    "How many of the {total} projects (latest assessment each) score in each band of {width} percent of their "
    "route maximum: ":
        "Cuántos de los {total} proyectos (la evaluación más reciente de cada uno) quedan en cada franja de {width} "
        "puntos porcentuales del máximo de su ruta: ",
    "projects": "proyectos",
    "percent of the route maximum": "porcentaje del máximo de la ruta",
    "Each project's total against its route maximum": "El total de cada proyecto frente al máximo de su ruta",
    "Percent of the route maximum and, on the thinner bar, percent of the paper's own questions: ":
        "Porcentaje del máximo de la ruta y, en la barra más delgada, porcentaje de las preguntas propias del "
        "artículo: ",
    "{project} ({route}): {points} of {maximum} points, {percent}, paper core {paper}":
        "{project} ({route}): {points} de {maximum} puntos, {percent}, núcleo del artículo {paper}",
    "paper core {percent}": "núcleo del artículo {percent}",
    "paper core": "núcleo del artículo",
    "The items most projects fail": "Los ítems que más proyectos no cumplen",
    "The {count} items failed by the most projects (latest assessments whose route has the item), answered no, "
    "then left unanswered: ":
        "Los {count} ítems que más proyectos no cumplen (evaluaciones más recientes cuya ruta tiene el ítem), "
        "respondidos «no» y luego sin responder: ",
    "Progress of the projects assessed several times": "Avance de los proyectos evaluados varias veces",
    "Percent of the route maximum at each assessment, by date: ":
        "Porcentaje del máximo de la ruta en cada evaluación, por fecha: ",
    "date of the assessment": "fecha de la evaluación",
    "Markers of one date at about the same percent are drawn side by side.":
        "Los marcadores de una misma fecha con porcentajes parecidos se dibujan uno al lado del otro.",

    # ---------------------------------------------------------------- languages.py (checking the checklists)
    "English": "inglés",
    "Spanish": "español",
    " and {last}": " y {last}",
    " ({count} other elements of the checklists lack a text in one language too)":
        " (a otros {count} elementos de las listas de chequeo también les falta un texto en uno de los idiomas)",
    " (1 other element of the checklists lacks a text in one language too)":
        " (a otro elemento de las listas de chequeo también le falta un texto en uno de los idiomas)",
    "it has an `{language}:` block but no English text to translate":
        "tiene un bloque `{language}:` pero ningún texto en inglés que traducir",
    "remove the `{language}:` block": "quite el bloque `{language}:`",
    "its `{language}:` is not a mapping of texts": "su `{language}:` no es un mapeo de textos",
    "write `{language}:` as a mapping with the {name} of {listed}, as in {readme}":
        "escriba `{language}:` como un mapeo con el texto en {name} de {listed}, como en {readme}",
    "it has no {name} texts (the `{language}:` block with {listed} is missing)":
        "no tiene textos en {name} (falta el bloque `{language}:` con {listed})",
    "add an `{language}:` block with the {name} of {listed}, the same keys as the English ones ({readme})":
        "agregue un bloque `{language}:` con el texto en {name} de {listed}, con las mismas claves que el inglés "
        "({readme})",
    "the {name} of {keys} is missing from its `{language}:` block":
        "falta el texto en {name} de {keys} en su bloque `{language}:`",
    "add {keys} to the `{language}:` block, in {name}": "agregue {keys} al bloque `{language}:`, en {name}",
    "its `{language}:` block has `{key}`, which has no English text beside it":
        "su bloque `{language}:` tiene `{key}`, que no tiene al lado un texto en inglés",
    "add the English `{key}:` to the element, or remove `{key}:` from the `{language}:` block":
        "agregue al elemento el `{key}:` en inglés, o quite `{key}:` del bloque `{language}:`",
    "the {name} {key} (`{language}.{key}`) is empty": "el campo {key} en {name} (`{language}.{key}`) está vacío",
    "write the {name} of the English {key} there": "escriba allí el texto en {name} del campo {key} en inglés",

    # ---------------------------------------------------------------- loader.py (reading the checklists)
    "this checklists folder does not exist": "esta carpeta de listas de chequeo no existe",
    "pass the folder that holds methodology.yaml and the NN-<stage>.yaml files":
        "indique la carpeta que contiene methodology.yaml y los archivos NN-<stage>.yaml",
    "methodology.yaml is missing": "falta methodology.yaml",
    "restore methodology.yaml (routes, task types, source) in this folder":
        "restaure methodology.yaml (rutas, tipos de tarea, fuente) en esta carpeta",
    "file name": "nombre del archivo",
    "a stage file must be named NN-<stage-id>.yaml": "un archivo de etapa debe llamarse NN-<stage-id>.yaml",
    'rename it, e.g. "01-business-comprehension.yaml", or move it out of the folder':
        'renómbrelo, p. ej. "01-business-comprehension.yaml", o sáquelo de la carpeta',
    'the stage id "{id}" differs from the file name': 'el id de la etapa "{id}" no coincide con el nombre del archivo',
    "name the file {name} or change the id back": "llame el archivo {name} o devuelva el id a su valor",
    "no stage files (NN-<stage-id>.yaml) were found": "no se encontraron archivos de etapa (NN-<stage-id>.yaml)",
    "add the stage files or point to the right folder": "agregue los archivos de etapa o indique la carpeta correcta",
    "{file} is missing": "falta {file}",
    "restore {file} (the practice catalogue that every scored item names) in this folder":
        "restaure {file} (el catálogo de prácticas que nombra cada ítem que da puntos) en esta carpeta",
    "YAML file": "archivo YAML",
    "JSON schema": "esquema JSON",
    "replace it with the {what} itself": "reemplácelo por el {what} mismo",
    "this is a folder, not a {what}": "esto es una carpeta, no un {what}",
    "this is not a regular file (a device, a pipe or a socket), not a {what}":
        "esto no es un archivo regular (es un dispositivo, una tubería o un socket), no un {what}",
    "put the {what} itself here, or move this out of the checklists folder":
        "ponga aquí el {what} mismo, o saque esto de la carpeta de listas de chequeo",
    "check that the {what} can be read": "verifique que el {what} se pueda leer",
    "the file is a symbolic link that loops back on itself": "el archivo es un enlace simbólico que apunta a sí mismo en bucle",
    "the file is a symbolic link to nothing": "el archivo es un enlace simbólico que no apunta a nada",
    "the file cannot be read (permission denied)": "el archivo no se puede leer (permiso denegado)",
    "the file cannot be read ({problem})": "el archivo no se puede leer ({problem})",
    "the file is {size} bytes, larger than the {limit} allowed":
        "el archivo tiene {size} bytes, más de los {limit} permitidos",
    "a {what} is a few dozen kilobytes: check that this is the right file":
        "un {what} ocupa unas decenas de kilobytes: verifique que sea el archivo correcto",
    "the file is not valid UTF-8 text": "el archivo no es texto UTF-8 válido",
    "save the file as UTF-8": "guarde el archivo como UTF-8",
    "the YAML cannot be parsed": "el YAML no se puede interpretar",
    "invalid YAML: {problem}": "YAML no válido: {problem}",
    "check the indentation and quote any text containing ': ' or starting with a special character":
        "revise la sangría y ponga entre comillas todo texto que contenga ': ' o empiece con un carácter especial",
    "the YAML nests more than {depth} levels deep": "el YAML anida más de {depth} niveles",
    "a stage file nests about 7 levels: check that this is the right file":
        "un archivo de etapa anida unos 7 niveles: verifique que sea el archivo correcto",
    "invalid YAML value: {problem}": "valor YAML no válido: {problem}",
    "quote the value to keep it as text, or correct it": "ponga el valor entre comillas para dejarlo como texto, o corríjalo",
    "the file does not hold a YAML mapping": "el archivo no contiene un mapeo YAML",
    "start the file with `id:` and the other top-level keys (see checklists/README.md)":
        "empiece el archivo con `id:` y las demás claves del nivel superior (vea checklists/README.md)",
    "the YAML holds more than {limit} values (counting each use of an &anchor)":
        "el YAML tiene más de {limit} valores (contando cada uso de un &ancla)",
    "a stage file holds a few thousand: check that this is the right file":
        "un archivo de etapa tiene unos pocos miles: verifique que sea el archivo correcto",
    "the key {key} is not text": "la clave {key} no es texto",
    "write keys as words, e.g. `id:` (quote a key that looks like a number)":
        "escriba las claves como palabras, p. ej. `id:` (ponga entre comillas una clave que parezca un número)",
    "the value {value} is a decimal number, and the checklists' numbers (points, maxima, levels, stage numbers) "
    "are whole numbers":
        "el valor {value} es un número decimal, y los números de las listas de chequeo (puntos, máximos, niveles, "
        "números de etapa) son enteros",
    "write it without a decimal point, e.g. {whole}": "escríbalo sin decimales, p. ej. {whole}",
    "write it without a decimal point": "escríbalo sin decimales",
    "the value {value} is read as a date or binary data, not text":
        "el valor {value} se lee como una fecha o como datos binarios, no como texto",
    "put the value in quotes to keep it as text": "ponga el valor entre comillas para dejarlo como texto",
    "restore the file from the handbook's repository": "restaure el archivo desde el repositorio del manual",
    "the schema is not UTF-8 text": "el esquema no es texto UTF-8",
    "the schema is not valid JSON: {problem}": "el esquema no es JSON válido: {problem}",
    "the schema cannot be read ({problem})": "el esquema no se puede leer ({problem})",
    "the schema is not a JSON object": "el esquema no es un objeto JSON",
    "the schema is not a valid JSON Schema: {problem}": "el esquema no es un JSON Schema válido: {problem}",
    "the schema nests too deeply to be checked": "el esquema anida demasiados niveles para verificarlo",
    "restore {file} beside the YAML files": "restaure {file} junto a los archivos YAML",
    "the list has {count} entries and is too short: at least {minimum} are needed":
        "la lista tiene {count} entradas y es demasiado corta: se necesitan al menos {minimum}",
    "add the missing key (checklists/README.md lists the keys of each element)":
        "agregue la clave que falta (checklists/README.md lista las claves de cada elemento)",
    "remove or rename the unexpected key; checklists/README.md lists the allowed ones":
        "quite o renombre la clave inesperada; checklists/README.md lista las permitidas",
    "use one of: {ids}": "use alguno de estos valores: {ids}",
    "{reference} is not a source reference of a shape the handbook can write in both languages":
        "{reference} no es una referencia de fuente con una forma que el manual sepa escribir en los dos idiomas",
    'write it in one of the shapes checklists/README.md lists under "Sources" (such as "Paper §3.2.1", '
    '"ML Test Score, Data 1" or "Microsoft level 2"), or add a shape there, to the schema\'s pattern '
    'and to its Spanish in languages.py':
        'escríbala con una de las formas que checklists/README.md lista en "Sources" (como "Paper §3.2.1", '
        '"ML Test Score, Data 1" o "Microsoft level 2"), o agregue una forma allí, al patrón del esquema '
        'y a su español en languages.py',
    "ids are lower-case words joined by hyphens, e.g. data-quality-check":
        "los ids son palabras en minúsculas unidas por guiones, p. ej. data-quality-check",
    "fill it in: it may not be empty": "llénelo: no puede estar vacío",
    "write a value of type {type}": "escriba un valor de tipo {type}",
    "correct the value as checklists/schema.json describes": "corrija el valor como lo describe checklists/schema.json",

    # ---------------------------------------------------------------- model.py (cross-checks of the checklists)
    "subphase {id}": "subfase {id}",
    "item {id}": "ítem {id}",
    "{subphase}, item {id}": "{subphase}, ítem {id}",
    "{subphase}, guiding question {id}": "{subphase}, pregunta orientadora {id}",
    "{place}, option {id}": "{place}, opción {id}",
    'the id "{id}" is already used in {place}': 'el id "{id}" ya se usa en {place}',
    "give this element a new id that no other stage, subphase, question or item uses":
        "dele a este elemento un id nuevo que no use ninguna otra etapa, subfase, pregunta ni ítem",
    "the stage number is {number} but the file is stage {order} in order":
        "el número de la etapa es {number}, pero por su orden el archivo es la etapa {order}",
    "number the stage files 01, 02, ... without gaps and make `number` match":
        "numere los archivos de etapa 01, 02, ... sin saltos y haga coincidir `number`",
    "{count} items have `selects: {selects}` (also {first}); exactly one must":
        "{count} ítems tienen `selects: {selects}` (también {first}); debe tenerlo exactamente uno",
    "keep a single single-choice item with `selects: {selects}`":
        "deje un solo ítem de selección única con `selects: {selects}`",
    "no item has `selects: {selects}`": "ningún ítem tiene `selects: {selects}`",
    "add a single-choice item with `selects: {selects}` whose options are the ids declared here":
        "agregue un ítem de selección única con `selects: {selects}` cuyas opciones sean los ids declarados aquí",
    "its options {options} differ from the {selects} ids {expected} of {file}":
        "sus opciones {options} difieren de los ids de {selects} {expected} de {file}",
    "make the option ids the same as those declared in methodology.yaml":
        "haga que los ids de las opciones sean los declarados en methodology.yaml",
    'the retired id "{id}" is in use again in {place}': 'el id retirado "{id}" se usa de nuevo en {place}',
    "never reuse a retired id: give the new element an id of its own":
        "nunca reutilice un id retirado: dele al elemento nuevo un id propio",
    'merged_into "{id}" is not a scored item': 'merged_into "{id}" no es un ítem que dé puntos',
    "name the current item that took over this one's question": "indique el ítem actual que asumió la pregunta de este",
    '"{id}" is listed twice': '"{id}" aparece dos veces',
    "list each retired id once": "liste cada id retirado una sola vez",
    "it has options limited to task types but applies to a route with no task type":
        "tiene opciones limitadas a tipos de tarea, pero aplica a una ruta sin tipo de tarea",
    "limit the item's routes to {routes}": "limite las rutas del ítem a {routes}",
    "the items give a maximum of {got} points but the paper publishes {want}":
        "los ítems dan un máximo de {got} puntos, pero el artículo publica {want}",
    "add or remove items (or their routes) so the points add up, or correct published_maximum":
        "agregue o quite ítems (o sus rutas) para que los puntos cuadren, o corrija published_maximum",
    "the practice catalogue is missing": "falta el catálogo de prácticas",
    "restore practices.yaml beside methodology.yaml (every scored item names one of its practices)":
        "restaure practices.yaml junto a methodology.yaml (cada ítem que da puntos nombra una de sus prácticas)",
    "CRISP-DM phase": "fase de CRISP-DM",
    "ML Test Score test": "prueba del ML Test Score",
    "maturity model": "modelo de madurez",
    "practice": "práctica",
    'the {what} id "{id}" is declared twice': 'el id de {what} "{id}" está declarado dos veces',
    "give each {what} its own id": "dele a cada {what} un id propio",
    "it lists {count} tests; the ML Test Score has {total}": "lista {count} pruebas; el ML Test Score tiene {total}",
    "list exactly the {total} tests of Breck et al. (2017), seven per section":
        "liste exactamente las {total} pruebas de Breck et al. (2017), siete por sección",
    "the levels are numbered {numbers}": "los niveles están numerados {numbers}",
    "number the levels 0, 1, 2, ... in order, without gaps": "numere los niveles 0, 1, 2, ... en orden, sin saltos",
    '"{value}" is not a CRISP-DM phase of frameworks.crisp_dm': '"{value}" no es una fase de CRISP-DM de frameworks.crisp_dm',
    '"{value}" is not a test of frameworks.ml_test_score': '"{value}" no es una prueba de frameworks.ml_test_score',
    "use the ids of the tests listed there ({first} to {last})":
        "use los ids de las pruebas listadas allí ({first} a {last})",
    '"{value}" is not a maturity model of frameworks.maturity':
        '"{value}" no es un modelo de madurez de frameworks.maturity',
    "level {level} is not a level of {model} that a practice can belong to":
        "el nivel {level} no es un nivel de {model} al que pueda pertenecer una práctica",
    "use a level from 1 to {top} (level 0 needs no practice: leave the model out)":
        "use un nivel de 1 a {top} (el nivel 0 no necesita prácticas: deje el modelo por fuera)",
    "a single-choice item only chooses a path and checks no practice":
        "un ítem de selección única solo elige un camino y no verifica ninguna práctica",
    "remove its `practice:` key": "quite su clave `practice:`",
    "the item names no practice": "el ítem no nombra ninguna práctica",
    "add `practice: <id>` naming the practice of {file} it checks (add the practice there first if no practice fits)":
        "agregue `practice: <id>` con la práctica de {file} que verifica (agréguela primero allí si ninguna encaja)",
    'it names the practice "{id}", which {file} does not declare': 'nombra la práctica "{id}", que {file} no declara',
    "use the id of a practice of {file}, or add the practice there with its definition and sources":
        "use el id de una práctica de {file}, o agregue allí la práctica con su definición y sus fuentes",
    'it checks the practice "{practice}", which item {other} ({file}) already checks on the route {route}':
        'verifica la práctica "{practice}", que el ítem {other} ({file}) ya verifica en la ruta {route}',
    "give one of the two items a practice of its own, or retire one of them (retired_items in methodology.yaml)":
        "dele a uno de los dos ítems una práctica propia, o retire uno de ellos (retired_items en methodology.yaml)",
    "no item names this practice": "ningún ítem nombra esta práctica",
    "name it in the `practice:` of the item that checks it, or remove it from the catalogue":
        "nómbrela en el `practice:` del ítem que la verifica, o quítela del catálogo",
    'the option id "{id}" appears twice': 'el id de opción "{id}" aparece dos veces',
    "give every option of an item its own id": "dele a cada opción de un ítem un id propio",
    "the option lists a route its item does not apply to": "la opción lista una ruta a la que su ítem no aplica",
    "limit the option's routes to the item's routes": "limite las rutas de la opción a las rutas del ítem",
    "stage {id}": "etapa {id}",
    "subphase": "subfase",
    "guiding question": "pregunta orientadora",
    "item": "ítem",
    "option": "opción",
    "route": "ruta",
    "task type": "tipo de tarea",
    "retired item": "ítem retirado",
    "phase": "fase",
    "test": "prueba",
    "level": "nivel",
}
