"""Turn an Edition into the render jobs of its pamphlet, booklet, card and poster: one per output and paper,
its HTML ready to render."""

from __future__ import annotations

from typing import Callable

import jinja2

from ..i18n.editions import Edition
from ..outputs import MIXED_LANGUAGES, OutputKind
from ..qr import CARD_QR_SYMBOL_MM, LISTEN_QR_SYMBOL_MM, width_with_quiet_zone_mm
from .card_stocks import CARD_STOCKS, PRINT_SHOP_SHEETS, SAFE_ZONE_MM, CardStock
from .jobs import RenderJob
from .messages import pamphlet_message, poster_message
from .templates import render

# A card's layouts, from the roomiest to the tightest: the first that fits is printed.
CARD_DENSITIES = ("regular", "compact", "tight")
# ID-1 (ISO/IEC 7810), the size of a bank card: fits any wallet.
ID1_CARD_MM = (85.6, 54.0)
PAPER_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}
# The large paper beside each (outputs.LARGE_PAPERS): 11 x 17 in, and A3.
LARGE_PAPER_SIZES_MM = {"letter": (279.4, 431.8), "a4": (297.0, 420.0)}
# The pamphlet is laid out once, on the area that both Letter and A4 hold (A4's
# width, Letter's height), and placed centred on each paper (render/impose.py): the two
# papers then carry the same pages, page for page, and cost one layout.
PAMPHLET_PAGE_MM = (min(size[0] for size in PAPER_SIZES_MM.values()),
                    min(size[1] for size in PAPER_SIZES_MM.values()))
# The booklet's pages: half a sheet each, so half-letter on Letter and A5 on A4;
# laid out once on the area both hold, like the pamphlet.
BOOKLET_PAGE_MM = (min(size[1] / 2 for size in PAPER_SIZES_MM.values()),
                   min(size[0] for size in PAPER_SIZES_MM.values()))


class EditionPages:
    """One edition's pages as HTML, each rendered from its template once, however many outputs print it
    (the pamphlet's papers and its pictures share one; render/pool.py lays them out once)."""

    def __init__(self, edition: Edition, environment: jinja2.Environment):
        self.edition = edition
        self.environment = environment
        content = edition.content
        self.common = {"edition": edition, "content": content,
                       "card_qr_mm": width_with_quiet_zone_mm(content.settings.help_url, CARD_QR_SYMBOL_MM)}
        self.common["qr_quiet_zone_mm"] = (self.common["card_qr_mm"] - CARD_QR_SYMBOL_MM) / 2
        # A recording's "Listen" code, where the edition has a current one.
        self.common["listen_qr_mm"] = (width_with_quiet_zone_mm(edition.listen, LISTEN_QR_SYMBOL_MM)
                                       if edition.listen else 0)
        self._made: dict[tuple, str] = {}

    def html(self, template: str, **settings) -> str:
        key = (template, tuple(sorted(settings.items())))
        if key not in self._made:
            self._made[key] = render(self.environment, template, **settings, **self.common)
        return self._made[key]

    @property
    def title(self) -> str:
        return self.edition.text(self.edition.content.title)

    def job(self, kind: OutputKind, paper: str | None, html: str, **details) -> RenderJob:
        return RenderJob(kind, self.edition.code, self.edition.content.document, paper, html,
                         title=details.pop("title", self.title), **details)

    def pamphlet(self, density: str = "regular", page_mm: tuple[float, float] = PAMPHLET_PAGE_MM,
                 booklet: bool = False, large_print: bool = False) -> str:
        """The pamphlet's template, as the pamphlet (in its regular or compact layout), the booklet's smaller
        pages or the large-print edition."""
        return self.html("pamphlet.html.j2", page_size=_page_size(page_mm), booklet=booklet, density=density,
                         large_print=large_print)

    def pamphlet_job(self, kind: OutputKind, paper: str | None) -> RenderJob:
        """The pamphlet: its regular layout, and its compact one for when that leaves a last page almost empty."""
        details = {"paper_size_mm": PAPER_SIZES_MM[paper]} if paper else {}
        return self.job(kind, paper, self.pamphlet(),
                        shorter=self.job(kind, paper, self.pamphlet("compact"), **details), **details)

    def poster(self, density: str = "regular") -> str:
        return self.html("poster.html.j2", page_size=_page_size(PAMPHLET_PAGE_MM), density=density)

    def poster_job(self, kind: OutputKind, paper: str | None, sizes: dict = PAPER_SIZES_MM) -> RenderJob:
        """The poster on one page: its regular layout, and its compact one for when that runs onto a second;
        placed on the paper's size in `sizes`."""
        details = {"paper_size_mm": sizes[paper]} if paper else {}
        return self.job(kind, paper, self.poster(), compact=self.job(kind, paper, self.poster("compact"), **details),
                        **details)

    def card(self, kind: OutputKind, paper: str | None, stock: CardStock | None) -> RenderJob:
        """A card, laid out at its stock's size (the wallet card's, with none): its regular layout, and its
        compact one for when that does not fit. render/impose.py puts it on its sheet."""
        card = self.edition.content.card
        design, size = (stock.card_design, stock.card_size_mm) if stock else ("id1", ID1_CARD_MM)
        bleed, safe = (stock.bleed_mm, stock.safe_zone_mm) if stock else (0, SAFE_ZONE_MM)
        flip = self.edition.content.settings.print_shop_flip if stock is not None and stock.bleed_mm else "long-edge"

        def html_of(density: str) -> str:
            return self.html("card.html.j2", card_design=design, card_size=size, density=density, bleed_mm=bleed,
                             safe_zone_mm=safe)
        title = self.edition.text(card.front.title)
        # Each layout tighter than the last, for a language whose text needs it (still nothing under 6.5 pt).
        job = None
        for density in reversed(CARD_DENSITIES):
            job = self.job(kind, paper, html_of(density), stock=stock, title=title, flip=flip, compact=job)
        return job


