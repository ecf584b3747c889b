"""Turn a build's new files into the output folder's new set: one build at a time, staged inside the folder,
then committed as a whole through a journal.

What a build, killed at any moment, out of disk or racing another, leaves in the folder:

- Before the commit point (the journal, .handouts-commit.json, appearing whole by one rename), nothing
  visible has changed: the folder holds the previous set. A kill leaves a hidden staging folder, which
  the next command removes; an error removes it at once.
- After the commit point, the journal names every rename and removal, and the next command that takes
  the folder (every build, and `recover`) finishes them first: the folder holds the new set. Until then
  a reader may meet new files beside old ones, each of them whole, since files only arrive by rename.

Staging inside the folder, not beside it, keeps every rename on one file system, so a folder that is a
mount point, or a link to another disk, works; and the folder's parent may be read-only.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Iterator

from ..errors import OutputError, Problem
from ..files import confined

Progress = Callable[[str], None]

# The tool's bookkeeping in the output folder: hidden, so that no listing or web host shows it.
LOCK_FILE = ".handouts.lock"
JOURNAL_FILE = ".handouts-commit.json"
STAGING_PREFIX = ".handouts-staging-"
# What tempfile.mkdtemp adds to the prefix; a journal naming anything else was not written by a build.
_STAGING_NAME = re.compile(r"^\.handouts-staging-[a-z0-9_]+$")


@dataclass(frozen=True)
class FolderChange:
    """What turns the output folder's previous set of files into the new one."""

    files: tuple[tuple[str, bytes], ...]  # (path relative to the folder, bytes), put in place in this order
    removed: tuple[str, ...] = ()  # paths of files the new set no longer has


@dataclass(frozen=True)
class Journal:
    """A commit under way, as written at its commit point."""

    staging: str  # the staging folder's name, in the output folder
    replaced: tuple[str, ...]  # each moved from the staging folder to the same path in the output folder
    removed: tuple[str, ...]


# Threads of one process share its POSIX locks, so they take turns here first.
_folders_held_here: dict[str, threading.Lock] = {}
_folders_held_here_guard = threading.Lock()


@contextmanager
def output_lock(output_dir: Path, progress: Progress = lambda message: None) -> Iterator[None]:
    """Hold the output folder for one build at a time, creating it if need be; another build waits, saying so.
    A build that fails in a folder it made leaves no folder behind.

    A POSIX lock (lockf) rather than flock: the processes a build forks to render do not inherit it, so a
    killed build's orphaned workers never keep the folder held; and the kernel drops it when the build
    ends, however it ends."""
    waiting = f"Another build is running in {output_dir}; waiting for it to finish."
    made_here = not output_dir.exists()
    try:
        output_dir.mkdir(parents=True, exist_ok=True)
        key = str(output_dir.resolve())
    except OSError as error:
        raise output_error(output_dir, error, committed=False) from error
    with _folders_held_here_guard:
        held_here = _folders_held_here.setdefault(key, threading.Lock())
    if not held_here.acquire(blocking=False):
        progress(waiting)
        held_here.acquire()
    try:
        handle = _hold_lock_file(output_dir, lambda: progress(waiting))
        try:
            yield
        except BaseException:
            if made_here and handle is not None:
                _remove_if_empty(output_dir)
            raise
        finally:
            if handle is not None:
                os.close(handle)
    finally:
        held_here.release()


