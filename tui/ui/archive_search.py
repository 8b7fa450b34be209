"""Search across stories in the palette: claims, reactions and actors of every story.

Each hit names its story; choosing one opens that story with the item selected. The
search text of each story is built in the background as the archive loads (the load
worker calls ``Corpus.prepare_search`` on each story it hands over, and the dashboard
builds the first story's after its first frame), so neither the first frame nor the
palette's first query pays for it. A story whose text is not built yet (still
loading) builds it here, once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING

from textual.command import Hit, Hits, Provider
from textual.content import Content
from textual.style import Style

from tui.core import formatting as fmt
from tui.core.corpus import normal_query
from tui.core.text import clean_text, one_line

if TYPE_CHECKING:
    from tui.ui.app import DeepseekApp

MOST_HITS = 200
"""Hits shown for one query: enough to scroll, few enough to draw at once."""
KIND_SCORE = {"actor": 1.0, "claim": 0.9, "reaction": 0.8}


def highlighted(text: str, terms: list[str], style: Style) -> Content:
    """``text`` as plain content (never markup), each term's occurrences styled."""
    content = Content(text)
    folded = text.casefold()
    if len(folded) != len(text):  # case-folding changed lengths: no offsets to trust
        return content
    for term in terms:
        start = folded.find(term)
        while start >= 0 and term:
            content = content.stylize(style, start, start + len(term))
            start = folded.find(term, start + len(term))
    return content


class ArchiveSearch(Provider):
    """``Claim in “Story”: Elon Musk: …`` for every match in every other loaded story
    (the open story's items are the item provider's ``Go to …`` hits)."""

    async def search(self, query: str) -> Hits:
        app: DeepseekApp = self.app  # type: ignore[assignment]
        terms = normal_query(query).split()
        if len(app.library.stories) < 2 or not terms or len(query.strip()) < 2:
            return
        style = self.matcher(query).match_style
        dashboard = app.dashboard
        open_now = dashboard.corpus if dashboard is not None else None
        shown = 0
        for entry in app.library.entries():  # newest story first
            corpus = entry.corpus
            if corpus is None or corpus is open_now:  # its items are "Go to …" already
                continue
            story = corpus.story
            where = f"in “{one_line(clean_text(story.title))}” · {fmt.when(story.date, False)}"
            for item_id in corpus.find(terms):
                kind = corpus.kind_of(item_id) or "item"
                text = f"{kind.capitalize()}: {one_line(clean_text(corpus.title_of(item_id)))}"
                yield Hit(KIND_SCORE.get(kind, 0.5), highlighted(text, terms, style),
                          _opener(app, story.id, item_id), text=text, help=where)
                shown += 1
                if shown >= MOST_HITS:
                    return
            await asyncio.sleep(0)  # let keys in between stories


def _opener(app: DeepseekApp, story_id: str, item_id: str) -> Callable[[], None]:
    def open_it() -> None:
        app.open_story(story_id, select=item_id)

    return open_it
