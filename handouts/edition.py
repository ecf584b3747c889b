"""Turn Content and a language into an Edition: every printed string resolved for that language."""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from babel import Locale
from babel.dates import format_date

from .content import SOURCE_LANGUAGE
from .errors import ContentError, Problem
from .model import Content, Text

LANGUAGES = (SOURCE_LANGUAGE,)


@dataclass(frozen=True)
class Edition:
    """One language's view of the content: what the templates print."""

    content: Content
    language: str

    @property
    def locale(self) -> Locale:
        return Locale.parse(self.language.replace("-", "_"))

    @property
    def direction(self) -> str:
        return self.locale.text_direction

    def text(self, text: Text, **fields: str) -> str:
        """The string to print for `text`, with its {placeholders} filled in."""
        template = text.english
        if not fields:
            return template
        try:
            return template.format(**fields)
        except (KeyError, IndexError, ValueError) as error:
            raise ContentError(Problem(
                f"placeholder problem ({error}); expected {{{'}, {'.join(fields)}}}.",
                file=text.origin.file, line=text.origin.line, column=text.origin.column,
                key=text.key, language=self.language,
                fix="Keep the placeholders in braces exactly as in the English text.")) from None

    def label(self, name: str, **fields: str) -> str:
        return self.text(self.content.labels[name], **fields)

    def date(self, value: datetime.date) -> str:
        return format_date(value, format="long", locale=self.locale)

    @property
    def information_as_of(self) -> str:
        return self.label("information_as_of", date=self.date(self.content.information.as_of))

    @property
    def printed_by(self) -> str:
        settings = self.content.settings
        return self.label("printed_by", organization=settings.organization, contact=settings.contact)

    # The card's back is for the officer, so it stays in English in every edition.
    @property
    def information_as_of_in_english(self) -> str:
        return self.english.information_as_of

    @property
    def printed_by_in_english(self) -> str:
        return self.english.printed_by

    @property
    def english(self) -> "Edition":
        return Edition(self.content, SOURCE_LANGUAGE)


def editions(content: Content, languages: tuple[str, ...] = LANGUAGES) -> list[Edition]:
    unknown = [language for language in languages if language not in LANGUAGES]
    if unknown:
        raise ContentError(Problem(
            f"unknown language {', '.join(unknown)}.",
            fix=f"Choose from: {', '.join(LANGUAGES)}."))
    return [Edition(content, language) for language in languages]
