"""What the dashboard does (and must not do twice) on its way to the first frame.

These pin the work behind the cold-start number in the README (no timings here): each
skipped step is checked to lose nothing on screen.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable
from typing import TypeVar

import pytest
from textual.css.stylesheet import Stylesheet
from textual.dom import DOMNode
from textual.geometry import Region
from textual.strip import Strip
from textual.widgets import Footer

from tests.ui.helpers import loaded, make_app, warm_cache
from tui.core.corpus import Corpus
from tui.ui.details import describe
from tui.ui.screens.dashboard import DashboardScreen
from tui.ui.widgets.inspector import Inspector
from tui.ui.widgets.row_list import RowList
from tui.ui.widgets.text_view import TextView

T = TypeVar("T")


@pytest.fixture(params=[False, True], ids=["loading", "cached"])
def way_in(request: pytest.FixtureRequest) -> bool:
    """Both ways in: a story loaded in the worker (the dashboard is pushed over the
    loading screen), and one read from the cache (the dashboard is the first screen)."""
    if request.param:
        warm_cache()
    return bool(request.param)


def _at_mount(monkeypatch: pytest.MonkeyPatch, look: Callable[[DashboardScreen], T]) -> list[T]:
    """What ``look`` sees of the dashboard right after its ``on_mount``, once per mount."""
    seen: list[T] = []
    original = DashboardScreen.on_mount

    def on_mount(self: DashboardScreen) -> None:
        original(self)
        seen.append(look(self))

    monkeypatch.setattr(DashboardScreen, "on_mount", on_mount)
    return seen


def _styles(root: DOMNode) -> dict[str, object]:
    """Every node's CSS rules and component-class rules, by its place in the tree."""
    out: dict[str, object] = {}
    for index, node in enumerate(root.walk_children(with_self=True)):
        place = f"{index}:{type(node).__name__}#{node.id}"
        out[place] = node.styles.base.get_rules()
        for name in sorted(node._component_styles):
            out[f"{place}.{name}"] = node._component_styles[name].base.get_rules()
    return out


@pytest.mark.usefixtures("way_in")
async def test_the_dashboard_is_not_restyled_as_it_opens(monkeypatch: pytest.MonkeyPatch) -> None:
    restyled: list[DOMNode] = []
    original = Stylesheet.update_nodes

    def spying(self: Stylesheet, nodes: Iterable[DOMNode], animate: bool = False) -> None:
        nodes = list(nodes)
        restyled.extend(nodes)
        original(self, nodes, animate=animate)

    monkeypatch.setattr(Stylesheet, "update_nodes", spying)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        # Focusing the claims list restyles that pane (and the footer its keys); no
        # other pane is styled again.
        assert screen not in restyled
        assert {node.id for node in restyled if isinstance(node, RowList)} == {"claims"}


@pytest.mark.usefixtures("way_in")
async def test_the_styles_it_opens_with_are_those_of_a_full_restyle() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        before = _styles(screen)
        app.update_styles(screen)
        await pilot.pause()
        after = _styles(screen)
        assert len(before) > 30
        assert before == after


@pytest.mark.usefixtures("way_in")
async def test_the_inspector_fills_in_right_after_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at_mount = _at_mount(
        monkeypatch, lambda screen: (screen.selected, len(screen.query_one(Inspector).children))
    )
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.corpus is not None and screen.selected is not None
        # Mounted with its first claim selected and marked, but nothing inspected yet:
        # the inspector's text and links are not even mounted.
        assert at_mount == [(screen.selected, 0)]
        body = screen.query_one("#inspector-body", TextView)
        assert body.text.plain == _described(body, screen.corpus, screen.selected)
        links = screen.query_one("#links", RowList)
        assert {row.key for row in links.rows} == set(screen.corpus.links(screen.selected))
        # From then on, a selection is inspected in its own frame.
        await pilot.press("j")
        assert body.text.plain == _described(body, screen.corpus, screen.selected)


def _described(body: TextView, corpus: Corpus, item_id: str | None) -> str:
    """What the inspector's text should read for ``item_id`` at the body's width."""
    assert item_id is not None
    return describe(corpus, item_id, width=body.scrollable_content_region.width).plain


EXTRAS = ["too-small", "search", "filter-bar"]


def _ids_before_the_footer(screen: DashboardScreen) -> list[str | None]:
    children = list(screen.children)
    footer = next(i for i, child in enumerate(children) if isinstance(child, Footer))
    return [child.id for child in children[:footer] if child.id in EXTRAS]


