"""A plan's reactions are the story's reply order, filtered and re-indented, with their
stance counts, for every stance filter and search (``tui.ui.rows.plan_rows``).

The plan takes each stance's order from the corpus's index, where it is kept once
worked out; these tests hold it to the plain definition.
"""

from __future__ import annotations

import pytest

from tests.core.support import SEED
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.core.model import Stance
from tui.ui.rows import plan_rows

QUERIES = ("", "musk", "h800", "no such words anywhere")


def _corpus() -> Corpus:
    result = load_file(SEED)
    assert isinstance(result, Corpus), result
    return result


def _expected(corpus: Corpus, query: str, stance: Stance | None) -> list[tuple[str, int]]:
    visible = corpus.search(query) if query else None
    depth: dict[str, int] = {}
    shown = []
    for reaction, _ in corpus.reply_order():
        if (stance is None or reaction.stance is stance) and (
                visible is None or reaction.id in visible):
            parent = reaction.replies_to
            depth[reaction.id] = depth[parent] + 1 if parent in depth else 0
            shown.append((reaction.id, depth[reaction.id]))
    return shown


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("stance", [None, *Stance], ids=lambda s: s.value if s else "all")
def test_the_reactions_shown_and_their_counts(query: str, stance: Stance | None) -> None:
    corpus = _corpus()
    for _ in range(2):  # the second time from the kept order
        plan = plan_rows(corpus, query, stance, {})
        assert plan is not None
        shown = [(row.key, row.indent) for row in plan.reactions]
        assert shown == _expected(corpus, query, stance)
        by_id = {r.id: r for r in corpus.reactions}
        assert plan.stances == corpus.stance_counts(by_id[key] for key, _ in shown)


def test_the_cases_above_show_something_and_indent_something() -> None:
    corpus = _corpus()
    assert any(depth for _, depth in _expected(corpus, "", None))
    assert _expected(corpus, "musk", None) and not _expected(corpus, QUERIES[-1], None)
    assert all(_expected(corpus, "", stance) for stance in Stance)


def test_a_reply_under_what_it_answers_does_not_name_it_again() -> None:
    """The ↳ says what a reply answers; the "→ name:" stays where no indent says it:
    rows answering a claim, and a reply whose reaction the stance filter hides."""
    corpus = _corpus()

    def said(stance: Stance | None) -> dict[str, tuple[int, str]]:
        plan = plan_rows(corpus, "", stance, {})
        assert plan is not None
        return {row.key: (row.indent, row.cells[2].plain) for row in plan.reactions}

    everything = said(None)
    replies = {key: text for key, (indent, text) in everything.items() if indent}
    assert replies and not any(text.startswith("→") for text in replies.values())
    assert any(text.startswith("→") and "’s claim:" in text
               for indent, text in everything.values() if not indent)
    hidden_parent = [
        reaction.id for reaction, depth in corpus.reply_order()
        if depth and (parent := corpus.get(reaction.replies_to or "")) is not None
        and getattr(parent, "stance", None) is not reaction.stance]
    assert hidden_parent  # a reply of another stance than what it answers
    key = hidden_parent[0]
    stance = corpus.get(key).stance  # type: ignore[union-attr]
    indent, text = said(stance)[key]
    assert indent == 0 and text.startswith("→ ")
