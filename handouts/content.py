"""Turn the YAML files in content/ into one checked Content, or every problem found."""

from __future__ import annotations

import calendar
import datetime
import re
from pathlib import Path
from typing import Callable

import yaml

from .errors import ContentError, Problem
from .languages import SOURCE_LANGUAGE
from .qr import CARD_QR, MINIMUM_MODULE_MM, PAMPHLET_QR, QrPlacement
from . import tokens
from .tokens import describe_character, has_markup, hidden_characters, placeholders, stray_braces
from . import yamlsafe
from .model import (
    Block,
    BulletList,
    Card,
    CardBack,
    CardFront,
    Content,
    Directory,
    HelpLine,
    Information,
    Locator,
    Notice,
    Organization,
    Origin,
    Paragraph,
    Section,
    Settings,
    StateGroup,
    Step,
    Steps,
    Text,
    Verification,
)


# Detention phones take a 3- or 4-digit code with the # before or after it; which
# side the # is on matters, so both forms are kept exactly as written. Digits
# are 0-9 only: a phone's keypad has no Arabic-Indic or fullwidth digits.
SPEED_DIAL = re.compile(rf"^(?:{tokens.SPEED_DIAL})$")
PHONE = re.compile(r"^(?:1-)?[0-9]{3}-[0-9]{3}-[0-9]{4}$")
WEB = re.compile(r"^https://[a-z0-9.-]+\.[a-z]{2,}(?:/[A-Za-z0-9._~/%-]*)?$")

STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
TIMESTAMP = "tag:yaml.org,2002:timestamp"


