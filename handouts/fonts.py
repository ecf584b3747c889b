"""Turn the tool's fonts and a kit's own into the print fonts, prepared once and cached (only the scripts the
handouts use), and into what each font family draws."""

from __future__ import annotations

import hashlib
import os
import shutil
import tempfile
from functools import lru_cache
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

from . import __version__
from .errors import ContentError, Problem
from .processes import stop, worker_pool

# What a font is kept for, where it has far more than the handouts use. Noto
# Sans carries Latin (every language's codes, numbers and addresses, and the
# Latin-script languages) and Cyrillic, not its Greek, IPA and symbols. Fewer
# glyphs in a font make every PDF that embeds it smaller: the renderer keeps
# glyph numbers, so a subset of a big font still carries an entry for each glyph
# before the last one used. The other fonts carry one script each and are kept
# whole (the Han font is already a subset, see fonts/make_han_font.py).
KEPT_RANGES = {
    # Latin with its IPA letters and spacing modifiers (ʼ, ʻ and ə are letters of Mayan, Hawaiian and
    # Azerbaijani spelling), the combining marks, Cyrillic, Latin Extended Additional (Vietnamese) and the
    # punctuation, currency, letterlike, arrow and shape signs.
    "Noto Sans": [(0x0020, 0x036F), (0x0400, 0x04FF), (0x1E00, 0x1EFF),
                  (0x2000, 0x206F), (0x20A0, 0x20CF), (0x2100, 0x214F), (0x2190, 0x21FF), (0x25A0, 0x25FF)],
}
# Tables a horizontal, printed page never reads.
DROPPED_TABLES = ["vhea", "vmtx", "VORG", "DSIG", "hdmx", "LTSH", "VDMX"]
# Raised when _prepare writes different bytes for the same font, so that no
# cache keeps fonts prepared the old way (version 1 stamped them with the time).
PREPARATION = 3


def family_name(font: TTFont) -> str:
    """The family a font belongs to, as CSS and fontconfig name it: "Noto Sans" for its Bold too."""
    return font["name"].getDebugName(16) or font["name"].getDebugName(1)


FONT_SUFFIXES = (".ttf", ".otf")
# What a kit's font never draws, whatever it holds: the Latin letters, digits and signs that codes, phone
# numbers, dates and addresses are written in. They print in the tool's Noto Sans, so no kit font can redraw
# a "9" as an "8" unseen (its character map still saying "9").
NEVER_FROM_A_KIT_FONT = [(0x0000, 0x024F), (0x1E00, 0x1EFF), (0x2000, 0x206F), (0xFF00, 0xFFEF)]


def font_files(fonts_dir: Path) -> list[Path]:
    return sorted(path for path in fonts_dir.iterdir() if path.suffix.lower() in FONT_SUFFIXES)


def font_files_by_family(fonts_dir: Path) -> dict[str, list[Path]]:
    families: dict[str, list[Path]] = {}
    for path in font_files(fonts_dir):
        families.setdefault(family_name(_opened(path)), []).append(path)
    return families


def families_of(font_dirs: tuple[Path, ...]) -> dict[str, list[Path]]:
    """Every family's font files, the tool's folder first: a kit's font never joins or replaces one of the
    tool's families (refused, naming the file)."""
    families: dict[str, list[Path]] = {}
    tool, *kits = font_dirs
    for family, paths in font_files_by_family(tool).items():
        families[family] = list(paths)
    tool_families = set(families)
    for folder in kits:
        for family, paths in font_files_by_family(folder).items():
            if family in tool_families:
                raise ContentError(Problem(
                    f"the font's family is {family!r}, one of the tool's own: a kit adds fonts for scripts the "
                    "tool lacks, never replaces its fonts (they print every code and number).",
                    file=f"fonts/{paths[0].name}", fix="Remove the font, or use one of another family."))
            families.setdefault(family, []).extend(paths)
    return families


def kit_families(font_dirs: tuple[Path, ...]) -> tuple[str, ...]:
    """The families of the fonts a kit adds, in the order they are found."""
    tool, *kits = font_dirs
    return tuple(dict.fromkeys(family for folder in kits for family in font_files_by_family(folder)))


def _opened(path: Path) -> TTFont:
    try:
        return TTFont(path, lazy=True)
    except Exception as error:  # fontTools raises many kinds for a file that is no font
        raise ContentError(Problem(f"not a font the tool can read ({type(error).__name__}).",
                                   file=f"{path.parent.name}/{path.name}",
                                   fix="Replace it with a TrueType (.ttf) or OpenType (.otf) font file.")) from None


