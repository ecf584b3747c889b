"""The print-shop card sheet, measured from the PDF itself: trim and bleed, crop marks, safe zone, flip."""

from dataclasses import dataclass

import pikepdf
import pypdfium2
import pytest

from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError
from handouts.kit import load_kit
from conftest import LANGUAGES, content_of
from conftest import PROJECT

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("print-sheet")


CONTENT = content_of(PROJECT)
POINTS_PER_MM = 72 / 25.4
PAPER_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}
CARD_SIZES_MM = {"letter": (88.9, 50.8), "a4": (85.0, 54.0)}
# The bleed a print shop asks for: 1/8 in on Letter (United States), 3 mm on A4.
BLEED_MM = {"letter": 3.175, "a4": 3.0}
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
        expected_bleed = side.trim.grown(BLEED_MM[paper])
        assert [side.bleed.left, side.bleed.bottom, side.bleed.right, side.bleed.top] == pytest.approx(
            [expected_bleed.left, expected_bleed.bottom, expected_bleed.right, expected_bleed.top], abs=TOLERANCE_MM)
        assert side.media.contains(side.bleed)
        trims = [card.grown(-BLEED_MM[paper]) for card in side.placed]
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
        trims = [card.grown(-BLEED_MM[paper]) for card in side.placed]
        vertical = [mark.left for mark in side.marks if mark.left == mark.right]
        horizontal = [mark.bottom for mark in side.marks if mark.bottom == mark.top]
        # A mark on the line of every cut: each card's four edges.
        for x in (x for trim in trims for x in (trim.left, trim.right)):
            assert any(abs(x - mark) < TOLERANCE_MM for mark in vertical), f"no crop mark at x = {x:.2f} mm"
        for y in (y for trim in trims for y in (trim.bottom, trim.top)):
            assert any(abs(y - mark) < TOLERANCE_MM for mark in horizontal), f"no crop mark at y = {y:.2f} mm"


@pytest.mark.parametrize("language", list(LANGUAGES))
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_all_text_is_at_least_3_mm_inside_its_card(built, paper, language):
    pdf = pypdfium2.PdfDocument(built / language / f"know-your-rights-print-sheet-{paper}.pdf")
    sides = pikepdf.open(built / language / f"know-your-rights-print-sheet-{paper}.pdf")
    for index in range(2):
        safe_areas = [card.grown(-BLEED_MM[paper] - SAFE_ZONE_MM) for card in read_side(sides, index).placed]
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


def heading_heights(path, paper: str) -> list[float]:
    """How far down its card the back's heading prints, seen from the back: near 0 when the back
    is upright on the page, near the card's height when it is turned half round."""
    sheet = pikepdf.open(path)
    backs = [card.grown(-BLEED_MM[paper]) for card in read_side(sheet, 1).placed]
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
    assert all(height < 6 for height in heading_heights(built / "en" / f"know-your-rights-print-sheet-{paper}.pdf", paper))


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
    assert all(height > CARD_SIZES_MM["a4"][1] - 10 for height in heading_heights(path, "a4"))


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_card_reads_and_scans(built, read_pdf, paper):
    sheet = read_pdf(built / "en" / f"know-your-rights-print-sheet-{paper}.pdf")
    assert len(sheet.pages[0].find_all("Know your rights")) == 8
    assert len(sheet.pages[0].find_all("9233#")) == 8
    assert len(sheet.pages[1].find_all("To the officer")) == 8
    codes = sheet.pages[0].qr_codes(dpi=300)
    assert [code.text for code in codes] == [CONTENT.settings.help_url] * 8
    assert min(code.symbol_width_mm for code in codes) >= 20.0


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_a_single_card_with_bleed_for_shops_that_impose(built, read_pdf, paper):
    """The print-shop card alone: front then back, each page the card and its bleed, its trim box the card,
    every letter at least 3 mm inside the trim, and the QR code readable."""
    path = built / "en" / f"know-your-rights-print-card-{paper}.pdf"
    document = pikepdf.open(path)
    assert len(document.pages) == 2
    width, height = CARD_SIZES_MM[paper]
    bleed = BLEED_MM[paper]
    pdf = read_pdf(path)
    for index, page in enumerate(document.pages):
        media, trim, bleed_box = box_of(page.mediabox), box_of(page.obj.TrimBox), box_of(page.obj.BleedBox)
        assert (media.right - media.left, media.top - media.bottom) == pytest.approx(
            (width + 2 * bleed, height + 2 * bleed), abs=0.05)
        assert (trim.right - trim.left, trim.top - trim.bottom) == pytest.approx((width, height), abs=0.05)
        grown = trim.grown(bleed)
        for edges in ((grown, media), (bleed_box, media)):
            assert [edges[0].left, edges[0].bottom, edges[0].right, edges[0].top] == pytest.approx(
                [edges[1].left, edges[1].bottom, edges[1].right, edges[1].top], abs=TOLERANCE_MM)
        safe = trim.grown(-SAFE_ZONE_MM)
        text = pypdfium2.PdfDocument(path)[index].get_textpage()
        for character in range(text.count_chars()):
            if not text.get_text_range(character, 1).isspace():
                glyph = Box(*(value / POINTS_PER_MM for value in text.get_charbox(character)))
                assert safe.contains(glyph), f"{text.get_text_range(character, 1)!r} within 3 mm of the cut"
    assert "Know your rights" in pdf.pages[0].words and "To the officer" in pdf.pages[1].words
    assert [code.text for code in pdf.pages[0].qr_codes()] == [CONTENT.settings.help_url]


