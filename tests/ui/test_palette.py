"""The command palette pages without crashing, even before its list has any lines.

Textual 8.2.8's ``OptionList._move_page`` raises ``KeyError: 0`` when asked to page a
list that has options but no size (and so no lines yet); in the palette that ended the
app (found by the random-key run in a real terminal). ``tui.ui.palette`` guards it.
"""

from __future__ import annotations

import pytest
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot

from tests.ui.helpers import loaded, make_app
from tui.ui.app import DeepseekApp
from tui.ui.palette import Palette


async def _palette_with_unlaid_options(app: DeepseekApp, pilot: Pilot[None]) -> CommandList:
    """The open palette's command list, with options but no height, so no lines."""
    await loaded(pilot)
    await pilot.press("ctrl+p")
    await pilot.pause(0.2)
    commands = app.screen.query_one(CommandList)
    commands.styles.height = 0
    await pilot.pause()
    commands.clear_options()
    commands.add_options(["one", "two", "three"])
    commands.highlighted = 0
    assert commands.option_count == 3 and not commands.scrollable_content_region
    return commands


@pytest.mark.parametrize("key", ["pagedown", "pageup", "ctrl+home", "ctrl+end"])
async def test_paging_a_list_with_no_lines_yet_does_nothing(key: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        commands = await _palette_with_unlaid_options(app, pilot)
        assert isinstance(app.screen, Palette)
        await pilot.press(key)
        await pilot.pause()
        assert isinstance(app.screen, Palette) and commands.option_count == 3
    # (an exception in the app would have been raised here, as run_test ends)


async def test_paging_a_list_with_lines_moves_the_highlight() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p", *"a")
        await pilot.pause(0.3)
        commands = app.screen.query_one(CommandList)
        assert commands.option_count > 10 and commands.scrollable_content_region
        start = commands.highlighted or 0
        await pilot.press("pagedown")
        await pilot.pause()
        assert (commands.highlighted or 0) > start


async def test_textual_still_needs_the_guard(monkeypatch: pytest.MonkeyPatch) -> None:
    """Textual's own palette still crashes here. When this fails, Textual has fixed
    it: drop ``tui.ui.palette``'s paging guard and this test."""
    monkeypatch.setattr(DeepseekApp, "action_command_palette",
                        lambda self: self.push_screen(CommandPalette(id="--command-palette")))
    app = make_app()
    with pytest.raises(KeyError):
        async with app.run_test(size=(120, 40)) as pilot:
            await _palette_with_unlaid_options(app, pilot)
            await pilot.press("pagedown")
            await pilot.pause()


async def test_the_palette_opens_again_while_the_last_one_is_still_closing() -> None:
    """Textual opens its palette with a fixed id; Ctrl+P again before the palette just
    closed was removed raised DuplicateIds (found by the real-terminal random keys)."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.action_command_palette()
        await pilot.pause()
        closing = app.screen
        assert isinstance(closing, Palette)
        closing.dismiss()
        app.action_command_palette()  # in the same tick: the first is not removed yet
        await pilot.pause()
        assert isinstance(app.screen, Palette) and app.screen is not closing
