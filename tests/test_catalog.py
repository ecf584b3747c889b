"""Tests of handouts.catalog: the index.html page as a reader sees it, in the HTML and in Chromium."""

from __future__ import annotations

import datetime
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from PIL import Image

from handouts.output.index_page import CATALOG_FILE, CatalogLanguage, catalog_html, file_label, human_size
from handouts.output.manifest import ManifestEntry, manifest_entries
import browser
from browser import BrowserView, links_not_to_files_in, open_in_chromium
from conftest import PROJECT

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("catalog")


TEMPLATES = PROJECT / "templates"
AS_OF = datetime.date(2024, 3, 18)

ENGLISH = CatalogLanguage("en", "English", "English", "ltr", "source", incomplete=False)
SPANISH = CatalogLanguage("es", "Spanish", "Español", "ltr", "draft", incomplete=True)
DARI = CatalogLanguage("fa-AF", "Dari", "دری", "rtl", "reviewed by legal reviewer, 2024-03-02", incomplete=False)
HAITIAN = CatalogLanguage("ht", "Haitian Creole", "Kreyòl ayisyen", "ltr", "draft", incomplete=False)
LANGUAGES = [ENGLISH, SPANISH, DARI, HAITIAN]


def write_picture(path: Path, width: int = 108, height: int = 68) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("L", (width, height), color=200).save(path)


def write_pdf(path: Path, size_in_bytes: int) -> None:
    """A file of exactly `size_in_bytes` that starts like a PDF; the catalog reads only its name and size."""
    path.parent.mkdir(parents=True, exist_ok=True)
    head = b"%PDF-1.7\n"
    path.write_bytes(head + b"%" * (size_in_bytes - len(head)))


def fabricate_output(output: Path) -> None:
    """English and Spanish in full, Dari cards only, Haitian Creole not built at all."""
    write_pdf(output / "en" / "know-your-rights-pamphlet-letter.pdf", 1_234_567)
    write_pdf(output / "en" / "know-your-rights-card.pdf", 37_000)
    write_picture(output / "en" / "know-your-rights-card-front.png")
    write_picture(output / "en" / "know-your-rights-pamphlet-page-1.png")
    write_pdf(output / "es" / "know-your-rights-pamphlet-a4.pdf", 512)
    write_pdf(output / "es" / "know-your-rights-pamphlet-letter.pdf", 2_000)
    write_pdf(output / "es" / "know-your-rights-booklet-a4.pdf", 3_000)
    write_pdf(output / "es" / "know-your-rights-booklet-letter.pdf", 3_000)
    write_pdf(output / "es" / "know-your-rights-card-sheet-a4.pdf", 4_000)
    write_pdf(output / "es" / "know-your-rights-print-sheet-letter.pdf", 5_000)
    write_picture(output / "es" / "know-your-rights-card-front.png")
    write_picture(output / "es" / "know-your-rights-card-back.png")
    for page in (1, 2, 10):
        write_picture(output / "es" / f"know-your-rights-pamphlet-page-{page}.png")
    write_pdf(output / "fa-AF" / "know-your-rights-card.pdf", 9_999)
    write_picture(output / "fa-AF" / "know-your-rights-card-front.png")
    # Not output files: the catalog must not list them.
    (output / "es" / "notes.txt").write_text("scratch")
    (output / "manifest.json").write_text("{}")


def write_catalog(output: Path, languages: list[CatalogLanguage]) -> Path:
    entries = manifest_entries(output, [language.code for language in languages], AS_OF)
    index = output / CATALOG_FILE
    index.write_text(catalog_html(entries, languages, AS_OF, (TEMPLATES,)), encoding="utf-8")
    return index


