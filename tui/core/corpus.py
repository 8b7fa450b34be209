"""The in-memory corpus of one story: lookups by id, links both ways, and search.

Built once from a checked story (``tui.core.model.StoryData``); read-only afterwards.
The UI asks it what
an item is (``get``, ``kind_of``), what it is linked to (``links``), what to highlight
when it is selected (``related``), and which items match a search (``search``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

from tui.core.codec import record_fields
from tui.core.index import CorpusIndex, Threaded
from tui.core.kinds import KIND_OF_TYPE, KINDS, references
from tui.core.model import (
    Actor,
    Claim,
    Entity,
    Event,
    Fleet,
    Gpu,
    Note,
    PricePoint,
    Reaction,
    Run,
    Section,
    Source,
    Stance,
    Story,
    StoryData,
    Utilisation,
    When,
)
from tui.core.text import one_line


@dataclass(frozen=True, slots=True)
class Corpus:
    """One story, indexed. Build it with ``Corpus.build``."""

    story: Story
    sections: tuple[Section, ...]
    sources: tuple[Source, ...]
    actors: tuple[Actor, ...]
    claims: tuple[Claim, ...]
    gpus: tuple[Gpu, ...]
    fleets: tuple[Fleet, ...]
    reactions: tuple[Reaction, ...]
    events: tuple[Event, ...]
    notes: tuple[Note, ...]
    runs: tuple[Run, ...]
    prices: tuple[PricePoint, ...]
    utilisations: tuple[Utilisation, ...]
    _by_id: Mapping[str, Entity] = field(repr=False)
    _links: Mapping[str, frozenset[str]] = field(repr=False)
    index: CorpusIndex = field(repr=False, compare=False)
    """Reply order, search text and the last search: see ``tui.core.index``."""

    def __repr__(self) -> str:  # never the whole story: reprs end up in logs and workers
        return f"Corpus({self.story.id!r}, {len(self._by_id):,} items)"

    @classmethod
    def build(cls, data: StoryData) -> Corpus:
        """Index ``data``. References are assumed checked (``tui.core.checks``)."""
        by_id: dict[str, Entity] = {}
        for kind in KINDS:
            for item in getattr(data, kind.plural):
                by_id[item.id] = item
        links: dict[str, set[str]] = {item_id: set() for item_id in by_id}
        for item in by_id.values():
            for target in references(item):
                if target in links and target != item.id:
                    links[item.id].add(target)
                    links[target].add(item.id)
        return cls(
            story=data.story,
            **{kind.plural: getattr(data, kind.plural) for kind in KINDS},
            _by_id=MappingProxyType(by_id),
            _links=MappingProxyType({k: frozenset(v) for k, v in links.items()}),
            index=CorpusIndex(data.reactions),
        )

    # -- lookups

    def __contains__(self, item_id: object) -> bool:
        return item_id in self._by_id

    def __len__(self) -> int:
        return len(self._by_id)

    def get(self, item_id: str) -> Entity | None:
        """The item with this id, or ``None``."""
        return self._by_id.get(item_id)

    def kind_of(self, item_id: str) -> str | None:
        """``"claim"``, ``"gpu"``, … for an id, or ``None``."""
        item = self._by_id.get(item_id)
        return None if item is None else KIND_OF_TYPE[type(item)].name

    def ids(self) -> Iterator[str]:
        return iter(self._by_id)

    def actor_name(self, actor_id: str | None) -> str:
        """The actor's name, or the id itself if it is not an actor."""
        actor = self._by_id.get(actor_id or "")
        return actor.name if isinstance(actor, Actor) else (actor_id or "")

    def title_of(self, item_id: str) -> str:
        """A one-line human name for any item, for links and the palette."""
        item = self._by_id.get(item_id)
        if item is None:
            return item_id
        match item:
            case Claim():
                return f"{self.actor_name(item.by)}: {item.short}"
            case Reaction():
                words = item.quote or item.paraphrase
                return f"{self.actor_name(item.actor)}: {one_line(words)}"
            case Actor() | Gpu():
                return item.name
            case Fleet() | Run() | PricePoint():
                return item.label
            case Section() | Source() | Event() | Note():
                return one_line(item.title)
        return item_id  # pragma: no cover - every entity type is matched above

    # -- links

    def links(self, item_id: str) -> frozenset[str]:
        """Every item that references this one or that it references."""
        return self._links.get(item_id, frozenset())

    def related(self, item_id: str) -> frozenset[str]:
        """What to highlight in the other panes when ``item_id`` is selected.

        Direct links, plus what comes through a fleet: a claim's fleets bring their
        GPUs, and a GPU's fleets bring their claims.
        """
        direct = self.links(item_id)
        kind = self.kind_of(item_id)
        extra: set[str] = set()
        if kind == "claim":
            for fleet in self.fleets:
                if fleet.claim == item_id:
                    extra.update(part.gpu for part in fleet.parts)
        elif kind == "gpu":
            for fleet in self.fleets:
                if any(part.gpu == item_id for part in fleet.parts) and fleet.claim:
                    extra.add(fleet.claim)
        return direct | extra

    def replies_to(self, reaction: Reaction) -> Entity | None:
        return self._by_id.get(reaction.replies_to) if reaction.replies_to else None

    def thread_depth(self, reaction: Reaction) -> int:
        """How many reactions up the reply chain this one sits (0 for a root)."""
        depth = 0
        current = reaction
        seen = {reaction.id}
        while current.replies_to:
            parent = self._by_id.get(current.replies_to)
            if not isinstance(parent, Reaction) or parent.id in seen:
                break
            seen.add(parent.id)
            depth += 1
            current = parent
        return depth

    # -- aggregates and search

    def stance_counts(self, reactions: Iterable[Reaction] | None = None) -> dict[Stance, int]:
        """Reactions per stance, every stance present (0 where none)."""
        counts = Counter(r.stance for r in (self.reactions if reactions is None else reactions))
        return {stance: counts.get(stance, 0) for stance in Stance}

    def reply_order(self, stance: Stance | None = None) -> tuple[Threaded, ...]:
        """Every reaction (or every one with ``stance``), each reply right under what it
        answers, with its depth among those shown."""
        return self.index.reply_order if stance is None else self.index.stance_order(stance)

    def prepare_search(self, texts: Mapping[str, str] | None = None) -> None:
        """Build the search text now (off the UI thread), so no search waits for it.

        ``texts``: the search text of this same story, as ``search_texts`` built it in
        another process (``tui.core.pool``); taken only if it covers exactly this
        story's items.
        """
        self._haystack(texts if texts is not None and texts.keys() == self._by_id.keys()
                       else None)

    def search_texts(self) -> dict[str, str]:
        """Each item's searchable text (what ``prepare_search`` takes from elsewhere)."""
        return dict(self._haystack())

    def _haystack(self, texts: Mapping[str, str] | None = None) -> Mapping[str, str]:
        """Each item's searchable text, built once: by ``prepare_search`` or the first search.

        Not at load: on a large story it is a third of the indexing time.
        """
        haystack = self.index.haystack
        if haystack is None:
            with self.index.building:  # a second thread waits for the first one's build
                haystack = self.index.haystack
                if haystack is None:
                    if texts is None:
                        names = {actor.id: actor.name for actor in self.actors}
                        texts = {item_id: _search_text(item, names)
                                 for item_id, item in self._by_id.items()}
                    haystack = MappingProxyType(dict(texts))
                    self.index.findable = tuple(
                        (item.id, haystack[item.id])
                        for items in (self.claims, self.reactions, self.actors)
                        for item in items)
                    self.index.haystack = haystack
        return haystack

    def find(self, terms: Collection[str]) -> list[str]:
        """Claims, reactions and actors (in that order) whose text holds every one of
        ``terms`` (case-folded words): a search across stories. Unlike ``search`` it
        leaves the dashboard's last search alone."""
        self._haystack()
        return [item_id for item_id, text in self.index.findable
                if all(term in text for term in terms)]

    def search(self, query: str) -> frozenset[str]:
        """Ids of items whose text holds every word of ``query`` (case-insensitive)."""
        folded = normal_query(query)
        terms = folded.split()
        if not terms:
            return frozenset(self._by_id)
        haystack = self._haystack()
        pool: Collection[str] = haystack
        last = self.index.last_search
        if last is not None:
            previous, found = last
            if previous == folded:
                self.index.last_scanned = 0  # answered from memory
                return found
            if folded.startswith(previous):  # typing on: only earlier matches can match
                pool = found
        result = frozenset(i for i in pool if all(term in haystack[i] for term in terms))
        self.index.last_search = (folded, result)
        self.index.last_scanned = len(pool)
        return result


def normal_query(query: str) -> str:
    """A query as searches compare it: case-folded, spaces collapsed."""
    return " ".join(query.casefold().split())


def _search_text(item: Entity, names: Mapping[str, str]) -> str:
    """All of an item's text, and the names of the actors it names, case-folded."""
    parts: list[str] = []
    for name in _TEXT_FIELDS[type(item)]:
        value = getattr(item, name)
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, When):
            parts.append(value.date.isoformat())
            if value.note:
                parts.append(value.note)
    for key in ("by", "actor", "owner", "stated_by"):
        actor_id = getattr(item, key, None)
        if isinstance(actor_id, str) and actor_id in names:
            parts.append(names[actor_id])
    return " ".join(parts).casefold()


_TEXT_FIELDS: Mapping[type, tuple[str, ...]] = MappingProxyType(
    {kind: record_fields(kind) for kind in KIND_OF_TYPE}
)
"""Every field of each entity type, looked up once rather than per item."""
