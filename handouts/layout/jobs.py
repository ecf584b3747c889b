"""The render job: what layout hands to rendering, one per output."""

from __future__ import annotations

from dataclasses import dataclass

from ..outputs import OutputKind
from .card_stocks import CardStock


@dataclass(frozen=True)
class RenderJob:
    """One output to render: which kind of output, of which document and language, on which paper, and
    the HTML to lay out (for a text output, its text)."""

    kind: OutputKind
    language: str  # its folder: a BCP 47 tag, or EVERY_LANGUAGE
    document: str  # the kit's document it is printed from: "know-your-rights"
    paper: str | None  # None for a single card and for pictures
    html: str
    # A card's tighter layout, for when the regular one does not fit (still no text under 6.5 pt).
    compact: "RenderJob | None" = None
    # For a pamphlet: a tighter layout, printed instead when the regular one leaves its last page almost
    # empty and the tighter one needs a page fewer (a sheet of paper fewer for every copy made).
    shorter: "RenderJob | None" = None
    # For a card sheet: the stock whose slots the rendered card is imposed on.
    stock: CardStock | None = None
    # For a pamphlet, booklet or poster: the paper its pages are placed on (mm, width x height).
    paper_size_mm: tuple[float, float] | None = None
    # For a booklet: which way its pages turn, so which side it opens from.
    direction: str = "ltr"
    # For a card sheet: how the sheet is turned over to print the backs.
    flip: str = "long-edge"
    title: str = ""
    # For a sheet of several languages' cards: each language's card and how many of it the sheets hold.
    parts: tuple[tuple["RenderJob", int], ...] = ()

    @property
    def relative_path(self) -> str:
        return self.kind.path(self.language, self.document, self.paper)
