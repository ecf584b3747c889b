"""The "I speak" cards and the point-to-your-language sheet, read from the PDFs: every language of the table by
its own name, its English name on its card's back, backs behind fronts, and a table that refuses a name no source
gives, or no font can print."""

import json
import math
import re

import pikepdf
import polib
import pypdfium2
import pytest
from babel import Locale
from babel.core import get_global
from conftest import PROJECT, Pdf, content_of, keep_kit_languages, keep_table_languages, translations_of
from PIL import Image
from test_kits import replace_in
from test_print_sheet import BLEED_MM, SAFE_ZONE_MM, Box, read_side

from handouts.commands.build import BuildRequest, build, plan
from handouts.cli import main
from handouts.errors import ContentError, RenderError
from handouts.kit.model import APOSTROPHE, same_name
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
              "quc": "K’iche’", "kjb": "Q’anjob’al", "zh-Hans": "普通话", "tzo": "bats’i k’op", "tzh": "bats’il k’op",
              "mey": "الحسانية", "ckb": "کوردیی ناوەندی", "yue": "粵語"}
# What each catalog of the kit says at the top of the sheet.
POINT = {code: translation.strings["i-speak:sheet.point"] for code, translation in translations_of(
    PROJECT, ["es", "fr", "ht", "pt-BR", "ru", "tr", "ar", "fa-AF", "ps", "zh-Hans", "pa", "ti"]).items()}


def by_code(code: str):
    return next(language for language in LANGUAGES if language.code == code)


@pytest.fixture(scope="module")
def cards(built) -> Pdf:
    return Pdf(built / FOLDER / "i-speak-card.pdf")


def test_the_table_has_the_languages_people_at_the_border_need():
    codes = {language.code for language in LANGUAGES}
    assert len(codes) == len(LANGUAGES) >= 70
    needed = {"en", "es", "fr", "ht", "pt-BR", "ru", "tr", "ar", "fa-AF", "ps", "zh-Hans", "pa", "ti", "hi", "ne",
              "bn", "ur", "gu", "vi", "wo", "ff", "so", "am", "uz", "uk", "ro", "ka", "qu", "qu-EC", "mam", "quc", "kjb",
              "knj", "cac", "kek", "ixl", "cak", "cab", "x-mixtec", "zap",
              # Met at the border and in immigration court, and missing before.
              "mey", "kmr", "ckb", "yue", "cdo", "fa", "acr", "x-chalchit", "tzj", "x-triqui", "miq", "mnk", "fuf",
              "bib", "wes", "mfs", "gsm", "hds"}
    assert needed <= codes, needed - codes
    for code, name in AS_WRITTEN.items():
        assert by_code(code).own.text == name
    # Every name printed, court record names too, has a source that names a public page.
    for language in LANGUAGES:
        for name in (language.own, language.english, language.spanish, *language.aliases):
            assert name is None or re.search(r"[a-z0-9-]+\.(org|gov|gt|mx|com|edu|hn|es|info)\b", name.source), name


def test_every_name_said_to_come_from_cldr_is_cldrs():
    """A source is only as good as its check: each name credited to CLDR is the one CLDR gives, for the
    language's tag or, for a written variety (pt-BR, zh-Hans), for the spoken language."""
    checked = 0
    for language in LANGUAGES:
        for kind, reader in (("own", language.code), ("english", "en"), ("spanish", "es")):
            name = getattr(language, kind)
            # The names CLDR gives through Babel (not those of its menus, read from its files: 普通话).
            if name is None or "as Babel" not in name.source:
                continue
            names = Locale.parse(reader, sep="-").languages
            tag = language.code.replace("-", "_")
            # CLDR files Kurmanji (kmr) under ku; its names may write the apostrophe as U+02BC.
            alias = get_global("language_aliases").get(tag, tag)
            cldr = [names.get(tag), names.get(tag.split("_")[0]), names.get(alias)]
            if reader == language.code and alias != tag:
                cldr.append(Locale.parse(alias).languages.get(alias))
            assert any(found and same_name(found, name.text) for found in cldr), (language.code, kind, name.text)
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
        # Its Spanish and English names, small, unless one is the name shown (K'iche', K’iche’).
        for name in language.names_under:
            assert name.text in sheet.words, language.code
        # Its English name too, unless that is a name already printed (Quechua, quechua).
        assert any(same_name(name.text, language.english.text)
                   for name in (language.shown_name, *language.names_under)), language.code
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
    # Each language sits under the heading of each of its groups, and of no other.
    sections = [words[start:end] for start, end in zip(positions, [*positions[1:], len(words)])]
    for language in LANGUAGES:
        for group, section in zip(TABLE.groups, sections):
            assert (language.shown_name.text in section) == (group in language.groups), (language.code, group.name)
    # French under Africa and the Americas (most French speakers at the border), and Europe.
    french = by_code("fr").shown_name.text
    assert all(french in sections[index] for index, group in enumerate(TABLE.groups)
               if group.name in ("africa", "americas", "europe-central-asia"))
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
        if language.signed:
            assert (f"I use {english}{code}, a sign language. I need an interpreter of {english}." in back)
            assert "I speak" not in back
        else:
            # The best language, to record; the interpreter to book (never for English, the officer's own).
            assert back.startswith(f"To the officer or the court My best language is {english}{code}."), language.code
            assert f"Please record my language as {english}." in back, language.code
            assert (f"I need an interpreter for {english}." in back) == (language.code != "en"), language.code
        contact = None if language.signed else {"es": "Spanish", "fr": "French", "ar": "Arabic"}.get(
            language.mistaken_for)
        assert ("well enough for an interview or a hearing" in back) == (contact is not None), language.code
        if contact:
            assert f"I do not understand {contact} well enough for an interview or a hearing." in back
        if language.note:
            assert language.note in back
        # The officer's side is the source English: no draft notice there.
        assert "Draft translation" not in back, language.code
    for code, name in AS_WRITTEN.items():
        index = LANGUAGES.index(by_code(code))
        assert name in cards.pages[2 * index].words


