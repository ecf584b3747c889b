"""Turn a URL into a vector QR code, as SVG markup to place inline in a page."""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from html import escape

import qrcode
from qrcode.constants import ERROR_CORRECT_M
from qrcode.exceptions import DataOverflowError

# The standard's quiet zone: four blank modules on every side, without which
# phone scanners fail on a busy page.
QUIET_ZONE_MODULES = 4


@lru_cache(maxsize=None)
def qr_svg(url: str) -> str:
    """An SVG drawing of the QR code for `url`, sized by the page (its CSS class qr-code).

    qrcode encodes; the drawing is one path with a rectangle per run of dark
    modules along a row, instead of qrcode's SVG square per module: the same
    code, several times fewer path commands to parse, draw and store in each PDF.
    (qrcode 8.2's SvgImage also renders blank in WeasyPrint, and its SvgPathImage
    gives every code the same element id.)
    """
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(url)
    code.make(fit=True)
    matrix = code.get_matrix()  # quiet zone included
    size = len(matrix)
    runs = []
    for y, row in enumerate(matrix):
        x = 0
        while x < size:
            if not row[x]:
                x += 1
                continue
            start = x
            while x < size and row[x]:
                x += 1
            runs.append(f"M{start} {y}h{x - start}v1h-{x - start}z")
    return (f'<svg class="qr-code" viewBox="0 0 {size} {size}" xmlns="http://www.w3.org/2000/svg">'
            # The figure's alternative text in a tagged PDF: a screen reader reads the address.
            f'<title>{escape(url)}</title>'
            f'<rect width="{size}" height="{size}" fill="#fff"/>'
            # Crisp module edges: no anti-aliasing seams between neighbouring runs.
            f'<path shape-rendering="crispEdges" fill="#000" d="{"".join(runs)}"/></svg>')


# Phones read printed modules down to about 0.4 mm.
MINIMUM_MODULE_MM = 0.4
# A phone scans a card's code from about 20 cm away: its symbol, quiet zone not
# counted, is printed at least 20 mm wide (a little more, for printer spread).
CARD_QR_SYMBOL_MM = 20.5


@lru_cache(maxsize=None)
def symbol_modules(url: str) -> int | None:
    """Modules across the code's symbol, quiet zone not counted: more data, more modules.
    None when the address is too long for any QR code."""
    code = qrcode.QRCode(error_correction=ERROR_CORRECT_M, border=QUIET_ZONE_MODULES)
    code.add_data(url)
    try:
        code.make(fit=True)
    except (DataOverflowError, ValueError):  # qrcode 8 says "Invalid version (was 41...)" for some
        return None
    return code.modules_count


@dataclass(frozen=True)
class QrPlacement:
    """Where a product prints a QR code, and so how small its modules get for an address."""

    name: str  # "the card's QR code"
    # The card sizes its code by the symbol; the pamphlet by the whole code, quiet zone included.
    symbol_mm: float | None = None
    whole_mm: float | None = None

    def module_mm(self, url: str) -> float:
        """How wide each module prints; 0 when no QR code can hold the address."""
        modules = symbol_modules(url)
        if modules is None:
            return 0.0
        if self.symbol_mm is not None:
            return self.symbol_mm / modules
        return self.whole_mm / (modules + 2 * QUIET_ZONE_MODULES)


CARD_QR = QrPlacement("the card's QR code", symbol_mm=CARD_QR_SYMBOL_MM)
# The second code of a card, the "Listen" code that plays a recording, has less room (the card's back,
# below the officer's statement): it is scanned by the holder, up close.
LISTEN_QR_SYMBOL_MM = 15.0
LISTEN_QR = QrPlacement("the card's \"Listen\" QR code", symbol_mm=LISTEN_QR_SYMBOL_MM)
# The pamphlet's codes for help lines, the locator and local organizations print
# 22 mm wide at the smallest, quiet zone included (.org-qr, and .help-qr in the
# booklet: templates/style/pamphlet.css).
PAMPHLET_QR = QrPlacement("the pamphlet's QR code", whole_mm=22.0)


def width_with_quiet_zone_mm(url: str, symbol_width_mm: float) -> float:
    """How wide to print the whole code so that its symbol (the dark modules'
    square, without the quiet zone) is `symbol_width_mm` wide."""
    modules = symbol_modules(url)
    return round(symbol_width_mm * (modules + 2 * QUIET_ZONE_MODULES) / modules, 2)
