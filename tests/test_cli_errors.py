"""Whatever goes wrong, the command line ends with one line saying what, and an exit code: never a traceback,
unless --debug asks for one."""

import os
import shlex
import signal
import subprocess
import sys

import pytest

import handouts.cli
from handouts.cli import main
from conftest import PROJECT

HANDOUTS = [sys.executable, "-m", "handouts"]


def broken_table(*arguments, **options):
    raise RuntimeError("a column of negative width")


def test_an_unexpected_error_is_one_line_that_asks_for_a_bug_report(monkeypatch, capsys):
    monkeypatch.setattr(handouts.cli, "status_table", broken_table)

    assert main(["status", "--project", str(PROJECT)]) == 2

    errors = capsys.readouterr().err
    assert errors == ("handouts: internal error: RuntimeError: a column of negative width. This is a bug in handouts; "
                      "please report it with the command you ran and the output of `handouts --debug status ...`.\n")


def test_debug_shows_the_traceback_of_an_unexpected_error(monkeypatch):
    monkeypatch.setattr(handouts.cli, "status_table", broken_table)
    with pytest.raises(RuntimeError, match="negative width"):
        main(["--debug", "status", "--project", str(PROJECT)])


def test_an_interruption_in_process_is_one_line_and_exit_130(monkeypatch, capsys):
    def interrupted(*arguments, **options):
        raise KeyboardInterrupt
    monkeypatch.setattr(handouts.cli, "status_table", interrupted)

    assert main(["status", "--project", str(PROJECT)]) == 130
    assert capsys.readouterr().err == "handouts: interrupted\n"


def test_ctrl_c_during_a_build_is_one_line_and_exit_130(tmp_path):
    # In a session of its own, so that the signal reaches the build and its
    # workers, as Ctrl-C in a terminal does, and nothing else.
    process = subprocess.Popen(HANDOUTS + ["build", "--project", str(PROJECT), "--output", str(tmp_path),
                                           "--languages", "en,es,fr,ht", "--products", "card,pamphlet,booklet",
                                           "--jobs", "2"],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        # A card is done: the pamphlets and booklets of four languages are still to render, seconds of work
        # after it, however busy the machine.
        assert "/know-your-rights-card.pdf" in process.stdout.readline()
        os.killpg(process.pid, signal.SIGINT)
        _, errors = process.communicate(timeout=60)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 130, errors
    assert errors == "handouts: interrupted\n"


def test_output_cut_off_by_its_reader_ends_quietly():
    """`handouts status | head -1`: the reader leaves before the table is written."""
    process = subprocess.Popen(HANDOUTS + ["status", "--project", str(PROJECT)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    # Closed before the table is written: only this process read the pipe.
    process.stdout.close()
    errors = process.stderr.read()
    assert process.wait(timeout=60) == 128 + signal.SIGPIPE
    assert errors == ""


def test_status_piped_to_head_prints_its_first_line_and_no_traceback():
    command = f"{shlex.join(HANDOUTS)} status --project {shlex.quote(str(PROJECT))} | head -1"
    result = subprocess.run(command, shell=True, capture_output=True, text=True, timeout=60)
    assert result.stdout.split()[:2] == ["language", "name"]
    assert "Traceback" not in result.stderr and "BrokenPipe" not in result.stderr, result.stderr
