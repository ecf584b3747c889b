"""Turn the files under output/ into a manifest: what each file is, its size and its SHA-256."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Iterable, Mapping

MANIFEST_FILE = "manifest.json"
# The folder of what is made once for every language (the "I speak" cards and the sheet to point at), beside
# each language's own folder. Not a language tag, so no language's folder can take its name.
EVERY_LANGUAGE = "languages"

# <language>/<document>-<product>[-<paper>].pdf, <language>/<document>-card-<side>.png,
# <language>/<document>-pamphlet-page-<n>.png, <language>/<document>-poster-page-<n>.png,
# languages/<document>-language-sheet-phone.png
_DOCUMENT = r"(?P<document>[a-z0-9]+(?:-[a-z0-9]+)*?)"
_PDF_NAME = re.compile(rf"^{_DOCUMENT}-(?P<product>pamphlet|booklet|card|card-sheet|print-sheet|poster|language-sheet)"
                       r"(?:-(?P<paper>letter|a4))?\.pdf$")
_PHONE_PICTURE = re.compile(rf"^{_DOCUMENT}-(?P<product>language-sheet)-phone\.png$")
_CARD_PICTURE = re.compile(rf"^{_DOCUMENT}-card-(?P<side>front|back)\.png$")
_PAGE_PICTURE = re.compile(rf"^{_DOCUMENT}-(?P<product>pamphlet|poster)-page-(?P<page>[0-9]+)\.png$")


@dataclass(frozen=True)
class FileCurrency:
    inputs: str | None  # the fingerprint of the inputs the file was made from; None if no record names it
    current: bool  # made from the content, catalogs, templates, fonts and tool as they are now


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # relative to output/, with forward slashes
    language: str  # the BCP 47 tag, as in the folder's name; EVERY_LANGUAGE for what is made for all
    document: str  # the kit's document it is printed from: "know-your-rights"
    product: str  # pamphlet, booklet, card, card-sheet, print-sheet, poster or language-sheet
    paper: str | None  # letter or a4; None for the single card and the pictures
    format: str  # "pdf" or "png"
    side: str | None  # for a picture of the card: "front" or "back"
    page: int | None  # for a picture of a pamphlet page: its number, from 1
    bytes: int
    sha256: str
    content_date: datetime.date  # the date the information is as of
    # The fingerprint of the inputs the file was made from (content, catalog, templates, fonts, tool),
    # and whether those inputs are still what the project holds: a file that is not current is out of date.
    inputs: str | None = None
    current: bool = True


def describe(relative_path: str) -> tuple[str, str, str | None, str, str | None, int | None] | None:
    """(document, product, paper, format, side, page) of an output file from its name; None for a file that
    is not one."""
    name = relative_path.rsplit("/", 1)[-1]
    if match := _PDF_NAME.match(name):
        return match["document"], match["product"], match["paper"], "pdf", None, None
    if match := _CARD_PICTURE.match(name):
        return match["document"], "card", None, "png", match["side"], None
    if match := _PAGE_PICTURE.match(name):
        return match["document"], match["product"], None, "png", None, int(match["page"])
    if match := _PHONE_PICTURE.match(name):
        return match["document"], match["product"], None, "png", None, 1
    return None


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
            file = files[relative_path]
            data = file.read_bytes() if isinstance(file, Path) else file
            state = (currency or {}).get(relative_path)
            entries.append(ManifestEntry(relative_path, language, *described, bytes=len(data),
                                         sha256=hashlib.sha256(data).hexdigest(), content_date=content_date,
                                         inputs=state.inputs if state else None,
                                         current=state.current if state else currency is None))
    return entries


def _reading_order(relative_path: str) -> tuple:
    # Page 10 after page 9, not after page 1.
    name = relative_path.rsplit("/", 1)[-1]
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"([0-9]+)", name))


def manifest_json(entries: list[ManifestEntry]) -> bytes:
    files = [{**asdict(entry), "content_date": entry.content_date.isoformat()} for entry in entries]
    return (json.dumps({"files": files}, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
