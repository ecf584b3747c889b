"""Hand-offs to other people hold on first use: catalogs every translation tool opens and sends back, a new
language that always builds, messages in plain words said once, the preview checking what the build checks,
and the drafts corrected after a bilingual review."""

from __future__ import annotations

import datetime
import json
import re
import subprocess
from pathlib import Path

import polib
import pytest
from translate.storage import po as translate_po

from conftest import CATALOG_STRINGS, PROJECT, TRANSLATED_LANGUAGES, Pdf, copy_project, output_paths_of
from handouts.cli import main, out_of_date_summary
from handouts.commands.build import BuildRequest, build
from handouts.kit import load_kit
from handouts.preview.previewer import Previewer, View

# Its module-wide fixture is made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("handoffs")

DEFINITION = "handout:sections.asylum.body.definition"
OLD_DEFINITION = ("Asylum is a form of protection that allows you to stay in the USA if you have been persecuted or "
                  "fear persecution in your home country because of your race, religion, nationality, membership in "
                  "a particular social group, or political opinion.")
ADDED = " You must ask for it yourself: no officer asks you whether you want it."
SPANISH = ("El asilo es una forma de protección que le permite quedarse en EE. UU. si ha sufrido persecución o teme "
           "sufrir persecución en su país de origen por motivos de raza, religión, nacionalidad, pertenencia a "
           "determinado grupo social u opinión política. Debe pedirlo usted: ningún agente le pregunta si lo quiere.")


def run(capsys, *arguments: str) -> tuple[int, str, str]:
    """A command run in this process, as typed: (exit code, what it printed, what it warned)."""
    code = main(list(arguments))
    printed = capsys.readouterr()
    assert "Traceback" not in printed.err and "internal error" not in printed.err, printed.err
    return code, printed.out, printed.err


