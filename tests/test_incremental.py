"""Incremental builds: after a change to one input, exactly the outputs made from it are rewritten."""

import dataclasses
import shutil

import pytest

from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError
from handouts.output.build_record import RECORD_FILE
from handouts.outputs import describe
from conftest import PROJECT, Pdf, copy_project, output_paths_of

# Three products are enough to tell what is rebuilt; fewer outputs keep the tests quick.
PRODUCTS_HERE = ("pamphlet", "card", "card-sheet")


# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("incremental")


def state(output):
    """Each PDF's bytes and modification time, to tell what a build rewrote."""
    return {str(path.relative_to(output)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(output.rglob("*.pdf"))}


def rewritten(before, after):
    return sorted(path for path in after if before.get(path) != after[path])


@pytest.fixture(scope="module")
def built_for_the_module(tmp_path_factory):
    """A kit with its own copy of the templates (the tests change them), built once for every test here."""
    project = copy_project(tmp_path_factory.mktemp("kit") / "kit", templates=True)
    request = BuildRequest(project_dir=project, output_dir=project / "output",
                           languages=("en", "es", "ti"), products=PRODUCTS_HERE, papers=("a4",))
    first = build(request)
    assert len(first.written) == 9 and first.up_to_date == 0
    return request


@pytest.fixture
def built_once(built_for_the_module, tmp_path):
    """A copy of that kit and its output folder, for one test to change."""
    project = tmp_path / "kit"
    shutil.copytree(built_for_the_module.project_dir, project, symlinks=True)
    return dataclasses.replace(built_for_the_module, project_dir=project, output_dir=project / "output")


def test_nothing_changed_nothing_rebuilt(built_once):
    before = state(built_once.output_dir)
    result = build(built_once)
    assert result.written == () and result.up_to_date == 9
    assert state(built_once.output_dir) == before


def test_one_spanish_card_string_rebuilds_only_the_spanish_cards(built_once):
    before = state(built_once.output_dir)
    catalog = built_once.project_dir / "content" / "translations" / "es.po"
    # The card's title: the card and its sheet print it, the pamphlet does not.
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Conozca sus derechos"', 'msgstr "Conozca sus derechos."'), encoding="utf-8")
    result = build(built_once)
    assert result.up_to_date == 7
    assert rewritten(before, state(built_once.output_dir)) == [
        "es/know-your-rights-card-sheet-a4.pdf", "es/know-your-rights-card.pdf"]
    assert sorted(str(path.relative_to(built_once.output_dir)) for path in result.written) == [
        "es/know-your-rights-card-sheet-a4.pdf", "es/know-your-rights-card.pdf"]
    assert "Conozca sus derechos." in Pdf(built_once.output_dir / "es" / "know-your-rights-card.pdf").words
    # Made again at once, nothing is left to do: the record follows what each output prints.
    assert build(built_once).written == ()


def test_an_english_pamphlet_sentence_rebuilds_only_the_pamphlets(built_once):
    before = state(built_once.output_dir)
    handout = built_once.project_dir / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    assert "    heading: What is asylum?" in text
    handout.write_text(text.replace("    heading: What is asylum?", "    heading: What is asylum, in short?"),
                       encoding="utf-8")
    result = build(built_once)
    assert rewritten(before, state(built_once.output_dir)) == [
        f"{code}/know-your-rights-pamphlet-a4.pdf" for code in ("en", "es", "ti")]
    assert result.up_to_date == 6
    assert "What is asylum, in short?" in Pdf(built_once.output_dir / "en" / "know-your-rights-pamphlet-a4.pdf").words


def test_a_style_change_rebuilds_every_output_that_uses_it(built_once):
    before = state(built_once.output_dir)
    style = built_once.project_dir / "templates" / "style" / "card.css"
    style.write_text(style.read_text(encoding="utf-8") + "\n.card { color: black; }\n", encoding="utf-8")
    result = build(built_once)
    assert len(result.written) == 6
    # Written again, though a card's bytes may not change: every card file was remade, no pamphlet.
    after = state(built_once.output_dir)
    assert sorted(path for path in after if after[path][1] != before[path][1]) == sorted(
        path for path in after if "-card" in path)


def test_the_settings_are_an_input_of_every_output(built_once):
    settings = built_once.project_dir / "handouts.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "name: Sample Organization", "name: Another Sample"), encoding="utf-8")
    before = state(built_once.output_dir)
    build(built_once)
    assert rewritten(before, state(built_once.output_dir)) == sorted(before)


def test_a_missing_or_edited_output_is_made_again(built_once):
    output = built_once.output_dir
    (output / "ti" / "know-your-rights-card.pdf").unlink()
    (output / "en" / "know-your-rights-pamphlet-a4.pdf").write_bytes(b"not the pamphlet")
    before = state(output)
    result = build(built_once)
    assert sorted(str(path.relative_to(output)) for path in result.written) == ["en/know-your-rights-pamphlet-a4.pdf", "ti/know-your-rights-card.pdf"]
    assert rewritten(before, state(output)) == ["en/know-your-rights-pamphlet-a4.pdf", "ti/know-your-rights-card.pdf"]


def test_force_rebuilds_everything(built_once):
    before = state(built_once.output_dir)
    result = build(built_once, force=True)
    assert len(result.written) == 9
    after = state(built_once.output_dir)
    assert all(after[path][1] != before[path][1] for path in after)
    assert all(after[path][0] == before[path][0] for path in after)  # and the same bytes


def test_a_failed_build_does_not_record_anything(built_once):
    record = (built_once.output_dir / RECORD_FILE).read_bytes()
    catalog = built_once.project_dir / "content" / "translations" / "ti.po"
    text = catalog.read_text(encoding="utf-8")
    # A translation that loses its {date} placeholder: an error.
    broken = "\n".join(line.replace("{date}", "") if line.startswith("msgstr") else line
                       for line in text.splitlines())
    catalog.write_text(broken + "\n", encoding="utf-8")
    with pytest.raises(ContentError):
        build(built_once)
    assert (built_once.output_dir / RECORD_FILE).read_bytes() == record
    catalog.write_text(text, encoding="utf-8")
    assert build(built_once).written == ()  # the earlier outputs still stand


def test_one_process_and_several_make_the_same_bytes(built, tmp_path):
    """The same input gives the same bytes: two languages of two scripts built in one process, and by the
    full build of the kit in several."""
    languages = ("ar", "zh-Hans")
    # Every kind of layout once (the large print and the booklet are the pamphlet's text laid out again).
    products = ("pamphlet", "card", "card-sheet", "print-sheet", "print-card", "poster", "pictures", "message")
    build(BuildRequest(project_dir=PROJECT, output_dir=tmp_path, languages=languages, products=products), jobs=1)
    one = {path.relative_to(tmp_path): path.read_bytes() for path in tmp_path.rglob("*")
           if path.suffix in (".pdf", ".png", ".txt")}
    several = {path.relative_to(built): path.read_bytes() for code in languages for path in (built / code).iterdir()
               if describe(f"{code}/{path.name}") and describe(f"{code}/{path.name}").product in products}
    assert sorted(str(path) for path in one if path.suffix == ".pdf") == sorted(
        path for path in output_paths_of(languages, products=products) if path.endswith(".pdf"))
    assert any(path.suffix == ".png" for path in one) and one == several


def test_forcing_some_languages_keeps_the_record_of_the_others(built_once):
    build(BuildRequest(project_dir=built_once.project_dir, output_dir=built_once.output_dir,
                       languages=("ti",), products=PRODUCTS_HERE, papers=("a4",)), force=True)
    assert build(built_once).written == ()  # en and es are still known to be up to date


def test_pictures_are_rebuilt_with_their_language_and_a_missing_one_is_remade(project_copy):
    request = BuildRequest(project_dir=project_copy, output_dir=project_copy / "output",
                           languages=("en", "es"), products=("pictures",), papers=("a4",))
    build(request)
    output = request.output_dir
    pictures = lambda: {str(path.relative_to(output)): (path.read_bytes(), path.stat().st_mtime_ns)
                        for path in sorted(output.rglob("*.png"))}
    before = pictures()
    assert {"en/know-your-rights-card-front.png", "es/know-your-rights-card-back.png", "es/know-your-rights-pamphlet-page-1.png"} <= set(before)
    catalog = project_copy / "content" / "translations" / "es.po"
    catalog.write_text(catalog.read_text(encoding="utf-8").replace(
        'msgstr "Conozca sus derechos"', 'msgstr "Conozca sus derechos."'), encoding="utf-8")
    build(request)
    after = pictures()
    assert all(path.startswith("es/") for path in rewritten(before, after))
    assert "es/know-your-rights-card-front.png" in rewritten(before, after)
    (output / "en" / "know-your-rights-pamphlet-page-2.png").unlink()
    result = build(request)
    assert "en/know-your-rights-pamphlet-page-2.png" in {str(path.relative_to(output)) for path in result.written}
    assert all(str(path.relative_to(output)).startswith("en/know-your-rights-pamphlet-page-") for path in result.written)
    # The listing follows the files: the manifest names the picture again.
    assert "en/know-your-rights-pamphlet-page-2.png" in (output / "manifest.json").read_text(encoding="utf-8")
