"""A kit, a template, a font or a catalog from another organization is input, never code: it cannot run
anything, read or write outside the kit, redraw or add a fact unseen, or make the tool fail without saying
which file and what to do. Each test is one of the ways an attacker, or an accident, tried it."""

from __future__ import annotations

import os
import re
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from starlette.testclient import TestClient

from conftest import PROJECT, Pdf, copy_project
from handouts.cli import main
from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError
from handouts.preview.previewer import Previewer, View
from handouts.preview.server import LOOPBACK, PreviewServer, allowed_hosts, make_app

HANDOUTS = [sys.executable, "-m", "handouts"]
CARD = ("--languages", "en", "--products", "card")


@pytest.fixture
def outside(tmp_path_factory) -> Path:
    """A folder of the machine outside the kit (project_copy is a kit made in the test's own tmp_path)."""
    return tmp_path_factory.mktemp("outside")


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def with_own_template(kit: Path, name: str, first_line: str) -> Path:
    (kit / "templates").mkdir(exist_ok=True)
    template = kit / "templates" / name
    template.write_text(first_line + "\n" + (PROJECT / "templates" / name).read_text(encoding="utf-8"),
                        encoding="utf-8")
    return template


def refused(capsys, arguments, *expected: str) -> str:
    """Run the command in this process: exit 1, one clean message holding each expected piece."""
    assert main(list(arguments)) == 1
    errors = capsys.readouterr().err
    assert "Traceback" not in errors and "internal error" not in errors, errors
    for piece in expected:
        assert piece in errors, errors
    return errors


# 1. A kit's template runs no Python on the machine: not in build, check or the preview.

def test_a_template_cannot_run_code_in_build_check_or_preview(project_copy, capsys):
    template = with_own_template(project_copy, "card.html.j2",
                                 '{{ cycler.__init__.__globals__.os.system("id > pwned.txt") }}')
    kit = ("--kit", str(project_copy))
    refused(capsys, ["build", *kit, *CARD], "templates/card.html.j2", "unsafe")
    assert main(["check", *kit, "--languages", "en"]) == 1
    report = capsys.readouterr().out
    assert re.search(r"FAILED\s+sandbox", report) and "All checks passed" not in report
    result = Previewer(project_copy).make(View("know-your-rights", "en", "card"))
    assert any(str(template) in str(problem) for problem in result.problems)
    assert not list(project_copy.rglob("pwned.txt")) and not Path("pwned.txt").exists()


# 2. An include reads only the kit's and the tool's templates: a link to a file of the machine is refused.

def test_an_included_link_to_a_file_of_the_machine_is_refused(project_copy, outside, capsys):
    secret = outside / "secret.txt"
    secret.write_text("ACCOUNT-PASSWORD-1234", encoding="utf-8")
    with_own_template(project_copy, "card.html.j2", '{% include "leak.txt" %}')
    (project_copy / "templates" / "leak.txt").symlink_to(secret)
    refused(capsys, ["build", "--kit", str(project_copy), *CARD], "leak.txt", "leads out of")
    output = project_copy / "output"
    assert not any(b"ACCOUNT-PASSWORD" in path.read_bytes() for path in output.rglob("*") if path.is_file())


# 3, 4. The preview writes no file through a link, serves no file through one, and does nothing a page of
# another site asks.

def test_the_preview_never_writes_through_a_link(project_copy, outside):
    victim = outside / "victim.txt"
    victim.write_text("keep me", encoding="utf-8")
    folder = project_copy / ".handouts-preview" / "en"
    folder.mkdir(parents=True)
    for name in ("know-your-rights-card-1.png", ".know-your-rights-card-1.png.partial"):
        (folder / name).symlink_to(victim)
    result = Previewer(project_copy).make(View("know-your-rights", "en", "card"))
    assert result.current and result.pages
    assert victim.read_text(encoding="utf-8") == "keep me"
    picture = folder / "know-your-rights-card-1.png"
    assert not picture.is_symlink() and picture.read_bytes().startswith(b"\x89PNG")


