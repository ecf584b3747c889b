"""The print-shop card sheet, measured from the PDF itself: trim and bleed, crop marks, safe zone, flip."""

from dataclasses import dataclass

import pikepdf
import pypdfium2
import pytest

from handouts.commands.build import BuildRequest, build
from conftest import LANGUAGES, content_of
from conftest import PROJECT

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("print-sheet")


CONTENT = content_of(PROJECT)
POINTS_PER_MM = 72 / 25.4
PAPER_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}
CARD_SIZES_MM = {"letter": (88.9, 50.8), "a4": (85.0, 54.0)}
BLEED_MM = 3.0
SAFE_ZONE_MM = 3.0
TOLERANCE_MM = 0.05


@dataclass(frozen=True)
class Box:
    """A rectangle in mm from the page's bottom-left corner, as PDF measures."""

    left: float
    bottom: float
    right: float
    top: float

    def grown(self, by: float) -> "Box":
        return Box(self.left - by, self.bottom - by, self.right + by, self.top + by)

    def contains(self, other: "Box") -> bool:
        return (other.left >= self.left - TOLERANCE_MM and other.right <= self.right + TOLERANCE_MM
                and other.bottom >= self.bottom - TOLERANCE_MM and other.top <= self.top + TOLERANCE_MM)

    def overlaps(self, other: "Box") -> bool:
        return (min(self.right, other.right) - max(self.left, other.left) > TOLERANCE_MM
                and min(self.top, other.top) - max(self.bottom, other.bottom) > TOLERANCE_MM)


def box_of(array) -> Box:
    return Box(*(float(value) / POINTS_PER_MM for value in array))


@dataclass(frozen=True)
class SheetSide:
    media: Box
    trim: Box
    bleed: Box
    placed: list[Box]  # each card as drawn, bleed included
    marks: list[Box]  # each crop mark, a line as a zero-width box


def read_side(pdf: pikepdf.Pdf, index: int) -> SheetSide:
    """Where the sheet draws its cards and marks, from its content stream and resources."""
    page = pdf.pages[index]
    placed, marks, matrix, start = [], [], (1.0, 0.0, 0.0, 1.0, 0.0, 0.0), None
    for operands, operator in pikepdf.parse_content_stream(page):
        name = str(operator)
        if name == "cm":
            matrix = tuple(float(value) for value in operands)
        elif name == "Do":
            form = page.obj.Resources.XObject[operands[0]]
            a, b, c, d, e, f = matrix
            assert b == c == 0 and abs(a) == abs(d) == 1, "cards are placed upright or turned half round"
            left, bottom, right, top = (float(value) for value in form.BBox)
            xs, ys = (a * left + e, a * right + e), (d * bottom + f, d * top + f)
            placed.append(box_of([min(xs), min(ys), max(xs), max(ys)]))
        elif name == "m":
            start = (float(operands[0]), float(operands[1]))
        elif name == "l":
            end = (float(operands[0]), float(operands[1]))
            marks.append(box_of([min(start[0], end[0]), min(start[1], end[1]),
                                 max(start[0], end[0]), max(start[1], end[1])]))
    return SheetSide(box_of(page.mediabox), box_of(page.obj.TrimBox), box_of(page.obj.BleedBox), placed, marks)


@pytest.fixture(scope="module")
def sheets(built):
    return {paper: pikepdf.open(built / "en" / f"know-your-rights-print-sheet-{paper}.pdf") for paper in PAPER_SIZES_MM}


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_fronts_then_backs_on_the_paper_with_trim_and_bleed_boxes(sheets, paper):
    pdf = sheets[paper]
    assert len(pdf.pages) == 2
    width, height = PAPER_SIZES_MM[paper]
    for index in range(2):
        side = read_side(pdf, index)
        assert (side.media.right - side.media.left, side.media.top - side.media.bottom) == pytest.approx(
            (width, height), abs=0.1)
        expected_bleed = side.trim.grown(BLEED_MM)
        assert [side.bleed.left, side.bleed.bottom, side.bleed.right, side.bleed.top] == pytest.approx(
            [expected_bleed.left, expected_bleed.bottom, expected_bleed.right, expected_bleed.top], abs=TOLERANCE_MM)
        assert side.media.contains(side.bleed)
        trims = [card.grown(-BLEED_MM) for card in side.placed]
        assert len(trims) == 8
        for trim in trims:
            assert (trim.right - trim.left, trim.top - trim.bottom) == pytest.approx(CARD_SIZES_MM[paper], abs=0.05)
            assert side.trim.contains(trim)
        # The trim box is the cards' own extent, no more.
        assert min(t.left for t in trims) == pytest.approx(side.trim.left, abs=TOLERANCE_MM)
        assert max(t.top for t in trims) == pytest.approx(side.trim.top, abs=TOLERANCE_MM)
        # Each card's bleed is its own: no card is drawn over another.
        for first in range(len(side.placed)):
            for second in range(first + 1, len(side.placed)):
                assert not side.placed[first].overlaps(side.placed[second])


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_crop_marks_are_outside_every_card_and_bleed_on_the_trim_lines(sheets, paper):
    for index in range(2):  # both sides: either may be cut face up
        side = read_side(sheets[paper], index)
        assert side.marks
        for mark in side.marks:
            assert not side.bleed.overlaps(mark.grown(0.01)), f"{mark} is inside the bleed area"
            assert side.media.contains(mark)
        trims = [card.grown(-BLEED_MM) for card in side.placed]
        vertical = {round(mark.left, 2) for mark in side.marks if mark.left == mark.right}
        horizontal = {round(mark.bottom, 2) for mark in side.marks if mark.bottom == mark.top}
        # A mark on the line of every cut: each card's four edges.
        assert {round(x, 2) for trim in trims for x in (trim.left, trim.right)} <= vertical
        assert {round(y, 2) for trim in trims for y in (trim.bottom, trim.top)} <= horizontal


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_all_text_is_at_least_3_mm_inside_its_card(built, paper, language):
    pdf = pypdfium2.PdfDocument(built / language / f"know-your-rights-print-sheet-{paper}.pdf")
    sides = pikepdf.open(built / language / f"know-your-rights-print-sheet-{paper}.pdf")
    for index in range(2):
        safe_areas = [card.grown(-BLEED_MM - SAFE_ZONE_MM) for card in read_side(sides, index).placed]
        text = pdf[index].get_textpage()
        printed = 0
        for character in range(text.count_chars()):
            if text.get_text_range(character, 1).isspace():
                continue
            left, bottom, right, top = (value / POINTS_PER_MM for value in text.get_charbox(character))
            glyph = Box(left, bottom, right, top)
            assert any(area.contains(glyph) for area in safe_areas), \
                f"{text.get_text_range(character, 1)!r} at {glyph} is in a card's outer {SAFE_ZONE_MM} mm"
            printed += 1
        assert printed > 8 * 100  # eight cards of text, each side