@pytest.mark.usefixtures("way_in")
async def test_the_size_message_search_box_and_filter_bar_come_after_the_first_frame(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    at_mount = _at_mount(monkeypatch, _ids_before_the_footer)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert at_mount == [[]]
        assert _ids_before_the_footer(screen) == EXTRAS
        assert not screen.query_one("#search").display
        assert not screen.query_one("#filter-bar").has_class("-on")


async def test_they_are_mounted_when_wanted_sooner(monkeypatch: pytest.MonkeyPatch) -> None:
    def without_extras(self: DashboardScreen) -> None:
        self._first_frame_pending = False
        self._inspect()

    monkeypatch.setattr(DashboardScreen, "_after_first_frame", without_extras)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert _ids_before_the_footer(screen) == []
        await pilot.press("f")
        assert screen.query_one("#filter-bar").has_class("-on")
        assert screen.query_one(Footer).has_class("-off")
        await pilot.press("slash", *"h800")
        assert screen.search_query == "h800"
        assert screen.focused is screen.query_one("#search")
        await pilot.press("escape")
        assert screen.search_query == "" and screen.stance_filter is None
        await pilot.resize_terminal(50, 12)
        await pilot.pause()
        assert "terminal too small" in str(screen.query_one("#too-small").render())
        assert _ids_before_the_footer(screen) == ["filter-bar", "search", "too-small"]


@pytest.mark.usefixtures("way_in")
async def test_the_collector_comes_back_on_once_the_first_frame_is_drawn(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    collecting_while_drawn: list[bool] = []
    original = RowList.render_lines

    def render_lines(self: RowList, crop: Region) -> list[Strip]:
        if self.id == "claims":
            collecting_while_drawn.append(gc.isenabled())
        return original(self, crop)

    monkeypatch.setattr(RowList, "render_lines", render_lines)
    gc.disable()  # as the CLI does
    try:
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)
            assert gc.isenabled()
            assert collecting_while_drawn[0] is False
    finally:
        gc.enable()


async def test_the_links_can_be_reached_before_anything_is_inspected(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(DashboardScreen, "_after_first_frame", lambda self: None)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        inspector = screen.query_one(Inspector)
        assert not inspector.children
        await pilot.press("4")  # the inspector's links, mounted empty on the way
        assert screen.focused is inspector.ensure_links() and screen.active_pane == "inspector"
        assert len(inspector.ensure_links().rows) == 0
        assert screen.corpus is not None and screen.selected is not None
        screen._inspect()  # and the first item shown after that fills them
        await pilot.pause()
        body = screen.query_one("#inspector-body", TextView)
        assert body.text.plain == _described(body, screen.corpus, screen.selected)
        assert len(inspector.ensure_links().rows) == len(screen.corpus.links(screen.selected))
        await pilot.press("tab")
        assert screen.focused is screen.query_one("#claims")


@pytest.mark.usefixtures("way_in")
async def test_the_rest_comes_with_the_first_resume(monkeypatch: pytest.MonkeyPatch) -> None:
    # Without the fallback (after the screen next settles), the first resume alone
    # brings the inspector's parts and the extras.
    monkeypatch.setattr(DashboardScreen, "call_after_refresh", lambda self, *a, **k: True)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert len(screen.query_one(Inspector).children) == 2
        assert _ids_before_the_footer(screen) == EXTRAS


async def test_a_cached_story_opens_as_the_first_screen() -> None:
    warm_cache()
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert app.screen_stack == [screen]
        assert not app.query("#loading")


async def test_both_ways_in_show_the_same_dashboard() -> None:
    shots = []
    for cached in (False, True):
        if cached:
            warm_cache()
        app = make_app()
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)
            await pilot.pause()
            shots.append(app.export_screenshot())
    assert shots[0] == shots[1]


async def test_two_shows_before_the_parts_are_mounted_leave_the_second(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(DashboardScreen, "_after_first_frame", lambda self: None)
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        inspector = screen.query_one(Inspector)
        corpus = screen.corpus
        assert corpus is not None and not inspector.children
        first, second = corpus.claims[0].id, corpus.claims[1].id
        for item in (first, second):  # in one go: the parts are not mounted in between
            screen.selected = item
            screen._inspect()
        await pilot.pause()
        body = screen.query_one("#inspector-body", TextView)
        assert body.text.plain == _described(body, corpus, second)
        assert {row.key for row in inspector.ensure_links().rows} == set(corpus.links(second))
        assert body.render_line(0).text.strip()  # drawn, at its width
