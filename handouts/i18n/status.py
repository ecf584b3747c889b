"""Turn the translation catalogs into each language's status: translated, fuzzy, missing, draft or reviewed."""

from __future__ import annotations

from dataclasses import dataclass

from ..kit.model import Information, KitContent
from .catalogs import Translation


@dataclass(frozen=True)
class LanguageStatus:
    language: str
    name: str
    translated: int
    fuzzy: int
    missing: int
    review: str  # "draft", or "reviewed by <role>, <date>"
    last_change: str  # the catalog's PO-Revision-Date
    fuzzy_keys: tuple[str, ...]
    missing_keys: tuple[str, ...]

    @property
    def complete(self) -> bool:
        return not self.fuzzy and not self.missing


def language_status(translation: Translation, name: str = "") -> LanguageStatus:
    review = "draft"
    if not translation.is_draft:
        review = f"reviewed by {translation.reviewed_by}, {translation.reviewed_on.isoformat()}"
    return LanguageStatus(
        language=translation.language,
        name=name,
        translated=len(translation.strings),
        fuzzy=len(translation.fuzzy),
        missing=len(translation.missing),
        review=review,
        last_change=translation.last_change.strftime("%Y-%m-%d %H:%M") if translation.last_change else "unknown",
        fuzzy_keys=translation.fuzzy,
        missing_keys=translation.missing,
    )


def status_table(statuses: list[LanguageStatus], keys: bool = False) -> str:
    """The statuses as a plain-text table and what is left to translate: counted, or with `keys`, listed
    string by string, each once, with the languages it is untranslated in."""
    header = ("language", "name", "translated", "fuzzy", "missing", "review", "last change")
    rows = [(s.language, s.name, str(s.translated), str(s.fuzzy), str(s.missing), s.review, s.last_change)
            for s in statuses]
    widths = [max(len(row[column]) for row in [header, *rows]) for column in range(len(header))]
    numeric = {2, 3, 4}
    lines = ["  ".join(cell.rjust(width) if column in numeric else cell.ljust(width)
                       for column, (cell, width) in enumerate(zip(row, widths))).rstrip()
             for row in [header, *rows]]
    by_key: dict[tuple[str, str], list[str]] = {}
    for status in statuses:
        for key in status.fuzzy_keys:
            by_key.setdefault(("fuzzy (the English changed)", key), []).append(status.language)
        for key in status.missing_keys:
            by_key.setdefault(("missing", key), []).append(status.language)
    if not by_key:
        return "\n".join(lines)
    if keys:
        everyone = len(statuses)
        for (state, key), languages in by_key.items():
            which = "every language" if len(languages) == everyone > 1 else ", ".join(languages)
            lines.append(f"{key}: {state} in {which}")
        return "\n".join(lines)
    fuzzy = len({key for state, key in by_key if state.startswith("fuzzy")})
    missing = len({key for state, key in by_key if state == "missing"})
    counts = " and ".join(part for part in (
        fuzzy and f"{fuzzy} {'string' if fuzzy == 1 else 'strings'} changed in English since translated",
        missing and f"{missing} {'string' if missing == 1 else 'strings'} never translated") if part)
    lines.append(f"{counts}: printed in English, marked [EN], until translated. "
                 "List them with: handouts status --keys")
    return "\n".join(lines)


def information_date_reminders(content: KitContent, translations: dict[str, Translation]) -> list[str]:
    """A reminder for each information date older than the English's last change (a shared date once)."""
    reminders = (_information_date_reminder(information, translations) for information in content.informations)
    return [reminder for reminder in reminders if reminder]


def _information_date_reminder(information: Information, translations: dict[str, Translation]) -> str | None:
    """A reminder when the English changed after the date the information is given as of: a rule change
    printed under the old date would look older than it is, or the old date newer."""
    changed = [translation.english_changed_on for translation in translations.values()
               if translation.english_changed_on]
    as_of = information.as_of
    if information.from_claims:
        return None  # each claim has its own date, and the checks hold each to it
    if not changed or max(changed) <= as_of:
        return None
    origin = information.written_at
    where = f"{origin.file}:{origin.line}" if origin else "the document's content file"
    return (f"the English changed on {max(changed).isoformat()}, after the information date "
            f"{as_of.isoformat()} printed on every piece: if the change brings the information up to date, "
            f"set information.as_of in {where} to the day it was checked.")
