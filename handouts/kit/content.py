"""Turn a kit's content files into one checked Content per document, or every problem found."""

from __future__ import annotations

import dataclasses
import datetime

import yaml

from ..errors import ContentError, Problem
from ..files import tool_folder
from .claims import CLAIM_KEYS, HELP_LINE_CLAIM_KEYS, named_sources, prints, read_claim
from .kit_file import REGION, Kit
from .language_table import load_language_table
from .recordings import RECORDINGS_FILE, load_recordings
from .model import (
    OFFICER_LINES,
    Block,
    Claim,
    BulletList,
    Card,
    CardBack,
    Checklist,
    CardFront,
    Content,
    Directory,
    HelpLine,
    Information,
    Item,
    KitContent,
    LanguageCards,
    LanguageTable,
    Locator,
    Notice,
    Organization,
    Paragraph,
    Poster,
    Section,
    Source,
    StateGroup,
    Step,
    Steps,
    Text,
    Verification,
    RULES_IN_COURT,
    STATUS_LABELS,
    claims_in,
)
from .schema import BOOL, PHONE, STR, YamlFile, join_key, kind_of, web_address


def _blocks(f: YamlFile, node: yaml.Node, key: str, named: dict[str, Source]) -> tuple[Block, ...]:
    blocks: list[Block] = []
    for name, value in f.mapping(node, key, any_keys=True).items():
        block_key = join_key(key, name)
        if isinstance(value, yaml.ScalarNode):
            text = f.text(value, block_key)
            if text:
                blocks.append(Paragraph(text))
            continue
        if not isinstance(value, yaml.MappingNode):
            f.fail(value, block_key, f"expected a paragraph, a notice, a list or steps, found {kind_of(value)}.")
            continue
        shape = {str(k.value) for k, _ in value.value}
        if "text" in shape:
            # A paragraph with its claim: `right: {text: ..., status: ..., as_of: ..., source: ...}`.
            entries = f.mapping(value, block_key, required=("text",), optional=CLAIM_KEYS)
            text = f.optional(entries, "text", block_key, f.text)
            claim = read_claim(f, entries, block_key, named=named)
            if text and prints(claim):
                # An ended rule kept as a warning is set apart, as a notice is.
                blocks.append(Notice(text, claim) if claim and claim.warning else Paragraph(text, claim))
        elif "important" in shape:
            entries = f.mapping(value, block_key, required=("important",), optional=CLAIM_KEYS)
            text = f.optional(entries, "important", block_key, f.text)
            claim = read_claim(f, entries, block_key, named=named)
            if text and prints(claim):
                blocks.append(Notice(text, claim))
        elif "steps" in shape:
            entries = f.mapping(value, block_key, required=("steps",))
            steps_key = join_key(block_key, "steps")
            steps = []
            for step_name, step_node in f.mapping(entries.get("steps"), steps_key, any_keys=True).items():
                step_key = join_key(steps_key, step_name)
                step_entries = f.mapping(step_node, step_key, required=("title", "body"), optional=CLAIM_KEYS)
                title = f.optional(step_entries, "title", step_key, f.text)
                body = (_blocks(f, step_entries["body"], join_key(step_key, "body"), named)
                        if "body" in step_entries else ())
                claim = read_claim(f, step_entries, step_key, named=named)
                if title and prints(claim):
                    steps.append(Step(title, body, claim))
            blocks.append(Steps(tuple(steps)))
        else:
            kind = "checklist" if "checklist" in shape else "items"
            entries = f.mapping(value, block_key, required=(kind,), optional=("lead", *CLAIM_KEYS))
            lead = f.optional(entries, "lead", block_key, f.text)
            items = _items(f, entries.get(kind), join_key(block_key, kind), named)
            claim = read_claim(f, entries, block_key, named=named)
            block = Checklist if kind == "checklist" else BulletList
            if prints(claim):
                blocks.append(block(lead, items, claim))
    return tuple(blocks)