class ReadPage(HTMLParser):
    """An HTML page read as a person would: its text, its links and pictures, its sections and named spans."""

    def __init__(self, html: str):
        super().__init__(convert_charrefs=True)
        self.text_parts: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, link text)
        self.images: list[tuple[str, str]] = []  # (src, alt)
        self.section_ids: list[str] = []
        self.spans_with_language: list[tuple[str, str, str]] = []  # (lang, dir, text)
        self._hidden_depth = 0
        self._open_link: tuple[str, list[str]] | None = None
        self._open_span: tuple[str, str, list[str]] | None = None
        self.feed(html)

    @property
    def text(self) -> str:
        return re.sub(r"\s+", " ", " ".join(self.text_parts)).strip()

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag in ("style", "title", "head"):
            self._hidden_depth += 1
        elif tag == "a":
            self._open_link = (attributes["href"], [])
        elif tag == "img":
            self.images.append((attributes["src"], attributes["alt"]))
        elif tag == "section":
            self.section_ids.append(attributes["id"])
        elif tag == "span" and "lang" in attributes:
            self._open_span = (attributes["lang"], attributes["dir"], [])

    def handle_endtag(self, tag):
        if tag in ("style", "title", "head"):
            self._hidden_depth -= 1
        elif tag == "a" and self._open_link:
            href, words = self._open_link
            self.links.append((href, "".join(words).strip()))
            self._open_link = None
        elif tag == "span" and self._open_span:
            lang, direction, words = self._open_span
            self.spans_with_language.append((lang, direction, "".join(words)))
            self._open_span = None

    def handle_data(self, data):
        if self._hidden_depth:
            return
        self.text_parts.append(data)
        for open_element in (self._open_link, self._open_span):
            if open_element:
                open_element[-1].append(data)


def section_text(html: str, code: str) -> str:
    """The visible text of one language's section."""
    match = re.search(rf'<section id="{re.escape(code)}".*?</section>', html, flags=re.S)
    assert match, f"no section for {code}"
    return ReadPage(match.group(0)).text


@pytest.fixture(scope="module")
def output(tmp_path_factory) -> Path:
    output = tmp_path_factory.mktemp("output")
    fabricate_output(output)
    write_catalog(output, LANGUAGES)
    return output


@pytest.fixture(scope="module")
def html(output) -> str:
    return (output / CATALOG_FILE).read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def page(html) -> ReadPage:
    return ReadPage(html)


def test_title_date_and_draft_note(page, html):
    assert "<title>Handouts</title>" in html
    assert page.text.startswith("Handouts Information as of March 18, 2024")
    assert "A draft translation is not yet reviewed." in page.text


def test_one_section_per_language_in_the_order_given(page):
    assert page.section_ids == ["en", "es", "fa-AF", "ht"]


def test_each_language_named_in_english_and_in_itself(html, page):
    assert section_text(html, "fa-AF").startswith("Dari · دری")
    assert section_text(html, "es").startswith("Spanish · Español")
    assert ("fa-AF", "rtl", "دری") in page.spans_with_language
    assert ("es", "ltr", "Español") in page.spans_with_language
    # English is its own name: said once.
    assert section_text(html, "en").startswith("English English source")


def test_review_status_in_plain_words(html):
    assert "English source" in section_text(html, "en")
    assert "Draft translation, not yet reviewed" in section_text(html, "es")
    assert "Reviewed by legal reviewer, March 2, 2024" in section_text(html, "fa-AF")


def test_incomplete_only_where_so(html):
    assert "Incomplete: some text in English" in section_text(html, "es")
    for code in ("en", "fa-AF", "ht"):
        assert "Incomplete" not in section_text(html, code)


def test_every_file_listed_with_plain_label_format_and_size(html):
    assert section_text(html, "es").count(" PDF ") == 6
    spanish = section_text(html, "es")
    for row in ("Pamphlet, Letter PDF 2 KB", "Pamphlet, A4 PDF 512 bytes",
                "Booklet, half-letter on Letter PDF 3 KB", "Booklet, A5 on A4 PDF 3 KB",
                "Card sheet for office printers, A4 PDF 4 KB", "Print-shop card sheet, Letter PDF 5 KB",
                "Card front picture PNG", "Card back picture PNG", "Pamphlet page 10 picture PNG"):
        assert row in spanish
    english = section_text(html, "en")
    assert "Pamphlet, Letter PDF 1.2 MB" in english
    assert "Card (wallet size) PDF 37 KB" in english
    assert "Card (wallet size) PDF 10 KB" in section_text(html, "fa-AF")


def test_files_in_reading_order(page):
    spanish = [text for href, text in page.links if href.startswith("es/") and text]
    assert spanish == [
        "Pamphlet, Letter", "Pamphlet, A4", "Booklet, half-letter on Letter", "Booklet, A5 on A4",
        "Card sheet for office printers, A4", "Print-shop card sheet, Letter",
        "Pamphlet page 1 picture", "Pamphlet page 2 picture", "Pamphlet page 10 picture",
        "Card front picture", "Card back picture",
    ]


def test_only_output_files_listed(output, page):
    hrefs = {href for href, _ in page.links if not href.startswith("#")}
    on_disk = {f"{folder.name}/{path.name}" for folder in output.iterdir() if folder.is_dir()
               for path in folder.iterdir() if path.suffix in (".pdf", ".png")}
    assert hrefs == on_disk


