"""The generated corpora the benchmarks use, made on first use under bench/corpora/."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from bench.generate import replicated_toml, sized_for, story_toml

FOLDER = Path(__file__).resolve().parent / "corpora"


def _made(name: str, make: Callable[[], str]) -> Path:
    path = FOLDER / name
    if not path.exists():
        FOLDER.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(".partial")
        partial.write_text(make(), encoding="utf-8")
        partial.replace(path)  # never a half-written corpus under the final name
    return path


def corpus_path(size: int) -> Path:
    """A story with ``size`` claims and ``size`` reactions (generated once)."""
    return _made(f"story-{size // 1000}k.toml", lambda: story_toml(size, size))


def corpus_of_items(items: int) -> Path:
    """A generated story of exactly ``items`` items, as the dashboard counts them."""
    return _made(f"story-{items}-items.toml", lambda: story_toml(*sized_for(items)))


def replicated_path(copies: int) -> Path:
    """The bundled story with its claims and reactions ``copies`` times over."""
    return _made(f"seed-x{copies}.toml", lambda: replicated_toml(copies))
