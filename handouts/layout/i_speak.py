"""Turn the language table and each kit language's edition of the "I speak" sentences into the HTML documents of the cards and the point-to-your-language sheet."""

from __future__ import annotations

import math
from dataclasses import dataclass

import jinja2

from ..i18n.editions import Edition
from ..kit.model import LanguageCards, TableLanguage, Text
from ..languages import SOURCE_LANGUAGE, SPANISH, cldr_name
from ..outputs import EVERY_LANGUAGE, OutputKind
from ..qr import LISTEN_QR_SYMBOL_MM, width_with_quiet_zone_mm
from ..tokens import fill_placeholders
from .card_stocks import CARD_STOCKS, PRINT_SHOP_SHEETS, CardStock
from .documents import ID1_CARD_MM, PAPER_SIZES_MM
from .jobs import RenderJob
from .templates import render

# A printed string's key names the language it is printed in, on a page of many languages: "i-speak:title@es".
IN_LANGUAGE = "@"

# The sheet's picture for phones: two columns, as tall as the languages need.
PHONE_PAGE_WIDTH_MM = 90.0
PHONE_COLUMNS = 2
PHONE_ROW_MM = 13.0
PHONE_HEADING_MM = 8.0
PHONE_TOP_MM = 32.0


@dataclass(frozen=True)
class PrintedLine:
    """A sentence printed in a language of its own, and how: its script's fonts and direction."""

    text: str
    language: str  # BCP 47, for the lang attribute
    direction: str
    fonts: tuple[str, ...]
    key: str  # where it was written, for a message if it does not fit: "i-speak:contact_statement@es"
    draft: bool  # from a catalog no speaker has reviewed yet
    language_name: str  # in English, to say which line is a draft: "Spanish"


@dataclass(frozen=True)
class OfficerLine:
    text: str
    key: str  # where the sentence is written: "i-speak:officer.interpreter", or the table's key
    strong: bool = False  # what the officer must act on: the language to record, the interpreter to book


@dataclass(frozen=True)
class LanguageCard:
    """One language's "I speak" card: its front for the holder, its back for the officer, in English."""

    language: TableLanguage
    holder: PrintedLine | None  # "I speak ..." in the language itself, where the kit has the sentence
    # What the holder asks, in the language they are wrongly taken to understand (or, for a sign language,
    # in Spanish).
    statement: PrintedLine | None
    officer: tuple[OfficerLine, ...]
    town: str | None  # for a language of many varieties: the line to write the town on
    draft_notices: tuple[str, ...]  # in English, beside the translated lines they are about
    # For a language the kit has no catalog for: a current recording of a document interpreted into it, and
    # its QR code's caption ("Listen in Mam", in Spanish).
    listen: str | None = None
    listen_caption: PrintedLine | None = None

    @property
    def listen_qr_mm(self) -> float:
        """How wide its "Listen" code prints, quiet zone included."""
        return width_with_quiet_zone_mm(self.listen, LISTEN_QR_SYMBOL_MM) if self.listen else 0.0

    @property
    def name_size(self) -> str:
        """A long name prints smaller, so that it stays on one line or two."""
        length = len(self.language.shown_name.text)
        return "short" if length <= 9 else "medium" if length <= 14 else "long"


def language_cards(cards: LanguageCards, editions: dict[str, Edition],
                   playing: dict[str, str] | None = None) -> tuple[LanguageCard, ...]:
    """Every language of the table as its card says it: the kit's translations where it has them; and, by
    language, the address of a current recording in a language the kit has no catalog for."""
    english = editions[SOURCE_LANGUAGE]
    spanish = editions.get(SPANISH)
    playing = playing or {}
    made = []
    for language in cards.table.languages:
        # "I speak English." in the card's own language: only from a current translation.
        own = editions.get(language.code)
        holder = _translated(own, cards.holder) if own is not None else None
        statement = _statement(cards, language, editions)
        drafts = [line for line in (holder, statement) if line is not None and line.draft]
        notices = tuple(f"{line.language_name}: {english.label('draft_translation')}" for line in drafts)
        listen = playing.get(language.code) if language.code not in editions else None
        caption = None
        if listen:
            # In Spanish, which those who hand the card out read; the listener needs no caption.
            read_by = spanish or english
            named = language.spanish.text if read_by is spanish and language.spanish else language.english.text
            caption = (_translated(read_by, read_by.content.labels["listen_in"], language=named)
                       or _translated(english, english.content.labels["listen_in"], language=language.english.text))
        made.append(LanguageCard(language, holder, statement, _officer_lines(cards, language),
                                 cards.officer_town if language.variants else None, notices, listen, caption))
    return tuple(made)


