"""Turn a kit into a report of every check a build makes, plus a copier's QR test, writing nothing."""

from __future__ import annotations

import datetime
from dataclasses import asdict, dataclass, field
from typing import Callable

from ..errors import ContentError, HandoutsError, Problem
from ..i18n.readings import Playing, recording_states
from ..kit import Content, KitContent
from ..render import Rendered
from .build import BuildRequest, build
from .load import Loaded
from .readiness import claims_to_recheck_summary

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
                "codes and addresses kept verbatim, every fact of the English (codes, numbers, addresses, dates) "
                "kept and none added, markup",
    "glyphs": "every printed character is in its language's fonts (the tool's and the kit's)",
    "sandbox": "templates run in Jinja's sandbox; the renderer reads only the templates and fonts of the tool and "
               "the kit",
    "fit": "every card's text fits its card at 6.5 pt or more; no text wider than a page; no line printed "
           "over another",
    "qr": f"every card's and poster's QR code decodes from a {COPIER_DPI} dpi greyscale raster, as a copier "
          "sees it",
}


def check(request: BuildRequest, max_age_days: int | None = None,
          today: datetime.date | None = None, progress: Callable[[str], None] = lambda message: None,
          jobs: int | None = None) -> Report:
    """Every check, by watching a build that writes nothing: each stage it passes passes its checks; the stage
    it stops at fails them, and the checks after it are not run. What a build made before with the same
    inputs, and finds current in the output folder, is read back rather than made again."""
    results = {name: CheckResult(name, description) for name, description in CHECKS.items()}
    report = Report(list(results.values()), [])
    made: dict[str, object] = {}
    failure: HandoutsError | None = None
    try:
        built = build(request, progress, jobs=jobs, write=False,
                      observe=lambda stage, what: made.__setitem__(stage, what))
    except HandoutsError as error:
        failure, built = error, None
    # The build's stages, each with the checks it makes; the copier's QR test reads what it rendered.
    for stage, names in (("content", ("content",)), ("catalogs", ("catalogs",)), ("glyphs", ("glyphs",)),
                         ("render", ("sandbox",))):
        if stage not in made:
            if failure is not None:
                for name in names:
                    results[name].status = "failed"
                    results[name].problems = [str(problem) for problem in failure.problems]
            break
        for name in names:
            results[name].status = "passed"
    if "content" in made:
        loaded: Loaded = made["content"]
        content = loaded.content
        maximum = next(days for days in (max_age_days, request.max_age_days, loaded.kit.max_age_days)
                       if days is not None)
        report.warnings += freshness_warnings(content, maximum, today or datetime.date.today())
        report.warnings += claims_to_recheck_summary(content, maximum, today or datetime.date.today())
        try:
            verifications_hold(content.first)
            results["verified"].status = "passed"
        except ContentError as error:
            results["verified"].status = "failed"
            results["verified"].problems = [str(problem) for problem in error.problems]
    if "render" not in made:
        return report
    rendering = made["render"]
    report.warnings += list(built.warnings) if built else []
    results["fit"].status = "failed" if rendering.not_built else "passed"
    results["fit"].problems = [str(problem) for problem in rendering.not_built]
    # The kit's recordings still current: a card plays its language's on its back, a poster beside its own code.
    playing = Playing.of(recording_states(loaded.content, loaded.kit.languages, made.get("catalogs") or {}))
    qr_problems = [problem for result in (built.rendered if built else rendering.results)
                   for problem in _qr_problems(result, loaded.kit.settings.help_url, playing)]
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
        # The "I speak" cards state no rule; a date set by claims is their oldest, each claim named on its own.
        if document.information is not None and not document.information.from_claims:
            sharing.setdefault(document.information, []).append(name)
    dated = ([(f"the information of {' and '.join(names)}", information.as_of)
              for information, names in sharing.items()] + content.first.verification_dates())
    return [f"{what} is {(today - when).days} days old (as of {when.isoformat()}, more than {max_age_days} days): "
            "border rules and help lines change; check it again before printing."
            for what, when in dated if (today - when).days > max_age_days]


def _languages_in_slots(job) -> list[str]:
    """The language of each card of a sheet's first side, slot by slot (a mixed sheet fills its slots in the
    order of its mix)."""
    slots = job.stock.columns * job.stock.rows
    if job.parts:
        return [part.language for part, count in job.parts for _ in range(count)][:slots]
    return [job.language] * slots


def _qr_problems(result: Rendered, help_url: str, playing: Playing) -> list[str]:
    job = result.job
    if not job.kind.help_qr_code:
        return []  # the pamphlet's codes are for web pages, each checked for size by the content check
    import pypdfium2
    import zxingcpp

    languages = _languages_in_slots(job) if job.kind.on_sheets else [job.language]
    listening = [url for url in (playing.by_document.get(job.document, {}).get(code) for code in languages) if url]
    # The help page's code on the front of each card (or on the poster); a recording's, where one plays, on the
    # back of its card (or on the poster, beside it).
    expected = {0: [help_url] * len(languages)}
    if listening:
        side = 1 if job.kind.card else 0
        expected[side] = expected.get(side, []) + listening
    document = pypdfium2.PdfDocument(result.pdf)
    problems = []
    for index, codes in expected.items():
        image = document[index].render(scale=COPIER_DPI / 72, grayscale=True).to_pil()
        decoded = [code.text for code in zxingcpp.read_barcodes(image, formats=zxingcpp.BarcodeFormat.QRCode)]
        if sorted(decoded) != sorted(codes):
            problems.append(f"{job.relative_path}: expected {len(codes)} QR codes reading "
                            f"{' and '.join(sorted(set(codes)))} on page {index + 1} at {COPIER_DPI} dpi greyscale, "
                            f"decoded {len(decoded)}: {sorted(set(decoded))}.")
    return problems
