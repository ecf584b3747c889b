"""Every language, read from its built PDFs: its own words, every code exact and in order, its fonts."""

import pytest

from conftest import LANGUAGES, TRANSLATED_LANGUAGES, content_of, translations_of
from conftest import PROJECT

CONTENT = content_of(PROJECT)
TRANSLATIONS = translations_of(PROJECT, TRANSLATED_LANGUAGES)
CARD_CODES = ["9233#", "9116#", "699#", "#566"]
RIGHT_TO_LEFT = ["ar", "fa-AF", "ps"]


def translated(language: str, msgctxt: str) -> str:
    if language == "en":
        return next(text.english for text in [CONTENT.title, CONTENT.card.front.title] if text.msgctxt == msgctxt)
    return TRANSLATIONS[language].strings[msgctxt]


# Not compared: the invisible isolates around codes in right-to-left text, and
# the Gurmukhi vowel sign i, which is drawn before its consonant and whose text
# the PDF's copy-and-paste map attaches to a neighbouring glyph.
NOT_COMPARED = "\u2066\u2067\u2068\u2069\u0a3f"


def without_isolates(words: str) -> str:
    return "".join(character for character in words if character not in NOT_COMPARED)


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_pamphlet_title_is_in_the_language(built, read_pdf, language):
    words = without_isolates(read_pdf(built / language / "know-your-rights-pamphlet-a4.pdf").pages[0].words)
    title = without_isolates(" ".join(translated(language, "handout:title").split()))
    assert title in words


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_card_front_has_its_title_and_every_code_exact_in_order(built, read_pdf, language):
    words = without_isolates(read_pdf(built / language / "know-your-rights-card.pdf").pages[0].words)
    assert without_isolates(translated(language, "card:front.title")) in words
    positions = [words.find(code) for code in CARD_CODES]
    assert -1 not in positions, dict(zip(CARD_CODES, positions))
    assert positions == sorted(positions)
    for wrong in ("#9233", "#9116", "#699", "566#"):
        assert wrong not in words


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_pamphlet_codes_and_numbers_are_unchanged_in_order(built, read_pdf, language):
    words = without_isolates(read_pdf(built / language / "know-your-rights-pamphlet-letter.pdf").words)
    table_order = ["9233#", "209-757-3733", "9116#", "1-888-351-4024", "699#", "1-800-203-7001", "#566"]
    position = 0
    for token in table_order:
        found = words.find(token, position)
        assert found >= 0, f"{token} missing or out of order"
        position = found + len(token)
    assert "https://locator.ice.gov/odls" in words


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_card_qr_code_decodes_in_every_language(built, read_pdf, language):
    codes = read_pdf(built / language / "know-your-rights-card.pdf").pages[0].qr_codes(dpi=300)
    assert [code.text for code in codes] == [CONTENT.settings.help_url]
    assert codes[0].symbol_width_mm >= 20.0


@pytest.mark.parametrize("language", RIGHT_TO_LEFT)
def test_right_to_left_card_is_laid_out_right_to_left(built, read_pdf, language):
    page = read_pdf(built / language / "know-your-rights-card.pdf").pages[0]
    code = page.qr_codes(dpi=300)[0]
    assert code.left_mm < 10  # the QR code moves to the left edge
    # The first code of each row reads from the right: 9233# is right of 9116#.
    assert page.find_all("9233#")[0].left > page.find_all("9116#")[0].left


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_card_back_stays_english_and_asks_for_an_interpreter(built, read_pdf, language):
    back = read_pdf(built / language / "know-your-rights-card.pdf").pages[1].words
    name = LANGUAGES[language].english_name
    assert "I am afraid to return to my country. I want to apply for asylum." in back
    assert f"I speak {name}. I need an interpreter for {name}." in back


def test_interpreter_names_are_the_spoken_languages():
    names = {code: LANGUAGES[code].english_name for code in ("fa-AF", "zh-Hans", "pt-BR", "ht", "pa", "ti")}
    assert names == {"fa-AF": "Dari", "zh-Hans": "Mandarin", "pt-BR": "Portuguese",
                     "ht": "Haitian Creole", "pa": "Punjabi", "ti": "Tigrinya"}


@pytest.mark.parametrize("language, own_name", [("fa-AF", "دری"), ("pa", "ਪੰਜਾਬੀ"), ("ru", "русский"),
                                                ("ti", "ትግርኛ"), ("zh-Hans", "简体中文")])
def test_pamphlet_names_its_language_in_that_language(built, read_pdf, language, own_name):
    assert own_name in read_pdf(built / language / "know-your-rights-pamphlet-a4.pdf").pages[0].words


@pytest.mark.parametrize("language, date", [("es", "18 de marzo de 2024"), ("fr", "18 mars 2024"),
                                            ("ru", "18 марта 2024"), ("zh-Hans", "2024年3月18日"),
                                            ("ht", "18 mas 2024"), ("ti", "18 መጋቢት 2024"),
                                            ("en", "March 18, 2024")])
def test_dates_are_written_the_languages_way(built, read_pdf, language, date):
    assert date in without_isolates(read_pdf(built / language / "know-your-rights-card.pdf").pages[0].words)


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_draft_piece_says_so_in_the_language_and_in_english(built, read_pdf, language):
    # Without its final full stop, which a right-to-left line shows at its left
    # end and extraction therefore puts first.
    draft = without_isolates(" ".join(TRANSLATIONS[language].strings["labels:draft_translation"].split())).rstrip(".")
    english = "Draft translation, not yet reviewed."
    for page in read_pdf(built / language / "know-your-rights-pamphlet-letter.pdf").pages:
        words = without_isolates(page.words)
        assert draft in words and english in words
    back = without_isolates(read_pdf(built / language / "know-your-rights-card.pdf").pages[1].words)
    assert draft in back and english in back


def test_english_edition_is_not_marked_draft(built, read_pdf):
    assert "Draft translation" not in read_pdf(built / "en" / "know-your-rights-pamphlet-letter.pdf").words
    assert "Draft translation" not in read_pdf(built / "en" / "know-your-rights-card.pdf").words


@pytest.mark.parametrize("language", TRANSLATED_LANGUAGES)
def test_every_catalog_is_a_complete_draft(language):
    translation = TRANSLATIONS[language]
    assert translation.is_draft
    assert not translation.missing and not translation.fuzzy