def _items(f: YamlFile, node: yaml.Node | None, key: str, named: dict[str, Source]) -> tuple[Item, ...]:
    """A list's items: each a text, or a text with its claim (`{text: ..., status: ...}`)."""
    items = []
    for name, item in f.mapping(node, key, any_keys=True).items():
        item_key = join_key(key, name)
        if isinstance(item, yaml.MappingNode):
            entries = f.mapping(item, item_key, required=("text",), optional=CLAIM_KEYS)
            text, claim = f.optional(entries, "text", item_key, f.text), read_claim(f, entries, item_key, named=named)
        else:
            text, claim = f.text(item, item_key), None
        if text and prints(claim):
            items.append(Item(text, claim))
    return tuple(items)


def _handout(f: YamlFile):
    top = f.mapping(f.root, "", required=("information", "title", "subtitle", "sections"),
                    optional=("notices", "sources"))
    information = _information(f, top)
    named = named_sources(f, top)
    # The cover's box of notices, in the order written; none, and there is no box.
    notices = {
        name: f.text(node, join_key("notices", name))
        for name, node in f.mapping(top["notices"], "notices", any_keys=True).items()
    } if "notices" in top else {}
    sections = []
    for section_id, node in f.mapping(top.get("sections"), "sections", any_keys=True).items():
        key = join_key("sections", section_id)
        entries = f.mapping(node, key, required=("heading", "body"), optional=CLAIM_KEYS)
        heading = f.optional(entries, "heading", key, f.text)
        blocks = _blocks(f, entries["body"], join_key(key, "body"), named) if "body" in entries else ()
        claim = read_claim(f, entries, key, named=named)
        if heading and prints(claim):
            sections.append(Section(section_id, heading, blocks, claim))
    return (information, f.optional(top, "title", "", f.text), f.optional(top, "subtitle", "", f.text),
            notices, tuple(sections))


def _information(f: YamlFile, top: dict[str, yaml.Node]) -> Information | SharedInformation | None:
    node = top.get("information")
    if isinstance(node, yaml.ScalarNode) and node.tag == STR:
        # Another document's information: the same date, from the same source, changed in one place.
        return SharedInformation(node.value, f, node)
    info = f.mapping(node, "information", required=("source",), optional=("as_of",))
    source = f.optional(info, "source", "information", f.text)
    if "as_of" not in info:
        # The date comes from the claims the document prints, once every document is read.
        return DatedByClaims(source, f, node) if source else None
    as_of = f.optional(info, "as_of", "information", f.past_date)
    return Information(as_of, source, f.origin(info["as_of"])) if as_of and source else None


@dataclasses.dataclass(frozen=True)
class DatedByClaims:
    """Information without an as_of of its own: it is as of the oldest as_of of the claims printed with it,
    so that no piece claims more freshness than its least-checked claim."""

    source: Text
    f: YamlFile
    node: yaml.Node

    def dated(self, claims: list[Claim]) -> Information | None:
        if not claims:
            self.f.fail(self.node, "information.as_of", "missing: no claim printed with this information says "
                        "when it was checked, so nothing dates it.",
                        "Add as_of: YYYY-MM-DD (the day the information was checked), or give the rules it "
                        "states a status with its as_of (see docs/content.md).")
            return None
        oldest = min(claims, key=lambda claim: claim.as_of)
        return Information(oldest.as_of, self.source, oldest.origin, from_claims=True)


@dataclasses.dataclass(frozen=True)
class SharedInformation:
    """`information: know-your-rights`: the information of the document named, resolved once all are read."""

    document: str
    f: YamlFile
    node: yaml.Node


def _help_lines(f: YamlFile, node: yaml.Node | None, key: str, directory: Directory | None) -> tuple[HelpLine, ...]:
    """The help lines a list names by id, in its order, from directory.yml."""
    lines = []
    for index, item in enumerate(f.sequence(node, key)):
        line_id = f.string(item, f"{key}[{index}]")
        if line_id is None or directory is None:
            continue
        try:
            lines.append(directory.help_line(line_id))
        except KeyError:
            known = ", ".join(line.id for line in directory.help_lines)
            f.fail(item, f"{key}[{index}]", f"no help line {line_id!r} in directory.yml.", f"Use one of: {known}.")
    return tuple(lines)


