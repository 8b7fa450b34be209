"""The second bundled story, Stargate, in the app: switching to it with ``o``, its
lenses with no training run, and takes and exports kept per story.

A bare launch still opens DeepSeek R1: the loader reads a folder's stories in file-name
order and the app opens the first, so ``deepseek-r1.toml`` stays the default.
"""

from __future__ import annotations

import json

from textual.pilot import Pilot
from textual.widgets import Static

from tests.ui.helpers import loaded, make_app
from tui.core.model import Verdict
from tui.ui.app import DeepseekApp
from tui.ui.screens.compute import ComputeScreen
from tui.ui.screens.cost import CostScreen
from tui.ui.screens.dashboard import DashboardScreen
from tui.ui.screens.export import ExportPicker
from tui.ui.screens.stories import StoryPicker
from tui.ui.screens.timeline import TimelineScreen
from tui.ui.widgets.row_list import RowList

DEEPSEEK, STARGATE = "deepseek-r1", "stargate-2025"


async def _open(pilot: Pilot[None], app: DeepseekApp, story_id: str) -> DashboardScreen:
    """Press o and pick ``story_id`` in the story picker."""
    await pilot.press("o")
    await pilot.pause()
    assert isinstance(app.screen, StoryPicker)
    ids = [corpus.story.id for corpus in app.stories]
    current = app.dashboard.corpus.story.id if app.dashboard and app.dashboard.corpus else None
    moves = ids.index(story_id) - ids.index(current) if current in ids else ids.index(story_id)
    await pilot.press(*(["down"] * moves if moves > 0 else ["up"] * -moves), "enter")
    await pilot.pause()
    screen = app.dashboard
    assert screen is not None and screen.corpus is not None
    assert screen.corpus.story.id == story_id
    return screen


def _keys(screen: DashboardScreen) -> set[str]:
    """The keys of every row the dashboard's lists show."""
    return {row.key for rows in screen.query(RowList) for row in rows.rows}


def _text(screen: object, selector: str) -> str:
    widget = screen.query_one(selector, Static)  # type: ignore[attr-defined]
    return str(widget.render())


async def test_a_bare_launch_opens_deepseek_with_both_stories_loaded() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert [corpus.story.id for corpus in app.stories] == [DEEPSEEK, STARGATE]
        assert screen.corpus is not None and screen.corpus.story.id == DEEPSEEK


async def test_o_switches_to_stargate_and_back() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await _open(pilot, app, STARGATE)
        assert screen.selected is not None and screen.corpus is not None
        assert screen.corpus.get(screen.selected) is not None  # a Stargate item is selected
        assert "stargate-500b" in _keys(screen)
        screen = await _open(pilot, app, DEEPSEEK)
        assert "wang-50k-h100" in _keys(screen) and "stargate-500b" not in _keys(screen)


async def test_the_cost_what_if_on_stargate_says_there_is_no_run_and_lists_the_fleets() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await _open(pilot, app, STARGATE)
        await pilot.press("w")
        await pilot.pause()
        assert isinstance(app.screen, CostScreen)
        assert "No training run to price" in _text(app.screen, "#cost-summary")
        fleets = app.screen.query_one("#cost-fleets", RowList)
        assert len(fleets.rows) == 4  # the fleets are there, each with "—" days
        assert all(str(row.cells[2]) == "—" for row in fleets.rows)


async def test_the_compute_lens_on_stargate_says_there_is_no_run_and_shows_peaks() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await _open(pilot, app, STARGATE)
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ComputeScreen)
        assert "No training run in this story" in _text(app.screen, "#compute-summary")
        rows = app.screen.query_one("#compute-fleets", RowList).rows
        bars = {row.key: str(row.cells[4]) for row in rows}
        assert bars["fleet-abilene-64k"] == "160,000 PF peak†"  # 64,000 × 2,500 TFLOPS BF16
        assert all(str(row.cells[3]) == "—" for row in rows)


async def test_the_timeline_on_stargate_lists_its_events() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        screen = await _open(pilot, app, STARGATE)
        await pilot.press("t")
        await pilot.pause()
        assert isinstance(app.screen, TimelineScreen)
        assert screen.corpus is not None and len(screen.corpus.events) == 10


async def test_each_story_keeps_its_own_takes_and_exports() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        deepseek = await loaded(pilot)
        deepseek.follow("wang-50k-h100")
        await pilot.pause()
        await pilot.press("v", "v")  # doubt
        screen = await _open(pilot, app, STARGATE)
        screen.follow("musk-no-money")
        await pilot.pause()
        await pilot.press("v")  # believe
        app.takes.wait()
        assert app.takes.verdicts[STARGATE] == {"musk-no-money": Verdict.BELIEVE}
        assert app.takes.verdicts[DEEPSEEK] == {"wang-50k-h100": Verdict.DOUBT}
        await pilot.press("e")
        assert isinstance(app.screen, ExportPicker)
        await pilot.press("down", "enter")  # JSON
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.last_export is not None
        exported = json.loads(app.last_export.read_text(encoding="utf-8"))
        assert exported["story"]["id"] == STARGATE
        assert set(exported["takes"]) == {"musk-no-money"}


async def test_figures_are_never_cut_in_the_gpu_pane() -> None:
    """Stargate's 1,200† W and 1,000,000† PFLOPS fit their columns; DeepSeek's columns
    keep their usual widths."""
    from tui.ui import rows as build

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        gpus, fleets = screen.query_one("#gpus", RowList), screen.query_one("#fleets", RowList)
        assert gpus.columns == build.GPU_COLUMNS and fleets.columns == build.FLEET_COLUMNS
        await _open(pilot, app, STARGATE)
        for rows in (gpus, fleets):
            for row in rows.rows:
                for column, cell in zip(rows.columns, row.cells, strict=False):
                    if column.align == "right":
                        assert column.width is not None and cell.cell_len <= column.width, (
                            column.label, cell.plain)
        widths = {column.label: column.width for column in fleets.columns}
        assert widths["BF16 PF"] == len("1,000,000†")
        await _open(pilot, app, DEEPSEEK)
        assert gpus.columns == build.GPU_COLUMNS and fleets.columns == build.FLEET_COLUMNS
