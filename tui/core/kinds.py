"""Each kind of record in a story, described once: its list, its record type, the ids it
refers to, and what counts as its provenance.

The reference checks (``tui.core.checks``), the links between items and
``Corpus.build`` (``tui.core.corpus``), and every loop over a story's lists
(``ENTITY_LISTS``) read this table. A new kind of record is one entry in ``KINDS``,
besides its schema model and record type, which say what its fields are;
``tests/core/test_kinds.py`` holds the table to the schema, so a reference field the
table does not name fails there.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Any

from tui.core.model import (
    Actor,
    Claim,
    Event,
    Fleet,
    Gpu,
    Note,
    PricePoint,
    Reaction,
    Run,
    Section,
    Source,
    Utilisation,
)


@dataclass(frozen=True, slots=True)
class Ref:
    """A field of a record that holds the id of another item (or ids, with ``many``)."""

    field: str
    targets: tuple[str, ...] = ()
    """The kinds it may name (``("reaction", "claim")``); empty: an item of any kind."""
    many: bool = False
    inner: str | None = None
    """For a list of parts: the field of each part that holds the id (a fleet's
    ``parts``, each with its ``gpu``)."""
    organisation: bool = False
    """The actor named must be an organisation (an actor's ``affiliation``)."""

    def ids(self, item: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
        """(where in the item, the id) for every id this field of ``item`` holds."""
        value = getattr(item, self.field)
        if value is None:
            return
        if not self.many:
            yield (self.field,), value
            return
        for index, entry in enumerate(value):
            if self.inner is None:
                yield (self.field, index), entry
            else:
                yield (self.field, index, self.inner), getattr(entry, self.inner)


@dataclass(frozen=True, slots=True)
class Kind:
    """One kind of record: ``claim`` in the list ``claims`` of ``Claim`` records."""

    name: str
    plural: str
    record: type
    refs: tuple[Ref, ...] = ()
    provenance: tuple[str, ...] = ()
    """Fields of which at least one must be given (empty: nothing is required)."""
    provenance_hint: str = ""
    """What the "no provenance" problem tells the author to give."""


def _sources() -> Ref:
    return Ref("sources", ("source",), many=True)


KINDS: tuple[Kind, ...] = (
    Kind("section", "sections", Section),
    Kind("source", "sources", Source),
    Kind("actor", "actors", Actor, (Ref("affiliation", ("actor",), organisation=True),)),
    Kind("claim", "claims", Claim,
         (Ref("by", ("actor",)), Ref("section", ("section",)), _sources(),
          Ref("gpus", ("gpu",), many=True)),
         ("section", "sources"), "give a section or sources"),
    Kind("gpu", "gpus", Gpu, (Ref("cut_from", ("gpu",)), _sources()),
         ("sources",), "give sources for the datasheet figures"),
    Kind("fleet", "fleets", Fleet,
         (Ref("owner", ("actor",)), Ref("stated_by", ("actor",)), Ref("claim", ("claim",)),
          _sources(), Ref("parts", ("gpu",), many=True, inner="gpu")),
         ("sources", "claim"), "give sources or the claim it comes from"),
    Kind("reaction", "reactions", Reaction,
         (Ref("actor", ("actor",)), Ref("replies_to", ("reaction", "claim")),
          Ref("about", ("claim",), many=True), Ref("section", ("section",)), _sources()),
         ("section", "sources"), "give a section or sources"),
    Kind("event", "events", Event, (Ref("refs", many=True), _sources()),
         ("sources", "refs"), "give sources or refs"),
    Kind("note", "notes", Note, (Ref("about", many=True), _sources())),
    Kind("run", "runs", Run,
         (Ref("by", ("actor",)), Ref("gpu", ("gpu",)), Ref("fleet", ("fleet",)),
          Ref("claim", ("claim",)), _sources()),
         ("sources", "claim"), "give sources or the claim it comes from"),
    Kind("price", "prices", PricePoint, (Ref("gpu", ("gpu",)), _sources())),
    Kind("utilisation", "utilisations", Utilisation, (Ref("gpu", ("gpu",)), _sources())),
)
"""Every kind of record with an id, in the order of a story file's lists."""

ENTITY_LISTS: tuple[str, ...] = tuple(kind.plural for kind in KINDS)
"""The lists of a story whose items have ids, in file order."""

KIND_OF_TYPE: Mapping[type, Kind] = MappingProxyType({kind.record: kind for kind in KINDS})
"""A record's type → its kind."""


def references(item: Any) -> Iterator[str]:
    """Every id ``item`` (a record of a kind in ``KINDS``) refers to."""
    for ref in KIND_OF_TYPE[type(item)].refs:
        for _, target in ref.ids(item):
            yield target
