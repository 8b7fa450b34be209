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
from tui.core.model import Verdict, next_verdict
from tui.ui import rows as build
from tui.ui.lifecycle import ScreenMixin
from tui.ui.takes import Takes
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import Row, RowList

if TYPE_CHECKING:
    from textual.reactive import reactive


class TakeKeys(ScreenMixin):
    """The verdict and note keys of the dashboard, and the take tally."""

    corpus: Corpus | None
    takes: Takes
    columns: build.StoryColumns
    if TYPE_CHECKING:
        selected: reactive[str | None]

        def _visible(self) -> frozenset[str] | None: ...
        def watch_selected(self, item_id: str | None) -> None: ...

    def _verdicts(self) -> dict[str, Verdict]:
        if self.corpus is None:
            return {}
        return dict(self.takes.verdicts.get(self.corpus.story.id, {}))

    def _note(self, claim_id: str) -> str:
        if self.corpus is None:
            return ""
        return self.takes.notes.get(self.corpus.story.id, {}).get(claim_id, "")

    def _show_claims(self, rows: Sequence[Row], any_verdicts: bool) -> None:
        """Fill the claims list; its "You" column is there once there is a verdict."""
        claims = self.query_one("#claims", RowList)
        claims.set_columns(self.columns.claim_columns(any_verdicts))
        claims.set_rows(rows)

    def _update_take_tally(self) -> None:
        corpus = self.corpus
        if corpus is None:
            return
        self.query_one(Masthead).show_take(agreement(corpus, self._verdicts()))

    def refresh_takes(self) -> None:
        """Show changed verdicts or notes: the claims' "You" column, the tally, the inspector.

        Only the claims list depends on the takes, so the other panes (and, on a large
        story, a search worker) are left alone.
        """
        corpus = self.corpus
        if corpus is None:
            return
        verdicts = self._verdicts()
        self._show_claims(build.claim_rows(corpus, self._visible(), verdicts), bool(verdicts))
        self._update_take_tally()
        self.watch_selected(self.selected)

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
        verdict = next_verdict(self._verdicts().get(claim_id))
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
                self.watch_selected(self.selected)

        self.app.push_screen(NoteEditor(corpus.title_of(claim_id), self._note(claim_id)), saved)

