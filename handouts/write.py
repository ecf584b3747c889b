"""Turn rendered PDFs into files under output/, each replaced whole or not at all."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path


def staging_dir(output_dir: Path) -> Path:
    """Where new files are written before they move into place: beside output/, not in it,
    so that a build killed mid-write leaves no partial file among the outputs."""
    return output_dir.parent / f".{output_dir.name}.incoming"


def write_atomically(path: Path, data: bytes, staging: Path | None = None) -> None:
    """Write `data` to `path` so that a reader only ever sees the old file or the new one."""
    path.parent.mkdir(parents=True, exist_ok=True)
    folder = staging or path.parent
    folder.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part", dir=folder)
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


def write_outputs(output_dir: Path, files: list[tuple[str, bytes]], remove: list[str] = ()) -> list[Path]:
    """Write every (relative path, bytes) under `output_dir`, each atomically; then remove
    the files an earlier build wrote that this one replaces with nothing."""
    staging = staging_dir(output_dir)
    # A build killed while writing may have left a partial file here.
    shutil.rmtree(staging, ignore_errors=True)
    written = []
    for relative_path, data in files:
        path = output_dir / relative_path
        write_atomically(path, data, staging)
        written.append(path)
    for relative_path in remove:
        (output_dir / relative_path).unlink(missing_ok=True)
    shutil.rmtree(staging, ignore_errors=True)
    return written
