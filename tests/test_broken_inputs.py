"""The corpus of broken and hostile inputs: each stops the build with its own error, naming file and line, and
output/ stays as it was; or, where the input is legitimate but tricky, prints the right codes in the right order."""

import re
import shutil
from pathlib import Path

import pytest
import yaml

from handouts.commands.build import BuildRequest, build
from handouts.errors import HandoutsError
from conftest import PROJECT, Pdf

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("broken-inputs")


CASES = yaml.safe_load((Path(__file__).parent / "corpus" / "broken_inputs.yml").read_text(encoding="utf-8"))


REFUSED = [case for case in CASES if "expect" in case]
PRINTED = [case for case in CASES if "prints" in case]


def test_the_corpus_is_large_enough():
    assert len(REFUSED) >= 25
    assert len({case["name"] for case in CASES}) == len(CASES)
    assert all(("expect" in case) != ("prints" in case) for case in CASES)


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
    if "translate" in edit:
        translate(project, **edit["translate"])
        return
    path = project / edit["file"]
    if edit["file"].startswith("templates/") and not path.exists():
        # The kit's own copy of a template, which it then takes in place of the tool's.
        path.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(PROJECT / edit["file"], path)
    if edit.get("delete"):
        path.unlink()
        return
    if edit.get("bom"):
        path.write_bytes(b"\xef\xbb\xbf" + path.read_bytes())
        return
    if edit.get("latin1"):
        path.write_bytes(path.read_text(encoding="utf-8").replace("U.S.-Mexico", "U.S.–México").encode("latin-1", "replace"))
        return
    text = path.read_text(encoding="utf-8")
    assert edit["old"] in text, f"{edit['file']}: {edit['old']!r} not found"
    new = edit["new"]
    if edit.get("repeat"):
        # An address grown by `repeat` characters, as a careless paste would make it.
        new += "a" * edit["repeat"]
    path.write_text(text.replace(edit["old"], new, 1), encoding="utf-8")


def translate(project: Path, language: str, key: str, msgstr: str, msgid: str | None = None) -> None:
    """Write `msgstr` as the translation of `key` in the language's catalog, as a translator's
    editor would: the characters as they are, with PO's escapes for quotes, backslashes and
    the line breaks and tabs that a line of a PO file cannot hold."""
    path = project / "content" / "translations" / f"{language}.po"
    text = path.read_text(encoding="utf-8")

    def quoted(value: str) -> str:
        escapes = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}
        return '"' + "".join(escapes.get(character, character) for character in value) + '"'

    entry = re.compile(rf'(msgctxt "{re.escape(key)}"\nmsgid )("[^\n]*")\nmsgstr "[^\n]*"')
    assert entry.search(text), f"{language}: no single-line entry for {key}"
    text = entry.sub(lambda match: f"{match[1]}{quoted(msgid) if msgid else match[2]}\nmsgstr {quoted(msgstr)}",
                     text, count=1)
    path.write_text(text, encoding="utf-8")


@pytest.mark.parametrize("case", REFUSED, ids=[case["name"] for case in REFUSED])
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


@pytest.mark.parametrize("case", PRINTED, ids=[case["name"] for case in PRINTED])
def test_tricky_input_prints_right(case, project_copy, tmp_path):
    """Read as a person reads the page: the codes, numbers and addresses in the order the eye meets them."""
    for edit in case["edits"]:
        apply(edit, project_copy)
    output = tmp_path / "output"
    build(BuildRequest(project_dir=project_copy, output_dir=output, languages=(case.get("language", "en"),),
                       products=tuple(case.get("products", ["card"])), papers=("a4",)))
    for expected in case["prints"]:
        pdf = Pdf(output / expected["file"])
        runs = [run for page in pdf.pages for run in page.visual_runs()]
        for run in expected.get("runs", []):
            assert run in runs, f"{expected['file']}: {run!r} not printed as a run of its own; runs: {runs}"
        for run in expected.get("not_runs", []):
            assert run not in runs, f"{expected['file']}: {run!r} printed; runs: {runs}"
        for words in expected.get("words", []):
            assert words in pdf.words, f"{expected['file']}: {words!r} not in {pdf.words}"
