# Two commands on a fresh Debian or Ubuntu machine with Python 3.11 and make:
#   make build   set up .venv and build every handout into output/
#   make test    set up .venv and run the tests

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
INSTALLED := $(VENV)/.installed

.PHONY: build test setup check-system check-test-tools clean han-font

build: setup
	$(BIN)/handouts build

# Every test, side by side on every core; `.venv/bin/python -m pytest -m "not slow and not browser"` is a
# quick run of the rest.
test: setup check-test-tools
	$(BIN)/python -m pytest -n auto --dist loadgroup

setup: check-system $(INSTALLED)

$(INSTALLED): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $(INSTALLED)

# WeasyPrint draws text with Pango, a system library pip cannot install.
check-system:
	@$(PYTHON) -c 'import sys; sys.exit(sys.version_info < (3, 11))' || \
		{ echo "handouts needs Python 3.11 or newer (found $$($(PYTHON) --version))."; exit 1; }
	@$(PYTHON) -c 'import venv, ensurepip' 2>/dev/null || \
		{ echo "Python's venv module is missing. Install it: sudo apt-get install python3-venv"; exit 1; }
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(not ctypes.util.find_library("pango-1.0") or not ctypes.util.find_library("pangoft2-1.0"))' || \
		{ echo "Pango is missing (WeasyPrint draws text with it). Install it: sudo apt-get install libpango-1.0-0 libpangoft2-1.0-0"; exit 1; }
	@# HarfBuzz's subsetting library makes embedding fonts fast (without it WeasyPrint
	@# falls back to fontTools, many times slower). Installed here when we may;
	@# otherwise the build still works, and says what to install.
	@$(PYTHON) -c 'import ctypes.util, sys; sys.exit(not ctypes.util.find_library("harfbuzz-subset"))' || \
		{ if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing libharfbuzz-subset0 for fast font embedding..."; \
			apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1 || \
			{ apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq libharfbuzz-subset0 >/dev/null 2>&1; } || \
			echo "Could not install it; builds will be slower. Install it: sudo apt-get install libharfbuzz-subset0"; \
		else echo "Warning: libharfbuzz-subset0 is missing; builds will be slower. Install it: sudo apt-get install libharfbuzz-subset0"; fi; }

# Tools the tests use to read the outputs independently; the build itself needs
# neither. Chromium opens output/index.html; qpdf checks every PDF's structure.
# Installed here when we may; otherwise the browser test is skipped (failed when CI
# is set, so a CI run cannot pass without it), the PDFs are checked through qpdf's
# library instead, and this says what to install.
TEST_TOOLS := chromium chromium-driver qpdf
check-test-tools:
	@{ test -x /usr/bin/chromium && test -x /usr/bin/chromedriver && test -x /usr/bin/qpdf; } || \
		{ if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
			echo "Installing $(TEST_TOOLS) for the tests..."; \
			DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_TOOLS) >/dev/null 2>&1 || \
			{ apt-get update -qq >/dev/null 2>&1 && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $(TEST_TOOLS) >/dev/null 2>&1; } || \
			echo "Could not install them; the browser test will be skipped. Install them: sudo apt-get install $(TEST_TOOLS)"; \
		else echo "Warning: some of $(TEST_TOOLS) are missing; the browser test will be skipped. Install them: sudo apt-get install $(TEST_TOOLS)"; fi; }

# The Chinese font is a subset of Noto Sans CJK holding the characters the
# zh-Hans catalog uses; remake it after the Chinese translation changes.
han-font: setup
	@test -f /usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc || \
		{ echo "The full Noto Sans CJK fonts are needed: sudo apt-get install fonts-noto-cjk"; exit 1; }
	$(BIN)/python fonts/make_han_font.py

clean:
	rm -rf $(VENV) output .handouts-preview
