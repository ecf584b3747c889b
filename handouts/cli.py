"""Turn command-line words into a command's work: parse them, call the command, print what came of it."""

from __future__ import annotations

import argparse
import datetime
import json
import os
import signal
import sys
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Callable

from . import __version__
from .commands.add_language import add_language
from .commands.build import BuildRequest, build
from .commands.check import check
from .commands.new_kit import new_kit
from .commands.recordings import add_recording
from .commands.remove_language import remove_language
from .commands.status import RECHECK_WINDOW_DAYS, kit_status
from .commands.update_catalogs import update_kit_catalogs
from .commands.verify import record_verification
from .errors import HandoutsError
from .i18n.status import status_table
from .languages import LanguageDescription
from .outputs import PAPERS, PRODUCTS, SHARED_FOLDERS


def _choices(allowed: tuple[str, ...], what: str):
    def parse(value: str) -> tuple[str, ...]:
        chosen = tuple(part.strip() for part in value.split(",") if part.strip())
        unknown = [part for part in chosen if part not in allowed]
        if unknown or not chosen:
            raise argparse.ArgumentTypeError(
                f"unknown {what} {', '.join(unknown) or repr(value)}; choose from {', '.join(allowed)}")
        return chosen
    return parse


def _names(value: str) -> tuple[str, ...]:
    """A comma-separated list, checked against the kit once it is read."""
    chosen = tuple(part.strip() for part in value.split(",") if part.strip())
    if not chosen:
        raise argparse.ArgumentTypeError(f"expected a comma-separated list, found {value!r}")
    return chosen


def _days(value: str) -> int:
    """A number of days, 0 or more: 0 takes only information checked today."""
    try:
        days = int(value)
    except ValueError:
        days = -1
    if days < 0:
        raise argparse.ArgumentTypeError(f"{value!r} is not a number of days (0 or more)")
    return days


