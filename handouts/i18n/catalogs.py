"""Turn each language's gettext catalog (PO file) into its checked Translation, and refresh catalogs from the English."""

from __future__ import annotations

import datetime
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Mapping

from babel import Locale
from babel.dates import get_month_names
from babel.messages.catalog import Catalog
from babel.messages.pofile import PoFileError, read_po, unescape, write_po

from .. import __version__
from ..errors import ContentError, Problem
from ..files import RefusedFile, kit_path, read_kit_file, write_atomically
from ..kit.model import Text
from ..languages import Language
from ..tokens import (
    Fact,
    describe_character,
    fact_differences,
    facts,
    has_markup,
    hidden_characters,
    non_ascii_digits,
    placeholders,
    stray_braces,
    token_differences,
)

# A catalog's status is the "Status:" line of its header comment: "draft" until
# a native speaker has reviewed it; then an editor writes, for example,
#   # Status: reviewed by a certified court interpreter, 2026-12-01
STATUS_LINE = re.compile(r"^#\s*Status:\s*(?P<status>\S+)(?P<detail>.*)$", re.MULTILINE)
# How the language writes a date, where CLDR's long form is not how its readers
# write one: a pattern of d, M and y (as CLDR writes them), and, for a language
# CLDR has no month names for, the twelve names, January first:
#   # Dates: d MMMM y
#   # Months: janvye, fevriye, mas, avril, me, jen, jiyè, out, septanm, oktòb, novanm, desanm
DATES_LINE = re.compile(r"^#\s*Dates:\s*(?P<pattern>.*?)\s*$", re.MULTILINE)
MONTHS_LINE = re.compile(r"^#\s*Months:\s*(?P<names>.*?)\s*$", re.MULTILINE)
DATE_PATTERN = re.compile(r"^(?:d{1,2}|M{1,4}|y{1,4}|[ ,./-])+$")
REVIEWED_DETAIL = re.compile(r"^\s*by\s+(?P<role>.+?),\s*(?P<date>\d{4}-\d{2}-\d{2})\s*$")
DRAFT = "draft"
REVIEWED = "reviewed"



@dataclass(frozen=True)
class Translation:
    """One language's usable strings: current, not fuzzy, checked against the English."""

    language: str
    path: Path
    status: str  # DRAFT or REVIEWED
    strings: dict[str, str]  # msgctxt -> translated text
    fuzzy: tuple[str, ...] = ()  # msgctxts whose English changed since translation
    missing: tuple[str, ...] = ()  # msgctxts with no translation yet
    reviewed_by: str | None = None  # the reviewer's role, never a name
    reviewed_on: datetime.date | None = None
    last_change: datetime.datetime | None = None  # the catalog's PO-Revision-Date
    lines: dict[str, int] = field(default_factory=dict)  # msgctxt -> line of its entry in the catalog
    date_pattern: str | None = None  # "d MMMM y": the catalog's own way to write a date
    month_names: tuple[str, ...] = ()  # the catalog's own month names, January first
    english_changed_on: datetime.date | None = None  # POT-Creation-Date: the day the English last changed

    @property
    def is_draft(self) -> bool:
        return self.status == DRAFT

    @property
    def shown_path(self) -> str:
        """The catalog as messages name it: content/translations/es.po."""
        return _shown(self.path)

    @property
    def untranslated(self) -> tuple[str, ...]:
        """Strings printed in English for now: changed since translated, or never translated."""
        return self.fuzzy + self.missing


def catalog_path(translations_dir: Path, language: str) -> Path:
    return translations_dir / f"{language}.po"


def _shown(path: Path) -> str:
    return f"{path.parent.parent.name}/{path.parent.name}/{path.name}"


# Babel reads some broken lines without complaint (an unclosed quote loses a
# character), so every line is checked against PO's grammar first.
PO_KEYWORD_LINE = re.compile(r'^(?:msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(?:[^"\\]|\\.)*"$')
PO_CONTINUATION_LINE = re.compile(r'^"(?:[^"\\]|\\.)*"$')


