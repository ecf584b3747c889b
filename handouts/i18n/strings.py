"""Turn Content into the ordered list of its translatable strings, each with its key and origin."""

from __future__ import annotations

import dataclasses

from ..kit.model import Content, Text


def translatable_strings(content: Content) -> list[Text]:
    """Every Text in the content, once each, in the order a reader meets them in the files."""
    found: dict[str, Text] = {}

    def visit(value: object) -> None:
        if isinstance(value, Text):
            found.setdefault(value.key + "\0" + value.origin.file, value)
        elif dataclasses.is_dataclass(value) and not isinstance(value, type):
            for field in dataclasses.fields(value):
                visit(getattr(value, field.name))
        elif isinstance(value, dict):
            for item in value.values():
                visit(item)
        elif isinstance(value, (list, tuple)):
            for item in value:
                visit(item)

    visit(content)
    return sorted(found.values(), key=lambda text: (text.origin.file, text.origin.line, text.origin.column))
