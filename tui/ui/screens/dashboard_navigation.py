"""The inspector's navigation: following a link to an item, and the way back.

A mixin of ``DashboardScreen``. ``follow`` selects an item in its own pane (clearing a
search or a filter that hides it), or, for an actor, a source or a note, in the
inspector alone, and remembers where it came from; Esc (``action_back``) goes back
along that trail, then clears the search and the filters, then the selection. Each
story keeps its own trail (``dashboard_story``).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core.corpus import Corpus
from tui.ui.lifecycle import ScreenMixin
from tui.ui.widgets.inspector import Inspector
from tui.ui.widgets.row_list import RowList

if TYPE_CHECKING:
    from tui.core.model import Stance
    from tui.ui.widgets.filter_bar import SearchBox

LIST_OF_KIND = {"claim": "claims", "gpu": "gpus", "fleet": "fleets", "reaction": "reactions"}
"""The pane each kind of item is listed in (the others open in the inspector alone)."""


class Navigation(ScreenMixin):
    """Follow links, and go back the way they came."""

    corpus: Corpus | None
    history: list[str]
    """The items followed from, most recent last."""
    if TYPE_CHECKING:
        selected: str | None
        search_query: str
        stance_filter: Stance | None

        def clear_filters(self) -> None: ...
        def ensure_search_box(self) -> SearchBox: ...

    def follow(self, item_id: str) -> None:
        """Select ``item_id``: in its own pane when it has one, else in the inspector."""
        corpus = self.corpus
        if corpus is None or item_id not in corpus:
            return
        if self.selected:
            self.history.append(self.selected)
        list_name = LIST_OF_KIND.get(corpus.kind_of(item_id) or "")
        if list_name:
            row_list = self.query_one(f"#{list_name}", RowList)
            if row_list.index_of(item_id) is None and (self.search_query or self.stance_filter):
                self.clear_filters()
            # A maximised inspector stays where it is: the item reads there as a page.
            if row_list.move_to(item_id) and not self.query_one(Inspector).is_maximized:
                self.set_focus(row_list)
        self.selected = item_id

    def action_back(self) -> None:
        """Esc: close the search box, else back along the trail, else clear the search
        and filters, else the selection."""
        if self.ensure_search_box().has_focus:
            self.clear_filters()
            self.set_focus(self.query_one("#claims", RowList))
            return
        if self.history:
            previous = self.history.pop()
            depth = len(self.history)
            self.follow(previous)
            del self.history[depth:]  # what follow() pushed: the item we came back from
            return
        if self.search_query or self.stance_filter:
            self.clear_filters()
        elif self.selected:
            self.selected = None
