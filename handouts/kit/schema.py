"""Turn a YAML file's node tree into checked values, each problem recorded with its file, line and key."""

from __future__ import annotations

import calendar
import datetime
import re
from pathlib import Path
from typing import Callable

import yaml

from .. import tokens
from ..errors import Problem
from ..files import RefusedFile, read_kit_file
from ..languages import SOURCE_LANGUAGE
from ..qr import MINIMUM_MODULE_MM, PAMPHLET_QR, QrPlacement
from ..tokens import (
    describe_character,
    has_markup,
    hidden_characters,
    placeholders,
    stray_braces,
)
from . import yaml_reader
from .model import Origin, Text

# Detention phones take a 3- or 4-digit code with the # before or after it; which
# side the # is on matters, so both forms are kept exactly as written. Digits
# are 0-9 only: a phone's keypad has no Arabic-Indic or fullwidth digits.
SPEED_DIAL = re.compile(rf"^(?:{tokens.SPEED_DIAL})$")
PHONE = re.compile(r"^(?:1-)?[0-9]{3}-[0-9]{3}-[0-9]{4}$")
# A host name of labels of letters, digits and hyphens, none starting or ending with a hyphen (RFC 1123).
HOST_NAME = r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}"
WEB = re.compile(rf"^https://{HOST_NAME}(?:/[A-Za-z0-9._~/%-]*)?$")

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class YamlFile:
    """Reads one YAML file's node tree, recording every problem with its place."""

    def __init__(self, root: Path, shown_as: str, problems: list[Problem],
                 placeholders: dict[str, list[str]] | None = None, kind: str = "content", text: str | None = None):
        """The file `shown_as` (its path in the kit) of the kit in `root`; or, given, the `text` it would hold."""
        self.shown_as = shown_as
        # The {placeholders} each key's text takes; any other brace is an error.
        self.placeholders = placeholders or {}
        self.problems = problems
        # Where each text was written, by its "file:key" name, for messages about it later.
        self.origins: dict[str, Origin] = {}
        try:
            if text is None:
                text = read_kit_file(root, shown_as, kind).decode("utf-8")
        except FileNotFoundError:
            self.root = None
            self.fail(None, "", "file not found.", "Restore it from the repository.")
            return
        except RefusedFile as refused:
            self.root = None
            self.fail(None, "", refused.message, refused.fix)
            return
        except UnicodeDecodeError as error:
            self.root = None
            self.fail(None, "", f"not valid UTF-8 ({error.reason} at byte {error.start}).",
                      "Save the file as UTF-8.")
            return
        try:
            self.root = yaml_reader.compose(text)
        except yaml_reader.UnreadableYaml as error:
            self.root = None
            self.problems.append(Problem(error.message, file=shown_as, line=error.line, column=error.column,
                                         language=SOURCE_LANGUAGE, fix=error.fix))

    def origin(self, node: yaml.Node) -> Origin:
        return Origin(self.shown_as, node.start_mark.line + 1, node.start_mark.column + 1)

    def fail(self, node: yaml.Node | None, key: str, message: str, fix: str | None = None) -> None:
        line = column = None
        if node is not None:
            origin = self.origin(node)
            line, column = origin.line, origin.column
        self.problems.append(Problem(message, file=self.shown_as, line=line, column=column,
                                     key=key or None, language=SOURCE_LANGUAGE, fix=fix))

    def mapping(self, node: yaml.Node | None, key: str, required: tuple[str, ...] = (),
                optional: tuple[str, ...] = (), any_keys: bool = False) -> dict[str, yaml.Node]:
        """The entries of a mapping; unknown keys (typos) and missing keys are problems."""
        if not isinstance(node, yaml.MappingNode):
            self.fail(node, key, f"expected a mapping (key: value lines), found {kind_of(node)}.")
            return {}
        entries: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in entries:
                self.fail(key_node, join_key(key, name), "this key appears twice.",
                          "Keep one of the two.")
                continue
            if not any_keys and name not in required and name not in optional:
                allowed = ", ".join(required + optional)
                self.fail(key_node, join_key(key, name), "unknown key.",
                          f"Allowed here: {allowed}.")
                continue
            entries[name] = value_node
        for name in required:
            if name not in entries:
                self.fail(node, join_key(key, name), "missing required key.")
        return entries

    def sequence(self, node: yaml.Node | None, key: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, key, f"expected a list (lines starting with '-'), found {kind_of(node)}.")
            return []
        return list(node.value)

    def string(self, node: yaml.Node | None, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            self.fail(node, key, f"expected text, found {kind_of(node)}.",
                      "Put the text in quotes if it starts with #, or is a number, date or yes/no.")
            return None
        hidden = hidden_characters(node.value)
        if hidden:
            self.fail(node, key, f"{describe_character(hidden[0][1])} is not allowed: it changes how text "
                      "displays, or hides in it, without showing in an editor.",
                      "Delete it (retype the text around it if unsure); the tool isolates codes and "
                      "numbers itself.")
            return None
        value = " ".join(node.value.split())
        if not value:
            self.fail(node, key, "empty text.", "Write the text, or remove the key.")
            return None
        expected = self.placeholders.get(key, [])
        if stray_braces(value) or placeholders(value) != sorted(expected):
            self.fail(node, key, f"braces are for the tool's placeholders, and this text takes "
                      f"{' '.join(expected) or 'none'}; found {value!r}.",
                      "Write placeholders exactly as {name}, and no other braces.")
            return None
        if has_markup(value):
            self.fail(node, key, "markup (an HTML-like tag) is not allowed: text is printed as written.",
                      "Write plain text without tags.")
            return None
        self.origins[f"{Path(self.shown_as).stem}:{key}"] = self.origin(node)
        return value

    def text(self, node: yaml.Node | None, key: str) -> Text | None:
        value = self.string(node, key)
        return None if value is None else Text(key, value, self.origin(node))

    def matching(self, node: yaml.Node | None, key: str, pattern: re.Pattern[str],
                 expected: str) -> str | None:
        value = self.string(node, key)
        if value is not None and not pattern.match(value):
            self.fail(node, key, f"{value!r} is not {expected}.")
            return None
        return value

    def boolean(self, node: yaml.Node | None, key: str) -> bool | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != BOOL:
            self.fail(node, key, f"expected true or false, found {kind_of(node)}.")
            return None
        return node.value.lower() in ("true", "yes", "on")

    def date(self, node: yaml.Node | None, key: str) -> datetime.date | None:
        if isinstance(node, yaml.ScalarNode) and node.tag in (TIMESTAMP, STR):
            try:
                value = datetime.date.fromisoformat(node.value)
                self.origins[f"{Path(self.shown_as).stem}:{key}"] = self.origin(node)
                return value
            except ValueError:
                written = DATE_SHAPE.match(node.value)
                if written:
                    self.fail(node, key, f"{node.value} is written YYYY-MM-DD, but {_no_such_day(written)}.",
                              "Check the date against its source.")
                    return None
        self.fail(node, key, f"expected a date written YYYY-MM-DD, found {kind_of(node)}.")
        return None

    def past_date(self, node: yaml.Node | None, key: str) -> datetime.date | None:
        """A date that has been: information is as of a day already seen, never a day to come."""
        value = self.date(node, key)
        if value is not None and value > datetime.date.today():
            self.fail(node, key, f"{value.isoformat()} is in the future (today is {datetime.date.today().isoformat()}).",
                      "Write the date the information was last checked against its source.")
            return None
        return value

    def speed_dial(self, node: yaml.Node | None, key: str) -> str | None:
        if isinstance(node, yaml.ScalarNode) and re.fullmatch(r"[0-9]{3,4}", str(node.value)):
            self.fail(node, key, f"{node.value} has no #: a speed-dial code ends or starts with #, and which "
                      "side it is on matters.",
                      f"Write it as its source does: {node.value}# or '#{node.value}' (quoted when it starts with #).")
            return None
        return self.matching(node, key, SPEED_DIAL,
                             "a speed-dial code such as 9233# or #566 (quote a code that starts with #)")

    def positive_number(self, node: yaml.Node | None, key: str) -> int | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != "tag:yaml.org,2002:int" or int(node.value) < 1:
            self.fail(node, key, f"expected a whole number of at least 1, found {kind_of(node)}.")
            return None
        return int(node.value)

    def optional(self, entries: dict[str, yaml.Node], name: str, key: str,
                 read: Callable[[yaml.Node, str], object]):
        return read(entries[name], join_key(key, name)) if name in entries else None


DATE_SHAPE = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})$")


