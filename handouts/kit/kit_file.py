"""Turn a kit folder's handouts.yml into a Kit: the organization, its languages, documents, papers and regions."""

from __future__ import annotations

import os
import re
import stat
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from ..errors import ContentError, Problem
from ..files import SIZE_LIMITS, RefusedFile, kit_path, tool_folder
from ..fonts import font_files
from ..languages import (
    SCRIPT_FONTS,
    SOURCE_LANGUAGE,
    Language,
    LanguageDescription,
    UnknownLanguage,
    language,
)
from ..outputs import PAPERS, PRODUCTS, OutputKind, kinds_made, products_of_parts
from ..qr import CARD_QR
from .model import Origin, Settings
from .schema import YamlFile, join_key, web_address

KIT_FILE = "handouts.yml"
# The parts a document's content comes in, as the kit file names them. A card goes with a pamphlet; a
# poster stands alone; the "I speak" cards (language-cards) go with their language table.
PARTS = ("pamphlet", "card", "poster", "language-cards", "language-table")
DEFAULT_MAX_AGE_DAYS = 180

# A document's name is part of every file it makes: output/es/know-your-rights-card.pdf.
DOCUMENT_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LANGUAGE_TAG = re.compile(r"^[a-z]{2,3}(?:-[A-Z][a-z]{3})?(?:-(?:[A-Z]{2}|[0-9]{3}))?$")
SCRIPT_CODE = re.compile(r"^[A-Z][a-z]{3}$")
# ISO 3166-2 subdivisions: "US-TX".
REGION = re.compile(r"^[A-Z]{2}-[A-Z0-9]{1,3}$")
FLIP_EDGE = re.compile(r"^(long-edge|short-edge)$")


@dataclass(frozen=True)
class KitDocument:
    """One document of the kit: its content files (relative to the kit) and what it is printed as."""

    name: str
    products: tuple[str, ...]
    pamphlet: str | None = None
    card: str | None = None
    poster: str | None = None
    # The "I speak" cards: their sentences, and the table of every language they are made for.
    language_cards: str | None = None
    language_table: str | None = None

    @property
    def is_for_every_language(self) -> bool:
        """Made once for the table's languages, into output/languages/, not once per language of the kit."""
        return self.language_cards is not None

    @property
    def parts(self) -> tuple[str, ...]:
        """The parts it has, as the table of outputs names them: "pamphlet", "language_cards"."""
        return tuple(part for part in ("pamphlet", "card", "poster", "language_cards") if getattr(self, part))

    def output_kinds(self, asked: tuple[str, ...] = PRODUCTS) -> list[OutputKind]:
        """What it makes of the products asked for, in each language."""
        return kinds_made(self.parts, self.products, asked)

    def mixed_kinds(self, asked: tuple[str, ...] = PRODUCTS) -> list[OutputKind]:
        """What it makes of the products asked for from several languages' cards (the kit's print_mix)."""
        return kinds_made(self.parts, self.products, asked, mixed=True)


@dataclass(frozen=True)
class Kit:
    root: Path
    settings: Settings
    languages: dict[str, Language]  # in the kit's order, English first
    documents: tuple[KitDocument, ...]
    papers: tuple[str, ...] = PAPERS
    regions: tuple[str, ...] = ()  # ISO 3166-2 codes of the regions whose organizations it lists; () for all
    max_age_days: int = DEFAULT_MAX_AGE_DAYS
    origins: dict[str, Origin] = field(default_factory=dict)
    # Fonts the kit adds for scripts the tool has none for: {"Sinh": ("Noto Sans Sinhala", "Noto Sans")}.
    scripts: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # How many cards of each language a mixed print-shop sheet holds, in order: (("es", 4), ("ht", 2)); () for none.
    print_mix: tuple[tuple[str, int], ...] = ()

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def translations_dir(self) -> Path:
        return self.root / "content" / "translations"

    @property
    def template_dirs(self) -> tuple[Path, ...]:
        """Where templates are looked for: a template in the kit's templates/ replaces the tool's."""
        return self._own_and_tool_folder("templates", own_first=True)

    @property
    def font_dirs(self) -> tuple[Path, ...]:
        """The fonts the kit prints with: the tool's, and any the kit adds in its fonts/."""
        return self._own_and_tool_folder("fonts", own_first=False)

    def _own_and_tool_folder(self, name: str, own_first: bool) -> tuple[Path, ...]:
        # The kit's folder as the kit names it (it is checked to stay inside the kit when the kit is loaded);
        # the repository is itself the shipped kit, so its folders are the tool's, looked in once.
        own, tool = self.root.absolute() / name, tool_folder(name).resolve()
        if not own.is_dir() or own.resolve() == tool:
            return (tool,)
        return (own, tool) if own_first else (tool, own)

    @property
    def translated_languages(self) -> tuple[str, ...]:
        return tuple(code for code in self.languages if code != SOURCE_LANGUAGE)

    def document(self, name: str) -> KitDocument:
        return next(document for document in self.documents if document.name == name)


