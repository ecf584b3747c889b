"""Turn the inputs of each output into a fingerprint, and the last build's record into what must be rebuilt."""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path

from . import __version__
from .fontprep import font_files_by_family
from .languages import LANGUAGES, SOURCE_LANGUAGE
from .write import write_atomically

# The record of the last build, kept beside the outputs it describes.
RECORD_FILE = ".handouts-build.json"


@dataclass(frozen=True)
class Output:
    relative_path: str
    fingerprint: str  # of every input this output depends on


def _digest_files(paths: list[Path], root: Path) -> str:
    digest = hashlib.sha256()
    for path in sorted(paths):
        digest.update(str(path.relative_to(root)).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def fingerprints(project_dir: Path, outputs: list[tuple[str, str]], variant: str = "") -> list[Output]:
    """(language, relative path) of each output, fingerprinted by what it is made from:
    the tool (version and code), the PDF variant, the English content and settings, the
    templates and styles, the language's catalog, and the fonts of the language's script."""
    shared = hashlib.sha256(f"{__version__} {variant}".encode())
    # The tool's own code too, not only its version number: a changed stage
    # remakes everything even before a release bumps the version.
    package = Path(__file__).parent
    shared.update(_digest_files(sorted(package.glob("*.py")), package).encode())
    shared.update(_digest_files([p for p in (project_dir / "content").glob("*.yml")], project_dir).encode())
    shared.update(_digest_files([p for p in (project_dir / "templates").rglob("*") if p.is_file()],
                                project_dir).encode())
    families = font_files_by_family(project_dir / "fonts")
    per_language: dict[str, str] = {}
    for language in sorted({language for language, _ in outputs}):
        files = [path for family in LANGUAGES[language].fonts for path in families.get(family, [])]
        if language != SOURCE_LANGUAGE:
            catalog = project_dir / "content" / "translations" / f"{language}.po"
            files += [catalog] if catalog.exists() else []
        per_language[language] = _digest_files(files, project_dir)
    return [Output(path, hashlib.sha256(
        f"{shared.hexdigest()} {per_language[language]} {path}".encode()).hexdigest())
        for language, path in outputs]


def _sha256(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


def read_record(output_dir: Path) -> dict[str, dict[str, str]]:
    try:
        record = json.loads((output_dir / RECORD_FILE).read_text(encoding="utf-8"))
    except (FileNotFoundError, ValueError):
        return {}
    return record if isinstance(record, dict) else {}


def stale(outputs: list[Output], output_dir: Path, record: dict[str, dict]) -> list[Output]:
    """The outputs whose inputs changed since they were written, or any of whose files are missing or edited."""
    return [output for output in outputs if not _up_to_date(output, output_dir, record.get(output.relative_path))]


def _up_to_date(output: Output, output_dir: Path, recorded: dict | None) -> bool:
    if not isinstance(recorded, dict) or recorded.get("inputs") != output.fingerprint:
        return False
    files = recorded.get("files")
    return isinstance(files, dict) and bool(files) and all(
        _sha256(output_dir / path) == digest for path, digest in files.items())


def recorded_files(record: dict[str, dict], relative_path: str) -> list[str]:
    """The files an output wrote last time (a PDF, or a set of pictures)."""
    files = record.get(relative_path, {}).get("files")
    return list(files) if isinstance(files, dict) else []


def write_record(output_dir: Path, record: dict[str, dict],
                 written: dict[str, tuple[str, tuple[tuple[str, bytes], ...]]]) -> None:
    """The record updated with the fingerprint and the files of each output just written."""
    for relative_path, (fingerprint, files) in written.items():
        record[relative_path] = {"inputs": fingerprint,
                                 "files": {path: hashlib.sha256(data).hexdigest() for path, data in files}}
    write_atomically(output_dir / RECORD_FILE,
                     json.dumps(dict(sorted(record.items())), indent=1).encode("utf-8"))
