"""Turn the project folder into every handout PDF: load and check all, render all, then write."""

from __future__ import annotations

import ctypes.util
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
from .incremental import RECORD_FILE, fingerprints, read_record, record_json, recorded_files, stale, updated_record
from .languages import LANGUAGES, SOURCE_LANGUAGE
from .layout import PAPERS, PRODUCTS, Document, lay_out, output_paths, template_environment
from .listing import listing_agrees, listing_files, review_of
from .manifest import MANIFEST_FILE
from .model import Content
from .parallel import default_jobs, render_documents
from .render import Rendered
from .status import information_date_reminder
from .write import FolderChange, commit, finish_interrupted_commit, output_errors, output_lock

Progress = Callable[[str], None]


@dataclass(frozen=True)
class BuildRequest:
    project_dir: Path
    output_dir: Path
    languages: tuple[str, ...] = tuple(LANGUAGES)
    products: tuple[str, ...] = PRODUCTS
    papers: tuple[str, ...] = PAPERS
    # A release prints only what is ready: reviewed, complete, every fact verified.
    release: bool = False
    # PDF/A-3u (still tagged) for archiving, instead of PDF/UA-1.
    archival: bool = False
    # A release refuses information older than this: rules at the border change.
    max_age_days: int = 180


@dataclass(frozen=True)
class Plan:
    """Everything loaded, checked and laid out: what is left is to render it."""

    content: Content
    editions: dict[str, Edition]
    documents: tuple[Document, ...]
    warnings: tuple[str, ...]


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
    outputs = fingerprints(request.project_dir, [(language, path) for language in request.languages
                                                 for path in output_paths(language, request.products, request.papers)],
                           variant="archival" if request.archival else "")
    with output_lock(output_dir, progress):
        finish_interrupted_commit(output_dir)
        record = read_record(output_dir)
        to_build = {output.relative_path: output.fingerprint
                    for output in (outputs if force else stale(outputs, output_dir, record))}
        if not to_build and not request.release and _listing_is_there(output_dir):
            currency = file_currency(request.project_dir, record)
            # Nothing to make; but a change to another language's inputs must still show in the listing.
            if listing_agrees(output_dir, currency):
                return BuildResult((), (), time.perf_counter() - started, up_to_date=len(outputs),
                                   out_of_date=_others_out_of_date(currency, request.languages))

        planned = plan(request)
        documents = [document for document in planned.documents if document.relative_path in to_build]
        rendering = render_all(planned, documents, request.project_dir, jobs or default_jobs(), progress,
                               archival=request.archival)
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
        currency = file_currency(request.project_dir, new_record)
        with output_errors(output_dir):  # the listing reads the files that stay
            listing = listing_files(output_dir, files, gone, {**record.languages, **reviews}, planned.content,
                                    request.project_dir, currency)
        # The record last: until it is in place, it describes the files the folder held before.
        commit(output_dir, FolderChange((*files, *listing, (RECORD_FILE, record_json(new_record))), tuple(gone)))
    return BuildResult(tuple(output_dir / path for path, _ in files), planned.warnings,
                       time.perf_counter() - started, up_to_date=len(outputs) - len(documents),
                       out_of_date=_others_out_of_date(currency, request.languages),
                       not_built=rendering.not_built)


def _others_out_of_date(currency: dict, languages: tuple[str, ...]) -> dict[str, int]:
    stale = out_of_date_by_language(currency, list(currency))
    return {code: len(files) for code, files in stale.items() if code not in languages}


def _listing_is_there(output_dir: Path) -> bool:
    return (output_dir / MANIFEST_FILE).exists() and (output_dir / CATALOG_FILE).exists()


def plan(request: BuildRequest) -> Plan:
    """Load and check the content, catalogs and glyphs, and lay out every document."""
    content = load_content(request.project_dir / "content")
    translations = load_catalogs(request, content)
    if request.release:
        blockers = release_blockers(content, request.languages, translations, request.max_age_days)
        if blockers:
            raise ContentError(blockers)
    chosen = editions(content, request.languages, translations)
    check_glyphs(chosen, request.project_dir)
    return Plan(content, {edition.code: edition for edition in chosen}, lay_out_all(chosen, request),
                tuple(warnings_for(content, translations)))


