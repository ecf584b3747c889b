"""The languages the handouts are printed in: locale, script, fonts and how each names itself."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

from babel import Locale

SOURCE_LANGUAGE = "en"

# Font stacks by script. Codes, numbers and web addresses in every language are
# Latin, so Noto Sans closes every stack.
LATIN = ("Noto Sans",)
ARABIC = ("Noto Naskh Arabic", "Noto Sans")
HAN = ("Noto Sans CJK SC", "Noto Sans")
GURMUKHI = ("Noto Sans Gurmukhi", "Noto Sans")
ETHIOPIC = ("Noto Sans Ethiopic", "Noto Sans")


@dataclass(frozen=True)
class Language:
    code: str  # the BCP 47 tag used in file names and the HTML lang attribute
    babel_locale: str
    script: str
    fonts: tuple[str, ...]
    # CLDR has no month names for some languages (Haitian Creole prints
    # "2024 M03 18" in the long form), so their dates use the numeric form.
    date_format: str = "long"
    # The name an officer needs to find an interpreter, where the written
    # language's name is not the spoken one (Simplified Chinese is read by
    # speakers of several languages; the demand at the border is Mandarin).
    spoken_language_in_english: str | None = None

    @cached_property
    def locale(self) -> Locale:
        return Locale.parse(self.babel_locale)

    @property
    def direction(self) -> str:
        return self.locale.text_direction

    @property
    def own_name(self) -> str:
        """The language's name in itself, from CLDR: "دری", "ਪੰਜਾਬੀ"."""
        languages = self.locale.languages
        return languages.get(self.babel_locale) or languages[self.locale.language]

    @property
    def english_name(self) -> str:
        """The spoken language's name in English, for the card's back: "Dari"."""
        if self.spoken_language_in_english:
            return self.spoken_language_in_english
        english = Locale("en").languages
        # Dari has its own name as a regional tag; Brazilian Portuguese is spoken Portuguese.
        return english.get(self.babel_locale) if self.babel_locale == "fa_AF" else english[self.locale.language]


    @property
    def written_name_in_english(self) -> str:
        """The written language's name in English, for lists of files: "Simplified Chinese"."""
        return Locale("en").languages.get(self.babel_locale) or self.english_name


LANGUAGES: dict[str, Language] = {language.code: language for language in (
    Language("en", "en", "Latin", LATIN),
    Language("es", "es", "Latin", LATIN),
    Language("fr", "fr", "Latin", LATIN),
    Language("ht", "ht", "Latin", LATIN, date_format="short"),
    Language("pt-BR", "pt_BR", "Latin", LATIN),
    Language("ru", "ru", "Cyrillic", LATIN),
    Language("tr", "tr", "Latin", LATIN),
    Language("ar", "ar", "Arabic", ARABIC),
    Language("fa-AF", "fa_AF", "Arabic", ARABIC),
    Language("ps", "ps", "Arabic", ARABIC),
    Language("zh-Hans", "zh_Hans", "Han", HAN, spoken_language_in_english="Mandarin"),
    Language("pa", "pa", "Gurmukhi", GURMUKHI),
    Language("ti", "ti", "Ethiopic", ETHIOPIC),
)}

TRANSLATED_LANGUAGES = tuple(code for code in LANGUAGES if code != SOURCE_LANGUAGE)
