"""Snapshot tests: what a person sees, pinned. Look at each SVG before committing it.

``run_before`` waits for the load worker and asserts a story is on screen, so a
crash in compose or loading fails the test instead of pinning a blank screen.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from tests.conftest import DATA
from tests.ui.helpers import loaded, make_app

Snap = Callable[..., bool]


Step = Callable[[Any, Any], Awaitable[None] | None]


def _then(*steps: Step) -> Callable[[Pilot[None]], Awaitable[None]]:
    async def run_before(pilot: Pilot[None]) -> None:
        screen = await loaded(pilot)
        for step in steps:
            result = step(pilot, screen)
            if result is not None:
                await result
        await pilot.pause()

    return run_before


def follow(item_id: str) -> Callable[[Any, Any], Awaitable[None]]:
    async def step(pilot: Pilot[None], screen: Any) -> None:
        screen.follow(item_id)
        await pilot.pause()

    return step


def press(*keys: str) -> Callable[[Any, Any], Awaitable[None]]:
    async def step(pilot: Pilot[None], screen: Any) -> None:
        await pilot.press(*keys)
        await pilot.pause()

    return step


def test_default_120x40(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then())


def test_default_160x50(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(160, 50), run_before=_then())


def test_default_80x24(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_then())


def test_claim_selected_with_links(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("wang-50k-h100")))


def test_reaction_selected(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("musk-lmao-no")))


def test_search_active(snap_compare: Snap) -> None:
    async def no_blink(pilot: Pilot[None], screen: Any) -> None:
        screen.query_one("#search").cursor_blink = False

    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(press("slash"), no_blink, press(*"musk")))


def test_stance_filter_applied(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then(press("f")))


def test_help_screen(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(press("question_mark")))


def test_palette_open(snap_compare: Snap) -> None:
    async def palette(pilot: Pilot[None], screen: Any) -> None:
        await pilot.press("ctrl+p")
        await pilot.pause()
        pilot.app.screen.query_one("Input").cursor_blink = False
        # "lmao, no": only the story's items match it (no action's name has a comma),
        # so no two providers' hits tie on score and race for the same place.
        await pilot.press(*"lmao, no")
        # The palette's search runs in workers (and across every story): wait for them
        # rather than for a fixed time, which a loaded machine outlasts.
        for _ in range(200):
            await pilot.pause(0.05)
            if not any(worker.is_running for worker in pilot.app.workers):
                break
        await pilot.pause(0.2)

    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then(palette))


def test_inspector_on_a_gpu(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("h800-sxm"), press("enter")))


def test_gpu_sorted_with_baseline(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("h100-sxm"), press("b", "s")))


def test_too_small(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(50, 12), run_before=_then())


def test_second_story(snap_compare: Snap) -> None:
    assert snap_compare(make_app([DATA / "second-story"]), terminal_size=(120, 40),
                        run_before=_then(press("o"), press("down", "enter")))


def test_timeline(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(press("t"), press(*"j" * 20)))


def test_cost_what_if_at_a_higher_price(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(press("w"), press("plus", "plus")))


def test_cost_what_if_of_r1_from_its_three_stages(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(press("w"), press("r")))


def test_inspector_on_a_fleet_with_totals(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(140, 50),
                        run_before=_then(follow("fleet-wang-h100"), press("enter")))


def test_theme_light(snap_compare: Snap) -> None:
    assert snap_compare(make_app(theme="deepseek-light"), terminal_size=(120, 40),
                        run_before=_then(follow("musk-lmao-no")))


def test_theme_high_contrast(snap_compare: Snap) -> None:
    assert snap_compare(make_app(theme="deepseek-high-contrast"), terminal_size=(120, 40),
                        run_before=_then(follow("musk-lmao-no")))


def test_theme_colorblind(snap_compare: Snap) -> None:
    assert snap_compare(make_app(theme="deepseek-colorblind"), terminal_size=(120, 40),
                        run_before=_then(follow("musk-lmao-no")))


def test_no_color(snap_compare: Snap, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("musk-lmao-no")))


def test_claim_with_a_verdict(snap_compare: Snap) -> None:
    async def wait_saved(pilot: Pilot[None], screen: Any) -> None:
        pilot.app.takes.wait()  # type: ignore[attr-defined]
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("wang-50k-h100"), press("v", "v"), wait_saved))


def test_note_editor(snap_compare: Snap) -> None:
    async def type_note(pilot: Pilot[None], screen: Any) -> None:
        await pilot.press("n")
        await pilot.pause()
        pilot.app.screen.query_one("TextArea").cursor_blink = False
        await pilot.press(*"Which H100s? No source.")
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("wang-50k-h100"), type_note))


def test_compute_lens_120x40(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then(press("m")))


def test_compute_lens_80x24(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_then(press("m")))


def test_compute_lens_in_fp8_at_a_typed_utilisation(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(press("m", "p", "u", *"40", "enter")))


def test_inspector_on_a_fleet_with_the_compute_line(snap_compare: Snap) -> None:
    async def to_the_lens_line(pilot: Pilot[None], screen: Any) -> None:
        body = screen.query_one("#inspector-body")
        body.scroll_to(y=6, animate=False)
        await pilot.pause()

    assert snap_compare(make_app(), terminal_size=(140, 50),
                        run_before=_then(follow("fleet-fireflyer2"), press("enter"),
                                         to_the_lens_line))


def _quiet(pilot: Pilot[None], screen: Any) -> None:
    """Clear the "Opened …" toast, which would cover the fleets."""
    pilot.app.clear_notifications()


def test_stargate_dashboard_120x40(snap_compare: Snap) -> None:
    """The second bundled story, opened with o from the default one."""
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(press("o"), press("down", "enter"), _quiet))


def test_stargate_compute_lens_without_a_run(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(press("o"), press("down", "enter"), _quiet,
                                         press("m")))


def test_problems_panel_after_a_broken_save(
    snap_compare: Snap, tmp_path: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Under --watch: a save with two dangling references, listed as ``validate`` prints
    them, under the last good story (a relative path, so the picture holds anywhere)."""
    from tui.ui.app import create_app
    from tui.ui.reloading import SeedsChanged

    story = tmp_path / "story.toml"
    story.write_bytes((DATA / "good" / "minimal.toml").read_bytes())
    monkeypatch.chdir(tmp_path)
    app = create_app([Path("story.toml")], theme="deepseek-dark", watch=True)
    app.animation_level = "none"

    async def broken_save(pilot: Pilot[None], screen: Any) -> None:
        text = story.read_text(encoding="utf-8")
        story.write_text(text.replace('by = "alice"', 'by = "alise"')
                         .replace('actor = "bob"', 'actor = "bobb"'), encoding="utf-8")
        pilot.app.post_message(SeedsChanged())
        await pilot.pause()
        await pilot.app.workers.wait_for_complete()
        await pilot.pause()

    assert snap_compare(app, terminal_size=(120, 40), run_before=_then(broken_save))


def test_maximised_inspector_on_a_claim(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("wang-50k-h100"), press("4", "z")))


def test_maximised_inspector_on_a_claim_80x24(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24),
                        run_before=_then(follow("ds-rivals-openai"), press("4", "z")))


def test_maximised_inspector_on_a_source(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40),
                        run_before=_then(follow("toms-semia"), press("4", "z")))


def test_footer_in_the_gpu_pane_80x24(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(80, 24), run_before=_then(press("2")))


def test_footer_in_the_gpu_pane_120x40(snap_compare: Snap) -> None:
    assert snap_compare(make_app(), terminal_size=(120, 40), run_before=_then(press("2")))
