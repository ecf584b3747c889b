"""Turn Content, a language and its Translation into an Edition: every printed string resolved for that language."""

from __future__ import annotations

import datetime
import re
import unicodedata
from dataclasses import dataclass

from babel.dates import format_date

from ..errors import ContentError, Problem
from ..kit.model import RULES_IN_COURT, STATUS_LABELS, Claim, Content, Text
from ..languages import ENGLISH, SOURCE_LANGUAGE, Language
from ..tokens import DATA_TOKEN, fill_placeholders
from .catalogs import Translation
from .strings import translatable_strings

# Unicode's isolates. WeasyPrint ignores CSS unicode-bidi and <bdi>, so a code
# inside right-to-left text is isolated by the text itself: without this,
# "9233#" can display as "#9233" and a phone number can reorder its groups.
LEFT_TO_RIGHT_ISOLATE = "\u2066"
POP_DIRECTIONAL_ISOLATE = "\u2069"
# WeasyPrint reorders each line on its own, so an isolate that wraps onto a
# second line loses its start there; a left-to-right mark at each end keeps an
# English sentence's full stop at its end on every line.
LEFT_TO_RIGHT_MARK = "\u200e"
BIDI_CONTROLS = frozenset("\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

# Marks each string printed in English because its translation is missing or
# out of date, so a reader sees it is not in their language by mistake.
UNTRANSLATED_MARK = "[EN]"


def isolate_left_to_right(text: str) -> str:
    """Wrap every code, number and address in `text` as a left-to-right isolate."""
    def isolate(match) -> str:
        if text[:match.start()].endswith(LEFT_TO_RIGHT_ISOLATE):
            return match.group(0)  # isolated already: a translated string filled into a label
        return f"{LEFT_TO_RIGHT_ISOLATE}{match.group(0)}{POP_DIRECTIONAL_ISOLATE}"
    return DATA_TOKEN.sub(isolate, text)


@dataclass(frozen=True)
class Edition:
    """One language's view of the content: what the templates print."""

    content: Content
    language: Language
    translation: Translation | None = None  # None for the source language
    # The address of a recording of the document in this language that still reads what it prints: its
    # card and poster print a "Listen" QR code for it. None where there is none, or it is out of date.
    listen: str | None = None

    @property
    def code(self) -> str:
        return self.language.code

    @property
    def direction(self) -> str:
        return self.language.direction

    @property
    def is_draft(self) -> bool:
        return self.translation is not None and self.translation.is_draft

    @property
    def is_incomplete(self) -> bool:
        """Some string of this document prints in English: never translated, or changed since (a change to
        another document's strings leaves it as it was)."""
        return self._prints_english(translatable_strings(self.content))

    @property
    def card_is_incomplete(self) -> bool:
        """Some string on the card prints in English: a pamphlet's edit leaves the card as it was."""
        card = self.content.card
        return card is not None and self._prints_english([*card.translated_texts(),
                                                          self.content.labels["information_as_of"]])

    @property
    def pamphlet_is_incomplete(self) -> bool:
        """Some string of the pamphlet (and booklet) prints in English; the card's own strings are not in it."""
        card = self.content.card
        card_only = {text.msgctxt for text in card.translated_texts()} if card else set()
        return self._prints_english([text for text in translatable_strings(self.content)
                                     if text.msgctxt not in card_only])

    def _prints_english(self, texts: list[Text]) -> bool:
        if self.translation is None:
            return False
        untranslated = set(self.translation.untranslated)
        return any(text.msgctxt in untranslated for text in texts)

    def text(self, text: Text, **fields: str) -> str:
        """The string to print for `text`, with its {placeholders} filled in.

        A string with no current translation prints in English, marked: never a
        stale translation of an English text that has since changed.
        """
        template = text.english
        fallback = self.prints_in_english(text)
        if self.translation is not None:
            template = self.translation.strings.get(text.msgctxt, text.english)
        if fields and fallback:
            # The English around them says it is English once: a field printed in English too is not marked again.
            fields = {name: _unmarked(value) for name, value in fields.items()}
        if fields:
            try:
                template = fill_placeholders(template, fields)
            except KeyError as error:
                raise ContentError(Problem(
                    f"unknown placeholder {{{error.args[0]}}}; expected {', '.join('{' + f + '}' for f in fields)}.",
                    file=text.origin.file, line=text.origin.line, column=text.origin.column,
                    key=text.key, language=self.code,
                    fix="Keep the placeholders in braces exactly as in the English text.")) from None
        if fallback:
            # The notice that says so is marked already.
            marked = template if template.startswith(UNTRANSLATED_MARK) else f"{UNTRANSLATED_MARK} {template}"
            if self.direction == "rtl":
                # One left-to-right run, its codes inside it: isolates do not nest here.
                return (f"{LEFT_TO_RIGHT_ISOLATE}{LEFT_TO_RIGHT_MARK}{marked}"
                        f"{LEFT_TO_RIGHT_MARK}{POP_DIRECTIONAL_ISOLATE}")
            return marked
        return self.data(template)

    def prints_in_english(self, text: Text) -> bool:
        """The string has no current translation in this edition: it prints in English, marked."""
        return self.translation is not None and text.msgctxt not in self.translation.strings

    def notice(self, name: str) -> tuple["NoticeLine", ...]:
        """A notice of the labels (draft_translation, untranslated) as it is printed: in the edition's
        language, then in English for whoever hands the piece out; in English alone, once, where the
        language has no translation of it."""
        english = NoticeLine(self.english.label(name), SOURCE_LANGUAGE, "ltr", in_english=True)
        if self.code == SOURCE_LANGUAGE or self.prints_in_english(self.content.labels[name]):
            return (english,)
        return NoticeLine(self.label(name), self.code, self.direction, in_english=False), english

    @property
    def shows_draft_notice(self) -> bool:
        """A draft catalog whose translation this edition prints some of: "Draft translation, not yet reviewed"
        says something only next to translated text."""
        return self.is_draft and bool(self.translation.strings)

    def source_of(self, key: str) -> tuple[str | None, int | None]:
        """(file, line) where the string printed under `key` was written: its catalog entry
        when it prints translated, else the content file."""
        if self.translation is not None and key in self.translation.strings:
            return self.translation.shown_path, self.translation.lines.get(key)
        origin = self.content.origins.get(key)
        return (origin.file, origin.line) if origin else (None, None)

    def data(self, value: str) -> str:
        """A code, number or address as printed in this edition: isolated in right-to-left text."""
        return isolate_left_to_right(value) if self.direction == "rtl" else value

    def sentences(self, *texts: Text | None) -> str:
        """Texts printed one after the other as sentences of one paragraph."""
        joined = ""
        for printed in (self.text(text) for text in texts if text is not None):
            joined += (_between_sentences(joined) + printed) if joined else printed
        return joined

    def label(self, name: str, **fields: str) -> str:
        return self.text(self.content.labels[name], **fields)

    def date(self, value: datetime.date) -> str:
        """The date as the edition's readers write it: the catalog's own pattern and month names where it
        gives them, else CLDR's."""
        translation = self.translation
        pattern = translation.date_pattern if translation else None
        if translation and translation.month_names:
            return _with_month_names(value, pattern or "d MMMM y", translation.month_names)
        if self.language.locale is None:
            # CLDR does not know the language, and its catalog names no months: numbers, as ISO 8601 writes them.
            return _with_month_names(value, pattern or "y-MM-dd", ())
        return format_date(value, format=pattern or "long", locale=self.language.locale)

    def status_line(self, claim: Claim | None) -> str | None:
        """What a reader is told under a rule that is not plainly in effect: "Blocked by a court on
        August 29, 2025; this may change. Ask a lawyer." None for a rule in effect."""
        if claim is None or not claim.prints_status:
            return None
        name = STATUS_LABELS[claim.status]
        if claim.since is None:
            return self.label(name)
        writer = self.english if self.prints_in_english(self.content.labels[name]) else self
        date = writer.date(claim.since)
        # A date that ends with its own full stop ("24 января 2025 г.") ends the sentence with it.
        line = self.label(name, date=date)
        return line.replace(f"{date}.", date) if date.endswith(".") else line

    def rules_in_court(self, piece: str) -> str | None:
        """Said by a piece near its information date when it prints a rule before a court, or one whose
        standing is unknown."""
        if any(claim.contested for claim in self.content.claims_printed_by(piece)):
            return self.label(RULES_IN_COURT)
        return None

    @property
    def information_as_of(self) -> str:
        # A date in the sentence's own language: in English, where the sentence is not translated yet.
        writer = self.english if self.prints_in_english(self.content.labels["information_as_of"]) else self
        return self.label("information_as_of", date=writer.date(self.content.information.as_of))

    @property
    def printed_by(self) -> str:
        settings = self.content.settings
        return self.label("printed_by", organization=settings.organization, contact=self.text(settings.contact))

    @property
    def language_name(self) -> str:
        return self.language.own_name

    @property
    def english(self) -> "Edition":
        """The source-language edition: the card's back speaks to the officer in English."""
        return Edition(self.content, ENGLISH)

    @property
    def interpreter_request(self) -> str | None:
        """"I speak Dari. I need an interpreter for Dari." for every edition but English."""
        if self.code == SOURCE_LANGUAGE or self.content.card is None:
            return None
        return fill_placeholders(self.content.card.back.interpreter, {"language": self.language.english_name})


@dataclass(frozen=True)
class NoticeLine:
    """One line of a notice, and the language it is printed in."""

    text: str
    language: str  # BCP 47
    direction: str
    in_english: bool


def _between_sentences(sentence: str) -> str:
    # A sentence that ends in a full-width stop («。», «！») needs no space after it: Chinese and Japanese
    # write none (a space there prints as a gap); every other script parts its sentences with one.
    return "" if unicodedata.east_asian_width(sentence[-1]) in ("F", "W") else " "


def _unmarked(value: str) -> str:
    """A printed string without the mark (and the isolates around it) that says it is English."""
    start, end = f"{LEFT_TO_RIGHT_ISOLATE}{LEFT_TO_RIGHT_MARK}", f"{LEFT_TO_RIGHT_MARK}{POP_DIRECTIONAL_ISOLATE}"
    if value.startswith(start) and value.endswith(end):
        value = value[len(start):-len(end)]
    return value.removeprefix(f"{UNTRANSLATED_MARK} ")


DATE_FIELD = re.compile(r"d{1,2}|M{1,4}|y{1,4}")


def _with_month_names(value: datetime.date, pattern: str, month_names: tuple[str, ...]) -> str:
    """`value` written by a pattern of d, M and y, with the catalog's month names for MMM and MMMM."""
    def field(match: re.Match) -> str:
        letters = match.group(0)
        if letters[0] == "d":
            return f"{value.day:0{len(letters)}d}"
        if letters[0] == "y":
            return f"{value.year:04d}" if len(letters) != 2 else f"{value.year % 100:02d}"
        if len(letters) >= 3 and month_names:
            return month_names[value.month - 1]
        return f"{value.month:0{min(len(letters), 2)}d}"
    return DATE_FIELD.sub(field, pattern)


def editions(content: Content, languages: list[Language], translations: dict[str, Translation],
             playing: dict[str, str] | None = None) -> list[Edition]:
    """The document's edition in each language; `playing` gives, by language, the address of a current
    recording of it."""
    return [Edition(content, language, translations.get(language.code), (playing or {}).get(language.code))
            for language in languages]
