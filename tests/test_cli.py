"""The command line on the fixture checklist: routes, template, score, export, validate."""

import errno
import json
import os
import shutil
import signal
import stat
import subprocess
import sys

import pytest

from helpers import FIXTURE_CHECKLISTS, REAL_CHECKLISTS, real_methodology
from mlops_handbook import Answers, dumps
from mlops_handbook.cli import main
from mlops_handbook.model import YES_NO

BASE = ["--checklists", str(FIXTURE_CHECKLISTS)]


def _default_sigint() -> None:
    """In a child before it runs Python: SIGINT back to its default, so that Ctrl-C interrupts it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


@pytest.fixture
def answers_file(tmp_path):
    path = tmp_path / "answers.json"
    path.write_text(dumps(Answers(route="ml-model", task_type="regression", project="Demo",
                                  answers={"al-on-02": True, "be-on-03": ("metric-2",), "al-on-03": False})))
    return path


class TestRoutes:
    def test_json(self, capsys):
        """`routes --json` gives each route's maximum and the ML maximum per task type."""
        assert main([*BASE, "routes", "--json"]) == 0
        routes = {r["id"]: r for r in json.loads(capsys.readouterr().out)["routes"]}
        assert routes["dashboard"]["maximum"] == 4
        assert routes["ml-model"]["maximum_range"] == [6, 7] and routes["ml-model"]["maximum"] == 7
        assert routes["dashboard"]["maximum_range"] == [4, 4]
        assert routes["ml-model"]["task_types"]["clustering"] == 6

    def test_text(self, capsys):
        """`routes` prints one line per route with the range of the ML route."""
        assert main([*BASE, "routes"]) == 0
        assert "ml-model             6-7 points" in capsys.readouterr().out


class TestTemplate:
    def test_writes_file(self, tmp_path):
        """`template -o` writes an answers file with every applicable item unanswered."""
        out = tmp_path / "t.json"
        assert main([*BASE, "template", "--route", "dashboard", "--project", "P", "-o", str(out)]) == 0
        data = json.loads(out.read_text())
        assert data["project"] == "P"
        assert data["answers"] == {"al-on-02": None, "al-on-03": None, "al-on-04": None}

    def test_bad_task_type(self, capsys):
        """A task type on a route without one is a user error."""
        assert main([*BASE, "template", "--route", "dashboard", "--task-type", "regression"]) == 2
        assert "has no ML task type" in capsys.readouterr().err


