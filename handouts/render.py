"""Turn HTML documents into PDF bytes, using only the project's fonts and files."""

from __future__ import annotations

import ctypes.util
import logging
import os
import tempfile
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

    def render(self, document: Document) -> bytes:
        html = self._weasyprint.HTML(string=document.html, base_url=str(self.templates_dir) + "/",
                                     url_fetcher=self._fetcher)
        try:
            return html.write_pdf(font_config=self._font_config, uncompressed_pdf=False)
        except self._weasyprint.urls.FatalURLFetchingError as error:
            raise RenderError(f"{document.relative_path}: {error.__cause__ or error}") from None


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
