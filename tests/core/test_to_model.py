"""``to_model`` turns a checked story into exactly the records a plain walk gives.

``tui.core.schema`` works out once per type which fields can hold models and takes
the rest as they are; the definition it must match is the plain walk below, which
converts every value of every field. Compared on every seed and fixture that checks,
and on a generated story with thousands of items.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import BaseModel

from bench.generate import replicated_toml, story_toml
from tui.core import model
from tui.core.checks import check_document
from tui.core.files import parse_document
from tui.core.schema import Model, StoryFile, to_model

ROOT = Path(__file__).resolve().parents[2]
STORY_FILES = sorted([*ROOT.joinpath("seeds").glob("*.toml"),
                      *ROOT.joinpath("tests", "data").rglob("*.toml"),
                      *ROOT.joinpath("tests", "data").rglob("*.json")])


def plain_walk(value: object) -> object:
    """Every value of every field converted, each model to the record of its name."""
    if isinstance(value, BaseModel):
        name = "StoryData" if isinstance(value, StoryFile) else type(value).__name__
        values = {field: plain_walk(getattr(value, field)) for field in type(value).model_fields}
        if isinstance(value, Model):
            values.update(value.record_values())
        return getattr(model, name)(**values)
    if isinstance(value, tuple):
        return tuple(plain_walk(item) for item in value)
    return value


def checked(path: Path) -> StoryFile | None:
    document = parse_document(path, path.read_bytes())
    story = None if not hasattr(document, "data") else check_document(document)  # type: ignore[arg-type]
    return story if isinstance(story, StoryFile) else None


def test_there_are_stories_to_compare() -> None:
    assert sum(checked(path) is not None for path in STORY_FILES) >= 5


@pytest.mark.parametrize("path", STORY_FILES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_every_story_converts_as_the_plain_walk_does(path: Path) -> None:
    story = checked(path)
    if story is None:
        pytest.skip("does not check (a broken fixture)")
    assert to_model(story) == plain_walk(story)


@pytest.mark.parametrize("text", [replicated_toml(2), story_toml(200, 300)],
                         ids=["two copies of the bundled story", "a generated story"])
def test_generated_stories_convert_as_the_plain_walk_does(tmp_path: Path, text: str) -> None:
    path = tmp_path / "story.toml"
    path.write_text(text, encoding="utf-8")
    story = checked(path)
    assert story is not None and story.claims and story.reactions
    assert to_model(story) == plain_walk(story)
