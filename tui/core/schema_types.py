"""The constrained value types of the seed schema: free text, ids, URLs, figures.

Kept apart from ``tui.core.schema`` so the models read as what a seed may say, and
these rules (cleaning, patterns, the figure's one message) live in one place.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BeforeValidator, Field, PlainValidator, StringConstraints, WithJsonSchema

from tui.core.model import UNSUPPORTED
from tui.core.text import clean_text


def _clean_if_text(value: object) -> object:
    return clean_text(value) if isinstance(value, str) else value


Text = Annotated[str, BeforeValidator(_clean_if_text)]
"""Free text: cleaned of escapes and control characters before any length check."""

Id = Annotated[
    str,
    StringConstraints(pattern=r"^[a-z0-9][a-z0-9_.-]{0,79}$"),
]
"""An identifier: lower-case letters, digits, ``_ . -``; at most 80 characters."""

Url = Annotated[
    str,
    BeforeValidator(_clean_if_text),
    StringConstraints(pattern=r"^(https?://|arxiv:)\S+$", max_length=2000),
]

def _figure(value: object) -> float | Literal["unsupported"]:
    """Accept a finite number ≥ 0 or the word ``unsupported``, with one clear message."""
    if value == UNSUPPORTED:
        return UNSUPPORTED
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValueError(f'expected a number ≥ 0 or "unsupported", got {_show(value)}')
    number = float(value)
    if number != number or number in (float("inf"), float("-inf")):
        raise ValueError("expected a finite number")
    if number < 0:
        raise ValueError(f"must be ≥ 0, got {value}")
    return number


def _show(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


Figure = Annotated[
    float | Literal["unsupported"],
    PlainValidator(_figure),
    WithJsonSchema(
        {"anyOf": [{"type": "number", "minimum": 0}, {"const": "unsupported"}]}
    ),
]
"""A datasheet figure: a number ≥ 0, or ``"unsupported"`` when the part lacks the feature."""


Positive = Annotated[float, Field(gt=0, allow_inf_nan=False)]
"""A finite number > 0."""
