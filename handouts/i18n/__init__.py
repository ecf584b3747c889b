"""Turn a kit's content and its PO catalogs into one edition per language: every printed string resolved."""

from .catalogs import Translation, load_translations, update_catalogs
from .editions import Edition, editions
from .status import LanguageStatus, language_status
from .strings import translatable_strings

__all__ = ["Edition", "LanguageStatus", "Translation", "editions", "language_status", "load_translations",
           "translatable_strings", "update_catalogs"]
