"""Every rule says its legal status: the shipped kit's claims, what prints for each status, and the checks
that hold an editor to the day each status was checked."""

import datetime
import re

import pytest

from handouts.cli import main
from handouts.kit.model import (BulletList, Checklist, Notice, Paragraph, Steps, CLAIM_STATUSES, ENDED,
                                IN_EFFECT)
from conftest import Pdf, content_of


TODAY = datetime.date.today()


def printed_rules(content):
    """(key, text, the claim it prints under) for every text of the pamphlet and the card's rights: a block's
    own claim, else its step's, else its section's."""
    found = []

    def blocks(parts, inherited, where):
        for block in parts:
            claim = getattr(block, "claim", None) or inherited
            if isinstance(block, (Paragraph, Notice)):
                found.append((block.text.key, block.text.english, claim))
            elif isinstance(block, (BulletList, Checklist)):
                if block.lead:
                    found.append((block.lead.key, block.lead.english, claim))
                for item in block.items:
                    found.append((item.text.key, item.text.english, item.claim or claim))
            elif isinstance(block, Steps):
                for step in block.steps:
                    step_claim = step.claim or claim
                    found.append((step.title.key, step.title.english, step_claim))
                    blocks(step.blocks, step_claim, where)

    for section in content.sections:
        blocks(section.blocks, section.claim, section.id)
    for right in content.card.front.rights:
        found.append((right.text.key, right.text.english, right.claim or content.card.front.claim))
    return found


def test_every_rule_the_shipped_kit_prints_has_its_status_date_and_public_source():
    rules = printed_rules(content_of_shipped())
    assert len(rules) > 60
    for key, text, claim in rules:
        assert claim is not None, f"{key}: {text[:60]}… states a rule with no status"
        assert claim.status in CLAIM_STATUSES and claim.status != ENDED or claim.warning, key
        assert claim.as_of <= TODAY and claim.sources, key
        for source in claim.sources:
            # A public page a reader can open, never a file of the tool's makers.
            assert re.fullmatch(r"https://[a-z0-9.-]+\.[a-z]{2,}/\S*", source.address), source
            assert source.publisher and "facts.md" not in source.address
        assert claim.recheck_by is None or claim.recheck_by > claim.as_of, key


def content_of_shipped():
    from conftest import PROJECT
    return content_of(PROJECT)


# What the seed page of 2024 told people to do that its sources show wrong since (rule-changes: CBP One's
# appointments ended, the 24-hour wait is 4 hours, Safe Mobility closed).
OUT_OF_DATE_INSTRUCTIONS = [
    "make an appointment with the CBP One app", "Make an appointment with the CBP One app",
    "Go to your CBP appointment", "Bring your confirmation number", "use the app",
    "You must be in Central or Northwest Mexico to use the app",
    "You may have to wait for your screening at least 24 hours",
    "can help you explore your options, and you can make an appointment with them",
    "including some new programs",
]


@pytest.mark.parametrize("product", ["pamphlet-letter", "booklet-a4", "card", "help-lines-poster-letter"])
def test_the_english_pieces_print_none_of_the_instructions_the_sources_show_wrong(built, product):
    words = Pdf(built / "en" / f"know-your-rights-{product}.pdf" if "poster" not in product
                else built / "en" / f"{product}.pdf").words
    for instruction in OUT_OF_DATE_INSTRUCTIONS:
        assert instruction not in words, f"{product} still says: {instruction}"


def test_the_english_pamphlet_prints_each_rule_change_with_its_status(built):
    words = Pdf(built / "en" / "know-your-rights-pamphlet-letter.pdf").words
    for said in [
        # CBP One is CBP Home, an app for leaving: a warning, not an instruction.
        "The app is now called CBP Home, and it is for leaving the United States.",
        # The proclamation, struck down and under appeal: its status under it.
        "A proclamation of January 20, 2025 stops people from asking for asylum",
        "A court struck this down on July 2, 2025, and the decision is under appeal. This may change: ask a lawyer.",
        # Expedited removal's reach, whose court status no source settles.
        "A federal court paused the expansion on August 29, 2025",
        "This may have changed: ask a lawyer.",
        "the wait before the screening can be as short as 4 hours",
        # Ended programs, kept as warnings with the day they ended.
        "The parole programs for people from Cuba, Haiti, Nicaragua, and Venezuela have ended.",
        "Ended on March 25, 2025.",
        "The Safe Mobility Offices in Colombia, Costa Rica, Ecuador, and Guatemala have closed.",
        "send people to another country that has an agreement with the United States",
    ]:
        assert said in words, said
    # Near its date, the cover says that courts are deciding some of its rules.
    cover = Pdf(built / "en" / "know-your-rights-pamphlet-letter.pdf").pages[0].words
    assert cover.index("Information as of March 18, 2024") < cover.index("Courts are deciding some of these rules")


def test_a_status_line_stays_with_its_rule(built):
    """A status line never begins a page: a reader sees it under the rule it is said of."""
    for paper in ("letter", "a4"):
        pdf = Pdf(built / "en" / f"know-your-rights-pamphlet-{paper}.pdf")
        for page in pdf.pages[1:]:
            lines = [line.text for line in page.lines() if line.text.strip()]
            assert not lines[0].startswith(("This may have changed", "A court struck this down", "Ended on")), \
                (paper, lines[:2])