class TestScore:
    def test_json(self, answers_file, capsys):
        """`score --json` gives points, maximum and percentage."""
        assert main([*BASE, "score", str(answers_file), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["points"], data["maximum"], data["percent"]) == (2, 7, 28.6)

    def test_text_lists_missing(self, answers_file, capsys):
        """The text report shows the total and what is missing."""
        assert main([*BASE, "score", str(answers_file)]) == 0
        out = capsys.readouterr().out
        assert "Total on the paper's scale: 2 of 7 points, 28.6%" in out
        no, not_yet = out.index("Answered no ("), out.index("Not yet assessed (")
        assert no < out.index("\n  al-on-03: ") < not_yet < out.index("\n  al-on-04: ")

    def test_fail_under(self, answers_file, capsys):
        """`--fail-under` exits 1 when the percentage is below the bar, 0 otherwise."""
        assert main([*BASE, "score", str(answers_file), "--fail-under", "50"]) == 1
        assert "below --fail-under 50" in capsys.readouterr().err
        assert main([*BASE, "score", str(answers_file), "--fail-under", "20"]) == 0


class TestExport:
    def test_writes_xlsx(self, answers_file, tmp_path, capsys):
        """`export` writes a spreadsheet and leaves no temporary file."""
        out = tmp_path / "score.xlsx"
        assert main([*BASE, "export", str(answers_file), "-o", str(out)]) == 0
        assert out.read_bytes()[:2] == b"PK"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json", "score.xlsx"]

    def test_needs_xlsx_name(self, answers_file, tmp_path, capsys):
        """An output name without .xlsx is refused before anything is written."""
        assert main([*BASE, "export", str(answers_file), "-o", str(tmp_path / "score.csv")]) == 2
        assert "must have the .xlsx extension" in capsys.readouterr().err

    def test_missing_folder(self, answers_file, tmp_path, capsys):
        """An output in a folder that does not exist is named."""
        assert main([*BASE, "export", str(answers_file), "-o", str(tmp_path / "no" / "s.xlsx")]) == 2
        assert "does not exist" in capsys.readouterr().err


class TestValidate:
    def test_fixture(self, capsys):
        """`validate` reports the counts and route maxima of a good folder."""
        assert main(["validate", str(FIXTURE_CHECKLISTS)]) == 0
        out = capsys.readouterr().out
        assert out.startswith("ok: 2 stages, 2 subphases, 6 guiding questions, 8 items")
        assert "ml-model: maximum 6-7 points" in out

    def test_default_is_shipped_methodology(self, capsys):
        """With no folder, `validate` checks the methodology shipped with the package."""
        assert main(["validate"]) == 0
        assert "ok: 5 stages, 20 subphases" in capsys.readouterr().out


class TestScoreFigures:
    @pytest.fixture
    def not_applicable_file(self, tmp_path):
        path = tmp_path / "na.json"
        path.write_text(dumps(Answers(route="dashboard", project="Demo",
                                      answers={"al-on-02": True, "al-on-04": ("part-x",)},
                                      not_applicable={"al-on-03": "No second thing: hosted on premises"})))
        return path

    def test_text_shows_both_percentages_and_the_paper_core(self, capsys, not_applicable_file):
        """`score` prints the paper's total, the percentage of what applies and the paper-core subscore."""
        assert main([*BASE, "score", str(not_applicable_file)]) == 0
        out = capsys.readouterr().out
        assert "Total on the paper's scale: 2 of 4 points, 50.0%\n" in out
        assert "Checks: 2 answered, 1 not applicable, 0 open, of 3\n" in out
        assert "Of what applies: 66.7% (2 of 3 points; N/A: 1 item, 1 of 4 points)\n" in out
        assert "more than a quarter" not in out
        assert "Paper's own questions: 1 of 2 points, 50.0%" in out
        assert "Marked not applicable (1):\n  al-on-03: No second thing: hosted on premises" in out

    def test_json_carries_the_same_figures(self, capsys, not_applicable_file):
        """`score --json` gives the figures the text shows, and the reason."""
        assert main([*BASE, "score", str(not_applicable_file), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["points"], data["maximum"], data["percent"]) == (2, 4, 50.0)
        assert (data["applicable_maximum"], data["applicable_percent"]) == (3, 66.7)
        assert (data["paper_points"], data["paper_maximum"], data["paper_percent"]) == (1, 2, 50.0)
        assert data["not_applicable"][0]["reason"] == "No second thing: hosted on premises"

    def test_fail_under_checks_the_paper_scale(self, capsys, not_applicable_file):
        """--fail-under compares the percentage on the paper's scale, not the one of what applies."""
        assert main([*BASE, "score", str(not_applicable_file), "--fail-under", "60"]) == 1

    def test_fail_under_exactly_at_the_bar_passes(self, capsys, not_applicable_file):
        """A score exactly at the bar (2 of 4 points, 50%) is not below it, so --fail-under 50 passes."""
        assert main([*BASE, "score", str(not_applicable_file), "--fail-under", "50"]) == 0
        assert main([*BASE, "score", str(not_applicable_file), "--fail-under", "50.0001"]) == 1

    def test_json_counts_items_apart(self, capsys, not_applicable_file):
        """`score --json` counts answered, not applicable and open apart, with the N/A points, overall and per stage."""
        assert main([*BASE, "score", str(not_applicable_file), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["answered"], data["not_applicable_count"], data["open"], data["items_total"]) == (2, 1, 0, 3)
        assert (data["not_applicable_points"], data["not_applicable_flag"]) == (1, None)
        stage = data["stages"][0]
        assert (stage["answered"], stage["not_applicable_count"], stage["not_applicable_points"]) == (2, 1, 1)

    def test_one_yes_and_the_rest_not_applicable(self, capsys, tmp_path):
        """One Yes and every other item N/A: 100% of what applies never shows without the N/A share and the flag,
        in the text (overall and per stage) and in the JSON."""
        path = tmp_path / "gamed.json"
        path.write_text(dumps(Answers(route="dashboard", answers={"al-on-02": True}, not_applicable={
            "al-on-03": "Not part of this project", "al-on-04": "No parts in this project"})))
        assert main([*BASE, "score", str(path)]) == 0
        out = capsys.readouterr().out
        flag = ("N/A covers 3 of 4 points: more than a quarter of the route, so the percentage of what applies "
                "says little")
        assert "Of what applies: 100.0% (1 of 1 points; N/A: 2 items, 3 of 4 points). " + flag + ".\n" in out
        assert "1 answered, 2 not applicable, 0 open" in out
        stage_line = next(line for line in out.splitlines() if line.startswith("  Alpha"))
        assert "100.0%!" in stage_line and stage_line.split()[-5:-3] == ["2,", "3"]
        assert "! N/A covers more than a quarter of the stage's points" in out
        assert main([*BASE, "score", str(path), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)
        assert (data["applicable_percent"], data["not_applicable_count"], data["not_applicable_points"]) == (100.0, 2, 3)
        assert data["not_applicable_flag"] == flag
        assert data["stages"][0]["not_applicable_flag"].startswith("N/A covers 3 of 4 points")

    @pytest.mark.parametrize("reason", [".", "n/a"])
    def test_placeholder_reason_exits_2(self, capsys, tmp_path, reason):
        """A reason of "." or "n/a" stops the score with exit 2, one paragraph naming the file, the item and the rule."""
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"format": "mlops-handbook-answers", "version": 3, "route": "dashboard",
                                    "not_applicable": {"al-on-03": reason}}))
        assert main([*BASE, "score", str(path)]) == 2
        err = capsys.readouterr().err
        assert f"{path}, not_applicable.al-on-03: the reason does not say why" in err
        assert "Fix:" in err and "two words" in err and err.count("\n") == 1

    def test_empty_reason_exits_2(self, capsys, tmp_path):
        """A not-applicable item without a reason stops the score with exit 2 and a one-paragraph message."""
        path = tmp_path / "bad.json"
        path.write_text(json.dumps({"format": "mlops-handbook-answers", "version": 2, "route": "dashboard",
                                    "not_applicable": {"al-on-03": " "}}))
        assert main([*BASE, "score", str(path)]) == 2
        err = capsys.readouterr().err
        assert "not_applicable.al-on-03" in err and "reason is empty" in err and "Fix:" in err


class TestExitStatus:
    def test_help_lists_the_statuses(self, capsys):
        """`--help` ends with the exit statuses 0, 1, 2, 3, 130 and 141."""
        with pytest.raises(SystemExit) as exit_info:
            main(["--help"])
        assert exit_info.value.code == 0
        epilog = capsys.readouterr().out.split("exit status:", 1)[1]
        for status in ("0    done", "1    score", "2    a mistake", "3    an internal error", "130  interrupted", "141  "):
            assert f"\n  {status}" in epilog

    def test_internal_error_is_one_line_and_exit_3(self, answers_file):
        """An unexpected exception exits 3 with one line naming it as a bug to report, and no traceback."""
        driver = ("import sys, mlops_handbook.cli as cli\n"
                  "def broken(*args, **kwargs):\n    raise RuntimeError('scorer exploded')\n"
                  "cli.score = broken\n"
                  f"sys.exit(cli.main(['--checklists', {str(FIXTURE_CHECKLISTS)!r}, 'score', {str(answers_file)!r}]))\n")
        process = subprocess.run([sys.executable, "-c", driver], capture_output=True, text=True, timeout=60)
        assert process.returncode == 3
        assert process.stdout == ""
        assert process.stderr.count("\n") == 1 and "Traceback" not in process.stderr
        assert "a bug in mlops-handbook" in process.stderr
        assert "RuntimeError: scorer exploded" in process.stderr
        assert "report it to the handbook's maintainers, with the command that failed" in process.stderr

    def test_closed_pipe_ends_quietly(self, answers_file):
        """A reader that closes the pipe before the report is written gives exit 141 and nothing on stderr."""
        with subprocess.Popen([sys.executable, "-m", "mlops_handbook.cli", *BASE, "score", str(answers_file)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
            process.stdout.close()  # as `| head -0` would, before the child writes anything
            err = process.stderr.read().decode()
            assert process.wait(timeout=60) == 141
        assert err == ""

    def test_full_disk_on_standard_output(self):
        """Standard output on a full disk (/dev/full) gives exit 2 and one clear line, no traceback."""
        with open("/dev/full", "w") as full:
            process = subprocess.run([sys.executable, "-m", "mlops_handbook.cli", *BASE, "routes"],
                                     stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        assert process.returncode == 2
        assert process.stderr.startswith("mlops-handbook: standard output: it cannot be written (No space left on device)")
        assert process.stderr.count("\n") == 1 and "Traceback" not in process.stderr

    @pytest.mark.parametrize("launched", ["as usual", "with SIGINT ignored"])
    def test_interrupt_exits_130_and_leaves_no_temporary_file(self, answers_file, tmp_path, launched):
        """Ctrl-C while the spreadsheet is being written exits 130, no traceback, the old file kept, no temporary file
        (also when the suite itself runs with SIGINT ignored, as under nohup)."""
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN) if launched != "as usual" else None
        try:
            self._interrupt(answers_file, tmp_path)
        finally:
            if previous is not None:
                signal.signal(signal.SIGINT, previous)

    @staticmethod
    def _interrupt(answers_file, tmp_path):
        target = tmp_path / "score.xlsx"
        target.write_bytes(b"previous spreadsheet")
        driver = ("import os, sys, time, mlops_handbook.cli as cli\n"
                  "def slow_fsync(fd):\n    print('writing', file=sys.stderr, flush=True)\n    time.sleep(30)\n"
                  "os.fsync = slow_fsync\n"
                  f"sys.exit(cli.main(['--checklists', {str(FIXTURE_CHECKLISTS)!r}, 'export', {str(answers_file)!r}, "
                  f"'-o', {str(target)!r}]))\n")
        # The child gets SIGINT's default disposition whatever the suite was launched with: an ignored
        # SIGINT is inherited, and Python would then never raise KeyboardInterrupt.
        with subprocess.Popen([sys.executable, "-c", driver], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                              text=True, preexec_fn=_default_sigint) as process:
            assert process.stderr.readline() == "writing\n"
            process.send_signal(signal.SIGINT)
            try:
                assert process.wait(timeout=20) == 130
            finally:
                process.kill()
            assert process.stderr.read() == "" and process.stdout.read() == ""
        assert target.read_bytes() == b"previous spreadsheet"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json", "score.xlsx"]

    def test_error_while_writing_keeps_the_target(self, answers_file, tmp_path, monkeypatch, capsys):
        """A full disk while writing the spreadsheet exits 2 naming the file, keeps the old one, and leaves no temporary file."""
        target = tmp_path / "score.xlsx"
        target.write_bytes(b"previous spreadsheet")

        def full(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        monkeypatch.setattr(os, "fsync", full)
        assert main([*BASE, "export", str(answers_file), "-o", str(target)]) == 2
        err = capsys.readouterr().err
        assert f"{target}: cannot be written (No space left on device)" in err and "Fix:" in err
        assert target.read_bytes() == b"previous spreadsheet"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["answers.json", "score.xlsx"]

    def test_yaml_reader_missing(self, tmp_path, monkeypatch, capsys):
        """Reading a checklists folder without PyYAML exits 2 and says which extra to install."""
        folder = tmp_path / "checklists"
        shutil.copytree(FIXTURE_CHECKLISTS, folder)
        monkeypatch.setitem(sys.modules, "yaml", None)  # `import yaml` now fails as if not installed
        assert main(["validate", str(folder)]) == 2
        err = capsys.readouterr().err
        assert 'pip install "mlops-handbook[yaml]"' in err and "PyYAML" in err and str(folder) in err


class TestOutputFiles:
    @pytest.fixture
    def device(self, tmp_path):
        """A character device: a null device node of our own where we may make one (as root, so that a
        regression cannot replace the system's /dev/null), else /dev/null, which we then cannot replace."""
        node = tmp_path / "device.json"
        try:
            os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        except PermissionError:
            if os.geteuid() == 0:
                pytest.skip("no device node can be made here, and /dev/null is not put at risk as root")
            return os.devnull
        return str(node)

    def test_refuses_a_device(self, device, capsys):
        """A device as the output (like /dev/null) is refused and stays a device."""
        assert main([*BASE, "template", "--route", "dashboard", "-o", device]) == 2
        assert f"{device}: this is a device, not a regular file" in capsys.readouterr().err
        assert stat.S_ISCHR(os.stat(device).st_mode)

    def test_refuses_a_fifo(self, tmp_path, capsys):
        """A named pipe as the output is refused without opening it."""
        fifo = tmp_path / "score.xlsx"
        os.mkfifo(fifo)
        assert main([*BASE, "template", "--route", "dashboard", "-o", str(fifo)]) == 2
        assert "this is a named pipe (FIFO), not a regular file" in capsys.readouterr().err
        assert stat.S_ISFIFO(os.stat(fifo).st_mode)

    def test_refuses_a_folder(self, tmp_path, capsys):
        """A folder as the output is refused, and the fix names a file inside it."""
        assert main([*BASE, "template", "--route", "dashboard", "-o", str(tmp_path)]) == 2
        assert f"this is a folder. Fix: name a file to write, e.g. {tmp_path / 'answers.json'}" in capsys.readouterr().err

    def test_refuses_the_input_through_a_link(self, answers_file, tmp_path, capsys):
        """`export` refuses to write over the answers file it reads, even through a symbolic link."""
        before = answers_file.read_bytes()
        link = tmp_path / "answers.xlsx"
        link.symlink_to(answers_file)
        assert main([*BASE, "export", str(link), "-o", str(link)]) == 2
        assert "this is the answers file being read" in capsys.readouterr().err
        assert answers_file.read_bytes() == before and link.is_symlink()

    def test_new_file_follows_the_umask(self, tmp_path):
        """A new output file gets the permissions the umask gives (0640 under umask 027), not 0600."""
        previous = os.umask(0o027)
        try:
            assert main([*BASE, "template", "--route", "dashboard", "-o", str(tmp_path / "a.json")]) == 0
        finally:
            os.umask(previous)
        assert stat.S_IMODE(os.stat(tmp_path / "a.json").st_mode) == 0o640

    def test_existing_file_keeps_its_mode(self, tmp_path):
        """Replacing an existing output keeps that file's mode."""
        target = tmp_path / "a.json"
        target.write_text("old")
        target.chmod(0o604)
        assert main([*BASE, "template", "--route", "dashboard", "-o", str(target)]) == 0
        assert stat.S_IMODE(os.stat(target).st_mode) == 0o604
        assert json.loads(target.read_text())["route"] == "dashboard"

    def test_writes_through_a_link(self, tmp_path):
        """An output that is a symbolic link to a file replaces that file and keeps the link."""
        real = tmp_path / "real.json"
        real.write_text("old")
        link = tmp_path / "link.json"
        link.symlink_to(real)
        assert main([*BASE, "template", "--route", "dashboard", "-o", str(link)]) == 0
        assert link.is_symlink() and json.loads(real.read_text())["route"] == "dashboard"


class TestFailUnderBar:
    @pytest.mark.parametrize("bar", ["nan", "inf", "-inf", "-1", "170", "100.5", "seventy", ""])
    def test_refuses_what_is_not_a_percentage(self, bar, answers_file, capsys):
        """--fail-under takes only a finite number from 0 to 100; anything else is a usage error (exit 2)."""
        with pytest.raises(SystemExit) as exit_info:
            main([*BASE, "score", str(answers_file), f"--fail-under={bar}"])
        assert exit_info.value.code == 2
        assert "expected a number from 0 to 100" in capsys.readouterr().err

    @pytest.mark.parametrize("bar, status", [("0", 0), ("28.57", 0), ("28.5714", 0), ("28.5715", 1), ("28.6", 1), ("100", 1)])
    def test_compares_the_unrounded_percentage(self, bar, status, answers_file, capsys):
        """2 of 7 points (28.5714...%) passes a bar up to 28.5714 and fails 28.6, though it is shown as 28.6%."""
        assert main([*BASE, "score", str(answers_file), "--fail-under", bar]) == status

    def test_the_published_route(self, tmp_path, capsys):
        """4 of 117 points on the real regression route (3.4188%) passes --fail-under 3.41 and fails 3.42."""
        methodology = real_methodology()
        yes_no = [i.id for i in methodology.items if i.kind == YES_NO and i.applies_to("ml-model")][:4]
        path = tmp_path / "four.json"
        path.write_text(dumps(Answers(route="ml-model", task_type="regression", answers=dict.fromkeys(yes_no, True))))
        real = ["--checklists", str(REAL_CHECKLISTS)]
        assert main([*real, "score", str(path), "--fail-under", "3.41"]) == 0
        assert "Total on the paper's scale: 4 of 117 points" in capsys.readouterr().out
        assert main([*real, "score", str(path), "--fail-under", "3.42"]) == 1
        assert "4 of 117 points (3.4188%), is below --fail-under 3.42" in capsys.readouterr().err


class TestTerminalText:
    @pytest.fixture
    def crafted_file(self, tmp_path):
        path = tmp_path / "crafted.json"
        path.write_text(dumps(Answers(
            route="dashboard", project="Café 数据 🚀\x1b[2J\rTotal: 4 of 4 points, 100.0%",
            answers={"al-on-02": True},
            not_applicable={"al-on-03": "on premises\nTotal: 4 of 4 \u202eevil\u2066\x9b31m\x7f"})))
        return path

    def test_control_characters_are_spelt_out(self, crafted_file, capsys):
        """`score` prints escape sequences, carriage returns, newlines and bidi overrides from a file visibly escaped."""
        assert main([*BASE, "score", str(crafted_file)]) == 0
        out = capsys.readouterr().out
        assert "Project: Café 数据 🚀\\x1b[2J\\rTotal: 4 of 4 points, 100.0%\n" in out
        assert "  al-on-03: on premises\\nTotal: 4 of 4 \\u202eevil\\u2066\\x9b31m\\x7f\n" in out
        assert not set(out) & {"\x1b", "\r", "\u202e", "\u2066", "\x9b", "\x7f"}
        assert [line for line in out.splitlines() if line.startswith("Total")] == ["Total on the paper's scale: 1 of 4 points, 25.0%"]

    def test_json_output_is_left_as_json(self, crafted_file, capsys):
        """`score --json` keeps the text as it is, escaped the JSON way."""
        assert main([*BASE, "score", str(crafted_file), "--json"]) == 0
        out = capsys.readouterr().out
        assert '"reason": "on premises\\nTotal: 4 of 4 \u202eevil' in out
        assert json.loads(out)["not_applicable"][0]["reason"] == "on premises\nTotal: 4 of 4 \u202eevil\u2066\x9b31m\x7f"

    def test_error_messages_are_spelt_out_too(self, tmp_path, capsys):
        """An error message quoting a crafted key prints its control characters escaped, on one line."""
        path = tmp_path / "key.json"
        path.write_text(json.dumps({"format": "mlops-handbook-answers", "version": 2, "route": "dashboard",
                                    "answers": {"\x1b[31mx\r\n": True}}))
        assert main([*BASE, "score", str(path)]) == 2
        err = capsys.readouterr().err
        assert "\\x1b[31mx\\r\\n" in err and "\x1b" not in err and "\r" not in err
        assert err.count("\n") == 1


class TestLargeInput:
    def test_size_message_states_the_real_size(self, tmp_path, capsys):
        """A 6,000,001-byte answers file is refused before reading, with its real size in the message."""
        path = tmp_path / "big.json"
        path.write_bytes(b" " * 6_000_001)
        assert main([*BASE, "score", str(path)]) == 2
        err = capsys.readouterr().err
        assert "6,000,001 bytes" in err and "5,000,000" not in err

    def test_a_named_pipe_is_refused_without_waiting(self, tmp_path, capsys):
        """An answers path that is a named pipe is refused at once instead of blocking the command."""
        import os

        path = tmp_path / "pipe.json"
        os.mkfifo(path)
        assert main([*BASE, "score", str(path)]) == 2
        assert "not a file" in capsys.readouterr().err


class TestImport:
    @staticmethod
    def workbook(tmp_path, answer="No"):
        """An exported score workbook with one answer typed in it (al-on-02, row 2)."""
        import openpyxl

        from mlops_handbook.spreadsheet import workbook_bytes
        from mlops_handbook.loader import load_methodology

        methodology = load_methodology(FIXTURE_CHECKLISTS)
        exported = tmp_path / "exported.xlsx"
        exported.write_bytes(workbook_bytes(methodology, Answers(
            route="dashboard", project="Demo", not_applicable={"al-on-03": "Not part of this project"})))
        book = openpyxl.load_workbook(exported)
        book["Answers"]["F2"] = answer
        path = tmp_path / "filled.xlsx"
        book.save(path)
        return path

    def test_writes_the_answers_file(self, tmp_path, capsys):
        """`import FILE.xlsx -o answers.json` writes the answers typed in the workbook."""
        output = tmp_path / "answers.json"
        assert main([*BASE, "import", str(self.workbook(tmp_path)), "-o", str(output)]) == 0
        assert capsys.readouterr().out == f"wrote {output}\n"
        written = json.loads(output.read_text(encoding="utf-8"))
        assert written["format"] == "mlops-handbook-answers" and written["version"] == 3
        assert (written["route"], written["project"]) == ("dashboard", "Demo")
        assert written["answers"] == {"al-on-02": False, "al-on-03": None, "al-on-04": None}
        assert written["not_applicable"] == {"al-on-03": "Not part of this project"}

    def test_prints_without_output(self, tmp_path, capsys):
        """Without -o the answers file goes to standard output, ready for `score`."""
        assert main([*BASE, "import", str(self.workbook(tmp_path, "Yes"))]) == 0
        assert json.loads(capsys.readouterr().out)["answers"] == {"al-on-02": True, "al-on-03": None, "al-on-04": None}

    def test_invalid_cell_exits_2_and_writes_nothing(self, tmp_path, capsys):
        """An invalid answer cell exits 2 with one line naming the cell, and no file is written."""
        output = tmp_path / "answers.json"
        workbook = self.workbook(tmp_path, "maybe")
        assert main([*BASE, "import", str(workbook), "-o", str(output)]) == 2
        err = capsys.readouterr().err
        assert f"{workbook}, Answers!F2: \"maybe\" is not an answer" in err and err.count("\n") == 1
        assert not output.exists() and sorted(p.name for p in tmp_path.iterdir()) == ["exported.xlsx", "filled.xlsx"]

    @pytest.mark.parametrize("reason", [".", "n/a"])
    def test_placeholder_reason_exits_2(self, tmp_path, capsys, reason):
        """An N/A whose reason is "." or "n/a" exits 2, naming the reason's cell and the rule, and writes nothing."""
        import openpyxl

        output = tmp_path / "answers.json"
        workbook = self.workbook(tmp_path)
        book = openpyxl.load_workbook(workbook)
        book["Answers"]["F2"], book["Answers"]["G2"] = "N/A", reason
        book.save(workbook)
        assert main([*BASE, "import", str(workbook), "-o", str(output)]) == 2
        err = capsys.readouterr().err
        assert f"{workbook}, Answers!G2: the item al-on-02 is marked N/A with a reason that does not say why" in err
        assert "two words" in err and err.count("\n") == 1 and not output.exists()

    def test_answers_file_given_instead_exits_2(self, tmp_path, answers_file, capsys):
        """An answers JSON file given to import is refused as not a workbook."""
        assert main([*BASE, "import", str(answers_file), "-o", str(tmp_path / "out.json")]) == 2
        assert "not an .xlsx workbook" in capsys.readouterr().err
        assert not (tmp_path / "out.json").exists()


class TestMaturity:
    @pytest.fixture
    def manual_file(self, tmp_path):
        """Yes to everything on the fixture's ML route but its two automation practices (al-on-03, be-on-02)."""
        path = tmp_path / "manual.json"
        path.write_text(dumps(Answers(route="ml-model", task_type="binary-classification", answers={
            "al-on-02": True, "al-on-03": True, "al-on-04": ("part-x", "part-z"), "be-on-02": False,
            "be-on-03": ("metric-1", "metric-2")})))
        return path

    def test_text_gives_the_level_after_the_paper_total(self, manual_file, capsys):
        """`score` prints the paper's total, then each model's level with its title, the sentence, the ML Test Score."""
        assert main([*BASE, "score", str(manual_file)]) == 0
        out = capsys.readouterr().out
        lines = out.splitlines()
        total = lines.index("Total on the paper's scale: 6 of 7 points, 85.7%")
        assert lines[total + 1] == ("MLOps maturity: Google's levels: level 0 of 2 (Manual process); "
                                    "Microsoft's model: level 1 of 4 (DevOps but no MLOps)")
        assert "  85.7% on the paper's scale and level 0 of Google's levels: the paper's scale counts practices, " \
               "not whether they run by hand; the roadmap lists what the next level still needs." in lines
        assert "ML Test Score: 3 of 28 tests met (5 covered by this route's checklist)" in lines

    def test_text_gives_the_roadmap(self, manual_file, capsys):
        """The roadmap names, per model, the next level and its practices with their items."""
        assert main([*BASE, "score", str(manual_file)]) == 0
        lines = capsys.readouterr().out.splitlines()
        start = lines.index("  Google's levels. To reach level 1 (Pipeline automation): 1 practice to put in place")
        assert lines[start + 1] == "    be-on-02 (answered no) Training automated: Is the model trained?"
        assert "  Microsoft's model. To reach level 2 (Automated training): 1 practice to put in place" in lines

    def test_json_carries_the_same(self, manual_file, capsys):
        """`score --json` gives the levels, the roadmap and the ML Test Score."""
        assert main([*BASE, "score", str(manual_file), "--json"]) == 0
        data = json.loads(capsys.readouterr().out)["maturity"]
        google, microsoft = data["models"]
        assert (google["model_id"], google["reached"], google["next_level"]) == ("google", 0, 1)
        assert [s["item_id"] for s in google["roadmap"]] == ["be-on-02"]
        assert microsoft["reached"] == 1
        assert (data["ml_test_score"]["met"], data["ml_test_score"]["covered"]) == (3, 5)
        assert data["by_hand"].startswith("85.7% on the paper's scale")


class TestNewUserFiles:
    """What a first-time user reads in the files the command writes: options named, open items listed."""

    def test_template_names_the_options_of_a_multiple_choice_item(self, tmp_path):
        """`template` leaves a multiple-choice item null and names its option ids in a note; the file still reads."""
        out = tmp_path / "t.json"
        assert main([*BASE, "template", "--route", "dashboard", "-o", str(out)]) == 0
        data = json.loads(out.read_text())
        assert data["answers"]["al-on-04"] is None
        assert "part-x" in data["notes"]["al-on-04"] and "part-z" in data["notes"]["al-on-04"]
        assert "part-y" not in data["notes"]["al-on-04"]  # an option of another route
        assert set(data["notes"]) == {"al-on-04"}
        assert main([*BASE, "score", str(out)]) == 0

    def test_import_keeps_the_unanswered_items(self, tmp_path, capsys):
        """`import` writes every item of the route, null where the workbook leaves it unanswered."""
        assert main([*BASE, "import", str(TestImport.workbook(tmp_path))]) == 0
        written = json.loads(capsys.readouterr().out)["answers"]
        assert written == {"al-on-02": False, "al-on-03": None, "al-on-04": None}


class TestExactMessages:
    """Messages name the real file and folder, quote a bad value briefly, and print numbers as given."""

    def test_help_to_a_full_disk_fails(self):
        """`--help > /dev/full` exits 2 with one line about standard output, not 0."""
        with open("/dev/full", "w") as full:
            process = subprocess.run([sys.executable, "-m", "mlops_handbook.cli", "--help"],
                                     stdout=full, stderr=subprocess.PIPE, text=True, timeout=60)
        assert process.returncode == 2
        assert process.stderr.startswith("mlops-handbook: standard output: it cannot be written")

    def test_dangling_output_link_names_its_target(self, answers_file, tmp_path, capsys, monkeypatch):
        """A dangling -o symbolic link is blamed on the folder it points into, not on "the folder ."."""
        monkeypatch.chdir(tmp_path)
        os.symlink(tmp_path / "gone" / "score.xlsx", "link.xlsx")
        assert main([*BASE, "export", str(answers_file), "-o", "link.xlsx"]) == 2
        err = capsys.readouterr().err
        assert f"folder {tmp_path / 'gone'} does not exist" in err and "the folder ." not in err

    def test_fail_under_printed_as_given(self, tmp_path, capsys):
        """`--fail-under 1e-400` over a total of 0 is reported as below 1e-400, not "below 0"."""
        empty = tmp_path / "empty.json"
        empty.write_text(dumps(Answers(route="dashboard")))
        assert main([*BASE, "score", str(empty), "--fail-under", "1e-400"]) == 1
        assert capsys.readouterr().err.rstrip().endswith("is below --fail-under 1e-400")

    def test_a_huge_bad_value_is_quoted_short(self, tmp_path, capsys):
        """A 1.9 MB bad value is quoted to about 80 characters, so the message stays one short line."""
        path = tmp_path / "big.json"
        path.write_text(json.dumps({"format": "mlops-handbook-answers", "version": 3, "route": "dashboard",
                                    "answers": {"al-on-02": ["x" * 1_900_000]}}))
        assert main([*BASE, "score", str(path)]) == 2
        err = capsys.readouterr().err
        assert len(err) < 400 and "xxxx…" in err

    def test_a_huge_unknown_id_is_quoted_short(self, tmp_path, capsys):
        """An unknown item id of a megabyte is quoted short, in the place and in the problem."""
        path = tmp_path / "big.json"
        path.write_text(json.dumps({"format": "mlops-handbook-answers", "version": 3, "route": "dashboard",
                                    "answers": {"y" * 1_000_000: True}}))
        assert main([*BASE, "score", str(path)]) == 2
        err = capsys.readouterr().err
        assert len(err) < 500 and "is not an item id" in err

    def test_validate_names_the_file_with_its_folder(self, tmp_path, capsys):
        """`validate DIR` names a file that a cross-check refuses with its folder, not its bare name."""
        folder = tmp_path / "lists"
        shutil.copytree(FIXTURE_CHECKLISTS, folder)
        stage = folder / "01-alpha.yaml"
        stage.write_text(stage.read_text().replace("id: al-on-03", "id: al-on-02", 1))
        assert main(["validate", str(folder)]) == 2
        assert capsys.readouterr().err.startswith(f"mlops-handbook: {stage}, ")


class TestBadTextIsAUserError:
    """Text no file can hold, and a decimal in the YAML, are a user's mistake (exit 2), never an internal error."""

    def test_lone_surrogate_in_the_project(self, tmp_path, capsys):
        """A project name "\\ud800" in the JSON is refused with exit 2, naming the field."""
        path = tmp_path / "s.json"
        path.write_text('{"format": "mlops-handbook-answers", "version": 3, "project": "\\ud800", "route": "dashboard"}')
        for extra in ([], ["--json"]):
            assert main([*BASE, "score", str(path), *extra]) == 2
            err = capsys.readouterr().err
            assert "s.json, project: the text is not valid Unicode" in err and "\\ud800" in err

    def test_lone_surrogate_in_a_note_through_the_portfolio(self, tmp_path, capsys):
        """The portfolio names a file whose note holds a lone surrogate and prints its JSON report."""
        bad = tmp_path / "bad.json"
        bad.write_text('{"format": "mlops-handbook-answers", "version": 3, "route": "dashboard", '
                       '"notes": {"al-on-02": "a\\udfff"}}')
        good = tmp_path / "good.json"
        good.write_text(dumps(Answers(route="dashboard", project="Good")))
        assert main([*BASE, "portfolio", "--json", str(tmp_path)]) == 2
        out = json.loads(capsys.readouterr().out)
        assert [p["file"] for p in out["problems"]] == [str(bad)]

    def test_template_with_a_byte_that_is_not_utf8(self):
        """`template --project $'\\xff'` exits 2 naming --project, not 3."""
        process = subprocess.run([sys.executable, "-m", "mlops_handbook.cli", *BASE, "template", "--route",
                                  "dashboard", "--project", os.fsdecode(b"\xff")],
                                 capture_output=True, text=True, timeout=60)
        assert process.returncode == 2, process.stderr
        assert "the command line, --project: the text is not valid UTF-8" in process.stderr

    def test_decimal_maximum_in_the_yaml(self, tmp_path, capsys):
        """`published_maximum: 4.0` gives one paragraph naming methodology.yaml and the fix, exit 2 (it was a TypeError)."""
        folder = tmp_path / "lists"
        shutil.copytree(FIXTURE_CHECKLISTS, folder)
        head = folder / "methodology.yaml"
        text = head.read_text()
        assert "published_maximum: 4}" in text
        head.write_text(text.replace("published_maximum: 4}", "published_maximum: 4.0}", 1))
        assert main(["validate", str(folder)]) == 2
        err = capsys.readouterr().err
        assert f"{head}, routes: the value 4.0 is a decimal number" in err and "e.g. 4" in err
