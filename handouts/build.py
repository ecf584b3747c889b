"""Turn a kit into every handout PDF: load and check all, render all, then write."""

from __future__ import annotations

import ctypes.util
import dataclasses
import datetime
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .catalog import CATALOG_FILE
from .catalogs import Translation, load_translations
from .content import load_content
from .coverage import missing_glyphs
from .currency import file_currency, out_of_date_by_language
from .edition import Edition, editions
from .errors import ContentError, Problem, RenderError
from .fit import CARD_PRODUCTS, layout_problems
from .fontprep import prepared_fonts_dir
from .incremental import (
    RECORD_FILE,
    fingerprints,
    read_record,
    record_json,
    recorded_files,
    stale,
    updated_record,
)
from .ispeak import lay_out_language_cards
from .kit import KIT_FILE, PRODUCTS, Kit, KitDocument, load_kit
from .languages import SOURCE_LANGUAGE
from .layout import Document, lay_out, output_paths, template_environment
from .listing import listing_agrees, listing_files, review_of
from .manifest import EVERY_LANGUAGE, MANIFEST_FILE
from .model import KitContent
from .parallel import default_jobs, render_documents
from .render import Rendered
from .status import information_date_reminders
from .strings import translatable_strings
from .write import (
    FolderChange,
    commit,
    finish_interrupted_commit,
    output_errors,
    output_lock,
)

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    project_dir: Path  # the kit: the folder holding handouts.yml
    output_dir: Path
    # What to build; None for all the kit has (its languages, papers, documents and regions).
    languages: tuple[str, ...] | None = None
    products: tuple[str, ...] = PRODUCTS
    papers: tuple[str, ...] | None = None
    documents: tuple[str, ...] | None = None
    regions: tuple[str, ...] | None = None
    # A release prints only what is ready: reviewed, complete, every fact verified.
    release: bool = False
    # PDF/A-3u (still tagged) for archiving, instead of PDF/UA-1.
    archival: bool = False
    # A release refuses information older than this (None: the kit's maximum): rules at the border change.
    max_age_days: int | None = None


@dataclass(frozen=True)
class Scope:
    """A request made concrete against its kit: exactly what to build."""

    kit: Kit  # with the regions the request chose
    languages: tuple[str, ...]
    documents: tuple[KitDocument, ...]
    papers: tuple[str, ...]
    max_age_days: int
    # The kit as its file says: what "current" means for the files in the output folder.
    as_written: Kit

    def products_of(self, document: KitDocument, asked: tuple[str, ...]) -> tuple[str, ...]:
        """What the request asks of the document, of what the document makes."""
        return tuple(product for product in document.products if product in asked)

    @property
    def every_language_documents(self) -> tuple[KitDocument, ...]:
        """The documents made once for every language (the "I speak" cards): only in a build of every
        language of the kit, since each takes every language's translation."""
        if set(self.languages) != set(self.kit.languages):
            return ()
        return tuple(document for document in self.documents if document.is_for_every_language)

    def output_paths(self, products: tuple[str, ...]) -> list[tuple[str, str]]:
        return [*((language, path) for language in self.languages for document in self.documents
                  if not document.is_for_every_language
                  for path in output_paths(language, document, products, self.papers)),
                *((EVERY_LANGUAGE, path) for document in self.every_language_documents
                  for path in output_paths(EVERY_LANGUAGE, document, products, self.papers))]