def _page_size(size_mm: tuple[float, float]) -> str:
    return " ".join(f"{size}mm" for size in size_mm)


def _pamphlets(pages: EditionPages, kind: OutputKind, papers: tuple[str, ...]) -> list[RenderJob]:
    # The same HTML for every paper: render/pool.py lays it out once.
    return [pages.pamphlet_job(kind, paper) for paper in papers]


def _booklets(pages: EditionPages, kind: OutputKind, papers: tuple[str, ...]) -> list[RenderJob]:
    html = pages.pamphlet(page_mm=BOOKLET_PAGE_MM, booklet=True)
    return [pages.job(kind, paper, html, paper_size_mm=PAPER_SIZES_MM[paper][::-1],
                      direction=pages.edition.direction) for paper in papers]


def _large_prints(pages: EditionPages, kind: OutputKind, papers: tuple[str, ...]) -> list[RenderJob]:
    # The pamphlet's text in its large-print layout: laid out once, like the pamphlet, and placed on each paper.
    html = pages.pamphlet(large_print=True)
    return [pages.job(kind, paper, html, paper_size_mm=PAPER_SIZES_MM[paper]) for paper in papers]


def _posters(pages: EditionPages, kind: OutputKind, papers: tuple[str, ...]) -> list[RenderJob]:
    return [pages.poster_job(kind, paper) for paper in papers]


def _large_posters(pages: EditionPages, kind: OutputKind, papers: tuple[str, ...]) -> list[RenderJob]:
    return [pages.poster_job(kind, paper, LARGE_PAPER_SIZES_MM) for paper in papers]


def _card_sheets(stocks: dict[str, CardStock]) -> Callable[[EditionPages, OutputKind, tuple[str, ...]],
                                                            list[RenderJob]]:
    return lambda pages, kind, papers: [pages.card(kind, paper, stocks[paper]) for paper in papers]


# How each kind of output of a pamphlet, card or poster is laid out (the "I speak" cards': i_speak.py).
LAYOUTS: dict[str, Callable[[EditionPages, OutputKind, tuple[str, ...]], list[RenderJob]]] = {
    "pamphlet": _pamphlets,
    "booklet": _booklets,
    "large-print": _large_prints,
    "card": lambda pages, kind, papers: [pages.card(kind, None, None)],
    "card-sheet": _card_sheets(CARD_STOCKS),
    "print-sheet": _card_sheets(PRINT_SHOP_SHEETS),
    "print-card": _card_sheets(PRINT_SHOP_SHEETS),
    "poster": _posters,
    "large-poster": _large_posters,
    # Pictures share the layout of what they picture: render/pool.py lays each out once for both.
    "pamphlet-pictures": lambda pages, kind, papers: [pages.pamphlet_job(kind, None)],
    "card-pictures": lambda pages, kind, papers: [pages.card(kind, None, None)],
    "poster-pictures": lambda pages, kind, papers: [pages.poster_job(kind, None)],
    # Text for messaging apps: the job holds the message itself.
    "message": lambda pages, kind, papers: [pages.job(kind, None, pamphlet_message(pages.edition))],
    "poster-message": lambda pages, kind, papers: [pages.job(kind, None, poster_message(pages.edition))],
    "page": lambda pages, kind, papers: [pages.job(kind, None, pages.html("page.html.j2", web_page=True,
                                                                          large_print=False))],
}


def lay_out_mixed_sheets(mix: list[tuple[Edition, int]], kinds: list[OutputKind], papers: tuple[str, ...],
                         environment: jinja2.Environment) -> list[RenderJob]:
    """The print-shop sheets that mix several editions' cards, as many of each as `mix` says: each
    edition's card laid out as on its own print-shop sheet, to be put on the sheets in the mix's order."""
    pages = [(EditionPages(edition, environment), count) for edition, count in mix]
    first = pages[0][0]
    title = f"{first.edition.text(first.edition.content.card.front.title)}: " + ", ".join(
        f"{edition.code} × {count}" for edition, count in mix)
    jobs = []
    for kind in kinds:
        for paper in papers:
            stock = PRINT_SHOP_SHEETS[paper]
            parts = tuple((page.card(kind, paper, stock), count) for page, count in pages)
            # What the sheets print, for the build record: every card's layout, and how many of each.
            html = "\n".join(f"<!-- {count} × -->\n{job.html}" for job, count in parts)
            jobs.append(RenderJob(kind, MIXED_LANGUAGES, first.edition.content.document, paper, html, stock=stock,
                                  flip=parts[0][0].flip, title=title, parts=parts))
    return jobs


def lay_out(edition: Edition, kinds: list[OutputKind], papers: tuple[str, ...],
            environment: jinja2.Environment) -> list[RenderJob]:
    """The render jobs of one edition, for each kind of output asked for and each paper."""
    pages = EditionPages(edition, environment)
    return [job for kind in kinds for job in LAYOUTS[kind.name](pages, kind, papers)]
