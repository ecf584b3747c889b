"""Turn an Edition into HTML documents: one per product and paper, ready to render."""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import jinja2
from markupsafe import Markup, escape

from .edition import (
    LEFT_TO_RIGHT_ISOLATE,
    LEFT_TO_RIGHT_MARK,
    POP_DIRECTIONAL_ISOLATE,
    Edition,
)
from .kit import KitDocument
from .model import BulletList, Notice, Paragraph, Steps
from .qr import CARD_QR_SYMBOL_MM, qr_svg, width_with_quiet_zone_mm
from .sheets import CARD_STOCKS, PRINT_SHOP_SHEETS, CardStock
from .tokens import DATA_TOKEN, E_MAIL, WEB_ADDRESS

# The pictures are made from the layouts of the PDFs: the pamphlet's pages, the
# card's two sides and the poster. Each is one output, named for its files.
PICTURE_OUTPUTS = {"pamphlet-pictures": "pamphlet-page-*.png", "card-pictures": "card-*.png",
                   "poster-pictures": "poster-page-*.png", "language-sheet-pictures": "language-sheet-phone.png"}
# The pictures each part of a document gives, when the document makes the part's product and pictures:
# the "I speak" cards give a picture of the sheet to point at, none of their cards.
PICTURES_OF_PART = {"pamphlet": ("pamphlet", "pamphlet-pictures"), "card": ("card", "card-pictures"),
                    "poster": ("poster", "poster-pictures"),
                    "language_cards": ("language-sheet", "language-sheet-pictures")}

# ID-1 (ISO/IEC 7810), the size of a bank card: fits any wallet.
ID1_CARD_MM = (85.6, 54.0)
PAPER_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}
# The pamphlet is laid out once, on the area that both Letter and A4 hold (A4's
# width, Letter's height), and placed centred on each paper (impose.py): the two
# papers then carry the same pages, page for page, and cost one layout.
PAMPHLET_PAGE_MM = (min(size[0] for size in PAPER_SIZES_MM.values()),
                    min(size[1] for size in PAPER_SIZES_MM.values()))
# The booklet's pages: half a sheet each, so half-letter on Letter and A5 on A4;
# laid out once on the area both hold, like the pamphlet.
BOOKLET_PAGE_MM = (min(size[1] / 2 for size in PAPER_SIZES_MM.values()),
                   min(size[0] for size in PAPER_SIZES_MM.values()))


@dataclass(frozen=True)
class Document:
    """One PDF to be: what it is, where it goes, and its HTML."""

    language: str
    product: str
    paper: str | None  # None for the single card, whose size is its own
    html: str
    document: str = ""  # the kit's document it is printed from: "know-your-rights"
    # A card's tighter layout, for when the regular one does not fit (still no
    # text under 6.5 pt).
    compact: "Document | None" = None
    # For a card sheet: the stock whose slots the rendered card is imposed on.
    stock: CardStock | None = None
    # For a pamphlet or booklet: the paper its pages are placed on (mm, width x height).
    paper_size_mm: tuple[float, float] | None = None
    # For a booklet: which way its pages turn, so which side it opens from.
    direction: str = "ltr"
    # For a card sheet: how the sheet is turned over to print the backs.
    flip: str = "long-edge"
    title: str = ""

    @property
    def relative_path(self) -> str:
        return output_path(self.language, self.document, self.product, self.paper)


def output_path(language: str, document: str, product: str, paper: str | None) -> str:
    """Where a product goes: output/<language>/<document>-<product>[-<paper>].pdf, or the pattern of its pictures."""
    if product in PICTURE_OUTPUTS:
        return f"{language}/{document}-{PICTURE_OUTPUTS[product]}"
    return f"{language}/{document}-{product}-{paper}.pdf" if paper else f"{language}/{document}-{product}.pdf"


def output_paths(language: str, document: KitDocument, products: tuple[str, ...],
                 papers: tuple[str, ...]) -> list[str]:
    """Every output path of one language (or EVERY_LANGUAGE) and document, in the order lay_out (or
    lay_out_language_cards) makes them."""
    paths = []
    chosen = [product for product in document.products if product in products]
    for product in chosen:
        if product == "card":
            paths.append(output_path(language, document.name, product, None))
        elif product == "pictures":
            paths += [output_path(language, document.name, pictures, None)
                      for part, (made, pictures) in PICTURES_OF_PART.items()
                      if getattr(document, part) and made in document.products]
        else:
            paths += [output_path(language, document.name, product, paper) for paper in papers]
    return paths


