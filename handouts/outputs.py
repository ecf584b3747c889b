"""The table of everything the tool makes: each kind of output, the files it writes, what it costs to
render; and an output file's name read back into its kind, document and language.

Layout, rendering, the build record, the manifest, the index page, the preview and `check` all read this
table: a new kind of output is a row here, a template, and the function that lays it out.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

PAPERS = ("letter", "a4")
# The large paper of each paper's system, for a poster on a wall: 11 x 17 in (tabloid) beside Letter, A3 beside A4.
LARGE_PAPERS = (("letter", "11x17"), ("a4", "a3"))
# The folder of what is made once for every language (the "I speak" cards and the sheet to point at), beside
# each language's own folder. Not a language tag, so no language's folder can take its name.
EVERY_LANGUAGE = "languages"
# The folder of the sheets that mix several languages' cards (the kit's print_mix), beside the others.
MIXED_LANGUAGES = "mixed"
# The folders that are not one language's.
SHARED_FOLDERS = (EVERY_LANGUAGE, MIXED_LANGUAGES)

# What a file name holds besides the document's name: the paper, a picture's page or a card's side.
_FIELDS = {"page": "[0-9]+", "side": "front|back"}


@dataclass(frozen=True)
class OutputKind:
    """One kind of output: what a document makes of one of its parts."""

    name: str  # "pamphlet", "card-pictures"
    # What --products and a document's `products:` call it; every picture kind is "pictures".
    product: str
    part: str  # the document part it prints: "pamphlet", "card", "poster" or "language_cards"
    # Its files' names after "<document>-", with {paper}, {page} or {side} where they vary.
    files: str
    label: str  # what the index page calls it
    cost: float  # how long it takes to render, relative to a card (see benchmarks/bench.py)
    # For pictures: the kind whose layout they picture, and which must be made for them to be.
    pictures_of: str | None = None
    # Made once for every language, into output/languages/, from every language's catalog.
    every_language: bool = False
    # Made of the cards of the languages the kit's print_mix names, into output/mixed/.
    mixed_languages: bool = False
    # A card, or a sheet of cards: rendered first, so that a card that does not fit is known in seconds.
    card: bool = False
    # Each page carries the kit's help-page QR code, which `check` decodes as a copier sees it.
    help_qr_code: bool = False
    # Printed on one page, and read as one (a poster on a wall): a second page is text that does not fit.
    one_page: bool = False
    # Cards placed in the slots of a sheet (render/impose.py), rather than each card on its own pages.
    on_sheets: bool = False
    # For each of the kit's papers, the paper this kind is printed on, where it is another (as its file
    # names it): a large poster is printed on 11 x 17 in for a kit on Letter.
    paper_names: tuple[tuple[str, str], ...] = ()

    def paper_name(self, paper: str | None) -> str:
        """The paper a file of this kind is printed on, for one of the kit's papers."""
        return dict(self.paper_names).get(paper, paper) if paper else ""

    @property
    def folder(self) -> str | None:
        """The shared folder its files go to; None for a language's own folder."""
        return EVERY_LANGUAGE if self.every_language else MIXED_LANGUAGES if self.mixed_languages else None

    @property
    def per_paper(self) -> bool:
        return "{paper}" in self.files

    @property
    def is_pictures(self) -> bool:
        return self.pictures_of is not None

    @property
    def format(self) -> str:
        return self.files.rsplit(".", 1)[1]

    @property
    def is_text(self) -> bool:
        """Written as it is laid out (a message, a web page): nothing to render."""
        return self.format in ("txt", "html")

    def path(self, language: str, document: str, paper: str | None = None) -> str:
        """Where the output goes, relative to the output folder; for a set of pictures, the pattern of
        their names ("es/know-your-rights-pamphlet-page-*.png")."""
        name = self.files.replace("{paper}", self.paper_name(paper)).replace("{page}", "*").replace("{side}", "*")
        return f"{language}/{document}-{name}"

    def file(self, language: str, document: str, paper: str | None = None, *, page: int | None = None,
             side: str | None = None) -> str:
        """One file of the output: a picture's page or side named."""
        name = (self.files.replace("{paper}", self.paper_name(paper)).replace("{page}", str(page))
                .replace("{side}", side or ""))
        return f"{language}/{document}-{name}"


