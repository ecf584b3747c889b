"""The output folder changes as a whole: after any build (finished, failed, killed, out of disk, racing
another) it holds the previous set of files or the new one, and manifest.json lists exactly what is there.
Nothing outside it is ever removed."""

import errno
import hashlib
import json
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from handouts.output import folder
from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError, OutputError
from handouts.output.build_record import RECORD_FILE, read_record
from handouts.output.folder import JOURNAL_FILE, STAGING_PREFIX, recover

CARDS = dict(languages=("en",), products=("card", "card-sheet"))
LISTING = {"manifest.json", "index.html"}


def visible_files(output: Path) -> dict[str, bytes]:
    """Every file a reader of the folder sees, by path: not the tool's hidden bookkeeping."""
    return {path.relative_to(output).as_posix(): path.read_bytes() for path in sorted(output.rglob("*"))
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(output).parts)}


def assert_consistent(output: Path) -> None:
    """manifest.json lists every output file there is, with its size and SHA-256, and nothing else; no
    commit is left half done."""
    files = visible_files(output)
    listed = {entry["path"]: entry for entry in json.loads(files.pop("manifest.json"))["files"]}
    files.pop("index.html")
    assert set(listed) == set(files)
    for path, data in files.items():
        assert (listed[path]["bytes"], listed[path]["sha256"]) == (len(data), hashlib.sha256(data).hexdigest()), path
    assert not (output / JOURNAL_FILE).exists()
    assert not [path for path in output.iterdir() if path.name.startswith(STAGING_PREFIX)]


def change_the_card(project: Path, caption: str = "Scan for help now") -> None:
    """An English edit printed on every card: a finished build rewrites every PDF and the listing."""
    card = project / "content" / "card.yml"
    card.write_text(re.sub(r"(?m)^  qr_caption: .*$", f"  qr_caption: {caption}", card.read_text(encoding="utf-8")),
                    encoding="utf-8")


def cli_build(project: Path, output: Path, *extra: str) -> list[str]:
    return [sys.executable, "-m", "handouts", "build", "--project", str(project), "--output", str(output),
            "--languages", "en", "--products", "card,card-sheet", "--jobs", "1", *extra]


@pytest.fixture
def cards_built(project_copy):
    """The English cards and card sheets built into output/ of a copy of the project."""
    request = BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", **CARDS)
    build(request)
    return request


@pytest.mark.slow
def test_a_build_killed_at_any_moment_of_its_write_leaves_the_previous_set_or_the_new_one(project_copy, tmp_path):
    previous_folder = tmp_path / "previous"
    build(BuildRequest(project_dir=project_copy, output_dir=previous_folder, **CARDS))
    previous = visible_files(previous_folder)
    change_the_card(project_copy)
    new_folder = tmp_path / "new"
    shutil.copytree(previous_folder, new_folder)
    build(BuildRequest(project_dir=project_copy, output_dir=new_folder, **CARDS))
    new = visible_files(new_folder)
    assert set(new) == set(previous) and all(new[path] != previous[path] for path in new if path != "index.html")

    def kill_while_writing(run: int) -> str:
        output = tmp_path / f"run-{run}"
        shutil.copytree(previous_folder, output)
        process = subprocess.Popen(cli_build(project_copy, output, "--quiet"),
                                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        # From the moment the first file is staged: staging, the commit point and the
        # renames all fall within some 50 ms.
        while process.poll() is None and not any(name.startswith(STAGING_PREFIX) for name in os.listdir(output)):
            time.sleep(0.0005)
        time.sleep(random.Random(run).uniform(0, 0.05))
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=60)
        left = ("a journal" if (output / JOURNAL_FILE).exists() else "a staging folder"
                if any(name.startswith(STAGING_PREFIX) for name in os.listdir(output)) else "nothing")
        recover(output)  # what the next command does first
        assert_consistent(output)
        now = visible_files(output)
        assert now in (previous, new), f"run {run}: a mixture of the previous set and the new one"
        return f"{'previous' if now == previous else 'new'} set, from {left}"

    with ThreadPoolExecutor(2) as pool:
        outcomes = list(pool.map(kill_while_writing, range(3)))
    print("killed builds left:", {outcome: outcomes.count(outcome) for outcome in set(outcomes)})


