"""Problems found in a seed (or theme, or user) file, and how they are shown.

A problem names the file, the line and column where they are known, the item path
inside the document (``claims[3].by``) and what is wrong. ``validate``, the app's
problems panel, its launch diagnostics and the tests all print problems through
``format_problem``, as ``file:line:column: item: message``: the form compilers print,
which editors and terminals turn into a jump to the place.
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import NamedTuple


class Problem(NamedTuple):
    """One thing wrong with one file."""

    file: Path
    message: str
    item: str = ""
    line: int | None = None
    column: int | None = None

    def __str__(self) -> str:
        return format_problem(self)


def story_id_taken(file: Path, story_id: str, first: Path) -> Problem:
    """A second file with a story id that ``first`` already has (the first one counts)."""
    return Problem(file, f"story id '{story_id}' is already used by {first}", item="story.id")


def format_problem(problem: Problem, root: Path | None = None) -> str:
    """``file:line:column: item: message``, with the parts that are known."""
    name = str(problem.file)
    if root is not None:
        with contextlib.suppress(ValueError):
            name = str(problem.file.relative_to(root))
    where = f"{name}:{problem.line}" if problem.line else name
    if problem.line and problem.column:
        where += f":{problem.column}"
    if problem.item:
        return f"{where}: {problem.item}: {problem.message}"
    return f"{where}: {problem.message}"


def item_path(loc: Sequence[str | int]) -> str:
    """``("claims", 3, "by")`` → ``claims[3].by``."""
    out = ""
    for part in loc:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """`` (did you mean 'x'?)`` for the closest choice, or an empty string."""
    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""