def mirrored(card: Box, width: float, height: float, flip: str) -> Box:
    """Where a card on the back is, seen from the front, once the sheet is turned over."""
    if flip == "long-edge":
        return Box(width - card.right, card.bottom, width - card.left, card.top)
    return Box(card.left, height - card.top, card.right, height - card.bottom)


def assert_backs_behind_fronts(pdf: pikepdf.Pdf, paper: str, flip: str) -> None:
    width, height = PAPER_SIZES_MM[paper]
    fronts, backs = read_side(pdf, 0).placed, read_side(pdf, 1).placed
    seen_from_front = [mirrored(card, width, height, flip) for card in backs]
    for front in fronts:
        assert any(abs(front.left - back.left) < TOLERANCE_MM and abs(front.bottom - back.bottom) < TOLERANCE_MM
                   for back in seen_from_front), f"no back behind the front card at {front}"


def heading_heights(path) -> list[float]:
    """How far down its card the back's heading prints, seen from the back: near 0 when the back
    is upright on the page, near the card's height when it is turned half round."""
    sheet = pikepdf.open(path)
    backs = [card.grown(-BLEED_MM) for card in read_side(sheet, 1).placed]
    text = pypdfium2.PdfDocument(path)[1].get_textpage()
    heights = []
    searcher = text.search("To the officer", match_case=True)
    while (hit := searcher.get_next()) is not None:
        left, bottom, right, top = (value / POINTS_PER_MM for value in text.get_charbox(hit[0]))
        card = next(card for card in backs if card.contains(Box(left, bottom, right, top)))
        heights.append(card.top - top)
    assert len(heights) == 8
    return heights


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_backs_line_up_with_fronts_after_a_long_edge_flip(built, sheets, paper):
    assert_backs_behind_fronts(sheets[paper], paper, "long-edge")
    # Upright: the heading at the top of every back.
    assert all(height < 6 for height in heading_heights(built / "en" / f"know-your-rights-print-sheet-{paper}.pdf"))


def test_short_edge_option_turns_the_backs_so_the_card_still_turns_like_a_page(project_copy, tmp_path):
    settings = project_copy / "handouts.yml"
    settings.write_text(settings.read_text(encoding="utf-8").replace(
        "print_shop_flip: long-edge", "print_shop_flip: short-edge"), encoding="utf-8")
    build(BuildRequest(project_dir=project_copy, output_dir=tmp_path / "output", languages=("en",),
                       products=("print-sheet",), papers=("a4",)))
    path = tmp_path / "output" / "en" / "know-your-rights-print-sheet-a4.pdf"
    assert_backs_behind_fronts(pikepdf.open(path), "a4", "short-edge")
    # A short-edge flip brings the page's bottom edge to the top: every back is
    # printed half round, its heading at the foot of its card on the page.
    assert all(height > CARD_SIZES_MM["a4"][1] - 10 for height in heading_heights(path))


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_card_reads_and_scans(built, read_pdf, paper):
    sheet = read_pdf(built / "en" / f"know-your-rights-print-sheet-{paper}.pdf")
    assert len(sheet.pages[0].find_all("Know your rights")) == 8
    assert len(sheet.pages[0].find_all("9233#")) == 8
    assert len(sheet.pages[1].find_all("To the officer")) == 8
    codes = sheet.pages[0].qr_codes(dpi=300)
    assert [code.text for code in codes] == [CONTENT.settings.help_url] * 8
    assert min(code.symbol_width_mm for code in codes) >= 20.0
