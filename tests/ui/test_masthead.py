"""The masthead: the story line, the stance tally and your take (or, compact, the tabs)."""

from __future__ import annotations

import pytest
from rich.text import Text

from tests.ui.helpers import loaded, make_app
from tui.core.model import Stance
from tui.ui.widgets.masthead import Masthead, stance_tally

COLOURS = {f"stance-{stance.value}": "#ff0000" for stance in Stance}


@pytest.mark.parametrize("width", [20, 60, 118, 300])
def test_the_tally_fits_its_width_and_its_bars_follow_the_counts(width: int) -> None:
    counts = {Stance.SKEPTICAL: 3, Stance.SUPPORTIVE: 6, Stance.NEUTRAL: 0}
    text = stance_tally(counts, width, COLOURS)
    plain = text.plain
    assert plain.startswith("Reactions ✗ skeptical 3 ") and "neutral" not in plain
    bars = [part.count("█") for part in plain.split(" ") if "█" in part]
    if text.cell_len <= width:
        assert len(bars) == 2 and bars[0] <= bars[1] <= 2 * bars[0] + 1
    else:  # too narrow for bars: the words alone, cut by whoever draws the line
        assert bars == []
    assert stance_tally({}, width, COLOURS).plain == "Reactions none yet"


async def test_full_size_lines() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        masthead = screen.query_one(Masthead)
        assert masthead.size.height == 3
        lines = [masthead.render_line(y).text for y in range(3)]
        assert all(len(line) == 120 for line in lines)
        assert lines[0].startswith(" Musk versus DeepSeek R1")
        # The publisher does not fit: it is dropped whole, not cut (issue 16); the count
        # of the bundled stories ends the line.
        assert lines[0].rstrip().endswith("·  c. 2025-01-27        2 stories")
        assert lines[1].startswith(" Reactions ✗ skeptical")
        assert lines[2].startswith(" Your take press v on a claim")


async def test_compact_lines_are_the_story_and_the_tabs() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        masthead = screen.query_one(Masthead)
        assert masthead.compact and masthead.size.height == 2
        assert masthead.render_line(1).text.startswith("  1 Claims   2 GPU comparison ")
        await pilot.press("3")
        assert "3 Reactions" in masthead.render_line(1).text
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert not masthead.compact and masthead.size.height == 3
        assert masthead.render_line(1).text.startswith(" Reactions")


async def test_a_line_never_spills_over() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        masthead = screen.query_one(Masthead)
        masthead.set_take(Text("wide 中文 " * 40))
        await pilot.pause()
        line = masthead.render_line(2)
        assert line.cell_length == 120
        assert line.text.rstrip().endswith("…")
