"""Measure how fast handouts builds on this machine, and how small its files are.

    .venv/bin/python benchmarks/bench.py [--runs 3]

Reports, as medians of --runs runs (each in a fresh process, on a scratch copy
of the project):
  - the cold full build: every language, product and paper, no earlier output
    and no prepared fonts;
  - a rebuild with nothing changed, a rebuild after one Spanish string changed, and a rebuild after one
    English sentence of the pamphlet changed (with the outputs it renders again: the pamphlet's only);
  - the median render time of each product per script, one process;
  - the output sizes;
  - the same full build done the plain way, in the same run, for a ratio: one
    process, no record of earlier builds, no font preparation (the shipped
    fonts as they are, and the full Noto Sans CJK where Debian's fonts-noto-cjk
    is installed), QR codes as qrcode's own SVG path (a square per module),
    each card sheet laid out as all its cards in one HTML page, each pamphlet
    and booklet laid out on its own paper, and each set of pictures made from
    a layout of its own.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
FULL_CJK = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc")
FULL_CJK_BOLD = Path("/usr/share/fonts/opentype/noto/NotoSansCJK-Bold.ttc")


def scratch_project(parent: Path) -> Path:
    """A copy of the shipped kit; its templates and fonts come from the tool, as in any kit."""
    project = Path(tempfile.mkdtemp(prefix="project-", dir=parent))
    shutil.copyfile(ROOT / "handouts.yml", project / "handouts.yml")
    shutil.copytree(ROOT / "content", project / "content")
    return project


def timed(command: list[str], environment: dict[str, str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - started


def handouts(project: Path, *arguments: str) -> list[str]:
    return [PYTHON, "-m", "handouts", "build", "--kit", str(project), "--quiet", *arguments]


def rendered(command: list[str], environment: dict[str, str]) -> tuple[float, list[str]]:
    """How long a build took, and the outputs it rendered (from its progress lines)."""
    started = time.perf_counter()
    result = subprocess.run([part for part in command if part != "--quiet"], check=True, env=environment,
                            capture_output=True, text=True)
    seconds = time.perf_counter() - started
    return seconds, [line.split("] ", 1)[1] for line in result.stdout.splitlines() if line.startswith("[")]


def measure_builds(runs: int, work: Path) -> tuple[dict[str, list[float]], list[str]]:
    times: dict[str, list[float]] = {"cold": [], "no_change": [], "one_string": [], "one_sentence": [], "plain": []}
    renders: list[str] = []
    for run in range(runs):
        project = scratch_project(work)
        environment = {**os.environ, "HANDOUTS_CACHE": str(work / f"cache-{run}")}
        times["cold"].append(timed(handouts(project), environment))
        times["no_change"].append(timed(handouts(project), environment))
        catalog = project / "content" / "translations" / "es.po"
        catalog.write_text(catalog.read_text(encoding="utf-8").replace(
            'msgstr "Conozca sus derechos"', f'msgstr "Conozca sus derechos{"!" * (run + 1)}"'), encoding="utf-8")
        times["one_string"].append(timed(handouts(project), environment))
        # An editor's one-sentence change to the pamphlet's English: every language prints it (in English,
        # marked, until translated); nothing else prints it.
        handout = project / "content" / "handout.yml"
        # (No number: a translation may not state a number its English does not.)
        handout.write_text(handout.read_text(encoding="utf-8").replace(
            "    heading: What is asylum?", f"    heading: What is asylum{'?' * (run + 2)}"), encoding="utf-8")
        seconds, renders = rendered(handouts(project), environment)
        times["one_sentence"].append(seconds)
        times["plain"].append(timed([PYTHON, __file__, "--plain", str(project), str(work / f"plain-{run}")],
                                    environment))
    return times, renders


def plain_build(project: Path, output: Path) -> None:
    """Every document rendered the plain way, one after the other, in this process."""
    import datetime

    from markupsafe import Markup

    from handouts.commands.build import BuildRequest, plan
    from handouts.i18n.editions import editions as editions_of
    from handouts.layout import lay_out, lay_out_language_cards, template_environment
    from handouts.layout.card_stocks import back_placements, front_placements
    from handouts.layout.documents import PAPER_SIZES_MM
    from handouts.qr import CARD_QR_SYMBOL_MM, width_with_quiet_zone_mm
    from handouts.render.impose import impose_booklet, impose_card_sheet
    from handouts.render.pictures import one_long_picture, page_pictures
    from handouts.render.renderer import Renderer

    fonts = output / "fonts"
    fonts.mkdir(parents=True)
    for path in (ROOT / "fonts").iterdir():
        if FULL_CJK.exists() and "CJK" in path.name:
            continue  # no prepared subset: the full font, as it comes
        shutil.copy(path, fonts / path.name)
    if FULL_CJK.exists():
        shutil.copy(FULL_CJK, fonts / FULL_CJK.name)
        shutil.copy(FULL_CJK_BOLD, fonts / FULL_CJK_BOLD.name)

    planned = plan(BuildRequest(project_dir=project, output_dir=output))
    kit = planned.scope.kit
    translations = {code: edition.translation for code, edition in planned.editions.items()
                    if edition.translation is not None}
    renderer = Renderer(kit.template_dirs, kit.font_dirs, datetime.date(2024, 3, 18), fonts_dir=fonts)
    # The plain sheet's template beside this file, after the kit's and the tool's.
    environment = template_environment((*kit.template_dirs, Path(__file__).parent))
    environment.globals["qr_svg"] = lambda url: Markup(plain_qr_svg(url))
    sheet_template = environment.get_template("plain-sheet.html.j2")
    weasyprint = renderer._weasyprint
    editions = {(document.name, code): edition for document in kit.documents
                for code, edition in zip(planned.scope.languages,
                                         editions_of(planned.content.documents[document.name],
                                                     [kit.languages[code] for code in planned.scope.languages],
                                                     translations))}
    jobs = [job for (name, code), edition in editions.items() if not kit.document(name).is_for_every_language
            for job in lay_out(edition, kit.document(name).output_kinds(), kit.papers, environment)]
    for document in jobs:
        html = document.html
        product = document.kind.name
        if document.kind.is_text:
            # A message or a web page is written as laid out, the plain way too.
            target = output / document.relative_path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(html, encoding="utf-8")
            continue
        edition = editions[(document.document, document.language)]
        card_qr_mm = width_with_quiet_zone_mm(edition.content.settings.help_url, CARD_QR_SYMBOL_MM)
        common = dict(edition=edition, content=edition.content, card_qr_mm=card_qr_mm,
                      qr_quiet_zone_mm=(card_qr_mm - CARD_QR_SYMBOL_MM) / 2)
        if product in ("pamphlet", "booklet") or (product == "poster" and document.paper):
            # Laid out on its own paper: the plain way has no shared page to place.
            width, height = PAPER_SIZES_MM[document.paper]
            page_size = f"{width}mm {height}mm" if product == "pamphlet" else f"{height / 2}mm {width}mm"
            if product == "poster":
                html = environment.get_template("poster.html.j2").render(page_size=page_size, density="regular",
                                                                         **common)
            else:
                html = environment.get_template("pamphlet.html.j2").render(
                    page_size=page_size, booklet=product == "booklet", density="regular", large_print=False, **common)
        if document.stock is not None:
            html = sheet_template.render(
                stock=document.stock, fronts=front_placements(document.stock),
                backs=back_placements(document.stock), **common)
        pdf = weasyprint.HTML(string=html, base_url=str(renderer.template_dirs[0]) + "/",
                              url_fetcher=renderer._fetcher).write_pdf(pdf_variant="pdf/ua-1")
        target = output / document.relative_path
        target.parent.mkdir(parents=True, exist_ok=True)
        if product == "booklet":
            # WeasyPrint cannot put two pages on a sheet: this much is done as the tool does it.
            pdf = impose_booklet(pdf, document.paper_size_mm, document.direction, document.title)
        if document.kind.is_pictures:
            for number, picture in enumerate(page_pictures(pdf), start=1):
                (target.parent / f"{document.document}-{product}-{number}.png").write_bytes(picture)
            continue
        target.write_bytes(pdf)
    # The "I speak" cards: one layout per product and paper, as the tool makes them; rendered here without
    # the record, the prepared fonts or the shared layouts, and imposed as the tool does (the plain way has
    # no sheet of many languages of its own).
    for document in kit.documents:
        if not document.is_for_every_language:
            continue
        by_code = {code: edition for (name, code), edition in editions.items() if name == document.name}
        for laid_out in lay_out_language_cards(document.name, by_code, document.output_kinds(), kit.papers,
                                               environment):
            pdf = weasyprint.HTML(string=laid_out.html, base_url=str(renderer.template_dirs[0]) + "/",
                                  url_fetcher=renderer._fetcher).write_pdf(pdf_variant="pdf/ua-1")
            target = output / laid_out.relative_path
            target.parent.mkdir(parents=True, exist_ok=True)
            if laid_out.stock is not None:
                pdf = impose_card_sheet(pdf, laid_out.stock, laid_out.title, laid_out.flip)
            target.write_bytes(one_long_picture(pdf) if laid_out.kind.is_pictures else pdf)


def plain_qr_svg(url: str) -> str:
    """qrcode's own SVG path output, as a plain use of the library gives it (sized by CSS)."""
    import qrcode
    import qrcode.image.svg

    code = qrcode.QRCode(border=4, image_factory=qrcode.image.svg.SvgPathImage)
    code.add_data(url)
    code.make(fit=True)
    svg = code.make_image().to_string(encoding="unicode")
    return svg.replace("<svg ", '<svg class="qr-code" ', 1).replace('width="', 'data-width="', 1).replace(
        'height="', 'data-height="', 1)


