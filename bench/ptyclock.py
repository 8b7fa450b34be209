"""Timing what a person sees, in a real pseudo-terminal (the project's own meter).

A ``Session`` starts a command in a pty of a given size and feeds its output to a
``pyte`` screen; ``wait_for`` returns the seconds until a condition on the screen's
text holds. ``bench/startup.py`` times launches with it, ``bench/keystrokes.py`` the
delay between a key and its effect on screen. ``StampedSession`` also notes when each
piece of output arrived, so a time can leave out the meter's own parsing
(``bench/first_search.py``).
"""

from __future__ import annotations

import fcntl
import os
import queue
import select
import signal
import struct
import subprocess
import termios
import threading
import time
from collections.abc import Callable, Sequence

import pyte


class Session:
    """One program in one pseudo-terminal."""

    def __init__(
        self,
        command: Sequence[str],
        *,
        size: tuple[int, int] = (120, 40),
        env: dict[str, str] | None = None,
    ) -> None:
        columns, rows = size
        self._leader, follower = os.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self._lines = [" " * columns] * rows
        environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                       **(env or {})}
        self.started = time.perf_counter()
        self.process = subprocess.Popen(
            list(command), stdin=follower, stdout=follower, stderr=follower,
            env=environment, start_new_session=True, close_fds=True,
        )
        os.close(follower)

    @property
    def text(self) -> str:
        """The screen's text. Only the lines changed since the last look are rebuilt:
        building all of them after every 4 KB piece of output made the meter itself
        slower the bigger the frames it measured."""
        screen = self.screen
        for y in screen.dirty:
            row = screen.buffer[y]
            self._lines[y] = "".join(row[x].data for x in range(screen.columns))
        screen.dirty.clear()
        return "\n".join(self._lines)

    def _pump(self, wait: float) -> bool:
        ready, _, _ = select.select([self._leader], [], [], wait)
        if ready:
            try:
                self._stream.feed(os.read(self._leader, 1 << 16))
            except OSError:
                return False
        return True

    def wait_for(self, condition: Callable[[str], bool], timeout: float = 120.0) -> float:
        """Seconds until ``condition(screen text)`` holds; raises ``TimeoutError``."""
        start = time.perf_counter()
        while time.perf_counter() - start < timeout:
            if condition(self.text):
                return time.perf_counter() - start
            if not self._pump(0.002) or self.process.poll() is not None:
                break
        raise TimeoutError("the screen never showed what was expected")

    def send(self, keys: str | bytes) -> None:
        os.write(self._leader, keys.encode() if isinstance(keys, str) else keys)

    def settle(self, seconds: float) -> None:
        """Keep reading output for ``seconds`` (so the screen is current)."""
        end = time.perf_counter() + seconds
        while time.perf_counter() < end:
            self._pump(0.01)

    def close(self) -> None:
        """Press q, wait for the exit, and kill the process group if it lingers."""
        try:
            self.send(b"q")
            deadline = time.perf_counter() + 10
            while self.process.poll() is None and time.perf_counter() < deadline:
                if not self._pump(0.05):
                    break
        finally:
            if self.process.poll() is None:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()
            self._before_release()
            os.close(self._leader)

    def _before_release(self) -> None:
        """What a subclass must finish before the pty is closed (nothing here)."""


class StampedSession(Session):
    """A session that notes when each piece of output arrives, apart from reading it.

    ``pyte`` is pure Python: a full-screen frame of 20 KB takes it 20–40 ms here, which
    a real terminal draws in well under a millisecond, so a wait timed to when the meter
    has parsed a frame adds that to the app's time (more for the bigger frames). Here a
    thread reads the pseudo-terminal and stamps each piece as it comes; ``arrived`` is
    the stamp of the last piece fed to the screen, and after a ``wait_for`` it is when
    the bytes that met the condition reached the terminal. The stamps are as exact as
    the reader gets the GIL back from the parsing thread (the switch interval, 5 ms by
    default: set it lower with ``sys.setswitchinterval``).
    """

    def __init__(
        self,
        command: Sequence[str],
        *,
        size: tuple[int, int] = (120, 40),
        env: dict[str, str] | None = None,
    ) -> None:
        super().__init__(command, size=size, env=env)
        self.arrived = self.started
        self._pieces: queue.SimpleQueue[tuple[float, bytes]] = queue.SimpleQueue()
        self._reader = threading.Thread(target=self._read, name="pty reader", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        while True:
            try:
                data = os.read(self._leader, 1 << 16)
            except OSError:  # the program and its pseudo-terminal are gone
                data = b""
            self._pieces.put((time.perf_counter(), data))
            if not data:
                return

    def _pump(self, wait: float) -> bool:
        try:
            stamp, data = self._pieces.get(timeout=wait)
        except queue.Empty:
            return True
        if not data:
            self._pieces.put((stamp, data))  # stays at the end: every later pump sees it
            return False
        self._stream.feed(data)
        self.arrived = stamp
        return True

    def _before_release(self) -> None:
        """The reader ends with the program, before the pty closes."""
        self._reader.join(5)


def time_to_text(
    command: Sequence[str],
    markers: Sequence[str],
    *,
    size: tuple[int, int] = (120, 40),
    timeout: float = 120.0,
    env: dict[str, str] | None = None,
) -> float:
    """Seconds from launch until every marker is on screen; raises ``TimeoutError``."""
    return times_to_texts(command, [markers], size=size, timeout=timeout, env=env)[0]


def times_to_texts(
    command: Sequence[str],
    stages: Sequence[Sequence[str]],
    *,
    size: tuple[int, int] = (120, 40),
    timeout: float = 120.0,
    env: dict[str, str] | None = None,
) -> list[float]:
    """For each stage in turn, seconds from launch until all its markers are on screen."""
    session = Session(command, size=size, env=env)
    try:
        times = []
        for markers in stages:

            def shown(text: str, markers: Sequence[str] = markers) -> bool:
                return all(marker in text for marker in markers)

            session.wait_for(shown, timeout)
            times.append(time.perf_counter() - session.started)
        return times
    finally:
        session.close()