def msgfmt_check(path: Path) -> str:
    """What GNU gettext's strictest check says of a catalog: nothing, for a good one."""
    result = subprocess.run(["msgfmt", "--check-format", "--check-header", "-o", "/dev/null", str(path)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    return result.stderr


def entry(path: Path, key: str) -> polib.POEntry:
    return next(found for found in polib.pofile(str(path)) if found.msgctxt == key)


# 1. A long English change: every catalog opens in msgfmt, polib and translate-toolkit, keeps the old English
# whole, and a translation made with them comes back into print.

def test_a_catalog_goes_to_the_translation_tools_and_comes_back_into_print(project_copy, capsys):
    handout = project_copy / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    handout.write_text(text.replace("        or political opinion.\n",
                                    f"        or political opinion.{ADDED}\n", 1), encoding="utf-8")
    catalogs = project_copy / "content" / "translations"
    for _ in range(2):  # a second update must keep the old English whole too
        assert run(capsys, "i18n", "update", "--kit", str(project_copy))[0] == 0
        for language in TRANSLATED_LANGUAGES:
            path = catalogs / f"{language}.po"
            assert msgfmt_check(path) == "", language
            changed = entry(path, DEFINITION)
            assert "fuzzy" in changed.flags and changed.msgid == OLD_DEFINITION + ADDED
            assert changed.previous_msgid == OLD_DEFINITION, language
            store = translate_po.pofile.parsefile(str(path))
            [unit] = [unit for unit in store.units if unit.getcontext() == DEFINITION]
            assert unit.isfuzzy() and unit.source == OLD_DEFINITION + ADDED
    # The translator's tool (polib, as Poedit writes) sends the Spanish back, no longer fuzzy.
    spanish = polib.pofile(str(catalogs / "es.po"))
    translated = next(found for found in spanish if found.msgctxt == DEFINITION)
    translated.msgstr, translated.flags, translated.previous_msgid = SPANISH, [], None
    spanish.save()
    assert msgfmt_check(catalogs / "es.po") == ""
    output = project_copy / "output"
    build(BuildRequest(project_copy, output, languages=("es",), products=("pamphlet",), papers=("letter",)))
    words = Pdf(output / "es" / "know-your-rights-pamphlet-letter.pdf").words
    assert SPANISH in words and "[EN] Asylum is a form" not in words


# 2, 3, 4, 6. A language just added: a catalog every tool reads, counted truly, built whole, said once.

@pytest.fixture(scope="module")
def hindi(tmp_path_factory):
    """A kit that added Hindi and Mam, and built English only (its tests leave it as they find it)."""
    kit = copy_project(tmp_path_factory.mktemp("kit"))
    for arguments in (("i18n", "add", "hi"), ("i18n", "add", "mam", "--name", "Mam", "--own-name", "Mam",
                                              "--script", "Latn", "--source", "ISO 639-3 code mam (iso639-3.sil.org)")):
        code = main([*arguments, "--kit", str(kit)])
        assert code == 0
    build(BuildRequest(kit, kit / "output", languages=("en",), products=("card",)))
    return kit


def test_a_new_catalog_names_its_language_and_the_day_it_was_made(hindi, capsys):
    for code in ("hi", "mam"):
        path = hindi / "content" / "translations" / f"{code}.po"
        assert msgfmt_check(path) == ""
        catalog = polib.pofile(str(path))
        assert catalog.metadata["Language"] == code
        assert catalog.metadata["PO-Revision-Date"].startswith(datetime.date.today().isoformat())
    _, printed, _ = run(capsys, "status", "--kit", str(hindi), "--json")
    statuses = {status["language"]: status for status in json.loads(printed)}
    assert statuses["mam"]["last_change"].startswith(datetime.date.today().isoformat())
    assert (statuses["hi"]["translated"], statuses["hi"]["missing"]) == (0, CATALOG_STRINGS)


def test_update_counts_what_is_translated_and_what_is_not(hindi, capsys):
    _, printed, _ = run(capsys, "i18n", "update", "--kit", str(hindi), "--languages", "hi,es")
    assert f"hi       0 translated, 0 fuzzy, {CATALOG_STRINGS} untranslated, 0 new, 0 obsolete" in printed
    assert f"es       {CATALOG_STRINGS} translated, 0 fuzzy, 0 untranslated" in printed
    assert "kept" not in printed


def test_a_language_not_built_yet_is_named_by_status_and_the_index_page(hindi, capsys):
    _, printed, _ = run(capsys, "status", "--kit", str(hindi))
    [line] = [line for line in printed.splitlines() if line.startswith("Not built yet:")]
    assert "hi" in line.split(":", 1)[1].split(".")[0].replace(",", " ").split()
    page = (hindi / "output" / "index.html").read_text(encoding="utf-8")
    hindi_section = page[page.index('id="hi"'):]
    assert "Not built yet" in hindi_section[:2000]


def test_a_language_just_added_builds_every_product_with_each_notice_once(hindi, tmp_path, capsys):
    output = tmp_path / "output"
    code, _, warned = run(capsys, "build", "--kit", str(hindi), "--output", str(output), "--languages", "hi")
    assert code == 0, warned
    for path in output_paths_of(["hi"], kit=load_kit(hindi)):
        assert list(output.glob(path)), path
    card = Pdf(output / "hi" / "know-your-rights-card.pdf")
    for page in card.pages:
        assert page.words.count("Not yet translated: shown in English.") <= 1
        assert page.words.count("Draft translation, not yet reviewed.") <= 1
    everything = card.words
    assert everything.count("Not yet translated: shown in English.") == 1
    # The date line of an untranslated card is English through and through.
    assert "Information as of March 18, 2024" in everything
    poster = Pdf(output / "hi" / "help-lines-poster-letter.pdf").words
    assert "[EN] Source: “Seeking asylum" in poster and "[EN] Source: [EN]" not in poster
    # Said once for the language: how many strings are not translated, never one line for each.
    [hindi_line] = [line for line in warned.splitlines() if "Hindi (hi)" in line]
    assert f"{CATALOG_STRINGS} strings never translated" in hindi_line


def test_warnings_tell_fuzzy_from_untranslated_each_language_apart(project_copy, capsys):
    card = project_copy / "content" / "card.yml"
    card.write_text(card.read_text(encoding="utf-8").replace(
        "a phone call to your family.", "a free phone call to your family.", 1), encoding="utf-8")
    assert run(capsys, "i18n", "add", "hi", "--kit", str(project_copy))[0] == 0
    assert run(capsys, "i18n", "update", "--kit", str(project_copy), "--languages", "es")[0] == 0
    _, _, warned = run(capsys, "build", "--kit", str(project_copy), "--languages", "es,hi", "--products", "card")
    [spanish] = [line for line in warned.splitlines() if "Spanish (es)" in line]
    assert "1 string changed in English since translated (fuzzy) (card:front.rights.call)" in spanish
    assert "never translated" not in spanish
    [hindi_line] = [line for line in warned.splitlines() if "Hindi (hi)" in line]
    assert f"{CATALOG_STRINGS} strings never translated" in hindi_line


def test_a_release_says_each_problem_once_and_verbose_names_every_string(hindi, capsys):
    arguments = ("build", "--kit", str(hindi), "--languages", "hi,mam", "--products", "card", "--release")
    code, _, refused = run(capsys, *arguments)
    assert code == 1
    lines = refused.splitlines()
    # Each problem one line (three untranslated languages once took 392 lines, one for each string).
    assert len(lines) < 20 and len(set(lines)) == len(lines), refused
    assert sum(f"hi.po: [hi]: not ready for release: not translated ({CATALOG_STRINGS} strings" in line for line in lines) == 1
    # Each unconfirmed help line once, for both languages.
    unverified = [line for line in lines if "[hi, mam]: not ready for release: uses an unverified directory entry" in line]
    for code in ("9233#", "9116#", "699#", "#566"):
        assert sum(f"({code})" in line for line in unverified) == 1, code
    _, _, every = run(capsys, *arguments, "--verbose")
    assert sum("card:front.title" in line for line in every.splitlines()) == 2  # once for each language


# 5. K'iche': CLDR's name and months are written with U+02BC, which the fonts keep.

def test_kiche_prints_its_name_and_months_with_their_modifier_letter(project_copy, tmp_path, capsys):
    assert run(capsys, "i18n", "add", "quc", "--kit", str(project_copy))[0] == 0
    catalog = project_copy / "content" / "translations" / "quc.po"
    labels = polib.pofile(str(catalog))
    next(found for found in labels if found.msgctxt == "labels:information_as_of").msgstr = "{date}"
    labels.save()
    output = tmp_path / "output"
    code, _, warned = run(capsys, "build", "--kit", str(project_copy), "--output", str(output), "--languages",
                          "quc", "--products", "poster", "--papers", "letter")
    assert code == 0, warned
    words = Pdf(output / "quc" / "help-lines-poster-letter.pdf").words
    assert "k\u02bciche\u02bc" in words.lower() and "2024 Urox ik\u02bc 18" in words


# 7. The preview checks every product of what it shows, as the build does.

def test_the_preview_warns_of_a_product_it_does_not_show(project_copy):
    # Twenty-six phone numbers: the wallet card holds them; the smaller print-shop card does not.
    contact = " ".join(f"Office {number}: 915-555-01{number:02d}." for number in range(26))
    kit_file = project_copy / "handouts.yml"
    kit_file.write_text(kit_file.read_text(encoding="utf-8").replace(
        "contact: 'Contact: replace this line in handouts.yml'", f"contact: '{contact}'"), encoding="utf-8")
    previewer = Previewer(project_copy)
    view = View("know-your-rights", "en", "card")
    assert previewer.make(view).problems == ()
    others = previewer.check_others(view)
    assert "Print-shop card sheet" in others.checked
    assert any("organization.contact" in str(problem) for problem in others.problems), others.problems


# 8. The refresh command names only languages; a kit starts with some languages and drops one.

def test_the_refresh_command_never_names_a_shared_folder():
    assert out_of_date_summary({"languages": 8, "ht": 2}, Path("output")).endswith("Refresh them with: handouts build")
    assert out_of_date_summary({"mixed": 2}, Path("output")).endswith("Refresh them with: handouts build")
    assert out_of_date_summary({"es": 3, "ht": 2}, Path("output")).endswith(
        "Refresh them with: handouts build --languages es,ht")


def test_a_kit_starts_with_some_languages_and_drops_one(tmp_path, capsys):
    kit = tmp_path / "el-paso"
    assert run(capsys, "new", str(kit), "--languages", "es,ht,pt-BR")[0] == 0
    assert list(load_kit(kit).languages) == ["en", "es", "ht", "pt-BR"]
    assert sorted(path.name for path in (kit / "content" / "translations").glob("*.po")) == [
        "es.po", "ht.po", "pt-BR.po"]
    code, printed, _ = run(capsys, "i18n", "remove", "ht", "--kit", str(kit))
    assert code == 0 and "Removed Haitian Creole (ht)" in printed
    assert list(load_kit(kit).languages) == ["en", "es", "pt-BR"]
    assert not (kit / "content" / "translations" / "ht.po").exists()
    assert run(capsys, "build", "--kit", str(kit), "--products", "card")[0] == 0


# 12. Messages in plain words; every command says what it does.

def test_a_yaml_mistake_is_told_in_plain_words(project_copy, capsys):
    card = project_copy / "content" / "card.yml"
    card.write_text(card.read_text(encoding="utf-8").replace("  title: Know your rights",
                                                             "  title: Know: your rights", 1), encoding="utf-8")
    code, _, refused = run(capsys, "build", "--kit", str(project_copy), "--languages", "en", "--products", "card")
    assert code == 1
    assert "content/card.yml:10:14: [en]: YAML syntax error: a colon (:) where YAML takes none" in refused
    assert "Put the text in quotes" in refused


def test_every_command_explains_itself(capsys):
    import argparse
    from handouts.cli import parser

    code, _, said = run(capsys, "i18n")
    assert code == 2 and all(word in said for word in ("update", "add", "remove", "say what to do"))

    def commands(command: argparse.ArgumentParser, name: str):
        yield name, command
        for action in command._actions:
            if isinstance(action, argparse._SubParsersAction):
                for sub_name, sub in action.choices.items():
                    yield from commands(sub, f"{name} {sub_name}")
    for name, command in commands(parser(), "handouts"):
        for action in command._actions:
            if not isinstance(action, (argparse._HelpAction, argparse._SubParsersAction)):
                assert action.help, f"{name} {'/'.join(action.option_strings) or action.dest} has no help"
    with pytest.raises(SystemExit):
        main(["--help"])
    assert "docs/" in capsys.readouterr().out


# 16. The drafts, corrected after a bilingual review (still drafts).

def _translations(language: str) -> dict[str, str]:
    path = PROJECT / "content" / "translations" / f"{language}.po"
    return {found.msgctxt: found.msgstr for found in polib.pofile(str(path))}


def test_the_reviewed_corrections_are_in_the_catalogs():
    # The first «обоснованный страх» a reader meets (the subtitle, on the cover) names it in English too.
    russian = _translations("ru")
    assert "обоснованный страх (credible fear)" in russian["handout:subtitle"]
    assert "ኣለኩም ድዩ የብልኩምን" in _translations("ti")[
        "handout:sections.process.body.steps.steps.expedited_removal.body.right_to_interview.important"]
    for key, text in _translations("fa-AF").items():
        assert not re.search(r"\S (ها|های|هایی|هایش)(?=[\s.،,:)]|$)", text), (key, text)
    creole = _translations("ht")
    assert not any(re.search(r"(^|\. )Ou pa ka mande azil\.", text) for text in creole.values())
    assert not any("geldiği ülke" in text for text in _translations("tr").values())
    for language in ("ru", "ti", "fa-AF", "ht", "tr"):
        header = (PROJECT / "content" / "translations" / f"{language}.po").read_text(encoding="utf-8")[:600]
        assert "# Status: draft" in header
