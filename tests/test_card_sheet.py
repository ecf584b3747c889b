"""The card sheets: paper size, ten cards where the stock has them, backs mirrored for a long-edge flip."""

import pytest

from handouts.layout.card_stocks import A4_ID1_CARDS, LETTER_BUSINESS_CARDS, back_placements, front_placements
from conftest import PROJECT, content_of

CONTENT = content_of(PROJECT)
STOCKS = {"letter": LETTER_BUSINESS_CARDS, "a4": A4_ID1_CARDS}


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_sheet_is_fronts_then_backs_on_the_paper(built, read_pdf, paper):
    pdf = read_pdf(built / "en" / f"know-your-rights-card-sheet-{paper}.pdf")
    assert len(pdf.pages) == 2
    for page in pdf.pages:
        assert (page.width_mm, page.height_mm) == pytest.approx(STOCKS[paper].paper_size_mm, abs=0.2)


def test_stock_geometry_is_that_of_the_common_card_stock():
    letter = front_placements(LETTER_BUSINESS_CARDS)
    assert (letter[0].x_mm, letter[0].y_mm) == pytest.approx((19.05, 12.7))  # 0.75 in, 0.5 in
    assert (letter[-1].x_mm, letter[-1].y_mm) == pytest.approx((19.05 + 88.9, 12.7 + 4 * 50.8))
    a4 = front_placements(A4_ID1_CARDS)
    assert (a4[1].x_mm, a4[1].y_mm) == pytest.approx((15 + 85 + 10, 13.5))


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_ten_fronts_sit_in_the_stock_slots(built, read_pdf, paper):
    stock = STOCKS[paper]
    page = read_pdf(built / "en" / f"know-your-rights-card-sheet-{paper}.pdf").pages[0]
    titles = page.find_all("Know your rights")
    assert len(titles) == 10
    slots = front_placements(stock)
    for title in titles:
        slot = next(s for s in slots if s.x_mm <= title.left <= s.x_mm + stock.card_size_mm[0]
                    and s.y_mm <= title.top <= s.y_mm + stock.card_size_mm[1])
        slots.remove(slot)  # one title per slot
        assert title.left - slot.x_mm == pytest.approx(3.0, abs=0.6)  # the card's inner margin
    assert "9233#" in page.words


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_backs_line_up_with_fronts_after_a_long_edge_flip(built, read_pdf, paper):
    stock = STOCKS[paper]
    pdf = read_pdf(built / "en" / f"know-your-rights-card-sheet-{paper}.pdf")
    card_width = stock.card_size_mm[0]
    headings = pdf.pages[1].find_all("To the officer")
    assert len(headings) == 10
    fronts = front_placements(stock)
    for heading in headings:
        # Flip the sheet about its vertical axis: the back's card, seen from the
        # front, must cover one of the front cards exactly.
        card_left_on_back = next(b.x_mm for b in back_placements(stock)
                                 if b.x_mm <= heading.left <= b.x_mm + card_width)
        seen_from_front = stock.paper_size_mm[0] - card_left_on_back - card_width
        assert any(f.x_mm == pytest.approx(seen_from_front) and f.y_mm <= heading.top <= f.y_mm + stock.card_size_mm[1]
                   for f in fronts)


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_card_qr_code_decodes_and_is_at_least_20_mm(built, read_pdf, paper):
    page = read_pdf(built / "en" / f"know-your-rights-card-sheet-{paper}.pdf").pages[0]
    codes = page.qr_codes(dpi=300)
    assert len(codes) == 10
    assert {code.text for code in codes} == {CONTENT.settings.help_url}
    assert min(code.symbol_width_mm for code in codes) >= 20.0


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_cut_marks_are_in_the_margins_at_the_card_edges(built, read_pdf, paper):
    stock = STOCKS[paper]
    image = read_pdf(built / "en" / f"know-your-rights-card-sheet-{paper}.pdf").pages[0].image(dpi=300, grey=True)
    px = lambda mm: round(mm * 300 / 25.4)
    top_margin_middle = px(stock.top_margin_mm / 2 + 1)
    first_card_left = px(stock.left_margin_mm)
    # A dark pixel where the mark crosses the top margin above the first card's left edge...
    column = [image.getpixel((x, top_margin_middle)) for x in range(first_card_left - 4, first_card_left + 5)]
    assert min(column) < 128
    # ...and none in the middle of the margin above the card, where no edge is.
    assert image.getpixel((px(stock.left_margin_mm + 20), top_margin_middle)) > 200


def test_business_card_is_laid_out_for_its_own_size(built, read_pdf):
    page = read_pdf(built / "en" / "know-your-rights-card-sheet-letter.pdf").pages[0]
    assert min(page.font_sizes()) >= 6.45
    # No text crosses into the card below or beside it: every title is the card's first line.
    for title in page.find_all("Know your rights"):
        assert (title.top - LETTER_BUSINESS_CARDS.top_margin_mm) % 50.8 < 4