def _kit_option(command: argparse.ArgumentParser) -> None:
    command.add_argument("--kit", "--project", dest="kit", type=Path, default=Path("."),
                         help="the kit: the folder holding handouts.yml (default: .)")


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(
        prog="handouts", description="Build print-ready know-your-rights handouts.",
        epilog="Each command has its own --help. The guides are README.md and docs/ in the handouts source: "
               "docs/printing.md (every command and what it writes), docs/translating.md, docs/kit-file.md, "
               "docs/content.md and docs/checks.md.")
    top.add_argument("--version", action="version", version=f"handouts {__version__}")
    top.add_argument("--debug", action="store_true",
                     help="on an error, show its full traceback too (for a bug report); "
                          "give it before the command: handouts --debug build ...")
    commands = top.add_subparsers(dest="command", required=True)
    build_command = commands.add_parser(
        "build", help="build the handouts (PDFs and pictures) into output/<language>/")
    _kit_option(build_command)
    build_command.add_argument("--output", type=Path, default=None,
                               help="where to write (default: output/ in the kit)")
    build_command.add_argument("--languages", type=_names, default=None,
                               help="comma-separated language codes (default: every language of the kit)")
    build_command.add_argument("--documents", type=_names, default=None,
                               help="comma-separated document names (default: every document of the kit)")
    build_command.add_argument("--products", type=_choices(PRODUCTS, "product"), default=PRODUCTS,
                               help=f"comma-separated, from {', '.join(PRODUCTS)} (default: each document's)")
    build_command.add_argument("--papers", type=_choices(PAPERS, "paper"), default=None,
                               help=f"comma-separated, from {', '.join(PAPERS)} (default: the kit's)")
    build_command.add_argument("--regions", type=_names, default=None,
                               help="comma-separated region codes such as US-TX: list only their organizations "
                                    "(default: the kit's regions)")
    build_command.add_argument("--quiet", action="store_true", help="print only warnings and errors")
    build_command.add_argument("--verbose", action="store_true",
                               help="name every string a warning or a refusal concerns (default: a summary per "
                                    "language)")
    build_command.add_argument("--force", action="store_true",
                               help="rebuild every output, even those whose inputs did not change")
    build_command.add_argument("--jobs", type=int, default=None,
                               help="processes to render with (default: one per core)")
    build_command.add_argument("--archival", action="store_true",
                               help="make the pamphlets and cards PDF/A-3u (still tagged) for archiving, "
                                    "instead of PDF/UA-1")
    build_command.add_argument("--release", action="store_true",
                               help="refuse any language that is a draft, has fuzzy or missing strings, "
                                    "or uses an unverified directory entry, and information older than "
                                    "--max-age-days")
    build_command.add_argument("--max-age-days", type=_days, default=None,
                               help="with --release, the oldest information it takes (default: the kit's "
                                    "max_age_days)")

    check_command = commands.add_parser(
        "check", help="run every check a build makes, and decode each card's QR code, writing nothing")
    _kit_option(check_command)
    check_command.add_argument("--languages", type=_names, default=None,
                               help="comma-separated language codes to check (default: every language of the kit, "
                                    "and the \"I speak\" cards)")
    check_command.add_argument("--max-age-days", type=_days, default=None,
                               help="warn when the content is older than this (default: the kit's max_age_days)")
    check_command.add_argument("--json", action="store_true", help="print the report as JSON")

    status_command = commands.add_parser(
        "status", help="each language's translation status: translated, fuzzy, missing, draft or reviewed")
    _kit_option(status_command)
    status_command.add_argument("--json", action="store_true", help="print the status as JSON")
    status_command.add_argument("--keys", action="store_true",
                                help="list each string left to translate, with the languages it is left in")

    verify = commands.add_parser(
        "verify", help="record that a directory entry was checked against its source, for its values as they are")
    verify.add_argument("entry", help="the entry: help_lines.<id>, detainee_locator, "
                                      "'local_organizations.<state>.<name>' (one organization) or local_organizations "
                                      "(those without a verification of their own)")
    verify.add_argument("--on", type=_date, default=datetime.date.today(),
                        help="the day it was checked, YYYY-MM-DD (default: today)")
    verify.add_argument("--source", default=None,
                        help="the public page it was checked on: address, publisher, date (needed where the "
                             "entry's source says it is unconfirmed)")
    verify.add_argument("--by", default=None, help="who checked it: a role, such as 'legal services coordinator'")
    _kit_option(verify)

    i18n = commands.add_parser("i18n", help="manage the translation catalogs in content/translations/")
    i18n_commands = i18n.add_subparsers(dest="i18n_command", metavar="{update,add,remove}", title="what to do")
    # `handouts i18n` alone: what it can do, rather than a parser's complaint.
    i18n.set_defaults(i18n_help=i18n.format_help)
    update = i18n_commands.add_parser(
        "update", help="refresh every catalog from the English content: changed strings become fuzzy")
    _kit_option(update)
    update.add_argument("--languages", type=_names, default=None,
                        help="comma-separated language codes (default: every translated language of the kit)")
    add = i18n_commands.add_parser(
        "add", help="add a language to the kit: a catalog with every string, and the language in handouts.yml")
    _kit_option(add)
    add.add_argument("code", help="its BCP 47 tag: uk, hi, mam, quc")
    add.add_argument("--name", help="its name in English (needed where CLDR does not know the language)")
    add.add_argument("--own-name", help="its name in itself (needed where CLDR does not know the language)")
    add.add_argument("--script", help="its script, ISO 15924 (needed where CLDR does not know it): Latn, Deva")
    add.add_argument("--direction", choices=("ltr", "rtl"), help="its direction (default: ltr, or CLDR's)")
    add.add_argument("--source", help="where the names come from (needed whenever you give them)")

    remove = i18n_commands.add_parser(
        "remove", help="take a language out of the kit: out of handouts.yml, and its catalog deleted")
    _kit_option(remove)
    remove.add_argument("code", help="its tag, as handouts.yml lists it")

    serve_command = commands.add_parser(
        "serve", help="show each page as it will print in a browser, made again at every save")
    _kit_option(serve_command)
    serve_command.add_argument("--host", default="127.0.0.1",
                               help="the address to listen on (default: 127.0.0.1, this machine only)")
    serve_command.add_argument("--port", type=int, default=8000, help="the port to listen on (default: 8000)")
    serve_command.add_argument("--open", action="store_true", help="open the page in the browser")

    recording = commands.add_parser(
        "recording", help="record that a document was read aloud in a language: its card and poster play it")
    recording_commands = recording.add_subparsers(dest="recording_command", metavar="{add}", title="what to do",
                                                  required=True)
    recording_add = recording_commands.add_parser(
        "add", help="add (or replace) the recording of DOCUMENT in LANGUAGE, for the text as it is now")
    _kit_option(recording_add)
    recording_add.add_argument("language", help="its language: one of the kit's, or of the \"I speak\" table (mam)")
    recording_add.add_argument("document", help="the document it reads: know-your-rights, help-lines")
    recording_add.add_argument("url", help="where it plays: https://...")
    recording_add.add_argument("--speaker", required=True, help="who speaks it")
    recording_add.add_argument("--on", type=_date, default=datetime.date.today(),
                               help="the day it was recorded, YYYY-MM-DD (default: today)")

    new = commands.add_parser("new", help="make a new kit in DIR from the shipped border-asylum kit")
    new.add_argument("directory", type=Path, help="the new kit's folder: a new one, or an empty one")
    new.add_argument("--languages", type=_names, default=None,
                     help="comma-separated: the shipped languages to keep (English always; default: all)")
    return top