@functools.lru_cache(maxsize=8)
def template_environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """The templates, looked for in order: a kit's own templates/ first, then the tool's.

    One per process and search path: each template is compiled once, and again only when its file
    changes (Jinja checks), as in a preview server that builds at every save."""
    environment = jinja2.Environment(
        loader=jinja2.FileSystemLoader(template_dirs),
        autoescape=True,
        # A missing value must stop the build, never print as an empty line.
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["css_string"] = css_string
    environment.filters["html_text"] = html_text
    environment.globals.update(
        qr_svg=lambda url: Markup(qr_svg(url)),
        is_paragraph=lambda block: isinstance(block, Paragraph),
        is_notice=lambda block: isinstance(block, Notice),
        is_list=lambda block: isinstance(block, BulletList),
        is_steps=lambda block: isinstance(block, Steps),
        css_string=css_string,
        css_content=css_content,
        # A style sheet from the same search path as the templates: a kit may replace one.
        stylesheet=lambda name: _first_file(template_dirs, name).as_uri(),
    )
    return environment


def _first_file(folders: tuple[Path, ...], name: str) -> Path:
    for folder in folders:
        if (folder / name).is_file():
            return (folder / name).resolve()
    raise jinja2.TemplateNotFound(name)


ISOLATED_RUN = re.compile(f"{LEFT_TO_RIGHT_ISOLATE}(.*?){POP_DIRECTIONAL_ISOLATE}", re.DOTALL)
ADDRESS = re.compile(f"{WEB_ADDRESS}|{E_MAIL}")
# A name of two or three Latin words ("CBP One", "Form I-862") inside text of
# another script: kept on one line, as a reader looks it up.
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.'-]*(?: [A-Za-z0-9][A-Za-z0-9.'-]*){1,2}")
OTHER_SCRIPT_LETTER = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F]")


def html_text(text: str) -> Markup:
    """A printed string as HTML: escaped, each left-to-right run in an element of its own.

    WeasyPrint loses Unicode isolates at a line break (the rest of the line is laid
    out again in the paragraph's direction), but keeps an element's dir="ltr" on
    every line. So each run the edition isolated (a code, a number, an address, an
    English sentence printed for want of a translation) becomes a dir="ltr" span
    that wraps like any text, and each code, phone number and date is kept whole on
    one line. The isolates come from the edition only: no content or catalog may hold one.
    """
    pieces = []
    position = 0
    keep_names = OTHER_SCRIPT_LETTER.search(text) is not None
    for run in ISOLATED_RUN.finditer(text):
        pieces.append(_with_data_spans(text[position:run.start()], keep_names))
        inner = run.group(1).replace(LEFT_TO_RIGHT_MARK, "")
        if DATA_TOKEN.fullmatch(inner):
            pieces.append(_data_span(inner))
        else:
            pieces.append(Markup('<span dir="ltr" class="ltr-run">{}</span>').format(_with_data_spans(inner)))
        position = run.end()
    pieces.append(_with_data_spans(text[position:], keep_names))
    return Markup("").join(pieces)


def _with_data_spans(text: str, keep_names: bool = False) -> Markup:
    pieces = []
    position = 0
    for token in DATA_TOKEN.finditer(text):
        pieces += [_with_names_kept(text[position:token.start()], keep_names), _data_span(token.group(0))]
        position = token.end()
    pieces.append(_with_names_kept(text[position:], keep_names))
    return Markup("").join(pieces)


def _with_names_kept(text: str, keep_names: bool) -> Markup:
    if not keep_names:
        return escape(text)
    pieces = []
    position = 0
    for name in LATIN_NAME.finditer(text):
        pieces += [escape(text[position:name.start()]),
                   Markup('<span class="latin-name">{}</span>').format(name.group(0))]
        position = name.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def _data_span(token: str) -> Markup:
    # A code or a phone number must not break at its hyphen; an address may, at its slashes.
    kind = "data-address" if ADDRESS.fullmatch(token) else "data-number"
    return Markup('<span dir="ltr" class="{}">{}</span>').format(kind, token)


# Characters a CSS string may hold as they are: letters, marks and digits of any
# script, spaces, and punctuation that means nothing to CSS inside a string.
_CSS_STRING_SAFE_PUNCTUATION = frozenset(" .,:!?()%-/")


def css_string(value: str) -> Markup:
    """A CSS string literal holding `value`, for generated content such as page footers.

    It goes inside a <style> element, where HTML escaping does not apply. Every
    character that could end the string, the declaration or the element (quotes,
    backslashes, line breaks, carriage returns, braces, semicolons, "<") is
    written as a CSS escape, and so is anything else that is not a letter, mark,
    digit, space or harmless punctuation: no text can leave the string it is in.
    """
    escaped = "".join(
        character if (character in _CSS_STRING_SAFE_PUNCTUATION
                      or unicodedata.category(character)[0] in "LMN") else f"\\{ord(character):X} "
        for character in value)
    return Markup(f'"{escaped}"')


