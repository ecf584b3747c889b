"""Turn an Edition into its message for messaging apps (WhatsApp, Signal, SMS): plain text with WhatsApp's
marks (*bold*, lists as lines), the card's front first as a digest, then the document's text, its date and
its source; every code and phone number on a line of its own."""

from __future__ import annotations

from ..i18n.editions import Edition
from ..kit.model import BulletList, Checklist, HelpLine, Notice, Paragraph, Steps

# A web address stands bare on its line, for the app to make a link of: its letters hold its direction, and a
# mark beside it could be taken into the link.
# Around a code or number alone on its line of a right-to-left message: a left-to-right mark at each end.
# Alone on its line, the bidirectional algorithm already keeps "9233#" and "#566" whole in either paragraph
# direction; the marks keep them so in an app that joins lines, or sets a line's direction by its
# neighbours'. A left-to-right message goes without them, and an SMS of plain Latin text stays in GSM-7.
LEFT_TO_RIGHT_MARK = "\u200e"


def data_line(edition: Edition, value: str) -> str:
    """A code or phone number, alone on its line, in its own order whatever the direction."""
    mark = LEFT_TO_RIGHT_MARK if edition.direction == "rtl" else ""
    return f"{mark}{value}{mark}"



def bold(text: str) -> str:
    # WhatsApp's bold: a star at each end, touching the text.
    return f"*{text.strip()}*"


def pamphlet_message(edition: Edition) -> str:
    """The pamphlet's document as one message: the card's front (a digest that fits a screen), then the
    pamphlet's sections, then the date, the source and who shares it."""
    content = edition.content
    parts = [_card_digest(edition)] if content.card else []
    parts.append("\n".join(filter(None, [bold(edition.text(content.title)), edition.text(content.subtitle),
                                         *(edition.text(notice) for notice in content.notices.values())])))
    for section in content.sections:
        lines = [bold(edition.text(section.heading)), *_status(edition, section.claim)]
        lines += _blocks(edition, section.blocks)
        if section.id == "find_help":
            lines += _help_lines(edition, content.directory.help_lines)
        parts.append("\n".join(lines))
    parts.append(_closing(edition, "pamphlet"))
    return "\n\n".join(parts) + "\n"


def poster_message(edition: Edition) -> str:
    """The help-lines poster as a message: its title, each line's code and number, its date and source."""
    content, poster = edition.content, edition.content.poster
    lines = [bold(edition.text(poster.title)), edition.text(poster.subtitle), "", edition.text(poster.codes_heading)]
    for line in poster.help_lines:
        lines += ["", bold(edition.text(line.card_label)), *_status(edition, line.claim),
                  data_line(edition, line.speed_dial)]
        if line.phone:
            lines += [edition.text(poster.phone_heading), data_line(edition, line.phone)]
    lines += ["", edition.text(poster.qr_caption), content.settings.help_url]
    return "\n".join(lines) + "\n\n" + _closing(edition, "poster") + "\n"


def _card_digest(edition: Edition) -> str:
    front = edition.content.card.front
    lines = [bold(edition.text(front.title)), edition.text(front.subtitle)]
    lines += [f"- {edition.text(right.text)}" for right in front.rights]
    lines += ["", bold(edition.text(front.codes_heading))]
    for line in front.codes:
        lines += [edition.text(line.card_label), data_line(edition, line.speed_dial)]
    lines += ["", edition.text(front.qr_caption), edition.content.settings.help_url]
    return "\n".join(lines)


def _blocks(edition: Edition, blocks) -> list[str]:
    lines: list[str] = []
    for block in blocks:
        if isinstance(block, Paragraph):
            lines += ["", edition.text(block.text), *_status(edition, block.claim)]
        elif isinstance(block, Notice):
            lines += ["", bold(edition.label("important")), edition.text(block.text), *_status(edition, block.claim)]
        elif isinstance(block, (BulletList, Checklist)):
            lines.append("")
            if block.lead:
                lines.append(edition.text(block.lead))
            lines += _status(edition, block.claim)
            # WhatsApp shows "- " lines as a list; a checklist keeps a box to tick on a screen's copy.
            mark = "☐ " if isinstance(block, Checklist) else "- "
            for item in block.items:
                lines += [f"{mark}{edition.text(item.text)}", *_status(edition, item.claim)]
        elif isinstance(block, Steps):
            for number, step in enumerate(block.steps, start=1):
                lines += ["", bold(f"{number}. {edition.text(step.title)}"), *_status(edition, step.claim)]
                lines += _blocks(edition, step.blocks)
    return lines


def _help_lines(edition: Edition, help_lines: tuple[HelpLine, ...]) -> list[str]:
    lines = ["", bold(edition.label("codes_heading")), edition.label("codes_intro")]
    for line in help_lines:
        lines += ["", bold(line.name), edition.sentences(line.helps_with, line.hours), *_status(edition, line.claim),
                  data_line(edition, line.speed_dial)]
        if line.phone:
            lines += [edition.label("outside_number"), data_line(edition, line.phone)]
        if line.web:
            lines.append(line.web)
    return lines


def _status(edition: Edition, claim) -> list[str]:
    line = edition.status_line(claim)
    # A quoted line: WhatsApp sets it apart, and a phone's SMS shows the mark as it is.
    return [f"> {line}"] if line else []


def _closing(edition: Edition, piece: str) -> str:
    """The date, what is before a court, the source, who shares it, and the translation's notices."""
    content = edition.content
    lines = [bold(edition.information_as_of)]
    if in_court := edition.rules_in_court(piece):
        lines.append(in_court)
    lines += [edition.label("source", source=edition.text(content.information.source)), edition.printed_by]
    shown = [("untranslated", edition.is_incomplete), ("draft_translation", edition.shows_draft_notice)]
    lines += [line.text for name, show in shown if show for line in edition.notice(name)]
    return "\n".join(lines)
