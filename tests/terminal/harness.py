"""The installed ``deepseek-tui`` in a real pseudo-terminal, read through ``pyte``.

Pilot drives the app inside the test's own event loop; it never sees what a user's
terminal sees: a key sent while start-up work is still pending, a traceback printed
after the app has torn the screen down, an exit code. These tests launch the real
console script in a pty of a given size, as a user would.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
import re
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from collections.abc import Callable
from pathlib import Path

import pyte

SCRIPT = Path(sys.executable).with_name("deepseek-tui")
"""The console script installed beside the interpreter running the tests."""

ENTER_ALT_SCREEN = b"\x1b[?1049h"
LEAVE_ALT_SCREEN = b"\x1b[?1049l"


class Terminal:
    """One launch of ``deepseek-tui`` in a pty of ``size`` (columns, rows)."""

    def __init__(
        self, size: tuple[int, int], env: dict[str, str], *args: str, cwd: Path | None = None
    ) -> None:
        columns, rows = size
        self._leader, follower = os.openpty()
        fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", rows, columns, 0, 0))
        self.screen = pyte.Screen(columns, rows)
        self._stream = pyte.ByteStream(self.screen)
        self.raw = bytearray()
        environment = {**os.environ, "TERM": "xterm-256color", "COLORTERM": "truecolor", **env}
        self.process = subprocess.Popen(
            [str(SCRIPT), *args], stdin=follower, stdout=follower, stderr=follower,
            env=environment, start_new_session=True, close_fds=True, cwd=cwd,
        )
        os.close(follower)
        self._closed = False
        self._leader_closed = False

    def pump(self, seconds: float) -> None:
        """Read what the app prints for ``seconds`` (less if it has exited)."""
        end = time.monotonic() + seconds
        while True:
            left = end - time.monotonic()
            ready, _, _ = select.select([self._leader], [], [], max(0.0, min(left, 0.02)))
            if ready:
                try:
                    data = os.read(self._leader, 1 << 16)
                except OSError:  # the app has exited and closed the pty
                    return
                if not data:
                    return
                self.raw.extend(data)
                self._stream.feed(data)
            elif left <= 0:
                return

    @property
    def text(self) -> str:
        return "\n".join(self.screen.display)

    def wait_until(self, done: Callable[[str], bool], timeout: float = 30.0) -> bool:
        """Whether the screen's text came to satisfy ``done`` within ``timeout`` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if done(self.text):
                return True
            if self.process.poll() is not None:
                self.pump(0.05)
                return done(self.text)
            self.pump(0.02)
        return False

    def wait_for(self, marker: str, timeout: float = 30.0) -> bool:
        """Whether ``marker`` came on screen within ``timeout`` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if marker in self.text:
                return True
            if self.process.poll() is not None:
                self.pump(0.05)
                return marker in self.text
            self.pump(0.02)
        return False

    def send(self, keys: bytes) -> None:
        with contextlib.suppress(OSError):  # the app has already exited
            os.write(self._leader, keys)

    def wait_exit(self, timeout: float) -> int | None:
        """The exit code, or ``None`` if the app is still running after ``timeout``."""
        end = time.monotonic() + timeout
        while self.process.poll() is None and time.monotonic() < end:
            self.pump(0.05)
        self.pump(0.1)
        return self.process.poll()

    @property
    def stopped(self) -> bool:
        """Whether the app is stopped (suspended by Ctrl+Z or the palette's Suspend)."""
        try:
            stat = Path(f"/proc/{self.process.pid}/stat").read_text()
        except OSError:  # gone
            return False
        return stat.rsplit(")", 1)[1].split()[0] == "T"

    def resume_if_stopped(self) -> bool:
        """Continue a suspended app, as the shell's ``fg`` does; whether it was stopped."""
        if self.process.poll() is None and self.stopped:
            os.kill(self.process.pid, signal.SIGCONT)
            return True
        return False

    def close_leader(self) -> None:
        """Close our end of the pty, as a parent that goes away does, with no signal."""
        if not self._leader_closed:
            self._leader_closed = True
            os.close(self._leader)

    def close(self) -> None:
        """Kill the app if it is still running, and release the pty."""
        if self._closed:
            return
        self._closed = True
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait()
        self.close_leader()

    def problems(self) -> list[str]:
        """What is wrong with how this launch ended (nothing, for a clean exit 0)."""
        found = []
        code = self.process.poll()
        if code != 0:
            found.append(f"exit code {code}")
        text = self.raw.decode("utf-8", "replace")
        after = text.split(LEAVE_ALT_SCREEN.decode())[-1]
        if "Traceback" in text or "Error" in after:
            found.append("a traceback or error after the app:\n" + _traceback(after))
        if self.raw.rfind(ENTER_ALT_SCREEN) > self.raw.rfind(LEAVE_ALT_SCREEN):
            found.append("the alternate screen was never left")
        return found


def _traceback(text: str) -> str:
    """The frames (file, line, function) and the error of a traceback Rich printed."""
    plain = re.sub(r"\x1b\[[0-9;?]*[A-Za-z]", "", text)
    lines = [line.strip(" │╭╮╰╯─") for line in plain.splitlines()]
    keep = [line for line in lines if re.search(r"\.py:\d+ in |Error|Exception|❱", line)]
    return "\n".join(keep[-60:]) or repr(plain[-600:])
