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
