"""Turn a recording just made (its language, document, address, speaker and day) into its entry in
content/recordings.yml, with the fingerprint of the text it reads as that text is now."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from ..files import read_kit_file, write_atomically
from ..i18n import Edition
from ..i18n.readings import read_from, reading
from ..kit.recordings import RECORDINGS_FILE, recordings_path, recordings_text
from ..tokens import hidden_characters
from .load import load


@dataclass(frozen=True)
class RecordingAdded:
    language: str
    document: str
    read_from: str  # the language whose text it reads
    reads: str
    replaced: bool  # it replaces an earlier recording of the same document and language


def add_recording(kit_dir: Path, language: str, document: str, url: str, speaker: str, on: datetime.date,
                  today: datetime.date | None = None) -> RecordingAdded:
    """Record that a recording of `document` in `language` reads its text as the text is now; replace an
    earlier one of the same document and language. The file is written only if the kit then loads."""
    today = today or datetime.date.today()
    loaded = load(kit_dir, catalogs=False)
    kit, content = loaded.kit, loaded.content
    for value, option in ((speaker, "--speaker"), (url, "URL")):
        if not value.strip() or "\n" in value or hidden_characters(value):
            raise ContentError(Problem(f"{option} must be one line of plain text.", file=RECORDINGS_FILE,
                                       language=language, fix=f"Give {option} again."))
    if on > today:
        raise ContentError(Problem(f"{on.isoformat()} is in the future (today is {today.isoformat()}).",
                                   file=RECORDINGS_FILE, language=language,
                                   fix="Give the day the recording was made."))
    if document not in content.documents or content.documents[document].language_cards is not None:
        readable = [name for name, part in content.documents.items() if part.language_cards is None]
        raise ContentError(Problem(f"the kit has no document {document!r} to read aloud.", file=RECORDINGS_FILE,
                                   language=language, fix=f"Name one of: {', '.join(readable)}."))
    code = read_from(language, kit.languages)
    translations = loaded.with_catalogs((code,)).translations if code in kit.translated_languages else {}
    reads = reading(Edition(content.documents[document], kit.languages[code], translations.get(code)))
    path = recordings_path(kit_dir)
    old_text = read_kit_file(kit_dir, RECORDINGS_FILE, "content").decode("utf-8") if path.exists() else None
    entries = _entries(old_text)
    entry = {"language": language, "document": document, "url": url, "speaker": speaker,
             "recorded_on": on, "reads": reads}
    replaced = any(item.get("language") == language and item.get("document") == document for item in entries)
    entries = [entry if item.get("language") == language and item.get("document") == document else item
               for item in entries] + ([] if replaced else [entry])
    write_atomically(path, recordings_text(entries, old_text).encode("utf-8"))
    try:
        load(kit_dir, catalogs=False)  # the file as written still reads (the language and address hold)
    except ContentError:
        if old_text is None:
            path.unlink()
        else:
            write_atomically(path, old_text.encode("utf-8"))
        raise
    return RecordingAdded(language, document, code, reads, replaced)


def _entries(text: str | None) -> list[dict]:
    """The recordings the file lists now (it loaded, so it reads)."""
    if not text:
        return []
    listed = (yaml.safe_load(text) or {}).get("recordings") or []
    return [dict(item) for item in listed]
