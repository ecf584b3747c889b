"""Turn rendered PDF pages into PNG pictures sized for a phone screen, to share on messaging apps."""

from __future__ import annotations

import io

import pypdfium2

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
