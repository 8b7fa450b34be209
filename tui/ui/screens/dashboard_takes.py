"""The user's take on the dashboard: the verdict and note keys, and where they show.

A mixin of ``DashboardScreen`` (its one other job, kept apart): ``v`` cycles the
verdict on the selected claim, ``n`` edits its note, both held until the takes have
loaded (``Takes.when_ready``); a change redraws the claims' "You" column, the tally in
the masthead and the inspector, and nothing else.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from tui.core.agreement import agreement
from tui.core.corpus import Corpus
from tui.core.model import next_verdict
from tui.ui import rows as build
from tui.ui.lifecycle import ScreenMixin
from tui.ui.takes import StoryTakes, Takes
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import Row, RowList

if TYPE_CHECKING:
    from textual.reactive import reactive


class TakeKeys(ScreenMixin):
    """The verdict and note keys of the dashboard, and the take tally.

    It reads the screen through its public names only (``corpus``, ``selected``,
    ``visible_items``, ``show_selection``); the screen calls its ``show_claims`` and
    ``show_take_tally``, and reads the takes through ``Takes.story``.
    """

    corpus: Corpus | None
    takes: Takes
    columns: build.StoryColumns
    if TYPE_CHECKING:
        selected: reactive[str | None]

        def visible_items(self) -> frozenset[str] | None: ...
        def show_selection(self) -> None: ...

    def _story_takes(self) -> StoryTakes | None:
        return None if self.corpus is None else self.takes.story(self.corpus.story.id)

    def show_claims(self, rows: Sequence[Row], any_verdicts: bool) -> None:
        """Fill the claims list; its "You" column is there once there is a verdict."""
        claims = self.query_one("#claims", RowList)
        claims.set_columns(self.columns.claim_columns(any_verdicts))
        claims.set_rows(rows)

    def show_take_tally(self) -> None:
        """The masthead's line comparing the user's verdicts with the reactions."""
        corpus, takes = self.corpus, self._story_takes()
        if corpus is not None and takes is not None:
            self.query_one(Masthead).show_take(agreement(corpus, takes.verdicts))

    def refresh_takes(self) -> None:
        """Show changed verdicts or notes: the claims' "You" column, the tally, the inspector.

        Only the claims list depends on the takes, so the other panes (and, on a large
        story, a search worker) are left alone.
        """
        corpus, takes = self.corpus, self._story_takes()
        if corpus is None or takes is None:
            return
        verdicts = dict(takes.verdicts)
        self.show_claims(build.claim_rows(corpus, self.visible_items(), verdicts),
                         bool(verdicts))
        self.show_take_tally()
        self.show_selection()

    def _selected_claim(self) -> str | None:
        if self.corpus is None or self.selected is None:
            return None
        if self.corpus.kind_of(self.selected) != "claim":
            self.notify("Select a claim first (pane 1)", severity="warning")
            return None
        return self.selected

    def _with_selected_claim(self, act: Callable[[Corpus, str], None]) -> None:
        """Run ``act`` on the story and the selected claim once the takes have loaded,
        unless another story was opened meanwhile."""
        claim_id, corpus = self._selected_claim(), self.corpus
        if claim_id is None or corpus is None:
            return

        def run() -> None:
            if corpus is self.corpus:
                act(corpus, claim_id)

        self.takes.when_ready(self, run)

    def action_verdict(self) -> None:
        """Cycle the verdict on the selected claim (once the takes have loaded)."""
        self._with_selected_claim(self._cycle_verdict)

    def _cycle_verdict(self, corpus: Corpus, claim_id: str) -> None:
        verdict = next_verdict(self.takes.story(corpus.story.id).verdict(claim_id))
        self.takes.set_verdict(corpus.story.id, claim_id, verdict)
        self.refresh_takes()

    def action_note(self) -> None:
        """Edit the note on the selected claim (once the takes have loaded)."""
        self._with_selected_claim(self._edit_note)

    def _edit_note(self, corpus: Corpus, claim_id: str) -> None:
        from tui.ui.screens.note import NoteEditor

        story_id = corpus.story.id

        def saved(note: str | None) -> None:
            if note is not None:
                self.takes.set_note(story_id, claim_id, note)
                self.show_selection()

        note = self.takes.story(story_id).note(claim_id)
        self.app.push_screen(NoteEditor(corpus.title_of(claim_id), note), saved)