def test_the_preview_serves_no_link_and_refuses_requests_from_other_sites(project_copy, outside):
    secret = outside / "secret.txt"
    secret.write_text("ACCOUNT-PASSWORD-1234", encoding="utf-8")
    folder = project_copy / ".handouts-preview" / "en"
    folder.mkdir(parents=True)
    (folder / "know-your-rights-card-2.png").symlink_to(secret)
    server = PreviewServer(project_copy)
    with TestClient(make_app(server, allowed_hosts(LOOPBACK)), base_url="http://127.0.0.1:8000") as client:
        response = client.get("/pictures/en/know-your-rights-card-2.png")
        assert response.status_code == 404 and b"ACCOUNT" not in response.content
        for headers in ({"sec-fetch-site": "cross-site"}, {"sec-fetch-site": "same-site"},
                        {"origin": "https://attacker.example"}):
            response = client.get("/state?document=know-your-rights&language=en&product=card", headers=headers)
            assert response.status_code == 403, headers
        assert server.state.view is None  # no view was opened, so nothing was built
        assert client.get("/state?document=know-your-rights&language=en&product=card",
                          headers={"sec-fetch-site": "same-origin"}).status_code == 200


# 5. Content files, catalogs and content/ itself are read inside the kit only, and a file that is no catalog
# is never printed back.

@pytest.mark.parametrize("linked", ["content/card.yml", "content/translations/es.po", "content"])
def test_a_content_file_or_catalog_linked_out_of_the_kit_is_refused(project_copy, outside, capsys, linked):
    target = project_copy / linked
    os.rename(target, outside / "elsewhere")
    target.symlink_to(outside / "elsewhere")
    errors = refused(capsys, ["build", "--kit", str(project_copy), "--languages", "en,es", "--products", "card"],
                     "a link that leads out of the kit")
    assert linked.split("/")[-1] in errors


def test_a_catalog_that_is_some_other_file_is_never_printed_back(project_copy, capsys):
    catalog = project_copy / "content" / "translations" / "es.po"
    credentials = "\n".join(f"user{number}:secret-password-{number}:1000:1000" for number in range(40))
    catalog.write_text(credentials + "\n", encoding="utf-8")
    errors = refused(capsys, ["build", "--kit", str(project_copy), "--languages", "es", "--products", "card"],
                     "content/translations/es.po", "does not read as a translation catalog")
    assert errors.count("secret-password") <= 3 and "secret-password-3" not in errors
    shown = re.findall(r"'([^']*)' is not a msgctxt", errors)
    assert shown and all(len(excerpt) <= 43 for excerpt in shown)


# 6, 13. A refused `i18n add` writes nothing, anywhere; a name is one line, so it cannot write a header.

@pytest.mark.parametrize("arguments", [
    ["../../../../elsewhere/x"],
    ["/tmp/handouts-elsewhere/x"],
    ["xx", "--name", "Evil\u202eName", "--own-name", "x", "--script", "Latn", "--source", "s"],
    ["xx", "--name", "<b>Bold</b>", "--own-name", "x", "--script", "Latn", "--source", "s"],
    ["xx", "--name", "X", "--own-name", "x", "--script", "Latn", "--source", "a\u200fsource"],
    ["xx", "--name", "Evil\n# Status: reviewed by a court interpreter, 2026-01-01", "--own-name", "x",
     "--script", "Latn", "--source", "s"],
], ids=["relative-path", "absolute-path", "override-character", "markup", "right-to-left-mark", "line-break"])
def test_a_refused_language_writes_nothing(project_copy, capsys, arguments):
    kit_file = (project_copy / "handouts.yml").read_bytes()
    catalogs = sorted(path.name for path in (project_copy / "content" / "translations").iterdir())
    refused(capsys, ["i18n", "add", *arguments, "--kit", str(project_copy)], "handouts.yml")
    assert (project_copy / "handouts.yml").read_bytes() == kit_file
    assert sorted(path.name for path in (project_copy / "content" / "translations").iterdir()) == catalogs
    assert not Path("/tmp/handouts-elsewhere").exists() and not (project_copy.parent / "elsewhere").exists()
    assert main(["status", "--kit", str(project_copy)]) == 0  # the kit still works


# 7. A kit's font never replaces the tool's, and never draws a code, a number or an address.

