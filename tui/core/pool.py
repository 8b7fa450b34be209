"""Loading many story files at once: the ones not yet cached in a pool of processes.

A story not yet in the cache costs about 10 ms (rtoml, pydantic, the reference checks,
the cache entry), all of it holding the GIL, so threads cannot share it out.
``load_many`` hands those files to a pool of processes, one per core: each loads its
file as this process would (parsed, checked and cached), builds the story's search
text, and sends back the records and that text. This process only indexes them
(about 0.9 ms a story), so the app's own thread keeps most of the interpreter while an
archive loads. Cached files are read here meanwhile (by the key found when telling
them from the rest, so each is read and hashed once): from the cache a story costs
2.4 ms, and 4.7 ms in all through a pool (its process reads and pickles, this one
unpickles and indexes), which two cores do not win back. Results come back in the
order of the files.

- The answers travel pickled, as a process pool sends any result; nothing pickled is
  ever written to disk (the cache is JSON: ``tui.core.cache``).
- The processes run at a lower priority (nice 10): on a machine whose cores are busy
  with other work they take what is left over, and the app's thread comes first.
- At most ``IN_FLIGHT`` files per process are given out ahead of the one being taken,
  so answers never pile up in memory (all 1,000 at once held 280 MB more) and a
  cancelled load stops within a few files.
- A pool is started only for ``POOL_MIN_FILES`` files or more not yet cached (each
  process imports pydantic and the schema first, 0.3–0.4 s) and only on two cores or
  more. A pool that breaks (a process killed) leaves the remaining files to this
  thread.

Measured with ``bench/archive.py``: see ``docs/ARCHITECTURE.md``.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from tui.core import cache
from tui.core.corpus import Corpus
from tui.core.files import read_bytes
from tui.core.loader import load_file, load_story
from tui.core.model import StoryData
from tui.core.problems import Problem

Outcome = Corpus | list[Problem]
Answer = tuple[StoryData, dict[str, str]] | list[Problem]
"""What a pool process sends back: a story's records and search text, or its problems."""

POOL_MIN_FILES = 16
"""Fewer files than this load in this thread (a pool's start costs about as much as
loading 30 of them)."""
IN_FLIGHT = 4
"""Files given out per process ahead of the one being taken."""
NICENESS = 10


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def load_in_process(path: Path, use_cache: bool) -> Answer:
    """In a pool process: one file loaded (and cached) as this process would, and the
    search text of its story built; plain records and strings go back."""
    story = load_story(path, use_cache=use_cache)
    if isinstance(story, list):
        return story
    return story, Corpus.build(story).search_texts()


class Loading:
    """One ``load_many`` under way; ``cancel`` stops it between files (any thread)."""

    def __init__(self) -> None:
        self.cancelled = threading.Event()
        self._pool: ProcessPoolExecutor | None = None
        self._lock = threading.Lock()

    def cancel(self) -> None:
        self.cancelled.set()
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=False, cancel_futures=True)

    def start_pool(self, workers: int) -> ProcessPoolExecutor | None:
        import multiprocessing
        import sys

        with self._lock:
            if self.cancelled.is_set():
                return None
            # multiprocessing hands its helper process sys.stderr's descriptor, and a
            # TUI's stand-in for sys.stderr has none (-1: "bad value(s) in fds_to_keep").
            stand_in = sys.stderr
            sys.stderr = sys.__stderr__
            try:
                # Spawned, not forked: the app's threads (Textual's, the load worker's)
                # hold locks a forked copy would inherit held.
                self._pool = ProcessPoolExecutor(workers, multiprocessing.get_context("spawn"),
                                                 initializer=_background_process)
            except (OSError, ValueError):
                return None
            finally:
                sys.stderr = stand_in
            return self._pool


def _background_process() -> None:
    """A pool process writes nothing to the terminal the app is drawing on, and yields
    the cores to the app and to anything else that wants them."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)
    if hasattr(os, "nice"):
        os.nice(NICENESS)


def load_many(
    files: Sequence[Path],
    *,
    use_cache: bool = True,
    loading: Loading | None = None,
    pool: bool = True,
    progress: Callable[[str], None] | None = None,
) -> Iterator[tuple[Path, Outcome]]:
    """Each file's story or problems, in the order of ``files``; stops once cancelled."""
    loading = loading or Loading()
    workers = cores()
    cold: list[int] = []
    cached: dict[int, str] = {}  # cache keys of the files found cached: read and hashed once
    if pool and workers >= 2 and len(files) >= POOL_MIN_FILES:
        for index, file in enumerate(files):
            key = _cache_key(file) if use_cache else None
            if key is None:
                cold.append(index)
            else:
                cached[index] = key
    executor = loading.start_pool(workers) if len(cold) >= POOL_MIN_FILES else None
    futures: dict[int, Future[Answer]] = {}
    waiting = iter(cold)

    def give_out() -> None:
        index = next(waiting, None)
        if executor is not None and index is not None:
            with contextlib.suppress(BrokenProcessPool, RuntimeError):  # broken, or shut
                futures[index] = executor.submit(load_in_process, files[index], use_cache)

    for _ in range(workers * IN_FLIGHT):
        give_out()
    try:
        for index, file in enumerate(files):
            if loading.cancelled.is_set():
                return
            future = futures.pop(index, None)
            outcome = None
            if future is not None:
                give_out()
                if progress is not None:
                    progress(f"checking {file.name} (first time; later launches use the cache)")
                outcome = _from_pool(future)
            elif index in cached:
                outcome = _from_cache(cached.pop(index))
            if outcome is None:
                if loading.cancelled.is_set():
                    return
                outcome = load_file(file, use_cache=use_cache,
                                    **({"progress": progress} if progress else {}))
            yield file, outcome
    finally:
        loading.cancel()  # done, or abandoned: the pool's processes go


def _cache_key(file: Path) -> str | None:
    """``file``'s cache key if its story is in the cache (a file that cannot be read
    is not)."""
    raw = read_bytes(file)
    if isinstance(raw, Problem):
        return None
    key = cache.key_of(raw)
    return key if cache.has(key) else None


def _from_cache(key: str) -> Corpus | None:
    """The story under ``key``; ``None`` if the entry does not read after all."""
    story = cache.get(key)
    return None if story is None else Corpus.build(story)


def _from_pool(future: Future[Answer]) -> Outcome | None:
    """The pool's answer; ``None`` if the pool could not give one."""
    try:
        answer = future.result()
    except BaseException as error:  # a broken or shut pool; anything it raised
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        return None
    if isinstance(answer, list):
        return answer
    story, texts = answer
    corpus = Corpus.build(story)
    corpus.prepare_search(texts)
    return corpus
