"""The typed objects that pass between the stages: content as loaded and checked."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from typing import Union


@dataclass(frozen=True)
class Origin:
    """Where a value was written, so an error can point at it."""

    file: str
    line: int
    column: int


@dataclass(frozen=True)
class Text:
    """One printed string in the source language, named by its key for translators."""

    key: str
    english: str
    origin: Origin

    @property
    def msgctxt(self) -> str:
        """The name translators see: the content file and the key path, "card:front.title"."""
        stem = self.origin.file.rsplit("/", 1)[-1].removesuffix(".yml")
        return f"{stem}:{self.key}"


# A rule's legal standing, as a claim in the content states it. Rules at the border change by court order.
IN_EFFECT = "in effect"
BLOCKED = "blocked by a court"
VACATED = "vacated, under appeal"
ENDED = "ended"
UNKNOWN = "unknown"
CLAIM_STATUSES = (IN_EFFECT, BLOCKED, VACATED, ENDED, UNKNOWN)
# The label (labels.yml) that tells a reader each status; a rule in effect prints none. A piece that prints a
# rule before a court says so near its date, with RULES_IN_COURT.
STATUS_LABELS = {BLOCKED: "status_blocked", VACATED: "status_vacated", ENDED: "status_ended",
                 UNKNOWN: "status_unknown"}
RULES_IN_COURT = "rules_in_court"


@dataclass(frozen=True)
class Source:
    """A public page a claim rests on, as a reader would find it."""

    address: str  # https://...
    publisher: str
    date: datetime.date | None  # the page's own date, published or last updated; None for a page that shows none


@dataclass(frozen=True)
class Claim:
    """What is known of a rule: its legal status, the day that was checked, the public pages that say so,
    and the day to check it again."""

    status: str  # one of CLAIM_STATUSES
    as_of: datetime.date  # the day the status was checked against its sources
    sources: tuple[Source, ...]
    key: str  # where the content states it: "sections.who_can_seek.body.right"
    origin: Origin  # where its status is written
    since: datetime.date | None = None  # the day the status began: the court's order, the program's end
    recheck_by: datetime.date | None = None
    warning: bool = False  # an ended rule printed to warn of it (an app that no longer does what it did)

    @property
    def prints_status(self) -> bool:
        """A reader must be told: anything but a rule plainly in effect."""
        return self.status != IN_EFFECT

    @property
    def contested(self) -> bool:
        """Before a court, or of a standing nobody could confirm: the piece says some rules may change."""
        return self.status in (BLOCKED, VACATED, UNKNOWN)


@dataclass(frozen=True)
class Paragraph:
    text: Text
    claim: Claim | None = None


@dataclass(frozen=True)
class Notice:
    """A paragraph set apart in a box because the reader must not miss it."""

    text: Text
    claim: Claim | None = None


@dataclass(frozen=True)
class Item:
    """One entry of a list, with the claim it makes where it states a rule of its own."""

    text: Text
    claim: Claim | None = None


@dataclass(frozen=True)
class BulletList:
    lead: Text | None
    items: tuple[Item, ...]
    claim: Claim | None = None


@dataclass(frozen=True)
class Checklist:
    """Things to do or to have, each with a box to tick by hand."""

    lead: Text | None
    items: tuple[Item, ...]
    claim: Claim | None = None


@dataclass(frozen=True)
class Step:
    title: Text
    blocks: tuple["Block", ...]
    claim: Claim | None = None


@dataclass(frozen=True)
class Steps:
    steps: tuple[Step, ...]


Block = Union[Paragraph, Notice, BulletList, Checklist, Steps]


@dataclass(frozen=True)
class Section:
    id: str
    heading: Text
    blocks: tuple[Block, ...]
    claim: Claim | None = None  # for every block in it without a claim of its own


def claims_in(value: object) -> list[Claim]:
    """Every claim that a piece of content carries (a section, its blocks, a help line), in reading order."""
    found: list[Claim] = []

    def visit(part: object) -> None:
        if isinstance(part, Claim):
            found.append(part)
        elif isinstance(part, (Section, Step, Paragraph, Notice, BulletList, Checklist, Item, Steps, HelpLine,
                               Card, CardFront, Poster)):
            for name in part.__dataclass_fields__:
                visit(getattr(part, name))
        elif isinstance(part, (list, tuple)):
            for item in part:
                visit(item)

    visit(value)
    return found


@dataclass(frozen=True)
class Information:
    """The date the content was current, and where it came from."""

    as_of: datetime.date
    source: Text
    written_at: Origin | None = None  # where as_of is written, or the least-checked claim that sets it
    # Set from the claims printed (the oldest as_of of them), not written as information.as_of.
    from_claims: bool = False


@dataclass(frozen=True)
class Verification:
    """An editor's confirmation of a directory entry against its source: when, and for which values.

    A verification holds for the values it was made for: change a code, a phone
    number or an address, and the entry is unverified until confirmed again.
    """

    key: str  # "help_lines.detention_hotline"
    origin: Origin  # where `verified_for` is written
    on: datetime.date
    values: str  # the entry's codes, numbers and addresses as confirmed: "9233# 209-757-3733 https://..."
    current: str  # the same values as they are written now
    source: str | None = None  # the public page it was confirmed on (verified_source)
    by: str | None = None  # who confirmed it: a role (verified_by)

    @property
    def holds(self) -> bool:
        return self.values == self.current

    def __str__(self) -> str:
        return (f"{self.key} was verified on {self.on.isoformat()} for {self.values!r}, "
                f"but now reads {self.current!r}")


@dataclass(frozen=True)
class HelpLine:
    """A help line reached from a detention-facility phone by a speed-dial code."""

    id: str
    name: str
    card_label: Text
    helps_with: Text
    hours: Text | None
    speed_dial: str
    phone: str | None
    web: str | None
    source: str
    verified: bool
    verified_on: datetime.date | None  # when last known current; none while unverified
    claim: Claim | None = None  # where the line's service is itself a rule whose standing may change


@dataclass(frozen=True)
class Locator:
    name: str
    helps_with: Text
    web: str
    source: str
    verified: bool
    verified_on: datetime.date | None


@dataclass(frozen=True)
class Organization:
    name: str
    web: str | None
    source: str | None
    verified: bool
    phone: str | None = None
    address: str | None = None  # where to find it: a shelter's street address
    key: str = ""  # how `handouts verify` names it: "local_organizations.texas.Annunciation House"
    verified_on: datetime.date | None = None  # its own verification's, or its list's


@dataclass(frozen=True)
class StateGroup:
    id: str
    state: Text
    organizations: tuple[Organization, ...]
    region: str = ""  # ISO 3166-2: "US-TX"; a kit lists the regions it serves


@dataclass(frozen=True)
class Directory:
    help_lines: tuple[HelpLine, ...]
    locator: Locator
    states: tuple[StateGroup, ...]
    organizations_source: str
    organizations_verified: bool
    organizations_verified_on: datetime.date | None
    # Every verified entry's verification, with the values it was made for.
    verifications: tuple[Verification, ...] = ()

    def help_line(self, help_line_id: str) -> HelpLine:
        for help_line in self.help_lines:
            if help_line.id == help_line_id:
                return help_line
        raise KeyError(help_line_id)


@dataclass(frozen=True)
class CardFront:
    title: Text
    subtitle: Text
    rights: tuple[Item, ...]
    codes_heading: Text
    codes: tuple[HelpLine, ...]
    qr_caption: Text
    family_phone: Text
    lawyer_phone: Text
    claim: Claim | None = None  # for each right without a claim of its own


@dataclass(frozen=True)
class CardBack:
    """The statement for the officer: printed in English in every edition."""

    heading: str
    statement: tuple[tuple[str, str], ...]  # (key, sentence): "back.statement.silent", "I will remain silent."
    interpreter: str  # "I speak {language}. I need an interpreter for {language}."


@dataclass(frozen=True)
class Card:
    front: CardFront
    back: CardBack

    def translated_texts(self) -> tuple[Text, ...]:
        """The strings the card prints in the holder's language: its front, and each code's label."""
        front = self.front
        return (front.title, front.subtitle, *(right.text for right in front.rights), front.codes_heading,
                front.qr_caption, front.family_phone, front.lawyer_phone, *(line.card_label for line in front.codes))


@dataclass(frozen=True)
class Poster:
    """A one-page poster of the help lines, for a shelter wall: read from across a room."""

    title: Text
    subtitle: Text
    codes_heading: Text
    phone_heading: Text
    qr_caption: Text
    help_lines: tuple[HelpLine, ...]


@dataclass(frozen=True)
class LanguageGroup:
    """A part of the sheet: languages of one region, under one heading."""

    name: str
    heading: str  # in English, for the staff who hold the sheet
    # The language its speakers are wrongly taken to understand (es), or None: their cards say, in that
    # language too, that they do not understand it well enough for an interview or a hearing.
    mistaken_for: str | None


@dataclass(frozen=True)
class LanguageName:
    text: str
    source: str  # the public page that gives the name as written
    origin: Origin  # where the table writes it


# The apostrophe every printed name is written with: U+2019, as the Academia de Lenguas Mayas de Guatemala
# writes K’iche’. The table may write ' or ʼ (U+02BC, as CLDR does): the same letter, printed one way.
APOSTROPHE = "\u2019"
APOSTROPHES = "'\u02bc\u2019"


def with_one_apostrophe(text: str) -> str:
    return text.translate({ord(character): APOSTROPHE for character in APOSTROPHES})


def same_name(first: str, second: str) -> bool:
    """Two spellings of one name: the same letters, whichever apostrophe and case each is written with."""
    return with_one_apostrophe(first).casefold() == with_one_apostrophe(second).casefold()


@dataclass(frozen=True)
class TableLanguage:
    code: str  # BCP 47, or a private-use tag for a family ("x-mixtec")
    iso639_3: str | None
    script: str  # ISO 15924, of its own name
    direction: str  # of its own name
    fonts: tuple[str, ...]  # that print its own name
    latin_fonts: tuple[str, ...]  # that print its English and Spanish names
    groups: tuple[LanguageGroup, ...]  # where its speakers come from: a language may be in several
    spoken_in: tuple[str, ...]
    english: LanguageName
    own: LanguageName | None  # None when no source gives it: never printed then
    spanish: LanguageName | None
    note: str | None  # printed in English on its card's back
    key: str  # where the table holds it: "languages[12] (mam)"
    # The names court records and interpreter services give it, each with its source: printed for the officer.
    aliases: tuple[LanguageName, ...] = ()
    # The language its speakers are wrongly taken to understand: its own (mistaken_for), or its groups'.
    mistaken_for: str | None = None
    # A family or a language of many varieties: the card has a line to write the town and state or department.
    variants: bool = False
    signed: bool = False  # a sign language: the card asks for a sign-language interpreter

    @property
    def shown_name(self) -> LanguageName:
        """The name the holder points at: its own; where no source gives it, the Spanish one (what speakers of
        a language of Mexico or Central America know from school and census forms); else the English one."""
        return self.own or self.spanish or self.english

    @property
    def names_under(self) -> tuple[LanguageName, ...]:
        """The names printed small under the shown one, each once: its Spanish and English names, the Spanish
        first for those taken for Spanish speakers (what an officer in Mexico reads), else the English."""
        shown = self.shown_name.text
        names = [self.spanish, self.english] if self.mistaken_for == "es" else [self.english, self.spanish]
        found: list[LanguageName] = []
        for name in filter(None, names):
            if not same_name(name.text, shown) and not any(same_name(name.text, other.text) for other in found):
                found.append(name)
        return tuple(found)

    @property
    def shown_fonts(self) -> tuple[str, ...]:
        return self.fonts if self.own else self.latin_fonts

    @property
    def shown_direction(self) -> str:
        return self.direction if self.own else "ltr"


@dataclass(frozen=True)
class LanguageTable:
    file: str  # as the kit names it: "content/languages.yml"
    groups: tuple[LanguageGroup, ...]
    languages: tuple[TableLanguage, ...]

    def in_group(self, group: LanguageGroup) -> tuple[TableLanguage, ...]:
        """Its languages in the table's order, those listed first under another group after the group's own."""
        members = [language for language in self.languages if group in language.groups]
        return tuple(sorted(members, key=lambda language: language.groups[0] != group))


# The English sentences of an "I speak" card's back (content/i-speak.yml, officer:).
OFFICER_LINES = ("heading", "best_language", "best_language_with_code", "not_enough", "record", "interpreter",
                 "signed", "aliases", "town")


@dataclass(frozen=True)
class LanguageCards:
    """The "I speak" cards and the point-to-your-language sheet: their sentences, and the table of their languages."""

    title: Text
    holder: Text  # "I speak English.": each catalog says it of its own language
    # In the language the holder is taken to understand ({language}, {contact}): best language, record it.
    contact_statement: Text
    signed_statement: Text  # in Spanish, on a sign language's card ({language})
    point: Text  # the sheet's line, printed in every language of the kit
    # The back, for the officer or the court: in English on every card.
    officer_heading: str
    officer_best_language: str  # {language}
    officer_best_language_with_code: str  # {language}, {code}
    officer_not_enough: str  # {contact}
    officer_record: str  # {language}
    officer_interpreter: str  # {language}
    officer_signed: str  # {language}
    officer_aliases: str  # {names}
    officer_town: str
    table: LanguageTable


@dataclass(frozen=True)
class Settings:
    """The organization that prints the handouts (from the kit file)."""

    organization: str
    contact: Text  # translated, like every printed sentence
    help_url: str
    sample: bool
    # How print-shop card sheets are turned over for the backs: "long-edge"
    # (the usual duplex) or "short-edge".
    print_shop_flip: str = "long-edge"


@dataclass(frozen=True)
class Content:
    """One document of the kit: its own texts, and the directory, labels and settings all documents share."""

    information: Information | None  # None for the "I speak" cards, which state no rule
    title: Text
    subtitle: Text
    notices: dict[str, Text]
    sections: tuple[Section, ...]  # none for a poster
    directory: Directory
    card: Card | None
    labels: dict[str, Text]
    settings: Settings
    # Where every text of the content was written, by "file:key" ("handouts:organization.contact",
    # "card:back.statement.silent"), so that a later stage's message can point at it.
    origins: dict[str, Origin] = field(default_factory=dict)
    document: str = ""  # its name in the kit: "know-your-rights"
    poster: Poster | None = None
    language_cards: LanguageCards | None = None

    def claims_printed_by(self, piece: str) -> list[Claim]:
        """The claims a piece prints: "pamphlet" (and booklet), "card" or "poster"."""
        if piece == "pamphlet":
            return claims_in((self.sections, self.directory.help_lines))
        return claims_in(self.card if piece == "card" else self.poster)

    def claims(self) -> list[Claim]:
        """Every claim of the document, each once, in reading order."""
        return list(dict.fromkeys(claim for piece in ("pamphlet", "card", "poster")
                                  for claim in self.claims_printed_by(piece)))

    def verification_dates(self) -> list[tuple[str, datetime.date]]:
        """(entry, date last known current) for every verified directory entry."""
        directory = self.directory
        dated = [(f"{line.name} ({line.speed_dial})", line.verified_on)
                 for line in directory.help_lines if line.verified_on]
        if directory.locator.verified_on:
            dated.append((directory.locator.name, directory.locator.verified_on))
        for group in directory.states:
            dated += [(organization.name, organization.verified_on) for organization in group.organizations
                      if organization.verified_on and (organization.phone or organization.web or organization.address)]
        if directory.organizations_verified_on:
            dated.append(("local organizations", directory.organizations_verified_on))
        return dated

    def unverified(self) -> list[str]:
        """Every directory fact that no source ties down, for the editor to confirm."""
        found = [
            f"{line.name} ({line.speed_dial}): {line.source}"
            for line in self.directory.help_lines
            if not line.verified
        ]
        if not self.directory.locator.verified:
            found.append(f"{self.directory.locator.name}: {self.directory.locator.source}")
        for group in self.directory.states:
            found += [f"{org.name}: {org.source}" for org in group.organizations if not org.verified]
        found += [f"{verification}: confirm it against the source, then run handouts verify {verification.key}"
                  for verification in self.changed_since_verified()]
        return found

    def changed_since_verified(self) -> list[Verification]:
        """The verified entries whose codes, numbers or addresses changed after they were verified."""
        return [verification for verification in self.directory.verifications if not verification.holds]


@dataclass(frozen=True)
class Recording:
    """A recording of one document read aloud in one language, and the text it reads, as a fingerprint."""

    language: str  # BCP 47: a language of the kit, or of the "I speak" table (an oral language: mam)
    document: str  # the kit's document it reads: "know-your-rights"
    url: str  # where it plays: the "Listen" QR code opens it
    speaker: str
    recorded_on: datetime.date
    reads: str  # the fingerprint of the text it reads, as it was when it was recorded
    key: str  # where the kit writes it: "recordings[0]"
    origin: Origin


@dataclass(frozen=True)
class KitContent:
    """Every document of a kit, by name, in the kit's order, and the recordings of them."""

    documents: dict[str, Content]
    recordings: tuple[Recording, ...] = ()

    @property
    def first(self) -> Content:
        """The shared parts (directory, labels, settings) are the same in every document."""
        return next(iter(self.documents.values()))

    @property
    def informations(self) -> list[Information]:
        """Each document's information once: documents that share theirs (the poster, the pamphlet's) count once."""
        return list(dict.fromkeys(content.information for content in self.documents.values()
                                  if content.information is not None))

    def claims(self) -> list[Claim]:
        """Every claim of every document, each once (the directory's help lines are every document's)."""
        return list(dict.fromkeys(claim for document in self.documents.values() for claim in document.claims()))

    @property
    def newest_information_date(self) -> datetime.date:
        """The date the PDFs are stamped with, and a new catalog's first date."""
        return max(information.as_of for information in self.informations)
