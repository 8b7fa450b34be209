"""An archive in the app: the first story first, the rest behind it, the picker, and
search across stories in the palette."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from textual.pilot import Pilot

from bench.generate import write_archive
from tests.core.test_archive import BROKEN_STORY
from tests.ui.helpers import loaded, make_app
from tui.core.userdata import UserStore, data_dir
from tui.ui.app import DeepseekApp, create_app
from tui.ui.archive_search import ArchiveSearch
from tui.ui.screens.stories import StoryPicker, TextLines
from tui.ui.widgets.masthead import Masthead
from tui.ui.widgets.row_list import RowList


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """Six copies of the bundled story (archive-0000 the newest) and a broken file
    dated after all of them."""
    write_archive(tmp_path / "archive", 6)
    (tmp_path / "archive" / "broken.toml").write_text(BROKEN_STORY)
    return tmp_path / "archive"


async def all_loaded(app: DeepseekApp, pilot: Pilot[None]) -> None:
    await loaded(pilot)
    for _ in range(500):
        if app.library.complete:
            return
        await pilot.pause(0.02)
    raise AssertionError("the archive never finished loading")


async def test_the_newest_story_opens_first_and_the_rest_load_behind_it(folder: Path) -> None:
    app = make_app([folder])
    shown_when_batch_came: list[str | None] = []
    more_loaded = app._more_loaded

    def watch(batch: list[object]) -> None:
        shown_when_batch_came.append(app._showing())
        more_loaded(batch)  # type: ignore[arg-type]

    app._more_loaded = watch  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await all_loaded(app, pilot)
        screen = app.dashboard
        assert screen is not None and screen.corpus is not None
        assert screen.corpus.story.id == "archive-0000"
        # Every batch of the background load came with the first story already shown.
        assert shown_when_batch_came and set(shown_when_batch_came) == {"archive-0000"}
        assert len(app.stories) == 6
        assert screen.query_one(Masthead).archive == "6 stories, 1 broken"
        assert any("Press o" in str(n.message) for n in app._notifications)


async def test_story_flag_opens_that_story(folder: Path) -> None:
    app = create_app([folder], theme="deepseek-dark", story="archive-0004")
    async with app.run_test(size=(120, 40)) as pilot:
        await all_loaded(app, pilot)
        assert app._showing() == "archive-0004"


async def test_picker_lists_every_story_newest_first_with_the_broken_file(folder: Path) -> None:
    app = make_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await all_loaded(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        picker = app.screen
        assert isinstance(picker, StoryPicker)
        rows = picker.query_one(RowList)
        assert list(rows._keys) == ["file:" + str(folder / "broken.toml"),
                                    *(f"archive-{n:04d}" for n in range(6))]
        assert rows.current_key == "archive-0000"  # the story open
        assert "7 stories" not in picker.query_one("#story-count", TextLines).text.plain
        await pilot.press("up")  # the broken file: its located problems under the list
        details = picker.query_one("#story-details", TextLines).text.plain
        assert "did not load" in details and "claims[0].kind" in details
        assert "broken.toml:" in details  # file:line
        await pilot.press(*"0003")  # filter as you type
        await pilot.pause()
        assert list(rows._keys) == ["archive-0003"]
        await pilot.press("enter")
        await pilot.pause()
        assert app._showing() == "archive-0003"


async def test_palette_finds_items_in_every_story_and_opens_one(folder: Path) -> None:
    app = make_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await all_loaded(app, pilot)
        provider = ArchiveSearch(app.screen)
        hits = [hit async for hit in provider.search("H800")]
        stories = {hit.help for hit in hits}
        # every other story, each hit naming its story (the open one's items are the
        # palette's "Go to …" hits already)
        assert len(stories) == 5
        assert all(help_text and help_text.startswith("in “Archive 000") for help_text in stories)
        open_title = app.dashboard.corpus.story.title if app.dashboard and app.dashboard.corpus \
            else ""
        assert open_title and not any(open_title in (h or "") for h in stories)
        musk = [hit async for hit in provider.search("musk")]
        assert {hit.text.split(":")[0] for hit in musk if hit.text} == {
            "Actor", "Claim", "Reaction"}
        assert any(hit.text and hit.text.startswith("Actor: Elon Musk") for hit in musk)
        target = next(hit for hit in hits
                      if hit.help and "Archive 0002" in hit.help and hit.text
                      and hit.text.startswith("Claim"))
        await pilot.pause()
        target.command()  # type: ignore[call-arg]
        await pilot.pause()
        screen = app.dashboard
        assert screen is not None and screen.corpus is not None
        assert screen.corpus.story.id == "archive-0002"
        assert screen.selected is not None and screen.corpus.kind_of(screen.selected) == "claim"
        assert "h800" in screen.corpus.index.haystack[screen.selected]  # type: ignore[index]


async def test_palette_query_shows_hits_naming_their_stories(folder: Path) -> None:
    app = make_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await all_loaded(app, pilot)
        await pilot.press("ctrl+p", *"H800")
        for _ in range(100):
            await pilot.pause(0.02)
            options = app.screen.query("CommandList")
            if options and options.first().option_count:
                break
        command_list = app.screen.query_one("CommandList")
        prompts = [str(command_list.get_option_at_index(i).prompt)
                   for i in range(command_list.option_count)]
        assert any("Archive 0005" in prompt for prompt in prompts), prompts[:3]


async def test_each_story_keeps_its_own_selection_and_history(folder: Path) -> None:
    app = make_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await all_loaded(app, pilot)
        screen = app.dashboard
        assert screen is not None and screen.corpus is not None
        await pilot.press("j", "j")
        first_choice = screen.selected
        screen.follow("musk")
        assert screen.history and screen.selected == "musk"
        app.open_story("archive-0001")
        await pilot.pause()
        assert screen.corpus.story.id == "archive-0001"
        assert screen.selected != "musk" and screen.history == []
        app.open_story("archive-0000")
        await pilot.pause()
        assert screen.selected == "musk"
        assert screen.history[-1] == first_choice


async def test_takes_notes_and_exports_stay_with_their_story(folder: Path) -> None:
    """The copies share claim ids: a verdict or note on one story's claim is not the
    other's, on screen, on disk or in an export, across switches both ways."""
    claim = "wang-50k-h100"
    app = make_app([folder])
    async with app.run_test(size=(120, 40)) as pilot:
        await all_loaded(app, pilot)
        screen = app.dashboard
        assert screen is not None

        def you() -> str:
            claims = screen.query_one("#claims", RowList)
            return next(row.cells[3].plain for row in claims.rows if row.key == claim)

        async def export_json() -> dict[str, object]:
            await pilot.press("e", "down", "enter")
            await app.workers.wait_for_complete()
            await pilot.pause()
            assert app.last_export is not None
            return json.loads(app.last_export.read_text(encoding="utf-8"))  # type: ignore[no-any-return]

        screen.follow(claim)
        await pilot.pause()
        await pilot.press("v", "v")  # doubt, on archive-0000
        await pilot.press("n", *"first", "ctrl+s")
        await pilot.pause()
        app.takes.wait()
        first = await export_json()
        first_path = app.last_export

        app.open_story("archive-0001")
        await pilot.pause()
        assert screen.corpus is not None and screen.corpus.story.id == "archive-0001"
        assert you() == ""  # the same claim id, another story: no verdict
        screen.follow(claim)
        await pilot.pause()
        assert "first" not in str(screen.query_one("#inspector-body").render())
        await pilot.press("v")  # believe, on archive-0001
        app.takes.wait()
        second = await export_json()

        app.open_story("archive-0000")
        await pilot.pause()
        assert you() == "−"
        screen.follow(claim)
        await pilot.pause()
        assert "first" in str(screen.query_one("#inspector-body").render())

    assert first["story"]["id"] == "archive-0000"  # type: ignore[index]
    assert {c: (t["verdict"], t["note"]) for c, t in first["takes"].items()} == {  # type: ignore[attr-defined]
        claim: ("doubt", "first")}
    assert second["story"]["id"] == "archive-0001"  # type: ignore[index]
    assert {c: (t["verdict"], t["note"]) for c, t in second["takes"].items()} == {  # type: ignore[attr-defined]
        claim: ("believe", "")}
    assert first_path is not None and first_path.name.startswith("archive-0000-")
    assert app.last_export is not None and app.last_export.name.startswith("archive-0001-")
    store = UserStore(data_dir())
    assert store.load() == []
    assert {story: {c: (t.verdict.value if t.verdict else None, t.note)
                    for c, t in store.takes(story).items()}
            for story in ("archive-0000", "archive-0001", "archive-0002")} == {
        "archive-0000": {claim: ("doubt", "first")},
        "archive-0001": {claim: ("believe", "")},
        "archive-0002": {}}


async def test_the_picker_shows_each_date_whole() -> None:
    """The bundled story's date is known roughly ("c. 2025-01-27"): the date column is
    as wide as the widest date listed, so none is cut."""
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        await all_loaded(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        rows = app.screen.query_one(RowList)
        dates = [rows.rows[i].cells[1].plain for i in range(len(rows.rows))]
        assert "c. 2025-01-27" in dates
        assert rows.columns[1].width == max(map(len, dates))
        drawn = "\n".join(rows.render_line(y).text for y in range(rows.size.height))
        assert all(date in drawn for date in dates)
