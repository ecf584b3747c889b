"""Turn a rendered two-sided card into a sheet of cards: each side placed on the stock's slots, with cut marks."""

from __future__ import annotations

import io

from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    NameObject,
)

from .sheets import CardStock, Placement, back_placements, cut_marks, front_placements

POINTS_PER_MM = 72 / 25.4
CUT_MARK_WIDTH_PT = 0.5


def impose_card_sheet(card_pdf: bytes, stock: CardStock, title: str) -> bytes:
    """A sheet PDF: page 1 the fronts, page 2 the backs, where a long-edge flip puts them.

    The card is laid out once; each side becomes one form that the sheet draws
    in every slot, so ten cards cost one layout and are stored once.
    """
    card = PdfReader(io.BytesIO(card_pdf))
    writer = PdfWriter()
    width_pt, height_pt = (size * POINTS_PER_MM for size in stock.paper_size_mm)
    for side, placements, marks in ((0, front_placements(stock), True), (1, back_placements(stock), False)):
        form = _page_as_form(card.pages[side], writer)
        sheet = writer.add_blank_page(width=width_pt, height=height_pt)
        sheet[NameObject("/Resources")] = DictionaryObject({
            NameObject("/XObject"): DictionaryObject({NameObject("/Card"): form}),
        })
        drawing = "".join(_place(slot, stock, height_pt) for slot in placements)
        if marks:
            drawing += _cut_marks(stock, height_pt)
        content = DecodedStreamObject()
        content.set_data(drawing.encode("ascii"))
        sheet[NameObject("/Contents")] = writer._add_object(content.flate_encode())
    writer.add_metadata({"/Title": title, "/Producer": "handouts"})
    # The same input must give the same bytes: no random file identifier.
    writer._ID = None
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def _page_as_form(page, writer: PdfWriter):
    data = page.get_contents().get_data()
    form = DecodedStreamObject()
    form.set_data(data)
    form.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(value) for value in page.mediabox]),
        NameObject("/Resources"): page["/Resources"].clone(writer),
    })
    return writer._add_object(form.flate_encode())


def _place(slot: Placement, stock: CardStock, page_height_pt: float) -> str:
    """Draw the card form with its top-left corner at the slot (PDF's origin is bottom-left)."""
    x = slot.x_mm * POINTS_PER_MM
    y = page_height_pt - (slot.y_mm + stock.card_size_mm[1]) * POINTS_PER_MM
    return f"q 1 0 0 1 {x:.3f} {y:.3f} cm /Card Do Q\n"


def _cut_marks(stock: CardStock, page_height_pt: float) -> str:
    lines = [f"q 0 G {CUT_MARK_WIDTH_PT} w"]
    for mark in cut_marks(stock):
        lines.append(f"{mark.x1_mm * POINTS_PER_MM:.3f} {page_height_pt - mark.y1_mm * POINTS_PER_MM:.3f} m "
                     f"{mark.x2_mm * POINTS_PER_MM:.3f} {page_height_pt - mark.y2_mm * POINTS_PER_MM:.3f} l S")
    lines.append("Q\n")
    return "\n".join(lines)
