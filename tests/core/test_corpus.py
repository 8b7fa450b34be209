"""The corpus: lookups, links both ways, what to highlight, search and aggregates."""

from __future__ import annotations

import tomllib

import pytest

from tests.core.support import BROKEN
from tui.core.corpus import Corpus
from tui.core.kinds import KIND_OF_TYPE, KINDS
from tui.core.model import Actor, Claim, Reaction, Stance
from tui.core.schema import StoryFile, to_model

# --------------------------------------------------------------------------- lookups


def test_get_and_contains(seed: Corpus) -> None:
    musk = seed.get("musk")
    assert isinstance(musk, Actor)
    assert musk.name == "Elon Musk"
    assert "musk" in seed
    assert "no-such-id" not in seed
    assert seed.get("no-such-id") is None
    assert 42 not in seed  # any object can be asked about


def test_ids_are_every_item_once(seed: Corpus) -> None:
    ids = list(seed.ids())
    assert len(ids) == len(set(ids)) == len(seed)
    assert ids[0] == seed.sections[0].id
    assert ids[-1] == seed.utilisations[-1].id


@pytest.mark.parametrize(
    ("item_id", "kind"),
    [
        ("bold-claims", "section"),
        ("dsv3", "source"),
        ("musk", "actor"),
        ("deepseek", "actor"),
        ("wang-50k-h100", "claim"),
        ("h100-sxm", "gpu"),
        ("fleet-v3-h800", "fleet"),
        ("musk-lmao-no", "reaction"),
        ("ev-2025-01-27-nvidia-drop", "event"),
        ("note-peak-ratios", "note"),
    ],
)
def test_kind_of(seed: Corpus, item_id: str, kind: str) -> None:
    assert seed.kind_of(item_id) == kind
    assert KIND_OF_TYPE[type(seed.get(item_id))].name == kind


def test_kind_of_unknown_is_none(seed: Corpus) -> None:
    assert seed.kind_of("nope") is None
    assert seed.kind_of("") is None


def test_every_item_has_a_kind(seed: Corpus) -> None:
    kinds = {seed.kind_of(item_id) for item_id in seed.ids()}
    assert kinds == {kind.name for kind in KINDS}


def test_titles_and_names(seed: Corpus) -> None:
    assert seed.title_of("wang-50k-h100") == (
        "Alexandr Wang: DeepSeek has about 50,000 H100s it can't talk about"
    )
    assert seed.title_of("musk-lmao-no") == "Elon Musk: Lmao, no"
    assert seed.title_of("h800-sxm") == "H800 SXM5"
    assert seed.title_of("fleet-r1-512-h800") == (
        "R1 training: 512 H800s, 64 nodes of 8 (DeepSeek, Nature)"
    )
    assert seed.title_of("musk") == "Elon Musk"
    assert seed.title_of("nope") == "nope"
    # a reaction without a quote is titled by its paraphrase
    assert seed.title_of("musk-laughing-emoji").startswith("Elon Musk: Musk answered")
    assert seed.actor_name("wang") == "Alexandr Wang"
    assert seed.actor_name("h100-sxm") == "h100-sxm"  # not an actor: the id itself
    assert seed.actor_name(None) == ""


def test_replies_to(seed: Corpus) -> None:
    lmao = seed.get("musk-lmao-no")
    obviously = seed.get("musk-obviously")
    andreessen = seed.get("andreessen-sputnik")
    assert isinstance(lmao, Reaction) and isinstance(obviously, Reaction)
    assert isinstance(andreessen, Reaction)
    assert seed.replies_to(lmao) == seed.get("benioff-deepgold")
    assert isinstance(seed.replies_to(obviously), Claim)
    assert seed.replies_to(andreessen) is None


# --------------------------------------------------------------------------- links and related


def test_links_are_symmetric(seed: Corpus) -> None:
    pairs = 0
    for a in seed.ids():
        for b in seed.links(a):
            assert a in seed.links(b), (a, b)
            assert b != a
            assert b in seed
            pairs += 1
    assert pairs > 500  # the seed is well linked; an empty index would pass vacuously


def test_links_hold_both_directions_of_a_reference(seed: Corpus) -> None:
    lmao = seed.links("musk-lmao-no")
    assert {"musk", "benioff-deepgold", "benioff-data-not-hardware", "musk-skepticism"} <= lmao
    assert {"ht", "newsweek", "gurufocus", "bt"} <= lmao
    # and what refers to it
    assert "ev-2025-01-27-musk-lmao" in lmao
    assert "note-lmao-thread" in lmao
    assert "musk-lmao-no" in seed.links("musk")
    assert seed.links("nope") == frozenset()


def test_related_of_wangs_claim(seed: Corpus) -> None:
    related = seed.related("wang-50k-h100")
    assert {"musk-obviously", "h100-sxm", "fleet-wang-h100", "wang"} <= related
    assert "kimmonismus-clip" in related
    assert "wang-50k-h100" not in related