class _File:
    """Reads one YAML file's node tree, recording every problem with its place."""

    def __init__(self, path: Path, shown_as: str, problems: list[Problem]):
        self.shown_as = shown_as
        self.problems = problems
        # Where each text was written, by its "file:key" name, for messages about it later.
        self.origins: dict[str, Origin] = {}
        try:
            text = path.read_text(encoding="utf-8")
        except FileNotFoundError:
            self.root = None
            self.fail(None, "", "file not found.", "Restore it from the repository.")
            return
        except UnicodeDecodeError as error:
            self.root = None
            self.fail(None, "", f"not valid UTF-8 ({error.reason} at byte {error.start}).",
                      "Save the file as UTF-8.")
            return
        try:
            self.root = yamlsafe.compose(text)
        except yamlsafe.UnreadableYaml as error:
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
            self.fail(node, key, f"expected a mapping (key: value lines), found {_kind(node)}.")
            return {}
        entries: dict[str, yaml.Node] = {}
        for key_node, value_node in node.value:
            name = str(key_node.value)
            if name in entries:
                self.fail(key_node, _join(key, name), "this key appears twice.",
                          "Keep one of the two.")
                continue
            if not any_keys and name not in required and name not in optional:
                allowed = ", ".join(required + optional)
                self.fail(key_node, _join(key, name), "unknown key.",
                          f"Allowed here: {allowed}.")
                continue
            entries[name] = value_node
        for name in required:
            if name not in entries:
                self.fail(node, _join(key, name), "missing required key.")
        return entries

    def sequence(self, node: yaml.Node | None, key: str) -> list[yaml.Node]:
        if not isinstance(node, yaml.SequenceNode):
            self.fail(node, key, f"expected a list (lines starting with '-'), found {_kind(node)}.")
            return []
        return list(node.value)

    def string(self, node: yaml.Node | None, key: str) -> str | None:
        if not isinstance(node, yaml.ScalarNode) or node.tag != STR:
            self.fail(node, key, f"expected text, found {_kind(node)}.",
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
        expected = PLACEHOLDERS.get((self.shown_as.rsplit("/", 1)[-1], key), [])
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
            self.fail(node, key, f"expected true or false, found {_kind(node)}.")
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
        self.fail(node, key, f"expected a date written YYYY-MM-DD, found {_kind(node)}.")
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

    def optional(self, entries: dict[str, yaml.Node], name: str, key: str,
                 read: Callable[[yaml.Node, str], object]):
        return read(entries[name], _join(key, name)) if name in entries else None


DATE_SHAPE = re.compile(r"^(?P<year>[0-9]{4})-(?P<month>[0-9]{2})-(?P<day>[0-9]{2})$")


def _no_such_day(written: re.Match) -> str:
    """Why a date of the right shape is no date: "month 13 does not exist"."""
    year, month, day = (int(written[part]) for part in ("year", "month", "day"))
    if not 1 <= month <= 12:
        return f"month {month} does not exist"
    last = calendar.monthrange(year, month)[1]
    leap = " (not a leap year)" if month == 2 and last == 28 and day == 29 else ""
    return f"{calendar.month_name[month]} {year}{leap} has no day {day}: it has {last} days"


def _join(key: str, name: str) -> str:
    return f"{key}.{name}" if key else name


def _kind(node: yaml.Node | None) -> str:
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


def _blocks(f: _File, node: yaml.Node, key: str) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for name, value in f.mapping(node, key, any_keys=True).items():
        block_key = _join(key, name)
        if isinstance(value, yaml.ScalarNode):
            text = f.text(value, block_key)
            if text:
                blocks.append(Paragraph(text))
            continue
        if not isinstance(value, yaml.MappingNode):
            f.fail(value, block_key, f"expected a paragraph, a notice, a list or steps, found {_kind(value)}.")
            continue
        shape = {str(k.value) for k, _ in value.value}
        if "important" in shape:
            entries = f.mapping(value, block_key, required=("important",))
            text = f.optional(entries, "important", block_key, f.text)
            if text:
                blocks.append(Notice(text))
        elif "steps" in shape:
            entries = f.mapping(value, block_key, required=("steps",))
            steps_key = _join(block_key, "steps")
            steps = []
            for step_name, step_node in f.mapping(entries.get("steps"), steps_key, any_keys=True).items():
                step_key = _join(steps_key, step_name)
                step_entries = f.mapping(step_node, step_key, required=("title", "body"))
                title = f.optional(step_entries, "title", step_key, f.text)
                body = _blocks(f, step_entries["body"], _join(step_key, "body")) if "body" in step_entries else ()
                if title:
                    steps.append(Step(title, body))
            blocks.append(Steps(tuple(steps)))
        else:
            entries = f.mapping(value, block_key, required=("items",), optional=("lead",))
            lead = f.optional(entries, "lead", block_key, f.text)
            items_key = _join(block_key, "items")
            items = [
                f.text(item, _join(items_key, item_name))
                for item_name, item in f.mapping(entries.get("items"), items_key, any_keys=True).items()
            ]
            blocks.append(BulletList(lead, tuple(item for item in items if item)))
    return tuple(blocks)


def _handout(f: _File):
    top = f.mapping(f.root, "", required=("information", "title", "subtitle", "notices", "sections"))
    info = f.mapping(top.get("information"), "information", required=("as_of", "source"))
    as_of = f.optional(info, "as_of", "information", f.past_date)
    source = f.optional(info, "source", "information", f.text)
    information = Information(as_of, source) if as_of and source else None
    notices = {
        name: f.text(node, _join("notices", name))
        for name, node in f.mapping(top.get("notices"), "notices",
                                     required=("in_effect", "rules_change", "not_legal_advice")).items()
    }
    sections = []
    for section_id, node in f.mapping(top.get("sections"), "sections", any_keys=True).items():
        key = _join("sections", section_id)
        entries = f.mapping(node, key, required=("heading", "body"))
        heading = f.optional(entries, "heading", key, f.text)
        blocks = _blocks(f, entries["body"], _join(key, "body")) if "body" in entries else ()
        if heading:
            sections.append(Section(section_id, heading, blocks))
    return (information, f.optional(top, "title", "", f.text), f.optional(top, "subtitle", "", f.text),
            notices, tuple(sections))


def _directory(f: _File) -> Directory | None:
    top = f.mapping(f.root, "", required=("help_lines", "detainee_locator", "local_organizations"))
    help_lines = []
    verifications: list[Verification | None] = []
    for line_id, node in f.mapping(top.get("help_lines"), "help_lines", any_keys=True).items():
        key = _join("help_lines", line_id)
        e = f.mapping(node, key, required=("name", "card_label", "helps_with", "speed_dial", "source", "verified"),
                      optional=("hours", "phone", "web", "verified_on", "verified_for"))
        help_lines.append(HelpLine(
            id=line_id,
            name=f.optional(e, "name", key, f.string),
            card_label=f.optional(e, "card_label", key, f.text),
            helps_with=f.optional(e, "helps_with", key, f.text),
            hours=f.optional(e, "hours", key, f.text),
            speed_dial=f.optional(e, "speed_dial", key, f.speed_dial),
            phone=f.optional(e, "phone", key, lambda n, k: f.matching(
                n, k, PHONE, "a U.S. phone number written like 1-888-351-4024 or 209-757-3733")),
            web=f.optional(e, "web", key, _web(f)),
            source=f.optional(e, "source", key, f.string),
            verified=f.optional(e, "verified", key, f.boolean),
            verified_on=_verified_on(f, e, key),
        ))
        line = help_lines[-1]
        verifications.append(_verification(f, e, key, (line.speed_dial, line.phone, line.web), line.verified_on))
    key = "detainee_locator"
    e = f.mapping(top.get(key), key, required=("name", "helps_with", "web", "source", "verified"),
                  optional=("verified_on", "verified_for"))
    locator = Locator(
        name=f.optional(e, "name", key, f.string),
        helps_with=f.optional(e, "helps_with", key, f.text),
        web=f.optional(e, "web", key, _web(f)),
        source=f.optional(e, "source", key, f.string),
        verified=f.optional(e, "verified", key, f.boolean),
        verified_on=_verified_on(f, e, key),
    )
    verifications.append(_verification(f, e, key, (locator.web,), locator.verified_on))
    key = "local_organizations"
    orgs = f.mapping(top.get(key), key, required=("source", "verified", "states"),
                     optional=("verified_on", "verified_for"))
    groups = []
    for state_id, node in f.mapping(orgs.get("states"), _join(key, "states"), any_keys=True).items():
        state_key = _join(key, f"states.{state_id}")
        e = f.mapping(node, state_key, required=("state", "organizations"))
        members = []
        for index, org_node in enumerate(f.sequence(e.get("organizations"), _join(state_key, "organizations"))):
            org_key = _join(state_key, f"organizations[{index}]")
            o = f.mapping(org_node, org_key, required=("name",), optional=("web", "phone", "source", "verified"))
            verified = f.optional(o, "verified", org_key, f.boolean)
            members.append(Organization(
                name=f.optional(o, "name", org_key, f.string),
                web=f.optional(o, "web", org_key, _web(f)),
                source=f.optional(o, "source", org_key, f.string),
                verified=True if verified is None else verified,
                phone=f.optional(o, "phone", org_key, lambda n, k: f.matching(
                    n, k, PHONE, "a U.S. phone number written like 1-888-351-4024 or 915-555-0100")),
            ))
            for data in ("web", "phone"):
                if data in o and "source" not in o:
                    f.fail(o[data], _join(org_key, data), f"a {'web address' if data == 'web' else 'phone number'} "
                           "needs its source.",
                           f"Add `source:` naming the public page that gives it, or remove `{data}:`.")
        groups.append(StateGroup(state_id, f.optional(e, "state", state_key, f.text), tuple(members)))
    organizations_verified_on = _verified_on(f, orgs, key)
    verifications.append(_verification(f, orgs, key, tuple(
        data for group in groups for organization in group.organizations
        for data in (organization.phone, organization.web)), organizations_verified_on))
    return Directory(tuple(help_lines), locator, tuple(groups),
                     organizations_source=f.optional(orgs, "source", key, f.string),
                     organizations_verified=f.optional(orgs, "verified", key, f.boolean),
                     organizations_verified_on=organizations_verified_on,
                     verifications=tuple(verification for verification in verifications if verification))


def verified_values(values: tuple[str | None, ...]) -> str:
    """An entry's codes, numbers and addresses as one line, the way `verified_for` records them."""
    return " ".join(value for value in values if value)


def _verification(f: _File, entries: dict[str, yaml.Node], key: str, values: tuple[str | None, ...],
                  verified_on: datetime.date | None) -> Verification | None:
    """A verified entry's verification, pinned to the values it was made for."""
    if "verified_for" in entries and "verified_on" not in entries:
        f.fail(entries["verified_for"], _join(key, "verified_for"), "an unverified entry has no verified values.",
               "Remove verified_for; handouts verify records it when an editor confirms the entry.")
        return None
    if verified_on is None:
        return None
    if "verified_for" not in entries:
        f.fail(entries["verified_on"], _join(key, "verified_for"), "missing: a verified entry records the codes, "
               "numbers and addresses it was verified for.",
               f"Confirm the entry against its source, then run: handouts verify {key} --on YYYY-MM-DD")
        return None
    node = entries["verified_for"]
    # Empty for an entry with no code, number or address: `verified_for: ''`.
    if not (isinstance(node, yaml.ScalarNode) and node.tag == STR):
        f.fail(node, _join(key, "verified_for"), f"expected the verified values as text, found {_kind(node)}.",
               f"Let handouts verify {key} write it.")
        return None
    return Verification(key, f.origin(node), verified_on, " ".join(node.value.split()), verified_values(values))


def _verified_on(f: _File, entries: dict[str, yaml.Node], key: str) -> datetime.date | None:
    """An entry's verified_on: required once it is verified, meaningless before."""
    verified = entries.get("verified")
    is_verified = isinstance(verified, yaml.ScalarNode) and verified.tag == BOOL and verified.value.lower() == "true"
    if "verified_on" not in entries:
        if is_verified:
            f.fail(verified, _join(key, "verified_on"), "missing: a verified entry needs the date it was verified.",
                   "Add verified_on: YYYY-MM-DD.")
        return None
    if not is_verified:
        f.fail(entries["verified_on"], _join(key, "verified_on"), "an unverified entry has no verification date.",
               "Remove verified_on, or set verified: true once an editor has confirmed the entry.")
        return None
    return f.past_date(entries["verified_on"], _join(key, "verified_on"))


def _web(f: _File, printed_as: QrPlacement = PAMPHLET_QR) -> Callable[[yaml.Node, str], str | None]:
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


def _card(f: _File, directory: Directory | None) -> Card | None:
    top = f.mapping(f.root, "", required=("front", "back"))
    front = f.mapping(top.get("front"), "front", required=(
        "title", "subtitle", "rights", "codes_heading", "codes", "qr_caption", "family_phone", "lawyer_phone"))
    rights = tuple(
        f.text(node, f"front.rights.{name}")
        for name, node in f.mapping(front.get("rights"), "front.rights", any_keys=True).items()
    )
    codes = []
    for index, node in enumerate(f.sequence(front.get("codes"), "front.codes")):
        line_id = f.string(node, f"front.codes[{index}]")
        if line_id is None or directory is None:
            continue
        try:
            codes.append(directory.help_line(line_id))
        except KeyError:
            known = ", ".join(line.id for line in directory.help_lines)
            f.fail(node, f"front.codes[{index}]", f"no help line {line_id!r} in directory.yml.",
                   f"Use one of: {known}.")
    back = f.mapping(top.get("back"), "back", required=("heading", "statement", "interpreter"))
    interpreter = f.optional(back, "interpreter", "back", f.string)
    statement = tuple(
        (f"back.statement.{name}", f.string(node, f"back.statement.{name}"))
        for name, node in f.mapping(back.get("statement"), "back.statement", any_keys=True).items()
    )
    return Card(
        front=CardFront(
            title=f.optional(front, "title", "front", f.text),
            subtitle=f.optional(front, "subtitle", "front", f.text),
            rights=rights,
            codes_heading=f.optional(front, "codes_heading", "front", f.text),
            codes=tuple(codes),
            qr_caption=f.optional(front, "qr_caption", "front", f.text),
            family_phone=f.optional(front, "family_phone", "front", f.text),
            lawyer_phone=f.optional(front, "lawyer_phone", "front", f.text),
        ),
        back=CardBack(heading=f.optional(back, "heading", "back", f.string), statement=statement,
                      interpreter=interpreter),
    )


def _labels(f: _File) -> dict[str, Text]:
    return {name: f.text(node, name) for name, node in f.mapping(f.root, "", any_keys=True).items()}


def _settings(f: _File) -> Settings:
    e = f.mapping(f.root, "", required=("sample", "organization", "contact", "help_url"),
                  optional=("print_shop_flip",))
    help_url = f.optional(e, "help_url", "", _web(f, CARD_QR))
    return Settings(
        organization=f.optional(e, "organization", "", f.string),
        contact=f.optional(e, "contact", "", f.string),
        help_url=help_url,
        sample=f.optional(e, "sample", "", f.boolean),
        print_shop_flip=f.optional(e, "print_shop_flip", "", lambda node, key: f.matching(
            node, key, FLIP_EDGE, "long-edge or short-edge")) or "long-edge",
    )


# How the print shop turns a card sheet over to print the backs.
FLIP_EDGE = re.compile(r"^(long-edge|short-edge)$")

# The placeholders each text takes, by file and key: the tool fills in exactly
# these, and a translation keeps exactly these. No other text has braces.
PLACEHOLDERS = {
    ("labels.yml", "information_as_of"): ["{date}"],
    ("labels.yml", "source"): ["{source}"],
    ("labels.yml", "page_of"): ["{page}", "{pages}"],
    ("labels.yml", "printed_by"): ["{contact}", "{organization}"],
    ("labels.yml", "locator_heading"): ["{locator}"],
    ("card.yml", "back.interpreter"): ["{language}"],
}

# Labels the templates print; a missing one is reported here, before any rendering.
REQUIRED_LABELS = (
    "information_as_of", "source", "page_of", "printed_by", "important", "codes_heading", "codes_intro",
    "code", "who_answers", "outside_number", "more_help", "locator_heading",
    "local_organizations_heading", "scan_to_visit", "draft_translation", "untranslated",
)


def load_content(content_dir: Path) -> Content:
    """Read and check every content file; raise one ContentError listing every problem."""
    problems: list[Problem] = []

    def open_file(name: str) -> _File:
        return _File(content_dir / name, f"{content_dir.name}/{name}", problems)

    handout_file = open_file("handout.yml")
    directory_file = open_file("directory.yml")
    card_file = open_file("card.yml")
    labels_file = open_file("labels.yml")
    settings_file = open_file("settings.yml")

    handout = _handout(handout_file) if handout_file.root else None
    directory = _directory(directory_file) if directory_file.root else None
    card = _card(card_file, directory) if card_file.root else None
    labels = _labels(labels_file) if labels_file.root else {}
    settings = _settings(settings_file) if settings_file.root else None
    if labels_file.root:
        for name in REQUIRED_LABELS:
            if name not in labels:
                labels_file.fail(labels_file.root, name, "missing label.",
                                 "Add it: the templates print it.")

    if problems:
        raise ContentError(problems)
    information, title, subtitle, notices, sections = handout
    origins = {name: origin for f in (handout_file, directory_file, card_file, labels_file, settings_file)
               for name, origin in f.origins.items()}
    return Content(information=information, title=title, subtitle=subtitle, notices=notices,
                   sections=sections, directory=directory, card=card, labels=labels, settings=settings,
                   origins=origins)
