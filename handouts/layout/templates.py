"""Turn a kit's and the tool's templates into one sandboxed Jinja environment, and printed strings into HTML and
CSS that keep codes, numbers and names whole in every script."""

from __future__ import annotations

import functools
import os
import re
import unicodedata
from pathlib import Path

import jinja2
from jinja2.loaders import split_template_path
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from markupsafe import Markup, escape

from ..errors import ContentError, Problem
from ..files import RefusedFile, read_kit_file

from ..i18n.editions import LEFT_TO_RIGHT_ISOLATE, LEFT_TO_RIGHT_MARK, POP_DIRECTIONAL_ISOLATE
from ..kit.model import STATUS_LABELS, BulletList, Checklist, Notice, Paragraph, Steps
from ..qr import LISTEN_QR_SYMBOL_MM, qr_svg
from ..tokens import DATA_TOKEN, E_MAIL, WEB_ADDRESS


@functools.lru_cache(maxsize=8)
def template_environment(template_dirs: tuple[Path, ...]) -> jinja2.Environment:
    """The templates, looked for in order: a kit's own templates/ first, then the tool's.

    A kit's template is another organization's text, never code of this machine: every template is
    rendered in Jinja's sandbox (no attribute of Python's own, nothing changed in place), and read only from
    a regular file inside its folder. One environment per process and search path: each template is
    compiled once, and again only when its file changes, as in a preview server that builds at every save."""
    environment = ImmutableSandboxedEnvironment(
        loader=ConfinedLoader(template_dirs),
        autoescape=True,
        # A missing value must stop the build, never print as an empty line.
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    environment.filters["css_string"] = css_string
    environment.filters["html_text"] = html_text
    environment.globals.update(
        qr_svg=lambda url: Markup(qr_svg(url)),
        is_paragraph=lambda block: isinstance(block, Paragraph),
        is_notice=lambda block: isinstance(block, Notice),
        is_list=lambda block: isinstance(block, BulletList),
        is_checklist=lambda block: isinstance(block, Checklist),
        is_steps=lambda block: isinstance(block, Steps),
        status_labels=STATUS_LABELS,
        listen_symbol_mm=LISTEN_QR_SYMBOL_MM,
        tel=tel_number,
        css_string=css_string,
        css_content=css_content,
        # A style sheet from the same search path as the templates: a kit may replace one.
        stylesheet=lambda name: _first_file(template_dirs, name).as_uri(),
    )
    return environment


def tel_number(phone: str) -> str:
    """A U.S. phone number as a tel: link dials it from anywhere: "1-888-351-4024" -> "+18883514024"."""
    digits = re.sub(r"[^0-9]", "", phone)
    return f"+{digits}" if len(digits) == 11 and digits.startswith("1") else f"+1{digits}"


class ConfinedLoader(jinja2.BaseLoader):
    """Templates from folders in order, each a regular file inside its folder: a link out of it, a folder, a
    device or a pipe is refused, never followed (an include of "leak.txt" linked to a file of the machine
    would print that file)."""

    def __init__(self, folders: tuple[Path, ...]):
        self.folders = folders

    def get_source(self, environment, template: str):
        pieces = split_template_path(template)  # refuses ".." and absolute names
        for folder in self.folders:
            path = folder.joinpath(*pieces)
            if not os.path.lexists(path):
                continue
            data = _template_file(folder, "/".join(pieces))
            stamp = os.stat(path).st_mtime_ns
            return data.decode("utf-8", errors="replace"), str(path), lambda: _unchanged(path, stamp)
        raise jinja2.TemplateNotFound(template)


def _template_file(folder: Path, name: str) -> bytes:
    try:
        return read_kit_file(folder, name, "template")
    except RefusedFile as refused:
        raise ContentError(Problem(f"template {name}: {refused.message}", file=str(folder / name),
                                   fix=refused.fix)) from None


def _unchanged(path: Path, stamp: int) -> bool:
    try:
        return os.stat(path).st_mtime_ns == stamp
    except OSError:
        return False


def _first_file(folders: tuple[Path, ...], name: str) -> Path:
    pieces = split_template_path(name)
    for folder in folders:
        path = folder.joinpath(*pieces)
        if os.path.lexists(path):
            _template_file(folder, "/".join(pieces))  # a regular file inside its folder, or refused
            return path.resolve()
    raise jinja2.TemplateNotFound(name)


def render(environment: jinja2.Environment, template: str, **context) -> str:
    """A template rendered; a mistake in it, or something the sandbox refuses, is told as the template's own
    error, with its file and line."""
    try:
        return environment.get_template(template).render(**context)
    except jinja2.TemplateSyntaxError as error:
        raise ContentError(Problem(f"template syntax error: {error.message}.", file=error.filename or template,
                                   line=error.lineno, fix="Correct the template, or remove the kit's copy of it "
                                   "to use the tool's.")) from None
    except (SecurityError, jinja2.TemplateError) as error:
        origin = jinja2_origin(error, template)
        raise ContentError(Problem(f"template error: {str(error).rstrip('.')}.", file=origin[0], line=origin[1],
                                   fix="A template may print the content's values and call the tool's helpers, "
                                       "nothing else (see docs/kit-file.md); correct it, or remove the kit's "
                                       "copy of it to use the tool's.")) from None


def jinja2_origin(error: Exception, template: str) -> tuple[str, int | None]:
    """The template file and line an error was raised at, as Jinja's own traceback frames name them."""
    traceback = error.__traceback__
    found: tuple[str, int | None] = (template, None)
    while traceback is not None:
        frame = traceback.tb_frame
        name = frame.f_code.co_filename
        if name.endswith((".j2", ".html", ".css", ".txt")):
            found = (name, traceback.tb_lineno)
        traceback = traceback.tb_next
    return found


ISOLATED_RUN = re.compile(f"{LEFT_TO_RIGHT_ISOLATE}(.*?){POP_DIRECTIONAL_ISOLATE}", re.DOTALL)
ADDRESS = re.compile(f"{WEB_ADDRESS}|{E_MAIL}")
# A name of two or three Latin words ("CBP One", "Form I-862", "NTA, Form I-862") inside text of another
# script: kept on one line, and in its own order, as a reader looks it up (a comma between its words would
# otherwise take the right-to-left text's direction, and print "Form I-862 ,NTA").
LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.'-]*(?:,? [A-Za-z0-9][A-Za-z0-9.'-]*){1,3}")
OTHER_SCRIPT_LETTER = re.compile(r"[^\W\d_A-Za-z\u00C0-\u024F]")


