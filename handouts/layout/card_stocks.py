"""Turn a card stock's geometry into where each card and cut mark goes on the fronts and backs pages."""

from __future__ import annotations

from dataclasses import dataclass

MM_PER_INCH = 25.4

# How far the cut marks reach into the margin, and how far they stay from the
# card's corner so that a slightly shifted print never draws on a card.
CUT_MARK_LENGTH_MM = 5.0
CUT_MARK_OFFSET_MM = 1.5


@dataclass(frozen=True)
class CardStock:
    """A sheet of cards: its paper, the card size, and where the cards sit."""

    paper: str
    paper_size_mm: tuple[float, float]
    card_design: str  # which card layout fits this stock's card size
    card_size_mm: tuple[float, float]
    columns: int
    rows: int
    left_margin_mm: float
    top_margin_mm: float
    column_gap_mm: float = 0.0
    row_gap_mm: float = 0.0
    description: str = ""
    # How far each card's printing runs past its edge, so that a guillotine cut a
    # little off still leaves no white sliver; 0 for office sheets.
    bleed_mm: float = 0.0

    @property
    def safe_zone_mm(self) -> float:
        """How far inside the card's edge all text stays: where a cut a little off, by a guillotine or by
        scissors along a perforation, cannot reach."""
        return SAFE_ZONE_MM


# Avery 5371/8371 (perforated business cards): 2 x 5 cards of 3.5 x 2 in,
# 0.75 in left and 0.5 in top margins, no gutters.
LETTER_BUSINESS_CARDS = CardStock(
    paper="letter",
    paper_size_mm=(8.5 * MM_PER_INCH, 11 * MM_PER_INCH),
    card_design="business",
    card_size_mm=(3.5 * MM_PER_INCH, 2 * MM_PER_INCH),
    columns=2, rows=5,
    left_margin_mm=0.75 * MM_PER_INCH, top_margin_mm=0.5 * MM_PER_INCH,
    description="10 business cards (3.5 × 2 in), Avery 5371/8371 layout",
)

# Avery C32011-10: 2 x 5 cards of 85 x 54 mm, 15 mm left and 13.5 mm top
# margins, 10 mm between the columns.
A4_ID1_CARDS = CardStock(
    paper="a4",
    paper_size_mm=(210.0, 297.0),
    card_design="id1",
    card_size_mm=(85.0, 54.0),
    columns=2, rows=5,
    left_margin_mm=15.0, top_margin_mm=13.5, column_gap_mm=10.0,
    description="10 cards of 85 × 54 mm, Avery C32011-10 layout",
)

CARD_STOCKS = {stock.paper: stock for stock in (LETTER_BUSINESS_CARDS, A4_ID1_CARDS)}

# Print-shop sheets: cards cut apart by guillotine, each with its own bleed, so
# 2 x bleed between neighbours; text kept out of the outer 3 mm of each card.
# The bleed a print shop asks for on each paper: 1/8 in in the United States, 3 mm where A4 is used.
BLEED_MM = {"letter": 0.125 * MM_PER_INCH, "a4": 3.0}
SAFE_ZONE_MM = 3.0


def _print_shop_sheet(office: CardStock, rows: int) -> CardStock:
    """The office sheet's paper and card, laid out for a print shop: bleed between the cards, centred."""
    bleed = BLEED_MM[office.paper]
    gap = 2 * bleed
    (paper_width, paper_height), (width, height) = office.paper_size_mm, office.card_size_mm
    return CardStock(
        paper=office.paper, paper_size_mm=office.paper_size_mm, card_design=office.card_design,
        card_size_mm=office.card_size_mm, columns=office.columns, rows=rows,
        left_margin_mm=(paper_width - office.columns * width - (office.columns - 1) * gap) / 2,
        top_margin_mm=(paper_height - rows * height - (rows - 1) * gap) / 2,
        column_gap_mm=gap, row_gap_mm=gap, bleed_mm=bleed,
        description=f"{office.columns * rows} cards with {_bleed_name(office.paper)} bleed and crop marks, "
                    "for a print shop",
    )


def _bleed_name(paper: str) -> str:
    return "1/8 in" if paper == "letter" else f"{BLEED_MM[paper]:g} mm"


