"""The checks that stop a build before it prints something broken: glyphs, fit, placeholders."""

import io
import subprocess
import sys

import pytest
from babel.messages.pofile import read_po, write_po

from conftest import update_catalogs_of
from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError, RenderError


def set_translation(project, language, msgctxt, text):
    path = project / "content" / "translations" / f"{language}.po"
    catalog = read_po(io.BytesIO(path.read_bytes()))
    message = next(m for m in catalog if m.context == msgctxt)
    message.string = text
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0)
    path.write_bytes(buffer.getvalue())


def build_one(project, language, products=("card",)):
    return build(BuildRequest(project_dir=project, output_dir=project / "output",
                              languages=(language,), products=products, papers=("a4",)))


def test_a_character_no_shipped_font_has_stops_the_build(project_copy):
    # U+16A0 RUNIC LETTER FEHU: no shipped font draws Runic.
    set_translation(project_copy, "ti", "card:front.subtitle", "ᚠ እንተ ተኣሲርኩም")
    with pytest.raises(ContentError) as caught:
        build_one(project_copy, "ti")
    assert [str(problem) for problem in caught.value.problems] == [
        "content/translations/ti.po:27: card:front.subtitle [ti]: U+16A0 'ᚠ' (RUNIC LETTER FEHU FEOH FE F) "
        "is in no font that prints it (Noto Sans Ethiopic, Noto Sans). Remove or replace the character, or add a font "
        "that has it to the kit's fonts/ folder (for the tool's Chinese: make han-font)."]
    assert not (project_copy / "output").exists()


def test_a_han_character_outside_the_subset_is_named(project_copy):
    set_translation(project_copy, "zh-Hans", "card:front.title", "了解您的权利龘")
    with pytest.raises(ContentError) as caught:
        build_one(project_copy, "zh-Hans")
    assert "card:front.title [zh-Hans]: U+9F98 '龘'" in str(caught.value)


def test_a_translation_too_long_for_the_card_names_language_and_string(project_copy):
    long_right = "Você tem o direito de permanecer em silêncio durante todo o tempo. " * 3
    set_translation(project_copy, "pt-BR", "card:front.rights.silent", long_right.strip())
    with pytest.raises(RenderError) as caught:
        build_one(project_copy, "pt-BR")
    message = str(caught.value)
    assert message.startswith("content/translations/pt-BR.po:")
    assert "runs past the edge of the card, even at the smallest legible size (6.5 pt), in pt-BR/know-your-rights-card.pdf." in message
    # The card's text runs off together: one problem, naming the strings, each once.
    assert len(caught.value.problems) == 1
    assert message.count("card:front.rights.silent") == 1
    assert not (project_copy / "output").exists()


def test_a_translation_that_drops_a_placeholder_is_refused(project_copy):
    set_translation(project_copy, "es", "labels:information_as_of", "Información actualizada")
    with pytest.raises(ContentError) as caught:
        build_one(project_copy, "es")
    problem = str(caught.value)
    assert problem.startswith("content/translations/es.po:")
    assert "labels:information_as_of [es]: the placeholders differ from the English: expected {date}, found none." in problem


def test_a_broken_po_file_is_named_with_its_line(project_copy):
    path = project_copy / "content" / "translations" / "fr.po"
    lines = path.read_text(encoding="utf-8").splitlines()
    broken = next(i for i, line in enumerate(lines) if line.startswith("msgstr") and i > 20)
    lines[broken] = 'msgstr "Connaître vos droits'  # no closing quote
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build_one(project_copy, "fr")
    assert str(caught.value).startswith("content/translations/fr.po:")
    assert "PO syntax error" in str(caught.value)


def test_catalog_update_changes_nothing_when_the_english_is_unchanged(project_copy):
    translations = project_copy / "content" / "translations"
    before = {path.name: path.read_bytes() for path in translations.iterdir()}
    update_catalogs_of(project_copy, ("es", "fa-AF", "zh-Hans"))
    assert {path.name: path.read_bytes() for path in translations.iterdir()} == before


def test_a_character_no_font_has_is_reported_once_with_every_place_and_language(project_copy):
    settings = project_copy / "handouts.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "name: Sample Organization", "name: Sample Organization 🙂"), encoding="utf-8")
    with pytest.raises(ContentError) as caught:
        build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output",
                           languages=("en", "es", "ar"), products=("card",)))
    problems = caught.value.problems
    assert len(problems) == 1
    problem = str(problems[0])
    assert problem.startswith("handouts.yml:10: handouts:organization.name [en, es, ar]: U+1F642")
    # Every other place it prints (each edition's "Printed by" line) is named in the same problem.
    line = {code: entry_line(project_copy / "content" / "translations" / f"{code}.po", "labels:printed_by")
            for code in ("es", "ar")}
    assert (f"Also printed at: content/labels.yml:8 labels:printed_by [en]; content/translations/es.po:{line['es']} "
            f"labels:printed_by [es]; content/translations/ar.po:{line['ar']} labels:printed_by [ar].") in problem


def entry_line(catalog, msgctxt: str) -> int:
    """The line of a catalog where the entry of `msgctxt` gives its English (its msgid)."""
    lines = catalog.read_text(encoding="utf-8").splitlines()
    start = lines.index(f'msgctxt "{msgctxt}"')
    return next(number for number, text in enumerate(lines[start:], start=start + 1) if text.startswith("msgid"))


def test_an_edition_that_does_not_fit_stops_only_itself(project_copy):
    long_right = "Você tem o direito de permanecer em silêncio durante todo o tempo. " * 3
    set_translation(project_copy, "pt-BR", "card:front.rights.silent", long_right.strip())
    output = project_copy / "output"
    result = build(BuildRequest(project_dir=project_copy, output_dir=output, languages=("es", "pt-BR"),
                                products=("card", "pamphlet"), papers=("a4",)))
    assert sorted(path.relative_to(output).as_posix() for path in result.written) == [
        "es/know-your-rights-card.pdf", "es/know-your-rights-pamphlet-a4.pdf"]
    assert not (output / "pt-BR").exists()
    assert [problem.language for problem in result.not_built] == ["pt-BR"]
    assert "card:front.rights.silent" in str(result.not_built[0])
    command = subprocess.run([sys.executable, "-m", "handouts", "build", "--project", str(project_copy),
                              "--output", str(project_copy / "second"), "--languages", "es,pt-BR",
                              "--products", "card", "--papers", "a4"],
                             capture_output=True, text=True, timeout=300)
    assert command.returncode == 1
    assert "handouts: error: not built: pt-BR (every other edition was written):" in command.stderr
    # Cards come first: the problem is said as soon as the cards are laid out, and again at the end.
    assert command.stderr.count("runs past the edge of the card") == 2
