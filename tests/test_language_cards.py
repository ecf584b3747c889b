"""The "I speak" cards and the point-to-your-language sheet, read from the PDFs: every language of the table by
its own name, its English name on its card's back, backs behind fronts, and a table that refuses a name no source
gives, or no font can print."""

import json
import math
import re

import pikepdf
import pypdfium2
import pytest
from babel import Locale
from conftest import PROJECT, Pdf, content_of
from PIL import Image
from test_kits import replace_in
from test_print_sheet import BLEED_MM, SAFE_ZONE_MM, Box, read_side

from handouts.commands.build import BuildRequest, build, plan
from handouts.cli import main
from handouts.errors import ContentError, RenderError
from handouts.layout.card_stocks import (
    CARD_STOCKS,
    PRINT_SHOP_SHEETS,
    back_placements,
    front_placements,
)

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("language-cards")


TABLE = content_of(PROJECT, "i-speak").language_cards.table
LANGUAGES = TABLE.languages
FOLDER = "languages"
ID1_MM = (85.6, 54.0)
POINTS_PER_MM = 72 / 25.4
# Names in the scripts the issue names, as the table writes them: each must be found as written.
AS_WRITTEN = {"hi": "हिन्दी", "bn": "বাংলা", "ti": "ትግርኛ", "am": "አማርኛ", "ka": "ქართული", "ar": "العربية",
              "quc": "K’iche’", "kjb": "Q’anjob’al"}


def by_code(code: str):
    return next(language for language in LANGUAGES if language.code == code)


@pytest.fixture(scope="module")
def cards(built) -> Pdf:
    return Pdf(built / FOLDER / "i-speak-card.pdf")


def test_the_table_has_the_languages_people_at_the_border_need():
    codes = {language.code for language in LANGUAGES}
    assert len(codes) >= 40
    needed = {"en", "es", "fr", "ht", "pt-BR", "ru", "tr", "ar", "fa-AF", "ps", "zh-Hans", "pa", "ti", "hi", "ne",
              "bn", "ur", "gu", "vi", "wo", "ff", "so", "am", "uz", "uk", "ro", "ka", "qu", "qug", "mam", "quc", "kjb",
              "knj", "cac", "kek", "ixl", "cak", "cab", "x-mixtec", "zap"}
    assert needed <= codes, needed - codes
    for code, name in AS_WRITTEN.items():
        assert by_code(code).own.text == name
    # Every name printed has a source that names a public page.
    for language in LANGUAGES:
        for name in (language.own, language.english, language.spanish):
            assert name is None or re.search(r"[a-z0-9-]+\.(org|gov|gt|mx|com|edu)\b", name.source), name


def test_every_name_said_to_come_from_cldr_is_cldrs():
    """A source is only as good as its check: each name credited to CLDR is the one CLDR gives, for the
    language's tag or, for a written variety (pt-BR, zh-Hans), for the spoken language."""
    checked = 0
    for language in LANGUAGES:
        for kind, reader in (("own", language.code), ("english", "en"), ("spanish", "es")):
            name = getattr(language, kind)
            if name is None or not name.source.startswith("Unicode CLDR"):
                continue
            names = Locale.parse(reader, sep="-").languages
            tag = language.code.replace("-", "_")
            assert name.text in (names.get(tag), names.get(tag.split("_")[0])), (language.code, kind, name.text)
            checked += 1
    assert checked > 80


@pytest.mark.parametrize("paper, size_mm", [("letter", (215.9, 279.4)), ("a4", (210.0, 297.0))])
def test_the_sheet_shows_every_language_by_its_own_name_with_its_english_name(built, paper, size_mm):
    sheet = Pdf(built / FOLDER / f"i-speak-language-sheet-{paper}.pdf")
    assert 1 <= len(sheet.pages) <= 2
    for page in sheet.pages:
        assert (round(page.width_mm, 1), round(page.height_mm, 1)) == size_mm
    assert sheet.pages[0].words.startswith("Point to your language. Señale su idioma.")
    for language in LANGUAGES:
        assert language.shown_name.text in sheet.words, language.code
        # Its English name, small, unless that is its own name with a plain apostrophe (K'iche').
        assert language.english_is_own or language.english.text in sheet.words, language.code
    for code, name in AS_WRITTEN.items():
        assert name in sheet.words
    for page in sheet.pages:
        assert page.overprinted_lines() == []


