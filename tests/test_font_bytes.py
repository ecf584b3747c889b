"""Same input, same bytes, on any machine: the fonts prepared for print, and the PDFs that embed them, carry
nothing of when or where they were prepared."""

import os
import subprocess
import sys

from handouts.fonts import _prepare
from conftest import PROJECT


def test_a_prepared_font_is_the_same_bytes_whenever_it_is_prepared(tmp_path, monkeypatch):
    # fontTools reads its clock through SOURCE_DATE_EPOCH when set: three preparations
    # at three different times (1970, 2033, now).
    source = PROJECT / "fonts" / "NotoSans-Regular.ttf"
    prepared = []
    for clock in ("0", "2000000000", None):
        if clock is None:
            monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
        else:
            monkeypatch.setenv("SOURCE_DATE_EPOCH", clock)
        target = tmp_path / f"{clock}.ttf"
        _prepare(source, target)
        prepared.append(target.read_bytes())
    assert prepared[0] == prepared[1] == prepared[2]
    # Cut down, not copied whole.
    assert len(prepared[0]) < source.stat().st_size


def test_the_same_build_on_two_machines_gives_the_same_pdfs(tmp_path):
    """Two builds, each preparing its fonts afresh in an empty cache, at a different time."""
    builds = []
    for machine, clock in (("first", "0"), ("second", "2000000000")):
        environment = {name: value for name, value in os.environ.items() if name != "SOURCE_DATE_EPOCH"}
        environment["HANDOUTS_CACHE"] = str(tmp_path / machine / "cache")
        if clock is not None:
            environment["SOURCE_DATE_EPOCH"] = clock
        output = tmp_path / machine / "output"
        command = [sys.executable, "-m", "handouts", "build", "--project", str(PROJECT), "--output", str(output),
                   "--languages", "en,ar", "--products", "card", "--quiet"]
        builds.append((output, subprocess.Popen(command, env=environment, stdout=subprocess.PIPE,
                                                stderr=subprocess.PIPE, text=True)))
    for output, process in builds:
        _, errors = process.communicate(timeout=300)
        assert process.returncode == 0, errors
    (first, _), (second, _) = builds
    pdfs = sorted(path.relative_to(first) for path in first.rglob("*.pdf"))
    assert [str(path) for path in pdfs] == ["ar/know-your-rights-card.pdf", "en/know-your-rights-card.pdf"]
    for relative in pdfs:
        assert (first / relative).read_bytes() == (second / relative).read_bytes(), relative


def test_what_each_font_draws_is_read_without_preparing_and_agrees_with_the_prepared_fonts(tmp_path, monkeypatch):
    from handouts.fonts import font_families, prepared_fonts_dir
    from handouts.kit import load_kit

    font_dirs = load_kit(PROJECT).font_dirs
    monkeypatch.setenv("HANDOUTS_CACHE", str(tmp_path / "cache"))
    drawn = font_families(font_dirs)
    assert not (tmp_path / "cache").exists()  # read from the fonts as they are
    assert drawn == font_families((prepared_fonts_dir(font_dirs),))
    assert ord("ß") in drawn["Noto Sans"] and 0x0391 not in drawn["Noto Sans"]  # Latin kept, Greek cut
