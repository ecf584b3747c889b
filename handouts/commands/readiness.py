"""Turn a kit's loaded content and catalogs into what keeps each language from a release, and what a build
warns of: each said once per language, with every string it concerns for whoever asks."""

from __future__ import annotations

import ctypes.util
import dataclasses
import datetime

from ..errors import Problem
from ..i18n import Translation
from ..i18n.readings import RecordingState
from ..i18n.status import information_date_reminders
from ..kit import KIT_FILE, KitContent
from ..kit.model import Claim
from ..languages import Language

RELEASE_FIX = "A default build (without --release) still makes draft editions to preview."


def release_blockers(content: KitContent, languages: tuple[str, ...], translations: dict[str, Translation],
                     max_age_days: int = 180, today: datetime.date | None = None,
                     recordings: list[RecordingState] = ()) -> list[Problem]:
    """Everything that keeps each language out of a release build, named, string by string."""
    # A recording out of date prints no QR code: a release says so rather than leave a listener without it.
    problems = [dataclasses.replace(problem, message=f"not ready for release: {problem.message}")
                for state, problem in stale_recordings(recordings)
                if state.recording.language in languages or state.oral]
    today = today or datetime.date.today()
    for claim, why, _ in claims_to_recheck(content, max_age_days, today):
        problems.append(Problem(f"not ready for release: {why}", file=claim.origin.file, line=claim.origin.line,
                                key=claim.key, fix=RECHECK_FIX))
    for information in content.informations:
        if information.from_claims:
            continue  # its date is its oldest claim's, named above
        as_of = information.as_of
        age = (today - as_of).days
        if age > max_age_days:
            origin = information.written_at
            problems.append(Problem(
                f"not ready for release: the information is {age} days old (as of {as_of.isoformat()}; a release "
                f"takes at most {max_age_days}), and rules at the border change.",
                file=origin.file if origin else None, line=origin.line if origin else None,
                key="information.as_of",
                fix="Check every rule, code and number against its source, then set information.as_of to the day "
                    "you checked."))
    for entry, verified_on in content.first.verification_dates():
        age = (today - verified_on).days
        if age > max_age_days:
            problems.append(Problem(
                f"not ready for release: {entry} was last confirmed {age} days ago (verified_on "
                f"{verified_on.isoformat()}; a release takes at most {max_age_days}): a code, number or address "
                "may have changed since.", file="content/directory.yml",
                fix="Check it against its source, then: handouts verify ENTRY --on YYYY-MM-DD --source PAGE --by ROLE"))
    unverified = content.first.unverified()
    for code in languages:
        for fact in unverified:
            problems.append(Problem(f"not ready for release: uses an unverified directory entry: {fact.rstrip('.')}.",
                                    file="content/directory.yml", language=code,
                                    fix="Confirm it against its source and record that with "
                                        "handouts verify <entry> --on <YYYY-MM-DD>, or remove it."))
        translation = translations.get(code)
        if translation is None:
            continue
        where = translation.shown_path
        if translation.is_draft:
            problems.append(Problem("not ready for release: the translation is still a draft.", file=where,
                                    language=code, fix="After a native speaker's review, set the header line "
                                    "# Status: reviewed by <role>, <YYYY-MM-DD>. " + RELEASE_FIX))
        for key in translation.fuzzy:
            problems.append(Problem("not ready for release: fuzzy, the English changed since it was translated.",
                                    file=where, key=key, language=code, fix=RELEASE_FIX))
        for key in translation.missing:
            problems.append(Problem("not ready for release: not translated.", file=where, key=key,
                                    language=code, fix=RELEASE_FIX))
    return problems


RECHECK_FIX = ("Check the rule's status against its sources (or newer public pages), then set its as_of to the "
               "day you checked and recheck_by to the day to check it again.")