def _hold_lock_file(output_dir: Path, say_waiting: Callable[[], None]) -> int | None:
    """A descriptor of the folder's lock file, locked; None on a read-only file system, where no build can
    change the folder and none needs to wait."""
    lock_file = output_dir / LOCK_FILE
    told = False
    while True:
        # Opened only while this thread holds the folder: closing any descriptor of the
        # file drops the process's lock on it.
        try:
            output_dir.mkdir(parents=True, exist_ok=True)
            handle = os.open(lock_file, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as error:
            if error.errno == errno.EROFS:
                return None
            raise output_error(output_dir, error, committed=False) from error
        try:
            try:
                fcntl.lockf(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError as error:
                if error.errno not in (errno.EACCES, errno.EAGAIN):
                    raise output_error(output_dir, error, committed=False) from error
                if not told:
                    say_waiting()
                    told = True
                fcntl.lockf(handle, fcntl.LOCK_EX)
            # The build this one waited for may have removed the folder, lock file and all (it failed in
            # a folder it had made): the lock then guards nothing, so take the new one.
            if _same_file(handle, lock_file):
                return handle
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)


def _same_file(handle: int, path: Path) -> bool:
    try:
        now = os.stat(path)
    except FileNotFoundError:
        return False
    held = os.fstat(handle)
    return (held.st_dev, held.st_ino) == (now.st_dev, now.st_ino)


def _remove_if_empty(output_dir: Path) -> None:
    """Remove a folder that holds nothing but its lock file, with the lock still held."""
    try:
        if [entry.name for entry in os.scandir(output_dir)] == [LOCK_FILE]:
            (output_dir / LOCK_FILE).unlink()
            output_dir.rmdir()
    except OSError:
        pass  # a folder left empty is no harm


def recover(output_dir: Path) -> None:
    """Bring the output folder back to one whole set after a build was killed: finish its commit if it had
    reached the commit point, else remove what it staged. Waits for a build running in the folder."""
    if not output_dir.is_dir():
        return
    with output_lock(output_dir):
        finish_interrupted_commit(output_dir)


def finish_interrupted_commit(output_dir: Path) -> None:
    """With the folder held: roll an interrupted commit forward from its journal (each step can be done
    again), then remove every staging folder left over, which no running build owns any more."""
    journal = None
    try:
        journal = _read_journal(output_dir)
        if journal is not None:
            _apply(output_dir, journal)
        for entry in os.scandir(output_dir):
            if entry.name.startswith(STAGING_PREFIX):
                _remove_staging(Path(entry.path))
    except OSError as error:
        raise output_error(output_dir, error, committed=journal is not None) from error


def commit(output_dir: Path, change: FolderChange) -> None:
    """With the folder held: stage every new file in a hidden folder inside it and flush it to disk, write
    the journal (the commit point), then make the renames and removals it names.

    An error before the commit point removes what was staged and leaves the previous set; after it, the
    journal stays for the next build to finish."""
    for relative_path, _ in change.files:
        if confined(output_dir, relative_path, through_last_link=False) is None:
            raise OutputError(Problem(f"{relative_path} leads outside the output folder, through a link.",
                                      file=str(output_dir), fix="Remove the link, or choose another folder "
                                      "with --output. Nothing in the folder changed."))
    replaced = tuple(relative_path for relative_path, _ in change.files)
    # A file the new set has is never removed, whatever the order the steps are taken in.
    removed = tuple(path for path in change.removed if path not in set(replaced))
    staging = None
    committed = False
    try:
        staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=output_dir))
        folders = {staging}
        for relative_path, data in change.files:
            _stage_file(staging / relative_path, data)
            folders.add((staging / relative_path).parent)
        for folder in folders:
            _fsync_folder(folder)
        journal = Journal(staging.name, replaced, removed)
        _stage_file(staging / JOURNAL_FILE, json.dumps(
            {"staging": journal.staging, "replaced": journal.replaced, "removed": journal.removed},
            indent=1).encode("utf-8"))
        os.replace(staging / JOURNAL_FILE, output_dir / JOURNAL_FILE)
        committed = True
        _fsync_folder(output_dir)
        _apply(output_dir, journal)
    except BaseException as error:
        if not committed and staging is not None:
            _remove_staging(staging)
        if isinstance(error, OSError):
            raise output_error(output_dir, error, committed) from error
        raise


@contextmanager
def output_errors(output_dir: Path) -> Iterator[None]:
    """Report a failure to read or write the output folder, before the commit, as an OutputError."""
    try:
        yield
    except OSError as error:
        raise output_error(output_dir, error, committed=False) from error


