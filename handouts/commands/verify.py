"""Turn an editor's confirmation of a directory entry into its verification in content/directory.yml."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from ..files import write_atomically
from ..kit import Content
from ..kit.content import verified_values
from .load import load

DIRECTORY_FILE = "directory.yml"


@dataclass(frozen=True)
class Recorded:
    key: str
    on: datetime.date
    values: str  # the codes, numbers and addresses the verification is for
    was: str | None  # the values of the verification it replaces, if any


def entry_values(content: Content, key: str) -> str:
    """The codes, numbers and addresses of the directory entry named `key`, as `verified_for` records them."""
    directory = content.directory
    if key == "detainee_locator":
        return verified_values((directory.locator.web,))
    if key == "local_organizations":
        return verified_values(tuple(data for group in directory.states for organization in group.organizations
                                     for data in (organization.phone, organization.web)))
    if key.startswith("help_lines."):
        line = directory.help_line(key.removeprefix("help_lines."))
        return verified_values((line.speed_dial, line.phone, line.web))
    raise KeyError(key)


def entry_keys(content: Content) -> list[str]:
    return ([f"help_lines.{line.id}" for line in content.directory.help_lines]
            + ["detainee_locator", "local_organizations"])


def record_verification(kit_dir: Path, key: str, on: datetime.date,
                        today: datetime.date | None = None) -> Recorded:
    """Mark the entry verified on `on` for its values as they are now, keeping the rest of the file as written."""
    today = today or datetime.date.today()
    # Every region's organizations: a verification is of the file, not of what this kit lists.
    loaded = load(kit_dir, regions=(), catalogs=False)
    content_dir = loaded.kit.content_dir
    shown = f"{content_dir.name}/{DIRECTORY_FILE}"
    if on > today:
        raise ContentError(Problem(f"{on.isoformat()} is in the future (today is {today.isoformat()}).",
                                   file=shown, key=key, fix="Give the day the entry was checked against its source."))
    content = loaded.content.first
    try:
        values = entry_values(content, key)
    except KeyError:
        raise ContentError(Problem(f"no directory entry {key!r}.", file=shown,
                                   fix=f"Name one of: {', '.join(entry_keys(content))}.")) from None
    was = next((verification.values for verification in content.directory.verifications
                if verification.key == key), None)
    path = content_dir / DIRECTORY_FILE
    text = path.read_text(encoding="utf-8")
    write_atomically(path, _with_verification(text, key, on, values).encode("utf-8"))
    load(kit_dir, regions=(), catalogs=False)  # the file as rewritten still reads, or this says why
    return Recorded(key, on, values, was)


VERIFICATION_KEYS = ("verified", "verified_on", "verified_for")


def _with_verification(text: str, key: str, on: datetime.date, values: str) -> str:
    """`text` with the entry's verified, verified_on and verified_for lines replaced (or added after its
    last line), every other line as it was."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    for name in key.split("."):
        node = next(value for key_node, value in node.value if key_node.value == name)
    lines = text.splitlines(keepends=True)
    indent = " " * node.value[0][0].start_mark.column
    dropped: set[int] = set()
    last_line = 0
    for key_node, value in node.value:
        # A value that ends at the start of a line ended on the line before.
        end = value.end_mark.line - (1 if value.end_mark.column == 0 else 0)
        if key_node.value in VERIFICATION_KEYS:
            dropped.update(range(key_node.start_mark.line, end + 1))
        else:
            last_line = max(last_line, end)
    quoted = "'" + values.replace("'", "''") + "'"
    added = [f"{indent}verified: true\n", f"{indent}verified_on: {on.isoformat()}\n",
             f"{indent}verified_for: {quoted}\n"]
    result = []
    for number, line in enumerate(lines):
        if number not in dropped:
            result.append(line)
        if number == last_line:
            result += added
    return "".join(result)
