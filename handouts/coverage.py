"""Turn each edition's printed text and the shipped fonts into missing-glyph problems, before anything renders."""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from fontTools.ttLib import TTFont

from .edition import BIDI_CONTROLS, Edition
from .errors import Problem
from .fontprep import font_files_by_family
from .strings import translatable_strings

# Shaping controls with no glyph of their own: HarfBuzz handles them.
NO_GLYPH_NEEDED = BIDI_CONTROLS | {"\u200c", "\u200d", "\u00ad"}


@lru_cache(maxsize=None)
def font_families(fonts_dir: Path) -> dict[str, frozenset[int]]:
    """Each shipped family's characters: the union of its styles' character maps."""
    return {family: frozenset().union(*(TTFont(path, lazy=True).getBestCmap() for path in paths))
            for family, paths in font_files_by_family(fonts_dir).items()}


def printed_strings(edition: Edition) -> Iterator[tuple[str, str]]:
    """(where, text) for every string the edition prints, named so an editor can find it."""
    content = edition.content
    for text in translatable_strings(content):
        yield text.msgctxt, edition.text(text)
    directory = content.directory
    for line in directory.help_lines:
        for name in ("name", "speed_dial", "phone", "web"):
            if getattr(line, name):
                yield f"directory:help_lines.{line.id}.{name}", getattr(line, name)
    yield "directory:detainee_locator.name", directory.locator.name
    yield "directory:detainee_locator.web", directory.locator.web
    for group in directory.states:
        for index, organization in enumerate(group.organizations):
            yield f"directory:local_organizations.states.{group.id}.organizations[{index}].name", organization.name
    settings = content.settings
    yield "settings:organization", settings.organization
    yield "settings:contact", settings.contact
    yield "date", edition.information_as_of
    yield "language name", edition.language_name


def missing_glyphs(edition: Edition, fonts_dir: Path) -> list[Problem]:
    families = font_families(fonts_dir)
    available: set[int] = set()
    for family in edition.language.fonts:
        available |= families.get(family, frozenset())
    problems = []
    for where, text in printed_strings(edition):
        for character in sorted(set(text)):
            if character.isspace() or character in NO_GLYPH_NEEDED or ord(character) in available:
                continue
            name = unicodedata.name(character, "unnamed character")
            problems.append(Problem(
                f"U+{ord(character):04X} {character!r} ({name}) is in no font of this language "
                f"({', '.join(edition.language.fonts)}).",
                key=where, language=edition.code,
                fix="Remove or replace the character, or ship a font that has it in fonts/ "
                    "(for Chinese: make han-font)."))
    return problems