def output_error(output_dir: Path, error: OSError, committed: bool) -> OutputError:
    """The error a user can act on: what went wrong with which folder, whether it still holds the
    previous set, and what to do."""
    reason, fix = {
        errno.ENOSPC: ("no space is left on its disk", "Free some space, or choose a folder on another disk "
                                                       "with --output."),
        errno.EDQUOT: ("your disk quota is used up", "Free some space, or choose a folder on another disk "
                                                     "with --output."),
        errno.EROFS: ("it is on a read-only file system", "Choose a writable folder with --output."),
        errno.EACCES: ("permission denied", "Check the folder's permissions, or choose a writable folder "
                                            "with --output."),
        errno.EPERM: ("not permitted", "Check the folder's permissions, or choose a writable folder "
                                       "with --output."),
    }.get(error.errno, (error.strerror or str(error), "Check the folder and its disk, or choose another "
                                                      "folder with --output."))
    where = ""
    if error.filename:
        # The file, where the reader knows it: not inside the hidden staging folder.
        name = Path(os.fsdecode(error.filename))
        relative = name.relative_to(output_dir) if name.is_relative_to(output_dir) else name
        if relative.parts and not relative.parts[0].startswith(STAGING_PREFIX):
            where = f" ({relative})"
    state = ("The new files are in place only in part: the next build finishes putting them there."
             if committed else "Nothing in the folder changed.")
    return OutputError(Problem(f"cannot write the output folder: {reason}{where}. {state}",
                               file=str(output_dir), fix=fix))


def _stage_file(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_CLOEXEC, 0o644)
    try:
        # Whatever the umask: outputs are for sharing and web hosting.
        os.fchmod(handle, 0o644)
        _write_all(handle, data)
        os.fsync(handle)
    finally:
        os.close(handle)


def _write_all(handle: int, data: bytes) -> None:
    """The one place a build's bytes go to disk."""
    remaining = memoryview(data)
    while remaining:
        remaining = remaining[os.write(handle, remaining):]


def _fsync_folder(folder: Path) -> None:
    # So that a rename or a new name survives a power cut, not only a kill.
    handle = os.open(folder, os.O_RDONLY | os.O_CLOEXEC)
    try:
        os.fsync(handle)
    except OSError as error:
        if error.errno != errno.EINVAL:  # a file system that cannot flush a folder
            raise
    finally:
        os.close(handle)


def _read_journal(output_dir: Path) -> Journal | None:
    """The journal of a commit under way, or None. One that is not a build's (it is written whole, by one
    rename) is dropped: the record, renamed last, then still describes what the folder held before, and
    the next build remakes any output whose files do not match it."""
    path = output_dir / JOURNAL_FILE
    try:
        data = json.loads(path.read_bytes())
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        data = None
    if (isinstance(data, dict) and isinstance(data.get("staging"), str) and _STAGING_NAME.match(data["staging"])
            and all(isinstance(data.get(key), list) and all(isinstance(item, str) for item in data[key])
                    for key in ("replaced", "removed"))):
        return Journal(data["staging"], tuple(data["replaced"]), tuple(data["removed"]))
    path.unlink(missing_ok=True)
    return None


def _apply(output_dir: Path, journal: Journal) -> None:
    """Make the journal's removals and renames, each one that is not done yet; then end the commit."""
    touched = {output_dir}
    for relative_path in journal.removed:
        # Never through a link: nothing outside the output folder is ever removed.
        target = confined(output_dir, relative_path)
        if target is not None and (target.is_file() or target.is_symlink()):
            target.unlink(missing_ok=True)
            touched.add(target.parent)
    for relative_path in journal.replaced:
        source = confined(output_dir, f"{journal.staging}/{relative_path}")
        target = confined(output_dir, relative_path, through_last_link=False)
        # A source no longer staged was moved before the build was stopped.
        if source is None or target is None or not source.is_file() or (target.is_dir() and not target.is_symlink()):
            continue
        target.parent.mkdir(parents=True, exist_ok=True)
        os.replace(source, target)
        touched.add(target.parent)
    for folder in touched:
        _fsync_folder(folder)
    (output_dir / JOURNAL_FILE).unlink(missing_ok=True)
    _fsync_folder(output_dir)
    _remove_staging(output_dir / journal.staging)


def _remove_staging(staging: Path) -> None:
    if staging.is_symlink():
        staging.unlink()  # the link only: what it points to is not ours
    else:
        shutil.rmtree(staging, ignore_errors=True)