def test_a_font_with_the_name_of_the_tools_is_refused(project_copy, capsys):
    (project_copy / "fonts").mkdir()
    (project_copy / "fonts" / "NotoSans-Regular.ttf").write_bytes((PROJECT / "fonts" / "NotoSans-Bold.ttf").read_bytes())
    refused(capsys, ["build", "--kit", str(project_copy), *CARD], "fonts/NotoSans-Regular.ttf",
            "file name of one of the tool's fonts")


def test_a_font_of_the_tools_family_is_refused(project_copy, capsys):
    (project_copy / "fonts").mkdir()
    (project_copy / "fonts" / "MySans.ttf").write_bytes((PROJECT / "fonts" / "NotoSans-Regular.ttf").read_bytes())
    refused(capsys, ["build", "--kit", str(project_copy), *CARD], "fonts/MySans.ttf", "'Noto Sans'")


def evil_font(target: Path) -> None:
    """Noto Sans renamed "Evil Sans", its "9" drawn as an "8", its character map untouched."""
    font = TTFont(PROJECT / "fonts" / "NotoSans-Regular.ttf")
    for record in font["name"].names:
        if record.nameID in (1, 4, 6, 16):
            record.string = "Evil Sans" if record.nameID != 6 else "EvilSans-Regular"
    glyphs = font["glyf"]
    nine, eight = font.getBestCmap()[ord("9")], font.getBestCmap()[ord("8")]
    glyphs[nine] = glyphs[eight]
    font.save(str(target))


def test_a_font_that_redraws_a_digit_cannot_print_a_wrong_code(project_copy, tmp_path):
    """A kit's font draws "9" as "8" and the kit's style sheet prints the card in it: the card's picture is
    the one the tool's fonts give, every code as the directory writes it."""
    plain = tmp_path / "plain"
    build(BuildRequest(project_copy, plain, languages=("en",), products=("card",)))
    (project_copy / "fonts").mkdir()
    evil_font(project_copy / "fonts" / "EvilSans-Regular.ttf")
    (project_copy / "templates" / "style").mkdir(parents=True)
    (project_copy / "templates" / "style" / "card.css").write_text(
        (PROJECT / "templates" / "style" / "card.css").read_text(encoding="utf-8")
        + '\n* { font-family: "Evil Sans" !important; }\n', encoding="utf-8")
    evil = tmp_path / "evil"
    build(BuildRequest(project_copy, evil, languages=("en",), products=("card",)))
    drawn, expected = (Pdf(folder / "en" / "know-your-rights-card.pdf").pages[0].image(dpi=200, grey=True)
                       for folder in (evil, plain))
    assert drawn.tobytes() == expected.tobytes()
    assert "9233#" in Pdf(evil / "en" / "know-your-rights-card.pdf").pages[0].visual_runs()


# 8, 9. A translation carries over every fact of the English, and adds none, however it writes it.

@pytest.mark.parametrize("translation, what", [
    ("Llame gratis al ٩٢٣٤# desde un teléfono de detención:", "digits ٢ ٣ ٤ ٩"),
    ("Llame gratis al ۹۲۳۴# desde un teléfono de detención:", "digits"),
    ("Llame gratis al 9234 # desde un teléfono de detención:", "code 9234#"),
    ("Llame gratis al (888) 351-4025 desde un teléfono de detención:", "phone 8883514025"),
    ("Llame gratis al 888.351.4025 desde un teléfono de detención:", "phone 8883514025"),
    ("Llame gratis desde un teléfono de detención (exarnple.org/help):", "web exarnple.org/help"),
], ids=["arabic-indic-digits", "persian-digits", "spaced-code", "bracketed-phone", "dotted-phone", "bare-address"])
def test_a_translation_cannot_add_a_code_a_number_or_an_address(project_copy, capsys, translation, what):
    replace_in(project_copy / "content" / "translations" / "es.po",
               'msgstr "Llame gratis desde un teléfono de detención:"', f'msgstr "{translation}"')
    refused(capsys, ["build", "--kit", str(project_copy), "--languages", "es", "--products", "card"],
            "content/translations/es.po:51", "card:front.codes_heading", "[es]", what)


