"""Turn a kit into every handout: load and check all, lay out, render what changed, then write the output folder
as a whole."""

from __future__ import annotations

import contextlib
import dataclasses
import datetime
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from ..errors import ContentError, Problem, RenderError, summarized
from ..i18n import Edition, editions
from ..i18n import Translation
from ..i18n.readings import Playing, RecordingState, languages_read, recording_states
from ..kit import KIT_FILE, Kit, KitContent, KitDocument, load_kit
from ..layout import RenderJob, lay_out, lay_out_language_cards, lay_out_mixed_sheets, missing_glyphs, \
    template_environment, unprintable_names
from ..languages import SOURCE_LANGUAGE
from ..outputs import EVERY_LANGUAGE, MIXED_LANGUAGES, PRODUCTS
from ..output.build_record import (
    RECORD_FILE,
    BuildRecord,
    files_intact,
    fingerprints,
    printed_fingerprints,
    prints_the_same,
    read_record,
    record_json,
    recorded_files,
    stale,
    updated_record,
)
from ..output.currency import file_currency, out_of_date_by_language
from ..output.folder import FolderChange, commit, finish_interrupted_commit, output_errors, output_lock
from ..output.index_page import CATALOG_FILE
from ..output.listing import listing_agrees, listing_files, review_of
from ..output.manifest import MANIFEST_FILE, recording_entries
from ..render import Rendered, default_jobs, layout_problems, render_jobs
from .load import Loaded, load
from .readiness import release_blockers, warnings_for

Progress = Callable[[str], None]
# Told of each stage of the build as it ends, with what it made: how `check` watches a build.
Observer = Callable[[str, object], None]


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
    # Every string a warning or a refusal concerns, each on its own line, rather than a summary per language.
    every_string: bool = False

    @property
    def variant(self) -> str:
        return "archival" if self.archival else ""


@dataclass(frozen=True)
class Scope:
    """A request made concrete against its kit: exactly what to build."""

    kit: Kit  # with the regions the request chose
    languages: tuple[str, ...]
    documents: tuple[KitDocument, ...]
    papers: tuple[str, ...]
    products: tuple[str, ...]
    max_age_days: int
    # The kit as its file says: what "current" means for the files in the output folder.
    as_written: Kit

    @property
    def every_language_documents(self) -> tuple[KitDocument, ...]:
        """The documents made once for every language (the "I speak" cards): only in a build of every
        language of the kit, since each takes every language's translation."""
        if set(self.languages) != set(self.kit.languages):
            return ()
        return tuple(document for document in self.documents if document.is_for_every_language)

    @property
    def mixed_documents(self) -> tuple[KitDocument, ...]:
        """The documents whose cards the kit's print_mix puts on mixed sheets: only in a build of every
        language the mix names."""
        if not self.kit.print_mix or not {code for code, _ in self.kit.print_mix} <= set(self.languages):
            return ()
        return tuple(document for document in self.documents if document.mixed_kinds(self.products))

    def output_paths(self) -> list[tuple[str, str]]:
        """(language, relative path) of every output the request makes, in the order layout makes them."""
        return [*((language, kind.path(language, document.name, paper))
                  for language in self.languages for document in self.documents
                  if not document.is_for_every_language
                  for kind in document.output_kinds(self.products)
                  for paper in (self.papers if kind.per_paper else (None,))),
                *((EVERY_LANGUAGE, kind.path(EVERY_LANGUAGE, document.name, paper))
                  for document in self.every_language_documents
                  for kind in document.output_kinds(self.products)
                  for paper in (self.papers if kind.per_paper else (None,))),
                *((MIXED_LANGUAGES, kind.path(MIXED_LANGUAGES, document.name, paper))
                  for document in self.mixed_documents
                  for kind in document.mixed_kinds(self.products) for paper in self.papers)]


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
                 request.products, kit.max_age_days if request.max_age_days is None else request.max_age_days,
                 as_written)


@dataclass(frozen=True)
class Plan:
    """Everything loaded, checked and laid out: what is left is to render it."""

    scope: Scope
    loaded: Loaded
    # Each language's edition of the first document: its translation, and where each string was written.
    editions: dict[str, Edition]
    jobs: tuple[RenderJob, ...]
    warnings: tuple[str, ...]
    # The kit's recordings whose text could be read, each current or out of date.
    recordings: tuple[RecordingState, ...] = ()

    @property
    def content(self) -> KitContent:
        return self.loaded.content

    @property
    def content_date(self) -> datetime.date:
        return self.content.newest_information_date


def _ignore(stage: str, made: object) -> None:
    pass


