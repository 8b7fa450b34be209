"""The generated corpora the benchmarks use, made on first use under bench/corpora/."""

from __future__ import annotations

from pathlib import Path

from bench.generate import story_toml

FOLDER = Path(__file__).resolve().parent / "corpora"


def corpus_path(size: int) -> Path:
    """A story with ``size`` claims and ``size`` reactions (generated once)."""
    path = FOLDER / f"story-{size // 1000}k.toml"
    if not path.exists():
        FOLDER.mkdir(parents=True, exist_ok=True)
        path.write_text(story_toml(size, size), encoding="utf-8")
    return path
