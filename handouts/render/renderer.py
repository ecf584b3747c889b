"""Turn render jobs' HTML into PDF bytes, using only the fonts and files of the tool and the kit: the one module
that runs WeasyPrint."""

from __future__ import annotations

import ctypes.util
import datetime
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from ..errors import RenderError, SystemSetupError
from ..fonts import prepared_fonts_dir
from ..layout.jobs import RenderJob

PANGO_INSTALL_HINT = (
    "WeasyPrint needs Pango 1.44 or newer. On Debian or Ubuntu: "
    "sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
)


def _use_only_project_fonts(fonts_dir: Path) -> None:
    """Point fontconfig at the project's fonts alone, so no machine font can ever be used.

    Fontconfig reads FONTCONFIG_FILE once, when first used, so this must run
    before WeasyPrint is imported anywhere in the process. The configuration
    and fontconfig's cache sit beside the fonts they describe, made once.
    """
    config_dir = fonts_dir.parent / f".{fonts_dir.name}-fontconfig"
    config_dir.mkdir(parents=True, exist_ok=True)
    config = config_dir / "fonts.conf"
    config.write_text(
        '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n'
        f"  <dir>{fonts_dir.resolve()}</dir>\n"
        f"  <cachedir>{config_dir / 'cache'}</cachedir>\n"
        "</fontconfig>\n",
        encoding="utf-8",
    )
    os.environ["FONTCONFIG_FILE"] = str(config)


# Tagged (PDF/UA-1): a screen reader reads the handout in the order of its
# content, in the language the <html> element names. The archival variant is
# PDF/A-3u, still tagged.
PDF_OPTIONS = {False: {"pdf_variant": "pdf/ua-1"}, True: {"pdf_variant": "pdf/a-3u", "pdf_tags": True}}


class Renderer:
    """WeasyPrint, set up once per process with the project's fonts and a sandbox."""

    def __init__(self, template_dirs: tuple[Path, ...], font_dirs: tuple[Path, ...], content_date: datetime.date,
                 fonts_dir: Path | None = None, archival: bool = False):
        self._pdf_options = PDF_OPTIONS[archival]
        if ctypes.util.find_library("pango-1.0") is None:
            raise SystemSetupError(PANGO_INSTALL_HINT)
        # The same input must give the same bytes: the font subsetter stamps
        # each embedded font with the time, unless SOURCE_DATE_EPOCH sets it.
        self._source_date_epoch = str(int(datetime.datetime.combine(
            content_date, datetime.time(), tzinfo=datetime.timezone.utc).timestamp()))
        self.template_dirs = tuple(folder.resolve() for folder in template_dirs)
        # The shipped fonts and the kit's own, prepared for print (see fontprep.py); nothing else.
        self.fonts_dir = (fonts_dir or prepared_fonts_dir(font_dirs)).resolve()
        _use_only_project_fonts(self.fonts_dir)
        try:
            import weasyprint
        except OSError as error:
            raise SystemSetupError(f"{PANGO_INSTALL_HINT} ({error})") from None
        # WeasyPrint warns about CSS it ignores; they are ours to fix, not the user's.
        logging.getLogger("weasyprint").setLevel(logging.ERROR)
        self._weasyprint = weasyprint
        self._fetcher = _project_files_fetcher(weasyprint, (*self.template_dirs, self.fonts_dir))
        self._font_config = weasyprint.text.fonts.FontConfiguration()

    def render(self, job: RenderJob) -> Rendered:
        # Set at each render: a process may keep renderers of several kits (see pool.warm_renderer).
        os.environ["SOURCE_DATE_EPOCH"] = self._source_date_epoch
        html = self._weasyprint.HTML(string=job.html, base_url=str(self.template_dirs[0]) + "/",
                                     url_fetcher=self._fetcher)
        try:
            laid_out = html.render(font_config=self._font_config)
        except self._weasyprint.urls.FatalURLFetchingError as error:
            raise RenderError(f"{job.relative_path}: {error.__cause__ or error}") from None
        overflowing = _overflowing_keys(laid_out)
        overprinted = _overprinted_lines(laid_out)
        past_first_page = _past_the_first_page(laid_out) if job.kind.one_page else ()
        fits = not (overflowing or overprinted or past_first_page)
        # A layout that does not fit, with a compact one to try next, is never printed: no PDF to write.
        pdf = laid_out.write_pdf(**self._pdf_options) if fits or job.compact is None else b""
        return Rendered(job, pdf, overflowing, overprinted=overprinted, past_first_page=past_first_page,
                        pages=len(laid_out.pages), last_page_filled=_share_filled(laid_out.pages[-1]))


