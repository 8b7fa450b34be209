"""The one way out (``tui.ui.exits``): signals ask the app's loop to leave, or keep the
request until it runs; Ctrl+Z is in the help and the palette, not the footer, and says
so where it cannot suspend."""

from __future__ import annotations

import asyncio
import signal

import pytest

from tests.ui.helpers import loaded, make_app
from tui.ui.exits import ExitRequest, ending_on_signals, signal_exit_code
from tui.ui.screens.help import HelpScreen


def test_a_signal_before_the_loop_runs_is_kept_for_the_app() -> None:
    left: list[int] = []
    request = ExitRequest(left.append)
    request.on_signal(signal.SIGTERM, None)
    assert left == []
    assert request.take_pending() == 143
    assert request.take_pending() is None  # handed on once


async def test_a_signal_while_the_loop_runs_asks_it_to_leave() -> None:
    left: list[int] = []
    request = ExitRequest(left.append)
    request.on_signal(signal.SIGHUP, None)
    assert left == []  # not inside the handler: on the loop, next
    await asyncio.sleep(0)
    assert left == [signal_exit_code(signal.SIGHUP)] == [129]


def test_a_second_signal_ends_the_process_with_the_default_action(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    killed: list[int] = []
    reset: list[tuple[int, object]] = []
    monkeypatch.setattr("tui.ui.exits.os.kill", lambda pid, signum: killed.append(signum))
    monkeypatch.setattr("tui.ui.exits.signal.signal",
                        lambda signum, handler: reset.append((signum, handler)))
    request = ExitRequest(lambda code: None)
    request.on_signal(signal.SIGTERM, None)
    assert killed == []
    request.on_signal(signal.SIGTERM, None)
    assert reset == [(signal.SIGTERM, signal.SIG_DFL)] and killed == [signal.SIGTERM]


def test_the_handlers_are_put_back_afterwards() -> None:
    before = {signum: signal.getsignal(signum) for signum in (signal.SIGTERM, signal.SIGHUP)}
    request = ExitRequest(lambda code: None)
    with ending_on_signals(request):
        assert signal.getsignal(signal.SIGTERM) == request.on_signal
        assert signal.getsignal(signal.SIGHUP) == request.on_signal
    assert {signum: signal.getsignal(signum) for signum in before} == before


def test_a_signal_kept_from_before_the_loop_ends_the_app_once_mounted() -> None:
    app = make_app()
    app.exit_request.on_signal(signal.SIGTERM, None)  # no loop runs here: kept
    assert app.exit_request.pending == 143
    asyncio.run(asyncio.wait_for(app.run_async(headless=True, size=(120, 40)), 20))
    assert app.return_code == 143
    assert app.exit_request.pending is None


async def test_ctrl_z_cannot_suspend_here_and_says_so() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+z")
        await pilot.pause()
        assert app.is_running
        assert any("Suspending" in str(n.message) for n in app._notifications)


async def test_ctrl_z_is_in_the_help_and_the_palette_but_not_the_footer() -> None:
    from tui.ui.commands import AppCommands

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        footer = {b.key for _, b, enabled, _ in screen.active_bindings.values()
                  if b.show and enabled}
        assert "ctrl+z" not in footer
        shown = {text: key for text, _, key in AppCommands(screen)._commands()}
        assert shown["Suspend to the shell (fg resumes)"] == "^z"
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rendered = " ".join(str(cell) for column in app.screen.table.columns
                            for cell in column._cells)
        assert "Suspend to the shell" in rendered
