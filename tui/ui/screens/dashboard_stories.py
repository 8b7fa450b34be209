"""The dashboard's story: showing one, switching to another, and the archive's count.

A mixin of ``DashboardScreen``. Each story keeps its own place: the item selected and
the way back (``history``) are put aside when another story opens and come back with
it, so a switch through the picker or the palette never mixes two stories' trails.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.text import one_line
from tui.ui.lifecycle import ScreenMixin
from tui.ui.planner import RowPlanner
from tui.ui.widgets.gpu_pane import GpuPane
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import RowList

if TYPE_CHECKING:
    from tui.core.model import Stance
    from tui.ui import rows as build


class StorySwitch(ScreenMixin):
    """Show a story, keep each story's place, show the archive's count."""

    corpus: Corpus | None
    history: list[str]
    kept: dict[str, tuple[str | None, list[str]]]
    selected: str | None
    search_query: str
    stance_filter: Stance | None
    _planner: RowPlanner[build.Plan] | None
    _first_frame_pending: bool
    _archive: str
    if TYPE_CHECKING:

        def follow(self, item_id: str) -> None: ...
        def refresh_rows(self, typing: bool = False) -> None: ...
        def _prepare_search(self) -> None: ...

    def show_story(self, corpus: Corpus, select: str | None = None) -> None:
        """Show ``corpus``: search and filters start afresh, the selection and history
        are the ones it had when it was last shown; then ``select`` is selected."""
        left = self.corpus
        if left is not None and left.story.id != corpus.story.id:
            self.kept[left.story.id] = (self.selected, list(self.history))
        self.corpus = corpus
        self._planner = RowPlanner(len(corpus))
        self.history.clear()
        for name in ("claims", "reactions"):
            self.query_one(f"#{name}", RowList).empty_text = f"no {name} match"
        self.query_one(GpuPane).show_story(corpus)
        story = corpus.story
        self.query_one(Masthead).set_story(
            one_line(story.title), (fmt.when(story.date, False), one_line(story.publisher)))
        if not self._first_frame_pending:
            self._prepare_search()
        self.search_query = ""
        self.stance_filter = None
        self.selected = None
        self.refresh_rows()
        claims = self.query_one("#claims", RowList)
        self.set_focus(claims)
        if claims.current_key:
            self.selected = claims.current_key
        selected, history = self.kept.pop(corpus.story.id, (None, []))
        if selected is not None:
            self.follow(selected)
            self.history[:] = history
        if select is not None:
            self.follow(select)

    def show_archive(self, progress: str) -> None:
        """The archive's count on the story line (``12/200 stories``).

        Drawn only while the dashboard is on top: under the picker, a masthead that
        changed made Textual draw the whole screen again (~90 ms at each batch of the
        background load); the count catches up when the dashboard is back on top.
        """
        self._archive = progress
        if self.app.screen is self:
            self.query_one(Masthead).set_archive(progress)
