"""The one exception family of handouts: every error a user can act on."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with the input, located as precisely as it can be."""

    message: str
    file: str | None = None
    line: int | None = None
    column: int | None = None
    key: str | None = None
    language: str | None = None
    fix: str | None = None

    def __str__(self) -> str:
        where = ""
        if self.file:
            where = self.file
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        what = " ".join(part for part in (self.key, self.language and f"[{self.language}]") if part)
        if what:
            what += ": "
        text = f"{where}{what}{self.message}"
        if self.fix:
            text += f" {self.fix}"
        return text


def summarized(problems: list[Problem], shown: int = 3) -> list[Problem]:
    """The problems with one said once for all the strings it concerns: "not translated" for 120 keys of one
    catalog is one problem naming a few of them, not 120."""
    grouped: dict[tuple, list[Problem]] = {}
    for problem in problems:
        grouped.setdefault((problem.file, problem.language, problem.message, problem.fix), []).append(problem)
    result = []
    for (file, language, message, fix), alike in grouped.items():
        keys = [problem.key for problem in alike if problem.key]
        if len(alike) == 1 or len(keys) != len(alike):
            result += alike
            continue
        more = f" and {len(keys) - shown} more" if len(keys) > shown else ""
        # A catalog's strings, or a content file's entries, each at its line where it has one.
        named = [f"{problem.key} (line {problem.line})" if problem.line else problem.key for problem in alike]
        what = "strings" if (file or "").endswith(".po") else "entries"
        result.append(Problem(f"{message.rstrip('.')} ({len(keys)} {what}: {', '.join(named[:shown])}{more}).",
                              file=file, language=language, fix=fix))
    return _once_for_every_language(result)


def _once_for_every_language(problems: list[Problem]) -> list[Problem]:
    """A problem that several languages share word for word (an unverified help line they all print) said once,
    naming them all: "[hi, mam, quc]"."""
    merged: dict[tuple, list[str]] = {}
    for problem in problems:
        where = (problem.message, problem.file, problem.line, problem.column, problem.key, problem.fix)
        merged.setdefault(where, []).append(problem.language or "")
    return [Problem(message, file=file, line=line, column=column, key=key, fix=fix,
                    language=", ".join(language for language in languages if language) or None)
            for (message, file, line, column, key, fix), languages in merged.items()]


class HandoutsError(Exception):
    """Base of every error the command line reports as a clean message."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem(problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems = list(problems)
        super().__init__(str(self))

    def __str__(self) -> str:
        if len(self.problems) == 1:
            return str(self.problems[0])
        lines = [f"{len(self.problems)} problems:"]
        lines += [f"  {problem}" for problem in self.problems]
        return "\n".join(lines)


class ContentError(HandoutsError):
    """The content, settings or translations are wrong; nothing was written."""


class RenderError(HandoutsError):
    """A document could not be laid out or rendered; nothing was written."""


class SystemSetupError(HandoutsError):
    """The machine lacks something the renderer needs."""


class OutputError(HandoutsError):
    """The output folder could not be written: the disk is full, the folder is read-only or not ours to write.
    The message says whether the folder still holds the previous set."""
