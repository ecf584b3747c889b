"""The large-print pamphlet: 18 pt and up, headings larger, one column, numbered lists, no italics, the same
checks as the pamphlet (nothing printed over anything, codes in their order), in every language."""

import subprocess

import pytest

from conftest import LANGUAGES, POINTS_PER_MM, Pdf

LARGE_PRINT_PT = 18  # the American Printing House for the Blind: large print is 18 pt and over


# Every script of the kit once (Latin, Cyrillic, Arabic, Han, Gurmukhi, Ethiopic), read letter by letter;
# the other languages share their layout and their fonts.
EVERY_SCRIPT = ("en", "ru", "ar", "zh-Hans", "pa", "ti")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_letter_is_large_print_and_nothing_overprints(built, language):
    pdf = Pdf(built / language / "know-your-rights-large-print-letter.pdf")
    assert len(pdf.pages) >= 10
    for number, page in enumerate(pdf.pages, start=1):
        assert (page.width_mm, page.height_mm) == pytest.approx((215.9, 279.4), abs=0.2)
        if language in EVERY_SCRIPT:
            sizes = page.font_sizes()
            assert sizes and min(sizes) >= LARGE_PRINT_PT - 0.01, (number, min(sizes))
            assert page.overprinted_lines() == [], number
    # Every help line's code, whole and as written, in the order of the directory.
    words = pdf.words
    positions = [words.find(code) for code in ("9233#", "9116#", "699#", "#566")]
    assert -1 not in positions and positions == sorted(positions), positions
    # A4 carries the same pages, laid out once for both papers (layout/documents.py), on its own size.
    a4 = Pdf(built / language / "know-your-rights-large-print-a4.pdf")
    assert len(a4.pages) == len(pdf.pages)
    assert all((page.width_mm, page.height_mm) == pytest.approx((210.0, 297.0), abs=0.2) for page in a4.pages)
    assert a4.words == words


def test_headings_are_larger_than_the_text_and_lists_are_numbered(built):
    pdf = Pdf(built / "en" / "know-your-rights-large-print-letter.pdf")
    # (A line's characters as drawn: no spaces.)
    heading = next(line for page in pdf.pages for line in page.lines() if line.text == "Whatisasylum?")
    body = next(line for page in pdf.pages for line in page.lines() if line.text.startswith("Asylumisaform"))
    assert heading.size_pt >= 24 and body.size_pt == pytest.approx(LARGE_PRINT_PT, abs=0.01)
    # A list's items are numbered, not bulleted: each line as drawn, its number first.
    drawn = [line.text for page in pdf.pages for line in page.lines()]
    first = drawn.index("1.Notbeabletoaskforasylum.")
    assert drawn[first + 1].startswith("2.BeremovedfromtheU.S.")
    assert not any("•" in line for line in drawn)


@pytest.mark.parametrize("language", ["en", "ar", "ti"])
def test_no_italic_face_and_one_column(built, language):
    path = built / language / "know-your-rights-large-print-a4.pdf"
    fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True).stdout
    assert "Italic" not in fonts and "Oblique" not in fonts, fonts
    pdf = Pdf(path)
    # One column: no two lines of text side by side on the same baseline, across the page's middle.
    for page in pdf.pages:
        by_baseline = {}
        # The text of the page, above its footer (the organization and the page number share a line).
        for line in (line for line in page.lines() if line.baseline_mm < page.height_mm - 26):
            by_baseline.setdefault(round(line.baseline_mm), []).append(line)
        for lines in by_baseline.values():
            lines.sort(key=lambda line: line.left_mm)
            for left, right in zip(lines, lines[1:]):
                # A step's number beside its title, or a code beside its help line, is one row, not a column.
                gap = right.left_mm - left.right_mm
                assert gap < 60 or left.right_mm < 40, (left.text, right.text)


def test_the_codes_print_larger_than_the_text(built):
    pdf = Pdf(built / "ar" / "know-your-rights-large-print-letter.pdf")
    code = next(line for page in pdf.pages for line in page.lines() if line.text.strip() == "9233#")
    assert code.size_pt >= 28
    assert code.size_pt / POINTS_PER_MM > 9  # about a centimetre tall, to copy by hand
