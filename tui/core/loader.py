"""Loading stories from seed paths, collecting every problem instead of stopping.

A seed path is a story file (``.toml`` or ``.json``) or a folder of them. Good stories
load even when others in the same folder are broken; each broken file contributes its
problems. Nothing here raises for bad input.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NamedTuple

from tui.core import cache
from tui.core.corpus import Corpus
from tui.core.files import SCHEMA_SUFFIX, SEED_SUFFIXES, parse_document, read_bytes
from tui.core.kinds import ENTITY_LISTS
from tui.core.model import StoryData
from tui.core.problems import Problem


class LoadResult(NamedTuple):
    """The stories that loaded, in path order, and every problem found."""

    stories: tuple[Corpus, ...]
    problems: tuple[Problem, ...]
    files: tuple[Path, ...]
    story_files: tuple[Path, ...] = ()
    """The file each story came from, in the order of ``stories``."""

    @property
    def bad_files(self) -> tuple[Path, ...]:
        """Files with at least one problem, each once, in order."""
        return tuple(dict.fromkeys(problem.file for problem in self.problems))

    @property
    def ok(self) -> bool:
        return not self.problems


def story_files(path: Path) -> list[Path] | Problem:
    """The story files a seed path stands for."""
    if path.is_dir():
        # Names from one scandir, sorted as the paths would sort: a folder of 1,000
        # stories listed in 19 ms with a Path and a stat for each, before its first story.
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


def _quiet(message: str) -> None:
    """The default progress report: none."""


def load_file(
    path: Path, *, use_cache: bool = True, progress: Progress = _quiet
) -> Corpus | list[Problem]:
    """One story file, as a corpus or the problems that stop it.

    A file whose exact bytes were checked before comes from the cache, without
    parsing TOML or importing pydantic; anything else is parsed, checked and cached.
    """
    story = load_story(path, use_cache=use_cache, progress=progress)
    return story if isinstance(story, list) else Corpus.build(story)


def load_story(
    path: Path, *, use_cache: bool = True, progress: Progress = _quiet
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


def load(
    paths: Iterable[Path], *, use_cache: bool = True, progress: Progress = _quiet
) -> LoadResult:
    """Every story under ``paths``; a story id seen twice keeps the first.

    Many files not yet in the cache are checked in a pool of processes
    (``tui.core.pool``); the stories and problems come back in path order all the same.
    """
    from tui.core.pool import load_many

    entries: list[Path | Problem] = []
    for path in paths:
        found = story_files(path)
        entries += [found] if isinstance(found, Problem) else found
    files = [entry for entry in entries if isinstance(entry, Path)]
    outcomes = load_many(files, use_cache=use_cache, progress=progress)
    stories: list[Corpus] = []
    problems: list[Problem] = []
    seen: dict[str, Path] = {}
    origins: list[Path] = []
    for entry in entries:
        if isinstance(entry, Problem):
            problems.append(entry)
            continue
        file, result = next(outcomes)
        if isinstance(result, list):
            problems.extend(result)
        elif result.story.id in seen:
            problems.append(
                Problem(
                    file,
                    f"story id '{result.story.id}' is already used by {seen[result.story.id]}",
                    item="story.id",
                )
            )
        else:
            seen[result.story.id] = file
            stories.append(result)
            origins.append(file)
    return LoadResult(tuple(stories), tuple(problems), tuple(files), tuple(origins))


QUICK_LIMIT_BYTES = 512 * 1024
"""Seeds up to this size may be read from the cache before the first frame."""


def load_cached(paths: Iterable[Path], limit: int = QUICK_LIMIT_BYTES) -> LoadResult | None:
    """Every story under ``paths`` if all of it is small and already in the cache.

    This costs a few milliseconds for the bundled story, so the app can show it in its
    very first frame; ``None`` (anything missing, large, or not cached) means: load in
    a worker with ``load``.
    """
    files: list[Path] = []
    for path in paths:
        found = story_files(path)
        if isinstance(found, Problem):
            return None
        files += found
    try:  # too large for the first frame: say so before reading megabytes
        if sum(file.stat().st_size for file in files) > limit:
            return None
    except OSError:
        return None
    stories = []
    for file in files:  # one story per file: the files are the stories' origins
        raw = read_bytes(file)
        story = None if isinstance(raw, Problem) else cache.get(cache.key_of(raw))
        if story is None:
            return None
        stories.append(Corpus.build(story))
    if len({corpus.story.id for corpus in stories}) != len(stories):
        return None  # duplicate ids: let the full load report them
    return LoadResult(tuple(stories), (), tuple(files), tuple(files))
