"""Whatever the input, the tool answers with its own error or a good build; identical input gives identical bytes;
a killed build loses nothing."""

import json
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.commands.build import BuildRequest, build
from handouts.errors import ContentError
from handouts.output.folder import STAGING_PREFIX
from conftest import PROJECT, content_of, output_paths_of

CONTENT_FILES = ["handout.yml", "directory.yml", "card.yml", "labels.yml", "poster.yml", "../handouts.yml"]

yaml_scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False),
                         st.text(max_size=30), st.dates())
yaml_values = st.recursive(
    yaml_scalars,
    lambda children: st.one_of(st.lists(children, max_size=4),
                               st.dictionaries(st.text(max_size=12), children, max_size=4)),
    max_leaves=12)


def load_with(tmp_path: Path, name: str, text: str):
    folder = tmp_path / "content"
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(PROJECT / "content", folder)
    shutil.copyfile(PROJECT / "handouts.yml", tmp_path / "handouts.yml")
    (folder / name).write_text(text, encoding="utf-8")
    try:
        content_of(tmp_path)
    except ContentError as error:
        assert error.problems and all(problem.file for problem in error.problems)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(CONTENT_FILES), value=yaml_values)
def test_random_yaml_loads_or_raises_the_tools_own_error(tmp_path, name, value):
    load_with(tmp_path, name, yaml.safe_dump(value, allow_unicode=True))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(name=st.sampled_from(CONTENT_FILES), data=st.data())
def test_mutated_content_loads_or_raises_the_tools_own_error(tmp_path, name, data):
    original = (PROJECT / "content" / name).read_text(encoding="utf-8")
    start = data.draw(st.integers(0, len(original)))
    end = data.draw(st.integers(start, min(len(original), start + 40)))
    pieces = list(":-#'\"[]{}&*!|>%@` \n\t\\x9") + ["  ", "- ", "<b>", "é", "\u2066"]
    insert = "".join(data.draw(st.lists(st.sampled_from(pieces), max_size=6)))
    load_with(tmp_path, name, original[:start] + insert + original[end:])


def kill_while_rendering(process, output):
    time.sleep(1.5)
    assert process.poll() is None, "the build ended before it could be killed"


def kill_once_writing_starts(process, output):
    """Kill the moment the first new file is staged (or when the build ends, if it is too quick to catch)."""
    while process.poll() is None and not any(path.name.startswith(STAGING_PREFIX) for path in output.iterdir()):
        time.sleep(0.001)


@pytest.mark.slow
@pytest.mark.parametrize("wait_then_kill", [kill_while_rendering, kill_once_writing_starts])
def test_a_killed_build_leaves_earlier_outputs_whole_and_no_partial_file(project_copy, tmp_path, wait_then_kill):
    output = tmp_path / "output"
    command = [sys.executable, "-m", "handouts", "build", "--project", str(project_copy),
               "--output", str(output), "--languages", "en,es", "--products", "card,pamphlet,pictures", "--quiet"]
    subprocess.run(command, check=True, capture_output=True, timeout=600)
    earlier = {path: path.read_bytes() for path in visible_files(output)}
    assert sum(path.suffix == ".pdf" for path in earlier) == sum(
        path.endswith(".pdf") for path in output_paths_of(("en", "es"), products=("card", "pamphlet", "pictures")))

    # Change the content so that a finished build would rewrite every file.
    settings_file = project_copy / "handouts.yml"
    settings_file.write_text(settings_file.read_text(encoding="utf-8").replace(
        "name: Sample Organization", "name: Another Sample Organization"), encoding="utf-8")
    # One process, so that the rebuild takes long enough to be killed part-way.
    process = subprocess.Popen(command + ["--jobs", "1"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    wait_then_kill(process, output)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)

    files_now = set(visible_files(output))
    assert files_now == set(earlier), "a file appeared or vanished"
    for path, data in earlier.items():
        now = path.read_bytes()
        # Each file is the earlier one, or a whole new one: never a torn mixture.
        assert now == data or is_whole(path, now), path


def visible_files(output: Path) -> list[Path]:
    """The files a reader of the folder sees: not the tool's hidden bookkeeping (record, lock, staging)."""
    return [path for path in output.rglob("*")
            if path.is_file() and not any(part.startswith(".") for part in path.relative_to(output).parts)]


def is_whole(path: Path, data: bytes) -> bool:
    """A file that a reader can open: its format's first and last bytes are there."""
    if path.suffix == ".pdf":
        return data.startswith(b"%PDF-") and data.rstrip().endswith(b"%%EOF")
    if path.suffix == ".png":
        return data.startswith(b"\x89PNG\r\n\x1a\n") and data.endswith(b"IEND\xaeB`\x82")
    if path.suffix == ".json":
        return json.loads(data) is not None
    return data.rstrip().endswith(b"</html>")