def scope(request: BuildRequest) -> Scope:
    """Load the kit and check the request against it: a language or document the kit lacks is named."""
    as_written = kit = load_kit(request.project_dir)
    if request.regions is not None:
        kit = dataclasses.replace(kit, regions=request.regions)
    problems = []
    for asked, known, what, fix in (
            (request.languages, kit.languages, "language", "Add it to the kit with: handouts i18n add {}"),
            (request.documents, [document.name for document in kit.documents], "document",
             "Add it under documents: in handouts.yml, or choose one the kit has.")):
        for name in asked or ():
            if name not in known:
                problems.append(Problem(f"the kit has no {what} {name!r} (it has {', '.join(known)}).",
                                        file=str(request.project_dir / KIT_FILE), fix=fix.format(name)))
    if problems:
        raise ContentError(problems)
    documents = tuple(document for document in kit.documents
                      if request.documents is None or document.name in request.documents)
    if request.languages is not None and documents and all(document.is_for_every_language for document in documents):
        raise ContentError(Problem(
            f"{', '.join(document.name for document in documents)} is made once for every language at once, "
            "from every language's catalog: it cannot be built for some languages only.",
            file=str(request.project_dir / KIT_FILE),
            fix=f"Leave out --languages: handouts build --documents {','.join(d.name for d in documents)}"))
    if not any(product in document.products for document in documents for product in request.products):
        makes = "; ".join(f"{document.name} makes {', '.join(document.products)}" for document in documents)
        raise ContentError(Problem(f"nothing to build: no document chosen makes {', '.join(request.products)} "
                                   f"({makes}).", file=str(request.project_dir / KIT_FILE),
                                   fix="Choose products the documents make, or add them to a document's "
                                       "products: in handouts.yml."))
    return Scope(kit, request.languages or tuple(kit.languages), documents, request.papers or kit.papers,
                 request.max_age_days or kit.max_age_days, as_written)


@dataclass(frozen=True)
class Plan:
    """Everything loaded, checked and laid out: what is left is to render it."""

    scope: Scope
    content: KitContent
    # Each language's edition of the first document: its translation, and where each string was written.
    editions: dict[str, Edition]
    documents: tuple[Document, ...]
    warnings: tuple[str, ...]

    @property
    def content_date(self) -> datetime.date:
        return self.content.newest_information_date


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    warnings: tuple[str, ...]
    seconds: float
    up_to_date: int = 0  # outputs left as they were: none of their inputs changed
    # Files of languages this build did not make that are now out of date, by language.
    out_of_date: dict[str, int] = field(default_factory=dict)
    # Why each edition left out was not built (its text does not fit); every other edition was written.
    not_built: tuple[Problem, ...] = ()


def build(request: BuildRequest, progress: Progress = lambda message: None, jobs: int | None = None,
          force: bool = False) -> BuildResult:
    """Build what changed: load and check everything, render the outputs whose inputs changed (all of them
    with `force`), list the folder as it will be, then change the folder as a whole.

    One build at a time holds the output folder, from reading its record to the commit; it first finishes
    whatever a killed build left there. A failure, or a kill before the commit point, leaves the previous
    set of files; a kill after it leaves a journal, and the next build completes the new set (see write.py)."""
    started = time.perf_counter()
    output_dir = request.output_dir
    chosen = scope(request)
    kit = chosen.kit
    outputs = fingerprints(kit, chosen.output_paths(request.products), variant="archival" if request.archival else "")
    with output_lock(output_dir, progress):
        finish_interrupted_commit(output_dir)
        record = read_record(output_dir)
        to_build = {output.relative_path: output.fingerprint
                    for output in (outputs if force else stale(outputs, output_dir, record))}
        if not to_build and not request.release and _listing_is_there(output_dir):
            currency = file_currency(chosen.as_written, record)
            # Nothing to make; but a change to another language's inputs must still show in the listing.
            if listing_agrees(output_dir, currency):
                return BuildResult((), (), time.perf_counter() - started, up_to_date=len(outputs),
                                   out_of_date=_others_out_of_date(currency, chosen.languages))

        planned = plan(request, chosen)
        documents = [document for document in planned.documents if document.relative_path in to_build]
        rendering = render_all(planned, documents, jobs or default_jobs(), progress, archival=request.archival)
        rendered = rendering.results
        files = [file for result in rendered for file in result.files]
        # Pictures of pages that are no longer there (the pamphlet got shorter).
        new_paths = {path for path, _ in files}
        gone = [path for result in rendered for path in recorded_files(record, result.document.relative_path)
                if path not in new_paths]
        reviews = {code: review_of(edition.translation) for code, edition in planned.editions.items()
                   if edition.translation is not None}
        new_record = updated_record(record, {result.document.relative_path:
                                             (to_build[result.document.relative_path], result.files)
                                             for result in rendered}, reviews)
        currency = file_currency(chosen.as_written, new_record)
        with output_errors(output_dir):  # the listing reads the files that stay
            listing = listing_files(output_dir, files, gone, {**record.languages, **reviews}, planned.content,
                                    kit, currency)
        # The record last: until it is in place, it describes the files the folder held before.
        commit(output_dir, FolderChange((*files, *listing, (RECORD_FILE, record_json(new_record))), tuple(gone)))
    return BuildResult(tuple(output_dir / path for path, _ in files), planned.warnings,
                       time.perf_counter() - started, up_to_date=len(outputs) - len(documents),
                       out_of_date=_others_out_of_date(currency, chosen.languages),
                       not_built=rendering.not_built)


