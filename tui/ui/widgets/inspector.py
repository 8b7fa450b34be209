"""The inspector pane: everything about the selected item, and its links to follow.

It shows what the screen gives it (``show``) and never looks elsewhere; a link is
followed by the screen when the links list posts ``RowList.Selected``.
"""

from __future__ import annotations

from rich.text import Text
from textual.containers import Vertical

from tui.ui.widgets.row_list import Column, Row, RowList
from tui.ui.widgets.text_view import TextFor, TextView

LINK_COLUMNS = (Column("Kind", 9), Column("Linked item"))


class Inspector(Vertical):
    """Details on top, links below.

    Both are mounted by the first ``show``: the dashboard's first frame goes out before
    anything is inspected, and two widgets fewer in it saved about 6 ms of start-up.
    """

    ALLOW_MAXIMIZE = True  # z: the whole screen, to read an item as a page

    DEFAULT_CSS = """
    Inspector {
        & > #inspector-body { height: 1fr; padding: 0 1; }
        & > #links { height: 40%; border-top: hkey $foreground 30%; }
        &.-maximized > #links { height: 30%; min-height: 5; }
    }
    """

    def show(self, body: TextFor, links: list[Row]) -> None:
        """Show an item; fixed sizes, so the screen never has to re-layout for it.

        ``body`` may be a function of the width (see ``TextView``).
        """
        if not self.children:
            self.mount(TextView(body, id="inspector-body"),
                       RowList(LINK_COLUMNS, id="links", empty_text="no links", rows=links))
            return
        self.query_one("#inspector-body", TextView).update(body)
        self.query_one("#links", RowList).set_rows(links, reset=True)

    def ensure_links(self) -> RowList:
        """The links list, mounted now (empty) if nothing has been shown yet."""
        if not self.children:
            self.show(Text(), [])
        return self.query_one("#links", RowList)
