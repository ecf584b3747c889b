"""Turn the project folder into every handout PDF: load and check all, render all, then write."""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from .content import load_content
from .edition import LANGUAGES, editions
from .layout import PAPERS, PRODUCTS, Document, lay_out, template_environment
from .render import Renderer
from .write import write_atomically


@dataclass(frozen=True)
class BuildRequest:
    project_dir: Path
    output_dir: Path
    languages: tuple[str, ...] = LANGUAGES
    products: tuple[str, ...] = PRODUCTS
    papers: tuple[str, ...] = PAPERS


@dataclass(frozen=True)
class BuildResult:
    written: tuple[Path, ...]
    warnings: tuple[str, ...]
    seconds: float


def build(request: BuildRequest, progress: Callable[[str], None] = lambda message: None) -> BuildResult:
    started = time.perf_counter()
    content = load_content(request.project_dir / "content")
    warnings = []
    if content.settings.sample:
        warnings.append("content/settings.yml holds the shipped sample: set your organization's "
                        "name, contact line and help page, then set `sample: false`.")
    warnings += [f"unverified: {fact}" for fact in content.unverified()]

    environment = template_environment(request.project_dir / "templates")
    documents: list[Document] = []
    for edition in editions(content, request.languages):
        documents += lay_out(edition, request.products, request.papers, environment)

    # Everything is rendered before anything is written: a failure part-way
    # leaves the previous output as it was.
    renderer = Renderer(request.project_dir)
    rendered: list[tuple[Document, bytes]] = []
    for number, document in enumerate(documents, start=1):
        progress(f"[{number}/{len(documents)}] {document.relative_path}")
        rendered.append((document, renderer.render(document)))

    written = []
    for document, pdf in rendered:
        path = request.output_dir / document.relative_path
        write_atomically(path, pdf)
        written.append(path)
    return BuildResult(tuple(written), tuple(warnings), time.perf_counter() - started)