def _others_out_of_date(currency: dict, languages: tuple[str, ...]) -> dict[str, int]:
    stale = out_of_date_by_language(currency, list(currency))
    return {code: len(files) for code, files in stale.items() if code not in languages}


def _listing_is_there(output_dir: Path) -> bool:
    return (output_dir / MANIFEST_FILE).exists() and (output_dir / CATALOG_FILE).exists()


def plan(request: BuildRequest, chosen: Scope | None = None) -> Plan:
    """Load and check the kit, its content, catalogs and glyphs, and lay out every document."""
    chosen = chosen or scope(request)
    kit = chosen.kit
    content = load_content(kit)
    translations = load_catalogs(chosen, content)
    if request.release:
        blockers = release_blockers(content, chosen.languages, translations, chosen.max_age_days)
        if blockers:
            raise ContentError(blockers)
    by_document = editions_by_document(chosen, content, translations)
    check_glyphs([edition for chosen_editions in by_document.values() for edition in chosen_editions], kit)
    documents = lay_out_all(chosen, by_document, request.products)
    first = next(iter(by_document.values()), [])
    return Plan(chosen, content, {edition.code: edition for edition in first}, documents,
                tuple(warnings_for(content, translations)))


def editions_by_document(chosen: Scope, content: KitContent,
                         translations: dict[str, Translation]) -> dict[KitDocument, list[Edition]]:
    """Each chosen document's edition in each chosen language."""
    languages = [chosen.kit.languages[code] for code in chosen.languages]
    return {document: editions(content.documents[document.name], languages, translations)
            for document in chosen.documents}


def lay_out_all(chosen: Scope, by_document: dict[KitDocument, list[Edition]],
                products: tuple[str, ...]) -> tuple[Document, ...]:
    """Every edition laid out as each product asked of its document, on each of the kit's papers."""
    environment = template_environment(chosen.kit.template_dirs)
    every_language = chosen.every_language_documents
    return (*(laid_out for document, chosen_editions in by_document.items() if not document.is_for_every_language
              for edition in chosen_editions
              for laid_out in lay_out(edition, chosen.products_of(document, products), chosen.papers, environment)),
            *(laid_out for document in every_language
              for laid_out in lay_out_language_cards(
                  document, {edition.code: edition for edition in by_document[document]},
                  chosen.products_of(document, products), chosen.papers, environment)))


def release_blockers(content: KitContent, languages: tuple[str, ...], translations: dict[str, Translation],
                     max_age_days: int = 180, today: datetime.date | None = None) -> list[Problem]:
    """Everything that keeps each language out of a release build, named."""
    fix = "A default build (without --release) still makes draft editions to preview."
    problems = []
    for information in content.informations:
        as_of = information.as_of
        age = ((today or datetime.date.today()) - as_of).days
        if age > max_age_days:
            origin = information.written_at
            problems.append(Problem(
                f"not ready for release: the information is {age} days old (as of {as_of.isoformat()}; a release "
                f"takes at most {max_age_days}), and rules at the border change.",
                file=origin.file if origin else None, line=origin.line if origin else None,
                key="information.as_of",
                fix="Check every rule, code and number against its source, then set information.as_of to the day "
                    "you checked."))
    unverified = content.first.unverified()
    for code in languages:
        for fact in unverified:
            problems.append(Problem(f"not ready for release: uses an unverified directory entry: {fact.rstrip('.')}.",
                                    file="content/directory.yml", language=code,
                                    fix="Confirm it against its source and record that with "
                                        "handouts verify <entry> --on <YYYY-MM-DD>, or remove it."))
        translation = translations.get(code)
        if translation is None:
            continue
        where = translation.shown_path
        if translation.is_draft:
            problems.append(Problem("not ready for release: the translation is still a draft.", file=where,
                                    language=code, fix="After a native speaker's review, set the header line "
                                    "# Status: reviewed by <role>, <YYYY-MM-DD>. " + fix))
        for key in translation.fuzzy:
            problems.append(Problem("not ready for release: fuzzy, the English changed since it was translated.",
                                    file=where, key=key, language=code, fix=fix))
        for key in translation.missing:
            problems.append(Problem("not ready for release: not translated.", file=where, key=key,
                                    language=code, fix=fix))
    return problems