def release_blockers(content: Content, languages: tuple[str, ...], translations: dict[str, Translation],
                     max_age_days: int = 180, today: datetime.date | None = None) -> list[Problem]:
    """Everything that keeps each language out of a release build, named."""
    fix = "A default build (without --release) still makes draft editions to preview."
    problems = []
    as_of = content.information.as_of
    age = ((today or datetime.date.today()) - as_of).days
    if age > max_age_days:
        origin = content.origins.get("handout:information.as_of")
        problems.append(Problem(
            f"not ready for release: the information is {age} days old (as of {as_of.isoformat()}; a release "
            f"takes at most {max_age_days}), and rules at the border change.",
            file=origin.file if origin else "content/handout.yml", line=origin.line if origin else None,
            key="information.as_of",
            fix="Check every rule, code and number against its source, then set information.as_of to the day "
                "you checked."))
    unverified = content.unverified()
    for code in languages:
        for fact in unverified:
            problems.append(Problem(f"not ready for release: uses an unverified directory entry: {fact.rstrip('.')}.",
                                    file="content/directory.yml", language=code,
                                    fix="Confirm it against its source and record that with "
                                        "handouts verify <entry> --on <YYYY-MM-DD>, or remove it."))
        translation = translations.get(code)
        if translation is None:
            continue
        where = f"content/translations/{code}.po"
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


def load_catalogs(request: BuildRequest, content: Content) -> dict[str, Translation]:
    translated = tuple(code for code in request.languages if code != SOURCE_LANGUAGE)
    return load_translations(content, request.project_dir / "content" / "translations", translated)


def check_glyphs(chosen: list[Edition], project_dir: Path) -> None:
    # Checked against the fonts as prepared for print: what the PDFs will really use.
    fonts_dir = prepared_fonts_dir(project_dir)
    problems = missing_glyphs(chosen, fonts_dir)
    if problems:
        raise ContentError(problems)


def lay_out_all(chosen: list[Edition], request: BuildRequest) -> tuple[Document, ...]:
    environment = template_environment(request.project_dir / "templates")
    return tuple(document for edition in chosen
                 for document in lay_out(edition, request.products, request.papers, environment))


def warnings_for(content: Content, translations) -> list[str]:
    warnings = []
    if ctypes.util.find_library("harfbuzz-subset") is None:
        warnings.append("HarfBuzz's subsetting library is missing, so embedding fonts is many times slower: "
                        "sudo apt-get install libharfbuzz-subset0")
    if content.settings.sample:
        warnings.append("content/settings.yml holds the shipped sample: set your organization's "
                        "name, contact line and help page, then set `sample: false`.")
    warnings += [f"unverified: {fact}" for fact in content.unverified()]
    reminder = information_date_reminder(content, translations)
    if reminder:
        warnings.append(reminder)
    languages_by_key: dict[str, list[str]] = {}
    for code, translation in translations.items():
        for key in translation.untranslated:
            languages_by_key.setdefault(key, []).append(code)
    if languages_by_key:
        languages = sorted({code for codes in languages_by_key.values() for code in codes},
                           key=list(translations).index)
        count = len(languages_by_key)
        warnings.append(f"{count} {'string' if count == 1 else 'strings'} not translated yet, printed in English "
                        f"marked [EN], in {', '.join(languages)}: {', '.join(languages_by_key)}. "
                        "See: handouts status --keys")
    return warnings


@dataclass(frozen=True)
class Rendering:
    """What rendering gave: the outputs to write, and why the editions left out were not built."""

    results: list[Rendered]
    not_built: tuple[Problem, ...] = ()


def render_all(planned: Plan, documents: list[Document], project_dir: Path, jobs: int,
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

    results = render_documents(documents, project_dir, planned.content.information.as_of, jobs, progress,
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