def load_kit(root: Path, text: str | None = None) -> Kit:
    """Read and check handouts.yml (or, given, the `text` it would hold); one ContentError lists every problem,
    each with its line and key."""
    path = root / KIT_FILE
    problems: list[Problem] = []
    if text is None and not os.path.lexists(path):
        raise ContentError(Problem(
            f"no {KIT_FILE} here: {root.resolve()} is not a kit.", file=str(path),
            fix="Run handouts in a kit folder (or give --kit DIR), or make a kit with: handouts new DIR"))
    f = YamlFile(root, KIT_FILE, problems, kind="kit file", text=text)
    if f.root is None:
        raise ContentError(problems)
    top = f.mapping(f.root, "", required=("sample", "organization", "languages", "documents"),
                    optional=("papers", "print_shop_flip", "regions", "max_age_days", "scripts", "print_mix"))
    organization = f.mapping(top.get("organization"), "organization", required=("name", "contact", "help_url"))
    settings = Settings(
        organization=f.optional(organization, "name", "organization", f.string),
        contact=f.optional(organization, "contact", "organization", f.text),
        help_url=f.optional(organization, "help_url", "organization", web_address(f, CARD_QR)),
        sample=f.optional(top, "sample", "", f.boolean),
        print_shop_flip=f.optional(top, "print_shop_flip", "", lambda node, key: f.matching(
            node, key, FLIP_EDGE, "long-edge or short-edge")) or "long-edge",
    )
    scripts = _scripts(f, top.get("scripts"))
    languages = _languages(f, top.get("languages"), scripts)
    documents = _documents(f, top.get("documents"), root)
    papers = tuple(_names(f, top["papers"], "papers", PAPERS, "paper")) if "papers" in top else PAPERS
    regions = tuple(f.matching(node, join_key("regions", str(index)), REGION, "a region code such as US-TX")
                    for index, node in enumerate(f.sequence(top["regions"], "regions"))) if "regions" in top else ()
    max_age = f.optional(top, "max_age_days", "", f.positive_number)
    print_mix = _print_mix(f, top["print_mix"], languages) if "print_mix" in top else ()
    problems += _own_folders(root)
    if problems:
        raise ContentError(problems)
    return Kit(root=root, settings=settings, languages=languages, documents=documents, papers=papers,
               regions=regions, max_age_days=max_age or DEFAULT_MAX_AGE_DAYS, origins=f.origins, scripts=scripts,
               print_mix=print_mix)


def _print_mix(f: YamlFile, node: yaml.Node, languages: dict[str, Language]) -> tuple[tuple[str, int], ...]:
    """`print_mix: {es: 4, ht: 2, pt-BR: 2}`: how many cards of each of the kit's languages a mixed sheet holds."""
    mix = []
    for code, count_node in f.mapping(node, "print_mix", any_keys=True).items():
        key = join_key("print_mix", code)
        if code not in languages:
            f.fail(count_node, key, f"{code} is not a language of the kit.",
                   f"Use the kit's languages: {', '.join(languages)}; or add it with: handouts i18n add {code}")
            continue
        count = f.positive_number(count_node, key)
        if count is not None:
            mix.append((code, count))
    if not mix:
        f.fail(node, "print_mix", "no language listed.", "List languages and how many cards of each: es: 4")
    return tuple(mix)


