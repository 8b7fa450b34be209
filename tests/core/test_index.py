"""Each story's derived state (reply order, search text, last search) is its own.

It used to live in a module-level dict keyed by ``id(corpus)`` in the UI, shared by
every app in the process and refilled from two threads; now ``Corpus.build`` makes it.
"""

from __future__ import annotations

import time
import tomllib

import pytest

from tests.core.support import BROKEN, MINIMAL
from tui.core.corpus import Corpus
from tui.core.index import reply_order
from tui.core.loader import load_file
from tui.core.schema import StoryFile, to_model


def _fresh(path: object = MINIMAL) -> Corpus:
    result = load_file(path)  # type: ignore[arg-type]
    assert isinstance(result, Corpus), result
    return result


def test_the_reply_order_is_worked_out_as_the_story_is_built(seed: Corpus) -> None:
    order = [(threaded.reaction.id, threaded.depth) for threaded in seed.reply_order()]
    assert len(order) == len(seed.reactions)
    ids = [reaction_id for reaction_id, _ in order]
    assert ids.index("musk-lmao-no") == ids.index("benioff-deepgold") + 1
    assert dict(order)["musk-lmao-no"] == 1 and dict(order)["benioff-deepgold"] == 0
    assert seed.reply_order() is seed.index.reply_order  # made once, kept


def test_a_reply_loop_still_shows_every_reaction_once() -> None:
    data = tomllib.loads((BROKEN / "reply-loop.toml").read_text())
    corpus = Corpus.build(to_model(StoryFile.model_validate(data)))
    ids = [threaded.reaction.id for threaded in corpus.reply_order()]
    assert sorted(ids) == sorted(r.id for r in corpus.reactions)


def test_a_deep_reply_chain_does_not_exhaust_the_stack(minimal: Corpus) -> None:
    first = minimal.reactions[0]
    chain = [first._replace(id=f"r{i}", replies_to=f"r{i - 1}" if i else None)
             for i in range(5_000)]
    order = reply_order(chain)
    assert [t.depth for t in order] == list(range(5_000))


def test_two_copies_of_a_story_share_nothing() -> None:
    one, two = _fresh(), _fresh()
    assert one.index is not two.index
    one.search("alice")
    assert one.index.last_search is not None and two.index.last_search is None
    assert one.index.haystack is not None and two.index.haystack is None


def test_the_search_text_can_be_built_ahead_of_the_first_search() -> None:
    corpus = _fresh()
    assert corpus.index.haystack is None
    corpus.prepare_search()
    built = corpus.index.haystack
    assert built is not None
    assert corpus.search("alice") and corpus.index.haystack is built


def test_two_threads_build_the_search_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """The background build and a search in a worker: the second waits for the first
    (at 200,000 items each build is half a second)."""
    import threading

    from tui.core import corpus as corpus_module

    corpus = _fresh()
    built: list[str] = []
    original = corpus_module._search_text

    def slow(item: object, names: object) -> str:
        built.append("x")
        time.sleep(0.001)
        return original(item, names)  # type: ignore[arg-type]

    monkeypatch.setattr(corpus_module, "_search_text", slow)
    threads = [threading.Thread(target=corpus.prepare_search) for _ in range(2)]
    for thread in threads:
        thread.start()
    corpus.search("alice")
    for thread in threads:
        thread.join()
    assert len(built) == len(corpus)


def test_a_search_says_how_many_items_it_looked_at() -> None:
    corpus = _fresh()
    found = corpus.search("a")
    assert corpus.index.last_scanned == len(corpus)
    corpus.search("al")  # typing on: only the earlier matches are looked at
    assert corpus.index.last_scanned == len(found)
    corpus.search("al")  # the same again: answered from memory
    assert corpus.index.last_scanned == 0
