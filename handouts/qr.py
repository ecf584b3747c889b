"""Turn a URL into a vector QR code, as SVG markup to place inline in a page."""

from __future__ import annotations

import re
from functools import lru_cache

import qrcode
import qrcode.image.svg
from qrcode.constants import ERROR_CORRECT_M

# The standard's quiet zone: four blank modules on every side, without which
# phone scanners fail on a busy page.
QUIET_ZONE_MODULES = 4


@lru_cache(maxsize=None)
def qr_svg(url: str) -> str:
    """An SVG drawing of the QR code for `url`, sized by the page (width 100%)."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE_MODULES,
                         image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    # SvgPathImage names every code's path id="qr-path"; ten cards on a sheet
    # would then share one id, so the id goes (nothing refers to it).
    svg = svg.replace(' id="qr-path"', "")
    # Its fixed size in mm would fight the layout: the page's CSS sizes the code.
    svg = re.sub(r'^<svg width="[^"]+" height="[^"]+"', '<svg class="qr-code"', svg)
    # Crisp module edges: no anti-aliasing seams between neighbouring squares.
    return svg.replace("<path ", '<path shape-rendering="crispEdges" ', 1)


# Phones read printed modules down to about 0.4 mm.
MINIMUM_MODULE_MM = 0.4
# A phone scans a card's code from about 20 cm away: its symbol, quiet zone not
# counted, is printed at least 20 mm wide (a little more, for printer spread).
CARD_QR_SYMBOL_MM = 20.5


def symbol_modules(url: str) -> int:
    """Modules across the code's symbol, quiet zone not counted: more data, more modules."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(url)
    code.make(fit=True)
    return code.modules_count


def width_with_quiet_zone_mm(url: str, symbol_width_mm: float) -> float:
    """How wide to print the whole code so that its symbol (the dark modules'
    square, without the quiet zone) is `symbol_width_mm` wide."""
    modules = symbol_modules(url)
    return round(symbol_width_mm * (modules + 2 * QUIET_ZONE_MODULES) / modules, 2)
