"""Turn laid-out documents into finished PDFs on every core of the machine."""

from __future__ import annotations

import datetime
import functools
import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor, as_completed
from pathlib import Path
from typing import Callable

from .impose import impose_booklet, impose_card_sheet, place_on_paper
from .kit import Kit
from .layout import Document
from .pictures import one_long_picture, page_pictures
from .render import Rendered, Renderer

Progress = Callable[[str], None]

_worker_renderer: Renderer | None = None

# Rough render time of each product relative to a card's (see benchmarks/bench.py).
EXPECTED_COST = {"pamphlet": 4, "booklet": 4, "pamphlet-pictures": 4, "card-sheet": 1.5, "print-sheet": 1.5,
                 "poster": 1.5, "poster-pictures": 1.5, "card": 1, "card-pictures": 1,
                 "language-sheet": 2, "language-sheet-pictures": 2}


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


def render_fitting(renderer: Renderer, document: Document) -> Rendered:
    """The document rendered, in its compact layout if the regular one overflows, and finished."""
    return render_together(renderer, [document])[0]


def render_together(renderer: Renderer, documents: list[Document]) -> list[Rendered]:
    """Documents that share their HTML, laid out once and each finished for its own paper."""
    result = renderer.render(documents[0])
    if not result.fits and documents[0].compact:
        result = renderer.render(documents[0].compact)
    return [_finished(result, document) for document in documents]


def _finished(result: Rendered, document: Document) -> Rendered:
    if not result.fits:
        return Rendered(document, result.pdf, result.overflowing, overprinted=result.overprinted)
    if document.stock is not None:
        return Rendered(document, impose_card_sheet(result.pdf, document.stock, document.title, document.flip), ())
    named = f"{document.language}/{document.document}"
    if document.product in ("pamphlet-pictures", "poster-pictures"):
        pictures = page_pictures(result.pdf)
        kind = document.product.removesuffix("-pictures")
        return Rendered(document, b"", (), tuple((f"{named}-{kind}-page-{number}.png", picture)
                                                 for number, picture in enumerate(pictures, start=1)))
    if document.product == "language-sheet-pictures":
        return Rendered(document, b"", (), ((document.relative_path, one_long_picture(result.pdf)),))
    if document.product == "card-pictures":
        front, back = page_pictures(result.pdf)
        return Rendered(document, b"", (), ((f"{named}-card-front.png", front), (f"{named}-card-back.png", back)))
    if document.product == "booklet":
        return Rendered(document, impose_booklet(result.pdf, document.paper_size_mm, document.direction,
                                                  document.title), ())
    if document.paper_size_mm is not None:
        return Rendered(document, place_on_paper(result.pdf, document.paper_size_mm), ())
    return Rendered(document, result.pdf, ())


def render_documents(documents: list[Document], kit: Kit, content_date: datetime.date,
                     jobs: int, progress: Progress, archival: bool = False,
                     first: Callable[[Document], bool] = lambda document: False,
                     on_rendered: Callable[[Rendered], None] = lambda result: None) -> list[Rendered]:
    """Every document rendered, in the order given; `jobs` processes share the work."""
    total = len(documents)
    # A pamphlet's papers share one layout: each group is one piece of work.
    groups: dict[str, list[int]] = {}
    for index, document in enumerate(documents):
        groups.setdefault(document.html, []).append(index)
    work = list(groups.values())
    results: dict[int, Rendered] = {}
    done = 0

    def collect(indexes: list[int], rendered: list[Rendered]) -> None:
        nonlocal done
        for index, result in zip(indexes, rendered):
            results[index] = result
            done += 1
            progress(f"[{done}/{total}] {documents[index].relative_path}")
            on_rendered(result)

    # The documents asked for `first` lead (a card that does not fit is known in seconds); within
    # each part, longest first (pamphlets, then sheets, then cards): no core is left finishing a
    # pamphlet alone at the end.
    work.sort(key=lambda indexes: (not first(documents[indexes[0]]), -EXPECTED_COST[documents[indexes[0]].product]))
    if jobs <= 1 or len(work) <= 1:
        renderer = warm_renderer(kit.template_dirs, kit.font_dirs, content_date, archival)
        for indexes in work:
            collect(indexes, render_together(renderer, [documents[index] for index in indexes]))
        return [results[index] for index in range(total)]
    # The renderer is set up once, here, and the workers are forked from this
    # process: they start with WeasyPrint imported and fontconfig pointed at our fonts.
    global _worker_renderer
    _worker_renderer = Renderer(kit.template_dirs, kit.font_dirs, content_date, archival=archival)
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=min(jobs, len(work)), mp_context=context) as pool:
        futures = {pool.submit(_render_in_worker, [documents[index] for index in indexes]): indexes
                   for indexes in work}
        for future in as_completed(futures):
            collect(futures[future], future.result())
    return [results[index] for index in range(total)]


@functools.lru_cache(maxsize=4)
def warm_renderer(template_dirs: tuple[Path, ...], font_dirs: tuple[Path, ...], content_date: datetime.date,
                  archival: bool) -> Renderer:
    """One renderer per kit and variant for the life of the process: its fonts stay loaded between builds
    (a preview server builds again at every save). The templates it reads are read afresh each time."""
    return Renderer(template_dirs, font_dirs, content_date, archival=archival)


def _render_in_worker(documents: list[Document]) -> list[Rendered]:
    return render_together(_worker_renderer, documents)
