"""Time until a text is on screen, in a real pseudo-terminal (the project's own meter).

Starts a command in a pty of a given size, feeds its output to a ``pyte`` screen, and
reports the seconds from spawn until the marker text is visible; then presses ``q``
and checks the process exits. Used by ``bench/startup.py``.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import termios
import time
from collections.abc import Sequence

import pyte


def time_to_text(
    command: Sequence[str],
    markers: Sequence[str],
    *,
    size: tuple[int, int] = (120, 40),
    timeout: float = 120.0,
    env: dict[str, str] | None = None,
) -> float:
    """Seconds from launch until every marker is on screen; raises ``TimeoutError``."""
    columns, rows = size
    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
    screen = pyte.Screen(columns, rows)
    stream = pyte.ByteStream(screen)
    environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor",
                   **(env or {})}
    start = time.perf_counter()
    process = subprocess.Popen(
        list(command), stdin=follower, stdout=follower, stderr=follower, env=environment,
        start_new_session=True, close_fds=True,
    )
    os.close(follower)
    found: float | None = None
    try:
        while time.perf_counter() - start < timeout:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(leader, 1 << 16)
                except OSError:
                    break
                stream.feed(chunk)
                text = "\n".join(screen.display)
                if all(marker in text for marker in markers):
                    found = time.perf_counter() - start
                    break
            if process.poll() is not None:
                break
        if found is None:
            raise TimeoutError(f"{list(markers)!r} not on screen within {timeout} s")
        os.write(leader, b"q")
        deadline = time.perf_counter() + 10
        while process.poll() is None and time.perf_counter() < deadline:
            ready, _, _ = select.select([leader], [], [], 0.05)
            if ready:
                try:
                    os.read(leader, 1 << 16)
                except OSError:
                    break
        return found
    finally:
        if process.poll() is None:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        os.close(leader)
