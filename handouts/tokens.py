"""Turn a piece of content or translation into what it holds: data tokens, placeholders, and characters it may not carry.

The one place that decides what a string may hold, and what a translation must
copy from its English: every content file and every catalog is checked here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from typing import Mapping

# Data that is the same in every language and must never be translated or
# reordered: web and e-mail addresses, dates written as numbers, phone numbers,
# speed-dial codes. Written with ASCII classes only: an Arabic letter attached to
# a number ("ب9233#", "call 9233#") is not part of it, and Arabic-Indic or
# fullwidth digits never pass for the ASCII digits a phone dials.
_EDGE = r"(?<![0-9A-Za-z#+@./-])"
_END = r"(?![0-9A-Za-z#@-])"
WEB_ADDRESS = r"https?://[A-Za-z0-9._~:/?#@!$&*+=%-]*[A-Za-z0-9_~/#=%-]"
E_MAIL = r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}"
NUMERIC_DATE = r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
PHONE = r"(?:1-)?[0-9]{3}-[0-9]{3}-[0-9]{4}|\+[0-9]{1,3}(?: [0-9]{2,4}){2,4}"
SPEED_DIAL = r"[0-9]{3,4}#|#[0-9]{3,4}"
# Any digits with a # count as a code when comparing a translation with its
# English, so that "19233#" is reported as what it is, not only as a missing "9233#".
ANY_CODE = r"[0-9]+#|#[0-9]+"
DATA_TOKEN = re.compile(
    rf"{WEB_ADDRESS}|{_EDGE}(?:{E_MAIL}|{NUMERIC_DATE}|{PHONE}|{ANY_CODE}){_END}")

# What the tool fills in: {date}, {organization}... Nothing else in braces.
PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")

# Text is printed as written; anything that looks like an HTML tag is refused
# rather than passed to the renderer or printed as stray angle brackets.
MARKUP = re.compile(r"<\s*[A-Za-z/!?]")

# Characters that change how text is displayed, or hide in it, without being
# seen in an editor or a diff: a right-to-left override around "9233#" prints
# "#3329". The tool inserts its own isolates where they are needed; nobody else
# does. Every control character (newline aside) and every format character is
# refused, but for the two joiners that Persian, Pashto and Indic spelling need.
ALLOWED_FORMAT_CHARACTERS = frozenset("\u200c\u200d")  # ZERO WIDTH NON-JOINER, ZERO WIDTH JOINER
ALLOWED_CONTROL_CHARACTERS = frozenset("\n")


def data_tokens(text: str) -> list[str]:
    """Every code, phone number, web or e-mail address and numeric date in `text`, in order."""
    return DATA_TOKEN.findall(text)


def token_differences(english: str, translated: str) -> tuple[list[str], list[str]]:
    """(missing, extra): the English's data tokens the translation lacks, and those it adds.

    Compared as whole lists, not as substrings: "19233#" is not "9233#", and a
    second code beside the first is an addition.
    """
    expected, found = Counter(data_tokens(english)), Counter(data_tokens(translated))
    return sorted((expected - found).elements()), sorted((found - expected).elements())


def placeholders(text: str) -> list[str]:
    """The {name} placeholders `text` uses, each once, sorted."""
    return sorted({f"{{{name}}}" for name in PLACEHOLDER.findall(text)})


def stray_braces(text: str) -> bool:
    """Braces that are not a {name} placeholder: "{{date}}", "{0}", "{date!r}", "{date:>9}"."""
    rest = PLACEHOLDER.sub("", text)
    return "{" in rest or "}" in rest


def fill_placeholders(template: str, fields: Mapping[str, str]) -> str:
    """`template` with each {name} replaced by its field: no format mini-language, no attributes.

    Unknown names raise KeyError; the loaders refuse any other brace before this runs.
    """
    return PLACEHOLDER.sub(lambda match: fields[match.group(1)], template)


def has_markup(text: str) -> bool:
    return MARKUP.search(text) is not None


def non_ascii_digits(text: str) -> list[str]:
    """Digits other than 0-9 (Arabic-Indic, Persian, fullwidth...), which no phone or code may use."""
    return sorted({character for character in text if character.isdigit() and not "0" <= character <= "9"})


def hidden_characters(text: str) -> list[tuple[int, str]]:
    """(offset, character) of every control or format character `text` may not hold."""
    found = []
    for offset, character in enumerate(text):
        category = unicodedata.category(character)
        if category == "Cc" and character not in ALLOWED_CONTROL_CHARACTERS:
            found.append((offset, character))
        elif category in ("Cf", "Zl", "Zp") and character not in ALLOWED_FORMAT_CHARACTERS:
            found.append((offset, character))
    return found


def describe_character(character: str) -> str:
    """"U+202E RIGHT-TO-LEFT OVERRIDE": how an error names a character an editor cannot see."""
    name = unicodedata.name(character, None)
    if name is None and unicodedata.category(character) == "Cc":
        name = {"\t": "CHARACTER TABULATION", "\r": "CARRIAGE RETURN", "\x00": "NULL"}.get(
            character, "control character")
    return f"U+{ord(character):04X} {name or 'unnamed character'}"
