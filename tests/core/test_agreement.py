"""The tally of the user's verdicts against the reactions about the same claims."""

from __future__ import annotations

import pytest

from tui.core.agreement import agreement
from tui.core.corpus import Corpus
from tui.core.labels import VERDICT_GLYPH, VERDICT_WORD, verdict_label
from tui.core.loader import load_file
from tui.core.model import Reaction, Stance, Verdict
from tui.core.paths import default_seeds


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    loaded = load_file(default_seeds() / "deepseek-r1.toml")
    assert isinstance(loaded, Corpus), loaded
    return loaded


def _stances(corpus: Corpus, claim_id: str) -> list[Stance]:
    return [r.stance for r in corpus.reactions if claim_id in r.about]


def _mixed_claim(corpus: Corpus) -> str:
    """A claim with both supportive and skeptical reactions."""
    for claim in corpus.claims:
        stances = _stances(corpus, claim.id)
        if Stance.SUPPORTIVE in stances and Stance.SKEPTICAL in stances:
            return claim.id
    raise AssertionError("the bundled story has no disputed claim")


def test_believe_and_doubt_agree_with_opposite_stances(corpus: Corpus) -> None:
    claim = _mixed_claim(corpus)
    stances = _stances(corpus, claim)
    supportive, skeptical = stances.count(Stance.SUPPORTIVE), stances.count(Stance.SKEPTICAL)
    believe = agreement(corpus, {claim: Verdict.BELIEVE})
    doubt = agreement(corpus, {claim: Verdict.DOUBT})
    assert (believe.agree, believe.disagree) == (supportive, skeptical)
    assert (doubt.agree, doubt.disagree) == (skeptical, supportive)
    assert believe.other == doubt.other == len(stances) - supportive - skeptical
    assert believe.verdicts == {Verdict.BELIEVE: 1} and believe.rated == 1
    assert believe.claims == len(corpus.claims)


def test_unsure_and_unknown_ids_neither_agree_nor_disagree(corpus: Corpus) -> None:
    claim = _mixed_claim(corpus)
    reaction = next(r for r in corpus.reactions if isinstance(r, Reaction))
    counts = agreement(corpus, {claim: Verdict.UNSURE, "gone": Verdict.BELIEVE,
                                reaction.id: Verdict.DOUBT})
    assert (counts.agree, counts.disagree, counts.other) == (0, 0, len(_stances(corpus, claim)))
    assert counts.verdicts == {Verdict.UNSURE: 1} and counts.rated == 1


def test_every_verdict_has_a_glyph_and_a_word() -> None:
    assert set(VERDICT_GLYPH) == set(VERDICT_WORD) == set(Verdict)
    assert [verdict_label(v) for v in (*Verdict, None)] == [
        "+ believe", "− doubt", "? unsure", ""]
