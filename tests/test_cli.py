"""The command line: builds what is asked, and reports bad input as one clean message."""

import subprocess
import sys

from conftest import PROJECT


def run(*arguments, cwd=PROJECT):
    return subprocess.run([sys.executable, "-m", "handouts", *arguments],
                          cwd=cwd, capture_output=True, text=True, timeout=300)


def test_build_selects_products_and_papers(tmp_path):
    result = run("build", "--languages", "en", "--products", "card,pamphlet", "--papers", "a4", "--output",
                 str(tmp_path))
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in (tmp_path / "en").iterdir()) == ["know-your-rights-card.pdf", "know-your-rights-pamphlet-a4.pdf"]
    assert "en/know-your-rights-pamphlet-a4.pdf" in result.stdout
    assert "warning: unverified: UNHCR protection line (#566)" in result.stderr


def test_bad_content_is_one_clean_message_and_keeps_earlier_output(project_copy, tmp_path):
    output = tmp_path / "out"
    assert run("build", "--project", str(project_copy), "--output", str(output), "--products", "card",
               "--languages", "en,ar").returncode == 0
    before = (output / "en" / "know-your-rights-card.pdf").read_bytes()

    labels = project_copy / "content" / "labels.yml"
    labels.write_text(labels.read_text(encoding="utf-8").replace("code: Code", "code: [Code"), encoding="utf-8")
    result = run("build", "--project", str(project_copy), "--output", str(output))

    assert result.returncode == 1
    assert result.stderr.startswith("handouts: error: content/labels.yml:")
    assert "Traceback" not in result.stderr
    assert (output / "en" / "know-your-rights-card.pdf").read_bytes() == before
    assert sorted(p.name for p in (output / "en").iterdir()) == ["know-your-rights-card.pdf"]


def test_unknown_option_value_is_refused(tmp_path):
    result = run("build", "--papers", "legal", "--output", str(tmp_path))
    assert result.returncode == 2
    assert "unknown paper legal; choose from letter, a4" in result.stderr