def test_the_sheet_is_in_groups_a_person_can_scan(built):
    sheet = Pdf(built / FOLDER / "i-speak-language-sheet-letter.pdf")
    words = sheet.words
    headings = [group.heading.upper() for group in TABLE.groups]
    positions = [words.index(heading) for heading in headings]
    assert positions == sorted(positions)
    # Each language sits under its own group's heading.
    for language in LANGUAGES:
        at = words.index(language.shown_name.text)
        under = max(index for index, position in enumerate(positions) if position < at)
        assert TABLE.groups[under] == language.group, language.code
    # Names are large; English names small.
    page = sheet.pages[0]
    assert page.find_all("Kaqchikel")[0].font_size_pt >= 13
    assert page.find_all("Haitian Creole")[0].font_size_pt <= 8


def test_the_sheet_has_a_picture_for_phones(built):
    picture = Image.open(built / FOLDER / "i-speak-language-sheet-phone.png")
    assert picture.width == 1080 and picture.height > 2 * picture.width


def test_each_card_names_its_language_on_the_front_and_asks_for_its_interpreter_on_the_back(cards):
    assert len(cards.pages) == 2 * len(LANGUAGES)
    for page in cards.pages:
        assert (round(page.width_mm, 1), round(page.height_mm, 1)) == ID1_MM
    for index, language in enumerate(LANGUAGES):
        front, back = cards.pages[2 * index].words, cards.pages[2 * index + 1].words
        english = language.english.text
        assert language.shown_name.text in front, language.code
        assert back.startswith("To the officer or the court")
        code = f" (ISO 639-3: {language.iso639_3})" if language.iso639_3 else ""
        assert f"I speak {english}{code}. I need an interpreter for {english}." in back, language.code
        assert ("Spanish is not my language." in back) == language.group.spanish_is_not_their_language
        if language.note:
            assert language.note in back
    for code, name in AS_WRITTEN.items():
        index = LANGUAGES.index(by_code(code))
        assert name in cards.pages[2 * index].words


def test_a_mayan_card_says_in_spanish_that_spanish_is_not_its_language(cards):
    index = LANGUAGES.index(by_code("mam"))
    front = cards.pages[2 * index].words
    assert front.startswith("Mam (ISO 639-3: mam) Mam")
    assert front.endswith("Hablo mam. Necesito un intérprete de mam, no de español.")
    assert "I speak Mam (ISO 639-3: mam). I need an interpreter for Mam. Spanish is not my language." in \
        cards.pages[2 * index + 1].words
    # Spanish is drafted by the kit, and the card says so, in English, to the officer.
    assert "Spanish: Draft translation, not yet reviewed." in cards.pages[2 * index + 1].words


def test_the_holder_says_i_speak_in_their_language_where_the_kit_has_it(cards):
    for code, sentence in (("en", "I speak English."), ("es", "Hablo español.")):
        index = LANGUAGES.index(by_code(code))
        assert sentence in cards.pages[2 * index].words
    # No catalog for Hindi: its card shows the name alone, never an English sentence on the holder's side.
    index = LANGUAGES.index(by_code("hi"))
    assert cards.pages[2 * index].words == "Hindi (ISO 639-3: hin) हिन्दी"


def test_no_card_has_a_line_printed_over_another(cards):
    for page in cards.pages:
        assert page.overprinted_lines() == []


def slot_of(point: tuple[float, float], slots: list[tuple[float, float]], card_mm: tuple[float, float]) -> int:
    """Which card slot (by its top-left corner, mm from the page's top-left) holds the point."""
    x, y = point
    (index,) = [number for number, (left, top) in enumerate(slots)
                if left <= x <= left + card_mm[0] and top <= y <= top + card_mm[1]]
    return index


@pytest.mark.parametrize("product, stocks", [("card-sheet", CARD_STOCKS), ("print-sheet", PRINT_SHOP_SHEETS)])
@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_each_back_is_behind_its_own_front_on_the_sheets(built, product, stocks, paper):
    stock = stocks[paper]
    sheet = Pdf(built / FOLDER / f"i-speak-{product}-{paper}.pdf")
    per_sheet = stock.columns * stock.rows
    assert len(sheet.pages) == 2 * math.ceil(len(LANGUAGES) / per_sheet)
    fronts = [(p.x_mm, p.y_mm) for p in front_placements(stock)]
    backs = [(p.x_mm, p.y_mm) for p in back_placements(stock, "long-edge")]
    for index, language in enumerate(LANGUAGES):
        number, slot = divmod(index, per_sheet)
        # The English name at the top of the front (the large name may be the same word).
        tops = [found for found in sheet.pages[2 * number].find_all(language.english.text)
                if slot_of((found.left, found.top), fronts, stock.card_size_mm) == slot]
        assert tops, language.code
        found = sheet.pages[2 * number + 1].find_all(f"I speak {language.english.text}")
        assert any(slot_of((hit.left, hit.top), backs, stock.card_size_mm) == slot for hit in found), language.code


