"""Turn a kit and its output folder into what is left to do: each language's translation status, the
information dates to check, and the files out of date."""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

from ..i18n import LanguageStatus, language_status
from ..i18n.readings import RecordingState, recording_states
from ..i18n.status import information_date_reminders
from ..kit.claims import due
from ..kit.model import Claim
from ..output.build_record import read_record
from ..output.currency import file_currency, out_of_date_by_language
from ..output.manifest import output_files
from ..outputs import describe
from ..sms import SmsCost, sms_cost
from .load import load


@dataclass(frozen=True)
class KitStatus:
    languages: list[LanguageStatus]  # every translated language, in the kit's order
    reminders: list[str]  # information dates older than the English's last change
    out_of_date: dict[str, int]  # files in the output folder not made from the kit as it is now, by language
    not_built: list[str]  # the kit's languages with no file in the output folder
    claims_due: list[Claim]  # rules whose status is to be checked again within RECHECK_WINDOW_DAYS, or late
    # What each message in the output folder costs to send by SMS, by file name, then language.
    messages: dict[str, dict[str, SmsCost]] = field(default_factory=dict)
    # The kit's recordings, each current (its QR code printed) or out of date.
    recordings: list[RecordingState] = field(default_factory=list)


# How far ahead `status` looks for rules to check again.
RECHECK_WINDOW_DAYS = 30


def kit_status(kit_dir: Path, output_dir: Path, today: datetime.date | None = None) -> KitStatus:
    loaded = load(kit_dir)
    kit = loaded.kit
    statuses = [language_status(translation, kit.languages[code].english_name)
                for code, translation in loaded.translations.items()]
    record = read_record(output_dir)
    currency = file_currency(kit, record)
    stale = out_of_date_by_language(currency, list(currency))
    built = {path.split("/", 1)[0] for path in record.outputs}
    return KitStatus(statuses, information_date_reminders(loaded.content, loaded.translations),
                     {code: len(files) for code, files in stale.items()},
                     [code for code in kit.languages if code not in built],
                     sorted(due(loaded.content.claims(), today or datetime.date.today(), RECHECK_WINDOW_DAYS),
                            key=lambda claim: claim.recheck_by),
                     _message_costs(output_dir, list(kit.languages)),
                     recording_states(loaded.content, kit.languages, loaded.translations))


def _message_costs(output_dir: Path, languages: list[str]) -> dict[str, dict[str, SmsCost]]:
    costs: dict[str, dict[str, SmsCost]] = {}
    for relative_path, path in output_files(output_dir, languages).items():
        described = describe(relative_path)
        if described is not None and described.kind.format == "txt":
            name = relative_path.split("/", 1)[1]
            costs.setdefault(name, {})[described.language] = sms_cost(path.read_text(encoding="utf-8"))
    return costs
