"""Kits: an organization's own folder, made by `handouts new`, built where it is, with its own languages,
documents, regions and contact line; the tool's templates and fonts come from the tool."""

import contextlib
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import PROJECT, Pdf, copy_project
from handouts.cli import main
from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError
from handouts.kit import load_kit
from test_fonts import embedded_fonts

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("kits")


MAM_SOURCE = "ISO 639-3 code mam (iso639-3.sil.org); Academia de Lenguas Mayas de Guatemala"


def handouts(*arguments: str, cwd: Path | None = None, check: bool = True) -> subprocess.CompletedProcess:
    """The command line, run in this process (as in a terminal in `cwd`): its exit code and what it printed.
    test_cli.py runs the installed command itself."""
    out, err = io.StringIO(), io.StringIO()
    here = os.getcwd()
    try:
        if cwd is not None:
            os.chdir(cwd)
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(list(arguments))
    finally:
        os.chdir(here)
    result = subprocess.CompletedProcess(list(arguments), code, out.getvalue(), err.getvalue())
    if check:
        assert result.returncode == 0, result.stderr
    return result


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name}: {old!r} not found"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def translate(catalog: Path, key: str, msgstr: str) -> None:
    """Write `msgstr` as the current translation of `key`, as a translator would: no longer fuzzy."""
    entries = catalog.read_text(encoding="utf-8").split("\n\n")
    (index,) = [number for number, entry in enumerate(entries) if f'msgctxt "{key}"\n' in entry]
    lines = [line for line in entries[index].split("\n") if not line.startswith(("#, fuzzy", "#|"))]
    entries[index] = "\n".join(lines[:-1] + [f'msgstr "{msgstr}"'])
    catalog.write_text("\n\n".join(entries), encoding="utf-8")


def test_a_new_kit_is_made_outside_the_repository_and_builds_there(tmp_path):
    kit = tmp_path / "casa-esperanza"
    assert not kit.resolve().is_relative_to(PROJECT)
    handouts("new", str(kit))
    assert (kit / "handouts.yml").is_file() and (kit / "content" / "card.yml").is_file()
    # Templates and fonts come with the tool, not with the kit.
    assert not (kit / "templates").exists() and not (kit / "fonts").exists()
    handouts("build", "--languages", "en,ar", "--products", "card,poster", "--papers", "a4", cwd=kit)

    card = Pdf(kit / "output" / "en" / "know-your-rights-card.pdf")
    assert "Know your rights" in card.pages[0].words
    assert "To the officer" in card.pages[1].words
    assert [code.text for code in card.pages[0].qr_codes()] == ["https://example.org/help"]
    poster = Pdf(kit / "output" / "ar" / "help-lines-poster-a4.pdf")
    assert round(poster.pages[0].width_mm) == 210 and round(poster.pages[0].height_mm) == 297
    assert ["9233#", "9116#", "699#", "#566"] == [run for run in poster.pages[0].visual_runs()
                                                  if run in ("9233#", "9116#", "699#", "#566")]
    # A second `new` into the same folder would overwrite an organization's work: refused.
    refused = handouts("new", str(kit), check=False)
    assert refused.returncode == 1 and "already exists and is not empty" in refused.stderr


def test_a_folder_that_is_no_kit_says_how_to_make_one(tmp_path):
    result = handouts("build", cwd=tmp_path, check=False)
    assert result.returncode == 1
    assert "no handouts.yml here" in result.stderr and "handouts new DIR" in result.stderr
    assert "Traceback" not in result.stderr


@pytest.fixture(scope="module")
def hindi_and_mam(tmp_path_factory):
    """A kit that added Hindi (CLDR knows it) and Mam (the kit describes it), and built their cards."""
    kit = copy_project(tmp_path_factory.mktemp("kit"))
    handouts("i18n", "add", "hi", "--kit", str(kit))
    handouts("i18n", "add", "mam", "--name", "Mam", "--own-name", "Mam", "--script", "Latn",
             "--source", MAM_SOURCE, "--kit", str(kit))
    translate(kit / "content" / "translations" / "hi.po", "card:front.title", "अपने अधिकार जानें")
    handouts("build", "--kit", str(kit), "--languages", "hi,mam", "--products", "card")
    return kit


