"""Pilot tests: every dashboard binding, pressed, with its effect on state."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.binding import Binding
from textual.command import CommandPalette

from tests.conftest import DATA
from tests.ui.helpers import loaded, make_app
from tui.core.model import Stance
from tui.ui.screens.help import HelpScreen
from tui.ui.screens.stories import StoryPicker
from tui.ui.widgets.gpu_pane import GpuPane
from tui.ui.widgets.row_list import RowList


async def test_first_screen_has_claims_gpus_and_lmao_no() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        claims = screen.query_one("#claims", RowList)
        reactions = screen.query_one("#reactions", RowList)
        assert len(claims.rows) == len(screen.corpus.claims) >= 10
        assert any("Lmao, no" in row.cells[2].plain for row in reactions.rows)
        assert screen.focused is claims
        assert screen.selected == claims.rows[0].key


async def test_move_within_a_pane() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        claims = screen.query_one("#claims", RowList)
        last = len(claims.rows) - 1
        await pilot.press("j")
        assert claims.cursor == 1 and screen.selected == claims.rows[1].key
        await pilot.press("down")
        assert claims.cursor == 2
        await pilot.press("k")
        await pilot.press("up")
        assert claims.cursor == 0
        await pilot.press("G")
        assert claims.cursor == last
        await pilot.press("g")
        assert claims.cursor == 0
        await pilot.press("end")
        assert claims.cursor == last
        await pilot.press("home")
        assert claims.cursor == 0
        await pilot.press("pagedown")
        assert 0 < claims.cursor <= last
        await pilot.press("pageup")
        assert claims.cursor == 0


async def test_tab_and_number_keys_move_between_panes() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#gpus")
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#fleets")
        await pilot.press("shift+tab")
        assert screen.focused is screen.query_one("#gpus")
        for key, target, pane in (("3", "reactions", "reactions"), ("4", "links", "inspector"),
                                  ("2", "gpus", "gpus"), ("1", "claims", "claims")):
            await pilot.press(key)
            assert screen.focused is screen.query_one(f"#{target}")
            assert screen.active_pane == pane


async def test_selecting_a_claim_marks_its_reactions_fleets_and_gpus() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow("wang-50k-h100")
        await pilot.pause()
        assert screen.selected == "wang-50k-h100"
        assert "musk-obviously" in screen.query_one("#reactions", RowList).marked
        assert "fleet-wang-h100" in screen.query_one("#fleets", RowList).marked
        assert "h100-sxm" in screen.query_one("#gpus", RowList).marked
        assert "a100-sxm-80" not in screen.query_one("#gpus", RowList).marked


async def test_selecting_a_reaction_marks_its_claims() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("3")
        reactions = screen.query_one("#reactions", RowList)
        while reactions.current_key != "musk-obviously":
            await pilot.press("j")
        assert screen.selected == "musk-obviously"
        assert "wang-50k-h100" in screen.query_one("#claims", RowList).marked


async def test_selecting_a_gpu_marks_claims_and_fleets() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("2")
        gpus = screen.query_one("#gpus", RowList)
        while gpus.current_key != "h800-sxm":
            await pilot.press("j")
        marked_fleets = screen.query_one("#fleets", RowList).marked
        assert {"fleet-v3-h800", "fleet-r1-512-h800"} <= marked_fleets
        assert "dsv3-training-cost" in screen.query_one("#claims", RowList).marked


async def test_enter_opens_inspector_and_enter_on_a_link_follows_it() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow("musk-lmao-no")
        await pilot.pause()
        await pilot.press("enter")
        links = screen.query_one("#links", RowList)
        assert screen.focused is links
        assert "benioff-deepgold" in [row.key for row in links.rows]
        while links.current_key != "benioff-deepgold":
            await pilot.press("j")
        await pilot.press("enter")
        assert screen.selected == "benioff-deepgold"
        assert screen.focused is screen.query_one("#reactions")
        await pilot.press("escape")
        assert screen.selected == "musk-lmao-no"


async def test_search_filters_every_pane_live_and_escape_clears() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        all_claims = len(screen.query_one("#claims", RowList).rows)
        await pilot.press("slash")
        await pilot.press(*"h800")
        assert screen.search_query == "h800"
        claims = screen.query_one("#claims", RowList)
        assert 0 < len(claims.rows) < all_claims
        assert screen.query_one("#filter-bar").display
        gpus = [row.key for row in screen.query_one("#gpus", RowList).rows]
        assert gpus == ["h800-sxm"]
        await pilot.press("enter")
        assert screen.search_query == "h800" and screen.focused is claims
        await pilot.press("escape")
        assert screen.search_query == ""
        assert len(claims.rows) == all_claims
        assert not screen.query_one("#filter-bar").display


async def test_f_cycles_the_stance_filter() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        reactions = screen.query_one("#reactions", RowList)
        seen = []
        for _ in range(len(Stance) + 1):
            await pilot.press("f")
            seen.append(screen.stance_filter)
            if screen.stance_filter is not None:
                stances = {screen.corpus.get(r.key).stance for r in reactions.rows}
                assert stances <= {screen.stance_filter}
        assert seen == [*Stance, None]


async def test_s_sorts_gpu_table_by_focused_column_and_reverses() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("2")
        pane = screen.query_one(GpuPane)
        gpus = screen.query_one("#gpus", RowList)
        assert pane.gpu_column == 3  # BF16 dense
        await pilot.press("s")
        keys = [row.key for row in gpus.rows]
        bf16 = [screen.corpus.get(k).bf16_dense_tflops for k in keys]
        assert bf16 == sorted(bf16, reverse=True)
        assert "▼" in gpus.render_line(0).text
        await pilot.press("s")
        bf16 = [screen.corpus.get(row.key).bf16_dense_tflops for row in gpus.rows]
        assert bf16 == sorted(bf16)
        assert "▲" in gpus.render_line(0).text
        await pilot.press("left", "left", "left")
        assert pane.gpu_column == 0
        await pilot.press("s")
        names = [screen.corpus.get(row.key).name for row in gpus.rows]
        assert names == sorted(names, key=str.casefold)
        await pilot.press("right", "l")
        assert pane.gpu_column == 2


async def test_b_sets_the_baseline_and_ratios_follow() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("2")
        pane = screen.query_one(GpuPane)
        gpus = screen.query_one("#gpus", RowList)
        assert pane.baseline == "a100-sxm-80"
        row = next(r for r in gpus.rows if r.key == "h100-sxm")
        assert row.cells[-1].plain == "3.17×"
        while gpus.current_key != "h100-sxm":
            await pilot.press("j")
        await pilot.press("b")
        assert pane.baseline == "h100-sxm"
        row = next(r for r in gpus.rows if r.key == "h100-sxm")
        assert row.cells[-1].plain == "1.00×"


async def test_c_copies_the_selected_item() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow("musk-lmao-no")
        await pilot.pause()
        await pilot.press("c")
        assert "Lmao, no" in app.clipboard
        assert any("Copied" in str(n.message) for n in app._notifications)


async def test_question_mark_opens_help_from_the_bindings() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rendered = " ".join(str(cell) for column in app.screen.table.columns
                            for cell in column._cells)
        assert "Cycle the reactions' stance filter" in rendered
        await pilot.press("escape")
        assert not isinstance(app.screen, HelpScreen)


async def test_help_lists_the_gpu_panes_own_keys() -> None:
    # They left the dashboard's bindings for the GPU pane's: the help lost them once.
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press("question_mark")
        assert isinstance(app.screen, HelpScreen)
        rendered = " ".join(str(cell) for column in app.screen.table.columns
                            for cell in column._cells)
        for binding in GpuPane.BINDINGS:
            assert isinstance(binding, Binding) and binding.tooltip in rendered


async def test_ctrl_p_opens_the_palette_and_jumps_to_an_item() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"lmao no")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected == "musk-lmao-no"


@pytest.mark.parametrize("key", ["q", "ctrl+q"])
async def test_quit_keys(key: str) -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        await pilot.press(key)
        await pilot.pause()
        assert app._exit


async def test_o_switches_story_when_there_are_two() -> None:
    app = make_app([DATA / "second-story"])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert len(app.stories) == 2
        first = screen.corpus.story.id
        await pilot.press("o")
        assert isinstance(app.screen, StoryPicker)
        await pilot.press("down", "enter")
        await pilot.pause()
        assert screen.corpus.story.id != first


async def test_user_keymap_rebinds_a_key(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEEPSEEK_TUI_CONFIG_DIR", str(tmp_path))
    (tmp_path / "config.toml").write_text('[keymap]\n"dashboard.stance_filter" = "x"\n')
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("x")
        assert screen.stance_filter is Stance.SKEPTICAL


async def test_no_story_loads_exit_code_two(tmp_path: Path) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("format = [")
    app = make_app([broken])
    async with app.run_test(size=(120, 40)) as pilot:
        for _ in range(200):  # the app exits by itself once loading fails
            if app.loaded:
                break
            await pilot.pause(0.02)
    assert app.loaded
    assert app.return_code == 2
    assert app.problems and app.problems[0].file == broken


def test_launcher_prints_problems_after_exit(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from tui.ui.launch import run

    broken = tmp_path / "broken.toml"
    broken.write_text("")
    assert run([broken], headless=True) == 2
    err = capsys.readouterr().err
    assert f"{broken}: file is empty" in err
    assert "Traceback" not in err


async def test_a_bad_file_in_a_folder_is_notified_and_good_stories_open() -> None:
    app = make_app([DATA / "mixed"])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        messages = [str(n.message) for n in app._notifications]
        assert any("problem" in m for m in messages)


async def test_too_small_message_and_q_still_quits() -> None:
    app = make_app()
    async with app.run_test(size=(50, 12)) as pilot:
        screen = await loaded(pilot)
        assert screen.has_class("-too-small")
        message = str(screen.query_one("#too-small").render())
        assert "terminal too small: need 60×16, have 50×12" in message
        await pilot.press("q")
        await pilot.pause()
        assert app._exit


async def test_compact_layout_shows_one_pane_at_a_time() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        assert screen.has_class("-compact")
        assert screen.query_one("#claims").display
        await pilot.press("3")
        assert screen.query_one("#reactions").has_class("-active")
        assert not screen.query_one("#claims").has_class("-active")


@pytest.mark.parametrize("key", ["s", "b", "h", "l", "left", "right"])
async def test_the_gpu_keys_act_only_in_the_gpu_pane(key: str) -> None:
    """In Claims, h changed the GPU table's ratio column without a word; now the GPU
    keys belong to the GPU pane, and the footer shows them only there."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        pane = screen.query_one(GpuPane)
        before = (pane.gpu_sort, pane.gpu_column, pane.baseline)
        for pane_key in ("1", "3"):  # claims, reactions
            await pilot.press(pane_key, key)
            await pilot.pause()
            assert (pane.gpu_sort, pane.gpu_column, pane.baseline) == before
        footer = {b.key for _, b, enabled, _ in screen.active_bindings.values()
                  if b.show and enabled}
        assert "s" not in footer and "b" not in footer
        await pilot.press("2")
        footer = {b.key for _, b, enabled, _ in screen.active_bindings.values()
                  if b.show and enabled}
        assert {"s", "b"} <= footer


async def test_the_palette_shows_each_command_with_the_key_that_runs_it_now() -> None:
    """The keys come from the bindings, so a user's keymap shows in the palette too."""
    from tui.ui.commands import AppCommands

    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        shown = {text: key for text, _, key in AppCommands(screen)._commands()}
        assert shown["Open the timeline"] == "t" and shown["Show keys (help)"] == "?"
        app.set_keymap({"dashboard.timeline": "y", "dashboard.export": "x"})
        await pilot.pause()
        shown = {text: key for text, _, key in AppCommands(screen)._commands()}
        assert shown["Open the timeline"] == "y"
        assert shown["Export: JSON (whole story)"] == "x"


async def test_esc_goes_back_even_when_nothing_is_selected_now() -> None:
    """A filter can leave nothing selected (its list is empty); Esc then went back and
    popped the history once more than ``follow`` had pushed: IndexError, exit 1 (found
    by the real-terminal random keys)."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow("wang-50k-h100")
        before = list(screen.history)
        screen.follow("musk-obviously")
        await pilot.pause()
        screen.selected = None
        await pilot.press("escape")
        await pilot.pause()
        assert screen.selected == "wang-50k-h100" and screen.history == before