def css_content(template: str, **counters: str) -> Markup:
    """A CSS `content` value from a label with {placeholders} standing for counters.

    "Page {page} of {pages}" becomes "Page " counter(page) " of " counter(pages),
    so a translation may put the numbers wherever its grammar wants them.
    """
    parts: list[str] = []
    rest = template
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0:
            parts.append(css_string(rest))
            break
        if start:
            parts.append(css_string(rest[:start]))
        name = rest[start + 1:end]
        parts.append(counters[name])
        rest = rest[end + 1:]
    return Markup(" ".join(parts))


def lay_out(edition: Edition, products: tuple[str, ...], papers: tuple[str, ...],
            environment: jinja2.Environment) -> list[Document]:
    """Every document of one edition for the chosen products and papers."""
    name = edition.content.document
    documents = []
    common = {"edition": edition, "content": edition.content,
              "card_qr_mm": width_with_quiet_zone_mm(edition.content.settings.help_url, CARD_QR_SYMBOL_MM)}
    common["qr_quiet_zone_mm"] = (common["card_qr_mm"] - CARD_QR_SYMBOL_MM) / 2
    title = edition.text(edition.content.title)
    pictures = "pictures" in products
    pamphlet_html = ""
    if "pamphlet" in products or (pictures and edition.content.sections):
        pamphlet_html = environment.get_template("pamphlet.html.j2").render(
            page_size=" ".join(f"{size}mm" for size in PAMPHLET_PAGE_MM), booklet=False, **common)
    if "pamphlet" in products:
        for paper in papers:
            # The same HTML for every paper: parallel.py lays it out once.
            documents.append(Document(edition.code, "pamphlet", paper, pamphlet_html, name, title=title,
                                      paper_size_mm=PAPER_SIZES_MM[paper]))
    if "booklet" in products:
        html = environment.get_template("pamphlet.html.j2").render(
            page_size=" ".join(f"{size}mm" for size in BOOKLET_PAGE_MM), booklet=True, **common)
        for paper in papers:
            width, height = PAPER_SIZES_MM[paper]
            documents.append(Document(edition.code, "booklet", paper, html, name, title=title,
                                      paper_size_mm=(height, width), direction=edition.direction))
    if edition.content.card is not None:
        documents += _card_documents(edition, products, papers, environment, common)
    poster_html = ""
    if edition.content.poster is not None and ("poster" in products or pictures):
        poster_html = environment.get_template("poster.html.j2").render(
            page_size=" ".join(f"{size}mm" for size in PAMPHLET_PAGE_MM), **common)
    if "poster" in products:
        for paper in papers:
            documents.append(Document(edition.code, "poster", paper, poster_html, name, title=title,
                                      paper_size_mm=PAPER_SIZES_MM[paper]))
    if pictures and pamphlet_html:
        # The same HTML as the pamphlet: parallel.py lays it out once for both.
        documents.append(Document(edition.code, "pamphlet-pictures", None, pamphlet_html, name, title=title))
    if pictures and poster_html:
        documents.append(Document(edition.code, "poster-pictures", None, poster_html, name, title=title))
    return documents


def _card_documents(edition: Edition, products: tuple[str, ...], papers: tuple[str, ...],
                    environment: jinja2.Environment, common: dict) -> list[Document]:
    documents = []
    card_template = environment.get_template("card.html.j2")
    card_title = edition.text(edition.content.card.front.title)

    def render_card(density: str) -> str:
        return card_template.render(card_design="id1", card_size=ID1_CARD_MM, density=density, bleed_mm=0,
                                    safe_zone_mm=0, **common)

    if "card" in products:
        documents.append(_card_document(edition, "card", None, card_title, render_card))
    for product, stocks in (("card-sheet", CARD_STOCKS), ("print-sheet", PRINT_SHOP_SHEETS)):
        if product not in products:
            continue
        # One card at the stock's size, laid out for it; impose.py puts it on the sheet.
        for paper in papers:
            stock = stocks[paper]
            documents.append(_card_document(
                edition, product, paper, card_title, lambda density, stock=stock: card_template.render(
                    card_design=stock.card_design, card_size=stock.card_size_mm, density=density,
                    bleed_mm=stock.bleed_mm, safe_zone_mm=stock.safe_zone_mm, **common),
                stock=stock))
    if "pictures" in products:
        # The same HTML as the card: parallel.py lays it out once for both.
        documents.append(_card_document(edition, "card-pictures", None, card_title, render_card))
    return documents


def _card_document(edition: Edition, product: str, paper: str | None, title: str,
                   render: Callable[[str], str], stock: CardStock | None = None) -> Document:
    flip = edition.content.settings.print_shop_flip if stock is not None and stock.bleed_mm else "long-edge"
    name = edition.content.document
    return Document(edition.code, product, paper, render("regular"), name, stock=stock, title=title, flip=flip,
                    compact=Document(edition.code, product, paper, render("compact"), name, stock=stock,
                                     title=title, flip=flip))
