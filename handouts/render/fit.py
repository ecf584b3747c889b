"""Turn rendered documents whose text does not fit into one problem per cause, at the place it was written."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..errors import Problem
from ..i18n.editions import Edition
from ..i18n.strings import translatable_strings
from ..languages import SOURCE_LANGUAGE
from ..layout.i_speak import IN_LANGUAGE
from .renderer import Rendered

# Printed strings made from others: a line that does not fit is as likely the
# organization's contact line as the label around it.
FILLED_FROM = {"labels:printed_by": ("handouts:organization.contact", "handouts:organization.name")}


@dataclass(frozen=True)
class _Cause:
    file: str | None
    line: int | None
    key: str
    kind: str  # "overflow", "overprint" or "second page"
    on_card: bool
    detail: str  # the other string, for an overprint; the strings pushed off after it, for a card


def layout_problems(results: list[Rendered], editions: dict[str, Edition]) -> list[Problem]:
    """One problem for each string that runs off its card or page, or is printed over another: where it was
    written, in the words that were printed, and every language and file it spoils."""
    causes: dict[_Cause, tuple[list[str], list[str], str]] = {}

    def note(cause: _Cause, language: str, path: str, text: str) -> None:
        languages, paths, _ = causes.setdefault(cause, ([], [], text))
        if language not in languages:
            languages.append(language)
        paths.append(path)

    for result in results:
        # What is made for every language is told of where each string was written: its key names its
        # language ("i-speak:contact_statement@es"); the table and the English sentences otherwise.
        edition = editions.get(result.job.language) or editions[SOURCE_LANGUAGE]

        def source(key: str, edition: Edition = edition) -> tuple[str, str | None, int | None, str]:
            printed_in, key = _in_language(edition, editions, key)
            return (printed_in.code, *_source(printed_in, key))

        on_card = result.job.kind.card
        if on_card and result.overflowing:
            # A card's text runs off together: a long string pushes the ones after it off the edge,
            # so the strings that do not fit are one cause, named from the first.
            html = result.job.html
            in_flow_order = sorted(result.overflowing, key=lambda item: html.find(f'data-key="{item[0]}"'))
            (key, text), *after = in_flow_order
            code, file, line, shown_key = source(key)
            followers = f" (and after it {', '.join(key for key, _ in after)})" if after else ""
            longest = _longest_before(edition, html, key)
            if longest:
                followers += f"; the longest text before it on the card is {longest}"
            note(_Cause(file, line, shown_key, "overflow", on_card, followers), code,
                 result.job.relative_path, text)
        for key, text in [] if on_card else result.overflowing:
            code, file, line, shown_key = source(key)
            note(_Cause(file, line, shown_key, "overflow", on_card, ""), code, result.job.relative_path, text)
        for key, text in result.past_first_page:
            code, file, line, shown_key = source(key)
            note(_Cause(file, line, shown_key, "second page", on_card, ""), code, result.job.relative_path, text)
        for (key, text), (other_key, other_text) in result.overprinted:
            code, file, line, shown_key = source(key)
            other_key, _, other_code = other_key.partition(IN_LANGUAGE)
            other = f"{other_key} [{other_code}]" if other_code else other_key
            note(_Cause(file, line, shown_key, "overprint", on_card, f"{other_text!r} ({other})"),
                 code, result.job.relative_path, text)
    return [_problem(cause, languages, paths, text) for cause, (languages, paths, text) in causes.items()]


def _longest_before(edition: Edition, html: str, cut: str) -> str | None:
    """The card's longest translatable text printed before `cut`, by its key and length: what pushed it off,
    most likely."""
    before = html[:html.find(f'data-key="{cut}"')]
    keys = set(re.findall(r'data-key="([^"@]+)"', before)) - {cut}
    texts = {text.msgctxt: text for text in translatable_strings(edition.content)}
    lengths = {key: len(edition.text(texts[key])) for key in keys if key in texts and not texts[key].english.count("{")}
    if not lengths:
        return None
    key = max(lengths, key=lengths.get)
    return f"{key} ({lengths[key]} characters)"


def _in_language(edition: Edition, editions: dict[str, Edition], key: str) -> tuple[Edition, str]:
    """The edition a string of a page of many languages was printed from, and its key without the language."""
    key, _, code = key.partition(IN_LANGUAGE)
    return (editions.get(code, edition) if code else edition), key


def _source(edition: Edition, key: str) -> tuple[str | None, int | None, str]:
    """Where the string printed under `key` was written; for a string made from others, the one most
    likely to change (the contact line, not the label around it)."""
    for source in FILLED_FROM.get(key, ()):
        file, line = edition.source_of(source)
        if file:
            return file, line, f"{source.split(':', 1)[1]} (in {key})"
    file, line = edition.source_of(key)
    return file, line, key


def _problem(cause: _Cause, languages: list[str], paths: list[str], text: str) -> Problem:
    shown = ", ".join(paths[:4]) + (f" and {len(paths) - 4} more" if len(paths) > 4 else "")
    if cause.kind == "overprint":
        message = f"{text!r} is printed over {cause.detail} in {shown}."
        fix = ("Shorten one of the two strings." if cause.on_card
               else "Shorten one of the two strings, or report it: the page's layout should keep them apart.")
    elif cause.kind == "second page":
        message = (f"{text!r} and what follows it run onto a second page in {shown}, even in the compact layout: "
                   "a poster is read as one page, its date and QR code with it.")
        fix = "Shorten this string or the ones before it (the title, the help lines' labels)."
    elif cause.on_card:
        message = (f"{text!r}{cause.detail} runs past the edge of the card, even at the smallest legible size "
                   f"(6.5 pt), in {shown}.")
        fix = "Shorten this string or the ones before it on the card."
    else:
        message = f"{text!r} is wider than the page's printable area in {shown}."
        fix = "Break the long word, or shorten it."
    return Problem(message, file=cause.file, line=cause.line, key=cause.key, language=", ".join(languages), fix=fix)