def plan(request: BuildRequest, chosen: Scope | None = None, observe: Observer = _ignore) -> Plan:
    """Load and check the kit, its content, catalogs and glyphs, and lay out every output asked for."""
    chosen = chosen or scope(request)
    kit = chosen.kit
    loaded = load(request.project_dir, regions=kit.regions, catalogs=False)
    observe("content", loaded)
    loaded = loaded.with_catalogs(chosen.languages)
    observe("catalogs", loaded.translations)
    content, translations = loaded.content, loaded.translations
    recordings = recording_states(content, kit.languages, {**translations, **_catalogs_read(loaded, translations)})
    if request.release:
        blockers = release_blockers(content, chosen.languages, translations, chosen.max_age_days,
                                    recordings=recordings)
        if blockers:
            raise ContentError(blockers if request.every_string else summarized(blockers))
    languages = [kit.languages[code] for code in chosen.languages]
    playing = Playing.of(recordings)
    by_document = {document: editions(content.documents[document.name], languages, translations,
                                      playing.by_document.get(document.name))
                   for document in chosen.documents}
    check_glyphs([edition for chosen_editions in by_document.values() for edition in chosen_editions], kit)
    observe("glyphs", None)
    jobs = lay_out_all(chosen, by_document, playing.oral)
    observe("layout", jobs)
    first = next(iter(by_document.values()), [])
    return Plan(chosen, loaded, {edition.code: edition for edition in first}, jobs,
                tuple(warnings_for(content, translations, kit.languages, request.every_string,
                                           recordings=recordings)),
                tuple(recordings))


def _catalogs_read(loaded: Loaded, translations: dict[str, Translation]) -> dict[str, Translation]:
    """The catalogs the kit's recordings read that this build did not load, for the listing to say whether
    each recording is current; none where one cannot be read (a build of English does not depend on them)."""
    needed = tuple(code for code in languages_read(loaded.content, loaded.kit.languages)
                   if code != SOURCE_LANGUAGE and code not in translations)
    if not needed:
        return {}
    try:
        return loaded.with_catalogs(needed).translations
    except ContentError:
        return {}


def lay_out_all(chosen: Scope, by_document: dict[KitDocument, list[Edition]],
                oral: dict[str, str]) -> tuple[RenderJob, ...]:
    """Every edition laid out as each output asked of its document, on each of the kit's papers; `oral`, by
    language, the current recordings the "I speak" cards play."""
    environment = template_environment(chosen.kit.template_dirs)
    return (*(job for document, chosen_editions in by_document.items() if not document.is_for_every_language
              for edition in chosen_editions
              for job in lay_out(edition, document.output_kinds(chosen.products), chosen.papers, environment)),
            *(job for document in chosen.every_language_documents
              for job in lay_out_language_cards(
                  document.name, {edition.code: edition for edition in by_document[document]},
                  document.output_kinds(chosen.products), chosen.papers, environment, oral)),
            *(job for document in chosen.mixed_documents
              for job in lay_out_mixed_sheets(
                  [(next(edition for edition in by_document[document] if edition.code == code), count)
                   for code, count in chosen.kit.print_mix],
                  document.mixed_kinds(chosen.products), chosen.papers, environment)))


def check_glyphs(chosen: list[Edition], kit: Kit) -> None:
    tables = {edition.content.language_cards.table for edition in chosen if edition.content.language_cards}
    problems = missing_glyphs(chosen, kit.font_dirs) + [problem for table in tables
                                                         for problem in unprintable_names(table, kit.font_dirs)]
    if problems:
        raise ContentError(problems)


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    warnings: tuple[str, ...]
    seconds: float
    up_to_date: int = 0  # outputs left as they were: nothing they print changed
    # Files of languages this build did not make that are now out of date, by language.
    out_of_date: dict[str, int] = field(default_factory=dict)
    # Why each edition left out was not built (its text does not fit); every other edition was written.
    not_built: tuple[Problem, ...] = ()
    # Every output rendered, kept in memory: what a build that writes nothing (`check`) looks at.
    rendered: tuple[Rendered, ...] = ()


