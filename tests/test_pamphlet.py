"""The pamphlet, read from the built PDFs: size, text, order, codes and QR codes."""

import re

import pytest

from conftest import LANGUAGES, POINTS_PER_MM, PROJECT, content_of

CONTENT = content_of(PROJECT)


def assert_in_order(words: str, expected: list[str]) -> None:
    """Each of `expected` appears in `words`, each after the one before it."""
    position = 0
    for text in expected:
        found = words.find(text, position)
        assert found >= 0, f"{text!r} missing after position {position}"
        position = found + len(text)
PAPER_SIZES_MM = {"letter": (215.9, 279.4), "a4": (210.0, 297.0)}


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_every_page_has_the_paper_size(built, read_pdf, paper):
    pdf = read_pdf(built / "en" / f"know-your-rights-pamphlet-{paper}.pdf")
    assert len(pdf.pages) >= 4
    for page in pdf.pages:
        assert (page.width_mm, page.height_mm) == pytest.approx(PAPER_SIZES_MM[paper], abs=0.2)


@pytest.mark.parametrize("language", ["en", "ar"])
def test_letter_and_a4_carry_the_same_pages_centred_on_the_paper(built, read_pdf, language):
    letter = read_pdf(built / language / "know-your-rights-pamphlet-letter.pdf")
    a4 = read_pdf(built / language / "know-your-rights-pamphlet-a4.pdf")
    assert [page.words for page in letter.pages] == [page.words for page in a4.pages]
    for on_letter_page, on_a4_page in zip(letter.pages, a4.pages):
        # The year, in the information date at the foot of every page.
        on_letter, on_a4 = on_letter_page.find_all("2024")[0], on_a4_page.find_all("2024")[0]
        # Letter is 5.9 mm wider than A4 and 17.6 mm shorter: half of each on either side.
        assert on_letter.left == pytest.approx(on_a4.left + (215.9 - 210) / 2, abs=0.1)
        assert on_letter.top == pytest.approx(on_a4.top - (297 - 279.4) / 2, abs=0.1)
        assert 15 < on_a4.left and on_a4.right < 195


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_sections_appear_in_the_order_of_the_source(built, read_pdf, paper):
    words = read_pdf(built / "en" / f"know-your-rights-pamphlet-{paper}.pdf").words
    headings = ["Seeking asylum at the U.S.-Mexico border", "What is asylum?",
                "Who can seek asylum at the U.S. border?", "What is the process?",
                "What to expect when detained", "Your rights while detained", "Detention facility",
                "Other forms of protection", "Find help", "Local organizations near the border"]
    assert_in_order(words, headings)


def test_process_is_numbered_steps_in_order(built, read_pdf):
    words = read_pdf(built / "en" / "know-your-rights-pamphlet-letter.pdf").words
    # CBP One's two steps of an appointment ended in 2025: they are not printed, and the steps count on.
    steps = ["1 What CBP decides", "2 If you receive a Notice to Appear", "3 If you are placed in expedited removal",
             "4 The credible fear screening"]
    assert_in_order(words, steps)


def test_every_page_shows_the_information_date_and_page_number(built, read_pdf):
    pdf = read_pdf(built / "en" / "know-your-rights-pamphlet-a4.pdf")
    for number, page in enumerate(pdf.pages, start=1):
        assert "Information as of March 18, 2024" in page.words
        assert f"Page {number} of {len(pdf.pages)}" in page.words


def test_speed_dial_codes_are_printed_exactly_with_who_answers(built, read_pdf):
    words = read_pdf(built / "en" / "know-your-rights-pamphlet-letter.pdf").words
    for code, who, number in [
        ("9233#", "Freedom for Immigrants", "209-757-3733"),
        ("9116#", "ICE Detention Reporting and Information Line", "1-888-351-4024"),
        ("699#", "ORR Parent Hotline", "1-800-203-7001"),
        ("#566", "UNHCR protection line", None),
    ]:
        assert f"{code} {who}" in words
        if number:
            assert number in words
    # A code with its # on the wrong side reaches nobody.
    for wrong in ("#9233", "#9116", "#699", "566#"):
        assert wrong not in words


def test_codes_are_large_enough_to_copy_by_hand(built, read_pdf):
    page = next(p for p in read_pdf(built / "en" / "know-your-rights-pamphlet-letter.pdf").pages if "9233#" in p.words)
    assert page.find_all("9233#")[0].font_size_pt >= 16


