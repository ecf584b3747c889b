"""Turn every language's built card front into one contact sheet image: docs/card-fronts.png.

Run after `make build`: .venv/bin/python docs/make_contact_sheet.py
"""

from pathlib import Path

import pypdfium2
from PIL import Image, ImageDraw, ImageFont

from handouts.kit import load_kit

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = load_kit(ROOT).languages
DPI = 200
COLUMNS = 3
GAP = 24
LABEL_HEIGHT = 34


def card_front(language: str) -> Image.Image:
    pdf = pypdfium2.PdfDocument(str(ROOT / "output" / language / "know-your-rights-card.pdf"))
    return pdf[0].render(scale=DPI / 72).to_pil().convert("RGB")


def main() -> None:
    fronts = {code: card_front(code) for code in LANGUAGES}
    width, height = next(iter(fronts.values())).size
    rows = -(-len(fronts) // COLUMNS)
    sheet = Image.new("RGB", (COLUMNS * (width + GAP) + GAP, rows * (height + LABEL_HEIGHT + GAP) + GAP), "#8a8a8a")
    draw = ImageDraw.Draw(sheet)
    font = ImageFont.truetype(str(ROOT / "fonts" / "NotoSans-Bold.ttf"), 22)
    for index, (code, image) in enumerate(fronts.items()):
        x = GAP + (index % COLUMNS) * (width + GAP)
        y = GAP + (index // COLUMNS) * (height + LABEL_HEIGHT + GAP)
        draw.text((x, y), f"{code}: {LANGUAGES[code].english_name}", fill="white", font=font)
        sheet.paste(image, (x, y + LABEL_HEIGHT))
    target = ROOT / "docs" / "card-fronts.png"
    sheet.save(target, optimize=True)
    print(target)


if __name__ == "__main__":
    main()
