"""`handouts check`: every check, the copier's QR test, a JSON report, and nothing written."""

import contextlib
import io
import json
import subprocess

import pytest

from handouts.cli import main
from handouts.commands.build import BuildRequest, build
from handouts.i18n.readings import Playing
from handouts.commands.check import _qr_problems
from conftest import PROJECT


def run_check(project, *arguments):
    """`handouts check`, run in this process: its exit code and what it printed."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["check", "--project", str(project), *arguments])
    return subprocess.CompletedProcess(["check", *arguments], code, out.getvalue(), err.getvalue())


def folder_state(folder):
    return {str(path.relative_to(folder)): path.read_bytes() for path in sorted(folder.rglob("*")) if path.is_file()}


@pytest.mark.slow
def test_check_passes_on_the_shipped_kit_in_every_language_and_writes_nothing(built_copy):
    """As an editor runs it after a build: what the build made is read back from output/ and checked (the
    copier's QR test on every card, sheet and poster), the rest laid out and checked."""
    before = folder_state(built_copy)
    result = run_check(built_copy, "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 0, result.stdout
    assert report["passed"] is True
    assert [check["name"] for check in report["checks"]] == ["content", "verified", "catalogs", "glyphs", "sandbox", "fit",
                                                            "qr"]
    assert all(check["status"] == "passed" for check in report["checks"])
    assert any("unverified: UNHCR protection line (#566)" in warning for warning in report["warnings"])
    assert any("days old (as of 2024-03-18" in warning for warning in report["warnings"])
    assert folder_state(built_copy) == before


def test_check_renders_what_is_not_current_and_reads_its_qr_codes(built_copy):
    """A poster whose content changed since the build is made again, in memory, and its QR code decoded; the
    folder is left as it was."""
    poster = built_copy / "content" / "poster.yml"
    poster.write_text(poster.read_text(encoding="utf-8").replace("title: Free", "title: Our free", 1),
                      encoding="utf-8")
    before = folder_state(built_copy / "output")
    result = run_check(built_copy, "--languages", "en,ru", "--json")
    report = json.loads(result.stdout)
    assert report["passed"] is True, result.stdout
    made = sorted(line.split("] ", 1)[1] for line in result.stderr.splitlines() if line.startswith("["))
    # The poster on every paper, and its message for messaging apps, which prints the title too.
    assert made == [f"{language}/help-lines-poster-{name}" for language in ("en", "ru")
                    for name in ("11x17.pdf", "a3.pdf", "a4.pdf", "letter.pdf", "message.txt")]
    assert folder_state(built_copy / "output") == before


def test_check_fails_with_the_problem_and_stops_the_later_checks(project_copy):
    directory = project_copy / "content" / "directory.yml"
    directory.write_text(directory.read_text(encoding="utf-8").replace("speed_dial: 699#", "speed_dial: 699"),
                         encoding="utf-8")
    result = run_check(project_copy, "--languages", "en", "--json")
    report = json.loads(result.stdout)
    assert result.returncode == 1
    content_check = report["checks"][0]
    assert content_check["status"] == "failed"
    assert content_check["problems"] == [
        "content/directory.yml:69:17: help_lines.parent_hotline.speed_dial [en]: 699 has no #: a speed-dial "
        "code ends or starts with #, and which side it is on matters. Write it as its source does: 699# or "
        "'#699' (quoted when it starts with #)."]
    assert {check["status"] for check in report["checks"][1:]} == {"not run"}


def test_copier_qr_test_reads_the_cards_and_reports_a_wrong_payload():
    rendered = build(BuildRequest(project_dir=PROJECT, output_dir=PROJECT / "unused", languages=("ps",),
                                  products=("card", "card-sheet"), papers=("letter",)), jobs=1, write=False).rendered

    def problems(help_url: str, playing: Playing = Playing()) -> list[str]:
        return [problem for result in rendered for problem in _qr_problems(result, help_url, playing)]

    def expected(url: str, page: int, found: str | None) -> list[str]:
        """What the check says of the card and its sheet of 10 when that page gives `found` on every card."""
        return [f"ps/know-your-rights-{name}: expected {cards} QR codes reading {url} on page {page} at 150 dpi "
                f"greyscale, decoded {cards if found else 0}: {[found] if found else []}."
                for name, cards in (("card.pdf", 1), ("card-sheet-letter.pdf", 10))]

    assert problems("https://example.org/help") == []
    assert problems("https://example.org/other") == expected("https://example.org/other", 1, "https://example.org/help")
    # A recording the Pashto card plays is expected on its back, once a card.
    listening = Playing({"know-your-rights": {"ps": "https://example.org/listen"}})
    assert problems("https://example.org/help", listening) == expected("https://example.org/listen", 2, None)
