"""Turn a kit file's text into the same text with a language added or removed, every other line as it was:
the edits `i18n add`, `i18n remove` and `new --languages` make."""

from __future__ import annotations

import json

import yaml

from ..errors import ContentError, Problem
from ..languages import LanguageDescription


def _languages_node(text: str, where: str) -> yaml.SequenceNode:
    root = yaml.compose(text, Loader=yaml.SafeLoader)
    node = next(value for key, value in root.value if key.value == "languages")
    if not isinstance(node, yaml.SequenceNode) or node.flow_style or not node.value:
        raise ContentError(Problem("the languages list is not written one language per line.", file=where,
                                   line=node.start_mark.line + 1, key="languages",
                                   fix="Write it as lines starting with '- ', then try again."))
    return node


def _last_line(item: yaml.Node, lines: list[str]) -> int:
    """The last line an item of the list takes: not the comments and blank lines after it."""
    # A value that ends where a line's text starts (a mapping ends at the next item's "- ") ended on the
    # line before.
    end = item.end_mark
    starts_a_line = end.line < len(lines) and lines[end.line][:end.column].strip() in ("", "-")
    end_line = end.line - (1 if starts_a_line and end.line > item.start_mark.line else 0)
    while end_line > item.start_mark.line and lines[end_line].strip()[:1] in ("", "#"):
        end_line -= 1
    return end_line


def with_language(text: str, description: LanguageDescription, where: str) -> str:
    """The kit file with the language added at the end of its `languages:` list, every other line as it was."""
    node = _languages_node(text, where)
    first = node.value[0]
    indent = " " * (first.start_mark.column - 2)
    fields = {name: getattr(description, name) for name in
              ("english_name", "own_name", "script", "direction", "source") if getattr(description, name)}
    if fields:
        inner = indent + "  "
        entry = f"{indent}- code: {description.code}\n" + "".join(
            f"{inner}{name}: {json.dumps(value, ensure_ascii=False)}\n" for name, value in fields.items())
    else:
        entry = f"{indent}- {description.code}\n"
    lines = text.splitlines(keepends=True)
    end_line = _last_line(node.value[-1], lines)
    if not lines[end_line].endswith("\n"):
        lines[end_line] += "\n"
    lines.insert(end_line + 1, entry)
    return "".join(lines)


def without_language(text: str, code: str, where: str) -> str:
    """The kit file without the language's item in its `languages:` list (a comment just above it goes too),
    every other line as it was."""
    node = _languages_node(text, where)
    lines = text.splitlines(keepends=True)
    for item in node.value:
        item_code = (item.value if isinstance(item, yaml.ScalarNode)
                     else next((value.value for key, value in item.value if key.value == "code"), None))
        if item_code != code:
            continue
        start, end = item.start_mark.line, _last_line(item, lines)
        while start > 0 and lines[start - 1].strip().startswith("#"):
            start -= 1
        return "".join(lines[:start] + lines[end + 1:])
    raise ContentError(Problem(f"the kit has no language {code!r}.", file=where, key="languages",
                               fix="Name one of the languages under languages: in handouts.yml."))
