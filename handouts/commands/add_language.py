"""Turn a language code (and what the kit says of a language CLDR does not know) into a kit's new language: its
catalog, with every string to translate, and its entry in handouts.yml."""

from __future__ import annotations

import json
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from ..files import write_atomically
from ..i18n import translatable_strings, update_catalogs
from ..kit import KIT_FILE, load_kit
from ..languages import Language, LanguageDescription, UnknownLanguage, language
from .load import load

def add_language(kit_dir: Path, description: LanguageDescription) -> Language:
    """Add a language to the kit: its catalog, with every string untranslated, then its entry in handouts.yml."""
    kit = load_kit(kit_dir)
    code = description.code
    where = str(kit_dir / KIT_FILE)
    if code in kit.languages:
        raise ContentError(Problem(f"the kit already has {code}.", file=where, key="languages",
                                   fix=f"Translate content/translations/{code}.po, or refresh it with: "
                                       "handouts i18n update"))
    try:
        added = language(description, kit.scripts)
    except UnknownLanguage as error:
        raise ContentError(Problem(error.message, file=where, key="languages", language=code,
                                   fix=error.fix)) from None
    text = (kit_dir / KIT_FILE).read_text(encoding="utf-8")
    new_text = _with_language(text, description, where)
    # The catalog holds every region's strings, whichever regions the kit lists now.
    content = load(kit_dir, regions=(), catalogs=False).content
    update_catalogs(translatable_strings(content), content.newest_information_date, kit.translations_dir, [added])
    write_atomically(kit_dir / KIT_FILE, new_text.encode("utf-8"))
    load_kit(kit_dir)  # the file as rewritten still reads, or this says why
    return added


def _with_language(text: str, description: LanguageDescription, where: str) -> str:
    """The kit file with the language added at the end of its `languages:` list, every other line as it was."""
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    node = next(value for key, value in root.value if key.value == "languages")
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise ContentError(Problem("the languages list is not written one language per line.", file=where,
                                   line=node.start_mark.line + 1, key="languages",
                                   fix="Write it as lines starting with '- ', then add the language again."))
    first = node.value[0]
    indent = " " * (first.start_mark.column - 2)
    fields = {name: getattr(description, name) for name in
              ("english_name", "own_name", "script", "direction", "source") if getattr(description, name)}
    if fields:
        inner = indent + "  "
        entry = f"{indent}- code: {description.code}\n" + "".join(
            f"{inner}{name}: {json.dumps(value, ensure_ascii=False)}\n" for name, value in fields.items())
    else:
        entry = f"{indent}- {description.code}\n"
    last = node.value[-1]
    # A value that ends at the start of a line ended on the line before.
    end_line = last.end_mark.line - (1 if last.end_mark.column == 0 else 0)
    lines = text.splitlines(keepends=True)
    # A mapping ends where the next key starts: after the comments and blank lines that follow it.
    while end_line > last.start_mark.line and lines[end_line].strip()[:1] in ("", "#"):
        end_line -= 1
    if not lines[end_line].endswith("\n"):
        lines[end_line] += "\n"
    lines.insert(end_line + 1, entry)
    return "".join(lines)