def keep_languages(kit, codes) -> list:
    """The kit's language table with only these languages; the languages kept, in the table's order."""
    keep_table_languages(kit, codes)
    return [language for language in LANGUAGES if language.code in codes]


def front_and_back(cards, code):
    index = LANGUAGES.index(by_code(code))
    return cards.pages[2 * index].words, cards.pages[2 * index + 1].words


def test_a_mayan_card_asks_in_spanish_to_record_the_holders_best_language(cards):
    front, back = front_and_back(cards, "mam")
    assert front.startswith("Mam (ISO 639-3: mam) Mam")
    # Never the absolute "Spanish is not my language", which a holder answering in some Spanish contradicts.
    assert front.endswith("Mi mejor idioma es el mam. No entiendo el español lo suficiente para una entrevista o "
                          "una audiencia. Por favor, registre mi idioma como mam. "
                          "Spanish: Draft translation, not yet reviewed.")
    # As courts ask it: the best language, the contact language not understood well enough, the one to record.
    assert ("My best language is Mam (ISO 639-3: mam). I do not understand Spanish well enough for an interview or "
            "a hearing. Please record my language as Mam. I need an interpreter for Mam.") in back
    assert "not my language" not in front + back


@pytest.mark.parametrize("code, contact_line", [
    # Taken for French speakers: the request in French, naming the language as CLDR's French does.
    ("wo", "Ma meilleure langue est : wolof. Je ne comprends pas assez bien le français pour un entretien ou une "
           "audience."),
    # Mauritanians, taken for Arabic speakers: in Arabic, the language by its own name.
    ("mey", "لا أفهم العربية بالقدر الكافي"),
])
def test_a_card_asks_in_the_language_its_holder_is_taken_to_understand(cards, code, contact_line):
    front, back = front_and_back(cards, code)
    assert contact_line in front
    contact = {"wo": "French", "mey": "Arabic"}[code]
    assert f"I do not understand {contact} well enough for an interview or a hearing." in back
    if code == "mey":
        assert front.count("الحسانية") == 3  # the name shown, and twice in the request


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
        found = sheet.pages[2 * number + 1].find_all(f"My best language is {language.english.text}"
                                                     if not language.signed else f"I use {language.english.text}")
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
    stock = PRINT_SHOP_SHEETS["a4"]
    # A sheet's worth of languages.
    kept = keep_languages(project_copy, [language.code for language in LANGUAGES[:stock.columns * stock.rows]])
    build(BuildRequest(project_dir=project_copy, output_dir=tmp_path / "output", documents=("i-speak",),
                       products=("print-sheet",), papers=("a4",)))
    sheet = Pdf(tmp_path / "output" / FOLDER / "i-speak-print-sheet-a4.pdf")
    backs = [(p.x_mm, p.y_mm) for p in back_placements(stock, "short-edge")]
    for slot, language in enumerate(kept):
        hits = sheet.pages[1].find_all(f"My best language is {language.english.text}")
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
    keep_languages(project_copy, ("en", "es", "mam", "quc", "fr", "wo"))
    catalog = project_copy / "content" / "translations" / "es.po"
    long_line = "Mi mejor idioma es el {language}. " + "No entiendo el {contact} lo suficiente, por favor. " * 24
    entries = polib.pofile(str(catalog))
    next(entry for entry in entries if entry.msgctxt == "i-speak:contact_statement").msgstr = long_line.strip()
    entries.save()
    with pytest.raises(RenderError) as raised:
        build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", documents=("i-speak",),
                           products=("card",)))
    # Each card it spoils is named, with the line it is printed over; the Spanish catalog's line is named.
    problems = raised.value.problems
    assert problems
    for problem in problems:
        # The name it covers, or the line itself with what it covers: never unnamed.
        if problem.file == "content/languages.yml":
            assert ".names." in problem.key and "is printed over '" in problem.message
            assert "(i-speak:contact_statement [es])" in problem.message
        else:
            assert (problem.file, problem.key) == ("content/translations/es.po", "i-speak:contact_statement")
            assert re.search(r"is printed over '[^']+' \(languages:languages\[[0-9]+\] \([a-z-]+\)\.names\.",
                             problem.message), problem.message
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
    sheet = built / FOLDER / "i-speak-language-sheet-letter.pdf"
    pages = [page.words for page in Pdf(sheet).pages]
    for language in right_to_left:
        name = language.shown_name.text
        assert drawn_right_to_left(sheet, next(index for index, words in enumerate(pages) if name in words), name)
        assert drawn_right_to_left(built / FOLDER / "i-speak-card.pdf", 2 * LANGUAGES.index(language), name)


