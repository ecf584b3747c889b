"""The message for messaging apps: the card's front first, then the document; WhatsApp's marks only; every code
and phone number on a line of its own that shows in its order in either paragraph direction (the Unicode
bidirectional algorithm, as python-bidi implements it); its date and source; its SMS cost in status and on
the index page; made again only when what it prints changed."""

import shutil

import pytest
from bidi import get_display

from handouts.cli import main
from handouts.commands.build import BuildRequest, build
from handouts.sms import sms_cost
from handouts.i18n.editions import editions
from conftest import LANGUAGES, PROJECT, content_of, copy_project, translations_of

# Each language's edition of the guide, as the build prints it.
EDITIONS = dict(zip(LANGUAGES, editions(content_of(PROJECT), list(LANGUAGES.values()),
                                        translations_of(PROJECT, [code for code in LANGUAGES if code != "en"]))))

CODES = ("9233#", "9116#", "699#", "#566")
PHONES = ("209-757-3733", "1-888-351-4024", "1-800-203-7001")
MARKS = "\u200e\u200f\u2066\u2067\u2068\u2069"


def message(built, language, document="know-your-rights"):
    return (built / language / f"{document}-message.txt").read_text(encoding="utf-8")


def shown(line: str, direction: str) -> str:
    """The line as an app shows it in a paragraph of that direction, its invisible marks left out."""
    return "".join(character for character in get_display(line, base_dir=direction) if character not in MARKS)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_code_and_number_is_on_its_own_line_in_its_order_either_way(built, language):
    for document in ("know-your-rights", "help-lines-poster"):
        lines = message(built, language, document).splitlines()
        # The guide and the poster give each help line's code and its number from any other phone.
        for value in CODES + PHONES:
            holding = [line for line in lines if value in line]
            assert holding, (document, value)
            for line in holding:
                assert line.strip(MARKS) == value, (document, line)
                assert shown(line, "R") == value and shown(line, "L") == value, (document, line)


def test_a_code_inside_right_to_left_prose_would_be_turned_round():
    # Why each code has a line of its own: in a sentence of Arabic, "9233#" shows as "#9233".
    assert "#9233" in get_display("اتصل 9233# الآن", base_dir="R")


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_card_comes_first_then_the_guide_its_date_and_source(built, language):
    text = message(built, language)
    edition = EDITIONS[language]
    card_title, guide_title = (edition.text(edition.content.card.front.title), edition.text(edition.content.title))
    # The card's title, then its codes, all before the guide's title; the date and source close the message.
    assert text.splitlines()[0] == f"*{card_title}*"
    assert text.index(CODES[0]) < text.index(CODES[-1]) < text.index(f"\n*{guide_title}*\n")
    assert text.index(f"\n*{guide_title}*\n") < text.index(f"\n*{edition.information_as_of}*\n")
    # WhatsApp's marks only: no table, no markup, no heading marks, no tabs.
    assert "<" not in text and "|" not in text and "\t" not in text and "```" not in text
    assert not any(line.startswith(("# ", "## ")) for line in text.splitlines())


def test_the_english_message_says_its_date_status_and_source(built):
    text = message(built, "en")
    assert text.startswith("*Know your rights*\nIf you are detained\n- You have the right to remain silent.\n")
    assert "\n*Information as of March 18, 2024*\n" in text
    assert "\nSource: “Seeking asylum at the U.S.-Mexico border”" in text
    assert "> A court struck this down on July 2, 2025, and the decision is under appeal." in text
    assert "Courts are deciding some of these rules" in text
    assert "\nhttps://example.org/help\n" in text  # a bare address, for the app to link
    poster = message(built, "en", "help-lines-poster")
    assert poster.startswith("*Free help lines*\n") and "*Information as of March 18, 2024*" in poster


def test_a_translated_message_is_marked_a_draft_in_its_language_and_in_english(built):
    text = message(built, "ar")
    assert text.rstrip().endswith("Draft translation, not yet reviewed.")
    assert "(NTA, Form I-862)" in text.replace("\u2066", "").replace("\u2069", "")


@pytest.mark.parametrize("text, encoding, segments", [
    ("Call 9233# now.", "GSM-7", 1),
    ("a" * 160, "GSM-7", 1),
    ("a" * 161, "GSM-7", 2),  # 153 a part once it is more than one
    ("€" * 81, "GSM-7", 2),  # the euro sign takes two septets: 162
    ("اتصل " * 14, "UCS-2", 1),  # 70 characters
    ("اتصل " * 14 + "!", "UCS-2", 2),
    ("🙂" * 35, "UCS-2", 1),  # two UTF-16 units each
])
def test_the_sms_cost_of_a_text(text, encoding, segments):
    cost = sms_cost(text)
    assert (cost.encoding, cost.segments) == (encoding, segments)


def test_status_and_the_index_page_tell_each_messages_sms_cost(built, tmp_path, capsys):
    project = copy_project(tmp_path / "project")
    # Read, never written: the shared build itself, not a copy of it.
    (project / "output").symlink_to(built, target_is_directory=True)
    main(["status", "--kit", str(project)])
    out = capsys.readouterr().out
    line = next(line for line in out.splitlines() if line.startswith("SMS cost of know-your-rights-message.txt"))
    for code in LANGUAGES:
        assert f"{code} {sms_cost(message(built, code))}" in line
    index = (built / "index.html").read_text(encoding="utf-8")
    assert f"by SMS: {sms_cost(message(built, 'es'))}" in index


def test_a_message_is_written_again_only_when_what_it_prints_changed(built, tmp_path):
    project = copy_project(tmp_path / "project")
    shutil.copytree(built, project / "output")
    card = project / "content" / "card.yml"
    # The card's back, for the officer, is on the card, not in the message (a string translated on the card
    # would be: the message then says what of it prints in English).
    card.write_text(card.read_text(encoding="utf-8").replace("I will not sign anything before I speak to a lawyer.",
                                                             "I will sign nothing before I speak to a lawyer."),
                    encoding="utf-8")
    request = BuildRequest(project_dir=project, output_dir=project / "output", languages=("en", "ar"),
                           products=("message",))
    assert not build(request).written
    handout = project / "content" / "handout.yml"
    handout.write_text(handout.read_text(encoding="utf-8").replace("    heading: What is asylum?",
                                                                   "    heading: What is asylum, in law?"),
                       encoding="utf-8")
    written = sorted(path.relative_to(project / "output").as_posix() for path in build(request).written)
    assert written == ["ar/know-your-rights-message.txt", "en/know-your-rights-message.txt"]
    assert "*What is asylum, in law?*" in message(project / "output", "en")
