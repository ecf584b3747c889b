"""Turn paths into files the tool may touch: the tool's own folders, a path confined to its folder, a kit's
file read only if it is a regular file inside the kit, and one file written whole or not at all."""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path


def tool_folder(name: str) -> Path:
    """The tool's own templates/ or fonts/ (or its shipped kit's files): inside the installed package,
    or beside it in a checkout of the repository."""
    packaged = Path(__file__).parent / "shipped" / name
    return packaged if packaged.exists() else Path(__file__).parent.parent / name


def write_atomically(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader only ever sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=path.parent)
    try:
        # mkstemp makes the file private; outputs are for sharing and web hosting.
        os.fchmod(handle, 0o644)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def write_confined(folder: Path, relative: str, data: bytes) -> None:
    """Write a file under `folder`, whole or not at all, never through a link: a link in its place is
    replaced, not followed, and a path that leads out of the folder is refused (RefusedFile)."""
    path = confined(folder, relative, through_last_link=False)
    if path is None:
        raise RefusedFile(f"{relative} leads out of {folder.name}/ through a link.", "Remove the link.")
    write_atomically(path, data)


def confined(folder: Path, relative_path: object, *, through_last_link: bool = True) -> Path | None:
    """`relative_path` under `folder`, or None where it could lead anywhere else: an absolute path, a
    `..`, or a link out of the folder. With `through_last_link` False, a link as the last name is the file
    itself (replacing it replaces the link, never what it points to)."""
    if not isinstance(relative_path, str) or "\0" in relative_path or "\\" in relative_path:
        return None
    if any(part in ("", ".", "..") for part in relative_path.split("/")):
        return None  # also refuses "/etc/passwd": its first part is empty
    path = folder / relative_path
    root = folder.resolve()
    resolved = path.resolve() if through_last_link else path.parent.resolve() / path.name
    return path if resolved != root and resolved.is_relative_to(root) else None


# The most a kit's file of each kind may hold: far more than any real one, far less than a machine's memory.
SIZE_LIMITS = {"kit file": 1_000_000, "content": 4_000_000, "catalog": 8_000_000, "template": 1_000_000,
               "font": 64_000_000}


class RefusedFile(Exception):
    """A file the tool will not read: why, and what to do (the caller adds which file)."""

    def __init__(self, message: str, fix: str):
        super().__init__(message)
        self.message = message
        self.fix = fix


def read_kit_file(root: Path, relative: str | Path, kind: str) -> bytes:
    """The bytes of a file of the kit in `root`: a regular file inside the kit, no larger than its kind
    allows. A link that leads out of the kit, a folder, a device or a pipe is refused (RefusedFile), never
    followed, waited on or read without end. A missing file is FileNotFoundError, as from open()."""
    path = kit_path(root, relative)
    try:
        handle = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except IsADirectoryError:
        raise RefusedFile("a folder, where a file belongs.", "Put the file itself there.") from None
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            what = "a folder" if stat.S_ISDIR(status.st_mode) else "not a regular file (a device, a pipe or a socket)"
            raise RefusedFile(f"{what}, where a file belongs.", "Put the file itself there.")
        limit = SIZE_LIMITS[kind]
        with os.fdopen(os.dup(handle), "rb") as stream:
            data = stream.read(limit + 1)
    finally:
        os.close(handle)
    if len(data) > limit:
        raise RefusedFile(f"larger than any {kind} the tool reads (over {limit // 1_000_000} MB).",
                          "Check that it is the right file.")
    return data


def kit_path(root: Path, relative: str | Path) -> Path:
    """`relative` under the kit in `root`, refused (RefusedFile) where it, or a folder on the way, is a link
    that leads out of the kit."""
    path = root / relative
    kit = root.resolve()
    resolved = path.resolve()
    if resolved != kit and not resolved.is_relative_to(kit):
        raise RefusedFile("a link that leads out of the kit: a kit's files are read inside the kit only.",
                          "Replace the link with the file itself.")
    return path


_KINDS_BY_SUFFIX = {".yml": "content", ".po": "catalog", ".ttf": "font", ".otf": "font", ".ttc": "font"}


def read_input(path: Path, kit_root: Path) -> bytes:
    """The bytes of a file the tool works from: a kit's own, read only as read_kit_file reads it; the tool's,
    as it is."""
    absolute, root = Path(os.path.abspath(path)), Path(os.path.abspath(kit_root))
    if not absolute.is_relative_to(root):
        return path.read_bytes()
    kind = _KINDS_BY_SUFFIX.get(path.suffix.lower(), "template")
    return read_kit_file(root, absolute.relative_to(root), kind)