def _statement(cards: LanguageCards, language: TableLanguage, editions: dict[str, Edition]) -> PrintedLine | None:
    """The holder's request in the language they are taken to understand, from its catalog: none where the kit
    has no current translation in that language, or the card's language is that language."""
    if language.signed:
        spanish = editions.get(SPANISH)
        if spanish is None or language.spanish is None:
            return None
        return _translated(spanish, cards.signed_statement, language=language.spanish.text)
    contact = _contact_edition(language.mistaken_for, editions)
    if contact is None or contact.code.split("-")[0] == language.code.split("-")[0]:
        return None
    base = contact.code.split("-")[0]
    return _translated(contact, cards.contact_statement, language=_name_in(language, contact),
                       contact=cldr_name(base, base) or contact.language.own_name)


def _name_in(language: TableLanguage, contact: Edition) -> str:
    """The language's name in the contact language: the table's Spanish name in Spanish; CLDR's in another; its
    own where it is written in the contact language's script (الحسانية in Arabic); else its English name."""
    base = contact.code.split("-")[0]
    if base == SPANISH and language.spanish:
        return language.spanish.text
    named = cldr_name(language.code, base) or (cldr_name(language.iso639_3, base) if language.iso639_3 else None)
    if named:
        return named
    if language.own and language.script == contact.language.script:
        return language.own.text
    return language.english.text


def _contact_edition(code: str | None, editions: dict[str, Edition]) -> Edition | None:
    """The kit's edition in a contact language: its own (es), or the kit's variety of it (pt for pt-BR)."""
    if code is None:
        return None
    return editions.get(code) or next((edition for tag, edition in editions.items()
                                       if tag.split("-")[0] == code.split("-")[0]), None)


def _officer_lines(cards: LanguageCards, language: TableLanguage) -> tuple[OfficerLine, ...]:
    """The back, in English: the language and its code, the contact language not understood well enough, what
    to record and whom to book, the names court records give it, and its note."""
    name = language.english.text
    with_code = f"{name} (ISO 639-3: {language.iso639_3})" if language.iso639_3 else name
    if language.signed:
        # Signed, not spoken: the sign language and its code, and the interpreter it needs, in one line.
        return (OfficerLine(fill_placeholders(cards.officer_signed, {"language": with_code, "name": name}),
                            "i-speak:officer.signed", strong=True), *_aliases_and_note(cards, language))
    # As courts ask it: the best language (and its code), the contact language not understood well enough, the
    # language to record and the interpreter to book.
    best = (fill_placeholders(cards.officer_best_language_with_code, {"language": name, "code": language.iso639_3})
            if language.iso639_3 else fill_placeholders(cards.officer_best_language, {"language": name}))
    lines = [OfficerLine(best, "i-speak:officer.best_language_with_code" if language.iso639_3
                         else "i-speak:officer.best_language", strong=True)]
    if language.mistaken_for:
        contact = cldr_name(language.mistaken_for, SOURCE_LANGUAGE) or language.mistaken_for
        lines.append(OfficerLine(fill_placeholders(cards.officer_not_enough, {"contact": contact}),
                                 "i-speak:officer.not_enough"))
    record = fill_placeholders(cards.officer_record, {"language": name})
    # English is the officer's own: an English speaker needs no interpreter.
    if language.code != SOURCE_LANGUAGE:
        record += " " + fill_placeholders(cards.officer_interpreter, {"language": name})
    lines.append(OfficerLine(record, "i-speak:officer.record", strong=True))
    return (*lines, *_aliases_and_note(cards, language))


def _aliases_and_note(cards: LanguageCards, language: TableLanguage) -> list[OfficerLine]:
    key = f"languages:{language.key}"
    lines = []
    if language.aliases:
        names = ", ".join(alias.text for alias in language.aliases)
        lines.append(OfficerLine(fill_placeholders(cards.officer_aliases, {"names": names}), f"{key}.aliases"))
    if language.note:
        lines.append(OfficerLine(language.note, f"{key}.note"))
    return lines