def _directory(f: YamlFile) -> Directory | None:
    top = f.mapping(f.root, "", required=("help_lines", "detainee_locator", "local_organizations"))
    help_lines = []
    verifications: list[Verification | None] = []
    for line_id, node in f.mapping(top.get("help_lines"), "help_lines", any_keys=True).items():
        key = join_key("help_lines", line_id)
        e = f.mapping(node, key, required=("name", "card_label", "helps_with", "speed_dial", "source", "verified"),
                      optional=("hours", "phone", "web", *VERIFIED_BY, *HELP_LINE_CLAIM_KEYS))
        claim = read_claim(f, e, key, sources_key="status_source")
        if claim and not prints(claim):
            f.fail(e["status"], join_key(key, "status"), "a help line that has ended is no help line.",
                   "Remove it from directory.yml and from the lists of the card and the poster.")
        help_lines.append(HelpLine(
            id=line_id,
            name=f.optional(e, "name", key, f.string),
            card_label=f.optional(e, "card_label", key, f.text),
            helps_with=f.optional(e, "helps_with", key, f.text),
            hours=f.optional(e, "hours", key, f.text),
            speed_dial=f.optional(e, "speed_dial", key, f.speed_dial),
            phone=f.optional(e, "phone", key, lambda n, k: f.matching(
                n, k, PHONE, "a U.S. phone number written like 1-888-351-4024 or 209-757-3733")),
            web=f.optional(e, "web", key, web_address(f)),
            source=f.optional(e, "source", key, f.string),
            verified=f.optional(e, "verified", key, f.boolean),
            verified_on=_verified_on(f, e, key),
            claim=claim,
        ))
        line = help_lines[-1]
        verifications.append(_verification(f, e, key, (line.speed_dial, line.phone, line.web), line.verified_on))
    key = "detainee_locator"
    e = f.mapping(top.get(key), key, required=("name", "helps_with", "web", "source", "verified"),
                  optional=VERIFIED_BY)
    locator = Locator(
        name=f.optional(e, "name", key, f.string),
        helps_with=f.optional(e, "helps_with", key, f.text),
        web=f.optional(e, "web", key, web_address(f)),
        source=f.optional(e, "source", key, f.string),
        verified=f.optional(e, "verified", key, f.boolean),
        verified_on=_verified_on(f, e, key),
    )
    verifications.append(_verification(f, e, key, (locator.web,), locator.verified_on))
    key = "local_organizations"
    orgs = f.mapping(top.get(key), key, required=("source", "verified", "states"), optional=VERIFIED_BY)
    # The list's verification holds for the organizations without one of their own.
    organizations_verified_on = _verified_on(f, orgs, key)
    list_verified = f.optional(orgs, "verified", key, f.boolean)
    groups = []
    listed_values: list[str | None] = []
    for state_id, node in f.mapping(orgs.get("states"), join_key(key, "states"), any_keys=True).items():
        state_key = join_key(key, f"states.{state_id}")
        e = f.mapping(node, state_key, required=("state", "region", "organizations"))
        region = f.optional(e, "region", state_key, lambda n, k: f.matching(
            n, k, REGION, "a region code (ISO 3166-2) such as US-TX"))
        members = []
        for index, org_node in enumerate(f.sequence(e.get("organizations"), join_key(state_key, "organizations"))):
            org_key = join_key(state_key, f"organizations[{index}]")
            o = f.mapping(org_node, org_key, required=("name",),
                          optional=("web", "phone", "address", "source", "verified", *VERIFIED_BY))
            name = f.optional(o, "name", org_key, f.string)
            # How `handouts verify` names it: by its state and its name, which an editor knows it by.
            entry = f"local_organizations.{state_id}.{name}"
            # Its own verification (verified_on and what goes with it), or else the list's.
            own = "verified_on" in o
            stated = f.optional(o, "verified", org_key, f.boolean)
            verified = stated if stated is not None else list_verified is not False
            verified_on = _verified_on(f, o, org_key) if own else organizations_verified_on if verified else None
            organization = Organization(
                name=name,
                web=f.optional(o, "web", org_key, web_address(f)),
                source=f.optional(o, "source", org_key, f.string),
                verified=verified,
                phone=f.optional(o, "phone", org_key, lambda n, k: f.matching(
                    n, k, PHONE, "a U.S. phone number written like 1-888-351-4024 or 915-555-0100")),
                address=f.optional(o, "address", org_key, f.string),
                key=entry, verified_on=verified_on)
            members.append(organization)
            values = (organization.phone, organization.web, organization.address)
            if own:
                verifications.append(_verification(f, o, entry, values, verified_on))
            else:
                listed_values += values
            for data, what in (("web", "web address"), ("phone", "phone number"), ("address", "street address")):
                if data in o and "source" not in o:
                    f.fail(o[data], join_key(org_key, data), f"a {what} needs its source.",
                           f"Add `source:` naming the public page that gives it, or remove `{data}:`.")
        groups.append(StateGroup(state_id, f.optional(e, "state", state_key, f.text), tuple(members), region))
    verifications.append(_verification(f, orgs, key, tuple(listed_values), organizations_verified_on))
    return Directory(tuple(help_lines), locator, tuple(groups),
                     organizations_source=f.optional(orgs, "source", key, f.string),
                     organizations_verified=list_verified,
                     organizations_verified_on=organizations_verified_on,
                     verifications=tuple(verification for verification in verifications if verification))


