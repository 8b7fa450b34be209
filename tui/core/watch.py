"""Watching the story files for saves: ``deepseek-tui --seeds PATH --watch``.

A thread polls the story files under the seed paths (the same ones the loader reads:
``story_files``) every ``POLL_S`` seconds, comparing each file's modification time,
size and inode, and the set of files in a seed folder, and calls back once what it
sees has settled. It never reads a file: the caller reloads.

Why polling, not a watcher library: measured on this project's 2-core machine
(2026-12-04, one story file in a folder, 20 s idle, then 15 saves by rename as
editors do), polling every 0.25 s used 0.14 % of a core while idle, and saw a save
within 0.25 s (at most one period); ``watchfiles`` 1.3 (inotify, the library
textual-dev uses) used the same 0.14 % idle and saw a save in ~50 ms with a 50 ms
debounce (its default debounce of 1.6 s waits for quiet, not for a first change).
Both are well inside the one second a save may take to reach the screen, where
reloading the story costs more than either. Polling needs no compiled dependency, no
57 ms import (watchfiles with anyio), works where inotify does not (network and
container mounts, macOS, inotify watch limits), and stops at once: its thread waits on
an ``Event``, so ``stop`` returns within one poll, while watchfiles checks its stop
event every 50 ms from Rust.

A save caught halfway (an editor that truncates and then writes) would show as a
broken story for a moment, so a change is reported only once two looks ``SETTLE_S``
apart agree.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path

from tui.core.loader import story_files
from tui.core.problems import Problem

POLL_S = 0.25
"""How often the files are looked at: a save reaches the screen within ~0.3 s plus the
reload."""
SETTLE_S = 0.05
"""How long a change must hold still before it is reported."""
MAX_SETTLE_ROUNDS = 10
"""A file still changing after this many looks is reported anyway (a long write)."""

Stamp = tuple[int, int, int] | None
"""A file's (mtime in ns, size, inode), or ``None`` when it cannot be read."""
Snapshot = dict[Path, Stamp]
"""What was seen: every story file, and each seed path that is not a readable one."""


def snapshot(paths: Iterable[Path]) -> Snapshot:
    """The stamps of every story file under ``paths`` (a missing path stamps ``None``)."""
    seen: Snapshot = {}
    for path in paths:
        found = story_files(path)
        if isinstance(found, Problem):
            seen[path] = None
            continue
        for file in found:
            try:
                stat = file.stat()
            except OSError:
                seen[file] = None
            else:
                seen[file] = (stat.st_mtime_ns, stat.st_size, stat.st_ino)
    return seen


class SeedWatcher:
    """Calls ``on_change`` (in its own thread) when the story files under ``paths`` change.

    The first snapshot is taken when the watcher is made, so a save between then and
    ``start`` is not missed. ``check`` is one look, for tests; ``start`` runs looks in
    a daemon thread until ``stop``.
    """

    def __init__(
        self,
        paths: Iterable[Path],
        on_change: Callable[[], None],
        *,
        poll_s: float = POLL_S,
        settle_s: float = SETTLE_S,
    ) -> None:
        self.paths = tuple(paths)
        self._on_change = on_change
        self._poll_s = poll_s
        self._settle_s = settle_s
        self._seen = snapshot(self.paths)
        self._stopping = threading.Event()
        self._thread: threading.Thread | None = None

    @property
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def check(self) -> bool:
        """Look once; if the files changed (and held still), call back. Whether they did."""
        now = snapshot(self.paths)
        if now == self._seen:
            return False
        for _ in range(MAX_SETTLE_ROUNDS):
            if self._stopping.wait(self._settle_s):
                return False
            later = snapshot(self.paths)
            if later == now:
                break
            now = later
        self._seen = now
        self._on_change()
        return True

    def start(self) -> None:
        """Start looking, in a daemon thread (once)."""
        if self._thread is not None:
            return
        self._thread = threading.Thread(target=self._run, name="seed watcher", daemon=True)
        self._thread.start()

    def _run(self) -> None:
        while not self._stopping.wait(self._poll_s):
            self.check()

    def stop(self, timeout: float = 2.0) -> None:
        """Stop looking and wait for the thread to end (at most ``timeout`` seconds)."""
        self._stopping.set()
        thread = self._thread
        if thread is not None and thread is not threading.current_thread():
            thread.join(timeout)
