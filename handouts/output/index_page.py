"""Turn the manifest of a build's output files into output/index.html, the page that lists them language by language."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from babel.dates import format_date

from ..layout.templates import render, template_environment
from ..outputs import LARGE_PAPERS, PAPERS, PRODUCTS, SHARED_FOLDERS, describe
from .manifest import ManifestEntry, RecordingEntry

CATALOG_TEMPLATE = "catalog.html.j2"
CATALOG_FILE = "index.html"

# The page is written for the people who print and hand out the handouts, in English.
_PAGE_LOCALE = "en_US"

_PAPER_NAMES = {"letter": "Letter", "a4": "A4", "11x17": "11 × 17 in", "a3": "A3"}
# A booklet folds one sheet in half: name the page size a reader gets and the paper it is printed on.
_BOOKLET_PAPERS = {"letter": "half-letter on Letter", "a4": "A5 on A4"}
# What is made once for every language: the section lists it under this name.
EVERY_LANGUAGE_REVIEW = "every language"
# What mixes several languages' cards: listed under this name.
MIXED_LANGUAGES_REVIEW = "mixed languages"
# A language of the kit with no file in the folder yet.
NOT_BUILT = "not built"
# The order a reader looks for things in: what to hand out first, then the sheets that make it.
_PRODUCT_ORDER = list(PRODUCTS)
_PAPER_ORDER = [*PAPERS, *(large for _, large in LARGE_PAPERS)]
_CARD_SIDE_ORDER = ["front", "back"]
_REVIEWED = re.compile(r"^reviewed by (?P<who>.+), (?P<on>[0-9]{4}-[0-9]{2}-[0-9]{2})$")


@dataclass(frozen=True)
class CatalogLanguage:
    code: str  # BCP 47, e.g. "fa-AF": the name of the language's output folder
    english_name: str  # "Dari"
    own_name: str  # the language's name in itself, e.g. "دری"
    direction: str  # "ltr" or "rtl"
    review: str  # "source" for English, "draft" or "reviewed by <role>, <YYYY-MM-DD>"
    incomplete: bool  # some strings still print in English


@dataclass(frozen=True)
class CatalogFile:
    href: str  # relative to index.html, percent-encoded
    label: str  # what the file is, in plain English: "Pamphlet, A4"
    format: str  # "PDF" or "PNG"
    size: str  # "37 KB"
    current: bool = True  # False: made from older content, catalogs or templates than the project holds now
    document: str = ""  # the kit's document it is printed from, as a reader names it: "Know your rights"


@dataclass(frozen=True)
class Thumbnail:
    src: str  # relative to index.html, percent-encoded
    alt: str  # what the picture shows, naming the language


@dataclass(frozen=True)
class CatalogSection:
    language: CatalogLanguage
    review_status: str  # "Draft translation, not yet reviewed"
    thumbnails: list[Thumbnail]
    files: list[CatalogFile]

    @property
    def out_of_date(self) -> int:
        return sum(not file.current for file in self.files)

    @property
    def refresh_command(self) -> str:
        if self.language.code in SHARED_FOLDERS:
            return "handouts build"
        return f"handouts build --languages {self.language.code}"


def catalog_html(entries: list[ManifestEntry], languages: list[CatalogLanguage],
                 content_date: datetime.date, template_dirs: tuple[Path, ...],
                 recordings: list[RecordingEntry] = ()) -> str:
    """The catalog page listing every entry, one section per language in the order given, then the kit's
    recordings."""
    # The handouts' own template settings: escaped, and a missing value stops the build.
    return render(template_environment(template_dirs), CATALOG_TEMPLATE,
        information_as_of=english_date(content_date),
        sections=catalog_sections(entries, languages),
        recordings=[(entry, english_date(entry.recorded_on)) for entry in recordings],
    )


def catalog_sections(entries: list[ManifestEntry], languages: list[CatalogLanguage]) -> list[CatalogSection]:
    """One section per language, each with its files in reading order; a language with no files keeps its section."""
    known_codes = {language.code for language in languages}
    # A file of a language the page does not name would exist on disk but be missing from the page.
    if strays := sorted(entry.path for entry in entries if entry.language not in known_codes):
        raise ValueError(f"Output files of languages the catalog was not given: {', '.join(strays)}")
    sections = []
    for language in languages:
        own_entries = sorted((entry for entry in entries if entry.language == language.code), key=_reading_order)
        sections.append(CatalogSection(
            language=language,
            review_status=review_status(language.review),
            thumbnails=_thumbnails(own_entries, language),
            files=[CatalogFile(href=_href(entry), label=file_label(entry), format=entry.format.upper(),
                               size=human_size(entry.bytes), current=entry.current,
                               document=document_title(entry.document)) for entry in own_entries],
        ))
    return sections


def file_label(entry: ManifestEntry) -> str:
    """What an output file is, as a person choosing what to print would say it."""
    described = describe(entry.path)
    if described is not None and described.kind.is_pictures:
        return described.kind.label.format(page=entry.page, side=entry.side)
    if entry.product == "booklet" and entry.paper in _BOOKLET_PAPERS:
        return f"Booklet, {_BOOKLET_PAPERS[entry.paper]}"
    if entry.sms:
        # What sending it by SMS costs, for an organization that texts it.
        return f"{described.kind.label if described else 'Message'}; by SMS: {entry.sms}"
    # A product this page has no name for is still listed: the page lists exactly what was built.
    name = described.kind.label if described else entry.product.replace("-", " ").capitalize()
    if entry.paper is None:
        return name
    return f"{name}, {_PAPER_NAMES.get(entry.paper, entry.paper)}"


def document_title(document: str) -> str:
    """A document's name as a reader says it: "know-your-rights" is "Know your rights"."""
    return document.replace("-", " ").capitalize()