def load_catalogs(chosen: Scope, content: KitContent) -> dict[str, Translation]:
    kit = chosen.kit
    translated = [kit.languages[code] for code in chosen.languages if code != SOURCE_LANGUAGE]
    return load_translations(translatable_strings(content), kit.translations_dir, translated)


def check_glyphs(chosen: list[Edition], kit: Kit) -> None:
    # Checked against the fonts as prepared for print: what the PDFs will really use.
    problems = missing_glyphs(chosen, prepared_fonts_dir(kit.font_dirs))
    if problems:
        raise ContentError(problems)


def warnings_for(content: KitContent, translations) -> list[str]:
    warnings = []
    if ctypes.util.find_library("harfbuzz-subset") is None:
        warnings.append("HarfBuzz's subsetting library is missing, so embedding fonts is many times slower: "
                        "sudo apt-get install libharfbuzz-subset0")
    first = content.first
    if first.settings.sample:
        warnings.append(f"{KIT_FILE} holds the shipped sample: set your organization's "
                        "name, contact line and help page, then set `sample: false`.")
    warnings += [f"unverified: {fact}" for fact in first.unverified()]
    warnings += information_date_reminders(content, translations)
    languages_by_key: dict[str, list[str]] = {}
    for code, translation in translations.items():
        for key in translation.untranslated:
            languages_by_key.setdefault(key, []).append(code)
    if languages_by_key:
        languages = sorted({code for codes in languages_by_key.values() for code in codes},
                           key=list(translations).index)
        count = len(languages_by_key)
        # A language just added has every string left: name a few, and where to see them all.
        keys = list(languages_by_key)
        named = ", ".join(keys[:8]) + (f" and {count - 8} more" if count > 8 else "")
        warnings.append(f"{count} {'string' if count == 1 else 'strings'} not translated yet, printed in English "
                        f"marked [EN], in {', '.join(languages)}: {named}. See: handouts status --keys")
    return warnings


@dataclass(frozen=True)
class Rendering:
    """What rendering gave: the outputs to write, and why the editions left out were not built."""

    results: list[Rendered]
    not_built: tuple[Problem, ...] = ()


def render_all(planned: Plan, documents: list[Document], jobs: int,
               progress: Progress, archival: bool = False) -> Rendering:
    """Render the documents, cards first: a card that does not fit is known in seconds, not after every
    pamphlet. An edition with anything that does not fit is left out whole, named in `not_built`; when
    no edition is left, one RenderError names everything."""
    if not documents:
        return Rendering([])
    def say_at_once(result: Rendered) -> None:
        if not result.fits and result.document.product in CARD_PRODUCTS:
            for problem in layout_problems([result], planned.editions):
                progress(f"problem: {problem}")

    results = render_documents(documents, planned.scope.kit, planned.content_date, jobs, progress,
                               archival, first=lambda document: document.product in CARD_PRODUCTS,
                               on_rendered=say_at_once)
    failed = [result for result in results if not result.fits]
    problems = tuple(layout_problems(failed, planned.editions))
    if not problems:
        return Rendering(results)
    failed_languages = {result.document.language for result in failed}
    kept = [result for result in results if result.document.language not in failed_languages]
    if not kept:
        raise RenderError(list(problems))
    return Rendering(kept, problems)
