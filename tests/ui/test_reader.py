"""Following every source and reading every word (issue 23): `u` opens a source in the
browser, Enter opens a source among the links, links are drawn whole, `z` gives a pane
the whole screen and Esc gives it back, and the inspector follows the compute lens."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from tests.ui.helpers import loaded, make_app
from tui.core.model import Source
from tui.ui.app import DeepseekApp
from tui.ui.screens.compute import ComputeScreen
from tui.ui.screens.dashboard import DashboardScreen
from tui.ui.widgets.inspector import Inspector
from tui.ui.widgets.row_list import RowList
from tui.ui.widgets.text_view import TextView

FIRST_CLAIM = "ds-rivals-openai"


class Watched:
    """What the app opened in the browser, copied and said, instead of doing it."""

    def __init__(self, app: DeepseekApp) -> None:
        self.opened: list[str] = []
        self.copied: list[str] = []
        self.said: list[str] = []
        app.open_url = lambda url, new_tab=True: self.opened.append(url)  # type: ignore[method-assign]
        app.copy_to_clipboard = self.copied.append  # type: ignore[method-assign]
        notify = app.notify

        def said(message: str, *args: Any, **kwargs: Any) -> None:
            self.said.append(message)
            notify(message, *args, **kwargs)

        app.notify = said  # type: ignore[method-assign]


def _sources(screen: DashboardScreen, item_id: str) -> list[Source]:
    corpus = screen.corpus
    assert corpus is not None
    found = [corpus.get(source_id) for source_id in getattr(corpus.get(item_id), "sources", ())]
    return [source for source in found if isinstance(source, Source)]


async def _select(pilot: Pilot[None], screen: DashboardScreen, item_id: str) -> None:
    screen.follow(item_id)
    await pilot.pause()
    assert screen.selected == item_id


async def test_u_opens_the_first_source_of_the_selected_claim() -> None:
    app = make_app()
    watched = Watched(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        assert screen.selected == FIRST_CLAIM
        await pilot.press("u")
        await pilot.pause()
        first = _sources(screen, FIRST_CLAIM)[0]
        assert first.url is not None and first.url.startswith("https://")
        assert watched.opened == [first.url]
        assert any(message.startswith("Opening github.com/") for message in watched.said)


async def test_u_on_a_source_read_via_a_copy_opens_the_original() -> None:
    app = make_app()
    watched = Watched(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await _select(pilot, screen, "toms-semia")
        await pilot.press("u")
        await pilot.pause()
        assert watched.opened == [
            "https://www.tomshardware.com/tech-industry/artificial-intelligence/deepseek-might-"
            "not-be-as-disruptive-as-claimed-firm-reportedly-has-50-000-nvidia-gpus-and-spent-"
            "usd1-6-billion-on-buildouts"]


async def test_u_on_a_source_known_only_from_a_copy_opens_the_copy_and_says_so() -> None:
    app = make_app()
    watched = Watched(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await _select(pilot, screen, "reuters-chip-ban-speedup")
        await pilot.press("u")
        await pilot.pause()
        assert len(watched.opened) == 1
        assert watched.opened[0].startswith("https://greatretirementdelight.com/")
        assert any("the copy it was read via" in message for message in watched.said)


async def test_u_on_an_item_without_a_source_says_so_and_opens_nothing() -> None:
    app = make_app()
    watched = Watched(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await _select(pilot, screen, "musk")  # an actor: no sources of its own
        await pilot.press("u")
        await pilot.pause()
        assert watched.opened == []
        assert any("has no source with a web address" in message for message in watched.said)


async def test_enter_on_each_source_in_the_links_opens_that_source() -> None:
    app = make_app()
    watched = Watched(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await _select(pilot, screen, "wang-50k-h100")
        sources = _sources(screen, "wang-50k-h100")
        assert len(sources) >= 2
        await pilot.press("4")
        links = screen.query_one("#links", RowList)
        for source in sources:
            assert links.move_to(source.id)
            await pilot.press("enter")
            await pilot.pause()
            assert watched.opened[-1] == (source.url or source.via)
            assert screen.selected == "wang-50k-h100"  # opened, not followed
        # `u` there opens the source under the cursor too
        await pilot.press("u")
        await pilot.pause()
        assert watched.opened[-1] == (sources[-1].url or sources[-1].via)
        assert len(watched.opened) == len(sources) + 1


async def test_c_copies_every_address_in_full() -> None:
    app = make_app()
    watched = Watched(app)
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert len(watched.copied) == 1
        for source in _sources(screen, FIRST_CLAIM):
            for address in (source.url, source.via):
                if address:
                    assert address in watched.copied[0]


def _link_lines(body: TextView) -> dict[str, set[int]]:
    """Each linked address → the wrapped lines its label is drawn on."""
    lines: dict[str, set[int]] = {}
    for number, strip in enumerate(body._lines):
        for segment in strip:
            link = segment.style.link if segment.style is not None else None
            if link:
                lines.setdefault(link, set()).add(number)
    return lines


@pytest.mark.parametrize("size", [(80, 24), (110, 34), (120, 40), (160, 50)])
@pytest.mark.parametrize("item_id", ["wang-50k-h100", "toms-semia", "musk-lmao-no",
                                     "reuters-chip-ban-speedup"])
async def test_every_link_is_drawn_whole_on_one_line(size: tuple[int, int], item_id: str) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        await _select(pilot, screen, item_id)
        await pilot.press("4")
        await pilot.pause()
        body = screen.query_one("#inspector-body", TextView)
        lines = _link_lines(body)
        addresses = {address for source in ([screen.corpus.get(item_id)]  # type: ignore[union-attr]
                                            if item_id in ("toms-semia", "reuters-chip-ban-speedup")
                                            else _sources(screen, item_id))
                     if isinstance(source, Source)
                     for address in (source.url, source.via) if address}
        assert addresses and set(lines) == addresses
        for address, on in lines.items():
            assert len(on) == 1, (address, on)
            label = "".join(segment.text for segment in body._lines[min(on)]
                            if segment.style is not None and segment.style.link == address)
            host = address.split("/")[2].removeprefix("www.")
            assert label.startswith(host[: len(label) - 1]), label


@pytest.mark.parametrize("size", [(120, 40), (80, 24)])
async def test_z_maximises_the_focused_pane_and_z_or_escape_restores_it(
    size: tuple[int, int],
) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        screen = await loaded(pilot)
        inspector = screen.query_one(Inspector)
        for restore in ("z", "escape"):
            await pilot.press("4", "z")
            await pilot.pause()
            assert screen.maximized is inspector
            assert inspector.outer_size.width == size[0]
            assert inspector.outer_size.height == size[1] - 1  # all but the footer
            await pilot.press(restore)
            await pilot.pause()
            assert screen.maximized is None
            assert inspector.outer_size.width < size[0] or screen.has_class("-compact")
        claims = screen.query_one("#claims", RowList)
        await pilot.press("1", "z")
        await pilot.pause()
        assert screen.maximized is claims and claims.outer_size.width == size[0]
        await pilot.press("3")  # another pane, while maximised: it takes the screen
        await pilot.pause()
        assert screen.maximized is screen.query_one("#reactions")
        await pilot.press("escape")
        await pilot.pause()
        assert screen.maximized is None


async def test_a_maximised_inspector_reads_a_claim_as_a_page_at_80x24() -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await loaded(pilot)
        corpus = screen.corpus
        assert corpus is not None
        await _select(pilot, screen, FIRST_CLAIM)
        await pilot.press("4", "z")
        await pilot.pause()
        body = screen.query_one("#inspector-body", TextView)
        assert body.size.width >= 70
        shown = "\n".join(strip.text.rstrip() for strip in body._lines)
        claim = corpus.get(FIRST_CLAIM)
        words = " ".join(shown.split())
        assert " ".join(claim.text.split()) in words  # type: ignore[union-attr]
        assert "Status: ○ asserted" in shown and "When: 2025-01-20" in shown
        assert "Date note: " in shown and "Why this status: " in shown
        for source in _sources(screen, FIRST_CLAIM):
            assert f"({source.publisher}, {source.date})" in words or (
                source.date is None and f"({source.publisher})" in words)
        assert "github.com/deepseek-ai/DeepSeek-R1/blob/main/README.md" in shown
        # following a link keeps the page: the reaction reads in the maximised inspector
        links = screen.query_one("#links", RowList)
        assert links.move_to("altman-impressive")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.selected == "altman-impressive"
        assert screen.maximized is screen.query_one(Inspector)
        assert body.text.plain.startswith("REACTION")


async def test_the_inspector_compute_line_follows_the_lens() -> None:
    app = make_app()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = await loaded(pilot)
        await _select(pilot, screen, "fleet-v3-h800")
        body = screen.query_one("#inspector-body", TextView)
        assert "Compute lens at 35% of BF16 dense peak" in body.text.plain
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, ComputeScreen)
        await pilot.press("right", "p")  # 40% of FP8
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        text = " ".join(body.text.plain.split())
        assert "Compute lens at 40% of FP8 dense peak" in text
        assert "at 40% of FP8 dense peak" in text.split("Compute lens at")[1]
        assert "35%" not in text.split("Compute lens at")[1].split("At datasheet")[0]
        await pilot.press("m")  # the lens opens where it was left
        await pilot.pause()
        assert isinstance(app.screen, ComputeScreen)
        assert (app.screen.utilisation, app.screen.precision.value) == (0.4, "fp8")