# Four rows, not five: five rows with bleed between them leave no room for crop marks.
PRINT_SHOP_SHEETS = {stock.paper: _print_shop_sheet(stock, rows=4) for stock in CARD_STOCKS.values()}


@dataclass(frozen=True)
class Placement:
    """A card's top-left corner on the page, in mm from the page's top-left."""

    x_mm: float
    y_mm: float


@dataclass(frozen=True)
class CutMark:
    """A short line in the margin, in mm from the page's top-left."""

    x1_mm: float
    y1_mm: float
    x2_mm: float
    y2_mm: float


def front_placements(stock: CardStock) -> list[Placement]:
    """Cards on the fronts page, row by row from the top left."""
    width, height = stock.card_size_mm
    return [
        Placement(stock.left_margin_mm + column * (width + stock.column_gap_mm),
                  stock.top_margin_mm + row * (height + stock.row_gap_mm))
        for row in range(stock.rows)
        for column in range(stock.columns)
    ]


def back_placements(stock: CardStock, flip: str = "long-edge") -> list[Placement]:
    """Where the back of each front card lands, in the same order as the fronts.

    A long-edge duplex flip turns the sheet about its vertical axis: a card whose
    front sits x mm from the left edge has its back x mm from the right edge.
    A short-edge flip turns it about its horizontal axis: y mm from the top
    becomes y mm from the bottom.
    """
    page_width, page_height = stock.paper_size_mm
    card_width, card_height = stock.card_size_mm
    if flip == "short-edge":
        return [Placement(front.x_mm, page_height - front.y_mm - card_height) for front in front_placements(stock)]
    return [Placement(page_width - front.x_mm - card_width, front.y_mm)
            for front in front_placements(stock)]


def cut_marks(stock: CardStock) -> list[CutMark]:
    """Marks in the margins at every card edge: they guide a cut on plain paper and
    stay off the cards, so they do no harm on perforated stock. On a print-shop
    sheet they start beyond the bleed, so none is printed where a card is."""
    width, height = stock.card_size_mm
    placements = front_placements(stock)
    xs = sorted({p.x_mm for p in placements} | {p.x_mm + width for p in placements})
    ys = sorted({p.y_mm for p in placements} | {p.y_mm + height for p in placements})
    left, right = xs[0] - stock.bleed_mm, xs[-1] + stock.bleed_mm
    top, bottom = ys[0] - stock.bleed_mm, ys[-1] + stock.bleed_mm
    marks = []
    for x in xs:
        marks.append(CutMark(x, top - CUT_MARK_OFFSET_MM - CUT_MARK_LENGTH_MM, x, top - CUT_MARK_OFFSET_MM))
        marks.append(CutMark(x, bottom + CUT_MARK_OFFSET_MM, x, bottom + CUT_MARK_OFFSET_MM + CUT_MARK_LENGTH_MM))
    for y in ys:
        marks.append(CutMark(left - CUT_MARK_OFFSET_MM - CUT_MARK_LENGTH_MM, y, left - CUT_MARK_OFFSET_MM, y))
        marks.append(CutMark(right + CUT_MARK_OFFSET_MM, y, right + CUT_MARK_OFFSET_MM + CUT_MARK_LENGTH_MM, y))
    return marks


@dataclass(frozen=True)
class BookletSide:
    """One side of a folded booklet sheet: the page number on each half, None for a blank."""

    left: int | None
    right: int | None


def saddle_stitch_sides(page_count: int, direction: str) -> list[BookletSide]:
    """Every sheet side of a saddle-stitched booklet, front then back, sheet by sheet.

    The pages are padded with blanks to a multiple of four. The sheets are
    printed on both sides (flipped on the short edge), stacked in order, folded
    once and stapled on the fold. The outer sheet carries the first and last
    pages. A left-to-right booklet has its fold on the left of the cover; a
    right-to-left one opens from the other side, so every side is mirrored.
    """
    padded = -(-page_count // 4) * 4

    def page(number: int) -> int | None:
        return number if number <= page_count else None

    sides = []
    for sheet in range(padded // 4):
        outer_low, outer_high = 2 * sheet + 1, padded - 2 * sheet
        sides.append(BookletSide(page(outer_high), page(outer_low)))          # front
        sides.append(BookletSide(page(outer_low + 1), page(outer_high - 1)))  # back
    if direction == "rtl":
        sides = [BookletSide(side.right, side.left) for side in sides]
    return sides
