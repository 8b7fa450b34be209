"""Every story under the seed paths at once, with every problem, in path order.

What ``validate``, ``summary`` and ``export`` read, and what a reload under ``--watch``
reads again. One file at a time is ``tui.core.loader``; many files not yet cached are
checked in a pool of processes (``tui.core.pool``). The app's own launch goes through
``tui.core.library`` instead, which opens the first story before the rest.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path
from typing import NamedTuple

from tui.core.corpus import Corpus
from tui.core.loader import Progress, quiet, story_files
from tui.core.pool import load_many
from tui.core.problems import Problem, story_id_taken


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


def load(
    paths: Iterable[Path], *, use_cache: bool = True, progress: Progress = quiet
) -> LoadResult:
    """Every story under ``paths``; a story id seen twice keeps the first.

    Many files not yet in the cache are checked in a pool of processes
    (``tui.core.pool``); the stories and problems come back in path order all the same.
    """
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
            problems.append(story_id_taken(file, result.story.id, seen[result.story.id]))
        else:
            seen[result.story.id] = file
            stories.append(result)
            origins.append(file)
    return LoadResult(tuple(stories), tuple(problems), tuple(files), tuple(origins))