def test_links_are_relative_and_url_safe(page):
    for href, _ in page.links:
        assert re.fullmatch(r"#[A-Za-z0-9-]+|[A-Za-z0-9-]+/[a-z0-9-]+\.(pdf|png)", href), href


def test_thumbnails_of_card_front_and_first_pamphlet_page(page):
    assert ("es/know-your-rights-card-front.png", "Front of the wallet card in Spanish") in page.images
    assert ("es/know-your-rights-pamphlet-page-1.png", "First page of the pamphlet in Spanish") in page.images
    assert ("fa-AF/know-your-rights-card-front.png", "Front of the wallet card in Dari") in page.images
    # Dari has no pamphlet pictures, Haitian Creole nothing at all: no picture to promise.
    assert not [src for src, _ in page.images if src.startswith(("fa-AF/pamphlet", "ht/"))]
    assert not [src for src, _ in page.images if "back" in src or "page-2" in src]


def test_language_without_files_is_listed_and_says_so(html):
    assert section_text(html, "ht") == ("Haitian Creole · Kreyòl ayisyen Draft translation, not yet reviewed "
                                        "No files in Haitian Creole yet. Build them with handouts build --languages ht")


def test_names_are_escaped(tmp_path):
    write_pdf(tmp_path / "qaa" / "know-your-rights-card.pdf", 100)
    tricky = CatalogLanguage("qaa", 'Test <b>"&"</b>', "<script>alert(1)</script>", "ltr", "draft",
                             incomplete=False)
    html = write_catalog(tmp_path, [tricky]).read_text(encoding="utf-8")
    assert "<script>" not in html and "<b>" not in html
    page = ReadPage(html)
    assert 'Test <b>"&"</b> · <script>alert(1)</script>' in page.text
    assert page.spans_with_language == [("qaa", "ltr", "<script>alert(1)</script>")]


def test_files_of_an_unnamed_language_are_refused(tmp_path):
    write_pdf(tmp_path / "es" / "know-your-rights-card.pdf", 100)
    entries = manifest_entries(tmp_path, ["es"], AS_OF)
    with pytest.raises(ValueError, match="es/know-your-rights-card.pdf"):
        catalog_html(entries, [ENGLISH], AS_OF, (TEMPLATES,))


def test_unknown_review_status_is_refused(tmp_path):
    odd = CatalogLanguage("es", "Spanish", "Español", "ltr", "looks fine", incomplete=False)
    with pytest.raises(ValueError, match="looks fine"):
        catalog_html([], [odd], AS_OF, (TEMPLATES,))


@pytest.mark.parametrize(("size_in_bytes", "shown"), [
    (0, "0 bytes"), (1, "1 byte"), (999, "999 bytes"), (1_000, "1 KB"), (36_600, "37 KB"),
    (999_499, "999 KB"), (999_500, "1.0 MB"), (1_234_567, "1.2 MB"), (45_670_000, "45.7 MB"),
])
def test_human_size(size_in_bytes, shown):
    assert human_size(size_in_bytes) == shown


def test_a_product_without_a_name_is_still_listed():
    entry = ManifestEntry("es/help-lines-flyer-a4.pdf", "es", "help-lines", "flyer", "a4", "pdf", None, None, 1,
                          "0" * 64, AS_OF)
    assert file_label(entry) == "Flyer, A4"


# In Chromium: one browser start for the whole module.

@pytest.fixture(scope="module")
def view(output) -> BrowserView:
    return open_in_chromium(output / CATALOG_FILE)


@pytest.mark.browser
def test_in_chromium_every_link_opens_a_file_of_the_output(view, output):
    assert view.links
    assert links_not_to_files_in(view.links, output) == []


@pytest.mark.browser
def test_in_chromium_every_picture_loads(view):
    assert view.broken_images == []


@pytest.mark.browser
def test_in_chromium_every_language_is_named(view):
    for language in LANGUAGES:
        assert language.english_name in view.text
        assert language.own_name in view.text
    assert "Information as of March 18, 2024" in view.text


@pytest.mark.browser
def test_in_chromium_fits_a_phone(view):
    assert not view.scrolls_sideways


def test_without_chromium_the_browser_test_skips_but_fails_under_ci(monkeypatch, tmp_path):
    monkeypatch.setattr(browser, "CHROMIUM", tmp_path / "no-chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="apt-get install chromium chromium-driver"):
        open_in_chromium(tmp_path / CATALOG_FILE)
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI is set"):
        open_in_chromium(tmp_path / CATALOG_FILE)
