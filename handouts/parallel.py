"""Turn laid-out documents into finished PDFs on every core of the machine."""

from __future__ import annotations

import datetime
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Callable

from .impose import impose_card_sheet
from .layout import Document
from .render import Rendered, Renderer

Progress = Callable[[str], None]

_worker_renderer: Renderer | None = None

# Rough render time of each product relative to a card's (see benchmarks/bench.py).
EXPECTED_COST = {"pamphlet": 4, "card-sheet": 1.5, "card": 1}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def render_fitting(renderer: Renderer, document: Document) -> Rendered:
    """The document rendered, in its compact layout if the regular one overflows; a card sheet imposed."""
    result = renderer.render(document)
    if result.overflowing and document.compact:
        result = renderer.render(document.compact)
    if result.overflowing or document.stock is None:
        return result
    return Rendered(document, impose_card_sheet(result.pdf, document.stock, document.title), ())


def render_documents(documents: list[Document], project_dir: Path, content_date: datetime.date,
                     jobs: int, progress: Progress) -> list[Rendered]:
    """Every document rendered, in the order given; `jobs` processes share the work."""
    total = len(documents)
    if jobs <= 1 or total <= 1:
        renderer = Renderer(project_dir, content_date)
        results = []
        for number, document in enumerate(documents, start=1):
            results.append(render_fitting(renderer, document))
            progress(f"[{number}/{total}] {document.relative_path}")
        return results
    # The renderer is set up once, here, and the workers are forked from this
    # process: they start with WeasyPrint imported and fontconfig pointed at our fonts.
    global _worker_renderer
    _worker_renderer = Renderer(project_dir, content_date)
    context = multiprocessing.get_context("fork")
    results: dict[int, Rendered] = {}
    with ProcessPoolExecutor(max_workers=min(jobs, total), mp_context=context) as pool:
        # Longest first (pamphlets, then sheets, then cards): no core is left
        # finishing a pamphlet alone at the end.
        by_cost = sorted(range(total), key=lambda index: EXPECTED_COST[documents[index].product], reverse=True)
        futures = {pool.submit(_render_in_worker, documents[index]): index for index in by_cost}
        for done, future in enumerate(as_completed(futures), start=1):
            index = futures[future]
            results[index] = future.result()
            progress(f"[{done}/{total}] {documents[index].relative_path}")
    return [results[index] for index in range(total)]


def _render_in_worker(document: Document) -> Rendered:
    return render_fitting(_worker_renderer, document)
