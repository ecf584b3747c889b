"""Turn HTML documents into PDF bytes, using only the project's fonts and files."""

from __future__ import annotations

import ctypes.util
import logging
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from .errors import RenderError, SystemSetupError
from .layout import Document

PANGO_INSTALL_HINT = (
    "WeasyPrint needs Pango 1.44 or newer. On Debian or Ubuntu: "
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
)


def _use_only_project_fonts(fonts_dir: Path) -> None:
    """Point fontconfig at fonts/ alone, so no machine font can ever be used.

    Fontconfig reads FONTCONFIG_FILE once, when first used, so this must run
    before WeasyPrint is imported anywhere in the process.
    """
    config_dir = Path(tempfile.mkdtemp(prefix="handouts-fontconfig-"))
    config = config_dir / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{fonts_dir.resolve()}</dir>\n"
        f"  <cachedir>{config_dir / 'cache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    os.environ["FONTCONFIG_FILE"] = str(config)


class Renderer:
    """WeasyPrint, set up once per process with the project's fonts and a sandbox."""

    def __init__(self, project_dir: Path):
        if ctypes.util.find_library("pango-1.0") is None:
            raise SystemSetupError(PANGO_INSTALL_HINT)
        self.templates_dir = (project_dir / "templates").resolve()
        self.fonts_dir = (project_dir / "fonts").resolve()
        _use_only_project_fonts(self.fonts_dir)
        try:
            import weasyprint
        except OSError as error:
            raise SystemSetupError(f"{PANGO_INSTALL_HINT} ({error})") from None
        # WeasyPrint warns about CSS it ignores; they are ours to fix, not the user's.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        self._weasyprint = weasyprint
        self._fetcher = _project_files_fetcher(weasyprint, (self.templates_dir, self.fonts_dir))
        self._font_config = weasyprint.text.fonts.FontConfiguration()

    def render(self, document: Document) -> Rendered:
        html = self._weasyprint.HTML(string=document.html, base_url=str(self.templates_dir) + "/",
                                     url_fetcher=self._fetcher)
        try:
            laid_out = html.render(font_config=self._font_config)
        except self._weasyprint.urls.FatalURLFetchingError as error:
            raise RenderError(f"{document.relative_path}: {error.__cause__ or error}") from None
        overflowing = _overflowing_keys(laid_out)
        return Rendered(document, laid_out.write_pdf(), overflowing)


@dataclass(frozen=True)
class Rendered:
    document: Document
    pdf: bytes
    # Keys of the strings that run past the edge of a fixed-size card: a box of
    # fixed size clips what overflows, so the page count cannot reveal it.
    overflowing: tuple[str, ...]


# What may stick out of a card's padding box before it counts: rounding, not text.
OVERFLOW_TOLERANCE_PX = 0.5


def _overflowing_keys(laid_out) -> tuple[str, ...]:
    keys: dict[str, None] = {}
    for page in laid_out.pages:
        for card in _boxes_with_class(page._page_box, "card"):
            bottom = card.padding_box_y() + card.padding_height() + OVERFLOW_TOLERANCE_PX
            right = card.padding_box_x() + card.padding_width() + OVERFLOW_TOLERANCE_PX
            left = card.padding_box_x() - OVERFLOW_TOLERANCE_PX
            laid_out_keys = set()
            for box, key in _text_boxes(card, None):
                laid_out_keys.add(key)
                if (box.position_y + box.height > bottom or box.position_x + box.width > right
                        or box.position_x < left):
                    keys[key or "(unnamed text)"] = None
            # Text that did not fit before the page's end is not laid out at all.
            for element in card.element.iter():
                key = element.get("data-key")
                if key and key not in laid_out_keys:
                    keys[key] = None
    return tuple(keys)


def _boxes_with_class(box, name: str):
    element = getattr(box, "element", None)
    if element is not None and name in (element.get("class") or "").split() and getattr(box, "element_tag", "") != "html":
        yield box
        return
    for child in getattr(box, "children", ()):
        yield from _boxes_with_class(child, name)


def _text_boxes(box, key: str | None):
    element = getattr(box, "element", None)
    if element is not None and element.get("data-key"):
        key = element.get("data-key")
    if type(box).__name__ == "TextBox" and box.text.strip():
        yield box, key
    for child in getattr(box, "children", ()):
        yield from _text_boxes(child, key)


def _project_files_fetcher(weasyprint, allowed_dirs: tuple[Path, ...]):
    """A URL fetcher that reads files inside the allowed folders and refuses the rest."""

    class ProjectFilesFetcher(weasyprint.urls.URLFetcher):
        def __init__(self):
            super().__init__(allowed_protocols={"file"}, fail_on_errors=True)

        def fetch(self, url, headers=None):
            parts = urlsplit(url)
            if parts.scheme != "file":
                raise PermissionError(f"refused {url}: only the project's own files may be read")
            path = Path(unquote(parts.path)).resolve()
            if not any(path.is_relative_to(folder) for folder in allowed_dirs):
                raise PermissionError(f"refused {url}: outside templates/ and fonts/")
            return super().fetch(url, headers)

    return ProjectFilesFetcher()
