"""A verification is pinned to the values it was made for: a changed code is unverified until confirmed again."""

import datetime
import re
from types import SimpleNamespace

import pytest

from conftest import Pdf, content_of, date_information_by_hand
from handouts.cli import main
from handouts.commands.build import BuildRequest, build
from handouts.commands.check import check
from handouts.errors import ContentError


def run(capsys, *arguments: str) -> SimpleNamespace:
    """A command run as the command line runs it, in this process: its exit code and what it printed."""
    code = main(list(arguments))
    out, err = capsys.readouterr()
    return SimpleNamespace(returncode=code, stdout=out, stderr=err)


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


HOTLINE_VALUES = "9233# 209-757-3733 https://freedomforimmigrants.org"


def confirmed_in_2024(project) -> int:
    """The detention hotline as an editor confirmed it against the page of 2024 (the shipped kit holds it
    unconfirmed: no current page confirms its code): the line of its `verified_for`."""
    directory = project / "content" / "directory.yml"
    text = directory.read_text(encoding="utf-8")
    start = text.index("  detention_hotline:")
    end = text.index("\n\n", start)
    entry = re.sub(r"\n      Unconfirmed since:.*?\n    verified: false",
                   f"\n    verified: true\n    verified_on: 2024-03-18\n    verified_for: '{HOTLINE_VALUES}'",
                   text[start:end], flags=re.DOTALL)
    directory.write_text(text[:start] + entry + text[end:], encoding="utf-8")
    return (text[:start] + entry).count("\n") + 1


@pytest.mark.parametrize("old, new", [("speed_dial: 9233#", "speed_dial: '#9233'"),
                                      ("speed_dial: 9233#", "speed_dial: 9234#"),
                                      ("phone: 209-757-3733", "phone: 209-757-3734")])
def test_a_changed_code_fails_the_check_and_the_release(project_copy, old, new):
    line = confirmed_in_2024(project_copy)
    edit(project_copy / "content" / "directory.yml", old, new)
    report = check(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", languages=("en",)))
    verified = next(result for result in report.checks if result.name == "verified")
    assert verified.status == "failed"
    assert len(verified.problems) == 1
    assert verified.problems[0].startswith(f"content/directory.yml:{line}: help_lines.detention_hotline.verified_for: ")
    assert "help_lines.detention_hotline was verified on 2024-03-18 for '9233# 209-757-3733" in verified.problems[0]
    assert "handouts verify help_lines.detention_hotline" in verified.problems[0]
    assert not report.passed
    with pytest.raises(ContentError) as refused:
        build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", languages=("en",),
                           products=("card",), release=True))
    assert "help_lines.detention_hotline was verified on 2024-03-18" in str(refused.value)


def test_the_verify_command_records_the_new_values(project_copy, capsys):
    directory = project_copy / "content" / "directory.yml"
    confirmed_in_2024(project_copy)
    edit(directory, "speed_dial: 9233#", "speed_dial: 9234#")
    before = directory.read_text(encoding="utf-8")
    result = run(capsys, "verify", "help_lines.detention_hotline", "--on", "2026-12-01", "--project", str(project_copy))
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


def test_verifying_an_unverified_entry_adds_its_lines(project_copy, capsys):
    verify = ["verify", "help_lines.unhcr_line", "--on", "2026-12-01", "--project", str(project_copy)]
    # Its source says it is unconfirmed: a date alone does not confirm it.
    refused = run(capsys, *verify)
    assert refused.returncode == 1 and "its source says it is unconfirmed" in refused.stderr
    assert not content_of(project_copy).directory.help_line("unhcr_line").verified
    page = "https://www.unhcr.org/us/, UNHCR, 2026-12-01"
    result = run(capsys, *verify, "--source", page, "--by", "legal services coordinator")
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
def test_the_verify_command_refuses_what_it_cannot_record(project_copy, capsys, arguments, message):
    result = run(capsys, "verify", *arguments, "--project", str(project_copy))
    assert result.returncode == 1
    assert message in result.stderr and "Traceback" not in result.stderr


def test_verifying_one_organization_dates_it_alone_with_its_source_and_who(project_copy, capsys):
    """A shelter confirmed on its own page: its entry records the day, the page and who; the rest of the list
    keeps the verification it had."""
    directory = project_copy / "content" / "directory.yml"
    edit(directory, "        - name: Annunciation House\n",
         "        - name: Annunciation House\n        - name: Example Shelter\n"
         "          address: 100 Example St, El Paso, TX\n"
         "          source: https://example.org/contact, Example Shelter, 2026-12-01\n")
    page = "https://example.org/contact, Example Shelter, 2026-12-01"
    result = run(capsys, "verify", "local_organizations.texas.Example Shelter", "--on", "2026-12-01", "--source", page,
                 "--by", "shelter coordinator", "--project", str(project_copy))
    assert result.returncode == 0, result.stderr
    organizations = {organization.name: organization for state in content_of(project_copy).directory.states
                     for organization in state.organizations}
    shelter = organizations["Example Shelter"]
    assert shelter.verified_on == datetime.date(2026, 12, 1)
    assert shelter.address == "100 Example St, El Paso, TX"
    assert {organization.verified_on for name, organization in organizations.items()
            if name != "Example Shelter"} == {datetime.date(2024, 3, 18)}
    [verification] = [v for v in content_of(project_copy).directory.verifications
                      if v.key == "local_organizations.texas.Example Shelter"]
    assert (verification.source, verification.by) == (page, "shelter coordinator")
    build(BuildRequest(project_copy, project_copy / "output", languages=("en",), products=("pamphlet",),
                       papers=("letter",)))
    assert "100 Example St, El Paso, TX" in Pdf(project_copy / "output" / "en" /
                                                "know-your-rights-pamphlet-letter.pdf").words


def test_a_release_refuses_a_code_confirmed_too_long_ago_whatever_the_information_date(project_copy):
    """Moving the information date forward does not make a speed-dial code last confirmed in 2024 current."""
    confirmed_in_2024(project_copy)
    date_information_by_hand(project_copy, datetime.date.today().isoformat())
    with pytest.raises(ContentError) as refused:
        build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", languages=("en",),
                           products=("card",), release=True))
    message = str(refused.value)
    assert "information.as_of" not in message
    assert "Freedom for Immigrants, National Immigration Detention Hotline (9233#) was last confirmed" in message