OUTPUT_KINDS = (
    OutputKind("pamphlet", "pamphlet", "pamphlet", "pamphlet-{paper}.pdf", "Pamphlet", cost=4),
    OutputKind("booklet", "booklet", "pamphlet", "booklet-{paper}.pdf", "Booklet", cost=4),
    # The pamphlet for partly sighted readers: 18 pt and up (the American Printing House for the Blind's large
    # print), one column, numbered lists; about twice the pamphlet's pages.
    OutputKind("large-print", "large-print", "pamphlet", "large-print-{paper}.pdf", "Large print (18 pt)", cost=8),
    OutputKind("card", "card", "card", "card.pdf", "Card (wallet size)", cost=1, card=True, help_qr_code=True),
    OutputKind("card-sheet", "card-sheet", "card", "card-sheet-{paper}.pdf", "Card sheet for office printers",
               cost=1.5, card=True, help_qr_code=True, on_sheets=True),
    OutputKind("print-sheet", "print-sheet", "card", "print-sheet-{paper}.pdf", "Print-shop card sheet",
               cost=1.5, card=True, help_qr_code=True, on_sheets=True),
    # The print-shop card alone, front then back, with its bleed and trim box: for a shop that lays out its
    # own sheets. The same layout as the print-shop sheet's card: it costs no rendering of its own.
    OutputKind("print-card", "print-card", "card", "print-card-{paper}.pdf", "Print-shop card, one with bleed",
               cost=0.2, card=True, help_qr_code=True),
    # Several languages' print-shop cards on the same sheets, as many of each as the kit's print_mix says.
    OutputKind("mixed-print-sheet", "print-sheet", "card", "print-sheet-{paper}.pdf",
               "Print-shop card sheet, languages mixed", cost=1.5, card=True, help_qr_code=True, on_sheets=True,
               mixed_languages=True),
    OutputKind("poster", "poster", "poster", "poster-{paper}.pdf", "Poster", cost=1.5, help_qr_code=True,
               one_page=True),
    # The poster's page enlarged for a wall (render/impose.py): the same layout, no rendering of its own.
    OutputKind("large-poster", "poster", "poster", "poster-{paper}.pdf", "Poster, large", cost=0.3,
               help_qr_code=True, one_page=True, paper_names=LARGE_PAPERS),
    # The "I speak" cards: every language's card in one PDF, and on sheets; the sheet to point at.
    OutputKind("language-cards", "card", "language_cards", "card.pdf", "Cards (wallet size), one per language",
               cost=2, every_language=True, card=True),
    OutputKind("language-card-sheet", "card-sheet", "language_cards", "card-sheet-{paper}.pdf",
               "Card sheet for office printers", cost=2, every_language=True, card=True, on_sheets=True),
    OutputKind("language-print-sheet", "print-sheet", "language_cards", "print-sheet-{paper}.pdf",
               "Print-shop card sheet", cost=2, every_language=True, card=True, on_sheets=True),
    OutputKind("language-print-card", "print-card", "language_cards", "print-card-{paper}.pdf",
               "Print-shop cards, each with bleed", cost=0.2, every_language=True, card=True),
    OutputKind("language-sheet", "language-sheet", "language_cards", "language-sheet-{paper}.pdf",
               "Point-to-your-language sheet", cost=2, every_language=True),
    OutputKind("language-sheet-pictures", "pictures", "language_cards", "language-sheet-phone.png",
               "Point-to-your-language sheet, picture for phones", cost=2, pictures_of="language-sheet",
               every_language=True),
    OutputKind("pamphlet-pictures", "pictures", "pamphlet", "pamphlet-page-{page}.png", "Pamphlet page {page} picture",
               cost=4, pictures_of="pamphlet"),
    OutputKind("card-pictures", "pictures", "card", "card-{side}.png", "Card {side} picture", cost=1,
               pictures_of="card", card=True),
    OutputKind("poster-pictures", "pictures", "poster", "poster-page-{page}.png", "Poster page {page} picture",
               cost=1.5, pictures_of="poster", one_page=True),
    # The document as text for messaging apps (layout/messages.py): written, not rendered. The poster's row
    # first: its files' names end as the other's do, and are read back by the longer name.
    OutputKind("poster-message", "message", "poster", "poster-message.txt", "Poster as a message (WhatsApp, SMS)",
               cost=0.05),
    OutputKind("message", "message", "pamphlet", "message.txt", "Message (WhatsApp, SMS): the card, then the guide",
               cost=0.05),
    # The guide as one self-contained web page for phones and screen readers (templates/page.html.j2).
    OutputKind("page", "page", "pamphlet", "page.html", "Web page (phones, screen readers)", cost=0.05),
)
KINDS = {kind.name: kind for kind in OUTPUT_KINDS}
# What a build may be asked for, in the order a reader looks for it.
PRODUCTS = tuple(dict.fromkeys(kind.product for kind in OUTPUT_KINDS))


def products_of_parts(parts: Iterable[str]) -> tuple[str, ...]:
    """What a document with these parts can make, in PRODUCTS' order."""
    parts = set(parts)
    return tuple(product for product in PRODUCTS
                 if any(kind.product == product and kind.part in parts for kind in OUTPUT_KINDS))


def kinds_made(parts: Iterable[str], products: Iterable[str], asked: Iterable[str],
               mixed: bool = False) -> list[OutputKind]:
    """The kinds of output a document with these parts and products makes when these products are asked
    for, in the table's order: a picture kind when its document makes what it pictures, and pictures. With
    `mixed`, the kinds that mix languages, and only those."""
    parts, products, asked = set(parts), set(products), set(asked)
    made = []
    for kind in OUTPUT_KINDS:
        if kind.part not in parts or kind.product not in products or kind.product not in asked:
            continue
        if kind.mixed_languages != mixed:
            continue
        if kind.is_pictures and KINDS[kind.pictures_of].product not in products:
            continue
        made.append(kind)
    return made


@dataclass(frozen=True)
class OutputFile:
    """What an output file's name says of it."""

    language: str  # its folder: a BCP 47 tag, or one of SHARED_FOLDERS
    document: str  # the kit's document it is printed from: "know-your-rights"
    kind: OutputKind
    paper: str | None
    side: str | None  # a card picture's side
    page: int | None  # a page picture's number, from 1

    @property
    def product(self) -> str:
        """What the file is a product or a picture of: "pamphlet" for a pamphlet page's picture too."""
        return KINDS[self.kind.pictures_of].product if self.kind.is_pictures else self.kind.product

    @property
    def output_path(self) -> str:
        """The output it is one file of (a set of pictures is one output)."""
        return self.kind.path(self.language, self.document, self.paper)


def _name_pattern(kind: OutputKind) -> re.Pattern[str]:
    pattern = re.escape(kind.files)
    papers = "|".join(kind.paper_name(paper) for paper in PAPERS)
    for name, values in {"paper": papers, **_FIELDS}.items():
        pattern = pattern.replace(re.escape(f"{{{name}}}"), f"(?P<{name}>{values})")
    return re.compile(rf"^(?P<document>[a-z0-9]+(?:-[a-z0-9]+)*?)-{pattern}$")


_NAME_PATTERNS = [(kind, _name_pattern(kind)) for kind in OUTPUT_KINDS]


def describe(relative_path: str) -> OutputFile | None:
    """What an output file is, from its path under the output folder ("es/know-your-rights-card.pdf");
    None for a file that is not one."""
    language, _, name = relative_path.rpartition("/")
    if "/" in language:
        return None
    for kind, pattern in _NAME_PATTERNS:
        if kind.folder != (language if language in SHARED_FOLDERS else None):
            continue
        if match := pattern.match(name):
            fields = match.groupdict()
            page = int(fields["page"]) if fields.get("page") else (1 if kind.is_pictures and "{" not in kind.files
                                                                    else None)
            return OutputFile(language, match["document"], kind, fields.get("paper"), fields.get("side"), page)
    return None
