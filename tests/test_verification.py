"""A verification is pinned to the values it was made for: a changed code is unverified until confirmed again."""

import datetime
import subprocess
import sys

import pytest

from conftest import content_of
from handouts.commands.build import BuildRequest, build
from handouts.commands.check import check
from handouts.errors import ContentError


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize("old, new", [("speed_dial: 9233#", "speed_dial: '#9233'"),
                                      ("speed_dial: 9233#", "speed_dial: 9234#"),
                                      ("phone: 209-757-3733", "phone: 209-757-3734")])
def test_a_changed_code_fails_the_check_and_the_release(project_copy, old, new):
    edit(project_copy / "content" / "directory.yml", old, new)
    report = check(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", languages=("en",)))
    verified = next(result for result in report.checks if result.name == "verified")
    assert verified.status == "failed"
    assert len(verified.problems) == 1
    assert verified.problems[0].startswith("content/directory.yml:39: help_lines.detention_hotline.verified_for: ")
    assert "help_lines.detention_hotline was verified on 2024-03-18 for '9233# 209-757-3733" in verified.problems[0]
    assert "handouts verify help_lines.detention_hotline" in verified.problems[0]
    assert not report.passed
    with pytest.raises(ContentError) as refused:
        build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", languages=("en",),
                           products=("card",), release=True))
    assert "help_lines.detention_hotline was verified on 2024-03-18" in str(refused.value)


def test_the_verify_command_records_the_new_values(project_copy):
    directory = project_copy / "content" / "directory.yml"
    edit(directory, "speed_dial: 9233#", "speed_dial: 9234#")
    before = directory.read_text(encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "handouts", "verify", "help_lines.detention_hotline",
                             "--on", "2026-12-01", "--project", str(project_copy)],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ("help_lines.detention_hotline: verified on 2026-12-01 for "
                                     "'9234# 209-757-3733 https://freedomforimmigrants.org' "
                                     "(was verified for '9233# 209-757-3733 https://freedomforimmigrants.org').")
    content = content_of(project_copy)
    assert content.changed_since_verified() == []
    line = content.directory.help_line("detention_hotline")
    assert line.verified_on == datetime.date(2026, 12, 1)
    # Only the verification's lines changed; every comment and other entry is as it was.
    after = directory.read_text(encoding="utf-8")
    changed = [(old, new) for old, new in zip(before.splitlines(), after.splitlines()) if old != new]
    assert changed == [("    verified_on: 2024-03-18", "    verified_on: 2026-12-01"),
                       ("    verified_for: '9233# 209-757-3733 https://freedomforimmigrants.org'",
                        "    verified_for: '9234# 209-757-3733 https://freedomforimmigrants.org'")]


def test_verifying_an_unverified_entry_adds_its_lines(project_copy):
    verify = [sys.executable, "-m", "handouts", "verify", "help_lines.unhcr_line", "--on", "2026-12-01",
              "--project", str(project_copy)]
    # Its source says it is unconfirmed: a date alone does not confirm it.
    refused = subprocess.run(verify, capture_output=True, text=True, timeout=60)
    assert refused.returncode == 1 and "its source says it is unconfirmed" in refused.stderr
    assert not content_of(project_copy).directory.help_line("unhcr_line").verified
    page = "https://www.unhcr.org/us/, UNHCR, 2026-12-01"
    result = subprocess.run(verify + ["--source", page, "--by", "legal services coordinator"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    content = content_of(project_copy)
    assert content.directory.help_line("unhcr_line").verified
    [verification] = [v for v in content.directory.verifications if v.key == "help_lines.unhcr_line"]
    assert (verification.values, verification.source, verification.by) == ("#566", page,
                                                                            "legal services coordinator")


@pytest.mark.parametrize("arguments, message", [
    (["help_lines.nobody", "--on", "2026-12-01"], "no directory entry 'help_lines.nobody'"),
    (["help_lines.unhcr_line", "--on", "2999-01-01"], "2999-01-01 is in the future"),
])
def test_the_verify_command_refuses_what_it_cannot_record(project_copy, arguments, message):
    result = subprocess.run([sys.executable, "-m", "handouts", "verify", *arguments,
                             "--project", str(project_copy)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr
