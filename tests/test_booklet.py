"""The fold-and-staple booklet, read from its PDF: sheet size, and pages that read in order once folded."""

import io

import pikepdf
import pypdfium2
import pytest

from handouts.render.impose import impose_booklet
from conftest import PROJECT, translations_of

CATALOGS = translations_of(PROJECT, ("ar",))

LETTER_LANDSCAPE_MM = (279.4, 215.9)
A4_LANDSCAPE_MM = (297.0, 210.0)
POINTS_PER_MM = 72 / 25.4


def numbered_pages(count: int) -> bytes:
    """A PDF of `count` half-letter pages, each printing only its number."""
    document = pikepdf.new()
    font = document.make_indirect(pikepdf.Dictionary(Type=pikepdf.Name.Font, Subtype=pikepdf.Name.Type1,
                                                     BaseFont=pikepdf.Name.Helvetica))
    for number in range(1, count + 1):
        document.add_blank_page(page_size=(139.7 * POINTS_PER_MM, 215.9 * POINTS_PER_MM))
        page = document.pages[-1]
        page.obj.Resources = pikepdf.Dictionary(Font=pikepdf.Dictionary(F1=font))
        page.obj.Contents = document.make_stream(f"BT /F1 40 Tf 150 300 Td (P{number}) Tj ET".encode())
    output = io.BytesIO()
    document.save(output)
    return output.getvalue()


def halves(pdf: bytes) -> list[tuple[int | None, int | None]]:
    """(left, right) page number printed on each half of each sheet side; None where the half is blank."""
    document = pypdfium2.PdfDocument(pdf)
    sides = []
    for page in document:
        text = page.get_textpage()
        middle = page.get_width() / 2
        found: dict[str, int] = {}
        for index in range(text.count_chars()):
            character = text.get_text_range(index, 1)
            if character == "P":
                number = ""
                for following in range(index + 1, text.count_chars()):
                    digit = text.get_text_range(following, 1)
                    if not digit.isdigit():
                        break
                    number += digit
                left = text.get_charbox(index)[0]
                found["left" if left < middle else "right"] = int(number)
        sides.append((found.get("left"), found.get("right")))
    return sides


def read_as_folded(sides: list[tuple[int | None, int | None]], direction: str) -> list[int | None]:
    """The pages in the order a reader meets them in the folded, stapled booklet.

    The sheets are stacked in printing order and folded, so sheet 1 is outermost.
    Each sheet side here is as seen from that side; a short-edge flip puts a
    back's left half behind its front's right half. Reading a left-to-right
    booklet: every sheet's front right and back left going in, then every
    back right and front left coming out. A right-to-left booklet mirrors that.
    """
    start, end = (1, 0) if direction == "ltr" else (0, 1)
    fronts, backs = sides[0::2], sides[1::2]
    going_in = [page for front, back in zip(fronts, backs) for page in (front[start], back[end])]
    coming_out = [page for front, back in reversed(list(zip(fronts, backs))) for page in (back[start], front[end])]
    return going_in + coming_out


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
@pytest.mark.parametrize("count", [8, 12, 16])
def test_pages_read_in_order_once_folded(count, direction):
    booklet = impose_booklet(numbered_pages(count), LETTER_LANDSCAPE_MM, direction, "Test")
    sides = halves(booklet)
    assert len(sides) == count // 2
    assert read_as_folded(sides, direction) == list(range(1, count + 1))


def test_outer_sheet_of_eight_pages_left_to_right_and_right_to_left():
    ltr = halves(impose_booklet(numbered_pages(8), LETTER_LANDSCAPE_MM, "ltr", "Test"))
    rtl = halves(impose_booklet(numbered_pages(8), LETTER_LANDSCAPE_MM, "rtl", "Test"))
    # Cover on the right of the outer sheet's front, the fold on its left...
    assert ltr == [(8, 1), (2, 7), (6, 3), (4, 5)]
    # ...and the other way round for a booklet that opens from the right.
    assert rtl == [(1, 8), (7, 2), (3, 6), (5, 4)]


@pytest.mark.parametrize("direction", ["ltr", "rtl"])
def test_page_count_is_padded_with_blanks_to_a_multiple_of_four(direction):
    sides = halves(impose_booklet(numbered_pages(10), A4_LANDSCAPE_MM, direction, "Test"))
    assert len(sides) == 6
    assert read_as_folded(sides, direction) == [*range(1, 11), None, None]


def footer(language: str, page: int, pages: int) -> str:
    """The page footer as printed in the language: "Page 2 of 10"."""
    template = CATALOGS[language].strings["labels:page_of"] if language in CATALOGS else "Page {page} of {pages}"
    return template.format(page=page, pages=pages)


@pytest.mark.parametrize("language, direction", [("en", "ltr"), ("ar", "rtl")])
@pytest.mark.parametrize("paper, size_mm", [("letter", LETTER_LANDSCAPE_MM), ("a4", A4_LANDSCAPE_MM)])
def test_built_booklet_reads_in_order_once_folded(built, read_pdf, language, direction, paper, size_mm):
    booklet = read_pdf(built / language / f"know-your-rights-booklet-{paper}.pdf")
    for side in booklet.pages:
        assert (side.width_mm, side.height_mm) == pytest.approx(size_mm, abs=0.2)
    # Largest first: "Page 1 of 1" is the start of "Page 1 of 10".
    pages = next(count for count in range(4 * len(booklet.pages), 0, -1)
                 if booklet.pages[0].find_all(footer(language, 1, count)))
    assert len(booklet.pages) == 2 * -(-pages // 4)
    found: dict[int, dict[str, int]] = {}
    for number in range(1, pages + 1):
        [(side, where)] = [(index, "left" if hit.right < size_mm[0] / 2 else "right")
                           for index, side_page in enumerate(booklet.pages)
                           for hit in side_page.find_all(footer(language, number, pages))]
        found.setdefault(side, {})[where] = number
    sides = [(found.get(index, {}).get("left"), found.get(index, {}).get("right"))
             for index in range(len(booklet.pages))]
    padding = [None] * (len(booklet.pages) * 2 - pages)
    assert read_as_folded(sides, direction) == [*range(1, pages + 1), *padding]