@pytest.mark.parametrize(("name", "size_mm"), [("11x17", (279.4, 431.8)), ("a3", (297.0, 420.0))])
def test_the_poster_comes_large_for_a_wall(built, read_pdf, name, size_mm):
    """11 x 17 in and A3: one page of the paper's size, the codes larger than on Letter, the QR code readable."""
    for language in ("en", "ar"):
        pdf = read_pdf(built / language / f"help-lines-poster-{name}.pdf")
        [page] = pdf.pages
        assert (page.width_mm, page.height_mm) == pytest.approx(size_mm, abs=0.1)
        assert ["9233#", "9116#", "699#", "#566"] == [run for run in page.visual_runs()
                                                      if run in ("9233#", "9116#", "699#", "#566")]
        [code] = page.find_all("9233#")
        letter = read_pdf(built / language / "help-lines-poster-letter.pdf").pages[0].find_all("9233#")[0]
        assert code.font_size_pt > 1.3 * letter.font_size_pt
        assert [qr.text for qr in page.qr_codes(dpi=150)] == [CONTENT.settings.help_url]


def test_print_docs_count_the_sheets_an_order_takes():
    """docs/printing.md's sheets for 100, 250, 500 and 1,000 cards are what the print-shop sheets hold."""
    import math
    import re
    from handouts.layout.card_stocks import PRINT_SHOP_SHEETS

    doc = (PROJECT / "docs" / "printing.md").read_text(encoding="utf-8")
    row = re.search(r"sheets for 100 / 250 / 500 / 1,000 cards \| ([0-9 /]+) \|", doc)
    assert row, "the print docs give no sheet counts"
    for stock in PRINT_SHOP_SHEETS.values():
        slots = stock.columns * stock.rows
        assert [int(count) for count in row[1].split("/")] == [math.ceil(cards / slots)
                                                              for cards in (100, 250, 500, 1000)]
        assert f"| {slots} (2 × {stock.rows}) on" in doc


def test_a_mixed_sheet_holds_each_language_as_the_kit_asks(project_copy, read_pdf):
    """print_mix: {es: 4, ht: 2, pt-BR: 2}: on each side of the sheet, the first four cards in Spanish, two in
    Haitian Creole, two in Portuguese, each back behind its own front; listed on the index page."""
    kit_file = project_copy / "handouts.yml"
    kit_file.write_text(kit_file.read_text(encoding="utf-8") + "\nprint_mix:\n  es: 4\n  ht: 2\n  pt-BR: 2\n",
                        encoding="utf-8")
    output = project_copy / "output"
    build(BuildRequest(project_dir=project_copy, output_dir=output, languages=("en", "es", "ht", "pt-BR"),
                       documents=("know-your-rights",), products=("print-sheet",), papers=("letter",)))
    path = output / "mixed" / "know-your-rights-print-sheet-letter.pdf"
    sheet = read_pdf(path)
    fronts = read_side(pikepdf.open(path), 0).placed
    titles = {"es": "Conozca sus derechos", "ht": "Konnen dwa ou", "pt-BR": "Conheça seus direitos"}
    slots = {}
    for language, title in titles.items():
        for found in sheet.pages[0].find_all(title):
            height = PAPER_SIZES_MM["letter"][1]
            slots[next(index for index, card in enumerate(fronts) if card.left <= found.left <= card.right
                       and card.bottom <= height - found.top <= card.top)] = language
    assert [slots.get(index) for index in range(8)] == ["es"] * 4 + ["ht"] * 2 + ["pt-BR"] * 2
    backs = sheet.pages[1].words
    assert backs.count("I speak Spanish") == 4 and backs.count("I speak Haitian Creole") == 2
    assert_backs_behind_fronts(pikepdf.open(path), "letter", "long-edge")
    index = (output / "index.html").read_text(encoding="utf-8")
    assert "mixed/know-your-rights-print-sheet-letter.pdf" in index


def test_a_mix_of_a_language_the_kit_lacks_is_refused(project_copy):
    kit_file = project_copy / "handouts.yml"
    kit_file.write_text(kit_file.read_text(encoding="utf-8") + "\nprint_mix:\n  es: 4\n  de: 4\n",
                        encoding="utf-8")
    with pytest.raises(ContentError) as refused:
        load_kit(project_copy)
    [problem] = refused.value.problems
    assert problem.key == "print_mix.de" and problem.line is not None and "handouts i18n add de" in problem.fix
