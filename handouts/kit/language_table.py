"""Turn a kit's language table (content/languages.yml) into a checked LanguageTable: every name, its source, its script.

Whether the fonts draw every name is checked with the rest of the printed text, before layout
(layout/glyph_coverage.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pycountry
import yaml
from babel.core import get_global

from ..errors import Problem
from ..languages import SCRIPT_FONTS, SPANISH, direction_of, script_name
from .kit_file import LANGUAGE_TAG, SCRIPT_CODE
from .model import LanguageGroup, LanguageName, LanguageTable, TableLanguage, with_one_apostrophe
from .schema import YamlFile, join_key

# A language no ISO 639-3 code names alone (a family: Mixtec) has a private-use tag: "x-mixtec".
TABLE_CODE = re.compile(LANGUAGE_TAG.pattern[:-1] + r"|^x-[a-z0-9]{1,8}$")
ISO_639_3 = re.compile(r"^[a-z]{3}$")
NAME_KINDS = ("own", "english", "spanish")
# English and Spanish names are written in the Latin script, whatever the language's own.
LATIN = "Latn"


def load_language_table(root: Path, relative: str, problems: list[Problem],
                        extra_scripts: dict[str, tuple[str, ...]] | None = None) -> LanguageTable | None:
    """The table, every problem added to `problems` with its file, line and key; None if it cannot be read."""
    f = YamlFile(root, relative, problems)
    if f.root is None:
        return None
    fonts_by_script = {**SCRIPT_FONTS, **(extra_scripts or {})}
    top = f.mapping(f.root, "", required=("references", "groups", "languages"))
    references = {name: f.string(node, join_key("references", name))
                  for name, node in f.mapping(top.get("references"), "references", any_keys=True).items()}
    groups = _groups(f, top.get("groups"))
    languages: list[TableLanguage] = []
    seen: dict[str, str] = {}
    for index, node in enumerate(f.sequence(top.get("languages"), "languages")):
        entry = _language(f, node, f"languages[{index}]", groups, references, fonts_by_script)
        if entry is None:
            continue
        if entry.code in seen:
            f.fail(node, entry.key, f"{entry.code} is in the table twice (first as {seen[entry.code]}).",
                   "Keep one of the two.")
            continue
        seen[entry.code] = entry.key
        languages.append(entry)
    return LanguageTable(relative, tuple(groups.values()), tuple(languages))


def iso_code_problem(code: str, iso: str) -> str | None:
    """Why `iso` is not the ISO 639-3 code of the language tagged `code`, or None. The codes are ISO's own,
    as the pycountry package ships them (ISO 639-3, and ISO 639-5 for a family); a two-letter tag's code is
    its ISO 639-3 twin, or an individual language of it as CLDR relates them (zh and cmn, fa-AF and prs)."""
    named = pycountry.languages.get(alpha_3=iso) or pycountry.language_families.get(alpha_3=iso)
    if named is None:
        return f"{iso!r} is no ISO 639-3 language code, nor an ISO 639-5 family code."
    base = code.split("-")[0]
    if base == "x":
        return None  # a family no single tag names: any code of ISO's
    if len(base) == 3:
        matches = base == iso
    else:
        twin = pycountry.languages.get(alpha_2=base)
        alias = get_global("language_aliases").get(iso, "")
        matches = (twin is not None and twin.alpha_3 == iso) or alias.split("_")[0] == base
    if matches:
        return None
    tagged = pycountry.languages.get(alpha_3=base) if len(base) == 3 else pycountry.languages.get(alpha_2=base)
    return (f"ISO 639-3 {iso} is {named.name}, not the language tagged {code}"
            f"{f' ({tagged.name})' if tagged else ''}: the card would name the wrong language.")


def _groups(f: YamlFile, node: yaml.Node | None) -> dict[str, LanguageGroup]:
    groups = {}
    for index, item in enumerate(f.sequence(node, "groups")):
        key = f"groups[{index}]"
        # A table written before mistaken_for says spanish_is_not_their_language: true for mistaken_for: es.
        entries = f.mapping(item, key, required=("name", "heading"),
                            optional=("mistaken_for", "spanish_is_not_their_language"))
        name = f.optional(entries, "name", key, f.string)
        heading = f.optional(entries, "heading", key, f.string)
        mistaken_for = f.optional(entries, "mistaken_for", key, _contact_language(f))
        if f.optional(entries, "spanish_is_not_their_language", key, f.boolean):
            mistaken_for = mistaken_for or SPANISH
        if name and heading:
            groups[name] = LanguageGroup(name, heading, mistaken_for)
    return groups


def _contact_language(f: YamlFile):
    return lambda node, key: f.matching(node, key, LANGUAGE_TAG, "a language tag such as es, fr or ar")


def _group_names(f: YamlFile, node: yaml.Node, key: str) -> list[str | None]:
    """`group: africa`, or `group: [africa, americas]` for a language whose speakers come from several."""
    if isinstance(node, yaml.SequenceNode):
        return [f.string(item, f"{key}[{index}]") for index, item in enumerate(f.sequence(node, key))]
    return [f.string(node, key)]


def _language(f: YamlFile, node: yaml.Node, key: str, groups: dict[str, LanguageGroup],
              references: dict[str, str | None], fonts_by_script: dict[str, tuple[str, ...]]) -> TableLanguage | None:
    entries = f.mapping(node, key, required=("code", "script", "group", "spoken_in", "names", "sources"),
                        optional=("iso639_3", "direction", "note", "aliases", "mistaken_for", "variants", "signed"))
    code = f.optional(entries, "code", key, lambda n, k: f.matching(
        n, k, TABLE_CODE, "a BCP 47 language tag (mam, fa-AF), or x- and a name for a family (x-mixtec)"))
    if code:
        key = f"{key} ({code})"
    iso = f.optional(entries, "iso639_3", key, lambda n, k: f.matching(n, k, ISO_639_3, "three letters"))
    if iso and code and (wrong := iso_code_problem(code, iso)):
        f.fail(entries["iso639_3"], join_key(key, "iso639_3"), wrong,
               "Write the ISO 639-3 code of this language, as SIL's code tables give it (iso639-3.sil.org).")
        iso = None
    script = f.optional(entries, "script", key, lambda n, k: f.matching(n, k, SCRIPT_CODE, "a script code such as Latn"))
    if script and script not in fonts_by_script:
        f.fail(entries["script"], join_key(key, "script"),
               f"no font for the {script_name(script)} script ({script}).",
               f"Put a font covering it in the kit's fonts/ folder and name its family in handouts.yml: "
               f"scripts: {{{script}: [Family Name]}}")
        script = None
    direction = f.optional(entries, "direction", key, lambda n, k: f.matching(
        n, k, re.compile(r"^(ltr|rtl)$"), "ltr or rtl"))
    group_names = _group_names(f, entries["group"], join_key(key, "group")) if "group" in entries else []
    in_groups = []
    for group_name in filter(None, group_names):
        if group_name not in groups:
            f.fail(entries["group"], join_key(key, "group"), f"no group {group_name!r}.",
                   f"Name one of the groups listed under groups: {', '.join(groups)}.")
        elif groups[group_name] not in in_groups:
            in_groups.append(groups[group_name])
    spoken_in = tuple(f.string(item, join_key(key, f"spoken_in[{index}]"))
                      for index, item in enumerate(f.sequence(entries.get("spoken_in"), join_key(key, "spoken_in"))))
    names = f.mapping(entries.get("names"), join_key(key, "names"), required=("english",), optional=("own", "spanish"))
    sources = f.mapping(entries.get("sources"), join_key(key, "sources"), optional=NAME_KINDS)
    read: dict[str, LanguageName | None] = {}
    for kind in NAME_KINDS:
        name_key = join_key(key, f"names.{kind}")
        text = f.optional(names, kind, join_key(key, "names"), f.string)
        reference = f.optional(sources, kind, join_key(key, "sources"), f.string)
        source = references.get(reference or "")
        if reference and reference not in references:
            f.fail(sources[kind], join_key(key, f"sources.{kind}"), f"no reference {reference!r}.",
                   f"Name one of the references at the top of the file ({', '.join(references)}), or add the "
                   "public page that gives the name there.")
        if kind in names and kind not in sources:
            f.fail(names[kind], name_key, f"the name {text or ''!r} has no source: a name no source gives is "
                   "never printed.", f"Add sources.{kind}: the public page that gives the name as written "
                   "(its address, publisher and date), or remove the name.")
            text = None
        elif kind in sources and kind not in names:
            f.fail(sources[kind], join_key(key, f"sources.{kind}"), "a source for a name the table does not give.",
                   f"Add names.{kind}, or remove this source.")
        read[kind] = (LanguageName(with_one_apostrophe(text), source, f.origin(names[kind]))
                      if text and source else None)
    note = f.optional(entries, "note", key, f.string)
    aliases = _aliases(f, entries.get("aliases"), join_key(key, "aliases"), references)
    mistaken_for = f.optional(entries, "mistaken_for", key, _contact_language(f))
    variants = f.optional(entries, "variants", key, f.boolean)
    signed = f.optional(entries, "signed", key, f.boolean)
    if not (code and script and in_groups and read["english"]) or None in spoken_in or aliases is None:
        return None
    return TableLanguage(code=code, iso639_3=iso, script=script, direction=direction or direction_of(script),
                         fonts=fonts_by_script[script], latin_fonts=fonts_by_script[LATIN], groups=tuple(in_groups),
                         spoken_in=spoken_in, english=read["english"], own=read["own"], spanish=read["spanish"],
                         note=note, key=key, aliases=aliases,
                         mistaken_for=mistaken_for or next((group.mistaken_for for group in in_groups
                                                            if group.mistaken_for), None),
                         variants=bool(variants), signed=bool(signed))


def _aliases(f: YamlFile, node: yaml.Node | None, key: str,
             references: dict[str, str | None]) -> tuple[LanguageName, ...] | None:
    """The names court records give the language: `- {name: Quiché, source: trac-644}`, each from a reference."""
    if node is None:
        return ()
    aliases = []
    whole = True
    for index, item in enumerate(f.sequence(node, key)):
        item_key = f"{key}[{index}]"
        entries = f.mapping(item, item_key, required=("name", "source"))
        name = f.optional(entries, "name", item_key, f.string)
        reference = f.optional(entries, "source", item_key, f.string)
        if reference and reference not in references:
            f.fail(entries["source"], join_key(item_key, "source"), f"no reference {reference!r}.",
                   "Name one of the references at the top of the file, or add the public page that gives the "
                   "name there.")
            reference = None
        if not (name and reference and references.get(reference)):
            whole = False
            continue
        aliases.append(LanguageName(with_one_apostrophe(name), references[reference], f.origin(entries["name"])))
    return tuple(aliases) if whole else None
