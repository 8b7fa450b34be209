"""Each kind of record is described once (``tui.core.kinds.KINDS``), and that table is
what the checks, the links and ``Corpus.build`` read: a kind, or a reference field,
that the schema has and the table lacks fails here."""

from __future__ import annotations

import dataclasses
from typing import Any, NamedTuple

import pytest

from tui.core import checks, corpus, kinds, schema
from tui.core.corpus import Corpus
from tui.core.kinds import ENTITY_LISTS, KIND_OF_TYPE, KINDS, Kind, Ref, references
from tui.core.model import StoryData

SCHEMA = schema.StoryFile.model_json_schema()
ID_PATTERN = SCHEMA["$defs"]["Claim"]["properties"]["id"]["pattern"]
assert ID_PATTERN


def _holds_ids(node: dict[str, Any]) -> bool:
    """Whether a JSON Schema node is an id, or an array or optional of ids."""
    if node.get("pattern") == ID_PATTERN:
        return True
    inner = [node["items"]] if "items" in node else []
    return any(_holds_ids(part) for part in [*inner, *node.get("anyOf", ())])


def _id_fields(model: str) -> set[tuple[str, str | None]]:
    """(field, inner field) for each field of ``model`` (a ``$defs`` name) that names
    other items, including the fields of its parts (a fleet's parts' ``gpu``)."""
    found: set[tuple[str, str | None]] = set()
    for name, node in SCHEMA["$defs"][model]["properties"].items():
        if name == "id":
            continue
        if _holds_ids(node):
            found.add((name, None))
        part = node.get("items", {}).get("$ref", "")
        if part:
            found |= {(name, inner) for inner, _ in _id_fields(part.rsplit("/", 1)[-1])}
    return found


def test_the_story_file_the_records_and_the_corpus_have_the_tables_lists() -> None:
    lists = [name for name, info in schema.StoryFile.model_fields.items()
             if name not in ("format", "story")]
    assert lists == list(ENTITY_LISTS) == [kind.plural for kind in KINDS]
    assert [name for name in StoryData._fields if name not in ("format", "story")] == lists
    corpus_lists = [f.name for f in dataclasses.fields(Corpus)
                    if f.name not in ("story", "_by_id", "_links", "index")]
    assert corpus_lists == lists


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_every_reference_field_of_the_schema_is_in_the_table(kind: Kind) -> None:
    model = SCHEMA["properties"][kind.plural]["items"]["$ref"].rsplit("/", 1)[-1]
    assert model == kind.record.__name__
    assert {(ref.field, ref.inner) for ref in kind.refs} == _id_fields(model)
    for name in kind.provenance:
        assert name in SCHEMA["$defs"][model]["properties"]


def test_each_records_type_has_one_kind() -> None:
    assert len(KIND_OF_TYPE) == len(KINDS) == len({kind.name for kind in KINDS})


class Quote(NamedTuple):
    """A kind of record that does not exist: what one table entry brings."""

    id: str
    said_by: str
    cites: tuple[str, ...] = ()


def test_a_new_kind_is_one_entry(monkeypatch: pytest.MonkeyPatch) -> None:
    """With one more entry in ``KINDS`` (and nothing else), its references are links
    and checked like every other kind's."""
    entry = Kind("quote", "quotes", Quote,
                 (Ref("said_by", ("actor",)), Ref("cites", ("source",), many=True)),
                 ("cites",), "give the sources it cites")
    monkeypatch.setattr(kinds, "KINDS", (*KINDS, entry))
    monkeypatch.setattr(kinds, "KIND_OF_TYPE", {**KIND_OF_TYPE, Quote: entry})
    monkeypatch.setattr(checks, "KINDS", kinds.KINDS)
    monkeypatch.setattr(corpus, "KINDS", kinds.KINDS)
    quote = Quote("q1", said_by="musk", cites=("src-a", "src-b"))
    assert list(references(quote)) == ["musk", "src-a", "src-b"]

    class Story(NamedTuple):
        actors: tuple[Any, ...] = ()
        quotes: tuple[Any, ...] = ()

        def __getattr__(self, name: str) -> tuple[()]:
            return ()

    class Person(NamedTuple):
        id: str
        kind: object = schema.ActorKind.PERSON
        affiliation: None = None

    story = Story(actors=(Person("musk"),), quotes=(
        Quote("q1", said_by="musk"), Quote("q2", said_by="nobody", cites=("x",))))
    problems = list(checks._reference_problems(story))  # type: ignore[arg-type]
    assert problems == [
        (("quotes", 0), "no provenance: give the sources it cites"),
        (("quotes", 1, "said_by"), "unknown actor id 'nobody'"),
        (("quotes", 1, "cites", 0), "unknown source id 'x'"),
    ]
