"""Turn rendered pages into printed sheets: cards onto card sheets, pamphlet pages onto paper or a booklet."""

from __future__ import annotations

import io

import pikepdf

from ..layout.card_stocks import (
    CardStock,
    Placement,
    back_placements,
    cut_marks,
    front_placements,
    saddle_stitch_sides,
)

POINTS_PER_MM = 72 / 25.4
CUT_MARK_WIDTH_PT = 0.5


def impose_card_sheet(card_pdf: bytes, stock: CardStock, title: str, flip: str = "long-edge") -> bytes:
    """A sheet PDF: page 1 the fronts, page 2 the backs, where the flip puts them.

    The card is laid out once (with its bleed, if the stock has one); each side
    becomes one form that the sheet draws in every slot, so ten cards cost one
    layout and are stored once. Office sheets have cut marks on the fronts only;
    a print-shop sheet has crop marks on both sides, since either may be cut
    face up, and trim and bleed boxes around its cards.

    A PDF of several cards (each card's front, then its back) fills the slots
    with one card each, in order, on as many sheets as they need: the fronts of
    each sheet, then its backs, each back behind its own front.
    """
    cards = pikepdf.open(io.BytesIO(card_pdf))
    sheet_pdf = pikepdf.new()
    width_pt, height_pt = (size * POINTS_PER_MM for size in stock.paper_size_mm)
    count = len(cards.pages) // 2
    slots = stock.columns * stock.rows
    # One card fills every slot; many cards take one slot each.
    sheets = [[0] * slots] if count == 1 else [list(range(first, min(first + slots, count)))
                                                for first in range(0, count, slots)]
    forms: dict[int, pikepdf.Object] = {}  # each card side, copied once
    for on_sheet in sheets:
        for side, placements in ((0, front_placements(stock)), (1, back_placements(stock, flip))):
            sheet_pdf.add_blank_page(page_size=(width_pt, height_pt))
            sheet = sheet_pdf.pages[-1]
            drawing = ""
            # After a short-edge flip the back page's top is the sheet's bottom edge:
            # each back is turned half round, so that the card itself, turned over
            # like a page, shows its back the right way up.
            upside_down = side == 1 and flip == "short-edge"
            for card, slot in zip(on_sheet, placements):
                page = 2 * card + side
                if page not in forms:
                    forms[page] = sheet_pdf.copy_foreign(cards.pages[page].as_form_xobject())
                # A fixed name: pikepdf's generated ones vary from run to run.
                name = sheet.add_resource(forms[page], pikepdf.Name.XObject, pikepdf.Name(f"/Card{page}"))
                drawing += _place(slot, stock, height_pt, name, upside_down)
            if side == 0 or stock.bleed_mm:
                drawing += _cut_marks(stock, height_pt)
            sheet.obj.Contents = sheet_pdf.make_stream(drawing.encode("ascii"))
            if stock.bleed_mm:
                used = placements[:len(on_sheet)]
                sheet.obj.TrimBox = _bounding_box(stock, used, height_pt, grow_mm=0.0)
                sheet.obj.BleedBox = _bounding_box(stock, used, height_pt, grow_mm=stock.bleed_mm)
    sheet_pdf.docinfo[pikepdf.Name.Title] = title
    sheet_pdf.docinfo[pikepdf.Name.Producer] = "handouts"
    _keep_language(cards, sheet_pdf)
    return _saved(sheet_pdf)


def repeated_cards(cards: list[tuple[bytes, int]]) -> bytes:
    """One PDF of cards (front, back, front, back...): each card PDF's pages as many times as its count."""
    document = pikepdf.new()
    for card_pdf, count in cards:
        card = pikepdf.open(io.BytesIO(card_pdf))
        for _ in range(count):
            document.pages.extend(card.pages)
        if len(document.pages) == 2 * count:
            _keep_language(card, document)  # a sheet names one language: its first
    return _saved(document)


