"""Turn the files under output/ into a manifest: what each file is, its size and its SHA-256."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Mapping

from ..i18n.readings import RecordingState
from ..outputs import describe
from ..sms import sms_cost

MANIFEST_FILE = "manifest.json"


@dataclass(frozen=True)
class FileCurrency:
    inputs: str | None  # the fingerprint of the inputs the file was made from; None if no record names it
    current: bool  # made from the content, catalogs, templates, fonts and tool as they are now


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # relative to output/, with forward slashes
    language: str  # the BCP 47 tag, as in the folder's name; one of SHARED_FOLDERS for what mixes languages
    document: str  # the kit's document it is printed from: "know-your-rights"
    product: str  # pamphlet, booklet, card, card-sheet, print-sheet, poster or language-sheet
    paper: str | None  # letter, a4, 11x17 or a3 (a large poster); None for the single card and the pictures
    format: str  # "pdf", "png", "txt" (a message) or "html" (a web page)
    side: str | None  # for a picture of the card: "front" or "back"
    page: int | None  # for a picture of a pamphlet page: its number, from 1
    bytes: int
    sha256: str
    content_date: datetime.date  # the date the information is as of
    # The fingerprint of the inputs the file was made from (content, catalog, templates, fonts, tool),
    # and whether those inputs are still what the project holds: a file that is not current is out of date.
    inputs: str | None = None
    current: bool = True
    # For a message: what it costs to send by SMS ("12 SMS (UCS-2)").
    sms: str | None = None


@dataclass(frozen=True)
class RecordingEntry:
    """A recording the kit gives, and whether the cards and posters play it (it still reads what they print)."""

    language: str
    document: str
    url: str
    speaker: str
    recorded_on: datetime.date
    current: bool  # False: the text changed since it was recorded; its QR code is not printed
    read_from: str  # the language whose text it reads (Spanish, for a language without a catalog)


def recording_entries(states: Iterable[RecordingState]) -> list[RecordingEntry]:
    return [RecordingEntry(state.recording.language, state.recording.document, state.recording.url,
                           state.recording.speaker, state.recording.recorded_on, state.current, state.read_from)
            for state in states]


def output_files(output_dir: Path, languages: Iterable[str]) -> dict[str, Path]:
    """Every output file of the given languages now under `output_dir`, by relative path. Hidden files are
    the tool's bookkeeping (a build's staging folder, its record), never outputs; nor are links, which a
    build never makes, and which may lead out of the folder."""
    files = {}
    for language in language_folders(output_dir, languages):
        for path in (output_dir / language).iterdir():
            relative_path = f"{language}/{path.name}"
            if (not path.name.startswith(".") and describe(relative_path) is not None and not path.is_symlink()
                    and path.is_file()):
                files[relative_path] = path
    return files


def language_folders(output_dir: Path, languages: Iterable[str]) -> list[str]:
    """The given languages that have a folder of their own under `output_dir`, not a link."""
    return [language for language in languages
            if not (output_dir / language).is_symlink() and (output_dir / language).is_dir()]


def manifest_entries(output_dir: Path, languages: list[str], content_date: datetime.date) -> list[ManifestEntry]:
    """Every output file of the given languages now under `output_dir`, language by language."""
    return entries_of(output_files(output_dir, languages), languages, content_date)


def entries_of(files: Mapping[str, bytes | Path], languages: list[str], content_date: datetime.date,
               currency: Mapping[str, FileCurrency] | None = None) -> list[ManifestEntry]:
    """An entry for each output file, given by relative path as its bytes or where they are on disk;
    language by language, in the order given; a file no record names counts as out of date."""
    entries = []
    for language in languages:
        own = sorted((path for path in files if path.split("/", 1)[0] == language), key=_reading_order)
        for relative_path in own:
            described = describe(relative_path)
            if described is None:
                continue
            details = (described.document, described.product, described.paper, described.kind.format,
                       described.side, described.page)
            file = files[relative_path]
            data = file.read_bytes() if isinstance(file, Path) else file
            state = (currency or {}).get(relative_path)
            sms = str(sms_cost(data.decode("utf-8", errors="replace"))) if described.kind.format == "txt" else None
            entries.append(ManifestEntry(relative_path, language, *details, bytes=len(data),
                                         sha256=hashlib.sha256(data).hexdigest(), content_date=content_date,
                                         inputs=state.inputs if state else None,
                                         current=state.current if state else currency is None, sms=sms))
    return entries


def _reading_order(relative_path: str) -> tuple:
    # Page 10 after page 9, not after page 1.
    name = relative_path.rsplit("/", 1)[-1]
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"([0-9]+)", name))


def manifest_json(entries: list[ManifestEntry], recordings: list[RecordingEntry] = ()) -> bytes:
    files = [{**asdict(entry), "content_date": entry.content_date.isoformat()} for entry in entries]
    listed = {"files": files}
    if recordings:
        listed["recordings"] = [{**asdict(entry), "recorded_on": entry.recorded_on.isoformat()}
                                for entry in recordings]
    return (json.dumps(listed, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