def test_added_languages_are_in_the_kit_with_every_string_to_translate(hindi_and_mam):
    kit = load_kit(hindi_and_mam)
    assert list(kit.languages)[-2:] == ["hi", "mam"]
    assert (kit.languages["hi"].script, kit.languages["hi"].own_name) == ("Deva", "हिन्दी")
    assert (kit.languages["mam"].english_name, kit.languages["mam"].source) == ("Mam", MAM_SOURCE)
    status = handouts("status", "--kit", str(hindi_and_mam)).stdout
    hindi = next(line for line in status.splitlines() if line.startswith("hi "))
    assert hindi.split()[1:3] == ["Hindi", "1"]  # one string translated, the rest missing
    assert "mam " in status


def test_a_hindi_card_embeds_the_devanagari_font_and_says_it_is_a_draft(hindi_and_mam):
    path = hindi_and_mam / "output" / "hi" / "know-your-rights-card.pdf"
    assert any("NotoSansDevanagari" in name for name, _ in embedded_fonts(path))
    card = Pdf(path)
    assert "अपने अधिकार जानें" in card.pages[0].words
    assert "Draft translation, not yet reviewed." in card.pages[1].words


def test_the_mam_card_asks_for_a_mam_interpreter(hindi_and_mam):
    back = Pdf(hindi_and_mam / "output" / "mam" / "know-your-rights-card.pdf").pages[1].words
    assert "I speak Mam. I need an interpreter for Mam." in back


def test_a_language_in_a_script_with_no_font_is_refused_with_how_to_add_one(project_copy):
    result = handouts("i18n", "add", "si", "--kit", str(project_copy), check=False)
    assert result.returncode == 1
    assert "no font for the Sinhala script (Sinh)" in result.stderr
    assert "fonts/" in result.stderr and "scripts:" in result.stderr
    assert "si" not in load_kit(project_copy).languages
    assert not (project_copy / "content" / "translations" / "si.po").exists()


def test_a_language_cldr_does_not_know_needs_its_names_and_a_source(project_copy):
    result = handouts("i18n", "add", "kjb", "--kit", str(project_copy), check=False)
    assert result.returncode == 1
    assert "CLDR does not know the language 'kjb'" in result.stderr
    assert "english_name, own_name, script, source" in result.stderr


def test_a_language_the_kit_does_not_print_is_named_with_how_to_add_it(project_copy):
    result = handouts("build", "--kit", str(project_copy), "--languages", "uk", check=False)
    assert result.returncode == 1
    assert "the kit has no language 'uk'" in result.stderr and "handouts i18n add uk" in result.stderr


SHELTER = """\
information:
  as_of: 2024-03-18
  source: A shelter's own house rules, 2024-03-18.
title: Shelter house rules
subtitle: What to know on your first night.
notices:
  in_effect: These rules are in effect as of the date below.
  rules_change: Ask the staff if anything has changed.
  not_legal_advice: This information is not legal advice.
sections:
  meals:
    heading: Meals
    body:
      times: Meals are served in the dining room.
"""


def test_a_kit_with_two_documents_and_the_poster_builds_each_under_its_own_name(project_copy, tmp_path):
    (project_copy / "content" / "shelter.yml").write_text(SHELTER, encoding="utf-8")
    replace_in(project_copy / "handouts.yml", "  help-lines:\n", "  shelter-rules:\n"
               "    pamphlet: content/shelter.yml\n    products: [pamphlet]\n  help-lines:\n")
    handouts("i18n", "update", "--kit", str(project_copy), "--languages", "es")
    output = tmp_path / "output"
    build(BuildRequest(project_copy, output, languages=("en", "es"), products=("pamphlet", "poster"),
                       papers=("letter",)))
    names = sorted(path.name for path in (output / "es").iterdir())
    assert names == ["help-lines-poster-11x17.pdf", "help-lines-poster-letter.pdf",
                     "know-your-rights-pamphlet-letter.pdf", "shelter-rules-pamphlet-letter.pdf"]
    shelter = Pdf(output / "en" / "shelter-rules-pamphlet-letter.pdf")
    assert "Shelter house rules" in shelter.words and "Meals are served in the dining room." in shelter.words
    # Untranslated, the Spanish shelter rules print in English, marked.
    assert "[EN] Shelter house rules" in Pdf(output / "es" / "shelter-rules-pamphlet-letter.pdf").words
    assert "Seeking asylum" in Pdf(output / "en" / "know-your-rights-pamphlet-letter.pdf").words


