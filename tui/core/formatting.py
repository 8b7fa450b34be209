"""Turning model values into short display strings: figures, dates, counts.

Shared by the CLI summary and the dashboard, so a figure reads the same everywhere.
"""

from __future__ import annotations

import datetime as dt
import unicodedata
from urllib.parse import urlsplit

from tui.core.model import UNSUPPORTED, DatePrecision, RunStage, When

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
        end = value.end
        if value.precision is DatePrecision.MONTH:
            text += f"–{end:%b %Y}"
        elif value.precision is DatePrecision.YEAR:
            text += f"–{end:%Y}"
        else:
            text += f"–{end.isoformat()}"
    if with_time and value.time_utc is not None:
        text += f" {value.time_utc:%H:%M} UTC"
    return text


def money(usd: float) -> str:
    """``$5.576M``, ``$294K``, ``$2.00``: short, with enough digits to compare."""
    if usd >= 1e9:
        return f"${usd / 1e9:,.3g}B" if usd < 1e10 else f"${usd / 1e9:,.1f}B"
    if usd >= 1e6:
        return f"${usd / 1e6:,.4g}M"
    if usd >= 1e3:
        return f"${usd / 1e3:,.4g}K"
    return f"${usd:,.2f}"


def hours(value: float) -> str:
    """``2.788M``, ``147K``, ``512``."""
    if value >= 1e6:
        return f"{value / 1e6:,.4g}M"
    if value >= 1e3:
        return f"{value / 1e3:,.4g}K"
    return f"{value:,.0f}"


def stage_hours(stage: RunStage) -> str:
    """``2.664M``, ``512 × 198 h = ≈101.4K``: a stage's GPU-hours, ≈ when approximate."""
    counted = ""
    if stage.gpu_count is not None and stage.wall_clock_hours is not None:
        counted = f"{stage.gpu_count:,} × {stage.wall_clock_hours:,.4g} h = "
    return f"{counted}{'≈' if stage.uncertain else ''}{hours(stage.gpu_hours)}"


def when_in_zones(value: When) -> str:
    """A timestamped date in UTC and US Pacific time, which can fall on different days.

    ``2025-01-27 05:48 UTC = Sun 2025-01-26 21:48 PT``; dates without a time are shown
    as ``when`` shows them.
    """
    if value.time_utc is None:
        return when(value)
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError  # only timestamps need it

    moment = dt.datetime.combine(value.date, value.time_utc, tzinfo=dt.UTC)
    try:
        pacific = moment.astimezone(ZoneInfo("America/Los_Angeles"))
    except ZoneInfoNotFoundError:  # pragma: no cover - tzdata is a dependency
        return when(value)
    zone = pacific.tzname() or "PT"
    text = f"{when(value)} = {pacific:%a %Y-%m-%d %H:%M} {zone}"
    if pacific.date() != value.date:
        text += " (a different day in US Pacific time)"
    return text


def price(usd: float) -> str:
    """``$2.00``, ``$4.916``: cents always, a third decimal only when the source has one."""
    text = f"{usd:,.3f}"
    return "$" + (text[:-1] if text.endswith("0") else text)


def price_range(low: float, high: float) -> str:
    return price(low) if low == high else f"{price(low)}–{price(high).lstrip('$')}"


ELLIPSIS = "…"


def cells(text: str) -> int:
    """How many terminal cells ``text`` takes (wide East Asian characters take two)."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def cut(text: str, room: int) -> str:
    """``text`` in at most ``room`` cells, ending in ``…`` if it had to be cut."""
    if cells(text) <= room:
        return text
    kept = ""
    for char in text:
        if cells(kept + char) > room - 1:
            break
        kept += char
    return kept + ELLIPSIS if room > 0 else ""


def link_label(url: str, room: int) -> str:
    """A URL as its host and as much of its path as fits in ``room`` cells.

    ``github.com/deepseek-ai/DeepSeek-R1/blob/main/README.md`` shortens to
    ``github.com/deepseek-ai/…/README.md``, then ``github.com/…/README.md``, then
    ``github.com/…``: the host always leads (``www.`` dropped) and the last part of the
    path, the one that names the page, goes last. It has no spaces, so a label that
    fits its line is never wrapped inside it. What it links to is always the full URL.
    """
    parts = urlsplit(url)
    host = (parts.hostname or "").removeprefix("www.")
    if not host:
        return cut(url, room)
    if parts.port is not None:
        host += f":{parts.port}"
    segments = [segment for segment in parts.path.split("/") if segment]
    query = f"?{parts.query}" if parts.query else ""
    path = "/".join(segments)
    candidates = [f"{host}/{path}{query}" if query or path else host]
    if segments and query:
        candidates.append(f"{host}/{path}")
    for front in range(len(segments) - 2, -1, -1):
        candidates.append("/".join([host, *segments[:front], ELLIPSIS, segments[-1]]))
    for candidate in candidates:
        if cells(candidate) <= room:
            return candidate
    if segments:
        lead = f"{host}/{ELLIPSIS}/" if len(segments) > 1 else f"{host}/"
        if room - cells(lead) >= 8:  # enough of the page's own name to tell it apart
            return lead + cut(segments[-1], room - cells(lead))
        if cells(host) + 2 <= room:
            return f"{host}/{ELLIPSIS}"
    return cut(host, room)
