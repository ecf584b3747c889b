"""Turn an editor's confirmation of a directory entry into its verification in content/directory.yml."""

from __future__ import annotations

import datetime
from dataclasses import dataclass
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from ..files import read_kit_file, write_atomically
from ..kit import Content
from ..kit.content import verified_values
from ..tokens import hidden_characters
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
        # The list's own verification: of the organizations without one of their own.
        own = {verification.key for verification in directory.verifications}
        return verified_values(tuple(data for group in directory.states for organization in group.organizations
                                     if organization.key not in own
                                     for data in (organization.phone, organization.web, organization.address)))
    if key.startswith("help_lines."):
        line = directory.help_line(key.removeprefix("help_lines."))
        return verified_values((line.speed_dial, line.phone, line.web))
    organization = _organization(content, key)
    return verified_values((organization.phone, organization.web, organization.address))


def _organization(content: Content, key: str):
    for group in content.directory.states:
        for organization in group.organizations:
            if organization.key == key:
                return organization
    raise KeyError(key)


def entry_source(content: Content, key: str) -> str | None:
    """The public page the entry names as its source."""
    directory = content.directory
    if key == "detainee_locator":
        return directory.locator.source
    if key == "local_organizations":
        return directory.organizations_source
    if key.startswith("help_lines."):
        return directory.help_line(key.removeprefix("help_lines.")).source
    return _organization(content, key).source or directory.organizations_source


def entry_keys(content: Content) -> list[str]:
    return ([f"help_lines.{line.id}" for line in content.directory.help_lines] + ["detainee_locator"]
            + [organization.key for group in content.directory.states for organization in group.organizations]
            + ["local_organizations"])


def record_verification(kit_dir: Path, key: str, on: datetime.date, source: str | None = None,
                        by: str | None = None, today: datetime.date | None = None) -> Recorded:
    """Mark the entry verified on `on` for its values as they are now, with the page it was confirmed on and who
    confirmed it, keeping the rest of the file as written."""
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
        named_source = entry_source(content, key) or ""
    except KeyError:
        raise ContentError(Problem(f"no directory entry {key!r}.", file=shown,
                                   fix=f"Name one of: {', '.join(entry_keys(content))}.")) from None
    for value, option in ((source, "--source"), (by, "--by")):
        if value is not None and (not value.strip() or "\n" in value or hidden_characters(value)):
            raise ContentError(Problem(f"{option} must be one line of plain text.", file=shown, key=key,
                                       fix=f"Give {option} again."))
    if "unconfirmed" in named_source.lower() and source is None:
        raise ContentError(Problem(f"its source says it is unconfirmed: {named_source!r}.", file=shown, key=key,
                                   fix="Give the public page you confirmed it on: handouts verify "
                                       f"{key} --on YYYY-MM-DD --source 'ADDRESS, PUBLISHER, DATE' --by ROLE"))
    was = next((verification.values for verification in content.directory.verifications
                if verification.key == key), None)
    path = content_dir / DIRECTORY_FILE
    text = read_kit_file(kit_dir, f"content/{DIRECTORY_FILE}", "content").decode("utf-8")
    new_text = _with_verification(text, key, on, values, source, by)
    write_atomically(path, new_text.encode("utf-8"))
    try:
        load(kit_dir, regions=(), catalogs=False)  # the file as rewritten still reads, or this says why
    except ContentError:
        write_atomically(path, text.encode("utf-8"))
        raise
    return Recorded(key, on, values, was)


VERIFICATION_KEYS = ("verified", "verified_on", "verified_for", "verified_source", "verified_by")


def _entry_node(text: str, key: str) -> yaml.MappingNode:
    """The entry's mapping in the file: a help line, the locator, the list of organizations, or one of them."""
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    if key.startswith("local_organizations.") and key.count(".") >= 2:
        _, state, name = key.split(".", 2)
        path = ["local_organizations", "states", state, "organizations"]
    else:
        path, name = key.split("."), None
    for part in path:
        node = next(value for key_node, value in node.value if key_node.value == part)
    if name is not None:
        node = next(item for item in node.value
                    if any(key_node.value == "name" and value.value == name for key_node, value in item.value))
    return node


def _with_verification(text: str, key: str, on: datetime.date, values: str, source: str | None,
                       by: str | None) -> str:
    """`text` with the entry's verification lines replaced (or added after its last line), every other line as
    it was."""
    node = _entry_node(text, key)
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

    def quoted(value: str) -> str:
        return "'" + value.replace("'", "''") + "'"
    added = [f"{indent}verified: true\n", f"{indent}verified_on: {on.isoformat()}\n",
             f"{indent}verified_for: {quoted(values)}\n"]
    added += [f"{indent}{name}: {quoted(value)}\n" for name, value in (("verified_source", source),
                                                                       ("verified_by", by)) if value]
    result = []
    for number, line in enumerate(lines):
        if number not in dropped:
            result.append(line)
        if number == last_line:
            result += added
    return "".join(result)
