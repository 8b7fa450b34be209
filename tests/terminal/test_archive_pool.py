"""An archive loading in a pool of processes, in a real terminal: quitting while the
pool is at work (``q``, SIGTERM, the terminal closed, or a random moment of start-up)
exits as it should and leaves no process behind (see ``tui.core.pool``)."""

from __future__ import annotations

import random
import signal
import time
from pathlib import Path

import pytest

from bench.generate import write_archive
from tests.terminal.harness import Terminal
from tui.core.pool import POOL_MIN_FILES, cores

SIZE = (120, 40)
STORIES = 120
"""Enough for a second or two of work for the pool, from an empty cache."""

pytestmark = pytest.mark.skipif(cores() < 2, reason="a pool needs two cores")


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    assert STORIES > 4 * POOL_MIN_FILES
    folder = tmp_path_factory.mktemp("archive")
    write_archive(folder, STORIES)
    return folder


def pool_processes(cache: str) -> list[int]:
    """The pool's processes of the launch whose cache folder is ``cache``."""
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            command = (proc / "cmdline").read_bytes()
            environment = (proc / "environ").read_bytes()
        except OSError:
            continue
        if b"multiprocessing" in command and (
                f"DEEPSEEK_TUI_CACHE_DIR={cache}".encode() + b"\0") in environment:
            found.append(int(proc.name))
    return found


def none_left(cache: str, seconds: float = 5.0) -> bool:
    end = time.monotonic() + seconds
    while pool_processes(cache) and time.monotonic() < end:
        time.sleep(0.05)
    return not pool_processes(cache)


def launched_with_the_pool_at_work(folder: Path, env: dict[str, str]) -> Terminal:
    terminal = Terminal(SIZE, env, "--seeds", str(folder))
    assert terminal.wait_for("Archive 0000"), terminal.text
    assert terminal.wait_until(lambda _: bool(pool_processes(env["DEEPSEEK_TUI_CACHE_DIR"])),
                               timeout=10), "the pool never started"
    assert f" {STORIES} stories" not in terminal.text  # still loading
    return terminal


def test_q_while_the_pool_works_exits_0_and_leaves_no_process(
    folder: Path, launch_env: dict[str, str]
) -> None:
    terminal = launched_with_the_pool_at_work(folder, launch_env)
    try:
        terminal.send(b"q")
        assert terminal.wait_exit(10) == 0
        assert terminal.problems() == []
        assert none_left(launch_env["DEEPSEEK_TUI_CACHE_DIR"])
    finally:
        terminal.close()


def test_sigterm_while_the_pool_works_exits_143_and_leaves_no_process(
    folder: Path, launch_env: dict[str, str]
) -> None:
    terminal = launched_with_the_pool_at_work(folder, launch_env)
    try:
        terminal.process.send_signal(signal.SIGTERM)
        assert terminal.wait_exit(10) == 143
        assert none_left(launch_env["DEEPSEEK_TUI_CACHE_DIR"])
    finally:
        terminal.close()


def test_the_terminal_closed_while_the_pool_works_leaves_no_process(
    folder: Path, launch_env: dict[str, str]
) -> None:
    terminal = launched_with_the_pool_at_work(folder, launch_env)
    try:
        terminal.close_leader()
        end = time.monotonic() + 10
        while terminal.process.poll() is None and time.monotonic() < end:
            time.sleep(0.05)
        assert terminal.process.poll() == 129
        assert none_left(launch_env["DEEPSEEK_TUI_CACHE_DIR"])
    finally:
        terminal.close()


def test_quitting_at_a_random_moment_of_an_archive_launch_exits_cleanly(
    folder: Path, launch_env: dict[str, str], tmp_path: Path
) -> None:
    """From an empty cache each time, so the pool may be starting, working or done."""
    chance = random.Random("archive quit")
    failures = []
    for launch in range(6):
        cache = tmp_path / f"cache-{launch}"
        cache.mkdir()
        env = {**launch_env, "DEEPSEEK_TUI_CACHE_DIR": str(cache)}
        delay = chance.uniform(0.0, 2.5)
        terminal = Terminal(SIZE, env, "--seeds", str(folder))
        try:
            terminal.pump(delay)
            code = None
            for _ in range(2):  # a key sent before raw mode can be lost: say it again
                terminal.send(b"q")
                code = terminal.wait_exit(10.0)
                if code is not None:
                    break
            problems = terminal.problems()
            if not none_left(str(cache)):
                problems.append("pool processes left behind")
            if problems:
                failures.append(f"launch {launch} (q at {delay:.2f} s): {problems}")
        finally:
            terminal.close()
    assert not failures, "\n".join(failures)
