"""The wallet card, read from the built PDF: ID-1 size, the front's rights and codes, the back's statement."""

import pytest

from conftest import PROJECT, content_of

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("card")


CONTENT = content_of(PROJECT)
ID1_MM = (85.6, 54.0)
CODES_IN_CARD_ORDER = ["9233#", "9116#", "699#", "#566"]


@pytest.fixture(scope="module")
def card(built, read_pdf):
    return read_pdf(built / "en" / "know-your-rights-card.pdf")


def test_card_is_two_id1_pages(card):
    assert len(card.pages) == 2
    for page in card.pages:
        assert (page.width_mm, page.height_mm) == pytest.approx(ID1_MM, abs=0.1)


def test_front_states_the_holders_rights(card):
    words = card.pages[0].words
    assert "Know your rights" in words
    for right in ("You have the right to remain silent.", "You have the right to speak to a lawyer.",
                  "Do not sign anything before you speak to a lawyer.",
                  "You have the right to a phone call to your family."):
        assert right in words


def test_front_lists_every_speed_dial_code_exactly_in_order(card):
    words = card.pages[0].words
    positions = [words.find(code + " ") for code in CODES_IN_CARD_ORDER]
    assert -1 not in positions, dict(zip(CODES_IN_CARD_ORDER, positions))
    assert positions == sorted(positions)
    for wrong in ("#9233", "#9116", "#699", "566#"):
        assert wrong not in words


def test_front_has_date_and_write_in_lines(card):
    words = card.pages[0].words
    assert "Information as of March 18, 2024" in words
    assert "Family phone:" in words
    assert "Lawyer phone:" in words


def test_front_qr_code_opens_the_help_page_and_is_at_least_20_mm(card):
    codes = card.pages[0].qr_codes(dpi=300)
    assert [code.text for code in codes] == [CONTENT.settings.help_url]
    assert codes[0].symbol_width_mm >= 20.0


def test_front_qr_code_has_its_quiet_zone_inside_the_card(card):
    code = card.pages[0].qr_codes(dpi=300)[0]
    module_mm = code.symbol_width_mm / 25  # the sample help URL makes a version 2 code: 25 modules
    quiet_zone_mm = 4 * module_mm
    assert code.top_mm >= quiet_zone_mm - 0.2
    assert code.left_mm + code.symbol_width_mm + quiet_zone_mm <= ID1_MM[0] + 0.2


def test_no_text_on_the_card_is_smaller_than_6_5_pt(card):
    for page in card.pages:
        assert min(page.font_sizes()) >= 6.45


def test_back_is_the_english_statement_for_the_officer(card):
    words = card.pages[1].words
    for sentence in ("To the officer",
                     "I am giving you this card instead of speaking.",
                     "I am afraid to return to my country. I want to apply for asylum.",
                     "I ask for a credible fear interview",
                     "I wish to remain silent, and I want to speak to a lawyer.",
                     "I will not sign anything before I speak to a lawyer.",
                     "Information as of March 18, 2024"):
        assert sentence in words


def test_nothing_spills_off_the_card(card):
    for page in card.pages:
        image = page.image(dpi=150, grey=True)
        width, height = image.size
        # The last millimetre along every edge is blank: nothing was cut off.
        edge = round(150 / 25.4)
        for box in ((0, 0, width, edge), (0, height - edge, width, height),
                    (0, 0, edge, height), (width - edge, 0, width, height)):
            assert image.crop(box).getextrema()[0] > 200, box


@pytest.mark.parametrize("language", ["en", "ar", "fa-AF", "ps", "pa"])
def test_the_qr_caption_is_under_the_code(built, read_pdf, language):
    """In left-to-right, right-to-left and Gurmukhi editions alike, the caption is read under the code."""
    page = read_pdf(built / language / "know-your-rights-card.pdf").pages[0]
    caption = "Scan for help" if language == "en" else caption_in(language)
    [found] = page.find_all(caption)
    [code] = page.qr_codes()
    assert found.top > code.top_mm + code.symbol_width_mm
    assert code.left_mm - 2 < found.left and found.right < code.left_mm + code.symbol_width_mm + 2


def caption_in(language):
    from babel.messages.pofile import read_po
    catalog = read_po((PROJECT / "content" / "translations" / f"{language}.po").open("rb"))
    return next(message for message in catalog if message.context == "card:front.qr_caption").string
