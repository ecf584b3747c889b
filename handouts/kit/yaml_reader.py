"""Turn YAML text into a node tree, refusing what content has no use for: anchors, aliases and deep nesting.

Content files are edited by volunteers, so a file is read as untrusted: an
alias bomb ("billion laughs") or a file nested thousands deep is refused while
it is composed, at its first anchor or deepest level, before anything walks
the tree. Every refusal and syntax error says where, in the line and column an
editor shows, and what to do.
"""

from __future__ import annotations

import functools
import re

import yaml
from yaml.events import AliasEvent
from yaml.tokens import ScalarToken

from ..tokens import describe_character

# Far deeper than any content file goes (the handout's steps inside steps are
# 11 levels): deeper is a mistake or an attack. Each level also costs
# the composer Python stack frames, so a file nested thousands deep would
# otherwise end in a RecursionError.
MAX_DEPTH = 40

# What PyYAML counts as a line break, so that lines computed here agree with its marks.
LINE_BREAK = re.compile("\r\n|[\r\n\x85\u2028\u2029]")

SYNTAX_FIX = "Check the indentation and quoting on or just before this line."
CLOSERS = {"[": "]", "{": "}"}


class UnreadableYaml(Exception):
    """Why a YAML text gives no node tree: what, where (1-based line and column, if known), and what to do."""

    def __init__(self, message: str, line: int | None, column: int | None, fix: str):
        super().__init__(message)
        self.message = message
        self.line = line
        self.column = column
        self.fix = fix


@functools.lru_cache(maxsize=32)
def compose(text: str) -> yaml.Node | None:
    """The node tree of one YAML document (None for an empty one), or UnreadableYaml.

    Kept for the same text: a process that builds again at each save (handouts serve) reads again only the
    files that changed. Nothing changes a node tree once it is composed."""
    try:
        loader = _Loader(text)
    except yaml.reader.ReaderError as error:
        # PyYAML checks every character before it parses anything.
        raise _unprintable(text, error) from None
    try:
        return loader.get_single_node()
    except yaml.MarkedYAMLError as error:
        raise _syntax_error(text, error, loader.last_token) from None
    except yaml.YAMLError as error:
        raise UnreadableYaml(f"YAML error: {error}.", None, None, SYNTAX_FIX) from None
    finally:
        loader.dispose()


class _Loader(yaml.SafeLoader):
    """PyYAML's safe composer, refusing anchors, aliases and nesting deeper than MAX_DEPTH as it meets them."""

    def __init__(self, text: str):
        super().__init__(text)
        self.depth = 0
        # The token read last, for placing an error caused by a quote that closed too late.
        self.last_token = None

    def get_token(self):
        self.last_token = super().get_token()
        return self.last_token

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, AliasEvent) or getattr(event, "anchor", None) is not None:
            # Refused before the alias is followed: the tree a few lines of aliases
            # stand for can be too big to walk, or to hold in memory.
            what = "alias *" if isinstance(event, AliasEvent) else "anchor &"
            raise UnreadableYaml(f"YAML {what}{event.anchor}: content files repeat nothing by reference.",
                                 *_place(event.start_mark),
                                 "Write the text out in full; anchors (&) and aliases (*) are not allowed.")
        if self.depth == MAX_DEPTH:
            raise UnreadableYaml(f"nested more than {MAX_DEPTH} levels deep.", *_place(event.start_mark),
                                 "No content is nested this deep: look for a '[' or '{' that is not closed, "
                                 "or lines indented by mistake.")
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def _place(mark: yaml.Mark | None) -> tuple[int | None, int | None]:
    return (mark.line + 1, mark.column + 1) if mark is not None else (None, None)


def _unprintable(text: str, error: yaml.reader.ReaderError) -> UnreadableYaml:
    position = error.position
    breaks = [match.end() for match in LINE_BREAK.finditer(text, 0, position)]
    line_start = breaks[-1] if breaks else 0
    character = chr(error.character) if isinstance(error.character, int) else str(error.character)
    return UnreadableYaml(f"{describe_character(character)} is not allowed in a YAML file: an editor does not "
                          "show it, and it has no place in printed text.",
                          len(breaks) + 1, position - line_start + 1,
                          "Remove it (retype the text around it if unsure).")