@pytest.mark.parametrize("paper", ["letter", "a4"])
def test_all_text_of_the_print_shop_cards_is_at_least_3_mm_inside_its_card(built, paper):
    path = built / FOLDER / f"i-speak-print-sheet-{paper}.pdf"
    pdf, sides = pypdfium2.PdfDocument(path), pikepdf.open(path)
    printed = 0
    for index in range(len(pdf)):
        safe_areas = [card.grown(-BLEED_MM[paper] - SAFE_ZONE_MM) for card in read_side(sides, index).placed]
        text = pdf[index].get_textpage()
        for character in range(text.count_chars()):
            if text.get_text_range(character, 1).isspace():
                continue
            left, bottom, right, top = (value / POINTS_PER_MM for value in text.get_charbox(character))
            assert any(area.contains(Box(left, bottom, right, top)) for area in safe_areas), \
                f"{text.get_text_range(character, 1)!r} on page {index + 1} is in a card's outer {SAFE_ZONE_MM} mm"
            printed += 1
    assert printed > 54 * 2 * 20


def test_a_short_edge_print_shop_turns_each_back_behind_its_front(project_copy, tmp_path):
    replace_in(project_copy / "handouts.yml", "print_shop_flip: long-edge", "print_shop_flip: short-edge")
    build(BuildRequest(project_dir=project_copy, output_dir=tmp_path / "output", documents=("i-speak",),
                       products=("print-sheet",), papers=("a4",)))
    stock = PRINT_SHOP_SHEETS["a4"]
    sheet = Pdf(tmp_path / "output" / FOLDER / "i-speak-print-sheet-a4.pdf")
    backs = [(p.x_mm, p.y_mm) for p in back_placements(stock, "short-edge")]
    for slot, language in enumerate(LANGUAGES[:stock.columns * stock.rows]):
        hits = sheet.pages[1].find_all(f"I speak {language.english.text}")
        # Turned half round, the text's box is still inside the card's slot.
        assert any(slot_of(((hit.left + hit.right) / 2, (hit.top + hit.bottom) / 2), backs, stock.card_size_mm)
                   == slot for hit in hits), language.code


def test_the_listing_names_the_cards_and_the_sheet(built):
    files = {entry["path"]: entry for entry in json.loads((built / "manifest.json").read_text())["files"]}
    made = {path for path in files if path.startswith(f"{FOLDER}/")}
    assert made == {f"{FOLDER}/i-speak-{name}" for name in (
        "card.pdf", "card-sheet-letter.pdf", "card-sheet-a4.pdf", "print-sheet-letter.pdf", "print-sheet-a4.pdf",
        "print-card-letter.pdf", "print-card-a4.pdf", "language-sheet-letter.pdf", "language-sheet-a4.pdf", "language-sheet-phone.png")}
    assert all(files[path]["current"] and files[path]["document"] == "i-speak" for path in made)
    page = (built / "index.html").read_text()
    assert "Point-to-your-language sheet, Letter" in page and "Cards (wallet size), one per language" in page


def test_a_name_without_a_source_is_refused_with_its_file_line_and_key(project_copy):
    table = project_copy / "content" / "languages.yml"
    lines = table.read_text(encoding="utf-8").splitlines()
    start = lines.index("- code: mam")
    name = lines.index("    own: Mam", start)
    assert lines[name + 3:name + 5] == ["  sources:", "    own: almg-dca"]
    del lines[name + 4]
    table.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(ContentError) as raised:
        content_of(project_copy, "i-speak")
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.key) == ("content/languages.yml", name + 1,
                                                         "languages[4] (mam).names.own")
    assert "no source" in problem.message


