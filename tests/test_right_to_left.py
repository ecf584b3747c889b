"""Right-to-left editions print English runs and codes in their own order, wrapped like any text."""

import pytest

from handouts.commands.build import BuildRequest, build
from conftest import Pdf, copy_project

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("right-to-left")


RIGHT_TO_LEFT = ("ar", "fa-AF", "ps")
LONG_STEP_TITLE = ("The CBP One app stopped scheduling appointments on January 20, 2025, "
                   "and no new appointments can be made with it.")
LONG_HEADING = "What is asylum, and who may ask for it at a port of entry on the U.S.-Mexico border today?"


@pytest.fixture(scope="module")
def rule_change_built(tmp_path_factory):
    """A rule change in the English, not yet translated: a step title and a heading each longer than a line."""
    project = copy_project(tmp_path_factory.mktemp("project"))
    handout = project / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    text = text.replace("title: What CBP decides", f"title: {LONG_STEP_TITLE}")
    text = text.replace("    heading: What is asylum?", f"    heading: '{LONG_HEADING}'")
    handout.write_text(text, encoding="utf-8")
    output = project / "output"
    build(BuildRequest(project_dir=project, output_dir=output, languages=RIGHT_TO_LEFT,
                       products=("pamphlet", "booklet"), papers=("a4",)))
    return output


def without_brackets(text: str) -> str:
    # WeasyPrint gives a bracket drawn in both directions one text mapping, so a
    # copy of "[EN]" can read "]EN[" (a ToUnicode limit); the printed glyphs are right.
    return text.replace("[", "").replace("]", "")


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_an_untranslated_sentence_wraps_in_its_own_order(rule_change_built, language):
    # The booklet was built too, so it fits; its sheets hold two pages side by side,
    # whose lines a reading by baseline would mix, so the pamphlet is read.
    pdf = Pdf(rule_change_built / language / "know-your-rights-pamphlet-a4.pdf")
    # Read in visual order, line by line: each wrapped English line reads left to right.
    runs = without_brackets(" ".join(run for page in pdf.pages for run in page.visual_runs()))
    # Without the step's number, in its disc beside the title's first or last line.
    runs = " ".join(run for run in runs.split() if run != "1")
    assert without_brackets(f"[EN] {LONG_STEP_TITLE}") in runs
    assert without_brackets(f"[EN] {LONG_HEADING}") in runs
    # And it did wrap: no line holds the whole sentence.
    lines = [line for page in pdf.pages for line in page.text.splitlines()]
    assert not any(LONG_STEP_TITLE in line for line in lines)


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_a_name_with_a_comma_keeps_its_order(built, language):
    """«(NTA, Form I-862)» inside right-to-left text reads in its own order, not «(Form I-862 ,NTA)»."""
    pdf = Pdf(built / language / "know-your-rights-pamphlet-letter.pdf")
    runs = without_brackets(" ".join(run for page in pdf.pages for run in page.visual_runs()))
    assert "NTA, Form I-862" in runs.replace("(", "").replace(")", "")
