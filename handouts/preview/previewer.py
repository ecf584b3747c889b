"""Turn a kit, as it is on disk now, into pictures of every page of one view, with what the checks say of it."""

from __future__ import annotations

import hashlib
import io
import os
import re
import stat
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import pypdfium2
import zxingcpp

from ..commands.build import BuildRequest, build
from ..errors import HandoutsError, Problem
from ..files import RefusedFile, confined, kit_path, write_confined
from ..kit import load_kit
from ..outputs import KINDS, describe

# What the preview shows of each kind of document: its single card (two sides), or one paper of it.
VIEW_PRODUCTS = ("card", "pamphlet", "poster")
PREVIEW_PAPER = "letter"
# Sharp on a laptop screen beside the editor, and quick to make: a card side in a few hundredths of a second.
PREVIEW_WIDTH_PX = 900
PREVIEW_FOLDER = ".handouts-preview"


@dataclass(frozen=True)
class View:
    """What the editor looks at: one document, in one language, as one product."""

    document: str
    language: str
    product: str

    @property
    def pdf_path(self) -> str:
        kind = KINDS[self.product]
        return kind.path(self.language, self.document, PREVIEW_PAPER if kind.per_paper else None)

    def picture_name(self, number: int) -> str:
        return picture_name(self.pdf_path, number)


def picture_name(pdf_path: str, number: int) -> str:
    """A page's picture, named for the PDF it shows: "es/know-your-rights-pamphlet-letter-2.png"."""
    return f"{pdf_path.removesuffix('.pdf')}-{number}.png"


PICTURE_NUMBER = re.compile(r"^(?P<pdf>.+)-[0-9]+\.png$")


def is_picture_name(relative_path: str) -> bool:
    """Whether a path is one the preview names a picture by: a page of a PDF it makes."""
    match = PICTURE_NUMBER.match(relative_path)
    if match is None:
        return False
    pdf = describe(f"{match['pdf']}.pdf")
    return pdf is not None and pdf.kind.product in VIEW_PRODUCTS and pdf.kind.format == "pdf"


@dataclass(frozen=True)
class PreviewPage:
    picture: str  # under the preview folder: "es/know-your-rights-card-1.png"
    version: str  # changes exactly when the picture does
    text: str  # the page's text, as a reader copies it
    qr_codes: tuple[str, ...] = ()  # what each QR code on the page reads, decoded from the picture


@dataclass(frozen=True)
class PreviewResult:
    """One view made: its pages; or, when the kit has an error, why, and the last good pages kept."""

    view: View
    pages: tuple[PreviewPage, ...]
    problems: tuple[Problem, ...] = ()
    seconds: float = 0.0

    @property
    def current(self) -> bool:
        return not self.problems

    def as_dict(self) -> dict:
        return {"view": asdict(self.view), "pages": [asdict(page) for page in self.pages],
                "problems": [{**asdict(problem), "text": str(problem)} for problem in self.problems],
                "current": self.current, "seconds": round(self.seconds, 3)}


@dataclass(frozen=True)
class OtherProducts:
    """Every product of a view's document and language, checked as a build checks it."""

    checked: tuple[str, ...]  # what was checked: "Card (wallet size)", "Print-shop card sheet"
    problems: tuple[Problem, ...]

    def as_dict(self) -> dict:
        return {"checked": list(dict.fromkeys(self.checked)), "problems": [str(problem) for problem in self.problems]}


