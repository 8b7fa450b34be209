"""The stories of one launch as they load: the first at once, the rest in the background.

A launch on a folder of hundreds of stories opens its first story (``--story ID``, else
the most recent) as fast as a launch on that story alone: only that one is read
before the dashboard opens (``load_first``, or ``quick_first`` from the cache before
the first frame). The others follow in the background (``load_rest``, newest first,
in a pool of processes when many are not yet cached), handed over in batches; each
broken file keeps its located problems, for the picker, and blocks nothing.

State changes (``add``) happen on one thread, the app's; ``load_rest`` only reads the
plan and yields. ``cancel`` stops the background load from any thread (the app quits).
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import NamedTuple

from tui.core import archive
from tui.core.archive import Head, Plan
from tui.core.corpus import Corpus
from tui.core.loader import QUICK_LIMIT_BYTES, load_file
from tui.core.pool import Loading, Outcome, load_many
from tui.core.problems import Problem, story_id_taken

QUICK_SCAN_FILES = 8
"""How many story files the index does not know a launch may scan before its first
frame (0.14 ms each): a few stories, such as the bundled ones on a first launch, open
from the cache at once; an archive that changed waits for the load worker."""

BATCH_SECONDS = 0.1
"""How often the background load hands its stories over: each hand-over waits for the
app's thread, and the count on screen moves ten times a second."""


class Entry(NamedTuple):
    """One story file as the picker lists it: what is known of it, its story once
    loaded, and its problems (a broken file, or a story id already taken)."""

    head: Head
    corpus: Corpus | None
    problems: tuple[Problem, ...]


