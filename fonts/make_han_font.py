"""Turn the full Noto Sans CJK font and the Chinese catalog into the small Han subset shipped in fonts/.

The full font is 19 MB; the handouts use a few hundred Han characters. The
subset holds exactly the characters of the zh-Hans catalog and the text the
Chinese edition prints besides it. Run it again (`make han-font`) whenever the
Chinese translation changes: the glyph check names any character it lacks. It is not part of the
tool: it runs only to remake the shipped subset, on a machine with the full font (fonts-noto-cjk).
"""

from __future__ import annotations

import argparse
import datetime
import sys
from pathlib import Path

import yaml
from babel.dates import format_date
from babel.messages.pofile import read_po
from fontTools import subset
from fontTools.ttLib import TTCollection

from handouts.i18n.catalogs import catalog_path
from handouts.kit import load_kit
from handouts.languages import LanguageDescription
from handouts.languages import language as language_of

# Debian's fonts-noto-cjk package installs the full fonts here.
SOURCES = {
    "Regular": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc"),
    "Bold": Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc"),
}
FAMILY = "Noto Sans CJK SC"
# Punctuation a translator may reach for, and the digits and Latin letters that
# Noto Sans also has but that should match the Han font's metrics in mixed runs.
ALWAYS = "，。、：；？！（）《》「」『』“”‘’…—·％０１２３４５６７８９年月日" + "".join(
    chr(code) for code in range(0x20, 0x7F))


def characters_used(project_dir: Path) -> str:
    path = catalog_path(project_dir / "content" / "translations", "zh-Hans")
    with path.open("rb") as stream:
        translated = "".join(message.string for message in read_po(stream) if message.id)
    language = language_of(LanguageDescription("zh-Hans"))
    printed_besides = language.own_name + format_date(datetime.date(2024, 3, 18), "long", locale=language.locale)
    return "".join(sorted(set(translated + printed_besides + _table_names(project_dir) + ALWAYS)))


def _table_names(project_dir: Path) -> str:
    """The names the kit's language tables write in Han characters: the "I speak" cards print them."""
    names = []
    for document in load_kit(project_dir).documents:
        if document.language_table:
            table = yaml.safe_load((project_dir / document.language_table).read_text(encoding="utf-8"))
            names += [name for entry in table.get("languages", []) if entry.get("script") in ("Hans", "Hant")
                      for name in entry.get("names", {}).values()]
    return "".join(names)


def make_subset(source: Path, style: str, characters: str, fonts_dir: Path) -> Path:
    collection = TTCollection(str(source))
    font = next(f for f in collection.fonts if f["name"].getDebugName(1) == FAMILY)
    options = subset.Options()
    # Horizontal simplified Chinese only: no vertical forms, and no "locl"
    # variants, which would bring in the Japanese, Korean and traditional
    # glyphs (hundreds more, carried by every PDF that embeds the font).
    options.layout_features = ["ccmp", "kern", "palt", "halt"]
    options.drop_tables += ["vhea", "vmtx", "VORG"]
    options.name_IDs = ["*"]
    options.hinting = False  # the PDF is printed, not shown on a low-resolution screen
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(character) for character in characters])
    subsetter.subset(font)
    target = fonts_dir / f"NotoSansCJKsc-{style}-subset.otf"
    font.save(str(target))
    return target


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=Path("."))
    arguments = parser.parse_args(argv)
    missing = [str(path) for path in SOURCES.values() if not path.exists()]
    if missing:
        print(f"Not found: {', '.join(missing)}. Install the full fonts: sudo apt-get install fonts-noto-cjk",
              file=sys.stderr)
        return 1
    characters = characters_used(arguments.project)
    for style, source in SOURCES.items():
        target = make_subset(source, style, characters, arguments.project / "fonts")
        print(f"{target}: {len(characters)} characters, {target.stat().st_size // 1024} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
