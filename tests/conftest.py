"""Test-wide environment: no user config, no NO_COLOR, a pinned theme."""

from __future__ import annotations

import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


@pytest.fixture(autouse=True)
def _isolated_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """Every test sees an empty config folder and an environment that cannot sway a snapshot."""
    monkeypatch.setenv("DEEPSEEK_TUI_CONFIG_DIR", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setenv("DEEPSEEK_TUI_DATA_DIR", str(tmp_path_factory.mktemp("data")))
    monkeypatch.setenv("DEEPSEEK_TUI_CACHE_DIR", str(tmp_path_factory.mktemp("cache")))
    for name in ("NO_COLOR", "TEXTUAL_THEME", "FORCE_COLOR", "TEXTUAL_ANIMATIONS"):
        monkeypatch.delenv(name, raising=False)
    # A `u` pressed by a test that does not watch for it opens nothing on this machine
    # (tests that do watch replace the app's ``open_url``).
    monkeypatch.setattr(webbrowser, "open", lambda *args, **kwargs: True)
    yield