def test_the_poster_reads_from_across_a_room(built):
    poster = Pdf(built / "es" / "help-lines-poster-letter.pdf").pages[0]
    assert (round(poster.width_mm, 1), round(poster.height_mm, 1)) == (215.9, 279.4)
    runs = poster.visual_runs()
    assert [run for run in runs if run in ("9233#", "9116#", "699#", "#566")] == ["9233#", "9116#", "699#", "#566"]
    for number in ("209-757-3733", "1-888-351-4024", "1-800-203-7001"):
        assert number in runs
    # From two metres, a letter wants about 10 mm: each code's digits are taller than that.
    for code in ("9233#", "9116#", "699#", "#566"):
        (found,) = poster.find_all(code)
        assert found.bottom - found.top >= 10, (code, found)
    assert [code.text for code in poster.qr_codes()] == ["https://example.org/help"]
    assert "18 de marzo de 2024" in poster.words
    assert "Borrador" in poster.words or "borrador" in poster.words


@pytest.mark.parametrize("language", ["ar", "fa-AF"])
def test_the_right_to_left_poster_keeps_every_code_whole(built, language):
    runs = Pdf(built / language / "help-lines-poster-a4.pdf").pages[0].visual_runs()
    for code in ("9233#", "9116#", "699#", "#566", "1-888-351-4024"):
        assert code in runs, (code, runs)


def test_a_kit_limited_to_texas_lists_only_texas_organizations(project_copy, tmp_path):
    replace_in(project_copy / "handouts.yml", "regions: [US-AZ, US-CA, US-NM, US-TX]", "regions: [US-TX]")
    build(BuildRequest(project_copy, tmp_path / "output", languages=("en",), products=("pamphlet",),
                       papers=("a4",)))
    words = Pdf(tmp_path / "output" / "en" / "know-your-rights-pamphlet-a4.pdf").words
    assert "Annunciation House" in words and "Texas RioGrande Legal Aid" in words
    for elsewhere in ("Kino Border Initiative", "Al Otro Lado", "Lutheran Family Services", "Arizona"):
        assert elsewhere not in words
    # --regions chooses for one build, over the kit's choice.
    build(BuildRequest(project_copy, tmp_path / "arizona", languages=("en",), products=("pamphlet",),
                       papers=("a4",), regions=("US-AZ",)))
    words = Pdf(tmp_path / "arizona" / "en" / "know-your-rights-pamphlet-a4.pdf").words
    assert "Kino Border Initiative" in words and "Annunciation House" not in words


def test_a_region_no_organization_is_in_is_refused_with_the_regions_there_are(project_copy, tmp_path):
    with pytest.raises(ContentError) as caught:
        build(BuildRequest(project_copy, tmp_path / "output", languages=("en",), products=("card",),
                           regions=("US-FL",)))
    message = str(caught.value)
    assert "content/directory.yml" in message and "US-FL" in message and "US-AZ, US-CA, US-NM, US-TX" in message


def test_the_contact_line_prints_translated(project_copy, tmp_path):
    replace_in(project_copy / "handouts.yml", "contact: 'Contact: replace this line in handouts.yml'",
               "contact: 'Call us at 915-555-0100.'")
    handouts("i18n", "update", "--kit", str(project_copy), "--languages", "es,ar")
    catalogs = project_copy / "content" / "translations"
    translate(catalogs / "es.po", "handouts:organization.contact", "Llámenos al 915-555-0100.")
    translate(catalogs / "ar.po", "handouts:organization.contact", "اتصلوا بنا على 915-555-0100.")
    build(BuildRequest(project_copy, tmp_path / "output", languages=("es", "ar"), products=("pamphlet",),
                       papers=("a4",)))
    spanish = Pdf(tmp_path / "output" / "es" / "know-your-rights-pamphlet-a4.pdf").words
    assert "Llámenos al 915-555-0100." in spanish and "Call us" not in spanish
    arabic = Pdf(tmp_path / "output" / "ar" / "know-your-rights-pamphlet-a4.pdf")
    assert "اتصلوا" in arabic.words and "Call us" not in arabic.words
    # The number reads left to right, whole, inside the right-to-left sentence.
    assert "915-555-0100" in [run.strip(".") for page in arabic.pages for run in page.visual_runs()]


def test_a_kit_template_replaces_the_tools_own(project_copy, tmp_path):
    own = project_copy / "templates" / "poster.html.j2"
    own.parent.mkdir()
    shutil.copyfile(PROJECT / "templates" / "poster.html.j2", own)
    replace_in(own, "<footer>", "<p>Open every day at Casa Esperanza.</p><footer>")
    build(BuildRequest(project_copy, tmp_path / "output", languages=("en",), products=("poster",),
                       papers=("a4",)))
    assert "Open every day at Casa Esperanza." in Pdf(tmp_path / "output" / "en" / "help-lines-poster-a4.pdf").words