@dataclass
class Previewer:
    """Makes views of one kit into its own folder, keeping what it made: a view whose inputs did not change
    is not made again, and a view that fails keeps its last good pages."""

    kit_dir: Path
    last_good: dict[View, tuple[PreviewPage, ...]] = field(default_factory=dict)

    @property
    def folder(self) -> Path:
        return self.kit_dir / PREVIEW_FOLDER

    def make(self, view: View) -> PreviewResult:
        started = time.perf_counter()
        request = BuildRequest(self.kit_dir, self.folder, languages=(view.language,), documents=(view.document,),
                               products=(view.product,), papers=(PREVIEW_PAPER,))
        try:
            # A kit may not point its preview folder anywhere else on the machine.
            kit_path(self.kit_dir, PREVIEW_FOLDER)
            # One process: it stays warm between saves (see render/pool.py).
            result = build(request, jobs=1)
        except RefusedFile as refused:
            return PreviewResult(view, self.last_good.get(view, ()), (
                Problem(refused.message, file=f"{PREVIEW_FOLDER}/", fix=refused.fix),), time.perf_counter() - started)
        except HandoutsError as error:
            return PreviewResult(view, self.last_good.get(view, ()), tuple(error.problems),
                                 time.perf_counter() - started)
        problems = tuple(result.not_built)
        pdf = self.folder / view.pdf_path
        if not problems and not result.written and view in self.last_good:
            # Nothing of this view changed: its pictures are the ones already made.
            return PreviewResult(view, self.last_good[view], (), time.perf_counter() - started)
        if problems or not pdf.exists():
            return PreviewResult(view, self.last_good.get(view, ()), problems or (
                Problem(f"{view.document} has no {view.product}.", file="handouts.yml"),),
                time.perf_counter() - started)
        try:
            pages = self._pictures(view, pdf.read_bytes())
        except RefusedFile as refused:
            return PreviewResult(view, self.last_good.get(view, ()), (
                Problem(refused.message, file=f"{PREVIEW_FOLDER}/", fix=refused.fix),), time.perf_counter() - started)
        self.last_good[view] = pages
        return PreviewResult(view, pages, (), time.perf_counter() - started)

    def check_others(self, view: View) -> "OtherProducts":
        """The view's document in the view's language as every other product and paper makes it: whether each
        fits, as a build checks it, though the preview shows only one."""
        try:
            kit = load_kit(self.kit_dir)
            document = kit.document(view.document)
        except (HandoutsError, StopIteration):
            return OtherProducts((), ())
        # What can fail to fit: a message and a web page flow on any screen, and pictures are of the others.
        products = tuple(product for product in document.products if product != "pictures"
                         and not all(kind.is_text for kind in document.output_kinds((product,))))
        labels = tuple(kind.label.split(",")[0] for kind in document.output_kinds(products))
        request = BuildRequest(self.kit_dir, self.folder, languages=(view.language,), documents=(view.document,),
                               products=products)
        try:
            result = build(request, jobs=1)
        except HandoutsError as error:
            return OtherProducts(labels, tuple(error.problems))
        return OtherProducts(labels, tuple(result.not_built))

    def picture(self, relative: str) -> bytes | None:
        """A picture of this preview's: a regular file inside its folder, read without following a link; None
        for anything else (a link, a folder, a device, a file outside)."""
        try:
            kit_path(self.kit_dir, PREVIEW_FOLDER)
        except RefusedFile:
            return None
        path = confined(self.folder, relative, through_last_link=False)
        if path is None:
            return None
        try:
            handle = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            return None
        try:
            if not stat.S_ISREG(os.fstat(handle).st_mode):
                return None
            with os.fdopen(os.dup(handle), "rb") as stream:
                return stream.read()
        finally:
            os.close(handle)

    def _pictures(self, view: View, pdf: bytes) -> tuple[PreviewPage, ...]:
        document = pypdfium2.PdfDocument(pdf)
        pages = []
        try:
            for number, page in enumerate(document, start=1):
                name = view.picture_name(number)
                text = page.get_textpage().get_text_range()
                picture = page.render(scale=PREVIEW_WIDTH_PX / page.get_width(), grayscale=True).to_pil()
                codes = tuple(code.text for code in zxingcpp.read_barcodes(
                    picture, formats=zxingcpp.BarcodeFormat.QRCode))
                buffer = io.BytesIO()
                picture.save(buffer, "PNG")
                data = buffer.getvalue()
                version = hashlib.sha256(data).hexdigest()[:16]
                # Whole or not at all, and never through a link the kit may have left in the folder.
                write_confined(self.folder, name, data)
                pages.append(PreviewPage(name, version, " ".join(text.split()), codes))
        finally:
            document.close()
        return tuple(pages)