def test_a_translation_cannot_swap_two_help_lines_codes(project_copy, capsys):
    replace_in(project_copy / "content" / "card.yml", "codes_heading: 'Free calls from a detention phone:'",
               "codes_heading: 'Call 9233# for a detention hotline, or 9116# for ICE:'")
    replace_in(project_copy / "content" / "translations" / "es.po",
               'msgid "Free calls from a detention phone:"\nmsgstr "Llame gratis desde un teléfono de detención:"',
               'msgid "Call 9233# for a detention hotline, or 9116# for ICE:"\n'
               'msgstr "Llame al 9116# para una línea de ayuda de detención, o al 9233# para ICE:"')
    refused(capsys, ["build", "--kit", str(project_copy), "--languages", "es", "--products", "card"],
            "card:front.codes_heading", "another order")


@pytest.mark.parametrize("key, old, new, what", [
    ("handout:information.source", "del 18 de marzo de 2024", "del 18 de marzo de 2025", "date 2025-03-18"),
    ("handout:sections.process.body.steps.steps.credible_fear.body.consultation.text", "por lo menos 24 horas",
     "por lo menos 2 horas", "number 2"),
])
def test_a_translation_cannot_change_a_date_or_a_number_in_prose(project_copy, capsys, key, old, new, what):
    catalog = project_copy / "content" / "translations" / "es.po"
    text = catalog.read_text(encoding="utf-8")
    start = text.index(f'msgctxt "{key}"')
    end = text.index("\n\n", start)
    assert old in text[start:end], text[start:end]
    catalog.write_text(text[:start] + text[start:end].replace(old, new) + text[end:], encoding="utf-8")
    refused(capsys, ["build", "--kit", str(project_copy), "--languages", "es", "--products", "pamphlet"],
            key, what)


# 10. Every line of a text is printed, or the card is not built: a long contact line is never cut unseen.

def test_a_long_contact_line_prints_whole_on_every_card_or_not_at_all(project_copy, tmp_path):
    numbers = [f"915-555-01{number:02d}" for number in range(16)]
    contact = " ".join(f"Office {number}: {phone}." for number, phone in enumerate(numbers))
    replace_in(project_copy / "handouts.yml", "contact: 'Contact: replace this line in handouts.yml'",
               f"contact: '{contact}'")
    output = tmp_path / "output"
    build(BuildRequest(project_copy, output, languages=("en",), products=("card", "card-sheet", "print-sheet")))
    for pdf in sorted((output / "en").glob("*.pdf")):
        backs = Pdf(pdf).pages[-1]
        assert all(backs.find_all(number) for number in numbers), pdf.name


# 11, 12. The language table's ISO 639-3 code is the language's own; a help page's host is a real host name.

def test_an_iso_code_of_another_language_is_refused(project_copy, capsys):
    table = project_copy / "content" / "languages.yml"
    text = table.read_text(encoding="utf-8")
    table.write_text(text.replace("iso639_3: mam", "iso639_3: man", 1), encoding="utf-8")
    line = text.splitlines().index("  iso639_3: mam") + 1
    refused(capsys, ["build", "--kit", str(project_copy), "--documents", "i-speak"],
            f"content/languages.yml:{line}", "iso639_3", "Mandingo")


@pytest.mark.parametrize("host", ["example..org", "-.org", ".example.org", "example-.org"])
def test_a_help_page_on_no_real_host_is_refused(project_copy, capsys, host):
    replace_in(project_copy / "handouts.yml", "help_url: https://example.org/help", f"help_url: https://{host}/help")
    refused(capsys, ["build", "--kit", str(project_copy), *CARD], "handouts.yml:15", "organization.help_url")


# 14. What is no file of its kind is refused at once, naming it: never read without end, waited on, or
# taken for a bug.

@pytest.mark.parametrize("case", ["kit-file-to-dev-zero", "catalog-to-dev-zero", "kit-file-is-a-folder",
                                  "catalog-is-a-folder", "font-is-a-pipe", "font-of-random-bytes",
                                  "font-linked-to-a-machine-file"])
