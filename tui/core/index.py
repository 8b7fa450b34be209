"""What is worked out once per story, beside its items: reply order, search text, last search.

A ``Corpus`` is frozen; these are derived from it and would be costly to derive again
on every key (on a 100,000-item story the reply order alone is tens of milliseconds).
Each ``Corpus`` owns one ``CorpusIndex``, so nothing is shared between stories or
between apps in one process, and it lives exactly as long as its story.

Thread rules:

- ``reply_order`` is computed in ``Corpus.build``, that is in whichever thread loads
  the story (the load worker, or the UI thread for a small cached story), before the
  corpus is handed to anyone else. It is never written again: any thread may read it.
- ``haystack`` (each item's search text) is built once, under ``building``.
  ``prepare_search`` builds it off the UI thread ahead of the first search; a search
  in a worker that comes while it is being built waits for that build (on 200,000
  items it takes half a second) instead of building it a second time.
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

from tui.core.model import Reaction


class Threaded(NamedTuple):
    """A reaction in reply order, with how deep it sits under what it answers."""

    reaction: Reaction
    depth: int


class CorpusIndex:
    """The derived state of one corpus (see the module docstring for its thread rules)."""

    __slots__ = ("building", "haystack", "last_scanned", "last_search", "reply_order")

    def __init__(self, reactions: Sequence[Reaction]) -> None:
        self.reply_order: tuple[Threaded, ...] = reply_order(reactions)
        self.haystack: Mapping[str, str] | None = None
        self.building = threading.Lock()
        self.last_search: tuple[str, frozenset[str]] | None = None
        self.last_scanned = 0


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
