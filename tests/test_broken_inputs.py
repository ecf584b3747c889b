"""The corpus of broken inputs: each stops the build with its own error, naming file and line, and output/ stays as it was."""

import shutil
from pathlib import Path

import pytest
import yaml

from handouts.build import BuildRequest, build
from handouts.errors import HandoutsError
from conftest import PROJECT

CASES = yaml.safe_load((Path(__file__).parent / "corpus" / "broken_inputs.yml").read_text(encoding="utf-8"))


def test_the_corpus_is_large_enough():
    assert len(CASES) >= 25
    assert len({case["name"] for case in CASES}) == len(CASES)


@pytest.fixture(scope="module")
def good_output(tmp_path_factory):
    """A good build of the languages the corpus uses, to be left intact by every failure."""
    output = tmp_path_factory.mktemp("good") / "output"
    languages = tuple(sorted({case.get("language", "en") for case in CASES}))
    build(BuildRequest(project_dir=PROJECT, output_dir=output, languages=languages, products=("card",)))
    return output


def snapshot(folder: Path) -> dict[str, tuple[bytes, int]]:
    return {str(path.relative_to(folder)): (path.read_bytes(), path.stat().st_mtime_ns)
            for path in sorted(folder.rglob("*")) if path.is_file()}


def apply(edit: dict, project: Path) -> None:
    path = project / edit["file"]
    if edit.get("delete"):
        path.unlink()
        return
    if edit.get("latin1"):
        path.write_bytes(path.read_text(encoding="utf-8").replace("U.S.-Mexico", "U.S.–México").encode("latin-1", "replace"))
        return
    text = path.read_text(encoding="utf-8")
    assert edit["old"] in text, f"{edit['file']}: {edit['old']!r} not found"
    path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")


@pytest.mark.parametrize("case", CASES, ids=[case["name"] for case in CASES])
def test_broken_input_is_refused_with_its_error(case, project_copy, good_output, tmp_path):
    output = tmp_path / "output"
    shutil.copytree(good_output, output)
    before = snapshot(output)
    for edit in case["edits"]:
        apply(edit, project_copy)

    with pytest.raises(HandoutsError) as caught:
        build(BuildRequest(project_dir=project_copy, output_dir=output,
                           languages=(case.get("language", "en"),), products=tuple(case.get("products", ["card"]))))

    message = str(caught.value)
    for phrase in case["expect"]:
        assert phrase in message, f"{phrase!r} not in:\n{message}"
    assert snapshot(output) == before
