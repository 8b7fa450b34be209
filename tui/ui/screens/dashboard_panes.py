"""The dashboard's panes: Tab, the number keys, which pane is active, what is around them.

A mixin of ``DashboardScreen``: the four panes in their order, their bordered boxes,
focus cycling (the GPU pane counts as two stops, its table and its fleets), the
``-active`` classes that the stylesheet and the compact layout's tabs follow; and the
widgets around the panes that the first frame goes without (the size message, the
search box, the filter bar), mounted on first use.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TypeVar

from rich.text import Text
from textual.widget import Widget
from textual.widgets import Footer, Static

from tui.ui.lifecycle import ScreenMixin
from tui.ui.widgets.filter_bar import FilterBar, SearchBox
from tui.ui.widgets.inspector import Inspector
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import RowList

if TYPE_CHECKING:
    from textual.reactive import reactive


PANES = ("claims", "gpus", "reactions", "inspector")
PANE_TITLES = {"claims": "Claims", "gpus": "GPU comparison", "reactions": "Reactions",
               "inspector": "Inspector"}
PANE_BOX = {"claims": "claims", "gpus": "pane-gpus", "reactions": "reactions",
            "inspector": "inspector"}
"""The id of each pane's bordered box: the claims and reactions lists and the inspector
are their own boxes (a wrapping container would be one more widget to mount, style and
draw in the first frame); the GPU pane holds two lists."""
LISTS = ("claims", "gpus", "fleets", "reactions")
"""The dashboard's lists of items, in focus order."""
_W = TypeVar("_W", bound=Widget)


class PaneFocus(ScreenMixin):
    """Focus between the panes, and the active pane's marks."""

    if TYPE_CHECKING:
        active_pane: reactive[str]

    def _title_panes(self) -> None:
        """Number each pane's border title: the number key that jumps to it."""
        for number, pane in enumerate(PANES, start=1):
            self._pane(pane).border_title = f"{number} {PANE_TITLES[pane]}"

    def _focus_order(self) -> list[RowList]:
        return [*(self.query_one(f"#{name}", RowList)
                  for name in LISTS),
                self.query_one(Inspector).ensure_links()]

    def action_focus_next_pane(self) -> None:
        self._cycle_focus(1)

    def action_focus_previous_pane(self) -> None:
        self._cycle_focus(-1)

    def _cycle_focus(self, step: int) -> None:
        order = self._focus_order()
        current = self.focused
        index = order.index(current) if current in order else -step
        self.set_focus(order[(index + step) % len(order)])

    def action_pane(self, pane: str) -> None:
        target = (self.query_one(Inspector).ensure_links() if pane == "inspector"
                  else self.query_one(f"#{pane}", RowList))
        self.set_focus(target)
        self.active_pane = pane

    def _sync_active_pane(self) -> None:
        focused = self.focused
        if focused is None:
            return
        for pane in PANES:
            if self._pane(pane) in focused.ancestors_with_self:
                self.active_pane = pane
                return

    def watch_active_pane(self) -> None:
        for pane in PANES:
            self._pane(pane).set_class(pane == self.active_pane, "-active")
        top = self.active_pane in ("claims", "reactions")
        self.query_one("#top").set_class(top, "-holds-active")
        self.query_one("#bottom").set_class(not top, "-holds-active")
        self._update_tabs()
        if self.maximized is not None:  # the screen stays whole: the new pane fills it
            self.maximize(self._pane(self.active_pane), container=False)

    def _pane(self, pane: str) -> Widget:
        return self.query_one(f"#{PANE_BOX[pane]}")

    def _update_tabs(self) -> None:
        tabs = Text()
        for number, pane in enumerate(PANES, start=1):
            label = f" {number} {PANE_TITLES[pane]} "
            tabs.append(label, "reverse bold" if pane == self.active_pane else "dim")
            tabs.append(" ")
        self.query_one(Masthead).set_tabs(tabs)

    # -- widgets the first frame goes without

    def _ensure(self, widget_id: str, kind: type[_W]) -> _W:
        """The ``kind`` widget ``widget_id``, mounted now if it is not yet.

        The size message, the search box and the filter bar are not in the first frame
        (each widget there costs about a millisecond to mount, style and draw). They
        are mounted just after it, or the moment one is wanted if that is sooner,
        always before the footer (their order does not matter: they never overlap).
        """
        mounted = self.query(f"#{widget_id}")
        if mounted:
            return mounted.first(kind)
        widget = kind(id=widget_id)
        self.mount(widget, before=self.query_one(Footer))
        return widget

    def ensure_size_message(self) -> Static:
        return self._ensure("too-small", Static)

    def ensure_search_box(self) -> SearchBox:
        return self._ensure("search", SearchBox)

    def ensure_filter_bar(self) -> FilterBar:
        return self._ensure("filter-bar", FilterBar)
