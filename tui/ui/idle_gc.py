"""Full garbage collections while nobody is typing, not in the middle of a key press.

Textual's strips keep themselves in their own caches, so every frame drawn leaves
cyclic garbage behind, and Python's full collections of it took 12–40 ms on a
10,000-item story: often right inside a key press. Once the stories are loaded (and
frozen out of the collector by the app), automatic collection keeps its cheap young
generations and leaves the full one to a timer that runs only after a quiet moment.
Memory stays bounded: the garbage is collected, just later.

This leans on what the three-generation collector of Python 3.11–3.13 means by its
knobs: the third threshold paces full collections, and the third count says how many
young collections have passed since the last one. Python 3.14's incremental collector
ignores the one and redefines the other, so elsewhere (``TUNED`` false) the collector
keeps Python's own pacing and this does nothing. The suite runs on 3.11, 3.12 and 3.13.
"""

from __future__ import annotations

import gc
import sys
import time

TUNED = (3, 11) <= sys.version_info[:2] <= (3, 13)
"""Whether this Python's collector is the one these knobs are for."""

QUIET_S = 3.0
"""No key for this long: a full collection is unlikely to delay one."""
CHECK_EVERY_S = 1.0
DUE_AFTER = 10
"""Young collections since the last full one before the next is due (Python's own
default pacing): an idle app is not collected again and again."""
OLD_GENERATION_THRESHOLD = 1_000_000
"""Young collections before an automatic full one: in practice, never."""


class IdleCollector:
    def __init__(self) -> None:
        self.last_key = time.monotonic()
        self.collections = 0
        self._saved: tuple[int, int, int] | None = None

    def start(self) -> None:
        """Young generations stay automatic; the old one is collected by ``tick``."""
        if TUNED and self._saved is None:
            self._saved = gc.get_threshold()
            young, middle, _ = self._saved
            gc.set_threshold(young, middle, OLD_GENERATION_THRESHOLD)

    def stop(self) -> None:
        """Back to Python's own pacing (the app is closing; tests run many apps)."""
        if self._saved is not None:
            gc.set_threshold(*self._saved)
            self._saved = None

    def key_pressed(self) -> None:
        self.last_key = time.monotonic()

    def tick(self) -> None:
        """Collect everything if one is due and the user has been quiet for ``QUIET_S``."""
        if not TUNED:
            return
        due = gc.get_count()[2] >= DUE_AFTER
        if due and gc.isenabled() and time.monotonic() - self.last_key >= QUIET_S:
            gc.collect()
            self.collections += 1
