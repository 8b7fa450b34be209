"""Random keys on every screen and a resize sweep: no exception, and the app still quits.

The CI run presses a few hundred keys per size; set DEEPSEEK_TUI_FUZZ_KEYS for more
(e.g. 5000) when hunting.
"""

from __future__ import annotations

import os
import random

import pytest

from tests.ui.helpers import loaded, make_app
from tui.ui.screens.dashboard import MIN_HEIGHT, MIN_WIDTH

KEYS = [
    *"jkgGhlsbfvctwoT1234?/nqe", "up", "down", "left", "right", "pageup", "pagedown", "home",
    "end", "enter", "escape", "tab", "shift+tab", "ctrl+p", "backspace", "space", "plus",
    "minus", "0", "r", *"xyz ", "ctrl+s",
]
"""Every binding, plus typing; ``q`` is replaced by Esc (quitting ends the run early)."""
PRESSES = int(os.environ.get("DEEPSEEK_TUI_FUZZ_KEYS", "200"))


@pytest.mark.parametrize("size", [(120, 40), (80, 24), (61, 17)])
@pytest.mark.parametrize("seed", [1, 2])
async def test_random_keys_never_crash(size: tuple[int, int], seed: int) -> None:
    rng = random.Random(seed * 1000 + size[0])
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await loaded(pilot)
        for _ in range(PRESSES):
            key = rng.choice(KEYS)
            await pilot.press("escape" if key == "q" else key)
        await app.workers.wait_for_complete()
        app.takes.wait()
        # still answering: back to the dashboard, then quit cleanly
        for _ in range(6):
            if app.screen is app.dashboard:
                break
            await pilot.press("escape")
        assert app.screen is app.dashboard, type(app.screen).__name__
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert app.return_code == 0


async def test_resize_sweep_down_and_back() -> None:
    app = make_app()
    async with app.run_test(size=(200, 60)) as pilot:
        screen = await loaded(pilot)
        sizes = [(w, h) for w, h in zip(range(200, 19, -9), range(60, 4, -3), strict=False)]
        sizes += [(20, 5), *sizes[::-1]]
        for width, height in sizes:
            await pilot.resize_terminal(width, height)
            await pilot.pause()
            small = width < MIN_WIDTH or height < MIN_HEIGHT
            assert screen.has_class("-too-small") == small, (width, height)
            if small:
                message = str(screen.query_one("#too-small").render())
                assert f"have {width}×{height}" in message
        await pilot.press("j", "slash", *"musk", "escape", "3", "j")
        assert screen.selected is not None