def review_status(review: str) -> str:
    if review == "source":
        return "English source"
    if review == NOT_BUILT:
        return "Not built yet"
    if review == EVERY_LANGUAGE_REVIEW:
        return "Every language of the language table; each card marks its draft lines"
    if review == MIXED_LANGUAGES_REVIEW:
        return "The languages of print_mix in handouts.yml, each card as its own language's files say"
    if review == "draft":
        return "Draft translation, not yet reviewed"
    if match := _REVIEWED.match(review):
        reviewed_on = datetime.date.fromisoformat(match["on"])
        return f"Reviewed by {match['who']}, {english_date(reviewed_on)}"
    raise ValueError(f"Unknown review status {review!r}: expected 'source', 'draft' "
                     "or 'reviewed by <role>, <YYYY-MM-DD>'")


def human_size(size_in_bytes: int) -> str:
    """A file size the way file browsers show it, in powers of 1000: "512 bytes", "37 KB", "1.2 MB"."""
    if size_in_bytes == 1:
        return "1 byte"
    if size_in_bytes < 1000:
        return f"{size_in_bytes} bytes"
    # Rounded first, so 999,700 bytes reads "1.0 MB" rather than "1000 KB".
    kilobytes = round(size_in_bytes / 1000)
    if kilobytes < 1000:
        return f"{kilobytes} KB"
    return f"{size_in_bytes / 1_000_000:.1f} MB"


def english_date(value: datetime.date) -> str:
    return format_date(value, format="long", locale=_PAGE_LOCALE)


def _thumbnails(entries: list[ManifestEntry], language: CatalogLanguage) -> list[Thumbnail]:
    thumbnails = []
    card_fronts = [entry for entry in entries if entry.format == "png" and entry.product == "card"
                   and entry.side == "front"]
    if card_fronts:
        thumbnails.append(Thumbnail(_href(card_fronts[0]), f"Front of the wallet card in {language.english_name}"))
    sheet_pictures = [entry for entry in entries if entry.format == "png" and entry.product == "language-sheet"]
    if sheet_pictures:
        thumbnails.append(Thumbnail(_href(sheet_pictures[0]), "The point-to-your-language sheet, every language"))
    pamphlet_pages = [entry for entry in entries if entry.format == "png" and entry.product == "pamphlet"]
    if pamphlet_pages:
        # Entries are in reading order, so the first is the lowest page built.
        thumbnails.append(Thumbnail(_href(pamphlet_pages[0]),
                                    f"First page of the pamphlet in {language.english_name}"))
    return thumbnails


def _href(entry: ManifestEntry) -> str:
    # Relative, so the page works from disk and from any folder of any static host.
    return quote(entry.path)


def _reading_order(entry: ManifestEntry) -> tuple:
    # Documents to print before pictures; known products in the order of _PRODUCT_ORDER,
    # unknown ones after them by name; Letter before A4; pictures by side or page number.
    if entry.product in _PRODUCT_ORDER:
        product_rank = (_PRODUCT_ORDER.index(entry.product), "")
    else:
        product_rank = (len(_PRODUCT_ORDER), entry.product)
    paper_rank = _PAPER_ORDER.index(entry.paper) if entry.paper in _PAPER_ORDER else -1
    if entry.page is not None:
        side_rank = entry.page
    elif entry.side is not None:
        side_rank = _CARD_SIDE_ORDER.index(entry.side)
    else:
        side_rank = -1
    return (entry.document, entry.format != "pdf", product_rank, paper_rank, side_rank, entry.path)
