"""Turn editions into render jobs: the HTML of every output, per product and paper, and the check that every
printed character has a font."""

from .documents import lay_out, lay_out_mixed_sheets
from .glyph_coverage import missing_glyphs, unprintable_names
from .i_speak import lay_out_language_cards
from .jobs import RenderJob
from .templates import template_environment

__all__ = ["RenderJob", "lay_out", "lay_out_language_cards", "lay_out_mixed_sheets", "missing_glyphs",
           "template_environment",
           "unprintable_names"]
