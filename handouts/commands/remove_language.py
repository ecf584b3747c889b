"""Turn a language of the kit into one it no longer has: out of handouts.yml, and its catalog deleted."""

from __future__ import annotations

from pathlib import Path

from ..errors import ContentError, Problem
from ..files import RefusedFile, kit_path, read_kit_file, write_atomically
from ..kit import KIT_FILE, load_kit
from ..languages import SOURCE_LANGUAGE, Language
from .kit_edits import without_language


def remove_language(kit_dir: Path, code: str) -> Language:
    """Take the language out of the kit; the kit file as it will be is checked before anything changes."""
    kit = load_kit(kit_dir)
    where = str(kit_dir / KIT_FILE)
    if code == SOURCE_LANGUAGE:
        raise ContentError(Problem(f"{code} is the source language: the content is written in it.", file=where,
                                   key="languages", fix="Remove another language."))
    if code not in kit.languages:
        raise ContentError(Problem(f"the kit has no language {code!r} (it has {', '.join(kit.languages)}).",
                                   file=where, key="languages", fix="Name one of the kit's languages."))
    try:
        text = read_kit_file(kit_dir, KIT_FILE, "kit file").decode("utf-8")
        catalog = kit_path(kit_dir, f"content/translations/{code}.po")
    except RefusedFile as refused:
        raise ContentError(Problem(refused.message, file=where, fix=refused.fix)) from None
    new_text = without_language(text, code, where)
    load_kit(kit_dir, text=new_text)  # the kit file as it will be still reads, or this says why
    write_atomically(kit_dir / KIT_FILE, new_text.encode("utf-8"))
    catalog.unlink(missing_ok=True)
    return kit.languages[code]