def per_document(project: Path, report: Path) -> None:
    """Render every document twice in one process, and record the second, warm time."""
    import datetime

    from handouts.commands.build import BuildRequest, plan
    from handouts.render.pool import render_fitting
    from handouts.render.renderer import Renderer

    planned = plan(BuildRequest(project_dir=project, output_dir=project / "unused"))
    kit = planned.scope.kit
    renderer = Renderer(kit.template_dirs, kit.font_dirs, datetime.date(2024, 3, 18))
    rows = []
    for job in planned.jobs:
        render_fitting(renderer, job)
        started = time.perf_counter()
        result = render_fitting(renderer, job)
        # What is made for every language prints every script of the language table.
        script = (kit.languages[job.language].script_name if job.language in kit.languages else "every script")
        rows.append({"path": job.relative_path, "script": script,
                     "product": job.kind.name, "seconds": time.perf_counter() - started,
                     "bytes": max(len(data) for _, data in result.files)})
    report.write_text(json.dumps(rows), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plain", nargs=2, metavar=("PROJECT", "OUTPUT"), help=argparse.SUPPRESS)
    parser.add_argument("--per-document", nargs=2, metavar=("PROJECT", "REPORT"), help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.plain:
        plain_build(Path(arguments.plain[0]), Path(arguments.plain[1]))
        return
    if arguments.per_document:
        per_document(Path(arguments.per_document[0]), Path(arguments.per_document[1]))
        return

    with tempfile.TemporaryDirectory(prefix="handouts-bench-") as folder:
        work = Path(folder)
        print(f"machine: {os.cpu_count()} cores; {arguments.runs} runs; Python {sys.version.split()[0]}")
        times, renders = measure_builds(arguments.runs, work)
        median = {name: statistics.median(values) for name, values in times.items()}
        print(f"cold full build (13 languages, every document and product, both papers): {median['cold']:.1f} s")
        print(f"no-change rebuild:                                          {median['no_change']:.2f} s")
        print(f"one-string rebuild (one Spanish string):                    {median['one_string']:.2f} s")
        kinds = sorted({path.split("/", 1)[1].replace("know-your-rights-", "") for path in renders})
        print(f"one-sentence pamphlet change (English):                     {median['one_sentence']:.2f} s"
              f"  = {median['one_sentence'] / median['cold']:.2f} of the cold build; rendered {len(renders)} "
              f"outputs in {len({path.split('/', 1)[0] for path in renders})} languages: {', '.join(kinds)}")
        print(f"the plain way (one process, no cache, no font preparation): {median['plain']:.1f} s"
              f"  -> {median['plain'] / median['cold']:.1f}x slower than the cold build")

        project = scratch_project(work)
        report = work / "per-document.json"
        subprocess.run([PYTHON, __file__, "--per-document", str(project), str(report)], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        rows = json.loads(report.read_text(encoding="utf-8"))
        print("\nmedian render time per product and script (one process, warm):")
        scripts = sorted({row["script"] for row in rows})
        products = ["pamphlet", "booklet", "large-print", "card", "card-sheet", "print-sheet", "poster",
                    "card-pictures", "message", "page", "language-cards", "language-sheet"]
        print("  " + "script".ljust(16) + "".join(product.rjust(15) for product in products))
        for script in scripts:
            cells = [[row["seconds"] for row in rows if row["script"] == script and row["product"] == product]
                     for product in products]
            print("  " + script.ljust(16) + "".join(f"{statistics.median(cell):14.3f}s" if cell else "-".rjust(15)
                                                    for cell in cells))
        print("  (every script: the \"I speak\" cards of all the table's languages, in one PDF each)")
        card = {row["path"].split("/")[0]: row["seconds"] for row in rows if row["product"] == "card"}
        print(f"  Chinese card / Spanish card: {card['zh-Hans'] / card['es']:.2f}x")

        print("\noutput sizes (KiB, 1024 bytes): largest, median, and the largest file (pictures: the largest of each set)")
        for product in ["pamphlet", "booklet", "large-print", "card", "card-sheet", "print-sheet", "poster",
                        "pamphlet-pictures", "card-pictures", "poster-pictures", "message", "poster-message", "page",
                        "language-cards", "language-sheet", "language-sheet-pictures"]:
            sizes = sorted((row["bytes"], row["path"]) for row in rows if row["product"] == product)
            if not sizes:
                continue  # a product the kit does not make
            print(f"  {product:17} largest {sizes[-1][0] / 1024:6.1f}  median "
                  f"{statistics.median(size for size, _ in sizes) / 1024:6.1f}  ({sizes[-1][1]})")


if __name__ == "__main__":
    main()