# What an editor's verification of an entry records (handouts verify writes them).
VERIFIED_BY = ("verified_on", "verified_for", "verified_source", "verified_by")


def verified_values(values: tuple[str | None, ...]) -> str:
    """An entry's codes, numbers and addresses as one line, the way `verified_for` records them."""
    return " ".join(value for value in values if value)


def _verification(f: YamlFile, entries: dict[str, yaml.Node], key: str, values: tuple[str | None, ...],
                  verified_on: datetime.date | None) -> Verification | None:
    """A verified entry's verification, pinned to the values it was made for."""
    if "verified_for" in entries and "verified_on" not in entries:
        f.fail(entries["verified_for"], join_key(key, "verified_for"), "an unverified entry has no verified values.",
               "Remove verified_for; handouts verify records it when an editor confirms the entry.")
        return None
    if verified_on is None:
        return None
    if "verified_for" not in entries:
        f.fail(entries["verified_on"], join_key(key, "verified_for"), "missing: a verified entry records the codes, "
               "numbers and addresses it was verified for.",
               f"Confirm the entry against its source, then run: handouts verify {key} --on YYYY-MM-DD")
        return None
    node = entries["verified_for"]
    # Empty for an entry with no code, number or address: `verified_for: ''`.
    if not (isinstance(node, yaml.ScalarNode) and node.tag == STR):
        f.fail(node, join_key(key, "verified_for"), f"expected the verified values as text, found {kind_of(node)}.",
               f"Let handouts verify {key} write it.")
        return None
    return Verification(key, f.origin(node), verified_on, " ".join(node.value.split()), verified_values(values),
                        source=f.optional(entries, "verified_source", key, f.string),
                        by=f.optional(entries, "verified_by", key, f.string))


def _verified_on(f: YamlFile, entries: dict[str, yaml.Node], key: str) -> datetime.date | None:
    """An entry's verified_on: required once it is verified, meaningless before."""
    verified = entries.get("verified")
    is_verified = isinstance(verified, yaml.ScalarNode) and verified.tag == BOOL and verified.value.lower() == "true"
    if "verified_on" not in entries:
        if is_verified:
            f.fail(verified, join_key(key, "verified_on"), "missing: a verified entry needs the date it was verified.",
                   "Add verified_on: YYYY-MM-DD.")
        return None
    if not is_verified:
        f.fail(entries["verified_on"], join_key(key, "verified_on"), "an unverified entry has no verification date.",
               "Remove verified_on, or set verified: true once an editor has confirmed the entry.")
        return None
    return f.past_date(entries["verified_on"], join_key(key, "verified_on"))


def _card(f: YamlFile, directory: Directory | None) -> Card | None:
    top = f.mapping(f.root, "", required=("front", "back"), optional=("sources",))
    named = named_sources(f, top)
    front = f.mapping(top.get("front"), "front", required=(
        "title", "subtitle", "rights", "codes_heading", "codes", "qr_caption", "family_phone", "lawyer_phone"),
        optional=CLAIM_KEYS)
    rights = _items(f, front.get("rights"), "front.rights", named)
    codes = _help_lines(f, front.get("codes"), "front.codes", directory)
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
            # The rights the front states, as the claim written beside them has them.
            claim=read_claim(f, front, "front", named=named),
        ),
        back=CardBack(heading=f.optional(back, "heading", "back", f.string), statement=statement,
                      interpreter=interpreter),
    )


