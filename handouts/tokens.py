"""Find the data inside text: speed-dial codes, phone numbers, web and e-mail addresses, placeholders, markup."""

from __future__ import annotations

import re

# Data that is the same in every language and must never be translated or
# reordered: web and e-mail addresses, speed-dial codes, phone numbers, dates
# written as numbers.
VERBATIM_DATA = re.compile(
    r"https?://[^\s)\]]+[^\s)\].,;:]"
    r"|(?<![\w-])\d{4}-\d{2}-\d{2}(?![\w-])"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+"
    r"|(?<![\w#])(?:\d{3,4}#|#\d{3,4})(?![\w#])"
    r"|(?<![\w-])(?:1-)?\d{3}-\d{3}-\d{4}(?![\w-])"
)

# What the tool fills in: {date}, {organization}...
PLACEHOLDER = re.compile(r"\{[a-z_]+\}")

# Text is printed as written; anything that looks like an HTML tag is refused
# rather than passed to the renderer or printed as stray angle brackets.
MARKUP = re.compile(r"<\s*[A-Za-z/!?]")


def verbatim_data(text: str) -> list[str]:
    return VERBATIM_DATA.findall(text)


def placeholders(text: str) -> list[str]:
    return sorted(PLACEHOLDER.findall(text))


def has_markup(text: str) -> bool:
    return MARKUP.search(text) is not None
