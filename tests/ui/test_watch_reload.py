"""``--watch`` in the app: a valid save reloads the story and keeps the view, a broken
save lists its problems in a panel while the last good story stays usable, a fix
clears it, and the watcher starts after the first frame and stops with the app.

The saves are reloaded by posting what the watcher posts (``SeedsChanged``), so the
tests wait for a worker, never for a clock; one test lets the real watcher see a save.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
from textual.pilot import Pilot

from tests.conftest import DATA
from tests.ui.helpers import loaded, make_app
from tui.core.model import Stance
from tui.core.seeds import load
from tui.ui.app import DeepseekApp, create_app
from tui.ui.reloading import SeedsChanged
from tui.ui.screens.dashboard import DashboardScreen
from tui.ui.widgets.problems_panel import ProblemsPanel
from tui.ui.widgets.row_list import RowList

MINIMAL = DATA / "good" / "minimal.toml"
OLD_SHORT = "The lab really has 1,000 X2 cards"
NEW_SHORT = "The lab really has 2,000 X2 cards"


@pytest.fixture
def story(tmp_path: Path) -> Path:
    path = tmp_path / "story.toml"
    path.write_bytes(MINIMAL.read_bytes())
    return path


def watching(story: Path) -> DeepseekApp:
    app = create_app([story], theme="deepseek-dark", watch=True)
    app.animation_level = "none"
    return app


def edit(story: Path, old: str, new: str) -> None:
    text = story.read_text(encoding="utf-8")
    assert old in text
    story.write_text(text.replace(old, new, 1), encoding="utf-8")


async def saved(pilot: Pilot[None]) -> DashboardScreen:
    """What the watcher does on a save, and the reload it starts, done."""
    app = pilot.app
    assert isinstance(app, DeepseekApp)
    app.post_message(SeedsChanged())
    await pilot.pause()
    await app.workers.wait_for_complete()
    await pilot.pause()
    screen = app.dashboard
    assert screen is not None
    return screen


def claims_text(screen: DashboardScreen) -> str:
    claims = screen.query_one("#claims", RowList)
    return "\n".join(claims.render_line(y).text for y in range(claims.size.height))


def panel(screen: DashboardScreen) -> ProblemsPanel | None:
    found = screen.query("#problems")
    return found.first(ProblemsPanel) if found else None


def validate_lines(story: Path) -> list[str]:
    """What ``deepseek-tui validate`` prints for the story, problem by problem."""
    return [str(problem) for problem in load([story]).problems]


async def test_a_valid_save_shows_the_new_story_and_keeps_the_view(story: Path) -> None:
    async with watching(story).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow("alice-doubt")
        screen.stance_filter = Stance.SKEPTICAL
        screen.search_query = "lab"
        await pilot.pause()
        assert OLD_SHORT in claims_text(screen)
        edit(story, OLD_SHORT, NEW_SHORT)
        screen = await saved(pilot)
        assert NEW_SHORT in claims_text(screen)
        assert OLD_SHORT not in claims_text(screen)
        assert screen.selected == "alice-doubt"
        assert screen.stance_filter is Stance.SKEPTICAL
        assert screen.search_query == "lab"
        assert screen.corpus is not None and screen.corpus.claims[1].short == NEW_SHORT
        assert panel(screen) is None  # nothing went wrong: no panel was ever mounted


async def test_a_selected_item_that_is_gone_gives_way_to_the_cursor(story: Path) -> None:
    async with watching(story).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        screen.follow("note-x2")
        await pilot.pause()
        edit(story, 'id = "note-x2"', 'id = "note-x3"')
        screen = await saved(pilot)
        assert screen.selected != "note-x2"
        assert screen.corpus is not None and "note-x3" in screen.corpus


async def test_a_broken_save_lists_its_problems_and_keeps_the_story(story: Path) -> None:
    async with watching(story).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        shown = screen.corpus
        edit(story, 'by = "alice"', 'by = "alise"')  # a dangling reference
        edit(story, 'stance = "skeptical"', 'stance = "angry"')  # and a schema error
        screen = await saved(pilot)
        found = panel(screen)
        assert found is not None and found.display
        expected = validate_lines(story)
        assert len(expected) == 1 and ":" in expected[0]  # the schema error stops the rest
        assert f"{story}:" in expected[0]
        rendered = str(found.render())
        assert all(line in rendered for line in expected), (rendered, expected)
        assert "last good version" in str(found.border_title)
        # the last good story stays on screen, and usable
        assert screen.corpus is shown
        assert OLD_SHORT in claims_text(screen)
        await pilot.press("1", "j")
        assert screen.selected == "alice-doubt"
        # the fix clears the panel
        edit(story, 'stance = "angry"', 'stance = "skeptical"')
        screen = await saved(pilot)
        found = panel(screen)
        assert found is not None and found.display  # the dangling reference is left
        assert validate_lines(story)[0] in str(found.render())
        edit(story, 'by = "alise"', 'by = "alice"')
        screen = await saved(pilot)
        found = panel(screen)
        assert found is not None and not found.display
        assert screen.corpus is not shown  # the fixed story, read again


async def test_invalid_toml_is_located_by_line_and_column(story: Path) -> None:
    async with watching(story).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        edit(story, 'quote = "No way"', 'quote = "No way')
        screen = await saved(pilot)
        found = panel(screen)
        assert found is not None and found.display
        [line] = validate_lines(story)
        assert line.startswith(f"{story}:118:")  # file:line:column
        assert line in str(found.render())


async def test_a_deleted_story_file_keeps_its_story_on_screen(story: Path) -> None:
    async with watching(story).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        story.unlink()
        screen = await saved(pilot)
        found = panel(screen)
        assert found is not None and "no such file" in str(found.render())
        assert OLD_SHORT in claims_text(screen)


async def test_the_watcher_sees_a_save_and_stops_with_the_app(story: Path) -> None:
    app = watching(story)
    assert app.watcher is not None and not app.watcher.running  # not before the first frame
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert app.watcher.running
        edit(story, OLD_SHORT, NEW_SHORT)
        for _ in range(3000):  # until the watcher has seen it (no clock: a bound on looks)
            await pilot.pause(0.01)
            await app.workers.wait_for_complete()
            if NEW_SHORT in claims_text(screen):
                break
        assert NEW_SHORT in claims_text(screen)
    assert not app.watcher.running
    assert not any(thread.name == "seed watcher" for thread in threading.enumerate())


async def test_without_watch_there_is_no_watcher(story: Path) -> None:
    app = make_app([story])
    async with app.run_test(size=(120, 40)) as pilot:
        await loaded(pilot)
        assert app.watcher is None
        assert not any(thread.name == "seed watcher" for thread in threading.enumerate())


async def test_the_new_skeleton_opens(tmp_path: Path) -> None:
    from tui.cli import main
    from tui.core.skeleton import uncommented

    story = tmp_path / "stargate.toml"
    assert main(["new", str(story)]) == 0
    async with watching(story).run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.corpus is not None and screen.corpus.story.title == "Stargate"
        assert "no claims in this story yet" in claims_text(screen)
        # uncommenting the example claim (and what it refers to) shows it
        text = story.read_text(encoding="utf-8")
        story.write_text(uncommented(text), encoding="utf-8")
        screen = await saved(pilot)
        assert "Acme's X1 is the fastest AI" in claims_text(screen)
        assert panel(screen) is None