def _syntax_error(text: str, error: yaml.MarkedYAMLError, last_token) -> UnreadableYaml:
    """A syntax error placed where the mistake most likely is: where a bracket or quote opened, when it
    did not close, and otherwise where parsing stopped."""
    stopped = error.problem_mark or error.context_mark
    stopped_at = f"line {stopped.line + 1}, column {stopped.column + 1}" if stopped else "the end"
    problem = error.problem or error.context or "not valid YAML"
    opened = error.context_mark
    opener = text[opened.index] if opened is not None and opened.index < len(text) else ""
    if error.context in ("while parsing a flow sequence", "while parsing a flow mapping") and opener in CLOSERS:
        return UnreadableYaml(
            f"YAML syntax error: the '{opener}' opened here is not closed (parsing stopped at {stopped_at}: "
            f"{problem}).", *_place(opened),
            f"Close it with '{CLOSERS[opener]}', or put the text in quotes if it starts with '{opener}'.")
    if error.context == "while scanning a quoted scalar" and opener in ("'", '"'):
        return UnreadableYaml(
            f"YAML syntax error: the quote ({opener}) opened here is never closed (parsing stopped at "
            f"{stopped_at}: {problem}).", *_place(opened), f"Close it with {opener} where the text ends.")
    if (isinstance(error, yaml.parser.ParserError) and isinstance(last_token, ScalarToken)
            and last_token.style in ("'", '"') and error.problem_mark is not None
            and last_token.start_mark.line < last_token.end_mark.line == error.problem_mark.line):
        # A quote left open runs on to the next quote in the file, lines later,
        # and parsing stops just after it: the mistake is where the quote opened.
        quote = last_token.style
        return UnreadableYaml(
            f"YAML syntax error: the quote ({quote}) opened here is not closed on its line: it runs on to line "
            f"{last_token.end_mark.line + 1}, where parsing stopped at column {stopped.column + 1} ({problem}).",
            *_place(last_token.start_mark), f"Close it with {quote} where the text ends.")
    if isinstance(error, yaml.composer.ComposerError) and error.problem == "but found another document":
        return UnreadableYaml("YAML syntax error: a second document starts here; a content file holds one.",
                              *_place(stopped), "Remove the '---' line, or move what follows it to its own file.")
    plain, fix = _in_plain_words(problem)
    message = f"YAML syntax error: {plain} (the YAML reader says: {problem}"
    if error.problem and error.context and opened is not None and opened.line != stopped.line:
        message += f", {error.context}, which began at line {opened.line + 1}, column {opened.column + 1}"
    return UnreadableYaml(message + ").", *_place(stopped), fix)


# What the YAML reader's words mean for a person editing the file, and what to do.
_PLAIN_WORDS = (
    ("mapping values are not allowed here",
     "a colon (:) where YAML takes none: a text with \": \" in it, or a key on the same line as another",
     "Put the text in quotes ('...'), or give the key a line of its own."),
    ("expected <block end>",
     "this line is indented differently from the lines it belongs with",
     "Indent it as the keys beside it are indented (with spaces)."),
    ("could not find expected ':'",
     "a line that is neither \"key: value\" nor a continuation of the text above it",
     "Add the missing colon, or indent the line under its key."),
    ("found character '\\t' that cannot start any token",
     "a tab, where YAML takes spaces",
     "Indent with spaces: YAML does not allow tabs there."),
    ("did not find expected key",
     "a line indented as a key, that is not one",
     "Check the indentation, and that each key ends with a colon."),
    ("did not find expected '-' indicator",
     "a list whose items are not all indented alike",
     "Start every item of the list with '- ' at the same indentation."),
    ("found unknown escape character",
     "a backslash (\\) in a text in double quotes, where YAML reads it as the start of an escape",
     "Write the text in single quotes ('...'), or write the backslash twice."),
    ("found unexpected end of stream",
     "the file ends in the middle of something: a quote or a bracket left open",
     "Close the quote or bracket where the text ends."),
)


def _in_plain_words(problem: str) -> tuple[str, str]:
    for words, plain, fix in _PLAIN_WORDS:
        if words in problem:
            return plain, fix
    return "the file does not read as YAML here", SYNTAX_FIX