def _build(arguments) -> int:
    request = BuildRequest(
        project_dir=arguments.kit,
        output_dir=arguments.output or arguments.kit / "output",
        languages=arguments.languages,
        documents=arguments.documents,
        regions=arguments.regions,
        products=arguments.products,
        papers=arguments.papers,
        release=arguments.release,
        archival=arguments.archival,
        max_age_days=arguments.max_age_days,
        every_string=arguments.verbose,
    )
    progress = ProgressLine(sys.stdout, quiet=arguments.quiet)
    result = build(request, progress, jobs=arguments.jobs, force=arguments.force)
    progress.close()
    for warning in result.warnings:
        print(f"handouts: warning: {warning}", file=sys.stderr)
    if not arguments.quiet:
        if not result.written:
            print(f"Nothing to do: all {result.up_to_date} outputs in {request.output_dir} are up to date "
                  f"({result.seconds:.2f} s). Use --force to rebuild them anyway.")
        else:
            kept = f"; {result.up_to_date} up to date" if result.up_to_date else ""
            print(f"Built {len(result.written)} files in {request.output_dir} in {result.seconds:.1f} s{kept}.")
    if result.out_of_date:
        print(f"handouts: warning: {out_of_date_summary(result.out_of_date, request.output_dir)}", file=sys.stderr)
    if result.not_built:
        languages = sorted({code for problem in result.not_built for code in (problem.language or "").split(", ")})
        print(f"handouts: error: not built: {', '.join(languages)} (every other edition was written):",
              file=sys.stderr)
        for problem in result.not_built:
            print(f"  {problem}", file=sys.stderr)
        return 1
    return 0


def out_of_date_summary(out_of_date: dict[str, int], output_dir: Path) -> str:
    """"18 files of 2 other languages in output are out of date (es 9, fr 9): ..."."""
    total = sum(out_of_date.values())
    each = ", ".join(f"{code} {count}" for code, count in out_of_date.items())
    languages = f"{len(out_of_date)} other language{'s' if len(out_of_date) != 1 else ''}"
    # What is made for every language (the "I speak" cards) is made again only by a build of every language.
    refresh = ("handouts build" if set(SHARED_FOLDERS) & set(out_of_date)
               else f"handouts build --languages {','.join(out_of_date)}")
    return (f"{total} file{'s' if total != 1 else ''} of {languages} in {output_dir} "
            f"{'are' if total != 1 else 'is'} out of date ({each}), and marked so in index.html and "
            f"manifest.json. Refresh them with: {refresh}")


class ProgressLine:
    """One progress display: a line rewritten in place on a terminal, a line per file elsewhere (logs, CI)."""

    def __init__(self, stream, quiet: bool = False):
        self.stream = stream
        self.quiet = quiet
        self.in_place = stream.isatty()
        self.shown = False

    def __call__(self, message: str) -> None:
        if message.startswith("problem: "):
            # Known before the build ends (a card that does not fit): said at once, on a line of its own.
            self.close()
            print(f"handouts: {message}", file=sys.stderr)
            return
        if self.quiet:
            return
        if self.in_place:
            self.stream.write(f"\r\033[K{message}")
        else:
            self.stream.write(message + "\n")
        self.stream.flush()
        self.shown = True

    def close(self) -> None:
        if self.in_place and self.shown:
            self.stream.write("\r\033[K")
            self.stream.flush()


