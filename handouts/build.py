"""Turn the project folder into every handout PDF: load and check all, render all, then write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .catalogs import load_translations
from .content import load_content
from .coverage import missing_glyphs
from .edition import editions
from .edition import Edition
from .errors import ContentError, Problem, RenderError
from .languages import LANGUAGES, SOURCE_LANGUAGE
from .layout import PAPERS, PRODUCTS, Document, lay_out, template_environment
from .render import Rendered, Renderer
from .strings import translatable_strings
from .write import write_atomically


@dataclass(frozen=True)
class BuildRequest:
    project_dir: Path
    output_dir: Path
    languages: tuple[str, ...] = tuple(LANGUAGES)
    products: tuple[str, ...] = PRODUCTS
    papers: tuple[str, ...] = PAPERS


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    warnings: tuple[str, ...]
    seconds: float


def build(request: BuildRequest, progress: Callable[[str], None] = lambda message: None) -> BuildResult:
    started = time.perf_counter()
    project = request.project_dir
    content = load_content(project / "content")
    translated = tuple(code for code in request.languages if code != SOURCE_LANGUAGE)
    translations = load_translations(content, project / "content" / "translations", translated)

    warnings = []
    if content.settings.sample:
        warnings.append("content/settings.yml holds the shipped sample: set your organization's "
                        "name, contact line and help page, then set `sample: false`.")
    warnings += [f"unverified: {fact}" for fact in content.unverified()]
    for code, translation in translations.items():
        untranslated = len(translation.missing) + len(translation.fuzzy)
        if untranslated:
            warnings.append(f"{code}: {untranslated} strings not translated, printed in English: "
                            + ", ".join(translation.fuzzy + translation.missing))

    chosen = editions(content, request.languages, translations)
    by_code = {edition.code: edition for edition in chosen}
    glyph_problems = [problem for edition in chosen for problem in missing_glyphs(edition, project / "fonts")]
    if glyph_problems:
        raise ContentError(glyph_problems)

    environment = template_environment(project / "templates")
    documents: list[Document] = []
    for edition in chosen:
        documents += lay_out(edition, request.products, request.papers, environment)

    # Everything is rendered before anything is written: a failure part-way
    # leaves the previous output as it was.
    renderer = Renderer(project)
    rendered: list[tuple[Document, bytes]] = []
    fit_problems: list[Problem] = []
    for number, document in enumerate(documents, start=1):
        progress(f"[{number}/{len(documents)}] {document.relative_path}")
        result = renderer.render(document)
        if result.overflowing and document.compact:
            result = renderer.render(document.compact)
        if result.overflowing:
            fit_problems += _does_not_fit(result, by_code[document.language])
            continue
        rendered.append((document, result.pdf))
    if fit_problems:
        raise RenderError(fit_problems)

    written = []
    for document, pdf in rendered:
        path = request.output_dir / document.relative_path
        write_atomically(path, pdf)
        written.append(path)
    return BuildResult(tuple(written), tuple(warnings), time.perf_counter() - started)


def _does_not_fit(result: Rendered, edition: Edition) -> list[Problem]:
    """Name every string that runs off the card, in the words the translator wrote."""
    texts = {text.msgctxt: text for text in translatable_strings(edition.content)}
    problems = []
    for key in result.overflowing:
        printed = edition.text(texts[key]) if key in texts else ""
        problems.append(Problem(
            f"{result.document.relative_path} does not fit its card even at the smallest "
            f"legible size (6.5 pt): {printed!r} runs past the card's edge.",
            key=key, language=edition.code,
            fix="Shorten this string or the ones before it on the card."))
    return problems
