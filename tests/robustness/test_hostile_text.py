"""Markup, escapes, bidi controls, zero-width and wide text in every text field.

The seed (tests/data/hostile/hostile.json, JSON so the escapes are explicit) puts such
text in all 35 text fields of a small story. Markup must show literally, control and
escape sequences must never reach the screen, and the layout must hold (snapshots).
"""

from __future__ import annotations

import re
from typing import Any

from textual.pilot import Pilot

from tests.conftest import DATA
from tests.ui.helpers import loaded, make_app
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.ui.widgets.row_list import RowList

SEED = DATA / "hostile" / "hostile.json"
CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u200b]")


def test_every_text_field_is_clean_after_loading() -> None:
    corpus = load_file(SEED)
    assert isinstance(corpus, Corpus)
    texts = [corpus.title_of(item_id) for item_id in corpus.ids()]
    texts += [corpus.story.title, corpus.story.summary]
    assert any("[bold red]boom[/]" in text for text in texts)  # markup kept as text
    assert any("漢字テキスト" in text for text in texts)
    for text in texts:
        assert not CONTROL.search(text), repr(text)


async def test_nothing_hostile_reaches_the_screen() -> None:
    app = make_app([SEED])
    async with app.run_test(size=(140, 45)) as pilot:
        screen = await loaded(pilot)
        for item_id in list(screen.corpus.ids()):
            screen.follow(item_id)
            await pilot.pause()
            shown = "".join(str(w.render()) for w in screen.query("TextView, Static"))
            assert not CONTROL.search(shown), item_id
        claims = screen.query_one("#claims", RowList)
        strips = [claims.render_line(y) for y in range(claims.size.height)]
        assert "[bold red]boom[/]" in "".join(strip.text for strip in strips)
        links = {seg.style.link for strip in strips for seg in strip if seg.style}
        assert links <= {None, ""}  # "[link=…]" in data never became a live hyperlink


def _look_at(item_id: str) -> Any:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await loaded(pilot)
        screen.follow(item_id)
        await pilot.pause()

    return run_before


def test_hostile_story_layout(snap_compare: Any) -> None:
    first_claim = load_file(SEED)
    assert isinstance(first_claim, Corpus)
    assert snap_compare(make_app([SEED]), terminal_size=(120, 40),
                        run_before=_look_at(first_claim.claims[0].id))


def test_hostile_reaction_in_inspector(snap_compare: Any) -> None:
    corpus = load_file(SEED)
    assert isinstance(corpus, Corpus)
    assert snap_compare(make_app([SEED]), terminal_size=(120, 40),
                        run_before=_look_at(corpus.reactions[-1].id))