# The sentences of the "I speak" cards a kit written before them lacks: it prints the tool's own (in English,
# translated by the catalogs as any other), and the sentences they replace (not_spanish) are no longer printed.
LATER_SENTENCES = ("contact_statement", "signed_statement")
LATER_OFFICER_LINES = ("best_language", "best_language_with_code", "not_enough", "record", "signed", "aliases",
                       "town")
REPLACED_SENTENCES = ("not_spanish",)
REPLACED_OFFICER_LINES = ("not_spanish", "i_speak", "i_speak_with_code")


def _language_cards(f: YamlFile, table: LanguageTable) -> LanguageCards | None:
    top = f.mapping(f.root, "", required=("title", "holder", "officer", "sheet"),
                    optional=(*LATER_SENTENCES, *REPLACED_SENTENCES))
    holder = f.mapping(top.get("holder"), "holder", required=("i_speak",))
    officer = f.mapping(top.get("officer"), "officer",
                        required=tuple(name for name in OFFICER_LINES if name not in LATER_OFFICER_LINES),
                        optional=(*LATER_OFFICER_LINES, *REPLACED_OFFICER_LINES))
    sheet = f.mapping(top.get("sheet"), "sheet", required=("point",))
    predates = (any(name not in top for name in LATER_SENTENCES)
                or any(name not in officer for name in LATER_OFFICER_LINES))
    shipped = _shipped_language_cards(f) if predates else None
    if predates and shipped is None:
        return None
    tool: dict[str, dict] = {}
    if shipped:
        tool[""] = shipped.mapping(shipped.root, "", any_keys=True)
        tool["officer"] = shipped.mapping(tool[""].get("officer"), "officer", any_keys=True)

    def sentence(entries: dict, name: str, key: str, kind: str):
        # The tool's, where this kit's file predates it.
        source, entries = (f, entries) if name in entries else (shipped, tool[key])
        return source.optional(entries, name, key, getattr(source, kind))

    texts = {"title": f.optional(top, "title", "", f.text), "holder": f.optional(holder, "i_speak", "holder", f.text),
             "contact_statement": sentence(top, "contact_statement", "", "text"),
             "signed_statement": sentence(top, "signed_statement", "", "text"),
             "point": f.optional(sheet, "point", "sheet", f.text)}
    officer_lines = {f"officer_{name}": sentence(officer, name, "officer", "string") for name in OFFICER_LINES}
    if None in texts.values() or None in officer_lines.values():
        return None
    return LanguageCards(**texts, **officer_lines, table=table)


def _shipped_language_cards(f: YamlFile) -> YamlFile | None:
    """The tool's own "I speak" sentences, for those a kit's file written before them lacks."""
    shipped = YamlFile(tool_folder("content").parent, "content/i-speak.yml", f.problems,
                       PLACEHOLDERS["language-cards"], kind="content")
    return shipped if shipped.root is not None else None


def _labels(f: YamlFile) -> dict[str, Text]:
    return {name: f.text(node, name) for name, node in f.mapping(f.root, "", any_keys=True).items()}


def _poster(f: YamlFile, directory: Directory | None) -> tuple[Information | None, Poster | None]:
    top = f.mapping(f.root, "", required=("information", "title", "subtitle", "codes_heading", "phone_heading",
                                          "qr_caption", "help_lines"))
    information = _information(f, top)
    lines = _help_lines(f, top.get("help_lines"), "help_lines", directory)
    texts = {name: f.optional(top, name, "", f.text)
             for name in ("title", "subtitle", "codes_heading", "phone_heading", "qr_caption")}
    if None in texts.values():
        return information, None
    return information, Poster(help_lines=lines, **texts)


