"""Each story's derived state (reply order, search text, last search) is its own.

It used to live in a module-level dict keyed by ``id(corpus)`` in the UI, shared by
every app in the process and refilled from two threads; now ``Corpus.build`` makes it.
"""

from __future__ import annotations

import time
import tomllib

import pytest

from tests.core.support import BROKEN, MINIMAL, SEED
from tui.core.corpus import Corpus
from tui.core.index import reply_order, shown_in_order
from tui.core.loader import load_file
from tui.core.model import Stance
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


def _filtered_reference(corpus: Corpus, keep: set[str]) -> list[tuple[str, int]]:
    """The definition: the whole reply order, only ``keep``, each reply indented only
    under ancestors that are kept too."""
    depth: dict[str, int] = {}
    shown = []
    for reaction, _ in corpus.reply_order():
        if reaction.id in keep:
            parent = reaction.replies_to
            depth[reaction.id] = depth[parent] + 1 if parent in depth else 0
            shown.append((reaction.id, depth[reaction.id]))
    return shown


@pytest.mark.parametrize("stance", list(Stance), ids=lambda s: s.value)
def test_each_stance_has_its_reply_order_worked_out_once(stance: Stance) -> None:
    corpus = _fresh(SEED)
    keep = {r.id for r in corpus.reactions if r.stance is stance}
    order = corpus.reply_order(stance)
    assert [(t.reaction.id, t.depth) for t in order] == _filtered_reference(corpus, keep)
    assert keep, "every stance has reactions in the bundled story"
    assert corpus.reply_order(stance) is order  # kept for the next filter


def test_a_reply_to_a_reaction_of_another_stance_is_a_root_in_its_own() -> None:
    corpus = _fresh(SEED)
    by_id = {r.id: r for r in corpus.reactions}
    reply = by_id["musk-lmao-no"]
    assert reply.replies_to is not None
    assert by_id[reply.replies_to].stance is not reply.stance
    depths = {t.reaction.id: t.depth for t in corpus.reply_order(reply.stance)}
    assert depths["musk-lmao-no"] == 0
    assert dict((t.reaction.id, t.depth) for t in corpus.reply_order())["musk-lmao-no"] == 1


def test_shown_in_order_keeps_the_order_and_indents_under_what_is_shown() -> None:
    corpus = _fresh(SEED)
    whole = corpus.reply_order()
    assert shown_in_order(whole) == whole  # everything shown: nothing moves
    part = [t for t in whole if t.reaction.id != "benioff-deepgold"]
    keep = {t.reaction.id for t in part}
    assert [(t.reaction.id, t.depth) for t in shown_in_order(part)] == \
        _filtered_reference(corpus, keep)
