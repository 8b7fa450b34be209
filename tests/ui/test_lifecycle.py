"""Deferred work, pushed screens and quitting: nothing runs where it no longer can.

The real-terminal tests (``tests/terminal``) find these races by chance; these pin each
one the gate in ``tui.ui.lifecycle`` closes.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest
from textual import events
from textual.messages import Prune
from textual.signal import SignalError

from tests.ui.helpers import loaded, make_app
from tui.ui import lifecycle
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.timeline import TimelineScreen

UI = Path(__file__).resolve().parents[2] / "tui" / "ui"
SCHEDULERS = {"call_next", "call_later", "call_after_refresh", "call_from_thread",
              "set_interval", "set_timer"}


def test_nothing_in_the_ui_schedules_work_around_the_gate() -> None:
    """Every later call goes through ``tui.ui.lifecycle`` (which alone calls Textual's)."""
    found = []
    for path in UI.rglob("*.py"):
        if path.name == "lifecycle.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and node.func.attr in SCHEDULERS
                    and not (isinstance(node.func.value, ast.Name)
                             and node.func.value.id == "lifecycle")):
                found.append(f"{path.relative_to(UI)}:{node.lineno} {node.func.attr}")
    assert found == []


async def test_a_gated_call_is_dropped_once_the_app_is_exiting() -> None:
    ran: list[str] = []
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        lifecycle.gate(screen, lambda: ran.append("before"))()
        app.exit()
        lifecycle.gate(screen, lambda: ran.append("app exiting"))()
        lifecycle.gate(app, lambda: ran.append("app exiting"))()
    lifecycle.gate(app, lambda: ran.append("app gone"))()
    assert ran == ["before"]


async def test_a_subscription_that_comes_due_after_the_app_stopped_is_dropped() -> None:
    """What ended a quick quit in ``SignalError``: the theme subscription, scheduled as
    the themes loaded, came due after the app had stopped running."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
    with pytest.raises(SignalError):
        app.theme_changed_signal.subscribe(app, print)
    lifecycle.gate(app, app.theme_changed_signal.subscribe)(app, print)


async def test_a_screen_pushed_as_the_user_quits_is_not_set_up() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.corpus is not None
        app.exit()
        app.push_screen(TimelineScreen(screen.corpus))  # its on_mount would find no widgets
    assert app.return_code == 0


async def test_a_second_escape_on_its_way_does_not_close_the_dashboard_too() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("question_mark")
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen)
        help_screen.dismiss()
        help_screen.dismiss()  # as a second Esc already queued for it would
        await pilot.pause()
        assert app.screen is screen and help_screen.dismissed
        # No more keys for it; Textual's own messages, which remove it, still pass.
        assert not help_screen.check_message_enabled(events.Key("a", "a"))
        assert help_screen.check_message_enabled(Prune())


@pytest.mark.parametrize("action", ["switch_list", "close"])
async def test_a_pushed_screen_takes_no_action_before_it_is_mounted(action: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.corpus is not None
        timeline = TimelineScreen(screen.corpus)
        assert timeline.check_action(action, ()) is False
        await app.push_screen(timeline)
        await pilot.pause()
        assert timeline.check_action(action, ()) is True
