"""Turn a kit's content/recordings.yml into Recordings: per language and document, where a recording of it
plays, who speaks it, when it was made, and the fingerprint of the text it reads."""

from __future__ import annotations

import os
import re
from pathlib import Path

import yaml

from ..qr import LISTEN_QR
from .kit_file import Kit
from .model import LanguageTable, Recording
from .schema import YamlFile, join_key, web_address

RECORDINGS_FILE = "content/recordings.yml"
RECORDING_KEYS = ("language", "document", "url", "speaker", "recorded_on", "reads")
# The fingerprint `handouts recording add` writes: the first 16 hexadecimal digits of a SHA-256.
FINGERPRINT = re.compile(r"^[0-9a-f]{16}$")


def load_recordings(kit: Kit, tables: list[LanguageTable], problems: list) -> tuple[Recording, ...]:
    """The kit's recordings, each checked; none when the kit has no recordings file. A recording is of a
    language of the kit, or of one of the "I speak" table only (an oral language), whose card then plays it."""
    if not os.path.lexists(kit.root / RECORDINGS_FILE):
        return ()
    f = YamlFile(kit.root, RECORDINGS_FILE, problems, kind="content")
    if f.root is None:
        return ()
    top = f.mapping(f.root, "", required=("recordings",))
    table_languages = {language.code for table in tables for language in table.languages}
    documents = {document.name: document for document in kit.documents if not document.is_for_every_language}
    recordings: list[Recording] = []
    for index, node in enumerate(f.sequence(top.get("recordings"), "recordings")):
        key = f"recordings[{index}]"
        entries = f.mapping(node, key, required=RECORDING_KEYS)
        if any(name not in entries for name in RECORDING_KEYS):
            continue
        code = f.string(entries["language"], join_key(key, "language"))
        document = f.string(entries["document"], join_key(key, "document"))
        url = web_address(f, LISTEN_QR)(entries["url"], join_key(key, "url"))
        speaker = f.string(entries["speaker"], join_key(key, "speaker"))
        recorded_on = f.past_date(entries["recorded_on"], join_key(key, "recorded_on"))
        reads = f.matching(entries["reads"], join_key(key, "reads"), FINGERPRINT,
                           "the fingerprint `handouts recording add` writes (16 digits and letters a-f)")
        if code is not None and code not in kit.languages and code not in table_languages:
            f.fail(entries["language"], join_key(key, "language"),
                   f"{code} is neither a language of the kit nor one of its \"I speak\" cards: no card would play it.",
                   f"Use one of the kit's languages ({', '.join(kit.languages)}), or a language of the \"I speak\" "
                   "table (content/languages.yml).")
            code = None
        if code is not None and code not in kit.languages and not any(
                document.is_for_every_language for document in kit.documents):
            f.fail(entries["language"], join_key(key, "language"),
                   f"{code} is not a language of the kit, and the kit has no \"I speak\" cards to play it on.",
                   f"Add the language to the kit (handouts i18n add {code}), or the \"I speak\" cards.")
            code = None
        if document is not None and document not in documents:
            f.fail(entries["document"], join_key(key, "document"),
                   f"the kit has no document {document!r} to read aloud.",
                   f"Name one of: {', '.join(documents) or 'none (the kit has no pamphlet or poster)'}.")
            document = None
        if None in (code, document, url, speaker, recorded_on, reads):
            continue
        if any(other.language == code and other.document == document for other in recordings):
            f.fail(node, key, f"a second recording of {document} in {code}.", "Keep one of the two.")
            continue
        recordings.append(Recording(code, document, url, speaker, recorded_on, reads, key, f.origin(node)))
    return tuple(recordings)


def recordings_text(recordings: list[dict[str, str]], text: str | None) -> str:
    """The recordings file holding `recordings` (each a mapping of RECORDING_KEYS to its value, in order):
    the comments written above its list kept, or a new file's explanation."""
    header = _HEADER
    if text:
        lines = text.splitlines()
        start = next((index for index, line in enumerate(lines) if line.startswith("recordings:")), len(lines))
        header = "\n".join(lines[:start]) + "\n" if start else ""
    body = yaml.safe_dump({"recordings": recordings}, allow_unicode=True, sort_keys=False, width=100)
    return header + body


def recordings_path(kit_root: Path) -> Path:
    return kit_root / RECORDINGS_FILE


_HEADER = """\
# Recordings: each document of the kit read aloud in a language, for those who
# cannot read it. The card and the poster of that language print a second QR
# code, captioned "Listen" in the language, that opens the recording.
#
# A recording reads the text as it was on the day it was made: `reads` is the
# fingerprint of that text. When any sentence it reads changes (the English, the
# translation, a code or a rule's status), the recording is out of date: its QR
# code is no longer printed until it is recorded again. Add or replace one with:
#   handouts recording add LANGUAGE DOCUMENT URL --speaker NAME --on YYYY-MM-DD
#
# A language with no catalog of its own (an oral language, such as Mam) may have
# a recording of the Spanish text interpreted into it: its "I speak" card plays it.

"""
