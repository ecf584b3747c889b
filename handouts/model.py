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


@dataclass(frozen=True)
class Paragraph:
    text: Text


@dataclass(frozen=True)
class Notice:
    """A paragraph set apart in a box because the reader must not miss it."""

    text: Text


@dataclass(frozen=True)
class BulletList:
    lead: Text | None
    items: tuple[Text, ...]


@dataclass(frozen=True)
class Step:
    title: Text
    blocks: tuple["Block", ...]


@dataclass(frozen=True)
class Steps:
    steps: tuple[Step, ...]


Block = Union[Paragraph, Notice, BulletList, Steps]


@dataclass(frozen=True)
class Section:
    id: str
    heading: Text
    blocks: tuple[Block, ...]


@dataclass(frozen=True)
class Information:
    """The date the content was current, and where it came from."""

    as_of: datetime.date
    source: Text
    written_at: Origin | None = None  # where as_of is written


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
    rights: tuple[Text, ...]
    codes_heading: Text
    codes: tuple[HelpLine, ...]
    qr_caption: Text
    family_phone: Text
    lawyer_phone: Text


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
        return (front.title, front.subtitle, *front.rights, front.codes_heading, front.qr_caption,
                front.family_phone, front.lawyer_phone, *(line.card_label for line in front.codes))


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

    information: Information
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

    def verification_dates(self) -> list[tuple[str, datetime.date]]:
        """(entry, date last known current) for every verified directory entry."""
        directory = self.directory
        dated = [(f"{line.name} ({line.speed_dial})", line.verified_on)
                 for line in directory.help_lines if line.verified_on]
        if directory.locator.verified_on:
            dated.append((directory.locator.name, directory.locator.verified_on))
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
class KitContent:
    """Every document of a kit, by name, in the kit's order."""

    documents: dict[str, Content]

    @property
    def first(self) -> Content:
        """The shared parts (directory, labels, settings) are the same in every document."""
        return next(iter(self.documents.values()))

    @property
    def informations(self) -> list[Information]:
        """Each document's information once: documents that share theirs (the poster, the pamphlet's) count once."""
        return list(dict.fromkeys(content.information for content in self.documents.values()))

    @property
    def newest_information_date(self) -> datetime.date:
        """The date the PDFs are stamped with, and a new catalog's first date."""
        return max(information.as_of for information in self.informations)
