"""Turn paths into files the tool may touch: the tool's own folders, a path confined to its folder, and one
file written whole or not at all."""

from __future__ import annotations

import os
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