def _own_folders(root: Path) -> list[Problem]:
    """A kit's own templates/ and fonts/: folders inside the kit, and fonts that are regular files, none of them
    taking the name of one of the tool's fonts."""
    problems = []
    for name in ("templates", "fonts"):
        if not os.path.lexists(root / name):
            continue
        try:
            folder = kit_path(root, name)
        except RefusedFile as refused:
            problems.append(Problem(refused.message, file=f"{name}/", fix=refused.fix))
            continue
        if not folder.is_dir():
            problems.append(Problem("not a folder.", file=name, fix=f"Make {name}/ a folder, or remove it."))
    fonts = root / "fonts"
    if not problems and fonts.is_dir() and fonts.resolve() != tool_folder("fonts").resolve():
        shipped = {path.name.lower() for path in font_files(tool_folder("fonts"))}
        for path in font_files(fonts):
            shown = f"fonts/{path.name}"
            if path.name.lower() in shipped:
                problems.append(Problem("has the file name of one of the tool's fonts: a kit adds fonts for scripts "
                                        "the tool lacks, never replaces its fonts (they print every code and number).",
                                        file=shown, fix="Remove it, or rename a font of your own."))
                continue
            try:
                status = os.stat(kit_path(root, shown))
            except RefusedFile as refused:
                problems.append(Problem(refused.message, file=shown, fix=refused.fix))
                continue
            except OSError:
                problems.append(Problem("a link to nothing.", file=shown, fix="Remove it."))
                continue
            if not stat.S_ISREG(status.st_mode):
                problems.append(Problem("not a regular file (a folder, a device or a pipe).", file=shown,
                                        fix="Put the font file itself there."))
            elif status.st_size > SIZE_LIMITS["font"]:
                problems.append(Problem("larger than any font the tool reads.", file=shown,
                                        fix="Check that it is the right file."))
    return problems


def _scripts(f: YamlFile, node: yaml.Node | None) -> dict[str, tuple[str, ...]]:
    """The fonts a kit adds for scripts the tool has no font for: {"Sinh": ("Noto Sans Sinhala", "Noto Sans")}."""
    if node is None:
        return {}
    scripts = {}
    for script, families in f.mapping(node, "scripts", any_keys=True).items():
        key = join_key("scripts", script)
        if not SCRIPT_CODE.match(script):
            f.fail(families, key, f"{script!r} is not an ISO 15924 script code.", "Write it like Sinh or Khmr.")
            continue
        if script in SCRIPT_FONTS:
            f.fail(families, key, f"the tool prints {script} with its own fonts ({', '.join(SCRIPT_FONTS[script])}): "
                   "a kit adds fonts for scripts the tool lacks, never replaces its fonts.",
                   f"Remove {script} from scripts:.")
            continue
        names = [f.string(family, f"{key}[{index}]") for index, family in enumerate(f.sequence(families, key))]
        if all(names):
            scripts[script] = (*names, "Noto Sans")
    return scripts


def _languages(f: YamlFile, node: yaml.Node | None, scripts: dict[str, tuple[str, ...]]) -> dict[str, Language]:
    languages: dict[str, Language] = {}
    for index, item in enumerate(f.sequence(node, "languages")):
        key = f"languages[{index}]"
        if isinstance(item, yaml.MappingNode):
            entries = f.mapping(item, key, required=("code",),
                                optional=("english_name", "own_name", "script", "direction", "source"))
            values = {name: f.optional(entries, name, key, f.string) for name in entries}
            code_node = entries.get("code")
        else:
            values, code_node = {}, item
            values["code"] = f.string(item, key)
        code = values.get("code")
        if code is None:
            continue
        if not LANGUAGE_TAG.match(code):
            f.fail(code_node, key, f"{code!r} is not a language tag this tool takes.",
                   "Write a BCP 47 tag: a 2- or 3-letter language code, then optionally a script and a region, "
                   "as in es, pt-BR, zh-Hans, fa-AF, mam.")
            continue
        if code in languages:
            f.fail(code_node, key, f"{code} is listed twice.", "Keep one of the two.")
            continue
        if values.get("script") and not SCRIPT_CODE.match(values["script"]):
            f.fail(item, join_key(key, "script"), f"{values['script']!r} is not an ISO 15924 script code.",
                   "Write it like Latn, Arab, Deva.")
            continue
        if values.get("direction") not in (None, "ltr", "rtl"):
            f.fail(item, join_key(key, "direction"), f"{values['direction']!r} is not a direction.",
                   "Write ltr or rtl.")
            continue
        try:
            languages[code] = language(LanguageDescription(**values), scripts)
        except UnknownLanguage as error:
            f.fail(code_node, key, error.message, error.fix)
    if languages and SOURCE_LANGUAGE not in languages:
        f.fail(node, "languages", f"the source language, {SOURCE_LANGUAGE}, is not listed.",
               f"Add {SOURCE_LANGUAGE}: the content is written in it, and the card's back is printed in it.")
    if SOURCE_LANGUAGE in languages:
        languages = {SOURCE_LANGUAGE: languages.pop(SOURCE_LANGUAGE), **languages}
    return languages


