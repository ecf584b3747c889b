"""Turn a kit folder into what every command starts from: the kit, its content and its catalogs, each loaded and
checked."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path

from ..errors import ContentError, Problem
from ..i18n import Translation, load_translations, translatable_strings
from ..kit import KIT_FILE, Kit, KitContent, load_content, load_kit
from ..languages import SOURCE_LANGUAGE


@dataclass(frozen=True)
class Loaded:
    kit: Kit  # with the regions asked for
    content: KitContent
    translations: dict[str, Translation]  # of the languages asked for, English aside

    def with_catalogs(self, languages: tuple[str, ...] | None = None) -> "Loaded":
        """The same, with the catalogs of `languages` (every translated language of the kit: None) read."""
        kit = self.kit
        chosen = [kit.languages[code] for code in (languages or kit.languages) if code != SOURCE_LANGUAGE]
        return dataclasses.replace(self, translations=load_translations(translatable_strings(self.content),
                                                                        kit.translations_dir, chosen))


def load(kit_dir: Path, languages: tuple[str, ...] | None = None, regions: tuple[str, ...] | None = None,
         catalogs: bool = True) -> Loaded:
    """The kit in `kit_dir`, its content and, with `catalogs`, the catalogs of `languages` (None: all).

    `regions` lists only those regions' organizations (None: the regions the kit file lists; (): every
    region, as a catalog or a verification holds them all). A language the kit does not have is named."""
    kit = load_kit(kit_dir)
    if regions is not None:
        kit = dataclasses.replace(kit, regions=regions)
    unknown = [code for code in languages or () if code not in kit.languages]
    if unknown:
        raise ContentError([Problem(f"the kit has no language {code!r} (it has {', '.join(kit.languages)}).",
                                    file=str(kit_dir / KIT_FILE), fix=f"Add it to the kit with: handouts i18n add {code}")
                            for code in unknown])
    loaded = Loaded(kit, load_content(kit), {})
    return loaded.with_catalogs(languages) if catalogs else loaded
