"""Pilot tests of the cost what-if and the timeline: keys, figures, following links."""

from __future__ import annotations

from tests.ui.helpers import loaded, make_app
from tui.ui.screens.cost import CostScreen
from tui.ui.screens.timeline import TimelineScreen
from tui.ui.widgets.row_list import RowList


def _summary(app: object) -> str:
    return str(app.screen.query_one("#cost-summary").render())  # type: ignore[attr-defined]


async def test_cost_what_if_reproduces_v3_and_moves_with_the_price() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("w")
        assert isinstance(app.screen, CostScreen)
        text = _summary(app)
        assert "2.788M H800 SXM5 GPU-hours" in text and "$2.00 per GPU-hour" in text
        assert "$2.00 per GPU-hour  =  $5.576M" in text
        assert "✓ the computation reproduces it" in text
        await pilot.press("plus", "plus")
        assert "$2.50 per GPU-hour  =  $6.97M" in _summary(app)
        await pilot.press("minus", "left", "left", "left")
        assert "$1.50 per GPU-hour  =  $4.182M" in _summary(app)
        await pilot.press("0")
        assert "$2.00 per GPU-hour" in _summary(app)
        fleets = app.screen.query_one("#cost-fleets", RowList)
        v3 = next(row for row in fleets.rows if row.key == "fleet-v3-h800")
        assert v3.cells[2].plain == "56.7"
        assert "Pre-training" in text and "$5.328M" in text and "$238K" in text
        await pilot.press("r")
        text = _summary(app)
        assert "R1" in text and "$294K" in text
        # the three stages on 512 H800s, priced at $2, add up to about the stated $294K
        assert "512 × 198 h = ≈101.4K" in text and "≈$202.8K" in text
        assert "≈5K" in text and "512 × 80 h = ≈40.96K" in text
        assert "$2.00 per GPU-hour  =  $294.7K" in text
        assert "≈ the computation agrees to within 1% (its parts are approximate)" in text
        await pilot.press("tab")
        assert app.screen.focused is app.screen.query_one("#cost-prices")
        await pilot.press("escape")
        assert not isinstance(app.screen, CostScreen)


async def test_price_never_goes_below_zero() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("w", *["minus"] * 12)
        assert "$0.00 per GPU-hour" in _summary(app)


async def test_timeline_is_in_date_order_and_follows_a_link() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("t")
        assert isinstance(app.screen, TimelineScreen)
        events = app.screen.query_one("#timeline-events", RowList)
        dates = [screen.corpus.get(row.key).date.date for row in events.rows]
        assert dates == sorted(dates) and len(dates) == len(screen.corpus.events)
        while events.current_key != "ev-2025-01-27-nadella-jevons":
            await pilot.press("j")
        body = str(app.screen.query_one("#timeline-body").render())
        assert "2025-01-27 05:48 UTC = Sun 2025-01-26 21:48 PST" in body
        await pilot.press("enter")
        links = app.screen.query_one("#timeline-links", RowList)
        assert app.screen.focused is links
        while links.current_key != "nadella-jevons":
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, TimelineScreen)
        assert screen.selected == "nadella-jevons"


async def test_timeline_escape_returns_without_following() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        before = screen.selected
        await pilot.press("t", "tab", "tab", "escape")
        assert not isinstance(app.screen, TimelineScreen)
        assert screen.selected == before
