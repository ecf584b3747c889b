"""Turn a language code (and what the kit says of a language CLDR does not know) into a kit's new language: its
catalog, with every string to translate, and its entry in handouts.yml."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from babel.dates import get_month_names

from ..errors import ContentError, Problem
from ..files import RefusedFile, kit_path, read_kit_file, write_atomically
from ..fonts import font_families
from ..i18n import translatable_strings, update_catalogs
from ..kit import KIT_FILE, load_kit
from ..kit.kit_file import LANGUAGE_TAG
from ..languages import Language, LanguageDescription, UnknownLanguage, language
from ..layout.glyph_coverage import undrawn
from ..tokens import describe_character, has_markup, hidden_characters, stray_braces
from .kit_edits import with_language
from .load import load

def add_language(kit_dir: Path, description: LanguageDescription) -> Language:
    """Add a language to the kit: its catalog, with every string untranslated, then its entry in handouts.yml.

    Everything is checked before anything is written: a language refused leaves the kit as it was."""
    kit = load_kit(kit_dir)
    code = description.code
    where = str(kit_dir / KIT_FILE)
    problems = described_problems(description, where)
    if problems:
        raise ContentError(problems)
    if code in kit.languages:
        raise ContentError(Problem(f"the kit already has {code}.", file=where, key="languages",
                                   fix=f"Translate content/translations/{code}.po, or refresh it with: "
                                       "handouts i18n update"))
    try:
        added = language(description, kit.scripts)
    except UnknownLanguage as error:
        raise ContentError(Problem(error.message, file=where, key="languages", language=code,
                                   fix=error.fix)) from None
    undrawable = undrawn(needed_characters(added), added.fonts, font_families(kit.font_dirs))
    if undrawable:
        names = ", ".join(f"U+{ord(character):04X} {character!r}" for character in undrawable[:5])
        raise ContentError(Problem(
            f"the fonts of {added.script_name} ({', '.join(added.fonts)}) do not draw {names}, which "
            f"{added.english_name}'s name and dates are written with: it could never be built.", file=where,
            key="languages", language=code,
            fix="Add a font that has them to the kit's fonts/ folder and name it under scripts: in handouts.yml."))
    try:
        kit_path(kit_dir, "content/translations")
        text = read_kit_file(kit_dir, KIT_FILE, "kit file").decode("utf-8")
    except RefusedFile as refused:
        raise ContentError(Problem(refused.message, file=where, fix=refused.fix)) from None
    new_text = with_language(text, description, where)
    load_kit(kit_dir, text=new_text)  # the kit file as it will be still reads, or this says why
    # The catalog holds every region's strings, whichever regions the kit lists now.
    content = load(kit_dir, regions=(), catalogs=False).content
    update_catalogs(translatable_strings(content), content.newest_information_date, kit.translations_dir, [added])
    try:
        write_atomically(kit_dir / KIT_FILE, new_text.encode("utf-8"))
    except BaseException:
        (kit.translations_dir / f"{code}.po").unlink(missing_ok=True)
        raise
    return added


def described_problems(description: LanguageDescription, where: str) -> list[Problem]:
    """What a language's description may not be: a code that is no language tag (a path, say), or a name or
    source that is not one line of plain text."""
    problems = []
    if not LANGUAGE_TAG.match(description.code):
        problems.append(Problem(f"{description.code!r} is not a language tag.", file=where, key="languages",
                                fix="Give a BCP 47 tag: a 2- or 3-letter language code, then optionally a script "
                                    "and a region, as in uk, hi, mam, pt-BR."))
    for name in ("english_name", "own_name", "source"):
        value = getattr(description, name)
        if value is None:
            continue
        what = {"english_name": "--name", "own_name": "--own-name", "source": "--source"}[name]
        hidden = [character for _, character in hidden_characters(value)]
        if "\n" in value or "\r" in value or hidden:
            shown = describe_character(hidden[0]) if hidden else "a line break"
            problems.append(Problem(f"{what} holds {shown}: a name or source is one line of plain text.",
                                    file=where, key="languages", language=description.code,
                                    fix="Give it again without that character."))
        elif has_markup(value) or stray_braces(value):
            problems.append(Problem(f"{what} holds markup or braces: {value[:40]!r}.", file=where,
                                    key="languages", language=description.code,
                                    fix="Give it as plain text: it is printed as written."))
    return problems


def needed_characters(added: Language) -> str:
    """What a language prints of its own besides its catalog: its name, and its dates (month names, digits)."""
    months = ""
    if added.locale is not None:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                months += "".join(get_month_names(width, context, locale=added.locale).values())
    return added.own_name + months + "0123456789"
