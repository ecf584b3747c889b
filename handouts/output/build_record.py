"""Turn the inputs of each output, and what it prints, into fingerprints, and the last build's record into what must
be rendered again."""

from __future__ import annotations

import hashlib
import json
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .. import __version__
from ..errors import ContentError, Problem
from ..files import RefusedFile, confined, read_input
from ..fonts import families_of
from ..kit.kit_file import KIT_FILE, LANGUAGE_TAG, Kit, KitDocument
from ..kit.recordings import recordings_path
from ..languages import SOURCE_LANGUAGE, SPANISH
from ..layout.jobs import RenderJob
from ..outputs import EVERY_LANGUAGE, MIXED_LANGUAGES, SHARED_FOLDERS, describe

# The record of the last build, kept beside the outputs it describes.
RECORD_FILE = ".handouts-build.json"


@dataclass(frozen=True)
class Output:
    relative_path: str
    fingerprint: str  # of every input this output depends on


def _digest_files(paths: list[Path], root: Path, kit: Kit | None = None) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        data = _read(path, kit) if kit else path.read_bytes()
        digest.update(str(path.relative_to(root)).encode() + b"\0" + data + b"\0")
    return digest.hexdigest()


def _read(path: Path, kit: Kit) -> bytes:
    """A file an output is made from, read as loading reads it: a kit's file only if it is a regular file in
    the kit."""
    try:
        return read_input(path, kit.root)
    except RefusedFile as refused:
        raise ContentError(Problem(refused.message, file=os.path.relpath(path, kit.root), fix=refused.fix)) from None


def tool_digest(variant: str = "") -> str:
    """The tool itself: its version, the PDF variant, and its own code, not only its version number (a
    changed stage remakes everything even before a release bumps the version)."""
    shared = hashlib.sha256(f"{__version__} {variant}".encode())
    package = Path(__file__).parent.parent
    shared.update(_digest_files(sorted(package.rglob("*.py")), package).encode())
    return shared.hexdigest()


def _fonts_digest(kit: Kit, language: str, families: dict[str, list[Path]]) -> hashlib._Hash:
    """The fonts a language prints in (every font, for what is made of several languages)."""
    digest = hashlib.sha256()
    for family in (sorted(families) if language in SHARED_FOLDERS else kit.languages[language].fonts):
        for path in families.get(family, []):
            digest.update(family.encode() + b"\0" + _read(path, kit))
    return digest


def fingerprints(kit: Kit, outputs: list[tuple[str, str]], variant: str = "") -> list[Output]:
    """(language, relative path) of each output, fingerprinted by every file it may be made from: the tool,
    the PDF variant, the kit file, the English content, the templates and styles, the language's catalog,
    and the fonts of the language's script. Quick to make, without reading the content: when none of them
    changed, nothing needs to be laid out."""
    shared = hashlib.sha256(tool_digest(variant).encode())
    shared.update(_digest_files([kit.root / KIT_FILE, *kit.content_dir.glob("*.yml")], kit.root, kit).encode())
    # The regions listed, which --regions may choose for one build, apart from the kit file.
    shared.update(" ".join(kit.regions).encode())
    for folder in kit.template_dirs:
        shared.update(_digest_files([p for p in folder.rglob("*") if p.is_file()], folder, kit).encode())
    families = families_of(kit.font_dirs)
    # What is made for every language prints every script, and from every catalog the strings no other
    # document has: a translator's change to the pamphlet leaves the "I speak" cards as they are.
    others = _content_names([document for document in kit.documents if not document.is_for_every_language])
    per_language: dict[str, str] = {}
    for language in sorted({language for language, _ in outputs}):
        every = language == EVERY_LANGUAGE
        digest = _fonts_digest(kit, language, families)
        # A mixed sheet prints the cards of the languages its mix names: their catalogs, whole.
        codes = (kit.translated_languages if every else
                 [code for code, _ in kit.print_mix if code != SOURCE_LANGUAGE] if language == MIXED_LANGUAGES else
                 [language] if language != SOURCE_LANGUAGE else [])
        # A recording interpreted from the Spanish into a language without a catalog plays from that
        # language's "I speak" card while it reads the Spanish text as it is: the cards follow all of it.
        read_whole = {SPANISH} if every and recordings_path(kit.root).exists() else set()
        for code in codes:
            catalog = kit.translations_dir / f"{code}.po"
            text = _read(catalog, kit) if catalog.exists() else b""
            digest.update(_entries_not_of(text, others) if every and code not in read_whole else text)
        per_language[language] = digest.hexdigest()
    return [Output(path, hashlib.sha256(
        f"{shared.hexdigest()} {per_language[language]} {path}".encode()).hexdigest())
        for language, path in outputs]


