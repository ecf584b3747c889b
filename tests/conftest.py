"""Shared fixtures: one English build for the whole session, and ways to read its PDFs as a reader would."""

from __future__ import annotations

import ctypes
import fcntl
import functools
import math
import os
import shutil
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import yaml
import zxingcpp

from handouts.commands.build import BuildRequest, build
from handouts.commands.kit_edits import without_language
from handouts.render import default_jobs
from handouts.i18n.catalogs import load_translations, update_catalogs
from handouts.kit.content import load_content
from handouts.kit import load_kit
from handouts.kit.model import Content
from handouts.i18n.strings import translatable_strings

PROJECT = Path(__file__).resolve().parent.parent
# The shipped kit: its languages, and its first document, the pamphlet and card.
KIT = load_kit(PROJECT)
LANGUAGES = KIT.languages
TRANSLATED_LANGUAGES = KIT.translated_languages
DOCUMENT = "know-your-rights"


def output_paths_of(languages, products=None, papers=None, kit=None) -> list[str]:
    """Every output path the kit makes for `languages` (of `products` and `papers`; default all), every document;
    with every language of the kit, the "I speak" cards too, which are made for all at once."""
    from handouts.outputs import EVERY_LANGUAGE, PAPERS, PRODUCTS
    kit = kit or KIT
    products, papers = products or PRODUCTS, papers or PAPERS

    def paths(language, document):
        return [kind.path(language, document.name, paper) for kind in document.output_kinds(products)
                for paper in (papers if kind.per_paper else (None,))]
    found = [path for code in languages for document in kit.documents if not document.is_for_every_language
             for path in paths(code, document)]
    if set(languages) == set(kit.languages):
        found += [path for document in kit.documents if document.is_for_every_language
                  for path in paths(EVERY_LANGUAGE, document)]
    return found


def content_of(kit_dir: Path, document: str = DOCUMENT) -> Content:
    """One document of the kit in `kit_dir`, loaded and checked."""
    return load_content(load_kit(kit_dir)).documents[document]


def translations_of(kit_dir: Path, languages):
    """The kit's catalogs of `languages`, loaded and checked against all its documents' strings."""
    kit = load_kit(kit_dir)
    return load_translations(translatable_strings(load_content(kit)), kit.translations_dir,
                             [kit.languages[code] for code in languages])


# How many strings each catalog of the shipped kit holds: every translatable text of every document.
CATALOG_STRINGS = len(translatable_strings(load_content(KIT)))


def date_information_by_hand(kit_dir: Path, as_of: str = "2024-03-18") -> None:
    """The pamphlet's information given an `as_of` of its own (content/handout.yml, line 26), as a kit may
    date it, instead of by the oldest check of the rules it prints."""
    handout = kit_dir / "content" / "handout.yml"
    text = handout.read_text(encoding="utf-8")
    assert text.count("\ninformation:\n  source:") == 1
    handout.write_text(text.replace("\ninformation:\n  source:", f"\ninformation:\n  as_of: {as_of}\n  source:"),
                       encoding="utf-8")


def update_catalogs_of(kit_dir: Path, languages, today=None):
    """`handouts i18n update` for `languages` of the kit in `kit_dir`."""
    kit = load_kit(kit_dir)
    content = load_content(kit)
    return update_catalogs(translatable_strings(content), content.newest_information_date, kit.translations_dir,
                           [kit.languages[code] for code in languages], today=today)
POINTS_PER_MM = 72 / 25.4


