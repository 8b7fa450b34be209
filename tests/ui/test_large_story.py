"""CI smoke test of the benchmark path: a generated 1,000-item story loads and works.

Correctness only; timing lives in bench/ (see the README).
"""

from __future__ import annotations

from pathlib import Path

from bench.generate import story_toml
from tests.ui.helpers import loaded, make_app
from tui.core.corpus import Corpus
from tui.core.loader import load_file
from tui.core.model import Stance
from tui.ui import planner
from tui.ui.screens import dashboard
from tui.ui.widgets.row_list import RowList


def _story(tmp_path: Path, size: int = 1000) -> Path:
    path = tmp_path / "generated.toml"
    path.write_text(story_toml(size, size), encoding="utf-8")
    return path


def test_generated_story_loads_with_every_item(tmp_path: Path) -> None:
    corpus = load_file(_story(tmp_path))
    assert isinstance(corpus, Corpus)
    assert len(corpus.claims) == 1000 and len(corpus.reactions) == 1000
    again = load_file(_story(tmp_path))  # same bytes: from the cache
    assert isinstance(again, Corpus) and again.claims == corpus.claims


async def test_generated_story_in_the_dashboard(tmp_path: Path) -> None:
    app = make_app([_story(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        claims = screen.query_one("#claims", RowList)
        reactions = screen.query_one("#reactions", RowList)
        assert len(claims.rows) == 1000 and len(reactions.rows) == 1000
        await pilot.press("G")
        assert claims.cursor == 999 and screen.selected == claims.current_key
        await pilot.press("slash", *"claim 99")
        await pilot.pause()
        expected = [c.id for c in screen.corpus.claims if c.id in screen.corpus.search("claim 99")]
        assert "claim-99" in expected and list(claims.rows.keys) == expected
        await pilot.press("escape", "f")
        assert {screen.corpus.get(k).stance.value for k in reactions.rows.keys} == {"skeptical"}


async def test_large_stories_filter_in_a_worker(tmp_path: Path, monkeypatch: object) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(planner, "LARGE_STORY", 100)  # treat the 1,000-item story as large
    app = make_app([_story(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("slash", *"claim 12")
        await app.workers.wait_for_complete()
        await pilot.pause()
        shown = list(screen.query_one("#claims", RowList).rows.keys)
        expected = [c.id for c in screen.corpus.claims if c.id in screen.corpus.search("claim 12")]
        assert "claim-12" in shown and shown == expected
        assert "filtering" not in str(screen.query_one("#filter-bar").render())


async def test_a_story_not_in_the_cache_loads_under_a_line_of_progress(tmp_path: Path) -> None:
    app = make_app([_story(tmp_path)])
    shown: list[str] = []
    show = app._loading.update

    def record(content: object = "") -> None:
        shown.append(str(content))
        show(content)  # type: ignore[arg-type]

    app._loading.update = record  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert app.screen is screen  # the dashboard opened over the loading line
    assert any("parsing generated.toml" in line for line in shown), shown
    assert any("indexing 2,026 items" in line for line in shown), shown


async def test_a_huge_story_filters_in_a_worker_and_comes_back_at_once(
    tmp_path: Path, monkeypatch: object
) -> None:
    import pytest

    assert isinstance(monkeypatch, pytest.MonkeyPatch)
    monkeypatch.setattr(planner, "HUGE_STORY", 100)  # treat the 1,000-item story as huge
    in_worker: list[object] = []
    original = dashboard.DashboardScreen._plan_in_worker

    def counting(self: dashboard.DashboardScreen, *args: object) -> object:
        in_worker.append(args)
        return original(self, *args)  # type: ignore[arg-type]

    monkeypatch.setattr(dashboard.DashboardScreen, "_plan_in_worker", counting)
    app = make_app([_story(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        reactions = screen.query_one("#reactions", RowList)
        whole = reactions.rows
        await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert {screen.corpus.get(k).stance.value for k in reactions.rows.keys} == {"skeptical"}
        assert len(in_worker) == 1
        for _ in range(len(Stance)):
            await pilot.press("f")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.stance_filter is None
        assert reactions.rows is whole  # the first plan again
        assert len(in_worker) == len(Stance)  # every stance in the worker, not the way back


async def test_the_search_text_is_built_before_the_first_keystroke(tmp_path: Path) -> None:
    """Built in the background right after the first frame, so the first search does
    not build it on the UI thread (it took 210-250 ms at 18,000 items)."""
    app = make_app([_story(tmp_path)])
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.corpus is not None and screen.corpus.index.haystack is not None
        # and what one search of the whole story costs, measured in the background
        assert screen._planner is not None and screen._planner.seconds_per_item is not None
