"""A stopped build stops: a signal to its main process cancels the queued renders, ends every worker, and
leaves the output folder as it was."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from handouts.commands.build import BuildRequest, build

HANDOUTS = [sys.executable, "-m", "handouts"]


def folder_state(output: Path) -> dict[str, bytes]:
    return {str(path.relative_to(output)): path.read_bytes() for path in sorted(output.rglob("*")) if path.is_file()}


def children(pid: int) -> set[int]:
    found = set()
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.update(int(child) for child in (task / "children").read_text().split())
    return found


def alive(pid: int) -> bool:
    """Running, not merely a zombie left for its new parent to reap."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return False
    return state not in ("Z", "X")


def with_a_long_pamphlet(kit: Path) -> Path:
    """The kit, its pamphlet some 400 pages long: each pamphlet and booklet takes many seconds to render."""
    handout = kit / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    paragraph = " ".join(["Asylum is a form of protection that allows you to stay in the USA."] * 6)
    added = "".join(f"      long_{number}: '{paragraph}'\n" for number in range(3000))
    anchor = "        one year of entering the USA.\n"
    assert anchor in text
    handout.write_text(text.replace(anchor, anchor + added, 1), encoding="utf-8")
    return kit


@pytest.mark.slow
def test_sigterm_to_a_building_process_ends_its_workers_and_leaves_the_folder_as_it_was(project_copy, tmp_path):
    output = tmp_path / "output"
    build(BuildRequest(project_copy, output, languages=("en",), products=("card",)))
    before = folder_state(output)
    with_a_long_pamphlet(project_copy)
    # Minutes of rendering, nearly all of it still queued when the signal comes.
    process = subprocess.Popen(
        HANDOUTS + ["build", "--kit", str(project_copy), "--output", str(output), "--force", "--jobs", "2",
                    "--languages", "en,es,fr,ar", "--products", "card,pamphlet,booklet"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        # The first card is done: the workers hold pamphlets, and more are queued.
        assert process.stdout.readline().startswith("[1/")
        workers = children(process.pid)
        assert workers, "the build renders in worker processes"
        os.kill(process.pid, signal.SIGTERM)  # to the main process alone, as `kill` or a service manager sends it
        # Stopped, not finishing its queue first: a small part of the time the queue takes.
        _, errors = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 128 + signal.SIGTERM, errors
    assert errors == "handouts: stopped\n"
    deadline = time.monotonic() + 5
    while any(alive(worker) for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert [worker for worker in workers if alive(worker)] == []
    assert folder_state(output) == before


@pytest.mark.slow
def test_a_killed_build_takes_its_workers_with_it(project_copy, tmp_path):
    """SIGKILL cannot be caught: the workers end because the kernel tells them their parent ended."""
    with_a_long_pamphlet(project_copy)
    process = subprocess.Popen(
        HANDOUTS + ["build", "--kit", str(project_copy), "--output", str(tmp_path / "output"), "--jobs", "2",
                    "--languages", "en,es", "--products", "card,pamphlet"],
        stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        assert process.stdout.readline().startswith("[1/")
        workers = children(process.pid)
        process.kill()
        process.wait(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    deadline = time.monotonic() + 5
    while any(alive(worker) for worker in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers and [worker for worker in workers if alive(worker)] == []