def test_the_cards_are_made_again_only_when_what_they_print_changed(project_copy, tmp_path):
    keep_kit_languages(project_copy, ("en", "es", "ar"))
    keep_languages(project_copy, ("en", "es", "mam", "ar", "zh-Hans"))
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


def in_order(text: str, *parts: str) -> bool:
    """Each part in the text, one after the other (the text layer may join a name to the small one under it)."""
    at = 0
    for part in parts:
        found = text.find(part, at)
        if found < 0:
            return False
        at = found + len(part)
    return True


def test_the_english_card_asks_for_no_interpreter(cards):
    front, back = front_and_back(cards, "en")
    assert in_order(front, "English (ISO 639-3: eng)", "English", "inglés", "I speak English.")
    assert back.startswith("To the officer or the court My best language is English (ISO 639-3: eng). Please "
                           "record my language as English. Printed by")
    assert "interpreter" not in back


def test_mandarin_is_named_as_mandarin_not_as_chinese(built, cards):
    front, back = front_and_back(cards, "zh-Hans")
    assert in_order(front, "Mandarin Chinese (ISO 639-3: cmn)", "普通话", "chino mandarín", "我说普通话。")
    assert "I need an interpreter for Mandarin Chinese." in back
    sheet = Pdf(built / FOLDER / "i-speak-language-sheet-letter.pdf").words
    # 中文 ("Chinese", any variety) is nowhere: a Cantonese or Fuzhounese speaker finds their own name.
    assert "中文" not in sheet and not any("中文" in page.words for page in cards.pages)
    assert "普通话" in sheet and "粵語" in sheet and "福州话" in sheet


def test_tsotsil_and_tseltal_each_show_their_own_name_and_spanish_name(cards):
    tsotsil, _ = front_and_back(cards, "tzo")
    tseltal, _ = front_and_back(cards, "tzh")
    assert in_order(tsotsil, "Tzotzil (ISO 639-3: tzo)", "bats’i k’op", "tsotsil", "Mi mejor idioma es el tsotsil.")
    assert in_order(tseltal, "Tzeltal (ISO 639-3: tzh)", "bats’il k’op", "tseltal", "Mi mejor idioma es el tseltal.")


@pytest.mark.parametrize("code, english, spanish", [("x-mixtec", "Mixtec", "mixteco"), ("zap", "Zapotec", "zapoteco"),
                                                    ("nah", "Nahuatl", "náhuatl"), ("x-triqui", "Triqui", "triqui")])
def test_a_language_without_an_own_name_shows_its_spanish_name(built, cards, code, english, spanish):
    front, _ = front_and_back(cards, code)
    assert re.match(rf"{english}( \(ISO 639-3: [a-z]{{3}}\))? {spanish}", front), front
    assert spanish in Pdf(built / FOLDER / "i-speak-language-sheet-letter.pdf").words


def test_a_language_of_many_varieties_has_a_line_to_write_the_town(cards):
    for code in ("x-mixtec", "zap", "nah", "qu-EC", "ff", "x-triqui"):
        _, back = front_and_back(cards, code)
        assert "My town, and state or department:" in back, code
    _, mam = front_and_back(cards, "mam")
    assert "My town" not in mam
    assert not any("Ask which town" in page.words for page in cards.pages)


