"""Turn the files under output/ into a manifest: what each file is, its size and its SHA-256."""

from __future__ import annotations

import datetime
import hashlib
import json
import re
from dataclasses import asdict, dataclass
from pathlib import Path

MANIFEST_FILE = "manifest.json"

# <language>/<product>[-<paper>].pdf, <language>/card-<side>.png, <language>/pamphlet-page-<n>.png
_PDF_NAME = re.compile(r"^(?P<product>[a-z-]+?)(?:-(?P<paper>letter|a4))?\.pdf$")
_CARD_PICTURE = re.compile(r"^card-(?P<side>front|back)\.png$")
_PAGE_PICTURE = re.compile(r"^pamphlet-page-(?P<page>[0-9]+)\.png$")


@dataclass(frozen=True)
class ManifestEntry:
    path: str  # relative to output/, with forward slashes
    language: str  # the BCP 47 tag, as in the folder's name
    product: str  # pamphlet, booklet, card, card-sheet or print-sheet
    paper: str | None  # letter or a4; None for the single card and the pictures
    format: str  # "pdf" or "png"
    side: str | None  # for a picture of the card: "front" or "back"
    page: int | None  # for a picture of a pamphlet page: its number, from 1
    bytes: int
    sha256: str
    content_date: datetime.date  # the date the information is as of


def describe(relative_path: str) -> tuple[str, str | None, str, str | None, int | None] | None:
    """(product, paper, format, side, page) of an output file from its name; None for a file that is not one."""
    name = relative_path.rsplit("/", 1)[-1]
    if match := _PDF_NAME.match(name):
        return match["product"], match["paper"], "pdf", None, None
    if match := _CARD_PICTURE.match(name):
        return "card", None, "png", match["side"], None
    if match := _PAGE_PICTURE.match(name):
        return "pamphlet", None, "png", None, int(match["page"])
    return None


def manifest_entries(output_dir: Path, languages: list[str], content_date: datetime.date) -> list[ManifestEntry]:
    """Every output file of the given languages now under `output_dir`, language by language."""
    entries = []
    for language in languages:
        folder = output_dir / language
        files = sorted(folder.iterdir(), key=_reading_order) if folder.is_dir() else []
        for path in files:
            relative_path = f"{language}/{path.name}"
            described = describe(relative_path)
            if described is None or not path.is_file():
                continue
            data = path.read_bytes()
            entries.append(ManifestEntry(relative_path, language, *described, bytes=len(data),
                                         sha256=hashlib.sha256(data).hexdigest(), content_date=content_date))
    return entries


def _reading_order(path: Path) -> tuple:
    # Page 10 after page 9, not after page 1.
    return tuple(int(part) if part.isdigit() else part for part in re.split(r"([0-9]+)", path.name))


def manifest_json(entries: list[ManifestEntry]) -> bytes:
    files = [{**asdict(entry), "content_date": entry.content_date.isoformat()} for entry in entries]
    return (json.dumps({"files": files}, indent=1, ensure_ascii=False) + "\n").encode("utf-8")