def build(request: BuildRequest, progress: Progress = lambda message: None, jobs: int | None = None,
          force: bool = False, write: bool = True, observe: Observer = _ignore) -> BuildResult:
    """Build what changed: load and check everything, render the outputs whose printed text, styles or fonts
    changed (all of them with `force`), list the folder as it will be, then change the folder as a whole.
    With `write` False, leave the folder alone: render what a build would, and keep in the result every output,
    those read back from the folder (a current output that prints the same) among them.

    One build at a time holds the output folder, from reading its record to the commit; it first finishes
    whatever a killed build left there. A failure, or a stop before the commit point, leaves the previous
    set of files; a kill after it leaves a journal, and the next build completes the new set (see
    output/folder.py)."""
    started = time.perf_counter()
    output_dir = request.output_dir
    chosen = scope(request)
    outputs = fingerprints(chosen.kit, chosen.output_paths(), variant=request.variant)
    holding = output_lock(output_dir, progress) if write else contextlib.nullcontext()
    with holding:
        if write:
            finish_interrupted_commit(output_dir)
        record = read_record(output_dir) if output_dir.is_dir() else BuildRecord()
        changed = outputs if force else stale(outputs, output_dir, record)
        if write and not changed and not request.release and _listing_is_there(output_dir):
            currency = file_currency(chosen.as_written, record)
            # Nothing to make; but a change to another language's inputs must still show in the listing.
            if listing_agrees(output_dir, currency):
                return BuildResult((), (), time.perf_counter() - started, up_to_date=len(outputs),
                                   out_of_date=_others_out_of_date(currency, chosen.languages))

        planned = plan(request, chosen, observe)
        inputs = {output.relative_path: output.fingerprint for output in outputs}
        printed = printed_fingerprints(list(planned.jobs), chosen.kit, variant=request.variant)
        looked_at = {output.relative_path for output in changed}
        to_render = [job for job in planned.jobs if job.relative_path in looked_at and (
            force or not files_intact(job.relative_path, output_dir, record)
            or not prints_the_same(job.relative_path, printed[job.relative_path], record))]
        if not write:
            # Nothing is written, so no picture is made: a picture's page is laid out, and checked, as its
            # product's page is.
            laid_out = {job.html for job in to_render if not job.kind.is_pictures}
            to_render = [job for job in to_render if not (job.kind.is_pictures and job.html in laid_out)]
        rendering = render_all(planned, to_render, jobs or default_jobs(), progress, archival=request.archival)
        observe("render", rendering)
        if not rendering.results and rendering.not_built:
            raise RenderError(list(rendering.not_built))
        if not write:
            rendering_paths = {job.relative_path for job in to_render}
            # Current in the folder, as written by a build with the same inputs: read back, not made again.
            current = [Rendered(job, (output_dir / job.relative_path).read_bytes(), ()) for job in planned.jobs
                       if job.relative_path not in rendering_paths and not job.kind.is_pictures]
            return BuildResult((), planned.warnings, time.perf_counter() - started, not_built=rendering.not_built,
                               rendered=(*rendering.results, *current))
        rendered = rendering.results
        files = [file for result in rendered for file in result.files]
        # Pictures of pages that are no longer there (the pamphlet got shorter).
        new_paths = {path for path, _ in files}
        gone = [path for result in rendered for path in recorded_files(record, result.job.relative_path)
                if path not in new_paths]
        reviews = {code: review_of(edition.translation) for code, edition in planned.editions.items()
                   if edition.translation is not None}
        not_built = {job.language for job in to_render} - {result.job.language for result in rendered}
        written = {result.job.relative_path: (inputs[result.job.relative_path], printed[result.job.relative_path],
                                              result.files) for result in rendered}
        # Looked at and found to print the same: their files stay, their record follows the inputs.
        kept = {path: (inputs[path], printed[path]) for path in looked_at
                if path in printed and path not in written and path.split("/", 1)[0] not in not_built
                and path in record.outputs}
        new_record = updated_record(record, written, kept, reviews)
        currency = file_currency(chosen.as_written, new_record)
        with output_errors(output_dir):  # the listing reads the files that stay
            listing = listing_files(output_dir, files, gone, {**record.languages, **reviews}, planned.content,
                                    chosen.kit, currency, recording_entries(planned.recordings))
        # The record last: until it is in place, it describes the files the folder held before.
        commit(output_dir, FolderChange((*files, *listing, (RECORD_FILE, record_json(new_record))), tuple(gone)))
    return BuildResult(tuple(output_dir / path for path, _ in files), planned.warnings,
                       time.perf_counter() - started, up_to_date=len(outputs) - len(to_render),
                       out_of_date=_others_out_of_date(currency, chosen.languages),
                       not_built=rendering.not_built)


def _others_out_of_date(currency: dict, languages: tuple[str, ...]) -> dict[str, int]:
    stale_files = out_of_date_by_language(currency, list(currency))
    return {code: len(files) for code, files in stale_files.items() if code not in languages}


def _listing_is_there(output_dir: Path) -> bool:
    return (output_dir / MANIFEST_FILE).exists() and (output_dir / CATALOG_FILE).exists()


@dataclass(frozen=True)
class Rendering:
    """What rendering gave: the outputs to write, and why the editions left out were not built."""

    results: list[Rendered]
    not_built: tuple[Problem, ...] = ()


def render_all(planned: Plan, jobs: list[RenderJob], processes: int, progress: Progress,
               archival: bool = False) -> Rendering:
    """Render the jobs, cards first: a card that does not fit is known in seconds, not after every pamphlet.
    An edition with anything that does not fit is left out whole, named in `not_built`."""
    if not jobs:
        return Rendering([])

    def say_at_once(result: Rendered) -> None:
        if not result.fits and result.job.kind.card:
            for problem in layout_problems([result], planned.editions):
                progress(f"problem: {problem}")

    results = render_jobs(jobs, planned.scope.kit, planned.content_date, processes, progress, archival,
                          on_rendered=say_at_once)
    failed = [result for result in results if not result.fits]
    problems = tuple(layout_problems(failed, planned.editions))
    failed_languages = {result.job.language for result in failed}
    return Rendering([result for result in results if result.job.language not in failed_languages], problems)