def test_related_of_a_gpu_includes_claims_through_fleets(seed: Corpus) -> None:
    related = seed.related("h800-sxm")
    assert {"fleet-v3-h800", "fleet-r1-512-h800", "fleet-semianalysis"} <= related
    assert {"dsv3-training-cost", "nature-r1-cost", "semianalysis-50k-hopper"} <= related


def test_related_goes_through_fleets_not_only_direct_links(minimal: Corpus) -> None:
    """In the minimal story the claim names no GPU: only its fleet does."""
    assert "x1-sxm" not in minimal.links("lab-cluster")
    assert "x1-sxm" in minimal.related("lab-cluster")
    assert "lab-cluster" not in minimal.links("x1-sxm")
    assert "lab-cluster" in minimal.related("x1-sxm")
    # related is direct links plus the fleet hop, nothing else
    assert minimal.related("lab-cluster") == minimal.links("lab-cluster") | {"x1-sxm"}
    assert minimal.related("x1-sxm") == minimal.links("x1-sxm") | {"lab-cluster"}
    # other kinds get just their links
    assert minimal.related("alice") == minimal.links("alice")


# --------------------------------------------------------------------------- search


def test_search_musk_finds_his_reactions(seed: Corpus) -> None:
    found = seed.search("musk")
    musks = {r.id for r in seed.reactions if r.actor == "musk"}
    assert musks == {"musk-obviously", "musk-lmao-no", "musk-laughing-emoji"}
    assert musks <= found
    assert "musk" in found
    assert "nadella-davos" not in found


def test_search_is_case_insensitive(seed: Corpus) -> None:
    assert seed.search("MUSK") == seed.search("musk") == seed.search("Musk")
    assert seed.search("lMaO") == seed.search("lmao")


def test_search_finds_by_actor_name_not_only_id(seed: Corpus) -> None:
    # "Elon" is only in the actor's name, which reactions reach through `actor`
    assert {"musk-obviously", "musk-lmao-no", "musk-laughing-emoji", "musk"} <= seed.search("elon")


@pytest.mark.parametrize(
    ("first", "second"), [("musk", "lmao"), ("h800", "2,048"), ("nadella", "jevons")]
)
def test_search_is_and_of_words(seed: Corpus, first: str, second: str) -> None:
    both = seed.search(f"{first} {second}")
    assert both == seed.search(first) & seed.search(second)
    assert both  # not vacuous
    assert both < seed.search(first)


def test_search_and_of_words_example(seed: Corpus) -> None:
    assert "musk-lmao-no" in seed.search("musk lmao")
    assert "musk-obviously" not in seed.search("musk lmao")
    assert seed.search("  musk    lmao  ") == seed.search("musk lmao")


def test_search_empty_and_unmatched(seed: Corpus) -> None:
    assert seed.search("") == frozenset(seed.ids())
    assert seed.search("   ") == frozenset(seed.ids())
    assert seed.search("zzzz-no-such-word") == frozenset()


def test_search_reaches_nested_note_text(seed: Corpus) -> None:
    # "Korean time" only appears in the note of a reaction's date
    assert seed.search("korean time") == {"musk-obviously"}


# --------------------------------------------------------------------------- aggregates


def test_stance_counts(seed: Corpus) -> None:
    counts = seed.stance_counts()
    assert list(counts) == list(Stance)
    assert sum(counts.values()) == len(seed.reactions) == 11
    assert counts == {
        Stance.SKEPTICAL: 3,
        Stance.SUPPORTIVE: 5,
        Stance.NEUTRAL: 1,
        Stance.MIXED: 2,
    }


def test_stance_counts_of_a_subset(seed: Corpus) -> None:
    musk = [r for r in seed.reactions if r.actor == "musk"]
    counts = seed.stance_counts(musk)
    assert counts[Stance.SKEPTICAL] == 3
    assert sum(counts.values()) == 3
    assert seed.stance_counts([]) == dict.fromkeys(Stance, 0)


def test_thread_depth(seed: Corpus, minimal: Corpus) -> None:
    def depth(corpus: Corpus, reaction_id: str) -> int:
        reaction = corpus.get(reaction_id)
        assert isinstance(reaction, Reaction)
        return corpus.thread_depth(reaction)

    assert depth(seed, "musk-lmao-no") == 1
    assert depth(seed, "benioff-deepgold") == 0
    assert depth(seed, "musk-obviously") == 0  # replies to a claim, not a reaction
    assert depth(minimal, "bob-agrees") == 1
    assert depth(minimal, "alice-no-way") == 0


def test_thread_depth_ends_on_a_reply_loop() -> None:
    """The checks reject loops, but the corpus must not hang if it is given one."""
    data = tomllib.loads((BROKEN / "reply-loop.toml").read_text())
    corpus = Corpus.build(to_model(StoryFile.model_validate(data)))
    for reaction in corpus.reactions:
        assert corpus.thread_depth(reaction) == 1
