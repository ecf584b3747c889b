"""Turn the shipped kit into a new kit folder."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from ..errors import ContentError, Problem
from ..files import tool_folder
from ..kit import KIT_FILE

# What a kit holds of its own; templates and fonts come from the tool (a kit may add its own).
KIT_PARTS = (KIT_FILE, "content")


def new_kit(folder: Path) -> Path:
    """A copy of the shipped border-asylum kit in `folder`, which must not exist or be empty."""
    if folder.exists() and (not folder.is_dir() or any(folder.iterdir())):
        raise ContentError(Problem(f"{folder} already exists and is not empty.", file=str(folder),
                                   fix="Give a new folder's name: handouts new my-kit"))
    folder.parent.mkdir(parents=True, exist_ok=True)
    # Made beside its place and renamed into it: an interrupted copy leaves no half a kit.
    work = Path(tempfile.mkdtemp(prefix=f".{folder.name}-", dir=folder.parent))
    try:
        shutil.copyfile(tool_folder(KIT_FILE), work / KIT_FILE)
        shutil.copytree(tool_folder("content"), work / "content")
        (work / ".gitignore").write_text("output/\n.handouts-preview/\n", encoding="utf-8")
        if folder.exists():
            folder.rmdir()
        work.rename(folder)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return folder
