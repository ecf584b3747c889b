"""Recordings: `handouts recording add` ties a recording to the text it reads; the card and the poster of its
language then print a second QR code, captioned "Listen" in the language, that opens it, and an oral language's
"I speak" card plays the recording interpreted from the Spanish. When a sentence it reads changes, the build
prints no code for it, and status, the manifest, the index page and --release say so."""

import json
import shutil

import polib
import pytest

from handouts.cli import main
from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError
from conftest import copy_project, keep_kit_languages, keep_table_languages

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("recordings")

SPANISH_CARD = "https://example.org/audio/es-know-your-rights"
ARABIC_POSTER = "https://example.org/audio/ar-help-lines"
MAM_CARD = "https://example.org/audio/mam-know-your-rights"
HELP_PAGE = "https://example.org/help"
PRODUCTS = ("card", "poster")


def add(kit, *arguments):
    assert main(["recording", "add", "--kit", str(kit), *arguments]) == 0


def build_cards(kit, **options):
    """The cards and posters, on Letter, and the "I speak" cards."""
    return build(BuildRequest(project_dir=kit, output_dir=kit / "output", products=PRODUCTS, papers=("letter",),
                              **options)).written


def i_speak_front(read_pdf, output, english_name):
    cards = read_pdf(output / "languages" / "i-speak-card.pdf")
    return next(page for page in cards.pages[::2] if page.text.startswith(f"{english_name} (ISO 639-3"))


def change_spanish(kit, key, text):
    catalog = polib.pofile(str(kit / "content" / "translations" / "es.po"))
    next(entry for entry in catalog if entry.msgctxt == key).msgstr = text
    catalog.save()


@pytest.fixture(scope="module")
def recorded(tmp_path_factory):
    """A kit with three recordings, built: the Spanish guide, the Arabic poster, and the guide interpreted
    into Mam."""
    kit = copy_project(tmp_path_factory.mktemp("recorded"))
    # A few languages of the kit and of the "I speak" table: Mam among them, a language without a catalog.
    keep_kit_languages(kit, ("en", "es", "fr", "ar"))
    keep_table_languages(kit, ("en", "es", "fr", "ar", "mam", "quc"))
    add(kit, "es", "know-your-rights", SPANISH_CARD, "--speaker", "A. Reader", "--on", "2026-12-01")
    add(kit, "ar", "help-lines", ARABIC_POSTER, "--speaker", "B. Reader", "--on", "2026-12-01")
    add(kit, "mam", "know-your-rights", MAM_CARD, "--speaker", "C. Interpreter", "--on", "2026-12-02")
    build_cards(kit)
    return kit


@pytest.fixture(scope="module")
def changed(recorded, tmp_path_factory):
    """The same kit after a translator changed a Spanish sentence of the card, built again."""
    kit = tmp_path_factory.mktemp("changed") / "kit"
    shutil.copytree(recorded, kit, symlinks=True)
    change_spanish(kit, "card:front.rights.silent", "Usted tiene derecho a no decir nada.")
    return kit, build_cards(kit)


def test_the_card_back_plays_the_recording_captioned_in_its_language(recorded, read_pdf):
    card = read_pdf(recorded / "output" / "es" / "know-your-rights-card.pdf")
    front, back = card.pages
    assert [code.text for code in front.qr_codes()] == [HELP_PAGE]
    assert [code.text for code in back.qr_codes()] == [SPANISH_CARD]
    assert "Escuche" in back.text.split()
    assert not back.overprinted_lines()
    # A language without a recording prints one code, the help page's, as before.
    french = read_pdf(recorded / "output" / "fr" / "know-your-rights-card.pdf")
    assert [code.text for page in french.pages for code in page.qr_codes()] == [HELP_PAGE]


def test_the_poster_prints_the_listen_code_beside_the_help_code(recorded, read_pdf):
    poster = read_pdf(recorded / "output" / "ar" / "help-lines-poster-letter.pdf")
    (page,) = poster.pages
    assert sorted(code.text for code in page.qr_codes()) == sorted([HELP_PAGE, ARABIC_POSTER])
    assert "استمع" in page.text
    english = read_pdf(recorded / "output" / "en" / "help-lines-poster-letter.pdf")
    assert [code.text for code in english.pages[0].qr_codes()] == [HELP_PAGE]


def test_an_oral_language_card_plays_the_recording_with_the_spanish_line(recorded, read_pdf):
    mam = i_speak_front(read_pdf, recorded / "output", "Mam")
    assert [code.text for code in mam.qr_codes()] == [MAM_CARD]
    assert "Escuche en mam" in mam.words
    assert "Mi mejor idioma es el mam." in mam.words
    assert not mam.overprinted_lines()
    # K'iche' has no recording: no code on its card.
    assert i_speak_front(read_pdf, recorded / "output", "K’iche’").qr_codes() == []


def test_the_listing_and_status_name_each_recording_as_current(recorded, capsys):
    listed = json.loads((recorded / "output" / "manifest.json").read_text())["recordings"]
    assert [(entry["language"], entry["document"], entry["current"]) for entry in listed] == [
        ("es", "know-your-rights", True), ("ar", "help-lines", True), ("mam", "know-your-rights", True)]
    assert main(["status", "--kit", str(recorded)]) == 0
    said = capsys.readouterr().out
    assert "mam know-your-rights (C. Interpreter, 2026-12-02, from the es text): current" in said