def test_the_information_date_is_the_oldest_check_of_the_rules_printed(project_copy):
    content = content_of(project_copy)
    claims = content.claims_printed_by("pamphlet")
    assert content.information.from_claims
    assert content.information.as_of == min(claim.as_of for claim in claims) == datetime.date(2024, 3, 18)
    # Every rule checked later: the date moves to the least recent of them.
    handout = project_copy / "content" / "handout.yml"
    card = project_copy / "content" / "card.yml"
    for path in (handout, card):
        path.write_text(path.read_text(encoding="utf-8").replace("as_of: 2024-03-18", "as_of: 2025-06-01")
                        .replace("as_of: 2024-10-07", "as_of: 2025-06-01"), encoding="utf-8")
    # The Safe Mobility warning's, checked on 2025-01-26; the ended rules not printed (CBP One's appointments,
    # checked on 2025-01-20) do not date the piece.
    assert content_of(project_copy).information.as_of == datetime.date(2025, 1, 26)
    # An as_of written for the information is the date, whatever the claims say.
    text = handout.read_text(encoding="utf-8")
    handout.write_text(text.replace("information:\n", "information:\n  as_of: 2024-05-01\n", 1), encoding="utf-8")
    dated = content_of(project_copy).information
    assert dated.as_of == datetime.date(2024, 5, 1) and not dated.from_claims


def set_recheck_by(project, key_line: str, day: datetime.date):
    """The recheck_by of the claim whose text starts on the line after `key_line` (a line of handout.yml)."""
    handout = project / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    start = text.index(key_line)
    end = text.index("recheck_by: ", start)
    line_end = text.index("\n", end)
    handout.write_text(text[:end] + f"recheck_by: {day.isoformat()}" + text[line_end:], encoding="utf-8")
    return text[:end].count("\n") + 1


def test_a_rule_past_its_recheck_date_stops_a_release_and_check_warns(project_copy, capsys):
    kit = ["--kit", str(project_copy)]
    release = ["build", *kit, "--languages", "en", "--products", "card", "--release", "--max-age-days", "100000",
               "--output", str(project_copy / "released")]
    main(release)
    before = capsys.readouterr().err
    assert "proclamation" not in before
    set_recheck_by(project_copy, "      proclamation:", TODAY - datetime.timedelta(days=1))
    assert main(release) == 1
    errors = capsys.readouterr().err
    line = next(line for line in errors.splitlines() if "sections.who_can_seek.body.proclamation" in line)
    assert re.search(r"content/handout\.yml:\d+", line), line
    assert f"to be checked again by {(TODAY - datetime.timedelta(days=1)).isoformat()}" in line
    # check names it among its warnings, and still passes on what it prints.
    main(["check", *kit, "--languages", "en"])
    warnings = capsys.readouterr()
    assert "past its recheck_by: sections.who_can_seek.body.proclamation (content/handout.yml:" in \
        warnings.out + warnings.err


def test_status_lists_the_rules_to_check_in_the_next_30_days(project_copy, capsys):
    set_recheck_by(project_copy, "      third_country:", TODAY + datetime.timedelta(days=10))
    set_recheck_by(project_copy, "      proclamation:", TODAY + datetime.timedelta(days=45))
    main(["status", "--kit", str(project_copy)])
    out = capsys.readouterr().out
    listed = out[out.index("Rules to check again"):]
    assert f"{(TODAY + datetime.timedelta(days=10)).isoformat()}  sections.who_can_seek.body.third_country" in listed
    assert "proclamation" not in listed


@pytest.mark.parametrize("written, message", [
    ("status: in force", "unknown status 'in force'"),
    ("status: blocked by a court", "since: missing"),
    ("source: someone said so", "no source 'someone said so'"),
])
def test_a_claim_that_is_not_whole_is_refused_naming_its_place(project_copy, capsys, written, message):
    handout = project_copy / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    start = text.index("      with_visa:")
    field = written.split(":")[0]
    at = text.index(f"        {field}: ", start)
    text = text[:at] + f"        {written}" + text[text.index("\n", at):]
    handout.write_text(text, encoding="utf-8")
    assert main(["status", "--kit", str(project_copy)]) == 1
    error = capsys.readouterr().err
    assert "content/handout.yml:" in error and "sections.who_can_seek.body.with_visa" in error
    assert message.split(":")[0] in error, error


def test_an_ended_rule_is_not_printed_unless_kept_as_a_warning(project_copy):
    content = content_of(project_copy)
    texts = [text for _, text, _ in printed_rules(content)]
    assert not any("make an appointment with the CBP One app" in text for text in texts)
    assert any("Safe Mobility Offices" in text and "have closed" in text for text in texts)
    claim = next(claim for key, _, claim in printed_rules(content) if key.endswith("safe_mobility_ended.text"))
    assert claim.status == ENDED and claim.warning
    assert all(claim.status != ENDED or claim.warning for _, _, claim in printed_rules(content))
    assert sum(claim.status == IN_EFFECT for _, _, claim in printed_rules(content)) > 40


def test_a_status_date_with_its_own_full_stop_ends_the_sentence_once(built):
    words = Pdf(built / "ru" / "know-your-rights-pamphlet-letter.pdf").words
    assert "Прекращено 24 января 2025 г." in words
    assert "г.." not in words