def test_body_text_is_at_least_10_pt(built, read_pdf):
    pdf = read_pdf(built / "en" / "know-your-rights-pamphlet-letter.pdf")
    for sentence in ("Asylum is a form of protection", "Follow instructions.",
                     "You have the right to remain silent and to speak to an attorney."):
        hits = [hit for page in pdf.pages for hit in page.find_all(sentence)]
        assert hits, sentence
        assert all(hit.font_size_pt >= 10 for hit in hits)


def test_organizations_are_listed_under_their_state(built, read_pdf):
    words = read_pdf(built / "en" / "know-your-rights-pamphlet-letter.pdf").words
    start = words.find("Local organizations near the border")
    listing = words[start:]
    for group in CONTENT.directory.states:
        state = listing.find(group.state.english)
        assert state >= 0, group.state.english
        for organization in group.organizations:
            assert organization.name in listing


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_qr_codes_decode_to_the_directory_web_addresses(built, read_pdf, paper):
    pdf = read_pdf(built / "en" / f"know-your-rights-pamphlet-{paper}.pdf")
    decoded = sorted(code.text for page in pdf.pages for code in page.qr_codes(dpi=200))
    expected = sorted([CONTENT.directory.locator.web]
                      + [line.web for line in CONTENT.directory.help_lines if line.web])
    assert decoded == expected


def test_source_and_not_legal_advice_are_printed(built, read_pdf):
    words = read_pdf(built / "en" / "know-your-rights-pamphlet-a4.pdf").words
    assert "Source: “Seeking asylum at the U.S.-Mexico border”" in words
    assert "This information is not legal advice." in words
    assert "Printed by Sample Organization." in words


def _body_lines(page):
    """The page's lines between its running header and footer, in body text size."""
    return [line for line in page.lines() if 25 < line.baseline_mm < page.height_mm - 22 and line.size_pt < 12]


@pytest.mark.parametrize("language", LANGUAGES)
def test_no_paragraph_breaks_a_line_after_a_word_or_two(built, read_pdf, language):
    """A short line followed, at the paragraph's own line spacing, by a full one from the same edge is a line
    broken too early (the Punjabi pamphlet printed «ਜੇ» alone above a full line)."""
    pdf = read_pdf(built / language / "know-your-rights-pamphlet-letter.pdf")
    for number, page in enumerate(pdf.pages, start=1):
        lines = _body_lines(page)
        widest = max((line.right_mm - line.left_mm for line in lines), default=0)
        for line, following in zip(lines, lines[1:]):
            same_edge = (abs(line.left_mm - following.left_mm) < 1 if line.right_mm < widest / 2 + line.left_mm
                         else abs(line.right_mm - following.right_mm) < 1)
            next_in_paragraph = (abs(line.size_pt - following.size_pt) < 0.1 and
                                 following.baseline_mm - line.baseline_mm < 1.5 * line.size_pt / POINTS_PER_MM)
            if same_edge and next_in_paragraph and following.right_mm - following.left_mm > 0.85 * widest:
                assert line.right_mm - line.left_mm > 0.25 * widest, \
                    f"{language} page {number}: {line.text!r} alone above {following.text[:30]!r}"


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_last_page_is_not_left_almost_empty(built, read_pdf, language):
    """A last page holding only a few lines costs every copy a sheet: the pamphlet is set tighter instead."""
    pdf = read_pdf(built / language / "know-your-rights-pamphlet-letter.pdf")
    last = pdf.pages[-1]
    lines = _body_lines(last)
    assert lines, f"{language}: the last page holds no text"
    top, bottom = 18, last.height_mm - 20  # the pamphlet's page margins
    assert (max(line.baseline_mm for line in lines) - top) / (bottom - top) > 0.3, \
        f"{language}: the last of {len(pdf.pages)} pages holds only {len(lines)} lines"


def test_chinese_sentences_are_joined_without_a_space(built, read_pdf):
    """Chinese writes no space after «。»: where a help line's description and hours meet, none is printed."""
    pdf = read_pdf(built / "zh-Hans" / "know-your-rights-pamphlet-letter.pdf")
    text = "\n".join(page.text for page in pdf.pages)
    assert re.search(r"。每天24小时\s*服务。", text), "no help line with its description and hours found"