def _no_such_day(written: re.Match) -> str:
    """Why a date of the right shape is no date: "month 13 does not exist"."""
    year, month, day = (int(written[part]) for part in ("year", "month", "day"))
    if not 1 <= month <= 12:
        return f"month {month} does not exist"
    last = calendar.monthrange(year, month)[1]
    leap = " (not a leap year)" if month == 2 and last == 28 and day == 29 else ""
    return f"{calendar.month_name[month]} {year}{leap} has no day {day}: it has {last} days"


def join_key(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def kind_of(node: yaml.Node | None) -> str:
    if node is None:
        return "nothing"
    if isinstance(node, yaml.MappingNode):
        return "a mapping"
    if isinstance(node, yaml.SequenceNode):
        return "a list"
    if node.tag == "tag:yaml.org,2002:null":
        return "nothing (an empty value; a value starting with # is a comment unless quoted)"
    kinds = {STR: "text", BOOL: "true/false", TIMESTAMP: "a date",
             "tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number"}
    return f"{kinds.get(node.tag, 'a value')} {node.value!r}"


def web_address(f: YamlFile, printed_as: QrPlacement = PAMPHLET_QR) -> Callable[[yaml.Node, str], str | None]:
    """A web address, printed as a QR code whose modules must stay big enough to scan."""
    def read(node: yaml.Node, key: str) -> str | None:
        url = f.matching(node, key, WEB, "a web address starting with https://")
        if url is None:
            return None
        module_mm = printed_as.module_mm(url)
        if module_mm < MINIMUM_MODULE_MM:
            if module_mm:
                why = (f"its modules would print {module_mm:.2f} mm wide, under the {MINIMUM_MODULE_MM} mm "
                       "a phone reads reliably")
            else:
                why = "no QR code can hold that much"
            f.fail(node, key, f"too long for {printed_as.name} ({len(url)} characters): {why}.",
                   "Use a shorter address (a short link to the same page).")
            return None
        return url
    return read