class Library:
    """The stories under the seed paths, loaded the first one first."""

    def __init__(self, seeds: Sequence[Path], story_id: str | None = None,
                 *, use_cache: bool = True) -> None:
        self.seeds = list(seeds)
        self.story_id = story_id
        self.use_cache = use_cache
        self.plan: Plan | None = None
        self.stories: dict[str, Corpus] = {}
        """Loaded stories by id, in the order they loaded."""
        self.file_of: dict[str, Path] = {}
        self.problems: dict[Path, list[Problem]] = {}
        self.done: set[Path] = set()
        self.loading = Loading()
        self.complete = False
        self.stopped = False
        """``cancel`` was called: the app is quitting."""
        self._listed: archive.Listing | None = None

    # -- the first story

    def _listing(self) -> archive.Listing:
        """The seed paths' files, listed once for the quick look and the load worker."""
        if self._listed is None:
            self._listed = archive.listing(self.seeds)
        return self._listed

    def quick_first(self) -> Corpus | None:
        """The first story, if it is small and cached and the plan needs no scan: read
        on the app's thread before the first frame (a few milliseconds)."""
        plan = archive.plan(self._listing(), self.story_id, scan=QUICK_SCAN_FILES)
        if plan is None or plan.problems or not plan.files:
            return None
        first = plan.files[0]
        try:
            if first.stat().st_size > QUICK_LIMIT_BYTES:
                return None
        except OSError:
            return None
        from tui.core import cache
        from tui.core.files import read_bytes

        raw = read_bytes(first)
        story = None if isinstance(raw, Problem) else cache.get(cache.key_of(raw))
        if story is None:
            return None
        self.plan = plan
        corpus = Corpus.build(story)
        self.add(first, corpus)
        return corpus

    def load_first(self, progress: Callable[[str], None]) -> list[tuple[Path, Outcome]]:
        """Plan (scanning what the index does not know), then load files in order up
        to the first good story. Off the app's thread; hand the result to ``add``."""
        plan = archive.plan(self._listing(), self.story_id)
        assert plan is not None
        self.plan = plan
        results: list[tuple[Path, Outcome]] = []
        for file in plan.files:
            outcome = load_file(file, use_cache=self.use_cache, progress=progress)
            results.append((file, outcome))
            if isinstance(outcome, Corpus):
                break
        return results

    # -- the rest

    def load_rest(self) -> Iterator[list[tuple[Path, Outcome]]]:
        """The files not loaded yet, in batches (off the app's thread)."""
        plan = self.plan
        if plan is None:
            return
        rest = [file for file in plan.files if file not in self.done]
        batch: list[tuple[Path, Outcome]] = []
        handed = time.monotonic()
        for file, outcome in load_many(rest, use_cache=self.use_cache, loading=self.loading):
            if isinstance(outcome, Corpus):
                outcome.prepare_search()  # for the palette's search across stories
            batch.append((file, outcome))
            if time.monotonic() - handed >= BATCH_SECONDS:
                yield batch
                batch, handed = [], time.monotonic()
        if batch:
            yield batch

    def finish(self) -> None:
        """Everything is loaded: remember the heads for the next launch's plan."""
        self.complete = True
        plan = self.plan
        if plan is not None and len(plan.files) > 1 and self.use_cache:
            archive.write_index(archive.index_key(plan.files), self.heads())

    def cancel(self) -> None:
        self.stopped = True
        self.loading.cancel()

    # -- state (the app's thread)

    def add(self, file: Path, outcome: Outcome) -> Corpus | None:
        """Take one file's outcome; the story, if it is a new one."""
        self.done.add(file)
        if isinstance(outcome, list):
            self.problems.setdefault(file, []).extend(outcome)
            return None
        story_id = outcome.story.id
        if story_id in self.stories:
            self.problems.setdefault(file, []).append(
                story_id_taken(file, story_id, self.file_of[story_id]))
            return None
        self.stories[story_id] = outcome
        self.file_of[story_id] = file
        return outcome

    def reloaded(self, loaded: dict[Path, Corpus], problems: Sequence[Problem]) -> None:
        """A reload under ``--watch``: each file's new story; a file broken now keeps its
        last good story (on screen and usable), and the problems are the new ones."""
        for file, corpus in loaded.items():
            before = self.story_in(file)
            if before is not None and before.story.id != corpus.story.id:
                del self.stories[before.story.id], self.file_of[before.story.id]
            self.stories[corpus.story.id] = corpus
            self.file_of[corpus.story.id] = file
        self.problems = {}
        for problem in problems:
            self.problems.setdefault(problem.file, []).append(problem)

    def story_in(self, file: Path) -> Corpus | None:
        """The story loaded from ``file`` (its last good one), if any."""
        found = next((sid for sid, f in self.file_of.items() if f == file), None)
        return None if found is None else self.stories[found]

    @property
    def total(self) -> int:
        """Story files in the archive (known once planned)."""
        return len(self.plan.files) if self.plan is not None else 0

    def progress(self) -> str:
        """``12/200 stories`` while loading, ``200 stories`` once done; nothing for one."""
        total = self.total
        if total <= 1:
            return ""
        if self.complete or len(self.done) >= total:
            return f"{len(self.stories):,} stories" + (
                f", {len(self.problems)} broken" if self.problems else "")
        return f"{len(self.done):,}/{total:,} stories"

    def all_problems(self) -> list[Problem]:
        """Every problem: the seed paths', then each file's, in load order."""
        folder = list(self.plan.problems) if self.plan is not None else []
        return folder + [p for problems in self.problems.values() for p in problems]

    def heads(self) -> list[Head]:
        """What is known of each file: a loaded story's own head, else the plan's."""
        plan = self.plan
        if plan is None:
            return []
        loaded = {file: archive.head_of(file, corpus) for story_id, corpus in
                  self.stories.items() for file in (self.file_of[story_id],)}
        return [loaded.get(file) or plan.heads[file] for file in plan.files]

    def entries(self) -> list[Entry]:
        """Every story file, newest first (undated ones last), for the picker."""
        by_file = {file: self.stories[story_id] for story_id, file in self.file_of.items()}
        return [Entry(head, by_file.get(head.path), tuple(self.problems.get(head.path, ())))
                for head in archive.newest_first(self.heads())]
