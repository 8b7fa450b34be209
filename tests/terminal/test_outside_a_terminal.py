"""The installed app outside the happy path: no terminal, a terminal that goes away,
SIGTERM and SIGHUP, and Ctrl+Z (see ``tui.ui.exits`` and ``TerminalDriver``)."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from pathlib import Path

import pytest

from tests.terminal.harness import ENTER_ALT_SCREEN, LEAVE_ALT_SCREEN, SCRIPT, Terminal

SIZE = (120, 40)
UNTAKEN = "press v on a claim"
"""The masthead's take line until the first verdict."""


def _left_alt_screen(terminal: Terminal) -> bool:
    """Whether the app left the alternate screen after it last entered it (or never
    entered it: a signal during start-up can come before that)."""
    return terminal.raw.rfind(LEAVE_ALT_SCREEN) >= terminal.raw.rfind(ENTER_ALT_SCREEN)


def _gone_within(process: subprocess.Popen[bytes], seconds: float) -> bool:
    end = time.monotonic() + seconds
    while process.poll() is None and time.monotonic() < end:
        time.sleep(0.02)
    return process.poll() is not None


def _stored_verdicts(env: dict[str, str]) -> list[str]:
    path = Path(env["DEEPSEEK_TUI_DATA_DIR"]) / "takes.json"
    if not path.exists():
        return []
    data = json.loads(path.read_text())
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "verdict" and isinstance(value, str):
                    found.append(value)
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(data)
    return found


def test_no_terminal_exits_2_at_once_with_a_message_and_no_escapes(
    tmp_path: Path, launch_env: dict[str, str]
) -> None:
    out = tmp_path / "out.txt"
    with out.open("wb") as stdout:
        started = time.monotonic()
        done = subprocess.run([str(SCRIPT)], stdin=subprocess.DEVNULL, stdout=stdout,
                              stderr=subprocess.PIPE, env={**os.environ, **launch_env},
                              timeout=5, check=False)
    assert time.monotonic() - started < 5
    assert done.returncode == 2
    message = done.stderr.decode()
    assert "needs a terminal" in message
    for command in ("summary", "export", "compute", "serve"):
        assert command in message
    assert b"\x1b[" not in out.read_bytes() + done.stderr


def test_a_pipe_on_stdout_is_no_terminal_even_with_one_on_stdin(
    launch_env: dict[str, str]
) -> None:
    """``deepseek-tui | less``: the keyboard is a terminal, the output is not."""
    leader, follower = os.openpty()
    try:
        done = subprocess.run([str(SCRIPT)], stdin=follower, capture_output=True,
                              env={**os.environ, **launch_env}, timeout=5, check=False)
    finally:
        os.close(follower)
        os.close(leader)
    assert done.returncode == 2
    assert done.stdout == b""
    assert b"needs a terminal" in done.stderr


def test_subcommands_still_work_in_a_pipe(launch_env: dict[str, str]) -> None:
    done = subprocess.run([str(SCRIPT), "summary"], stdin=subprocess.DEVNULL,
                          capture_output=True, env={**os.environ, **launch_env},
                          timeout=30, check=False)
    assert done.returncode == 0
    assert b"DeepSeek" in done.stdout
    assert b"\x1b[" not in done.stdout


def _set_a_verdict(terminal: Terminal) -> None:
    """Believe the selected claim, and wait until the dashboard shows it."""
    assert terminal.wait_for("Claims", 30)
    assert terminal.wait_for(UNTAKEN, 10)
    terminal.send(b"v")
    end = time.monotonic() + 10
    while UNTAKEN in terminal.text and time.monotonic() < end:
        terminal.pump(0.02)
    assert UNTAKEN not in terminal.text, "the verdict never showed"


def test_a_terminal_closed_without_a_signal_ends_the_app_and_keeps_the_verdict(
    launch_env: dict[str, str]
) -> None:
    terminal = Terminal(SIZE, launch_env)
    try:
        _set_a_verdict(terminal)
        terminal.close_leader()
        assert _gone_within(terminal.process, 3.0), "still running 3 s after its pty closed"
        assert terminal.process.returncode == 128 + signal.SIGHUP
        assert _stored_verdicts(launch_env) == ["believe"]
    finally:
        terminal.close()


def test_a_terminal_closed_during_start_up_ends_the_app(launch_env: dict[str, str]) -> None:
    for delay in (0.1, 0.3, 0.6):
        terminal = Terminal(SIZE, launch_env)
        try:
            terminal.pump(delay)
            terminal.close_leader()
            assert _gone_within(terminal.process, 3.0), f"closed at {delay} s: still running"
        finally:
            terminal.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_after_the_first_frame_leaves_like_q_and_keeps_the_verdict(
    signum: int, launch_env: dict[str, str]
) -> None:
    terminal = Terminal(SIZE, launch_env)
    try:
        _set_a_verdict(terminal)
        terminal.process.send_signal(signum)
        assert terminal.wait_exit(3.0) == 128 + signum
        assert _left_alt_screen(terminal)
        after_app = terminal.raw[terminal.raw.rfind(LEAVE_ALT_SCREEN):]
        assert b"\x1b[?25h" in after_app  # the cursor is shown again
        assert b"\x1b[?1000l" in terminal.raw[terminal.raw.rfind(ENTER_ALT_SCREEN):]  # mouse off
        assert "Traceback" not in terminal.raw.decode("utf-8", "replace")
        assert _stored_verdicts(launch_env) == ["believe"]
    finally:
        terminal.close()


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP], ids=["TERM", "HUP"])
def test_a_signal_during_start_up_exits_promptly_and_restores_the_terminal(
    signum: int, launch_env: dict[str, str]
) -> None:
    for delay in (0.05, 0.2, 0.35, 0.5, 0.7):
        terminal = Terminal(SIZE, launch_env)
        try:
            terminal.pump(delay)
            terminal.process.send_signal(signum)
            code = terminal.wait_exit(3.0)
            # Before the handler is in place (the first imports), the signal's default
            # action ends the process before it has touched the terminal.
            assert code in (128 + signum, -signum), f"at {delay} s: exit {code}"
            assert _left_alt_screen(terminal), f"at {delay} s: still in the alternate screen"
            assert "Traceback" not in terminal.raw.decode("utf-8", "replace")
        finally:
            terminal.close()


def test_ctrl_z_suspends_and_sigcont_resumes_with_the_screen_redrawn(
    launch_env: dict[str, str]
) -> None:
    terminal = Terminal(SIZE, launch_env)
    try:
        assert terminal.wait_for("Claims", 30)
        terminal.pump(0.5)
        terminal.send(b"j")  # the second claim, so that "the same selection" means something
        terminal.pump(0.3)
        before = terminal.text
        terminal.send(b"\x1a")  # Ctrl+Z
        end = time.monotonic() + 5
        while not terminal.stopped and time.monotonic() < end:
            terminal.pump(0.02)
        assert terminal.stopped, "Ctrl+Z did not stop the process"
        terminal.pump(0.2)
        assert _left_alt_screen(terminal), "suspended without giving the terminal back"
        terminal.screen.reset()  # forget what was drawn: only a redraw brings it back
        os.kill(terminal.process.pid, signal.SIGCONT)
        assert terminal.wait_for("Claims", 5), "no redraw after SIGCONT"
        terminal.pump(0.5)
        assert terminal.text == before, "the screen after resuming differs from before"
        terminal.send(b"q")
        assert terminal.wait_exit(5) == 0
        assert terminal.problems() == []
    finally:
        terminal.close()
