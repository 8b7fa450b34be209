"""The user's verdicts and notes as the app sees them: a view that changes at once,
and a store that saves in the background, one change after another.

Pressing a key updates ``verdicts``/``notes`` (what the panes read) immediately; the
save runs on a single thread, so changes reach the disk in the order they were made,
and ``shutdown`` waits for them, so quitting right after a key press loses nothing.
If a save fails, the view is reset from the store and the user is told why.

The store loads just after the first frame. A key that needs it (a verdict, a note, an
export) pressed before then is not dropped: ``when_ready`` holds it and runs it, in
order, the moment the store is attached.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TYPE_CHECKING, Any

from tui.core.model import Verdict
from tui.core.problems import Problem
from tui.ui import lifecycle

if TYPE_CHECKING:
    from concurrent.futures import ThreadPoolExecutor

    from textual.app import App
    from textual.dom import DOMNode

    from tui.core.corpus import Corpus
    from tui.core.userdata import UserStore


class StoryTakes:
    """The user's verdicts and notes on one story's claims, as they stand now."""

    def __init__(self, verdicts: Mapping[str, Verdict], notes: Mapping[str, str]) -> None:
        self.verdicts: Mapping[str, Verdict] = verdicts
        """Claim id → verdict (claims with none are absent)."""
        self._notes = notes

    def verdict(self, claim_id: str) -> Verdict | None:
        return self.verdicts.get(claim_id)

    def note(self, claim_id: str) -> str:
        return self._notes.get(claim_id, "")


class Takes:
    """One per app; ``store`` arrives from the load worker."""

    def __init__(self, app: App[None], on_change: Callable[[], None]) -> None:
        self.app = app
        self.on_change = on_change
        self.store: UserStore | None = None
        self.verdicts: dict[str, dict[str, Verdict]] = {}
        self.notes: dict[str, dict[str, str]] = {}
        self._executor: ThreadPoolExecutor | None = None
        self._pending: list[Callable[[], Any]] = []

    def story(self, story_id: str) -> StoryTakes:
        """The verdicts and notes on ``story_id``'s claims (a copy: it does not change)."""
        return StoryTakes(dict(self.verdicts.get(story_id, {})),
                          dict(self.notes.get(story_id, {})))

    @property
    def ready(self) -> bool:
        """The store has loaded: verdicts and notes can be read and changed."""
        return self.store is not None

    def when_ready(self, node: DOMNode, action: Callable[[], Any]) -> None:
        """Run ``action`` now if the store is here, else as soon as it is (in order).

        Held actions are gated on ``node`` (``tui.ui.lifecycle``): one whose screen has
        gone, or that comes due while the app exits, is dropped.
        """
        if self.ready:
            action()
        else:
            self._pending.append(lifecycle.gate(node, action))

    def attach(self, store: UserStore, problems: list[Problem], showing: Corpus | None) -> None:
        """Take the loaded ``store``, show the takes on the story ``showing``, then run
        the actions held for it."""
        self.store = store
        for problem in problems:
            self.app.notify(str(problem), title="Your verdicts", severity="error", timeout=15,
                            markup=False)
        if showing is not None:
            self.sync(showing.story.id, frozenset(c.id for c in showing.claims))
            self.on_change()
        pending, self._pending = self._pending, []
        for action in pending:
            action()

    def sync(self, story_id: str, claim_ids: frozenset[str]) -> None:
        """Copy one story's takes from the store; tell the user about orphaned ones."""
        if self.store is None:
            return
        self._copy_from_store(story_id)
        orphans = self.store.orphans(story_id, claim_ids)
        if orphans:
            self.app.notify(f"{len(orphans)} of your verdicts are on claims this story no "
                            "longer has; they are kept in your file and listed in exports.",
                            severity="warning", timeout=10, markup=False)

    def set_verdict(self, story_id: str, claim_id: str, verdict: Verdict | None) -> None:
        """Show the verdict at once and save it in the background, in order."""
        view = self.verdicts.setdefault(story_id, {})
        if verdict is None:
            view.pop(claim_id, None)
        else:
            view[claim_id] = verdict

        self._save(story_id, lambda store: store.set_verdict(story_id, claim_id, verdict))

    def set_note(self, story_id: str, claim_id: str, note: str) -> None:
        view = self.notes.setdefault(story_id, {})
        if note.strip():
            view[claim_id] = note.strip()
        else:
            view.pop(claim_id, None)
        self._save(story_id, lambda store: store.set_note(story_id, claim_id, note))

    @property
    def _saver(self) -> ThreadPoolExecutor:
        """One thread for saves, in order; made on the first (not on the start-up path)."""
        if self._executor is None:
            from concurrent.futures import ThreadPoolExecutor

            self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="save")
        return self._executor

    def wait(self) -> None:
        """Block until every queued save is done (tests, and before exporting)."""
        self._saver.submit(lambda: None).result()

    def shutdown(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True)

    def _save(self, story_id: str, change: Callable[[UserStore], list[Problem]]) -> None:
        store = self.store
        if store is None:  # callers go through when_ready
            raise RuntimeError("a take was changed before the store loaded")

        def save() -> None:
            problems = change(store)
            if problems:
                lifecycle.call_from_thread(self.app, self._failed, story_id, problems)

        self._saver.submit(save)

    def _failed(self, story_id: str, problems: list[Problem]) -> None:
        for problem in problems:
            self.app.notify(str(problem), title="Not saved", severity="error", timeout=15,
                            markup=False)
        self._copy_from_store(story_id)
        self.on_change()

    def _copy_from_store(self, story_id: str) -> None:
        """Make the view of one story's takes match what the store holds."""
        if self.store is None:
            return
        takes = self.store.takes(story_id)
        self.verdicts[story_id] = {c: t.verdict for c, t in takes.items() if t.verdict}
        self.notes[story_id] = {c: t.note for c, t in takes.items() if t.note}
