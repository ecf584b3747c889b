"""Turn the shipped kit into a new kit folder."""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path

from ..errors import ContentError, Problem
from ..files import tool_folder
from ..kit import KIT_FILE, load_kit
from ..languages import SOURCE_LANGUAGE
from .kit_edits import without_language

# What a kit holds of its own; templates and fonts come from the tool (a kit may add its own).
KIT_PARTS = (KIT_FILE, "content")
STAGING_PREFIX = ".handouts-new-"


def new_kit(folder: Path, languages: tuple[str, ...] | None = None) -> Path:
    """A copy of the shipped border-asylum kit in `folder`: a new folder, or an empty one, kept as it is (its
    owner and permissions); with `languages`, only those (and English, the source). Staged, then moved into
    place: an interrupted copy leaves no half a kit."""
    folder = Path(os.path.abspath(folder))
    shown = str(folder)
    shipped = load_kit(tool_folder(KIT_FILE).parent).languages
    unknown = [code for code in languages or () if code not in shipped]
    if unknown:
        raise ContentError(Problem(f"the shipped kit has no {', '.join(unknown)} (it has {', '.join(shipped)}).",
                                   fix="Choose among those, then add others to the new kit with: "
                                       "handouts i18n add CODE"))
    left_out = [code for code in shipped if languages is not None and code not in (*languages, SOURCE_LANGUAGE)]
    if folder.is_symlink():
        raise ContentError(Problem("is a link: a kit is made in a folder of its own.", file=shown,
                                   fix="Give the path of a new folder, or of an empty one."))
    if os.path.lexists(folder.parent) and not folder.parent.is_dir():
        raise ContentError(Problem(f"{folder.parent.name} is a file, not a folder.", file=shown,
                                   fix="Give the path of a new folder inside a folder."))
    if os.path.lexists(folder) and not folder.is_dir():
        raise ContentError(Problem("already exists, and is not a folder.", file=shown,
                                   fix="Give a new folder's name: handouts new my-kit"))
    try:
        if folder.is_dir():
            if any(folder.iterdir()):
                raise ContentError(Problem("already exists and is not empty.", file=shown,
                                           fix="Give a new folder's name: handouts new my-kit"))
            # Staged inside the empty folder itself: its parent may not be ours to write in.
            _fill(folder, Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder)), left_out)
            return folder
        folder.parent.mkdir(parents=True, exist_ok=True)
        work = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=folder.parent))
        # mkdtemp makes a private folder; a kit is a folder like any other the user makes.
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(work, 0o777 & ~umask)
        _fill(work, work, left_out)
        work.rename(folder)
    except OSError as error:
        raise ContentError(Problem(f"cannot make the kit there: {error.strerror or error}.", file=shown,
                                   fix="Give a folder you may write in, such as one in your home folder.")) from None
    return folder


def _fill(folder: Path, work: Path, left_out: list[str]) -> None:
    """Copy the shipped kit into `work`, without the languages left out; then, if `work` is a staging folder
    inside `folder`, move it up."""
    try:
        text = tool_folder(KIT_FILE).read_text(encoding="utf-8")
        for code in left_out:
            text = without_language(text, code, KIT_FILE)
        (work / KIT_FILE).write_text(text, encoding="utf-8")
        shutil.copytree(tool_folder("content"), work / "content",
                        ignore=lambda _, names: [f"{code}.po" for code in left_out if f"{code}.po" in names])
        (work / ".gitignore").write_text("output/\n.handouts-preview/\n", encoding="utf-8")
        if work != folder:
            for entry in list(work.iterdir()):
                entry.rename(folder / entry.name)
            work.rmdir()
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
