"""Turn language codes, and what a kit says of languages CLDR does not know, into Languages: names, script, direction, fonts."""

from __future__ import annotations

from dataclasses import dataclass

from babel import Locale, UnknownLocaleError
from babel.core import get_global

SOURCE_LANGUAGE = "en"
# The language officers at the border speak, and the one a card speaks in for a language without a catalog.
SPANISH = "es"

# The fonts that print each script (ISO 15924), shipped with the tool in fonts/.
# Codes, numbers and web addresses in every language are Latin, so Noto Sans
# closes every stack. A kit adds a script by adding its font to its own fonts/
# folder and naming the family under `scripts:` in handouts.yml.
SCRIPT_FONTS: dict[str, tuple[str, ...]] = {
    "Latn": ("Noto Sans",),  # Vietnamese included
    "Cyrl": ("Noto Sans",),
    "Arab": ("Noto Naskh Arabic", "Noto Sans"),
    "Hans": ("Noto Sans CJK SC", "Noto Sans"),
    # Traditional characters (a Cantonese name: 粵語) from the same font, which draws them as mainland type does.
    "Hant": ("Noto Sans CJK SC", "Noto Sans"),
    "Guru": ("Noto Sans Gurmukhi", "Noto Sans"),
    "Ethi": ("Noto Sans Ethiopic", "Noto Sans"),
    "Deva": ("Noto Sans Devanagari", "Noto Sans"),
    "Beng": ("Noto Sans Bengali", "Noto Sans"),
    "Gujr": ("Noto Sans Gujarati", "Noto Sans"),
    "Geor": ("Noto Sans Georgian", "Noto Sans"),
}


@dataclass(frozen=True)
class Language:
    code: str  # the BCP 47 tag used in file names and the HTML lang attribute: "fa-AF", "mam"
    english_name: str  # the spoken language, for the officer and the interpreter: "Dari", "Mandarin", "Mam"
    own_name: str  # its name in itself: "دری", "ਪੰਜਾਬੀ"
    written_name_in_english: str  # for lists of files: "Simplified Chinese"
    script: str  # ISO 15924: "Arab"
    direction: str  # "ltr" or "rtl"
    fonts: tuple[str, ...]
    # CLDR's data for the language (dates, plural rules); None where CLDR does
    # not know it (Mam): dates are then written by the catalog's header, or as numbers.
    locale: Locale | None = None
    # Where the names come from, when the kit gives them rather than CLDR.
    source: str | None = None

    @property
    def script_name(self) -> str:
        return script_name(self.script)


@dataclass(frozen=True)
class LanguageDescription:
    """What a kit says of a language, for what CLDR does not know or names otherwise."""

    code: str
    english_name: str | None = None
    own_name: str | None = None
    script: str | None = None
    direction: str | None = None
    source: str | None = None


class UnknownLanguage(Exception):
    """A language the tool cannot print: why, and what to do (the kit stage adds file and line)."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


def script_name(script: str) -> str:
    return Locale("en").scripts.get(script, script)


def cldr_locale(code: str) -> Locale | None:
    """CLDR's locale for a BCP 47 tag, or None where CLDR does not know the language."""
    try:
        return Locale.parse(code, sep="-")
    except (UnknownLocaleError, ValueError):
        return None


def cldr_name(code: str, written_in: str) -> str | None:
    """CLDR's name of the language `code` (a tag or an ISO 639-3 code) in the language `written_in`, as it is
    written in a sentence: "wolof" in French; None where CLDR has none."""
    locale = cldr_locale(written_in)
    if locale is None:
        return None
    names = locale.languages
    return names.get(code.replace("-", "_")) or names.get(code.split("-")[0])


def language(description: LanguageDescription, extra_scripts: dict[str, tuple[str, ...]] | None = None) -> Language:
    """The Language for a kit's entry: CLDR's names, script and direction, where the kit says nothing else."""
    code = description.code
    locale = cldr_locale(code)
    fonts_by_script = {**SCRIPT_FONTS, **(extra_scripts or {})}
    if locale is None:
        missing = [name for name in ("english_name", "own_name", "script", "source")
                   if not getattr(description, name)]
        if missing:
            raise UnknownLanguage(
                f"CLDR does not know the language {code!r}, so the kit must describe it; missing: "
                f"{', '.join(missing)}.",
                "Give its names in English and in the language itself, its script (ISO 15924, e.g. Latn) "
                "and the source of the names: "
                f"handouts i18n add {code} --name NAME --own-name NAME --script Latn --source SOURCE")
        script = description.script
    else:
        script = description.script or _script_of(locale)
        if (description.english_name or description.own_name) and not description.source:
            raise UnknownLanguage(f"the kit names the language {code!r} itself, without a source.",
                                  "Add `source:` naming where the name comes from, or remove the name to use CLDR's.")
    if script not in fonts_by_script:
        raise UnknownLanguage(
            f"no font for the {script_name(script)} script ({script}), which {code} is written in.",
            f"Put a font covering {script_name(script)} (Noto fonts cover every script) in the kit's fonts/ "
            f"folder and name its family in handouts.yml: scripts: {{{script}: [Family Name]}}")
    english = Locale("en")
    return Language(
        code=code,
        english_name=description.english_name or _spoken_name_in_english(locale),
        own_name=description.own_name or _own_name(locale),
        written_name_in_english=(description.english_name if locale is None else
                                 english.languages.get(str(locale)) or _spoken_name_in_english(locale)),
        script=script,
        direction=description.direction or (locale.text_direction if locale else direction_of(script)),
        fonts=fonts_by_script[script],
        locale=locale,
        source=description.source,
    )


# The scripts whose letters Unicode writes right to left (bidirectional class R or AL).
RIGHT_TO_LEFT_SCRIPTS = frozenset({"Arab", "Hebr", "Syrc", "Thaa", "Nkoo", "Adlm", "Rohg", "Mand", "Samr"})


def direction_of(script: str) -> str:
    """The direction a script is written in."""
    return "rtl" if script in RIGHT_TO_LEFT_SCRIPTS else "ltr"


def _script_of(locale: Locale) -> str:
    if locale.script:
        return locale.script
    likely = get_global("likely_subtags").get(locale.language, "")
    parts = likely.split("_")
    return parts[1] if len(parts) > 1 and len(parts[1]) == 4 else "Latn"


def _spoken_name_in_english(locale: Locale) -> str:
    """CLDR's English name for the spoken language: "Dari" for fa-AF (a name of its own), but
    "Portuguese" for pt-BR (the written variety's name holds the spoken one's)."""
    languages = Locale("en").languages
    base = languages.get(locale.language, locale.language)
    full = languages.get(str(locale))
    return full if full and base not in full and not locale.script else base


def _own_name(locale: Locale) -> str:
    languages = locale.languages
    return languages.get(str(locale)) or languages.get(locale.language) or locale.language


ENGLISH = language(LanguageDescription(SOURCE_LANGUAGE))
