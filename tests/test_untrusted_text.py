"""Text from outside (catalogs, content) is plain text: it is refused, or printed exactly as written, codes intact."""

import functools
import unicodedata

import pytest
import tinycss2
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from handouts.i18n.editions import LEFT_TO_RIGHT_ISOLATE, POP_DIRECTIONAL_ISOLATE, Edition
from handouts.errors import ContentError
from handouts.i18n.catalogs import load_translations
from handouts.i18n.strings import translatable_strings
from conftest import LANGUAGES, content_of, copy_project
from handouts.layout.templates import css_content, css_string
from handouts.tokens import data_tokens, fill_placeholders, hidden_characters, token_differences
from conftest import PROJECT

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("untrusted-text")


ENGLISH = "Dial 9233#, #566 or 1-888-351-4024 from any phone."
TRANSLATIONS = {
    "es": "Marque 9233#, #566 o 1-888-351-4024 desde cualquier teléfono.",
    "ar": "اتصل ب9233# أو ب#566 أو ب1-888-351-4024 من أي هاتف.",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """The project with codes in one English label, so that translations must copy them."""
    folder = copy_project(tmp_path_factory.mktemp("project"))
    labels = folder / "content" / "labels.yml"
    text = labels.read_text(encoding="utf-8")
    start = text.index("codes_intro:")
    end = text.index("\ncode:", start)
    labels.write_text(text[:start] + f"codes_intro: '{ENGLISH}'" + text[end:], encoding="utf-8")
    return folder


def write_translation(project, language: str, translated: str) -> None:
    path = project / "content" / "translations" / f"{language}.po"
    original = (PROJECT / "content" / "translations" / f"{language}.po").read_text(encoding="utf-8")
    start = original.index('msgctxt "labels:codes_intro"')
    end = original.index("\n\n", start)
    escaped = "".join({"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t"}.get(c, c) for c in translated)
    entry = f'msgctxt "labels:codes_intro"\nmsgid "{ENGLISH}"\nmsgstr "{escaped}"'
    path.write_text(original[:start] + entry + original[end:], encoding="utf-8")


# What an attacker or a careless editor might slip in: every bidi control, other
# format and control characters, digits of other scripts, braces, code characters.
INSERTED = st.sampled_from(
    list("\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200b\u2060\ufeff"
         "\x00\x07\t\r\x1b\x85\x9b\u2028")
    + list("0123456789٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹０１２３４５６７８９")
    + list("{}#-+@/.:") + ["{date}", "{{", "}}", "{0}", "{date!r}"]
    + list("بپaéж ") + ["\u200c", "\u200d"])


# The English content and its strings, read once: each example changes only a catalog.
_content = functools.lru_cache(content_of)


@functools.lru_cache
def _strings(project):
    return translatable_strings(_content(project))


def _translation(project, language):
    return load_translations(_strings(project), project / "content" / "translations", [LANGUAGES[language]])[language]


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(language=st.sampled_from(sorted(TRANSLATIONS)), data=st.data())
def test_inserted_characters_are_refused_or_printed_exactly(project, language, data):
    translated = TRANSLATIONS[language]
    for _ in range(data.draw(st.integers(1, 3))):
        position = data.draw(st.integers(0, len(translated)))
        translated = translated[:position] + data.draw(INSERTED) + translated[position:]
    write_translation(project, language, translated)
    content = _content(project)
    try:
        translation = _translation(project, language)
    except ContentError as error:
        problems = [problem for problem in error.problems if problem.key == "labels:codes_intro"]
        assert problems, str(error)
        assert all(problem.file == f"content/translations/{language}.po" for problem in problems)
        assert all(problem.line and problem.language == language for problem in problems)
        return
    # Accepted: then nothing hidden is in it, its codes are the English's, and it prints as written.
    assert not hidden_characters(translated)
    assert token_differences(ENGLISH, translated) == ([], [])
    printed = Edition(content, LANGUAGES[language], translation).label("codes_intro")
    assert printed.replace(LEFT_TO_RIGHT_ISOLATE, "").replace(POP_DIRECTIONAL_ISOLATE, "") == translated
    if LANGUAGES[language].direction == "rtl":
        # Each code, whatever touches it, is held in its own left-to-right isolate.
        for token in data_tokens(ENGLISH):
            assert f"{LEFT_TO_RIGHT_ISOLATE}{token}{POP_DIRECTIONAL_ISOLATE}" in printed


@pytest.mark.parametrize("text, tokens", [
    ("اتصل ب9233# أو ب#566", ["9233#", "#566"]),
    ("ب1-888-351-4024", ["1-888-351-4024"]),
    ("call 19233#", ["19233#"]),
    ("٩٢٣٣# or ９２３３#", []),
    ("write to help@example.org or see https://example.org/help.", ["help@example.org", "https://example.org/help"]),
    ("as of 2024-03-18, call +1 915 555 0100", ["2024-03-18", "+1 915 555 0100"]),
    ("Page 3 of 8, 24 hours", []),
])
def test_data_tokens_are_found_whatever_touches_them(text, tokens):
    assert data_tokens(text) == tokens


def test_tokens_are_compared_as_whole_lists():
    assert token_differences("Call 9233#.", "Llame al 9233#.") == ([], [])
    assert token_differences("Call 9233#.", "Llame al 9233# o 9233#.") == ([], ["9233#"])
    assert token_differences("Call 9233#.", "Llame al 19233#.") == (["9233#"], ["19233#"])
    assert token_differences("Call 9233# or 699#.", "Llame al 699# o 9233#.") == ([], [])


def test_placeholders_are_filled_by_name_and_nothing_else():
    assert fill_placeholders("{a} and {b}", {"a": "{b}", "b": "x"}) == "{b} and x"
    with pytest.raises(KeyError):
        fill_placeholders("{c}", {"a": "1"})
    # No format mini-language: "{date:>9}" is not a placeholder, and the loaders refuse it.
    assert fill_placeholders("{date:>9}", {"date": "x"}) == "{date:>9}"


DANGEROUS = ['"', "'", "\\", "\n", "\r", "\f", "}", "{", ";", "<", ">", "/*", "*/", "@", "\u2066", "\x00"]


@pytest.mark.parametrize("inserted", DANGEROUS, ids=[f"U+{ord(c[0]):04X}" for c in DANGEROUS])
def test_a_css_string_holds_any_text_and_nothing_leaves_it(inserted):
    value = f"Página {inserted} de \" }} td.code::before {{ content: '1'; {inserted}"
    tokens = tinycss2.parse_component_value_list(str(css_string(value)))
    assert len(tokens) == 1 and tokens[0].type == "string"
    # CSS itself turns NUL into U+FFFD; the loaders refuse NUL before any of this.
    assert tokens[0].value == value.replace("\x00", "\ufffd")
    assert "</" not in str(css_string(value))


def test_page_footer_counters_stay_counters():
    parsed = tinycss2.parse_component_value_list(
        str(css_content('Página {page} de {pages} "\\', page="counter(page)", pages="counter(pages)")))
    kinds = [token.type for token in parsed if token.type != "whitespace"]
    assert kinds == ["string", "function", "string", "function", "string"]
    assert parsed[-1].value == ' "\\'


def test_every_refused_character_is_named():
    for character in "\u202e\u061c\r\x00\u2028":
        assert hidden_characters(f"a{character}b") == [(1, character)]
    assert hidden_characters("می\u200cشود") == []  # the Persian non-joiner is spelling, not a trick
    assert unicodedata.category("\u200c") == "Cf"


def test_a_length_of_time_is_a_number_and_a_time_of_day_a_time():
    from handouts.i18n.catalogs import ENGLISH_MONTHS
    from handouts.tokens import fact_differences, facts
    english = facts("as short as 4 hours, counted between 7 a.m. and 7 p.m.", ENGLISH_MONTHS)
    # Turkish writes a length of time with "saat" after the number, and an hour of the day with it before.
    for turkish in ("4 saate kadar kısalabilir, sabah 7 ile akşam 7 arasında",
                    "4 saat, sabah saat 7 ile akşam saat 7 arasında"):
        assert fact_differences(english, facts(turkish, ENGLISH_MONTHS)) == ([], []), turkish
    # A length changed is still caught.
    assert fact_differences(english, facts("2 saate kadar, sabah 7 ile akşam 7 arasında", ENGLISH_MONTHS)) != ([], [])