@pytest.mark.parametrize("code", ["vi", "uk", "ar", "ur", "hi", "ne", "bn", "gu", "pa", "am", "ti", "ka", "zh-Hans"])
def test_every_shipped_script_prints_its_languages_own_name(code):
    """Each script of the tool's table has its font shipped: the language's own name (CLDR's) is all in it."""
    from handouts.fonts import font_families
    from handouts.languages import LanguageDescription, language

    spoken = language(LanguageDescription(code))
    families = font_families(load_kit(PROJECT).font_dirs)
    covered = frozenset().union(*(families[family] for family in spoken.fonts))
    assert [character for character in spoken.own_name if not character.isspace() and ord(character) not in covered] == []


def test_one_document_is_built_alone_and_an_unknown_one_is_named(project_copy, tmp_path):
    result = build(BuildRequest(project_copy, tmp_path / "output", languages=("en",), documents=("help-lines",),
                                papers=("a4",)))
    assert sorted(path.name for path in result.written) == ["help-lines-poster-a3.pdf", "help-lines-poster-a4.pdf",
                                                            "help-lines-poster-message.txt",
                                                            "help-lines-poster-page-1.png"]
    with pytest.raises(ContentError) as caught:
        build(BuildRequest(project_copy, tmp_path / "output", documents=("help-line",)))
    assert "the kit has no document 'help-line' (it has know-your-rights, help-lines, i-speak)" in str(caught.value)


def test_each_added_language_is_written_under_the_last_one(project_copy):
    handouts("i18n", "add", "mam", "--name", "Mam", "--own-name", "Mam", "--script", "Latn", "--source", MAM_SOURCE,
             "--kit", str(project_copy))
    handouts("i18n", "add", "uk", "--kit", str(project_copy))
    text = (project_copy / "handouts.yml").read_text(encoding="utf-8")
    assert f'    source: "{MAM_SOURCE}"\n  - uk\n\n# Each document' in text
    assert list(load_kit(project_copy).languages)[-2:] == ["mam", "uk"]


def test_a_build_for_other_regions_is_not_taken_for_the_kits_own(project_copy, tmp_path):
    output = tmp_path / "output"
    texas_only = BuildRequest(project_copy, output, languages=("en",), products=("pamphlet",), papers=("a4",),
                              regions=("US-TX",))
    build(texas_only)
    result = build(BuildRequest(project_copy, output, languages=("en",), products=("pamphlet",), papers=("a4",)))
    assert [path.name for path in result.written] == ["know-your-rights-pamphlet-a4.pdf"]
    assert "Kino Border Initiative" in Pdf(output / "en" / "know-your-rights-pamphlet-a4.pdf").words


def test_a_kit_listing_fewer_regions_keeps_every_regions_translations(project_copy):
    replace_in(project_copy / "handouts.yml", "regions: [US-AZ, US-CA, US-NM, US-TX]", "regions: [US-TX]")
    catalog = project_copy / "content" / "translations" / "es.po"
    before = catalog.read_text(encoding="utf-8")
    handouts("i18n", "update", "--kit", str(project_copy), "--languages", "es")
    assert catalog.read_text(encoding="utf-8") == before


def test_a_state_without_its_region_is_named_even_when_the_kit_chooses_regions(project_copy, tmp_path):
    replace_in(project_copy / "content" / "directory.yml", "      region: US-AZ\n", "")
    with pytest.raises(ContentError) as caught:
        build(BuildRequest(project_copy, tmp_path / "output", languages=("en",), products=("card",)))
    assert "content/directory.yml:" in str(caught.value)
    assert "local_organizations.states.arizona.region [en]: missing required key." in str(caught.value)


def test_verify_and_adding_a_language_prepare_no_fonts(project_copy, tmp_path):
    """Editing a kit's YAML needs no fonts: with an empty font cache, neither command fills it."""
    cache = tmp_path / "cache"
    environment = {**os.environ, "HANDOUTS_CACHE": str(cache)}
    for command in (["verify", "detainee_locator", "--on", "2026-12-01"], ["i18n", "add", "uk"]):
        result = subprocess.run([sys.executable, "-m", "handouts", *command, "--kit", str(project_copy)],
                                capture_output=True, text=True, env=environment, timeout=120)
        assert result.returncode == 0, result.stderr
    assert "verified_on: 2026-12-01" in (project_copy / "content" / "directory.yml").read_text(encoding="utf-8")
    assert (project_copy / "content" / "translations" / "uk.po").is_file()
    assert not cache.exists() or not any(cache.rglob("*.ttf"))
