"""The command palette: Textual's own, with paging that cannot crash.

Textual 8.2.8's ``OptionList`` pages by looking up the highlighted option's line, and
those lines are only worked out once the list has a size. The palette's command list
is often there with options but no size (hidden while nothing is typed, or not laid
out yet), and PageUp/PageDown then raised ``KeyError: 0`` out of ``_move_page``, which
ended the app. Here paging is asked for only where the list has room to show lines,
and done after the next frame, when Textual has worked them out. Like every pushed
screen it is ``Transient`` (``tui.ui.lifecycle``): what was typed just before it closed
does not start a search in a palette whose widgets are going.
Pinned by ``tests/ui/test_palette.py``; re-check on a Textual upgrade.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.command import CommandList, CommandPalette
from textual.message import Message
from textual.widgets import Input, OptionList

from tui.ui import lifecycle


class Palette(lifecycle.Transient, CommandPalette):
    """The command palette, with guarded PageUp/PageDown."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("pagedown", "page(1)", "Next page", show=False),
        Binding("pageup", "page(-1)", "Previous page", show=False),
    ]

    def action_page(self, direction: int) -> None:
        """Page the command list down (1) or up (-1), if it shows any lines."""
        if self._can_page():
            lifecycle.call_after_refresh(self, self._page, direction)

    @on(Input.Changed)
    @on(Input.Submitted)
    @on(OptionList.OptionSelected)
    def _after_dismissal(self, event: Message) -> None:
        """Typing, Enter or a pick already on its way when the palette closed: Textual's
        handlers would search again (querying widgets that are going) or run the chosen
        command a second time."""
        if self.dismissed:
            event.prevent_default()
            event.stop()

    def _can_page(self) -> bool:
        commands = self.query_one(CommandList)
        return commands.option_count > 0 and bool(commands.scrollable_content_region)

    def _page(self, direction: int) -> None:
        if self._can_page():
            commands = self.query_one(CommandList)
            if direction > 0:
                commands.action_page_down()  # type: ignore[no-untyped-call]
            else:
                commands.action_page_up()  # type: ignore[no-untyped-call]
