"""A rule change in the pamphlet builds in every language and product: untranslated text wraps, and each
product says only what of it is untranslated."""

import json
import shutil

import pytest

from handouts.commands.build import BuildRequest, build
from conftest import LANGUAGES, TRANSLATED_LANGUAGES, update_catalogs_of
from conftest import Pdf, copy_project

# Every language built after a rule change; its module-wide fixture made once, in one process of a
# side-by-side run.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("rule-change")]

HEADING = "What is asylum, and who may ask for it at a port of entry on the U.S.-Mexico border today?"
PARAGRAPH = ("The CBP One app stopped scheduling appointments on January 20, 2025; appointments made before "
             "then were cancelled, and no new appointments can be made with the app.")


@pytest.fixture(scope="module")
def rule_changed(built, tmp_path_factory):
    """The editor's loop on a kit already built: change a pamphlet heading and paragraph, update the catalogs,
    build again."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    shutil.copytree(built, project / "output")
    handout = project / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    text = text.replace("    heading: What is asylum?", f"    heading: '{HEADING}'")
    start = text.index("      one_year: >-")
    end = text.index("\n\n", start)
    text = text[:start] + f"      one_year: '{PARAGRAPH}'" + text[end:]
    handout.write_text(text, encoding="utf-8")
    update_catalogs_of(project, TRANSLATED_LANGUAGES)
    output = project / "output"
    result = build(BuildRequest(project_dir=project, output_dir=output, products=("pamphlet", "card")))
    # What prints the two strings is made again, in every language; the card, which does not, is not.
    assert {path.name for path in result.written} == {"know-your-rights-pamphlet-letter.pdf",
                                                      "know-your-rights-pamphlet-a4.pdf"}
    assert {path.parent.name for path in result.written} == set(LANGUAGES)
    return output


def test_every_language_is_built_and_what_was_left_is_marked_out_of_date(rule_changed):
    listed = {entry["path"]: entry["current"]
              for entry in json.loads((rule_changed / "manifest.json").read_text(encoding="utf-8"))["files"]}
    for code in LANGUAGES:
        for name in ("pamphlet-letter.pdf", "pamphlet-a4.pdf", "card.pdf"):
            assert listed[f"{code}/know-your-rights-{name}"] is True, f"{code}/{name}"
        # The booklet prints the changed heading; this build did not make it again, and says so.
        for name in ("booklet-letter.pdf", "booklet-a4.pdf"):
            assert listed[f"{code}/know-your-rights-{name}"] is False, f"{code}/{name}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_no_card_says_it_is_untranslated_but_the_pamphlet_does(rule_changed, language):
    card = Pdf(rule_changed / language / "know-your-rights-card.pdf")
    assert "Not yet translated" not in card.words
    assert "[EN]" not in card.words and "]EN[" not in card.words
    pamphlet = Pdf(rule_changed / language / "know-your-rights-pamphlet-a4.pdf")
    assert "Not yet translated: shown in English." in pamphlet.words
    assert "January 20, 2025;" in pamphlet.words