def _check(arguments) -> int:
    request = BuildRequest(project_dir=arguments.kit, output_dir=arguments.kit / "output",
                           languages=arguments.languages)
    progress = ProgressLine(sys.stderr)
    report = check(request, max_age_days=arguments.max_age_days, progress=progress)
    progress.close()
    if arguments.json:
        print(json.dumps(report.as_dict(), ensure_ascii=False, indent=2))
        return 0 if report.passed else 1
    for result in report.checks:
        print(f"{result.status.upper():8} {result.name:9} {result.description}")
        for problem in result.problems:
            print(f"         - {problem}")
    for warning in report.warnings:
        print(f"warning: {warning}")
    print("All checks passed." if report.passed else "Some checks failed.")
    return 0 if report.passed else 1


def _status(arguments) -> int:
    output_dir = arguments.kit / "output"
    status = kit_status(arguments.kit, output_dir)
    if arguments.json:
        print(json.dumps([{**asdict(language), "complete": language.complete} for language in status.languages],
                         ensure_ascii=False, indent=2))
        return 0
    print(status_table(status.languages, keys=arguments.keys))
    for reminder in status.reminders:
        print(f"Reminder: {reminder}")
    if status.claims_due:
        print(f"Rules to check again (recheck_by within {RECHECK_WINDOW_DAYS} days, or past):")
        for claim in status.claims_due:
            print(f"  {claim.recheck_by.isoformat()}  {claim.key} ({claim.status}), "
                  f"{claim.origin.file}:{claim.origin.line}")
    for name, costs in sorted(status.messages.items()):
        print(f"SMS cost of {name}: " + ", ".join(f"{code} {cost}" for code, cost in costs.items()))
    if status.recordings:
        print("Recordings:")
        for state in status.recordings:
            recording = state.recording
            said = ("current: its QR code is printed" if state.current else
                    "OUT OF DATE: the text changed since it was recorded; its QR code is not printed. Record it "
                    f"again, then: handouts recording add {recording.language} {recording.document} URL "
                    "--speaker NAME --on YYYY-MM-DD")
            interpreted = f", from the {state.read_from} text" if state.oral else ""
            print(f"  {recording.language} {recording.document} ({recording.speaker}, "
                  f"{recording.recorded_on.isoformat()}{interpreted}): {said}")
    if status.not_built:
        print(f"Not built yet: {', '.join(status.not_built)}. Build them with: "
              f"handouts build --languages {','.join(status.not_built)}")
    if status.out_of_date:
        print("Out of date: " + out_of_date_summary(status.out_of_date, output_dir).replace(" other language",
                                                                                           " language"))
    return 0


def _date(value: str) -> datetime.date:
    try:
        return datetime.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date written YYYY-MM-DD") from None


def _verify(arguments) -> int:
    recorded = record_verification(arguments.kit, arguments.entry, arguments.on, arguments.source, arguments.by)
    values = recorded.values or "no code, number or address"
    was = f" (was verified for {recorded.was!r})" if recorded.was is not None and recorded.was != recorded.values else ""
    print(f"{recorded.key}: verified on {recorded.on.isoformat()} for {values!r}{was}.")
    return 0


def _recording(arguments) -> int:
    added = add_recording(arguments.kit, arguments.language, arguments.document, arguments.url,
                          arguments.speaker, arguments.on)
    text = "" if added.read_from == added.language else f" (interpreted from the {added.read_from} text)"
    print(f"{'Replaced' if added.replaced else 'Added'} the recording of {added.document} in {added.language}"
          f"{text}, for the text as it is now ({added.reads}). Its QR code prints from the next build, until "
          "that text changes.")
    return 0


def _i18n(arguments) -> int:
    if arguments.i18n_command is None:
        print(arguments.i18n_help(), file=sys.stderr)
        print("handouts i18n: say what to do: update, add or remove (for example: handouts i18n update).",
              file=sys.stderr)
        return 2
    if arguments.i18n_command == "remove":
        removed = remove_language(arguments.kit, arguments.code)
        print(f"Removed {removed.english_name} ({removed.code}): handouts.yml no longer lists it, and "
              f"content/translations/{removed.code}.po is deleted. Its files in output/{removed.code}/ are no "
              "longer listed; delete the folder when you no longer need them.")
        return 0
    if arguments.i18n_command == "add":
        added = add_language(arguments.kit, LanguageDescription(
            arguments.code, english_name=arguments.name, own_name=arguments.own_name, script=arguments.script,
            direction=arguments.direction, source=arguments.source))
        print(f"Added {added.english_name} ({added.code}, {added.script_name}, {added.direction}): "
              f"content/translations/{added.code}.po holds every string, untranslated; {added.code} is in "
              "handouts.yml. Translate the catalog, then: handouts build")
        return 0
    report = update_kit_catalogs(arguments.kit, arguments.languages)
    for language, counts in report.items():
        print(f"{language:8} " + ", ".join(f"{count} {what}" for what, count in counts.items()))
    return 0