def claims_to_recheck(content: KitContent, max_age_days: int,
                      today: datetime.date) -> list[tuple[Claim, str, bool]]:
    """Each claim past its recheck_by (late) or checked longer ago than a release takes, with why."""
    found = []
    for claim in content.claims():
        if claim.recheck_by and claim.recheck_by < today:
            found.append((claim, f"the rule's status ({claim.status}) was to be checked again by "
                                 f"{claim.recheck_by.isoformat()}, and rules at the border change by court order.",
                          True))
        elif (today - claim.as_of).days > max_age_days:
            found.append((claim, f"the rule's status ({claim.status}) was checked {(today - claim.as_of).days} "
                                 f"days ago (as_of {claim.as_of.isoformat()}; a release takes at most "
                                 f"{max_age_days}).", False))
    return found


def claims_to_recheck_summary(content: KitContent, max_age_days: int, today: datetime.date) -> list[str]:
    """What check warns of: the claims to check again, in one line for each reason."""
    found = claims_to_recheck(content, max_age_days, today)
    late = [claim for claim, _, is_late in found if is_late]
    old = [claim for claim, _, is_late in found if not is_late]
    warnings = []
    for claims, one, many in ((late, "rule is past its recheck_by", "rules are past their recheck_by"),
                              (old, f"rule was last checked more than {max_age_days} days ago",
                               f"rules were last checked more than {max_age_days} days ago")):
        if claims:
            named = ", ".join(f"{claim.key} ({claim.origin.file}:{claim.origin.line})" for claim in claims)
            warnings.append(f"{len(claims)} {one if len(claims) == 1 else many}: {named}. "
                            "A release refuses them; check each against its sources, then set its as_of.")
    return warnings


def stale_recordings(recordings: list[RecordingState]) -> list[tuple[RecordingState, Problem]]:
    """Each recording that no longer reads what is printed, and why its QR code is not printed."""
    return [(state, Problem(
        f"the recording of {state.recording.document} in {state.recording.language} ({state.recording.speaker}, "
        f"{state.recording.recorded_on.isoformat()}) no longer reads what is printed: the "
        f"{'text' if not state.oral else state.read_from + ' text it is interpreted from'} changed since it was "
        "recorded, so its QR code is not printed.",
        file=state.recording.origin.file, line=state.recording.origin.line, key=state.recording.key,
        language=state.recording.language,
        fix=f"Record it again, then: handouts recording add {state.recording.language} {state.recording.document} "
            "URL --speaker NAME --on YYYY-MM-DD (or remove it from the file)."))
        for state in recordings if not state.current]


def warnings_for(content: KitContent, translations: dict[str, Translation], languages: dict[str, Language],
                 every_string: bool = False, recordings: list[RecordingState] = ()) -> list[str]:
    """What a build warns of: the machine, the sample kit, unverified entries, information dates, and each
    language's strings printed in English (a few named, or with `every_string` all of them)."""
    warnings = []
    if ctypes.util.find_library("harfbuzz-subset") is None:
        warnings.append("HarfBuzz's subsetting library is missing, so embedding fonts is many times slower: "
                        "sudo apt-get install libharfbuzz-subset0")
    first = content.first
    if first.settings.sample:
        warnings.append(f"{KIT_FILE} holds the shipped sample: set your organization's "
                        "name, contact line and help page, then set `sample: false`.")
    warnings += [f"unverified: {fact}" for fact in first.unverified()]
    warnings += [str(problem) for _, problem in stale_recordings(recordings)]
    warnings += information_date_reminders(content, translations)
    for code, translation in translations.items():
        parts = []
        for keys, what in ((translation.fuzzy, "changed in English since translated (fuzzy)"),
                           (translation.missing, "never translated")):
            if keys:
                shown = keys if every_string else keys[:3]
                more = f" and {len(keys) - len(shown)} more" if len(keys) > len(shown) else ""
                parts.append(f"{len(keys)} {'string' if len(keys) == 1 else 'strings'} {what} "
                             f"({', '.join(shown)}{more})")
        if parts:
            name = languages[code].english_name if code in languages else code
            warnings.append(f"{name} ({code}): {'; '.join(parts)}: printed in English, marked [EN], until "
                            "translated. See: handouts status --keys")
    return warnings