def with_trim_and_bleed(cards_pdf: bytes, bleed_mm: float) -> bytes:
    """Cards laid out with their bleed, each page marked for a print shop's own imposition: its trim box the
    card, `bleed_mm` in from the page's edge all round, and its bleed box the whole page."""
    document = pikepdf.open(io.BytesIO(cards_pdf))
    inset = bleed_mm * POINTS_PER_MM
    for page in document.pages:
        left, bottom, right, top = (float(value) for value in page.mediabox)
        page.obj.BleedBox = pikepdf.Array([round(value, 3) for value in (left, bottom, right, top)])
        page.obj.TrimBox = pikepdf.Array([round(value, 3) for value in
                                          (left + inset, bottom + inset, right - inset, top - inset)])
    return _saved(document)


def _keep_language(source: pikepdf.Pdf, target: pikepdf.Pdf) -> None:
    """The edition's language, on a sheet made of its pages: a sheet has no tags to carry it."""
    if pikepdf.Name.Lang in source.Root:
        target.Root.Lang = source.Root.Lang


def _saved(document: pikepdf.Pdf) -> bytes:
    output = io.BytesIO()
    # deterministic_id: the same input gives the same bytes.
    document.save(output, compress_streams=True, deterministic_id=True,
                  object_stream_mode=pikepdf.ObjectStreamMode.generate)
    return output.getvalue()


def _place(slot: Placement, stock: CardStock, page_height_pt: float, form_name: str,
           upside_down: bool = False) -> str:
    """Draw the card form over the slot, whose top-left trim corner it gives (PDF's origin is
    bottom-left). A card laid out with bleed has its trim `bleed` in from its page's corner."""
    x = (slot.x_mm - stock.bleed_mm) * POINTS_PER_MM
    y = page_height_pt - (slot.y_mm + stock.card_size_mm[1] + stock.bleed_mm) * POINTS_PER_MM
    if upside_down:
        width, height = ((size + 2 * stock.bleed_mm) * POINTS_PER_MM for size in stock.card_size_mm)
        return f"q -1 0 0 -1 {x + width:.3f} {y + height:.3f} cm {form_name} Do Q\n"
    return f"q 1 0 0 1 {x:.3f} {y:.3f} cm {form_name} Do Q\n"


def _bounding_box(stock: CardStock, placements: list[Placement], page_height_pt: float,
                  grow_mm: float) -> pikepdf.Array:
    """The box around every card's trim, grown by `grow_mm`, in PDF coordinates."""
    width, height = stock.card_size_mm
    left = min(slot.x_mm for slot in placements) - grow_mm
    right = max(slot.x_mm for slot in placements) + width + grow_mm
    top = min(slot.y_mm for slot in placements) - grow_mm
    bottom = max(slot.y_mm for slot in placements) + height + grow_mm
    return pikepdf.Array([round(left * POINTS_PER_MM, 3), round(page_height_pt - bottom * POINTS_PER_MM, 3),
                          round(right * POINTS_PER_MM, 3), round(page_height_pt - top * POINTS_PER_MM, 3)])


def _cut_marks(stock: CardStock, page_height_pt: float) -> str:
    lines = [f"q 0 G {CUT_MARK_WIDTH_PT} w"]
    for mark in cut_marks(stock):
        lines.append(f"{mark.x1_mm * POINTS_PER_MM:.3f} {page_height_pt - mark.y1_mm * POINTS_PER_MM:.3f} m "
                     f"{mark.x2_mm * POINTS_PER_MM:.3f} {page_height_pt - mark.y2_mm * POINTS_PER_MM:.3f} l S")
    lines.append("Q\n")
    return "\n".join(lines)


def place_on_paper(pages_pdf: bytes, paper_size_mm: tuple[float, float]) -> bytes:
    """The same PDF with every page centred on the paper.

    Only each page's boxes change, to a paper-sized box around the page, so
    the drawing, its links and its tags are kept exactly as rendered.
    """
    document = pikepdf.open(io.BytesIO(pages_pdf))
    paper_width, paper_height = (size * POINTS_PER_MM for size in paper_size_mm)
    for page in document.pages:
        left, bottom, right, top = (float(value) for value in page.mediabox)
        margin_x = (paper_width - (right - left)) / 2
        margin_y = (paper_height - (top - bottom)) / 2
        paper = pikepdf.Array([round(left - margin_x, 3), round(bottom - margin_y, 3),
                               round(right + margin_x, 3), round(top + margin_y, 3)])
        for box in (pikepdf.Name.MediaBox, pikepdf.Name.CropBox, pikepdf.Name.BleedBox, pikepdf.Name.TrimBox):
            if box in page.obj or box == pikepdf.Name.MediaBox:
                page.obj[box] = paper
    return _saved(document)


