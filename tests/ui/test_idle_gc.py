"""Full garbage collections wait for a quiet moment, and Python's pacing comes back."""

from __future__ import annotations

import gc

import pytest

from tests.ui.helpers import loaded, make_app
from tui.ui import idle_gc
from tui.ui.idle_gc import OLD_GENERATION_THRESHOLD, IdleCollector


def test_start_moves_full_collections_to_the_timer_and_stop_restores() -> None:
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    try:
        assert gc.get_threshold() == (before[0], before[1], OLD_GENERATION_THRESHOLD)
    finally:
        collector.stop()
    assert gc.get_threshold() == before


def test_tick_collects_only_after_a_quiet_moment(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(idle_gc.time, "monotonic", lambda: now[0])
    collected = []
    monkeypatch.setattr(idle_gc.gc, "collect", lambda: collected.append(now[0]) or 0)
    counts = [(0, 0, idle_gc.DUE_AFTER)]
    monkeypatch.setattr(idle_gc.gc, "get_count", lambda: counts[0])
    collector = IdleCollector()
    collector.key_pressed()
    now[0] += idle_gc.QUIET_S / 2
    collector.tick()
    assert collected == []  # a key was pressed just now
    now[0] += idle_gc.QUIET_S
    counts[0] = (0, 0, idle_gc.DUE_AFTER - 1)
    collector.tick()
    assert collected == []  # quiet, but not due yet
    counts[0] = (0, 0, idle_gc.DUE_AFTER)
    collector.tick()
    assert collected == [now[0]] and collector.collections == 1


async def test_the_app_notes_keys_and_restores_the_collector_when_it_closes() -> None:
    before = gc.get_threshold()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert gc.get_threshold()[2] == OLD_GENERATION_THRESHOLD
        app.idle_gc.last_key = 0.0
        await pilot.press("j")
        assert app.idle_gc.last_key > 0.0
    assert gc.get_threshold() == before


def test_elsewhere_python_keeps_its_own_pacing(monkeypatch: pytest.MonkeyPatch) -> None:
    """On a Python whose collector is not the three-generation one (3.14's incremental
    one), the thresholds are left alone and nothing is collected by the timer."""
    monkeypatch.setattr(idle_gc, "TUNED", False)
    monkeypatch.setattr(idle_gc.gc, "collect", lambda: pytest.fail("collected"))
    monkeypatch.setattr(idle_gc.gc, "get_count", lambda: (0, 0, 10 * idle_gc.DUE_AFTER))
    before = gc.get_threshold()
    collector = IdleCollector()
    collector.start()
    assert gc.get_threshold() == before
    collector.last_key = 0.0
    collector.tick()
    collector.stop()
    assert gc.get_threshold() == before