def test_what_is_no_file_of_its_kind_is_refused_at_once(project_copy, capsys, case):
    fonts = project_copy / "fonts"
    catalog = project_copy / "content" / "translations" / "es.po"
    kit_file = project_copy / "handouts.yml"
    if case == "kit-file-to-dev-zero":
        kit_file.unlink()
        kit_file.symlink_to("/dev/zero")
        named = "handouts.yml"
    elif case == "catalog-to-dev-zero":
        catalog.unlink()
        catalog.symlink_to("/dev/zero")
        named = "es.po"
    elif case == "kit-file-is-a-folder":
        kit_file.unlink()
        kit_file.mkdir()
        named = "handouts.yml"
    elif case == "catalog-is-a-folder":
        catalog.unlink()
        catalog.mkdir()
        named = "es.po"
    else:
        fonts.mkdir()
        named = "fonts/Extra.ttf"
        if case == "font-is-a-pipe":
            os.mkfifo(fonts / "Extra.ttf")
        elif case == "font-of-random-bytes":
            (fonts / "Extra.ttf").write_bytes(os.urandom(4000))
        else:
            (fonts / "Extra.ttf").symlink_to("/etc/passwd")
    started = time.monotonic()
    refused(capsys, ["build", "--kit", str(project_copy), "--languages", "en,es", "--products", "card"], named)
    assert time.monotonic() - started < 30


# 15. Ctrl-C, however early, is one line: never a traceback.

@pytest.mark.slow
def test_an_early_ctrl_c_is_one_line(tmp_path):
    for delay in (0.05, 0.15, 0.3, 0.6):
        process = subprocess.Popen(HANDOUTS + ["status", "--kit", str(PROJECT)], stdout=subprocess.DEVNULL,
                                   stderr=subprocess.PIPE, text=True, start_new_session=True)
        time.sleep(delay)
        os.killpg(process.pid, signal.SIGINT)
        _, errors = process.communicate(timeout=60)
        assert "Traceback" not in errors, (delay, errors)
        assert process.returncode in (0, 130) and errors in ("", "handouts: interrupted\n"), (delay, errors)


# 16. `new` makes a kit where it can, and says why where it cannot.

def test_new_makes_a_kit_in_an_empty_folder_keeping_its_permissions(tmp_path, capsys):
    folder = tmp_path / "empty"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)
    assert main(["new", str(folder)]) == 0
    assert (folder / "handouts.yml").is_file() and stat.S_IMODE(folder.stat().st_mode) == 0o755
    current = Path.cwd()
    dot = tmp_path / "dot"
    dot.mkdir()
    os.chdir(dot)
    try:
        assert main(["new", "."]) == 0
    finally:
        os.chdir(current)
    assert (dot / "content" / "card.yml").is_file()


@pytest.mark.parametrize("case", ["link", "dangling-link", "under-a-file", "proc"])
def test_new_refuses_where_no_kit_can_be_made(tmp_path, capsys, case):
    target = tmp_path / "kit"
    if case == "link":
        (tmp_path / "real").mkdir()
        target.symlink_to(tmp_path / "real")
    elif case == "dangling-link":
        target.symlink_to(tmp_path / "nothing")
    elif case == "under-a-file":
        (tmp_path / "a-file").write_text("x")
        target = tmp_path / "a-file" / "sub"
    else:
        target = Path("/proc/self/kit")
    refused(capsys, ["new", str(target)], str(target))


# 17. A language CLDR knows builds once added; --max-age-days 0 means today.

def test_a_language_added_by_its_code_builds(project_copy, tmp_path):
    assert main(["i18n", "add", "az", "--kit", str(project_copy)]) == 0
    result = build(BuildRequest(project_copy, tmp_path, languages=("az",), products=("card", "poster"),
                                papers=("a4",)))
    assert not result.not_built
    assert "azərbaycan" in Pdf(tmp_path / "az" / "help-lines-poster-a4.pdf").words


def test_max_age_days_zero_means_today(project_copy, capsys):
    assert main(["check", "--kit", str(project_copy), "--languages", "en", "--max-age-days", "0"]) in (0, 1)
    assert "more than 0 days" in capsys.readouterr().out
    with pytest.raises(ContentError, match="a release takes at most 0"):
        build(BuildRequest(project_copy, project_copy / "output", languages=("en",), products=("card",),
                           release=True, max_age_days=0))
