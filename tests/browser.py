"""Turn an HTML file into what a reader sees of it in headless Chromium: text, broken pictures, link targets."""

from __future__ import annotations

import contextlib
import os
import tempfile
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
INSTALL_HINT = "sudo apt-get install chromium chromium-driver"
# A phone held upright: the page must read there without scrolling sideways.
PHONE_WIDTH_PX = 360
PHONE_HEIGHT_PX = 740
# Offline, private and quiet: the machine may have no internet, and a test must not
# wait on a network call or write into anyone's browser profile.
CHROMIUM_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
)

# Lazy pictures below the fold have not loaded yet, so they would count as broken:
# ask for every one now and wait until each has loaded or failed.
_LOAD_EVERY_PICTURE = """
const done = arguments[arguments.length - 1];
const images = Array.from(document.images);
images.forEach(img => { img.loading = "eager"; });
Promise.all(images.map(img => img.decode().catch(() => null))).then(() => done(null));
"""
_BROKEN_PICTURES = "return Array.from(document.images).filter(img => !img.complete || img.naturalWidth === 0)" \
                   ".map(img => img.currentSrc || img.src);"
_LINKS = "return Array.from(document.querySelectorAll('a[href]')).map(a => a.href);"
_SCROLLS_SIDEWAYS = "return document.documentElement.scrollWidth > document.documentElement.clientWidth;"


@dataclass(frozen=True)
class BrowserView:
    text: str  # document.body.innerText: the text a reader sees, hidden text left out
    broken_images: list[str]  # the resolved src of each picture that did not load
    links: list[str]  # every link's href, resolved against the page (file:// URLs for a page on disk)
    scrolls_sideways: bool  # wider than a phone's screen


def require_chromium() -> None:
    """Skip the test when Chromium or its driver is missing; fail instead under CI, where a skip would pass unseen."""
    missing = [str(path) for path in (CHROMIUM, CHROMEDRIVER) if not path.is_file()]
    try:
        import selenium  # noqa: F401
    except ImportError:
        missing.append("the selenium Python package (pip install -e '.[test]')")
    if not missing:
        return
    reason = f"Browser test needs {', '.join(missing)}. Install the browser: {INSTALL_HINT}"
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set, so this test may not be skipped)")
    pytest.skip(reason)


def open_in_chromium(page_path: Path) -> BrowserView:
    """Open an HTML file from disk in headless Chromium sized like a phone, and read what it shows."""
    return open_url_in_chromium(page_path.resolve().as_uri())


@contextlib.contextmanager
def chromium(width: int = PHONE_WIDTH_PX, height: int = PHONE_HEIGHT_PX, mobile: bool = True):
    """A headless Chromium driven by Selenium, offline and with a profile of its own, closed afterwards."""
    require_chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in CHROMIUM_FLAGS:
        options.add_argument(flag)
    with tempfile.TemporaryDirectory(prefix="chromium-profile-") as profile:
        options.add_argument(f"--user-data-dir={profile}")
        # Giving the driver's path keeps Selenium Manager, which would try to download one, out of it.
        driver = webdriver.Chrome(service=Service(executable_path=str(CHROMEDRIVER)), options=options)
        try:
            driver.set_script_timeout(30)
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": height, "deviceScaleFactor": 2, "mobile": mobile})
            yield driver
        finally:
            driver.quit()


def open_url_in_chromium(url: str) -> BrowserView:
    """Open a page (file:// or http://) in headless Chromium sized like a phone, and read what it shows."""
    with chromium() as driver:
        driver.get(url)
        driver.execute_async_script(_LOAD_EVERY_PICTURE)
        return BrowserView(
            text=driver.execute_script("return document.body.innerText;"),
            broken_images=driver.execute_script(_BROKEN_PICTURES),
            links=driver.execute_script(_LINKS),
            scrolls_sideways=driver.execute_script(_SCROLLS_SIDEWAYS),
        )


def links_not_to_files_in(links: list[str], folder: Path) -> list[str]:
    """The links that are not file:// URLs of an existing file inside `folder` (an in-page #fragment is ignored)."""
    folder = folder.resolve()
    wrong = []
    for link in links:
        url = urlsplit(link)
        target = Path(unquote(url.path)).resolve() if url.scheme == "file" and not url.netloc else None
        if target is None or not target.is_file() or not target.is_relative_to(folder):
            wrong.append(link)
    return wrong
