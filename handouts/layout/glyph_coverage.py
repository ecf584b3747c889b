"""Turn each edition's printed text and the kit's fonts into missing-glyph problems, before anything renders."""

from __future__ import annotations

import unicodedata
from pathlib import Path
from typing import Iterator

from ..errors import Problem
from ..fonts import font_families, kit_families
from ..i18n.editions import BIDI_CONTROLS, Edition
from ..i18n.strings import translatable_strings
from ..kit.model import OFFICER_LINES, LanguageTable

# Shaping controls with no glyph of their own: HarfBuzz handles them.
NO_GLYPH_NEEDED = BIDI_CONTROLS | {"\u200c", "\u200d", "\u00ad"}
# The card's back speaks English to the officer in every edition.
ENGLISH_FONTS = ("Noto Sans",)


# How a problem names the date, which the tool writes: it is no string of the content.
DATE_KEY = "the date, as the language writes it (CLDR's month names, or the catalog's # Months: line)"


def printed_strings(edition: Edition) -> Iterator[tuple[str, str, tuple[str, ...]]]:
    """(key, text, fonts) for every string the edition prints, with the fonts it is printed in;
    the key names it so that an editor can find it ("card:front.title", "settings:contact")."""
    content = edition.content
    fonts = edition.language.fonts
    for text in translatable_strings(content):
        yield text.msgctxt, edition.text(text), fonts
    directory = content.directory
    for line in directory.help_lines:
        for name in ("name", "speed_dial", "phone", "web"):
            if getattr(line, name):
                yield f"directory:help_lines.{line.id}.{name}", getattr(line, name), fonts
    yield "directory:detainee_locator.name", directory.locator.name, fonts
    yield "directory:detainee_locator.web", directory.locator.web, fonts
    for group in directory.states:
        for index, organization in enumerate(group.organizations):
            key = f"directory:local_organizations.states.{group.id}.organizations[{index}]"
            yield f"{key}.name", organization.name, fonts
            for name in ("address", "phone", "web"):
                if getattr(organization, name):
                    yield f"{key}.{name}", getattr(organization, name), fonts
    yield "handouts:organization.name", content.settings.organization, fonts
    if content.information is not None:
        # The date apart from the sentence around it (a translated string, checked above): its month's
        # name is CLDR's, or the catalog's own, never a line of labels.yml.
        yield DATE_KEY, edition.date(content.information.as_of), fonts
    if content.language_cards is not None:
        # The cards' backs, in English; the table's names are checked on their own (unprintable_names).
        cards = content.language_cards
        for name in OFFICER_LINES:
            yield f"i-speak:officer.{name}", getattr(cards, f"officer_{name}"), ENGLISH_FONTS
    yield "language name", edition.language_name, fonts
    if content.card is None:
        return
    back = content.card.back
    english = edition.english
    yield "card:back.heading", back.heading, ENGLISH_FONTS
    for key, sentence in back.statement:
        yield f"card:{key}", sentence, ENGLISH_FONTS
    if edition.interpreter_request:
        yield "card:back.interpreter", edition.interpreter_request, ENGLISH_FONTS
    yield "labels:information_as_of", english.information_as_of, ENGLISH_FONTS
    yield "labels:printed_by", english.printed_by, ENGLISH_FONTS


def undrawn(text: str, fonts: tuple[str, ...], families: dict[str, frozenset[int]]) -> list[str]:
    """The characters of `text` that none of `fonts` draws (each once, in order): they would print as boxes."""
    available = frozenset().union(*(families.get(family, frozenset()) for family in fonts))
    return [character for character in dict.fromkeys(text)
            if not (character.isspace() or character in NO_GLYPH_NEEDED or ord(character) in available)]


def missing_glyphs(editions: list[Edition], font_dirs: tuple[Path, ...]) -> list[Problem]:
    """One problem per character that a font lacks, naming every place that prints it and the
    languages it prints in, in the order the strings are met. A font the kit adds is a fallback for every
    language, as the renderer uses it: a character no other font draws is taken from it."""
    families = font_families(font_dirs)
    fallbacks = kit_families(font_dirs)
    # character -> (file, line, key) -> languages
    uses: dict[str, dict[tuple[str | None, int | None, str], list[str]]] = {}
    fonts_by_character: dict[str, dict[str, None]] = {}
    for edition in editions:
        for key, text, fonts in printed_strings(edition):
            for character in undrawn(text, (*fonts, *fallbacks), families):
                place = (*edition.source_of(key), key) if key != DATE_KEY else (edition.translation and
                                                                                 edition.translation.shown_path, None, key)
                languages = uses.setdefault(character, {}).setdefault(place, [])
                if edition.code not in languages:
                    languages.append(edition.code)
                fonts_by_character.setdefault(character, {}).update(dict.fromkeys(fonts))
    problems = []
    for character, places in uses.items():
        name = unicodedata.name(character, "unnamed character")
        (file, line, key), languages = next(iter(places.items()))
        others = [f"{other_file or '(made by the tool)'}{f':{other_line}' if other_line else ''} {other_key} "
                  f"[{', '.join(other_languages)}]"
                  for (other_file, other_line, other_key), other_languages in list(places.items())[1:]]
        also = f" Also printed at: {'; '.join(others)}." if others else ""
        problems.append(Problem(
            f"U+{ord(character):04X} {character!r} ({name}) is in no font that prints it "
            f"({', '.join(fonts_by_character[character])}).{also}",
            file=file, line=line, key=key, language=", ".join(languages),
            fix="Remove or replace the character, or add a font that has it to the kit's fonts/ folder "
                "(for the tool's Chinese: make han-font)."))
    return problems


def unprintable_names(table: LanguageTable, font_dirs: tuple[Path, ...]) -> list[Problem]:
    """A problem for each name of the language table with a character none of its fonts draws: it would print
    as an empty box."""
    families = font_families(font_dirs)
    problems = []
    for language in table.languages:
        named = [(kind, getattr(language, kind)) for kind in ("own", "english", "spanish")]
        named += [(f"aliases[{index}]", alias) for index, alias in enumerate(language.aliases)]
        for kind, name in named:
            if name is None:
                continue
            fonts = language.fonts if kind == "own" else language.latin_fonts
            for character in undrawn(name.text, fonts, families)[:1]:
                label = unicodedata.name(character, "unnamed character")
                problems.append(Problem(
                    f"{name.text!r} has {character} (U+{ord(character):04X} {label}), which no font of its "
                    f"script ({', '.join(fonts)}) draws: it would print as an empty box.",
                    file=table.file, line=name.origin.line, column=name.origin.column,
                    key=f"{language.key}.{kind if kind.startswith('aliases') else 'names.' + kind}",
                    fix="Check the name against its source (a look-alike letter from another script?), or add a "
                        "font that covers it to the kit's fonts/ folder and name it under scripts: in handouts.yml."))
    return problems