def enlarge_onto_paper(pages_pdf: bytes, paper_size_mm: tuple[float, float]) -> bytes:
    """The same PDF with every page enlarged to fill the (larger) paper's width or height, centred.

    Each page keeps its own drawing, wrapped in one scaling, so its text, tags and language stay as rendered;
    its links are moved with it. Every line stays vector: nothing is blurred.
    """
    document = pikepdf.open(io.BytesIO(pages_pdf))
    paper_width, paper_height = (size * POINTS_PER_MM for size in paper_size_mm)
    for page in document.pages:
        left, bottom, right, top = (float(value) for value in page.mediabox)
        scale = min(paper_width / (right - left), paper_height / (top - bottom))
        shift_x = (paper_width - (right - left) * scale) / 2 - left * scale
        shift_y = (paper_height - (top - bottom) * scale) / 2 - bottom * scale
        page.contents_add(document.make_stream(f"q {scale:.6f} 0 0 {scale:.6f} {shift_x:.3f} {shift_y:.3f} cm\n"
                                               .encode("ascii")), prepend=True)
        page.contents_add(document.make_stream(b"\nQ\n"))
        for annotation in page.obj.get(pikepdf.Name.Annots, []):
            if pikepdf.Name.Rect in annotation:
                x1, y1, x2, y2 = (float(value) for value in annotation.Rect)
                annotation.Rect = pikepdf.Array([round(x1 * scale + shift_x, 3), round(y1 * scale + shift_y, 3),
                                                 round(x2 * scale + shift_x, 3), round(y2 * scale + shift_y, 3)])
        paper = pikepdf.Array([0, 0, round(paper_width, 3), round(paper_height, 3)])
        page.obj.MediaBox = paper
        for box in (pikepdf.Name.CropBox, pikepdf.Name.BleedBox, pikepdf.Name.TrimBox, pikepdf.Name.ArtBox):
            if box in page.obj:
                page.obj[box] = paper
    return _saved(document)


def impose_booklet(pages_pdf: bytes, sheet_size_mm: tuple[float, float], direction: str, title: str) -> bytes:
    """A booklet PDF: two pages side by side on each landscape sheet side, in saddle-stitch order.

    Printed on both sides, flipped on the short edge, then folded and stapled,
    the sheets read in page order (see sheets.saddle_stitch_sides).
    """
    pages = pikepdf.open(io.BytesIO(pages_pdf))
    booklet = pikepdf.new()
    width_pt, height_pt = (size * POINTS_PER_MM for size in sheet_size_mm)
    forms = {}
    for side in saddle_stitch_sides(len(pages.pages), direction):
        booklet.add_blank_page(page_size=(width_pt, height_pt))
        sheet = booklet.pages[-1]
        drawing = []
        for half, number in enumerate((side.left, side.right)):
            if number is None:
                continue  # a blank page, added to make the count a multiple of four
            if number not in forms:
                forms[number] = booklet.copy_foreign(pages.pages[number - 1].as_form_xobject())
            name = sheet.add_resource(forms[number], pikepdf.Name.XObject, pikepdf.Name(f"/Page{number}"))
            page_width, page_height = (float(value) for value in pages.pages[number - 1].mediabox[2:])
            # Centred in its half: the fold runs down the middle of the sheet.
            x = half * width_pt / 2 + (width_pt / 2 - page_width) / 2
            y = (height_pt - page_height) / 2
            drawing.append(f"q 1 0 0 1 {x:.3f} {y:.3f} cm {name} Do Q\n")
        sheet.obj.Contents = booklet.make_stream("".join(drawing).encode("ascii"))
    booklet.docinfo[pikepdf.Name.Title] = title
    booklet.docinfo[pikepdf.Name.Producer] = "handouts"
    _keep_language(pages, booklet)
    return _saved(booklet)
