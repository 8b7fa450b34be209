"""Real-terminal tests need the installed console script and pyte."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.terminal.harness import SCRIPT


@pytest.fixture(autouse=True)
def _installed() -> None:
    if not SCRIPT.exists():
        pytest.fail(f"{SCRIPT} is not installed: run `pip install -e '.[test]'` first")


@pytest.fixture
def launch_env(tmp_path: Path) -> dict[str, str]:
    """Folders of its own for the app's config, data and cache (shared by the launches
    of one test, so all but the first read the story from the cache), and a browser
    that opens nothing."""
    # A `u` among random keys opens no browser on this machine (webbrowser runs
    # $BROWSER with the address: `true` does nothing with it).
    env = {"BROWSER": shutil.which("true") or "true"}
    for name in ("CONFIG", "DATA", "CACHE"):
        folder = tmp_path / name.lower()
        folder.mkdir()
        env[f"DEEPSEEK_TUI_{name}_DIR"] = str(folder)
    return env