def _serve(arguments) -> int:
    from .preview.server import serve

    def ready(url: str) -> None:
        print(f"Preview of {arguments.kit.resolve()} at {url} (Ctrl-C to stop)", flush=True)

    serve(arguments.kit, host=arguments.host, port=arguments.port, open_browser=arguments.open, ready=ready)
    return 0


def _new(arguments) -> int:
    folder = new_kit(arguments.directory, arguments.languages)
    print(f"Made a kit in {folder}. Next: set your organization in {folder / 'handouts.yml'}, then\n"
          f"  cd {folder} && handouts build")
    return 0


# Exit codes as a shell reports a process ended by the signal (128 + its number):
# scripts and CI treat an interrupted or cut-off handouts like any other tool.
OUTPUT_CLOSED = 128 + signal.SIGPIPE
# An exception of no HandoutsError kind is a mistake in handouts, not in its input.
INTERNAL_ERROR = 2


def main(argv: list[str] | None = None) -> int:
    """Run one command; whatever happens, end with one line of explanation and an exit code, never a
    traceback (unless --debug asks for one)."""
    arguments = parser().parse_args(argv)
    command = {"build": _build, "check": _check, "status": _status, "i18n": _i18n,
               "verify": _verify, "recording": _recording, "new": _new, "serve": _serve}[arguments.command]
    restore_interrupt = _interrupt_main_process_only()
    try:
        code = command(arguments)
        # Written out here, where a closed pipe is handled: buffered output
        # would otherwise meet it at exit, as an error about flushing.
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # The reader of the output left (`handouts status | head -1`): end quietly,
        # with stdout pointed at devnull so that the interpreter's own last flush
        # does not fail again (see "Note on SIGPIPE" in Python's signal docs).
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return OUTPUT_CLOSED
    except HandoutsError as error:
        if arguments.debug:
            raise
        print(f"handouts: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt as stop:
        if arguments.debug:
            raise
        number = stop.signal if isinstance(stop, Stopped) else signal.SIGINT
        print("handouts: stopped" if number == signal.SIGTERM else "handouts: interrupted", file=sys.stderr)
        return 128 + number
    except Exception as error:
        if arguments.debug:
            raise
        what = f"{type(error).__name__}: {str(error).rstrip('. ')}" if str(error) else type(error).__name__
        print(f"handouts: internal error: {what}. This is a bug in handouts; please report it with the command "
              f"you ran and the output of `handouts --debug {arguments.command} ...`.", file=sys.stderr)
        return INTERNAL_ERROR
    finally:
        restore_interrupt()


class Stopped(KeyboardInterrupt):
    """The command was told to stop by a signal: it stops what it is doing, as it would for Ctrl-C."""

    def __init__(self, number: int):
        super().__init__(signal.Signals(number).name)
        self.signal = number


STOPPING_SIGNALS = (signal.SIGINT, signal.SIGTERM)


def _interrupt_main_process_only() -> Callable[[], None]:
    """Make Ctrl-C and SIGTERM stop this process's command, and end the worker processes it forks quietly;
    return what puts the previous handlers back.

    A terminal sends Ctrl-C to every process of the command, and the build's
    workers are forked from this one: each would print a traceback of its own.
    A signal sent to this process alone (kill, a service manager) stops it the
    same way: the queued renders are cancelled and the workers ended.
    """
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    main_process = os.getpid()

    def stopped(signal_number, frame):
        if os.getpid() != main_process:
            # A worker: it ends without a word; the main process stops the other workers and reports once.
            os._exit(128 + signal_number)
        raise Stopped(signal_number)

    # A signal ignored on purpose (nohup, a background job) stays ignored.
    previous = {number: signal.signal(number, stopped) for number in STOPPING_SIGNALS
                if signal.getsignal(number) is not signal.SIG_IGN}

    def restore() -> None:
        for number, handler in previous.items():
            signal.signal(number, handler)
    return restore


if __name__ == "__main__":
    sys.exit(main())
