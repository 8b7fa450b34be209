"""Reading the story at a glance: claims and quotes readable in their lists, the
inspector following the filter, and counts and lines that read right (issue 16)."""

from __future__ import annotations

import pytest

from tests.ui.helpers import loaded, make_app
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import RowList

CLAIM_COLUMN = 1
JEVONS = "Jevons paradox strikes again!"


def _shown(row_list: RowList, y: int) -> str:
    return row_list.render_line(y).text


def _claim_room(claims: RowList) -> int:
    """How many cells the claim column gets."""
    return claims._widths(claims.scrollable_content_region.width)[CLAIM_COLUMN]


@pytest.mark.parametrize(("size", "at_least"), [((120, 40), 36), ((160, 50), 50)])
async def test_every_claim_row_shows_a_readable_claim(size: tuple[int, int],
                                                      at_least: int) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        claims = screen.query_one("#claims", RowList)
        for with_verdict in (False, True):
            if with_verdict:
                await pilot.press("v")  # with a verdict, the "You" column comes in
                await pilot.pause()
                assert len(claims.columns) == 4
            for y, row in enumerate(claims.rows, start=1):
                claim = row.cells[CLAIM_COLUMN].plain
                assert claim[:at_least] in _shown(claims, y), (with_verdict, claim)
            assert _claim_room(claims) > at_least  # room for that much, and the "…"


async def test_the_you_column_is_there_only_once_there_is_a_verdict() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        claims = screen.query_one("#claims", RowList)
        assert len(claims.columns) == 3
        await pilot.press("v")
        await pilot.pause()
        assert len(claims.columns) == 4 and claims.columns[-1].width == 1
        await pilot.press("v", "v", "v")  # believe → doubt → unsure → none
        await pilot.pause()
        assert len(claims.columns) == 3


async def test_a_quote_reads_whole_in_the_reactions_list() -> None:
    """At 160 columns. At 120 the names take their room first (issue 23): whole names
    in both lists and 36 characters of every claim leave the quotes 26 cells."""
    app = make_app()
    async with app.run_test(size=(160, 50)) as pilot:
        screen = await loaded(pilot)
        reactions = screen.query_one("#reactions", RowList)
        lines = [_shown(reactions, y) for y in range(1, len(reactions.rows) + 1)]
        assert any(f"“{JEVONS}”" in line for line in lines), lines


NAMES = {"claims": ("Satya Nadella", "Alexandr Wang", "Several news ou"),
         "reactions": ("Satya Nadella", "Marc Andreessen", "@kimmonismus")}
"""Names each list must show whole at 120×40 (of "Several news outlets", as much as
the claim's 36 characters leave)."""


@pytest.mark.parametrize("with_verdict", [False, True])
async def test_names_show_whole_at_120x40(with_verdict: bool) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        if with_verdict:
            await pilot.press("v")
            await pilot.pause()
        for list_name, names in NAMES.items():
            row_list = screen.query_one(f"#{list_name}", RowList)
            width = row_list._widths(row_list.scrollable_content_region.width)[0]
            lines = [_shown(row_list, y)[2:2 + width] for y in range(1, len(row_list.rows) + 1)]
            for name in names:
                if with_verdict and name.startswith("Several"):
                    continue  # the verdict's column takes two of its cells
                assert any(line.startswith(name) and "…" not in line[:len(name)]
                           for line in lines), (name, lines)
            assert width <= 18


async def test_the_inspector_follows_the_filter() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.corpus is not None
        screen.follow("musk-lmao-no")
        await pilot.pause()
        assert screen.selected == "musk-lmao-no"
        while screen.stance_filter is None or screen.stance_filter.value != "supportive":
            await pilot.press("f")
        await pilot.pause()
        reactions = screen.query_one("#reactions", RowList)
        assert screen.selected == reactions.current_key != "musk-lmao-no"
        assert screen.selected is not None
        shown = screen.corpus.get(screen.selected)
        assert getattr(shown, "stance", None) == screen.stance_filter


async def test_a_search_that_hides_the_selection_moves_it_to_what_is_shown() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.selected == "r1-rivals-o1" or screen.selected is not None
        await pilot.press("slash", *"h800")
        await pilot.pause()
        claims = screen.query_one("#claims", RowList)
        assert screen.selected in set(claims.rows.keys) | {None}


async def test_counts_in_the_filter_bar_agree_with_their_nouns() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"h20 ")
        await pilot.pause()
        bar = str(screen.query_one("#filter-bar").render())
        gpus = len(screen.query_one("#gpus", RowList).rows)
        assert gpus == 1 and "1 GPU," in bar and "gpus" not in bar


@pytest.mark.parametrize("width", [80, 120, 160])
async def test_the_story_line_drops_details_before_it_cuts_the_title(width: int) -> None:
    app = make_app()
    async with app.run_test(size=(width, 40)) as pilot:
        screen = await loaded(pilot)
        masthead = screen.query_one(Masthead)
        line = masthead.render_line(0).text.rstrip()
        assert "deepseek-tu…" not in line
        assert line.strip().startswith(masthead.title[:20])
        if len(masthead.title) + 4 <= width:
            assert "…" not in line


async def test_the_compact_layout_gives_the_active_pane_the_whole_width() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.has_class("-compact")
        for key, pane_id in (("1", "claims"), ("3", "reactions"), ("2", "pane-gpus")):
            await pilot.press(key)
            await pilot.pause()
            assert screen.query_one(f"#{pane_id}").outer_size.width == 80