def po_lines(text: str) -> list[str]:
    """The lines of a PO file as gettext reads them: broken at newlines only. A line or paragraph
    separator inside a msgstr stays in its string, where the character check names it."""
    return [line.removesuffix("\r") for line in text.split("\n")]


# A file with more lines than this that are not PO is not a catalog: its lines are not shown (it may hold
# anything), only counted.
SYNTAX_ERRORS_SHOWN = 3
EXCERPT_LENGTH = 40


def _syntax_problems(text: str, path: Path, language: str) -> list[Problem]:
    problems = []
    not_po = 0
    for number, line in enumerate(po_lines(text), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not (PO_KEYWORD_LINE.match(stripped) or PO_CONTINUATION_LINE.match(stripped)):
            not_po += 1
            if not_po <= SYNTAX_ERRORS_SHOWN:
                excerpt = stripped[:EXCERPT_LENGTH] + ("..." if len(stripped) > EXCERPT_LENGTH else "")
                problems.append(Problem(
                    f"PO syntax error: {excerpt!r} is not a msgctxt, msgid or msgstr line with its text in quotes.",
                    file=_shown(path), line=number, language=language,
                    fix='Each text line is keyword "text" or "text", with inner quotes written \\".'))
    if not_po > SYNTAX_ERRORS_SHOWN:
        problems.append(Problem(f"{not_po - SYNTAX_ERRORS_SHOWN} more lines are not PO either: this does not read "
                                "as a translation catalog.", file=_shown(path), language=language,
                                fix="Check that it is the catalog the translator sent back (a .po file)."))
    return problems or _duplicate_entries(text, path, language)


PO_STRING = re.compile(r'"((?:[^"\\]|\\.)*)"')


def _duplicate_entries(text: str, path: Path, language: str) -> list[Problem]:
    """An entry whose msgctxt and msgid an earlier entry has: msgfmt refuses it, and a
    reader that keeps either one would print a translation nobody sees in review."""
    problems = []
    seen: dict[tuple[str, str], int] = {}
    entry: dict[str, str] = {}
    entry_line = current = None

    def close() -> None:
        if "msgid" in entry:
            key = (entry.get("msgctxt", ""), entry["msgid"])
            if key in seen:
                problems.append(Problem(
                    f"a second entry for {key[0] or key[1]!r} (the first is at line {seen[key]}).",
                    file=_shown(path), line=entry_line, key=key[0] or None, language=language,
                    fix="Keep one of the two entries, the one with the right translation, and delete the other."))
            else:
                seen[key] = entry_line

    for number, line in enumerate(po_lines(text), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        if not stripped.startswith('"'):
            current = stripped.split(None, 1)[0]
            # An entry starts at its msgctxt, or at its msgid when it has none.
            has_translation = any(name.startswith("msgstr") for name in entry)
            if current == "msgctxt" or (current == "msgid" and ("msgctxt" not in entry or has_translation)):
                close()
                entry, entry_line = {}, number
        entry[current] = entry.get(current, "") + "".join(PO_STRING.findall(stripped))
    close()
    return problems


def _read(path: Path, language: str, problems: list[Problem], locale=None) -> Catalog | None:
    try:
        # The kit's own folder of catalogs: content/translations/ in the kit.
        data = read_kit_file(path.parent.parent.parent, _shown(path), "catalog")
    except FileNotFoundError:
        problems.append(Problem("catalog not found.", file=_shown(path), language=language,
                                fix="Create it with: handouts i18n update"))
        return None
    except RefusedFile as refused:
        problems.append(Problem(refused.message, file=_shown(path), language=language, fix=refused.fix))
        return None
    # A byte-order mark is how some editors save UTF-8: read past it.
    data = data.removeprefix(b"\xef\xbb\xbf")
    try:
        syntax = _syntax_problems(data.decode("utf-8"), path, language)
    except UnicodeDecodeError as error:
        syntax = [Problem(f"not valid UTF-8 ({error.reason} at byte {error.start}).", file=_shown(path),
                          language=language, fix="Save the catalog as UTF-8.")]
    if syntax:
        problems += syntax
        return None
    try:
        catalog = read_po(io.BytesIO(data), locale=locale, abort_invalid=True)
    except PoFileError as error:
        line = re.search(r"line (\d+)", str(error))
        problems.append(Problem(f"PO syntax error: {error}.", file=_shown(path),
                                line=int(line.group(1)) if line else None, language=language,
                                fix="Check the quoting of msgid and msgstr lines."))
        return None
    except (UnicodeDecodeError, ValueError) as error:
        problems.append(Problem(f"unreadable catalog: {error}.", file=_shown(path), language=language,
                                fix="Save it as UTF-8 PO."))
        return None
    for message in list(catalog) + list(catalog.obsolete.values()):
        _read_previous_msgid(message)
    return catalog


def _read_previous_msgid(message) -> None:
    """Babel writes a fuzzy entry's previous English as `#| msgid "..."` but reads
    it back as a translator comment; restore it, and drop it once no longer fuzzy."""
    previous = [comment for comment in message.user_comments if comment.lstrip().startswith("| msgid ")]
    if not previous:
        return
    message.user_comments = [comment for comment in message.user_comments if comment not in previous]
    if message.fuzzy:
        text = previous[0].lstrip()[len("| msgid "):].strip()
        message.previous_id = [unescape(text)] if text.startswith('"') else []


def load_translations(strings: list[Text], translations_dir: Path,
                      languages: list[Language]) -> dict[str, Translation]:
    """Every requested language's catalog, checked against the kit's English strings; one ContentError
    lists every problem."""
    english = {text.msgctxt: text for text in strings}
    problems: list[Problem] = []
    translations = {}
    for spec in languages:
        language = spec.code
        path = catalog_path(translations_dir, language)
        catalog = _read(path, language, problems, spec.locale)
        if catalog is None:
            continue
        status, reviewed_by, reviewed_on = _status(catalog, path, language, problems)
        date_pattern, month_names = _date_style(catalog, path, language, problems)
        months = month_names_of(spec.locale, month_names)
        strings, fuzzy, lines = {}, [], {}
        for message in catalog:
            if not message.id or message.context not in english:
                continue  # the header, or a string the content no longer has
            source = english[message.context]
            lines[message.context] = message.lineno
            if not message.string:
                continue
            # Checked in fuzzy entries too: one "fix" of the flag would print them.
            hidden = _hidden_character_problems(source, message.string, path, message.lineno, language)
            if hidden:
                problems += hidden
                continue
            if message.fuzzy or message.id != source.english:
                fuzzy.append(message.context)
                continue
            found = _translation_problems(source, message.string, path, message.lineno, language, months)
            if found:
                problems += found
                continue
            strings[message.context] = message.string
        missing = tuple(key for key in english if key not in strings and key not in fuzzy)
        last_change = catalog.revision_date if isinstance(catalog.revision_date, datetime.datetime) else None
        english_changed_on = (catalog.creation_date.date()
                              if isinstance(catalog.creation_date, datetime.datetime) else None)
        translations[language] = Translation(language, path, status, strings, tuple(fuzzy), missing,
                                             reviewed_by, reviewed_on, last_change, lines, date_pattern, month_names,
                                             english_changed_on)
    if problems:
        raise ContentError(problems)
    return translations


def _date_style(catalog: Catalog, path: Path, language: str,
                problems: list[Problem]) -> tuple[str | None, tuple[str, ...]]:
    """The header's date pattern and month names, checked: they print on every piece."""
    header = catalog.header_comment or ""
    pattern = match.group("pattern") if (match := DATES_LINE.search(header)) else None
    names: tuple[str, ...] = ()
    if match := MONTHS_LINE.search(header):
        names = tuple(name.strip() for name in match.group("names").split(","))
    if pattern is not None and not DATE_PATTERN.match(pattern):
        problems.append(Problem(f"the date pattern {pattern!r} is not one of d, M and y with spaces or punctuation.",
                                file=_shown(path), language=language,
                                fix="Write it as CLDR does, for example: # Dates: d MMMM y"))
        pattern = None
    if names and (len(names) != 12 or not all(names) or any(hidden_characters(name) or has_markup(name)
                                                             or stray_braces(name) for name in names)):
        problems.append(Problem(f"the month names must be twelve plain names, January first, found {len(names)}.",
                                file=_shown(path), language=language,
                                fix="Write them on one line, separated by commas: # Months: janvye, fevriye, ..."))
        names = ()
    return pattern, names


def _status(catalog: Catalog, path: Path, language: str,
            problems: list[Problem]) -> tuple[str, str | None, datetime.date | None]:
    match = STATUS_LINE.search(catalog.header_comment or "")
    if not match or match.group("status").lower().rstrip(":") == DRAFT:
        return DRAFT, None, None
    fix = ("Write the header line as: # Status: reviewed by <the reviewer's role>, <YYYY-MM-DD>, "
           "or # Status: draft")
    if match.group("status").lower() != REVIEWED:
        problems.append(Problem(f"unknown status {match.group('status')!r}.", file=_shown(path),
                                language=language, fix=fix))
        return DRAFT, None, None
    detail = REVIEWED_DETAIL.match(match.group("detail"))
    try:
        reviewed_on = datetime.date.fromisoformat(detail.group("date")) if detail else None
    except ValueError:
        reviewed_on = None
    if not detail or reviewed_on is None:
        problems.append(Problem("a reviewed catalog must say who reviewed it (their role) and when.",
                                file=_shown(path), language=language, fix=fix))
        return DRAFT, None, None
    return REVIEWED, detail.group("role"), reviewed_on


def _hidden_character_problems(source: Text, translated: str, path: Path, line: int | None,
                               language: str) -> list[Problem]:
    return [Problem(f"{describe_character(character)} at character {offset + 1} of the translation is not "
                    "allowed: it changes how the text displays, or hides in it, while the catalog still "
                    "reads right in an editor.",
                    file=_shown(path), line=line, key=source.msgctxt, language=language,
                    fix="Delete it; the tool itself keeps codes and numbers in their order in every script.")
            for offset, character in hidden_characters(translated)[:1]]


def _translation_problems(source: Text, translated: str, path: Path, line: int | None,
                          language: str, month_names: Mapping[str, int]) -> list[Problem]:
    """What a translation may not change: placeholders, codes, numbers, addresses, dates; and no markup."""
    problems = []

    def problem(message: str, fix: str) -> None:
        problems.append(Problem(message, file=_shown(path), line=line, key=source.msgctxt,
                                language=language, fix=fix))

    expected, found = placeholders(source.english), placeholders(translated)
    if expected != found:
        problem(f"the placeholders differ from the English: expected {' '.join(expected) or 'none'}, "
                f"found {' '.join(found) or 'none'}.",
                "Keep each {placeholder} exactly as in the English; the tool fills it in.")
    if stray_braces(translated):
        problem("braces that are not a {placeholder} of the English (such as {{date}}, {0} or {date!r}).",
                "Braces are only for the English's {placeholders}; remove any other brace.")
    missing, extra = token_differences(source.english, translated)
    if missing or extra:
        what = "; ".join(part for part in (
            missing and f"missing or altered: {', '.join(missing)}",
            extra and f"not in the English: {', '.join(extra)}") if part)
        digits = non_ascii_digits(translated)
        hint = (f" It uses the digits {' '.join(digits)}: codes and numbers are dialled with 0-9." if digits else "")
        problem(f"the codes, phone numbers, addresses and numeric dates differ from the English ({what}).{hint}",
                "Copy each of the English's codes, numbers and addresses exactly, character for character, "
                "once each, and add none.")
    digits = non_ascii_digits(translated)
    if digits:
        problem(f"the translation writes numbers with the digits {' '.join(digits)}.",
                "Write every number with the digits 0-9, as the English does: a reader dials codes and numbers "
                "with them, and the tool compares each with the English.")
    elif not (missing or extra):
        english_facts, translated_facts = (facts(source.english, ENGLISH_MONTHS),
                                           facts(translated, {**ENGLISH_MONTHS, **month_names}))
        lost, added = fact_differences(english_facts, translated_facts)
        if lost or added:
            what = "; ".join(part for part in (
                lost and f"the English's {', '.join(_shown_fact(fact) for fact in lost)} not in it",
                added and f"{', '.join(_shown_fact(fact) for fact in added)} not in the English") if part)
            problem(f"the translation states other facts than the English ({what}).",
                    "Keep every code, phone number, address, date and number of the English, written as the "
                    "English writes it, and add none.")
        elif _dialled(english_facts) != _dialled(translated_facts):
            problem("the codes and phone numbers come in another order than in the English: each must stay "
                    "with the help line the English gives it.", "Keep them in the English's order.")
    if has_markup(translated):
        problem("the translation contains markup (an HTML-like tag).",
                "Write plain text: tags are not allowed.")
    return problems


def _shown_fact(fact: Fact) -> str:
    return f"{fact.kind} {fact.value}"


def _dialled(found: list[Fact]) -> list[Fact]:
    return [fact for fact in found if fact.kind in ("code", "phone")]


def month_names_of(locale, own: tuple[str, ...] = ()) -> dict[str, int]:
    """The month names a language writes dates with (lowercase, a trailing period dropped), each to its
    number: CLDR's, in every width and context, and the catalog's own."""
    names: dict[str, int] = {}
    if locale is not None:
        for width in ("wide", "abbreviated"):
            for context in ("format", "stand-alone"):
                for number, name in get_month_names(width, context, locale=locale).items():
                    names[name.lower().rstrip(".")] = number
    for number, name in enumerate(own, start=1):
        names[name.lower().rstrip(".")] = number
    return {name: number for name, number in names.items() if len(name) > 1}


ENGLISH_MONTHS = month_names_of(Locale("en"))


def update_catalogs(strings: list[Text], information_date: datetime.date, translations_dir: Path,
                    languages: list[Language], today: datetime.date | None = None) -> dict[str, dict[str, int]]:
    """Bring every catalog in line with the English content, keeping all translators' work.

    A string whose English changed keeps its translation but becomes fuzzy, with
    the previous English kept beside it (as msgmerge --previous does); a new
    string arrives untranslated; a string the content dropped is kept as obsolete.
    The catalog's POT-Creation-Date is the day its English last changed (a string
    edited or dropped), so that an English edit made after the information date can
    be told apart.
    """
    english = {text.msgctxt: text.english for text in strings}
    information_date = datetime.datetime.combine(information_date, datetime.time())
    changed_today = datetime.datetime.combine(today or datetime.date.today(), datetime.time())
    # Every catalog is read and checked before any is rewritten.
    problems: list[Problem] = []
    specs = {spec.code: spec for spec in languages}
    olds = {language: _read(catalog_path(translations_dir, language), language, problems, spec.locale)
            if catalog_path(translations_dir, language).exists() else None for language, spec in specs.items()}
    if problems:
        raise ContentError(problems)
    report = {}
    for language, old in olds.items():
        path = catalog_path(translations_dir, language)
        spec = specs[language]
        english_before = {message.context: message.id for message in old if message.id} if old else None
        if english_before is None:
            creation = information_date
        elif any(english.get(key) != text for key, text in english_before.items()):
            # A sentence changed or went: what the handouts say is no longer what they said. A string
            # only added (a new document's text) leaves every earlier sentence as it was.
            creation = changed_today
        else:
            creation = old.creation_date if isinstance(old.creation_date, datetime.datetime) else information_date
        catalog = Catalog(
            # The language's tag where CLDR does not know it (mam): the Language header a translation tool reads.
            locale=spec.locale or spec.code, project="handouts", version=__version__,
            header_comment=(old.header_comment if old and old.header_comment else _new_header(spec)),
            creation_date=creation, revision_date=old.revision_date if old else changed_today,
            last_translator=_kept(old.last_translator if old else None, "none (draft)"),
            language_team=_kept(old.language_team if old else None, f"{spec.english_name} translators"),
            fuzzy=False,
        )
        old_by_context = {m.context: m for m in old if m.id} if old else {}
        counts = {"translated": 0, "fuzzy": 0, "untranslated": 0, "new": 0, "obsolete": 0}
        for text in strings:
            previous = old_by_context.pop(text.msgctxt, None)
            location = [(text.origin.file, text.origin.line)]
            if previous is None or not previous.string:
                catalog.add(text.english, "", context=text.msgctxt, locations=location)
                counts["new" if previous is None else "untranslated"] += 1
            elif previous.id == text.english:
                catalog.add(text.english, previous.string, context=text.msgctxt, locations=location,
                            flags=previous.flags, previous_id=previous.previous_id,
                            user_comments=previous.user_comments)
                counts["fuzzy" if previous.fuzzy else "translated"] += 1
            else:
                # The English the translation was made from: if it was already
                # fuzzy, that is its earlier previous English, not the interim one.
                made_from = previous.previous_id if previous.fuzzy and previous.previous_id else previous.id
                catalog.add(text.english, previous.string, context=text.msgctxt, locations=location,
                            flags={"fuzzy"}, previous_id=made_from, user_comments=previous.user_comments)
                counts["fuzzy"] += 1
        for context, message in old_by_context.items():
            catalog.obsolete[(message.id, context)] = message
            counts["obsolete"] += 1
        if old:
            for key, message in old.obsolete.items():
                catalog.obsolete.setdefault(key, message)
        # Written only inside the kit: its folder of catalogs may not lead elsewhere.
        kit_path(translations_dir.parent.parent, f"content/translations/{path.name}")
        write_atomically(path, po_bytes(catalog))
        report[language] = counts
    return report


def po_bytes(catalog: Catalog) -> bytes:
    """The catalog as a PO file that gettext's msgfmt, polib and translate-toolkit all read: each fuzzy entry's
    previous English on one `#| msgid` line of its own (Babel wraps that comment as prose, cutting the
    quoted string across lines that are no PO)."""
    buffer = io.BytesIO()
    write_po(buffer, catalog, width=0, include_previous=False, sort_output=False)
    previous = {message.context: message.previous_id[0] for message in catalog
                if message.id and message.fuzzy and message.previous_id}
    lines = []
    for line in buffer.getvalue().decode("utf-8").split("\n"):
        if line.startswith("msgctxt ") and (context := unescape(line[len("msgctxt "):])) in previous:
            lines.append(f"#| msgid {_quoted(previous[context])}")
        lines.append(line)
    return "\n".join(lines).encode("utf-8")


def _quoted(text: str) -> str:
    """A PO string literal, on one line."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\t", "\\t") + '"'


def _kept(value: str | None, default: str) -> str:
    """A header value a translator set, or ours in place of Babel's placeholder."""
    if not value or "EMAIL@ADDRESS" in value or "LL@li.org" in value:
        return default
    return value


def _new_header(spec: Language) -> str:
    # A name is one line: the header's lines (the status among them) are the tool's alone.
    name = " ".join(spec.english_name.split())
    return (f"# {name} ({spec.code}) translation of the handouts content.\n"
            f"# Status: {DRAFT} - not yet reviewed by a native speaker.\n"
            "# Each entry's msgctxt names its place in content/; msgid is the English.")

