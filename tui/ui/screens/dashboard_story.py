"""Putting a story on the dashboard: another one, or the same one saved again; the
archive's count.

A mixin of ``DashboardScreen``. ``show_story`` opens a story with search and filters
cleared (``o``, the palette, the first story); each story keeps its own place: the item
selected and the way back (``history``) are put aside when another story opens and
come back with it, so a switch never mixes two stories' trails. Under ``--watch`` a
saved story comes back with ``keep``: the selection, the search, the stance filter,
the GPU baseline and the inspector's way back stay where their items still exist, and
focus stays where it was. The problems panel (``widgets/problems_panel.py``) is
mounted here the first time a saved file has a problem.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from textual.reactive import Reactive
from textual.widgets import Footer

from tui.core import formatting as fmt
from tui.core.corpus import Corpus
from tui.core.problems import Problem
from tui.core.text import one_line
from tui.ui import rows as build
from tui.ui.lifecycle import ScreenMixin
from tui.ui.planner import RowPlanner
from tui.ui.widgets.gpu_pane import GpuPane
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.problems_panel import ProblemsPanel
from tui.ui.widgets.row_list import RowList


class StoryShown(ScreenMixin):
    """Show a story, new or saved again, and the saved files' problems."""

    corpus: Corpus | None
    history: list[str]
    kept: dict[str, tuple[str | None, list[str]]]
    """Each story left: its selection and history, for when it is opened again."""
    columns: build.StoryColumns
    _planner: RowPlanner[build.Plan] | None
    _first_frame_pending: bool
    _archive: str
    if TYPE_CHECKING:
        selected: str | None
        search_query: str
        stance_filter: Any

        def _prepare_search(self) -> None: ...
        def refresh_rows(self, typing: bool = False) -> None: ...
        def watch_selected(self, item_id: str | None) -> None: ...
        def follow(self, item_id: str) -> None: ...

    def show_story(self, corpus: Corpus, select: str | None = None, keep: bool = False) -> None:
        """Show ``corpus``: afresh (search and filters cleared, the selection and history
        it had when last shown, then ``select`` selected), or with ``keep`` as the same
        story saved again (search, filter, selection and baseline kept where they can)."""
        left = self.corpus
        if not keep and left is not None and left.story.id != corpus.story.id:
            self.kept[left.story.id] = (self.selected, list(self.history))
        gpu_pane = self.query_one(GpuPane)
        baseline = gpu_pane.baseline if keep else None
        selected = self.selected if keep else None
        self.corpus = corpus
        self._planner = RowPlanner(len(corpus))
        self.history[:] = [item for item in self.history if item in corpus] if keep else []
        for name in ("claims", "reactions"):  # a new story may have none yet
            self.query_one(f"#{name}", RowList).empty_text = (
                f"no {name} match" if getattr(corpus, name) else f"no {name} in this story yet")
        self.columns = build.story_columns(corpus)  # names as wide as this story's
        self.query_one("#reactions", RowList).set_columns(self.columns.reactions)
        gpu_pane.show_story(corpus)
        if baseline is not None and baseline in corpus:
            gpu_pane.set_reactive(GpuPane.baseline, baseline)
        story = corpus.story
        self.query_one(Masthead).set_story(
            one_line(story.title), (fmt.when(story.date, False), one_line(story.publisher)))
        if not self._first_frame_pending:
            self._prepare_search()
        if keep:
            self._show_again(selected)
            return
        self.search_query = ""
        self.stance_filter = None
        self.selected = None
        self.refresh_rows()
        claims = self.query_one("#claims", RowList)
        self.set_focus(claims)
        if claims.current_key:
            self.selected = claims.current_key
        before, history = self.kept.pop(corpus.story.id, (None, []))
        if before is not None:
            self.follow(before)
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

    def _show_again(self, selected: str | None) -> None:
        """The rows of the saved story under the same search and filter, the same item
        selected if it is still there (else the row under the focused list's cursor),
        its links and inspector worked out again from the new story."""
        self.refresh_rows()
        corpus = self.corpus
        if selected is None or corpus is None or selected not in corpus:
            focused = self.focused
            selected = focused.current_key if isinstance(focused, RowList) else None
        descriptor: Reactive[str | None] = type(self).selected  # type: ignore[assignment]
        self.set_reactive(descriptor, selected)
        self.watch_selected(selected)  # the same id: the watcher would not run

    def show_problems(self, problems: Sequence[Problem], kept: str | None) -> None:
        """The saved files' problems in the panel (mounted on first use); none hides it."""
        found = self.query("#problems")
        if not found and not problems:
            return
        panel = found.first(ProblemsPanel) if found else ProblemsPanel(id="problems")
        if not found:
            self.mount(panel, before=self.query_one(Footer))
        panel.show_problems(problems, kept)
