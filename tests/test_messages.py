"""The package's own sentences in the reader's language (messages.py): the catalogue, the number
and date formats, and the Spanish CLI report, errors and browser summary."""

from __future__ import annotations

import ast
import copy
import json
import string
from pathlib import Path

import pytest

import mlops_handbook
from helpers import FIXTURE_CHECKLISTS
from mlops_handbook import Answers, browser, dumps
from mlops_handbook.cli import main
from mlops_handbook.errors import HandbookError
from mlops_handbook.loader import load_raw, methodology_json
from mlops_handbook.model import build_methodology
from mlops_handbook.messages import format_date, format_number, format_percent, t, use_language
from mlops_handbook.messages_es import SPANISH_MESSAGES

PACKAGE = Path(mlops_handbook.__file__).parent


def templates_in_source() -> dict[str, str]:
    """Every literal given to t() or N_() in the package's source, with the file it is in."""
    found: dict[str, str] = {}
    for path in sorted(PACKAGE.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in ("t", "N_")
                    and node.args and isinstance(node.args[0], ast.Constant) and isinstance(node.args[0].value, str)):
                found.setdefault(node.args[0].value, path.name)
    return found


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


class TestCatalogue:
    def test_every_template_has_its_spanish(self):
        """A t("...") or N_("...") literal of the package without a Spanish entry is listed."""
        missing = {text: file for text, file in templates_in_source().items() if text not in SPANISH_MESSAGES}
        assert not missing, "no Spanish for:\n" + "\n".join(f"{file}: {text!r}" for text, file in missing.items())

    def test_every_spanish_entry_is_used(self):
        """A Spanish entry whose English template no t() or N_() of the package writes is listed."""
        unused = set(SPANISH_MESSAGES) - set(templates_in_source())
        assert not unused, "unused entries:\n" + "\n".join(sorted(unused))

    def test_spanish_fills_the_same_placeholders(self):
        """Each Spanish template names exactly the placeholders of its English one."""
        wrong = [english for english, spanish in SPANISH_MESSAGES.items() if fields(english) != fields(spanish)]
        assert not wrong, wrong


class TestFormats:
    def test_english_numbers_and_dates_stay_as_they_were(self):
        """In English a percentage is 77.8%, a big number 32,000 and a date YYYY-MM-DD, as before."""
        assert (format_percent(77.8), format_percent(None), format_number(32000), format_date("2026-12-06")) == (
            "77.8%", "n/a", "32,000", "2026-12-06")

    def test_spanish_numbers_and_dates(self):
        """In Spanish: 77,8 % (a no-break space before the sign), 32.000, 6 dic 2026; a non-date as given."""
        with use_language("es"):
            assert (format_percent(77.8), format_percent(100.0), format_number(32000)) == (
                "77,8\u00a0%", "100,0\u00a0%", "32.000")
            assert [format_date(d) for d in ("2026-12-06", "2026-01-31", "2026-02-30", "")] == [
                "6 dic 2026", "31 ene 2026", "2026-02-30", ""]

    def test_language_is_scoped_to_the_block(self):
        """use_language sets the language inside its block only; an unknown code gives English."""
        with use_language("es"):
            inside = t("Checks")
            with use_language("fr"):
                unknown = t("Checks")
        assert (inside, unknown, t("Checks")) == ("Verificaciones", "Checks", "Checks")


# ---------------------------------------------------------------- the front ends in Spanish

BASE = ["--checklists", str(FIXTURE_CHECKLISTS)]


@pytest.fixture
def answers_file(tmp_path):
    """An ML-model assessment of the fixture, dated 6 December 2026, with a no, an N/A and a note."""
    path = tmp_path / "answers.json"
    path.write_text(dumps(Answers(route="ml-model", task_type="regression", project="Demanda", date="2026-12-06",
                                  answers={"al-on-02": True, "al-on-03": False, "be-on-03": ("metric-2",)},
                                  notes={"al-on-03": "Pendiente con el cliente"})), encoding="utf-8")
    return path


