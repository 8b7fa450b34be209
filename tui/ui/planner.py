"""When and where the dashboard's rows are worked out, and which lists a new plan changes.

No Textual here: the screen asks ``RowPlanner.request`` how to make the plan for the
current search, stance filter and verdicts, makes it (on the UI thread, or in a worker
for ``Route.WORKER``), and hands it to ``accept``, which says which lists to refill (or
``None`` for a plan that a newer request has overtaken).

Where a plan is made is decided by its cost, not by the story's size alone: a search
the UI thread would spend more than ``UI_BUDGET_S`` on goes to the worker. The cost
per item searched is measured on every search plan, wherever it is made (``record``),
and once in the background right after the story's search text is built, so the
first keystroke already has a measurement. A search is predicted at its worst, over
the whole story: typing on narrows the previous result, but a new search does not.
Until a measurement, a search of a story whose search text is not built yet goes to
the worker from ``SMALL_STORY`` items (building it takes ~10 µs an item), and any
search from ``LARGE_STORY``.
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import Enum
from typing import Generic, NamedTuple, Protocol, TypeVar

from tui.core.model import Stance

LARGE_STORY = 20_000
"""Items from which a search runs in a worker until a measurement says otherwise."""
HUGE_STORY = 100_000
"""Items from which every replan but the first runs in a worker (~100 ms of work)."""
UI_BUDGET_S = 0.025
"""The most a plan may take on the UI thread: a key is answered well within 50 ms."""
SMALL_STORY = 2_000
"""Items below which even building the search text is quick (~20 ms)."""


class Route(Enum):
    REUSE = "reuse"
    """The whole story's plan, made before: shown again as it is."""
    UI = "ui"
    """Quick enough to make on the UI thread, in the key's own frame."""
    WORKER = "worker"
    """Made in a worker; the filter bar says "filtering…" meanwhile."""


class Planned(Protocol):
    """What the planner needs to know of a plan."""

    @property
    def query(self) -> str: ...
    @property
    def stance(self) -> Stance | None: ...
    @property
    def verdicts(self) -> Mapping[str, str]: ...


P = TypeVar("P", bound=Planned)


class Changes(NamedTuple):
    """Which lists a plan changes (refilling a list redraws all of it)."""

    claims: bool
    reactions: bool
    gpus_and_fleets: bool


class RowPlanner(Generic[P]):
    """The plans of one story: the one shown, the whole story's, and the newest asked."""

    def __init__(self, size: int) -> None:
        self.size = size
        self.generation = 0
        self.shown: P | None = None
        self.whole: P | None = None
        self.seconds_per_item: float | None = None
        """Measured cost of a plan made on the UI thread, per item of the story."""

    def request(self, query: str, stance: Stance | None, verdicts: Mapping[str, str],
                search_ready: bool) -> tuple[int, Route]:
        """A new request: its generation, and how its plan is to be made."""
        self.generation += 1
        searching = bool(query.split())
        whole = self.whole
        if whole is not None and not searching and stance is None and \
                whole.verdicts == verdicts:
            return self.generation, Route.REUSE
        if self.shown is not None and self.size >= HUGE_STORY:
            return self.generation, Route.WORKER
        if searching and self._search_is_slow(search_ready):
            return self.generation, Route.WORKER
        return self.generation, Route.UI

    def _search_is_slow(self, search_ready: bool) -> bool:
        if self.seconds_per_item is not None and search_ready:
            return self.seconds_per_item * self.size > UI_BUDGET_S
        if not search_ready:
            return self.size >= SMALL_STORY
        return self.size >= LARGE_STORY

    def record(self, plan: P, seconds: float, searched: int) -> None:
        """A plan, what it took and how many items its search looked at (the whole
        story's plan is kept, to be shown again)."""
        if plan.query:
            self.record_search(seconds, searched)
        elif plan.stance is None:
            self.whole = plan

    def record_search(self, seconds: float, searched: int) -> None:
        """What a search that looked at ``searched`` items took (none: it was answered
        from memory, which says nothing of what a search costs)."""
        if searched:
            self.seconds_per_item = seconds / searched

    def accept(self, generation: int, plan: P) -> Changes | None:
        """Show ``plan``? ``None`` if a newer request has been made since; else which
        lists it changes, compared with the plan shown until now."""
        if generation != self.generation:
            return None
        shown = self.shown
        self.shown = plan
        if shown is None or shown.query != plan.query:
            return Changes(True, True, True)
        return Changes(claims=shown.verdicts != plan.verdicts,
                       reactions=shown.stance is not plan.stance, gpus_and_fleets=False)