def html_text(text: str) -> Markup:
    """A printed string as HTML: escaped, each left-to-right run in an element of its own.

    WeasyPrint loses Unicode isolates at a line break (the rest of the line is laid
    out again in the paragraph's direction), but keeps an element's dir="ltr" on
    every line. So each run the edition isolated (a code, a number, an address, an
    English sentence printed for want of a translation) becomes a dir="ltr" span
    that wraps like any text, and each code, phone number and date is kept whole on
    one line. The isolates come from the edition only: no content or catalog may hold one.
    """
    pieces = []
    position = 0
    keep_names = OTHER_SCRIPT_LETTER.search(text) is not None
    for run in ISOLATED_RUN.finditer(text):
        pieces.append(_with_data_spans(text[position:run.start()], keep_names))
        inner = run.group(1).replace(LEFT_TO_RIGHT_MARK, "")
        if DATA_TOKEN.fullmatch(inner):
            pieces.append(_data_span(inner))
        else:
            pieces.append(Markup('<span dir="ltr" class="ltr-run">{}</span>').format(_with_data_spans(inner)))
        position = run.end()
    pieces.append(_with_data_spans(text[position:], keep_names))
    return _spaces_apart(Markup("").join(pieces))


# A space just before a span, on its own. WeasyPrint 70 measures a run of text that ends in a space
# and is followed by a span that does not fit on the line as one unbreakable run, and breaks the line
# after the run's first word (the Punjabi pamphlet printed «ਜੇ» alone on a line). A space in its own
# element leaves the run without a trailing space; the space stays between the words in either direction.
SPACE_BEFORE_SPAN = re.compile(r" (?=<span )")


def _spaces_apart(html: Markup) -> Markup:
    return Markup(SPACE_BEFORE_SPAN.sub('<span class="space"> </span>', html))


def _with_data_spans(text: str, keep_names: bool = False) -> Markup:
    pieces = []
    position = 0
    for token in DATA_TOKEN.finditer(text):
        pieces += [_with_names_kept(text[position:token.start()], keep_names), _data_span(token.group(0))]
        position = token.end()
    pieces.append(_with_names_kept(text[position:], keep_names))
    return Markup("").join(pieces)


def _with_names_kept(text: str, keep_names: bool) -> Markup:
    if not keep_names:
        return escape(text)
    pieces = []
    position = 0
    for name in LATIN_NAME.finditer(text):
        pieces += [escape(text[position:name.start()]),
                   Markup('<span class="latin-name">{}</span>').format(name.group(0))]
        position = name.end()
    pieces.append(escape(text[position:]))
    return Markup("").join(pieces)


def _data_span(token: str) -> Markup:
    # A code or a phone number must not break at its hyphen; an address may, at its slashes.
    kind = "data-address" if ADDRESS.fullmatch(token) else "data-number"
    return Markup('<span dir="ltr" class="{}">{}</span>').format(kind, token)


# Characters a CSS string may hold as they are: letters, marks and digits of any
# script, spaces, and punctuation that means nothing to CSS inside a string.
_CSS_STRING_SAFE_PUNCTUATION = frozenset(" .,:!?()%-/")


def css_string(value: str) -> Markup:
    """A CSS string literal holding `value`, for generated content such as page footers.

    It goes inside a <style> element, where HTML escaping does not apply. Every
    character that could end the string, the declaration or the element (quotes,
    backslashes, line breaks, carriage returns, braces, semicolons, "<") is
    written as a CSS escape, and so is anything else that is not a letter, mark,
    digit, space or harmless punctuation: no text can leave the string it is in.
    """
    escaped = "".join(
        character if (character in _CSS_STRING_SAFE_PUNCTUATION
                      or unicodedata.category(character)[0] in "LMN") else f"\\{ord(character):X} "
        for character in value)
    return Markup(f'"{escaped}"')


def css_content(template: str, **counters: str) -> Markup:
    """A CSS `content` value from a label with {placeholders} standing for counters.

    "Page {page} of {pages}" becomes "Page " counter(page) " of " counter(pages),
    so a translation may put the numbers wherever its grammar wants them.
    """
    parts: list[str] = []
    rest = template
    while rest:
        start = rest.find("{")
        end = rest.find("}", start)
        if start < 0 or end < 0:
            parts.append(css_string(rest))
            break
        if start:
            parts.append(css_string(rest[:start]))
        name = rest[start + 1:end]
        parts.append(counters[name])
        rest = rest[end + 1:]
    return Markup(" ".join(parts))