def font_families(font_dirs: tuple[Path, ...]) -> dict[str, frozenset[int]]:
    """The characters each family draws once prepared for print: the union of its styles' character maps,
    cut to what preparation keeps. Read from the fonts as they are, without preparing them."""
    return _families(tuple((path, of_a_kit, path.stat().st_mtime_ns, path.stat().st_size)
                           for path, of_a_kit in _sources(font_dirs)))


@lru_cache(maxsize=8)
def _families(sources: tuple[tuple[Path, bool, int, int], ...]) -> dict[str, frozenset[int]]:
    families: dict[str, set[int]] = {}
    for path, of_a_kit, _, _ in sources:
        font = _opened(path)
        family = family_name(font)
        families.setdefault(family, set()).update(_kept(set(font.getBestCmap()), family, of_a_kit))
    return {family: frozenset(characters) for family, characters in families.items()}


def _kept(characters: set[int], family: str, of_a_kit: bool) -> set[int]:
    """The characters a font keeps once prepared."""
    if of_a_kit:
        return {c for c in characters if not any(low <= c <= high for low, high in NEVER_FROM_A_KIT_FONT)}
    if family in KEPT_RANGES:
        return {c for c in characters if any(low <= c <= high for low, high in KEPT_RANGES[family])}
    return characters


def _sources(font_dirs: tuple[Path, ...]) -> list[tuple[Path, bool]]:
    """Every font file, and whether it is a kit's, once its families are known to be the kit's own."""
    families_of(font_dirs)
    tool, *kits = font_dirs
    return [(path, False) for path in font_files(tool)] + [(path, True) for folder in kits
                                                           for path in font_files(folder)]


def cache_root() -> Path:
    """Where prepared fonts are kept between builds ($HANDOUTS_CACHE, else the user's cache folder)."""
    if os.environ.get("HANDOUTS_CACHE"):
        return Path(os.environ["HANDOUTS_CACHE"])
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "handouts"


def prepared_fonts_dir(font_dirs: tuple[Path, ...]) -> Path:
    """The print fonts for the tool's fonts and a kit's own, as they are now: prepared once, then reused.

    The folder is named by a hash of the fonts, the tool's version and how
    fonts are prepared, so a changed font or recipe gets a new folder and
    copies of the project share one.
    """
    sources = _sources(font_dirs)
    key = hashlib.sha256(__version__.encode())
    key.update(repr((PREPARATION, KEPT_RANGES, DROPPED_TABLES, NEVER_FROM_A_KIT_FONT)).encode())
    for path, of_a_kit in sources:
        key.update(f"{path.name} {of_a_kit}".encode() + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    target = cache_root() / "fonts" / key.hexdigest()[:20]
    if target.exists():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    # Prepared in a folder of its own, then renamed into place: a build running
    # alongside never sees half a set of fonts.
    work = Path(tempfile.mkdtemp(prefix=".preparing-", dir=target.parent))
    try:
        # One font per core: cutting down Noto Sans takes a few tenths of a second each.
        pool = worker_pool(os.cpu_count() or 1)
        try:
            for _ in pool.map(_prepare, [path for path, _ in sources], [work / path.name for path, _ in sources],
                              [of_a_kit for _, of_a_kit in sources]):
                pass
        except BaseException:
            stop(pool)
            raise
        pool.shutdown()
        try:
            work.rename(target)
        except OSError:  # another build finished the same fonts first
            shutil.rmtree(work, ignore_errors=True)
    except BaseException:
        shutil.rmtree(work, ignore_errors=True)
        raise
    return target


def _prepare(source: Path, target: Path, of_a_kit: bool = False) -> None:
    # The font keeps the date it was made (head.modified), not the day it was
    # prepared: the same fonts give the same bytes in every PDF, whichever
    # machine, clock or cache prepared them.
    font = TTFont(source, recalcTimestamp=False)
    family = family_name(font)
    if family not in KEPT_RANGES and not of_a_kit:
        # Kept whole: subsetting it would gain little and cost seconds.
        shutil.copyfile(source, target)
        return
    characters = _kept(set(font.getBestCmap()), family, of_a_kit)
    options = subset.Options()
    options.layout_features = ["*"]  # Arabic joining, Gurmukhi conjuncts and marks need them all
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False  # printed, not shown on a low-resolution screen
    options.drop_tables += DROPPED_TABLES
    options.notdef_outline = True
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=characters)
    subsetter.subset(font)
    font.save(str(target))