def test_the_codes_name_the_language_and_its_country(cards):
    _, kichwa = front_and_back(cards, "qu-EC")
    assert "My best language is Kichwa (ISO 639-3: que)." in kichwa
    _, zapotec = front_and_back(cards, "zap")
    assert "My best language is Zapotec (ISO 639-3: zap)." in zapotec
    assert not any("qug" in page.words for page in cards.pages)
    # El Salvador's Nawat (ppl) is another language than Mexico's Nahuatl.
    assert by_code("nah").spoken_in == ("Mexico",)
    # Guinea's Pular has a card of its own beside Fula (Pulaar, Senegal and Mauritania).
    _, pular = front_and_back(cards, "fuf")
    assert "My best language is Pular (ISO 639-3: fuf)." in pular
    assert "Guinea" not in by_code("ff").spoken_in


def test_every_name_prints_with_one_apostrophe(built, cards):
    sheet = Pdf(built / FOLDER / "i-speak-language-sheet-letter.pdf").words
    for words in [sheet, *(page.words for page in cards.pages)]:
        assert "'" not in words and "\u02bc" not in words
    front, back = front_and_back(cards, "quc")
    assert front.startswith(f"K{APOSTROPHE}iche{APOSTROPHE} (ISO 639-3: quc) K{APOSTROPHE}iche{APOSTROPHE}")
    # However a name is written, it is the same name.
    assert same_name("K'iche'", "K’iche’") and same_name("Kʼicheʼ", "k’iche’")


@pytest.mark.parametrize("code, names", [
    ("quc", "Quiché"), ("kjb", "Konjobal, Kanjobal"), ("knj", "Western Konjobal, Western Kanjobal"),
    ("kek", "Kekchi"), ("jac", "Western Jacalteco"), ("cak", "Cakchiquel"), ("agu", "Aguacateco"),
    ("qu-EC", "Quechua"), ("ff", "Fulani"), ("acr", "Cubulco Achi"), ("x-chalchit", "Chalchiteco"),
])
def test_the_officer_side_gives_the_names_court_records_use(cards, code, names):
    _, back = front_and_back(cards, code)
    assert f"Court records may name it: {names}." in back


def test_the_sheet_says_point_to_your_language_in_every_kit_language(built):
    first = Pdf(built / FOLDER / "i-speak-language-sheet-letter.pdf").pages[0]
    heading = first.words[:first.words.index("LANGUAGES OF")]
    assert heading.startswith("Point to your language.")
    def letters(text: str) -> str:
        # A right-to-left sentence's full stop is drawn at its left, and the text layer gives it there; a
        # zero-width non-joiner draws nothing.
        return " ".join(text.replace("\u200c", "").replace(".", "").split())
    for code, line in POINT.items():
        assert letters(line) in letters(heading), code
    # The draft notice sits beside those translations, naming their languages.
    assert "Draft translation, not yet reviewed. (Spanish, French" in heading


def test_a_kit_with_the_earlier_sentences_prints_the_tools_new_ones(project_copy):
    """A kit made before the cards asked to record the best language keeps its own file: the sentences it
    lacks are the tool's, and the one they replace ("Spanish is not my language") is printed no more."""
    (project_copy / "content" / "i-speak.yml").write_text(EARLIER_SENTENCES, encoding="utf-8")
    kept = keep_languages(project_copy, ("en", "es", "mam"))
    build(BuildRequest(project_dir=project_copy, output_dir=project_copy / "output", documents=("i-speak",),
                       products=("card",)))
    cards = Pdf(project_copy / "output" / FOLDER / "i-speak-card.pdf")
    index = kept.index(by_code("mam"))
    front, back = cards.pages[2 * index].words, cards.pages[2 * index + 1].words
    assert "Mi mejor idioma es el mam." in front
    assert "My best language is Mam (ISO 639-3: mam)." in back and "Please record my language as Mam." in back
    assert "not my language" not in back and "no de español" not in front


# content/i-speak.yml as kits were made with it before.
EARLIER_SENTENCES = """\
title: I speak
holder:
  i_speak: I speak English.
not_spanish: 'I speak {language}. I need an interpreter for {language}, not for Spanish.'
officer:
  heading: To the officer or the court
  i_speak: 'I speak {language}.'
  i_speak_with_code: 'I speak {language} (ISO 639-3: {code}).'
  interpreter: 'I need an interpreter for {language}.'
  not_spanish: Spanish is not my language.
sheet:
  point: Point to your language.
"""