def _regions(f: YamlFile, directory: Directory, regions: tuple[str, ...]) -> Directory:
    """The directory with only the organizations of the regions the kit serves."""
    if not regions:
        return directory
    # A state without a region has said so already.
    known = {group.region for group in directory.states if group.region}
    for region in regions:
        if region not in known:
            f.fail(f.root, "local_organizations.states", f"region {region} is asked for (by `regions:` in "
                   "handouts.yml, or --regions), but no state here has it.",
                   f"Regions here: {', '.join(sorted(known))}. Correct the region, or add the region's "
                   "organizations here.")
    return dataclasses.replace(directory, states=tuple(group for group in directory.states if group.region in regions))


# The placeholders each text takes, by the kind of file and key: the tool fills
# in exactly these, and a translation keeps exactly these. No other text has braces.
PLACEHOLDERS = {
    "labels": {"information_as_of": ["{date}"], "source": ["{source}"], "page_of": ["{page}", "{pages}"],
               "status_blocked": ["{date}"], "status_vacated": ["{date}"], "status_ended": ["{date}"],
               "printed_by": ["{contact}", "{organization}"], "locator_heading": ["{locator}"],
               "listen_in": ["{language}"]},
    "card": {"back.interpreter": ["{language}"]},
    "language-cards": {"contact_statement": ["{contact}", "{language}"], "signed_statement": ["{language}"],
                       "officer.best_language": ["{language}"], "officer.best_language_with_code": ["{code}", "{language}"],
                       "officer.not_enough": ["{contact}"], "officer.record": ["{language}"],
                       "officer.signed": ["{language}", "{name}"], "officer.aliases": ["{names}"],
                       "officer.interpreter": ["{language}"], "officer.i_speak": ["{language}"],
                       "officer.i_speak_with_code": ["{code}", "{language}"]},
}

# Labels the templates print; a missing one is reported here, before any rendering.
# The captions of a recording's QR code: on a card of the kit's language, and on an "I speak" card, in Spanish.
LISTEN_LABELS = ("listen", "listen_in")
REQUIRED_LABELS = (
    "information_as_of", "source", "page_of", "printed_by", "important", "codes_heading", "codes_intro",
    "code", "who_answers", "outside_number", "more_help", "locator_heading",
    "local_organizations_heading", "scan_to_visit", "draft_translation", "untranslated",
)


def _labels_for_claims(labels_file: YamlFile, labels: dict[str, Text], claims: list[Claim]) -> None:
    """A kit that states a rule's status has the labels that print it (a kit written before it need not)."""
    if not labels_file.root:
        return
    needed = {STATUS_LABELS[claim.status]: claim for claim in claims if claim.prints_status}
    needed.update({RULES_IN_COURT: claim for claim in claims if claim.contested})
    for name, claim in needed.items():
        if name not in labels:
            labels_file.fail(labels_file.root, name, f"missing label: {claim.origin.file}:{claim.origin.line} "
                             f"states a rule that is {claim.status!r}, and this label prints that.",
                             "Add it (the shipped kit's content/labels.yml has every label, in English).")


