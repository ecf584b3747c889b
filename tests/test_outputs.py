"""Every output of a full build, as a print shop, a screen reader, a phone and a web browser meet it."""

import functools
import hashlib
import http.server
import json
import shutil
import subprocess
import threading
import urllib.request
from concurrent.futures import ThreadPoolExecutor

import pikepdf
import pypdfium2
import pytest
import zxingcpp
from PIL import Image

from handouts.commands.build import BuildRequest, build
from conftest import LANGUAGES, PROJECT, content_of, output_paths_of
from browser import links_not_to_files_in, open_in_chromium, open_url_in_chromium

# Its module-wide fixtures are made once: its tests run in one process of a side-by-side run.
pytestmark = pytest.mark.xdist_group("outputs")


CONTENT = content_of(PROJECT)
LISTINGS = {"index.html", "manifest.json", ".handouts-build.json"}


def output_files(built):
    # Hidden files and folders are the tool's bookkeeping (its record, its lock), not outputs.
    return sorted(path for path in built.rglob("*") if path.is_file() and path.name not in LISTINGS
                  and not any(part.startswith(".") for part in path.relative_to(built).parts))


def test_every_pdf_passes_qpdfs_structure_check_and_opens_in_a_second_reader(built):
    pdfs = sorted(built.glob("*/*.pdf"))
    assert len(pdfs) == len([path for path in output_paths_of(LANGUAGES) if path.endswith(".pdf")])
    qpdf = shutil.which("qpdf")
    if qpdf:
        # One qpdf per file, a few at once: most of their time is starting up.
        with ThreadPoolExecutor(4) as pool:
            checks = list(pool.map(lambda path: subprocess.run([qpdf, "--check", str(path)], capture_output=True,
                                                               text=True), pdfs))
        for path, checked in zip(pdfs, checks):
            # 0: no errors; 2 errors, 3 warnings.
            assert checked.returncode == 0, f"{path}: {checked.stdout}{checked.stderr}"
    for path in pdfs:
        if not qpdf:
            with pikepdf.open(path) as pdf:
                # qpdf's own checker, through its library, where the command is not
                # installed: cross-reference table, object streams, every stream decodable.
                assert pdf.check_pdf_syntax() == [], path
        document = pypdfium2.PdfDocument(path)
        assert len(document) >= 1
        for page in document:
            assert page.get_width() > 0 and page.get_textpage().count_chars() > 0, path


def test_every_picture_is_a_whole_png(built):
    pictures = sorted(built.glob("*/*.png"))
    assert len(pictures) > 13 * 4
    for path in pictures:
        with Image.open(path) as picture:
            assert picture.format == "PNG"
            picture.verify()  # every chunk's checksum


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_every_pdf_names_its_editions_language(built, language):
    for path in sorted((built / language).glob("*.pdf")):
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.Lang) == language, path


def structure(element, found, alternatives=None):
    """The structure tree's element types, in the tree's order: the order a screen reader reads.
    Each figure's alternative text goes into `alternatives`."""
    kind = element.get("/S")
    if kind is not None:
        found.append(str(kind)[1:])
        if str(kind) == "/Figure" and alternatives is not None:
            alternatives.append(str(element.get("/Alt", "")))
    children = element.get("/K")
    for child in (children if isinstance(children, pikepdf.Array) else [children]):
        if isinstance(child, pikepdf.Dictionary):
            structure(child, found, alternatives)
    return found


@pytest.mark.parametrize("language", ["en", "ar", "zh-Hans", "ti"])
@pytest.mark.parametrize("product", ["know-your-rights-pamphlet-letter", "know-your-rights-pamphlet-a4", "know-your-rights-card", "help-lines-poster-a4"])
def test_pamphlet_and_card_are_tagged_for_screen_readers(built, language, product):
    with pikepdf.open(built / language / f"{product}.pdf") as pdf:
        assert pdf.Root.MarkInfo.Marked is True
        assert pdf.Root.ViewerPreferences.DisplayDocTitle is True  # a reader shows the title, not the file name
        assert str(pdf.Root.Lang) == language
        assert str(pdf.docinfo.Title).strip() and str(pdf.docinfo.Subject).strip()
        # It says what it claims to be: PDF/UA-1, in its XMP metadata.
        assert pdf.open_metadata().get("{http://www.aiim.org/pdfua/ns/id/}part") == "1"
        figures = []
        kinds = structure(pdf.Root.StructTreeRoot, [], figures)
    # Every QR code is a figure that a screen reader reads as its address.
    assert figures and all(alternative.startswith("https://") for alternative in figures)
    if product.endswith("card"):
        assert figures == [CONTENT.settings.help_url]
        assert kinds.count("H1") == 2  # the front's title, then the back's heading
        return
    if "poster" in product:
        # The title, the codes' heading, the table of help lines, and the help page's QR code.
        assert figures == [CONTENT.settings.help_url]
        assert kinds.count("H1") == 1 and kinds.index("H1") < kinds.index("H2") and "Table" in kinds
        return
    # The title first, then one heading for each section, in the content's order.
    assert kinds.index("H1") < kinds.index("H2")
    assert kinds.count("H1") == 1
    assert kinds.count("H2") == len(CONTENT.sections)
    assert "L" in kinds and "Table" in kinds


def test_english_pdf_titles_are_the_handouts_titles(built):
    with pikepdf.open(built / "en" / "know-your-rights-pamphlet-a4.pdf") as pdf:
        assert str(pdf.docinfo.Title) == CONTENT.title.english
        assert str(pdf.docinfo.Subject) == CONTENT.subtitle.english
    with pikepdf.open(built / "en" / "know-your-rights-card.pdf") as pdf:
        assert str(pdf.docinfo.Title) == CONTENT.card.front.title.english


