"""The web page: one self-contained file per language, read in Chromium at a phone's 360 pixels: no
accessibility violation axe-core finds (WCAG 2.0 and 2.1, A and AA), no request leaving the file, nothing
wider than the screen, every link at least 24 by 24 pixels, phone numbers as tel: links, codes and numbers
left to right in right-to-left pages, and the information date and each rule's status as printed."""

import re

import pytest

from browser import PHONE_WIDTH_PX, chromium
from conftest import LANGUAGES

# One browser for the module's pages, in the process that runs the preview's browser test too: two
# Chromiums at once, beside the builds of the other process, slowed the preview past its waits.
pytestmark = pytest.mark.xdist_group("browser")

# axe-core's rules for WCAG 2.0 A and AA and 2.1 AA, as the axe bundled with axe-selenium-python names them.
WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21aa"]
_AXE = """
const done = arguments[arguments.length - 1];
axe.run(document, {runOnly: {type: "tag", values: %s}}).then(
    results => done(results.violations.map(v => [v.id, v.nodes.map(n => n.html).slice(0, 3)])),
    error => done([["axe failed", [String(error)]]]));
"""
_TARGETS = """
return Array.from(document.querySelectorAll('a[href]')).map(a => {
  const box = a.getBoundingClientRect();
  return [a.getAttribute('href'), box.width, box.height, getComputedStyle(a).direction];
});
"""
_CODES = "return Array.from(document.querySelectorAll('.code')).map(c => [c.textContent, getComputedStyle(c).direction]);"


def page_of(built, language):
    return built / language / "know-your-rights-page.html"


@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_page_is_one_file_that_fetches_nothing(built, language):
    html = page_of(built, language).read_text(encoding="utf-8")
    direction = "rtl" if language in ("ar", "fa-AF", "ps") else "ltr"
    assert f'<html lang="{language}" dir="{direction}">' in html
    # Nothing to fetch: no script, no linked style sheet, font or picture; links are only for the reader to follow.
    assert not re.search(r"<(script|link|img|iframe|object|embed)\b|\bsrc=|url\(|@import", html)
    for phone in ("1-888-351-4024", "1-800-203-7001", "209-757-3733"):
        digits = re.sub(r"[^0-9]", "", phone)
        assert f'href="tel:+{digits if digits.startswith("1") else "1" + digits}"' in html


@pytest.fixture(scope="module")
def phone():
    """One headless Chromium at a phone's size for every page of the module, axe-core ready to inject."""
    with chromium() as driver:
        yield driver


@pytest.mark.browser
@pytest.mark.parametrize("language", list(LANGUAGES))
def test_the_page_reads_on_a_phone_with_no_accessibility_violation(built, phone, language):
    from axe_selenium_python import Axe

    driver = phone
    driver.get(page_of(built, language).resolve().as_uri())
    Axe(driver).inject()
    assert driver.execute_async_script(_AXE % WCAG_TAGS) == [], language
    # Nothing fetched, the file itself aside (axe's own script is put in by the test, not fetched).
    assert driver.execute_script("return performance.getEntriesByType('resource').map(e => e.name);") == []
    assert driver.execute_script("return document.documentElement.clientWidth;") == PHONE_WIDTH_PX
    assert not driver.execute_script(
        "return document.documentElement.scrollWidth > document.documentElement.clientWidth;")
    targets = driver.execute_script(_TARGETS)
    assert targets and all(width >= 24 and height >= 24 for _, width, height, _ in targets), targets
    # Numbers, addresses and codes read left to right, whatever the page's direction.
    assert all(direction == "ltr" for href, _, _, direction in targets if href.startswith(("tel:", "https:")))
    codes = driver.execute_script(_CODES)
    assert [code for code, _ in codes] == ["9233#", "9116#", "699#", "#566"]
    assert all(direction == "ltr" for _, direction in codes)
    text = driver.execute_script("return document.body.innerText;")
    if language == "en":
        assert "Information as of March 18, 2024" in text
        assert "A court struck this down on July 2, 2025, and the decision is under appeal." in text
        assert "Courts are deciding some of these rules" in text