@dataclass(frozen=True)
class Rendered:
    job: RenderJob
    pdf: bytes
    # (key, text) of what runs past the edge of a card or of the page's printable
    # area: a box of fixed size clips what overflows, so page counts cannot tell.
    overflowing: tuple[tuple[str, str], ...]
    # For pictures: (relative path, PNG bytes) of each, in place of a PDF.
    pictures: tuple[tuple[str, bytes], ...] = ()
    # ((key, text), (key, text)) of each two lines of text printed one over the other.
    overprinted: tuple[tuple[tuple[str, str], tuple[str, str]], ...] = ()
    # (key, text) of the first text pushed onto a second page of an output read as one page (a poster).
    past_first_page: tuple[tuple[str, str], ...] = ()
    pages: int = 0
    # How much of the last page's height its text takes, from 0 to 1.
    last_page_filled: float = 1.0

    @property
    def fits(self) -> bool:
        return not self.overflowing and not self.overprinted and not self.past_first_page

    @property
    def files(self) -> tuple[tuple[str, bytes], ...]:
        """(relative path, bytes) of every file this output writes."""
        return self.pictures if self.job.kind.is_pictures else ((self.job.relative_path, self.pdf),)


# What may stick out of a card's padding box before it counts: rounding, not text.
OVERFLOW_TOLERANCE_PX = 0.5


def _overflowing_keys(laid_out) -> tuple[tuple[str, str], ...]:
    """(key, text) of text that runs outside its card, or outside the page's printable area."""
    keys: dict[str, str] = {}
    for page in laid_out.pages:
        page_box = page._page_box
        cards = list(_boxes_with_class(page_box, "card"))
        if cards:
            for card in cards:
                # A print-shop card's text must stay inside its padding, the safe
                # zone a guillotine cannot reach; other cards' text may use it.
                if "safe-zone" in card.element.get("class", "").split():
                    area = (card.content_box_x(), card.content_box_y(), card.width, card.height)
                else:
                    area = (card.padding_box_x(), card.padding_box_y(), card.padding_width(), card.padding_height())
                for key, text in _outside(card, *area):
                    keys.setdefault(key, text)
                # Text that did not fit before the page's end is not laid out, whole or from some line on:
                # each text's letters, as written, against those laid out.
                printed: dict[str, int] = {}
                for box, key in _text_boxes(card, None):
                    printed[key] = printed.get(key, 0) + _letters(box.text)
                written: dict[str, tuple[int, str]] = {}
                for element in card.element.iter():
                    key = element.get("data-key")
                    if key:
                        own = _own_text(element)
                        count, text = written.get(key, (0, ""))
                        written[key] = (count + _letters(own), text or " ".join(own.split()))
                for key, (count, text) in written.items():
                    if printed.get(key, 0) < count:
                        keys.setdefault(key, _cut_at(text, printed.get(key, 0)))
        else:
            # A page's flow breaks onto the next page, so only the sides can overflow.
            for key, text in _outside(page_box, page_box.content_box_x(), None, page_box.width, None):
                keys.setdefault(key, text)
    return tuple(keys.items())


def _share_filled(page) -> float:
    """How much of a page's text area, top to bottom, holds text (its running headers and footers aside)."""
    page_box = page._page_box
    bottoms = [line.position_y + line.height for line, _ in _line_boxes(page_box, None)
               if _inside_the_page_area(line, page_box)]
    if not bottoms or page_box.height <= 0:
        return 0.0
    return min(1.0, (max(bottoms) - page_box.content_box_y()) / page_box.height)


def _inside_the_page_area(line, page_box) -> bool:
    return page_box.content_box_y() <= line.position_y <= page_box.content_box_y() + page_box.height


