"""Turn render jobs into finished PDFs and pictures on every core of the machine: the render pool."""

from __future__ import annotations

import datetime
import functools
import os
from concurrent.futures import as_completed
from pathlib import Path
from typing import Callable

from ..kit.kit_file import Kit
from ..layout.jobs import RenderJob
from ..processes import stop, worker_pool
from .impose import (enlarge_onto_paper, impose_booklet, impose_card_sheet, place_on_paper, repeated_cards,
                     with_trim_and_bleed)
from .pictures import one_long_picture, page_pictures
from .renderer import Rendered, Renderer

Progress = Callable[[str], None]

_worker_renderer: Renderer | None = None


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


# A last page whose text takes less than this share of its height is almost empty: a tighter layout that
# does without it is printed instead.
LAST_PAGE_ALMOST_EMPTY = 0.3


def render_fitting(renderer: Renderer, job: RenderJob) -> Rendered:
    """The job rendered, in its compact layout if the regular one overflows, and finished."""
    return render_together(renderer, [job])[0]


def render_together(renderer: Renderer, jobs: list[RenderJob]) -> list[Rendered]:
    """Jobs that share their HTML, laid out once and each finished for its own paper."""
    layout = jobs[0]
    if layout.kind.is_text:
        # A message is written as laid out: its text is the file.
        return [Rendered(job, job.html.encode("utf-8"), ()) for job in jobs]
    result = _cards_in_mix(renderer, layout) if layout.parts else _laid_out(renderer, layout)
    return [_finished(result, job) for job in jobs]


def _laid_out(renderer: Renderer, layout: RenderJob) -> Rendered:
    """The job rendered in the first of its layouts that fits (the shorter one, where it saves a page)."""
    result = renderer.render(layout)
    while not result.fits and layout.compact:
        layout = layout.compact
        result = renderer.render(layout)
    if result.fits and layout.shorter and result.last_page_filled < LAST_PAGE_ALMOST_EMPTY:
        shorter = renderer.render(layout.shorter)
        if shorter.fits and shorter.pages < result.pages:
            result = shorter
    return result


def _cards_in_mix(renderer: Renderer, job: RenderJob) -> Rendered:
    """The cards of a mixed sheet, each language's as many times as the mix says, front then back, in one
    PDF; or the first card that does not fit, as its own language's print-shop sheet reports it too."""
    cards = []
    for part, count in job.parts:
        rendered = _laid_out(renderer, part)
        if not rendered.fits:
            return rendered
        cards.append((rendered.pdf, count))
    return Rendered(job, repeated_cards(cards), ())


def _finished(result: Rendered, job: RenderJob) -> Rendered:
    if not result.fits:
        return Rendered(job, result.pdf, result.overflowing, overprinted=result.overprinted,
                        past_first_page=result.past_first_page)
    kind = job.kind
    if kind.on_sheets:
        return Rendered(job, impose_card_sheet(result.pdf, job.stock, job.title, job.flip), ())
    if job.stock is not None:
        return Rendered(job, with_trim_and_bleed(result.pdf, job.stock.bleed_mm), ())
    if "{page}" in kind.files:
        pictures = page_pictures(result.pdf)
        return Rendered(job, b"", (), tuple((kind.file(job.language, job.document, page=number), picture)
                                            for number, picture in enumerate(pictures, start=1)))
    if "{side}" in kind.files:
        front, back = page_pictures(result.pdf)
        return Rendered(job, b"", (), tuple((kind.file(job.language, job.document, side=side), picture)
                                            for side, picture in (("front", front), ("back", back))))
    if kind.is_pictures:
        return Rendered(job, b"", (), ((job.relative_path, one_long_picture(result.pdf)),))
    if kind.name == "large-poster":
        return Rendered(job, enlarge_onto_paper(result.pdf, job.paper_size_mm), ())
    if kind.name == "booklet":
        return Rendered(job, impose_booklet(result.pdf, job.paper_size_mm, job.direction, job.title), ())
    if job.paper_size_mm is not None:
        return Rendered(job, place_on_paper(result.pdf, job.paper_size_mm), ())
    return Rendered(job, result.pdf, ())


def render_jobs(jobs: list[RenderJob], kit: Kit, content_date: datetime.date, processes: int,
                progress: Progress, archival: bool = False,
                on_rendered: Callable[[Rendered], None] = lambda result: None) -> list[Rendered]:
    """Every job rendered, in the order given; `processes` processes share the work.

    Cards lead (a card that does not fit is known in seconds); then the longest first (pamphlets, then sheets,
    then cards), so that no process is left finishing a pamphlet alone at the end. Stopped (Ctrl-C, SIGTERM),
    it cancels what is queued and ends its workers at once."""
    total = len(jobs)
    # A pamphlet's papers share one layout: each group is one piece of work.
    groups: dict[str, list[int]] = {}
    for index, job in enumerate(jobs):
        groups.setdefault(job.html, []).append(index)
    work = list(groups.values())
    results: dict[int, Rendered] = {}
    done = 0

    def collect(indexes: list[int], rendered: list[Rendered]) -> None:
        nonlocal done
        for index, result in zip(indexes, rendered):
            results[index] = result
            done += 1
            progress(f"[{done}/{total}] {jobs[index].relative_path}")
            on_rendered(result)

    work.sort(key=lambda indexes: (not jobs[indexes[0]].kind.card, -jobs[indexes[0]].kind.cost))
    if processes <= 1 or len(work) <= 1:
        renderer = warm_renderer(kit.template_dirs, kit.font_dirs, content_date, archival)
        for indexes in work:
            collect(indexes, render_together(renderer, [jobs[index] for index in indexes]))
        return [results[index] for index in range(total)]
    # The renderer is set up once, here, and the workers are forked from this
    # process: they start with WeasyPrint imported and fontconfig pointed at our fonts.
    global _worker_renderer
    _worker_renderer = Renderer(kit.template_dirs, kit.font_dirs, content_date, archival=archival)
    pool = worker_pool(min(processes, len(work)))
    try:
        futures = {pool.submit(_render_in_worker, [jobs[index] for index in indexes]): indexes for indexes in work}
        for future in as_completed(futures):
            collect(futures[future], future.result())
    except BaseException:
        stop(pool)
        raise
    pool.shutdown()
    return [results[index] for index in range(total)]


@functools.lru_cache(maxsize=4)
def warm_renderer(template_dirs: tuple[Path, ...], font_dirs: tuple[Path, ...], content_date: datetime.date,
                  archival: bool) -> Renderer:
    """One renderer per kit and variant for the life of the process: its fonts stay loaded between builds
    (a preview server builds again at every save). The templates it reads are read afresh each time."""
    return Renderer(template_dirs, font_dirs, content_date, archival=archival)


def _render_in_worker(jobs: list[RenderJob]) -> list[Rendered]:
    return render_together(_worker_renderer, jobs)
