"""What a key press redraws: only what changed, without laying out the screen again.

These pin the behaviour behind the key-latency numbers in the README (no timings here):
a selection change must not make Textual lay out the whole screen, and the lines it
does not redraw must still be right on screen.
"""

from __future__ import annotations

import pytest
from textual._compositor import Compositor
from textual.geometry import Region

from tests.ui.helpers import loaded, make_app
from tui.ui.screens.dashboard import DashboardScreen
from tui.ui.widgets.row_list import RowList


def _drawn(row_list: RowList) -> list[str]:
    """The list's lines as the screen gets them (through Textual's line cache), inside
    its border if it has one."""
    width, height = row_list.size
    gutter = row_list.gutter
    lines = row_list.render_lines(Region(0, 0, width, height))
    return [strip.text[gutter.left:] for strip in lines[gutter.top:height - gutter.bottom]]


def _marked_on_screen(row_list: RowList) -> set[str]:
    """Keys of the rows drawn with the ◆ link mark."""
    top = row_list.scroll_offset.y
    keys = set()
    for y, line in enumerate(_drawn(row_list)[row_list.header_height:]):
        index = top + y
        if line.startswith("◆") and index < len(row_list.rows):
            keys.add(row_list.rows[index].key)
    return keys


async def test_moving_the_selection_does_not_lay_out_the_screen(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        reflows = []
        original = Compositor.reflow

        def counting(self: Compositor, *args: object, **kwargs: object) -> object:
            reflows.append(1)
            return original(self, *args, **kwargs)

        monkeypatch.setattr(Compositor, "reflow", counting)
        for _ in range(6):  # items with more and fewer links than the links list can show
            await pilot.press("j")
            await pilot.pause()
        assert screen.selected == screen.query_one("#claims", RowList).rows[6].key
        assert reflows == []


async def test_marks_on_screen_follow_the_selection() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        reactions = screen.query_one("#reactions", RowList)
        seen: set[str] = set()
        for _ in range(len(screen.query_one("#claims", RowList).rows) - 1):
            await pilot.press("j")
            await pilot.pause()
            visible = {row.key for row in reactions.rows[: reactions.size.height - 1]}
            on_screen = _marked_on_screen(reactions)  # the cursor row shows › instead
            assert on_screen == (reactions.marked & visible) - {reactions.current_key}
            seen |= on_screen
        assert len(seen) > 3  # the marks did come and go


async def test_the_links_list_scrolls_when_an_item_has_more_links_than_fit() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert isinstance(screen, DashboardScreen)
        links = screen.query_one("#links", RowList)
        screen.follow("h100-sxm")  # linked to many claims, fleets, events and notes
        await pilot.pause()
        assert len(links.rows) > links.scrollable_content_region.height
        assert links.show_vertical_scrollbar
        visible = links.scrollable_content_region.height
        assert links.max_scroll_y == links.virtual_size.height - visible
        corpus = screen.corpus
        assert corpus is not None
        screen.follow(next(i for i in corpus.ids() if len(corpus.links(i)) == 2))
        await pilot.pause()
        assert len(links.rows) + 1 <= links.scrollable_content_region.height
        assert not links.show_vertical_scrollbar