def _letters(text: str) -> int:
    """How many characters a text prints: spaces and the soft hyphens a line may break at not counted."""
    return sum(1 for character in text if not character.isspace() and character != "\u00ad")


def _own_text(element) -> str:
    """An element's text, without that of the elements inside it that name a text of their own (data-key)."""
    parts = [element.text or ""]
    for child in element:
        if not child.get("data-key"):
            parts.append(_own_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _cut_at(text: str, printed: int) -> str:
    """The text from the first letter that was not printed: what the reader of the card never sees."""
    seen = 0
    for position, character in enumerate(text):
        if not character.isspace() and character != "\u00ad":
            if seen == printed:
                return text[position:]
            seen += 1
    return text


def _past_the_first_page(laid_out) -> tuple[tuple[str, str], ...]:
    """(key, text) of the first text that an output read as one page pushed onto a second page."""
    for page in laid_out.pages[1:]:
        for box, key in _text_boxes(page._page_box, None):
            return ((key or "(unnamed text)", " ".join(box.text.split())),)
    return ()


# Where a line's letters are drawn, around its baseline, as a share of its font
# size: ascenders and capitals above (about three quarters of the size in Latin,
# Arabic and the other shipped scripts), descenders below. A line box is taller
# (it holds the line spacing, and Naskh's tall metrics), so boxes that touch are
# normal; letters that meet are not.
INK_ABOVE_BASELINE = 0.75
INK_BELOW_BASELINE = 0.2
# How far two lines' letters may reach into each other, as a share of the smaller
# font size, before one counts as printed over the other.
OVERPRINT_TOLERANCE = 0.15


def _overprinted_lines(laid_out) -> tuple[tuple[tuple[str, str], tuple[str, str]], ...]:
    """Each two lines of text on a page whose letters are printed over each other, from the laid-out boxes."""
    found: dict[tuple[str, str], tuple[tuple[str, str], tuple[str, str]]] = {}
    for page in laid_out.pages:
        lines = []
        for line, key in _line_boxes(page._page_box, None):
            texts = [box for box, _ in _text_boxes(line, key)]
            if not texts:
                continue
            size = max(box.style["font_size"] for box in texts)
            baseline = line.position_y + line.baseline
            lines.append((min(box.position_x for box in texts), max(box.position_x + box.width for box in texts),
                          baseline - INK_ABOVE_BASELINE * size, baseline + INK_BELOW_BASELINE * size, size,
                          key or "(unnamed text)", " ".join(" ".join(box.text.split()) for box in texts)))
        lines.sort(key=lambda line: line[2])
        for index, first in enumerate(lines):
            for second in lines[index + 1:]:
                if second[2] >= first[3]:
                    break  # sorted by top: no later line reaches up into this one
                shared_height = min(first[3], second[3]) - second[2]
                shared_width = min(first[1], second[1]) - max(first[0], second[0])
                if (shared_width > OVERFLOW_TOLERANCE_PX
                        and shared_height > OVERPRINT_TOLERANCE * min(first[4], second[4])):
                    found.setdefault((first[5], second[5]), ((first[5], first[6]), (second[5], second[6])))
    return tuple(found.values())


def _line_boxes(box, key: str | None):
    element = getattr(box, "element", None)
    if element is not None and element.get("data-key"):
        key = element.get("data-key")
    if type(box).__name__ == "LineBox":
        yield box, key
        return
    for child in getattr(box, "children", ()):
        yield from _line_boxes(child, key)


def _outside(container, x: float, y: float | None, width: float, height: float | None):
    for box, key in _text_boxes(container, None):
        if (box.position_x < x - OVERFLOW_TOLERANCE_PX
                or box.position_x + box.width > x + width + OVERFLOW_TOLERANCE_PX
                or (y is not None and box.position_y + box.height > y + height + OVERFLOW_TOLERANCE_PX)):
            yield key or "(unnamed text)", box.text


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
            if not any(path.is_relative_to(folder.resolve()) for folder in allowed_dirs):
                raise PermissionError(f"refused {url}: outside templates/ and fonts/")
            return super().fetch(url, headers)

    return ProjectFilesFetcher()
