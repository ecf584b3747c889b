"""A rule change in the pamphlet builds in every language and product: untranslated text wraps, and each
product says only what of it is untranslated."""

import json
import shutil

import pytest

from handouts.commands.build import BuildRequest, build
from handouts.cli import main
from conftest import LANGUAGES, TRANSLATED_LANGUAGES, translations_of, update_catalogs_of
from conftest import Pdf, copy_project

# Every language built after a rule change; its module-wide fixture made once, in one process of a
# side-by-side run.
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("rule-change")]

HEADING = "What is asylum, and who may ask for it at a port of entry on the U.S.-Mexico border today?"
PARAGRAPH = ("A court blocked the one-year deadline on August 29, 2025; until the appeal is decided, a late "
             "application may still be accepted, and a lawyer can tell you whether yours would be.")


@pytest.fixture(scope="module")
def rule_changed(built, tmp_path_factory):
    """The editor's loop on a kit already built: change a pamphlet heading, and a paragraph whose rule a court
    blocked (its status, in effect before, now blocked by a court), update the catalogs, build again."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    shutil.copytree(built, project / "output")
    handout = project / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    text = text.replace("    heading: What is asylum?", f"    heading: '{HEADING}'")
    start = text.index("      one_year: >-")
    end = text.index("\n\n", start)
    text = text[:start] + (f"      one_year:\n        text: '{PARAGRAPH}'\n        status: blocked by a court\n"
                           "        since: 2025-08-29\n        as_of: 2025-09-01\n        source: seed") + text[end:]
    handout.write_text(text, encoding="utf-8")
    update_catalogs_of(project, TRANSLATED_LANGUAGES)
    output = project / "output"
    result = build(BuildRequest(project_dir=project, output_dir=output, products=("pamphlet", "card"),
                                papers=("letter",)))
    # What prints the two strings is made again, in every language; the card, which does not, is not.
    assert {path.name for path in result.written} == {"know-your-rights-pamphlet-letter.pdf"}
    assert {path.parent.name for path in result.written} == set(LANGUAGES)
    return output


def test_every_language_is_built_and_what_was_left_is_marked_out_of_date(rule_changed):
    listed = {entry["path"]: entry["current"]
              for entry in json.loads((rule_changed / "manifest.json").read_text(encoding="utf-8"))["files"]}
    for code in LANGUAGES:
        for name in ("pamphlet-letter.pdf", "card.pdf"):
            assert listed[f"{code}/know-your-rights-{name}"] is True, f"{code}/{name}"
        # The A4 pamphlet and the booklets print the changed heading; this build did not make them again, and
        # says so.
        for name in ("pamphlet-a4.pdf", "booklet-letter.pdf", "booklet-a4.pdf"):
            assert listed[f"{code}/know-your-rights-{name}"] is False, f"{code}/{name}"


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_no_card_says_it_is_untranslated_but_the_pamphlet_does(rule_changed, language):
    card = Pdf(rule_changed / language / "know-your-rights-card.pdf")
    assert "Not yet translated" not in card.words
    assert "[EN]" not in card.words and "]EN[" not in card.words
    pamphlet = Pdf(rule_changed / language / "know-your-rights-pamphlet-letter.pdf")
    assert "Not yet translated: shown in English." in pamphlet.words
    assert "August 29, 2025;" in pamphlet.words


# Languages whose printed text a PDF reader gives back letter for letter: a Gurmukhi vowel sign comes back
# before or after its consonant, and right-to-left runs in visual order.
TEXT_READS_BACK_EXACTLY = ("es", "fr", "ht", "pt-BR", "ru", "tr")


def test_a_rule_blocked_by_a_court_prints_its_status_in_every_language(rule_changed, capsys):
    project = rule_changed.parent
    for code in LANGUAGES:
        words = Pdf(rule_changed / code / "know-your-rights-pamphlet-letter.pdf").words
        if code == "en":
            assert "Blocked by a court on August 29, 2025. This may change: ask a lawyer." in words
            continue
        # The changed sentence in English, marked, until translated; under it, its status in the language,
        # dated as the language writes dates (the status label is translated already).
        assert "[EN] A court blocked the one-year deadline" in words.replace("]EN[", "[EN]").replace("\u200e", ""), \
            code
        assert "Blocked by a court" not in words and "29" in words, code
        if code in TEXT_READS_BACK_EXACTLY:
            label = translations_of(project, (code,))[code].strings["labels:status_blocked"]
            longest = max((part.strip(" .,:") for part in label.split("{date}")), key=len)
            assert longest in words, (code, longest)
    # The editor is told what is left: the string to translate, and the outputs the build did not make again.
    main(["status", "--kit", str(project), "--keys"])
    out = capsys.readouterr().out
    assert "handout:sections.asylum.body.one_year.text: missing in every language" in out
    out_of_date = next(line for line in out.splitlines() if line.startswith("Out of date: "))
    listed = out_of_date[out_of_date.index("(") + 1:out_of_date.index(")")].split(", ")
    # The booklets print the changed heading too, and were not made again: every language has some.
    assert {entry.split(" ")[0] for entry in listed} >= set(LANGUAGES), out_of_date
