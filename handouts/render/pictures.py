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
    return [_png(page) for page in _pages(pdf)]


def one_long_picture(pdf: bytes, margin_px: int = 40) -> bytes:
    """Every page of the PDF, one under the other, as one greyscale PNG to scroll on a phone, its blank
    foot cut off: a page laid out taller than its text needs, or too short (the rest on a next page), still
    gives one picture of everything, with no empty screen at the end."""
    pages = [page.convert("L") for page in _pages(pdf)]
    # The lowest row with any ink on each page: white below it.
    ends = [(ImageOps.invert(page).getbbox() or (0, 0, 0, 0))[3] for page in pages]
    picture = Image.new("L", (PICTURE_WIDTH_PX, sum(ends) + margin_px), 255)
    top = 0
    for page, end in zip(pages, ends):
        picture.paste(page.crop((0, 0, PICTURE_WIDTH_PX, end)), (0, top))
        top += end
    return _png(picture)


def _pages(pdf: bytes) -> list[Image.Image]:
    """Each page of the PDF, rendered in grey, PICTURE_WIDTH_PX wide."""
    document = pypdfium2.PdfDocument(pdf)
    try:
        return [page.render(scale=PICTURE_WIDTH_PX / page.get_width(), grayscale=True).to_pil() for page in document]
    finally:
        document.close()


def _png(picture: Image.Image) -> bytes:
    output = io.BytesIO()
    picture.save(output, "PNG")
    return output.getvalue()
