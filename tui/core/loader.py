"""Loading one story file, collecting every problem instead of stopping, and the
story files a seed path stands for.

A seed path is a story file (``.toml`` or ``.json``) or a folder of them. A broken file
gives its problems and blocks no other (``tui.core.seeds`` loads every file of the
seed paths, ``tui.core.library`` the app's archive). Nothing here raises for bad input.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

from tui.core import cache
from tui.core.corpus import Corpus
from tui.core.files import SCHEMA_SUFFIX, SEED_SUFFIXES, parse_document, read_bytes
from tui.core.kinds import ENTITY_LISTS
from tui.core.model import StoryData
from tui.core.problems import Problem


def story_files(path: Path) -> list[Path] | Problem:
    """The story files a seed path stands for."""
    if path.is_dir():
        # Names from one scandir, sorted as the paths would sort: a folder of 1,000
        # stories took 7.7 ms with a Path and a stat for each, 2.7 ms so (CPU, best of
        # 7, 2026-12-04), before its first story.
        try:
            with os.scandir(path) as entries:
                names = [entry.name for entry in entries
                         if os.path.splitext(entry.name)[1].lower() in SEED_SUFFIXES
                         and not entry.name.lower().endswith(SCHEMA_SUFFIX)  # `new` writes it
                         and entry.is_file()]
        except OSError as error:  # unreadable folder: a problem, like any bad input
            return Problem(path, f"cannot read the folder: {error.strerror or error}")
        if not names:
            return Problem(path, "folder holds no story files (*.toml, *.json)")
        return [path / name for name in sorted(names, key=os.path.normcase)]
    if path.is_file():
        return [path]
    if path.exists():
        return Problem(path, "not a file or folder")
    return Problem(path, "no such file or folder")


Progress = Callable[[str], None]


def quiet(message: str) -> None:
    """The default progress report: none."""


def load_file(
    path: Path, *, use_cache: bool = True, progress: Progress = quiet
) -> Corpus | list[Problem]:
    """One story file, as a corpus or the problems that stop it.

    A file whose exact bytes were checked before comes from the cache, without
    parsing TOML or importing pydantic; anything else is parsed, checked and cached.
    """
    story = load_story(path, use_cache=use_cache, progress=progress)
    return story if isinstance(story, list) else Corpus.build(story)


def load_story(
    path: Path, *, use_cache: bool = True, progress: Progress = quiet
) -> StoryData | list[Problem]:
    """One story file's records (``load_file`` without the index), or its problems."""
    size = f"{path.stat().st_size / 1e6:,.1f} MB" if path.exists() else ""
    progress(f"reading {path.name} {size}".rstrip())
    raw = read_bytes(path)
    if isinstance(raw, Problem):
        return [raw]
    key = cache.key_of(raw)
    cached = cache.get(key) if use_cache else None
    if cached is not None:
        progress(f"indexing {_items(cached):,} items from {path.name}")
        return cached
    progress(f"parsing {path.name} {size} (first time; later launches use the cache)")
    document = parse_document(path, raw)
    if isinstance(document, Problem):
        return [document]
    from tui.core.checks import check_document  # pydantic: only for files not yet checked
    from tui.core.schema import to_model

    progress(f"checking {path.name}")
    checked = check_document(document)
    if isinstance(checked, list):
        return checked
    story = to_model(checked)
    progress(f"indexing {_items(story):,} items from {path.name}")
    if use_cache:
        cache.put(key, story)
    return story


def _items(story: StoryData) -> int:
    return sum(len(getattr(story, name)) for name in ENTITY_LISTS)


QUICK_LIMIT_BYTES = 512 * 1024
"""Seeds up to this size may be read from the cache before the first frame."""
