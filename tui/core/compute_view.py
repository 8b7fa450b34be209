"""How the compute lens reads: its numbers as short strings, and bars drawn in text.

Shared by the CLI, the exports and the dashboard's compute screen, so a figure reads
the same everywhere. No Textual here: bars are plain strings of block characters,
which a Rich table, a Textual widget and a Markdown code block all show alike.
"""

from __future__ import annotations

import math

from tui.core.model import Precision

APPROXIMATE_MARK = "~"
UNCERTAIN_MARK = "†"
EIGHTHS = " ▏▎▍▌▋▊▉"
FULL = "█"
BAND = "▒"
DAYS_LOW = 1.0
DAYS_HIGH = 1000.0
"""The log scale of the days bars: 1 day to 1,000 (the story spans about 2 to 200+)."""

PRECISION_WORD = {Precision.BF16: "BF16", Precision.FP8: "FP8"}


NO_RUN = ("No training run in this story gives a model's parameters and tokens, so there "
          "is no compute to set against its fleets and no days to show.")
"""What the compute lens says, instead of days, for a story without an applicable run."""


def pflops(flops: float | None) -> str:
    """A fleet's FLOP/s as PFLOPS (``?`` when unknown)."""
    return "?" if flops is None else f"{flops / 1e15:,.0f}"


def flop(value: float) -> str:
    """``3.2856e24``: five significant digits, enough to compare with a paper's figure."""
    mantissa, exponent = f"{value:.4e}".split("e")
    return f"{mantissa}e{int(exponent)}"


def percent(fraction: float) -> str:
    """``34.6%``."""
    return f"{fraction * 100:.1f}%"


def setting(fraction: float) -> str:
    """A chosen utilisation: ``35%``, ``37.5%`` (no trailing zeros)."""
    return f"{fraction * 100:.4g}%"


def percent_range(low: float, high: float) -> str:
    """``38–43%`` or ``19.7%`` (from percents as the seed gives them)."""
    def show(value: float) -> str:
        return f"{value:g}"

    return f"{show(low)}%" if low == high else f"{show(low)}–{show(high)}%"


def marked(text: str, approximate: bool = False, uncertain: bool = False) -> str:
    """``~34.8†``: a leading ``~`` for approximate counts, a trailing ``†`` if unconfirmed."""
    return f"{APPROXIMATE_MARK if approximate else ''}{text}{UNCERTAIN_MARK if uncertain else ''}"


def days(value: float) -> str:
    """``2.2``, ``34.8``, ``1,204``."""
    return f"{value:,.0f}" if value >= 1000 else f"{value:,.1f}"


def precision_word(precision: Precision | str) -> str:
    """``BF16``, ``FP8``, ``BF16+FP8`` (a mixed fleet)."""
    if precision == "mixed":
        return "FP8+BF16"
    return PRECISION_WORD[Precision(precision)]


def peak_word(precision: str, fell_back: bool, short: bool = False) -> str:
    """The peak a fleet was counted at: ``FP8``, ``BF16 (no FP8)``; ``BF16*`` when short."""
    word = precision_word(precision)
    if not fell_back:
        return word
    if short:
        return ("mixed" if precision == "mixed" else word) + "*"
    return word + (" (no FP8)" if precision == "bf16" else " (some lack FP8)")


def _fill(cells: float, width: int) -> str:
    """A bar ``cells`` long (in eighths), padded with spaces to ``width``."""
    cells = max(0.0, min(float(width), cells))
    whole = int(cells)
    eighth = round((cells - whole) * 8)
    if eighth == 8:
        whole, eighth = whole + 1, 0
    bar = FULL * whole + (EIGHTHS[eighth] if eighth and whole < width else "")
    return bar.ljust(width)


def log_position(value: float, width: int, low: float = DAYS_LOW,
                 high: float = DAYS_HIGH) -> float:
    """Where ``value`` falls on a log scale from ``low`` to ``high`` ``width`` cells wide."""
    if value <= low:
        return 0.0
    share = math.log10(value / low) / math.log10(high / low)
    return max(0.0, min(1.0, share)) * width


def days_bar(value: float, width: int) -> str:
    """A horizontal bar for ``value`` days on the 1–1,000-day log scale; ``▶`` past the end."""
    if width <= 0:
        return ""
    if value > DAYS_HIGH:
        return FULL * (width - 1) + "▶"
    return _fill(max(log_position(value, width), 0.5), width)


def days_axis(width: int) -> str:
    """The scale of the days bars: ``1d``, ``10d``, ``100d`` and ``1k`` at their places."""
    ticks = [(1.0, "1d"), (10.0, "10d"), (100.0, "100d"), (1000.0, "1k")]
    line = [" "] * width
    for value, label in ticks:
        at = round(log_position(value, width))
        start = max(0, min(width - len(label), at))
        if any(ch != " " for ch in line[max(0, start - 1):start + len(label)]):
            continue
        line[start:start + len(label)] = label
    return "".join(line)


def share_bar(fraction: float, width: int, top: float) -> str:
    """A bar for a share of peak on a linear scale from 0 to ``top``."""
    return _fill(fraction / top * width, width)


def band_bar(low: float, high: float, width: int, top: float) -> str:
    """A reference band from ``low`` to ``high`` (shares of peak), at least one cell wide."""
    start = int(min(width - 1, low / top * width))
    end = max(start + 1, round(min(1.0, high / top) * width))
    return (" " * start + BAND * (end - start)).ljust(width)[:width]


def share_axis(width: int, top: float) -> str:
    """``0%`` … ``50%`` under the share bars, one label per tenth of ``top`` that fits."""
    line = [" "] * width
    step = 0.1 if top <= 0.5 else 0.2
    mark = 0.0
    while mark <= top + 1e-9:
        label = f"{mark * 100:.0f}%"
        at = round(mark / top * width)
        start = max(0, min(width - len(label), at))
        if all(ch == " " for ch in line[max(0, start - 1):start + len(label)]):
            line[start:start + len(label)] = label
        mark += step
    return "".join(line)


def share_top(*fractions: float) -> float:
    """The end of the share scale: 50% unless something goes past it, then 100%."""
    return 0.5 if max(fractions, default=0.0) <= 0.5 else 1.0
