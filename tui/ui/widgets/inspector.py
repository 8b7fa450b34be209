"""The inspector pane: everything about the selected item, and its links to follow.

It shows what the screen gives it (``show``) and never looks elsewhere; a link is
followed by the screen when the links list posts ``RowList.Selected``.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical

from tui.ui.widgets.row_list import Column, Row, RowList
from tui.ui.widgets.text_view import TextView

LINK_COLUMNS = (Column("Kind", 9), Column("Linked item"))


class Inspector(Vertical):
    """Details on top, links below."""

    DEFAULT_CSS = """
    Inspector {
        & > #inspector-body { height: 1fr; padding: 0 1; }
        & > #links { height: 40%; border-top: hkey $foreground 30%; }
    }
    """

    def compose(self) -> ComposeResult:
        yield TextView(id="inspector-body")  # the screen fills it in
        yield RowList(LINK_COLUMNS, id="links", empty_text="")  # until the first show

    def show(self, body: Text, links: list[Row]) -> None:
        """Show an item; fixed sizes, so the screen never has to re-layout for it."""
        self.query_one("#inspector-body", TextView).update(body)
        links_list = self.query_one("#links", RowList)
        links_list.empty_text = "no links"
        links_list.set_rows(links, reset=True)
