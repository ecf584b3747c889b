"""No line of text is printed over another, on any page of any product in any language."""

import dataclasses

import pytest

from handouts.commands.build import BuildRequest, plan
from conftest import LANGUAGES
from handouts.render.renderer import Renderer
from conftest import PROJECT, Pdf

PRODUCTS = ("know-your-rights-card.pdf", "know-your-rights-card-sheet-letter.pdf", "know-your-rights-card-sheet-a4.pdf", "know-your-rights-print-sheet-letter.pdf",
            "know-your-rights-print-sheet-a4.pdf", "know-your-rights-pamphlet-a4.pdf", "know-your-rights-booklet-letter.pdf")


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_line_is_printed_over_another(built, language):
    for name in PRODUCTS:
        for number, page in enumerate(Pdf(built / language / name).pages, start=1):
            assert page.overprinted_lines() == [], f"{language}/{name} page {number}"


def test_a_back_whose_lines_collide_is_caught_and_laid_out_compact(tmp_path):
    """The Haitian Creole back in its regular layout: the interpreter request's second line runs into the
    draft notice under it. The renderer sees it, and so does a reader of the PDF; the build prints the
    compact layout instead."""
    planned = plan(BuildRequest(project_dir=PROJECT, output_dir=tmp_path, languages=("ht",), products=("card",)))
    card = planned.jobs[0]
    renderer = Renderer(planned.scope.kit.template_dirs, planned.scope.kit.font_dirs, planned.content_date)
    regular = renderer.render(dataclasses.replace(card, compact=None))  # printed, though it does not fit
    assert [(first[0], second[0]) for first, second in regular.overprinted] == [
        ("card:back.interpreter", "labels:draft_translation")]
    (tmp_path / "regular.pdf").write_bytes(regular.pdf)
    assert Pdf(tmp_path / "regular.pdf").pages[1].overprinted_lines() != []
    compact = renderer.render(card.compact)
    assert compact.fits
