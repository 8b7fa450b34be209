"""Seed text is shown literally: markup stays text, escapes never reach the terminal."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import DATA
from tests.ui.helpers import loaded, make_app
from tui.ui.widgets.row_list import RowList

MARKUP = "[bold red]boom[/] [link=https://evil.example]click[/link]"


def _hostile_seed(tmp_path: Path) -> Path:
    text = (DATA / "good" / "minimal.toml").read_text(encoding="utf-8")
    text = text.replace(
        'short = "The lab trained its model on 100 X1 cards"',
        f'short = "{MARKUP} \\u001b[31mred\\u001b]0;title\\u0007 \\u202eevil"',
    )
    text = text.replace('name = "Alice Example"', 'name = "Alice [i]Example[/i]"')
    text = text.replace('name = "X1 SXM"', 'name = "X1 [b]SXM[/b]"')
    seed = tmp_path / "hostile.toml"
    seed.write_text(text, encoding="utf-8")
    return seed


async def test_markup_and_escapes_in_seed_text_are_shown_literally(tmp_path: Path) -> None:
    app = make_app([_hostile_seed(tmp_path)])
    async with app.run_test(size=(160, 40)) as pilot:
        screen = await loaded(pilot)
        claims = screen.query_one("#claims", RowList)
        shown = [row.cells[1].plain for row in claims.rows]
        hostile = next(text for text in shown if "boom" in text)
        assert hostile.startswith(MARKUP)
        assert "\x1b" not in hostile and "\u202e" not in hostile and "\x07" not in hostile
        rendered = "".join(claims.render_line(y).text for y in range(claims.size.height))
        assert "[bold red]boom[/]" in rendered
        gpus = screen.query_one("#gpus", RowList)
        assert any(row.cells[0].plain == "X1 [b]SXM[/b]" for row in gpus.rows)
        screen.follow(claims.rows[0].key)
        await pilot.pause()
        await pilot.press("c")
        assert "\x1b" not in app.clipboard
        body = str(screen.query_one("#inspector-body").render())
        assert "[bold red]boom[/]" in body or "Alice [i]Example[/i]" in body
