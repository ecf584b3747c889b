"""Turn the kit's English content into refreshed catalogs (`handouts i18n update`): every new string to
translate, every changed one fuzzy beside its previous English, every translator's work kept."""

from __future__ import annotations

from pathlib import Path

from ..i18n import translatable_strings, update_catalogs
from .load import load


def update_kit_catalogs(kit_dir: Path, languages: tuple[str, ...] | None = None) -> dict[str, dict[str, int]]:
    """Each catalog's counts of strings kept, fuzzy, new and obsolete, by language."""
    # The catalogs hold every region's strings: a kit that lists fewer regions keeps the others' translations.
    loaded = load(kit_dir, languages=languages, regions=(), catalogs=False)
    kit, content = loaded.kit, loaded.content
    chosen = [kit.languages[code] for code in languages or kit.languages if code in kit.translated_languages]
    return update_catalogs(translatable_strings(content), content.newest_information_date, kit.translations_dir,
                           chosen)
