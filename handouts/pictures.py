"""Turn rendered PDF pages into PNG pictures sized for a phone screen, to share on messaging apps."""

from __future__ import annotations

import io

import pypdfium2
from PIL import Image, ImageOps

# A phone screen's width in pixels: sharp on most phones, small enough to send.
PICTURE_WIDTH_PX = 1080


def page_pictures(pdf: bytes) -> list[bytes]:
    """Each page of the PDF as a greyscale PNG, PICTURE_WIDTH_PX wide.

    Greyscale: the handouts are black on white, and a grey PNG is a third the
    size of a colour one.
    """
    document = pypdfium2.PdfDocument(pdf)
    pictures = []
    for page in document:
        bitmap = page.render(scale=PICTURE_WIDTH_PX / page.get_width(), grayscale=True)
        output = io.BytesIO()
        bitmap.to_pil().save(output, "PNG")
        pictures.append(output.getvalue())
    document.close()
    return pictures


def one_long_picture(pdf: bytes, margin_px: int = 40) -> bytes:
    """Every page of the PDF, one under the other, as one greyscale PNG to scroll on a phone, its blank
    foot cut off: a page laid out taller than its text needs, or too short (the rest on a next page), still
    gives one picture of everything, with no empty screen at the end."""
    document = pypdfium2.PdfDocument(pdf)
    pages = [page.render(scale=PICTURE_WIDTH_PX / page.get_width(), grayscale=True).to_pil().convert("L")
             for page in document]
    document.close()
    # The lowest row with any ink on each page: white below it.
    ends = [(ImageOps.invert(page).getbbox() or (0, 0, 0, 0))[3] for page in pages]
    height = sum(ends[:-1]) + ends[-1] + margin_px
    picture = Image.new("L", (PICTURE_WIDTH_PX, height), 255)
    top = 0
    for page, end in zip(pages, ends):
        picture.paste(page.crop((0, 0, PICTURE_WIDTH_PX, end)), (0, top))
        top += end
    output = io.BytesIO()
    picture.save(output, "PNG")
    return output.getvalue()
