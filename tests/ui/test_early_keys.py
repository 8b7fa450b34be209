"""Every key the footer shows acts when pressed in the dashboard's first frame.

The dashboard looks ready as soon as its rows are drawn, but the user's takes (and the
themes and config) load just after, in a worker. Keys that need the takes are held
until they are there (``Takes.when_ready``), not dropped. These tests hold the settings
back, press the key, then let the settings load, and check that the key took effect.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable

import pytest
from textual.pilot import Pilot

from tests.ui.helpers import loaded, make_app, warm_cache
from tui.core.config import load_config
from tui.core.model import Verdict
from tui.core.userdata import UserStore, data_dir
from tui.ui.app import DeepseekApp
from tui.ui.screens.compute import ComputeScreen
from tui.ui.screens.cost import CostScreen
from tui.ui.screens.dashboard import DashboardScreen
from tui.ui.screens.export import ExportPicker
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.note import NoteEditor
from tui.ui.screens.stories import StoryPicker
from tui.ui.screens.timeline import TimelineScreen

STORY = "deepseek-r1"
Check = Callable[[DeepseekApp, DashboardScreen, Pilot[None]], Awaitable[None]]


def _messages(app: DeepseekApp) -> str:
    return " | ".join(str(n.message) for n in app._notifications)


async def _enter(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert screen.active_pane == "inspector"


async def _search(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert screen.focused is screen.query_one("#search")


async def _stance(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert screen.stance_filter is not None


async def _copy(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert screen.selected is not None and app.clipboard.startswith("CLAIM")


async def _stories(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert isinstance(app.screen, StoryPicker)  # two stories are bundled


async def _verdict(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    claim = screen.selected
    assert claim is not None and app.takes.verdicts[STORY] == {claim: Verdict.BELIEVE}
    assert type(app.takes.verdicts[STORY][claim]) is Verdict  # the view holds the enum
    app.takes.wait()
    store = UserStore(data_dir())
    assert store.load() == []
    take = store.take(STORY, claim)
    assert take is not None and take.verdict is not None and take.verdict.value == "believe"


async def _note(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert isinstance(app.screen, NoteEditor)


async def _export(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert isinstance(app.screen, ExportPicker)
    await pilot.press("down", "enter")  # JSON
    await app.workers.wait_for_complete()
    await pilot.pause()
    assert app.last_export is not None
    assert json.loads(app.last_export.read_text(encoding="utf-8"))["story"]["id"] == STORY


async def _timeline(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert isinstance(app.screen, TimelineScreen)


async def _cost(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert isinstance(app.screen, CostScreen)


async def _compute(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert isinstance(app.screen, ComputeScreen)


async def _open_source(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert "Opening github.com/" in _messages(app)  # the browser itself is stubbed out


async def _maximise(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert screen.maximized is screen.query_one("#claims")


async def _quit(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert app.return_code == 0


async def _help(app: DeepseekApp, screen: DashboardScreen, pilot: Pilot[None]) -> None:
    assert isinstance(app.screen, HelpScreen)


EFFECTS: dict[str, Check] = {
    "enter": _enter, "slash": _search, "f": _stance, "c": _copy, "o": _stories,
    "v": _verdict, "n": _note, "e": _export, "t": _timeline, "w": _cost, "m": _compute,
    "q": _quit, "question_mark": _help, "u": _open_source, "z": _maximise,
}
"""What each key the dashboard's footer shows in its first frame (the claims pane has
focus) must have done."""


async def _footer_keys() -> list[str]:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        return sorted({binding.key for _, binding, enabled, _ in
                       screen.active_bindings.values() if binding.show and enabled})


async def test_every_footer_key_has_its_effect_listed() -> None:
    assert await _footer_keys() == sorted(EFFECTS)


Release = Callable[[DeepseekApp], object]
RELEASE: Release = DeepseekApp.load_settings
"""The real settings worker, kept before any test replaces it."""


@pytest.fixture
def hold_settings(monkeypatch: pytest.MonkeyPatch) -> Release:
    """Keep the settings worker (takes, themes, config) from starting by itself; the
    test starts it with the function returned, when it has pressed its keys."""
    monkeypatch.setattr(DeepseekApp, "load_settings", lambda self: None)
    return RELEASE


@pytest.mark.parametrize("key", sorted(EFFECTS))
async def test_a_footer_key_pressed_before_the_settings_load_takes_effect(
    key: str, hold_settings: Release
) -> None:
    warm_cache()  # the dashboard is the app's first screen, as on a second launch
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        screen = app.dashboard
        assert screen is not None and not app.settled and not app.takes.ready
        await pilot.press(key)
        await pilot.pause()
        hold_settings(app)  # the settings worker, let go only now
        if key != "q":
            await loaded(pilot)
        await pilot.pause()
        await EFFECTS[key](app, screen, pilot)


async def test_a_theme_chosen_before_the_themes_load_is_kept_and_remembered(
    hold_settings: Release,
) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        started_in = app.theme
        await pilot.press("T")
        chosen = app.theme
        assert chosen != started_in
        hold_settings(app)
        await loaded(pilot)
        await pilot.pause()
        assert app.theme == chosen
    config, problems = load_config()
    assert problems == [] and config.theme == chosen