def _translated(edition: Edition, text: Text, **fields: str) -> PrintedLine | None:
    """`text` as the edition prints it; None where the edition's catalog has no current translation of it,
    rather than English on a line meant to be in another language."""
    translation = edition.translation
    if translation is not None and text.msgctxt not in translation.strings:
        return None
    return PrintedLine(edition.text(text, **fields), edition.code, edition.direction, edition.language.fonts,
                       f"{text.msgctxt}{IN_LANGUAGE}{edition.code}", edition.is_draft, edition.language.english_name)


def lay_out_language_cards(document: str, editions: dict[str, Edition], kinds: list[OutputKind],
                           papers: tuple[str, ...], environment: jinja2.Environment,
                           playing: dict[str, str] | None = None) -> list[RenderJob]:
    """The cards (one PDF of every card, and the office and print-shop sheets) and the sheet to point at,
    for the kinds of output and the papers asked for; `playing`, by language, a current recording of a
    language the kit has no catalog for."""
    english = editions[SOURCE_LANGUAGE]
    cards = english.content.language_cards
    made = language_cards(cards, editions, playing)
    # "Point to your language." in every language of the kit, English first.
    point = [line for line in (_translated(edition, cards.point) for edition in editions.values()) if line]
    common = {"cards": made, "table": cards.table, "english": english, "content": english.content,
              "point": point, "draft_point": any(line.draft for line in point)}
    title = f"{english.text(cards.title)}: {len(made)} languages"

    sheet_title = english.text(cards.point)

    def card_job(kind: OutputKind, paper: str | None, stock: CardStock | None) -> RenderJob:
        design, size = (stock.card_design, stock.card_size_mm) if stock else ("id1", ID1_CARD_MM)
        bleed = stock.bleed_mm if stock else 0.0
        safe = stock.safe_zone_mm if stock else 0.0
        flip = english.content.settings.print_shop_flip if stock is not None and stock.bleed_mm else "long-edge"

        def html_of(density: str) -> str:
            return render(environment, "i-speak-cards.html.j2", card_design=design, card_size=size,
                          density=density, bleed_mm=bleed, safe_zone_mm=safe, **common)
        compact = RenderJob(kind, EVERY_LANGUAGE, document, paper, html_of("compact"), stock=stock, title=title,
                            flip=flip)
        return RenderJob(kind, EVERY_LANGUAGE, document, paper, html_of("regular"), stock=stock, title=title,
                         flip=flip, compact=compact)

    def sheets(kind: OutputKind, papers: tuple[str, ...]) -> list[RenderJob]:
        return [RenderJob(kind, EVERY_LANGUAGE, document, paper, render(
            environment, "language-sheet.html.j2",
            page_size=f"{PAPER_SIZES_MM[paper][0]}mm {PAPER_SIZES_MM[paper][1]}mm", layout="paper", **common),
            title=sheet_title) for paper in papers]

    def phone_picture(kind: OutputKind, papers: tuple[str, ...]) -> list[RenderJob]:
        html = render(environment, "language-sheet.html.j2",
                      page_size=f"{PHONE_PAGE_WIDTH_MM}mm {phone_page_height_mm(cards)}mm", layout="phone", **common)
        return [RenderJob(kind, EVERY_LANGUAGE, document, None, html, title=sheet_title)]

    layouts = {
        "language-cards": lambda kind, papers: [card_job(kind, None, None)],
        "language-card-sheet": lambda kind, papers: [card_job(kind, paper, CARD_STOCKS[paper]) for paper in papers],
        "language-print-sheet": lambda kind, papers: [card_job(kind, paper, PRINT_SHOP_SHEETS[paper])
                                                      for paper in papers],
        "language-print-card": lambda kind, papers: [card_job(kind, paper, PRINT_SHOP_SHEETS[paper])
                                                     for paper in papers],
        "language-sheet": sheets,
        "language-sheet-pictures": phone_picture,
    }
    return [job for kind in kinds for job in layouts[kind.name](kind, papers)]


def phone_page_height_mm(cards: LanguageCards) -> float:
    """Tall enough for every group's rows of names, two to a row: the picture is one long page to scroll."""
    table = cards.table
    rows = sum(math.ceil(len(table.in_group(group)) / PHONE_COLUMNS) for group in table.groups)
    return PHONE_TOP_MM + rows * PHONE_ROW_MM + len(table.groups) * PHONE_HEADING_MM