def load_content(kit: Kit) -> KitContent:
    """Read and check every content file of the kit; raise one ContentError listing every problem."""
    problems: list[Problem] = []

    def open_file(relative: str, kind: str) -> YamlFile:
        return YamlFile(kit.root, relative, problems, PLACEHOLDERS.get(kind))

    directory_file = open_file("content/directory.yml", "directory")
    labels_file = open_file("content/labels.yml", "labels")
    directory = _directory(directory_file) if directory_file.root else None
    if directory is not None:
        directory = _regions(directory_file, directory, kit.regions)
    labels = _labels(labels_file) if labels_file.root else {}
    if labels_file.root:
        for name in REQUIRED_LABELS:
            if name not in labels:
                labels_file.fail(labels_file.root, name, "missing label.",
                                 "Add it: the templates print it.")
    files = [directory_file, labels_file]
    documents = {}
    language_cards = {}
    tables = []
    for document in kit.documents:
        handout = card = poster = information = None
        if document.language_cards:
            files.append(open_file(document.language_cards, "language-cards"))
            table = load_language_table(kit.root, document.language_table, problems, kit.scripts)
            tables.extend([table] if table else [])
            language_cards[document.name] = _language_cards(files[-1], table) if files[-1].root and table else None
        if document.pamphlet:
            files.append(open_file(document.pamphlet, "pamphlet"))
            handout = _handout(files[-1]) if files[-1].root else None
            information = handout[0] if handout else None
        if document.card:
            files.append(open_file(document.card, "card"))
            card = _card(files[-1], directory) if files[-1].root else None
        if document.poster:
            files.append(open_file(document.poster, "poster"))
            information, poster = _poster(files[-1], directory) if files[-1].root else (None, None)
        documents[document.name] = (handout, card, poster, information)

    # The claims each document prints (a pamphlet prints every help line of the directory), and those printed
    # under each document's information: its own and those of the documents that share it.
    printed = {name: claims_in((handout[4] if handout else (), card, poster,
                                directory.help_lines if handout and directory else ()))
               for name, (handout, card, poster, _) in documents.items()}
    printed_under: dict[int, list[Claim]] = {}
    for name, (_, _, _, information) in documents.items():
        owner = information
        if isinstance(information, SharedInformation):
            owner = documents.get(information.document, (None, None, None, information))[3]
        printed_under.setdefault(id(owner), []).extend(printed[name])
    dated = {id(information): information.dated(printed_under.get(id(information), []))
             for _, _, _, information in documents.values() if isinstance(information, DatedByClaims)}
    for name, (handout, card, poster, information) in documents.items():
        if isinstance(information, DatedByClaims):
            documents[name] = (handout, card, poster, dated[id(information)])
    for name, (handout, card, poster, information) in documents.items():
        if isinstance(information, SharedInformation):
            shared = documents.get(information.document, (None, None, None, None))[3]
            shared = dated.get(id(shared), shared)
            # A document that failed to load has said why already.
            if information.document not in documents or isinstance(shared, SharedInformation):
                others = [other for other, parts in documents.items() if isinstance(parts[3], Information)]
                information.f.fail(information.node, "information", f"no document {information.document!r} "
                                   "with information of its own.", f"Name one of: {', '.join(others)}; or give "
                                   "this document its own information (as_of and source).")
            documents[name] = (handout, card, poster, shared if isinstance(shared, Information) else None)
    if not problems and all(parts[0] is None and parts[2] is None for parts in documents.values()):
        # Every piece is stamped with the date its information was current: the "I speak" cards state none.
        problems.append(Problem("no document of the kit states the date its information was current: the "
                                "\"I speak\" cards state no rule.", file="handouts.yml", key="documents",
                                fix="Keep a pamphlet or a poster in the kit beside the cards (see the shipped "
                                    "handouts.yml)."))
    _labels_for_claims(labels_file, labels, [claim for claims in printed.values() for claim in claims])
    recordings = load_recordings(kit, tables, problems)
    if recordings and labels_file.root:
        for name in LISTEN_LABELS:
            if name not in labels:
                labels_file.fail(labels_file.root, name, f"missing label: {RECORDINGS_FILE} gives recordings, "
                                 "and this label captions their QR code.",
                                 "Add it (the shipped kit's content/labels.yml has every label, in English).")
    if problems:
        raise ContentError(problems)
    origins = {name: origin for f in files for name, origin in f.origins.items()}
    origins.update(kit.origins)
    for cards in filter(None, language_cards.values()):
        # Where each printed name is written, under the key the cards' layout gives it (see layout/i_speak.py).
        stem = cards.table.file.rsplit("/", 1)[-1].removesuffix(".yml")
        for language in cards.table.languages:
            for kind in ("own", "english", "spanish"):
                if name := getattr(language, kind):
                    origins[f"{stem}:{language.key}.names.{kind}"] = name.origin
    contents = {}
    for name, (handout, card, poster, information) in documents.items():
        cards = language_cards.get(name)
        if handout:
            _, title, subtitle, notices, sections = handout
        elif poster:
            title, subtitle, notices, sections = poster.title, poster.subtitle, {}, ()
        else:
            title, subtitle, notices, sections = cards.title, cards.title, {}, ()
        contents[name] = Content(information=information, title=title, subtitle=subtitle, notices=notices,
                                 sections=sections, directory=directory, card=card, labels=labels,
                                 settings=kit.settings, origins=origins, document=name, poster=poster,
                                 language_cards=cards)
    return KitContent(contents, recordings)
