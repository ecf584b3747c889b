"""Turn an Edition into the fingerprint of the text a recording of it reads, and a kit's recordings into
whether each still reads what is printed."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from ..kit.model import KitContent, Recording
from ..languages import SOURCE_LANGUAGE, SPANISH, Language
from .catalogs import Translation
from .editions import Edition
from .strings import translatable_strings

# The printed words around the text (captions, footers, the draft notice) are not what a recording reads.
_NOT_READ = ("labels:",)


def reading(edition: Edition) -> str:
    """The fingerprint of what a recording of the edition reads: every sentence of the document as the
    edition prints it (in English where it prints English), the codes, numbers and addresses of the
    directory, and each rule's status. Any change to one of them is a change to what a listener hears."""
    content = edition.content
    digest = hashlib.sha256()
    for text in translatable_strings(content):
        if not text.msgctxt.startswith(_NOT_READ):
            digest.update(f"{text.msgctxt}\0{edition.text(text)}\n".encode())
    directory = content.directory
    for line in directory.help_lines:
        digest.update(f"{line.id}\0{line.speed_dial}\0{line.phone}\0{line.web}\n".encode())
    digest.update(f"{directory.locator.web}\n".encode())
    for group in directory.states:
        for organization in group.organizations:
            digest.update(f"{organization.name}\0{organization.phone}\0{organization.address}\0"
                          f"{organization.web}\n".encode())
    for claim in content.claims():
        digest.update(f"{claim.key}\0{claim.status}\0{claim.since}\n".encode())
    return digest.hexdigest()[:16]


def read_from(recording_language: str, languages: dict[str, Language]) -> str:
    """The language whose text a recording reads: its own, or, for a language without a catalog (an oral
    language, interpreted from the Spanish), Spanish where the kit has it, else English."""
    if recording_language in languages:
        return recording_language
    return SPANISH if SPANISH in languages else SOURCE_LANGUAGE


@dataclass(frozen=True)
class RecordingState:
    recording: Recording
    read_from: str  # the language whose text it reads
    reads_now: str  # the fingerprint of that text as it is now

    @property
    def current(self) -> bool:
        """It still reads what the document prints: its QR code is printed."""
        return self.recording.reads == self.reads_now

    @property
    def oral(self) -> bool:
        """Of a language without a catalog in the kit: its "I speak" card plays it."""
        return self.read_from != self.recording.language


def recording_states(content: KitContent, languages: dict[str, Language],
                     translations: dict[str, Translation]) -> list[RecordingState]:
    """Each recording whose text's catalog is among `translations` (English needs none), current or not."""
    states = []
    for recording in content.recordings:
        code = read_from(recording.language, languages)
        if code != SOURCE_LANGUAGE and code not in translations:
            continue
        edition = Edition(content.documents[recording.document], languages[code], translations.get(code))
        states.append(RecordingState(recording, code, reading(edition)))
    return states


def languages_read(content: KitContent, languages: dict[str, Language]) -> tuple[str, ...]:
    """The languages whose catalogs the kit's recordings read."""
    return tuple(dict.fromkeys(read_from(recording.language, languages) for recording in content.recordings))


@dataclass(frozen=True)
class Playing:
    """The address of each current recording: by document and language, for the cards and posters of the
    kit's languages; and by language alone for those without a catalog, whose "I speak" cards play them."""

    by_document: dict[str, dict[str, str]] = field(default_factory=dict)
    oral: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, states: list[RecordingState]) -> "Playing":
        by_document: dict[str, dict[str, str]] = {}
        oral: dict[str, str] = {}
        for state in states:
            if state.current:
                by_document.setdefault(state.recording.document, {})[state.recording.language] = state.recording.url
                if state.oral:
                    oral.setdefault(state.recording.language, state.recording.url)
        return cls(by_document, oral)
