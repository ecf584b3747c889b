"""Turn a message's text into what it costs to send by SMS: the encoding a phone must use, and how many
segments (messages billed) it takes (3GPP TS 23.038 and 23.040)."""

from __future__ import annotations

from dataclasses import dataclass

# The GSM 7-bit default alphabet, and its extension table (each of those characters takes two septets).
GSM_7_BASIC = frozenset(
    "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
    "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà")
GSM_7_EXTENSION = frozenset("\f^{}\\[~]|€")

# What one SMS holds, and what each part of a longer one holds (the rest carries the parts' header).
SINGLE = {"GSM-7": 160, "UCS-2": 70}
PART = {"GSM-7": 153, "UCS-2": 67}


@dataclass(frozen=True)
class SmsCost:
    encoding: str  # "GSM-7" or "UCS-2"
    units: int  # septets (GSM-7) or UTF-16 code units (UCS-2)
    segments: int

    def __str__(self) -> str:
        return f"{self.segments} SMS ({self.encoding})"


def sms_cost(text: str) -> SmsCost:
    """What `text` costs as an SMS: GSM-7 when every character is in its alphabet, else UCS-2 (UTF-16)."""
    if all(character in GSM_7_BASIC or character in GSM_7_EXTENSION for character in text):
        encoding = "GSM-7"
        units = sum(2 if character in GSM_7_EXTENSION else 1 for character in text)
    else:
        encoding = "UCS-2"
        units = len(text.encode("utf-16-le")) // 2
    segments = 1 if units <= SINGLE[encoding] else -(-units // PART[encoding])
    return SmsCost(encoding, units, segments)
