"""The dashboard's footer is whole at every width: the keys that fit, most useful first,
and every key still in the help and the palette (issue 23)."""

from __future__ import annotations

from itertools import pairwise

import pytest
from textual.widgets import Footer

from tests.ui.helpers import loaded, make_app
from tui.ui.commands import AppCommands
from tui.ui.screens.dashboard import DashboardScreen
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.key_footer import KeyFooter

SHOWN = {
    80: {"enter", "slash", "u", "z", "q", "question_mark"},
    120: {"enter", "slash", "u", "z", "q", "question_mark", "f", "c", "v", "m"},
    160: {"enter", "slash", "u", "z", "q", "question_mark", "f", "c", "v", "m", "n", "t", "w"},
}
"""The footer's keys on the claims pane at each width (the module docstring's table)."""


def _labels(footer: Footer) -> list[tuple[int, int, str]]:
    """(left, right, text) of each key in the footer, as drawn."""
    return [(key.region.x, key.region.right, str(key.render()).strip())
            for key in footer.children]


@pytest.mark.parametrize("width", [80, 120, 160])
@pytest.mark.parametrize("pane", ["1", "2", "4"])
async def test_every_key_in_the_footer_is_whole(width: int, pane: str) -> None:
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press(pane)
        await pilot.pause()
        await pilot.pause()
        footer = screen.query_one(KeyFooter)
        keys = _labels(footer)
        palette = footer.query_one(".-command-palette")
        assert palette.region.right == width
        assert keys and all(right <= palette.region.x for _, right, text in keys
                            if not text.endswith("palette"))
        lefts = sorted(keys)
        assert all(a[1] <= b[0] for a, b in pairwise(lefts))  # no overlap
        assert {"q", "question_mark", "enter", "slash"} <= footer.shown_keys
        if pane == "1":
            assert footer.shown_keys == SHOWN[width]
        if pane == "2" and width >= 120:
            assert {"s", "b"} <= footer.shown_keys  # the GPU pane's own keys


async def test_the_footer_chooses_again_when_the_terminal_resizes() -> None:
    app = make_app()
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await loaded(pilot)
        footer = screen.query_one(KeyFooter)
        await pilot.pause()
        assert footer.shown_keys == SHOWN[160]
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        await pilot.pause()
        assert footer.shown_keys == SHOWN[120]
        assert max(right for _, right, _ in _labels(footer)) <= 120


async def test_every_dashboard_key_is_in_the_help_and_the_palette() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        shown = {text for text, _action, _help in AppCommands(screen)._commands()}
        assert "Open source in browser" in shown
        assert "Full screen: maximise or restore the focused pane" in shown
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        descriptions = {str(cell) for cell in app.screen.table.columns[1].cells}
        for binding in DashboardScreen.BINDINGS:
            assert binding.description in descriptions  # type: ignore[union-attr]
