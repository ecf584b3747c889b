"""Turn the status keys written beside a rule in a content file into a checked Claim: its legal status,
the day it was checked, its public sources, and the day to check it again."""

from __future__ import annotations

import datetime
import re

import yaml

from .model import BLOCKED, CLAIM_STATUSES, ENDED, VACATED, Claim, Source
from .schema import HOST_NAME, STR, YamlFile, join_key, kind_of

# The keys a claim adds to the mapping of what it is said of (a section, a paragraph, a list item...).
CLAIM_KEYS = ("status", "as_of", "since", "source", "recheck_by", "warning")
# A help line has a `source` of its own already (the page that gives its code): its claim's sources
# are `status_source`.
HELP_LINE_CLAIM_KEYS = ("status", "as_of", "since", "status_source", "recheck_by")

UNDATED = "undated"
SOURCE_ADDRESS = re.compile(rf"^https?://{HOST_NAME}(?:[/?#][!-~]*)?$")

# A status that happened on a day: the day is printed ("Blocked by a court on August 29, 2025").
DATED_STATUSES = (BLOCKED, VACATED, ENDED)


def named_sources(f: YamlFile, top: dict[str, yaml.Node]) -> dict[str, Source]:
    """A content file's `sources:`, the public pages its claims name by a short name (`source: seed`)."""
    if "sources" not in top:
        return {}
    found = {}
    for name, node in f.mapping(top["sources"], "sources", any_keys=True).items():
        page = _sources(f, node, join_key("sources", name), {})
        if page:
            found[name] = page[0]
    return found


def read_claim(f: YamlFile, entries: dict[str, yaml.Node], key: str, sources_key: str = "source",
               named: dict[str, Source] | None = None) -> Claim | None:
    """The claim written among `entries`, or None where none is. A claim is whole or it is a problem:
    a status needs the day it was checked and a public page that says so (written out, or named from the
    file's `sources:`)."""
    written = [name for name in ("status", "as_of", "since", sources_key, "recheck_by", "warning") if name in entries]
    if not written:
        return None
    if "status" not in entries:
        f.fail(entries[written[0]], join_key(key, "status"), "missing: a rule's as_of, source and recheck_by "
               "go with its status.", f"Add status: one of {_statuses()}.")
        return None
    status_node = entries["status"]
    status = f.string(status_node, join_key(key, "status"))
    if status is None:
        return None
    if status not in CLAIM_STATUSES:
        f.fail(status_node, join_key(key, "status"), f"unknown status {status!r}.", f"Write one of: {_statuses()}.")
        return None
    for name, why in (("as_of", "the day the status was checked against its source"),
                      (sources_key, "the public page that gives the status (address, publisher, date)")):
        if name not in entries:
            f.fail(status_node, join_key(key, name), f"missing: {why}.", f"Add {name}: under status.")
    as_of = f.optional(entries, "as_of", key, f.past_date)
    sources = (_sources(f, entries.get(sources_key), join_key(key, sources_key), named or {})
               if sources_key in entries else ())
    since = f.optional(entries, "since", key, f.past_date)
    if status in DATED_STATUSES and "since" not in entries:
        f.fail(status_node, join_key(key, "since"), f"missing: the day the rule was {status.split(',')[0]} "
               "(printed with its status).", "Add since: YYYY-MM-DD, as its source gives it.")
    if since and as_of and since > as_of:
        f.fail(entries["since"], join_key(key, "since"), f"{since.isoformat()} is after as_of "
               f"{as_of.isoformat()}: a status is checked after it began.", "Correct one of the two dates.")
    recheck_by = f.optional(entries, "recheck_by", key, f.date)
    if recheck_by and as_of and recheck_by <= as_of:
        f.fail(entries["recheck_by"], join_key(key, "recheck_by"), f"{recheck_by.isoformat()} is not after as_of "
               f"{as_of.isoformat()}.", "Set the day by which the status must be checked again.")
    warning = bool(f.optional(entries, "warning", key, f.boolean))
    if warning and status != ENDED:
        f.fail(entries["warning"], join_key(key, "warning"), f"only an ended rule is printed as a warning; this one "
               f"is {status!r} and prints anyway.", "Remove warning: true.")
    if as_of is None or not sources or (status in DATED_STATUSES and since is None):
        return None
    return Claim(status=status, as_of=as_of, sources=sources, key=key, origin=f.origin(status_node), since=since,
                 recheck_by=recheck_by, warning=warning)


def prints(claim: Claim | None) -> bool:
    """An ended rule drops out of print, unless the content keeps it as a warning."""
    return claim is None or claim.status != ENDED or claim.warning


def _sources(f: YamlFile, node: yaml.Node, key: str, named: dict[str, Source]) -> tuple[Source, ...]:
    nodes = node.value if isinstance(node, yaml.SequenceNode) else [node]
    sources = []
    for index, item in enumerate(nodes):
        item_key = f"{key}[{index}]" if isinstance(node, yaml.SequenceNode) else key
        if isinstance(item, yaml.ScalarNode) and item.tag == STR:
            if item.value in named:
                sources.append(named[item.value])
            else:
                known = ", ".join(named) or "none yet"
                f.fail(item, item_key, f"no source {item.value!r} in this file's sources:.",
                       f"Name one of them ({known}), or write the page out: {{address: https://..., "
                       "publisher: ..., date: YYYY-MM-DD}.")
            continue
        entries = f.mapping(item, item_key, required=("address", "publisher", "date"))
        address = f.optional(entries, "address", item_key, lambda n, k: f.matching(
            n, k, SOURCE_ADDRESS, "the page's web address, starting with https://"))
        publisher = f.optional(entries, "publisher", item_key, f.string)
        date_node = entries.get("date")
        # A page that shows no date is cited as such, never with a date guessed for it.
        undated = isinstance(date_node, yaml.ScalarNode) and date_node.tag == STR and date_node.value == UNDATED
        date = None if undated else f.optional(entries, "date", item_key, f.past_date)
        if address and publisher and (date or undated):
            sources.append(Source(address, publisher, date))
    if not nodes:
        f.fail(node, key, f"expected a public page or a list of them, found {kind_of(node)}.")
    return tuple(sources)


def _statuses() -> str:
    return ", ".join(CLAIM_STATUSES)


def due(claims, today: datetime.date, within_days: int = 0) -> list[Claim]:
    """The claims whose recheck_by falls within `within_days` of today, or has passed."""
    limit = today + datetime.timedelta(days=within_days)
    return [claim for claim in claims if claim.recheck_by and claim.recheck_by <= limit]

