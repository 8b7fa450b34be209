"""Paths and small helpers shared by the core tests (no fixtures: see conftest.py)."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"
SEEDS = ROOT / "seeds"
SEED = SEEDS / "deepseek-r1.toml"
MINIMAL = DATA / "good" / "minimal.toml"
BOM_CRLF = DATA / "good" / "bom-crlf.toml"
BROKEN = DATA / "broken"
MIXED = DATA / "mixed"
SECOND_STORY = DATA / "second-story"

ANSI = re.compile(r"\x1b|\x9b|\x9d")


def line_containing(path: Path, needle: str, nth: int | None = None) -> int:
    """The 1-based number of the line of ``path`` that contains ``needle``.

    With ``nth`` (1-based), the nth such line; without it, the line must be the only one.
    """
    lines = path.read_bytes().decode("utf-8-sig", errors="replace").splitlines()
    found = [number for number, line in enumerate(lines, 1) if needle in line]
    if nth is None:
        assert len(found) == 1, f"{needle!r} found on lines {found} of {path.name}"
        return found[0]
    assert len(found) >= nth, f"{needle!r} found on lines {found} of {path.name}"
    return found[nth - 1]


def minimal_text() -> str:
    """The valid minimal story, as text, for tests that write variants of it."""
    return MINIMAL.read_text(encoding="utf-8")
