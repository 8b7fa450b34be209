"""Pilot tests of the compute lens: every key, the figures on screen, and following items."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table
from textual.pilot import Pilot
from textual.widgets import Input, Static

from tests.ui.helpers import loaded, make_app
from tui.ui.app import DeepseekApp
from tui.ui.screens.compute import ComputeScreen, ShareChart
from tui.ui.screens.help import HelpScreen
from tui.ui.widgets.row_list import RowList


def _summary(app: DeepseekApp) -> str:
    return str(app.screen.query_one("#compute-summary").render())


def _days(app: DeepseekApp) -> dict[str, str]:
    fleets = app.screen.query_one("#compute-fleets", RowList)
    return {row.key: row.cells[3].plain for row in fleets.rows}


def _peaks(app: DeepseekApp) -> dict[str, str]:
    fleets = app.screen.query_one("#compute-fleets", RowList)
    return {row.key: row.cells[2].plain for row in fleets.rows}


async def _open(pilot: Pilot[None]) -> ComputeScreen:
    await loaded(pilot)
    await pilot.press("m")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, ComputeScreen)
    return screen


async def test_m_opens_the_lens_with_the_figures_and_caveats() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        summary = _summary(app)
        assert "DeepSeek-V3: 6 × 37B active × 14.8T tokens = 3.2856e24 FLOP" in summary
        assert "(6ND, a floor)" in summary and "35%" in summary and "BF16" in summary
        assert _days(app) == {
            "fleet-fireflyer2": "~34.8†",
            "fleet-wang-h100": "~2.2",
            "fleet-v3-h800": "53.6",
            "fleet-r1-512-h800": "214.5",
            "fleet-semianalysis": "~4.5†",
        }
        fleets = screen.query_one("#compute-fleets", RowList)
        bars = {row.key: row.cells[4].plain for row in fleets.rows}
        # log scale: 2.2 days is a short bar, 214.5 days a long one
        assert len(bars["fleet-wang-h100"].rstrip()) < len(bars["fleet-v3-h800"].rstrip()) \
            < len(bars["fleet-r1-512-h800"].rstrip())
        chart = str(screen.query_one(ShareChart).render())
        assert "DeepSeek-V3 implied" in chart and "34.6% BF16" in chart
        assert "17.3% FP8" in chart and "38–43% BF16" in chart and "19.7%† FP8" in chart
        assert "┆" in chart and "0%" in chart and "50%" in chart
        caveats = str(screen.query_one("#compute-caveats").render())
        assert "is a floor" in caveats and "not a dense run" in caveats
        assert "DeepSeek-R1's stages are" in caveats and "$294K" in caveats


async def test_steps_precision_and_reset() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        await pilot.press("plus")
        assert screen.utilisation == 0.4 and " 40% " in _summary(app)
        await pilot.press("right", "equals_sign")
        assert screen.utilisation == 0.5
        assert _days(app)["fleet-v3-h800"] == "37.5"  # 53.6 × 35 / 50
        await pilot.press("minus", "left")
        assert screen.utilisation == 0.4
        await pilot.press(*["minus"] * 12)
        assert screen.utilisation == 0.05  # never 0
        await pilot.press(*["plus"] * 30)
        assert screen.utilisation == 1.0  # never past peak
        await pilot.press("0", "p")
        assert screen.utilisation == 0.35
        assert " FP8 " in _summary(app) and "counted at BF16" in _summary(app)
        assert _days(app)["fleet-v3-h800"] == "26.8"
        assert _days(app)["fleet-fireflyer2"] == "~34.8†"  # A100s have no FP8
        assert _peaks(app)["fleet-fireflyer2"] == "BF16*"
        assert _peaks(app)["fleet-v3-h800"] == "FP8"
        await pilot.press("p")
        assert " BF16 " in _summary(app) and _peaks(app)["fleet-v3-h800"] == "BF16"
        await pilot.press("p", "0")
        assert " BF16 " in _summary(app) and screen.utilisation == 0.35


async def test_u_types_a_utilisation_and_refuses_nonsense() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await _open(pilot)
        await pilot.press("u")
        box = screen.query_one("#compute-input", Input)
        assert box.has_focus and box.value == "35"
        await pilot.press(*"42.5", "enter")
        await pilot.pause()
        assert screen.utilisation == 0.425 and " 42.5% " in _summary(app)
        assert not box.has_class("-typing")
        assert screen.focused is screen.query_one("#compute-fleets")
        await pilot.press("u", *"150", "enter")
        await pilot.pause()
        assert screen.utilisation == 0.425  # refused: still typing
        assert box.has_focus
        assert any("at most 1" in str(n.message) for n in app._notifications)
        await pilot.press("escape")
        assert isinstance(app.screen, ComputeScreen)  # escape only cancels typing
        assert not box.has_class("-typing") and screen.utilisation == 0.425


async def test_enter_opens_a_fleet_on_the_dashboard() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard = await loaded(pilot)
        await pilot.press("m")
        fleets = app.screen.query_one("#compute-fleets", RowList)
        while fleets.current_key != "fleet-wang-h100":
            await pilot.press("j")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is dashboard
        assert dashboard.selected == "fleet-wang-h100"


async def test_c_opens_the_fleets_claim_on_the_dashboard() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard = await loaded(pilot)
        await pilot.press("m", "j")
        assert app.screen.query_one("#compute-fleets", RowList).current_key == "fleet-wang-h100"
        await pilot.press("c")
        await pilot.pause()
        assert app.screen is dashboard
        assert dashboard.selected == "wang-50k-h100"


async def test_escape_and_m_close_without_following() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        dashboard = await loaded(pilot)
        before = dashboard.selected
        for key in ("escape", "m"):
            await pilot.press("m")
            assert isinstance(app.screen, ComputeScreen)
            await pilot.press(key)
            await pilot.pause()
            assert app.screen is dashboard and dashboard.selected == before


async def test_the_palette_opens_the_lens() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"compute lens")
        await pilot.pause(0.5)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ComputeScreen)


async def test_help_lists_the_lens_keys() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        console = Console(file=io.StringIO(), width=200)
        table = next(w for w in app.screen.query(Static) if isinstance(w.content, Table)).content
        with console.capture() as captured:
            console.print(table)
        text = captured.get()
        assert "Compute lens" in text
        assert "Type a utilisation: 35, 35% or 0.35" in text
        assert "The compute lens: days of pre-training on each fleet" in text


async def test_the_inspector_says_how_long_v3_would_take_on_a_fleet() -> None:
    app = make_app()
    async with app.run_test(size=(140, 50)) as pilot:
        dashboard = await loaded(pilot)
        dashboard.follow("fleet-fireflyer2")
        await pilot.pause()
        from tui.ui.details import describe

        text = describe(dashboard.corpus, "fleet-fireflyer2").plain  # type: ignore[arg-type]
        assert ("DeepSeek-V3's pre-training would take ~34.8† days at 35% of BF16 dense peak"
                in text)
        run = describe(dashboard.corpus, "run-v3").plain  # type: ignore[arg-type]
        assert "3.2856e24 FLOP" in run and "34.6% of BF16 · 17.3% of FP8 dense peak" in run
        r1 = describe(dashboard.corpus, "run-r1").plain  # type: ignore[arg-type]
        assert "Compute lens: does not apply: DeepSeek-R1's stages are" in r1
        ref = describe(dashboard.corpus, "util-llama4").plain  # type: ignore[arg-type]
        assert "19.7%† of FP8 dense peak" in ref and "~32,000 × H100 SXM5 80GB" in ref