@pytest.fixture(scope="session", autouse=True)
def one_process_per_build():
    """A build a test makes in its own process renders there, with the renderer that process keeps warm
    between builds (render/pool.py): the tests run side by side already, one process to a core. A test of
    several processes asks for them (jobs=2); the command line, run as a program, renders on every core."""
    import handouts.commands.build as build_command
    build_command.default_jobs = lambda: 1
    yield


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> Path:
    """The output folder of a full build of the shipped kit, made once per test run: the processes that run
    the tests side by side (pytest -n) share it. Read it; copy it to change it (built_copy)."""
    # With pytest-xdist, each worker's temporary folder sits in one folder of the run.
    shared = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        shared = shared.parent
    output = shared / "shipped-kit-output"
    with open(shared / "shipped-kit-output.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not (output / "manifest.json").exists():
            build(BuildRequest(project_dir=PROJECT, output_dir=output), jobs=default_jobs())
    return output


@pytest.fixture
def built_copy(built, tmp_path) -> Path:
    """A kit and its output folder as a full build left them, safe to change: a copy of the shipped kit
    beside a copy of `built` in its output/."""
    kit = copy_project(tmp_path / "kit")
    shutil.copytree(built, kit / "output", symlinks=True)
    return kit


def copy_project(folder: Path, templates: bool = False) -> Path:
    """A copy of the shipped kit (handouts.yml and content/) in `folder`, safe to break; with `templates`,
    a copy of the tool's templates too, as the kit's own, to change."""
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(PROJECT / "handouts.yml", folder / "handouts.yml")
    shutil.copytree(PROJECT / "content", folder / "content")
    if templates:
        shutil.copytree(PROJECT / "templates", folder / "templates")
    return folder


def keep_kit_languages(kit: Path, codes) -> None:
    """The kit printing only these of its languages (and their catalogs): a test of a few is quicker."""
    text = (kit / "handouts.yml").read_text(encoding="utf-8")
    for code in list(load_kit(kit).languages):
        if code not in codes:
            text = without_language(text, code, "handouts.yml")
            (kit / "content" / "translations" / f"{code}.po").unlink()
    (kit / "handouts.yml").write_text(text, encoding="utf-8")


def keep_table_languages(kit: Path, codes) -> None:
    """The kit's "I speak" table with only these languages: a test of how the cards are made needs a few."""
    table = kit / "content" / "languages.yml"
    data = yaml.safe_load(table.read_text(encoding="utf-8"))
    data["languages"] = [entry for entry in data["languages"] if entry["code"] in codes]
    table.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


@pytest.fixture
def project_copy(tmp_path) -> Path:
    """A copy of the shipped kit, safe to break."""
    return copy_project(tmp_path)


@dataclass(frozen=True)
class Found:
    """Where a piece of text sits on a page, in mm from the page's top-left corner."""

    left: float
    top: float
    right: float
    bottom: float
    font_size_pt: float


class Page:
    """One PDF page, read the way a person reads it: its size, its text, its picture."""

    def __init__(self, pdf: pypdfium2.PdfDocument, index: int, reader: "pypdf.PdfReader"):
        self._page = pdf[index]
        self._index = index
        self._reader = reader
        self._text = self._page.get_textpage()
        self.width_mm = self._page.get_width() / POINTS_PER_MM
        self.height_mm = self._page.get_height() / POINTS_PER_MM
        # Text positions are in the PDF's own coordinates, whose origin is the
        # media box's corner: not always (0, 0).
        self._origin_x, self._origin_y = self._page.get_mediabox()[:2]

    @functools.cached_property
    def text(self) -> str:
        """The page's text as a copy-and-paste gives it (from the PDF's ToUnicode maps).

        pypdf rather than pdfium: where a font maps a glyph to no text (a
        Gurmukhi vowel sign drawn before its consonant), pdfium puts the glyph's
        code number in its place. Read when first asked for: pypdf's extraction is slow.
        """
        return self._reader.pages[self._index].extract_text()

    @property
    def words(self) -> str:
        """The text with every run of white space (line breaks too) made one space."""
        return " ".join(self.text.split())

    def find_all(self, needle: str) -> list[Found]:
        searcher = self._text.search(needle, match_case=True)
        found = []
        while (hit := searcher.get_next()) is not None:
            index, count = hit
            boxes = [self._text.get_charbox(i) for i in range(index, index + count)]
            size = self.font_size_pt(index)
            found.append(Found(
                left=(min(b[0] for b in boxes) - self._origin_x) / POINTS_PER_MM,
                top=self.height_mm - (max(b[3] for b in boxes) - self._origin_y) / POINTS_PER_MM,
                right=(max(b[2] for b in boxes) - self._origin_x) / POINTS_PER_MM,
                bottom=self.height_mm - (min(b[1] for b in boxes) - self._origin_y) / POINTS_PER_MM,
                font_size_pt=size,
            ))
        return found

    def visual_runs(self) -> list[str]:
        """Every run of Latin-script characters (codes, numbers, addresses) as the eye meets it:
        line by line, left to right by where each glyph is drawn, whatever order the
        text was stored in. A run ends at a gap as wide as a space, or at a letter of
        another script: in "ب9233#" printed right to left, the run is what a reader dials."""
        glyphs = []
        for index in range(self._text.count_chars()):
            character = self._text.get_text_range(index, 1)
            if not character or character.isspace():
                continue
            x, y = ctypes.c_double(), ctypes.c_double()
            pypdfium2.raw.FPDFText_GetCharOrigin(self._text, index, ctypes.byref(x), ctypes.byref(y))
            # The loose box spans the glyph's advance: neighbours touch, a space leaves a gap.
            left, _, right, _ = self._text.get_charbox(index, loose=True)
            glyphs.append((round(y.value), left, right, character, self.font_size_pt(index)))
        runs: list[str] = []
        for baseline in sorted({glyph[0] for glyph in glyphs}, reverse=True):
            line = sorted((glyph for glyph in glyphs if glyph[0] == baseline), key=lambda glyph: glyph[1])
            run, previous_right = "", None
            for _, left, right, character, size in line:
                latin = character.isascii()
                if run and (not latin or left - previous_right > 0.1 * size):
                    runs.append(run)
                    run = ""
                if latin:
                    run += character
                previous_right = right
            if run:
                runs.append(run)
        return runs

    def lines(self) -> list["Line"]:
        """Every line of text as printed: the glyphs on one baseline, split where a gap wider than two
        font sizes separates columns; top of the page first."""
        glyphs: dict[int, list[tuple[float, float, float, str]]] = {}
        for index in range(self._text.count_chars()):
            character = self._text.get_text_range(index, 1)
            # A combining mark sits on its letter, with an origin of its own.
            if not character or character.isspace() or unicodedata.category(character) == "Mn":
                continue
            x, y = ctypes.c_double(), ctypes.c_double()
            pypdfium2.raw.FPDFText_GetCharOrigin(self._text, index, ctypes.byref(x), ctypes.byref(y))
            left, _, right, _ = self._text.get_charbox(index, loose=True)
            glyphs.setdefault(round(y.value * 4), []).append((left, right, self.font_size_pt(index), character))
        lines = []
        for key, on_baseline in glyphs.items():
            baseline = key / 4
            on_baseline.sort()
            cluster = [on_baseline[0]]
            for glyph in on_baseline[1:] + [None]:
                if glyph is not None and glyph[0] - cluster[-1][1] <= 2 * glyph[2]:
                    cluster.append(glyph)
                    continue
                lines.append(Line(
                    left_mm=(cluster[0][0] - self._origin_x) / POINTS_PER_MM,
                    right_mm=(max(g[1] for g in cluster) - self._origin_x) / POINTS_PER_MM,
                    baseline_mm=self.height_mm - (baseline - self._origin_y) / POINTS_PER_MM,
                    size_pt=max(g[2] for g in cluster), text="".join(g[3] for g in cluster)))
                cluster = [glyph]
        return sorted(lines, key=lambda line: (line.baseline_mm, line.left_mm))

    def overprinted_lines(self) -> list[tuple[str, str]]:
        """(line, line) of each two lines of text printed into each other.

        A line's letters take the band from three quarters of its font size above the baseline to a
        fifth below (capitals and ascenders, descenders); two lines collide where their bands meet by
        more than a sixth of the smaller size, over the same stretch of the page.
        """
        bands = sorted(((line.left_mm, line.right_mm, line.baseline_mm - 0.75 * line.size_pt / POINTS_PER_MM,
                         line.baseline_mm + 0.2 * line.size_pt / POINTS_PER_MM, line.size_pt / POINTS_PER_MM,
                         line.text) for line in self.lines()), key=lambda band: band[2])
        found = []
        for index, high in enumerate(bands):
            for low in bands[index + 1:]:
                if low[2] >= high[3]:
                    break
                shared_height = min(low[3], high[3]) - low[2]
                shared_width = min(low[1], high[1]) - max(low[0], high[0])
                if shared_width > 0.5 / POINTS_PER_MM and shared_height > min(low[4], high[4]) / 6:
                    found.append((high[5], low[5]))
        return found

    def font_size_pt(self, index: int) -> float:
        """The size a character prints at: its font size scaled by its text matrix."""
        matrix = pypdfium2.raw.FS_MATRIX()
        pypdfium2.raw.FPDFText_GetMatrix(self._text, index, ctypes.byref(matrix))
        return pypdfium2.raw.FPDFText_GetFontSize(self._text, index) * math.hypot(matrix.c, matrix.d)

    def font_sizes(self) -> list[float]:
        """The printed size of every visible character."""
        return [self.font_size_pt(index) for index in range(self._text.count_chars())
                if not self._text.get_text_range(index, 1).isspace()]

    def image(self, dpi: int = 300, grey: bool = False):
        bitmap = self._page.render(scale=dpi / 72, grayscale=grey)
        return bitmap.to_pil()

    def qr_codes(self, dpi: int = 300) -> list["QrCode"]:
        """Every QR code a scanner finds on the rendered page, with its size in mm."""
        image = self.image(dpi)
        codes = []
        for result in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode):
            corners = result.position
            xs = [corners.top_left.x, corners.top_right.x, corners.bottom_left.x, corners.bottom_right.x]
            ys = [corners.top_left.y, corners.top_right.y, corners.bottom_left.y, corners.bottom_right.y]
            codes.append(QrCode(
                text=result.text,
                left_mm=min(xs) * 25.4 / dpi,
                top_mm=min(ys) * 25.4 / dpi,
                symbol_width_mm=(max(xs) - min(xs)) * 25.4 / dpi,
            ))
        return codes


@dataclass(frozen=True)
class Line:
    """One printed line: where it starts and ends across the page and its baseline, in mm from the
    page's top-left corner; its largest font size; its characters left to right as drawn."""

    left_mm: float
    right_mm: float
    baseline_mm: float
    size_pt: float
    text: str


@dataclass(frozen=True)
class QrCode:
    text: str
    left_mm: float
    top_mm: float
    symbol_width_mm: float  # the dark-module square, quiet zone not counted


class Pdf:
    def __init__(self, path: Path):
        self.path = path
        self._pdf = pypdfium2.PdfDocument(str(path))
        reader = pypdf.PdfReader(path)
        self.pages = [Page(self._pdf, index, reader) for index in range(len(self._pdf))]

    @property
    def words(self) -> str:
        return " ".join(page.words for page in self.pages)


@pytest.fixture(scope="session")
def read_pdf():
    return Pdf
