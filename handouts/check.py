"""Turn a kit into a report of every check a build makes, plus a copier's QR test, writing nothing."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Callable

from .build import (
    BuildRequest,
    check_glyphs,
    editions_by_document,
    lay_out_all,
    load_catalogs,
    scope,
    warnings_for,
)
from .content import load_content
from .errors import ContentError, HandoutsError, Problem
from .fit import layout_problems
from .model import Content, KitContent
from .parallel import default_jobs, render_documents
from .render import Rendered

# A cheap office copier: 150 dpi, greyscale.
COPIER_DPI = 150


@dataclass
class CheckResult:
    name: str
    description: str
    status: str = "not run"  # "passed", "failed" or "not run" (an earlier check failed)
    problems: list[str] = field(default_factory=list)


@dataclass
class Report:
    checks: list[CheckResult]
    warnings: list[str]

    @property
    def passed(self) -> bool:
        return all(check.status == "passed" for check in self.checks)

    def as_dict(self) -> dict:
        return {"passed": self.passed, "checks": [asdict(check) for check in self.checks],
                "warnings": self.warnings}


CHECKS = {
    "content": "handouts.yml and content/ YAML: syntax and schema (keys, types, codes, phone numbers, web addresses, dates, markup)",
    "verified": "every verified directory entry has the codes, numbers and addresses it was verified for",
    "catalogs": "translation catalogs: PO syntax, duplicate entries, hidden characters, placeholders, "
                "codes and addresses kept verbatim, markup",
    "glyphs": "every printed character is in its language's fonts (the tool's and the kit's)",
    "sandbox": "the renderer reads only the templates and fonts of the tool and the kit",
    "fit": "every card's text fits its card at 6.5 pt or more; no text wider than a page; no line printed "
           "over another",
    "qr": f"every card's and poster's QR code decodes from a {COPIER_DPI} dpi greyscale raster, as a copier "
          "sees it",
}


def check(request: BuildRequest, max_age_days: int | None = None,
          today: datetime.date | None = None, progress: Callable[[str], None] = lambda message: None,
          jobs: int | None = None) -> Report:
    results = {name: CheckResult(name, description) for name, description in CHECKS.items()}
    report = Report(list(results.values()), [])

    def run(name: str, step: Callable[[], object]) -> bool:
        """Run one check; False when it failed, so that the checks after it do not run."""
        try:
            step()
        except HandoutsError as error:
            results[name].status = "failed"
            results[name].problems = [str(problem) for problem in error.problems]
            return False
        results[name].status = "passed"
        return True

    loaded = {}

    def load() -> None:
        loaded["scope"] = scope(request)
        loaded["content"] = load_content(loaded["scope"].kit)

    if not run("content", load):
        return report
    chosen, content = loaded["scope"], loaded["content"]
    kit = chosen.kit
    report.warnings += freshness_warnings(content, max_age_days or chosen.max_age_days,
                                          today or datetime.date.today())
    # A changed entry does not stop the other checks: a draft build still prints it, marked unverified.
    run("verified", lambda: verifications_hold(content.first))
    if not run("catalogs", lambda: loaded.update(translations=load_catalogs(chosen, content))):
        return report
    report.warnings += warnings_for(content, loaded["translations"])
    by_document = editions_by_document(chosen, content, loaded["translations"])
    every_edition = [edition for chosen_editions in by_document.values() for edition in chosen_editions]
    if not run("glyphs", lambda: check_glyphs(every_edition, kit)):
        return report
    documents = list(lay_out_all(chosen, by_document, request.products))
    by_code = {}
    for edition in every_edition:
        by_code.setdefault(edition.code, edition)
    content_date = content.newest_information_date

    rendered: list[Rendered] = []

    def render_everything() -> None:
        rendered.extend(render_documents(documents, kit, content_date, jobs or default_jobs(), progress))

    if not run("sandbox", render_everything):
        return report
    fit_problems = layout_problems([result for result in rendered if not result.fits], by_code)
    rendered = [result for result in rendered if result.fits]
    results["fit"].status = "failed" if fit_problems else "passed"
    results["fit"].problems = [str(problem) for problem in fit_problems]
    qr_problems = [problem for result in rendered
                   for problem in _qr_problems(result, kit.settings.help_url)]
    results["qr"].status = "failed" if qr_problems else "passed"
    results["qr"].problems = qr_problems
    return report


def verifications_hold(content: Content) -> None:
    changed = content.changed_since_verified()
    if changed:
        raise ContentError([Problem(f"{verification}: a verification holds for the values it was made for.",
                                    file=verification.origin.file, line=verification.origin.line,
                                    key=f"{verification.key}.verified_for",
                                    fix=f"Confirm the entry against its source, then run: handouts verify "
                                        f"{verification.key} --on YYYY-MM-DD")
                            for verification in changed])


def freshness_warnings(content: KitContent, max_age_days: int, today: datetime.date) -> list[str]:
    """Each document's information date and each directory entry's verification date, where older than allowed."""
    # Documents that share their information are named together, once.
    sharing: dict[object, list[str]] = {}
    for name, document in content.documents.items():
        if document.information is not None:  # the "I speak" cards state no rule
            sharing.setdefault(document.information, []).append(name)
    dated = ([(f"the information of {' and '.join(names)}", information.as_of)
              for information, names in sharing.items()] + content.first.verification_dates())
    return [f"{what} is {(today - when).days} days old (as of {when.isoformat()}, more than {max_age_days} days): "
            "border rules and help lines change; check it again before printing."
            for what, when in dated if (today - when).days > max_age_days]


def _qr_problems(result: Rendered, help_url: str) -> list[str]:
    document = result.document
    if document.product not in ("card", "card-sheet", "print-sheet", "poster"):
        return []  # the pamphlet's codes are for web pages, each checked for size by the content check
    import pypdfium2
    import zxingcpp

    stock = document.stock
    expected = stock.columns * stock.rows if stock is not None else 1
    page = pypdfium2.PdfDocument(result.pdf)[0]
    image = page.render(scale=COPIER_DPI / 72, grayscale=True).to_pil()
    decoded = [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
    if len(decoded) == expected and set(decoded) == {help_url}:
        return []
    return [f"{document.relative_path}: expected {expected} QR codes reading {help_url} at {COPIER_DPI} dpi "
            f"greyscale, decoded {len(decoded)}: {sorted(set(decoded))}."]