class TestSpanishCli:
    def test_score_report_in_spanish(self, answers_file, capsys):
        """`--lang es score` writes the report's own words in Spanish, with 6 dic 2026 and decimal commas."""
        assert main([*BASE, "--lang", "es", "score", str(answers_file)]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        assert "Fecha: 6 dic 2026" in lines and "Proyecto: Demanda" in lines
        total = next(line for line in lines if line.startswith("Total en la escala del artículo: "))
        assert total.endswith("\u00a0%") and "," in total.rsplit(" ", 1)[0]
        for words in ("Verificaciones: ", "Hoja de ruta hacia el siguiente nivel:", "Respondidos «no» (",
                      "Aún sin evaluar (", "    Nota: Pendiente con el cliente"):
            assert words in out
        for english in ("Total on the paper's scale", "Roadmap", "Answered no", "points", "Date:"):
            assert english not in out

    def test_what_changed_in_spanish(self, answers_file, capsys):
        """`--previous` says what changed in Spanish, the earlier date as 6 dic 2026."""
        assert main([*BASE, "--lang", "es", "score", str(answers_file), "--previous", str(answers_file)]) == 0
        out = capsys.readouterr().out
        assert "Desde la evaluación anterior (6 dic 2026): " in out and "  Ninguna respuesta cambió." in out

    def test_refused_file_in_spanish_with_the_same_status(self, tmp_path, capsys):
        """A wrong answers file gives one Spanish paragraph naming file, place and fix, with the English status."""
        path = tmp_path / "respuestas.json"
        path.write_text('{"format": "mlops-handbook-answers", "version": 3, "route": "ml-model", '
                        '"answers": {"al-on-02": "yes"}}', encoding="utf-8")
        statuses = {}
        for lang in ("en", "es"):
            statuses[lang] = main([*BASE, "--lang", lang, "score", str(path)])
        english, spanish = capsys.readouterr().err.splitlines()
        assert statuses == {"en": 2, "es": 2} and english.endswith("or null if not answered yet.")
        assert spanish.startswith(f"mlops-handbook: {path}, answers.al-on-02: un ítem de sí/no lleva true, false o "
                                  'null, no "yes". Solución: escriba true para «sí»')

    def test_usage_error_in_spanish(self, capsys):
        """argparse's refusal of a command line is in Spanish too, with its status 2."""
        with pytest.raises(SystemExit) as caught:
            main([*BASE, "--lang", "es", "score"])
        err = capsys.readouterr().err
        assert caught.value.code == 2 and err.startswith("uso: mlops-handbook score")
        assert "error: faltan estos argumentos obligatorios: ANSWERS" in err

    def test_checklist_refusal_in_spanish(self):
        """The validator's refusal of a Spanish text left out is worded in Spanish under es."""
        raw = copy.deepcopy(load_raw(FIXTURE_CHECKLISTS))
        stage = raw["stages"][0]
        del stage["es"]["title"]
        with use_language("es"), pytest.raises(HandbookError) as caught:
            build_methodology(raw)
        assert caught.value.message == (f"{stage['_file']}, etapa {stage['id']}: falta el texto en español de `title` "
                                        "en su bloque `es:`. Solución: agregue `title:` al bloque `es:`, en español.")

    def test_error_keeps_its_language(self):
        """A HandbookError raised in Spanish reads in Spanish wherever its message is read."""
        with use_language("es"):
            error = HandbookError("a.json", "version", t("the version is missing or not a whole number"),
                                  t('add "version": {version}', version=3))
        assert error.message == 'a.json, version: falta la versión o no es un número entero. Solución: agregue "version": 3.'


class TestSpanishBrowser:
    @pytest.fixture
    def api(self):
        """The browser API with the fixture methodology loaded; the earlier one put back after."""
        before = browser._methodology
        browser.load(methodology_json(FIXTURE_CHECKLISTS))
        yield browser
        browser._methodology = before

    def test_score_json_summary_in_spanish_with_the_same_numbers(self, api, answers_file):
        """score_json(lang="es") gives the summary's and report's texts in Spanish and the same figures."""
        text = answers_file.read_text(encoding="utf-8")
        en, es = (json.loads(api.score_json(text, report=True, lang=lang)) for lang in ("en", "es"))
        assert es["score"]["points"] == en["score"]["points"] and es["score"]["maximum"] == en["score"]["maximum"]
        summary = es["summary"]
        assert summary["counts_text"].startswith("respondidos: ") and ", pendientes: " in summary["counts_text"] and summary["not_applicable_text"].startswith("No aplica: ")
        labels = [figure["label"] for figure in summary["report"]["headline"]]
        assert labels[0] == "Total en la escala del artículo" and "Verificaciones" in labels
        assert summary["report"]["order_text"].startswith("Ordenados por importancia")
        assert [g["status_text"] for g in summary["report"]["answered_no"]] == [
            "respondido «no»", "respondido, 1 opción aún pendiente"]
        assert en["summary"]["counts_text"].endswith(" open")

    def test_portfolio_view_in_spanish(self, api, answers_file):
        """portfolio_view_json(lang="es") words a file's problem, the task type and the charts in Spanish."""
        files = [["a.json", answers_file.read_text(encoding="utf-8")], ["b.json", "{"]]
        view = json.loads(api.portfolio_view_json(files, lang="es"))
        assert view["problems"][0]["message"].startswith("b.json, línea 1, columna 2: el JSON termina antes de tiempo")
        assessment = view["portfolio"]["assessments"][0]
        assert (assessment["task_type"], assessment["task_type_title"]) == ("regression", "Regresión")
        assert "<title id=\"mh-chart-distribution-title\">Distribución de los totales de los proyectos</title>" in (
            view["charts"]["distribution"])

    def test_reason_verdict_in_spanish(self, api):
        """reason_json(lang="es") gives the rule's verdict in Spanish; English by default."""
        spanish = json.loads(api.reason_json("n/a", lang="es"))
        assert spanish["message"].startswith("Este motivo no se acepta: «n/a» es un texto de relleno, no un motivo.")
        assert json.loads(api.reason_json("n/a"))["message"].startswith("This reason is not accepted")
