/*
 * The Spanish of every text the page code writes, keyed by its exact English (i18n.js's t()).
 * Placeholders such as {name} stay as they are, and so do the spaces at a text's ends, which join
 * it to its neighbours; the words follow the handbook's Spanish glossary (checklists/README.md).
 * A test (tests/js/i18n.test.mjs) checks that every English text of the page code has its entry
 * here, with the same placeholders, and that no entry is left unused.
 */
export const ES = {
  // ---- Assessments named in lists (assessment-labels.js, projects.js) ----
  "undated": "sin fecha",
  "Untitled project": "Proyecto sin nombre",
  "started {time}": "iniciada a las {time}",
  "started before {time}": "iniciada antes de las {time}",
  "no. {n} of that date": "n.º {n} de esa fecha",
  "{where} has no id": "{where} no tiene id",
  "the id {id} is used twice": "el id {id} está repetido",
  "{where}'s name is not text": "el nombre de {where} no es texto",
  "the answers of {where} cannot be read: {problem}": "las respuestas de {where} no se pueden leer: {problem}",
  "it is version {version}": "es de la versión {version}",
  "it has no project": "no tiene ningún proyecto",
  "project {n}": "proyecto {n}",
  "{where} has no id or name": "{where} no tiene id o nombre",
  "{where} has no assessment": "{where} no tiene ninguna evaluación",
  "assessment {n} of {where}": "evaluación {n} del {where}",
  "the assessment shown is not in the list": "la evaluación mostrada no está en la lista",
  "the assessment shown is stored twice, or not at all": "la evaluación mostrada está guardada dos veces, o no está guardada",
  "an assessment other than the one shown has no answers": "una evaluación distinta de la mostrada no tiene respuestas",

  // ---- The answers file (answers-format.js, limits.js, merge.js) ----
  "the project name": "el nombre del proyecto",
  "the assessor": "el evaluador",
  "the date": "la fecha",
  "the route": "la ruta",
  "the ML task type": "el tipo de tarea de ML",
  "saved by a newer release of the handbook (answers file version {version}); this release reads versions 1 to {current}":
    "guardadas por una versión más reciente del manual (archivo de respuestas versión {version}); esta versión del manual lee las versiones 1 a {current}",
  "it is not a JSON object": "no es un objeto JSON",
  "it does not have \"format\": \"{format}\"": "no tiene \"format\": \"{format}\"",
  "it is version {version}, not 1 to {current}": "es de la versión {version}, no de la 1 a la {current}",
  "{key} is not an object": "{key} no es un objeto",
  "it is not valid JSON": "no es un JSON válido",
  "it is not valid JSON ({why})": "no es un JSON válido ({why})",
  "it is {size} MB, over the {limit} MB an answers file may have":
    "pesa {size} MB, más de los {limit} MB que puede tener un archivo de respuestas",
  "it nests arrays or objects more than {n} levels deep, and an answers file needs 3":
    "anida listas u objetos a más de {n} niveles de profundidad, y un archivo de respuestas necesita 3",
  "the note on {item}": "la nota de {item}",
  "the not-applicable reason of {item}": "el motivo de «No aplica» de {item}",
  "the answer to {item}": "la respuesta de {item}",
  "{length} of {limit} characters": "{length} de {limit} caracteres",
  ": the limit. Keep a longer text elsewhere and link to it here.":
    ": el límite. Guarde un texto más largo en otro lugar y enlácelo aquí.",
  "no answer": "sin respuesta",
  "empty": "vacío",
  "yes": "sí",
  "no": "no",
  "no option": "ninguna opción",
  "{slot}: {kept} is kept (saved last), replacing {replaced} from the other tab":
    "{slot}: se conserva {kept} (fue lo último que se guardó), en lugar de {replaced} de la otra pestaña",
  "{slot}: {kept} is kept (saved last), replacing {replaced} from this tab":
    "{slot}: se conserva {kept} (fue lo último que se guardó), en lugar de {replaced} de esta pestaña",
  "This tab and another tab of the handbook changed the same answer at once.":
    "Esta pestaña y otra pestaña del manual cambiaron la misma respuesta al mismo tiempo.",
  "This tab and another tab of the handbook changed the same answers at once.":
    "Esta pestaña y otra pestaña del manual cambiaron las mismas respuestas al mismo tiempo.",
  "Every other change of either tab is kept.": "Todos los demás cambios de ambas pestañas se conservan.",

  // ---- The checklist (checklist.js, checklist-view.js, progress.js) ----
  "A reason is required. Until you write one, this item counts as unanswered.":
    "El motivo es obligatorio. Mientras no lo escriba, este ítem cuenta como sin responder.",
  "The ML task type only applies to the ML model route. Choose that route first.":
    "El tipo de tarea de ML solo aplica a la ruta de modelo de ML. Elija primero esa ruta.",
  "all answered or not applicable": "todos respondidos o marcados «No aplica»",
  "some answered or not applicable": "algunos respondidos o marcados «No aplica»",
  "none answered yet": "ninguno respondido aún",
  "{answered} of {total} answered": "respondidos: {answered} de {total}",
  "{answered} answered, {na} not applicable, of {total}": "respondidos: {answered}, no aplican: {na}, de {total}",
  "This subphase: ": "Esta subfase: ",
  ". Next to answer: {item}.": ". Siguiente por responder: {item}.",
  ". Every check here is answered or marked not applicable.":
    ". Todas las verificaciones de esta subfase están respondidas o marcadas «No aplica».",
  ". Every check here is answered.": ". Todas las verificaciones de esta subfase están respondidas.",
  "What the dots mean": "Qué significan los puntos",
  "Beside each subphase, for the assessment shown, on its route:":
    "Junto a cada subfase, para la evaluación mostrada, en su ruta:",
  "No dot: the subphase has no checks on that route, or no route is chosen yet.":
    "Sin punto: la subfase no tiene verificaciones en esa ruta, o aún no se ha elegido una ruta.",

  // ---- Which assessment a page edits, and the form that names it (editing-banner.js) ----
  "route not chosen yet": "ruta aún sin elegir",
  "assessment of {date}": "evaluación del {date}",
  "assessment not dated yet": "evaluación aún sin fecha",
  "Editing: ": "Editando: ",
  "Change": "Cambiar",
  "Choose, start or rename an assessment on Your score": "Elija, inicie o renombre una evaluación en «Su puntaje»",
  "The route is the first question of the checklist, just below.":
    "La ruta es la primera pregunta de la lista de chequeo, justo abajo.",
  "Choose the deliverable\u2026": "Elija el entregable\u2026",
  "First, name this assessment": "Primero, póngale nombre a esta evaluación",
  "So that these answers are filed under your project, not \u201cUntitled\u201d. You may skip this and answer below; you can name it later under {link} on Your score.":
    "Así estas respuestas quedan archivadas bajo su proyecto, y no como \u201cSin nombre\u201d. Puede omitir este paso y responder abajo; puede ponerle nombre después en {link}, en «Su puntaje».",
  "Projects and assessments": "Proyectos y evaluaciones",
  "Project name": "Nombre del proyecto",
  "Date of the assessment": "Fecha de la evaluación",
  "Route": "Ruta",
  "Route (deliverable)": "Ruta (entregable)",
  "Save and start": "Guardar y comenzar",
  "Write the project's name, or skip this form and answer below.":
    "Escriba el nombre del proyecto, u omita este formulario y responda abajo.",
  "Saved: the answers on every checklist now go to {name}. You can change the name, the date and the route under {link} on Your score.":
    "Guardado: las respuestas de todas las listas de chequeo van ahora a {name}. Puede cambiar el nombre, la fecha y la ruta en {link}, en «Su puntaje».",

  // ---- Notices and the offline release (notices.js, offline.js) ----
  "Dismiss": "Cerrar",
  "A new version of the handbook is available. Reload to use it. ":
    "Hay una nueva versión del manual. Recargue la página para usarla. ",
  "Reload": "Recargar",

  // ---- The portfolio (portfolio-data.js, portfolio-isolate.js, portfolio-page.js, portfolio-views.js) ----
  "unnamed project": "proyecto sin nombre",
  "this browser: {project}, {date}": "este navegador: {project}, {date}",
  "this browser: {project}": "este navegador: {project}",
  "{projects} ({assessments}); {files} not counted.": "{projects} ({assessments}); {files} sin contar.",
  "{projects} ({assessments}).": "{projects} ({assessments}).",
  "{n} project": "{n} proyecto",
  "{n} projects": "{n} proyectos",
  "{n} assessment": "{n} evaluación",
  "{n} assessments": "{n} evaluaciones",
  "{n} file": "{n} archivo",
  "{n} files": "{n} archivos",
  "{n} item": "{n} ítem",
  "{n} items": "{n} ítems",
  "{n} point": "{n} punto",
  "{n} points": "{n} puntos",
  "it nests its content too deeply for the scorer to read (the browser ran out of stack space); save it again from the spreadsheet program, or export it again from the score page":
    "anida su contenido a demasiada profundidad para que el calificador lo lea (el navegador se quedó sin espacio de pila); guárdelo de nuevo desde el programa de hojas de cálculo, o expórtelo de nuevo desde la página de puntaje",
  "the scorer stopped on it ({why})": "el calificador se detuvo en él ({why})",
  "no reason given": "sin motivo indicado",
  "; it is left out and the other files are reported": "; se deja por fuera y se informan los demás archivos",
  ". Check the file, or export it again; if it keeps failing, please report it to the handbook's maintainers":
    ". Revise el archivo, o expórtelo de nuevo; si sigue fallando, por favor repórtelo a quienes mantienen el manual",
  "the browser could not read it ({why})": "el navegador no pudo leerlo ({why})",
  "No assessment is stored in this browser yet: answer the checklists first, or add files.":
    "Aún no hay ninguna evaluación guardada en este navegador: responda primero las listas de chequeo, o agregue archivos.",
  "Reading the examples\u2026": "Leyendo los ejemplos\u2026",
  "the example could not be fetched ({why})": "no se pudo descargar el ejemplo ({why})",
  "No file could be read: {files}.": "No se pudo leer ningún archivo: {files}.",
  "The portfolio needs the scorer, which is unavailable in this browser ({why}). Run `mlops-handbook portfolio` on the files instead.":
    "El portafolio necesita el calificador, que no está disponible en este navegador ({why}). Ejecute `mlops-handbook portfolio` sobre los archivos.",
  "Computing the portfolio of {files}\u2026": "Calculando el portafolio de {files}\u2026",
  "Computing the portfolio of {files} (starting the scorer first)\u2026":
    "Calculando el portafolio de {files} (primero se inicia el calificador)\u2026",
  "The portfolio of {files} is shown below.": "El portafolio de {files} se muestra abajo.",
  "The portfolio could not be computed: {problem}.": "No se pudo calcular el portafolio: {problem}.",
  "Files in this portfolio ({n})": "Archivos de este portafolio ({n})",
  "Remove": "Quitar",
  "Remove {file}": "Quitar {file}",
  "Preparing the portfolio spreadsheet\u2026": "Preparando la hoja de cálculo del portafolio\u2026",
  "The portfolio spreadsheet {file} was downloaded.": "Se descargó la hoja de cálculo del portafolio {file}.",
  "The portfolio spreadsheet could not be made: {problem}": "No se pudo generar la hoja de cálculo del portafolio: {problem}",
  "portfolio-{date}.json": "portafolio-{date}.json",
  "portfolio-{date}.xlsx": "portafolio-{date}.xlsx",
  "The portfolio was downloaded as {file}.": "El portafolio se descargó como {file}.",
  "Reading {n} file\u2026": "Leyendo {n} archivo\u2026",
  "Reading {n} files\u2026": "Leyendo {n} archivos\u2026",
  "Distribution of totals": "Distribución de los totales",
  "The paper's figure 2": "Figura 2 del artículo",
  "Each project against its route": "Cada proyecto frente a su ruta",
  "The paper's figure 3": "Figura 3 del artículo",
  "Projects by stage": "Proyectos por etapa",
  "Added by the handbook": "Agregado por el manual",
  "Items most projects fail": "Ítems en que más proyectos fallan",
  "The paper's figures 4 to 8": "Figuras 4 a 8 del artículo",
  "Items most often marked not applicable": "Ítems marcados «No aplica» con más frecuencia",
  "Progress": "Avance",
  "Every assessment read": "Todas las evaluaciones leídas",
  "Files not counted ({n})": "Archivos sin contar ({n})",
  "Download the portfolio spreadsheet (.xlsx)": "Descargar la hoja de cálculo del portafolio (.xlsx)",
  "Download the portfolio (JSON)": "Descargar el portafolio (JSON)",
  "Projects per band of percent of their route maximum (latest assessment of each)":
    "Proyectos por franja de porcentaje del máximo de su ruta (última evaluación de cada uno)",
  "Band": "Franja",
  "Projects": "Proyectos",
  "Which": "Cuáles",
  "{from}-{to}%": "{from}-{to}\u00a0%",
  "Each project's latest assessment against its route maximum":
    "Última evaluación de cada proyecto frente al máximo de su ruta",
  "Project": "Proyecto",
  "Date": "Fecha",
  "Points": "Puntos",
  "Percent": "Porcentaje",
  "Paper core": "Núcleo del artículo",
  "Marked not applicable": "Marcados «No aplica»",
  "No item is marked not applicable in any project's latest assessment.":
    "Ningún ítem está marcado «No aplica» en la última evaluación de ningún proyecto.",
  "Items marked not applicable, by how many projects marked them, over the projects whose route has them":
    "Ítems marcados «No aplica», según cuántos proyectos los marcaron, sobre los proyectos cuya ruta los incluye",
  "Item": "Ítem",
  "Question": "Pregunta",
  "Reasons given": "Motivos dados",
  "{n} of {total}": "{n} de {total}",
  "Percent of each stage's maximum, per project (latest assessment)":
    "Porcentaje del máximo de cada etapa, por proyecto (última evaluación)",
  "no checks on this route": "sin verificaciones en esta ruta",
  "No item is answered no or left unanswered in any project's latest assessment.":
    "Ningún ítem está respondido «no» ni sin responder en la última evaluación de ningún proyecto.",
  "The {items} failed by the most projects: answered no or left unanswered, over the projects whose route has them":
    "Los {items} en que más proyectos fallan: respondidos «no» o sin responder, sobre los proyectos cuya ruta los incluye",
  "The other {items} failed by at least one project": "Los otros {items} en que falla al menos un proyecto",
  "Further items failed by at least one project": "Otros ítems en que falla al menos un proyecto",
  "Answered no": "Respondidos «no»",
  "Not answered": "Sin responder",
  "Failing": "Fallan",
  "No project is assessed on more than one date. Add earlier assessments of the same project (the same project name) to see its progress.":
    "Ningún proyecto tiene evaluaciones en más de una fecha. Agregue evaluaciones anteriores del mismo proyecto (el mismo nombre de proyecto) para ver su avance.",
  "Each assessment of the projects assessed on several dates, oldest first":
    "Cada evaluación de los proyectos evaluados en varias fechas, de la más antigua a la más reciente",
  "Every assessment read, with the file it came from": "Todas las evaluaciones leídas, con el archivo de donde salieron",
  "File": "Archivo",
  "Assessor": "Evaluador",
  "Counted as latest": "Contada como la última",
  "no (an earlier one)": "no (una anterior)",

  // ---- The project switcher and its form (project-form.js, project-store.js, project-switcher.js) ----
  "Name of the new project": "Nombre del nuevo proyecto",
  "Create project": "Crear proyecto",
  "New name of {project}": "Nuevo nombre de {project}",
  "Rename": "Renombrar",
  "Name of this assessment (optional, for example \u201cBefore release\u201d)":
    "Nombre de esta evaluación (opcional, por ejemplo \u201cAntes del release\u201d)",
  "Save name": "Guardar nombre",
  "Cancel": "Cancelar",
  " Nothing was changed.": " No se cambió nada.",
  "The list of your projects could not be read ({problem}) and there is no room to keep a copy aside, so it was left as it is and projects cannot be changed. Free some browser storage and reload the page.":
    "No se pudo leer la lista de sus proyectos ({problem}) y no hay espacio para guardar una copia aparte, así que se dejó como estaba y los proyectos no se pueden cambiar. Libere espacio de almacenamiento del navegador y recargue la página.",
  "The list of your projects could not be read ({problem}). It was kept in this browser's storage under \u201c{key}\u201d; the answers shown now are your only project.":
    "No se pudo leer la lista de sus proyectos ({problem}). Se guardó en el almacenamiento de este navegador bajo \u201c{key}\u201d; las respuestas que se muestran ahora son su único proyecto.",
  "This browser does not let the handbook store answers, so it cannot keep several projects: download these answers (JSON) on Your score to keep them.":
    "Este navegador no deja que el manual guarde respuestas, así que no puede conservar varios proyectos: descargue estas respuestas (JSON) en «Su puntaje» para conservarlas.",
  "Your answers are not being saved now (see the notice at the top of the page).":
    "Sus respuestas no se están guardando ahora (vea el aviso en la parte superior de la página).",
  "The list of your projects was saved by a newer release of the handbook (version {version}); open it with that release.":
    "La lista de sus proyectos la guardó una versión más reciente del manual (versión {version}); ábrala con esa versión.",
  "The list of your projects cannot be used now.": "La lista de sus proyectos no se puede usar ahora.",
  "{failure}: this browser's storage is full. Delete assessments you no longer need (download them first), or free some browser storage, and try again.":
    "{failure}: el almacenamiento de este navegador está lleno. Elimine las evaluaciones que ya no necesite (descárguelas primero), o libere espacio de almacenamiento del navegador, e inténtelo de nuevo.",
  "{failure}: this browser's storage is full.": "{failure}: el almacenamiento de este navegador está lleno.",
  "(shown)": "(mostrada)",
  "Show": "Mostrar",
  "Show {assessment}": "Mostrar {assessment}",
  "The list was saved by a newer release of the handbook.": "La lista la guardó una versión más reciente del manual.",
  "{projects}, {assessments} in this browser.": "{projects}, {assessments} en este navegador.",
  "Assessments in this browser": "Evaluaciones en este navegador",
  "New project": "Nuevo proyecto",
  "Rename project": "Renombrar proyecto",
  "Name this assessment": "Nombrar esta evaluación",
  "New assessment, dated today": "Nueva evaluación, con fecha de hoy",
  "Delete assessment": "Eliminar evaluación",
  "The assessment could not be shown": "No se pudo mostrar la evaluación",
  "Now showing {assessment}: every checklist, the score and the downloads are this assessment's.":
    "Ahora se muestra {assessment}: todas las listas de chequeo, el puntaje y las descargas son de esta evaluación.",
  "The new assessment could not be made": "No se pudo crear la nueva evaluación",
  "A new assessment, {assessment}, starts from a copy of the previous one's answers; that one is kept as it was. Give it a name (Name this assessment) to tell it from others.":
    "Una nueva evaluación, {assessment}, parte de una copia de las respuestas de la anterior; esa se conserva como estaba. Póngale un nombre (Nombrar esta evaluación) para distinguirla de las demás.",
  "The assessment could not be deleted": "No se pudo eliminar la evaluación",
  "Deleted {assessment}. ": "Se eliminó {assessment}. ",
  "A copy is kept in this browser's storage under \u201c{key}\u201d. ":
    "Se guarda una copia en el almacenamiento de este navegador bajo \u201c{key}\u201d. ",
  "No copy could be kept in this browser's storage; Undo brings it back while this tab is open. ":
    "No se pudo guardar una copia en el almacenamiento de este navegador; Deshacer la recupera mientras esta pestaña siga abierta. ",
  "Undo": "Deshacer",
  "The deletion could not be undone": "No se pudo deshacer la eliminación",
  "The deletion was undone: {assessment} is back and shown.": "Se deshizo la eliminación: {assessment} está de vuelta y se muestra.",
  "The project could not be made": "No se pudo crear el proyecto",
  "Created {project}, shown now with no answers; the previous project is kept. Its route, assessor and date are under Project below.":
    "Se creó {project}, que se muestra ahora sin respuestas; el proyecto anterior se conserva. Su ruta, evaluador y fecha están abajo, en Proyecto.",
  "The project could not be renamed": "No se pudo renombrar el proyecto",
  "The project is now called {project}, in each of its assessments.":
    "El proyecto ahora se llama {project}, en cada una de sus evaluaciones.",
  "The assessment could not be named": "No se pudo nombrar la evaluación",
  "The assessment shown is now {assessment}.": "La evaluación mostrada es ahora {assessment}.",
  "The assessment shown has no name now: {assessment}.": "La evaluación mostrada ya no tiene nombre: {assessment}.",

  // ---- The score page's report (report-view.js, score-form.js, score-page.js) ----
  "not given": "sin indicar",
  "ML task type": "Tipo de tarea de ML",
  "not chosen yet": "aún sin elegir",
  "MLOps self-assessment": "Autoevaluación MLOps",
  "Note: ": "Nota: ",
  "Nothing is missing: every check of this route that applies scores its points.":
    "No falta nada: cada verificación de esta ruta que aplica suma sus puntos.",
  "Nothing is missing: every check of this route scores its points.":
    "No falta nada: cada verificación de esta ruta suma sus puntos.",
  "No item is answered no.": "Ningún ítem está respondido «no».",
  "Not yet assessed": "Aún sin evaluar",
  "Every item is answered.": "Todos los ítems están respondidos.",
  "Marked not applicable ({n})": "Marcados «No aplica» ({n})",
  "These score no points on the paper's scale and are left out of the percentage of what applies.":
    "Estos no suman puntos en la escala del artículo y quedan por fuera del porcentaje sobre lo que aplica.",
  "Reason: ": "Motivo: ",
  "{points} of {maximum} points ({percent})": "{points} de {maximum} puntos ({percent})",
  "The previous assessment of this project cannot be compared: {problem}":
    "La evaluación anterior de este proyecto no se puede comparar: {problem}",
  "Since the previous assessment ({date})": "Desde la evaluación anterior ({date})",
  "{gained} items gained, {lost} lost, {changed} changed without points":
    "{gained} ítems ganados, {lost} perdidos, {changed} cambiados sin puntos",
  " on the {route} route": " en la ruta {route}",
  "({delta} points); {counts}.": "({delta} puntos); {counts}.",
  "Gained": "Ganados",
  "Lost": "Perdidos",
  "Changed without points": "Cambiados sin puntos",
  "{n} items changed": "{n} ítems cambiaron",
  "No answer changed.": "Ninguna respuesta cambió.",
  "Choose the ML task type\u2026": "Elija el tipo de tarea de ML\u2026",
  "{points} ({percent}); the rest are derived from its text or added by the handbook":
    "{points} ({percent}); el resto se deriva de su texto o lo agrega el manual",
  "{answered} answered, {na} not applicable, {open} open, of {total}":
    "respondidos: {answered}, no aplican: {na}, pendientes: {open}, de {total}",
  "{points} of {maximum} points{note}, {percent}": "{points} de {maximum} puntos{note}, {percent}",
  "Overall {percent}": "Total {percent}",

  // ---- Reset (reset.js) ----
  "Reset all answers? The current answers are kept in this browser's storage under a backup key, and the checklist starts empty.":
    "¿Reiniciar todas las respuestas? Las respuestas actuales se guardan en el almacenamiento de este navegador bajo una clave de respaldo, y la lista de chequeo queda vacía.",
  "The answers were not reset: this browser's storage has no room for the backup copy a reset keeps (it is full, or site data is blocked), and a reset never erases answers without a copy. {download} first; then \u201cReset answers\u201d clears them, and the downloaded file is your copy (upload it here to get them back).":
    "Las respuestas no se reiniciaron: el almacenamiento de este navegador no tiene espacio para la copia de respaldo que guarda un reinicio (está lleno, o los datos del sitio están bloqueados), y un reinicio nunca borra respuestas sin una copia. Primero use {download}; luego \u201cReiniciar las respuestas\u201d las borra, y el archivo descargado es su copia (cárguelo aquí para recuperarlas).",
  "Download answers (JSON)": "Descargar las respuestas (JSON)",
  "The answers were reset. No backup copy could be kept in this browser's storage; the file you downloaded, \u201c{file}\u201d, is your copy: upload it here to get them back.":
    "Las respuestas se reiniciaron. No se pudo guardar una copia de respaldo en el almacenamiento de este navegador; el archivo que descargó, \u201c{file}\u201d, es su copia: cárguelo aquí para recuperarlas.",
  " The answers a newer release saved stay stored as they were.":
    " Las respuestas que guardó una versión más reciente siguen guardadas como estaban.",
  "The answers were reset. The previous ones are kept in this browser's storage under {keys}.":
    "Las respuestas se reiniciaron. Las anteriores se guardan en el almacenamiento de este navegador bajo {keys}.",
  " and ": " y ",
  "The answers were reset.": "Las respuestas se reiniciaron.",

  // ---- The score wherever it shows (score-status.js) ----
  "nothing of it applies (every check is marked not applicable: {share})":
    "nada aplica (todas las verificaciones están marcadas «No aplica»: {share})",
  "{percent} of what applies ({points} of {maximum} points; {share})":
    "{percent} sobre lo que aplica ({points} de {maximum} puntos; {share})",
  "{percent} of what applies ({share})": "{percent} sobre lo que aplica ({share})",
  "{points} of {maximum} points": "{points} de {maximum} puntos",
  " (top of the range until {link} is chosen)": " (el tope del rango hasta que se elija {link})",
  "Business Comprehension": "Comprensión del negocio",
  "the first question of the checklist": "la primera pregunta de la lista de chequeo",
  "Scoring cannot start: {why}. ": "El cálculo del puntaje no puede iniciar: {why}. ",
  "Scoring is unavailable in this browser: {why}. ": "El cálculo del puntaje no está disponible en este navegador: {why}. ",
  "Your answers are still saved here and can be downloaded as a JSON file below.":
    "Sus respuestas siguen guardadas aquí y se pueden descargar como archivo JSON más abajo.",
  "Your answers are kept in this tab and can be downloaded as a JSON file below.":
    "Sus respuestas se conservan en esta pestaña y se pueden descargar como archivo JSON más abajo.",
  "Your answers are still saved here, and you can download them from {link}.":
    "Sus respuestas siguen guardadas aquí, y puede descargarlas desde {link}.",
  "Your score": "Su puntaje",
  "Your answers are kept in this tab, and you can download them from {link}.":
    "Sus respuestas se conservan en esta pestaña, y puede descargarlas desde {link}.",
  "No answers yet. Answer a checklist item and your score appears here.":
    "Aún no hay respuestas. Responda un ítem de la lista de chequeo y su puntaje aparecerá aquí.",
  "Loading the scorer": "Cargando el calificador",
  " Loading the scorer (once per visit): {step}\u2026 ": " Cargando el calificador (una vez por visita): {step}\u2026 ",
  "Your answers are saved meanwhile.": "Mientras tanto, sus respuestas quedan guardadas.",
  "Your answers are kept meanwhile.": "Mientras tanto, sus respuestas se conservan.",
  "Choose the deliverable (the route) in {link} to see your score.":
    "Elija el entregable (la ruta) en {link} para ver su puntaje.",
  "Route, under Project": "Ruta, en Proyecto",
  "Your answers cannot be scored: {problem}": "Sus respuestas no se pueden calificar: {problem}",
  "unknown error": "error desconocido",
  "{route}: {points} of {maximum} points{note}, {percent} on the paper's scale":
    "{route}: {points} de {maximum} puntos{note}, {percent} en la escala del artículo",
  "This stage: {points} of {maximum} points, {percent}; ": "Esta etapa: {points} de {maximum} puntos, {percent}; ",
  "This stage has no checks on this route. ": "Esta etapa no tiene verificaciones en esta ruta. ",
  "Your score and what is missing": "Su puntaje y lo que falta",
  "Your score: {route}": "Su puntaje: {route}",
  "checks: {counts}": "verificaciones: {counts}",
  "Scoring unavailable": "Puntaje no disponible",
  "Score: choose a route": "Puntaje: elija una ruta",
  "Score: see the problem": "Puntaje: vea el problema",
  "Scoring\u2026": "Calculando\u2026",
  "Loading scorer\u2026": "Cargando el calificador\u2026",

  // ---- The scorer's start (scorer-client.js) ----
  "Loading the Python runtime": "Cargando el entorno de Python",
  "Installing the scoring package": "Instalando el paquete de puntaje",
  "Reading the checklists": "Leyendo las listas de chequeo",
  "this browser cannot run Web Workers": "este navegador no puede ejecutar Web Workers",
  "this browser cannot run WebAssembly": "este navegador no puede ejecutar WebAssembly",
  "starting": "iniciando",
  "the scoring worker could not be created ({why})": "no se pudo crear el worker del calificador ({why})",
  "the scoring worker stopped ({why})": "el worker del calificador se detuvo ({why})",
  "the scoring worker stopped": "el worker del calificador se detuvo",
  "the scorer failed": "el calificador falló",

  // ---- The scorer worker's own errors (scorer-files.js, scorer-start.js, scorer-requests.js,
  // scorer-worker.js: worded(), written here by workerText()) ----
  "runtime.json gives no digest for {name}, so the file cannot be checked. The site's copy is incomplete: ask whoever hosts it to copy the site again":
    "runtime.json no trae el hash de {name}, así que el archivo no se puede verificar. La copia del sitio está " +
    "incompleta: pídale a quien lo aloja que vuelva a copiar el sitio",
  "{name} is damaged: its content differs from the one this site was built with. Reload the page; if this persists, the site's copy is damaged: ask whoever hosts it to copy the site again":
    "{name} está dañado: su contenido no es el mismo con el que se construyó este sitio. Recargue la página; " +
    "si sigue pasando, la copia del sitio está dañada: pídale a quien lo aloja que vuelva a copiar el sitio",
  "{file} lists no wheels to install": "{file} no lista ningún wheel para instalar",
  "{file} lists {url}, which is on another host; the scorer only loads files from its own site":
    "{file} lista {url}, que está en otro servidor; el calificador solo carga archivos de su propio sitio",
  "could not read {url}: it is not valid JSON ({why})": "no se pudo leer {url}: no es un JSON válido ({why})",
  "could not load {url}: the server answered HTTP {status}. The site may have been built without the scorer's files":
    "no se pudo cargar {url}: el servidor respondió HTTP {status}. Puede que el sitio se haya construido sin " +
    "los archivos del calificador",
  "could not load {url}: the server answered HTTP {status}": "no se pudo cargar {url}: el servidor respondió HTTP {status}",
  "could not load {url}: {why}. Check the connection to the site":
    "no se pudo cargar {url}: {why}. Revise la conexión con el sitio",
  "the scorer could not start: {why}": "el calificador no pudo iniciar: {why}",
  "the request needs the answers as a JSON object": "la solicitud necesita las respuestas como un objeto JSON",
  "a portfolio request needs its files as [name, content] pairs":
    "una solicitud de portafolio necesita sus archivos como pares [nombre, contenido]",
  "the site's Content-Security-Policy forbids WebAssembly, which the scorer needs ({why}). Whoever hosts the site should send the policy in {file}, which allows it with 'wasm-unsafe-eval'":
    "la Content-Security-Policy del sitio prohíbe WebAssembly, que el calificador necesita ({why}). Quien aloja " +
    "el sitio debe enviar la política de {file}, que lo permite con 'wasm-unsafe-eval'",
  "this browser cannot run JavaScript module workers, which the scorer needs; use a current version of Firefox, Chrome, Edge or Safari":
    "este navegador no puede ejecutar workers de módulos de JavaScript, que el calificador necesita; use una " +
    "versión actual de Firefox, Chrome, Edge o Safari",
  "this browser cannot start the scorer's module worker from a worker; use a current version of Firefox, Chrome, Edge or Safari":
    "este navegador no puede iniciar el worker de módulo del calificador desde otro worker; use una versión " +
    "actual de Firefox, Chrome, Edge o Safari",
  "the scorer's module worker stopped: {why}": "el worker de módulo del calificador se detuvo: {why}",
  "the scorer's module worker stopped": "el worker de módulo del calificador se detuvo",
  "a check request needs the file's text": "una solicitud de verificación necesita el texto del archivo",
  "a reason request needs the reason's text": "una solicitud de motivo necesita el texto del motivo",
  "an import-workbook request needs the file's bytes": "una solicitud de importar un libro necesita los bytes del archivo",
  "unknown request type {type}": "tipo de solicitud desconocido: {type}",
  "the scorer was started for {root} and cannot switch to {other}":
    "el calificador se inició para {root} y no puede cambiar a {other}",
  "init needs the absolute URL of the site root, not {root}": "init necesita la URL absoluta de la raíz del sitio, no {root}",
  "the site root {root} is on another origin than the scorer ({origin}); it only loads files from its own site":
    "la raíz del sitio {root} está en otro origen que el calificador ({origin}); este solo carga archivos de su propio sitio",
  "could not load {url} or a module it imports: {why}": "no se pudo cargar {url} ni un módulo que importa: {why}",
  "the scorer is not ready: send init first (or it failed to load)":
    "el calificador no está listo: envíe init primero (o no pudo cargar)",
  "the scorer failed: {why}": "el calificador falló: {why}",

  // ---- The home page's start (start-assessment.js) ----
  "route not chosen": "ruta sin elegir",
  "A new project": "Un nuevo proyecto",
  "A new assessment of {project}": "Una nueva evaluación de {project}",
  " Start from a copy of its latest answers (the earlier assessment stays as it was)":
    " Partir de una copia de sus últimas respuestas (la evaluación anterior queda como estaba)",
  "Start a new assessment": "Iniciar una nueva evaluación",
  "Name of this assessment (optional)": "Nombre de esta evaluación (opcional)",
  "for example: Before release": "por ejemplo: Antes del release",
  "Start": "Comenzar",
  "Write the project's name: it names the assessment on every page and in the downloads.":
    "Escriba el nombre del proyecto: identifica la evaluación en todas las páginas y en las descargas.",
  "The assessment could not be started": "No se pudo iniciar la evaluación",
  "Or continue another stored assessment:": "O continúe otra evaluación guardada:",
  "Continue: {assessment}": "Continuar: {assessment}",
  "Continue the assessment shown": "Continuar la evaluación mostrada",

  // ---- Stored answers (storage.js, upgrade.js) ----
  "Your answers are not being saved: this browser does not let the handbook store them (site data is blocked, or its storage is full). They are kept only while this tab is open; a reload or closing the tab loses them. To keep them, use \u201cDownload answers (JSON)\u201d on {link} (it works from this tab's memory), and upload the file later to continue.":
    "Sus respuestas no se están guardando: este navegador no deja que el manual las guarde (los datos del sitio están bloqueados, o su almacenamiento está lleno). Solo se conservan mientras esta pestaña siga abierta; al recargar o cerrar la pestaña se pierden. Para conservarlas, use \u201cDescargar las respuestas (JSON)\u201d en {link} (funciona desde la memoria de esta pestaña), y cargue el archivo después para continuar.",
  "the score page": "la página de puntaje",
  "Your saved answers were {newer}. They were left as they are, and answers given on these pages are not saved while they are there. Open them with the newer release; or, to start afresh with this one, use \u201cReset answers\u201d on the score page, which keeps them under a backup key.":
    "Sus respuestas almacenadas fueron {newer}. Se dejaron como estaban, y las respuestas que dé en estas páginas no se guardan mientras sigan ahí. Ábralas con la versión más reciente; o, para empezar de cero con esta, use \u201cReiniciar las respuestas\u201d en la página de puntaje, que las guarda bajo una clave de respaldo.",
  "Your saved answers could not be read ({problem}). They were kept in this browser's storage under \u201c{key}\u201d and this tab's answers were saved in their place.":
    "No se pudieron leer sus respuestas guardadas ({problem}). Se guardaron en el almacenamiento de este navegador bajo \u201c{key}\u201d y las respuestas de esta pestaña se guardaron en su lugar.",
  "Your saved answers could not be read ({problem}). They were kept in this browser's storage under \u201c{key}\u201d and a new, empty set of answers was started.":
    "No se pudieron leer sus respuestas guardadas ({problem}). Se guardaron en el almacenamiento de este navegador bajo \u201c{key}\u201d y se empezó un nuevo conjunto de respuestas, vacío.",
  "Your saved answers could not be read ({problem}) and there is no room to keep a copy aside, so they were left as they are and new answers are not saved. Free some browser storage and reload the page.":
    "No se pudieron leer sus respuestas guardadas ({problem}) y no hay espacio para guardar una copia aparte, así que se dejaron como estaban y las nuevas respuestas no se guardan. Libere espacio de almacenamiento del navegador y recargue la página.",
  "{place} ({length} characters, over {limit})": "{place} ({length} caracteres, más de {limit})",
  "A text in your saved answers is longer than such a text may be: {where}. It was cut to that length here so that your answers can be scored":
    "Un texto de sus respuestas guardadas es más largo de lo permitido: {where}. Aquí se recortó a esa longitud para que sus respuestas se puedan calificar",
  "; the full text is kept in this browser's storage under \u201c{key}\u201d.":
    "; el texto completo se guarda en el almacenamiento de este navegador bajo \u201c{key}\u201d.",
  ". There is no room to keep the full text aside, so your saved answers were left as they are and new answers are not saved; download them from the score page to keep them.":
    ". No hay espacio para guardar aparte el texto completo, así que sus respuestas guardadas se dejaron como estaban y las nuevas respuestas no se guardan; descárguelas desde la página de puntaje para conservarlas.",
  "Your saved answers are from an earlier release of the handbook (answers file version 1) and there is no room to keep a copy of them before updating them, so they were left as they are and new answers are not saved. Free some browser storage and reload the page.":
    "Sus respuestas guardadas son de una versión anterior del manual (archivo de respuestas versión 1) y no hay espacio para guardar una copia antes de actualizarlas, así que se dejaron como estaban y las nuevas respuestas no se guardan. Libere espacio de almacenamiento del navegador y recargue la página.",
  "Your saved answers are from an earlier release of the handbook (answers file version 1) and could not be updated (storage is full or blocked), so they were left as they are and new answers are not saved. Download your answers from the score page before you leave.":
    "Sus respuestas guardadas son de una versión anterior del manual (archivo de respuestas versión 1) y no se pudieron actualizar (el almacenamiento está lleno o bloqueado), así que se dejaron como estaban y las nuevas respuestas no se guardan. Descargue sus respuestas desde la página de puntaje antes de salir.",
  "Your saved answers came from an earlier release of the handbook and were updated to the current format, which lets you mark an item not applicable. No answer changed. The original is kept in this browser's storage under \u201c{key}\u201d.":
    "Sus respuestas guardadas venían de una versión anterior del manual y se actualizaron al formato actual, que permite marcar un ítem como «No aplica». Ninguna respuesta cambió. El original se guarda en el almacenamiento de este navegador bajo \u201c{key}\u201d.",
  "Your saved answers are from an earlier release of the handbook, and some of them change in this one: {warnings} There is no room in this browser's storage to keep a copy of them first, so they were left as they are. Free some browser storage and reload the page.":
    "Sus respuestas guardadas son de una versión anterior del manual, y algunas cambian en esta: {warnings} No hay espacio en el almacenamiento de este navegador para guardar antes una copia, así que se dejaron como estaban. Libere espacio de almacenamiento del navegador y recargue la página.",
  "Your saved answers came from an earlier release of the handbook.":
    "Sus respuestas guardadas venían de una versión anterior del manual.",
  " Your answers as they were are kept in this browser's storage under \u201c{key}\u201d.":
    " Sus respuestas, tal como estaban, se guardan en el almacenamiento de este navegador bajo \u201c{key}\u201d.",

  // ---- Downloads and uploads (transfer.js) ----
  " Your current answers are unchanged.": " Sus respuestas actuales no cambiaron.",
  "Preparing the spreadsheet\u2026": "Preparando la hoja de cálculo\u2026",
  "The spreadsheet {file} was downloaded.": "Se descargó la hoja de cálculo {file}.",
  "The spreadsheet needs scoring, which cannot start ({why}). Download the answers JSON instead and run `mlops-handbook export` on it.":
    "La hoja de cálculo necesita el cálculo del puntaje, que no puede iniciar ({why}). Descargue en su lugar el JSON de respuestas y ejecute `mlops-handbook export` sobre él.",
  "The spreadsheet needs scoring, which is unavailable in this browser ({why}). Download the answers JSON instead and run `mlops-handbook export` on it.":
    "La hoja de cálculo necesita el cálculo del puntaje, que no está disponible en este navegador ({why}). Descargue en su lugar el JSON de respuestas y ejecute `mlops-handbook export` sobre él.",
  "The spreadsheet could not be made: {problem}": "No se pudo generar la hoja de cálculo: {problem}",
  "{stem}-answers-{date}.json": "{stem}-respuestas-{date}.json",
  "{stem}-score-{date}.xlsx": "{stem}-puntaje-{date}.xlsx",
  "Your answers were downloaded as {file}. Keep it to score them later with the command line or to load them in another browser.":
    "Sus respuestas se descargaron como {file}. Conserve el archivo para calificarlas después con la línea de comandos o para cargarlas en otro navegador.",
  " Your previous answers are kept in this browser's storage under \u201c{key}\u201d. ":
    " Sus respuestas anteriores se guardan en el almacenamiento de este navegador bajo \u201c{key}\u201d. ",
  " Your previous answers could not be kept in this browser's storage; Undo brings them back while this tab is open. ":
    " Sus respuestas anteriores no se pudieron guardar en el almacenamiento de este navegador; Deshacer las recupera mientras esta pestaña siga abierta. ",
  " They are shown here but not saved in this browser (see the notice at the top of the page).":
    " Se muestran aquí pero no se guardan en este navegador (vea el aviso en la parte superior de la página).",
  "The upload was undone: your previous answers are back.": "Se deshizo la carga: sus respuestas anteriores están de vuelta.",
  " Their copy stays under \u201c{key}\u201d.": " Su copia sigue bajo \u201c{key}\u201d.",
  "Replace your current answers with those of \u201c{name}\u201d? Your current answers are kept under a backup key, and the message that follows offers Undo.":
    "¿Reemplazar sus respuestas actuales por las de \u201c{name}\u201d? Sus respuestas actuales se guardan bajo una clave de respaldo, y el mensaje que sigue ofrece Deshacer.",
  "\u201c{file}\u201d was not loaded.": "\u201c{file}\u201d no se cargó.",
  " Only its format and version were checked: full checking needs scoring, which is unavailable in this browser.":
    " Solo se revisaron su formato y su versión: la revisión completa necesita el cálculo del puntaje, que no está disponible en este navegador.",
  "\u201c{file}\u201d was not loaded: {problem}.": "\u201c{file}\u201d no se cargó: {problem}.",
  "\u201c{file}\u201d was not loaded. {problem}.": "\u201c{file}\u201d no se cargó. {problem}.",
  "Fix: {fix}": "Solución: {fix}",
  "(at {place})": "(en {place})",
  "Checking \u201c{file}\u201d\u2026": "Revisando \u201c{file}\u201d\u2026",
  "\u201c{file}\u201d could not be checked: {problem}.": "\u201c{file}\u201d no se pudo revisar: {problem}.",
  "\u201c{file}\u201d was not loaded: reading a spreadsheet needs scoring, which is unavailable in this browser ({why}). Run `mlops-handbook import` on it and upload the answers file it writes.":
    "\u201c{file}\u201d no se cargó: leer una hoja de cálculo necesita el cálculo del puntaje, que no está disponible en este navegador ({why}). Ejecute `mlops-handbook import` sobre ella y cargue el archivo de respuestas que genera.",
  "Reading \u201c{file}\u201d\u2026": "Leyendo \u201c{file}\u201d\u2026",
  "Loaded the answers of the spreadsheet \u201c{file}\u201d.": "Se cargaron las respuestas de la hoja de cálculo \u201c{file}\u201d.",
  "\u201c{file}\u201d could not be read: {problem}.": "\u201c{file}\u201d no se pudo leer: {problem}.",
  "\u201c{file}\u201d was not loaded: it was {newer}. Open it with the newer release.":
    "\u201c{file}\u201d no se cargó: sus respuestas fueron {newer}. Ábralo con la versión más reciente.",
  "Loaded the answers of \u201c{file}\u201d (a file from an earlier release, updated to the current format).":
    "Se cargaron las respuestas de \u201c{file}\u201d (un archivo de una versión anterior, actualizado al formato actual).",
  "Loaded the answers of \u201c{file}\u201d.": "Se cargaron las respuestas de \u201c{file}\u201d.",
  "The file could not be read.": "No se pudo leer el archivo.",

  // ---- The theme's widgets named (accessibility.js) ----
  "Search the handbook": "Buscar en el manual",
  "{section} pages": "Páginas de {section}",
};
