"""How the user's verdicts compare with the public figures' stances.

A verdict of *believe* agrees with a supportive reaction to the same claim and
disagrees with a skeptical one; *doubt* the other way round. Neutral and mixed
reactions, and *unsure* verdicts, are counted but neither agree nor disagree.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import NamedTuple

from tui.core.corpus import Corpus
from tui.core.model import Reaction, Stance, Verdict

AGREES = {(Verdict.BELIEVE, Stance.SUPPORTIVE), (Verdict.DOUBT, Stance.SKEPTICAL)}
DISAGREES = {(Verdict.BELIEVE, Stance.SKEPTICAL), (Verdict.DOUBT, Stance.SUPPORTIVE)}


class Agreement(NamedTuple):
    """Counts for the tally line."""

    verdicts: Mapping[Verdict, int]
    rated: int
    claims: int
    agree: int
    disagree: int
    other: int


def agreement(corpus: Corpus, verdicts: Mapping[str, Verdict]) -> Agreement:
    """Compare ``verdicts`` (claim id → verdict) with reactions about them."""
    live = {claim: v for claim, v in verdicts.items() if corpus.kind_of(claim) == "claim"}
    agree = disagree = other = 0
    for claim_id, verdict in live.items():  # only the rated claims' links, not every reaction
        for linked in corpus.links(claim_id):
            reaction = corpus.get(linked)
            if not isinstance(reaction, Reaction) or claim_id not in reaction.about:
                continue
            pair = (verdict, reaction.stance)
            if pair in AGREES:
                agree += 1
            elif pair in DISAGREES:
                disagree += 1
            else:
                other += 1
    return Agreement(
        verdicts=Counter(live.values()),
        rated=len(live),
        claims=len(corpus.claims),
        agree=agree,
        disagree=disagree,
        other=other,
    )
