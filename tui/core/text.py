"""Cleaning of every string that comes from a seed or user file.

Seed text is data, never instructions to the terminal. On load, every string loses:
ANSI/OSC/DCS escape sequences, C0 and C1 control characters (a newline and a tab are
kept in long text), bidi embedding/override/isolate controls, and invisible
zero-width characters that are not part of an emoji sequence. What is left is shown
literally (the UI never parses it as Rich markup).
"""

from __future__ import annotations

import functools
import re

# CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC (ESC P|X|^|_ ... ST),
# and two-character escapes (ESC + one char). Also the 8-bit CSI/OSC introducers.
_ESCAPES = (
    r"""
    \x1b\[[0-?]*[ -/]*[@-~]?            # CSI
  | \x1b\][^\x07\x1b]*(?:\x07|\x1b\\)?  # OSC, ended by BEL or ST (or cut off)
  | \x1b[PX^_][^\x1b]*(?:\x1b\\)?       # DCS, SOS, PM, APC
  | \x1b[ -/]*[0-~]?                    # nF/Fp/Fe/Fs escapes (ESC c, ESC 7, ESC ( B), lone ESC
  | \x9b[0-?]*[ -/]*[@-~]?              # 8-bit CSI
  | \x9d[^\x07\x9c]*(?:\x07|\x9c)?      # 8-bit OSC
    """
)

# C0 controls except \t and \n, DEL, C1 controls; bidi controls; zero-width space,
# word joiner, BOM and other invisible formatting characters. ZWJ (U+200D) stays:
# emoji sequences need it.
_INVISIBLE = (
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"
    "\u061c\u200b\u200c\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff\ufff9-\ufffb]"
)


@functools.cache
def _compiled(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """Compiled on first use: nearly every string is printable and never needs them, and
    compiling both at import was half a millisecond of start-up."""
    return re.compile(pattern, flags)


def clean_text(value: str) -> str:
    """Return ``value`` without escape sequences or control characters.

    ``\\r\\n`` and lone ``\\r`` become ``\\n``; tabs and newlines are kept.
    """
    if value.isprintable():
        return value
    value = value.replace("\r\n", "\n").replace("\r", "\n")
    value = value.replace("\u2028", "\n").replace("\u2029", "\n")
    value = _compiled(_ESCAPES, re.VERBOSE).sub("", value)
    return _compiled(_INVISIBLE).sub("", value)


def one_line(value: str) -> str:
    """Fold newlines and tabs to single spaces, for a table row or a title."""
    if value.isprintable():
        return value
    return " ".join(value.split())