def test_a_name_the_fonts_cannot_print_is_refused_with_its_file_line_and_key(project_copy, capsys):
    table = project_copy / "content" / "languages.yml"
    # A Javanese letter: no shipped font draws it, so it would print as an empty box.
    replace_in(table, "    own: Mam\n", "    own: Mam ꦩ\n")
    line = table.read_text(encoding="utf-8").splitlines().index("    own: Mam ꦩ") + 1
    with pytest.raises(ContentError) as raised:
        plan(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", documents=("i-speak",)))
    (problem,) = raised.value.problems
    assert (problem.file, problem.line, problem.key) == ("content/languages.yml", line, "languages[4] (mam).names.own")
    assert "U+A9A9" in problem.message
    # On the command line: one message naming the place, never a traceback.
    assert main(["build", "--kit", str(project_copy), "--documents", "i-speak"]) == 1
    errors = capsys.readouterr().err
    assert f"content/languages.yml:{line}" in errors and "languages[4] (mam).names.own" in errors
    assert "Traceback" not in errors


def test_the_cards_are_made_for_every_language_at_once(project_copy, capsys):
    assert main(["build", "--kit", str(project_copy), "--documents", "i-speak", "--languages", "es"]) == 1
    assert "made once for every language" in capsys.readouterr().err


def test_a_spanish_line_too_long_for_its_card_stops_the_cards_naming_what_it_is_printed_over(project_copy):
    catalog = project_copy / "content" / "translations" / "es.po"
    long_line = "Hablo {language}. " + "Necesito un intérprete de {language}, no de español, por favor. " * 14
    text = catalog.read_text(encoding="utf-8")
    old = 'msgstr "Hablo {language}. Necesito un intérprete de {language}, no de español."'
    assert old in text
    catalog.write_text(text.replace(old, f'msgstr "{long_line.strip()}"'), encoding="utf-8")
    with pytest.raises(RenderError) as raised:
        build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", documents=("i-speak",),
                           products=("card",)))
    # Each card it spoils is named, with the line it is printed over; the Spanish catalog's line is named.
    problems = raised.value.problems
    assert problems
    for problem in problems:
        assert problem.file == "content/languages.yml" and ".names." in problem.key
        assert "is printed over 'Hablo" in problem.message and "(i-speak:not_spanish [es])" in problem.message
    assert not (project_copy / "output" / FOLDER).exists()


def drawn_right_to_left(path, page_index: int, name: str) -> bool:
    """Whether `name` is on the page with each letter drawn left of the one before it: read from the right."""
    text = pypdfium2.PdfDocument(path)[page_index].get_textpage()
    hit = text.search(name, match_case=True).get_next()
    assert hit is not None, f"{name} not on page {page_index + 1} of {path.name}"
    lefts = [text.get_charbox(index)[0] for index in range(hit[0], hit[0] + hit[1])]
    return all(later < earlier for earlier, later in zip(lefts, lefts[1:]))


def test_right_to_left_names_read_from_the_right_on_the_sheet_and_their_cards(built):
    right_to_left = [language for language in LANGUAGES if language.shown_direction == "rtl"]
    assert {language.code for language in right_to_left} >= {"ar", "fa-AF", "ps", "ur"}
    for language in right_to_left:
        name = language.shown_name.text
        assert drawn_right_to_left(built / FOLDER / "i-speak-language-sheet-letter.pdf", 0, name)
        assert drawn_right_to_left(built / FOLDER / "i-speak-card.pdf", 2 * LANGUAGES.index(language), name)


def test_the_cards_are_made_again_only_when_what_they_print_changed(project_copy, tmp_path):
    output = tmp_path / "output"
    made = dict(products=("card", "language-sheet"), papers=("letter",))
    request = BuildRequest(project_dir=project_copy, output_dir=output, **made)
    build(request)
    assert build(request).written == ()
    # A Spanish sentence of the wallet card: the "I speak" cards do not print it, and stay as they are.
    catalog = project_copy / "content" / "translations" / "es.po"
    replace_in(catalog, 'msgstr "Conozca sus derechos"', 'msgstr "Conozca sus derechos, siempre"')
    written = {path.relative_to(output).as_posix() for path in build(request).written}
    assert written == {"es/know-your-rights-card.pdf"}
    # A Spanish sentence the cards print: the other languages are built, the cards are not, and say so.
    replace_in(catalog, 'msgstr "Señale su idioma."', 'msgstr "Señale su idioma, por favor."')
    build(BuildRequest(project_dir=project_copy, output_dir=output, languages=("es",), **made))
    files = {entry["path"]: entry for entry in json.loads((output / "manifest.json").read_text())["files"]}
    assert not files[f"{FOLDER}/i-speak-language-sheet-letter.pdf"]["current"]
    assert files["en/know-your-rights-card.pdf"]["current"]
    assert "Out of date" in (output / "index.html").read_text()
    # A build of every language makes them again, with the new sentence.
    written = {path.relative_to(output).as_posix() for path in build(request).written}
    assert f"{FOLDER}/i-speak-language-sheet-letter.pdf" in written
    assert "Señale su idioma, por favor." in Pdf(output / FOLDER / "i-speak-language-sheet-letter.pdf").words