def _documents(f: YamlFile, node: yaml.Node | None, root: Path) -> tuple[KitDocument, ...]:
    documents = []
    stems: dict[str, str] = {}
    for name, entry in f.mapping(node, "documents", any_keys=True).items():
        key = join_key("documents", name)
        if not DOCUMENT_NAME.match(name):
            f.fail(entry, key, f"{name!r} cannot name files.",
                   "Use lowercase letters, digits and hyphens, like help-lines.")
            continue
        entries = f.mapping(entry, key, required=("products",), optional=PARTS)
        parts = {}
        for part in PARTS:
            if part in entries:
                parts[part] = f.string(entries[part], join_key(key, part))
                if parts[part] and not _content_file(f, entries[part], join_key(key, part), parts[part], root, stems):
                    parts[part] = None
        if "poster" in parts and ("pamphlet" in parts or "card" in parts):
            f.fail(entry, key, "a poster is a document of its own.", "Give it a document of its own.")
        if ("language-cards" in parts) != ("language-table" in parts):
            f.fail(entry, key, "the \"I speak\" cards (language-cards) go with their language table (language-table).",
                   "Name both files, such as content/i-speak.yml and content/languages.yml.")
        elif "language-cards" in parts and len(parts) > 2:
            f.fail(entry, key, "the \"I speak\" cards are a document of their own.", "Give them a document of their own.")
        if "card" in parts and "pamphlet" not in parts:
            f.fail(entry, key, "a card goes with a pamphlet: it takes the pamphlet's information date.",
                   "Add `pamphlet:` to this document.")
        if not parts:
            f.fail(entry, key, "a document needs its content.",
                   "Add `pamphlet:` (and `card:`), or `poster:`, or `language-cards:` and `language-table:`, "
                   "each naming a file in content/.")
        makes = products_of_parts(part.replace("-", "_") for part in parts)
        products = _names(f, entries.get("products"), join_key(key, "products"), makes, "product",
                          f"this document has {', '.join(parts) or 'no content'}, so it makes")
        documents.append(KitDocument(name, tuple(p for p in PRODUCTS if p in products),
                                     **{part.replace("-", "_"): value for part, value in parts.items()}))
    return tuple(documents)


def _content_file(f: YamlFile, node: yaml.Node, key: str, relative: str, root: Path, stems: dict[str, str]) -> bool:
    """A document's content file: in the kit's content/ folder, a YAML file, its name its own."""
    path = Path(relative)
    if path.is_absolute() or ".." in path.parts or path.parts[:1] != ("content",) or path.suffix != ".yml":
        f.fail(node, key, f"{relative!r} is not a .yml file in the kit's content/ folder.",
               "Name a file such as content/handout.yml.")
        return False
    if not os.path.lexists(root / path):
        f.fail(node, key, f"{relative} does not exist.", "Create it, or correct the name.")
        return False
    # Translators see each string by its file's name ("card:front.title"): two files of one name would mix.
    if path.stem in stems and stems[path.stem] != relative:
        f.fail(node, key, f"{relative} has the same name as {stems[path.stem]}: their strings would share names "
               "in the catalogs.", "Rename one of the files.")
        return False
    stems[path.stem] = relative
    return True


def _names(f: YamlFile, node: yaml.Node | None, key: str, allowed: tuple[str, ...], what: str,
           why: str = "choose from") -> list[str]:
    names = []
    for index, item in enumerate(f.sequence(node, key)):
        name = f.string(item, f"{key}[{index}]")
        if name is None:
            continue
        if name not in allowed:
            f.fail(item, f"{key}[{index}]", f"unknown {what} {name!r}.", f"{why.capitalize()}: {', '.join(allowed)}.")
            continue
        names.append(name)
    if not names and node is not None:
        f.fail(node, key, f"no {what} listed.", f"Choose from: {', '.join(allowed)}.")
    return names
