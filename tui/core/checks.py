"""Checking a parsed seed document: the schema, then ids and references.

``check_document`` returns the validated ``StoryFile`` or every problem it found: all
schema errors from pydantic at once, then (when the schema passes) duplicate ids,
dangling references with a did-you-mean, and items with no provenance.
"""

from __future__ import annotations

import functools
import reprlib
from collections.abc import Iterator, Sequence
from typing import Any

from pydantic import ValidationError

from tui.core.files import Document
from tui.core.kinds import KINDS, Ref
from tui.core.locate import TomlLocator
from tui.core.model import Source
from tui.core.problems import Problem, did_you_mean, item_path
from tui.core.schema import ActorKind, StoryFile

Loc = tuple[str | int, ...]

_SHORT = reprlib.Repr()  # keyword arguments only arrive in Python 3.12
_SHORT.maxlevel, _SHORT.maxstring, _SHORT.maxother = 2, 40, 40
_SHORT.maxlist = _SHORT.maxdict = _SHORT.maxtuple = 3


def check_document(document: Document) -> StoryFile | list[Problem]:
    """The story in ``document``, or the problems that stop it loading."""
    toml = document.path.suffix.lower() != ".json"

    @functools.cache
    def locator() -> TomlLocator:  # made for the first problem: most files have none
        return TomlLocator(document.text)

    def problem(loc: Loc, message: str, at_key: bool = False) -> Problem:
        """At the value the problem is about; at its key for an unknown key."""
        if not toml:
            return Problem(document.path, message, item=item_path(loc))
        # Not found: a key missing from the top of the file, whose place is its start.
        line, column = locator().position_of(loc, value=not at_key) or (1, 1)
        return Problem(document.path, message, item=item_path(loc), line=line, column=column)

    try:
        story = StoryFile.model_validate(document.data)
    except ValidationError as error:
        return [problem(loc, message, at_key)
                for loc, message, at_key in _schema_messages(error, document.data)]
    except RecursionError:
        return [Problem(document.path, "document is nested too deeply")]
    problems = [problem(loc, message) for loc, message in _reference_problems(story)]
    return problems or story


def _schema_messages(
    error: ValidationError, data: dict[str, Any]
) -> Iterator[tuple[Loc, str, bool]]:
    """(where, what, whether it is about the key rather than its value), per error."""
    details = error.errors(include_url=False)
    deeper = {tuple(d["loc"])[:n] for d in details for n in range(len(d["loc"]))}
    for detail in details:
        loc = tuple(detail["loc"])
        kind = detail["type"]
        if kind == "too_short" and loc in deeper:
            continue  # a list emptied by its own bad items: the items are the news
        if kind == "extra_forbidden":
            key = str(loc[-1])
            allowed = _allowed_keys(loc[:-1], data)
            yield loc, f"unknown key '{key}'" + did_you_mean(key, allowed), True
        elif kind == "missing":
            yield loc, "required key is missing", True
        else:
            message = detail["msg"].removeprefix("Value error, ")
            if kind not in ("value_error",) and "input" in detail:
                message += f", got {_SHORT.repr(detail['input'])}"
            yield loc, message, False


def _allowed_keys(loc: Loc, data: dict[str, Any]) -> list[str]:
    """The field names of the model that sits at ``loc``."""
    from tui.core import schema

    model: Any = StoryFile
    for part in loc:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return []
        inner = _model_in(field.annotation, schema)
        if inner is None:
            return []
        model = inner
    return list(model.model_fields)


def _model_in(annotation: Any, schema: Any) -> Any:
    """The pydantic model inside an annotation such as ``tuple[Claim, ...] | None``."""
    if isinstance(annotation, type) and issubclass(annotation, schema.Model):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg, schema)
        if found is not None:
            return found
    return None


def _reference_problems(story: StoryFile) -> Iterator[tuple[Loc, str]]:
    """Duplicate ids, dangling or mistyped references, and items with no provenance:
    every kind's references and provenance come from ``tui.core.kinds.KINDS``."""
    kinds: dict[str, str] = {}
    for kind in KINDS:
        for index, item in enumerate(getattr(story, kind.plural)):
            if item.id in kinds:
                yield (kind.plural, index, "id"), (
                    f"duplicate id '{item.id}' (already used by {_a(kinds[item.id])})"
                )
            else:
                kinds[item.id] = kind.name
    by_kind: dict[str, set[str]] = {}
    for item_id, kind_name in kinds.items():
        by_kind.setdefault(kind_name, set()).add(item_id)
    organisations = {a.id for a in story.actors if a.kind is ActorKind.ORGANISATION}

    pools: dict[tuple[str, ...], set[str]] = {}

    def pool_of(wanted: tuple[str, ...]) -> set[str]:
        """The ids of the wanted kinds (every id when none), built once per kind set."""
        if wanted not in pools:
            pools[wanted] = (
                set().union(*(by_kind.get(kind, set()) for kind in wanted))
                if wanted else set(kinds)
            )
        return pools[wanted]

    def problem(target: str, ref: Ref) -> str | None:
        if ref.organisation and target in by_kind.get("actor", set()):
            return None if target in organisations else f"'{target}' is not an organisation"
        pool = pool_of(ref.targets)
        if target in pool:
            return None
        what = " or ".join(ref.targets) if ref.targets else "item"
        if target in kinds:
            return f"'{target}' is {_a(kinds[target])}, expected {_a(what)}"
        return f"unknown {what} id '{target}'" + did_you_mean(target, pool)

    for kind in KINDS:
        for index, item in enumerate(getattr(story, kind.plural)):
            for ref in kind.refs:
                for where, target in ref.ids(item):
                    message = problem(target, ref)
                    if message is not None:
                        yield (kind.plural, index, *where), message
            if kind.provenance and not any(getattr(item, name) for name in kind.provenance):
                yield (kind.plural, index), f"no provenance: {kind.provenance_hint}"
        if kind.plural == "reactions":
            yield from _reply_cycles(story)


def _reply_cycles(story: StoryFile) -> Iterator[tuple[Loc, str]]:
    """Threads must end: a reaction may not reply, through others, to itself."""
    parent = {r.id: r.replies_to for r in story.reactions}
    for i, reaction in enumerate(story.reactions):
        seen = {reaction.id}
        current = parent.get(reaction.id)
        while current is not None and current in parent:
            if current in seen:
                yield ("reactions", i, "replies_to"), f"the reply chain loops at '{current}'"
                break
            seen.add(current)
            current = parent[current]


def _a(noun: str) -> str:
    """``an actor``, ``a claim``."""
    return f"an {noun}" if noun[:1] in "aeiou" else f"a {noun}"


def source_warnings(sources: Sequence[Source]) -> list[str]:
    """What ``validate`` warns about without failing: sources that a reader cannot judge
    for want of a publisher, or of a date (a date stated unknown, with a note, is fine)."""
    warnings = []
    for source in sources:
        missing = [what for what, absent in (
            ("publisher", not source.publisher),
            ("date (give date, or date_unknown = true with a date_note)",
             source.date is None and not source.date_unknown),
        ) if absent]
        if missing:
            warnings.append(f"source {source.id}: no {' and no '.join(missing)}")
    return warnings
