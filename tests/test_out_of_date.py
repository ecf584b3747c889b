"""After an edit, outputs of languages not rebuilt are marked out of date everywhere a person looks, until rebuilt."""

import contextlib
import io
import json

from handouts.cli import main
from handouts.commands.build import BuildRequest, build

LANGUAGES = ("en", "es", "fr")


def manifest(output):
    return {entry["path"]: entry for entry in json.loads((output / "manifest.json").read_text())["files"]}


def status(project):
    """What `handouts status` prints, run in this process."""
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        main(["status", "--project", str(project)])
    return out.getvalue()


def test_outputs_not_rebuilt_after_an_edit_are_marked_out_of_date(project_copy):
    output = project_copy / "output"
    build(BuildRequest(project_dir=project_copy, output_dir=output, languages=LANGUAGES, products=("card",)))
    assert all(entry["current"] for entry in manifest(output).values())
    assert "Out of date" not in (output / "index.html").read_text()
    assert "Out of date" not in status(project_copy)

    card = project_copy / "content" / "card.yml"
    card.write_text(card.read_text().replace("Scan for help", "Scan for free help"))
    result = build(BuildRequest(project_dir=project_copy, output_dir=output, languages=("es",), products=("card",)))
    assert result.out_of_date == {"en": 1, "fr": 1}

    entries = manifest(output)
    assert entries["es/know-your-rights-card.pdf"]["current"] is True
    assert entries["en/know-your-rights-card.pdf"]["current"] is False and entries["fr/know-your-rights-card.pdf"]["current"] is False
    assert entries["en/know-your-rights-card.pdf"]["inputs"] != entries["es/know-your-rights-card.pdf"]["inputs"]
    page = (output / "index.html").read_text()
    for code in ("en", "fr"):
        section = page[page.index(f'<section id="{code}"'):]
        section = section[:section.index("</section>")]
        assert "<strong>Out of date</strong>: 1 of these 1 files" in section
        assert f"handouts build --languages {code}" in section
    spanish = page[page.index('<section id="es"'):]
    assert "Out of date" not in spanish[:spanish.index("</section>")]
    assert ("Out of date: 2 files of 2 languages in " in status(project_copy)
            and "(en 1, fr 1)" in status(project_copy))

    build(BuildRequest(project_dir=project_copy, output_dir=output, languages=LANGUAGES, products=("card",)))
    assert all(entry["current"] for entry in manifest(output).values())
    assert "Out of date" not in (output / "index.html").read_text()
    assert "Out of date" not in status(project_copy)


def test_a_catalog_edit_marks_its_language_even_when_nothing_else_is_built(project_copy):
    output = project_copy / "output"
    build(BuildRequest(project_dir=project_copy, output_dir=output, languages=("en", "fr"), products=("card",)))
    catalog = project_copy / "content" / "translations" / "fr.po"
    catalog.write_text(catalog.read_text().replace('msgstr "Connaître vos droits"', 'msgstr "Vos droits"'))
    result = build(BuildRequest(project_dir=project_copy, output_dir=output, languages=("en",), products=("card",)))
    assert not result.written and result.out_of_date == {"fr": 1}
    assert manifest(output)["fr/know-your-rights-card.pdf"]["current"] is False
