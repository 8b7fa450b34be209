"""The benchmarks' stories are what they say: sized to the item, and the bundled story
replicated with each copy linked within itself. Correctness only; timing lives in bench/."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from bench.generate import replicated_items, replicated_toml, sized_for, story_items, story_toml
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.ui import planner


def _load(tmp_path: Path, text: str) -> Corpus:
    path = tmp_path / "story.toml"
    path.write_text(text, encoding="utf-8")
    corpus = load_file(path, use_cache=False)
    assert isinstance(corpus, Corpus), corpus
    return corpus


@pytest.mark.parametrize("items", [100, planner.SMALL_STORY - 1,
                                   planner.SMALL_STORY])
def test_a_story_of_so_many_items_has_exactly_that_many(tmp_path: Path, items: int) -> None:
    claims, reactions = sized_for(items)
    corpus = _load(tmp_path, story_toml(claims, reactions))
    assert (len(corpus), len(corpus.claims), len(corpus.reactions)) == (items, claims, reactions)


def test_too_few_items_for_a_generated_story() -> None:
    with pytest.raises(ValueError):
        sized_for(story_items(1, 0))


def test_the_replicated_story_links_each_copy_within_itself(tmp_path: Path) -> None:
    one = _load(tmp_path, replicated_toml(1))
    three = _load(tmp_path, replicated_toml(3))
    assert len(one) == replicated_items(1)
    assert len(three) == replicated_items(3)
    assert len(three.claims) == 3 * len(one.claims)
    assert len(three.reactions) == 3 * len(one.reactions)
    assert three.story.id != one.story.id
    copies = set()
    for reaction in three.reactions:
        copy = _copy(reaction.id)
        copies.add(copy)
        for target in (*reaction.about, *filter(None, [reaction.replies_to])):
            assert target in three
            assert _copy(target) == copy
    assert copies == {None, "1", "2"}


def _copy(item_id: str) -> str | None:
    found = re.search(r"-c(\d+)$", item_id)
    return found.group(1) if found else None
