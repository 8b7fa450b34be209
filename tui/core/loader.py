"""Loading stories from seed paths, collecting every problem instead of stopping.

A seed path is a story file (``.toml`` or ``.json``) or a folder of them. Good stories
load even when others in the same folder are broken; each broken file contributes its
problems. Nothing here raises for bad input.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from tui.core.checks import check_document
from tui.core.corpus import Corpus
from tui.core.files import SEED_SUFFIXES, read_document
from tui.core.problems import Problem


@dataclass(frozen=True, slots=True)
class LoadResult:
    """The stories that loaded, in path order, and every problem found."""

    stories: tuple[Corpus, ...]
    problems: tuple[Problem, ...]
    files: tuple[Path, ...]

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
        found = sorted(
            p for p in path.iterdir() if p.suffix.lower() in SEED_SUFFIXES and p.is_file()
        )
        if not found:
            return Problem(path, "folder holds no story files (*.toml, *.json)")
        return found
    if path.is_file():
        return [path]
    if path.exists():
        return Problem(path, "not a file or folder")
    return Problem(path, "no such file or folder")


def load_file(path: Path) -> Corpus | list[Problem]:
    """One story file, as a corpus or the problems that stop it."""
    document = read_document(path)
    if isinstance(document, Problem):
        return [document]
    checked = check_document(document)
    if isinstance(checked, list):
        return checked
    return Corpus.build(checked)


def load(paths: Iterable[Path]) -> LoadResult:
    """Every story under ``paths``; a story id seen twice keeps the first."""
    stories: list[Corpus] = []
    problems: list[Problem] = []
    files: list[Path] = []
    seen: dict[str, Path] = {}
    for path in paths:
        found = story_files(path)
        if isinstance(found, Problem):
            problems.append(found)
            continue
        for file in found:
            files.append(file)
            result = load_file(file)
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
    return LoadResult(tuple(stories), tuple(problems), tuple(files))
