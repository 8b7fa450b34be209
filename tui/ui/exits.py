"""Every way out of the dashboard, through one exit path.

``q`` and Ctrl+Q, SIGTERM, SIGHUP and a terminal that goes away without a hang-up all
end in ``DeepseekApp.leave``: Textual restores the terminal (it leaves the alternate
screen, shows the cursor, turns mouse tracking off and puts back the terminal's modes),
and the app's unmount waits for the takes' save thread, so a verdict set a moment
before is on disk.

Exit codes: 0 for a quit key; 128 plus the signal's number for a signal, as a shell
reports it (143 for SIGTERM, 129 for SIGHUP); a terminal that went away without a
signal is a hang-up all the same (129). A second signal while the app is already
leaving ends the process at once, with the signal's default action: the way out of a
shutdown that hangs.

Signals come in on the main thread, between two Python instructions, possibly in the
middle of the event loop's own code: the handler does nothing there but ask the loop
to call ``leave`` (``call_soon_threadsafe`` is safe from a signal handler). One that
comes before the loop runs is kept, and the app leaves as soon as it is mounted.
"""

from __future__ import annotations

import asyncio
import os
import signal
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from types import FrameType

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGHUP)
"""The signals that end the app the way ``q`` does."""

HANG_UP = 128 + signal.SIGHUP
"""The exit code when the terminal goes away, with or without SIGHUP."""


def signal_exit_code(signum: int) -> int:
    """The exit code a shell reports for a process ended by ``signum``."""
    return 128 + signum


class ExitRequest:
    """Where a signal's request to leave goes: the running loop, or kept for later.

    ``leave`` is the app's one exit path, called with an exit code on the UI thread.
    """

    def __init__(self, leave: Callable[[int], None]) -> None:
        self._leave = leave
        self.pending: int | None = None
        """An exit code asked for before the event loop ran (``take_pending`` hands it on)."""
        self.asked = False

    def on_signal(self, signum: int, _frame: FrameType | None) -> None:
        """The signal handler (main thread)."""
        if self.asked:  # asked once already: stop waiting for a clean shutdown
            signal.signal(signum, signal.SIG_DFL)
            os.kill(os.getpid(), signum)
            return
        self.asked = True
        code = signal_exit_code(signum)
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:  # the app's loop has not started (or has stopped)
            self.pending = code
            return
        loop.call_soon_threadsafe(self._leave, code)

    def take_pending(self) -> int | None:
        """The exit code a signal asked for before the loop ran, once."""
        code, self.pending = self.pending, None
        return code


@contextmanager
def ending_on_signals(request: ExitRequest) -> Iterator[None]:
    """SIGTERM and SIGHUP go to ``request`` while the app runs; then as they were."""
    previous = {signum: signal.signal(signum, request.on_signal) for signum in ENDING_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
