"""Turning model values into short display strings: figures, dates, counts.

Shared by the CLI summary and the dashboard, so a figure reads the same everywhere.
"""

from __future__ import annotations

from tui.core.schema import UNSUPPORTED, DatePrecision, When

DASH = "—"
UNCERTAIN_MARK = "†"


def figure(value: float | str | None, uncertain: bool = False) -> str:
    """``312``, ``989.4``, ``2,039``; ``—`` for unsupported; ``?`` for unknown; ``†`` if unsure."""
    if value is None:
        text = "?"
    elif value == UNSUPPORTED:
        text = DASH
    else:
        number = float(value)
        text = f"{number:,.0f}" if number.is_integer() else f"{number:,.1f}"
    return f"{text}{UNCERTAIN_MARK}" if uncertain and value is not None else text


def count(value: int, approximate: bool = False) -> str:
    return f"~{value:,}" if approximate else f"{value:,}"


def when(value: When | None, with_time: bool = True) -> str:
    """A date at the precision it is known, e.g. ``2025-01-27 05:48 UTC``, ``c. 2025-01-27``."""
    if value is None:
        return "date unknown"
    date = value.date
    match value.precision:
        case DatePrecision.YEAR:
            text = f"{date:%Y}"
        case DatePrecision.MONTH:
            text = f"{date:%b %Y}"
        case DatePrecision.APPROXIMATE:
            text = f"c. {date.isoformat()}"
        case _:
            text = date.isoformat()
    if value.end is not None and value.end != date:
        text += f"–{value.end.isoformat()}"
    if with_time and value.time_utc is not None:
        text += f" {value.time_utc:%H:%M} UTC"
    return text
