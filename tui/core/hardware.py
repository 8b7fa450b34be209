"""Arithmetic on GPU figures: values, ratios against a baseline, and sort order.

Peak datasheet figures, not real-world speed-ups. A figure that is ``unsupported`` or
unknown has no ratio and sorts after every number.
"""

from __future__ import annotations

from collections.abc import Sequence

from tui.core.schema import FIGURE_FIELDS, UNSUPPORTED, Gpu


def value(gpu: Gpu, field: str) -> float | None:
    """The number in ``field``, or ``None`` when unsupported or unknown."""
    if field not in FIGURE_FIELDS:
        raise KeyError(field)
    raw = getattr(gpu, field)
    if raw is None or raw == UNSUPPORTED:
        return None
    return float(raw)


def ratio(gpu: Gpu, baseline: Gpu, field: str) -> float | None:
    """``gpu``'s figure over ``baseline``'s, or ``None`` when either is missing or 0."""
    top, bottom = value(gpu, field), value(baseline, field)
    if top is None or bottom is None or bottom == 0:
        return None
    return top / bottom


def sort_gpus(gpus: Sequence[Gpu], field: str | None, reverse: bool = False) -> list[Gpu]:
    """GPUs ordered by ``field`` (name when ``None``); missing figures always last."""
    if field is None:
        return sorted(gpus, key=lambda g: g.name.casefold(), reverse=reverse)
    known = [g for g in gpus if value(g, field) is not None]
    missing = [g for g in gpus if value(g, field) is None]
    known.sort(key=lambda g: value(g, field) or 0.0, reverse=reverse)
    return known + missing