# A file the HTML names for the renderer to read: a style sheet.
_FILE_URI = re.compile(r'file://[^"\'<>\s)]+')


def printed_fingerprints(jobs: list[RenderJob], kit: Kit, variant: str = "") -> dict[str, str]:
    """Each job's output, fingerprinted by what it prints: its HTML (every string, in every language it
    prints, and every code), the style sheets it names, the fonts of its language, how it is placed on
    paper, and the tool. An output whose fingerprint is what the record holds is not rendered again."""
    tool = tool_digest(variant)
    families = families_of(kit.font_dirs)
    fonts = {language: _fonts_digest(kit, language, families).hexdigest()
             for language in sorted({job.language for job in jobs})}
    files: dict[str, str] = {}
    printed = {}
    for job in jobs:
        digest = hashlib.sha256(f"{tool} {fonts[job.language]} {job.relative_path}".encode())
        for html in (job.html, job.compact.html if job.compact else ""):
            # Each file the HTML names stands for its bytes, not for where it is: a kit moved or copied to
            # another folder prints the same.
            for uri in set(_FILE_URI.findall(html)) - set(files):
                files[uri] = _named_file_digest(uri, kit)
            digest.update(_FILE_URI.sub(lambda match: files[match.group(0)], html).encode() + b"\0")
        details = (job.kind.name, job.paper, job.stock, job.paper_size_mm, job.direction, job.flip, job.title)
        digest.update(repr(details).encode())
        printed[job.relative_path] = digest.hexdigest()
    return printed


def _named_file_digest(uri: str, kit: Kit) -> str:
    """A style sheet's bytes; where it reads other files itself (@import, url()), every file of the
    templates, which it may name."""
    try:
        data = Path(unquote(urlsplit(uri).path)).read_bytes()
    except OSError:
        return "missing"
    if b"@import" in data or b"url(" in data:
        return "".join(_digest_files([p for p in folder.rglob("*") if p.is_file()], folder)
                       for folder in kit.template_dirs)
    return hashlib.sha256(data).hexdigest()


def _content_names(documents: list[KitDocument]) -> tuple[bytes, ...]:
    """How the catalogs name the strings of these documents' own content files: "handout:", "card:"."""
    return tuple(f'msgctxt "{Path(path).stem}:'.encode() for document in documents
                 for path in (document.pamphlet, document.card, document.poster) if path)


def _entries_not_of(catalog: bytes, names: tuple[bytes, ...]) -> bytes:
    """The catalog's entries (its header too) but those whose msgctxt starts with one of `names`."""
    return b"\n\n".join(entry for entry in catalog.split(b"\n\n")
                        if not any(line.startswith(names) for line in entry.splitlines()))


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


@dataclass(frozen=True)
class RecordedOutput:
    inputs: str  # the fingerprint of the files it was made from
    files: dict[str, str]  # relative path -> SHA-256 of each file it wrote (a PDF, or a set of pictures)
    printed: str | None = None  # the fingerprint of what it prints (see printed_fingerprints)


@dataclass(frozen=True)
class LanguageReview:
    """A language's review status as its outputs were built, for the listing."""

    review: str  # "draft" or "reviewed by <role>, <YYYY-MM-DD>"
    incomplete: bool  # some strings print in English


@dataclass(frozen=True)
class BuildRecord:
    outputs: dict[str, RecordedOutput] = field(default_factory=dict)
    languages: dict[str, LanguageReview] = field(default_factory=dict)


