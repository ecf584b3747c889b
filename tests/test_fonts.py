"""Every font in every built PDF is one the project ships in fonts/."""

import io
from pathlib import Path

import pypdf
from fontTools.ttLib import TTFont

from conftest import LANGUAGES, PROJECT, output_paths_of



def identity(font: TTFont) -> tuple[str, str]:
    """A font's PostScript name and version string, as its own name table gives them."""
    return font["name"].getDebugName(6), font["name"].getDebugName(5)


def shipped_fonts() -> set[tuple[str, str]]:
    return {identity(TTFont(path)) for path in (PROJECT / "fonts").iterdir() if path.suffix in (".ttf", ".otf")}


def all_resources(reader: pypdf.PdfReader):
    """Every resource dictionary: the pages', and those of the forms they draw (a card on a sheet)."""
    pending = [page["/Resources"].get_object() for page in reader.pages]
    while pending:
        resources = pending.pop()
        yield resources
        for xobject in resources.get("/XObject", {}).values():
            xobject = xobject.get_object()
            if xobject.get("/Subtype") == "/Form" and "/Resources" in xobject:
                pending.append(xobject["/Resources"].get_object())


def embedded_fonts(path: Path) -> set[tuple[str, str]]:
    """The identity of every font program embedded in the PDF, read from the program itself."""
    found = set()
    for resources in all_resources(pypdf.PdfReader(path)):
        for font in resources.get("/Font", {}).values():
            font = font.get_object()
            if "/DescendantFonts" in font:
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font["/FontDescriptor"].get_object()
            program = descriptor.get("/FontFile2") or descriptor.get("/FontFile3") or descriptor.get("/FontFile")
            assert program is not None, f"{path.name}: a font is not embedded: {font}"
            found.add(identity(TTFont(io.BytesIO(program.get_object().get_data()))))
    return found


def test_every_embedded_font_is_a_shipped_font(built):
    shipped = shipped_fonts()
    pdfs = sorted(built.glob("*/*.pdf"))
    assert len(pdfs) == sum(path.endswith(".pdf") for path in output_paths_of(LANGUAGES))
    # An A4 (or A3) file is its Letter (11 x 17) file's layout placed on other paper: the same fonts, read once.
    for pdf in (pdf for pdf in pdfs if not pdf.name.endswith(("-a4.pdf", "-a3.pdf"))):
        embedded = embedded_fonts(pdf)
        assert embedded, pdf
        assert embedded <= shipped, (pdf.name, embedded - shipped)
