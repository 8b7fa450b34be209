"""Quitting at any moment after launch, in a real terminal, exits 0 with no traceback.

Work deferred past the first frame (the themes, the takes, the idle collector, the
first-frame handoff) used to run after the app had begun to exit, and a quit within
about a second of launch ended in ``SignalError`` and exit 1 (see ``tui.ui.lifecycle``).
"""

from __future__ import annotations

import random
import time

import pytest

from tests.terminal.harness import Terminal

LAUNCHES = 16
"""Per terminal size: 32 in all, each quit at its own moment."""
LATEST_S = 2.0
QUIT_KEYS = (b"q", b"\x11")  # q, ctrl+q


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_quitting_at_a_random_moment_exits_cleanly(
    size: tuple[int, int], launch_env: dict[str, str]
) -> None:
    chance = random.Random(f"quit {size}")
    failures = []
    for launch in range(LAUNCHES):
        delay = chance.uniform(0.0, LATEST_S)
        key = chance.choice(QUIT_KEYS)
        terminal = Terminal(size, launch_env)
        try:
            started = time.monotonic()
            terminal.pump(delay)
            code = None
            # A key typed before the app has put the terminal in raw mode can be
            # swallowed by the tty (ctrl+q is XON there): say it again once.
            for _ in range(2):
                terminal.send(key)
                code = terminal.wait_exit(8.0)
                if code is not None:
                    break
            problems = terminal.problems()
            if problems:
                failures.append(f"launch {launch} ({key!r} at {delay:.2f} s, "
                                f"after {time.monotonic() - started:.1f} s): {problems}")
        finally:
            terminal.close()
    assert not failures, "\n".join(failures)