def read_record(output_dir: Path) -> BuildRecord:
    """The last build's record. Anyone may have written the file: an output naming a file that is not an
    output file inside the folder (an absolute path, a `..`, a link out) counts as not recorded, so that
    nothing it names is ever removed."""
    try:
        data = json.loads((output_dir / RECORD_FILE).read_bytes())
    except (OSError, ValueError):
        return BuildRecord()
    if not isinstance(data, dict):
        return BuildRecord()
    # Records of earlier versions held the outputs alone.
    outputs, languages = (data.get("outputs"), data.get("languages")) if "outputs" in data else (data, {})
    recorded_outputs = {}
    for relative_path, entry in (outputs.items() if isinstance(outputs, dict) else ()):
        if not isinstance(entry, dict) or not isinstance(entry.get("inputs"), str):
            continue
        files = entry.get("files")
        if isinstance(files, dict) and files and all(isinstance(digest, str) and _is_output_file(output_dir, path)
                                                     for path, digest in files.items()):
            printed = entry.get("printed") if isinstance(entry.get("printed"), str) else None
            recorded_outputs[relative_path] = RecordedOutput(entry["inputs"], dict(files), printed)
    reviews = {code: LanguageReview(entry["review"], entry["incomplete"])
               for code, entry in (languages.items() if isinstance(languages, dict) else ())
               if LANGUAGE_TAG.match(code) and isinstance(entry, dict) and isinstance(entry.get("review"), str)
               and isinstance(entry.get("incomplete"), bool)}
    return BuildRecord(recorded_outputs, reviews)


def _is_output_file(output_dir: Path, relative_path: str) -> bool:
    language, _, name = relative_path.partition("/")
    return ((LANGUAGE_TAG.match(language) is not None or language in SHARED_FOLDERS)
            and describe(relative_path) is not None and "/" not in name
            and confined(output_dir, relative_path) is not None)


def stale(outputs: list[Output], output_dir: Path, record: BuildRecord) -> list[Output]:
    """The outputs whose input files changed since they were written, or any of whose files are missing or
    edited: those to lay out again and look at more closely."""
    return [output for output in outputs
            if not (_inputs_unchanged(output, record) and files_intact(output.relative_path, output_dir, record))]


def _inputs_unchanged(output: Output, record: BuildRecord) -> bool:
    recorded = record.outputs.get(output.relative_path)
    return recorded is not None and recorded.inputs == output.fingerprint


def files_intact(relative_path: str, output_dir: Path, record: BuildRecord) -> bool:
    """Every file the output wrote last time is there, as it was written."""
    recorded = record.outputs.get(relative_path)
    return recorded is not None and all(_sha256(output_dir / path) == digest
                                        for path, digest in recorded.files.items())


def prints_the_same(relative_path: str, printed: str, record: BuildRecord) -> bool:
    """What the output prints is what it printed when it was last written."""
    recorded = record.outputs.get(relative_path)
    return recorded is not None and recorded.printed == printed


def recorded_files(record: BuildRecord, relative_path: str) -> list[str]:
    """The files an output wrote last time (a PDF, or a set of pictures)."""
    recorded = record.outputs.get(relative_path)
    return list(recorded.files) if recorded else []


def updated_record(record: BuildRecord, written: dict[str, tuple[str, str, tuple[tuple[str, bytes], ...]]],
                   kept: dict[str, tuple[str, str]], languages: dict[str, LanguageReview]) -> BuildRecord:
    """The record with the fingerprints and the files of each output just written, the new fingerprints of
    each output kept as it was (its files print the same), and the review status of each language just
    built; what it knew of the others kept."""
    outputs = dict(record.outputs)
    for relative_path, (inputs, printed, files) in written.items():
        outputs[relative_path] = RecordedOutput(inputs, {path: hashlib.sha256(data).hexdigest()
                                                         for path, data in files}, printed)
    for relative_path, (inputs, printed) in kept.items():
        outputs[relative_path] = RecordedOutput(inputs, record.outputs[relative_path].files, printed)
    return BuildRecord(outputs, {**record.languages, **languages})


def record_json(record: BuildRecord) -> bytes:
    return json.dumps({
        "outputs": {path: {"inputs": output.inputs, "printed": output.printed, "files": output.files}
                    for path, output in sorted(record.outputs.items())},
        "languages": {code: {"review": review.review, "incomplete": review.incomplete}
                      for code, review in sorted(record.languages.items())},
    }, indent=1).encode("utf-8")
