"""What is worked out once per story, beside its items: reply orders, search text, last search.

A ``Corpus`` is frozen; these are derived from it and would be costly to derive again
on every key (on a 100,000-item story the reply order alone is tens of milliseconds).
Each ``Corpus`` owns one ``CorpusIndex``, so nothing is shared between stories or
between apps in one process, and it lives exactly as long as its story.

Thread rules:

- ``reply_order`` is computed in ``Corpus.build``, that is in whichever thread loads
  the story (the load worker, or the UI thread for a small cached story), before the
  corpus is handed to anyone else. It is never written again: any thread may read it.
- ``haystack`` (each item's search text) is built once, under ``building``, and
  ``findable`` with it, before it.
  ``prepare_search`` builds it off the UI thread ahead of the first search; a search
  in a worker that comes while it is being built waits for that build (on 200,000
  items it takes half a second) instead of building it a second time.
- ``by_stance`` (the reply order of one stance's reactions) is filled one stance at a
  time, by whichever thread first filters by that stance, with a whole tuple: a reader
  sees it or not, never half of it. Two threads filling the same stance at once both
  store the same value, so no lock is needed.
- ``last_search`` is one ``(query, result)`` tuple, replaced whole by each search,
  so a reader sees either the old pair or the new one, never half of each.
  ``last_scanned`` (how many items that search looked at: fewer when it narrowed
  the previous one's result) is one int; it is read just after one's own search, for
  the planner's cost per item, and a search in between only blurs that estimate.
"""

from __future__ import annotations

import threading
from collections.abc import Mapping, Sequence
from typing import NamedTuple

from tui.core.model import Reaction, Stance


class Threaded(NamedTuple):
    """A reaction in reply order, with how deep it sits under what it answers."""

    reaction: Reaction
    depth: int


class CorpusIndex:
    """The derived state of one corpus (see the module docstring for its thread rules)."""

    __slots__ = ("building", "by_stance", "findable", "haystack", "last_scanned",
                 "last_search", "reply_order")

    def __init__(self, reactions: Sequence[Reaction]) -> None:
        self.reply_order: tuple[Threaded, ...] = reply_order(reactions)
        self.by_stance: dict[Stance, tuple[Threaded, ...]] = {}
        self.haystack: Mapping[str, str] | None = None
        self.findable: tuple[tuple[str, str], ...] = ()
        """The search text of the claims, reactions and actors (what a search across
        stories looks in), as (id, text) pairs; built with ``haystack``."""
        self.building = threading.Lock()
        self.last_search: tuple[str, frozenset[str]] | None = None
        self.last_scanned = 0

    def stance_order(self, stance: Stance) -> tuple[Threaded, ...]:
        """The reply order of the reactions with ``stance`` (see ``shown_in_order``).

        Worked out the first time a stance is filtered by, then kept: a stance filter
        on a 100,000-item story went over every reaction five times per key.
        """
        order = self.by_stance.get(stance)
        if order is None:
            order = shown_in_order([t for t in self.reply_order
                                    if t.reaction.stance is stance])
            self.by_stance[stance] = order
        return order


def shown_in_order(order: Sequence[Threaded]) -> tuple[Threaded, ...]:
    """Part of a reply order, in the same order, each reaction indented only under the
    ancestors that are part of it too (a reply whose parent is not shown is a root)."""
    depth: dict[str, int] = {}
    shown = []
    for reaction, _ in order:
        parent = reaction.replies_to
        level = depth[parent] + 1 if parent in depth else 0
        depth[reaction.id] = level
        shown.append(Threaded(reaction, level))
    return tuple(shown)


def reply_order(reactions: Sequence[Reaction]) -> tuple[Threaded, ...]:
    """Reactions with each reply right under what it replies to, and its depth.

    Iterative, so a reply chain thousands deep cannot exhaust the stack; a reaction in
    a reply loop (or replying to itself) still shows, as a root.
    """
    present = {r.id for r in reactions}
    children: dict[str, list[Reaction]] = {}
    roots: list[Reaction] = []
    for reaction in reactions:
        parent = reaction.replies_to
        if parent in present and parent != reaction.id:
            children.setdefault(parent, []).append(reaction)
        else:
            roots.append(reaction)
    ordered: list[Threaded] = []
    seen: set[str] = set()
    for start in (*roots, *reactions):  # anything left in a loop still shows
        if start.id in seen:
            continue
        stack = [(start, 0)]
        while stack:
            reaction, level = stack.pop()
            if reaction.id in seen:
                continue
            seen.add(reaction.id)
            ordered.append(Threaded(reaction, level))
            kids = children.get(reaction.id)
            if kids:
                stack.extend([(kid, level + 1) for kid in reversed(kids)])
    return tuple(ordered)
