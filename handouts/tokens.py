"""Turn a piece of content or translation into what it holds: data tokens, placeholders, and characters it may not carry.

The one place that decides what a string may hold, and what a translation must
copy from its English: every content file and every catalog is checked here.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
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


# The facts a translation must carry over from its English, whatever way it writes them: codes, phone
# numbers, web and e-mail addresses, dates and numbers in prose. Found in the text with every digit read as
# its value (Arabic-Indic, Persian, fullwidth), and every code and number in its normal form, so that no way
# of writing one hides it from the comparison.

# A code with any spacing around its digits or its #.
_ANY_CODE = re.compile(r"(?<![0-9#])([0-9](?:[0-9 ]{0,6}[0-9])?) ?#(?![0-9])|(?<![0-9#])# ?([0-9]{1,8})(?![0-9])")
# A phone number in any common form: 1-888-351-4025, (888) 351-4025, 888.351.4025, +1 888 351 4025.
_ANY_PHONE = re.compile(r"(?<![0-9])\+?(?:[0-9][ .()-]{0,2}){9,14}[0-9](?![0-9])")
_ANY_E_MAIL = re.compile(r"[A-Za-z0-9._+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
# An address with or without its scheme: exarnple.org/help is one too.
_ANY_WEB = re.compile(r"(?:https?://)?(?<![A-Za-z0-9@.-])(?:[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?\.)+"
                      r"[A-Za-z]{2,24}(?![A-Za-z0-9@-])(?:/[^\s<>\"')\]]*)?")
_ISO_DATE = re.compile(r"(?<![0-9])([0-9]{4})-([0-9]{2})-([0-9]{2})(?![0-9])")
_NUMBER = re.compile(r"[0-9]+(?:[.,][0-9]{3})*")


@dataclass(frozen=True)
class Fact:
    kind: str  # "code", "phone", "web", "e-mail", "date", "number"
    value: str  # its normal form: "9233#", "18883514025", "example.org/help", "2024-03-18", "24"


def ascii_digits(text: str) -> str:
    """`text` with every decimal digit of any script written 0-9."""
    return "".join(str(unicodedata.decimal(character)) if character.isdecimal() and not "0" <= character <= "9"
                   else character for character in text)


def facts(text: str, month_names: Mapping[str, int]) -> list[Fact]:
    """Every fact `text` states, in the order written. `month_names` maps each month name the language writes
    dates with (lowercase) to its number."""
    rest = ascii_digits(text)
    found: list[tuple[int, Fact]] = []

    def take(pattern: re.Pattern[str], make) -> None:
        nonlocal rest
        for match in pattern.finditer(rest):
            fact = make(match)
            if fact is not None:
                found.append((match.start(), fact))
                rest = rest[:match.start()] + " " * (match.end() - match.start()) + rest[match.end():]

    take(_ANY_E_MAIL, lambda match: Fact("e-mail", match.group(0).lower()))
    take(_ANY_WEB, lambda match: Fact("web", re.sub(r"^https?://", "", match.group(0)).rstrip(".,;:/").lower()))
    take(_ANY_CODE, lambda match: Fact("code", (match.group(1).replace(" ", "") + "#") if match.group(1)
                                       else "#" + match.group(2)))
    take(_ANY_PHONE, _phone)
    take(_ISO_DATE, lambda match: Fact("date", match.group(0)))
    for spans_of in (lambda text: _prose_dates(text, month_names), _times):
        spans = spans_of(rest)
        found += [(start, fact) for start, _, fact in spans]
        rest = _blanked(rest, spans)
    take(_NUMBER, lambda match: Fact("number", re.sub(r"[.,]", "", match.group(0)).lstrip("0") or "0"))
    return [fact for _, fact in sorted(found, key=lambda item: item[0])]


def _blanked(text: str, spans: list[tuple[int, int, Fact]]) -> str:
    """`text` with the digits of each span blanked out: counted once, as the date or time they write."""
    characters = list(text)
    for start, end, _ in spans:
        for position in range(start, end):
            if characters[position].isdigit():
                characters[position] = " "
    return "".join(characters)


def _phone(match: re.Match) -> Fact | None:
    digits = re.sub(r"[^0-9]", "", match.group(0))
    if len(digits) == 11 and digits.startswith("1"):
        digits = digits[1:]  # the North American country code, written or not
    return Fact("phone", digits) if len(digits) >= 10 else None


# How far from a month's name its day and year are written, in any order: "March 18, 2024",
# "18 de marzo de 2024", "د 2024 کال د مارچ 18", "18 مارس (آذار) 2024".
_DATE_REACH = 24
_DAY_OR_YEAR = re.compile(r"(?<![0-9])(?:[0-9]{4}|[0-9]{1,2})(?![0-9])")
# "2024年3月18日": Chinese, Japanese and Korean write a date with the year, month and day counted.
_COUNTED_DATE = re.compile(r"(?<![0-9])([0-9]{4}) ?[年년] ?([0-9]{1,2}) ?[月월] ?(?:([0-9]{1,2}) ?[日일])?")
# The hours of a day: "8 a.m.", "8:30 pm", "20 h", "20:00", "20 h 30" (as a 24-hour clock reads them), and
# Turkish "saat 8" (the word before the hour: "4 saat" after a number is a length of time, 4 hours).
_TIME = re.compile(r"(?<![0-9:])([0-9]{1,2})(?::([0-9]{2}))?\s?(a\.m\.|p\.m\.|am\b|pm\b|h\b|ч\b)"
                   r"(?:\s?([0-9]{2})\b)?|(?<![0-9:])([0-9]{1,2}):([0-9]{2})(?![0-9])"
                   r"|\bsaat\s([0-9]{1,2})(?![0-9:])", re.IGNORECASE)


def _times(text: str) -> list[tuple[int, int, Fact]]:
    found = []
    for match in _TIME.finditer(text):
        if match.group(7):
            hour, minute = int(match.group(7)), 0
        elif match.group(5):
            hour, minute = int(match.group(5)), int(match.group(6))
        else:
            hour, minute = int(match.group(1)), int(match.group(2) or match.group(4) or 0)
            suffix = match.group(3).lower()
            if suffix.startswith("p") and hour < 12:
                hour += 12
            elif suffix.startswith("a") and hour == 12:
                hour = 0
        if hour < 24 and minute < 60:
            found.append((match.start(), match.end(), Fact("time", f"{hour:02d}:{minute:02d}")))
    return found


def _prose_dates(text: str, month_names: Mapping[str, int]) -> list[tuple[int, int, Fact]]:
    """Dates written with a month's name or counted: (start, end, the date), the day and year joined to the
    month nearest them."""
    found = [(match.start(), match.end(), Fact("date", f"{match.group(1)}-{int(match.group(2)):02d}"
                                                + (f"-{int(match.group(3)):02d}" if match.group(3) else "")))
             for match in _COUNTED_DATE.finditer(text)]
    if not month_names:
        return found
    names = "|".join(re.escape(name) for name in sorted(month_names, key=len, reverse=True))
    taken = {position for start, end, _ in found for position in range(start, end)}
    for month in re.finditer(rf"(?<!\w)({names})(?!\w)", text, re.IGNORECASE):
        low, high = max(0, month.start() - _DATE_REACH), min(len(text), month.end() + _DATE_REACH)
        near = [number for number in _DAY_OR_YEAR.finditer(text, low, high)
                if number.start() not in taken and not re.search(r"[.;!?]\s", _between(text, number, month))]
        years = sorted((number for number in near if len(number.group(0)) == 4), key=lambda n: _distance(n, month))
        days = sorted((number for number in near if len(number.group(0)) <= 2 and 1 <= int(number.group(0)) <= 31),
                      key=lambda n: _distance(n, month))
        if not years:
            continue  # a month's name without a year is no date here (and may be a word: Persian "می")
        parts = [month, *years[:1], *days[:1]]
        value = (f"{years[0].group(0) if years else '????'}-{month_names[month.group(1).lower()]:02d}"
                 + (f"-{int(days[0].group(0)):02d}" if days else ""))
        found.append((min(part.start() for part in parts), max(part.end() for part in parts), Fact("date", value)))
        taken.update(position for part in parts for position in range(part.start(), part.end()))
    return found


def _between(text: str, first: re.Match, second: re.Match) -> str:
    start, end = sorted((first.end(), second.start())) if first.start() < second.start() else sorted(
        (second.end(), first.start()))
    return text[start:end]


def _distance(number: re.Match, month: re.Match) -> int:
    return month.start() - number.end() if number.end() <= month.start() else number.start() - month.end()


def fact_differences(english: list[Fact], translated: list[Fact]) -> tuple[list[Fact], list[Fact]]:
    """(missing, extra): the English's facts the translation lacks, and those it adds. A time may be written
    with its hour alone and a word for the part of the day ("8 de la noche", "晚上8点" for 8 p.m.)."""
    expected, found = Counter(english), Counter(translated)
    missing, extra = expected - found, found - expected
    for time in [fact for fact in missing.elements() if fact.kind == "time"]:
        hour, minute = (int(part) for part in time.value.split(":"))
        readings = [Fact("number", str(hour % 12 or 12))] if minute == 0 else []
        readings += [Fact("time", f"{hour % 12:02d}:{minute:02d}")] if hour > 12 else []
        for reading in readings:
            if extra[reading]:
                extra[reading] -= 1
                missing[time] -= 1
                break
    return list((+missing).elements()), list((+extra).elements())