@pytest.mark.parametrize("error_number, fails_at", [
    (errno.ENOSPC, "the first file"), (errno.ENOSPC, "the second file"), (errno.ENOSPC, "the journal"),
    (errno.EDQUOT, "the second file"), (errno.EROFS, "the first file"), (errno.EACCES, "the first file")])
def test_a_full_or_unwritable_disk_leaves_the_previous_set_and_says_what_to_do(
        cards_built, monkeypatch, error_number, fails_at):
    output = cards_built.output_dir
    previous = visible_files(output)
    files_written = 0
    write_all = folder._write_all

    def disk_fills_up(handle, data):
        nonlocal files_written
        if {"the first file": files_written == 0, "the second file": files_written == 1,
                "the journal": data.startswith(b'{\n "staging"')}[fails_at]:
            write_all(handle, data[:len(data) // 2])
            raise OSError(error_number, os.strerror(error_number))
        files_written += 1
        write_all(handle, data)

    monkeypatch.setattr(folder, "_write_all", disk_fills_up)
    change_the_card(cards_built.project_dir)
    with pytest.raises(OutputError) as raised:
        build(cards_built)
    message = str(raised.value)
    assert str(output) in message and "--output" in message and "Nothing in the folder changed" in message
    assert {errno.ENOSPC: "Free some space", errno.EDQUOT: "Free some space", errno.EROFS: "read-only",
            errno.EACCES: "permissions"}[error_number] in message
    assert visible_files(output) == previous
    assert_consistent(output)


def test_two_builds_at_once_take_turns(project_copy, tmp_path):
    output = tmp_path / "output"
    processes = [subprocess.Popen(cli_build(project_copy, output), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _ in range(2)]
    results = [process.communicate(timeout=300) for process in processes]
    assert [process.returncode for process in processes] == [0, 0], results
    said = [stdout for stdout, _ in results]
    assert any(f"Another build is running in {output}; waiting for it to finish." in text for text in said), said
    # The second found the first one's outputs up to date.
    assert any("Nothing to do" in text for text in said), said
    assert_consistent(output)
    assert set(visible_files(output)) == LISTING | {"en/know-your-rights-card.pdf", "en/know-your-rights-card-sheet-letter.pdf", "en/know-your-rights-card-sheet-a4.pdf"}


def test_an_output_folder_that_is_a_link_to_another_folder(project_copy, tmp_path):
    elsewhere = tmp_path / "another-disk" / "handouts"
    elsewhere.mkdir(parents=True)
    output = tmp_path / "output"
    output.symlink_to(elsewhere, target_is_directory=True)
    request = BuildRequest(project_dir=project_copy, output_dir=output, **CARDS)
    build(request)
    first = visible_files(elsewhere)
    change_the_card(project_copy)
    assert len(build(request).written) == 3
    assert output.is_symlink() and set(visible_files(elsewhere)) == set(first) != set()
    assert visible_files(elsewhere) != first
    assert_consistent(elsewhere)
    assert sorted(path.name for path in tmp_path.iterdir()) == ["another-disk", "content", "handouts.yml", "output"]


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes in a read-only folder")
def test_a_read_only_output_folder_gives_a_clean_error(cards_built):
    output = cards_built.output_dir
    previous = visible_files(output)
    output.chmod(0o555)
    try:
        with pytest.raises(OutputError, match="permission denied") as raised:
            build(cards_built, force=True)
        assert str(output) in str(raised.value) and "--output" in str(raised.value)
        assert visible_files(output) == previous
    finally:
        output.chmod(0o755)
    assert_consistent(output)


def test_a_broken_catalog_of_another_language_does_not_stop_an_english_build(project_copy):
    """The listing shows each language's review status as its files were built, kept in the build record:
    building English needs no other catalog. A folder whose record does not know a language (made by an
    earlier version) has its catalog read, and a broken one stops the build before anything changed."""
    output = project_copy / "output"
    build(BuildRequest(project_dir=project_copy, output_dir=output, languages=("en", "es"), products=("card",)))
    spanish = output / "es" / "know-your-rights-card.pdf"
    spanish_card = spanish.read_bytes()
    catalog = project_copy / "content" / "translations" / "es.po"
    catalog.write_text(catalog.read_text(encoding="utf-8") + '\nmsgid "unterminated\n', encoding="utf-8")
    change_the_card(project_copy)
    english = BuildRequest(project_dir=project_copy, output_dir=output, languages=("en",), products=("card",))
    assert [path.relative_to(output).as_posix() for path in build(english).written] == ["en/know-your-rights-card.pdf"]
    assert spanish.read_bytes() == spanish_card
    assert "Draft translation, not yet reviewed" in (output / "index.html").read_text(encoding="utf-8")
    assert_consistent(output)

    record = json.loads((output / RECORD_FILE).read_text(encoding="utf-8"))
    (output / RECORD_FILE).write_text(json.dumps({**record, "languages": {}}), encoding="utf-8")
    change_the_card(project_copy, "Scan me for help")
    before = visible_files(output)
    with pytest.raises(ContentError, match="es.po"):
        build(english)
    assert visible_files(output) == before
    assert_consistent(output)


@pytest.mark.parametrize("crafted", ["../content/card.yml", "absolute", "through a link"])
def test_the_build_record_never_leads_outside_the_output_folder(cards_built, tmp_path, crafted):
    output = cards_built.output_dir
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "know-your-rights-card.pdf").write_bytes(b"not the tool's")
    victim, recorded_as = {
        "../content/card.yml": (cards_built.project_dir / "content" / "card.yml", "../content/card.yml"),
        "absolute": (outside / "know-your-rights-card.pdf", str(outside / "know-your-rights-card.pdf")),
        "through a link": (outside / "know-your-rights-card.pdf", "es/know-your-rights-card.pdf"),
    }[crafted]
    (output / "es").symlink_to(outside, target_is_directory=True)
    record_file = output / RECORD_FILE
    record = json.loads(record_file.read_text(encoding="utf-8"))
    record["outputs"]["en/know-your-rights-card.pdf"]["files"][recorded_as] = "0" * 64
    record_file.write_text(json.dumps(record), encoding="utf-8")
    assert "en/know-your-rights-card.pdf" not in read_record(output).outputs  # refused: as if not recorded

    before = victim.read_bytes()
    build(cards_built, force=True)
    assert victim.read_bytes() == before
    assert "en/know-your-rights-card.pdf" in read_record(output).outputs
    assert_consistent(output)


def test_a_crafted_journal_never_leads_outside_the_output_folder(cards_built, tmp_path):
    output = cards_built.output_dir
    outside = tmp_path / "outside"
    (outside / "en").mkdir(parents=True)
    (outside / "en" / "know-your-rights-card.pdf").write_bytes(b"not the tool's")
    (output / f"{STAGING_PREFIX}x").symlink_to(outside, target_is_directory=True)
    content_file = cards_built.project_dir / "content" / "card.yml"
    (output / JOURNAL_FILE).write_text(json.dumps({
        "staging": f"{STAGING_PREFIX}x", "replaced": ["en/know-your-rights-card.pdf", "../x.pdf"],
        "removed": ["../content/card.yml", str(content_file), f"{STAGING_PREFIX}x/en/know-your-rights-card.pdf"]}), encoding="utf-8")
    previous = visible_files(output)
    recover(output)
    assert (outside / "en" / "know-your-rights-card.pdf").read_bytes() == b"not the tool's" and content_file.exists()
    assert visible_files(output) == previous
    assert_consistent(output)
