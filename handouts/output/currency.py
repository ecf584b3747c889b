"""Turn the build record and the project as it is now into which output files are current and which are out of date."""

from __future__ import annotations

from ..kit.kit_file import Kit
from ..outputs import SHARED_FOLDERS
from .build_record import BuildRecord, fingerprints
from .manifest import FileCurrency

# The variants a build makes (see BuildRequest.archival): a file is current if it
# was made, in either, from the inputs as they are now.
VARIANTS = ("", "archival")


def file_currency(kit: Kit, record: BuildRecord) -> dict[str, FileCurrency]:
    """Every file the record names, with whether what it was made from is still what the kit holds
    (a file of a language the kit no longer prints is not)."""
    folders = {*kit.languages, *SHARED_FOLDERS}
    outputs = [(relative_path.split("/", 1)[0], relative_path) for relative_path in record.outputs
               if relative_path.split("/", 1)[0] in folders]
    now = {variant: {output.relative_path: output.fingerprint
                     for output in fingerprints(kit, outputs, variant=variant)}
           for variant in VARIANTS}
    currency = {}
    for relative_path, recorded in record.outputs.items():
        current = any(now[variant].get(relative_path) == recorded.inputs for variant in VARIANTS)
        for file in recorded.files:
            currency[file] = FileCurrency(recorded.inputs, current)
    return currency


def out_of_date_by_language(currency: dict[str, FileCurrency], files: list[str]) -> dict[str, list[str]]:
    """The files of each language that are not current, a file no record names counted as not current."""
    stale: dict[str, list[str]] = {}
    for path in files:
        state = currency.get(path)
        if state is None or not state.current:
            stale.setdefault(path.split("/", 1)[0], []).append(path)
    return stale