def test_a_changed_sentence_puts_its_recordings_out_of_date_everywhere(changed, read_pdf, capsys):
    kit, written = changed
    output = kit / "output"
    # Only what prints the changed sentence, or the codes that stop playing, was made again.
    written = {path.relative_to(output).as_posix() for path in written}
    assert "es/know-your-rights-card.pdf" in written and "languages/i-speak-card.pdf" in written
    assert not any(path.startswith(("ar/", "fr/", "en/")) for path in written)
    back = read_pdf(output / "es" / "know-your-rights-card.pdf").pages[1]
    assert back.qr_codes() == [] and "Escuche" not in back.text.split()
    assert i_speak_front(read_pdf, output, "Mam").qr_codes() == []
    # The Arabic poster reads no Spanish: it still plays.
    poster = read_pdf(output / "ar" / "help-lines-poster-letter.pdf").pages[0]
    assert ARABIC_POSTER in [code.text for code in poster.qr_codes()]

    listed = {entry["language"]: entry["current"]
              for entry in json.loads((output / "manifest.json").read_text())["recordings"]}
    assert listed == {"es": False, "ar": True, "mam": False}
    index = (output / "index.html").read_text()
    recordings = index[index.index('id="recordings"'):]
    assert recordings.count("Out of date") == 2
    assert main(["status", "--kit", str(kit)]) == 0
    said = capsys.readouterr().out
    assert "es know-your-rights (A. Reader, 2026-12-01): OUT OF DATE" in said


def test_a_release_names_the_recording_out_of_date(changed):
    kit, _ = changed
    with pytest.raises(ContentError) as refused:
        build(BuildRequest(project_dir=kit, output_dir=kit / "release", products=PRODUCTS, languages=("en", "es"),
                           release=True, every_string=True))
    named = [problem for problem in refused.value.problems if problem.file == "content/recordings.yml"]
    lines = (kit / "content" / "recordings.yml").read_text().splitlines()
    assert [(problem.line, problem.key, problem.language) for problem in named] == [
        (lines.index("- language: es") + 1, "recordings[0]", "es"),
        (lines.index("- language: mam") + 1, "recordings[2]", "mam")]
    assert "handouts recording add es know-your-rights" in named[0].fix


def test_recording_again_makes_it_current(changed, tmp_path, read_pdf):
    kit = tmp_path / "kit"
    shutil.copytree(changed[0], kit, symlinks=True)
    add(kit, "es", "know-your-rights", SPANISH_CARD + "-2", "--speaker", "A. Reader", "--on", "2026-12-07")
    build_cards(kit, languages=("es",), documents=("know-your-rights",))
    back = read_pdf(kit / "output" / "es" / "know-your-rights-card.pdf").pages[1]
    assert [code.text for code in back.qr_codes()] == [SPANISH_CARD + "-2"]
    # The file keeps one recording per language and document, its comments as they were.
    text = (kit / "content" / "recordings.yml").read_text()
    assert text.count("language: es") == 1 and text.startswith("# Recordings:")


@pytest.mark.parametrize("entry, key, said", [
    ("language: xx", "recordings[0].language", "neither a language of the kit"),
    ("document: i-speak", "recordings[0].document", "no document 'i-speak'"),
    ("url: http://example.org/a", "recordings[0].url", "https://"),
    ("url: https://example.org/" + "a" * 120, "recordings[0].url", "too long for the card's \"Listen\" QR code"),
    ("recorded_on: 2999-01-01", "recordings[0].recorded_on", "in the future"),
    ("reads: 0123abcz", "recordings[0].reads", "fingerprint"),
])
def test_a_broken_recording_is_named_by_file_line_and_key(project_copy, entry, key, said):
    name = entry.split(":", 1)[0]
    fields = {"language": "es", "document": "know-your-rights", "url": "https://example.org/a",
              "speaker": "A. Reader", "recorded_on": "2026-12-01", "reads": "0123456789abcdef"}
    lines = [f"{field}: {value}" if field != name else entry for field, value in fields.items()]
    (project_copy / "content" / "recordings.yml").write_text(
        "recordings:\n" + "".join(f"{'- ' if index == 0 else '  '}{line}\n" for index, line in enumerate(lines)))
    with pytest.raises(ContentError) as refused:
        build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", languages=("es",),
                           products=("card",)))
    (problem,) = refused.value.problems
    assert (problem.file, problem.key) == ("content/recordings.yml", key)
    assert problem.line == 2 + list(fields).index(name)
    assert said in problem.message


def test_recording_add_refuses_what_no_card_would_play(project_copy, capsys):
    assert main(["recording", "add", "--kit", str(project_copy), "xx", "know-your-rights",
                 "https://example.org/a", "--speaker", "A. Reader"]) != 0
    said = capsys.readouterr().err
    assert "content/recordings.yml" in said and "recordings[0].language" in said and "Traceback" not in said
    # Nothing written: the kit still builds as it did.
    assert not (project_copy / "content" / "recordings.yml").exists()