@pytest.mark.parametrize("language", ["en", "fa-AF", "pa"])
def test_pictures_are_phone_sized_one_per_card_side_and_pamphlet_page(built, read_pdf, language):
    folder = built / language
    pages = len(read_pdf(folder / "know-your-rights-pamphlet-a4.pdf").pages)
    pictures = sorted(folder.glob("know-your-rights-pamphlet-page-*.png"))
    assert [path.name for path in pictures] == sorted(f"know-your-rights-pamphlet-page-{number}.png" for number in range(1, pages + 1))
    for path in [*pictures, folder / "know-your-rights-card-front.png", folder / "know-your-rights-card-back.png"]:
        with Image.open(path) as picture:
            assert picture.width == 1080, path
    with Image.open(folder / "know-your-rights-card-front.png") as front:
        assert front.height == pytest.approx(1080 * 54 / 85.6, abs=1)
        codes = zxingcpp.read_barcodes(front, formats=zxingcpp.BarcodeFormat.QRCode)
        assert [code.text for code in codes] == [CONTENT.settings.help_url]
    with Image.open(folder / "know-your-rights-pamphlet-page-1.png") as page:
        assert page.height == pytest.approx(1080 * 279.4 / 210, abs=1)


def test_manifest_lists_every_file_with_its_size_and_checksum(built):
    manifest = json.loads((built / "manifest.json").read_text(encoding="utf-8"))
    listed = {entry["path"]: entry for entry in manifest["files"]}
    on_disk = {str(path.relative_to(built)): path for path in output_files(built)}
    assert set(listed) == set(on_disk)
    for relative_path, path in on_disk.items():
        entry = listed[relative_path]
        data = path.read_bytes()
        assert entry["bytes"] == len(data)
        assert entry["sha256"] == hashlib.sha256(data).hexdigest()
        assert entry["language"] == relative_path.split("/")[0]
        assert entry["content_date"] == "2024-03-18"
        assert entry["format"] == path.suffix[1:]
    assert listed["fa-AF/know-your-rights-booklet-a4.pdf"]["product"] == "booklet"
    assert listed["fa-AF/know-your-rights-booklet-a4.pdf"]["paper"] == "a4"
    assert listed["ti/know-your-rights-card.pdf"]["paper"] is None
    assert listed["zh-Hans/know-your-rights-card-back.png"]["side"] == "back"
    assert listed["pa/know-your-rights-pamphlet-page-2.png"]["page"] == 2 and listed["pa/know-your-rights-pamphlet-page-2.png"]["side"] is None


@pytest.fixture(scope="module")
def catalog_view(built):
    return open_in_chromium(built / "index.html")


@pytest.mark.browser
def test_catalog_in_a_browser_shows_every_language_and_links_every_file(built, catalog_view):
    for language in LANGUAGES.values():
        assert language.written_name_in_english in catalog_view.text
        if language.code != "en":
            assert language.own_name in catalog_view.text
    assert "Information as of March 18, 2024" in catalog_view.text
    assert "Draft translation, not yet reviewed" in catalog_view.text
    assert "flip on the short edge" in catalog_view.text  # how to print a booklet
    assert catalog_view.broken_images == []
    assert links_not_to_files_in(catalog_view.links, built) == []
    linked = {link.split("#")[0] for link in catalog_view.links}
    for path in output_files(built):
        assert path.resolve().as_uri() in linked, f"{path} is not linked from the catalog"
    assert not catalog_view.scrolls_sideways


def test_archival_build_makes_tagged_pdf_a_and_a_later_plain_build_replaces_it(project_copy, tmp_path):
    request = dict(project_dir=project_copy, output_dir=tmp_path / "output", languages=("ar",),
                   products=("card", "pamphlet"), papers=("a4",))
    build(BuildRequest(archival=True, **request))
    for name in ("know-your-rights-card.pdf", "know-your-rights-pamphlet-a4.pdf"):
        with pikepdf.open(tmp_path / "output" / "ar" / name) as pdf:
            assert pdf.open_metadata().pdfa_status == "3U"
            assert str(pdf.Root.Lang) == "ar" and "/StructTreeRoot" in pdf.Root
    # The variant is an input like any other: the default build remakes the files.
    assert len(build(BuildRequest(**request)).written) == 2
    with pikepdf.open(tmp_path / "output" / "ar" / "know-your-rights-card.pdf") as pdf:
        assert pdf.open_metadata().pdfa_status == ""


@pytest.mark.browser
def test_catalog_works_from_a_static_web_host(built):
    """The output folder served as plain files, as any static host would: every picture and link loads."""
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    base = f"http://127.0.0.1:{server.server_address[1]}/"
    try:
        view = open_url_in_chromium(base + "index.html")
        assert view.broken_images == []
        files = {link.split("#")[0] for link in view.links} - {base + "index.html"}
        assert len(files) == len(output_files(built))
        for link in sorted(files):
            assert link.startswith(base), link
            with urllib.request.urlopen(urllib.request.Request(link, method="HEAD"), timeout=10) as response:
                assert response.status == 200, link
    finally:
        server.shutdown()
        server.server_close()


def test_the_index_page_says_how_to_print_every_kind_of_output_it_lists(built):
    """The page's "How to print" names each product printed on paper, the posters among them."""
    import html
    import re

    page = html.unescape((built / "index.html").read_text(encoding="utf-8"))
    how = page[page.index("How to print"):page.index('<nav aria-label="Languages">')]
    named = set(re.findall(r"<strong>(.*?)</strong>", how))
    for product in ("Pamphlet", "Booklet", "Card sheet for office printers", "Print-shop card sheet", "Poster",
                    "Print-shop card"):
        assert any(name.startswith(product) for name in named), product
    assert "1/8 in" in how and "11 × 17 in" in how and "A3" in how
