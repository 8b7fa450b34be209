"""Loading many story files at once: cached ones in this thread, the rest in processes.

A story not yet in the cache costs about 13 ms of parsing, checking and caching
(rtoml, pydantic, the reference checks, the cache entry), all of it holding the GIL,
so threads cannot share it out. ``load_many`` hands those files to a pool of
processes, one per core: each checks a file, writes its cache entry and sends the
entry's JSON back, which this process decodes as it would read the cache. Cached
files are decoded here meanwhile. Results come back in the order of the files.

A pool is worth it only for many files (each of its processes imports pydantic and
the schema first, ~0.4 s) and only on idle cores: decoding its answers costs this
process ~3.6 ms a story, so it spends more CPU in all than one thread (11.6 s for
1,000 stories). Measured 2026-12-04 on this 2-core machine shared with other work
(load average 1.5–2.2): 1,000 stories cold took 11.6 s in one thread, 12.7–17.5 s
with a pool of two. So the pool starts only when the load average leaves two cores
idle (``idle_cores``); a gain on an idle machine was not measured here.
A pool that breaks (a process killed) leaves the remaining files to this thread.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from tui.core import cache
from tui.core.codec import story_from_jsonable, to_jsonable
from tui.core.corpus import Corpus
from tui.core.files import parse_document, read_bytes
from tui.core.loader import load_file
from tui.core.problems import Problem

Outcome = Corpus | list[Problem]

POOL_MIN_FILES = 16
"""Fewer files than this not in the cache are checked in this thread (a pool's start
costs about as much as 30 of them)."""


def cores() -> int:
    """The cores this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return os.cpu_count() or 1


def idle_cores() -> int:
    """Cores not busy with other work (by the load average): a pool on a machine
    whose other core is taken only adds its own overhead (see the module docstring)."""
    try:
        busy = os.getloadavg()[0]
    except OSError:  # pragma: no cover - no load average here
        busy = 0.0
    return max(1, int(cores() - busy + 0.5))


def _not_cached(files: Sequence[Path], use_cache: bool) -> list[Path]:
    cold = []
    for file in files:
        raw = read_bytes(file)
        if isinstance(raw, Problem) or not use_cache or not cache.has(cache.key_of(raw)):
            cold.append(file)
    return cold


def check_in_process(path: Path, use_cache: bool) -> str | list[Problem]:
    """In a pool process: one file parsed, checked and cached; the story comes back
    as the cache entry's JSON text (plain data), or its problems."""
    from tui.core.checks import check_document
    from tui.core.schema import to_model

    raw = read_bytes(path)
    if isinstance(raw, Problem):
        return [raw]
    document = parse_document(path, raw)
    if isinstance(document, Problem):
        return [document]
    checked = check_document(document)
    if isinstance(checked, list):
        return checked
    story = to_model(checked)
    if use_cache:
        cache.put(cache.key_of(raw), story)
    return json.dumps(to_jsonable(story), ensure_ascii=False, separators=(",", ":"))


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
                                                 initializer=_quiet_process)
            except (OSError, ValueError):
                return None
            finally:
                sys.stderr = stand_in
            return self._pool


def _quiet_process() -> None:
    """A pool process writes nothing to the terminal the app is drawing on."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    os.close(devnull)


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
    futures: dict[Path, Future[str | list[Problem]]] = {}
    cold = _not_cached(files, use_cache) if pool and len(files) >= POOL_MIN_FILES else []
    workers = min(idle_cores(), len(cold) // (POOL_MIN_FILES // 2))
    if len(cold) >= POOL_MIN_FILES and workers >= 2:
        executor = loading.start_pool(workers)
        if executor is not None:
            try:
                futures = {file: executor.submit(check_in_process, file, use_cache)
                           for file in cold}
            except (BrokenProcessPool, RuntimeError):
                futures = {}
    try:
        for file in files:
            if loading.cancelled.is_set():
                return
            future = futures.get(file)
            if future is not None and progress is not None:
                progress(f"checking {file.name} (first time; later launches use the cache)")
            outcome = _from_pool(file, future) if future is not None else None
            if outcome is None:
                if loading.cancelled.is_set():
                    return
                outcome = load_file(file, use_cache=use_cache,
                                    **({"progress": progress} if progress else {}))
            yield file, outcome
    finally:
        loading.cancel()  # done, or abandoned: the pool's processes go


def _from_pool(file: Path, future: Future[str | list[Problem]]) -> Outcome | None:
    """The pool's answer for ``file``; ``None`` if the pool could not give one."""
    try:
        answer = future.result()
    except BaseException as error:  # a broken or shut pool; anything it raised
        if isinstance(error, KeyboardInterrupt | SystemExit):
            raise
        return None
    if isinstance(answer, list):
        return answer
    try:
        return Corpus.build(story_from_jsonable(json.loads(answer)))
    except (ValueError, TypeError, KeyError, AttributeError, RecursionError):
        return None
