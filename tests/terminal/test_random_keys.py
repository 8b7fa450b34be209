"""Thousands of seeded random keys in a real terminal, through every screen: no traceback.

Each episode goes back to the dashboard (Esc), opens one of the app's screens and then
presses random keys. The palette is opened and paged before its list is laid out and
while it is empty (Textual's ``OptionList`` raised ``KeyError: 0`` there: see
``tui.ui.palette``). A quit (``q``, or Quit in the palette) ends a launch cleanly and
the app is started again; a crash is a failure.
"""

from __future__ import annotations

import random

import pytest

from tests.terminal.harness import Terminal

KEYS_PER_SIZE = 3_000
ESCAPE = b"\x1b"
KEY_SETTLE_S = 0.008
ESCAPE_SETTLE_S = 0.06
"""A lone Esc is told from the start of an escape sequence by a short wait."""

PAGE_DOWN, PAGE_UP = b"\x1b[6~", b"\x1b[5~"
CTRL_HOME, CTRL_END = b"\x1b[1;5H", b"\x1b[1;5F"
CTRL_P = b"\x10"

OPENERS: dict[str, list[bytes | str]] = {
    # The palette, paged at once (nothing laid out yet), then with a query that
    # matches nothing (an empty list), then with one that matches.
    "palette": [CTRL_P, PAGE_DOWN, PAGE_UP, CTRL_HOME, CTRL_END, b"z", b"q", b"x", b"j",
                PAGE_DOWN, CTRL_END, PAGE_UP, CTRL_HOME, b"\x7f", b"\x7f", b"\x7f", b"\x7f",
                b"t", b"h", PAGE_DOWN, PAGE_UP],
    "help": [b"?"],
    "search": [b"/", b"a", b"i", PAGE_DOWN],
    "note editor": [b"1", b"n", b"h", b"i"],
    "timeline": [b"t"],
    "cost what-if": [b"w"],
    "compute lens": [b"m", b"u", b"4", b"0", b"\r", b"p", b"+"],
    "export dialog": [b"e"],
    "themes": [b"T", b"T", CTRL_P, b"t", b"h", b"e", b"m", b"e", b"\r"],
    "stories": [b"o"],
    "quit through the palette": [CTRL_P, b"q", b"u", b"i", b"t", "Quit the application",
                                 b"\r", b"\r"],  # the first Enter may only highlight it
}
"""Keys to send; a str is text to wait for on screen first (the palette's search
answers in its own time, and on a loaded machine an Enter before it picks nothing)."""

RANDOM_KEYS: list[bytes] = [
    *(bytes([c]) for c in b"abcdefghijklmnoprstuvwxyz01234/?fsbhlcvnetwrmupTGgjk+-= "),
    b"\t", b"\x1b[Z", b"\r", ESCAPE, b"\x1b[A", b"\x1b[B", b"\x1b[C", b"\x1b[D",
    PAGE_UP, PAGE_DOWN, b"\x1b[H", b"\x1b[F", CTRL_HOME, CTRL_END, b"\x1b[1;2H",
    b"\x1b[1;2F", CTRL_P, b"\x13", b"\x7f", b"\x1b[3~",
]
"""Everything a user might press; ``q`` is left to the openers' rare quits, so that most
keys land in a running app rather than in start-ups."""


class Run:
    """Launches, keys and what went wrong, over one terminal size."""

    def __init__(self, size: tuple[int, int], env: dict[str, str]) -> None:
        self.size, self.env = size, env
        self.failures: list[str] = []
        self.launches = 0
        self.terminal = self._start()

    def _start(self) -> Terminal:
        self.launches += 1
        terminal = Terminal(self.size, self.env)
        assert terminal.wait_for("Claims", 30), f"no dashboard: {terminal.text}"
        return terminal

    def press(self, key: bytes | str) -> None:
        if isinstance(key, str):
            self.terminal.wait_for(key, 10)
            return
        self.terminal.send(key)
        self.terminal.pump(ESCAPE_SETTLE_S if key == ESCAPE else KEY_SETTLE_S)
        # Typed into the palette, random letters can pick "Suspend to the shell": the
        # app stops itself, as it should; carry on as a user would, with `fg`.
        if self.terminal.resume_if_stopped():
            self.terminal.wait_for("Claims", 10)
        if self.terminal.process.poll() is not None:  # quit (or crashed): start again
            self.terminal.wait_exit(5)
            self._end(f"launch {self.launches}, after {key!r}")
            self.terminal = self._start()

    def _end(self, where: str) -> None:
        problems = self.terminal.problems()
        self.terminal.close()
        if problems:
            self.failures.append(f"{where}: " + "\n".join(problems))

    def finish(self) -> None:
        self.terminal.resume_if_stopped()
        self.terminal.send(b"\x11")  # ctrl+q, from wherever the keys left it
        if self.terminal.wait_exit(10) is None:
            self.failures.append(f"launch {self.launches}: ctrl+q did not quit")
        self._end(f"launch {self.launches}, at the end")


@pytest.mark.parametrize("size", [(120, 40), (80, 24)], ids=["120x40", "80x24"])
def test_random_keys_through_every_screen(
    size: tuple[int, int], launch_env: dict[str, str]
) -> None:
    chance = random.Random(f"keys {size}")
    run = Run(size, launch_env)
    pressed = 0
    visited: set[str] = set()
    while pressed < KEYS_PER_SIZE:
        # Every screen once before any twice; then at random.
        unseen = sorted(set(OPENERS) - visited)
        name = chance.choice(unseen or sorted(OPENERS))
        visited.add(name)
        episode: list[bytes | str] = [ESCAPE, ESCAPE, ESCAPE, *OPENERS[name]]
        episode += chance.choices(RANDOM_KEYS, k=chance.randint(10, 40))
        for key in episode:
            run.press(key)
        pressed += len(episode)
    run.finish()
    assert visited == set(OPENERS)
    assert not run.failures, "\n".join(run.failures)
